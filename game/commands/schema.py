"""`shove schema`: the JSON Schema (draft 2020-12) of the scenario format.

Generated from ``game.scenario.schema``; ``docs/scenario.schema.json`` is a
copy written by ``make schema`` and a test fails when it is stale.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from game.scenario.schema import Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:push-comes-to-shove:scenario:format-1"
SCHEMA_TITLE = "Push Comes to Shove scenario"


def schema_document() -> dict[str, Any]:
    """The scenario format as a JSON Schema document."""
    generated = Scenario.model_json_schema(by_alias=True, mode="validation")
    generated.pop("title", None)
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, "title": SCHEMA_TITLE, **generated}


def schema_text() -> str:
    """The schema as stable, readable JSON text ending in a newline."""
    return json.dumps(schema_document(), indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write text to path through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)  # mkstemp makes the file private; a schema is for everyone
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(Path(args.output), text)
    except OSError as exc:
        print(f"shove schema: {args.output}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return 2
    return 0
