"""The turn just played, shown moving: numbers travel from their values before the turn to after it.

After End turn the turn screen plays a short resolution (:data:`DURATION_MS`):
trust rings and support fills ease to their new values, each change rises
over its node as a figure, pulses run along the influence lines that carried
peer pressure, programme bars fill and metrics tick. It is driven by the
clock (each frame asks for the values at ``now``), it is skipped by any key or
click, and the reduced-motion setting turns it off. At its end every value is
exactly the one after the turn: the views themselves, not an interpolation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.i18n import translate
from game.session.views import (
    MetricView,
    ProgrammeView,
    Reason,
    StakeholderView,
    StateView,
    TurnReport,
)

DURATION_MS = 2600  # long enough to follow the moves, short enough not to wait for
FRAME_MS = 16  # the screen asks for a frame this often while the resolution plays
PEER_MOVE = 0.005  # half a point of support moved by peers: its influence lines pulse


def ease(x: float) -> float:
    """Ease in and out (a cubic): slow start, quick middle, gentle landing; 0 at 0 and exactly 1 at 1."""
    x = max(0.0, min(1.0, x))
    return 4 * x * x * x if x < 0.5 else 1 - (-2 * x + 2) ** 3 / 2


def mix(before: float, after: float, share: float) -> float:
    return after if share >= 1.0 else before + (after - before) * share


def peer_targets(reasons: list[Reason], lang: str | None) -> dict[str, float]:
    """The stakeholders whose support peers moved this turn (by at least :data:`PEER_MOVE`), with how much."""
    words = translate(lang, "rule.influence")
    moved: dict[str, float] = {}
    for r in reasons:
        if r.quantity == "support" and r.cause == words:
            moved[r.subject] = moved.get(r.subject, 0.0) + r.delta
    return {k: v for k, v in moved.items() if abs(v) >= PEER_MOVE}


@dataclass
class Resolution:
    """One turn's resolution: the views before and after, the influence lines that carried peer pressure
    (source, target, the target's move by peers) and when it started."""

    before: StateView
    after: StateView
    pulses: tuple[tuple[str, str, float], ...]
    started: int
    duration: int = DURATION_MS

    def share(self, now: int) -> float:
        """How far through the resolution ``now`` is, eased: 0 at the start, exactly 1 from the end on."""
        if self.duration <= 0:
            return 1.0
        return ease((now - self.started) / self.duration)

    def elapsed(self, now: int) -> float:
        """How far through, in plain time (0 to 1), for what travels at an even pace (pulses, rising figures)."""
        if self.duration <= 0:
            return 1.0
        return max(0.0, min(1.0, (now - self.started) / self.duration))

    def done(self, now: int) -> bool:
        return now - self.started >= self.duration

    def stakeholders(self, now: int) -> tuple[StakeholderView, ...]:
        """Every stakeholder as shown at ``now``: trust and support between before and after."""
        share = self.share(now)
        if share >= 1.0:
            return self.after.stakeholders
        before = {s.id: s for s in self.before.stakeholders}
        shown = []
        for s in self.after.stakeholders:
            old = before.get(s.id, s)
            shown.append(replace(s, trust=mix(old.trust, s.trust, share), support=mix(old.support, s.support, share)))
        return tuple(shown)

    def metrics(self, now: int) -> tuple[MetricView, ...]:
        share = self.share(now)
        if share >= 1.0:
            return self.after.metrics
        before = {m.id: m for m in self.before.metrics}
        return tuple(replace(m, value=mix(before[m.id].value, m.value, share)) if m.id in before else m for m in self.after.metrics)

    def programmes(self, now: int) -> tuple[ProgrammeView, ...]:
        share = self.share(now)
        if share >= 1.0:
            return self.after.programmes
        before = {p.id: p for p in self.before.programmes}
        return tuple(replace(p, progress=mix(before[p.id].progress, p.progress, share)) if p.id in before else p
                     for p in self.after.programmes)


def cues(report: TurnReport) -> list[str]:
    """The sound cues for a turn just played: it resolved, then how the player's actions went
    (a stakeholder blocking sounds over a failure, a failure over a success)."""
    results = {a.result for a in report.actions}
    if report.blocked_by:
        return ["resolved", "blocked"]
    if results & {"failure", "resisted"}:
        return ["resolved", "failure"]
    if results & {"success", "partial", "done"}:
        return ["resolved", "success"]
    return ["resolved"]
