"""Hostile and broken scenario files: each gives exit 1 from `shove validate` and a
message naming the file (with line and column where the input has them), never
a traceback. Plus a hypothesis test that damages a valid scenario at random."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from game.cli import main
from game.scenario.loader import MAX_BYTES, validate_text
from game.scenario.yaml_reader import MAX_DEPTH
from tests.strategies import MINIMAL, mutated_scenario_texts

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_TEXT = MINIMAL.read_text(encoding="utf-8")


def fixture_with(old: str, new: str, count: int = 1) -> str:
    assert FIXTURE_TEXT.count(old) >= count, old
    return FIXTURE_TEXT.replace(old, new, count)


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """1-based line of the nth line containing fragment."""
    hits = [i for i, line in enumerate(text.split("\n"), 1) if fragment in line]
    return hits[nth - 1]


def validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def assert_rejected(path: Path, capsys: pytest.CaptureFixture[str], fragment: str,
                    line: int | None = None, column: int | None = None) -> str:
    """Exit 1, a problem line naming the file (and position), containing fragment."""
    code, out, err = validate(path, capsys)
    assert code == 1, out + err
    problems = [ln for ln in out.splitlines() if ln.startswith(f"{path}:")]
    wanted = [p for p in problems if fragment in p]
    assert wanted, out
    match = re.match(re.escape(str(path)) + r":(\d+):(\d+): error: ", wanted[0])
    assert match, wanted[0]
    if line is not None:
        assert int(match.group(1)) == line, out
    if column is not None:
        assert int(match.group(2)) == column, out
    assert out.splitlines()[-1].startswith("1 file checked: 0 valid, 1 invalid")
    return out


def write(tmp_path: Path, content: str | bytes, name: str = "minimal.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


# --------------------------------------------------------------------------
# Not a scenario at all


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "the file is empty"),
        (b"# only a comment\n\n", "the file is empty"),
        (b"---\n", "the file is empty"),
        (b"- meta\n- stakeholders\n", "holds a list"),
        (b"hello there\n", "holds a single value"),
        (b"42\n", "holds a single value"),
    ],
    ids=["empty", "comment", "bare-document", "list", "text", "number"],
)
def test_files_that_are_not_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      content: bytes, fragment: str) -> None:
    assert_rejected(write(tmp_path, content), capsys, fragment, line=1, column=1)


def test_yaml_syntax_error_points_at_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("  turns: 8\n", "  turns: [8\n")
    out = assert_rejected(write(tmp_path, text), capsys, "YAML syntax")
    assert "bracket is not closed" in out or "expected ',' or ']'" in out


def test_unclosed_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with('unit: "%"', 'unit: "%')
    assert_rejected(write(tmp_path, text), capsys, "YAML syntax")


def test_tab_in_indentation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("  turns: 8\n", "\tturns: 8\n")
    line = line_of(text, "\tturns")
    out = assert_rejected(write(tmp_path, text), capsys, "indent with spaces, not tabs", line=line, column=1)
    assert out.count("error:") == 1


def test_colon_inside_unquoted_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("text: The hospital declares a critical incident.",
                        "text: Update: the hospital declares a critical incident.")
    line = line_of(text, "Update:")
    assert_rejected(write(tmp_path, text), capsys, "put text that contains `: ` in quotes", line=line)


def test_two_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = FIXTURE_TEXT + "\n---\nmeta: {}\n"
    assert_rejected(write(tmp_path, text), capsys, "one YAML document", line=line_of(text, "---"))


# --------------------------------------------------------------------------
# Bytes that are not UTF-8 text


def test_binary_garbage_with_invalid_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    assert_rejected(write(tmp_path, content), capsys, "save the file as UTF-8", line=1, column=1)


def test_binary_garbage_that_decodes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b"meta:\n  id: x\x00\x01\x02\x03" + b"\x00" * 100
    assert_rejected(write(tmp_path, content), capsys, "binary file", line=2, column=8)


def test_control_character(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("author: Test fixture", "author: Test\x07fixture")
    assert_rejected(write(tmp_path, text), capsys, "U+0007", line=line_of(text, "author:"), column=15)


def test_latin1_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("author: Test fixture", "author: Café fixture")
    line = line_of(text, "Café")
    out = assert_rejected(write(tmp_path, text.encode("latin-1")), capsys, "save the file as UTF-8",
                          line=line, column=len("  author: Caf") + 1)
    assert "0xE9" in out


def test_utf16_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_rejected(write(tmp_path, FIXTURE_TEXT.encode("utf-16")), capsys, "UTF-16", line=1, column=1)


def test_bom_and_crlf_are_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b"\xef\xbb\xbf" + FIXTURE_TEXT.replace("\n", "\r\n").encode("utf-8")
    path = write(tmp_path, content, "minimal.yaml")
    code, out, _ = validate(path, capsys)
    assert code == 0, out
    assert out.strip() == "1 file checked: 1 valid, 0 invalid"


# --------------------------------------------------------------------------
# Tags that would run code: refused with their position, nothing constructed


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/apply:subprocess.call",
        "!!python/object/new:pathlib.Path.touch",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:argparse.Namespace",
        "!custom",
        "!!binary",
    ],
)
def test_python_and_unknown_tags_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str) -> None:
    marker = tmp_path / "constructed"
    text = fixture_with("  author: Test fixture\n", f"  author: {tag} [\"touch {marker}\"]\n")
    line = line_of(text, tag)
    out = assert_rejected(write(tmp_path, text), capsys, "is not allowed in scenarios", line=line, column=11)
    assert f"`{tag}`" in out
    assert not marker.exists()


def test_tag_on_a_key_and_on_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "constructed"
    text = fixture_with("  author: Test fixture\n",
                        "  !!python/name:os.system : x\n"
                        f"  summary2: !!python/object/apply:os.system {{args: [\"touch {marker}\"]}}\n")
    out = assert_rejected(write(tmp_path, text), capsys, "!!python/name:os.system")
    assert out.count("is not allowed in scenarios") == 2
    assert "`!!python/object/apply:os.system`" in out
    assert not marker.exists()


# --------------------------------------------------------------------------
# Structures built to exhaust memory or the stack


def test_alias_bomb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines) + "\nmeta: *i\n"
    out = assert_rejected(write(tmp_path, text), capsys, "aliases expand to more than")
    assert out.count("error:") == 1


def test_alias_that_contains_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_rejected(write(tmp_path, "meta: &m\n  id: *m\n"), capsys, "not defined before it", line=2, column=7)


@pytest.mark.parametrize(
    "text",
    ["[" * 10_000 + "]" * 10_000, "- " * 10_000 + "x\n", "a: " + "{b: " * 10_000 + "1" + "}" * 10_000],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_ten_thousand_levels_deep(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    assert_rejected(write(tmp_path, text), capsys, f"nested more than {MAX_DEPTH} levels", line=1)


def test_deep_nesting_through_aliases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["a0: &a0 " + "[" * 40 + "1" + "]" * 40]
    lines += [f"a{i}: &a{i} " + "[" * 10 + f"*a{i - 1}" + "]" * 10 for i in range(1, 4)]
    assert_rejected(write(tmp_path, "\n".join(lines) + "\n"), capsys, "through the alias")


def test_fifty_megabytes_rejected_by_size_before_parsing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # a sparse file of NUL bytes: parsing it would say "binary"
        handle.truncate(50 * 1024 * 1024)
    out = assert_rejected(path, capsys, "the file is 50.0 MB", line=1, column=1)
    assert "binary" not in out


def test_just_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = FIXTURE_TEXT + "#" * (MAX_BYTES + 1 - len(FIXTURE_TEXT.encode()))
    assert_rejected(write(tmp_path, text), capsys, "may be at most 2 MB")


# --------------------------------------------------------------------------
# Valid YAML, wrong scenario


def test_duplicate_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("    power: 0.8\n", "    power: 0.8\n    power: 0.9\n")
    first, second = line_of(text, "power: 0.8"), line_of(text, "power: 0.9")
    out = assert_rejected(write(tmp_path, text), capsys, f"duplicate key `power` (first given on line {first})",
                          line=second, column=5)
    assert out.count("error:") == 1


def test_duplicate_top_level_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = FIXTURE_TEXT + "\nhints: []\n"
    assert_rejected(write(tmp_path, text), capsys, "duplicate key `hints`", line=line_of(text, "hints:", 2), column=1)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "column"),
    [
        ("  turns: 8\n", "  turns: high\n", "expected a whole number, got text 'high'", 10),
        ("  turns: 8\n", "  turns: 8.5\n", "expected a whole number, got 8.5", 10),
        ("    power: 0.8\n", "    power: high\n", "expected a number, got text 'high'", 12),
        ("  author: Test fixture\n", "  author: [a, b]\n", "expected text, got a list", 11),
    ],
)
def test_wrong_types(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str,
                     fragment: str, column: int) -> None:
    text = fixture_with(old, new)
    line = line_of(text, new.strip())
    assert_rejected(write(tmp_path, text), capsys, fragment, line=line, column=column)


def test_number_where_text_is_expected_suggests_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("  author: Test fixture\n", "  author: Test fixture\n  version: 1.0\n")
    assert_rejected(write(tmp_path, text), capsys, "expected text, got a number 1.0 (put it in quotes",
                    line=line_of(text, "version:"), column=12)


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("    power: 0.8\n", "    power: 1.4\n", "must be between 0 and 1 (got 1.4)"),
        ("    trust: 0.3\n", "    trust: -0.2\n", "must be between 0 and 1 (got -0.2)"),
        ("  turns: 8\n", "  turns: 0\n", "must be between 1 and 60 (got 0)"),
        ("    effort: 6\n", "    effort: 0\n", "must be more than 0 and at most 100 (got 0)"),
        ("  leadership_time: 3\n", "  leadership_time: 99\n", "must be between 1 and 20 (got 99)"),
    ],
)
def test_out_of_range_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str,
                              fragment: str) -> None:
    text = fixture_with(old, new)
    value = new.split(":")[1].strip()
    line = line_of(text, new.rstrip("\n"))
    assert_rejected(write(tmp_path, text), capsys, fragment, line=line, column=text.split("\n")[line - 1].index(value) + 1)


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("    power: 0.5\n", "    powr: 0.5\n", "unknown key `powr` (did you mean `power`?)"),
        ("  turns: 8\n", "  turns: 8\n  turnz: 9\n", "unknown key `turnz` (did you mean `turns`?)"),
        ("          then:\n", "          thn:\n", "unknown key `thn` (did you mean `then`?)"),
        ("          else:\n", "          elese:\n", "unknown key `elese` (did you mean `else`?)"),
        ("    kind: primary_care\n", "    kind: primary_care\n    colour: red\n", "unknown key `colour`; the keys here are"),
    ],
)
def test_unknown_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, fragment: str) -> None:
    text = fixture_with(old, new)
    key = fragment.split("`")[1]
    line = line_of(text, f"{key}:")
    assert_rejected(write(tmp_path, text), capsys, fragment, line=line,
                    column=text.split("\n")[line - 1].index(key) + 1)


@pytest.mark.parametrize(
    ("expression", "fragment", "offset"),
    [
        ("__import__('os').system('true')", "calling `__import__('os').system` is not allowed", 0),
        ("__import__('os')", "calling `__import__` is not allowed", 0),
        ("turn > 1 and trust.__class__", "`trust.__class__` is not allowed", 13),
        ("(lambda: 1)() > 0", "calling `lambda: 1` is not allowed", 0),
        ("lambda: 1", "`lambda` is not allowed", 0),
        ("9**9**9 > 1", "operator `**` is not allowed", 0),
        ("turn.real > 1", "unknown quantity `turn.real`", 0),
        ("[x for x in ()] > 1", "comprehensions are not allowed", 0),
        ("trust.gp_federation[0] > 1", "subscripts", 0),
        ("'a' < 'b'", "text is not allowed", 0),
    ],
)
def test_hostile_expressions(tmp_path: Path, capsys: pytest.CaptureFixture[str], expression: str,
                             fragment: str, offset: int) -> None:
    text = fixture_with("    when: turn >= 3\n", f"    when: \"{expression}\"\n")
    line = line_of(text, expression)
    assert_rejected(write(tmp_path, text), capsys, fragment, line=line, column=len('    when: "') + 1 + offset)


def test_several_problems_are_all_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_with("    power: 0.5\n", "    powr: 0.5\n")
    text = text.replace("  turns: 8\n", "  turns: high\n").replace("who: acute_trust, by: 0.1", "who: acute_trst, by: 0.1")
    code, out, _ = validate(write(tmp_path, text), capsys)
    assert code == 1
    assert "unknown key `powr`" in out and "got text 'high'" in out and "missing required key `power`" in out
    assert out.splitlines()[-1] == "1 file checked: 0 valid, 1 invalid (3 errors, 0 warnings)"


def test_the_real_command_prints_no_traceback(tmp_path: Path) -> None:
    bad = [write(tmp_path, b"", "empty.yaml"), write(tmp_path, "[" * 5000, "deep.yaml"),
           write(tmp_path, b"\xff\xfe\x00", "binary.yaml"), write(tmp_path, "a: !!python/object/apply:os.system [x]", "tag.yaml")]
    done = subprocess.run([sys.executable, "-m", "game", "validate", *map(str, bad)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    for path in bad:
        assert re.search(re.escape(str(path)) + r":\d+:\d+: error: ", done.stdout), done.stdout
    assert done.stdout.splitlines()[-1].startswith("4 files checked: 0 valid, 4 invalid")


# --------------------------------------------------------------------------
# Random damage never crashes the validator, and every problem has a place


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_scenario_texts())
def test_random_damage_never_raises_and_always_has_positions(text: str) -> None:
    result = validate_text(text, "mutated.yaml")
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message and "Traceback" not in problem.message
        assert str(problem).startswith(f"mutated.yaml:{problem.line}:{problem.column}: ")
    if result.scenario is None:
        assert result.errors, "an invalid scenario must say why"
    else:
        assert not result.errors
