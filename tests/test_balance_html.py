"""`shove balance --html FILE`: the report as one self-contained web page for authors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.analysis.balance import balance
from game.analysis.balance_page import policy_label
from game.cli import main
from game.scenario import loader
from tests.test_balance_cli import SMALL

HOSTILE_ENDING = '<script>alert("gotcha")</script>'
HOSTILE_NAME = "Doctors <img src=x onerror=alert(1)> & co"
# Namespace names inside inline SVG look like addresses but are never fetched.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
POLICIES = ("partner", "force", "balanced")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The small test scenario with markup in an ending's title and a stakeholder's name."""
    text = SMALL.replace("title: Merged,", f"title: '{HOSTILE_ENDING}',")
    text = text.replace("name: The doctors,", f"name: '{HOSTILE_NAME}',")
    assert HOSTILE_ENDING in text and HOSTILE_NAME in text
    path = tmp_path / "small_change.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def balance_args(path: Path, *extra: str) -> list[str]:
    return ["balance", str(path), "--runs", "60", "--policies", ",".join(POLICIES), "--seed", "4", *extra]


class Tags(HTMLParser):
    """Every tag name in a page, and every address an attribute points to."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
                self.references.append(value or "")


def assert_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    tags = Tags()
    tags.feed(page)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & tags.names
    # Only references within the page itself (the SVG's own shapes and patterns).
    assert tags.references and all(ref.startswith("#") for ref in tags.references)
    assert "@import" not in page and "url(http" not in page
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= NAMESPACES
    assert "default-src 'none'" in page  # the browser is told to fetch nothing either


def test_page_is_written_beside_the_unchanged_tables(hostile: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pages" / "small.html"
    assert main(balance_args(hostile, "--html", str(out))) == 0
    with_page = capsys.readouterr()
    assert main(balance_args(hostile)) == 0
    without = capsys.readouterr()

    # The terminal report is the same (bar the time it took), and then says where the page is.
    lines = with_page.out.splitlines()
    assert lines[-1] == f"Web page written to {out.resolve()}"
    assert lines[1:-1] == without.out.splitlines()[1:]
    assert with_page.err == ""
    # Written atomically: nothing but the page is left in its folder.
    assert [p.name for p in out.parent.iterdir()] == ["small.html"]

    page = out.read_text(encoding="utf-8")
    assert_self_contained(page)
    for policy in POLICIES:
        assert f"<b>{policy_label(policy)}</b>" in page
    for title in ("Ousted", "A miracle", "Stuck"):
        assert f"<bdi>{title}</bdi>" in page
    assert page.count("<svg") == 2  # outcomes and scores; no tornado without --sensitivity
    assert "What moves success rates most" not in page
    # The warnings come first, in words, and name the ending nobody reaches.
    assert page.index("What to look at first") < page.index("Outcomes by policy")
    assert "Nobody reaches the ending &#x27;miracle&#x27; (A miracle)" in page
    assert "<code>miracle</code> (<bdi>A miracle</bdi>)" in page  # under coverage
    assert "--runs 60 --seed 4 --policies partner,force,balanced" in page


def test_scenario_text_is_escaped(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert main(balance_args(hostile, "--sensitivity", "--html", str(out))) == 0
    page = out.read_text(encoding="utf-8")
    assert_self_contained(page)
    assert "&lt;script&gt;alert(&quot;gotcha&quot;)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; co" in page


def test_sensitivity_adds_the_tornado(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert main(balance_args(hostile, "--sensitivity", "--html", str(out))) == 0
    page = out.read_text(encoding="utf-8")
    assert "What moves the results most" in page
    assert page.count("<svg") == 3
    tornado = page[page.index("What moves the results most"):]
    assert "input lowered by 20%" in tornado and "input raised by 20%" in tornado  # the chart's legend
    assert "change in mean score (points)" in tornado  # the chart's axis
    assert re.search(r"<td class='key'>[a-z]+\.[a-z_.0-9]+</td>", tornado)
    for heading in ("Δ mean score", "Δ success", "Δ partial", "Δ failure"):
        assert f"<th class='num'>{heading}</th>" in tornado


def test_json_stdout_stays_one_object(hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page.html"
    assert main(balance_args(hostile, "--json", "--html", str(out))) == 0
    with_page = capsys.readouterr()
    assert main(balance_args(hostile, "--json")) == 0
    without = json.loads(capsys.readouterr().out)

    data = json.loads(with_page.out)  # raises if anything else shares stdout
    assert {"scenario", "runs", "seed", "elapsed_s", "policies", "warnings", "coverage"} <= set(data)
    data.pop("elapsed_s")
    without.pop("elapsed_s")
    assert data == without
    assert with_page.err.strip() == f"Web page written to {out.resolve()}"
    assert out.is_file()


@pytest.mark.parametrize("where", ["under_a_file", "a_folder"])
def test_unwritable_path_exits_2_before_playing(where: str, hostile: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "page.html" if where == "under_a_file" else tmp_path
    assert main(balance_args(hostile, "--html", str(target))) == 2
    out = capsys.readouterr()
    assert out.out == ""  # refused before any game was played
    assert str(target) in out.err and "cannot be written" in out.err
    assert "Traceback" not in out.err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_existing_page_is_replaced(hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    assert main(balance_args(hostile, "--html", str(out))) == 0
    capsys.readouterr()
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "small_change.yaml"]


def test_score_histogram_counts_every_run_and_stays_out_of_json(hostile: Path) -> None:
    report = balance(loader.load(hostile), ["random"], 150, seed=1)
    summary = report.policies["random"]
    assert len(summary.score_histogram) == 100 and sum(summary.score_histogram) == 150
    # Whole-point bins agree with the percentiles the report gives.
    filled = [i for i, n in enumerate(summary.score_histogram) if n]
    assert filled[0] <= summary.score.p10 and summary.score.p90 < filled[-1] + 1
    assert set(report.as_json()["policies"]["random"]) == {"runs", "success_rate", "outcome_rates", "score", "endings"}
