"""A seeded storm of random input: 20,000 keys, clicks, moves and resizes must raise nothing."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.ui.harness import Harness

EVENTS = 20_000
PER_FRAME = 8  # events queued between two loop steps, as a fast player produces them

KEYS = [
    pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN,
    pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_e, pygame.K_a,
    *range(pygame.K_0, pygame.K_9 + 1),
]
SIZES = [(1280, 720), (1920, 1080), (800, 480), (1024, 768), (1600, 900)]


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    roll = rng.random()
    pos = (rng.randrange(size[0]), rng.randrange(size[1]))
    if roll < 0.45:
        key = rng.choice(KEYS)
        mod = pygame.KMOD_SHIFT if rng.random() < 0.15 else (pygame.KMOD_CTRL if rng.random() < 0.05 else 0)
        return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
    if roll < 0.5:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice("0123456789abc -"))
    if roll < 0.65:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if roll < 0.8:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 3, 4, 5)))
    return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)


@pytest.mark.slow
def test_random_input_never_raises() -> None:
    rng = random.Random(20240611)
    scenario = "tutorial"
    h = Harness([scenario, "--seed", "3"])
    screens: set[str] = set()
    restarts = 0
    sent = 0
    while sent < EVENTS:
        size = h.app.surface.get_size()
        if rng.random() < 0.004:
            # A real resize: the window changes, then SDL reports it.
            new = rng.choice(SIZES)
            pygame.display.set_mode(new, pygame.RESIZABLE)
            pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=new, w=new[0], h=new[1]))
            sent += 1
        for _ in range(PER_FRAME):
            pygame.event.post(random_event(rng, size))
            sent += 1
        h.step()
        screens.add(h.screen.name)
        if not h.app.running:
            # Quit was chosen (title screen or menu): start again, as a player would.
            restarts += 1
            pygame.quit()
            h = Harness([scenario, "--seed", str(restarts)])
    # The storm reached the game proper, not just the first screen.
    assert {"briefing", "turn"} <= screens
    assert len(screens) >= 4, screens
