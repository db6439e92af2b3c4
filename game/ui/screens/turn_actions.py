"""The turn screen's action cards (a layout where every name reads whole, and pages past what fits) and the target picker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.session.views import OptionView
from game.ui import forecasting
from game.ui.play import Playthrough
from game.ui.widgets.action_card import ActionCard, card_height, full_size_fits, name_fits
from game.ui.widgets.base import Intent, Widget
from game.ui.widgets.controls import Button, Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Theme

Groups = list[tuple[str, list[OptionView]]]


@dataclass
class Cards:
    """The widgets of the cards (and the pager), the page they show, and their actions in number-key order."""

    widgets: list[Widget]
    page: int
    visible: list[str]


def layout(theme: Theme, rect: pygame.Rect, groups: Groups, gap: int) -> tuple[int, int, int]:
    """Columns, name lines and cards per page: every name whole, as many cards as fit, pages past that.

    Tries one to three columns of one- or two-line cards and keeps the
    arrangement that shows the most actions with every name readable
    (fewer columns, then two-line cards, on a tie)."""
    best: tuple[tuple[bool, int, int, int], tuple[int, int, int]] | None = None
    max_columns = max(1, min(3, (rect.width + gap) // (theme.px(200) + gap)))
    for columns in range(1, max_columns + 1):
        width = (rect.width - (columns - 1) * gap) // columns
        for lines in (2, 1):
            rows = max(1, (rect.height + gap) // (card_height(theme, lines) + gap))
            capacity = rows * columns
            fits = all(name_fits(theme, width, options[0].name, options[0].cost, lines) for _, options in groups)
            rank = (fits, min(capacity, len(groups)), -columns, lines)
            if best is None or rank > best[0]:
                best = (rank, (columns, lines, capacity))
    assert best is not None
    return best[1]


def action_cards(theme: Theme, app: App, play: Playthrough, rect: pygame.Rect, groups: Groups, page: int) -> Cards:
    """One card per action inside ``rect`` (the actions panel's inner area), on page ``page`` when paged."""
    gap = theme.px(6)
    widgets: list[Widget] = []
    columns, lines, per_page = layout(theme, rect, groups, gap)
    if len(groups) > per_page:
        pages = -(-len(groups) // per_page)
        page = max(0, min(page, pages - 1))
        first = page * per_page
        shown = groups[first : first + per_page]
        head = theme.font("subheading").get_linesize()
        pager = pygame.Rect(rect.right - theme.px(200), rect.top - head - theme.px(6), theme.px(200), head + theme.px(2))
        widgets.extend(pager_widgets(theme, pager, page, pages, first, len(shown), len(groups)))
        rows = max(1, -(-per_page // columns))
    else:
        page = 0
        shown = groups
        rows = max(1, -(-len(groups) // columns))
    card_h = min(theme.px("card_height"), (rect.height - (rows - 1) * gap) // rows)
    card_w = (rect.width - (columns - 1) * gap) // columns
    for i, (action, options) in enumerate(shown):
        first_option = options[0]
        planned = [o for o in play.plan if o.action == action]
        targets = ", ".join(o.target_name for o in planned if o.target)
        planned_words = (t("card.planned", items=targets) if targets else t("card.in_plan")) if planned else ""
        card = pygame.Rect(rect.left + (i % columns) * (card_w + gap), rect.top + (i // columns) * (card_h + gap), card_w, card_h)
        if card.bottom > rect.bottom + 1:
            break
        widgets.append(
            ActionCard(
                card,
                number=i + 1,
                name=first_option.name,
                description=first_option.description,
                cost=first_option.cost,
                stance=first_option.stance,
                intent=Intent("action", action),
                tooltip=forecasting.action_tooltip(app, play, options),
                planned=planned_words,
                enabled=any(o.available for o in options) or bool(planned),
                key=f"action:{action}",
            )
        )
    cards = [w for w in widgets if isinstance(w, ActionCard)]
    if lines == 1 and not all(full_size_fits(theme, card_w, c.name, c.cost) for c in cards):
        for c in cards:
            c.compact = True
    return Cards(widgets, page, [action for action, _ in shown])


def pager_widgets(theme: Theme, rect: pygame.Rect, page: int, pages: int, first: int, count: int, total: int) -> list[Widget]:
    """Previous and next page of actions (Page Up and Page Down) in the panel's heading, and which ones show."""
    button_w = theme.px(40)
    small = theme.font("small_bold")
    words = t("turn.page.shown", first=first + 1, last=first + count, total=total)
    return [
        Button(pygame.Rect(rect.left, rect.top, button_w, rect.height), "‹", Intent("action_page", -1),
               enabled=page > 0, key="actions:previous", tooltip=t("turn.page.previous.tip")),
        Button(pygame.Rect(rect.right - button_w, rect.top, button_w, rect.height), "›", Intent("action_page", 1),
               enabled=page < pages - 1, key="actions:next", tooltip=t("turn.page.next.tip")),
        TextBlock(pygame.Rect(rect.left + button_w, rect.top + (rect.height - small.get_linesize()) // 2, rect.width - 2 * button_w, rect.height),
                  words, role="small_bold", colour="text_muted", align="center", max_lines=1, key="actions:shown"),
    ]


def picker(theme: Theme, app: App, play: Playthrough, picking: str, widgets: list[Widget], area: pygame.Rect) -> list[Widget]:
    """A panel listing the targets of action ``picking`` beside its card (among ``widgets``), then Cancel."""
    options = [o for o in play.options() if o.action == picking]
    if not options:
        return []
    added: list[Widget] = []
    gap = theme.px(6)
    row = theme.px(34)
    heading = t("turn.pick_heading", name=options[0].name)
    # Wide enough for its heading (action names run longer in French), within reason.
    width = min(max(theme.px(340), theme.font("subheading").size(heading)[0] + 3 * theme.px("padding")), theme.px(520))
    head = theme.font("subheading").get_linesize() + 2 * theme.px("padding") + theme.px(4)
    limit = area.height - 2 * theme.px("margin")
    # A short window (a projector's scale) sets a long list in two columns rather than leave targets out.
    columns = 1 if head + (len(options) + 1) * (row + gap) <= limit else 2
    per_column = -(-len(options) // columns)
    if columns > 1:
        width = min(2 * width, area.width - 2 * theme.px("margin"))
    height = min(head + (per_column + 1) * (row + gap), limit)
    anchor = next((w.rect for w in widgets if w.key == f"action:{picking}"), area)
    # Beside the card, over the map's edge, so the targets on the map stay in view.
    rect = pygame.Rect(0, 0, width, height)
    rect.topright = (anchor.left - gap, anchor.top)
    room = area.inflate(0, -2 * theme.px("header_height"))
    rect.clamp_ip(room if height <= room.height else area.inflate(-2 * theme.px("margin"), -2 * theme.px("margin")))
    panel = Panel(rect, heading, colour="panel")
    added.append(panel)
    inner = panel.inner(theme)
    cell = (inner.width - (columns - 1) * gap) // columns
    for i, option in enumerate(options):
        column, place = divmod(i, per_column)
        y = inner.top + place * (row + gap)
        if y + row > inner.bottom - row:
            continue
        label = f"{i + 1}. {option.target_name}" if i < 9 else option.target_name
        tip = forecasting.option_tooltip(app, play, option)
        added.append(Button(pygame.Rect(inner.left + column * (cell + gap), y, cell, row), label, Intent("pick", option),
                            enabled=option.available, key=f"pick:{option.target}", tooltip=tip))
    y = min(inner.top + per_column * (row + gap), inner.bottom - row)
    added.append(Button(pygame.Rect(inner.left, y, inner.width, row), t("common.cancel"), Intent("cancel_pick"), key="pick:cancel", shortcut="Esc"))
    return added
