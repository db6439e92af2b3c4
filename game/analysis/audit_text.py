"""An audit report in words: the warnings, and terminal tables, in the author's language.

The data comes from ``audit()``; the words from the ``audit.*`` keys of the
catalogues (the JSON's warnings are the English ones).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from game.analysis.audit import AuditReport, EventFinding
from game.analysis.rule_words import describe_rule
from game.i18n import translate
from game.i18n.numbers import count, number, percent
from game.sim.engine import Engine


class Said:
    """The audit's words and numbers in one language."""

    def __init__(self, lang: str | None = "en") -> None:
        self.lang = lang

    def __call__(self, key: str, /, **fields: object) -> str:
        return translate(self.lang, f"audit.{key}", **fields)

    def pct(self, share: float | None, digits: int = 1) -> str:
        return "–" if share is None else percent(share, self.lang, digits)

    def num(self, value: float | None, digits: int = 1) -> str:
        return "–" if value is None else number(value, self.lang, digits)

    def flags(self, flags: list[str]) -> str:
        return ", ".join(self(f"flag.{f}") for f in flags)


def _best_answer(e: EventFinding) -> str:
    return max(e.best_share, key=lambda k: e.best_share[k]) if e.best_share else ""


def warnings_of(report: AuditReport, lang: str | None = "en") -> list[str]:
    """The findings an author should act on, in plain words."""
    say = Said(lang)
    out: list[str] = []
    best = report.best_simple.success
    if best.estimate > 0.6:
        out.append(say("warn.simple_wins", share=say.pct(best.estimate), low=say.pct(best.low), high=say.pct(best.high)))
    if report.skill_gap < 0.2:
        out.append(say("warn.small_gap", points=say.pct(report.skill_gap, 0)))
    for e in report.events:
        for flag in e.flags:
            if flag == "deliberate_answer":
                continue  # marked clear-cut by the author: nothing to act on
            answer = _best_answer(e)
            out.append(say(
                f"warn.{flag}", id=e.id, answer=answer, share=say.pct(
                    e.best_share.get(answer, 0.0) if flag == "dominant_answer"
                    else e.lost_share if flag == "only_in_lost_games" else e.fired_share),
                change=say.pct(e.change_rate), placebo=say.pct(e.placebo_rate),
            ))
    for a in report.actions:
        for flag in a.flags:
            once = flag == "never_best" and a.once
            out.append(say("warn.never_best_once" if once else f"warn.{flag}", id=a.id,
                           share=say.pct(a.best_game_share if once else a.best_share), turn=a.exploit_turn,
                           points=say.pct(a.exploit_gain or 0.0)))
    v = report.verdicts
    if v.success_with_system_worse > 0:
        out.append(say("warn.system_worse", share=say.pct(v.success_with_system_worse)))
    if v.success_mean_score is not None and v.partial_mean_score is not None and v.success_mean_score <= v.partial_mean_score:
        out.append(say("warn.success_below_partial"))
    return out


def summary_lines(report: AuditReport, engine: Engine, lang: str | None = "en") -> list[str]:
    """The best rule, the expert and the skill gap, one sentence each."""
    say = Said(lang)
    best = report.best_simple
    return [
        say("best_simple", rule=describe_rule(engine, best.book, lang)),
        say("best_simple_figure", success=say.pct(best.success.estimate), low=say.pct(best.success.low),
            high=say.pct(best.success.high), games=count(best.games, lang), score=say.num(best.mean_score)),
        say("expert", success=say.pct(report.expert.estimate), low=say.pct(report.expert.low),
            high=say.pct(report.expert.high), games=count(report.expert_games, lang)),
        say("skill_gap", points=say.pct(report.skill_gap, 0)),
    ]


def strategy_lines(report: AuditReport, lang: str | None = "en") -> list[str]:
    """The author's own strategies against the best simple rule, on the same games, one sentence each."""
    say = Said(lang)
    best = report.best_simple
    return [
        say("strategy", spec=s.spec, success=say.pct(s.success.estimate), low=say.pct(s.success.low),
            high=say.pct(s.success.high), games=count(s.games, lang), score=say.num(s.mean_score),
            points=number(100 * (s.success.estimate - best.success.estimate), lang, 1, signed=True))
        for s in report.strategies
    ]


def event_rows(report: AuditReport, lang: str | None = "en") -> Iterator[list[str]]:
    say = Said(lang)
    for e in report.events:
        ranked = sorted(e.best_share.items(), key=lambda kv: -kv[1])
        best = ", ".join(f"{k} {say.pct(v, 0)}" for k, v in ranked if v > 0) or "–"
        yield [e.id, say.pct(e.fired_share), count(e.firings, lang), best, say.pct(e.tie_share, 0),
               f"{say.pct(e.change_rate)} / {say.pct(e.placebo_rate)}", say.flags(e.flags)]


def action_rows(report: AuditReport, lang: str | None = "en") -> Iterator[list[str]]:
    say = Said(lang)
    for a in report.actions:
        gain = "" if a.exploit_gain is None else number(100 * a.exploit_gain, lang, 1, signed=True)
        games = say.pct(a.best_game_share, 0) + (" " + say("once") if a.once else "")
        yield [a.id, say.pct(a.best_share), games, say.pct(a.available_share, 0), say.num(a.regret), gain,
               say.flags(a.flags)]


EVENT_COLUMNS = ("event", "fired", "firings", "best", "tie", "change", "flags")
ACTION_COLUMNS = ("action", "best_share", "best_games", "available", "regret", "exploit", "flags")


def _table(say: Said, heading: str, columns: tuple[str, ...], rows: Iterator[list[str]]) -> Table:
    table = Table(title=say(f"heading.{heading}"), title_justify="left")
    for col in columns:
        table.add_column(say(f"col.{col}"), overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def render(report: AuditReport, engine: Engine, lang: str | None = "en") -> Iterator[RenderableType]:
    """The report as rich renderables for a terminal."""
    say = Said(lang)
    yield Text(say("title", scenario=report.scenario), style="bold")
    yield Text(say("heading.summary"), style="bold")
    for line in summary_lines(report, engine, lang):
        yield Text("  " + line)
    if report.strategies:
        yield Text(say("heading.strategies"), style="bold")
        for line in strategy_lines(report, lang):
            yield Text("  " + line)
    yield Text("")
    yield _table(say, "events", EVENT_COLUMNS, event_rows(report, lang))
    share = report.partner_best_share
    if share is not None:
        yield Text("  " + say("partner_best", share=say.pct(share)))
    yield _table(say, "actions", ACTION_COLUMNS, action_rows(report, lang))
    yield Text(say("heading.verdicts"), style="bold")
    for line in verdict_lines(report, lang):
        yield Text("  " + line)
    yield Text(say("heading.warnings"), style="bold")
    warnings = warnings_of(report, lang)
    for line in warnings or [say("none")]:
        yield Text("  - " + line)
    if report.cut_short:
        yield Text(say("heading.cut_short"), style="bold")
        for line in report.cut_short:
            yield Text("  - " + line)


def verdict_lines(report: AuditReport, lang: str | None = "en") -> list[str]:
    say = Said(lang)
    v = report.verdicts
    return [
        say("verdict.worse", share=say.pct(v.success_with_system_worse), runs=count(v.success_runs, lang)),
        say("verdict.scores", success=say.num(v.success_mean_score), partial=say.num(v.partial_mean_score)),
    ]
