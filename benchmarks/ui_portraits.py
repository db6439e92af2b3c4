"""What the stakeholders' faces cost the first frame: every portrait of the flagship drawn from a cold cache.

The turn screen's first frame draws each stakeholder's face on the map, and the
briefing draws the cast; both are drawn once (anti-aliased, at four times their
size, then scaled down) and cached per face, mood and size, so later frames only
blit. Prints the median CPU time (process time, so a busy shared machine does
not inflate it) of drawing them all cold, and of a frame's cached look-ups,
against the first frame's 1.5 s budget (`benchmarks/ui_startup.py` times that
first frame whole).

    .venv/bin/python benchmarks/ui_portraits.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.faces import MOODS
from game.scenario import loader
from game.ui import portraits

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 1.5
MAP_FACE = 52  # pixels: a face inside a node of the flagship's map at 1280x720
CAST_FACE = 44  # pixels: a face in the briefing's cast


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    options = parser.parse_args()
    pygame.init()
    scenario = loader.load(ROOT / "scenarios" / "system_reform.yaml")
    ids = [s.id for s in scenario.stakeholders]
    cold: list[float] = []
    every_mood: list[float] = []
    for _ in range(options.repeats):
        portraits.face_image.cache_clear()
        start = time.process_time()
        for who in ids:
            portraits.portrait_image(scenario, None, who, "wary", MAP_FACE, backdrop=False)
            portraits.portrait_image(scenario, None, who, "wary", CAST_FACE)
        cold.append(time.process_time() - start)
        start = time.process_time()
        for who in ids:
            for mood in MOODS:
                portraits.portrait_image(scenario, None, who, mood, MAP_FACE, backdrop=False)
        every_mood.append(time.process_time() - start)
    start = time.process_time()
    for _ in range(100):
        for who in ids:
            portraits.portrait_image(scenario, None, who, "wary", MAP_FACE, backdrop=False)
    cached = (time.process_time() - start) / 100
    median = statistics.median(cold)
    print(f"{len(ids)} stakeholders of system_reform, {options.repeats} runs (CPU time)")
    print(f"  first frame's faces (map and cast, cold)  median {median * 1000:6.1f} ms  "
          f"({median / BUDGET_S:.3f} of the {BUDGET_S} s first-frame budget)")
    print(f"  every mood of every map face (warming)     median {statistics.median(every_mood) * 1000:6.1f} ms")
    print(f"  a frame's cached look-ups                  {cached * 1000:6.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
