"""The in-game menu (Esc): resume, save, load, settings, title screen, quit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.ui import layout
from game.ui.intents import Back, Intent, LoadGame, OpenKeys, OpenSettings, Quit, SaveGame, ToTitle
from game.ui.play import Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Button, Panel

if TYPE_CHECKING:
    from game.ui.app import App

# Each entry: its name (its words are menu.NAME and menu.NAME.tip) and what it asks for.
ITEMS: tuple[tuple[str, Intent], ...] = (
    ("resume", Back()), ("save", SaveGame()), ("load", LoadGame()), ("settings", OpenSettings()), ("keys", OpenKeys()),
    ("title", ToTitle()), ("quit", Quit()),
)


class MenuScreen(Screen):
    name = "menu"

    def __init__(self, app: App, play: Playthrough, back: Screen) -> None:
        super().__init__(app)
        self.play = play
        self.back = back

    def layout(self) -> None:
        self.back.layout()  # drawn under the menu, so it follows the window too
        super().layout()

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        gap = theme.px("gap")
        button_h = theme.px("button_height")
        width = theme.px(320)
        height = theme.px(60) + len(ITEMS) * (button_h + gap)
        panel = Panel(layout.centred(area, width, height), t("turn.menu"))
        widgets: list[Widget] = [panel]
        for (name, intent), rect in zip(ITEMS, layout.column(panel.inner(theme), [button_h] * len(ITEMS), gap), strict=True):
            label, tip = t(f"menu.{name}"), t(f"menu.{name}.tip")
            widgets.append(Button(rect, label, intent, primary=name == "resume", key=f"menu:{name}", tooltip=tip))
        return widgets

    def draw_under(self, surface: pygame.Surface) -> None:
        self.back.draw(surface, tooltips=False)
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill(self.theme.colour("overlay"))
        surface.blit(veil, (0, 0))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(Back())
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case Back():
                self.back.layout()
                return self.back
            case SaveGame():
                return self.app.open("saves", back=self, play=self.play)
            case LoadGame():
                return self.app.open("saves", back=self)
            case OpenKeys():
                return self.app.open("keys", back=self)
            case OpenSettings():
                return self.app.open("settings", back=self)
            case ToTitle():
                self.play.autosave()
                self.app.play = None
                return self.app.open("title")
            case Quit():
                self.app.close()
        return None
