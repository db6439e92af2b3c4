"""Games a second of each built-in policy on one scenario, in one process,
and each policy's cost per game relative to the balanced policy.

Wall time on a shared machine is noisy, so each figure is the median of
several repeats, and CPU time is printed beside it.

    .venv/bin/python benchmarks/sim_policies.py [SCENARIO] [RUNS] [REPEATS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario import loader  # noqa: E402
from game.scenario.schema import POLICIES  # noqa: E402
from game.sim.batch import simulate  # noqa: E402
from game.sim.engine import Engine  # noqa: E402


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "system_reform"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    path = ROOT / "scenarios" / f"{name}.yaml"
    engine = Engine(loader.load(path if path.is_file() else Path(name)))
    simulate(engine, "balanced", 200, seed=0)  # warm up imports and caches

    cpu_per_game: dict[str, float] = {}
    print(f"{name}: {runs:,} games a policy, median of {repeats}")
    for policy in POLICIES:
        walls, cpus = [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            result = simulate(engine, policy, runs, seed=1)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        cpu_per_game[policy] = cpu / runs
        print(f"  {policy:9s} {wall:6.2f} s wall, {cpu:6.2f} s CPU: {runs / wall:8,.0f} games/s; "
              f"mean score {result.score.mean():.2f}")
    base = cpu_per_game["balanced"]
    ratios = ", ".join(f"{p} {cpu_per_game[p] / base:.1f}x" for p in POLICIES)
    print(f"  CPU per game relative to balanced: {ratios}")
    simple = sum(cpu_per_game[p] for p in POLICIES) * runs
    print(f"  all five policies, one process: {simple:.1f} s CPU, "
          f"{len(POLICIES) * runs / simple:,.0f} games per CPU-second")


if __name__ == "__main__":
    main()
