"""Save slots: keep the game in a slot, or load any slot or the autosave."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game import paths
from game.i18n import t
from game.session.saves import SaveError
from game.ui import layout, library
from game.ui.intents import Back, ChooseSlot, Intent
from game.ui.play import Playthrough
from game.ui.saved_games import describe_save
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Button, ListItem, Panel

if TYPE_CHECKING:
    from game.ui.app import App

SLOTS = 5


def slot_path(number: int) -> Path:
    return paths.saves_dir(create=False) / f"slot-{number}.json"


class SavesScreen(Screen):
    """With ``play`` the slots save it; without, they load."""

    name = "saves"

    def __init__(self, app: App, back: Screen, play: Playthrough | None = None) -> None:
        super().__init__(app)
        self.back = back
        self.play = play

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        gap = theme.px("gap")
        row = theme.px(56)
        saving = self.play is not None
        entries: list[tuple[str, str, Path]] = [(f"slot{n}", t("saves.slot", number=n), slot_path(n)) for n in range(1, SLOTS + 1)]
        if not saving:
            entries.insert(0, ("autosave", t("saves.autosave"), paths.autosave_path(create=False)))
        width = min(area.width - 2 * theme.px("margin"), theme.px(640))
        height = theme.px(60) + (len(entries) + 1) * (row + gap)
        box = layout.centred(area, width, height)
        box.top = max(theme.px("header_height") + gap, box.top)
        panel = Panel(box, t("saves.save_heading") if saving else t("title.load"))
        widgets: list[Widget] = [panel]
        *rows, foot = layout.column(panel.inner(theme), [row] * len(entries) + [theme.px("button_height")], gap)
        for (name, label, path), rect in zip(entries, rows, strict=True):
            saved = describe_save(path, [e.scenario for e in library.entries() if e.scenario is not None])
            title, detail, loadable = saved.title, saved.detail, saved.loadable
            enabled = saving or loadable
            tip = f"{path}" + (f"\n{detail}" if detail else "")
            widgets.append(ListItem(rect, f"{label}: {title}", detail, ChooseSlot(path), enabled=enabled, key=f"slot:{name}", tooltip=tip))
        _, back = layout.row(foot, [layout.Share(), theme.px(160)])
        widgets.append(Button(back, t("common.back"), Back(), key="back", shortcut="Esc"))
        return widgets

    def draw_under(self, surface: pygame.Surface) -> None:
        self.header(surface, t("saves.header"), str(paths.saves_dir(create=False)))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(Back())
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case Back():
                self.back.layout()
                return self.back
            case ChooseSlot(path) if self.play is not None:
                try:
                    paths.saves_dir()
                    self.play.session.save(path)
                except SaveError as exc:
                    self.app.notify(str(exc))
                    return None
                self.app.notify(t("saves.saved", name=path.name))
                self.back.layout()
                return self.back
            case ChooseSlot(path):
                from game.ui import flow

                return flow.load(self.app, path)
        return None
