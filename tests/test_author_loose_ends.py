"""Author tools in the author's language, end to end.

Inputs the sensitivity analysis leaves alone are said in French from data (the
JSON keeps its English wording); an expectation's note may be translated, is
checked for translations and is shown in the language asked for; `shove new`
shows a conditional reflection question; a team's computer explains a broken
workshop.yaml in the player's language.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import re
from pathlib import Path

import pytest

from game.analysis.variants import NotVaried, Why, variants
from game.cli import main
from game.scenario import loader
from game.scenario.scaffold import scenario_text
from game.scenario.schema import Question
from tests.test_balance_cli import SMALL

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
NBSP = "\u00a0"

# Two inputs that cannot be varied: a model parameter and an initial trust, both zero.
UNVARIED = SMALL.replace("{id: board, name: The board, power: 0.6, trust: 0.6,",
                         "{id: board, name: The board, power: 0.6, trust: 0.0,") + "model: {trust_drift: 0.0}\n"
UNVARIED_JSON = [
    "model.trust_drift (0, so a ±20% change does nothing)",
    "trust.board (0, so a ±20% change does nothing)",
]

FRENCH_NOTE = "Forcer seul ne devrait presque jamais réussir."
ENGLISH_NOTE = "Forcing alone should almost never succeed."
# An expectation that fails on purpose: forcing never wins this small scenario.
FAILING = SMALL.replace("  summary: Two partners and one change, for tests.\n",
                        "  summary: Two partners and one change, for tests.\n  languages: [fr]\n") + f"""\
expectations:
  - policy: force
    runs: 200
    success_rate: {{min: 0.99}}
    note:
      en: {ENGLISH_NOTE}
      fr: {FRENCH_NOTE}
"""


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _plain(text: str) -> str:
    """Text with its non-breaking spaces as ordinary ones and its lines joined (rich wraps notes)."""
    return re.sub(r"\s+", " ", text.replace(NBSP, " ").replace("\u202f", " "))


# --------------------------------------------------------------------------
# Inputs the sensitivity analysis does not vary


def test_unvaried_inputs_are_data_with_the_json_wording_kept(tmp_path: Path) -> None:
    path = tmp_path / "unvaried.yaml"
    path.write_text(UNVARIED, encoding="utf-8")
    _, skipped = variants(loader.load(path), 0.2)
    assert skipped == [NotVaried("model.trust_drift", Why.ZERO, 0.2), NotVaried("trust.board", Why.ZERO, 0.2)]
    assert [s.english for s in skipped] == UNVARIED_JSON
    assert NotVaried("model.x", Why.PINNED, 0.2).english == "model.x (pinned at its allowed range)"
    assert NotVaried("model.x", Why.ZERO, 0.25).english == "model.x (0, so a ±25% change does nothing)"


def test_unvaried_inputs_are_said_in_french_and_the_json_does_not_change(tmp_path: Path) -> None:
    path = tmp_path / "unvaried.yaml"
    path.write_text(UNVARIED, encoding="utf-8")
    args = ["balance", str(path), "--runs", "50", "--policies", "force", "--sensitivity"]

    code, out, _ = _run([*args, "--lang", "fr", "--html", str(tmp_path / "fr.html")])
    assert code == 0
    said = _plain(out)
    assert ("Non variés : model.trust_drift (vaut 0 : une variation de ±20 % ne change rien) ; "
            "trust.board (vaut 0 : une variation de ±20 % ne change rien).") in said
    assert "0, so a" not in said and "does nothing" not in said
    page = _plain(html.unescape((tmp_path / "fr.html").read_text(encoding="utf-8")))
    assert "Non variés, car les changer ne change rien : model.trust_drift (vaut 0 : une variation" in page
    assert "does nothing" not in page

    code, out, _ = _run([*args, "--lang", "en"])
    assert code == 0
    assert "Not varied: model.trust_drift (0, so a ±20% change does nothing); trust.board (0, so a" in _plain(out)

    outputs = []
    for lang in ("fr", "en"):
        code, out, _ = _run([*args, "--json", "--lang", lang])
        assert code == 0
        data = json.loads(out)
        data.pop("elapsed_s")
        outputs.append(data)
    assert outputs[0]["sensitivity"]["skipped"] == UNVARIED_JSON
    assert outputs[0] == outputs[1]


# --------------------------------------------------------------------------
# An expectation's note is a translatable text


def test_a_failing_expectation_gives_its_note_in_the_language_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "failing.yaml"
    path.write_text(FAILING, encoding="utf-8")
    code, out, _ = _run(["test", str(path), "--lang", "fr"])
    assert code == 1
    assert _plain(f"pourquoi c'est important : {FRENCH_NOTE}") in _plain(out)
    assert ENGLISH_NOTE not in out
    code, out, _ = _run(["test", str(path), "--lang", "en"])
    assert code == 1
    assert f"why it matters: {ENGLISH_NOTE}" in out and FRENCH_NOTE not in out


def test_notes_may_be_plain_translated_or_kept_in_a_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text(FAILING.replace(f"    note:\n      en: {ENGLISH_NOTE}\n      fr: {FRENCH_NOTE}\n",
                                     f"    note: {ENGLISH_NOTE}\n"), encoding="utf-8")
    assert loader.load(plain).expectations[0].note == ENGLISH_NOTE
    (tmp_path / "why_fr.md").write_text(FRENCH_NOTE + "\n", encoding="utf-8")
    in_file = tmp_path / "in_file.yaml"
    in_file.write_text(FAILING.replace(f"      fr: {FRENCH_NOTE}\n", "      fr: {file: why_fr.md}\n"), encoding="utf-8")
    assert loader.load(in_file).expectations[0].note == {"en": ENGLISH_NOTE, "fr": FRENCH_NOTE}


def test_a_note_without_its_translation_is_warned_about_at_its_line(tmp_path: Path) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    translated = "    note:\n      en: A careless game can still fail.\n"
    start = text.index(translated)
    end = text.index("\n", start + len(translated)) + 1  # the French line after it
    assert text[start + len(translated):end].startswith("      fr: ")
    path = tmp_path / "tutorial.yaml"
    path.write_text(text[:start] + "    note: A careless game can still fail.\n" + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    code, out, err = _run(["validate", "--strict", str(path)])
    assert code == 1
    assert f"tutorial.yaml:{line}:11: warning: this text has no `fr` translation" in out + err


def test_the_shipped_scenarios_notes_are_in_french() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load(path)
        assert scenario.expectations, path.name
        for expectation in scenario.expectations:
            note = expectation.note
            assert isinstance(note, dict) and note.get("fr") and note.get("en"), (path.name, expectation.policy)
            assert note["fr"] != note["en"]


# --------------------------------------------------------------------------
# `shove new` shows a conditional reflection question


def test_the_new_scenario_shows_a_question_with_a_condition(tmp_path: Path) -> None:
    text = scenario_text("pilot")
    assert "- ask: >-" in text and 'when: "moves.push > moves.partner"' in text
    assert "`taken.ACTION`" in text  # the comment names what a condition may count
    assert main(["new", "pilot", "--dir", str(tmp_path)]) == 0
    code, _, _ = _run(["validate", "--strict", str(tmp_path / "pilot.yaml")])
    assert code == 0
    questions = loader.load(tmp_path / "pilot.yaml").debrief.questions
    conditional = [q for q in questions if isinstance(q, Question) and q.when]
    assert len(conditional) == 1 and conditional[0].when == "moves.push > moves.partner"


# --------------------------------------------------------------------------
# A broken workshop.yaml, explained on a team's computer


@pytest.fixture
def broken_workshop(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    code, _, _ = _run(["workshop", "new", str(folder), "--scenario", str(TUTORIAL), "--teams", "Red,Blue"])
    assert code == 0
    config = folder / "workshop.yaml"
    text = config.read_text(encoding="utf-8")
    assert text.count('  - "Blue"\n') == 1
    config.write_text(text.replace('  - "Blue"\n', '  - "red"\n'), encoding="utf-8")  # Red twice
    return folder


FRENCH_TWICE = re.compile(r"workshop\.yaml:\d+:\d+ : erreur : l'équipe `red` figure deux fois dans la liste")


def test_the_text_team_game_explains_a_broken_workshop_in_french(broken_workshop: Path) -> None:
    from game.text_ui.team import run_team

    def run(lang: str) -> tuple[int, str]:
        args = argparse.Namespace(workshop=str(broken_workshop), team="Red", lang=lang,
                                  scenario=None, seed=None, load=None)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = run_team(args, io.StringIO(""), io.StringIO())
        return code, _plain(err.getvalue())

    code, said = run("fr")
    assert code == 1 and FRENCH_TWICE.search(said), said
    code, said = run("en")
    assert code == 1 and re.search(r"workshop\.yaml:\d+:\d+: error: the team `red` ", said), said


def test_the_window_explains_a_broken_workshop_in_french(broken_workshop: Path) -> None:
    from game.ui.app import LaunchError
    from game.ui.launch import _workshop_seat

    args = argparse.Namespace(workshop=str(broken_workshop), team="Red", lang="fr")
    with pytest.raises(LaunchError) as caught:
        _workshop_seat(args)
    assert FRENCH_TWICE.search(_plain(str(caught.value))), str(caught.value)
