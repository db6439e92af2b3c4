"""What `shove audit` costs: time and peak memory of a default audit, and what a budget bounds.

For each scenario (by default the flagship system_reform, european_merger and
the tutorial) prints the median over ``--repeats`` runs of:

* a default audit (seed 0, 2,000 games for the finalists, no time budget, so
  every stage runs to the end): wall time, CPU time and peak resident memory;
* the same audit with ``--budget 20`` (as `shove audit --budget 20` runs it):
  wall time, which the budget should hold near 20 s (the last stage started
  may overrun a little), and the stages it cut short.

Each measurement runs in a fresh child process, so its peak resident set size
(``ru_maxrss`` of RUSAGE_SELF, plus RUSAGE_CHILDREN for any workers) is its
own. The machine may be shared: compare medians, not single runs.

    .venv/bin/python benchmarks/audit.py [--repeats 3] [--scenarios system_reform,tutorial]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ["system_reform", "european_merger", "tutorial"]
BUDGET = 20.0


def child(name: str, budget: float | None) -> None:
    """One audit in this process; print its timing and peak memory as JSON."""
    from game.analysis.audit import AuditSettings, audit
    from game.scenario import loader

    scenario = loader.load(ROOT / "scenarios" / f"{name}.yaml")

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    cpu_before = cpu()
    started = time.perf_counter()
    report = audit(scenario, AuditSettings(seed=0, budget=budget))
    elapsed = time.perf_counter() - started
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024.0
    print(json.dumps({
        "elapsed_s": elapsed, "cpu_s": cpu() - cpu_before, "peak_mb": peak,
        "best_simple_success": report.best_simple.success.estimate, "cut_short": len(report.cut_short),
    }))


def measure(name: str, budget: float | None) -> dict[str, float]:
    args = [sys.executable, __file__, "--child", name]
    if budget is not None:
        args += ["--budget", str(budget)]
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=True)
    data: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def median(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--child")
    parser.add_argument("--budget", type=float)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.budget)
        return 0
    print(f"shove audit, median of {args.repeats} (each in a fresh process)")
    for name in args.scenarios.split(","):
        full = [measure(name, None) for _ in range(args.repeats)]
        cut = [measure(name, BUDGET) for _ in range(args.repeats)]
        print(f"{name}:")
        print(f"  default audit (no budget): {median(full, 'elapsed_s'):6.1f} s wall, "
              f"{median(full, 'cpu_s'):6.1f} s CPU, peak {median(full, 'peak_mb'):5.0f} MB; "
              f"best simple rule {median(full, 'best_simple_success'):.1%}")
        print(f"  --budget {BUDGET:.0f}:                {median(cut, 'elapsed_s'):6.1f} s wall, "
              f"peak {median(cut, 'peak_mb'):5.0f} MB; stages cut short: {median(cut, 'cut_short'):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
