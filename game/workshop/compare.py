"""Comparisons on the same luck for the workshop report: each team's most consequential decision, and the built-in policies.

The computations live in :mod:`game.analysis.counterfactual`, shared with the
desktop debrief's "What if" page (see its docstring for how a turn is
flipped and why every flipped game faces the team's own luck). This module
keeps the names the workshop code imports.
"""

from __future__ import annotations

from game.analysis.counterfactual import (
    PolicyGame,
    Turning,
    flip_each_turn,
    lean,
    most_consequential,
    policy_games,
)

__all__ = ["PolicyGame", "Turning", "flip_each_turn", "lean", "most_consequential", "policy_games"]
