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
from game.sim.env import StateEnv
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
        return StateEnv(self.cs, self.state, self.target)


class Op:
    """A compiled effect."""

    def apply(self, ctx: Ctx, mask: B) -> None:
        raise NotImplementedError


def apply_all(ops: Sequence[Op], ctx: Ctx, mask: B) -> None:
    """Apply a list of effects to the runs in ``mask``."""
    if not ops or not mask.any():
        return
    for op in ops:
        op.apply(ctx, mask)


Selector = Callable[[Ctx], NDArray[np.bool_]]  # (R, N) or (1, N)


@dataclass
class StakeholderOp(Op):
    quantity: Literal["trust", "support"]
    who: Selector
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B) -> None:
        s = ctx.state
        arr = s.trust if self.quantity == "trust" else s.support
        rows = np.flatnonzero(mask)
        if rows.size == 0:
            return
        who = self.who(ctx)
        sel = who if who.shape[0] == 1 else who[rows]
        cols = np.flatnonzero(sel.any(axis=0))
        if cols.size == 0:
            return
        # Only the chosen runs and the targeted stakeholders change (every other
        # cell already lies within its bounds), so work on that block alone.
        sel = sel[:, cols]
        block = np.ix_(rows, cols)
        before = arr[0].copy() if ctx.explain is not None else None
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
class MetricOp(Op):
    index: int
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B) -> None:
        cs, y = ctx.cs, ctx.state.metrics
        before = float(y[0, self.index])
        rows = np.flatnonzero(mask)
        col = y[rows, self.index]
        new = col + self.by if self.by is not None else np.full_like(col, float(self.to or 0.0))
        y[rows, self.index] = np.clip(new, cs.metric_min[self.index], cs.metric_max[self.index])
        if ctx.explain is not None:
            _record_one(ctx, "metric", cs.metrics[self.index], float(y[0, self.index]) - before)


@dataclass
class ProgressOp(Op):
    index: int  # -1: the action's target programme
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B) -> None:
        k = ctx.target if self.index < 0 else self.index
        c = ctx.state.progress
        before = float(c[0, k])
        rows = np.flatnonzero(mask)
        col = c[rows, k]
        new = col + self.by if self.by is not None else np.full_like(col, float(self.to or 0.0))
        c[rows, k] = np.clip(new, 0.0, 1.0)
        if ctx.explain is not None:
            _record_one(ctx, "progress", ctx.cs.programmes[k], float(c[0, k]) - before)


@dataclass
class FlagOp(Op):
    index: int
    by: float | None
    to: float | None

    def apply(self, ctx: Ctx, mask: B) -> None:
        f = ctx.state.flags
        rows = np.flatnonzero(mask)
        col = f[rows, self.index]
        f[rows, self.index] = col + self.by if self.by is not None else float(self.to or 0.0)


@dataclass
class ChanceOp(Op):
    node: int
    p: Compiled
    then: list[Op]
    otherwise: list[Op]

    def apply(self, ctx: Ctx, mask: B) -> None:
        s = ctx.state
        p = np.broadcast_to(self.p(ctx.env()), (s.runs,))
        u = rnd.uniforms(s.seeds, s.turn, rnd.Purpose.CHANCE, self.node * 4096 + ctx.target + 1, 1)[:, 0]
        hit = u < p
        apply_all(self.then, ctx, mask & hit)
        apply_all(self.otherwise, ctx, mask & ~hit)


@dataclass
class AfterOp(Op):
    turns: int
    slot_base: int
    per_target: bool

    def apply(self, ctx: Ctx, mask: B) -> None:
        s = ctx.state
        slot = self.slot_base + (max(ctx.target, 0) if self.per_target else 0)
        row = (s.turn + self.turns) % s.queue.shape[1]
        s.queue[:, row, slot] += mask.astype(np.uint8)


@dataclass
class ForceOp(Op):
    index: int  # -1: the action's target programme
    strength: float

    def apply(self, ctx: Ctx, mask: B) -> None:
        k = ctx.target if self.index < 0 else self.index
        ctx.push[mask, k] += self.strength
        if ctx.explain is not None and mask[0]:
            acc = ctx.push_sources.setdefault(ctx.source, np.zeros(len(ctx.cs.programmes)))
            acc[k] += self.strength


@dataclass
class EngageOp(Op):
    who: Selector
    strength: float

    def apply(self, ctx: Ctx, mask: B) -> None:
        rows = np.flatnonzero(mask)
        if rows.size == 0:
            return
        who = self.who(ctx)
        sel = who if who.shape[0] == 1 else who[rows]
        add = np.where(sel, self.strength, 0.0)
        ctx.signal[rows] += add
        if ctx.explain is not None and mask[0]:
            acc = ctx.signal_sources.setdefault(ctx.source, np.zeros(len(ctx.cs.stakeholders)))
            acc += add[0]


def _record(ctx: Ctx, quantity: Quantity, keys: Sequence[str], delta: F64) -> None:
    assert ctx.explain is not None
    for i in np.flatnonzero(np.abs(delta) > 1e-12):
        ctx.explain.append(Contribution(quantity, keys[int(i)], ctx.source, float(delta[i])))


def _record_one(ctx: Ctx, quantity: Quantity, key: str, delta: float) -> None:
    assert ctx.explain is not None
    if abs(delta) > 1e-12:
        ctx.explain.append(Contribution(quantity, key, ctx.source, delta))


def contains(ops: Sequence[Op], kind: type[Op]) -> bool:
    """Whether a list of effects holds an effect of ``kind``, however nested."""
    for op in ops:
        if isinstance(op, kind):
            return True
        if isinstance(op, ChanceOp) and (contains(op.then, kind) or contains(op.otherwise, kind)):
            return True
    return False
