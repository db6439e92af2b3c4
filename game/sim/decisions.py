"""Decisions a player (or a policy) makes, and the log that replays a game.

A decision log is a list with one :class:`TurnRecord` per turn played, in
order: the turn's decisions (one :class:`Decision` per chosen action and
target) and the choices made in the events that fired that turn (event id to
the 0-based index of the choice). With the scenario and the seed it replays a
game exactly (see ``game.sim.batch.play_decisions``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class IllegalMove(Exception):
    """A decision the rules do not allow; the message is for the player."""


@dataclass(frozen=True)
class Decision:
    """One chosen action, with its target (a stakeholder or programme id) if it has one."""

    action: str
    target: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "target": self.target}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Decision:
        action = data.get("action")
        target = data.get("target")
        if not isinstance(action, str) or not (target is None or isinstance(target, str)):
            raise ValueError("a decision is {action: text, target: text or null}")
        return Decision(action, target)


@dataclass(frozen=True)
class TurnRecord:
    """What was decided in one turn: the actions, then the event choices."""

    decisions: tuple[Decision, ...] = ()
    choices: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "decisions": [d.to_json() for d in self.decisions],
            "choices": dict(self.choices),
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> TurnRecord:
        decisions = data.get("decisions", [])
        choices = data.get("choices", {})
        if not isinstance(decisions, list) or not isinstance(choices, dict):
            raise ValueError("a turn record is {decisions: [...], choices: {event: index}}")
        parsed: dict[str, int] = {}
        for key, value in choices.items():
            if not isinstance(key, str) or not isinstance(value, int) or isinstance(value, bool):
                raise ValueError("event choices map an event id to a whole number")
            parsed[key] = value
        return TurnRecord(tuple(Decision.from_json(d) for d in decisions), parsed)


DecisionLog = Sequence[TurnRecord]
