"""The playthrough session: legal and illegal moves, history, save → load → replay, autosave."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import loader
from game.scenario.schema import Scenario
from game.session import Decision, IllegalMove, SaveError, Session, persistence
from game.session.saves import read_save
from game.sim.batch import play_decisions
from game.sim.state import State

FIXTURE_YAML = """\
format: 1
meta:
  id: session_fixture
  title: Joining up care in Eastvale
  summary: A short scenario for playthroughs, saves and the terminal game.
  turns: 6
  start_date: "2026-04"
  leadership_time: 3
  briefing: You lead the acute trust and must join up urgent care across Eastvale.
stakeholders:
  - {id: acute_trust, name: Acute trust board, kind: provider, power: 0.8, trust: 0.6, support: 0.6}
  - {id: gp_federation, name: GP federation, kind: primary_care, power: 0.6, trust: 0.35, support: 0.3,
     stubbornness: 0.7}
  - {id: council, name: County council, kind: local_government, power: 0.5, trust: 0.5, support: 0.5}
influence:
  - {source: acute_trust, target: council, weight: 0.3}
  - {source: council, target: gp_federation, weight: 0.2}
metrics:
  - {id: access, name: Four-hour access, unit: "%", initial: 72, min: 0, max: 100, target: 85,
     noise: 0.5, benefits_from: {urgent_care: 8}, disruption: -2}
  - {id: finance, name: System deficit, unit: £m, initial: 12, min: 0, max: 60, target: 0,
     higher_is_better: false, drift: 0.5}
programmes:
  - {id: urgent_care, name: Joined-up urgent care, effort: 4}
actions:
  - id: engage
    name: Engage a partner
    description: Spend time building the relationship.
    target: stakeholder
    stance: partner
    effects: [{engage: {who: target}}]
  - id: communicate
    name: Communicate the vision
    effects: [{support: {who: all, by: 0.02}}]
  - id: force
    name: Force the decision
    cost: 2
    target: programme
    stance: push
    effects: [{force: {programme: target}}]
  - id: tackle
    name: Tackle a resister head on
    cost: 2
    target: stakeholder
    stance: push
    available: support.target < 0.5
    cooldown: 2
    effects:
      - {trust: {who: target, by: -0.1}}
      - {support: {who: target, by: 0.15}}
events:
  - id: winter_crisis
    title: Winter pressures
    text: Corridors are full and the press are asking questions.
    when: turn == 2
    choices:
      - text: Stand with the front line and share the load with partners.
        stance: partner
        effects: [{trust: {who: all, by: 0.03}}]
        outcome: Partners notice that you shared the pressure.
      - text: Order a system-wide escalation plan.
        stance: push
        effects:
          - {progress: {programme: urgent_care, by: 0.1}}
          - {trust: {who: gp_federation, by: -0.05}}
        outcome: The plan moves things on, and the GPs feel overruled.
endings:
  - {id: delivered, title: Care joined up, text: The new urgent care model is running.,
     outcome: success, when: "progress.urgent_care >= 0.9", priority: 2}
  - {id: board_revolt, title: The board loses patience, text: The deficit grew too far.,
     outcome: failure, when: "metric.finance > 40", early: true, priority: 3}
  - {id: stalled, title: Still talking, text: Relationships held but the change did not land in time.,
     outcome: partial}
scoring:
  metrics: {access: 1, finance: 1}
  programmes: {urgent_care: 2}
debrief:
  questions:
    - When did you choose to push, and what did it cost?
    - Who did you leave out of the coalition?
hints:
  - {turn: 1, text: Build trust before you force anything.}
"""

# A plan per turn for the fixture (turn 2 fires the event, answered with choice 1).
PLAN: list[list[Decision]] = [
    [Decision("engage", "gp_federation"), Decision("communicate")],
    [Decision("tackle", "gp_federation")],
    [Decision("force", "urgent_care")],
    [Decision("engage", "council"), Decision("engage", "acute_trust")],
    [Decision("force", "urgent_care"), Decision("communicate")],
    [],
]


def write_fixture(folder: Path, text: str = FIXTURE_YAML, name: str = "session_fixture.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def fixture_path(tmp_path: Path) -> Path:
    return write_fixture(tmp_path)


@pytest.fixture
def scenario(fixture_path: Path) -> Scenario:
    return loader.load(fixture_path)


def new_session(scenario: Scenario, path: Path | None = None, seed: int = 3, autosave: Path | bool = False) -> Session:
    return Session.new(scenario, seed, path, autosave=autosave)


def play(session: Session, turns: int | None = None, choice: int = 1) -> None:
    """Play the fixture plan for ``turns`` turns (all by default), answering events with ``choice``."""
    for plan in PLAN[: turns if turns is not None else len(PLAN)]:
        if session.is_over:
            return
        session.play_turn(plan)
        while session.pending_event() is not None:
            session.choose(choice)


def same_state(a: State, b: State) -> bool:
    return all(
        np.array_equal(getattr(a, f.name), getattr(b, f.name)) if f.name != "turn" else a.turn == b.turn
        for f in fields(State)
    )


# --------------------------------------------------------------------------
# Playing


def test_options_say_what_is_possible_and_why_not(scenario: Scenario) -> None:
    session = new_session(scenario)
    options = {(o.action, o.target): o for o in session.options()}
    assert len(options) == 3 + 1 + 1 + 3
    engage = options[("engage", "gp_federation")]
    assert (engage.name, engage.target_name, engage.cost, engage.stance) == (
        "Engage a partner", "GP federation", 1, "partner"
    )
    assert engage.available and engage.why_not == ""
    # Tackling needs the target's support below 0.5: only the GP federation (0.3) qualifies.
    assert options[("tackle", "gp_federation")].available
    blocked = options[("tackle", "acute_trust")]
    assert not blocked.available and blocked.why_not == "Acute trust board's support for the change must be below 50% (now 60%)"
    assert session.budget == 3
    view = session.view()
    assert view.date_label == "Quarter 1 of 6, April 2026"
    assert view.hint == "Build trust before you force anything."
    assert [s.name for s in view.stakeholders] == ["Acute trust board", "GP federation", "County council"]
    assert view.metrics[1].unit == "£m" and not view.metrics[1].higher_is_better


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ([Decision("merge")], "no action `merge`"),
        ([Decision("engage")], "needs a stakeholder"),
        ([Decision("communicate", "council")], "takes no target"),
        ([Decision("engage", "nhs_england")], "no such stakeholder"),
        ([Decision("engage", "council"), Decision("engage", "council")], "chosen twice"),
        ([Decision("tackle", "acute_trust")], "not available"),
        ([Decision("force", "urgent_care"), Decision("engage", "council"), Decision("communicate")], "need 4"),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(
    scenario: Scenario, decisions: list[Decision], message: str
) -> None:
    session = new_session(scenario)
    play(session, 1)
    before, view, log = session.state, session.view(), session.log
    with pytest.raises(IllegalMove, match=message):
        session.play_turn(decisions)
    assert same_state(before, session.state)
    assert session.view() == view
    assert session.log == log
    assert len(session.history) == 1


def test_a_waiting_event_must_be_answered_first(scenario: Scenario) -> None:
    session = new_session(scenario)
    play(session, 1)
    report = session.play_turn(PLAN[1])
    assert report.waiting == ("winter_crisis",)
    assert session.phase == "event"
    event = session.pending_event()
    assert event is not None and event.title == "Winter pressures"
    assert [c.stance for c in event.choices] == ["partner", "push"]
    with pytest.raises(IllegalMove, match="answer the event"):
        session.play_turn([])
    with pytest.raises(IllegalMove, match="from 1 to 2"):
        session.choose(2)
    answer = session.choose(1)
    assert answer.outcome == "The plan moves things on, and the GPs feel overruled."
    assert {str(r) for r in answer.reasons} >= {"Joined-up urgent care progress +10% (Winter pressures)"}
    assert session.phase == "decide" and session.turn == 3
    with pytest.raises(IllegalMove, match="no event waiting"):
        session.choose(0)


def test_a_whole_game_records_history_reasons_and_ending(scenario: Scenario) -> None:
    session = new_session(scenario)
    first = session.play_turn(PLAN[0])
    assert first.turn == 1
    mine = {str(r) for r in first.reasons if r.from_decision}
    assert any(text.startswith("GP federation trust +") and "(Engage a partner)" in text for text in mine)
    play_rest = PLAN[1:]
    for plan in play_rest:
        session.play_turn(plan)
        while session.pending_event() is not None:
            session.choose(0)
    assert session.is_over and session.phase == "ended"
    ending = session.ending
    assert ending is not None and ending.id in {"delivered", "stalled", "board_revolt"}
    assert 0 <= ending.score <= 100
    assert len(session.history) == 6
    assert session.turn == 6 and session.view().date_label == "Quarter 6 of 6, July 2027"
    assert [r.turn for r in session.history] == [1, 2, 3, 4, 5, 6]
    assert session.history[1].events == ["winter_crisis"] and session.history[1].choices == [("winter_crisis", 0)]
    assert session.history[-1].after.score == pytest.approx(ending.score)
    counts = session.stance_counts()
    assert (counts.partner, counts.push) == (3 + 1, 3)  # engage x3 and the partner choice; tackle, force x2
    with pytest.raises(IllegalMove, match="over"):
        session.play_turn([])
    assert all(not o.available for o in session.options())


def test_same_seed_and_decisions_give_the_same_game(scenario: Scenario) -> None:
    a, b, c = new_session(scenario, seed=11), new_session(scenario, seed=11), new_session(scenario, seed=12)
    for s in (a, b, c):
        play(s)
    assert same_state(a.state, b.state)
    assert a.view().metrics[0].value != c.view().metrics[0].value  # metric noise differs with the seed


def test_session_agrees_with_the_engines_own_replay(scenario: Scenario) -> None:
    session = new_session(scenario, seed=5)
    play(session)
    log = session.log
    trajectory = play_decisions(
        session.engine, 5, [t.decisions for t in log], [t.choices for t in log], strict=True
    )
    last = trajectory.turns[-1]
    assert np.array_equal(last.trust, session.state.trust[0])
    assert np.array_equal(last.metrics, session.state.metrics[0])


# --------------------------------------------------------------------------
# Save, load, replay


def test_save_load_replays_bit_for_bit(scenario: Scenario, fixture_path: Path, tmp_path: Path) -> None:
    session = new_session(scenario, fixture_path)
    play(session, 4)
    path = tmp_path / "game.json"
    session.save(path)
    loaded = Session.load(path, autosave=False)
    assert same_state(session.state, loaded.state)
    assert loaded.view() == session.view()
    assert loaded.history == session.history
    assert loaded.log == session.log
    assert loaded.notice == ""
    assert loaded.source_path == fixture_path
    # Both carry on identically.
    play_tail = PLAN[4:]
    for s in (session, loaded):
        for plan in play_tail:
            s.play_turn(plan)
    assert same_state(session.state, loaded.state)
    assert loaded.ending == session.ending


def test_save_while_an_event_waits(scenario: Scenario, tmp_path: Path) -> None:
    session = new_session(scenario)
    play(session, 1)
    session.play_turn(PLAN[1])
    assert session.phase == "event"
    path = tmp_path / "mid.json"
    session.save(path)
    saved = read_save(path)
    assert saved.summary is not None and saved.summary.phase == "event"
    loaded = Session.load(path, scenario, autosave=False)
    assert loaded.phase == "event"
    assert loaded.pending_event() == session.pending_event()
    assert same_state(loaded.state, session.state)


def test_save_of_a_finished_game(scenario: Scenario, tmp_path: Path) -> None:
    session = new_session(scenario)
    play(session)
    path = tmp_path / "done.json"
    session.save(path)
    loaded = Session.load(path, scenario, autosave=False)
    assert loaded.is_over and loaded.ending == session.ending


def test_save_finds_its_scenario_by_path_or_says_what_to_do(
    scenario: Scenario, fixture_path: Path, tmp_path: Path
) -> None:
    session = new_session(scenario, fixture_path)
    play(session, 2)
    path = tmp_path / "game.json"
    session.save(path)
    fixture_path.unlink()
    with pytest.raises(SaveError, match=r"`session_fixture`.*cannot be found.*shove play SCENARIO --load"):
        Session.load(path, autosave=False)
    assert Session.load(path, scenario, autosave=False).turn == 3


def _changed(tmp_path: Path, old: str, new: str) -> Scenario:
    assert old in FIXTURE_YAML
    return loader.load(write_fixture(tmp_path, FIXTURE_YAML.replace(old, new), "changed.yaml"))


def test_changed_scenario_replays_when_the_log_still_applies(scenario: Scenario, tmp_path: Path) -> None:
    session = new_session(scenario)
    play(session, 3)
    path = tmp_path / "game.json"
    session.save(path)
    changed = _changed(tmp_path, "title: Joining up care in Eastvale", "title: Joining up care in Westvale")
    loaded = Session.load(path, changed, autosave=False)
    assert "changed since this game was saved" in loaded.notice
    assert same_state(loaded.state, session.state)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - id: tackle\n", "  - id: confront\n", "turn 2 no longer applies: There is no action `tackle`"),
        ("available: support.target < 0.5", "available: support.target < 0.1", "turn 2 no longer applies"),
        ("when: turn == 2", "when: turn == 9", "the event `winter_crisis` no longer happens"),
        ("when: turn == 2", "when: turn == 1", "the event `winter_crisis` now happens and the save has no answer"),
        ("        outcome: The plan moves things on, and the GPs feel overruled.\n", "\n", None),
    ],
)
def test_changed_scenario_is_refused_clearly_when_the_log_no_longer_applies(
    scenario: Scenario, tmp_path: Path, old: str, new: str, message: str | None
) -> None:
    session = new_session(scenario)
    play(session, 3)
    path = tmp_path / "game.json"
    session.save(path)
    changed = _changed(tmp_path, old, new)
    if message is None:  # only an outcome text changed: still applies
        assert Session.load(path, changed, autosave=False).turn == 4
        return
    with pytest.raises(SaveError) as caught:
        Session.load(path, changed, autosave=False)
    text = str(caught.value)
    assert text.startswith(str(path))
    assert "the scenario has changed since this game was saved" in text
    assert message in text
    assert "start a new game" in text


def test_choice_that_no_longer_exists(scenario: Scenario, tmp_path: Path) -> None:
    session = new_session(scenario)
    play(session, 3, choice=1)
    path = tmp_path / "game.json"
    session.save(path)
    start = FIXTURE_YAML.index("      - text: Order a system-wide")
    end = FIXTURE_YAML.index("endings:")
    changed = loader.load(write_fixture(tmp_path, FIXTURE_YAML[:start] + FIXTURE_YAML[end:], "fewer.yaml"))
    with pytest.raises(SaveError, match="no longer has a choice 2"):
        Session.load(path, changed, autosave=False)


def test_tampered_log_of_an_unchanged_scenario_is_refused(scenario: Scenario, tmp_path: Path) -> None:
    session = new_session(scenario)
    play(session, 3)
    path = tmp_path / "game.json"
    session.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["log"][0]["decisions"][0]["target"] = "nhs_england"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match=r"does not match its scenario.*no such stakeholder"):
        Session.load(path, scenario, autosave=False)


def test_save_of_another_scenario_is_refused(scenario: Scenario, tmp_path: Path) -> None:
    session = new_session(scenario)
    play(session, 1)
    path = tmp_path / "game.json"
    session.save(path)
    other = _changed(tmp_path, "id: session_fixture", "id: another_scenario")
    with pytest.raises(SaveError, match="of the scenario `session_fixture`, not `another_scenario`"):
        Session.load(path, other, autosave=False)


# --------------------------------------------------------------------------
# Autosave


def test_autosave_after_every_move_and_fallback(scenario: Scenario, tmp_path: Path) -> None:
    newest = tmp_path / "saves" / "autosave.json"
    session = new_session(scenario, autosave=newest)
    session.play_turn(PLAN[0])
    assert len(read_save(newest).log) == 1
    session.play_turn(PLAN[1])
    assert read_save(newest).summary.phase == "event"  # type: ignore[union-attr]
    session.choose(0)
    assert read_save(newest).log[1].choices == {"winter_crisis": 0}
    assert read_save(newest.with_name("autosave.1.json")).log[1].choices == {}
    # The newest autosave is damaged: loading falls back to the one before.
    newest.write_text('{"format": "push-comes-to-shove/save", "version": 1, "seed": ')
    resumed, used, skipped = persistence.load_autosave(scenario, newest=newest)
    assert used.name == "autosave.1.json"
    assert len(skipped) == 1 and "damaged" in str(skipped[0])
    assert resumed.phase == "event" and resumed.turn == 2
    assert resumed.autosave_path == newest


def test_autosave_in_the_user_folder_by_default(scenario: Scenario, user_home: Path) -> None:
    session = Session.new(scenario, 1)
    session.play_turn(PLAN[0])
    expected = user_home / "xdg_data_home" / "push-comes-to-shove" / "saves" / "autosave.json"
    assert session.autosave_path == expected
    assert read_save(expected).seed == 1


def test_autosave_failure_does_not_stop_the_game(scenario: Scenario, tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    session = new_session(scenario, autosave=blocker / "autosave.json")
    session.play_turn(PLAN[0])
    assert "could not be autosaved" in session.autosave_error
    assert session.turn == 2


# --------------------------------------------------------------------------
# Forecasts


def test_forecast_is_cached_per_turn_and_plan_and_changes_nothing(scenario: Scenario) -> None:
    session = new_session(scenario)
    before = session.state
    plan = [Decision("force", "urgent_care")]
    first = session.forecast(plan, rollouts=200)
    assert session.forecast(list(reversed(plan)), rollouts=200) is first
    assert sum(first.outcomes.values()) == pytest.approx(1.0)
    assert first.rollouts == 200
    assert first.block_chance["gp_federation"] > 0, "forcing the change exposes the GP federation"
    assert session.forecast([], rollouts=200).block_chance["gp_federation"] == 0
    assert same_state(before, session.state), "a forecast never touches the game"
    with pytest.raises(IllegalMove, match="need 4"):
        session.forecast([Decision("force", "urgent_care"), Decision("tackle", "gp_federation")])
    session.play_turn(plan)
    assert session.forecast(plan, rollouts=200) is not first, "a new turn asks afresh"


def test_save_without_a_path_finds_a_user_scenario_by_id(user_home: Path, tmp_path: Path) -> None:
    folder = user_home / "xdg_data_home" / "push-comes-to-shove" / "scenarios"
    folder.mkdir(parents=True)
    scenario = loader.load(write_fixture(folder))
    session = Session.new(scenario, 9)  # no source path: the save can only name the id
    play(session, 2)
    path = tmp_path / "game.json"
    session.save(path)
    assert read_save(path).scenario.path is None
    loaded = Session.load(path, autosave=False)
    assert loaded.source_path == folder / "session_fixture.yaml"
    assert same_state(loaded.state, session.state)


def test_seed_out_of_range_is_refused(scenario: Scenario) -> None:
    with pytest.raises(ValueError, match="2\\^63-1"):
        Session.new(scenario, -1)


def test_replay_on_an_edited_scenario(scenario: Scenario, fixture_path: Path, tmp_path: Path) -> None:
    session = new_session(scenario, fixture_path)
    play(session, 3)
    edited = _changed(tmp_path, "name: Four-hour access", "name: Seen within four hours")
    again = session.replay_on(edited)
    assert again.view().metrics[0].name == "Seen within four hours"
    assert same_state(again.state, session.state)
    broken = _changed(tmp_path, "  - id: tackle\n", "  - id: confront\n")
    with pytest.raises(SaveError, match="turn 2 no longer applies"):
        session.replay_on(broken)
    assert session.turn == 4 and len(session.log) == 3


@pytest.mark.parametrize("policy", ["partner", "force", "balanced"])
def test_built_in_policies_play_through_the_session(scenario: Scenario, policy: str) -> None:
    session = new_session(scenario, seed=2)
    while not session.is_over:
        if session.pending_event() is not None:
            session.choose(session.suggest_choice(policy))
        else:
            before = session.state
            plan = session.suggest(policy)
            assert same_state(before, session.state), "asking for a suggestion changes nothing"
            session.play_turn(plan)
    stances = session.stance_counts()
    if policy == "partner":
        assert stances.push == 0 and stances.partner > 0
    if policy == "force":
        assert stances.push > 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_sequence_of_moves_keeps_the_game_whole_and_replayable(
    scenario: Scenario, tmp_path: Path, data: st.DataObject
) -> None:
    """Random moves, legal or not: a refused one changes nothing, and a save replays exactly."""
    session = new_session(scenario, seed=data.draw(st.integers(0, 2**63 - 1), label="seed"))
    pairs = [(o.action, o.target) for o in session.options()] + [("merge", None), ("engage", "nobody")]
    for _ in range(data.draw(st.integers(1, 12), label="moves")):
        if session.is_over:
            break
        before, log = session.state, session.log
        try:
            if session.pending_event() is not None:
                session.choose(data.draw(st.integers(-1, 3), label="choice"))
            else:
                picked = data.draw(st.lists(st.sampled_from(pairs), max_size=4), label="plan")
                session.play_turn([Decision(a, t) for a, t in picked])
        except IllegalMove:
            assert same_state(before, session.state)
            assert session.log == log
    path = tmp_path / "any.json"
    session.save(path)
    loaded = Session.load(path, scenario, autosave=False)
    assert same_state(loaded.state, session.state)
    assert loaded.phase == session.phase and loaded.ending == session.ending
