"""A labelled number with a tooltip and a trend arrow, and the label wrapping other controls share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pygame

from game.ui import text
from game.ui.widgets.base import Tooltip, Widget, WidgetState

if TYPE_CHECKING:
    from game.ui.theme import Theme


class Stat(Widget):
    """A labelled number with a tooltip explaining it, and an optional trend arrow."""

    def __init__(
        self,
        rect: pygame.Rect,
        label: str,
        value: str,
        tooltip: Tooltip,
        *,
        trend: Literal["up", "down", "flat", ""] = "",
        good: bool | None = None,
        key: str = "",
        note: str = "",
        label_lines: int = 1,
    ) -> None:
        super().__init__(rect, tooltip=tooltip, key=key or f"stat:{label}")
        self.label = label
        self.label_lines = label_lines  # a long name may take a second line (the cell is made taller for it)
        self.value = value
        self.trend = trend
        self.good = good
        self.note = note

    def layout(self, theme: Theme) -> StatLayout:
        """Where each part goes. The note (a target) is always whole: beside the value when it fits there, else at
        the right of the label's line, else beside the value set a size smaller; cut only when none of these has room."""
        pad = theme.px(4)
        small = theme.font("small")
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        labels = label_lines(self.label, small, inner.width, self.label_lines)
        label_boxes = [pygame.Rect((inner.left, inner.top + i * small.get_linesize()), small.size(line)) for i, line in enumerate(labels)]
        arrow_w = theme.px(18) if self.trend else 0

        def value_at(role: str) -> tuple[str, pygame.Rect]:
            font = theme.font(role)
            value = text.fit(self.value, font, inner.width - arrow_w)
            return role, pygame.Rect(inner.left, inner.bottom - font.get_height(), *font.size(value))

        role, value_box = value_at("number")
        if theme.font("number").size(self.value)[0] > inner.width - arrow_w:
            role, value_box = value_at("body_bold")  # a long value ("90 patients a day") in a narrow cell
        note, note_box = self.note, pygame.Rect(0, 0, 0, 0)
        if self.note:
            width, height = small.size(self.note)
            beside = inner.right - (value_box.right + theme.px(6) + arrow_w)
            above = inner.right - label_boxes[-1].right - theme.px(12)
            if width <= beside:
                pass
            elif width <= above and len(labels) == 1:
                note_box = pygame.Rect(inner.right - width, label_boxes[-1].top, width, height)
            elif role == "number" and width <= inner.right - (value_at("body_bold")[1].right + theme.px(6) + arrow_w):
                role, value_box = value_at("body_bold")
            elif beside >= small.size("target 0")[0]:
                note = text.fit(self.note, small, beside)
            else:
                note = ""
            if note and not note_box.width:
                x = value_box.right + theme.px(6) + arrow_w
                note_box = pygame.Rect(x, value_box.bottom - theme.px(3) - height, small.size(note)[0], height)
        value = text.fit(self.value, theme.font(role), inner.width - arrow_w)
        arrow = pygame.Rect(value_box.right + theme.px(6), value_box.top + theme.px(3), theme.px(14), value_box.height - theme.px(6)) if self.trend else None
        return StatLayout(list(zip(labels, label_boxes, strict=True)), (value, role, value_box), arrow, (note, note_box) if note else None)

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        self.draw_hover(surface, theme, state)
        parts = self.layout(theme)
        small = theme.font("small")
        for line, box in parts.labels:
            text.draw(surface, line, small, theme.colour("text_muted"), box.topleft)
        value, role, box = parts.value
        text.draw(surface, value, theme.font(role), theme.colour("text"), box.topleft)
        if parts.arrow is not None:
            colour = theme.colour("neutral")
            if self.good is True:
                colour = theme.colour("good")
            elif self.good is False:
                colour = theme.colour("bad")
            draw_arrow(surface, self.trend, colour, parts.arrow)
        if parts.note is not None:
            note, box = parts.note
            text.draw(surface, note, small, theme.colour("text_muted"), box.topleft)


@dataclass(frozen=True)
class StatLayout:
    """Where a :class:`Stat` draws its parts: label lines, the value (words, font role, box), the arrow and the note."""

    labels: list[tuple[str, pygame.Rect]]
    value: tuple[str, str, pygame.Rect]
    arrow: pygame.Rect | None
    note: tuple[str, pygame.Rect] | None


def label_lines(label: str, font: pygame.font.Font, width: int, most: int) -> list[str]:
    """A label on at most ``most`` lines of ``width`` pixels; only the last is cut with … if it must be."""
    if most <= 1:
        return [text.fit(label, font, width)]
    lines = text.wrap(label, font, width)
    if len(lines) > most:
        lines = [*lines[: most - 1], text.fit(" ".join(lines[most - 1 :]), font, width)]
    return lines


def lines_needed(label: str, font: pygame.font.Font, width: int) -> int:
    """How many lines ``label`` takes, wrapped at ``width`` pixels."""
    return len(text.wrap(label, font, width))


def draw_arrow(surface: pygame.Surface, direction: str, colour: pygame.Color, rect: pygame.Rect) -> None:
    """A trend arrow: the shape, not only the colour, says up, down or flat."""
    cx, cy = rect.center
    w, h = rect.width // 2, rect.height // 2
    if direction == "up":
        points = [(cx, rect.top), (rect.right, cy), (cx + w // 3, cy), (cx + w // 3, rect.bottom), (cx - w // 3, rect.bottom), (cx - w // 3, cy), (rect.left, cy)]
    elif direction == "down":
        points = [(cx, rect.bottom), (rect.right, cy), (cx + w // 3, cy), (cx + w // 3, rect.top), (cx - w // 3, rect.top), (cx - w // 3, cy), (rect.left, cy)]
    else:
        points = [(rect.right, cy), (cx, cy - h), (cx, cy - h // 3), (rect.left, cy - h // 3), (rect.left, cy + h // 3), (cx, cy + h // 3), (cx, cy + h)]
    pygame.draw.polygon(surface, colour, points)
