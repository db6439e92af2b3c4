"""Risk forecasts in words: a line per action in the menu, and a detailed view on request.

The menu compares each action with doing nothing this turn, so the player sees
what it changes: the chance the game ends in success, in failure, and who is
likely to block. Actions with many possible targets are forecast per target
only on request (``f N``), which keeps each turn quick to draw.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.session import IllegalMove, OptionView, Session
from game.sim.forecast import Forecast
from game.text_ui.render import Terminal, heading, percent, table, wrap

MENU_TARGETS = 3  # forecast each target in the menu when an action has at most this many
LIKELY_BLOCK = 0.2  # a stakeholder "may block" at this chance or more


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
    text = f"success {percent(out['success'])}"
    if baseline is not None:
        delta = round((out["success"] - baseline.outcomes["success"]) * 100)
        text += f" ({delta:+d} vs no action)" if delta else " (same as no action)"
    text += f", partial {percent(out['partial'])}, failure {percent(out['failure'])}"
    who = blockers(session, result)
    text += f"; may block: {who}" if who else "; no blockers likely"
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
    lines: dict[str, list[str]] = {"": [f"Forecast with no action: {summary(session, baseline)}"]}
    for action_id, options in groups:
        open_targets = [o for o in options if o.available and o.cost <= session.budget]
        if not open_targets:
            continue
        if options[0].target is None or len(open_targets) == 1:
            option = open_targets[0]
            result = _try(session, option, rollouts)
            if result is not None:
                which = f" for {option.target_name}" if option.target else ""
                lines[action_id] = [f"Forecast{which}: {summary(session, result, baseline)}"]
        elif len(open_targets) <= MENU_TARGETS:
            lines[action_id] = []
            for option in open_targets:
                result = _try(session, option, rollouts)
                if result is not None:
                    lines[action_id].append(
                        f"Forecast for {option.target_name}: {summary(session, result, baseline)}"
                    )
        else:
            n = [a for a, _ in groups].index(action_id) + 1
            lines[action_id] = [f"Forecast: type f {n} to compare its {len(open_targets)} targets"]
    return lines


def detailed_forecast(session: Session, option: OptionView, rollouts: int, term: Terminal) -> list[str]:
    """Everything the rollouts say about one action (all its targets when none was picked)."""
    try:
        baseline = session.forecast([], rollouts)
    except IllegalMove as problem:
        return [f"No forecast now: {problem}"]
    lines = ["", *heading(f"Forecast: {option.label} ({rollouts} simulated games)", term.width)]
    lines += wrap(
        "Each simulated game plays this turn with the action, then carries on with a balanced "
        "strategy to the end, with fresh luck.",
        term.width,
    )
    result = _try(session, option, rollouts)
    if result is None:
        return [*lines, f"{option.label} cannot be taken now: {option.why_not or 'not available'}."]
    lines += [
        "",
        f"Chance of success {percent(result.outcomes['success'])} "
        f"(no action: {percent(baseline.outcomes['success'])})",
        f"Chance of partial success {percent(result.outcomes['partial'])}",
        f"Chance of failure {percent(result.outcomes['failure'])} "
        f"(no action: {percent(baseline.outcomes['failure'])})",
        f"Final score: 1 game in 10 below {result.score[0]:.0f}, median {result.score[1]:.0f}, "
        f"1 in 10 above {result.score[2]:.0f} (out of 100)",
    ]
    names = {s.id: s.name for s in session.view().stakeholders}
    chances = sorted(((c, names.get(k, k)) for k, c in result.block_chance.items() if c > 0), reverse=True)
    if chances:
        lines += ["Chance each may block this turn:"]
        lines += ["  " + r for r in table([[name, percent(c)] for c, name in chances], align="lr")]
    else:
        lines.append("Nobody would block this turn: the action forces nothing.")
    endings = {e.id: e.title for e in session.scenario.endings}
    likely = sorted(((p, endings.get(k, k)) for k, p in result.endings.items() if p >= 0.005), reverse=True)
    if likely:
        lines += ["Most likely endings:"]
        lines += ["  " + r for r in table([[str(t), percent(p)] for p, t in likely[:4]], align="lr")]
    return lines


def target_comparison(
    session: Session, options: Sequence[OptionView], rollouts: int, term: Terminal
) -> list[str]:
    """One line per target of an action: success and failure chances, and who may block."""
    lines = ["", *heading(f"Forecast by target: {options[0].name} ({rollouts} simulated games each)", term.width)]
    rows = []
    for n, option in enumerate(options, start=1):
        result = _try(session, option, rollouts) if option.available else None
        if result is None:
            rows.append([f"{n:>2}.", option.target_name, f"not available: {option.why_not or 'not now'}"])
            continue
        who = blockers(session, result, 2)
        rows.append(
            [
                f"{n:>2}.",
                option.target_name,
                f"success {percent(result.outcomes['success'])}",
                f"failure {percent(result.outcomes['failure'])}",
                f"may block: {who}" if who else "",
            ]
        )
    return lines + table(rows)
