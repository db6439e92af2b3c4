"""The facilitator's console: the live board and every control the facilitator has.

The board (:func:`board`) is also served on its own, so the console's script can refresh it every
few seconds without reloading the forms around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.i18n import translate, translate_count
from game.i18n.numbers import number
from game.pages.style import esc
from game.web.page import frame
from game.web.room import Room, Standing
from game.web.seat_pages import POLICIES


@dataclass
class ConsoleContext:
    secret: str
    csrf: str
    lang: str
    links: dict[str, str]  # team -> its join address
    message: str = ""

    def tr(self, key: str, **fields: object) -> str:
        return translate(self.lang, key, **fields)

    @property
    def base(self) -> str:
        return f"/f/{self.secret}/"


def _form(ctx: ConsoleContext, action: str, inner: str, cls: str = "inline") -> str:
    return (f'<form method="post" action="{ctx.base}{action}" class="{cls}">'
            f'<input type="hidden" name="csrf" value="{esc(ctx.csrf)}">{inner}</form>')


def board(rows: Sequence[Standing], ctx: ConsoleContext, ended: bool) -> str:
    """The live board: one row per team, with the control that fits where it is."""
    head = "".join(f"<th>{esc(ctx.tr(k))}</th>" for k in (
        "web.console.team", "web.console.status", "web.console.turn", "web.console.fingerprint",
        "debrief.score", "web.console.do"))
    body = []
    for r in rows:
        score = number(r.score, ctx.lang, 0) if r.score is not None else "—"
        status = ctx.tr(f"web.status.{r.status}")
        if r.status == "ended" and r.ending:
            status = ctx.tr("web.console.ended_as", status=status, ending=r.ending,
                            outcome=ctx.tr(f"outcome.{r.outcome}.short"))
        if r.policy:
            who = ctx.tr(f"policy.{r.policy}") if r.policy in POLICIES else r.policy
            status += " · " + ctx.tr("web.console.played_by", policy=who)
        if r.problem:
            status += f" — {r.problem}"
        total = r.partner + r.push
        share = r.push / total if total else 0.0
        fingerprint = (f'<meter min="0" max="1" value="{share:.2f}" title="{esc(ctx.tr("web.console.push_share"))}"></meter> '
                       f'{esc(translate_count(ctx.lang, "web.console.partner_moves", r.partner, n=r.partner))} · '
                       f'{esc(translate_count(ctx.lang, "web.console.push_moves", r.push, n=r.push))}')
        do = ""
        if not ended and r.status == "paused":
            do = _form(ctx, "release", f'<input type="hidden" name="team" value="{esc(r.team)}">'
                       f'<button type="submit">{esc(ctx.tr("web.console.release"))}</button>')
        elif not ended and r.status == "waiting":
            options = "".join(f'<option value="{p}">{esc(ctx.tr(f"policy.{p}"))}</option>' for p in POLICIES)
            ident = f"fill-{abs(hash(r.team)) % 10**8}"
            do = _form(ctx, "fill", f'<input type="hidden" name="team" value="{esc(r.team)}">'
                       f'<label for="{ident}" class="sr">{esc(ctx.tr("web.console.policy"))}</label>'
                       f'<select id="{ident}" name="policy">{options}</select>'
                       f'<button type="submit">{esc(ctx.tr("web.console.fill"))}</button>')
        turn = ctx.tr("web.console.turn_of", turn=r.turn, turns=r.turns) if r.status != "waiting" else "—"
        body.append(f'<tr class="status-{esc(r.status)}"><th scope="row">{esc(r.team)}</th><td>{esc(status)}</td>'
                    f"<td class=\"nowrap\">{esc(turn)}</td><td class=\"nowrap\">{fingerprint}</td><td class=\"n\">{esc(score)}</td><td>{do}</td></tr>")
    return f'<table class="board"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def console_page(room: Room, ctx: ConsoleContext) -> str:
    w = room.workshop
    rows = room.standings()
    title = ctx.tr("web.console.title", title=w.base_scenario.meta.id)
    parts = [f'<header class="top"><div><h1>{esc(title)}</h1>'
             f'<p class="muted">{esc(ctx.tr("web.console.sub", folder=w.folder.name, seed=w.seed))}</p></div></header>']
    if ctx.message:
        parts.append(f'<p class="notice" role="alert">{esc(ctx.message)}</p>')
    if room.ended:
        parts.append(f'<p class="notice">{esc(ctx.tr("web.console.ended"))}</p>')
    parts.append(f'<section class="card"><h2>{esc(ctx.tr("web.console.board"))}</h2>'
                 f'<div id="board" data-board="{ctx.base}board">{board(rows, ctx, room.ended)}</div>')
    if not room.ended:
        parts.append(_form(ctx, "release", f'<input type="hidden" name="team" value="*">'
                           f'<button type="submit">{esc(ctx.tr("web.console.release_all"))}</button>'))
    parts.append("</section>")
    if not room.ended:
        turn = room.inject_turn()
        events = "".join(f'<option value="{esc(e.id)}">{esc(room_text(room, e.title, ctx.lang))}</option>'
                         for e in w.base_scenario.events)
        if events and turn <= w.scenario.meta.turns:
            parts.append(f'<section class="card"><h2>{esc(ctx.tr("web.console.inject"))}</h2>'
                         f'<p class="muted">{esc(ctx.tr("web.console.inject_when", turn=turn))}</p>'
                         + _form(ctx, "inject", f'<label for="event">{esc(ctx.tr("web.console.event"))}</label>'
                                 f'<select id="event" name="event">{events}</select>'
                                 f'<button type="submit">{esc(ctx.tr("web.console.inject_now"))}</button>')
                         + "</section>")
    links = "".join(f'<li><strong>{esc(team)}</strong> <a href="{esc(url)}">{esc(url)}</a></li>' for team, url in ctx.links.items())
    parts.append(f'<section class="card"><h2>{esc(ctx.tr("web.console.addresses"))}</h2><ul class="links">{links}</ul></section>')
    report = (f'<p><a class="button" href="{ctx.base}report.html" download="report.html">{esc(ctx.tr("web.console.report_html"))}</a> '
              f'<a class="button" href="{ctx.base}results.csv" download="results.csv">{esc(ctx.tr("web.console.report_csv"))}</a></p>')
    end = "" if room.ended else _form(ctx, "end", f'<button type="submit" class="danger">{esc(ctx.tr("web.console.end"))}</button>')
    parts.append(f'<section class="card"><h2>{esc(ctx.tr("web.console.report"))}</h2>{report}'
                 f'<p class="muted">{esc(ctx.tr("web.console.end_about"))}</p>{end}</section>')
    return frame(title, "".join(parts), ctx.lang, refresh=None, classes="console")


def room_text(room: Room, text: str | dict[str, str], lang: str) -> str:
    from game.workshop.words import scenario_text

    return scenario_text(room.workshop, text, lang)
