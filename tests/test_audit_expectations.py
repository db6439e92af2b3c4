"""Expectations on audit figures: `shove test` judges them with the same
PASS / FAIL / UNSURE rules, runs the audit once per scenario, and names a
misspelt figure with a suggestion."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.analysis import audit as audit_module
from game.analysis.audit import AuditSettings
from game.analysis.expectations import AUDIT, CheckResult, check_audit_expectation, failed
from game.analysis.expectations_run import check_scenario, format_results
from game.analysis.rule_search import SearchSettings
from game.analysis.stats import Interval, difference_interval, wilson_interval
from game.scenario.checks import check_scenario as check
from game.scenario.schema import Expectation, Scenario

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "audit" / "dilemma.yaml"
ROOT = Path(__file__).resolve().parent.parent

# The FAST settings of test_audit.py: small, seeded, enough for a genuine verdict.
FAST = AuditSettings(
    runs=300, search=SearchSettings(population=16, generations=5, games=60), expert_games=40, rollouts=6,
    event_games=120, firings_per_event=80, exploit_games=150,
)


def scenario_with(expectations: list[dict[str, Any]]) -> Scenario:
    doc: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    doc["expectations"] = copy.deepcopy(expectations)
    return Scenario.model_validate(doc)


EXPECTATIONS: list[dict[str, Any]] = [
    {"audit": {"best_simple_success": {"min": 0.3}, "exploits": {"max": 0}, "dominant_event_answers": {"max": 3},
               "skill_gap": {"max": 0.6}},
     "runs": 300},
    {"audit": {"best_simple_success": {"max": 0.2}, "skill_gap": {"min": 0.5}, "never_best_actions": {"min": 2}},
     "runs": 300, "note": "A thoughtless rule should not win."},
]


@pytest.fixture(scope="module")
def checked() -> tuple[list[CheckResult], int]:
    calls = []
    real = audit_module.audit

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1])
        return real(*args, **kwargs)

    audit_module.audit = counting  # type: ignore[assignment]
    try:
        results = check_scenario(scenario_with(EXPECTATIONS), audit_settings=FAST)
    finally:
        audit_module.audit = real  # type: ignore[assignment]
    assert all(s.budget is None and s.runs == 300 and s.seed == 0 for s in calls)
    return results, len(calls)


def test_audit_figures_pass_and_fail_from_one_audit(checked: tuple[list[CheckResult], int]) -> None:
    results, audits = checked
    assert audits == 1
    verdicts = {(r.quantity, r.bounds.min, r.bounds.max): r.verdict for r in results}
    assert verdicts == {
        ("audit.best_simple_success", 0.3, None): "pass",
        ("audit.exploits", None, 0): "pass",
        ("audit.dominant_event_answers", None, 3): "pass",
        ("audit.skill_gap", None, 0.6): "pass",
        ("audit.best_simple_success", None, 0.2): "fail",
        ("audit.skill_gap", 0.5, None): "fail",
        ("audit.never_best_actions", 2, None): "fail",
    }
    assert failed(results)
    rate = next(r for r in results if r.quantity == "audit.best_simple_success")
    assert rate.interval is not None and rate.interval.confidence == 0.99 and rate.runs == 300
    count = next(r for r in results if r.quantity == "audit.exploits")
    assert count.interval is None and count.value == 0


def test_audit_results_in_words(checked: tuple[list[CheckResult], int]) -> None:
    results, _ = checked
    english = "\n".join(format_results("dilemma.yaml", results, "en"))
    lines = english.splitlines()
    assert any(line.split()[:2] == ["PASS", "audit:"] and line.endswith(
        "exploits (retreats that raise success) 0 (judged as measured, without an interval); expected at most 0")
        for line in lines), english
    assert any(line.split()[:2] == ["FAIL", "audit:"] and "best simple rule's success rate" in line for line in lines)
    assert "99% interval" in english
    assert "why it matters: A thoughtless rule should not win." in english
    french = "\n".join(format_results("dilemma.yaml", results, "fr"))
    assert "audit\u00a0: taux de réussite de la meilleure règle simple" in french and "ÉCHEC" in french
    assert "sans intervalle" in french


def test_a_misspelt_figure_is_named_with_a_suggestion() -> None:
    scenario = scenario_with([{"audit": {"skil_gap": {"min": 0.2}}}])
    problems = [str(p) for p in check(scenario)]
    assert any("`skil_gap`" in p and "did you mean `skill_gap`?" in p and "best_simple_success" in p
               for p in problems), problems
    # Checked without validation, it is an error that names the figure; no audit is run.
    results = check_audit_expectation(scenario.expectations[0], lambda: pytest.fail("no audit needed"))
    assert [r.verdict for r in results] == ["error"]
    assert "unknown audit figure 'skil_gap' (did you mean 'skill_gap'?)" in results[0].describe_problem("en")
    assert "vouliez-vous dire" in results[0].describe_problem("fr")


def test_an_audit_expectation_takes_no_policy() -> None:
    mixed = [str(p) for p in check(scenario_with([{"audit": {"exploits": {"max": 0}}, "policy": "force"}]))]
    assert any("also gives `policy`" in p for p in mixed), mixed
    neither = [str(p) for p in check(scenario_with([{"runs": 100}]))]
    assert any("names no policy" in p for p in neither), neither
    assert Expectation.model_validate({"audit": {"exploits": {"max": 0}}}).policy is None


def test_an_unmeasurable_share_is_unsure_not_failed() -> None:
    class Report:
        best_simple = type("B", (), {"games": 100})()

        def quantity(self, name: str) -> float | None:
            return None

    exp = Expectation.model_validate({"audit": {"partner_best_share": {"max": 0.5}}})
    results = check_audit_expectation(exp, lambda: Report())  # type: ignore[arg-type, return-value]
    assert [r.verdict for r in results] == ["unsure"] and not failed(results)
    assert results[0].policy == AUDIT and "not measured" in results[0].describe_measured("en")


def test_the_skill_gap_interval_is_newcombes() -> None:
    # Newcombe (1998), example (a): 56/70 against 48/80 at 95%: 0.0524 to 0.3339.
    gap = difference_interval(wilson_interval(56, 70, 0.95), wilson_interval(48, 80, 0.95))
    assert gap.estimate == pytest.approx(0.2)
    assert gap.low == pytest.approx(0.0524, abs=5e-4) and gap.high == pytest.approx(0.3339, abs=5e-4)
    whole = difference_interval(Interval(1.0, 0.9, 1.0, 0.99), Interval(0.0, 0.0, 0.1, 0.99))
    assert whole.high == 1.0 and whole.low == pytest.approx(1 - 0.1 * 2**0.5)


def test_shove_test_checks_audit_expectations(tmp_path: Path) -> None:
    doc = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    doc["expectations"] = [{"audit": {"exploits": {"max": 0}, "best_simple_success": {"max": 0.01}}, "runs": 100}]
    path = tmp_path / "dilemma.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game", "test", str(path), "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "PASS   audit: exploits" in out.stdout
    assert "FAIL   audit: best simple rule's success rate" in out.stdout
    assert "1 passed; 1 failed; 0 unsure." in out.stdout
    assert "Audit figures come from one `shove audit` per scenario" in out.stdout
