"""Words and series for the screens, built from a session's views and history.

Everything a tooltip, card or feed says about the game is written here, so the
wording stays consistent and the screens only lay it out.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.session.playthrough import Session
from game.session.views import ActionResult, MetricView, ProgrammeView, Reason, StakeholderView
from game.ui.widgets.cards import CardSpec, Line, Spark, signed_points


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


def reason_words(reason: Reason) -> str:
    """One reason as the player reads it: ``Trust +4 pts: your engagement``."""
    if reason.quantity == "metric":
        unit = reason.unit
        amount = f"{reason.delta:+.1f}{unit}" if unit == "%" else f"{reason.delta:+.1f} {unit}".rstrip()
        return f"{reason.subject_name} {amount}: {reason.cause}"
    if reason.quantity == "progress":
        return f"{reason.subject_name} progress {signed_points(reason.delta)}: {reason.cause}"
    if reason.quantity in ("trust", "support"):
        return f"{reason.subject_name}: {reason.quantity} {signed_points(reason.delta)} ({reason.cause})"
    return f"{reason.subject_name} {reason.quantity} {reason.delta:+.2f} ({reason.cause})"


RESULT_WORDS = {"success": "succeeded", "partial": "partly succeeded", "failure": "failed", "done": "done"}


def action_result(result: ActionResult) -> str:
    """How one of last turn's actions went: ``Force the decision: resisted; blocked by …``."""
    blocked = f"; blocked by {', '.join(result.blocked_by)}" if result.blocked_by else ""
    return f"{result.label}: {RESULT_WORDS.get(result.result, result.result)}{blocked}."


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def stakeholder_card(session: Session, view: StakeholderView) -> CardSpec:
    source = next(s for s in session.scenario.stakeholders if s.id == view.id)
    description = session.names.text(source.description)
    lines = [Line(view.name, "body_bold")]
    if view.short:
        lines.append(Line(view.short))
    lines.append(
        Line(
            f"Trust in you {percent(view.trust)} ({signed_points(view.trust_change)} last turn) · "
            f"support for the change {percent(view.support)} ({signed_points(view.support_change)})",
            "small_bold",
        )
    )
    lines.append(Line(f"Power {percent(view.power)} · grievance {view.grievance:.2f}"))
    if view.blocked:
        lines.append(Line("Blocked the change last turn.", "small_bold"))
    if description:
        lines.append(Line(description))
    after: list[Line] = []
    moved = reasons_for(last_reasons(session), view.id)
    if moved:
        after.append(Line("What moved them last turn:", "small_bold"))
        after.extend(Line(f"• {r.quantity.capitalize()} {signed_points(r.delta)}: {r.cause}") for r in moved[:5])
    sparks = [
        Spark("Trust over time", trust_history(session, view.id), 0),
        Spark("Support over time", support_history(session, view.id), 1),
    ]
    return CardSpec(lines, sparks, after)


def metric_value(metric: MetricView, value: float | None = None) -> str:
    number = metric.value if value is None else value
    digits = 0 if abs(metric.maximum - metric.minimum) >= 20 else 1
    unit = metric.unit
    if unit == "%":
        return f"{number:.{digits}f}%"
    if unit.startswith(("£", "$", "€")):
        sign = "−" if number < 0 else ""
        return f"{sign}{unit[0]}{abs(number):.{digits}f}{unit[1:]}"
    return f"{number:.{digits}f} {unit}".rstrip()


def metric_tooltip(session: Session, metric: MetricView) -> str:
    source = next(m for m in session.scenario.metrics if m.id == metric.id)
    description = session.names.text(source.description)
    direction = "higher is better" if metric.higher_is_better else "lower is better"
    lines = [f"{metric.name}: {metric_value(metric)} now, target {metric_value(metric, metric.target)} ({direction})."]
    if metric_moved(metric):
        closer = "closer to" if metric_good(metric) else "further from"
        lines.append(f"{metric_change(metric)} last turn, {closer} the target.")
    if description:
        lines.append(description)
    moved = [r for r in last_reasons(session) if r.quantity == "metric" and r.subject == metric.id]
    for r in sorted(moved, key=lambda r: -abs(r.delta))[:4]:
        lines.append(f"• {r.delta:+.1f}: {r.cause}")
    return "\n".join(lines)


def metric_moved(metric: MetricView) -> bool:
    """Whether the metric moved visibly (by more than its display rounding)."""
    digits = 0 if abs(metric.maximum - metric.minimum) >= 20 else 1
    return abs(metric.trend) >= 0.5 * 10.0**-digits


def metric_change(metric: MetricView) -> str:
    """Last turn's movement in the metric's unit: ``+3 pts``, ``−£1m``, ``no change``."""
    if not metric_moved(metric):
        return "no change"
    sign = "+" if metric.trend > 0 else "−"
    if metric.unit == "%":
        digits = 0 if abs(metric.maximum - metric.minimum) >= 20 else 1
        return f"{sign}{abs(metric.trend):.{digits}f} pts"
    return sign + metric_value(metric, abs(metric.trend))


def metric_good(metric: MetricView) -> bool | None:
    """Whether last turn's move brought the metric closer to its target (None when it did not move)."""
    if not metric_moved(metric):
        return None
    before = metric.value - metric.trend
    return abs(metric.value - metric.target) < abs(before - metric.target)


def programme_tooltip(session: Session, programme: ProgrammeView) -> str:
    source = next(p for p in session.scenario.programmes if p.id == programme.id)
    description = session.names.text(source.description)
    lines = [f"{programme.name}: {percent(programme.progress)} delivered ({signed_points(programme.change)} last turn)."]
    if description:
        lines.append(description)
    moved = [r for r in last_reasons(session) if r.quantity == "progress" and r.subject == programme.id]
    for r in sorted(moved, key=lambda r: -abs(r.delta))[:4]:
        lines.append(f"• {signed_points(r.delta)}: {r.cause}")
    return "\n".join(lines)


def news(session: Session, limit: int = 12) -> list[str]:
    """Last turn's consequences, biggest first: why the numbers moved."""
    reasons = last_reasons(session)

    def weight(r: Reason) -> float:
        if r.quantity == "metric":
            source = next((m for m in session.scenario.metrics if m.id == r.subject), None)
            span = (source.max - source.min) if source else 1.0
            return abs(r.delta) / (span or 1.0)
        return abs(r.delta)

    ranked = sorted((r for r in reasons if weight(r) >= 0.005), key=weight, reverse=True)
    return [reason_words(r) for r in ranked[:limit]]
