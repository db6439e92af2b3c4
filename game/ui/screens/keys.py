"""The keys (F1 on any screen): every action of the game can be done without a mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.ui import layout, text
from game.ui.intents import Back, Intent
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Button, Panel

if TYPE_CHECKING:
    from game.ui.app import App

KEYS = ("tab", "arrows", "enter", "numbers", "pages", "tabs", "end", "events", "debrief", "esc", "f11", "f12", "f1")


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
        panel = Panel(layout.centred(area, width, height), t("menu.keys"))
        self.rows_area, _, foot = layout.column(panel.inner(theme), [len(KEYS) * line, layout.Share(), theme.px("button_height")])
        _, close = layout.row(foot, [layout.Share(), theme.px(160)])
        return [panel, Button(close, t("common.close"), Back(), primary=True, key="close", shortcut="Esc")]

    def draw_over(self, surface: pygame.Surface) -> None:
        theme = self.theme
        line = theme.font("body").get_linesize() + theme.px(6)
        bold, body = theme.font("body_bold"), theme.font("body")
        widest = max(bold.size(t(f"keys.{name}"))[0] for name in KEYS) + theme.px(16)
        split = self.rows_area.left + min(widest, int(self.rows_area.width * 0.45))
        room = self.rows_area.right - split
        for i, name in enumerate(KEYS):
            keys, meaning = t(f"keys.{name}"), t(f"keys.{name}.meaning")
            y = self.rows_area.top + i * line
            text.draw(surface, text.fit(keys, bold, split - self.rows_area.left - theme.px(6)), bold, theme.colour("text"), (self.rows_area.left, y))
            font = body if body.size(meaning)[0] <= room else theme.font("small")  # a long meaning steps down a size rather than lose its end
            text.draw(surface, text.fit(meaning, font, room), font, theme.colour("text"), (split, y + (line - font.get_linesize()) // 2 - theme.px(3)))

    def draw_under(self, surface: pygame.Surface) -> None:
        self.back.draw(surface, tooltips=False)
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill(self.theme.colour("overlay"))
        surface.blit(veil, (0, 0))

    def layout(self) -> None:
        self.back.layout()
        super().layout()

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return self.on_intent(Back())
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case Back():
                self.back.layout()
                return self.back
        return None
