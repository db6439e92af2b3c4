"""The workshop file, ``DIR/workshop.yaml``: which scenario, which seed, which teams, which options.

The file is read with the scenario loader's YAML reader (positions for every
value, no tags, no alias bombs, duplicate keys reported), checked against the
pydantic model :class:`WorkshopFile`, then against the scenario it names:
unknown events in injects, turns out of range, a scenario that has changed
since the workshop was made. Every problem is a
:class:`~game.scenario.problems.Problem` with ``file:line:col``, worded so
that it can be said in the facilitator's language: the workshop's own
problems are in :mod:`game.workshop.problems`, a file of the
wrong shape is worded by :mod:`game.workshop.shape`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from game.i18n import translate
from game.i18n.words import Words
from game.scenario import catalog
from game.scenario.language import localise
from game.scenario.positions import SourceMap
from game.scenario.problems import Problem, ScenarioError
from game.scenario.schema import Scenario
from game.scenario.yaml_reader import Reader
from game.scenario.yaml_syntax import syntax_problem
from game.session import sources
from game.workshop.problems import (
    ProblemLines,
    SaidProblem,
    WorkshopError,
    checked_team,
    hint,
    listing,
    placed,
    said,
)
from game.workshop.shape import shape_problems

if TYPE_CHECKING:
    from game.session import Session

WORKSHOP_FILE = "workshop.yaml"
SESSIONS_DIR = "sessions"
MAX_WORKSHOP_BYTES = 256 * 1024
MAX_TEAMS = 40  # a browser workshop may seat a whole cohort; the report reads up to 64 files

TeamName = Annotated[str, Field(min_length=1, max_length=32), AfterValidator(checked_team)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]

__all__ = [
    "MAX_TEAMS", "MAX_WORKSHOP_BYTES", "SESSIONS_DIR", "WORKSHOP_FILE", "Inject", "Options", "Pause", "ScenarioPin",
    "Workshop", "WorkshopFile", "check_text", "key_stakeholder", "load_workshop", "parse_inject", "read_positioned",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScenarioPin(_Strict):
    """The scenario every team plays, pinned by its content hash."""

    id: str = Field(min_length=1, max_length=48, description="The scenario's id.")
    path: str | None = Field(default=None, max_length=4096,
                             description="The scenario file, relative to the workshop folder or absolute.")
    version: str = Field(default="", max_length=40, description="The scenario's own version.")
    sha256: Sha256 = Field(description="sha256 of the scenario's content when the workshop was made.")


class Inject(_Strict):
    """An event the facilitator brings in at a set turn, for every team."""

    event: str = Field(min_length=1, max_length=48, description="The event's id in the scenario.")
    turn: int = Field(ge=1, le=60, description="The turn in which the event happens.")
    prompt: str = Field(default="", max_length=1000,
                        description="The question for the discussion pause after that turn.")


class Options(_Strict):
    hide_forecasts: bool = Field(default=False, description="Teams play without the risk forecasts.")
    predict: bool = Field(default=False,
                          description="Before each turn, teams predict how a key stakeholder's trust moves.")
    predict_stakeholder: str | None = Field(default=None, max_length=48,
                                            description="Whose trust teams predict (default: the most powerful).")
    decision_seconds: int | None = Field(default=None, ge=10, le=3600,
                                         description="Time to decide each turn; no action when it runs out.")
    pauses: bool = Field(default=True, description="Pause for discussion at the pause points.")


class WorkshopFile(_Strict):
    """The whole of workshop.yaml."""

    format: Literal[1] = 1
    title: str = Field(default="", max_length=200)
    scenario: ScenarioPin
    seed: int = Field(ge=0, lt=2**63)
    teams: list[TeamName] = Field(min_length=1, max_length=MAX_TEAMS)
    facilitator_word: str = Field(min_length=4, max_length=60, pattern=r"^[A-Za-z0-9_-]+$")
    options: Options = Field(default_factory=Options)
    injects: list[Inject] = Field(default_factory=list, max_length=30)


@dataclass(frozen=True)
class Pause:
    """A discussion pause after a turn."""

    after_turn: int
    prompt: str
    source: Literal["scenario", "inject"]


@dataclass
class Workshop:
    """A checked workshop folder, ready to play or report on."""

    folder: Path
    file: WorkshopFile
    scenario: Scenario  # with the injects applied: what every team plays
    base_scenario: Scenario  # as written in its file
    scenario_path: Path
    warnings: list[Problem]

    @property
    def seed(self) -> int:
        return self.file.seed

    @cached_property
    def base_sha256(self) -> str:
        """sha256 of the scenario's content as written (worked out once: every session file records it)."""
        return sources.model_sha256(self.base_scenario)

    @property
    def teams(self) -> list[str]:
        return list(self.file.teams)

    @property
    def sessions_dir(self) -> Path:
        return self.folder / SESSIONS_DIR

    def session_path(self, team: str) -> Path:
        return self.sessions_dir / f"{team}.json"

    def team_named(self, name: str) -> str | None:
        """The listed team called ``name`` (ignoring case), or None."""
        for team in self.file.teams:
            if team.lower() == name.strip().lower():
                return team
        return None

    @property
    def predict_stakeholder(self) -> str:
        chosen = self.file.options.predict_stakeholder
        if chosen:
            return chosen
        return key_stakeholder(self.base_scenario)

    def pauses(self, lang: str | None = None, game: Session | None = None) -> list[Pause]:
        """Every discussion pause, in order of turn (scenario pause points, then injects).

        Prompts are in ``lang`` where the scenario has it, else in the scenario's language.
        With ``game`` (a team's session, at the end of a turn), a scenario pause point is that
        game's: left out when its `when` does not hold, in its first fitting wording; without, as
        written (what the facilitator's report lists)."""
        if not self.file.options.pauses:
            return []
        own = self.base_scenario.meta.language
        out: list[Pause] = []
        for turn in sorted({p.after_turn for p in self.base_scenario.debrief.pause_points}):
            if turn >= self.base_scenario.meta.turns:
                continue
            if game is not None:
                out.extend(Pause(turn, shown.text, "scenario") for shown in game.shown_pauses(turn))
                continue
            out.extend(Pause(turn, localise(p.prompt, lang or own, own), "scenario")
                       for p in self.base_scenario.debrief.pause_points if p.after_turn == turn)
        titles = {e.id: localise(e.title, lang or own, own) for e in self.base_scenario.events}
        for inject in self.file.injects:
            if inject.turn >= self.base_scenario.meta.turns:
                continue
            prompt = inject.prompt or translate(lang, "workshop.inject_prompt",
                                                title=titles.get(inject.event, inject.event))
            out.append(Pause(inject.turn, prompt, "inject"))
        merged: dict[int, Pause] = {}
        for pause in sorted(out, key=lambda p: (p.after_turn, p.source != "scenario")):
            had = merged.get(pause.after_turn)
            merged[pause.after_turn] = pause if had is None else Pause(
                had.after_turn, f"{had.prompt}\n{pause.prompt}", had.source)
        return [merged[t] for t in sorted(merged)]


def key_stakeholder(scenario: Scenario) -> str:
    """The stakeholder whose trust teams predict by default: the most power times interest."""
    best = max(scenario.stakeholders, key=lambda s: (s.power * (0.5 + s.interest), -scenario.stakeholders.index(s)))
    return best.id


# --------------------------------------------------------------------------
# Reading


def read_positioned(text: str, label: str) -> tuple[object, SourceMap, list[Problem]]:
    """YAML text as plain data with the position of every value, by the scenario loader's reader.

    Returns the data (None when unreadable), the source map and the problems found.
    """
    source = SourceMap(label, text)
    # The scenario loader's reader: the same limits, refusals and wording as scenario files.
    reader = Reader(source)
    try:
        data = reader.read()
    except yaml.MarkedYAMLError as exc:
        return None, source, [syntax_problem(label, text, exc)]
    except yaml.YAMLError as exc:
        return None, source, [said(label, 1, 1, Words("workshop.file.not_yaml_text", detail=exc))]
    if reader.fatal:
        return None, source, reader.problems
    return data, source, reader.problems


def load_workshop(folder: Path | str) -> Workshop:
    """Read and check DIR/workshop.yaml and its scenario; WorkshopError lists every problem."""
    folder = Path(folder)
    path = folder / WORKSHOP_FILE
    label = str(path)
    if not folder.is_dir():
        raise WorkshopError([said(str(folder), 0, 0, Words("workshop.file.no_folder"))])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise WorkshopError([said(label, 0, 0, Words("workshop.file.missing"))]) from None
    except OSError as exc:
        raise WorkshopError([said(label, 0, 0, Words("workshop.file.unreadable",
                                                       detail=exc.strerror or exc))]) from None
    sessions = folder / SESSIONS_DIR
    if sessions.is_symlink() or (sessions.exists() and not sessions.is_dir()):
        # Team files are written into sessions/: a link could send them anywhere on this machine.
        raise WorkshopError([said(str(sessions), 0, 0, Words("workshop.file.sessions_not_folder"))])
    if len(raw) > MAX_WORKSHOP_BYTES:
        raise WorkshopError([said(label, 1, 1, Words("workshop.file.too_large", size=len(raw) // 1024))])
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        raise WorkshopError([said(label, 1, 1, Words("workshop.file.not_utf8"))]) from None
    return check_text(text, label, folder)


def check_text(text: str, label: str, folder: Path) -> Workshop:
    """Check the text of a workshop file (see :func:`load_workshop`)."""
    data, source, problems = read_positioned(text, label)
    if any(p.is_error for p in problems):
        raise WorkshopError(problems)
    if not isinstance(data, dict):
        raise WorkshopError([_at(source, (), Words("workshop.file.not_mapping"))])
    try:
        file = WorkshopFile.model_validate(data)
    except ValidationError as exc:
        raise WorkshopError(problems + shape_problems(exc, source, WorkshopFile)) from None
    problems.extend(_duplicate_teams(file, source))
    scenario_path, base = _pinned_scenario(file, source, folder, problems)
    if base is None or scenario_path is None:
        raise WorkshopError(problems)
    problems.extend(_check_against(file, base, source))
    errors = [p for p in problems if p.is_error]
    if errors:
        raise WorkshopError(sorted(errors, key=lambda p: (p.line, p.column)))
    from game.workshop.injects import apply_injects

    scenario = apply_injects(base, [(i.event, i.turn) for i in file.injects])
    return Workshop(folder, file, scenario, base, scenario_path, problems)


def _duplicate_teams(file: WorkshopFile, source: SourceMap) -> list[Problem]:
    seen: dict[str, int] = {}
    out: list[Problem] = []
    for i, team in enumerate(file.teams):
        first = seen.setdefault(team.lower(), i)
        if first != i:
            out.append(_at(source, ("teams", i), Words("workshop.file.team_twice", team=team, first=first + 1,
                                                        second=i + 1)))
    return out


def _pinned_scenario(
    file: WorkshopFile, source: SourceMap, folder: Path, problems: list[Problem]
) -> tuple[Path | None, Scenario | None]:
    pin = file.scenario
    candidates: list[Path] = []
    if pin.path:
        given = Path(pin.path)
        if given.suffix not in (".yaml", ".yml"):
            problems.append(_at(source, ("scenario", "path"), Words("workshop.file.not_yaml", path=pin.path)))
            return None, None
        candidates.append(given if given.is_absolute() else folder / given)
    with contextlib.suppress(LookupError):
        candidates.append(catalog.resolve(pin.id))
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        where = ("scenario", "path") if pin.path else ("scenario", "id")
        problems.append(_at(source, where, Words("workshop.file.scenario_missing_at", id=pin.id, path=pin.path)
                            if pin.path else Words("workshop.file.scenario_missing", id=pin.id)))
        return None, None
    try:
        base = sources.load_scenario(found)
    except ScenarioError as exc:
        first = ProblemLines(exc.problems[:1]) if exc.problems else str(exc)
        problems.append(_at(source, ("scenario",), Words("workshop.file.scenario_errors", first=first)))
        return found, None
    actual = sources.model_sha256(base)
    if actual != pin.sha256:
        problems.append(_at(source, ("scenario", "sha256"), Words("workshop.file.scenario_changed", file=found,
                                                                   sha256=actual)))
    if base.meta.id != pin.id:
        problems.append(_at(source, ("scenario", "id"), Words("workshop.file.other_id", file=found,
                                                               found=base.meta.id, id=pin.id)))
    return found, base


def _check_against(file: WorkshopFile, scenario: Scenario, source: SourceMap) -> list[Problem]:
    out: list[Problem] = []
    events = [e.id for e in scenario.events]
    turns = scenario.meta.turns
    seen: set[tuple[str, int]] = set()
    for i, inject in enumerate(file.injects):
        if inject.event not in events:
            out.append(_at(source, ("injects", i, "event"), Words(
                "workshop.file.no_event", scenario=scenario.meta.id, event=inject.event,
                hint=hint(inject.event, events), events=listing(events))))
        if inject.turn > turns:
            out.append(_at(source, ("injects", i, "turn"), Words.counted(
                "workshop.file.past_end", turns, turn=inject.turn, scenario=scenario.meta.id, turns=turns)))
        if (inject.event, inject.turn) in seen:
            out.append(_at(source, ("injects", i), Words(
                "workshop.file.injected_twice", event=inject.event, turn=inject.turn)))
        seen.add((inject.event, inject.turn))
    who = file.options.predict_stakeholder
    ids = [s.id for s in scenario.stakeholders]
    if who is not None and who not in ids:
        out.append(_at(source, ("options", "predict_stakeholder"), Words(
            "workshop.file.no_stakeholder", who=who, hint=hint(who, ids))))
    return out


def _at(source: SourceMap, where: tuple[str | int, ...], reason: Words) -> SaidProblem:
    """An error at the value ``where`` points to in the workshop file."""
    return placed(source.problem(where, "error", ""), reason)


def parse_inject(text: str) -> tuple[str, int]:
    """``EVENT@TURN`` as (event, turn); ValueError with a message otherwise."""
    event, at, turn = text.strip().partition("@")
    if not at or not event or not turn.strip().isdigit():
        raise ValueError(f"`{text}` is not EVENT@TURN (for example `inspection@5`)")
    return event.strip(), int(turn)
