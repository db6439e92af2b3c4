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
import contextlib
import os
import secrets
import sys
from pathlib import Path

from game.commands.schema import schema_text
from game.scenario.scaffold import NAME_PATTERN, SCHEMA_PATH, scenario_text


def _write_temp(folder: Path, name: str, text: str) -> Path:
    """Write text to a new temporary file in folder, flushed to disk.

    Opened with the usual permissions (0666 less the umask), unlike mkstemp's
    private 0600: a scenario is meant to be shared.
    """
    temp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_new(path: Path, text: str) -> None:
    """Write path atomically, refusing (FileExistsError) if it already exists."""
    temp = _write_temp(path.parent, path.name, text)
    try:
        try:
            os.link(temp, path)  # atomic, and fails rather than overwrite
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_replacing(path: Path, text: str) -> None:
    """Write path atomically, replacing any older copy."""
    temp = _write_temp(path.parent, path.name, text)
    try:
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


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
        write_replacing(schema_file, schema_text())
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
