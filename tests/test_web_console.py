"""The facilitator's console: the live board, pauses, injects, filling a seat, ending, the report."""

from __future__ import annotations

from pathlib import Path

from game.workshop.config import load_workshop
from game.workshop.files import read_session
from game.workshop.report import build
from game.workshop.seat import TeamSeat
from tests.web_support import make_workshop, play_through, serve


def test_the_board_shows_each_team_where_it_is(tmp_path: Path) -> None:
    w = make_workshop(tmp_path, teams=("Red", "Blue", "Green"))
    s = serve(w.folder)
    play_through(s, "Red", release=False)  # waits at the first pause
    play_through(s, "Blue")  # to its ending
    board = s.client.get(s.console + "board")
    assert board.status_code == 200 and board.text.startswith("<table")
    rows = {r.team: r for r in s.room.standings()}
    assert rows["Red"].status == "paused" and rows["Blue"].status == "ended" and rows["Green"].status == "waiting"
    assert rows["Blue"].score is not None and rows["Blue"].outcome in ("success", "partial", "failure")
    assert "waiting at a pause" in board.text and "not started" in board.text
    assert "partner ·" in board.text  # the partner / push fingerprint
    console = s.client.get(s.console).text
    assert 'id="board"' in console and s.code("Red") in console  # the team addresses, for the facilitator


def test_release_one_team_or_every_team(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    play_through(s, "Red", release=False)
    play_through(s, "Blue", release=False)
    token = s.console_token()
    r = s.client.post(s.console + "release", data={"csrf": token, "team": "Red"})
    assert r.status_code == 200 and "Released." in r.text
    assert read_session(w.session_path("Red")).released == [w.pauses()[0].after_turn]
    assert read_session(w.session_path("Blue")).released == []
    r = s.client.post(s.console + "release", data={"csrf": token, "team": "*"})
    assert read_session(w.session_path("Blue")).released == [w.pauses()[0].after_turn]
    r = s.client.post(s.console + "release", data={"csrf": token, "team": "*"})
    assert "No team was waiting" in r.text


def test_an_inject_now_comes_after_every_played_turn_for_every_team(tmp_path: Path) -> None:
    w = make_workshop(tmp_path, scenario="system_reform")
    s = serve(w.folder)
    token = s.token("Red")
    for _ in range(2):
        s.client.post(s.seat("Red") + "play", data={"csrf": token, "note": "1"})
        while s.room.places["Red"].seat is not None and s.room.places["Red"].seat.session.phase == "event":
            s.client.post(s.seat("Red") + "choose", data={"csrf": token, "choice": "0"})
    played = len(read_session(w.session_path("Red")).log)
    assert played == 2
    event = w.scenario.events[0].id
    r = s.client.post(s.console + "inject", data={"csrf": s.console_token(), "event": event})
    assert r.status_code == 200 and "brought in" in r.text, r.text
    again = load_workshop(w.folder)
    assert [(i.event, i.turn) for i in again.file.injects] == [(event, played + 1)]
    assert "# " in (w.folder / "workshop.yaml").read_text()  # the facilitator's comments stay
    # both the team that played and the one that had not get it, and the report reads both as the same game
    assert read_session(w.session_path("Red")).pin.injects == [(event, played + 1)]
    s.client.post(s.seat("Red") + "play", data={"csrf": token, "note": "1"})
    seat = TeamSeat.open(again, "Red")
    assert event in seat.session.history[played].events
    report = build(again, "en")
    assert not report.teams[0].result.flags
    r = s.client.post(s.console + "inject", data={"csrf": s.console_token(), "event": "no_such_event"})
    assert r.status_code == 400 and "no event" in r.text


def test_fill_an_empty_seat_with_a_policy(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    r = s.client.post(s.console + "fill", data={"csrf": s.console_token(), "team": "Blue", "policy": "balanced"})
    assert r.status_code == 200 and "has been filled" in r.text
    saved = read_session(w.session_path("Blue"))
    assert saved.policy == "balanced" and saved.status == "ended"
    assert 'class="card ending"' in s.client.get(s.seat("Blue")).text
    play_through(s, "Red", release=False)
    r = s.client.post(s.console + "fill", data={"csrf": s.console_token(), "team": "Red", "policy": "force"})
    assert r.status_code == 409 and "already started" in r.text


def test_end_the_workshop_and_download_the_report(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    play_through(s, "Red")
    token = s.token("Blue")
    s.client.post(s.seat("Blue") + "play", data={"csrf": token, "note": "1"})
    r = s.client.post(s.console + "end", data={"csrf": s.console_token()})
    assert r.status_code == 200 and "has ended" in r.text
    assert (w.folder / "report.html").exists() and (w.folder / "results.csv").exists()
    r = s.client.post(s.seat("Blue") + "play", data={"csrf": token, "note": "1"})
    assert r.status_code == 409 and "ended the workshop" in r.text
    assert "The workshop has ended" in s.client.get(s.seat("Blue")).text
    html = s.client.get(s.console + "report.html")
    assert html.status_code == 200 and html.headers["content-disposition"].startswith("attachment")
    assert "Red" in html.text and "<script" not in html.text
    assert "unsafe-inline" in html.headers["content-security-policy"]  # the report's own inline styles only
    csv = s.client.get(s.console + "results.csv")
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("team") and "Red" in csv.text
    assert s.client.get(s.console + "other.txt").status_code == 404
    # the end is kept across a restart
    assert serve(w.folder).room.ended
