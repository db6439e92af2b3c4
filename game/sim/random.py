"""Counter-based random numbers keyed by (run seed, turn, purpose, index).

Every draw in the simulation is a pure function of its key, never of how many
numbers were drawn before it. So:

* changing a decision at turn 5 leaves the dice of turn 6 unchanged (common
  random numbers: a counterfactual and the real game face the same luck);
* run ``i`` of a batch equals a single game played with seed ``run_seeds(s, n)[i]``,
  bit for bit, whatever the batch or chunk size;
* results are identical in any process, on any machine with IEEE doubles.

The hash is the splitmix64 finaliser applied to 64-bit unsigned integers in
numpy, which wrap on overflow by definition.
"""

from __future__ import annotations

import math
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

U64 = NDArray[np.uint64]
F64 = NDArray[np.float64]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TURN = np.uint64(0xD1B54A32D192ED03)
_PURPOSE = np.uint64(0x8CB92BA72F3D8DD7)
_INDEX = np.uint64(0xA0761D6478BD642F)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_UNIT = 1.0 / 9007199254740992.0  # 2**-53


class Purpose(IntEnum):
    """What a draw is for; each purpose has its own stream."""

    BLOCK = 1  # resistance: does each stakeholder block a forced change?
    EVENT = 2  # does each eligible event fire?
    CHANCE = 3  # `chance` effects in actions, events and delayed effects
    NOISE = 4  # random movement of metrics
    POLICY = 5  # the `random` policy's picks
    LOOKAHEAD = 6  # seeds for the greedy policy's rollouts
    FORECAST = 7  # seeds for the risk forecast's rollouts
    RUN_SEED = 8  # per-run seeds of a batch
    AUDIT = 9  # seeds for the audit's rollouts (expert reference, branches)
    STANCE = 10  # hidden stances drawn at the start of a game (red lines)


def mix(z: U64) -> U64:
    """The splitmix64 finaliser: a bijective scramble of 64-bit integers."""
    # In place on one fresh array (``z`` is left alone), with one scratch
    # array for both shifts: the same wrapping 64-bit arithmetic.
    out: U64 = z >> _S30
    out ^= z
    out *= _M1
    tmp = out >> _S27
    out ^= tmp
    out *= _M2
    np.right_shift(out, _S31, out=tmp)
    out ^= tmp
    return out


def _mix_in_place(z: U64) -> U64:
    """``mix`` overwriting ``z`` (a fresh array the caller owns)."""
    tmp = z >> _S30
    z ^= tmp
    z *= _M1
    np.right_shift(z, _S27, out=tmp)
    z ^= tmp
    z *= _M2
    np.right_shift(z, _S31, out=tmp)
    z ^= tmp
    return z


def as_seed(seed: int) -> np.uint64:
    """A Python integer (any sign or size) folded into a 64-bit seed."""
    return np.uint64(seed % (1 << 64))


def run_seeds(seed: int, runs: int) -> U64:
    """Per-run seeds for a batch of ``runs`` games started from ``seed``.

    Run 0 uses ``seed`` itself, so run 0 of a batch with seed s has the same
    luck as a single game with seed s: a player's game, its counterfactuals
    and a workshop team playing seed s all share luck. Later runs use scrambled
    seeds, so batches with neighbouring seeds do not overlap.
    """
    base = np.full(max(runs, 0), as_seed(seed), dtype=np.uint64)
    if runs <= 0:
        return base
    index = np.arange(runs, dtype=np.uint64)
    salt = np.uint64((int(Purpose.RUN_SEED) * int(_PURPOSE)) % (1 << 64))
    scrambled = mix(mix(base ^ salt) + index * _INDEX)
    return np.where(index == 0, base, scrambled)


def stream_keys(seeds: U64, turn: int, purpose: int, index: int = 0) -> U64:
    """One 64-bit key per run for (turn, purpose, index)."""
    t = np.uint64(((turn + 1) * int(_TURN)) % (1 << 64))
    p = np.uint64((purpose * int(_PURPOSE)) % (1 << 64))
    i = np.uint64(((index + 1) * int(_INDEX)) % (1 << 64))
    key = _mix_in_place(seeds + t)
    key ^= p
    key = _mix_in_place(key)
    key += i
    return _mix_in_place(key)


def _unit(bits: U64) -> F64:
    """Uniform doubles in [0, 1) from the top 53 bits (``bits`` is overwritten)."""
    bits >>= _S11
    out: F64 = bits.astype(np.float64)
    out *= _UNIT
    return out


# Draws are worked out this many at a time (a few hundred kilobytes: the
# scratch arrays of the scramble stay in the processor's cache).
_BLOCK = 32_768


def _grid(key: U64, steps: U64) -> F64:
    """``_unit(mix(key[:, None] + steps[None, :]))``, shape (R, k), a block of
    runs at a time (each number depends on its own key and step alone)."""
    r, k = key.shape[0], steps.shape[0]
    rows = max(_BLOCK // max(k, 1), 64)
    if r <= rows:
        return _unit(_mix_in_place(key[:, None] + steps[None, :]))
    out: F64 = np.empty((r, k))
    for start in range(0, r, rows):
        out[start : start + rows] = _unit(_mix_in_place(key[start : start + rows, None] + steps[None, :]))
    return out


def uniforms(seeds: U64, turn: int, purpose: int, index: int, k: int) -> F64:
    """Uniform numbers in [0, 1), shape (R, k), keyed by (seed, turn, purpose, index)."""
    key = stream_keys(seeds, turn, purpose, index)
    return _grid(key, np.arange(1, k + 1, dtype=np.uint64) * _GOLDEN)


def column(key: U64, col: int) -> F64:
    """Column ``col`` of ``uniforms`` given its ``stream_keys`` (for any subset of
    the runs): ``uniforms(s, t, p, i, k)[:, col] == column(stream_keys(s, t, p, i), col)``."""
    step = np.uint64(((col + 1) * int(_GOLDEN)) % (1 << 64))
    return _unit(_mix_in_place(key + step))


def column_below(key: U64, col: int, chance: float) -> NDArray[np.bool_]:
    """``column(key, col) < chance`` for one probability shared by every run,
    compared on the 64-bit draws themselves (no conversion to doubles).

    A draw is ``(bits >> 11) * 2**-53``, exactly; it is below ``chance`` when
    ``bits >> 11`` is below ``ceil(chance * 2**53)``, that is when ``bits`` is
    below that many times 2**11 (``chance * 2**53`` is exact: a power of two)."""
    if not chance > 0.0:  # (also a NaN chance: nothing is below it)
        return np.zeros(key.shape, dtype=bool)
    if chance >= 1.0:
        return np.ones(key.shape, dtype=bool)
    limit = np.uint64(math.ceil(chance * 9007199254740992.0) << 11)
    step = np.uint64(((col + 1) * int(_GOLDEN)) % (1 << 64))
    bits = _mix_in_place(key + step)
    out: NDArray[np.bool_] = bits < limit
    return out


def columns(key: U64, cols: NDArray[np.integer]) -> F64:
    """Columns ``cols`` of ``uniforms`` given its ``stream_keys``, shape (R, len(cols))."""
    return _grid(key, (np.asarray(cols, dtype=np.uint64) + np.uint64(1)) * _GOLDEN)


def normals(seeds: U64, turn: int, purpose: int, index: int, k: int) -> F64:
    """Standard normal numbers, shape (R, k), by the Box-Muller transform."""
    # ``uniforms(seeds, turn, purpose, index, 2 * k)`` worked out column by
    # column (the same numbers), so each half below is one contiguous block.
    key = stream_keys(seeds, turn, purpose, index)
    cols = (np.arange(1, 2 * k + 1, dtype=np.uint64) * _GOLDEN)[:, None]
    u = _unit(_mix_in_place(cols + key[None, :])).T
    # sqrt(-2 log(1 - u1)) * cos(2 pi u2), u1 = 1 - u in (0, 1] so the logarithm is
    # finite; in place on the two halves (column-major, like the per-metric
    # arrays they are added to).
    out: F64 = u[:, :k]
    np.subtract(1.0, out, out=out)
    np.log(out, out=out)
    out *= -2.0
    np.sqrt(out, out=out)
    angle = u[:, k:]
    angle *= 2.0 * np.pi
    np.cos(angle, out=angle)
    out *= angle
    return out


def derived_seeds(seeds: U64, turn: int, purpose: int, count: int) -> U64:
    """``count`` fresh seeds per run (shape (R, count)) for rollouts that must not
    see the game's own future luck."""
    key = stream_keys(seeds, turn, purpose, 0)
    cols = (np.arange(1, count + 1, dtype=np.uint64) * _GOLDEN)[None, :]
    out: U64 = mix(mix(key[:, None] + cols))
    return out
