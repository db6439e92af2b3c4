"""Scenario variants for the sensitivity analysis: one input moved down and up.

The inputs are every general model parameter (`model:` in a scenario) and
every stakeholder's initial trust and support. Each is multiplied by
``1 - step`` and ``1 + step`` (±20% by default) and kept inside its allowed
range; whole-number parameters are rounded, moving by at least one. An input
that is zero, or that cannot move because it is pinned at both ends of its
range, is skipped and listed as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from annotated_types import Ge, Gt, Le, Lt

from game.scenario.language import localise
from game.scenario.schema import ModelParameters, Scenario

DEFAULT_STEP = 0.2


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


class Why(Enum):
    """Why an input is not varied: its value is zero, or both moves hit its allowed range."""

    ZERO = "zero"
    PINNED = "pinned"


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
        return f"{self.key} (pinned at its allowed range)"


def _range(name: str) -> tuple[float, float]:
    lo, hi = -math.inf, math.inf
    for item in ModelParameters.model_fields[name].metadata:
        if isinstance(item, Ge | Gt):
            lo = float(item.ge if isinstance(item, Ge) else item.gt)  # type: ignore[arg-type]
        elif isinstance(item, Le | Lt):
            hi = float(item.le if isinstance(item, Le) else item.lt)  # type: ignore[arg-type]
    return lo, hi


def _moved(base: float, step: float, lo: float, hi: float, whole: bool) -> tuple[float, float]:
    low, high = sorted((base * (1.0 - step), base * (1.0 + step)))
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


def variants(scenario: Scenario, step: float = DEFAULT_STEP) -> tuple[list[Variant], list[NotVaried]]:
    """Every input varied by ±step, and those left alone (with the reason)."""
    if not 0.0 < step < 1.0:
        raise ValueError("the step is a fraction between 0 and 1, such as 0.2")
    out: list[Variant] = []
    skipped: list[NotVaried] = []
    model = scenario.model
    for name, info in ModelParameters.model_fields.items():
        base = float(getattr(model, name))
        key = f"model.{name}"
        if base == 0.0:
            skipped.append(NotVaried(key, Why.ZERO, step))
            continue
        lo, hi = _range(name)
        whole = info.annotation is int
        low_v, high_v = _moved(base, step, lo, hi, whole)
        if low_v == base and high_v == base:
            skipped.append(NotVaried(key, Why.PINNED, step))
            continue

        def with_value(value: float, name: str = name, whole: bool = whole) -> Scenario:
            v: float | int = int(value) if whole else value
            return scenario.model_copy(update={"model": model.model_copy(update={name: v})})

        out.append(Variant(key, _label(name), base, low_v, high_v, with_value(low_v), with_value(high_v)))

    for i, person in enumerate(scenario.stakeholders):
        for quantity in ("trust", "support"):
            base = float(getattr(person, quantity))
            key = f"{quantity}.{person.id}"
            if base == 0.0:
                skipped.append(NotVaried(key, Why.ZERO, step))
                continue
            low_v, high_v = _moved(base, step, 0.0, 1.0, whole=False)

            def with_person(value: float, i: int = i, quantity: str = quantity) -> Scenario:
                people = list(scenario.stakeholders)
                people[i] = people[i].model_copy(update={quantity: value})
                return scenario.model_copy(update={"stakeholders": people})

            name = localise(person.name, scenario.meta.language) or person.id
            out.append(
                Variant(
                    key,
                    f"{name}: initial {quantity}",
                    base,
                    low_v,
                    high_v,
                    with_person(low_v),
                    with_person(high_v),
                )
            )
    return out, skipped
