"""What the player types, read into commands; a clear message when it makes no sense.

At the decision prompt the player types the numbers of the actions to take
(``1 3`` or ``1,3``), optionally with a target number after a colon (``2:4``),
``0`` to take no action, ``f N`` (or ``f N:T``) for a detailed forecast of one
action, ``s`` to show the situation again, ``h`` for help and ``q`` to save
and quit. At an event the player types the number of a choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
    """A one-letter command: help, show, or quit."""

    name: str  # "help" | "show" | "quit"


Command = Plan | ForecastRequest | Simple

_SIMPLE = {
    "h": "help", "help": "help", "?": "help",
    "s": "show", "show": "show",
    "q": "quit", "quit": "quit", "exit": "quit",
}
_PICK = re.compile(r"^(\d{1,3})(?:[:/](\d{1,3}))?$")
_NOTHING = {"0", "none", "pass", "-"}

DECISION_HELP = """\
Type the numbers of the actions to take this turn, separated by spaces or commas, for example `1 3`.
If an action needs a target you will be asked for it; or type it after a colon, for example `2:4`.
Type 0 to take no action this turn.
f N   a detailed forecast for action N (f N:T for target T)
s     show the situation again
h     this help
q     save and quit (resume later with --load)"""

TARGET_HELP = """\
Type the number of the target, for example `2`. Targets marked not available cannot be chosen this turn.
s     show the targets again
q     save and quit (resume later with --load)"""

EVENT_HELP = """\
Type the number of your choice, for example `1`.
s     show the situation and the event again
h     this help
q     save and quit (resume later with --load)"""


def _pick(token: str, options: int) -> Pick:
    match = _PICK.match(token)
    if not match:
        raise InputProblem(f"`{token}` is not an action number; type numbers such as `1 3`, or h for help")
    number = int(match.group(1))
    if not 1 <= number <= options:
        raise InputProblem(f"there is no action {number}; the actions are numbered 1 to {options}")
    target = int(match.group(2)) if match.group(2) else None
    if target is not None and target < 1:
        raise InputProblem(f"targets are numbered from 1; `{token}` has target {target}")
    return Pick(number, target)


def read_decision(text: str, options: int) -> Command:
    """Read one line typed at the decision prompt."""
    line = text.strip().lower()
    if not line:
        raise InputProblem("type the numbers of the actions to take (such as `1 3`), 0 for none, or h for help")
    if line in _SIMPLE:
        return Simple(_SIMPLE[line])
    if line in _NOTHING:
        return Plan(())
    words = line.replace(",", " ").split()
    if words[0] in ("f", "forecast"):
        if len(words) != 2:
            raise InputProblem("type `f` and one action number, such as `f 2`")
        return ForecastRequest(_pick(words[1], options))
    picks = tuple(_pick(w, options) for w in words)
    seen: set[tuple[int, int | None]] = set()
    for p in picks:
        key = (p.number, p.target)
        if key in seen:
            raise InputProblem(f"action {p.number} is listed twice; each action is taken once a turn")
        seen.add(key)
    return Plan(picks)


def read_number(text: str, count: int, what: str) -> int | Simple:
    """Read a 1-based choice among ``count``; ``what`` names the things chosen (``choice``)."""
    line = text.strip().lower()
    if line in _SIMPLE:
        return Simple(_SIMPLE[line])
    if not line.isdigit():
        raise InputProblem(f"type the number of a {what}, from 1 to {count}")
    number = int(line)
    if not 1 <= number <= count:
        raise InputProblem(f"there is no {what} {number}; type a number from 1 to {count}")
    return number
