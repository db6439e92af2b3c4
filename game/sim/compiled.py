"""A scenario turned into arrays and compiled effects, once per Engine.

Static per-scenario vectors (power, anchors, influence matrices, metric
ranges…), the options a turn may contain, the events and endings, and the
scoring weights; expressions and effects are compiled by
``game.sim.effect_compiler``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from game.scenario import schema
from game.scenario.expressions import Compiled, Names
from game.sim import rules
from game.sim.effect_compiler import EffectCompiler, EngineError
from game.sim.effects import Contribution, Ctx, DropOp, ForceOp, Op, Quantity, apply_all, contains
from game.sim.env import StateEnv, TargetEnv, truth, vectorisable

F64 = NDArray[np.float64]
B = NDArray[np.bool_]

STANCES = ("partner", "push", "neutral")
OUTCOMES = ("success", "partial", "failure")

__all__ = [
    "OUTCOMES",
    "STANCES",
    "CompiledScenario",
    "Contribution",
    "Ctx",
    "EngineError",
    "Option",
    "Quantity",
    "StateEnv",
    "TargetEnv",
    "apply_all",
    "truth",
    "vectorisable",
]


@dataclass(frozen=True)
class Option:
    """One (action, target) pair a turn may contain."""

    index: int
    action: str
    target: str | None
    cost: int
    stance: str
    action_index: int = 0
    target_index: int = -1  # stakeholder or programme index, -1 for none


# --------------------------------------------------------------------------
# The compiled scenario


@dataclass
class CompiledEvent:
    id: str
    when: Compiled
    probability: Compiled
    once: bool
    choices: list[list[Op]]
    choice_stances: list[str]


@dataclass
class CompiledEnding:
    index: int  # position in the scenario file
    id: str
    when: Compiled | None
    early: bool
    outcome: int  # index into OUTCOMES


class CompiledScenario:
    """Static arrays and compiled effects of one scenario."""

    def __init__(self, scenario: schema.Scenario) -> None:
        self.scenario = scenario
        self.params = scenario.model
        self.turns = scenario.meta.turns
        self.budget = scenario.meta.leadership_time
        sh = scenario.stakeholders
        self.stakeholders = [s.id for s in sh]
        self.programmes = [p.id for p in scenario.programmes]
        self.metrics = [m.id for m in scenario.metrics]
        self.actions = [a.id for a in scenario.actions]
        self.events = [e.id for e in scenario.events]
        self.endings = [e.id for e in scenario.endings]
        self._index = {
            "stakeholder": {k: i for i, k in enumerate(self.stakeholders)},
            "programme": {k: i for i, k in enumerate(self.programmes)},
            "metric": {k: i for i, k in enumerate(self.metrics)},
        }
        n = len(sh)

        def vec(values: Sequence[float]) -> F64:
            return np.asarray(values, dtype=np.float64)

        self.power = vec([s.power for s in sh])
        self.static_vectors = {
            "power": self.power,
            "legitimacy": vec([s.legitimacy for s in sh]),
            "urgency": vec([s.urgency for s in sh]),
            "interest": vec([s.interest for s in sh]),
        }
        self.urgency = self.static_vectors["urgency"]
        self.trust0 = vec([s.trust for s in sh])
        self.support0 = vec([s.support for s in sh])
        self.stubbornness = vec([s.stubbornness for s in sh])
        self.red_line_chance = vec([s.red_line for s in sh])
        self.lam = rules.susceptibility(self.stubbornness, self.params.susceptibility)
        self.reactance_mult = vec([s.persona.reactance for s in sh])
        self.forgiveness_mult = vec([s.persona.forgiveness for s in sh])
        self.openness = vec([s.persona.openness for s in sh])
        self.memory = vec([s.persona.memory for s in sh])
        self.w_pos, self.w_neg = rules.influence_matrices(
            n,
            [
                (self.index_of("trust", e.source), self.index_of("trust", e.target), e.weight, e.antagonist)
                for e in scenario.influence
            ],
        )
        k = len(scenario.programmes)
        self.effort = vec([p.effort for p in scenario.programmes])
        self.affects = np.zeros((k, n), dtype=np.float64)
        for j, prog in enumerate(scenario.programmes):
            if prog.affects:
                for sid in prog.affects:
                    self.affects[j, self.index_of("trust", sid)] = 1.0
            else:
                self.affects[j, :] = 1.0
        ms = scenario.metrics
        self.metric_initial = vec([m.initial for m in ms])
        self.metric_min = vec([m.min for m in ms])
        self.metric_max = vec([m.max for m in ms])
        self.metric_target = vec([m.target for m in ms])
        self.higher_is_better = np.asarray([m.higher_is_better for m in ms], dtype=bool)
        self.metric_drift = vec([m.drift for m in ms])
        self.metric_noise = vec([m.noise for m in ms])
        self.disruption = vec([m.disruption for m in ms])
        self.trust_effect = vec([m.trust_effect for m in ms])
        self.benefit = np.zeros((len(ms), k), dtype=np.float64)
        for i, m in enumerate(ms):
            for pid, value in m.benefits_from.items():
                self.benefit[i, self.index_of("progress", pid)] = value

        # Flags need no declaration: the compiler collects every name effects
        # and expressions use, and the queue slots of delayed effects.
        compiler = EffectCompiler(self)
        self.flag_index = compiler.flag_index
        self.slots = compiler.slots

        self.options: list[Option] = []
        self.action_effects: list[list[Op]] = []
        self.action_available: list[Compiled | None] = []
        for a_index, action in enumerate(scenario.actions):
            where = f"actions[{a_index}]"
            names = self._names(action.target)
            self.action_available.append(
                compiler.expr(action.available, names, f"{where}.available") if action.available else None
            )
            n_targets = {"none": 1, "stakeholder": n, "programme": k}[action.target]
            self.action_effects.append(
                compiler.effects(action.effects, names, f"{where}.effects", action.id, n_targets)
            )
            targets: list[tuple[str | None, int]]
            if action.target == "stakeholder":
                targets = [(sid, i) for i, sid in enumerate(self.stakeholders)]
            elif action.target == "programme":
                targets = [(pid, i) for i, pid in enumerate(self.programmes)]
            else:
                targets = [(None, -1)]
            for tid, ti in targets:
                self.options.append(
                    Option(len(self.options), action.id, tid, action.cost, action.stance, a_index, ti)
                )
        self.action_cooldown = np.asarray([a.cooldown for a in scenario.actions], dtype=np.int64)
        self.action_target_kind = [a.target for a in scenario.actions]
        o = self.options
        self.option_cost = np.asarray([x.cost for x in o], dtype=np.int64)
        self.option_action = np.asarray([x.action_index for x in o], dtype=np.int64)
        self.option_stance = np.asarray([STANCES.index(x.stance) for x in o], dtype=np.int64)
        self.option_stakeholder = np.asarray(
            [x.target_index if self.action_target_kind[x.action_index] == "stakeholder" else -1 for x in o],
            dtype=np.int64,
        )
        pushes = [contains(ops, ForceOp) for ops in self.action_effects]
        self.option_pushes = np.asarray([pushes[x.action_index] for x in o], dtype=bool)
        drops = [contains(ops, DropOp) for ops in self.action_effects]
        self.option_drops = np.asarray([drops[x.action_index] for x in o], dtype=bool)
        self.option_programme = np.asarray(
            [x.target_index if self.action_target_kind[x.action_index] == "programme" else -1 for x in o],
            dtype=np.int64,
        )

        plain = self._names("none")
        self.compiled_events: list[CompiledEvent] = []
        for e_index, event in enumerate(scenario.events):
            where = f"events[{e_index}]"
            choices = [
                compiler.effects(c.effects, plain, f"{where}.choices[{c_index}].effects", event.id, 1)
                for c_index, c in enumerate(event.choices)
            ]
            self.compiled_events.append(
                CompiledEvent(
                    event.id,
                    compiler.expr(event.when, plain, f"{where}.when"),
                    compiler.expr(event.probability, plain, f"{where}.probability"),
                    event.once,
                    choices,
                    [c.stance for c in event.choices],
                )
            )
        self.event_once = np.asarray([e.once for e in scenario.events], dtype=bool)
        self.event_choice_count = np.asarray([len(e.choices) for e in scenario.events], dtype=np.int64)

        order = sorted(range(len(scenario.endings)), key=lambda i: (-scenario.endings[i].priority, i))
        self.ending_order: list[CompiledEnding] = []
        for i in order:
            ending = scenario.endings[i]
            self.ending_order.append(
                CompiledEnding(
                    i,
                    ending.id,
                    compiler.expr(ending.when, plain, f"endings[{i}].when") if ending.when else None,
                    ending.early,
                    OUTCOMES.index(ending.outcome),
                )
            )
        self.ending_outcome = np.asarray([OUTCOMES.index(e.outcome) for e in scenario.endings], dtype=np.int64)

        sc = scenario.scoring
        metric_w = dict(sc.metrics)
        programme_w = dict(sc.programmes)
        if not metric_w and not programme_w:
            # An unweighted scenario scores every metric and programme equally.
            metric_w = dict.fromkeys(self.metrics, 1.0)
            programme_w = dict.fromkeys(self.programmes, 1.0)
        self.score_metric_w = np.zeros(len(ms))
        for mid, w in metric_w.items():
            self.score_metric_w[self.index_of("metric", mid)] = w
        self.score_programme_w = np.zeros(k)
        for pid, w in programme_w.items():
            self.score_programme_w[self.index_of("progress", pid)] = w
        self.score_trust_w = sc.trust
        self.score_support_w = sc.support
        # What `system` weighs: the scored metrics, or all of them when none is scored.
        self.system_w = self.score_metric_w if self.score_metric_w.sum() > 0 else np.ones(len(ms))

        self.max_delay = compiler.max_delay
        self.queue_length = self.max_delay + 1
        self.disruption_window = max(self.params.disruption_turns, 1)
        self.benefit_window = self.params.benefit_lag + 1

    def system(self, metrics: F64) -> F64:
        """(R,) the expression value `system`: how far the metrics moved since the start, taken together (§8)."""
        return rules.system_change(metrics, self.metric_initial, self.metric_min, self.metric_max,
                                   self.higher_is_better, self.system_w)

    # ---------------------------------------------------------------- lookups

    def index_of(self, namespace: str, key: str) -> int:
        """The position of an id in its namespace (stakeholder, programme, metric)."""
        if namespace in ("progress", "dropped", "programme"):
            group = "programme"
        elif namespace in ("metric",):
            group = "metric"
        else:
            group = "stakeholder"
        try:
            return self._index[group][key]
        except KeyError:
            raise EngineError(namespace, f"there is no {group} `{key}`") from None

    def _names(self, target: Literal["none", "stakeholder", "programme"], each: bool = False) -> Names:
        return Names(self.stakeholders, self.programmes, self.metrics, target, each)
