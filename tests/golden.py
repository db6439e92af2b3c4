"""Golden baselines: seeded runs of every built-in policy on every shipped scenario.

A change in the model's behaviour shows up as a visible diff of these files.
They are refreshed only by an explicit, reviewed step:

    make golden            (runs: python -m tests.golden --refresh)

Each file ``tests/golden/<scenario>.json`` records the scenario file's
SHA-256, and for each policy a few seeded games: the ending, the score
(rounded to 1e-9) and the final trust of every stakeholder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from game import atomic

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = 20240601
RUNS = {"partner": 6, "force": 6, "balanced": 6, "advisor": 6, "random": 6, "greedy": 3}


def scenario_paths() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def golden_path(scenario: Path) -> Path:
    return GOLDEN / f"{scenario.stem}.json"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record(path: Path) -> dict[str, Any]:
    """The baseline of one scenario file, as plain data."""
    from game.scenario import loader
    from game.scenario.schema import POLICIES
    from game.sim.batch import simulate
    from game.sim.engine import Engine

    engine = Engine(loader.load(path))
    policies: dict[str, list[dict[str, Any]]] = {}
    for policy in POLICIES:
        result = simulate(engine, policy, RUNS[policy], seed=SEED)
        policies[policy] = [
            {
                "seed": int(result.seeds[i]),
                "ending": engine.endings[int(result.ending[i])],
                "score": round(float(result.score[i]), 9),
                "trust": {k: round(float(v), 9) for k, v in zip(engine.stakeholders, result.trust[i], strict=True)},
            }
            for i in range(result.runs)
        ]
    return {"scenario": path.stem, "sha256": digest(path), "seed": SEED, "policies": policies}


def problem(path: Path, target: Path) -> str | None:
    """What is wrong with the golden baseline ``target`` of scenario ``path``, if anything."""
    if not target.is_file():
        return f"no golden baseline for {path.name}: run `make golden` and review the new {target.name}"
    saved = json.loads(target.read_text(encoding="utf-8"))
    if saved.get("sha256") != digest(path):
        return (f"{path.name} has changed since its golden baseline was recorded: check that its new "
                f"behaviour is intended, then run `make golden` and review the diff")
    now = record(path)
    for policy, games in saved["policies"].items():
        if now["policies"].get(policy) != games:
            return (f"{path.name}, policy {policy}: seeded runs no longer match the golden baseline; if "
                    f"the model change is intended, run `make golden` and review the diff")
    return None


def refresh() -> list[Path]:
    """Rewrite every golden file from the current model and scenarios."""
    written = []
    for path in scenario_paths():
        target = golden_path(path)
        atomic.write_text(target, json.dumps(record(path), indent=1, sort_keys=True) + "\n")
        written.append(target)
    for stale in GOLDEN.glob("*.json"):
        if not (SCENARIOS / f"{stale.stem}.yaml").is_file():
            stale.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--refresh", action="store_true", help="rewrite tests/golden/*.json")
    args = parser.parse_args(argv)
    if not args.refresh:
        parser.print_help()
        return 2
    for target in refresh():
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
