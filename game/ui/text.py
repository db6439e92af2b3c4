"""Text on surfaces: word wrapping, alignment and a cache of rendered lines.

Rendering a line of anti-aliased text costs far more than blitting it, and a
screen redraws the same labels every frame while the player hovers, so
rendered lines are kept in a bounded cache keyed by text, font and colour.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Literal

import pygame

Anchor = Literal["topleft", "midtop", "topright", "midleft", "center", "midright", "bottomleft", "midbottom", "bottomright"]

_CACHE_LIMIT = 2048
FontKey = tuple[str, str, int, bool, bool, bool]
_cache: OrderedDict[tuple[str, FontKey, tuple[int, int, int, int]], pygame.Surface] = OrderedDict()


def font_key(font: pygame.font.Font) -> FontKey:
    """What makes a font draw differently. Not ``id(font)``: a font made after
    another is freed (a change of UI scale) may get the freed one's id."""
    return (font.name, font.style_name, font.point_size, font.bold, font.italic, font.underline)


def render(text: str, font: pygame.font.Font, colour: pygame.Color) -> pygame.Surface:
    """One line of text, anti-aliased, from the cache when it was drawn before."""
    key = (text, font_key(font), (colour.r, colour.g, colour.b, colour.a))
    surface = _cache.get(key)
    if surface is None:
        surface = font.render(text, True, colour)
        if colour.a < 255:
            surface.set_alpha(colour.a)
        _cache[key] = surface
        if len(_cache) > _CACHE_LIMIT:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return surface


def draw(
    surface: pygame.Surface,
    text: str,
    font: pygame.font.Font,
    colour: pygame.Color,
    pos: tuple[int, int],
    anchor: Anchor = "topleft",
) -> pygame.Rect:
    """Draw one line anchored at ``pos``; returns the rectangle it covers."""
    image = render(text, font, colour)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


_wrap_cache: OrderedDict[tuple[str, FontKey, int], list[str]] = OrderedDict()


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Split text into lines no wider than ``width``; blank lines mark paragraphs."""
    key = (text, font_key(font), width)
    cached = _wrap_cache.get(key)
    if cached is None:
        cached = _wrap(text, font, width)
        _wrap_cache[key] = cached
        if len(_wrap_cache) > _CACHE_LIMIT:
            _wrap_cache.popitem(last=False)
    return list(cached)


def _wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.strip().split("\n"):
        # Split at ordinary spaces only: a no-break space (French "42 %", "Plan :") keeps its neighbours together.
        words = _glue([w for w in paragraph.replace("\t", " ").split(" ") if w])
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            candidate = f"{line} {word}"
            if font.size(candidate)[0] <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return [fit(line, font, width) for line in lines]


# French sets these apart with a space; a line must never start (or end) with one alone.
_CLINGS_LEFT = frozenset({"?", "!", ":", ";", "»", "%"})
_CLINGS_RIGHT = frozenset({"«"})


def _glue(words: list[str]) -> list[str]:
    """Join a lone ``?``, ``:``, ``»``... to the word before it, and ``«`` to the word after."""
    out: list[str] = []
    pending = ""
    for word in words:
        if pending:
            word = f"{pending}\u00a0{word}"
            pending = ""
        if word in _CLINGS_RIGHT:
            pending = word
        elif word in _CLINGS_LEFT and out:
            out[-1] = f"{out[-1]}\u00a0{word}"
        else:
            out.append(word)
    if pending:
        out.append(pending)
    return out


def fit(text: str, font: pygame.font.Font, width: int) -> str:
    """Shorten a line with an ellipsis so it fits ``width``."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_wrapped(
    surface: pygame.Surface,
    text: str,
    font: pygame.font.Font,
    colour: pygame.Color,
    rect: pygame.Rect,
    max_lines: int | None = None,
    line_gap: float = 1.15,
) -> int:
    """Draw wrapped text inside ``rect`` (top-aligned); returns the height used."""
    lines = wrap(text, font, rect.width)
    step = round(font.get_linesize() * line_gap)
    limit = max_lines if max_lines is not None else max(1, rect.height // max(1, step))
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = fit(lines[-1] + " …", font, rect.width)
    y = rect.top
    for line in lines:
        if line:
            surface.blit(render(line, font, colour), (rect.left, y))
        y += step
    return y - rect.top


def wrapped_height(text: str, font: pygame.font.Font, width: int, line_gap: float = 1.15) -> int:
    return len(wrap(text, font, width)) * round(font.get_linesize() * line_gap)
