"""Coverage and plain-words warnings drawn from the per-policy summaries."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from game.analysis.report import ADAPTIVE_POLICIES, NAIVE_POLICIES, Coverage, PolicySummary

# Decisions should matter more than luck: the gap between the best and the worst
# policy's mean score, over the average spread within one policy, should be at least this.
DECISIONS_OVER_LUCK = 1.5
# A naive policy "does as well" as an adaptive one when it is within this many
# score points of the best adaptive mean, or succeeds at least as often as the
# best adaptive policy (when that one succeeds at all).
NAIVE_MARGIN_POINTS = 2.0


def coverage(
    summaries: Mapping[str, PolicySummary],
    metrics_moving: Mapping[str, bool],
) -> Coverage:
    """What no policy exercised; `metrics_moving` is metric id to "moved in some run"."""
    total_runs = sum(s.runs for s in summaries.values())
    first = next(iter(summaries.values()), None)
    event_ids = list(first.event_runs) if first else []
    ending_ids = list(first.ending_counts) if first else []
    action_ids = list(first.action_choices) if first else []

    def fired(event: str) -> int:
        return sum(s.event_runs.get(event, 0) for s in summaries.values())

    return Coverage(
        events_never_fired=[e for e in event_ids if fired(e) == 0],
        endings_never_reached=[
            e for e in ending_ids if sum(s.ending_counts.get(e, 0) for s in summaries.values()) == 0
        ],
        actions_never_chosen=[
            a for a in action_ids if sum(s.action_choices.get(a, 0) for s in summaries.values()) == 0
        ],
        metrics_never_moving=[m for m, moved in metrics_moving.items() if not moved],
        events_always_fired=[e for e in event_ids if total_runs > 0 and fired(e) == total_runs],
    )


def _pct(x: float) -> str:
    return f"{100.0 * x:.0f}%"


def luck_ratio(summaries: Mapping[str, PolicySummary]) -> float | None:
    """Gap between the best and worst mean score over the mean within-policy std."""
    if len(summaries) < 2:
        return None
    means = [s.score.mean for s in summaries.values()]
    spread = sum(s.score.std for s in summaries.values()) / len(summaries)
    gap = max(means) - min(means)
    if spread <= 0.0:
        return math.inf if gap > 0 else None
    return gap / spread


def warnings_for(
    summaries: Mapping[str, PolicySummary],
    cov: Coverage,
    ending_titles: Mapping[str, str] | None = None,
) -> list[str]:
    """Every warning an author should read, most important first."""
    out: list[str] = []
    titles = ending_titles or {}

    adaptive = [summaries[p] for p in ADAPTIVE_POLICIES if p in summaries]
    for name in NAIVE_POLICIES:
        naive = summaries.get(name)
        if naive is None or not adaptive:
            continue
        best = max(adaptive, key=lambda s: s.score.mean)
        best_success = max(s.success_rate for s in adaptive)
        if naive.score.mean >= best.score.mean - NAIVE_MARGIN_POINTS or (
            best_success > 0 and naive.success_rate >= best_success
        ):
            out.append(
                f"The naive '{name}' policy does as well as the adaptive '{best.policy}' one "
                f"(mean score {naive.score.mean:.1f} against {best.score.mean:.1f} points; success "
                f"{_pct(naive.success_rate)} against {_pct(best.success_rate)}): thinking about when "
                "to partner and when to push is not rewarded."
            )

    ratio = luck_ratio(summaries)
    if ratio is not None and ratio < DECISIONS_OVER_LUCK:
        means = {p: s.score.mean for p, s in summaries.items()}
        best_p = max(means, key=lambda p: means[p])
        worst_p = min(means, key=lambda p: means[p])
        spread = sum(s.score.std for s in summaries.values()) / len(summaries)
        out.append(
            f"Luck matters more than decisions: the best policy ('{best_p}', {means[best_p]:.1f} "
            f"points) beats the worst ('{worst_p}', {means[worst_p]:.1f} points) by "
            f"{means[best_p] - means[worst_p]:.1f} points, only {ratio:.2f} times the typical spread "
            f"of {spread:.1f} points within one policy (aim for at least {DECISIONS_OVER_LUCK})."
        )

    for ending in cov.endings_never_reached:
        title = titles.get(ending)
        named = f"'{ending}' ({title})" if title else f"'{ending}'"
        out.append(f"Nobody reaches the ending {named} under any policy: check its condition.")
    total_runs = sum(s.runs for s in summaries.values())
    for event in cov.events_always_fired:
        out.append(
            f"The event '{event}' fires in every one of the {total_runs:,} runs: fine if it is a fixed "
            "beat of the story, but if it is meant as a risk, lower its probability or narrow its condition."
        )
    for event in cov.events_never_fired:
        out.append(
            f"The event '{event}' never fires in {total_runs:,} runs: its condition or probability "
            "may be out of reach."
        )
    for metric in cov.metrics_never_moving:
        out.append(f"The metric '{metric}' never moves from its initial value: nothing the player does affects it.")
    return out


def ordered(names: Sequence[str], order: Sequence[str]) -> list[str]:
    """Names in a preferred order, unknown ones after in their own order."""
    known = [n for n in order if n in names]
    return known + [n for n in names if n not in known]
