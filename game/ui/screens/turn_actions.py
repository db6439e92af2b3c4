"""The turn screen's action cards (a layout where every name reads whole, and pages past what fits) and the target picker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t
from game.session.views import OptionView
from game.ui import forecasting, layout
from game.ui.intents import CancelTarget, ChooseAction, ChooseTarget, PageStep
from game.ui.play import Playthrough
from game.ui.widgets.action_card import (
    ActionCard,
    card_height,
    full_size_fits,
    name_fits,
)
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Button, Panel, TextBlock, button_height

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


def card_arrangement(theme: Theme, rect: pygame.Rect, groups: Groups, gap: int, costs: dict[str, str] | None = None) -> tuple[int, int, int]:
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
            fits = all(name_fits(theme, width, options[0].name, (costs or {}).get(action) or t("card.cost", cost=options[0].cost), lines)
                       for action, options in groups)
            rank = (fits, min(capacity, len(groups)), -columns, lines)
            if best is None or rank > best[0]:
                best = (rank, (columns, lines, capacity))
    assert best is not None
    return best[1]


def action_cards(theme: Theme, app: App, play: Playthrough, rect: pygame.Rect, groups: Groups, page: int) -> Cards:
    """One card per action inside ``rect`` (the actions panel's inner area), on page ``page`` when paged."""
    gap = theme.px(6)
    widgets: list[Widget] = []
    states = {action: card_state(play, options) for action, options in groups}
    costs = {action: state.cost_words for action, state in states.items()}
    forecasts = forecasting.shown(app, play)
    columns, lines, per_page = card_arrangement(theme, rect, groups, gap, costs)
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
    cells = layout.grid(rect, columns, [card_h] * rows, gap)
    card_w = min(cell.width for cell in cells)
    for i, ((action, options), card) in enumerate(zip(shown, cells, strict=False)):
        first_option = options[0]
        planned = [o for o in play.plan if o.action == action]
        targets = ", ".join(o.target_name for o in planned if o.target)
        planned_words = (t("card.planned", items=targets) if targets else t("card.in_plan")) if planned else ""
        widgets.append(
            ActionCard(
                card,
                number=i + 1,
                name=first_option.name,
                description=first_option.description,
                cost=first_option.cost,
                stance=first_option.stance,
                intent=ChooseAction(action),
                tooltip=forecasting.action_tooltip(app, play, options),
                planned=planned_words,
                enabled=states[action].enabled,
                key=f"action:{action}",
                cost_words=states[action].cost_words,
                why_not=states[action].why_not,
                forecast=card_forecast(play, options) if forecasts and states[action].enabled and not planned else "",
            )
        )
    cards = [w for w in widgets if isinstance(w, ActionCard)]
    if lines == 1 and not all(full_size_fits(theme, card_w, c.name, c.cost_words) for c in cards):
        for c in cards:
            c.compact = True
    return Cards(widgets, page, [action for action, _ in shown])


@dataclass(frozen=True)
class CardState:
    """Whether an action's card can be taken now, what its top right says (the cost, or that it cannot be
    paid) and, when it cannot be taken, why in a few words."""

    enabled: bool
    cost_words: str
    why_not: str


def card_state(play: Playthrough, options: list[OptionView]) -> CardState:
    """An action is open when one of its options is available and affordable with the leadership time left,
    or when it is in the plan (to take it out again)."""
    first = options[0]
    cost = t("card.cost", cost=first.cost)
    if any(play.planned(o) for o in options):
        return CardState(True, cost, "")
    available = [o for o in options if o.available]
    if not available:
        return CardState(False, t("card.not_now", cost=first.cost), first.why_not_action or first.why_not)
    if all(o.cost > play.time_left for o in available):
        return CardState(False, t("card.over_budget", cost=first.cost, left=play.time_left),
                         t("action.over_budget", left=play.time_left))
    return CardState(True, cost, "")


def card_forecast(play: Playthrough, options: list[OptionView]) -> str:
    """The card's forecast: its best target's chance of success (worked out in the background), or a mark
    that it is being worked out; nothing while the turn is not being decided (the turn just played, dimmed under
    its event: no forecast is coming)."""
    if play.session.phase != "decide":
        return ""
    best = play.card_chance(options)
    if best is None:
        return t("card.forecast_pending")
    return t("card.forecast", chance=percent(best[0]))


def pager_widgets(theme: Theme, rect: pygame.Rect, page: int, pages: int, first: int, count: int, total: int) -> list[Widget]:
    """Previous and next page of actions (Page Up and Page Down) in the panel's heading, and which ones show."""
    button_w = theme.px(40)
    small = theme.font("small_bold")
    words = t("turn.page.shown", first=first + 1, last=first + count, total=total)
    previous, shown, following = layout.row(rect, [button_w, layout.Share(), button_w])
    return [
        Button(previous, "‹", PageStep(-1), enabled=page > 0, key="actions:previous", tooltip=t("turn.page.previous.tip")),
        Button(following, "›", PageStep(1), enabled=page < pages - 1, key="actions:next", tooltip=t("turn.page.next.tip")),
        TextBlock(shown.move(0, (rect.height - small.get_linesize()) // 2), words, role="small_bold", colour="text_muted", align="center",
                  max_lines=1, key="actions:shown"),
    ]


def picker(theme: Theme, app: App, play: Playthrough, picking: str, widgets: list[Widget], area: pygame.Rect,
           within: pygame.Rect | None = None) -> list[Widget]:
    """A panel listing the targets of action ``picking`` beside its card (among ``widgets``), then Cancel.

    Every target's name is whole (a long one takes two lines), and a focused
    target's forecast goes beside the panel, never over the list. Given
    ``within`` (the turn screen's right-hand column), the panel stays inside it,
    over the cards, so it never covers the map's nodes it asks you to pick."""
    options = [o for o in play.options() if o.action == picking]
    if not options:
        return []
    added: list[Widget] = []
    gap = theme.px(6)
    row = theme.px(34)
    margin = theme.px("margin")
    heading = t("turn.pick_heading", name=options[0].name)
    labels = [f"{i + 1}. {option.target_name}" if i < 9 else option.target_name for i, option in enumerate(options)]
    # Wide enough for its heading (action names run longer in French), within reason.
    width = min(max(theme.px(340), theme.font("subheading").size(heading)[0] + 3 * theme.px("padding")), theme.px(520))
    if within is not None:
        width = min(width, within.width)
    head = theme.font("subheading").get_linesize() + 2 * theme.px("padding") + theme.px(4)
    limit = area.height - 2 * margin if within is None else within.height
    inset = 2 * theme.px("padding")  # a panel's inner area is this much narrower than the panel

    # A short window (a projector's scale) sets a long list in two columns rather than leave targets out; the
    # names keep the larger face, a long one on two lines, while the list still fits.
    for columns in (1, 2):
        if columns > 1:
            # Two columns leave a tooltip's width beside the panel, so a target's forecast never covers the list.
            full = area.width - 2 * margin if within is None else within.width
            width = max(full - theme.px("tooltip_width") - theme.px(8), min(full, 2 * theme.px(200) + gap + inset))
            if within is not None:
                width = full
        cell = (width - inset - (columns - 1) * gap) // columns
        per_column = -(-len(options) // columns)
        for role in ("body_bold", "small_bold"):
            sizes = [button_height(theme, label, cell, row, role) for label in labels]
            body = max(sum(h + gap for h in sizes[c * per_column : (c + 1) * per_column]) for c in range(columns))
            if head + body + row + gap <= limit:
                break
        else:
            continue
        break
    height = min(head + body + row + gap, limit)
    anchor = next((w.rect for w in widgets if w.key == f"action:{picking}"), area)
    # Beside the card, over the map's edge, so the targets on the map stay in view.
    rect = pygame.Rect(0, 0, width, height)
    if within is not None:
        rect.topright = (within.right, anchor.top)
        rect.clamp_ip(within)
    else:
        rect.topright = (anchor.left - gap, anchor.top)
        room_rect = area.inflate(0, -2 * theme.px("header_height"))
        rect.clamp_ip(room_rect if height <= room_rect.height else area.inflate(-2 * margin, -2 * margin))
    panel = Panel(rect, heading, colour="panel")
    added.append(panel)
    inner = panel.inner(theme)
    tops = [inner.top] * columns
    for i, option in enumerate(options):
        column = i // per_column
        y, h = tops[column], sizes[i]
        tops[column] += h + gap
        if y + h > inner.bottom - row:
            continue
        tip = forecasting.option_tooltip(app, play, option, brief=True)
        button = Button(pygame.Rect(inner.left + column * (cell + gap), y, cell, h), labels[i], ChooseTarget(option),
                        enabled=option.available, key=f"pick:{option.target}", tooltip=tip, wrap=True, role=role)
        button.tooltip_clear = panel.rect
        added.append(button)
    y = min(max(tops), inner.bottom - row)
    added.append(Button(pygame.Rect(inner.left, y, inner.width, row), t("common.cancel"), CancelTarget(), key="pick:cancel", shortcut="Esc"))
    return added
