"""`shove workshop new|fill|report|board|serve`: workshops with several teams on the same luck.

Everything a facilitator reads here is in their language: ``--lang`` where the subcommand has it,
else the system's, else (once the workshop is read) its scenario's. Exit codes and the files
written are the same in every language.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from game import i18n
from game.i18n import translate, translate_count
from game.i18n.numbers import number
from game.workshop.config import Workshop, load_workshop, parse_inject
from game.workshop.problems import WorkshopError, say_problem


def run(args: argparse.Namespace) -> int:
    action = args.workshop_command
    lang = i18n.choose(getattr(args, "lang", None))  # until the workshop's scenario is known
    try:
        if action == "new":
            return _new(args, lang)
        workshop = load_workshop(args.dir)
        lang = _language(args, workshop)
        for warning in workshop.warnings:
            _err(say_problem(warning, lang))
        if action == "fill":
            return _fill(args, workshop, lang)
        if action == "report":
            return _report(args, workshop, lang)
        if action == "board":
            from game.workshop.board import run_board

            return run_board(workshop, lang=lang)
        if action == "serve":
            from game.web.serve import run as serve

            return serve(args, lang)
    except WorkshopError as exc:
        for problem in exc.problems:
            _err(say_problem(problem, lang))
        return 1
    _err(translate(lang, "workshop.cli.unknown_action", action=repr(action)))
    return 2


def _language(args: argparse.Namespace, workshop: Workshop) -> str:
    """The facilitator's language, chosen as the game chooses it: ``--lang`` when the command has
    it, else the system's, else the scenario's."""
    return i18n.choose(getattr(args, "lang", None), workshop.base_scenario.meta.language)


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def _new(args: argparse.Namespace, lang: str) -> int:
    from game.workshop.create import CreateError, NewWorkshop, create

    teams = [t.strip() for t in args.teams.split(",") if t.strip()]
    injects = []
    for text in args.inject:
        try:
            injects.append(parse_inject(text))
        except ValueError:
            _err(translate(lang, "workshop.cli.bad_inject", text=text))
            return 2
    request = NewWorkshop(
        folder=Path(args.dir),
        scenario=args.scenario,
        teams=teams,
        seed=args.seed,
        hide_forecasts=args.hide_forecasts,
        predict=args.predict,
        decision_seconds=args.decision_seconds,
        injects=injects,
        lang=lang,
    )
    if args.decision_seconds is not None and not 10 <= args.decision_seconds <= 3600:
        _err(translate(lang, "workshop.cli.decision_seconds"))
        return 2
    try:
        workshop = create(request)
    except CreateError as exc:
        _err(exc.say(lang))
        return 1
    except OSError as exc:
        _err(translate(lang, "workshop.cli.folder_unwritable", folder=args.dir, detail=exc.strerror or exc))
        return 2
    folder = workshop.folder
    count = len(workshop.teams)
    print(translate_count(lang, "workshop.cli.ready", count, folder=folder,
                    count=count, scenario=workshop.base_scenario.meta.id, seed=workshop.seed))
    print(translate(lang, "workshop.cli.word", word=workshop.file.facilitator_word))
    asked = i18n.supported(getattr(args, "lang", None))
    if asked is None:
        print(translate(lang, "workshop.cli.play_with", folder=folder))
    else:  # teams play in the language the facilitator chose, unless they ask for another
        print(translate(lang, "workshop.cli.play_with_lang", folder=folder, lang=asked))
    return 0


def _fill(args: argparse.Namespace, workshop: Workshop, lang: str) -> int:
    from game.sim.strategy_file import Strategy, StrategyError, resolve_policy
    from game.workshop.files import SessionFileError
    from game.workshop.fill import fill

    try:
        player = resolve_policy(getattr(args, "policy", None), getattr(args, "strategy", None))
        seat = fill(workshop, args.team, player, lang)
    except StrategyError as exc:
        _err(exc.say(lang))
        return exc.code
    except SessionFileError as exc:
        _err(translate(lang, "workshop.cli.file_problem", file=exc.path, problem=exc.say(lang)))
        return 1
    except OSError as exc:
        _err(translate(lang, "workshop.cli.session_unwritable", folder=args.dir, detail=exc.strerror or exc))
        return 2
    ending = seat.session.ending
    if ending:
        outcome = translate(lang, f"outcome.{ending.outcome}.short")
        result = translate(lang, "workshop.cli.result", ending=ending.title, outcome=outcome,
                           score=number(ending.score, lang))
    else:
        result = translate(lang, "workshop.cli.unfinished")
    if isinstance(player, Strategy):
        print(translate(lang, "workshop.cli.filled_strategy", team=seat.team, name=player.name, file=player.path,
                        result=result, path=seat.path))
    else:
        print(translate(lang, "workshop.cli.filled", team=seat.team, policy=args.policy,
                        name=translate(lang, f"policy.{args.policy}"), result=result, path=seat.path))
    return 0


def _report(args: argparse.Namespace, workshop: Workshop, lang: str) -> int:
    from game.workshop.report import write

    started = time.perf_counter()
    out = Path(args.out) if args.out else None
    try:
        html_path, csv_path, report = write(workshop, out, lang)
    except OSError as exc:
        _err(translate(lang, "workshop.cli.report_unwritable", path=args.out or args.dir, detail=exc.strerror or exc))
        return 2
    for message in report.collected.skipped:
        _err(translate(lang, "workshop.cli.skipped", message=message))
    for team in report.teams:
        for flag in team.result.flags:
            _err(translate(lang, "workshop.cli.note", team=team.team, flag=flag))
    if report.collected.missing:
        _err(translate(lang, "workshop.cli.missing", teams=", ".join(report.collected.missing)))
    took = time.perf_counter() - started
    count = len(report.teams)
    print(translate_count(lang, "workshop.cli.written", count, count=count,
                    html=html_path, csv=csv_path, seconds=number(took, lang)))
    return 0
