"""The turn screen's reading panels: system metrics and programmes, and last turn's news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pygame

from game.i18n import t
from game.ui import describe, text
from game.ui.play import Playthrough
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Bar, Panel, Stat, TextBlock

if TYPE_CHECKING:
    from game.ui.theme import Theme


COMPACT_BELOW = 520  # design pixels: a shorter column (a projector's larger scale) packs the numbers tighter


def status(theme: Theme, play: Playthrough, area: pygame.Rect) -> list[Widget]:
    """A panel of metrics (value, trend arrow, target) and programme bars; the panel comes first.

    In a short column (a projector's larger scale) the panel packs tighter:
    no heading, lower cells, programme bars side by side, leaving more room
    for the action cards."""
    view = play.view()
    gap = theme.px("gap")
    played = bool(play.session.history)
    compact = area.height < theme.px(COMPACT_BELOW)
    stat_h = theme.px(46)
    bar_h = theme.font("small").get_linesize() + theme.px(12)
    columns = 3 if len(view.metrics) > 4 else 2
    bar_columns = 2 if compact and len(view.programmes) > 1 else 1
    rows = (len(view.metrics) + columns - 1) // columns
    bar_rows = (len(view.programmes) + bar_columns - 1) // bar_columns
    # A short column drops the panel's heading: the numbers explain themselves, and the cards need the room.
    title = "" if compact else t("turn.status_heading")
    heading = (theme.font("subheading").get_linesize() + theme.px(4) if title else 0) + 2 * theme.px("padding")
    height = heading + rows * (stat_h + theme.px(4)) + theme.px(4) + bar_rows * (bar_h + theme.px(6))
    panel = Panel(pygame.Rect(area.left, area.top, area.width, height), title)
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
                note=t("turn.target", value=describe.metric_value(metric, metric.target)),
                key=f"metric:{metric.id}",
            )
        )
    top = inner.top + rows * (stat_h + theme.px(4)) + theme.px(4)
    bar_w = (inner.width - (bar_columns - 1) * gap) // bar_columns
    for i, programme in enumerate(view.programmes):
        x = inner.left + (i % bar_columns) * (bar_w + gap)
        y = top + (i // bar_columns) * (bar_h + theme.px(6))
        widgets.append(
            Bar(
                pygame.Rect(x, y, bar_w, bar_h),
                programme.name,
                programme.progress,
                describe.programme_tooltip(play.session, programme),
                previous=programme.progress - programme.change if played else None,
                key=f"programme:{programme.id}",
            )
        )
    return widgets


def news(theme: Theme, play: Playthrough, rect: pygame.Rect, author: str | None = None) -> list[Widget]:
    """The hint, how last turn's actions went, and why the numbers moved, biggest first."""
    view = play.view()
    lines: list[tuple[str, str]] = []
    if author:
        lines.append((author, "small_bold"))
    if view.hint:
        lines.append((t("action.hint", hint=view.hint), "small_bold"))
    if play.outcomes:
        last = play.outcomes[-1].report
        for result in last.actions:
            lines.append((describe.action_result(result), "small_bold"))
        lines.extend((f"{happened.title}: {happened.text}", "small_bold") for happened in last.news)
    lines.extend((line, "small") for line in describe.news(play.session))
    if not lines:
        lines.append((t("turn.first_turn"), "small"))
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
