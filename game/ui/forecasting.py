"""What an action card and the plan say before the player commits: cost, effect and risk.

The risk forecast (chance of each outcome class, who is likely to block, the
score band) comes from the session's Monte Carlo rollouts; the settings can
hide it, as a workshop may want players to judge risk unaided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.i18n import percent, t
from game.session.views import OptionView
from game.ui import text
from game.ui.widgets.base import Tooltip, Widget, WidgetState
from game.ui.widgets.cards import CardSpec, Line, painter

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.play import Playthrough
    from game.ui.theme import Theme

def stance_explained(stance: str) -> str:
    """One sentence on what a partnership move, a push or a neutral move means."""
    return t(f"stance.{stance}.explained") if stance in ("partner", "push", "neutral") else ""


def outcome_word(outcome: str) -> str:
    """``success`` as the player reads it, in lower case for running text."""
    return t(f"outcome.{outcome}.short") if outcome in ("success", "partial", "failure") else outcome


@dataclass(frozen=True)
class RiskSummary:
    """A forecast in the words the UI shows."""

    chances: dict[str, float]  # success / partial / failure -> share of rollouts (as the player has played so far)
    blockers: tuple[str, ...]  # names of stakeholders likely to block, most likely first
    score_low: float
    score_high: float
    advisor: dict[str, float] = field(default_factory=dict)  # the same chances if the later turns go as the advisor would
    assumptions: tuple[str, ...] = ()  # what each continuation assumes, in words (as so far, as the advisor would)
    pending: bool = False  # still being worked out in the background

    def line(self) -> str:
        if self.pending:
            return t("forecast.pending")
        if self.advisor:
            return t("forecast.pair", player=percent(self.chances["success"]), advisor=percent(self.advisor["success"]))
        return t("forecast.line", chances=self.chances_line(), low=f"{self.score_low:.0f}", high=f"{self.score_high:.0f}")

    def chances_line(self, chances: dict[str, float] | None = None) -> str:
        shown = self.chances if chances is None else chances
        return " · ".join(f"{outcome_word(name)} {percent(share)}" for name, share in shown.items())


def risk(app: App, play: Playthrough, extra: OptionView | None = None) -> RiskSummary | None:
    """The forecast for the plan (plus ``extra``), or None when hidden or not available."""
    if not shown(app, play):
        return None
    return play.forecast(extra)


def shown(app: App, play: Playthrough) -> bool:
    """Forecasts show unless the player's setting or the workshop hides them."""
    return app.settings.show_forecasts and play.forecasts_allowed


def hidden_words(play: Playthrough) -> str:
    return t("forecast.hidden_workshop") if not play.forecasts_allowed else t("forecast.hidden_setting")


def _risk_lines(summary: RiskSummary | None, hidden: str, *, assumptions: bool = True) -> list[Line]:
    if hidden:
        return [Line(hidden, "small")]
    if summary is None:
        return [Line(t("forecast.unplayable"), "small")]
    if summary.pending:
        return [Line(t("forecast.pending"), "small")]
    if summary.advisor:
        lines = [Line(t("forecast.heading_two"), "small_bold")]
        lines.append(Line(t("forecast.as_so_far", chances=summary.chances_line())))
        lines.append(Line(t("forecast.as_advisor", chances=summary.chances_line(summary.advisor))))
        if assumptions:  # the plan's card says what each way of playing on assumes; an option's card stays short
            lines.extend(Line(words, "small") for words in summary.assumptions)
    else:
        lines = [Line(t("forecast.heading"), "small_bold"), Line(summary.chances_line())]
    lines.append(Line(t("forecast.score_band", low=f"{summary.score_low:.0f}", high=f"{summary.score_high:.0f}")))
    if summary.blockers:
        lines.append(Line(t("forecast.blockers", names=", ".join(summary.blockers[:4]))))
    else:
        lines.append(Line(t("forecast.no_blockers")))
    return lines


def choice_lines(summary: RiskSummary | None, hidden: str) -> list[Line]:
    """An event choice's forecast, for its tooltip."""
    if hidden:
        return [Line(hidden, "small")]
    if summary is None:
        return []
    return [
        Line(t("forecast.choice_heading"), "small_bold"),
        Line(summary.chances_line()),
        Line(t("forecast.score_band", low=f"{summary.score_low:.0f}", high=f"{summary.score_high:.0f}")),
    ]


def option_tooltip(app: App, play: Playthrough, option: OptionView, *, brief: bool = False) -> Tooltip:
    """An option's card: what it costs and does, and its forecast; ``brief`` (a target in the picker, whose
    action's card said what it does) leaves the description out, so the card stays clear of the map."""
    lines = [Line(option.label, "body_bold")]
    if not brief:
        lines.append(Line(t("action.costs", cost=option.cost, stance=stance_explained(option.stance))))
    if option.description and not brief:
        lines.append(Line(option.description))
    if not option.available:
        lines.append(Line(t("action.not_available", why=option.why_not), "small_bold"))
        return painter(CardSpec(lines))
    if option.hint:
        lines.append(Line(t("action.hint", hint=option.hint)))
    if not play.planned(option) and option.cost > play.time_left:
        lines.append(Line(t("action.over_budget", left=play.time_left), "small_bold"))
        return painter(CardSpec(lines))
    hidden = "" if shown(app, play) else hidden_words(play)
    return _lazy(lines, lambda: _risk_lines(None if hidden else risk(app, play, option), hidden, assumptions=False))


def action_tooltip(app: App, play: Playthrough, options: Sequence[OptionView]) -> Tooltip:
    first = options[0]
    if first.target is None:
        return option_tooltip(app, play, first)
    lines = [Line(first.name, "body_bold"), Line(t("action.costs", cost=first.cost, stance=stance_explained(first.stance)))]
    if first.description:
        lines.append(Line(first.description))
    available = [o for o in options if o.available]
    if not available:
        lines.append(Line(t("action.not_available", why=first.why_not_action or first.why_not), "small_bold"))
    elif all(o.cost > play.time_left for o in available) and not any(play.planned(o) for o in options):
        lines.append(Line(t("action.over_budget", left=play.time_left), "small_bold"))
    else:
        lines.append(Line(t("action.pick_target"), "small_bold"))
        best = play.card_chance(list(options)) if shown(app, play) else None
        if best is not None:
            lines.append(Line(t("action.best_target", name=best[1], chance=percent(best[0]))))
    if first.hint:
        lines.append(Line(t("action.hint", hint=first.hint)))
    return painter(CardSpec(lines))


def _lazy(lines: list[Line], more: Callable[[], list[Line]]) -> Tooltip:
    """A card whose forecast lines are computed only when the card is first shown (and again while the
    forecast is still being worked out in the background)."""
    cached: list[Line] = []

    def paint(theme: Theme, width: int) -> pygame.Surface:
        if not cached:
            found = more()
            if any(line.words == t("forecast.pending") for line in found):
                return painter(CardSpec([*lines, *found]))(theme, width)
            cached.extend(found)
        return painter(CardSpec([*lines, *cached]))(theme, width)

    return paint


class PlanSummary(Widget):
    """The footer's account of the plan: what is planned and, when shown, its forecast."""

    def __init__(self, rect: pygame.Rect, planned: str, forecast: str, tooltip: Tooltip) -> None:
        super().__init__(rect, tooltip=tooltip, key="plan")
        self.planned = planned
        self.forecast = forecast

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))
        bold, small = theme.font("small_bold"), theme.font("small")
        text.draw(surface, text.fit(self.planned, bold, self.rect.width), bold, theme.colour("text"), (self.rect.left, self.rect.centery), "bottomleft")
        text.draw(surface, text.fit(self.forecast, small, self.rect.width), small, theme.colour("text_muted"), (self.rect.left, self.rect.centery), "topleft")


def plan_summary(app: App, play: Playthrough, rect: pygame.Rect) -> PlanSummary:
    if play.plan:
        planned = t("plan.list", items=t("fmt.list_separator").join(o.label for o in play.plan))
    else:
        planned = t("plan.empty")
    hidden = "" if shown(app, play) else hidden_words(play)
    summary = None if hidden else risk(app, play)
    if hidden:
        forecast = hidden
    elif summary is None:
        forecast = t("plan.no_forecast")
    else:
        forecast = t("plan.forecast", line=summary.line())
    lines = [Line(t("plan.heading"), "body_bold")]
    lines.extend(Line(t("plan.item", label=o.label, cost=o.cost)) for o in play.plan)
    lines.extend(_risk_lines(summary, hidden))
    return PlanSummary(rect, planned, forecast, painter(CardSpec(lines)))
