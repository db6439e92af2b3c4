"""The turn summary: what the player did, what happened, and why each number moved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t
from game.session import amounts
from game.session.amounts import signed_points
from game.session.views import Reason, StakeholderView
from game.ui import describe, layout, map_faces, text, why_feed
from game.ui.intents import Continue, Intent, PageStep, SwitchView
from game.ui.play import Playthrough
from game.ui.screens.base import Screen
from game.ui.widgets import pager, portrait
from game.ui.widgets.base import Tooltip, Widget
from game.ui.widgets.change_row import ChangeRow, change_items
from game.ui.widgets.controls import Button, Panel, TextBlock
from game.ui.widgets.pager import open_tab, turn_page
from game.ui.widgets.tabs import next_view, tab_row

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme

VIEWS = ("did", "why")  # the compact layout's tabs


def header_lines(theme: Theme, title: str, width: int) -> tuple[list[str], str]:
    """The title's lines and font role for a header bar ``width`` pixels wide: one line in the heading face
    when it fits, else the subheading face on as many lines as the bar holds (the last shortened only then)."""
    bar_h = theme.px("header_height") - theme.px(4)
    font = theme.font("heading")
    lines = text.wrap(title, font, width)
    if len(lines) == 1:
        return lines, "heading"
    font = theme.font("subheading")
    lines = text.wrap(title, font, width)
    most = max(1, bar_h // font.get_linesize())
    if len(lines) > most:
        lines = [*lines[: most - 1], text.fit(" ".join(lines[most - 1:]), font, width)]
    return lines, "subheading"


def wide_header(screen: Screen, surface: pygame.Surface, title: str, subtitle: str) -> None:
    """The header bar with the title given the whole width (on two lines in a smaller face when it needs them);
    the subtitle follows only where it fits whole."""
    theme = screen.theme
    bar = pygame.Rect(0, 0, surface.get_width(), theme.px("header_height"))
    pygame.draw.rect(surface, theme.colour("panel"), bar)
    pygame.draw.line(surface, theme.colour("border"), bar.bottomleft, bar.bottomright, theme.px("border"))
    margin = theme.px("margin")
    lines, role = header_lines(theme, title, bar.width - 2 * margin)
    font = theme.font(role)
    top = bar.centery - len(lines) * font.get_linesize() // 2
    right = margin
    for i, line in enumerate(lines):
        right = max(right, text.draw(surface, line, font, theme.colour("text"), (margin, top + i * font.get_linesize())).right)
    body = theme.font("body")
    if subtitle and len(lines) == 1 and right + margin + body.size(subtitle)[0] <= bar.right - margin:
        text.draw(surface, subtitle, body, theme.colour("text_muted"), (right + margin, bar.centery), "midleft")


class SummaryScreen(Screen):
    name = "summary"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play
        self.view_name = VIEWS[0]  # which tab the compact layout shows
        self.list_page = 0  # which page of that tab's list

    def compact(self) -> bool:
        return self.theme.compact(self.app.surface.get_size())

    def did_lines(self) -> list[tuple[str, str]]:
        """What the player did and what happened, as (words, font role) paragraphs."""
        lines: list[tuple[str, str]] = []
        outcome = self.play.outcomes[-1] if self.play.outcomes else None
        if outcome is None:
            return lines
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
        return lines

    def number_lines(self) -> list[tuple[str, str, Tooltip]]:
        """Each metric and programme: (words, key, tooltip)."""
        play = self.play
        view = play.view()
        rows: list[tuple[str, str, Tooltip]] = []
        for metric in view.metrics:
            words = t("summary.metric", name=metric.name, value=amounts.metric_value(metric), change=amounts.metric_change(metric),
                      target=amounts.metric_value(metric, metric.target))
            rows.append((words, f"metric:{metric.id}", describe.metric_tooltip(play.session, metric)))
        for programme in view.programmes:
            words = t("summary.programme", name=programme.name, progress=percent(programme.progress), change=signed_points(programme.change))
            rows.append((words, f"programme:{programme.id}", describe.programme_tooltip(play.session, programme)))
        return rows

    def why_lines(self) -> list[tuple[str, str, str, str | None]]:
        """The "why" feed as (words, font role, key, tooltip): each entry's net change, then its causes."""
        lines: list[tuple[str, str, str, str | None]] = []
        for entry in why_feed.entries(self.play.session, self.play.view()):
            lines.append((entry.headline, "small_bold", entry.key, entry.text()))
            lines.extend((f"    {words}", "small", "", None) for words in entry.cause_lines())
        return lines

    def change_tip(self, s: StakeholderView, reasons: Sequence[Reason]) -> str:
        moved = describe.reasons_for(reasons, s.id)
        tip = t("summary.row_tip", name=s.name, trust=percent(s.trust), trust_change=signed_points(s.trust_change),
                support=percent(s.support), support_change=signed_points(s.support_change))
        if moved:
            tip += "\n" + "\n".join(
                t("card.moved_item", quantity=describe.quantity_word(r.quantity).capitalize(), points=signed_points(r.delta), cause=r.cause) for r in moved[:6]
            )
        return tip

    def voice_items(self, width: int) -> list[pager.Item]:
        """What stakeholders said about the turn, each line with the speaker's face (game.session.reactions)."""
        theme = self.theme
        session = self.play.session
        views = {v.id: v for v in self.play.view().stakeholders}
        items: list[pager.Item] = []
        for said in session.reactions():
            view = views.get(said.who)
            if view is None:
                continue
            face = map_faces.portrait_of(session, view, theme.px(portrait.FACE))

            def make(rect: pygame.Rect, face: pygame.Surface = face, name: str = said.name, words: str = said.text,
                     key: str = f"voice:{said.who}") -> Widget:
                return portrait.VoiceRow(rect, face, name, words, key=key)

            items.append(pager.Item(portrait.voice_height(theme, said.text, width), make, theme.px(4), counted=False))
        return items

    def voices(self, widgets: list[Widget], room: pygame.Rect) -> int:
        """The "What they said" block in ``room`` (as many lines as fit, the most pressing first; nothing when
        nobody spoke or none fits); returns the y under it."""
        theme = self.theme
        sub = theme.font("subheading").get_linesize() + theme.px(4)
        fitting: list[pager.Item] = []
        used = sub + theme.px("gap")
        for item in self.voice_items(room.width):
            if used + item.height + item.gap > room.height:
                break
            fitting.append(item)
            used += item.height + item.gap
        if not fitting:
            return room.top
        widgets.append(TextBlock(pygame.Rect(room.left, room.top, room.width, sub), t("summary.voices"), role="subheading"))
        y = room.top + sub
        for item in fitting:
            widgets.append(item.make(pygame.Rect(room.left, y, room.width, item.height)))
            y += item.height + item.gap
        return y + theme.px("gap")

    def continue_button(self, frame: layout.Frame) -> Button:
        theme = self.theme
        _, rect = layout.row(frame.footer_band(theme.px("button_height")), [layout.Share(), theme.px(220)])
        label = t("summary.see_ending") if self.play.session.is_over else t("summary.next_turn")
        return Button(rect, label, Continue(), primary=True, key="continue", shortcut="Enter")

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        if self.compact():
            return self.build_compact(area)
        theme = self.theme
        play = self.play
        frame = layout.screen_frame(theme, area)
        gap = frame.gap
        did, why = layout.row(frame.body, [layout.Share(), layout.Share()], frame.margin)
        left, right = Panel(did, t("summary.did")), Panel(why, t("summary.why"))
        widgets: list[Widget] = [left, right]
        inner = left.inner(theme)
        y = inner.top
        small = theme.font("small")
        for words, role in self.did_lines():
            font = theme.font(role)
            h = min(text.wrapped_height(words, font, inner.width), 3 * font.get_linesize())
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), words, role=role, max_lines=3))
            y += h + theme.px(2)
        y += gap
        # Every stakeholder's row keeps its room; what they said takes what is left above them.
        rows_h = theme.font("subheading").get_linesize() + theme.px(4) + len(play.view().stakeholders) * (small.get_linesize() + theme.px(6))
        y = self.voices(widgets, pygame.Rect(inner.left, y, inner.width, inner.bottom - y - rows_h))
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, theme.font("subheading").get_linesize()), t("summary.stakeholders"), role="subheading"))
        y += theme.font("subheading").get_linesize() + theme.px(4)
        view = play.view()
        row = max(small.get_linesize() + theme.px(6), min(theme.px(30), (inner.bottom - y) // max(1, len(view.stakeholders))))
        reasons = describe.last_reasons(play.session)
        for s in view.stakeholders:
            if y + row > inner.bottom:
                break
            widgets.append(ChangeRow(pygame.Rect(inner.left, y, inner.width, row), s, self.change_tip(s, reasons)))
            y += row

        # The numbers, then why they moved, paged when a busy turn has more than the panel holds.
        paged = pager.lay_out(theme, self.why_items(right.inner(theme).width), right.inner(theme), self.list_page, "list")
        self.list_page = paged.page
        widgets.extend(paged.widgets)
        widgets.append(self.continue_button(frame))
        return widgets

    def build_compact(self, area: pygame.Rect) -> list[Widget]:
        """A projector's canvas: one panel at a time across the whole width, chosen by tabs (N switches), its list paged."""
        theme = self.theme
        frame = layout.screen_frame(theme, area)
        tabs, body = layout.column(frame.body, [theme.font("body_bold").get_linesize() + theme.px(10), layout.Share()])
        labels = {"did": t("summary.did"), "why": t("summary.why")}
        widgets: list[Widget] = tab_row(theme, tabs, [(v, labels[v]) for v in VIEWS], self.view_name, tooltip=t("summary.tab.tip"))
        panel = Panel(body, "")  # the chosen tab is its title
        widgets.append(panel)
        inner = panel.inner(theme)
        items = self.compact_items(inner.width)
        paged = pager.lay_out(theme, items, inner, self.list_page, "list")
        self.list_page = paged.page
        widgets.extend(paged.widgets)
        widgets.append(self.continue_button(frame))
        return widgets

    def compact_items(self, width: int) -> list[pager.Item]:
        """The chosen tab's entries, each with the height that shows it whole at ``width``."""
        theme = self.theme
        items: list[pager.Item] = []
        if self.view_name == "did":
            items.extend(pager.text_item(theme, words, role, width, gap=theme.px(2), counted=False) for words, role in self.did_lines())
            if items:
                items[-1] = replace(items[-1], gap=theme.px("gap"))
            voices = self.voice_items(width)
            if voices:
                items.append(pager.text_item(theme, t("summary.voices"), "subheading", width, gap=theme.px(2), counted=False))
                items.extend(voices)
            items.append(pager.text_item(theme, t("summary.stakeholders"), "subheading", width, gap=theme.px(2), counted=False))
            reasons = describe.last_reasons(self.play.session)
            items.extend(change_items(theme, [(s, self.change_tip(s, reasons)) for s in self.play.view().stakeholders], width))
        else:
            items.extend(self.why_items(width))
        return items

    def why_items(self, width: int) -> list[pager.Item]:
        """The numbers after the turn, then why each moved, each shown whole at ``width``."""
        theme = self.theme
        items = [pager.text_item(theme, words, "small_bold", width, gap=theme.px(2), key=key, tooltip=tip, counted=False)
                 for words, key, tip in self.number_lines()]
        if items:
            items[-1] = replace(items[-1], gap=theme.px("gap"))
        items.extend(pager.text_item(theme, words, role, width, key=key, tooltip=tip, counted=role != "small")
                     for words, role, key, tip in self.why_lines())
        return items

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key == "continue"), None)

    def draw_under(self, surface: pygame.Surface) -> None:
        outcome = self.play.outcomes[-1] if self.play.outcomes else None
        turn = outcome.report.turn if outcome else self.play.view().turn
        label = self.play.view().turn_label
        title = t("summary.header", label=label, turn=turn)
        if self.compact():
            wide_header(self, surface, title, self.play.session.title)
        else:
            self.header(surface, title, self.play.session.title)

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if pager.key_step(event.key):
            return self.on_intent(PageStep(pager.key_step(event.key)))
        if not self.compact():
            return None
        if event.key == pygame.K_n:
            return self.on_intent(SwitchView(next_view(list(VIEWS), self.view_name)))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case SwitchView(view) if view in VIEWS:
                self.view_name = view
                open_tab(self, view)
            case PageStep(step):
                turn_page(self, step)
            case Continue():
                from game.ui import flow

                return flow.screen_for(self.app, self.play)
        return None

    def autoplay_step(self) -> Screen | None:
        return self.on_intent(Continue())
