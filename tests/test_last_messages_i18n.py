"""The last messages facilitators and authors read are in their language.

`shove validate --saves` (every verdict, reason and summary), the reasons a save
cannot be read or replayed, a team session that no longer replays in a workshop
report, and the comments of a new workshop.yaml: French with ``--lang fr``, and
English exactly as before.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.scenario.loader import load
from game.session import Session
from game.session.saves import SaveError, parse_save, read_save
from game.workshop.config import Workshop, load_workshop
from game.workshop.create import NewWorkshop, _comment, create, render
from game.workshop.files import SessionFileError
from game.workshop.fill import fill
from game.workshop.results import collect
from game.workshop.seat import TeamSeat
from game.workshop.words import workshop_title
from tests.test_save_compat import play_and_save

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@pytest.fixture
def saves(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the tutorial, and a folder with one 4-turn save of it and one foreign file."""
    scenario = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, scenario)
    folder = tmp_path / "saves"
    folder.mkdir()
    play_and_save(scenario, folder / "partner.json", 4, "force")
    (folder / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    return scenario, folder


def _validate(scenario: Path, folder: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", str(scenario), "--saves", str(folder), "--lang", lang])
    return code, capsys.readouterr().out.splitlines()


def test_validate_saves_speaks_french(saves: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    scenario, folder = saves
    code, lines = _validate(scenario, folder, "fr", capsys)
    assert code == 1
    assert f"{folder / 'notes.json'} : illisible : ce n'est pas une sauvegarde de Push Comes to Shove" in lines
    assert f"{folder / 'partner.json'} : se rejoue : se rejoue à l'identique sur les 4 tours (scénario inchangé)" \
        in lines
    assert lines[-1] == f"sauvegardes de {scenario} : 1 sur 2 se rejoue encore"


def test_validate_saves_english_is_unchanged(saves: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    scenario, folder = saves
    code, lines = _validate(scenario, folder, "en", capsys)
    assert code == 1
    assert lines[-3:] == [
        f"{folder / 'notes.json'}: unreadable: this is not a Push Comes to Shove save",
        f"{folder / 'partner.json'}: replays: replays all 4 turns exactly (scenario unchanged)",
        f"saves of {scenario}: 1 of 2 still replay",
    ]


def test_a_save_broken_by_an_edit_is_explained_in_french(
    saves: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, folder = saves
    (folder / "notes.json").unlink()
    played = Session.load(folder / "partner.json", load(scenario), autosave=False)
    victim = sorted({d.action for record in played.history for d in record.decisions})[0]
    text = scenario.read_text(encoding="utf-8")
    renamed = text.replace(f"id: {victim}\n", f"id: {victim}_renamed\n")
    for namespace in ("taken", "can"):  # the conditions that name the action follow it
        renamed = renamed.replace(f"{namespace}.{victim} ", f"{namespace}.{victim}_renamed ")
    scenario.write_text(renamed, encoding="utf-8")
    code, lines = _validate(scenario, folder, "fr", capsys)
    assert code == 1
    broken = next(line for line in lines if "partner.json" in line)
    assert broken.startswith(f"{folder / 'partner.json'} : cassée : le scénario a changé depuis l'enregistrement "
                             "de cette partie, et le tour ")
    assert "ne s'applique plus" in broken and victim in broken
    assert lines[-1] == f"sauvegardes de {scenario} : 0 sur 1 se rejoue encore"
    code, lines = _validate(scenario, folder, "en", capsys)
    assert next(line for line in lines if "partner.json" in line).startswith(
        f"{folder / 'partner.json'}: breaks: the scenario has changed since this game was saved, and turn ")


@pytest.mark.parametrize(
    ("raw", "english", "french"),
    [
        (b"  ", "x.json: the file is empty. The file may be cut short or edited by hand; load an older save or "
         "the autosave instead", "x.json: le fichier est vide. Le fichier est peut-être tronqué"),
        (b"{oops", "x.json:1:2: the save is damaged: expecting property name enclosed in double quotes. The file",
         "x.json:1:2: la sauvegarde est abîmée : "),
        (b'{"format": "push-comes-to-shove/save", "version": 9}',
         "x.json: the save was written by a newer version of the game (save format 9; this version reads format 1)"
         ". Update the game to load it",
         "x.json: la sauvegarde a été écrite par une version plus récente du jeu (format de sauvegarde 9 ; "
         "cette version lit le format 1). Mettez le jeu à jour pour la charger"),
        (b"\xff\xfe", "x.json: byte 0 is not UTF-8 text, so this is not a save. Choose a file saved by",
         "x.json: l'octet 0 n'est pas du texte UTF-8 : ce n'est donc pas une sauvegarde. Choisissez un fichier"),
    ],
)
def test_a_save_error_is_said_in_english_as_before_and_in_french(raw: bytes, english: str, french: str) -> None:
    with pytest.raises(SaveError) as caught:
        parse_save(raw, "x.json")
    assert str(caught.value).startswith(english)
    assert caught.value.say("en") == str(caught.value)
    assert caught.value.say("fr").startswith(french)


def test_a_damaged_save_lists_its_problems_in_french() -> None:
    data = {"format": "push-comes-to-shove/save", "version": 1, "scenario": {"id": "Bad Id"}, "seed": -1,
            "log": "no", "extra1": 1, "extra2": 2}
    with pytest.raises(SaveError) as caught:
        parse_save(json.dumps(data).encode(), "x.json")
    english, french = caught.value.message, caught.value.reason("fr")
    assert english.startswith("the save is damaged: ") and "more problems)" in english
    assert french.startswith("la sauvegarde est abîmée : ") and "autres problèmes)" in french
    with pytest.raises(SaveError) as missing:
        read_save(Path("/nonexistent/nowhere.json"))
    assert missing.value.say("fr").endswith(": ce fichier n'existe pas. Vérifiez le nom et le dossier")


@pytest.fixture
def workshop(tmp_path: Path) -> Workshop:
    """A tutorial workshop whose team Rouge played, then had a move in its log renamed."""
    scenario = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, scenario)
    w = create(NewWorkshop(tmp_path / "atelier", str(scenario), ["Rouge", "Bleu"], seed=5))
    fill(w, "Rouge", "force")
    path = w.session_path("Rouge")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["log"][0]["decisions"][0]["action"] = "no_such_move"
    path.write_text(json.dumps(data), encoding="utf-8")
    return w


def test_a_session_that_no_longer_replays_is_reported_in_french(workshop: Workshop) -> None:
    french = collect(workshop, "fr").skipped
    assert len(french) == 1
    assert french[0].startswith("Rouge.json : ses décisions ne peuvent pas être rejouées sur le scénario de cet "
                                "atelier (la sauvegarde ne correspond pas à son scénario")
    assert "au tour" not in french[0] and "le tour 1 ne s'applique plus" in french[0]
    english = collect(workshop, "en").skipped
    assert "its decisions do not replay on this workshop's scenario (the save does not match its scenario " \
           "(it may have been edited): turn 1 no longer applies: " in english[0]


def test_a_seat_that_no_longer_replays_says_so_in_french(workshop: Workshop) -> None:
    with pytest.raises(SessionFileError) as caught:
        TeamSeat.open(workshop, "Rouge", lang="fr")
    said = caught.value.say("fr")
    assert said.startswith("ses décisions ne peuvent plus être rejouées (la sauvegarde ne correspond pas")
    assert "le tour 1 ne s'applique plus" in said
    assert caught.value.say("en").startswith("the decisions in it no longer replay (the save does not match")


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("# ")]


def test_a_french_workshop_file_has_french_comments_and_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "atelier"
    code = main(["workshop", "new", str(folder), "--scenario", str(TUTORIAL), "--teams", "Rouge,Bleu",
                 "--seed", "7", "--predict", "--lang", "fr"])
    assert code == 0, capsys.readouterr().err
    text = (folder / "workshop.yaml").read_text(encoding="utf-8")
    comments = _comments(text)
    assert comments[0].startswith("# Un atelier Push Comes to Shove.")
    assert "# Gardez-le pour vous." in comments
    assert any(c.startswith("# Événements de ce scénario : ") for c in comments)
    assert not any(word in text for word in ("Keep it to yourself", "The luck every team shares", "workshop."))
    w = load_workshop(folder)
    assert (w.teams, w.seed, w.file.options.predict) == (["Rouge", "Bleu"], 7, True)
    assert workshop_title(w, "fr") == "Atelier « Les cent premiers jours »"  # the proposed title, said in French
    data = yaml.safe_load(text)  # the keys stay English
    assert {"format", "title", "scenario", "seed", "teams", "facilitator_word", "options", "injects"} <= set(data)
    english = render(NewWorkshop(folder, str(TUTORIAL), ["Rouge", "Bleu"], seed=7, predict=True),
                     TUTORIAL, w.file.facilitator_word, 7)
    assert yaml.safe_load(english)["scenario"] == data["scenario"]
    assert _comments(english)[0].startswith("# A Push Comes to Shove workshop. Every team plays")
    assert "# Keep it to yourself." in _comments(english)


def test_a_field_with_a_line_break_stays_inside_the_comment() -> None:
    lines = _comment("fr", "workshop.yaml.scenario", title="Titre\nseed: 99", version="1", turns="6 tours")
    assert lines == ["# Titre", "# seed: 99, version 1 : 6 tours."]
    assert yaml.safe_load("\n".join(lines)) is None


def test_an_autosave_that_fails_is_explained_in_the_session_language(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    for lang, expected in (("fr", f"la partie n'a pas pu être enregistrée automatiquement ({blocker} est un fichier, "
                                  "pas un dossier). Vérifiez que le dossier"),
                           ("en", f"the game could not be autosaved ({blocker} is a file, not a folder). "
                                  "Check the folder is writable")):
        session = Session.new(load(TUTORIAL), 1, source_path=TUTORIAL, lang=lang,
                              autosave=blocker / "autosave.json")
        session.play_turn(session.suggest("balanced"))
        assert expected in session.autosave_error
        assert session.turn == 2


def test_a_save_replayed_on_an_edited_scenario_says_so_in_french(saves: tuple[Path, Path]) -> None:
    scenario, folder = saves
    text = scenario.read_text(encoding="utf-8")
    assert '  version: "1.0"' in text
    scenario.write_text(text.replace('  version: "1.0"', '  version: "1.1"', 1), encoding="utf-8")
    edited = load(scenario)
    french = Session.load(folder / "partner.json", edited, source_path=scenario, lang="fr", autosave=False)
    english = Session.load(folder / "partner.json", edited, source_path=scenario, lang="en", autosave=False)
    assert french.notice.startswith("Le scénario a changé depuis l'enregistrement de cette partie ;")
    assert english.notice == ("The scenario has changed since this game was saved; your decisions were replayed on "
                              "the new version, so some numbers may differ from what you saw.")


def test_validate_names_a_save_replayed_on_an_edited_scenario_in_french(
    saves: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, folder = saves
    (folder / "notes.json").unlink()
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace('  version: "1.0"', '  version: "1.1"', 1), encoding="utf-8")
    code, lines = _validate(scenario, folder, "fr", capsys)
    assert code == 0
    assert lines[-2:] == [
        f"{folder / 'partner.json'} : modifiée : se rejoue sur les 4 tours du scénario modifié ; les chiffres "
        "peuvent différer de la partie enregistrée",
        f"sauvegardes de {scenario} : 1 sur 1 se rejoue encore",
    ]
    code, lines = _validate(scenario, folder, "en", capsys)
    assert lines[-2] == (f"{folder / 'partner.json'}: changed: replays all 4 turns on the edited scenario; "
                         "numbers may differ from the saved game")
