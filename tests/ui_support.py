"""What desktop tests share: a headless game that is closed, with pygame, however the test ends."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pygame

from game.ui.harness import Harness


@contextmanager
def desktop(argv: Sequence[str]) -> Iterator[Harness]:
    """The desktop game started with ``argv``; run the test with the ``user_home`` fixture so it saves nowhere real."""
    h = Harness(argv)
    try:
        yield h
    finally:
        h.close()
        pygame.quit()


def focus_walk(h: Harness, keys: Sequence[int]) -> list[str]:
    """Press each key in turn; the key of the focused widget after each (a press must leave one focused)."""
    visited = []
    for key in keys:
        h.key(key)
        focused = h.screen.group.focused
        assert focused is not None
        visited.append(focused.key)
    return visited
