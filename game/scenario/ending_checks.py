"""The semantic pass over how a game ends and is looked back on: endings, scoring, expectations, debrief.

Part of the semantic pass (:mod:`game.scenario.checks` runs it); these functions report through
its :class:`~game.scenario.checker.Checker`, each problem at its position, among the others.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n.words import Words
from game.scenario.checker import Checker, Owner
from game.scenario.positions import ModelPath
from game.scenario.problems import plural, suggestion, words
from game.scenario.schema import AUDIT_FIGURES, POLICIES, Question, TextVariant


def check_endings(c: Checker) -> None:
    """Exactly one fallback ending, conditions that compile, early endings with a condition."""
    endings = c.scenario.endings
    fallbacks = [i for i, e in enumerate(endings) if e.when is None]
    if not fallbacks:
        c.report(("endings",), "error", words("problem.check.no_fallback"))
    for i in fallbacks[1:]:
        first = endings[fallbacks[0]].id
        c.report(("endings", i), "error", words("problem.check.two_fallbacks", id=endings[i].id, first=first))
    for i, ending in enumerate(endings):
        owner = Owner(words("problem.owner.ending", id=ending.id))
        if ending.when is not None:
            c.expression(("endings", i, "when"), ending.when, owner, "when")
        elif ending.early:
            c.report(("endings", i, "early"), "error", words("problem.check.early", id=ending.id))
        check_shown_text(c, ("endings", i), None, ending.variants, owner.words)


def check_scoring_and_expectations(c: Checker) -> None:
    """Scoring weighs things that exist; expectations name real policies, endings and sane bounds."""
    scoring = c.scenario.scoring
    for name in scoring.metrics:
        if name not in c.metrics:
            c.unknown(("scoring", "metrics", name), words("problem.check.weighs"), "metric", name, c.metrics,
                      key=True)
    for name in scoring.programmes:
        if name not in c.programmes:
            c.unknown(("scoring", "programmes", name), words("problem.check.weighs"), "programme", name,
                      c.programmes, key=True)
    for i, exp in enumerate(c.scenario.expectations):
        base: ModelPath = ("expectations", i)
        if exp.audit:
            _check_audit_expectation(c, base, i + 1)
            continue
        if exp.policy is None:
            c.report(base, "error", words("problem.check.no_policy", n=i + 1, policies=", ".join(POLICIES)))
        elif exp.policy not in POLICIES:
            c.report((*base, "policy"), "error", plural("problem.check.policy", i + 1, n=i + 1, policy=exp.policy,
                                                       hint=suggestion(exp.policy, POLICIES),
                                                       policies=", ".join(POLICIES)))
        for ending in exp.ending:
            if ending not in c.endings:
                c.unknown((*base, "ending", ending), plural("problem.check.bounds_share", i + 1, n=i + 1),
                          "ending", ending, c.endings, key=True)
        for name in ("success_rate", "failure_rate", "mean_score"):
            bounds = getattr(exp, name)
            if bounds and bounds.min is not None and bounds.max is not None and bounds.min > bounds.max:
                c.report((*base, name), "error", words("problem.check.min_max", n=i + 1, name=name,
                                                       min=bounds.min, max=bounds.max))


def _check_audit_expectation(c: Checker, base: ModelPath, n: int) -> None:
    """An audit expectation names real audit figures, with sane bounds, and no policy."""
    exp = c.scenario.expectations[n - 1]
    mixed = [name for name in ("policy", "success_rate", "failure_rate", "mean_score")
             if getattr(exp, name) is not None] + (["ending"] if exp.ending else [])
    if mixed:
        c.report((*base, mixed[0]), "error", words("problem.check.audit_mixed", n=n, name=mixed[0]))
    for name, bounds in exp.audit.items():
        if name not in AUDIT_FIGURES:
            c.report((*base, "audit", name), "error", words(
                "problem.check.audit_figure", n=n, name=name, hint=suggestion(name, AUDIT_FIGURES),
                figures=", ".join(AUDIT_FIGURES)), key=True)
        elif bounds.min is not None and bounds.max is not None and bounds.min > bounds.max:
            c.report((*base, "audit", name), "error", words("problem.check.min_max", n=n, name=name,
                                                            min=bounds.min, max=bounds.max))


def check_debrief(c: Checker) -> None:
    """Pause points within the game; questions' conditions compile with an ending's names and the record."""
    debrief = c.scenario.debrief
    turns = c.scenario.meta.turns
    for i, pause in enumerate(debrief.pause_points):
        if pause.after_turn > turns:
            c.report(("debrief", "pause_points", i, "after_turn"), "warning",
                     plural("problem.check.pause_turn", pause.after_turn, turn=pause.after_turn, turns=turns))
    for i, question in enumerate(debrief.questions):
        if isinstance(question, Question) and question.when is not None:
            owner = Owner(words("problem.owner.question", n=i + 1))
            c.expression(("debrief", "questions", i, "when"), question.when, owner, "when", at_end=True)
    for i, pause in enumerate(debrief.pause_points):
        check_shown_text(c, ("debrief", "pause_points", i), pause.when, pause.variants,
                         words("problem.owner.pause", n=i + 1))


def check_shown_text(c: Checker, base: ModelPath, when: str | None, variants: Sequence[TextVariant],
                     label: Words) -> None:
    """A shown text's condition and its variants' conditions compile with the state's names and the record."""
    if when is not None:
        c.expression((*base, "when"), when, Owner(label), "when", at_end=True)
    for j, variant in enumerate(variants):
        owner = Owner(words("problem.owner.variant", owner=label, n=j + 1))
        c.expression((*base, "variants", j, "when"), variant.when, owner, "when", at_end=True)
