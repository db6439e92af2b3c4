"""Risk forecasts in words: a line per action in the menu, and a detailed view on request.

The menu compares each action with doing nothing this turn, so the player sees
what it changes: the chance the game ends in success, in failure, and who is
likely to block. Actions with many possible targets are forecast per target
only on request (``f N``), which keeps each turn quick to draw.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n import t, t_count
from game.session import IllegalMove, OptionView, Session
from game.session.views import LIKELY_BLOCK
from game.sim.forecast import Forecast
from game.text_ui.render import Terminal, heading, percent, table, wrap

MENU_TARGETS = 3  # forecast each target in the menu when an action has at most this many


def blockers(session: Session, result: Forecast, limit: int = 3) -> str:
    """``GP federation 45%, County council 22%``: who may block this turn, most likely first."""
    names = {s.id: s.name for s in session.view().stakeholders}
    likely = sorted(
        ((chance, names.get(sid, sid)) for sid, chance in result.block_chance.items() if chance >= LIKELY_BLOCK),
        reverse=True,
    )
    return ", ".join(f"{name} {percent(chance)}" for chance, name in likely[:limit])


def summary(session: Session, result: Forecast, baseline: Forecast | None = None) -> str:
    """Success, partial and failure chances (with the change against doing nothing) and likely blockers."""
    out = result.outcomes
    text = t("text.fc.success", p=percent(out["success"]))
    if baseline is not None:
        delta = round((out["success"] - baseline.outcomes["success"]) * 100)
        text += t_count("text.fc.versus", abs(delta), delta=f"{delta:+d}") if delta else t("text.fc.same")
    text += t("text.fc.rest", partial=percent(out["partial"]), failure=percent(out["failure"]))
    who = blockers(session, result)
    text += t("text.fc.may_block", names=who) if who else t("text.fc.no_blockers")
    return text


def _try(session: Session, option: OptionView, rollouts: int) -> Forecast | None:
    try:
        return session.forecast([option.decision], rollouts)
    except IllegalMove:
        return None


def menu_forecasts(
    session: Session, groups: Sequence[tuple[str, Sequence[OptionView]]], rollouts: int
) -> dict[str, list[str]]:
    """Per action id, forecast lines for the action menu (under "" the no-action baseline);
    empty when forecasts are off."""
    if rollouts <= 0 or session.phase != "decide":
        return {}
    baseline = session.forecast([], rollouts)
    lines: dict[str, list[str]] = {"": [t("text.fc.baseline", summary=summary(session, baseline))]}
    for action_id, options in groups:
        open_targets = [o for o in options if o.available and o.cost <= session.budget]
        if not open_targets:
            continue
        if options[0].target is None or len(open_targets) == 1:
            option = open_targets[0]
            result = _try(session, option, rollouts)
            if result is not None:
                summary_text = summary(session, result, baseline)
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
                    lines[action_id].append(
                        t("text.fc.for_target", target=option.target_name, summary=summary(session, result, baseline))
                    )
        else:
            n = [a for a, _ in groups].index(action_id) + 1
            lines[action_id] = [t_count("text.fc.compare", len(open_targets), n=n, count=len(open_targets))]
    return lines


def detailed_forecast(session: Session, option: OptionView, rollouts: int, term: Terminal) -> list[str]:
    """Everything the rollouts say about one action (all its targets when none was picked)."""
    try:
        baseline = session.forecast([], rollouts)
    except IllegalMove as problem:
        return [t("text.fc.none_now", problem=problem)]
    lines = ["", *heading(t_count("text.fc.detail_title", rollouts, label=option.label, games=rollouts), term.width)]
    lines += wrap(
        t("text.fc.method"),
        term.width,
    )
    result = _try(session, option, rollouts)
    if result is None:
        return [*lines, t("text.fc.cannot", label=option.label, why=option.why_not or t("text.fc.unavailable"))]
    lines += [
        "",
        t("text.fc.chance_success", p=percent(result.outcomes["success"]), base=percent(baseline.outcomes["success"])),
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
