"""The title screen: pick a scenario, continue the last game, load, settings, quit."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.session.views import localise
from game.ui import flow, library, text
from game.ui.screens.base import Screen
from game.ui.widgets.base import Intent, Widget
from game.ui.widgets.controls import Button, ListItem, Panel, Stat, TextBlock, TextField

if TYPE_CHECKING:
    from game.ui.app import App

DIFFICULTY = {"introductory": "Introductory", "standard": "Standard", "hard": "Hard"}


def new_seed() -> int:
    return secrets.randbelow(2**63)


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.entries = library.entries()
        playable = [i for i, e in enumerate(self.entries) if e.scenario is not None]
        self.selected = playable[0] if playable else 0
        seed = getattr(app.args, "seed", None)
        self.seed_text = str(seed) if seed is not None else ""

    def _lang(self) -> str | None:
        lang = getattr(self.app.args, "lang", None)
        return lang if isinstance(lang, str) else None

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        m, gap = theme.px("margin"), theme.px("gap")
        top = theme.px(110)
        widgets: list[Widget] = []
        list_width = int(area.width * 0.42)
        left = pygame.Rect(m, top, list_width, area.height - top - m)
        right = pygame.Rect(left.right + m, top, area.width - left.right - 2 * m, left.height)
        scenarios = Panel(left, "Choose a scenario")
        widgets.append(scenarios)
        inner = scenarios.inner(theme)
        row = theme.px(62)
        lang = self._lang()
        for i, entry in enumerate(self.entries):
            rect = pygame.Rect(inner.left, inner.top + i * (row + gap // 2), inner.width, row)
            if rect.bottom > inner.bottom:
                break
            if entry.scenario is None:
                widgets.append(ListItem(rect, entry.path.name, entry.problem, Intent("select", i), enabled=False, key=f"scenario:{i}", tooltip=entry.problem))
                continue
            meta = entry.scenario.meta
            subtitle = (
                f"{DIFFICULTY[meta.difficulty]} · {meta.turns} × {localise(meta.turn_label, lang, meta.language).lower()}s"
                f" · about {meta.estimated_minutes} min"
            )
            widgets.append(
                ListItem(rect, localise(meta.title, lang, meta.language), subtitle, Intent("select", i), selected=i == self.selected,
                         key=f"scenario:{i}", badge="" if entry.builtin else "your own")
            )
        if not self.entries:
            widgets.append(TextBlock(inner, "No scenarios found. Put scenario files (.yaml) in the scenarios folder, or write one with `shove new`.", colour="text_muted"))
        panel = Panel(right, "")
        widgets.append(panel)
        widgets.extend(self._details(panel.inner(theme)))
        return widgets

    def _details(self, rect: pygame.Rect) -> list[Widget]:
        theme = self.theme
        gap = theme.px("gap")
        widgets: list[Widget] = []
        entry = self.entries[self.selected] if self.entries else None
        button_h = theme.px("button_height")
        buttons_top = rect.bottom - 2 * button_h - gap
        seed_top = buttons_top - button_h - gap
        if entry is not None and entry.scenario is not None:
            lang = self._lang()
            meta = entry.scenario.meta
            heading = theme.font("heading")
            widgets.append(TextBlock(pygame.Rect(rect.left, rect.top, rect.width, heading.get_linesize() * 2), localise(meta.title, lang, meta.language), role="heading", max_lines=2))
            y = rect.top + heading.get_linesize() * 2 + gap
            stat_h = theme.px(48)
            facts = [
                ("Turns", f"{meta.turns}", f"The game lasts {meta.turns} turns; each is one {localise(meta.turn_label, lang, meta.language).lower()}."),
                ("Playing time", f"{meta.estimated_minutes} min", "About how long a game takes, reading included."),
                ("Difficulty", DIFFICULTY[meta.difficulty], "Introductory scenarios teach one idea at a time; hard ones punish haste."),
                ("Leadership time", f"{meta.leadership_time} a turn", "How many points of your time you can spend on actions each turn."),
            ]
            width = (rect.width - 3 * gap) // 4
            for i, (label, value, tip) in enumerate(facts):
                widgets.append(Stat(pygame.Rect(rect.left + i * (width + gap), y, width, stat_h), label, value, tip, key=f"fact:{label}"))
            y += stat_h + gap
            summary_rect = pygame.Rect(rect.left, y, rect.width, seed_top - y - gap)
            widgets.append(TextBlock(summary_rect, localise(meta.summary, lang, meta.language)))
        half = (rect.width - gap) // 2
        label_w = theme.font("body_bold").size("Luck (seed)")[0] + theme.px(12)
        widgets.append(TextBlock(pygame.Rect(rect.left, seed_top + (button_h - theme.font("body_bold").get_linesize()) // 2, label_w, button_h), "Luck (seed)", role="body_bold",
                                 tooltip="The same seed gives the same luck: give every team one number to compare their decisions fairly. Leave it blank for new luck.", key="seed_label"))
        widgets.append(TextField(pygame.Rect(rect.left + label_w, seed_top, rect.width - label_w, button_h), self.seed_text, Intent("start"),
                                 label="blank: new luck each game", key="seed", limit=19))
        start_enabled = entry is not None and entry.scenario is not None
        widgets.append(Button(pygame.Rect(rect.left, buttons_top, half, button_h), "Start this scenario", Intent("start"), primary=True, enabled=start_enabled, key="start", shortcut="Enter" if start_enabled else ""))
        has_autosave = flow.autosave_exists()
        if has_autosave:
            from game import paths
            from game.ui.screens.saves import describe_save

            title, detail, _ = describe_save(paths.autosave_path(create=False))
            continue_tip = f"Resume exactly where you left off: {title}, {detail}."
        else:
            continue_tip = "There is no autosave yet: it is written after every turn."
        widgets.append(Button(pygame.Rect(rect.left + half + gap, buttons_top, half, button_h), "Continue last game", Intent("continue"), enabled=has_autosave, key="continue",
                              tooltip=continue_tip))
        third = (rect.width - 2 * gap) // 3
        y = buttons_top + button_h + gap
        widgets.append(Button(pygame.Rect(rect.left, y, third, button_h), "Load a game", Intent("load"), key="load"))
        widgets.append(Button(pygame.Rect(rect.left + third + gap, y, third, button_h), "Settings", Intent("settings"), key="settings"))
        widgets.append(Button(pygame.Rect(rect.left + 2 * (third + gap), y, third, button_h), "Quit", Intent("quit"), key="quit", shortcut="Esc"))
        return widgets

    def initial_focus(self) -> Widget | None:
        for widget in self.group.focusables():
            if widget.key == f"scenario:{self.selected}":
                return widget
        return super().initial_focus()

    def draw_under(self, surface: pygame.Surface) -> None:
        theme = self.theme
        m = theme.px("margin")
        title = theme.font("title")
        text.draw(surface, "Push Comes to Shove", title, theme.colour("text"), (m, theme.px(22)))
        text.draw(surface, "Lead change across a health system you do not control: partner, or push?", theme.font("body"), theme.colour("text_muted"), (m, theme.px(22) + title.get_linesize()))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            if self.group.focused is not None and self.group.focused.takes_text:
                self.group.focus_key(f"scenario:{self.selected}")  # leave the seed box first
                return None
            self.app.close()
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        if intent.name == "select" and isinstance(intent.value, int):
            if self.selected == intent.value:
                return self.on_intent(Intent("start"))
            self.selected = intent.value
            self.layout()
            return None
        if intent.name == "start":
            return self._start()
        if intent.name == "continue":
            return flow.resume_autosave(self.app)
        if intent.name == "load":
            from game.ui.screens.saves import SavesScreen

            return SavesScreen(self.app, back=self)
        if intent.name == "settings":
            from game.ui.screens.settings import SettingsScreen

            return SettingsScreen(self.app, back=self)
        if intent.name == "quit":
            self.app.close()
        return None

    def _start(self) -> Screen | None:
        if not self.entries:
            return None
        entry = self.entries[self.selected]
        if entry.scenario is None:
            self.app.notify(entry.problem)
            return None
        from game.ui.screens.briefing import BriefingScreen

        field = next((w for w in self.group.widgets if isinstance(w, TextField)), None)
        typed = (field.value if field is not None else self.seed_text).strip()
        if typed:
            if not typed.isdigit() or int(typed) >= 2**63:
                self.app.notify(f"“{typed}” is not a seed: use a whole number from 0 to 9223372036854775807, or leave it blank.")
                return None
            seed = int(typed)
        else:
            seed = new_seed()
        return BriefingScreen(self.app, entry.scenario, entry.path, seed)

    def layout(self) -> None:
        field = next((w for w in self.group.widgets if isinstance(w, TextField)), None)
        if field is not None:
            self.seed_text = field.value
        super().layout()

    def autoplay_step(self) -> Screen | None:
        return self._start()
