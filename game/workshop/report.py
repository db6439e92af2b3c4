"""The debrief report: every team side by side, as plain data, then HTML and CSV.

``build(workshop)`` replays every session file and works out what the report
shows; ``write(workshop, out)`` writes ``report.html`` (one self-contained
file: inline CSS and SVG charts, no scripts, nothing fetched) and
``results.csv`` (one row per team), both atomically.

The page speaks the facilitator's language: ``lang`` picks the game's own
words from the i18n catalogue and the scenario's texts in that language
(falling back to the scenario's own). The CSV is data, so its column names
and values stay the same in every language.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game import i18n
from game.i18n import numbers
from game.scenario.schema import POLICIES
from game.session.wording import event_choices
from game.sim.decisions import Decision
from game.sim.engine import Engine
from game.workshop.compare import (
    PolicyGame,
    Turning,
    flip_each_turn,
    lean,
    most_consequential,
    policy_games,
)
from game.workshop.config import Workshop
from game.workshop.files import Direction, Point, write_atomic
from game.workshop.results import Collected, TeamResult, collect
from game.workshop.words import scenario_text


@dataclass(frozen=True)
class Calibration:
    """How well a team foresaw a stakeholder's trust: hits among the turns they predicted."""

    stakeholder: str
    predicted: int
    correct: int
    table: dict[tuple[Direction, Direction], int]  # (guess, actual) -> count
    optimism: int  # guessed a better move than happened
    pessimism: int

    @property
    def rate(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0


@dataclass(frozen=True)
class TurnCell:
    """One turn of a team's timeline."""

    turn: int
    lean: str
    moves: tuple[str, ...]
    choices: tuple[tuple[str, str, str], ...]  # (event title, the choice made, its stance)
    blocked: tuple[str, ...]
    timed_out: bool


@dataclass
class TeamReport:
    result: TeamResult
    colour: str
    ending_title: str
    outcome: str
    turning: Turning | None
    policies_beaten: list[str]
    timeline: list[TurnCell]
    calibration: Calibration | None

    @property
    def team(self) -> str:
        return self.result.team


@dataclass
class Report:
    workshop: Workshop
    collected: Collected
    teams: list[TeamReport]
    policies: list[PolicyGame]
    generated_at: str
    notes: list[str] = field(default_factory=list)
    lang: str = i18n.DEFAULT

    @property
    def title(self) -> str:
        return self.text(self.workshop.base_scenario.meta.title)

    def text(self, value: str | dict[str, str]) -> str:
        """A scenario text in the report's language, else in the scenario's own."""
        return scenario_text(self.workshop, value, self.lang)

    def t(self, key: str, /, **fields: object) -> str:
        """The game's own words in the report's language."""
        return i18n.translate(self.lang, key, **fields)

    def number(self, value: float, digits: int = 1) -> str:
        """``12.5`` or ``12,5``, as the report's language writes decimals."""
        return numbers.number(value, self.lang, digits)

    def percent(self, share: float) -> str:
        """A share from 0 to 1 as a whole percentage: ``42%`` or ``42 %``."""
        return numbers.percent(share, self.lang)

    def outcome_word(self, outcome: str) -> str:
        """``success``, ``partial`` or ``failure`` in words; an unfinished game says so."""
        return self.t(f"outcome.{outcome}.short") if outcome in ("success", "partial", "failure") \
            else self.t("report.still_playing")

    def policy_name(self, policy: str) -> str:
        return self.t(f"policy.{policy}")


_ORDER: dict[Direction, int] = {"down": 0, "same": 1, "up": 2}


def calibration(result: TeamResult) -> Calibration | None:
    scored = [p for p in result.predictions if p.actual is not None]
    if not scored:
        return None
    table: dict[tuple[Direction, Direction], int] = {}
    for p in scored:
        assert p.actual is not None
        table[(p.guess, p.actual)] = table.get((p.guess, p.actual), 0) + 1
    return Calibration(
        stakeholder=scored[0].stakeholder,
        predicted=len(scored),
        correct=sum(p.guess == p.actual for p in scored),
        table=table,
        optimism=sum(p.actual is not None and _ORDER[p.guess] > _ORDER[p.actual] for p in scored),
        pessimism=sum(p.actual is not None and _ORDER[p.guess] < _ORDER[p.actual] for p in scored),
    )


def made_at(when: _dt.datetime, lang: str) -> str:
    """The moment the report was made, in words: ``26 November 2026, 09:14 UTC``."""
    return i18n.translate(lang, "report.made_at", day=when.day, month=i18n.translate(lang, f"month.{when.month}"),
                          year=when.year, time=when.strftime("%H:%M"))


def _timeline(result: TeamResult) -> list[TurnCell]:
    s = result.session
    names = s.names
    cells = []
    for record in s.history:
        choices = [(names.text(event.title), names.text(choice.text), choice.stance)
                   for event, choice in event_choices(s.scenario, record)]
        cells.append(TurnCell(
            turn=record.turn,
            lean=lean(s.scenario, record.decisions),
            moves=tuple(s.label(d) for d in record.decisions),
            choices=tuple(choices),
            blocked=tuple(names.stakeholders.get(b, b) for b in record.blocked),
            timed_out=record.turn in result.file.timeouts,
        ))
    return cells


def build(workshop: Workshop, lang: str | None = None) -> Report:
    """Everything the report shows, as plain data, with words in ``lang`` (default: the current language)."""
    from game.workshop.team_colours import team_colours

    lang = i18n.supported(lang) or (i18n.language() if lang is None else i18n.DEFAULT)
    collected = collect(workshop, lang)
    engine = Engine(workshop.scenario)
    policies = policy_games(engine, workshop.seed, POLICIES)
    endings = {e.id: e for e in workshop.scenario.endings}
    teams = []
    colours = team_colours([*workshop.teams, *(r.team for r in collected.teams if r.team not in workshop.teams)])
    for result in collected.teams:
        s = result.session
        turning = None
        if s.is_over:
            turnings = flip_each_turn(engine, result.file.pin.seed, s.log, result.score)
            turning = most_consequential(turnings)
        ending = endings.get(s.ending.id) if s.ending else None
        same_luck = result.file.pin.seed == workshop.seed
        beaten = [g.policy for g in policies if s.is_over and same_luck and result.score > g.score + 1e-9]
        teams.append(TeamReport(
            result=result,
            colour=colours[result.team],
            ending_title=(scenario_text(workshop, ending.title, lang) if ending
                          else i18n.translate(lang, "report.still_playing")),
            outcome=ending.outcome if ending else "",
            turning=turning,
            policies_beaten=beaten,
            timeline=_timeline(result),
            calibration=calibration(result),
        ))
    now = made_at(_dt.datetime.now(_dt.UTC), lang)
    return Report(workshop, collected, teams, policies, now, lang=lang)


# --------------------------------------------------------------------------
# Numbers the charts and the CSV share


def weighted(points: list[Point], key: str, power: dict[str, float]) -> list[float]:
    """Power-weighted mean of trust or support at each point."""
    total = sum(power.values()) or 1.0
    return [sum(getattr(p, key)[k] * w for k, w in power.items()) / total for p in points]


def mean_progress(points: list[Point]) -> list[float]:
    return [float(np.mean(list(p.progress.values()))) if p.progress else 0.0 for p in points]


def decision_words(decisions: tuple[Decision, ...], result: TeamResult, lang: str | None = None) -> str:
    separator = i18n.translate(lang, "fmt.list_separator")
    return separator.join(result.session.label(d) for d in decisions) or i18n.translate(lang, "timeline.no_action")


# --------------------------------------------------------------------------
# CSV

CSV_COLUMNS = [
    "team", "status", "ending", "outcome", "score", "turns_played", "partner_moves", "push_moves",
    "neutral_moves", "push_share", "trust", "support", "progress", "best_policy_score", "policies_beaten",
    "most_consequential_turn", "flipped_score_change", "prediction_accuracy", "timeouts", "flags",
]


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_text(report: Report) -> str:
    power = {s.id: s.power for s in report.workshop.base_scenario.stakeholders}
    best = max((g.score for g in report.policies), default=0.0)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in report.teams:
        r = t.result
        c = r.stances
        traj = r.trajectory
        cal = t.calibration
        writer.writerow([_cell(v) for v in (
            r.team,
            "ended" if r.ended else "playing",
            r.session.ending.id if r.session.ending else "",
            t.outcome,
            f"{r.score:.2f}",
            len(r.session.history),
            c.partner, c.push, c.neutral,
            f"{r.push_share:.3f}",
            f"{weighted(traj, 'trust', power)[-1]:.3f}",
            f"{weighted(traj, 'support', power)[-1]:.3f}",
            f"{mean_progress(traj)[-1]:.3f}",
            f"{best:.2f}",
            " ".join(t.policies_beaten),
            t.turning.turn if t.turning else "",
            f"{t.turning.delta:+.2f}" if t.turning else "",
            f"{cal.rate:.3f}" if cal else "",
            " ".join(str(x) for x in r.file.timeouts),
            " | ".join(r.flags),
        )])
    return out.getvalue()


def write(workshop: Workshop, out: Path | None = None, lang: str | None = None) -> tuple[Path, Path, Report]:
    """Write report.html and results.csv (beside ``out`` when given); returns both paths and the data.

    ``lang`` is the page's language (default: the current language)."""
    from game.workshop.page import render

    report = build(workshop, lang)
    html_path = out or workshop.folder / "report.html"
    csv_path = html_path.with_name("results.csv")
    write_atomic(html_path, render(report).encode("utf-8"))
    write_atomic(csv_path, csv_text(report).encode("utf-8"))
    return html_path, csv_path, report
