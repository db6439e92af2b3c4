"""Compiled effects: masked array operations on a State.

Each effect compiles to an :class:`Op` whose ``apply(ctx, mask)`` changes only
the runs where ``mask`` is true, so different runs of one batch can take
different decisions in the same turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

from game.scenario.expressions import Compiled
from game.sim import random as rnd
from game.sim.env import BatchEnv, RowsEnv, StateEnv
from game.sim.state import State

if TYPE_CHECKING:
    from game.sim.compiled import CompiledScenario

F64 = NDArray[np.float64]
B = NDArray[np.bool_]

Quantity = Literal["trust", "support", "metric", "progress", "grievance"]


@dataclass(frozen=True)
class Contribution:
    """One reason a number moved this turn, for the player's "why" feed.

    ``quantity`` is trust, support, metric, progress or grievance; ``key`` the
    stakeholder, metric or programme id; ``source`` an action id, an event id
    or a rule name (influence, advocacy, anchor, drift, scar, resistance,
    forgiveness, coalition, management, disruption, benefit, relationships,
    noise), or ``events`` for engagement and pushes chosen in last turn's
    events; ``delta`` the change it made.
    """

    quantity: Quantity
    key: str
    source: str
    delta: float


@dataclass
class Ctx:
    """Where effects write: the state, this turn's engagement and pushes, and
    (for run 0, when explaining) the reasons."""

    cs: CompiledScenario
    state: State
    signal: F64  # (R, N) engagement signal gathered this turn
    push: F64  # (R, K) driving force gathered this turn
    source: str = ""
    target: int = -1
    explain: list[Contribution] | None = None
    signal_sources: dict[str, F64] = field(default_factory=dict)  # run 0 only
    push_sources: dict[str, F64] = field(default_factory=dict)  # run 0 only

    def env(self) -> StateEnv:
        return BatchEnv(self.cs, self.state, self.target)


class Op:
    """A compiled effect."""

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        """Change the runs in ``mask`` (``rows``: their indices, never empty)."""
        raise NotImplementedError


def apply_all(
    ops: Sequence[Op], ctx: Ctx, mask: B, rows: NDArray[np.intp] | None = None
) -> NDArray[np.intp] | None:
    """Apply a list of effects to the runs in ``mask`` (``rows``: their
    indices, when the caller has them); returns their indices (None when
    there are no effects)."""
    if not ops:
        return None
    if rows is None:
        rows = np.flatnonzero(mask)
    if rows.size:
        for op in ops:
            op.apply(ctx, mask, rows)
    return rows


class Selector:
    """Which stakeholders an effect touches: as a mask (R, N) or (1, N), and
    as fixed columns when they are the same in every run."""

    def __call__(self, ctx: Ctx) -> B:
        raise NotImplementedError

    def at(self, ctx: Ctx, rows: NDArray[np.intp]) -> B:
        """The mask for the runs ``rows`` only: (len(rows), N), or (1, N) when
        it is the same in every run."""
        who = self(ctx)
        out: B = who if who.shape[0] == 1 else who[rows]
        return out

    def columns(self, ctx: Ctx) -> NDArray[np.intp] | None:
        """The stakeholders touched in every run, or None when it varies by run."""
        return None


class Fixed(Selector):
    """The same stakeholders in every run (``all`` or one id)."""

    def __init__(self, n: int, columns: Sequence[int]) -> None:
        self.mask = np.zeros((1, n), dtype=bool)
        self.mask[0, list(columns)] = True
        self.cols = np.asarray(columns, dtype=np.intp)

    def __call__(self, ctx: Ctx) -> B:
        return self.mask

    def columns(self, ctx: Ctx) -> NDArray[np.intp] | None:
        return self.cols


class Target(Selector):
    """The stakeholder the action targets."""

    def __init__(self, n: int) -> None:
        self.masks = np.eye(n, dtype=bool)[:, None, :]
        self.cols = [np.array([i], dtype=np.intp) for i in range(n)]

    def __call__(self, ctx: Ctx) -> B:
        out: B = self.masks[ctx.target]
        return out

    def columns(self, ctx: Ctx) -> NDArray[np.intp] | None:
        return self.cols[ctx.target]


class Filter(Selector):
    """The stakeholders a `where` condition picks, run by run. ``pick(ctx,
    rows)`` evaluates it for the runs ``rows`` (every run when None)."""

    def __init__(self, pick: Callable[[Ctx, NDArray[np.intp] | None], B]) -> None:
        self.pick = pick

    def __call__(self, ctx: Ctx) -> B:
        return self.pick(ctx, None)

    def at(self, ctx: Ctx, rows: NDArray[np.intp]) -> B:
        return self.pick(ctx, rows)


@dataclass
class StakeholderOp(Op):
    quantity: Literal["trust", "support"]
    who: Selector
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        s = ctx.state
        arr = s.trust if self.quantity == "trust" else s.support
        before = arr[0].copy() if ctx.explain is not None else None
        fixed = self.who.columns(ctx)
        if fixed is not None and fixed.size == 1:
            # One stakeholder in every run: a column of the chosen runs.
            # (Indexing a column's view by rows: cheaper than indexing by (rows, c).)
            c = int(fixed[0])
            column = arr[:, c]
            new = column[rows]
            if self.by is not None:
                new += self.by
            else:
                new[:] = float(self.to or 0.0)
            top = 1.0 - s.scar[:, c][rows] if self.quantity == "trust" else 1.0
            np.clip(new, 0.0, top, out=new)
            column[rows] = new
        else:
            if fixed is None:
                sel = self.who.at(ctx, rows)
                cols = np.flatnonzero(sel.any(axis=0))
                sel = sel[:, cols]
            else:
                cols, sel = fixed, np.ones((1, fixed.size), dtype=bool)
            if cols.size == 0:
                return
            # Only the chosen runs and the targeted stakeholders change (every other
            # cell already lies within its bounds), so work on that block alone.
            block = np.ix_(rows, cols)
            old = arr[block]
            if self.by is not None:
                new = old + np.where(sel, self.by, 0.0)
            else:
                new = np.where(sel, float(self.to or 0.0), old)
            upper = 1.0 - s.scar[block] if self.quantity == "trust" else 1.0
            np.clip(new, 0.0, upper, out=new)
            arr[block] = new
        if before is not None and ctx.explain is not None:
            _record(ctx, self.quantity, ctx.cs.stakeholders, arr[0] - before)


@dataclass
class RedLineOp(Op):
    """Break or draw red lines (§4); the player learns of the change."""

    who: Selector
    holds: bool

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        s = ctx.state
        fixed = self.who.columns(ctx)
        if fixed is not None:
            block = np.ix_(rows, fixed)
            s.red_line[block] = self.holds
            s.revealed[block] = True
            return
        sel = self.who.at(ctx, rows)
        s.red_line[rows] = np.where(sel, self.holds, s.red_line[rows])
        s.revealed[rows] |= sel


@dataclass
class MetricOp(Op):
    index: int
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        cs, y = ctx.cs, ctx.state.metrics
        before = float(y[0, self.index])
        column = y[:, self.index]
        col = column[rows]
        new = col + self.by if self.by is not None else np.full_like(col, float(self.to or 0.0))
        column[rows] = np.clip(new, cs.metric_min[self.index], cs.metric_max[self.index])
        if ctx.explain is not None:
            _record_one(ctx, "metric", cs.metrics[self.index], float(y[0, self.index]) - before)


@dataclass
class ProgressOp(Op):
    index: int  # -1: the action's target programme
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        k = ctx.target if self.index < 0 else self.index
        c = ctx.state.progress
        before = float(c[0, k])
        column = c[:, k]
        col = column[rows]
        new = col + self.by if self.by is not None else np.full_like(col, float(self.to or 0.0))
        # An abandoned programme stays where it was dropped.
        column[rows] = np.where(ctx.state.dropped[rows, k], col, np.clip(new, 0.0, 1.0))
        if ctx.explain is not None:
            _record_one(ctx, "progress", ctx.cs.programmes[k], float(c[0, k]) - before)


@dataclass
class FlagOp(Op):
    index: int
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        f = ctx.state.flags
        col = f[rows, self.index]
        f[rows, self.index] = col + self.by if self.by is not None else float(self.to or 0.0)


@dataclass
class ChanceOp(Op):
    node: int
    p: Compiled
    then: list[Op]
    otherwise: list[Op]

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        s = ctx.state
        # Only the runs in ``mask`` need the probability and the die (the die of
        # run r is uniforms(seed, turn, CHANCE, index, 1)[r, 0]).
        p = np.asarray(self.p(RowsEnv(ctx.cs, s, rows, ctx.target)), dtype=np.float64)
        key = rnd.stream_keys(s.seeds[rows], s.turn, rnd.Purpose.CHANCE, self.node * 4096 + ctx.target + 1)
        if p.size == 1:
            # The same chance in every run: compared on the draws' bits.
            hit = rnd.column_below(key, 0, float(p.reshape(-1)[0]))
        else:
            hit = rnd.column(key, 0) < np.broadcast_to(p, rows.shape)
        for ops, chosen in ((self.then, hit), (self.otherwise, ~hit)):
            if ops:
                picked = rows[chosen]
                where = np.zeros(s.runs, dtype=bool)
                where[picked] = True
                apply_all(ops, ctx, where, picked)


@dataclass
class AfterOp(Op):
    turns: int
    slot_base: int
    per_target: bool

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        s = ctx.state
        slot = self.slot_base + (max(ctx.target, 0) if self.per_target else 0)
        row = (s.turn + self.turns) % s.queue.shape[1]
        s.queue[:, row, slot] += mask.astype(np.uint8)


@dataclass
class ForceOp(Op):
    index: int  # -1: the action's target programme
    strength: float

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        k = ctx.target if self.index < 0 else self.index
        column = ctx.push[:, k]
        column[rows] += self.strength
        if ctx.explain is not None and mask[0]:
            acc = ctx.push_sources.setdefault(ctx.source, np.zeros(len(ctx.cs.programmes)))
            acc[k] += self.strength


@dataclass
class DropOp(Op):
    """Abandon a programme for the rest of the game (§5)."""

    index: int  # -1: the action's target programme

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        k = ctx.target if self.index < 0 else self.index
        ctx.state.dropped[rows, k] = True


@dataclass
class EngageOp(Op):
    who: Selector
    strength: float

    def apply(self, ctx: Ctx, mask: B, rows: NDArray[np.intp]) -> None:
        fixed = self.who.columns(ctx)
        if fixed is not None and fixed.size == 1:
            column = ctx.signal[:, int(fixed[0])]
            column[rows] += self.strength
        elif fixed is not None and fixed.size == ctx.signal.shape[1]:
            ctx.signal[rows] += self.strength
        else:
            ctx.signal[rows] += np.where(self.who.at(ctx, rows), self.strength, 0.0)
        if ctx.explain is not None and mask[0]:
            acc = ctx.signal_sources.setdefault(ctx.source, np.zeros(len(ctx.cs.stakeholders)))
            acc += np.where(self.who(ctx)[0], self.strength, 0.0)


def _record(ctx: Ctx, quantity: Quantity, keys: Sequence[str], delta: F64) -> None:
    assert ctx.explain is not None
    for i in np.flatnonzero(np.abs(delta) > 1e-12):
        ctx.explain.append(Contribution(quantity, keys[int(i)], ctx.source, float(delta[i])))


def _record_one(ctx: Ctx, quantity: Quantity, key: str, delta: float) -> None:
    assert ctx.explain is not None
    if abs(delta) > 1e-12:
        ctx.explain.append(Contribution(quantity, key, ctx.source, delta))


def carried_cells(ops: Sequence[Op]) -> list[tuple[str, int]] | None:
    """The (signal or push, column) cells a list of effects can add to, once
    per engage or force effect that may touch them (both branches of a
    chance counted), or None when that is not known before the game (a
    `where` filter, a target) or an effect adds a zero."""
    cells: list[tuple[str, int]] = []
    for op in ops:
        if isinstance(op, EngageOp):
            if not isinstance(op.who, Fixed) or op.strength == 0:
                return None
            cells += [("signal", int(c)) for c in op.who.cols]
        elif isinstance(op, ForceOp):
            if op.index < 0 or op.strength == 0:
                return None
            cells.append(("push", op.index))
        elif isinstance(op, ChanceOp):
            for branch in (op.then, op.otherwise):
                inner = carried_cells(branch)
                if inner is None:
                    return None
                cells += inner
    return cells


def contains(ops: Sequence[Op], kind: type[Op]) -> bool:
    """Whether a list of effects holds an effect of ``kind``, however nested."""
    for op in ops:
        if isinstance(op, kind):
            return True
        if isinstance(op, ChanceOp) and (contains(op.then, kind) or contains(op.otherwise, kind)):
            return True
    return False
