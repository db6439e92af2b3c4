"""The turn summary: what the player did, what happened, and why each number moved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t, t_count
from game.session.views import StakeholderView
from game.ui import describe, text
from game.ui.play import Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets.base import Intent, Widget, WidgetState
from game.ui.widgets.cards import signed_points
from game.ui.widgets.controls import Button, Panel, TextBlock, draw_arrow

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme



class ChangeRow(Widget):
    """A stakeholder's trust and support, before and after, with arrows and signed points."""

    def __init__(self, rect: pygame.Rect, view: StakeholderView, tooltip: str) -> None:
        super().__init__(rect, tooltip=tooltip, key=f"change:{view.id}")
        self.view = view

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))
        v = self.view
        bold, small = theme.font("small_bold"), theme.font("small")
        columns = ((t("quantity.trust"), v.trust, v.trust_change), (t("quantity.support"), v.support, v.support_change))
        # Each number column takes what its widest content needs; the name gets the rest (at least a
        # quarter), and a name too long for it in bold is set in the regular face before it is shortened.
        arrow_w = theme.px(22)
        needed = max(small.size(f"{label} {percent(1.0)}")[0] for label, _, _ in columns) + arrow_w + small.size(t_count("fmt.points", 10, n="+00"))[0] + theme.px(10)
        name_w = max(int(self.rect.width * 0.25), self.rect.width - 2 * needed)
        room = name_w - theme.px(6)
        face = bold if bold.size(v.name)[0] <= room else small
        text.draw(surface, text.fit(v.name, face, room), face, theme.colour("text"), (self.rect.left + theme.px(4), self.rect.centery), "midleft")
        column = (self.rect.width - name_w) // 2
        for i, (label, value, delta) in enumerate(columns):
            x = self.rect.left + name_w + i * column
            end = x + column - theme.px(6)
            words = f"{label} {percent(value)}"
            rect = text.draw(surface, text.fit(words, small, column - arrow_w), small, theme.colour("text"), (x, self.rect.centery), "midleft")
            points = round(delta * 100)
            direction = "flat" if points == 0 else ("up" if points > 0 else "down")
            colour = theme.colour("neutral" if points == 0 else ("good" if points > 0 else "bad"))
            arrow = pygame.Rect(rect.right + theme.px(6), self.rect.centery - theme.px(6), theme.px(12), theme.px(12))
            draw_arrow(surface, direction, colour, arrow)
            change = signed_points(delta)
            if arrow.right + theme.px(4) + small.size(change)[0] <= end:  # the arrow alone says it when room is short
                text.draw(surface, change, small, theme.colour("text_muted"), (arrow.right + theme.px(4), self.rect.centery), "midleft")
        if v.blocked:
            text.draw(surface, t("map.legend.blocked"), bold, theme.colour("bad"), (self.rect.right - theme.px(4), self.rect.centery), "midright")


class SummaryScreen(Screen):
    name = "summary"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        play = self.play
        m, gap = theme.px("margin"), theme.px("gap")
        top = theme.px("header_height") + gap
        bottom = area.height - theme.px("footer_height")
        widgets: list[Widget] = []
        half = (area.width - 3 * m) // 2
        left = Panel(pygame.Rect(m, top, half, bottom - top - gap), t("summary.did"))
        right = Panel(pygame.Rect(left.rect.right + m, top, half, left.rect.height), t("summary.why"))
        widgets.extend([left, right])
        inner = left.inner(theme)
        y = inner.top
        small = theme.font("small")
        lines: list[tuple[str, str]] = []
        outcome = play.outcomes[-1] if play.outcomes else None
        if outcome is not None:
            if not outcome.report.actions:
                lines.append((t("summary.no_action"), "small"))
            for result in outcome.report.actions:
                lines.append((f"• {describe.action_result(result)}", "small_bold"))
            for happened in outcome.report.news:
                lines.append((f"• {happened.title}", "small_bold"))
                lines.append((f"  {happened.text}", "small"))
            for event, report in outcome.choices:
                chose = report.text.rstrip(".")
                lines.append((t("summary.you_chose", title=event.title, choice=chose), "small_bold"))
                if report.outcome:
                    lines.append((f"  {report.outcome}", "small"))
            if outcome.report.blocked_by:
                lines.append((t("summary.blocked", names=", ".join(outcome.report.blocked_by)), "small"))
        for words, role in lines:
            font = theme.font(role)
            h = min(text.wrapped_height(words, font, inner.width), 3 * font.get_linesize())
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), words, role=role, max_lines=3))
            y += h + theme.px(2)
        y += gap
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, theme.font("subheading").get_linesize()), t("summary.stakeholders"), role="subheading"))
        y += theme.font("subheading").get_linesize() + theme.px(4)
        view = play.view()
        row = max(small.get_linesize() + theme.px(6), min(theme.px(30), (inner.bottom - y) // max(1, len(view.stakeholders))))
        reasons = describe.last_reasons(play.session)
        for s in view.stakeholders:
            if y + row > inner.bottom:
                break
            moved = describe.reasons_for(reasons, s.id)
            tip = t("summary.row_tip", name=s.name, trust=percent(s.trust), trust_change=signed_points(s.trust_change),
                    support=percent(s.support), support_change=signed_points(s.support_change))
            if moved:
                tip += "\n" + "\n".join(
                    t("card.moved_item", quantity=describe.quantity_word(r.quantity).capitalize(), points=signed_points(r.delta), cause=r.cause) for r in moved[:6]
                )
            widgets.append(ChangeRow(pygame.Rect(inner.left, y, inner.width, row), s, tip))
            y += row

        inner = right.inner(theme)
        y = inner.top
        for metric in view.metrics:
            words = t("summary.metric", name=metric.name, value=describe.metric_value(metric), change=describe.metric_change(metric),
                      target=describe.metric_value(metric, metric.target))
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, small.get_linesize()), words, role="small_bold", max_lines=1,
                                     tooltip=describe.metric_tooltip(play.session, metric), key=f"metric:{metric.id}"))
            y += small.get_linesize() + theme.px(2)
        for programme in view.programmes:
            words = t("summary.programme", name=programme.name, progress=percent(programme.progress), change=signed_points(programme.change))
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, small.get_linesize()), words, role="small_bold", max_lines=1,
                                     tooltip=describe.programme_tooltip(play.session, programme), key=f"programme:{programme.id}"))
            y += small.get_linesize() + theme.px(2)
        y += gap
        step = round(small.get_linesize() * 1.15)
        for words in describe.news(play.session, limit=40):
            words = f"• {words}"
            h = min(text.wrapped_height(words, small, inner.width), 2 * step)
            if y + h > inner.bottom:
                break
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), words, role="small", max_lines=2))
            y += h
        button_h = theme.px("button_height")
        label = t("summary.see_ending") if play.session.is_over else t("summary.next_turn")
        widgets.append(Button(pygame.Rect(area.width - m - theme.px(220), bottom + (theme.px("footer_height") - button_h) // 2, theme.px(220), button_h),
                              label, Intent("continue"), primary=True, key="continue", shortcut="Enter"))
        return widgets

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key == "continue"), None)

    def draw_under(self, surface: pygame.Surface) -> None:
        outcome = self.play.outcomes[-1] if self.play.outcomes else None
        turn = outcome.report.turn if outcome else self.play.view().turn
        label = self.play.view().turn_label
        self.header(surface, t("summary.header", label=label, turn=turn), self.play.session.title)

    def on_intent(self, intent: Intent) -> Screen | None:
        if intent.name == "continue":
            from game.ui import flow

            return flow.screen_for(self.app, self.play)
        return None

    def autoplay_step(self) -> Screen | None:
        return self.on_intent(Intent("continue"))
