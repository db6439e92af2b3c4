"""The workshop on the server: every team's seat, the authority over its game.

A :class:`Room` holds one :class:`~game.workshop.seat.TeamSeat` per team that has started (resumed
from its session file when the server starts again), and does every move under that team's lock,
so the page a team sees, its forecasts and its moves never interleave. Each move writes the
session file (atomically) before it returns. The methods are plain blocking calls: the web app runs
them in worker threads, never on its event loop.

The decision clock is kept here: it starts when a team first sees a decision turn (after any pause
and prediction), and a team that answers after it has run out plays the turn with no action, as in
the terminal. The server writes the clocks' time left every few seconds (:mod:`game.web.clocks`);
after a restart a team's clock carries on from the time it had left as of the last write, from when
the team sees its turn again.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import numpy as np

from game.i18n.words import Words
from game.session import IllegalMove, situation
from game.sim.decisions import Decision
from game.web.access import ACCESS_FILE, AccessFile, prepared, write_access
from game.web.clocks import CLOCKS_FILE, WRITE_EVERY, Clock, read_clocks, write_clocks
from game.web.forecasting import ChoiceRequest, Moment, PlanRequest, Question, shared_key
from game.workshop.config import Workshop, load_workshop
from game.workshop.files import Direction, SessionFileError
from game.workshop.problems import WorkshopError
from game.workshop.seat import TeamSeat

T = TypeVar("T")
PlanKey = tuple[str, ...]


class Refused(Exception):
    """A request the room will not carry out; ``status`` is the HTTP status, ``reason`` says why."""

    def __init__(self, status: int, reason: Words) -> None:
        self.status = status
        self.reason = reason
        super().__init__(reason.say(None))


@dataclass
class Place:
    """One team's place in the room: its seat once it has started, its lock and its clock."""

    team: str
    code: str
    lang: str | None = None
    seat: TeamSeat | None = None
    problem: SessionFileError | None = None  # its session file cannot be resumed
    lock: threading.RLock = field(default_factory=threading.RLock)
    deadline: tuple[int, float] | None = None  # (turn, monotonic time the decision must arrive by)
    resume: tuple[int, float] | None = None  # (turn, seconds left) of a clock running when the server stopped
    message: Words | None = None  # something to tell the team once, on its next page
    opening: tuple[Question, dict[PlanKey, int]] | None = None  # the forecasts of its opening turn


@dataclass(frozen=True)
class Standing:
    """One team's line on the facilitator's board."""

    team: str
    status: str  # waiting | playing | event | predicting | paused | ended | unreadable
    turn: int
    turns: int
    score: float | None
    partner: int
    push: int
    neutral: int
    outcome: str
    ending: str
    policy: str | None
    problem: str = ""


class Room:
    """Every team's seat in one workshop folder."""

    def __init__(self, folder: Path | str, lang: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.workshop: Workshop = load_workshop(folder)
        self.lang = lang or self.workshop.base_scenario.meta.language
        self.clock = clock
        self.access_path = self.workshop.folder / ACCESS_FILE
        self.access: AccessFile = prepared(self.access_path, self.workshop.teams)
        self.places: dict[str, Place] = {}
        self.by_code: dict[str, str] = {}
        for team in self.workshop.teams:
            code = self.access.codes[team]
            self.places[team] = Place(team, code, self.access.langs.get(team))
            self.by_code[code] = team
        self._room_lock = threading.Lock()
        self.generation = 0  # goes up when workshop.yaml changes (an inject): forecast workers read it again
        for place in self.places.values():
            if self.workshop.session_path(place.team).exists():
                self._open(place)
        self.clocks_path = self.workshop.folder / CLOCKS_FILE
        for team, kept in read_clocks(self.clocks_path).items():
            if team in self.places:
                self.places[team].resume = (kept.turn, kept.seconds_left)
        self._clocks_written: dict[str, Clock] | None = None

    # ---------------------------------------------------------------- finding seats

    @property
    def ended(self) -> bool:
        return self.access.ended

    def team_for(self, code: str) -> str | None:
        """The team whose join code is ``code`` (compared in constant time), or None."""
        from game.web.access import same

        found = None
        for known, team in self.by_code.items():
            if same(known, code):
                found = team
        return found

    def is_facilitator(self, secret: str) -> bool:
        from game.web.access import same

        return same(self.access.facilitator, secret)

    def _open(self, place: Place) -> TeamSeat | None:
        """The place's seat, opened (resumed from its file) when it has none yet."""
        if place.seat is None:
            try:
                place.seat = TeamSeat.open(self.workshop, place.team, lang=place.lang or self.lang)
                place.problem = None
            except SessionFileError as exc:
                place.problem = exc
        return place.seat

    @contextlib.contextmanager
    def seat(self, team: str) -> Iterator[tuple[Place, TeamSeat]]:
        """The team's place and seat, under its lock; Refused when its file cannot be resumed."""
        place = self.places[team]
        with place.lock:
            seat = self._open(place)
            if seat is None:
                assert place.problem is not None
                raise Refused(409, Words("web.refused.unreadable", detail=place.problem.reason or place.problem.message))
            self._check_clock(place, seat)
            yield place, seat

    def with_seat(self, team: str, work: Callable[[Place, TeamSeat], T]) -> T:
        with self.seat(team) as (place, seat):
            return work(place, seat)

    # ---------------------------------------------------------------- the clock

    def seconds_left(self, place: Place, seat: TeamSeat) -> float | None:
        """Seconds the team has left to decide this turn (starting the clock), None without a clock."""
        limit = self.workshop.file.options.decision_seconds
        if not limit or seat.session.phase != "decide" or seat.pending_pause() or seat.prediction_due():
            return None
        if self.ended:
            return None
        turn = seat.session.turn
        if place.deadline is None or place.deadline[0] != turn:
            left = float(limit)
            if place.resume is not None and place.resume[0] == turn:  # what it had left when the server stopped
                left = min(left, place.resume[1])
            place.resume = None
            place.deadline = (turn, self.clock() + left)
        return max(0.0, place.deadline[1] - self.clock())

    def running_clocks(self) -> dict[str, Clock]:
        """Each team's clock still to run out this turn, with the time it has left."""
        out: dict[str, Clock] = {}
        if self.ended:
            return out
        for team, place in self.places.items():
            with place.lock:
                seat = place.seat
                if seat is None or seat.session.phase != "decide" or seat.session.is_over:
                    continue
                turn = seat.session.turn
                if place.deadline is not None and place.deadline[0] == turn:
                    out[team] = Clock(turn=turn, seconds_left=round(max(0.0, place.deadline[1] - self.clock()), 1))
                elif place.resume is not None and place.resume[0] == turn:
                    out[team] = Clock(turn=turn, seconds_left=place.resume[1])
        return out

    def save_clocks(self) -> None:
        """Write the running clocks to DIR/clocks.json when they changed; OSError when it cannot be written."""
        clocks = self.running_clocks()
        if clocks != self._clocks_written:
            write_clocks(self.clocks_path, clocks)
            self._clocks_written = clocks

    def keep_clocks(self, stop: threading.Event) -> None:
        """Save the clocks every few seconds until ``stop`` is set, then once more (a thread's work)."""
        while not stop.wait(WRITE_EVERY):
            with contextlib.suppress(OSError):  # a clock restarts from full after a crash: no worse than before
                self.save_clocks()
        with contextlib.suppress(OSError):
            self.save_clocks()

    def _check_clock(self, place: Place, seat: TeamSeat) -> None:
        """Play the turn with no action when its clock has run out (as the terminal seat does)."""
        if place.deadline is None or self.ended or seat.session.phase != "decide":
            return
        turn, by = place.deadline
        if turn == seat.session.turn and self.clock() >= by and not seat.pending_pause():
            seat.time_up()
            place.deadline = None
            place.message = Words("web.seat.time_up")

    # ---------------------------------------------------------------- moves

    def _playing(self, seat: TeamSeat) -> None:
        if self.ended:
            raise Refused(409, Words("web.refused.ended"))
        if seat.session.is_over:
            raise Refused(409, Words("web.refused.over"))
        if seat.pending_pause() is not None:
            raise Refused(409, Words("web.refused.paused"))

    def play(self, team: str, decisions: Sequence[Decision]) -> None:
        with self.seat(team) as (place, seat):
            self._playing(seat)
            if seat.prediction_due():
                raise Refused(409, Words("web.refused.predict_first"))
            try:
                seat.play_turn(list(decisions))
            except IllegalMove as exc:
                raise Refused(400, Words("web.refused.illegal", detail=str(exc))) from None
            place.deadline = None

    def choose(self, team: str, index: int) -> None:
        with self.seat(team) as (_place, seat):
            self._playing(seat)
            event = seat.session.pending_event()
            if event is None:
                raise Refused(409, Words("web.refused.no_event"))
            if not 0 <= index < len(event.choices):
                raise Refused(400, Words("web.refused.no_choice", last=len(event.choices)))
            seat.choose(index)

    def predict(self, team: str, guess: Direction) -> None:
        with self.seat(team) as (_place, seat):
            self._playing(seat)
            if not seat.prediction_due():
                raise Refused(409, Words("web.refused.no_prediction"))
            seat.predict(guess)

    def release_with_word(self, team: str, word: str) -> bool:
        """A team typing the facilitator's word at its pause; False when the word is wrong."""
        with self.seat(team) as (_place, seat):
            return seat.release(word)

    def opening_question(self, team: str) -> tuple[Moment, Question | None]:
        """Where the team's game is, and the question worth asking ahead of time, if any: at the
        opening (before a team plays its first turn), the forecasts of doing nothing and of every
        single option, in one batch. Every team opens on the same state and the same luck, so this
        one question answers the first forecast of every team, at the one moment all the teams ask
        at once. Later each team's state is its own, and such a batch would cost several times the
        one plan the team asks about (measured with benchmarks/workshop_serve.py: forty teams' turns
        forecast ahead took 40% more CPU for a worse p99 of the forecasts)."""
        with self.seat(team) as (place, seat):
            opening = self._opening(place, seat)
            return self._moment(seat), (opening[0] if opening is not None else None)

    def _opening(self, place: Place, seat: TeamSeat) -> tuple[Question, dict[PlanKey, int]] | None:
        """The opening's question and where each plan's forecast sits in its answer; None once the team
        has played (or cannot decide, or the workshop hides forecasts)."""
        s = seat.session
        if (s.log or s.is_over or s.phase != "decide" or self.ended
                or self.workshop.file.options.hide_forecasts):
            return None
        moment = self._moment(seat)
        if place.opening is not None and place.opening[0].moment == moment:
            return place.opening
        state, engine = s.state, s.engine
        available = engine.available(state)[0]
        open_options = [o for o in engine.options if available[o.index] and o.cost <= engine.budget]
        rows = np.zeros((1 + len(open_options), len(engine.options)), dtype=bool)
        index: dict[PlanKey, int] = {(): 0}
        for row, option in enumerate(open_options, start=1):
            rows[row, option.index] = True
            index[plan_key([Decision(option.action, option.target)])] = row
        request = PlanRequest(str(self.workshop.folder), self.generation, state, s.log, rows)
        place.opening = (Question(shared_key(request), request, moment), index)
        return place.opening

    def plan_question(self, team: str, decisions: Sequence[Decision]) -> tuple[Question, Question | None]:
        """The forecast of playing ``decisions`` and of doing nothing this turn, as a question of its
        own, and as the opening's question when the plan is in it (the same forecasts, on the same
        luck). Refused when the plan could not be played."""
        with self.seat(team) as (place, seat):
            self._forecasts_shown()
            self._playing(seat)
            if seat.prediction_due():
                raise Refused(409, Words("web.refused.predict_first"))
            s = seat.session
            row = situation.plain_mask(s.engine, s.state, decisions)
            if row is None:
                try:  # the option views say what is wrong
                    row = situation.choice_mask(s.engine, s.options(), s.names, list(decisions))
                except IllegalMove as exc:
                    raise Refused(400, Words("web.refused.illegal", detail=str(exc))) from None
            rows = np.concatenate([row, np.zeros_like(row)])
            request = PlanRequest(str(self.workshop.folder), self.generation, s.state, s.log, rows)
            own = Question(shared_key(request), request, self._moment(seat), (0, 1))
            opening = self._opening(place, seat)
            found = opening[1].get(plan_key(decisions)) if opening is not None else None
            return own, (replace(opening[0], picks=(found, 0)) if opening is not None and found is not None else None)

    def choice_question(self, team: str) -> Question:
        """A forecast of each answer to the waiting event."""
        with self.seat(team) as (_place, seat):
            self._forecasts_shown()
            self._playing(seat)
            s = seat.session
            event = s.pending_event()
            if event is None:
                raise Refused(409, Words("web.refused.no_event"))
            request = ChoiceRequest(str(self.workshop.folder), self.generation, s.state,
                                    s.engine.events.index(event.id), len(event.choices))
            return Question(shared_key(request), request, self._moment(seat), tuple(range(len(event.choices))))

    def _moment(self, seat: TeamSeat) -> Moment:
        """Where a game is: the workshop's generation, turns played and event answers given
        (forecasts hold until it moves)."""
        log = seat.session.log
        return self.generation, len(log), sum(len(t.choices) for t in log)

    def _forecasts_shown(self) -> None:
        if self.workshop.file.options.hide_forecasts:
            raise Refused(403, Words("web.refused.hidden"))

    def set_language(self, team: str, lang: str) -> None:
        """The team's seat now names things in ``lang`` (its game replayed from its file)."""
        place = self.places[team]
        with place.lock, self._room_lock:
            place.lang = lang
            self.access.langs[team] = lang  # type: ignore[assignment]
            write_access(self.access_path, self.access)
            place.seat = None  # opened again, from its file when it has one, on its next request

    # ---------------------------------------------------------------- the facilitator

    def release(self, teams: Sequence[str]) -> list[str]:
        """Release the pause each of ``teams`` waits at; the teams released."""
        done = []
        for team in teams:
            place = self.places[team]
            with place.lock:
                seat = self._open(place)
                if seat is not None and seat.pending_pause() is not None:
                    seat.release(self.workshop.file.facilitator_word)
                    done.append(team)
        return done

    def fill(self, team: str, policy: str) -> None:
        """Let a built-in policy play the team's whole game (only a seat that has not moved)."""
        from game.workshop.fill import fill

        place = self.places[team]
        with place.lock:
            if self.ended:
                raise Refused(409, Words("web.refused.ended"))
            if self.workshop.session_path(team).exists():
                raise Refused(409, Words("web.refused.seat_taken", team=team))
            fill(self.workshop, team, policy, place.lang or self.lang)
            place.seat = None
            self._open(place)

    def inject_turn(self) -> int:
        """The first turn an event brought in now can happen in for every team: after every turn
        any team has played (a played turn is never changed)."""
        played = 0
        for place in self.places.values():
            if place.seat is not None:
                played = max(played, len(place.seat.session.log))
        return played + 1

    def inject(self, event: str) -> int:
        """Bring ``event`` in for every team at :meth:`inject_turn`; the turn. Rewrites workshop.yaml and
        every team's session file (their games replay unchanged: the turn is after all they played)."""
        from game.web.inject_now import add_inject

        with contextlib.ExitStack() as stack:
            for place in self.places.values():
                stack.enter_context(place.lock)
            if self.ended:
                raise Refused(409, Words("web.refused.ended"))
            if event not in {e.id for e in self.workshop.scenario.events}:
                raise Refused(400, Words("web.refused.no_event_id", event=event))
            turn = self.inject_turn()
            if turn > self.workshop.scenario.meta.turns:
                raise Refused(409, Words("web.refused.too_late"))
            if any(i.event == event and i.turn == turn for i in self.workshop.file.injects):
                raise Refused(409, Words("web.refused.injected", event=event, turn=turn))
            try:
                self.workshop = add_inject(self.workshop, event, turn)
            except WorkshopError as exc:
                raise Refused(409, Words("web.refused.inject_failed",
                                         detail="; ".join(str(p) for p in exc.problems))) from None
            self.generation += 1
            for place in self.places.values():
                place.seat = None
                place.opening = None
                if self.workshop.session_path(place.team).exists():
                    seat = self._open(place)
                    if seat is not None:
                        seat.save()
            return turn

    def end(self) -> None:
        """End the workshop: no more moves; pages show each team where it stopped."""
        with self._room_lock:
            self.access.ended = True
            write_access(self.access_path, self.access)

    def standings(self) -> list[Standing]:
        turns = self.workshop.scenario.meta.turns
        rows = []
        for team, place in self.places.items():
            with place.lock:
                seat = self._open(place) if self.workshop.session_path(team).exists() else place.seat
                if place.problem is not None:
                    rows.append(Standing(team, "unreadable", 0, turns, None, 0, 0, 0, "", "", None,
                                         place.problem.say(self.lang)))
                    continue
                if seat is None or not seat.session.log:
                    rows.append(Standing(team, "waiting", 0, turns, None, 0, 0, 0, "", "", None))
                    continue
                s = seat.session
                counts = s.stance_counts()
                if s.is_over:
                    status = "ended"
                elif seat.pending_pause() is not None:
                    status = "paused"
                elif s.phase == "event":
                    status = "event"
                elif seat.prediction_due():
                    status = "predicting"
                else:
                    status = "playing"
                ending = s.ending
                rows.append(Standing(team, status, s.turn, turns, ending.score if ending else s.score,
                                     counts.partner, counts.push, counts.neutral,
                                     ending.outcome if ending else "", ending.title if ending else "", seat.policy))
        return rows



def plan_key(decisions: Sequence[Decision]) -> PlanKey:
    """A plan whatever order its options were ticked in."""
    return tuple(sorted(str(d) for d in decisions))
