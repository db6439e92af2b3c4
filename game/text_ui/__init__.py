"""The terminal game: `shove play SCENARIO --text [--seed N] [--load SAVE]`.

Screen-reader friendly and scriptable: plain lines, labels before values, no
cursor movement, colour only on a real terminal (and never with ``NO_COLOR``);
``SHOVE_NO_BARS=1`` leaves out the bar pictures so only the numbers are read.
Choices are read line by line from standard input, so a game can be piped in;
when input ends the game is autosaved and the command to resume is printed.
With ``--workshop DIR --team NAME`` a team plays its seat in a workshop
(see :mod:`game.text_ui.team`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game import i18n, paths
from game.i18n import t
from game.scenario.problems import ScenarioError
from game.scenario.schema import Scenario
from game.seeds import new_seed
from game.session import SaveError, Session, persistence, sources
from game.text_ui.game import TextGame
from game.text_ui.render import Terminal, fit


def run(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Play in the terminal; returns the exit code (0 also when input ends: the game is saved)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    _tolerate_narrow_encodings(stdout)
    previous = i18n.language()
    i18n.set_language(getattr(args, "lang", None))
    try:
        if getattr(args, "workshop", None):
            from game.text_ui.team import run_team

            return run_team(args, stdin, stdout)
        return _play(args, stdin, stdout)
    finally:
        i18n.set_language(previous)


def _play(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    term = Terminal.detect(stdout)
    lang: str | None = getattr(args, "lang", None)
    scenario_arg: str | None = args.scenario
    try:
        scenario: Scenario | None = None
        source: Path | None = None
        if scenario_arg is None and not args.load:
            scenario_arg = pick_scenario(stdin, stdout)
            if scenario_arg is None:
                return 0
        if scenario_arg is not None:
            source = sources.resolve(scenario_arg)
            scenario = sources.load_scenario(source)
        if args.load:
            if args.seed is not None:
                print(t("text.load.seed_ignored"), file=sys.stderr)
            session = _load(Path(args.load), scenario, source, lang)
            if scenario_arg is None:
                scenario_arg = str(session.source_path) if session.source_path else session.scenario_id
        else:
            assert scenario is not None
            seed = args.seed if args.seed is not None else new_seed()
            session = Session.new(scenario, seed, source, lang=lang)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.text(i18n.language()), file=sys.stderr)
        return 1
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return 1
    except LookupError as exc:
        print(t("text.unknown_scenario", scenario=scenario_arg, problem=exc), file=sys.stderr)
        return 2
    resume_as = scenario_arg or session.scenario_id
    return TextGame(session, resume_as, stdin, stdout, term).play()


def _load(path: Path, scenario: Scenario | None, source: Path | None, lang: str | None) -> Session:
    """Resume a save; for the autosave, fall back to the previous one when the newest is damaged."""
    newest = paths.autosave_path(create=False)
    if path.resolve() != newest.resolve():
        return Session.load(path, scenario, source_path=source, lang=lang)
    session, used, skipped = persistence.load_autosave(scenario, source_path=source, newest=newest, lang=lang)
    for problem in skipped:
        print(f"{problem}\n" + t("text.load.previous_autosave", path=used), file=sys.stderr)
    return session


def pick_scenario(stdin: TextIO, stdout: TextIO) -> str | None:
    """List the scenarios and ask which to play; None when input ends."""
    entries = sources.available()
    if not entries:
        print(t("text.pick.none"), file=stdout)
        return None
    print(t("text.pick.title"), file=stdout)
    for n, (ident, title, note) in enumerate(entries, start=1):
        for line in fit(f"{n:>2}. {title} ({ident}): {note}", 80):
            print(line, file=stdout)
    while True:
        stdout.write(t("text.pick.prompt") + " ")
        stdout.flush()
        line = stdin.readline(4096)
        if not line:
            print("", file=stdout)
            return None
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(entries):
            return entries[int(text) - 1][0]
        if any(text == e[0] for e in entries):
            return text
        print(t("text.sorry", problem=t("text.pick.problem", count=len(entries))), file=stdout)


def _tolerate_narrow_encodings(stream: TextIO) -> None:
    """On a console that cannot show the bar characters, print `?` rather than fail."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "█░─═●£".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
