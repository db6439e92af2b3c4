"""Soak the desktop game: random input across every screen and scenario for a long stretch of game time.

The real desktop game runs in this process through its headless harness
(``game.ui.harness.Harness``, SDL's dummy video driver unless DISPLAY is set).
A random player sends keys, typed text, mouse moves, clicks on random points
and on the widgets of the screen in front of it, wheel turns and window
resizes; after each batch of input the game runs one pass of its loop.

Game time is the game's own clock (``game.ui.clock.now_ms``, which every timer
in the game reads: tooltips, toasts, autoplay pace, workshop countdowns). The
soak replaces it with a virtual clock that moves on by a random pause between
moves: 16-100 ms (mouse movement) 70% of the time, 0.1-1.5 s 25%, 1.5-20 s
5% (a long think), 0.75 s on average, so the soak covers hours of play in
minutes of real time, and timers fire as they would for a person.

Sessions rotate through every built-in scenario and every playable edge
scenario, fresh games, resumed autosaves, the title screen, author mode and a
workshop seat (with a decision countdown and predictions). A game that reaches
its debrief or quits starts the next session, and so does one that has run
for 30 minutes of game time (a window closed mid-game, which autosaves). At a
workshop pause the facilitator's word is typed now and then. Memory is sampled (RSS) as it
goes.

    .venv/bin/python benchmarks/soak_desktop.py [--minutes 30] [--seed 1]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSION_CAP_MS = 30 * 60_000  # a session longer than this in game time is closed and another begins
SIZES = [(1280, 720), (1920, 1080), (800, 480), (1024, 768), (1600, 900), (2560, 1440)]


class VirtualClock:
    """Milliseconds that move only when the soak says so."""

    def __init__(self) -> None:
        self.ms = 1_000_000

    def __call__(self) -> int:
        return self.ms


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="game time to cover")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-real-minutes", type=float, default=60.0, help="stop after this much real time")
    options = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="shove-soak-desktop-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

    import pygame

    from game.scenario.loader import validate_path
    from game.ui import clock
    from game.ui.harness import Harness
    from game.workshop.create import NewWorkshop, create

    virtual = VirtualClock()
    clock.now_ms = virtual  # every timer in the game reads this

    scenarios = [str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    scenarios += [str(p) for p in sorted((ROOT / "tests" / "fixtures" / "edge").glob("*.yaml"))
                  if validate_path(p).ok]
    workshop = home / "workshop"
    made = create(NewWorkshop(folder=workshop, scenario=str(ROOT / "scenarios" / "tutorial.yaml"),
                              teams=("Red", "Blue"), seed=5, predict=True, decision_seconds=20))
    word = made.file.facilitator_word

    rng = random.Random(options.seed)
    keys = [pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN,
            pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
            pygame.K_HOME, pygame.K_END, pygame.K_F1, pygame.K_e, pygame.K_a, pygame.K_f, pygame.K_s,
            pygame.K_q, pygame.K_n, pygame.K_y, *range(pygame.K_0, pygame.K_9 + 1)]

    def session_argv(n: int) -> list[str]:
        roll = rng.random()
        seed = ["--seed", str(rng.randrange(10**6))]
        if roll < 0.08:
            return []  # the title screen
        if roll < 0.16:
            return ["--workshop", str(workshop), "--team", rng.choice(["Red", "Blue"])]
        if roll < 0.22 and (home / "xdg_data_home" / "push-comes-to-shove" / "saves" / "autosave.json").exists():
            return ["--load", str(home / "xdg_data_home" / "push-comes-to-shove" / "saves" / "autosave.json")]
        scenario = scenarios[n % len(scenarios)]
        extra = ["--author"] if rng.random() < 0.1 else []
        if rng.random() < 0.1:
            extra += ["--lang", rng.choice(["fr", "en", "ar", "he"])]
        return [scenario, *seed, *extra]

    def random_event(size: tuple[int, int], h: Harness) -> pygame.event.Event:
        roll = rng.random()
        pos = (rng.randrange(size[0]), rng.randrange(size[1]))
        if roll < 0.35:
            key = rng.choice(keys)
            mod = pygame.KMOD_SHIFT if rng.random() < 0.1 else (pygame.KMOD_CTRL if rng.random() < 0.03 else 0)
            return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        if roll < 0.40:
            return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(["1", "a", " ", "é", "ש", "ب", "lantern"]))
        if roll < 0.55:
            return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        if roll < 0.60:
            return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-3, -1, 1, 3)), flipped=False,
                                      precise_x=0.0, precise_y=0.0)
        widgets = [w for w in h.screen.group.widgets if getattr(w, "rect", None) is not None]
        if roll < 0.85 and widgets:
            pos = rng.choice(widgets).rect.center
        button = rng.choice((1, 1, 1, 1, 3))
        if rng.random() < 0.5:
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)

    target_ms = options.minutes * 60_000
    start_virtual = virtual.ms
    started = time.perf_counter()
    screens: dict[str, int] = {}
    sessions = events = steps = failures = debriefs = 0
    rss_start = rss_now = rss_peak = 0.0
    next_sample = 0.0
    h: Harness | None = None
    argv: list[str] = []
    session_started = virtual.ms
    while virtual.ms - start_virtual < target_ms:
        if time.perf_counter() - started > options.max_real_minutes * 60:
            print("stopped: the real-time limit was reached", file=sys.stderr)
            break
        try:
            if h is not None and virtual.ms - session_started > SESSION_CAP_MS:
                h.close()  # a player who has had enough: the window closes (and autosaves)
            if h is None or not h.app.running:
                if h is not None:
                    pygame.quit()
                session_started = virtual.ms
                sessions += 1
                argv = session_argv(sessions)
                h = Harness(argv)
            size = h.app.surface.get_size()
            if rng.random() < 0.003:
                new = rng.choice(SIZES)
                pygame.display.set_mode(new, pygame.RESIZABLE)
                pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=new, w=new[0], h=new[1]))
            if h.screen.name == "pause" and rng.random() < 0.05:
                # The facilitator gives the word (sometimes mistyped first).
                typed = word if rng.random() < 0.7 else word[:-1]
                for ch in typed:
                    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
                pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r",
                                                     scancode=0))
                events += len(typed) + 1
            for _ in range(rng.choice((1, 1, 2, 4))):
                pygame.event.post(random_event(size, h))
                events += 1
            # A pause between moves: mostly quick, sometimes a long think (tooltips, countdowns).
            roll = rng.random()
            virtual.ms += int(rng.uniform(16, 100) if roll < 0.7 else
                              rng.uniform(100, 1500) if roll < 0.95 else rng.uniform(1500, 20_000))
            h.step()
            steps += 1
            name = h.screen.name
            screens[name] = screens.get(name, 0) + 1
            if name == "debrief" and rng.random() < 0.02:
                debriefs += 1
                h.close()
        except Exception:
            failures += 1
            print(f"failure in session {sessions} ({' '.join(argv) or 'title screen'}):", file=sys.stderr)
            traceback.print_exc()
            h = None
            pygame.quit()
            if failures >= 20:
                break
        game_min = (virtual.ms - start_virtual) / 60_000
        if steps == 300:
            gc.collect()
            rss_start = rss_mb()
        if game_min >= next_sample:
            gc.collect()
            rss_now = rss_mb()
            rss_peak = max(rss_peak, rss_now)
            print(f"game time {game_min:6.1f} min  real {time.perf_counter() - started:6.0f} s  sessions {sessions:4d}  "
                  f"events {events:7d}  RSS {rss_now:6.1f} MB  failures {failures}", flush=True)
            next_sample += 5
    if h is not None:
        h.close()
    pygame.quit()
    gc.collect()
    rss_now = rss_mb()
    elapsed = time.perf_counter() - started
    game_min = (virtual.ms - start_virtual) / 60_000
    print()
    print(f"game time:   {game_min:.1f} min of virtual clock in {elapsed / 60:.1f} min of real time")
    print(f"sessions:    {sessions} ({debriefs} left from the debrief); {steps} loop passes, {events} input events")
    print(f"screens:     {dict(sorted(screens.items()))}")
    print(f"failures:    {failures}")
    print(f"RSS:         {rss_start:.1f} MB after 300 passes, {rss_now:.1f} MB at the end "
          f"(growth {rss_now - rss_start:+.1f} MB, peak sample {rss_peak:.1f} MB)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
