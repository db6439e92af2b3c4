"""`shove validate`, `shove schema` and `shove scenarios`, and the catalog behind them."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from game.cli import main
from game.commands.schema import SCHEMA_DIALECT, schema_document, schema_text
from game.scenario import catalog
from game.scenario.schema import Scenario
from tests.strategies import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
TEXT = MINIMAL.read_text(encoding="utf-8")


def shove(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def scenario_file(folder: Path, name: str, text: str = TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text.replace("  id: minimal\n", f"  id: {name}\n"), encoding="utf-8")
    return path


# --------------------------------------------------------------------------
# shove validate


def test_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = shove(capsys, "validate", str(MINIMAL))
    assert (code, out, err) == (0, "1 file checked: 1 valid, 0 invalid\n", "")


def test_folder_means_every_yaml_file_inside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario_file(tmp_path, "good")
    scenario_file(tmp_path, "also_good")
    bad = scenario_file(tmp_path, "bad", TEXT.replace("    power: 0.8\n", "    power: 2\n").replace("  turns: 8\n", "  turns: x\n"))
    warned = scenario_file(tmp_path, "warned", TEXT.replace("  - turn: 1\n", "  - turn: 20\n"))
    (tmp_path / "notes.txt").write_text("not a scenario")
    code, out, _ = shove(capsys, "validate", str(tmp_path))
    assert code == 1
    lines = out.splitlines()
    assert [ln.split(": ", 1)[0].rsplit(":", 2)[0] for ln in lines[:-1]] == [str(bad), str(bad), str(warned)]
    assert lines[-1] == "4 files checked: 3 valid, 1 invalid (2 errors, 1 warning)"


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warned = scenario_file(tmp_path, "warned", TEXT.replace("  - turn: 1\n", "  - turn: 20\n"))
    assert shove(capsys, "validate", str(warned))[0] == 0
    code, out, _ = shove(capsys, "validate", "--strict", str(warned))
    assert code == 1
    assert out.splitlines()[-1] == ("1 file checked: 0 valid, 1 invalid (0 errors, 1 warning); warnings count as "
                                    "errors with --strict")


def test_missing_path_is_a_usage_error_but_others_are_still_checked(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = shove(capsys, "validate", str(tmp_path / "nowhere.yaml"), str(MINIMAL))
    assert code == 2
    assert err == f"shove validate: {tmp_path / 'nowhere.yaml'}: no such scenario file\n"
    assert out == "1 file checked: 1 valid, 0 invalid\n"


def test_unknown_id_suggests_a_known_one(capsys: pytest.CaptureFixture[str]) -> None:
    if not SHIPPED:
        pytest.skip("no built-in scenarios yet")
    name = SHIPPED[0].stem
    code, _, err = shove(capsys, "validate", name[:-1] + "x")
    assert code == 2
    assert f"(did you mean `{name}`?)" in err and "the scenarios are:" in err


def test_empty_folder_and_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = shove(capsys, "validate", str(tmp_path))
    assert code == 2 and "no .yaml files in this folder" in err
    locked = scenario_file(tmp_path, "locked")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with permission to read anything")
        code, out, err = shove(capsys, "validate", str(locked))
        assert code == 2
        assert err == f"{locked}: error: permission denied: the file cannot be read\n"
        assert out == "0 files checked: 0 valid, 0 invalid\n"
    finally:
        locked.chmod(0o644)


def test_builtin_id_in_place_of_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    if not SHIPPED:
        pytest.skip("no built-in scenarios yet")
    code, out, _ = shove(capsys, "validate", SHIPPED[0].stem, str(SHIPPED[0]))
    assert code in (0, 1)
    assert out.splitlines()[-1].startswith("1 file checked:")  # the same file named twice is checked once


def test_saves_option_with_an_empty_folder_reports_no_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = shove(capsys, "validate", str(MINIMAL), "--saves", str(tmp_path))
    assert code == 0
    assert "0 of 0 still replay" in out


def test_lang_option_checks_translations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = shove(capsys, "validate", "--lang", "de", str(MINIMAL))
    assert code == 0
    assert "no text is translated into `de` yet" in out


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_passes_validate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = shove(capsys, "validate", str(path))
    assert code == 0, out


# --------------------------------------------------------------------------
# shove schema


def test_schema_is_json_schema_2020_12(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = shove(capsys, "schema")
    assert code == 0
    document = json.loads(out)
    assert document["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] and document["title"]
    assert set(document["properties"]) == {f.alias or n for n, f in Scenario.model_fields.items()}
    assert document["$defs"]["Stakeholder"]["additionalProperties"] is False
    assert "else" in document["$defs"]["ChanceSpec"]["properties"]
    assert document["$defs"]["Stakeholder"]["properties"]["power"]["maximum"] == 1.0


def test_schema_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "deeper" / "scenario.schema.json"
    assert shove(capsys, "schema", "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == schema_text()
    assert [p.name for p in target.parent.iterdir()] == ["scenario.schema.json"]  # no temporary file left
    assert target.stat().st_mode & 0o044  # readable by others, like any generated doc


def test_docs_copy_of_the_schema_is_current() -> None:
    committed = ROOT / "docs" / "scenario.schema.json"
    assert committed.exists(), "docs/scenario.schema.json is missing: run `make schema`"
    assert json.loads(committed.read_text(encoding="utf-8")) == schema_document(), (
        "docs/scenario.schema.json is stale: run `make schema` and commit the result"
    )


# --------------------------------------------------------------------------
# shove scenarios and the catalog


def test_scenarios_lists_builtins_and_user_scenarios(user_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    user = catalog.user_dir()
    assert str(user).startswith(str(user_home))
    scenario_file(user, "my_own")
    scenario_file(user, "broken", "meta: [")
    code, out, _ = shove(capsys, "scenarios")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "title", "turns", "minutes", "source"]
    rows = {ln.split()[0]: ln for ln in lines[2:] if not ln.startswith(" ")}
    assert set(rows) == {p.stem for p in SHIPPED} | {"my_own", "broken"}
    assert rows["my_own"].split()[-3:] == ["8", "10", "user"]
    assert "Joining up care in Eastvale" in rows["my_own"]
    assert "(does not load)" in rows["broken"]
    assert any(re.match(re.escape(f"    {user / 'broken.yaml'}:") + r"\d+:\d+: error: YAML syntax", ln) for ln in lines)
    for path in SHIPPED:
        assert rows[path.stem].endswith("built-in")


def test_scenarios_path_prints_the_user_folder(user_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = shove(capsys, "scenarios", "--path")
    assert code == 0
    assert out == f"{user_home / 'xdg_data_home' / 'push-comes-to-shove' / 'scenarios'}\n"


def test_resolve(user_home: Path, tmp_path: Path) -> None:
    own = scenario_file(catalog.user_dir(), "my_own")
    assert catalog.resolve("my_own") == own
    assert catalog.resolve(str(MINIMAL)) == MINIMAL
    for path in SHIPPED:
        assert catalog.resolve(path.stem) == catalog.builtin_dir() / path.name
    with pytest.raises(catalog.CatalogError, match=r"my_ow: not a scenario file nor a known scenario id \(did you mean `my_own`\?\)"):
        catalog.resolve("my_ow")
    with pytest.raises(catalog.CatalogError, match="no such scenario file"):
        catalog.resolve(tmp_path / "missing.yaml")
    with pytest.raises(catalog.CatalogError, match="is a folder"):
        catalog.resolve(tmp_path)
    assert isinstance(catalog.CatalogError("x"), LookupError)


def test_builtin_dir_is_the_repository_scenarios_folder() -> None:
    assert catalog.builtin_dir() == ROOT / "scenarios"


def test_entries_are_cached_until_the_file_changes(user_home: Path) -> None:
    own = scenario_file(catalog.user_dir(), "my_own")
    first = {e.id: e for e in catalog.entries()}["my_own"]
    again = {e.id: e for e in catalog.entries()}["my_own"]
    assert again is first and first.ok and first.source == "user" and first.turns == 8
    own.write_text(own.read_text(encoding="utf-8").replace("  turns: 8\n", "  turns: 9\n"), encoding="utf-8")
    later = time.time() + 5
    os.utime(own, (later, later))
    changed = {e.id: e for e in catalog.entries()}["my_own"]
    assert changed.turns == 9
    shutil.copy(MINIMAL, catalog.user_dir() / "copy.yaml")
    copied = {e.id: e for e in catalog.entries()}["copy"]
    assert copied.ok  # the id/file-name mismatch is only a warning
