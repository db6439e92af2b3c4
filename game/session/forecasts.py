"""The forecasts a player asked for this turn, kept until the game moves on.

Rollouts cost tens of milliseconds, and a player looks at the same plan or the
same event choice several times while deciding: :class:`ForecastCache` answers
a repeated question from memory, and :meth:`ForecastCache.clear` forgets every
answer once a turn is played (the state they were made from is then gone).
Each forecast uses fresh luck, never the game's own future dice, and every
plan of one turn plays on the same luck (see :mod:`game.sim.forecast` and
:mod:`game.session.choice_forecast`).

A forecast continues after this turn in one of the styles of
``game.sim.continuations``: ``player`` (like the player so far, fitted to the
record), ``advisor`` (the advisor policy) or ``balanced`` (the
built-in policy). The styles are worked out once a turn and kept here too.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.session.choice_forecast import choice_forecast
from game.sim.continuations import ADVISOR, CONTINUATIONS, Style, player_rule
from game.sim.decisions import Decision, TurnRecord
from game.sim.engine import Engine
from game.sim.forecast import Forecast, forecast_plans
from game.sim.state import State

PlanKey = tuple[int, tuple[str, ...], int, str]


def plan_key(moves: int, decisions: Sequence[Decision], rollouts: int, continuation: str) -> PlanKey:
    return (moves, tuple(sorted(str(d) for d in decisions)), int(rollouts), continuation)


class ForecastCache:
    """Forecasts of plans and of event choices, keyed by the move they are for, the moves before it and the
    continuation. Safe to fill from a background thread (a lock guards the styles)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.plans: dict[PlanKey, Forecast] = {}
        self.choices: dict[tuple[int, str, int, int], Forecast] = {}
        self.styles: dict[tuple[int, int, str], Style] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        self.plans.clear()
        self.choices.clear()
        self.styles.clear()

    def style(self, state: State, log: Sequence[TurnRecord], continuation: str) -> Style | str:
        """What ``continuation`` assumes now: a Style for ``player`` and ``advisor``, else the policy's name."""
        if continuation not in ("player", "advisor"):
            if continuation not in CONTINUATIONS:
                raise KeyError(f"unknown continuation `{continuation}`; choose from {', '.join(CONTINUATIONS)}")
            return continuation
        key = (len(log), sum(len(r.choices) for r in log), continuation)
        with self._lock:
            found = self.styles.get(key)
            if found is None:
                found = player_rule(self.engine, log) if continuation == "player" else ADVISOR
                self.styles[key] = found
        return found

    def of_plans(self, state: State, log: Sequence[TurnRecord], plans: Sequence[Sequence[Decision]],
                 chosen: NDArray[np.bool_], rollouts: int, continuation: str = "balanced") -> list[Forecast]:
        """Playing each of ``plans`` (the engine's choice rows ``chosen``, (P, O)) from ``state`` after the
        record ``log``, then ``continuation`` to the end: all on the same luck, the missing ones in one batch."""
        rollouts = max(1, int(rollouts))
        keys = [plan_key(len(log), p, rollouts, continuation) for p in plans]
        missing = [i for i, k in enumerate(keys) if k not in self.plans]
        if missing:
            style = self.style(state, log, continuation)
            found = forecast_plans(self.engine, state, 0, np.asarray(chosen)[missing], rollouts, style)
            for i, f in zip(missing, found, strict=True):
                self.plans.setdefault(keys[i], f)
        return [self.plans[k] for k in keys]

    def of_plan(self, state: State, moves: int | Sequence[TurnRecord], decisions: Sequence[Decision],
                chosen: NDArray[np.bool_], rollouts: int, continuation: str = "balanced") -> Forecast:
        """Playing ``decisions`` (the engine's choice row ``chosen``) from ``state``, after the record (or,
        for the balanced continuation, a count of logged turns), then ``continuation`` to the end."""
        log: Sequence[TurnRecord] = [TurnRecord()] * moves if isinstance(moves, int) else moves
        return self.of_plans(state, log, [decisions], np.asarray(chosen)[None, :], rollouts, continuation)[0]

    def of_choice(self, state: State, moves: int, event_id: str, choice: int, rollouts: int) -> Forecast:
        """Answering the waiting event ``event_id`` with ``choice``, then a balanced policy to the end."""
        key = (moves, event_id, int(choice), int(rollouts))
        found = self.choices.get(key)
        if found is None:
            index = self.engine.events.index(event_id)
            found = choice_forecast(self.engine, state, index, choice, rollouts=max(1, int(rollouts)))
            self.choices[key] = found
        return found


# --------------------------------------------------------------------------
# What a continuation assumes, in words


def style_words(engine: Engine, style: Style | str, lang: str | None) -> str:
    """One sentence on what a forecast assumes for the turns after this one (``forecast.style.*`` keys)."""
    from game.i18n import translate as tr
    from game.i18n.numbers import percent
    from game.scenario.language import localise

    meta = engine.scenario.meta
    label = localise(meta.turn_label, lang, meta.language).lower() or tr(lang, "audit.rule.turn")
    if isinstance(style, str) or (style.book is None and style.kind not in ("player", "advisor")):
        return tr(lang, "forecast.style.policy.balanced")
    if style.kind == "advisor":
        return tr(lang, "forecast.style.advisor")
    answer = tr(lang, f"forecast.style.answer.{style.answer}")
    if style.book is None:
        return tr(lang, "forecast.style.player_none")
    partner, push, neutral = (percent(s, lang) for s in style.shares)
    moves = tr(lang, "forecast.style.player_moves", partner=partner, push=push, neutral=neutral)
    if style.push_from:
        first = tr(lang, "forecast.style.first_push", label=label, turn=style.push_from)
    else:
        first = tr(lang, "forecast.style.no_push")
    return tr(lang, "forecast.style.player", moves=moves, first=first, answer=answer)
