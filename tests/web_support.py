"""What the web tests share: a workshop folder, an app on it, and a team that plays through pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.testclient import TestClient

from game.web.app import Web, make_app
from game.web.guard import Limiter
from game.web.room import Room
from game.web.serve import read_addresses
from game.workshop.config import Workshop
from game.workshop.create import NewWorkshop, create

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PICK = re.compile(r'name="pick" value="([^"]+)">')  # an available option (a disabled one has " disabled" before ">")


def make_workshop(tmp_path: Path, scenario: str = "tutorial", teams: tuple[str, ...] = ("Red", "Blue"),
                  **kw: object) -> Workshop:
    return create(NewWorkshop(tmp_path / "ws", scenario, list(teams), **kw))  # type: ignore[arg-type]


@dataclass
class Served:
    room: Room
    web: Web
    client: TestClient

    def code(self, team: str) -> str:
        return self.room.places[team].code

    def seat(self, team: str) -> str:
        return f"/t/{self.code(team)}/"

    @property
    def console(self) -> str:
        return f"/f/{self.room.access.facilitator}/"

    def token(self, team: str) -> str:
        found = CSRF.search(self.client.get(self.seat(team)).text)
        assert found is not None
        return found.group(1)

    def console_token(self) -> str:
        found = CSRF.search(self.client.get(self.console).text)
        assert found is not None
        return found.group(1)


def serve(folder: Path, limiter: Limiter | None = None, clock=None) -> Served:  # type: ignore[no-untyped-def]
    room = Room(folder, "en") if clock is None else Room(folder, "en", clock=clock)
    web = Web(room, limiter=limiter or Limiter(rate=1000, burst=1000))
    client = TestClient(make_app(web), base_url="http://testserver", raise_server_exceptions=False)
    return Served(room, web, client)


def play_through(s: Served, team: str, *, forecast: bool = False, release: bool = True, limit: int = 200) -> list[str]:
    """Play ``team``'s whole game through its pages (first available option each turn, first answer to
    every event, "up" when a prediction is asked, the console releasing every pause); the screens met."""
    seen = []
    token = s.token(team)
    base = s.seat(team)
    for _ in range(limit):
        page = s.client.get(base)
        assert page.status_code == 200, page.text
        text = page.text
        if 'class="card pause"' in text:
            seen.append("pause")
            if not release:
                return seen
            r = s.client.post(s.console + "release", data={"csrf": s.console_token(), "team": team})
        elif 'class="card ending"' in text:
            seen.append("ending")
            return seen
        elif f'action="{base}predict"' in text:
            seen.append("predict")
            r = s.client.post(base + "predict", data={"csrf": token, "guess": "up"})
        elif f'action="{base}choose"' in text:
            seen.append("event")
            r = s.client.post(base + "choose", data={"csrf": token, "choice": "0"})
        else:
            seen.append("turn")
            picks = PICK.findall(text)[:1]
            if forecast:
                f = s.client.post(base + "forecast", data={"csrf": token, "pick": picks})
                assert f.status_code == 200 and 'class="forecast"' in f.text, f.text
            r = s.client.post(base + "play", data={"csrf": token, "pick": picks})
        assert r.status_code == 200, r.text  # after the 303 back to the seat
    raise AssertionError(f"{team}'s game did not end in {limit} pages: {seen[-10:]}")


def start(folder: Path) -> tuple[subprocess.Popen[str], dict[str, str], str, float]:
    """``shove workshop serve`` on a free port; the process, each team's address, the facilitator's
    and how long it took to say it was ready."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "LANG": "C.UTF-8"}
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "game", "workshop", "serve", str(folder), "--port", "0", "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert proc.stdout is not None
    try:
        teams, facilitator = read_addresses(iter(proc.stdout.readline, ""))
    except EOFError:
        raise AssertionError(f"the server stopped before it was ready (exit {proc.wait()})") from None
    return proc, teams, facilitator, time.perf_counter() - began
