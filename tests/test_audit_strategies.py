"""`shove audit --strategy FILE.py:NAME`: an author's own strategies are played
on the same games as the best simple rule and shown beside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis import audit as audit_module
from game.analysis.audit import AuditReport, AuditSettings, audit
from game.analysis.audit_page import render as render_page
from game.analysis.audit_text import strategy_lines
from game.analysis.rule_search import SearchSettings
from game.scenario import loader
from game.sim import random as rnd
from game.sim.batch import play_seeds
from game.sim.engine import Engine
from game.sim.strategy_file import load_strategy

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "audit" / "dilemma.yaml"
SPECS = [f"{ROOT}/docs/strategies/patient_then_push.py:PatientThenPush",
         f"{ROOT}/docs/strategies/tackle_blockers.py:TackleBlockers"]
FAST = AuditSettings(
    runs=200, search=SearchSettings(population=16, generations=4, games=60), expert_games=20, rollouts=4,
    event_games=60, firings_per_event=40, exploit_games=60,
)


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit(loader.load(FIXTURE), FAST, strategies={spec: load_strategy(spec) for spec in SPECS})


def test_strategies_are_played_on_the_best_rules_games(report: AuditReport) -> None:
    assert [s.spec for s in report.strategies] == SPECS
    engine = Engine(loader.load(FIXTURE))
    seeds = rnd.run_seeds(audit_module._seed(FAST.seed, 2), FAST.runs)
    for found in report.strategies:
        again = play_seeds(engine, load_strategy(found.spec), seeds)
        assert found.success.estimate == (again.outcome == 0).mean()
        assert found.mean_score == pytest.approx(float(again.score.mean()))
        assert found.games == report.best_simple.games == FAST.runs
        assert found.success.low <= found.success.estimate <= found.success.high


def test_strategies_in_json_text_and_page(report: AuditReport) -> None:
    data = report.to_json("", [])
    assert set(data["strategies"]) == set(SPECS)
    mine = data["strategies"][SPECS[0]]
    assert set(mine) >= {"success_rate", "interval", "mean_score"}
    assert mine["interval"][0] <= mine["success_rate"] <= mine["interval"][1]
    lines = strategy_lines(report, "en")
    assert len(lines) == 2 and lines[0].startswith(f"Your strategy {SPECS[0]}:")
    assert "against the best simple rule, in points" in lines[0]
    assert "Votre stratégie" in strategy_lines(report, "fr")[0]
    page = render_page(report, Engine(loader.load(FIXTURE)), "en")
    assert "Your strategies" in page and "PatientThenPush" in page
    assert json.loads(json.dumps(data))["strategies"] == data["strategies"]


def test_a_strategy_that_cannot_be_loaded_stops_the_audit_first(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "game", "audit", str(FIXTURE), "--strategy",
                          str(tmp_path / "nowhere.py:Mine")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 2
    assert "nowhere.py" in out.stderr and "Traceback" not in out.stderr
