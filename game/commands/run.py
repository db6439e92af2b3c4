"""`shove run`: play one seeded game with a built-in policy or an author's strategy and print the result.

The text is in the user's language (``--lang``, else the system's, else the
scenario's), with the scenario's own texts in that language where it has them;
``--json`` is the same in every language. A strategy (``--strategy FILE.py:NAME``,
see ``game.sim.strategy_file``) is named in the JSON by that spec, as typed.

``--trace`` adds every turn: with ``--json`` a ``trace`` list beside the
``turns`` count (``turn_json``), else a block of text per turn (``game.commands.run_trace``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from game.i18n import DEFAULT, choose, counted_label, translate
from game.i18n.numbers import number, with_mark
from game.scenario.language import localise
from game.scenario.schema import Scenario

if TYPE_CHECKING:
    from pathlib import Path


class _Unusable(Exception):
    def __init__(self, messages: list[str], code: int) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
        self.code = code


def _resolve(name: str, lang: str) -> Path:
    from game.scenario import catalog

    try:
        return catalog.resolve(name)
    except catalog.CatalogError as exc:
        raise _Unusable([exc.say(lang)], 2) from None
    except (LookupError, ValueError, OSError) as exc:
        raise _Unusable([str(exc)], 2) from None


def load_scenario(name: str, lang: str = DEFAULT) -> tuple[Path, Scenario]:
    """Resolve and load a scenario; raises _Unusable with messages printable in ``lang``."""
    from game.scenario import loader
    from game.scenario.problems import ScenarioError

    path = _resolve(name, lang)
    try:
        return path, loader.load(path)
    except ScenarioError as exc:
        shown = [p for p in exc.problems if p.is_error] or exc.problems
        unreadable = bool(exc.problems) and all(p.line < 1 for p in exc.problems) and not path.is_file()
        raise _Unusable([p.text(lang) for p in shown], 2 if unreadable else 1) from None


def turn_json(engine: Any, frame: Any) -> dict[str, Any]:
    """One turn of ``run --json --trace``: what was decided and answered, then the numbers after it.

    ``choices`` maps each event answered to the 0-based index of its choice, as a
    save's decision log does, so the decisions and choices of every turn replay the game."""

    def values(ids: list[str], row: Any) -> dict[str, float]:
        return {k: round(float(v), 6) for k, v in zip(ids, row, strict=True)}

    return {
        "turn": frame.turn,
        "decisions": [{"action": d.action, "target": d.target} for d in frame.decisions],
        "events": list(frame.fired),
        "choices": dict(frame.choices),
        "blocked": list(frame.blocked),
        "trust": values(engine.stakeholders, frame.trust),
        "support": values(engine.stakeholders, frame.support),
        "progress": values(engine.programmes, frame.progress),
        "metrics": values(engine.metrics, frame.metrics),
        "score": round(float(frame.score), 6),
    }


def result_json(scenario_id: str, seed: int, policy: str, engine: Any, traj: Any, trace: bool = False) -> dict[str, Any]:
    """The `run --json` object (PRODUCT.md's contract); with ``trace``, also ``trace``: one
    object per turn (``turn_json``), while ``turns`` stays the number of turns played."""
    last = traj.turns[-1] if traj.turns else None
    trust = last.trust if last else traj.start_trust
    support = last.support if last else traj.start_support
    metrics = last.metrics if last else traj.start_metrics
    return {
        "scenario": scenario_id,
        "seed": seed,
        "policy": policy,
        "ending": traj.ending,
        "outcome": traj.outcome,
        "score": round(float(traj.score), 6),
        "turns": len(traj.turns),
        "metrics": {k: round(float(v), 6) for k, v in zip(engine.metrics, metrics, strict=True)},
        "trust": {k: round(float(v), 6) for k, v in zip(engine.stakeholders, trust, strict=True)},
        "support": {k: round(float(v), 6) for k, v in zip(engine.stakeholders, support, strict=True)},
        "decisions": [
            {"turn": frame.turn, "action": d.action, "target": d.target}
            for frame in traj.turns
            for d in frame.decisions
        ],
        **({"trace": [turn_json(engine, frame) for frame in traj.turns]} if trace else {}),
    }


def _text(scenario: Scenario, data: dict[str, Any], lang: str = DEFAULT, player: Any = None) -> str:
    from game.scenario.schema import Ending

    def plain(text: str | dict[str, str]) -> str:
        return localise(text, lang, fallback=scenario.meta.language)

    def say(key: str, /, **fields: object) -> str:
        return translate(lang, f"run.{key}", **fields)

    names = {s.id: plain(s.name) for s in scenario.stakeholders}
    targets = {**names, **{p.id: plain(p.name) for p in scenario.programmes}}
    actions = {a.id: plain(a.name) for a in scenario.actions}
    ending: Ending = next(e for e in scenario.endings if e.id == data["ending"])
    label = plain(scenario.meta.turn_label).lower()
    outcome = say(f"outcome.{data['outcome']}")
    if outcome == f"run.outcome.{data['outcome']}":
        outcome = str(data["outcome"])
    turns = int(data["turns"])
    if player is not None and hasattr(player, "recorded"):  # an author's strategy (game.sim.strategy_file)
        title = say("title_strategy", title=plain(scenario.meta.title), name=player.name, file=player.path,
                    seed=data["seed"])
    else:
        title = say("title", title=plain(scenario.meta.title), policy=data["policy"], seed=data["seed"])
    lines = [
        title,
        say("ending", ending=plain(ending.title), outcome=outcome, n=turns, label=counted_label(label, turns, lang)),
        say("score", score=number(data["score"], lang, 1)),
        "",
        say("stakeholders"),
    ]
    width = max([len(n) for n in names.values()] + [len(plain(m.name)) for m in scenario.metrics])

    def share(value: float) -> str:
        return translate(lang, "fmt.percent", n=f"{100 * value:4.0f}")

    for sid in data["trust"]:
        lines.append(f"  {names[sid]:<{width}}  {share(data['trust'][sid])} / {share(data['support'][sid])}")
    if data["metrics"]:
        lines.append("")
        lines.append(say("metrics"))
        for m in scenario.metrics:
            value = say("metric_value", value=with_mark(f"{data['metrics'][m.id]:8.1f}", lang), unit=plain(m.unit))
            lines.append(f"  {plain(m.name):<{width}}  {value}".rstrip())
    lines.append("")
    lines.append(say("decisions"))
    by_turn: dict[int, list[str]] = {}
    for d in data["decisions"]:
        label_of = actions.get(d["action"], d["action"])
        if d["target"]:
            label_of = say("targeted", action=label_of, target=targets.get(d["target"], d["target"]))
        by_turn.setdefault(d["turn"], []).append(label_of)
    separator = translate(lang, "fmt.list_separator")
    for turn in range(1, turns + 1):
        done = separator.join(by_turn.get(turn, [])) or say("nothing")
        lines.append("  " + say("turn", label=label.capitalize(), turn=turn, decisions=done))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    requested = getattr(args, "lang", None)
    try:
        path, scenario = load_scenario(args.scenario, choose(requested))
    except _Unusable as exc:
        for message in exc.messages:
            print(message, file=sys.stderr)
        return exc.code
    from game.sim.batch import play_decisions
    from game.sim.compiled import EngineError
    from game.sim.engine import Engine
    from game.sim.strategy_file import StrategyError, resolve_policy

    lang = choose(requested, scenario.meta.language)
    seed = int(args.seed or 0)
    strategy = getattr(args, "strategy", None)
    trace = bool(getattr(args, "trace", False))
    try:
        player = resolve_policy(getattr(args, "policy", None), strategy)
        engine = Engine(scenario)
        traj = play_decisions(engine, seed, [], strict=False, fallback=player)
    except StrategyError as exc:
        print(exc.say(lang), file=sys.stderr)
        return exc.code
    except EngineError as exc:
        print(translate(lang, "run.error.engine", path=path, problem=exc), file=sys.stderr)
        return 1
    data = result_json(scenario.meta.id, seed, strategy or args.policy, engine, traj, trace=trace and args.json)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(_text(scenario, data, lang, player))
    if trace:
        from game.commands.run_trace import trace_text

        print()
        print(trace_text(scenario, engine, traj, lang))
    return 0
