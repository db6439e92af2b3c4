"""The desktop game played headless, start to debrief, on every shipped scenario: by keyboard and by mouse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.ui.harness import Harness
from game.ui.widgets.action_card import ActionCard
from tests.ui_support import focus_walk

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yaml"
ALL = [*SCENARIOS, FIXTURE] if FIXTURE.exists() else SCENARIOS
MAX_STEPS = 400


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def play_by_keyboard(h: Harness) -> list[str]:
    """Take the first action (and its first target) each turn, answer events with 1."""
    visited = []
    for _ in range(MAX_STEPS):
        name = h.screen.name
        visited.append(name)
        if name == "briefing":
            h.key(pygame.K_RETURN)
        elif name == "turn":
            h.key(pygame.K_1)
            if getattr(h.screen, "picking", None) is not None:
                h.key(pygame.K_1)
            h.key(pygame.K_e)
        elif name == "event":
            h.key(pygame.K_1)
        elif name == "summary":
            h.key(pygame.K_RETURN)
        elif name == "debrief":
            h.key(pygame.K_2)
            h.key(pygame.K_3)
            return visited
        else:
            raise AssertionError(f"unexpected screen {name}")
    raise AssertionError(f"no debrief after {MAX_STEPS} steps: {visited[-10:]}")


def play_by_mouse(h: Harness) -> list[str]:
    """Click the first card that can be taken (and the first target it offers), then End turn."""
    visited = []
    for _ in range(MAX_STEPS):
        name = h.screen.name
        visited.append(name)
        if name == "briefing":
            h.click_widget("begin")
        elif name == "turn":
            cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard) and w.enabled]
            if cards:
                h.click(cards[-1].rect.center)
                picks = [w for w in h.screen.group.widgets if w.key.startswith("pick:") and w.key != "pick:cancel" and w.enabled]
                if picks:
                    h.click(picks[0].rect.center)
            h.click_widget("end_turn")
        elif name == "event":
            h.click_widget("choice:0")
        elif name == "summary":
            h.click_widget("continue")
        elif name == "debrief":
            h.click_widget("page:1")
            h.click_widget("page:2")
            return visited
        else:
            raise AssertionError(f"unexpected screen {name}")
    raise AssertionError(f"no debrief after {MAX_STEPS} steps: {visited[-10:]}")


@pytest.mark.parametrize("scenario", ALL, ids=lambda p: p.stem)
def test_keyboard_plays_every_scenario_to_the_debrief(scenario: Path) -> None:
    h = Harness([str(scenario), "--seed", "11"])
    visited = play_by_keyboard(h)
    session = h.app.play.session  # type: ignore[union-attr]
    assert session.is_over and session.ending is not None
    assert {"briefing", "turn", "summary", "debrief"} <= set(visited)
    # Each turn the first action was planned: the log shows a decision in the first turn.
    assert session.history[0].decisions, "pressing 1 (and 1 for the target) should plan an action"
    assert h.screen.page == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize("scenario", ALL, ids=lambda p: p.stem)
def test_mouse_plays_every_scenario_to_the_debrief(scenario: Path) -> None:
    h = Harness([str(scenario), "--seed", "12"])
    visited = play_by_mouse(h)
    session = h.app.play.session  # type: ignore[union-attr]
    assert session.is_over
    assert "debrief" in visited
    assert any(record.decisions for record in session.history)


def test_tab_walks_the_widgets_and_shows_a_focus_ring() -> None:
    h = Harness(["tutorial", "--seed", "1"])
    h.key(pygame.K_RETURN)
    assert h.screen.name == "turn"
    seen = set(focus_walk(h, [pygame.K_TAB] * 40))
    # Tab reaches stakeholders on the map, numbers, action cards and the turn buttons.
    assert any(k.startswith("node:") for k in seen)
    assert any(k.startswith("action:") for k in seen)
    assert any(k.startswith("metric:") for k in seen)
    assert "end_turn" in seen
    focus = h.app.theme.colour("focus")
    rect = h.screen.group.focused.focus_rect().inflate(6, 6)  # type: ignore[union-attr]
    ring = [h.app.surface.get_at((x, rect.top)) for x in range(rect.left + 8, rect.right - 8)]
    assert sum(1 for c in ring if c[:3] == focus[:3]) > len(ring) // 2


def test_shift_tab_goes_backwards_and_arrows_move_between_cards() -> None:
    h = Harness(["system_reform", "--seed", "1"]) if (ROOT / "scenarios" / "system_reform.yaml").exists() else Harness([str(FIXTURE)])
    h.key(pygame.K_RETURN)
    h.key(pygame.K_TAB)
    first = h.screen.group.focused
    h.key(pygame.K_TAB)
    h.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert h.screen.group.focused is first
    cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard)]
    h.screen.group.focus(cards[0])
    h.key(pygame.K_DOWN)
    below = h.screen.group.focused
    assert below is not None and below.rect.centery > cards[0].rect.centery


def test_over_budget_is_refused_with_a_message() -> None:
    h = Harness(["tutorial", "--seed", "2"])
    h.key(pygame.K_RETURN)
    play = h.app.play
    assert play is not None
    budget = play.session.budget
    # Keep adding the first targets of every action until the plan is full, then one more.
    for number in range(1, 5):
        h.key(pygame.K_0 + number)
        if getattr(h.screen, "picking", None) is not None:
            h.key(pygame.K_1)
        if play.time_left == 0:
            break
    assert play.spent <= budget
    h.key(pygame.K_3)  # the push actions cost 2: more than is left
    if getattr(h.screen, "picking", None) is not None:
        h.key(pygame.K_1)
    assert play.spent <= budget
    assert "leadership time" in h.app.toast


def test_closing_mid_game_autosaves_and_continue_resumes(user_home: Path) -> None:
    h = Harness(["tutorial", "--seed", "7"])
    h.key(pygame.K_RETURN)
    h.key(pygame.K_2)  # explain the case: no target
    h.key(pygame.K_e)
    while h.screen.name != "turn":
        h.key(pygame.K_1 if h.screen.name == "event" else pygame.K_RETURN)
    before = h.app.play.session.view()  # type: ignore[union-attr]
    turns = len(h.app.play.session.history)  # type: ignore[union-attr]
    h.post(pygame.event.Event(pygame.QUIT))
    assert not h.app.running
    pygame.quit()

    again = Harness([])
    assert again.screen.name == "title"
    continue_button = again.widget("continue")
    assert continue_button is not None and continue_button.enabled
    again.click_widget("continue")
    assert again.screen.name == "turn"
    resumed = again.app.play.session  # type: ignore[union-attr]
    assert len(resumed.history) == turns
    assert resumed.view() == before


def test_menu_saves_to_a_slot_and_load_restores_it() -> None:
    h = Harness(["tutorial", "--seed", "9"])
    h.key(pygame.K_RETURN)
    h.key(pygame.K_2)
    h.key(pygame.K_e)
    while h.screen.name != "turn":
        h.key(pygame.K_1 if h.screen.name == "event" else pygame.K_RETURN)
    view = h.app.play.session.view()  # type: ignore[union-attr]
    h.key(pygame.K_ESCAPE)
    assert h.screen.name == "menu"
    h.click_widget("menu:save")
    assert h.screen.name == "saves"
    h.click_widget("slot:slot2")
    assert h.screen.name == "menu"
    h.click_widget("menu:title")
    assert h.screen.name == "title"
    h.click_widget("load")
    h.click_widget("slot:slot2")
    assert h.screen.name == "turn"
    assert h.app.play.session.view() == view  # type: ignore[union-attr]


def test_autoplay_plays_a_whole_game_without_input() -> None:
    h = Harness(["tutorial", "--seed", "4", "--autoplay", "balanced"])
    h.run_until(lambda x: x.screen.name == "debrief", max_steps=2000)
    assert h.app.play is not None and h.app.play.session.is_over


def test_the_seed_box_on_the_title_screen_sets_the_luck() -> None:
    h = Harness([])
    h.click_widget("seed")
    for ch in "12x":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    h.key(pygame.K_RETURN)
    assert h.screen.name == "title" and "not a seed" in h.app.toast
    h.key(pygame.K_BACKSPACE)
    h.key(pygame.K_RETURN)
    assert h.screen.name == "briefing"
    assert h.screen.seed == 12  # type: ignore[attr-defined]


def test_title_screen_starts_the_selected_scenario() -> None:
    h = Harness([])
    assert h.screen.name == "title"
    h.key(pygame.K_DOWN)
    h.key(pygame.K_RETURN)  # the focused scenario becomes selected
    h.key(pygame.K_RETURN)  # selecting it again starts it
    assert h.screen.name == "briefing"
    h.key(pygame.K_ESCAPE)
    assert h.screen.name == "title"


@pytest.mark.parametrize(("scenario", "months"), [("tutorial", None), ("system_reform", "about 36 months")])
def test_briefing_gives_calendar_months_only_for_dated_scenarios(scenario: str, months: str | None) -> None:
    h = Harness([str(ROOT / "scenarios" / f"{scenario}.yaml"), "--seed", "1"])
    assert h.screen.name == "briefing"
    texts = [str(getattr(w, "body", "")) for w in h.screen.group.widgets]
    facts = next(text for text in texts if "leadership time to spend" in text)
    if months is None:
        assert "month" not in facts
        assert facts.startswith("6 turns of one fortnight each.")
    else:
        assert months in facts
