"""The title screen: pick a scenario, continue the last game, load, settings, quit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game import paths
from game.i18n import counted_label, t, t_count
from game.scenario.language import localise
from game.seeds import new_seed, read_seed
from game.ui import flow, layout, library, text
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
        # Under the game's name (drawn in draw_under): the scenarios on the left, the chosen one's details on the right.
        body = layout.inset(area, m, theme.px(110), m, m)
        left, right = layout.row(body, [int(area.width * 0.42), layout.Share()], m)
        scenarios = Panel(left, t("title.choose"))
        widgets: list[Widget] = [scenarios]
        inner = scenarios.inner(theme)
        row, spacing = theme.px(62), gap // 2
        shown = self.entries[: (inner.height + spacing) // (row + spacing)]
        lang = self._lang()
        for i, (entry, rect) in enumerate(zip(shown, layout.column(inner, [row] * len(shown), spacing), strict=True)):
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
        last = self._last_game()
        last_text = t("title.last_game", title=last.title, where=last.where, saved=last.saved) if last is not None else ""
        small = theme.font("small")
        last_h = min(2, len(text.wrap(last_text, small, rect.width))) * round(small.get_linesize() * 1.15) if last is not None else 0
        heading = theme.font("heading")
        title = ""
        if entry is not None and entry.scenario is not None:
            title = localise(entry.scenario.meta.title, self._lang(), entry.scenario.meta.language)
        title_h = heading.get_linesize() * min(2, max(1, len(text.wrap(title, heading, rect.width))))
        # Top down: the scenario's title, its facts and its summary; at the foot the last game, the seed and the buttons.
        foot_sizes = [button_h] * 3 if last is None else [last_h, button_h, button_h, button_h]
        title_rect, facts_row, summary_rect, *foot = layout.column(rect, [title_h, theme.px(48), layout.Share(), *foot_sizes], gap)
        seed_row, first_row, second_row = foot[-3:]
        if entry is not None and entry.scenario is not None:
            lang = self._lang()
            meta = entry.scenario.meta
            widgets.append(TextBlock(title_rect, title, role="heading", max_lines=2))
            facts = [
                ("turns", t("title.turns"), f"{meta.turns}", t_count("title.turns.tip", meta.turns, turns=meta.turns, label=localise(meta.turn_label, lang, meta.language).lower())),
                ("time", t("title.playing_time"), t("title.minutes", minutes=meta.estimated_minutes), t("title.playing_time.tip")),
                ("difficulty", t("title.difficulty"), difficulty(meta.difficulty), t("title.difficulty.tip")),
                ("leadership", t("title.leadership"), t("title.leadership.value", points=meta.leadership_time), t("title.leadership.tip")),
            ]
            for (name, label, value, tip), cell in zip(facts, layout.row(facts_row, [layout.Share()] * len(facts), gap), strict=True):
                widgets.append(Stat(cell, label, value, tip, key=f"fact:{name}"))
            summary = localise(meta.summary, lang, meta.language)
            # Whole in the body face when it fits, else in the small face (a projector's scale leaves less room).
            role = "body" if text.wrapped_height(summary, theme.font("body"), rect.width) <= summary_rect.height else "small"
            widgets.append(TextBlock(summary_rect, summary, role=role))
        if last is not None:
            widgets.append(TextBlock(foot[0], last_text, role="small", colour="text_muted", max_lines=2, key="last_game"))
        label_w = theme.font("body_bold").size(t("title.seed"))[0] + theme.px(12)
        seed_label, seed_field = layout.row(seed_row, [label_w, layout.Share()])
        seed_label.top += (button_h - theme.font("body_bold").get_linesize()) // 2  # level with the text in the box
        widgets.append(TextBlock(seed_label, t("title.seed"), role="body_bold", tooltip=t("title.seed.tip"), key="seed_label"))
        widgets.append(TextField(seed_field, self.seed_text, lambda _typed: StartGame(), label=t("title.seed.blank"), key="seed", limit=19))
        start_enabled = entry is not None and entry.scenario is not None
        start, resume = layout.row(first_row, [layout.Share(), layout.Share()], gap)
        widgets.append(Button(start, t("title.start"), StartGame(), primary=True, enabled=start_enabled, key="start", shortcut="Enter" if start_enabled else ""))
        continue_tip = t("title.continue.tip", title=last.title, detail=last.detail) if last is not None else t("title.continue.none")
        widgets.append(Button(resume, t("title.continue"), ResumeLast(), enabled=last is not None, key="continue", tooltip=continue_tip))
        load, settings, leave = layout.row(second_row, [layout.Share()] * 3, gap)
        widgets.append(Button(load, t("title.load"), LoadGame(), key="load"))
        widgets.append(Button(settings, t("title.settings"), OpenSettings(), key="settings"))
        widgets.append(Button(leave, t("title.quit"), Quit(), key="quit", shortcut="Esc"))
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
