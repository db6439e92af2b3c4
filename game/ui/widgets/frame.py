"""A screen's body: the room between its header and footer bars that its panels share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.theme import Theme


def body_frame(theme: Theme, area: pygame.Rect) -> tuple[int, int, int, int]:
    """The margin, the gap between panels, and the body's top (under the header) and bottom (over the footer), in pixels."""
    gap = theme.px("gap")
    return theme.px("margin"), gap, theme.px("header_height") + gap, area.height - theme.px("footer_height")
