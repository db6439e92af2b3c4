"""Starting the desktop game: bad files and options are reported before any window; settings survive damage."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game import paths
from game.cli import build_parser
from game.ui import app as ui_app
from game.ui import settings as settings_store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def run(argv: list[str]) -> int:
    return ui_app.run(build_parser().parse_args(["play", *argv]))


def test_a_broken_scenario_is_reported_with_its_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("  turns: 6", "  turns: many", 1), encoding="utf-8")
    assert run([str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:" in err
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if row == "  turns: 6")
    assert f":{line}:" in err
    assert "Traceback" not in err


def test_an_unknown_scenario_and_a_bad_size_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["no_such_scenario_anywhere"]) == 2
    assert "no_such_scenario_anywhere" in capsys.readouterr().err
    assert run(["tutorial", "--size", "big"]) == 2
    assert "--size" in capsys.readouterr().err


def test_a_damaged_save_is_refused_with_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save = tmp_path / "save.json"
    save.write_text('{"format": "push-comes-to-shove/save", "version": 1, "seed": ', encoding="utf-8")
    assert run(["--load", str(save)]) == 1
    err = capsys.readouterr().err
    assert str(save) in err and "Traceback" not in err


@pytest.mark.slow
def test_autoplay_with_screenshots_plays_to_the_end_and_quits(tmp_path: Path) -> None:
    settings = settings_store.Settings(autoplay_pace="fast")
    settings_store.save(settings)
    shots = tmp_path / "shots"
    assert run(["tutorial", "--seed", "2", "--autoplay", "balanced", "--screenshots", str(shots), "--quit-at-end"]) == 0
    names = [p.name.split("-", 1)[1] for p in sorted(shots.glob("*.png"))]
    assert names[0] == "briefing.png"
    assert names[-1] == "debrief.png"
    assert names.count("turn.png") == 6
    # Playing wrote the autosave as it went.
    assert paths.autosave_path(create=False).is_file()


def test_settings_round_trip_and_survive_damage(user_home: Path) -> None:
    settings = settings_store.Settings(scale=1.5, show_forecasts=False, autoplay_pace="slow")
    settings_store.save(settings)
    loaded, message = settings_store.load()
    assert loaded == settings and message == ""

    path = paths.settings_path()
    path.write_text(json.dumps({"scale": 99, "show_forecasts": "yes", "autoplay_pace": "fast", "unknown": 1}), encoding="utf-8")
    loaded, message = settings_store.load()
    assert loaded.scale == 1.0 and loaded.show_forecasts is True and loaded.autoplay_pace == "fast"
    assert "scale" in message and "show_forecasts" in message

    path.write_text('{"scale": 1.2,', encoding="utf-8")
    loaded, message = settings_store.load()
    assert loaded == settings_store.Settings()
    assert f"{path}:1:" in message and "damaged" in message


def test_the_window_opens_without_a_sound_device(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.harness import Harness

    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_sound_device")  # the mixer cannot start
    h = Harness(["tutorial"])
    assert h.screen.name == "briefing"
    assert not pygame.mixer.get_init()
    assert not h.app.sounds.available and h.app.sounds.problem


def test_without_a_display_the_game_says_so_instead_of_running_unseen(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["XDG_DATA_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "tutorial"],
        env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert "cannot open a window" in done.stderr and "--text" in done.stderr
    assert "Traceback" not in done.stderr
