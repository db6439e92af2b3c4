"""Nothing drawn over anything else at laptop and projector sizes: a blocked stakeholder's mark beside the numbers,
metric targets and target names whole, and a focused target's forecast beside the target list, not over it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from game.i18n import t
from game.ui.harness import Harness
from game.ui.screens.turn import TurnScreen
from game.ui.theme import Theme
from game.ui.widgets.change_row import ChangeRow
from game.ui.widgets.controls import Button, Panel
from game.ui.widgets.group import tooltip_rect
from game.ui.widgets.stat import Stat
from tests.projector_support import words
from tests.ui_support import focus_walk

LAPTOPS = [("1280x720", "1.0"), ("1024x768", "1.0")]
BOTH = [("1280x720", "1.0"), ("1920x1080", "1.5")]
LANGUAGES = ("en", "fr")


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def game(scenario: str, size: str, scale: str, lang: str, *more: str) -> Harness:
    return Harness([scenario, "--seed", "3", "--size", size, "--scale", scale, "--lang", lang, *more])


def assert_row_clear(theme: Theme, row: ChangeRow) -> None:
    """The blocked mark (sign and word) sits inside the row, clear of the name and of every number, arrow and signed point."""
    parts = row.layout(theme)
    assert parts.marks, f"{row.view.name} is blocked but carries no mark"
    others = [box for _, box in parts.names] + [box for _, _, box in parts.numbers] + [box for _, _, box in parts.arrows]
    for word, mark in parts.marks:
        assert row.rect.contains(mark), f"{word or 'sign'} {mark} leaves the row {row.rect}"
        for box in others:
            assert not mark.colliderect(box), f"{row.view.name}: {word or 'sign'} {mark} covers {box}"
    for (_, a), (_, b) in combinations(parts.marks, 2):
        assert not a.colliderect(b)
    words_shown = [word for word, _ in parts.marks if word]
    assert words_shown in ([], [t("map.legend.blocked")])


@pytest.mark.parametrize(("size", "scale"), LAPTOPS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_blocked_stakeholders_mark_keeps_clear_of_the_numbers_on_laptop_screens(size: str, scale: str, lang: str) -> None:
    # The flagship forced on seed 3: the staff side blocks in the first quarter.
    h = game("system_reform", size, scale, lang, "--autoplay", "force")
    h.run_until(lambda x: x.screen.name == "summary", 5000)
    h.app.autoplay = None
    theme = h.app.theme
    assert not theme.compact(h.app.surface.get_size())
    rows = [w for w in h.screen.group.widgets if isinstance(w, ChangeRow)]
    blocked = [row for row in rows if row.view.blocked]
    assert blocked, "the forced flagship should have a blocker in its first quarter"
    for row in blocked:
        assert_row_clear(theme, row)
        # The word itself is shown on a laptop row: the state reads in words, not only by its sign.
        assert any(word for word, _ in row.layout(theme).marks)
    h.app.draw()
    # The same rows at the debrief overview's widths, and a projector list's (room kept at the right), with a blocker.
    h.app.autoplay = "force"
    h.run_until(lambda x: x.screen.name == "debrief", 20_000)
    h.app.autoplay = None
    widths = {w.rect.size for w in h.screen.group.widgets if isinstance(w, ChangeRow)}
    assert widths
    view = replace(blocked[0].view, name=max((r.view.name for r in rows), key=len))  # the longest name, blocked
    for width, height in widths:
        for room in (False, True):
            assert_row_clear(theme, ChangeRow(pygame.Rect(10, 10, width, height), view, "", blocked_room=room))
    h.close()


def open_picker(h: Harness) -> TurnScreen:
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    h.key(pygame.K_1)  # invest in a partnership: every stakeholder is a target
    screen = h.screen
    assert isinstance(screen, TurnScreen) and screen.picking is not None
    return screen


@pytest.mark.parametrize(("size", "scale"), BOTH)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scenario", ["european_merger", "system_reform"])
def test_every_target_name_is_whole_and_a_focused_targets_forecast_stays_off_the_list(scenario: str, size: str, scale: str, lang: str) -> None:
    h = game(scenario, size, scale, lang)
    screen = open_picker(h)
    theme = h.app.theme
    options = [o for o in h.app.play.options() if o.action == screen.picking]  # type: ignore[union-attr]
    panel = next(w for w in screen.group.widgets if isinstance(w, Panel) and w.heading.startswith(options[0].name))
    picks = [w for w in screen.group.widgets if isinstance(w, Button) and w.key.startswith("pick:") and w.key != "pick:cancel"]
    assert {w.key for w in picks} == {f"pick:{o.target}" for o in options}
    for button in picks:
        lines, font = button.label_lines(theme)
        assert words(" ".join(lines)) == words(button.label), f"{button.label!r} is drawn as {lines}"
        assert all(font.size(line)[0] <= button.rect.width - 2 * theme.px("padding") for line in lines)
        assert len(lines) * font.get_linesize() <= button.rect.height
        assert panel.rect.contains(button.rect)
    for a, b in combinations(picks, 2):
        assert not a.rect.colliderect(b.rect), f"{a.key} overlaps {b.key}"
    # Walk the keyboard focus onto each target: its forecast lies wholly outside the list, inside the window.
    h.move((1, h.app.surface.get_height() - 1))  # the pointer rests on nothing, so the focused widget's tooltip shows
    window = h.app.surface.get_rect()
    for button in picks:
        screen.group.focus(button)
        screen.group.keyboard = True
        shown = screen.group.tooltip_card(h.app.surface, theme)
        assert shown is not None, button.key
        place = shown[1]
        assert window.contains(place)
        assert not place.colliderect(panel.rect), f"the forecast for {button.label!r} {place} covers the list {panel.rect}"
    h.app.draw()
    h.close()


@pytest.mark.parametrize(("size", "scale"), [*BOTH, ("1024x768", "1.0")])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_metric_target_is_whole_and_clear_of_its_value(size: str, scale: str, lang: str) -> None:
    # Second quarter: the trend arrows take room beside the values ("5.1 hours ↑ target 3.0 hours").
    h = game("european_merger", size, scale, lang, "--autoplay", "force")
    h.run_until(lambda x: x.screen.name == "summary", 5000)
    h.run_until(lambda x: x.screen.name == "turn", 5000)
    h.app.autoplay = None
    if h.widget("tab:numbers") is not None:
        h.key(pygame.K_n)  # a projector shows the numbers on their own tab
    theme = h.app.theme
    stats = [w for w in h.screen.group.widgets if isinstance(w, Stat) and w.note]
    assert len(stats) >= 4 and any(s.trend for s in stats)
    for stat in stats:
        parts = stat.layout(theme)
        assert parts.note is not None and parts.note[0] == stat.note, f"{stat.label}: {stat.note!r} drawn as {parts.note}"
        note = parts.note[1]
        value = parts.value[2]
        assert stat.rect.contains(note) and stat.rect.contains(value)
        for box in [value, *([parts.arrow] if parts.arrow else []), *(box for _, box in parts.labels)]:
            assert not note.colliderect(box), f"{stat.label}: the note {note} covers {box}"
    h.app.draw()
    h.close()


def test_a_tooltip_goes_beside_its_widget_and_outside_the_list_it_belongs_to() -> None:
    window = pygame.Rect(0, 0, 1280, 720)
    item = pygame.Rect(400, 200, 300, 30)
    # Alone: beside the widget, to the right, else to the left; below when neither side has room.
    assert tooltip_rect(window, (320, 200), item, 8).topleft == (708, 200)
    assert tooltip_rect(window, (320, 200), item.move(500, 0), 8).topright == (892, 200)
    wide = tooltip_rect(window, (700, 100), item, 8)
    assert wide.top == item.bottom + 8
    # In a list: outside the list's panel, level with the item, on the side with room.
    panel = pygame.Rect(390, 100, 320, 500)
    placed = tooltip_rect(window, (320, 200), item, 8, panel)
    assert not placed.colliderect(panel) and placed.left == panel.right + 8 and placed.top == item.top
    wide_panel = pygame.Rect(10, 100, 1000, 500)
    below = tooltip_rect(window, (320, 100), item, 8, wide_panel)
    assert not below.colliderect(wide_panel) and below.top == wide_panel.bottom + 8
    # No side has room: as if alone (beside the widget), never outside the window.
    full = pygame.Rect(0, 0, 1280, 720)
    assert tooltip_rect(window, (320, 200), item, 8, full) == tooltip_rect(window, (320, 200), item, 8)


@pytest.mark.parametrize(("size", "scale"), BOTH)
def test_the_keyboard_stays_with_the_target_list_while_a_target_is_chosen(size: str, scale: str) -> None:
    """Tab and the arrows move among the targets (in the list or on the map) and Cancel, never to the
    controls behind the list; Escape leaves the list and the keyboard reaches everything again."""
    h = Harness(["system_reform", "--seed", "3", "--size", size, "--scale", scale, "--lang", "en"])
    try:
        h.key(pygame.K_RETURN)
        h.run_until(lambda x: x.screen.name == "turn", 20)
        h.key(pygame.K_1)
        visited = focus_walk(h, [pygame.K_TAB] * 30 + [pygame.K_DOWN, pygame.K_RIGHT, pygame.K_UP, pygame.K_LEFT] * 5)
        assert [k for k in visited if not k.startswith(("pick:", "node:"))] == []
        assert "pick:cancel" in visited and any(k.startswith("node:") for k in visited)
        h.key(pygame.K_ESCAPE)
        assert any(k.startswith("action:") for k in focus_walk(h, [pygame.K_TAB] * 60))
    finally:
        h.close()
        pygame.quit()
