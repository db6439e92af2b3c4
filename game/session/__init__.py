"""A playthrough for one player: decisions, history, reasons, save and load.

The desktop game, the terminal game and the workshop code use only what this
package exports::

    session = Session.new(scenario, seed=3, source_path=path)
    for option in session.options(): ...          # what can be done, and why not
    report = session.play_turn([Decision("engage", "gp_federation")])
    while (event := session.pending_event()) is not None:
        risk = session.forecast_choice(0)           # rollouts after that answer, like forecast()
        session.choose(0)
    session.save(path)                            # atomic, versioned JSON
    again = Session.load(path)                    # replays seed + decisions exactly

Illegal moves raise :class:`IllegalMove` with a message for the player;
unreadable saves raise :class:`SaveError` naming the file and what to do.
"""

from game.session.playthrough import Session, StanceCounts
from game.session.saves import SaveError
from game.session.views import (
    ActionResult,
    ChoiceReport,
    ChoiceView,
    EndingView,
    EventView,
    MetricView,
    OptionView,
    ProgrammeView,
    Reason,
    Snapshot,
    StakeholderView,
    StateView,
    TurnRecord,
    TurnReport,
)
from game.sim.decisions import Decision, IllegalMove

__all__ = [
    "ActionResult",
    "ChoiceReport",
    "ChoiceView",
    "Decision",
    "EndingView",
    "EventView",
    "IllegalMove",
    "MetricView",
    "OptionView",
    "ProgrammeView",
    "Reason",
    "SaveError",
    "Session",
    "Snapshot",
    "StakeholderView",
    "StanceCounts",
    "StateView",
    "TurnRecord",
    "TurnReport",
]
