"""The turn screen on a narrow canvas (a projector's scale): every name whole, more cards at once.

The map takes the whole left column, sharing it by tabs with the numbers and
last turn's news (N switches); the action cards take the whole right column,
with the plan and its forecast written out in full beneath them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pygame

from game.i18n import t
from game.ui import forecasting
from game.ui.intents import SwitchView
from game.ui.screens import turn_panels as panels
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Panel
from game.ui.widgets.frame import body_frame
from game.ui.widgets.plan_box import PlanBox, box_height
from game.ui.widgets.tabs import Tab

if TYPE_CHECKING:
    from game.ui.screens.turn import TurnScreen

SWITCH_KEY = "N"
VIEWS = ("map", "numbers")
LEFT_SHARE = 0.55  # of the window's width, for the map


Builder = Callable[[list[Widget], pygame.Rect], None]


class Footer(Protocol):
    def __call__(self, widgets: list[Widget], area: pygame.Rect, bottom: int, *, plan: bool = True) -> None: ...


@dataclass(frozen=True)
class Parts:
    """The pieces the turn screen builds the same way in both layouts, handed over by the screen:
    its map, its action cards, its footer and its target picker."""

    map: Builder
    actions: Builder
    footer: Footer
    picker: Builder


def build(screen: TurnScreen, area: pygame.Rect, parts: Parts) -> list[Widget]:
    theme = screen.theme
    play = screen.play
    m, gap, top, bottom = body_frame(theme, area)
    widgets: list[Widget] = []
    left_w = int(area.width * LEFT_SHARE)

    tab_h = theme.font("body_bold").get_linesize() + theme.px(10)
    tab_w = (left_w - m) // 2
    heading = t("turn.tab.news") if play.session.history else t("turn.tab.numbers")
    for i, (view, label) in enumerate((("map", t("turn.tab.map")), ("numbers", heading))):
        chosen = screen.left_view == view
        widgets.append(Tab(pygame.Rect(m + i * tab_w, top, tab_w, tab_h), label, SwitchView(view), chosen=chosen,
                           shortcut="" if chosen else SWITCH_KEY, tooltip=t("turn.tab.tip"), key=f"tab:{view}"))
    body = pygame.Rect(m, top + tab_h, left_w - m, bottom - gap - top - tab_h)
    if screen.left_view == "map":
        screen.map_panel = Panel(body, "")
        parts.map(widgets, body)
    else:
        screen.map_panel = None
        screen.nodes = {}
        status = panels.status(theme, play, body)
        widgets.extend(status)
        news_top = status[0].rect.bottom + gap
        news_panel = Panel(pygame.Rect(body.left, news_top, body.width, body.bottom - news_top),
                           t("turn.news_heading") if play.session.history else t("turn.before_start"))
        widgets.append(news_panel)
        widgets.extend(panels.news(theme, play, news_panel.inner(theme), screen.author_words()))

    right = pygame.Rect(left_w + gap, top, area.width - left_w - gap - m, bottom - gap - top)
    if screen.resolution is not None:  # the turn resolving: how the actions went, and how to skip
        results = Panel(right, t("turn.resolving_heading"))
        widgets.append(results)
        widgets.extend(panels.resolving(theme, play, results.inner(theme), area, bottom))
        return widgets
    summary = forecasting.plan_summary(screen.app, play, pygame.Rect(0, 0, right.width, 0))
    plan_h = min(box_height(theme, summary, right.width), right.height // 3)
    summary.rect = pygame.Rect(right.left, right.bottom - plan_h, right.width, plan_h)
    actions_panel = Panel(pygame.Rect(right.left, right.top, right.width, right.height - plan_h - gap), t("turn.actions_heading_paged"))
    widgets.append(actions_panel)
    parts.actions(widgets, actions_panel.inner(theme))
    widgets.append(PlanBox.of(summary))
    parts.footer(widgets, area, bottom, plan=False)
    if screen.picking is not None:
        parts.picker(widgets, area)
    return widgets
