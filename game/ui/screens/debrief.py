"""The debrief: how it ended, what the player's style cost and bought, and questions to reflect on.

Four pages (overview, charts, timeline, what if) switch with the tab buttons
or the keys 1–4. Export saves a PNG of each page, or one self-contained HTML
page with the pictures inside it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game import paths
from game.i18n import percent, t, t_count
from game.ui import layout, map_faces, text
from game.ui.intents import (
    ExportHtml,
    ExportPictures,
    Intent,
    PageStep,
    Replay,
    ShowPage,
    SwitchView,
    ToTitle,
)
from game.ui.play import Playthrough
from game.ui.screens import debrief_compact, debrief_pages, whatif_page
from game.ui.screens.base import Screen
from game.ui.widgets import pager
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.change_row import ChangeRow
from game.ui.widgets.controls import Button, Panel, TextBlock
from game.ui.widgets.pager import open_tab, turn_page
from game.ui.widgets.portrait import FaceMark
from game.ui.widgets.stat import Stat
from game.ui.widgets.tabs import next_view

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme

PAGES = ("overview", "charts", "timeline", "whatif")
WHAT_IF_POLL_MS = 100  # how often the What if page looks for the background job's answer


def _png(surface: pygame.Surface) -> bytes:
    """A picture as the bytes of a PNG file."""
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "png")
    return buffer.getvalue()


def page_name(page: str) -> str:
    return t(f"debrief.page.{page}")


def outcome_title(outcome: str) -> str:
    return t(f"outcome.{outcome}") if outcome in ("success", "partial", "failure") else outcome


class StanceScale(Widget):
    """Where the player sat between partner and push, with the counts behind it."""

    def __init__(self, rect: pygame.Rect, partner: int, push: int, neutral: int) -> None:
        total = partner + push
        tip = t("debrief.stance.tip", partner=t_count("count.partner_moves", partner, n=partner),
                push=t_count("count.pushes", push, n=push), neutral=t_count("count.neutral", neutral, n=neutral))
        super().__init__(rect, tooltip=tip, key="stance")
        self.share = push / total if total else 0.5
        self.partner, self.push = partner, push

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))
        bold, small = theme.font("small_bold"), theme.font("small")
        left_w = bold.size(t("debrief.stance.partner", count=self.partner))[0] + theme.px(12)
        right_w = bold.size(t("debrief.stance.push", count=self.push))[0] + theme.px(12)
        track = pygame.Rect(self.rect.left + left_w, self.rect.centery - theme.px(5), self.rect.width - left_w - right_w, theme.px(10))
        left_colour, right_colour = theme.colour("partner"), theme.colour("push")
        for i in range(track.width):
            colour = left_colour.lerp(right_colour, i / max(1, track.width - 1))
            pygame.draw.line(surface, colour, (track.left + i, track.top), (track.left + i, track.bottom))
        text.draw(surface, t("debrief.stance.partner", count=self.partner), bold, theme.colour("text"), (track.left - theme.px(8), track.centery), "midright")
        text.draw(surface, t("debrief.stance.push", count=self.push), bold, theme.colour("text"), (track.right + theme.px(8), track.centery), "midleft")
        x = track.left + round(track.width * self.share)
        marker = [(x, track.top - theme.px(3)), (x - theme.px(8), track.top - theme.px(15)), (x + theme.px(8), track.top - theme.px(15))]
        pygame.draw.polygon(surface, theme.colour("text"), marker)
        text.draw(surface, t("debrief.stance.you"), small, theme.colour("text"), (x, track.bottom + theme.px(3)), "midtop")


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app: App, play: Playthrough, page: int = 0) -> None:
        super().__init__(app)
        self.play = play
        self.page = page
        self.charts_area = pygame.Rect(0, 0, 0, 0)
        self._what_if_shown = True
        self.views: dict[int, str] = {}  # the compact layout's chosen tab on each page that has tabs
        self.list_page = 0  # the compact layout's page of a long list (stakeholders, questions, turns)

    def compact(self) -> bool:
        return self.theme.compact(self.app.surface.get_size())

    def view_for_page(self) -> str:
        views = debrief_compact.VIEWS.get(self.page, ("",))
        return self.views.get(self.page, views[0])

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        frame = layout.screen_frame(theme, area)
        m, gap = frame.margin, frame.gap
        widgets: list[Widget] = []
        button_h = theme.px("button_height")
        tabs, body = layout.column(frame.body, [button_h, layout.Share()], gap)
        for i, (name, rect) in enumerate(zip(PAGES, layout.row(tabs, [theme.px(150)] * len(PAGES), gap), strict=True)):
            widgets.append(Button(rect, page_name(name), ShowPage(i), primary=i == self.page, key=f"page:{i}", shortcut=str(i + 1)))
        if self.compact():
            debrief_compact.build_body(self, widgets, body)
        elif self.page == 0:
            self._overview(widgets, body)
        elif self.page == 1:
            self.charts_area = body
        elif self.page == 2:
            widgets.extend(debrief_pages.timeline(self.theme, self.play.session, body))
        else:
            job = self.play.what_if()
            widgets.extend(whatif_page.build(theme, self.play.session, job.result(), job.error, body))
        button_w = min(theme.px(210), (area.width - 2 * m - 4 * gap) // 4)
        export, export_html, _, replay, title = layout.row(frame.footer_band(button_h), [button_w, button_w, layout.Share(), button_w, button_w], gap)
        widgets.append(Button(export, t("debrief.export"), ExportPictures(), key="export", tooltip=t("debrief.export.tip")))
        widgets.append(Button(export_html, t("debrief.export_html"), ExportHtml(), key="export_html", tooltip=t("debrief.export_html.tip")))
        widgets.append(Button(title, t("menu.title"), ToTitle(), primary=True, key="title"))
        widgets.append(Button(replay, t("debrief.replay"), Replay(), key="replay", tooltip=t("debrief.replay.tip")))
        return widgets

    def _overview(self, widgets: list[Widget], body: pygame.Rect) -> None:
        theme = self.theme
        gap = theme.px("gap")
        session = self.play.session
        story_rect, questions_rect = layout.row(body, [int(body.width * 0.55), layout.Share()], gap)
        left, right = Panel(story_rect, ""), Panel(questions_rect, t("debrief.questions"))
        widgets.extend([left, right])
        inner = left.inner(theme)
        y = self.outcome_widgets(widgets, inner)
        self._relationships(widgets, pygame.Rect(inner.left, y, inner.width, inner.bottom - y))
        inner = right.inner(theme)
        y = inner.top
        body_font = theme.font("body")
        questions = [f"{i + 1}. {q}" for i, q in enumerate(session.questions)]
        # Every question in body text when they fit (a laptop), in the smaller role otherwise (a projector's scale).
        needed = sum(text.wrapped_height(q, body_font, inner.width) + gap for q in questions)
        role = "body" if needed <= inner.height else "small"
        for words in questions:
            # A question taller than the room left is shown cut at the panel's foot, not dropped.
            h = min(text.wrapped_height(words, theme.font(role), inner.width), inner.bottom - y)
            if h < theme.font(role).get_linesize():
                break
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), words, role=role))
            y += h + gap
        objectives = [session.names.text(o) for o in session.scenario.debrief.objectives]
        if objectives and y + 2 * body_font.get_linesize() < inner.bottom:
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, theme.font("subheading").get_linesize()), t("debrief.teaches"), role="subheading"))
            y += theme.font("subheading").get_linesize() + theme.px(4)
            small = theme.font("small")
            for objective in objectives:
                h = text.wrapped_height(f"• {objective}", small, inner.width)
                if y + h > inner.bottom:
                    break
                widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), f"• {objective}", role="small"))
                y += h

    def outcome_widgets(self, widgets: list[Widget], inner: pygame.Rect) -> int:
        """How it ended: the ending's title, the outcome, score and turns, the stance scale and the story; returns the y below."""
        theme = self.theme
        gap = theme.px("gap")
        session = self.play.session
        ending = session.ending
        heading = theme.font("heading")
        title = ending.title if ending else t("debrief.ended")
        # On a projector's canvas a long title takes a second line rather than lose its end.
        lines = debrief_compact.title_lines(self, title, inner.width) if self.compact() else 1
        title_h = lines * round(heading.get_linesize() * 1.15) if lines > 1 else heading.get_linesize()
        heading_rect, stats, scale, rest = layout.column(inner, [title_h, theme.px(50), theme.px(44), layout.Share()], gap)
        widgets.append(TextBlock(heading_rect, title, role="heading", max_lines=lines))
        outcome_cell, score_cell, turns_cell = layout.row(stats, [layout.Share()] * 3, gap)
        outcome = outcome_title(ending.outcome) if ending else "—"
        score = ending.score if ending else session.score
        widgets.append(Stat(outcome_cell, t("debrief.outcome"), outcome, t("debrief.outcome.tip"), key="outcome"))
        widgets.append(Stat(score_cell, t("debrief.score"), t("debrief.score.value", score=f"{score:.0f}"), t("debrief.score.tip"), key="score"))
        turns = len(session.history)
        widgets.append(Stat(turns_cell, t("debrief.turns"), t("turn.time_left.value", left=turns, budget=session.scenario.meta.turns),
                            t("debrief.turns.tip"), key="turns"))
        counts = session.stance_counts()
        widgets.append(StanceScale(scale, counts.partner, counts.push, counts.neutral))
        y = rest.top
        story = ending.text if ending else ""
        room = inner.bottom - y if self.compact() else (inner.bottom - y) // 2
        story_role = "body" if text.wrapped_height(story, theme.font("body"), inner.width) <= room else "small"
        story_h = min(text.wrapped_height(story, theme.font(story_role), inner.width), room)
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, story_h), story, role=story_role))
        return y + story_h + gap

    def _relationships(self, widgets: list[Widget], rect: pygame.Rect) -> None:
        """Each stakeholder's trust and support at the end, with the change since the start."""
        theme = self.theme
        session = self.play.session
        sub = theme.font("subheading")
        small = theme.font("small")
        if rect.height < sub.get_linesize() + 2 * small.get_linesize():
            return
        widgets.append(TextBlock(pygame.Rect(rect.left, rect.top, rect.width, sub.get_linesize()), t("debrief.relationships"), role="subheading"))
        y = rect.top + sub.get_linesize() + theme.px(4)
        start = {s.id: s for s in session.scenario.stakeholders}
        views = session.view().stakeholders
        row = max(small.get_linesize() + theme.px(2), min(theme.px(26), (rect.bottom - y) // max(1, len(views))))
        for view in sorted(views, key=lambda v: -v.power):
            if y + row > rect.bottom:
                break
            first = start[view.id]
            since = replace(view, trust_change=view.trust - first.trust, support_change=view.support - first.support, blocked=False)
            tip = t("debrief.relationship_tip", name=view.name, trust0=percent(first.trust), trust=percent(view.trust),
                    support0=percent(first.support), support=percent(view.support))
            # The face the stakeholder ends the game with, before its row.
            size = row - theme.px(2)
            widgets.append(FaceMark(pygame.Rect(rect.left, y, row, row), map_faces.portrait_of(session, view, size)))
            widgets.append(ChangeRow(pygame.Rect(rect.left + row + theme.px(4), y, rect.width - row - theme.px(4), row), since, tip))
            y += row

    def timeline_rows(self) -> list[str]:
        return debrief_pages.timeline_rows(self.play.session)

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key == f"page:{self.page}"), None)

    def draw_under(self, surface: pygame.Surface) -> None:
        session = self.play.session
        self.header(surface, t("debrief.header"), t("debrief.header.sub", title=session.title, seed=session.seed))
        if self.page == 1:
            view = self.view_for_page() if self.compact() else ""
            debrief_pages.draw_charts(self.theme, self.play.session, surface, self.charts_area, view)

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        views = debrief_compact.VIEWS.get(self.page)
        if event.key == pygame.K_n and views and self.compact():
            return self.on_intent(SwitchView(next_view(list(views), self.view_for_page())))
        if pager.key_step(event.key) and self.compact():
            return self.on_intent(PageStep(pager.key_step(event.key)))
        if pygame.K_1 <= event.key <= pygame.K_4:
            return self.on_intent(ShowPage(event.key - pygame.K_1))
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(ToTitle())
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case SwitchView(view) if view in debrief_compact.VIEWS.get(self.page, ()):
                self.views[self.page] = view
                open_tab(self, view)
            case PageStep(step):
                turn_page(self, step)
            case ShowPage(page):
                self.page = page
                self.list_page = 0
                self.layout()
                self.group.focus_key(f"page:{self.page}")
                self.app.shot_pending = self.app.shots_dir is not None
            case ExportPictures():
                self.export()
            case ExportHtml():
                self.export_html()
            case Replay():
                from game.ui import flow

                session = self.play.session
                return flow.start(self.app, session.scenario, session.source_path, session.seed)
            case ToTitle():
                self.app.play = None
                return self.app.open("title")
        return None

    def enter(self) -> None:
        self.play.what_if()  # start the counterfactuals now, so the What if page is ready when opened
        super().enter()

    def update(self) -> Screen | None:
        if self.page == PAGES.index("whatif") and not self._what_if_shown and self.play.what_if().done:
            self.layout()  # the answer arrived: show it
            self.app.dirty = True
        return super().update()

    def next_wake_ms(self) -> int | None:
        waits = [w for w in (super().next_wake_ms(),) if w is not None]
        if self.page == PAGES.index("whatif") and not self._what_if_shown:
            waits.append(WHAT_IF_POLL_MS)
        return min(waits) if waits else None

    def layout(self) -> None:
        super().layout()
        self._what_if_shown = self.page != PAGES.index("whatif") or self.play.what_if().done

    def _pictures(self, wait_s: float = 10.0) -> list[tuple[str, pygame.Surface]]:
        """Each page drawn off screen, in order (waiting up to ``wait_s`` for the What if numbers)."""
        self.play.what_if().wait(wait_s)
        current = self.page
        pictures = []
        try:
            for i, name in enumerate(PAGES):
                surface = pygame.Surface(self.app.surface.get_size())
                self.page = i
                self.layout()
                self.draw(surface, tooltips=False)
                pictures.append((name, surface))
        finally:
            self.page = current
            self.layout()
        return pictures

    def _export_folder(self) -> Path:
        return paths.data_dir() / "exports"

    def export(self) -> list[Path]:
        """Draw each page off screen and save it as a PNG (atomically); returns the files written."""
        from game.atomic import write_bytes

        session = self.play.session
        folder = self._export_folder()
        written: list[Path] = []
        try:
            for name, surface in self._pictures():
                path = folder / f"{session.scenario_id}-seed{session.seed}-{name}.png"
                write_bytes(path, _png(surface))
                written.append(path)
        except (OSError, pygame.error) as exc:
            self.app.notify(t("debrief.export_failed", folder=folder, error=exc))
        if written:
            self.app.notify(t_count("debrief.exported", len(written), count=len(written), folder=folder))
        return written

    def export_html(self) -> Path | None:
        """Write the debrief as one self-contained HTML page (pictures embedded); returns its path."""
        from game.session.saves import SaveError, write_bytes_atomic
        from game.ui import debrief_html

        session = self.play.session
        folder = self._export_folder()
        path = folder / f"{session.scenario_id}-seed{session.seed}-debrief.html"
        try:
            pictures = [(page_name(name), _png(surface)) for name, surface in self._pictures()]
            job = self.play.what_if()
            page = debrief_html.render(session, pictures, job.result())
            folder.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, page.encode("utf-8"))
        except (OSError, pygame.error, SaveError) as exc:
            self.app.notify(t("debrief.export_failed", folder=folder, error=exc))
            return None
        self.app.notify(t("debrief.exported_html", path=path))
        return path
