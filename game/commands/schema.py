"""`shove schema`: the JSON Schema (draft 2020-12) of the scenario format.

Generated from ``game.scenario.schema``; ``docs/scenario.schema.json`` is a
copy written by ``make schema`` and a test fails when it is stale. The schema
is the same in every language; only a failure to write it is said in the
author's language (``--lang``, else the system's).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.atomic import write_text
from game.i18n import choose, translate
from game.scenario.schema import Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:push-comes-to-shove:scenario:format-1"
SCHEMA_TITLE = "Push Comes to Shove scenario"


def schema_document() -> dict[str, Any]:
    """The scenario format as a JSON Schema document."""
    generated = Scenario.model_json_schema(by_alias=True, mode="validation")
    generated.pop("title", None)
    shared: dict[str, Any] = {}
    generated = _share(generated, "TextFile", shared)
    generated["$defs"] = {**generated.get("$defs", {}), **shared}
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, "title": SCHEMA_TITLE, **generated}


def _share(node: Any, title: str, defs: dict[str, Any]) -> Any:
    """``node`` made to say what the loader enforces, in fewer words: every inline copy of the
    model ``title`` becomes one shared definition (pydantic writes the `{file: ...}` form out in
    full at each of the many text fields), and a map whose keys must match a pattern (a text's
    language codes) refuses other keys, as the loader does."""
    if isinstance(node, dict):
        if node.get("title") == title and node.get("type") == "object":
            defs[title] = node
            return {"$ref": f"#/$defs/{title}"}
        out = {key: _share(value, title, defs) for key, value in node.items()}
        if "patternProperties" in out and "properties" not in out:
            out.setdefault("additionalProperties", False)
        return out
    if isinstance(node, list):
        return [_share(item, title, defs) for item in node]
    return node


def schema_text() -> str:
    """The schema as stable, readable JSON text ending in a newline."""
    return json.dumps(schema_document(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        # A schema is for everyone: a new file is as the umask allows, a replaced one keeps its bits.
        write_text(Path(args.output), text, keep_mode=True)
    except OSError as exc:
        lang = choose(getattr(args, "lang", None))
        print(translate(lang, "schema.cannot_write", path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    return 0
