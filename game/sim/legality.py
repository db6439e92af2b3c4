"""Which options a turn may contain, and why not: availability and the checks
behind ``Engine.check`` (messages are for the player)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.i18n import counted, translate
from game.scenario.expression_compiler import holds
from game.scenario.language import localise
from game.scenario.phrasing import Lookup, unavailable_reason
from game.sim.compiled import CompiledScenario
from game.sim.decisions import IllegalMove
from game.sim.env import BatchEnv, StateEnv, TargetEnv, holds_in
from game.sim.state import State

B = NDArray[np.bool_]


def available(cs: CompiledScenario, state: State, vectorisable: Sequence[bool]) -> B:
    """(R, O): availability condition, cooldown, cost within the turn's
    leadership time, and the game not over."""
    r = state.runs
    # Built column by column (Fortran order): each action's options are
    # consecutive columns, and every condition below applies to whole columns.
    ok = np.take((state.cooldown == 0).T, cs.option_action, axis=0).T
    if state.ended.any():
        ok &= (~state.ended)[:, None]
    too_dear = np.flatnonzero(cs.option_cost > cs.budget)
    if too_dear.size:
        ok[:, too_dear] = False
    # Values the same in every run are read once (conditions only say where they hold).
    env = BatchEnv(cs, state)
    for a_index, expr in enumerate(cs.action_available):
        if expr is None:
            continue
        cols = _columns(np.flatnonzero(cs.option_action == a_index))
        if not any(ns != "" and key == "target" for ns, key in expr.references):
            ok[:, cols] &= holds_in(expr, env, r)[:, None]
        elif vectorisable[a_index]:
            # One evaluation for every target at once: (R, T) (or (1, T) the same in every run).
            ok[:, cols] &= holds(expr, TargetEnv(cs, state))
        else:
            for col in np.arange(cs.option_action.shape[0])[cols]:
                ok[:, col] &= holds_in(expr, BatchEnv(cs, state, cs.options[col].target_index), r)
    if state.dropped.any():
        # No action targets an abandoned programme.
        on_programme = np.flatnonzero(cs.option_programme >= 0)
        ok[:, on_programme] &= ~state.dropped[:, cs.option_programme[on_programme]]
    return ok


def _columns(cols: NDArray[np.intp]) -> slice | NDArray[np.intp]:
    """Option columns as a slice when they are consecutive (a view, not a copy)."""
    if cols.size and int(cols[-1]) - int(cols[0]) == cols.size - 1:
        return slice(int(cols[0]), int(cols[-1]) + 1)
    return cols


def label(cs: CompiledScenario, index: int) -> str:
    """An option in words: the action's name, with its target's name."""
    sc = cs.scenario
    option = cs.options[index]
    name = localise(sc.actions[option.action_index].name, fallback=sc.meta.language)
    if option.target_index < 0:
        return name
    kind = cs.action_target_kind[option.action_index]
    things = sc.stakeholders if kind == "stakeholder" else sc.programmes
    return f"{name} ({localise(things[option.target_index].name, fallback=sc.meta.language)})"


def values(cs: CompiledScenario, state: State, run: int) -> Lookup:
    """The current value of each quantity a condition names, in ``run`` (for the phraser)."""
    env = StateEnv(cs, state)

    def lookup(namespace: str, key: str) -> float | None:
        try:
            if namespace == "":
                return float(env.scalar(key)[run])
            return float(env.column(namespace, key)[run])
        except (KeyError, ValueError, IndexError):
            return None

    return lookup


def condition_reason(cs: CompiledScenario, state: State, run: int, index: int, lang: str | None = None) -> str:
    """Why option ``index``'s ``available`` condition holds it back, in plain words with
    the current values (or the author's ``unavailable_text``); no final full stop."""
    sc = cs.scenario
    option = cs.options[index]
    action = sc.actions[option.action_index]
    target = None
    if option.target_index >= 0:
        things = sc.stakeholders if action.target == "stakeholder" else sc.programmes
        target = things[option.target_index].id
    return unavailable_reason(action, sc, lang, target=target, values=values(cs, state, run))


def action_reason(cs: CompiledScenario, state: State, run: int, action_index: int, lang: str | None = None) -> str:
    """Why an action's ``available`` condition holds it back for every target: the
    condition in words about "the stakeholder" or "the programme", with the current
    values of what does not depend on the target."""
    sc = cs.scenario
    return unavailable_reason(sc.actions[action_index], sc, lang, values=values(cs, state, run))


def why_unavailable(cs: CompiledScenario, state: State, run: int, index: int, lang: str | None = None) -> str:
    """Why option ``index`` cannot be taken now in ``run``: a sentence for the player."""
    option = cs.options[index]
    what = label(cs, index)
    if state.ended[run]:
        return "The game is over."
    wait = int(state.cooldown[run, option.action_index])
    if wait > 0:
        return f"{what} is not available again for {counted('en', 'count.turns', wait)}."
    if option.cost > cs.budget:
        return f"{what} needs {option.cost} leadership time; a turn has {cs.budget}."
    if cs.option_programme[index] >= 0 and state.dropped[run, cs.option_programme[index]]:
        return translate(lang, "play.not_available", label=what, why=translate(lang, "session.why.dropped"))
    if cs.action_available[option.action_index] is None:
        return f"{what} is not available now."
    return translate(lang, "play.not_available", label=what, why=condition_reason(cs, state, run, index, lang))


def check(cs: CompiledScenario, state: State, run: int, indexes: Sequence[int], avail: B) -> B:
    """The options ``indexes`` as an (O,) row, or IllegalMove: the same option
    twice, an unavailable one, or more leadership time than the turn has."""
    if state.ended[run]:
        raise IllegalMove("The game is over.")
    chosen = np.zeros(len(cs.options), dtype=bool)
    total = 0
    for index in indexes:
        if chosen[index]:
            raise IllegalMove(f"You have already chosen {label(cs, index)} this turn.")
        if not avail[index]:
            raise IllegalMove(why_unavailable(cs, state, run, index))
        chosen[index] = True
        total += cs.options[index].cost
    if total > cs.budget:
        raise IllegalMove(f"Those actions need {total} leadership time; you have {cs.budget} this turn.")
    return chosen
