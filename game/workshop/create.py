"""Making a workshop folder: a commented workshop.yaml the facilitator can read and edit."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.i18n import DEFAULT, counted
from game.i18n.words import Sayable, Words
from game.scenario import catalog
from game.scenario.language import localise
from game.session import sources
from game.workshop.config import (
    SESSIONS_DIR,
    WORKSHOP_FILE,
    Workshop,
    WorkshopError,
    check_text,
    hint,
    key_stakeholder,
    team_reason,
)
from game.workshop.files import write_atomic
from game.workshop.problems import ProblemLines

_WORDS = ("bridge", "compass", "harbour", "lantern", "meadow", "orchard", "river", "summit")


class CreateError(Exception):
    """The workshop could not be made; ``str()`` says why and what to do in English, :meth:`say` in
    another language."""

    def __init__(self, message: str | Sayable) -> None:
        self.reason = message if isinstance(message, Sayable) else None
        super().__init__(message.say(DEFAULT) if isinstance(message, Sayable) else message)

    def say(self, lang: str | None) -> str:
        return self.reason.say(lang) if self.reason is not None else str(self)


@dataclass(frozen=True)
class NewWorkshop:
    """What ``shove workshop new`` was asked for."""

    folder: Path
    scenario: str
    teams: Sequence[str]
    seed: int | None = None
    hide_forecasts: bool = False
    predict: bool = False
    decision_seconds: int | None = None
    injects: Sequence[tuple[str, int]] = ()


def _q(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render(req: NewWorkshop, scenario_path: Path, word: str, seed: int) -> str:
    """The text of workshop.yaml, with comments that explain each line."""
    scenario = sources.load_scenario(scenario_path)
    meta = scenario.meta
    title = localise(meta.title, meta.language)
    rel = os.path.relpath(scenario_path.resolve(), req.folder.resolve())
    path_text = str(scenario_path.resolve()) if rel.startswith(".." + os.sep + "..") else rel
    lines = [
        "# A Push Comes to Shove workshop. Every team plays the same scenario with the same seed,",
        "# so differences between teams come from their decisions, not from luck.",
        "#",
        "#   play as a team:     shove play --workshop THIS_FOLDER --team NAME --text",
        "#   fill an empty seat: shove workshop fill THIS_FOLDER --team NAME --policy balanced",
        "#   live board:         shove workshop board THIS_FOLDER",
        "#   debrief report:     shove workshop report THIS_FOLDER",
        "#",
        "# You may edit this file before teams start; it is checked every time it is used.",
        "format: 1",
        f"title: {_q(title + ' workshop')}",
        "",
        f"# {title}, version {meta.version}: {counted(DEFAULT, 'count.turns', meta.turns)}.",
        "# sha256 pins the scenario's content: if the scenario file changes, the game refuses to",
        "# start, so that no team plays a different version.",
        "scenario:",
        f"  id: {meta.id}",
        f"  path: {_q(path_text)}",
        f"  version: {_q(meta.version)}",
        f"  sha256: \"{sources.model_sha256(scenario)}\"",
        "",
        "# The luck every team shares. Change it only before anyone plays.",
        f"seed: {seed}",
        "",
        "# Team names are also file names: sessions/NAME.json.",
        "teams:",
        *[f"  - {_q(t)}" for t in req.teams],
        "",
        "# At a discussion pause a team's game waits until the facilitator types this word.",
        "# Keep it to yourself.",
        f"facilitator_word: {word}",
        "",
        "options:",
        "  # true: teams play without the risk forecasts (they must judge the risk themselves).",
        f"  hide_forecasts: {'true' if req.hide_forecasts else 'false'}",
        "  # true: before each turn a team predicts whether the key stakeholder's trust goes up,",
        "  # stays the same or goes down; the report scores how well they judged it.",
        f"  predict: {'true' if req.predict else 'false'}",
        f"  predict_stakeholder: {key_stakeholder(scenario)}",
        "  # Seconds to decide each turn (empty: no clock). When time runs out the turn is",
        "  # played with no action.",
        f"  decision_seconds: {req.decision_seconds if req.decision_seconds else 'null'}",
        "  # false: no discussion pauses (the scenario's pause points and the injects).",
        "  pauses: true",
        "",
        "# Events you bring in for every team at a set turn (they then happen only then).",
        "# Each is followed by a discussion pause; `prompt` sets its question.",
    ]
    if req.injects:
        lines.append("injects:")
        for event, turn in req.injects:
            lines += [f"  - event: {event}", f"    turn: {turn}"]
    else:
        lines.append("injects: []")
    if scenario.events:
        ids = ", ".join(e.id for e in scenario.events)
        lines.append(f"# This scenario's events: {ids}")
    return "\n".join(lines) + "\n"


def create(req: NewWorkshop) -> Workshop:
    """Write DIR/workshop.yaml and DIR/sessions/, then check them; CreateError or WorkshopError."""
    for team in req.teams:
        why = team_reason(team)
        if why:
            raise CreateError(why)
    lowered = [t.lower() for t in req.teams]
    dupes = sorted({t for t in req.teams if lowered.count(t.lower()) > 1})
    if dupes:
        raise CreateError(Words("workshop.new.team_twice", team=dupes[0]))
    if not req.teams:
        raise CreateError(Words("workshop.new.no_teams"))
    try:
        scenario_path = catalog.resolve(req.scenario)
    except LookupError:
        raise CreateError(_no_scenario(req.scenario)) from None
    _check_injects(req, scenario_path)
    target = req.folder / WORKSHOP_FILE
    if target.exists():
        raise CreateError(Words("workshop.new.exists", file=target))
    sessions = req.folder / SESSIONS_DIR
    if sessions.is_dir() and any(sessions.glob("*.json")):
        raise CreateError(Words("workshop.new.has_sessions", folder=sessions))
    seed = req.seed if req.seed is not None else secrets.randbelow(2**31)
    word = f"continue-{secrets.choice(_WORDS)}-{secrets.randbelow(90) + 10}"
    text = render(req, scenario_path, word, seed)
    made = not req.folder.exists()
    req.folder.mkdir(parents=True, exist_ok=True)
    try:
        workshop = check_text(text, str(target), req.folder)  # bad injects raise before anything is written
    except WorkshopError:
        if made:
            req.folder.rmdir()
        raise
    sessions.mkdir(exist_ok=True)
    write_atomic(target, text.encode("utf-8"))
    return workshop


def _no_scenario(name: str) -> Words:
    """Why ``--scenario NAME`` names no scenario (as :func:`catalog.resolve` decides), in any language."""
    given = Path(name)
    if given.is_dir():
        return Words("workshop.new.scenario_folder", name=name)
    if given.suffix in catalog.SUFFIXES or "/" in name or "\\" in name:
        return Words("workshop.new.no_scenario_file", name=name)
    known = catalog.ids()
    return Words("workshop.new.no_scenario", name=name, hint=hint(name, known),
                  scenarios=", ".join(known) or Words("workshop.none"))


def _check_injects(req: NewWorkshop, scenario_path: Path) -> None:
    from game.scenario.problems import ScenarioError

    try:
        scenario = sources.load_scenario(scenario_path)
    except ScenarioError as exc:
        raise CreateError(ProblemLines(exc.problems)) from None
    events = [e.id for e in scenario.events]
    for event, turn in req.injects:
        if event not in events:
            raise CreateError(Words("workshop.new.no_event", event=event, turn=turn, scenario=scenario.meta.id,
                                     hint=hint(event, events),
                                     events=", ".join(events) or Words("workshop.none")))
        if not 1 <= turn <= scenario.meta.turns:
            raise CreateError(Words("workshop.new.inject_turn", event=event, turn=turn, turns=scenario.meta.turns))


__all__ = ["CreateError", "NewWorkshop", "WorkshopError", "create", "render"]
