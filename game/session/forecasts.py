"""The forecasts a player asked for this turn, kept until the game moves on.

Rollouts cost tens of milliseconds, and a player looks at the same plan or the
same event choice several times while deciding: :class:`ForecastCache` answers
a repeated question from memory, and :meth:`ForecastCache.clear` forgets every
answer once a turn is played (the state they were made from is then gone).
Each forecast uses fresh luck, never the game's own future dice (see
:mod:`game.sim.forecast` and :mod:`game.session.choice_forecast`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.session.choice_forecast import choice_forecast
from game.sim.decisions import Decision
from game.sim.engine import Engine
from game.sim.forecast import Forecast, forecast
from game.sim.state import State


class ForecastCache:
    """Forecasts of plans and of event choices, keyed by the move they are for and the moves before it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.plans: dict[tuple[int, tuple[str, ...], int], Forecast] = {}
        self.choices: dict[tuple[int, str, int, int], Forecast] = {}

    def clear(self) -> None:
        self.plans.clear()
        self.choices.clear()

    def of_plan(self, state: State, moves: int, decisions: Sequence[Decision], chosen: NDArray[np.bool_],
                rollouts: int) -> Forecast:
        """Playing ``decisions`` (the engine's choice row ``chosen``) from ``state``, after ``moves``
        logged turns, then a balanced policy to the end."""
        key = (moves, tuple(sorted(str(d) for d in decisions)), int(rollouts))
        found = self.plans.get(key)
        if found is None:
            found = forecast(self.engine, state, 0, chosen, rollouts=max(1, int(rollouts)))
            self.plans[key] = found
        return found

    def of_choice(self, state: State, moves: int, event_id: str, choice: int, rollouts: int) -> Forecast:
        """Answering the waiting event ``event_id`` with ``choice``, then a balanced policy to the end."""
        key = (moves, event_id, int(choice), int(rollouts))
        found = self.choices.get(key)
        if found is None:
            index = self.engine.events.index(event_id)
            found = choice_forecast(self.engine, state, index, choice, rollouts=max(1, int(rollouts)))
            self.choices[key] = found
        return found
