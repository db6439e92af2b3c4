"""Settings: UI scale for projectors, forecasts shown or hidden, full screen, autoplay pace, motion and sound."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t
from game.ui import layout
from game.ui import settings as settings_store
from game.ui.intents import Back, ChangeSetting, Intent, Setting
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget
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
        # Room for the setting and two lines saying what it does (French runs longer than English).
        row = theme.font("body_bold").get_linesize() + 2 * round(theme.font("small").get_linesize() * 1.15) + 2 * theme.px("padding")
        items: list[tuple[Setting, str, str]] = [
            ("scale", t("settings.scale", value=percent(s.scale)), t("settings.scale.tip")),
            ("forecasts", t("settings.forecasts", value=t("settings.shown") if s.show_forecasts else t("settings.hidden")), t("settings.forecasts.tip")),
            ("fullscreen", t("settings.fullscreen", value=t("settings.on") if self.app.fullscreen else t("settings.off")), t("settings.fullscreen.tip")),
            ("pace", t("settings.pace", value=t(f"settings.pace.{s.autoplay_pace}")), t("settings.pace.tip")),
            ("motion", t("settings.motion", value=t("settings.motion.reduced") if s.reduce_motion else t("settings.motion.full")),
             t("settings.motion.tip")),
            ("volume", t("settings.volume", value=percent(s.volume)) if self.app.sounds.available else t("settings.no_sound"),
             t("settings.volume.tip")),
            ("mute", t("settings.mute", value=t("settings.on") if s.mute else t("settings.off")), t("settings.mute.tip")),
        ]
        # A short window (a projector's scale) sets the settings in two columns rather than cut the list off.
        columns = 1 if theme.px(60) + (len(items) + 1) * (row + gap) <= area.height - 2 * theme.px("margin") else 2
        width = min(area.width - 2 * theme.px("margin"), columns * theme.px(560) + (columns - 1) * gap)
        per_column = -(-len(items) // columns)
        height = theme.px(60) + (per_column + 1) * (row + gap)
        box = layout.centred(area, width, height)
        box.top = max(theme.px("margin"), box.top)
        panel = Panel(box, t("title.settings"))
        widgets: list[Widget] = [panel]
        listed, foot = layout.column(panel.inner(theme), [per_column * (row + gap) - gap, theme.px("button_height")], gap)
        # Down each column, then across: the cells come in reading order, so an item's cell is (its place, its column).
        cells = layout.grid(listed, columns, [row] * per_column, gap)
        for i, (name, title, subtitle) in enumerate(items):
            column_index, place = divmod(i, per_column)
            widgets.append(ListItem(cells[place * columns + column_index], title, subtitle, ChangeSetting(name), key=f"setting:{name}", tooltip=subtitle))
        _, done = layout.row(foot, [layout.Share(), theme.px(160)])
        widgets.append(Button(done, t("common.done"), Back(), primary=True, key="done", shortcut="Esc"))
        return widgets

    def draw_under(self, surface: pygame.Surface) -> None:
        self.header(surface, t("title.settings"), t("settings.saved"))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(Back())
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case Back():
                self.back.layout()
                return self.back
            case ChangeSetting(setting):
                self.change(setting)
        return None

    def change(self, setting: Setting) -> None:
        """Move ``setting`` on one step (the next value, round to the first), and keep it."""
        s = self.app.settings
        match setting:
            case "scale":
                scales = settings_store.SCALES
                following = [v for v in scales if v > s.scale + 1e-9]
                s.scale = following[0] if following else scales[0]
                self.app.relayout()
            case "forecasts":
                s.show_forecasts = not s.show_forecasts
            case "fullscreen":
                self.app.toggle_fullscreen()
                s.fullscreen = self.app.fullscreen
            case "motion":
                s.reduce_motion = not s.reduce_motion
            case "volume":
                louder = [v for v in settings_store.VOLUMES if v > s.volume + 1e-9]
                s.volume = louder[0] if louder else settings_store.VOLUMES[0]
                self.app.sounds.set_volume(s.volume, s.mute)
                self.app.sounds.play("resolved")  # hear the new level
            case "mute":
                s.mute = not s.mute
                self.app.sounds.set_volume(s.volume, s.mute)
            case "pace":
                paces = list(settings_store.AUTOPLAY_PACES)
                s.autoplay_pace = paces[(paces.index(s.autoplay_pace) + 1) % len(paces)] if s.autoplay_pace in paces else "normal"
        try:
            settings_store.save(s)
        except OSError as exc:
            self.app.notify(t("settings.not_saved", error=exc))
        self.layout()
