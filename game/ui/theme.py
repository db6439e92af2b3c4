"""Colours, fonts and sizes, read once from ``game/data/theme.json``.

Drawing code asks the theme for a named colour, a font role or a size in
design pixels (the layout at 1280x720); :class:`Theme` multiplies sizes by the
current UI scale, which follows the window size and the player's scale
setting, so the same screen reads on a laptop and on a projector.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pygame

from game.ui.script_font import ScriptFont

# Package data, so an installed wheel has them too (see assets/README.md for their licences).
DATA = Path(str(resources.files("game") / "data"))
THEME_FILE = DATA / "theme.json"
FONTS = DATA / "fonts"

# The layout is designed for this window; larger windows scale it up.
DESIGN_SIZE = (1280, 720)
MIN_SCALE = 0.6
MAX_SCALE = 3.5
# Below either of these sizes in design pixels (a projector's scale of 1.5 on 1920x1080 leaves
# 853x480), screens switch to their compact layout: fewer panels at once, every name whole.
COMPACT_WIDTH = 1000
COMPACT_HEIGHT = 560


def _colour(text: str) -> pygame.Color:
    return pygame.Color(text)


def fit_scale(window: tuple[int, int], setting: float) -> float:
    """The UI scale for a window size and the player's scale setting."""
    fit = min(window[0] / DESIGN_SIZE[0], window[1] / DESIGN_SIZE[1])
    return max(MIN_SCALE, min(MAX_SCALE, fit * setting))


def _font_path(name: str) -> Path | None:
    """The game's own copy of a Noto font (SIL Open Font License), else None (pygame's default font)."""
    local = FONTS / name
    return local if local.is_file() else None


@dataclass(frozen=True)
class FontSpec:
    file: str
    size: int


@dataclass
class Theme:
    """The palette, fonts and sizes, with the current UI scale applied."""

    colours: dict[str, pygame.Color]
    series: list[pygame.Color]
    fonts: dict[str, FontSpec]
    sizes: dict[str, float]
    shapes: dict[str, str]
    scale: float = 1.0
    _font_cache: dict[tuple[str, int], pygame.font.Font] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path = THEME_FILE) -> Theme:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            colours={k: _colour(v) for k, v in data["colours"].items()},
            series=[_colour(v) for v in data["series"]],
            fonts={k: FontSpec(v["file"], int(v["size"])) for k, v in data["fonts"].items()},
            sizes={k: float(v) for k, v in data["sizes"].items()},
            shapes=dict(data["shapes"]),
        )

    def colour(self, name: str) -> pygame.Color:
        return self.colours[name]

    def series_colour(self, index: int) -> pygame.Color:
        return self.series[index % len(self.series)]

    def px(self, name_or_value: str | float) -> int:
        """A size from the theme (by name) or a design-pixel value, scaled to the window."""
        value = self.sizes[name_or_value] if isinstance(name_or_value, str) else name_or_value
        return max(1, round(value * self.scale))

    def compact(self, size: tuple[int, int]) -> bool:
        """Whether a window of ``size`` pixels is a narrow canvas in design pixels (see COMPACT_WIDTH)."""
        return size[0] / self.scale < COMPACT_WIDTH or size[1] / self.scale < COMPACT_HEIGHT

    def font(self, role: str) -> pygame.font.Font:
        spec = self.fonts[role]
        size = max(8, round(spec.size * self.scale))
        key = (role, size)
        font = self._font_cache.get(key)
        if font is None:
            path = _font_path(spec.file)
            # Noto Sans draws Latin, Greek and Cyrillic; ScriptFont adds the Noto faces for Arabic and Hebrew.
            font = ScriptFont(path, size) if path else pygame.font.Font(None, round(size * 1.3))
            self._font_cache[key] = font
        return font

    def shape(self, kind: str) -> str:
        return self.shapes.get(kind, "circle")

    def support_colour(self, support: float) -> pygame.Color:
        """Diverging fill: vermillion (against) through pale grey to blue (for)."""
        low, mid, high = self.colours["support_low"], self.colours["support_mid"], self.colours["support_high"]
        s = max(0.0, min(1.0, support))
        if s < 0.5:
            return low.lerp(mid, s * 2)
        return mid.lerp(high, (s - 0.5) * 2)
