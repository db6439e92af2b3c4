"""Filling an empty seat: a built-in policy, or an author's strategy, plays a team's whole game.

The session file records who played in ``policy``: the built-in policy's name,
or ``FILE.py:NAME`` for a strategy (its file's name, without the folder).
"""

from __future__ import annotations

import re

from game.i18n.words import Words
from game.session.saves import SHOWN
from game.sim.policies import Policy
from game.workshop.config import Workshop
from game.workshop.files import SessionFileError
from game.workshop.seat import TeamSeat


def fill(workshop: Workshop, team: str, policy: str | Policy, lang: str | None = None) -> TeamSeat:
    """Let ``policy`` (a built-in name, or a policy object such as a loaded strategy) play
    ``team``'s game to its ending and write the session file; the seat's session names things
    in ``lang`` (the file is the same in every language).

    Raises SessionFileError when the team already has a session (a seat is
    filled only when empty) or is not in the workshop; KeyError for an unknown policy;
    StrategyError when a strategy breaks the rules (nothing is written then).
    """
    from game.sim.policies import get_policy

    player = get_policy(policy) if isinstance(policy, str) else policy  # an unknown name fails first
    recorded = policy if isinstance(policy, str) else str(getattr(policy, "recorded", policy.name))
    if len(recorded) > 200 or not re.fullmatch(SHOWN, recorded):  # a file name the session file cannot show
        recorded = policy if isinstance(policy, str) else policy.name
    name = workshop.team_named(team)
    if name is not None and workshop.session_path(name).exists():
        raise SessionFileError(workshop.session_path(name), Words("session_file.seat_taken", team=name))
    seat = TeamSeat.open(workshop, team, policy=recorded, lang=lang)
    session = seat.session
    while not session.is_over:
        if session.pending_event() is not None:
            session.choose(session.suggest_choice(player))
        else:
            session.play_turn(session.suggest(player))
    seat.released = [p.after_turn for p in workshop.pauses()]
    seat.save()
    return seat
