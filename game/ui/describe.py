"""Words and series for the screens, built from a session's views and history.

Everything a tooltip, card or feed says about the game is written here, so the
wording stays consistent and the screens only lay it out.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n import percent, t
from game.session.amounts import (
    change,
    metric_change,
    metric_moved,
    metric_value,
    reason_digits,
    signed_points,
)
from game.session.playthrough import Session
from game.session.views import ActionResult, MetricView, ProgrammeView, Reason, StakeholderView
from game.ui import map_faces
from game.ui.widgets.cards import CardSpec, Line, Spark

CARD_FACE = 96  # pixels across as drawn; the card scales it to its own size


def trust_history(session: Session, stakeholder: str) -> list[float]:
    start = next(s.trust for s in session.scenario.stakeholders if s.id == stakeholder)
    return [start] + [r.after.trust[stakeholder] for r in session.history if r.after is not None]


def support_history(session: Session, stakeholder: str) -> list[float]:
    start = next(s.support for s in session.scenario.stakeholders if s.id == stakeholder)
    return [start] + [r.after.support[stakeholder] for r in session.history if r.after is not None]


def progress_history(session: Session, programme: str) -> list[float]:
    return [0.0] + [r.after.progress[programme] for r in session.history if r.after is not None]


def metric_history(session: Session, metric: str) -> list[float]:
    start = next(m.initial for m in session.scenario.metrics if m.id == metric)
    return [start] + [r.after.metrics[metric] for r in session.history if r.after is not None]


def score_history(session: Session) -> list[float]:
    return [r.after.score for r in session.history if r.after is not None]


def last_reasons(session: Session) -> list[Reason]:
    return list(session.history[-1].reasons) if session.history else []


def reasons_for(reasons: Sequence[Reason], subject: str, quantities: Sequence[str] = ("trust", "support")) -> list[Reason]:
    chosen = [r for r in reasons if r.subject == subject and r.quantity in quantities]
    return sorted(chosen, key=lambda r: -abs(r.delta))


def quantity_word(quantity: str) -> str:
    """``trust``, ``support``, ``grievance``, ``progress`` in the player's language."""
    return t(f"quantity.{quantity}") if quantity in ("trust", "support", "grievance", "progress") else quantity


RESULTS = ("success", "partial", "failure", "done", "resisted")


def action_result(result: ActionResult) -> str:
    """How one of last turn's actions went: ``Force the decision: resisted; blocked by …``."""
    words = t(f"result.{result.result}") if result.result in RESULTS else result.result
    if result.blocked_by:
        return t("result.line_blocked", label=result.label, result=words, names=", ".join(result.blocked_by))
    return t("result.line", label=result.label, result=words)


def stakeholder_card(session: Session, view: StakeholderView) -> CardSpec:
    source = next(s for s in session.scenario.stakeholders if s.id == view.id)
    description = session.names.text(source.description)
    lines = [Line(view.name, "body_bold")]
    if view.short:
        lines.append(Line(view.short))
    lines.append(
        Line(
            t("card.trust_support", trust=percent(view.trust), trust_change=signed_points(view.trust_change),
              support=percent(view.support), support_change=signed_points(view.support_change)),
            "small_bold",
        )
    )
    lines.append(Line(t("card.power", power=percent(view.power), grievance=grievance_words(view.grievance))))
    lines.append(Line(t("card.mood", mood=t(f"mood.{map_faces.view_mood(view)}"))))
    if view.blocked:
        lines.append(Line(t("card.blocked"), "small_bold"))
    if view.red_line:
        lines.append(Line(t(f"card.red_line.{view.red_line}"), "small_bold" if view.red_line == "holds" else "small"))
    if description:
        lines.append(Line(description))
    after: list[Line] = []
    moved = reasons_for(last_reasons(session), view.id)
    if moved:
        after.append(Line(t("card.moved"), "small_bold"))
        after.extend(Line(t("card.moved_item", quantity=quantity_word(r.quantity).capitalize(), points=signed_points(r.delta), cause=r.cause)) for r in moved[:5])
    sparks = [
        Spark(t("card.trust_over_time"), trust_history(session, view.id), 0),
        Spark(t("card.support_over_time"), support_history(session, view.id), 1),
    ]
    return CardSpec(lines, sparks, after, picture=map_faces.portrait_of(session, view, CARD_FACE))


def grievance_words(grievance: float) -> str:
    """A stakeholder's grievance (0 and up: half a point per block, forgiven over time) in words."""
    if grievance < 0.05:
        return t("card.grievance.none")
    return t("card.grievance.some") if grievance < 0.75 else t("card.grievance.deep")


def metric_tooltip(session: Session, metric: MetricView) -> str:
    source = next(m for m in session.scenario.metrics if m.id == metric.id)
    description = session.names.text(source.description)
    direction = t("metric.higher_better") if metric.higher_is_better else t("metric.lower_better")
    lines = [t("metric.now", name=metric.name, value=metric_value(metric), target=metric_value(metric, metric.target), direction=direction)]
    if metric_moved(metric):
        key = "metric.closer" if metric_good(metric) else "metric.further"
        lines.append(t(key, change=metric_change(metric)))
    if description:
        lines.append(description)
    moved = [r for r in last_reasons(session) if r.quantity == "metric" and r.subject == metric.id]
    for r in sorted(moved, key=lambda r: -abs(r.delta))[:4]:
        lines.append(t("metric.reason", delta=change(r.delta, r.unit, reason_digits(r.delta, r.size)), cause=r.cause))
    return "\n".join(lines)


def metric_good(metric: MetricView) -> bool | None:
    """Whether last turn's move brought the metric closer to its target (None when it did not move)."""
    if not metric_moved(metric):
        return None
    before = metric.value - metric.trend
    return abs(metric.value - metric.target) < abs(before - metric.target)


def programme_tooltip(session: Session, programme: ProgrammeView) -> str:
    source = next(p for p in session.scenario.programmes if p.id == programme.id)
    description = session.names.text(source.description)
    lines = [t("programme.tip", name=programme.name, progress=percent(programme.progress), change=signed_points(programme.change))]
    if description:
        lines.append(description)
    moved = [r for r in last_reasons(session) if r.quantity == "progress" and r.subject == programme.id]
    for r in sorted(moved, key=lambda r: -abs(r.delta))[:4]:
        lines.append(f"• {signed_points(r.delta)}: {r.cause}")
    return "\n".join(lines)

