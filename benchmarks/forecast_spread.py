"""Do the forecasts help a decision? The spread between plans, and how long a turn's forecasts take.

1. **Spread.** Samples states from ordinary play (balanced, random and
   advisor games of the scenario, every turn of each: weak, aimless and good
   players), lists a representative set of very
   different legal plans in each — doing nothing, every single option, and
   the expert's candidates (what partner, force, balanced and the balanced
   rule would do; each action led with, then topped up the rule's way or the
   partner way: all-partner, all-push, force + engage, tackle + engage, ...)
   — forecasts each on the same rollouts under each continuation, and prints
   the median (and quartiles) over states of the spread in success between
   the best and the worst plan. The issue's target is a median of 10 points.
2. **Latency.** From a fresh game of the scenario, the time from the turn
   opening to every action card's forecast being ready: the advisor's pick,
   then the empty plan and every single option under both continuations, at
   the desktop's rollouts, as the desktop's background job computes them.
3. **Agreement** (``--reference N``). Does ``--rollouts`` rank a turn's plans
   (doing nothing and every single option, as the web seat forecasts them, like
   the player so far) as a long forecast of ``N`` games on other luck does? Per
   state with a spread of 5 points or more in the outcome value (success, and
   half of partial): the rank correlation, how far below the best plan the one
   ranked first is, and how often a difference of 5 points or more from doing
   nothing has the right sign.

    .venv/bin/python benchmarks/forecast_spread.py [SCENARIO] [--seeds N] [--rollouts N] [--policies balanced,random,advisor]
        [--reference N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from game.scenario.loader import load
from game.sim.batch import play_turn
from game.sim.continuations import ADVISOR, player_rule
from game.sim.decisions import TurnRecord
from game.sim.engine import Engine
from game.sim.expert import Expert
from game.sim.forecast import forecast_plans
from game.sim.policies import get_policy
from game.sim.simple_rules import SimpleRules, book_of, built_in_shapes
from game.sim.state import State

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "system_reform.yaml"


def sampled_states(engine: Engine, policy: str, seeds: int) -> list[tuple[State, list[TurnRecord]]]:
    """Every decision point of ``seeds`` games played by ``policy``: the one-run state and the record so far."""
    state = engine.start(np.arange(1000, 1000 + seeds, dtype=np.uint64))
    player = get_policy(policy)
    logs: list[list[TurnRecord]] = [[] for _ in range(seeds)]
    out: list[tuple[State, list[TurnRecord]]] = []
    while not state.ended.all():
        for r in np.flatnonzero(~state.ended):
            out.append((state.take(np.array([r])), list(logs[r])))
        live = ~state.ended
        chosen, _ = play_turn(engine, state, player)
        for r in np.flatnonzero(live):
            logs[r].append(TurnRecord(tuple(engine.decode(chosen[r]))))
    return out


def plans_of(engine: Engine, state: State, expert: Expert) -> np.ndarray:
    """Distinct legal plans: nothing, every single option, the expert's candidates."""
    avail = engine.available(state)[0]
    rows = [np.zeros(len(engine.options), dtype=bool)]
    for o in np.flatnonzero(avail):
        row = np.zeros(len(engine.options), dtype=bool)
        row[o] = True
        rows.append(row)
    stacked, exists, _ = expert.candidates(engine, state)
    rows += [stacked[0, c] for c in np.flatnonzero(exists[0])]
    return np.unique(np.stack(rows), axis=0)


def spread(engine: Engine, states: list[tuple[State, list[TurnRecord]]], rollouts: int) -> dict[str, list[float]]:
    base = SimpleRules(engine, book_of(engine, [built_in_shapes(engine)[2]]))
    expert = Expert(engine, base)
    found: dict[str, list[float]] = {"balanced": [], "player": [], "advisor": []}
    for i, (state, log) in enumerate(states):
        plans = plans_of(engine, state, expert)
        for name in found:
            continuation = name if name == "balanced" else (player_rule(engine, log) if name == "player" else ADVISOR)
            success = [f.success for f in forecast_plans(engine, state, 0, plans, rollouts, continuation)]
            found[name].append(100 * (max(success) - min(success)))
        if (i + 1) % 10 == 0:
            print(f"  {i + 1}/{len(states)} states", flush=True)
    return found


def latency(engine: Engine, rollouts: int, repeats: int = 3) -> list[float]:
    """Seconds from a fresh turn 1 to the empty plan and every single option forecast under both continuations."""
    times = []
    for k in range(repeats):
        state = engine.start(np.array([7 + k], dtype=np.uint64))
        avail = engine.available(state)[0]
        plans = np.zeros((1 + int(avail.sum()), len(engine.options)), dtype=bool)
        plans[np.arange(1, plans.shape[0]), np.flatnonzero(avail)] = True
        start = time.perf_counter()
        forecast_plans(engine, state, 0, plans, rollouts, player_rule(engine, []))
        forecast_plans(engine, state, 0, plans, rollouts, ADVISOR)
        times.append(time.perf_counter() - start)
    return times


def outcome_value(plans: list) -> np.ndarray:  # type: ignore[type-arg]
    return np.array([f.outcomes["success"] + 0.5 * f.outcomes["partial"] for f in plans])


def agreement(engine: Engine, states: list[tuple[State, list[TurnRecord]]], rollouts: int, reference: int) -> None:
    """Print how ``rollouts`` games a plan rank nothing and every single option against ``reference`` games."""
    rho, regret, signs = [], [], []
    for state, log in states:
        avail = engine.available(state)[0]
        plans = np.zeros((1 + int(avail.sum()), len(engine.options)), dtype=bool)
        plans[np.arange(1, plans.shape[0]), np.flatnonzero(avail)] = True
        style = player_rule(engine, log)
        long = outcome_value(forecast_plans(engine, state, 0, plans, reference, style, seed=12345))
        if long.max() - long.min() < 0.05:
            continue
        short = outcome_value(forecast_plans(engine, state, 0, plans, rollouts, style))
        ranks = [np.argsort(np.argsort(v)) for v in (short, long)]
        rho.append(float(np.corrcoef(*ranks)[0, 1]))
        regret.append(100 * (long.max() - long[int(np.argmax(short))]))
        big = np.abs(long[1:] - long[0]) >= 0.05
        signs.extend(np.sign(short[1:][big] - short[0]) == np.sign(long[1:][big] - long[0]))
    if not rho:
        print("no state separates its plans by 5 points")
        return
    print(f"{rollouts} games against {reference}, {len(rho)} states: rank correlation median {statistics.median(rho):.2f}; "
          f"the plan ranked first is {statistics.fmean(regret):.2f} points below the best on average "
          f"(90th percentile {np.quantile(regret, 0.9):.1f}); a difference of 5 points or more from doing nothing "
          f"has the right sign {np.mean(signs):.0%} of the time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(FLAGSHIP))
    parser.add_argument("--seeds", type=int, default=3, help="games per policy whose every turn is sampled")
    parser.add_argument("--rollouts", type=int, default=100, help="games per plan (the same for every plan)")
    parser.add_argument("--policies", default="balanced,random,advisor")
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument("--reference", type=int, default=0, help="also compare the ranking with this many games a plan")
    args = parser.parse_args()
    engine = Engine(load(args.scenario))
    if not args.no_latency:
        from game.ui.play import FORECAST_ROLLOUTS

        times = latency(engine, FORECAST_ROLLOUTS)
        print(f"turn 1, every card under both continuations at {FORECAST_ROLLOUTS} rollouts: "
              f"median {statistics.median(times):.2f} s (of {', '.join(f'{t:.2f}' for t in times)})")
    states = [s for p in args.policies.split(",") for s in sampled_states(engine, p, args.seeds)]
    print(f"{len(states)} states from {args.policies} play, {args.rollouts} rollouts per plan")
    start = time.perf_counter()
    found = spread(engine, states, args.rollouts)
    print(f"({time.perf_counter() - start:.0f} s)")
    print(f"{'continuation':<14}{'median':>8}{'q25':>7}{'q75':>7}{'>=10':>7}")
    for name, values in found.items():
        q25, q50, q75 = np.quantile(values, [0.25, 0.5, 0.75])
        share = float(np.mean(np.asarray(values) >= 10))
        print(f"{name:<14}{q50:>8.1f}{q25:>7.1f}{q75:>7.1f}{share:>7.0%}")
    if args.reference:
        agreement(engine, states, args.rollouts, args.reference)


if __name__ == "__main__":
    main()
