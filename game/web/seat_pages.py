"""A team's seat as web pages: briefing, turn, event, prediction, pause, debrief and "What if".

:func:`seat_page` picks the screen from where the game is, exactly as the terminal seat does:
a discussion pause first, then the debrief once the game is over, an event waiting for an answer,
the prediction before a decision, and the turn itself. Every control is a real form button or
check box, so the whole game plays from the keyboard and without script.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.analysis.counterfactual import WhatIf
from game.i18n import LANGUAGES, translate, translate_count
from game.i18n.numbers import number, percent
from game.pages.style import esc
from game.session import OptionView, Session
from game.session.amounts import MINUS, change, metric_value, reason_digits, signed_points
from game.session.views import LIKELY_BLOCK, Reason
from game.session.wording import decisions_words
from game.sim.forecast import Forecast
from game.web import svg_map
from game.web.page import frame
from game.workshop.seat import TeamSeat

YOU = ' class="you"'
POLICIES = ("partner", "force", "balanced", "random", "greedy")


@dataclass
class SeatContext:
    """What a seat page needs besides the game: its address, form token, language and extras."""

    code: str
    csrf: str
    lang: str
    seconds_left: float | None = None
    message: str = ""
    ended_workshop: bool = False
    picks: set[tuple[str, str | None]] = field(default_factory=set)
    forecast: tuple[Forecast, Forecast] | None = None
    choice_forecasts: list[Forecast] | None = None
    forecasts_hidden: bool = False

    def tr(self, key: str, **fields: object) -> str:
        return translate(self.lang, key, **fields)

    @property
    def base(self) -> str:
        return f"/t/{self.code}/"


def _form(ctx: SeatContext, action: str, inner: str, cls: str = "") -> str:
    return (f'<form method="post" action="{ctx.base}{action}" class="{cls}">'
            f'<input type="hidden" name="csrf" value="{esc(ctx.csrf)}">{inner}</form>')


def _header(ctx: SeatContext, seat: TeamSeat) -> str:
    s = seat.session
    view = s.view()
    turn = view.date_label or ctx.tr("web.seat.turn", label=view.turn_label, turn=view.turn, turns=view.turns)
    langs = "".join(
        f'<option value="{code}"{" selected" if code == ctx.lang else ""}>{esc(translate(code, "web.language_name"))}</option>'
        for code in LANGUAGES)
    switch = _form(ctx, "lang", f'<label for="lang">{esc(ctx.tr("web.language"))}</label>'
                   f'<select id="lang" name="lang">{langs}</select>'
                   f'<button type="submit" class="small">{esc(ctx.tr("web.language_change"))}</button>', "lang")
    return (f'<header class="top"><div><h1>{esc(s.title)}</h1>'
            f'<p class="muted">{esc(ctx.tr("web.seat.team", team=seat.team))} · {esc(turn)}</p></div>'
            f"{switch}</header>")


def _notice(ctx: SeatContext) -> str:
    if not ctx.message:
        return ""
    return f'<p class="notice" role="alert">{esc(ctx.message)}</p>'


def seat_page(seat: TeamSeat, ctx: SeatContext) -> str:
    """The page for where the team's game is now."""
    s = seat.session
    parts = [_header(ctx, seat), _notice(ctx)]
    refresh = None
    pause = seat.pending_pause()
    if pause is not None:
        parts.append(_pause(seat, ctx, pause.prompt, pause.after_turn))
        refresh = 5
    elif s.is_over:
        parts.append(_debrief(seat, ctx))
    elif ctx.ended_workshop:
        parts.append(f'<section class="card"><h2>{esc(ctx.tr("web.seat.workshop_ended"))}</h2>'
                     f'<p>{esc(ctx.tr("web.seat.workshop_ended_text"))}</p></section>')
        parts.append(_situation(seat, ctx))
    elif s.pending_event() is not None:
        parts.append(_event(seat, ctx))
        parts.append(_situation(seat, ctx))
    elif seat.prediction_due():
        parts.append(_predict(seat, ctx))
        parts.append(_situation(seat, ctx))
    else:
        parts.append(_turn(seat, ctx))
    title = f"{s.title} · {seat.team}"
    stamp = f'<div id="stamp" data-status="{ctx.base}status" data-stamp="{esc(stamp_of(seat, ctx.ended_workshop))}"></div>'
    return frame(title, "".join(parts) + stamp, ctx.lang, refresh=refresh)


def stamp_of(seat: TeamSeat, ended: bool) -> str:
    """What changes when the seat's page would change without the team doing anything (a pause
    released by the facilitator, the workshop ended, an inject)."""
    s = seat.session
    pause = seat.pending_pause()
    return f"{len(s.log)}.{sum(len(t.choices) for t in s.log)}.{int(pause is not None)}.{int(ended)}.{len(seat.released)}"


# ---------------------------------------------------------------------- the situation


def _why_feed(seat: TeamSeat, ctx: SeatContext) -> str:
    """What the last turn did and why numbers moved: the team's own moves first, then the model."""
    s = seat.session
    if not s.history:
        return ""
    record = s.history[-1]
    label = s.view().turn_label
    items = []
    if record.decisions:
        items.append(ctx.tr("web.why.chose", actions=", ".join(s.label(d) for d in record.decisions)))
    else:
        items.append(ctx.tr("web.why.no_action"))
    if record.turn in seat.timeouts:
        items.append(ctx.tr("web.seat.time_up"))
    titles = {e.id: e.title for e in s.scenario.events}
    for event_id in record.events:
        items.append(ctx.tr("web.why.event", title=s.names.text(titles.get(event_id, event_id))))
    names = {st.id: st.name for st in s.view().stakeholders}
    if record.blocked:
        items.append(ctx.tr("web.why.blocked", names=", ".join(names.get(b, b) for b in record.blocked)))
    ranked = sorted((r for r in record.reasons if r.significant), key=lambda r: r.size, reverse=True)
    mine = [r for r in ranked if r.from_decision][:8]
    other = [r for r in ranked if not r.from_decision][:6]
    lists = "".join(f"<li>{esc(i)}</li>" for i in items)
    out = [f'<section class="card why" aria-labelledby="why-h"><h2 id="why-h">'
           f'{esc(ctx.tr("web.why.title", label=label, turn=record.turn))}</h2><ul>{lists}</ul>']
    if mine:
        out.append(f"<h3>{esc(ctx.tr('web.why.mine'))}</h3><ul>" + "".join(f"<li>{esc(reason_text(r, ctx.lang))}</li>" for r in mine) + "</ul>")
    if other:
        out.append(f"<h3>{esc(ctx.tr('web.why.other'))}</h3><ul>" + "".join(f"<li>{esc(reason_text(r, ctx.lang))}</li>" for r in other) + "</ul>")
    out.append("</section>")
    return "".join(out)


def reason_text(r: Reason, lang: str) -> str:
    """One reason in words: ``GP federation trust +6 pts (Invest in partnership)``."""
    if r.quantity == "metric":
        return translate(lang, "text.reason.metric", name=r.subject_name,
                         amount=change(r.delta, r.unit, reason_digits(r.delta, r.size)), cause=r.cause)
    if r.quantity == "progress":
        return translate(lang, "text.reason.progress", name=r.subject_name, amount=signed_points(r.delta), cause=r.cause)
    key = f"quantity.{r.quantity}"
    quantity = translate(lang, key)
    return translate(lang, "reason.other", name=r.subject_name, quantity=r.quantity if quantity == key else quantity,
                     amount=signed_points(r.delta), cause=r.cause)


def _situation(seat: TeamSeat, ctx: SeatContext) -> str:
    s = seat.session
    view = s.view()
    legend = " · ".join(esc(ctx.tr(k)) for k in ("map.legend.ring", "map.legend.supports", "map.legend.opposes",
                                                   "map.legend.rivals", "map.legend.blocked"))
    rows = []
    for st in sorted(view.stakeholders, key=lambda v: -v.power):
        marks = []
        if st.blocked:
            marks.append(ctx.tr("web.map.blocking"))
        if st.red_line == "holds":
            marks.append(ctx.tr("web.map.red_line_holds"))
        rows.append(f"<tr><th scope=\"row\">{esc(st.name)}</th><td class=\"n\">{esc(percent(st.power, ctx.lang))}</td>"
                    f"<td class=\"n\">{esc(percent(st.trust, ctx.lang))}</td><td class=\"n\">{esc(percent(st.support, ctx.lang))}</td>"
                    f"<td>{esc(' · '.join(marks))}</td></tr>")
    table = (f'<table class="people"><thead><tr><th>{esc(ctx.tr("html.stakeholder"))}</th><th class="n">{esc(ctx.tr("web.power"))}</th>'
             f'<th class="n">{esc(ctx.tr("quantity.trust"))}</th><th class="n">{esc(ctx.tr("quantity.support"))}</th><th></th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    metrics = "".join(
        f'<li><span>{esc(m.name)}</span> <strong>{esc(metric_value(m))}</strong> '
        f'<span class="muted">{esc(ctx.tr("web.target", value=metric_value(m, m.target)))}</span></li>'
        for m in view.metrics)
    programmes = "".join(
        f'<li><label for="p-{esc(p.id)}">{esc(p.name)}</label> <meter id="p-{esc(p.id)}" min="0" max="1" value="{p.progress:.3f}">'
        f'{esc(percent(p.progress, ctx.lang))}</meter> {esc(percent(p.progress, ctx.lang))}</li>'
        for p in view.programmes)
    return (f'<section class="card map-card" aria-labelledby="map-h"><h2 id="map-h">{esc(ctx.tr("web.map.title"))}</h2>'
            f"{svg_map.render(view.stakeholders, s.scenario.influence, ctx.lang)}"
            f'<p class="legend muted">{legend}</p>'
            f'<details><summary>{esc(ctx.tr("web.map.table"))}</summary>{table}</details></section>'
            f'<section class="card numbers"><h2>{esc(ctx.tr("web.system"))}</h2><ul class="metrics">{metrics}</ul>'
            f'<h2>{esc(ctx.tr("web.programmes"))}</h2><ul class="programmes">{programmes}</ul>'
            f'<p>{esc(ctx.tr("web.score", score=number(s.score, ctx.lang, 0)))}</p></section>')


# ---------------------------------------------------------------------- screens


def _pause(seat: TeamSeat, ctx: SeatContext, prompt: str, after: int) -> str:
    label = seat.session.view().turn_label.lower()
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in prompt.split("\n") if p.strip())
    word = _form(ctx, "word", f'<label for="word">{esc(ctx.tr("web.pause.word"))}</label>'
                 '<input id="word" name="word" autocomplete="off" maxlength="60">'
                 f'<button type="submit">{esc(ctx.tr("web.pause.carry_on"))}</button>', "inline")
    return (f'<section class="card pause" aria-live="polite"><h2>{esc(ctx.tr("text.team.pause", turn_word=label, turn=after))}</h2>'
            f"{paragraphs}<p class=\"muted\">{esc(ctx.tr('web.pause.waiting'))}</p>{word}</section>")


def _predict(seat: TeamSeat, ctx: SeatContext) -> str:
    s = seat.session
    who = s.names.stakeholders.get(seat.predict_stakeholder, seat.predict_stakeholder)
    question = ctx.tr("text.team.predict_question", name=who, turn_word=s.view().turn_label.lower())
    buttons = "".join(f'<button type="submit" name="guess" value="{g}">{esc(ctx.tr(f"web.predict.{g}"))}</button>'
                      for g in ("up", "same", "down"))
    return f'<section class="card predict"><h2>{esc(ctx.tr("web.predict.title"))}</h2><p>{esc(question)}</p>{_form(ctx, "predict", buttons, "choices")}</section>'


def _event(seat: TeamSeat, ctx: SeatContext) -> str:
    s = seat.session
    event = s.pending_event()
    assert event is not None
    rows = []
    for choice in event.choices:
        stance = f' <span class="stance {choice.stance}">{esc(ctx.tr(f"web.stance.{choice.stance}"))}</span>' if choice.stance != "neutral" else ""
        fc = ""
        if ctx.choice_forecasts is not None:
            fc = f'<p class="forecast-line">{esc(forecast_words(s, ctx.choice_forecasts[choice.index], None, ctx.lang))}</p>'
        rows.append(f'<li><button type="submit" name="choice" value="{choice.index}">{esc(choice.text)}</button>{stance}{fc}</li>')
    ask = ""
    if not ctx.forecasts_hidden and ctx.choice_forecasts is None:
        ask = _form(ctx, "forecast-choices", f'<button type="submit" class="secondary">{esc(ctx.tr("web.event.forecast"))}</button>')
    text = "".join(f"<p>{esc(p)}</p>" for p in event.text.split("\n") if p.strip())
    answers = '<ol class="answers">' + "".join(rows) + "</ol>"
    return (f'<section class="card event"><h2>{esc(event.title)}</h2>{text}'
            f'{_form(ctx, "choose", answers)}{ask}</section>')


def forecast_words(s: Session, result: Forecast, baseline: Forecast | None, lang: str) -> str:
    """Success, partial and failure chances (with the change against doing nothing) and who may block."""
    out = result.outcomes
    text = translate(lang, "web.fc.chances", success=percent(out["success"], lang), partial=percent(out["partial"], lang),
                     failure=percent(out["failure"], lang))
    if baseline is not None:
        delta = round((out["success"] - baseline.outcomes["success"]) * 100)
        text += " " + (translate_count(lang, "web.fc.versus", abs(delta), delta=f"{delta:+d}".replace("-", MINUS)) if delta
                       else translate(lang, "web.fc.same"))
    text += "."
    names = {st.id: st.name for st in s.view().stakeholders}
    likely = sorted(((c, names.get(k, k)) for k, c in result.block_chance.items() if c >= LIKELY_BLOCK), reverse=True)[:3]
    if likely:
        text += " " + translate(lang, "web.fc.may_block", names=", ".join(f"{n} {percent(c, lang)}" for c, n in likely))
    return text


def _turn(seat: TeamSeat, ctx: SeatContext) -> str:
    s = seat.session
    parts = []
    if not s.history:
        briefing = "".join(f"<p>{esc(p)}</p>" for p in s.briefing.split("\n") if p.strip())
        parts.append(f'<section class="card briefing"><details open><summary><h2>{esc(ctx.tr("web.briefing"))}</h2></summary>'
                     f"{briefing}</details></section>")
    hint = s.view().hint
    if hint:
        parts.append(f'<p class="hint">{esc(hint)}</p>')
    parts.append('<div class="turn">')
    parts.append(f'<div class="side">{_actions(seat, ctx)}</div>')
    parts.append(f'<div class="main">{_why_feed(seat, ctx)}{_situation(seat, ctx)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _clock(ctx: SeatContext) -> str:
    if ctx.seconds_left is None:
        return ""
    left = int(ctx.seconds_left)
    shown = f"{left // 60}:{left % 60:02d}"
    return (f'<p class="clock" role="timer" data-seconds="{left}">'
            f'{esc(ctx.tr("web.clock", time=shown))}</p>')


def _actions(seat: TeamSeat, ctx: SeatContext) -> str:
    s = seat.session
    options = s.options()
    by_action: dict[str, list[OptionView]] = {}
    for o in options:
        by_action.setdefault(o.action, []).append(o)
    groups = []
    for opts in by_action.values():
        first = opts[0]
        boxes = []
        for o in opts:
            value = f"{o.action}:{o.target}" if o.target else o.action
            ident = "o-" + value.replace(":", "-")
            checked = " checked" if (o.action, o.target) in ctx.picks else ""
            disabled = "" if o.available else " disabled"
            why = f' <span class="why-not">{esc(o.why_not)}</span>' if not o.available and o.why_not else ""
            label = o.target_name if o.target else ctx.tr("web.take_action")
            boxes.append(f'<li><input type="checkbox" id="{esc(ident)}" name="pick" value="{esc(value)}"{checked}{disabled}>'
                         f'<label for="{esc(ident)}">{esc(label)}</label>{why}</li>')
        stance = f'<span class="stance {first.stance}">{esc(ctx.tr(f"web.stance.{first.stance}"))}</span>'
        cost = translate_count(ctx.lang, "web.cost", first.cost, cost=first.cost)
        groups.append(f'<fieldset class="action"><legend>{esc(first.name)} <span class="cost">{esc(cost)}</span> {stance}</legend>'
                      f'<p class="muted">{esc(first.description)}</p><ul>{"".join(boxes)}</ul></fieldset>')
    budget = translate_count(ctx.lang, "web.budget", s.budget, budget=s.budget)
    forecast = ""
    if ctx.forecast is not None:
        plan, nothing = ctx.forecast
        forecast = (f'<div class="forecast" role="status"><h3>{esc(ctx.tr("web.fc.title"))}</h3>'
                    f'<p>{esc(forecast_words(s, plan, nothing, ctx.lang))}</p>'
                    f'<p class="muted">{esc(translate_count(ctx.lang, "web.fc.method", plan.rollouts, runs=plan.rollouts))}</p></div>')
    buttons = [f'<button type="submit" formaction="{ctx.base}play" class="primary">{esc(ctx.tr("web.play"))}</button>']
    if not ctx.forecasts_hidden:
        buttons.insert(0, f'<button type="submit" formaction="{ctx.base}forecast" class="secondary">{esc(ctx.tr("web.forecast"))}</button>')
    controls = f'<div class="buttons">{"".join(buttons)}</div>'
    inner = (f'<h2>{esc(ctx.tr("web.actions"))}</h2>{_clock(ctx)}<p class="budget">{esc(budget)}</p>'
             + forecast + controls + "".join(groups) + controls)
    return _form(ctx, "play", inner, "actions")


# ---------------------------------------------------------------------- the debrief


def _debrief(seat: TeamSeat, ctx: SeatContext) -> str:
    s = seat.session
    ending = s.ending
    assert ending is not None
    counts = s.stance_counts()
    stance = ctx.tr("debrief.stance.tip",
                    partner=translate_count(ctx.lang, "count.partner_moves", counts.partner, n=counts.partner),
                    push=translate_count(ctx.lang, "count.pushes", counts.push, n=counts.push),
                    neutral=translate_count(ctx.lang, "count.neutral", counts.neutral, n=counts.neutral))
    score = ctx.tr("debrief.score.value", score=number(ending.score, ctx.lang, 0))
    parts = [f'<section class="card ending"><h2>{esc(ending.title)}</h2>'
             f'<p><strong>{esc(ctx.tr(f"outcome.{ending.outcome}"))}</strong> · {esc(ctx.tr("debrief.score"))} {esc(score)}</p>'
             + "".join(f"<p>{esc(p)}</p>" for p in ending.text.split("\n") if p.strip())
             + f"<p>{esc(stance)}</p>"
             + f'<p><a class="button" href="{ctx.base}whatif">{esc(ctx.tr("debrief.page.whatif"))}</a></p></section>']
    start = {st.id: st for st in s.scenario.stakeholders}
    rows = "".join(
        f"<tr><th scope=\"row\">{esc(v.name)}</th><td class=\"n\">{esc(percent(start[v.id].trust, ctx.lang))}</td>"
        f"<td class=\"n\">{esc(percent(v.trust, ctx.lang))}</td><td class=\"n\">{esc(percent(start[v.id].support, ctx.lang))}</td>"
        f"<td class=\"n\">{esc(percent(v.support, ctx.lang))}</td></tr>"
        for v in sorted(s.view().stakeholders, key=lambda v: -v.power))
    heads = "".join(f'<th class="n">{esc(ctx.tr(k))}</th>' for k in ("html.trust_start", "html.trust_end",
                                                                      "html.support_start", "html.support_end"))
    parts.append(f'<section class="card"><h2>{esc(ctx.tr("debrief.relationships"))}</h2><table><thead><tr>'
                 f'<th>{esc(ctx.tr("html.stakeholder"))}</th>{heads}</tr></thead><tbody>{rows}</tbody></table></section>')
    label = s.view().turn_label
    timeline = "".join(
        f"<tr><th scope=\"row\">{esc(label)} {r.turn}</th><td>{esc(decisions_words(s.names, r.decisions, ctx.lang))}</td>"
        f"<td class=\"n\">{esc(number(r.after.score, ctx.lang, 0))}</td></tr>" for r in s.history)
    parts.append(f'<section class="card"><h2>{esc(ctx.tr("debrief.timeline"))}</h2><table><thead><tr><th>{esc(label)}</th>'
                 f'<th>{esc(ctx.tr("html.decisions"))}</th><th class="n">{esc(ctx.tr("debrief.score"))}</th></tr></thead>'
                 f"<tbody>{timeline}</tbody></table></section>")
    questions = "".join(f"<li>{esc(q)}</li>" for q in s.questions)
    parts.append(f'<section class="card"><h2>{esc(ctx.tr("debrief.questions"))}</h2><ol>{questions}</ol></section>')
    return "".join(parts)


def whatif_page(seat: TeamSeat, ctx: SeatContext, found: WhatIf) -> str:
    """The debrief's "What if": the built-in styles on the team's luck, and the turn that mattered most."""
    s = seat.session
    ending = s.ending
    games: list[tuple[str, float, str, bool]] = [(ctx.tr("whatif.you"), found.actual_score, ending.outcome if ending else "", True)]
    games += [(ctx.tr(f"policy.{g.policy}") if g.policy in POLICIES else g.policy, g.score, g.outcome, False)
              for g in found.policies]
    games.sort(key=lambda g: -g[1])
    rows = "".join(
        f'<tr{YOU if mine else ""}><th scope="row">{esc(name)}</th><td class="n">{esc(number(score, ctx.lang, 0))}</td>'
        f"<td>{esc(ctx.tr(f'outcome.{outcome}') if outcome else '')}</td></tr>" for name, score, outcome, mine in games)
    parts = [_header(ctx, seat),
             f'<section class="card"><h2>{esc(ctx.tr("whatif.styles"))}</h2>'
             f'<p class="muted">{esc(ctx.tr("whatif.styles_intro", seed=found.seed))}</p>'
             f'<table><thead><tr><th>{esc(ctx.tr("html.style"))}</th><th class="n">{esc(ctx.tr("debrief.score"))}</th>'
             f'<th>{esc(ctx.tr("debrief.outcome"))}</th></tr></thead><tbody>{rows}</tbody></table></section>']
    turning = found.pivotal
    label = s.view().turn_label
    if turning is not None:
        if turning.delta > 0.5:
            verdict = ctx.tr("whatif.verdict_other")
        elif turning.delta < -0.5:
            verdict = ctx.tr("whatif.verdict_yours")
        else:
            verdict = ctx.tr("whatif.verdict_same")
        signed = number(turning.delta, ctx.lang, 0, signed=True)
        sentence = ctx.tr(
            "whatif.pivotal", label=label, turn=turning.turn, lean=ctx.tr(f"whatif.lean.{turning.stance}"),
            did=decisions_words(s.names, turning.decisions, ctx.lang), instead=ctx.tr(f"whatif.instead.{turning.instead}"),
            alternative=decisions_words(s.names, turning.alternative, ctx.lang),
            flipped=number(turning.flipped_score, ctx.lang, 0), actual=number(turning.actual_score, ctx.lang, 0),
            delta=translate_count(ctx.lang, "count.points", signed, n=signed),
            outcome=ctx.tr(f"outcome.{turning.flipped_outcome}").lower())
        parts.append(f'<section class="card"><h2>{esc(ctx.tr("whatif.pivotal_heading"))}</h2>'
                     f'<p>{esc(ctx.tr("whatif.pivotal_verdict", sentence=sentence, verdict=verdict))}</p></section>')
    elif not found.turnings:
        parts.append(f'<section class="card"><p>{esc(ctx.tr("whatif.no_turns"))}</p></section>')
    if found.turnings:
        items = "".join(
            f"<li>{esc(translate_count(ctx.lang, 'whatif.delta_item', abs(round(t.delta)), label=label, turn=t.turn, lean=ctx.tr(f'whatif.lean.{t.stance}'), delta=number(t.delta, ctx.lang, 0, signed=True)))}</li>"
            for t in found.turnings)
        parts.append(f'<section class="card"><h2>{esc(ctx.tr("whatif.deltas", label=label.lower()))}</h2><ul>{items}</ul></section>')
    parts.append(f'<p><a class="button" href="{ctx.base}">{esc(ctx.tr("web.back_debrief"))}</a></p>')
    return frame(ctx.tr("debrief.page.whatif"), "".join(parts), ctx.lang)
