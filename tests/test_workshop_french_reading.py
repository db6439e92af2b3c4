"""A French facilitator's workshop read line by line: pauses named by turn, damaged files not called missing,
and a team told how to come back without --load."""

from __future__ import annotations

import argparse
import io
import shutil
from pathlib import Path

import pytest

from game import text_ui
from game.cli import main
from game.text_ui.prompts import decision_help, event_help, target_help
from game.workshop.config import Workshop
from game.workshop.create import NewWorkshop, create
from game.workshop.fill import fill
from game.workshop.results import collect
from tests.workshop_support import script

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"
DAMAGED = b'{"format": "push-comes-to-shove/workshop-session", "team": }\n'


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Workshop:
    """The tutorial for Rouge, Bleu and Vert: Rouge played by a policy, Bleu's file damaged, Vert not started."""
    base = tmp_path_factory.mktemp("fr_reading")
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", base / "tutorial.yaml")
    w = create(NewWorkshop(base / "atelier", str(base / "tutorial.yaml"), ["Rouge", "Bleu", "Vert"], seed=4))
    fill(w, "Rouge", "balanced")
    w.session_path("Bleu").write_bytes(DAMAGED)
    return w


def play_args(folder: Path, team: str, lang: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(scenario=None, seed=None, load=None, text=True, lang=lang,
                              workshop=str(folder), team=team)


def test_a_damaged_session_file_is_not_also_called_missing(workshop: Workshop) -> None:
    collected = collect(workshop, "en")
    assert [r.team for r in collected.teams] == ["Rouge"]
    assert len(collected.skipped) == 1 and collected.skipped[0].startswith("Bleu.json: the file is damaged")
    assert collected.missing == ["Vert"]


def test_the_report_names_each_pause_by_its_turn_in_french(workshop: Workshop, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rapport.html"
    assert main(["workshop", "report", str(workshop.folder), "--lang", "fr", "--out", str(out)]) == 0
    err = capsys.readouterr().err.replace(NBSP, " ")
    assert "pas encore de session pour : Vert" in err and "pour : Bleu" not in err
    page = out.read_text(encoding="utf-8").replace(NBSP, " ")
    assert "Après le tour 3 (quinzaine 3) : " in page
    assert "(quinzaine) :" not in page


def test_a_team_pause_heading_says_which_turn_in_french(workshop: Workshop) -> None:
    lines = script(workshop, stop_at_first_pause=True, team="Vert")
    out = io.StringIO()
    code = text_ui.run(play_args(workshop.folder, "Vert", "fr"), stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue().replace(NBSP, " ")
    workshop.session_path("Vert").unlink()
    assert code == 0, text[-1500:]
    assert "Pause de discussion après le tour 3 (quinzaine 3)" in text
    assert "après : " not in text


def test_a_workshop_team_is_told_to_come_back_with_the_same_command(workshop: Workshop) -> None:
    out = io.StringIO()
    code = text_ui.run(play_args(workshop.folder, "Vert"), stdin=io.StringIO("h\nq\n"), stdout=out)
    text = out.getvalue()
    workshop.session_path("Vert").unlink()
    assert code == 0, text[-1500:]
    assert "q     save and quit (resume later with the same command)" in text
    assert "resume later with --load" not in text


def test_a_solo_game_keeps_its_help_word_for_word() -> None:
    quit_line = "\nq     save and quit (resume later with --load)"
    assert decision_help().endswith("\nh     this help" + quit_line)
    assert decision_help().startswith("Type the numbers of the actions to take this turn")
    assert event_help() == ("Type the number of your choice, for example `1`.\nd     the whole situation, and every "
                            "change the last turn made\ns     show the event again\nh     this help" + quit_line)
    assert target_help() == ("Type the number of the target, for example `2`. Targets marked not available cannot be "
                             "chosen this turn.\ns     show the targets again" + quit_line)
    assert decision_help(team=True).endswith("(resume later with the same command)")
