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


def mix(z: U64) -> U64:
    """The splitmix64 finaliser: a bijective scramble of 64-bit integers."""
    # In place on one fresh array (``z`` is left alone): the same
    # wrapping 64-bit arithmetic with fewer temporaries.
    out: U64 = z >> _S30
    out ^= z
    out *= _M1
    out ^= out >> _S27
    out *= _M2
    out ^= out >> _S31
    return out


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
    key = mix(seeds + t)
    key = mix(key ^ p)
    return mix(key + i)


def uniforms(seeds: U64, turn: int, purpose: int, index: int, k: int) -> F64:
    """Uniform numbers in [0, 1), shape (R, k), keyed by (seed, turn, purpose, index)."""
    key = stream_keys(seeds, turn, purpose, index)
    cols = (np.arange(1, k + 1, dtype=np.uint64) * _GOLDEN)[None, :]
    bits = mix(key[:, None] + cols)
    out: F64 = (bits >> _S11).astype(np.float64) * _UNIT
    return out


def normals(seeds: U64, turn: int, purpose: int, index: int, k: int) -> F64:
    """Standard normal numbers, shape (R, k), by the Box-Muller transform."""
    u = uniforms(seeds, turn, purpose, index, 2 * k)
    u1 = 1.0 - u[:, :k]  # in (0, 1], so the logarithm is finite
    u2 = u[:, k:]
    out: F64 = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
    return out


def derived_seeds(seeds: U64, turn: int, purpose: int, count: int) -> U64:
    """``count`` fresh seeds per run (shape (R, count)) for rollouts that must not
    see the game's own future luck."""
    key = stream_keys(seeds, turn, purpose, 0)
    cols = (np.arange(1, count + 1, dtype=np.uint64) * _GOLDEN)[None, :]
    out: U64 = mix(mix(key[:, None] + cols))
    return out
