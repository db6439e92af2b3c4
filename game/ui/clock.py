"""Milliseconds for timers (tooltip delay, autoplay pace, messages).

``pygame.time.get_ticks`` stays at 0 unless all of pygame is initialised, and
the game starts only the display and fonts (never the mixer), so it keeps its
own monotonic clock.
"""

from __future__ import annotations

import time


def now_ms() -> int:
    return int(time.monotonic() * 1000)
