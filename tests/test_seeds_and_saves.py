"""Short seeds, old long seeds, and the title screen's Continue naming the game it resumes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pygame
import pytest

from game import seeds, text_ui
from game.scenario import loader
from game.session import Decision, Session
from game.session.saves import read_save
from game.workshop.create import NewWorkshop, create
from tests.test_text_ui import _args
from tests.ui_support import desktop

ROOT = Path(__file__).resolve().parent.parent
OLD_SEED = 7_311_249_503_815_592_177  # a 19-digit seed, as games drew before short seeds


def test_new_seeds_are_six_digits() -> None:
    drawn = {seeds.new_seed() for _ in range(2000)}
    assert all(seeds.SHORT_LOW <= s <= seeds.SHORT_HIGH and len(str(s)) == 6 for s in drawn)
    assert len(drawn) > 1900, "short seeds still spread the luck"


@pytest.mark.parametrize(("typed", "seed"), [
    ("482913", 482913), (" 482 913 ", 482913), ("482-913", 482913), ("0", 0), (str(OLD_SEED), OLD_SEED),
    (str(2**63 - 1), 2**63 - 1), (str(2**63), None), ("12x", None), ("", None), ("٤٨٢٩١٣", None), ("1" * 20, None),
])
def test_a_typed_seed(typed: str, seed: int | None) -> None:
    assert seeds.read_seed(typed) == seed


def test_an_old_long_seed_still_loads_and_replays_exactly(tmp_path: Path) -> None:
    scenario = loader.load(ROOT / "scenarios" / "tutorial.yaml")
    session = Session.new(scenario, OLD_SEED, autosave=False)
    for _ in range(3):
        if session.pending_event() is not None:
            session.choose(0)
        session.play_turn([Decision("explain_case", None)] if any(
            o.action == "explain_case" and o.available for o in session.options()) else [])
        while session.pending_event() is not None:
            session.choose(0)
    saved = tmp_path / "old.json"
    session.save(saved)
    assert read_save(saved).seed == OLD_SEED
    again = Session.load(saved)
    assert again.seed == OLD_SEED and again.view() == session.view() and again.score == session.score


def test_the_terminal_game_draws_a_six_digit_seed(user_home: Path) -> None:
    out = io.StringIO()
    assert text_ui.run(_args(scenario="tutorial"), io.StringIO("q\n"), out) == 0
    match = re.search(r"Seed (\d+): play the same luck again with --seed \1\.", out.getvalue())
    assert match is not None and len(match.group(1)) == 6, out.getvalue()[:800]


def test_a_new_workshop_draws_a_six_digit_seed(tmp_path: Path) -> None:
    workshop = create(NewWorkshop(tmp_path / "ws", "tutorial", ["Red", "Blue"]))
    assert len(str(workshop.seed)) == 6
    assert f"seed: {workshop.seed}\n" in (tmp_path / "ws" / "workshop.yaml").read_text(encoding="utf-8")


def test_the_title_screen_draws_a_six_digit_seed_and_takes_a_grouped_one(user_home: Path) -> None:
    with desktop([]) as h:
        h.key(pygame.K_RETURN)
        assert h.screen.name == "briefing"
        assert len(str(h.screen.seed)) == 6  # type: ignore[attr-defined]
    with desktop([]) as h:
        h.click_widget("seed")
        for ch in "482 913":
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        h.key(pygame.K_RETURN)
        assert h.screen.name == "briefing" and h.screen.seed == 482913  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "words"), [
    ("en", r"Last game: First hundred days, Fortnight 2 of 6 \(saved \d+ \w+ \d{4}, \d\d:\d\d\)"),
    ("fr", r"Dernière partie : Les cent premiers jours, Quinzaine 2 sur 6 \(enregistrée le \d+ \w+ \d{4} à \d\d:\d\d\)"),
])
def test_continue_names_the_scenario_the_turn_and_the_date(lang: str, words: str, user_home: Path) -> None:
    scenario = loader.load(ROOT / "scenarios" / "tutorial.yaml")
    session = Session.new(scenario, 5, ROOT / "scenarios" / "tutorial.yaml")
    session.play_turn([])
    while session.pending_event() is not None:
        session.choose(0)
    assert session.autosaved
    with desktop(["--lang", lang]) as h:
        caption = h.widget("last_game")
        assert caption is not None, [w.key for w in h.screen.group.widgets]
        assert re.fullmatch(words, caption.body), caption.body  # type: ignore[attr-defined]
        assert h.widget("continue").enabled  # type: ignore[union-attr]
