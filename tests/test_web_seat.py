"""A team's seat in the browser: the whole game through HTTP, written to its session file after
every move in the format every other workshop tool reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.session import Decision
from game.web import forecasting
from game.workshop.files import read_session
from game.workshop.report import build
from game.workshop.seat import TeamSeat
from tests.web_support import PICK, make_workshop, play_through, serve


def test_a_team_plays_a_whole_game_and_every_move_is_on_disk(tmp_path: Path) -> None:
    w = make_workshop(tmp_path, predict=True)
    s = serve(w.folder)
    seen = play_through(s, "Red", forecast=True)
    assert {"turn", "predict", "pause", "event", "ending"} <= set(seen)
    saved = read_session(w.session_path("Red"))
    assert saved.status == "ended" and saved.ending is not None and saved.policy is None
    assert saved.released == [p.after_turn for p in w.pauses()]
    assert all(p.actual is not None for p in saved.predictions)
    # the same file resumes in the terminal seat, and the report takes it
    seat = TeamSeat.open(w, "Red")
    assert seat.session.is_over and seat.session.ending is not None
    assert seat.session.ending.id == saved.ending
    report = build(w, "en")
    assert [t.team for t in report.teams] == ["Red"]
    assert not report.teams[0].result.flags
    # the debrief and its "What if" page
    debrief = s.client.get(s.seat("Red")).text
    assert 'class="card ending"' in debrief and "/whatif" in debrief
    whatif = s.client.get(s.seat("Red") + "whatif")
    assert whatif.status_code == 200 and "The same luck, other styles" in whatif.text and 'class="you"' in whatif.text


def test_each_move_writes_the_file_before_the_answer(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    path = w.session_path("Blue")
    assert not path.exists()  # looking at the seat writes nothing
    s.client.get(s.seat("Blue"))
    assert not path.exists()
    token = s.token("Blue")
    page = s.client.get(s.seat("Blue")).text
    pick = PICK.findall(page)[0]
    r = s.client.post(s.seat("Blue") + "play", data={"csrf": token, "pick": [pick]})
    assert r.status_code == 200
    saved = read_session(path)
    action, _, target = pick.partition(":")
    assert [(d.action, d.target) for d in saved.log[0].decisions] == [(action, target or None)]
    assert saved.turn == 2 and len(saved.trajectory) == 2
    # the why feed shows what that turn did
    assert "What happened in" in r.text and "You chose:" in r.text


def test_same_moves_as_the_terminal_seat_give_the_same_file(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    token = s.token("Red")
    page = s.client.get(s.seat("Red")).text
    pick = PICK.findall(page)[0]
    s.client.post(s.seat("Red") + "play", data={"csrf": token, "pick": [pick]})
    action, _, target = pick.partition(":")
    seat = TeamSeat.open(w, "Blue")
    seat.play_turn([Decision(action, target or None)])
    red, blue = read_session(w.session_path("Red")), seat.to_file()
    assert red.log == blue.log and red.trajectory == blue.trajectory


def test_forecasts_show_unless_the_workshop_hides_them(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    token = s.token("Red")
    page = s.client.get(s.seat("Red")).text
    assert "Forecast this plan" in page
    pick = PICK.findall(page)[0]
    r = s.client.post(s.seat("Red") + "forecast", data={"csrf": token, "pick": [pick]})
    assert r.status_code == 200
    assert re.search(r"Success \d+%, partial \d+%, failure \d+%", r.text)
    assert f'value="{pick}" checked' in r.text  # the plan stays ticked
    assert not w.session_path("Red").exists()  # a forecast is not a move

    hidden = make_workshop(tmp_path / "h", hide_forecasts=True)
    h = serve(hidden.folder)
    token = h.token("Red")
    page = h.client.get(h.seat("Red")).text
    assert "Forecast this plan" not in page
    r = h.client.post(h.seat("Red") + "forecast", data={"csrf": token})
    assert r.status_code == 403 and "without forecasts" in r.text


def test_event_answers_can_be_forecast_and_chosen(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    token = s.token("Red")
    base = s.seat("Red")
    for _ in range(40):
        text = s.client.get(base).text
        if f'action="{base}choose"' in text:
            break
        if 'class="card pause"' in text:
            s.client.post(s.console + "release", data={"csrf": s.console_token(), "team": "*"})
            continue
        s.client.post(base + "play", data={"csrf": token})
    else:
        pytest.skip("no event came up on this luck")
    r = s.client.post(base + "forecast-choices", data={"csrf": token})
    assert r.status_code == 200 and r.text.count('class="forecast-line"') >= 2
    before = len(read_session(w.session_path("Red")).log[-1].choices)
    r = s.client.post(base + "choose", data={"csrf": token, "choice": "1"})
    assert r.status_code == 200
    assert len(read_session(w.session_path("Red")).log[-1].choices) == before + 1


def test_a_pause_waits_and_the_word_or_the_console_releases_it(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    seen = play_through(s, "Red", release=False)
    assert seen[-1] == "pause"
    token = s.token("Red")
    page = s.client.get(s.seat("Red")).text
    assert 'http-equiv="refresh"' in page  # without script the page reloads itself
    r = s.client.post(s.seat("Red") + "play", data={"csrf": token})
    assert r.status_code == 409 and "discussion pause" in r.text
    wrong = s.client.post(s.seat("Red") + "word", data={"csrf": token, "word": "nope"})
    assert wrong.status_code == 400 and "not the word" in wrong.text
    ok = s.client.post(s.seat("Red") + "word", data={"csrf": token, "word": w.file.facilitator_word.upper()})
    assert ok.status_code == 200 and 'class="card pause"' not in ok.text
    assert read_session(w.session_path("Red")).released == [w.pauses()[0].after_turn]


def test_the_decision_clock_plays_no_action_when_time_runs_out(tmp_path: Path) -> None:
    now = [1000.0]
    w = make_workshop(tmp_path, decision_seconds=60)
    s = serve(w.folder, clock=lambda: now[0])
    page = s.client.get(s.seat("Red")).text
    assert 'role="timer" data-seconds="60"' in page
    now[0] += 30
    assert 'data-seconds="30"' in s.client.get(s.seat("Red")).text
    now[0] += 31
    page = s.client.get(s.seat("Red")).text
    assert "Time ran out" in page
    saved = read_session(w.session_path("Red"))
    assert saved.timeouts == [1] and saved.log[0].decisions == []


def test_the_seat_speaks_french_from_the_same_catalogues(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    token = s.token("Red")
    r = s.client.post(s.seat("Red") + "lang", data={"csrf": token, "lang": "fr"})
    assert r.status_code == 200
    assert '<html lang="fr">' in r.text and "Vos actions ce tour-ci" in r.text and "Jouer le tour" in r.text
    assert "Carte des acteurs" in r.text
    # the choice lasts across a restart of the server
    again = serve(w.folder)
    assert "Vos actions ce tour-ci" in again.client.get(again.seat("Red")).text
    assert "Your actions this turn" in again.client.get(again.seat("Blue")).text


def test_the_map_draws_rings_fills_hatching_arrows_and_cards(tmp_path: Path) -> None:
    w = make_workshop(tmp_path, scenario="system_reform")
    s = serve(w.folder)
    page = s.client.get(s.seat("Red")).text
    svg = page[page.index("<svg"):page.index("</svg>")]
    view = TeamSeat.open(w, "Red").session.view()
    assert svg.count('class="node"') == len(view.stakeholders)
    assert svg.count('class="trust"') == len(view.stakeholders)
    opposed = [v for v in view.stakeholders if v.support < 0.4]
    assert svg.count('class="hatched"') == len(opposed) > 0
    assert svg.count('class="edge"') == len(w.scenario.influence)
    assert 'stroke-dasharray="10 7"' in svg  # a rival's arrow
    assert "<title>" in svg and "power " in svg and 'tabindex="0"' in svg
    assert "style=" not in page and "<script>" not in page  # nothing the CSP would refuse


def test_the_opening_is_forecast_once_for_every_team_and_the_same_plan_gets_the_same_forecast(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    page = s.client.get(s.seat("Red")).text
    s.client.get(s.seat("Blue"))
    _, opening = s.room.opening_question("Red")
    assert opening is not None and opening.key == s.room.opening_question("Blue")[1].key  # type: ignore[union-attr]
    assert list(s.web.forecasts.known) == [opening.key]  # opening the page asked for the opening's forecasts, once
    batch = s.web.forecasts.known[opening.key].result(timeout=60)
    picks = PICK.findall(page)
    assert len(batch) == 1 + len(picks)  # doing nothing, and every option the team can take
    red = s.client.post(s.seat("Red") + "forecast", data={"csrf": s.token("Red"), "pick": [picks[0]]})
    blue = s.client.post(s.seat("Blue") + "forecast", data={"csrf": s.token("Blue"), "pick": [picks[0]]})
    assert s.web.forecasts.worked_out == 1  # both forecasts read from the opening's
    line = re.compile(r'<div class="forecast" role="status">.*?</div>', re.S)
    assert line.search(red.text).group(0) == line.search(blue.text).group(0)  # type: ignore[union-attr]

    # a plan of two options is a question of its own, on the same luck as the opening's forecasts
    two = [Decision("explain"), Decision("engage", "consultants")]
    alone, none = s.room.plan_question("Red", two)
    assert none is None and alone.key != opening.key and alone.picks == (0, 1)
    assert forecasting.answer(alone.request)[1] == batch[0]  # doing nothing: the same forecast either way
    own, in_opening = s.room.plan_question("Red", two[1:])
    assert in_opening is not None and in_opening.key == opening.key
    assert forecasting.answer(own.request) == [batch[i] for i in in_opening.picks]  # the same plan: the same forecast
    assert forecasting.answer(alone.request)[0] != batch[in_opening.picks[0]]


def test_a_move_forgets_the_forecasts_asked_before_it(tmp_path: Path) -> None:
    w = make_workshop(tmp_path)
    s = serve(w.folder)
    s.client.get(s.seat("Red"))
    s.client.get(s.seat("Blue"))
    opening = s.room.opening_question("Red")[1]
    assert opening is not None
    s.web.forecasts.known[opening.key].result(timeout=60)
    token = s.token("Red")
    plan = PICK.findall(s.client.post(s.seat("Red") + "play", data={"csrf": token}).text)[:1]
    assert s.room.opening_question("Red")[1] is None  # Red has played: no more opening
    if plan:  # Red decides its next turn: its own question
        s.client.post(s.seat("Red") + "forecast", data={"csrf": token, "pick": plan})
        assert len(s.web.asked["Red"][1]) == 1
        own = next(iter(s.web.asked["Red"][1]))
        assert own in s.web.forecasts.known and opening.key in s.web.forecasts.known  # Blue is still at the opening
        s.client.post(s.seat("Red") + "play", data={"csrf": token, "pick": plan})
        assert own not in s.web.forecasts.known  # forgotten with the move
    s.client.post(s.seat("Blue") + "play", data={"csrf": s.token("Blue")})
    assert opening.key not in s.web.forecasts.known  # nobody needs it any more
