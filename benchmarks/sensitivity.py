"""What `shove balance --sensitivity` costs on the flagship scenario, and how many inputs it varies.

Prints, for scenarios/system_reform.yaml at the default 2,000 runs (300 per
variant) and the four one-step policies (greedy sits the sensitivity out):

* how many inputs are varied, by kind, and how many games the analysis plays
  (identical variants, such as a cost already at 1, are played once);
* the median wall time of `sensitivity()` alone, each repeat in a fresh child
  process (worker processes as `shove balance` starts them);
* the median wall time of the whole command,
  `shove balance system_reform --sensitivity --runs 2000 --json`
  (five policies, greedy included in the baseline).

``--root DIR`` measures another checkout of the game (for instance a
`git worktree` of an earlier commit) with this venv, to compare before and
after a change. The machine may be shared: compare medians, not single runs.

    .venv/bin/python benchmarks/sensitivity.py [--repeats 3] [--root DIR] [--skip-command]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = "scenarios/system_reform.yaml"
SIMPLE = ["partner", "force", "balanced", "random"]


def child(runs: int) -> None:
    """In a fresh process: count the inputs, time one sensitivity() and print both as JSON."""
    import game.sim.batch  # noqa: F401  (imported before the clock starts)
    from game.analysis.sensitivity import sensitivity
    from game.analysis.variants import variants
    from game.scenario import loader

    scenario = loader.load(Path(FLAGSHIP))
    items, skipped = variants(scenario)
    kinds = Counter(item.key.partition(".")[0] for item in items)
    totals: list[int] = []
    started = time.perf_counter()
    sensitivity(scenario, SIMPLE, runs, seed=1, progress=lambda _s, _d, total: totals.append(total))
    elapsed = time.perf_counter() - started
    print(json.dumps({"inputs": len(items), "skipped": len(skipped), "kinds": dict(kinds),
                      "games": totals[-1] if totals else 0, "elapsed_s": elapsed}))


def _env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root)
    return env


def measure(root: Path, runs: int, repeats: int) -> dict[str, object]:
    results = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(runs)],
                             check=True, capture_output=True, text=True, cwd=root, env=_env(root))
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    times = [float(r["elapsed_s"]) for r in results]
    return {**results[0], "elapsed_s": statistics.median(times), "all_s": times}


def command(root: Path, runs: int, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game", "balance", "system_reform", "--sensitivity", "--runs",
                        str(runs), "--json"], check=True, capture_output=True, cwd=root, env=_env(root))
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout of the game to measure")
    parser.add_argument("--skip-command", action="store_true", help="time sensitivity() only")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    root = args.root.resolve()
    from game.analysis.runner import cores

    print(f"{root}: {FLAGSHIP}, {args.runs:,} runs, policies {', '.join(SIMPLE)}; {cores()} cores; "
          f"medians of {args.repeats}")
    m = measure(root, args.runs, args.repeats)
    kinds = m["kinds"]
    assert isinstance(kinds, dict)
    print(f"inputs varied: {m['inputs']} ({', '.join(f'{k} {n}' for k, n in kinds.items())}); "
          f"not varied: {m['skipped']}")
    all_s = m["all_s"]
    assert isinstance(all_s, list)
    print(f"sensitivity(): {m['games']:,} games, {float(m['elapsed_s']):.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in all_s)})")
    if not args.skip_command:
        times = command(root, args.runs, args.repeats)
        print(f"shove balance system_reform --sensitivity --runs {args.runs} --json: "
              f"{statistics.median(times):.1f} s (runs: {', '.join(f'{t:.1f}' for t in times)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
