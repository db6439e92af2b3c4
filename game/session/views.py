"""Plain data the front ends read: what the player sees, decides and learns.

Nothing here holds an array or an engine; every value is a Python number,
string, tuple or another view, so the desktop game, the terminal game and the
workshop code can show them (and tests can compare them) without knowing the
model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from game.sim.decisions import Decision

Phase = Literal["decide", "event", "ended"]
Stance = Literal["partner", "push", "neutral"]
Outcome = Literal["success", "partial", "failure"]

# A stakeholder at least this likely to block this turn is named in a forecast, by both front ends.
LIKELY_BLOCK = 0.2

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


@dataclass(frozen=True)
class OptionView:
    """One thing the player could do this turn: an action, with its target if it has one."""

    action: str
    name: str
    description: str
    target: str | None
    target_name: str
    cost: int
    stance: Stance
    available: bool
    why_not: str = ""
    why_not_action: str = ""  # why no target at all can be taken (the same for every target of the action)
    hint: str = ""
    separator: str = ": "  # between the action's name and its target's, as the player's language writes it

    @property
    def decision(self) -> Decision:
        return Decision(self.action, self.target)

    @property
    def label(self) -> str:
        """The action's name, with its target's name when it has one."""
        return f"{self.name}{self.separator}{self.target_name}" if self.target else self.name


@dataclass(frozen=True)
class StakeholderView:
    """One stakeholder now: trust in the chief executive and support for the change, 0 to 1."""

    id: str
    name: str
    short: str
    kind: str
    power: float
    trust: float
    support: float
    grievance: float
    blocked: bool
    trust_change: float = 0.0  # since the start of the turn just played
    support_change: float = 0.0
    # A kind the scenario declares under `kinds`: its name and map symbol ("" for a built-in kind,
    # which the front ends name from their catalogues and draw from the theme).
    kind_name: str = ""
    symbol: str = ""
    # What the player knows of a red line: "" (it cannot hold one), "unknown", "holds" or "none".
    red_line: str = ""


@dataclass(frozen=True)
class MetricView:
    """One system metric now, in its own unit, with its target."""

    id: str
    name: str
    unit: str
    value: float
    target: float
    minimum: float
    maximum: float
    higher_is_better: bool
    trend: float = 0.0  # change over the last turn, in the metric's unit

    @property
    def gap(self) -> float:
        """How far from the target, positive when on the wrong side of it."""
        return self.target - self.value if self.higher_is_better else self.value - self.target


@dataclass(frozen=True)
class ProgrammeView:
    """One change programme and how far it has got, 0 to 1."""

    id: str
    name: str
    progress: float  # 0 to 1
    change: float = 0.0  # over the last turn
    dropped: bool = False  # abandoned: it stays where it is and no action can target it


@dataclass(frozen=True)
class StateView:
    """The situation at the start of a turn (or at the end of the game)."""

    turn: int  # 1-based: the turn about to be played, or the last one played once ended
    turns: int
    turn_label: str
    date_label: str
    leadership_time: int
    phase: Phase
    stakeholders: tuple[StakeholderView, ...]
    metrics: tuple[MetricView, ...]
    programmes: tuple[ProgrammeView, ...]
    flags: dict[str, float] = field(default_factory=dict)
    hint: str = ""


@dataclass(frozen=True)
class ChoiceView:
    """One answer to an event; ``index`` is what :meth:`Session.choose` takes."""

    index: int
    text: str
    stance: Stance


@dataclass(frozen=True)
class EventView:
    """An event as the player reads it; news has no choices."""

    id: str
    title: str
    text: str
    choices: tuple[ChoiceView, ...]


@dataclass(frozen=True)
class Reason:
    """Why one number moved: ``subject`` ``quantity`` changed by ``delta`` because of ``cause``."""

    quantity: str  # trust | support | grievance | progress | metric | flag | ...
    subject: str  # the stakeholder, programme, metric or flag id
    subject_name: str
    delta: float
    cause: str  # in words: an action's name, an event's title, or a rule of the model
    unit: str = ""
    from_decision: bool = False  # caused by the player's action or event choice (not a rule of the model)
    size: float = 0.0  # |delta| on a 0-to-1 scale (metrics divided by their range), for ranking

    @property
    def significant(self) -> bool:
        """Large enough to be worth showing (half a point on a 0-to-1 scale)."""
        return self.size >= 0.005

    def __str__(self) -> str:
        if self.quantity == "metric":
            unit = f" {self.unit}" if self.unit and self.unit != "%" else self.unit
            return f"{self.subject_name} {self.delta:+.2f}{unit} ({self.cause})"
        if self.quantity == "progress":
            return f"{self.subject_name} progress {self.delta * 100:+.0f}% ({self.cause})"
        return f"{self.subject_name} {self.quantity} {self.delta:+.2f} ({self.cause})"


@dataclass(frozen=True)
class ActionResult:
    """How one decision went this turn."""

    decision: Decision
    label: str
    result: str  # "done", or "resisted" for a push that met blockers
    blocked_by: tuple[str, ...] = ()  # names of stakeholders who blocked it


@dataclass(frozen=True)
class EndingView:
    """How the game ended, and the final score out of 100."""

    id: str
    title: str
    text: str
    outcome: Outcome
    score: float
    variant: int | None = None  # which of the ending's variants ``text`` is (None: its own text)


@dataclass(frozen=True)
class ReactionView:
    """A stakeholder's line after a turn (game.session.reactions)."""

    who: str  # the speaker's id
    name: str  # the speaker's name, in the player's language
    text: str  # the line, in the player's language
    trigger: str  # what it answers: engaged, confronted, pushed, overruled, decided, answered, blocked, red_line or turn
    mood: str  # the speaker's expression after the turn: warm, wary, hostile or blocking
    index: int  # in the scenario's `reactions`, or -1 for the game's own line
    key: str = ""  # the catalogue key of the game's own line ("" for the scenario's)


@dataclass(frozen=True)
class ShownText:
    """A conditional text a game shows (a hint, a pause question): which one, in which wording."""

    index: int  # in the scenario's list (``hints`` or ``debrief.pause_points``)
    variant: int | None  # which of its variants was chosen (None: its own text)
    text: str  # in the player's language


@dataclass(frozen=True)
class TurnReport:
    """What happened when a turn was played."""

    turn: int
    decisions: tuple[Decision, ...]
    actions: tuple[ActionResult, ...]
    reasons: tuple[Reason, ...]
    news: tuple[EventView, ...]  # events without choices that happened this turn
    waiting: tuple[str, ...]  # ids of events that need a choice now: see pending_event()
    blocked_by: tuple[str, ...]  # names of stakeholders who blocked this turn
    ending: EndingView | None


@dataclass(frozen=True)
class ChoiceReport:
    """What answering an event did."""

    event: str
    choice: int
    text: str
    outcome: str
    reasons: tuple[Reason, ...]
    ending: EndingView | None


@dataclass(frozen=True)
class Snapshot:
    """The numbers after a turn, keyed by id."""

    trust: dict[str, float]
    support: dict[str, float]
    grievance: dict[str, float]
    blocked: dict[str, bool]
    red_line: dict[str, str]  # what the player knows: "" (none possible), "unknown", "holds" or "none"
    progress: dict[str, float]
    metrics: dict[str, float]
    flags: dict[str, float]
    score: float
    dropped: dict[str, bool] = field(default_factory=dict)  # programmes abandoned


@dataclass
class TurnRecord:
    """One played turn in the history: what was decided, what happened, and why numbers moved."""

    turn: int
    decisions: list[Decision]
    choices: list[tuple[str, int]]  # (event id, choice index)
    events: list[str]  # ids of events fired this turn
    reasons: list[Reason]
    after: Snapshot  # the numbers once the turn and its events are complete
    blocked: list[str] = field(default_factory=list)  # ids of stakeholders who blocked
