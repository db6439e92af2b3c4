"""Forecasts for the teams' seats, worked out away from the server's event loop and its moves.

A forecast plays a hundred games a plan to the end (tens of milliseconds of CPU); forty teams
asking at once would hold Python's lock for seconds if they ran in the server's own threads, and
every move would wait behind them. So the room prepares a :class:`Question` under the team's lock
(the state, the decision log and the plans as the engine's choice rows: plain arrays and records),
and a pool of worker processes answers it with the simulation's own functions
(:func:`game.sim.forecast.forecast_plans`, :func:`game.session.choice_forecast.choice_forecast`):
the same numbers a session's forecast gives. Each worker reads the workshop once (again after an
inject changes it). Tests use a thread pool running the very same functions.

A plan is forecast with doing nothing beside it, on the same games. The opening turn, which every
team plays from the same state on the same luck, is forecast once for the whole room: doing
nothing and every single option, in one batch (:meth:`game.web.room.Room.opening_question`). Every
plan of one turn is forecast on the same seeds whichever batch it is in, so the forecasts a team
reads from the opening's batch are exactly those its own question would give.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.sim.decisions import TurnRecord
from game.sim.engine import Engine
from game.sim.forecast import Forecast
from game.sim.state import State

ROLLOUTS = 100
"""Games a plan for a web seat, as for the desktop game's forecasts. The plans of a turn are compared
on the same games (common random numbers), so a hundred rank them about as well as two hundred and
cost half as much: on 61 states of ordinary play of system_reform, against a thousand games on
other luck, the plan a hundred games rank first is 0.18 points below the best on average (0.15
with two hundred), and every difference of five points or more from doing nothing has the right
sign (``benchmarks/forecast_spread.py --rollouts 100 --reference 1000``)."""

_engines: dict[tuple[str, int], Engine] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class PlanRequest:
    """Plans to forecast from one team's state (each a row of the engine's options)."""

    folder: str
    generation: int  # changes when workshop.yaml does (an inject)
    state: State
    log: Sequence[TurnRecord]
    rows: NDArray[np.bool_]
    rollouts: int = ROLLOUTS


@dataclass(frozen=True)
class ChoiceRequest:
    """Every answer to the event waiting in one team's state."""

    folder: str
    generation: int
    state: State
    event_index: int
    choices: int
    rollouts: int = ROLLOUTS


Request = PlanRequest | ChoiceRequest
Moment = tuple[int, int, int]  # the workshop's generation, turns played, event answers given


@dataclass(frozen=True)
class Question:
    """A question for the forecast workers: its request, the key two teams asking the same question
    share (:func:`shared_key`), the team's moment it belongs to, and which of the answer's
    forecasts the page shows (by position)."""

    key: str
    request: Request
    moment: Moment
    picks: tuple[int, ...] = ()


def shared_key(request: Request) -> str:
    """What makes two requests the same question, whichever team asks: the workshop, the state, the
    record and the plans. Every team starts from the same state on the same luck, so at the start of a
    workshop (when every team asks at once) most questions are asked many times and answered once."""
    digest = hashlib.sha256(f"{type(request).__name__}|{request.folder}|{request.generation}|{request.rollouts}".encode())
    for item in dataclasses.fields(request.state):
        value = getattr(request.state, item.name)
        if isinstance(value, np.ndarray):
            digest.update(f"{item.name}{value.dtype}{value.shape}".encode())
            digest.update(np.ascontiguousarray(value).tobytes())
        else:
            digest.update(f"{item.name}={value!r}".encode())
    if isinstance(request, PlanRequest):
        digest.update(repr([(t.decisions, sorted(t.choices.items())) for t in request.log]).encode())
        digest.update(np.ascontiguousarray(request.rows).tobytes())
    else:
        digest.update(f"event {request.event_index} {request.choices}".encode())
    return digest.hexdigest()


def engine_for(folder: str, generation: int) -> Engine:
    """The workshop's engine, built once per process and workshop generation."""
    key = (folder, generation)
    with _lock:
        found = _engines.get(key)
        if found is None:
            from game.workshop.config import load_workshop

            _engines.clear()
            found = _engines[key] = Engine(load_workshop(folder).scenario)
        return found


def plans(request: PlanRequest) -> list[Forecast]:
    """Each plan, then the later turns as the team has played so far, all on the same fresh luck."""
    from game.sim.continuations import player_rule
    from game.sim.forecast import forecast_plans

    engine = engine_for(request.folder, request.generation)
    style = player_rule(engine, request.log)
    return forecast_plans(engine, request.state, 0, request.rows, request.rollouts, style)


def choices(request: ChoiceRequest) -> list[Forecast]:
    """Each answer to the waiting event, then a balanced policy, on the same fresh luck."""
    from game.session.choice_forecast import choice_forecast

    engine = engine_for(request.folder, request.generation)
    return [choice_forecast(engine, request.state, request.event_index, c, rollouts=request.rollouts)
            for c in range(request.choices)]


def answer(request: Request) -> list[Forecast]:
    """The forecasts a question asks for, in a worker."""
    return plans(request) if isinstance(request, PlanRequest) else choices(request)


def warm(folder: str, generation: int) -> bool:
    """Build the engine ahead of the first forecast."""
    engine_for(folder, generation)
    return True


def warm_up(pool: concurrent.futures.Executor, processes: int, folder: str, generation: int = 0) -> None:
    """Start each worker process and build its engine now rather than at the first forecast."""
    for _ in range(processes):
        pool.submit(warm, folder, generation)


WORKER_NICENESS = 10
"""Forecast workers yield the processor to the server: a team's move never waits behind forty
teams' forecasts (a forecast is worth waiting for; a move that lags feels broken)."""


def watch_parent(parent: int) -> None:
    """In a worker: run below the server's priority, and leave as soon as the server that started
    it is gone (even killed with SIGKILL, which gives it no chance to stop its workers)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: run at the server's priority
            os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


THREADS = 2  # the pool of threads that stands in for the worker processes in tests


def make_pool(processes: int) -> concurrent.futures.Executor:
    """Worker processes (started fresh, not forked from a server with threads), or with 0 a pair
    of threads in this process."""
    if processes <= 0:
        return concurrent.futures.ThreadPoolExecutor(THREADS, thread_name_prefix="forecast")
    return concurrent.futures.ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                                                  initializer=watch_parent, initargs=(os.getpid(),))
