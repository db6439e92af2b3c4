"""Time from launching `python -m game play` to the first frame on screen (target: under 1.5 s).

Each repeat starts a fresh interpreter that runs the real command; the child
reports the moment its first ``pygame.display.flip`` returns, on the same
monotonic clock the parent started from. Prints the median and the spread for
the title screen (which reads every scenario), for a named scenario (its briefing, with the cast's
faces) and for that scenario's first turn (Enter on the briefing, then the turn screen's first frame,
every stakeholder's face on the map drawn for the first time).

Uses SDL's dummy video driver unless DISPLAY is set (run it under Xvfb for a
real window). The machine may be shared: compare medians, not single runs.

    .venv/bin/python benchmarks/ui_startup.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.5

CHILD = """
import os, sys, time
import pygame
flip = pygame.display.flip
def first_flip():
    flip()
    print(repr(time.monotonic()), flush=True)
    os._exit(0)
pygame.display.flip = first_flip
from game.cli import main
main(["play", *sys.argv[1:]])
"""

# The first turn: Enter on the briefing's first frame, then the moment the next frame (the turn screen, with
# every stakeholder's face drawn for the first time) is on screen.
CHILD_TURN = """
import os, sys, time
import pygame
flip = pygame.display.flip
frames = []
def counted_flip():
    flip()
    frames.append(time.monotonic())
    if len(frames) == 1:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\\r", scancode=0))
    else:
        print(repr(frames[-1]), flush=True)
        os._exit(0)
pygame.display.flip = counted_flip
from game.cli import main
main(["play", *sys.argv[1:]])
"""


def first_frame(args: list[str], env: dict[str, str], child: str = CHILD) -> float:
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", child, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    if not lines:
        raise RuntimeError(f"no frame was drawn: {out.stderr.strip()[-400:]}")
    return float(lines[-1]) - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="shove-bench-"))
    env = dict(os.environ)
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    if not env.get("DISPLAY"):
        env["SDL_VIDEODRIVER"] = "dummy"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    print(f"time to first frame ({'X display ' + env['DISPLAY'] if env.get('DISPLAY') else 'SDL dummy driver'}), {options.repeats} runs each")
    first_frame([], env)  # warm the file cache once
    cases = (("title screen", [], CHILD), ("briefing of system_reform", ["system_reform", "--seed", "1"], CHILD),
             ("first turn, faces on the map", ["system_reform", "--seed", "1"], CHILD_TURN))
    for label, args, child in cases:
        times = [first_frame(args, env, child) for _ in range(options.repeats)]
        median = statistics.median(times)
        print(
            f"  {label:28s} median {median * 1000:6.0f} ms  min {min(times) * 1000:6.0f}  max {max(times) * 1000:6.0f}"
            f"  ({median / TARGET_S:.2f} of the {TARGET_S} s budget)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
