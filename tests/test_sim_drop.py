"""Dropping a programme (§5): it stops where it stands for the rest of the game,
no action can target it, nobody is pushed by it, and conditions can read it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from game.analysis.audit import once_per_game
from game.scenario.loader import load_text
from game.scenario.schema import Scenario
from game.session import Session
from game.sim.decisions import Decision, IllegalMove
from game.sim.engine import Engine
from tests.sim_support import base, build


def _doc() -> dict[str, Any]:
    doc = base()
    doc["programmes"].append({"id": "other", "name": "Other", "effort": 4})
    doc["programmes"][0]["affects"] = ["a"]
    doc["actions"] = [
        {"id": "push", "name": "Push", "target": "programme", "stance": "push", "cost": 1,
         "effects": [{"force": {"programme": "target"}}]},
        {"id": "boost", "name": "Boost", "cost": 1, "effects": [{"progress": {"programme": "change", "by": 0.2}}]},
        {"id": "drop", "name": "Drop", "target": "programme", "stance": "neutral", "cost": 1,
         "available": "flag.dropped_one == 0",
         "effects": [{"drop": {"programme": "target"}}, {"flag": {"id": "dropped_one", "by": 1}}]},
        {"id": "wait", "name": "Wait", "cost": 0, "effects": []},
    ]
    return doc


def _play(engine: Engine, state: Any, *decisions: Decision) -> None:
    engine.resolve_turn(state, engine.encode(list(decisions))[None, :].repeat(state.runs, axis=0))
    engine.end_turn(state)


def test_a_dropped_programme_stops_where_it_stands() -> None:
    engine = Engine(build(_doc()))
    state = engine.start(np.arange(20, dtype=np.uint64))
    _play(engine, state, Decision("push", "change"))
    reached = state.progress[:, 0].copy()
    assert reached.max() > 0
    _play(engine, state, Decision("drop", "change"))
    assert state.dropped[:, 0].all() and not state.dropped[:, 1].any()
    assert np.array_equal(state.progress[:, 0], reached)
    # A fixed effect on it changes nothing; the other programme still moves.
    _play(engine, state, Decision("boost"), Decision("push", "other"))
    assert np.array_equal(state.progress[:, 0], reached)
    assert state.progress[:, 1].max() > 0


def test_no_action_can_target_a_dropped_programme_and_the_reason_is_given() -> None:
    engine = Engine(build(_doc()))
    state = engine.start(np.arange(5, dtype=np.uint64))
    push_change = engine.option_index(Decision("push", "change"))
    push_other = engine.option_index(Decision("push", "other"))
    drop_other = engine.option_index(Decision("drop", "other"))
    assert engine.available(state)[:, push_change].all()
    _play(engine, state, Decision("drop", "change"))
    avail = engine.available(state)
    assert not avail[:, push_change].any()
    assert avail[:, push_other].all()
    assert not avail[:, drop_other].any()  # the flag closes the action itself
    with pytest.raises(IllegalMove, match="dropped"):
        engine.check(state, [Decision("push", "change")])


def test_nobody_is_pushed_by_a_dropped_programme() -> None:
    doc = _doc()
    # An event that forces the dropped programme every turn: it must not expose anyone.
    doc["events"] = [{"id": "nudge", "title": "Nudge", "text": "A push.", "when": "turn >= 2", "once": False,
                      "choices": [{"id": "go", "text": "Go", "stance": "push",
                                   "effects": [{"force": {"programme": "change"}}]}]}]
    engine = Engine(build(doc))
    state = engine.start(np.arange(30, dtype=np.uint64))
    _play(engine, state, Decision("drop", "change"))
    for _ in range(3):
        result = engine.resolve_turn(state, engine.encode([Decision("wait")])[None, :].repeat(state.runs, axis=0))
        assert not result.blocked.any()
        engine.end_turn(state)
    assert (state.progress[:, 0] == 0).all()


def test_conditions_read_a_drop_and_say_it_in_words() -> None:
    doc = _doc()
    doc["endings"] = [
        {"id": "focused", "title": "Focused", "text": "One change.", "outcome": "success",
         "when": "dropped.change == 1 and dropped.other == 0"},
        {"id": "end", "title": "End", "text": "The end.", "outcome": "partial"},
    ]
    doc["actions"][0]["available"] = "dropped.target == 0"
    engine = Engine(build(doc))
    state = engine.start(np.arange(3, dtype=np.uint64))
    _play(engine, state, Decision("drop", "change"))
    while not state.ended.all():
        _play(engine, state, Decision("wait"))
    assert (state.ending == 0).all()
    session = Session.new(build(doc), seed=1)
    session.play_turn([Decision("drop", "change")])
    option = next(o for o in session.options() if o.action == "push" and o.target == "change")
    assert not option.available
    assert "dropped" in option.why_not
    programme = next(p for p in session.view().programmes if p.id == "change")
    assert programme.dropped and programme.name == "Change (dropped)"


def test_an_unknown_programme_in_a_drop_is_reported_with_its_place() -> None:
    text = """format: 1
meta: {id: t, title: T, summary: S, turns: 4}
stakeholders:
  - {id: a, name: A, power: 0.5, trust: 0.5, support: 0.5}
programmes:
  - {id: change, name: Change, effort: 2}
actions:
  - id: quit
    name: Quit
    effects:
      - drop: {programme: chnage}
endings:
  - {id: end, title: End, text: The end., outcome: partial}
"""
    with pytest.raises(Exception) as caught:
        load_text(text, "t.yaml")
    message = str(caught.value)
    assert "t.yaml:11" in message and "chnage" in message and "change" in message


def test_an_action_that_closes_itself_is_once_a_game() -> None:
    scenario: Scenario = build(_doc())
    assert once_per_game(Engine(scenario)) == ["drop"]
