"""A stakeholder's row of changes (trust and support, before and after), as the turn summary and the debrief list them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t, t_count
from game.session.amounts import signed_points
from game.session.views import StakeholderView
from game.ui import shapes, text
from game.ui.widgets import pager
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.stat import draw_arrow

if TYPE_CHECKING:
    from game.ui.theme import Theme


class ChangeRow(Widget):
    """A stakeholder's trust and support, before and after, with arrows and signed points.

    A stakeholder who blocked the change is marked as on the map (a no-entry
    sign), after the name, with the word "blocked" when it fits there; with
    ``blocked_room`` the word has its own room at the right of the row instead."""

    def __init__(self, rect: pygame.Rect, view: StakeholderView, tooltip: str, *, blocked_room: bool = False) -> None:
        super().__init__(rect, tooltip=tooltip, key=f"change:{view.id}")
        self.view = view
        self.blocked_room = blocked_room  # keep room for the "blocked" word clear of the numbers (every row of a list alike, so columns align)

    def reserved(self, theme: Theme) -> int:
        """The room kept at the right for the "blocked" word, when asked to keep it."""
        return theme.font("small_bold").size(t("map.legend.blocked"))[0] + theme.px(12) if self.blocked_room else 0

    def badge(self, theme: Theme) -> int:
        """The room the no-entry sign takes after a blocked stakeholder's name (none when the word has its own room)."""
        return theme.px(20) if self.view.blocked and not self.blocked_room else 0

    def name_width(self, theme: Theme) -> int:
        """The name's column: each number column takes what its widest content needs; the name gets the rest (at least a quarter)."""
        width = self.rect.width - self.reserved(theme)
        return max(int(width * 0.25), width - 2 * numbers_width(theme))

    def name_lines(self, theme: Theme) -> tuple[list[str], pygame.font.Font]:
        """The name as drawn: in bold when it fits, else the regular face, on two lines when the row is tall enough, shortened last."""
        v = self.view
        bold, small = theme.font("small_bold"), theme.font("small")
        room = self.name_width(theme) - theme.px(6) - self.badge(theme)
        if bold.size(v.name)[0] <= room:
            return [v.name], bold
        if small.size(v.name)[0] <= room:
            return [v.name], small
        lines = text.wrap(v.name, small, room)
        if self.rect.height >= 2 * small.get_linesize() and len(lines) == 2:
            return lines, small
        return [text.fit(v.name, small, room)], small

    def layout(self, theme: Theme) -> RowLayout:
        """Where each part of the row goes: the name's lines, each number column's words, arrow and signed points, and
        the blocked mark (the sign, and the word when it has room)."""
        v = self.view
        bold, small = theme.font("small_bold"), theme.font("small")
        arrow_w = theme.px(22)
        name_w = self.name_width(theme)
        lines, face = self.name_lines(theme)
        step = face.get_linesize()
        top = self.rect.centery - len(lines) * step // 2
        names = [(line, pygame.Rect((self.rect.left + theme.px(4), top + i * step), face.size(line))) for i, line in enumerate(lines)]
        numbers: list[tuple[str, str, pygame.Rect]] = []
        arrows: list[tuple[str, str, pygame.Rect]] = []
        column = (self.rect.width - self.reserved(theme) - name_w) // 2
        for i, (label, value, delta) in enumerate(((t("quantity.trust"), v.trust, v.trust_change), (t("quantity.support"), v.support, v.support_change))):
            x = self.rect.left + name_w + i * column
            end = x + column - theme.px(6)
            words = text.fit(f"{label} {percent(value)}", small, column - arrow_w)
            box = pygame.Rect((0, 0), small.size(words))
            box.midleft = (x, self.rect.centery)
            numbers.append((words, "text", box))
            points = round(delta * 100)
            direction = "flat" if points == 0 else ("up" if points > 0 else "down")
            colour = "neutral" if points == 0 else ("good" if points > 0 else "bad")
            arrow = pygame.Rect(box.right + theme.px(6), self.rect.centery - theme.px(6), theme.px(12), theme.px(12))
            arrows.append((direction, colour, arrow))
            change = signed_points(delta)
            if arrow.right + theme.px(4) + small.size(change)[0] <= end:  # the arrow alone says it when room is short
                box = pygame.Rect((0, 0), small.size(change))
                box.midleft = (arrow.right + theme.px(4), self.rect.centery)
                numbers.append((change, "text_muted", box))
        marks: list[tuple[str, pygame.Rect]] = []
        if v.blocked:
            word = t("map.legend.blocked")
            box = pygame.Rect((0, 0), bold.size(word))
            if self.blocked_room:
                box.midright = (self.rect.right - theme.px(4), self.rect.centery)
                marks.append((word, box))
            else:
                last = names[-1][1]
                sign = pygame.Rect(last.right + theme.px(6), last.centery - theme.px(6), theme.px(12), theme.px(12))
                marks.append(("", sign))
                box.midleft = (sign.right + theme.px(4), sign.centery)
                if box.right <= self.rect.left + name_w - theme.px(6):
                    marks.append((word, box))
        return RowLayout(names, face, numbers, arrows, marks)

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        self.draw_hover(surface, theme, state)
        parts = self.layout(theme)
        small = theme.font("small")
        for line, box in parts.names:
            text.draw(surface, line, parts.face, theme.colour("text"), box.topleft)
        for words, ink, box in parts.numbers:
            text.draw(surface, words, small, theme.colour(ink), box.topleft)
        for direction, colour, box in parts.arrows:
            draw_arrow(surface, direction, theme.colour(colour), box)
        for words, box in parts.marks:
            if words:
                text.draw(surface, words, theme.font("small_bold"), theme.colour("bad"), box.topleft)
            else:
                shapes.draw_block_badge(surface, box.center, box.width / 2, theme.colour("bad"), theme.colour("text_inverse"))


@dataclass(frozen=True)
class RowLayout:
    """Where a :class:`ChangeRow` draws: name lines (words, box) in ``face``; numbers' words, colour roles and boxes; arrows
    (direction, colour role, box); the blocked marks (the word and its box, or an empty word for the sign)."""

    names: list[tuple[str, pygame.Rect]]
    face: pygame.font.Font
    numbers: list[tuple[str, str, pygame.Rect]]
    arrows: list[tuple[str, str, pygame.Rect]]
    marks: list[tuple[str, pygame.Rect]]


def numbers_width(theme: Theme) -> int:
    """What one number column of a :class:`ChangeRow` needs: a label and percentage, the arrow and the signed points."""
    small = theme.font("small")
    needed = max(small.size(f"{label} {percent(1.0)}")[0] for label in (t("quantity.trust"), t("quantity.support")))
    return needed + theme.px(22) + small.size(t_count("fmt.points", 10, n="+00"))[0] + theme.px(10)


def change_items(theme: Theme, rows: Sequence[tuple[StakeholderView, str]], width: int) -> list[pager.Item]:
    """Stakeholders' rows as list entries, each name whole: the rows are as wide as the longest name needs (up to
    ``width``) so the numbers sit near it, and a name too long even so takes two lines."""
    bold, small = theme.font("small_bold"), theme.font("small")
    widest = max((bold.size(view.name)[0] for view, _ in rows), default=0)
    keep = any(view.blocked for view, _ in rows)
    blocked = bold.size(t("map.legend.blocked"))[0] + theme.px(12) if keep else 0
    row_w = min(width, widest + theme.px(16) + 2 * numbers_width(theme) + blocked)
    items: list[pager.Item] = []
    for view, tip in rows:
        probe = ChangeRow(pygame.Rect(0, 0, row_w, 2 * small.get_linesize()), view, "", blocked_room=keep)
        lines = len(probe.name_lines(theme)[0])
        h = max(small.get_linesize() + theme.px(6), lines * small.get_linesize() + theme.px(4))

        def make(rect: pygame.Rect, view: StakeholderView = view, tip: str = tip) -> Widget:
            return ChangeRow(pygame.Rect(rect.left, rect.top, row_w, rect.height), view, tip, blocked_room=keep)

        items.append(pager.Item(h, make))
    return items
