"""Risk forecasts in words: a line per action in the menu, and a detailed view on request.

The menu compares each action with doing nothing this turn, so the player sees
what it changes: the chance the game ends in success, in failure, and who is
likely to block. Every action is forecast on the same luck, and the later
turns are played two ways, both said in words above the menu: as the player
has played so far (the main figures) and as the advisor would (the success
after ``as the advisor would``). Actions with many possible targets are
forecast per target only on request (``f N``), which keeps each turn quick to draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.i18n import t, t_count
from game.session import IllegalMove, OptionView, Session
from game.session.forecasts import style_words
from game.session.views import LIKELY_BLOCK
from game.sim.forecast import Forecast
from game.text_ui.render import Terminal, heading, percent, table, wrap

MENU_TARGETS = 3  # forecast each target in the menu when an action has at most this many
PLAYER, ADVISOR = "player", "advisor"  # the two continuations every forecast shows


def blockers(session: Session, result: Forecast, limit: int = 3) -> str:
    """``GP federation 45%, County council 22%``: who may block this turn, most likely first."""
    names = {s.id: s.name for s in session.view().stakeholders}
    likely = sorted(
        ((chance, names.get(sid, sid)) for sid, chance in result.block_chance.items() if chance >= LIKELY_BLOCK),
        reverse=True,
    )
    return ", ".join(f"{name} {percent(chance)}" for chance, name in likely[:limit])


def summary(session: Session, result: Forecast, baseline: Forecast | None = None,
            advisor: Forecast | None = None) -> str:
    """Success, partial and failure chances (with the change against doing nothing), the success if the
    later turns are played as the advisor would, and likely blockers."""
    out = result.outcomes
    text = t("text.fc.success", p=percent(out["success"]))
    if baseline is not None:
        delta = round((out["success"] - baseline.outcomes["success"]) * 100)
        text += t_count("text.fc.versus", abs(delta), delta=f"{delta:+d}") if delta else t("text.fc.same")
    text += t("text.fc.rest", partial=percent(out["partial"]), failure=percent(out["failure"]))
    if advisor is not None:
        text += t("text.fc.advisor", p=percent(advisor.outcomes["success"]))
    who = blockers(session, result)
    text += t("text.fc.may_block", names=who) if who else t("text.fc.no_blockers")
    return text


def _try(session: Session, option: OptionView, rollouts: int, continuation: str = PLAYER) -> Forecast | None:
    try:
        return session.forecast([option.decision], rollouts, continuation)
    except IllegalMove:
        return None


def assumptions(session: Session) -> str:
    """What the forecasts assume for the later turns: carrying on as so far, and as the advisor would."""
    words = {c: style_words(session.engine, session.forecast_style(c), session.lang) for c in (PLAYER, ADVISOR)}
    return t("text.fc.assumes", player=words[PLAYER], advisor=words[ADVISOR])


def menu_forecasts(
    session: Session, groups: Sequence[tuple[str, Sequence[OptionView]]], rollouts: int
) -> dict[str, list[str]]:
    """Per action id, forecast lines for the action menu (under "" the no-action baseline);
    empty when forecasts are off."""
    if rollouts <= 0 or session.phase != "decide":
        return {}
    # Every plan the menu shows, in one batch per continuation (the same luck for all).
    shown = [o for _, options in groups for o in options if o.available and o.cost <= session.budget]
    for continuation in (PLAYER, ADVISOR):
        session.forecast_plans([[], *([o.decision] for o in shown)], rollouts, continuation)
    baseline = session.forecast([], rollouts, PLAYER)
    base_advisor = session.forecast([], rollouts, ADVISOR)
    lines: dict[str, list[str]] = {"": [
        assumptions(session),
        t("text.fc.baseline", summary=summary(session, baseline, advisor=base_advisor)),
    ]}
    for action_id, options in groups:
        open_targets = [o for o in options if o.available and o.cost <= session.budget]
        if not open_targets:
            continue
        if options[0].target is None or len(open_targets) == 1:
            option = open_targets[0]
            result = _try(session, option, rollouts)
            if result is not None:
                summary_text = summary(session, result, baseline, _try(session, option, rollouts, ADVISOR))
                lines[action_id] = [
                    t("text.fc.for_target", target=option.target_name, summary=summary_text)
                    if option.target
                    else t("text.fc.line", summary=summary_text)
                ]
        elif len(open_targets) <= MENU_TARGETS:
            lines[action_id] = []
            for option in open_targets:
                result = _try(session, option, rollouts)
                if result is not None:
                    advisor = _try(session, option, rollouts, ADVISOR)
                    lines[action_id].append(
                        t("text.fc.for_target", target=option.target_name,
                          summary=summary(session, result, baseline, advisor))
                    )
        else:
            n = [a for a, _ in groups].index(action_id) + 1
            lines[action_id] = [t_count("text.fc.compare", len(open_targets), n=n, count=len(open_targets))]
    return lines


def detailed_forecast(session: Session, option: OptionView, rollouts: int, term: Terminal) -> list[str]:
    """Everything the rollouts say about one action (all its targets when none was picked)."""
    try:
        baseline = session.forecast([], rollouts, PLAYER)
        base_advisor = session.forecast([], rollouts, ADVISOR)
    except IllegalMove as problem:
        return [t("text.fc.none_now", problem=problem)]
    lines = ["", *heading(t_count("text.fc.detail_title", rollouts, label=option.label, games=rollouts), term.width)]
    lines += wrap(t("text.fc.method_two"), term.width)
    for continuation in (PLAYER, ADVISOR):
        lines += wrap("- " + style_words(session.engine, session.forecast_style(continuation), session.lang), term.width)
    result = _try(session, option, rollouts)
    if result is None:
        return [*lines, t("text.fc.cannot", label=option.label, why=option.why_not or t("text.fc.unavailable"))]
    advisor = _try(session, option, rollouts, ADVISOR)
    lines += [
        "",
        t("text.fc.as_so_far", p=percent(result.outcomes["success"]), base=percent(baseline.outcomes["success"])),
        t("text.fc.as_advisor", p=percent(advisor.outcomes["success"] if advisor else 0.0),
          base=percent(base_advisor.outcomes["success"])),
        t("text.fc.chance_partial", p=percent(result.outcomes["partial"])),
        t("text.fc.chance_failure", p=percent(result.outcomes["failure"]), base=percent(baseline.outcomes["failure"])),
        t(
            "text.fc.score",
            low=f"{result.score[0]:.0f}",
            median=f"{result.score[1]:.0f}",
            high=f"{result.score[2]:.0f}",
        ),
    ]
    names = {s.id: s.name for s in session.view().stakeholders}
    chances = sorted(((c, names.get(k, k)) for k, c in result.block_chance.items() if c > 0), reverse=True)
    if chances:
        lines += [t("text.fc.block_chances")]
        lines += ["  " + r for r in table([[name, percent(c)] for c, name in chances], align="lr")]
    else:
        lines.append(t("text.fc.nobody"))
    endings = {e.id: session.names.text(e.title) for e in session.scenario.endings}
    likely = sorted(((p, endings.get(k, k)) for k, p in result.endings.items() if p >= 0.005), reverse=True)
    if likely:
        lines += [t("text.fc.endings")]
        lines += ["  " + r for r in table([[str(title), percent(p)] for p, title in likely[:4]], align="lr")]
    return lines


def target_comparison(
    session: Session, options: Sequence[OptionView], rollouts: int, term: Terminal
) -> list[str]:
    """One line per target of an action: success and failure chances, and who may block."""
    lines = ["", *heading(t_count("text.fc.by_target", rollouts, name=options[0].name, games=rollouts), term.width)]
    rows = []
    for n, option in enumerate(options, start=1):
        result = _try(session, option, rollouts) if option.available else None
        if result is None:
            rows.append([f"{n:>2}.", option.target_name, t("text.fc.target_unavailable", why=option.why_not or t("text.not_now"))])
            continue
        who = blockers(session, result, 2)
        rows.append(
            [
                f"{n:>2}.",
                option.target_name,
                t("text.fc.success", p=percent(result.outcomes["success"])),
                t("text.fc.failure", p=percent(result.outcomes["failure"])),
                t("text.fc.may_block_cell", names=who) if who else "",
            ]
        )
    return lines + table(rows)


@dataclass(frozen=True)
class Outlook:
    """One line's forecast on the turn screen: the chance of success if the player takes an action
    (its best target's, when it has several) or gives an answer, and what it changes."""

    success: float
    change: float  # against no action (an action) or against the best other answer (an event choice)
    block: float = 0.0  # the likeliest blocker's chance this turn
    target_name: str = ""  # the best target, when the action has several open
    other: int = 0  # the 1-based number of the answer compared with (event choices)


def action_outlooks(
    session: Session, groups: Sequence[tuple[str, Sequence[OptionView]]], rollouts: int
) -> tuple[float | None, dict[str, Outlook]]:
    """The success if the player takes no action, and per action id its best open target's outlook
    (as the player has played so far); ``(None, {})`` when forecasts are off."""
    if rollouts <= 0 or session.phase != "decide":
        return None, {}
    shown = [o for _, options in groups for o in options if o.available and o.cost <= session.budget]
    found = session.forecast_plans([[], *([o.decision] for o in shown)], rollouts, PLAYER)
    baseline = found[0]
    if baseline is None:
        return None, {}
    base = baseline.outcomes["success"]
    best: dict[str, Outlook] = {}
    for option, result in zip(shown, found[1:], strict=True):
        if result is None:
            continue
        success = result.outcomes["success"]
        kept = best.get(option.action)
        if kept is not None and kept.success >= success:
            continue
        several = sum(1 for o in shown if o.action == option.action) > 1
        best[option.action] = Outlook(
            success, success - base, max(result.block_chance.values(), default=0.0),
            option.target_name if several else "",
        )
    return base, best


def choice_outlooks(session: Session, choices: int, rollouts: int) -> list[Outlook]:
    """Each answer's chance of success, and its difference against the best of the other answers
    (every answer faces the same luck); empty when forecasts are off."""
    if rollouts <= 0 or choices < 1:
        return []
    try:
        success = [session.forecast_choice(i, rollouts).outcomes["success"] for i in range(choices)]
    except IllegalMove:
        return []
    out = []
    for i, p in enumerate(success):
        others = [(q, j) for j, q in enumerate(success) if j != i]
        if not others:
            out.append(Outlook(p, 0.0))
            continue
        q, j = max(others)
        out.append(Outlook(p, p - q, other=j + 1))
    return out
