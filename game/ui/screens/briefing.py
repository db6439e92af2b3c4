"""The briefing: the situation, the mandate, and who is who, before the first turn."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t
from game.scenario.language import localise
from game.scenario.schema import Scenario, Stakeholder
from game.ui import shapes, text
from game.ui.screens.base import Screen
from game.ui.widgets.base import Intent, Widget, WidgetState
from game.ui.widgets.controls import Button, Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.play import Playthrough
    from game.ui.theme import Theme


class StakeholderRow(Widget):
    """A stakeholder in the who-is-who list: symbol, name, role and starting numbers."""

    def __init__(self, rect: pygame.Rect, stakeholder: Stakeholder, name: str, short: str, tooltip: str) -> None:
        super().__init__(rect, tooltip=tooltip, key=f"who:{stakeholder.id}")
        self.stakeholder = stakeholder
        self.name = name
        self.short = short

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))
        s = self.stakeholder
        r = self.rect.height * 0.32
        centre = (self.rect.left + int(r) + theme.px(6), self.rect.centery)
        shapes.draw_symbol(surface, theme.shape(s.kind), centre, r, theme.support_colour(s.support), theme.colour("text"), 1)
        x = centre[0] + int(r) + theme.px(10)
        bold, small = theme.font("small_bold"), theme.font("small")
        # The name has the whole width; the role and the starting numbers share the line under it.
        numbers = t("briefing.numbers", power=percent(s.power), trust=percent(s.trust), support=percent(s.support))
        right = text.draw(surface, numbers, small, theme.colour("text_muted"), (self.rect.right - theme.px(6), self.rect.centery), "topright")
        text.draw(surface, text.fit(self.name, bold, self.rect.right - theme.px(6) - x), bold, theme.colour("text"), (x, self.rect.centery), "bottomleft")
        text.draw(surface, text.fit(self.short, small, right.left - x - theme.px(8)), small, theme.colour("text_muted"), (x, self.rect.centery), "topleft")


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, app: App, scenario: Scenario, path: Path | None, seed: int, play: Playthrough | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.seed = seed
        self.play = play  # a game already set up (a workshop seat); otherwise one starts on Begin

    def _t(self, value: str | dict[str, str]) -> str:
        return localise(value, self.app.text_lang, self.scenario.meta.language)

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        m, gap = theme.px("margin"), theme.px("gap")
        top = theme.px("header_height") + m
        bottom = area.height - theme.px("footer_height")
        meta = self.scenario.meta
        widgets: list[Widget] = []
        left = pygame.Rect(m, top, int(area.width * 0.5) - m, bottom - top - gap)
        right = pygame.Rect(left.right + m, top, area.width - left.right - 2 * m, left.height)
        situation = Panel(left, t("briefing.situation"))
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
        facts = t(key, turns=meta.turns, label=self._t(meta.turn_label).lower(),
                  months=meta.turns * meta.months_per_turn, points=meta.leadership_time)
        if y + 2 * theme.font("small").get_linesize() <= inner.bottom:
            widgets.append(TextBlock(pygame.Rect(inner.left, y + gap, inner.width, inner.bottom - y - gap), facts, role="small", colour="text_muted"))

        who = Panel(right, t("briefing.who"))
        widgets.append(who)
        inner = who.inner(theme)
        count = len(self.scenario.stakeholders)
        row = max(theme.px(30), min(theme.px(52), (inner.height - theme.px(4) * count) // max(1, count)))
        for i, s in enumerate(self.scenario.stakeholders):
            rect = pygame.Rect(inner.left, inner.top + i * (row + theme.px(4)), inner.width, row)
            if rect.bottom > inner.bottom:
                break
            description = self._t(s.description)
            tip = f"{self._t(s.name)}. {description}".strip() + "\n" + t(
                "briefing.who_tip", power=percent(s.power), trust=percent(s.trust), support=percent(s.support)
            )
            widgets.append(StakeholderRow(rect, s, self._t(s.name), self._t(s.short), tip))
        button_h = theme.px("button_height")
        y = bottom + (theme.px("footer_height") - button_h) // 2
        widgets.append(Button(pygame.Rect(m, y, theme.px(160), button_h), t("common.back"), Intent("back"), key="back", shortcut="Esc"))
        begin = Button(pygame.Rect(area.width - m - theme.px(260), y, theme.px(260), button_h), t("briefing.begin"), Intent("begin"), primary=True, key="begin", shortcut="Enter")
        widgets.append(begin)
        return widgets

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key == "begin"), None)

    def draw_under(self, surface: pygame.Surface) -> None:
        self.header(surface, self._t(self.scenario.meta.title), t("briefing.header", seed=self.seed))

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(Intent("back"))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        if intent.name == "begin":
            from game.ui import flow

            if self.play is not None:
                return flow.screen_for(self.app, self.play)
            return flow.start(self.app, self.scenario, self.path, self.seed)
        if intent.name == "back":
            from game.ui.screens.title import TitleScreen

            return TitleScreen(self.app)
        return None

    def autoplay_step(self) -> Screen | None:
        return self.on_intent(Intent("begin"))
