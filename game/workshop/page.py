"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched.

Every piece of text that comes from a file (team names, scenario texts,
anything in a session) goes through :func:`~game.pages.style.esc`; the charts
are SVG that matplotlib has escaped. The page reads well on a projector and prints.
Its fixed words come from the i18n catalogue in the report's language
(:func:`_markup` fills a catalogue sentence with fields already escaped).
"""

from __future__ import annotations

from game.i18n import numbers, plural_form, translate_count
from game.pages.style import REPORT_CSS, esc
from game.scenario.schema import Question
from game.session.reflection import question_text
from game.workshop import charts
from game.workshop.report import Report, TeamReport, decision_words, weighted
from game.workshop.words import listed, workshop_title

# The page's lang attribute for each catalogue language.
HTML_LANG = {"en": "en-GB", "fr": "fr-FR"}


def _markup(report: Report, key: str, /, **fields: str) -> str:
    """A catalogue sentence as HTML: its own words escaped, ``fields`` (already HTML) filled in."""
    template = esc(report.t(key))
    try:
        return template.format_map(fields)
    except (KeyError, IndexError, ValueError):
        return template


def _outcome(report: Report, word: str) -> str:
    kind = word if word in ("success", "partial", "failure") else "playing"
    return f'<span class="outcome {kind}">{esc(report.outcome_word(word))}</span>'


def _swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{esc(colour)}"></span>'


def _notices(report: Report) -> str:
    c = report.collected
    parts = []
    if c.skipped:
        items = "".join(f"<li>{esc(s)}</li>" for s in c.skipped)
        parts.append(f'<div class="notice bad"><b>{esc(report.t("report.notice.skipped"))}</b><ul>{items}</ul></div>')
    flagged = [(t.team, f) for t in report.teams for f in t.result.flags]
    if flagged:
        items = "".join(f"<li>{_markup(report, 'report.notice.flag', team=f'<b>{esc(team)}</b>', flag=esc(flag))}</li>"
                        for team, flag in flagged)
        parts.append(f'<div class="notice"><b>{esc(report.t("report.notice.care"))}</b><ul>{items}</ul></div>')
    if c.missing:
        parts.append(f'<div class="notice">{_markup(report, "report.notice.missing", teams=esc(listed(c.missing, report.lang)))}</div>')
    playing = [t.team for t in report.teams if not t.result.ended]
    if playing:
        parts.append(f'<div class="notice">{_markup(report, "report.notice.playing", teams=esc(listed(playing, report.lang)))}</div>')
    return "".join(parts)


def _policy_label(report: Report, policy: str) -> str:
    """A built-in policy as a chart or table row: ``Always push (policy)``."""
    return report.t("report.policy_series", name=report.policy_name(policy))


def _results_table(report: Report) -> str:
    best = max(report.policies, key=lambda g: g.score, default=None)
    rows = []
    ranked = sorted(report.teams, key=lambda t: -t.result.score)
    for t in ranked:
        r = t.result
        c = r.stances
        vs = ""
        if best is not None and r.ended:
            vs = numbers.number(r.score - best.score, report.lang, 1, signed=True)
        rows.append(
            "<tr>"
            f"<td style='white-space:nowrap'>{_swatch(t.colour)}<b>{esc(t.team)}</b></td>"
            f"<td>{esc(t.ending_title)}</td><td>{_outcome(report, t.outcome)}</td>"
            f'<td class="num"><b>{esc(report.number(r.score))}</b></td>'
            f'<td class="num">{esc(vs)}</td>'
            f'<td class="num">{c.partner}</td><td class="num">{c.push}</td>'
            f'<td class="num">{esc(report.percent(r.push_share))}</td>'
            f'<td class="num">{len(r.session.history)}</td>'
            "</tr>"
        )
    versus = (report.t("report.col.vs_best_policy", policy=report.policy_name(best.policy)) if best
              else report.t("report.col.vs_best"))
    head = (f"<tr><th>{esc(report.t('report.col.team'))}</th><th>{esc(report.t('report.col.ending'))}</th>"
            f"<th>{esc(report.t('report.col.outcome'))}</th><th class='num'>{esc(report.t('report.col.score'))}</th>"
            f"<th class='num'>{esc(versus)}</th>"
            f"<th class='num'>{esc(report.t('report.col.partner_moves'))}</th>"
            f"<th class='num'>{esc(report.t('report.col.push_moves'))}</th>"
            f"<th class='num'>{esc(report.t('report.col.push_share'))}</th>"
            f"<th class='num'>{esc(report.t('report.col.turns'))}</th></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _figure(report: Report, heading: str, chart: str, caption: str, **fields: str) -> str:
    return (f"<h2>{esc(report.t(heading))}</h2>"
            f"<figure>{chart}<figcaption>{_markup(report, caption, **fields)}</figcaption></figure>")


def _charts(report: Report) -> str:
    w = report.workshop
    scenario = w.base_scenario
    lang = report.lang
    power = {s.id: s.power for s in scenario.stakeholders}
    turn_label = report.text(scenario.meta.turn_label)
    teams = report.teams
    policy_lines = [charts.Line(_policy_label(report, g.policy), g.scores, charts.POLICY_GREY,
                                charts.POLICY_DASHES[i % len(charts.POLICY_DASHES)])
                    for i, g in enumerate(report.policies)]
    score = charts.score_chart(
        [charts.Line(t.team, [p.score for p in t.result.trajectory], t.colour) for t in teams] + policy_lines,
        turn_label, lang=lang,
    )

    def lines(values: dict[str, list[float]]) -> list[charts.Line]:
        return [charts.Line(t.team, values[t.team], t.colour) for t in teams]

    trust = {t.team: weighted(t.result.trajectory, "trust", power) for t in teams}
    support = {t.team: weighted(t.result.trajectory, "support", power) for t in teams}
    zero_to_one = report.t("report.chart.zero_to_one")
    panels = [
        charts.Panel(report.t("report.chart.trust"), zero_to_one, lines(trust), (0, 1)),
        charts.Panel(report.t("report.chart.support"), zero_to_one, lines(support), (0, 1)),
    ]
    for programme in scenario.programmes:
        values = {t.team: [p.progress.get(programme.id, 0.0) * 100 for p in t.result.trajectory] for t in teams}
        panels.append(charts.Panel(report.t("report.chart.progress", name=report.text(programme.name)), "%",
                                   lines(values), (0, 100)))
    relations = charts.line_panels(panels, turn_label, columns=2 if len(panels) == 4 else 3, lang=lang)
    metric_panels = []
    for metric in scenario.metrics:
        values = {t.team: [p.metrics.get(metric.id, metric.initial) for p in t.result.trajectory] for t in teams}
        metric_panels.append(charts.Panel(report.text(metric.name), report.text(metric.unit), lines(values),
                                          target=metric.target))
    metrics = charts.line_panels(metric_panels, turn_label, lang=lang) if metric_panels else ""
    policy_rows = [(_policy_label(report, g.policy), g.partner, g.neutral, g.push) for g in report.policies]
    finger = charts.fingerprint_chart(
        [(t.team, t.result.stances.partner, t.result.stances.neutral, t.result.stances.push) for t in teams]
        + policy_rows, lang=lang,
    )
    out = [
        _figure(report, "report.scores", score, "report.scores.caption", seed=esc(w.seed)),
        _figure(report, "report.relationships", relations, "report.relationships.caption"),
    ]
    if metrics:
        out.append(_figure(report, "report.measures", metrics, "report.measures.caption"))
    out.append(_figure(report, "report.fingerprint", finger, "report.fingerprint.caption"))
    return "".join(out)


def _stance(report: Report, stance: str) -> str:
    """``partnership``, ``push`` or ``neither``: how a move leaned."""
    return report.t(f"report.stance.{stance}") if stance in ("partner", "push", "neutral") else stance


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _cell(report: Report, t: TeamReport, turn: int) -> str:
    cell = next((c for c in t.timeline if c.turn == turn), None)
    if cell is None:
        return "<td></td>"
    items = [f"<li>{esc(m)}</li>" for m in cell.moves] or [f"<li>{esc(report.t('timeline.no_action'))}</li>"]
    for title, choice, stance in cell.choices:
        items.append(f"<li class='choice' title='{esc(choice)}'><b>{esc(title)}</b>: <i>{esc(_short(choice))}</i> "
                     f"<span class='small'>({esc(_stance(report, stance))})</span></li>")
    if cell.blocked:
        items.append(f"<li class='small'>{esc(report.t('report.blocked_by', names=listed(cell.blocked, report.lang)))}</li>")
    if cell.timed_out:
        items.append(f"<li class='small'>{esc(report.t('report.timed_out'))}</li>")
    return f'<td class="{esc(cell.lean)}"><ul>{"".join(items)}</ul></td>'


def _timelines(report: Report) -> str:
    meta = report.workshop.base_scenario.meta
    label = report.text(meta.turn_label)
    played = max((len(t.timeline) for t in report.teams), default=0)
    head = "".join(f"<th>{_swatch(t.colour)}{esc(t.team)}</th>" for t in report.teams)
    rows = "".join(
        f"<tr><th class='turn'>{esc(report.t('report.turn', label=label, turn=turn))}</th>"
        f"{''.join(_cell(report, t, turn) for t in report.teams)}</tr>"
        for turn in range(1, played + 1)
    )
    return (f"<h2>{esc(report.t('report.timelines'))}</h2><p class='lead'>{esc(report.t('report.timelines.lead'))}</p>"
            f"<div class='scroll'><table class='timeline'><tr><th></th>{head}</tr>{rows}</table></div>")


def _turnings(report: Report) -> str:
    label = report.text(report.workshop.base_scenario.meta.turn_label).lower()
    out = [f"<h2>{esc(report.t('report.turnings'))}</h2>",
           f"<p class='lead'>{esc(report.t('report.turnings.lead'))}</p>"]
    for t in report.teams:
        turning = t.turning
        if turning is None:
            out.append(f'<div class="card" style="border-left-color:{esc(t.colour)}">'
                       f"{_markup(report, 'report.turning.unfinished', team=f'<b>{esc(t.team)}</b>')}</div>")
            continue
        gap = report.number(abs(turning.delta))
        difference = translate_count(report.lang, "report.turning.better" if turning.delta > 0 else "report.turning.worse", gap, points=gap)
        did = decision_words(turning.decisions, t.result, report.lang)
        alt = decision_words(turning.alternative, t.result, report.lang)
        verdict = report.t("report.turning.paid_off" if turning.delta < 0 else "report.turning.other_better")
        sentence = _markup(
            report, "report.turning",
            team=f"<b>{esc(t.team)}</b>", label=esc(label), turn=esc(turning.turn),
            did=f"<i>{esc(did)}</i>", stance=esc(_stance(report, turning.stance)),
            alternative=f"<i>{esc(alt)}</i>", instead=esc(_stance(report, turning.instead)),
            flipped=f"<b>{esc(report.number(turning.flipped_score))}</b>",
            actual=esc(report.number(turning.actual_score)), difference=esc(difference),
            outcome=esc(report.outcome_word(turning.flipped_outcome)),
        )
        out.append(f'<div class="card" style="border-left-color:{esc(t.colour)}">{sentence} {esc(verdict)}</div>')
    return "".join(out)


def _policies(report: Report) -> str:
    endings = {e.id: report.text(e.title) for e in report.workshop.scenario.endings}
    rows = "".join(
        f"<tr><td>{esc(report.policy_name(g.policy))}</td><td>{esc(endings.get(g.ending, g.ending))}</td>"
        f"<td>{_outcome(report, g.outcome)}</td>"
        f'<td class="num">{esc(report.number(g.score))}</td><td class="num">{g.partner}</td>'
        f'<td class="num">{g.push}</td></tr>'
        for g in sorted(report.policies, key=lambda g: -g.score)
    )
    notes = "".join(f"<li><b>{esc(report.policy_name(g.policy))}</b>: {esc(report.t(f'policy.{g.policy}.about'))}</li>"
                    for g in report.policies)
    total = len(report.policies)
    beat = "".join(
        "<li>" + _swatch(t.colour) + _markup(
            report, "report.beaten" if t.policies_beaten else "report.beaten_none",
            team=f"<b>{esc(t.team)}</b>",
            policies=esc(listed([report.policy_name(p) for p in t.policies_beaten], report.lang)),
            count=esc(len(t.policies_beaten)), total=esc(total),
        ) + "</li>"
        for t in report.teams if t.result.ended
    )
    return (f"<h2>{esc(report.t('report.policies'))}</h2>"
            f"<ul class='small'>{notes}</ul>"
            f"<table><tr><th>{esc(report.t('report.col.strategy'))}</th><th>{esc(report.t('report.col.ending'))}</th>"
            f"<th>{esc(report.t('report.col.outcome'))}</th><th class='num'>{esc(report.t('report.col.score'))}</th>"
            f"<th class='num'>{esc(report.t('report.col.partner_moves'))}</th>"
            f"<th class='num'>{esc(report.t('report.col.push_moves'))}</th></tr>{rows}</table>"
            f"<ul>{beat}</ul>")


def _calibration(report: Report) -> str:
    teams = [t for t in report.teams if t.calibration is not None]
    if not teams:
        return ""
    names = {s.id: report.text(s.name) for s in report.workshop.base_scenario.stakeholders}
    rows = []
    for t in teams:
        c = t.calibration
        assert c is not None
        rows.append(
            f"<tr><td>{_swatch(t.colour)}<b>{esc(t.team)}</b></td><td>{esc(names.get(c.stakeholder, c.stakeholder))}</td>"
            f'<td class="num">{esc(report.t("report.right_of", right=c.correct, total=c.predicted))}</td>'
            f'<td class="num">{esc(report.percent(c.rate))}</td>'
            f'<td class="num">{c.optimism}</td><td class="num">{c.pessimism}</td></tr>'
        )
    head = "".join(f"<th{' class=num' if i > 1 else ''}>{esc(report.t(key))}</th>" for i, key in enumerate((
        "report.col.team", "report.col.stakeholder", "report.col.right", "report.col.hit_rate",
        "report.col.too_hopeful", "report.col.too_gloomy")))
    return (f"<h2>{esc(report.t('report.calibration'))}</h2>"
            f"<p class='lead'>{esc(report.t('report.calibration.lead'))}</p>"
            f"<table><tr>{head}</tr>{''.join(rows)}</table>")


def _questions(report: Report) -> list[str]:
    """The debrief's questions as list items: first those asked only of some games, naming the
    teams whose finished game they fit (left out when none), then those asked of everyone."""
    fitted: list[str] = []
    always: list[str] = []
    asked = {t.team: t.result.session.asked_questions() for t in report.teams if t.result.ended}
    for i, question in enumerate(report.workshop.base_scenario.debrief.questions):
        if not isinstance(question, Question) or question.when is None:
            always.append(f"<li>{esc(report.text(question_text(question)))}</li>")
            continue
        teams = [team for team, indices in asked.items() if i in indices]
        if teams:
            fitted.append(f"<li>{esc(report.text(question.ask))} <span class='small'>"
                          f"{esc(report.t('report.question_for', teams=listed(teams, report.lang)))}</span></li>")
    return fitted + always


def _debrief(report: Report) -> str:
    d = report.workshop.base_scenario.debrief
    out = [f"<h2>{esc(report.t('report.debrief'))}</h2>"]
    if d.objectives:
        out.append(f"<h3>{esc(report.t('debrief.teaches'))}</h3><ul>"
                   + "".join(f"<li>{esc(report.text(o))}</li>" for o in d.objectives) + "</ul>")
    questions = _questions(report)
    if questions:
        out.append(f"<h3>{esc(report.t('report.questions'))}</h3><ol class='questions'>"
                   + "".join(questions) + "</ol>")
    pauses = report.workshop.pauses(report.lang)
    if pauses:
        label = report.text(report.workshop.base_scenario.meta.turn_label).lower()
        out.append(f"<h3>{esc(report.t('report.pauses'))}</h3><ul>"
                   + "".join(f"<li>{esc(report.t('report.pause', label=label, turn=p.after_turn, prompt=p.prompt))}</li>"
                             for p in pauses)
                   + "</ul>")
    notes = report.text(d.facilitator_notes)
    if notes:
        paras = "".join(f"<p>{esc(p)}</p>" for p in notes.split("\n\n") if p.strip())
        out.append(f"<h3>{esc(report.t('report.facilitator_notes'))}</h3>{paras}")
    return "".join(out)


def render(report: Report) -> str:
    w = report.workshop
    meta = w.base_scenario.meta
    label = report.text(meta.turn_label).lower()
    events = {e.id: report.text(e.title) for e in w.base_scenario.events}
    injects = ", ".join(report.t("report.inject", event=events.get(i.event, i.event), label=label, turn=i.turn)
                        for i in w.file.injects)
    count = len(report.teams)
    facts = [
        _markup(report, "report.fact.scenario", title=f"<b>{esc(report.title)}</b>", version=esc(meta.version)),
        _markup(report, "report.fact.seed", seed=f"<b>{esc(w.seed)}</b>"),
        _markup(report, f"report.fact.teams.{plural_form(report.lang, count)}", count=f"<b>{count}</b>"),
        _markup(report, "report.fact.made", when=esc(report.generated_at)),
    ]
    if injects:
        facts.append(_markup(report, "report.fact.injects", injects=esc(injects)))
    if w.file.options.hide_forecasts:
        facts.append(esc(report.t("report.fact.no_forecasts")))
    title = workshop_title(w, report.lang)
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<div class='facts'>{''.join(f'<span>{fact}</span>' for fact in facts)}</div>",
        _notices(report),
    ]
    if report.teams:
        body += [f"<h2>{esc(report.t('report.results'))}</h2>", _results_table(report), _charts(report),
                 _timelines(report), _turnings(report), _policies(report), _calibration(report)]
    else:
        body.append(f"<p>{_markup(report, 'report.no_sessions', folder='<code>sessions</code>')}</p>")
    body.append(_debrief(report))
    return (f"<!DOCTYPE html>\n<html lang='{esc(HTML_LANG.get(report.lang, report.lang))}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>{esc(report.t('report.page_title', title=title))}</title><style>{REPORT_CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")
