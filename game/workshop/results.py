"""Every team's game, read from its session file and checked by replaying it.

Recorded numbers are never trusted: each team's decision log is replayed from
the seed on the workshop's scenario, and a file whose recorded trajectory does
not match its replay is refused as edited. A session from another seed or
scenario version is kept but flagged, since its team did not face the same luck
or the same game.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.i18n import translate
from game.i18n.words import Words
from game.session import SaveError, Session, StanceCounts
from game.workshop.config import Workshop
from game.workshop.files import (
    MAX_SESSION_BYTES,
    Point,
    Prediction,
    SessionFile,
    SessionFileError,
    read_session,
)
from game.workshop.seat import direction, pin_of, point, replay_log

MAX_SESSION_FILES = 64
TOLERANCE = 1e-6


@dataclass
class TeamResult:
    """One team's replayed game."""

    team: str
    path: Path
    file: SessionFile
    session: Session
    trajectory: list[Point]
    flags: list[str] = field(default_factory=list)

    @property
    def ended(self) -> bool:
        return self.session.is_over

    @property
    def score(self) -> float:
        return min(100.0, max(0.0, self.session.score))

    @property
    def stances(self) -> StanceCounts:
        return self.session.stance_counts()

    @property
    def push_share(self) -> float:
        """Share of all the team's moves that were pushes, 0 to 1 (0 before any move): the push part of
        the report's fingerprint chart, so the table beside it says the same."""
        c = self.stances
        total = c.partner + c.neutral + c.push
        return c.push / total if total else 0.0

    @property
    def predictions(self) -> list[Prediction]:
        """The team's predictions with the actual direction from the replay."""
        by_turn = {p.turn: p for p in self.trajectory}
        out = []
        for p in self.file.predictions:
            actual = None
            if p.turn in by_turn and p.turn - 1 in by_turn:
                actual = direction(by_turn[p.turn - 1].trust.get(p.stakeholder, 0.0),
                                   by_turn[p.turn].trust.get(p.stakeholder, 0.0))
            out.append(p.model_copy(update={"actual": actual}))
        return out


@dataclass
class Collected:
    """What the report works from: the teams that replayed, and a message for every file skipped."""

    teams: list[TeamResult]
    skipped: list[str]
    missing: list[str]  # listed teams without a session file (a damaged one is in skipped instead)


def collect(workshop: Workshop, lang: str | None = None) -> Collected:
    """Read, replay and check every session file in DIR/sessions (moves named in ``lang``)."""
    folder = workshop.sessions_dir
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    skipped: list[str] = []
    if len(files) > MAX_SESSION_FILES:
        skipped.append(translate(lang, "report.skip.too_many", folder=folder, count=len(files),
                                 read=MAX_SESSION_FILES))
        files = files[:MAX_SESSION_FILES]
    teams: list[TeamResult] = []
    seen: set[str] = set()
    damaged: set[str] = set()
    for path in files:
        try:
            result = check_team(workshop, path, lang)
        except SessionFileError as exc:
            damaged.add(path.stem.lower())
            skipped.append(translate(lang, "report.skip.unreadable", file=exc.path.name, problem=exc.say(lang)))
            continue
        if result.team.lower() in seen:
            skipped.append(translate(lang, "report.skip.second", file=path.name, team=result.team))
            continue
        seen.add(result.team.lower())
        teams.append(result)
    order = {t.lower(): i for i, t in enumerate(workshop.teams)}
    teams.sort(key=lambda r: (order.get(r.team.lower(), len(order)), r.team.lower()))
    missing = [t for t in workshop.teams if t.lower() not in seen | damaged]
    return Collected(teams, skipped, missing)


def check_team(workshop: Workshop, path: Path, lang: str | None = None) -> TeamResult:
    """One session file, replayed and compared; SessionFileError when it cannot be used.

    ``lang`` is the language the replayed session names moves and stakeholders in."""
    file = read_session(path)
    flags: list[str] = []
    listed = workshop.team_named(file.team)
    if listed is None:
        flags.append(translate(lang, "report.flag.not_listed", team=file.team))
    if path.stem.lower() != file.team.lower():
        flags.append(translate(lang, "report.flag.misnamed", file=path.name, team=file.team))
    pin = pin_of(workshop)
    same_game = file.pin.scenario_sha256 == pin.scenario_sha256 and file.pin.injects == pin.injects
    if file.pin.seed != pin.seed:
        flags.append(translate(lang, "report.flag.other_seed", seed=file.pin.seed, workshop_seed=pin.seed))
    if not same_game:
        version = file.pin.scenario_version or translate(lang, "report.flag.unknown_version")
        flags.append(translate(lang, "report.flag.other_version", version=version))
    try:
        session = replay_log(workshop, file.log, file.pin.seed, path, lang)
    except SaveError as exc:
        raise SessionFileError(path, Words("session_file.does_not_replay", detail=exc.words)) from None
    fresh = Session.new(workshop.scenario, file.pin.seed, workshop.scenario_path, autosave=False)
    from game.session import situation

    trajectory = [point(0, situation.snapshot(fresh.engine, fresh.state))]
    trajectory += [point(r.turn, r.after) for r in session.history]
    if same_game and not _matches(file.trajectory, trajectory):
        raise SessionFileError(path, Words("session_file.numbers_differ"))
    if same_game and file.ending is not None and (session.ending is None or session.ending.id != file.ending):
        raise SessionFileError(path, Words("session_file.ending_differs"))
    return TeamResult(listed or file.team, path, file, session, trajectory, flags)


def _matches(recorded: list[Point], replayed: list[Point]) -> bool:
    if len(recorded) != len(replayed):
        return False
    for a, b in zip(recorded, replayed, strict=True):
        # Written as "not within" so that a NaN, which compares false with everything, never matches.
        if a.turn != b.turn or not abs(a.score - b.score) <= TOLERANCE:
            return False
        for mine, theirs in ((a.trust, b.trust), (a.support, b.support), (a.progress, b.progress),
                             (a.metrics, b.metrics)):
            if mine.keys() != theirs.keys() or any(not abs(mine[k] - theirs[k]) <= TOLERANCE for k in mine):
                return False
    return True


__all__ = ["MAX_SESSION_BYTES", "Collected", "TeamResult", "check_team", "collect"]
