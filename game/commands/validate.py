"""`shove validate`: check scenario files and print every problem, one per line.

Exit codes: 0 when every file is valid, 1 when any is invalid (with
``--strict``, warnings count), 2 for a path that is missing or unreadable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.i18n import counted
from game.scenario.catalog import SUFFIXES, CatalogError, resolve
from game.scenario.loader import ValidationResult, validate_path


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files named by PATH arguments (folders give their *.yaml) and messages for bad ones."""
    files: list[Path] = []
    troubles: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not found:
                troubles.append(f"{given}: no .yaml files in this folder")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            try:
                files.append(resolve(given))
            except CatalogError as exc:
                troubles.append(str(exc))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), troubles


def summary(results: list[ValidationResult], strict: bool) -> tuple[str, int]:
    """The closing line, and how many files are invalid."""
    checked = [r for r in results if not r.unreadable]
    errors = sum(len(r.errors) for r in checked)
    warnings = sum(len(r.warnings) for r in checked)
    invalid = sum(1 for r in checked if r.errors or (strict and r.warnings))
    line = f"{counted('en', 'count.files', len(checked))} checked: {len(checked) - invalid} valid, {invalid} invalid"
    if errors or warnings:
        line += f" ({counted('en', 'count.errors', errors)}, {counted('en', 'count.warnings', warnings)})"
    if strict and warnings:
        line += "; warnings count as errors with --strict"
    return line, invalid


def run(args: argparse.Namespace) -> int:
    files, troubles = collect(list(args.paths))
    for message in troubles:
        print(f"shove validate: {message}", file=sys.stderr)
    languages = [args.lang] if getattr(args, "lang", None) else []
    results = [validate_path(f, languages=languages) for f in files]
    out = sys.stdout
    for result in results:
        if result.unreadable:
            troubles.extend(str(p) for p in result.problems)
            for problem in result.problems:
                print(problem, file=sys.stderr)
            continue
        for problem in result.problems:
            out.write(f"{problem}\n")
    line, invalid = summary(results, bool(args.strict))
    out.write(line + "\n")
    broken = 0
    if getattr(args, "saves", None):
        folder = Path(args.saves)
        if not folder.is_dir():
            print(f"shove validate: {folder}: no such folder of saves", file=sys.stderr)
            return 2
        broken = check_saves_for(results, folder, out)
    if troubles:
        return 2
    return 1 if invalid or broken else 0


def check_saves_for(results: list[ValidationResult], folder: Path, out: TextIO) -> int:
    """Print which saves in ``folder`` replay on each valid scenario; the number that break."""
    from game.session.compat import check_saves

    broken = 0
    for result in results:
        if result.scenario is None or result.unreadable:
            continue
        checks = [c for c in check_saves(result.scenario, Path(result.path), folder) if c.verdict != "other"]
        for check in checks:
            out.write(f"{check}\n")
        broken += sum(1 for c in checks if c.verdict in ("breaks", "unreadable"))
        still = sum(1 for c in checks if c.verdict in ("replays", "changed"))
        out.write(f"saves of {result.path}: {still} of {len(checks)} still replay\n")
    return broken
