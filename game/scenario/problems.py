"""Problems found in a scenario, and the words they are made of.

A :class:`Problem` names a file, a 1-based line and column, a severity and a
message an author can act on. Line 0 means the problem concerns the whole file
(it could not be read at all), and the position is left out when printed.
Where a problem points is worked out from a :class:`~game.scenario.positions.SourceMap`.

A problem's wording is data: :class:`~game.i18n.words.Words` holding a catalogue
key (``problem.*`` in ``game/data/i18n/``) and the fields that fill it, some of
them words in turn (a did-you-mean, a description of a value), made with
:func:`words`, :func:`plural` and :func:`counted_words` so that French keeps its
punctuation on the line. ``message`` is the English text, made when the problem
is made; :meth:`Problem.say` and :meth:`Problem.text` give it in another
language. A problem made from a plain string has no words and reads the same in
every language.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from game.i18n import DEFAULT, supported
from game.i18n.words import (
    Words,
)

Severity = Literal["error", "warning"]


def words(key: str, /, **fields: Any) -> Words:
    """The words of a ``problem.*`` text and what fills it (French punctuation kept on its line)."""
    return Words(key, **fields).unbroken()


def counted_words(key: str, count: float, /, **fields: Any) -> Words:
    """Words from the plural set ``key``, agreeing with ``count`` (given as the field ``n`` too)."""
    return Words.counted(key, count, n=count, **fields).unbroken()


def plural(key: str, count: float, /, **fields: Any) -> Words:
    """Words from the plural set ``key`` (``KEY.one``/``KEY.other``), agreeing with ``count``."""
    return Words.counted(key, count, **fields).unbroken()


NOTHING = words("problem.nothing")


def joined(items: Sequence[Any], key: str = "problem.join.or") -> Any:
    """``a or b or c`` in any language (``key`` joins two parts: ``{a} or {b}``)."""
    if not items:
        return ""
    result: Any = items[0]
    for item in items[1:]:
        result = words(key, a=result, b=item)
    return result


class WordedError(ValueError):
    """A value refused by the schema, with its reason as words (pydantic keeps the exception)."""

    def __init__(self, said: Words) -> None:
        self.words = said
        super().__init__(said.say(DEFAULT))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file, at a place in it."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    words: Words | None = field(default=None, kw_only=True, compare=False, repr=False)

    def __str__(self) -> str:
        if self.line < 1:
            return f"{self.path}: {self.severity}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def say(self, lang: str | None) -> str:
        """The message in ``lang`` (English, as ``message``, for English or a problem without words)."""
        code = supported(lang) or DEFAULT
        if code == DEFAULT or self.words is None:
            return self.message
        return self.words.say(code)

    def text(self, lang: str | None) -> str:
        """The whole line in ``lang``, as ``str()`` gives it in English; ``file:line:col`` is unchanged."""
        code = supported(lang) or DEFAULT
        if code == DEFAULT:
            return str(self)
        where = self.path if self.line < 1 else f"{self.path}:{self.line}:{self.column}"
        return words("problem.line", where=where, severity=words(f"problem.severity.{self.severity}"),
                     message=self.say(code)).say(code)


def problem(path: str, line: int, column: int, severity: Severity, said: Words) -> Problem:
    """A problem whose message is ``said`` (in English in ``message``)."""
    return Problem(path, line, column, severity, said.say(DEFAULT), words=said)


class ScenarioError(Exception):
    """A scenario that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid scenario")

    def say(self, lang: str | None) -> str:
        """Every problem, one a line, in ``lang``."""
        return "\n".join(p.text(lang) for p in self.problems) or words("problem.invalid").say(lang)


def closest(word: str, options: Collection[str]) -> str | None:
    """The option closest to ``word``, if one is close enough."""
    close = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(word: str, options: Collection[str]) -> Words | str:
    """Words `` (did you mean `x`?)`` for the closest option, or nothing."""
    found = closest(word, options)
    return words("problem.did_you_mean", option=found) if found is not None else ""


def did_you_mean(word: str, options: Collection[str]) -> str:
    """`` (did you mean `x`?)`` for the closest option, or nothing."""
    return str(suggestion(word, options))


def shown_words(value: Any) -> Words:
    """A value as an author would recognise it in a message, in words."""
    if value is None:
        return NOTHING
    if isinstance(value, bool):
        return words("problem.value.bool", value="true" if value else "false")
    if isinstance(value, int | float):
        if not isinstance(value, int) or abs(value) < 10**15:
            return words("problem.value.number", value=value)
        return words("problem.value.huge")
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return words("problem.value.text", value=repr(text))
    if isinstance(value, dict):
        return words("problem.value.mapping")
    if isinstance(value, list):
        return words("problem.value.list")
    return words("problem.value.other", kind=type(value).__name__)


def shown(value: Any) -> str:
    """A value as an author would recognise it in a message."""
    return shown_words(value).say(DEFAULT)
