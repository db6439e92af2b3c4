"""`shove test`: check the expectations written in scenarios, by simulation.

Each bound is judged against a 99% confidence interval (see
`game.analysis.expectations` for the tests used and why). Exit codes: 0 when
nothing failed (inconclusive checks are listed but do not fail), 1 when an
expectation failed or a scenario is invalid, 2 when a path cannot be read
(this wins, so a mistyped path is never mistaken for a passing run).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.analysis.sources import builtin_dir, load_path


def scenario_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The scenario files to check, and messages about paths that cannot be read."""
    if not paths:
        folder = builtin_dir()
        return sorted(folder.glob("*.yaml")), ([] if folder.is_dir() else [f"{folder}: no built-in scenarios folder"])
    files: list[Path] = []
    unreadable: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.glob("*.yaml"))
            if not found:
                unreadable.append(f"{path}: no *.yaml scenario files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            unreadable.append(f"{path}: cannot read: no such file or folder")
    return files, unreadable


def _shown(path: Path) -> str:
    """A path as short as it can be said from here."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run(args: argparse.Namespace) -> int:
    from game.analysis.expectations_run import check_scenario, format_results
    from game.sim.engine import EngineError

    files, unreadable = scenario_files(list(args.paths))
    for message in unreadable:
        print(message, file=sys.stderr)

    failures = invalid = inconclusive = passed = without = 0
    for path in files:
        loaded = load_path(path)
        if loaded.scenario is None:
            for message in loaded.messages:
                print(message, file=sys.stderr)
            if loaded.exit_code == 2:
                unreadable.append(str(path))
            else:
                invalid += 1
            continue
        scenario = loaded.scenario
        if not scenario.expectations:
            print(f"{_shown(path)}: no expectations to check")
            without += 1
            continue
        try:
            results = check_scenario(scenario)
        except EngineError as exc:
            print(f"{path}: error: the simulation cannot use this scenario: {exc}", file=sys.stderr)
            invalid += 1
            continue
        for line in format_results(_shown(path), results):
            print(line)
        sys.stdout.flush()
        failures += sum(r.verdict in ("fail", "error") for r in results)
        inconclusive += sum(r.verdict == "inconclusive" for r in results)
        passed += sum(r.verdict == "pass" for r in results)

    parts = [f"{passed} passed", f"{failures} failed", f"{inconclusive} inconclusive"]
    if invalid:
        parts.append(f"{invalid} invalid scenario{'s' if invalid != 1 else ''}")
    if without:
        parts.append(f"{without} scenario{'s' if without != 1 else ''} without expectations")
    if unreadable:
        parts.append(f"{len(unreadable)} unreadable")
    print("; ".join(parts) + ".")
    if passed or failures or inconclusive:
        print(
            "Each bound is judged on a 99% confidence interval (Wilson score for rates, Student's t "
            "for the mean score): PASS when the interval lies inside the bound, FAIL when it lies "
            "outside, UNSURE when it straddles the bound even after four times the runs; UNSURE "
            "does not fail the test."
        )
    if unreadable:
        return 2
    return 1 if failures or invalid else 0
