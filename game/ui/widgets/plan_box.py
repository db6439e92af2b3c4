"""The plan and its forecast as a boxed paragraph: every word shows, on as many lines as it takes.

The compact turn screen (a projector's scale) puts this under the action
cards instead of the footer's single lines, which would cut the forecast short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import text
from game.ui.forecasting import PlanSummary
from game.ui.widgets.base import WidgetState

if TYPE_CHECKING:
    from game.ui.theme import Theme

LINE_GAP = 1.1


class PlanBox(PlanSummary):
    """A :class:`PlanSummary` drawn wrapped inside a panel; same key, words and tooltip."""

    @classmethod
    def of(cls, summary: PlanSummary) -> PlanBox:
        return cls(summary.rect, summary.planned, summary.forecast, summary.tooltip)

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        pygame.draw.rect(surface, theme.colour("hover" if state.hovered else "panel"), self.rect, border_radius=radius)
        pygame.draw.rect(surface, theme.colour("border"), self.rect, theme.px("border"), border_radius=radius)
        inner = self.rect.inflate(-2 * theme.px(8), -2 * theme.px(6))
        bold, small = theme.font("small_bold"), theme.font("small")
        used = text.draw_wrapped(surface, self.planned, bold, theme.colour("text"), inner, None, LINE_GAP)
        rest = pygame.Rect(inner.left, inner.top + used, inner.width, max(0, inner.bottom - inner.top - used))
        if rest.height >= small.get_linesize():
            text.draw_wrapped(surface, self.forecast, small, theme.colour("text_muted"), rest, None, LINE_GAP)


def box_height(theme: Theme, summary: PlanSummary, width: int) -> int:
    """The height that shows the whole plan and forecast at ``width`` pixels wide."""
    inner = width - 2 * theme.px(8)
    return (
        text.wrapped_height(summary.planned, theme.font("small_bold"), inner, LINE_GAP)
        + text.wrapped_height(summary.forecast, theme.font("small"), inner, LINE_GAP)
        + 2 * theme.px(6)
    )
