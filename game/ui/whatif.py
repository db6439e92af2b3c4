"""The debrief's "what if" numbers, worked out in a background thread so the window never waits.

The counterfactuals (each built-in policy on the player's luck, and every
turn flipped) take a fraction of a second on the shipped scenarios, but a
large scenario could take longer; the debrief starts the job as it opens and
the "What if" page shows the answer once it is ready. A job is kept per
game, so coming back to the page is instant.
"""

from __future__ import annotations

import threading

from game.analysis.counterfactual import WhatIf, what_if
from game.session.playthrough import Session


class WhatIfJob:
    """One game's counterfactuals, computed once in a daemon thread."""

    def __init__(self, session: Session) -> None:
        self.key = (session.scenario_id, session.seed, len(session.log))
        self._scenario = session.scenario
        self._seed = session.seed
        self._log = session.log
        self._score = session.score
        self._result: WhatIf | None = None
        self.error = ""
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="what-if", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = what_if(self._scenario, self._seed, self._log, self._score)
        except Exception as exc:  # a broken counterfactual must never take the debrief down
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def result(self) -> WhatIf | None:
        """The counterfactuals once ready (None while working, or after an error)."""
        return self._result if self._done.is_set() else None

    def wait(self, timeout: float | None = None) -> WhatIf | None:
        self._done.wait(timeout)
        return self.result()
