"""`shove validate FILE --saves DIR`: which saves still replay after an edit, and why others break."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import load
from game.session import Session

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def play_and_save(scenario_path: Path, save: Path, turns: int, policy: str) -> None:
    session = Session.new(load(scenario_path), seed=11, source_path=scenario_path, autosave=False)
    for _ in range(turns):
        if session.is_over:
            break
        session.play_turn(session.suggest(policy))
        while session.pending_event() is not None:
            session.choose(session.suggest_choice(policy))
    session.save(save)


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the tutorial, and a folder with two of its saves and one foreign file."""
    scenario = tmp_path / "tutorial.yaml"
    scenario.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    saves = tmp_path / "saves"
    saves.mkdir()
    play_and_save(scenario, saves / "partner.json", 4, "partner")
    play_and_save(scenario, saves / "force.json", 4, "force")
    (saves / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    return scenario, saves


def test_unchanged_scenario_replays_every_save(edited: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    scenario, saves = edited
    code = main(["validate", str(scenario), "--saves", str(saves)])
    out = capsys.readouterr().out
    assert "partner.json: replays" in out and "force.json: replays" in out
    assert "notes.json: unreadable" in out
    assert code == 1  # the unreadable file counts against the folder


def test_an_edit_that_removes_a_used_action_breaks_the_saves_that_used_it(
    edited: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, saves = edited
    (saves / "notes.json").unlink()
    text = scenario.read_text(encoding="utf-8")
    used = load(scenario)
    session = Session.load(saves / "force.json", used, autosave=False)
    forced = {d.action for record in session.history for d in record.decisions}
    assert forced, "the forcing game took some action"
    victim = sorted(forced)[0]
    # Rename the action everywhere: the scenario stays valid, but old logs name an unknown action.
    renamed = text.replace(f"id: {victim}\n", f"id: {victim}_renamed\n")
    for namespace in ("taken", "can"):  # texts' conditions that read the player's record of it
        renamed = renamed.replace(f"{namespace}.{victim} ", f"{namespace}.{victim}_renamed ")
    scenario.write_text(renamed, encoding="utf-8")
    code = main(["validate", str(scenario), "--saves", str(saves)])
    out = capsys.readouterr().out
    assert "force.json: breaks" in out
    assert victim in out.split("force.json: breaks", 1)[1].splitlines()[0]
    assert code == 1


def test_a_missing_saves_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(TUTORIAL), "--saves", str(tmp_path / "nowhere")])
    assert code == 2
    assert "no such folder" in capsys.readouterr().err
