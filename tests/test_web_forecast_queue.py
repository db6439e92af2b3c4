"""The forecast workers' queue: questions answered once, first come first served, questions asked
ahead of time only while a worker stays idle, and the answers kept bounded."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from game.web.forecast_queue import ForecastQueue


class Worker:
    """Work that records the order it was done in; the question "first" waits until ``go`` is set."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.go = threading.Event()

    def __call__(self, request: Any) -> list[Any]:
        if request == "first":
            assert self.go.wait(10)
        self.done.append(request)
        return [request]


def test_questions_are_answered_once_in_the_order_asked() -> None:
    work = Worker()
    with ThreadPoolExecutor(1) as pool:
        queue = ForecastQueue(pool, 1)
        first = queue.ask("first", work, "first")  # the one worker is busy with it
        rest = [queue.ask(k, work, k) for k in ("a", "b", "a")]
        assert rest[0] is rest[2] and not queue.started("a")  # asked twice, waiting once
        work.go.set()
        for future in [first, *rest]:
            future.result(timeout=10)
    assert work.done == ["first", "a", "b"]
    assert queue.worked_out == 3 and queue.running == 0


def test_a_question_asked_ahead_of_time_never_takes_the_last_idle_worker() -> None:
    work = Worker()
    with ThreadPoolExecutor(2) as pool:
        queue = ForecastQueue(pool, 2)
        assert queue.ask_ahead("first", work, "first")  # both workers idle: worked out now
        assert not queue.ask_ahead("a", work, "a")  # one is busy: the other stays free
        assert "a" not in queue.known
        waited = queue.ask("u", work, "u")
        assert waited.result(timeout=10) == ["u"] and not queue.known["first"].done()  # answered beside "first"
        assert queue.ask_ahead("first", work, "first")  # already on its way
        work.go.set()
        queue.known["first"].result(timeout=10)
        assert queue.ask_ahead("a", work, "a")  # idle again
        queue.known["a"].result(timeout=10)
    assert work.done == ["u", "first", "a"]


def test_answers_are_kept_up_to_a_bound_and_forgotten_on_request() -> None:
    work = Worker()
    work.go.set()
    with ThreadPoolExecutor(2) as pool:
        queue = ForecastQueue(pool, 2, keep=3)
        for key in ("first", "a", "b", "c", "d"):
            queue.ask(key, work, key).result(timeout=10)
        assert list(queue.known) == ["b", "c", "d"]  # the least recently asked went
        queue.forget("c")
        assert list(queue.known) == ["b", "d"]
        again = queue.ask("c", work, "c")  # asked again: worked out again
        assert again.result(timeout=10) == ["c"] and work.done.count("c") == 2


def test_a_forgotten_question_still_waiting_is_cancelled_and_a_failure_is_not_kept() -> None:
    work = Worker()
    with ThreadPoolExecutor(1) as pool:
        queue = ForecastQueue(pool, 1)
        first = queue.ask("first", work, "first")
        waiting = queue.ask("a", work, "a")
        queue.forget("a")
        work.go.set()
        first.result(timeout=10)
        assert waiting.cancelled() and "a" not in work.done

        def fail(request: Any) -> list[Any]:
            raise ValueError("no engine")

        broken = queue.ask("x", fail, "x")
        assert isinstance(broken.exception(timeout=10), ValueError)
        assert "x" not in queue.known  # the next team to ask tries again
