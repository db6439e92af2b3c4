"""Event choices show a risk forecast, like actions: rollouts from the state after each answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.session import IllegalMove, Session
from game.session.amounts import signed_points
from game.ui import library
from game.ui.harness import Harness
from game.ui.screens.event import EventScreen
from game.ui.widgets.controls import ListItem
from game.workshop.create import NewWorkshop, create


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def merger() -> Session:
    return Session.new(library.load(library.resolve("european_merger")), 4, autosave=False)


def until_event(session: Session) -> None:
    while session.pending_event() is None:
        assert not session.is_over, "no event fired in this game"
        session.play_turn(session.suggest("balanced"))


def test_each_choice_gets_a_forecast_that_is_cached_and_leaves_the_game_alone() -> None:
    session, twin = merger(), merger()
    until_event(session)
    until_event(twin)
    event = session.pending_event()
    assert event is not None
    forecasts = [session.forecast_choice(i, rollouts=200) for i in range(len(event.choices))]
    for found in forecasts:
        assert found.rollouts == 200
        assert sum(found.outcomes.values()) == pytest.approx(1.0)
        assert sum(found.endings.values()) == pytest.approx(1.0)
        assert 0 <= found.score[0] <= found.score[1] <= found.score[2] <= 100
        assert set(found.block_chance.values()) == {0.0}  # the turn's resistance is already decided
    assert session.forecast_choice(0, rollouts=200) is forecasts[0]
    # Forecasting never touches the game's own luck or state: both games go on identically.
    for game in (session, twin):
        game.choose(0)
        while not game.is_over:
            if game.pending_event() is not None:
                game.choose(0)
            else:
                game.play_turn(game.suggest("balanced"))
    assert session.log == twin.log
    assert session.score == twin.score


def test_choices_of_one_event_share_their_luck_so_a_harmless_difference_is_the_choice() -> None:
    session = merger()
    until_event(session)
    event = session.pending_event()
    assert event is not None
    # Answering with the same choice twice under a fresh cache gives the very same forecast: the seeds are fixed per event.
    first = session.forecast_choice(0, rollouts=150)
    session._choice_forecasts.clear()
    again = session.forecast_choice(0, rollouts=150)
    assert first == again


def test_no_event_or_a_wrong_number_is_refused() -> None:
    session = merger()
    with pytest.raises(IllegalMove):
        session.forecast_choice(0)
    until_event(session)
    event = session.pending_event()
    assert event is not None
    with pytest.raises(IllegalMove, match="from 1 to"):
        session.forecast_choice(len(event.choices))


def reach_event(h: Harness) -> None:
    for _ in range(300):
        name = h.screen.name
        if name == "event":
            return
        if name == "briefing" or name == "summary":
            h.key(pygame.K_RETURN)
        elif name == "turn":
            h.key(pygame.K_1)
            if getattr(h.screen, "picking", None) is not None:
                h.key(pygame.K_1)
            h.key(pygame.K_e)
        else:
            raise AssertionError(f"unexpected screen {name}")
    raise AssertionError("no event")


def choice_items(h: Harness) -> list[ListItem]:
    return [w for w in h.screen.group.widgets if isinstance(w, ListItem) and w.key.startswith("choice:")]


def test_the_event_screen_shows_each_choices_forecast() -> None:
    h = Harness(["european_merger", "--seed", "4"])
    reach_event(h)
    screen = h.screen
    assert isinstance(screen, EventScreen) and screen.forecast_job is not None
    assert screen.forecast_job.wait(60)  # worked out off the frame loop, then laid out
    h.step()
    items = choice_items(h)
    assert len(items) >= 2
    chances = [h.app.play.choice_forecast(i) for i in range(len(items))]
    for i, item in enumerate(items):
        # Each answer's chance of success, and the difference against the other answer's.
        assert item.subtitle.startswith("Success "), item.subtitle
        assert "against the" in item.subtitle and "failure " in item.subtitle
        mine = chances[i]
        other = max(c.chances["success"] for j, c in enumerate(chances) if j != i and c is not None)
        assert mine is not None
        assert signed_points(mine.chances["success"] - other) in item.subtitle


def test_the_setting_hides_event_forecasts() -> None:
    h = Harness(["european_merger", "--seed", "4"])
    h.app.settings.show_forecasts = False
    reach_event(h)
    assert all(item.subtitle == "" for item in choice_items(h))
    hidden = [w for w in h.screen.group.widgets if getattr(w, "body", "") == "Forecasts are hidden (Settings)."]
    assert hidden


def test_a_workshop_without_forecasts_hides_them_on_events(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    create(NewWorkshop(folder, "european_merger", ["Red"], seed=4, hide_forecasts=True))
    h = Harness(["--workshop", str(folder), "--team", "red"])
    reach_event(h)
    assert all(item.subtitle == "" for item in choice_items(h))
    assert h.app.play is not None and not h.app.play.forecasts_allowed


def test_the_first_turn_s_forecasts_are_worked_out_while_the_briefing_is_read() -> None:
    from game.i18n import t
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.widgets.action_card import ActionCard

    h = Harness(["system_reform", "--seed", "3", "--size", "1280x720"])
    briefing = h.screen
    assert isinstance(briefing, BriefingScreen) and briefing.play is not None
    job = briefing.play.forecast_job()
    assert job is not None and job.wait(60) and not job.error
    assert not briefing.play.session.history  # set up, not played: nothing to autosave yet
    h.key(pygame.K_RETURN)
    assert h.screen.name == "turn" and h.app.play is briefing.play
    cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard) and w.enabled]
    assert cards and all(c.forecast and c.forecast != t("card.forecast_pending") for c in cards)  # on the turn's first frame
    h.close()
