"""An event: the story, and two or three choices (number keys, arrows and Enter, or the mouse).

The event opens over the turn screen, dimmed, with the stakeholders it
touches lit on the map and the portrait of the one it concerns most. Each
choice shows its risk forecast (rollouts from the state after that answer),
worked out off the frame loop, as a difference against the other answer (the
best other, of three), unless the settings or the workshop hide forecasts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

import pygame

from game.i18n import percent, t
from game.session.amounts import signed_points
from game.session.reactions import event_speaker, event_touches
from game.ui import forecasting, layout, map_faces, portraits, text
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
KEYS_H = 22  # design pixels: the line at the panel's top saying which keys choose
FORECAST_POLL_MS = 50  # how often to look whether the answers' forecasts are ready
SIDE_PANEL_MIN = 420  # design pixels: the narrowest column beside the map the event's panel likes
NARROWEST = 300  # design pixels: narrower than this, the panel would rather cover the map in the middle of the screen


@dataclass(frozen=True)
class PanelSizes:
    """The heights of an event panel's parts at one width: everything but the story (``fixed``), and the story in each face."""

    title_h: int
    head_h: int  # the title beside the speaker's portrait
    choice_h: int
    choices_h: int  # every choice, and the note that forecasts are hidden
    fixed: int
    story: dict[str, int]


@dataclass(frozen=True)
class Room:
    """Where the event's panel may go, and which way it sits in that room when shorter: at its "top", its "bottom" or in the "middle"."""

    rect: pygame.Rect
    anchor: Literal["top", "bottom", "middle"]

    def place(self, wanted: int, least: int) -> pygame.Rect:
        """The panel ``wanted`` pixels tall in this room (no taller than the room; at its top or bottom, at least ``least`` tall)."""
        room = self.rect
        if self.anchor == "middle":
            return layout.centred(room, height=min(room.height, wanted))
        height = min(room.height, max(wanted, least))
        top = room.top if self.anchor == "top" else room.bottom - height
        return pygame.Rect(room.left, top, room.width, height)


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

    def lit_halos(self) -> list[pygame.Rect]:
        """Where the stakeholders the event touches are lit on the map: each node with its name, and a rim."""
        theme = self.theme
        nodes = self.backdrop.nodes if self.backdrop is not None else {}
        return [nodes[sid].label_rect(theme).union(nodes[sid].rect).inflate(theme.px(10), theme.px(8)) for sid in self.touched if sid in nodes]

    def panel_rooms(self, area: pygame.Rect) -> list[Room]:
        """Where the event's panel may go, best first, each clear of the lit stakeholders: beside the map (over the numbers
        and actions), else on the side of the map away from the lit stakeholders, else above or below them (narrower
        rooms after wider ones); last, the middle of the screen, whatever it covers (a map lit from edge to edge)."""
        theme = self.theme
        frame = layout.screen_frame(theme, area)
        m, gap = frame.margin, frame.gap
        body = layout.inset(area, m, frame.body.top, m, m)
        widest = theme.px(860)
        least = theme.px(SIDE_PANEL_MIN)
        halos = self.lit_halos()
        rooms: list[Room] = []
        backdrop = self.backdrop
        if backdrop is not None and backdrop.map_panel is not None:
            rooms.append(Room(layout.inset(body, left=backdrop.map_panel.rect.right + gap - body.left), "top"))
        if halos:
            lit = halos[0].unionall(halos[1:])
            right_of = layout.row(layout.inset(body, left=lit.right + gap - body.left), [layout.Share(), widest])[1]
            left_of = layout.row(layout.inset(body, right=body.right - lit.left + gap), [widest, layout.Share()])[0]
            rooms.extend(sorted([Room(right_of, "top"), Room(left_of, "top")], key=lambda room: -room.rect.width))
            below = layout.inset(body, top=lit.bottom + gap - body.top)
            above = layout.inset(body, bottom=body.bottom - lit.top + gap)
            bands = [Room(layout.centred(below, min(below.width, widest)), "bottom"), Room(layout.centred(above, min(above.width, widest)), "top")]
            rooms.extend(sorted(bands, key=lambda room: -room.rect.height))
        clear = [room for room in rooms if room.rect.collidelist(halos) < 0]
        # A narrower room than the panel likes comes after every wide one: its lines are shorter, but nothing lit is hidden.
        narrow = sorted((room for room in clear if theme.px(NARROWEST) <= room.rect.width < least), key=lambda room: -room.rect.width)
        return [room for room in clear if room.rect.width >= least] + narrow + [Room(layout.centred(body, min(body.width, widest)), "middle")]

    def sizes(self, width: int) -> PanelSizes:
        """The heights of the panel's parts when it is ``width`` pixels wide."""
        theme = self.theme
        event = self.event
        assert event is not None
        gap, pad = theme.px("gap"), theme.px("padding")
        bold, small = theme.font("body_bold"), theme.font("small")
        face = theme.px(FACE)
        inner_w = width - 2 * pad
        badge_w = max((theme.font("small_bold").size(stance_tag(c.stance))[0] for c in event.choices), default=0)
        text_w = inner_w - 2 * pad - (badge_w + pad if badge_w else 0)
        choice_lines = max((min(2, len(text.wrap(f"{i + 1}. {c.text}", bold, text_w))) for i, c in enumerate(event.choices)), default=1)
        sub_lines = max((min(2, len(text.wrap(self.choice_line(i), small, inner_w - 2 * pad))) for i in range(len(event.choices))),
                        default=0) if forecasting.shown(self.app, self.play) else 0
        choice_h = choice_lines * bold.get_linesize() + 2 * pad + sub_lines * small.get_linesize()
        heading = theme.font("heading")
        title_lines = min(2, len(text.wrap(event.title, heading, inner_w - (face + gap if self.speaker else 0))))
        title_h = heading.get_linesize() + (title_lines - 1) * round(heading.get_linesize() * 1.15)  # as TextBlock spaces its lines
        head_h = max(face if self.speaker else 0, title_h + (small.get_linesize() if self.speaker else 0))
        note_h = small.get_linesize() + gap if not forecasting.shown(self.app, self.play) else 0
        choices_h = len(event.choices) * (choice_h + gap) + note_h
        story = {role: text.wrapped_height(event.text, theme.font(role), inner_w) for role in ("body", "small")}
        return PanelSizes(title_h, head_h, choice_h, choices_h, theme.px(KEYS_H) + head_h + gap + choices_h + 2 * pad, story)

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        event = self.event
        if event is None:
            return []
        gap = theme.px("gap")
        hidden = "" if forecasting.shown(self.app, self.play) else forecasting.hidden_words(self.play)
        small = theme.font("small")
        face = theme.px(FACE)
        # The first place where the whole panel fits (its story in the smaller face if need be), else the last.
        for room in self.panel_rooms(area):
            sizes = self.sizes(room.rect.width)
            story_role = "body" if sizes.fixed + sizes.story["body"] <= room.rect.height else "small"
            if sizes.fixed + sizes.story[story_role] <= room.rect.height:
                break
        panel = Panel(room.place(sizes.fixed + sizes.story[story_role] + gap, theme.px(300)), "")
        widgets: list[Widget] = [panel]
        # Under the line of keys (drawn in draw_over): the title beside the speaker's portrait, the story, the choices at the foot.
        _, body = layout.column(panel.inner(theme), [theme.px(KEYS_H), layout.Share()])
        note = [small.get_linesize()] if hidden else []
        head, story, *rows = layout.column(body, [sizes.head_h, layout.Share(), *[sizes.choice_h] * len(event.choices), *note], gap)
        _, beside = layout.row(head, [face + gap if self.speaker else 0, layout.Share()])
        title_rect, speaker_rect = layout.column(beside, [sizes.title_h, small.get_linesize()])
        widgets.append(TextBlock(title_rect, event.title, role="heading", max_lines=2))
        who = next((s for s in self.play.view().stakeholders if s.id == self.speaker), None)
        if who is not None:
            widgets.append(TextBlock(speaker_rect, t("event.speaker", name=who.name, mood=t(f"mood.{map_faces.view_mood(who)}")),
                                     role="small", colour="text_muted", max_lines=1))
        widgets.append(TextBlock(story, event.text, role=story_role))
        for i, (choice, rect) in enumerate(zip(event.choices, rows, strict=False)):
            summary = self.forecast_of(i)
            lines = [Line(t("event.choice_tip", number=i + 1, text=choice.text), "body_bold"), Line(stance_explained(choice.stance))]
            lines.extend(forecasting.choice_lines(summary, hidden))
            widgets.append(ListItem(rect, f"{i + 1}. {choice.text}", self.choice_line(i), ChooseAnswer(i), key=f"choice:{i}",
                                    tooltip=painter(CardSpec(lines)), badge=stance_tag(choice.stance)))
        if hidden:
            widgets.append(TextBlock(rows[-1], hidden, role="small", colour="text_muted", max_lines=1))
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
        for sid, halo in zip([sid for sid in self.touched if sid in nodes], self.lit_halos(), strict=True):
            pygame.draw.rect(surface, theme.colour("panel"), halo, border_radius=theme.px(10))
            pygame.draw.rect(surface, theme.colour("focus"), halo, theme.px(3), border_radius=theme.px(10))
            nodes[sid].draw(surface, theme, WidgetState())

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
            portraits.draw_portrait(surface, image, (inner.left + size / 2, inner.top + theme.px(KEYS_H) + size / 2),
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
