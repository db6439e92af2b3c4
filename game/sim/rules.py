"""The model's rules: one pure function per rule of docs/model.md.

Arrays in, arrays out; random draws are passed in. Every array has a leading
run axis R (stakeholder quantities are (R, N), programmes (R, K), metrics
(R, M)); static per-scenario vectors broadcast over runs.

Matrix products are written as explicit sums over the nonzero weights
(``game.sim.sums``) so that
each run's numbers are computed in the same order whatever the batch size:
run i of a batch equals a single run bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.sim.sums import add_combined, combine, row_sum, weighted_mean

F64 = NDArray[np.float64]
B = NDArray[np.bool_]

__all__ = [
    "block_probability",
    "blocker_share",
    "blocks",
    "cap_trust",
    "coalition_share",
    "drift_trust",
    "exposure",
    "force_pressure",
    "force_signal",
    "grievance_update",
    "heal_scar",
    "influence_matrices",
    "metric_benefit",
    "metric_disruption",
    "metric_management",
    "metric_relationships",
    "progress_step",
    "reactance",
    "refreeze",
    "scar_from_loss",
    "social_influence",
    "spill_trust",
    "susceptibility",
    "trust_from_signal",
    "update_support",
]


# The static network (§2, §3) -------------------------------------------------


def susceptibility(stubbornness: F64, base: float) -> F64:
    """Friedkin–Johnsen λ per stakeholder (docs/model.md §3): ``base`` at the
    default stubbornness 0.5, rising linearly to 1 at 0 and falling to 0 at 1."""
    low = 1.0 - 2.0 * stubbornness * (1.0 - base)
    high = 2.0 * (1.0 - stubbornness) * base
    out: F64 = np.where(stubbornness <= 0.5, low, high)
    return out


def influence_matrices(n: int, edges: Sequence[tuple[int, int, float, bool]]) -> tuple[F64, F64]:
    """Row-stochastic influence split into allies and antagonists (docs/model.md §2).

    Row i says whom stakeholder i listens to. Each stakeholder keeps the weight
    left over as self-weight; rows whose listed weights add up to more than 1
    are scaled down to 1. ``w_pos[i, j]`` pulls i toward j's value;
    ``w_neg[i, j]`` pushes i toward the opposite of j's value.
    """
    pos = np.zeros((n, n))
    neg = np.zeros((n, n))
    for source, target, weight, antagonist in edges:
        if source == target:
            continue
        (neg if antagonist else pos)[target, source] += weight
    total = pos.sum(axis=1) + neg.sum(axis=1)
    scale = np.where(total > 1.0, 1.0 / np.maximum(total, 1e-12), 1.0)
    pos *= scale[:, None]
    neg *= scale[:, None]
    pos[np.arange(n), np.arange(n)] += np.maximum(0.0, 1.0 - (pos.sum(axis=1) + neg.sum(axis=1)))
    return pos, neg


# §1 Actions -----------------------------------------------------------------


def exposure(push: F64, affects: F64) -> F64:
    """§1: the push each stakeholder feels, ``e_i = sum_k push_k * a_ki``, (R, N)."""
    return combine(push, affects.T)


def force_signal(support: F64, felt: F64) -> F64:
    """§1: forcing sends a negative signal to those it affects, in proportion
    to how much they oppose the change: ``s_i = -e_i * (1 - S_i)``."""
    out = force_pressure(support, felt)
    np.negative(out, out=out)
    return out


def force_pressure(support: F64, felt: F64) -> F64:
    """``-force_signal``: ``e_i * (1 - S_i)``, exactly (rounding is symmetric
    in sign), so ``signal - force_pressure(...)`` equals ``signal + force_signal(...)``."""
    out: F64 = np.subtract(1.0, support)
    out *= felt
    return out


# §2 Trust ---------------------------------------------------------------------


def trust_from_signal(
    trust: F64, scar: F64, signal: F64, gain: float, loss_ratio: float, openness: F64, foothold: float = 0.2
) -> tuple[F64, F64]:
    """§2, Slovic's asymmetry: gains are slow, losses fast.

    ``T += a*o*max(s,0)*(1-D-T)*(f+T) - k*a*max(-s,0)*T``; returns the new
    trust and the trust lost (which may leave a scar). Engagement works
    through the trust already there (reciprocity): with the default foothold
    f = 0.2 and gain, a neutral stakeholder (T = 0.3) takes about 8 turns of
    steady engagement to reach 0.7 (docs/model.md §2).
    """
    # In place on fresh arrays; the products are taken in the order written
    # above (a product of two numbers is the same either way round).
    room = np.subtract(1.0, scar)
    room -= trust
    np.maximum(room, 0.0, out=room)
    gain_part = np.maximum(signal, 0.0)
    gain_part *= gain * openness
    gain_part *= room
    gain_part *= foothold + trust
    np.minimum(gain_part, room, out=gain_part)
    loss = np.negative(signal)
    np.maximum(loss, 0.0, out=loss)
    loss *= loss_ratio * gain
    loss *= trust
    np.minimum(loss, trust, out=loss)
    out = trust + gain_part
    out -= loss
    return out, loss


def scar_from_loss(scar: F64, loss: F64, rate: float, memory: F64) -> F64:
    """§2: a share of trust lost becomes a scar, capping recovery at ``1 - D``."""
    out: F64 = loss * (rate * memory)
    out += scar
    np.clip(out, 0.0, 1.0, out=out)
    return out


def spill_trust(trust: F64, w_pos: F64, w_neg: F64, share: float) -> F64:
    """§2: trust spills over between peers: ``T = (1-w)*T + w*(T W+ + (1-T) W-)``."""
    peers = combine(trust, w_pos)
    add_combined(peers, trust, w_neg, flip=True)
    out: F64 = trust * (1.0 - share)
    peers *= share
    out += peers
    return out


def drift_trust(trust: F64, baseline: F64, maintained: B, rate: float) -> F64:
    """§2: trust not maintained this turn drifts back toward its baseline."""
    # trust + rate * (baseline - trust) where not maintained, on one fresh array.
    out: F64 = np.subtract(baseline, trust)
    out *= rate
    out += trust
    np.copyto(out, trust, where=maintained)
    return out


def heal_scar(scar: F64, rate: float, memory: F64) -> F64:
    """§2: scars heal a share each turn; a long memory heals slowly."""
    heal = np.clip(rate / np.maximum(memory, 1e-9), 0.0, 1.0)
    out: F64 = scar * (1.0 - heal)
    return out


def cap_trust(trust: F64, scar: F64) -> F64:
    """§2: trust stays within [0, 1 - D]."""
    top = np.subtract(1.0, scar)
    np.maximum(top, 0.0, out=top)
    out: F64 = np.clip(trust, 0.0, top, out=top)
    return out


# §3 Support ---------------------------------------------------------------------


def social_influence(support: F64, w_pos: F64, w_neg: F64) -> F64:
    """§3: what peers say: ``S W+ + (1 - S) W-`` (allies pull toward their
    position, antagonists push toward the opposite)."""
    out = combine(support, w_pos)
    add_combined(out, support, w_neg, flip=True)
    return out


def update_support(
    support: F64, anchor: F64, trust: F64, w_pos: F64, w_neg: F64, lam: F64, advocacy: float
) -> tuple[F64, F64, F64]:
    """§3, Friedkin–Johnsen with the chief executive as one more voice.

    ``u = S W+ + (1-S) W-``;  ``v = u + b*T*(1-u)``;  ``S' = lam*v + (1-lam)*S0``.
    With b = 0 this is Friedkin–Johnsen; with lam = 1 as well it is DeGroot.
    Returns S' split into (influence, advocacy, anchor) parts of the change.
    """
    u = social_influence(support, w_pos, w_neg)
    ceo = trust * advocacy
    ceo *= 1.0 - u
    ceo *= lam
    influence = u
    influence -= support
    influence *= lam
    anchoring = anchor - support
    anchoring *= 1.0 - lam
    return influence, ceo, anchoring


def reactance(anchor: F64, trust: F64, exposure: F64, rate: float, persona: F64) -> F64:
    """§3: forcing against low trust pushes the anchor away from the change:
    ``S0 -= r*persona*push*(1-T)*S0``."""
    out: F64 = exposure * (rate * persona)
    out *= 1.0 - trust
    np.clip(out, 0.0, 1.0, out=out)
    np.subtract(1.0, out, out=out)
    out *= anchor
    return out


def refreeze(anchor: F64, support: F64, settled: F64, rate: float) -> F64:
    """§3, Lewin: once a programme is delivered, anchors move toward current
    support: ``S0 += rate*(S - S0)`` for those it affects."""
    out: F64 = anchor + rate * np.clip(settled, 0.0, 1.0) * (support - anchor)
    return out


# §4 Resistance --------------------------------------------------------------------


def block_probability(
    power: F64,
    urgency: F64,
    trust: F64,
    support: F64,
    grievance: F64,
    c0: float,
    cp: float,
    cu: float,
    ct: float,
    cs: float,
    cg: float,
) -> F64:
    """§4: ``P(block) = sigmoid(c0 + cp*p + cu*u - cT*T - cS*S + cG*G)``."""
    shape = np.broadcast_shapes(np.shape(power), np.shape(urgency), np.shape(trust), np.shape(support), np.shape(grievance))
    z = np.asarray(np.multiply(trust, ct))  # (in the trust array's memory order)
    if z.shape != shape:
        z = np.broadcast_to(z, shape).copy()
    np.subtract(c0 + cp * power + cu * urgency, z, out=z)
    z -= support * cs
    z += grievance * cg
    # Weights are unbounded in the schema: keep exp() finite (sigmoid(±60) is 0 or 1 in doubles).
    np.clip(z, -60.0, 60.0, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    out: F64 = np.divide(1.0, z, out=z)
    return out


def blocks(probability: F64, exposed: B, draws: F64) -> B:
    """§4: those exposed to a push block when their draw falls below the probability."""
    out: B = exposed & (draws < probability)
    return out


def grievance_update(
    grievance: F64, blocked: B, trust: F64, per_block: float, forgiveness: float, persona: F64
) -> tuple[F64, F64]:
    """§4, Axelrod: blocking adds grievance; trusting partners forgive a share
    each turn (about a third when trust is full). Returns (added, forgiven)."""
    added = np.where(blocked, per_block, 0.0)
    forgiven = trust * (forgiveness * persona)
    np.clip(forgiven, 0.0, 1.0, out=forgiven)
    np.negative(forgiven, out=forgiven)
    forgiven *= grievance
    return added, forgiven


# §5 Progress ---------------------------------------------------------------------


def coalition_share(trust: F64, support: F64, power: F64, affects: F64) -> F64:
    """§5, Kotter: per programme, the power-weighted mean of ``min(T, S)``
    over the stakeholders it affects: how far a trusting, supportive
    coalition stands behind it. Shape (R, K)."""
    weights = affects * power[None, :]
    totals = np.maximum(weights.sum(axis=1), 1e-12)
    out: F64 = combine(np.minimum(trust, support), weights) / totals[None, :]
    return out


def blocker_share(blocked: B, power: F64, affects: F64) -> F64:
    """§5, Lewin's restraining force: per programme, the power-weighted share
    of affected stakeholders who blocked. Shape (R, K)."""
    weights = affects * power[None, :]
    totals = np.maximum(weights.sum(axis=1), 1e-12)
    out: F64 = combine(blocked.astype(np.float64), weights) / totals[None, :]
    return out


def progress_step(
    progress: F64,
    push: F64,
    blockers: F64,
    coalition: F64,
    effort: F64,
    threshold: float,
    coalition_rate: float,
    drag: float,
) -> tuple[F64, F64]:
    """§5: driving minus restraining forces, over the programme's effort.

    ``dC = (push*(1 - drag*beta) + rate*[coalition >= threshold]) / effort``;
    a power-weighted share of blockers beta above 1/drag reverses a push.
    Returns (forced part, coalition part) of the change, before clipping.
    """
    forced = push * (1.0 - drag * blockers) / effort[None, :]
    carried = np.where((coalition >= threshold) & (progress < 1.0), coalition_rate, 0.0) / effort[None, :]
    return forced, carried


# §6 Outcomes ---------------------------------------------------------------------


def metric_management(metrics: F64, target: F64, higher_is_better: NDArray[np.bool_], rate: float) -> F64:
    """§6: ordinary management closes a share of the gap to target, only while
    the metric is worse than its target. Returns the change."""
    gap = target[None, :] - metrics
    worse = np.where(higher_is_better[None, :], gap > 0, gap < 0)
    out: F64 = np.where(worse, rate * gap, 0.0)
    return out


def metric_disruption(recent_forced: F64, disruption: F64) -> F64:
    """§6, Fulop et al.: forced progress in the last few turns disrupts
    services: ``dY = disruption * sum(recent forced progress)``."""
    out: F64 = np.multiply(row_sum(recent_forced)[:, None], disruption[None, :], order="F")
    return out


def delivery(coalition: F64, threshold: float, floor: float) -> F64:
    """§6: the share of a programme's benefits that shows, from the coalition
    behind it (R, K): ``floor`` with no coalition, rising linearly to 1 at the
    coalition threshold. Change forced through those who must deliver it is
    adopted partly."""
    if floor >= 1.0:
        return np.ones_like(coalition)
    out: F64 = floor + (1.0 - floor) * np.minimum(coalition / max(threshold, 1e-6), 1.0)
    return out


def metric_benefit(delivered_now: F64, delivered_before: F64, benefit: F64) -> F64:
    """§6, King's Fund: programmes pay off after a lag: the change in lagged
    progress times each metric's benefit. Shapes (R, K) -> (R, M)."""
    return combine(delivered_now - delivered_before, benefit)


def system_change(metrics: F64, initial: F64, low: F64, high: F64, higher_is_better: NDArray[np.bool_],
                  weights: F64) -> F64:
    """§8: the system's metrics taken together, against the start: each
    metric's change as a share of its range, better counted positive, in a
    weighted mean. (R, M) -> (R,), from -1 to 1 (0 without metrics)."""
    if metrics.shape[1] == 0 or weights.sum() <= 0:
        return np.zeros(metrics.shape[0])
    span = np.maximum(high - low, 1e-12)
    sign = np.where(higher_is_better, 1.0, -1.0)
    moved = (metrics - initial[None, :]) * (sign / span)[None, :]
    out: F64 = combine(moved, weights[None, :])[:, 0] / float(weights.sum())
    return out


def metric_relationships(trust: F64, power: F64, effect: F64) -> F64:
    """§6: engaged partners improve results: ``dY = e * (wmean_p(T) - 0.5)``."""
    out: F64 = np.multiply((weighted_mean(trust, power) - 0.5)[:, None], effect[None, :], order="F")
    return out
