"""The numbers an ending's condition compares against, found and rewritten in its text.

In ``progress.stroke_surgery >= 0.75 and wmean(trust) >= 0.4`` the thresholds
are ``0.75`` and ``0.4``: numbers written directly on one side of a comparison
(``-40`` counts, with its sign). A number inside arithmetic (``x < 40 - y``) is
not a threshold, and neither is one compared with a whole-number quantity
(``turn``, ``turns``, a ``flag``, a ``count(...)``), where 20% of 2 is no
edit an author would make.

The sensitivity analysis moves a threshold by rewriting the condition's text
(:func:`with_value`) and letting the engine compile it as it compiles any
scenario, so a variant is checked exactly like a file an author wrote. The
text is parsed by :func:`game.scenario.expressions.parse`, the one grammar.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from game.scenario.expressions import ExpressionError, one_line, parse

# Quantities that only take whole values: a threshold beside one is a count, not a level.
WHOLE_NAMES = frozenset({"turn", "turns"})
WHOLE_NAMESPACES = frozenset({"flag", "taken", "moves", "chose", "ending"})
WHOLE_FUNCTIONS = frozenset({"count"})


@dataclass(frozen=True)
class Threshold:
    """One number compared against in a condition, and where it is in the condition's text."""

    value: float
    start: int
    """Byte offsets in the condition's one-line, stripped UTF-8 text (the parser's coordinates)."""
    end: int
    comparison: str
    """The whole comparison it belongs to, as written: ``wmean(trust) >= 0.4``."""
    whole: bool
    """Compared with a whole-number quantity (a turn, a flag, a count): not varied."""


def _source(text: str) -> bytes:
    return one_line(text).strip().encode("utf-8")


def _number(node: ast.expr) -> float | None:
    """The value of a number written as it is, or with a minus sign; None for anything else."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return float(node.value)
    return None


def _is_whole(node: ast.expr) -> bool:
    """Whether an operand reads a whole-number quantity anywhere inside it."""
    for part in ast.walk(node):
        if isinstance(part, ast.Name) and part.id in WHOLE_NAMES:
            return True
        if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name) and part.value.id in WHOLE_NAMESPACES:
            return True
        if isinstance(part, ast.Call) and isinstance(part.func, ast.Name) and part.func.id in WHOLE_FUNCTIONS:
            return True
    return False


def thresholds(text: str) -> list[Threshold]:
    """Every number compared against in ``text``, in reading order; none when it does not parse."""
    try:
        tree = parse(text)
    except ExpressionError:
        return []
    source = _source(text)
    found: list[Threshold] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        comparison = source[node.col_offset : node.end_col_offset].decode("utf-8")
        for i, operand in enumerate(operands):
            value = _number(operand)
            if value is None:
                continue
            beside = [operands[j] for j in (i - 1, i + 1) if 0 <= j < len(operands)]
            found.append(
                Threshold(
                    value=value,
                    start=operand.col_offset,
                    end=operand.end_col_offset or operand.col_offset,
                    comparison=comparison,
                    whole=any(_is_whole(b) for b in beside),
                )
            )
    found.sort(key=lambda t: t.start)
    return found


def written(value: float) -> str:
    """A number as an author would write it: ``0.6``, ``41.6``, ``-48`` (ten significant digits)."""
    text = f"{value:.10g}"
    return "0" if text == "-0" else text


def with_value(text: str, threshold: Threshold, value: float) -> str:
    """``text`` with ``threshold`` replaced by ``value`` (on one line, as the parser reads it)."""
    source = _source(text)
    # A negative number gets brackets when a sign or operator could run into it (`x <-48` is fine,
    # but brackets keep the rewrite obviously safe).
    new = written(value)
    if value < 0:
        new = f"({new})"
    return (source[: threshold.start] + new.encode("utf-8") + source[threshold.end :]).decode("utf-8")
