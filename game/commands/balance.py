"""`shove balance`: thousands of seeded games per built-in policy, summarised for authors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from game.analysis.sources import load

if TYPE_CHECKING:
    from game.analysis.report import BalanceReport
    from game.scenario.schema import Scenario

ProgressCallback = Callable[[str, int, int], None]


@contextmanager
def progress_bar(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr when it is a terminal; otherwise nothing at all."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=sys.stderr)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,} games"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        # Refreshed on each update rather than by a background thread, so the
        # simulation may start worker processes by forking.
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("simulating", total=1)

        def update(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)
            bar.refresh()

        yield update


def run(args: argparse.Namespace) -> int:
    loaded = load(args.scenario)
    if loaded.scenario is None:
        for message in loaded.messages:
            print(message, file=sys.stderr)
        return loaded.exit_code

    page = Path(args.html) if getattr(args, "html", None) else None
    if page is not None:
        from game.analysis.balance_page import unwritable

        problem = unwritable(page)
        if problem is not None:
            print(f"shove balance: {args.html}: the web page cannot be written there ({problem})", file=sys.stderr)
            return 2

    from game.analysis.balance import balance
    from game.sim.engine import EngineError

    try:
        with progress_bar(sys.stderr.isatty()) as progress:
            report = balance(
                loaded.scenario,
                list(args.policies),
                args.runs,
                args.seed,
                sensitivity=bool(getattr(args, "sensitivity", False)),
                progress=progress,
            )
    except EngineError as exc:
        # The loader's checks should catch these first; if one slips through, say where.
        print(f"{loaded.path}: error: the simulation cannot use this scenario: {exc}", file=sys.stderr)
        return 1

    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from game.analysis.balance_text import render

        # Piped output gets room for the tables; a terminal keeps its own width.
        console = Console(highlight=False, width=None if sys.stdout.isatty() else 110)
        for part in render(report):
            console.print(part)
    if page is None:
        return 0
    return write_page(args, page, loaded.scenario, report)


def write_page(args: argparse.Namespace, page: Path, scenario: Scenario, report: BalanceReport) -> int:
    """Write the report's web page; say where on stdout, or on stderr when stdout holds JSON."""
    from game.analysis import balance_page

    command = balance_page.command_line(args.scenario, report, report.sensitivity is not None)
    try:
        balance_page.write(page, balance_page.render(report, scenario, command))
    except OSError as exc:
        print(f"shove balance: {args.html}: the web page cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"Web page written to {page.resolve()}", file=sys.stderr if args.json else sys.stdout)
    return 0
