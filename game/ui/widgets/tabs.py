"""A tab: one of a row of buttons that choose what a panel shows; the chosen one reads as part of the panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import layout, text
from game.ui.intents import Intent, SwitchView
from game.ui.widgets.base import Tooltip, Widget, WidgetState
from game.ui.widgets.controls import Labelled

if TYPE_CHECKING:
    from game.ui.theme import Theme


class Tab(Labelled):
    def __init__(
        self, rect: pygame.Rect, label: str, intent: Intent, *, chosen: bool, shortcut: str = "", tooltip: Tooltip = None, key: str = "",
        role: str = "",
    ) -> None:
        super().__init__(rect, label, intent, tooltip=tooltip, focusable=True, key=key or f"tab:{label}", shortcut=shortcut, role=role)
        self.chosen = chosen

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        fill = theme.colour("panel") if self.chosen else theme.colour("hover" if state.hovered else "panel_alt")
        pygame.draw.rect(surface, fill, self.rect, border_top_left_radius=radius, border_top_right_radius=radius)
        pygame.draw.rect(surface, theme.colour("border"), self.rect, theme.px("border"), border_top_left_radius=radius, border_top_right_radius=radius)
        if self.chosen:
            mark = pygame.Rect(self.rect.left, self.rect.bottom - theme.px(4), self.rect.width, theme.px(4))
            pygame.draw.rect(surface, theme.colour("accent"), mark)
        [label], font = self.label_layout(theme, self.rect.width - 2 * theme.px(8))
        ink = theme.colour("text" if self.chosen else "text_muted")
        text.draw(surface, label, font, ink, self.rect.center, "center")


def tab_row(
    theme: Theme, rect: pygame.Rect, views: list[tuple[str, str]], chosen: str, *, shortcut: str = "N", tooltip: Tooltip = None
) -> list[Widget]:
    """Tabs side by side across ``rect``, one per ``(view, label)``, each asking to :class:`SwitchView` to its view;
    ``shortcut`` is shown on the tab it goes to next."""
    names = [view for view, _ in views]
    after = names[(names.index(chosen) + 1) % len(names)] if chosen in names else names[0]
    cells = layout.row(rect, [layout.Share()] * len(views))
    # One face for the whole row: the larger one when every label fits in it.
    room = min((cell.width for cell in cells), default=0) - 2 * theme.px(8)
    role = "body_bold" if all(theme.font("body_bold").size(label)[0] <= room for _, label in views) else "small_bold"
    return [
        Tab(cell, label, SwitchView(view), chosen=view == chosen, shortcut=shortcut if view == after and view != chosen else "", tooltip=tooltip,
            key=f"tab:{view}", role=role)
        for cell, (view, label) in zip(cells, views, strict=True)
    ]


def next_view(views: list[str], current: str) -> str:
    """The view after ``current``, round to the first."""
    return views[(views.index(current) + 1) % len(views)] if current in views else views[0]
