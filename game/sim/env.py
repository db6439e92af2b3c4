"""Expression values read from a State: the ``Env`` that compiled expressions evaluate over.

Run-level values have shape (R,), per-stakeholder values (R, N).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from game.scenario.expression_compiler import holds
from game.scenario.expressions import Compiled, parse
from game.sim.state import State

if TYPE_CHECKING:
    from game.sim.compiled import CompiledScenario

F64 = NDArray[np.float64]
B = NDArray[np.bool_]


class StateEnv:
    """Expression values read from a State (see ``expressions.Env``)."""

    def __init__(self, cs: CompiledScenario, state: State, target: int = -1) -> None:
        self.cs = cs
        self.state = state
        self.target = target

    def scalar(self, name: str) -> F64:
        if name == "system":
            return self.cs.system(self.state.metrics)
        value = self.state.turn if name == "turn" else self.cs.turns
        return np.full(self.state.runs, float(value))

    def _array(self, namespace: str) -> F64:
        s = self.state
        if namespace == "trust":
            return s.trust
        if namespace == "support":
            return s.support
        if namespace == "grievance":
            return s.grievance
        if namespace == "blocked":
            return s.blocked.astype(np.float64)
        if namespace == "progress":
            return s.progress
        if namespace == "dropped":
            return s.dropped.astype(np.float64)
        if namespace == "metric":
            return s.metrics
        if namespace == "flag":
            return s.flags
        static = self.cs.static_vectors[namespace]
        return np.broadcast_to(static, (s.runs, static.shape[0]))

    def column(self, namespace: str, key: str) -> F64:
        static = self.cs.static_vectors.get(namespace)
        if static is not None:
            index = self.target if key == "target" else self.cs.index_of(namespace, key)
            return np.full(self.state.runs, static[index])
        if key == "target":
            index = self.target
        elif namespace == "flag":
            found = self.cs.flag_index.get(key)
            if found is None:
                return np.zeros(self.state.runs)
            index = found
        else:
            index = self.cs.index_of(namespace, key)
        return self._array(namespace)[:, index]

    def vector(self, namespace: str) -> F64:
        # Row-major, so reductions over stakeholders add up each row in the same order.
        out: F64 = np.ascontiguousarray(self._array(namespace))
        return out

    def power(self) -> F64:
        return self.cs.power


class BatchEnv(StateEnv):
    """A StateEnv for whole batches: values that are the same in every run (the
    turn, the scenario's length, static stakeholder attributes) come back once,
    shape (1,), and broadcast against per-run values, so conditions such as
    ``turn >= 4`` cost one element instead of one per run. Use it only where the
    result goes through ``truth``, ``np.broadcast_to`` or arithmetic with
    per-run values (never indexed by run)."""

    def scalar(self, name: str) -> F64:
        if name == "system":
            return self.cs.system(self.state.metrics)
        value = self.state.turn if name == "turn" else self.cs.turns
        return np.full(1, float(value))

    def column(self, namespace: str, key: str) -> F64:
        static = self.cs.static_vectors.get(namespace)
        if static is not None:
            index = self.target if key == "target" else self.cs.index_of(namespace, key)
            return np.full(1, static[index])
        if namespace == "flag" and key not in self.cs.flag_index:
            return np.zeros(1)
        return super().column(namespace, key)


class RowsEnv(BatchEnv):
    """A BatchEnv over some runs only (``rows``, indices into the state): a
    per-run value has one entry per row. Each run's value is computed from its
    own numbers alone, so it equals that run's entry over the whole batch."""

    def __init__(self, cs: CompiledScenario, state: State, rows: NDArray[np.intp], target: int = -1) -> None:
        super().__init__(cs, state, target)
        self.rows = rows

    def _array(self, namespace: str) -> F64:
        static = self.cs.static_vectors.get(namespace)
        if static is not None:
            return np.broadcast_to(static, (self.rows.shape[0], static.shape[0]))
        out: F64 = super()._array(namespace)[self.rows]
        return out

    def scalar(self, name: str) -> F64:
        if name == "system":
            return self.cs.system(self.state.metrics[self.rows])
        return super().scalar(name)

    def column(self, namespace: str, key: str) -> F64:
        if namespace in self.cs.static_vectors or (namespace == "flag" and key not in self.cs.flag_index):
            return super().column(namespace, key)
        # One column of the whole batch, then its rows (not every column's rows).
        out: F64 = StateEnv(self.cs, self.state, self.target).column(namespace, key)[self.rows]
        return out


def truth(value: F64, runs: int) -> B:
    """An expression value as one boolean per run."""
    flags: B = np.asarray(value) != 0
    if flags.shape == (runs,):
        return flags
    return np.broadcast_to(flags, (runs,)).copy()


def holds_in(expr: Compiled, env: StateEnv, runs: int) -> B:
    """``truth(expr(env), runs)``: where a condition holds, one boolean per run."""
    flags: B = holds(expr, env)
    if flags.shape == (runs,):
        return flags
    return np.broadcast_to(flags, (runs,)).copy()


class TargetEnv:
    """Evaluates an action's availability for all its targets at once.

    Per-run values have shape (R, 1) and ``<quantity>.target`` has shape
    (R, T), one column per target in option order, so the result is (R, T).
    Only for expressions without function calls (whose reductions would
    need the stakeholder axis).
    """

    def __init__(self, cs: CompiledScenario, state: State) -> None:
        # Values the same in every run come back once, shape (1, 1) or (1, T),
        # and broadcast against the per-run ones.
        self.base = BatchEnv(cs, state)

    def scalar(self, name: str) -> F64:
        return self.base.scalar(name)[:, None]

    def column(self, namespace: str, key: str) -> F64:
        if key == "target":
            static = self.base.cs.static_vectors.get(namespace)
            if static is not None:
                return static[None, :]
            # Used as it is stored: these expressions have no reductions.
            return self.base._array(namespace)
        return self.base.column(namespace, key)[:, None]

    def vector(self, namespace: str) -> F64:  # pragma: no cover - excluded by `vectorisable`
        raise NotImplementedError

    def power(self) -> F64:
        return self.base.power()


def vectorisable(text: str) -> bool:
    """Whether an availability condition can use :class:`TargetEnv`."""
    return not any(isinstance(node, ast.Call) for node in ast.walk(parse(text)))


def where_value(expr: Compiled, env: StateEnv) -> NDArray[np.bool_]:
    """A `where` filter's value as booleans, (R, N) or (R, 1) for a per-run filter."""
    value = np.asarray(expr(env))
    if value.ndim == 1:
        value = value[:, None]
    out: NDArray[np.bool_] = value != 0
    return out
