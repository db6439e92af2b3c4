"""An event: the story, and two or three choices (number keys, arrows and Enter, or the mouse).

Each choice shows its risk forecast (rollouts from the state after that
answer) unless the settings or the workshop hide forecasts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.ui import forecasting, text
from game.ui.forecasting import RiskSummary, stance_explained
from game.ui.play import IllegalMove, Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets.base import Intent, Widget
from game.ui.widgets.cards import CardSpec, Line, painter
from game.ui.widgets.controls import ListItem, Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.app import App


def stance_tag(stance: str) -> str:
    return t(f"stance.{stance}.tag") if stance in ("partner", "push") else ""


class EventScreen(Screen):
    name = "event"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play
        self.event = play.pending_event()
        self._forecasts: dict[int, RiskSummary | None] = {}

    def forecast_of(self, index: int) -> RiskSummary | None:
        """The choice's forecast (computed once per screen), or None when forecasts are hidden."""
        if not forecasting.shown(self.app, self.play):
            return None
        if index not in self._forecasts:
            self._forecasts[index] = self.play.choice_forecast(index)
        return self._forecasts[index]

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        event = self.event
        if event is None:
            return []
        m, gap = theme.px("margin"), theme.px("gap")
        width = min(area.width - 2 * m, theme.px(860))
        body_font = theme.font("body")
        story_h = text.wrapped_height(event.text, body_font, width - 2 * theme.px("padding"))
        shown = forecasting.shown(self.app, self.play)
        hidden = "" if shown else forecasting.hidden_words(self.play)
        # A choice row fits its text (one line for most, two for a long choice), plus its forecast line.
        bold, small = theme.font("body_bold"), theme.font("small")
        pad = theme.px("padding")
        badge_w = max((theme.font("small_bold").size(stance_tag(c.stance))[0] for c in event.choices), default=0)
        text_w = width - 4 * pad - (badge_w + pad if badge_w else 0)  # as ListItem lays out its title beside the badge
        title_lines = max((min(2, len(text.wrap(f"{i + 1}. {c.text}", bold, text_w))) for i, c in enumerate(event.choices)), default=1)
        choice_h = title_lines * bold.get_linesize() + 2 * theme.px("padding") + (small.get_linesize() + theme.px(2) if shown else 0)
        heading_h = theme.font("heading").get_linesize()
        note_h = small.get_linesize() + gap if hidden else 0
        below_header = theme.px("header_height") + gap  # a tall event on a short canvas (a projector's scale) stays under the header
        height = min(
            area.height - below_header - m,
            theme.px(56) + heading_h + story_h + gap + len(event.choices) * (choice_h + gap) + note_h + 2 * theme.px("padding"),
        )
        panel = Panel(pygame.Rect((area.width - width) // 2, max(below_header, (area.height - height) // 2), width, height), "")
        widgets: list[Widget] = [panel]
        inner = panel.inner(theme)
        widgets.append(TextBlock(pygame.Rect(inner.left, inner.top + theme.px(22), inner.width, heading_h), event.title, role="heading", max_lines=1))
        y = inner.top + theme.px(22) + heading_h + gap
        choices_top = inner.bottom - len(event.choices) * (choice_h + gap) + gap - note_h
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, choices_top - y - gap), event.text))
        for i, choice in enumerate(event.choices):
            rect = pygame.Rect(inner.left, choices_top + i * (choice_h + gap), inner.width, choice_h)
            summary = self.forecast_of(i)
            line = t("event.choice_forecast", line=summary.line()) if summary is not None else ""
            lines = [Line(t("event.choice_tip", number=i + 1, text=choice.text), "body_bold"), Line(stance_explained(choice.stance))]
            lines.extend(forecasting.choice_lines(summary, hidden))
            widgets.append(ListItem(rect, f"{i + 1}. {choice.text}", line, Intent("choose", i), key=f"choice:{i}",
                                    tooltip=painter(CardSpec(lines)), badge=stance_tag(choice.stance)))
        if hidden:
            widgets.append(TextBlock(pygame.Rect(inner.left, inner.bottom - small.get_linesize(), inner.width, small.get_linesize()), hidden,
                                     role="small", colour="text_muted", max_lines=1))
        return widgets

    def draw_under(self, surface: pygame.Surface) -> None:
        view = self.play.view()
        self.header(surface, view.date_label, t("event.header"))

    def draw_over(self, surface: pygame.Surface) -> None:
        theme = self.theme
        if self.event is not None:
            small = theme.font("small_bold")
            panel = next((w for w in self.group.widgets if isinstance(w, Panel)), None)
            if panel is not None:
                pad = theme.px("padding")
                words = text.fit(t("event.keys", last=len(self.event.choices)), small, panel.rect.width - 2 * pad)
                text.draw(surface, words, small, theme.colour("text_muted"), (panel.rect.left + pad, panel.rect.top + pad))

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
        return self.app.open("summary", self.play)

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
