"""What a player did and what followed, as the front ends read it: the report of a turn just
played, the events it brought, and how many moves were partnership or push.

Pure functions of the scenario, the player's names for things and the decision
log; :class:`~game.session.playthrough.Session` calls them after each move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.scenario.schema import Event, Scenario
from game.session.views import ActionResult, ChoiceView, EndingView, EventView, Reason, TurnReport
from game.session.wording import Namer
from game.sim.decisions import Decision
from game.sim.decisions import TurnRecord as LoggedTurn


@dataclass(frozen=True)
class StanceCounts:
    """How many of the player's moves (actions and event choices) were partnership, push or neither."""

    partner: int
    push: int
    neutral: int


def stance_counts(scenario: Scenario, log: Sequence[LoggedTurn]) -> StanceCounts:
    """How many partnership, push and neutral moves a decision log holds (actions and choices)."""
    counts = {"partner": 0, "push": 0, "neutral": 0}
    actions = {a.id: a.stance for a in scenario.actions}
    events = {e.id: e for e in scenario.events}
    for turn in log:
        for d in turn.decisions:
            counts[actions.get(d.action, "neutral")] += 1
        for event_id, index in turn.choices.items():
            event = events.get(event_id)
            if event is not None and 0 <= index < len(event.choices):
                counts[event.choices[index].stance] += 1
    return StanceCounts(counts["partner"], counts["push"], counts["neutral"])


def event_view(event: Event, names: Namer, *, with_choices: bool = True) -> EventView:
    """An event in the player's words (its choices left out for news that asks nothing)."""
    choices = tuple(ChoiceView(i, names.text(c.text), c.stance) for i, c in enumerate(event.choices))
    return EventView(event.id, names.text(event.title), names.text(event.text), choices if with_choices else ())


def turn_report(scenario: Scenario, names: Namer, turn: int, decisions: tuple[Decision, ...], labels: Sequence[str],
                fired: Sequence[Event], reasons: Sequence[Reason], blockers: Sequence[str],
                ending: EndingView | None) -> TurnReport:
    """What a turn just played did: each action done or resisted, why the numbers moved, the news,
    the events waiting for an answer, who blocked, and the ending if the game ended."""
    blocked_names = tuple(names.stakeholders[b] for b in blockers)
    stances = {a.id: a.stance for a in scenario.actions}
    return TurnReport(
        turn=turn,
        decisions=decisions,
        actions=tuple(
            ActionResult(
                d,
                label,
                "resisted" if blocked_names and stances[d.action] == "push" else "done",
                blocked_names if stances[d.action] == "push" else (),
            )
            for d, label in zip(decisions, labels, strict=True)
        ),
        reasons=tuple(reasons),
        news=tuple(event_view(e, names, with_choices=False) for e in fired if not e.choices),
        waiting=tuple(e.id for e in fired if e.choices),
        blocked_by=blocked_names,
        ending=ending,
    )
