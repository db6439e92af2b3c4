"""The Effects and Expressions sections of the generated reference, with their examples.

Every example is checked while rendering (effects against the schema,
expressions by the compiler), so the reference cannot show an example the
game would refuse.
"""

from __future__ import annotations

import typing
from typing import Any, Literal

import yaml
from pydantic import TypeAdapter

from game.scenario import expressions as ex
from game.scenario import schema as sc
from game.scenario.expression_compiler import compile_expression
from game.scenario.reference_fields import NOTES, cell, table, title
from game.scenario.schema_effects import Change

# One example per effect kind; each is validated against the schema when rendered.
EFFECT_EXAMPLES: dict[str, str] = {
    "trust": "- trust: {who: target, by: 0.1}",
    "support": "- support: {who: {where: \"power > 0.6\"}, by: -0.05}",
    "metric": "- metric: {id: waiting_weeks, by: -1.5}",
    "progress": "- progress: {programme: target, by: 0.1}",
    "flag": "- flag: {id: press_leak, to: 1}",
    "chance": (
        "- chance:\n"
        "    p: \"0.4 + 0.4 * trust.target\"\n"
        "    then:\n"
        "      - support: {who: target, by: 0.15}\n"
        "    else:\n"
        "      - trust: {who: target, by: -0.05}"
    ),
    "after": "- after:\n    turns: 2\n    do:\n      - metric: {id: waiting_weeks, by: -2}",
    "force": "- force: {programme: target, strength: 1.0}",
    "engage": "- engage: {who: target, strength: 1.0}",
    "red_line": "- red_line: {who: target, holds: false}",
    "drop": "- drop: {programme: target}",
}

# What each quantity in expressions means, with an example.
QUANTITIES: dict[str, tuple[str, str]] = {
    "turn": ("the current turn, counting from 1", "turn >= 4"),
    "turns": ("how many turns the scenario lasts", "turn == turns"),
    "system": (
        "how far the system's metrics have moved since the start, taken together: each metric's change as a "
        "share of its range, better counted positive, weighted as the scenario scores metrics (all equally "
        "when it scores none); -1 to 1",
        "system > 0",
    ),
    "trust": ("a stakeholder's trust in the chief executive, 0 to 1", "trust.council < 0.3"),
    "support": ("a stakeholder's support for the change, 0 to 1", "support.hospital >= 0.6"),
    "grievance": ("a stakeholder's memory of being forced or overruled, 0 or more", "grievance.hospital > 1"),
    "blocked": ("1 if the stakeholder blocked the change in the turn just played, else 0", "blocked.council == 1"),
    "power": ("a stakeholder's power, as written in the file", "power.council > 0.5"),
    "legitimacy": ("a stakeholder's legitimacy, as written in the file", "legitimacy.council > 0.5"),
    "urgency": ("a stakeholder's urgency, as written in the file", "urgency.council > 0.5"),
    "interest": ("a stakeholder's interest, as written in the file", "interest.council > 0.5"),
    "progress": ("a programme's progress, 0 (not started) to 1 (delivered)", "progress.hub >= 1"),
    "dropped": ("1 if the programme has been dropped (a `drop` effect), else 0", "dropped.hub == 0"),
    "metric": ("a metric's current value, in its own unit", "metric.waiting_weeks > 18"),
    "flag": ("a flag set by an effect; 0 (the start) means false", "flag.press_leak == 1"),
}

# What the player did, which only a debrief question's `when` may read, with an example.
RECORD_QUANTITIES: dict[str, tuple[str, str]] = {
    "taken": ("how many times the player took an action", "taken.consult >= 3"),
    "moves": ("how many partnership, push or other moves the player made, event choices included "
              "(the ID is `partner`, `push` or `neutral`)", "moves.push > moves.partner"),
    "first": ("the turn of the player's first partnership, push or other move, 0 if none yet (the ID is "
              "`partner`, `push` or `neutral`)", "first.partner > 0 and first.partner < first.push"),
    "chose": ("the number of the choice the player made in an event, 1 for the first; 0 if it "
              "never came", "chose.press_leak == 2"),
    "ending": ("1 for the ending the game reached, 0 for the others", "ending.hub_open == 0"),
    "can": ("1 while the player can take an action now (for some target), else 0; always 0 once the "
            "game is over", "can.consult == 1"),
}

# Expressions shown as examples: (text, where it may be written, what it means).
EXPRESSION_EXAMPLES: list[tuple[str, str, str]] = [
    ("turn >= 3 and progress.hub < 0.5", "any condition", "from turn 3 on, while the hub is under half done"),
    ("mean(trust) > 0.6", "any condition", "average trust across all stakeholders is above 0.6"),
    ("wmean(support) >= 0.55", "ending `when`", "the power-weighted support is at least 0.55"),
    ("count(support < 0.3) >= 2", "event `when`", "two or more stakeholders are firmly against"),
    ("min(trust) < 0.2 or flag.press_leak", "event `when`", "someone's trust has collapsed, or the leak happened"),
    ("clip(0.2 + grievance.hospital / 4, 0, 0.8)", "event `probability`", "more likely the more aggrieved the hospital is, never above 0.8"),
    ("trust.target >= 0.5", "action `available`", "only for targets who trust you at least half-way"),
    ("0.3 + 0.5 * support.target", "`chance` `p` in an action", "likelier with a supportive target"),
    ("support < 0.4 and power > 0.5", "`who: {where: ...}`", "every powerful stakeholder who is still against"),
]

# The names the examples above are checked against.
_EXAMPLE_NAMES = ex.Names(
    stakeholders=("council", "hospital"), programmes=("hub",), metrics=("waiting_weeks",)
)
_RECORD_NAMES = ex.Names(
    stakeholders=_EXAMPLE_NAMES.stakeholders,
    programmes=_EXAMPLE_NAMES.programmes,
    metrics=_EXAMPLE_NAMES.metrics,
    record={"taken": ("consult",), "moves": ("partner", "push", "neutral"), "first": ("partner", "push", "neutral"),
            "chose": ("press_leak",), "ending": ("hub_open",), "can": ("consult",)},
)


def effect_section() -> list[str]:
    """The section on effects: one table and one checked example per kind."""
    adapter: TypeAdapter[list[Any]] = TypeAdapter(list[sc.Effect])
    out = [
        "### Effects",
        "",
        "An effect is a mapping with exactly one key, which names its kind: "
        + ", ".join(f"`{k}`" for k in sc.EFFECT_KINDS)
        + ". Actions, event choices, `chance` and `after` hold lists of effects.",
        "",
    ]
    for kind, wrapper in sc.EFFECT_KINDS.items():
        example = EFFECT_EXAMPLES[kind]
        adapter.validate_python(yaml.safe_load(example))
        info = wrapper.model_fields[kind]
        spec = typing.get_type_hints(wrapper, include_extras=True)[kind]
        heading = title(spec) + " effect" if spec.__name__.endswith("Spec") else f"{kind.replace('_', ' ').capitalize()} effect"
        out += [f"#### {heading}", "", cell(info.description or ""), ""]
        out += [*table(spec), ""]
        note = NOTES.get(spec) or ("Give exactly one of `by` or `to`." if issubclass(spec, Change) else "")
        if note:
            out += [note, ""]
        out += ["```yaml", example, "```", ""]
    return out


def expression_section() -> list[str]:
    """The section on expressions: quantities, functions, limits and checked examples."""
    namespaces = (*ex.SCALARS, *ex.STAKEHOLDER_NAMESPACES, *ex.OTHER_NAMESPACES)
    out = [
        "### Expressions",
        "",
        "Conditions (`when`, `available`) and probabilities (`probability`, `p`) are expressions: "
        "a small formula over the scenario's quantities. A condition holds when its value is not 0.",
        "",
        "| quantity | meaning | example |",
        "|---|---|---|",
    ]
    for name in namespaces:
        meaning, example = QUANTITIES[name]
        compile_expression(example, _EXAMPLE_NAMES)
        shown = name if name in ex.SCALARS else f"{name}.ID"
        out.append(f"| `{shown}` | {meaning} | `{example}` |")
    stakeholder_ns = ", ".join(f"`{n}`" for n in ex.STAKEHOLDER_NAMESPACES)
    out += [
        "",
        f"For the stakeholder quantities ({stakeholder_ns}) the ID is a stakeholder's id. Inside an "
        "action with a target, `trust.target`, `progress.target` and so on mean the target chosen. "
        "Written bare (`trust` rather than `trust.council`) they mean every stakeholder's value at "
        "once: reduce them with a function below, or use them bare inside `who: {where: ...}`.",
        "",
        "A [debrief question](#question)'s `when` is read once the game is over, on the last turn's "
        "values as an ending's is, and may also count what the player did in the whole game. The "
        "conditions of the other texts a game shows ([hint](#hint)s, [pause point](#pause-point)s and "
        "the [variants](#text-variant) of hints, pauses and endings) may read the same record, so far: "
        "a hint's at the start of its turn, a pause's once its turn is played, an ending variant's at the end.",
        "",
        "| quantity | meaning | example |",
        "|---|---|---|",
    ]
    for name in ex.RECORD_NAMESPACES:
        meaning, example = RECORD_QUANTITIES[name]
        compile_expression(example, _RECORD_NAMES)
        out.append(f"| `{name}.ID` | {meaning} | `{example}` |")
    out += [
        "",
        "Operators: `+ - * /`, comparisons `< <= > >= == !=` (they chain: `0.3 < trust.council < 0.7`), "
        "`and`, `or`, `not`, brackets, and the words `true` and `false`. Anything else, such as text in "
        "quotes or `**`, is refused with the position of the offending part.",
        "",
        "| function | what it gives |",
        "|---|---|",
    ]
    out += [f"| `{name}` | {cell(text)} |" for name, text in ex.FUNCTIONS.items()]
    out += [
        "",
        f"An expression may be at most {ex.MAX_LENGTH} characters, {ex.MAX_NODES} parts and "
        f"{ex.MAX_DEPTH} brackets deep.",
        "",
        "| expression | written in | means |",
        "|---|---|---|",
    ]
    for text, place, meaning in EXPRESSION_EXAMPLES:
        each = "where" in place
        target: Literal["none", "stakeholder"] = "stakeholder" if "target" in text else "none"
        names = ex.Names(
            stakeholders=_EXAMPLE_NAMES.stakeholders,
            programmes=_EXAMPLE_NAMES.programmes,
            metrics=_EXAMPLE_NAMES.metrics,
            target=target,
            each=each,
        )
        compile_expression(text, names)
        out.append(f"| `{text}` | {place} | {meaning} |")
    return [*out, ""]
