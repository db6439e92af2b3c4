"""Filling an empty seat: a built-in policy plays a team's whole game."""

from __future__ import annotations

from game.i18n.words import Words
from game.workshop.config import Workshop
from game.workshop.files import SessionFileError
from game.workshop.seat import TeamSeat


def fill(workshop: Workshop, team: str, policy: str, lang: str | None = None) -> TeamSeat:
    """Let ``policy`` play ``team``'s game to its ending and write the session file; the seat's
    session names things in ``lang`` (the file is the same in every language).

    Raises SessionFileError when the team already has a session (a seat is
    filled only when empty) or is not in the workshop; KeyError for an unknown policy.
    """
    from game.sim.policies import get_policy

    get_policy(policy)  # an unknown name fails before anything is written
    name = workshop.team_named(team)
    if name is not None and workshop.session_path(name).exists():
        raise SessionFileError(workshop.session_path(name), Words("session_file.seat_taken", team=name))
    seat = TeamSeat.open(workshop, team, policy=policy, lang=lang)
    session = seat.session
    while not session.is_over:
        if session.pending_event() is not None:
            session.choose(session.suggest_choice(policy))
        else:
            session.play_turn(session.suggest(policy))
    seat.released = [p.after_turn for p in workshop.pauses()]
    seat.save()
    return seat
