"""The `shove` command: argument parsing and dispatch, nothing else.

Each subcommand lives in its own module under ``game.commands`` and is
imported only when used, so ``shove validate`` never pays for pygame and
``shove --help`` starts instantly. A command module exposes
``run(args: argparse.Namespace) -> int`` (the exit code).

Exit codes: 0 success, 1 a problem with the input (an invalid scenario, a
failed expectation), 2 usage errors or unreadable paths.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from game.scenario.schema import POLICIES


def _policy_list(text: str) -> list[str]:
    names = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in names if p not in POLICIES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown policy {', '.join(unknown) or '(none)'}; choose from {', '.join(POLICIES)}"
        )
    return names


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} must be a number above 0")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a whole number from 0 to 65535")
    return value


def _seed(text: str) -> int:
    from game.seeds import read_seed

    value = read_seed(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a seed: give a whole number, such as 482913 (at most 2^63-1)")
    return value


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.5 <= value <= 3.0:
        raise argparse.ArgumentTypeError("the UI scale is between 0.5 and 3.0")
    return value


def _policy_or_strategy(p: argparse.ArgumentParser) -> None:
    """``--policy P`` or ``--strategy FILE.py:NAME``: exactly one of them."""
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--policy", choices=POLICIES, help="a built-in policy")
    who.add_argument("--strategy", metavar="FILE.py:NAME",
                     help="your own strategy: the class or object NAME in a Python file (docs/authoring.md)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shove",
        description="Push Comes to Shove: lead change across a health system you do not control.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("play", help="play a scenario (the title screen when none is given)")
    p.add_argument("scenario", nargs="?", help="a scenario file or a built-in id such as system_reform")
    p.add_argument("--seed", type=_seed, help="the luck of this game (random when absent)")
    p.add_argument("--load", metavar="SAVE", help="resume a saved game")
    p.add_argument("--text", action="store_true", help="play in the terminal (screen-reader friendly)")
    p.add_argument("--author", action="store_true", help="author mode: reload the scenario on save, show raw state")
    p.add_argument("--lang", help="language of the texts, such as en or fr")
    p.add_argument("--workshop", metavar="DIR", help="play as a team in a workshop folder")
    p.add_argument("--team", help="the team name, with --workshop")
    p.add_argument("--fullscreen", action="store_true", help="start in full screen (F11 toggles)")
    p.add_argument("--scale", type=_scale, help="UI scale for projectors, 0.5 to 3.0")
    p.add_argument("--autoplay", choices=POLICIES, help="let a built-in policy play, at a watchable pace")
    p.add_argument("--screenshots", metavar="DIR", help="save a PNG of each new screen into DIR")
    p.add_argument("--quit-at-end", action="store_true", help="close once the debrief is drawn")
    p.add_argument("--size", metavar="WxH", help="window size, such as 1280x720")
    p.set_defaults(module="play")

    p = sub.add_parser(
        "validate", help="check scenario files and print every problem",
        epilog="exit codes: 0 every file is valid; 1 any file is invalid (with --strict, any warning too); "
        "2 a path cannot be read (a missing file, a folder with no .yaml file, a missing --saves folder), "
        "which wins over 1",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument(
        "--strict", action="store_true",
        help="treat warnings as errors: a flag.NAME read but never set (a misspelt flag), a hint after the "
        "last turn, a doubtful unquoted value such as `yes`... make the file invalid (exit 1)",
    )
    p.add_argument("--saves", metavar="DIR", help="also say which saves in DIR still replay")
    p.add_argument(
        "--lang",
        help="say problems in this language, and check that the scenarios' texts are translated into it "
        "(without it, problems follow the system's language, else the scenario's, and only the languages "
        "a scenario lists are checked)",
    )
    p.set_defaults(module="validate")

    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--lang", help="language of the messages, such as en or fr")
    p.set_defaults(module="schema")

    p = sub.add_parser("scenarios", help="list built-in and user scenarios")
    p.add_argument("--path", action="store_true", help="print the user scenarios folder")
    p.add_argument("--lang", help="language of the messages, such as en or fr")
    p.set_defaults(module="scenarios")

    p = sub.add_parser("run", help="play one game with a built-in policy or your own strategy and print the result")
    p.add_argument("scenario", help="a scenario file or built-in id")
    _policy_or_strategy(p)
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--trace", action="store_true",
                   help="also show every turn: decisions, events and answers, trust, support, progress and metrics")
    p.add_argument("--lang", help="language of the messages, such as en or fr")
    p.set_defaults(module="run")

    p = sub.add_parser("balance", help="simulate thousands of games per policy and report balance")
    p.add_argument("scenario", help="a scenario file or built-in id")
    p.add_argument("--runs", type=_positive_int, default=2000, help="games per policy (default 2000)")
    p.add_argument("--policies", type=_policy_list, default=list(POLICIES), help="comma-separated policies")
    p.add_argument("--strategy", action="append", default=[], metavar="FILE.py:NAME",
                   help="also play your own strategy (docs/authoring.md); repeat for several")
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--sensitivity", action="store_true",
                   help="rank the numbers you edit (parameters, positions, costs, strengths, ending thresholds, "
                   "event probabilities) by how far ±20%% moves each policy's mean score and outcomes")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--html", metavar="FILE", help="also write the report as a self-contained web page with charts")
    p.add_argument("--lang", help="language of the tables and the web page, such as en or fr (JSON stays as it is)")
    p.set_defaults(module="balance")

    p = sub.add_parser(
        "audit",
        help="search the strategy space: best simple rule, expert reference, event choices, actions, verdicts",
    )
    p.add_argument("scenario", help="a scenario file or built-in id")
    p.add_argument("--budget", type=_positive_float, default=60.0,
                   help="seconds the search may take at most (default 60); the report says what was cut short")
    p.add_argument("--runs", type=_positive_int, help="games on which the best rules are measured (default 2000)")
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--strategy", action="append", default=[], metavar="FILE.py:NAME",
                   help="also measure your own strategy on the best rule's games (docs/authoring.md); repeat for several")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--html", metavar="FILE", help="also write the report as a web page")
    p.add_argument("--lang", help="language of the report, such as en or fr (JSON stays as it is)")
    p.set_defaults(module="audit")

    p = sub.add_parser("new", help="write a new commented scenario to start from")
    p.add_argument("name", help="the scenario's id (lower case, digits, underscores)")
    p.add_argument("--dir", default=".", help="folder to write into (default: here)")
    p.add_argument("--lang", help="language of the messages, such as en or fr")
    p.set_defaults(module="new")

    p = sub.add_parser("test", help="check the expectations written in scenarios")
    p.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders (default: built-ins)")
    p.add_argument("--lang", help="language of the results, such as en or fr")
    p.set_defaults(module="test")

    w = sub.add_parser("workshop", help="run a workshop with several teams")
    wsub = w.add_subparsers(dest="workshop_command", metavar="ACTION", required=True)
    q = wsub.add_parser("new", help="create a workshop folder")
    q.add_argument("dir")
    q.add_argument("--scenario", required=True)
    q.add_argument("--teams", required=True, help="comma-separated team names")
    q.add_argument("--seed", type=_seed)
    q.add_argument("--hide-forecasts", action="store_true")
    q.add_argument("--predict", action="store_true")
    q.add_argument("--decision-seconds", type=_positive_int)
    q.add_argument("--inject", action="append", default=[], metavar="EVENT@TURN")
    q.add_argument("--lang", help="language of the messages, such as en or fr")
    q = wsub.add_parser("fill", help="let a built-in policy or your own strategy play an empty seat")
    q.add_argument("dir")
    q.add_argument("--team", required=True)
    _policy_or_strategy(q)
    q.add_argument("--lang", help="language of the messages, such as en or fr")
    q = wsub.add_parser("report", help="write the comparative HTML report and CSV")
    q.add_argument("dir")
    q.add_argument("--out", metavar="FILE")
    q.add_argument("--lang", help="language of the report, such as en or fr")
    q = wsub.add_parser("board", help="a live projector board of every team")
    q.add_argument("dir")
    q.add_argument("--lang", help="language of the board, such as en or fr")
    q = wsub.add_parser("serve", help="teams play in a browser on the room's network",
                        description="Serve the workshop to browsers: each team plays from any laptop or phone on "
                        "the room's network, the facilitator runs pauses, injects and the report from a console.")
    q.add_argument("dir")
    q.add_argument("--host", help="the address to listen on (default 127.0.0.1: this computer only; "
                   "0.0.0.0: every network this computer is on)")
    q.add_argument("--port", type=_port, help="the port to listen on (default 8765; 0: any free port)")
    q.add_argument("--lang", help="language of the messages and the teams' default, such as en or fr")
    w.set_defaults(module="workshop")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no library banner in our output
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "module", None):
        parser.print_help()
        return 2
    module = importlib.import_module(f"game.commands.{args.module}")
    try:
        code: int = module.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return code
