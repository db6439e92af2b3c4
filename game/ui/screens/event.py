"""An event: the story, and two or three choices (number keys, arrows and Enter, or the mouse).

The event opens over the turn screen, dimmed, with the stakeholders it
touches lit on the map and the portrait of the one it concerns most. Each
choice shows its risk forecast (rollouts from the state after that answer),
worked out off the frame loop, as a difference against the other answer (the
best other, of three), unless the settings or the workshop hide forecasts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

import pygame

from game.i18n import percent, t
from game.session.amounts import signed_points
from game.session.reactions import event_speaker, event_touches
from game.ui import forecasting, layout, map_faces, portraits, text
from game.ui.event_forecasts import ChoiceForecastJob
from game.ui.forecasting import RiskSummary, stance_explained
from game.ui.intents import ChooseAnswer, Intent, PageStep
from game.ui.play import FORECAST_ROLLOUTS, IllegalMove, Playthrough
from game.ui.screens import event_panel
from game.ui.screens.base import Screen
from game.ui.widgets import pager
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.cards import CardSpec, Line, painter
from game.ui.widgets.controls import Button, ListItem, Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.turn import TurnScreen


FORECAST_POLL_MS = 50  # how often to look whether the answers' forecasts are ready


def stance_tag(stance: str) -> str:
    return t(f"stance.{stance}.tag") if stance in ("partner", "push") else ""


class EventScreen(Screen):
    name = "event"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play
        self.event = play.pending_event()
        self.touched: list[str] = event_touches(play.scenario, self.event.id) if self.event else []
        self.speaker = event_speaker(play.scenario, self.event.id) if self.event else None
        self.backdrop: TurnScreen | None = None  # the turn screen, dimmed under the event
        self.forecast_job: ChoiceForecastJob | None = None
        self._job_seen = False
        self.list_page = 0  # the page of the panel shown, when its text takes more than one
        self.pages = 1
        self.head_rect: pygame.Rect | None = None  # where the title and the speaker's face are, on the page that shows them

    # -- forecasts, worked out off the frame loop -------------------------------------

    def start_forecasts(self) -> None:
        if self.event is not None and self.forecast_job is None and forecasting.shown(self.app, self.play):
            self.forecast_job = ChoiceForecastJob(self.play.session, len(self.event.choices), FORECAST_ROLLOUTS)

    def forecast_of(self, index: int) -> RiskSummary | None:
        """The choice's forecast once worked out (pending before), or None when forecasts are hidden."""
        if not forecasting.shown(self.app, self.play):
            return None
        if self.forecast_job is not None and not self.forecast_job.done:
            return RiskSummary({}, (), 0.0, 0.0, pending=True)
        return self.play.choice_forecast(index)

    def choice_line(self, index: int) -> str:
        """A choice's forecast, with its chance of success against the other answer's (the best other's)."""
        summary = self.forecast_of(index)
        if summary is None:
            return ""
        if summary.pending or self.event is None:
            return t("forecast.pending")
        others = [self.forecast_of(j) for j in range(len(self.event.choices)) if j != index]
        best = max((o.chances["success"] for o in others if o is not None and not o.pending), default=None)
        if best is None:
            return t("event.choice_forecast", line=summary.line())
        return self.versus_line(summary.chances["success"], summary.chances["success"] - best, summary.chances["failure"])

    def versus_line(self, success: float, diff: float, failure: float) -> str:
        assert self.event is not None
        key = "event.versus_other" if len(self.event.choices) == 2 else "event.versus_best"
        return t(key, success=percent(success), diff=signed_points(diff), failure=percent(failure))

    # -- layout ---------------------------------------------------------------------------

    def layout(self) -> None:
        if self.backdrop is None:
            # The turn just played stays in view, dimmed; it is drawn only, never entered.
            self.backdrop = cast("TurnScreen", self.app.open("turn", self.play))
        self.backdrop.layout()
        super().layout()

    def lit_halos(self) -> list[pygame.Rect]:
        """Where the stakeholders the event touches are lit on the map: each node with its name, and a rim."""
        theme = self.theme
        nodes = self.backdrop.nodes if self.backdrop is not None else {}
        return [nodes[sid].label_rect(theme).union(nodes[sid].rect).inflate(theme.px(10), theme.px(8)) for sid in self.touched if sid in nodes]

    def map_rect(self) -> pygame.Rect | None:
        """The map's panel under the event (None when the turn screen shows its numbers instead)."""
        backdrop = self.backdrop
        return backdrop.map_panel.rect if backdrop is not None and backdrop.map_panel is not None else None

    def words(self) -> event_panel.PanelWords:
        """Every text the panel shows, with the line of keys for each page it might take."""
        event = self.event
        assert event is not None
        who = next((s for s in self.play.view().stakeholders if s.id == self.speaker), None)
        speaker = t("event.speaker", name=who.name, mood=t(f"mood.{map_faces.view_mood(who)}")) if who is not None else ""
        choices = []
        for i, choice in enumerate(event.choices):
            line = self.choice_line(i)
            # The row keeps room for the longest line its forecast may show, so the panel does not move when they arrive.
            forecasts = (line, t("forecast.pending"), self.versus_line(1.0, -1.0, 1.0), self.versus_line(1.0, 0.0, 1.0)) if line else ()
            choices.append(event_panel.ChoiceWords(f"{i + 1}. {choice.text}", forecasts, stance_tag(choice.stance)))
        last = len(event.choices)
        pages = range(1, last + 3)  # a story page or two, and the answers' pages: "page 9 of 9" is as wide as any
        return event_panel.PanelWords(
            event.title, speaker, event.text, tuple(choices),
            "" if forecasting.shown(self.app, self.play) else forecasting.hidden_words(self.play),
            t("event.keys", last=last),
            tuple(t("event.keys_story", page=n, pages=pages[-1]) for n in pages),
            tuple(t("event.keys_answers", page=n, pages=pages[-1], last=last) for n in pages))

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        event = self.event
        if event is None:
            return []
        words = self.words()
        rect, plan = event_panel.place(theme, words, area, self.map_rect(), self.lit_halos())
        panel = Panel(rect, "")
        self.pages = len(plan.pages)
        self.list_page = max(0, min(self.list_page, self.pages - 1))
        parts = plan.pages[self.list_page]
        # The line of keys (and the page buttons), then this page's parts top down, the story taking what room is left.
        top, body = layout.column(panel.inner(theme), [plan.keys_h - theme.px(event_panel.KEYS_GAP), layout.Share()], theme.px(event_panel.KEYS_GAP))
        widgets: list[Widget] = [panel]
        if plan.paged:
            answers = any(p.kind == "choice" for p in parts)
            keys = t("event.keys_answers" if answers else "event.keys_story", page=self.list_page + 1, pages=self.pages, last=len(event.choices))
            gap, button_w = theme.px("gap"), theme.px(event_panel.PAGE_BUTTON)
            words_rect, previous, following = layout.row(top, [layout.Share(), button_w, button_w], gap)
            button_h = pager.row_height(theme)
            widgets += [
                TextBlock(words_rect, keys, role="small_bold", colour="text_muted"),
                Button(layout.centred(previous, height=button_h), "‹", PageStep(-1), enabled=self.list_page > 0, key="event:previous",
                       tooltip=t("pager.previous.tip")),
                Button(layout.centred(following, height=button_h), "›", PageStep(1), enabled=self.list_page < self.pages - 1,
                       key="event:next", tooltip=t("pager.next.tip")),
            ]
        else:
            widgets.append(TextBlock(top, words.keys, role="small_bold", colour="text_muted"))
        story_at = next((i for i, p in enumerate(parts) if p.kind == "story"), None)
        sizes: list[layout.Size] = [layout.Share() if i == story_at else p.height for i, p in enumerate(parts)]
        self.head_rect = None
        for part, part_rect in zip(parts, layout.column(body, sizes, theme.px("gap")), strict=True):
            widgets.extend(self.part_widgets(part, part_rect, words, plan))
        return widgets

    def part_widgets(self, part: event_panel.Part, rect: pygame.Rect, words: event_panel.PanelWords, plan: event_panel.PanelPlan) -> list[Widget]:
        """The widgets of one part of the panel at ``rect``."""
        event = self.event
        assert event is not None
        theme = self.theme
        if part.kind == "head":
            self.head_rect = rect
            title_h, speaker_h, _ = event_panel.head_sizes(theme, words, plan.width - 2 * theme.px("padding"))
            _, beside = layout.row(rect, [theme.px(event_panel.FACE) + theme.px("gap") if words.speaker else 0, layout.Share()])
            title_rect, speaker_rect = layout.column(beside, [title_h, speaker_h])
            title_lines = len(text.wrap(words.title, theme.font("heading"), title_rect.width))
            widgets: list[Widget] = [TextBlock(title_rect, words.title, role="heading", max_lines=title_lines)]
            if words.speaker:
                widgets.append(TextBlock(speaker_rect, words.speaker, role="small", colour="text_muted"))
            return widgets
        if part.kind == "story":
            return [TextBlock(rect, "\n".join(part.lines) if part.lines else words.story, role=plan.story_role)]
        if part.kind == "note":
            return [TextBlock(rect, words.note, role="small", colour="text_muted")]
        i = part.index
        choice = event.choices[i]
        lines = [Line(t("event.choice_tip", number=i + 1, text=choice.text), "body_bold"), Line(stance_explained(choice.stance))]
        lines.extend(forecasting.choice_lines(self.forecast_of(i), words.note))
        return [ListItem(rect, words.choices[i].title, self.choice_line(i), ChooseAnswer(i), key=f"choice:{i}",
                         tooltip=painter(CardSpec(lines)), badge=words.choices[i].badge, badge_under=plan.badges_under)]

    # -- drawing --------------------------------------------------------------------------

    def draw_under(self, surface: pygame.Surface) -> None:
        if self.backdrop is not None:
            self.backdrop.draw(surface, tooltips=False)
            veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            veil.fill(self.theme.colour("overlay"))
            surface.blit(veil, (0, 0))
            self._draw_touched(surface)
        view = self.play.view()
        self.header(surface, view.date_label, t("event.header"))

    def _draw_touched(self, surface: pygame.Surface) -> None:
        """The stakeholders the event touches, lit above the veil (the map's own nodes, drawn again)."""
        nodes = self.backdrop.nodes if self.backdrop is not None else {}
        theme = self.theme
        for sid, halo in zip([sid for sid in self.touched if sid in nodes], self.lit_halos(), strict=True):
            pygame.draw.rect(surface, theme.colour("panel"), halo, border_radius=theme.px(10))
            pygame.draw.rect(surface, theme.colour("focus"), halo, theme.px(3), border_radius=theme.px(10))
            nodes[sid].draw(surface, theme, WidgetState())

    def draw_over(self, surface: pygame.Surface) -> None:
        theme = self.theme
        who = next((s for s in self.play.view().stakeholders if s.id == self.speaker), None)
        if who is not None and self.head_rect is not None:
            size = theme.px(event_panel.FACE)
            image = map_faces.portrait_of(self.play.session, who, size)
            portraits.draw_portrait(surface, image, (self.head_rect.left + size / 2, self.head_rect.top + size / 2),
                                    theme.colour("border"), max(1, theme.px(2)))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if self.event is None:
            return None
        if pygame.K_1 <= event.key <= pygame.K_9:
            index = event.key - pygame.K_1
            if index < len(self.event.choices):
                return self.on_intent(ChooseAnswer(index))
        if pager.key_step(event.key):
            return self.on_intent(PageStep(pager.key_step(event.key)))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case ChooseAnswer(index):
                try:
                    self.play.choose(index)
                except IllegalMove as exc:
                    self.app.notify(str(exc))
                    return None
                return self.next_screen()
            case PageStep(step):
                pager.turn_page(self, step)
        return None

    def next_screen(self) -> Screen:
        if self.play.pending_event() is not None and not self.play.session.is_over:
            return EventScreen(self.app, self.play)
        return self.app.open("summary", self.play)

    def enter(self) -> None:
        super().enter()
        self.start_forecasts()
        if self.event is None:
            self.autoplay_done = True

    def update(self) -> Screen | None:
        if self.event is None:
            return self.next_screen()
        if self.forecast_job is not None and self.forecast_job.done and not self._job_seen:
            self._job_seen = True
            self.layout()  # the answers now show their forecasts
            self.app.dirty = True
        return super().update()

    def next_wake_ms(self) -> int | None:
        waits = [w for w in (super().next_wake_ms(),) if w is not None]
        if self.forecast_job is not None and not self._job_seen:
            waits.append(FORECAST_POLL_MS)
        return min(waits) if waits else None

    def autoplay_step(self) -> Screen | None:
        from game.ui import autoplay

        return self.on_intent(ChooseAnswer(autoplay.choice(self.play, self.app.autoplay or "balanced")))
