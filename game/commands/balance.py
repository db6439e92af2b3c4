"""`shove balance`: thousands of seeded games per built-in policy, summarised for authors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from game.analysis.sources import load

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
        return 0

    from rich.console import Console

    from game.analysis.balance_text import render

    # Piped output gets room for the tables; a terminal keeps its own width.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 110)
    for part in render(report):
        console.print(part)
    return 0
