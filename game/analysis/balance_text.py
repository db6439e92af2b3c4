"""A balance report as terminal tables (rich renderables), in the author's language.

The data comes from `balance()`; the words from the ``balance.*`` keys of the
catalogues, and the numbers are written as the language writes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from game.analysis.balance_warnings import DECISIONS_OVER_LUCK, report_findings, word
from game.analysis.report import BalanceReport, Paired, SensitivityReport, SensitivityRow
from game.i18n import counted, translate, translate_count
from game.i18n.numbers import count, general, number, percent, with_mark

if TYPE_CHECKING:
    from game.analysis.variants import NotVaried

TORNADO_ROWS = 15


class Words:
    """The balance report's words and numbers in one language."""

    def __init__(self, lang: str | None = "en") -> None:
        self.lang = lang

    def __call__(self, key: str, /, **fields: object) -> str:
        return translate(self.lang, f"balance.{key}", **fields)

    def pct(self, share: float, digits: int = 1) -> str:
        return percent(share, self.lang, digits)

    def num(self, value: float, digits: int = 1) -> str:
        return number(value, self.lang, digits)

    def count(self, value: int) -> str:
        return count(value, self.lang)

    def points(self, share: float) -> str:
        """A change of share in signed percentage points: ``+3.1``."""
        return number(100.0 * share, self.lang, 1, signed=True)

    def signed(self, points: float) -> str:
        """A change already in points (score points or percentage points), signed: ``-2.5``; no change is ``0``."""
        return "0" if round(points, 1) == 0 else number(points, self.lang, 1, signed=True)

    def general(self, value: float) -> str:
        return general(value, self.lang)

    def games(self, runs: int) -> str:
        """``1 run`` or ``2,000 runs`` (per policy)."""
        return translate_count(self.lang, "balance.runs", runs, runs=self.count(runs))

    def skipped(self, item: NotVaried) -> str:
        """An input left out of the sensitivity analysis, and why, in this language."""
        return self(f"skipped.{item.why.value}", key=item.key, step=self.pct(item.step, 0))

    def aim(self) -> str:
        return with_mark(f"{DECISIONS_OVER_LUCK:g}", self.lang)

    def warnings(self, report: BalanceReport, ending_titles: Mapping[str, str] | None = None) -> list[str]:
        """The report's warnings in this language (English: exactly the JSON's wording)."""
        if self.lang == "en" and ending_titles is None:
            return list(report.warnings)
        return [word(f, self.lang, ending_titles) for f in report_findings(report)]


def policy_named(policy: str, lang: str | None) -> str:
    """A built-in policy as an author types it, then as players read it: ``greedy (One turn ahead)``."""
    name = translate(lang, f"policy.{policy}")
    return policy if name == f"policy.{policy}" else f"{policy} ({name})"


def policy_heading(policy: str, lang: str | None) -> str:
    """A policy column's heading: the id, with the name beneath it."""
    name = translate(lang, f"policy.{policy}")
    return policy if name == f"policy.{policy}" else f"{policy}\n{name}"


def ending_named(ending: str, titles: Mapping[str, str] | None) -> str:
    """An ending as an author types it, then its title: ``collapse (The system seizes up)``."""
    title = (titles or {}).get(ending)
    return f"{ending} ({title})" if title and title != ending else ending


def policy_table(report: BalanceReport, say: Words | None = None) -> Table:
    say = say or Words()
    table = Table(title=say("outcomes_title"), title_justify="left", show_edge=False)
    table.add_column(say("col.policy"), min_width=max((len(p) for p in report.policies), default=0))
    for key in ("success", "partial", "failure", "mean", "std", "p10", "p50", "p90"):
        table.add_column(say(f"col.{key}"), justify="right")
    for name, s in report.policies.items():
        rates = s.outcome_rates
        table.add_row(
            policy_named(name, say.lang),
            say.pct(rates["success"]),
            say.pct(rates["partial"]),
            say.pct(rates["failure"]),
            say.num(s.score.mean),
            say.num(s.score.std),
            say.num(s.score.p10),
            say.num(s.score.p50),
            say.num(s.score.p90),
        )
    return table


def endings_table(report: BalanceReport, say: Words | None = None,
                  ending_titles: Mapping[str, str] | None = None) -> Table:
    say = say or Words()
    table = Table(title=say("endings_title"), title_justify="left", show_edge=False)
    first = next(iter(report.policies.values()), None)
    endings = list(first.ending_counts) if first else []
    # Ids are what authors type, so the column is never narrower than the longest: names wrap, ids stay whole.
    table.add_column(say("col.ending"), min_width=max((len(e) for e in endings), default=0))
    names = list(report.policies)
    for name in names:
        table.add_column(policy_heading(name, say.lang), justify="right", max_width=max(len(name), 11))
    for ending in endings:
        table.add_row(ending_named(ending, ending_titles), *(say.pct(report.policies[p].ending_shares[ending]) for p in names))
    return table


def _listing(label: str, items: list[str], say: Words) -> Text:
    return Text.assemble((say("label", label=label), "bold"), ", ".join(items) if items else say("none"))


def coverage_lines(report: BalanceReport, say: Words | None = None,
                   ending_titles: Mapping[str, str] | None = None) -> Group:
    say = say or Words()
    c = report.coverage
    return Group(
        Text(say("coverage.title"), style="bold underline"),
        _listing("  " + say("coverage.events_never"), c.events_never_fired, say),
        _listing("  " + say("coverage.events_always"), c.events_always_fired, say),
        _listing("  " + say("coverage.endings_never"), [ending_named(e, ending_titles) for e in c.endings_never_reached], say),
        _listing("  " + say("coverage.actions_never"), c.actions_never_chosen, say),
        _listing("  " + say("coverage.metrics_still"), c.metrics_never_moving, say),
    )


def luck_line(report: BalanceReport, say: Words | None = None) -> Text | None:
    say = say or Words()
    ratio = report.decisions_over_luck
    if ratio is None or len(report.policies) < 2:
        return None
    means = {p: s.score.mean for p, s in report.policies.items()}
    best, worst = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    spread = sum(s.score.std for s in report.policies.values()) / len(report.policies)
    return Text.assemble(
        (say("label", label=say("luck.title")), "bold"),
        say("luck.line", best=best, worst=worst, gap=counted(say.lang, "count.points", say.num(means[best] - means[worst])), ratio=counted(say.lang, "count.times", say.num(ratio)),
            spread=counted(say.lang, "count.points", say.num(spread)), aim=say.aim()),
    )


def warning_lines(report: BalanceReport, say: Words | None = None,
                  ending_titles: Mapping[str, str] | None = None) -> Group:
    say = say or Words()
    warnings = say.warnings(report, ending_titles)
    if not warnings:
        return Group(Text(say("no_warnings"), style="green"))
    # A two-column grid gives each warning a hanging indent when it wraps.
    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(no_wrap=True)
    bullets.add_column()
    for w in warnings:
        bullets.add_row(" •", w)
    return Group(Text(say("warnings_title", n=len(warnings)), style="bold yellow underline"), bullets)


MEASURES = ("score", "success", "partial", "failure")


def _noisy(p: Paired) -> bool:
    """Both moves within two paired standard errors of no change: they may be noise."""
    return max(abs(p.delta_low) / max(p.low_se, 1e-12), abs(p.delta_high) / max(p.high_se, 1e-12)) < 2.0


def moved_to(row: SensitivityRow, say: Words) -> str:
    """The input's low and high settings: ``0.14/0.22``, or ``×0.8/×1.2`` for scaled strengths."""
    if row.scaled:
        return f"×{say.general(row.low_value)}/×{say.general(row.high_value)}"
    return f"{say.general(row.low_value)}/{say.general(row.high_value)}"


def tornado_table(sens: SensitivityReport, limit: int = TORNADO_ROWS, say: Words | None = None) -> Table:
    """Inputs ranked by the largest move in any policy's mean score or outcome shares.

    Each row shows the policy the input moves most, and for it the change in
    mean score (points) and in each outcome's share (percentage points) with
    the input lowered / raised."""
    say = say or Words()
    step = say.pct(sens.step, 0)
    table = Table(
        title=translate_count(say.lang, "balance.tornado_title", sens.runs_per_variant, step=step, runs=say.count(sens.runs_per_variant)),
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column(say("col.input"), overflow="fold")
    table.add_column(say("col.low_high"), justify="right", no_wrap=True)
    table.add_column(say("col.policy"), no_wrap=True)
    for measure in MEASURES:
        table.add_column(say(f"col.delta_{measure}"), justify="right", no_wrap=True)
    table.add_column(say("col.swing"), justify="right", no_wrap=True)
    for row in sens.rows[:limit]:
        policy = row.largest
        if policy is None:
            continue
        measures = row.effects[policy].measures()
        cells: list[str | Text] = []
        for measure in MEASURES:
            m = measures.get(measure)
            if m is None:
                cells.append("")
                continue
            cell = f"{say.signed(m.delta_low)}/{say.signed(m.delta_high)}"
            cells.append(Text(cell, style="dim") if _noisy(m) else cell)
        name = Text(row.key)
        if row.detail:
            # The comparison as the author wrote it: code, never translated (a decimal point in French too).
            name.append(f"\n`{row.detail}`", style="dim")
        table.add_row(name, moved_to(row, say), policy, *cells, Text(say.num(row.effect), style="cyan"))
    return table


def render(report: BalanceReport, lang: str | None = "en",
           ending_titles: Mapping[str, str] | None = None) -> Iterator[RenderableType]:
    """Everything `shove balance` prints, in order, in ``lang``.

    ``ending_titles`` names the endings in that language in the warnings; without
    it, English warnings are the report's own and other languages name endings by id."""
    say = Words(lang)
    yield Text.assemble(
        (say("heading", scenario=report.scenario), "bold"),
        " — " + say("facts", games=say.games(report.runs), seed=report.seed, seconds=say.num(report.elapsed_s)),
    )
    yield Text("")
    yield policy_table(report, say)
    yield Text("")
    yield endings_table(report, say, ending_titles)
    yield Text("")
    yield coverage_lines(report, say, ending_titles)
    yield Text("")
    luck = luck_line(report, say)
    if luck is not None:
        yield luck
        yield Text("")
    yield warning_lines(report, say, ending_titles)
    if report.sensitivity is not None:
        sens = report.sensitivity
        yield Text("")
        yield tornado_table(sens, say=say)
        hidden = len(sens.rows) - TORNADO_ROWS
        notes = []
        if hidden > 0:
            notes.append(translate_count(say.lang, "balance.note.hidden", hidden, n=hidden))
        notes.append(say("note.cells"))
        if sens.policies_left_out:
            notes.append(say("note.left_out", policies=", ".join(sens.policies_left_out)))
        if sens.skipped:
            notes.append(say("note.skipped", inputs=translate(lang, "fmt.list_separator").join(
                say.skipped(s) for s in sens.skipped)))
        for note in notes:
            yield Text(note, style="dim")
