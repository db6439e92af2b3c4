"""`shove validate`: check scenario files and print every problem, one per line.

Exit codes: 0 when every file is valid, 1 when any is invalid (with
``--strict``, warnings count), 2 for a path that is missing or unreadable.

Problems are said in the language chosen as the other author tools choose it:
``--lang``, else the system's, else the scenarios' own when they agree.
``--lang`` also checks the scenarios' texts in that language. ``file:line:col``
is the same in every language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.i18n import DEFAULT, choose, counted, translate, translate_count
from game.scenario.catalog import SUFFIXES, CatalogError, resolve
from game.scenario.loader import ValidationResult, validate_path


def collect(paths: list[str], lang: str = DEFAULT) -> tuple[list[Path], list[str]]:
    """The files named by PATH arguments (folders give their *.yaml) and messages for bad ones."""
    files: list[Path] = []
    troubles: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not found:
                troubles.append(translate(lang, "validate.no_yaml", folder=given))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            try:
                files.append(resolve(given))
            except CatalogError as exc:
                troubles.append(exc.say(lang))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), troubles


def summary(results: list[ValidationResult], strict: bool, lang: str = DEFAULT) -> tuple[str, int]:
    """The closing line in ``lang``, and how many files are invalid."""
    checked = [r for r in results if not r.unreadable]
    errors = sum(len(r.errors) for r in checked)
    warnings = sum(len(r.warnings) for r in checked)
    invalid = sum(1 for r in checked if r.errors or (strict and r.warnings))
    valid = len(checked) - invalid
    line = translate_count(lang, "validate.summary", len(checked), files=counted(lang, "count.files", len(checked)),
                           valid=counted(lang, "validate.valid", valid),
                           invalid=counted(lang, "validate.invalid", invalid))
    if errors or warnings:
        line += translate(lang, "validate.counts", errors=counted(lang, "count.errors", errors),
                          warnings=counted(lang, "count.warnings", warnings))
    if strict and warnings:
        line += translate(lang, "validate.strict")
    return line, invalid


def language(requested: str | None, results: list[ValidationResult]) -> str:
    """The language of the messages: the flag, else the system's, else the scenarios' own when they agree."""
    own = {r.language or (r.scenario.meta.language if r.scenario else "") for r in results} - {""}
    return choose(requested, own.pop() if len(own) == 1 else None)


def run(args: argparse.Namespace) -> int:
    requested = getattr(args, "lang", None)
    early = choose(requested)  # before any scenario is read
    files, troubles = collect(list(args.paths), early)
    for message in troubles:
        print(f"shove validate: {message}", file=sys.stderr)
    languages = [requested] if requested else []
    results = [validate_path(f, languages=languages) for f in files]
    lang = language(requested, results)
    out = sys.stdout
    for result in results:
        if result.unreadable:
            troubles.extend(str(p) for p in result.problems)
            for problem in result.problems:
                print(problem.text(lang), file=sys.stderr)
            continue
        for problem in result.problems:
            out.write(f"{problem.text(lang)}\n")
    line, invalid = summary(results, bool(args.strict), lang)
    out.write(line + "\n")
    broken = 0
    if getattr(args, "saves", None):
        folder = Path(args.saves)
        if not folder.is_dir():
            print(f"shove validate: {translate(lang, 'validate.no_saves', folder=folder)}", file=sys.stderr)
            return 2
        broken = check_saves_for(results, folder, out, lang)
    if troubles:
        return 2
    return 1 if invalid or broken else 0


def check_saves_for(results: list[ValidationResult], folder: Path, out: TextIO, lang: str = DEFAULT) -> int:
    """Print, in ``lang``, which saves in ``folder`` replay on each valid scenario; the number that break."""
    from game.session.compat import check_saves

    broken = 0
    for result in results:
        if result.scenario is None or result.unreadable:
            continue
        checks = [c for c in check_saves(result.scenario, Path(result.path), folder, lang) if c.verdict != "other"]
        for check in checks:
            out.write(f"{check.say(lang)}\n")
        broken += sum(1 for c in checks if c.verdict in ("breaks", "unreadable"))
        still = sum(1 for c in checks if c.verdict in ("replays", "changed"))
        out.write(translate_count(lang, "save_check.summary", still, file=result.path, still=still,
                                  total=len(checks)) + "\n")
    return broken
