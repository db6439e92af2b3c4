"""Where a screen's parts go: rows and columns of rectangles, fixed in pixels or sharing what is left.

A screen's ``build()`` cuts its window into parts instead of placing each
rectangle by hand (arcade.gui's box layouts, STYLE.md habit 14)::

    frame = screen_frame(theme, area)
    left, right = row(frame.body, [map_w, Share()], gap)
    menu, clock, plan, clear, end = row(frame.footer_band(button_h), [menu_w, clock_w, Share(), clear_w, end_w], gap)
    heading, cards = column(right, [status_h, Share()], gap)

A size is either a whole number of pixels or a :class:`Share` of the room the
fixed parts and the gaps leave. The shares are rounded so that the parts and
the gaps fill the rectangle exactly: no pixel is lost between parts and none
is counted twice. Parts that are all fixed start at the rectangle's start and
leave what they do not need at its end. When the fixed parts and gaps do not
fit, the shares get nothing and the fixed parts shrink in proportion (then the
gaps, when even they do not fit), so that no part ever leaves the rectangle or
covers another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.theme import Theme


@dataclass(frozen=True)
class Share:
    """A flexible part: ``weight`` shares of the room the fixed parts and the gaps leave."""

    weight: float = 1.0


Size = int | Share


def _split(room: int, weights: Sequence[float]) -> list[int]:
    """``room`` pixels cut in proportion to ``weights``, rounded at the running total so the lengths add up to
    ``room`` exactly (equal weights differ by a pixel at most)."""
    total = sum(weights)
    if room <= 0 or total <= 0:
        return [0] * len(weights)
    lengths, edge, running = [], 0, 0.0
    for weight in weights:
        running += weight
        nxt = int(room * running / total + 0.5)
        lengths.append(nxt - edge)
        edge = nxt
    return lengths


def spans(length: int, sizes: Sequence[Size], gap: int = 0) -> list[tuple[int, int]]:
    """The offset and length of each part along a line ``length`` pixels long, ``gap`` pixels apart."""
    if not sizes:
        return []
    length = max(0, length)
    gaps = [max(0, gap)] * (len(sizes) - 1)
    if sum(gaps) > length:  # not even the gaps fit: they shrink evenly, and every part is empty
        gaps = _split(length, [1.0] * len(gaps))
        lengths = [0] * len(sizes)
    else:
        room = length - sum(gaps)
        fixed = [max(0, s) if isinstance(s, int) else 0 for s in sizes]
        shares = [s.weight if isinstance(s, Share) else 0.0 for s in sizes]
        if sum(fixed) > room:  # the fixed parts shrink in proportion; the shares get nothing
            lengths = _split(room, [float(f) for f in fixed])
        else:
            flexible = iter(_split(room - sum(fixed), [w for w in shares if w > 0]))
            lengths = [f + (next(flexible) if w > 0 else 0) for f, w in zip(fixed, shares, strict=True)]
    out, offset = [], 0
    for i, part in enumerate(lengths):
        out.append((offset, part))
        offset += part + (gaps[i] if i < len(gaps) else 0)
    return out


def row(rect: pygame.Rect, sizes: Sequence[Size], gap: int = 0) -> list[pygame.Rect]:
    """Parts side by side across ``rect``, left to right, each as tall as ``rect``."""
    return [pygame.Rect(rect.left + start, rect.top, width, rect.height) for start, width in spans(rect.width, sizes, gap)]


def column(rect: pygame.Rect, sizes: Sequence[Size], gap: int = 0) -> list[pygame.Rect]:
    """Parts one under another down ``rect``, top to bottom, each as wide as ``rect``."""
    return [pygame.Rect(rect.left, rect.top + start, rect.width, height) for start, height in spans(rect.height, sizes, gap)]


def grid(rect: pygame.Rect, columns: int, rows: Sequence[Size], gap: int = 0, row_gap: int | None = None) -> list[pygame.Rect]:
    """Cells in reading order: ``columns`` equal columns across ``rect`` and a row of them for each of ``rows``."""
    across = spans(rect.width, [Share()] * max(1, columns), gap)
    return [pygame.Rect(rect.left + x, band.top, width, band.height)
            for band in column(rect, rows, gap if row_gap is None else row_gap) for x, width in across]


def centred(rect: pygame.Rect, width: int | None = None, height: int | None = None) -> pygame.Rect:
    """A rectangle ``width`` by ``height`` (by default, ``rect``'s own) centred in ``rect``; it may overhang a smaller one."""
    w = rect.width if width is None else width
    h = rect.height if height is None else height
    return pygame.Rect(rect.left + (rect.width - w) // 2, rect.top + (rect.height - h) // 2, w, h)


def inset(rect: pygame.Rect, left: int = 0, top: int = 0, right: int = 0, bottom: int = 0) -> pygame.Rect:
    """``rect`` less a strip on each side (never narrower or shorter than nothing)."""
    return pygame.Rect(rect.left + left, rect.top + top, max(0, rect.width - left - right), max(0, rect.height - top - bottom))


def clear_rects(area: pygame.Rect, obstacles: Sequence[pygame.Rect], gap: int = 0) -> list[pygame.Rect]:
    """The largest rectangles inside ``area`` that keep ``gap`` pixels clear of every obstacle, biggest first.

    Each is as wide and as tall as it can be: none lies inside another. Every
    side of one is a side of ``area`` or a gap from an obstacle, so trying each
    pair of left and right edges, and each run of free height between them,
    finds them all (a handful of obstacles makes a few hundred candidates)."""
    walls = [o.inflate(2 * gap, 2 * gap).clip(area) for o in obstacles]
    walls = [w for w in walls if w.width > 0 and w.height > 0]
    lefts = sorted({area.left, *(w.right for w in walls)})
    rights = sorted({area.right, *(w.left for w in walls)})
    found: set[tuple[int, int, int, int]] = set()
    for left in lefts:
        for right in (r for r in rights if r > left):
            across = sorted((w for w in walls if w.left < right and w.right > left), key=lambda w: w.top)
            top = area.top
            for wall in [*across, pygame.Rect(left, area.bottom, 1, 1)]:
                if wall.top > top:
                    found.add((left, top, right - left, wall.top - top))
                top = max(top, wall.bottom)
    kept: list[pygame.Rect] = []
    for rect in sorted((pygame.Rect(f) for f in found), key=lambda r: (-r.width * r.height, r.top, r.left)):
        if not any(k.contains(rect) for k in kept):
            kept.append(rect)
    return kept


@dataclass(frozen=True)
class Frame:
    """A screen's frame: the header bar, the footer bar (inside the margins) and the body between them."""

    header: pygame.Rect
    body: pygame.Rect  # inside the margins, a gap clear of each bar
    footer: pygame.Rect
    margin: int
    gap: int

    def footer_band(self, height: int) -> pygame.Rect:
        """A band ``height`` tall across the footer, centred in it: where the footer's buttons go."""
        return centred(self.footer, height=height)


def screen_frame(theme: Theme, area: pygame.Rect) -> Frame:
    """The frame of a screen filling ``area``, from the theme's header and footer heights, margin and gap."""
    m, gap = theme.px("margin"), theme.px("gap")
    header_h, footer_h = theme.px("header_height"), theme.px("footer_height")
    header, _, footer = column(area, [header_h, Share(), footer_h])
    body = inset(area, m, header_h + gap, m, footer_h + gap)
    return Frame(header, body, inset(footer, left=m, right=m), m, gap)
