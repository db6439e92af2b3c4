"""The same contract for every shipped scenario and the engine's fixtures:
every policy reaches an ending, and a recorded decision log replays exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.scenario import loader
from game.scenario.schema import POLICIES
from game.sim.batch import play_decisions, simulate
from game.sim.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
PATHS = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").glob("sim_*.yaml"))
if (ROOT / "tests" / "fixtures" / "minimal.yaml").is_file():
    PATHS.append(ROOT / "tests" / "fixtures" / "minimal.yaml")

_engines: dict[Path, Engine] = {}


def engine_for(path: Path) -> Engine:
    if path not in _engines:
        _engines[path] = Engine(loader.load(path))
    return _engines[path]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
@pytest.mark.parametrize("policy", POLICIES)
def test_every_policy_reaches_an_ending(path: Path, policy: str) -> None:
    engine = engine_for(path)
    runs = 8 if policy == "greedy" else 64
    result = simulate(engine, policy, runs, seed=2024)
    assert np.all(result.ending >= 0)
    assert np.all((result.turns >= 1) & (result.turns <= engine.turns))
    assert np.all((result.score >= 0) & (result.score <= 100))
    assert result.options_chosen.sum() > 0, "the policy never found anything to do"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
@pytest.mark.parametrize("policy", ["random", "balanced"])
def test_a_recorded_log_replays_exactly(path: Path, policy: str) -> None:
    engine = engine_for(path)
    for seed in (0, 12345):
        game = play_decisions(engine, seed, [], strict=False, fallback=policy)
        log = game.log
        replay = play_decisions(engine, seed, [t.decisions for t in log], [t.choices for t in log])
        assert replay.ending == game.ending
        assert replay.score == game.score
        for a, b in zip(game.turns, replay.turns, strict=True):
            assert np.array_equal(a.trust, b.trust) and np.array_equal(a.metrics, b.metrics)
            assert a.fired == b.fired and a.blocked == b.blocked
