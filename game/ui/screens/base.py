"""The screen protocol: enter, handle_event, update, draw; a handler may return the next screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import clock, text
from game.ui.intents import Intent
from game.ui.widgets.base import Widget
from game.ui.widgets.group import WidgetGroup

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme


class Screen:
    """One screen of the game. Subclasses build their widgets in :meth:`build`."""

    name = "screen"

    def __init__(self, app: App) -> None:
        self.app = app
        self.group = WidgetGroup()
        self.entered_at = 0
        self.autoplay_done = False
        self._drawn_tooltip: Widget | None = None
        self.frames = 0  # frames drawn since entering; autoplay waits for the first

    @property
    def theme(self) -> Theme:
        return self.app.theme

    # -- life cycle -------------------------------------------------------

    def enter(self) -> None:
        self.entered_at = clock.now_ms()
        self.layout()
        if self.group.focused is None:
            first = self.initial_focus()
            if first is not None:
                self.group.focused = first

    def initial_focus(self) -> Widget | None:
        items = self.group.focusables()
        return items[0] if items else None

    def layout(self) -> None:
        """Rebuild the widgets for the current window and state."""
        self.group.set(self.build(self.app.surface.get_rect()))

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        return []

    # -- input --------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Screen | None:
        if event.type == pygame.KEYDOWN:
            result = self.on_key(event)
            if result is not None:
                return result
        intent = self.group.handle(event)
        if intent is not None:
            return self.on_intent(intent)
        return None

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        """Screen-wide keys (Esc, number keys); return a screen to switch to."""
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        return None

    # -- time -----------------------------------------------------------------

    def update(self) -> Screen | None:
        """Called every loop; drives autoplay at the chosen pace."""
        app = self.app
        due = self.frames > 0 and clock.now_ms() - self.entered_at >= app.autoplay_delay_ms
        if app.autoplay and not self.autoplay_done and due:
            self.autoplay_done = True
            return self.autoplay_step()
        return None

    def autoplay_step(self) -> Screen | None:
        return None

    def next_wake_ms(self) -> int | None:
        """How long the loop may sleep before this screen needs another update."""
        waits = []
        tooltip = self.group.next_wake_ms(int(self.theme.sizes["tooltip_delay_ms"]))
        if tooltip is not None:
            waits.append(tooltip)
        if self.app.autoplay and not self.autoplay_done and self.frames > 0:
            waits.append(max(0, self.app.autoplay_delay_ms - (clock.now_ms() - self.entered_at)))
        return min(waits) if waits else None

    # -- drawing ----------------------------------------------------------------

    def draw(self, surface: pygame.Surface, *, tooltips: bool = True) -> None:
        """The whole screen; without ``tooltips`` for a picture or as the backdrop of an overlay."""
        self.frames += 1
        surface.fill(self.theme.colour("background"))
        self.draw_under(surface)
        self.group.draw(surface, self.theme)
        self.draw_over(surface)
        if tooltips:
            self.group.draw_tooltip(surface, self.theme)
            self._drawn_tooltip = self._tooltip_owner()

    def _tooltip_owner(self) -> Widget | None:
        return self.group.tooltip_owner(int(self.theme.sizes["tooltip_delay_ms"]))

    def tooltip_changed(self) -> bool:
        """True when a tooltip has become due (or gone) since the last frame."""
        return self._tooltip_owner() is not self._drawn_tooltip

    def draw_under(self, surface: pygame.Surface) -> None:
        """Drawing beneath the widgets (backgrounds, the map's edges)."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Drawing above the widgets but beneath tooltips."""

    # -- helpers for subclasses -------------------------------------------------

    def header(self, surface: pygame.Surface, title: str, subtitle: str = "") -> None:
        theme = self.theme
        bar = pygame.Rect(0, 0, surface.get_width(), theme.px("header_height"))
        pygame.draw.rect(surface, theme.colour("panel"), bar)
        pygame.draw.line(surface, theme.colour("border"), bar.bottomleft, bar.bottomright, theme.px("border"))
        margin = theme.px("margin")
        font = theme.font("heading")
        rect = text.draw(surface, text.fit(title, font, bar.width // 2), font, theme.colour("text"), (margin, bar.centery), "midleft")
        if subtitle:
            small = theme.font("body")
            text.draw(surface, text.fit(subtitle, small, bar.width - rect.right - 3 * margin), small, theme.colour("text_muted"), (rect.right + margin, bar.centery), "midleft")
