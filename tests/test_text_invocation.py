"""The command printed to resume a terminal game works from where the player typed the first one."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from game.text_ui.invocation import Invocation, detect
from tests.test_session import write_fixture
from tests.test_text_ui import WHOLE_GAME

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["my scenario.yaml", "--text", "--load", "/saves/it's here.json"]


def test_through_make_the_arguments_go_in_ARGS(tmp_path: Path) -> None:
    found = detect({"MAKELEVEL": "1", "PATH": ""}, str(tmp_path / ".venv/bin/python"), sys.executable, tmp_path)
    assert found == Invocation("make", "make")
    command = found.command(ARGS)
    words = shlex.split(command)
    assert words[:2] == ["make", "play"] and words[2].startswith("ARGS=")
    assert shlex.split(words[2].removeprefix("ARGS=")) == ARGS, "make hands ARGS to the shell, which splits it back"


def test_the_script_by_its_bare_name_only_when_the_path_finds_it(tmp_path: Path) -> None:
    folder = tmp_path / ".venv" / "bin"
    folder.mkdir(parents=True)
    script = folder / "shove"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    on_path = detect({"PATH": str(folder)}, str(script), sys.executable, tmp_path)
    assert on_path.command(["tutorial", "--text"]) == "shove play tutorial --text"
    off_path = detect({"PATH": "/nowhere"}, str(script), sys.executable, tmp_path)
    assert off_path.command(["tutorial", "--text"]) == ".venv/bin/shove play tutorial --text"
    elsewhere = detect({"PATH": "/nowhere"}, str(script), sys.executable, tmp_path / "other")
    assert elsewhere.program == str(script), "outside the folder, the whole path"


def test_python_dash_m_names_the_interpreter(tmp_path: Path) -> None:
    python = tmp_path / ".venv" / "bin" / "python"
    found = detect({"PATH": "/nowhere"}, str(ROOT / "game" / "__main__.py"), str(python), tmp_path)
    assert found.command(ARGS) == (".venv/bin/python -m game play 'my scenario.yaml' --text --load "
                                   "'/saves/it'\"'\"'s here.json'")


def _run(command: list[str] | str, stdin: str, home: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MAKELEVEL"}
    env.update(PATH=path, XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, cwd=ROOT,
                          shell=isinstance(command, str), executable="/bin/bash" if isinstance(command, str) else None,
                          timeout=300, check=False)


@pytest.mark.parametrize("how", ["module", "script"])
def test_the_printed_command_resumes_the_game_from_the_same_folder(how: str, tmp_path: Path) -> None:
    """Quit halfway (input ends), then run exactly the printed command in a shell: the game carries on."""
    fixture = write_fixture(tmp_path)
    venv_bin = Path(sys.executable).parent
    if how == "script" and not (venv_bin / "shove").exists():
        pytest.skip("the shove script is not installed beside this interpreter")
    start = [sys.executable, "-m", "game"] if how == "module" else [str(venv_bin / "shove")]
    path = "/usr/bin:/bin"  # the virtual environment is not active: `shove` alone would not be found
    lines = WHOLE_GAME.splitlines(keepends=True)
    first = _run([*start, "play", str(fixture), "--text", "--seed", "3"], "".join(lines[:4]), tmp_path, path)
    assert first.returncode == 0, first.stderr
    match = re.search(r"To carry on, run: (.+)", first.stdout)
    assert match is not None, first.stdout
    command = match.group(1)
    assert not command.startswith("shove "), command
    resumed = _run(command, "".join(lines[4:]), tmp_path, path)
    assert resumed.returncode == 0, resumed.stderr
    assert "Resumed after 2 turns played." in resumed.stdout and "The end: " in resumed.stdout
