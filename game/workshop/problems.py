"""What is wrong with a workshop folder, worded so that it can be said in the facilitator's language.

A problem with ``workshop.yaml`` is a :class:`~game.scenario.problems.Problem`
(``file:line:col``, severity, message in English); those the workshop finds
itself are :class:`SaidProblem` and carry their message as a :class:`Words`,
which :func:`say_problem` gives in any catalogue language. Team names are
checked here too, as they are also file names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from game.i18n import DEFAULT, translate
from game.i18n.words import Words
from game.scenario.problems import Problem, Severity

# A team name is also a file name (sessions/NAME.json): letters, digits, spaces,
# hyphens and underscores, starting with a letter or digit.
TEAM_PATTERN = r"^[^\W_][\w \-]{0,31}$"
_TEAM_RE = re.compile(TEAM_PATTERN)
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})


class WorkshopError(Exception):
    """A workshop folder that cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class SaidProblem(Problem):
    """A problem with a workshop folder whose message is a :class:`Words`, so that it can be said
    in the facilitator's language; ``message`` holds it in English."""

    reason: Words | None = None

    def say(self, lang: str | None) -> str:
        return self.reason.say(lang) if self.reason is not None else super().say(lang)


def said(path: str, line: int, column: int, reason: Words, severity: Severity = "error") -> SaidProblem:
    return SaidProblem(path, line, column, severity, reason.say(DEFAULT), reason)


def placed(problem: Problem, reason: Words) -> SaidProblem:
    """``reason`` at the place in a file where ``problem`` points."""
    return said(problem.path, problem.line, problem.column, reason, problem.severity)


def say_problem(problem: Problem, lang: str | None) -> str:
    """A problem as ``str(problem)`` gives it, in ``lang`` where its message can be said there (the
    workshop's own problems, and those the scenario reader words in several languages)."""
    where = problem.path if problem.line < 1 else f"{problem.path}:{problem.line}:{problem.column}"
    severity = translate(lang, "workshop.cli.error") if problem.is_error else translate(lang, "workshop.cli.warning")
    return translate(lang, "workshop.cli.problem", where=where, severity=severity, message=problem.say(lang))


def hint(word: str, options: Collection[str]) -> Words | str:
    """`` (did you mean `x`?)`` for the closest option, in any language; or nothing."""
    close = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)
    return Words("workshop.hint", name=close[0]) if close else ""


def listing(names: Collection[str]) -> Words | str:
    """Names in backquotes, the first twelve, or "none"."""
    return ", ".join(f"`{n}`" for n in list(names)[:12]) or Words("workshop.none")


def team_reason(name: str) -> Words | None:
    """Why ``name`` cannot be a team name (None when it can)."""
    if not _TEAM_RE.match(name) or name != name.strip():
        return Words("workshop.team.bad_name", name=name)
    if name.lower() in _RESERVED:
        return Words("workshop.team.reserved", name=name)
    return None


def team_problem(name: str) -> str:
    """Why ``name`` cannot be a team name, in English ('' when it can)."""
    why = team_reason(name)
    return why.say(DEFAULT) if why else ""


class TeamNameError(ValueError):
    """A team name refused while checking workshop.yaml; ``reason`` says why in any language."""

    def __init__(self, reason: Words) -> None:
        self.reason = reason
        super().__init__(reason.say(DEFAULT))


def checked_team(name: str) -> str:
    """``name`` when it can be a team name; TeamNameError otherwise (a pydantic validator)."""
    why = team_reason(name)
    if why is not None:
        raise TeamNameError(why)
    return name


@dataclass(frozen=True)
class ProblemLines:
    """Problems from elsewhere (a scenario's, say) as one field of a :class:`Words`: one a line,
    each with its place, said in the same language as the reason."""

    problems: Sequence[Problem]

    def say(self, lang: str | None) -> str:
        return "\n".join(say_problem(p, lang) for p in self.problems)
