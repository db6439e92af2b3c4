"""Speed of the engine for one player: one turn at R = 1, and a 1,000-rollout forecast.

Prints medians over repeats; targets: a turn under 2 ms, a forecast to the end
of a 12-turn scenario under 150 ms.

    .venv/bin/python benchmarks/sim_turn.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario import loader  # noqa: E402
from game.sim.engine import Engine  # noqa: E402
from game.sim.forecast import forecast  # noqa: E402
from game.sim.policies import get_policy  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "sim_network.yaml"


def median_ms(samples: list[float]) -> float:
    return 1000.0 * statistics.median(samples)


def player_turns(path: Path) -> None:
    engine = Engine(loader.load(path))
    policy = get_policy("balanced")
    turn_times: list[float] = []
    for game in range(30):
        state = engine.start(np.array([game], dtype=np.uint64))
        while not state.ended[0]:
            chosen = policy.decide(engine, state)[0]
            decisions = engine.decode(chosen)
            t0 = time.perf_counter()
            plan = engine.check(state, decisions)
            engine.resolve_turn(state, plan[None, :], explain=True)
            for e in np.flatnonzero(state.pending[0]):
                engine.apply_choice(state, int(e), 0)
            engine.end_turn(state)
            engine.available(state)
            engine.score(state)
            turn_times.append(time.perf_counter() - t0)
    print(f"{path.stem}: player turn (R=1, check + resolve with explain + events + end + available): "
          f"median {median_ms(turn_times):.3f} ms over {len(turn_times)} turns (target < 2 ms)")


def main() -> None:
    player_turns(FIXTURE)
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        player_turns(path)
    engine = Engine(loader.load(FIXTURE))
    policy = get_policy("balanced")
    state = engine.start(np.array([1], dtype=np.uint64))
    plan = policy.decide(engine, state)[0]
    forecast(engine, state, 0, plan, rollouts=1000)  # warm up
    times = []
    for i in range(15):
        t0 = time.perf_counter()
        forecast(engine, state, 0, plan, rollouts=1000, seed=i)
        times.append(time.perf_counter() - t0)
    print(f"forecast, 1,000 rollouts to the end of 12 turns from turn 1: "
          f"median {median_ms(times):.1f} ms (target < 150 ms)")


if __name__ == "__main__":
    main()
