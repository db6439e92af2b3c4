"""The desktop game's window and main loop.

The loop sleeps in ``pygame.event.wait`` until something happens (input, a
tooltip due, the autoplay's next move) and redraws only then, so a player
reading the screen costs next to no CPU. The display and font modules of
pygame are started, and the mixer for the sound cues when it can start: a
machine without a sound device plays in silence (see :mod:`game.ui.sound`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game import i18n
from game.i18n import t
from game.ui import clock
from game.ui import settings as settings_store
from game.ui.screens.base import Screen
from game.ui.theme import Theme, fit_scale

if TYPE_CHECKING:
    from game.ui.play import Playthrough

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (800, 480)
TOAST_MS = 4500
IDLE_WAIT_MS = 1000
HEADLESS_DRIVERS = ("offscreen", "dummy")  # SDL video drivers that show nothing


class LaunchError(Exception):
    """A problem with the command line or its files, reported before any window opens."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code  # 1 for a bad file, 2 for bad usage or an unreadable path


def parse_size(text: str | None) -> tuple[int, int]:
    if not text:
        return DEFAULT_SIZE
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise LaunchError(f"--size {text!r}: give the window size as WIDTHxHEIGHT, such as 1280x720", 2) from None
    if width < MIN_SIZE[0] or height < MIN_SIZE[1] or width > 10000 or height > 10000:
        raise LaunchError(f"--size {text}: the window must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]}", 2)
    return width, height


def _scenario_language(args: argparse.Namespace) -> str | None:
    """The default language of the scenario named on the command line, if any (already loaded and cached)."""
    name = getattr(args, "scenario", None)
    if not name:
        return None
    from game.ui import library

    try:
        return library.load(library.resolve(name)).meta.language
    except library.ScenarioLoadError:
        return None


class App:
    """The window, the current screen, and what every screen shares."""

    def __init__(self, args: argparse.Namespace, *, autoplay_delay_ms: int | None = None) -> None:
        self.args = args
        self.lang = i18n.set_language(i18n.choose(getattr(args, "lang", None), _scenario_language(args)))
        # Scenario texts follow --lang, else the system's language, else the UI's.
        self.text_lang: str = getattr(args, "lang", None) or i18n.system_language() or self.lang
        self.settings, settings_message = settings_store.load()
        if getattr(args, "scale", None):
            self.settings.scale = float(args.scale)
        self.windowed_size = parse_size(getattr(args, "size", None))
        self.fullscreen = bool(getattr(args, "fullscreen", False) or self.settings.fullscreen)
        self.autoplay: str | None = getattr(args, "autoplay", None)
        self._autoplay_delay = autoplay_delay_ms
        self.quit_at_end = bool(getattr(args, "quit_at_end", False))
        shots = getattr(args, "screenshots", None)
        self.shots_dir = Path(shots) if shots else None
        self.shot_count = 0
        self.shot_pending = False

        pygame.display.init()
        if pygame.display.get_driver() in HEADLESS_DRIVERS and "SDL_VIDEODRIVER" not in os.environ:
            # SDL falls back to an invisible screen when there is no display: say so rather than
            # run a game nobody can see (set SDL_VIDEODRIVER=dummy to run headless on purpose).
            pygame.display.quit()
            raise pygame.error("there is no display here")
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.surface = self._open_window()
        pygame.display.set_caption(t("app.title"))
        self.theme = Theme.load()
        self.theme.scale = fit_scale(self.surface.get_size(), self.settings.scale)
        from game.ui.sound import Sounds

        self.sounds = Sounds(self.settings.volume, self.settings.mute)

        self.running = True
        self.dirty = True
        self.toast = ""
        self.toast_until = 0
        self.play: Playthrough | None = None  # the game in progress, set as screens start or resume one
        self.screen: Screen | None = None
        if settings_message:
            self.notify(settings_message)

    # -- window ---------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.surface = self._open_window()
        self.relayout()

    def relayout(self) -> None:
        self.surface = pygame.display.get_surface() or self.surface
        self.theme.scale = fit_scale(self.surface.get_size(), self.settings.scale)
        if self.screen is not None:
            self.screen.layout()
        self.dirty = True

    @property
    def autoplay_delay_ms(self) -> int:
        if self._autoplay_delay is not None:
            return self._autoplay_delay
        return self.settings.autoplay_delay_ms

    # -- screens --------------------------------------------------------------

    def open(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        """A new screen by its name in :mod:`game.ui.registry` (``open("event", play)``), built with
        this app and ``args``; screens open their successors this way, never by importing them."""
        from game.ui.registry import screen_class

        return screen_class(name)(self, *args, **kwargs)

    def switch(self, screen: Screen) -> None:
        self.screen = screen
        screen.enter()
        self.shot_pending = self.shots_dir is not None
        self.dirty = True

    def notify(self, message: str) -> None:
        """A short message across the bottom of the window (errors, confirmations)."""
        self.toast = message
        self.toast_until = clock.now_ms() + TOAST_MS
        self.dirty = True

    # -- the loop ---------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        self.dirty = True
        if event.type == pygame.QUIT:
            self.close()
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.relayout()
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if event.key == pygame.K_F12:
                self.screenshot_on_demand()
                return
            if event.key == pygame.K_F1 and self.screen is not None and self.screen.name != "keys":
                self.switch(self.open("keys", back=self.screen))
                return
        if self.screen is not None:
            following = self.screen.handle_event(event)
            if following is not None:
                self.switch(following)

    def step(self, wait_ms: int | None = None) -> bool:
        """One pass of the loop: wait for input, update, redraw if needed. False once closed."""
        if wait_ms is None:
            wait_ms = self._sleep_ms()
        first = pygame.event.wait(wait_ms) if wait_ms > 0 else pygame.event.poll()
        events = [first] if first.type != pygame.NOEVENT else []
        events.extend(pygame.event.get())
        for event in events:
            if not self.running:
                break
            self.handle(event)
        if not self.running or self.screen is None:
            return False
        following = self.screen.update()
        if following is not None:
            self.switch(following)
        if self.toast and clock.now_ms() >= self.toast_until:
            self.toast = ""
            self.dirty = True
        if self.screen.tooltip_changed():
            self.dirty = True
        if self.dirty:
            self.draw()
        return self.running

    def _sleep_ms(self) -> int:
        waits = [IDLE_WAIT_MS]
        if self.screen is not None:
            wake = self.screen.next_wake_ms()
            if wake is not None:
                waits.append(max(1, wake))
        if self.toast:
            waits.append(max(1, self.toast_until - clock.now_ms()))
        return min(waits)

    def draw(self) -> None:
        assert self.screen is not None
        self.screen.draw(self.surface)
        if self.toast:
            self._draw_toast()
        pygame.display.flip()
        self.dirty = False
        if self.shot_pending and self.shots_dir is not None:
            self.shot_pending = False
            self.shot_count += 1
            self.save_screenshot(self.shots_dir / f"{self.shot_count:03d}-{self.screen.name}.png")
        if self.quit_at_end and self.screen.name == "debrief":
            self.close()

    def _draw_toast(self) -> None:
        from game.ui import text

        theme = self.theme
        font = theme.font("body_bold")
        width = min(self.surface.get_width() - 4 * theme.px("margin"), font.size(self.toast)[0] + 4 * theme.px("padding"))
        lines = text.wrap(self.toast, font, width - 2 * theme.px("padding"))
        height = len(lines) * font.get_linesize() + 2 * theme.px("padding")
        rect = pygame.Rect(0, 0, width, height)
        rect.midbottom = (self.surface.get_width() // 2, self.surface.get_height() - theme.px("footer_height") - theme.px("gap"))
        pygame.draw.rect(self.surface, theme.colour("tooltip"), rect, border_radius=theme.px("radius"))
        y = rect.top + theme.px("padding")
        for line in lines:
            text.draw(self.surface, line, font, theme.colour("tooltip_text"), (rect.centerx, y), "midtop")
            y += font.get_linesize()

    def save_screenshot(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.surface, str(path))
        except (OSError, pygame.error) as exc:
            self.shots_dir = None  # do not repeat the failure on every screen
            self.notify(t("app.screenshot_failed", path=path, error=exc))

    def screenshot_on_demand(self) -> None:
        from game import paths

        folder = self.shots_dir or paths.data_dir() / "screenshots"
        self.shot_count += 1
        name = self.screen.name if self.screen else "screen"
        path = folder / f"{self.shot_count:03d}-{name}-f12.png"
        self.draw()
        self.save_screenshot(path)
        if self.shots_dir is not None or path.exists():
            self.notify(t("app.screenshot_saved", path=path))

    def close(self) -> None:
        """Closing the window mid-game keeps the game: the autosave is written first."""
        if self.play is not None:
            self.play.autosave()
        self.running = False

    def loop(self) -> None:
        while self.step():
            pass


def run(args: argparse.Namespace) -> int:
    """`shove play` without --text."""
    from game.ui import launch

    try:
        start = launch.prepare(args)
    except LaunchError as exc:
        print(f"shove play: {exc}", file=sys.stderr)
        return exc.code
    try:
        app = App(args)
    except pygame.error as exc:
        print(f"shove play: cannot open a window ({exc}). Try `shove play --text` to play in the terminal.", file=sys.stderr)
        return 1
    try:
        app.switch(start(app))
        app.loop()
    finally:
        pygame.quit()
    return 0
