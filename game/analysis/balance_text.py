"""A balance report as terminal tables (rich renderables); the data comes from `balance()`."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from game.analysis.balance_warnings import DECISIONS_OVER_LUCK
from game.analysis.report import BalanceReport, SensitivityReport

TORNADO_ROWS = 15


def _pct(x: float) -> str:
    return f"{100.0 * x:.1f}%"


def _points(x: float) -> str:
    return f"{100.0 * x:+.1f}"


def policy_table(report: BalanceReport) -> Table:
    table = Table(title="Outcomes by policy", title_justify="left", show_edge=False)
    table.add_column("Policy")
    for heading in ("Success", "Partial", "Failure", "Mean score", "Std", "p10", "p50", "p90"):
        table.add_column(heading, justify="right")
    for name, s in report.policies.items():
        rates = s.outcome_rates
        table.add_row(
            name,
            _pct(rates["success"]),
            _pct(rates["partial"]),
            _pct(rates["failure"]),
            f"{s.score.mean:.1f}",
            f"{s.score.std:.1f}",
            f"{s.score.p10:.1f}",
            f"{s.score.p50:.1f}",
            f"{s.score.p90:.1f}",
        )
    return table


def endings_table(report: BalanceReport) -> Table:
    table = Table(title="Share of runs reaching each ending", title_justify="left", show_edge=False)
    table.add_column("Ending")
    names = list(report.policies)
    for name in names:
        table.add_column(name, justify="right")
    first = next(iter(report.policies.values()), None)
    for ending in first.ending_counts if first else []:
        table.add_row(ending, *(_pct(report.policies[p].ending_shares[ending]) for p in names))
    return table


def _listing(label: str, items: list[str]) -> Text:
    return Text.assemble((f"{label}: ", "bold"), ", ".join(items) if items else "none")


def coverage_lines(report: BalanceReport) -> Group:
    c = report.coverage
    return Group(
        Text("Coverage (over every policy's runs)", style="bold underline"),
        _listing("  Events never fired", c.events_never_fired),
        _listing("  Events that fire in every run", c.events_always_fired),
        _listing("  Endings never reached", c.endings_never_reached),
        _listing("  Actions never chosen", c.actions_never_chosen),
        _listing("  Metrics that never move", c.metrics_never_moving),
    )


def luck_line(report: BalanceReport) -> Text | None:
    ratio = report.decisions_over_luck
    if ratio is None or len(report.policies) < 2:
        return None
    means = {p: s.score.mean for p, s in report.policies.items()}
    best, worst = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    spread = sum(s.score.std for s in report.policies.values()) / len(report.policies)
    return Text.assemble(
        ("Decisions against luck: ", "bold"),
        f"the best policy ({best}) beats the worst ({worst}) by {means[best] - means[worst]:.1f} points, "
        f"{ratio:.1f} times the average spread of {spread:.1f} points within one policy "
        f"(at least {DECISIONS_OVER_LUCK:g} wanted).",
    )


def warning_lines(report: BalanceReport) -> Group:
    if not report.warnings:
        return Group(Text("No warnings: no naive policy dominates, and decisions outweigh luck.", style="green"))
    # A two-column grid gives each warning a hanging indent when it wraps.
    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(no_wrap=True)
    bullets.add_column()
    for w in report.warnings:
        bullets.add_row(" •", w)
    return Group(Text(f"Warnings ({len(report.warnings)})", style="bold yellow underline"), bullets)


def tornado_table(sens: SensitivityReport, limit: int = TORNADO_ROWS) -> Table:
    """Inputs ranked by the largest move in any policy's success rate (percentage points)."""
    step = f"{100 * sens.step:.0f}%"
    table = Table(
        title=(
            f"Sensitivity: change in success rate, in points, when each input moves -{step} / +{step}\n"
            f"({sens.runs_per_variant:,} runs per variant on the baseline's seeds)"
        ),
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("Input", no_wrap=True)
    table.add_column("Low / high", justify="right", no_wrap=True)
    policies = list(sens.rows[0].effects) if sens.rows else []
    for p in policies:
        table.add_column(p, justify="right", no_wrap=True)
    table.add_column("Swing", justify="right", no_wrap=True)
    for row in sens.rows[:limit]:
        cells: list[str | Text] = []
        for p in policies:
            e = row.effects[p]
            noisy = max(
                abs(e.low - e.base) / max(e.low_se, 1e-12), abs(e.high - e.base) / max(e.high_se, 1e-12)
            ) < 2.0
            cell = f"{_points(e.low - e.base)}/{_points(e.high - e.base)}"
            cells.append(Text(cell, style="dim") if noisy else cell)
        table.add_row(
            row.key,
            f"{row.low_value:.3g}/{row.high_value:.3g}",
            *cells,
            Text(f"{100 * row.swing:.1f}", style="cyan"),
        )
    return table


def render(report: BalanceReport) -> Iterator[RenderableType]:
    """Everything `shove balance` prints, in order."""
    yield Text.assemble(
        (f"Balance of {report.scenario}", "bold"),
        f" — {report.runs:,} run{'s' if report.runs != 1 else ''} per policy, seed {report.seed}, "
        f"{report.elapsed_s:.1f} s",
    )
    yield Text("")
    yield policy_table(report)
    yield Text("")
    yield endings_table(report)
    yield Text("")
    yield coverage_lines(report)
    yield Text("")
    luck = luck_line(report)
    if luck is not None:
        yield luck
        yield Text("")
    yield warning_lines(report)
    if report.sensitivity is not None:
        sens = report.sensitivity
        yield Text("")
        yield tornado_table(sens)
        hidden = len(sens.rows) - TORNADO_ROWS
        notes = []
        if hidden > 0:
            notes.append(f"{hidden} smaller effects not shown (all are in --json).")
        notes.append(
            "Cells: change in success rate in percentage points with the input lowered / raised; "
            "dim cells are within two standard errors of no change. `model.*` are the model "
            "parameters, `trust.*` and `support.*` each stakeholder's starting position."
        )
        if sens.policies_left_out:
            notes.append(
                "Left out of the sensitivity analysis, as too costly to replay for every variant: "
                + ", ".join(sens.policies_left_out)
                + " (ask for it alone with --policies to include it)."
            )
        if sens.skipped:
            notes.append("Not varied: " + "; ".join(sens.skipped) + ".")
        for note in notes:
            yield Text(note, style="dim")
