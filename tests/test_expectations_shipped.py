"""Every shipped scenario meets the teaching goals written in its `expectations:`."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.expectations_run import check_scenario, format_results
from game.scenario import loader

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_expectations_hold(path: Path) -> None:
    scenario = loader.load(path)
    results = check_scenario(scenario)
    broken = [r for r in results if r.verdict in ("fail", "error")]
    assert not broken, "\n".join(format_results(path.name, results))
