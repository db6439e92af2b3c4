"""A simple rule in words, in the author's language.

"Until quarter 2: Invest in a partnership (whoever has most trust to gain).
From quarter 3: Force the decision (the least-advanced programme), then Take
the board with you. Events: the partner answer." The actions are named as
the scenario names them; the rest comes from the ``audit.rule.*`` keys.
"""

from __future__ import annotations

import numpy as np

from game.i18n import translate
from game.i18n.numbers import percent
from game.scenario.language import localise
from game.sim.engine import Engine
from game.sim.simple_rules import ANSWERS, PROGRAMME_CHOICES, SELECTORS, RuleBook


def describe_rule(engine: Engine, book: RuleBook, lang: str | None = "en") -> str:
    """Rule 0 of ``book`` as sentences."""
    scenario = engine.scenario
    fallback = scenario.meta.language
    label = localise(scenario.meta.turn_label, lang, fallback).lower() or translate(lang, "audit.rule.turn")
    switch = int(book.switch_turn[0])
    ready = float(book.ready_at[0])
    last = engine.turns

    def t(key: str, **fields: object) -> str:
        return translate(lang, f"audit.rule.{key}", **fields)

    def plan(phase: int) -> str:
        weights = book.weights[0, phase]
        used = [int(a) for a in np.argsort(-weights, kind="stable") if weights[a] > 0]
        if not used:
            return t("nothing")
        parts = []
        for a in used:
            action = scenario.actions[a]
            name = localise(action.name, lang, fallback)
            if action.target == "stakeholder":
                selector = book.confront_by[0] if action.stance == "push" else book.engage_by[0]
                name = t("targeted", action=name, target=t(f"selector.{SELECTORS[int(selector)]}"))
            elif action.target == "programme":
                name = t("targeted", action=name, target=t(f"programme.{PROGRAMME_CHOICES[int(book.programme_by[0])]}"))
            parts.append(name)
        return t("then").join(parts)

    readiness = np.isfinite(ready)
    sentences = []
    if switch <= 1:
        sentences.append(t("throughout", plan=plan(1)))
    elif switch > last and not readiness:
        sentences.append(t("throughout", plan=plan(0)))
    else:
        share = percent(ready, lang, 0)
        if switch > last:
            until = t("before_ready", share=share)
            when = t("once_ready", share=share)
        elif readiness:
            until = t("before_turn_or_ready", label=label, turn=switch, share=share)
            when = t("from_turn_or_ready", label=label, turn=switch, share=share)
        else:
            until = t("before_turn", label=label, turn=switch - 1)
            when = t("from_turn", label=label, turn=switch)
        sentences.append(t("before", when=until, plan=plan(0)))
        sentences.append(t("after", when=when, plan=plan(1)))
    sentences.append(t(f"answer.{ANSWERS[int(book.answer[0])]}"))
    return " ".join(sentences)
