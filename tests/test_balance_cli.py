"""`shove balance` and `balance()` on a small scenario, through the real engine."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from game.analysis.balance import balance
from game.analysis.balance_text import render
from game.analysis.report import OUTCOMES
from game.analysis.sensitivity import policies_for_sensitivity
from game.cli import main
from game.scenario import loader

# A small scenario written for these tests: two stakeholders, one change, a
# partner move, a push, a scripted event that always fires, one that never
# can, and an ending nobody reaches.
SMALL = """\
format: 1
meta:
  id: small_change
  title: A small change
  summary: Two partners and one change, for tests.
  turns: 6
  leadership_time: 2
stakeholders:
  - {id: board, name: The board, power: 0.6, trust: 0.6, support: 0.6}
  - {id: doctors, name: The doctors, power: 0.7, trust: 0.3, support: 0.3, stubbornness: 0.6}
influence:
  - {source: doctors, target: board, weight: 0.2}
metrics:
  - {id: waits, name: Waits, unit: weeks, initial: 18, min: 0, max: 52, target: 12,
     higher_is_better: false, noise: 0.5, benefits_from: {merger: -4}, disruption: 1.0}
  - {id: parking, name: Parking spaces, unit: spaces, initial: 300, min: 0, max: 1000, target: 300}
programmes:
  - {id: merger, name: The merger, effort: 2.0}
actions:
  - id: engage
    name: Invest in a partnership
    target: stakeholder
    stance: partner
    effects:
      - engage: {who: target}
  - id: force
    name: Force the decision
    cost: 2
    target: programme
    stance: push
    effects:
      - force: {programme: target}
  - id: gala
    name: Hold a gala
    available: "turn > 99"
    effects:
      - support: {who: all, by: 0.01}
events:
  - id: budget_day
    title: Budget day
    text: The budget arrives.
    when: "turn == 2"
    choices:
      - {text: Take it., effects: [{metric: {id: waits, by: -0.5}}]}
      - {text: Leave it.}
  - id: comet
    title: A comet
    text: It never comes.
    when: "turn > 99"
    choices:
      - {text: Look up.}
      - {text: Look away.}
endings:
  - {id: ousted, title: Ousted, text: You are gone., outcome: failure,
     when: "trust.board < 0.05", priority: 100, early: true}
  - {id: miracle, title: A miracle, text: Never happens., outcome: success,
     when: "progress.merger >= 2", priority: 90}
  - {id: merged, title: Merged, text: The merger happens., outcome: success,
     when: "progress.merger >= 0.7", priority: 50}
  - {id: stuck, title: Stuck, text: Nothing much happens., outcome: partial}
scoring:
  metrics: {waits: 1.0}
  programmes: {merger: 2.0}
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small_change.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_balance_report_adds_up(small: Path) -> None:
    scenario = loader.load(small)
    report = balance(scenario, ["partner", "force", "balanced", "random"], 300, seed=5)
    assert report.scenario == "small_change" and report.runs == 300 and report.seed == 5
    for s in report.policies.values():
        assert s.runs == 300
        assert sum(s.outcome_rates.values()) == pytest.approx(1.0)
        assert sum(s.ending_shares.values()) == pytest.approx(1.0)
        assert 0.0 <= s.score.p10 <= s.score.p50 <= s.score.p90 <= 100.0
        assert s.ending_shares["miracle"] == 0.0
    cov = report.coverage
    assert "miracle" in cov.endings_never_reached
    assert "comet" in cov.events_never_fired and "budget_day" in cov.events_always_fired
    assert "gala" in cov.actions_never_chosen
    assert cov.metrics_never_moving == ["parking"]
    assert any("'miracle' (A miracle)" in w for w in report.warnings)
    assert any("'budget_day' fires in every one" in w for w in report.warnings)
    # Partnering never forces, so under it the merger can only move through a coalition.
    assert report.policies["force"].action_choices["force"] > 0
    assert report.policies["partner"].action_choices["force"] == 0


def test_same_seed_same_report_and_chunking_does_not_matter(small: Path) -> None:
    scenario = loader.load(small)
    a = balance(scenario, ["random"], 250, seed=9)
    b = balance(scenario, ["random"], 250, seed=9, chunk=64)
    pa, pb = a.policies["random"], b.policies["random"]
    assert pa.ending_counts == pb.ending_counts and pa.event_runs == pb.event_runs
    assert pa.action_choices == pb.action_choices
    # Chunks sum in a different order: equal to rounding.
    assert pa.score.mean == pytest.approx(pb.score.mean, rel=1e-12)
    assert pa.score.p50 == pb.score.p50
    c = balance(scenario, ["random"], 250, seed=10)
    assert c.policies["random"] != a.policies["random"]


def test_balance_json_follows_the_contract(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["balance", str(small), "--runs", "120", "--policies", "force,balanced", "--seed", "3", "--json"])
    out = capsys.readouterr()
    assert code == 0
    assert out.err == ""
    data = json.loads(out.out)
    assert {"scenario", "runs", "seed", "elapsed_s", "policies", "warnings", "coverage"} <= set(data)
    assert data["scenario"] == "small_change" and data["runs"] == 120 and data["seed"] == 3
    assert isinstance(data["elapsed_s"], float) and data["elapsed_s"] >= 0
    assert list(data["policies"]) == ["force", "balanced"]
    for p in data["policies"].values():
        assert set(p["outcome_rates"]) == set(OUTCOMES)
        assert p["success_rate"] == p["outcome_rates"]["success"]
        assert set(p["score"]) == {"mean", "std", "p10", "p50", "p90"}
        assert set(p["endings"]) == {"ousted", "miracle", "merged", "stuck"}
    assert all(isinstance(w, str) for w in data["warnings"])
    assert data["coverage"]["events_never_fired"] == ["comet"]
    assert "miracle" in data["coverage"]["endings_never_reached"]
    assert "sensitivity" not in data


def test_balance_text_shows_tables_and_warnings(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["balance", str(small), "--runs", "100", "--policies", "partner,force"])
    out = capsys.readouterr()
    assert code == 0
    assert "Outcomes by policy" in out.out and "partner" in out.out and "force" in out.out
    assert "Endings never reached" in out.out and "miracle" in out.out
    assert "Warnings" in out.out
    # No progress bar when stderr is not a terminal.
    assert out.err == ""


def test_bad_scenario_prints_positions_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("power: 0.6", "power: 6"), encoding="utf-8")
    code = main(["balance", str(bad), "--runs", "50"])
    err = capsys.readouterr().err
    assert code == 1
    first = err.strip().splitlines()[0]
    assert first.startswith(f"{bad}:")
    line, col = first.removeprefix(f"{bad}:").split(":")[:2]
    assert int(line) == 9 and int(col) > 0
    assert "Traceback" not in err


def test_unknown_scenario_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["balance", "no_such_scenario_anywhere", "--runs", "50"])
    assert code == 2
    assert "no_such_scenario_anywhere" in capsys.readouterr().err


@pytest.mark.slow
def test_sensitivity_ranks_inputs_with_common_random_numbers(small: Path) -> None:
    scenario = loader.load(small)
    report = balance(scenario, ["force", "balanced"], 120, seed=2, sensitivity=True)
    sens = report.sensitivity
    assert sens is not None and sens.runs_per_variant == 100
    keys = [r.key for r in sens.rows]
    assert "model.trust_gain" in keys and "trust.doctors" in keys and "support.board" in keys
    assert {"cost.force", "strength.engage", "effort.merger", "power.doctors", "ending.merged.1"} <= set(keys)
    effects = [r.effect for r in sens.rows]
    assert effects == sorted(effects, reverse=True)
    # The baseline in every row is the same seeded batch.
    bases = {r.effects["force"].base for r in sens.rows}
    assert len(bases) == 1
    assert len({r.effects["force"].score.base for r in sens.rows if r.effects["force"].score}) == 1
    # Initial trust and support matter to a scenario that is mostly about them.
    assert effects[0] > 0
    data = report.as_json()["sensitivity"]
    assert data["runs_per_variant"] == 100 and len(data["rows"]) == len(sens.rows)
    assert data["policies_left_out"] == []

    buffer = io.StringIO()
    console = Console(file=buffer, width=120)
    for part in render(report):
        console.print(part)
    text = buffer.getvalue()
    assert "Sensitivity: what moves the results most" in text and "100 runs per variant" in text
    top = sens.rows[0]
    assert any(line.startswith(top.key) and f"{top.effect:.1f}" in line for line in text.splitlines())


def test_greedy_sits_out_sensitivity_unless_asked_alone() -> None:
    assert policies_for_sensitivity(["partner", "greedy", "force"]) == (["partner", "force"], ["greedy"])
    assert policies_for_sensitivity(["greedy"]) == (["greedy"], [])
    assert policies_for_sensitivity(["balanced"]) == (["balanced"], [])


@pytest.mark.slow
def test_worker_processes_give_the_same_report(small: Path) -> None:
    scenario = loader.load(small)
    here = balance(scenario, ["force", "random"], 300, seed=4, chunk=70, workers=0)
    there = balance(scenario, ["force", "random"], 300, seed=4, chunk=70, workers=2)
    assert here.policies == there.policies
    assert here.coverage == there.coverage and here.warnings == there.warnings
