"""The workshop's decision clock in the turn screen's header."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.i18n import t, t_count
from game.ui import text
from game.ui.widgets.base import Widget, WidgetState

if TYPE_CHECKING:
    from game.ui.theme import Theme


class Countdown(Widget):
    """A workshop's decision time: minutes and seconds left, red in the last ten seconds."""

    def __init__(self, rect: pygame.Rect, left: Callable[[], int | None], total: int) -> None:
        tip = t_count("countdown.tip", total, total=total)
        super().__init__(rect, tooltip=tip, key="countdown")
        self.left = left

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        seconds = self.left()
        if seconds is None:
            return
        urgent = seconds <= 10
        words = t("countdown.left", time=f"{seconds // 60}:{seconds % 60:02d}")
        font = theme.font("subheading")
        colour = theme.colour("bad" if urgent else "text")
        text.draw(surface, words, font, colour, self.rect.midright, "midright")

