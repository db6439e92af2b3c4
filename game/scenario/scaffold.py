"""The scenario `shove new` writes: a small, playable game whose comments teach the format.

:func:`scenario_text` fills in the scenario's id, title and the path of the
JSON Schema for editors in the template (:mod:`game.scenario.scaffold_template`),
with its comments in the author's language;
tests check that it validates, plays to an ending under every built-in policy
and passes its own expectations.
"""

from __future__ import annotations

import re

from game.scenario.scaffold_template import TEMPLATE
from game.scenario.scaffold_template_fr import BLOCKS_FR, INLINE_FR
from game.scenario.yaml_reader import plain_is_text

SCHEMA_PATH = ".shove/scenario.schema.json"
"""Where `shove new` puts the JSON Schema, relative to the new scenario."""

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


def default_title(scenario_id: str) -> str:
    """A readable title from an id: `discharge_hub` becomes `Discharge hub`."""
    words = scenario_id.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


COMMENTS: dict[str, tuple[dict[str, str], dict[str, str]]] = {"fr": (BLOCKS_FR, INLINE_FR)}
"""Per language other than English: its comment blocks and its end-of-line comments."""

_INLINE = re.compile(r"^(?P<code>\s*[^#\s].*?\s)# (?P<comment>.+)$")


def localised(template: str, lang: str) -> str:
    """``template`` with its comments in ``lang`` (English, or a language in :data:`COMMENTS`).

    Raises KeyError naming the first comment that has no translation.
    """
    if lang not in COMMENTS:
        return template
    blocks, inline = COMMENTS[lang]
    out: list[str] = []
    block: list[str] = []
    indent = ""

    def flush() -> None:
        if block:
            out.extend(indent + line for line in blocks[block[0]].splitlines())
            block.clear()

    for line in template.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            if not block:
                indent = line[: len(line) - len(stripped)]
            block.append(stripped)
            continue
        flush()
        match = _INLINE.match(line)
        if match and '"' not in match["code"]:
            line = f"{match['code']}# {inline[match['comment']]}"
        out.append(line)
    flush()
    return "\n".join(out) + "\n"


def scenario_text(scenario_id: str, schema_path: str = SCHEMA_PATH, lang: str = "en") -> str:
    """The scaffold for a scenario with this id, pointing editors at schema_path.

    Its comments are in ``lang`` when there is a translation of them, else in English.
    """
    if not NAME_PATTERN.match(scenario_id):
        raise ValueError(f"`{scenario_id}` is not a valid scenario id")
    title = default_title(scenario_id)
    # Words such as `null`, `true` or `yes` are something else (or doubtful) to YAML unquoted.
    shown_id = scenario_id if plain_is_text(scenario_id) else f'"{scenario_id}"'
    return (
        localised(TEMPLATE, lang)
        .replace("@SCHEMA@", schema_path)
        .replace("id: @ID@", f"id: {shown_id}")
        .replace("@ID@", scenario_id)
        .replace("@TITLE@", title)
    )
