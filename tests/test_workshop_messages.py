"""What the workshop commands tell a facilitator, in the facilitator's language.

`shove workshop new|fill|report|board` speak French when asked (``--lang``, else the system
language), name the file and what to do when one cannot be used, and say it in English word for
word as before. The board draws why a team's file cannot be used inside that team's row. The files
the commands write are the same in every language.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game import i18n
from game.cli import main
from game.workshop.board import Board, run_board
from game.workshop.config import Workshop, load_workshop
from game.workshop.create import CreateError, NewWorkshop, create
from game.workshop.fill import fill
from game.workshop.problems import WorkshopError, say_problem
from game.workshop.report import write

ROOT = Path(__file__).resolve().parent.parent
DAMAGED = b'{"format": "push-comes-to-shove/workshop-session", "team": }\n'


def speak(monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    """The system language for the commands: ``fr_FR.UTF-8``, or ``C.UTF-8`` for none in particular."""
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the bilingual tutorial, which these tests' workshops pin, as it is when they start."""
    path = tmp_path_factory.mktemp("scenario") / "tutorial.yaml"
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", path)
    return str(path)


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory, tutorial: str) -> Workshop:
    """The tutorial with Rouge played by a policy and Bleu not started."""
    folder = tmp_path_factory.mktemp("msg") / "atelier"
    workshop = create(NewWorkshop(folder, tutorial, ["Rouge", "Bleu"], seed=5))
    fill(workshop, "Rouge", "balanced")
    return workshop


def copy_of(workshop: Workshop, folder: Path) -> Workshop:
    shutil.copytree(workshop.folder, folder)
    return load_workshop(folder)


# --------------------------------------------------------------------------- fill


def test_fill_errors_in_french_name_the_file_and_what_to_do(played: Workshop, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    w = copy_of(played, tmp_path / "atelier")
    speak(monkeypatch, "fr_FR.UTF-8")
    assert main(["workshop", "fill", str(w.folder), "--team", "Personne", "--policy", "partner"]) == 1
    assert capsys.readouterr().err == (f"{w.folder / 'workshop.yaml'} : il n'y a pas d'équipe `Personne` dans cet "
                                       "atelier ; les équipes sont : Rouge, Bleu\n")
    assert main(["workshop", "fill", str(w.folder), "--team", "rouge", "--policy", "partner"]) == 1
    assert capsys.readouterr().err == (f"{w.session_path('Rouge')} : l'équipe Rouge a déjà une session ; une "
                                       "stratégie ne joue qu'une place vide (déplacez le fichier ailleurs pour la "
                                       "faire rejouer)\n")
    assert main(["workshop", "fill", str(tmp_path / "nulle-part"), "--team", "Bleu", "--policy", "partner"]) == 1
    assert capsys.readouterr().err == (f"{tmp_path / 'nulle-part'} : erreur : ce dossier d'atelier n'existe pas ; "
                                       "créez-en un avec `shove workshop new DOSSIER`\n")
    (tmp_path / "vide").mkdir()
    assert main(["workshop", "fill", str(tmp_path / "vide"), "--team", "Bleu", "--policy", "partner"]) == 1
    assert "workshop.yaml : erreur : il n'y a pas de workshop.yaml ici ; créez-en un avec" in capsys.readouterr().err


def test_fill_errors_in_english_are_worded_as_before(played: Workshop, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    w = copy_of(played, tmp_path / "ws")
    speak(monkeypatch, "C.UTF-8")  # nothing asked for: the tutorial's own language, English
    assert main(["workshop", "fill", str(w.folder), "--team", "Nobody", "--policy", "partner"]) == 1
    assert capsys.readouterr().err == (f"{w.folder / 'workshop.yaml'}: there is no team `Nobody` in this workshop; "
                                       "the teams are Rouge, Bleu\n")
    assert main(["workshop", "fill", str(w.folder), "--team", "Rouge", "--policy", "partner"]) == 1
    assert capsys.readouterr().err == (f"{w.session_path('Rouge')}: the team Rouge already has a session; a policy "
                                       "only fills an empty seat (move the file away to fill it again)\n")
    assert main(["workshop", "fill", str(tmp_path / "nowhere"), "--team", "Bleu", "--policy", "partner"]) == 1
    assert capsys.readouterr().err == (f"{tmp_path / 'nowhere'}: error: there is no such workshop folder; make one "
                                       "with `shove workshop new DIR`\n")


def test_a_filled_seat_is_reported_in_french(played: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    w = copy_of(played, tmp_path / "atelier")
    speak(monkeypatch, "fr_FR.UTF-8")
    assert main(["workshop", "fill", str(w.folder), "--team", "Bleu", "--policy", "partner"]) == 0
    said = capsys.readouterr().out
    saved = json.loads(w.session_path("Bleu").read_text(encoding="utf-8"))
    ending = next(e for e in w.base_scenario.endings if e.id == saved["ending"])
    french = ending.title["fr"] if isinstance(ending.title, dict) else ending.title
    outcome = i18n.translate("fr", f"outcome.{saved['outcome']}.short")
    score = f"{saved['score']:.1f}".replace(".", ",")
    assert said == (f"Bleu\u00a0: partie jouée par la stratégie partner («\u00a0Toujours en partenariat\u00a0»)\u00a0; fin\u00a0: "
                    f"{french} ({outcome}) ; score : {score}. Enregistrée dans {w.session_path('Bleu')}\n")


# --------------------------------------------------------------------------- files in both languages


def test_session_files_and_the_csv_are_the_same_in_both_languages(played: Workshop, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    files = {}
    for locale, name in (("fr_FR.UTF-8", "fr"), ("C.UTF-8", "en")):
        w = copy_of(played, tmp_path / name)
        speak(monkeypatch, locale)
        assert main(["workshop", "fill", str(w.folder), "--team", "Bleu", "--policy", "partner"]) == 0
        data = json.loads(w.session_path("Bleu").read_text(encoding="utf-8"))
        del data["saved_at"]
        _, csv_path, _ = write(w, tmp_path / f"{name}.html", name)
        files[name] = (data, csv_path.read_bytes())
    assert files["fr"][0] == files["en"][0]
    assert files["fr"][1] == files["en"][1]
    assert files["en"][0]["team"] == "Bleu" and files["en"][0]["outcome"] in ("success", "partial", "failure")


# --------------------------------------------------------------------------- new


def test_new_speaks_french_and_english_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    speak(monkeypatch, "C.UTF-8")
    folder = tmp_path / "ws"
    assert main(["workshop", "new", str(folder), "--scenario", "tutorial", "--teams", "Red,Blue", "--seed", "3"]) == 0
    word = load_workshop(folder).file.facilitator_word
    assert capsys.readouterr().out == (f"Workshop ready in {folder}: 2 teams on tutorial, seed 3.\n"
                                       f"Facilitator's word to end a discussion pause: {word}\n"
                                       f"Each team plays with: shove play --workshop {folder} --team NAME --text\n")
    speak(monkeypatch, "fr_FR.UTF-8")
    folder = tmp_path / "atelier"
    assert main(["workshop", "new", str(folder), "--scenario", "tutorial", "--teams", "Rouge", "--seed", "3"]) == 0
    word = load_workshop(folder).file.facilitator_word
    assert capsys.readouterr().out == (f"Atelier prêt dans {folder} : 1 équipe sur tutorial, graine 3.\n"
                                       f"Mot de l'animateur pour clore une pause de discussion : {word}\n"
                                       f"Chaque équipe joue avec : shove play --workshop {folder} --team NOM --text\n")
    # Asking again: the folder is taken; the message says so, names it and says what to do.
    assert main(["workshop", "new", str(folder), "--scenario", "tutorial", "--teams", "Rouge"]) == 1
    assert capsys.readouterr().err == (f"{folder / 'workshop.yaml'} existe déjà ; choisissez un nouveau dossier "
                                       "(ou supprimez celui-ci pour recommencer)\n")
    assert main(["workshop", "new", str(tmp_path / "x"), "--scenario", "tutorial", "--teams", "A",
                 "--inject", "lettre"]) == 2
    assert capsys.readouterr().err == ("--inject : `lettre` n'est pas de la forme ÉVÉNEMENT@TOUR "
                                       "(par exemple `inspection@5`)\n")
    assert main(["workshop", "new", str(tmp_path / "y"), "--scenario", "tutorial", "--teams", "A",
                 "--inject", "consultant_leter@2"]) == 1
    assert capsys.readouterr().err.startswith("--inject consultant_leter@2 : le scénario `tutorial` n'a pas "
                                              "d'événement `consultant_leter` (vouliez-vous dire "
                                              "`consultant_letter` ?) ; ses événements sont : ")


def test_refusals_to_make_a_workshop_are_worded_as_before(tmp_path: Path, tutorial: str) -> None:
    cases = {
        ("Red", "red"): "the team Red is given twice; team names must differ, ignoring capitals",
        ("con",): "`con` cannot be a file name on Windows; choose another team name",
        ("a/b",): ("`a/b` is not a usable team name: use letters, digits, spaces, `-` or `_`, starting with a "
                   "letter or digit, at most 32 characters"),
        (): "give at least one team, for example --teams Red,Blue,Green",
    }
    for teams, english in cases.items():
        with pytest.raises(CreateError) as caught:
            create(NewWorkshop(tmp_path / "ws", tutorial, list(teams)))
        assert str(caught.value) == english
        assert caught.value.say("en") == english
        assert caught.value.say("fr") not in ("", english)
    with pytest.raises(CreateError) as caught:
        create(NewWorkshop(tmp_path / "ws", tutorial, ["A"], injects=[("consultant_letter", 9)]))
    assert str(caught.value) == "--inject consultant_letter@9: the turn must be from 1 to 6"
    assert caught.value.say("fr") == "--inject consultant_letter@9 : le tour doit être compris entre 1 et 6"


# --------------------------------------------------------------------------- the workshop file


def test_problems_in_the_workshop_file_are_said_in_french_at_the_same_place(tmp_path: Path, tutorial: str) -> None:
    w = create(NewWorkshop(tmp_path / "ws", tutorial, ["Red", "Blue"], seed=3))
    path = w.folder / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  - "Blue"', '  - "Blue"\n  - "red"').replace("injects: []", "injects:\n"
                        "  - event: consultant_leter\n    turn: 2\n  - event: consultant_letter\n    turn: 9")
    text = text.replace("  predict_stakeholder: ", "  predict_stakeholder: consultant\n  # ")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkshopError) as caught:
        load_workshop(w.folder)
    problems = caught.value.problems
    assert len(problems) == 4
    english = [say_problem(p, "en") for p in problems]
    assert english == [str(p) for p in problems]
    assert any("the team `red` is listed twice (as item 1 and 3); team names must differ, ignoring capitals" in e
               for e in english)
    french = [say_problem(p, "fr") for p in problems]
    for en, fr in zip(english, french, strict=True):
        place = re.match(r"(.*?:\d+:\d+): error: ", en)
        assert place is not None and fr.startswith(f"{place.group(1)} : erreur : "), fr
    joined = "\n".join(french)
    assert "l'équipe `red` figure deux fois dans la liste (éléments 1 et 3)" in joined
    assert "n'a pas d'événement `consultant_leter` (vouliez-vous dire `consultant_letter` ?)" in joined
    assert "le tour 9 vient après la fin\u00a0: `tutorial` dure 6 tours" in joined
    assert "le scénario n'a pas d'acteur `consultant` (vouliez-vous dire `consultants` ?)" in joined


# --------------------------------------------------------------------------- report and board on the terminal


def test_report_and_board_tell_the_terminal_why_a_file_is_left_out(played: Workshop, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    w = copy_of(played, tmp_path / "atelier")
    w.session_path("Bleu").write_bytes(DAMAGED)
    french_reason = ("le fichier est abîmé (ligne 1, colonne 60 : valeur attendue) ; copiez-le à nouveau depuis "
                     "l'ordinateur de l'équipe")
    speak(monkeypatch, "fr_FR.UTF-8")
    assert main(["workshop", "report", str(w.folder), "--out", str(tmp_path / "fr.html")]) == 0
    said = capsys.readouterr()
    # Bleu's file is there but damaged: it is not also reported as missing.
    assert said.err == f"Bleu.json : {french_reason}. Il a été écarté du rapport.\n"
    assert re.fullmatch(rf"Rapport sur 1 équipe écrit dans {re.escape(str(tmp_path / 'fr.html'))} et "
                        rf"{re.escape(str(tmp_path / 'results.csv'))} en \d+,\d s\.\n", said.out)
    speak(monkeypatch, "C.UTF-8")
    assert main(["workshop", "report", str(w.folder), "--out", str(tmp_path / "en.html")]) == 0
    said = capsys.readouterr()
    assert said.err == ("skipped Bleu.json: the file is damaged (line 1, column 60: Expecting value); copy it again "
                        "from the team's laptop. It was left out of the report.\n")
    assert re.fullmatch(r"Report on 1 team written to .* in \d+\.\d s\.\n", said.out)
    # The board may have to shorten a reason in its row: the whole of it goes to the terminal, once.
    assert run_board(w, max_frames=2, lang="fr") == 0
    assert capsys.readouterr().err == f"{w.session_path('Bleu')} : {french_reason}\n"


# --------------------------------------------------------------------------- the board's rows


@pytest.fixture
def board_surface() -> Iterator[None]:
    pygame.init()
    yield
    pygame.quit()


@pytest.fixture(scope="module")
def unusable(tmp_path_factory: pytest.TempPathFactory, tutorial: str) -> Workshop:
    """Four teams whose files cannot be used, one whose game ended and one not started."""
    folder = tmp_path_factory.mktemp("board") / "atelier"
    w = create(NewWorkshop(folder, tutorial, ["Rouge", "Bleu", "Vert", "Violet", "Gris", "Ambre"], seed=5))
    fill(w, "Rouge", "balanced")
    w.session_path("Bleu").write_bytes(DAMAGED)  # damaged
    w.session_path("Vert").write_bytes(b" " * 1_500_000)  # too large
    edited = json.loads(w.session_path("Rouge").read_text(encoding="utf-8"))
    edited["trajectory"][-1]["score"], edited["turn"], edited["policy"] = "x", 99, 3
    w.session_path("Violet").write_text(json.dumps(edited), encoding="utf-8")  # edited
    other = json.loads(w.session_path("Rouge").read_text(encoding="utf-8"))
    other["pin"]["seed"] = 6
    w.session_path("Gris").write_text(json.dumps(other), encoding="utf-8")  # from another workshop
    return w


def overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return b[0] <= a[0] and a[0] + a[2] <= b[0] + b[2] and b[1] <= a[1] and a[1] + a[3] <= b[1] + b[3]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_board_row_says_why_a_file_cannot_be_used_without_overlap(
        unusable: Workshop, board_surface: None, lang: str, size: tuple[int, int]) -> None:
    board = Board(unusable, lang)
    board.refresh()
    problems = {row.team: row.problem for row in board.rows if row.problem}
    assert sorted(problems) == ["Bleu", "Gris", "Vert", "Violet"]
    expected = {"Bleu": "session_file.damaged_json", "Vert": "session_file.too_large_size",
                "Gris": "session_file.other_workshop"}
    for team, key in expected.items():  # each starts as the catalogue's words do, in the board's language
        opening = i18n.translate(lang, key).split("{")[0]
        assert problems[team].startswith(opening), (team, problems[team])
    board.draw(pygame.Surface(size))
    others = [p for p in board.placed if p.part != "problem"]
    for team, reason in problems.items():
        lines = [p for p in board.placed if p.row == team and p.part == "problem"]
        assert lines, team
        status = next(p for p in board.placed if p.row == team and p.part == "status")
        name = next(p for p in board.placed if p.row == team and p.part == "team")
        assert status.text == i18n.translate(lang, "board.status.unreadable")
        for line in lines:
            assert inside(line.rect, board.panels[team]), (team, line)
            assert name.rect[0] + name.rect[2] <= line.rect[0] and line.rect[0] + line.rect[2] < status.rect[0]
            assert not [p.text for p in others if overlaps(line.rect, p.rect)], (team, line.text)
        for a, b in itertools.pairwise(lines):
            assert a.rect[1] + a.rect[3] <= b.rect[1] + 1, "lines of a reason do not overprint each other"
        shown = " ".join(p.text for p in lines).replace("\u00a0", " ")
        if team != "Violet":  # the edited file's reason lists pydantic's findings and may be shortened
            assert shown == " ".join(reason.split()), (team, shown)
        else:
            assert shown.endswith("…") or shown == " ".join(reason.split())
            assert reason.replace("\u00a0", " ").startswith(shown.rstrip("…").rstrip())


def test_a_reason_is_shortened_to_one_line_when_the_board_is_full(tmp_path: Path, board_surface: None,
                                                                 tutorial: str) -> None:
    teams = [f"Équipe {i}" for i in range(1, 25)]
    w = create(NewWorkshop(tmp_path / "atelier", tutorial, teams, seed=5))
    for team in teams:
        w.session_path(team).write_bytes(DAMAGED)
    board = Board(w, "fr")
    board.refresh()
    board.draw(pygame.Surface((1024, 768)))
    footer = next(p for p in board.placed if p.part == "footer")
    panels = list(board.panels.values())
    assert len(panels) == 24
    assert all(not overlaps(a, b) for a, b in itertools.pairwise(panels))
    assert all(not overlaps(panel, footer.rect) for panel in panels), "the rows stay above the footer"
    reason = board.rows[0].problem
    for team in teams:
        lines = [p for p in board.placed if p.row == team and p.part == "problem"]
        assert len(lines) == 1 and inside(lines[0].rect, board.panels[team]), team
        assert reason.replace("\u00a0", " ").startswith(lines[0].text.replace("\u00a0", " ").rstrip("…"))
    # Half as many teams leave room for type a room can read.
    board.rows = board.rows[:12]
    board.draw(pygame.Surface((1024, 768)))
    for team in teams[:12]:
        lines = [p for p in board.placed if p.row == team and p.part == "problem"]
        assert len(lines) == 1 and lines[0].text.endswith("…") and inside(lines[0].rect, board.panels[team])
        assert lines[0].rect[3] >= 15, "set no smaller than about 12 px"


# --------------------------------------------------------------------------- the catalogues


def test_every_workshop_message_is_in_both_catalogues_with_the_same_fields() -> None:
    code = [*sorted((ROOT / "game" / "workshop").glob("*.py")), ROOT / "game" / "commands" / "workshop.py",
            ROOT / "game" / "ui" / "launch.py"]
    text = "\n".join(path.read_text(encoding="utf-8") for path in code)
    found = set(re.findall(r"""(?:Words\(|translate\((?:[^,()]|\([^()]*\))+,)\s*(f?)["']([a-z0-9_.]+)[{"']""", text))
    plain = {key for f, key in found if not f}
    built = {key for f, key in found if f}  # `f"policy.{policy}"` stands for every key that starts so
    counted = set(re.findall(r"""(?:Words\.counted\(|translate_count\([^,()]+,)\s*["']([a-z0-9_.]+)["']""", text))
    assert {"workshop.cli.filled", "workshop.file.no_event", "workshop.new.exists", "session_file.seat_taken",
            "workshop.team.bad_name", "workshop.cli.problem", "workshop.launch.no_team"} <= plain
    assert {"workshop.file.past_end", "workshop.cli.ready", "workshop.shape.text_too_short"} <= counted
    en, fr = i18n.catalogue("en"), i18n.catalogue("fr")
    assert {"policy."} <= built
    plain |= {k for k in en if any(k.startswith(b) for b in built) and k.rpartition(".")[0] not in i18n.plural_sets("en")}
    # A reason said without a count is one message; one said with a count is a plural set in both languages.
    assert sorted(k for k in plain if k not in en or k not in fr) == []
    assert sorted(k for k in plain if i18n.fields_of(en[k]) != i18n.fields_of(fr[k])) == []
    assert sorted(k for k in counted if k not in i18n.plural_sets("en") or k not in i18n.plural_sets("fr")) == []
    for key in counted:
        forms = [lang[f"{key}.{form}"] for lang in (en, fr) for form in i18n.PLURAL_FORMS]
        assert all(i18n.fields_of(f) == i18n.fields_of(forms[-1]) for f in forms), key
