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
import secrets
import sys
from pathlib import Path
from typing import TextIO

from game import paths
from game.scenario.problems import ScenarioError
from game.scenario.schema import Scenario
from game.session import SaveError, Session, persistence, sources
from game.text_ui.game import TextGame
from game.text_ui.render import Terminal, fit


def run(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Play in the terminal; returns the exit code (0 also when input ends: the game is saved)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    _tolerate_narrow_encodings(stdout)
    if getattr(args, "workshop", None):
        from game.text_ui.team import run_team

        return run_team(args, stdin, stdout)
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
                print("The save holds its own seed, so --seed is ignored when loading.", file=sys.stderr)
            session = _load(Path(args.load), scenario, source, lang)
            if scenario_arg is None:
                scenario_arg = str(session.source_path) if session.source_path else session.scenario_id
        else:
            assert scenario is not None
            seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
            session = Session.new(scenario, seed, source, lang=lang)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return 1
    except LookupError as exc:
        print(f"{scenario_arg}: {exc}. List the scenarios with: shove scenarios", file=sys.stderr)
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
        print(f"{problem}\nLoaded the previous autosave instead: {used}", file=sys.stderr)
    return session


def pick_scenario(stdin: TextIO, stdout: TextIO) -> str | None:
    """List the scenarios and ask which to play; None when input ends."""
    entries = sources.available()
    if not entries:
        print("There are no scenarios to play. Make one with: shove new NAME", file=stdout)
        return None
    print("Scenarios:", file=stdout)
    for n, (ident, title, note) in enumerate(entries, start=1):
        for line in fit(f"{n:>2}. {title} ({ident}): {note}", 80):
            print(line, file=stdout)
    while True:
        stdout.write("Which scenario? (number): ")
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
        print(f"Sorry: type a number from 1 to {len(entries)}.", file=stdout)


def _tolerate_narrow_encodings(stream: TextIO) -> None:
    """On a console that cannot show the bar characters, print `?` rather than fail."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "█░─═●£".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
