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
from game.session.amounts import signed_points
from game.session.views import StakeholderView
from game.ui import text

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


def figure_places(
    theme: Theme, nodes: dict[str, NodeWidget], sizes: dict[str, tuple[int, int]], area: pygame.Rect
) -> dict[str, pygame.Rect]:
    """Where each stakeholder's figures settle: under its name, else above its node, else beside it, at the
    first of these that covers no name, node or other figure (under the name when none is free)."""
    taken = [n.label_rect(theme) for n in nodes.values()]
    taken += [pygame.Rect(n.centre[0] - n.radius, n.centre[1] - n.radius, 2 * n.radius, 2 * n.radius) for n in nodes.values()]
    gap = theme.px(3)
    places: dict[str, pygame.Rect] = {}
    for key, (w, h) in sizes.items():
        node = nodes[key]
        label = node.label_rect(theme)
        top = round(node.centre[1] - node.radius)
        candidates = [
            pygame.Rect(node.centre[0] - w // 2, label.bottom + 1, w, h),
            pygame.Rect(node.centre[0] - w // 2, top - gap - h, w, h),
            pygame.Rect(round(node.centre[0] + node.radius) + gap, node.centre[1] - h // 2, w, h),
            pygame.Rect(round(node.centre[0] - node.radius) - gap - w, node.centre[1] - h // 2, w, h),
        ]
        own = {label.center, node.centre}
        others = [r for r in taken if r.center not in own]
        chosen = next((c for c in candidates if area.contains(c) and c.collidelist(others) < 0), None)
        if chosen is None:
            chosen = next((c for c in candidates if area.contains(c)), candidates[0].clamp(area))
        places[key] = chosen
        taken.append(chosen)
    return places


def draw_figures(
    surface: pygame.Surface, theme: Theme, nodes: dict[str, NodeWidget], before: Sequence[StakeholderView],
    after: Sequence[StakeholderView], elapsed: float, area: pygame.Rect,
) -> None:
    """Each stakeholder's changes rising into place near its node (see :func:`figure_places`), inside
    ``area``, and fading as the resolution ends."""
    font = theme.font("small_bold")
    climb = min(1.0, elapsed / 0.4)
    alpha = 255 if elapsed < 0.75 else max(0, round(255 * (1.0 - elapsed) / 0.25))
    if alpha <= 0:
        return
    old = {s.id: s for s in before}
    pad = theme.px(3)
    images: dict[str, list[pygame.Surface]] = {}
    for s in after:
        if s.id in nodes and s.id in old:
            lines = figure_words(old[s.id], s)
            if lines:
                images[s.id] = [text.render(words, font, theme.colour("good" if up else "bad")) for words, up in lines]
    sizes = {k: (max(i.get_width() for i in v) + 2 * pad, len(v) * font.get_linesize()) for k, v in images.items()}
    for key, place in figure_places(theme, nodes, sizes, area).items():
        backing = pygame.Surface(place.size, pygame.SRCALPHA)
        backing.fill(theme.colour("panel"))
        for i, image in enumerate(images[key]):
            backing.blit(image, ((place.width - image.get_width()) // 2, i * font.get_linesize()))
        backing.set_alpha(alpha)
        surface.blit(backing, (place.left, round(place.top + theme.px(14) * (1.0 - climb))))


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
    clip = surface.get_clip()
    surface.set_clip(area)
    for key, node in nodes.items():
        if key in keep:
            continue
        # One small layer per node (its disc and its label), not one the size of the map: a cheap frame.
        r = round(node.radius + theme.px(3))
        disc = pygame.Rect(node.centre[0] - r, node.centre[1] - r, 2 * r, 2 * r)
        label = node.label_rect(theme)
        bounds = disc.union(label)
        layer = pygame.Surface(bounds.size, pygame.SRCALPHA)
        pygame.draw.circle(layer, veil, (node.centre[0] - bounds.left, node.centre[1] - bounds.top), r)
        pygame.draw.rect(layer, veil, label.move(-bounds.left, -bounds.top))
        surface.blit(layer, bounds.topleft)
    surface.set_clip(clip)


def draw_focus_ring(surface: pygame.Surface, theme: Theme, node: NodeWidget) -> None:
    """A ring round the stakeholder whose web is shown (hovered on the map or named in the feed)."""
    pygame.draw.circle(surface, theme.colour("focus"), node.centre, round(node.radius + theme.px(5)), max(2, theme.px(3)))
