"""`shove scenarios`: list the built-in and user scenarios; `--path` prints the user folder.

The headings, the words in the table and the problem of a scenario that does
not load are in the user's language (``--lang``, else the system's), and so is
each title where the scenario has it in that language.
"""

from __future__ import annotations

import argparse
import sys

from game.i18n import DEFAULT, choose, translate
from game.scenario import catalog, loader
from game.scenario.language import localise

_COLUMNS = ("id", "title", "turns", "minutes", "source")


def title(entry: catalog.Entry, lang: str) -> str:
    """The scenario's title in ``lang`` where it has one, else as the catalogue gives it."""
    if not entry.ok:
        return entry.title
    scenario = loader.validate_path(entry.path).scenario
    if scenario is None:  # changed since it was listed
        return entry.title
    return localise(scenario.meta.title, lang, fallback=scenario.meta.language)


def table(entries: list[catalog.Entry], lang: str = DEFAULT) -> list[str]:
    """Aligned rows in ``lang``: id, title, turns, minutes, source; a broken one says why beneath."""
    header = tuple(translate(lang, f"scenarios.col.{column}") for column in _COLUMNS)
    broken = translate(lang, "scenarios.broken")
    sources = {source: translate(lang, f"scenarios.source.{source}") for source in ("builtin", "user")}
    rows = [
        (e.id, title(e, lang) if e.ok else broken, str(e.turns) if e.ok else "-",
         str(e.estimated_minutes) if e.ok else "-", sources.get(e.source, e.source))
        for e in entries
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {2, 3}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    lines = [fmt(header), fmt(tuple("-" * w for w in widths))]
    for entry, row in zip(entries, rows, strict=True):
        lines.append(fmt(row))
        if entry.first_problem is not None:
            lines.append(f"    {entry.first_problem.text(lang)}")
    return lines


def run(args: argparse.Namespace) -> int:
    if args.path:
        print(catalog.user_dir())
        return 0
    lang = choose(getattr(args, "lang", None))
    entries = catalog.entries()
    if not entries:
        print(translate(lang, "scenarios.none", builtin=catalog.builtin_dir(), user=catalog.user_dir()))
        return 0
    sys.stdout.write("\n".join(table(entries, lang)) + "\n")
    return 0
