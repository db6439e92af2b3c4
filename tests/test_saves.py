"""Save files: the format, atomic writing, damaged and foreign files, the rotating autosave."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.session.saves import (
    MAX_SAVE_BYTES,
    LoggedDecision,
    LoggedTurn,
    SaveError,
    SaveFile,
    ScenarioRef,
    encode_save,
    read_autosave,
    read_save,
    write_autosave,
    write_save,
)

HASH = "ab" * 32


def make_save(seed: int = 7, turns: int = 2) -> SaveFile:
    log = [
        LoggedTurn(
            decisions=[LoggedDecision(action="engage", target="gp_federation"), LoggedDecision(action="communicate")],
            choices={"winter_crisis": 1} if t == 1 else {},
        )
        for t in range(turns)
    ]
    return SaveFile(
        scenario=ScenarioRef(id="session_fixture", title="Test", version="1.0", model_sha256=HASH),
        seed=seed,
        log=log,
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    save = make_save()
    path = tmp_path / "game.json"
    write_save(path, save)
    assert read_save(path) == save
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "push-comes-to-shove/save"
    assert data["version"] == 1
    assert data["log"][1]["choices"] == {"winter_crisis": 1}
    assert list(tmp_path.iterdir()) == [path], "no temporary files are left behind"


def test_overwrite_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, make_save(turns=5))
    write_save(path, make_save(seed=9, turns=1))
    loaded = read_save(path)
    assert loaded.seed == 9
    assert len(loaded.log) == 1


def test_truncated_save_names_the_place_and_what_to_do(tmp_path: Path) -> None:
    raw = encode_save(make_save())
    path = tmp_path / "cut.json"
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(SaveError) as caught:
        read_save(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert caught.value.line is not None and caught.value.line > 1
    assert "damaged" in message
    assert "older save or the autosave" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(seed="lucky"), "seed"),
        (lambda d: d.update(seed=-4), "seed"),
        (lambda d: d["log"][0]["decisions"][0].update(action="__import__('os')"), "log[0].decisions[0].action"),
        (lambda d: d["log"][1]["choices"].update(winter_crisis=-1), "log[1].choices.winter_crisis"),
        (lambda d: d["scenario"].update(model_sha256="not a hash"), "scenario.model_sha256"),
        (lambda d: d.update(extra_field=1), "extra_field"),
        (lambda d: d.update(log=[{"decisions": []}] * 61), "log"),
        (lambda d: d.update(version="one"), "version"),
    ],
)
def test_tampered_save_says_which_field_is_wrong(tmp_path: Path, change: object, expected: str) -> None:
    data = json.loads(encode_save(make_save()))
    change(data)  # type: ignore[operator]
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"hello": "world"}', "not a Push Comes to Shove save"),
        (b"[1, 2, 3]", "not a Push Comes to Shove save"),
        (b"meta:\n  id: a_scenario\n", "damaged"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not UTF-8"),
        (b"", "empty"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
    ],
)
def test_foreign_files_are_refused_clearly(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "foreign.json"
    path.write_bytes(content)
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert expected in str(caught.value)


def test_huge_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as out:
        out.write(b'{"format": "push-comes-to-shove/save", "pad": "')
        out.write(b"x" * (MAX_SAVE_BYTES + 10))
        out.write(b'"}')
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert "larger than" in str(caught.value)


def test_save_from_a_newer_game_asks_for_an_update(tmp_path: Path) -> None:
    data = json.loads(encode_save(make_save()))
    data["version"] = 7
    path = tmp_path / "future.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match=r"newer version of the game.*Update the game"):
        read_save(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no such file"):
        read_save(tmp_path / "nowhere.json")
    with pytest.raises(SaveError, match="folder, not a save"):
        read_save(tmp_path)


def test_failed_write_leaves_the_previous_save(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, make_save(seed=1))
    before = path.read_bytes()
    # A real failure of the rename: the destination is a folder that is not empty.
    blocked = tmp_path / "blocked.json"
    blocked.mkdir()
    (blocked / "inside").write_text("x")
    with pytest.raises(SaveError, match=r"could not be saved.*previous save is unchanged"):
        write_save(blocked, make_save(seed=2))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked.json", "game.json"]
    # A real failure to create the folder: a file stands where the folder should be.
    with pytest.raises(SaveError, match="could not be saved"):
        write_save(path / "sub" / "game.json", make_save(seed=3))
    assert path.read_bytes() == before


CRASH_BEFORE_RENAME = textwrap.dedent(
    """
    import os, signal, sys
    from game.session import saves

    def crash(src, dst):
        # The process dies after the new bytes are on disk and before the rename.
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = crash
    saves.write_save(sys.argv[1], saves.SaveFile.model_validate_json(sys.argv[2]))
    """
)


def test_crash_between_writing_and_renaming_keeps_the_previous_save(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, make_save(seed=1))
    before = path.read_bytes()
    newer = make_save(seed=2, turns=4).model_dump_json()
    result = subprocess.run(
        [sys.executable, "-c", CRASH_BEFORE_RENAME, str(path), newer], capture_output=True, timeout=60
    )
    assert result.returncode < 0, result.stderr.decode()  # killed by the signal
    assert path.read_bytes() == before
    assert read_save(path).seed == 1
    leftovers = [p for p in tmp_path.iterdir() if p != path]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".game.json.")
    assert read_save(leftovers[0]).seed == 2, "the temporary file was complete before the rename"
    # The next save writes over the real name and is not confused by the leftover.
    write_save(path, make_save(seed=3))
    assert read_save(path).seed == 3


def test_autosave_keeps_the_previous_ones(tmp_path: Path) -> None:
    newest = tmp_path / "saves" / "autosave.json"
    for seed in (1, 2, 3):
        write_autosave(newest, make_save(seed=seed))
    assert read_save(newest).seed == 3
    assert read_save(newest.with_name("autosave.1.json")).seed == 2
    assert read_save(newest.with_name("autosave.2.json")).seed == 1
    write_autosave(newest, make_save(seed=4))
    assert sorted(p.name for p in newest.parent.iterdir()) == [
        "autosave.1.json",
        "autosave.2.json",
        "autosave.json",
    ]
    assert read_save(newest.with_name("autosave.2.json")).seed == 2


def test_corrupt_newest_autosave_falls_back_to_the_previous(tmp_path: Path) -> None:
    newest = tmp_path / "autosave.json"
    write_autosave(newest, make_save(seed=1))
    write_autosave(newest, make_save(seed=2))
    newest.write_bytes(newest.read_bytes()[:40])
    save, used, problems = read_autosave(newest)
    assert save.seed == 1
    assert used.name == "autosave.1.json"
    assert len(problems) == 1 and "damaged" in str(problems[0])
    newest.unlink()
    save, used, problems = read_autosave(newest)
    assert (save.seed, used.name, problems) == (1, "autosave.1.json", [])


def test_no_readable_autosave(tmp_path: Path) -> None:
    newest = tmp_path / "autosave.json"
    with pytest.raises(SaveError, match="no autosave yet"):
        read_autosave(newest)
    newest.write_text("{}")
    with pytest.raises(SaveError, match="not a Push Comes to Shove save"):
        read_autosave(newest)
