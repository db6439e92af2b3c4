"""Where an event's panel goes over the dimmed turn screen, and its text on pages when one will not hold it.

The panel keeps the stakeholders the event lights in view: it goes beside the
map when it fits there, else into the largest rooms the lit stakeholders
leave (at the side of each away from them), and takes the middle of the
screen only when no room clear of them holds it at all. Every text is
measured whole at the panel's width (nothing is cut): when the whole panel
does not fit a room on one page (a projector's scale, French answers), the
title and the story come first and the answers follow on a page of their own,
the line at the panel's top saying which page this is, with buttons to turn it.
The room where the panel needs the fewest pages (and its answers the fewest)
wins; on one page, the first room in the order above.

Pure geometry on the texts' sizes: the event screen hands the words in
(:class:`PanelWords`) and makes the widgets from the :class:`PanelPlan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pygame

from game.ui import layout, text
from game.ui.widgets import pager
from game.ui.widgets.controls import badge_costs_a_line, list_item_height

if TYPE_CHECKING:
    from game.ui.theme import Theme

FACE = 72  # design pixels across: the portrait of the stakeholder the event concerns most
KEYS_GAP = 6  # design pixels under the line of keys at the panel's top
PAGE_BUTTON = 44  # design pixels: each button that turns the panel's page, beside the line of keys
SIDE_PANEL_MIN = 420  # design pixels: the narrowest column beside the map the event's panel likes
NARROWEST = 300  # design pixels: narrower than this, the panel would rather cover the map in the middle of the screen
WIDEST = 860  # design pixels: the widest the panel gets (longer lines read worse)
LEAST_HEIGHT = 300  # design pixels: a panel at the top or bottom of its room is at least this tall
LINE_GAP = 1.15  # as TextBlock spaces the lines of a paragraph


@dataclass(frozen=True)
class Room:
    """Where the event's panel may go, and which way it sits in that room when shorter: at its "top", its "bottom" or in the "middle"."""

    rect: pygame.Rect
    anchor: Literal["top", "bottom", "middle"]

    def place(self, wanted: int, least: int) -> pygame.Rect:
        """The panel ``wanted`` pixels tall in this room (no taller than the room; at its top or bottom, at least ``least`` tall)."""
        room = self.rect
        if self.anchor == "middle":
            return layout.centred(room, height=min(room.height, wanted))
        height = min(room.height, max(wanted, least))
        top = room.top if self.anchor == "top" else room.bottom - height
        return pygame.Rect(room.left, top, room.width, height)


@dataclass(frozen=True)
class ChoiceWords:
    """An answer as its row shows it: the title, every line its forecast may show (worked out, and while it is being
    worked out: the row keeps room for the longest, so the panel does not move when the forecasts arrive), the stance's tag."""

    title: str
    forecasts: tuple[str, ...]
    badge: str


@dataclass(frozen=True)
class PanelWords:
    """Every text the panel shows."""

    title: str
    speaker: str  # the speaker's name and mood, "" when the event has no speaker
    story: str
    choices: tuple[ChoiceWords, ...]
    note: str  # why forecasts are hidden, "" when they show
    keys: str  # the line at the top of a panel on one page
    keys_story: tuple[str, ...]  # ... and of each page of a panel on pages, before the answers
    keys_answers: tuple[str, ...]  # ... and on the pages with answers (by page number)


@dataclass(frozen=True)
class Part:
    """A piece of the panel, whole at the panel's width: the title beside the speaker's face ("head"), the story (or a
    run of its lines, when it runs over pages), an answer, or the note that forecasts are hidden."""

    kind: Literal["head", "story", "choice", "note"]
    height: int
    index: int = 0  # the answer's number from 0
    lines: tuple[str, ...] = ()  # the story's run of lines; empty for the whole story


@dataclass(frozen=True)
class PanelPlan:
    """The panel's pages at one width: every part whole on some page, the story in the ``story_role`` face."""

    width: int
    story_role: str
    pages: list[list[Part]]
    page_h: int  # the tallest page's parts, with the gaps between them
    keys_h: int  # the line of keys at the top (with the page buttons when paged), and the space under it
    badges_under: bool  # the answers' stance tags under their titles (all of them, when one would cost a line beside)

    @property
    def paged(self) -> bool:
        return len(self.pages) > 1

    def cost(self) -> tuple[int, int]:
        """What reading it takes: its pages, then the pages its answers are spread over (fewer is better)."""
        return len(self.pages), sum(any(p.kind == "choice" for p in page) for page in self.pages)

    def height(self, theme: Theme) -> int:
        """How tall the panel wants to be."""
        return self.page_h + self.keys_h + 2 * theme.px("padding")


def paginate(intro: Sequence[Part], answers: Sequence[Part], room: int, gap: int) -> list[list[Part]] | None:
    """Every part on one page when they fit in ``room`` pixels; else the title and the story first, and the answers on
    a page of their own (on pages of their own, when they do not fit one). None when a single part is taller than a page."""
    parts = [*intro, *answers]
    if not parts or max(p.height for p in parts) > room:
        return None
    if sum(p.height for p in parts) + gap * (len(parts) - 1) <= room:
        return [parts]
    return [[group[i] for i in run] for group in (list(intro), list(answers)) if group
            for run in pager.split([p.height for p in group], room, [gap] * len(group))]


def rooms(theme: Theme, area: pygame.Rect, map_rect: pygame.Rect | None, halos: Sequence[pygame.Rect]) -> list[Room]:
    """Where the event's panel may go, best first, each clear of the lit stakeholders' ``halos``: beside the map (over
    the numbers and actions), else the largest rooms the lit stakeholders leave, at the side of each away from them
    (narrower rooms after wider ones); last, the middle of the screen, whatever it covers (a map lit from edge to edge)."""
    frame = layout.screen_frame(theme, area)
    m, gap = frame.margin, frame.gap
    body = layout.inset(area, m, frame.body.top, m, m)
    widest = theme.px(WIDEST)
    found: list[Room] = []
    if map_rect is not None:
        found.append(Room(layout.inset(body, left=map_rect.right + gap - body.left), "top"))
    if halos:
        lit = halos[0].unionall(halos[1:])
        found.extend(room_in(free, lit, widest) for free in layout.clear_rects(body, halos, gap))
    clear = [room for room in found if room.rect.collidelist(halos) < 0 and room.rect.width >= theme.px(NARROWEST)]
    # A narrower room than the panel likes comes after every wide one: its lines are shorter, but nothing lit is hidden.
    least = theme.px(SIDE_PANEL_MIN)
    middle = Room(layout.centred(body, min(body.width, widest)), "middle")
    return [room for room in clear if room.rect.width >= least] + [room for room in clear if room.rect.width < least] + [middle]


def room_in(free: pygame.Rect, lit: pygame.Rect, widest: int) -> Room:
    """The panel's column in a free rectangle, at its side away from the lit stakeholders (``lit`` holds them all)."""
    width = min(free.width, widest)
    if free.left >= lit.right:
        left = free.right - width
    elif free.right <= lit.left:
        left = free.left
    else:
        left = free.centerx - width // 2
    return Room(pygame.Rect(left, free.top, width, free.height), "bottom" if free.top >= lit.bottom else "top")


def head_sizes(theme: Theme, words: PanelWords, inner_w: int) -> tuple[int, int, int]:
    """The title's height, the speaker's line's (both beside the face) and the head's, in a panel ``inner_w`` wide inside."""
    gap, face = theme.px("gap"), theme.px(FACE)
    heading, small = theme.font("heading"), theme.font("small")
    beside = inner_w - (face + gap if words.speaker else 0)
    title_lines = len(text.wrap(words.title, heading, beside))
    title_h = heading.get_linesize() + (title_lines - 1) * round(heading.get_linesize() * LINE_GAP)
    speaker_h = text.wrapped_height(words.speaker, small, beside) if words.speaker else 0
    return title_h, speaker_h, max(face if words.speaker else 0, title_h + speaker_h)


def keys_width(theme: Theme, inner_w: int, paged: bool) -> int:
    """How wide the line of keys may run: beside the two page buttons on a panel on pages."""
    return inner_w - (2 * theme.px(PAGE_BUTTON) + 2 * theme.px("gap") if paged else 0)


def keys_height(theme: Theme, lines: Sequence[str], inner_w: int, paged: bool) -> int:
    """The line of keys at the panel's top (the tallest of ``lines``; as tall as the page buttons on pages) and the space under it."""
    font = theme.font("small_bold")
    tallest = max(text.wrapped_height(line, font, keys_width(theme, inner_w, paged)) for line in lines)
    return max(tallest, pager.row_height(theme) if paged else 0) + theme.px(KEYS_GAP)


def story_runs(theme: Theme, words: PanelWords, role: str, width: int, first: int, rest: int) -> list[Part]:
    """The story's lines at ``width`` in runs: as many as ``first`` pixels hold (under the title), then ``rest`` each."""
    font = theme.font(role)
    step = round(font.get_linesize() * LINE_GAP)
    lines = text.wrap(words.story, font, width)
    at_first, per_page = max(0, first // step), max(1, rest // step)
    runs = [lines[:at_first], *(lines[i:i + per_page] for i in range(at_first, len(lines), per_page))]
    return [Part("story", len(run) * step, n, tuple(run)) for n, run in enumerate(runs) if run]


def plan(theme: Theme, words: PanelWords, width: int, height: int) -> PanelPlan | None:
    """The panel's pages when it is ``width`` by at most ``height`` pixels: on one page if it can be (the story in the
    body face, else the small one), else on the fewest pages; None when some part would not fit on a page."""
    gap, pad = theme.px("gap"), theme.px("padding")
    inner_w = width - 2 * pad
    under = any(badge_costs_a_line(theme, c.title, inner_w, c.badge) for c in words.choices)
    answers = [Part("choice", max(list_item_height(theme, c.title, line, inner_w, c.badge, under) for line in c.forecasts or ("",)), i)
               for i, c in enumerate(words.choices)]
    if words.note:
        answers.append(Part("note", text.wrapped_height(words.note, theme.font("small"), inner_w)))
    head = Part("head", head_sizes(theme, words, inner_w)[2])
    keys_single = keys_height(theme, [words.keys], inner_w, paged=False)
    keys_paged = keys_height(theme, [*words.keys_story, *words.keys_answers], inner_w, paged=True)
    best: PanelPlan | None = None
    for role in ("body", "small"):
        room = height - 2 * pad - keys_single
        pages = paginate([head, Part("story", text.wrapped_height(words.story, theme.font(role), inner_w))], answers, room, gap)
        keys_h = keys_single
        if pages is None or len(pages) > 1:
            # On pages the story's lines may run on from one page to the next.
            room, keys_h = height - 2 * pad - keys_paged, keys_paged
            pages = paginate([head, *story_runs(theme, words, role, inner_w, room - head.height - gap, room)], answers, room, gap)
        if pages is None:
            continue
        found = PanelPlan(width, role, pages, max(sum(p.height for p in page) + gap * (len(page) - 1) for page in pages), keys_h, under)
        if best is None or len(found.pages) < len(best.pages):
            best = found
        if not found.paged:
            break
    return best


def place(theme: Theme, words: PanelWords, area: pygame.Rect, map_rect: pygame.Rect | None,
          halos: Sequence[pygame.Rect]) -> tuple[pygame.Rect, PanelPlan]:
    """The panel's rectangle and pages: the first room clear of the lit stakeholders where it fits on one page, else
    the clear room where it takes the fewest pages (its answers on the fewest), else the middle of the screen."""
    every = rooms(theme, area, map_rect, halos)
    chosen: tuple[Room, PanelPlan] | None = None
    for room in every[:-1]:
        found = plan(theme, words, room.rect.width, room.rect.height)
        if found is not None and (chosen is None or found.cost() < chosen[1].cost()):
            chosen = (room, found)
        if found is not None and not found.paged:
            break
    if chosen is None:
        middle = every[-1]
        # Not even the middle holding one answer (a tiny window), the panel runs past the screen's foot.
        found = plan(theme, words, middle.rect.width, middle.rect.height) or plan(theme, words, middle.rect.width, 1 << 20)
        assert found is not None
        chosen = (middle, found)
    room, found = chosen
    return room.place(found.height(theme), theme.px(LEAST_HEIGHT)), found
