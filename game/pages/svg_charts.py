"""matplotlib for the report pages: one drawing style, the Agg loader and the inline SVG export.

matplotlib is imported only when a page is made, never on the game's start-up
path. Text stays text in the SVG (sharp on a projector, searchable, escaped by
matplotlib), mathtext is off so a name like ``$x$`` is drawn as written, and
the hash salt is fixed so the same page made twice is the same file.
"""

from __future__ import annotations

import io
from typing import Any

FONT_SIZE = 11  # points

CHART_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "push-comes-to-shove",  # the same report twice gives the same file
    "text.parse_math": False,
    "font.size": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
}
_AT_SAVE = ("svg.fonttype", "svg.hashsalt")


def pyplot() -> Any:
    """``matplotlib.pyplot`` on the Agg back end (no window, no display needed)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def round_ticks(ax: Any, most: int = 7) -> None:
    """Gridlines on the y axis at round steps only (1, 2 or 5 times a power of ten), as the desktop
    game's charts have them: ``0, 2, 4, 6`` beside a target of 3.5, never ``2.5, 7.5``."""
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=most - 1, steps=[1, 2, 5, 10]))


def svg(fig: Any) -> str:
    """The figure as SVG text to place inside an HTML page, without prolog or metadata; closes it."""
    plt = pyplot()
    out = io.StringIO()
    # The SVG settings are read when the file is written, which may be after the figure's own style ended.
    with plt.rc_context({key: CHART_STYLE[key] for key in _AT_SAVE}):
        fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = out.getvalue()
    start = text.find("<svg")  # drop the XML prolog and doctype: the SVG sits inside HTML
    text = text[start:] if start >= 0 else text
    meta_start, meta_end = text.find("<metadata>"), text.find("</metadata>")
    if 0 <= meta_start < meta_end:
        text = text[:meta_start] + text[meta_end + len("</metadata>"):]
    return text
