"""Stakeholders' portraits as pygame images: the author's picture, or the face drawn from :mod:`game.faces`.

Every portrait is a disc ``size`` pixels across, drawn at a few times its size
and scaled down smoothly (anti-aliased edges), and cached per (face or file,
mood, size), so a frame only blits. An author's picture that the loader
accepted but pygame cannot read falls back to the drawn face (the loader has
already warned about any picture it refused).
"""

from __future__ import annotations

import functools
import itertools
import logging
from pathlib import Path

import pygame

from game.faces import Ellipse, Face, Mood, Polygon, Stroke, cast, portrait, rgb
from game.scenario.portrait_files import portrait_path
from game.scenario.schema import Scenario

__all__ = ["draw_portrait", "face_image", "picture_image", "portrait_image"]

_log = logging.getLogger(__name__)
CACHE = 512  # images kept (a cast of 40 in four moods at three sizes fits)


@functools.lru_cache(maxsize=64)
def _cast(pairs: tuple[tuple[str, str], ...]) -> dict[str, Face]:
    return cast(pairs)


def _disc(image: pygame.Surface) -> pygame.Surface:
    """``image`` cut to the disc it holds (transparent outside)."""
    size = image.get_width()
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (size / 2, size / 2), size / 2)
    image.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return image


@functools.lru_cache(maxsize=CACHE)
def face_image(face: Face, mood: Mood, size: int, backdrop: bool = True) -> pygame.Surface:
    """The drawn face, ``size`` pixels across (without ``backdrop``: transparent behind the head)."""
    size = max(8, int(size))
    factor = 4 if size <= 96 else 2
    big = size * factor
    canvas = pygame.Surface((big, big), pygame.SRCALPHA)
    for shape in portrait(face, mood, background=backdrop):
        if isinstance(shape, Ellipse):
            rect = pygame.Rect(round((shape.cx - shape.rx) * big), round((shape.cy - shape.ry) * big),
                               max(1, round(2 * shape.rx * big)), max(1, round(2 * shape.ry * big)))
            pygame.draw.ellipse(canvas, rgb(shape.fill), rect)
        elif isinstance(shape, Polygon):
            pygame.draw.polygon(canvas, rgb(shape.fill), [(x * big, y * big) for x, y in shape.points])
        elif isinstance(shape, Stroke):
            _stroke(canvas, shape, big)
    # Cut to the disc before scaling down, so the disc's edge is soft too.
    return pygame.transform.smoothscale(_disc(canvas), (size, size))


def _stroke(canvas: pygame.Surface, shape: Stroke, big: int) -> None:
    """A line with round ends and joins."""
    points = [(x * big, y * big) for x, y in shape.points]
    if shape.closed:
        points.append(points[0])
    width = max(1, round(shape.width * big))
    colour = rgb(shape.colour)
    for a, b in itertools.pairwise(points):
        pygame.draw.line(canvas, colour, a, b, width)
    for point in points:
        pygame.draw.circle(canvas, colour, point, width / 2)


@functools.lru_cache(maxsize=CACHE)
def picture_image(path: Path, stamp: tuple[int, int], size: int) -> pygame.Surface | None:
    """An author's picture cut to a disc ``size`` pixels across, or None when pygame cannot read it.

    ``stamp`` (modification time, bytes) makes an edited file load again."""
    try:
        picture = pygame.image.load(str(path))
    except (pygame.error, OSError, ValueError) as exc:
        _log.warning("portrait %s cannot be read (%s); the drawn face is used", path, exc)
        return None
    w, h = picture.get_size()
    side = min(w, h)
    square = pygame.Surface((side, side), pygame.SRCALPHA)
    square.blit(picture, (-(w - side) // 2, -(h - side) // 2))
    size = max(8, int(size))
    big = pygame.transform.smoothscale(square, (size * 4, size * 4)) if side < size * 4 else square
    if big.get_width() != size * 4:
        big = pygame.transform.smoothscale(big, (size * 4, size * 4))
    return pygame.transform.smoothscale(_disc(big), (size, size))


def portrait_image(scenario: Scenario, folder: Path | None, who: str, mood: Mood, size: int,
                   *, backdrop: bool = True) -> pygame.Surface:
    """The portrait of stakeholder ``who``: the scenario's picture when it names one that can be shown,
    else its drawn face with the expression of ``mood``."""
    stakeholder = next((s for s in scenario.stakeholders if s.id == who), None)
    if stakeholder is not None and stakeholder.portrait:
        path = portrait_path(folder, stakeholder.portrait)
        if path is not None:
            try:
                info = path.stat()
            except OSError:
                info = None
            if info is not None:
                image = picture_image(path, (info.st_mtime_ns, info.st_size), size)
                if image is not None:
                    return image
    faces = _cast(tuple((s.id, s.kind) for s in scenario.stakeholders))
    face = faces.get(who) or cast([(who, stakeholder.kind if stakeholder else "other")])[who]
    return face_image(face, mood, size, backdrop)


def draw_portrait(surface: pygame.Surface, image: pygame.Surface, centre: tuple[float, float],
                  ring: pygame.Color | None = None, ring_width: int = 0) -> pygame.Rect:
    """Blit a portrait centred at ``centre`` (with an anti-aliased ring around it); returns where it went."""
    rect = image.get_rect(center=(round(centre[0]), round(centre[1])))
    surface.blit(image, rect)
    if ring is not None and ring_width > 0:
        pygame.draw.circle(surface, ring, rect.center, rect.width / 2 + ring_width / 2, ring_width)
    return rect
