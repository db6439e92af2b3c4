"""Model oracles (MODEL.md): DeGroot, the Friedkin–Johnsen fixed point, and bounds."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim import rules, sums
from game.sim.decisions import Decision
from game.sim.engine import Engine
from game.sim.state import State
from tests.sim_support import base, build, network


def test_support_update_is_degroot_without_the_chief_executive_and_anchors() -> None:
    doc = network(4, ceo_influence=0.0)
    for s in doc["stakeholders"]:
        s["stubbornness"] = 0.0  # lam = 1: no pull toward the anchor
    engine = Engine(build(doc))
    w = engine.cs.w_pos
    assert np.allclose(w.sum(axis=1), 1.0)
    state = engine.start(np.array([1], dtype=np.uint64))
    s0 = state.support.copy()
    engine.resolve_turn(state, np.zeros((1, len(engine.options)), dtype=bool))
    assert np.allclose(state.support, s0 @ w.T, atol=1e-12)


def test_iterating_the_support_rule_reaches_the_friedkin_johnsen_fixed_point() -> None:
    doc = network(5, ceo_influence=0.0, susceptibility=0.7)
    doc["meta"]["turns"] = 60
    engine = Engine(build(doc))
    cs = engine.cs
    lam = np.diag(cs.lam)
    expected = np.linalg.solve(np.eye(5) - lam @ cs.w_pos, (np.eye(5) - lam) @ cs.support0)
    state = engine.start(np.array([3], dtype=np.uint64))
    for _ in range(60):
        engine.resolve_turn(state, np.zeros((1, len(engine.options)), dtype=bool))
        engine.end_turn(state)
    assert np.allclose(state.support[0], expected, atol=1e-9)
    # ... and the fixed point is not simply the starting position.
    assert not np.allclose(expected, cs.support0, atol=1e-3)


def test_antagonists_pull_toward_the_opposite_position() -> None:
    doc = network(2, ceo_influence=0.0)
    doc["influence"] = [{"source": "s1", "target": "s0", "weight": 0.5, "antagonist": True}]
    doc["stakeholders"][1]["support"] = 0.9
    doc["stakeholders"][0]["support"] = 0.5
    doc["stakeholders"][0]["stubbornness"] = 0.0
    engine = Engine(build(doc))
    state = engine.start(np.array([0], dtype=np.uint64))
    engine.resolve_turn(state, np.zeros((1, len(engine.options)), dtype=bool))
    # s0 listens half to itself (0.5) and half to the opposite of s1 (1 - 0.9).
    assert state.support[0, 0] == np.float64(0.5 * 0.5 + 0.5 * 0.1)


def test_trust_losses_are_faster_than_gains() -> None:
    t = np.array([[0.5]])
    d = np.zeros((1, 1))
    up, _ = rules.trust_from_signal(t, d, np.array([[1.0]]), 0.18, 3.0, np.ones(1))
    down, loss = rules.trust_from_signal(t, d, np.array([[-1.0]]), 0.18, 3.0, np.ones(1))
    assert (0.5 - down[0, 0]) > 2.5 * (up[0, 0] - 0.5)
    assert loss[0, 0] == 0.5 - down[0, 0]


def test_combine_matches_matrix_product() -> None:
    rng = np.random.default_rng(0)
    x, w = rng.random((7, 5)), rng.random((3, 5))
    assert np.allclose(sums.combine(x, w), x @ w.T)


unit = st.floats(0.0, 1.0)


@settings(max_examples=40, deadline=None)
@given(
    gain=unit, loss_ratio=st.floats(1.0, 10.0), spill=unit, drift=unit, scar_rate=unit, heal=unit,
    lam=unit, ceo=unit, react=unit, threshold=unit, rate=st.floats(0.0, 5.0), drag=st.floats(0.0, 5.0),
    trust=st.lists(unit, min_size=3, max_size=3), support=st.lists(unit, min_size=3, max_size=3),
    strength=st.floats(0.01, 5.0), seed=st.integers(0, 2**63 - 1),
)
def test_trust_support_and_progress_stay_in_range(
    gain: float, loss_ratio: float, spill: float, drift: float, scar_rate: float, heal: float,
    lam: float, ceo: float, react: float, threshold: float, rate: float, drag: float,
    trust: list[float], support: list[float], strength: float, seed: int,
) -> None:
    doc = network(3, trust_gain=gain, trust_loss_ratio=loss_ratio, trust_spillover=spill,
                  trust_drift=drift, scar_rate=scar_rate, scar_heal=heal, susceptibility=lam,
                  ceo_influence=ceo, reactance=react, coalition_threshold=threshold,
                  coalition_rate=rate, block_drag=drag)
    doc["meta"]["turns"] = 6
    for s, t, v in zip(doc["stakeholders"], trust, support, strict=True):
        s["trust"], s["support"] = t, v
    doc["actions"][1]["effects"] = [{"force": {"programme": "change", "strength": strength}}]
    doc["actions"][0]["effects"] = [{"engage": {"who": "target", "strength": strength}}]
    engine = Engine(build(doc))
    state = engine.start(np.array([seed, seed ^ 1, 7], dtype=np.uint64))
    rng = np.random.default_rng(seed % 1000)
    for _ in range(6):
        chosen = rng.random((3, len(engine.options))) < 0.5
        engine.resolve_turn(state, chosen)
        engine.end_turn(state)
        for name in ("trust", "support", "anchor", "scar", "progress"):
            arr = getattr(state, name)
            assert np.all(np.isfinite(arr)), name
            assert np.all((arr >= 0.0) & (arr <= 1.0)), name
        assert np.all(state.trust <= 1.0 - state.scar + 1e-12)
        assert np.all(state.grievance >= 0.0)
        assert np.all(np.isfinite(engine.score(state)))
    assert state.ended.all()


def test_blocking_rises_with_power_and_grievance_and_falls_with_trust() -> None:
    def p(power: float, trust: float, grievance: float) -> float:
        out = rules.block_probability(np.array(power), np.array(0.5), np.array(trust), np.array(0.3),
                                      np.array(grievance), -1.0, 2.0, 1.0, 3.0, 4.0, 1.5)
        return float(out)

    assert p(0.9, 0.3, 0.0) > p(0.2, 0.3, 0.0)
    assert p(0.5, 0.3, 1.0) > p(0.5, 0.3, 0.0)
    assert p(0.5, 0.8, 0.0) < p(0.5, 0.2, 0.0)


def test_base_scenario_builds() -> None:
    engine = Engine(build(base()))
    assert [o.action for o in engine.options] == ["engage", "force", "wait"]


def test_persona_multipliers_are_honoured() -> None:
    def final(persona: dict[str, float], action: str, turns: int = 3) -> State:
        doc = base()
        doc["stakeholders"][0].update(trust=0.5, support=0.2, power=0.9, persona=persona)
        engine = Engine(build(doc))
        state = engine.start(np.array([5], dtype=np.uint64))
        chosen = engine.encode([Decision(action, "a" if action == "engage" else None)])[None, :]
        for _ in range(turns):
            engine.resolve_turn(state, chosen)
            engine.end_turn(state)
        return state

    assert final({"openness": 2.0}, "engage").trust[0, 0] > final({}, "engage").trust[0, 0]
    assert final({"memory": 0.0}, "force").scar[0, 0] == 0.0 < final({}, "force").scar[0, 0]
    assert final({"reactance": 0.0}, "force").anchor[0, 0] == 0.2 > final({"reactance": 3.0}, "force").anchor[0, 0]
    assert final({"forgiveness": 0.0}, "force").grievance[0, 0] == 1.5 > final({"forgiveness": 5.0}, "force").grievance[0, 0]


@settings(max_examples=30, deadline=None)
@given(weights=st.lists(st.floats(-1e6, 1e6), min_size=6, max_size=6), grievance=st.floats(0, 1e3))
def test_blocking_probability_is_a_probability_for_any_weights(weights: list[float], grievance: float) -> None:
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = rules.block_probability(np.array([0.0, 0.5, 1.0]), np.array([0.5]), np.array([0.2, 0.5, 0.9]),
                                    np.array([0.1, 0.5, 1.0]), np.array([grievance]), *weights)
    assert np.all((p >= 0) & (p <= 1)) and np.all(np.isfinite(p))


def test_combine_skips_zero_weights_without_changing_a_bit() -> None:
    rng = np.random.default_rng(3)
    x = rng.random((9, 6))
    w = rng.random((4, 6)) * (rng.random((4, 6)) > 0.5)
    full = np.zeros((9, 4))
    for j in range(6):  # the plain column-by-column sum, zero terms included
        full += x[:, j : j + 1] * w[None, :, j]
    assert np.array_equal(sums.combine(x, w), full)
    assert sums.combine(np.zeros((0, 6)), w).shape == (0, 4)


def test_a_lower_foothold_slows_the_warming_of_a_distrustful_stakeholder() -> None:
    def turns_to_warm(**model: float) -> int:
        doc = base()
        doc["stakeholders"][0]["trust"] = 0.1
        doc["model"] = model
        engine = Engine(build(doc))
        state = engine.start(np.array([0], dtype=np.uint64))
        engage = engine.encode([Decision("engage", "a")])[None, :]
        turns = 0
        while state.trust[0, 0] < 0.5 and turns < 60:
            engine.resolve_turn(state, engage)
            engine.end_turn(state)
            turns += 1
        return turns

    default = turns_to_warm()
    assert default == turns_to_warm(trust_foothold=0.2)
    assert turns_to_warm(trust_foothold=0.05) > default > turns_to_warm(trust_foothold=0.6)
