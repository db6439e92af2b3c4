"""The player's "why did this number move" feed: contributions for run 0."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.sim import sums
from game.sim.effects import Contribution, Ctx, Quantity

F64 = NDArray[np.float64]


def note(notes: list[Contribution], quantity: Quantity, keys: Sequence[str], source: str, delta: F64) -> None:
    """Add one contribution per key whose value moved."""
    for i in np.flatnonzero(np.abs(delta) > 1e-12):
        notes.append(Contribution(quantity, keys[int(i)], source, float(delta[i])))


def share_signal(ctx: Ctx, notes: list[Contribution], delta: F64, support: F64) -> None:
    """Share the trust moved by this turn's signal (run 0) among its sources,
    in proportion to each source's part of the signal."""
    cs = ctx.cs
    sources: dict[str, F64] = {k: v.copy() for k, v in ctx.signal_sources.items()}
    for source, push in ctx.push_sources.items():
        felt = -sums.combine(push[None, :], cs.affects.T)[0] * (1.0 - support)
        sources[source] = sources.get(source, np.zeros(len(cs.stakeholders))) + felt
    pos = sum((np.maximum(v, 0.0) for v in sources.values()), np.zeros_like(delta))
    neg = sum((np.maximum(-v, 0.0) for v in sources.values()), np.zeros_like(delta))
    total = pos + neg
    for source, v in sources.items():
        share = np.divide(np.abs(v), total, out=np.zeros_like(delta), where=total > 0)
        note(notes, "trust", cs.stakeholders, source, delta * share)
