"""The turn summary and the debrief on a projector (1920x1080 at scale 1.5, a canvas of 853x480
design pixels): every stakeholder's name whole and every stakeholder reachable, every reflection
question and every turn reachable whole, no two pieces of text overlapping, the keyboard reaching
the new tabs and pages; the laptop layouts keep their panels side by side."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from game.i18n import t
from game.ui import text
from game.ui.harness import Harness
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.summary import SummaryScreen, header_lines
from game.ui.widgets.base import Widget
from game.ui.widgets.change_row import ChangeRow
from game.ui.widgets.controls import Button, Panel, TextBlock
from game.ui.widgets.stat import Stat
from game.ui.widgets.tabs import Tab
from tests.projector_support import every_scenario_in_both_languages, tab_walk, words


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def at_summary(scenario: str, lang: str, size: str = "1920x1080", scale: str = "1.5") -> Harness:
    h = Harness([scenario, "--seed", "3", "--size", size, "--scale", scale, "--lang", lang, "--autoplay", "force"])
    h.run_until(lambda x: x.screen.name == "summary", 5000)
    h.app.autoplay = None
    assert h.screen.name == "summary"
    return h


def at_debrief(h: Harness) -> DebriefScreen:
    h.app.autoplay = "force"
    h.run_until(lambda x: x.screen.name == "debrief", 20_000)
    h.app.autoplay = None
    screen = h.screen
    assert isinstance(screen, DebriefScreen)
    return screen



def assert_tidy(h: Harness) -> None:
    """No two widgets that draw text overlap (panels hold others, so they are left out), and all are inside the window."""
    window = h.app.surface.get_rect()
    boxes = [(w.key or type(w).__name__, w.rect) for w in h.screen.group.widgets if not isinstance(w, Panel)]
    for name, rect in boxes:
        assert window.contains(rect), f"{name} {rect} leaves the window"
    for (a, ra), (b, rb) in combinations(boxes, 2):
        assert not ra.colliderect(rb), f"{a} {ra} overlaps {b} {rb}"


def assert_whole(h: Harness, block: TextBlock) -> None:
    """The block is tall enough for every line of its text, so nothing ends in an ellipsis."""
    font = h.app.theme.font(block.role)
    needed = len(text.wrap(block.body, font, block.rect.width))
    # TextBlock draws as many lines as its height holds at 1.15 line spacing (at least one), or max_lines when set.
    room = block.max_lines if block.max_lines is not None else max(1, block.rect.height // round(font.get_linesize() * 1.15))
    assert needed <= room, f"{block.body!r} needs {needed} lines, has {room}"


def assert_row_name_whole(h: Harness, row: ChangeRow) -> None:
    theme = h.app.theme
    lines, font = row.name_lines(theme)
    assert words(" ".join(lines)) == words(row.view.name), f"{row.view.name!r} is drawn as {lines}"
    assert all(font.size(line)[0] <= row.name_width(theme) - theme.px(6) for line in lines)
    assert len(lines) * font.get_linesize() <= row.rect.height


def every_page(h: Harness) -> Iterator[list[Widget]]:
    """The widgets of each page of the list shown, turning pages with Page Down until the last."""
    for _ in range(50):
        yield list(h.screen.group.widgets)
        after = h.widget("list:next")
        if after is None or not after.enabled:
            return
        h.key(pygame.K_PAGEDOWN)
        assert_tidy(h)
    raise AssertionError("the pages never end")


def texts_of_every_page(h: Harness) -> list[str]:
    """The texts of the list shown, page after page (not the pager's own), each checked to be whole."""
    found: list[str] = []
    for widgets in every_page(h):
        for w in widgets:
            if isinstance(w, TextBlock) and not w.key.startswith("list:"):
                assert_whole(h, w)
                found.append(w.body)
    return found


@every_scenario_in_both_languages
def test_projector_summary_shows_every_stakeholder_whole(scenario: str, lang: str) -> None:
    h = at_summary(scenario, lang)
    theme = h.app.theme
    screen = h.screen
    assert isinstance(screen, SummaryScreen) and screen.compact()
    assert screen.view_name == "did"
    assert_tidy(h)
    # The header's title whole, in the bar.
    view = h.app.play.view()  # type: ignore[union-attr]
    title = t("summary.header", label=view.turn_label, turn=h.app.play.outcomes[-1].report.turn)  # type: ignore[union-attr]
    width = h.app.surface.get_width() - 2 * theme.px("margin")
    lines, role = header_lines(theme, title, width)
    assert words(" ".join(lines)) == words(title)
    assert all(theme.font(role).size(line)[0] <= width for line in lines)
    assert len(lines) * theme.font(role).get_linesize() <= theme.px("header_height")
    # Every stakeholder's row on one page or another, each name whole; the paragraphs above them whole.
    seen: list[str] = []
    for widgets in every_page(h):
        for w in widgets:
            if isinstance(w, ChangeRow):
                assert_row_name_whole(h, w)
                seen.append(w.view.id)
            elif isinstance(w, TextBlock) and not w.key.startswith("list:"):
                assert_whole(h, w)
    assert sorted(seen) == sorted(s.id for s in view.stakeholders)
    # N: why the numbers moved; every metric and programme line whole, on some page.
    h.key(pygame.K_n)
    assert screen.view_name == "why"
    assert_tidy(h)
    keys: set[str] = set()
    for widgets in every_page(h):
        for w in widgets:
            if isinstance(w, TextBlock) and not w.key.startswith("list:"):
                assert_whole(h, w)
                keys.add(w.key)
    assert {f"metric:{m.id}" for m in view.metrics} | {f"programme:{p.id}" for p in view.programmes} <= keys
    h.close()


def test_projector_summary_pages_the_stakeholders_with_a_cue_and_the_keyboard() -> None:
    h = at_summary("system_reform", "fr")
    screen = h.screen
    group = screen.group
    first = [w.view.id for w in group.widgets if isinstance(w, ChangeRow)]
    assert 0 < len(first) < 12  # twelve stakeholders do not fit on one page at this size
    cue = h.widget("list:shown")
    assert isinstance(cue, TextBlock) and f"1–{len(first)} sur 12" in cue.body and "suite" in cue.body
    # Tab reaches the tabs, the pager's button and Next turn; Enter on the pager turns the page and keeps the ring there.
    seen = tab_walk(h)
    assert {"tab:did", "tab:why", "list:next", "continue"} <= seen
    assert group.focus_key("list:next")
    h.key(pygame.K_RETURN)
    second = [w.view.id for w in group.widgets if isinstance(w, ChangeRow)]
    assert second and not set(first) & set(second)
    assert group.focused is not None and group.focused.key == "list:next"
    h.key(pygame.K_PAGEUP)
    assert [w.view.id for w in group.widgets if isinstance(w, ChangeRow)] == first
    # Enter on a tab switches; Enter on Next turn still moves on.
    assert group.focus_key("tab:why")
    h.key(pygame.K_RETURN)
    assert isinstance(screen, SummaryScreen) and screen.view_name == "why"
    assert isinstance(group.focused, Tab) and group.focused.chosen
    assert group.focus_key("continue")
    h.key(pygame.K_RETURN)
    assert h.screen.name != "summary"
    h.close()


@every_scenario_in_both_languages
def test_projector_debrief_reaches_everything_whole(scenario: str, lang: str) -> None:
    h = at_summary(scenario, lang)
    screen = at_debrief(h)
    theme = h.app.theme
    session = h.app.play.session  # type: ignore[union-attr]
    assert screen.compact() and screen.page == 0 and screen.view_for_page() == "outcome"
    assert_tidy(h)
    # How it ended: the title and the outcome whole.
    for w in screen.group.widgets:
        if isinstance(w, TextBlock):
            assert_whole(h, w)
    outcome = h.widget("outcome")
    assert isinstance(outcome, Stat)
    pad = theme.px(4)
    assert min(theme.font("number").size(outcome.value)[0], theme.font("body_bold").size(outcome.value)[0]) <= outcome.rect.width - 2 * pad
    # The stakeholders: all of them, a page at a time, each name whole.
    h.key(pygame.K_n)
    assert screen.view_for_page() == "people"
    assert_tidy(h)
    seen = [w.view.id for widgets in every_page(h) for w in widgets if isinstance(w, ChangeRow)]
    for w in screen.group.widgets:
        if isinstance(w, ChangeRow):
            assert_row_name_whole(h, w)
    assert sorted(seen) == sorted(s.id for s in session.scenario.stakeholders)
    # The questions: every one, whole.
    h.key(pygame.K_n)
    assert screen.view_for_page() == "questions"
    assert_tidy(h)
    asked = texts_of_every_page(h)
    for i, question in enumerate(session.questions):
        assert f"{i + 1}. {question}" in asked
    # The timeline: every turn, whole.
    h.key(pygame.K_3)
    assert screen.page == 2
    assert_tidy(h)
    rows = texts_of_every_page(h)
    assert rows == screen.timeline_rows() and len(rows) == len(session.history)
    # The charts and What if pages: each tab tidy, the tab labels whole.
    for page in (2, 4):
        h.key(pygame.K_0 + page)
        if page == 4:
            h.app.play.what_if().wait(60)  # type: ignore[union-attr]
            h.step()
        tabs = [w for w in screen.group.widgets if isinstance(w, Tab)]
        assert len(tabs) >= 2
        if page == 4:  # the styles: the player's row, every built-in style's and the sentence ranking them
            assert {f"whatif:{p}" for p in ("you", "partner", "force", "balanced", "random", "greedy", "rank")} <= {w.key for w in screen.group.widgets}
        for _ in tabs:
            assert_tidy(h)
            for tab in (w for w in screen.group.widgets if isinstance(w, Tab)):
                assert theme.font(tab.role).size(tab.label)[0] <= tab.rect.width - 2 * theme.px(8), tab.label
            for w in screen.group.widgets:
                if isinstance(w, TextBlock):
                    assert_whole(h, w)
            h.key(pygame.K_n)
    h.close()


def test_projector_debrief_keyboard_reaches_tabs_pages_and_the_pager() -> None:
    h = at_summary("system_reform", "en")
    screen = at_debrief(h)
    group = screen.group
    seen = tab_walk(h)
    assert {"page:0", "page:3", "tab:outcome", "tab:people", "tab:questions", "title"} <= seen
    assert group.focus_key("tab:questions")
    h.key(pygame.K_RETURN)
    assert screen.view_for_page() == "questions"
    assert group.focus_key("list:next")
    h.key(pygame.K_RETURN)
    assert screen.list_page == 1 and group.focused is not None and group.focused.key == "list:next"
    # The page keys still work, and each page remembers its tab.
    h.key(pygame.K_2)
    assert screen.page == 1 and screen.view_for_page() == "trust"
    h.key(pygame.K_1)
    assert screen.page == 0 and screen.view_for_page() == "questions" and screen.list_page == 0
    h.close()


@pytest.mark.parametrize(("size", "scale"), [("1280x720", "1.0"), ("1024x768", "1.0"), ("1920x1080", "1.0")])
def test_laptop_sizes_keep_the_side_by_side_summary_and_debrief(size: str, scale: str) -> None:
    h = at_summary("system_reform", "fr", size, scale)
    assert not h.app.theme.compact(h.app.surface.get_size())
    screen = h.screen
    titles = {w.heading for w in screen.group.widgets if isinstance(w, Panel)}
    assert len([w for w in screen.group.widgets if isinstance(w, Panel)]) == 2 and "" not in titles
    assert not any(isinstance(w, Tab) for w in screen.group.widgets)
    rows = [w for w in screen.group.widgets if isinstance(w, ChangeRow)]
    h.key(pygame.K_n)  # N means nothing here
    assert h.screen is screen and [w.key for w in screen.group.widgets if isinstance(w, ChangeRow)] == [r.key for r in rows]
    # A busy turn's "why" pages inside its own panel (Page Down) rather than losing lines past its foot.
    why_panel = [w for w in screen.group.widgets if isinstance(w, Panel)][1]
    assert isinstance(screen, SummaryScreen)
    wanted = {words for words, *_ in screen.why_lines()}
    seen: set[str] = set()
    for _ in range(10):
        blocks = [w for w in screen.group.widgets if isinstance(w, TextBlock) and why_panel.rect.contains(w.rect)]
        seen |= {w.body for w in blocks}
        following = h.widget("list:next")
        if following is None or screen.list_page + 1 >= 10:
            break
        assert why_panel.rect.contains(following.rect)
        page = screen.list_page
        h.key(pygame.K_PAGEDOWN)
        if screen.list_page == page:
            break
    assert wanted <= seen
    debrief = at_debrief(h)
    for page in range(1, 5):
        h.key(pygame.K_0 + page)
        assert not any(isinstance(w, Tab) for w in debrief.group.widgets)
        assert h.widget("list:next") is None
        assert all(isinstance(w, Button) for w in debrief.group.widgets if w.key.startswith("page:"))
    h.key(pygame.K_1)
    assert len([w for w in debrief.group.widgets if isinstance(w, Panel)]) == 2
    h.close()


def test_a_line_the_turn_screens_news_cuts_short_keeps_its_words_in_a_tooltip() -> None:
    h = at_summary("system_reform", "fr", "1280x720", "1.0")
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 200)
    theme = h.app.theme
    blocks = [w for w in h.screen.group.widgets if isinstance(w, TextBlock) and w.body]
    cut = [w for w in blocks if text.wrapped_height(w.body, theme.font(w.role), w.rect.width) > w.rect.height]
    assert cut, "this game's first turn after the summary fills the news panel past its foot"
    for w in cut:
        assert isinstance(w.tooltip, str) and w.body.strip() in w.tooltip, w.body
    h.close()
