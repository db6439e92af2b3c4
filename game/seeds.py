"""A game's seed as players and facilitators see it: six digits, easy to read out and type.

A game's luck is keyed by its seed, a whole number from 0 to 2^63 - 1
(:mod:`game.sim.random` hashes it with every draw). New games and new workshops
draw a *short* seed: six digits, from 100000 to 999999. The short code is the
engine's seed itself (the map from code to seed is the identity), so it needs
no table, and every seed written before short seeds existed, up to nineteen
digits, is still a seed: saves and workshop files keep theirs and replay
exactly. A seed may be typed with spaces or hyphens between its digits
(``482 913``, ``482-913``).
"""

from __future__ import annotations

import secrets

SHORT_LOW = 100_000
SHORT_HIGH = 999_999
MAX_SEED = 2**63 - 1
_SEPARATORS = " -_\u00a0\u202f"  # what a person puts between groups of digits


def new_seed() -> int:
    """A fresh six-digit seed."""
    return SHORT_LOW + secrets.randbelow(SHORT_HIGH - SHORT_LOW + 1)


def read_seed(text: str) -> int | None:
    """The seed ``text`` names, or None when it names none (not digits, or too large)."""
    digits = "".join(c for c in text.strip() if c not in _SEPARATORS)
    if not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        return None
    value = int(digits)
    return value if value <= MAX_SEED else None
