"""Finding and loading the scenarios an analysis command is given.

A name is a scenario file, or the id of a built-in or user scenario (resolved
by `game.scenario.catalog`). Failures come back as plain messages and the
exit code the command should return: 2 when a path cannot be read or an id is
unknown, 1 when the file is read but is not a valid scenario (each problem as
`path:line:col: severity: message`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.scenario import catalog, loader
from game.scenario.schema import Scenario


@dataclass(frozen=True)
class Loaded:
    """A scenario read from ``path``, or why it could not be (``messages`` and ``exit_code``)."""

    path: Path | None
    scenario: Scenario | None
    messages: list[str]
    exit_code: int


def builtin_dir() -> Path:
    """The folder of the built-in scenarios."""
    return catalog.builtin_dir()


def load_path(path: Path) -> Loaded:
    """Load one scenario file; never raises for bad input."""
    result = loader.validate_path(path)
    if result.unreadable:
        return Loaded(path, None, [str(p) for p in result.problems], 2)
    if result.scenario is None or not result.ok:
        return Loaded(path, None, [str(p) for p in (result.errors or result.problems)], 1)
    return Loaded(path, result.scenario, [], 0)


def load(name: str) -> Loaded:
    """Resolve a name (path or id) and load it."""
    try:
        path = catalog.resolve(name)
    except catalog.CatalogError as exc:
        return Loaded(None, None, [str(exc)], 2)
    return load_path(path)
