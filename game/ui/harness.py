"""Drive the desktop game without a person: synthetic keys and clicks, one loop step at a time.

Used by the tests and the benchmarks (with SDL's dummy video driver, or a
real display under Xvfb). Everything goes through the same event handling a
player's input does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui.app import App
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget


class Harness:
    def __init__(self, argv: Sequence[str] = (), *, autoplay_delay_ms: int = 0, motion: bool = False) -> None:
        """``motion``: play the turn's resolution after End turn (off by default, so a key after End turn
        reaches the next screen as it does under the reduced-motion setting)."""
        from game.cli import build_parser
        from game.ui import launch

        args = build_parser().parse_args(["play", *argv])
        opener = launch.prepare(args)
        self.app = App(args, autoplay_delay_ms=autoplay_delay_ms)
        self.app.settings.reduce_motion = not motion
        self.app.switch(opener(self.app))
        self.step()

    @property
    def screen(self) -> Screen:
        assert self.app.screen is not None
        return self.app.screen

    def step(self) -> bool:
        return self.app.step(0)

    def post(self, event: pygame.event.Event) -> bool:
        pygame.event.post(event)
        return self.step()

    def key(self, key: int, mod: int = 0, unicode: str = "") -> bool:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        return self.step()

    def move(self, pos: tuple[int, int]) -> bool:
        return self.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))

    def click(self, pos: tuple[int, int], button: int = 1) -> bool:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        return self.step()

    def widget(self, key: str) -> Widget | None:
        return next((w for w in self.screen.group.widgets if w.key == key), None)

    def click_widget(self, key: str) -> bool:
        widget = self.widget(key)
        if widget is None:
            raise LookupError(f"no widget {key!r} on the {self.screen.name} screen; keys: {[w.key for w in self.screen.group.widgets if w.key]}")
        return self.click(widget.rect.center)

    def run_until(self, done: Callable[[Harness], bool], max_steps: int = 10_000) -> None:
        for _ in range(max_steps):
            if done(self) or not self.app.running:
                return
            self.step()
        raise TimeoutError(f"still on the {self.screen.name} screen after {max_steps} steps")

    def close(self) -> None:
        if self.app.running:
            self.app.close()
