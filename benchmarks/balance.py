"""How fast `balance()` plays games, and how much memory it needs.

Prints medians and ratios for the flagship scenario (scenarios/system_reform.yaml):

* throughput of 20,000 runs per policy for the four one-step policies
  (partner, force, balanced, random), in playthroughs per second, with peak
  memory (targets: 20,000 a second, under 1.5 GB);
* the greedy policy (Monte Carlo look-ahead every turn) on its own, and all
  five policies together at 20,000 runs each, as `shove balance` runs them;
* scaling: cost per run at 200 runs against 20,000 runs (target: 20x lower),
  in wall time and, as a check on a busy machine, in CPU time (the 20,000-run
  job's CPU time includes its worker processes);
* the cost model behind that ratio: the CPU time of one block of n runs,
  fitted as a fixed part per block plus a part per run, and the same games
  played one at a time;
* the sensitivity analysis at the default 2,000 runs;
* one policy over 1,000,000 runs: time and peak memory (bounded by chunking).

Each measurement that reports memory runs in a fresh child process, so its
peak resident set size is its own (worker processes are counted separately).
The machine may be shared: compare medians, not single runs.

    .venv/bin/python benchmarks/balance.py [--quick] [--skip-million]
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
FLAGSHIP = ROOT / "scenarios" / "system_reform.yaml"
SIMPLE = ["partner", "force", "balanced", "random"]
ALL = [*SIMPLE, "greedy"]


def child(runs: int, policies: list[str], workers: int | None, sensitivity: bool = False) -> None:
    """Run one balance() in this process and print its timing and peak memory as JSON."""
    import game.sim.batch  # noqa: F401  (imported before the clock starts)
    from game.analysis.balance import balance
    from game.scenario import loader

    scenario = loader.load(FLAGSHIP)

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    cpu_before = cpu()
    started = time.perf_counter()
    balance(scenario, policies, runs, seed=1, workers=workers, sensitivity=sensitivity)
    elapsed = time.perf_counter() - started
    cpu_s = cpu() - cpu_before
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    print(json.dumps({"elapsed_s": elapsed, "cpu_s": cpu_s, "peak_mb": own, "worker_peak_mb": workers_peak}))


def cost_model_child() -> None:
    """Fit the CPU time of one block of n runs as `fixed + per_run * n`, per policy, and time
    games played one at a time; print the figures as JSON."""
    from game.analysis.runner import Runner
    from game.scenario import loader
    from game.sim.random import run_seeds

    runner = Runner(loader.load(FLAGSHIP))
    seeds = run_seeds(1, 10_000)
    sizes = [1_000, 2_000, 5_000, 10_000]
    fits = {}
    for policy in SIMPLE:
        runner.play(seeds[:500], policy)  # warm caches
        times = []
        for n in sizes:
            samples = []
            for _ in range(3):
                started = time.process_time()
                runner.play(seeds[:n], policy)
                samples.append(time.process_time() - started)
            times.append(statistics.median(samples))
        per_run, fixed = statistics.linear_regression(sizes, times)
        fits[policy] = {"fixed_ms": fixed * 1e3, "per_run_us": per_run * 1e6}
    alone = []
    for policy in SIMPLE:
        started = time.process_time()
        for i in range(40):
            runner.play(seeds[i : i + 1], policy)
        alone.append((time.process_time() - started) / 40)
    print(json.dumps({"fits": fits, "alone_ms": statistics.mean(alone) * 1e3}))


def cost_model() -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--cost-model"], check=True, capture_output=True, text=True, cwd=ROOT
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(
    runs: int,
    policies: list[str],
    repeats: int,
    workers: int | None = None,
    sensitivity: bool = False,
) -> dict[str, float]:
    """Median time and largest peak memory over `repeats` fresh child processes."""
    results = []
    for _ in range(repeats):
        args = [sys.executable, __file__, "--child", str(runs), ",".join(policies)]
        if workers is not None:
            args += ["--workers", str(workers)]
        if sensitivity:
            args.append("--sensitivity")
        out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "elapsed_s": statistics.median(r["elapsed_s"] for r in results),
        "cpu_s": statistics.median(r["cpu_s"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
        "worker_peak_mb": max(r["worker_peak_mb"] for r in results),
    }


def _memory(m: dict[str, float]) -> str:
    extra = f" (+ {m['worker_peak_mb']:,.0f} MB per worker)" if m["worker_peak_mb"] > 0 else ""
    return f"peak memory {m['peak_mb']:,.0f} MB{extra}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one repeat instead of three")
    parser.add_argument("--skip-million", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("RUNS", "POLICIES"))
    parser.add_argument("--workers", type=int)
    parser.add_argument("--sensitivity", action="store_true")
    parser.add_argument("--cost-model", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cost_model:
        cost_model_child()
        return 0
    if args.child:
        child(int(args.child[0]), args.child[1].split(","), args.workers, args.sensitivity)
        return 0
    if not FLAGSHIP.is_file():
        print(f"the flagship scenario {FLAGSHIP} is missing", file=sys.stderr)
        return 1

    from game.analysis.runner import cores

    repeats = 1 if args.quick else 3
    print(f"scenario {FLAGSHIP.relative_to(ROOT)}; {cores()} cores; medians of {repeats}")

    simple = measure(20_000, SIMPLE, repeats)
    simple_games = 20_000 * len(SIMPLE)
    simple_rate = simple_games / simple["elapsed_s"]
    print(
        f"20,000 runs x {len(SIMPLE)} policies ({', '.join(SIMPLE)}): {simple['elapsed_s']:.2f} s, "
        f"{simple_rate:,.0f} playthroughs/s; {_memory(simple)}"
    )
    one = measure(20_000, SIMPLE, repeats, workers=0)
    print(f"  the same in one process: {one['elapsed_s']:.2f} s, {simple_games / one['elapsed_s']:,.0f} playthroughs/s; {_memory(one)}")

    greedy = measure(2_000, ["greedy"], 1)
    print(f"greedy, 2,000 runs: {greedy['elapsed_s']:.1f} s, {2_000 / greedy['elapsed_s']:,.0f} playthroughs/s; {_memory(greedy)}")
    five = measure(20_000, [*SIMPLE, "greedy"], repeats)
    print(
        f"20,000 runs x 5 policies: {five['elapsed_s']:.2f} s, "
        f"{100_000 / five['elapsed_s']:,.0f} playthroughs/s (target >= 20,000/s); {_memory(five)}"
    )

    small = measure(200, SIMPLE, max(3, repeats))
    per_small = small["elapsed_s"] / (200 * len(SIMPLE))
    per_big = simple["elapsed_s"] / simple_games
    print(
        f"200 runs x {len(SIMPLE)} policies: {small['elapsed_s'] * 1000:.0f} ms; per run "
        f"{per_small * 1e6:,.0f} us against {per_big * 1e6:,.0f} us at 20,000 runs: "
        f"{per_small / per_big:.1f}x lower at 20,000 (target >= 20x)"
    )
    cpu_small = small["cpu_s"] / (200 * len(SIMPLE))
    cpu_big = simple["cpu_s"] / simple_games
    print(
        f"  CPU time per run: {cpu_small * 1e6:,.0f} us at 200 runs, {cpu_big * 1e6:,.0f} us at 20,000 "
        f"(all processes): {cpu_small / cpu_big:.1f}x lower"
    )
    model = cost_model()
    fits = model["fits"]
    assert isinstance(fits, dict)
    fixed = statistics.mean(f["fixed_ms"] for f in fits.values())
    per_run = statistics.mean(f["per_run_us"] for f in fits.values())
    print(
        "  one block of n runs costs fixed + per_run * n (CPU, one process, least squares over "
        "1,000-10,000 runs): " + "; ".join(f"{p} {f['fixed_ms']:.0f} ms + {f['per_run_us']:.1f} us" for p, f in fits.items())
    )
    print(
        f"  so the ratio is about 2 x (F/200 + m) / (F/5,000 + m) on two workers: it grows with the fixed cost F "
        f"and needs F >= 3,000 m for 20x (F = {fixed:.0f} ms, m = {per_run:.1f} us: F = {fixed * 1e3 / per_run:,.0f} m)"
    )
    alone = float(model["alone_ms"])  # type: ignore[arg-type]
    print(
        f"  one game played alone: {alone:.1f} ms CPU; in a 20,000-run batch: {per_big * 1e6:,.0f} us wall, "
        f"{cpu_big * 1e6:,.0f} us CPU: {alone / 1e3 / cpu_big:,.0f}x less CPU a game"
    )
    small_g = measure(200, ["greedy"], 1)
    print(
        f"greedy per run: {small_g['elapsed_s'] / 200 * 1e3:,.1f} ms at 200 runs, "
        f"{greedy['elapsed_s'] / 2_000 * 1e3:,.1f} ms at 2,000 runs"
    )

    sens = measure(2_000, SIMPLE, 1, sensitivity=True)
    print(
        f"balance --sensitivity, 2,000 runs x {len(SIMPLE)} policies (300 per variant): "
        f"{sens['elapsed_s']:.1f} s; {_memory(sens)}"
    )

    if not args.skip_million:
        m = measure(1_000_000, ["balanced"], 1)
        print(
            f"1,000,000 runs of balanced: {m['elapsed_s']:.0f} s, "
            f"{1_000_000 / m['elapsed_s']:,.0f} playthroughs/s; {_memory(m)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
