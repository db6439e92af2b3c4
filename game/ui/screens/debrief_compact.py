"""The debrief on a narrow canvas (a projector's scale): one panel at a time, every name and question whole.

The overview and the What if page split their panels into tabs under the page
buttons (N switches); long lists (stakeholders, questions, turns) go a page at
a time (Page Up and Page Down) with a cue saying how many more there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t
from game.ui import charts, layout, text
from game.ui.screens import whatif_page
from game.ui.widgets import pager
from game.ui.widgets.base import Widget
from game.ui.widgets.change_row import change_items
from game.ui.widgets.controls import Panel, TextBlock
from game.ui.widgets.tabs import tab_row

if TYPE_CHECKING:
    from game.session.views import StakeholderView
    from game.ui.screens.debrief import DebriefScreen

# The tabs of each debrief page that has them, by page index (overview, charts, timeline, what if).
VIEWS: dict[int, tuple[str, ...]] = {0: ("outcome", "people", "questions"), 1: ("trust", "support", "system"), 3: ("styles", "pivotal")}
# A chart: its title, its lines, the y range, how y values read, and the target line if any.
Cell = tuple[str, list[charts.Series], tuple[float, float], Callable[[float], str], float | None]
LIST_KEY = "list"


def view_label(view: str) -> str:
    return {
        "outcome": t("debrief.tab.outcome"),
        "people": t("debrief.tab.people"),
        "questions": t("debrief.questions"),
        "trust": t("debrief.chart.trust"),
        "support": t("debrief.chart.support"),
        "system": t("debrief.tab.system"),
        "styles": t("whatif.styles"),
        "pivotal": t("whatif.pivotal_heading"),
    }[view]


def build_body(screen: DebriefScreen, widgets: list[Widget], body: pygame.Rect) -> None:
    """The chosen page's body inside ``body`` (below the page buttons)."""
    theme = screen.theme
    views = VIEWS.get(screen.page)
    if views:
        tabs, body = layout.column(body, [theme.font("body_bold").get_linesize() + theme.px(10), layout.Share()])
        widgets.extend(tab_row(theme, tabs, [(v, view_label(v)) for v in views], screen.view_for_page(), tooltip=t("debrief.tab.tip")))
    if screen.page == 0:
        panel = Panel(body, "")
        widgets.append(panel)
        inner = panel.inner(theme)
        chosen = screen.view_for_page()
        if chosen == "outcome":
            screen.outcome_widgets(widgets, inner)
        elif chosen == "people":
            paged(screen, widgets, people_items(screen, inner.width), inner)
        else:
            paged(screen, widgets, question_items(screen, inner.width), inner)
    elif screen.page == 1:
        screen.charts_area = body
    elif screen.page == 2:
        panel = Panel(body, t("debrief.timeline"))
        widgets.append(panel)
        inner = panel.inner(theme)
        small = theme.font("small")
        items = [pager.text_item(theme, words, "small", inner.width, gap=theme.px(3)) for words in screen.timeline_rows()]
        if not items:
            widgets.append(TextBlock(pygame.Rect(inner.left, inner.top, inner.width, small.get_linesize()), t("timeline.no_action"), role="small"))
        paged(screen, widgets, items, inner)
    else:
        job = screen.play.what_if()
        widgets.extend(whatif_page.build(theme, screen.play.session, job.result(), job.error, body, only=screen.view_for_page()))


def paged(screen: DebriefScreen, widgets: list[Widget], items: list[pager.Item], rect: pygame.Rect) -> None:
    result = pager.lay_out(screen.theme, items, rect, screen.list_page, LIST_KEY)
    screen.list_page = result.page
    widgets.extend(result.widgets)


def people_items(screen: DebriefScreen, width: int) -> list[pager.Item]:
    """Each stakeholder's trust and support at the end, with the change since the start, most powerful first."""
    session = screen.play.session
    start = {s.id: s for s in session.scenario.stakeholders}
    rows: list[tuple[StakeholderView, str]] = []
    for view in sorted(session.view().stakeholders, key=lambda v: -v.power):
        first = start[view.id]
        since = replace(view, trust_change=view.trust - first.trust, support_change=view.support - first.support, blocked=False)
        tip = t("debrief.relationship_tip", name=view.name, trust0=percent(first.trust), trust=percent(view.trust),
                support0=percent(first.support), support=percent(view.support))
        rows.append((since, tip))
    intro = pager.text_item(screen.theme, t("debrief.relationships"), "subheading", width, gap=screen.theme.px(4), counted=False)
    return [intro, *change_items(screen.theme, rows, width)]


def question_items(screen: DebriefScreen, width: int) -> list[pager.Item]:
    """The reflection questions in body text, each whole, then what the scenario teaches."""
    theme = screen.theme
    session = screen.play.session
    gap = theme.px("gap")
    items = [pager.text_item(theme, f"{i + 1}. {q}", "body", width, gap=gap) for i, q in enumerate(session.questions)]
    objectives = [session.names.text(o) for o in session.scenario.debrief.objectives]
    if objectives:
        items.append(pager.text_item(theme, t("debrief.teaches"), "subheading", width, gap=theme.px(4), counted=False))
        items.extend(pager.text_item(theme, f"• {o}", "small", width, counted=False) for o in objectives)
    return items


def title_lines(screen: DebriefScreen, title: str, width: int) -> int:
    """How many lines the ending's title takes in the heading face (at most two)."""
    return min(2, len(text.wrap(title, screen.theme.font("heading"), width)))


def chart_cells(view: str, cells: list[Cell], area: pygame.Rect, gap: int) -> tuple[list[pygame.Rect], list[Cell]]:
    """The charts of the chosen tab and where each goes: trust or support alone across the area (every
    stakeholder named whole beside it), or the programmes, score and measures two by two."""
    if view in ("trust", "support"):
        return [area], [cells[0 if view == "trust" else 1]]
    rest = cells[2:]
    columns = 2 if len(rest) > 1 else 1
    rows = (len(rest) + columns - 1) // columns
    return layout.grid(area, columns, [layout.Share()] * rows, gap)[: len(rest)], rest
