"""The stakeholder map: who is involved, how they feel, and who listens to whom.

Node size is power, fill is support for the change (with hatching when a
stakeholder opposes it), the ring's arc is trust in the chief executive, the
symbol is the kind of organisation, and arrows are influence (dashed for
rivals). Every encoding is also written in the node's label or card.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.i18n import percent, t
from game.ui import map_faces, shapes, text
from game.ui.intents import Intent
from game.ui.map_layout import clashes, separate
from game.ui.widgets.base import Tooltip, Widget, WidgetState

if TYPE_CHECKING:
    from game.scenario.schema import Influence
    from game.session.views import StakeholderView
    from game.ui.theme import Theme

KINDS = (
    "provider", "clinicians", "primary_care", "local_government", "commissioner", "regulator",
    "national", "patients", "staff", "media", "political", "private", "other",
)


def kind_words(kind: str, declared_name: str = "") -> str:
    """The legend's words for a kind of stakeholder (the scenario's own name for a kind it declares)."""
    if declared_name:
        return declared_name
    return t(f"kind.{kind}") if kind in KINDS else kind.replace("_", " ")


def kind_symbol(theme: Theme, kind: str, declared_symbol: str = "") -> str:
    """The shape drawn for a kind of stakeholder: the scenario's choice for a kind it declares, else the theme's."""
    return declared_symbol or theme.shape(kind)


def legend_kinds(theme: Theme, stakeholders: Sequence[StakeholderView]) -> list[tuple[str, str]]:
    """The (symbol, words) of each kind of stakeholder on the map, once each, in the order of the kinds' ids."""
    first = {s.kind: s for s in sorted(stakeholders, key=lambda s: s.kind)}
    return [(kind_symbol(theme, s.kind, s.symbol), kind_words(s.kind, s.kind_name)) for s in first.values()]

OPPOSED_BELOW = 0.4  # support under this is hatched as opposition
LABEL_WIDTH = 170  # design pixels for a node's name and numbers



def crowding(count: int) -> float:
    """How much to shrink nodes on a crowded map (1 up to eight stakeholders)."""
    return 1.0 if count <= 8 else max(0.6, math.sqrt(8 / count))


def node_radius(theme: Theme, power: float, count: int = 1) -> float:
    shrink = crowding(count)
    lo, hi = theme.px("node_min") * shrink, theme.px("node_max") * shrink
    # Area, not radius, grows with power, so a twice as powerful body does not look four times bigger.
    return lo + (hi - lo) * math.sqrt(max(0.0, min(1.0, power)))


class NodeWidget(Widget):
    """One stakeholder on the map; focusable, with a rich card as its tooltip."""

    def __init__(
        self,
        centre: tuple[int, int],
        radius: float,
        data: StakeholderView,
        *,
        tooltip: Tooltip,
        intent: Intent | None = None,
        highlighted: bool = False,
        dimmed: bool = False,
        count: int = 1,
        label_px: int = 0,
        label_lines: int = 2,
        face: pygame.Surface | None = None,
    ) -> None:
        r = int(radius)
        rect = pygame.Rect(centre[0] - r, centre[1] - r, 2 * r, 2 * r)
        super().__init__(rect, intent=intent, tooltip=tooltip, focusable=True, key=f"node:{data.id}")
        self.centre = centre
        self.radius = radius
        self.data = data
        self.highlighted = highlighted
        self.dimmed = dimmed
        self.count = count  # stakeholders on the map: crowded maps get shorter labels
        self.label_px = label_px
        self.label_lines = label_lines  # lines the name may take (a long name on a narrow map takes three)
        self.face = face  # the stakeholder's portrait, drawn inside the trust ring (game.ui.map_faces)

    def hit(self, pos: tuple[int, int]) -> bool:
        return math.hypot(pos[0] - self.centre[0], pos[1] - self.centre[1]) <= self.radius + 4

    def label_rect(self, theme: Theme) -> pygame.Rect:
        width = self.label_px or theme.px(label_width(self.count))
        height = label_height(theme, self.count, self.label_lines)
        return pygame.Rect(self.centre[0] - width // 2, int(self.centre[1] + self.radius + theme.px(3)), width, height)

    def focus_rect(self) -> pygame.Rect:
        return self.rect

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        data = self.data
        ring_width = theme.px("ring_width")
        if self.highlighted or state.hovered:
            pygame.draw.circle(surface, theme.colour("hover" if not self.highlighted else "accent_soft"), self.centre, int(self.radius + ring_width * 2.5))
        fill = theme.support_colour(data.support)
        if self.dimmed:
            fill = fill.lerp(theme.colour("background"), 0.6)
        inner = self.radius - ring_width - theme.px(2)
        shape = kind_symbol(theme, data.kind, data.symbol)
        shapes.draw_symbol(surface, shape, self.centre, inner, fill, theme.colour("text"), theme.px(1))
        if data.support < OPPOSED_BELOW:
            shapes.draw_hatch(surface, shape, self.centre, inner, theme.colour("text"), theme.px(7))
        if self.face is not None:
            map_faces.draw_node_face(surface, self, self.face)
        shapes.draw_ring(surface, self.centre, self.radius, data.trust, theme.colour("trust_ring"), theme.colour("trust_track"), ring_width)
        if data.blocked:
            badge = max(6.0, self.radius * 0.38)
            shapes.draw_block_badge(
                surface, (self.centre[0] + self.radius * 0.8, self.centre[1] - self.radius * 0.8), badge, theme.colour("bad"), theme.colour("text_inverse")
            )
        label = self.label_rect(theme)
        name_font = theme.font("small_bold")
        small = theme.font("small")
        lines = name_lines(theme, data.name, label.width, self.label_lines)
        y = label.top
        # Each line sits on a patch of the panel's colour, so an influence line passing behind a
        # name never runs through its letters.
        halo = theme.px(2)
        for line in lines:
            w, h = name_font.size(line)
            pygame.draw.rect(surface, theme.colour("panel"), pygame.Rect(label.centerx - w // 2 - halo, y, w + 2 * halo, h))
            text.draw(surface, line, name_font, theme.colour("text"), (label.centerx, y), "midtop")
            y += name_font.get_linesize()
        if shows_numbers(self.count):
            numbers = t("map.node_numbers", trust=percent(data.trust), support=percent(data.support))
            if small.size(numbers)[0] > label.width:  # longer words (French) under a narrow label
                numbers = t("map.node_numbers_short", trust=percent(data.trust), support=percent(data.support))
            text.draw(surface, text.fit(numbers, small, label.width), small, theme.colour("text_muted"), (label.centerx, y), "midtop")


def draw_edges(
    surface: pygame.Surface, theme: Theme, nodes: dict[str, NodeWidget], influence: Sequence[Influence], focus: str | None = None
) -> None:
    """Influence arrows from source to target; thicker is stronger, dashed is a rival."""
    for edge in influence:
        a, b = nodes.get(edge.source), nodes.get(edge.target)
        if a is None or b is None:
            continue
        dx, dy = b.centre[0] - a.centre[0], b.centre[1] - a.centre[1]
        length = math.hypot(dx, dy)
        if length < 1:
            continue
        ux, uy = dx / length, dy / length
        start = (a.centre[0] + ux * (a.radius + 2), a.centre[1] + uy * (a.radius + 2))
        tip = (b.centre[0] - ux * (b.radius + 3), b.centre[1] - uy * (b.radius + 3))
        touched = focus in (edge.source, edge.target)
        colour = theme.colour("edge_antagonist" if edge.antagonist else "edge")
        if focus is not None and not touched:
            colour = colour.lerp(theme.colour("background"), 0.65)
        width = max(1, round(theme.px("edge_max") * edge.weight * (1.4 if touched else 1.0)))
        if edge.antagonist:
            shapes.draw_dashed(surface, start, tip, colour, width, theme.px(7))
        else:
            pygame.draw.line(surface, colour, start, tip, width)
        shapes.draw_arrowhead(surface, tip, (ux, uy), theme.px(6) + width, colour)


@dataclass(frozen=True)
class Placement:
    centres: dict[str, tuple[int, int]]
    radii: dict[str, float]
    label_px: int  # label width in pixels: narrower when the map is small for its stakeholders
    # Each label's own width and lines: wider than ``label_px`` for a word that would not fit, three lines for a long name.
    label_widths: dict[str, int] = field(default_factory=dict)
    label_lines: dict[str, int] = field(default_factory=dict)


def place_nodes(
    theme: Theme, area: pygame.Rect, positions: dict[str, tuple[float, float]], data: Sequence[StakeholderView], *, shrink: bool = False
) -> Placement:
    """Centres, radii and label width inside ``area``, so nodes and labels do not overlap.

    With ``shrink`` (the compact layout's short map) nodes get smaller, down to
    half, until rows of them and their whole names fit."""
    count = len(data)
    margin_x = max(theme.px("node_max"), theme.px(label_width(count)) // 2) + theme.px(8)
    margin_top = theme.px("node_max") + theme.px(8)
    margin_bottom = theme.px("node_max") + label_height(theme, count) + theme.px(8)
    inner = pygame.Rect(
        area.left + margin_x, area.top + margin_top, max(1, area.width - 2 * margin_x), max(1, area.height - margin_top - margin_bottom)
    )
    radii = np.array([node_radius(theme, item.power, count) for item in data])
    centres = np.array(
        [(inner.left + positions.get(i.id, (0.5, 0.5))[0] * inner.width, inner.top + positions.get(i.id, (0.5, 0.5))[1] * inner.height) for i in data]
    )
    bounds = area.inflate(-2 * theme.px(6), -2 * theme.px(6))
    label_h = label_height(theme, count)
    # On a small map (a big UI scale in a small window) labels narrow until a grid of them fits.
    footprint_h = 2 * float(radii.max(initial=0.0)) + theme.px(3) + label_h
    rows_fit = max(1, int(bounds.height // max(1.0, footprint_h)))
    columns_needed = math.ceil(count / rows_fit) if count else 1
    label_w = int(min(theme.px(label_width(count)), max(theme.px(70), bounds.width / columns_needed - theme.px(8))))
    # Every name whole: a label widens to its longest word, and a long name takes a third line.
    fitted = [fit_label(theme, item.name, label_w, bounds.width) for item in data]
    widest = max([w for w, _ in fitted], default=1)
    rows = math.ceil(count / max(1, min(count, int(bounds.width // max(1, widest))))) if count else 1
    tallest = max([label_height(theme, count, n) for _, n in fitted], default=0)
    room = bounds.height / rows - theme.px(3) - tallest - theme.px(4)
    biggest = float(radii.max(initial=1.0))
    if shrink and 2 * biggest > room:
        radii = radii * max(0.5, room / (2 * biggest))
    label_ws = np.array([w for w, _ in fitted], dtype=float)
    heights = np.array([label_height(theme, count, n) for _, n in fitted], dtype=float)
    smallest = radii * 0.5
    while True:
        widths = np.maximum(2 * radii, label_ws)
        sizes = np.stack([widths, 2 * radii + theme.px(3) + heights], axis=1)
        offsets = np.stack([-widths / 2, -radii], axis=1)
        moved = separate(centres, sizes, offsets, bounds)
        # A map too short for rows of whole names: the nodes shrink (to half at most) rather than names overlap.
        if not clashes(moved, sizes, offsets) or (radii <= smallest + 1e-9).all():
            break
        radii = np.maximum(smallest, radii * 0.85)
    return Placement(
        centres={item.id: (int(moved[i, 0]), int(moved[i, 1])) for i, item in enumerate(data)},
        radii={item.id: float(radii[i]) for i, item in enumerate(data)},
        label_px=label_w,
        label_widths={item.id: fitted[i][0] for i, item in enumerate(data)},
        label_lines={item.id: fitted[i][1] for i, item in enumerate(data)},
    )


MAX_NAME_LINES = 3


def name_lines(theme: Theme, name: str, width: int, most: int = 2) -> list[str]:
    """A node's name on at most ``most`` lines of ``width`` pixels (the last cut with … only if it must be)."""
    font = theme.font("small_bold")
    lines = text.wrap(name, font, width)
    if len(lines) > most:
        lines = [*lines[: most - 1], text.fit(" ".join(lines[most - 1 :]), font, width)]
    return lines


def fit_label(theme: Theme, name: str, width: int, limit: int) -> tuple[int, int]:
    """The width and lines a node's name needs to read whole: at least ``width`` and
    its longest word, on two lines, or three when two would cut it, widening up to ``limit``."""
    font = theme.font("small_bold")
    width = max(width, *(font.size(word)[0] + 2 for word in name.split() or [""]))
    lines = len(text.wrap(name, font, width))
    while lines > MAX_NAME_LINES and width < limit:
        width = min(limit, width + theme.px(10))
        lines = len(text.wrap(name, font, width))
    return width, max(2, min(lines, MAX_NAME_LINES))


def label_width(count: int) -> int:
    """Design pixels for a node's label; narrower on a crowded map."""
    return LABEL_WIDTH if count <= 8 else 130


def shows_numbers(count: int) -> bool:
    """On a crowded map the numbers move to the node's card; ring, fill and hatching remain."""
    return count <= 8


def label_height(theme: Theme, count: int, lines: int = 2) -> int:
    height = theme.font("small_bold").get_linesize() * lines
    return height + (theme.font("small").get_linesize() if shows_numbers(count) else 0)


def legend_rows(theme: Theme, width: int, kinds: Sequence[tuple[str, str]]) -> int:
    """How many rows :func:`draw_legend` takes at ``width`` pixels for these kinds of stakeholder
    ((symbol, words) pairs, as :func:`legend_kinds` gives them)."""
    small = theme.font("small")
    r, gap = theme.px(7), theme.px(14)
    words = [t("map.legend.ring"), t("map.legend.supports"), t("map.legend.opposes"), t("map.legend.rivals"), t("map.legend.blocked")]
    rooms = [2 * r + theme.px(4)] * 3 + [3 * r + theme.px(4)] + [2 * r + theme.px(4)] * (1 + len(kinds))
    rows, x = 1, 0
    for room, label in zip(rooms, [*words, *(label for _, label in kinds)], strict=True):
        entry = room + small.size(label)[0]
        if x > 0 and x + entry > width:
            rows, x = rows + 1, 0
        x += entry + gap
    return rows


def draw_legend(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, kinds: Sequence[tuple[str, str]]) -> None:
    """Explains the map's encodings in one strip: ring, fill, hatching, arrows, symbols."""
    small = theme.font("small")
    ink = theme.colour("text_muted")
    row_h = small.get_linesize() + theme.px(4)
    x, y = rect.left, rect.top + row_h // 2
    r = theme.px(7)
    gap = theme.px(14)

    mark = 2 * r + theme.px(4)

    def ring(x: int, y: int) -> None:
        shapes.draw_ring(surface, (x + r, y), r, 0.7, theme.colour("trust_ring"), theme.colour("trust_track"), theme.px(3))

    def supports(x: int, y: int) -> None:
        pygame.draw.circle(surface, theme.support_colour(0.9), (x + r, y), r)

    def opposes(x: int, y: int) -> None:
        pygame.draw.circle(surface, theme.support_colour(0.1), (x + r, y), r)
        shapes.draw_hatch(surface, "circle", (x + r, y), r, theme.colour("text"), theme.px(5))

    def rivals(x: int, y: int) -> None:
        shapes.draw_dashed(surface, (x, y), (x + 3 * r, y), theme.colour("edge_antagonist"), theme.px(2), theme.px(4))

    def blocked(x: int, y: int) -> None:
        shapes.draw_block_badge(surface, (x + r, y), r, theme.colour("bad"), theme.colour("text_inverse"))

    def symbol(shape: str) -> Callable[[int, int], None]:
        def draw(x: int, y: int) -> None:
            shapes.draw_symbol(surface, shape, (x + r, y), r * 0.85, theme.colour("panel"), theme.colour("text"), 1)
        return draw

    # Each entry: how to draw its sign at (x, y), its words, and the room the sign takes.
    entries: list[tuple[Callable[[int, int], None], str, int]] = [
        (ring, t("map.legend.ring"), mark),
        (supports, t("map.legend.supports"), mark),
        (opposes, t("map.legend.opposes"), mark),
        (rivals, t("map.legend.rivals"), 3 * r + theme.px(4)),
        (blocked, t("map.legend.blocked"), mark),
        *((symbol(shape), label, mark) for shape, label in kinds),
    ]
    for draw_sign, label, room in entries:
        width = room + small.size(label)[0]
        if x > rect.left and x + width > rect.right:  # wrap rather than cut a word off at the edge
            x, y = rect.left, y + row_h
        if y > rect.bottom:
            break
        draw_sign(x, y)
        text.draw(surface, label, small, ink, (x + room, y), "midleft")
        x += width + gap
