"""Scenario variants for the sensitivity analysis: one input moved down and up.

The inputs are what an author edits, each moved by ±``step`` (±20% by
default) and kept inside its allowed range:

* every general model parameter (``model.*``), whole-number ones rounded and
  moved by at least one;
* each stakeholder's initial ``trust.*`` and ``support.*``, its ``power.*``
  and its ``stubbornness.*``;
* each programme's ``effort.*``;
* each action's ``cost.*``, by one unit of leadership time either way, never
  below 1 nor above the turn's budget;
* each action's ``strength.*``: every strength and amount in its effects
  (``engage`` and ``force`` strengths, the ``by`` of trust, support, progress
  and metric changes, inside ``chance`` and ``after`` too) scaled together, so
  an action is one input however many effects it has (its value is the
  multiplier: ×0.8 and ×1.2);
* each number an ending's condition compares against (``ending.ID.N``, the
  N-th number in the condition; see :mod:`game.analysis.thresholds`);
* each event's ``probability.*`` when it is a number.

An input that is zero, that cannot move because it is pinned at both ends of
its range, or that has nothing to vary is skipped and listed with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from annotated_types import Ge, Gt, Le, Lt

from game.analysis import thresholds
from game.scenario.language import localise
from game.scenario.schema import (
    MAX_MAGNITUDE,
    AfterEffect,
    ChanceEffect,
    Effect,
    EngageEffect,
    ForceEffect,
    MetricEffect,
    ModelParameters,
    ProgressEffect,
    Scenario,
    SupportEffect,
    TrustEffect,
)

DEFAULT_STEP = 0.2
MAX_STRENGTH = 5.0  # the schema's bound on an engage or force strength
MAX_EFFORT = 100.0  # the schema's bound on a programme's effort


@dataclass(frozen=True)
class Variant:
    """One input's low and high settings, and the scenarios they give."""

    key: str
    label: str
    base_value: float
    low_value: float
    high_value: float
    low: Scenario
    high: Scenario
    scaled: bool = False
    """The values are multipliers of several numbers (an action's strengths), base 1."""
    detail: str = ""
    """What the input is beyond its key, in no language (an ending's comparison, as written)."""

    @property
    def kind(self) -> str:
        """What sort of input: the key's first part (``model``, ``cost``, ``ending`` …)."""
        return self.key.partition(".")[0]


class Why(Enum):
    """Why an input is not varied."""

    ZERO = "zero"
    PINNED = "pinned"
    EXPRESSION = "expression"
    """An event probability written as an expression, not a number."""
    NOTHING = "nothing"
    """An action with no strength or amount to scale."""
    WHOLE = "whole"
    """An ending's threshold on a whole-number quantity (a turn, a flag, a count)."""


@dataclass(frozen=True)
class NotVaried:
    """An input the sensitivity analysis leaves alone, and why; worded by the report in any language."""

    key: str
    why: Why
    step: float

    @property
    def english(self) -> str:
        """The wording of the JSON report (a contract): ``model.x (0, so a ±20% change does nothing)``."""
        if self.why is Why.ZERO:
            return f"{self.key} (0, so a ±{self.step:.0%} change does nothing)"
        if self.why is Why.EXPRESSION:
            return f"{self.key} (an expression, not a number)"
        if self.why is Why.NOTHING:
            return f"{self.key} (no strength or amount to scale)"
        if self.why is Why.WHOLE:
            return f"{self.key} (compared with a whole number: a turn, a flag or a count)"
        return f"{self.key} (pinned at its allowed range)"


def _range(name: str) -> tuple[float, float]:
    lo, hi = -math.inf, math.inf
    for item in ModelParameters.model_fields[name].metadata:
        if isinstance(item, Ge | Gt):
            lo = float(item.ge if isinstance(item, Ge) else item.gt)  # type: ignore[arg-type]
        elif isinstance(item, Le | Lt):
            hi = float(item.le if isinstance(item, Le) else item.lt)  # type: ignore[arg-type]
    return lo, hi


def _tidy(value: float) -> float:
    """A product such as 0.75 * 0.8 as an author would write it (0.6, not 0.6000000000000001)."""
    return float(f"{value:.12g}")


def _moved(base: float, step: float, lo: float, hi: float, whole: bool) -> tuple[float, float]:
    low, high = sorted((_tidy(base * (1.0 - step)), _tidy(base * (1.0 + step))))
    if whole:
        low, high = float(math.floor(low + 0.5)), float(math.floor(high + 0.5))
        if low == base:
            low = base - 1.0
        if high == base:
            high = base + 1.0
    return min(max(low, lo), hi), min(max(high, lo), hi)


def _label(name: str) -> str:
    description = ModelParameters.model_fields[name].description or ""
    return description.split(" (")[0].rstrip(".") or name


class _Collector:
    """Builds the variants of one scenario, and notes the inputs it leaves alone."""

    def __init__(self, scenario: Scenario, step: float) -> None:
        self.scenario = scenario
        self.step = step
        self.out: list[Variant] = []
        self.skipped: list[NotVaried] = []

    def name(self, text: Any, fallback: str) -> str:
        return localise(text, self.scenario.meta.language) or fallback

    def skip(self, key: str, why: Why) -> None:
        self.skipped.append(NotVaried(key, why, self.step))

    def add(
        self,
        key: str,
        label: str,
        base: float,
        bounds: tuple[float, float],
        build: Callable[[float], Scenario],
        *,
        whole: bool = False,
        detail: str = "",
    ) -> None:
        """Vary one number by ±step within ``bounds``, unless it is zero or pinned."""
        if base == 0.0:
            self.skip(key, Why.ZERO)
            return
        low, high = _moved(base, self.step, *bounds, whole)
        if low == base and high == base:
            self.skip(key, Why.PINNED)
            return
        self.out.append(Variant(key, label, base, low, high, build(low), build(high), detail=detail))

    def replaced(self, field: str, items: Sequence[Any], i: int, item: Any) -> Scenario:
        """The scenario with item ``i`` of its list ``field`` replaced."""
        changed = list(items)
        changed[i] = item
        return self.scenario.model_copy(update={field: changed})


def _model(c: _Collector) -> None:
    model = c.scenario.model
    for name, info in ModelParameters.model_fields.items():
        whole = info.annotation is int

        def with_value(value: float, name: str = name, whole: bool = whole) -> Scenario:
            v: float | int = int(value) if whole else value
            return c.scenario.model_copy(update={"model": model.model_copy(update={name: v})})

        c.add(f"model.{name}", _label(name), float(getattr(model, name)), _range(name), with_value, whole=whole)


STAKEHOLDER_INPUTS = (
    ("trust", "initial trust"),
    ("support", "initial support"),
    ("power", "power"),
    ("stubbornness", "stubbornness"),
)


def _stakeholders(c: _Collector) -> None:
    people = c.scenario.stakeholders
    for quantity, words in STAKEHOLDER_INPUTS:
        for i, person in enumerate(people):

            def with_person(value: float, i: int = i, quantity: str = quantity) -> Scenario:
                return c.replaced("stakeholders", people, i, people[i].model_copy(update={quantity: value}))

            name = c.name(person.name, person.id)
            c.add(f"{quantity}.{person.id}", f"{name}: {words}", float(getattr(person, quantity)), (0.0, 1.0), with_person)


def _programmes(c: _Collector) -> None:
    programmes = c.scenario.programmes
    for i, programme in enumerate(programmes):

        def with_effort(value: float, i: int = i) -> Scenario:
            return c.replaced("programmes", programmes, i, programmes[i].model_copy(update={"effort": value}))

        name = c.name(programme.name, programme.id)
        c.add(f"effort.{programme.id}", f"{name}: effort", programme.effort, (0.0, MAX_EFFORT), with_effort)


def _scaled(effect: Effect, factor: float) -> tuple[Effect, bool]:
    """An effect with its strengths and ``by`` amounts multiplied by ``factor``; whether any was."""
    if isinstance(effect, EngageEffect | ForceEffect):
        spec = effect.engage if isinstance(effect, EngageEffect) else effect.force
        moved = spec.model_copy(update={"strength": min(spec.strength * factor, MAX_STRENGTH)})
        return effect.model_copy(update={next(iter(type(effect).model_fields)): moved}), True
    if isinstance(effect, TrustEffect | SupportEffect | MetricEffect | ProgressEffect):
        field = next(iter(type(effect).model_fields))
        change = getattr(effect, field)
        if change.by is None or change.by == 0.0:
            return effect, False
        by = min(max(change.by * factor, -MAX_MAGNITUDE), MAX_MAGNITUDE)
        return effect.model_copy(update={field: change.model_copy(update={"by": by})}), True
    if isinstance(effect, ChanceEffect):
        then, a = _scaled_all(effect.chance.then, factor)
        otherwise, b = _scaled_all(effect.chance.else_, factor)
        return effect.model_copy(update={"chance": effect.chance.model_copy(update={"then": then, "else_": otherwise})}), a or b
    if isinstance(effect, AfterEffect):
        do, a = _scaled_all(effect.after.do, factor)
        return effect.model_copy(update={"after": effect.after.model_copy(update={"do": do})}), a
    return effect, False  # a flag: a counter, not a strength


def _scaled_all(effects: Sequence[Effect], factor: float) -> tuple[list[Effect], bool]:
    out, any_scaled = [], False
    for effect in effects:
        moved, scaled = _scaled(effect, factor)
        out.append(moved)
        any_scaled = any_scaled or scaled
    return out, any_scaled


def _actions(c: _Collector) -> None:
    actions = c.scenario.actions
    budget = float(c.scenario.meta.leadership_time)
    for i, action in enumerate(actions):
        name = c.name(action.name, action.id)

        def with_cost(value: float, i: int = i) -> Scenario:
            return c.replaced("actions", actions, i, actions[i].model_copy(update={"cost": int(value)}))

        # One unit of leadership time either way, never free and never beyond a turn's budget.
        key = f"cost.{action.id}"
        cost = float(action.cost)
        low, high = (max(1.0, cost - 1.0) if cost >= 1.0 else cost), min(budget, cost + 1.0)
        if low == cost and high == cost:
            c.skip(key, Why.PINNED)
        else:
            c.out.append(Variant(key, f"{name}: cost", cost, low, high, with_cost(low), with_cost(high)))

    for i, action in enumerate(actions):
        name = c.name(action.name, action.id)
        key = f"strength.{action.id}"
        if not _scaled_all(action.effects, 1.0)[1]:
            c.skip(key, Why.NOTHING)
            continue

        def with_strength(factor: float, i: int = i) -> Scenario:
            effects, _ = _scaled_all(actions[i].effects, factor)
            return c.replaced("actions", actions, i, actions[i].model_copy(update={"effects": effects}))

        low, high = 1.0 - c.step, 1.0 + c.step
        c.out.append(Variant(key, f"{name}: every strength and amount", 1.0, low, high,
                             with_strength(low), with_strength(high), scaled=True))


def _endings(c: _Collector) -> None:
    endings = c.scenario.endings
    for i, ending in enumerate(endings):
        if ending.when is None:
            continue
        title = c.name(ending.title, ending.id)
        for n, found in enumerate(thresholds.thresholds(ending.when), start=1):
            key = f"ending.{ending.id}.{n}"
            if found.whole:
                c.skip(key, Why.WHOLE)
                continue

            def with_threshold(value: float, i: int = i, found: thresholds.Threshold = found) -> Scenario:
                when = thresholds.with_value(endings[i].when or "", found, value)
                return c.replaced("endings", endings, i, endings[i].model_copy(update={"when": when}))

            c.add(key, f"{title}: {found.comparison}", found.value, (-math.inf, math.inf), with_threshold,
                  detail=found.comparison)


def _events(c: _Collector) -> None:
    events = c.scenario.events
    for i, event in enumerate(events):
        key = f"probability.{event.id}"
        if not isinstance(event.probability, int | float):
            c.skip(key, Why.EXPRESSION)
            continue

        def with_probability(value: float, i: int = i) -> Scenario:
            return c.replaced("events", events, i, events[i].model_copy(update={"probability": value}))

        title = c.name(event.title, event.id)
        c.add(key, f"{title}: probability per turn", float(event.probability), (0.0, 1.0), with_probability)


KINDS = ("model", "trust", "support", "power", "stubbornness", "effort", "cost", "strength", "ending", "probability")
"""Every kind of input, in the order they are varied (a key's first part)."""


def variants(scenario: Scenario, step: float = DEFAULT_STEP) -> tuple[list[Variant], list[NotVaried]]:
    """Every input varied by ±step (a cost by one), and those left alone (with the reason)."""
    if not 0.0 < step < 1.0:
        raise ValueError("the step is a fraction between 0 and 1, such as 0.2")
    c = _Collector(scenario, step)
    for part in (_model, _stakeholders, _programmes, _actions, _endings, _events):
        part(c)
    return c.out, c.skipped
