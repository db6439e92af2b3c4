"""The limits that keep a hostile scenario from exhausting memory or CPU (docs/security.md).

Each limit refuses a file just past it with a position and the limit named, and lets a file at it
through; the built-in scenarios sit far inside every one of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario import checker, checks, schema
from game.scenario.loader import load, validate_path, validate_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yaml"
FORTY = ROOT / "tests" / "fixtures" / "edge" / "forty_stakeholders.yaml"


def data(path: Path = FIXTURE) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check(value: Any) -> list[str]:
    # Dump without aliases, as an author would write it out.
    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    text = yaml.dump(value, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=200)
    result = validate_text(text, "limits.yaml")
    for problem in result.errors:
        assert problem.line >= 1 and problem.column >= 1, problem
    return [p.message for p in result.errors]


def engage_with_delays(count: int, turns: int) -> list[dict[str, Any]]:
    return [{"after": {"turns": turns, "do": [{"trust": {"who": "target", "by": 0.01}}]}} for _ in range(count)]


def test_delayed_effects_within_the_budget_are_accepted() -> None:
    d = data(FORTY)
    # 10 x 40 targets, less the pilot's own delayed effect: 400 slots, 2,800 slot-turns
    d["actions"][0]["effects"] = [*engage_with_delays(10, 6)[:-1], {"engage": {"who": "target"}}]
    assert check(d) == []


def test_delayed_effects_past_the_slot_budget_are_refused() -> None:
    d = data(FORTY)
    d["actions"][0]["effects"] = engage_with_delays(11, 6)
    errors = check(d)
    assert len(errors) == 1 and "too many delayed effects" in errors[0] and "440 waiting slots" in errors[0]


def test_long_delays_count_against_the_slot_turn_budget() -> None:
    d = data(FORTY)
    d["meta"]["turns"] = 60
    d["actions"][0]["effects"] = engage_with_delays(3, 59)  # 120 slots x 60 rows = 7,200 slot-turns
    errors = check(d)
    assert len(errors) == 1 and f"{checker.MAX_DELAY_CELLS:,} slot-turns" in errors[0]


def big_condition(terms: int) -> str:
    return " + ".join(["min(trust.target, mean(support))"] * terms) + " >= 0"


def test_expression_work_past_the_budget_is_refused_once() -> None:
    d = data(FORTY)
    for i in range(12):
        action = dict(d["actions"][0], id=f"act_{i}", available=big_condition(10))
        d["actions"].append(action)
    errors = check(d)
    assert len(errors) == 1 and "too much work" in errors[0]


def test_the_built_in_scenarios_are_far_inside_the_work_limits() -> None:
    seen: dict[str, tuple[int, int, int]] = {}
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert validate_path(path).ok
        checked = checks.ScenarioChecks(load(path), None, str(path))
        assert not [p for p in checked.run() if p.severity == "error"]
        seen[path.stem] = (checked.cost, checked.effect_count, sum(n for _, n, _ in checked.delayed))
    assert len(seen) >= 3
    for name, (cost, effects, slots) in seen.items():
        assert cost * 10 < checker.MAX_EXPRESSION_COST, name
        assert effects * 10 < checker.MAX_TOTAL_EFFECTS, name
        assert slots * 10 < checker.MAX_DELAYED_SLOTS, name


def test_too_many_effects_in_the_whole_scenario_are_refused() -> None:
    d = data(FORTY)
    event = d["events"][0]
    d["events"] = []
    for i in range(200):
        choices = [{"text": f"choice {j}", "effects": [{"flag": {"id": "x", "by": 1}}] * 3} for j in range(6)]
        d["events"].append(dict(event, id=f"event_{i}", choices=choices))
    errors = check(d)  # 3,600 effects
    assert len(errors) == 1 and "too many effects" in errors[0]


@pytest.mark.parametrize(
    ("where", "value", "words"),
    [
        (("events", 0, "choices"), [{"text": f"c{i}"} for i in range(schema.MAX_CHOICES + 1)], "at most 6 items"),
        (("actions", 0, "effects"), [{"engage": {"who": "target"}}] * (schema.MAX_EFFECTS + 1), "at most 30 items"),
        (("expectations", 0, "runs"), schema.MAX_EXPECTATION_RUNS + 1, "100,000"),
        (("meta", "languages"), [f"l{chr(97 + i)}" for i in range(13)], "at most 12 items"),
        (("stakeholders", 0, "name"), {"en": "x" * 81}, "at most 80 characters"),
        (("meta", "briefing"), "word " * 1001, "at most 5000 characters"),
        (("expectations", 0, "note"), "n" * 5001, "at most 5000 characters"),
    ],
)
def test_each_list_and_text_limit_is_refused_just_past_it(where: tuple[Any, ...], value: Any, words: str) -> None:
    d = data()
    parent = d
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = value
    errors = check(d)
    assert any(words in e or words.replace(",", "_") in e or words.replace(",", "") in e for e in errors), errors


def test_numbers_past_the_magnitude_limit_are_refused_with_their_position() -> None:
    d = data()
    d["metrics"][0].update(min=-1e308, noise=1e308)
    d["actions"][3]["effects"][0]["progress"]["by"] = 1e12
    errors = check(d)
    assert len(errors) == 3 and all(f"{schema.MAX_MAGNITUDE:.0f}" in e for e in errors), errors
