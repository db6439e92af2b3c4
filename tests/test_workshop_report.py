"""The workshop report, its CSV, damaged session files, and the live board."""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.scenario.language import localise
from game.scenario.schema import POLICIES, Question
from game.workshop.board import Board, board_colours, read_rows, run_board
from game.workshop.config import Workshop
from game.workshop.create import NewWorkshop, create
from game.workshop.fill import fill
from game.workshop.report import build, csv_text, write

TEAMS = ("Red", "Blue", "Green", "Amber", "Violet", "Teal")


@pytest.fixture(scope="module")
def policy_teams(tmp_path_factory: pytest.TempPathFactory) -> Workshop:
    """system_reform with six teams, each seat filled by a different built-in policy."""
    folder = tmp_path_factory.mktemp("teams") / "ws"
    workshop = create(NewWorkshop(folder, "system_reform", list(TEAMS), seed=21, injects=[("inspection", 5)]))
    for team, policy in zip(TEAMS, POLICIES, strict=True):
        fill(workshop, team, policy)
    return workshop


def copy_workshop(workshop: Workshop, tmp_path: Path) -> Workshop:
    from game.workshop.config import load_workshop

    folder = tmp_path / "copy"
    shutil.copytree(workshop.folder, folder)
    return load_workshop(folder)


@pytest.mark.slow
def test_policy_teams_give_a_full_report(policy_teams: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "out" / "debrief.html"
    html_path, csv_path, report = write(policy_teams, out)
    assert html_path == out and csv_path == out.with_name("results.csv")
    page = html_path.read_text()
    for team in TEAMS:
        assert f"<b>{team}</b>" in page
    # Scores, relationships, measures and the fingerprint: four inline SVG charts, nothing fetched.
    assert page.count("<svg") == 4
    for fetch in ('src="http', "src='http", 'href="http', "href='http", "url(http", "@import", "<script"):
        assert fetch not in page
    # Every question for everyone; one asked only of some games when a team's game fits it.
    fits = {i for t in report.teams for i in t.result.session.asked_questions()}
    for i, question in enumerate(policy_teams.base_scenario.debrief.questions):
        if isinstance(question, Question) and question.when is not None:
            assert (html.escape(localise(question.ask, "en")) in page) == (i in fits)
        else:
            assert html.escape(localise(question, "en")) in page
    assert any(isinstance(q, Question) and i in fits for i, q in enumerate(policy_teams.base_scenario.debrief.questions))
    assert "most consequential decision" in page
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert [r["team"] for r in rows] == list(TEAMS)
    # The same luck: each team filled by a policy scores exactly what that policy scores in the report.
    policy_scores = {g.policy: g.score for g in report.policies}
    for row, policy in zip(rows, POLICIES, strict=True):
        assert float(row["score"]) == pytest.approx(policy_scores[policy], abs=0.006)
        assert row["status"] == "ended" and row["ending"] and row["most_consequential_turn"]
    assert not list(out.parent.glob(".*.tmp"))


def test_each_team_gets_its_most_consequential_turn(policy_teams: Workshop) -> None:
    report = build(policy_teams)
    for team in report.teams:
        assert team.turning is not None
        assert 1 <= team.turning.turn <= policy_teams.base_scenario.meta.turns
        assert team.turning.actual_score == pytest.approx(team.result.score)
    # partner never pushes, so its alternative is always a push.
    partner = next(t for t in report.teams if t.team == "Red")
    assert partner.turning is not None and partner.turning.instead == "push"
    assert partner.result.push_share == 0.0


def test_bad_session_files_are_skipped_with_a_message(policy_teams: Workshop, tmp_path: Path) -> None:
    w = copy_workshop(policy_teams, tmp_path)
    sessions = w.sessions_dir
    (sessions / "Amber.json").write_text("{not json")
    (sessions / "Violet.json").write_text("")
    (sessions / "Foreign.json").write_text(json.dumps({"format": "something-else", "teams": []}))
    (sessions / "Huge.json").write_bytes(b" " * (1024 * 1024 + 10))
    green = json.loads((sessions / "Green.json").read_text())
    green["trajectory"][3]["score"] = 99.0  # an edited score
    (sessions / "Green.json").write_text(json.dumps(green))
    report = build(w)
    assert [t.team for t in report.teams] == ["Red", "Blue", "Teal"]
    skipped = "\n".join(report.collected.skipped)
    assert "Amber.json: the file is damaged" in skipped
    assert "Violet.json: the file is empty" in skipped
    assert "Foreign.json: this is not a Push Comes to Shove team session file" in skipped
    assert "Huge.json: the file is 1.0 MB, far larger than any team session" in skipped
    assert "Green.json: its recorded numbers do not match a replay" in skipped
    # Each of these teams has a file, told about above: none is also called missing.
    assert report.collected.missing == []


def test_a_session_on_other_luck_is_flagged(policy_teams: Workshop, tmp_path: Path) -> None:
    other = create(NewWorkshop(tmp_path / "other", "system_reform", ["Amber"], seed=99, injects=[("inspection", 5)]))
    fill(other, "Amber", "balanced")
    w = copy_workshop(policy_teams, tmp_path)
    shutil.copy(other.session_path("Amber"), w.session_path("Amber"))
    report = build(w)
    amber = next(t for t in report.teams if t.team == "Amber")
    assert any("seed 99, not the workshop's seed 21" in f for f in amber.result.flags)
    assert amber.policies_beaten == []  # not compared with policies on luck it did not face


def test_text_from_files_cannot_inject_html(policy_teams: Workshop, tmp_path: Path) -> None:
    w = copy_workshop(policy_teams, tmp_path)
    data = json.loads(w.session_path("Red").read_text())
    data["team"] = '<script>alert("x")</script>=1+2'
    w.session_path("Red").write_text(json.dumps(data))
    report = build(w)
    from game.workshop.page import render

    page = render(report)
    assert "<script" not in page and "&lt;script&gt;" in page
    assert any("not listed in workshop.yaml" in f for t in report.teams for f in t.result.flags)
    rows = list(csv.reader(io.StringIO(csv_text(report))))
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_report_command_writes_both_files(policy_teams: Workshop, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w = copy_workshop(policy_teams, tmp_path)
    (w.sessions_dir / "Blue.json").write_text("[]")
    assert main(["workshop", "report", str(w.folder)]) == 0
    captured = capsys.readouterr()
    assert "Report on 5 teams" in captured.out
    assert "skipped Blue.json: this is not a Push Comes to Shove team session file" in captured.err
    assert (w.folder / "report.html").is_file() and (w.folder / "results.csv").is_file()


def test_board_renders_every_team(policy_teams: Workshop, tmp_path: Path) -> None:
    w = copy_workshop(policy_teams, tmp_path)
    w.session_path("Violet").unlink()
    rows = read_rows(w)
    assert [r.team for r in rows] == list(TEAMS)
    assert rows[TEAMS.index("Violet")].status == "waiting" and rows[0].status == "ended" and rows[0].score is not None
    pygame.init()
    try:
        surface = pygame.Surface((1280, 720))
        board = Board(w)
        board.refresh()
        board.draw(surface)
        colours = {tuple(surface.get_at((x, y)))[:3] for x in range(0, 1280, 2) for y in range(150, 700, 2)}
        team_colours = board_colours(list(TEAMS))
        for row in rows:
            if row.score is not None:
                assert team_colours[row.team] in colours, row.team
    finally:
        pygame.quit()
    assert run_board(w, max_frames=3) == 0


def test_a_team_still_playing_is_shown_up_to_its_last_turn(policy_teams: Workshop, tmp_path: Path) -> None:
    from game.workshop.seat import TeamSeat

    w = copy_workshop(policy_teams, tmp_path)
    w.session_path("Violet").unlink()
    seat = TeamSeat.open(w, "Violet")
    for _ in range(3):
        while seat.session.pending_event() is not None:
            seat.choose(0)
        seat.play_turn(seat.session.suggest("balanced"))
    report = build(w)
    violet = next(t for t in report.teams if t.team == "Violet")
    assert not violet.result.ended and violet.turning is None
    assert [p.turn for p in violet.result.trajectory] == [0, 1, 2, 3]
    from game.workshop.page import render

    page = render(report)
    assert "Still playing: Violet" in page and "not worked out until the team has finished" in page
    row = next(r for r in csv.DictReader(io.StringIO(csv_text(report))) if r["team"] == "Violet")
    assert row["status"] == "playing" and row["turns_played"] == "3" and row["ending"] == ""
