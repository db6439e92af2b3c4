"""The checker every semantic check reports through, and the limits it keeps.

:mod:`game.scenario.checks` (stakeholders, actions, events, flags, timing) and
:mod:`game.scenario.ending_checks` (endings, scoring, expectations, debrief)
both work on one :class:`Checker`: the scenario, where each of its values sits
in the file, the problems found so far, and the checks every part shares (an
expression compiled with the names in scope, an effect and its targets, a
reference to a stakeholder or a programme), each problem at its position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from game.i18n.words import Num, Words
from game.scenario.expression_compiler import compile_expression
from game.scenario.expressions import ExpressionError, Names
from game.scenario.player_record import question_names
from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import Problem, Severity, plural, problem, suggestion, words
from game.scenario.schema import (
    AfterEffect,
    ChanceEffect,
    DropEffect,
    Effect,
    EngageEffect,
    FlagEffect,
    ForceEffect,
    MetricEffect,
    ProgressEffect,
    RedLineEffect,
    Scenario,
    SupportEffect,
    TrustEffect,
)

TargetKind = Literal["none", "stakeholder", "programme"]
# Delayed effects waiting at once: every `after` effect holds a slot per possible target, and
# each slot is a byte per turn of delay in every simulated game (5,000 games at a time in a
# balance run), so the slots times the longest delay are capped (built-ins: 7 slots, 3 turns).
MAX_DELAYED_SLOTS = 400
MAX_DELAY_CELLS = 6000  # slots x (longest delay + 1): 6 kB per game, 30 MB per 5,000 games
# Work of evaluating every expression once a turn, in expression parts, counting an action's
# conditions and effects once per possible target (built-ins: 76 to 602). Past this, one
# turn of a forecast or a balance run slows from milliseconds to seconds.
MAX_EXPRESSION_COST = 20_000
# Effects in the whole scenario, nested ones included (built-ins: 17 to 197): each is a step of
# Python work whenever its action or choice is applied, in every simulated game.
MAX_TOTAL_EFFECTS = 3000


@dataclass
class Owner:
    """Who an effect or expression belongs to, in words, and what its target is."""

    words: Words
    target: TargetKind = "none"
    targets: int = 1  # how many targets the action may have: delayed effects wait per target



@dataclass
class Checker:
    """A scenario being checked: what every check reads, and how it reports."""

    scenario: Scenario
    source: SourceMap | None
    label: str
    problems: list[Problem] = field(default_factory=list)
    flags_set: set[str] = field(default_factory=set)
    flag_reads: list[tuple[ModelPath, str, str, Words]] = field(default_factory=list)
    delayed: list[tuple[ModelPath, int, int]] = field(default_factory=list)  # (path, slots, turns) per `after`
    # Scenarios repeat conditions; each distinct one is compiled once per scope.
    compiled: dict[tuple[str, str, bool], ExpressionError | tuple[frozenset[tuple[str, str]], int]] = field(
        default_factory=dict
    )
    cost: int = 0  # expression parts evaluated a turn, so far
    effect_count: int = 0
    cost_reported: bool = False

    def __post_init__(self) -> None:
        s = self.scenario
        self.stakeholders = [x.id for x in s.stakeholders]
        self.metrics = [x.id for x in s.metrics]
        self.programmes = [x.id for x in s.programmes]
        self.endings = [x.id for x in s.endings]

    def report(self, path: ModelPath, severity: Severity, message: Words, *, key: bool = False,
               at: tuple[int, int] | None = None) -> None:
        if at is None:
            if self.source is None:
                at = (1, 1)
            else:
                at = self.source.locate_key(path) if key else self.source.locate(path)
        self.problems.append(problem(self.label, at[0], at[1], severity, message))

    def unknown(self, path: ModelPath, sentence: Words, kind: str, name: str, known: Sequence[str],
                *, key: bool = False) -> None:
        """``<owner> <verb> <kind> `name`, which is not defined (did you mean ...)``."""
        self.report(path, "error", words("problem.check.unknown", sentence=sentence,
                                         kind=words(f"problem.check.kind.{kind}"), name=name,
                                         hint=suggestion(name, known)), key=key)

    def where(self, path: ModelPath) -> tuple[int, int]:
        return self.source.locate(path) if self.source else (1, 1)

    def names(self, target: TargetKind, each: bool = False) -> Names:
        return Names(self.stakeholders, self.programmes, self.metrics, target, each)

    def expression(self, path: ModelPath, text: str | float | int, owner: Owner, what: str,
                   *, each: bool = False, probability: bool = False, at_end: bool = False) -> None:
        """Compile one expression with the names in scope and count its work.

        ``at_end``: a debrief question's condition, evaluated once when the game
        is over, which may also read the player's record (``taken.ACTION`` ...).
        """
        if not isinstance(text, str):
            if probability and not 0.0 <= float(text) <= 1.0:
                self.report(path, "error", words("problem.check.probability", label=owner.words, what=what,
                                                 got=text))
            return
        memo_key = (text, "end" if at_end else owner.target, each)
        outcome = self.compiled.get(memo_key)
        if outcome is None:
            try:
                names = question_names(self.scenario) if at_end else self.names(owner.target, each)
                compiled = compile_expression(text, names)
                outcome = (compiled.references, compiled.size)
            except ExpressionError as exc:
                outcome = exc
            self.compiled[memo_key] = outcome
        if isinstance(outcome, ExpressionError):
            at = self.source.locate_in_text(path, outcome.offset, text) if self.source else None
            self.report(path, "error", words("problem.check.expression", label=owner.words, what=what,
                                             message=outcome.words or outcome.message), at=at)
            return
        references, size = outcome
        self.cost += 0 if at_end else size * owner.targets
        if self.cost > MAX_EXPRESSION_COST and not self.cost_reported:
            self.cost_reported = True
            self.report(path, "error", plural("problem.check.cost", self.cost, cost=Num(self.cost),
                                             limit=Num(MAX_EXPRESSION_COST)))
        for namespace, key in references:
            if namespace == "flag":
                self.flag_reads.append((path, text, key, owner.words))

    def effects(self, effects: Sequence[Effect], base: ModelPath, owner: Owner) -> None:
        for j, effect in enumerate(effects):
            self.effect(effect, (*base, j), owner)

    def effect(self, effect: Effect, path: ModelPath, owner: Owner) -> None:
        self.effect_count += 1
        if self.effect_count == MAX_TOTAL_EFFECTS + 1:
            self.report(path, "error", words("problem.check.effects", n=Num(self.effect_count),
                                             limit=Num(MAX_TOTAL_EFFECTS)))
        if isinstance(effect, TrustEffect | SupportEffect):
            kind = "trust" if isinstance(effect, TrustEffect) else "support"
            change = effect.trust if isinstance(effect, TrustEffect) else effect.support
            self.who(change.who, (*path, kind, "who"), owner, kind)
        elif isinstance(effect, EngageEffect):
            self.who(effect.engage.who, (*path, "engage", "who"), owner, "engage")
        elif isinstance(effect, RedLineEffect):
            self.who(effect.red_line.who, (*path, "red_line", "who"), owner, "red_line")
        elif isinstance(effect, MetricEffect):
            if effect.metric.id not in self.metrics:
                self.unknown((*path, "metric", "id"), words("problem.check.changes_metric", label=owner.words), "metric",
                             effect.metric.id, self.metrics)
        elif isinstance(effect, ProgressEffect):
            self.programme(effect.progress.programme, (*path, "progress", "programme"), owner, "progress")
        elif isinstance(effect, ForceEffect):
            self.programme(effect.force.programme, (*path, "force", "programme"), owner, "force")
        elif isinstance(effect, DropEffect):
            self.programme(effect.drop.programme, (*path, "drop", "programme"), owner, "drop")
        elif isinstance(effect, FlagEffect):
            self.flags_set.add(effect.flag.id)
        elif isinstance(effect, ChanceEffect):
            spec = effect.chance
            self.expression((*path, "chance", "p"), spec.p, owner, "chance p", probability=True)
            self.effects(spec.then, (*path, "chance", "then"), owner)
            self.effects(spec.else_, (*path, "chance", "else"), owner)
        elif isinstance(effect, AfterEffect):
            turns = self.scenario.meta.turns
            if effect.after.turns >= turns:
                self.report((*path, "after", "turns"), "warning", plural("problem.check.after", effect.after.turns, label=owner.words,
                                                                     delay=effect.after.turns, turns=turns))
            self.delayed.append((path, owner.targets, effect.after.turns))
            self.effects(effect.after.do, (*path, "after", "do"), owner)

    def who(self, who: str | list[str] | dict[Literal["where"], str], path: ModelPath, owner: Owner, verb: str) -> None:
        if isinstance(who, list):
            for i, name in enumerate(who):
                if name in ("target", "all") and name not in self.stakeholders:
                    self.report((*path, i), "error", words("problem.check.who_list_word", word=name))
                elif name not in self.stakeholders:
                    self.unknown((*path, i), words("problem.check.does", label=owner.words,
                                                    verb=words(f"problem.check.verb.{verb}")),
                                 "stakeholder", name, self.stakeholders)
            return
        if not isinstance(who, str):
            for key, text in who.items():
                self.expression((*path, key), text, owner, "who: where", each=True)
            return
        if who == "target":
            if owner.target != "stakeholder":
                has = "no_target" if owner.target == "none" else "programme_target"
                self.report(path, "error", words("problem.check.who_target", label=owner.words,
                                                 verb=words(f"problem.check.verb.{verb}"),
                                                 has=words(f"problem.check.has.{has}")))
            return
        if who != "all" and who not in self.stakeholders:
            self.unknown(path, words("problem.check.does", label=owner.words, verb=words(f"problem.check.verb.{verb}")),
                         "stakeholder", who, self.stakeholders)

    def programme(self, name: str, path: ModelPath, owner: Owner, verb: str) -> None:
        if name == "target":
            if owner.target != "programme":
                has = "no_target" if owner.target == "none" else "stakeholder_target"
                self.report(path, "error", words("problem.check.programme_target", label=owner.words,
                                                 verb=words(f"problem.check.verb.{verb}"),
                                                 has=words(f"problem.check.has.{has}")))
            return
        if name not in self.programmes:
            self.unknown(path, words("problem.check.does", label=owner.words, verb=words(f"problem.check.verb.{verb}")),
                         "programme", name, self.programmes)
