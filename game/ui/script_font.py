"""A font that draws Arabic, Hebrew and Devanagari as well as Latin text.

:class:`ScriptFont` is a ``pygame.font.Font`` for the game's own Noto Sans.
Plain text takes pygame's own path unchanged. Text with Arabic, Hebrew or
Devanagari letters is cut into runs (:mod:`game.ui.bidi`), each drawn in the
Noto font for its script with HarfBuzz shaping (``set_script`` and
``set_direction``: joined Arabic letters, right-to-left order, Indic
conjuncts), and the runs are put side by side on the base font's baseline.
Every caller of ``size`` and ``render`` gets the shaped result, so widths,
fitting and wrapping stay true for these texts too.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TypeVar

import pygame

from game import glyphs
from game.ui import bidi

# HarfBuzz script tags, and which shipped font file draws each script.
_TAGS = {"arabic": "Arab", "hebrew": "Hebr", "devanagari": "Deva"}
_FAMILY = {"arabic": "NotoSansArabic", "hebrew": "NotoSansHebrew"}
_COVERAGE = {"base": "base", "arabic": "arabic", "hebrew": "hebrew", "devanagari": "base"}
_CACHE_LIMIT = 1024


def _covers(script: str, ch: str) -> bool:
    return ord(ch) in glyphs.covered(_COVERAGE[script])


def companion_files(path: Path | None) -> dict[str, Path]:
    """The font files beside ``path`` (a Noto Sans face) for the other scripts, where present."""
    if path is None or not path.name.startswith("NotoSans-"):
        return {}
    files = {"devanagari": path}  # Noto Sans has the Devanagari letters itself
    for script, family in _FAMILY.items():
        other = path.with_name(path.name.replace("NotoSans", family, 1))
        if other.is_file():
            files[script] = other
    return files


class ScriptFont(pygame.font.Font):
    """Noto Sans, with the Noto faces for other scripts loaded when first needed."""

    def __init__(self, filename: Path | None = None, size: int = 20) -> None:
        super().__init__(filename, size)
        self._files = companion_files(filename)
        self._pixel_size = size
        self._companions: dict[str, pygame.font.Font] = {}
        self._layouts: OrderedDict[tuple[str, bool | None], list[bidi.Run]] = OrderedDict()
        self._widths: OrderedDict[str, int] = OrderedDict()

    def size(self, text: str | bytes, /) -> tuple[int, int]:
        if isinstance(text, bytes) or not bidi.needs_layout(text):
            return super().size(text)
        width = self._widths.get(text)
        if width is None:
            width = sum(self._run_width(run) for run in self.layout(text))
            _remember(self._widths, text, width)
        return width, self.get_height()

    def render(
        self,
        text: str | bytes | None,
        antialias: bool,
        color: pygame.typing.ColorLike,
        bgcolor: pygame.typing.ColorLike | None = None,
        wraplength: int = 0,
    ) -> pygame.Surface:
        if isinstance(text, str) and bgcolor is None and wraplength == 0 and bidi.needs_layout(text):
            return self.render_line(text, antialias, color)
        return super().render(text, antialias, color, bgcolor, wraplength)

    def layout(self, text: str, rtl: bool | None = None) -> list[bidi.Run]:
        """The runs of one line in visual order (``rtl``: the paragraph's direction, None to detect it)."""
        key = (text, rtl)
        runs = self._layouts.get(key)
        if runs is None:
            runs = bidi.layout(text, rtl, _covers)
            _remember(self._layouts, key, runs)
        return runs

    def render_line(self, text: str, antialias: bool, color: pygame.typing.ColorLike, rtl: bool | None = None) -> pygame.Surface:
        """One line drawn run by run, left to right on screen, on this font's baseline.

        The surface is at least as tall as the font's own line; a script whose
        letters reach further above or below grows it rather than being cut.
        """
        baseline = self.get_ascent()
        pieces: list[tuple[pygame.Surface, int]] = []
        top, bottom = 0, self.get_height()
        for run in self.layout(text, rtl):
            font, words = self._prepare(run)
            image = pygame.font.Font.render(font, words, antialias, color)
            y = baseline - font.get_ascent()
            ink = image.get_bounding_rect()
            if ink.height:
                top, bottom = min(top, y + ink.top), max(bottom, y + ink.bottom)
            pieces.append((image, y))
        width = sum(image.get_width() for image, _ in pieces)
        line = pygame.Surface((max(1, width), bottom - top), pygame.SRCALPHA)
        x = 0
        for image, y in pieces:
            line.blit(image, (x, y - top))
            x += image.get_width()
        return line

    def _run_width(self, run: bidi.Run) -> int:
        font, words = self._prepare(run)
        return pygame.font.Font.size(font, words)[0]

    def _prepare(self, run: bidi.Run) -> tuple[pygame.font.Font, str]:
        """The font for a run, set to the run's direction, and the text to give it."""
        font = self._companion(run.script)
        if font is self:
            # The base font is never switched to right to left (it draws all the plain text);
            # a right-to-left run in it holds only signs and spaces, drawn reversed.
            return font, bidi.reversed_text(run.text) if run.rtl else run.text
        font.set_direction(pygame.DIRECTION_RTL if run.rtl else pygame.DIRECTION_LTR)
        return font, run.text

    def _companion(self, script: str) -> pygame.font.Font:
        font = self._companions.get(script)
        if font is None:
            path = self._files.get(script)
            if path is None:
                return self
            font = pygame.font.Font(path, self._pixel_size)
            font.set_script(_TAGS[script])
            self._companions[script] = font
        return font


K = TypeVar("K")
V = TypeVar("V")


def _remember(cache: OrderedDict[K, V], key: K, value: V) -> None:
    cache[key] = value
    if len(cache) > _CACHE_LIMIT:
        cache.popitem(last=False)
