"""The "why the numbers moved" feed: one entry per stakeholder (then per metric and programme), its net
change first and then its causes, largest first.

A stakeholder's net change is the one the table of stakeholders shows (the change rounded once to whole
points, as :func:`signed_points` writes it), and its causes are whole points apportioned so that they add
up to exactly that net: the feed and the table agree by construction. "Your advocacy" (the chief
executive's voice, which the model hears every turn) is named so only in a turn where the player acted;
in a quiet turn it is the trust they already place in you.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.i18n import percent, t, translate
from game.session.amounts import change, metric_change, metric_value, reason_digits, signed_points
from game.session.playthrough import Session
from game.session.views import Reason, StakeholderView, StateView

QUANTITIES = ("support", "trust")  # the order a stakeholder's changes are told in


@dataclass(frozen=True)
class Cause:
    """One cause of a change: which number, by how many whole points (or the metric's amount), and why."""

    quantity: str
    points: int  # whole percentage points (0 for a metric or programme, whose amount is in ``words``)
    cause: str
    words: str


@dataclass(frozen=True)
class WhyEntry:
    """One subject of the feed: ``key`` (``why:ID`` for a stakeholder), its net change in words, its causes."""

    key: str
    subject: str
    headline: str
    causes: tuple[Cause, ...]
    weight: float  # for ordering: the largest change, in points of a 0..1 scale

    def cause_lines(self) -> list[str]:
        """The causes grouped by the number they moved: ``support: +16 pts from your advocacy, −8 pts from peers' influence``."""
        lines: list[str] = []
        for quantity in (*QUANTITIES, ""):
            items = [c.words for c in self.causes if c.quantity == quantity]
            if items:
                joined = t("fmt.list_separator").join(items)
                lines.append(t("why.causes", quantity=t(f"quantity.{quantity}"), items=joined) if quantity else joined)
        return lines

    def text(self) -> str:
        return "\n".join([self.headline, *self.cause_lines()])


def net_points(delta: float) -> int:
    """A 0..1 change as the whole points the table shows (rounded once)."""
    return round(delta * 100)


def apportion(total: int, parts: Sequence[float]) -> list[int]:
    """Whole numbers near ``parts`` (each in points) adding up to exactly ``total``: every part rounded, then
    the difference given one point at a time to the parts whose rounding moved them furthest the other way."""
    shares = [round(p) for p in parts]
    gap = total - sum(shares)
    step = 1 if gap > 0 else -1
    # The parts that lost most by rounding (for a gap upwards), or gained most (downwards), first.
    order = sorted(range(len(parts)), key=lambda i: -(parts[i] - shares[i]) * step)
    for k in range(abs(gap)):
        shares[order[k % len(order)]] += step if order else 0
    return shares


def stakeholder_entry(view: StakeholderView, reasons: Sequence[Reason], advocacy_words: str, quiet: str) -> WhyEntry | None:
    """A stakeholder's entry: its net changes (as the table shows them) and their causes, or None when nothing
    it shows moved."""
    nets = {"trust": net_points(view.trust_change), "support": net_points(view.support_change)}
    values = {"trust": view.trust, "support": view.support}
    if not any(nets.values()):
        return None
    parts = [t("why.net", quantity=t(f"quantity.{q}"), points=signed_points(nets[q] / 100), now=percent(values[q]))
             for q in QUANTITIES if nets[q]]
    headline = t("why.headline", name=view.name, changes=t("fmt.list_separator").join(parts))
    causes: list[Cause] = []
    for quantity in QUANTITIES:
        if not nets[quantity]:
            continue
        mine = [r for r in reasons if r.subject == view.id and r.quantity == quantity]
        covered = sum(r.delta for r in mine)
        rest = (view.trust_change if quantity == "trust" else view.support_change) - covered
        labels = [quiet if r.cause == advocacy_words and quiet else r.cause for r in mine]
        amounts = [r.delta * 100 for r in mine]
        if abs(rest) >= 0.005 or not mine:  # a part no reason names (limits of the scale, rounding of inputs)
            labels.append(t("why.other_causes"))
            amounts.append(rest * 100)
        for label, points in zip(labels, apportion(nets[quantity], amounts), strict=True):
            if points:
                causes.append(Cause(quantity, points, label, t("why.cause", points=signed_points(points / 100), cause=label)))
    causes.sort(key=lambda c: (QUANTITIES.index(c.quantity), -abs(c.points)))
    weight = max(abs(n) for n in nets.values()) / 100
    return WhyEntry(f"why:{view.id}", view.id, headline, tuple(causes), weight)


def entries(session: Session, view: StateView) -> list[WhyEntry]:
    """The feed for the turn just played: stakeholders first, by the size of their largest change, then the
    metrics and programmes that moved. In a turn without an action the chief executive's standing advocacy
    is worded as the trust placed in them."""
    if not session.history:
        return []
    last = session.history[-1]
    reasons = list(last.reasons)
    advocacy = translate(session.lang, "rule.advocacy")
    quiet = "" if last.decisions else t("why.standing")
    found = [e for e in (stakeholder_entry(s, reasons, advocacy, quiet) for s in view.stakeholders) if e is not None]
    found.sort(key=lambda e: -e.weight)
    others: list[WhyEntry] = []
    for metric in view.metrics:
        moved = sorted((r for r in reasons if r.quantity == "metric" and r.subject == metric.id), key=lambda r: -abs(r.size))
        if not moved:
            continue
        headline = t("why.metric_headline", name=metric.name, change=metric_change(metric), now=metric_value(metric))
        causes = tuple(Cause("", 0, r.cause, t("why.cause", points=change(r.delta, r.unit, reason_digits(r.delta, r.size)), cause=r.cause))
                       for r in moved if not math.isclose(r.delta, 0.0, abs_tol=1e-12))
        span = max(metric.maximum - metric.minimum, 1e-9)
        others.append(WhyEntry(f"why-metric:{metric.id}", metric.id, headline, causes, abs(metric.trend) / span))
    for programme in view.programmes:
        moved = sorted((r for r in reasons if r.quantity == "progress" and r.subject == programme.id), key=lambda r: -abs(r.delta))
        if not moved:
            continue
        headline = t("why.programme_headline", name=programme.name, change=signed_points(programme.change), now=percent(programme.progress))
        causes = tuple(Cause("", 0, r.cause, t("why.cause", points=signed_points(r.delta), cause=r.cause)) for r in moved)
        others.append(WhyEntry(f"why-programme:{programme.id}", programme.id, headline, causes, abs(programme.change)))
    others.sort(key=lambda e: -e.weight)
    return [*found, *[e for e in others if e.weight >= 0.005]]

