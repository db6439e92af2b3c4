"""Workshops: the workshop file, team seats, injects, the same luck for every team."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.session import Decision
from game.sim.batch import play_decisions
from game.sim.engine import Engine
from game.workshop.compare import flip_each_turn
from game.workshop.config import load_workshop
from game.workshop.create import CreateError, NewWorkshop, create
from game.workshop.files import SessionFileError, read_session
from game.workshop.fill import fill
from game.workshop.problems import WorkshopError
from game.workshop.seat import TeamSeat, pause_due


def make(tmp_path: Path, scenario: str = "tutorial", teams: tuple[str, ...] = ("Red", "Blue"), **kw: object):  # type: ignore[no-untyped-def]
    return create(NewWorkshop(tmp_path / "ws", scenario, list(teams), **kw))  # type: ignore[arg-type]


def play_script(seat: TeamSeat, turns: list[list[Decision]]) -> None:
    """Play the given decisions turn by turn, answering every event with its first choice."""
    s = seat.session
    for decisions in turns:
        while s.pending_event() is not None:
            seat.choose(0)
        if s.is_over:
            return
        seat.play_turn(decisions)
    while s.pending_event() is not None:
        seat.choose(0)


def test_new_writes_a_commented_file_that_reads_back(tmp_path: Path) -> None:
    w = make(tmp_path, seed=42, predict=True, decision_seconds=90, injects=[("consultant_letter", 2)])
    text = (w.folder / "workshop.yaml").read_text()
    assert text.startswith("# A Push Comes to Shove workshop")
    again = load_workshop(w.folder)
    assert again.seed == 42 and again.teams == ["Red", "Blue"]
    assert again.file.options.decision_seconds == 90 and again.file.options.predict
    assert again.file.scenario.id == "tutorial" and len(again.file.scenario.sha256) == 64
    assert (w.folder / "sessions").is_dir()


def test_a_random_seed_is_written_down(tmp_path: Path) -> None:
    w = make(tmp_path)
    assert f"seed: {w.seed}" in (w.folder / "workshop.yaml").read_text()


def test_new_refuses_bad_requests(tmp_path: Path) -> None:
    with pytest.raises(CreateError, match="did you mean `consultant_letter`"):
        make(tmp_path, injects=[("consultant_lettr", 2)])
    with pytest.raises(CreateError, match="from 1 to 6"):
        make(tmp_path, injects=[("consultant_letter", 9)])
    with pytest.raises(CreateError, match="given twice"):
        make(tmp_path, teams=("Red", "red"))
    with pytest.raises(CreateError, match="not a usable team name"):
        make(tmp_path, teams=("Red", "../etc"))
    assert not (tmp_path / "ws").exists()


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "workshop.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _line_of(folder: Path, needle: str) -> int:
    lines = (folder / "workshop.yaml").read_text().split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_workshop_file_errors_name_line_and_column(tmp_path: Path) -> None:
    w = make(tmp_path, injects=[("consultant_letter", 2)])
    folder = w.folder
    _edit(folder, "    turn: 2", "    turn: 40")
    _edit(folder, "  - event: consultant_letter", "  - event: consultant_leter")
    _edit(folder, '  - "Blue"', '  - "red"')
    with pytest.raises(WorkshopError) as caught:
        load_workshop(folder)
    messages = [str(p) for p in caught.value.problems]
    event_line = _line_of(folder, "consultant_leter")
    turn_line = _line_of(folder, "turn: 40")
    team_line = _line_of(folder, '- "red"')
    assert any(f"workshop.yaml:{event_line}:12: error: " in m and "did you mean `consultant_letter`" in m
               for m in messages), messages
    assert any(f"workshop.yaml:{turn_line}:11: error: turn 40 is past the end" in m for m in messages), messages
    assert any(f"workshop.yaml:{team_line}:5: error: the team `red` is listed twice" in m for m in messages), messages


def test_schema_errors_and_a_changed_scenario_carry_positions(tmp_path: Path) -> None:
    w = make(tmp_path)
    folder = w.folder
    _edit(folder, "seed:", "sede: 3\nseed:")
    with pytest.raises(WorkshopError) as caught:
        load_workshop(folder)
    line = _line_of(folder, "sede:")
    assert any(f":{line}:1: error: unknown key `sede`" in str(p) for p in caught.value.problems)
    _edit(folder, "sede: 3\n", "")
    sha = w.file.scenario.sha256
    _edit(folder, sha, "f" * 64)
    with pytest.raises(WorkshopError) as caught:
        load_workshop(folder)
    line = _line_of(folder, "sha256: \"fff")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (line, 11)
    assert "has changed since this workshop was made" in problem.message and sha in problem.message


def test_yaml_syntax_and_tags_are_refused_with_positions(tmp_path: Path) -> None:
    folder = make(tmp_path).folder
    path = folder / "workshop.yaml"
    path.write_text("seed: !!python/object:os.system 3\n")
    with pytest.raises(WorkshopError, match=r"workshop.yaml:1:7: error: the tag"):
        load_workshop(folder)
    path.write_text("seed: [1, 2\n")
    with pytest.raises(WorkshopError, match=r"workshop.yaml:2:1: error: YAML syntax"):
        load_workshop(folder)


def test_two_teams_with_the_same_decisions_get_identical_trajectories(tmp_path: Path) -> None:
    w = make(tmp_path, scenario="system_reform", teams=("Red", "Blue", "Green"), seed=11)
    plan = [[Decision("engage_partner", "consultants"), Decision("brief_board")],
            [Decision("force_decision", "stroke_surgery")], [Decision("communicate_vision")]] * 4
    red, blue = TeamSeat.open(w, "Red"), TeamSeat.open(w, "Blue")
    play_script(red, plan)
    play_script(blue, plan)
    a, b = read_session(red.path), read_session(blue.path)
    assert a.trajectory == b.trajectory and a.log == b.log
    assert a.score == b.score and a.ending == b.ending
    # A third team that differs in one turn ends somewhere else.
    green = TeamSeat.open(w, "Green")
    play_script(green, [[Decision("tackle_resister", "consultants")], *plan[1:]])
    assert read_session(green.path).trajectory != a.trajectory


def test_a_seat_resumes_from_its_session_file(tmp_path: Path) -> None:
    w = make(tmp_path, seed=5)
    seat = TeamSeat.open(w, "red")  # names match ignoring capitals
    assert seat.team == "Red"
    play_script(seat, [[Decision("engage", "consultants")], [Decision("explain")]])
    again = TeamSeat.open(load_workshop(w.folder), "Red")
    assert again.session.log == seat.session.log
    assert again.session.score == seat.session.score
    with pytest.raises(SessionFileError, match="no team `Purple`"):
        TeamSeat.open(w, "Purple")


def test_a_session_from_another_seed_is_not_resumed(tmp_path: Path) -> None:
    w = make(tmp_path, seed=5)
    play_script(TeamSeat.open(w, "Red"), [[Decision("explain")]])
    _edit(w.folder, "seed: 5", "seed: 6")
    with pytest.raises(SessionFileError, match="another workshop"):
        TeamSeat.open(load_workshop(w.folder), "Red")


def test_an_inject_fires_at_its_turn_for_every_team(tmp_path: Path) -> None:
    w = make(tmp_path, seed=1, injects=[("consultant_letter", 1)])
    for team in ("Red", "Blue"):
        seat = TeamSeat.open(w, team)
        seat.play_turn([])
        waiting = seat.session.pending_event()
        assert waiting is not None and waiting.id == "consultant_letter"
        seat.choose(0)
        while not seat.session.is_over:
            assert seat.session.pending_event() is None  # it happens only at the inject's turn
            seat.play_turn([])
    # The inject's pause follows the turn it fires in, beside the scenario's own pause points.
    assert [p.after_turn for p in w.pauses()] == [1, 3, 5]
    assert w.pauses()[0].source == "inject"


def test_pauses_wait_for_the_facilitator_word(tmp_path: Path) -> None:
    w = make(tmp_path, seed=2)
    seat = TeamSeat.open(w, "Red")
    for _ in range(3):
        seat.play_turn([])
        while seat.session.pending_event() is not None:
            seat.choose(0)
    pause = seat.pending_pause()
    assert pause is not None and pause.after_turn == 3
    assert read_session(seat.path).status == "paused"
    assert not seat.release("continue-wrong-00")
    assert seat.pending_pause() is not None
    assert seat.release(f"  {w.file.facilitator_word.upper()} ")
    assert seat.pending_pause() is None and read_session(seat.path).released == [3]
    assert pause_due(w.pauses(), 3, [], over=True) is None


def test_predictions_are_recorded_with_what_happened(tmp_path: Path) -> None:
    w = make(tmp_path, seed=2, predict=True)
    seat = TeamSeat.open(w, "Red")
    assert seat.prediction_due()
    seat.predict("up")
    assert not seat.prediction_due()
    seat.play_turn([Decision("engage", w.predict_stakeholder)])
    (p,) = read_session(seat.path).predictions
    before = read_session(seat.path).trajectory[0].trust[p.stakeholder]
    after = read_session(seat.path).trajectory[1].trust[p.stakeholder]
    assert p.guess == "up" and p.actual == ("up" if after - before > 0.01 else "same" if after - before >= -0.01 else "down")


def test_time_up_plays_no_action_and_is_recorded(tmp_path: Path) -> None:
    w = make(tmp_path, seed=2, decision_seconds=30)
    seat = TeamSeat.open(w, "Red")
    seat.time_up()
    saved = read_session(seat.path)
    assert saved.timeouts == [1] and saved.log[0].decisions == []


def test_fill_plays_a_whole_game_and_refuses_a_taken_seat(tmp_path: Path) -> None:
    w = make(tmp_path, seed=9)
    seat = fill(w, "Red", "balanced")
    saved = read_session(seat.path)
    assert saved.status == "ended" and saved.policy == "balanced" and saved.ending is not None
    with pytest.raises(SessionFileError, match="already has a session"):
        fill(w, "Red", "force")


def test_a_flipped_turn_equals_a_replay_of_the_changed_log(tmp_path: Path) -> None:
    w = make(tmp_path, scenario="system_reform", seed=4)
    seat = fill(w, "Red", "greedy")
    engine = Engine(w.scenario)
    log = seat.session.log
    turnings = flip_each_turn(engine, w.seed, log, seat.session.score)
    assert [t.turn for t in turnings] == list(range(1, len(log) + 1))
    for t in (turnings[0], turnings[5], turnings[-1]):
        decisions = [list(turn.decisions) for turn in log]
        decisions[t.turn - 1] = list(t.alternative)
        replayed = play_decisions(engine, w.seed, decisions, [turn.choices for turn in log], strict=False)
        assert t.flipped_score == pytest.approx(min(100.0, replayed.score), abs=1e-9)
        assert t.instead == ("partner" if t.stance == "push" else "push")


def test_cli_new_fill_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cli"
    assert main(["workshop", "new", str(folder), "--scenario", "tutorial", "--teams", "Red,Blue",
                 "--seed", "3", "--inject", "consultant_letter@2"]) == 0
    out = capsys.readouterr().out
    assert "seed 3" in out and "Facilitator's word" in out
    assert main(["workshop", "fill", str(folder), "--team", "Blue", "--policy", "partner"]) == 0
    assert "played by the partner policy" in capsys.readouterr().out
    assert main(["workshop", "fill", str(folder), "--team", "Nobody", "--policy", "partner"]) == 1
    assert "no team `Nobody`" in capsys.readouterr().err
    assert main(["workshop", "new", str(tmp_path / "x"), "--scenario", "tutorial", "--teams", "A",
                 "--inject", "nonsense"]) == 2
    assert "EVENT@TURN" in capsys.readouterr().err
    (folder / "workshop.yaml").write_text("teams: 3\n")
    assert main(["workshop", "report", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "workshop.yaml:1:8: error:" in err and "Traceback" not in err


def test_session_file_is_plain_versioned_json(tmp_path: Path) -> None:
    w = make(tmp_path, seed=3)
    seat = TeamSeat.open(w, "Red")
    seat.play_turn([Decision("explain")])
    data = json.loads(seat.path.read_text())
    assert data["format"] == "push-comes-to-shove/workshop-session" and data["version"] == 1
    assert data["pin"]["seed"] == 3 and data["team"] == "Red"
    assert [p["turn"] for p in data["trajectory"]] == [0, 1]
    assert not list(seat.path.parent.glob(".*.tmp"))  # atomic writes leave no temporary files
