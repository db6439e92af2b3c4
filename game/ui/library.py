"""The scenarios the title screen offers, and loading one for play.

A scenario that fails to load is still listed, with its first problem, so an
author sees why it cannot be played instead of wondering where it went.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.scenario.schema import Scenario


class ScenarioLoadError(Exception):
    """A scenario that cannot be played; ``str()`` names the file and the problem."""


@dataclass(frozen=True)
class Entry:
    path: Path
    scenario: Scenario | None
    problem: str = ""
    builtin: bool = True

    @property
    def id(self) -> str:
        return self.scenario.meta.id if self.scenario else self.path.stem


_loaded: dict[Path, tuple[int, int, Scenario]] = {}


def load(path: Path) -> Scenario:
    """Load and check one scenario file, or raise :class:`ScenarioLoadError`.

    A file unchanged since it was last loaded (same size and modification
    time) is not parsed again, so going back to the title screen is instant.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise ScenarioLoadError(f"{path}: cannot read the file ({exc.strerror})") from None
    known = _loaded.get(path)
    if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
        return known[2]
    scenario = _load(path)
    _loaded[path] = (stat.st_mtime_ns, stat.st_size, scenario)
    return scenario


def _load(path: Path) -> Scenario:
    from game.scenario import loader
    from game.scenario.problems import ScenarioError

    try:
        return loader.load(path)
    except ScenarioError as exc:
        problems = [str(p) for p in exc.problems if p.is_error] or [str(exc)]
        raise ScenarioLoadError("\n".join(problems[:5])) from None
    except OSError as exc:
        raise ScenarioLoadError(f"{path}: cannot read the file ({exc.strerror})") from None


def resolve(name_or_path: str) -> Path:
    """A scenario path from a path or a built-in or user id."""
    from game.scenario import catalog

    try:
        return catalog.resolve(name_or_path)
    except catalog.CatalogError as exc:
        raise ScenarioLoadError(str(exc)) from None


def entries() -> list[Entry]:
    """Built-in scenarios (easiest first), then the user's own, each loaded or with its problem."""
    from game.scenario import catalog

    found: list[Entry] = []
    for item in catalog.entries():
        builtin = item.source == "builtin"
        if item.first_problem is not None:
            found.append(Entry(item.path, None, str(item.first_problem), builtin=builtin))
            continue
        try:
            found.append(Entry(item.path, load(item.path), builtin=builtin))
        except ScenarioLoadError as exc:
            found.append(Entry(item.path, None, str(exc).splitlines()[0], builtin=builtin))
    return found
