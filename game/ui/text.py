"""Text on surfaces: word wrapping, alignment and a cache of rendered lines.

Rendering a line of anti-aliased text costs far more than blitting it, and a
screen redraws the same labels every frame while the player hovers, so
rendered lines are kept in a bounded cache keyed by text, font and colour.

Paragraphs in Arabic or Hebrew are wrapped on their logical text, then each
line is drawn right to left (see :mod:`game.ui.script_font`) and set against
the right edge; plain text takes the same path as ever.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Literal

import pygame

from game.i18n import no_break
from game.ui import bidi
from game.ui.script_font import ScriptFont

Anchor = Literal["topleft", "midtop", "topright", "midleft", "center", "midright", "bottomleft", "midbottom", "bottomright"]

_CACHE_LIMIT = 2048
FontKey = tuple[str, str, int, bool, bool, bool]
_cache: OrderedDict[tuple[str, FontKey, tuple[int, int, int, int], bool | None], pygame.Surface] = OrderedDict()


def font_key(font: pygame.font.Font) -> FontKey:
    """What makes a font draw differently. Not ``id(font)``: a font made after
    another is freed (a change of UI scale) may get the freed one's id."""
    return (font.name, font.style_name, font.point_size, font.bold, font.italic, font.underline)


def render(text: str, font: pygame.font.Font, colour: pygame.Color, rtl: bool | None = None) -> pygame.Surface:
    """One line of text, anti-aliased, from the cache when it was drawn before.

    ``rtl`` is the direction of the paragraph the line was cut from (None:
    the line's own, from its first letter).
    """
    key = (text, font_key(font), (colour.r, colour.g, colour.b, colour.a), rtl)
    surface = _cache.get(key)
    if surface is None:
        if rtl is not None and isinstance(font, ScriptFont) and bidi.needs_layout(text):
            surface = font.render_line(text, True, colour, rtl)
        else:
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


# Lines, and for each the direction of its paragraph: None for plain text, else True when right to left.
Wrapped = tuple[list[str], list[bool | None]]
_wrap_cache: OrderedDict[tuple[str, FontKey, int], Wrapped] = OrderedDict()


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Split text into lines no wider than ``width``; blank lines mark paragraphs."""
    return list(wrap_directed(text, font, width)[0])


def wrap_directed(text: str, font: pygame.font.Font, width: int) -> Wrapped:
    """The lines of :func:`wrap`, with the direction of the paragraph each comes from
    (None for plain text, else True when it runs right to left). Do not change the lists."""
    key = (text, font_key(font), width)
    cached = _wrap_cache.get(key)
    if cached is None:
        cached = _wrap(text, font, width)
        _wrap_cache[key] = cached
        if len(_wrap_cache) > _CACHE_LIMIT:
            _wrap_cache.popitem(last=False)
    return cached


def _wrap(text: str, font: pygame.font.Font, width: int) -> Wrapped:
    lines: list[str] = []
    directions: list[bool | None] = []
    for paragraph in text.strip().split("\n"):
        # Split at ordinary spaces only: a no-break space (French "42 %", "Plan :") keeps its neighbours together.
        words = [w for w in no_break(paragraph.replace("\t", " ")).split(" ") if w]
        if not words:
            lines.append("")
            directions.append(None)
            continue
        if bidi.needs_layout(paragraph):
            cut = _wrap_shaped(words, font, width)
            lines.extend(cut)
            directions.extend([bidi.paragraph_rtl(paragraph)] * len(cut))
            continue
        line = words[0]
        for word in words[1:]:
            candidate = f"{line} {word}"
            if font.size(candidate)[0] <= width:
                line = candidate
            else:
                lines.append(line)
                directions.append(None)
                line = word
        lines.append(line)
        directions.append(None)
    return [fit(line, font, width) for line in lines], directions


def _wrap_shaped(words: list[str], font: pygame.font.Font, width: int) -> list[str]:
    """Greedy wrapping for shaped text, measuring each word once: a line's width is about
    the sum of its words and spaces (letters join within words, not across spaces), and
    each line is checked whole before it is kept."""
    widths = [font.size(word)[0] for word in words]
    space = font.size(" ")[0]
    lines: list[str] = []
    i = 0
    while i < len(words):
        j, used = i + 1, widths[i]
        while j < len(words) and used + space + widths[j] <= width:
            used += space + widths[j]
            j += 1
        while j - i > 1 and font.size(" ".join(words[i:j]))[0] > width:
            j -= 1
        lines.append(" ".join(words[i:j]))
        i = j
    return lines


def fit(text: str, font: pygame.font.Font, width: int) -> str:
    """Shorten a line with an ellipsis so it fits ``width``."""
    if font.size(text)[0] <= width:
        return text
    if bidi.needs_layout(text):
        return _fit_shaped(text, font, width)
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


_fit_cache: OrderedDict[tuple[str, FontKey, int], str] = OrderedDict()


def _fit_shaped(text: str, font: pygame.font.Font, width: int) -> str:
    """:func:`fit` for shaped text: the longest start that fits, found by halving, and kept."""
    key = (text, font_key(font), width)
    cached = _fit_cache.get(key)
    if cached is not None:
        return cached
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if font.size(text[:middle] + "…")[0] <= width:
            low = middle
        else:
            high = middle
    shortened = text[:low].rstrip() + "…"
    _fit_cache[key] = shortened
    if len(_fit_cache) > _CACHE_LIMIT:
        _fit_cache.popitem(last=False)
    return shortened


def draw_wrapped(
    surface: pygame.Surface,
    text: str,
    font: pygame.font.Font,
    colour: pygame.Color,
    rect: pygame.Rect,
    max_lines: int | None = None,
    line_gap: float = 1.15,
) -> int:
    """Draw wrapped text inside ``rect`` (top-aligned; right-to-left paragraphs set against
    the right edge); returns the height used."""
    lines, directions = wrap_directed(text, font, rect.width)
    lines = list(lines)
    step = round(font.get_linesize() * line_gap)
    limit = max_lines if max_lines is not None else max(1, rect.height // max(1, step))
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = fit(lines[-1] + " …", font, rect.width)
    y = rect.top
    for line, rtl in zip(lines, directions, strict=False):
        if line:
            image = render(line, font, colour, rtl)
            surface.blit(image, (rect.right - image.get_width() if rtl else rect.left, y))
        y += step
    return y - rect.top


def wrapped_height(text: str, font: pygame.font.Font, width: int, line_gap: float = 1.15) -> int:
    return len(wrap(text, font, width)) * round(font.get_linesize() * line_gap)
