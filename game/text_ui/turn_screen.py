"""The turn as it fits on an 80×24 terminal: the same sections, in the same order, every turn.

A turn screen holds the date and the time to spend, the stakeholders (one row
each), the metrics (one row each), the programmes, the actions (one row each,
with their forecast), the hint and the prompt; `details` prints everything
else (descriptions, bars, both forecasts, every reason). Columns are sized
once from the scenario (names, units, the widest value a number can take), so
nothing moves from one turn to the next as numbers change. Every row is read
left to right as a sentence: a label, then its value.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n import t, t_count
from game.session import amounts
from game.session.views import (
    LIKELY_BLOCK,
    ChoiceReport,
    EventView,
    MetricView,
    OptionView,
    Reason,
    StakeholderView,
    StateView,
    TurnReport,
)
from game.text_ui.forecasts import Outlook
from game.text_ui.render import Terminal, fit, metric_value, percent, points, wrap
from game.text_ui.screens import reason_line, stance_word

REPORT_REASONS = 3  # reasons in the short report after a turn; `details` shows them all
LONG_UNIT = 6  # a unit longer than this is a phrase, left out of a change beside the value
TURN_LINES = 40  # a turn (the last one's report, the screen and the prompt) fits in this many lines


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - len(text))


def _change(delta: float) -> str:
    """A change in a share as whole points without the unit (the column's heading names it),
    blank when it rounds to nothing."""
    n = round(delta * 100)
    return "" if n == 0 else f"{n:+d}"


def _share_cell(value: float, delta: float) -> str:
    change = _change(delta)
    return percent(value) + (f" {change}" if change else "")


def _note(s: StakeholderView) -> str:
    """The one thing to know about a stakeholder beyond its numbers, most pressing first."""
    if s.blocked:
        return t("text.screen.blocking")
    if s.red_line == "holds":
        return t("text.screen.red_line_holds")
    if s.red_line == "unknown":
        return t("text.screen.red_line_unknown")
    return ""


def _share_width() -> int:
    """The widest a share with its change is written (``100% -10``), in this language: a change of
    more than 99 points in a turn cannot happen, and the column holds its heading too."""
    return max(len(percent(1.0)) + 4, len(t("text.screen.trust")), len(t("text.screen.support")))


def _rows(name: str, name_width: int, rest: str, width: int, indent: str = "  ") -> list[str]:
    """A table row: the name padded to its column, then ``rest``; a name too long for its column
    is shortened at a word with an ellipsis, so that the table keeps one line a row (the ``details``
    command names everyone in full)."""
    if len(name) > name_width:
        name = _shortened(name, name_width)
    return [(indent + _pad(name, name_width) + rest).rstrip()[: max(width, 1)]]


def _shortened(name: str, width: int) -> str:
    """``name`` cut to ``width`` characters with an ellipsis, at a space where one falls in the last
    third (so that words stay whole where they can)."""
    room = max(width - 1, 1)
    cut = name.rfind(" ", 0, room + 1)
    end = cut if cut >= room * 2 // 3 else room
    return name[:end].rstrip(" ,;:'’-") + "…"


def stakeholder_rows(view: StateView, term: Terminal) -> list[str]:
    """A heading naming the columns, then one row per stakeholder: name, trust, support, power, note."""
    width = term.width
    cell = _share_width()
    power = max(len(percent(1.0)), len(t("text.screen.power")))
    note = max(len(t(f"text.screen.{k}")) for k in ("blocking", "red_line_holds", "red_line_unknown"))
    numbers = 2 + cell + 1 + cell + 1 + power + 1 + note
    longest = max((len(s.name) for s in view.stakeholders), default=0)
    name_width = max(12, min(longest, width - 2 - numbers))
    head = "  " + _pad(t("text.screen.stakeholders"), name_width)
    head += "  " + _pad(t("text.screen.trust"), cell) + " " + _pad(t("text.screen.support"), cell)
    head += " " + t("text.screen.power")
    lines = [term.paint(head.rstrip(), "bold")]
    for s in view.stakeholders:
        row = "  " + _pad(_share_cell(s.trust, s.trust_change), cell) + " " + _pad(_share_cell(s.support, s.support_change), cell)
        row += " " + _pad(percent(s.power), power) + " " + _note(s)
        lines += _rows(s.name, name_width, row, width)
    return lines


def _change_unit(m: MetricView) -> str:
    """The unit a metric's change is written in: its own, unless it is a phrase (``patients a day``),
    which the value beside it already says."""
    return "" if len(m.unit) > LONG_UNIT else m.unit


def _metric_change(m: MetricView) -> str:
    digits = amounts.metric_digits(m)
    return amounts.change(m.trend, _change_unit(m), digits, minus="-") if amounts.moved(m.trend, digits) else ""


def _target_sign(m: MetricView) -> str:
    return "≥" if m.higher_is_better else "≤"


def metric_rows(view: StateView, term: Terminal) -> list[str]:
    """A heading naming the columns, then one row per metric: its name, its value, its change last
    turn and its target with the side of it that is better (``≥ 92%``)."""
    if not view.metrics:
        return [term.paint(t("text.screen.metrics"), "bold"), "  " + t("text.screen.none")]
    value_width = max(len(metric_value(m, v)) for m in view.metrics for v in (m.minimum, m.maximum, m.value, m.target))
    # A turn moves a metric by a tenth of its range at most, in practice: wider changes lengthen their row.
    change_width = max(len(amounts.change(-(m.maximum - m.minimum) / 10, _change_unit(m), amounts.metric_digits(m), minus="-"))
                       for m in view.metrics)
    value_width = max(value_width, len(t("text.screen.now")))
    change_width = max(change_width, len(t("text.screen.change")))
    target_width = max(len(f"{_target_sign(m)} {metric_value(m, m.target)}") for m in view.metrics)
    room = term.width - 2 - (2 + value_width + 2 + change_width + 2 + target_width)
    name_width = max(12, min(max(len(m.name) for m in view.metrics), room))
    head = "  " + _pad(t("text.screen.metrics"), name_width) + "  " + _pad(t("text.screen.now"), value_width)
    head += "  " + _pad(t("text.screen.change"), change_width) + "  " + t("text.screen.target")
    lines = [term.paint(head.rstrip(), "bold")]
    for m in view.metrics:
        target = f"{_target_sign(m)} {metric_value(m, m.target)}"
        row = "  " + _pad(metric_value(m), value_width) + "  " + _pad(_metric_change(m), change_width)
        row += "  " + target
        lines += _rows(m.name, name_width, row, term.width)
    return lines


def programme_rows(view: StateView, term: Terminal) -> list[str]:
    """The programmes on one line (or as many as they need), each with its progress and change."""
    cells = []
    for p in view.programmes:
        change = points(p.change) if p.change else ""
        cells.append(t("text.screen.programme", name=p.name, progress=percent(p.progress))
                     + (f" ({change})" if change else ""))
    text = t("text.screen.programmes") + " " + (" · ".join(cells) if cells else t("text.screen.none"))
    return fit(text, term.width)


def _stance(stance: str) -> str:
    """A stance in one short word, for the actions' column."""
    return t(f"text.screen.stance_{stance}") if stance in ("partner", "push", "neutral") else stance


def _outlook_cell(outlook: Outlook | None) -> str:
    """``2% +1`` (the chance of success and its change against no action, in points), with
    ``block 53%`` when someone is likely to block."""
    if outlook is None:
        return t("text.screen.no_forecast")
    change = _change(outlook.change)
    cell = percent(outlook.success) + (f" ({change})" if change else "")
    if outlook.block >= LIKELY_BLOCK:
        cell += t("text.screen.block", p=percent(outlook.block))
    return cell


def action_rows(
    actions: Sequence[tuple[str, Sequence[OptionView]]],
    budget: int,
    term: Terminal,
    baseline: float | None,
    outlooks: dict[str, Outlook],
    forecasts_on: bool,
) -> list[str]:
    """A heading naming the columns (with the chance of success if the player does nothing), one
    row per action that can be taken (number, name, cost, stance, forecast), then the others on
    one line."""
    width = term.width
    marker = t("text.screen.needs_target")
    names = [options[0].name + (marker if options[0].target is not None else "") for _, options in actions]
    title = t("text.screen.actions", budget=budget)
    cost_width = max(len(t("text.screen.cost")), 2)
    stance_width = max(len(_stance(s)) for s in ("partner", "push", "neutral"))
    forecast_width = 0
    if forecasts_on:
        widest = Outlook(0.99, 0.09, 0.99)  # a change of ten points or more lengthens its row
        forecast_width = 2 + max(len(_outlook_cell(widest)), len(t("text.screen.success", p=percent(0.99))))
    room = width - 4 - 2 - cost_width - 1 - stance_width - forecast_width
    name_width = max(12, min(max([len(n) for n in names] + [len(title) - 4]), room))
    head = _pad(title, 4 + name_width) + "  " + _pad(t("text.screen.cost"), cost_width) + " "
    head += _pad(t("text.screen.stance"), stance_width)
    if forecasts_on and baseline is not None:
        head += "  " + t("text.screen.success", p=percent(baseline))
    lines = [term.paint(head.rstrip(), "bold")]
    closed = []
    for n, (_, options) in enumerate(actions, start=1):
        first = options[0]
        if not any(o.available for o in options):
            closed.append(f"{n}. {first.name}")
            continue
        row = f"  {_pad(str(first.cost), cost_width)} {_pad(_stance(first.stance), stance_width)}"
        if forecasts_on:
            outlook = outlooks.get(first.action)
            row += "  " + _outlook_cell(outlook)
            if outlook is not None and outlook.target_name and len(names[n - 1]) <= name_width:
                with_target = row + t("text.screen.best_target", target=outlook.target_name)
                row = with_target if 4 + name_width + len(with_target) <= width else row
        lines += _rows(names[n - 1], name_width, row, width, f"{n:>2}. ")
    if closed:
        lines += fit(t("text.screen.not_now", actions=t("fmt.list_separator").join(closed)), width)
    return lines


def hint_rows(view: StateView, term: Terminal) -> list[str]:
    return wrap(view.hint, term.width, "  ", t("text.hint") + " ") if view.hint else []


def turn_screen(
    view: StateView,
    actions: Sequence[tuple[str, Sequence[OptionView]]],
    budget: int,
    term: Terminal,
    baseline: float | None,
    outlooks: dict[str, Outlook],
    forecasts_on: bool,
) -> list[str]:
    """Everything a player needs to decide, in about 35 lines of 80 columns."""
    title = t("text.situation.title", date=view.date_label, time=view.leadership_time)
    lines = [term.paint("══ " + title, "bold")]
    lines += stakeholder_rows(view, term)
    lines += metric_rows(view, term)
    lines += programme_rows(view, term)
    lines += action_rows(actions, budget, term, baseline, outlooks, forecasts_on)
    lines += hint_rows(view, term)
    return lines


def report_rows(report: TurnReport, term: Terminal, room: int = 5) -> list[str]:
    """What a turn did in at most ``room`` lines (never fewer than three): the actions (and who
    resisted), blockers, news titles and the largest changes; `details` lists every change."""
    chosen = t("fmt.list_separator").join(
        a.label + (t("text.report.resisted", names=", ".join(a.blocked_by)) if a.blocked_by else "") for a in report.actions
    ) or t("text.screen.no_action")
    lines = fit(t("text.screen.played", turn=report.turn, actions=chosen), term.width)
    if report.blocked_by:
        lines += fit("  " + t("text.report.blocking", names=", ".join(report.blocked_by)), term.width)
    for news in report.news:
        lines += fit("  " + t("text.report.news", title=news.title), term.width)
    largest = _largest(report.reasons, term, room - len(lines))
    if largest and len(lines) == 1 and len(lines[0]) + 1 + len(largest[0]) <= term.width:
        # the heading of the changes joins a short first line, leaving a line for one more change
        largest = _largest(report.reasons, term, room)
        return [f"{lines[0]} {largest[0]}", *largest[1:]]
    return lines + largest


def _largest(reasons: Sequence[Reason], term: Terminal, room: int) -> list[str]:
    """A heading saying how many numbers moved, then the largest changes (at most
    REPORT_REASONS, and as many as fit in ``room`` lines with the heading); when not even one fits,
    one line saying how many moved."""
    ranked = sorted((r for r in reasons if r.significant), key=lambda r: r.size, reverse=True)
    if not ranked:
        return []
    if room < 2:
        return fit(t("text.screen.changes_hidden", count=len(ranked)), term.width)
    body: list[str] = []
    shown = 0
    for r in ranked[:REPORT_REASONS]:
        lines = fit("  " + reason_line(r), term.width)
        if 1 + len(body) + len(lines) > room:
            break
        body += lines
        shown += 1
    if not shown:  # not even the largest change fits with its heading: say how many moved
        return fit(t("text.screen.changes_hidden", count=len(ranked)), term.width)
    if shown == len(ranked):
        heading = t("text.screen.changes")
    else:
        heading = t_count("text.screen.largest_one" if shown == 1 else "text.screen.largest", len(ranked),
                          shown=shown, count=len(ranked))
    return [*fit(heading, term.width), *body]


def choice_report_rows(report: ChoiceReport, term: Terminal, room: int = 5) -> list[str]:
    """What an answer did: its outcome in words, then the largest changes in the room left."""
    lines = wrap(report.outcome, term.width) if report.outcome else []
    return lines + _largest(report.reasons, term, room - len(lines))


def event_screen(view: EventView, term: Terminal, outlooks: Sequence[Outlook]) -> list[str]:
    """An event: its title, its story, and each answer with its stance and forecast."""
    lines = [term.paint("═" * 2 + " " + t("text.event.title", title=view.title), "bold"), *wrap(view.text, term.width)]
    for c in view.choices:
        stance = f" ({stance_word(c.stance)})" if c.stance != "neutral" else ""
        lines += wrap(c.text + stance, term.width, "     ", f"{c.index + 1:>2}. ")
        if c.index < len(outlooks):
            o = outlooks[c.index]
            text = t("text.screen.choice_success", p=percent(o.success))
            if o.other:
                text += t("text.screen.against_choice", change=points(o.change), other=o.other)
            lines += wrap(t("text.screen.forecast", forecast=text), term.width, "       ", "     ")
    return lines
