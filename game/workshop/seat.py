"""A team's seat in a workshop: its session, pauses, predictions and session file.

A front end (the terminal game now, the desktop game later) plays through a
:class:`TeamSeat` like this::

    seat = TeamSeat.open(workshop, "Red")        # resumes DIR/sessions/Red.json if it exists
    while not seat.session.is_over:
        pause = seat.pending_pause()
        if pause:                                # show pause.prompt; wait for the facilitator
            if seat.release(typed_word): ...     # True when the word is right
            continue
        if seat.prediction_due():
            seat.predict("up")                   # "up" | "same" | "down"
        if seat.session.pending_event():
            seat.choose(index)
        elif deadline_passed:
            seat.time_up()                       # the turn is played with no action
        else:
            seat.play_turn(decisions)

``play_turn``, ``choose``, ``predict``, ``release`` and ``time_up`` write the
session file atomically after each move.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import game
from game.i18n.words import Words
from game.session import ChoiceReport, Decision, SaveError, Session, Snapshot, TurnReport, situation
from game.session.persistence import replay
from game.session.saves import LoggedDecision, LoggedTurn, SaveFile, ScenarioRef, shown_text
from game.session.sources import model_sha256
from game.workshop.config import Pause, Workshop
from game.workshop.files import (
    Direction,
    Pin,
    Point,
    Prediction,
    SessionFile,
    SessionFileError,
    read_session,
    write_session,
)

SAME_BAND = 0.01  # a trust change smaller than one point counts as "stayed the same"


def direction(before: float, after: float) -> Direction:
    """How trust moved, in the words teams predict with."""
    change = after - before
    if change > SAME_BAND:
        return "up"
    if change < -SAME_BAND:
        return "down"
    return "same"


def pin_of(workshop: Workshop) -> Pin:
    """The scenario and luck of a workshop, as a session file records them."""
    meta = workshop.base_scenario.meta
    return Pin(
        scenario_id=meta.id,
        scenario_version=shown_text(meta.version)[:40],
        scenario_sha256=workshop.base_sha256,
        seed=workshop.seed,
        injects=[(i.event, i.turn) for i in workshop.file.injects],
    )


def point(turn: int, snap: Snapshot) -> Point:
    return Point(turn=turn, score=min(100.0, max(0.0, snap.score)), trust=dict(snap.trust),
                 support=dict(snap.support), progress=dict(snap.progress), metrics=dict(snap.metrics))


def replay_log(workshop: Workshop, log: Sequence[LoggedTurn], seed: int, label: Path | str,
               lang: str | None = None) -> Session:
    """A session with ``log`` played again on the workshop's scenario, naming things in ``lang``;
    SaveError when it does not apply."""
    scenario = workshop.scenario
    save = SaveFile(
        scenario=ScenarioRef(id=scenario.meta.id, model_sha256=model_sha256(scenario)),
        seed=seed,
        log=list(log),
    )
    return replay(save, scenario, workshop.scenario_path, Path(label), lang)


@dataclass
class TeamSeat:
    """One team's game in a workshop. Make with :meth:`open`."""

    workshop: Workshop
    team: str
    session: Session
    start: Snapshot
    policy: str | None = None
    predictions: list[Prediction] = field(default_factory=list)
    released: list[int] = field(default_factory=list)
    timeouts: list[int] = field(default_factory=list)

    @classmethod
    def open(cls, workshop: Workshop, team: str, *, policy: str | None = None, lang: str | None = None) -> TeamSeat:
        """The team's seat: resumed from its session file when there is one, else a new game.
        ``lang`` is the language its session names things in (``--lang``; default: the scenario's).

        Raises SessionFileError when the file exists but cannot be resumed
        (damaged, or from another workshop).
        """
        name = workshop.team_named(team)
        if name is None:
            raise SessionFileError(workshop.folder / "workshop.yaml",
                                   Words("session_file.no_team", team=team, teams=", ".join(workshop.teams)))
        path = workshop.session_path(name)
        if path.exists():
            saved = read_session(path)
            pin = pin_of(workshop)
            if saved.pin.seed != pin.seed or saved.pin.scenario_sha256 != pin.scenario_sha256:
                raise SessionFileError(path, Words("session_file.other_workshop"))
            try:
                session = replay_log(workshop, saved.log, pin.seed, path, lang)
            except SaveError as exc:
                raise SessionFileError(path, Words("session_file.no_longer_replays", detail=exc.words)) from None
            fresh = Session.new(workshop.scenario, pin.seed, workshop.scenario_path, autosave=False)
            seat = cls(workshop, name, session, situation.snapshot(fresh.engine, fresh.state),
                       saved.policy, list(saved.predictions), list(saved.released), list(saved.timeouts))
            return seat
        session = Session.new(workshop.scenario, workshop.seed, workshop.scenario_path, autosave=False, lang=lang)
        return cls(workshop, name, session, situation.snapshot(session.engine, session.state), policy)

    @property
    def path(self) -> Path:
        return self.workshop.session_path(self.team)

    # ------------------------------------------------------------ pauses

    @property
    def completed(self) -> int:
        """Turns played and fully answered."""
        done = len(self.session.history)
        return done - 1 if self.session.phase == "event" else done

    def pending_pause(self) -> Pause | None:
        """The discussion pause the team is waiting at, if any."""
        if self.session.is_over or self.completed < 1 or self.completed in self.released:
            return None  # nothing to read: a pause's condition is read only at the turn it follows
        pauses = self.workshop.pauses(self.session.lang, self.session)
        return pause_due(pauses, self.completed, self.released, self.session.is_over)

    def release(self, word: str) -> bool:
        """Release the waiting pause when ``word`` is the facilitator's word (case and spaces ignored)."""
        pause = self.pending_pause()
        if pause is None:
            return True
        if word.strip().lower() != self.workshop.file.facilitator_word.lower():
            return False
        self.released.append(pause.after_turn)
        self.save()
        return True

    # ------------------------------------------------------------ predictions

    @property
    def predict_stakeholder(self) -> str:
        return self.workshop.predict_stakeholder

    def prediction_due(self) -> bool:
        if not self.workshop.file.options.predict or self.session.phase != "decide":
            return False
        return all(p.turn != self.session.turn for p in self.predictions)

    def predict(self, guess: Direction) -> None:
        self.predictions = [p for p in self.predictions if p.turn != self.session.turn]
        self.predictions.append(Prediction(turn=self.session.turn, stakeholder=self.predict_stakeholder, guess=guess))
        self.save()

    # ------------------------------------------------------------ moves

    def play_turn(self, decisions: Sequence[Decision]) -> TurnReport:
        report = self.session.play_turn(list(decisions))
        self.save()
        return report

    def choose(self, index: int) -> ChoiceReport:
        report = self.session.choose(index)
        self.save()
        return report

    def time_up(self) -> TurnReport:
        """The decision time ran out: the turn is played with no action, and that is recorded."""
        self.timeouts.append(self.session.turn)
        return self.play_turn([])

    # ------------------------------------------------------------ the file

    def trajectory(self) -> list[Point]:
        points = [point(0, self.start)]
        points.extend(point(record.turn, record.after) for record in self.session.history)
        return points

    def to_file(self) -> SessionFile:
        s = self.session
        points = self.trajectory()
        who = {p.turn: p for p in points}
        predictions = []
        for p in self.predictions:
            actual = None
            if p.turn in who and p.turn - 1 in who and p.turn <= self.completed:
                actual = direction(who[p.turn - 1].trust.get(p.stakeholder, 0.0), who[p.turn].trust.get(p.stakeholder, 0.0))
            predictions.append(p.model_copy(update={"actual": actual}))
        status = "ended" if s.is_over else ("paused" if self.pending_pause() else "playing")
        return SessionFile(
            game_version=game.__version__,
            team=self.team,
            pin=pin_of(self.workshop),
            policy=self.policy,
            saved_at=_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            status=status,
            turn=s.turn,
            log=[LoggedTurn(decisions=[LoggedDecision(action=d.action, target=d.target) for d in t.decisions],
                            choices=dict(t.choices)) for t in s.log],
            trajectory=points,
            predictions=predictions,
            released=sorted(set(self.released)),
            timeouts=sorted(set(self.timeouts)),
            ending=s.ending.id if s.ending else None,
            outcome=s.ending.outcome if s.ending else None,
            score=round(min(100.0, max(0.0, s.score)), 6) if s.ending else None,
        )

    def save(self) -> None:
        """Write the session file atomically; OSError when the folder cannot be written."""
        write_session(self.path, self.to_file())


def pause_due(pauses: Sequence[Pause], completed: int, released: Sequence[int], over: bool) -> Pause | None:
    """The pause a team waits at after ``completed`` turns, unless released or the game is over."""
    if over or completed < 1:
        return None
    for pause in pauses:
        if pause.after_turn == completed and completed not in released:
            return pause
    return None
