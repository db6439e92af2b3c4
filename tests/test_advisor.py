"""The advisor sees a deadline coming: the early failure endings that the
clock alone would bring, as the briefing states them, with the real engine."""

from __future__ import annotations

import numpy as np
import pytest

from game.scenario import loader
from game.scenario.catalog import resolve
from game.sim import advisor as advisor_module
from game.sim import random as rnd
from game.sim.advisor import Advisor
from game.sim.batch import simulate
from game.sim.engine import Engine


@pytest.fixture(scope="module")
def merger() -> Engine:
    return Engine(loader.load(resolve("european_merger")))


def test_a_deadline_is_seen_only_within_its_horizon(merger: Engine) -> None:
    # The agency loses patience at the end of quarter 6 if the merger has not moved.
    state = merger.start(rnd.run_seeds(1, 4))
    assert not merger.failure_looms(state, 2).any(), "quarter 1: the deadline is five quarters away"
    state.turn = 4
    assert merger.failure_looms(state, 2).all(), "quarter 4, nothing moved: it comes within two quarters"
    assert not merger.failure_looms(state, 1).any(), "but not within one"
    state.progress[:2, :] = 0.15  # two of the games have moved the merger far enough
    assert merger.failure_looms(state, 2).tolist() == [False, False, True, True]
    state.ended[3] = True
    assert merger.failure_looms(state, 2).tolist() == [False, False, True, False], "a finished game has no deadline"


def test_seeing_the_deadline_is_what_keeps_the_advisor_in_post(merger: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    patience = merger.endings.index("agency_loses_patience")

    def share_lost_to_patience() -> float:
        result = simulate(merger, Advisor(), 300, seed=5)
        return float(np.mean(result.ending == patience))

    seeing = share_lost_to_patience()
    monkeypatch.setattr(advisor_module, "DEADLINE_AHEAD", 0)
    blind = share_lost_to_patience()
    assert blind > 0.3 and seeing < blind / 2
