"""A turn's forecasts, worked out in a background thread as the turn opens, so the window never waits.

Each action card's tooltip (and each target's) shows the forecast of the plan
with that option added, under two continuations (as the player has played so
far, and as the advisor would). The job forecasts the plan and the plan plus
each option still open, under both, in one batch per continuation (the same
luck for every plan) and leaves the answers in the session's forecast cache;
a card asked for before then says the forecast is being worked out. The action cards show the first
continuation's chances as soon as that half is done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from game.session.playthrough import Session
from game.sim.decisions import Decision

CONTINUATIONS = ("player", "advisor")


class ForecastJob:
    """Forecasts of ``plan`` and of ``plan`` plus each of ``extras``, computed once in a daemon thread."""

    def __init__(self, session: Session, key: object, plans: Sequence[Sequence[Decision]], rollouts: int) -> None:
        self.key = key
        self.error = ""
        self.first_cpu_seconds = 0.0  # the processor time the first half took (what a busy machine cannot inflate)
        self._done = threading.Event()
        self._first = threading.Event()  # the first continuation (as the player has played so far) is in
        self._thread = threading.Thread(target=self._run, args=(session, list(plans), rollouts), name="forecasts",
                                        daemon=True)
        self._thread.start()

    def _run(self, session: Session, plans: list[Sequence[Decision]], rollouts: int) -> None:
        began = time.thread_time()
        try:
            for continuation in CONTINUATIONS:
                session.forecast_style(continuation)
                session.forecast_plans(plans, rollouts, continuation)
                if not self._first.is_set():
                    self.first_cpu_seconds = time.thread_time() - began
                self._first.set()
        except Exception as exc:  # a failed forecast must never take the game down; the card computes its own
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._first.set()
            self._done.set()

    @property
    def first_done(self) -> bool:
        """Whether the forecasts under the first continuation (what the action cards show) are ready."""
        return self._first.is_set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)
