"""The names a debrief question's condition may use besides an ending's: the player's record.

``taken.ACTION``, ``moves.partner`` / ``moves.push`` / ``moves.neutral``,
``chose.EVENT`` and ``ending.ENDING`` count what the player did over the
whole game (:mod:`game.session.reflection` works out their values). Only a
debrief question's `when` may read them: during the game they have no
meaning the simulation could keep.
"""

from __future__ import annotations

from game.scenario.expressions import Names
from game.scenario.schema import Scenario

STANCES = ("partner", "push", "neutral")


def record_names(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """What each record namespace may name in this scenario (``Names.record``)."""
    return {
        "taken": tuple(a.id for a in scenario.actions),
        "moves": STANCES,
        "chose": tuple(e.id for e in scenario.events),
        "ending": tuple(e.id for e in scenario.endings),
    }


def question_names(scenario: Scenario) -> Names:
    """The names a debrief question's `when` may use: an ending's, and the player's record."""
    return Names(
        [s.id for s in scenario.stakeholders],
        [p.id for p in scenario.programmes],
        [m.id for m in scenario.metrics],
        record=record_names(scenario),
    )
