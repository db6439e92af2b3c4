"""Line charts and sparklines drawn with pygame: trust, support, progress and metrics over time.

Series differ by colour and by marker shape, and the legend names each, so a
chart reads in greyscale or for a colour-blind player.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game import i18n
from game.i18n import t
from game.ui import shapes, text

if TYPE_CHECKING:
    from game.ui.theme import Theme

MARKERS = ("circle", "square", "triangle", "diamond", "triangle_down", "pentagon", "hexagon", "star")
SIDE_LEGEND_FROM = 5  # more series than this: the legend goes beside the plot


def marker_of(index: int) -> str:
    """Series past the eighth reuse a colour, so they move to a different marker as well."""
    return MARKERS[(index + index // len(MARKERS)) % len(MARKERS)]


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]
    index: int  # picks the colour and marker
    start: int = 0  # the turn of the first value


def percent(value: float) -> str:
    return i18n.percent(value)


def round_ticks(lo: float, hi: float, most: int = 7) -> list[float]:
    """Gridline values at round steps (1, 2 or 5 times a power of ten) from at or below ``lo`` to at or
    above ``hi``, at most ``most`` of them: ``0, 2, 4, 6`` for a chart of waits from 1.1 to 5.8 hours."""
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < 1e-9:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(1, most - 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10, 20):
        step = multiple * power
        first = math.floor(lo / step + 1e-9) * step
        last = math.ceil(hi / step - 1e-9) * step
        if round((last - first) / step) + 1 <= most:
            break
    digits = max(0, -math.floor(math.log10(step)) + 1)
    return [round(first + i * step, digits) for i in range(round((last - first) / step) + 1)]


def data_range(values: Sequence[float], target: float | None, limits: tuple[float, float]) -> tuple[float, float]:
    """The y range a chart of ``values`` (and its target) needs, within the quantity's ``limits``: the
    lines fill the chart rather than hug one edge of a range they never use."""
    seen = [v for v in values if math.isfinite(v)] + ([target] if target is not None else [])
    if not seen:
        return limits
    lo, hi = min(seen), max(seen)
    pad = (hi - lo) * 0.15 or abs(hi) * 0.1 or 1.0
    return max(limits[0], lo - pad), min(limits[1], hi + pad)


def _scale(value: float, lo: float, hi: float, top: int, bottom: int) -> float:
    span = hi - lo or 1.0
    return bottom - (value - lo) / span * (bottom - top)


def line_chart(
    surface: pygame.Surface,
    theme: Theme,
    rect: pygame.Rect,
    title: str,
    series: Sequence[Series],
    *,
    y_range: tuple[float, float] = (0.0, 1.0),
    y_format: Callable[[float], str] = percent,
    x_label: str = "",
    target: float | None = None,
    legend: bool = True,
    legend_share: float = 0.4,
) -> None:
    """A titled chart with y gridlines, turn numbers on x, optional target line and legend (a column beside
    the plot, at most ``legend_share`` of the width, when there are many series)."""
    small = theme.font("small")
    heading = theme.font("small_bold")
    ink = theme.colour("text")
    muted = theme.colour("text_muted")
    # The title whole, on two lines if need be; "by quarter" beside its last line when it fits there,
    # else on a line of its own: never cut.
    title_lines = text.wrap(title, heading, rect.width)[:2] or [""]
    title_y = rect.top
    for part in title_lines:
        title_rect = text.draw(surface, part, heading, ink, (rect.left, title_y))
        title_y += heading.get_linesize()
    head_h = heading.get_linesize() * len(title_lines)
    if x_label:
        by = t("chart.by", label=x_label)
        if title_rect.right + theme.px(8) + small.size(by)[0] <= rect.right:
            text.draw(surface, by, small, muted, (rect.right, title_rect.centery), "midright")
        else:
            text.draw(surface, by, small, muted, (rect.right, rect.top + head_h), "topright")
            head_h += small.get_linesize()
    legend_rows = 0
    legend_items: list[tuple[Series, int]] = []
    side_width = 0
    if legend and len(series) > SIDE_LEGEND_FROM:
        # Many series: one column beside the plot, so the plot keeps its height.
        side_width = min(int(rect.width * legend_share), max(small.size(s.label)[0] for s in series) + theme.px(30))
    elif legend and series:
        # Lay the legend out in rows under the plot.
        x = 0
        row = 0
        for item in series:
            width = theme.px(22) + small.size(item.label)[0] + theme.px(12)
            if x + width > rect.width and x > 0:
                row += 1
                x = 0
            legend_items.append((item, row))
            x += width
        legend_rows = row + 1
    line = small.get_linesize()
    ticks = round_ticks(*y_range)
    label_width = max(small.size(y_format(v))[0] for v in ticks) + theme.px(6)
    plot = pygame.Rect(
        rect.left + label_width,
        rect.top + head_h + theme.px(6),
        max(10, rect.width - label_width - theme.px(8) - side_width),
        max(10, rect.height - head_h - theme.px(6) - line - theme.px(4) - legend_rows * line),
    )
    lo, hi = ticks[0], ticks[-1]
    grid = theme.colour("grid")
    for value in ticks:
        y = _scale(value, lo, hi, plot.top, plot.bottom)
        pygame.draw.line(surface, grid, (plot.left, y), (plot.right, y), 1)
        text.draw(surface, y_format(value), small, muted, (plot.left - theme.px(4), int(y)), "midright")
    pygame.draw.line(surface, theme.colour("border"), plot.bottomleft, plot.bottomright, 1)
    count = max((s.start + len(s.values) for s in series), default=0)
    if target is not None:
        y = _scale(target, lo, hi, plot.top, plot.bottom)
        shapes.draw_dashed(surface, (plot.left, y), (plot.right, y), theme.colour("target_line"), theme.px(1) + 1, theme.px(5))
        text.draw(surface, t("chart.target"), small, ink, (plot.right - theme.px(2), int(y) - theme.px(2)), "bottomright")

    def x_of(i: int) -> float:
        return plot.left + (plot.width * i / (count - 1) if count > 1 else plot.width / 2)

    # Turn numbers under the axis, thinned out to fit.
    if count:
        every = max(1, (count * small.size("00")[0] * 2) // max(1, plot.width) + 1)
        for i in range(0, count, every):
            text.draw(surface, str(i), small, muted, (int(x_of(i)), plot.bottom + theme.px(2)), "midtop")
    width = theme.px("chart_line")
    marker = theme.px("marker")
    clip = surface.get_clip()
    surface.set_clip(plot.inflate(marker * 2 + 2, marker * 2 + 2))
    for item in series:
        colour = theme.series_colour(item.index)
        points = [(x_of(item.start + i), _scale(v, lo, hi, plot.top, plot.bottom)) for i, v in enumerate(item.values)]
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, width)
        shape = marker_of(item.index)
        step = max(1, len(points) // 12)
        for i, point in enumerate(points):
            if i % step == 0 or i == len(points) - 1:
                shapes.draw_symbol(surface, shape, point, marker, colour, colour, 1)
    surface.set_clip(clip)
    y0 = plot.bottom + line + theme.px(4)
    x = rect.left
    current_row = 0
    for item, row in legend_items:
        if row != current_row:
            current_row = row
            x = rect.left
        y = y0 + row * line + line // 2
        colour = theme.series_colour(item.index)
        pygame.draw.line(surface, colour, (x, y), (x + theme.px(16), y), width)
        shapes.draw_symbol(surface, marker_of(item.index), (x + theme.px(8), y), marker, colour, colour, 1)
        text.draw(surface, item.label, small, ink, (x + theme.px(20), y), "midleft")
        x += theme.px(22) + small.size(item.label)[0] + theme.px(12)
    if side_width:
        x = rect.right - side_width + theme.px(8)
        room = max(1, (rect.bottom - plot.top) // line)
        shown = list(series) if len(series) <= room else list(series)[: room - 1]
        for i, item in enumerate(shown):
            y = plot.top + i * line + line // 2
            colour = theme.series_colour(item.index)
            pygame.draw.line(surface, colour, (x, y), (x + theme.px(16), y), width)
            shapes.draw_symbol(surface, marker_of(item.index), (x + theme.px(8), y), marker, colour, colour, 1)
            label = text.fit(item.label, small, rect.right - x - theme.px(20))
            text.draw(surface, label, small, ink, (x + theme.px(20), y), "midleft")
        if len(shown) < len(series):
            y = plot.top + len(shown) * line + line // 2
            text.draw(surface, t("chart.more", count=len(series) - len(shown)), small, muted, (x + theme.px(20), y), "midleft")


def sparkline(
    surface: pygame.Surface,
    theme: Theme,
    rect: pygame.Rect,
    values: Sequence[float],
    colour: pygame.Color,
    y_range: tuple[float, float] = (0.0, 1.0),
) -> None:
    """A small line without axes, for cards; the last point is marked."""
    pygame.draw.rect(surface, theme.colour("grid"), rect, 1)
    if not values:
        return
    lo, hi = y_range
    count = len(values)
    points = [
        (rect.left + (rect.width * i / (count - 1) if count > 1 else rect.width / 2), _scale(v, lo, hi, rect.top + 2, rect.bottom - 2))
        for i, v in enumerate(values)
    ]
    if len(points) > 1:
        pygame.draw.lines(surface, colour, False, points, max(1, theme.px(2)))
    pygame.draw.circle(surface, colour, (int(points[-1][0]), int(points[-1][1])), max(2, theme.px(3)))
