"""`shove run --trace`: every turn in JSON (a `trace` list beside the `turns` count) and as text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from game.scenario import catalog, loader
from game.sim.batch import play_decisions
from game.sim.decisions import Decision
from game.sim.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
TURN_KEYS = {"turn", "decisions", "events", "choices", "blocked", "trust", "support", "progress", "metrics", "score"}


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert main(["run", *argv, "--json"]) == 0
    data: dict = json.loads(capsys.readouterr().out)  # type: ignore[type-arg]
    return data


@pytest.mark.parametrize(("scenario", "policy", "seed"), [
    ("tutorial", "balanced", 1), ("system_reform", "force", 3), ("system_reform", "random", 8),
])
def test_the_trace_replays_exactly(capsys: pytest.CaptureFixture[str], scenario: str, policy: str, seed: int) -> None:
    data = run_json(capsys, scenario, "--policy", policy, "--seed", str(seed), "--trace")
    trace = data["trace"]
    assert data["turns"] == len(trace) and [t["turn"] for t in trace] == list(range(1, len(trace) + 1))
    decisions = [[Decision(d["action"], d["target"]) for d in t["decisions"]] for t in trace]
    choices = [t["choices"] for t in trace]
    engine = Engine(loader.load(catalog.resolve(scenario)))
    replay = play_decisions(engine, seed, decisions, choices, strict=True)
    assert replay.ending == data["ending"] and round(replay.score, 6) == data["score"]
    last = replay.turns[-1]
    for name in ("trust", "support", "progress", "metrics"):
        ids = engine.programmes if name == "progress" else engine.metrics if name == "metrics" else engine.stakeholders
        assert trace[-1][name] == {k: round(float(v), 6) for k, v in zip(ids, getattr(last, name), strict=True)}
    for frame, turn in zip(replay.turns, trace, strict=True):
        assert frame.fired == turn["events"] and frame.blocked == turn["blocked"]
        assert np.allclose(frame.trust, list(turn["trust"].values()), atol=1e-6)


def test_the_trace_has_every_turns_detail_and_keeps_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    plain = run_json(capsys, "system_reform", "--policy", "balanced", "--seed", "2")
    traced = run_json(capsys, "system_reform", "--policy", "balanced", "--seed", "2", "--trace")
    assert "trace" not in plain
    assert {k: v for k, v in traced.items() if k != "trace"} == plain
    engine = Engine(loader.load(catalog.resolve("system_reform")))
    for turn in traced["trace"]:
        assert set(turn) == TURN_KEYS
        assert list(turn["trust"]) == engine.stakeholders == list(turn["support"])
        assert list(turn["progress"]) == engine.programmes and list(turn["metrics"]) == engine.metrics
        assert set(turn["choices"]) <= set(turn["events"]) <= set(engine.events)
        assert all(isinstance(i, int) for i in turn["choices"].values())
        assert set(turn["blocked"]) <= set(engine.stakeholders)
    flat = [{"turn": t["turn"], **d} for t in traced["trace"] for d in t["decisions"]]
    assert flat == plain["decisions"]
    assert any(t["choices"] for t in traced["trace"]), "no event was answered: pick another seed"


def test_the_trace_follows_a_strategy(capsys: pytest.CaptureFixture[str]) -> None:
    spec = "docs/strategies/tackle_blockers.py:TackleBlockers"
    data = run_json(capsys, "system_reform", "--strategy", str(ROOT / spec.split(":")[0]) + ":TackleBlockers",
                    "--trace")
    assert len(data["trace"]) == data["turns"]


def test_the_text_trace_has_one_block_per_turn(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "system_reform", "--policy", "force", "--seed", "3", "--trace", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    head, _, trace = out.partition("\nTurn by turn:\n")
    assert "Score:" in head and trace
    blocks = trace.strip("\n").split("\n\n")
    data = run_json(capsys, "system_reform", "--policy", "force", "--seed", "3", "--trace")
    assert len(blocks) == data["turns"]
    first = blocks[0].splitlines()
    assert first[0] == "Quarter 1" and first[1].startswith("  Decisions: ")
    assert any(line.split() == ["Stakeholder", "trust", "support"] for line in first)
    assert any(line.startswith("  Progress: One centre for stroke") for line in first)
    assert any(line.startswith("  Metrics: ") for line in first) and first[-1].startswith("  Score: ")
    # Blocks name who blocked, and the events that fired with the answers given.
    assert "  Blocked: " in trace and "  Event: " in trace and "; answer: " in trace
    # Values come with their change over the turn, in points for shares and in the metric's unit.
    assert " pts)" in trace or " pt)" in trace


def test_the_text_trace_speaks_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "tutorial", "--policy", "balanced", "--trace", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Tour par tour :" in out and "Décisions : " in out and "Indicateurs : " in out
    assert " pts)" in out and ("\u00a0%" in out or " %" in out)
