"""`shove test`: check the expectations written in scenarios, by simulation.

Each bound is judged against a 99% confidence interval (see
`game.analysis.expectations` for the tests used and why). Exit codes: 0 when
nothing failed (unsure checks are listed but do not fail), 1 when an
expectation failed or a scenario is invalid, 2 when a path cannot be read
(this wins, so a mistyped path is never mistaken for a passing run).

Audit expectations (``audit:`` instead of ``policy:``) run one `shove audit`
per scenario: seed 0, its default settings with the expectations' ``runs``,
no time budget (about a minute on the flagship).

The results are in the author's language: ``--lang``, else the system's, else
the language the scenarios checked are written in (when they all share one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.analysis.sources import Loaded, builtin_dir, load_path
from game.i18n import choose, translate, translate_count

# Languages in which "0" takes the singular, as "1" does ("0 échoué").


def scenario_files(paths: list[str], lang: str | None = "en") -> tuple[list[Path], list[str]]:
    """The scenario files to check, and messages (in ``lang``) about paths that cannot be read."""
    if not paths:
        folder = builtin_dir()
        missing = [] if folder.is_dir() else [translate(lang, "test.path.no_builtin", path=folder)]
        return sorted(folder.glob("*.yaml")), missing
    files: list[Path] = []
    unreadable: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.glob("*.yaml"))
            if not found:
                unreadable.append(translate(lang, "test.path.no_yaml", path=path))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            unreadable.append(translate(lang, "test.path.missing", path=path))
    return files, unreadable


def _shown(path: Path) -> str:
    """A path as short as it can be said from here."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _count(lang: str, key: str, n: int) -> str:
    """``3 passed``, ``1 invalid scenario``: the summary's parts, singular or plural as ``lang`` has it."""
    return translate_count(lang, f"test.sum.{key}", n, n=n)


def _language(requested: str | None, loaded: list[Loaded]) -> str:
    """The language of the results: the flag, else the system's, else the scenarios' own when they agree."""
    own = {item.scenario.meta.language for item in loaded if item.scenario is not None}
    return choose(requested, own.pop() if len(own) == 1 else None)


def run(args: argparse.Namespace) -> int:
    from game.analysis.expectations_run import check_scenario, format_results
    from game.sim.engine import EngineError

    files, _ = scenario_files(list(args.paths))
    loaded = [load_path(path) for path in files]
    lang = _language(getattr(args, "lang", None), loaded)
    files, unreadable = scenario_files(list(args.paths), lang)
    for message in unreadable:
        print(message, file=sys.stderr)

    failures = invalid = unsure = passed = without = 0
    audited = False
    for path, item in zip(files, loaded, strict=True):
        if item.scenario is None:
            for message in item.messages:
                print(message, file=sys.stderr)
            if item.exit_code == 2:
                unreadable.append(str(path))
            else:
                invalid += 1
            continue
        scenario = item.scenario
        if not scenario.expectations:
            print(translate(lang, "test.no_expectations", path=_shown(path)))
            without += 1
            continue
        try:
            results = check_scenario(scenario)
        except EngineError as exc:
            print(translate(lang, "balance.error.engine", path=path, problem=exc), file=sys.stderr)
            invalid += 1
            continue
        for line in format_results(_shown(path), results, lang, scenario.meta.language):
            print(line)
        sys.stdout.flush()
        failures += sum(r.verdict in ("fail", "error") for r in results)
        unsure += sum(r.verdict == "unsure" for r in results)
        passed += sum(r.verdict == "pass" for r in results)
        audited = audited or any(r.policy == "audit" and r.verdict != "error" for r in results)

    parts = [_count(lang, "passed", passed), _count(lang, "failed", failures),
             _count(lang, "unsure", unsure)]
    if invalid:
        parts.append(_count(lang, "invalid", invalid))
    if without:
        parts.append(_count(lang, "without", without))
    if unreadable:
        parts.append(_count(lang, "unreadable", len(unreadable)))
    print(translate(lang, "test.sum.end", parts=translate(lang, "fmt.list_separator").join(parts)))
    if passed or failures or unsure:
        print(translate(lang, "test.confidence"))
    if audited:
        print(translate(lang, "test.audit_note"))
    if unreadable:
        return 2
    return 1 if failures or invalid else 0
