"""The turn screen on a projector (1920x1080 at scale 1.5, a canvas of 853x480 design pixels):
every stakeholder, metric, programme and action name reads whole, no two pieces of text
overlap, more action cards show at once, and the keyboard still reaches everything."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from game.ui import map as stakeholder_map
from game.ui.forecasting import PlanSummary
from game.ui.harness import Harness
from game.ui.map import NodeWidget
from game.ui.screens.turn import TurnScreen
from game.ui.widgets.action_card import ActionCard, name_fits
from game.ui.widgets.base import Widget
from game.ui.widgets.controls import Bar, Button, Panel
from game.ui.widgets.plan_box import PlanBox
from game.ui.widgets.stat import Stat, label_lines
from game.ui.widgets.tabs import Tab
from tests.projector_support import every_scenario_in_both_languages, tab_walk, words

LEAST_CARDS = 5  # action cards on a page at the projector size, in English and French (three before)


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def projector(scenario: str, lang: str) -> Harness:
    h = Harness([scenario, "--seed", "3", "--size", "1920x1080", "--scale", "1.5", "--lang", lang])
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    return h



def text_boxes(h: Harness) -> list[tuple[str, pygame.Rect]]:
    """Every widget that draws text or a node (panels hold others, so they are left out), and every node's label."""
    theme = h.app.theme
    boxes: list[tuple[str, pygame.Rect]] = []
    for w in h.screen.group.widgets:
        if isinstance(w, Panel):
            continue
        boxes.append((w.key or type(w).__name__, w.rect))
        if isinstance(w, NodeWidget):
            boxes.append((f"label of {w.key}", w.label_rect(theme)))
    return boxes


def assert_no_overlap(h: Harness) -> None:
    for (a, ra), (b, rb) in combinations(text_boxes(h), 2):
        assert not ra.colliderect(rb), f"{a} {ra} overlaps {b} {rb}"


@every_scenario_in_both_languages
def test_projector_turn_screen_keeps_every_name_whole(scenario: str, lang: str) -> None:
    h = projector(scenario, lang)
    theme = h.app.theme
    screen = h.screen
    assert isinstance(screen, TurnScreen)
    assert theme.compact(h.app.surface.get_size())
    widgets = screen.group.widgets

    # The map: every stakeholder, each name whole on its label's lines, inside the map.
    nodes = [w for w in widgets if isinstance(w, NodeWidget)]
    assert {n.data.id for n in nodes} == {s.id for s in h.app.play.scenario.stakeholders}  # type: ignore[union-attr]
    for node in nodes:
        label = node.label_rect(theme)
        lines = stakeholder_map.name_lines(theme, node.data.name, label.width, node.label_lines)
        assert words(" ".join(lines)) == words(node.data.name), f"{node.data.name!r} is drawn as {lines}"
        assert all(theme.font("small_bold").size(line)[0] <= label.width for line in lines)
        assert screen.map_area.contains(label), f"{node.data.name!r} leaves the map"
    assert_no_overlap(h)

    # The action cards: at least LEAST_CARDS on the page, each name whole.
    cards = [w for w in widgets if isinstance(w, ActionCard)]
    assert len(cards) >= min(LEAST_CARDS, len(screen.actions()))
    line = theme.font("body_bold").get_linesize()
    for card in cards:
        room = 2 if card.rect.height >= 2 * line + theme.px(8) else 1
        assert name_fits(theme, card.rect.width, card.name, card.cost_words, room), card.name

    # The plan and its forecast, written out in full under the cards.
    plan = h.widget("plan")
    assert isinstance(plan, PlanBox)
    assert plan.rect.top > max(c.rect.bottom for c in cards)
    small = theme.font("small")
    needed = len(pygame_wrap(plan.planned, theme.font("small_bold"), plan.rect.width - 2 * theme.px(8)))
    needed += len(pygame_wrap(plan.forecast, small, plan.rect.width - 2 * theme.px(8)))
    assert plan.rect.height - 2 * theme.px(6) >= needed * round(small.get_linesize() * 1.1)

    # The numbers tab: every metric and programme name whole, nothing overlapping.
    h.key(pygame.K_n)
    assert screen.left_view == "numbers"
    assert not any(isinstance(w, NodeWidget) for w in screen.group.widgets)
    small = theme.font("small")
    stats = [w for w in screen.group.widgets if isinstance(w, Stat) and w.key.startswith("metric:")]
    bars = [w for w in screen.group.widgets if isinstance(w, Bar)]
    assert len(stats) == len(h.app.play.view().metrics) and stats  # type: ignore[union-attr]
    for stat in stats:
        lines = label_lines(stat.label, small, stat.rect.width - 2 * theme.px(4), stat.label_lines)
        assert words(" ".join(lines)) == words(stat.label), f"{stat.label!r} is drawn as {lines}"
    for bar in bars:
        room = bar.rect.width - theme.font("small_bold").size("0 %")[0] - theme.px(8)
        lines = label_lines(bar.label, small, room, bar.label_lines)
        assert words(" ".join(lines)) == words(bar.label), f"{bar.label!r} is drawn as {lines}"
    assert_no_overlap(h)
    h.close()


def pygame_wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    from game.ui import text as ui_text

    return ui_text.wrap(text, font, width)


def test_projector_layout_pages_more_cards_than_before() -> None:
    h = projector("system_reform", "en")
    cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard)]
    assert len(cards) >= 6  # of 11 actions; the laptop layout on this canvas showed 3
    shown = h.widget("actions:shown")
    assert shown is not None and "1–6 of 11" in shown.body  # type: ignore[attr-defined]
    h.key(pygame.K_PAGEDOWN)
    assert next(w.number for w in h.screen.group.widgets if isinstance(w, ActionCard)) == 1
    assert h.screen.visible_actions[0] == h.screen.actions()[len(cards)][0]  # type: ignore[attr-defined]
    h.close()


def test_keyboard_reaches_tabs_cards_and_the_map_at_the_projector_size() -> None:
    h = projector("european_merger", "en")
    screen = h.screen
    group = screen.group
    # Tab walks every focusable widget: the tabs, the nodes, the cards and the footer's buttons.
    seen = tab_walk(h)
    assert {"tab:map", "tab:numbers", "end_turn", "menu"} <= seen
    assert any(k.startswith("node:") for k in seen) and any(k.startswith("action:") for k in seen)
    # Number keys plan an action (the shared medical project needs no target) and leave the focus ring on its card.
    h.key(pygame.K_2)
    focused = group.focused
    assert isinstance(focused, ActionCard) and focused.number == 2
    assert h.app.play.plan  # type: ignore[union-attr]
    # Enter on a tab switches the left column; N switches it back; focus stays where it was, on the card.
    assert group.focus_key("tab:numbers")
    h.key(pygame.K_RETURN)
    assert screen.left_view == "numbers"  # type: ignore[attr-defined]
    assert isinstance(group.focused, Tab) and group.focused.key == "tab:numbers" and group.focused.chosen
    h.key(pygame.K_n)
    assert screen.left_view == "map"  # type: ignore[attr-defined]
    h.close()


@pytest.mark.parametrize("size", ["1280x720", "1920x1080", "1024x768"])
def test_laptop_sizes_keep_the_full_layout(size: str) -> None:
    h = Harness(["system_reform", "--seed", "3", "--size", size])
    h.key(pygame.K_RETURN)
    assert not h.app.theme.compact(h.app.surface.get_size())
    widgets: list[Widget] = list(h.screen.group.widgets)
    assert not any(isinstance(w, Tab | PlanBox) for w in widgets)
    plan = h.widget("plan")
    assert isinstance(plan, PlanSummary) and plan.rect.top > h.app.surface.get_height() - h.app.theme.px("footer_height") - 1
    # N means nothing here: the map stays.
    h.key(pygame.K_n)
    assert any(isinstance(w, NodeWidget) for w in h.screen.group.widgets)
    # Every stakeholder's name is whole on the map here too.
    theme = h.app.theme
    for node in (w for w in h.screen.group.widgets if isinstance(w, NodeWidget)):
        lines = stakeholder_map.name_lines(theme, node.data.name, node.label_rect(theme).width, node.label_lines)
        assert words(" ".join(lines)) == words(node.data.name)
    h.close()


def test_the_breakpoint_follows_the_canvas_in_design_pixels() -> None:
    h = Harness(["--size", "1280x720"])
    theme = h.app.theme
    scale = theme.scale
    theme.scale = 2.25  # 1920x1080 at 1.5: 853x480 design pixels
    assert theme.compact((1920, 1080))
    theme.scale = 1.5  # 1920x1080 at 1.0: the design size
    assert not theme.compact((1920, 1080))
    theme.scale = 1.0
    assert theme.compact((1280, 540)) and not theme.compact((1280, 720))
    theme.scale = scale
    h.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_projector_briefing_shows_every_stakeholder_whole_on_its_tab(lang: str) -> None:
    from game.ui.screens.briefing import BriefingScreen, StakeholderRow, stacked_lines, symbol_room

    h = Harness(["system_reform", "--seed", "3", "--size", "1920x1080", "--scale", "1.5", "--lang", lang])
    screen = h.screen
    assert isinstance(screen, BriefingScreen)
    theme = h.app.theme
    # The situation first, the whole width; nothing overlaps.
    assert screen.view == "situation" and h.widget("tab:who") is not None
    assert not any(isinstance(w, StakeholderRow) for w in screen.group.widgets)
    assert_no_overlap(h)
    h.key(pygame.K_n)
    assert screen.view == "who"
    rows = [w for w in screen.group.widgets if isinstance(w, StakeholderRow)]
    assert len(rows) == len(screen.scenario.stakeholders)
    assert_no_overlap(h)
    for row in rows:
        room = row.rect.width - symbol_room(theme) - theme.px(6)
        lines = stacked_lines(theme, row.name, row.short, "", room)
        assert words(" ".join(lines[0][0])) == words(row.name)
        assert words(" ".join(lines[1][0])) == words(row.short)
        used = sum(len(ls) * font.get_linesize() for ls, font, _ in lines)
        assert used <= row.rect.height, f"{row.name!r} needs {used} px in a row of {row.rect.height}"
    h.key(pygame.K_RETURN)
    assert h.screen.name == "turn"
    h.close()


def test_a_tall_event_stays_under_the_header_on_a_projector() -> None:
    h = projector("system_reform", "fr")
    h.app.autoplay = "balanced"
    h.run_until(lambda x: x.screen.name in ("event", "debrief"), 5000)
    h.app.autoplay = None
    assert h.screen.name == "event"
    panel = next(w for w in h.screen.group.widgets if isinstance(w, Panel))
    assert panel.rect.top >= h.app.theme.px("header_height") + h.app.theme.px("gap")
    assert panel.rect.bottom <= h.app.surface.get_height()
    h.close()


def test_projector_target_list_offers_every_target_whole() -> None:
    h = projector("system_reform", "fr")
    h.key(pygame.K_1)  # invest in a partnership: a target to choose among every stakeholder
    screen = h.screen
    assert isinstance(screen, TurnScreen) and screen.picking is not None
    options = [o for o in h.app.play.options() if o.action == screen.picking]  # type: ignore[union-attr]
    buttons = [w for w in screen.group.widgets if w.key.startswith("pick:")]
    assert {w.key for w in buttons} == {f"pick:{o.target}" for o in options} | {"pick:cancel"}
    window = h.app.surface.get_rect()
    theme = h.app.theme
    for (a, b) in combinations(buttons, 2):
        assert not a.rect.colliderect(b.rect), f"{a.key} overlaps {b.key}"
    for button in buttons:
        assert isinstance(button, Button) and window.contains(button.rect)
        # Whole: a long name takes a second line in the same face rather than lose its end.
        lines, font = button.label_lines(theme)
        assert words(" ".join(lines)).startswith(words(button.label)), f"{button.label!r} is drawn as {lines}"  # then any key hint
        assert all(font.size(line)[0] <= button.rect.width - 2 * theme.px("padding") for line in lines), button.label
        assert len(lines) * font.get_linesize() <= button.rect.height
    h.key(pygame.K_ESCAPE)
    assert screen.picking is None
    h.close()
