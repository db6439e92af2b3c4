"""Frame times at 1920x1080 while the player hovers over the map and the action cards, while the turn resolves.

Drives the turn screen of the flagship scenario (scenarios/system_reform.yaml,
13 stakeholders, 11 actions) with mouse moves across every node and card, and
tooltips appearing, one redraw per move; then the resolution after End turn
(every frame of it, for a few turns); then the debrief's chart page. Also the
time from a turn opening until every action card shows its forecast (worked
out in a background thread), with the frame times while that runs: the first
turn (its forecasts start as the briefing opens; Enter is pressed at once),
the turns after (they start while the last turn resolves) and a saved game
resumed straight onto its turn (no head start at all).
Prints the median and the 99th percentile of the time to draw and present a
frame (target: p99 under 16.7 ms, one frame at 60 Hz).

Uses SDL's dummy video driver unless DISPLAY is set. Forecasts in tooltips are
computed once per card and cached, as in play; the first showing of each is
reported apart (``first tooltip``), since that is a Monte Carlo run, not drawing.

    .venv/bin/python benchmarks/ui_frames.py [--moves N] [--turns N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.harness import Harness

TARGET_MS = 1000 / 60


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def frames_until_cards_ready(h: Harness, elapsed: Callable[[], float]) -> list[float]:
    """Draw frames, as the loop would, until every open action card shows its forecast (or a minute has
    ``elapsed``): each frame's time in milliseconds."""
    from game.i18n import t
    from game.ui.widgets.action_card import ActionCard

    pending = t("card.forecast_pending")
    frames: list[float] = []
    while elapsed() < 60:
        h.app.screen.update()  # type: ignore[union-attr]
        began = time.perf_counter()
        h.app.draw()
        frames.append((time.perf_counter() - began) * 1000)
        cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard) and w.enabled]
        if cards and all(c.forecast and c.forecast != pending for c in cards):
            break
        time.sleep(1 / 120)  # the loop would sleep until the next poll
    return frames


def card_forecasts_ready(h: Harness, first: bool = False) -> tuple[float, list[float]]:
    """Open the turn (from the briefing or the summary), then draw frames until every open action card shows its
    forecast: the seconds that took, and each frame's time meanwhile."""
    import pygame


    while h.screen.name != "turn" or getattr(h.screen, "resolution", None) is not None:
        h.key(pygame.K_RETURN if h.screen.name in ("briefing", "summary") else pygame.K_1)
    start = time.perf_counter()
    frames = frames_until_cards_ready(h, lambda: time.perf_counter() - start)
    job = h.app.play.forecast_job() if h.app.play is not None else None
    if job is not None:
        FIRST_HALF_CPU.append(job.first_cpu_seconds)
    return time.perf_counter() - start, frames


FIRST_HALF_CPU: list[float] = []  # processor seconds the background job took for the cards' half, each turn


def resumed_cards_ready(save: Path) -> tuple[float, list[float]]:
    """A saved game resumed straight onto its turn (no briefing or resolution to work the forecasts out behind): the
    seconds from the turn screen's entering until every open action card shows its forecast, and the frames meanwhile."""
    import pygame

    from game.ui import clock
    from game.ui.harness import Harness

    h = Harness(["--load", str(save), "--size", "1920x1080"], motion=True)
    assert h.screen.name == "turn", h.screen.name
    frames = frames_until_cards_ready(h, lambda: (clock.now_ms() - h.screen.entered_at) / 1000)
    ready = (clock.now_ms() - h.screen.entered_at) / 1000
    h.close()
    pygame.quit()
    return ready, frames


def resolution_frames(h: Harness) -> list[float]:
    """Plan the first action, end the turn, and time every frame of the resolution that follows."""
    import pygame

    h.key(pygame.K_1)
    if getattr(h.screen, "picking", None) is not None:
        h.key(pygame.K_1)
    h.key(pygame.K_e)
    frames: list[float] = []
    cpu: list[float] = []
    while h.screen.name == "turn" and getattr(h.screen, "resolution", None) is not None:
        following = h.app.screen.update()  # type: ignore[union-attr]
        if following is not None:
            h.app.switch(following)
            break
        began, began_cpu = time.perf_counter(), time.thread_time()
        h.app.draw()
        frames.append((time.perf_counter() - began) * 1000)
        cpu.append((time.thread_time() - began_cpu) * 1000)
        time.sleep(0.004)
    RESOLUTION_CPU.extend(cpu)
    return frames


RESOLUTION_CPU: list[float] = []  # each resolution frame's CPU time in the drawing thread (what other processes cannot inflate)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=600)
    parser.add_argument("--turns", type=int, default=3, help="turns whose resolution is measured")
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="shove-bench-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not os.environ.get("DISPLAY"):
        os.environ["SDL_VIDEODRIVER"] = "dummy"

    import pygame

    from game.ui.harness import Harness

    h = Harness(["system_reform", "--seed", "1", "--size", "1920x1080"], motion=True)
    ready_s, waiting = card_forecasts_ready(h, first=True)
    app = h.app
    delay = int(app.theme.sizes["tooltip_delay_ms"])
    targets = [w.rect.center for w in h.screen.group.widgets if w.focusable]
    frames: list[float] = []
    hover_cpu: list[float] = []
    first_tooltips: list[float] = []
    seen: set[tuple[int, int]] = set()
    for i in range(options.moves):
        pos = targets[i % len(targets)]
        h.move(pos)
        # Let the hover delay pass so the tooltip is part of the measured frame.
        app.screen.group.hover_since -= delay  # type: ignore[union-attr]
        start, start_cpu = time.perf_counter(), time.thread_time()
        app.draw()
        elapsed = (time.perf_counter() - start) * 1000
        (frames if pos in seen else first_tooltips).append(elapsed)
        if pos in seen:
            hover_cpu.append((time.thread_time() - start_cpu) * 1000)
        seen.add(pos)
    print(f"turn screen, 1920x1080, {len(frames)} hover frames over {len(targets)} widgets")
    print(f"  frame  median {statistics.median(frames):6.2f} ms   p99 {percentile(frames, 0.99):6.2f} ms   max {max(frames):6.2f} ms"
          f"   (p99 is {percentile(frames, 0.99) / TARGET_MS:.2f} of a 60 Hz frame)")
    print(f"  frame  median {statistics.median(hover_cpu):6.2f} ms   p99 {percentile(hover_cpu, 0.99):6.2f} ms   (CPU time of the drawing thread)")
    print(f"  first tooltip of each widget (forecast included): median {statistics.median(first_tooltips):6.1f} ms, max {max(first_tooltips):6.1f} ms")

    print(f"  every card's forecast ready {ready_s * 1000:6.0f} ms after the turn opened; frames meanwhile: median "
          f"{statistics.median(waiting):6.2f} ms   p99 {percentile(waiting, 0.99):6.2f} ms   ({len(waiting)} frames)")

    resolving: list[float] = []
    for _ in range(options.turns):
        resolving.extend(resolution_frames(h))
        ready_s, waiting = card_forecasts_ready(h)
        print(f"  next turn: cards ready {ready_s * 1000:6.0f} ms, frames meanwhile p99 {percentile(waiting, 0.99):6.2f} ms")
    print(f"  the cards' forecasts took {', '.join(f'{c:.2f}' for c in FIRST_HALF_CPU)} s of processor time in the background thread")
    print(f"resolution after End turn, 1920x1080, {len(resolving)} frames over {options.turns} turns")
    print(f"  frame  median {statistics.median(resolving):6.2f} ms   p99 {percentile(resolving, 0.99):6.2f} ms   max {max(resolving):6.2f} ms"
          "   (wall clock)")
    print(f"  frame  median {statistics.median(RESOLUTION_CPU):6.2f} ms   p99 {percentile(RESOLUTION_CPU, 0.99):6.2f} ms"
          f"   max {max(RESOLUTION_CPU):6.2f} ms   (CPU time of the drawing thread)")
    print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    saved = home / "resumed.json"
    assert app.play is not None
    app.play.session.save(saved)
    app.autoplay = "balanced"
    h.run_until(lambda x: x.screen.name == "debrief", max_steps=5000)
    app.autoplay = None
    h.key(pygame.K_2)
    charts: list[float] = []
    for _ in range(60):
        start = time.perf_counter()
        app.draw()
        charts.append((time.perf_counter() - start) * 1000)
    print(f"debrief charts page, 1920x1080: median {statistics.median(charts):6.2f} ms   p99 {percentile(charts, 0.99):6.2f} ms")
    h.close()
    pygame.quit()
    ready_s, waiting = resumed_cards_ready(saved)
    print(f"a saved game resumed onto its turn (no briefing before it): every card's forecast ready {ready_s * 1000:6.0f} ms after the"
          f" turn opened; frames meanwhile p99 {percentile(waiting, 0.99):6.2f} ms ({len(waiting)} frames)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
