"""Facilitator injects: an event that happens to every team at a set turn.

The engine rolls events from their condition and probability, so an inject is
written into the scenario itself before any team plays: the injected event's
condition becomes "the turn is one of the inject turns" and its probability 1.
The event then happens at exactly those turns for every team, and at no other
time (it no longer fires by chance), so teams meet it at the same moment and
their answers can be compared. Replays, counterfactuals and the built-in
policies all run on this same changed scenario, so they face it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.scenario.schema import Event, Scenario


def apply_injects(scenario: Scenario, injects: Sequence[tuple[str, int]]) -> Scenario:
    """The scenario with each (event id, turn) forced; unknown ids are left out (config checks them)."""
    if not injects:
        return scenario
    turns: dict[str, list[int]] = {}
    for event_id, turn in injects:
        turns.setdefault(event_id, []).append(int(turn))
    events: list[Event] = []
    for event in scenario.events:
        at = sorted(set(turns.get(event.id, ())))
        if not at:
            events.append(event)
            continue
        when = " or ".join(f"turn == {t}" for t in at)
        events.append(event.model_copy(update={"when": when, "probability": 1.0, "once": len(at) == 1}))
    return scenario.model_copy(update={"events": events})
