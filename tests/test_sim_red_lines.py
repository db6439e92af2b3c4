"""Red lines (§4): hidden stances drawn per game, revealed by engagement or a block,
blocking pushes until broken; rollouts never see a red line the player has not found."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from game.session import Session
from game.sim import rules
from game.sim.engine import Engine
from game.sim.policies import Partner
from game.sim.rollouts import plan_values
from game.sim.turn import coalition_support
from tests.sim_support import base, build


def _doc(chance: float = 1.0) -> dict[str, Any]:
    doc = base()
    doc["stakeholders"][0].update(trust=0.9, support=0.5, red_line=chance)
    doc["programmes"][0]["affects"] = ["a"]
    doc["actions"].append({"id": "tackle", "name": "Tackle", "target": "stakeholder", "stance": "push",
                           "effects": [{"red_line": {"who": "target", "holds": False}}]})
    doc["model"] = {"red_line_block": 1.0, "red_line_support": 0.8}
    return doc


def _force(engine: Engine) -> np.ndarray:
    return engine.encode([d for d in engine.decode(np.ones(len(engine.options), dtype=bool)) if d.action == "force"])


def test_a_red_line_is_drawn_per_game_from_its_chance() -> None:
    engine = Engine(build(_doc(0.3)))
    seeds = np.arange(4000, dtype=np.uint64)
    held = engine.start(seeds).red_line[:, 0]
    assert 0.27 < held.mean() < 0.33
    assert (engine.start(seeds).red_line == engine.start(seeds).red_line).all()
    assert not engine.start(seeds).revealed.any()


def test_a_red_line_blocks_a_push_whatever_the_trust_until_broken() -> None:
    engine = Engine(build(_doc(1.0)))
    state = engine.start(np.arange(50, dtype=np.uint64))
    assert (state.trust[:, 0] == 0.9).all()
    result = engine.resolve_turn(state, _force(engine)[None, :])
    assert result.blocked[:, 0].all()
    assert state.revealed[:, 0].all()  # meeting the block shows it
    engine.end_turn(state)
    tackle = engine.encode([d for d in engine.decode(np.ones(len(engine.options), dtype=bool)) if d.action == "tackle"])
    engine.resolve_turn(state, tackle[None, :])
    assert not state.red_line[:, 0].any()
    engine.end_turn(state)
    again = engine.resolve_turn(state, _force(engine)[None, :])
    # With trust 0.9 and the red line broken, the ordinary rule rarely blocks.
    assert again.blocked[:, 0].mean() < 0.2


def test_enough_support_dissolves_a_red_line() -> None:
    doc = _doc(1.0)
    doc["stakeholders"][0]["support"] = 0.85
    engine = Engine(build(doc))
    state = engine.start(np.arange(50, dtype=np.uint64))
    result = engine.resolve_turn(state, _force(engine)[None, :])
    assert result.blocked[:, 0].mean() < 0.2


def test_engagement_reveals_where_a_stakeholder_stands() -> None:
    engine = Engine(build(_doc(0.5)))
    state = engine.start(np.arange(20, dtype=np.uint64))
    engage = engine.encode([d for d in engine.decode(np.ones(len(engine.options), dtype=bool)) if d.action == "engage"])
    engine.resolve_turn(state, engage[None, :])
    assert state.revealed[:, 0].all()


def test_a_holding_red_line_stands_outside_the_coalition() -> None:
    engine = Engine(build(_doc(1.0)))
    state = engine.start(np.array([1], dtype=np.uint64))
    assert coalition_support(engine.cs, state)[0, 0] == 0.0
    state.red_line[:] = False
    assert coalition_support(engine.cs, state)[0, 0] == pytest.approx(0.5)
    assert rules.coalition_share(state.trust, coalition_support(engine.cs, state), engine.cs.power,
                                 engine.cs.affects)[0, 0] == pytest.approx(0.5)


def test_rollouts_do_not_see_a_red_line_the_player_has_not_found() -> None:
    engine = Engine(build(_doc(0.5)))
    state = engine.start(np.array([7, 7], dtype=np.uint64))
    state.red_line[0, 0], state.red_line[1, 0] = True, False  # the truth differs, the player's knowledge does not
    plans = np.stack([Partner().decide(engine, state), _force(engine)[None, :].repeat(2, axis=0)], axis=1)
    values, _, _ = plan_values(engine, state, plans, np.ones((2, 2), dtype=bool), Partner(), 16)
    assert values[0].tolist() == values[1].tolist()
    # Once revealed, the truth is used.
    state.revealed[:] = True
    known, _, _ = plan_values(engine, state, plans, np.ones((2, 2), dtype=bool), Partner(), 16)
    assert known[0].tolist() != known[1].tolist()


def test_the_player_sees_what_they_know_of_a_red_line() -> None:
    session = Session.new(build(_doc(1.0)), seed=3)
    card = next(s for s in session.view().stakeholders if s.id == "a")
    assert card.red_line == "unknown"
    from game.sim.decisions import Decision

    session.play_turn([Decision("engage", "a")])
    while session.pending_event() is not None:
        session.choose(0)
    card = next(s for s in session.view().stakeholders if s.id == "a")
    assert card.red_line == "holds"
