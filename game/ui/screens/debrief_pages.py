"""The debrief's charts and timeline pages, drawn from a finished session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.session import amounts
from game.session.playthrough import Session
from game.session.views import MetricView
from game.session.wording import event_choices
from game.ui import charts, describe, layout, text
from game.ui.screens import debrief_compact
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.controls import Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.theme import Theme


def _metric_format(view: MetricView) -> Callable[[float], str]:
    return lambda value: amounts.metric_value(view, value)


def timeline_rows(session: Session) -> list[str]:
    """Each turn in a line or two: the decisions, the events' choices and the score after."""
    label = session.names.text(session.scenario.meta.turn_label)
    actions = {a.id: a for a in session.scenario.actions}
    rows = []
    for record in session.history:
        parts = []
        for d in record.decisions:
            action = actions.get(d.action)
            name = session.names.actions.get(d.action, d.action)
            target = ""
            if d.target:
                kind = "progress" if d.target in session.names.programmes else "trust"
                target = t("session.label_separator") + session.names.subject(kind, d.target)
            stance = f" [{t(f'stance.{action.stance}.tag')}]" if action is not None and action.stance != "neutral" else ""
            parts.append(f"{name}{target}{stance}")
        words = t("fmt.list_separator").join(parts) or t("timeline.no_action")
        for event, choice in event_choices(session.scenario, record):
            words += t("timeline.choice", title=session.names.text(event.title), choice=session.names.text(choice.text))
        score = t("saves.score", score=f"{record.after.score:.0f}") if record.after is not None else ""
        rows.append(t("timeline.row", label=label, turn=record.turn, words=words, score=score))
    return rows


class ScoreChart(Widget):
    """The score after each turn, under the timeline: where the decisions above took the game."""

    def __init__(self, rect: pygame.Rect, session: Session) -> None:
        super().__init__(rect, key="timeline_score")
        self.session = session

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        label = self.session.names.text(self.session.scenario.meta.turn_label).lower()
        series = [charts.Series(t("debrief.chart.score_series"), describe.score_history(self.session), 0, start=1)]
        charts.line_chart(surface, theme, self.rect, t("debrief.timeline.score", label=label), series,
                          y_range=(0.0, 100.0), y_format=lambda v: f"{v:.0f}", legend=False)


def timeline(theme: Theme, session: Session, body: pygame.Rect) -> list[Widget]:
    """The timeline page on a laptop: as many turns as the page holds, each on the lines there is room
    for, and below them, when the turns leave room, the score after each turn."""
    widgets: list[Widget] = []
    panel = Panel(body, t("debrief.timeline"))
    widgets.append(panel)
    inner = panel.inner(theme)
    small = theme.font("small")
    rows = timeline_rows(session)
    y = inner.top
    line = round(small.get_linesize() * 1.15)
    gap = theme.px(3)
    full = [text.wrapped_height(words, small, inner.width) for words in rows]
    needed = {more: sum(min(h, more * line) + gap for h in full) for more in (4, 3, 2)}
    # A busy turn (several actions and events, longer in French) gets a third line when the page has room.
    lines = 2
    for more in (4, 3):
        if needed[more] <= inner.height:
            lines = more
            break
    # What the turns leave of the page shows the score after each turn (never at the cost of a turn's words).
    room = inner.height
    chart_h = inner.height - needed[lines] - theme.px("gap")
    if rows and chart_h >= theme.px(110):
        room = needed[lines]
        widgets.append(ScoreChart(pygame.Rect(inner.left, inner.bottom - chart_h, inner.width, chart_h), session))
    for words, height in zip(rows, full, strict=True):
        h = min(height, lines * line)
        if y + h > inner.top + room:
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, small.get_linesize()), "…", role="small"))
            break
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), words, role="small", max_lines=lines))
        y += h + gap
    return widgets


def draw_charts(theme: Theme, session: Session, surface: pygame.Surface, area: pygame.Rect, tab: str = "") -> None:
    """The charts page: trust and support by stakeholder, then programmes, score and two measures; on a
    projector's canvas (``tab`` names the chosen tab) only that tab's charts."""
    gap = theme.px("gap")
    label = session.names.text(session.scenario.meta.turn_label).lower()
    cells: list[debrief_compact.Cell] = []
    stakeholders = session.scenario.stakeholders
    cells.append((t("debrief.chart.trust"), [charts.Series(session.names.stakeholders[s.id], describe.trust_history(session, s.id), i) for i, s in enumerate(stakeholders)], (0.0, 1.0), charts.percent, None))
    cells.append((t("debrief.chart.support"), [charts.Series(session.names.stakeholders[s.id], describe.support_history(session, s.id), i) for i, s in enumerate(stakeholders)], (0.0, 1.0), charts.percent, None))
    cells.append((t("debrief.chart.progress"), [charts.Series(session.names.programmes[p.id], describe.progress_history(session, p.id), i) for i, p in enumerate(session.scenario.programmes)], (0.0, 1.0), charts.percent, None))
    cells.append((t("debrief.chart.score"), [charts.Series(t("debrief.chart.score_series"), describe.score_history(session), 0, start=1)], (0.0, 100.0), lambda v: f"{v:.0f}", None))
    for metric in session.scenario.metrics[:2]:
        view = next(m for m in session.view().metrics if m.id == metric.id)
        history = describe.metric_history(session, metric.id)
        cells.append((f"{view.name} ({view.unit})" if view.unit else view.name, [charts.Series(view.name, history, 0)],
                      charts.data_range(history, metric.target, (metric.min, metric.max)), _metric_format(view), metric.target))
    if tab:
        rects, cells = debrief_compact.chart_cells(tab, cells, area, gap)
    else:
        rects = chart_rects(len(cells), area, gap)
    for rect, (title, series, y_range, fmt, target) in zip(rects, cells, strict=True):
        Panel(rect).draw(surface, theme, WidgetState())
        inner = rect.inflate(-2 * theme.px("padding"), -2 * theme.px("padding"))
        # Alone across a projector's canvas, a chart gives its legend room for every name whole.
        share = 0.5 if len(cells) == 1 else 0.4
        charts.line_chart(surface, theme, inner, title, series, y_range=y_range, y_format=fmt, x_label=label, target=target, legend_share=share)

def chart_rects(count: int, area: pygame.Rect, gap: int) -> list[pygame.Rect]:
    """Trust and support (one line per stakeholder) get the big top row; the rest share the bottom row."""
    top, bottom = layout.column(area, [int(area.height * 0.56), layout.Share()], gap)
    return layout.row(top, [layout.Share()] * 2, gap) + layout.row(bottom, [layout.Share()] * (count - 2), gap)
