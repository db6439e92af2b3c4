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
from pathlib import Path
from typing import Any

from game.i18n.words import Num
from game.scenario.checker import MAX_DELAY_CELLS, MAX_DELAYED_SLOTS, Checker, Owner
from game.scenario.ending_checks import (
    check_debrief,
    check_endings,
    check_scoring_and_expectations,
    check_shown_text,
)
from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import Problem, plural, suggestion, words
from game.scenario.schema import (
    BUILT_IN_KINDS,
    MAX_DELIBERATE,
    Scenario,
)
from game.scenario.translations import check_drawable, check_translations


class ScenarioChecks(Checker):
    """The semantic pass over a scenario's stakeholders, actions, events, flags and timing, with
    :mod:`game.scenario.ending_checks` for how the game ends."""

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

    def actions(self) -> None:
        budget = self.scenario.meta.leadership_time
        for i, action in enumerate(self.scenario.actions):
            owner = Owner(words("problem.owner.action", id=action.id), action.target)
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
            owner = Owner(words("problem.owner.event", id=event.id))
            self.expression(("events", i, "when"), event.when, owner, "when")
            self.expression(("events", i, "probability"), event.probability, owner, "probability",
                            probability=True)
            if not event.choices:
                self.report(("events", i), "error", words("problem.check.no_choices", id=event.id))
            for j, choice in enumerate(event.choices):
                if choice.id:
                    choice_owner = Owner(words("problem.owner.choice_id", id=event.id, choice=choice.id))
                else:
                    choice_owner = Owner(words("problem.owner.choice_n", id=event.id, n=j + 1))
                self.effects(choice.effects, ("events", i, "choices", j, "effects"), choice_owner)
        marked = [i for i, event in enumerate(self.scenario.events) if event.deliberate]
        for i in marked[MAX_DELIBERATE:]:
            self.report(("events", i, "deliberate"), "error",
                        words("problem.check.too_deliberate", id=self.scenario.events[i].id, most=MAX_DELIBERATE,
                              marked=", ".join(self.scenario.events[k].id for k in marked[:MAX_DELIBERATE])))

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
                self.expression(("reactions", i, "when"), reaction.when, Owner(label), "when", at_end=True)

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
    checker = ScenarioChecks(scenario, source, name)
    checker.run()
    check_translations(scenario, languages, checker)
    check_drawable(scenario, checker)
    return checker.problems
