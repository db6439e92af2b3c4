"""An action card: number key, name, cost in leadership time, stance, and what it does."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import text
from game.ui.widgets.base import Intent, Tooltip, Widget, WidgetState

if TYPE_CHECKING:
    from game.ui.theme import Theme

STANCE_WORDS = {"partner": "Partner", "push": "Push", "neutral": "Neutral"}


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
    ) -> None:
        super().__init__(rect, intent=intent, tooltip=tooltip, enabled=enabled, focusable=True, key=key)
        self.number = number
        self.name = name
        self.description = description
        self.cost = cost
        self.stance = stance
        self.planned = planned  # what is planned with this action (its targets), or ""

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        pad = theme.px(8)
        bold = theme.font("body_bold")
        small = theme.font("small")
        small_bold = theme.font("small_bold")
        # Too short for a description: one line, with the stance shown by the stripe's pattern.
        compact = self.rect.height < 2 * bold.get_linesize() + small.get_linesize()
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
        top = self.rect.top + (pad if not compact else (self.rect.height - bold.get_linesize()) // 2)
        badge = pygame.Rect(left, top, bold.get_linesize(), bold.get_linesize())
        pygame.draw.rect(surface, theme.colour("text") if self.enabled else theme.colour("disabled"), badge, border_radius=theme.px(3))
        text.draw(surface, str(self.number) if self.number < 10 else "·", small_bold, theme.colour("text_inverse"), badge.center, "center")
        cost_rect = text.draw(surface, f"cost {self.cost}", small_bold, ink, (self.rect.right - pad, badge.centery), "midright")
        x = cost_rect.left - theme.px(6)
        if not compact:
            pip = theme.px(4)
            for _ in range(min(self.cost, 6)):
                pygame.draw.circle(surface, ink, (x - pip, badge.centery), pip)
                x -= 3 * pip
        name = f"{self.name}: {self.planned}" if compact and self.planned else self.name
        text.draw(surface, text.fit(name, bold, x - badge.right - 2 * pad), bold, ink, (badge.right + pad, badge.centery), "midleft")
        if compact:
            return
        y = badge.bottom + theme.px(4)
        tag = text.draw(surface, STANCE_WORDS.get(self.stance, self.stance), small_bold, stance_colour if self.enabled else muted, (left, y))
        line = f"Planned: {self.planned}" if self.planned else self.description
        body = pygame.Rect(tag.right + pad, y, self.rect.right - tag.right - 2 * pad, self.rect.bottom - y - pad // 2)
        lines = max(1, body.height // max(1, round(small.get_linesize() * 1.15)))
        text.draw_wrapped(surface, line, small_bold if self.planned else small, ink if self.planned else muted, body, lines)


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
