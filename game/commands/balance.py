"""`shove balance`: thousands of seeded games per built-in policy, summarised for authors.

``--strategy FILE.py:NAME`` (repeatable) plays an author's strategy beside the
policies; it is listed under that spec (``game.sim.strategy_file``).

The tables, the web page and the messages are in the author's language (``--lang``,
else the system's, else the scenario's); ``--json`` is the same in every language.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from game.analysis.sources import load
from game.i18n import choose, translate, translate_count
from game.i18n.numbers import count

if TYPE_CHECKING:
    from game.analysis.report import BalanceReport
    from game.scenario.schema import Scenario

ProgressCallback = Callable[[str, int, int], None]


@contextmanager
def progress_bar(enabled: bool, lang: str | None = "en") -> Iterator[ProgressCallback | None]:
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
        TextColumn("{task.fields[games]}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        # Refreshed on each update rather than by a background thread, so the
        # simulation may start worker processes by forking.
        auto_refresh=False,
    ) as bar:
        task = bar.add_task(_stage(lang, "simulating"), total=1, games="")

        def update(label: str, done: int, total: int) -> None:
            games = translate_count(lang, "balance.progress.games", total, done=count(done, lang), total=count(total, lang))
            bar.update(task, description=_stage(lang, label), completed=done, total=total, games=games)
            bar.refresh()

        yield update


def _stage(lang: str | None, label: str) -> str:
    """What the bar says is running (``simulating``, ``sensitivity``) in ``lang``."""
    worded = translate(lang, f"balance.progress.{label}")
    return label if worded == f"balance.progress.{label}" else worded


def _error(lang: str | None, key: str, /, **fields: object) -> None:
    print(translate(lang, f"balance.error.{key}", **fields), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    loaded = load(args.scenario)
    if loaded.scenario is None:
        for message in loaded.messages:
            print(message, file=sys.stderr)
        return loaded.exit_code
    lang = choose(getattr(args, "lang", None), loaded.scenario.meta.language)

    page = Path(args.html) if getattr(args, "html", None) else None
    if page is not None:
        from game.analysis.balance_page import unwritable

        problem = unwritable(page, lang)
        if problem is not None:
            _error(lang, "page_there", path=args.html, problem=problem)
            return 2

    from game.analysis.balance import balance
    from game.sim.engine import EngineError
    from game.sim.strategy_file import StrategyError, load_strategy

    strategies = list(dict.fromkeys(getattr(args, "strategy", None) or []))
    try:
        for spec in strategies:  # a strategy that cannot be loaded fails before anything is played
            load_strategy(spec)
        with progress_bar(sys.stderr.isatty(), lang) as progress:
            report = balance(
                loaded.scenario,
                list(args.policies) + strategies,
                args.runs,
                args.seed,
                sensitivity=bool(getattr(args, "sensitivity", False)),
                progress=progress,
            )
    except StrategyError as exc:
        print(exc.say(lang), file=sys.stderr)
        return exc.code
    except EngineError as exc:
        # The loader's checks should catch these first; if one slips through, say where.
        _error(lang, "engine", path=loaded.path, problem=exc)
        return 1

    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from game.analysis.balance_page import names
        from game.analysis.balance_text import render

        # Piped output gets room for the tables; a terminal keeps its own width.
        console = Console(highlight=False, width=None if sys.stdout.isatty() else 110)
        for part in render(report, lang, names(loaded.scenario, lang)["ending"]):
            console.print(part)
    if page is None:
        return 0
    return write_page(args, page, loaded.scenario, report, lang)


def write_page(args: argparse.Namespace, page: Path, scenario: Scenario, report: BalanceReport,
               lang: str | None = "en") -> int:
    """Write the report's web page; say where on stdout, or on stderr when stdout holds JSON."""
    from game.analysis import balance_page

    command = balance_page.command_line(args.scenario, report, report.sensitivity is not None, lang)
    try:
        balance_page.write(page, balance_page.render(report, scenario, command, lang))
    except OSError as exc:
        _error(lang, "page_write", path=args.html, problem=exc.strerror or exc)
        return 2
    print(translate(lang, "balance.page_written", path=page.resolve()), file=sys.stderr if args.json else sys.stdout)
    return 0
