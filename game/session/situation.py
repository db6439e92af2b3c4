"""What the player sees, read from the engine's arrays into plain views.

Only these functions and the session itself read engine state; every value
they return is a Python number, string or view.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.i18n import translate, translate_count
from game.scenario.schema import Scenario
from game.session.views import (
    MetricView,
    OptionView,
    Phase,
    ProgrammeView,
    Snapshot,
    StakeholderView,
    StateView,
)
from game.session.wording import Namer, date_label
from game.sim import legality
from game.sim.decisions import Decision, IllegalMove
from game.sim.engine import Engine
from game.sim.state import State


def snapshot(engine: Engine, state: State, run: int = 0) -> Snapshot:
    """The numbers of one run, keyed by id."""
    ids = engine.stakeholders
    return Snapshot(
        trust={k: float(v) for k, v in zip(ids, state.trust[run], strict=True)},
        support={k: float(v) for k, v in zip(ids, state.support[run], strict=True)},
        grievance={k: float(v) for k, v in zip(ids, state.grievance[run], strict=True)},
        blocked={k: bool(v) for k, v in zip(ids, state.blocked[run], strict=True)},
        red_line={k: red_line_known(engine, state, run, i) for i, k in enumerate(ids)},
        progress={k: float(v) for k, v in zip(engine.programmes, state.progress[run], strict=True)},
        metrics={k: float(v) for k, v in zip(engine.metrics, state.metrics[run], strict=True)},
        flags={name: float(state.flags[run, i]) for name, i in engine.cs.flag_index.items()},
        score=float(engine.score(state)[run]),
        dropped={k: bool(v) for k, v in zip(engine.programmes, state.dropped[run], strict=True)},
    )


def red_line_known(engine: Engine, state: State, run: int, i: int) -> str:
    """What the player knows of stakeholder ``i``'s red line: "" when it cannot hold one,
    "unknown" until found out, then "holds" while it blocks pushes, else "none"."""
    if engine.cs.red_line_chance[i] <= 0:
        return ""
    if not state.revealed[run, i]:
        return "unknown"
    holding = state.red_line[run, i] and state.support[run, i] < engine.cs.params.red_line_support
    return "holds" if holding else "none"


def _why_not(
    engine: Engine, state: State, option_index: int, over: bool, lang: str | None = None, every_target: bool = False
) -> str:
    """Why an option cannot be taken now, in words; with ``every_target``, why its action
    cannot be taken for any target (the condition about "the stakeholder", not one of them)."""
    option = engine.options[option_index]
    if over:
        return translate(lang, "session.why.over")
    if option.cost > engine.budget:
        return translate(lang, "session.why.cost", cost=option.cost, budget=engine.budget)
    left = int(state.cooldown[0, option.action_index])
    if left > 0:
        return translate_count(lang, "session.why.cooldown", left, turns=left)
    programme = int(engine.cs.option_programme[option_index])
    if programme >= 0 and state.dropped[0, programme]:
        return translate(lang, "session.why.dropped")
    if engine.cs.action_available[option.action_index] is None:
        return translate(lang, "session.why.not_now")
    if every_target and option.target_index >= 0:
        return legality.action_reason(engine.cs, state, 0, option.action_index, lang)
    return legality.condition_reason(engine.cs, state, 0, option_index, lang)


def option_views(engine: Engine, state: State, names: Namer, over: bool) -> list[OptionView]:
    """Every (action, target) pair this turn, with whether it can be taken and why not."""
    available = engine.available(state)[0]
    actions = engine.scenario.actions
    said: dict[int, str] = {}

    def every_target(index: int, action_index: int) -> str:
        # The same for every target of an action: worded once.
        if action_index not in said:
            said[action_index] = _why_not(engine, state, index, over, names.lang, every_target=True)
        return said[action_index]

    out = []
    for option in engine.options:
        action = actions[option.action_index]
        ok = bool(available[option.index]) and not over
        target_name = ""
        if option.target:
            target_name = names.subject("progress" if action.target == "programme" else "trust", option.target)
        out.append(
            OptionView(
                action=option.action,
                name=names.text(action.name),
                description=names.text(action.description),
                target=option.target,
                target_name=target_name,
                cost=option.cost,
                stance=action.stance,
                available=ok,
                why_not="" if ok else _why_not(engine, state, option.index, over, names.lang),
                why_not_action="" if ok else every_target(option.index, option.action_index),
                hint=names.text(action.hint) if action.hint else "",
                separator=translate(names.lang, "session.label_separator"),
            )
        )
    return out


def state_view(
    scenario: Scenario,
    names: Namer,
    now: Snapshot,
    before: Snapshot,
    turn: int,
    phase: Phase,
    lang: str | None,
    hint: str = "",
) -> StateView:
    """The situation now; each change is against ``before`` (the start of the last turn played).

    ``hint`` is the hint this game shows this turn (see ``Session.shown_hint``)."""
    meta = scenario.meta
    stakeholders = tuple(
        StakeholderView(
            id=sh.id,
            name=names.stakeholders[sh.id],
            short=names.text(sh.short),
            kind=sh.kind,
            power=sh.power,
            trust=now.trust[sh.id],
            support=now.support[sh.id],
            grievance=now.grievance[sh.id],
            blocked=now.blocked[sh.id],
            red_line=now.red_line[sh.id],
            trust_change=now.trust[sh.id] - before.trust[sh.id],
            support_change=now.support[sh.id] - before.support[sh.id],
            kind_name=names.text(declared.name) if (declared := scenario.declared_kind(sh.kind)) else "",
            symbol=declared.symbol if declared else "",
        )
        for sh in scenario.stakeholders
    )
    metrics = tuple(
        MetricView(
            id=m.id,
            name=names.metrics[m.id],
            unit=names.units[m.id],
            value=now.metrics[m.id],
            target=m.target,
            minimum=m.min,
            maximum=m.max,
            higher_is_better=m.higher_is_better,
            trend=now.metrics[m.id] - before.metrics[m.id],
        )
        for m in scenario.metrics
    )
    programmes = tuple(
        ProgrammeView(
            id=p.id,
            name=(translate(names.lang, "programme.dropped_name", name=names.programmes[p.id])
                  if now.dropped.get(p.id) else names.programmes[p.id]),
            progress=now.progress[p.id],
            change=now.progress[p.id] - before.progress[p.id],
            dropped=now.dropped.get(p.id, False),
        )
        for p in scenario.programmes
    )
    return StateView(
        turn=turn,
        turns=meta.turns,
        turn_label=names.text(meta.turn_label),
        date_label=date_label(scenario, min(turn, meta.turns), lang),
        leadership_time=meta.leadership_time,
        phase=phase,
        stakeholders=stakeholders,
        metrics=metrics,
        programmes=programmes,
        flags=dict(now.flags),
        hint=hint if phase == "decide" else "",
    )


def plain_mask(engine: Engine, state: State, decisions: Sequence[Decision]) -> NDArray[np.bool_] | None:
    """The decisions as the engine's (1, O) choice mask when each is an option open this turn, named
    once, and together within the budget; else None, and :func:`choice_mask` says what is wrong.
    (It reads the engine's arrays only: no option is put into words.)"""
    available = engine.available(state)[0]
    chosen = np.zeros((1, len(engine.options)), dtype=bool)
    spent = 0
    for d in decisions:
        try:
            index = engine.option_index(d)
        except IllegalMove:
            return None
        if chosen[0, index] or not available[index]:
            return None
        chosen[0, index] = True
        spent += engine.options[index].cost
    return chosen if spent <= engine.budget else None


def choice_mask(
    engine: Engine, options: Sequence[OptionView], names: Namer, decisions: Sequence[Decision]
) -> NDArray[np.bool_]:
    """The decisions as the engine's (1, O) choice mask, or IllegalMove with a message for the player.

    ``options`` are this turn's option views (in the engine's option order).
    """
    lang = names.lang
    by_pair = {(o.action, o.target): (i, o) for i, o in enumerate(options)}
    actions = {a.id: a for a in engine.scenario.actions}
    chosen = np.zeros((1, len(options)), dtype=bool)
    spent = 0
    for d in decisions:
        action = actions.get(d.action)
        if action is None:
            raise IllegalMove(translate(lang, "session.no_action", action=d.action))
        name = names.actions[d.action]
        if action.target == "none" and d.target is not None:
            raise IllegalMove(translate(lang, "session.no_target", name=name))
        if action.target != "none" and d.target is None:
            raise IllegalMove(translate(lang, "session.needs_target", name=name, kind=action.target))
        found = by_pair.get((d.action, d.target))
        if found is None:
            raise IllegalMove(translate(lang, "session.bad_target", name=name, target=d.target, kind=action.target))
        index, option = found
        if chosen[0, index]:
            raise IllegalMove(translate(lang, "session.twice", label=option.label))
        if not option.available:
            raise IllegalMove(translate(lang, "play.not_available", label=option.label, why=option.why_not))
        chosen[0, index] = True
        spent += option.cost
    if spent > engine.budget:
        raise IllegalMove(translate(lang, "session.over_budget", spent=spent, budget=engine.budget))
    return chosen
