"""`where` filters that mix per-run values (mean(trust), turn, trust.x) with
per-stakeholder ones, over batches whose runs differ."""

from __future__ import annotations

import numpy as np
import pytest

from game.sim import random as rnd
from game.sim.compiled import Ctx, apply_all
from game.sim.decisions import Decision
from game.sim.engine import Engine
from tests.sim_support import base, build

TRUST = (0.2, 0.4, 0.6, 0.8, 0.9)


def engine_with(filter_text: str) -> Engine:
    doc = base()
    doc["stakeholders"] = [
        {"id": k, "name": k.upper(), "power": 0.5, "trust": t, "support": 0.5}
        for k, t in zip("abcde", TRUST, strict=True)
    ]
    doc["actions"].append({"id": "lift", "name": "Lift", "effects": [
        {"trust": {"who": {"where": filter_text}, "by": 0.05}}]})
    return Engine(build(doc))


@pytest.mark.parametrize(
    "filter_text",
    [
        "trust < mean(trust)",
        "trust < mean(trust) and turn >= 1",
        "trust + 0.3 > trust.c",
        "min(trust, support.a) < 0.45",
        "clip(trust, 0.1, max(trust) - 0.15) >= trust",
    ],
)
def test_a_mixed_filter_gives_each_run_its_own_answer(filter_text: str) -> None:
    engine = engine_with(filter_text)
    runs = 5  # as many runs as stakeholders: a misaligned axis would pass silently
    seeds = rnd.run_seeds(4, runs)
    state = engine.start(seeds)
    generator = np.random.default_rng(7)
    state.trust = generator.uniform(0.05, 0.9, size=state.trust.shape)
    state.support = generator.uniform(0.05, 0.95, size=state.support.shape)
    chosen = np.zeros((runs, len(engine.options)), dtype=bool)
    chosen[:, engine.option_index(Decision("lift"))] = True
    singles = [state.take(np.array([r])) for r in range(runs)]
    engine.resolve_turn(state, chosen)
    lifted_somewhere = False
    for r, single in enumerate(singles):
        before = single.trust.copy()
        engine.resolve_turn(single, chosen[r : r + 1])
        assert np.array_equal(single.trust[0], state.trust[r])
        lifted_somewhere |= bool((single.trust[0] != before[0]).any())
    assert lifted_somewhere


def test_a_mixed_filter_picks_those_below_their_own_runs_mean() -> None:
    engine = engine_with("trust < mean(trust)")
    state = engine.start(rnd.run_seeds(2, 2))
    state.trust = np.array([[0.1, 0.2, 0.3, 0.4, 0.5], [0.5, 0.4, 0.3, 0.2, 0.1]])
    before = state.trust.copy()
    lift = engine.options[engine.option_index(Decision("lift"))]
    ctx = Ctx(engine.cs, state, np.zeros((2, 5)), np.zeros((2, 1)))
    apply_all(engine.cs.action_effects[lift.action_index], ctx, np.array([True, True]))
    moved = state.trust - before
    assert np.allclose(moved, [[0.05, 0.05, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.05, 0.05]])
