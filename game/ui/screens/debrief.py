"""The debrief: how it ended, what the player's style cost and bought, and questions to reflect on.

Three pages (overview, charts, timeline) switch with the tab buttons or the
left and right keys' neighbours 1–3; Export saves a PNG of each page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game import paths
from game.session.views import MetricView
from game.ui import charts, describe, text
from game.ui.play import Playthrough
from game.ui.screens.base import Screen
from game.ui.screens.summary import ChangeRow
from game.ui.widgets.base import Intent, Widget, WidgetState
from game.ui.widgets.controls import Button, Panel, Stat, TextBlock

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme

PAGES = ("Overview", "Charts", "Timeline")
OUTCOME_WORDS = {"success": "Success", "partial": "Partial success", "failure": "Failure"}


def _metric_format(view: MetricView) -> Callable[[float], str]:
    return lambda value: describe.metric_value(view, value)


class StanceScale(Widget):
    """Where the player sat between partner and push, with the counts behind it."""

    def __init__(self, rect: pygame.Rect, partner: int, push: int, neutral: int) -> None:
        total = partner + push
        tip = (
            f"You made {partner} partnership moves and {push} pushes ({neutral} neutral), counting actions and event choices. "
            "The marker sits at the share of pushes among them."
        )
        super().__init__(rect, tooltip=tip, key="stance")
        self.share = push / total if total else 0.5
        self.partner, self.push = partner, push

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))
        bold, small = theme.font("small_bold"), theme.font("small")
        track = pygame.Rect(self.rect.left + theme.px(90), self.rect.centery - theme.px(5), self.rect.width - theme.px(180), theme.px(10))
        left_colour, right_colour = theme.colour("partner"), theme.colour("push")
        for i in range(track.width):
            colour = left_colour.lerp(right_colour, i / max(1, track.width - 1))
            pygame.draw.line(surface, colour, (track.left + i, track.top), (track.left + i, track.bottom))
        text.draw(surface, f"Partner ({self.partner})", bold, theme.colour("text"), (track.left - theme.px(8), track.centery), "midright")
        text.draw(surface, f"Push ({self.push})", bold, theme.colour("text"), (track.right + theme.px(8), track.centery), "midleft")
        x = track.left + round(track.width * self.share)
        marker = [(x, track.top - theme.px(3)), (x - theme.px(8), track.top - theme.px(15)), (x + theme.px(8), track.top - theme.px(15))]
        pygame.draw.polygon(surface, theme.colour("text"), marker)
        text.draw(surface, "you", small, theme.colour("text"), (x, track.bottom + theme.px(3)), "midtop")


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app: App, play: Playthrough, page: int = 0) -> None:
        super().__init__(app)
        self.play = play
        self.page = page
        self.charts_area = pygame.Rect(0, 0, 0, 0)

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        theme = self.theme
        m, gap = theme.px("margin"), theme.px("gap")
        top = theme.px("header_height") + gap
        bottom = area.height - theme.px("footer_height")
        widgets: list[Widget] = []
        tab_w = theme.px(130)
        button_h = theme.px("button_height")
        for i, name in enumerate(PAGES):
            tab = Button(pygame.Rect(m + i * (tab_w + gap), top, tab_w, button_h), name, Intent("page", i), primary=i == self.page, key=f"page:{i}",
                         shortcut=str(i + 1))
            widgets.append(tab)
        body = pygame.Rect(m, top + button_h + gap, area.width - 2 * m, bottom - top - button_h - 2 * gap)
        if self.page == 0:
            self._overview(widgets, body)
        elif self.page == 1:
            self.charts_area = body
        else:
            self._timeline(widgets, body)
        y = bottom + (theme.px("footer_height") - button_h) // 2
        widgets.append(Button(pygame.Rect(m, y, theme.px(200), button_h), "Export pictures", Intent("export"), key="export",
                              tooltip="Save a PNG of each debrief page in your game folder, for a workshop or a report."))
        widgets.append(Button(pygame.Rect(area.width - m - theme.px(200), y, theme.px(200), button_h), "Title screen", Intent("title"), primary=True, key="title"))
        widgets.append(Button(pygame.Rect(area.width - m - theme.px(410), y, theme.px(200), button_h), "Replay, same luck", Intent("replay"), key="replay",
                              tooltip="Play this scenario again with the same seed: the dice fall the same way, so only your decisions differ."))
        return widgets

    def _overview(self, widgets: list[Widget], body: pygame.Rect) -> None:
        theme = self.theme
        gap = theme.px("gap")
        session = self.play.session
        ending = session.ending
        left = Panel(pygame.Rect(body.left, body.top, int(body.width * 0.55), body.height), "")
        right = Panel(pygame.Rect(left.rect.right + gap, body.top, body.width - left.rect.width - gap, body.height), "Questions to reflect on")
        widgets.extend([left, right])
        inner = left.inner(theme)
        heading = theme.font("heading")
        title = ending.title if ending else "The game ended"
        widgets.append(TextBlock(pygame.Rect(inner.left, inner.top, inner.width, heading.get_linesize()), title, role="heading", max_lines=1))
        y = inner.top + heading.get_linesize() + gap
        stat_w = (inner.width - 2 * gap) // 3
        stat_h = theme.px(50)
        outcome = OUTCOME_WORDS.get(ending.outcome, ending.outcome) if ending else "—"
        score = ending.score if ending else session.score
        widgets.append(Stat(pygame.Rect(inner.left, y, stat_w, stat_h), "Outcome", outcome, "The class of ending you reached: success, partial success or failure.", key="outcome"))
        widgets.append(Stat(pygame.Rect(inner.left + stat_w + gap, y, stat_w, stat_h), "Score", f"{score:.0f} / 100",
                            "The scenario's score: closeness of each metric to its target, programme progress, and power-weighted trust and support at the end.", key="score"))
        turns = len(session.history)
        widgets.append(Stat(pygame.Rect(inner.left + 2 * (stat_w + gap), y, stat_w, stat_h), "Turns played", f"{turns} of {session.scenario.meta.turns}",
                            "A game can end early when a failure condition holds.", key="turns"))
        y += stat_h + gap
        counts = session.stance_counts()
        widgets.append(StanceScale(pygame.Rect(inner.left, y, inner.width, theme.px(44)), counts.partner, counts.push, counts.neutral))
        y += theme.px(44) + gap
        story = ending.text if ending else ""
        story_h = min(text.wrapped_height(story, theme.font("body"), inner.width), (inner.bottom - y) // 2)
        widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, story_h), story))
        y += story_h + gap
        self._relationships(widgets, pygame.Rect(inner.left, y, inner.width, inner.bottom - y))
        inner = right.inner(theme)
        y = inner.top
        body_font = theme.font("body")
        questions = session.questions or ["What would you do differently, and why?"]
        for i, question in enumerate(questions):
            words = f"{i + 1}. {question}"
            h = text.wrapped_height(words, body_font, inner.width)
            if y + h > inner.bottom:
                break
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), words))
            y += h + gap
        objectives = [session.names.text(o) for o in session.scenario.debrief.objectives]
        if objectives and y + 2 * body_font.get_linesize() < inner.bottom:
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, theme.font("subheading").get_linesize()), "What this scenario teaches", role="subheading"))
            y += theme.font("subheading").get_linesize() + theme.px(4)
            small = theme.font("small")
            for objective in objectives:
                h = text.wrapped_height(f"• {objective}", small, inner.width)
                if y + h > inner.bottom:
                    break
                widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), f"• {objective}", role="small"))
                y += h

    def _relationships(self, widgets: list[Widget], rect: pygame.Rect) -> None:
        """Each stakeholder's trust and support at the end, with the change since the start."""
        theme = self.theme
        session = self.play.session
        sub = theme.font("subheading")
        small = theme.font("small")
        if rect.height < sub.get_linesize() + 2 * small.get_linesize():
            return
        widgets.append(TextBlock(pygame.Rect(rect.left, rect.top, rect.width, sub.get_linesize()), "Where everyone ended, against the start", role="subheading"))
        y = rect.top + sub.get_linesize() + theme.px(4)
        start = {s.id: s for s in session.scenario.stakeholders}
        views = session.view().stakeholders
        row = max(small.get_linesize() + theme.px(2), min(theme.px(26), (rect.bottom - y) // max(1, len(views))))
        for view in sorted(views, key=lambda v: -v.power):
            if y + row > rect.bottom:
                break
            first = start[view.id]
            since = replace(view, trust_change=view.trust - first.trust, support_change=view.support - first.support, blocked=False)
            tip = (
                f"{view.name}: trust {first.trust * 100:.0f}% at the start, {view.trust * 100:.0f}% at the end; "
                f"support {first.support * 100:.0f}% at the start, {view.support * 100:.0f}% at the end."
            )
            widgets.append(ChangeRow(pygame.Rect(rect.left, y, rect.width, row), since, tip))
            y += row

    def _timeline(self, widgets: list[Widget], body: pygame.Rect) -> None:
        theme = self.theme
        session = self.play.session
        panel = Panel(body, "Your decisions, turn by turn")
        widgets.append(panel)
        inner = panel.inner(theme)
        small = theme.font("small")
        label = session.names.text(session.scenario.meta.turn_label)
        actions = {a.id: a for a in session.scenario.actions}
        events = {e.id: e for e in session.scenario.events}
        rows = []
        for record in session.history:
            parts = []
            for d in record.decisions:
                action = actions.get(d.action)
                name = session.names.actions.get(d.action, d.action)
                target = ""
                if d.target:
                    kind = "progress" if d.target in session.names.programmes else "trust"
                    target = f": {session.names.subject(kind, d.target)}"
                stance = f" [{action.stance}]" if action is not None and action.stance != "neutral" else ""
                parts.append(f"{name}{target}{stance}")
            words = "; ".join(parts) or "no action"
            for event_id, index in record.choices:
                event = events.get(event_id)
                if event is not None and 0 <= index < len(event.choices):
                    words += f" · {session.names.text(event.title)}: “{session.names.text(event.choices[index].text)}”"
            score = f" · score {record.after.score:.0f}" if record.after is not None else ""
            rows.append(f"{label} {record.turn}: {words}{score}")
        y = inner.top
        two_lines = 2 * round(small.get_linesize() * 1.15)
        for words in rows:
            h = min(text.wrapped_height(words, small, inner.width), two_lines)
            if y + h > inner.bottom:
                widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, small.get_linesize()), "…", role="small"))
                break
            widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, h), words, role="small", max_lines=2))
            y += h + theme.px(3)

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key == f"page:{self.page}"), None)

    def draw_under(self, surface: pygame.Surface) -> None:
        session = self.play.session
        self.header(surface, "Debrief", f"{session.title} · seed {session.seed}")
        if self.page == 1:
            self._draw_charts(surface, self.charts_area)

    def _draw_charts(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.theme
        session = self.play.session
        gap = theme.px("gap")
        label = session.names.text(session.scenario.meta.turn_label).lower()
        cells: list[tuple[str, list[charts.Series], tuple[float, float], Callable[[float], str], float | None]] = []
        stakeholders = session.scenario.stakeholders
        cells.append(("Trust in you, per stakeholder", [charts.Series(session.names.stakeholders[s.id], describe.trust_history(session, s.id), i) for i, s in enumerate(stakeholders)], (0.0, 1.0), charts.percent, None))
        cells.append(("Support for the change, per stakeholder", [charts.Series(session.names.stakeholders[s.id], describe.support_history(session, s.id), i) for i, s in enumerate(stakeholders)], (0.0, 1.0), charts.percent, None))
        cells.append(("Programme progress", [charts.Series(session.names.programmes[p.id], describe.progress_history(session, p.id), i) for i, p in enumerate(session.scenario.programmes)], (0.0, 1.0), charts.percent, None))
        cells.append(("Score (0–100)", [charts.Series("score after each turn", describe.score_history(session), 0, start=1)], (0.0, 100.0), lambda v: f"{v:.0f}", None))
        for metric in session.scenario.metrics[:2]:
            view = next(m for m in session.view().metrics if m.id == metric.id)
            cells.append((f"{view.name} ({view.unit})" if view.unit else view.name, [charts.Series(view.name, describe.metric_history(session, metric.id), 0)],
                          (metric.min, metric.max), _metric_format(view), metric.target))
        # Trust and support (one line per stakeholder) get the big top row; the rest share the bottom row.
        top_h = int(area.height * 0.56)
        half = (area.width - gap) // 2
        rest = cells[2:]
        rest_w = (area.width - (len(rest) - 1) * gap) // max(1, len(rest))
        rects = [pygame.Rect(area.left + i * (half + gap), area.top, half, top_h) for i in range(2)]
        rects += [pygame.Rect(area.left + i * (rest_w + gap), area.top + top_h + gap, rest_w, area.height - top_h - gap) for i in range(len(rest))]
        for rect, (title, series, y_range, fmt, target) in zip(rects, cells, strict=True):
            Panel(rect).draw(surface, theme, WidgetState())
            inner = rect.inflate(-2 * theme.px("padding"), -2 * theme.px("padding"))
            charts.line_chart(surface, theme, inner, title, series, y_range=y_range, y_format=fmt, x_label=label, target=target)

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if pygame.K_1 <= event.key <= pygame.K_3:
            return self.on_intent(Intent("page", event.key - pygame.K_1))
        if event.key == pygame.K_ESCAPE:
            return self.on_intent(Intent("title"))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        if intent.name == "page" and isinstance(intent.value, int):
            self.page = intent.value
            self.layout()
            self.group.focus_key(f"page:{self.page}")
            self.app.shot_pending = self.app.shots_dir is not None
            return None
        if intent.name == "export":
            self.export()
            return None
        if intent.name == "replay":
            from game.ui import flow

            session = self.play.session
            return flow.start(self.app, session.scenario, session.source_path, session.seed)
        if intent.name == "title":
            from game.ui.screens.title import TitleScreen

            self.app.play = None
            return TitleScreen(self.app)
        return None

    def export(self) -> list[Path]:
        """Draw each page off screen and save it as a PNG; returns the files written."""
        session = self.play.session
        folder = paths.data_dir() / "exports"
        written: list[Path] = []
        current = self.page
        surface = pygame.Surface(self.app.surface.get_size())
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for i, name in enumerate(PAGES):
                self.page = i
                self.layout()
                self.draw(surface)
                path = folder / f"{session.scenario_id}-seed{session.seed}-{name.lower()}.png"
                pygame.image.save(surface, str(path))
                written.append(path)
        except (OSError, pygame.error) as exc:
            self.app.notify(f"Could not export the debrief to {folder}: {exc}")
        finally:
            self.page = current
            self.layout()
        if written:
            self.app.notify(f"Saved {len(written)} pictures in {folder}")
        return written
