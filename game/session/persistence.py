"""Saving a session and bringing one back by replaying its decision log.

Loading never trusts recorded numbers: it finds the scenario, starts a new
game with the saved seed and plays the logged decisions and choices again,
which gives the same state bit for bit. If the scenario has changed since the
save, the log is replayed all the same, and the save is refused only when a
logged move no longer applies (an unknown action or target, a move that is no
longer allowed, an event that no longer fires, a choice that is gone).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from pathlib import Path

from pydantic import ValidationError

import game
from game import paths
from game.i18n.words import Words
from game.scenario.problems import Problem, ScenarioError
from game.scenario.schema import Scenario
from game.session import sources
from game.session.playthrough import Session
from game.session.saves import (
    LoggedDecision,
    LoggedTurn,
    SaveError,
    SaveFile,
    SaveSummary,
    ScenarioRef,
    read_autosave,
    read_save,
    shown_text,
    write_autosave,
    write_save,
)
from game.sim.decisions import Decision, IllegalMove


def autosave_target(autosave: Path | bool) -> Path | None:
    """Where a session autosaves: the user's autosave file (True), a given file, or nowhere."""
    if autosave is True:
        return paths.autosave_path(create=False)
    if autosave is False:
        return None
    return Path(autosave)


def to_save_file(session: Session) -> SaveFile:
    """The save of a session: scenario fingerprints, seed and decision log."""
    meta = session.scenario.meta
    path = session.source_path
    ending = session.ending
    return SaveFile(
        game_version=game.__version__,
        saved_at=_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        scenario=ScenarioRef(
            id=meta.id,
            title=shown_text(session.title)[:500],
            version=shown_text(meta.version)[:40],
            file_sha256=sources.file_sha256(path) if path else None,
            model_sha256=sources.model_sha256(session.scenario),
            path=str(path.resolve()) if path else None,
        ),
        seed=session.seed,
        language=session.lang,
        log=[
            LoggedTurn(
                decisions=[LoggedDecision(action=d.action, target=d.target) for d in turn.decisions],
                choices=dict(turn.choices),
            )
            for turn in session.log
        ],
        summary=SaveSummary(
            turn=session.turn,
            phase=session.phase,
            score=round(min(100.0, max(0.0, session.score)), 3),
            ending=ending.id if ending else None,
            outcome=ending.outcome if ending else None,
        ),
    )


def save_session(session: Session, path: Path | str) -> None:
    """Write the session's save atomically; SaveError when the file cannot be written."""
    try:
        save = to_save_file(session)
    except ValidationError as exc:  # a scenario or log outside what a save may hold
        raise SaveError(path, Words("save_error.cannot_save", detail=exc.errors()[0]["msg"])) from None
    write_save(path, save)


def autosave(session: Session, newest: Path) -> None:
    """Autosave the session, keeping the previous autosaves; SaveError when it cannot be written."""
    try:
        save = to_save_file(session)
    except ValidationError as exc:
        raise SaveError(newest, Words("save_error.not_autosaved", detail=exc.errors()[0]["msg"])) from None
    write_autosave(newest, save)


def write_autosave_of(session: Session, newest: Path) -> str:
    """Autosave the session; the problem in the session's language, or '' when all went well."""
    try:
        autosave(session, newest)
    except SaveError as exc:
        return exc.say(session.lang)
    return ""


class _ProblemLine:
    """A scenario problem's whole line (``file:line:col: error: ...``), said in any language."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem

    def say(self, lang: str | None) -> str:
        return self.problem.text(lang)


def _scenario_for(save: SaveFile, path: Path) -> tuple[Scenario, Path]:
    """The scenario a save names: the file it was played from, else a built-in or user id."""
    ref = save.scenario
    hint = Words("save_error.hint.give_scenario", path=str(path))
    candidates: list[Path] = []
    if ref.path and Path(ref.path).suffix in (".yaml", ".yml"):  # a save names only a scenario file
        candidates.append(Path(ref.path))
    with contextlib.suppress(LookupError):
        candidates.append(sources.resolve(ref.id))
    for candidate in candidates:
        if candidate.is_file():
            try:
                return sources.load_scenario(candidate), candidate
            except ScenarioError as exc:
                first: object = _ProblemLine(exc.problems[0]) if exc.problems else str(exc)
                raise SaveError(
                    path, Words("save_error.scenario_errors", scenario=ref.id, first=first),
                    Words("save_error.hint.fix_scenario"),
                ) from None
    raise SaveError(path, Words("save_error.scenario_missing", scenario=ref.id), hint)


def replay(
    save: SaveFile,
    scenario: Scenario,
    source_path: Path | None,
    path: Path,
    lang: str | None = None,
) -> Session:
    """A session with the save's log played again; SaveError when the log does not apply."""
    unchanged = sources.model_sha256(scenario) == save.scenario.model_sha256 or (
        source_path is not None
        and save.scenario.file_sha256 is not None
        and sources.file_sha256(source_path) == save.scenario.file_sha256
    )
    if save.scenario.id != scenario.meta.id and not unchanged:
        raise SaveError(
            path,
            Words("save_error.other_scenario", saved=save.scenario.id, scenario=scenario.meta.id),
            Words("save_error.hint.other_scenario", saved=save.scenario.id, path=str(path)),
        )
    session = Session(scenario, save.seed, source_path, lang or save.language)
    why = Words("save_error.why.changed") if not unchanged else Words("save_error.why.edited")
    last = len(save.log) - 1
    for t, turn in enumerate(save.log, start=1):
        decisions = [Decision(d.action, d.target) for d in turn.decisions]
        if session.is_over:
            raise SaveError(path, Words("save_error.replay.ends", why=why, turn=t), _REPLAY_HINT)
        try:
            session.play_turn(decisions)
        except IllegalMove as exc:
            raise SaveError(path, Words("save_error.replay.illegal", why=why, turn=t, detail=str(exc)),
                            _REPLAY_HINT) from None
        for event_id, choice in turn.choices.items():
            waiting = session.pending_event()
            if waiting is None or waiting.id != event_id:
                now = Words("save_error.replay.instead", event=waiting.id) if waiting else Words(
                    "save_error.replay.no_event")
                raise SaveError(
                    path, Words("save_error.replay.gone", why=why, turn=t, event=event_id, now=now), _REPLAY_HINT
                )
            if choice >= len(waiting.choices):
                raise SaveError(
                    path,
                    Words("save_error.replay.no_choice", why=why, turn=t, event=event_id, choice=choice + 1),
                    _REPLAY_HINT,
                )
            session.choose(choice)
        waiting = session.pending_event()
        if waiting is not None and t != last + 1:
            raise SaveError(
                path,
                Words("save_error.replay.unanswered", why=why, turn=t, event=waiting.id),
                _REPLAY_HINT,
            )
    if not unchanged:
        session.notice = Words("save_error.replayed_notice").say(session.lang)
    return session


_REPLAY_HINT = Words("save_error.hint.replay")


def load_session(
    path: Path | str,
    scenario: Scenario | None = None,
    *,
    source_path: Path | str | None = None,
    lang: str | None = None,
    autosave: Path | bool = True,
) -> Session:
    """Read a save and replay it; every failure is a SaveError naming the file."""
    path = Path(path)
    save = read_save(path)
    return _resume(save, path, scenario, source_path, lang, autosave)


def load_autosave(
    scenario: Scenario | None = None,
    *,
    source_path: Path | str | None = None,
    newest: Path | None = None,
    lang: str | None = None,
) -> tuple[Session, Path, list[SaveError]]:
    """The newest autosave that reads and replays, the file used, and the problems skipped."""
    newest = newest or paths.autosave_path(create=False)
    save, used, problems = read_autosave(newest)
    session = _resume(save, used, scenario, source_path, lang, newest)
    return session, used, problems


def _resume(
    save: SaveFile,
    path: Path,
    scenario: Scenario | None,
    source_path: Path | str | None,
    lang: str | None,
    autosave: Path | bool,
) -> Session:
    src = Path(source_path) if source_path else None
    if scenario is None:
        scenario, src = _scenario_for(save, path)
    session = replay(save, scenario, src, path, lang)
    session.autosave_path = autosave_target(autosave)
    return session
