"""Built-in policies and the risk forecast."""

from __future__ import annotations

import numpy as np
import pytest

from game.scenario import loader
from game.scenario.schema import POLICIES
from game.sim import random as rnd
from game.sim.batch import answer_events, play_turn, simulate
from game.sim.decisions import Decision
from game.sim.engine import Engine
from game.sim.forecast import forecast
from game.sim.policies import Balanced, Force, Greedy, Partner, get_policy
from tests.sim_support import FIXTURES


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(loader.load(FIXTURES / "sim_network.yaml"))


def test_policies_are_listed_in_order_and_found_by_name() -> None:
    assert POLICIES == ("partner", "force", "balanced", "advisor", "random", "greedy")
    assert [get_policy(p).name for p in POLICIES] == list(POLICIES)
    with pytest.raises(KeyError):
        get_policy("nobody")


@pytest.mark.parametrize("name", ["partner", "force", "balanced", "random"])
def test_decisions_are_legal_and_spend_the_budget(engine: Engine, name: str) -> None:
    policy = get_policy(name)
    state = engine.start(rnd.run_seeds(4, 200))
    for _ in range(engine.turns):
        chosen = policy.decide(engine, state)
        assert not (chosen & ~engine.available(state)).any()
        spent = (chosen * engine.cs.option_cost[None, :]).sum(axis=1)
        assert (spent <= engine.budget).all()
        if name != "partner":  # there is always something affordable to do
            assert (spent[~state.ended] >= 1).all()
        engine.resolve_turn(state, chosen)
        for e in np.flatnonzero(state.pending.any(axis=0)):
            choice = policy.choose(engine, state, int(e))
            assert ((choice >= 0) & (choice < engine.cs.event_choice_count[e])).all()
            engine.apply_choice(state, int(e), choice)
        engine.end_turn(state)
        if state.ended.all():
            break


def test_partner_never_pushes_and_force_never_partners(engine: Engine) -> None:
    stances = engine.cs.option_stance
    partner = simulate(engine, Partner(), 100, seed=1)
    force = simulate(engine, Force(), 100, seed=1)
    assert partner.options_chosen[:, stances == 1].sum() == 0
    assert partner.options_chosen[:, stances == 0].sum() > 0
    assert force.options_chosen[:, stances == 0].sum() == 0
    assert force.options_chosen[:, stances == 1].sum() > 0


def test_partner_engages_the_least_trusting_powerful_stakeholder_first(engine: Engine) -> None:
    state = engine.start(np.array([0], dtype=np.uint64))
    chosen = Partner().decide(engine, state)[0]
    need = engine.cs.power * (1 - engine.cs.trust0)
    picked = [d.target for d in engine.decode(chosen) if d.action == "engage"]
    assert engine.stakeholders[int(np.argmax(need))] in picked
    assert engine.stakeholders[int(np.argmin(need))] not in picked


def test_balanced_builds_first_and_pushes_later(engine: Engine) -> None:
    r = simulate(engine, Balanced(), 200, seed=3, record=False)
    stances = engine.cs.option_stance
    assert r.options_chosen[:, stances == 0].sum() > 0 and r.options_chosen[:, stances == 1].sum() > 0
    state = engine.start(rnd.run_seeds(3, 50))
    first = Balanced().decide(engine, state)
    assert first[:, stances == 0].any(axis=1).all()


def test_random_policy_uses_keyed_luck(engine: Engine) -> None:
    policy = get_policy("random")
    a = policy.decide(engine, engine.start(rnd.run_seeds(8, 30)))
    b = policy.decide(engine, engine.start(rnd.run_seeds(8, 30)))
    c = policy.decide(engine, engine.start(rnd.run_seeds(9, 30)))
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert len({row.tobytes() for row in a}) > 5


def test_greedy_takes_one_of_its_candidate_plans(engine: Engine) -> None:
    greedy = Greedy(rollouts=4)
    state = engine.start(rnd.run_seeds(2, 6))
    chosen = greedy.decide(engine, state)
    plans = [p.decide(engine, state) for p in greedy.candidates]
    for i in range(6):
        assert any(np.array_equal(chosen[i], p[i]) for p in plans)
    # Looking ahead must not change the game it looks ahead from.
    assert np.array_equal(state.trust, engine.start(rnd.run_seeds(2, 6)).trust)


def test_forecast_probabilities_and_blocking(engine: Engine) -> None:
    state = engine.start(np.array([11], dtype=np.uint64))
    engage = engine.encode([Decision("engage", "s0"), Decision("engage", "s1")])
    push = engine.encode([Decision("force", "integration")])
    calm = forecast(engine, state, 0, engage, rollouts=300)
    risky = forecast(engine, state, 0, push, rollouts=300)
    assert sum(calm.outcomes.values()) == pytest.approx(1.0)
    assert sum(calm.endings.values()) == pytest.approx(1.0)
    assert all(v == 0 for v in calm.block_chance.values())
    affected = {"s0", "s1", "s2", "s3", "s4"}
    assert all(risky.block_chance[k] > 0 for k in affected)
    assert all(risky.block_chance[k] == 0 for k in set(engine.stakeholders) - affected)
    lo, mid, hi = calm.score
    assert 0 <= lo <= mid <= hi <= 100


def test_forecast_is_repeatable_and_leaves_the_game_alone(engine: Engine) -> None:
    state = engine.start(np.array([11], dtype=np.uint64))
    before = state.copy()
    plan = engine.encode([Decision("force", "integration")])
    a = forecast(engine, state, 0, plan, rollouts=200)
    b = forecast(engine, state, 0, plan, rollouts=200)
    c = forecast(engine, state, 0, plan, rollouts=200, seed=99)
    assert a == b and a != c
    assert np.array_equal(state.trust, before.trust) and state.turn == before.turn


def test_forecast_agrees_with_a_batch_of_the_same_model(engine: Engine) -> None:
    state = engine.start(np.array([0], dtype=np.uint64))
    plan = Balanced().decide(engine, state)[0]
    f = forecast(engine, state, 0, plan, rollouts=2000, seed=1)
    batch = simulate(engine, "balanced", 2000, seed=777)
    shares = np.bincount(batch.outcome, minlength=3) / batch.runs
    for k, share in zip(("success", "partial", "failure"), shares, strict=True):
        assert abs(f.outcomes[k] - share) < 0.05, k


def test_greedy_takes_the_plan_that_scores_best_one_turn_ahead_on_shared_luck(engine: Engine) -> None:
    greedy = Greedy(rollouts=3)
    state = engine.start(rnd.run_seeds(5, 8))
    for _ in range(3):  # a few turns in, so the candidate plans differ
        play_turn(engine, state, Balanced())
    chosen = greedy.decide(engine, state)
    plans = [p.decide(engine, state) for p in greedy.candidates]
    seeds = rnd.derived_seeds(state.seeds, state.turn, rnd.Purpose.LOOKAHEAD, 3)
    differed = 0
    for i in range(state.runs):
        if len({p[i].tobytes() for p in plans}) == 1:
            assert np.array_equal(chosen[i], plans[0][i])
            continue
        differed += 1
        means = []
        for plan in plans:
            sim = state.take(np.full(3, i))
            sim.seeds = seeds[i].copy()  # every plan meets the same luck
            engine.resolve_turn(sim, plan[i])
            answer_events(engine, sim, Balanced())
            means.append(engine.score(sim).mean())
        assert np.array_equal(chosen[i], plans[int(np.argmax(means))][i])
    assert differed > 0


def test_a_greedy_game_in_a_batch_is_the_same_game_alone(engine: Engine) -> None:
    batch = simulate(engine, "greedy", 12, seed=4, chunk=5)
    for i in (0, 7, 11):
        single = simulate(engine, "greedy", 1, seed=int(batch.seeds[i]))
        assert single.score[0] == batch.score[i]
        assert np.array_equal(single.options_chosen[0], batch.options_chosen[i])
