"""Conditions in plain words: why an action cannot be taken, as a player reads it.

An availability condition such as ``trust.regulator >= 0.35`` becomes
"Safe Care Inspectorate's trust in you must be 35% or more (now 28%)". The
condition is read from the tree :func:`expressions.parse` gives (nothing is
evaluated as code); the words come from the UI catalogue (``reason.*`` keys),
so each language builds its own sentences.

What is phrased: comparisons (either way round, and chained) between one
quantity (``trust.ID``, ``support.target``, ``progress.ID``, ``metric.ID``,
``flag.NAME``, ``blocked.ID``, ``turn`` …) and a number; ``and``, ``or`` and
``not``; arithmetic on plain numbers (``turns - 2``) is worked out. Shares from
0 to 1 read as percentages and metrics carry their unit. Anything else
(arithmetic on quantities, function calls, two quantities compared) falls back
to a general sentence that quotes the condition.

With current values, an ``and`` names only the parts that do not hold yet,
and each part says where things stand now.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from game.i18n import translate
from game.scenario.expressions import STAKEHOLDER_NAMESPACES, ExpressionError, parse
from game.scenario.language import localise
from game.scenario.schema import Action, Scenario

Lookup = Callable[[str, str], float | None]
"""Current value of a quantity: ``(namespace, id)``, with ``("", "turn")`` for the turn; None when unknown."""

# The comparison in words, by operator, as catalogue keys.
_WORDS: dict[type[ast.cmpop], str] = {
    ast.GtE: "at_least",
    ast.Gt: "more_than",
    ast.LtE: "at_most",
    ast.Lt: "less_than",
    ast.Eq: "equal",
    ast.NotEq: "not_equal",
}
# `a OP b` read from the other side: `0.3 < x` is `x > 0.3`.
_FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.GtE: ast.LtE, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.Lt: ast.Gt, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq,
}
# `not (a OP b)` is `a NEGATED b`.
_NEGATED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt, ast.Lt: ast.GtE, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
}
_TEST: dict[type[ast.cmpop], Callable[[float, float], bool]] = {
    ast.GtE: operator.ge, ast.Gt: operator.gt, ast.LtE: operator.le,
    ast.Lt: operator.lt, ast.Eq: operator.eq, ast.NotEq: operator.ne,
}
_ARITHMETIC: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
}
# Quantities that are 0 or 1: read as "set" or "not set" rather than as numbers.
_SWITCHES = ("flag", "blocked", "dropped")
_VOWELS = tuple("AEIOUYÀÂÉÈÊËÎÏÔÙÛÜaeiouyàâéèêëîïôùûüHh")


class _Unphrasable(Exception):
    """A part of a condition these words do not cover."""


@dataclass(frozen=True)
class _Quantity:
    namespace: str  # "" for turn
    key: str  # an id, or "target" when no target is bound


@dataclass(frozen=True)
class _Part:
    text: str
    holds: bool | None  # None when the current values are not known


@lru_cache(maxsize=256)
def _tree(condition: str) -> ast.Expression:
    return parse(condition)


class _Phraser:
    def __init__(self, scenario: Scenario, lang: str | None, target: str | None, values: Lookup | None) -> None:
        self.scenario = scenario
        self.lang = lang
        self.target = target
        self.values = values

    def words(self, key: str, **fields: object) -> str:
        return translate(self.lang, key, **fields)

    def text(self, value: str | dict[str, str] | None) -> str:
        return localise(value, self.lang, self.scenario.meta.language)

    # -- the tree -------------------------------------------------------

    def part(self, node: ast.expr, negate: bool = False) -> _Part:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.part(node.operand, not negate)
        if isinstance(node, ast.BoolOp):
            every = isinstance(node.op, ast.And) != negate  # `not (a or b)` is `not a and not b`
            return self.joined([self.part(v, negate) for v in node.values], every)
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            pairs = [self.comparison(sides[i], op, sides[i + 1], negate) for i, op in enumerate(node.ops)]
            # A chain `a < b < c` holds when every link does; negated, when any link fails.
            return pairs[0] if len(pairs) == 1 else self.joined(pairs, every=not negate)
        if isinstance(node, ast.Attribute):  # a bare quantity is true when it is not zero
            return self.comparison(node, ast.NotEq(), ast.Constant(0), negate)
        raise _Unphrasable

    def joined(self, parts: Sequence[_Part], every: bool) -> _Part:
        states = [p.holds for p in parts]
        if every:
            holds = False if False in states else (None if None in states else True)
            # What is still missing matters; what already holds is noise.
            missing = [p for p in parts if p.holds is not True]
            shown = missing or list(parts)
            key = "reason.and"
        else:
            holds = True if True in states else (None if None in states else False)
            shown = list(parts)
            key = "reason.or"
        texts = [p.text for p in shown]
        if len(texts) == 1:
            return _Part(texts[0], holds)
        return _Part(self.words(key, first=", ".join(texts[:-1]), last=texts[-1]), holds)

    def operand(self, node: ast.expr) -> _Quantity | float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.operand(node.operand)
            if isinstance(inner, float):
                return -inner if isinstance(node.op, ast.USub) else inner
            raise _Unphrasable
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            # Arithmetic on plain numbers (``turns - 2``) is a number; on a quantity it is not phrased.
            a, b = self.operand(node.left), self.operand(node.right)
            if isinstance(a, float) and isinstance(b, float) and not (isinstance(node.op, ast.Div) and b == 0):
                return float(_ARITHMETIC[type(node.op)](a, b))
            raise _Unphrasable
        if isinstance(node, ast.Name):
            if node.id == "turn":
                return _Quantity("", "turn")
            if node.id == "turns":
                return float(self.scenario.meta.turns)
            raise _Unphrasable
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            namespace, key = node.value.id, node.attr
            if namespace not in (*STAKEHOLDER_NAMESPACES, "progress", "dropped", "metric", "flag"):
                raise _Unphrasable
            if key == "target" and self.target is not None:
                key = self.target
            return _Quantity(namespace, key)
        raise _Unphrasable

    def comparison(self, left_node: ast.expr, op: ast.cmpop, right_node: ast.expr, negate: bool) -> _Part:
        left, right = self.operand(left_node), self.operand(right_node)
        kind = type(op)
        if isinstance(left, float) and isinstance(right, _Quantity):
            left, right, kind = right, left, _FLIPPED[kind]
        if not isinstance(left, _Quantity) or not isinstance(right, float):
            raise _Unphrasable
        if negate:
            kind = _NEGATED[kind]
        now = self.now(left)
        holds = None if now is None else _TEST[kind](now, right)
        return _Part(self.atom(left, kind, right, now), holds)

    # -- one comparison -------------------------------------------------

    def now(self, quantity: _Quantity) -> float | None:
        if self.values is None or quantity.key == "target":
            return None
        return self.values(quantity.namespace, quantity.key)

    def atom(self, q: _Quantity, kind: type[ast.cmpop], number: float, now: float | None) -> str:
        word = _WORDS[kind]
        if q.namespace == "":
            turn = self.turn(number)
            text = self.words(f"reason.turn.{word}", turn=turn)
            return text if now is None else self.words("reason.now", text=text, value=self.turn(now))
        if q.namespace in _SWITCHES:
            on, off = _TEST[kind](1.0, number), _TEST[kind](0.0, number)
            if on != off:
                state = "set" if on else "unset"
                if q.namespace == "flag":
                    return self.words(f"reason.flag.{state}", name=q.key.replace("_", " "))
                if q.namespace == "dropped":
                    return self.words(f"reason.dropped.{state}", name=self.name("programme", q.key))
                return self.words(f"reason.blocked.{state}", name=self.name("stakeholder", q.key))
        what = self.what(q)
        shown = self.amount(q, number)
        text = self.words(f"reason.{word}", what=what, value=shown)
        if now is None:
            return text
        return self.words("reason.now", text=text, value=self.amount(q, now, shown))

    def turn(self, number: float) -> str:
        label = self.text(self.scenario.meta.turn_label)
        # English keeps the label's capital ("Quarter 3"); French writes it in lower case mid-sentence.
        return self.words("reason.turn_name", label=label, lower=label.lower(), number=_digits(number, 2, "."))

    def name(self, kind: Literal["stakeholder", "programme"], key: str) -> str:
        things = self.scenario.stakeholders if kind == "stakeholder" else self.scenario.programmes
        for thing in things:
            if thing.id == key:
                return self.text(thing.name)
        return key.replace("_", " ")

    def who(self, kind: Literal["stakeholder", "programme"], key: str) -> str:
        """A stakeholder as the owner of a quantity ("Hospital consultants'", "d'Intersyndicale"),
        or a programme as what progress is made on; each language picks its form by the
        name's first and last letters."""
        stem = "reason.whose" if kind == "stakeholder" else "reason.of"
        if key == "target":
            return self.words(f"{stem}.target")
        name = self.name(kind, key)
        vowel = "_vowel" if name.startswith(_VOWELS) else ""
        s = "_s" if kind == "stakeholder" and name.endswith(("s", "S")) else ""
        return self.words(f"{stem}{vowel}{s}", name=name)

    def what(self, q: _Quantity) -> str:
        if q.namespace == "metric":
            for metric in self.scenario.metrics:
                if metric.id == q.key:
                    return self.text(metric.name)
            return q.key.replace("_", " ")
        if q.namespace == "flag":
            return self.words("reason.quantity.flag", name=q.key.replace("_", " "))
        if q.namespace == "blocked":
            return self.words("reason.quantity.blocked", who=self.who("stakeholder", q.key))
        if q.namespace == "dropped":
            return self.words("reason.quantity.dropped", who=self.who("programme", q.key))
        kind: Literal["stakeholder", "programme"] = "programme" if q.namespace == "progress" else "stakeholder"
        return self.words(f"reason.quantity.{q.namespace}", who=self.who(kind, q.key))

    def amount(self, q: _Quantity, number: float, beside: str = "") -> str:
        """A value as the player reads it; a current value gets more digits when rounding
        would make it look the same as the threshold ``beside`` it."""
        for digits in (0, 1, 2) if beside else (2,):
            shown = self._amount(q, number, digits, exact=not beside)
            if shown != beside:
                return shown
        return shown

    def _amount(self, q: _Quantity, number: float, digits: int, exact: bool) -> str:
        mark = self.words("fmt.decimal")
        if q.namespace == "metric":
            metric = next((m for m in self.scenario.metrics if m.id == q.key), None)
            unit = self.text(metric.unit) if metric is not None else ""
            if not exact and metric is not None and digits == 0 and abs(metric.max - metric.min) < 20:
                digits = 1
            sign = "−" if round(number, digits) < 0 else ""
            size = _digits(abs(number), digits, mark)
            if unit == "%":
                return sign + self.words("fmt.percent", n=size)
            if unit.startswith(("£", "$", "€")):
                return f"{sign}{unit[0]}{size}{unit[1:]}"
            return f"{sign}{size} {unit}".rstrip()
        if q.namespace == "flag":
            return _digits(number, digits, mark)
        sign = "−" if round(number * 100, digits) < 0 else ""
        return sign + self.words("fmt.percent", n=_digits(abs(number) * 100, digits, mark))


def _digits(number: float, digits: int, mark: str) -> str:
    """``number`` with at most ``digits`` decimals, without trailing zeros."""
    text = f"{number:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", mark)


def describe(
    condition: str | ast.Expression,
    scenario: Scenario,
    lang: str | None = None,
    *,
    target: str | None = None,
    values: Lookup | None = None,
) -> str:
    """A condition in plain words, as what must be true (no final full stop).

    ``target`` is the id the condition's ``target`` stands for (None: "the
    stakeholder" or "the programme", by the quantity). With ``values``,
    parts of an ``and`` that already hold are left out and each part shows its
    current value. A condition these words do not cover gives a general
    sentence quoting it.
    """
    text = condition if isinstance(condition, str) else ast.unparse(condition)
    try:
        tree = _tree(condition) if isinstance(condition, str) else condition
        phraser = _Phraser(scenario, lang, target, values)
        return phraser.part(tree.body).text
    except (_Unphrasable, ExpressionError, KeyError, RecursionError):
        return translate(lang, "reason.fallback", condition=" ".join(text.split()))


def unavailable_reason(
    action: Action,
    scenario: Scenario,
    lang: str | None = None,
    *,
    target: str | None = None,
    values: Lookup | None = None,
) -> str:
    """Why ``action`` (for ``target``) is held back by its ``available`` condition, in plain words.

    The author's ``unavailable_text`` wins when the action has one.
    """
    if action.unavailable_text is not None:
        # Shown inside a sentence that ends with its own full stop.
        return localise(action.unavailable_text, lang, scenario.meta.language).strip().rstrip(".")
    if action.available is None:
        return translate(lang, "session.why.not_now")
    return describe(action.available, scenario, lang, target=target, values=values)
