"""Seeded runs of every policy on every shipped scenario match their golden baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import golden

PATHS = golden.scenario_paths()


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_seeded_runs_match_the_golden_baseline(path: Path) -> None:
    found = golden.problem(path, golden.golden_path(path))
    if found:
        pytest.fail(found)


def test_a_stale_or_missing_baseline_says_what_to_do(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text((golden.ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8"))
    target = tmp_path / "tiny.json"
    assert "run `make golden`" in (golden.problem(scenario, target) or "")
    target.write_text(json.dumps(golden.record(scenario)))
    assert golden.problem(scenario, target) is None
    data = json.loads(target.read_text())
    data["policies"]["force"][0]["score"] += 1e-6
    target.write_text(json.dumps(data))
    assert "policy force: seeded runs no longer match" in (golden.problem(scenario, target) or "")
    scenario.write_text(scenario.read_text() + "\n# tuned\n")
    assert "has changed since its golden baseline" in (golden.problem(scenario, target) or "")
