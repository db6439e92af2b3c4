"""The server against a careless or hostile browser: codes, form tokens, bad fields, sizes, headers,
paths and rate limits. Every refusal is a page with its reason, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.web.access import ACCESS_FILE
from game.web.guard import MAX_BODY, Limiter
from tests.web_support import make_workshop, serve


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    return serve(make_workshop(tmp_path).folder)


def _no_trace(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text


def test_codes_are_long_random_and_kept_private(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    codes = [p.code for p in served.room.places.values()]
    assert len(set(codes)) == 2 and all(len(c) >= 16 for c in codes)  # 96 bits each
    assert len(served.room.access.facilitator) >= 24
    assert served.room.access.facilitator not in codes
    path = served.room.workshop.folder / ACCESS_FILE
    assert path.stat().st_mode & 0o077 == 0  # the facilitator's only
    again = serve(served.room.workshop.folder)
    assert [p.code for p in again.room.places.values()] == codes  # a restart keeps every code


def test_wrong_codes_get_404_and_the_landing_page_joins(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    for path in ("/t/not-a-real-code-at-all/", "/t/x/", "/f/not-the-facilitator-secret/", "/t/" + "a" * 300 + "/"):
        r = c.get(path)
        assert r.status_code == 404, path
        _no_trace(r.text)
    assert c.get("/").status_code == 200 and 'action="/join"' in c.get("/").text
    r = c.get("/join", params={"code": served.code("Blue")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == served.seat("Blue")
    assert c.get("/join", params={"code": "guess-guess-guess-1"}).status_code == 404


def test_a_team_cannot_act_on_another_teams_game(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    red_token = served.token("Red")
    r = c.post(served.seat("Blue") + "play", data={"csrf": red_token})
    assert r.status_code == 403 and "out of date" in r.text
    assert not served.room.workshop.session_path("Blue").exists()
    # nor on the console
    r = c.post(served.console + "end", data={"csrf": red_token})
    assert r.status_code == 403 and not served.room.ended
    # and a team's page never carries another team's code
    page = c.get(served.seat("Red")).text
    assert served.code("Blue") not in page and served.room.access.facilitator not in page


def test_every_state_change_needs_the_form_token(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    for action, fields in [("play", {"pick": "x"}), ("predict", {"guess": "up"}), ("choose", {"choice": "0"}),
                           ("word", {"word": "x"}), ("lang", {"lang": "fr"}), ("forecast", {"pick": "x"})]:
        r = c.post(served.seat("Red") + action, data=fields)
        assert r.status_code == 400 and "csrf" in r.text, action
        r = c.post(served.seat("Red") + action, data={**fields, "csrf": "0" * 32})
        assert r.status_code == 403, action
    for action in ("release", "inject", "fill", "end"):
        r = c.post(served.console + action, data={"team": "Red", "csrf": "0" * 32})
        assert r.status_code == 403, action
    assert not served.room.workshop.session_path("Red").exists() and not served.room.ended


def test_a_post_from_another_site_is_refused(served) -> None:  # type: ignore[no-untyped-def]
    token = served.token("Red")
    for headers in ({"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"},
                    {"origin": "null", "sec-fetch-site": "same-site"}):
        r = served.client.post(served.seat("Red") + "play", data={"csrf": token}, headers=headers)
        assert r.status_code == 403 and "another site" in r.text
    ok = served.client.post(served.seat("Red") + "play", data={"csrf": token},
                            headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"})
    assert ok.status_code == 200


def test_bad_fields_get_400_with_a_message(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    token = served.token("Red")
    base = served.seat("Red")
    cases = [
        ("play", {"pick": "no_such_action"}, "Unknown action or target"),
        ("play", {"pick": "engage:no_such_target"}, "Unknown action or target"),
        ("play", {"pick": "<script>"}, "is not an action"),
        ("play", {"pick": "A:B"}, "is not an action"),
        ("choose", {"choice": "-1"}, "whole number"),
        ("choose", {"choice": "1e9"}, "whole number"),
        ("predict", {"guess": "sideways"}, "must be one of"),
        ("lang", {"lang": "de"}, "must be one of"),
        ("word", {"word": "x" * 500}, "too long"),
        ("choose", {"choice": ["0", "1"]}, "more than once"),
    ]
    for action, fields, words in cases:
        r = c.post(base + action, data={"csrf": token, **fields})
        assert r.status_code == 400, (action, fields, r.status_code)
        assert words in r.text, (action, fields, r.text)
        _no_trace(r.text)
    r = c.post(base + "no-such-thing", data={"csrf": token})
    assert r.status_code == 404
    r = c.post(served.console + "fill", data={"csrf": served.console_token(), "team": "Green", "policy": "partner"})
    assert r.status_code == 400 and "no team called" in r.text
    r = c.post(served.console + "fill", data={"csrf": served.console_token(), "team": "Red", "policy": "cheat"})
    assert r.status_code == 400
    r = c.post(served.console + "inject", data={"csrf": served.console_token(), "event": "../../etc"})
    assert r.status_code == 400
    # a move the rules refuse (over the budget) is a 400 with the game's reason, and changes nothing
    page = c.get(base).text
    import re

    every = re.findall(r'name="pick" value="([^"]+)">', page)
    r = c.post(base + "play", data={"csrf": token, "pick": every})
    assert r.status_code == 400 and "not allowed" in r.text
    assert not served.room.workshop.session_path("Red").exists()


def test_bodies_are_limited_and_only_forms_are_read(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    token = served.token("Red")
    big = "pick=" + "a" * (MAX_BODY + 10)
    r = c.post(served.seat("Red") + "play", content=big,
               headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    r = c.post(served.seat("Red") + "play", content=json.dumps({"csrf": token}),
               headers={"content-type": "application/json"})
    assert r.status_code == 415
    r = c.post(served.seat("Red") + "play", content=b"csrf=%ff%fe",
               headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    _no_trace(r.text)


def test_security_headers_on_every_answer(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    for path in ("/", served.seat("Red"), served.console, "/static/seat.css", "/nowhere", "/t/bad-code-here-123/"):
        r = c.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "http" not in csp  # no other origin
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert r.headers["x-frame-options"] == "DENY"
    assert c.get(served.seat("Red")).headers["cache-control"] == "no-store"
    page = c.get(served.seat("Red")).text
    assert "<script>" not in page and "style=" not in page and "onclick" not in page


def test_static_files_come_from_a_fixed_map(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    assert c.get("/static/seat.js").headers["content-type"].startswith("text/javascript")
    for path in ("/static/../workshop.yaml", "/static/%2e%2e/workshop.yaml", "/static/serve.json",
                 "/static/__init__.py", "/static/app.py", "/workshop.yaml", "/sessions/Red.json", "/serve.json"):
        r = c.get(path)
        assert r.status_code == 404, path
        assert "facilitator_word" not in r.text and "codes" not in r.text


def test_rate_limits_per_client(tmp_path: Path) -> None:
    now = [0.0]
    limiter = Limiter(rate=2, burst=5, wrong_rate=1 / 60, wrong_burst=3, clock=lambda: now[0])
    s = serve(make_workshop(tmp_path).folder, limiter=limiter)
    codes = [s.client.get(s.seat("Red")).status_code for _ in range(8)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429
    r = s.client.get(s.seat("Red"))
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert s.client.get(s.seat("Blue")).status_code == 200  # another seat has its own bucket
    now[0] += 10
    assert s.client.get(s.seat("Red")).status_code == 200
    # wrong codes: after three, even the right code waits
    for _ in range(3):
        now[0] += 0.01
        assert s.client.get("/t/wrong-code-number-one/").status_code == 404
    assert s.client.get(s.seat("Red")).status_code == 429
    now[0] += 120
    assert s.client.get(s.seat("Red")).status_code == 200


def test_nothing_breaks_into_a_traceback(served) -> None:  # type: ignore[no-untyped-def]
    c = served.client
    token = served.token("Red")
    for path in ("/t/%00/", "/f/%ff/", "/static/%00", "/join?code=%00", "/t/" + served.code("Red") + "/whatif"):
        r = c.get(path)
        assert r.status_code in (404, 409), (path, r.status_code)
        _no_trace(r.text)
    r = c.put(served.seat("Red"), content=b"x")
    assert r.status_code == 405
    r = c.post(served.seat("Red") + "play", content=b"csrf=" + token.encode() + b"&&&=&",
               headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    _no_trace(r.text)
