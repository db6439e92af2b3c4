"""What workshop tests share: the keys a team types to play a seat through."""

from __future__ import annotations

from game.workshop.config import Workshop
from game.workshop.seat import TeamSeat


def script(workshop: Workshop, stop_at_first_pause: bool = False, team: str = "Scout") -> list[str]:
    """What a team types to play with no action and first choices, found by playing the same luck first.

    At each discussion pause it first types a wrong word, then the facilitator's word.
    """
    seat = TeamSeat.open(workshop, team)
    lines: list[str] = []
    while not seat.session.is_over:
        if seat.pending_pause() is not None:
            if stop_at_first_pause:
                break
            lines += ["carry on please", workshop.file.facilitator_word]
            seat.release(workshop.file.facilitator_word)
        elif seat.session.pending_event() is not None:
            seat.choose(0)
            lines.append("1")
        else:
            seat.play_turn([])
            lines.append("0")
    seat.path.unlink()
    return lines
