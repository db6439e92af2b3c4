"""The one atomic writer (game.atomic) and the report pages' shared chart export (game.pages)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.atomic import SHARED, write_bytes, write_new, write_text


def bits(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_027() -> Iterator[int]:
    old = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(old)


def test_permission_bits_follow_each_callers_choice(tmp_path: Path, umask_027: int) -> None:
    kept = tmp_path / "private.json"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    write_bytes(kept, b"new", mode=SHARED, keep_mode=True)  # a save made private stays private
    assert kept.read_bytes() == b"new" and bits(kept) == 0o600

    fresh = tmp_path / "fresh.json"
    write_bytes(fresh, b"new", mode=SHARED, keep_mode=True)  # a new save: rw-r--r--
    assert bits(fresh) == 0o644

    shared = tmp_path / "report.html"
    shared.write_bytes(b"old")
    shared.chmod(0o600)
    write_bytes(shared, b"new", mode=SHARED)  # a report is always readable by others
    assert bits(shared) == 0o644

    plain = tmp_path / "deep" / "folder" / "scenario.schema.json"
    write_text(plain, "{}\n")  # the folder is made; the file is as the umask allows
    assert plain.read_text(encoding="utf-8") == "{}\n" and bits(plain) == 0o666 & ~umask_027
    assert not list(tmp_path.rglob("*.tmp"))


def test_write_new_refuses_to_overwrite_and_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    write_new(target, "first\n")
    with pytest.raises(FileExistsError) as caught:
        write_new(target, "second\n")
    assert caught.value.filename == str(target)
    assert target.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]  # no temporary left behind


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.mkdir()  # a folder where the file would go: the rename fails
    with pytest.raises(OSError):
        write_bytes(target, b"<p>new</p>")
    assert target.is_dir() and not list(tmp_path.glob(".*.tmp"))


def test_the_balance_charts_keep_their_text_as_text_and_come_out_the_same_twice() -> None:
    from game.analysis.balance_charts import outcome_bars
    from game.pages.svg_charts import svg

    rows = [("Doctors <b> & co", {"success": 0.5, "partial": 0.3, "failure": 0.2})]
    first, second = svg(outcome_bars(rows)), svg(outcome_bars(rows))
    assert first == second  # the SVG ids are salted the same way each time
    assert first.startswith("<svg") and "<metadata>" not in first
    assert "Doctors &lt;b&gt; &amp; co" in first  # text, escaped by matplotlib, not glyph outlines
    assert "DejaVuSans-" not in first
