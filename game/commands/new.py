"""`shove new NAME [--dir DIR]`: write a commented scenario that validates and plays.

Beside it, in ``DIR/.shove/scenario.schema.json``, goes the JSON Schema of the
format; the scenario's first line points editors at it by a relative path,
so completion and checking work offline and keep working when the folder is
moved or shared. The schema copy is refreshed every time `shove new` runs.

Exit codes: 0 written, 1 the scenario file already exists (it is never
overwritten), 2 a bad name or a folder that cannot be written. Messages are in
the author's language (``--lang``, else the system's).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.atomic import write_new, write_text
from game.commands.schema import schema_text
from game.i18n import choose, translate
from game.scenario.scaffold import NAME_PATTERN, SCHEMA_PATH, scenario_text


def _fail(lang: str, code: int, key: str, /, **fields: object) -> int:
    message = translate(lang, f"new.{key}", **fields)
    print(translate(lang, "new.error", message=message), file=sys.stderr)
    return code


def _unwritable(lang: str, exc: OSError, folder: Path) -> int:
    reason = exc.strerror or str(exc)
    where = exc.filename or folder
    return _fail(lang, 2, "unwritable", where=where, reason=reason)


def _shown(path: Path) -> str:
    """A path as it can be pasted into a shell."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def run(args: argparse.Namespace) -> int:
    lang = choose(getattr(args, "lang", None))
    name: str = args.name
    folder = Path(args.dir)
    if name.endswith((".yaml", ".yml")):
        name = name.rsplit(".", 1)[0]
    if not NAME_PATTERN.match(name):
        return _fail(lang, 2, "bad_name", name=name)
    target = folder / f"{name}.yaml"
    if target.exists():
        return _fail(lang, 1, "exists", target=target)
    schema_file = folder / SCHEMA_PATH
    if folder.exists() and not folder.is_dir():
        return _fail(lang, 2, "not_folder", folder=folder)
    if schema_file.parent.exists() and not schema_file.parent.is_dir():
        return _fail(lang, 2, "schema_folder_is_file", folder=schema_file.parent)
    try:
        schema_file.parent.mkdir(parents=True, exist_ok=True)
        # Both as the umask allows (0666 less it): a scenario and its schema are meant to be shared.
        write_text(schema_file, schema_text())
        write_new(target, scenario_text(name, lang=lang))
    except FileExistsError as exc:
        if Path(exc.filename or target) == target or target.exists():
            return _fail(lang, 1, "exists_short", target=target)
        return _unwritable(lang, exc, folder)
    except OSError as exc:
        return _unwritable(lang, exc, folder)
    print(translate(lang, "new.wrote_scenario", target=target))
    print(translate(lang, "new.wrote_schema", schema=schema_file))
    print(translate(lang, "new.next_steps"))
    shown = _shown(target)
    print(f"  shove validate {shown}")
    print(f"  shove play {shown} --author")
    print(f"  shove balance {shown}")
    print(f"  shove test {shown}")
    print(translate(lang, "new.guide"))
    return 0
