"""Streaming totals, coverage and warnings on plain data."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from game.analysis.balance_warnings import coverage, luck_ratio, warnings_for
from game.analysis.report import Coverage, PolicySummary, ScoreSummary
from game.analysis.tally import PolicyTally, ScenarioFacts

FACTS = ScenarioFacts(
    ending_ids=("transformed", "muddled", "ousted"),
    ending_outcomes=("success", "partial", "failure"),
    event_ids=("strike", "inspection", "windfall"),
    option_actions=("engage", "engage", "force", "pause"),
    action_ids=("engage", "force", "pause", "tackle"),
    metric_ids=("access", "finance"),
    metric_initial=(60.0, -5.0),
)


def _chunks(rng: np.random.Generator, runs: int, size: int) -> Iterator[tuple[np.ndarray, ...]]:
    ending = rng.integers(0, 3, size=runs)
    score = np.clip(rng.normal(55, 15, size=runs), 0, 100)
    events = rng.integers(0, 2, size=(runs, 3))
    events[:, 2] = 0
    options = rng.integers(0, 3, size=(runs, 4))
    metrics = np.column_stack([rng.normal(60, 5, size=runs), np.full(runs, -5.0)])
    for start in range(0, runs, size):
        sl = slice(start, start + size)
        yield ending[sl], score[sl], events[sl], options[sl].sum(axis=0), metrics[sl]


def test_chunked_totals_equal_the_whole_batch() -> None:
    rng = np.random.default_rng(3)
    whole = next(_chunks(np.random.default_rng(3), 5000, 5000))
    tally = PolicyTally("force", FACTS)
    for chunk in _chunks(rng, 5000, 777):
        tally.add(*chunk)
    ending, score, events, option_totals, _ = whole
    s = tally.summary()
    assert s.runs == 5000
    assert s.score.mean == pytest.approx(score.mean(), rel=1e-12)
    assert s.score.std == pytest.approx(score.std(ddof=1), rel=1e-10)
    for q, got in ((0.1, s.score.p10), (0.5, s.score.p50), (0.9, s.score.p90)):
        assert got == pytest.approx(np.quantile(score, q), abs=0.011)
    assert s.ending_counts == {
        "transformed": int((ending == 0).sum()),
        "muddled": int((ending == 1).sum()),
        "ousted": int((ending == 2).sum()),
    }
    assert s.outcome_counts["success"] == s.ending_counts["transformed"]
    assert s.success_rate == pytest.approx((ending == 0).mean())
    assert s.event_runs["strike"] == int((events[:, 0] > 0).sum())
    assert s.event_runs["windfall"] == 0
    # Options 0 and 1 are both `engage` (two targets).
    assert s.action_choices["engage"] == int(option_totals[:2].sum())
    assert s.action_choices["tackle"] == 0
    assert tally.metrics_moving() == {"access": True, "finance": False}


def test_percentiles_of_a_known_set() -> None:
    tally = PolicyTally("partner", FACTS)
    scores = np.arange(0, 101, dtype=float)  # 0, 1, ..., 100
    tally.add(np.zeros(101, dtype=int), scores)
    s = tally.summary().score
    assert s.p10 == pytest.approx(10.0, abs=0.011)
    assert s.p50 == pytest.approx(50.0, abs=0.011)
    assert s.p90 == pytest.approx(90.0, abs=0.011)


def test_an_unfinished_run_is_refused() -> None:
    tally = PolicyTally("partner", FACTS)
    with pytest.raises(ValueError, match="ending index"):
        tally.add(np.array([0, -1]), np.array([1.0, 2.0]))


def _summary(policy: str, success: int, mean: float, std: float, endings: dict[str, int],
             events: dict[str, int] | None = None) -> PolicySummary:
    runs = sum(endings.values())
    return PolicySummary(
        policy=policy,
        runs=runs,
        outcome_counts={"success": success, "partial": 0, "failure": runs - success},
        ending_counts=endings,
        score=ScoreSummary(mean, std, mean - std, mean, mean + std),
        event_runs=events or {"strike": 10, "inspection": 0},
        action_choices={"engage": 5, "force": 0},
    )


def test_coverage_finds_what_nobody_exercised() -> None:
    a = _summary("partner", 10, 40, 10, {"win": 10, "lose": 90, "secret": 0},
                 {"strike": 100, "inspection": 0})
    b = _summary("force", 50, 45, 10, {"win": 50, "lose": 50, "secret": 0},
                 {"strike": 100, "inspection": 0})
    cov = coverage({"partner": a, "force": b}, {"access": True, "finance": False})
    assert cov.endings_never_reached == ["secret"]
    assert cov.events_never_fired == ["inspection"]
    assert cov.events_always_fired == ["strike"]
    assert cov.actions_never_chosen == ["force"]
    assert cov.metrics_never_moving == ["finance"]


def test_warnings_name_a_dominant_naive_policy_and_luck() -> None:
    endings = {"win": 50, "lose": 50}
    summaries = {
        "force": _summary("force", 50, 60.0, 20.0, endings),
        "balanced": _summary("balanced", 45, 61.0, 20.0, endings),
        "partner": _summary("partner", 10, 40.0, 20.0, {"win": 10, "lose": 90}),
    }
    cov = Coverage([], [], [], [], [])
    text = warnings_for(summaries, cov)
    assert any("naive 'force'" in w for w in text)
    assert not any("naive 'partner'" in w for w in text)
    # Gap 21 points over a 20-point spread: ratio 1.05 < 1.5.
    assert luck_ratio(summaries) == pytest.approx(21.0 / 20.0)
    assert any(w.startswith("Luck matters more than decisions") for w in text)


def test_no_warnings_for_a_well_balanced_scenario() -> None:
    summaries = {
        "force": _summary("force", 30, 40.0, 8.0, {"win": 30, "lose": 70}),
        "partner": _summary("partner", 10, 45.0, 8.0, {"win": 10, "lose": 90}),
        "balanced": _summary("balanced", 60, 70.0, 8.0, {"win": 60, "lose": 40}),
    }
    cov = Coverage([], [], [], [], [])
    assert warnings_for(summaries, cov) == []


def test_warnings_for_endings_and_events() -> None:
    summaries = {"balanced": _summary("balanced", 60, 70.0, 8.0, {"win": 60, "lose": 40})}
    cov = Coverage(["inspection"], ["secret"], [], ["finance"], ["strike"])
    text = warnings_for(summaries, cov, {"secret": "A quiet triumph"})
    assert any("'secret' (A quiet triumph)" in w for w in text)
    assert any("'strike' fires in every one of the 100 runs" in w for w in text)
    assert any("'inspection' never fires" in w for w in text)
    assert any("'finance' never moves" in w for w in text)


def test_no_naive_warning_when_nobody_succeeds_but_scores_differ() -> None:
    summaries = {
        "force": _summary("force", 0, 40.0, 8.0, {"win": 0, "lose": 100}),
        "balanced": _summary("balanced", 0, 70.0, 8.0, {"win": 0, "lose": 100}),
    }
    assert not any("naive" in w for w in warnings_for(summaries, Coverage([], [], [], [], [])))
