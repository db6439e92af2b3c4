"""Workshop screens: the discussion pause (released by the facilitator's word) and the trust prediction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.ui import layout, text
from game.ui.intents import CarryOn, Guess, Intent, Release
from game.ui.play import Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Button, ListItem, Panel, TextBlock, TextField

if TYPE_CHECKING:
    from game.ui.app import App
    from game.workshop.files import Direction
    from game.workshop.seat import TeamSeat

GUESSES: tuple[Direction, ...] = ("up", "same", "down")


def _seat(play: Playthrough) -> TeamSeat:
    assert play.seat is not None, "workshop screens need a team seat"
    return play.seat


class PauseScreen(Screen):
    """Every team stops here after the set turn until the facilitator gives the word."""

    name = "pause"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play
        self.word = ""
        self.wrong = False

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        seat = _seat(self.play)
        pause = seat.pending_pause()
        prompt = pause.prompt if pause is not None else ""
        gap = theme.px("gap")
        width = min(area.width - 2 * theme.px("margin"), theme.px(760))
        body = theme.font("body")
        prompt_h = text.wrapped_height(prompt, theme.font("heading"), width - 2 * theme.px("padding"))
        height = theme.px(150) + prompt_h + 2 * theme.px("button_height")
        panel = Panel(layout.centred(area, width, height), t("workshop.pause", team=seat.team))
        heading, said, answer = layout.column(panel.inner(theme), [prompt_h, 2 * body.get_linesize(), theme.px("button_height")], gap)
        field, button = layout.row(answer, [layout.Share(), theme.px(180)], gap)
        note = t("workshop.pause.wrong") if self.wrong else t("workshop.pause.note")
        return [
            panel,
            TextBlock(heading, prompt, role="heading"),
            TextBlock(said, note, colour="bad" if self.wrong else "text_muted"),
            TextField(field, self.word, Release, label=t("workshop.pause.field"), key="word"),
            Button(button, t("workshop.pause.carry_on"), CarryOn(), primary=True, key="carry_on", shortcut="Enter"),
        ]

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key == "word"), None)

    def draw_under(self, surface: pygame.Surface) -> None:
        view = self.play.view()
        self.header(surface, view.date_label, self.play.session.title)

    def layout(self) -> None:
        field = next((w for w in self.group.widgets if isinstance(w, TextField)), None)
        if field is not None:
            self.word = field.value
        super().layout()

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case CarryOn():
                field = next((w for w in self.group.widgets if isinstance(w, TextField)), None)
                return self.release(field.value if field is not None else "")
            case Release(word):
                return self.release(word)
        return None

    def release(self, word: str) -> Screen | None:
        """On to the next turn when ``word`` is the facilitator's; else say so and empty the box."""
        if _seat(self.play).release(word):
            from game.ui import flow

            return flow.screen_for(self.app, self.play)
        self.wrong = True
        for widget in self.group.widgets:
            if isinstance(widget, TextField):
                widget.value = ""
        self.layout()
        self.group.focus_key("word")
        return None


class PredictScreen(Screen):
    """Before the turn, the team commits to a guess about one stakeholder's trust."""

    name = "predict"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        seat = _seat(self.play)
        who = self.play.session.names.stakeholders.get(seat.predict_stakeholder, seat.predict_stakeholder)
        gap = theme.px("gap")
        row = theme.px(52)
        width = min(area.width - 2 * theme.px("margin"), theme.px(640))
        height = theme.px(130) + len(GUESSES) * (row + gap)
        panel = Panel(layout.centred(area, width, height), t("workshop.predict"))
        asked, answers = layout.column(panel.inner(theme), [theme.px(56), layout.Share()], theme.px(4))
        widgets: list[Widget] = [panel, TextBlock(asked, t("workshop.predict.question", who=who))]
        for i, (guess, rect) in enumerate(zip(GUESSES, layout.column(answers, [row] * len(GUESSES), gap), strict=True)):
            widgets.append(ListItem(rect, f"{i + 1}. {t(f'workshop.guess.{guess}')}", "", Guess(guess), key=f"guess:{guess}"))
        return widgets

    def draw_under(self, surface: pygame.Surface) -> None:
        view = self.play.view()
        self.header(surface, view.date_label, t("workshop.header", team=_seat(self.play).team))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if pygame.K_1 <= event.key <= pygame.K_3:
            return self.on_intent(Guess(GUESSES[event.key - pygame.K_1]))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case Guess(direction):
                _seat(self.play).predict(direction)
                from game.ui import flow

                return flow.screen_for(self.app, self.play)
        return None

    def autoplay_step(self) -> Screen | None:
        return self.on_intent(Guess("same"))
