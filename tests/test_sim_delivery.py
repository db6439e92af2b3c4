"""Delivery (§6): forced-through change pays off only partly; `system` (§8) reads the metrics taken together."""

from __future__ import annotations

import numpy as np
import pytest

from game.scenario.loader import validate_text
from game.sim import rules
from game.sim.engine import Engine
from tests.sim_support import base, build


def test_delivery_rises_from_the_floor_to_all_at_the_threshold() -> None:
    coalition = np.array([[0.0, 0.25, 0.5, 0.9]])
    out = rules.delivery(coalition, threshold=0.5, floor=0.2)
    assert out[0].tolist() == pytest.approx([0.2, 0.6, 1.0, 1.0])
    assert (rules.delivery(coalition, 0.5, 1.0) == 1.0).all()


def _with_metric(floor: float, support: float) -> Engine:
    doc = base()
    doc["stakeholders"][0].update(trust=support, support=support)
    doc["programmes"][0]["affects"] = ["a"]
    doc["metrics"] = [{"id": "waits", "name": "Waits", "initial": 50, "min": 0, "max": 100, "target": 100,
                       "benefits_from": {"change": 40}}]
    doc["model"] = {"benefit_lag": 1, "delivery_floor": floor, "metric_relax": 0.0, "coalition_threshold": 0.6}
    return Engine(build(doc))


def _gain_after_forcing(engine: Engine) -> float:
    state = engine.start(np.array([3], dtype=np.uint64))
    force = engine.encode([d for d in engine.decode(np.ones(len(engine.options), dtype=bool)) if d.action == "force"])
    for _ in range(3):
        engine.resolve_turn(state, force[None, :])
        engine.end_turn(state)
    return float(state.metrics[0, 0] - 50)


def test_change_forced_through_opponents_pays_off_partly() -> None:
    # The same pushes: with the stakeholder opposed the metric gains a fraction
    # of what it gains with them on side (floor 0.25), and all of it without a floor.
    opposed = _gain_after_forcing(_with_metric(0.25, 0.1))
    behind = _gain_after_forcing(_with_metric(0.25, 0.9))
    no_floor = _gain_after_forcing(_with_metric(1.0, 0.1))
    assert behind > 0 and no_floor > 0
    assert opposed < 0.6 * no_floor


def test_system_reads_the_metrics_taken_together() -> None:
    doc = base()
    doc["metrics"] = [
        {"id": "waits", "name": "Waits", "initial": 10, "min": 0, "max": 20, "target": 5, "higher_is_better": False},
        {"id": "money", "name": "Money", "initial": 0, "min": -50, "max": 50, "target": 10},
    ]
    engine = Engine(build(doc))
    # Waits 10 -> 8 is +0.1 of its range; money 0 -> -10 is -0.1: together, no change.
    assert engine.cs.system(np.array([[8.0, -10.0]]))[0] == pytest.approx(0.0)
    assert engine.cs.system(np.array([[8.0, 0.0]]))[0] == pytest.approx(0.05)
    doc["scoring"] = {"metrics": {"waits": 3, "money": 1}}
    weighted = Engine(build(doc))
    assert weighted.cs.system(np.array([[8.0, -10.0]]))[0] == pytest.approx((3 * 0.1 - 0.1) / 4)


def test_an_ending_can_ask_whether_the_system_is_better() -> None:
    doc = base()
    doc["metrics"] = [{"id": "waits", "name": "Waits", "initial": 50, "min": 0, "max": 100, "target": 100,
                       "drift": -5}]
    doc["endings"] = [
        {"id": "better", "title": "Better", "text": "Better.", "outcome": "success", "when": "system > 0"},
        {"id": "worse", "title": "Worse", "text": "Worse.", "outcome": "failure"},
    ]
    engine = Engine(build(doc))
    state = engine.start(np.array([1], dtype=np.uint64))
    while not state.ended.all():
        engine.resolve_turn(state, np.zeros((1, len(engine.options)), dtype=bool))
        engine.end_turn(state)
    assert engine.endings[int(state.ending[0])] == "worse"


def test_system_is_checked_like_any_name() -> None:
    text = (
        "format: 1\nmeta: {id: t, title: T, summary: S, turns: 2}\n"
        "stakeholders: [{id: a, name: A, power: 0.5, trust: 0.5, support: 0.5}]\n"
        "programmes: [{id: p, name: P, effort: 2}]\n"
        "actions: [{id: w, name: W, effects: []}]\n"
        "endings: [{id: e, title: E, text: E, outcome: success, when: 'systm > 0'},\n"
        "          {id: f, title: F, text: F, outcome: failure}]\n"
    )
    result = validate_text(text, "t.yaml")
    assert [p.message for p in result.problems if "systm" in p.message]
    fixed = validate_text(text.replace("systm", "system"), "t.yaml")
    assert fixed.scenario is not None, [str(p) for p in fixed.problems]
