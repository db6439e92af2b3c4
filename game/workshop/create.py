"""Making a workshop folder: a commented workshop.yaml the facilitator can read and edit."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.i18n import DEFAULT, counted, translate
from game.i18n.words import Sayable, Words
from game.scenario import catalog
from game.scenario.language import localise
from game.seeds import new_seed
from game.session import sources
from game.workshop.config import SESSIONS_DIR, WORKSHOP_FILE, Workshop, check_text, key_stakeholder
from game.workshop.files import write_atomic
from game.workshop.problems import ProblemLines, WorkshopError, hint, team_reason

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
    lang: str = DEFAULT  # the language of the comments in workshop.yaml


def _q(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(lang: str, key: str, indent: str = "", **fields: object) -> list[str]:
    """The catalogue text ``key`` in ``lang`` as YAML comment lines (every line of it, so a field
    holding a line break cannot end the comment)."""
    return [f"{indent}# {line}".rstrip() for line in translate(lang, key, **fields).split("\n")]


def render(req: NewWorkshop, scenario_path: Path, word: str, seed: int) -> str:
    """The text of workshop.yaml, with comments in the facilitator's language that explain each line
    (the keys and values are the same in every language)."""
    lang = req.lang
    scenario = sources.load_scenario(scenario_path)
    meta = scenario.meta
    title = localise(meta.title, lang, meta.language)
    rel = os.path.relpath(scenario_path.resolve(), req.folder.resolve())
    path_text = str(scenario_path.resolve()) if rel.startswith(".." + os.sep + "..") else rel
    lines = [
        *_comment(lang, "workshop.yaml.intro"),
        "#",
        *_comment(lang, "workshop.yaml.commands"),
        "#",
        *_comment(lang, "workshop.yaml.editable"),
        "format: 1",
        # The proposed title (the scenario's own, in English words) is said in each reader's language
        # by the report and the board (workshop.words.workshop_title), so it is written the same way.
        f"title: {_q(localise(meta.title, meta.language) + ' workshop')}",
        "",
        *_comment(lang, "workshop.yaml.scenario", title=title, version=meta.version,
                  turns=counted(lang, "count.turns", meta.turns)),
        *_comment(lang, "workshop.yaml.sha256"),
        "scenario:",
        f"  id: {meta.id}",
        f"  path: {_q(path_text)}",
        f"  version: {_q(meta.version)}",
        f"  sha256: \"{sources.model_sha256(scenario)}\"",
        "",
        *_comment(lang, "workshop.yaml.seed"),
        f"seed: {seed}",
        "",
        *_comment(lang, "workshop.yaml.teams"),
        "teams:",
        *[f"  - {_q(t)}" for t in req.teams],
        "",
        *_comment(lang, "workshop.yaml.word"),
        f"facilitator_word: {word}",
        "",
        "options:",
        *_comment(lang, "workshop.yaml.hide_forecasts", "  "),
        f"  hide_forecasts: {'true' if req.hide_forecasts else 'false'}",
        *_comment(lang, "workshop.yaml.predict", "  "),
        f"  predict: {'true' if req.predict else 'false'}",
        f"  predict_stakeholder: {key_stakeholder(scenario)}",
        *_comment(lang, "workshop.yaml.decision_seconds", "  "),
        f"  decision_seconds: {req.decision_seconds if req.decision_seconds else 'null'}",
        *_comment(lang, "workshop.yaml.pauses", "  "),
        "  pauses: true",
        "",
        *_comment(lang, "workshop.yaml.injects"),
    ]
    if req.injects:
        lines.append("injects:")
        for event, turn in req.injects:
            lines += [f"  - event: {event}", f"    turn: {turn}"]
    else:
        lines.append("injects: []")
    if scenario.events:
        lines += _comment(lang, "workshop.yaml.events", events=", ".join(e.id for e in scenario.events))
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
    seed = req.seed if req.seed is not None else new_seed()
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
