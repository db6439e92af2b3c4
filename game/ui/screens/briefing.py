"""The briefing: the situation, the mandate, and who is who, before the first turn."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.faces import HOSTILE_SUPPORT, WARM_SUPPORT, mood_of
from game.i18n import percent, t, t_count
from game.scenario.language import localise
from game.scenario.schema import Scenario, Stakeholder
from game.ui import forecasting, layout, portraits, shapes, text
from game.ui import map as stakeholder_map
from game.ui.intents import Back, Begin, Intent, SwitchView
from game.ui.play import Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.controls import Button, Panel, TextBlock
from game.ui.widgets.tabs import Tab

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme


SWITCH_KEY = "N"  # switches the panel shown on a narrow canvas
VIEWS = ("situation", "who")


class StakeholderRow(Widget):
    """A stakeholder in the who-is-who list: symbol, name, role and starting numbers."""

    def __init__(self, rect: pygame.Rect, stakeholder: Stakeholder, name: str, short: str, tooltip: str, *,
                 stacked: bool = False, symbol: str = "", face: pygame.Surface | None = None) -> None:
        super().__init__(rect, tooltip=tooltip, key=f"who:{stakeholder.id}")
        self.stakeholder = stakeholder
        self.face = face  # the stakeholder's portrait as the game starts (the kind's symbol is drawn on it)
        self.symbol = symbol  # the scenario's symbol for a kind it declares ("": the theme's for a built-in kind)
        self.name = name
        self.short = short
        self.stacked = stacked  # name, role and numbers on three lines of their own (a narrow column)

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))
        s = self.stakeholder
        r = self.rect.height * 0.32 if not self.stacked else theme.font("small_bold").get_linesize() * 0.6
        centre = (self.rect.left + int(r) + theme.px(6), self.rect.centery if not self.stacked else self.rect.top + int(r) + theme.px(4))
        shape = stakeholder_map.kind_symbol(theme, s.kind, self.symbol)
        if self.face is not None and not self.stacked:
            r = self.face.get_width() / 2
            centre = (self.rect.left + int(r) + theme.px(4), self.rect.centery)
            portraits.draw_portrait(surface, self.face, centre, theme.support_colour(s.support), max(2, theme.px(3)))
            # The kind's symbol, as the map draws it, at the portrait's foot.
            mark = (centre[0] + r * 0.72, centre[1] + r * 0.72)
            shapes.draw_symbol(surface, shape, mark, r * 0.34, theme.support_colour(s.support), theme.colour("text"), 1)
        else:
            shapes.draw_symbol(surface, shape, centre, r, theme.support_colour(s.support), theme.colour("text"), 1)
        x = centre[0] + int(r) + theme.px(10)
        bold, small = theme.font("small_bold"), theme.font("small")
        numbers = t("briefing.numbers", power=percent(s.power), trust=percent(s.trust), support=percent(s.support))
        if self.stacked:
            room = self.rect.right - theme.px(6) - x
            if small.size(numbers)[0] > room:
                numbers = t("briefing.numbers_short", power=percent(s.power), trust=percent(s.trust), support=percent(s.support))
            y = self.rect.top + theme.px(1)
            for lines, font, ink in stacked_lines(theme, self.name, self.short, numbers, room):
                for line in lines:
                    text.draw(surface, line, font, theme.colour(ink), (x, y))
                    y += font.get_linesize()
            return
        # The name and where it stands share the first line; the role and the starting numbers the line under it.
        right = text.draw(surface, numbers, small, theme.colour("text_muted"), (self.rect.right - theme.px(6), self.rect.centery), "topright")
        stance, ink = stance_words(s.support)
        said = text.draw(surface, stance, bold, theme.colour(ink), (self.rect.right - theme.px(6), self.rect.centery), "bottomright")
        text.draw(surface, text.fit(self.name, bold, said.left - theme.px(10) - x), bold, theme.colour("text"), (x, self.rect.centery), "bottomleft")
        text.draw(surface, text.fit(self.short, small, right.left - x - theme.px(8)), small, theme.colour("text_muted"), (x, self.rect.centery), "topleft")


def stance_words(support: float) -> tuple[str, str]:
    """Where a stakeholder stands on the change, in words and a colour role (the thresholds of its face's mood)."""
    if support >= WARM_SUPPORT:
        return t("briefing.stance.supports"), "good"
    if support < HOSTILE_SUPPORT:
        return t("briefing.stance.opposes"), "bad"
    return t("briefing.stance.undecided"), "text_muted"


def stacked_lines(theme: Theme, name: str, short: str, numbers: str, room: int) -> list[tuple[list[str], pygame.font.Font, str]]:
    """A stacked row's name and role (two lines each at the most) and its numbers, with their fonts and inks."""
    bold, small = theme.font("small_bold"), theme.font("small")

    def two(words: str, font: pygame.font.Font) -> list[str]:
        lines = text.wrap(words, font, room) if words else []
        return lines if len(lines) <= 2 else [lines[0], text.fit(" ".join(lines[1:]), font, room)]

    return [(two(name, bold), bold, "text"), (two(short, small), small, "text_muted"), ([text.fit(numbers, small, room)], small, "text_muted")]


def symbol_room(theme: Theme) -> int:
    """The width a stacked row's symbol takes before its words."""
    r = int(theme.font("small_bold").get_linesize() * 0.6)
    return theme.px(6) + 2 * r + theme.px(10)


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, app: App, scenario: Scenario, path: Path | None, seed: int, play: Playthrough | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.seed = seed
        self.play = play  # the game: already set up (a workshop seat), else set up as the briefing opens
        self.view = "situation"  # on a narrow canvas (a projector's scale) one panel shows at a time: "situation" or "who"

    def _t(self, value: str | dict[str, str]) -> str:
        return localise(value, self.app.text_lang, self.scenario.meta.language)

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        frame = layout.screen_frame(theme, area)
        body = layout.inset(frame.body, top=frame.margin - frame.gap)  # a margin under the header
        widgets: list[Widget] = []
        if theme.compact(area.size):
            # One panel at a time, the whole width, chosen by tabs (or N): every word of both shows.
            tab_h = theme.font("body_bold").get_linesize() + theme.px(10)
            tab_w = min(theme.px(260), body.width // 2)
            tabs, whole = layout.column(layout.inset(body, top=-theme.px(6)), [tab_h, layout.Share()])
            names = {"situation": t("briefing.situation"), "who": t("briefing.who")}
            for view, rect in zip(VIEWS, layout.row(tabs, [tab_w] * len(VIEWS)), strict=True):
                chosen = self.view == view
                widgets.append(Tab(rect, names[view], SwitchView(view), chosen=chosen, shortcut="" if chosen else SWITCH_KEY, key=f"tab:{view}"))
            if self.view == "situation":
                self._situation(widgets, Panel(whole, ""))
            else:
                self._who(widgets, Panel(whole, ""), columns=3)
        else:
            left, right = layout.row(body, [int(area.width * 0.5) - frame.margin, layout.Share()], frame.margin)
            self._situation(widgets, Panel(left, t("briefing.situation")))
            self._who(widgets, Panel(right, t("briefing.who")))
        back, _, begin = layout.row(frame.footer_band(theme.px("button_height")), [theme.px(160), layout.Share(), theme.px(260)])
        widgets.append(Button(back, t("common.back"), Back(), key="back", shortcut="Esc"))
        widgets.append(Button(begin, t("briefing.begin"), Begin(), primary=True, key="begin", shortcut="Enter"))
        return widgets

    def _situation(self, widgets: list[Widget], situation: Panel) -> None:
        """The situation, the mandate's programmes and the game's length, in ``situation``."""
        theme = self.theme
        gap = theme.px("gap")
        meta = self.scenario.meta
        widgets.append(situation)
        inner = situation.inner(theme)
        body = self._t(meta.briefing) or self._t(meta.summary)
        room = inner.height // 2 + theme.px(40)
        # A projector's larger scale: the smaller role keeps the whole situation in view.
        role = "body" if text.wrapped_height(body, theme.font("body"), inner.width) <= room else "small"
        body_h = min(room, text.wrapped_height(body, theme.font(role), inner.width))
        widgets.append(TextBlock(pygame.Rect(inner.left, inner.top, inner.width, body_h), body, role=role))
        y = inner.top + body_h + gap
        sub = theme.font("subheading")
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, sub.get_linesize()), t("briefing.mandate"), role="subheading"))
        y += sub.get_linesize() + theme.px(4)
        for programme in self.scenario.programmes:
            line = f"• {self._t(programme.name)}"
            description = self._t(programme.description)
            if description:
                line = t("briefing.programme", name=self._t(programme.name), description=description)
            height = min(text.wrapped_height(line, theme.font("small"), inner.width), 3 * theme.font("small").get_linesize())
            if y + height > inner.bottom:
                break
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, height), line, role="small", max_lines=3))
            y += height + theme.px(4)
        # Calendar months only mean something when the scenario is dated (a tutorial in fortnights is not).
        key = "briefing.facts" if meta.start_date else "briefing.facts_undated"
        months = meta.turns * meta.months_per_turn
        facts = t(key, turns=t_count("count.turns", meta.turns, n=meta.turns), label=self._t(meta.turn_label).lower(),
                  months=t_count("count.months", months, n=months),
                  points=t_count("count.units", meta.leadership_time, n=meta.leadership_time))
        if y + 2 * theme.font("small").get_linesize() <= inner.bottom:
            widgets.append(TextBlock(pygame.Rect(inner.left, y + gap, inner.width, inner.bottom - y - gap), facts, role="small", colour="text_muted"))

    def _who(self, widgets: list[Widget], who: Panel, columns: int = 1) -> None:
        """Who is who in ``who``: one column of rows, or (a narrow canvas) ``columns`` of stacked rows."""
        theme = self.theme
        widgets.append(who)
        inner = who.inner(theme)
        count = len(self.scenario.stakeholders)
        stacked = columns > 1
        gap = theme.px("gap")
        if stacked:
            # As tall as the longest name and role need, in the narrowest columns tried.
            room = (inner.width - (columns - 1) * gap) // columns - symbol_room(theme) - theme.px(6)
            row = theme.px(4) + max(
                (sum(len(lines) * font.get_linesize() for lines, font, _ in stacked_lines(theme, self._t(s.name), self._t(s.short), "0", room))
                 for s in self.scenario.stakeholders), default=0)
            per_column = max(1, (inner.height + theme.px(4)) // (row + theme.px(4)))
            columns = max(1, min(columns, -(-count // per_column)))
        else:
            row = max(theme.px(30), min(theme.px(52), (inner.height - theme.px(4) * count) // max(1, count)))
            per_column = max(1, min(count, (inner.height + theme.px(4)) // (row + theme.px(4))))  # the rows that fit
        # Down each column, then across: an entry's cell is (its place, its column) in the grid's reading order.
        cells = layout.grid(inner, columns, [row] * per_column, gap, row_gap=theme.px(4))
        for i, s in enumerate(self.scenario.stakeholders):
            column, place = divmod(i, per_column)
            if column >= columns:
                break
            rect = cells[place * columns + column]
            description = self._t(s.description)
            tip = f"{self._t(s.name)}. {description}".strip() + "\n" + t(
                "briefing.who_tip", power=percent(s.power), trust=percent(s.trust), support=percent(s.support)
            )
            declared = self.scenario.declared_kind(s.kind)
            face = None
            if not stacked:
                size = max(theme.px(24), min(theme.px(44), row - theme.px(4)))
                folder = self.path.parent if self.path is not None else None
                face = portraits.portrait_image(self.scenario, folder, s.id, mood_of(s.trust, s.support), size)
            widgets.append(StakeholderRow(rect, s, self._t(s.name), self._t(s.short), tip, stacked=stacked,
                                          symbol=declared.symbol if declared else "", face=face))

    def enter(self) -> None:
        super().enter()
        if self.play is None:
            self.play = Playthrough.new(self.scenario, self.seed, self.path, self.app.text_lang)
        if forecasting.shown(self.app, self.play):
            # The first turn's forecasts are worked out while the briefing is read, so the cards show them at once.
            self.play.prefetch_forecasts()

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key == "begin"), None)

    def draw_under(self, surface: pygame.Surface) -> None:
        self.header(surface, self._t(self.scenario.meta.title), t("briefing.header", seed=self.seed))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(Back())
        if event.key == pygame.K_n and self.theme.compact(self.app.surface.get_size()):
            return self.on_intent(SwitchView("who" if self.view == "situation" else "situation"))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case SwitchView(view) if view in VIEWS:
                self.view = view
                self.layout()
            case Begin():
                from game.ui import flow

                assert self.play is not None  # set up as the briefing opened
                return flow.screen_for(self.app, self.play)
            case Back():
                return self.app.open("title")
        return None

    def autoplay_step(self) -> Screen | None:
        return self.on_intent(Begin())
