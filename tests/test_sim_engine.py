"""The engine: luck keyed by (seed, turn, purpose), batches, decisions, events, endings."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.scenario import loader
from game.sim import random as rnd
from game.sim.batch import iter_chunks, play_decisions, simulate
from game.sim.decisions import Decision, IllegalMove
from game.sim.engine import Engine
from tests.sim_support import FIXTURES, base, build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def network() -> Engine:
    return Engine(loader.load(FIXTURES / "sim_network.yaml"))


@pytest.fixture(scope="module")
def minimal() -> Engine:
    return Engine(loader.load(FIXTURES / "minimal.yaml"))


def digest(*arrays: np.ndarray) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


# ----------------------------------------------------------------- random numbers


def test_draws_depend_only_on_their_key() -> None:
    seeds = rnd.run_seeds(11, 5)
    a = rnd.uniforms(seeds, 3, rnd.Purpose.BLOCK, 0, 4)
    b = rnd.uniforms(seeds[2:3], 3, rnd.Purpose.BLOCK, 0, 8)
    assert np.array_equal(a[2], b[0, :4])  # same key, same numbers, whatever else is drawn
    assert not np.array_equal(a, rnd.uniforms(seeds, 4, rnd.Purpose.BLOCK, 0, 4))
    assert not np.array_equal(a, rnd.uniforms(seeds, 3, rnd.Purpose.EVENT, 0, 4))
    assert np.all((a >= 0) & (a < 1))


def test_run_zero_of_a_batch_has_the_single_game_seed() -> None:
    seeds = rnd.run_seeds(42, 1000)
    assert seeds[0] == 42
    assert len(set(seeds.tolist())) == 1000
    assert np.array_equal(rnd.run_seeds(42, 10), seeds[:10])


def test_uniforms_are_uniform() -> None:
    u = rnd.uniforms(rnd.run_seeds(1, 20000), 1, rnd.Purpose.CHANCE, 0, 5).ravel()
    assert abs(u.mean() - 0.5) < 0.01
    assert abs((u < 0.1).mean() - 0.1) < 0.01


# ----------------------------------------------------------------- batches


@pytest.mark.parametrize("policy", ["random", "balanced"])
def test_run_i_of_a_batch_equals_the_single_game_with_its_seed(network: Engine, policy: str) -> None:
    batch = simulate(network, policy, 40, seed=9, chunk=16)
    for i in (0, 1, 17, 39):
        single = simulate(network, policy, 1, seed=int(batch.seeds[i]))
        assert single.seeds[0] == batch.seeds[i]
        assert np.array_equal(single.trust[0], batch.trust[i])
        assert np.array_equal(single.metrics[0], batch.metrics[i])
        assert single.score[0] == batch.score[i]
        assert single.ending[0] == batch.ending[i]


def test_chunk_size_does_not_change_results(network: Engine) -> None:
    a = simulate(network, "random", 50, seed=3, chunk=7)
    b = simulate(network, "random", 50, seed=3, chunk=50)
    assert digest(a.trust, a.support, a.metrics, a.score, a.ending) == digest(
        b.trust, b.support, b.metrics, b.score, b.ending
    )
    assert np.array_equal(a.options_chosen, b.options_chosen)


def test_results_are_identical_in_another_process(network: Engine) -> None:
    r = simulate(network, "random", 64, seed=5)
    here = digest(r.trust, r.support, r.metrics, r.score, r.ending)
    code = (
        "import hashlib, numpy as np\n"
        "from game.scenario import loader\n"
        "from game.sim.engine import Engine\n"
        "from game.sim.batch import simulate\n"
        f"e = Engine(loader.load({str(FIXTURES / 'sim_network.yaml')!r}))\n"
        "r = simulate(e, 'random', 64, seed=5)\n"
        "h = hashlib.sha256()\n"
        "for a in (r.trust, r.support, r.metrics, r.score, r.ending):\n"
        "    h.update(np.ascontiguousarray(a).tobytes())\n"
        "print(h.hexdigest())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == here


def test_changing_one_decision_leaves_later_dice_unchanged() -> None:
    doc = base()
    doc["metrics"] = [{"id": "m", "name": "M", "initial": 50, "min": 0, "max": 100, "target": 50, "noise": 2.0}]
    doc["events"] = [{"id": "news", "title": "N", "text": "N", "probability": 0.5, "once": False,
                      "choices": [{"text": "ok"}]}]
    doc["model"] = {"metric_relax": 0.0}
    engine = Engine(build(doc))
    log_a = [[Decision("engage", "a")]] * 12
    log_b = [[Decision("engage", "a")], [Decision("force")]] + [[Decision("engage", "a")]] * 10
    choices = [{"news": 0}] * 12
    for seed in range(5):
        a = play_decisions(engine, seed, log_a, choices)
        b = play_decisions(engine, seed, log_b, choices)
        assert a.turns[1].trust[0] != b.turns[1].trust[0]  # the decision mattered
        # ... but the luck of every turn (metric noise, which events fire) is the same.
        assert [t.metrics[0] for t in a.turns] == [t.metrics[0] for t in b.turns]
        assert [t.fired for t in a.turns] == [t.fired for t in b.turns]


# ----------------------------------------------------------------- replay


def test_replaying_a_log_reproduces_the_game_exactly(minimal: Engine) -> None:
    first = play_decisions(minimal, 77, [], strict=False, fallback="random")
    log = first.log
    again = play_decisions(minimal, 77, [t.decisions for t in log], [t.choices for t in log])
    assert again.ending == first.ending and again.score == first.score
    assert all(np.array_equal(x.trust, y.trust) for x, y in zip(first.turns, again.turns, strict=True))


def test_a_strict_replay_refuses_a_log_that_stops_early(minimal: Engine) -> None:
    with pytest.raises(IllegalMove, match="stops at turn 1"):
        play_decisions(minimal, 1, [[Decision("engage", "council")]], [{}])


# ----------------------------------------------------------------- decisions


def test_check_explains_illegal_moves(minimal: Engine) -> None:
    state = minimal.start(np.array([0], dtype=np.uint64))
    with pytest.raises(IllegalMove, match="already chosen"):
        minimal.check(state, [Decision("engage", "council"), Decision("engage", "council")])
    with pytest.raises(IllegalMove, match="need 4 leadership time; you have 3"):
        minimal.check(state, [Decision("tackle", "acute_trust"), Decision("tackle", "gp_federation")])
    with pytest.raises(IllegalMove, match=r"you must wait until Quarter 2 \(now Quarter 1\)"):
        minimal.check(state, [Decision("force_integration")])
    with pytest.raises(IllegalMove, match="no action `merge`"):
        minimal.check(state, [Decision("merge")])
    with pytest.raises(IllegalMove, match="needs a stakeholder"):
        minimal.check(state, [Decision("engage", "nobody")])
    chosen = minimal.check(state, [Decision("engage", "council"), Decision("pilot")])
    assert minimal.decode(chosen) == [Decision("engage", "council"), Decision("pilot")]


def test_cooldown_blocks_the_action_for_its_turns(minimal: Engine) -> None:
    state = minimal.start(np.array([0], dtype=np.uint64))
    force = minimal.option_index(Decision("force_integration"))
    for _ in range(1):
        minimal.resolve_turn(state, np.zeros((1, len(minimal.options)), dtype=bool))
        minimal.end_turn(state)
    assert minimal.available(state)[0, force]
    minimal.resolve_turn(state, minimal.encode([Decision("force_integration")])[None, :])
    minimal.end_turn(state)
    assert not minimal.available(state)[0, force]  # cooldown 1: skip one turn
    with pytest.raises(IllegalMove, match="not available again for 1 turn"):
        minimal.check(state, [Decision("force_integration")])
    minimal.resolve_turn(state, np.zeros((1, len(minimal.options)), dtype=bool))
    minimal.end_turn(state)
    assert minimal.available(state)[0, force]


def test_availability_with_a_target_is_judged_per_target(minimal: Engine) -> None:
    state = minimal.start(np.array([0], dtype=np.uint64))
    avail = minimal.available(state)[0]
    by = {(o.action, o.target): avail[o.index] for o in minimal.options}
    assert by[("tackle", "acute_trust")]  # support 0.3 < 0.5
    assert not by[("tackle", "council")]  # support 0.6


# ----------------------------------------------------------------- effects, events, endings


def test_delayed_effects_land_after_their_turns(minimal: Engine) -> None:
    state = minimal.start(np.array([0, 1], dtype=np.uint64))
    pilot = minimal.encode([Decision("pilot")])
    chosen = np.stack([pilot, np.zeros_like(pilot)])
    flag = minimal.cs.flag_index["pilot_done"]
    for turn in range(1, 4):
        minimal.resolve_turn(state, chosen if turn == 1 else np.zeros_like(chosen))
        assert state.flags[0, flag] == (1.0 if turn == 3 else 0.0), turn
        assert state.flags[1, flag] == 0.0
        minimal.end_turn(state)


def test_explain_lists_the_reasons_numbers_moved(minimal: Engine) -> None:
    state = minimal.start(np.array([0], dtype=np.uint64))
    before = state.trust.copy()
    result = minimal.resolve_turn(state, minimal.encode([Decision("engage", "gp_federation")])[None, :], explain=True)
    trust = [c for c in result.contributions if c.quantity == "trust" and c.key == "gp_federation"]
    assert {"engage", "influence"} <= {c.source for c in trust}
    total = sum(c.delta for c in trust)
    assert total == pytest.approx(state.trust[0, 1] - before[0, 1], abs=1e-12)
    engage = next(c for c in trust if c.source == "engage")
    assert engage.delta > 0


def test_an_early_failure_ends_the_game_at_once() -> None:
    doc = base()
    doc["endings"] = [
        {"id": "sacked", "title": "S", "text": "S", "outcome": "failure", "when": "trust.a < 0.2",
         "early": True, "priority": 3},
        {"id": "end", "title": "E", "text": "E", "outcome": "partial"},
    ]
    doc["actions"].append({"id": "insult", "name": "Insult", "target": "none", "stance": "push",
                           "effects": [{"trust": {"who": "a", "by": -0.2}}]})
    engine = Engine(build(doc))
    state = engine.start(np.array([0, 1], dtype=np.uint64))
    chosen = np.zeros((2, len(engine.options)), dtype=bool)
    chosen[0, engine.option_index(Decision("insult"))] = True
    engine.resolve_turn(state, chosen)
    ended = engine.end_turn(state)
    assert ended.tolist() == [True, False]
    ending, outcome = engine.outcome(state)
    assert ending.tolist() == [0, -1] and outcome.tolist() == [2, -1]
    assert state.turns_played.tolist() == [1, 1]
    frozen = state.trust[0].copy()
    engine.resolve_turn(state, np.ones((2, len(engine.options)), dtype=bool))
    assert np.array_equal(state.trust[0], frozen)  # an ended game no longer changes


def test_events_fire_and_choices_apply(minimal: Engine) -> None:
    runs = 400
    state = minimal.start(rnd.run_seeds(1, runs))
    none = np.zeros((runs, len(minimal.options)), dtype=bool)
    for _ in range(2):
        minimal.resolve_turn(state, none)
        minimal.end_turn(state)
    result = minimal.resolve_turn(state, none)  # turn 3: winter pressure may fire (p = 0.5)
    winter = minimal.events.index("winter_pressure")
    share = result.fired[:, winter].mean()
    assert 0.4 < share < 0.6
    assert np.array_equal(minimal.pending(state)[:, winter], result.fired[:, winter])
    before = state.trust[:, 0].copy()
    minimal.apply_choice(state, winter, np.zeros(runs, dtype=np.int64))
    fired = result.fired[:, winter]
    assert np.allclose(state.trust[fired, 0], np.minimum(before[fired] + 0.1, 1.0))
    assert np.array_equal(state.trust[~fired, 0], before[~fired])
    assert not state.pending[:, winter].any()


def test_score_is_between_0_and_100(network: Engine) -> None:
    r = simulate(network, "random", 200, seed=1)
    assert np.all((r.score >= 0) & (r.score <= 100))
    assert r.score.std() > 0


# ----------------------------------------------------------------- calibration (MODEL.md)


def test_engagement_lifts_a_neutral_stakeholder_from_0_3_to_0_7_in_about_8_turns() -> None:
    engine = Engine(build(base()))
    state = engine.start(np.array([0], dtype=np.uint64))
    engage = engine.encode([Decision("engage", "a")])[None, :]
    turns = 0
    while state.trust[0, 0] < 0.7:
        engine.resolve_turn(state, engage)
        engine.end_turn(state)
        turns += 1
    assert 6 <= turns <= 10


def test_one_hostile_forced_move_costs_several_turns_to_repair() -> None:
    doc = base()
    doc["stakeholders"][0].update(trust=0.5, support=0.3, power=0.5)
    engine = Engine(build(doc))
    state = engine.start(np.array([0], dtype=np.uint64))
    engine.resolve_turn(state, engine.encode([Decision("force")])[None, :])
    engine.end_turn(state)
    assert state.trust[0, 0] < 0.4
    engage = engine.encode([Decision("engage", "a")])[None, :]
    turns = 0
    while state.trust[0, 0] < 0.5:
        engine.resolve_turn(state, engage)
        engine.end_turn(state)
        turns += 1
    assert 3 <= turns <= 7


def test_the_reasons_add_up_to_every_change(network: Engine) -> None:
    state = network.start(np.array([4], dtype=np.uint64))
    for turn in range(1, 6):
        before = state.copy()
        chosen = network.encode([Decision("engage", "s1"), Decision("force", "integration")])
        result = network.resolve_turn(state, chosen[None, :], explain=True)
        sums: dict[tuple[str, str], float] = {}
        for c in result.contributions:
            sums[(c.quantity, c.key)] = sums.get((c.quantity, c.key), 0.0) + c.delta
        for quantity, names, arr in (
            ("trust", network.stakeholders, "trust"),
            ("support", network.stakeholders, "support"),
            ("grievance", network.stakeholders, "grievance"),
            ("progress", network.programmes, "progress"),
            ("metric", network.metrics, "metrics"),
        ):
            change = getattr(state, arr)[0] - getattr(before, arr)[0]
            for i, key in enumerate(names):
                assert sums.get((quantity, key), 0.0) == pytest.approx(change[i], abs=1e-9), (turn, quantity, key)
        for e in np.flatnonzero(state.pending[0]):
            network.apply_choice(state, int(e), 0)
        network.end_turn(state)


def test_the_simulation_never_imports_pygame() -> None:
    code = (
        "import sys\n"
        "sys.modules['pygame'] = None  # any import of pygame now fails\n"
        "import game.sim.engine, game.sim.batch, game.sim.forecast, game.sim.policies\n"
        "import game.commands.run\n"
        "from game.cli import main\n"
        f"raise SystemExit(main(['run', {str(FIXTURES / 'sim_network.yaml')!r}, '--policy', 'greedy', '--json']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert '"policy": "greedy"' in out.stdout


def test_where_filters_may_mix_per_run_and_per_stakeholder_values() -> None:
    doc = base()
    doc["stakeholders"] = [
        {"id": k, "name": k, "power": 0.5, "trust": t, "support": 0.5}
        for k, t in (("a", 0.2), ("b", 0.4), ("c", 0.6), ("d", 0.8), ("e", 0.9))
    ]
    doc["actions"].append({"id": "lift", "name": "Lift", "effects": [
        {"trust": {"who": {"where": "trust < mean(trust) and turn >= 1"}, "by": 0.1}}]})
    engine = Engine(build(doc))
    runs = 3  # not the number of stakeholders, so a misaligned axis would show
    state = engine.start(rnd.run_seeds(1, runs))
    chosen = np.zeros((runs, len(engine.options)), dtype=bool)
    chosen[:2, engine.option_index(Decision("lift"))] = True
    engine.resolve_turn(state, chosen)
    single = engine.start(rnd.run_seeds(1, runs)[:1])
    engine.resolve_turn(single, chosen[:1])
    assert np.array_equal(state.trust[0], single.trust[0])
    assert np.array_equal(state.trust[0], state.trust[1])
    lifted = state.trust[0] - state.trust[2]  # run 2 did nothing
    # Only those below the mean trust (0.58) were lifted.
    assert np.allclose(lifted, [0.097, 0.097, 0.0, 0.0, 0.0], atol=1e-12)


def test_availability_per_target_is_the_same_computed_either_way() -> None:
    fast_engine = Engine(loader.load(FIXTURES / "sim_network.yaml"))
    slow_engine = Engine(loader.load(FIXTURES / "sim_network.yaml"))
    slow_engine._vectorisable = [False] * len(slow_engine.cs.actions)  # one target at a time
    state = fast_engine.start(rnd.run_seeds(6, 30))
    for _ in range(3):
        fast_engine.resolve_turn(state, np.ones((30, len(fast_engine.options)), dtype=bool))
        fast_engine.end_turn(state)
    fast = fast_engine.available(state)
    assert np.array_equal(fast, slow_engine.available(state))
    assert fast.any() and not fast.all()


def test_recorded_trajectories_start_at_the_start_and_end_at_the_end(network: Engine) -> None:
    r = simulate(network, "balanced", 20, seed=8, record=True)
    assert r.trajectories is not None
    t = r.trajectories
    assert t.trust.shape == (20, network.turns + 1, len(network.stakeholders))
    assert np.array_equal(t.trust[:, 0], np.tile(network.cs.trust0, (20, 1)))
    assert np.array_equal(t.trust[:, -1], r.trust) and np.array_equal(t.score[:, -1], r.score)
    assert np.array_equal(t.progress[:, -1], r.progress)


def test_a_decision_log_survives_json() -> None:
    from game.sim.decisions import TurnRecord

    record = TurnRecord((Decision("engage", "a"), Decision("force")), {"news": 1})
    assert TurnRecord.from_json(record.to_json()) == record
    with pytest.raises(ValueError):
        TurnRecord.from_json({"decisions": [{"action": 3}], "choices": {}})
    with pytest.raises(ValueError):
        TurnRecord.from_json({"decisions": [], "choices": {"news": "first"}})


def test_event_choices_explain_themselves(minimal: Engine) -> None:
    state = minimal.start(rnd.run_seeds(3, 1))
    winter = minimal.events.index("winter_pressure")
    state.pending[0, winter] = True
    notes = minimal.apply_choice(state, winter, 0, explain=True)
    assert [(c.quantity, c.key, c.source) for c in notes] == [
        ("trust", "acute_trust", "winter_pressure"),
        ("metric", "finance", "winter_pressure"),
    ]
    assert notes[0].delta == pytest.approx(0.1) and notes[1].delta == pytest.approx(-2.0)


def test_a_choice_out_of_range_is_refused(minimal: Engine) -> None:
    state = minimal.start(rnd.run_seeds(3, 2))
    winter = minimal.events.index("winter_pressure")
    state.pending[0, winter] = True
    with pytest.raises(ValueError, match="has 2 choices"):
        minimal.apply_choice(state, winter, np.array([2, 7]))
    minimal.apply_choice(state, winter, np.array([1, 7]))  # run 1 has nothing waiting
    assert not state.pending[:, winter].any()


def test_streamed_chunks_are_the_batch_in_run_order(network: Engine) -> None:
    whole = simulate(network, "balanced", 23, seed=5, chunk=23)
    parts = list(iter_chunks(network, "balanced", 23, seed=5, chunk=10))
    assert [p.runs for p in parts] == [10, 10, 3]
    assert np.array_equal(np.concatenate([p.seeds for p in parts]), whole.seeds)
    for name in ("score", "ending", "options_chosen", "trust", "metrics", "events_fired"):
        assert np.array_equal(np.concatenate([getattr(p, name) for p in parts]), getattr(whole, name)), name
    assert list(iter_chunks(network, "balanced", 0, seed=5)) == []
