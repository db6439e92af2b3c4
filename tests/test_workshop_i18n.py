"""The facilitator's surfaces in the facilitator's language: the report, its charts and the live board.

A French workshop on the bilingual tutorial must give a French report (headings,
table heads, chart words, scenario texts, move names) with no English fixed
words left, and a French board that draws every character and cuts no heading.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from game import i18n
from game.cli import main
from game.session.saves import JSON_PROBLEMS
from game.workshop.board import Board, read_rows
from game.workshop.config import Workshop, load_workshop
from game.workshop.create import NewWorkshop, create
from game.workshop.files import SessionFileError, Words, read_session
from game.workshop.fill import fill
from game.workshop.page import render
from game.workshop.report import build, made_at
from tests.test_scenario_teaching import untranslated

ROOT = Path(__file__).resolve().parent.parent
# Team names with no English word in them, so that any English found is the report's own.
SEATS = {"Rouge": "balanced", "Bleu": "partner", "Vert": "force"}
WAITING = "Ambre"

# The report's fixed English words: none may be left in a French report.
ENGLISH = (
    "Results", "Scores over the game", "Relationships and change", "System measures", "Partner or push",
    "Decision timelines", "most consequential", "Against the built-in styles", "For the debrief",
    "What this scenario teaches", "Questions to discuss", "The pauses during play", "Facilitator notes",
    "Team", "Ending", "Outcome", "Partner moves", "Push moves", "Push share", "Turns", "Strategy",
    "vs best style", "policy", "still playing", "no action", "blocked by", "Seed", "teams", "Made",
    "Injects", "workshop report", "Trust in you", "Support for the change", "Progress", "target",
    "share of moves", "partnership", "neither", "points better", "points worse", "they chose", "outcome",
    "No session yet", "Still playing", "Fortnight", "After", "has just happened",
)


def visible_text(page: str) -> str:
    """The words a reader sees, chart text included (the SVG keeps its text as text)."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    page = re.sub(r"<title>.*?</title>", lambda m: " " + m.group(0)[7:-8] + " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory: pytest.TempPathFactory) -> Workshop:
    """The bilingual tutorial with three seats played by policies, an inject, and one team not started."""
    folder = tmp_path_factory.mktemp("fr") / "atelier"
    scenario = folder.parent / "tutorial.yaml"  # a copy: the workshop pins the tutorial as it is now
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", scenario)
    workshop = create(NewWorkshop(folder, str(scenario), [*SEATS, WAITING], seed=5, predict=True,
                                  injects=[("consultant_letter", 3)]))
    for team, policy in SEATS.items():
        fill(workshop, team, policy)
    return workshop


@pytest.fixture(scope="module")
def pages(tutorial: Workshop) -> dict[str, str]:
    return {lang: render(build(tutorial, lang)) for lang in ("fr", "en")}


def test_the_tutorial_is_fully_translated_into_french() -> None:
    data = yaml.safe_load((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    assert data["meta"]["languages"] == ["fr"]
    assert untranslated(data) == []


def test_a_french_report_is_in_french(pages: dict[str, str]) -> None:
    page = pages["fr"]
    assert "<html lang='fr-FR'>" in page
    text = visible_text(page)
    for heading in ("Résultats", "Les scores au fil de la partie", "Relations et changement", "Partenariat ou force",
                    "Les décisions, tour par tour", "Face aux styles intégrés, avec la même chance",
                    "Pour le débriefing", "Questions à débattre", "Notes pour l'animateur"):
        assert f"<h2>{html.escape(heading)}</h2>" in page or f"<h3>{html.escape(heading)}</h3>" in page, heading
    # The scenario's own texts, move names and the charts' words are French too.
    assert "Atelier « Les cent premiers jours »" in text
    assert "Le centre ouvre, mais vous êtes seul" in text
    assert "Investir dans un partenariat : Urgentistes seniors" in text
    assert "Dans quel acteur avez-vous investi en premier, et pourquoi lui ?" in text
    assert "Score (sur 100)" in text and "part des coups (%)" in text and "Quinzaine" in text
    assert "Pas encore de session pour : Ambre." in text
    assert "Après le tour 3 (quinzaine 3) : L'adhésion suffit-elle déjà pour imposer la décision ?" in text
    assert "« Les urgentistes écrivent au conseil » vient d'arriver à toutes les équipes" in text
    assert re.search(r"\b\d+,\d\b", text), "decimals are written with a comma in French"
    assert english_words(text) == []


def test_notices_about_session_files_are_in_french(tutorial: Workshop, tmp_path: Path) -> None:
    folder = tmp_path / "copie"
    shutil.copytree(tutorial.folder, folder)
    w = load_workshop(folder)
    shutil.copy(w.session_path("Rouge"), w.sessions_dir / "Autre.json")  # read first: holds the team Rouge
    text = visible_text(render(build(w, "fr")))
    assert "Fichiers de session écartés" in text and "À comparer avec prudence" in text
    assert "Rouge : le fichier s'appelle Autre.json mais contient l'équipe Rouge" in text
    assert "Rouge.json : une seconde session pour l'équipe Rouge ; elle a été écartée." in text
    assert english_words(text) == []


def test_the_english_word_list_finds_the_english_report(pages: dict[str, str]) -> None:
    """The list the French report is checked against is the English report's real vocabulary."""
    assert "<html lang='en-GB'>" in pages["en"]
    found = english_words(visible_text(pages["en"]))
    assert len(found) >= len(ENGLISH) - 6, sorted(set(ENGLISH) - set(found))


def test_every_key_the_workshop_code_uses_is_in_both_catalogues() -> None:
    literal = re.compile(r"""(?:\bt|translate\([^,()]+,|_markup\(report,|_figure\(report,)\(?\s*["']([a-z0-9_.]+)["']""")
    code = [*sorted((ROOT / "game" / "workshop").glob("*.py")), ROOT / "game" / "commands" / "workshop.py"]
    used = {key for path in code for key in literal.findall(path.read_text(encoding="utf-8"))}
    used |= {f"board.status.{o}" for o in ("success", "partial", "failure")}
    assert len(used) > 80, "the key scanner found too few keys: has the call style changed?"
    en, fr = i18n.catalogue("en"), i18n.catalogue("fr")
    assert sorted(k for k in used if k not in en or k not in fr) == []


def test_the_date_of_a_report_is_in_its_language() -> None:
    import datetime as dt

    when = dt.datetime(2026, 2, 3, 9, 5, tzinfo=dt.UTC)
    assert made_at(when, "fr") == "3 février 2026, 09:05 UTC"
    assert made_at(when, "en") == "3 February 2026, 09:05 UTC"


def test_pauses_follow_the_language_asked_for(tutorial: Workshop) -> None:
    french = tutorial.pauses("fr")
    assert [p.after_turn for p in french] == [3, 5]
    assert french[0].prompt.startswith("L'adhésion suffit-elle déjà pour imposer la décision ?")
    assert "« Les urgentistes écrivent au conseil » vient d'arriver à toutes les équipes" in french[0].prompt
    english = tutorial.pauses()
    assert english[0].prompt.startswith("Is there enough support") and "has just happened" in english[0].prompt


def test_a_team_seat_names_things_in_its_language(tutorial: Workshop, tmp_path: Path) -> None:
    from game.workshop.seat import TeamSeat

    folder = tmp_path / "copie"
    shutil.copytree(tutorial.folder, folder)
    w = load_workshop(folder)
    resumed = TeamSeat.open(w, "Rouge", lang="fr")  # replayed from its file
    assert resumed.session.names.stakeholders["consultants"] == "Urgentistes seniors"
    seat = TeamSeat.open(w, WAITING, lang="fr")  # a new game
    for _ in range(3):
        while seat.session.pending_event() is not None:
            seat.choose(0)
        seat.play_turn(seat.session.suggest("balanced"))
    while seat.session.pending_event() is not None:  # the letter, brought in at turn 3
        seat.choose(0)
    pause = seat.pending_pause()
    assert pause is not None and pause.prompt.startswith("L'adhésion suffit-elle déjà")
    assert TeamSeat.open(w, WAITING).session.names.stakeholders["consultants"] == "Emergency consultants"


def test_report_command_takes_the_language_from_the_system(tutorial: Workshop, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["workshop", "report", str(tutorial.folder), "--out", str(tmp_path / "fr" / "r.html")]) == 0
    assert "<html lang='fr-FR'>" in (tmp_path / "fr" / "r.html").read_text(encoding="utf-8")
    monkeypatch.setenv("LANG", "C.UTF-8")  # nothing asked for: the scenario's own language
    assert main(["workshop", "report", str(tutorial.folder), "--out", str(tmp_path / "en" / "r.html")]) == 0
    assert "<html lang='en-GB'>" in (tmp_path / "en" / "r.html").read_text(encoding="utf-8")
    assert i18n.language() == "en"  # the command leaves the process-wide language alone


class RecordingBoard(Board):
    """The real board, noting every line it draws and the font it draws it in."""

    def __init__(self, workshop: Workshop, lang: str) -> None:
        super().__init__(workshop, lang)
        self.lines: list[tuple[str, str, Any]] = []  # (the text asked for, the text drawn, its font)

    def _text(self, surface: Any, text: str, pos: tuple[int, int], size: int, colour: tuple[int, int, int],
              bold: bool = False, right: bool = False, width: int = 0, shrink: bool = False, *,
              row: str = "", part: str = "") -> None:
        line, used = self.fit(text, size, bold, width, shrink)
        self.lines.append((text, line, self.font(used, bold)))
        super()._text(surface, text, pos, size, colour, bold, right, width, shrink, row=row, part=part)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_board_draws_in_french(tutorial: Workshop, size: tuple[int, int]) -> None:
    w = load_workshop(tutorial.folder)
    pygame.init()
    try:
        board = RecordingBoard(w, "fr")
        board.refresh()
        board.draw(pygame.Surface(size))
        drawn = [text for text, _, _ in board.lines]
        for word in ("Atelier « Les cent premiers jours »", "Équipe", "Quinzaine", "Confiance", "Adhésion",
                     "Avancement", "État", "pas commencé"):
            assert word in drawn, word
        # Each finished game's outcome and ending, in French (which ones depends on the scenario's tuning).
        ended = [row for row in board.rows if row.outcome]
        assert len(ended) == len(SEATS)
        for row in ended:
            assert i18n.translate("fr", f"board.status.{row.outcome}") in drawn, row.outcome
            assert row.ending in drawn and row.ending in {board.text(e.title) for e in w.base_scenario.endings}
            assert row.ending not in {str(e.title.get("en")) for e in w.base_scenario.endings
                                      if isinstance(e.title, dict)}
        joined = " ".join(drawn)
        for english in ("Team", "Trust", "Support", "Progress", "Status", "not started", "Updated", "seed", "workshop"):
            assert not re.search(rf"\b{english}\b", joined), english
        for _, line, font in board.lines:
            assert [ch for ch in line if ch.isprintable() and font.metrics(ch)[0] is None] == [], line
        # Headings, statuses, endings and the footer fit their room whole: nothing is cut short.
        cut = [text for text, line, _ in board.lines if line != text and text not in SEATS]
        assert cut == []
    finally:
        pygame.quit()


def _unusable_sessions(tutorial: Workshop, folder: Path) -> Workshop:
    """A copy of the tutorial workshop with a damaged, an oversized and an edited session file."""
    shutil.copytree(tutorial.folder, folder)
    w = load_workshop(folder)
    w.session_path("Bleu").write_bytes(b'{"format": "push-comes-to-shove/workshop-session", "team": }\n')
    w.session_path("Vert").write_bytes(b" " * 1_500_000)
    edited = json.loads(w.session_path("Rouge").read_text(encoding="utf-8"))
    edited["trajectory"][-1]["score"] = (edited["trajectory"][-1]["score"] + 10) % 100
    (w.sessions_dir / "Copie.json").write_text(json.dumps(edited), encoding="utf-8")
    return w


# What the English report says about those files, word for word, as it always has.
ENGLISH_REASONS = (
    "Bleu.json: the file is damaged (line 1, column 60: Expecting value); copy it again from the team's laptop. "
    "It was left out of the report.",
    "Copie.json: its recorded numbers do not match a replay of its decisions, so it has been edited or damaged. "
    "It was left out of the report.",
    "Vert.json: the file is 1.5 MB, far larger than any team session (at most 1024 kB); it was not read. "
    "It was left out of the report.",
)


def test_unusable_session_files_are_explained_in_french(tutorial: Workshop, tmp_path: Path) -> None:
    w = _unusable_sessions(tutorial, tmp_path / "copie")
    text = visible_text(render(build(w, "fr")))
    assert ("Bleu.json : le fichier est abîmé (ligne 1, colonne 60 : valeur attendue) ; copiez-le à nouveau depuis "
            "l'ordinateur de l'équipe. Il a été écarté du rapport.") in text
    assert ("Vert.json : le fichier fait 1,5 Mo, bien plus que n'importe quelle session d'équipe (au plus 1024 ko) ; "
            "il n'a pas été lu. Il a été écarté du rapport.") in text
    assert "Copie.json : ses chiffres enregistrés ne correspondent pas à la partie rejouée" in text
    # No word of the English reasons is left, bar the file names and the words both languages share.
    shared = {"Bleu", "Vert", "Copie", "json", "session"}
    words = {w for reason in ENGLISH_REASONS for w in re.findall(r"[A-Za-z]{3,}", reason)} - shared
    assert len(words) > 30
    assert sorted(word for word in words if re.search(rf"(?<![\w'-]){word}(?![\w-])", text)) == []


def test_unusable_session_files_are_explained_in_english_as_before(tutorial: Workshop, tmp_path: Path) -> None:
    w = _unusable_sessions(tutorial, tmp_path / "copy")
    report = build(w, "en")
    assert sorted(report.collected.skipped) == sorted(ENGLISH_REASONS)
    text = visible_text(render(report))
    assert all(reason in text for reason in ENGLISH_REASONS)
    with pytest.raises(SessionFileError) as caught:
        read_session(w.session_path("Vert"))
    assert str(caught.value) == (f"{w.session_path('Vert')}: the file is 1.5 MB, far larger than any team session "
                                 "(at most 1024 kB); it was not read")
    assert caught.value.say("fr").startswith("le fichier fait 1,5 Mo")


def test_the_board_gives_the_problem_with_a_session_file_in_its_language(tutorial: Workshop, tmp_path: Path) -> None:
    w = _unusable_sessions(tutorial, tmp_path / "copie")
    french = {row.team: row for row in read_rows(w, "fr")}
    english = {row.team: row for row in read_rows(w, "en")}
    assert french["Bleu"].status == "unreadable"
    assert french["Bleu"].problem.startswith("le fichier est abîmé (ligne 1, colonne 60 : valeur attendue)")
    assert english["Bleu"].problem.startswith("the file is damaged (line 1, column 60: Expecting value)")
    assert french["Vert"].problem.startswith("le fichier fait 1,5 Mo")
    assert french["Rouge"].status == "ended" and french["Rouge"].problem == ""


def test_every_reason_a_session_file_is_refused_for_is_in_both_catalogues() -> None:
    code = [ROOT / "game" / "workshop" / name for name in ("files.py", "seat.py", "results.py")]
    used = {key for path in code for key in re.findall(r"""Words\(\s*["']([a-z0-9_.]+)["']""",
                                                        path.read_text(encoding="utf-8"))}
    used |= set(JSON_PROBLEMS.values())
    assert len(used) > 25, "the key scanner found too few keys: has the call style changed?"
    en, fr = i18n.catalogue("en"), i18n.catalogue("fr")
    assert sorted(k for k in used if k not in en or k not in fr) == []
    # The English words for a damaged file are exactly what Python's JSON reader says.
    assert {i18n.translate("en", key): said for said, key in JSON_PROBLEMS.items()} == {
        said: said for said in JSON_PROBLEMS}


def test_a_reason_from_another_place_is_said_as_given() -> None:
    exc = SessionFileError("x/Bleu.json", "the team Bleu already has a session")
    assert str(exc) == "x/Bleu.json: the team Bleu already has a session"
    assert exc.say("fr") == exc.message == "the team Bleu already has a session"
    keyed = SessionFileError("x/Bleu.json", Words("session_file.edited_more", detail="team: Field required", more=4))
    assert str(keyed) == "x/Bleu.json: the file is damaged or edited: team: Field required (and 4 more)"
    assert keyed.say("fr") == "le fichier est abîmé ou a été modifié : team: Field required (et 4 de plus)"
