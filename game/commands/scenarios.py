"""`shove scenarios`: list the built-in and user scenarios; `--path` prints the user folder."""

from __future__ import annotations

import argparse
import sys

from game.scenario import catalog


def table(entries: list[catalog.Entry]) -> list[str]:
    """Aligned rows: id, title, turns, minutes, source; a broken one says why beneath."""
    header = ("id", "title", "turns", "minutes", "source")
    rows = [
        (e.id, e.title if e.ok else "(does not load)", str(e.turns) if e.ok else "-",
         str(e.estimated_minutes) if e.ok else "-", "built-in" if e.source == "builtin" else "user")
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
            lines.append(f"    {entry.first_problem}")
    return lines


def run(args: argparse.Namespace) -> int:
    if args.path:
        print(catalog.user_dir())
        return 0
    entries = catalog.entries()
    if not entries:
        print(f"no scenarios found in {catalog.builtin_dir()} or {catalog.user_dir()}")
        return 0
    sys.stdout.write("\n".join(table(entries)) + "\n")
    return 0
