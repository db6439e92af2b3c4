"""Frame times at 1920x1080 while the player hovers over the map and the action cards.

Drives the turn screen of the flagship scenario (scenarios/system_reform.yaml,
13 stakeholders, 11 actions) with mouse moves across every node and card, and
tooltips appearing, one redraw per move; then the debrief's chart page.
Prints the median and the 99th percentile of the time to draw and present a
frame (target: p99 under 16.7 ms, one frame at 60 Hz).

Uses SDL's dummy video driver unless DISPLAY is set. Forecasts in tooltips are
computed once per card and cached, as in play; the first showing of each is
reported apart (``first tooltip``), since that is a Monte Carlo run, not drawing.

    .venv/bin/python benchmarks/ui_frames.py [--moves N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

TARGET_MS = 1000 / 60


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=600)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="shove-bench-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not os.environ.get("DISPLAY"):
        os.environ["SDL_VIDEODRIVER"] = "dummy"

    import pygame

    from game.ui.harness import Harness

    h = Harness(["system_reform", "--seed", "1", "--size", "1920x1080"])
    h.key(pygame.K_RETURN)
    assert h.screen.name == "turn"
    app = h.app
    delay = int(app.theme.sizes["tooltip_delay_ms"])
    targets = [w.rect.center for w in h.screen.group.widgets if w.focusable]
    frames: list[float] = []
    first_tooltips: list[float] = []
    seen: set[tuple[int, int]] = set()
    for i in range(options.moves):
        pos = targets[i % len(targets)]
        h.move(pos)
        # Let the hover delay pass so the tooltip is part of the measured frame.
        app.screen.group.hover_since -= delay  # type: ignore[union-attr]
        start = time.perf_counter()
        app.draw()
        elapsed = (time.perf_counter() - start) * 1000
        (frames if pos in seen else first_tooltips).append(elapsed)
        seen.add(pos)
    print(f"turn screen, 1920x1080, {len(frames)} hover frames over {len(targets)} widgets")
    print(f"  frame  median {statistics.median(frames):6.2f} ms   p99 {percentile(frames, 0.99):6.2f} ms   max {max(frames):6.2f} ms"
          f"   (p99 is {percentile(frames, 0.99) / TARGET_MS:.2f} of a 60 Hz frame)")
    print(f"  first tooltip of each widget (forecast included): median {statistics.median(first_tooltips):6.1f} ms, max {max(first_tooltips):6.1f} ms")

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
