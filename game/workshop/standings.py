"""Every team's standing, as the live board shows it: read from the session files, never replayed.

:func:`read_rows` gives one :class:`BoardRow` per listed team (waiting, playing,
paused, ended, or a file that cannot be used and why, in the facilitator's
language); :func:`stamp` tells the board's loop when any session file changed,
and :func:`problems_to_tell` which file problems the terminal has not heard yet.
No pygame here: the board draws these rows (:mod:`game.workshop.board`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from game import i18n
from game.i18n.words import Words
from game.workshop.config import Workshop
from game.workshop.files import SessionFile, SessionFileError, read_session
from game.workshop.words import scenario_text


@dataclass(frozen=True)
class BoardRow:
    """One team's line on the board."""

    team: str
    status: str  # "waiting" | "playing" | "paused" | "ended" | "unreadable"
    turn: int
    score: float | None
    trust: float | None
    support: float | None
    progress: float | None
    ending: str = ""
    outcome: str = ""
    problem: str = ""  # why the session file cannot be read, in the board's language


def _weighted(values: dict[str, float], power: dict[str, float]) -> float:
    total = sum(power.values()) or 1.0
    return sum(values.get(k, 0.0) * w for k, w in power.items()) / total


def row_for(workshop: Workshop, team: str, file: SessionFile | None, problem: str = "",
            lang: str | None = None) -> BoardRow:
    if problem:
        return BoardRow(team, "unreadable", 0, None, None, None, None, problem=problem)
    if file is None or not file.trajectory:
        return BoardRow(team, "waiting", 0, None, None, None, None)
    scenario = workshop.base_scenario
    power = {s.id: s.power for s in scenario.stakeholders}
    last = file.trajectory[-1]
    progress = sum(last.progress.values()) / len(last.progress) if last.progress else 0.0
    titles = {e.id: scenario_text(workshop, e.title, lang) for e in scenario.endings}
    return BoardRow(
        team=team,
        status=file.status,
        turn=last.turn,
        score=last.score,
        trust=_weighted(last.trust, power),
        support=_weighted(last.support, power),
        progress=progress,
        ending=titles.get(file.ending or "", "") if file.ending else "",
        outcome=file.outcome or "",
    )


def read_rows(workshop: Workshop, lang: str | None = None) -> list[BoardRow]:
    """Every listed team's standing from its session file (waiting when it has none); endings, and what
    is wrong with a file that cannot be used (damaged, too large, edited, or from another workshop),
    in ``lang``."""
    from game.workshop.seat import pin_of

    pin = pin_of(workshop)
    rows = []
    for team in workshop.teams:
        path = workshop.session_path(team)
        if not path.exists():
            rows.append(row_for(workshop, team, None, lang=lang))
            continue
        try:
            file = read_session(path)
            if file.pin.seed != pin.seed or file.pin.scenario_sha256 != pin.scenario_sha256:
                raise SessionFileError(path, Words("session_file.other_workshop"))
            rows.append(row_for(workshop, team, file, lang=lang))
        except SessionFileError as exc:
            rows.append(row_for(workshop, team, None, exc.say(lang), lang))
    return rows


def problems_to_tell(rows: list[BoardRow], told: dict[str, str], workshop: Workshop,
                     lang: str | None) -> list[str]:
    """The full reason for each file problem not yet told (the board's row may have to shorten it),
    as lines for the terminal; ``told`` remembers what was said, and forgets a problem once fixed."""
    out = []
    for row in rows:
        if row.problem and told.get(row.team) != row.problem:
            out.append(i18n.translate(lang, "workshop.cli.file_problem", file=workshop.session_path(row.team),
                                      problem=row.problem))
        if row.problem:
            told[row.team] = row.problem
        else:
            told.pop(row.team, None)
    return out


def stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when any session file changes: names, sizes and modification times."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    out = []
    for entry in entries:
        if entry.name.endswith(".json"):
            try:
                info = entry.stat()
            except OSError:
                continue
            out.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(out))
