"""Problems found in a scenario, and the words they are made of.

A :class:`Problem` names a file, a 1-based line and column, a severity and a
message an author can act on. Line 0 means the problem concerns the whole file
(it could not be read at all), and the position is left out when printed.
Where a problem points is worked out from a :class:`~game.scenario.positions.SourceMap`.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file, at a place in it."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        if self.line < 1:
            return f"{self.path}: {self.severity}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ScenarioError(Exception):
    """A scenario that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid scenario")


def did_you_mean(word: str, options: Collection[str]) -> str:
    """`` (did you mean `x`?)`` for the closest option, or nothing."""
    close = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def shown(value: Any) -> str:
    """A value as an author would recognise it in a message."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"a number {value}" if not isinstance(value, int) or abs(value) < 10**15 else "a very large number"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"text {text!r}"
    if isinstance(value, dict):
        return "a mapping (`key: value` lines)"
    if isinstance(value, list):
        return "a list (`- ` items)"
    return f"a {type(value).__name__}"
