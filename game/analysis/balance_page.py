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
from game.analysis.balance_text import MEASURES, Words
from game.analysis.balance_warnings import DECISIONS_OVER_LUCK
from game.analysis.report import OUTCOMES, BalanceReport, Paired, SensitivityReport, SensitivityRow
from game.atomic import SHARED, write_text
from game.i18n import counted, translate, translate_count
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
HTML_LANG = {"en": "en-GB", "fr": "fr-FR"}

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


def policy_label(policy: str, lang: str | None = "en") -> str:
    """A built-in policy as an author reads it: ``Build trust, then push (balanced)``."""
    name = translate(lang, f"policy.{policy}")
    return policy if name == f"policy.{policy}" else f"{name} ({policy})"


def names(scenario: Scenario, lang: str | None = None) -> dict[str, dict[str, str]]:
    """Scenario ids to the names an author wrote, per kind, in ``lang`` else the scenario's language."""
    own = scenario.meta.language

    def text(value: str | dict[str, str]) -> str:
        return localise(value, lang or own, own)

    return {
        "ending": {e.id: text(e.title) for e in scenario.endings},
        "event": {e.id: text(e.title) for e in scenario.events},
        "action": {a.id: text(a.name) for a in scenario.actions},
        "metric": {m.id: text(m.name) for m in scenario.metrics},
        "programme": {p.id: text(p.name) for p in scenario.programmes},
        "stakeholder": {s.id: text(s.name) or s.id for s in scenario.stakeholders},
    }


def _named(ident: str, name: str | None) -> str:
    """``<code>id</code> (name)`` with both escaped; the name isolated for right-to-left scripts."""
    shown = f"<code>{esc(ident)}</code>"
    return f"{shown} (<bdi>{esc(name)}</bdi>)" if name and name != ident else shown


def _figure(chart: str, caption: str) -> str:
    return f"<figure>{chart}<figcaption>{caption}</figcaption></figure>"


class _Page:
    """One balance page being written: the report, its scenario, and the words of one language."""

    def __init__(self, report: BalanceReport, scenario: Scenario, lang: str | None) -> None:
        self.report = report
        self.scenario = scenario
        self.lang = lang or "en"
        self.say = Words(self.lang)
        self.names = names(scenario, self.lang)

    def __call__(self, key: str, /, **fields: object) -> str:
        """The page's words (``balance.page.*``), escaped for HTML; fields are escaped by the caller."""
        return self.say(f"page.{key}", **fields)

    def policy(self, name: str) -> str:
        return policy_label(name, self.lang)

    def header(self, command: str | None) -> str:
        report, meta, say = self.report, self.scenario.meta, self.say
        title = localise(meta.title, self.lang, meta.language)
        facts = [
            self("fact.scenario", title=f"<b><bdi>{esc(title)}</bdi></b>", id=f"<code>{esc(meta.id)}</code>",
                 version=esc(meta.version)),
            self("fact.games", games=f"<b>{esc(translate_count(say.lang, 'balance.page.games', report.runs, runs=say.count(report.runs)))}</b>"),
            self("fact.seed", seed=f"<b>{esc(report.seed)}</b>"),
            self("fact.took", seconds=f"<b>{esc(say.num(report.elapsed_s))} s</b>"),
            self("fact.policies", policies=esc(", ".join(report.policies))),
        ]
        out = [
            f"<h1>{self('title', title=f'<bdi>{esc(title)}</bdi>')}</h1>",
            f"<div class='facts'>{''.join(f'<span>{fact}</span>' for fact in facts)}</div>",
            f"<p class='lead'>{self('same_luck')}</p>",
        ]
        if command:
            out.append(f"<p class='small'>{self('again', command=f'<code>{esc(command)}</code>')}</p>")
        return "".join(out)

    def warnings(self) -> str:
        head = f"<h2>{esc(self('warnings.title'))}</h2>"
        warnings = self.say.warnings(self.report, self.names["ending"] if self.lang != "en" else None)
        if not warnings:
            return f"{head}<div class='notice good'>{self('warnings.none')}</div>"
        items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
        count = len(warnings)
        lead = translate_count(self.lang, "balance.page.warnings", count, n=count)
        return f"{head}<div class='notice bad'>{lead}<ul>{items}</ul></div>"

    def luck(self) -> str:
        report, say = self.report, self.say
        ratio = report.decisions_over_luck
        head = f"<h2>{esc(say('luck.title'))}</h2>"
        explain = self("luck.explain", aim=say.aim())
        if ratio is None or len(report.policies) < 2:
            return (f"<h2>{esc(say('luck.title'))}</h2><p class='luck'>{esc(self('luck.unmeasured'))}</p>"
                    f"<p class='small'>{esc(explain)}</p>")
        means = {p: s.score.mean for p, s in report.policies.items()}
        best, worst = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
        spread = sum(s.score.std for s in report.policies.values()) / len(report.policies)
        verdict = "good" if ratio >= DECISIONS_OVER_LUCK else "bad"
        shown = self("luck.no_spread") if ratio == float("inf") else translate_count(say.lang, "balance.page.luck.times", say.num(ratio), ratio=say.num(ratio))
        sentence = self("luck.sentence", shown=f"<b>{esc(shown)}</b>", best=esc(self.policy(best)),
                        mean=counted(say.lang, "count.points", say.num(means[best])), gap=counted(say.lang, "count.points", say.num(means[best] - means[worst])),
                        worst=esc(self.policy(worst)), spread=counted(say.lang, "count.points", say.num(spread)))
        return (f"{head}<div class='notice {verdict}'><p class='luck'>{sentence}</p></div>"
                f"<p class='small'>{esc(explain)}</p>")

    def outcomes(self) -> str:
        report, say = self.report, self.say
        rows = [(self.policy(p), s.outcome_rates) for p, s in report.policies.items()]
        chart = svg(charts.outcome_bars(rows, self.lang))
        head = "".join(f"<th class='num'>{esc(say(f'col.{h}'))}</th>" for h in (
            "success", "partial", "failure", "mean", "std", "p10", "median", "p90"))
        body = []
        for p, s in report.policies.items():
            rates = s.outcome_rates
            cells = [say.pct(rates[o]) for o in OUTCOMES] + [say.num(v) for v in (
                s.score.mean, s.score.std, s.score.p10, s.score.p50, s.score.p90)]
            # (An author's strategy is listed under its spec, FILE.py:NAME.)
            about = (translate(self.lang, "strategy.about", file=p.rpartition(":")[0]) if ":" in p
                     else translate(self.lang, f"policy.{p}.about"))
            body.append(f"<tr><td><b>{esc(self.policy(p))}</b><br><span class='small'>{esc(about)}</span></td>"
                        + "".join(f"<td class='num'>{esc(c)}</td>" for c in cells) + "</tr>")
        caption = self("outcomes.caption", min=say.pct(charts.LABEL_MIN_SHARE, 0))
        return (f"<h2>{esc(say('outcomes_title'))}</h2>" + _figure(chart, esc(caption))
                + f"<table><tr><th>{esc(say('col.policy'))}</th>{head}</tr>{''.join(body)}</table>")

    def scores(self) -> str:
        rows = [charts.ScoreRow(self.policy(p), s.score.mean, s.score.p10, s.score.p50, s.score.p90,
                                s.score_histogram) for p, s in self.report.policies.items()]
        chart = svg(charts.score_distribution(rows, self.lang))
        shape = self("scores.shape" if any(r.histogram for r in rows) else "scores.box")
        caption = self("scores.caption", shape=shape)
        return f"<h2>{esc(self('scores.title'))}</h2>" + _figure(chart, esc(caption))

    def share(self, share: float) -> str:
        if share <= 0.0:
            return f"<td class='num never' title='{esc(self('never'))}'>–</td>"
        text = esc("<" + self.say.pct(0.001)) if share < 0.001 else esc(self.say.pct(share))
        return f"<td class='num' style='{_heat(share)}'>{text}</td>"

    def endings(self) -> str:
        report, scenario = self.report, self.scenario
        titles = self.names["ending"]
        outcome = {e.id: e.outcome for e in scenario.endings}
        policies = list(report.policies)
        first = next(iter(report.policies.values()), None)
        ending_ids = list(first.ending_counts) if first else []
        head = "".join(f"<th class='num'>{esc(p)}</th>" for p in policies)
        rows = []
        for ending in ending_ids:
            kind = outcome.get(ending, "")
            badge = (f"<span class='outcome {esc(kind)}'>{esc(charts.outcome_word(kind, self.lang))}</span>"
                     if kind else "")
            cells = "".join(self.share(report.policies[p].ending_shares.get(ending, 0.0)) for p in policies)
            rows.append(f"<tr><td><b><bdi>{esc(titles.get(ending, ending))}</bdi></b><br>"
                        f"<code class='small'>{esc(ending)}</code></td><td>{badge}</td>{cells}</tr>")
        return (f"<h2>{esc(self('endings.title'))}</h2>"
                f"<p class='lead'>{self('endings.lead')}</p>"
                f"<div class='scroll'><table class='heat'><tr><th>{esc(self.say('col.ending'))}</th>"
                f"<th>{esc(self('endings.class'))}</th>{head}</tr>"
                f"{''.join(rows)}</table></div>")

    def coverage(self) -> str:
        report, say = self.report, self.say
        c = report.coverage
        total = sum(s.runs for s in report.policies.values())
        parts = [
            (say("coverage.endings_never"), "ending", c.endings_never_reached, self("coverage.endings_never")),
            (say("coverage.events_never"), "event", c.events_never_fired,
             translate_count(say.lang, "balance.page.coverage.events_never", total, n=say.count(total))),
            (self("coverage.events_always_title"), "event", c.events_always_fired, self("coverage.events_always")),
            (say("coverage.actions_never"), "action", c.actions_never_chosen, self("coverage.actions_never")),
            (say("coverage.metrics_still"), "metric", c.metrics_never_moving, self("coverage.metrics_still")),
        ]
        title = f"<h2>{esc(self('coverage.title'))}</h2>"
        if not any(ids for _, _, ids, _ in parts):
            return f"{title}<p>{self('coverage.all')}</p>"
        out = [f"{title}<p class='lead'>{self('coverage.lead')}</p><dl class='coverage'>"]
        for heading, kind, ids, advice in parts:
            out.append(f"<dt>{esc(heading)}</dt>")
            if ids:
                listed = ", ".join(_named(i, self.names[kind].get(i)) for i in ids)
                out.append(f"<dd>{listed}<br><span class='small'>{esc(advice)}</span></dd>")
            else:
                out.append(f"<dd class='small'>{say('none')}</dd>")
        out.append("</dl>")
        return "".join(out)

    def input_label(self, key: str, label: str, detail: str = "") -> str:
        """What a varied input is, in the page's language (English: as the analysis named it)."""
        if self.lang == "en":
            return label
        kind, _, ident = key.partition(".")
        if kind == "model":
            worded = translate(self.lang, f"balance.param.{ident}")
            return label if worded == f"balance.param.{ident}" else worded
        named = {
            "trust": "stakeholder", "support": "stakeholder", "power": "stakeholder", "stubbornness": "stakeholder",
            "effort": "programme", "cost": "action", "strength": "action", "probability": "event",
        }
        if kind in named:
            return self(f"input.{kind}", name=self.names[named[kind]].get(ident, ident))
        if kind == "ending":
            ending = ident.rpartition(".")[0]
            return self("input.ending", name=self.names["ending"].get(ending, ending), comparison=detail)
        return label

    def bars(self, sens: SensitivityReport, policy: str, limit: int) -> list[charts.TornadoBar]:
        """The inputs that move ``policy``'s mean score at all, largest first, at most ``limit``."""
        scored = [(r, r.effects[policy].score) for r in sens.rows if policy in r.effects]
        moving = [(r, m) for r, m in scored if m is not None and m.swing > 0.0]
        ranked = sorted(moving, key=lambda pair: -pair[1].swing)
        return [
            charts.TornadoBar(row.key, m.delta_low, m.delta_high, _noisy(m.delta_low, m.low_se),
                              _noisy(m.delta_high, m.high_se), detail=self.input_label(row.key, row.label, row.detail))
            for row, m in ranked[:limit]
        ]

    def effect_cell(self, m: Paired | None) -> str:
        """A measure's change with the input lowered / raised, in points (grey when both may be noise)."""
        if m is None:
            return "<td class='num'></td>"
        faint = _noisy(m.delta_low, m.low_se) and _noisy(m.delta_high, m.high_se)
        style = " never" if faint else ""
        return (f"<td class='num{style}' style='white-space:nowrap'>{charts.signed(m.delta_low, self.lang)} / "
                f"{charts.signed(m.delta_high, self.lang)}</td>")

    def moved_to(self, row: SensitivityRow) -> str:
        low, high = self.say.general(row.low_value), self.say.general(row.high_value)
        return f"×{esc(low)} / ×{esc(high)}" if row.scaled else f"{esc(low)} / {esc(high)}"

    def sensitivity_row(self, r: SensitivityRow) -> str:
        policy = r.largest or ""
        measures = r.effects[policy].measures() if policy else {}
        return (f"<tr><td class='key'>{esc(r.key)}</td><td><bdi>{esc(self.input_label(r.key, r.label, r.detail))}</bdi></td>"
                f"<td class='num'>{self.moved_to(r)}</td><td>{esc(policy)}</td>"
                + "".join(self.effect_cell(measures.get(m)) for m in MEASURES)
                + f"<td class='num'><b>{esc(self.say.num(r.effect))}</b></td></tr>")

    def sensitivity(self, sens: SensitivityReport) -> str:
        say = self.say
        step = say.pct(sens.step, 0)
        policies = list(sens.rows[0].effects) if sens.rows else []
        out = [f"<h2>{self('sens.title')}</h2><p class='lead'>"
               f"{self('sens.lead', step=esc(step), runs=say.count(sens.runs_per_variant))}</p>"]
        if policies:
            panels_by_policy = [(p, self.bars(sens, p, TORNADO_BARS)) for p in policies]
            panels = [(self.policy(p), bars) for p, bars in panels_by_policy]
            chart = svg(charts.tornado(panels, sens.step, self.lang))
            caption = self("sens.caption", n=TORNADO_BARS)
            still = [self.policy(p) for p, bars in panels_by_policy if not bars]
            if still:
                caption += " " + esc(self("sens.still", policies=", ".join(still)))
            out.append(_figure(chart, caption))
            head = "".join(f"<th class='num'>{say(f'col.delta_{m}')}</th>" for m in MEASURES)
            rows = "".join(self.sensitivity_row(r) for r in sens.rows[:TORNADO_TABLE_ROWS])
            shown = min(len(sens.rows), TORNADO_TABLE_ROWS)
            out.append(f"<h3>{self('sens.table_title', n=shown)}</h3>"
                       f"<p class='small'>{self('sens.table_note')}</p>"
                       f"<div class='scroll'><table><tr><th>{say('col.input')}</th>"
                       f"<th>{self('sens.what')}</th>"
                       f"<th class='num'>{self('sens.moved_to')}</th><th>{say('col.policy')}</th>{head}"
                       f"<th class='num'>{say('col.swing')}</th></tr>"
                       f"{rows}</table></div>")
        else:
            out.append(f"<p>{self('sens.nothing')}</p>")
        notes = []
        if len(sens.rows) > TORNADO_TABLE_ROWS:
            notes.append(translate_count(self.lang, "balance.page.sens.hidden", len(sens.rows) - TORNADO_TABLE_ROWS, n=len(sens.rows) - TORNADO_TABLE_ROWS))
        if sens.policies_left_out:
            notes.append(self("sens.left_out", policies=", ".join(sens.policies_left_out)))
        if sens.skipped:
            separator = translate(self.lang, "fmt.list_separator")
            notes.append(self("sens.skipped", inputs=separator.join(say.skipped(x) for x in sens.skipped)))
        out.extend(f"<p class='small'>{esc(n)}</p>" for n in notes)
        return "".join(out)


def _heat(share: float) -> str:
    """A cell's background: white to blue by share, so the eye finds the common endings."""
    r, g, b = (round(255 + (c - 255) * share) for c in HEAT)
    ink = "white" if share >= 0.5 else "var(--ink)"
    return f"background:#{r:02x}{g:02x}{b:02x};color:{ink}"


def _noisy(delta: float, se: float) -> bool:
    return abs(delta) / max(se, 1e-12) < NOISE_SE


def command_line(scenario: str, report: BalanceReport, sensitivity: bool, lang: str | None = "en") -> str:
    """The `shove balance` command that makes this report again (in ``lang``)."""
    from shlex import quote

    parts = ["shove", "balance", quote(scenario), "--runs", str(report.runs), "--seed", str(report.seed),
             "--policies", ",".join(report.policies)]
    if sensitivity:
        parts.append("--sensitivity")
    if lang and lang != "en":
        parts += ["--lang", quote(lang)]
    return " ".join(parts)


def render(report: BalanceReport, scenario: Scenario, command: str | None = None, lang: str | None = "en") -> str:
    """The whole page as HTML text in ``lang``; ``command`` is shown as the way to make it again."""
    page = _Page(report, scenario, lang)
    body = [page.header(command), page.warnings(), page.outcomes(), page.scores(), page.luck(), page.endings(),
            page.coverage()]
    if report.sensitivity is not None:
        body.append(page.sensitivity(report.sensitivity))
    title = localise(scenario.meta.title, page.lang, scenario.meta.language)
    return (f"<!DOCTYPE html>\n<html lang='{esc(HTML_LANG.get(page.lang, page.lang))}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">"
            f"<title>{esc(page('tab', title=title))}</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")


def unwritable(path: Path, lang: str | None = "en") -> str | None:
    """Why the page cannot be written to ``path``, or None when it looks writable.

    Checked before the games are played, so an author does not wait for nothing;
    the write itself may still fail, and says so.
    """
    def say(key: str, /, **fields: object) -> str:
        return translate(lang, f"balance.error.{key}", **fields)

    if path.is_dir():
        return say("is_folder")
    folder = path.parent
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if not folder.is_dir():
        return say("not_folder", folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return say("folder_locked", folder=folder)
    return None


def write(path: Path, text: str) -> None:
    """Replace ``path`` with the page atomically (temporary file beside it, then a rename).

    Raises OSError when it cannot be written."""
    write_text(path, text, mode=SHARED)
