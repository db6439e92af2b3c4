"""The balance page's charts as matplotlib figures (Agg), turned into inline SVG by the page.

Each function takes plain numbers and labels (and the language of the words and
decimal marks on the chart) and returns a figure, so the same
chart can also be saved as a PNG to look at. The drawing conventions (fonts,
no mathtext, SVG text left as text and escaped by matplotlib) are all the
report pages', from :mod:`game.pages.svg_charts`. Colour is never the only code:
outcome segments carry hatching and numbers, tornado bars hatching and a legend.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.i18n import translate
from game.i18n.numbers import decimal_mark, number, percent
from game.pages.svg_charts import CHART_STYLE, pyplot

# Okabe and Ito's colour-blind-safe palette, as in game/data/theme.json.
OUTCOME_STYLE = {
    "success": ("#009E73", ""),
    "partial": ("#E69F00", ".."),
    "failure": ("#D55E00", "xx"),
}
LOWERED = ("#0072B2", "//")
RAISED = ("#E69F00", "")
DISTRIBUTION = "#56B4E9"
INK = "#1d2433"
# A segment narrower than this share of a bar gets no number inside (the table beside has it).
LABEL_MIN_SHARE = 0.06


@dataclass(frozen=True)
class ScoreRow:
    """One policy's scores: the percentiles and mean, and whole-point counts when known."""

    label: str
    mean: float
    p10: float
    p50: float
    p90: float
    histogram: Sequence[int] = ()


@dataclass(frozen=True)
class TornadoBar:
    """One input's effect on one policy's mean score, in points (lowered, raised)."""

    label: str
    low: float
    high: float
    low_noisy: bool
    high_noisy: bool
    detail: str = ""
    """A second, smaller line under the label (what the input is)."""


def outcome_word(outcome: str, lang: str | None = "en") -> str:
    """``Success``, ``Partial`` or ``Failure`` in ``lang`` (another word is returned as it is)."""
    return translate(lang, f"balance.col.{outcome}") if outcome in OUTCOME_STYLE else outcome


def _say(lang: str | None, key: str, /, **fields: object) -> str:
    return translate(lang, f"balance.chart.{key}", **fields)


def _decimals(ax: Any, lang: str | None) -> None:
    """The x axis's tick labels with the language's decimal mark (``2,5`` in French)."""
    mark = decimal_mark(lang)
    if mark == ".":
        return
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}".replace("-", "−").replace(".", mark)))


def outcome_bars(rows: Sequence[tuple[str, dict[str, float]]], lang: str | None = "en") -> Any:
    """Stacked horizontal bars, one per policy: shares of success, partial and failure."""
    plt = pyplot()
    height = 0.62 * len(rows) + 1.2
    with plt.rc_context({**CHART_STYLE, "axes.grid": False}):
        fig, ax = plt.subplots(figsize=(11.0, height), layout="constrained")
        y = list(range(len(rows)))[::-1]
        for (_, rates), yy in zip(rows, y, strict=True):
            left = 0.0
            for outcome, (colour, hatch) in OUTCOME_STYLE.items():
                share = rates.get(outcome, 0.0)
                if share <= 0.0:
                    continue
                ax.barh(yy, share * 100, left=left, color=colour, hatch=hatch, edgecolor="white",
                        linewidth=0.8, height=0.64)
                if share >= LABEL_MIN_SHARE:
                    ax.text(left + share * 50, yy, percent(share, lang), ha="center", va="center",
                            fontsize=10, fontweight="bold", color=INK,
                            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
                                  "alpha": 0.9})
                left += share * 100
        ax.set_yticks(y, [label for label, _ in rows])
        ax.set_xlim(0, 100)
        ax.set_xlabel(_say(lang, "share"))
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        _legend(ax, [(outcome_word(o, lang), colour, hatch) for o, (colour, hatch) in OUTCOME_STYLE.items()])
        return fig


def _legend(ax: Any, entries: Sequence[tuple[str, str, str]]) -> None:
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor=colour, hatch=hatch, edgecolor="white", label=label)
                       for label, colour, hatch in entries],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(entries), frameon=False,
              handleheight=1.4, handlelength=2.6)


def _score_range(rows: Sequence[ScoreRow]) -> tuple[float, float]:
    """The part of 0..100 where the scores are, with a margin, in steps of five points."""
    lows, highs = [], []
    for row in rows:
        filled = [i for i, n in enumerate(row.histogram) if n > 0]
        if filled:
            lows.append(float(filled[0]))
            highs.append(float(filled[-1] + 1))
        else:
            spread = max(row.p90 - row.p10, 1.0)
            lows.append(row.p10 - spread)
            highs.append(row.p90 + spread)
    low = max(0.0, 5 * ((min(lows, default=0.0) - 2) // 5))
    high = min(100.0, 5 * -((-(max(highs, default=100.0) + 2)) // 5))
    return (low, high) if high > low else (0.0, 100.0)


def score_distribution(rows: Sequence[ScoreRow], lang: str | None = "en") -> Any:
    """One ridge per policy: how many runs ended on each score, with p10, median, p90 and mean marked."""
    plt = pyplot()
    height = 0.95 * len(rows) + 1.3
    low, high = _score_range(rows)
    with plt.rc_context({**CHART_STYLE, "axes.grid": False}):
        fig, ax = plt.subplots(figsize=(11.0, height), layout="constrained")
        y = list(range(len(rows)))[::-1]
        for row, base in zip(rows, y, strict=True):
            total = sum(row.histogram)
            if total:
                peak = max(row.histogram)
                xs = [float(i) for i in range(len(row.histogram) + 1)]
                heights = [0.0] + [0.7 * n / peak for n in row.histogram]
                ax.fill_between(xs, base, [base + h for h in heights], step="pre", color=DISTRIBUTION,
                                alpha=0.55, linewidth=0)
                ax.step(xs, [base + h for h in heights], where="pre", color="#2b6f99", linewidth=0.9)
            else:
                ax.add_patch(_box(row, base))
            ax.plot([row.p10, row.p90], [base - 0.1, base - 0.1], color=INK, linewidth=1.6)
            for value, size in ((row.p10, 0.09), (row.p50, 0.16), (row.p90, 0.09)):
                ax.plot([value, value], [base - 0.1 - size, base - 0.1 + size], color=INK, linewidth=2.0)
            ax.plot([row.mean], [base - 0.1], marker="D", markersize=7, color="white",
                    markeredgecolor=INK, markeredgewidth=1.5, linestyle="none")
        ticks = [base + 0.3 for base in y]
        ax.set_yticks(ticks, [row.label for row in rows])
        # The figures in a column of their own on the right, clear of the shapes.
        figures = ax.secondary_yaxis("right")
        figures.set_yticks(ticks, [_say(lang, "figures", median=number(row.p50, lang), mean=number(row.mean, lang),
                                        p10=number(row.p10, lang), p90=number(row.p90, lang))
                                   for row in rows], fontsize=9.5, linespacing=1.25)
        figures.tick_params(length=0)
        figures.spines["right"].set_visible(False)
        ax.set_ylim(-0.45, max(y, default=0) + 0.95)
        ax.set_xlim(low, high)
        ax.set_xlabel(_say(lang, "score"))
        ax.grid(axis="x", alpha=0.3)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        return fig


def _box(row: ScoreRow, base: float) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((row.p10, base), row.p90 - row.p10, 0.4, facecolor=DISTRIBUTION, alpha=0.55,
                     edgecolor="#2b6f99")


def signed(points: float, lang: str | None = "en") -> str:
    """``+3.1``, ``−2.0`` (a true minus sign; ``+3,1`` in French) or ``0``."""
    if round(points, 1) == 0:
        return "0"
    return number(points, lang, 1, signed=True).replace("-", "−")


def _tick(bar: TornadoBar, width: int = 50) -> str:
    """A tornado row's label: the input's key, and under it what it is, shortened to fit."""
    if not bar.detail:
        return bar.label
    return f"{bar.label}\n{textwrap.shorten(bar.detail, width, placeholder='…')}"


def tornado(panels: Sequence[tuple[str, Sequence[TornadoBar]]], step: float, lang: str | None = "en") -> Any:
    """One panel per policy, stacked: how far lowering and raising each input moves its mean score.

    Panels without bars are left out (the page names those policies in words)."""
    plt = pyplot()
    shown = [(title, bars) for title, bars in panels if bars] or [("", [])]
    heights = [max(len(bars), 1) for _, bars in shown]
    height = sum(0.62 * n + 1.0 for n in heights) + 0.5
    with plt.rc_context({**CHART_STYLE, "axes.grid": False, "font.size": 10}):
        fig, axes = plt.subplots(len(shown), 1, figsize=(11.0, height), squeeze=False, layout="constrained",
                                 gridspec_kw={"height_ratios": [n + 1.6 for n in heights]})
        for ax, (title, bars) in zip(axes.flat, shown, strict=True):
            ax.set_title(title, loc="left", fontsize=11.5, fontweight="bold")
            if not bars:
                ax.text(0.5, 0.5, _say(lang, "no_input"), transform=ax.transAxes,
                        ha="center", va="center", color="#5b6474")
                ax.set_axis_off()
                continue
            # Each panel on its own scale: the question is what matters most to this policy.
            reach = max(max(max(abs(b.low), abs(b.high)) for b in bars) * 1.35, 1.0)
            y = list(range(len(bars)))[::-1]
            for bar, yy in zip(bars, y, strict=True):
                for points, noisy, (colour, hatch), shift in ((bar.low, bar.low_noisy, LOWERED, 0.18),
                                                              (bar.high, bar.high_noisy, RAISED, -0.18)):
                    ax.barh(yy + shift, points, height=0.34, color=colour, hatch=hatch, edgecolor="white",
                            linewidth=0.6, alpha=0.35 if noisy else 1.0)
                    ax.annotate(signed(points, lang), (points, yy + shift), xytext=(3 if points >= 0 else -3, 0),
                                textcoords="offset points", ha="left" if points >= 0 else "right",
                                va="center", fontsize=8.5, color="#5b6474" if noisy else INK)
            ax.axvline(0, color=INK, linewidth=1.0)
            ax.set_yticks(y, [_tick(b) for b in bars], fontsize=9)
            ax.set_ylim(-0.6, len(bars) - 0.4)
            ax.set_xlim(-reach, reach)
            ax.set_xlabel(_say(lang, "change"), fontsize=9)
            _decimals(ax, lang)
            ax.grid(axis="x", alpha=0.3)
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
        from matplotlib.patches import Patch

        pct = percent(step, lang)
        fig.legend(handles=[Patch(facecolor=LOWERED[0], hatch=LOWERED[1], edgecolor="white",
                                  label=_say(lang, "lowered", step=pct)),
                            Patch(facecolor=RAISED[0], hatch=RAISED[1], edgecolor="white",
                                  label=_say(lang, "raised", step=pct)),
                            Patch(facecolor="#888888", alpha=0.35, label=_say(lang, "faint"))],
                   loc="outside upper center", ncol=3, frameon=False, handleheight=1.3, handlelength=2.4)
        return fig
