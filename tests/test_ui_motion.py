"""The turn's resolution, the "why" feed, sound cues and the turn screen's cards, played headless with real pygame."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.i18n import t, translate
from game.session.amounts import signed_points
from game.session.views import StakeholderView
from game.ui import resolution, why_feed
from game.ui import settings as settings_store
from game.ui.harness import Harness
from game.ui.map import NodeWidget
from game.ui.screens.turn import TurnScreen
from game.ui.sound import CUES, Sounds, synthesise
from game.ui.widgets.action_card import ActionCard
from game.ui.widgets.change_row import ChangeRow

ROOT = Path(__file__).resolve().parent.parent
MAX_STEPS = 600


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def turn_screen(h: Harness) -> TurnScreen:
    screen = h.screen
    assert isinstance(screen, TurnScreen)
    return screen


def finish_resolution(h: Harness, *, skip: str = "") -> int:
    """Let a resolution play out (its clock moved on, one frame at a time), or skip it by a key or a click;
    returns the frames drawn while it played."""
    frames = 0
    while h.screen.name == "turn" and turn_screen(h).resolution is not None:
        if skip == "key":
            h.key(pygame.K_SPACE)
        elif skip == "click":
            h.click((5, h.app.surface.get_height() // 2))
        else:
            moving = turn_screen(h).resolution
            assert moving is not None
            moving.started -= 400  # a fifth or so of the whole, each step
            h.step()
            frames += 1
    return frames


def play_game(h: Harness, *, by: str, skip: str = "") -> list[str]:
    """Play to the debrief by keyboard or mouse, letting every resolution play (or skipping it)."""
    visited: list[str] = []
    for _ in range(MAX_STEPS):
        name = h.screen.name
        visited.append(name)
        if name == "briefing":
            h.key(pygame.K_RETURN) if by == "keyboard" else h.click_widget("begin")
        elif name == "turn":
            if by == "keyboard":
                h.key(pygame.K_1)
                if turn_screen(h).picking is not None:
                    h.key(pygame.K_1)
                h.key(pygame.K_e)
            else:
                cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard) and w.enabled]
                if cards:
                    h.click(cards[0].rect.center)
                    picks = [w for w in h.screen.group.widgets if w.key.startswith("pick:") and w.key != "pick:cancel" and w.enabled]
                    if picks:
                        h.click(picks[0].rect.center)
                h.click_widget("end_turn")
            if h.screen.name == "turn" and turn_screen(h).resolution is not None:
                visited.append("resolution")
                finish_resolution(h, skip=skip)
        elif name == "event":
            h.key(pygame.K_1) if by == "keyboard" else h.click_widget("choice:0")
        elif name == "summary":
            h.key(pygame.K_RETURN) if by == "keyboard" else h.click_widget("continue")
        elif name == "debrief":
            return visited
        else:
            raise AssertionError(f"unexpected screen {name}")
    raise AssertionError(f"no debrief after {MAX_STEPS} steps: {visited[-10:]}")


# -- the resolution -------------------------------------------------------------------


def test_the_resolution_eases_from_the_old_values_to_exactly_the_new() -> None:
    h = Harness(["system_reform", "--seed", "4", "--size", "1280x720"], motion=True)
    h.key(pygame.K_RETURN)
    h.key(pygame.K_1)
    if turn_screen(h).picking is not None:
        h.key(pygame.K_1)
    h.key(pygame.K_e)
    screen = turn_screen(h)
    moving = screen.resolution
    assert moving is not None, "End turn did not start the resolution"
    assert screen.name == "turn" and "resolved" in h.app.sounds.played
    start = moving.started
    before = {s.id: s for s in moving.before.stakeholders}
    after = {s.id: s for s in moving.after.stakeholders}
    assert any(abs(after[k].support - before[k].support) > 0.01 for k in after), "nothing moved this turn"

    at_start = {s.id: s for s in moving.stakeholders(start)}
    assert all(at_start[k].support == before[k].support and at_start[k].trust == before[k].trust for k in before)
    halfway = {s.id: s for s in moving.stakeholders(start + moving.duration // 2)}
    for k in before:
        low, high = sorted((before[k].support, after[k].support))
        assert low <= halfway[k].support <= high
    # At its end the views are the new ones themselves, not a float that nearly equals them.
    assert moving.stakeholders(start + moving.duration) is moving.after.stakeholders
    assert moving.metrics(start + moving.duration) is moving.after.metrics
    assert moving.programmes(start + moving.duration + 5000) is moving.after.programmes
    assert resolution.ease(0.0) == 0.0 and resolution.ease(1.0) == 1.0

    # The map draws the values of the moment: halfway, a moved node shows a support between the two.
    moving.started = h_now() - moving.duration // 2
    h.step()
    moved = max(after, key=lambda k: abs(after[k].support - before[k].support))
    shown = screen.nodes[moved].data.support
    assert min(before[moved].support, after[moved].support) < shown < max(before[moved].support, after[moved].support)
    # Its pulses follow the influence lines into the stakeholders peers moved.
    targets = {target for _, target, _ in moving.pulses}
    assert targets <= {e.target for e in h.app.play.scenario.influence}  # type: ignore[union-attr]

    moving.started -= moving.duration
    h.step()
    assert h.screen.name in ("summary", "event")


def h_now() -> int:
    from game.ui import clock

    return clock.now_ms()


def test_a_key_skips_the_resolution_and_nothing_moves_afterwards() -> None:
    h = Harness(["tutorial", "--seed", "2"], motion=True)
    h.key(pygame.K_RETURN)
    h.key(pygame.K_e)
    assert turn_screen(h).resolution is not None
    assert turn_screen(h).next_wake_ms() == resolution.FRAME_MS  # frames only while something moves
    h.key(pygame.K_SPACE)
    assert h.screen.name in ("summary", "event")
    assert h.screen.next_wake_ms() is None or h.screen.next_wake_ms() > resolution.FRAME_MS


def test_reduced_motion_goes_straight_to_the_summary() -> None:
    h = Harness(["tutorial", "--seed", "2"], motion=True)
    h.app.settings.reduce_motion = True
    h.key(pygame.K_RETURN)
    h.key(pygame.K_e)
    assert h.screen.name in ("summary", "event")


@pytest.mark.parametrize(("by", "skip"), [("keyboard", ""), ("mouse", ""), ("keyboard", "key"), ("mouse", "click")])
def test_whole_games_with_the_resolution_played_or_skipped(by: str, skip: str) -> None:
    h = Harness(["european_merger", "--seed", "5"], motion=True)
    visited = play_game(h, by=by, skip=skip)
    assert visited.count("resolution") >= 5
    assert {"briefing", "turn", "summary", "debrief"} <= set(visited)


def test_the_projector_layout_resolves_too_and_never_waits_for_a_forecast() -> None:
    h = Harness(["european_merger", "--seed", "5", "--size", "1920x1080", "--scale", "1.5"], motion=True)
    h.key(pygame.K_RETURN)
    assert h.app.theme.compact(h.app.surface.get_size())
    h.key(pygame.K_e)
    screen = turn_screen(h)
    assert screen.resolution is not None
    assert h.widget("skip_resolution") is not None and not any(isinstance(w, ActionCard) for w in screen.group.widgets)
    assert finish_resolution(h) >= 3
    assert h.screen.name in ("summary", "event")


def test_a_whole_game_with_motion_off_by_mouse() -> None:
    h = Harness(["european_merger", "--seed", "5"], motion=True)
    h.app.settings.reduce_motion = True
    visited = play_game(h, by="mouse")
    assert "resolution" not in visited and visited[-1] == "debrief"


def test_a_whole_game_with_no_sound_device(monkeypatch: pytest.MonkeyPatch) -> None:
    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_sound_device")
    h = Harness(["tutorial", "--seed", "3"], motion=True)
    assert not h.app.sounds.available
    visited = play_game(h, by="keyboard")
    assert visited[-1] == "debrief" and "resolution" in visited
    assert "resolved" in h.app.sounds.played  # asked for, and silently not heard


# -- hovering ---------------------------------------------------------------------------


def test_hovering_a_stakeholder_lights_its_web_and_a_feed_line_lights_its_node() -> None:
    h = Harness(["system_reform", "--seed", "4", "--size", "1280x720"])
    h.key(pygame.K_RETURN)
    screen = turn_screen(h)
    node = next(w for w in screen.group.widgets if isinstance(w, NodeWidget))
    h.move(node.rect.center)
    assert screen.focus() == node.data.id
    before = h.app.surface.copy()
    far = next(n for k, n in screen.nodes.items() if k not in _web(h, node.data.id))
    h.app.draw()
    # An unrelated node is veiled: its centre is paler than before the hover.
    assert sum(h.app.surface.get_at(far.centre)[:3]) >= sum(before.get_at(far.centre)[:3])
    h.move((2, 2))
    assert screen.focus() is None

    h.key(pygame.K_1)
    if screen.picking is not None:
        h.key(pygame.K_1)
    h.key(pygame.K_e)
    while h.screen.name != "turn":
        h.key(pygame.K_RETURN) if h.screen.name == "summary" else h.key(pygame.K_1)
    screen = turn_screen(h)
    line = next(w for w in screen.group.widgets if w.key.startswith("why:"))
    h.move(line.rect.center)
    assert screen.focus() == line.key.split(":", 1)[1]


def _web(h: Harness, focus: str) -> set[str]:
    from game.ui.map_motion import neighbours

    assert h.app.play is not None
    return neighbours(h.app.play.scenario.influence, focus)


# -- the "why" feed ---------------------------------------------------------------------


def test_the_why_feed_agrees_with_the_table_and_names_advocacy_only_when_you_acted() -> None:
    h = Harness(["european_merger", "--seed", "8", "--size", "1280x720"])
    h.key(pygame.K_RETURN)
    play = h.app.play
    assert play is not None
    checked = 0
    for turn in range(4):
        if turn != 2:  # the third turn passes without an action
            h.key(pygame.K_1)
            if turn_screen(h).picking is not None:
                h.key(pygame.K_1)
        h.key(pygame.K_e)
        while h.screen.name == "event":
            h.key(pygame.K_1)
        assert h.screen.name == "summary"
        view = play.view()
        entries = {e.key: e for e in why_feed.entries(play.session, view)}
        rows = {w.view.id: w for w in h.screen.group.widgets if isinstance(w, ChangeRow)}
        advocacy = translate(play.session.lang, "rule.advocacy")
        for s in view.stakeholders:
            entry = entries.get(f"why:{s.id}")
            nets = {"trust": round(s.trust_change * 100), "support": round(s.support_change * 100)}
            if not any(nets.values()):
                assert entry is None
                continue
            assert entry is not None
            # The table's words for each change appear, labelled, in the feed's headline.
            row_words = [words for words, _, _ in rows[s.id].layout(h.app.theme).numbers] if s.id in rows else []
            for quantity, points in nets.items():
                if points:
                    shown = signed_points(points / 100)
                    assert t("why.net", quantity=t(f"quantity.{quantity}"), points=shown, now=_percent(s, quantity)) in entry.headline
                    if row_words:
                        assert shown in row_words
                # The causes add up to the table's net, point for point.
                assert sum(c.points for c in entry.causes if c.quantity == quantity) == points
            causes = [c.points for c in entry.causes if c.quantity == "support"]
            assert causes == sorted(causes, key=lambda p: -abs(p))
            if turn == 2:
                assert all(c.cause != advocacy for c in entry.causes), entry.text()
            checked += 1
        # Every number is labelled: a stakeholder's causes by the quantity they moved, each by its cause.
        labels = (f"{t('quantity.support')}: ", f"{t('quantity.trust')}: ")
        for key, entry in entries.items():
            lines = entry.cause_lines()
            if key.startswith("why:"):
                assert all(line.startswith(labels) for line in lines), lines
            assert all(" from " in line for line in lines), lines
        h.key(pygame.K_RETURN)
        while h.screen.name == "event":
            h.key(pygame.K_1)
    assert checked >= 10


def _percent(s: StakeholderView, quantity: str) -> str:
    from game.i18n import percent

    return percent(s.trust if quantity == "trust" else s.support)


@pytest.mark.parametrize(("total", "parts"), [(7, [4.6, 4.6, -2.2]), (6, [3.5, 3.5]), (-1, [0.4, -1.4]), (5, [5.4, -0.4]), (0, [])])
def test_apportioned_causes_add_up_exactly_and_stay_within_a_point(total: int, parts: list[float]) -> None:
    shares = why_feed.apportion(total, parts)
    assert sum(shares) == total
    assert all(abs(share - part) < 1.0 for share, part in zip(shares, parts, strict=True))


# -- the cards ------------------------------------------------------------------------


def test_an_unaffordable_action_looks_disabled_says_why_and_opens_no_picker() -> None:
    h = Harness(["system_reform", "--seed", "2", "--size", "1280x720"])
    h.key(pygame.K_RETURN)
    screen = turn_screen(h)
    play = h.app.play
    assert play is not None
    # Plan cost-1 actions until one unit of leadership time is left.
    for card in [w for w in screen.group.widgets if isinstance(w, ActionCard) and w.cost == 1]:
        if play.time_left <= 1:
            break
        h.click(card.rect.center)
        picks = [w for w in screen.group.widgets if w.key.startswith("pick:") and w.key != "pick:cancel" and w.enabled]
        if picks:
            h.click(picks[0].rect.center)
    assert play.time_left == 1
    dear = [w for w in screen.group.widgets if isinstance(w, ActionCard) and w.cost == 2]
    assert dear
    for card in dear:
        assert not card.enabled
        assert card.cost_words == t("card.over_budget", cost=2, left=1)
        h.click(card.rect.center)
        assert screen.picking is None
        number = pygame.K_0 + card.number
        h.key(number)
        assert screen.picking is None
        assert "leadership time" in h.app.toast
    # The card is drawn greyed, with its reason in the place of the cost.
    h.app.draw()


def test_every_card_shows_its_best_forecast_before_a_target_is_chosen() -> None:
    for size, scale in (("1280x720", "1.0"), ("1920x1080", "1.0"), ("1920x1080", "1.5")):
        h = Harness(["system_reform", "--seed", "2", "--size", size, "--scale", scale])
        h.key(pygame.K_RETURN)
        play = h.app.play
        assert play is not None
        for _ in range(2400):  # the background forecasts (a few seconds on a busy machine)
            if not play.forecasts_pending():
                break
            pygame.time.wait(50)
            h.step()
        h.app.draw()
        cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard) and w.enabled]
        assert cards
        for card in cards:
            assert card.forecast.startswith(t("card.forecast", chance="").strip()), card.forecast
            assert card.forecast_shown, f"{card.name} at {size} ×{scale}"
        h.close()
        pygame.quit()


def test_a_chosen_cards_tooltip_does_not_stay_over_the_map() -> None:
    h = Harness(["system_reform", "--seed", "2", "--size", "1280x720"])
    h.key(pygame.K_RETURN)
    screen = turn_screen(h)
    card = h.widget("action:engage_partner")
    assert card is not None
    h.click(card.rect.center)
    assert screen.picking is not None
    panel = next(w for w in screen.group.widgets if w.key.startswith("pick:")).rect
    assert not panel.colliderect(screen.map_area), "the target list covers the map"
    target = next(w for w in screen.group.widgets if w.key.startswith("pick:") and w.key != "pick:cancel" and w.enabled)
    h.click(target.rect.center)
    assert screen.picking is None
    screen.group.hover_since -= 60_000
    assert screen.group.tooltip_owner(0) is None  # nothing pops up over what was just chosen
    h.move((target.rect.centerx + 1, target.rect.centery + 1))  # resting where the choice was made: still quiet
    screen.group.hover_since -= 60_000
    assert screen.group.tooltip_owner(0) is None
    other = next(w for w in screen.group.widgets if isinstance(w, ActionCard) and w.key != card.key and not w.rect.collidepoint(target.rect.center))
    h.move(other.rect.center)
    screen.group.hover_since -= 60_000
    assert screen.group.tooltip_owner(0) is other
    shown = screen.group.tooltip_card(h.app.surface, h.app.theme)
    assert shown is not None
    assert not shown[1].colliderect(screen.map_panel.rect if screen.map_panel else screen.map_area)


def test_the_stakeholder_card_words_grievance() -> None:
    from game.ui import describe

    h = Harness(["system_reform", "--seed", "2"])
    h.key(pygame.K_RETURN)
    play = h.app.play
    assert play is not None
    for view in play.view().stakeholders:
        spec = describe.stakeholder_card(play.session, view)
        words = " ".join(line.words for line in spec.lines)
        assert "0.00" not in words and "grievance" in words.lower()


# -- sound and settings ------------------------------------------------------------------


def test_cues_are_synthesised_and_play_through_the_dummy_device() -> None:
    sounds = Sounds(0.5, mute=False)
    assert sounds.available, sounds.problem
    assert set(sounds.cues) == set(CUES)
    for cue in CUES:
        samples = synthesise(cue, 22050)
        assert 0.05 < len(samples) / 22050 < 1.0 and abs(samples).max() <= 1.0 and abs(samples).max() > 0.1
        sounds.play(cue)
    assert sounds.played[-len(CUES):] == list(CUES)
    muted = Sounds(0.5, mute=True)
    muted.play("event")  # nothing heard, nothing raised
    pygame.mixer.quit()


def test_motion_volume_and_mute_are_saved_with_the_settings(user_home: Path) -> None:
    h = Harness(["tutorial"], motion=True)
    from game.ui.screens.settings import SettingsScreen

    h.app.switch(SettingsScreen(h.app, h.screen))
    for name in ("setting:motion", "setting:volume", "setting:mute"):
        h.click_widget(name)
    loaded, message = settings_store.load()
    assert message == ""
    assert loaded.reduce_motion is True and loaded.mute is True and loaded.volume == 0.8
    path = settings_store.paths.settings_path()
    path.write_text('{"volume": 3, "mute": "yes", "reduce_motion": 1}', encoding="utf-8")
    loaded, message = settings_store.load()
    assert loaded.volume == 0.6 and loaded.mute is False and loaded.reduce_motion is False
    assert "volume" in message and "mute" in message and "reduce_motion" in message
