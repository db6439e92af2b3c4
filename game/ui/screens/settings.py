"""Settings: UI scale for projectors, forecasts shown or hidden, full screen, autoplay pace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import settings as settings_store
from game.ui.screens.base import Screen
from game.ui.widgets.base import Intent, Widget
from game.ui.widgets.controls import Button, ListItem, Panel

if TYPE_CHECKING:
    from game.ui.app import App


class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, app: App, back: Screen) -> None:
        super().__init__(app)
        self.back = back

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        s = self.app.settings
        gap = theme.px("gap")
        row = theme.px(58)
        width = min(area.width - 2 * theme.px("margin"), theme.px(560))
        items = [
            ("scale", f"Text and controls size: {s.scale * 100:.0f}%", "Enter or click to cycle 75% to 200%. Larger suits a projector; the window size counts too."),
            ("forecasts", f"Risk forecasts: {'shown' if s.show_forecasts else 'hidden'}", "Show the chance of each outcome before you commit. A workshop may hide them so teams judge risk themselves."),
            ("fullscreen", f"Full screen: {'on' if self.app.fullscreen else 'off'}", "F11 does the same at any time."),
            ("pace", f"Autoplay pace: {s.autoplay_pace}", "How long a built-in policy waits between moves with --autoplay: slow, normal or fast."),
        ]
        height = theme.px(60) + (len(items) + 1) * (row + gap)
        panel = Panel(pygame.Rect((area.width - width) // 2, max(theme.px("margin"), (area.height - height) // 2), width, height), "Settings")
        widgets: list[Widget] = [panel]
        inner = panel.inner(theme)
        for i, (name, title, subtitle) in enumerate(items):
            rect = pygame.Rect(inner.left, inner.top + i * (row + gap), inner.width, row)
            widgets.append(ListItem(rect, title, subtitle, Intent(name), key=f"setting:{name}"))
        y = inner.top + len(items) * (row + gap)
        widgets.append(Button(pygame.Rect(inner.right - theme.px(160), y, theme.px(160), theme.px("button_height")), "Done", Intent("done"), primary=True, key="done", shortcut="Esc"))
        return widgets

    def draw_under(self, surface: pygame.Surface) -> None:
        self.header(surface, "Settings", "saved as you change them")

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(Intent("done"))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        s = self.app.settings
        if intent.name == "done":
            self.back.layout()
            return self.back
        if intent.name == "scale":
            scales = settings_store.SCALES
            following = [v for v in scales if v > s.scale + 1e-9]
            s.scale = following[0] if following else scales[0]
            self.app.relayout()
        elif intent.name == "forecasts":
            s.show_forecasts = not s.show_forecasts
        elif intent.name == "fullscreen":
            self.app.toggle_fullscreen()
            s.fullscreen = self.app.fullscreen
        elif intent.name == "pace":
            paces = list(settings_store.AUTOPLAY_PACES)
            s.autoplay_pace = paces[(paces.index(s.autoplay_pace) + 1) % len(paces)] if s.autoplay_pace in paces else "normal"
        else:
            return None
        try:
            settings_store.save(s)
        except OSError as exc:
            self.app.notify(f"Could not save your settings: {exc}")
        self.layout()
        return None
