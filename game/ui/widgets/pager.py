"""A list too long for its panel, shown a page at a time: which items go on which page, and the
row of buttons under it (Page Up and Page Down too) that says how many more there are.

The compact layouts (a projector's scale) use it so that every stakeholder, question and
turn stays reachable, each drawn whole, instead of the list being cut at the panel's foot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pygame

from game.i18n import t
from game.ui import layout
from game.ui.intents import PageStep
from game.ui.widgets.base import Tooltip, Widget
from game.ui.widgets.controls import Button, TextBlock
from game.ui.widgets.group import WidgetGroup

if TYPE_CHECKING:
    from game.ui.theme import Theme

@dataclass(frozen=True)
class Item:
    """One entry of a paged list: its height, and how to make its widget once placed at a rect."""

    height: int
    make: Callable[[pygame.Rect], Widget]
    gap: int = 0  # room left under it before the next item on the same page
    counted: bool = True  # whether "1–8 of 12" counts it (a heading or an intro paragraph is not)
    keep_with_next: bool = False  # a heading: never the last item of a page while what it heads follows


def split(heights: Sequence[int], room: int, gaps: Sequence[int] | None = None, keep: Sequence[bool] | None = None) -> list[range]:
    """Consecutive runs of items that each fit in ``room`` pixels (an item taller than the room gets a page of its own);
    an item to ``keep`` with the next one goes over to the next page with it rather than end a page."""
    gaps = gaps if gaps is not None else [0] * len(heights)
    keep = keep if keep is not None else [False] * len(heights)
    pages: list[range] = []
    start, used = 0, 0
    for i, (h, gap) in enumerate(zip(heights, gaps, strict=True)):
        if i > start and used + h > room:
            end = i
            while end - 1 > start and keep[end - 1]:
                end -= 1
            pages.append(range(start, end))
            start, used = end, sum(heights[j] + gaps[j] for j in range(end, i))
        used += h + gap
    if start < len(heights) or not pages:
        pages.append(range(start, len(heights)))
    return pages


def row_height(theme: Theme) -> int:
    """The height of the pager's row of buttons."""
    return theme.font("small_bold").get_linesize() + theme.px(10)


@dataclass
class Paged:
    """The widgets of one page of a list, and where that page sits among the others."""

    widgets: list[Widget]
    page: int
    pages: int


def lay_out(theme: Theme, items: Sequence[Item], rect: pygame.Rect, page: int, key: str) -> Paged:
    """Place the items of page ``page`` (clamped) top-down in ``rect``; a pager row at its foot when there is more than one page."""
    heights, gaps, keep = [i.height for i in items], [i.gap for i in items], [i.keep_with_next for i in items]
    ranges = split(heights, rect.height, gaps, keep)
    if len(ranges) > 1:
        ranges = split(heights, rect.height - row_height(theme) - theme.px(4), gaps, keep)
    page = max(0, min(page, len(ranges) - 1))
    widgets: list[Widget] = []
    y = rect.top
    shown = ranges[page]
    for index in shown:
        item = items[index]
        widgets.append(item.make(pygame.Rect(rect.left, y, rect.width, item.height)))
        y += item.height + item.gap
    if len(ranges) > 1:
        _, row = layout.column(rect, [layout.Share(), row_height(theme)])
        before = sum(item.counted for item in items[: shown.start])
        count = sum(items[i].counted for i in shown)
        widgets.extend(pager_row(theme, row, page, len(ranges), before, count, sum(item.counted for item in items), key))
    return Paged(widgets, page, len(ranges))


def pager_row(theme: Theme, rect: pygame.Rect, page: int, pages: int, first: int, count: int, total: int, key: str) -> list[Widget]:
    """Previous and next page buttons either side of which items show, and the cue that there are more."""
    button_w = theme.px(44)
    small = theme.font("small_bold")
    words = t("turn.page.shown", first=first + 1, last=first + count, total=total)
    if page < pages - 1:
        # A page of headings and paragraphs only (none of the counted entries) just says that more follows.
        words = t("pager.more", shown=words) if count else t("pager.more_alone")
    previous, shown, following = layout.row(rect, [button_w, layout.Share(), button_w])
    return [
        Button(previous, "‹", PageStep(-1), enabled=page > 0, key=f"{key}:previous", tooltip=t("pager.previous.tip")),
        Button(following, "›", PageStep(1), enabled=page < pages - 1, key=f"{key}:next", tooltip=t("pager.next.tip")),
        TextBlock(layout.centred(shown, height=small.get_linesize()), words, role="small_bold", colour="text_muted", align="center", max_lines=1,
                  key=f"{key}:shown"),
    ]


def key_step(event_key: int) -> int:
    """+1 for Page Down, -1 for Page Up, 0 for any other key."""
    return {pygame.K_PAGEDOWN: 1, pygame.K_PAGEUP: -1}.get(event_key, 0)


def text_item(
    theme: Theme, words: str, role: str, width: int, *, gap: int = 0, key: str = "", tooltip: Tooltip = None, colour: str = "text", counted: bool = True
) -> Item:
    """A paragraph as a list entry, as tall as it needs to show whole at ``width`` (a heading, in a heading's face, stays
    with the entry after it)."""
    from game.ui import text

    def make(rect: pygame.Rect) -> Widget:
        return TextBlock(rect, words, role=role, key=key, tooltip=tooltip, colour=colour)

    return Item(text.wrapped_height(words, theme.font(role), width), make, gap, counted, keep_with_next=role in ("heading", "subheading"))


class PagedScreen(Protocol):
    """A screen whose compact layout shows one tab at a time, its list a page at a time."""

    list_page: int
    group: WidgetGroup

    def layout(self) -> None: ...

    def initial_focus(self) -> Widget | None: ...


def open_tab(screen: PagedScreen, view: str) -> None:
    """Lay out the tab ``view`` from the first page of its list, with the focus on its tab."""
    screen.list_page = 0
    screen.layout()
    screen.group.focus_key(f"tab:{view}")


def turn_page(screen: PagedScreen, step: int) -> None:
    """Move the list ``step`` pages on (back when negative), never before the first."""
    screen.list_page = max(0, screen.list_page + step)
    screen.layout()  # the focus stays on the pager's button when it was there
    if screen.group.focused is None:
        screen.group.focus(screen.initial_focus())
