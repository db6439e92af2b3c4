"""An action card: number key, name, cost in leadership time, stance, and what it does."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.ui import text
from game.ui.intents import Intent
from game.ui.widgets.base import Tooltip, Widget, WidgetState

if TYPE_CHECKING:
    from game.ui.theme import Theme



class ActionCard(Widget):
    def __init__(
        self,
        rect: pygame.Rect,
        *,
        number: int,
        name: str,
        description: str,
        cost: int,
        stance: str,
        intent: Intent,
        tooltip: Tooltip,
        planned: str = "",
        enabled: bool = True,
        key: str = "",
        cost_words: str = "",
        why_not: str = "",
        forecast: str = "",
    ) -> None:
        super().__init__(rect, intent=intent, tooltip=tooltip, enabled=enabled, focusable=True, key=key)
        self.number = number
        self.name = name
        self.description = description
        self.cost = cost
        self.stance = stance
        self.planned = planned  # words for what is planned with this action (its targets), or "" when it is not planned
        self.cost_words = cost_words or t("card.cost", cost=cost)  # top right: the cost, or why it cannot be paid
        self.why_not = why_not  # a disabled card says why where its description would go
        self.forecast = forecast  # the best target's chance of success, in words
        self.forecast_shown = False  # whether the last drawing found room for it (under or beside the name)
        # On one-line cards, set the name a size smaller: the panel sets this on every card of a page
        # when any name there needs it, so the names on a page share one size.
        self.compact = False

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        pad = theme.px(8)
        bold = theme.font("body_bold")
        small = theme.font("small")
        small_bold = theme.font("small_bold")
        line = bold.get_linesize()
        # How many lines the card has room for: the name takes one or two, then stance and description.
        two_lines = self.rect.height >= 2 * line + pad
        full = self.rect.height >= 2 * line + small.get_linesize() + pad + theme.px(6)
        if self.planned:
            fill = theme.colour("selected")
        elif not self.enabled:
            fill = theme.colour("panel_alt")
        else:
            fill = theme.colour("hover" if state.hovered else "panel")
        pygame.draw.rect(surface, fill, self.rect, border_radius=radius)
        edge_width = theme.px(3) if self.planned else theme.px("border")
        edge = theme.colour("good") if self.planned else theme.colour("border")
        pygame.draw.rect(surface, edge, self.rect, edge_width, border_radius=radius)
        stripe = pygame.Rect(self.rect.left, self.rect.top, theme.px(8), self.rect.height)
        stance_colour = theme.colour(self.stance) if self.stance in ("partner", "push") else theme.colour("neutral")
        draw_stance_stripe(surface, theme, stripe, self.stance, stance_colour)
        ink = theme.colour("text" if self.enabled else "disabled")
        muted = theme.colour("text_muted" if self.enabled else "disabled")
        left = stripe.right + pad
        small_line = small.get_linesize()
        # A one-line card tall enough for a line under its name shows the forecast there.
        under = bool(self.forecast) and not two_lines and self.rect.height >= line + small_line + theme.px(8)
        if two_lines:
            top = self.rect.top + theme.px(5)
        elif under:
            top = self.rect.top + (self.rect.height - line - small_line) // 2
        else:
            top = self.rect.top + (self.rect.height - line) // 2
        badge = pygame.Rect(left, top, line, line)
        pygame.draw.rect(surface, theme.colour("text") if self.enabled else theme.colour("disabled"), badge, border_radius=theme.px(3))
        text.draw(surface, str(self.number) if self.number < 10 else "·", small_bold, theme.colour("text_inverse"), badge.center, "center")
        cost_ink = theme.colour("bad") if self.why_not and not self.enabled else ink
        name_left = badge.right + pad
        cost_w = small_bold.size(self.cost_words)[0]
        first_w = self.rect.right - pad - cost_w - theme.px(6) - name_left
        rest_w = self.rect.right - pad - name_left
        forecast_w = small.size(self.forecast)[0] + theme.px(10) if self.forecast else 0
        self.forecast_shown = False
        if not two_lines:
            # One line: the whole name (a size smaller before any cut); planned shows in the fill and border.
            font = small_bold if self.compact or bold.size(self.name)[0] > first_w else bold
            # The forecast goes under the name, else beside it before the cost, else under the cost (the
            # name set a size smaller if that keeps it whole); a name is never cut short for it.
            stacked_w = self.rect.right - pad - max(cost_w, forecast_w - theme.px(10)) - theme.px(6) - name_left
            stack_font = next((f for f in (font, small_bold) if f.size(self.name)[0] <= stacked_w), None)
            cost_y = badge.centery
            if under:
                text.draw(surface, self.forecast, small, muted, (name_left, badge.bottom))
            elif self.forecast and font.size(self.name)[0] <= first_w - forecast_w:
                text.draw(surface, self.forecast, small, muted, (self.rect.right - pad - cost_w - theme.px(10), badge.centery), "midright")
            elif self.forecast and stack_font is not None and self.rect.height >= 2 * small_line:
                font, first_w = stack_font, stacked_w
                cost_y = self.rect.centery - small_line // 2
                text.draw(surface, self.forecast, small, muted, (self.rect.right - pad, cost_y + small_line), "midright")
            self.forecast_shown = bool(self.forecast) and (under or cost_y != badge.centery or font.size(self.name)[0] <= first_w - forecast_w)
            text.draw(surface, self.cost_words, small_bold, cost_ink, (self.rect.right - pad, cost_y), "midright")
            text.draw(surface, text.fit(self.name, font, first_w), font, ink, (name_left, badge.centery), "midleft")
            return
        text.draw(surface, self.cost_words, small_bold, cost_ink, (self.rect.right - pad, badge.centery), "midright")
        # The name wraps onto a second line (under the cost) rather than being cut short. A planned card
        # says so by its fill and border; only its targets need the second line.
        targets_line = bool(self.planned) and self.planned != t("card.in_plan") and not full
        name_font = bold
        if targets_line:
            names = [text.fit(self.name, bold, first_w)]
        else:
            names = wrap_two(self.name, bold, first_w, rest_w)
            if self.forecast and len(names) == 2 and not full and bold.size(names[-1])[0] > rest_w - forecast_w:
                # No room for the forecast after the name: a size smaller, if the name still reads whole.
                smaller = wrap_two(self.name, small_bold, first_w, rest_w - forecast_w)
                if " ".join(smaller) == " ".join(self.name.split()):
                    names, name_font = smaller, small_bold
        y = badge.top
        for words in names:
            text.draw(surface, words, name_font, ink, (name_left, y + (line - name_font.get_linesize()) // 2))
            y += line
        if self.forecast and not targets_line:
            # On the name's second line when it is free, at its right end when the name leaves room there,
            # else at the bottom right beside the description.
            second = badge.top + line + (line - small_line) // 2
            if len(names) == 1:
                text.draw(surface, self.forecast, small, muted, (name_left, second))
                self.forecast_shown = True
            elif name_font.size(names[-1])[0] <= rest_w - forecast_w:
                text.draw(surface, self.forecast, small, muted, (self.rect.right - pad, second), "topright")
                self.forecast_shown = True
            elif full:
                text.draw(surface, self.forecast, small, muted, (self.rect.right - pad, self.rect.bottom - theme.px(4)), "bottomright")
                self.forecast_shown = True
        if targets_line:
            words = text.fit(self.planned, small_bold, rest_w)
            text.draw(surface, words, small_bold, ink, (name_left, y + theme.px(2)))
            return
        if not full:
            return
        y += theme.px(2)
        tag = text.draw(surface, t(f"stance.{self.stance}") if self.stance in ("partner", "push", "neutral") else self.stance, small_bold,
                        stance_colour if self.enabled else muted, (left, y))
        words = self.planned or self.why_not or self.description
        body = pygame.Rect(tag.right + pad, y, self.rect.right - tag.right - 2 * pad - forecast_w, self.rect.bottom - y - pad // 2)
        lines = max(1, body.height // max(1, round(small.get_linesize() * 1.15)))
        text.draw_wrapped(surface, words, small_bold if self.planned else small, ink if self.planned else muted, body, lines)


def name_widths(theme: Theme, width: int, cost: str) -> tuple[int, int]:
    """Room for a card's name: beside the cost (``cost``: the words top right) on the first line, and the
    whole width on the second."""
    pad = theme.px(8)
    line = theme.font("body_bold").get_linesize()
    left = theme.px(8) + pad + line + pad
    cost_w = theme.font("small_bold").size(cost)[0]
    return width - left - cost_w - theme.px(6) - pad, width - left - pad


def full_size_fits(theme: Theme, width: int, name: str, cost: str) -> bool:
    """Whether the name fits one line of a card ``width`` pixels wide at the full size."""
    return theme.font("body_bold").size(name)[0] <= name_widths(theme, width, cost)[0]


def name_fits(theme: Theme, width: int, name: str, cost: str, lines: int) -> bool:
    """Whether the name reads whole on a card ``width`` pixels wide, on one line or two."""
    bold = theme.font("body_bold")
    first, second = name_widths(theme, width, cost)
    if lines == 1:  # a one-line card may set a long name a size smaller (see ActionCard.draw)
        return min(bold.size(name)[0], theme.font("small_bold").size(name)[0]) <= first
    return " ".join(wrap_two(name, bold, first, second)) == " ".join(name.split())


def card_height(theme: Theme, lines: int) -> int:
    """The least height that shows a name on ``lines`` lines."""
    line = theme.font("body_bold").get_linesize()
    return lines * line + theme.px(10) if lines > 1 else line + theme.px(10)


def wrap_two(words: str, font: pygame.font.Font, first: int, second: int) -> list[str]:
    """A name on at most two lines: the first ``first`` pixels wide, the second ``second`` (cut with … if need be)."""
    if font.size(words)[0] <= first:
        return [words]
    parts = words.split()
    line = ""
    for i, part in enumerate(parts):
        candidate = f"{line} {part}".strip()
        if font.size(candidate)[0] > first:
            if not line:  # one long word: cut it
                return [text.fit(part, font, first), text.fit(" ".join(parts[i + 1 :]), font, second)] if i + 1 < len(parts) else [text.fit(part, font, first)]
            return [line, text.fit(" ".join(parts[i:]), font, second)]
        line = candidate
    return [line]


def draw_stance_stripe(surface: pygame.Surface, theme: Theme, stripe: pygame.Rect, stance: str, colour: pygame.Color) -> None:
    """The card's left edge: solid for partner, hatched for push, hollow for neutral."""
    radius = theme.px("radius")
    if stance == "neutral":
        pygame.draw.rect(surface, colour, stripe, theme.px(2), border_top_left_radius=radius, border_bottom_left_radius=radius)
        return
    pygame.draw.rect(surface, colour, stripe, border_top_left_radius=radius, border_bottom_left_radius=radius)
    if stance == "push":
        clip = surface.get_clip()
        surface.set_clip(stripe)
        step = theme.px(6)
        for y in range(stripe.top - stripe.width, stripe.bottom, step):
            pygame.draw.line(surface, theme.colour("panel"), (stripe.left, y + stripe.width), (stripe.right, y), max(1, theme.px(2)))
        surface.set_clip(clip)
