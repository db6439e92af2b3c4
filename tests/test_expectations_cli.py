"""`shove test`: expectations checked by simulation, with exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from tests.test_balance_cli import SMALL


def _with(expectations: str, tmp_path: Path, name: str = "small_change.yaml") -> Path:
    path = tmp_path / name
    path.write_text(SMALL + "expectations:\n" + expectations, encoding="utf-8")
    return path


def test_passing_and_failing_expectations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _with(
        "  - {policy: force, runs: 200, ending: {miracle: {max: 0.05}}}\n"
        "  - {policy: partner, runs: 200, mean_score: {min: 0, max: 100}}\n",
        tmp_path,
    )
    assert main(["test", str(good)]) == 0
    out = capsys.readouterr().out
    assert out.count("  PASS ") == 2 and "  FAIL " not in out
    assert "2 passed; 0 failed; 0 unsure." in out

    bad = _with(
        "  - policy: force\n    runs: 200\n    ending: {miracle: {min: 0.5}}\n"
        "    note: Miracles should be common.\n",
        tmp_path,
        "bad.yaml",
    )
    assert main(["test", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "  FAIL " in out and "0.0%" in out and "at least 50.0%" in out
    assert "why it matters: Miracles should be common." in out


def test_a_folder_means_its_yaml_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with("  - {policy: force, runs: 60, ending: {miracle: {max: 0.2}}}\n", tmp_path, "a.yaml")
    (tmp_path / "b.yaml").write_text(SMALL, encoding="utf-8")
    assert main(["test", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "a.yaml" in out and "b.yaml: no expectations to check" in out


def test_unreadable_paths_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: cannot read" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["test", str(empty)]) == 2


def test_invalid_scenario_exits_1_with_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("effort: 2.0", "effort: -2"), encoding="utf-8")
    assert main(["test", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:") and "Traceback" not in err
