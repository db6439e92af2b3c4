"""Crashes mid-save and disks that refuse to write (a short run of benchmarks/fault_injection.py).

Twenty SIGKILLs at random moments while the game autosaves or writes a team
session: every time, the files under their final names parse, the newest
loads and replays, and no confirmed move is lost. Then a file size limit
(what a full disk looks like to a program) and a folder that cannot exist:
a clear message, the game goes on, the previous save is untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import fault_injection
from game.scenario.loader import load
from game.session import SaveError, Session
from game.session.persistence import to_save_file
from game.session.saves import read_autosave, read_save, write_autosave, write_bytes_atomic

FIXTURE = fault_injection.FIXTURE


@pytest.mark.slow
def test_twenty_kills_mid_save_lose_and_corrupt_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failures = fault_injection.kills(20, seed=7, max_wait=0.8, base=tmp_path)
    out = capsys.readouterr().out
    assert failures == 0, out
    assert "kills: 20" in out


def _run_disk_child(save_dir: Path, limit: int, tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(fault_injection.ROOT)}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(tmp_path / var.lower())
    out = subprocess.run([sys.executable, "-c", fault_injection.DISK_CHILD, str(FIXTURE), str(save_dir), str(limit)],
                         capture_output=True, text=True, env=env, timeout=240)
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_a_full_disk_gives_a_clear_message_and_the_game_goes_on(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    result = _run_disk_child(saves, 256, tmp_path)  # RLIMIT_FSIZE: writes past 256 bytes fail with EFBIG
    assert result["ended"] is True
    assert "could not be autosaved (the file would be larger than this system allows; the disk may be full)" in str(result["second"])
    assert str(result["named"]).startswith("SaveError") and "previous save is unchanged" in str(result["named"])
    save, used, skipped = read_autosave(saves / "autosave.json")
    assert used.name == "autosave.json" and not skipped
    assert len(save.log) == 1  # the autosave from before the disk filled, intact
    assert not list(saves.glob("*.tmp"))  # failed writes clean up after themselves


def test_a_save_folder_that_cannot_exist_gives_a_clear_message_and_the_game_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _run_disk_child(blocker / "saves", 0, tmp_path)
    assert result["ended"] is True
    assert "is a file, not a folder" in str(result["first"]) and "is a file, not a folder" in str(result["named"])


def test_a_failed_save_leaves_the_previous_file_as_it_was(tmp_path: Path) -> None:
    scenario = load(FIXTURE)
    session = Session.new(scenario, 3, FIXTURE, autosave=False)
    session.play_turn(session.suggest("partner"))
    path = tmp_path / "game.json"
    session.save(path)
    before = path.read_bytes()
    (tmp_path / "game.json.blocked").mkdir()
    with pytest.raises(SaveError, match="could not be saved"):
        write_bytes_atomic(tmp_path / "game.json.blocked", b"{}")  # a folder where the file would go
    assert path.read_bytes() == before
    assert read_save(path).seed == 3


def test_an_autosave_whose_newest_copy_is_torn_falls_back_to_the_previous_one(tmp_path: Path) -> None:
    scenario = load(FIXTURE)
    session = Session.new(scenario, 4, FIXTURE, autosave=False)
    newest = tmp_path / "autosave.json"
    for _ in range(2):
        session.play_turn(session.suggest("partner"))
        while session.pending_event() is not None:
            session.choose(0)
        write_autosave(newest, to_save_file(session))
    newest.write_bytes(newest.read_bytes()[:100])  # as a copy cut short by a full USB stick
    save, used, skipped = read_autosave(newest)
    assert used.name == "autosave.1.json" and len(save.log) == 1
    assert "damaged" in str(skipped[0])


def test_temporary_files_left_by_a_crash_are_swept_by_the_next_save(tmp_path: Path) -> None:
    import time as _time

    from game.atomic import STALE_TEMP_S

    scenario = load(FIXTURE)
    session = Session.new(scenario, 6, FIXTURE, autosave=False)
    session.play_turn(session.suggest("partner"))
    newest = tmp_path / "autosave.json"
    old = tmp_path / ".autosave.json.crashed.tmp"
    fresh = tmp_path / ".autosave.json.writing.tmp"  # another writer's, in flight: left alone
    other = tmp_path / ".notes.txt.crashed.tmp"  # not ours: left alone
    for temp in (old, fresh, other):
        temp.write_bytes(b"{")
    stale = _time.time() - STALE_TEMP_S - 5
    os.utime(old, (stale, stale))
    os.utime(other, (stale, stale))
    write_autosave(newest, to_save_file(session))
    assert not old.exists() and fresh.exists() and other.exists()
    assert read_save(newest).seed == 6


def test_the_terminal_game_warns_and_plays_on_when_it_cannot_autosave(tmp_path: Path) -> None:
    import io

    from game.text_ui.game import TextGame
    from game.text_ui.render import Terminal

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    session = Session.new(load(FIXTURE), 2, FIXTURE, autosave=blocker / "autosave.json")
    out = io.StringIO()
    code = TextGame(session, str(FIXTURE), io.StringIO("1\n" * 200), out, Terminal(width=100), rollouts=0).play()
    text = out.getvalue()
    assert code == 0 and session.is_over
    assert "Warning:" in text and f"could not be autosaved ({blocker} is a file, not a folder)" in text
