"""The plain data a balance run produces; the CLI and the workshop report only format it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.analysis.variants import NotVaried

OUTCOMES = ("success", "partial", "failure")
NAIVE_POLICIES = ("partner", "force", "random")
ADAPTIVE_POLICIES = ("balanced", "greedy")


@dataclass(frozen=True)
class ScoreSummary:
    """Final scores (0 to 100) of one policy's runs."""

    mean: float
    std: float
    p10: float
    p50: float
    p90: float

    def as_json(self) -> dict[str, float]:
        return {
            "mean": round(self.mean, 3),
            "std": round(self.std, 3),
            "p10": round(self.p10, 3),
            "p50": round(self.p50, 3),
            "p90": round(self.p90, 3),
        }


@dataclass(frozen=True)
class PolicySummary:
    """What one built-in policy achieved over its runs."""

    policy: str
    runs: int
    outcome_counts: dict[str, int]
    ending_counts: dict[str, int]
    score: ScoreSummary
    event_runs: dict[str, int] = field(default_factory=dict)
    """Event id to the number of runs in which it fired at least once."""
    action_choices: dict[str, int] = field(default_factory=dict)
    """Action id to how many times it was chosen over all runs."""
    score_histogram: tuple[int, ...] = ()
    """Runs per whole score point: item i counts scores from i up to i + 1 (the last also 100).
    Empty when unknown; not part of the JSON output."""

    def rate(self, outcome: str) -> float:
        return self.outcome_counts.get(outcome, 0) / self.runs if self.runs else 0.0

    @property
    def success_rate(self) -> float:
        return self.rate("success")

    @property
    def outcome_rates(self) -> dict[str, float]:
        return {o: self.rate(o) for o in OUTCOMES}

    @property
    def ending_shares(self) -> dict[str, float]:
        return {e: (c / self.runs if self.runs else 0.0) for e, c in self.ending_counts.items()}

    def as_json(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "success_rate": round(self.success_rate, 6),
            "outcome_rates": {o: round(r, 6) for o, r in self.outcome_rates.items()},
            "score": self.score.as_json(),
            "endings": {e: round(s, 6) for e, s in self.ending_shares.items()},
        }


@dataclass(frozen=True)
class Coverage:
    """Parts of the scenario that no policy ever exercised, or that always happen."""

    events_never_fired: list[str]
    endings_never_reached: list[str]
    actions_never_chosen: list[str]
    metrics_never_moving: list[str]
    events_always_fired: list[str]

    def as_json(self) -> dict[str, list[str]]:
        return {
            "events_never_fired": list(self.events_never_fired),
            "endings_never_reached": list(self.endings_never_reached),
            "actions_never_chosen": list(self.actions_never_chosen),
            "metrics_never_moving": list(self.metrics_never_moving),
            "events_always_fired": list(self.events_always_fired),
        }


@dataclass(frozen=True)
class Paired:
    """One measure (a mean score, an outcome's share) on the base seeds and on the two variants,
    with the paired standard error of each difference."""

    base: float
    low: float
    high: float
    low_se: float
    high_se: float

    @property
    def delta_low(self) -> float:
        return self.low - self.base

    @property
    def delta_high(self) -> float:
        return self.high - self.base

    @property
    def swing(self) -> float:
        """The larger of the two moves, in the measure's own unit."""
        return max(abs(self.delta_low), abs(self.delta_high))

    def as_json(self) -> dict[str, float]:
        return {
            "base": round(self.base, 6),
            "low": round(self.low, 6),
            "high": round(self.high, 6),
            "delta_low": round(self.delta_low, 6),
            "delta_high": round(self.delta_high, 6),
            "se_low": round(self.low_se, 6),
            "se_high": round(self.high_se, 6),
        }


@dataclass(frozen=True)
class PolicyEffect:
    """How one policy's results moved when an input went down and up.

    ``base``, ``low``, ``high`` and their errors are the success rate (the
    report's first measure, kept as it was); ``score`` is the mean final score
    and ``outcomes`` the share of each outcome class."""

    base: float
    low: float
    high: float
    low_se: float
    high_se: float
    score: Paired | None = None
    outcomes: dict[str, Paired] = field(default_factory=dict)

    @property
    def swing(self) -> float:
        """The larger of the two moves, in absolute success-rate points."""
        return max(abs(self.low - self.base), abs(self.high - self.base))

    def measures(self) -> dict[str, Paired]:
        """Every measure, each on a 0-100 scale: score points, or percentage points of a share."""
        out: dict[str, Paired] = {}
        if self.score is not None:
            out["score"] = self.score
        for outcome, p in self.outcomes.items():
            out[outcome] = Paired(100 * p.base, 100 * p.low, 100 * p.high, 100 * p.low_se, 100 * p.high_se)
        if not self.outcomes:
            out["success"] = Paired(100 * self.base, 100 * self.low, 100 * self.high, 100 * self.low_se, 100 * self.high_se)
        return out

    @property
    def effect(self) -> float:
        """The largest move of any measure, in points (0-100 scale), either way."""
        return max((m.swing for m in self.measures().values()), default=0.0)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "base": round(self.base, 6),
            "low": round(self.low, 6),
            "high": round(self.high, 6),
            "delta_low": round(self.low - self.base, 6),
            "delta_high": round(self.high - self.base, 6),
            "se_low": round(self.low_se, 6),
            "se_high": round(self.high_se, 6),
            "effect": round(self.effect, 6),
        }
        if self.score is not None:
            out["score"] = self.score.as_json()
        if self.outcomes:
            out["outcomes"] = {o: p.as_json() for o, p in self.outcomes.items()}
        return out


@dataclass(frozen=True)
class SensitivityRow:
    """One varied input: a model parameter, a stakeholder's number, an action's cost or
    strengths, a programme's effort, an ending's threshold or an event's probability."""

    key: str
    """`model.trust_gain`, `trust.gp_federation`, `cost.force`, `ending.merged.1` … (see
    `game.analysis.variants`)."""
    label: str
    base_value: float
    low_value: float
    high_value: float
    effects: dict[str, PolicyEffect]
    scaled: bool = False
    """The values are multipliers (an action's strengths scaled together), base 1."""
    detail: str = ""
    """An ending threshold's comparison as written (``wmean(trust) >= 0.4``); else empty."""

    @property
    def kind(self) -> str:
        return self.key.partition(".")[0]

    @property
    def swing(self) -> float:
        """The largest move in any policy's success rate (0 to 1)."""
        return max((e.swing for e in self.effects.values()), default=0.0)

    @property
    def effect(self) -> float:
        """The largest move of any measure of any policy, in points: what the rows are ranked by."""
        return max((e.effect for e in self.effects.values()), default=0.0)

    @property
    def largest(self) -> str | None:
        """The policy whose results this input moves most (the first on a tie); None without policies."""
        if not self.effects:
            return None
        return max(self.effects, key=lambda p: self.effects[p].effect)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "base_value": self.base_value,
            "low_value": self.low_value,
            "high_value": self.high_value,
            "swing": round(self.swing, 6),
            "policies": {p: e.as_json() for p, e in self.effects.items()},
            "kind": self.kind,
            "scaled": self.scaled,
            "detail": self.detail,
            "effect": round(self.effect, 6),
            "largest_policy": self.largest,
        }


@dataclass(frozen=True)
class SensitivityReport:
    """A tornado table: inputs ranked by how far ±`step` moves any policy's mean score or
    outcome shares (:attr:`SensitivityRow.effect`)."""

    step: float
    runs_per_variant: int
    rows: list[SensitivityRow]
    skipped: list[NotVaried]
    """Inputs left out because varying them changes nothing (zero, or pinned at a bound)."""
    policies_left_out: list[str] = field(default_factory=list)
    """Policies too costly to replay for every variant (see `game.analysis.sensitivity`)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "runs_per_variant": self.runs_per_variant,
            "rows": [r.as_json() for r in self.rows],
            "skipped": [s.english for s in self.skipped],
            "policies_left_out": list(self.policies_left_out),
            "ranked_by": "effect",
        }


@dataclass(frozen=True)
class BalanceReport:
    """Everything `shove balance` prints, as data."""

    scenario: str
    seed: int
    runs: int
    elapsed_s: float
    policies: dict[str, PolicySummary]
    coverage: Coverage
    warnings: list[str]
    sensitivity: SensitivityReport | None = None
    decisions_over_luck: float | None = None
    """Gap between the best and worst policy's mean score over the mean within-policy std."""

    def as_json(self) -> dict[str, Any]:
        """The object `shove balance --json` prints (see PRODUCT.md); keys beyond the
        contract: `decisions_over_luck`, coverage's extra lists, and `sensitivity`."""
        out: dict[str, Any] = {
            "scenario": self.scenario,
            "runs": self.runs,
            "seed": self.seed,
            "elapsed_s": round(self.elapsed_s, 3),
            "policies": {name: s.as_json() for name, s in self.policies.items()},
            "warnings": list(self.warnings),
            "coverage": self.coverage.as_json(),
            "decisions_over_luck": (
                None
                if self.decisions_over_luck is None or math.isinf(self.decisions_over_luck)
                else round(self.decisions_over_luck, 3)
            ),
        }
        if self.sensitivity is not None:
            out["sensitivity"] = self.sensitivity.as_json()
        return out
