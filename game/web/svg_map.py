"""The stakeholder map as SVG, drawn as the desktop game draws it.

Node area is power; the fill is support for the change (vermillion against, through grey, to
blue for), hatched when the stakeholder opposes it; the dark arc around a node is trust in the
chief executive; a red badge marks a stakeholder blocking now and a red dashed ring a red line
found to hold; arrows are influence (thicker is stronger, dashed vermillion is a rival). Every
node's ``<title>`` is its card (the browser shows it on hover), and the same numbers are in the
table under the map, so nothing is said by colour alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources

from game.i18n import translate
from game.i18n.numbers import percent
from game.pages.style import esc
from game.scenario.schema import Influence
from game.session.views import StakeholderView

WIDTH, HEIGHT = 1000, 640
OPPOSED_BELOW = 0.4  # as the desktop map: support under this is hatched as opposition


@cache
def colours() -> dict[str, str]:
    """The desktop theme's colours (one palette for both)."""
    raw = (resources.files("game") / "data" / "theme.json").read_text(encoding="utf-8")
    return {str(k): str(v) for k, v in json.loads(raw)["colours"].items()}


def _mix(a: str, b: str, share: float) -> str:
    pa = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    pb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(pa, pb, strict=True))


def support_fill(support: float) -> str:
    c = colours()
    s = max(0.0, min(1.0, support))
    if s < 0.5:
        return _mix(c["support_low"], c["support_mid"], s * 2)
    return _mix(c["support_mid"], c["support_high"], (s - 0.5) * 2)


def columns(count: int) -> int:
    return max(1, min(count, 3 if count <= 6 else 4 if count <= 12 else 5 if count <= 20 else 7))


def positions(ids: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Places on a grid in the scenario's order, every other column a little lower so that an arrow
    along a row passes between the nodes rather than through them: the same scenario always looks
    the same, and no two labels meet."""
    n = len(ids)
    cols = columns(n)
    rows = math.ceil(n / cols)
    cell_w, cell_h = WIDTH / cols, HEIGHT / rows
    out: dict[str, tuple[float, float]] = {}
    for i, sid in enumerate(ids):
        row, col = divmod(i, cols)
        in_row = min(cols, n - row * cols)
        left = (WIDTH - in_row * cell_w) / 2  # a short last row is centred
        x = left + (col + 0.5) * cell_w
        y = (row + 0.42) * cell_h + (cell_h * 0.12 if col % 2 else 0.0)
        out[sid] = (x, y)
    return out


def radius(power: float, count: int) -> float:
    """Area grows with power (as on the desktop map), smaller on a crowded map."""
    rows = math.ceil(count / columns(count))
    most = min(52.0, HEIGHT / rows * 0.26)
    return most * (0.45 + 0.55 * math.sqrt(max(0.0, min(1.0, power))))


def card(s: StakeholderView, lang: str | None) -> str:
    """The hover card's text: name, kind, power, trust, support and what is known of a red line."""
    lines = [s.name, translate(lang, "web.map.card", power=percent(s.power, lang), trust=percent(s.trust, lang),
                               support=percent(s.support, lang))]
    if s.red_line == "holds":
        lines.append(translate(lang, "web.map.red_line_holds"))
    elif s.red_line == "unknown":
        lines.append(translate(lang, "web.map.red_line_unknown"))
    if s.blocked:
        lines.append(translate(lang, "web.map.blocking"))
    return "\n".join(lines)


def _short(name: str, chars: int) -> str:
    return name if len(name) <= chars else name[: chars - 1].rstrip() + "…"


def render(stakeholders: Sequence[StakeholderView], influence: Sequence[Influence], lang: str | None) -> str:
    """The map as an inline ``<svg>`` element (no script, no style attribute: the page's CSP allows neither)."""
    c = colours()
    ids = [s.id for s in stakeholders]
    where = positions(ids)
    size = {s.id: radius(s.power, len(ids)) for s in stakeholders}
    title = translate(lang, "web.map.title")
    chars = max(10, int(WIDTH / columns(len(ids)) / 12.5))  # a bold name is about 12.5 units a letter
    parts = [
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="map-title" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="map-title">{esc(title)}</title>',
        "<defs>",
        f'<pattern id="hatch" width="9" height="9" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="9" stroke="{c["text"]}" stroke-width="2.2"/></pattern>',
        f'<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{c["edge"]}"/></marker>',
        f'<marker id="arrow-rival" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{c["edge_antagonist"]}"/></marker>',
        "</defs>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{c["panel"]}"/>',
    ]
    for edge in influence:
        if edge.source not in where or edge.target not in where:
            continue
        (x1, y1), (x2, y2) = where[edge.source], where[edge.target]
        length = math.hypot(x2 - x1, y2 - y1)
        if length < 1:
            continue
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        a = (x1 + ux * (size[edge.source] + 4), y1 + uy * (size[edge.source] + 4))
        b = (x2 - ux * (size[edge.target] + 6), y2 - uy * (size[edge.target] + 6))
        colour = c["edge_antagonist"] if edge.antagonist else c["edge"]
        dash = ' stroke-dasharray="10 7"' if edge.antagonist else ""
        marker = "arrow-rival" if edge.antagonist else "arrow"
        width = max(1.2, 6 * edge.weight)
        parts.append(f'<line class="edge" x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
                     f'stroke="{colour}" stroke-width="{width:.1f}"{dash} marker-end="url(#{marker})"/>')
    for s in stakeholders:
        x, y = where[s.id]
        r = size[s.id]
        ring = 6.0
        inner = r - ring - 2
        parts.append(f'<g class="node" tabindex="0" data-id="{esc(s.id)}"><title>{esc(card(s, lang))}</title>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{inner:.1f}" fill="{support_fill(s.support)}" '
                     f'stroke="{c["text"]}" stroke-width="1"/>')
        if s.support < OPPOSED_BELOW:
            parts.append(f'<circle class="hatched" cx="{x:.1f}" cy="{y:.1f}" r="{inner:.1f}" fill="url(#hatch)"/>')
        circumference = 2 * math.pi * r
        arc = max(0.0, min(1.0, s.trust)) * circumference
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="none" stroke="{c["trust_track"]}" '
                     f'stroke-width="{ring}"/>')
        parts.append(f'<circle class="trust" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="none" stroke="{c["trust_ring"]}" '
                     f'stroke-width="{ring}" stroke-dasharray="{arc:.1f} {circumference:.1f}" '
                     f'transform="rotate(-90 {x:.1f} {y:.1f})"/>')
        if s.red_line == "holds":
            parts.append(f'<circle class="red-line" cx="{x:.1f}" cy="{y:.1f}" r="{r + 7:.1f}" fill="none" '
                         f'stroke="{c["bad"]}" stroke-width="3" stroke-dasharray="6 4"/>')
        if s.blocked:
            bx, by, br = x + r * 0.8, y - r * 0.8, max(9.0, r * 0.36)
            parts.append(f'<circle class="blocked" cx="{bx:.1f}" cy="{by:.1f}" r="{br:.1f}" fill="{c["bad"]}"/>'
                         f'<rect x="{bx - br * 0.6:.1f}" y="{by - br * 0.18:.1f}" width="{br * 1.2:.1f}" '
                         f'height="{br * 0.36:.1f}" fill="{c["text_inverse"]}"/>')
        label_y = y + r + 25
        parts.append(f'<text x="{x:.1f}" y="{label_y:.1f}" text-anchor="middle" class="name">{esc(_short(s.name, chars))}</text>')
        numbers = translate(lang, "map.node_numbers_short", trust=percent(s.trust, lang), support=percent(s.support, lang))
        parts.append(f'<text x="{x:.1f}" y="{label_y + 22:.1f}" text-anchor="middle" class="numbers">{esc(numbers)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
