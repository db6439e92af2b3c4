"""A few seconds of the fuzz campaign (benchmarks/fuzz.py) on every parser, and each crash it found, pinned.

Each parser that reads files from strangers must return a result or its own
error, never another exception; what it accepts must also work downstream (a
scenario plays, a save replays, a session goes through the report's check).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks import fuzz
from game.scenario.expression_compiler import compile_expression
from game.scenario.expressions import ExpressionError, Names
from game.scenario.loader import validate_bytes, validate_text
from game.session.saves import SaveError, parse_save
from game.workshop.files import SessionFileError, parse_session

# Derandomised: the suite gives the same verdict every run; benchmarks/fuzz.py explores at random.
FAST = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


def run(target_name: str, value: Any) -> str:
    target = next(t for t in fuzz.TARGETS if t.name == target_name)
    tally = fuzz.Tally()
    fuzz.checked(target, tally)(value)
    return next(iter(tally.outcomes))


@pytest.fixture(scope="module", autouse=True)
def _workspace(tmp_path_factory: pytest.TempPathFactory) -> None:
    fuzz.workspace()  # real save, workshop and session files to mutate, made once


@FAST
@given(fuzz.scenario_inputs())
def test_scenario_loader_refuses_or_accepts_a_scenario_that_plays(raw: bytes) -> None:
    assert run("scenario", raw) in ("refused", "accepted and played")


@FAST
@given(fuzz.expression_inputs())
def test_expression_compiler_refuses_or_compiles_something_that_evaluates(text: str) -> None:
    assert run("expression", text)


@FAST
@given(fuzz.save_inputs())
def test_save_loader_refuses_or_replays(raw: bytes) -> None:
    assert run("save", raw) in ("refused", "parsed, replay refused", "parsed and replayed")


@FAST
@given(fuzz.workshop_inputs())
def test_workshop_file_is_refused_with_positions_or_accepted(text: str) -> None:
    assert run("workshop", text) in ("refused", "accepted")


@FAST
@given(fuzz.session_inputs())
def test_session_file_is_refused_or_checked_by_the_report(raw: bytes) -> None:
    assert run("session", raw) in ("refused", "parsed, check refused", "parsed and checked")


# --------------------------------------------------------------------------
# Crashes the campaign found, pinned


HUGE_NUMBER = b"9" * 5000


def test_a_save_with_a_number_thousands_of_digits_long_is_refused_as_damaged() -> None:
    raw = json.dumps(fuzz.real_save()).encode().replace(b'"seed": 11', b'"seed": ' + HUGE_NUMBER)
    with pytest.raises(SaveError, match="thousands of digits"):
        parse_save(raw, "huge.json")


def test_a_session_file_with_a_number_thousands_of_digits_long_is_refused_as_damaged() -> None:
    raw = json.dumps(fuzz.real_session()).encode().replace(b'"turn": 0', b'"turn": ' + HUGE_NUMBER, 1)
    assert HUGE_NUMBER in raw
    with pytest.raises(SessionFileError, match="thousands of digits"):
        parse_session(raw, "Red.json")


@pytest.mark.parametrize("text", ["1and 2", "0x1for", "1if 1else 0", "1_000 and 2"])
def test_expressions_that_python_warns_about_print_no_warning(text: str) -> None:
    names = Names(("council",), (), ())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a SyntaxWarning would reach the author's terminal
        try:
            compile_expression(text, names)
        except ExpressionError as exc:
            assert exc.message


def test_an_integer_too_long_to_convert_in_a_scenario_is_a_positioned_problem() -> None:
    text = fuzz.FIXTURE.read_text(encoding="utf-8").replace("turns: 8", "turns: " + "9" * 5000)
    result = validate_text(text, "huge.yaml")
    assert not result.ok
    assert result.errors[0].line == 9


@pytest.mark.parametrize("splice", fuzz.YAML_SPLICES)
def test_every_hostile_yaml_fragment_at_the_top_gives_problems_not_exceptions(splice: bytes) -> None:
    raw = splice + b"\n" + fuzz.FIXTURE.read_bytes()
    result = validate_bytes(raw, "spliced.yaml")
    assert all(p.line >= 0 and p.message for p in result.problems)


def test_fuzz_campaign_reports_inputs_and_crashes(tmp_path: Path) -> None:
    tally = fuzz.campaign(fuzz.TARGETS[1], seconds=0.5, batch=20)
    assert tally.runs >= 20 and not tally.crashes


def test_an_empty_who_mapping_is_refused_not_crashing_the_engine() -> None:
    text = fuzz.FIXTURE.read_text(encoding="utf-8").replace("      - engage: {who: target}", "      - engage: {who: {}}")
    assert "who: {}" in text
    result = validate_text(text, "empty-who.yaml")
    assert not result.ok
    assert result.errors[0].line == text.split("\n").index("      - engage: {who: {}}") + 1
    assert run("scenario", text.encode()) == "refused"
