"""`shove audit`: search a scenario's strategy space for what breaks its dilemma.

Prints the best simple rule, the expert reference, the skill gap, event
choices, actions and verdicts in the author's language (``--lang``, else the
system's, else the scenario's); ``--json`` prints the object PRODUCT.md
specifies (warnings in English); ``--html FILE`` also writes a web page.
``--strategy FILE.py:NAME`` (repeatable) plays the author's own strategy on
the same games as the best simple rule and shows it beside it.
A progress display goes to stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from game.analysis.sources import load
from game.i18n import choose, translate

Stage = Callable[[str, float], None]


@contextmanager
def progress_bar(enabled: bool, lang: str | None) -> Iterator[Stage | None]:
    """A rich progress bar on stderr, one stage at a time, when it is a terminal."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=Console(file=sys.stderr), transient=True, auto_refresh=False,
    ) as bar:
        task = bar.add_task(translate(lang, "audit.progress.search"), total=1.0)

        def update(stage: str, done: float) -> None:
            bar.update(task, description=translate(lang, f"audit.progress.{stage}"), completed=done, total=1.0)
            bar.refresh()

        yield update


def run(args: argparse.Namespace) -> int:
    loaded = load(args.scenario)
    if loaded.scenario is None:
        for message in loaded.messages:
            print(message, file=sys.stderr)
        return loaded.exit_code
    scenario = loaded.scenario
    lang = choose(getattr(args, "lang", None), scenario.meta.language)
    page = Path(args.html) if getattr(args, "html", None) else None
    if page is not None:
        from game.analysis.balance_page import unwritable

        problem = unwritable(page, lang)
        if problem is not None:
            print(translate(lang, "balance.error.page_there", path=args.html, problem=problem), file=sys.stderr)
            return 2

    from game.analysis.audit import AuditSettings, audit
    from game.analysis.audit_text import render, warnings_of
    from game.analysis.rule_words import describe_rule
    from game.sim.engine import Engine
    from game.sim.policies import Policy
    from game.sim.strategy_file import StrategyError, load_strategy

    settings = AuditSettings(seed=args.seed, budget=args.budget)
    if args.runs is not None:
        settings = replace(settings, runs=args.runs)
    try:
        # A strategy that cannot be loaded fails before anything is played.
        strategies: dict[str, Policy] = {
            spec: load_strategy(spec) for spec in dict.fromkeys(getattr(args, "strategy", None) or [])
        }
        with progress_bar(sys.stderr.isatty(), lang) as progress:
            report = audit(scenario, settings, progress, strategies)
    except StrategyError as exc:
        print(exc.say(lang), file=sys.stderr)
        return exc.code
    engine = Engine(scenario)
    if args.json:
        data = report.to_json(describe_rule(engine, report.best_simple.book, "en"), warnings_of(report, "en"))
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
        for part in render(report, engine, lang):
            console.print(part)
    if page is None:
        return 0
    from game.analysis import audit_page, balance_page

    try:
        balance_page.write(page, audit_page.render(report, engine, lang))
    except OSError as exc:
        print(translate(lang, "balance.error.page_write", path=args.html, problem=exc.strerror or exc), file=sys.stderr)
        return 2
    print(translate(lang, "audit.page_written", path=page.resolve()), file=sys.stderr if args.json else sys.stdout)
    return 0
