"""The semantic pass: each check fires where it should, at the right place, with
both ends of a broken reference named, and stays quiet on the valid fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.scenario.checks import check_scenario
from game.scenario.loader import load, validate_text
from game.scenario.problems import Problem
from tests.strategies import MINIMAL

TEXT = MINIMAL.read_text(encoding="utf-8")


def edited(*pairs: tuple[str, str]) -> str:
    text = TEXT
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def problems(*pairs: tuple[str, str]) -> list[Problem]:
    return validate_text(edited(*pairs), "minimal.yaml").problems


def single(*pairs: tuple[str, str], severity: str = "error") -> Problem:
    found = problems(*pairs)
    assert len(found) == 1, "\n".join(map(str, found))
    assert found[0].severity == severity
    return found[0]


def at(problem: Problem, text: str) -> str:
    """The file's text from the problem's position to the end of that line."""
    return text.split("\n")[problem.line - 1][problem.column - 1 :]


def test_the_fixture_has_no_problems() -> None:
    assert validate_text(TEXT, "minimal.yaml").problems == []
    assert check_scenario(load(MINIMAL)) == []


# --------------------------------------------------------------------------
# Duplicate ids


@pytest.mark.parametrize(
    ("old", "new", "kind", "name"),
    [
        ("  - id: council\n", "  - id: gp_federation\n", "stakeholder", "gp_federation"),
        ("  - id: finance\n", "  - id: access\n", "metric", "access"),
        ("  - id: pilot\n", "  - id: tackle\n", "action", "tackle"),
        ("  - id: pilot_story\n", "  - id: winter_pressure\n", "event", "winter_pressure"),
        ("  - id: unfinished\n", "  - id: joined_up\n", "ending", "joined_up"),
    ],
)
def test_duplicate_ids(old: str, new: str, kind: str, name: str) -> None:
    text = edited((old, new))
    found = [p for p in validate_text(text, "minimal.yaml").problems if "duplicate" in p.message]
    assert len(found) == 1
    first = next(i for i, line in enumerate(text.split("\n"), 1) if line.endswith(f"id: {name}"))
    assert found[0].message == f"duplicate {kind} id `{name}` (first defined on line {first}); every id must be unique"
    assert at(found[0], text) == name and found[0].line > first


def test_duplicate_choice_ids() -> None:
    problem = single(("      - id: stay_quiet\n", "      - id: publicise\n"))
    assert problem.message == "event `pilot_story` has two choices with the id `publicise`"


# --------------------------------------------------------------------------
# References to ids that do not exist


@pytest.mark.parametrize(
    ("old", "new", "message", "points_at"),
    [
        ("{source: clinicians, target: acute_trust, weight: 0.4}", "{source: clinician, target: acute_trust, weight: 0.4}",
         "influence edge 1 (clinician → acute_trust) names as its source the stakeholder `clinician`, which is not "
         "defined (did you mean `clinicians`?)", "clinician,"),
        ("{who: acute_trust, by: 0.1}", "{who: acute_trst, by: 0.1}",
         "event `winter_pressure`, choice 1 changes trust of stakeholder `acute_trst`, which is not defined "
         "(did you mean `acute_trust`?)", "acute_trst"),
        ("{id: finance, by: -1}", "{id: finances, by: -1}",
         "action `tackle` changes the metric `finances`, which is not defined (did you mean `finance`?)", "finances"),
        ("force: {programme: integration,", "force: {programme: integrate,",
         "action `force_integration` forces programme `integrate`, which is not defined (did you mean `integration`?)",
         "integrate"),
        ("progress: {programme: integration, by: 0.05}", "progress: {programme: merger, by: 0.05}",
         "action `pilot` changes progress of programme `merger`, which is not defined", "merger"),
        ("metrics: {access: 1, finance: 0.5}", "metrics: {acess: 1, finance: 0.5}",
         "scoring weighs the metric `acess`, which is not defined (did you mean `access`?)", "acess"),
        ("programmes: {integration: 2}", "programmes: {intgration: 2}",
         "scoring weighs the programme `intgration`, which is not defined (did you mean `integration`?)", "intgration"),
        ("benefits_from: {integration: 12}", "benefits_from: {integrations: 12}",
         "metric `access` benefits from the programme `integrations`, which is not defined (did you mean "
         "`integration`?)", "integrations"),
        ("affects: [acute_trust, gp_federation]", "affects: [acute_trust, gp_fed]",
         "programme `integration` affects the stakeholder `gp_fed`, which is not defined (did you mean "
         "`gp_federation`?)", "gp_fed]"),
        ("      - engage: {who: target}", "      - engage: {who: counsil}",
         "action `engage` engages stakeholder `counsil`, which is not defined (did you mean `council`?)", "counsil"),
        ("  - policy: balanced\n", "  - policy: balancd\n",
         "expectation 1 names the policy `balancd`, which does not exist (did you mean `balanced`?); the policies "
         "are partner, force, balanced, advisor, random, greedy", "balancd"),
        ("    mean_score: {min: 0}\n", "    ending: {joined_upp: {min: 0.1}}\n",
         "expectation 1 bounds the share of the ending `joined_upp`, which is not defined (did you mean "
         "`joined_up`?)", "joined_upp"),
    ],
)
def test_unknown_references_name_both_ends(old: str, new: str, message: str, points_at: str) -> None:
    text = edited((old, new))
    problem = single((old, new))
    assert problem.message == message
    assert at(problem, text).startswith(points_at)


def test_target_needs_a_matching_action_target() -> None:
    pilot = single(("      - progress: {programme: integration, by: 0.05}", "      - trust: {by: 0.05}"))
    assert pilot.message == ("action `pilot` changes trust of `target`, but it has no target; name a stakeholder, "
                             "a list of them such as `[council, gp_federation]`, `all`, or `{where: ...}`")
    choice = single(("          - trust: {who: acute_trust, by: -0.1}", "          - trust: {by: -0.1}"))
    assert choice.message.startswith("event `winter_pressure`, choice 2 changes trust of `target`, but it has no target")
    programme = single(("      - force: {programme: integration, strength: 1.0}", "      - force: {strength: 1.0}"))
    assert programme.message == ("action `force_integration` forces the `target` programme, but it has no target; "
                                 "name the programme")


# --------------------------------------------------------------------------
# Expressions, compiled with the names in scope


@pytest.mark.parametrize(
    ("old", "new", "message", "points_at"),
    [
        ('available: "turn >= 2 and progress.integration < 1"', 'available: "turn >= 2 and trust.target < 1"',
         "action `force_integration`, `available`: `trust.target` needs an action whose target is a stakeholder",
         "trust.target"),
        ("available: support.target < 0.5", "available: progress.target < 0.5",
         "action `tackle`, `available`: `progress.target` needs an action whose target is a programme",
         "progress.target"),
        ("    when: turn >= 3\n", "    when: trust > 0.4\n",
         "event `winter_pressure`, `when`: this gives one value per stakeholder; reduce it with mean(...), min(...), "
         "max(...), wmean(...) or count(...)", "trust > 0.4"),
        ("p: 0.3 + 0.5 * trust.target", "p: 0.3 + 0.5 * trust.targte",
         "action `tackle`, `chance p`: `trust.targte`: there is no stakeholder `targte` (did you mean `target`?)",
         "trust.targte"),
        ('who: {where: "trust > 0.4"}', 'who: {where: "trust > 0.4 and powr > 0.1"}',
         "action `pilot`, `who: where`: unknown name `powr` (did you mean `power`?)", "powr"),
        ("when: progress.integration >= 0.9 and", "when: progress.integration >= 0.9 and and",
         "ending `joined_up`, `when`: not a valid expression: invalid syntax", "and wmean"),
        ("    probability: 0.8\n", "    probability: 1.5\n",
         "event `pilot_story`: `probability` is a probability and must be between 0 and 1 (got 1.5)", "1.5"),
    ],
)
def test_expressions_are_checked_in_scope(old: str, new: str, message: str, points_at: str) -> None:
    text = edited((old, new))
    problem = single((old, new))
    assert problem.message == message
    assert at(problem, text).startswith(points_at)


def test_expressions_inside_event_choices() -> None:
    problem = single(("          - metric: {id: finance, by: -2}",
                      "          - chance: {p: 'trust.council + x', then: [{metric: {id: finance, by: -2}}]}"))
    assert problem.message == "event `winter_pressure`, choice 1, `chance p`: unknown name `x`"


def test_each_expression_is_allowed_in_where_filters() -> None:
    text = edited(('who: {where: "trust > 0.4"}', "who: {where: support < mean(support)}"))
    assert validate_text(text, "minimal.yaml").problems == []


def test_flag_read_but_never_set_is_a_warning() -> None:
    text = edited(("when: flag.pilot_done > 0", "when: flag.pilot_dun > 0"))
    problem = single(("when: flag.pilot_done > 0", "when: flag.pilot_dun > 0"), severity="warning")
    assert problem.message == ("event `pilot_story` reads `flag.pilot_dun`, but no effect ever sets it, so it is always 0 "
                               "(did you mean `pilot_done`?)")
    assert at(problem, text).startswith("flag.pilot_dun")


# --------------------------------------------------------------------------
# Endings, events, timing, the network


def test_no_fallback_ending() -> None:
    problem = single(("    outcome: partial\n", "    outcome: partial\n    when: turn > 100\n"))
    assert problem.message.startswith("no fallback ending: exactly one ending must have no `when`")


def test_two_fallback_endings() -> None:
    text = edited(("    when: progress.integration >= 0.9 and wmean(support) >= 0.5\n", ""))
    problem = single(("    when: progress.integration >= 0.9 and wmean(support) >= 0.5\n", ""))
    assert problem.message == ("ending `unfinished` has no `when`, but `joined_up` is already the fallback; give one "
                               "of them a condition")
    assert at(problem, text).startswith("id: unfinished")


def test_early_ending_needs_a_condition() -> None:
    found = problems(("    when: wmean(trust) < 0.15 or metric.finance < -30\n", ""),
                     ("    when: progress.integration >= 0.9 and wmean(support) >= 0.5\n", "    when: turn > 1\n"),
                     ("    outcome: partial\n", "    outcome: partial\n    when: turn > 2\n"))
    assert [p.message for p in found] == ["ending `board_revolt` is early but has no `when`; an early ending needs a condition"]


def test_event_without_choices() -> None:
    text = edited(("      - id: publicise\n        text: Publicise the results\n        effects:\n"
                   "          - support: {who: all, by: 0.05}\n      - id: stay_quiet\n        text: Keep it quiet for now\n"
                   "        effects: []\n", ""), ("    probability: 0.8\n    choices:\n", "    probability: 0.8\n"))
    found = validate_text(text, "minimal.yaml").problems
    assert [p.message for p in found] == ["event `pilot_story` has no choices; give it two or three (a choice may have no effects)"]
    assert at(found[0], text) == "id: pilot_story"


def test_hints_and_pauses_after_the_last_turn() -> None:
    found = problems(("  - turn: 1\n", "  - turn: 9\n"), ("    - after_turn: 4\n", "    - after_turn: 12\n"))
    assert [(p.severity, p.message) for p in found] == [
        ("warning", "pause after turn 12 comes after the last turn (8) and will never happen"),
        ("warning", "hint for turn 9 comes after the last turn (8) and will never show"),
    ]


def test_action_that_costs_more_than_a_turn_allows() -> None:
    text = edited(("    cost: 2\n", "    cost: 4\n"))
    problem = single(("    cost: 2\n", "    cost: 4\n"), severity="warning")
    assert problem.message == ("action `force_integration` costs 4 but the chief executive has 3 leadership time "
                               "a turn, so it can never be taken")
    assert at(problem, text) == "4"


def test_delay_longer_than_the_game() -> None:
    text = edited(("          turns: 2\n", "          turns: 8\n"))
    problem = single(("          turns: 2\n", "          turns: 8\n"), severity="warning")
    assert problem.message == "action `pilot` delays effects by 8 turns, but the game has only 8, so they never apply"
    assert at(problem, text) == "8"


def test_self_loop_and_repeated_edges() -> None:
    found = problems(("{source: council, target: gp_federation, weight: 0.2}",
                      "{source: council, target: council, weight: 0.2}"),
                     ("{source: acute_trust, target: clinicians, weight: 0.3}",
                      "{source: clinicians, target: acute_trust, weight: 0.3}"))
    assert [p.message for p in found] == [
        "influence from `clinicians` to `acute_trust` is given twice (edges 1 and 2); keep one",
        "influence edge 3 goes from `council` to itself; a stakeholder's own stubbornness already anchors it "
        "(remove the edge)",
    ]
    assert all(p.severity == "warning" for p in found)


def test_expectation_bounds_in_order() -> None:
    problem = single(("    mean_score: {min: 0}\n", "    mean_score: {min: 60, max: 40}\n"))
    assert problem.message == "expectation 1: `mean_score` has min 60.0 above max 40.0"


def test_file_name_and_id_should_match() -> None:
    found = validate_text(TEXT, "scenarios/renamed.yaml").problems
    assert [p.message for p in found] == [
        "meta.id is `minimal` but the file is named `renamed.yaml`; scenarios are found by file name, so make them match"
    ]


# --------------------------------------------------------------------------
# Translations: one line per text, or one summary


def test_no_translations_at_all_is_one_summary() -> None:
    problem = single(("  turns: 8\n", "  turns: 8\n  languages: [fr]\n"), severity="warning")
    assert problem.message.startswith("no text is translated into `fr` yet (")


def test_a_few_missing_translations_are_listed() -> None:
    # Translate the one-line texts by turning each into a map; block texts and lists stay plain.
    keys = r"(title|summary|name|short|text|outcome|prompt|facilitator_notes|unit)"
    text = re.sub(rf"^(\s*-?\s*){keys}: (?!>|success|partial|failure)(.+)$",
                  lambda m: f"{m.group(1)}{m.group(2)}: {{en: {m.group(3)!r}, fr: x}}", TEXT, flags=re.M)
    text = text.replace("  turns: 8\n", "  turns: 8\n  languages: [fr]\n")
    found = validate_text(text, "minimal.yaml").problems
    assert found and all(p.severity == "warning" for p in found)
    assert len(found) <= 10
    assert all(p.message == "this text has no `fr` translation" for p in found)
    lines = text.split("\n")
    assert all(("fr:" not in lines[p.line - 1]) for p in found)


def test_many_missing_translations_are_summarised() -> None:
    text = TEXT.replace("  turns: 8\n", "  turns: 8\n  languages: [fr]\n").replace(
        "  title: Joining up care in Eastvale", "  title: {en: Joining up care, fr: Soins}")
    found = validate_text(text, "minimal.yaml").problems
    assert [p.message for p in found] == ["38 of 39 texts have no `fr` translation (the first on line 7)"]


SHIPPED = sorted((MINIMAL.parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_are_fully_translated(path: Path) -> None:
    # Effect targets such as `who: {where: ...}` are ids, not texts, so they need no translation.
    result = validate_text(path.read_text(encoding="utf-8"), path.name)
    assert load(path).meta.languages == ["fr"]
    assert [str(p) for p in result.problems] == []


def test_an_untranslated_debrief_objective_is_reported() -> None:
    path = MINIMAL.parents[2] / "scenarios" / "european_merger.yaml"
    text = path.read_text(encoding="utf-8")
    objective = "      fr: Décider quand affronter une résistance organisée et quand négocier.\n"
    assert objective in text
    text = text.replace(objective, "")
    found = validate_text(text, path.name).problems
    assert [p.message for p in found] == ["this text has no `fr` translation"]
    assert text.split("\n")[found[0].line - 1].strip().startswith("- en: Decide when to confront")


def test_unavailable_text_without_a_condition_is_never_shown() -> None:
    text = TEXT.replace("    cost: 1\n", "    cost: 1\n    unavailable_text: Not yet.\n", 1)
    assert text != TEXT
    found = validate_text(text, "minimal.yaml").problems
    assert [p.message for p in found] == [
        f"action `{load(MINIMAL).actions[0].id}` has `unavailable_text` but no `available` condition, so the "
        "text is never shown; add the condition or remove the text"]
    assert "unavailable_text" in text.split("\n")[found[0].line - 1]


# --------------------------------------------------------------------------
# Deliberate teaching moments


def test_at_most_two_events_are_marked_deliberate() -> None:
    two = (("    probability: 0.5\n", "    probability: 0.5\n    deliberate: true\n"),
           ("    probability: 0.8\n", "    probability: 0.8\n    deliberate: true\n"))
    assert problems(*two) == []
    third = ("\nendings:\n", "\n  - id: pilot_sequel\n    title: The pilot again\n    text: A second story.\n"
             "    deliberate: true\n    choices:\n      - text: Talk\n        effects: []\n      - text: Wait\n"
             "        effects: []\n\nendings:\n")
    text = edited(*two, third)
    found = validate_text(text, "minimal.yaml").problems
    assert len(found) == 1, found
    assert found[0].message.startswith("event `pilot_sequel` is marked `deliberate`, but at most 2 events may be "
                                       "(winter_pressure, pilot_story already are)")
    assert at(found[0], text).startswith("deliberate: true") or at(found[0], text) == "true"
