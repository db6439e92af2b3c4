"""The sensitivity analysis over what authors edit: which inputs, which measures, which ranking.

The fixture `sensitivity_storms.yaml` is built so that one input obviously
drives the score: a storm that costs money fires with probability 0.5 each
turn, and the score is the money alone. Nothing else the policies do touches
the money, so the storm's probability must top the table, and an action that
is never available must show no effect at all.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from game.analysis import thresholds
from game.analysis.balance import balance
from game.analysis.balance_text import render
from game.analysis.report import SensitivityReport
from game.analysis.sensitivity import sensitivity
from game.analysis.variants import NotVaried, Why, variants
from game.scenario import loader
from game.scenario.schema import ChanceEffect, EngageEffect, Scenario
from game.sim.engine import Engine
from tests.test_balance_cli import SMALL

STORMS = Path(__file__).resolve().parent / "fixtures" / "sensitivity_storms.yaml"


@pytest.fixture(scope="module")
def storms() -> Scenario:
    return loader.load(STORMS)


@pytest.fixture(scope="module")
def report(storms: Scenario) -> SensitivityReport:
    return sensitivity(storms, ["partner", "force"], 100, seed=3, workers=0)


def _small(extra: str = "") -> Scenario:
    return Scenario.model_validate(yaml.safe_load(SMALL + extra))


# --------------------------------------------------------------------------
# Ranking and measures


def test_the_input_that_drives_the_score_tops_the_table(report: SensitivityReport) -> None:
    top = report.rows[0]
    assert top.key == "probability.storm"
    assert (top.base_value, top.low_value, top.high_value) == (0.5, 0.4, 0.6)
    for effect in top.effects.values():
        assert effect.score is not None
        # Fewer storms keep more money: the score rises when the probability is lowered.
        assert effect.score.delta_low > 3.0 and effect.score.delta_high < -3.0
        # On common random numbers the paired error is far below the effect.
        assert abs(effect.score.delta_high) > 4 * effect.score.high_se
    assert top.effect == pytest.approx(max(e.score.swing for e in top.effects.values() if e.score))
    assert top.effect > 2 * report.rows[1].effect


def test_inputs_with_no_effect_show_none(report: SensitivityReport) -> None:
    by = {r.key: r for r in report.rows}
    # A gala is never available, a comet never comes, and nothing scores trust or progress.
    for key in ("cost.gala", "strength.gala", "probability.comet", "effort.reform"):
        row = by[key]
        assert row.effect == 0.0, key
        for effect in row.effects.values():
            assert effect.score is not None and effect.score.swing == 0.0
            assert all(p.swing == 0.0 for p in effect.outcomes.values())
    assert report.rows[-1].effect == 0.0


def test_outcome_shares_move_even_when_nothing_succeeds(report: SensitivityReport) -> None:
    """No policy ever succeeds here, yet the storm moves runs between partial and failure."""
    storm = report.rows[0]
    for effect in storm.effects.values():
        assert effect.base == effect.low == effect.high == 0.0  # the success rate never moves
        shares = effect.outcomes
        assert set(shares) == {"success", "partial", "failure"}
        assert shares["partial"].base + shares["failure"].base == pytest.approx(1.0)
        assert shares["failure"].delta_high == pytest.approx(-shares["partial"].delta_high)


def test_the_json_keeps_its_keys_and_adds_the_new_measures(storms: Scenario) -> None:
    data = balance(storms, ["partner"], 100, seed=3, sensitivity=True, workers=0).as_json()["sensitivity"]
    assert {"step", "runs_per_variant", "rows", "skipped", "policies_left_out"} <= set(data)
    row = data["rows"][0]
    # The keys a reader of earlier reports relies on, unchanged in meaning (success rate) ...
    assert {"key", "label", "base_value", "low_value", "high_value", "swing", "policies"} <= set(row)
    effect = row["policies"]["partner"]
    assert {"base", "low", "high", "delta_low", "delta_high", "se_low", "se_high"} <= set(effect)
    # ... and the new ones beside them.
    assert {"kind", "scaled", "detail", "effect", "largest_policy"} <= set(row)
    assert row["key"] == "probability.storm" and row["kind"] == "probability" and row["largest_policy"] == "partner"
    assert set(effect["score"]) == {"base", "low", "high", "delta_low", "delta_high", "se_low", "se_high"}
    assert set(effect["outcomes"]) == {"success", "partial", "failure"}
    assert effect["effect"] == row["effect"] > 0
    assert "ending.broke.2 (compared with a whole number: a turn, a flag or a count)" in data["skipped"]
    thresholds_rows = [r for r in data["rows"] if r["kind"] == "ending"]
    assert [r["detail"] for r in thresholds_rows] == ["metric.cash < 5"]


def test_the_table_shows_every_measure_for_the_policy_moved_most(storms: Scenario) -> None:
    report = balance(storms, ["partner"], 100, seed=3, sensitivity=True, workers=0)
    buffer = io.StringIO()
    console = Console(file=buffer, width=130)
    for part in render(report):
        console.print(part)
    text = buffer.getvalue()
    for heading in ("Δ mean score", "Δ success", "Δ partial", "Δ failure", "Swing"):
        assert heading in text
    line = next(line for line in text.splitlines() if line.startswith("probability.storm"))
    assert "0.4/0.6" in line and "partner" in line
    assert "`metric.cash < 5`" in text  # an ending's threshold is shown as written


def test_a_variant_that_changes_nothing_is_played_once(storms: Scenario) -> None:
    totals: list[int] = []
    items, _ = variants(storms)
    sensitivity(storms, ["partner"], 100, seed=3, workers=0, progress=lambda _s, _d, total: totals.append(total))
    # cost.meet and cost.gala are already at 1 and cannot go lower: their low variants are the baseline.
    texts = {storms.model_dump_json(by_alias=True)}
    texts |= {v.model_dump_json(by_alias=True) for item in items for v in (item.low, item.high)}
    assert storms.model_dump_json(by_alias=True) in {
        v.model_dump_json(by_alias=True) for item in items if item.key in ("cost.meet", "cost.gala") for v in (item.low,)}
    assert len(texts) < 1 + 2 * len(items)
    assert totals[-1] == 100 * len(texts)


# --------------------------------------------------------------------------
# The inputs


def test_costs_move_by_one_within_one_and_the_budget() -> None:
    items, _ = variants(_small())
    by = {v.key: v for v in items}
    assert (by["cost.engage"].low_value, by["cost.engage"].high_value) == (1.0, 2.0)  # never below 1
    assert (by["cost.force"].low_value, by["cost.force"].high_value) == (1.0, 2.0)  # never above the budget of 2
    assert by["cost.force"].low.actions[1].cost == 1 and isinstance(by["cost.force"].low.actions[1].cost, int)


def test_an_actions_strengths_and_amounts_scale_together_nested_ones_too() -> None:
    s = _small()
    fancy = s.actions[0].model_copy(update={"effects": [
        *s.actions[0].effects,
        ChanceEffect.model_validate({"chance": {"p": 0.5, "then": [{"trust": {"who": "target", "by": 0.1}}],
                                                "else": [{"flag": {"id": "x", "by": 1}}]}}),
        EngageEffect.model_validate({"engage": {"who": "board", "strength": 4.5}}),
    ]})
    s = s.model_copy(update={"actions": [fancy, *s.actions[1:]]})
    by = {v.key: v for v in variants(s)[0]}
    v = by["strength.engage"]
    assert v.scaled and (v.base_value, v.low_value, v.high_value) == (1.0, 0.8, 1.2)
    low, high = v.low.actions[0].effects, v.high.actions[0].effects
    assert low[0].engage.strength == pytest.approx(0.8)
    assert high[1].chance.then[0].trust.by == pytest.approx(0.12)
    assert high[1].chance.else_[0].flag.by == 1  # a counter, not a strength
    assert high[2].engage.strength == 5.0  # kept within the schema's bound
    assert v.low.actions[1:] == s.actions[1:]
    Engine(v.high)  # the variant compiles


def test_powers_stubbornness_effort_and_probabilities_stay_in_range() -> None:
    s = _small()
    by = {v.key: v for v in variants(s)[0]}
    assert (by["power.doctors"].low_value, by["power.doctors"].high_value) == pytest.approx((0.56, 0.84))
    assert by["power.doctors"].high.stakeholders[1].power == pytest.approx(0.84)
    assert by["stubbornness.doctors"].low.stakeholders[1].stubbornness == pytest.approx(0.48)
    assert by["effort.merger"].high.programmes[0].effort == pytest.approx(2.4)
    # An event with the default probability of 1 can only be lowered.
    p = by["probability.budget_day"]
    assert (p.low_value, p.high_value) == (0.8, 1.0)
    assert p.low.events[0].probability == pytest.approx(0.8)


def test_an_expression_probability_and_an_action_without_amounts_are_listed_as_not_varied() -> None:
    s = _small()
    s = s.model_copy(update={
        "events": [s.events[0].model_copy(update={"probability": "0.1 * turn"}), *s.events[1:]],
        "actions": [*s.actions, s.actions[2].model_copy(update={"id": "idle", "effects": []})],
    })
    _, skipped = variants(s)
    assert NotVaried("probability.budget_day", Why.EXPRESSION, 0.2) in skipped
    assert NotVaried("strength.idle", Why.NOTHING, 0.2) in skipped
    assert NotVaried("probability.budget_day", Why.EXPRESSION, 0.2).english == (
        "probability.budget_day (an expression, not a number)")


def test_ending_thresholds_are_varied_in_the_conditions_text() -> None:
    by = {v.key: v for v in variants(_small())[0]}
    merged = by["ending.merged.1"]
    assert merged.detail == "progress.merger >= 0.7"
    assert (merged.low_value, merged.high_value) == pytest.approx((0.56, 0.84))
    assert [e.when for e in merged.low.endings if e.id == "merged"] == ["progress.merger >= 0.56"]
    assert [e.when for e in merged.high.endings if e.id == "merged"] == ["progress.merger >= 0.84"]
    Engine(merged.low)


# --------------------------------------------------------------------------
# Thresholds in a condition


def test_thresholds_are_the_numbers_a_comparison_reads() -> None:
    found = thresholds.thresholds("max(progress.a, progress.b) >= 0.8 and metric.cash < -40 or turn > 3")
    assert [(t.value, t.comparison, t.whole) for t in found] == [
        (0.8, "max(progress.a, progress.b) >= 0.8", False),
        (-40.0, "metric.cash < -40", False),
        (3.0, "turn > 3", True),
    ]
    # A number inside arithmetic is not a threshold; one beside a flag or a count is whole.
    assert thresholds.thresholds("metric.cash < 40 - metric.debt") == []
    # (The level inside the count is a threshold of its own.)
    found = thresholds.thresholds("flag.x >= 2 or count(support < 0.3) > 1")
    assert [(t.value, t.whole) for t in found] == [(2.0, True), (0.3, False), (1.0, True)]
    # Chained comparisons: each number, with its own place.
    assert [t.value for t in thresholds.thresholds("0.2 < trust.a < 0.8")] == [0.2, 0.8]
    assert thresholds.thresholds("trust.a >=") == []  # not parsed: nothing to vary
    assert thresholds.thresholds("true") == []


def test_a_threshold_is_rewritten_in_place() -> None:
    text = "metric.cash < -40 and\n  wmean(trust) >= 0.4"
    cash, trust = thresholds.thresholds(text)
    assert thresholds.with_value(text, cash, -48.0) == "metric.cash < (-48) and   wmean(trust) >= 0.4"
    assert thresholds.with_value(text, trust, 0.32000000000000006) == "metric.cash < -40 and   wmean(trust) >= 0.32"
    assert thresholds.thresholds(thresholds.with_value(text, cash, -48.0))[0].value == -48.0
    assert thresholds.written(41.6) == "41.6" and thresholds.written(-0.0) == "0"
