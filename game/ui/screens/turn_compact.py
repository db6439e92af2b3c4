"""The turn screen on a narrow canvas (a projector's scale): every name whole, more cards at once.

The map takes the whole left column, sharing it by tabs with the numbers and
last turn's news (N switches); the action cards take the whole right column,
with the plan and its forecast written out in full beneath them. The map, the
cards, the footer and the target picker are the turn screen's own parts, built
the same way in both layouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.ui import forecasting, layout
from game.ui.screens import turn_panels as panels
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Panel
from game.ui.widgets.plan_box import PlanBox, box_height
from game.ui.widgets.tabs import tab_row

if TYPE_CHECKING:
    from game.ui.screens.turn import TurnScreen

SWITCH_KEY = "N"
VIEWS = ("map", "numbers")


def build(screen: TurnScreen, area: pygame.Rect, frame: layout.Frame) -> list[Widget]:
    theme = screen.theme
    play = screen.play
    gap = frame.gap
    left, right = panels.columns(frame, area)

    tabs, body = layout.column(left, [theme.font("body_bold").get_linesize() + theme.px(10), layout.Share()])
    numbers = t("turn.tab.news") if play.session.history else t("turn.tab.numbers")
    widgets: list[Widget] = tab_row(theme, tabs, [("map", t("turn.tab.map")), ("numbers", numbers)], screen.left_view, shortcut=SWITCH_KEY,
                                    tooltip=t("turn.tab.tip"))
    if screen.left_view == "map":
        screen.map_panel = Panel(body, "")
        screen.map_widgets(widgets, body)
    else:
        screen.map_panel = None
        screen.nodes = {}
        status = panels.status(theme, play, body)
        widgets.extend(status)
        _, news_rect = layout.column(body, [status[0].rect.height, layout.Share()], gap)
        news_panel = Panel(news_rect, t("turn.news_heading") if play.session.history else t("turn.before_start"))
        widgets.append(news_panel)
        widgets.extend(panels.news(theme, play, news_panel.inner(theme), screen.author_words()))

    if screen.resolution is not None:  # the turn resolving: how the actions went, and how to skip
        results = Panel(right, t("turn.resolving_heading"))
        widgets.append(results)
        widgets.extend(panels.resolving(theme, play, results.inner(theme), frame))
        return widgets
    summary = forecasting.plan_summary(screen.app, play, pygame.Rect(0, 0, right.width, 0))
    actions_rect, summary.rect = layout.column(right, [layout.Share(), min(box_height(theme, summary, right.width), right.height // 3)], gap)
    actions_panel = Panel(actions_rect, t("turn.actions_heading_paged"))
    widgets.append(actions_panel)
    screen.action_widgets(widgets, actions_panel.inner(theme))
    widgets.append(PlanBox.of(summary))
    screen.footer_widgets(widgets, frame, plan=False)
    if screen.picking is not None:
        screen.picker_widgets(widgets, area)
    return widgets
