"""Scenario builders shared by the simulation tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from game.scenario.schema import Scenario
from game.session import Session

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def base(**meta: Any) -> dict[str, Any]:
    """A tiny scenario as plain data: one programme, an engage action, a force action."""
    doc: dict[str, Any] = {
        "format": 1,
        "meta": {"id": "sim_test", "title": "Test", "summary": "Test.", "turns": 12, **meta},
        "stakeholders": [
            {"id": "a", "name": "A", "power": 0.6, "trust": 0.3, "support": 0.3},
        ],
        "influence": [],
        "metrics": [],
        "programmes": [{"id": "change", "name": "Change", "effort": 4}],
        "actions": [
            {"id": "engage", "name": "Engage", "target": "stakeholder", "stance": "partner",
             "effects": [{"engage": {"who": "target"}}]},
            {"id": "force", "name": "Force", "stance": "push", "cost": 1,
             "effects": [{"force": {"programme": "change"}}]},
            {"id": "wait", "name": "Wait", "cost": 0, "effects": []},
        ],
        "endings": [{"id": "end", "title": "End", "text": "The end.", "outcome": "partial"}],
    }
    return doc


def build(doc: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(copy.deepcopy(doc))


def network(n: int = 4, **params: Any) -> dict[str, Any]:
    """``n`` stakeholders in a ring of influence, with model parameters."""
    doc = base()
    doc["stakeholders"] = [
        {"id": f"s{i}", "name": f"S{i}", "power": 0.3 + 0.1 * i, "trust": 0.2 + 0.15 * i,
         "support": 0.1 + 0.2 * i, "stubbornness": 0.5}
        for i in range(n)
    ]
    doc["influence"] = [
        {"source": f"s{(i + 1) % n}", "target": f"s{i}", "weight": 0.3} for i in range(n)
    ] + [{"source": f"s{(i + 2) % n}", "target": f"s{i}", "weight": 0.2} for i in range(n)]
    doc["model"] = params
    return doc


def play_out(session: Session, policy: str) -> Session:
    """``session`` played to its end by ``policy``: its moves each turn, and its choice at each event."""
    while not session.is_over:
        if session.pending_event() is not None:
            session.choose(session.suggest_choice(policy))
        else:
            session.play_turn(session.suggest(policy))
    return session
