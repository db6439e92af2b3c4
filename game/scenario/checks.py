"""The semantic pass: what the schema alone cannot see, each problem at its position.

Runs on a Scenario that already matches the schema: duplicate ids, references
to ids that do not exist (naming both ends, with a did-you-mean), every
expression compiled with the names in scope, endings, events, hints and pause
points, flags that are read but never set, self-loops in the influence
network, the limits on the work a scenario may ask of every simulated game,
and (through :mod:`game.scenario.translations`) the player's texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from game.scenario.ending_checks import (
    check_debrief,
    check_endings,
    check_scoring_and_expectations,
    check_shown_text,
)
from game.scenario.expression_compiler import compile_expression
from game.scenario.expressions import ExpressionError, Names
from game.scenario.player_record import question_names
from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import Num, Problem, Severity, Words, plural, problem, suggestion, words
from game.scenario.schema import (
    BUILT_IN_KINDS,
    AfterEffect,
    ChanceEffect,
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
from game.scenario.translations import check_drawable, check_translations

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
class _Owner:
    """Who an effect or expression belongs to, in words, and what its target is."""

    words: Words
    target: TargetKind = "none"
    targets: int = 1  # how many targets the action may have: delayed effects wait per target


@dataclass
class _Checker:
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

    # -- reporting

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

    # -- the checks

    def run(self) -> list[Problem]:
        self.duplicate_ids()
        self.kinds()
        self.influence()
        self.metrics_and_programmes()
        self.actions()
        self.events()
        check_endings(self)
        check_scoring_and_expectations(self)
        check_debrief(self)
        self.timing()
        self.reactions()
        self.unset_flags()
        self.delay_budget()
        self.file_name()
        return self.problems

    def delay_budget(self) -> None:
        """Refuse `after` effects that would hold too much waiting state in every simulated game."""
        slots = longest = 0
        for path, count, turns in self.delayed:
            slots += count
            longest = max(longest, turns)
            cells = slots * (longest + 1)
            if slots > MAX_DELAYED_SLOTS or cells > MAX_DELAY_CELLS:
                self.report(path, "error", plural("problem.check.delayed", slots, slots=slots, turns=longest,
                                                 limit=MAX_DELAYED_SLOTS, cells=Num(MAX_DELAY_CELLS)))
                return

    def duplicate_ids(self) -> None:
        s = self.scenario
        sections: list[tuple[str, Sequence[Any]]] = [
            ("kinds", s.kinds),
            ("stakeholders", s.stakeholders),
            ("metrics", s.metrics),
            ("programmes", s.programmes),
            ("actions", s.actions),
            ("events", s.events),
            ("endings", s.endings),
        ]
        for section, items in sections:
            first: dict[str, int] = {}
            for i, item in enumerate(items):
                if item.id in first:
                    line = self.where((section, first[item.id], "id"))[0]
                    self.report((section, i, "id"), "error",
                                words(f"problem.check.duplicate.{section}", id=item.id, line=line))
                else:
                    first[item.id] = i
        for i, event in enumerate(s.events):
            seen: set[str] = set()
            for j, choice in enumerate(event.choices):
                if choice.id is not None and choice.id in seen:
                    self.report(("events", i, "choices", j, "id"), "error",
                                words("problem.check.duplicate_choice", event=event.id, choice=choice.id))
                if choice.id is not None:
                    seen.add(choice.id)

    def where(self, path: ModelPath) -> tuple[int, int]:
        return self.source.locate(path) if self.source else (1, 1)

    def influence(self) -> None:
        pairs: dict[tuple[str, str], int] = {}
        for i, edge in enumerate(self.scenario.influence):
            base: ModelPath = ("influence", i)
            for role in ("source", "target"):
                name = getattr(edge, role)
                if name not in self.stakeholders:
                    self.unknown((*base, role), words(f"problem.check.edge_{role}", n=i + 1, source=edge.source,
                                                      target=edge.target), "stakeholder", name, self.stakeholders)
            if edge.source == edge.target:
                self.report(base, "warning", plural("problem.check.self_edge", i + 1, n=i + 1, source=edge.source))
            pair = (edge.source, edge.target)
            if pair in pairs:
                self.report(base, "warning", words("problem.check.twice_edge", source=edge.source,
                                                   target=edge.target, first=pairs[pair] + 1, n=i + 1))
            pairs.setdefault(pair, i)

    def metrics_and_programmes(self) -> None:
        for i, metric in enumerate(self.scenario.metrics):
            for programme in metric.benefits_from:
                if programme not in self.programmes:
                    self.unknown(("metrics", i, "benefits_from", programme),
                                 words("problem.check.benefits", metric=metric.id), "programme", programme,
                                 self.programmes, key=True)
        for i, prog in enumerate(self.scenario.programmes):
            for j, name in enumerate(prog.affects):
                if name not in self.stakeholders:
                    self.unknown(("programmes", i, "affects", j), words("problem.check.affects", programme=prog.id),
                                 "stakeholder", name, self.stakeholders)

    def names(self, target: TargetKind, each: bool = False) -> Names:
        return Names(self.stakeholders, self.programmes, self.metrics, target, each)

    def expression(self, path: ModelPath, text: str | float | int, owner: _Owner, what: str,
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

    def effects(self, effects: Sequence[Effect], base: ModelPath, owner: _Owner) -> None:
        for j, effect in enumerate(effects):
            self.effect(effect, (*base, j), owner)

    def effect(self, effect: Effect, path: ModelPath, owner: _Owner) -> None:
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

    def who(self, who: str | list[str] | dict[Literal["where"], str], path: ModelPath, owner: _Owner, verb: str) -> None:
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

    def programme(self, name: str, path: ModelPath, owner: _Owner, verb: str) -> None:
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

    def actions(self) -> None:
        budget = self.scenario.meta.leadership_time
        for i, action in enumerate(self.scenario.actions):
            owner = _Owner(words("problem.owner.action", id=action.id), action.target)
            owner.targets = {"none": 1, "stakeholder": len(self.stakeholders),
                             "programme": len(self.programmes)}[action.target]
            if action.cost > budget:
                self.report(("actions", i, "cost"), "warning", words("problem.check.cost_budget", id=action.id,
                                                                     cost=action.cost, budget=budget))
            if action.available is not None:
                self.expression(("actions", i, "available"), action.available, owner, "available")
            elif action.unavailable_text is not None:
                self.report(("actions", i, "unavailable_text"), "warning",
                            words("problem.check.unavailable_text", id=action.id))
            self.effects(action.effects, ("actions", i, "effects"), owner)

    def events(self) -> None:
        for i, event in enumerate(self.scenario.events):
            owner = _Owner(words("problem.owner.event", id=event.id))
            self.expression(("events", i, "when"), event.when, owner, "when")
            self.expression(("events", i, "probability"), event.probability, owner, "probability",
                            probability=True)
            if not event.choices:
                self.report(("events", i), "error", words("problem.check.no_choices", id=event.id))
            for j, choice in enumerate(event.choices):
                if choice.id:
                    choice_owner = _Owner(words("problem.owner.choice_id", id=event.id, choice=choice.id))
                else:
                    choice_owner = _Owner(words("problem.owner.choice_n", id=event.id, n=j + 1))
                self.effects(choice.effects, ("events", i, "choices", j, "effects"), choice_owner)

    def timing(self) -> None:
        turns = self.scenario.meta.turns
        for i, hint in enumerate(self.scenario.hints):
            if hint.turn > turns:
                self.report(("hints", i, "turn"), "warning", plural("problem.check.hint_turn", hint.turn, turn=hint.turn,
                                                                   turns=turns))
            check_shown_text(self, ("hints", i), hint.when, hint.variants, words("problem.owner.hint", n=i + 1))

    def reactions(self) -> None:
        """Each reaction names a stakeholder (and an event, for `answered`), its condition compiles as a hint's."""
        events = [e.id for e in self.scenario.events]
        for i, reaction in enumerate(self.scenario.reactions):
            label = words("problem.owner.reaction", n=i + 1)
            if reaction.who not in self.stakeholders:
                self.unknown(("reactions", i, "who"), words("problem.check.reaction_who", n=i + 1), "stakeholder",
                             reaction.who, self.stakeholders)
            if reaction.event is not None:
                if reaction.trigger != "answered":
                    self.report(("reactions", i, "event"), "warning",
                                words("problem.check.reaction_event_unused", n=i + 1, trigger=reaction.trigger))
                elif reaction.event not in events:
                    self.unknown(("reactions", i, "event"), words("problem.check.reaction_event", n=i + 1), "event",
                                 reaction.event, events)
            if reaction.when is not None:
                self.expression(("reactions", i, "when"), reaction.when, _Owner(label), "when", at_end=True)

    def kinds(self) -> None:
        """Each stakeholder's kind is a built-in one or one the scenario declares under `kinds`."""
        known = [*BUILT_IN_KINDS, *(k.id for k in self.scenario.kinds if k.id not in BUILT_IN_KINDS)]
        for i, stakeholder in enumerate(self.scenario.stakeholders):
            if stakeholder.kind in known:
                continue
            self.report(("stakeholders", i, "kind"), "error",
                        words("problem.check.unknown_kind", id=stakeholder.id, kind=stakeholder.kind,
                              hint=suggestion(stakeholder.kind, known), kinds=", ".join(known)))

    def unset_flags(self) -> None:
        for path, text, name, owner in self.flag_reads:
            if name in self.flags_set:
                continue
            offset = max(text.find(f"flag.{name}"), 0)
            at = self.source.locate_in_text(path, offset, text) if self.source else None
            # Most often a misspelling of a flag an effect does set: name it.
            self.report(path, "warning", words("problem.check.unset_flag", label=owner, flag=name,
                                               hint=suggestion(name, sorted(self.flags_set))), at=at)

    def file_name(self) -> None:
        label = Path(self.label)
        if label.suffix in (".yaml", ".yml") and label.stem != self.scenario.meta.id:
            self.report(("meta", "id"), "warning", words("problem.check.file_name", id=self.scenario.meta.id,
                                                         name=label.name))


def check_scenario(scenario: Scenario, source: SourceMap | None = None, *,
                   languages: Sequence[str] = (), label: str | None = None) -> list[Problem]:
    """Every semantic problem in a scenario that already matches the schema.

    ``source`` gives positions (from the loader); without it problems point
    at line 1. ``languages`` adds languages to check translations for.
    """
    name = label if label is not None else (source.label if source else "<scenario>")
    checker = _Checker(scenario, source, name)
    checker.run()
    check_translations(scenario, languages, checker)
    check_drawable(scenario, checker)
    return checker.problems
