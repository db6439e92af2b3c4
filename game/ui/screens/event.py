"""An event: the story, and two or three choices (number keys, arrows and Enter, or the mouse)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import text
from game.ui.forecasting import STANCE_EXPLAINED
from game.ui.play import IllegalMove, Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets.base import Intent, Widget
from game.ui.widgets.controls import ListItem, Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.app import App

STANCE_TAG = {"partner": "partner", "push": "push", "neutral": ""}


class EventScreen(Screen):
    name = "event"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play
        self.event = play.pending_event()

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        event = self.event
        if event is None:
            return []
        m, gap = theme.px("margin"), theme.px("gap")
        width = min(area.width - 2 * m, theme.px(820))
        body_font = theme.font("body")
        story_h = text.wrapped_height(event.text, body_font, width - 2 * theme.px("padding"))
        # A choice row fits its text: one line for most, two for a long choice.
        bold = theme.font("body_bold")
        text_w = width - 4 * theme.px("padding") - theme.px(70)
        choice_h = max(
            (min(2, len(text.wrap(f"{i + 1}. {c.text}", bold, text_w))) * bold.get_linesize() + 2 * theme.px("padding") for i, c in enumerate(event.choices)),
            default=theme.px(44),
        )
        heading_h = theme.font("heading").get_linesize()
        height = min(
            area.height - 2 * m,
            theme.px(56) + heading_h + story_h + gap + len(event.choices) * (choice_h + gap) + 2 * theme.px("padding"),
        )
        panel = Panel(pygame.Rect((area.width - width) // 2, (area.height - height) // 2, width, height), "")
        widgets: list[Widget] = [panel]
        inner = panel.inner(theme)
        widgets.append(TextBlock(pygame.Rect(inner.left, inner.top + theme.px(22), inner.width, heading_h), event.title, role="heading", max_lines=1))
        y = inner.top + theme.px(22) + heading_h + gap
        choices_top = inner.bottom - len(event.choices) * (choice_h + gap) + gap
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, choices_top - y - gap), event.text))
        for i, choice in enumerate(event.choices):
            rect = pygame.Rect(inner.left, choices_top + i * (choice_h + gap), inner.width, choice_h)
            tag = STANCE_TAG.get(choice.stance, "")
            tip = f"Choice {i + 1}: {choice.text}\n{STANCE_EXPLAINED.get(choice.stance, '')}"
            widgets.append(ListItem(rect, f"{i + 1}. {choice.text}", "", Intent("choose", i), key=f"choice:{i}", tooltip=tip, badge=tag))
        return widgets

    def draw_under(self, surface: pygame.Surface) -> None:
        view = self.play.view()
        self.header(surface, view.date_label, "Something has happened")

    def draw_over(self, surface: pygame.Surface) -> None:
        theme = self.theme
        if self.event is not None:
            small = theme.font("small_bold")
            panel = next((w for w in self.group.widgets if isinstance(w, Panel)), None)
            if panel is not None:
                pad = theme.px("padding")
                text.draw(surface, f"EVENT · choose with 1–{len(self.event.choices)}, or the arrows and Enter", small, theme.colour("text_muted"),
                          (panel.rect.left + pad, panel.rect.top + pad))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if self.event is None:
            return None
        if pygame.K_1 <= event.key <= pygame.K_9:
            index = event.key - pygame.K_1
            if index < len(self.event.choices):
                return self.on_intent(Intent("choose", index))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        if intent.name == "choose" and isinstance(intent.value, int):
            try:
                self.play.choose(intent.value)
            except IllegalMove as exc:
                self.app.notify(str(exc))
                return None
            return self.next_screen()
        return None

    def next_screen(self) -> Screen:
        if self.play.pending_event() is not None and not self.play.session.is_over:
            return EventScreen(self.app, self.play)
        from game.ui.screens.summary import SummaryScreen

        return SummaryScreen(self.app, self.play)

    def enter(self) -> None:
        super().enter()
        if self.event is None:
            self.autoplay_done = True

    def update(self) -> Screen | None:
        if self.event is None:
            return self.next_screen()
        return super().update()

    def autoplay_step(self) -> Screen | None:
        from game.ui import autoplay

        return self.on_intent(Intent("choose", autoplay.choice(self.play, self.app.autoplay or "balanced")))
