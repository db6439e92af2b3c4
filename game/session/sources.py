"""Finding and fingerprinting the scenario a playthrough is played on.

A save records two fingerprints of its scenario: the sha256 of the file's
bytes (when it came from a file) and the sha256 of a canonical JSON dump of
the checked model. The second one survives re-indenting or re-commenting the
YAML, so a save of an unchanged scenario is recognised either way.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from game.i18n import counted
from game.scenario import catalog
from game.scenario.schema import Scenario


def model_sha256(scenario: Scenario) -> str:
    """sha256 of the scenario model as canonical JSON (sorted keys, no spaces)."""
    data = scenario.model_dump(mode="json", by_alias=True)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str | None:
    """sha256 of a file's bytes, or None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def load_scenario(path: Path) -> Scenario:
    """A checked scenario from a file; ScenarioError (with file:line:col problems) when invalid."""
    from game.scenario import loader

    return loader.load(path)


def resolve(name_or_path: str) -> Path:
    """The file of a built-in or user scenario id, or the path itself.

    Raises :class:`game.scenario.catalog.CatalogError` (a LookupError) naming
    the known ids when nothing matches.
    """
    return catalog.resolve(name_or_path)


def available() -> list[tuple[str, str, str]]:
    """Scenarios a player can pick: (id, title, a short note), built-ins first, broken ones left out."""
    out: list[tuple[str, str, str]] = []
    for entry in catalog.entries():
        if not entry.ok:
            continue
        note = f"{counted('en', 'count.turns', entry.turns)}, about {entry.estimated_minutes} min, {entry.difficulty}"
        if entry.source == "user":
            note += ", your own"
        out.append((entry.id, entry.title, note))
    return out
