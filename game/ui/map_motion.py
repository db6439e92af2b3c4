"""What moves or lights up on the stakeholder map: the resolution's pulses and rising figures, and the
highlight of one stakeholder's influence (the others dimmed).

These draw over the map that :mod:`game.ui.map` lays out; they read its nodes' centres and radii and
never change how a node itself is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.session.views import StakeholderView
from game.ui import text
from game.ui.widgets.cards import signed_points

if TYPE_CHECKING:
    from game.scenario.schema import Influence
    from game.ui.map import NodeWidget
    from game.ui.theme import Theme

PULSE_DOTS = 3  # dots travelling along each line at once
PULSE_END = 0.85  # pulses stop a little before the resolution ends, so its last frames are still


def _ends(a: NodeWidget, b: NodeWidget) -> tuple[tuple[float, float], tuple[float, float]] | None:
    dx, dy = b.centre[0] - a.centre[0], b.centre[1] - a.centre[1]
    length = math.hypot(dx, dy)
    if length < 1:
        return None
    ux, uy = dx / length, dy / length
    return (a.centre[0] + ux * a.radius, a.centre[1] + uy * a.radius), (b.centre[0] - ux * b.radius, b.centre[1] - uy * b.radius)


def draw_pulses(
    surface: pygame.Surface, theme: Theme, nodes: dict[str, NodeWidget], pulses: Iterable[tuple[str, str, float]], elapsed: float
) -> None:
    """Dots running from source to target along each line that carried peer pressure: blue when it moved the
    target toward the change, orange when away."""
    if elapsed >= PULSE_END:
        return
    radius = max(2, theme.px(4))
    for source, target, moved in pulses:
        a, b = nodes.get(source), nodes.get(target)
        if a is None or b is None:
            continue
        ends = _ends(a, b)
        if ends is None:
            continue
        (x0, y0), (x1, y1) = ends
        colour = theme.colour("support_high" if moved > 0 else "support_low")
        for k in range(PULSE_DOTS):
            at = (elapsed * 2.5 + k / PULSE_DOTS) % 1.0
            centre = (round(x0 + (x1 - x0) * at), round(y0 + (y1 - y0) * at))
            pygame.draw.circle(surface, theme.colour("panel"), centre, radius + max(1, theme.px(1)))
            pygame.draw.circle(surface, colour, centre, radius)


def figure_words(before: StakeholderView, after: StakeholderView) -> list[tuple[str, bool]]:
    """The changes that rise over a node, in words (``support +8 pts``), each with whether it went up;
    the same rounding as the numbers beside the node."""
    words = []
    for quantity, old, new in (("support", before.support, after.support), ("trust", before.trust, after.trust)):
        points = shown_points(new) - shown_points(old)
        if points:
            words.append((t("motion.figure", quantity=t(f"quantity.{quantity}"), points=signed_points(points / 100)), points > 0))
    return words


def shown_points(share: float) -> int:
    """A 0..1 value as the whole percentage the screen shows."""
    return round(share * 100)


def draw_figures(
    surface: pygame.Surface, theme: Theme, nodes: dict[str, NodeWidget], before: Sequence[StakeholderView],
    after: Sequence[StakeholderView], elapsed: float,
) -> None:
    """Each stakeholder's changes rising over its node and fading as the resolution ends."""
    font = theme.font("small_bold")
    climb = min(1.0, elapsed / 0.6)
    alpha = 255 if elapsed < 0.7 else max(0, round(255 * (1.0 - elapsed) / 0.3))
    if alpha <= 0:
        return
    old = {s.id: s for s in before}
    for s in after:
        node = nodes.get(s.id)
        if node is None or s.id not in old:
            continue
        lines = figure_words(old[s.id], s)
        # From the node's centre up to just above it: the change leaves the node it happened to.
        height = len(lines) * font.get_linesize()
        start, end = node.centre[1] - height / 2, node.centre[1] - node.radius - theme.px(2) - height
        y = start + (end - start) * climb
        for words, up in lines:
            image = text.render(words, font, theme.colour("good" if up else "bad"))
            backing = pygame.Surface((image.get_width() + theme.px(6), image.get_height()), pygame.SRCALPHA)
            backing.fill(theme.colour("panel"))
            backing.blit(image, (theme.px(3), 0))
            backing.set_alpha(alpha)
            surface.blit(backing, backing.get_rect(midtop=(node.centre[0], round(y))))
            y += font.get_linesize()


def neighbours(influence: Sequence[Influence], focus: str) -> set[str]:
    """The stakeholder ``focus`` and everyone it influences or listens to."""
    linked = {focus}
    for edge in influence:
        if edge.source == focus:
            linked.add(edge.target)
        elif edge.target == focus:
            linked.add(edge.source)
    return linked


def dim_unrelated(surface: pygame.Surface, theme: Theme, nodes: dict[str, NodeWidget], keep: set[str], area: pygame.Rect) -> None:
    """Veil every node (and its label) outside ``keep`` so one stakeholder's web stands out."""
    veil = theme.colour("panel")
    veil = pygame.Color(veil.r, veil.g, veil.b, 170)
    layer = pygame.Surface(area.size, pygame.SRCALPHA)
    for key, node in nodes.items():
        if key in keep:
            continue
        x, y = node.centre[0] - area.left, node.centre[1] - area.top
        pygame.draw.circle(layer, veil, (x, y), round(node.radius + theme.px(3)))
        label = node.label_rect(theme).move(-area.left, -area.top)
        pygame.draw.rect(layer, veil, label)
    surface.blit(layer, area.topleft)


def draw_focus_ring(surface: pygame.Surface, theme: Theme, node: NodeWidget) -> None:
    """A ring round the stakeholder whose web is shown (hovered on the map or named in the feed)."""
    pygame.draw.circle(surface, theme.colour("focus"), node.centre, round(node.radius + theme.px(5)), max(2, theme.px(3)))
