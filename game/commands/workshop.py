"""`shove workshop new|fill|report|board`: workshops with several teams on the same luck."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from game.workshop.config import Workshop, WorkshopError, load_workshop, parse_inject


def run(args: argparse.Namespace) -> int:
    action = args.workshop_command
    try:
        if action == "new":
            return _new(args)
        workshop = load_workshop(args.dir)
        for warning in workshop.warnings:
            print(warning, file=sys.stderr)
        if action == "fill":
            return _fill(args, workshop)
        if action == "report":
            return _report(args, workshop)
        if action == "board":
            from game.workshop.board import run_board

            return run_board(workshop, lang=_language(args, workshop))
    except WorkshopError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"unknown workshop action {action!r}", file=sys.stderr)
    return 2


def _language(args: argparse.Namespace, workshop: Workshop) -> str:
    """The facilitator's language, chosen as the game chooses it: ``--lang`` when the command has
    it, else the system's, else the scenario's."""
    from game import i18n

    return i18n.choose(getattr(args, "lang", None), workshop.base_scenario.meta.language)


def _new(args: argparse.Namespace) -> int:
    from game.workshop.create import CreateError, NewWorkshop, create

    teams = [t.strip() for t in args.teams.split(",") if t.strip()]
    try:
        injects = [parse_inject(text) for text in args.inject]
    except ValueError as exc:
        print(f"--inject: {exc}", file=sys.stderr)
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
    )
    if args.decision_seconds is not None and not 10 <= args.decision_seconds <= 3600:
        print("--decision-seconds: give between 10 and 3600 seconds", file=sys.stderr)
        return 2
    try:
        workshop = create(request)
    except CreateError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{args.dir}: the workshop folder cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return 2
    folder = workshop.folder
    print(f"Workshop ready in {folder}: {len(workshop.teams)} teams on {workshop.base_scenario.meta.id}, "
          f"seed {workshop.seed}.")
    print(f"Facilitator's word to end a discussion pause: {workshop.file.facilitator_word}")
    print(f"Each team plays with: shove play --workshop {folder} --team NAME --text")
    return 0


def _fill(args: argparse.Namespace, workshop: Workshop) -> int:
    from game.workshop.files import SessionFileError
    from game.workshop.fill import fill

    try:
        seat = fill(workshop, args.team, args.policy)
    except SessionFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{args.dir}: the session file cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return 2
    ending = seat.session.ending
    result = f"{ending.title} ({ending.outcome}), score {ending.score:.1f}" if ending else "unfinished"
    print(f"{seat.team}: played by the {args.policy} policy: {result}. Saved in {seat.path}")
    return 0


def _report(args: argparse.Namespace, workshop: Workshop) -> int:
    from game.workshop.report import write

    started = time.perf_counter()
    out = Path(args.out) if args.out else None
    try:
        html_path, csv_path, report = write(workshop, out, _language(args, workshop))
    except OSError as exc:
        print(f"{args.out or args.dir}: the report cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return 2
    for message in report.collected.skipped:
        print(f"skipped {message}", file=sys.stderr)
    for team in report.teams:
        for flag in team.result.flags:
            print(f"note: {team.team}: {flag}", file=sys.stderr)
    if report.collected.missing:
        print(f"no session yet from: {', '.join(report.collected.missing)}", file=sys.stderr)
    took = time.perf_counter() - started
    count = len(report.teams)
    print(f"Report on {count} team{'s' if count != 1 else ''} written to {html_path} and {csv_path} in {took:.1f} s.")
    return 0
