"""Expressions in scenarios: conditions and probabilities, checked and compiled.

An expression is text such as ``turn >= 4 and trust.gp_federation < 0.3``.
It is parsed with :mod:`ast` in eval mode and only this grammar is accepted:

* numbers, ``true``/``false`` (or ``True``/``False``);
* ``turn`` (the current turn, 1-based) and ``turns`` (the scenario's length);
* quantities ``NS.ID`` where NS is one of :data:`STAKEHOLDER_NAMESPACES`
  (``trust.gp_federation``), ``progress.PROGRAMME``, ``metric.METRIC`` or
  ``flag.NAME``; ``target`` may stand for ID inside an action that has one;
* in the condition of a text a session shows (a hint, a pause question, an
  ending's wording, a debrief question) only, the player's record
  (:data:`RECORD_NAMESPACES`): ``taken.ACTION``, ``moves.push``,
  ``first.push``, ``chose.EVENT``, ``ending.ENDING``;
* bare stakeholder quantities (``trust``, ``support`` …) meaning *every*
  stakeholder's value, to be reduced by ``mean``/``min``/``max``/``wmean``/
  ``count``, or used as they are in a ``where`` filter;
* ``+ - * /``, unary ``-``, comparisons (chainable), ``and``, ``or``, ``not``;
* the functions in :data:`FUNCTIONS`.

Everything else (attributes of other things, dunders, other calls,
subscripts, lambdas, comprehensions, ``**``, strings) is refused with the
offset of the offending part. This module holds the grammar's words and
limits, the types an expression is checked against and compiled to, and
:func:`parse`; :mod:`game.scenario.expression_compiler` checks the tree and
turns it into a tree of small numpy closures. Nothing ever calls ``eval`` or
``exec``.

Values carry a leading run axis: a *run* value has shape ``(R,)``, an *each*
value ``(R, N)`` (one column per stakeholder).
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from game.i18n.words import Words
from game.scenario.problems import plural, words

Array = NDArray[np.float64]
Kind = Literal["run", "each"]

STAKEHOLDER_NAMESPACES = (
    "trust",
    "support",
    "grievance",
    "blocked",
    "power",
    "legitimacy",
    "urgency",
    "interest",
)
OTHER_NAMESPACES = ("progress", "dropped", "metric", "flag")
# What the player did so far: only the conditions of the texts a session shows (hints, pause
# questions, ending wordings, debrief questions) may read these (see ``Names.record``); ``moves``
# and ``first`` take the stances ``partner``, ``push`` and ``neutral``; ``can`` an action's id.
RECORD_NAMESPACES = ("taken", "moves", "first", "chose", "ending", "can")
SCALARS = ("turn", "turns", "system")
FUNCTIONS = {
    "min": "smallest of its arguments, or of every stakeholder's value with one bare quantity",
    "max": "largest of its arguments, or of every stakeholder's value with one bare quantity",
    "mean": "mean over stakeholders of a bare quantity, e.g. `mean(trust)`",
    "wmean": "power-weighted mean over stakeholders, e.g. `wmean(support)`",
    "count": "how many stakeholders satisfy a condition, e.g. `count(support < 0.3)`",
    "abs": "absolute value",
    "clip": "`clip(x, lo, hi)` limits x to the range lo..hi",
}

MAX_LENGTH = 2000
MAX_NODES = 300
MAX_DEPTH = 40


class ExpressionError(ValueError):
    """An expression that is not allowed; ``offset`` is 0-based within the text."""

    def __init__(self, message: str | Words, offset: int = 0) -> None:
        said = message.say() if isinstance(message, Words) else message
        super().__init__(said)
        self.message = said
        self.offset = offset
        # The message as words, to be said in another language (None: English only).
        self.words = message if isinstance(message, Words) else None


@dataclass(frozen=True)
class Names:
    """What an expression may name in one place of a scenario."""

    stakeholders: Collection[str] = ()
    programmes: Collection[str] = ()
    metrics: Collection[str] = ()
    target: Literal["none", "stakeholder", "programme"] = "none"
    each: bool = False  # a `where` filter: the result may be per stakeholder
    # The player's record (debrief questions only): namespace in RECORD_NAMESPACES -> the ids it takes.
    record: Mapping[str, Collection[str]] | None = None


class Env(Protocol):
    """What evaluation reads; the simulation provides it."""

    def scalar(self, name: str) -> Array: ...  # "turn" | "turns" | "system", shape (R,)

    def column(self, namespace: str, key: str) -> Array: ...  # shape (R,)

    def vector(self, namespace: str) -> Array: ...  # shape (R, N)

    def power(self) -> Array: ...  # shape (N,), for wmean


Evaluator = Callable[[Env], Array]


@dataclass(frozen=True)
class Compiled:
    """A checked expression, ready to evaluate over a batch of runs."""

    text: str
    kind: Kind
    references: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    evaluate: Evaluator = field(default=lambda env: np.zeros(1), repr=False)
    size: int = 1  # parts (numbers, names, operators, calls): the work of one evaluation

    def __call__(self, env: Env) -> Array:
        return self.evaluate(env)


def one_line(text: str) -> str:
    """Line ends as spaces (same length, so offsets still index the original text).

    A long condition may be written over several lines, as a YAML block.
    """
    return text.replace("\r\n", "  ").replace("\n", " ").replace("\r", " ")


# Habits from other languages, recognised when the text does not parse.
_SYNTAX_HINTS = (
    (r"&&", "and"),
    (r"\|\|", "or"),
    (r"=>", "at_least"),
    (r"=<", "at_most"),
    (r"\b(AND|OR|NOT)\b", "lower_case"),
    (r"!(?!=)", "not"),
    (r"(?<![<>=!])=(?!=)", "equals"),
)


# A number written as a percentage, such as `25%`: the model counts shares from 0 to 1.
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?|\.\d+)\s*%")


def percent_hint(text: str) -> tuple[Words, int] | None:
    """Words saying how to write the first `25%` in ``text`` (0.25 as a share), and where it is; else None."""
    found = _PERCENT.search(text)
    if found is None:
        return None
    number = found.group(1)
    share = f"{float(number) / 100:.10g}"
    return words("problem.hint.percent", percent=found.group(0), share=share, number=number), found.start()


def parse(text: str) -> ast.Expression:
    """Parse text into an AST, turning every parser failure into ExpressionError."""
    text = one_line(text)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(plural("problem.expr.too_long", MAX_LENGTH, limit=MAX_LENGTH), MAX_LENGTH)
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if depth > MAX_DEPTH:
            raise ExpressionError(plural("problem.expr.brackets", MAX_DEPTH, limit=MAX_DEPTH), i)
    try:
        with warnings.catch_warnings():
            # Python warns about text such as `1and`; the grammar check below decides, silently.
            warnings.simplefilter("ignore")
            return ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        percent = percent_hint(text)
        if percent is not None:
            return _raise(words("problem.expr.invalid_hint", hint=percent[0]), percent[1])
        for pattern, advice in _SYNTAX_HINTS:
            found = re.search(pattern, text)
            if found:
                return _raise(words("problem.expr.invalid_hint", hint=words(f"problem.expr.hint.{advice}")), found.start())
        stripped = text.strip()
        # Python reports an unexpected end of the text at offset 0; point at the end instead.
        col = max((exc.offset or 1) - 1, 0) if exc.offset else len(stripped)
        leading = len(text) - len(text.lstrip())
        return _raise(words("problem.expr.invalid", reason=exc.msg), col + leading)
    except (ValueError, MemoryError, RecursionError) as exc:
        return _raise(words("problem.expr.invalid", reason=str(exc)), 0)


def _raise(message: Words, offset: int) -> ast.Expression:
    raise ExpressionError(message, offset)
