"""Friction a first-time scenario author met, each fixed and pinned here.

YAML read as editors read it (1.2 core schema, with a warning where older tools
differ); indentation named as such; shares written with `%`; what `who` takes;
the reference's limits on entries; the author's own stakeholder kinds; one word
for an unsettled expectation; what `validate` exits with and what `--strict` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import Problem, validate_text
from game.scenario.positions import SourceMap
from game.scenario.yaml_reader import Reader
from tests.strategies import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
TEXT = MINIMAL.read_text(encoding="utf-8")


def read(text: str) -> tuple[object, list[Problem]]:
    reader = Reader(SourceMap("x.yaml", text))
    return reader.read(), reader.problems


def line_of(fragment: str, text: str = TEXT) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if fragment in line)


# --------------------------------------------------------------------------
# 1. YAML 1.2 core schema, with warnings where YAML 1.1 tools read otherwise


def test_plain_values_follow_the_yaml_1_2_core_schema() -> None:
    data, problems = read(
        "a: 076\nb: 0o76\nc: 1:16\nd: yes\ne: Off\nf: True\ng: TRUE\nh: ~\ni: null\nj:\n"
        "k: 1e3\nl: 0x1F\nm: 2024-01-01\nn: -.5\no: \"yes\"\np: '076'\nq: false\n"
    )
    assert data == {
        "a": 76, "b": 62, "c": "1:16", "d": "yes", "e": "Off", "f": True, "g": True, "h": None, "i": None,
        "j": None, "k": 1000.0, "l": 31, "m": "2024-01-01", "n": -0.5, "o": "yes", "p": "076", "q": False,
    }
    assert all(p.severity == "warning" for p in problems)
    assert [(p.line, p.column) for p in problems] == [(1, 4), (3, 4), (4, 4), (5, 4)]


def test_not_a_finite_number_is_still_refused() -> None:
    _, problems = read("a: .inf\nb: .NaN\n")
    assert [(p.line, p.severity) for p in problems] == [(1, "error"), (2, "error")]


def test_each_doubtful_value_gets_a_warning_saying_what_to_write() -> None:
    _, problems = read("a: 076\nb: 1:16\nc: yes\nd: 1_000\n")
    said = [str(p) for p in problems]
    assert said[0] == ("x.yaml:1:4: warning: `076` is read as the number 76 (some YAML tools read a leading 0 as "
                       "octal): write 76, write 0o… for an octal number, or put it in quotes if it is a code")
    assert said[1].startswith("x.yaml:2:4: warning: `1:16` is read as the text \"1:16\"")
    assert "put it in quotes if it is text" in said[1]
    assert said[2] == ("x.yaml:3:4: warning: `yes` is read as the text \"yes\", not as true or false: write true or "
                       "false for a yes/no value, or put it in quotes if you mean the text")
    assert "write 1000 without underscores" in said[3]
    french = problems[2].text("fr")
    assert french.startswith("x.yaml:3:4: ") and "«\xa0yes\xa0»" in french and "true ou false" in french


def test_quoted_values_are_text_without_a_warning() -> None:
    data, problems = read("a: \"076\"\nb: '1:16'\nc: \"yes\"\nd: 'off'\n")
    assert data == {"a": "076", "b": "1:16", "c": "yes", "d": "off"}
    assert problems == []


def test_a_leading_zero_initial_value_is_decimal_in_a_scenario() -> None:
    text = TEXT.replace("    initial: 60", "    initial: 076", 1)
    result = validate_text(text, "minimal.yaml")
    assert result.scenario is not None
    assert result.scenario.metrics[0].initial == 76
    warning = next(p for p in result.problems if p.severity == "warning" and "076" in p.message)
    assert (warning.line, warning.column) == (line_of("    initial: 60"), 14)


def test_yes_where_a_boolean_is_expected_warns_and_reads_as_true() -> None:
    text = TEXT.replace("antagonist: true}", "antagonist: yes}", 1)
    result = validate_text(text, "minimal.yaml")
    assert result.scenario is not None
    assert any(i.antagonist for i in result.scenario.influence)
    warning = next(p for p in result.problems if p.severity == "warning")
    assert warning.line == line_of("antagonist: true}") and "write true or false" in warning.message


def test_the_workshop_file_is_read_the_same_way() -> None:
    from game.workshop.config import read_positioned

    data, _, problems = read_positioned("scenario: {id: x}\nseed: 007\nteams: [yes, no]\n", "workshop.yaml")
    assert data == {"scenario": {"id": "x"}, "seed": 7, "teams": ["yes", "no"]}
    assert [p.line for p in problems] == [2, 3, 3]


# --------------------------------------------------------------------------
# 2. A key indented too far is named as indentation, with the column it belongs at


def test_a_key_indented_too_far_is_named_as_indentation() -> None:
    text = TEXT.replace("    power: 0.8\n", "      power: 0.8\n", 1)
    (problem,) = validate_text(text, "minimal.yaml").problems
    line = line_of("    power: 0.8")
    above = text.split("\n")[line - 2].strip().split(":")[0]
    assert (problem.line, problem.column) == (line, 7)
    assert problem.message == (f"YAML syntax: `power` is indented further than `{above}` on line {line - 1}, so YAML "
                               f"reads it as part of that line's value; start `power` at column 5, under `{above}`")
    assert f"commencez `power` à la colonne 5, sous `{above}`" in problem.say("fr")


def test_indentation_is_named_in_a_list_item_and_past_a_comment() -> None:
    (in_list,) = validate_text("a:\n  - id: x\n     b: 2\n", "x.yaml").problems
    assert (in_list.line, in_list.column) == (3, 6) and "start `b` at column 5, under `id`" in in_list.message
    (past_comment,) = validate_text("a:\n  b: 1\n  c: 2\n      # note\n      d: 3\n", "x.yaml").problems
    assert past_comment.line == 5 and "`c` on line 3" in past_comment.message and "column 3" in past_comment.message


def test_text_with_a_colon_still_gets_the_quotes_hint() -> None:
    (problem,) = validate_text("a:\n  b: text with: colon\n", "x.yaml").problems
    assert "put text that contains `: ` in quotes" in problem.message
    (continued,) = validate_text("a:\n  b: a long text\n    and here: more\n", "x.yaml").problems
    assert "indented further" not in continued.message


# --------------------------------------------------------------------------
# 3. A percentage where the model counts shares from 0 to 1


def _only_problem(old: str, new: str) -> Problem:
    (found,) = validate_text(TEXT.replace(old, new, 1), "minimal.yaml").problems
    return found


def test_a_probability_written_as_a_percentage_is_told_to_be_a_share() -> None:
    found = _only_problem("    probability: 0.5", "    probability: 35%")
    assert (found.line, found.column) == (line_of("    probability: 0.5"), 18)
    assert "not a valid expression: write `35%` as 0.35: trust, support, probabilities" in found.message
    assert "invalid syntax" not in found.message
    assert "écrivez `35%` sous la forme 0.35" in found.say("fr")


def test_a_percentage_inside_an_expression_points_at_it() -> None:
    found = _only_problem("    probability: 0.5", '    probability: "trust.council < 25%"')
    assert found.column == 18 + len('"trust.council < ')
    assert "write `25%` as 0.25" in found.message and "write 25 without the sign" in found.message


def test_a_number_field_given_a_percentage_suggests_the_share() -> None:
    found = _only_problem("    trust: 0.3", "    trust: 30%")
    assert found.message == ("expected a number, got text '30%'; write `30%` as 0.3: trust, support, probabilities "
                             "and other shares run from 0 to 1 (for a figure counted in percent, write 30 without "
                             "the sign)")
    other = _only_problem("    trust: 0.3", "    trust: 30% or so")
    assert other.message == "expected a number, got text '30% or so'"


# --------------------------------------------------------------------------
# 4. `who` takes a list of stakeholder ids


def _with_event_effect(effect: str) -> str:
    anchor = "    probability: 0.5\n"
    at = TEXT.index(anchor)
    tail = TEXT[at:]
    effects = tail.index("        effects:\n") + len("        effects:\n")
    return TEXT[:at] + tail[:effects] + f"          - {effect}\n" + tail[effects:]


def test_who_takes_a_list_of_ids_and_the_engine_applies_it_to_each() -> None:
    import numpy as np

    from game.scenario.loader import load_text
    from game.sim.engine import Engine

    listed = load_text(_with_event_effect("trust: {who: [council, acute_trust, council], to: 0.9}"), "minimal.yaml")
    ids = [s.id for s in listed.stakeholders]
    engine = Engine(listed)
    state = engine.start(np.array([1], dtype=np.uint64))
    event = next(i for i, e in enumerate(listed.events) if e.probability == 0.5)
    before = state.trust.copy()
    choices = np.zeros(1, dtype=np.intp)
    state.pending[:, event] = True
    engine.apply_choice(state, event, choices)
    changed = {ids[i] for i in np.flatnonzero(np.abs(state.trust[0] - before[0]) > 1e-12)}
    assert {"council", "acute_trust"} <= changed and "gp_federation" not in changed
    assert state.trust[0, ids.index("council")] == 0.9


def test_an_unknown_id_in_a_who_list_is_named_at_its_place() -> None:
    text = _with_event_effect("trust: {who: [council, counsil], by: 0.1}")
    (problem,) = validate_text(text, "minimal.yaml").problems
    assert problem.line == line_of("who: [council, counsil]", text)
    assert problem.column == text.split("\n")[problem.line - 1].index("counsil") + 1
    assert "stakeholder `counsil`, which is not defined (did you mean `council`?)" in problem.message
    (word,) = validate_text(_with_event_effect("trust: {who: [target, council], by: 0.1}"), "minimal.yaml").problems
    assert "`target` cannot be one of a list: write `who: target` on its own" in word.message


def test_a_who_of_the_wrong_kind_names_every_form_it_takes() -> None:
    found = _only_problem("trust: {who: acute_trust, by: 0.1}", "trust: {who: 5, by: 0.1}")
    assert found.message == ("`who` takes `target`, `all`, a stakeholder id such as `council`, a list of ids such as "
                             "`[council, gp_federation]`, or `{where: \"support < 0.4\"}`; got a number 5")
    assert "une liste d'identifiants comme `[council, gp_federation]`" in found.say("fr")


# --------------------------------------------------------------------------
# 5. The reference counts a map's entries, not characters


def test_the_reference_counts_entries_of_a_map_items_of_a_list_characters_of_a_text() -> None:
    from game.scenario.reference import render

    reference = render()
    row = next(line for line in reference.split("\n") if line.startswith("| `benefits_from` |"))
    assert "at most 10 entries" in row and "characters" not in row
    assert "| `programmes` | map from identifier to number | empty | at most 10 entries |" in reference
    assert "at most 40 items" in reference  # a list: stakeholders
    assert "at most 80 characters" in reference  # a text: a name


# --------------------------------------------------------------------------
# 7. One word for an expectation the runs cannot settle: unsure


def test_an_unsettled_expectation_is_called_unsure_everywhere() -> None:
    from game.analysis.expectations import Bounds, CheckResult, Interval, judge
    from game.analysis.expectations_run import format_results
    from game.i18n import catalogue

    assert judge(Interval(0.5, 0.45, 0.55, 0.99), Bounds(min=0.5)) == "unsure"
    result = CheckResult("balanced", "mean_score", Bounds(min=50.0), 2400, Interval(50.5, 49.0, 52.0, 0.99), "unsure")
    english = list(format_results("x.yaml", [result], "en"))
    assert english[1].startswith("  UNSURE ") and english[2].strip().startswith("unsure: too close to the bound")
    french = list(format_results("x.yaml", [result], "fr"))
    assert french[1].startswith("  INCERTAIN ") and french[2].strip().startswith("incertain")
    for lang in ("en", "fr"):
        words = catalogue(lang)
        test_words = " ".join(v for k, v in words.items() if k.startswith("test.")).lower()
        assert "inconclusive" not in test_words and "too close to call" not in test_words
    assert catalogue("en")["test.sum.unsure.other"] == "{n} unsure"
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "inconclusive" not in guide and "too close to call" not in guide and "UNSURE" in guide


# --------------------------------------------------------------------------
# 8. What `validate` exits with, and what --strict does to a misspelt flag


def _shove(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from game.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_misspelt_flag_warns_and_fails_validation_under_strict(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(TEXT.replace("when: flag.pilot_done > 0", "when: flag.pilot_dun > 0"), encoding="utf-8")
    code, out, _ = _shove(capsys, "validate", str(path), "--lang", "en")
    assert code == 0
    assert "warning: event `pilot_story` reads `flag.pilot_dun`" in out and "(did you mean `pilot_done`?)" in out
    code, out, _ = _shove(capsys, "validate", str(path), "--strict", "--lang", "en")
    assert code == 1 and "0 valid, 1 invalid" in out and "warnings count as errors with --strict" in out
    code, out, _ = _shove(capsys, "validate", str(path), "--strict", "--lang", "fr")
    assert code == 1 and "(vouliez-vous dire `pilot_done` ?)" in out.replace("\u00a0", " ")


def test_a_missing_file_exits_2_and_the_help_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _shove(capsys, "validate", str(tmp_path / "absent.yaml"))
    assert code == 2 and "absent.yaml" in err
    with pytest.raises(SystemExit):
        _shove(capsys, "validate", "--help")
    helped = " ".join(capsys.readouterr().out.split())
    assert "2 a path cannot be read (a missing file" in helped
    assert "a flag.NAME read but never set (a misspelt flag)" in helped
    guide = " ".join((ROOT / "docs" / "authoring.md").read_text(encoding="utf-8").split())
    assert "and 2 when a path cannot be read (a missing file" in guide
    assert "a condition reading `flag.NAME` that no effect ever sets (usually a misspelt flag)" in guide


# --------------------------------------------------------------------------
# 6. Stakeholder kinds the author names, with a symbol the map draws

KINDS = """kinds:
  - id: university
    name: {en: University, fr: Université}
    symbol: hexagon
  - id: police
    name: Police service
    symbol: cross
"""


def _with_kinds(text: str = TEXT, acute: str = "university", council: str = "police") -> str:
    text = text.replace("stakeholders:\n", KINDS + "stakeholders:\n", 1)
    return text.replace("    kind: provider\n", f"    kind: {acute}\n", 1).replace(
        "    kind: local_government\n", f"    kind: {council}\n", 1)


def test_a_scenario_declares_its_own_kinds_and_stakeholders_use_them() -> None:
    result = validate_text(_with_kinds(), "minimal.yaml")
    assert result.problems == [] and result.scenario is not None
    scenario = result.scenario
    assert [s.kind for s in scenario.stakeholders][:3] == ["university", "primary_care", "police"]
    declared = scenario.declared_kind("police")
    assert declared is not None and declared.symbol == "cross"
    assert scenario.declared_kind("primary_care") is None  # built-in kinds work unchanged


def test_an_unknown_kind_is_an_error_with_did_you_mean_and_the_list() -> None:
    text = _with_kinds(acute="univercity")
    (problem,) = validate_text(text, "minimal.yaml").problems
    assert problem.line == line_of("    kind: univercity", text)
    assert problem.message.startswith("stakeholder `acute_trust` is of kind `univercity`, which is neither built in "
                                      "nor declared under `kinds` (did you mean `university`?); the kinds are provider,")
    assert "other, university, police" in problem.message and "symbol: square" in problem.message
    assert "déclaré sous `kinds`" in problem.say("fr")
    (typo,) = validate_text(TEXT.replace("    kind: provider\n", "    kind: provder\n", 1), "minimal.yaml").problems
    assert "(did you mean `provider`?)" in typo.message


def test_a_symbol_outside_the_shipped_set_and_a_duplicate_kind_are_refused() -> None:
    bad = validate_text(_with_kinds().replace("symbol: cross", "symbol: shield"), "minimal.yaml").problems
    assert len(bad) == 1 and "(got 'shield')" in bad[0].message and "star, cross" in bad[0].message
    twice = _with_kinds().replace("  - id: police\n", "  - id: university\n", 1)
    problems = validate_text(twice, "minimal.yaml").problems
    assert any("duplicate kind id `university`" in p.message for p in problems)


def test_the_game_shows_a_declared_kind_by_its_name_and_symbol() -> None:
    from game.scenario.loader import load_text
    from game.session.playthrough import Session

    scenario = load_text(_with_kinds(), "minimal.yaml")
    view = {s.id: s for s in Session.new(scenario, seed=1, lang="fr", autosave=False).view().stakeholders}
    assert (view["acute_trust"].kind_name, view["acute_trust"].symbol) == ("Université", "hexagon")
    assert (view["council"].kind_name, view["council"].symbol) == ("Police service", "cross")
    assert (view["gp_federation"].kind_name, view["gp_federation"].symbol) == ("", "")


def test_the_map_legend_and_nodes_use_the_declared_kinds() -> None:
    import pygame

    from game.scenario.loader import load_text
    from game.session.playthrough import Session
    from game.ui import map as stakeholder_map
    from game.ui import shapes
    from game.ui.theme import Theme

    pygame.font.init()
    theme = Theme.load()
    scenario = load_text(_with_kinds(), "minimal.yaml")
    stakeholders = Session.new(scenario, seed=1, autosave=False).view().stakeholders
    legend = stakeholder_map.legend_kinds(theme, stakeholders)
    assert ("hexagon", "University") in legend and ("cross", "Police service") in legend
    assert (theme.shape("primary_care"), stakeholder_map.kind_words("primary_care")) in legend
    assert len(legend) == len({s.kind for s in stakeholders})
    assert len(shapes.outline("cross", (0.0, 0.0), 10.0)) == 12  # every shipped symbol is drawable
    surface = pygame.Surface((900, 200))
    stakeholder_map.draw_legend(surface, theme, pygame.Rect(0, 0, 900, 200), legend)
    assert stakeholder_map.legend_rows(theme, 900, legend) >= 1
    pygame.quit()
