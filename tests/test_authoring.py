"""The authoring kit: `shove new`, the tutorial in docs/authoring.md and its generated reference.

A scenario written only from the guide (tests/fixtures/author_written.yaml) and
the tutorial's own scenario must validate and play, as must every scaffold.
"""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from game.cli import main
from game.commands.schema import schema_text
from game.scenario import expressions, reference, schema
from game.scenario.loader import validate_path, validate_text
from game.scenario.reference_fields import anchor
from game.scenario.scaffold import SCHEMA_PATH, scenario_text
from game.sim.batch import simulate
from game.sim.engine import OUTCOMES, Engine

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "authoring.md"
AUTHOR_WRITTEN = ROOT / "tests" / "fixtures" / "author_written.yaml"
POLICIES = ("partner", "force", "balanced", "random", "greedy")


def tutorial_text() -> str:
    """The tutorial's scenario: every `yaml` block of the guide's tutorial chapter."""
    guide = GUIDE.read_text(encoding="utf-8")
    start = guide.index("## The tutorial")
    tutorial = guide[start : guide.index("\n## ", start)]
    return "\n".join(re.findall(r"```yaml\n(.*?)```", tutorial, flags=re.S))


def assert_valid(text: str, label: str) -> schema.Scenario:
    result = validate_text(text, label)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.scenario is not None
    return result.scenario


# --------------------------------------------------------------------------
# `shove new`


def test_new_writes_a_valid_scenario_and_the_schema_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "discharge_team", "--dir", str(tmp_path)]) == 0
    written = tmp_path / "discharge_team.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_PATH}"
    result = validate_path(written)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.scenario is not None and result.scenario.meta.id == "discharge_team"

    # The modeline's relative path leads to the current JSON Schema of the format.
    schema_file = written.parent / SCHEMA_PATH
    assert schema_file.read_text(encoding="utf-8") == schema_text()
    assert json.loads(schema_file.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
    assert "shove validate" in capsys.readouterr().out


def test_new_creates_a_missing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my" / "scenarios"
    assert main(["new", "pilot", "--dir", str(folder)]) == 0
    assert (folder / "pilot.yaml").is_file()


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "mine.yaml"
    existing.write_text("my own work\n", encoding="utf-8")
    assert main(["new", "mine", "--dir", str(tmp_path)]) == 1
    assert existing.read_text(encoding="utf-8") == "my own work\n"
    err = capsys.readouterr().err
    assert "already exists" in err and "mine.yaml" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["Discharge", "two words", "9lives", "a-b", "", "x" * 49])
def test_new_refuses_a_name_that_is_not_an_identifier(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", name, "--dir", str(tmp_path)]) == 2
    assert "lower-case letters" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_reports_a_folder_it_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("", encoding="utf-8")
    assert main(["new", "pilot", "--dir", str(not_a_folder)]) == 2
    err = capsys.readouterr().err
    assert "not a folder" in err and "notes.txt" in err and "Traceback" not in err


def test_new_reports_a_path_below_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    assert main(["new", "pilot", "--dir", str(tmp_path / "notes.txt" / "inner")]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err


def test_new_leaves_no_temporary_files(tmp_path: Path) -> None:
    assert main(["new", "pilot", "--dir", str(tmp_path)]) == 0
    assert main(["new", "pilot", "--dir", str(tmp_path)]) == 1
    names = sorted(p.name for p in tmp_path.rglob("*"))
    assert names == [".shove", "pilot.yaml", "scenario.schema.json"]


@pytest.mark.parametrize("name", ["yes", "null", "on", "n"])
def test_scaffold_ids_that_yaml_reads_as_other_things_still_load(name: str) -> None:
    scenario = assert_valid(scenario_text(name), f"{name}.yaml")
    assert scenario.meta.id == name


def test_scaffold_has_the_parts_an_interesting_game_needs() -> None:
    scenario = assert_valid(scenario_text("discharge_team"), "discharge_team.yaml")
    assert scenario.meta.turns == 6
    assert 3 <= len(scenario.stakeholders) <= 4
    assert scenario.influence and len(scenario.metrics) == 2 and len(scenario.programmes) == 1
    assert 4 <= len(scenario.actions) <= 5 and len(scenario.events) == 2 and len(scenario.endings) == 3
    assert {e.outcome for e in scenario.endings} == {"success", "partial", "failure"}
    kinds = set()
    for action in scenario.actions:
        kinds |= {next(iter(e.model_dump(by_alias=True))) for e in action.effects}
    assert {"engage", "force", "chance", "after"} <= kinds
    assert {a.stance for a in scenario.actions} >= {"partner", "push"}
    assert all(len(event.choices) >= 2 for event in scenario.events)
    assert scenario.debrief.questions and 1 <= len(scenario.expectations) <= 2


# --------------------------------------------------------------------------
# The guide


def test_generated_reference_is_current() -> None:
    assert reference.is_current(GUIDE), (
        f"the reference in docs/authoring.md is stale; run `{reference.REFRESH}`"
    )


def test_reference_check_fails_on_a_stale_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "authoring.md"
    stale.write_text(f"# Guide\n{reference.START}\nold table\n{reference.END}\n", encoding="utf-8")
    assert reference.main(["--check", "--doc", str(stale)]) == 1
    assert reference.REFRESH in capsys.readouterr().err
    assert reference.main(["--write", "--doc", str(stale)]) == 0
    assert reference.main(["--check", "--doc", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8").startswith("# Guide\n")


def test_reference_without_markers_is_an_error(tmp_path: Path) -> None:
    plain = tmp_path / "authoring.md"
    plain.write_text("no markers here\n", encoding="utf-8")
    assert reference.main(["--write", "--doc", str(plain)]) == 2
    assert plain.read_text(encoding="utf-8") == "no markers here\n"


def test_reference_covers_every_part_of_the_format() -> None:
    text = reference.render()
    models = [
        m for m in vars(schema).values()
        if isinstance(m, type) and issubclass(m, schema.Strict) and m is not schema.Strict
    ]
    shown = {m for m, _ in reference.sections()}
    for kind, wrapper in schema.EFFECT_KINDS.items():
        shown.add(typing.get_type_hints(wrapper)[kind])  # a spec, shown under Effects
    for model in models:
        if model in schema.EFFECT_KINDS.values():
            continue  # a wrapper of one key, named by the kind
        assert model in shown, f"{model.__name__} is missing from the reference"
        for name, info in model.model_fields.items():
            assert f"`{info.alias or name}`" in text, f"{model.__name__}.{name}"
    for kind in schema.EFFECT_KINDS:
        assert f"#### {kind.replace('_', ' ').capitalize()} effect" in text
    for name in (*expressions.FUNCTIONS, *expressions.STAKEHOLDER_NAMESPACES, *expressions.OTHER_NAMESPACES):
        assert f"`{name}" in text


def test_every_link_in_the_guide_leads_somewhere() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    anchors = {anchor(h) for h in re.findall(r"^#+ (.+)$", guide, flags=re.M)}
    links = set(re.findall(r"\]\(#([^)]+)\)", guide))
    assert links and links <= anchors, sorted(links - anchors)


def test_tutorial_builds_a_valid_scenario() -> None:
    scenario = assert_valid(tutorial_text(), "one_lab.yaml")
    assert scenario.meta.id == "one_lab"
    used = {next(iter(e.model_dump(by_alias=True))) for a in scenario.actions for e in a.effects}
    assert {"engage", "force", "chance", "after"} <= used


def test_error_messages_shown_in_the_guide_are_the_ones_authors_get() -> None:
    """The guide's examples come from two slips in the tutorial: one of shape, one of connections."""
    guide = GUIDE.read_text(encoding="utf-8")
    block = guide[guide.index("### Reading error messages") :]
    shown = re.search(r"```text\n(.*?)```", block, flags=re.S)
    assert shown is not None
    tutorial = tutorial_text()
    shape_slips = tutorial.replace("    power: 0.45\n", "    power: 1.4\n").replace(
        "    power: 0.4\n    trust: 0.5", "    powr: 0.4\n    trust: 0.5\n    power: 0.4"
    )
    connection_slips = tutorial.replace('"support.target < 0.5"', '"suport.target < 0.5"').replace(
        "{who: eastmoor, by: 0.1}", "{who: eastmor, by: 0.1}"
    )
    real = [str(p) for text in (shape_slips, connection_slips) for p in validate_text(text, "one_lab.yaml").problems]
    for line in shown.group(1).splitlines():
        place = line.split(" error: ")[0]
        hint = line[line.rfind("(") :]
        assert any(r.startswith(place) and r.endswith(hint) for r in real), (
            f"docs/authoring.md shows `{line}`, but the game now says:\n" + "\n".join(real)
        )


def test_scenario_written_from_the_guide_validates() -> None:
    result = validate_path(AUTHOR_WRITTEN)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)



# --------------------------------------------------------------------------
# Playing


def outcome_shares(scenario: schema.Scenario, policy: str, runs: int = 60) -> dict[str, float]:
    """Every seeded game ends; the share of each outcome class."""
    engine = Engine(scenario)
    result = simulate(engine, policy, runs=runs, seed=11)
    assert (result.ending >= 0).all(), f"{policy}: some games never reached an ending"
    assert (result.turns <= scenario.meta.turns).all()
    return {name: float((result.outcome == i).mean()) for i, name in enumerate(OUTCOMES)}


PLAYED = {
    "scaffold": lambda: assert_valid(scenario_text("discharge_team"), "discharge_team.yaml"),
    "tutorial": lambda: assert_valid(tutorial_text(), "one_lab.yaml"),
    "author_written": lambda: assert_valid(AUTHOR_WRITTEN.read_text(encoding="utf-8"), "author_written.yaml"),
}


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("which", sorted(PLAYED))
def test_plays_to_an_ending_under_every_policy(which: str, policy: str) -> None:
    shares = outcome_shares(PLAYED[which](), policy, runs=20 if policy == "greedy" else 60)
    assert abs(sum(shares.values()) - 1.0) < 1e-9


@pytest.mark.parametrize("which", sorted(PLAYED))
def test_building_then_deciding_beats_both_naive_styles(which: str) -> None:
    """The lesson every scenario here is built on: neither style alone is enough."""
    scenario = PLAYED[which]()
    balanced = outcome_shares(scenario, "balanced", runs=200)["success"]
    assert balanced > outcome_shares(scenario, "partner", runs=200)["success"]
    assert balanced > outcome_shares(scenario, "force", runs=200)["success"]


def test_expectations_written_in_each_scenario_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "discharge_team", "--dir", str(tmp_path)]) == 0
    tutorial = tmp_path / "one_lab.yaml"
    tutorial.write_text(tutorial_text(), encoding="utf-8")
    capsys.readouterr()
    paths = [str(tmp_path / "discharge_team.yaml"), str(tutorial), str(AUTHOR_WRITTEN)]
    code = main(["test", *paths])
    out = capsys.readouterr().out
    assert code == 0, out
    assert all(name in out for name in ("discharge_team", "one_lab", "author_written"))
