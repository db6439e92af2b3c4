"""The field reference in docs/authoring.md, generated from the schema.

The part of ``docs/authoring.md`` between :data:`START` and :data:`END` is
written by this module from the pydantic models in
:mod:`game.scenario.schema` and the grammar in
:mod:`game.scenario.expressions`; a test fails when it is stale.

    python -m game.scenario.reference            print the reference
    python -m game.scenario.reference --write    refresh docs/authoring.md
    python -m game.scenario.reference --check    exit 1 when it is stale

Every example shown (effects and expressions) is checked while rendering, so
the reference cannot show an example the game would refuse.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
import types
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import annotated_types as at
import yaml
from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from game.scenario import expressions as ex
from game.scenario import schema as sc

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"
DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
REFRESH = "python -m game.scenario.reference --write"

# Rules that span several fields, which the field table cannot show.
NOTES: dict[type[BaseModel], str] = {
    sc.Metric: "`initial` and `target` must lie between `min` and `max`.",
    sc.Ending: "Exactly one ending has no `when`: it is the fallback when no other ending matches.",
    sc.Event: "Every event needs choices: two or three make a dilemma. A choice may have no effects.",
}

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
}

# What each quantity in expressions means, with an example.
QUANTITIES: dict[str, tuple[str, str]] = {
    "turn": ("the current turn, counting from 1", "turn >= 4"),
    "turns": ("how many turns the scenario lasts", "turn == turns"),
    "trust": ("a stakeholder's trust in the chief executive, 0 to 1", "trust.council < 0.3"),
    "support": ("a stakeholder's support for the change, 0 to 1", "support.hospital >= 0.6"),
    "grievance": ("a stakeholder's memory of being forced or overruled, 0 or more", "grievance.hospital > 1"),
    "blocked": ("1 if the stakeholder blocked the change in the turn just played, else 0", "blocked.council == 1"),
    "power": ("a stakeholder's power, as written in the file", "power.council > 0.5"),
    "legitimacy": ("a stakeholder's legitimacy, as written in the file", "legitimacy.council > 0.5"),
    "urgency": ("a stakeholder's urgency, as written in the file", "urgency.council > 0.5"),
    "interest": ("a stakeholder's interest, as written in the file", "interest.council > 0.5"),
    "progress": ("a programme's progress, 0 (not started) to 1 (delivered)", "progress.hub >= 1"),
    "metric": ("a metric's current value, in its own unit", "metric.waiting_weeks > 18"),
    "flag": ("a flag set by an effect; 0 (the start) means false", "flag.press_leak == 1"),
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

_SKIP_SECTIONS = {*sc.EFFECT_KINDS.values()}


# --------------------------------------------------------------------------
# Types in plain words


def _is(hint: Any, alias: Any) -> bool:
    try:
        return bool(hint == alias)
    except TypeError:
        return False


def _strip(hint: Any) -> Any:
    """Drop Annotated wrappers that are not one of the named aliases."""
    while typing.get_origin(hint) is typing.Annotated and not any(
        _is(hint, a) for a in (sc.Identifier, sc.LocalisedText, sc.ShortText, sc.Expression, sc.Who, sc.Effect,
                                 sc.Unit)
    ):
        hint = typing.get_args(hint)[0]
    return hint


def _anchor(title: str) -> str:
    """The anchor a Markdown renderer gives a heading (GitHub's rule)."""
    text = re.sub(r"[^\w\- ]", "", title.lower())
    return text.replace(" ", "-")


def _title(model: type[BaseModel]) -> str:
    if model is sc.Scenario:
        return "Scenario file"
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__.removesuffix("Spec")).lower()
    return words[0].upper() + words[1:]


def _link(model: type[BaseModel]) -> str:
    if model.__name__.endswith("Spec"):
        title = _title(model) + " effect"
        return f"[{title.lower()}](#{_anchor(title)})"
    return f"[{_title(model).lower()}](#{_anchor(_title(model))})"


def words(hint: Any, plural: bool = False) -> str:
    """A type in plain words, for authors rather than programmers."""
    hint = _strip(hint)
    s = "s" if plural else ""
    if _is(hint, sc.Identifier):
        return f"identifier{s}"
    if _is(hint, sc.LocalisedText):
        return f"text{s} (translatable)"
    if _is(hint, sc.ShortText):
        return f"name{s} (translatable)"
    if _is(hint, sc.Expression):
        return f"expression{s}"
    if _is(hint, sc.Who):
        return "[who](#who)"
    if _is(hint, sc.Effect):
        return f"[effect{s}](#effects)"
    if _is(hint, sc.Unit) or hint is float:
        return f"number{s}"
    if hint is int:
        return f"whole number{s}"
    if hint is bool:
        return "`true` or `false`"
    if hint is str:
        return f"plain text{s}"
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return _link(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        shown = [f"`{a}`" for a in args]
        return shown[0] if len(shown) == 1 else "one of " + ", ".join(shown)
    if origin in (typing.Union, types.UnionType):
        parts = [a for a in args if a is not type(None)]
        return " or ".join(words(a, plural) for a in parts)
    if origin is list:
        return f"list of {words(args[0], plural=True)}"
    if origin is dict:
        key = _strip(args[0])
        if typing.get_origin(key) is Literal:
            return f"`{{{typing.get_args(key)[0]}: {words(args[1])}}}`"
        return f"map from {words(key)} to {words(args[1])}"
    raise TypeError(f"no plain words for the type {hint!r}: teach game/scenario/reference.py")


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() and abs(x) >= 10_000 else f"{x:g}"


def limits(info: FieldInfo, hint: Any) -> str:
    """The range of allowed values, from the field's constraints."""
    if _is(_strip(hint), sc.Expression) or any(_is(a, sc.Expression) for a in typing.get_args(hint)):
        return ""  # the expression reference gives their limits
    lo = hi = ""
    short = long = ""
    notes = []
    for m in info.metadata:
        if isinstance(m, at.Ge):
            lo = _number(float(m.ge))  # type: ignore[arg-type]
        elif isinstance(m, at.Gt):
            lo = f"above {_number(float(m.gt))}"  # type: ignore[arg-type]
        elif isinstance(m, at.Le):
            hi = _number(float(m.le))  # type: ignore[arg-type]
        elif isinstance(m, at.Lt):
            hi = f"below {_number(float(m.lt))}"  # type: ignore[arg-type]
        elif isinstance(m, at.MinLen):
            short = str(m.min_length)
        elif isinstance(m, at.MaxLen):
            long = str(m.max_length)
        elif getattr(m, "pattern", None) and not _is(hint, sc.Identifier):
            notes.append(_PATTERNS.get(m.pattern, f"matches `{m.pattern}`"))
    unit = "items" if typing.get_origin(_strip(hint)) is list else "characters"
    if short and long:
        notes.insert(0, f"{short} to {long} {unit}")
    elif short:
        notes.insert(0, f"at least {short} {unit}")
    elif long:
        notes.insert(0, f"at most {long} {unit}")
    if lo and hi:
        notes.insert(0, f"{lo}, up to {hi}" if lo.startswith("above") else f"{lo} to {hi}")
    elif lo:
        notes.insert(0, lo if lo.startswith("above") else f"{lo} or more")
    elif hi:
        notes.insert(0, hi if hi.startswith("below") else f"{hi} or less")
    return "; ".join(notes)


_PATTERNS = {
    r"^\d{4}-(0[1-9]|1[0-2])$": "a date as `YYYY-MM`",
    r"^[a-z]{2}(-[A-Z]{2})?$": "a language code such as `en` or `pt-BR`",
}


def default(info: FieldInfo) -> str:
    """Whether a field is required, or what it is when left out."""
    if info.is_required():
        return "**required**"
    factory = info.default_factory
    if factory is not None:
        if isinstance(factory, type) and issubclass(factory, BaseModel):
            return "all defaults"
        return "empty"
    value = info.default
    if value is None or value is PydanticUndefined:
        return "none"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if value == "":
        return "empty"
    if isinstance(value, float):
        return f"`{_number(value)}`"
    return f"`{value}`"


# --------------------------------------------------------------------------
# Walking the models


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _fields(model: type[BaseModel]) -> Iterator[tuple[str, Any, FieldInfo]]:
    """The fields in the order an author reads them: the model's own first, inherited after."""
    hints = typing.get_type_hints(model, include_extras=True)
    own = inspect.get_annotations(model)
    names = sorted(model.model_fields, key=lambda n: n not in own)
    for name in names:
        info = model.model_fields[name]
        yield info.alias or name, hints[name], info


def _table(model: type[BaseModel]) -> list[str]:
    rows = ["| field | type | required or default | range | description |", "|---|---|---|---|---|"]
    for key, hint, info in _fields(model):
        rows.append(
            f"| `{key}` | {_cell(words(hint))} | {default(info)} | {_cell(limits(info, hint))} "
            f"| {_cell(info.description or '')} |"
        )
    return rows


def _models_in(hint: Any) -> Iterator[type[BaseModel]]:
    hint = _strip(hint)
    if _is(hint, sc.Effect):
        return
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        yield hint
        return
    for arg in typing.get_args(hint):
        yield from _models_in(arg)


def sections() -> list[tuple[type[BaseModel], list[str]]]:
    """Every model reachable from Scenario outside effects, in reading order, with where it is used."""
    found: dict[type[BaseModel], list[str]] = {sc.Scenario: ["the top level of the file"]}

    def visit(model: type[BaseModel], path: str) -> None:
        for key, hint, _ in _fields(model):
            origin = typing.get_origin(_strip(hint))
            step = f"{path}.{key}" if path else key
            if origin is list:
                step += "[]"
            elif origin is dict:
                step += ".*"
            for inner in _models_in(hint):
                if inner in _SKIP_SECTIONS:
                    continue
                first = inner not in found
                found.setdefault(inner, []).append(f"`{step}`")
                if first:
                    visit(inner, step)

    visit(sc.Scenario, "")
    return list(found.items())


def _doc(model: type[BaseModel]) -> str:
    own = model.__dict__.get("__doc__")
    return " ".join(own.split()) if own and model is not sc.Scenario else ""


# --------------------------------------------------------------------------
# Rendering


def _common_types() -> list[str]:
    out = ["### Value types", ""]
    for name, alias in (
        ("Identifier", sc.Identifier),
        ("Text", sc.LocalisedText),
        ("Name", sc.ShortText),
        ("Expression", sc.Expression),
        ("Who", sc.Who),
    ):
        info = typing.get_args(alias)[1]
        description = info.description if isinstance(info, FieldInfo) else ""
        out += [f"#### {name}", "", _cell(description or ""), ""]
        if name == "Expression":
            out += ["The grammar, every quantity and function, and examples: [Expressions](#expressions).", ""]
    return out


def _effects() -> list[str]:
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
        title = _title(spec) + " effect" if spec.__name__.endswith("Spec") else f"{kind.capitalize()} effect"
        out += [f"#### {title}", "", _cell(info.description or ""), ""]
        out += [*_table(spec), ""]
        note = NOTES.get(spec) or ("Give exactly one of `by` or `to`." if issubclass(spec, sc._Change) else "")
        if note:
            out += [note, ""]
        out += ["```yaml", example, "```", ""]
    return out


def _expressions() -> list[str]:
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
        ex.compile_expression(example, _EXAMPLE_NAMES)
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
        "Operators: `+ - * /`, comparisons `< <= > >= == !=` (they chain: `0.3 < trust.council < 0.7`), "
        "`and`, `or`, `not`, brackets, and the words `true` and `false`. Anything else, such as text in "
        "quotes or `**`, is refused with the position of the offending part.",
        "",
        "| function | what it gives |",
        "|---|---|",
    ]
    out += [f"| `{name}` | {_cell(text)} |" for name, text in ex.FUNCTIONS.items()]
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
        ex.compile_expression(text, names)
        out.append(f"| `{text}` | {place} | {meaning} |")
    return [*out, ""]


def render() -> str:
    """The generated reference, as Markdown (without the markers)."""
    out = [
        "## Reference",
        "",
        f"This part is generated from the game's own schema by `{REFRESH}`; do not edit it by "
        "hand. In the *where* lines, `[]` means each item of a list and `.*` each value of a map.",
        "",
    ]
    out += _common_types()
    for model, used in sections():
        out += [f"### {_title(model)}", "", f"Where: {', '.join(used)}.", ""]
        doc = _doc(model)
        if doc:
            out += [doc, ""]
        out += [*_table(model), ""]
        if model in NOTES:
            out += [NOTES[model], ""]
    out += _effects()
    out += _expressions()
    return "\n".join(out).rstrip() + "\n"


def splice(document: str, reference: str) -> str:
    """The document with the text between the markers replaced by reference."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {START} and {END} are missing or out of order")
    return document[: start + len(START)] + "\n" + reference + document[end:]


def is_current(path: Path = DOCUMENT) -> bool:
    """Whether the reference in path matches what the schema generates now."""
    text = path.read_text(encoding="utf-8")
    return splice(text, render()) == text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.scenario.reference", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="refresh the reference in the document")
    group.add_argument("--check", action="store_true", help="exit 1 when the document is stale")
    parser.add_argument("--doc", type=Path, default=DOCUMENT, help="the document (default docs/authoring.md)")
    args = parser.parse_args(argv)
    if not (args.write or args.check):
        sys.stdout.write(render())
        return 0
    try:
        text = args.doc.read_text(encoding="utf-8")
        updated = splice(text, render())
    except (OSError, ValueError) as exc:
        print(f"{args.doc}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if updated != text:
            print(f"{args.doc}: the reference is stale; run `{REFRESH}`", file=sys.stderr)
            return 1
        return 0
    if updated != text:
        args.doc.write_text(updated, encoding="utf-8")
        print(f"{args.doc}: reference refreshed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
