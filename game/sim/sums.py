"""Sums that add up the same way whatever the batch: each run's numbers are
computed in a fixed order from its own row alone, so run i of a batch equals
a single game bit for bit (no BLAS, whose order depends on the sizes).

Used by the model's rules (:mod:`game.sim.rules`), the turn, the outcomes and the policies.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]


def combine(x: F64, weights: F64) -> F64:
    """``x @ weights.T`` for x (R, J) and weights (N, J), summed term by term
    over the nonzero weights only, in a fixed order (no BLAS), so a run's
    result does not depend on R. Skipped terms are exact zeros, so the result
    equals the full sum bit for bit."""
    r = x.shape[0]
    n = weights.shape[0]
    out_t = np.zeros((n, r))
    if r == 0 or n == 0:
        return out_t.T.copy()
    x_t = np.ascontiguousarray(x.T)
    term = np.empty(r)
    for i, j in _nonzero_terms(weights):
        np.multiply(x_t[j], weights[i, j], out=term)
        out_t[i] += term
    return out_t.T


def add_combined(total: F64, x: F64, weights: F64, flip: bool = False) -> None:
    """``total += combine(1 - x if flip else x, weights)``, in place, bit for
    bit, working only on the rows of ``weights`` that have a nonzero weight
    (and the columns of ``x`` they read). ``total`` must hold no negative
    zeros, as no result of ``combine`` does (a sum that starts from +0 is
    never -0), so adding a row of exact zeros leaves it as it was."""
    terms = _nonzero_terms(weights)
    if not terms or x.shape[0] == 0:
        return
    acc = np.empty(x.shape[0])
    term = np.empty(x.shape[0])
    row = -1
    for i, j in terms:
        column = np.subtract(1.0, x[:, j], out=term) if flip else x[:, j]
        if i != row:
            if row >= 0:
                total[:, row] += acc
            row = i
            np.multiply(column, weights[i, j], out=acc)
            acc += 0.0  # (combine adds the first term to 0: a negative zero becomes +0)
        else:
            np.multiply(column, weights[i, j], out=term)
            acc += term
    total[:, row] += acc


def _nonzero_terms(weights: F64) -> list[tuple[int, int]]:
    """The (row, column) pairs of nonzero weights, column order within each row."""
    rows, cols = np.nonzero(weights)
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def row_sum(x: F64) -> F64:
    """Each row's sum (R, J) -> (R,), always added up as numpy adds up a
    row-major row, whatever the memory order of ``x``: the same bits for a
    run however the batch is stored.

    numpy adds up fewer than 8 numbers one by one, from 0, and a row of 8
    to 128 numbers pairwise: eight running sums (of
    items i, i + 8, ...), combined as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) +
    (s6 + s7)), then the leftover items one by one, all added to 0. For
    batches of some size this is done here on whole columns at a time (much
    faster than numpy's row by row); ``tests/test_sim_compaction.py`` checks
    it against numpy."""
    r, n = x.shape
    if not (1 <= n <= 128 and r >= 64):
        out: F64 = np.ascontiguousarray(x).sum(axis=1)
        return out
    if n < 8:
        # Fewer than eight: one by one from 0.
        total = x[:, 0] + 0.0
        for j in range(1, n):
            total += x[:, j]
        return total
    x = np.asfortranarray(x)
    sums = [x[:, j].copy() for j in range(8)]
    i = 8
    while i < n - n % 8:
        for j in range(8):
            sums[j] += x[:, i + j]
        i += 8
    total = sums[0] + sums[1]
    total += sums[2] + sums[3]
    rest = sums[4] + sums[5]
    rest += sums[6] + sums[7]
    total += rest
    for j in range(i, n):
        total += x[:, j]
    total += 0.0  # numpy starts from 0: a sum of negative zeros is +0
    return total


def weighted_mean(x: F64, weights: F64) -> F64:
    """Mean of x (R, N) over stakeholders weighted by ``weights`` (N,)."""
    total = float(weights.sum()) or 1.0
    # A row-wise reduction: each run's sum is computed the same way whatever R is.
    out: F64 = row_sum(x * weights[None, :]) / total
    return out
