"""Author-supplied portraits: a stakeholder's ``portrait: FILE.png``, checked like every file a scenario names.

A portrait names, by a relative path with ``/`` between folders, a PNG file
inside the scenario's folder (or a folder below it, once every symbolic link
is followed). The file is never decoded here: its first bytes are read and
checked (the PNG signature, then the IHDR chunk's width and height) against
the limits below. A portrait that fails any check is a **warning**, not an
error: the game draws the stakeholder's face instead, so a bad picture never
stops a scenario from loading. Nothing here imports pygame; the desktop game
loads the picture itself (and falls back to the drawn face if that fails).
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path, PurePosixPath

from game.i18n.words import Num, Words
from game.scenario.positions import SourceMap
from game.scenario.problems import Problem, words
from game.scenario.schema import Scenario

__all__ = ["MAX_BYTES", "MAX_PIXELS", "MAX_SIDE", "MIN_SIDE", "PNG_SIGNATURE", "check_portraits", "portrait_path",
           "portrait_problem"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 2 * 1024 * 1024  # a portrait file's size
MIN_SIDE = 32  # pixels, each side
MAX_SIDE = 2048  # pixels, each side
MAX_PIXELS = 1024 * 1024  # width times height
_HEADER = 8 + 8 + 13  # signature, IHDR length and type, IHDR data


def _name_problem(name: str) -> Words | None:
    """Why ``name`` cannot name a portrait, or None when its form is fine."""
    parts = PurePosixPath(name).parts
    if (not name.strip() or "\\" in name or ":" in name or name.startswith(("/", "~")) or ".." in parts
            or any(ord(c) < 0x20 or c == "\x7f" for c in name)):
        return words("problem.portrait.name", name=name)
    if not name.lower().endswith(".png"):
        return words("problem.portrait.suffix", name=name)
    return None


def portrait_problem(folder: Path | None, name: str, shown: str) -> Words | None:
    """Why the portrait ``name`` (relative to ``folder``) cannot be shown, or None when it can.

    ``shown`` is the file as the author reads it (beside the scenario's own name)."""
    why = _name_problem(name)
    if why is not None:
        return why
    if folder is None:
        return words("problem.portrait.no_folder")
    try:
        root = folder.resolve()
        path = (folder / name).resolve()
    except (OSError, RuntimeError, ValueError):
        return words("problem.portrait.unreadable", file=shown)
    if not path.is_relative_to(root):
        return words("problem.portrait.outside", file=shown)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return words("problem.portrait.not_file", file=shown)
        if info.st_size > MAX_BYTES:
            return words("problem.portrait.too_large", file=shown, size=Num(info.st_size / 1024),
                         limit=Num(MAX_BYTES / 1024))
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            header = handle.read(_HEADER)
    except FileNotFoundError:
        return words("problem.portrait.missing", file=shown)
    except OSError:
        return words("problem.portrait.unreadable", file=shown)
    return _header_problem(header, shown)


def _header_problem(header: bytes, shown: str) -> Words | None:
    """Why a PNG's first bytes do not make an acceptable portrait, or None."""
    if not header.startswith(PNG_SIGNATURE):
        return words("problem.portrait.not_png", file=shown)
    if len(header) < _HEADER or header[12:16] != b"IHDR":
        return words("problem.portrait.broken", file=shown)
    width, height = struct.unpack(">II", header[16:24])
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        return words("problem.portrait.sides", file=shown, width=width, height=height, least=MIN_SIDE, most=MAX_SIDE)
    if width * height > MAX_PIXELS:
        return words("problem.portrait.pixels", file=shown, width=width, height=height,
                     pixels=Num(width * height), limit=Num(MAX_PIXELS))
    return None


def check_portraits(scenario: Scenario, source: SourceMap, folder: Path | None) -> list[Problem]:
    """A warning at each ``portrait`` value that cannot be shown (the drawn face is used instead)."""
    out: list[Problem] = []
    shown_folder = Path(source.label).parent
    for i, stakeholder in enumerate(scenario.stakeholders):
        name = stakeholder.portrait
        if not name:
            continue
        why = portrait_problem(folder, name, str(shown_folder / name))
        if why is not None:
            out.append(source.problem(("stakeholders", i, "portrait"), "warning", why))
    return out


def portrait_path(folder: Path | None, name: str) -> Path | None:
    """The file of an acceptable portrait, or None (the front end draws the face instead)."""
    if not name or folder is None or portrait_problem(folder, name, name) is not None:
        return None
    return (folder / name).resolve()
