"""What the terminal game prints: the situation, the actions, reports, events, the ending.

Each function takes plain views from :mod:`game.session` and returns lines,
so the wording can be tested without running a game.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n import catalogue, t, t_count
from game.session import Session
from game.session.amounts import reason_digits
from game.session.views import (
    ChoiceReport,
    EndingView,
    EventView,
    OptionView,
    Reason,
    StateView,
    TurnReport,
)
from game.session.wording import event_choices
from game.text_ui.render import (
    Terminal,
    flow,
    heading,
    metric_change,
    metric_value,
    percent,
    points,
    table,
    unit_change,
    wrap,
)


def stance_word(stance: str) -> str:
    """``partnership``, ``push`` or ``neutral`` in the current language."""
    if stance in ("partner", "push", "neutral"):
        return t(f"text.stance.{stance}")
    return stance


def _fits(lines: list[str], width: int) -> bool:
    return all(len(line) <= width for line in lines)


def stakeholder_lines(view: StateView, term: Terminal) -> list[str]:
    """One line per stakeholder when the terminal is wide enough (shorter bars if need be),
    else each name on its own line above its numbers."""
    names = [s.name for s in view.stakeholders]
    width = term.width
    for bar_width in (10, 6):
        rows = []
        for s in view.stakeholders:
            note = []
            if s.blocked:
                note.append(t("text.blocking"))
            if s.grievance >= 0.05:
                note.append(t("text.grievance", value=percent(s.grievance)))
            if s.red_line in ("unknown", "holds"):
                note.append(t(f"text.red_line.{s.red_line}"))
            rows.append(
                [
                    t("text.trust", value=term.bar_value(s.trust, bar_width)),
                    points(s.trust_change) if s.trust_change else "",
                    t("text.support", value=term.bar_value(s.support, bar_width)),
                    points(s.support_change) if s.support_change else "",
                    t("text.power", value=percent(s.power)),
                    ", ".join(note),
                ]
            )
        one_line = ["  " + r for r in table([[n, *r] for n, r in zip(names, rows, strict=True)])]
        if _fits(one_line, width):
            return one_line
    out = []
    for name, line in zip(names, table(rows), strict=True):
        out += [f"  {name}", f"      {line}"]
    return out


def metric_lines(view: StateView, width: int) -> list[str]:
    """Value, change last turn and target of each metric, every number with its unit.

    One aligned line per metric when the terminal is wide enough; else each name on its own
    line with its numbers aligned under it; else the numbers flow onto as many lines as they
    need, never splitting a number from its unit."""
    names: list[str] = []
    rows: list[list[str]] = []
    kept: list[tuple[str, ...]] = []  # each metric's numbers with their units, never split
    for m in view.metrics:
        better = t("text.higher_better") if m.higher_is_better else t("text.lower_better")
        value, trend, target = metric_value(m), metric_change(m), metric_value(m, m.target)
        names.append(m.name)
        kept.append((value, trend, target))
        rows.append([value, t("text.trend", value=trend), t("text.target", value=target, better=better)])
    one_line = ["  " + r for r in table([[n, *r] for n, r in zip(names, rows, strict=True)])]
    if _fits(one_line, width):
        return one_line
    under = table(rows)
    two_lines = [line for name, numbers in zip(names, under, strict=True) for line in (f"  {name}", f"      {numbers}")]
    if _fits(two_lines, width):
        return two_lines
    out: list[str] = []
    for name, cells, numbers in zip(names, rows, kept, strict=True):
        out.append(f"  {name}")
        out += flow(cells, width, "      ", keep=numbers)
    return out


def situation(view: StateView, term: Terminal) -> list[str]:
    """Stakeholders, metrics, programmes and leadership time, compactly."""
    w = term.width
    title = t("text.situation.title", date=view.date_label, time=view.leadership_time)
    lines = [*heading(title, w, "═"), ""]
    lines.append(term.paint(t("text.situation.stakeholders"), "bold"))
    lines += stakeholder_lines(view, term)
    if view.metrics:
        lines += ["", term.paint(t("text.situation.metrics"), "bold")]
        lines += metric_lines(view, w)
    lines += ["", term.paint(t("text.situation.programmes"), "bold")]
    rows = [
        [p.name, term.bar(p.progress) + percent(p.progress), points(p.change) if p.change else ""]
        for p in view.programmes
    ]
    lines += ["  " + r for r in table(rows)]
    if view.hint:
        lines += ["", *wrap(view.hint, w, "  ", t("text.hint") + " ")]
    return lines


def action_menu(
    actions: Sequence[tuple[str, Sequence[OptionView]]],
    budget: int,
    term: Terminal,
    forecasts: dict[str, list[str]] | None = None,
) -> list[str]:
    """The numbered actions, each with its cost, stance and (when known) a forecast line.

    ``actions`` holds, per action id, the options for it (one per target).
    """
    lines = [term.paint(t("text.actions.title", budget=budget), "bold")]
    for line in (forecasts or {}).get("", []):
        lines += wrap(line, term.width, "      ", "    ")
    for n, (action_id, options) in enumerate(actions, start=1):
        first = options[0]
        open_targets = [o for o in options if o.available]
        stance = stance_word(first.stance)
        needs = t("text.actions.pick_target") if first.target is not None else ""
        head = f"{n:>2}. " + t("text.actions.head", name=first.name, cost=first.cost, stance=stance, needs=needs)
        if not open_targets:
            whys = sorted({o.why_not_action or o.why_not for o in options if o.why_not})
            head += t("text.not_available", why=t("fmt.list_separator").join(whys) or t("text.not_now"))
            lines.append(term.paint(head, "dim"))
            continue
        lines.append(head)
        if first.description:
            lines += wrap(first.description, term.width, "      ")
        if first.hint:
            lines += wrap(first.hint, term.width, "      ", "      " + t("text.tip") + " ")
        for line in (forecasts or {}).get(action_id, []):
            lines += wrap(line, term.width, "        ", "      ")
    return lines


def target_menu(options: Sequence[OptionView]) -> list[str]:
    lines = []
    for n, o in enumerate(options, start=1):
        state = "" if o.available else t("text.not_available", why=o.why_not or t("text.not_now"))
        lines.append(f"{n:>2}. {o.target_name}{state}")
    return lines


def reason_line(r: Reason) -> str:
    """One reason in words, in the current language: ``GP federation trust +6 pts (Invest in partnership)``;
    a metric's change is written in its unit and precision (``Public confidence -4 pts``, ``Budget +£3m``)."""
    if r.quantity == "metric":
        digits = reason_digits(r.delta, r.size)
        return t("text.reason.metric", name=r.subject_name, amount=unit_change(r.delta, r.unit, digits), cause=r.cause)
    if r.quantity == "progress":
        return t("text.reason.progress", name=r.subject_name, amount=points(r.delta), cause=r.cause)
    key = f"quantity.{r.quantity}"
    quantity = t(key) if key in catalogue("en") else r.quantity
    return t("reason.other", name=r.subject_name, quantity=quantity, amount=points(r.delta), cause=r.cause)


def reasons(items: Sequence[Reason], limit: int = 6) -> list[str]:
    """Why numbers moved: what the player's decisions did, then the biggest other forces."""
    ranked = sorted((r for r in items if r.significant), key=lambda r: r.size, reverse=True)
    mine = [r for r in ranked if r.from_decision][: limit + 2]
    other = [r for r in ranked if not r.from_decision][:limit]
    lines = []
    if mine:
        lines += [t("text.reasons.mine"), *(f"  {reason_line(r)}" for r in mine)]
    if other:
        lines += [t("text.reasons.other"), *(f"  {reason_line(r)}" for r in other)]
    return lines


def turn_report(report: TurnReport, term: Terminal) -> list[str]:
    lines = ["", term.paint(t("text.report.title", turn=report.turn), "bold")]
    if not report.actions:
        lines.append("  " + t("text.report.no_action"))
    for a in report.actions:
        text = "  " + t("text.report.chose", label=a.label)
        if a.blocked_by:
            text += t("text.report.resisted", names=", ".join(a.blocked_by))
        lines.append(text)
    if report.blocked_by:
        lines.append("  " + t("text.report.blocking", names=", ".join(report.blocked_by)))
    for news in report.news:
        lines += ["", t("text.report.news", title=news.title), *wrap(news.text, term.width, "  ")]
    why = reasons(report.reasons)
    if why:
        lines += ["", *why]
    return lines


def event(view: EventView, term: Terminal) -> list[str]:
    lines = ["", *heading(t("text.event.title", title=view.title), term.width), *wrap(view.text, term.width), ""]
    for c in view.choices:
        stance = f" ({stance_word(c.stance)})" if c.stance != "neutral" else ""
        lines += wrap(c.text + stance, term.width, "     ", f"{c.index + 1:>2}. ")
    return lines


def choice_report(report: ChoiceReport, term: Terminal) -> list[str]:
    lines = []
    if report.outcome:
        lines += wrap(report.outcome, term.width)
    lines += reasons(report.reasons)
    return lines


def stance_scale(partner: int, push: int, width: int = 21) -> list[str]:
    """Where the player sat between partnership and push, in words and on a scale."""
    total = partner + push
    if total == 0:
        return [t("text.stance.none")]
    share_push = push / total
    if share_push < 0.35:
        words = t("text.stance.leaned_partner")
    elif share_push > 0.65:
        words = t("text.stance.leaned_push")
    else:
        words = t("text.stance.balanced")
    slot = round(share_push * (width - 1))
    scale = "".join("●" if i == slot else "─" for i in range(width))
    return [
        t("text.stance.counts", words=words, partner=t_count("count.partner_moves", partner, n=partner),
          push=t_count("count.pushes", push, n=push)),
        t("text.stance.scale", scale=scale),
    ]


def ending(
    view: EndingView,
    questions: Sequence[str],
    partner: int,
    push: int,
    term: Terminal,
) -> list[str]:
    outcome = t(f"outcome.{view.outcome}")
    lines = ["", *heading(t("text.ending.title", title=view.title), term.width, "═")]
    lines += wrap(view.text, term.width)
    lines += ["", t("text.ending.outcome", outcome=outcome), t("text.ending.score", score=f"{view.score:.0f}"), ""]
    lines += [term.paint(t("debrief.header"), "bold"), *stance_scale(partner, push)]
    if questions:
        lines += ["", t("text.ending.questions")]
        for n, q in enumerate(questions, start=1):
            lines += wrap(q, term.width, "     ", f"{n:>2}. ")
    return lines


def timeline(session: Session, term: Terminal) -> list[str]:
    """The player's decisions turn by turn, with the events and the choices made."""
    lines = [t("text.timeline.title")]
    for record in session.history:
        taken = t("fmt.list_separator").join(session.label(d) for d in record.decisions) or t("text.timeline.no_action")
        lines += wrap(taken, term.width, "          ", "  " + t("text.timeline.turn", turn=f"{record.turn:>2}") + " ")
        for event, choice in event_choices(session.scenario, record):
            stance = f" ({stance_word(choice.stance)})" if choice.stance != "neutral" else ""
            text = t("text.timeline.event_choice", title=session.names.text(event.title), choice=session.names.text(choice.text)) + stance
            lines += wrap(text, term.width, "          ", "          " + t("text.timeline.event") + " ")
    return lines
