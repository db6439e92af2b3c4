"""`shove run`: play one seeded game with a built-in policy and print the result."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.scenario.language import localise
from game.scenario.schema import Scenario

BUILTIN_DIR = Path(__file__).resolve().parent.parent.parent / "scenarios"


class _Unusable(Exception):
    def __init__(self, messages: list[str], code: int) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
        self.code = code


def _resolve(name: str) -> Path:
    try:
        from game.scenario import catalog
    except ImportError:
        catalog = None  # type: ignore[assignment]
    if catalog is not None:
        try:
            return Path(catalog.resolve(name))
        except (LookupError, ValueError, OSError) as exc:
            raise _Unusable([str(exc)], 2) from None
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise _Unusable([f"{name}: cannot read: no such scenario file"], 2)
        return path
    candidate = BUILTIN_DIR / f"{name}.yaml"
    if candidate.is_file():
        return candidate
    raise _Unusable([f"{name}: not a scenario file nor the id of a built-in scenario (see `shove scenarios`)"], 2)


def load_scenario(name: str) -> tuple[Path, Scenario]:
    """Resolve and load a scenario; raises _Unusable with printable messages."""
    from game.scenario import loader
    from game.scenario.problems import ScenarioError

    path = _resolve(name)
    try:
        return path, loader.load(path)
    except ScenarioError as exc:
        errors = [str(p) for p in exc.problems if p.is_error] or [str(p) for p in exc.problems]
        unreadable = bool(exc.problems) and all(p.line < 1 for p in exc.problems) and not path.is_file()
        raise _Unusable(errors, 2 if unreadable else 1) from None


def result_json(scenario_id: str, seed: int, policy: str, engine: Any, traj: Any) -> dict[str, Any]:
    """The `run --json` object (PRODUCT.md's contract)."""
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
    }


def _text(scenario: Scenario, data: dict[str, Any]) -> str:
    from game.scenario.schema import Ending

    def plain(text: str | dict[str, str]) -> str:
        return localise(text, fallback=scenario.meta.language)

    names = {s.id: plain(s.name) for s in scenario.stakeholders}
    targets = {**names, **{p.id: plain(p.name) for p in scenario.programmes}}
    actions = {a.id: plain(a.name) for a in scenario.actions}
    ending: Ending = next(e for e in scenario.endings if e.id == data["ending"])
    label = plain(scenario.meta.turn_label).lower()
    lines = [
        f"{plain(scenario.meta.title)}: {data['policy']} policy, seed {data['seed']}",
        f"Ending: {plain(ending.title)} ({data['outcome']}) after {data['turns']} {label}s",
        f"Score: {data['score']:.1f} out of 100",
        "",
        "Stakeholders (trust in you / support for the change, 0-100%):",
    ]
    width = max([len(n) for n in names.values()] + [len(plain(m.name)) for m in scenario.metrics])
    for sid in data["trust"]:
        lines.append(f"  {names[sid]:<{width}}  {100 * data['trust'][sid]:4.0f}% / {100 * data['support'][sid]:4.0f}%")
    if data["metrics"]:
        lines.append("")
        lines.append("Metrics:")
        for m in scenario.metrics:
            unit = plain(m.unit)
            lines.append(f"  {plain(m.name):<{width}}  {data['metrics'][m.id]:8.1f} {unit}".rstrip())
    lines.append("")
    lines.append("Decisions:")
    by_turn: dict[int, list[str]] = {}
    for d in data["decisions"]:
        label_of = actions.get(d["action"], d["action"])
        if d["target"]:
            label_of += f" ({targets.get(d['target'], d['target'])})"
        by_turn.setdefault(d["turn"], []).append(label_of)
    for turn in range(1, data["turns"] + 1):
        lines.append(f"  {label.capitalize()} {turn}: {'; '.join(by_turn.get(turn, [])) or '(nothing)'}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        path, scenario = load_scenario(args.scenario)
    except _Unusable as exc:
        for message in exc.messages:
            print(message, file=sys.stderr)
        return exc.code
    from game.sim.batch import play_decisions
    from game.sim.compiled import EngineError
    from game.sim.engine import Engine
    from game.sim.policies import get_policy

    seed = int(args.seed or 0)
    try:
        engine = Engine(scenario)
        traj = play_decisions(engine, seed, [], strict=False, fallback=get_policy(args.policy))
    except EngineError as exc:
        print(f"{path}: error: {exc}", file=sys.stderr)
        return 1
    data = result_json(scenario.meta.id, seed, args.policy, engine, traj)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(_text(scenario, data))
    return 0
