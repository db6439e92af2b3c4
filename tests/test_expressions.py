"""The expression language: what it accepts, what it refuses (and where), and
what it computes over a small batch of runs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from game.scenario.expression_compiler import check, compile_expression
from game.scenario.expressions import MAX_LENGTH, ExpressionError, Names, parse
from tests.strategies import expressions, junk_text

STAKEHOLDERS = ("hospital", "gps", "council")
NAMES = Names(stakeholders=STAKEHOLDERS, programmes=("merger",), metrics=("finance",))


class Batch:
    """Three runs of a three-stakeholder system, each quantity different per run."""

    def __init__(self) -> None:
        self.turn = np.array([1.0, 4.0, 8.0])
        self.vectors = {
            "trust": np.array([[0.2, 0.5, 0.8], [0.4, 0.4, 0.4], [0.9, 0.1, 0.5]]),
            "support": np.array([[0.1, 0.2, 0.3], [0.6, 0.7, 0.8], [0.5, 0.5, 0.5]]),
            "grievance": np.zeros((3, 3)),
        }
        self.columns = {("progress", "merger"): np.array([0.0, 0.5, 1.0]),
                        ("metric", "finance"): np.array([-5.0, 0.0, 2.0]),
                        ("flag", "forced"): np.array([0.0, 1.0, 0.0])}
        self.weights = np.array([0.5, 0.3, 0.2])

    def scalar(self, name: str) -> NDArray[np.float64]:
        return self.turn if name == "turn" else np.full(3, 12.0)

    def column(self, namespace: str, key: str) -> NDArray[np.float64]:
        if namespace in self.vectors:
            return self.vectors[namespace][:, STAKEHOLDERS.index(key)]
        if namespace == "power":
            return np.full(3, self.weights[STAKEHOLDERS.index(key)])
        return self.columns[(namespace, key)]

    def vector(self, namespace: str) -> NDArray[np.float64]:
        if namespace == "power":
            return np.tile(self.weights, (3, 1))
        return self.vectors[namespace]

    def power(self) -> NDArray[np.float64]:
        return self.weights


ENV = Batch()


def value(text: str, names: Names = NAMES) -> list[float]:
    result = compile_expression(text, names)(ENV)
    return [float(x) for x in np.broadcast_to(result, (3,))]


# --------------------------------------------------------------------------
# Accepted, and what it computes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", [1, 1, 1]),
        ("False", [0, 0, 0]),
        ("turn >= 4", [0, 1, 1]),
        ("turns - turn", [11, 8, 4]),
        ("trust.hospital", [0.2, 0.4, 0.9]),
        ("progress.merger * 2 + 1", [1, 2, 3]),
        ("metric.finance < 0 or flag.forced", [1, 1, 0]),
        ("not flag.forced", [1, 0, 1]),
        ("-metric.finance", [5, 0, -2]),
        ("1 < turn <= 4", [0, 1, 0]),
        ("mean(trust)", [0.5, 0.4, 0.5]),
        ("min(trust)", [0.2, 0.4, 0.1]),
        ("max(support)", [0.3, 0.8, 0.5]),
        ("count(trust >= 0.5)", [2, 0, 2]),
        ("wmean(trust)", [0.2 * 0.5 + 0.5 * 0.3 + 0.8 * 0.2, 0.4, 0.9 * 0.5 + 0.1 * 0.3 + 0.5 * 0.2]),
        ("min(turn, 3)", [1, 3, 3]),
        ("max(turn, 2, metric.finance)", [2, 4, 8]),
        ("abs(metric.finance)", [5, 0, 2]),
        ("clip(metric.finance, -1, 1)", [-1, 0, 1]),
        ("metric.finance / progress.merger", [0, 0, 2]),  # division by zero gives 0
        ("flag.forced == 1", [0, 1, 0]),
        ("turn > 1 and true", [0, 1, 1]),
        ("(turn) or (0)", [1, 1, 1]),
        ("  turn > 1  ", [0, 1, 1]),
        ("turn >= 4 and\n  trust.gps < 0.3", [0, 0, 1]),
    ],
)
def test_accepted_expressions_compute_per_run(text: str, expected: list[float]) -> None:
    assert value(text) == pytest.approx(expected)


def test_a_number_compiles_to_a_constant() -> None:
    compiled = compile_expression(0.25, NAMES)
    assert compiled.kind == "run" and compiled.references == frozenset()
    assert float(compiled(ENV)[0]) == 0.25


def test_references_are_recorded() -> None:
    compiled = compile_expression("trust.gps > 0.5 and flag.forced and mean(support) > turn", NAMES)
    assert compiled.references == {("trust", "gps"), ("flag", "forced"), ("support", "*"), ("", "turn")}


def test_target_inside_actions() -> None:
    on_stakeholder = Names(STAKEHOLDERS, ("merger",), ("finance",), target="stakeholder")
    assert compile_expression("trust.target < 0.5", on_stakeholder).references == {("trust", "target")}
    on_programme = Names(STAKEHOLDERS, ("merger",), ("finance",), target="programme")
    assert check("progress.target < 1", on_programme) is None
    assert check("trust.target < 1", on_programme) is not None


def test_each_versus_run_shapes() -> None:
    filtered = Names(STAKEHOLDERS, ("merger",), ("finance",), each=True)
    each = compile_expression("trust > 0.3 and support < 0.6", filtered)
    assert each.kind == "each"
    assert each(ENV).shape == (3, 3)
    assert each(ENV).tolist() == [[0, 1, 1], [0, 0, 0], [1, 0, 1]]
    run = compile_expression("turn > 1", filtered)
    assert run.kind == "run" and run(ENV).shape == (3,)
    with pytest.raises(ExpressionError, match="one value per stakeholder"):
        compile_expression("trust > 0.3", NAMES)


# --------------------------------------------------------------------------
# Refused, with the offset of the offending part


@pytest.mark.parametrize(
    ("text", "fragment", "offset"),
    [
        ("__import__('os')", "calling `__import__` is not allowed", 0),
        ("turn > 1 and __import__('os').system('x')", "calling `__import__('os').system` is not allowed", 13),
        ("trust.__class__", "`trust.__class__` is not allowed", 0),
        ("turn > 0 and trust.hospital.real", "only `namespace.id` is allowed", 13),
        ("lambda: 1", "`lambda` is not allowed", 0),
        ("(lambda: 1)()", "calling `lambda: 1` is not allowed", 0),
        ("9**9**9", "operator `**` is not allowed", 0),
        ("turn % 2", "operator `Mod` is not allowed", 0),
        ("trust.hospital[0]", "subscripts", 0),
        ("[t for t in trust]", "comprehensions are not allowed", 0),
        ("1 if turn else 0", "is not allowed; use a `chance` effect", 0),
        ("'yes'", "text is not allowed", 0),
        ("turn is turns", "only < <= > >= == != compare values", 0),
        ("turn in (1, 2)", "`Tuple` is not allowed", 8),
        ("trust.hospitl > 0", "there is no stakeholder `hospitl` (did you mean `hospital`?)", 0),
        ("turn > 1 and metrc.finance", "unknown quantity `metrc.finance`: `metrc` is not one of", 13),
        ("hospital > 0.5", "did you mean `trust.hospital` or `support.hospital`?", 0),
        ("finance > 0", "did you mean `metric.finance`?", 0),
        ("mean", "`mean` is a function: call it as `mean(...)`", 0),
        ("mean(turn)", "`mean` takes one per-stakeholder value", 0),
        ("min(turn)", "`min` takes two or more values", 0),
        ("clip(turn, 1)", "`clip` takes three values", 0),
        ("abs(turn, 1)", "`abs` takes one value", 0),
        ("max(turn, key=1)", "no keyword arguments", 0),
        ("turn >", "not a valid expression", 6),
        ("turn > 1 && true", "write `and` instead of `&&`", 9),
        ("turn > 1 || true", "write `or` instead of `||`", 9),
        ("turn => 3", "write `>=`", 5),
        ("turn =< 3", "write `<=`", 5),
        ("turn > 1 AND true", "in lower case", 9),
        ("!flag.forced", "write `not` instead of `!`", 0),
        ("turn = 3", "compare with `==`", 5),
        ("  turn >> 1", "operator `RShift` is not allowed", 2),
        ("turn > 1 and\n  hospitl > 1", "unknown name `hospitl`", 15),
        ("(" * 50 + "1" + ")" * 50, "nested more than", 40),
        ("max(" + ", ".join(["1"] * 310) + ")", "too large", 4 + 3 * 299),  # the 301st part
        ("1" + " + 1" * 60, "nested too deeply", 0),
        ("turn < " + "9" * 400, "this number is too large", 7),
        ("0x" + "f" * 300, "this number is too large", 0),
        ("1e999", "numbers must be finite", 0),
    ],
)
def test_refused_with_offsets(text: str, fragment: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, NAMES)
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_length_limit() -> None:
    with pytest.raises(ExpressionError, match=f"longer than {MAX_LENGTH}"):
        parse("1" * (MAX_LENGTH + 1))


# --------------------------------------------------------------------------
# Properties


@settings(max_examples=150, deadline=None)
@given(expressions(STAKEHOLDERS))
def test_generated_expressions_compile_and_evaluate_per_run(text: str) -> None:
    compiled = compile_expression(text, NAMES)
    assert compiled.kind == "run"
    result = np.broadcast_to(compiled(ENV), (3,))
    assert np.all(np.isfinite(result))


@settings(max_examples=150, deadline=None)
@given(st.one_of(junk_text, expressions(STAKEHOLDERS).map(lambda t: t[: len(t) // 2])))
def test_junk_is_refused_politely_or_accepted(text: str) -> None:
    try:
        compiled = compile_expression(text, NAMES)
    except ExpressionError as exc:
        assert 0 <= exc.offset <= max(len(text), MAX_LENGTH)
        assert exc.message
    else:
        assert np.all(np.isfinite(np.broadcast_to(compiled(ENV), (3,))))
