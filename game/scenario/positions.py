"""Where each value and key of a scenario file sits, as paths and positions.

A path is a tuple of mapping keys and list indexes as written in the file;
the loader's reader records the position of every value and key under its
path, and problems are pointed at ``file:line:col`` from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from game.i18n.words import Words
from game.scenario.problems import Problem, Severity, problem

ModelPath = tuple[str | int, ...]


def pack(line: int, column: int) -> int:
    """A 0-based (line, column), as YAML marks give them, packed into one int.

    A large file has ~10^5 positions; ints cost less to make and keep than tuples.
    """
    return line << 32 | column


def unpack(packed: int) -> tuple[int, int]:
    """The 1-based (line, column) of a packed position."""
    return (packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1


@dataclass
class SourceMap:
    """Where each value and key of a scenario file sits.

    Paths are tuples of mapping keys and list indexes as written in the file,
    for example ``("actions", 2, "effects", 0, "chance", "p")``. Positions are
    stored packed (see :func:`pack`); every method here gives 1-based
    ``(line, column)``.
    """

    label: str
    text: str = ""
    values: dict[ModelPath, int] = field(default_factory=dict)
    keys: dict[ModelPath, int] = field(default_factory=dict)
    # Text values that are not plain one-line scalars: path -> (style, start line, start column).
    styled: dict[ModelPath, tuple[str, int, int]] = field(default_factory=dict)

    def positions(self) -> dict[ModelPath, tuple[int, int]]:
        """Every value's path and 1-based (line, column)."""
        return {path: unpack(packed) for path, packed in self.values.items()}

    def position(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """Where the value at exactly this path starts, or None when it is not in the file."""
        packed = self.values.get(_as_written(path))
        return None if packed is None else unpack(packed)

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The position of a value, or of its nearest ancestor that is in the file.

        Model field names are accepted for their keys (``else_`` for ``else``).
        """
        p = _as_written(path)
        while p:
            found = self.values.get(p)
            if found is not None:
                return unpack(found)
            p = p[:-1]
        root = self.values.get(())
        return (1, 1) if root is None else unpack(root)

    def locate_key(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The position of a mapping key (its value's position when it has none)."""
        packed = self.keys.get(_as_written(path))
        return self.locate(path) if packed is None else unpack(packed)

    def resolve_loc(self, loc: Iterable[str | int]) -> tuple[ModelPath, bool]:
        """A pydantic ``loc`` as a path in the file, and whether it names a key.

        Segments that are not keys or indexes of the data (union members such
        as an effect's tag, ``str``, ``function-after[...]``) are skipped.
        """
        path: ModelPath = ()
        is_key = False
        for segment in loc:
            if segment == "[key]":
                is_key = True
                continue
            if segment == "else_":
                segment = "else"
            candidate = (*path, segment)
            if candidate in self.values:
                path = candidate
        return path, is_key

    def locate_in_text(self, path: Sequence[str | int], offset: int, text: str = "") -> tuple[int, int]:
        """The position of character ``offset`` inside the text value at ``path``.

        Exact for one-line plain or quoted values and for literal blocks
        (``|``); other multi-line values point at their start. ``text`` is the
        value itself, needed for blocks.
        """
        p = _as_written(path)
        line, column = self.locate(p)
        if p not in self.values:
            return line, column
        style = self.styled.get(p)
        if style is None:
            return line, column + offset
        kind, start_line, _ = style
        if kind in ("'", '"'):
            return (line, column + 1 + offset) if "\n" not in text else (line, column)
        if kind == "|" and self.text:
            before = text[:offset]
            row = before.count("\n")
            lines = self.text.split("\n")
            content = start_line + 1 + row  # the block's lines start after the `|` line
            if content <= len(lines):
                first = lines[start_line]  # the block's first line sets its indentation
                indent = len(first) - len(first.lstrip(" "))
                return content, indent + 1 + len(before) - (before.rfind("\n") + 1)
        return line, column

    def problem(
        self, path: Sequence[str | int], severity: Severity, message: str | Words, *, key: bool = False
    ) -> Problem:
        line, column = self.locate_key(path) if key else self.locate(path)
        if isinstance(message, Words):
            return problem(self.label, line, column, severity, message)
        return Problem(self.label, line, column, severity, message)


def _as_written(path: Sequence[str | int]) -> ModelPath:
    return tuple("else" if step == "else_" else step for step in path)
