"""A workshop seat in the desktop game: prediction, decision clock, discussion pause, session file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.ui.harness import Harness
from game.workshop.create import NewWorkshop, create


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def type_word(h: Harness, word: str) -> None:
    for ch in word:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    h.step()


def test_a_team_plays_through_prediction_pause_and_the_clock(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    workshop = create(NewWorkshop(folder, "tutorial", ["Red", "Blue"], seed=5, predict=True, decision_seconds=10, hide_forecasts=True))
    word = workshop.file.facilitator_word
    h = Harness(["--workshop", str(folder), "--team", "red"])
    assert h.screen.name == "briefing"
    h.key(pygame.K_RETURN)
    assert h.screen.name == "predict"
    h.key(pygame.K_1)  # trust will go up
    assert h.screen.name == "turn"
    assert "hidden in this workshop" in h.widget("plan").forecast  # type: ignore[union-attr]
    play = h.app.play
    assert play is not None and play.seat is not None
    for _ in range(200):
        if h.screen.name == "pause":
            break
        if h.screen.name == "predict":
            h.key(pygame.K_2)
        elif h.screen.name == "turn":
            h.key(pygame.K_2)  # explain the case: no target
            h.key(pygame.K_e)
        elif h.screen.name == "event":
            h.key(pygame.K_1)
        else:
            h.key(pygame.K_RETURN)
    assert h.screen.name == "pause"
    assert len(play.session.history) == 3  # the tutorial pauses after turn 3
    type_word(h, "not-the-word")
    h.key(pygame.K_RETURN)
    assert h.screen.name == "pause" and h.screen.wrong  # type: ignore[attr-defined]
    type_word(h, word)
    h.key(pygame.K_RETURN)
    assert h.screen.name in ("predict", "turn")
    if h.screen.name == "predict":
        h.key(pygame.K_3)
    assert h.screen.name == "turn"
    # Let the decision clock run out: the turn is played with no action.
    h.screen.deadline = 0  # type: ignore[attr-defined]
    h.step()
    assert h.screen.name in ("summary", "event")
    assert "Time is up" in h.app.toast
    saved = json.loads((folder / "sessions" / "Red.json").read_text(encoding="utf-8"))
    assert saved["timeouts"] == [4]
    assert 3 in saved["released"]
    assert [p["guess"] for p in saved["predictions"]][:1] == ["up"]


def test_a_missing_team_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import build_parser
    from game.ui import app as ui_app

    folder = tmp_path / "ws"
    create(NewWorkshop(folder, "tutorial", ["Red"], seed=1))
    assert ui_app.run(build_parser().parse_args(["play", "--workshop", str(folder)])) == 2
    assert "--team" in capsys.readouterr().err
    assert ui_app.run(build_parser().parse_args(["play", "--workshop", str(folder), "--lang", "fr"])) == 2
    assert capsys.readouterr().err.endswith(
        "--workshop demande --team NOM\u00a0: l'équipe pour laquelle joue cet ordinateur\n")
    assert ui_app.run(build_parser().parse_args(["play", "--workshop", str(folder), "--lang", "en"])) == 2
    assert capsys.readouterr().err.endswith("--workshop needs --team NAME: the team this computer plays for\n")
    assert ui_app.run(build_parser().parse_args(["play", "--workshop", str(folder), "--team", "Green"])) == 1
    assert "Green" in capsys.readouterr().err
