"""Portraits as widgets: a face on its own (the debrief's rows), and a line said with its face (the summary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import portraits, text
from game.ui.widgets.base import Widget, WidgetState

if TYPE_CHECKING:
    from game.ui.theme import Theme

FACE = 36  # design pixels across
LINES = 3  # the line's most lines beside the face


class FaceMark(Widget):
    """A stakeholder's portrait, centred in its rect (the row beside it names whose)."""

    def __init__(self, rect: pygame.Rect, face: pygame.Surface, *, key: str = "") -> None:
        super().__init__(rect, key=key)
        self.face = face

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        portraits.draw_portrait(surface, self.face, self.rect.center)


class VoiceRow(Widget):
    """The speaker's portrait, then its name in bold and its words, in a light speech panel."""

    def __init__(self, rect: pygame.Rect, face: pygame.Surface, name: str, words: str, *, key: str = "") -> None:
        super().__init__(rect, key=key)
        self.face = face
        self.name = name
        self.words = words

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        size = self.face.get_width()
        portraits.draw_portrait(surface, self.face, (self.rect.left + size / 2, self.rect.top + size / 2))
        gap = theme.px(8)
        box = pygame.Rect(self.rect.left + size + gap, self.rect.top, self.rect.width - size - gap, self.rect.height)
        pygame.draw.rect(surface, theme.colour("panel_alt"), box, border_radius=theme.px(8))
        # A small tail from the panel to the face.
        tip = (box.left - gap + theme.px(2), self.rect.top + size // 2)
        pygame.draw.polygon(surface, theme.colour("panel_alt"), [tip, (box.left, tip[1] - theme.px(6)), (box.left, tip[1] + theme.px(6))])
        pad = theme.px(6)
        bold, small = theme.font("small_bold"), theme.font("small")
        inner = box.inflate(-2 * pad, -2 * pad)
        text.draw(surface, text.fit(self.name, bold, inner.width), bold, theme.colour("text"), inner.topleft)
        text.draw_wrapped(surface, self.words, small, theme.colour("text"),
                          pygame.Rect(inner.left, inner.top + bold.get_linesize(), inner.width, inner.height - bold.get_linesize()),
                          LINES, 1.0)


def voice_height(theme: Theme, words: str, width: int) -> int:
    """How tall a :class:`VoiceRow` ``width`` pixels wide is for ``words`` (at least the face's height)."""
    size = theme.px(FACE)
    room = width - size - theme.px(8) - 2 * theme.px(6)
    small = theme.font("small")
    lines = min(LINES, len(text.wrap(words, small, max(10, room))))
    return max(size, theme.font("small_bold").get_linesize() + lines * small.get_linesize() + 2 * theme.px(6))
