"""§6 and §8 of docs/model.md over a State: metrics each turn, and the final score."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim import rules, sums
from game.sim.compiled import CompiledScenario
from game.sim.effects import Contribution
from game.sim.explain import note
from game.sim.state import State
from game.sim.turn import coalition_support

F64 = NDArray[np.float64]
B = NDArray[np.bool_]


def remember(cs: CompiledScenario, state: State, keep: B, forced_gain: F64) -> None:
    """Record this turn's forced progress (for disruption) and progress (for the benefit lag)."""
    col = state.turn % cs.disruption_window
    slot = state.turn % state.progress_history.shape[1]
    if keep.all():
        state.forced_history[:, col] = forced_gain
        state.progress_history[:, slot, :] = state.progress
        return
    state.forced_history[:, col] = np.where(keep[:, 0], forced_gain, state.forced_history[:, col])
    state.progress_history[:, slot, :] = np.where(keep, state.progress, state.progress_history[:, slot, :])


def step_metrics(
    cs: CompiledScenario, state: State, keep: B, forced_gain: F64, notes: list[Contribution] | None
) -> None:
    """§6: move every metric by management, drift, disruption, benefit,
    relationships and noise, in that order, each step kept within range."""
    p = cs.params
    remember(cs, state, keep, forced_gain)
    y0 = state.metrics
    window = state.progress_history.shape[1]
    lag = p.benefit_lag
    now_turn, before_turn = state.turn - lag, state.turn - lag - 1
    if now_turn >= 1:
        now = state.progress_history[:, now_turn % window, :]
        before = state.progress_history[:, before_turn % window, :] if before_turn >= 1 else np.zeros_like(now)
        delivery = rules.delivery(
            rules.coalition_share(state.trust, coalition_support(cs, state), cs.power, cs.affects),
            p.coalition_threshold, p.delivery_floor,
        )
        benefit = rules.metric_benefit(now * delivery, before * delivery, cs.benefit)
    else:
        benefit = np.zeros_like(y0)
    parts = [
        ("management", rules.metric_management(y0, cs.metric_target, cs.higher_is_better, p.metric_relax)),
        ("drift", np.broadcast_to(cs.metric_drift[None, :], y0.shape)),
        ("disruption", rules.metric_disruption(state.forced_history, cs.disruption)),
        ("benefit", benefit),
        ("relationships", rules.metric_relationships(state.trust, cs.power, cs.trust_effect)),
    ]
    if cs.metric_noise.any():
        noise = rnd.normals(state.seeds, state.turn, rnd.Purpose.NOISE, 0, len(cs.metrics))
        parts.append(("noise", noise * cs.metric_noise[None, :]))
    low, high = cs.metric_min[None, :], cs.metric_max[None, :]
    if notes is None:
        # The same steps in place on one fresh array.
        y = y0 + parts[0][1]
        np.clip(y, low, high, out=y)
        for _, delta in parts[1:]:
            y += delta
            np.clip(y, low, high, out=y)
    else:
        y = y0
        for name, delta in parts:
            y_next = np.clip(y + delta, low, high)
            note(notes, "metric", cs.metrics, name, y_next[0] - y[0])
            y = y_next
    state.metrics = y if keep.all() else np.where(keep, y, y0)


def score(cs: CompiledScenario, state: State) -> F64:
    """§8: (R,) score in 0..100, the weighted mean of metric closeness to
    target, programme progress, and power-weighted trust and support."""
    r = state.runs
    total = np.zeros(r)
    weight = 0.0
    if cs.metrics:
        y = state.metrics
        tgt = cs.metric_target[None, :]
        below = np.maximum(tgt - cs.metric_min[None, :], 1e-12)
        above = np.maximum(cs.metric_max[None, :] - tgt, 1e-12)
        hib = cs.higher_is_better[None, :]
        short = np.where(hib, np.maximum(tgt - y, 0.0) / below, np.maximum(y - tgt, 0.0) / above)
        closeness = np.clip(1.0 - short, 0.0, 1.0)
        total += sums.combine(closeness, cs.score_metric_w[None, :])[:, 0]
        weight += float(cs.score_metric_w.sum())
    total += sums.combine(state.progress, cs.score_programme_w[None, :])[:, 0]
    weight += float(cs.score_programme_w.sum())
    if cs.score_trust_w:
        total += cs.score_trust_w * sums.weighted_mean(state.trust, cs.power)
        weight += cs.score_trust_w
    if cs.score_support_w:
        total += cs.score_support_w * sums.weighted_mean(state.support, cs.power)
        weight += cs.score_support_w
    out: F64 = 100.0 * total / (weight or 1.0)
    return out
