"""Which characters the desktop game's own fonts can draw.

Read from the character map (``cmap`` table) of each font file in
``game/data/fonts/``, so the answer follows the files actually shipped.
Pure Python and no pygame: ``shove validate`` uses it to warn about text the
desktop game would show as empty boxes, and the desktop game uses it to pick
a font for each run of text.
"""

from __future__ import annotations

import struct
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

FONTS = Path(str(resources.files("game") / "data" / "fonts"))

# One regular face per script; the bold faces cover the same characters.
SCRIPT_FONTS = {
    "base": "NotoSans-Regular.ttf",  # Latin, Greek, Cyrillic and common signs
    "arabic": "NotoSansArabic-Regular.ttf",
    "hebrew": "NotoSansHebrew-Regular.ttf",
}

# Characters that are never drawn as glyphs: controls, format marks (joiners,
# direction marks), line and paragraph separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


class FontFileError(ValueError):
    """A font file whose character map cannot be read."""


def read_cmap(data: bytes) -> frozenset[int]:
    """The code points a TrueType/OpenType font maps to a real glyph.

    Reads the Unicode subtables of format 4 (the Basic Multilingual Plane)
    and 12 (all planes); other formats are skipped.
    """
    try:
        count = struct.unpack_from(">H", data, 4)[0]
        cmap = None
        for i in range(count):
            tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            if tag == b"cmap":
                cmap = offset
        if cmap is None:
            raise FontFileError("no character map")
        points: set[int] = set()
        for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            if (platform, encoding) not in ((0, 3), (0, 4), (3, 1), (3, 10)):
                continue
            table = cmap + offset
            kind = struct.unpack_from(">H", data, table)[0]
            if kind == 4:
                points.update(_format4(data, table))
            elif kind == 12:
                points.update(_format12(data, table))
        return frozenset(points)
    except struct.error as exc:
        raise FontFileError(f"cut short: {exc}") from exc


def _format4(data: bytes, table: int) -> set[int]:
    segments = struct.unpack_from(">H", data, table + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, table + 14)
    starts = struct.unpack_from(f">{segments}H", data, table + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, table + 16 + 4 * segments)
    range_at = table + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, range_at)
    points: set[int] = set()
    for k, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        for code in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", data, range_at + 2 * k + offset + 2 * (code - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                points.add(code)
    return points


def _format12(data: bytes, table: int) -> set[int]:
    groups = struct.unpack_from(">I", data, table + 12)[0]
    points: set[int] = set()
    for i in range(groups):
        start, end, first = struct.unpack_from(">III", data, table + 16 + 12 * i)
        points.update(range(start if first else start + 1, end + 1))
    return points


@cache
def covered(script: str) -> frozenset[int]:
    """The code points the font for ``script`` can draw (none when its file is missing)."""
    path = FONTS / SCRIPT_FONTS[script]
    try:
        return read_cmap(path.read_bytes())
    except (OSError, FontFileError):
        return frozenset()


@cache
def drawable() -> frozenset[int]:
    """Every code point some shipped font can draw."""
    return frozenset().union(*(covered(script) for script in SCRIPT_FONTS))


def missing(text: str) -> list[str]:
    """The distinct characters of ``text``, in order, that no shipped font can draw."""
    if text.isascii():
        return []
    can = drawable()
    out: dict[str, None] = {}
    for ch in text:
        if ord(ch) not in can and not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE:
            out[ch] = None
    return list(out)
