"""Symbols for stakeholder kinds, trust rings and hatching: shape carries meaning as well as colour."""

from __future__ import annotations

import math

import pygame

_SIDES = {"triangle": 3, "triangle_down": 3, "square": 4, "diamond": 4, "pentagon": 5, "hexagon": 6, "octagon": 8}
_ROTATION = {
    "triangle": -math.pi / 2,
    "triangle_down": math.pi / 2,
    "square": math.pi / 4,
    "diamond": 0.0,
    "pentagon": -math.pi / 2,
    "hexagon": 0.0,
    "octagon": math.pi / 8,
}


def outline(shape: str, centre: tuple[float, float], radius: float) -> list[tuple[float, float]]:
    """The polygon of a shape around ``centre``; circles get a fine polygon too."""
    cx, cy = centre
    if shape == "star":
        points = []
        for i in range(10):
            r = radius if i % 2 == 0 else radius * 0.5
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
        return points
    if shape == "cross":  # a plus sign: arms a third of its width
        arm, w = radius * 1.05, radius * 0.36
        corners = [(w, -arm), (w, -w), (arm, -w), (arm, w), (w, w), (w, arm),
                   (-w, arm), (-w, w), (-arm, w), (-arm, -w), (-w, -w), (-w, -arm)]
        return [(cx + x, cy + y) for x, y in corners]
    sides = _SIDES.get(shape, 40)
    rotation = _ROTATION.get(shape, 0.0)
    # Polygons look smaller than circles of the same radius; grow them slightly.
    r = radius * (1.0 if sides == 40 else 1.12)
    return [
        (cx + r * math.cos(rotation + 2 * math.pi * i / sides), cy + r * math.sin(rotation + 2 * math.pi * i / sides))
        for i in range(sides)
    ]


def draw_symbol(
    surface: pygame.Surface,
    shape: str,
    centre: tuple[float, float],
    radius: float,
    fill: pygame.Color,
    edge: pygame.Color,
    edge_width: int,
) -> None:
    points = outline(shape, centre, radius)
    pygame.draw.polygon(surface, fill, points)
    pygame.draw.aalines(surface, edge, True, points)
    if edge_width > 1:
        pygame.draw.polygon(surface, edge, points, edge_width)


def draw_hatch(
    surface: pygame.Surface, shape: str, centre: tuple[float, float], radius: float, colour: pygame.Color, spacing: int
) -> None:
    """Diagonal hatching clipped to the symbol: marks opposition without relying on colour."""
    size = int(radius * 2.4) + 2
    layer = pygame.Surface((size, size), pygame.SRCALPHA)
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    local = (size / 2, size / 2)
    pygame.draw.polygon(mask, (255, 255, 255, 255), outline(shape, local, radius))
    for offset in range(-size, size, max(3, spacing)):
        pygame.draw.line(layer, colour, (offset, size), (offset + size, 0), max(1, spacing // 4))
    layer.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(layer, (centre[0] - size / 2, centre[1] - size / 2))


def draw_ring(
    surface: pygame.Surface,
    centre: tuple[float, float],
    radius: float,
    share: float,
    colour: pygame.Color,
    track: pygame.Color,
    width: int,
) -> None:
    """A ring whose filled arc, clockwise from the top, is ``share`` of the circle."""
    rect = pygame.Rect(0, 0, int(radius * 2), int(radius * 2))
    rect.center = (int(centre[0]), int(centre[1]))
    pygame.draw.circle(surface, track, rect.center, int(radius), width)
    share = max(0.0, min(1.0, share))
    if share <= 0.0:
        return
    if share >= 0.999:
        pygame.draw.circle(surface, colour, rect.center, int(radius), width)
        return
    # pygame angles run anticlockwise from the x axis; start at the top and go clockwise.
    end = math.pi / 2
    start = end - share * 2 * math.pi
    pygame.draw.arc(surface, colour, rect, start, end, width)
    # Round the arc's ends so thin arcs read clearly.
    for angle in (start, end):
        x = centre[0] + (radius - width / 2) * math.cos(angle)
        y = centre[1] - (radius - width / 2) * math.sin(angle)
        pygame.draw.circle(surface, colour, (int(x), int(y)), max(1, width // 2))


def draw_block_badge(surface: pygame.Surface, centre: tuple[float, float], radius: float, fill: pygame.Color, ink: pygame.Color) -> None:
    """A no-entry sign: this stakeholder blocked the change last turn."""
    points = outline("octagon", centre, radius)
    pygame.draw.polygon(surface, fill, points)
    bar = pygame.Rect(0, 0, int(radius * 1.2), max(2, int(radius * 0.35)))
    bar.center = (int(centre[0]), int(centre[1]))
    pygame.draw.rect(surface, ink, bar)


def draw_arrowhead(
    surface: pygame.Surface, tip: tuple[float, float], direction: tuple[float, float], size: float, colour: pygame.Color
) -> None:
    dx, dy = direction
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    left = (tip[0] - size * ux + size * 0.5 * uy, tip[1] - size * uy - size * 0.5 * ux)
    right = (tip[0] - size * ux - size * 0.5 * uy, tip[1] - size * uy + size * 0.5 * ux)
    pygame.draw.polygon(surface, colour, [tip, left, right])


def draw_dashed(
    surface: pygame.Surface, start: tuple[float, float], end: tuple[float, float], colour: pygame.Color, width: int, dash: int
) -> None:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return
    steps = int(length // (2 * dash)) + 1
    for i in range(steps):
        a = (2 * i * dash) / length
        b = min(1.0, (2 * i + 1) * dash / length)
        pygame.draw.line(surface, colour, (start[0] + dx * a, start[1] + dy * a), (start[0] + dx * b, start[1] + dy * b), width)
