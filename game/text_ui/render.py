"""Text building blocks for the terminal game: bars, aligned tables, wrapping, colour.

Everything returns plain strings or lists of lines, so tests read exactly what
the player would. Colour is added only when the output is a terminal and
``NO_COLOR`` is not set; screen readers and pipes get the same words without
escape codes. Labels always come before values, and every bar is followed by
its number, so nothing relies on the picture alone.
"""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from game.i18n import no_break, t
from game.session import amounts
from game.session.amounts import signed_points
from game.session.views import MetricView

FULL = "█"
EMPTY = "░"
MIN_WIDTH = 40
MAX_WIDTH = 100

_COLOURS = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
}


@dataclass(frozen=True)
class Terminal:
    """How wide to write and whether colour codes are welcome."""

    width: int = 80
    colour: bool = False
    bars: bool = True  # SHOVE_NO_BARS=1 leaves them out (screen readers read every block)

    @classmethod
    def detect(cls, stream: TextIO) -> Terminal:
        is_tty = False
        try:
            is_tty = stream.isatty()
        except (AttributeError, ValueError):
            is_tty = False
        width = shutil.get_terminal_size((80, 24)).columns if is_tty else 80
        colour = is_tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        bars = os.environ.get("SHOVE_NO_BARS", "") in ("", "0")
        return cls(width=max(MIN_WIDTH, min(MAX_WIDTH, width)), colour=colour, bars=bars)

    def bar(self, value: float, width: int = 10, low: float = 0.0, high: float = 1.0) -> str:
        """A bar followed by a space, or nothing when bars are off."""
        return f"{bar(value, width, low, high)} " if self.bars else ""

    def bar_value(self, value: float, width: int = 10) -> str:
        """``█████░░░░░ 52%``, or ``52%`` when bars are off: shares read as percentages, as in
        the desktop game and in the reasons an action is unavailable."""
        return f"{self.bar(value, width)}{percent(value)}"

    def paint(self, text: str, *styles: str) -> str:
        """``text`` wrapped in ANSI styles when colour is on, else unchanged."""
        if not self.colour or not styles:
            return text
        codes = ";".join(_COLOURS[s] for s in styles if s in _COLOURS)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def bar(value: float, width: int = 10, low: float = 0.0, high: float = 1.0) -> str:
    """A bar such as ``█████░░░░░`` for ``value`` between ``low`` and ``high``."""
    span = high - low
    share = 0.0 if span <= 0 else (value - low) / span
    share = min(1.0, max(0.0, share))
    filled = round(share * width)
    return FULL * filled + EMPTY * (width - filled)


def bar_value(value: float, width: int = 10) -> str:
    """A 0-to-1 bar followed by its value: ``█████░░░░░ 52%``."""
    return f"{bar(value, width)} {percent(value)}"


MINUS = "-"  # a plain hyphen: every console can show it, and screen readers say "minus"


def points(delta: float) -> str:
    """A change in a 0-to-1 share, in percentage points: ``+6 pts``, or ``±0`` when it rounds to nothing."""
    return "±0" if round(delta * 100) == 0 else signed_points(delta, minus=MINUS)


def metric_value(metric: MetricView, value: float | None = None) -> str:
    """A metric's value (or ``value`` in its unit) as the desktop game writes it: ``72%``, ``-£12m``, ``5.4 hours``."""
    return amounts.metric_value(metric, value, minus=MINUS)


def metric_change(metric: MetricView) -> str:
    """Last turn's change in a metric: ``+3 pts``, ``-£1m``, ``-0.4 hours``, or ``±0`` when it rounds to nothing."""
    return amounts.metric_change(metric, minus=MINUS) if amounts.metric_moved(metric) else "±0"


def unit_change(delta: float, unit: str, digits: int) -> str:
    """A change in ``unit`` with ``digits`` decimals (points for a percentage), or ``±0`` when it rounds to nothing."""
    return amounts.change(delta, unit, digits, minus=MINUS) if amounts.moved(delta, digits) else "±0"


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def fit(line: str, width: int) -> list[str]:
    """``line`` as printed on a terminal ``width`` characters wide: as it is when it fits, else
    wrapped under its own indentation (plus four spaces), so that long names and reasons never
    run past the edge. A line holding a path stays whole, to be copied; a wrapped line loses its
    colour codes, never its words."""
    out: list[str] = []
    for part in line.split("\n"):
        visible = _ANSI.sub("", part)
        if len(visible) <= width or any("/" in word or "\\" in word for word in visible.split()):
            out.append(part)  # fits, or holds a path or a command to copy: kept whole
            continue
        body = no_break(visible.lstrip(" "))
        lead = visible[: len(visible) - len(body)]
        hang = lead + "    " if len(lead) + 4 < width // 2 else lead
        parts = textwrap.wrap(_glue_points(body), width=max(20, width), initial_indent=lead, subsequent_indent=hang,
                              break_long_words=True, break_on_hyphens=False)
        out.extend([part.replace(_GLUE, " ") for part in parts] or [""])
    return out


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """Paragraphs of ``text`` wrapped to ``width``; blank lines between paragraphs are kept."""
    lead = indent if first is None else first
    out: list[str] = []
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    for n, para in enumerate(p for p in paragraphs if p):
        if n:
            out.append("")
        joined = _glue_points(no_break(" ".join(para.split())))
        out.extend(
            part.replace(_GLUE, " ")
            for part in textwrap.wrap(
                joined,
                width=max(20, width),
                initial_indent=lead if n == 0 else indent,
                subsequent_indent=indent,
                break_long_words=True,
                break_on_hyphens=False,
            )
        )
    return out


def flow(cells: Sequence[str], width: int, indent: str = "", gap: str = "  ", keep: Sequence[str] = ()) -> list[str]:
    """``cells`` laid left to right after ``indent``, ``gap`` apart, starting a new line when the
    next one would pass ``width``. A cell is never split unless it is wider than a whole line on
    its own, when it is wrapped at its spaces, except inside the phrases in ``keep`` (a number
    and its unit, say), which always stay on one line."""
    room = max(20, width) - len(indent)
    out: list[str] = []
    line = ""
    for cell in (c for c in cells if c):
        if line and len(line) + len(gap) + len(cell) <= room:
            line += gap + cell
            continue
        if line:
            out.append(indent + line)
        line = cell
        if len(cell) > room:
            parts = _wrap_keeping(cell, room, keep)
            out += [indent + part for part in parts[:-1]]
            line = parts[-1] if parts else ""
    if line:
        out.append(indent + line)
    return out


_GLUE = "\x00"  # stands for a space inside a kept phrase while wrapping (never in shown text)
_POINTS = re.compile(r"(?<=\d) (?=pts?\b)")  # "-4 pts": a number stays on the line of its unit


def _glue_points(text: str) -> str:
    return _POINTS.sub(_GLUE, text)


def _wrap_keeping(text: str, width: int, keep: Sequence[str]) -> list[str]:
    for phrase in sorted({k for k in keep if " " in k}, key=len, reverse=True):
        text = text.replace(phrase, phrase.replace(" ", _GLUE))
    parts = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)
    return [part.replace(_GLUE, " ") for part in parts]


def table(rows: Sequence[Sequence[str]], align: str = "", gap: str = "  ") -> list[str]:
    """Rows of cells as aligned lines; ``align`` holds ``l`` or ``r`` per column (left by default).

    A column empty in every row is left out."""
    if not rows:
        return []
    columns = max(len(r) for r in rows)
    # Columns empty in every row take no space.
    keep = [c for c in range(columns) if any(c < len(r) and r[c] for r in rows)]
    if len(keep) < columns:
        rows = [[r[c] if c < len(r) else "" for c in keep] for r in rows]
        align = "".join(align[c] if c < len(align) else "l" for c in keep)
        columns = len(keep)
    widths = [max((len(r[c]) for r in rows if c < len(r)), default=0) for c in range(columns)]
    lines = []
    for row in rows:
        cells = []
        for c in range(columns):
            cell = row[c] if c < len(row) else ""
            right = c < len(align) and align[c] == "r"
            cells.append(cell.rjust(widths[c]) if right else cell.ljust(widths[c]))
        lines.append(gap.join(cells).rstrip())
    return lines


def heading(text: str, width: int, char: str = "─") -> list[str]:
    """A title followed by a rule as long as the title (screen readers read the title alone)."""
    shown = text[:width]
    return [shown, char * len(shown)]


def percent(share: float) -> str:
    """A 0-to-1 share as a whole percentage: ``42%`` (``<1%`` for tiny non-zero shares)."""
    if 0 < share < 0.005:
        return "<" + t("fmt.percent", n="1")
    if 0.995 < share < 1:
        return ">" + t("fmt.percent", n="99")
    return t("fmt.percent", n=f"{share * 100:.0f}")
