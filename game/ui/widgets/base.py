"""The widget protocol: a rectangle that draws itself and may emit an intent.

Widgets never call the game. Activating one (click, Enter, Space) yields the
typed request it carries (:mod:`game.ui.intents`, such as ``ChooseAction("engage")``);
the screen translates intents into session commands in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent

if TYPE_CHECKING:
    from game.ui.theme import Theme


@dataclass(frozen=True)
class WidgetState:
    hovered: bool = False
    focused: bool = False


# A tooltip is plain text, or a function drawing a richer card at a given width.
Tooltip = str | Callable[["Theme", int], pygame.Surface] | None


class Widget:
    """Base widget: a rectangle, an optional intent, tooltip and focusability."""

    takes_text = False  # a text box: typed characters (and Space) go to it while focused

    def __init__(
        self,
        rect: pygame.Rect,
        *,
        intent: Intent | None = None,
        tooltip: Tooltip = None,
        focusable: bool | None = None,
        enabled: bool = True,
        key: str = "",
    ) -> None:
        self.rect = rect
        self.intent = intent
        self.tooltip = tooltip
        self.enabled = enabled
        # A widget that does something, or explains a number, can take keyboard focus.
        self.focusable = focusable if focusable is not None else (intent is not None or tooltip is not None)
        self.key = key
        # Where this widget's tooltip must not go, when more than the widget itself: the list it belongs to.
        self.tooltip_clear: pygame.Rect | None = None

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.rect.collidepoint(pos)

    def focus_rect(self) -> pygame.Rect:
        return self.rect

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        raise NotImplementedError

    def draw_hover(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        """The highlight behind a widget under the pointer (a row in a list, a number with a tooltip)."""
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))

    def activate(self) -> Intent | None:
        return self.intent if self.enabled else None

    def type(self, event: pygame.event.Event) -> bool:
        """Take typed text (text boxes only); True when something changed."""
        return False
