"""The JSON Schema editors check files against agrees with the loader: what loads is valid there,
and a slip the loader refuses is refused there too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from game.commands.schema import schema_document
from game.scenario import loader

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
FIXTURES = [ROOT / "tests" / "fixtures" / name for name in ("minimal.yaml", "author_written.yaml", "rtl_tutorial_ar.yaml")]


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = schema_document()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def data(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [*SCENARIOS, *FIXTURES], ids=lambda p: p.stem)
def test_every_scenario_the_loader_accepts_is_valid_against_the_schema(
    validator: jsonschema.protocols.Validator, path: Path
) -> None:
    assert loader.validate_path(path).ok
    assert [e.message for e in validator.iter_errors(data(path))] == []


def test_a_text_kept_in_its_own_file_is_valid_and_a_bad_reference_is_not(
    validator: jsonschema.protocols.Validator,
) -> None:
    scenario = data(ROOT / "tests" / "fixtures" / "minimal.yaml")
    scenario["meta"]["briefing"] = {"file": "texts/briefing.md"}
    scenario["meta"]["title"] = {"en": {"file": "title.en.txt"}, "fr": "Titre"}
    assert [e.message for e in validator.iter_errors(scenario)] == []
    for bad in ({"file": "/etc/passwd.md"}, {"file": "briefing.yaml"}, {"file": "x.md", "other": 1}):
        scenario["meta"]["briefing"] = bad
        assert list(validator.iter_errors(scenario)), bad
    # One shared definition, not a copy at every text field.
    assert json.dumps(schema_document()).count('"title": "TextFile"') == 1


@pytest.mark.parametrize(("where", "change"), [
    ("a misspelt key", lambda s: s["stakeholders"][0].update(powr=0.5)),
    ("a share above 1", lambda s: s["stakeholders"][0].update(trust=1.4)),
    ("an effect the format does not have", lambda s: s["actions"][0]["effects"].append({"teleport": {"who": "target"}})),
    ("a missing title", lambda s: s["meta"].pop("title")),
])
def test_slips_the_loader_refuses_are_refused_by_the_schema(
    validator: jsonschema.protocols.Validator, where: str, change: Any
) -> None:
    scenario = data(ROOT / "tests" / "fixtures" / "minimal.yaml")
    change(scenario)
    assert list(validator.iter_errors(scenario)), where
    assert not loader.validate_text(yaml.safe_dump(scenario, allow_unicode=True), "minimal.yaml").ok, where
