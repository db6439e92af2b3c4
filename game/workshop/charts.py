"""The report's charts, drawn with matplotlib (Agg) as inline SVG text.

The drawing style and the SVG export are the report pages' own
(:mod:`game.pages.svg_charts`): text stays text, escaped by matplotlib, and a
team called ``$x$`` is drawn as written. The few words a chart draws itself
(axis names, "target", the legend of the fingerprint) come from the i18n
catalogue in the ``lang`` given, and decimals on the axes follow it too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.i18n import translate
from game.i18n.numbers import decimal_mark, percent, with_mark
from game.pages.svg_charts import CHART_STYLE, FONT_SIZE, pyplot, round_ticks, svg

POLICY_GREY = "#8A8A8A"
PARTNER_COLOUR = "#009E73"
PUSH_COLOUR = "#D55E00"
NEUTRAL_COLOUR = "#BBBBBB"


@dataclass(frozen=True)
class Line:
    """One series on a chart: values at turns 0, 1, 2…"""

    label: str
    values: Sequence[float]
    colour: str
    dash: str | tuple[int, tuple[int, ...]] = ""  # "" for a solid line, else a matplotlib line style such as "--" or ":"


@dataclass(frozen=True)
class Panel:
    """One small chart: a title, the unit of its y axis, its lines, and optional range and target."""

    title: str
    unit: str
    lines: Sequence[Line]
    limits: tuple[float, float] | None = None
    target: float | None = None


def _decimals(ax: Any, lang: str | None) -> None:
    """Tick labels with the language's decimal mark (``0,5`` in French)."""
    if decimal_mark(lang) == ".":
        return
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: with_mark(f"{value:g}", lang)))


POLICY_DASHES: tuple[str | tuple[int, tuple[int, ...]], ...] = ("--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (1, 3)))


def legend_columns(labels: Sequence[str], width: float) -> int:
    """As many legend columns (up to six) as fit across ``width`` inches with the longest label."""
    if not labels:
        return 1
    # A legend entry: the line sample and gaps (about 45 pt) and the label (about 0.6 em a character).
    entry = 45 + 0.6 * FONT_SIZE * max(len(label) for label in labels)
    return max(1, min(6, len(labels), int(width * 72 * 0.95 // entry)))


def line_panels(panels: Sequence[Panel], turn_label: str, columns: int = 3, width: float = 13.0,
                lang: str | None = None) -> str:
    """Small multiples sharing the turn axis, with one legend below (chart words in ``lang``)."""
    plt = pyplot()
    with plt.rc_context(CHART_STYLE):
        rows = (len(panels) + columns - 1) // columns
        cols = min(columns, len(panels))
        fig, axes = plt.subplots(rows, cols, figsize=(width, 3.1 * rows + 0.6), sharex=True, squeeze=False)
        handles: dict[str, Any] = {}
        # A title longer than its panel is wide wraps onto a second line (bold 12 pt: ~0.62 em a character).
        title_chars = max(12, int(width * 0.91 / cols * 0.88 * 72 / (0.62 * 12)))
        for i, (ax, panel) in enumerate(zip(axes.flat, panels, strict=False)):
            if panel.target is not None:
                ax.axhline(panel.target, color="#444444", linewidth=1.0, linestyle=":", zorder=1)
                ax.annotate(translate(lang, "chart.target"), (0, panel.target), xytext=(2, 3), textcoords="offset points",
                            fontsize=9, color="#444444")
            for line in panel.lines:
                (h,) = ax.plot(range(len(line.values)), line.values, color=line.colour,
                               linestyle=line.dash or "-", linewidth=1.6 if line.dash else 2.6,
                               label=line.label, zorder=2 if line.dash else 3)
                handles.setdefault(line.label, h)
            ax.set_title(textwrap.fill(panel.title, title_chars), loc="left", fontsize=12, fontweight="bold")
            if panel.unit:
                ax.set_ylabel(panel.unit)
            round_ticks(ax)
            if panel.limits:
                ax.set_ylim(*panel.limits)
            _decimals(ax, lang)
            if i + cols >= len(panels):  # nothing drawn below it: label its turn axis
                ax.set_xlabel(turn_label)
                ax.xaxis.set_tick_params(labelbottom=True)
        for ax in list(axes.flat)[len(panels):]:
            ax.set_visible(False)
        # Fixed margins rather than tight_layout, which costs ~0.4 s a chart; the saved
        # SVG is cropped to what is drawn (bbox_inches="tight") in any case.
        height = 3.1 * rows + 0.6
        ncol = legend_columns(list(handles), width)
        legend_rows = (len(handles) + ncol - 1) // ncol
        fig.subplots_adjust(left=0.07, right=0.98, top=1 - 0.35 / height, hspace=0.42, wspace=0.22,
                            bottom=(0.75 + 0.3 * legend_rows) / height)
        fig.legend(list(handles.values()), list(handles.keys()), loc="lower center",
                   ncol=ncol, frameon=False, bbox_to_anchor=(0.5, 0.0))
        return svg(fig)


def score_chart(lines: Sequence[Line], turn_label: str, lang: str | None = None) -> str:
    """Score out of 100 over the game, teams solid and built-in policies dashed."""
    panel = Panel(translate(lang, "report.chart.score"), translate(lang, "report.chart.points"), lines, (0, 100))
    return line_panels([panel], turn_label, columns=1, width=11.0, lang=lang)


def fingerprint_chart(rows: Sequence[tuple[str, int, int, int]], lang: str | None = None) -> str:
    """Partner-or-push fingerprint: per row (label, partner moves, neutral moves, push moves)."""
    plt = pyplot()
    with plt.rc_context({**CHART_STYLE, "axes.grid": False}):
        fig, ax = plt.subplots(figsize=(11.0, 0.55 * len(rows) + 1.3))
        labels = [r[0] for r in rows]
        y = list(range(len(rows)))[::-1]
        for (_, partner, neutral, push), yy in zip(rows, y, strict=True):
            total = partner + neutral + push or 1
            shares = (partner / total, neutral / total, push / total)
            left = 0.0
            for share, colour in zip(shares, (PARTNER_COLOUR, NEUTRAL_COLOUR, PUSH_COLOUR), strict=True):
                ax.barh(yy, share * 100, left=left, color=colour, height=0.62)
                if share >= 0.08:
                    ax.text(left + share * 50, yy, percent(share, lang), ha="center", va="center",
                            color="white" if colour != NEUTRAL_COLOUR else "black", fontsize=10)
                left += share * 100
        ax.set_yticks(y, labels)
        ax.set_xlim(0, 100)
        ax.set_xlabel(translate(lang, "report.chart.share_of_moves"))
        ax.spines["left"].set_visible(False)
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=PARTNER_COLOUR, label=translate(lang, "report.stance.partner")),
                           Patch(color=NEUTRAL_COLOUR, label=translate(lang, "report.stance.neutral")),
                           Patch(color=PUSH_COLOUR, label=translate(lang, "report.stance.push"))],
                  loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
        height = 0.55 * len(rows) + 1.3
        fig.subplots_adjust(left=0.2, right=0.97, top=1 - 0.55 / height, bottom=0.6 / height)
        return svg(fig)
