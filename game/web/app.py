"""The web app: routes for a team's seat, the facilitator's console and the static files.

Addresses:

* ``/`` the room's page (a form for a join code), ``/join?code=`` on to the team's seat;
* ``/t/CODE/`` a team's seat; ``POST /t/CODE/play|forecast|choose|forecast-choices|predict|word|lang``;
  ``/t/CODE/whatif`` the debrief's "What if"; ``/t/CODE/status`` a stamp the page's script polls;
* ``/f/SECRET/`` the console; ``/f/SECRET/board`` the live board alone;
  ``POST /f/SECRET/release|inject|fill|end``; ``/f/SECRET/report.html`` and ``results.csv``;
* ``/static/seat.css`` and ``/static/seat.js`` from a fixed map read from the package at start-up:
  no request path ever reaches the file system.

Every state change is a POST carrying the form token of its seat or console
(:func:`game.web.access.token`), from this server's own pages (a cross-site ``Origin`` or
``Sec-Fetch-Site`` is refused). Every move and every page runs in a worker thread
(:func:`starlette.concurrency.run_in_threadpool`); forecasts have worker processes of their own
(:mod:`game.web.forecast_queue`), so a team's move never waits behind another team's forecast.
Every team's opening turn is forecast once, as the first page is shown (the same state and luck
for every team), so the first forecast every team asks for at once is one answer.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from functools import partial
from importlib import resources
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from game.i18n import LANGUAGES, translate
from game.i18n.words import Words
from game.sim.decisions import Decision
from game.sim.forecast import Forecast
from game.web import access, forecasting
from game.web.console_pages import ConsoleContext, board, console_page
from game.web.forecast_queue import ForecastQueue
from game.web.forecasting import Moment, Question
from game.web.forms import BadForm, Form
from game.web.guard import MAX_BODY, Guard, Limiter
from game.web.page import landing, message_page
from game.web.room import Refused, Room
from game.web.seat_pages import POLICIES, SeatContext, seat_page, whatif_page
from game.workshop.files import Direction
from game.workshop.problems import WorkshopError, say_problem

GUESSES: dict[str, Direction] = {"up": "up", "same": "same", "down": "down"}
STATIC_TYPES = {"seat.css": "text/css; charset=utf-8", "seat.js": "text/javascript; charset=utf-8",
                "favicon.svg": "image/svg+xml"}
T = TypeVar("T")


def static_files() -> dict[str, bytes]:
    """The fixed map of static files, read once from the package."""
    folder = resources.files("game") / "web" / "static"
    return {name: (folder / name).read_bytes() for name in STATIC_TYPES}


@dataclass
class Web:
    """What the routes share: the room, its limits, the join addresses and the worker pools."""

    room: Room
    limiter: Limiter = field(default_factory=Limiter)
    base_url: str = ""
    forecast_processes: int = 0  # 0: a thread pool (tests); the server runs worker processes
    static: dict[str, bytes] = field(default_factory=static_files)
    whatifs: dict[tuple[str, int], Any] = field(default_factory=dict)
    asked: dict[str, tuple[Moment, set[str]]] = field(default_factory=dict)  # each team's questions, this moment
    pool: InitVar[concurrent.futures.Executor | None] = None  # the forecast workers, when started already

    def __post_init__(self, pool: concurrent.futures.Executor | None) -> None:
        if pool is None:
            pool = forecasting.make_pool(self.forecast_processes)
            forecasting.warm_up(pool, self.forecast_processes, str(self.room.workshop.folder), self.room.generation)
        self.forecasts = ForecastQueue(pool, self.forecast_processes or forecasting.THREADS)

    @property
    def lang(self) -> str:
        return self.room.lang

    def links(self) -> dict[str, str]:
        return {team: f"{self.base_url}/t/{place.code}/" for team, place in self.room.places.items()}

    def seat_token(self, team: str) -> str:
        return access.token(self.room.access.key, "seat", team)

    def console_token(self) -> str:
        return access.token(self.room.access.key, "console")


# ---------------------------------------------------------------------- answers


def refusal(web: Web, status: int, reason: Words | str, back: str | None = None, lang: str | None = None) -> Response:
    text = reason if isinstance(reason, str) else reason.say(lang or web.lang)
    key = {400: "web.title.bad_request", 403: "web.title.forbidden", 404: "web.title.not_found",
           409: "web.title.conflict", 413: "web.title.bad_request", 415: "web.title.bad_request",
           429: "web.title.too_fast"}.get(status, "web.title.error")
    return HTMLResponse(message_page(lang or web.lang, key, text, back), status_code=status)


async def read_form(request: Request) -> Form:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadForm(Words("web.refused.too_large"), 413)
    return Form.parse(body, request.headers.get("content-type", ""))


def cross_site(request: Request) -> bool:
    """A POST sent from another site's page, as the browser tells it: ``Sec-Fetch-Site`` where the
    browser sends it, else ``Origin`` (which is ``null`` under this server's no-referrer policy, and
    then says nothing: the form token still has to be right)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return False
    return origin.split("://", 1)[-1] != request.headers.get("host", "")


async def checked_form(web: Web, request: Request, expected: str) -> Form:
    """The posted form, once its origin and its form token are right; BadForm otherwise."""
    if cross_site(request):
        raise BadForm(Words("web.form.cross_site"), 403)
    form = await read_form(request)
    if not access.same(form.one("csrf"), expected):
        raise BadForm(Words("web.form.token"), 403)
    return form


# ---------------------------------------------------------------------- seats


def _team(web: Web, request: Request) -> str | Response:
    """The team whose code is in the path, or the page that refuses: a wrong code counts against
    the client, and a client that has used up its wrong codes waits before any code is looked up."""
    client = request.client.host if request.client else "?"
    if web.limiter.blocked(client):
        return refusal(web, 429, Words("web.refused.too_many_codes"))
    code = request.path_params.get("code", "")
    team = web.room.team_for(code) if 16 <= len(code) <= 64 else None
    if team is None:
        web.limiter.wrong_code(client)
        return refusal(web, 404, Words("web.refused.no_such_code"), "/")
    return team


def _context(web: Web, team: str, **extra: Any) -> SeatContext:
    place = web.room.places[team]
    return SeatContext(place.code, web.seat_token(team), place.lang or web.lang,
                       ended_workshop=web.room.ended,
                       forecasts_hidden=web.room.workshop.file.options.hide_forecasts, **extra)


def _render_seat(web: Web, team: str, **extra: Any) -> str:
    def work(place: Any, seat: Any) -> str:
        ctx = _context(web, team, **extra)
        if place.message is not None:
            ctx.message = (ctx.message + " " if ctx.message else "") + place.message.say(ctx.lang)
            place.message = None
        ctx.seconds_left = web.room.seconds_left(place, seat)
        return seat_page(seat, ctx)

    return web.room.with_seat(team, work)


async def seat_get(request: Request) -> Response:
    web: Web = request.app.state.web
    team = _team(web, request)
    if isinstance(team, Response):
        return team

    found: list[tuple[Moment, Question | None]] = []

    def work() -> Response:
        html = _render_seat(web, team)
        found.append(web.room.opening_question(team))  # in the same trip to a worker thread
        return HTMLResponse(html)

    page = await _answer(web, team, work)
    if found:
        _offer(web, team, *found[0])
    return page


async def _answer(web: Web, team: str | None, work: Callable[[], Response]) -> Response:
    """Run ``work`` in a worker thread; a refusal or a bad form becomes its page."""
    back = f"/t/{web.room.places[team].code}/" if team else None
    lang = (web.room.places[team].lang or web.lang) if team else web.lang
    try:
        return await run_in_threadpool(work)
    except Refused as exc:
        return refusal(web, exc.status, exc.reason, back, lang)
    except BadForm as exc:
        return refusal(web, exc.status, exc.reason, back, lang)


def _decisions(web: Web, team: str, form: Form) -> list[Decision]:
    """The ticked options, each one the scenario knows (400 for any other; whether it can be taken
    this turn is the move's to say)."""
    picks = form.picks("pick")
    if len(picks) > 60:
        raise BadForm(Words("web.form.too_many"))

    def known(place: Any, seat: Any) -> list[tuple[str, str | None]]:
        return [(o.action, o.target) for o in seat.session.engine.options]

    offered = set(web.room.with_seat(team, known))
    out = []
    for action, target in picks:
        if (action, target) not in offered:
            shown = f"{action}:{target}" if target else action
            raise BadForm(Words("web.form.unknown_option", value=shown))
        out.append(Decision(action, target))
    return out


async def seat_post(request: Request) -> Response:
    web: Web = request.app.state.web
    team = _team(web, request)
    if isinstance(team, Response):
        return team
    what = request.path_params["action"]
    back = f"/t/{web.room.places[team].code}/"
    lang = web.room.places[team].lang or web.lang
    try:
        form = await checked_form(web, request, web.seat_token(team))
        room = web.room
        if what == "play":
            await run_in_threadpool(lambda: room.play(team, _decisions(web, team, form)))
        elif what == "forecast":
            decisions, own, opening = await run_in_threadpool(_plan_questions, web, team, form)
            plan, nothing = await _forecast(web, team, _sooner(web, own, opening))
            picks = {(d.action, d.target) for d in decisions}
            html = await run_in_threadpool(partial(_render_seat, web, team, picks=picks, forecast=(plan, nothing)))
            return HTMLResponse(html)
        elif what == "choose":
            index = form.number("choice", 0, 50)
            await run_in_threadpool(room.choose, team, index)
        elif what == "forecast-choices":
            choices = await _forecast(web, team, await run_in_threadpool(room.choice_question, team))
            html = await run_in_threadpool(partial(_render_seat, web, team, choice_forecasts=choices))
            return HTMLResponse(html)
        elif what == "predict":
            guess = GUESSES[form.choice("guess", tuple(GUESSES))]
            await run_in_threadpool(room.predict, team, guess)
        elif what == "word":
            word = form.one("word")
            if not await run_in_threadpool(room.release_with_word, team, word):
                html = await run_in_threadpool(partial(_render_seat, web, team,
                                                       message=translate(lang, "text.team.wrong_word")))
                return HTMLResponse(html, status_code=400)
        elif what == "lang":
            chosen = form.choice("lang", LANGUAGES)
            await run_in_threadpool(room.set_language, team, chosen)
        else:
            return refusal(web, 404, Words("web.refused.no_such_action", action=what[:40]), back, lang)
    except Refused as exc:
        return refusal(web, exc.status, exc.reason, back, lang)
    except BadForm as exc:
        return refusal(web, exc.status, exc.reason, back, lang)
    except OSError as exc:
        return refusal(web, 500, Words("web.refused.unwritable", detail=exc.strerror or str(exc)), back, lang)
    return RedirectResponse(back, status_code=303, background=BackgroundTask(_prefetch, web, team))


def _plan_questions(web: Web, team: str, form: Form) -> tuple[list[Decision], Question, Question | None]:
    """The ticked plan, and the questions that forecast it (:meth:`Room.plan_question`)."""
    decisions = _decisions(web, team, form)
    return decisions, *web.room.plan_question(team, decisions)


def _moved(web: Web, team: str, moment: Moment) -> bool:
    """Note where ``team``'s game is; once it has moved, forget its questions of the moment before
    (those no other team still needs). False when ``moment`` is already behind."""
    before, keys = web.asked.get(team, ((-1, -1, -1), set()))
    if moment < before:
        return False
    if moment > before:
        web.asked[team] = (moment, set())
        needed = {key for other, (_, held) in web.asked.items() if other != team for key in held}
        for key in keys - needed:
            web.forecasts.forget(key)
    return True


def _ask(web: Web, team: str, question: Question) -> concurrent.futures.Future[list[Forecast]]:
    """Put ``question`` to the forecast workers for ``team`` (kept while the team's game stays where it is)."""
    if _moved(web, team, question.moment):
        web.asked[team][1].add(question.key)
    return web.forecasts.ask(question.key, forecasting.answer, question.request)


async def _prefetch(web: Web, team: str) -> None:
    """After a team's move (once the answer is sent): :func:`_offer`."""
    try:
        moment, question = await run_in_threadpool(web.room.opening_question, team)
    except Refused:
        return
    _offer(web, team, moment, question)


def _offer(web: Web, team: str, moment: Moment, question: Question | None) -> None:
    """Forget the team's questions of its earlier moves, and offer the workers the question worth
    asking ahead of time (:meth:`Room.opening_question`), worked out now if a worker is idle."""
    if (_moved(web, team, moment) and question is not None
            and web.forecasts.ask_ahead(question.key, forecasting.answer, question.request)):
        web.asked[team][1].add(question.key)


def _sooner(web: Web, own: Question, opening: Question | None) -> Question:
    """The opening's forecasts when they are ready or being worked out (every team waits for the
    one answer), else the plan's own question."""
    return opening if opening is not None and web.forecasts.started(opening.key) else own


async def _forecast(web: Web, team: str, question: Question) -> list[Forecast]:
    """The forecasts ``question`` picks from its answer, worked out now or found ready."""
    future = _ask(web, team, question)
    try:
        found = await asyncio.shield(asyncio.wrap_future(future))  # a request given up leaves it to others
    except asyncio.CancelledError:
        if future.cancelled():  # forgotten: the team moved on meanwhile (in another window of its seat)
            raise Refused(409, Words("web.refused.moved_on")) from None
        raise
    return [found[i] for i in question.picks]


async def seat_status(request: Request) -> Response:
    web: Web = request.app.state.web
    team = _team(web, request)
    if isinstance(team, Response):
        return team
    from game.web.seat_pages import stamp_of

    def work() -> Response:
        return JSONResponse({"stamp": web.room.with_seat(team, lambda _p, seat: stamp_of(seat, web.room.ended))})

    return await _answer(web, team, work)


async def seat_whatif(request: Request) -> Response:
    web: Web = request.app.state.web
    team = _team(web, request)
    if isinstance(team, Response):
        return team

    def work() -> Response:
        from game.analysis.counterfactual import what_if

        def build(place: Any, seat: Any) -> str:
            s = seat.session
            if not s.is_over:
                raise Refused(409, Words("web.refused.not_over"))
            key = (team, len(s.log))
            found = web.whatifs.get(key)
            if found is None:
                found = web.whatifs[key] = what_if(s.scenario, s.seed, s.log, s.score)
            return whatif_page(seat, _context(web, team), found)

        return HTMLResponse(web.room.with_seat(team, build))

    return await _answer(web, team, work)


# ---------------------------------------------------------------------- the console


def _facilitator(web: Web, request: Request) -> Response | None:
    """None when the path carries the facilitator's secret, else the page that refuses (as for a team)."""
    client = request.client.host if request.client else "?"
    if web.limiter.blocked(client):
        return refusal(web, 429, Words("web.refused.too_many_codes"))
    if not web.room.is_facilitator(request.path_params.get("secret", "")):
        web.limiter.wrong_code(client)
        return refusal(web, 404, Words("web.refused.no_such_code"), "/")
    return None


def _console_context(web: Web, message: str = "") -> ConsoleContext:
    return ConsoleContext(web.room.access.facilitator, web.console_token(), web.lang, web.links(), message)


async def console_get(request: Request) -> Response:
    web: Web = request.app.state.web
    refused = _facilitator(web, request)
    if refused is not None:
        return refused
    note = request.query_params.get("note", "")
    message = translate(web.lang, f"web.console.note.{note}") if note in NOTES else ""
    return await _answer(web, None, lambda: HTMLResponse(console_page(web.room, _console_context(web, message))))


NOTES = ("released", "none_paused", "injected", "filled", "ended")


async def console_board(request: Request) -> Response:
    web: Web = request.app.state.web
    refused = _facilitator(web, request)
    if refused is not None:
        return refused
    return await _answer(web, None, lambda: HTMLResponse(board(web.room.standings(), _console_context(web), web.room.ended)))


async def console_post(request: Request) -> Response:
    web: Web = request.app.state.web
    refused = _facilitator(web, request)
    if refused is not None:
        return refused
    what = request.path_params["action"]
    room = web.room
    back = f"/f/{room.access.facilitator}/"
    note = ""
    try:
        form = await checked_form(web, request, web.console_token())
        if what == "release":
            team = form.one("team")
            teams = list(room.places) if team == "*" else [_known_team(room, team)]
            done = await run_in_threadpool(room.release, teams)
            note = "released" if done else "none_paused"
        elif what == "inject":
            event = form.ident("event")
            await run_in_threadpool(room.inject, event)
            note = "injected"
        elif what == "fill":
            team = _known_team(room, form.one("team"))
            policy = form.choice("policy", POLICIES)
            await run_in_threadpool(room.fill, team, policy)
            note = "filled"
        elif what == "end":
            await run_in_threadpool(room.end)
            await run_in_threadpool(_write_report, web)
            note = "ended"
        else:
            return refusal(web, 404, Words("web.refused.no_such_action", action=what[:40]), back)
    except Refused as exc:
        return refusal(web, exc.status, exc.reason, back)
    except BadForm as exc:
        return refusal(web, exc.status, exc.reason, back)
    except WorkshopError as exc:
        return refusal(web, 409, "; ".join(say_problem(p, web.lang) for p in exc.problems), back)
    except OSError as exc:
        return refusal(web, 500, Words("web.refused.unwritable", detail=exc.strerror or str(exc)), back)
    return RedirectResponse(f"{back}?note={note}", status_code=303)


def _known_team(room: Room, team: str) -> str:
    if team not in room.places:
        raise BadForm(Words("web.form.unknown_team", team=team[:40]))
    return team


def _write_report(web: Web) -> tuple[bytes, bytes]:
    from game.workshop.report import write

    html_path, csv_path, _ = write(web.room.workshop, None, web.lang)
    return html_path.read_bytes(), csv_path.read_bytes()


REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


async def console_report(request: Request) -> Response:
    web: Web = request.app.state.web
    refused = _facilitator(web, request)
    if refused is not None:
        return refused
    name = request.path_params["name"]
    if name not in ("report.html", "results.csv"):
        return refusal(web, 404, Words("web.refused.not_found"))
    try:
        page, csv = await run_in_threadpool(_write_report, web)
    except OSError as exc:
        return refusal(web, 500, Words("web.refused.unwritable", detail=exc.strerror or str(exc)))
    if name == "report.html":
        return Response(page, media_type="text/html; charset=utf-8", headers={
            "content-disposition": 'attachment; filename="report.html"', "content-security-policy": REPORT_CSP})
    return Response(csv, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="results.csv"'})


# ---------------------------------------------------------------------- the rest


async def home(request: Request) -> Response:
    web: Web = request.app.state.web
    from game.workshop.words import workshop_title

    return HTMLResponse(landing(web.lang, workshop_title(web.room.workshop, web.lang)))


async def join(request: Request) -> Response:
    web: Web = request.app.state.web
    code = request.query_params.get("code", "").strip()
    client = request.client.host if request.client else "?"
    if web.limiter.blocked(client):
        return refusal(web, 429, Words("web.refused.too_many_codes"))
    team = web.room.team_for(code) if 16 <= len(code) <= 64 else None
    if team is None:
        web.limiter.wrong_code(client)
        return refusal(web, 404, Words("web.refused.no_such_code"), "/")
    return RedirectResponse(f"/t/{web.room.places[team].code}/", status_code=303)


async def static(request: Request) -> Response:
    web: Web = request.app.state.web
    name = request.path_params["name"]
    data = web.static.get(name)
    if data is None:
        return refusal(web, 404, Words("web.refused.not_found"))
    return Response(data, media_type=STATIC_TYPES[name])


async def not_found(request: Request, exc: Exception) -> Response:
    web: Web = request.app.state.web
    return refusal(web, 404, Words("web.refused.not_found"))


async def not_allowed(request: Request, exc: Exception) -> Response:
    web: Web = request.app.state.web
    return PlainTextResponse(translate(web.lang, "web.refused.method"), status_code=405)


async def failed(request: Request, exc: Exception) -> Response:
    web: Web = request.app.state.web
    return PlainTextResponse(translate(web.lang, "web.refused.failed"), status_code=500)


def make_app(web: Web) -> Any:
    """The ASGI app: the routes behind the guard (size limit, rate limits, security headers)."""
    routes = [
        Route("/", home, methods=["GET"]),
        Route("/join", join, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/t/{code}/", seat_get, methods=["GET"]),
        Route("/t/{code}/status", seat_status, methods=["GET"]),
        Route("/t/{code}/whatif", seat_whatif, methods=["GET"]),
        Route("/t/{code}/{action}", seat_post, methods=["POST"]),
        Route("/f/{secret}/", console_get, methods=["GET"]),
        Route("/f/{secret}/board", console_board, methods=["GET"]),
        Route("/f/{secret}/{name:str}", console_report, methods=["GET"]),
        Route("/f/{secret}/{action}", console_post, methods=["POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed, 500: failed, Exception: failed})
    app.state.web = web
    return Guard(app, web.limiter, lambda key: translate(web.lang, key))
