"""Autoplay: a built-in policy chooses for the player, one visible step at a time.

The session asks the policy about its one-run state, exactly as the policy
plays thousands of runs in a batch; its choices then go through the same
commands a player's do.
"""

from __future__ import annotations

from game.session.views import OptionView
from game.ui.play import Playthrough


def plan(play: Playthrough, policy: str) -> list[OptionView]:
    """The options ``policy`` would take this turn."""
    wanted = {(d.action, d.target) for d in play.session.suggest(policy)}
    return [o for o in play.options() if (o.action, o.target) in wanted]


def choice(play: Playthrough, policy: str) -> int:
    """The choice ``policy`` would make for the event waiting now (0 when none is waiting)."""
    return play.session.suggest_choice(policy)
