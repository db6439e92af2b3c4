"""The names a shown text's condition may use besides an ending's: the player's record.

``taken.ACTION``, ``moves.partner`` / ``moves.push`` / ``moves.neutral``,
``first.partner`` / ``first.push`` / ``first.neutral`` (the turn of the first
such move, 0 if none), ``chose.EVENT``, ``ending.ENDING`` and ``can.ACTION``
(whether the action can be taken now) read what the player did so far (:mod:`game.session.reflection` works out their values).
Only the conditions of texts a session shows may read them (a hint's, a
pause question's, an ending wording's, a debrief question's): the simulation
of many games at once keeps no record, so an ending's or an event's `when`
may not.
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
        "first": STANCES,
        "chose": tuple(e.id for e in scenario.events),
        "ending": tuple(e.id for e in scenario.endings),
        "can": tuple(a.id for a in scenario.actions),
    }


def question_names(scenario: Scenario) -> Names:
    """The names a shown text's `when` may use (a debrief question's, a hint's, a pause's, an
    ending wording's): an ending's, and the player's record."""
    return Names(
        [s.id for s in scenario.stakeholders],
        [p.id for p in scenario.programmes],
        [m.id for m in scenario.metrics],
        record=record_names(scenario),
    )
