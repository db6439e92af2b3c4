"""How long the debrief's "what if" and the event forecasts keep the player waiting.

For each shipped scenario and a few seeds, plays a whole game with the
balanced policy, then measures:

- ``what-if job``: the background computation (every built-in policy on the
  game's luck, and every turn flipped), from the debrief opening to its answer;
- ``page switch``: the longest the window itself waits when the player presses 4
  for the What if page (the job runs in a thread; target well under 1 s);
- ``event forecasts``: building an event screen with each choice's forecast
  (500 rollouts a choice), the one place a forecast is computed on the window's
  thread.

Prints medians and maxima in milliseconds.

    .venv/bin/python benchmarks/ui_whatif.py [--seeds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="shove-bench-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["SDL_VIDEODRIVER"] = "dummy"

    import pygame

    from game.ui.harness import Harness
    from game.ui.screens.event import EventScreen
    from game.ui.whatif import WhatIfJob

    print(f"{'scenario':<18}{'what-if job':>22}{'page switch':>22}{'event forecasts':>22}")
    for scenario in ("tutorial", "system_reform", "european_merger"):
        jobs: list[float] = []
        switches: list[float] = []
        events: list[float] = []
        for seed in range(options.seeds):
            h = Harness([scenario, "--seed", str(seed), "--autoplay", "balanced"])
            while h.screen.name != "debrief":
                if h.screen.name == "event" and not getattr(h.screen, "_timed", False):
                    play = h.app.play
                    assert play is not None
                    play.session._choice_forecasts.clear()
                    start = time.perf_counter()
                    screen = EventScreen(h.app, play)
                    screen.layout()
                    events.append((time.perf_counter() - start) * 1000)
                    h.screen._timed = True  # type: ignore[attr-defined]
                h.step()
            h.app.autoplay = None
            play = h.app.play
            assert play is not None
            # A fresh job for the timing (the debrief started its own as it opened).
            start = time.perf_counter()
            WhatIfJob(play.session).wait(60)
            jobs.append((time.perf_counter() - start) * 1000)
            play._what_if = None  # the page now starts one, as on a first visit
            start = time.perf_counter()
            h.key(pygame.K_4)
            switches.append((time.perf_counter() - start) * 1000)
            play.what_if().wait(60)
            h.close()
            pygame.quit()

        def cell(values: list[float]) -> str:
            if not values:
                return "—"
            return f"{statistics.median(values):.0f} (max {max(values):.0f})"

        print(f"{scenario:<18}{cell(jobs):>22}{cell(switches):>22}{cell(events):>22}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
