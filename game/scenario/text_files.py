"""Player-facing texts kept in their own files next to a scenario.

Wherever the scenario format takes a text or a name (LocalisedText and
ShortText in :mod:`game.scenario.schema`), and in each language of a text
map, an author may write ``{file: briefing.md}``: the text is then read from
that file, relative to the scenario file's folder, before the schema sees the
data. Everything after the loader sees plain strings, exactly as if the text
had been written inline, so the content hash covers the texts read.

Files come from strangers, so a reference is refused (with the position of
its ``file:`` value) unless it names, by a relative path, a ``.md`` or
``.txt`` file that lies inside the scenario's folder or a folder below it
once every symbolic link is followed; the file must be UTF-8 text without
the characters YAML forbids, within the text's length limit, and the
scenario and all its text files together within the loader's byte limit.
At most :data:`MAX_TEXT_FILES` files are read, each once however often it is
named. A scenario given as text, with no folder, cannot name files.

A file's text is laid out as paragraphs: lines are joined with spaces, a
blank line separates paragraphs, and a line that starts a list item
(``- ``, ``* ``, ``1. ``) stays on its own line.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from game.scenario.positions import SourceMap
from game.scenario.problems import Problem
from game.scenario.schema import NAME_MAX_LENGTH, TEXT_FILE_NAME_MAX_LENGTH
from game.scenario.text_sites import KEY, Reference, references

__all__ = ["FORBIDDEN_CHAR", "MAX_TEXT_FILES", "SUFFIXES", "TextFiles", "name_problem", "paragraphs", "resolve",
           "stamps"]
SUFFIXES = (".md", ".txt")
MAX_TEXT_FILES = 500  # distinct files one scenario may name
# Characters YAML refuses (controls other than tab and line ends, and non-characters): the
# same rule as for a scenario file.
FORBIDDEN_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,3}[.)])[ \t]")
_DRIVE = re.compile(r"^[A-Za-z]:")


# --------------------------------------------------------------------------
# Checking a reference's name, then reading the file


def name_problem(name: Any) -> str | None:
    """Why a `file:` value cannot name a text file, in words; None when its form is fine."""
    if not isinstance(name, str):
        return "`file:` takes the name of a text file next to the scenario, such as `briefing.md`"
    if not name.strip():
        return "`file:` is empty; give the name of a text file next to the scenario, such as `briefing.md`"
    if len(name) > TEXT_FILE_NAME_MAX_LENGTH:
        return (f"the file name is {len(name):,} characters long; at most {TEXT_FILE_NAME_MAX_LENGTH} are allowed "
                "(use a shorter name)")
    if any(ord(c) < 0x20 or c == "\x7f" for c in name):
        return "the file name contains a control character; give a plain name such as `briefing.md`"
    if "\\" in name:
        return (f"`{name}` contains `\\`; name the file relative to the scenario's folder with `/` "
                "between folders, for example `texts/briefing.md`")
    if name.startswith(("/", "~")) or _DRIVE.match(name):
        return (f"`{name}` is an absolute path; name the file relative to the scenario's folder, "
                "for example `briefing.md` or `texts/briefing.md`")
    if ":" in name:
        return f"`{name}` contains `:`, which some systems do not allow in file names; rename the file"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return (f"`{name}` leaves the scenario's folder (`..`); keep text files in the scenario's "
                "folder or a folder inside it")
    if PurePosixPath(name.rsplit("/", 1)[-1]).suffix.lower() not in SUFFIXES:
        return (f"`{name}` is not a text file: texts are read only from `.md` or `.txt` files; "
                "rename the file or save the text as one")
    return None


@dataclass
class _Read:
    """One text file's outcome: its text, or why it cannot be used (at the reference)."""

    text: str = ""
    problem: str = ""
    problems: list[Problem] = field(default_factory=list)  # inside the file, at its own positions


class TextFiles:
    """Reads the text files one scenario names, each once, within the limits."""

    def __init__(self, folder: Path, label: str, scenario_bytes: int, max_bytes: int) -> None:
        self.folder = folder
        self.root = folder.resolve()
        self.shown_folder = Path(label).parent
        self.budget = max_bytes - scenario_bytes
        self.max_bytes = max_bytes
        self.read_files: dict[Path, _Read] = {}
        self.paths: list[Path] = []  # every file named (resolved), for watching

    def shown(self, name: str) -> str:
        return str(self.shown_folder / name)

    def target(self, name: str) -> Path | str:
        """The file a checked name leads to, or why it is refused."""
        try:
            resolved = (self.folder / name).resolve()
        except RuntimeError:  # Python before 3.13 says so for a loop of links
            return f"{self.shown(name)} cannot be opened: its symbolic links go round in a loop"
        except (OSError, ValueError) as exc:  # a loop of links, or a name the system refuses
            return f"{self.shown(name)} cannot be opened ({getattr(exc, 'strerror', None) or exc})"
        if not resolved.is_relative_to(self.root):
            return (f"{self.shown(name)} leads outside the scenario's folder (through a symbolic link); "
                    "keep text files in the scenario's folder or a folder inside it")
        return resolved

    def read(self, name: str, resolved: Path) -> _Read:
        known = self.read_files.get(resolved)
        if known is None:
            if len(self.read_files) >= MAX_TEXT_FILES:
                return _Read(problem=f"a scenario may read at most {MAX_TEXT_FILES} text files; this "
                             "would be one more (keep short texts in the scenario itself)")
            known = self._read(self.shown(name), resolved)
            self.read_files[resolved] = known
        return known

    def _read(self, shown: str, path: Path) -> _Read:
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                return _Read(problem=f"{shown} is a folder; name a `.md` or `.txt` file")
            if not stat.S_ISREG(info.st_mode):
                return _Read(problem=f"{shown} is not an ordinary file (a device or a pipe?); name a text file")
            if info.st_size > self.budget:
                return self._too_large(shown, info.st_size)
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
            fd = os.open(path, flags)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return _Read(problem=f"{shown} is not an ordinary file; name a text file")
                data = handle.read(self.budget + 1)
        except FileNotFoundError:
            return _Read(problem=f"there is no file {shown}; create it, or correct the name after `file:` "
                         "(names are read from the scenario file's folder)")
        except PermissionError:
            return _Read(problem=f"{shown} cannot be read (permission denied); let your account read it")
        except OSError as exc:
            return _Read(problem=f"{shown} cannot be read ({exc.strerror or exc})")
        if len(data) > self.budget:
            return self._too_large(shown, len(data))
        self.budget -= len(data)
        return _decode(shown, data)

    def _too_large(self, shown: str, size: int) -> _Read:
        total = self.max_bytes - self.budget + size
        return _Read(problem=f"{shown} is {size / 1024:,.0f} kB, which brings the scenario and its text "
                     f"files to {total / 1024 / 1024:.1f} MB; together they may be at most "
                     f"{self.max_bytes // 1024 // 1024} MB (shorten the texts)")


def _decode(shown: str, data: bytes) -> _Read:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _Read(problem=f"{shown} is saved as UTF-16; save it as UTF-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _Read(problem=f"{shown} is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}); "
                     "save it as UTF-8")
    bad = FORBIDDEN_CHAR.search(raw)
    if bad:
        line = raw.count("\n", 0, bad.start()) + 1
        column = bad.start() - (raw.rfind("\n", 0, bad.start()) + 1) + 1
        char = bad.group()
        what = ("a NUL byte: this looks like a binary file, not text" if char == "\x00"
                else f"the character U+{ord(char):04X}, which a scenario text may not hold; it may have "
                "come from a copy and paste: delete it")
        return _Read(problems=[Problem(shown, line, column, "error", f"the file contains {what}")])
    return _Read(text=paragraphs(raw))


def paragraphs(raw: str) -> str:
    """A file's text as the game shows it: lines joined, paragraphs apart, list items on their own lines."""
    out: list[str] = []
    line_items: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = line.strip(" \t")  # a no-break space (French "Plan :") is kept
        if not words:
            if line_items:
                out.append("\n".join(line_items))
                line_items = []
            continue
        if line_items and not _LIST_ITEM.match(words):
            line_items[-1] += " " + words
        else:
            line_items.append(words)
    if line_items:
        out.append("\n".join(line_items))
    return "\n\n".join(out)


# --------------------------------------------------------------------------
# Putting the texts in place


def resolve(
    data: dict[str, Any], source: SourceMap, folder: Path | None, scenario_bytes: Callable[[], int],
    max_bytes: int,
) -> tuple[list[Problem], list[Path]]:
    """Replace every ``{file: ...}`` in ``data`` by the file's text.

    Returns the problems found and every file named (resolved, readable or
    not), for watching. A reference that cannot be used is replaced by an
    empty text, so the rest of the scenario is still checked.
    """
    found = references(data)
    if not found:
        return [], []
    problems: list[Problem] = []
    files = TextFiles(folder, source.label, scenario_bytes(), max_bytes) if folder is not None else None
    for ref in found:
        at = (*ref.path, KEY)
        text, message, inside = _text_of(ref, files)
        if message:
            problems.append(source.problem(at, "error", message))
        problems.extend(inside)
        if files is not None and not (text or message or inside):
            problems.append(source.problem(at, "warning", f"{files.shown(ref.name)} is empty, so this "
                                           "text is empty"))
        ref.replace(text)
    return problems, (files.paths if files else [])


def _text_of(ref: Reference, files: TextFiles | None) -> tuple[str, str, list[Problem]]:
    """The text a reference gives, or the problem at the reference, or problems inside the file."""
    if ref.extra:
        extra = ", ".join(f"`{k}`" for k in ref.extra)
        return "", (f"a text from a file is written `{{file: NAME}}` alone, but {extra} is written beside "
                    "`file:`; for a file in each language write `{en: {file: a.en.md}, fr: {file: a.fr.md}}`"), []
    why = name_problem(ref.name)
    if why:
        return "", why, []
    if files is None:
        return "", ("a text can be read from a file only when the scenario is loaded from a file; this "
                    "scenario was given as text, so write the text here instead"), []
    target = files.target(ref.name)
    if isinstance(target, str):
        return "", target, []
    if target not in files.paths:
        files.paths.append(target)
    read = files.read(ref.name, target)
    if read.problem or read.problems:
        return "", read.problem, read.problems
    if len(read.text) > ref.limit:
        kind = "a name" if ref.limit == NAME_MAX_LENGTH else "a text"
        return "", (f"{files.shown(ref.name)} holds {len(read.text):,} characters; {kind} may be at most "
                    f"{ref.limit:,} (shorten it)"), []
    return read.text, "", []


def stamps(paths: Iterable[Path]) -> tuple[tuple[int, int] | None, ...]:
    """Each file's modification time and size (None when it cannot be seen), to notice edits."""
    out: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            out.append(None)
        else:
            out.append((info.st_mtime_ns, info.st_size))
    return tuple(out)
