"""An audit report as a self-contained web page: the balance page's look, no scripts, offline."""

from __future__ import annotations

from game.analysis.audit import AuditReport
from game.analysis.audit_text import (
    ACTION_COLUMNS,
    EVENT_COLUMNS,
    Said,
    action_rows,
    event_rows,
    strategy_lines,
    summary_lines,
    verdict_lines,
    warnings_of,
)
from game.analysis.balance_page import HTML_LANG
from game.pages.style import REPORT_CSS, esc
from game.scenario.language import localise
from game.sim.engine import Engine


def _table(say: Said, columns: tuple[str, ...], rows: list[list[str]]) -> str:
    head = "".join(f"<th scope='col'>{esc(say(f'col.{c}'))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<div class='scroll'><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def render(report: AuditReport, engine: Engine, lang: str | None = "en") -> str:
    """The whole page as HTML text in ``lang``."""
    say = Said(lang)
    scenario = engine.scenario
    title = localise(scenario.meta.title, lang, scenario.meta.language)
    warnings = warnings_of(report, lang)
    notice = (
        "<div class='notice bad'><ul>" + "".join(f"<li>{esc(w)}</li>" for w in warnings) + "</ul></div>"
        if warnings else f"<p>{esc(say('none'))}</p>"
    )
    summary = "".join(f"<p>{esc(line)}</p>" for line in summary_lines(report, engine, lang))
    if report.strategies:
        summary += f"<h3>{esc(say('heading.strategies'))}</h3>" + "".join(
            f"<p>{esc(line)}</p>" for line in strategy_lines(report, lang))
    partner = report.partner_best_share
    partner_line = f"<p>{esc(say('partner_best', share=say.pct(partner)))}</p>" if partner is not None else ""
    cut = (
        f"<h2>{esc(say('heading.cut_short'))}</h2><ul>" + "".join(f"<li>{esc(c)}</li>" for c in report.cut_short) + "</ul>"
        if report.cut_short else ""
    )
    body = (
        f"<h1>{esc(say('title', scenario=title))}</h1>"
        f"<p class='lead'>{esc(report.scenario)} · seed {report.seed} · {esc(say('elapsed', seconds=say.num(report.elapsed_s)))}</p>"
        f"<h2>{esc(say('heading.warnings'))}</h2>{notice}"
        f"<h2>{esc(say('heading.summary'))}</h2>{summary}"
        f"<h2>{esc(say('heading.events'))}</h2>{_table(say, EVENT_COLUMNS, list(event_rows(report, lang)))}{partner_line}"
        f"<h2>{esc(say('heading.actions'))}</h2>{_table(say, ACTION_COLUMNS, list(action_rows(report, lang)))}"
        f"<h2>{esc(say('heading.verdicts'))}</h2>" + "".join(f"<p>{esc(v)}</p>" for v in verdict_lines(report, lang)) + cut
    )
    return (
        f"<!DOCTYPE html>\n<html lang='{esc(HTML_LANG.get(lang or 'en', lang or 'en'))}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{esc(say('tab', title=title))}</title><style>{REPORT_CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )
