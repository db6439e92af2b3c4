"""A team game in the terminal, scripted through standard input."""

from __future__ import annotations

import argparse
import io
import itertools
from pathlib import Path

import pytest

from game import text_ui
from game.text_ui.render import Terminal
from game.text_ui.team import TeamTextGame
from game.workshop.config import load_workshop
from game.workshop.create import NewWorkshop, create
from game.workshop.files import read_session
from game.workshop.seat import TeamSeat
from tests.workshop_support import script


def play_args(folder: Path, team: str) -> argparse.Namespace:
    return argparse.Namespace(scenario=None, seed=None, load=None, text=True, lang=None,
                              workshop=str(folder), team=team)


def test_a_scripted_team_pauses_and_carries_on_with_the_facilitator_word(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    workshop = create(NewWorkshop(folder, "tutorial", ["Red", "Scout"], seed=2, hide_forecasts=True))
    lines = script(workshop)
    out = io.StringIO()
    code = text_ui.run(play_args(folder, "red"), stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue()
    assert code == 0, text[-2000:]
    pause = text.index("Discussion pause after fortnight 3")
    assert "Is there enough support to force the decision yet?" in text[pause:]
    refused = text.index("That is not the word to carry on", pause)
    assert text.index("Carry on.", refused) < text.index("Fortnight 4 of 6", pause)
    assert "Discussion pause after fortnight 5" in text
    assert "Risk forecasts are switched off in this workshop" in text
    assert "Forecast:" not in text and "if none)" not in text, "no forecast on the turn screen or at events"
    assert "Event: " in text, "the game had an event to answer"
    saved = read_session(workshop.session_path("Red"))
    assert saved.status == "ended" and saved.released == [3, 5]
    assert f"Your team's game is saved in {workshop.session_path('Red')}" in text


def test_input_ending_at_a_pause_saves_and_resumes_at_the_pause(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    workshop = create(NewWorkshop(folder, "tutorial", ["Red", "Scout"], seed=2, hide_forecasts=True))
    lines = script(workshop, stop_at_first_pause=True)
    out = io.StringIO()
    assert text_ui.run(play_args(folder, "Red"), stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out) == 0
    assert "To carry on, run: .venv/bin/python -m game play --workshop" in out.getvalue()
    assert read_session(workshop.session_path("Red")).status == "paused"
    out = io.StringIO()
    text_ui.run(play_args(folder, "Red"), stdin=io.StringIO(""), stdout=out)
    assert "Discussion pause after fortnight 3" in out.getvalue()


def test_the_clock_runs_out_and_the_turn_is_played_with_no_action(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    create(NewWorkshop(folder, "tutorial", ["Red"], seed=2, decision_seconds=30, predict=True, hide_forecasts=True))
    seat = TeamSeat.open(load_workshop(folder), "Red")
    # The deadline is set at 0 s; the prompt appears at 5 s (25 s left); the answer arrives at 40 s.
    times = itertools.chain([0.0, 5.0, 40.0], itertools.repeat(1e9))
    out = io.StringIO()
    game = TeamTextGame(seat, io.StringIO("d\n0\n"), out, Terminal(width=100, colour=False, bars=False),
                        clock=lambda: next(times))
    assert game.play() == 0  # input then ends: saved
    text = out.getvalue()
    assert "[0:25 left]" in text
    assert "Time is up: this turn was played with no action." in text
    saved = read_session(seat.path)
    assert saved.timeouts == [1] and saved.log[0].decisions == []
    assert saved.predictions[0].guess == "down" and saved.predictions[0].turn == 1


def test_bad_workshop_or_team_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = play_args(tmp_path / "nowhere", "Red")
    assert text_ui.run(args, stdin=io.StringIO(""), stdout=io.StringIO()) == 1
    assert "no such workshop folder" in capsys.readouterr().err
    folder = tmp_path / "ws"
    create(NewWorkshop(folder, "tutorial", ["Red"], seed=2))
    assert text_ui.run(play_args(folder, "Blue"), stdin=io.StringIO(""), stdout=io.StringIO()) == 1
    assert "no team `Blue`" in capsys.readouterr().err


def test_a_french_team_sees_the_scenario_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    create(NewWorkshop(folder, "tutorial", ["Rouge"], seed=2, hide_forecasts=True))
    args = play_args(folder, "Rouge")
    args.lang = "fr"
    out = io.StringIO()
    text_ui.run(args, stdin=io.StringIO(""), stdout=out)
    text = out.getvalue()
    tutorial = load_workshop(folder).base_scenario
    title = tutorial.meta.title
    assert isinstance(title, dict), "the tutorial is bilingual"
    assert title["fr"] in text
    assert title["en"] not in text
    assert f"{tutorial.meta.turn_label['fr']} 1" in text  # type: ignore[index]
    # The way back in keeps the language.
    assert "--team Rouge --text --lang fr" in " ".join(text.split())
