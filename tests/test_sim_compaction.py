"""Large batches do less work per run, with the same numbers as single games.

Runs that end early drop out of the arrays a batch works on; dice, event
conditions and chance probabilities are computed only for the runs that need
them; per-stakeholder arrays are stored column by column. None of it may
change a single bit of any run's result.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.scenario import loader
from game.sim import random as rnd
from game.sim import rules, sums
from game.sim.batch import play_seeds, play_turn, simulate
from game.sim.engine import Engine
from game.sim.env import BatchEnv, RowsEnv, StateEnv
from game.sim.policies import get_policy
from tests.sim_support import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("ending", "outcome", "score", "turns", "events_fired", "options_chosen", "trust", "support", "progress", "metrics")


@pytest.fixture(scope="module")
def flagship() -> Engine:
    return Engine(loader.load(ROOT / "scenarios" / "system_reform.yaml"))


def test_a_batch_where_many_runs_end_early_matches_single_games(flagship: Engine) -> None:
    # Forcing the change ends many games before the last turn (the board loses
    # confidence, services fail), at different turns in different runs.
    batch = simulate(flagship, "force", 300, seed=5, chunk=300)
    early = np.flatnonzero(batch.turns < flagship.turns)
    assert early.size >= 10, "the scenario should end some forced games early"
    assert len(set(batch.turns[early].tolist())) >= 2, "games should end at different turns"
    sample = sorted({*early[:6].tolist(), *np.flatnonzero(batch.turns == flagship.turns)[:3].tolist()})
    for i in sample:
        single = play_seeds(flagship, "force", batch.seeds[i : i + 1])
        for name in FIELDS:
            assert np.array_equal(getattr(single, name)[0], getattr(batch, name)[i]), (name, i)


def test_dropping_ended_runs_changes_nothing(flagship: Engine) -> None:
    # Recording trajectories keeps every run in the arrays to the end: the
    # plain batch, which drops ended runs, must agree with it bit for bit.
    for policy in ("force", "random"):
        plain = simulate(flagship, policy, 400, seed=9, chunk=400)
        kept = simulate(flagship, policy, 400, seed=9, chunk=400, record=True)
        for name in FIELDS:
            a, b = getattr(plain, name), getattr(kept, name)
            assert a.tobytes() == b.tobytes(), (policy, name)
            assert a.flags.c_contiguous, (policy, name)


@pytest.mark.parametrize("n", [1, 5, 8, 12, 17, 40, 64, 127, 128, 129])
def test_row_sums_add_up_as_numpy_does_in_either_memory_order(n: int) -> None:
    rng = np.random.default_rng(n)
    x = rng.random((257, n)) * rng.choice([1.0, -1.0, 1e-9, 1e9], size=(257, n))
    want = np.ascontiguousarray(x).sum(axis=1)
    assert sums.row_sum(x).tobytes() == want.tobytes()
    assert sums.row_sum(np.asfortranarray(x)).tobytes() == want.tobytes()
    zeros = np.asfortranarray(np.full((3, n), -0.0))
    assert sums.row_sum(zeros).tobytes() == np.full((3, n), -0.0).sum(axis=1).tobytes()


def test_dice_for_some_runs_or_columns_are_the_full_draws() -> None:
    seeds = rnd.run_seeds(3, 50)
    full = rnd.uniforms(seeds, 4, rnd.Purpose.EVENT, 2, 9)
    rows = np.array([0, 7, 8, 31, 49])
    key = rnd.stream_keys(seeds[rows], 4, rnd.Purpose.EVENT, 2)
    assert np.array_equal(rnd.column(key, 6), full[rows, 6])
    cols = np.array([1, 2, 8])
    assert np.array_equal(rnd.columns(key, cols), full[np.ix_(rows, cols)])


def test_conditions_over_some_runs_equal_those_over_all(flagship: Engine) -> None:
    state = flagship.start(rnd.run_seeds(2, 64))
    for _ in range(4):
        play_turn(flagship, state, get_policy("random"))
    rows = np.array([1, 2, 30, 63])
    full, batch = StateEnv(flagship.cs, state), BatchEnv(flagship.cs, state)
    some = RowsEnv(flagship.cs, state, rows)
    expressions = [e.when for e in flagship.cs.compiled_events] + [e.probability for e in flagship.cs.compiled_events]
    expressions += [e.when for e in flagship.cs.ending_order if e.when is not None]
    for expr in expressions:
        want = np.broadcast_to(expr(full), (state.runs,))
        assert np.array_equal(np.broadcast_to(expr(batch), (state.runs,)), want), expr.text
        assert np.array_equal(np.broadcast_to(expr(some), rows.shape), want[rows]), expr.text


def test_every_fixture_still_plays_identically_in_one_batch_and_alone() -> None:
    # Column-major arrays and dropped runs, on scenarios of every size.
    for path in (FIXTURES / "edge" / "forty_stakeholders.yaml", FIXTURES / "edge" / "one_stakeholder.yaml"):
        engine = Engine(loader.load(path))
        for policy in ("balanced", "force"):
            batch = simulate(engine, policy, 40, seed=21, chunk=40)
            for i in (0, 17, 39):
                single = play_seeds(engine, policy, batch.seeds[i : i + 1])
                for name in FIELDS:
                    assert np.array_equal(getattr(single, name)[0], getattr(batch, name)[i]), (path.name, policy, name)


def test_a_shared_chance_compared_on_the_bits_equals_the_draw_compared() -> None:
    key = rnd.stream_keys(rnd.run_seeds(8, 4000), 3, rnd.Purpose.EVENT, 0)
    draws = rnd.column(key, 5)
    chances = [0.0, -0.5, 1.0, 1.5, float("nan"), 5e-324, 2.0**-53, 0.35, 0.5, 1.0 - 2.0**-53]
    # Chances exactly at a draw and one step either side of it.
    for u in draws[:20].tolist():
        chances += [u, float(np.nextafter(u, 2.0)), float(np.nextafter(u, -1.0))]
    for chance in chances:
        assert np.array_equal(rnd.column_below(key, 5, chance), draws < chance), chance


@pytest.mark.parametrize("runs", [0, 1, 7, 700, 5000])
def test_draws_in_blocks_and_by_halves_are_the_same_numbers(runs: int) -> None:
    seeds = rnd.run_seeds(4, runs)
    key = rnd.stream_keys(seeds, 6, rnd.Purpose.POLICY, 2)
    cols = np.arange(0, 45, 2)
    steps = (cols.astype(np.uint64) + np.uint64(1)) * rnd._GOLDEN
    whole = rnd._unit(rnd._mix_in_place(key[:, None] + steps[None, :]))
    assert rnd.columns(key, cols).tobytes() == whole.tobytes()
    # Box-Muller from the same uniforms, worked out on whole rows.
    u = rnd.uniforms(seeds, 6, rnd.Purpose.NOISE, 0, 12)
    want = np.sqrt(-2.0 * np.log(1.0 - u[:, :6])) * np.cos(u[:, 6:] * (2.0 * np.pi))
    assert np.array_equal(rnd.normals(seeds, 6, rnd.Purpose.NOISE, 0, 6), want)


def test_adding_a_few_weighted_terms_in_place_equals_the_full_sum() -> None:
    rng = np.random.default_rng(11)
    x = np.asfortranarray(rng.random((300, 6)))
    x[:7, 2] = 1.0  # 1 - x is +0 there
    x[7:9, 4] = -0.0
    weights = np.zeros((6, 6))
    weights[1, 2], weights[1, 4], weights[4, 0], weights[5, 2] = 0.3, -0.25, 0.5, -1.0
    for flip in (False, True):
        total = sums.combine(np.asfortranarray(rng.random((300, 6))), np.eye(6) * 0.7)
        want = total + sums.combine(1.0 - x if flip else x, weights)
        sums.add_combined(total, x, weights, flip=flip)
        assert total.tobytes() == np.asfortranarray(want).tobytes(), flip
    # Forcing: signal - pressure is signal + force_signal, bit for bit.
    signal = rng.normal(size=(300, 6))
    felt = np.where(rng.random((300, 6)) < 0.5, 0.0, rng.random((300, 6)))
    support = rng.random((300, 6))
    plus = signal + rules.force_signal(support, felt)
    assert (signal - rules.force_pressure(support, felt)).tobytes() == plus.tobytes()
    assert np.array_equal(np.signbit(rules.force_signal(support, felt)), np.signbit(-felt * (1.0 - support)))


def test_conditions_as_booleans_hold_where_their_value_is_nonzero(flagship: Engine) -> None:
    from game.scenario.expression_compiler import holds
    from game.sim.env import TargetEnv

    state = flagship.start(rnd.run_seeds(6, 80))
    for _ in range(5):
        play_turn(flagship, state, get_policy("balanced"))
    envs = [StateEnv(flagship.cs, state), BatchEnv(flagship.cs, state), RowsEnv(flagship.cs, state, np.array([0, 5, 79]))]
    exprs = [e.when for e in flagship.cs.compiled_events] + [e.when for e in flagship.cs.ending_order if e.when]
    for expr in exprs:
        for env in envs:
            value = np.asarray(expr(env))
            assert set(np.unique(value).tolist()) <= {0.0, 1.0}, expr.text
            assert np.array_equal(holds(expr, env), value != 0), expr.text
    for available in flagship.cs.action_available:
        if available is not None and any(key == "target" for _, key in available.references):
            value = np.asarray(available(TargetEnv(flagship.cs, state)))
            assert np.array_equal(holds(available, TargetEnv(flagship.cs, state)), value != 0), available.text
