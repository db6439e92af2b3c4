"""A parsed expression checked against the names in scope and compiled to numpy closures.

:func:`compile_expression` walks the tree from
:func:`~game.scenario.expressions.parse`, refusing every part outside the
grammar (see :mod:`game.scenario.expressions`) with its offset, and builds
an evaluator of small closures over an :class:`~game.scenario.expressions.Env`.
Values carry a leading run axis: a *run* value has shape ``(R,)``, an *each*
value ``(R, N)`` (one column per stakeholder).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from game.i18n.words import Words
from game.scenario.expressions import (
    FUNCTIONS,
    MAX_DEPTH,
    MAX_NODES,
    OTHER_NAMESPACES,
    RECORD_NAMESPACES,
    SCALARS,
    STAKEHOLDER_NAMESPACES,
    Array,
    Compiled,
    Env,
    Evaluator,
    ExpressionError,
    Kind,
    Names,
    one_line,
    parse,
)
from game.scenario.problems import plural, suggestion, words


def _offset(text: str, node: ast.AST) -> int:
    """0-based character offset of a node in a single- or multi-line text."""
    line = getattr(node, "lineno", 1)
    col = getattr(node, "col_offset", 0)
    lines = text.split("\n")
    prefix = sum(len(x) + 1 for x in lines[: line - 1])
    # col_offset counts UTF-8 bytes; convert to characters on that line.
    this = lines[line - 1] if line - 1 < len(lines) else ""
    chars = len(this.encode("utf-8")[:col].decode("utf-8", errors="ignore"))
    return prefix + chars


def _as_float(x: NDArray[Any] | bool) -> Array:
    return np.asarray(x, dtype=np.float64)


def _safe_div(a: Array, b: Array) -> Array:
    # Division by zero, 0/0 and an overflow to infinity all read as 0.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.divide(a, b)
    return np.where(np.isfinite(out), out, 0.0)


Test = NDArray[np.bool_]
_V = TypeVar("_V", Array, Test)  # an evaluator's values: numbers, or booleans

# Comparisons give booleans; an expression's value is their 0.0/1.0 (see ``_Boolean``).
_COMPARE: dict[type[ast.cmpop], Callable[[Array, Array], Test]] = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}


class _Boolean:
    """The evaluator of a comparison, `and`/`or` or `not`: its value is 1.0
    where it holds and 0.0 elsewhere; ``test`` gives the same as booleans
    (for an enclosing `and`/`or`, or a caller that only asks where it holds)."""

    __slots__ = ("test",)

    def __init__(self, test: Callable[[Env], Test]) -> None:
        self.test = test

    def __call__(self, env: Env) -> Array:
        return _as_float(self.test(env))


def _elementwise(fn: np.ufunc, a: Test, b: Test) -> Test:
    """``fn(a, b)`` for two boolean values. Over column-major (R, N) values,
    worked out on their transposes (the same numbers, in the order they lie
    in memory: numpy is slow at a row (1, N) against a column-major block)."""
    if a.ndim == 2 and b.ndim == 2 and a.flags.f_contiguous and not a.flags.c_contiguous:
        out: Test = fn(a.T, b.T).T
        return out
    result: Test = fn(a, b)
    return result


def _test_of(f: Evaluator) -> Callable[[Env], Test]:
    """Where the value of ``f`` is nonzero, as booleans."""
    if isinstance(f, _Boolean):
        return f.test
    return lambda env: np.asarray(f(env)) != 0


def holds(expr: Compiled, env: Env) -> Test:
    """Where a compiled expression is nonzero, as booleans (the same as
    ``expr(env) != 0``, without the 0.0/1.0 step for conditions)."""
    return _test_of(expr.evaluate)(env)
_BINARY: dict[type[ast.operator], Callable[[Array, Array], Array]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: _safe_div,
}


class _Compiler:
    def __init__(self, text: str, names: Names) -> None:
        self.text = text
        self.names = names
        self.refs: set[tuple[str, str]] = set()
        self.count = 0

    def fail(self, message: Words, node: ast.AST) -> ExpressionError:
        return ExpressionError(message, _offset(self.text, node))

    def compile(self, node: ast.AST, depth: int = 0) -> tuple[Kind, Evaluator]:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(plural("problem.expr.too_large", MAX_NODES, limit=MAX_NODES), node)
        if depth > MAX_DEPTH:
            raise self.fail(plural("problem.expr.too_deep", MAX_DEPTH, limit=MAX_DEPTH), node)
        d = depth + 1
        if isinstance(node, ast.Constant):
            return self._constant(node)
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Attribute):
            return self._quantity(node)
        if isinstance(node, ast.BoolOp):
            parts = [self.compile(v, d) for v in node.values]
            kind = _join(p[0] for p in parts)
            # Each operand as booleans (comparisons and nested and/or give
            # them directly, without a round trip through 0.0/1.0).
            tests = _aligned([(k, _test_of(f)) for k, f in parts])
            # Fold pairwise so that operands of different shapes broadcast
            # (a constant has shape (1,), a quantity (R,), a filter (R, N)).
            combine = np.logical_and if isinstance(node.op, ast.And) else np.logical_or

            def both(env: Env) -> Test:
                result = tests[0](env)
                for g in tests[1:]:
                    result = _elementwise(combine, result, g(env))
                return result

            return kind, _Boolean(both)
        if isinstance(node, ast.UnaryOp):
            kind, f = self.compile(node.operand, d)
            if isinstance(node.op, ast.Not):
                held = _test_of(f)
                return kind, _Boolean(lambda env: np.logical_not(held(env)))
            if isinstance(node.op, ast.USub):
                return kind, lambda env: -f(env)
            if isinstance(node.op, ast.UAdd):
                return kind, f
            raise self.fail(words("problem.expr.unary"), node)
        if isinstance(node, ast.BinOp):
            op = _BINARY.get(type(node.op))
            if op is None:
                symbol = "**" if isinstance(node.op, ast.Pow) else type(node.op).__name__
                raise self.fail(words("problem.expr.operator", symbol=symbol), node)
            sides = [self.compile(node.left, d), self.compile(node.right, d)]
            lf, rf = _aligned(sides)
            return _join(k for k, _ in sides), lambda env: op(lf(env), rf(env))
        if isinstance(node, ast.Compare):
            parts = [self.compile(node.left, d)] + [self.compile(c, d) for c in node.comparators]
            ops = []
            for o in node.ops:
                fn = _COMPARE.get(type(o))
                if fn is None:
                    raise self.fail(words("problem.expr.compare"), node)
                ops.append(fn)
            kind = _join(p[0] for p in parts)
            fns = _aligned(parts)
            if len(ops) == 1:
                first, left, right = ops[0], fns[0], fns[1]
                return kind, _Boolean(lambda env: first(left(env), right(env)))

            def chained(env: Env) -> Test:
                values = [f(env) for f in fns]
                result = ops[0](values[0], values[1])
                for i in range(1, len(ops)):
                    result = result & ops[i](values[i], values[i + 1])
                return result

            return kind, _Boolean(chained)
        if isinstance(node, ast.Call):
            return self._call(node, d)
        if isinstance(node, ast.IfExp):
            raise self.fail(words("problem.expr.if_else"), node)
        if isinstance(node, ast.Subscript):
            raise self.fail(words("problem.expr.subscript"), node)
        if isinstance(node, ast.Lambda):
            raise self.fail(words("problem.expr.lambda"), node)
        if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
            raise self.fail(words("problem.expr.comprehension"), node)
        raise self.fail(words("problem.expr.not_allowed", what=type(node).__name__), node)

    def _constant(self, node: ast.Constant) -> tuple[Kind, Evaluator]:
        value = node.value
        if isinstance(value, bool) or (isinstance(value, int | float) and not isinstance(value, complex)):
            try:
                number = float(value)
            except OverflowError:  # an integer literal too large for a float
                raise self.fail(words("problem.expr.number_large"), node) from None
            if not np.isfinite(number):
                raise self.fail(words("problem.expr.number_finite"), node)
            return "run", lambda env: np.full(1, number)
        if isinstance(value, str):
            raise self.fail(words("problem.expr.text"), node)
        raise self.fail(words("problem.expr.value", value=repr(value)), node)

    def _name(self, node: ast.Name) -> tuple[Kind, Evaluator]:
        name = node.id
        if name.startswith("__"):
            raise self.fail(words("problem.expr.not_allowed", what=name), node)
        if name in ("true", "True"):
            return "run", lambda env: np.ones(1)
        if name in ("false", "False"):
            return "run", lambda env: np.zeros(1)
        if name in SCALARS:
            self.refs.add(("", name))
            return "run", lambda env: env.scalar(name)
        if name in STAKEHOLDER_NAMESPACES:
            self.refs.add((name, "*"))
            return "each", lambda env: env.vector(name)
        if name in FUNCTIONS:
            raise self.fail(words("problem.expr.function", name=name), node)
        known = (*SCALARS, *STAKEHOLDER_NAMESPACES, "true", "false")
        hint: Words | str
        if name in self.names.stakeholders:
            hint = words("problem.expr.hint.stakeholder", name=name)
        elif name in self.names.metrics:
            hint = words("problem.did_you_mean", option=f"metric.{name}")
        elif name in self.names.programmes:
            hint = words("problem.did_you_mean", option=f"progress.{name}")
        else:
            hint = suggestion(name, known)
        raise self.fail(words("problem.expr.unknown_name", name=name, hint=hint), node)

    def _quantity(self, node: ast.Attribute) -> tuple[Kind, Evaluator]:
        if not isinstance(node.value, ast.Name):
            raise self.fail(words("problem.expr.attribute"), node)
        namespace, key = node.value.id, node.attr
        if key.startswith("__") or namespace.startswith("__"):
            raise self.fail(words("problem.expr.not_allowed", what=f"{namespace}.{key}"), node)
        all_ns = STAKEHOLDER_NAMESPACES + OTHER_NAMESPACES
        if namespace in RECORD_NAMESPACES:
            return self._record(node, namespace, key)
        if namespace not in all_ns:
            known = all_ns + (RECORD_NAMESPACES if self.names.record is not None else ())
            raise self.fail(words("problem.expr.unknown_namespace", namespace=namespace, key=key,
                                  known=", ".join(known), hint=suggestion(namespace, known)), node)
        if namespace in STAKEHOLDER_NAMESPACES:
            ids, what, want_target = self.names.stakeholders, "stakeholder", "stakeholder"
        elif namespace in ("progress", "dropped"):
            ids, what, want_target = self.names.programmes, "programme", "programme"
        elif namespace == "metric":
            ids, what, want_target = self.names.metrics, "metric", ""
        else:
            ids, what, want_target = (), "flag", ""
        if key == "target":
            if self.names.target != want_target or not want_target:
                raise self.fail(words("problem.expr.target", namespace=namespace,
                                      what=words(f"problem.expr.a.{what or 'thing'}")), node)
        elif namespace != "flag" and key not in ids:
            options = [*ids, "target"] if want_target and self.names.target == want_target else list(ids)
            raise self.fail(words("problem.expr.no_such", namespace=namespace, key=key,
                                  what=words(f"problem.expr.kind.{what}"), hint=suggestion(key, options)), node)
        self.refs.add((namespace, key))
        return "run", lambda env: env.column(namespace, key)

    def _record(self, node: ast.Attribute, namespace: str, key: str) -> tuple[Kind, Evaluator]:
        """``taken.ACTION`` and the like: what the player did, in a debrief question's condition."""
        record = self.names.record
        if record is None:
            raise self.fail(words("problem.expr.record", namespace=namespace, key=key), node)
        ids = record.get(namespace, ())
        if key not in ids:
            what = {"taken": "action", "can": "action", "chose": "event", "ending": "ending"}.get(namespace, "move")
            raise self.fail(words("problem.expr.no_such", namespace=namespace, key=key,
                                  what=words(f"problem.expr.kind.{what}"), hint=suggestion(key, ids)), node)
        self.refs.add((namespace, key))
        return "run", lambda env: env.column(namespace, key)

    def _call(self, node: ast.Call, depth: int) -> tuple[Kind, Evaluator]:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            shown = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            if len(shown) > 40:
                shown = shown[:37] + "..."
            raise self.fail(words("problem.expr.call", name=shown, functions=", ".join(FUNCTIONS)), node)
        if node.keywords:
            raise self.fail(words("problem.expr.keywords"), node)
        name = node.func.id
        args = [self.compile(a, depth) for a in node.args]
        if not args:
            raise self.fail(words("problem.expr.no_arguments", name=name), node)
        kinds = [a[0] for a in args]
        fns = _aligned(args)
        reduce_one = len(args) == 1 and kinds[0] == "each"
        if name in ("mean", "wmean", "count"):
            if not reduce_one:
                raise self.fail(words("problem.expr.reduce", name=name), node)
            f = fns[0]
            if name == "mean":
                return "run", lambda env: f(env).mean(axis=-1)
            if name == "count":
                return "run", lambda env: (f(env) != 0).sum(axis=-1).astype(np.float64)

            def wmean(env: Env) -> Array:
                w = env.power()
                total = float(w.sum()) or 1.0
                result: Array = (f(env) * w).sum(axis=-1) / total
                return result

            return "run", wmean
        if name in ("min", "max"):
            if reduce_one:
                f = fns[0]
                if name == "min":
                    return "run", lambda env: f(env).min(axis=-1)
                return "run", lambda env: f(env).max(axis=-1)
            if len(args) < 2:
                raise self.fail(words("problem.expr.min_max", name=name), node)
            np_fn = np.minimum if name == "min" else np.maximum

            def pairwise(env: Env) -> Array:
                result = fns[0](env)
                for g in fns[1:]:
                    result = np_fn(result, g(env))
                return result

            return _join(kinds), pairwise
        if name == "abs":
            if len(args) != 1:
                raise self.fail(words("problem.expr.abs"), node)
            f = fns[0]
            return kinds[0], lambda env: np.abs(f(env))
        # clip
        if len(args) != 3:
            raise self.fail(words("problem.expr.clip"), node)
        fx, flo, fhi = fns
        return _join(kinds), lambda env: np.minimum(np.maximum(fx(env), flo(env)), fhi(env))


def _join(kinds: Iterable[Kind]) -> Kind:
    return "each" if "each" in list(kinds) else "run"


def _aligned(parts: Sequence[tuple[Kind, Callable[[Env], _V]]]) -> list[Callable[[Env], _V]]:
    """The evaluators of a node's children, shaped to combine.

    Per-stakeholder values have shape (R, N) and per-run ones (R,) (a constant
    (1,)). Where both meet, each per-run value becomes a column (R, 1) (or
    (1, 1)), so it applies to every stakeholder of its own run instead of
    lining up with the stakeholder axis."""
    if all(kind == "run" for kind, _ in parts) or all(kind == "each" for kind, _ in parts):
        return [f for _, f in parts]
    return [f if kind == "each" else _as_column(f) for kind, f in parts]


def _as_column(f: Callable[[Env], _V]) -> Callable[[Env], _V]:
    def column(env: Env) -> _V:
        out: _V = np.reshape(f(env), (-1, 1))
        return out

    return column


def compile_expression(text: str | float | int | bool, names: Names) -> Compiled:
    """Check an expression against the names in scope and compile it.

    A plain number (as YAML gives for ``probability: 0.3``) compiles to a
    constant. Raises :class:`ExpressionError` with an offset into the text.
    """
    if isinstance(text, bool | int | float):
        number = float(text)
        return Compiled(str(text), "run", frozenset(), lambda env: np.full(1, number))
    tree = parse(text)
    leading = len(text) - len(text.lstrip())
    compiler = _Compiler(one_line(text).strip(), names)
    try:
        kind, fn = compiler.compile(tree.body)
    except ExpressionError as exc:
        raise ExpressionError(exc.words or exc.message, exc.offset + leading) from None
    if kind == "each" and not names.each:
        raise ExpressionError(words("problem.expr.per_stakeholder"), leading)
    return Compiled(text, kind, frozenset(compiler.refs), fn, compiler.count)


def check(text: str | float | int | bool, names: Names) -> ExpressionError | None:
    """The problem with an expression, or None when it is fine."""
    try:
        compile_expression(text, names)
    except ExpressionError as exc:
        return exc
    return None
