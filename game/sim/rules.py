"""The model's rules: one pure function per rule of docs/model.md.

Arrays in, arrays out; random draws are passed in. Every array has a leading
run axis R (stakeholder quantities are (R, N), programmes (R, K), metrics
(R, M)); static per-scenario vectors broadcast over runs.

Matrix products are written as explicit sums over the nonzero weights so that
each run's numbers are computed in the same order whatever the batch size:
run i of a batch equals a single run bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]
B = NDArray[np.bool_]



def combine(x: F64, weights: F64) -> F64:
    """``x @ weights.T`` for x (R, J) and weights (N, J), summed term by term
    over the nonzero weights only, in a fixed order (no BLAS), so a run's
    result does not depend on R. Skipped terms are exact zeros, so the result
    equals the full sum bit for bit."""
    r = x.shape[0]
    n = weights.shape[0]
    out_t = np.zeros((n, r))
    if r == 0 or n == 0:
        return out_t.T.copy()
    x_t = np.ascontiguousarray(x.T)
    term = np.empty(r)
    for i, j in _nonzero_terms(weights):
        np.multiply(x_t[j], weights[i, j], out=term)
        out_t[i] += term
    return out_t.T


def _nonzero_terms(weights: F64) -> list[tuple[int, int]]:
    """The (row, column) pairs of nonzero weights, column order within each row."""
    rows, cols = np.nonzero(weights)
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def weighted_mean(x: F64, weights: F64) -> F64:
    """Mean of x (R, N) over stakeholders weighted by ``weights`` (N,)."""
    total = float(weights.sum()) or 1.0
    # A row-wise reduction: each run's sum is computed the same way whatever R is.
    out: F64 = (x * weights[None, :]).sum(axis=1) / total
    return out


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
    out: F64 = -felt * (1.0 - support)
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
    room = np.maximum(1.0 - scar - trust, 0.0)
    gain_part = gain * openness * np.maximum(signal, 0.0) * room * (foothold + trust)
    gain_part = np.minimum(gain_part, room)
    loss = np.minimum(loss_ratio * gain * np.maximum(-signal, 0.0) * trust, trust)
    return trust + gain_part - loss, loss


def scar_from_loss(scar: F64, loss: F64, rate: float, memory: F64) -> F64:
    """§2: a share of trust lost becomes a scar, capping recovery at ``1 - D``."""
    out: F64 = np.clip(scar + rate * memory * loss, 0.0, 1.0)
    return out


def spill_trust(trust: F64, w_pos: F64, w_neg: F64, share: float) -> F64:
    """§2: trust spills over between peers: ``T = (1-w)*T + w*(T W+ + (1-T) W-)``."""
    peers = combine(trust, w_pos)
    if w_neg.any():
        peers += combine(1.0 - trust, w_neg)
    out: F64 = (1.0 - share) * trust + share * peers
    return out


def drift_trust(trust: F64, baseline: F64, maintained: B, rate: float) -> F64:
    """§2: trust not maintained this turn drifts back toward its baseline."""
    out: F64 = np.where(maintained, trust, trust + rate * (baseline - trust))
    return out


def heal_scar(scar: F64, rate: float, memory: F64) -> F64:
    """§2: scars heal a share each turn; a long memory heals slowly."""
    heal = np.clip(rate / np.maximum(memory, 1e-9), 0.0, 1.0)
    out: F64 = scar * (1.0 - heal)
    return out


def cap_trust(trust: F64, scar: F64) -> F64:
    """§2: trust stays within [0, 1 - D]."""
    out: F64 = np.clip(trust, 0.0, np.maximum(1.0 - scar, 0.0))
    return out


# §3 Support ---------------------------------------------------------------------


def social_influence(support: F64, w_pos: F64, w_neg: F64) -> F64:
    """§3: what peers say: ``S W+ + (1 - S) W-`` (allies pull toward their
    position, antagonists push toward the opposite)."""
    out = combine(support, w_pos)
    if w_neg.any():
        out += combine(1.0 - support, w_neg)
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
    pull = advocacy * trust * (1.0 - u)
    influence = lam * (u - support)
    ceo = lam * pull
    anchoring = (1.0 - lam) * (anchor - support)
    return influence, ceo, anchoring


def reactance(anchor: F64, trust: F64, exposure: F64, rate: float, persona: F64) -> F64:
    """§3: forcing against low trust pushes the anchor away from the change:
    ``S0 -= r*persona*push*(1-T)*S0``."""
    out: F64 = anchor * (1.0 - np.clip(rate * persona * exposure * (1.0 - trust), 0.0, 1.0))
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
    z = c0 + cp * power + cu * urgency - ct * trust - cs * support + cg * grievance
    # Weights are unbounded in the schema: keep exp() finite (sigmoid(±60) is 0 or 1 in doubles).
    out: F64 = 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))
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
    forgiven = -np.clip(forgiveness * persona * trust, 0.0, 1.0) * grievance
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
    out: F64 = recent_forced.sum(axis=1, keepdims=True) * disruption[None, :]
    return out


def metric_benefit(delivered_now: F64, delivered_before: F64, benefit: F64) -> F64:
    """§6, King's Fund: programmes pay off after a lag: the change in lagged
    progress times each metric's benefit. Shapes (R, K) -> (R, M)."""
    return combine(delivered_now - delivered_before, benefit)


def metric_relationships(trust: F64, power: F64, effect: F64) -> F64:
    """§6: engaged partners improve results: ``dY = e * (wmean_p(T) - 0.5)``."""
    out: F64 = (weighted_mean(trust, power) - 0.5)[:, None] * effect[None, :]
    return out
