"""What the player types, read into commands; a clear message when it makes no sense.

At the decision prompt the player types the numbers of the actions to take
(``1 3`` or ``1,3``), optionally with a target number after a colon (``2:4``),
``0`` to take no action, ``f N`` (or ``f N:T``) for a detailed forecast of one
action, ``s`` to show the turn again, ``d`` for the details the turn leaves out, ``h`` for help and ``q`` to save
and quit. At an event the player types the number of a choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.i18n import t


class InputProblem(ValueError):
    """Input that cannot be understood; the message says what to type instead."""


@dataclass(frozen=True)
class Pick:
    """An action chosen by its 1-based number, with a 1-based target number if typed."""

    number: int
    target: int | None = None


@dataclass(frozen=True)
class Plan:
    """The actions to take this turn (empty: take none)."""

    picks: tuple[Pick, ...]


@dataclass(frozen=True)
class ForecastRequest:
    pick: Pick


@dataclass(frozen=True)
class Simple:
    """A one-letter command: help, show, details, or quit."""

    name: str  # "help" | "show" | "details" | "quit"


Command = Plan | ForecastRequest | Simple

_SIMPLE = {
    "h": "help", "help": "help", "?": "help",
    "s": "show", "show": "show",
    "d": "details", "details": "details", "detail": "details",
    "q": "quit", "quit": "quit", "exit": "quit",
}
_PICK = re.compile(r"^(\d{1,3})(?:[:/](\d{1,3}))?$")
_NOTHING = {"0", "none", "pass", "-"}

def _quit_line(team: bool) -> str:
    """How to quit and come back: with --load alone, with the same command in a workshop team."""
    return t("text.help.quit_team" if team else "text.help.quit")


def decision_help(team: bool = False) -> str:
    """What can be typed at the decision prompt, in the current language (``team``: in a workshop)."""
    return t("text.help.decision", quit=_quit_line(team))


def target_help(team: bool = False) -> str:
    """What can be typed when asked for a target, in the current language (``team``: in a workshop)."""
    return t("text.help.target", quit=_quit_line(team))


def event_help(team: bool = False) -> str:
    """What can be typed at an event, in the current language (``team``: in a workshop)."""
    return t("text.help.event", quit=_quit_line(team))


def _pick(token: str, options: int) -> Pick:
    match = _PICK.match(token)
    if not match:
        raise InputProblem(t("text.problem.not_action", token=token))
    number = int(match.group(1))
    if not 1 <= number <= options:
        raise InputProblem(t("text.problem.no_action", number=number, count=options))
    target = int(match.group(2)) if match.group(2) else None
    if target is not None and target < 1:
        raise InputProblem(t("text.problem.target_zero", token=token, target=target))
    return Pick(number, target)


def read_decision(text: str, options: int) -> Command:
    """Read one line typed at the decision prompt."""
    line = text.strip().lower()
    if not line:
        raise InputProblem(t("text.problem.empty"))
    if line in _SIMPLE:
        return Simple(_SIMPLE[line])
    if line in _NOTHING:
        return Plan(())
    words = line.replace(",", " ").split()
    if words[0] in ("f", "forecast"):
        if len(words) != 2:
            raise InputProblem(t("text.problem.forecast"))
        return ForecastRequest(_pick(words[1], options))
    picks = tuple(_pick(w, options) for w in words)
    seen: set[tuple[int, int | None]] = set()
    for p in picks:
        key = (p.number, p.target)
        if key in seen:
            raise InputProblem(t("text.problem.twice", number=p.number))
        seen.add(key)
    return Plan(picks)


def read_number(text: str, count: int, what: str) -> int | Simple:
    """Read a 1-based choice among ``count``; ``what`` names the things chosen (``choice`` or ``target``)."""
    line = text.strip().lower()
    if line in _SIMPLE:
        return Simple(_SIMPLE[line])
    if not line.isdigit():
        raise InputProblem(t(f"text.problem.type_{what}", count=count))
    number = int(line)
    if not 1 <= number <= count:
        raise InputProblem(t(f"text.problem.no_{what}", number=number, count=count))
    return number
