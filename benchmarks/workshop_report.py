"""How long a facilitator waits for the debrief report of a five-team workshop.

Sets up system_reform with five teams (each seat filled by a different
built-in policy), then times `shove workshop report` in a fresh process (the
whole wait, matplotlib's import included) and `report.write()` in this
process (warm), and breaks the warm time into its parts: reading and
replaying the sessions, the counterfactuals, the policies on the same luck,
the charts and the HTML. Prints medians; the machine may be shared, so
compare medians, not single runs.

    .venv/bin/python benchmarks/workshop_report.py [--repeats N] [--teams N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ("partner", "force", "balanced", "random", "greedy")
NAMES = ("Red", "Blue", "Green", "Amber", "Violet", "Teal", "Grey", "Pink")


def median_time(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--teams", type=int, default=5, choices=range(1, len(NAMES) + 1))
    args = parser.parse_args()

    from game.sim.engine import Engine
    from game.workshop import page, report
    from game.workshop.compare import flip_each_turn, policy_games
    from game.workshop.create import NewWorkshop, create
    from game.workshop.fill import fill
    from game.workshop.results import collect

    folder = Path(tempfile.mkdtemp(prefix="shove-bench-")) / "ws"
    teams = list(NAMES[: args.teams])
    workshop = create(NewWorkshop(folder, "system_reform", teams, seed=2024, injects=[("inspection", 5)]))
    started = time.perf_counter()
    for i, team in enumerate(teams):
        fill(workshop, team, POLICIES[i % len(POLICIES)])
    print(f"set-up: {len(teams)} seats filled by policies in {time.perf_counter() - started:.2f} s")

    cold = []
    for _ in range(max(1, args.repeats // 2)):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game", "workshop", "report", str(folder)], check=True,
                       capture_output=True, cwd=ROOT)
        cold.append(time.perf_counter() - started)
    print(f"shove workshop report, fresh process: median {statistics.median(cold):.2f} s "
          f"over {len(cold)} runs (includes Python, numpy and matplotlib start-up)")

    report.write(workshop)  # warm matplotlib's font cache and imports
    warm = median_time(lambda: report.write(workshop), args.repeats)
    print(f"report.write(), warm: median {warm:.2f} s over {args.repeats} runs")

    collected = collect(workshop)
    engine = Engine(workshop.scenario)
    parts = {
        "read and replay sessions": lambda: collect(workshop),
        "counterfactuals (all teams)": lambda: [
            flip_each_turn(engine, workshop.seed, t.session.log, t.score) for t in collected.teams],
        "policies on the same luck": lambda: policy_games(engine, workshop.seed),
    }
    built = report.build(workshop)
    parts["charts and HTML"] = lambda: page.render(built)
    parts["CSV"] = lambda: report.csv_text(built)
    for name, action in parts.items():
        took = median_time(action, args.repeats)
        print(f"  {name:<30} {took * 1000:8.0f} ms  ({took / warm:5.1%} of the warm total)")
    size = (folder / "report.html").stat().st_size
    print(f"report.html: {size / 1024:.0f} kB (charts inline as SVG)")


if __name__ == "__main__":
    main()
