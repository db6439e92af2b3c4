"""What the terminal game prints: the situation, the actions, reports, events, the ending.

Each function takes plain views from :mod:`game.session` and returns lines,
so the wording can be tested without running a game.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.session import Session
from game.session.views import (
    ChoiceReport,
    EndingView,
    EventView,
    OptionView,
    Reason,
    StateView,
    TurnReport,
)
from game.text_ui.render import Terminal, heading, number, signed, table, wrap

STANCE_WORDS = {"partner": "partnership", "push": "push", "neutral": "neutral"}


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
                note.append("blocking")
            if s.grievance >= 0.05:
                note.append(f"grievance {s.grievance:.2f}")
            rows.append(
                [
                    f"trust {term.bar_value(s.trust, bar_width)}",
                    signed(s.trust_change) if s.trust_change else "",
                    f"support {term.bar_value(s.support, bar_width)}",
                    signed(s.support_change) if s.support_change else "",
                    f"power {s.power:.1f}",
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
    """Value, change last turn and target of each metric, units dropped after the value if too wide."""
    for units in (True, False):
        rows = []
        for m in view.metrics:
            better = "higher is better" if m.higher_is_better else "lower is better"
            digits = 1 if m.maximum - m.minimum > 5 else 2
            unit = m.unit if units or m.unit == "%" else ""
            rows.append(
                [
                    m.name,
                    number(m.value, m.unit, digits),
                    f"trend {signed(m.trend, digits, unit)}",
                    f"target {number(m.target, unit, digits)} ({better})",
                ]
            )
        lines = ["  " + r for r in table(rows)]
        if _fits(lines, width):
            return lines
    return lines


def situation(view: StateView, term: Terminal) -> list[str]:
    """Stakeholders, metrics, programmes and leadership time, compactly."""
    w = term.width
    title = f"{view.date_label}: {view.leadership_time} leadership time to spend"
    lines = [*heading(title, w, "═"), ""]
    lines.append(term.paint("Stakeholders (trust in you, support for the change)", "bold"))
    lines += stakeholder_lines(view, term)
    if view.metrics:
        lines += ["", term.paint("System metrics (value, change last turn, target)", "bold")]
        lines += metric_lines(view, w)
    lines += ["", term.paint("Change programmes (progress)", "bold")]
    rows = [
        [p.name, f"{term.bar(p.progress)}{p.progress * 100:.0f}%", signed(p.change * 100, 0, "%") if p.change else ""]
        for p in view.programmes
    ]
    lines += ["  " + r for r in table(rows)]
    if view.hint:
        lines += ["", *wrap(view.hint, w, "  ", "Hint: ")]
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
    lines = [term.paint(f"Actions (you have {budget} leadership time this turn)", "bold")]
    for line in (forecasts or {}).get("", []):
        lines += wrap(line, term.width, "      ", "    ")
    for n, (action_id, options) in enumerate(actions, start=1):
        first = options[0]
        open_targets = [o for o in options if o.available]
        stance = STANCE_WORDS.get(first.stance, first.stance)
        needs = " · pick a target" if first.target is not None else ""
        head = f"{n:>2}. {first.name} (cost {first.cost}, {stance}{needs})"
        if not open_targets:
            whys = sorted({o.why_not for o in options if o.why_not})
            head += " (not available: " + ("; ".join(whys) or "not now") + ")"
            lines.append(term.paint(head, "dim"))
            continue
        lines.append(head)
        if first.description:
            lines += wrap(first.description, term.width, "      ")
        if first.hint:
            lines += wrap(first.hint, term.width, "      ", "      Tip: ")
        for line in (forecasts or {}).get(action_id, []):
            lines += wrap(line, term.width, "        ", "      ")
    return lines


def target_menu(options: Sequence[OptionView]) -> list[str]:
    lines = []
    for n, o in enumerate(options, start=1):
        state = "" if o.available else f" (not available: {o.why_not or 'not now'})"
        lines.append(f"{n:>2}. {o.target_name}{state}")
    return lines


def reasons(items: Sequence[Reason], limit: int = 6) -> list[str]:
    """Why numbers moved: what the player's decisions did, then the biggest other forces."""
    ranked = sorted((r for r in items if r.significant), key=lambda r: r.size, reverse=True)
    mine = [r for r in ranked if r.from_decision][: limit + 2]
    other = [r for r in ranked if not r.from_decision][:limit]
    lines = []
    if mine:
        lines += ["What your decisions did:", *(f"  {r}" for r in mine)]
    if other:
        lines += ["Other forces at work:", *(f"  {r}" for r in other)]
    return lines


def turn_report(report: TurnReport, term: Terminal) -> list[str]:
    lines = ["", term.paint(f"What happened in turn {report.turn}", "bold")]
    if not report.actions:
        lines.append("  You took no action this turn.")
    for a in report.actions:
        text = f"  You chose: {a.label}"
        if a.blocked_by:
            text += f" (resisted by {', '.join(a.blocked_by)})"
        lines.append(text)
    if report.blocked_by:
        lines.append(f"  Blocking the change this turn: {', '.join(report.blocked_by)}")
    for news in report.news:
        lines += ["", f"News: {news.title}", *wrap(news.text, term.width, "  ")]
    why = reasons(report.reasons)
    if why:
        lines += ["", *why]
    return lines


def event(view: EventView, term: Terminal) -> list[str]:
    lines = ["", *heading(f"Event: {view.title}", term.width), *wrap(view.text, term.width), ""]
    for c in view.choices:
        stance = f" ({STANCE_WORDS[c.stance]})" if c.stance != "neutral" else ""
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
        return ["You made no partnership or push moves, so there is no leaning to show."]
    share_push = push / total
    if share_push < 0.35:
        words = "You leaned towards partnership"
    elif share_push > 0.65:
        words = "You leaned towards pushing the change"
    else:
        words = "You balanced partnership and push"
    slot = round(share_push * (width - 1))
    scale = "".join("●" if i == slot else "─" for i in range(width))
    return [
        f"{words}: {partner} partnership moves and {push} pushes.",
        f"Partner {scale} Push",
    ]


def ending(
    view: EndingView,
    questions: Sequence[str],
    partner: int,
    push: int,
    term: Terminal,
) -> list[str]:
    outcome = {"success": "Success", "partial": "Partial success", "failure": "Failure"}[view.outcome]
    lines = ["", *heading(f"The end: {view.title}", term.width, "═")]
    lines += wrap(view.text, term.width)
    lines += ["", f"Outcome: {outcome}", f"Score: {view.score:.0f} out of 100", ""]
    lines += [term.paint("Debrief", "bold"), *stance_scale(partner, push)]
    if questions:
        lines += ["", "Questions to reflect on:"]
        for n, q in enumerate(questions, start=1):
            lines += wrap(q, term.width, "     ", f"{n:>2}. ")
    return lines


def timeline(session: Session, term: Terminal) -> list[str]:
    """The player's decisions turn by turn, with the events and the choices made."""
    lines = ["Your decisions, turn by turn:"]
    events = {e.id: e for e in session.scenario.events}
    for record in session.history:
        taken = "; ".join(session.label(d) for d in record.decisions) or "no action"
        lines += wrap(taken, term.width, "          ", f"  Turn {record.turn:>2}: ")
        for event_id, index in record.choices:
            event = events[event_id]
            choice = event.choices[index]
            stance = f" ({STANCE_WORDS[choice.stance]})" if choice.stance != "neutral" else ""
            text = f"{session.names.text(event.title)}: {session.names.text(choice.text)}{stance}"
            lines += wrap(text, term.width, "          ", "          Event: ")
    return lines
