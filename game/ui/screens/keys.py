"""The keys (F1 on any screen): every action of the game can be done without a mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import text
from game.ui.screens.base import Screen
from game.ui.widgets.base import Intent, Widget
from game.ui.widgets.controls import Button, Panel

if TYPE_CHECKING:
    from game.ui.app import App

KEYS = (
    ("Tab / Shift+Tab", "move to the next or previous control"),
    ("Arrow keys", "move to the nearest control in that direction"),
    ("Enter or Space", "use the control with the orange ring"),
    ("1 to 9", "choose an action card; then a target from the list"),
    ("E or Ctrl+Enter", "end the turn with the plan as it is"),
    ("1 to 3 (events)", "answer an event"),
    ("1 to 3 (debrief)", "overview, charts, timeline"),
    ("Esc", "back, cancel, or the menu during a game"),
    ("F11", "full screen on or off"),
    ("F12", "save a picture of the screen"),
    ("F1", "this list"),
)


class KeysScreen(Screen):
    name = "keys"

    def __init__(self, app: App, back: Screen) -> None:
        super().__init__(app)
        self.back = back

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        line = theme.font("body").get_linesize() + theme.px(6)
        width = min(area.width - 2 * theme.px("margin"), theme.px(620))
        height = theme.px(60) + len(KEYS) * line + theme.px("button_height") + theme.px("gap") * 2
        panel = Panel(pygame.Rect((area.width - width) // 2, (area.height - height) // 2, width, height), "Keys")
        inner = panel.inner(theme)
        done = Button(pygame.Rect(inner.right - theme.px(160), inner.bottom - theme.px("button_height"), theme.px(160), theme.px("button_height")),
                      "Close", Intent("close"), primary=True, key="close", shortcut="Esc")
        self.rows_area = pygame.Rect(inner.left, inner.top, inner.width, len(KEYS) * line)
        return [panel, done]

    def draw_over(self, surface: pygame.Surface) -> None:
        theme = self.theme
        line = theme.font("body").get_linesize() + theme.px(6)
        bold, body = theme.font("body_bold"), theme.font("body")
        split = self.rows_area.left + int(self.rows_area.width * 0.38)
        for i, (keys, meaning) in enumerate(KEYS):
            y = self.rows_area.top + i * line
            text.draw(surface, keys, bold, theme.colour("text"), (self.rows_area.left, y))
            text.draw(surface, text.fit(meaning, body, self.rows_area.right - split), body, theme.colour("text"), (split, y))

    def draw_under(self, surface: pygame.Surface) -> None:
        self.back.draw(surface)
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill(self.theme.colour("overlay"))
        surface.blit(veil, (0, 0))

    def layout(self) -> None:
        self.back.layout()
        super().layout()

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return self.on_intent(Intent("close"))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        if intent.name == "close":
            self.back.layout()
            return self.back
        return None
