"""The real server, as a process: its start-up lines, a SIGKILL mid-workshop and a restart where every
team carries on with nothing lost (its decision clock too), and a clean stop on SIGTERM."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest

from game.web.clocks import CLOCKS_FILE, read_clocks
from game.workshop.files import read_session
from tests.web_support import CSRF, PICK, make_workshop, serve, start

pytestmark = pytest.mark.xdist_group("web_server")


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (its forecast workers), from /proc."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def play_turns(client: httpx.Client, url: str, turns: int) -> None:
    """Play ``turns`` decision turns through the pages (first option, first answers, releasing nothing)."""
    played = 0
    while played < turns:
        text = client.get(url).text
        token = CSRF.search(text)
        assert token is not None
        if f'action="{url[url.index("/t/"):]}choose"' in text:
            client.post(url + "choose", data={"csrf": token.group(1), "choice": "0"})
            continue
        assert 'class="card pause"' not in text and 'class="card ending"' not in text
        client.post(url + "play", data={"csrf": token.group(1), "pick": PICK.findall(text)[:1]})
        played += 1


def test_a_killed_server_comes_back_with_every_team_where_it_was(tmp_path: Path) -> None:
    w = make_workshop(tmp_path, scenario="system_reform", teams=("Red", "Blue", "Green"))
    proc, teams, facilitator, _ = start(w.folder)  # start-up time: benchmarks/workshop_serve.py
    try:
        assert set(teams) == {"Red", "Blue", "Green"} and facilitator.endswith("/")
        assert (w.folder / "room-qr.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        client = httpx.Client(follow_redirects=True, timeout=30)
        play_turns(client, teams["Red"], 2)
        play_turns(client, teams["Blue"], 1)
        before = {t: read_session(w.session_path(t)) for t in ("Red", "Blue")}
        pages = {t: client.get(teams[t]).text for t in ("Red", "Blue")}
        workers = children(proc.pid)
        assert len(workers) >= 2  # the forecast workers
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not w.session_path("Green").exists()
    gone_by = time.monotonic() + 10  # the forecast workers leave once their server is gone
    while time.monotonic() < gone_by and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    proc, again, facilitator_again, _ = start(w.folder)
    try:
        # the same codes (port 0 picks another port each time): teams come back with their addresses
        assert {t: urlsplit(u).path for t, u in again.items()} == {t: urlsplit(u).path for t, u in teams.items()}
        assert urlsplit(facilitator_again).path == urlsplit(facilitator).path
        client = httpx.Client(follow_redirects=True, timeout=30)
        for team in ("Red", "Blue"):
            after = read_session(w.session_path(team))
            assert after.log == before[team].log and after.trajectory == before[team].trajectory
            page = client.get(again[team]).text
            # the same turn, the same numbers on the map
            assert re.findall(r'class="numbers">([^<]+)<', page) == re.findall(r'class="numbers">([^<]+)<', pages[team])
        play_turns(client, again["Red"], 1)
        assert len(read_session(w.session_path("Red")).log) == len(before["Red"].log) + 1
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=15)
        assert proc.returncode == 0 and "Server stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()


SECONDS = re.compile(r'role="timer" data-seconds="(\d+)"')


def seconds_shown(page: str) -> int:
    found = SECONDS.search(page)
    assert found is not None, "the page shows no decision clock"
    return int(found.group(1))


def test_a_restart_resumes_the_decision_clock_with_the_time_it_had_left(tmp_path: Path) -> None:
    now = [1000.0]
    w = make_workshop(tmp_path, decision_seconds=120)
    s = serve(w.folder, clock=lambda: now[0])
    s.client.post(s.seat("Red") + "play", data={"csrf": s.token("Red")})  # turn 2 (pages start turn 1's clock)
    assert seconds_shown(s.client.get(s.seat("Red")).text) == 120
    now[0] += 45
    s.room.save_clocks()  # what the server does every few seconds
    assert {t: (c.turn, c.seconds_left) for t, c in read_clocks(w.folder / CLOCKS_FILE).items()} == {"Red": (2, 75.0)}
    later = [9000.0]  # the server was down for two hours: that time is not the team's
    again = serve(w.folder, clock=lambda: later[0])
    later[0] += 5  # the team's page comes back a little after the restart: its clock resumes then
    assert seconds_shown(again.client.get(again.seat("Red")).text) == 75
    assert seconds_shown(again.client.get(again.seat("Blue")).text) == 120  # Blue's had not started
    later[0] += 76
    assert "Time ran out" in again.client.get(again.seat("Red")).text
    assert read_session(w.session_path("Red")).timeouts == [2]


def test_a_killed_server_resumes_the_clock_from_its_last_write(tmp_path: Path) -> None:
    w = make_workshop(tmp_path, decision_seconds=600)
    proc, teams, _, _ = start(w.folder)
    try:
        client = httpx.Client(follow_redirects=True, timeout=30)
        assert seconds_shown(client.get(teams["Red"]).text) >= 599
        by = time.monotonic() + 15
        kept = None
        while time.monotonic() < by:  # written every two seconds while it runs
            kept = read_clocks(w.folder / CLOCKS_FILE).get("Red")
            if kept is not None and kept.seconds_left <= 598:
                break
            time.sleep(0.2)
        assert kept is not None and kept.seconds_left <= 598
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    left = read_clocks(w.folder / CLOCKS_FILE)["Red"].seconds_left
    time.sleep(1.0)  # down for a while: not counted
    proc, again, _, _ = start(w.folder)
    try:
        shown = seconds_shown(httpx.Client(timeout=30).get(again["Red"]).text)
        assert left - 2 <= shown <= left  # not 600 again
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=15)
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    stopped = read_clocks(w.folder / CLOCKS_FILE)["Red"]  # a clean stop writes the clocks once more
    assert stopped.turn == 1 and stopped.seconds_left < left
