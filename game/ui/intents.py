"""What the player asks for: one frozen dataclass per kind of request, with typed fields.

A widget carries the intent it emits when activated (click, Enter, Space); a
screen's keys make the same intents; the screen's ``on_intent`` matches on the
class and turns it into a session command in one place (STYLE.md, habits 1, 3
and 14)::

    match intent:
        case ChooseAction(action):
            ...
        case Back():
            ...

A request several screens share (Back, SwitchView, PageStep) is one class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    from pathlib import Path

    from game.session.views import OptionView
    from game.workshop.files import Direction

# The settings screen's rows, each changed in one step (a toggle, or the next value round).
Setting = Literal["scale", "forecasts", "fullscreen", "pace", "motion", "volume", "mute"]


# -- shared by several screens -------------------------------------------------------------


@dataclass(frozen=True)
class Back:
    """Leave for the screen this one was opened from (Esc): resume the game, close the keys or the settings."""


@dataclass(frozen=True)
class SwitchView:
    """Show ``view`` in a panel that shares its room by tabs (the briefing's, the turn's, the summary's, the debrief's)."""

    view: str


@dataclass(frozen=True)
class PageStep:
    """The next (+1) or previous (-1) page of a list shown a page at a time (Page Down, Page Up)."""

    step: int


@dataclass(frozen=True)
class ToTitle:
    """Leave the game for the title screen (it is autosaved)."""


@dataclass(frozen=True)
class OpenSettings:
    pass


@dataclass(frozen=True)
class LoadGame:
    """Open the save slots to load one."""


@dataclass(frozen=True)
class Quit:
    pass


# -- the title screen and the briefing -----------------------------------------------------------


@dataclass(frozen=True)
class SelectScenario:
    """Select the scenario at ``index`` in the library's list (a second time: start it)."""

    index: int


@dataclass(frozen=True)
class StartGame:
    """Start the selected scenario, with the seed typed (or a new one)."""


@dataclass(frozen=True)
class ResumeLast:
    """Continue the game the autosave holds."""


@dataclass(frozen=True)
class Begin:
    """Leave the briefing for the first turn."""


# -- the turn and its menu -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChooseAction:
    """Take an action card: put it in the plan (or take it out), or ask for its target."""

    action: str


@dataclass(frozen=True)
class ChooseTarget:
    """The target picked for the action being planned (in the list or on the map)."""

    option: OptionView


@dataclass(frozen=True)
class CancelTarget:
    """Close the target picker without choosing."""


@dataclass(frozen=True)
class ClearPlan:
    pass


@dataclass(frozen=True)
class EndTurn:
    pass


@dataclass(frozen=True)
class SkipResolution:
    """Skip to the end of the turn's resolution."""


@dataclass(frozen=True)
class OpenMenu:
    pass


@dataclass(frozen=True)
class SaveGame:
    """Open the save slots to keep the game in one."""


@dataclass(frozen=True)
class OpenKeys:
    pass


# -- events, the summary and the debrief --------------------------------------------------------------


@dataclass(frozen=True)
class ChooseAnswer:
    """Answer the event with its choice at ``index``."""

    index: int


@dataclass(frozen=True)
class Continue:
    """Leave the turn's summary for the next turn (or the ending)."""


@dataclass(frozen=True)
class ShowPage:
    """Show the debrief's page at ``page`` (overview, charts, timeline, what if)."""

    page: int


@dataclass(frozen=True)
class ExportPictures:
    pass


@dataclass(frozen=True)
class ExportHtml:
    pass


@dataclass(frozen=True)
class Replay:
    """Play the same scenario again on the same seed."""


# -- settings and saves --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeSetting:
    setting: Setting


@dataclass(frozen=True)
class ChooseSlot:
    """Save into, or load from, the save file at ``path``."""

    path: Path


# -- a workshop seat -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """The facilitator's word, typed to end the discussion pause."""

    word: str


@dataclass(frozen=True)
class CarryOn:
    """End the discussion pause with the word in the box."""


@dataclass(frozen=True)
class Guess:
    """The team's prediction of one stakeholder's trust next turn."""

    direction: Direction


Intent: TypeAlias = (
    Back | SwitchView | PageStep | ToTitle | OpenSettings | LoadGame | Quit
    | SelectScenario | StartGame | ResumeLast | Begin
    | ChooseAction | ChooseTarget | CancelTarget | ClearPlan | EndTurn | SkipResolution | OpenMenu | SaveGame | OpenKeys
    | ChooseAnswer | Continue | ShowPage | ExportPictures | ExportHtml | Replay
    | ChangeSetting | ChooseSlot
    | Release | CarryOn | Guess
)
