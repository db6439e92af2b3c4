"""`shove new NAME [--dir DIR]`: write a commented scenario that validates and plays.

Beside it, in ``DIR/.shove/scenario.schema.json``, goes the JSON Schema of the
format; the scenario's first line points editors at it by a relative path,
so completion and checking work offline and keep working when the folder is
moved or shared. The schema copy is refreshed every time `shove new` runs.

Exit codes: 0 written, 1 the scenario file already exists (it is never
overwritten), 2 a bad name or a folder that cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.atomic import write_new, write_text
from game.commands.schema import schema_text
from game.scenario.scaffold import NAME_PATTERN, SCHEMA_PATH, scenario_text


def _fail(message: str, code: int) -> int:
    print(f"shove new: {message}", file=sys.stderr)
    return code


def _unwritable(exc: OSError, folder: Path) -> int:
    reason = exc.strerror or str(exc)
    where = exc.filename or folder
    return _fail(f"cannot write into {where}: {reason}; choose a folder you can write to with --dir", 2)


def _shown(path: Path) -> str:
    """A path as it can be pasted into a shell."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def run(args: argparse.Namespace) -> int:
    name: str = args.name
    folder = Path(args.dir)
    if name.endswith((".yaml", ".yml")):
        name = name.rsplit(".", 1)[0]
    if not NAME_PATTERN.match(name):
        return _fail(
            f"`{name}` cannot be a scenario name: use lower-case letters, digits and underscores, "
            "starting with a letter and at most 48 long (for example `discharge_team`)",
            2,
        )
    target = folder / f"{name}.yaml"
    if target.exists():
        return _fail(
            f"{target} already exists and was left as it is; choose another name, or move the "
            "old file away first",
            1,
        )
    schema_file = folder / SCHEMA_PATH
    if folder.exists() and not folder.is_dir():
        return _fail(f"{folder} is a file, not a folder; choose a folder with --dir", 2)
    if schema_file.parent.exists() and not schema_file.parent.is_dir():
        return _fail(
            f"{schema_file.parent} is a file, but `shove new` keeps the editor schema in a folder "
            "of that name; move the file away or choose another folder with --dir",
            2,
        )
    try:
        schema_file.parent.mkdir(parents=True, exist_ok=True)
        # Both as the umask allows (0666 less it): a scenario and its schema are meant to be shared.
        write_text(schema_file, schema_text())
        write_new(target, scenario_text(name))
    except FileExistsError as exc:
        if Path(exc.filename or target) == target or target.exists():
            return _fail(f"{target} already exists and was left as it is; choose another name", 1)
        return _unwritable(exc, folder)
    except OSError as exc:
        return _unwritable(exc, folder)
    print(f"Wrote {target}: a six-month scenario to start from. Its comments explain each part.")
    print(f"Wrote {schema_file}, so your editor can complete and check the file as you type.")
    print("Next steps:")
    shown = _shown(target)
    print(f"  shove validate {shown}")
    print(f"  shove play {shown} --author")
    print(f"  shove balance {shown}")
    print(f"  shove test {shown}")
    print("The guide to writing scenarios is docs/authoring.md.")
    return 0
