"""Scenarios at the limits of the format (tests/fixtures/edge/): they validate or are refused clearly,
play to an ending under every policy, save and replay, and show in both front ends without failing."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from types import ModuleType

import numpy as np
import pygame
import pytest

from game.scenario.loader import load, validate_path
from game.scenario.schema import POLICIES
from game.session import Session
from game.sim.batch import simulate
from game.sim.engine import Engine
from game.text_ui.game import TextGame
from game.text_ui.render import Terminal
from tests.ui_support import desktop

EDGE = Path(__file__).resolve().parent / "fixtures" / "edge"
PLAYABLE = sorted(p for p in EDGE.glob("*.yaml") if not p.name.startswith("refused_"))
REFUSED = sorted(EDGE.glob("refused_*.yaml"))


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("edge_generate", EDGE / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_edge_files_are_as_the_generator_writes_them() -> None:
    assert _generator().main(["--check"]) == 0, "run tests/fixtures/edge/generate.py"


def test_generator_limits_match_the_schema() -> None:
    from game.scenario import schema

    gen = _generator()
    assert (gen.NAME_MAX, gen.TEXT_MAX) == (schema.NAME_MAX_LENGTH, schema.TEXT_MAX_LENGTH)


def test_every_edge_case_is_here() -> None:
    names = {p.stem for p in PLAYABLE}
    assert {"one_stakeholder", "forty_stakeholders", "one_turn", "sixty_turns", "long_texts", "unbroken_texts",
            "rtl_arabic", "rtl_hebrew", "accented"} <= names
    assert len(REFUSED) == 4


@pytest.mark.parametrize("path", PLAYABLE, ids=lambda p: p.stem)
def test_edge_scenario_validates(path: Path) -> None:
    result = validate_path(path)
    assert result.ok, [str(p) for p in result.errors]


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.stem)
def test_past_the_limits_is_refused_with_a_position_and_the_limit(path: Path) -> None:
    result = validate_path(path)
    assert not result.ok
    (problem,) = result.errors
    assert problem.line > 1 and problem.column >= 1
    assert any(word in problem.message for word in ("at most", "between")), problem.message


@pytest.mark.parametrize("path", PLAYABLE, ids=lambda p: p.stem)
def test_edge_scenario_plays_to_an_ending_under_every_policy(path: Path) -> None:
    scenario = load(path)
    engine = Engine(scenario)
    for policy in POLICIES:
        result = simulate(engine, policy, runs=6, seed=3)
        assert np.all((result.ending >= 0) & (result.ending < len(scenario.endings))), policy
        assert np.all((result.turns >= 1) & (result.turns <= scenario.meta.turns)), policy
        assert np.all(np.isfinite(result.score) & (result.score >= 0) & (result.score <= 100)), policy


def test_sixty_turns_really_lasts_sixty_turns() -> None:
    result = simulate(Engine(load(EDGE / "sixty_turns.yaml")), "partner", runs=6, seed=3)
    assert result.turns.max() == 60


@pytest.mark.parametrize("name", ["forty_stakeholders", "sixty_turns", "rtl_hebrew", "accented"])
def test_edge_game_saves_and_replays_exactly(name: str, tmp_path: Path) -> None:
    path = EDGE / f"{name}.yaml"
    session = Session.new(load(path), 8, path, autosave=False)
    while not session.is_over:
        if session.pending_event() is not None:
            session.choose(session.suggest_choice("random"))
        else:
            session.play_turn(session.suggest("random"))
    session.save(tmp_path / "game.json")
    again = Session.load(tmp_path / "game.json", autosave=False)
    assert again.is_over and again.ending == session.ending
    assert again.score == session.score


class _Lines(io.StringIO):
    """Standard input that always answers the first choice (and takes no action)."""

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return "1\n" if "choice" in self.prompt.last else "0\n"

    def __init__(self, prompt: _Screen) -> None:
        super().__init__()
        self.prompt = prompt


class _Screen(io.StringIO):
    last = ""

    def write(self, text: str) -> int:
        if text:
            self.last = text
        return super().write(text)


@pytest.mark.parametrize("name", ["long_texts", "unbroken_texts", "rtl_arabic", "rtl_hebrew", "accented",
                                  "forty_stakeholders"])
def test_terminal_game_shows_edge_texts_within_its_width(name: str) -> None:
    path = EDGE / f"{name}.yaml"
    scenario = load(path)
    screen = _Screen()
    session = Session.new(scenario, 2, path, autosave=False)
    code = TextGame(session, str(path), _Lines(screen), screen, Terminal(width=80), rollouts=0).play()
    assert code == 0 and session.is_over
    out = screen.getvalue()
    title = scenario.meta.title if isinstance(scenario.meta.title, str) else scenario.meta.title["en"]
    assert title in out  # right-to-left text passes through unchanged, for the terminal to show
    too_wide = [line for line in out.splitlines() if len(line) > 80]
    assert not too_wide, too_wide[:3]


# --------------------------------------------------------------------------
# The desktop game


@pytest.mark.slow
@pytest.mark.usefixtures("user_home")
@pytest.mark.parametrize("path", PLAYABLE, ids=lambda p: p.stem)
def test_desktop_game_autoplays_an_edge_scenario_to_its_debrief(path: Path) -> None:
    from game.ui.harness import Harness

    with desktop([str(path), "--seed", "2", "--autoplay", "balanced"]) as h:
        seen = set()

        def done(x: Harness) -> bool:
            seen.add(x.screen.name)
            return x.screen.name == "debrief"

        h.run_until(done, max_steps=4000)
        # Every tab of the debrief, and the smallest window the game allows.
        for size in ((800, 480), (1920, 1080)):
            pygame.display.set_mode(size, pygame.RESIZABLE)
            h.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
            for _ in range(6):
                h.key(pygame.K_TAB)
                h.key(pygame.K_RIGHT)
        assert "turn" in seen or path.stem == "one_turn"


@pytest.mark.parametrize("name", ["rtl_arabic", "rtl_hebrew", "accented"])
def test_texts_the_shipped_fonts_can_draw_get_no_font_warning(name: str) -> None:
    # Arabic and Hebrew have their own Noto faces (scripts no font draws are tested in test_ui_rtl.py).
    result = validate_path(EDGE / f"{name}.yaml")
    assert result.ok
    assert not [p for p in result.warnings if "cannot draw" in p.message or "right-to-left" in p.message]


def test_fit_wraps_long_lines_under_their_indent_but_keeps_paths_and_commands_whole() -> None:
    from game.text_ui.render import fit

    long = "  " + "word " * 30
    wrapped = fit(long, 40)
    assert len(wrapped) > 1 and all(len(line) <= 40 for line in wrapped)
    assert wrapped[0].startswith("  word") and wrapped[1].startswith("      word")
    command = "To carry on, run: shove play x.yaml --text --load /a/very/long/path/" + "d" * 60 + "/autosave.json"
    assert fit(command, 40) == [command]
    coloured = "\x1b[2m" + "dim " * 30 + "\x1b[0m"
    assert all("\x1b" not in line and len(line) <= 40 for line in fit(coloured, 40))
    assert fit("\x1b[1mshort\x1b[0m", 40) == ["\x1b[1mshort\x1b[0m"]
