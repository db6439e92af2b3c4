"""An event's answers forecast in a background thread as the event opens, so the window never waits.

The event screen shows "working out" beside each answer until the job is
done, then reads the forecasts from the session's cache (every answer of one
event faces the same luck, so their difference is the answer's doing).
"""

from __future__ import annotations

import threading

from game.session.playthrough import Session


class ChoiceForecastJob:
    """Forecasts of each of ``choices`` answers to the waiting event, computed once in a daemon thread."""

    def __init__(self, session: Session, choices: int, rollouts: int) -> None:
        self.error = ""
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(session, choices, rollouts), name="choice-forecasts",
                                        daemon=True)
        self._thread.start()

    def _run(self, session: Session, choices: int, rollouts: int) -> None:
        try:
            for index in range(choices):
                session.forecast_choice(index, rollouts)
        except Exception as exc:  # a failed forecast must never take the game down; the screen asks again
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)
