"""The report's charts, drawn with matplotlib (Agg) as inline SVG text.

matplotlib is imported here only, when a report is made, never on the game's
start-up path. Text stays text in the SVG (so it is sharp on a projector and
searchable), matplotlib escapes it for XML, and mathtext is switched off so a
team called ``$x$`` is drawn as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Okabe and Ito's palette: told apart with the common kinds of colour blindness.
TEAM_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B")
POLICY_GREY = "#8A8A8A"
PARTNER_COLOUR = "#009E73"
PUSH_COLOUR = "#D55E00"
NEUTRAL_COLOUR = "#BBBBBB"

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "push-comes-to-shove",  # the same report twice gives the same file
    "text.parse_math": False,
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
}


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


def team_colour(index: int) -> str:
    return TEAM_COLOURS[index % len(TEAM_COLOURS)]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any) -> str:
    plt = _pyplot()
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = out.getvalue()
    start = text.find("<svg")  # drop the XML prolog and doctype: the SVG sits inside HTML
    text = text[start:] if start >= 0 else text
    meta_start, meta_end = text.find("<metadata>"), text.find("</metadata>")
    if 0 <= meta_start < meta_end:
        text = text[:meta_start] + text[meta_end + len("</metadata>"):]
    return text


POLICY_DASHES: tuple[str | tuple[int, tuple[int, ...]], ...] = ("--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (1, 3)))


def line_panels(panels: Sequence[Panel], turn_label: str, columns: int = 3, width: float = 13.0) -> str:
    """Small multiples sharing the turn axis, with one legend below."""
    plt = _pyplot()
    with plt.rc_context(_RC):
        rows = (len(panels) + columns - 1) // columns
        cols = min(columns, len(panels))
        fig, axes = plt.subplots(rows, cols, figsize=(width, 3.1 * rows + 0.6), sharex=True, squeeze=False)
        handles: dict[str, Any] = {}
        for i, (ax, panel) in enumerate(zip(axes.flat, panels, strict=False)):
            if panel.target is not None:
                ax.axhline(panel.target, color="#444444", linewidth=1.0, linestyle=":", zorder=1)
                ax.annotate("target", (0, panel.target), xytext=(2, 3), textcoords="offset points",
                            fontsize=9, color="#444444")
            for line in panel.lines:
                (h,) = ax.plot(range(len(line.values)), line.values, color=line.colour,
                               linestyle=line.dash or "-", linewidth=1.6 if line.dash else 2.6,
                               label=line.label, zorder=2 if line.dash else 3)
                handles.setdefault(line.label, h)
            ax.set_title(panel.title, loc="left", fontsize=12, fontweight="bold")
            if panel.unit:
                ax.set_ylabel(panel.unit)
            if panel.limits:
                ax.set_ylim(*panel.limits)
            if i + cols >= len(panels):  # nothing drawn below it: label its turn axis
                ax.set_xlabel(turn_label)
                ax.xaxis.set_tick_params(labelbottom=True)
        for ax in list(axes.flat)[len(panels):]:
            ax.set_visible(False)
        # Fixed margins rather than tight_layout, which costs ~0.4 s a chart; the saved
        # SVG is cropped to what is drawn (bbox_inches="tight") in any case.
        height = 3.1 * rows + 0.6
        legend_rows = (len(handles) + 5) // 6
        fig.subplots_adjust(left=0.07, right=0.98, top=1 - 0.35 / height, hspace=0.42, wspace=0.22,
                            bottom=(0.75 + 0.3 * legend_rows) / height)
        fig.legend(list(handles.values()), list(handles.keys()), loc="lower center",
                   ncol=min(6, len(handles)), frameon=False, bbox_to_anchor=(0.5, 0.0))
        return _svg(fig)


def score_chart(lines: Sequence[Line], turn_label: str) -> str:
    """Score out of 100 over the game, teams solid and built-in policies dashed."""
    return line_panels([Panel("Score (out of 100)", "points", lines, (0, 100))], turn_label, columns=1, width=11.0)


def fingerprint_chart(rows: Sequence[tuple[str, int, int, int]]) -> str:
    """Partner-or-push fingerprint: per row (label, partner moves, neutral moves, push moves)."""
    plt = _pyplot()
    with plt.rc_context({**_RC, "axes.grid": False}):
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
                    ax.text(left + share * 50, yy, f"{share * 100:.0f}%", ha="center", va="center",
                            color="white" if colour != NEUTRAL_COLOUR else "black", fontsize=10)
                left += share * 100
        ax.set_yticks(y, labels)
        ax.set_xlim(0, 100)
        ax.set_xlabel("share of moves (%): partnership, neither, push")
        ax.spines["left"].set_visible(False)
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=PARTNER_COLOUR, label="partnership"),
                           Patch(color=NEUTRAL_COLOUR, label="neither"),
                           Patch(color=PUSH_COLOUR, label="push")],
                  loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
        height = 0.55 * len(rows) + 1.3
        fig.subplots_adjust(left=0.2, right=0.97, top=1 - 0.55 / height, bottom=0.6 / height)
        return _svg(fig)
