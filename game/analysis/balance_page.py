"""A balance report as one self-contained HTML page for authors: inline CSS and SVG, nothing fetched.

The page reads the plain :class:`BalanceReport` and the scenario (for the
names of endings, events, actions and metrics). Every text that comes from the
scenario or the command line is escaped with :func:`esc`; the charts are SVG
whose text matplotlib escapes. The look is the reports' shared stylesheet
(:mod:`game.pages.style`) and a few rules of its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.analysis import balance_charts as charts
from game.analysis.balance_warnings import DECISIONS_OVER_LUCK
from game.analysis.report import OUTCOMES, BalanceReport, PolicyEffect, SensitivityReport
from game.atomic import SHARED, write_text
from game.i18n import translate
from game.pages.style import REPORT_CSS, esc
from game.pages.svg_charts import svg
from game.scenario.language import localise
from game.scenario.schema import Scenario

# Rows per policy in the tornado chart, and in the table of the largest effects.
TORNADO_BARS = 8
TORNADO_TABLE_ROWS = 15
# A change smaller than this many standard errors is drawn faint: it may be noise.
NOISE_SE = 2.0
HEAT = (0x00, 0x72, 0xB2)  # Okabe and Ito's blue

CSS = REPORT_CSS + """
.notice.good { background: #e6f4ee; border-color: #009E73; }
.notice li { margin: 4px 0; }
table.heat td.num { min-width: 84px; }
table.heat td.never { color: var(--muted); }
td.key, code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: .9em; }
dl.coverage dt { font-weight: 600; margin-top: 10px; }
dl.coverage dd { margin: 2px 0 0 18px; }
.luck { font-size: 1.08em; }
"""


def policy_label(policy: str) -> str:
    """A built-in policy as an author reads it: ``Build trust, then push (balanced)``."""
    name = translate("en", f"policy.{policy}")
    return policy if name == f"policy.{policy}" else f"{name} ({policy})"


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def _names(scenario: Scenario) -> dict[str, dict[str, str]]:
    """Scenario ids to the names an author wrote, per kind, in the scenario's language."""
    lang = scenario.meta.language
    return {
        "ending": {e.id: localise(e.title, lang) for e in scenario.endings},
        "event": {e.id: localise(e.title, lang) for e in scenario.events},
        "action": {a.id: localise(a.name, lang) for a in scenario.actions},
        "metric": {m.id: localise(m.name, lang) for m in scenario.metrics},
    }


def _named(ident: str, name: str | None) -> str:
    """``<code>id</code> (name)`` with both escaped; the name isolated for right-to-left scripts."""
    shown = f"<code>{esc(ident)}</code>"
    return f"{shown} (<bdi>{esc(name)}</bdi>)" if name and name != ident else shown


def _figure(chart: str, caption: str) -> str:
    return f"<figure>{chart}<figcaption>{caption}</figcaption></figure>"


def _header(report: BalanceReport, scenario: Scenario, command: str | None) -> str:
    meta = scenario.meta
    title = localise(meta.title, meta.language)
    runs = f"{report.runs:,} game{'s' if report.runs != 1 else ''}"
    facts = [
        f"Scenario <b><bdi>{esc(title)}</bdi></b> (<code>{esc(meta.id)}</code>, version {esc(meta.version)})",
        f"<b>{esc(runs)}</b> per policy",
        f"seed <b>{esc(report.seed)}</b>",
        f"took <b>{report.elapsed_s:.1f} s</b>",
        f"policies: {esc(', '.join(report.policies))}",
    ]
    out = [
        f"<h1>Balance report: <bdi>{esc(title)}</bdi></h1>",
        f"<div class='facts'>{''.join(f'<span>{fact}</span>' for fact in facts)}</div>",
        "<p class='lead'>Each built-in policy played the same seeded games (the same luck), so the "
        "differences between policies come from their decisions.</p>",
    ]
    if command:
        out.append(f"<p class='small'>To make this report again: <code>{esc(command)}</code></p>")
    return "".join(out)


def _warnings(report: BalanceReport) -> str:
    if not report.warnings:
        return ("<h2>What to look at first</h2><div class='notice good'><b>No warnings.</b> No naive policy does as well as an adaptive "
                "one, decisions outweigh luck, and every ending, event and metric is in play.</div>")
    items = "".join(f"<li>{esc(w)}</li>" for w in report.warnings)
    count = len(report.warnings)
    return (f"<h2>What to look at first</h2><div class='notice bad'><b>{count} warning"
            f"{'s' if count != 1 else ''}</b>, most important first:<ul>{items}</ul></div>")


def _luck(report: BalanceReport) -> str:
    ratio = report.decisions_over_luck
    head = "<h2>Decisions against luck</h2>"
    explain = (f"This figure is the gap between the best and the worst policy's mean score, divided by the "
               f"usual spread of scores within one policy: at {DECISIONS_OVER_LUCK:g} or more, how a player "
               "decides matters more than the dice.")
    if ratio is None or len(report.policies) < 2:
        return (f"{head}<p class='luck'>Not measured: it compares policies, so it needs two or more "
                f"(and scores that vary).</p><p class='small'>{esc(explain)}</p>")
    means = {p: s.score.mean for p, s in report.policies.items()}
    best, worst = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    spread = sum(s.score.std for s in report.policies.values()) / len(report.policies)
    verdict = "good" if ratio >= DECISIONS_OVER_LUCK else "bad"
    shown = "no spread at all" if ratio == float("inf") else f"{ratio:.1f} times"
    sentence = (f"<b>{esc(shown)}</b>: the best policy, {esc(policy_label(best))}, scores "
                f"{means[best]:.1f} points on average, {means[best] - means[worst]:.1f} points more than the "
                f"worst, {esc(policy_label(worst))}; scores within one policy spread by {spread:.1f} points "
                "(standard deviation).")
    return (f"{head}<div class='notice {verdict}'><p class='luck'>{sentence}</p></div>"
            f"<p class='small'>{esc(explain)}</p>")


def _outcomes(report: BalanceReport) -> str:
    rows = [(policy_label(p), s.outcome_rates) for p, s in report.policies.items()]
    chart = svg(charts.outcome_bars(rows))
    head = "".join(f"<th class='num'>{h}</th>" for h in (
        "Success", "Partial", "Failure", "Mean score", "Std", "p10", "Median", "p90"))
    body = []
    for p, s in report.policies.items():
        rates = s.outcome_rates
        cells = [_pct(rates[o]) for o in OUTCOMES] + [f"{v:.1f}" for v in (
            s.score.mean, s.score.std, s.score.p10, s.score.p50, s.score.p90)]
        about = translate("en", f"policy.{p}.about")
        body.append(f"<tr><td><b>{esc(policy_label(p))}</b><br><span class='small'>{esc(about)}</span></td>"
                    + "".join(f"<td class='num'>{esc(c)}</td>" for c in cells) + "</tr>")
    caption = ("Share of games ending in success, partial success or failure, per policy (numbers on "
               "segments of 6% or more; all figures are in the table). A scenario that teaches its "
               "trade-off lets the adaptive policies (balanced, greedy) succeed more often than the naive "
               "ones (partner, force, random).")
    return ("<h2>Outcomes by policy</h2>" + _figure(chart, esc(caption))
            + f"<table><tr><th>Policy</th>{head}</tr>{''.join(body)}</table>")


def _scores(report: BalanceReport) -> str:
    rows = [charts.ScoreRow(policy_label(p), s.score.mean, s.score.p10, s.score.p50, s.score.p90,
                            s.score_histogram) for p, s in report.policies.items()]
    chart = svg(charts.score_distribution(rows))
    shape = ("The shaded shape shows how many games ended on each score (one-point steps, scaled to each "
             "policy's peak)" if any(r.histogram for r in rows) else "The shaded box spans p10 to p90")
    caption = (f"Final scores out of 100. {shape}; the line spans p10 to p90 with the median as the tall "
               "tick, and the diamond is the mean. Two humps usually mean two kinds of ending: look at the "
               "ending table below.")
    return "<h2>Scores</h2>" + _figure(chart, esc(caption))


def _heat(share: float) -> str:
    """A cell's background: white to blue by share, so the eye finds the common endings."""
    r, g, b = (round(255 + (c - 255) * share) for c in HEAT)
    ink = "white" if share >= 0.5 else "var(--ink)"
    return f"background:#{r:02x}{g:02x}{b:02x};color:{ink}"


def _share(share: float) -> str:
    if share <= 0.0:
        return "<td class='num never' title='never'>–</td>"
    text = "&lt;0.1%" if share < 0.001 else esc(_pct(share))
    return f"<td class='num' style='{_heat(share)}'>{text}</td>"


def _endings(report: BalanceReport, scenario: Scenario) -> str:
    titles = _names(scenario)["ending"]
    outcome = {e.id: e.outcome for e in scenario.endings}
    policies = list(report.policies)
    first = next(iter(report.policies.values()), None)
    ending_ids = list(first.ending_counts) if first else []
    head = "".join(f"<th class='num'>{esc(p)}</th>" for p in policies)
    rows = []
    for ending in ending_ids:
        kind = outcome.get(ending, "")
        badge = (f"<span class='outcome {esc(kind)}'>{esc(charts.OUTCOME_WORDS.get(kind, kind))}</span>"
                 if kind else "")
        cells = "".join(_share(report.policies[p].ending_shares.get(ending, 0.0)) for p in policies)
        rows.append(f"<tr><td><b><bdi>{esc(titles.get(ending, ending))}</bdi></b><br>"
                    f"<code class='small'>{esc(ending)}</code></td><td>{badge}</td>{cells}</tr>")
    return ("<h2>Which endings each policy reaches</h2>"
            "<p class='lead'>Share of each policy's games that reach each ending; the darker the cell, "
            "the more common. A dash means never.</p>"
            f"<div class='scroll'><table class='heat'><tr><th>Ending</th><th>Class</th>{head}</tr>"
            f"{''.join(rows)}</table></div>")


def _coverage(report: BalanceReport, scenario: Scenario) -> str:
    names = _names(scenario)
    c = report.coverage
    total = sum(s.runs for s in report.policies.values())
    parts = [
        ("Endings never reached", "ending", c.endings_never_reached,
         "No policy reached them: check their conditions and priorities."),
        ("Events never fired", "event", c.events_never_fired,
         f"Not once in {total:,} games: their condition or probability may be out of reach."),
        ("Events that fire in every game", "event", c.events_always_fired,
         "Fine for a fixed beat of the story; a risk should not be certain."),
        ("Actions never chosen", "action", c.actions_never_chosen,
         "No built-in policy took them (policies cannot see everything a person would: judge for yourself)."),
        ("Metrics that never move", "metric", c.metrics_never_moving,
         "Nothing in the game changed them from their starting value."),
    ]
    if not any(ids for _, _, ids, _ in parts):
        return ("<h2>Coverage</h2><p>Every ending was reached, every event fired in some games but not all, "
                "every action was chosen and every metric moved, over all the policies' games.</p>")
    out = ["<h2>Coverage</h2><p class='lead'>Parts of the scenario no policy exercised, over every "
           "policy's games.</p><dl class='coverage'>"]
    for heading, kind, ids, advice in parts:
        out.append(f"<dt>{esc(heading)}</dt>")
        if ids:
            listed = ", ".join(_named(i, names[kind].get(i)) for i in ids)
            out.append(f"<dd>{listed}<br><span class='small'>{esc(advice)}</span></dd>")
        else:
            out.append("<dd class='small'>none</dd>")
    out.append("</dl>")
    return "".join(out)


def _noisy(delta: float, se: float) -> bool:
    return abs(delta) / max(se, 1e-12) < NOISE_SE


def _bars(sens: SensitivityReport, policy: str, limit: int) -> list[charts.TornadoBar]:
    """The inputs that move ``policy``'s success rate at all, largest first, at most ``limit``."""
    moving = [r for r in sens.rows if policy in r.effects and r.effects[policy].swing > 0.0]
    ranked = sorted(moving, key=lambda r: -r.effects[policy].swing)
    out = []
    for row in ranked[:limit]:
        e = row.effects[policy]
        out.append(charts.TornadoBar(row.key, e.low - e.base, e.high - e.base, _noisy(e.low - e.base, e.low_se),
                                     _noisy(e.high - e.base, e.high_se), detail=row.label))
    return out


def _effect_cell(e: PolicyEffect) -> str:
    low, high = e.low - e.base, e.high - e.base
    faint = _noisy(low, e.low_se) and _noisy(high, e.high_se)
    style = " never" if faint else ""
    return (f"<td class='num{style}' style='white-space:nowrap'>{charts.signed(100 * low)} / "
            f"{charts.signed(100 * high)}</td>")


def _sensitivity(sens: SensitivityReport) -> str:
    step = f"{100 * sens.step:.0f}%"
    policies = list(sens.rows[0].effects) if sens.rows else []
    out = [f"<h2>What moves success rates most</h2><p class='lead'>Each number in the model, and each "
           f"stakeholder's starting trust and support, was lowered and raised by {esc(step)} in turn, and "
           f"the games played again on the same seeds ({sens.runs_per_variant:,} per variant). Tune the "
           "inputs at the top of each panel first: they move that policy's success rate most.</p>"]
    if policies:
        panels_by_policy = [(p, _bars(sens, p, TORNADO_BARS)) for p in policies]
        panels = [(policy_label(p), bars) for p, bars in panels_by_policy]
        chart = svg(charts.tornado(panels, sens.step))
        caption = (f"The {TORNADO_BARS} inputs that move each policy's success rate most, in percentage "
                   "points. Faint bars are within two standard errors of no change and may be noise. "
                   "<code>model.*</code> are the model's parameters, <code>trust.*</code> and "
                   "<code>support.*</code> each stakeholder's starting position.")
        still = [policy_label(p) for p, bars in panels_by_policy if not bars]
        if still:
            caption += (" No input moved the success rate of " + esc(", ".join(still))
                        + ", so it has no panel.")
        out.append(_figure(chart, caption))
        head = "".join(f"<th class='num'>{esc(p)}</th>" for p in policies)
        rows = "".join(
            f"<tr><td class='key'>{esc(r.key)}</td><td><bdi>{esc(r.label)}</bdi></td>"
            f"<td class='num'>{r.low_value:.3g} / {r.high_value:.3g}</td>"
            + "".join(_effect_cell(r.effects[p]) for p in policies)
            + f"<td class='num'><b>{100 * r.swing:.1f}</b></td></tr>"
            for r in sens.rows[:TORNADO_TABLE_ROWS]
        )
        shown = min(len(sens.rows), TORNADO_TABLE_ROWS)
        out.append(f"<h3>The {shown} largest effects over all policies</h3>"
                   "<p class='small'>Cells: change in success rate in points with the input lowered / "
                   "raised (grey when both may be noise). Swing: the largest change in any policy.</p>"
                   f"<div class='scroll'><table><tr><th>Input</th><th>What it is</th>"
                   f"<th class='num'>Lowered / raised to</th>{head}<th class='num'>Swing</th></tr>"
                   f"{rows}</table></div>")
    else:
        out.append("<p>Nothing was varied.</p>")
    notes = []
    if len(sens.rows) > TORNADO_TABLE_ROWS:
        notes.append(f"{len(sens.rows) - TORNADO_TABLE_ROWS} smaller effects are not shown (all are in "
                     "the output of --json).")
    if sens.policies_left_out:
        notes.append("Left out, as too costly to replay for every variant: " + ", ".join(sens.policies_left_out)
                     + " (ask for it alone with --policies to include it).")
    if sens.skipped:
        notes.append("Not varied, because changing them changes nothing: " + "; ".join(sens.skipped) + ".")
    out.extend(f"<p class='small'>{esc(n)}</p>" for n in notes)
    return "".join(out)


def command_line(scenario: str, report: BalanceReport, sensitivity: bool) -> str:
    """The `shove balance` command that makes this report again."""
    from shlex import quote

    parts = ["shove", "balance", quote(scenario), "--runs", str(report.runs), "--seed", str(report.seed),
             "--policies", ",".join(report.policies)]
    if sensitivity:
        parts.append("--sensitivity")
    return " ".join(parts)


def render(report: BalanceReport, scenario: Scenario, command: str | None = None) -> str:
    """The whole page as HTML text; ``command`` is shown as the way to make it again."""
    body = [_header(report, scenario, command), _warnings(report), _outcomes(report), _scores(report),
            _luck(report), _endings(report, scenario), _coverage(report, scenario)]
    if report.sensitivity is not None:
        body.append(_sensitivity(report.sensitivity))
    title = localise(scenario.meta.title, scenario.meta.language)
    return ("<!DOCTYPE html>\n<html lang='en-GB'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">"
            f"<title>Balance: {esc(title)}</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")


def unwritable(path: Path) -> str | None:
    """Why the page cannot be written to ``path``, or None when it looks writable.

    Checked before the games are played, so an author does not wait for nothing;
    the write itself may still fail, and says so.
    """
    if path.is_dir():
        return "this is a folder; give a file name such as balance.html"
    folder = path.parent
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} cannot be written to"
    return None


def write(path: Path, text: str) -> None:
    """Replace ``path`` with the page atomically (temporary file beside it, then a rename).

    Raises OSError when it cannot be written."""
    write_text(path, text, mode=SHARED)
