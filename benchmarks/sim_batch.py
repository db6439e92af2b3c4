"""Speed and memory of batches: 100,000 playthroughs of a 12-turn, 10-stakeholder
scenario under one policy, against the same games played one at a time.

The one-at-a-time baseline plays a sample of single games and extrapolates.
Peak memory is measured in a fresh child process (VmHWM, its high-water resident
set, read from /proc on Linux). Wall time on a shared machine is noisy, so CPU
time is printed too.

    .venv/bin/python benchmarks/sim_batch.py [RUNS] [POLICY]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario import loader  # noqa: E402
from game.sim.batch import simulate  # noqa: E402
from game.sim.engine import Engine  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "sim_network.yaml"
CHILD = """
import sys
sys.path.insert(0, {root!r})
from game.scenario import loader
from game.sim.batch import simulate
from game.sim.engine import Engine

def high_water_kb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

engine = Engine(loader.load({fixture!r}))
base = high_water_kb()
simulate(engine, {policy!r}, {runs}, seed=1)
print(base, high_water_kb())
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    policy = sys.argv[2] if len(sys.argv) > 2 else "balanced"
    engine = Engine(loader.load(FIXTURE))

    batch_times = []
    cpu_times = []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        simulate(engine, policy, runs, seed=1)
        batch_times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    batch = statistics.median(batch_times)
    cpu = statistics.median(cpu_times)

    sample = 500
    single_times = []
    single_cpu = []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        for seed in range(sample):
            simulate(engine, policy, 1, seed=seed)
        single_times.append((time.perf_counter() - t0) / sample)
        single_cpu.append((time.process_time() - c0) / sample)
    single = statistics.median(single_times)
    one_cpu = statistics.median(single_cpu)

    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), fixture=str(FIXTURE), policy=policy, runs=runs)],
        capture_output=True, text=True, check=True,
    )
    before_kb, peak_kb = out.stdout.split()
    scale = 1024 if sys.platform != "darwin" else 1  # KiB on Linux, bytes on macOS
    peak_mb = int(peak_kb) * scale / 1e6
    start_mb = int(before_kb) * scale / 1e6

    print(f"{runs:,} games of 12 turns, 10 stakeholders, policy {policy}:")
    print(f"  batched: median {batch:.2f} s wall, {cpu:.2f} s CPU, over {len(batch_times)} repeats "
          f"(target < 5 s)")
    print(f"  one at a time: {1000 * single:.2f} ms wall, {1000 * one_cpu:.2f} ms CPU a game "
          f"(median of 3 x {sample}); {runs:,} would take {single * runs:.0f} s")
    print(f"  ratio: {single * runs / batch:.0f}x (wall), {one_cpu * runs / cpu:.0f}x (CPU) faster batched "
          f"(aim 50x+)")
    print(f"  peak resident memory of a process running the batch: {peak_mb:.0f} MB "
          f"({start_mb:.0f} MB before it started; target < 1000 MB)")


if __name__ == "__main__":
    main()
