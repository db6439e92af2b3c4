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
from game.session.forecasts import style_words
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
    from game.ui.forecast_job import ForecastJob
    from game.ui.whatif import WhatIfJob
    from game.workshop.seat import TeamSeat

__all__ = ["IllegalMove", "Playthrough", "TurnOutcome"]

# Every plan of a turn is forecast on the same luck, so 100 rollouts tell plans apart far better than the
# ±10 points (95%) of one chance alone; the plan and every option under both continuations then take about
# a second on the flagship (benchmarks/forecast_spread.py), worked out off the frame loop (ForecastJob).
FORECAST_ROLLOUTS = 100


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
        self._forecast_job: ForecastJob | None = None
        self._job_seen = True  # the last finished job has been drawn
        self._cards_seen = True  # the cards have been drawn with the last job's first half

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

    def _job_key(self) -> tuple[int, tuple[str, ...]]:
        return (len(self.session.log), tuple(sorted(str(d) for d in self.decisions())))

    def prefetch_forecasts(self) -> None:
        """Start working out, off the frame loop, the forecast of the plan and of the plan plus each option
        still open, under both continuations (once per plan)."""
        if self.session.phase != "decide" or not self.forecasts_allowed:
            return
        key = self._job_key()
        if self._forecast_job is not None and self._forecast_job.key == key:
            return
        from game.ui.forecast_job import ForecastJob

        left = self.time_left
        extras = [o for o in self.options() if o.available and not self.planned(o) and o.cost <= left]
        plans = [self.decisions(), *(self.decisions(o) for o in extras)]
        self._forecast_job = ForecastJob(self.session, key, plans, FORECAST_ROLLOUTS)
        self._job_seen = False
        self._cards_seen = False

    def forecasts_arrived(self) -> bool:
        """True once, when the background forecasts have just finished (the screen redraws)."""
        job = self._forecast_job
        if job is None or self._job_seen:
            return False
        if not self._cards_seen and job.first_done:  # the cards' half: they can show their chances now
            self._cards_seen = True
            self._job_seen = job.done
            return True
        if not job.done:
            return False
        self._job_seen = True
        return True

    def forecast_job(self) -> ForecastJob | None:
        """The background job working out this turn's forecasts, if one was started."""
        return self._forecast_job

    def card_chance(self, options: list[OptionView]) -> tuple[float, str] | None:
        """The best chance of success among ``options`` (one action's targets) still open, as the player has
        played so far, and that target's name; None until the background job has it (never computed here,
        so the frame loop never waits for it)."""
        job = self._forecast_job
        if job is None or job.key != self._job_key() or not job.first_done or job.error:
            return None
        left = self.time_left
        best: tuple[float, str] | None = None
        for option in options:
            if not option.available or self.planned(option) or option.cost > left:
                continue
            found = self.session.cached_forecast(self.decisions(option), FORECAST_ROLLOUTS, "player")
            if found is not None and (best is None or found.outcomes["success"] > best[0]):
                best = (found.outcomes["success"], option.target_name)
        return best

    def _pending(self) -> bool:
        job = self._forecast_job
        return job is not None and job.key == self._job_key() and not job.done

    def forecasts_pending(self) -> bool:
        """Whether background forecasts are being worked out (the screen should look again soon)."""
        return self._forecast_job is not None and not self._job_seen

    def forecast(self, extra: OptionView | None = None) -> RiskSummary | None:
        """The risk forecast for the plan (plus ``extra``): as the player has played so far, with the
        advisor's continuation beside it; None when that plan could not be played. While the background
        job works on it, a summary marked ``pending``."""
        if self.session.phase != "decide":
            return None
        decisions = self.decisions(extra)
        if self._pending():
            return RiskSummary({}, (), 0.0, 0.0, pending=True)
        try:
            found = self.session.forecast(decisions, rollouts=FORECAST_ROLLOUTS, continuation="player")
            advisor = self.session.forecast(decisions, rollouts=FORECAST_ROLLOUTS, continuation="advisor")
        except IllegalMove:
            return None
        names = self.session.names.stakeholders
        likely = sorted(
            ((chance, sid) for sid, chance in found.block_chance.items() if chance >= LIKELY_BLOCK), reverse=True
        )
        engine, lang = self.session.engine, self.session.lang
        return RiskSummary(
            chances={"success": found.outcomes["success"], "partial": found.outcomes["partial"], "failure": found.outcomes["failure"]},
            blockers=tuple(f"{names.get(sid, sid)} ({percent(chance)})" for chance, sid in likely),
            score_low=found.score[0],
            score_high=found.score[2],
            advisor={k: advisor.outcomes[k] for k in ("success", "partial", "failure")},
            assumptions=(style_words(engine, self.session.forecast_style("player"), lang),
                         style_words(engine, self.session.forecast_style("advisor"), lang)),
        )
