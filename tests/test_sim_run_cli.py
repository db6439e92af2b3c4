"""`shove run`: the JSON contract, readable text, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sim_network.yaml"


def test_run_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(FIXTURE), "--policy", "balanced", "--seed", "7", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"scenario", "seed", "policy", "ending", "outcome", "score", "turns",
                         "metrics", "trust", "support", "decisions"}
    assert data["scenario"] == "sim_network" and data["seed"] == 7 and data["policy"] == "balanced"
    assert data["outcome"] in ("success", "partial", "failure")
    assert 0 <= data["score"] <= 100 and 1 <= data["turns"] <= 12
    assert set(data["trust"]) == {f"s{i}" for i in range(10)} == set(data["support"])
    assert set(data["metrics"]) == {"access", "quality", "finance"}
    assert data["decisions"] and set(data["decisions"][0]) == {"turn", "action", "target"}
    assert all(1 <= d["turn"] <= data["turns"] for d in data["decisions"])


def test_run_is_repeatable_and_seeded(capsys: pytest.CaptureFixture[str]) -> None:
    outs = []
    for seed in ("1", "1", "2"):
        main(["run", str(FIXTURE), "--policy", "random", "--seed", seed, "--json"])
        outs.append(json.loads(capsys.readouterr().out))
    assert outs[0] == outs[1]
    assert outs[0]["decisions"] != outs[2]["decisions"]


def test_run_prints_readable_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(FIXTURE), "--policy", "partner"]) == 0
    out = capsys.readouterr().out
    assert "partner policy, seed 0" in out and "Score:" in out and "Decisions:" in out


def test_a_broken_scenario_is_reported_with_its_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(FIXTURE.read_text().replace("turns: 12", "turns: twelve"))
    out = subprocess.run([sys.executable, "-m", "game", "run", str(bad), "--policy", "force"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1
    assert f"{bad}:" in out.stderr and "Traceback" not in out.stderr
    first = out.stderr.splitlines()[0]
    line, col = first.split(":")[1:3]
    assert line.isdigit() and col.isdigit()


def test_an_unknown_scenario_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "no_such_scenario", "--policy", "force"]) == 2
    assert "no_such_scenario" in capsys.readouterr().err


def test_run_plays_the_same_game_as_run_0_of_a_batch(capsys: pytest.CaptureFixture[str]) -> None:
    from game.scenario import loader
    from game.sim.batch import simulate
    from game.sim.engine import Engine

    main(["run", str(FIXTURE), "--policy", "random", "--seed", "31", "--json"])
    data = json.loads(capsys.readouterr().out)
    engine = Engine(loader.load(FIXTURE))
    batch = simulate(engine, "random", 5, seed=31)
    assert data["score"] == round(float(batch.score[0]), 6)
    assert data["ending"] == engine.endings[int(batch.ending[0])]
    assert data["trust"]["s0"] == round(float(batch.trust[0, 0]), 6)
