"""The phases of one turn (steps 1-5 of ``game.sim.engine``), one function each.

Each phase takes the state, the compiled scenario and the arrays the earlier
phases made, changes the state in place for the runs still playing
(``active``; ``everyone`` when no run has ended) and returns what the next
phase uses. The order they run in is written once, in ``Engine``.

With ``notes`` (a list, when explaining), each phase adds the reasons run 0's
numbers moved, if run 0 is still playing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim import rules, sums
from game.sim.compiled import CompiledScenario, Option
from game.sim.effects import Contribution, Ctx, apply_all
from game.sim.explain import note, share_signal
from game.sim.state import State

F64 = NDArray[np.float64]
B = NDArray[np.bool_]


def merge(new: NDArray[Any], old: NDArray[Any], active: B, everyone: bool) -> NDArray[Any]:
    """New values for the runs still playing; ended runs stay frozen."""
    return new if everyone else np.where(active[:, None] if new.ndim == 2 else active, new, old)


def open_turn(
    cs: CompiledScenario, state: State, active: B, everyone: bool, notes: list[Contribution] | None
) -> Ctx:
    """Last turn's carried engagement and pushes (from event choices) become
    this turn's starting signal and push; the carries start again from zero."""
    sources: dict[str, F64] = {}
    if notes is not None and active[0]:
        if state.signal_carry[0].any():
            sources["signal"] = state.signal_carry[0].copy()
        if state.push_carry[0].any():
            sources["push"] = state.push_carry[0].copy()
    if everyone:
        # Every run plays: last turn's carries become this turn's signal and push as they are.
        signal0, push0 = state.signal_carry, state.push_carry
        state.signal_carry, state.push_carry = np.zeros_like(signal0), np.zeros_like(push0)
    else:
        signal0 = np.where(active[:, None], state.signal_carry, 0.0)
        push0 = np.where(active[:, None], state.push_carry, 0.0)
        state.signal_carry[active] = 0.0
        state.push_carry[active] = 0.0
    ctx = Ctx(cs, state, signal=signal0, push=push0, explain=notes)
    if notes is not None and active[0]:
        if "signal" in sources:
            ctx.signal_sources["events"] = sources["signal"]
        if "push" in sources:
            ctx.push_sources["events"] = sources["push"]
    return ctx


def take_actions(
    cs: CompiledScenario,
    options: list[Option],
    state: State,
    ctx: Ctx,
    chosen: B,
    active: B,
    everyone: bool,
) -> tuple[F64, F64, F64, bool]:
    """Step 1: delayed effects due now, then the chosen options (R, O), then
    forcing's negative signal to those a pushed programme affects.

    Returns the signal (R, N), the push (R, K), each stakeholder's exposure to
    pushes (R, N) and whether anyone anywhere was pushed."""
    if cs.slots:
        row = state.turn % cs.queue_length
        due = state.queue[:, row, :].copy()
        state.queue[:, row, :] = 0
        for slot in np.flatnonzero(due.any(axis=0)):
            info = cs.slots[slot]
            ctx.source, ctx.target = info.source, info.target
            for count in range(1, int(due[:, slot].max()) + 1):
                apply_all(info.ops, ctx, active & (due[:, slot] >= count))
    used = chosen if everyone else chosen & active[:, None]
    # Option by option: each option's column of runs, contiguous.
    by_option = np.ascontiguousarray(used.T)
    for o in np.flatnonzero(by_option.any(axis=1)):
        option = options[o]
        mask = by_option[o]
        ctx.source, ctx.target = option.action, option.target_index
        rows = apply_all(cs.action_effects[option.action_index], ctx, mask)
        wait = int(cs.action_cooldown[option.action_index])
        if wait > 0:
            state.cooldown[np.flatnonzero(mask) if rows is None else rows, option.action_index] = wait + 1
    ctx.source, ctx.target = "", -1
    if state.dropped.any():
        # Nobody pushes an abandoned programme, so nobody resists it.
        ctx.push[state.dropped] = 0.0
    signal, push = ctx.signal, ctx.push
    # Nothing pushed in any run: nobody is exposed (the sum would be exact zeros).
    exposure = rules.exposure(push, cs.affects) if push.any() else np.zeros((state.runs, len(cs.stakeholders)))
    pushed = bool(exposure.any())
    if pushed:
        signal = signal - rules.force_pressure(state.support, exposure)
    return signal, push, exposure, pushed


def update_trust(
    cs: CompiledScenario,
    state: State,
    ctx: Ctx,
    signal: F64,
    active: B,
    everyone: bool,
    notes: list[Contribution] | None,
) -> None:
    """Step 2: the signal moves trust and leaves scars; spillover between
    peers, drift toward baseline, scars heal, trust capped at 1 - scar."""
    p = cs.params
    t0, d0 = state.trust, state.scar
    t1, loss = rules.trust_from_signal(
        t0, d0, signal, p.trust_gain, p.trust_loss_ratio, cs.openness, p.trust_foothold
    )
    scar = rules.scar_from_loss(d0, loss, p.scar_rate, cs.memory)
    t2 = rules.spill_trust(t1, cs.w_pos, cs.w_neg, p.trust_spillover)
    t3 = rules.drift_trust(t2, cs.trust0[None, :], signal > 0, p.trust_drift)
    scar = rules.heal_scar(scar, p.scar_heal, cs.memory)
    t4 = rules.cap_trust(t3, scar)
    if notes is not None and active[0]:
        share_signal(ctx, notes, t1[0] - t0[0], state.support[0])
        note(notes, "trust", cs.stakeholders, "influence", t2[0] - t1[0])
        note(notes, "trust", cs.stakeholders, "drift", t3[0] - t2[0])
        note(notes, "trust", cs.stakeholders, "scar", t4[0] - t3[0])
    state.trust = merge(t4, t0, active, everyone)
    state.scar = merge(scar, d0, active, everyone)


def update_support(
    cs: CompiledScenario,
    state: State,
    exposure: F64,
    pushed: bool,
    active: B,
    everyone: bool,
    notes: list[Contribution] | None,
) -> None:
    """Step 3: reactance and refreezing move anchors; peers, chief-executive
    advocacy and anchors move support."""
    p = cs.params
    s0 = state.support
    anchor = state.anchor
    if pushed:
        anchor = rules.reactance(anchor, state.trust, exposure, p.reactance, cs.reactance_mult)
    delivered = (state.progress >= 1.0).astype(np.float64)
    if delivered.any():
        anchor = rules.refreeze(anchor, s0, sums.combine(delivered, cs.affects.T), p.refreeze)
    infl, ceo, anch = rules.update_support(s0, anchor, state.trust, cs.w_pos, cs.w_neg, cs.lam[None, :], p.ceo_influence)
    s1 = s0 + infl
    s1 += ceo
    s1 += anch
    np.clip(s1, 0.0, 1.0, out=s1)
    if notes is not None and active[0]:
        note(notes, "support", cs.stakeholders, "influence", infl[0])
        note(notes, "support", cs.stakeholders, "advocacy", ceo[0])
        note(notes, "support", cs.stakeholders, "anchor", anch[0] + (s1[0] - s0[0] - infl[0] - ceo[0] - anch[0]))
    state.support = merge(s1, s0, active, everyone)
    state.anchor = merge(anchor, state.anchor, active, everyone)


def resist(
    cs: CompiledScenario,
    state: State,
    exposure: F64,
    pushed: bool,
    active: B,
    everyone: bool,
    notes: list[Contribution] | None,
) -> tuple[B, F64]:
    """Step 4: each stakeholder exposed to a push blocks with a logistic
    probability; blocks add grievance; trusted partners forgive.

    Returns who blocked (R, N) and the chance each had (R, N)."""
    p = cs.params
    r, n = state.runs, len(cs.stakeholders)
    exposed = exposure > 0
    if not everyone:
        exposed &= active[:, None]
    if pushed:
        # Only runs where someone is exposed can block: the others need neither
        # the probabilities nor the dice (each run's are its own, keyed by its seed).
        rows = np.flatnonzero(exposed.any(axis=1))
        whole = 2 * rows.size > r
        sub = slice(None) if whole else rows
        odds = rules.block_probability(
            cs.power[None, :], cs.urgency[None, :], state.trust[sub], state.support[sub], state.grievance[sub],
            p.block_base, p.block_power, p.block_urgency, p.block_trust, p.block_support, p.block_grievance,
        )
        seen = exposed[sub]
        if cs.red_line_chance.any():
            # A red line holds while support stays below its level: then a push is blocked almost surely.
            holds = state.red_line[sub] & (state.support[sub] < p.red_line_support)
            np.maximum(odds, np.where(holds, p.red_line_block, 0.0), out=odds)
        np.copyto(odds, 0.0, where=~seen)
        draws = rnd.uniforms(state.seeds[sub], state.turn, rnd.Purpose.BLOCK, 0, n)
        if whole:
            chance, blocked = odds, rules.blocks(odds, seen, draws)
        else:
            chance = np.zeros((r, n))
            blocked = np.zeros((r, n), dtype=bool)
            chance[rows] = odds
            blocked[rows] = rules.blocks(odds, seen, draws)
    else:  # nobody is pushed: nobody blocks (and the keyed dice need not be drawn)
        chance = np.zeros_like(exposure)
        blocked = np.zeros(exposure.shape, dtype=bool)
    # With no block and no grievance anywhere, grievance stays zero: skip the arithmetic.
    if pushed or notes is not None or state.grievance.any():
        added, forgiven = rules.grievance_update(
            state.grievance, blocked, state.trust, p.grievance_per_block, p.forgiveness, cs.forgiveness_mult
        )
        if notes is not None and active[0]:
            note(notes, "grievance", cs.stakeholders, "resistance", added[0])
            note(notes, "grievance", cs.stakeholders, "forgiveness", forgiven[0])
        grievance = state.grievance + added
        grievance += forgiven
        state.grievance = merge(np.maximum(grievance, 0.0, out=grievance), state.grievance, active, everyone)
    state.blocked = merge(blocked, state.blocked, active, everyone)
    return blocked, chance


def coalition_support(cs: CompiledScenario, state: State) -> F64:
    """Support as the coalition counts it (§5): a stakeholder holding a red line
    stands outside any coalition, whatever it says in meetings."""
    if not cs.red_line_chance.any():
        return state.support
    holding = state.red_line & (state.support < cs.params.red_line_support)
    out: F64 = np.where(holding, 0.0, state.support)
    return out


def reveal(cs: CompiledScenario, state: State, signal: F64, blocked: B, active: B) -> None:
    """Step 4, what the player learns: engaging a stakeholder, or meeting
    its block, shows whether it holds a red line."""
    if not cs.red_line_chance.any():
        return
    found = (signal > 0) | blocked
    found &= active[:, None]
    state.revealed |= found


def advance_programmes(
    cs: CompiledScenario,
    state: State,
    ctx: Ctx,
    push: F64,
    blocked: B,
    pushed: bool,
    active: B,
    everyone: bool,
    notes: list[Contribution] | None,
) -> F64:
    """Step 5: pushes minus the power-weighted share of blockers, plus a
    trusting coalition's drive, over each programme's effort.

    Returns each run's forced progress this turn (R,), for disruption."""
    p = cs.params
    c0 = state.progress
    # Nobody blocked anywhere: every share is exactly zero.
    beta = rules.blocker_share(blocked, cs.power, cs.affects) if pushed else np.zeros((state.runs, len(cs.programmes)))
    coalition = rules.coalition_share(state.trust, coalition_support(cs, state), cs.power, cs.affects)
    forced, carried = rules.progress_step(
        c0, push, beta, coalition, cs.effort, p.coalition_threshold, p.coalition_rate, p.block_drag
    )
    gross = push / cs.effort[None, :]
    c1 = np.clip(c0 + gross, 0.0, 1.0)
    c2 = np.clip(c1 + (forced - gross), 0.0, 1.0)
    c3 = np.clip(c2 + carried, 0.0, 1.0)
    if state.dropped.any():
        c3 = np.where(state.dropped, c0, c3)
    if notes is not None and active[0]:
        total_push = push[0]
        for source, amount in ctx.push_sources.items():
            share = np.divide(amount, total_push, out=np.zeros_like(amount), where=total_push > 0)
            note(notes, "progress", cs.programmes, source, (c1[0] - c0[0]) * share)
        note(notes, "progress", cs.programmes, "resistance", c2[0] - c1[0])
        note(notes, "progress", cs.programmes, "coalition", c3[0] - c2[0])
    state.progress = merge(c3, c0, active, everyone)
    return sums.row_sum(np.maximum(c2 - c0, 0.0))
