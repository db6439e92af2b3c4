"""The semantic pass over how a game ends and is looked back on: endings, scoring, expectations, debrief.

Part of :mod:`game.scenario.checks`, whose checker these functions report
through (each problem at its position, among the others).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.positions import ModelPath
from game.scenario.problems import did_you_mean
from game.scenario.schema import Question

if TYPE_CHECKING:
    from game.scenario.checks import _Checker

# The built-in policies that expectations may name (the simulation defines them).
POLICIES = ("partner", "force", "balanced", "random", "greedy")


def check_endings(c: _Checker) -> None:
    """Exactly one fallback ending, conditions that compile, early endings with a condition."""
    from game.scenario.checks import _Owner

    endings = c.scenario.endings
    fallbacks = [i for i, e in enumerate(endings) if e.when is None]
    if not fallbacks:
        c.report(("endings",), "error", "no fallback ending: exactly one ending must have no "
                 "`when`, to be reached when no other ending's condition holds")
    for i in fallbacks[1:]:
        first = endings[fallbacks[0]].id
        c.report(("endings", i), "error", f"ending `{endings[i].id}` has no `when`, "
                 f"but `{first}` is already the fallback; give one of them a condition")
    for i, ending in enumerate(endings):
        owner = _Owner(f"ending `{ending.id}`")
        if ending.when is not None:
            c.expression(("endings", i, "when"), ending.when, owner, "when")
        elif ending.early:
            c.report(("endings", i, "early"), "error", f"ending `{ending.id}` is early but has "
                     "no `when`; an early ending needs a condition")


def check_scoring_and_expectations(c: _Checker) -> None:
    """Scoring weighs things that exist; expectations name real policies, endings and sane bounds."""
    scoring = c.scenario.scoring
    for name in scoring.metrics:
        if name not in c.metrics:
            c.unknown(("scoring", "metrics", name), "scoring weighs the", "metric", name, c.metrics, key=True)
    for name in scoring.programmes:
        if name not in c.programmes:
            c.unknown(("scoring", "programmes", name), "scoring weighs the", "programme", name,
                      c.programmes, key=True)
    for i, exp in enumerate(c.scenario.expectations):
        base: ModelPath = ("expectations", i)
        if exp.policy not in POLICIES:
            c.report((*base, "policy"), "error", f"expectation {i + 1} names the policy "
                     f"`{exp.policy}`, which does not exist{did_you_mean(exp.policy, POLICIES)}; "
                     f"the policies are {', '.join(POLICIES)}")
        for ending in exp.ending:
            if ending not in c.endings:
                c.unknown((*base, "ending", ending), f"expectation {i + 1} bounds the share of the",
                          "ending", ending, c.endings, key=True)
        for name in ("success_rate", "failure_rate", "mean_score"):
            bounds = getattr(exp, name)
            if bounds and bounds.min is not None and bounds.max is not None and bounds.min > bounds.max:
                c.report((*base, name), "error", f"expectation {i + 1}: `{name}` has min "
                         f"{bounds.min} above max {bounds.max}")


def check_debrief(c: _Checker) -> None:
    """Pause points within the game; questions' conditions compile with an ending's names and the record."""
    from game.scenario.checks import _Owner

    debrief = c.scenario.debrief
    turns = c.scenario.meta.turns
    for i, pause in enumerate(debrief.pause_points):
        if pause.after_turn > turns:
            c.report(("debrief", "pause_points", i, "after_turn"), "warning",
                     f"pause after turn {pause.after_turn} comes after the last turn ({turns}) "
                     "and will never happen")
    for i, question in enumerate(debrief.questions):
        if isinstance(question, Question) and question.when is not None:
            owner = _Owner(f"debrief question {i + 1}")
            c.expression(("debrief", "questions", i, "when"), question.when, owner, "when", at_end=True)
