"""The desktop game's hold on a session: the plan being built, and every command sent to the session.

Screens never change the game. They translate a widget's intent into one of
the methods here (:meth:`Playthrough.toggle`, :meth:`end_turn`,
:meth:`choose` ...), which call the session; an illegal move comes back as
:class:`IllegalMove` and the screen shows its message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.i18n import percent, t
from game.scenario.schema import Scenario
from game.session.playthrough import Session
from game.session.views import (
    LIKELY_BLOCK,
    ChoiceReport,
    EventView,
    OptionView,
    StateView,
    TurnReport,
)
from game.sim.decisions import Decision, IllegalMove
from game.ui.forecasting import RiskSummary

if TYPE_CHECKING:
    from game.ui.whatif import WhatIfJob
    from game.workshop.seat import TeamSeat

__all__ = ["IllegalMove", "Playthrough", "TurnOutcome"]

# 500 rollouts put each chance within about ±2 points (95%) and take under 0.1 s on the largest scenario.
FORECAST_ROLLOUTS = 500


@dataclass
class TurnOutcome:
    """Everything that happened in one turn, for the summary screen."""

    report: TurnReport
    choices: list[tuple[EventView, ChoiceReport]] = field(default_factory=list)


class Playthrough:
    """A session plus the decisions the player is assembling for this turn.

    In a workshop the moves go through the team's seat, which writes the
    team's session file after each one; otherwise straight to the session,
    which autosaves.
    """

    def __init__(self, session: Session, seat: TeamSeat | None = None) -> None:
        self.session = session
        self.seat = seat
        self.plan: list[OptionView] = []
        self.outcomes: list[TurnOutcome] = []
        self._options: list[OptionView] | None = None
        self._view: StateView | None = None
        self._what_if: WhatIfJob | None = None

    @classmethod
    def new(cls, scenario: Scenario, seed: int, path: Path | None, lang: str | None = None) -> Playthrough:
        return cls(Session.new(scenario, seed, path, lang=lang))

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def forecasts_allowed(self) -> bool:
        """False in a workshop run without forecasts, whatever the player's setting."""
        return self.seat is None or not self.seat.workshop.file.options.hide_forecasts

    @property
    def decision_seconds(self) -> int | None:
        return self.seat.workshop.file.options.decision_seconds if self.seat is not None else None

    # -- reading ---------------------------------------------------------------

    def view(self) -> StateView:
        if self._view is None:
            self._view = self.session.view()
        return self._view

    def options(self) -> list[OptionView]:
        if self._options is None:
            self._options = self.session.options()
        return self._options

    def _changed(self) -> None:
        self._options = None
        self._view = None

    @property
    def spent(self) -> int:
        return sum(o.cost for o in self.plan)

    @property
    def time_left(self) -> int:
        return self.session.budget - self.spent

    def planned(self, option: OptionView) -> bool:
        return any(p.action == option.action and p.target == option.target for p in self.plan)

    def decisions(self, extra: OptionView | None = None) -> list[Decision]:
        chosen = [*self.plan, extra] if extra is not None and not self.planned(extra) else list(self.plan)
        return [Decision(o.action, o.target) for o in chosen]

    # -- commands --------------------------------------------------------------

    def toggle(self, option: OptionView) -> bool:
        """Add the option to the plan, or take it out; returns whether it is now planned."""
        if self.planned(option):
            self.plan = [p for p in self.plan if not (p.action == option.action and p.target == option.target)]
            return False
        if not option.available:
            raise IllegalMove(t("play.not_available", label=option.label, why=option.why_not))
        if option.cost > self.time_left:
            raise IllegalMove(t("play.over_budget", label=option.label, cost=option.cost, left=self.time_left))
        self.plan.append(option)
        return True

    def clear(self) -> None:
        self.plan = []

    def end_turn(self) -> TurnOutcome:
        decisions = self.decisions()
        report = self.seat.play_turn(decisions) if self.seat is not None else self.session.play_turn(decisions)
        self.plan = []
        self._changed()
        outcome = TurnOutcome(report)
        self.outcomes.append(outcome)
        return outcome

    def pending_event(self) -> EventView | None:
        return self.session.pending_event()

    def choose(self, index: int) -> ChoiceReport:
        event = self.session.pending_event()
        report = self.seat.choose(index) if self.seat is not None else self.session.choose(index)
        self._changed()
        if event is not None and self.outcomes:
            self.outcomes[-1].choices.append((event, report))
        return report

    def time_up(self) -> TurnOutcome:
        """The workshop's decision time ran out: the turn is played with no action."""
        if self.seat is None:
            raise IllegalMove(t("play.no_time_limit"))
        report = self.seat.time_up()
        self.plan = []
        self._changed()
        outcome = TurnOutcome(report)
        self.outcomes.append(outcome)
        return outcome

    def what_if(self) -> WhatIfJob:
        """The counterfactuals of this game as it stands (started once, in the background)."""
        from game.ui.whatif import WhatIfJob

        session = self.session
        key = (session.scenario_id, session.seed, len(session.log))
        if self._what_if is None or self._what_if.key != key:
            self._what_if = WhatIfJob(session)
        return self._what_if

    def autosave(self) -> None:
        """Write the autosave (or the team's session file) now; moves write it as they happen."""
        from game.session.saves import SaveError

        if self.seat is not None:
            try:
                self.seat.save()
            except OSError as exc:
                from game.session.saves import write_problem

                problem = write_problem(exc, self.seat.path)
                self.session.autosave_error = f"{self.seat.path}: the team's game could not be saved: {problem}"
            return
        if self.session.autosave_path is None or not self.session.history:
            return
        try:
            self.session.autosave_now()
        except SaveError as exc:
            self.session.autosave_error = str(exc)

    def choice_forecast(self, index: int) -> RiskSummary | None:
        """The risk forecast for answering the waiting event with choice ``index``; None when none waits."""
        try:
            found = self.session.forecast_choice(index, rollouts=FORECAST_ROLLOUTS)
        except IllegalMove:
            return None
        return RiskSummary(
            chances={"success": found.outcomes["success"], "partial": found.outcomes["partial"], "failure": found.outcomes["failure"]},
            blockers=(),
            score_low=found.score[0],
            score_high=found.score[2],
        )

    def forecast(self, extra: OptionView | None = None) -> RiskSummary | None:
        """The risk forecast for the plan (plus ``extra``); None when that plan could not be played."""
        if self.session.phase != "decide":
            return None
        try:
            found = self.session.forecast(self.decisions(extra), rollouts=FORECAST_ROLLOUTS)
        except IllegalMove:
            return None
        names = self.session.names.stakeholders
        likely = sorted(
            ((chance, sid) for sid, chance in found.block_chance.items() if chance >= LIKELY_BLOCK), reverse=True
        )
        return RiskSummary(
            chances={"success": found.outcomes["success"], "partial": found.outcomes["partial"], "failure": found.outcomes["failure"]},
            blockers=tuple(f"{names.get(sid, sid)} ({percent(chance)})" for chance, sid in likely),
            score_low=found.score[0],
            score_high=found.score[2],
        )
