"""Coverage and warnings drawn from the per-policy summaries.

A warning is first a :class:`Finding` (its kind and figures), then words in a
language (:func:`word`): the terminal and the web page say it in the author's
language, and ``--json`` always carries the English wording.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from game.analysis.report import (
    ADAPTIVE_POLICIES,
    NAIVE_POLICIES,
    BalanceReport,
    Coverage,
    PolicySummary,
)
from game.i18n import translate, translate_count
from game.i18n.numbers import count, number, percent, with_mark

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


@dataclass(frozen=True)
class Finding:
    """One warning as data: what kind it is, about what, and the figures that back it.

    :func:`word` says it in a language; the JSON output always gets the English wording.
    """

    kind: Literal["naive", "luck", "ending_never", "event_always", "event_never", "metric_still"]
    subject: str
    """The naive policy, the best policy, or the ending, event or metric concerned."""
    other: str = ""
    """The adaptive policy it is compared with, or the worst policy."""
    figures: tuple[float, ...] = ()


def findings(summaries: Mapping[str, PolicySummary], cov: Coverage) -> list[Finding]:
    """Every warning an author should read, most important first, as data."""
    out: list[Finding] = []

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
            out.append(Finding("naive", name, best.policy, (
                naive.score.mean, best.score.mean, naive.success_rate, best.success_rate)))

    ratio = luck_ratio(summaries)
    if ratio is not None and ratio < DECISIONS_OVER_LUCK:
        means = {p: s.score.mean for p, s in summaries.items()}
        best_p = max(means, key=lambda p: means[p])
        worst_p = min(means, key=lambda p: means[p])
        spread = sum(s.score.std for s in summaries.values()) / len(summaries)
        out.append(Finding("luck", best_p, worst_p, (means[best_p], means[worst_p], ratio, spread)))

    total_runs = float(sum(s.runs for s in summaries.values()))
    out.extend(Finding("ending_never", ending) for ending in cov.endings_never_reached)
    out.extend(Finding("event_always", event, figures=(total_runs,)) for event in cov.events_always_fired)
    out.extend(Finding("event_never", event, figures=(total_runs,)) for event in cov.events_never_fired)
    out.extend(Finding("metric_still", metric) for metric in cov.metrics_never_moving)
    return out


def word(finding: Finding, lang: str | None = "en", ending_titles: Mapping[str, str] | None = None) -> str:
    """A finding in plain words in ``lang``; ``ending_titles`` names the endings in that language."""
    def say(key: str, /, **fields: object) -> str:
        return translate(lang, f"balance.warn.{key}", **fields)

    def counted(key: str, shown: str) -> str:
        return translate_count(lang, key, shown, n=shown)

    def points(value: float) -> str:
        return counted("count.points", number(value, lang))

    f, subject = finding.figures, finding.subject
    if finding.kind == "naive":
        return say("naive", policy=subject, adaptive=finding.other, mean=number(f[0], lang),
                   best_mean=points(f[1]), success=percent(f[2], lang), best_success=percent(f[3], lang))
    if finding.kind == "luck":
        return say("luck", best=subject, worst=finding.other, best_mean=points(f[0]),
                   worst_mean=points(f[1]), gap=points(f[0] - f[1]), ratio=counted("count.times", number(f[2], lang, 2)),
                   spread=points(f[3]), aim=with_mark(str(DECISIONS_OVER_LUCK), lang))
    if finding.kind == "ending_never":
        title = (ending_titles or {}).get(subject)
        named = say("named_title", id=subject, title=title) if title else say("named", id=subject)
        return say("ending_never", named=named)
    if finding.kind in ("event_always", "event_never"):
        return translate_count(lang, f"balance.warn.{finding.kind}", int(f[0]), event=subject, runs=count(int(f[0]), lang))
    return say("metric_still", metric=subject)


def warnings_for(
    summaries: Mapping[str, PolicySummary],
    cov: Coverage,
    ending_titles: Mapping[str, str] | None = None,
) -> list[str]:
    """Every warning an author should read, most important first, in English (as the JSON gives them)."""
    return [word(f, "en", ending_titles) for f in findings(summaries, cov)]


def report_findings(report: BalanceReport) -> list[Finding]:
    """The findings behind a report's warnings, to word them in another language."""
    return findings(report.policies, report.coverage)


def ordered(names: Sequence[str], order: Sequence[str]) -> list[str]:
    """Names in a preferred order, unknown ones after in their own order."""
    known = [n for n in order if n in names]
    return known + [n for n in names if n not in known]
