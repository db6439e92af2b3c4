"""Every refusal a facilitator meets with `--lang fr` is in French, at the same place as in English.

workshop.yaml of the wrong shape (a bad team name, text where a list belongs, a key missing or
unknown), YAML the scenario reader refuses, an unknown scenario for `workshop new`, a turn past the
end of a one-turn scenario (which must read "1 tour", not "1 tours"), `play --workshop` without a
team, and the command `workshop new --lang fr` suggests to the teams.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.i18n.words import Words
from game.workshop.config import load_workshop
from game.workshop.create import CreateError, NewWorkshop, create
from game.workshop.files import SessionFileError, parse_session
from game.workshop.problems import WorkshopError, say_problem

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


def speak(monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A workshop on a copy of the tutorial, and the text of its workshop.yaml as made."""
    base = tmp_path_factory.mktemp("fr")
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", base / "tutorial.yaml")
    w = create(NewWorkshop(base / "ws", str(base / "tutorial.yaml"), ["Red", "Blue"], seed=3))
    return w.folder, (w.folder / "workshop.yaml").read_text(encoding="utf-8")


def refusals(folder: Path, text: str, tmp_path: Path) -> list[tuple[str, str]]:
    """(English, French) for each problem found in ``text`` as the workshop file of a copy of ``folder``."""
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    (copy / "workshop.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(WorkshopError) as caught:
        load_workshop(copy)
    problems = caught.value.problems
    assert [say_problem(p, "en") for p in problems] == [str(p) for p in problems]
    return [(say_problem(p, "en"), say_problem(p, "fr")) for p in problems]


def same_place(english: str, french: str) -> str:
    """The French message, once both lines are checked to start with the same ``file:line:col``."""
    place = re.match(r"(.*?:\d+:\d+): error: ", english)
    assert place is not None, english
    start = f"{place.group(1)} : erreur : "
    assert french.startswith(start), french
    return french.removeprefix(start)


def test_bad_team_names_in_the_file_are_refused_in_french(made: tuple[Path, str], tmp_path: Path) -> None:
    folder, text = made
    found = refusals(folder, text.replace('  - "Blue"', '  - "a/b"\n  - "con"'), tmp_path)
    assert [e.split(": error: ")[1] for e, _ in found] == [
        "`a/b` is not a usable team name: use letters, digits, spaces, `-` or `_`, starting with a letter or "
        "digit, at most 32 characters",
        "`con` cannot be a file name on Windows; choose another team name"]
    assert [same_place(e, f) for e, f in found] == [
        "`a/b` ne peut pas servir de nom d'équipe : utilisez des lettres, des chiffres, des espaces, `-` ou `_`, "
        "en commençant par une lettre ou un chiffre, 32 caractères au plus",
        "`con` ne peut pas être un nom de fichier sous Windows ; choisissez un autre nom d'équipe"]
    # Each points at the name itself, on the two lines after the first team.
    lines = [re.findall(r":(\d+):5: error: ", e) for e, _ in found]
    assert len(lines[0]) == len(lines[1]) == 1 and int(lines[1][0]) == int(lines[0][0]) + 1


# Each case: the edits made to a good workshop.yaml, then every refusal as {English: French}. These
# mistakes are the scenario loader's too, and are said in its words; the facilitator's word is the
# workshop's own.
WRONG_SHAPES = {
    "values of the wrong kind": (
        [('teams:\n  - "Red"\n  - "Blue"', "teams: Red"), ("seed: 3", "seed: lots"),
         ("  pauses: true", "  pauses: maybe\n  colour: blue"), ('title: "', 'title: 12 #')],
        {
            "expected text, got a number 12 (put it in quotes to make it text)":
                "il faut du texte, mais la valeur est le nombre 12 (mettez-la entre guillemets pour en faire du texte)",
            "expected a whole number, got text 'lots'": "il faut un nombre entier, mais la valeur est le texte 'lots'",
            "expected a list (`- ` items), got text 'Red'":
                "il faut une liste (des éléments `- `), mais la valeur est le texte 'Red'",
            "expected true or false, got text 'maybe'": "il faut true ou false, mais la valeur est le texte 'maybe'",
            "unknown key `colour`; the keys here are `hide_forecasts`, `predict`, `predict_stakeholder`, "
            "`decision_seconds`, `pauses`":
                f"clé inconnue `colour`{NBSP}; les clés possibles ici sont `hide_forecasts`, `predict`, "
                "`predict_stakeholder`, `decision_seconds`, `pauses`",
        }),
    "missing keys, bounds and lengths": (
        [("facilitator_word: ", "facilitator_word: ab #"), ("  sha256:", "  # sha256:"),
         ("decision_seconds: null", "decision_seconds: 5"), ("format: 1", "format: 2")],
        {
            "must be 1 (got 2)": f"doit valoir 1 (valeur donnée{NBSP}: 2)",
            "missing required key `sha256`": "il manque la clé obligatoire `sha256`",
            "is too short: at least 4 characters (this has 2)":
                f"le texte est trop court{NBSP}: au moins 4 caractères (il en a 2)",
            "must be between 10 and 3600 (got 5)": f"doit être compris entre 10 et 3600 (valeur donnée{NBSP}: 5)",
        }),
}


@pytest.mark.parametrize("case", list(WRONG_SHAPES))
def test_a_file_of_the_wrong_shape_is_refused_in_french(case: str, made: tuple[Path, str], tmp_path: Path) -> None:
    folder, text = made
    edits, expected = WRONG_SHAPES[case]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    found = dict(refusals(folder, text, tmp_path))
    assert {e.split(": error: ")[1]: same_place(e, f) for e, f in found.items()} == expected


def test_yaml_the_reader_refuses_is_said_in_the_facilitators_language(made: tuple[Path, str],
                                                                     tmp_path: Path) -> None:
    folder, text = made
    for wrong in (text + "seed: 4\n", text + "  bad: [\n"):  # a key given twice; a bracket left open
        copy = tmp_path / f"copy{len(wrong)}"
        shutil.copytree(folder, copy)
        (copy / "workshop.yaml").write_text(wrong, encoding="utf-8")
        with pytest.raises(WorkshopError) as caught:
            load_workshop(copy)
        for problem in caught.value.problems:
            assert say_problem(problem, "en") == str(problem)
            # The reader's own words, in French where it has them, after the workshop's "erreur".
            assert same_place(str(problem), say_problem(problem, "fr")) == problem.say("fr")


def test_a_turn_past_the_end_agrees_with_the_number_of_turns(tmp_path: Path) -> None:
    scenario = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    assert scenario.count("  turns: 6\n") == 1
    one = tmp_path / "one.yaml"
    one.write_text(scenario.replace("  turns: 6\n", "  turns: 1\n"), encoding="utf-8")
    w = create(NewWorkshop(tmp_path / "ws", str(one), ["Red"], seed=3))
    path = w.folder / "workshop.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "injects: []", "injects:\n  - event: consultant_letter\n    turn: 2"), encoding="utf-8")
    with pytest.raises(WorkshopError) as caught:
        load_workshop(w.folder)
    [problem] = caught.value.problems
    assert str(problem).endswith("error: turn 2 is past the end: `tutorial` lasts 1 turn")
    assert say_problem(problem, "fr").endswith(f"le tour 2 vient après la fin{NBSP}: `tutorial` dure 1 tour")
    six = Words.counted("workshop.file.past_end", 6, turn=9, scenario="tutorial", turns=6)
    assert six.say("en") == "turn 9 is past the end: `tutorial` lasts 6 turns"
    assert six.say("fr") == f"le tour 9 vient après la fin{NBSP}: `tutorial` dure 6 tours"


def test_an_unknown_scenario_is_refused_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    speak(monkeypatch, "C.UTF-8")
    args = ["workshop", "new", str(tmp_path / "ws"), "--teams", "Rouge", "--scenario"]
    assert main([*args, "tutoriel", "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"--scenario tutoriel{NBSP}: ce n'est ni un fichier de scénario ni l'identifiant d'un "
                          f"scénario connu (vouliez-vous dire `tutorial` ?){NBSP}; les scénarios sont{NBSP}: ")
    assert "tutorial" in err.split("les scénarios sont")[1]
    assert main([*args, "tutoriel"]) == 1
    assert capsys.readouterr().err.startswith("--scenario tutoriel: not a scenario file nor a known scenario id "
                                              "(did you mean `tutorial`?); the scenarios are: ")
    assert main([*args, "absent.yaml", "--lang", "fr"]) == 1
    assert capsys.readouterr().err == f"--scenario absent.yaml{NBSP}: ce fichier de scénario n'existe pas\n"
    assert main([*args, str(tmp_path), "--lang", "fr"]) == 1
    assert capsys.readouterr().err == f"--scenario {tmp_path}{NBSP}: c'est un dossier, et non un fichier de scénario\n"
    assert not (tmp_path / "ws").exists()


def test_a_scenario_with_errors_is_refused_in_the_facilitators_language(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta:\n  id: broken\nmeta: {}\n", encoding="utf-8")
    with pytest.raises(CreateError) as caught:
        create(NewWorkshop(tmp_path / "ws", str(broken), ["Red"]))
    english = str(caught.value)
    assert english.startswith(f"{broken}:")
    french = caught.value.say("fr")
    assert len(french.splitlines()) == len(english.splitlines())
    assert all(f.startswith(e.split(": error: ")[0] + " : erreur : ")
               for e, f in zip(english.splitlines(), french.splitlines(), strict=True))


def test_new_with_lang_suggests_the_same_lang_to_the_teams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    speak(monkeypatch, "C.UTF-8")
    for lang, line in (("fr", "Chaque équipe joue avec{nbsp}: shove play --workshop {folder} --team NOM --text "
                              "--lang fr"),
                       ("en", "Each team plays with: shove play --workshop {folder} --team NAME --text --lang en"),
                       ("fr_CA", "Chaque équipe joue avec{nbsp}: shove play --workshop {folder} --team NOM --text "
                                 "--lang fr")):
        folder = tmp_path / lang
        assert main(["workshop", "new", str(folder), "--scenario", "tutorial", "--teams", "A", "--lang", lang]) == 0
        assert capsys.readouterr().out.splitlines()[-1] == line.format(nbsp=NBSP, folder=folder)


def test_an_edited_session_file_says_what_is_wrong_in_french() -> None:
    edited = {"format": "push-comes-to-shove/workshop-session", "version": 1, "team": "Rouge", "turn": 99,
              "pin": {"scenario_id": "tutorial", "scenario_sha256": "0" * 64, "seed": "lots"}, "policy": 3}
    with pytest.raises(SessionFileError) as caught:
        parse_session(json.dumps(edited).encode("utf-8"), "Rouge.json")
    assert str(caught.value) == ("Rouge.json: the file is damaged or edited: pin.seed: expected a whole number, got "
                                 "text 'lots'; policy: expected text, got a number 3; turn: must be between 0 and "
                                 "61 (got 99)")
    # Said in French, and without the advice on writing YAML, as a session file is JSON.
    assert caught.value.say("fr") == ("le fichier est abîmé ou a été modifié : pin.seed: il faut un nombre entier, "
                                      "mais la valeur est le texte 'lots'; policy: il faut du texte, mais la valeur "
                                      f"est le nombre 3; turn: doit être compris entre 0 et 61 (valeur donnée{NBSP}: 99)")
