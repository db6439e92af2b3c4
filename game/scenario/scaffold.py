"""The scenario `shove new` writes: a small, playable game whose comments teach the format.

:func:`scenario_text` fills in the scenario's id, title and the path of the
JSON Schema for editors in the template (:mod:`game.scenario.scaffold_template`);
tests check that it validates, plays to an ending under every built-in policy
and passes its own expectations.
"""

from __future__ import annotations

import re

import yaml

from game.scenario.scaffold_template import TEMPLATE

SCHEMA_PATH = ".shove/scenario.schema.json"
"""Where `shove new` puts the JSON Schema, relative to the new scenario."""

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


def default_title(scenario_id: str) -> str:
    """A readable title from an id: `discharge_hub` becomes `Discharge hub`."""
    words = scenario_id.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def scenario_text(scenario_id: str, schema_path: str = SCHEMA_PATH) -> str:
    """The scaffold for a scenario with this id, pointing editors at schema_path."""
    if not NAME_PATTERN.match(scenario_id):
        raise ValueError(f"`{scenario_id}` is not a valid scenario id")
    title = default_title(scenario_id)
    # Words such as `yes`, `no`, `on` or `null` mean something else to YAML unquoted.
    shown_id = scenario_id if yaml.safe_load(scenario_id) == scenario_id else f'"{scenario_id}"'
    return (
        TEMPLATE.replace("@SCHEMA@", schema_path)
        .replace("id: @ID@", f"id: {shown_id}")
        .replace("@ID@", scenario_id)
        .replace("@TITLE@", title)
    )
