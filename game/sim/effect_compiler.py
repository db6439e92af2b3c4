"""A scenario's expressions and effects compiled for the engine.

``EffectCompiler`` turns expressions into ``game.scenario.expressions``
closures and effects into the masked operations of ``game.sim.effects``,
collecting as it goes the names they bring with them: every flag (flags need
no declaration), the queue slot of each delayed effect and the longest delay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

from game.scenario import schema
from game.scenario.expression_compiler import compile_expression
from game.scenario.expressions import Compiled, ExpressionError, Names
from game.sim.effects import (
    AfterOp,
    ChanceOp,
    Ctx,
    DropOp,
    EngageOp,
    Filter,
    Fixed,
    FlagOp,
    ForceOp,
    MetricOp,
    Op,
    ProgressOp,
    RedLineOp,
    Selector,
    StakeholderOp,
    Target,
)
from game.sim.env import RowsEnv, where_value

if TYPE_CHECKING:
    from game.sim.compiled import CompiledScenario


class EngineError(ValueError):
    """A scenario the engine cannot compile; ``where`` names the part (such as
    ``actions[2].available``)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass
class DelayedSlot:
    """One queue slot: the effects due, the target they refer to, and where they came from."""

    ops: list[Op]
    target: int
    source: str


class EffectCompiler:
    """Compiles the expressions and effects of one scenario, whose ids and
    lookups ``cs`` already holds."""

    def __init__(self, cs: CompiledScenario) -> None:
        self.cs = cs
        self.flag_index: dict[str, int] = {}
        self.slots: list[DelayedSlot] = []
        self.max_delay = 0
        self._chance_nodes = 0

    def expr(self, text: str | float | None, names: Names, where: str) -> Compiled:
        """An expression compiled (none: always true); ``where`` names it in errors."""
        try:
            compiled = compile_expression(text if text is not None else "true", names)
        except ExpressionError as exc:
            raise EngineError(where, exc.message) from None
        for namespace, key in compiled.references:
            if namespace == "flag":
                self.flag_index.setdefault(key, len(self.flag_index))
        return compiled

    def _flag(self, name: str) -> int:
        return self.flag_index.setdefault(name, len(self.flag_index))

    def _who(self, who: str | list[str] | Mapping[Literal["where"], str], names: Names, where: str) -> Selector:
        cs = self.cs
        n = len(cs.stakeholders)
        if isinstance(who, list):
            # A list of ids: each named stakeholder once, in the scenario's order.
            return Fixed(n, sorted({cs.index_of("trust", name) for name in who}))
        if not isinstance(who, str):
            each = Names(names.stakeholders, names.programmes, names.metrics, names.target, True)
            expr = self.expr(who["where"], each, f"{where}.where")

            def where_sel(ctx: Ctx, rows: NDArray[np.intp] | None = None) -> NDArray[np.bool_]:
                # The compiler shapes per-run values inside the filter as (R, 1) columns.
                if rows is None:
                    return np.broadcast_to(where_value(expr, ctx.env()), (ctx.state.runs, n))
                env = RowsEnv(cs, ctx.state, rows, ctx.target)
                return np.broadcast_to(where_value(expr, env), (rows.shape[0], n))

            return Filter(where_sel)
        if who == "all":
            return Fixed(n, range(n))
        if who == "target":
            if names.target != "stakeholder":
                raise EngineError(where, "`target` needs an action whose target is a stakeholder")
            return Target(n)
        return Fixed(n, [cs.index_of("trust", who)])

    def _programme(self, ref: str, names: Names, where: str) -> int:
        if ref == "target":
            if names.target != "programme":
                raise EngineError(where, "`target` needs an action whose target is a programme")
            return -1
        return self.cs.index_of("progress", ref)

    def effects(
        self, effects: Sequence[schema.Effect], names: Names, where: str, source: str, n_targets: int
    ) -> list[Op]:
        """A list of effects compiled to operations; ``n_targets`` is how many
        targets the action has (a delayed effect takes one queue slot each)."""
        ops: list[Op] = []
        for i, effect in enumerate(effects):
            here = f"{where}[{i}]"
            op: Op
            if isinstance(effect, schema.TrustEffect):
                c = effect.trust
                op = StakeholderOp("trust", self._who(c.who, names, here), c.by, c.to)
            elif isinstance(effect, schema.SupportEffect):
                c2 = effect.support
                op = StakeholderOp("support", self._who(c2.who, names, here), c2.by, c2.to)
            elif isinstance(effect, schema.MetricEffect):
                m = effect.metric
                op = MetricOp(self.cs.index_of("metric", m.id), m.by, m.to)
            elif isinstance(effect, schema.ProgressEffect):
                p = effect.progress
                op = ProgressOp(self._programme(p.programme, names, here), p.by, p.to)
            elif isinstance(effect, schema.FlagEffect):
                f = effect.flag
                op = FlagOp(self._flag(f.id), f.by, f.to)
            elif isinstance(effect, schema.RedLineEffect):
                op = RedLineOp(self._who(effect.red_line.who, names, here), effect.red_line.holds)
            elif isinstance(effect, schema.ChanceEffect):
                ch = effect.chance
                node = self._chance_nodes
                self._chance_nodes += 1
                op = ChanceOp(
                    node,
                    self.expr(ch.p, names, f"{here}.chance.p"),
                    self.effects(ch.then, names, f"{here}.chance.then", source, n_targets),
                    self.effects(ch.else_, names, f"{here}.chance.else", source, n_targets),
                )
            elif isinstance(effect, schema.AfterEffect):
                af = effect.after
                inner = self.effects(af.do, names, f"{here}.after.do", source, n_targets)
                base = len(self.slots)
                for t in range(n_targets):
                    self.slots.append(DelayedSlot(inner, t if n_targets > 1 or names.target != "none" else -1, source))
                self.max_delay = max(self.max_delay, af.turns)
                op = AfterOp(af.turns, base, n_targets > 1 or names.target != "none")
            elif isinstance(effect, schema.ForceEffect):
                fo = effect.force
                op = ForceOp(self._programme(fo.programme, names, here), fo.strength)
            elif isinstance(effect, schema.DropEffect):
                op = DropOp(self._programme(effect.drop.programme, names, here))
            elif isinstance(effect, schema.EngageEffect):
                en = effect.engage
                op = EngageOp(self._who(en.who, names, here), en.strength)
            else:  # pragma: no cover - the schema admits no other kind
                raise EngineError(here, "unknown effect")
            ops.append(op)
        return ops
