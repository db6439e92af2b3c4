"""Text in more than one script or direction: runs, their fonts and their visual order.

A line of text is cut into runs that share a writing direction and a font
(by script: Arabic, Hebrew, Devanagari, everything else), and the runs are put
in the order they appear on screen. Directions follow a reduced form of the
Unicode Bidirectional Algorithm (UAX #9): the weak and neutral rules (numbers,
separators, spaces and punctuation between runs) and the reordering of
levels, and isolates (U+2066 to U+2069: a value put into a sentence in
another language keeps its own direction), without the older embedding and
override marks (treated as neutral). That is enough for scenario texts: an
Arabic or Hebrew sentence with numbers, percentages or a Latin name in it
reads in the right order.

Pure Python; :mod:`game.ui.script_font` draws the runs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Characters that need more than the Latin font drawn left to right.
_COMPLEX = re.compile("[\u0590-\u08ff\u0900-\u097f\ua8e0-\ua8ff\ufb1d-\ufdff\ufe70-\ufefc]")

# (first, last, script) by code point, for the scripts with a font of their own.
_BLOCKS = (
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x08FF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0xA8E0, 0xA8FF, "devanagari"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)

_LRI, _RLI, _FSI, _PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_OPENERS = frozenset({_LRI, _RLI, _FSI})
_PLACEHOLDER = "\ufffc"  # an isolate as its surroundings see it: one neutral character
# Direction marks and controls: they steer the order and are never drawn.
_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
_STRONG = {"L": "L", "R": "R", "EN": "R", "AN": "R"}  # how a resolved type counts next to neutrals

Covers = Callable[[str, str], bool]


@dataclass(frozen=True)
class Run:
    """Characters in logical order that share a level and a script."""

    text: str
    level: int
    script: str

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


def needs_layout(text: str) -> bool:
    """True when ``text`` has Arabic, Hebrew or Devanagari (plain text keeps the fast path)."""
    return not text.isascii() and _COMPLEX.search(text) is not None


def script_of(ch: str) -> str | None:
    """The font family a character asks for: a script name, ``base``, or None for common signs."""
    code = ord(ch)
    if code >= 0x0590:
        for first, last, script in _BLOCKS:
            if first <= code <= last:
                return script
    return "base" if unicodedata.category(ch).startswith("L") else None


def _type(ch: str) -> str:
    return unicodedata.bidirectional(ch) or "L"


def paragraph_rtl(text: str) -> bool:
    """True when the first letter with a direction, outside isolates, is right to left (rule P2)."""
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch == _PDI:
            depth = max(0, depth - 1)
        if depth:
            continue
        kind = _type(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _isolates(text: str) -> list[tuple[int, int]]:
    """(opener, closer) index pairs of the outermost isolates; an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif ch == _PDI and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    if depth:
        spans.append((start, len(text)))
    return spans


def levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character: even runs left to right, odd right to left."""
    spans = _isolates(text)
    if not spans:
        return _flat_levels(text, rtl)
    # Each isolate counts as one neutral character here, and is resolved on its own.
    outer: list[str] = []
    position = 0
    for start, end in spans:
        outer.append(text[position:start] + _PLACEHOLDER)
        position = end + 1
    outer.append(text[position:])
    outer_levels = _flat_levels("".join(outer), rtl)
    base = 1 if rtl else 0
    out: list[int] = []
    position = k = 0
    for start, end in spans:
        out.extend(outer_levels[k : k + start - position])
        k += start - position
        mark = outer_levels[k]
        k += 1
        inner = text[start + 1 : end]
        inner_rtl = text[start] == _RLI or (text[start] == _FSI and paragraph_rtl(inner))
        level = base + 1 if (base % 2 == 0) == inner_rtl else base + 2  # next odd (RTL) or even (LTR) level
        out.append(mark)
        out.extend(v + level - (1 if inner_rtl else 0) for v in levels(inner, inner_rtl))
        if end < len(text):
            out.append(mark)
        position = end + 1
    out.extend(outer_levels[k:])
    return out


def _flat_levels(text: str, rtl: bool) -> list[int]:
    n = len(text)
    sor = "R" if rtl else "L"
    raw = [_type(ch) for ch in text]
    types = list(raw)
    previous = sor
    for i, kind in enumerate(types):  # W1: a mark takes the type of what it sits on
        if kind == "NSM":
            types[i] = previous
        previous = types[i]
    last = sor
    for i, kind in enumerate(types):  # W2, W3: numbers after Arabic letters are Arabic numbers
        if kind in ("L", "R", "AL"):
            last = kind
        elif kind == "EN" and last == "AL":
            types[i] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]
    for i in range(1, n - 1):  # W4: one separator between two numbers joins them
        kind, before, after = types[i], types[i - 1], types[i + 1]
        if kind == "ES" and before == after == "EN":
            types[i] = "EN"
        elif kind == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < n:  # W5: currency and percent signs next to a number belong to it
        if types[i] != "ET":
            i += 1
            continue
        j = i
        while j < n and types[j] == "ET":
            j += 1
        if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
            types[i:j] = ["EN"] * (j - i)
        i = j
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]  # W6
    last = sor
    for i, kind in enumerate(types):  # W7: numbers in left-to-right text are left to right
        if kind in ("L", "R"):
            last = kind
        elif kind == "EN" and last == "L":
            types[i] = "L"
    i = 0
    while i < n:  # N1, N2: neutrals take the direction around them, else the paragraph's
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and types[j] in _NEUTRAL:
            j += 1
        before = sor if i == 0 else _STRONG.get(types[i - 1], sor)
        after = sor if j == n else _STRONG.get(types[j], sor)
        types[i:j] = [before if before == after else sor] * (j - i)
        i = j
    base = 1 if rtl else 0
    if rtl:  # I2
        out = [2 if kind in ("L", "EN", "AN") else 1 for kind in types]
    else:  # I1
        out = [1 if kind == "R" else 2 if kind in ("EN", "AN") else 0 for kind in types]
    for i in range(n - 1, -1, -1):  # L1: trailing spaces go back to the paragraph level
        if raw[i] not in ("WS", "S", "B", "BN"):
            break
        out[i] = base
    return out


def _scripts(text: str, lv: Sequence[int], covers: Covers) -> list[str]:
    """The font for each character: its own script's, else a neighbour's that has it, else the base font."""
    own = [script_of(ch) for ch in text]
    chosen: list[str | None] = list(own)
    for order in (range(len(text)), range(len(text) - 1, -1, -1)):
        current: str | None = None
        previous_level = -1
        for i in order:
            if lv[i] != previous_level:
                current, previous_level = None, lv[i]
            if own[i] is not None:
                current = own[i]
            elif chosen[i] is None and current is not None and covers(current, text[i]):
                chosen[i] = current
    return [script or "base" for script in chosen]


def layout(text: str, rtl: bool | None, covers: Covers) -> list[Run]:
    """``text`` cut into runs, in visual order from left to right.

    ``rtl`` is the paragraph's direction (None: from its first letter);
    ``covers(script, ch)`` says whether the font of a script can draw a
    character, so signs between words stay in the font of the words.
    """
    if not text:
        return []
    lv = levels(text, paragraph_rtl(text) if rtl is None else rtl)
    scripts = _scripts(text, lv, covers)
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or lv[i] != lv[start] or scripts[i] != scripts[start]:
            words = "".join(ch for ch in text[start:i] if ch not in _CONTROLS)
            if words:
                runs.append(Run(words, lv[start], scripts[start]))
            start = i
    return reorder(runs)


def reorder(runs: list[Run]) -> list[Run]:
    """Rule L2 on whole runs: from the highest level down to the lowest odd one, reverse
    every stretch at that level or above. (Right-to-left runs are shaped right to left.)"""
    if not runs:
        return runs
    lowest = min(run.level for run in runs)
    lowest_odd = lowest if lowest % 2 else lowest + 1
    out = list(runs)
    for level in range(max(run.level for run in runs), lowest_odd - 1, -1):
        i = 0
        while i < len(out):
            if out[i].level < level:
                i += 1
                continue
            j = i
            while j < len(out) and out[j].level >= level:
                j += 1
            out[i:j] = out[i:j][::-1]
            i = j
    return out


_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


def reversed_text(text: str) -> str:
    """Characters in reverse order for drawing right to left without shaping: marks stay
    after the letter they sit on, and brackets and quotes are mirrored."""
    clusters: list[str] = []
    for ch in text:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(_MIRROR.get(ch, ch))
    return "".join(reversed(clusters))
