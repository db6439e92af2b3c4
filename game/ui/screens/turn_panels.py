"""The turn screen's columns, its reading panels (system metrics and programmes, last turn's news, how the
actions went while the turn resolves) and its footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import pygame

from game.i18n import t, t_count
from game.session import amounts
from game.ui import describe, forecasting, layout, text, why_feed
from game.ui.intents import ClearPlan, EndTurn, OpenMenu, SkipResolution
from game.ui.play import Playthrough
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Bar, Button, Panel, TextBlock
from game.ui.widgets.countdown import Countdown
from game.ui.widgets.stat import Stat, lines_needed

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme


COMPACT_BELOW = 520  # design pixels: a shorter column (a projector's larger scale) packs the numbers tighter
LEFT_SHARE = 0.55  # of the window's width, for the map (and what shares its column)


def columns(frame: layout.Frame, area: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
    """The turn screen's two columns in the body of ``frame``: the map's on the left, the numbers' and the cards' on the right."""
    left, right = layout.row(frame.body, [int(area.width * LEFT_SHARE) - frame.margin, layout.Share()], frame.gap)
    return left, right


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
    # A name too long for its cell takes a second line rather than an ellipsis; the cells grow for it.
    small = theme.font("small")
    inner_w = area.width - 2 * theme.px("padding")
    cell_w = (inner_w - (columns - 1) * gap) // columns - 2 * theme.px(4)
    stat_lines = 2 if any(lines_needed(m.name, small, cell_w) > 1 for m in view.metrics) else 1
    stat_h += (stat_lines - 1) * small.get_linesize()
    bar_room = (inner_w - (bar_columns - 1) * gap) // bar_columns - theme.font("small_bold").size("100 %")[0] - theme.px(8)
    bar_lines = 2 if any(lines_needed(p.name, small, bar_room) > 1 for p in view.programmes) else 1
    bar_h += (bar_lines - 1) * small.get_linesize()
    # A short column drops the panel's heading: the numbers explain themselves, and the cards need the room.
    title = "" if compact else t("turn.status_heading")
    heading = (theme.font("subheading").get_linesize() + theme.px(4) if title else 0) + 2 * theme.px("padding")
    stats_h = rows * (stat_h + theme.px(4)) - theme.px(4)
    height = heading + stats_h + 2 * theme.px(4) + bar_rows * (bar_h + theme.px(6))
    panel = Panel(pygame.Rect(area.left, area.top, area.width, height), title)
    widgets: list[Widget] = [panel]
    stats_area, bars_area = layout.column(panel.inner(theme), [stats_h, layout.Share()], 2 * theme.px(4))
    cells = layout.grid(stats_area, columns, [stat_h] * rows, gap, row_gap=theme.px(4))
    for metric, rect in zip(view.metrics, cells, strict=False):
        trend: Literal["up", "down", "flat", ""] = ""
        if amounts.metric_moved(metric):
            trend = "up" if metric.trend > 0 else "down"
        elif played:
            trend = "flat"
        widgets.append(
            Stat(
                rect,
                metric.name,
                amounts.metric_value(metric),
                describe.metric_tooltip(play.session, metric),
                trend=trend,
                good=describe.metric_good(metric),
                note=t("turn.target", value=amounts.metric_value(metric, metric.target)),
                key=f"metric:{metric.id}",
                label_lines=stat_lines,
            )
        )
    bars = layout.grid(bars_area, bar_columns, [bar_h] * bar_rows, gap, row_gap=theme.px(6))
    for programme, rect in zip(view.programmes, bars, strict=False):
        widgets.append(
            Bar(
                rect,
                programme.name,
                programme.progress,
                describe.programme_tooltip(play.session, programme),
                previous=programme.progress - programme.change if played else None,
                key=f"programme:{programme.id}",
                label_lines=bar_lines,
            )
        )
    return widgets


def news(theme: Theme, play: Playthrough, rect: pygame.Rect, author: str | None = None) -> list[Widget]:
    """The hint, how last turn's actions went, and why the numbers moved: one entry per stakeholder (its net
    change, then its causes), biggest first. Pointing at an entry lights its stakeholder on the map."""
    view = play.view()
    lines: list[tuple[str, str, str, str | None]] = []  # words, font role, key, tooltip
    if author:
        lines.append((author, "small_bold", "", None))
    if view.hint:
        lines.append((t("action.hint", hint=view.hint), "small_bold", "", None))
    if play.outcomes:
        last = play.outcomes[-1].report
        for result in last.actions:
            lines.append((describe.action_result(result), "small_bold", "", None))
        lines.extend((f"{happened.title}: {happened.text}", "small_bold", "", None) for happened in last.news)
    for entry in why_feed.entries(play.session, view):
        lines.append((entry.headline, "small_bold", entry.key, entry.text()))
        lines.extend((f"    {words}", "small", "", None) for words in entry.cause_lines())
    if not lines:
        lines.append((t("turn.first_turn"), "small", "", None))
    step = round(theme.font("small").get_linesize() * 1.15)
    widgets: list[Widget] = []
    y = rect.top
    for words, role, key, tip in lines:
        font = theme.font(role)
        height = text.wrapped_height(words, font, rect.width)
        if y + min(height, step) > rect.bottom:
            break
        cut = height > rect.bottom - y
        height = min(height, rect.bottom - y)
        # A line the panel's foot cuts short keeps its whole text in its tooltip.
        widgets.append(TextBlock(pygame.Rect(rect.left, y, rect.width, height), words, role=role, key=key,
                                 tooltip=tip or (words.strip() if cut else None)))
        y += height
    return widgets


def resolving(theme: Theme, play: Playthrough, rect: pygame.Rect, frame: layout.Frame) -> list[Widget]:
    """While the turn resolves, the actions panel says how the player's actions went, and the footer how to skip."""
    widgets: list[Widget] = []
    y = rect.top
    outcome = play.outcomes[-1] if play.outcomes else None
    lines = [describe.action_result(r) for r in outcome.report.actions] if outcome else []
    for words in lines or [t("summary.no_action")]:
        height = min(text.wrapped_height(words, theme.font("body_bold"), rect.width), rect.bottom - y)
        if height <= 0:
            break
        widgets.append(TextBlock(pygame.Rect(rect.left, y, rect.width, height), words, role="body_bold"))
        y += height + theme.px(4)
    width = max(theme.px(220), theme.font("body_bold").size(t("turn.skip_resolution"))[0] + 2 * theme.px("padding"))
    _, skip = layout.row(frame.footer_band(theme.px("button_height")), [layout.Share(), width])
    widgets.append(Button(skip, t("turn.skip_resolution"), SkipResolution(), primary=True, key="skip_resolution"))
    return widgets


def footer(theme: Theme, app: App, play: Playthrough, frame: layout.Frame, seconds_left: Callable[[], int | None], *, plan: bool = True) -> list[Widget]:
    """Menu, leadership time left, the plan and its forecast (unless ``plan`` is False), Clear and End turn,
    and a workshop's countdown in the header."""
    button_h = theme.px("button_height")
    bold = theme.font("body_bold")
    menu_w = max(theme.px(110), bold.size(f"{t('turn.menu')}  [{t('keyname.Esc')}]")[0] + 2 * theme.px("padding") + theme.px(4))
    menu_cell, clock_cell, plan_cell, clear_cell, end_cell = layout.row(
        frame.footer, [menu_w, theme.px(150), layout.Share(), theme.px(130), theme.px(170)], frame.gap)
    end = Button(layout.centred(end_cell, height=button_h), t("turn.end_turn"), EndTurn(), primary=True, key="end_turn",
                 tooltip=t("turn.end_turn.tip"), shortcut="E")
    clear = Button(layout.centred(clear_cell, height=button_h), t("turn.clear"), ClearPlan(), key="clear",
                   enabled=bool(play.plan), tooltip=t("turn.clear.tip"))
    menu = Button(layout.centred(menu_cell, height=button_h), t("turn.menu"), OpenMenu(), key="menu", shortcut="Esc", tooltip=t("turn.menu.tip"))
    time_left = Stat(
        layout.inset(clock_cell, top=theme.px(2), bottom=theme.px(2)),
        t("turn.time_left"),
        t("turn.time_left.value", left=play.time_left, budget=play.session.budget),
        t_count("turn.time_left.tip", play.session.budget, budget=play.session.budget, spent=play.spent),
        key="time_left",
    )
    widgets: list[Widget] = [menu, time_left]
    if plan:  # the compact layout writes the plan out under the cards instead
        widgets.append(forecasting.plan_summary(app, play, layout.inset(plan_cell, top=theme.px(4), bottom=theme.px(4))))
    widgets.extend([clear, end])
    if play.decision_seconds:  # at the right of the header bar
        _, clock = layout.row(layout.inset(frame.header, frame.margin, theme.px(4), frame.margin, theme.px(4)), [layout.Share(), theme.px(190)])
        widgets.append(Countdown(clock, seconds_left, play.decision_seconds))
    return widgets
