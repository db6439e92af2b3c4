"""The forecast workers' queue: each question worked out once, and ahead of time only when idle.

Questions come in two kinds. A question a team is waiting for (:meth:`ForecastQueue.ask`) waits
for a free worker, first come first served. A question worth asking before anyone does (the
opening turn's forecasts, which every team asks for within its first minute:
:meth:`game.web.room.Room.opening_question`) is offered with :meth:`ForecastQueue.ask_ahead`, and
worked out only while the workers are idle, never on the last idle one: it starts at once or is
not asked at all. So a question a team waits for waits at most for one asked ahead of time, never
behind a backlog of them.

Answers are kept by question (:func:`game.web.forecasting.shared_key`: the workshop, the state,
the record and the plans), so two teams asking the same question (every team at the start of a
workshop) share one answer. A question no team needs any more is forgotten (:meth:`forget`: the
app does it for every question of a team's earlier moves), and at most ``keep`` answers are kept
in any case, the least recently asked going first.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from game.sim.forecast import Forecast

Work = Callable[[Any], list[Forecast]]


class ForecastQueue:
    """Questions for ``workers`` forecast workers running in ``executor``. Safe to use from any
    thread and any event loop: the answers are :class:`concurrent.futures.Future` objects (await one
    with ``asyncio.wrap_future``, shielded, so that a request given up never cancels an answer
    another team waits for)."""

    def __init__(self, executor: Executor, workers: int, keep: int = 256) -> None:
        self.executor = executor
        self.workers = max(1, workers)
        self.keep = keep
        self.known: OrderedDict[str, Future[list[Forecast]]] = OrderedDict()  # waiting, worked on or answered
        self.waiting: OrderedDict[str, tuple[Work, Any]] = OrderedDict()
        self.running = 0
        self.worked_out = 0  # questions the workers have answered (for the tests and the benchmark)
        self._lock = threading.Lock()

    def ask(self, key: str, work: Work, request: Any) -> Future[list[Forecast]]:
        """The answer to the question ``key`` (``work(request)`` in a worker), asked once."""
        with self._lock:
            found = self.known.get(key)
            if found is not None:
                self.known.move_to_end(key)
                return found
            future = self._add(key, work, request)
        self._start()
        return future

    def ask_ahead(self, key: str, work: Work, request: Any) -> bool:
        """Work out the question ``key`` now if the workers are idle (leaving one idle still); whether
        it is answered or being worked out."""
        with self._lock:
            if key in self.known:
                self.known.move_to_end(key)
                return key not in self.waiting
            if self.waiting or self.running >= max(1, self.workers - 1):
                return False
            self._add(key, work, request)
        self._start()
        return True

    def started(self, key: str) -> bool:
        """Whether the question ``key`` is answered or being worked out (not waiting, nor unknown)."""
        with self._lock:
            return key in self.known and key not in self.waiting

    def forget(self, key: str) -> None:
        """Drop the question ``key``: its answer, or the question itself while it waits (a team still
        waiting for it sees it cancelled, and asks again)."""
        with self._lock:
            future = self.known.pop(key, None)
            self.waiting.pop(key, None)
            if future is not None:
                future.cancel()  # nothing when it is answered or being worked out

    def _add(self, key: str, work: Work, request: Any) -> Future[list[Forecast]]:
        future: Future[list[Forecast]] = Future()
        self.known[key] = future
        self.waiting[key] = (work, request)
        self._trim()
        return future

    def _start(self) -> None:
        """Hand waiting questions to the idle workers, first come first served."""
        while True:
            with self._lock:
                if self.running >= self.workers or not self.waiting:
                    return
                key, (work, request) = self.waiting.popitem(last=False)
                self.running += 1
            try:
                job = self.executor.submit(work, request)
            except RuntimeError:  # the pool has shut down: the server is stopping
                with self._lock:
                    self.running -= 1
                    future = self.known.pop(key, None)
                if future is not None:
                    future.cancel()
                return
            job.add_done_callback(functools.partial(self._answered, key))

    def _answered(self, key: str, job: Future[list[Forecast]]) -> None:
        with self._lock:
            self.running -= 1
            self.worked_out += 1
            future = self.known.get(key)
            if future is not None and not future.done():  # else forgotten while it was worked out
                error = job.exception() if not job.cancelled() else None
                if job.cancelled() or error is not None:
                    del self.known[key]  # a failure is not kept: the next team to ask tries again
                if job.cancelled():
                    future.cancel()
                elif error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(job.result())
        self._start()

    def _trim(self) -> None:
        """Keep at most ``keep`` answers: the least recently asked ones go (never one being worked out)."""
        for key in [k for k, f in self.known.items() if f.done()][: max(0, len(self.known) - self.keep)]:
            del self.known[key]
