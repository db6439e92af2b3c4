"""The title screen: pick a scenario, continue the last game, load, settings, quit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game import paths
from game.i18n import counted_label, t, t_count
from game.scenario.language import localise
from game.seeds import new_seed, read_seed
from game.ui import flow, library, text
from game.ui.intents import (
    Intent,
    LoadGame,
    OpenSettings,
    Quit,
    ResumeLast,
    SelectScenario,
    StartGame,
)
from game.ui.saved_games import SavedGame, describe_save
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Button, ListItem, Panel, TextBlock, TextField
from game.ui.widgets.stat import Stat

if TYPE_CHECKING:
    from game.ui.app import App

def difficulty(level: str) -> str:
    return t(f"difficulty.{level}") if level in ("introductory", "standard", "hard") else level


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
        return self.app.text_lang

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        m, gap = theme.px("margin"), theme.px("gap")
        top = theme.px(110)
        widgets: list[Widget] = []
        list_width = int(area.width * 0.42)
        left = pygame.Rect(m, top, list_width, area.height - top - m)
        right = pygame.Rect(left.right + m, top, area.width - left.right - 2 * m, left.height)
        scenarios = Panel(left, t("title.choose"))
        widgets.append(scenarios)
        inner = scenarios.inner(theme)
        row = theme.px(62)
        lang = self._lang()
        for i, entry in enumerate(self.entries):
            rect = pygame.Rect(inner.left, inner.top + i * (row + gap // 2), inner.width, row)
            if rect.bottom > inner.bottom:
                break
            if entry.scenario is None:
                widgets.append(ListItem(rect, entry.path.name, entry.problem, SelectScenario(i), enabled=False, key=f"scenario:{i}", tooltip=entry.problem))
                continue
            meta = entry.scenario.meta
            subtitle = t("title.entry", difficulty=difficulty(meta.difficulty), turns=meta.turns,
                         label=counted_label(localise(meta.turn_label, lang, meta.language).lower(), meta.turns, lang),
                         minutes=meta.estimated_minutes)
            widgets.append(
                ListItem(rect, localise(meta.title, lang, meta.language), subtitle, SelectScenario(i), selected=i == self.selected,
                         key=f"scenario:{i}", badge="" if entry.builtin else t("title.own"))
            )
        if not self.entries:
            widgets.append(TextBlock(inner, t("title.none"), colour="text_muted"))
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
        last = self._last_game()
        last_text = t("title.last_game", title=last.title, where=last.where, saved=last.saved) if last is not None else ""
        small = theme.font("small")
        last_lines = min(2, len(text.wrap(last_text, small, rect.width))) if last is not None else 0
        last_h = last_lines * round(small.get_linesize() * 1.15)
        text_bottom = seed_top - (last_h + gap if last is not None else 0)
        if entry is not None and entry.scenario is not None:
            lang = self._lang()
            meta = entry.scenario.meta
            heading = theme.font("heading")
            title = localise(meta.title, lang, meta.language)
            title_h = heading.get_linesize() * min(2, max(1, len(text.wrap(title, heading, rect.width))))
            widgets.append(TextBlock(pygame.Rect(rect.left, rect.top, rect.width, title_h), title, role="heading", max_lines=2))
            y = rect.top + title_h + gap
            stat_h = theme.px(48)
            facts = [
                ("turns", t("title.turns"), f"{meta.turns}", t_count("title.turns.tip", meta.turns, turns=meta.turns, label=localise(meta.turn_label, lang, meta.language).lower())),
                ("time", t("title.playing_time"), t("title.minutes", minutes=meta.estimated_minutes), t("title.playing_time.tip")),
                ("difficulty", t("title.difficulty"), difficulty(meta.difficulty), t("title.difficulty.tip")),
                ("leadership", t("title.leadership"), t("title.leadership.value", points=meta.leadership_time), t("title.leadership.tip")),
            ]
            width = (rect.width - 3 * gap) // 4
            for i, (name, label, value, tip) in enumerate(facts):
                widgets.append(Stat(pygame.Rect(rect.left + i * (width + gap), y, width, stat_h), label, value, tip, key=f"fact:{name}"))
            y += stat_h + gap
            summary_rect = pygame.Rect(rect.left, y, rect.width, text_bottom - y - gap)
            summary = localise(meta.summary, lang, meta.language)
            # Whole in the body face when it fits, else in the small face (a projector's scale leaves less room).
            role = "body" if text.wrapped_height(summary, theme.font("body"), rect.width) <= summary_rect.height else "small"
            widgets.append(TextBlock(summary_rect, summary, role=role))
        if last is not None:
            widgets.append(TextBlock(pygame.Rect(rect.left, text_bottom, rect.width, last_h), last_text, role="small",
                                     colour="text_muted", max_lines=2, key="last_game"))
        half = (rect.width - gap) // 2
        label_w = theme.font("body_bold").size(t("title.seed"))[0] + theme.px(12)
        widgets.append(TextBlock(pygame.Rect(rect.left, seed_top + (button_h - theme.font("body_bold").get_linesize()) // 2, label_w, button_h), t("title.seed"), role="body_bold",
                                 tooltip=t("title.seed.tip"), key="seed_label"))
        widgets.append(TextField(pygame.Rect(rect.left + label_w, seed_top, rect.width - label_w, button_h), self.seed_text, lambda _typed: StartGame(),
                                 label=t("title.seed.blank"), key="seed", limit=19))
        start_enabled = entry is not None and entry.scenario is not None
        widgets.append(Button(pygame.Rect(rect.left, buttons_top, half, button_h), t("title.start"), StartGame(), primary=True, enabled=start_enabled, key="start", shortcut="Enter" if start_enabled else ""))
        has_autosave = last is not None
        continue_tip = t("title.continue.tip", title=last.title, detail=last.detail) if last is not None else t("title.continue.none")
        widgets.append(Button(pygame.Rect(rect.left + half + gap, buttons_top, half, button_h), t("title.continue"), ResumeLast(), enabled=has_autosave, key="continue",
                              tooltip=continue_tip))
        third = (rect.width - 2 * gap) // 3
        y = buttons_top + button_h + gap
        widgets.append(Button(pygame.Rect(rect.left, y, third, button_h), t("title.load"), LoadGame(), key="load"))
        widgets.append(Button(pygame.Rect(rect.left + third + gap, y, third, button_h), t("title.settings"), OpenSettings(), key="settings"))
        widgets.append(Button(pygame.Rect(rect.left + 2 * (third + gap), y, third, button_h), t("title.quit"), Quit(), key="quit", shortcut="Esc"))
        return widgets

    def _last_game(self) -> SavedGame | None:
        """The game the autosave holds, named for the Continue button; None when there is none to load."""
        if not flow.autosave_exists():
            return None
        saved = describe_save(paths.autosave_path(create=False), [e.scenario for e in self.entries if e.scenario is not None])
        return saved if saved.loadable else None

    def initial_focus(self) -> Widget | None:
        for widget in self.group.focusables():
            if widget.key == f"scenario:{self.selected}":
                return widget
        return super().initial_focus()

    def draw_under(self, surface: pygame.Surface) -> None:
        theme = self.theme
        m = theme.px("margin")
        title = theme.font("title")
        text.draw(surface, t("app.title"), title, theme.colour("text"), (m, theme.px(22)))
        text.draw(surface, t("title.tagline"), theme.font("body"), theme.colour("text_muted"), (m, theme.px(22) + title.get_linesize()))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            if self.group.focused is not None and self.group.focused.takes_text:
                self.group.focus_key(f"scenario:{self.selected}")  # leave the seed box first
                return None
            self.app.close()
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case SelectScenario(index) if index == self.selected:
                return self._start()
            case SelectScenario(index):
                self.selected = index
                self.layout()
            case StartGame():
                return self._start()
            case ResumeLast():
                return flow.resume_autosave(self.app)
            case LoadGame():
                return self.app.open("saves", back=self)
            case OpenSettings():
                return self.app.open("settings", back=self)
            case Quit():
                self.app.close()
        return None

    def _start(self) -> Screen | None:
        if not self.entries:
            return None
        entry = self.entries[self.selected]
        if entry.scenario is None:
            self.app.notify(entry.problem)
            return None
        field = next((w for w in self.group.widgets if isinstance(w, TextField)), None)
        typed = (field.value if field is not None else self.seed_text).strip()
        if typed:
            found = read_seed(typed)
            if found is None:
                self.app.notify(t("title.bad_seed", typed=typed))
                return None
            seed = found
        else:
            seed = new_seed()
        return self.app.open("briefing", entry.scenario, entry.path, seed)

    def layout(self) -> None:
        field = next((w for w in self.group.widgets if isinstance(w, TextField)), None)
        if field is not None:
            self.seed_text = field.value
        super().layout()

    def autoplay_step(self) -> Screen | None:
        return self._start()
