"""The loader: its API, positions for every value, plain-words schema errors,
and data identical to what YAML means."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.scenario import yaml_reader
from game.scenario.loader import (
    Problem,
    ScenarioError,
    load,
    load_text,
    validate_bytes,
    validate_path,
    validate_text,
)
from game.scenario.positions import SourceMap
from game.scenario.schema import ChanceEffect, Scenario, TrustEffect
from tests.strategies import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
TEXT = MINIMAL.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def line_of(fragment: str, text: str = TEXT, nth: int = 1) -> int:
    return [i for i, line in enumerate(text.split("\n"), 1) if fragment in line][nth - 1]


def only_error(text: str, label: str = "minimal.yaml") -> Problem:
    result = validate_text(text, label)
    assert result.scenario is None
    assert len(result.errors) == 1, "\n".join(map(str, result.problems))
    return result.errors[0]


# --------------------------------------------------------------------------
# API


def test_load_gives_a_scenario() -> None:
    scenario = load(MINIMAL)
    assert isinstance(scenario, Scenario)
    assert [s.id for s in scenario.stakeholders] == ["acute_trust", "gp_federation", "council", "clinicians"]
    tackle = next(a for a in scenario.actions if a.id == "tackle")
    chance = tackle.effects[0]
    assert isinstance(chance, ChanceEffect)
    assert isinstance(chance.chance.else_[0], TrustEffect)
    assert chance.chance.else_[0].trust.by == -0.15


def test_load_text_and_load_agree() -> None:
    assert load_text(TEXT, "minimal.yaml") == load(MINIMAL)


def test_load_raises_with_every_error() -> None:
    text = TEXT.replace("    power: 0.8\n", "    power: 1.8\n").replace("  turns: 8\n", "  turns: many\n")
    with pytest.raises(ScenarioError) as caught:
        load_text(text, "broken.yaml")
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2
    assert "must be between 0 and 1 (got 1.8)" in messages[1]
    assert "expected a whole number, got text 'many'" in messages[0]
    assert str(caught.value).startswith(f"broken.yaml:{line_of('  turns: 8')}:10: error: ")


def test_load_raises_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load(tmp_path / "nowhere.yaml")
    assert str(caught.value) == f"{tmp_path / 'nowhere.yaml'}: error: no such file"


def test_validate_path_never_raises_for_unreadable_paths(tmp_path: Path) -> None:
    missing = validate_path(tmp_path / "nowhere.yaml")
    folder = validate_path(tmp_path)
    for result, words in ((missing, "no such file"), (folder, "is a folder")):
        assert result.unreadable and result.scenario is None
        assert result.problems[0].line == 0 and words in result.problems[0].message


def test_warnings_do_not_stop_loading() -> None:
    result = validate_text(TEXT, "other_name.yaml")
    assert result.ok and result.scenario is not None
    assert [p.severity for p in result.problems] == ["warning"]
    assert load_text(TEXT, "other_name.yaml").meta.id == "minimal"


def test_problem_prints_as_path_line_column() -> None:
    assert str(Problem("a.yaml", 3, 7, "error", "bad")) == "a.yaml:3:7: error: bad"
    assert str(Problem("a.yaml", 0, 0, "error", "cannot be read")) == "a.yaml: error: cannot be read"
    assert Problem("a.yaml", 1, 1, "warning", "w").is_error is False


# --------------------------------------------------------------------------
# Positions


def test_positions_name_every_value() -> None:
    result = validate_path(MINIMAL)
    pos = result.positions
    assert pos[("stakeholders", 0, "power")] == (line_of("power: 0.8"), 12)
    assert pos[("actions", 2, "effects", 0, "chance", "else", 1, "metric", "id")][0] == line_of("{id: finance, by: -1}")
    assert pos[("influence", 3, "antagonist")] == (line_of("antagonist: true"), LINES[line_of("antagonist: true") - 1].index("true") + 1)
    assert result.source is not None
    assert result.source.locate_key(("meta", "turns")) == (line_of("  turns: 8"), 3)
    # Model field names work too (`else_` is written `else`).
    else_path = ("actions", 2, "effects", 0, "chance", "else_", 1, "metric", "id")
    assert result.source.locate(else_path) == pos[("actions", 2, "effects", 0, "chance", "else", 1, "metric", "id")]
    # A path that is not in the file points at its nearest ancestor.
    assert result.source.locate(("stakeholders", 1, "legitimacy")) == (line_of("id: gp_federation"), 5)


def test_position_inside_quoted_plain_and_block_text() -> None:
    text = TEXT.replace("    when: turn >= 3\n", "    when: |\n      turn >= 3 and\n        trust.nobody > 1\n")
    problem = only_error(text)
    assert (problem.line, problem.column) == (line_of("trust.nobody", text), 9)
    plain = only_error(TEXT.replace("when: turn >= 3", "when: turn >= 3 and trust.nobody > 1"))
    assert (plain.line, plain.column) == (line_of("when: turn >= 3"), 11 + len("turn >= 3 and "))
    quoted = only_error(TEXT.replace("when: turn >= 3", "when: 'turn >= 3 and trust.nobody > 1'"))
    assert (quoted.line, quoted.column) == (line_of("when: turn >= 3"), 12 + len("turn >= 3 and "))


def test_errors_inside_effect_unions_point_at_the_key() -> None:
    text = TEXT.replace("            - trust: {who: target, by: -0.15}", "            - trust: {who: target, byy: -0.15}")
    problem = only_error(text)
    assert problem.message == "unknown key `byy` (did you mean `by`?)"
    assert (problem.line, problem.column) == (line_of("byy", text), LINES[line_of("by: -0.15") - 1].index("by:") + 1)


def test_model_validator_errors_point_at_the_field_named() -> None:
    problem = only_error(TEXT.replace("    initial: 60\n", "    initial: 160\n"))
    assert problem.message == "initial (160.0) must lie between min (0.0) and max (100.0)"
    assert problem.line == line_of("initial: 60")


# --------------------------------------------------------------------------
# Messages


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  title: Joining up care in Eastvale", "  title: 3",
         "expected text or a mapping (`key: value` lines), got a number 3 (put it in quotes to make it text)"),
        ("  title: Joining up care in Eastvale", "  title: {en: 3}", "expected text, got a number 3 (put it in quotes to make it text)"),
        ("  difficulty: introductory", "  difficulty: easy", "must be one of introductory, standard, hard (got 'easy')"),
        ("    kind: primary_care", "    kind: primary", "stakeholder `gp_federation` is of kind `primary`, which is neither "
         "built in nor declared under `kinds` (did you mean `primary_care`?); the kinds are provider, clinicians, primary_care, "
         "local_government, commissioner, regulator, national, patients, staff, media, political, private, other. To name "
         "your own, declare it: `kinds: [{id: primary, name: ..., symbol: square}]`"),
        ("  - id: council", "  - id: Council Offices", "`Council Offices` is not a valid id: use lower-case letters, digits and "
         "underscores, starting with a letter, at most 48 characters (for example `council_offices`)"),
        ('  start_date: "2025-04"', "  start_date: 2025-04-01", '`2025-04-01` is not a month: write it as YYYY-MM in quotes, for example "2025-04"'),
        ("  estimated_minutes: 10", "  estimated_minutes:", "expected a whole number, got nothing (the value is empty)"),
        ("      - engage: {who: target}", "      - engage: {who: target}\n        force: {}",
         "an effect has exactly one kind, but this one has `engage` and `force`; write them as separate `- ` items"),
        ("      - engage: {who: target}", "      - engag: {who: target}", "unknown effect `engag` (did you mean `engage`?); an effect is one of `trust`, "
         "`support`, `metric`, `progress`, `flag`, `red_line`, `chance`, `after`, `force`, `engage`, `drop`"),
        ("      - engage: {who: target}", "      - engage", "expected an effect (a mapping such as `trust: {who: target, by: 0.1}`), got text 'engage'"),
        ("      - flag: {id: forced, by: 1}", "      - flag: {id: forced}", "give exactly one of `by` (a change) or `to` (a new value)"),
        ("      - engage: {who: target}", "      - engage: {who: {wher: x}}", "unknown key `wher` (did you mean `where`?)"),
        ("    probability: 0.5", "    probability: [0.5]", "expected a number or text, got a list (`- ` items)"),
        ("format: 1", "format: 2", "must be 1 (got 2)"),
        ("  turn_label: Quarter", "  turn_label: true", "expected text or a mapping (`key: value` lines), got true (put it in quotes to make it text)"),
        ("    benefits_from: {integration: 12}", "    benefits_from: {Integration: 12}",
         "`Integration` is not a valid key: use lower-case letters, digits and underscores, starting with a letter, "
         "at most 48 characters (for example `integration`)"),
    ],
)
def test_schema_messages_in_plain_words(old: str, new: str, message: str) -> None:
    assert TEXT.count(old) >= 1, old
    problem = only_error(TEXT.replace(old, new, 1))
    assert problem.message == message
    assert problem.line == line_of(new.split("\n")[0].strip(), TEXT.replace(old, new, 1))


def test_missing_and_empty_sections() -> None:
    missing = only_error(TEXT.replace("    trust: 0.5\n    support: 0.6\n", "    support: 0.6\n", 1))
    assert missing.message == "missing required key `trust`"
    assert missing.line == line_of("  - id: council")
    result = validate_text(TEXT.replace("programmes:\n", "programmes: []\nunused:\n"), "minimal.yaml")
    assert [p.message for p in result.errors] == [
        "needs at least 1 item (has 0)",
        "unknown key `unused`; the keys here are `format`, `meta`, `kinds`, `stakeholders`, `influence`, `metrics`, "
        "`programmes`, `actions`, `events`, `endings`, `scoring`, `debrief`, `hints`, `expectations`, `reactions`, `model`",
    ]


# --------------------------------------------------------------------------
# Data: what YAML means, and nothing more


def test_yaml_features_authors_use() -> None:
    text = TEXT.replace(
        "stakeholders:\n",
        "defaults: &defaults\n  kind: provider\n  trust: 0.5\n  support: 0.5\n"
        "stakeholders:\n  - <<: *defaults\n    id: extra\n    name: 'Extra: quoted'\n    power: 0.1\n    trust: 0.9\n",
    )
    problem = only_error(text)
    assert problem.message.startswith("unknown key `defaults`")
    fixed = text.replace("defaults: &defaults\n  kind: provider\n  trust: 0.5\n  support: 0.5\n", "").replace(
        "  - <<: *defaults\n", "  - <<: {kind: provider, trust: 0.5, support: 0.5}\n")
    scenario = load_text(fixed, "minimal.yaml")
    extra = scenario.stakeholders[0]
    assert (extra.id, extra.kind, extra.trust, extra.support, extra.name) == ("extra", "provider", 0.9, 0.5, "Extra: quoted")


def test_aliases_share_a_value_and_problems_point_at_the_alias() -> None:
    text = TEXT.replace("    effects:\n      - engage: {who: target}\n",
                        "    effects: &invest\n      - engage: {who: target}\n", 1)
    text = text.replace("            - flag: {id: pilot_done, to: 1}\n",
                        "            - flag: {id: pilot_done, to: 1}\n  - id: invest_again\n"
                        "    name: Invest again\n    target: stakeholder\n    effects: *invest\n", 1)
    scenario = load_text(text, "minimal.yaml")
    assert scenario.actions[-1].id == "invest_again" and scenario.actions[-1].effects == scenario.actions[0].effects
    # The same effects under an action without a target: the error is reported where the alias is used.
    untargeted = text.replace("    name: Invest again\n    target: stakeholder\n", "    name: Invest again\n")
    problem = only_error(untargeted)
    assert problem.message.startswith("action `invest_again` engages `target`, but it has no target")
    assert (problem.line, problem.column) == (line_of("effects: *invest", untargeted), 14)


@pytest.mark.parametrize("path", [MINIMAL, *SHIPPED], ids=lambda p: p.name)
def test_data_equals_what_yaml_says(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    source = SourceMap(str(path), text)
    assert yaml_reader.Reader(source).read() == yaml.safe_load(text)


def test_pure_python_parser_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = TEXT.replace("    power: 0.8\n", "    power: 1.4\n    power: 1.4\n")
    fast = [validate_text(t, "minimal.yaml").problems for t in (TEXT, bad, "[" * 200)]
    monkeypatch.setattr(yaml_reader, "PARSER", yaml.SafeLoader)
    slow = [validate_text(t, "minimal.yaml").problems for t in (TEXT, bad, "[" * 200)]
    assert fast[:2] == slow[:2]
    assert "nested more than" in slow[2][0].message and "nested more than" in fast[2][0].message


def test_numbers_and_booleans_follow_yaml() -> None:
    text = TEXT.replace("    initial: -5\n", "    initial: -5_0.0e-1\n").replace("    cost: 1\n", "    cost: 0x1\n", 1)
    scenario = load_text(text, "minimal.yaml")
    assert scenario.metrics[1].initial == -5.0
    assert scenario.actions[0].cost == 1
    infinite = only_error(TEXT.replace("    drift: -0.5\n", "    drift: -.inf\n"))
    assert infinite.message.startswith("`-.inf` is not a finite number")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 5000, "`" + "9" * 37 + "...` is not a whole number"),
        ("9" * 200, "must be between 1 and 60 (got a very large number)"),
        ("1" * 400 + ".0", "`" + "1" * 37 + "...` is not a finite number; write an ordinary number"),
        (".nan", "`.nan` is not a finite number; write an ordinary number"),
        ("!!float x", "`x` is not a number"),
    ],
)
def test_extreme_numbers(value: str, message: str) -> None:
    problem = only_error(TEXT.replace("  turns: 8", f"  turns: {value}"))
    assert problem.message == message
    assert (problem.line, problem.column) == (line_of("  turns: 8"), 10)


def test_bytes_entry_point_handles_encodings() -> None:
    assert validate_bytes(TEXT.encode("utf-8-sig"), "minimal.yaml").ok
    assert validate_bytes(TEXT.replace("\n", "\r\n").encode(), "minimal.yaml").ok
    assert not validate_bytes(TEXT.encode("utf-16-le"), "minimal.yaml").ok


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_validates(path: Path) -> None:
    result = validate_path(path)
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.scenario is not None
