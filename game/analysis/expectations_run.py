"""Running a scenario's expectations through the simulation, and wording the results."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from game.analysis.expectations import (
    AUDIT,
    CheckResult,
    check_audit_expectation,
    check_expectation,
)
from game.analysis.report import PolicySummary
from game.i18n import translate
from game.scenario.language import localise
from game.scenario.schema import Scenario

if TYPE_CHECKING:
    from game.analysis.audit import AuditReport, AuditSettings

DEFAULT_SEED = 0


def check_scenario(scenario: Scenario, seed: int = DEFAULT_SEED,
                   audit_settings: AuditSettings | None = None) -> list[CheckResult]:
    """Every bound of every expectation in the scenario, measured with seeded runs.

    Expectations that ask for the same policy and run count share one batch.
    The audit runs at most once, for all the audit expectations: with
    ``audit_settings`` (the audit's defaults unless given), ``seed``, the
    largest ``runs`` among those expectations and no time budget.
    """
    from game.analysis.runner import Job, tally_policies

    job = Job(scenario)
    cache: dict[tuple[str, int, int], PolicySummary] = {}

    def simulate(policy: str, runs: int, seed: int) -> PolicySummary:
        key = (policy, runs, seed)
        if key not in cache:
            cache[key] = tally_policies(job, [policy], runs, seed)[policy].summary()
        return cache[key]

    audited: list[AuditReport] = []
    audit_runs = max((e.runs for e in scenario.expectations if e.audit), default=0)

    def auditor() -> AuditReport:
        if not audited:
            from game.analysis.audit import AuditSettings, audit

            settings = replace(audit_settings or AuditSettings(), seed=seed, runs=audit_runs, budget=None)
            audited.append(audit(scenario, settings))
        return audited[0]

    endings = [e.id for e in scenario.endings]
    results: list[CheckResult] = []
    for expectation in scenario.expectations:
        if expectation.audit:
            results.extend(check_audit_expectation(expectation, auditor))
        else:
            results.extend(check_expectation(expectation, simulate, endings, seed))
    return results


VERDICTS = ("pass", "fail", "unsure", "error")


def format_results(name: str, results: list[CheckResult], lang: str | None = "en",
                   scenario_language: str = "en") -> Iterator[str]:
    """One line per bound, grouped under the scenario's name, in ``lang``; notes after failures.

    The scenario's own notes are shown in ``lang`` when the scenario has them in it,
    else in ``scenario_language``."""
    def say(key: str, /, **fields: object) -> str:
        return translate(lang, f"test.{key}", **fields)

    marks = {v: say(f"mark.{v}") for v in VERDICTS}
    width = max(len(m) for m in marks.values())
    indent = " " * (width + 3)
    yield name
    for r in results:
        who = say("audit") if r.policy == AUDIT else r.policy
        head = say("head", mark=marks[r.verdict].ljust(width), policy=who, quantity=r.describe_quantity(lang))
        if r.verdict == "error":
            yield say("error_line", head=head, problem=r.describe_problem(lang))
            continue
        yield say("line", head=head, measured=r.describe_measured(lang), bounds=r.describe_bounds(lang))
        if r.verdict == "unsure":
            yield indent + say("too_close")
        note = localise(r.note, lang, scenario_language)
        if r.verdict == "fail" and note:
            yield indent + say("why", note=note)
