"""What `shove play` opens first, checked before any window appears.

A bad scenario or save is reported on stderr as ``path:line:col: message``
and the window never opens, as for every other `shove` command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.scenario.schema import Scenario
from game.ui.app import LaunchError

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.base import Screen

Opener = Callable[["App"], "Screen"]


def prepare(args: argparse.Namespace) -> Opener:
    """Check the command line's files; return how to build the first screen once the window exists."""
    from game.ui import flow
    from game.ui.app import parse_size

    parse_size(getattr(args, "size", None))
    if getattr(args, "workshop", None):
        return _workshop_seat(args)
    if getattr(args, "load", None):
        from game.session import persistence
        from game.session.saves import SaveError

        path = Path(args.load)
        scenario = source = None
        if args.scenario:
            source = _resolve(args.scenario)
            scenario = _load(source)
        try:
            session = persistence.load_session(path, scenario, source_path=source, lang=args.lang)
        except SaveError as exc:
            raise LaunchError(str(exc)) from None
        from game.ui.play import Playthrough

        play = Playthrough(session)

        def resume(app: App) -> Screen:
            if session.notice:
                app.notify(session.notice)
            return flow.screen_for(app, play)

        return resume
    if getattr(args, "scenario", None):
        source = _resolve(args.scenario)
        scenario = _load(source)
        from game.seeds import new_seed

        seed = args.seed if args.seed is not None else new_seed()
        return lambda app: app.open("briefing", scenario, source, seed)

    return lambda app: app.open("title")


def _text_language(args: argparse.Namespace) -> str | None:
    """The language scenario texts are shown in, chosen as the window chooses it (see App.text_lang)."""
    from game import i18n

    return getattr(args, "lang", None) or i18n.system_language()


def _workshop_seat(args: argparse.Namespace) -> Opener:
    """A team's seat in a workshop folder: resumed from its session file, or a new game on the pinned seed."""
    from game.i18n import translate
    from game.workshop.config import load_workshop
    from game.workshop.files import SessionFileError
    from game.workshop.problems import WorkshopError, say_problem
    from game.workshop.seat import TeamSeat

    if not args.team:
        raise LaunchError(translate(_text_language(args), "workshop.launch.no_team"), 2)
    try:
        workshop = load_workshop(args.workshop)
        seat = TeamSeat.open(workshop, args.team, lang=_text_language(args))
    except WorkshopError as exc:
        said = (say_problem(p, _text_language(args)) for p in exc.problems[:5])
        raise LaunchError("\n".join(said) or str(exc)) from None
    except SessionFileError as exc:
        raise LaunchError(f"{exc.path}: {exc.say(_text_language(args))}") from None
    except OSError as exc:
        raise LaunchError(translate(_text_language(args), "workshop.launch.unreadable", folder=args.workshop,
                                    detail=exc.strerror or exc), 2) from None
    from game.ui.play import Playthrough

    play = Playthrough(seat.session, seat)

    def open_seat(app: App) -> Screen:
        from game.ui import flow

        if not seat.session.history:
            return app.open("briefing", seat.session.scenario, seat.session.source_path, seat.session.seed, play=play)
        return flow.screen_for(app, play)

    return open_seat


def _resolve(name: str) -> Path:
    from game.ui import library

    try:
        return library.resolve(name)
    except library.ScenarioLoadError as exc:
        raise LaunchError(str(exc), 2) from None


def _load(path: Path) -> Scenario:
    from game.ui import library

    try:
        return library.load(path)
    except library.ScenarioLoadError as exc:
        raise LaunchError(str(exc)) from None
