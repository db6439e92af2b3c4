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
from game.ui import forecasting, map_faces, portraits, text
from game.ui.event_forecasts import ChoiceForecastJob
from game.ui.forecasting import RiskSummary, stance_explained
from game.ui.intents import ChooseAnswer, Intent
from game.ui.play import FORECAST_ROLLOUTS, IllegalMove, Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.cards import CardSpec, Line, painter
from game.ui.widgets.controls import ListItem, Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.turn import TurnScreen


FACE = 72  # design pixels across: the portrait of the stakeholder the event concerns most
FORECAST_POLL_MS = 50  # how often to look whether the answers' forecasts are ready
SIDE_PANEL_MIN = 420  # design pixels: the narrowest column beside the map the event's panel takes


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
        key = "event.versus_other" if len(others) == 1 else "event.versus_best"
        return t(key, success=percent(summary.chances["success"]), diff=signed_points(summary.chances["success"] - best),
                 failure=percent(summary.chances["failure"]))

    # -- layout ---------------------------------------------------------------------------

    def layout(self) -> None:
        if self.backdrop is None:
            # The turn just played stays in view, dimmed; it is drawn only, never entered.
            self.backdrop = cast("TurnScreen", self.app.open("turn", self.play))
        self.backdrop.layout()
        super().layout()

    def panel_rect(self, area: pygame.Rect, wanted: int) -> pygame.Rect:
        """Beside the map (over the numbers and actions), or centred when that column is too narrow for it."""
        theme = self.theme
        m, gap = theme.px("margin"), theme.px("gap")
        top = theme.px("header_height") + gap
        left = int(area.width * 0.55) + gap
        if area.width - left - m < theme.px(SIDE_PANEL_MIN):
            width = min(area.width - 2 * m, theme.px(860))
            height = min(area.height - top - m, wanted)
            return pygame.Rect((area.width - width) // 2, max(top, (area.height - height) // 2), width, height)
        height = min(area.height - top - m, max(wanted, theme.px(300)))
        return pygame.Rect(left, top, area.width - left - m, height)

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        event = self.event
        if event is None:
            return []
        gap, pad = theme.px("gap"), theme.px("padding")
        shown = forecasting.shown(self.app, self.play)
        hidden = "" if shown else forecasting.hidden_words(self.play)
        bold, small = theme.font("body_bold"), theme.font("small")
        keys_h = theme.px(22)
        face = theme.px(FACE)
        # The width first (the panel's), then the rows that fit it.
        probe = self.panel_rect(area, 0)
        inner_w = probe.width - 2 * pad
        badge_w = max((theme.font("small_bold").size(stance_tag(c.stance))[0] for c in event.choices), default=0)
        text_w = inner_w - 2 * pad - (badge_w + pad if badge_w else 0)
        title_lines = max((min(2, len(text.wrap(f"{i + 1}. {c.text}", bold, text_w))) for i, c in enumerate(event.choices)), default=1)
        sub_lines = max((min(2, len(text.wrap(self.choice_line(i), small, inner_w - 2 * pad))) for i in range(len(event.choices))),
                        default=0) if shown else 0
        choice_h = title_lines * bold.get_linesize() + 2 * pad + sub_lines * small.get_linesize()
        heading = theme.font("heading")
        title_w = inner_w - (face + gap if self.speaker else 0)
        title_h = min(2, len(text.wrap(event.title, heading, title_w))) * heading.get_linesize()
        head_h = max(face if self.speaker else 0, title_h + (small.get_linesize() if self.speaker else 0))
        note_h = small.get_linesize() + gap if hidden else 0
        choices_h = len(event.choices) * (choice_h + gap) + note_h
        story_role = "body"
        story_h = text.wrapped_height(event.text, theme.font("body"), inner_w)
        fixed = keys_h + head_h + gap + choices_h + 2 * pad
        room = self.panel_rect(area, 10_000).height
        if fixed + story_h > room:  # a long story on a small canvas reads in the smaller face
            story_role = "small"
            story_h = text.wrapped_height(event.text, small, inner_w)
        panel = Panel(self.panel_rect(area, fixed + story_h + gap), "")
        widgets: list[Widget] = [panel]
        inner = panel.inner(theme)
        y = inner.top + keys_h
        title_x = inner.left + (face + gap if self.speaker else 0)
        widgets.append(TextBlock(pygame.Rect(title_x, y, inner.right - title_x, title_h), event.title, role="heading", max_lines=2))
        if self.speaker:
            who = next((s for s in self.play.view().stakeholders if s.id == self.speaker), None)
            if who is not None:
                widgets.append(TextBlock(pygame.Rect(title_x, y + title_h, inner.right - title_x, small.get_linesize()),
                                         t("event.speaker", name=who.name, mood=t(f"mood.{map_faces.view_mood(who)}")),
                                         role="small", colour="text_muted", max_lines=1))
        y += head_h + gap
        choices_top = inner.bottom - choices_h + gap
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, max(0, choices_top - y - gap)), event.text, role=story_role))
        for i, choice in enumerate(event.choices):
            rect = pygame.Rect(inner.left, choices_top + i * (choice_h + gap), inner.width, choice_h)
            summary = self.forecast_of(i)
            lines = [Line(t("event.choice_tip", number=i + 1, text=choice.text), "body_bold"), Line(stance_explained(choice.stance))]
            lines.extend(forecasting.choice_lines(summary, hidden))
            widgets.append(ListItem(rect, f"{i + 1}. {choice.text}", self.choice_line(i), ChooseAnswer(i), key=f"choice:{i}",
                                    tooltip=painter(CardSpec(lines)), badge=stance_tag(choice.stance)))
        if hidden:
            widgets.append(TextBlock(pygame.Rect(inner.left, inner.bottom - small.get_linesize(), inner.width, small.get_linesize()), hidden,
                                     role="small", colour="text_muted", max_lines=1))
        return widgets

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
        for sid in self.touched:
            node = nodes.get(sid)
            if node is None:
                continue
            halo = node.label_rect(theme).union(node.rect).inflate(theme.px(10), theme.px(8))
            pygame.draw.rect(surface, theme.colour("panel"), halo, border_radius=theme.px(10))
            pygame.draw.rect(surface, theme.colour("focus"), halo, theme.px(3), border_radius=theme.px(10))
            node.draw(surface, theme, WidgetState())

    def draw_over(self, surface: pygame.Surface) -> None:
        theme = self.theme
        if self.event is None:
            return
        panel = next((w for w in self.group.widgets if isinstance(w, Panel)), None)
        if panel is None:
            return
        pad = theme.px("padding")
        small = theme.font("small_bold")
        words = text.fit(t("event.keys", last=len(self.event.choices)), small, panel.rect.width - 2 * pad)
        text.draw(surface, words, small, theme.colour("text_muted"), (panel.rect.left + pad, panel.rect.top + pad))
        who = next((s for s in self.play.view().stakeholders if s.id == self.speaker), None)
        if who is not None:
            size = theme.px(FACE)
            image = map_faces.portrait_of(self.play.session, who, size)
            inner = panel.inner(theme)
            portraits.draw_portrait(surface, image, (inner.left + size / 2, inner.top + theme.px(22) + size / 2),
                                    theme.colour("border"), max(1, theme.px(2)))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if self.event is None:
            return None
        if pygame.K_1 <= event.key <= pygame.K_9:
            index = event.key - pygame.K_1
            if index < len(self.event.choices):
                return self.on_intent(ChooseAnswer(index))
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
