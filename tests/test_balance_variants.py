"""Sensitivity inputs: each number an author edits moved ±20% (a cost by 1), one at a time."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from game.analysis.sensitivity import effect, paired_se, runs_per_variant
from game.analysis.variants import variants
from game.scenario.schema import ModelParameters, Scenario
from tests.test_balance_cli import SMALL


def _scenario(extra: str = "") -> Scenario:
    return Scenario.model_validate(yaml.safe_load(SMALL + extra))


def test_every_parameter_and_position_is_varied_one_at_a_time() -> None:
    base = _scenario()
    items, skipped = variants(base)
    by = {v.key: v for v in items}
    assert skipped == []
    kinds = [v.kind for v in items]
    # Model parameters, then trust, support, power and stubbornness per stakeholder, the programme's
    # effort, each action's cost and strengths, the endings' thresholds and the events' probabilities.
    assert kinds == ["model"] * len(ModelParameters.model_fields) + ["trust"] * 2 + ["support"] * 2 + ["power"] * 2 + ["stubbornness"] * 2 + [
        "effort"] + ["cost"] * 3 + ["strength"] * 3 + ["ending"] * 3 + ["probability"] * 2
    v = by["model.trust_gain"]
    assert (v.low_value, v.high_value) == pytest.approx((0.144, 0.216))
    assert v.low.model.trust_gain == pytest.approx(0.144)
    assert v.high.model.trust_gain == pytest.approx(0.216)
    # Nothing else moved.
    assert v.low.model.model_copy(update={"trust_gain": 0.18}) == base.model
    assert v.low.stakeholders == base.stakeholders
    # Whole-number parameters stay whole and move by at least one.
    d = by["model.disruption_turns"]
    assert (d.low_value, d.high_value) == (2.0, 4.0)
    assert isinstance(d.high.model.disruption_turns, int)
    # A negative intercept: low is the smaller number.
    b = by["model.block_base"]
    assert (b.low_value, b.high_value) == pytest.approx((-1.2, -0.8))
    t = by["trust.doctors"]
    assert (t.low_value, t.high_value) == pytest.approx((0.24, 0.36))
    assert t.high.stakeholders[1].trust == pytest.approx(0.36)
    assert t.high.stakeholders[0] == base.stakeholders[0]
    assert t.label == "The doctors: initial trust"


def test_ranges_are_respected_and_zeros_skipped() -> None:
    s = _scenario("model: {trust_drift: 0.0, coalition_threshold: 0.95}\n")
    s = s.model_copy(
        update={"stakeholders": [s.stakeholders[0].model_copy(update={"support": 0.9, "trust": 0.0}),
                                 s.stakeholders[1]]}
    )
    items, skipped = variants(s)
    by = {v.key: v for v in items}
    assert "model.trust_drift" not in by and any(k.key == "model.trust_drift" for k in skipped)
    assert "trust.board" not in by
    assert by["model.coalition_threshold"].high_value == 1.0  # 1.14 kept inside 0..1
    assert by["support.board"].high_value == 1.0


def test_paired_errors_are_small_when_few_runs_change() -> None:
    rng = np.random.default_rng(1)
    base = rng.random(400) < 0.4
    tipped = base.copy()
    tipped[:8] = True  # the change tips a handful of runs
    e = effect(base, base, tipped)
    assert e.low == e.base and e.low_se == 0.0
    assert e.high - e.base == pytest.approx((~base[:8]).sum() / 400)
    independent = rng.random(400) < 0.4
    assert paired_se(base, tipped) < paired_se(base, independent) / 3


def test_variant_runs_are_a_bounded_share_of_the_baseline() -> None:
    assert runs_per_variant(2000) == 300
    assert runs_per_variant(800) == 200
    assert runs_per_variant(200) == 100
    assert runs_per_variant(60) == 60
    assert runs_per_variant(1_000_000) == 300
