"""The turn screen's reading panels: system metrics and programmes, and last turn's news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pygame

from game.ui import describe, text
from game.ui.play import Playthrough
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Bar, Panel, Stat, TextBlock

if TYPE_CHECKING:
    from game.ui.theme import Theme


def status(theme: Theme, play: Playthrough, area: pygame.Rect) -> list[Widget]:
    """A panel of metrics (value, trend arrow, target) and programme bars; the panel comes first."""
    view = play.view()
    gap = theme.px("gap")
    played = bool(play.session.history)
    stat_h = theme.px(46)
    bar_h = theme.font("small").get_linesize() + theme.px(12)
    columns = 3 if len(view.metrics) > 4 else 2
    rows = (len(view.metrics) + columns - 1) // columns
    heading = theme.font("subheading").get_linesize() + theme.px(4) + 2 * theme.px("padding")
    height = heading + rows * (stat_h + theme.px(4)) + theme.px(4) + len(view.programmes) * (bar_h + theme.px(6))
    panel = Panel(pygame.Rect(area.left, area.top, area.width, height), "System metrics and programmes")
    widgets: list[Widget] = [panel]
    inner = panel.inner(theme)
    cell = (inner.width - (columns - 1) * gap) // columns
    for i, metric in enumerate(view.metrics):
        column, row = i % columns, i // columns
        rect = pygame.Rect(inner.left + column * (cell + gap), inner.top + row * (stat_h + theme.px(4)), cell, stat_h)
        trend: Literal["up", "down", "flat", ""] = ""
        if describe.metric_moved(metric):
            trend = "up" if metric.trend > 0 else "down"
        elif played:
            trend = "flat"
        widgets.append(
            Stat(
                rect,
                metric.name,
                describe.metric_value(metric),
                describe.metric_tooltip(play.session, metric),
                trend=trend,
                good=describe.metric_good(metric),
                note=f"target {describe.metric_value(metric, metric.target)}",
                key=f"metric:{metric.id}",
            )
        )
    y = inner.top + rows * (stat_h + theme.px(4)) + theme.px(4)
    for programme in view.programmes:
        widgets.append(
            Bar(
                pygame.Rect(inner.left, y, inner.width, bar_h),
                programme.name,
                programme.progress,
                describe.programme_tooltip(play.session, programme),
                previous=programme.progress - programme.change if played else None,
                key=f"programme:{programme.id}",
            )
        )
        y += bar_h + theme.px(6)
    return widgets


def news(theme: Theme, play: Playthrough, rect: pygame.Rect, author: str | None = None) -> list[Widget]:
    """The hint, how last turn's actions went, and why the numbers moved, biggest first."""
    view = play.view()
    lines: list[tuple[str, str]] = []
    if author:
        lines.append((author, "small_bold"))
    if view.hint:
        lines.append((f"Hint: {view.hint}", "small_bold"))
    if play.outcomes:
        last = play.outcomes[-1].report
        for result in last.actions:
            lines.append((describe.action_result(result), "small_bold"))
        lines.extend((f"{happened.title}: {happened.text}", "small_bold") for happened in last.news)
    lines.extend((line, "small") for line in describe.news(play.session))
    if not lines:
        lines.append(("Your first turn. Hover over anyone on the map to see what they think of you and the change.", "small"))
    step = round(theme.font("small").get_linesize() * 1.15)
    widgets: list[Widget] = []
    y = rect.top
    for words, role in lines:
        font = theme.font(role)
        height = text.wrapped_height(words, font, rect.width)
        if y + min(height, step) > rect.bottom:
            break
        height = min(height, rect.bottom - y)
        widgets.append(TextBlock(pygame.Rect(rect.left, y, rect.width, height), words, role=role))
        y += height
    return widgets
