"""What the tutorial teaches through its numbers: outcomes per policy and forecast steps.

Prints, for a scenario (the tutorial by default):

- the balance table: success, partial and failure shares, mean score and the
  power-weighted trust left at the end, for each built-in policy;
- the first turn's forecast spread: the chance of success the player sees for
  doing nothing and for every single action, over a few seeds (the median, and
  the widest jump any one action makes from doing nothing);
- the hinted route: the plan each turn's hint suggests, with the forecast's
  chance of success for it, for doing nothing and for the worst and best
  single action, and the highest chance that someone blocks it, so the hints
  can be checked against what the forecast shows.

    .venv/bin/python benchmarks/tutorial_forecasts.py [SCENARIO] [--runs N] [--seeds N] [--rollouts N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from game.scenario.loader import load
from game.scenario.schema import POLICIES
from game.session import Session
from game.sim.batch import simulate
from game.sim.decisions import Decision
from game.sim.engine import Engine
from game.sim.sums import weighted_mean

# The route the tutorial's hints describe, turn by turn (targets by id).
HINTED: tuple[tuple[Decision, ...], ...] = (
    (Decision("engage", "consultants"), Decision("engage", "gp_practices")),
    (Decision("engage", "consultants"), Decision("engage", "patients_forum")),
    (Decision("explain"), Decision("engage", "consultants")),
    (Decision("force_decision", "urgent_hub"),),
    (Decision("engage", "consultants"), Decision("explain")),
    (Decision("force_decision", "urgent_hub"),),
)
# The last hint: force once more only if the hub is short of opening, else repair
# (explaining rests for a fortnight after the fifth turn's explanation).
REPAIR = (Decision("engage", "consultants"), Decision("engage", "gp_practices"))
OPENS_AT = 0.7


def balance_table(engine: Engine, runs: int) -> None:
    print(f"{'policy':<10}{'success':>9}{'partial':>9}{'failure':>9}{'score':>8}{'trust':>8}")
    outcomes = ("success", "partial", "failure")
    for policy in POLICIES:
        result = simulate(engine, policy, runs, seed=0)
        shares = [float(np.mean(result.outcome == i)) for i in range(len(outcomes))]
        trust = float(np.mean(weighted_mean(result.trust, engine.cs.power)))
        cells = "".join(f"{s:>9.1%}" for s in shares)
        print(f"{policy:<10}{cells}{float(np.mean(result.score)):>8.1f}{trust:>8.2f}")


def first_turn_spread(path: Path, seeds: int, rollouts: int) -> None:
    scenario = load(path)
    per_option: dict[str, list[float]] = {}
    for seed in range(seeds):
        session = Session.new(scenario, seed, path, autosave=False)
        base = session.forecast([], rollouts).success
        per_option.setdefault("(nothing)", []).append(base)
        for option in session.options():
            if option.available and option.cost <= session.budget:
                per_option.setdefault(option.label, []).append(session.forecast([option.decision], rollouts).success)
    base_median = statistics.median(per_option["(nothing)"])
    print(f"{'first turn, one action':<52}{'success':>9}{'vs nothing':>12}")
    widest = 0.0
    for label, values in per_option.items():
        median = statistics.median(values)
        jumps = [v - b for v, b in zip(values, per_option["(nothing)"], strict=True)]
        widest = max(widest, max(abs(j) for j in jumps))
        print(f"{label[:50]:<52}{median:>9.0%}{(median - base_median) * 100:>+11.0f}p")
    print(f"widest jump from doing nothing, any action, any seed: {widest * 100:.0f} points")


def hinted_route(path: Path, seeds: int, rollouts: int) -> None:
    scenario = load(path)
    print("hinted route: chance of success before each turn, median over seeds, for doing nothing,")
    print("the hinted plan, and the lowest and highest single action; block: the hinted plan's")
    print("highest chance that one stakeholder blocks this turn")
    rows: list[list[tuple[float, float, float, float, float]]] = [[] for _ in HINTED]
    widest = 0.0
    endings: dict[str, int] = {}
    for seed in range(seeds):
        session = Session.new(scenario, seed, path, autosave=False)
        for turn, plan in enumerate(HINTED):
            if session.is_over:
                break
            open_now = [o for o in session.options() if o.available and o.cost <= session.budget]
            if turn == len(HINTED) - 1 and session.view().programmes[0].progress >= OPENS_AT:
                plan = REPAIR
            legal = [d for d in plan if d in {o.decision for o in open_now}]
            nothing = session.forecast([], rollouts).success
            singles = [session.forecast([o.decision], rollouts).success for o in open_now]
            widest = max([widest, *(abs(s - nothing) for s in singles)])
            hinted = session.forecast(legal, rollouts)
            block = max(hinted.block_chance.values(), default=0.0)
            rows[turn].append((nothing, hinted.success, min(singles), max(singles), block))
            session.play_turn(legal)
            if session.pending_event() is not None:
                session.choose(0)
        ending = session.ending.id if session.ending else "(not over)"
        endings[ending] = endings.get(ending, 0) + 1
    print(f"  {'turn':<6}{'nothing':>8}{'hinted':>8}{'lowest':>8}{'highest':>8}{'block':>7}   plan")
    for turn, found in enumerate(rows, start=1):
        if found:
            cells = "".join(f"{statistics.median(p[i] for p in found):>8.0%}" for i in range(5))
            said = ", ".join(f"{d.action}{':' + d.target if d.target else ''}" for d in HINTED[turn - 1])
            if turn == len(HINTED):
                said += " (or, if the hub is open, engage:consultants, engage:gp_practices)"
            print(f"  {turn:<6}{cells}   {said}")
    print(f"  widest jump from doing nothing, one action, any turn or seed: {widest * 100:.0f} points")
    print("  endings:", ", ".join(f"{k} {v}" for k, v in sorted(endings.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="scenarios/tutorial.yaml")
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--rollouts", type=int, default=500)
    options = parser.parse_args()
    path = Path(options.scenario)
    started = time.perf_counter()
    balance_table(Engine(load(path)), options.runs)
    print()
    first_turn_spread(path, options.seeds, options.rollouts)
    print()
    hinted_route(path, options.seeds, options.rollouts)
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
