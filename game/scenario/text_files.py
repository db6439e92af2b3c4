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

from game.i18n.words import Num, Words
from game.scenario.positions import SourceMap
from game.scenario.problems import Problem, plural, problem, words
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
    why = name_words(name)
    return None if why is None else why.say()


def name_words(name: Any) -> Words | None:
    """Why a `file:` value cannot name a text file, as words; None when its form is fine."""
    if not isinstance(name, str):
        return words("problem.files.not_name")
    if not name.strip():
        return words("problem.files.empty_name")
    if len(name) > TEXT_FILE_NAME_MAX_LENGTH:
        return plural("problem.files.long_name", len(name), length=Num(len(name)), limit=TEXT_FILE_NAME_MAX_LENGTH)
    if any(ord(c) < 0x20 or c == "\x7f" for c in name):
        return words("problem.files.control")
    if "\\" in name:
        return words("problem.files.backslash", name=name)
    if name.startswith(("/", "~")) or _DRIVE.match(name):
        return words("problem.files.absolute", name=name)
    if ":" in name:
        return words("problem.files.colon", name=name)
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return words("problem.files.parent", name=name)
    if PurePosixPath(name.rsplit("/", 1)[-1]).suffix.lower() not in SUFFIXES:
        return words("problem.files.suffix", name=name)
    return None


@dataclass
class _Read:
    """One text file's outcome: its text, or why it cannot be used (at the reference)."""

    text: str = ""
    problem: Words | None = None
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
        found = self.target_or_words(name)
        return found.say() if isinstance(found, Words) else found

    def target_or_words(self, name: str) -> Path | Words:
        """The file a checked name leads to, or why it is refused, as words."""
        try:
            resolved = (self.folder / name).resolve()
        except RuntimeError:  # Python before 3.13 says so for a loop of links
            return words("problem.files.loop", file=self.shown(name))
        except (OSError, ValueError) as exc:  # a loop of links, or a name the system refuses
            return words("problem.files.cannot_open", file=self.shown(name),
                         reason=str(getattr(exc, "strerror", None) or exc))
        if not resolved.is_relative_to(self.root):
            return words("problem.files.outside", file=self.shown(name))
        return resolved

    def read(self, name: str, resolved: Path) -> _Read:
        known = self.read_files.get(resolved)
        if known is None:
            if len(self.read_files) >= MAX_TEXT_FILES:
                return _Read(problem=plural("problem.files.too_many", MAX_TEXT_FILES, limit=MAX_TEXT_FILES))
            known = self._read(self.shown(name), resolved)
            self.read_files[resolved] = known
        return known

    def _read(self, shown: str, path: Path) -> _Read:
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                return _Read(problem=words("problem.files.folder", file=shown))
            if not stat.S_ISREG(info.st_mode):
                return _Read(problem=words("problem.files.special", file=shown))
            if info.st_size > self.budget:
                return self._too_large(shown, info.st_size)
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
            fd = os.open(path, flags)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return _Read(problem=words("problem.files.not_ordinary", file=shown))
                data = handle.read(self.budget + 1)
        except FileNotFoundError:
            return _Read(problem=words("problem.files.missing", file=shown))
        except PermissionError:
            return _Read(problem=words("problem.files.permission", file=shown))
        except OSError as exc:
            return _Read(problem=words("problem.files.unreadable", file=shown, reason=str(exc.strerror or exc)))
        if len(data) > self.budget:
            return self._too_large(shown, len(data))
        self.budget -= len(data)
        return _decode(shown, data)

    def _too_large(self, shown: str, size: int) -> _Read:
        total = self.max_bytes - self.budget + size
        return _Read(problem=words("problem.files.too_large", file=shown, size=Num(size / 1024),
                                   total=Num(total / 1024 / 1024, 1, grouped=False),
                                   limit=self.max_bytes // 1024 // 1024))


def _decode(shown: str, data: bytes) -> _Read:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _Read(problem=words("problem.files.utf16", file=shown))
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _Read(problem=words("problem.files.not_utf8", file=shown, byte=f"{data[exc.start]:02X}", line=line))
    bad = FORBIDDEN_CHAR.search(raw)
    if bad:
        line = raw.count("\n", 0, bad.start()) + 1
        column = bad.start() - (raw.rfind("\n", 0, bad.start()) + 1) + 1
        char = bad.group()
        what = (words("problem.files.nul") if char == "\x00"
                else words("problem.files.forbidden_char", code=f"{ord(char):04X}"))
        return _Read(problems=[problem(shown, line, column, "error", words("problem.file.contains", what=what))])
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
            problems.append(source.problem(at, "warning", words("problem.files.empty", file=files.shown(ref.name))))
        ref.replace(text)
    return problems, (files.paths if files else [])


def _text_of(ref: Reference, files: TextFiles | None) -> tuple[str, Words | None, list[Problem]]:
    """The text a reference gives, or the problem at the reference, or problems inside the file."""
    if ref.extra:
        extra = ", ".join(f"`{k}`" for k in ref.extra)
        return "", words("problem.files.beside", extra=extra), []
    why = name_words(ref.name)
    if why:
        return "", why, []
    if files is None:
        return "", words("problem.files.no_folder"), []
    target = files.target_or_words(ref.name)
    if isinstance(target, Words):
        return "", target, []
    if target not in files.paths:
        files.paths.append(target)
    read = files.read(ref.name, target)
    if read.problem or read.problems:
        return "", read.problem, read.problems
    if len(read.text) > ref.limit:
        kind = "problem.files.long_name_kind" if ref.limit == NAME_MAX_LENGTH else "problem.files.long_text_kind"
        return "", plural("problem.files.long_text", len(read.text), file=files.shown(ref.name), length=Num(len(read.text)),
                         kind=words(kind), limit=Num(ref.limit)), []
    return read.text, None, []


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
