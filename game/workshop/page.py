"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched.

Every piece of text that comes from a file (team names, scenario texts,
anything in a session) goes through :func:`esc`; the charts are SVG that
matplotlib has escaped. The page reads well on a projector and prints.
"""

from __future__ import annotations

import html

from game.workshop import charts
from game.workshop.report import Report, TeamReport, decision_words, weighted

CSS = """
:root { --ink:#1d2433; --muted:#5b6474; --line:#d9dde5; --partner:#009E73; --push:#D55E00; --bg:#fbfbf8; }
* { box-sizing: border-box; }
body { font: 17px/1.5 system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; }
main { max-width: 1320px; margin: 0 auto; padding: 28px 36px 60px; }
h1 { font-size: 2.1em; margin: 0 0 4px; }
h2 { font-size: 1.45em; margin: 42px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.1em; margin: 18px 0 6px; }
p.lead { color: var(--muted); margin: 0 0 16px; }
.facts { display: flex; flex-wrap: wrap; gap: 10px 28px; color: var(--muted); margin-bottom: 8px; }
.facts b { color: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; background: white; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 8px;
          vertical-align: -2px; }
.outcome { font-weight: 600; padding: 1px 8px; border-radius: 10px; font-size: .9em; white-space: nowrap; }
.success { background: #d8f0e4; color: #0b5d3b; } .partial { background: #fdf0cf; color: #6b4d00; }
.failure { background: #fadcd4; color: #7d2410; } .playing { background: #e6e9ef; color: #3b4252; }
.notice { background: #fff7e0; border-left: 5px solid #e0a800; padding: 10px 14px; margin: 10px 0; }
.notice.bad { background: #fdeceb; border-color: #c0392b; }
.notice ul { margin: 4px 0 0 18px; padding: 0; }
figure { margin: 10px 0 6px; background: white; border: 1px solid var(--line); padding: 10px; }
figure svg { width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .92em; margin-top: 4px; }
.timeline td { font-size: .84em; min-width: 120px; }
.timeline th.turn { white-space: nowrap; font-size: .9em; }
.timeline li.choice { margin-top: 3px; }
.timeline td.partner { background: #e3f4ec; } .timeline td.push { background: #fbe5da; }
.timeline td.neutral { background: #f3f3f3; }
.timeline ul { margin: 0; padding-left: 16px; }
.small { font-size: .88em; color: var(--muted); }
.card { background: white; border: 1px solid var(--line); border-left: 6px solid var(--muted); padding: 12px 16px;
        margin: 10px 0; }
.scroll { overflow-x: auto; }
ol.questions li { margin: 6px 0; }
@media print { body { background: white; font-size: 12pt; } main { padding: 0; } h2 { break-after: avoid; }
               figure, .card, table { break-inside: avoid; } }
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _outcome(word: str) -> str:
    kind = word if word in ("success", "partial", "failure") else "playing"
    return f'<span class="outcome {kind}">{esc(word or "still playing")}</span>'


def _swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{esc(colour)}"></span>'


def _notices(report: Report) -> str:
    c = report.collected
    parts = []
    if c.skipped:
        items = "".join(f"<li>{esc(s)}</li>" for s in c.skipped)
        parts.append(f'<div class="notice bad"><b>Session files left out</b><ul>{items}</ul></div>')
    flagged = [(t.team, f) for t in report.teams for f in t.result.flags]
    if flagged:
        items = "".join(f"<li><b>{esc(team)}</b>: {esc(flag)}</li>" for team, flag in flagged)
        parts.append(f'<div class="notice"><b>Compare these with care</b><ul>{items}</ul></div>')
    if c.missing:
        parts.append(f'<div class="notice">No session yet from: {esc(", ".join(c.missing))}. Copy their '
                     "files into the sessions folder and make the report again.</div>")
    playing = [t.team for t in report.teams if not t.result.ended]
    if playing:
        parts.append(f'<div class="notice">Still playing: {esc(", ".join(playing))}. Their numbers stop at the '
                     "last turn they played.</div>")
    return "".join(parts)


def _results_table(report: Report) -> str:
    best = max(report.policies, key=lambda g: g.score, default=None)
    rows = []
    ranked = sorted(report.teams, key=lambda t: -t.result.score)
    for t in ranked:
        r = t.result
        c = r.stances
        vs = ""
        if best is not None and r.ended:
            vs = f"{r.score - best.score:+.1f}"
        rows.append(
            "<tr>"
            f"<td style='white-space:nowrap'>{_swatch(t.colour)}<b>{esc(t.team)}</b></td>"
            f"<td>{esc(t.ending_title)}</td><td>{_outcome(t.outcome)}</td>"
            f'<td class="num"><b>{r.score:.1f}</b></td>'
            f'<td class="num">{esc(vs)}</td>'
            f'<td class="num">{c.partner}</td><td class="num">{c.push}</td>'
            f'<td class="num">{r.push_share * 100:.0f}%</td>'
            f'<td class="num">{len(r.session.history)}</td>'
            "</tr>"
        )
    head = ("<tr><th>Team</th><th>Ending</th><th>Outcome</th><th class='num'>Score /100</th>"
            f"<th class='num'>vs best policy{' (' + esc(best.policy) + ')' if best else ''}</th>"
            "<th class='num'>Partner moves</th><th class='num'>Push moves</th><th class='num'>Push share</th>"
            "<th class='num'>Turns</th></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _charts(report: Report) -> str:
    w = report.workshop
    scenario = w.base_scenario
    power = {s.id: s.power for s in scenario.stakeholders}
    turn_label = report.text(scenario.meta.turn_label)
    teams = report.teams
    policy_lines = [charts.Line(f"{g.policy} (policy)", g.scores, charts.POLICY_GREY,
                                charts.POLICY_DASHES[i % len(charts.POLICY_DASHES)])
                    for i, g in enumerate(report.policies)]
    score = charts.score_chart(
        [charts.Line(t.team, [p.score for p in t.result.trajectory], t.colour) for t in teams] + policy_lines,
        turn_label,
    )

    def lines(values: dict[str, list[float]]) -> list[charts.Line]:
        return [charts.Line(t.team, values[t.team], t.colour) for t in teams]

    trust = {t.team: weighted(t.result.trajectory, "trust", power) for t in teams}
    support = {t.team: weighted(t.result.trajectory, "support", power) for t in teams}
    panels = [
        charts.Panel("Trust in you (power-weighted)", "0 to 1", lines(trust), (0, 1)),
        charts.Panel("Support for the change", "0 to 1", lines(support), (0, 1)),
    ]
    for programme in scenario.programmes:
        values = {t.team: [p.progress.get(programme.id, 0.0) * 100 for p in t.result.trajectory] for t in teams}
        panels.append(charts.Panel(f"Progress: {report.text(programme.name)}", "%", lines(values), (0, 100)))
    relations = charts.line_panels(panels, turn_label, columns=2 if len(panels) == 4 else 3)
    metric_panels = []
    for metric in scenario.metrics:
        values = {t.team: [p.metrics.get(metric.id, metric.initial) for p in t.result.trajectory] for t in teams}
        metric_panels.append(charts.Panel(report.text(metric.name), report.text(metric.unit), lines(values),
                                          target=metric.target))
    metrics = charts.line_panels(metric_panels, turn_label) if metric_panels else ""
    policy_rows = [(f"{g.policy} (policy)", g.partner, g.neutral, g.push) for g in report.policies]
    finger = charts.fingerprint_chart(
        [(t.team, t.result.stances.partner, t.result.stances.neutral, t.result.stances.push) for t in teams]
        + policy_rows
    )
    out = [
        "<h2>Scores over the game</h2>",
        f"<figure>{score}<figcaption>Every team faced the same luck (seed {w.seed}); grey lines are the "
        "built-in strategies on that same luck.</figcaption></figure>",
        "<h2>Relationships and change</h2>",
        f"<figure>{relations}<figcaption>Trust and support are weighted by each stakeholder's power. Progress is "
        "how far each change programme has got.</figcaption></figure>",
    ]
    if metrics:
        out += ["<h2>System measures</h2>",
                f"<figure>{metrics}<figcaption>Each measure on its own scale; the dotted line is the "
                "scenario's target.</figcaption></figure>"]
    out += ["<h2>Partner or push</h2>",
            f"<figure>{finger}<figcaption>The share of each team's moves (actions and event choices) that invested "
            "in partnership, pushed the change, or neither.</figcaption></figure>"]
    return "".join(out)


STANCE_WORDS = {"partner": "partnership", "push": "push", "neutral": "neither"}


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _cell(t: TeamReport, turn: int) -> str:
    cell = next((c for c in t.timeline if c.turn == turn), None)
    if cell is None:
        return "<td></td>"
    items = [f"<li>{esc(m)}</li>" for m in cell.moves] or ["<li>no action</li>"]
    for title, choice, stance in cell.choices:
        items.append(f"<li class='choice' title='{esc(choice)}'><b>{esc(title)}</b>: <i>{esc(_short(choice))}</i> "
                     f"<span class='small'>({esc(STANCE_WORDS.get(stance, stance))})</span></li>")
    if cell.blocked:
        items.append(f"<li class='small'>blocked by {esc(', '.join(cell.blocked))}</li>")
    if cell.timed_out:
        items.append("<li class='small'>time ran out: no action</li>")
    return f'<td class="{esc(cell.lean)}"><ul>{"".join(items)}</ul></td>'


def _timelines(report: Report) -> str:
    meta = report.workshop.base_scenario.meta
    label = report.text(meta.turn_label)
    played = max((len(t.timeline) for t in report.teams), default=0)
    head = "".join(f"<th>{_swatch(t.colour)}{esc(t.team)}</th>" for t in report.teams)
    rows = "".join(
        f"<tr><th class='turn'>{esc(label)} {turn}</th>{''.join(_cell(t, turn) for t in report.teams)}</tr>"
        for turn in range(1, played + 1)
    )
    return ("<h2>Decision timelines</h2><p class='lead'>Each row is one turn, each column a team. Green cells "
            "lean to partnership, orange to push, grey to neither. Event choices are in bold and italics.</p>"
            f"<div class='scroll'><table class='timeline'><tr><th></th>{head}</tr>{rows}</table></div>")


def _turnings(report: Report) -> str:
    label = report.text(report.workshop.base_scenario.meta.turn_label).lower()
    out = ["<h2>Each team's most consequential decision</h2>",
           "<p class='lead'>For every turn, the team's game was replayed on the same luck with only that turn's "
           "moves swapped for the opposite approach (partnership where they pushed, a push where they did not). "
           "This is the turn where that swap would have moved the final score most.</p>"]
    for t in report.teams:
        turning = t.turning
        if turning is None:
            out.append(f'<div class="card" style="border-left-color:{esc(t.colour)}"><b>{esc(t.team)}</b>: '
                       "not worked out until the team has finished its game.</div>")
            continue
        better = "better" if turning.delta > 0 else "worse"
        did = decision_words(turning.decisions, t.result)
        alt = decision_words(turning.alternative, t.result)
        verdict = ("Their choice here was the one that paid off." if turning.delta < 0 else
                   "The other approach would have served them better here.")
        out.append(
            f'<div class="card" style="border-left-color:{esc(t.colour)}"><b>{esc(t.team)}</b>, '
            f"{esc(label)} {turning.turn}: they chose <i>{esc(did)}</i> ({esc(STANCE_WORDS[turning.stance])}). "
            f"Had they chosen <i>{esc(alt)}</i> ({esc(STANCE_WORDS[turning.instead])}) instead, the final score "
            "would have been "
            f"<b>{turning.flipped_score:.1f}</b> rather than {turning.actual_score:.1f} "
            f"({abs(turning.delta):.1f} points {better}; outcome {esc(turning.flipped_outcome)}). {esc(verdict)}</div>"
        )
    return "".join(out)


def _policies(report: Report) -> str:
    endings = {e.id: report.text(e.title) for e in report.workshop.scenario.endings}
    rows = "".join(
        f"<tr><td>{esc(g.policy)}</td><td>{esc(endings.get(g.ending, g.ending))}</td><td>{_outcome(g.outcome)}</td>"
        f'<td class="num">{g.score:.1f}</td><td class="num">{g.partner}</td><td class="num">{g.push}</td></tr>'
        for g in sorted(report.policies, key=lambda g: -g.score)
    )
    describe = {
        "partner": "always invests in relationships",
        "force": "always pushes the change",
        "balanced": "builds trust and support first, pushes once support is there",
        "random": "moves at random",
        "greedy": "looks one turn ahead for the best score",
    }
    notes = "; ".join(f"<b>{esc(p)}</b> {esc(d)}" for p, d in describe.items())
    beat = "".join(
        f"<li>{_swatch(t.colour)}<b>{esc(t.team)}</b> scored above "
        f"{esc(', '.join(t.policies_beaten)) if t.policies_beaten else 'none of them'}"
        f" ({len(t.policies_beaten)} of {len(report.policies)}).</li>"
        for t in report.teams if t.result.ended
    )
    return ("<h2>Against the built-in strategies, on the same luck</h2>"
            f"<p class='lead'>{notes}.</p>"
            "<table><tr><th>Strategy</th><th>Ending</th><th>Outcome</th><th class='num'>Score /100</th>"
            f"<th class='num'>Partner moves</th><th class='num'>Push moves</th></tr>{rows}</table>"
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
            f'<td class="num">{c.correct} of {c.predicted}</td><td class="num">{c.rate * 100:.0f}%</td>'
            f'<td class="num">{c.optimism}</td><td class="num">{c.pessimism}</td></tr>'
        )
    return ("<h2>Reading the room: trust predictions</h2>"
            "<p class='lead'>Before each turn teams said whether the stakeholder's trust would go up, stay the same "
            "(within one point) or go down. Chance alone gets about one in three right. Too hopeful: they expected "
            "better than happened; too gloomy: worse.</p>"
            "<table><tr><th>Team</th><th>Stakeholder</th><th class='num'>Right</th><th class='num'>Hit rate</th>"
            f"<th class='num'>Too hopeful</th><th class='num'>Too gloomy</th></tr>{''.join(rows)}</table>")


def _debrief(report: Report) -> str:
    d = report.workshop.base_scenario.debrief
    out = ["<h2>For the debrief</h2>"]
    if d.objectives:
        out.append("<h3>What this scenario teaches</h3><ul>"
                   + "".join(f"<li>{esc(report.text(o))}</li>" for o in d.objectives) + "</ul>")
    if d.questions:
        out.append("<h3>Questions to discuss</h3><ol class='questions'>"
                   + "".join(f"<li>{esc(report.text(q))}</li>" for q in d.questions) + "</ol>")
    pauses = report.workshop.pauses()
    if pauses:
        label = report.text(report.workshop.base_scenario.meta.turn_label).lower()
        out.append("<h3>The pauses during play</h3><ul>"
                   + "".join(f"<li>After {esc(label)} {p.after_turn}: {esc(p.prompt)}</li>" for p in pauses)
                   + "</ul>")
    notes = report.text(d.facilitator_notes)
    if notes:
        paras = "".join(f"<p>{esc(p)}</p>" for p in notes.split("\n\n") if p.strip())
        out.append(f"<h3>Facilitator notes</h3>{paras}")
    return "".join(out)


def render(report: Report) -> str:
    w = report.workshop
    meta = w.base_scenario.meta
    injects = ", ".join(f"{i.event} at {report.text(meta.turn_label).lower()} {i.turn}" for i in w.file.injects)
    facts = [
        f"<span>Scenario <b>{esc(report.title)}</b> (version {esc(meta.version)})</span>",
        f"<span>Seed <b>{w.seed}</b></span>",
        f"<span><b>{len(report.teams)}</b> team{'s' if len(report.teams) != 1 else ''}</span>",
        f"<span>Made {esc(report.generated_at)}</span>",
    ]
    if injects:
        facts.append(f"<span>Injects: {esc(injects)}</span>")
    if w.file.options.hide_forecasts:
        facts.append("<span>Played without forecasts</span>")
    body = [
        f"<h1>{esc(w.file.title or report.title)}</h1>",
        f"<div class='facts'>{''.join(facts)}</div>",
        _notices(report),
    ]
    if report.teams:
        body += ["<h2>Results</h2>", _results_table(report), _charts(report), _timelines(report),
                 _turnings(report), _policies(report), _calibration(report)]
    else:
        body.append("<p>No team sessions could be read yet. Copy each team's file from its laptop into the "
                    "<code>sessions</code> folder, then make the report again.</p>")
    body.append(_debrief(report))
    return ("<!DOCTYPE html>\n<html lang='en-GB'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>{esc(w.file.title or report.title)}: workshop report</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")
