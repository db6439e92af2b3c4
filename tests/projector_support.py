"""What the projector-scale UI tests share: the scenarios and languages they run over, how they
compare names drawn over several lines, and the keyboard walk through every focusable widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pygame
import pytest

from game.ui.harness import Harness

SCENARIOS = ("tutorial", "european_merger", "system_reform")
LANGUAGES = ("en", "fr")

Test = TypeVar("Test", bound=Callable[..., None])


def every_scenario_in_both_languages(test: Test) -> Test:
    """Run ``test(scenario, lang)`` for each built-in scenario, in English and in French."""
    marked: Test = pytest.mark.parametrize("lang", LANGUAGES)(pytest.mark.parametrize("scenario", SCENARIOS)(test))
    return marked


def words(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces, to compare wrapped names."""
    return " ".join(text.split())


def tab_walk(h: Harness) -> set[str]:
    """The keys of every widget the Tab key brings the focus to, once round the screen."""
    group = h.screen.group
    seen: set[str] = set()
    for _ in range(len(group.focusables()) + 1):
        h.key(pygame.K_TAB)
        assert group.focused is not None, "Tab left nothing focused"
        seen.add(group.focused.key)
    return seen
