"""The scenarios the title screen offers, and loading one for play.

A scenario that fails to load is still listed, with its first problem, so an
author sees why it cannot be played instead of wondering where it went. Problems
are said in the UI's language (:func:`game.i18n.language`); ``file:line:col``
stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.i18n import language, translate
from game.scenario.schema import Scenario

Stamps = tuple[tuple[int, int] | None, ...]


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


# path -> (the files it was read from, their stamps then, the scenario)
_loaded: dict[Path, tuple[tuple[Path, ...], Stamps, Scenario]] = {}


def load(path: Path) -> Scenario:
    """Load and check one scenario file, or raise :class:`ScenarioLoadError`.

    A scenario whose file, and every text file it names, is unchanged since it
    was last loaded (same sizes and modification times) is not parsed again, so
    going back to the title screen is instant.
    """
    from game.scenario import loader
    from game.scenario.problems import ScenarioError
    from game.scenario.text_files import stamps

    known = _loaded.get(path)
    if known is not None and stamps(known[0]) == known[1]:
        return known[2]
    if not path.exists():
        raise ScenarioLoadError(f"{path}: {translate(language(), 'problem.library.missing')}")
    stamp = stamps([path])
    result = loader.validate_path(path)
    try:
        scenario = loader.raise_on_errors(result)
    except ScenarioError as exc:
        problems = [p.text(language()) for p in exc.problems if p.is_error] or [exc.say(language())]
        raise ScenarioLoadError("\n".join(problems[:5])) from None
    files = (path, *result.text_files)
    _loaded[path] = (files, stamp + stamps(result.text_files), scenario)
    return scenario


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
            found.append(Entry(item.path, None, item.first_problem.text(language()), builtin=builtin))
            continue
        try:
            found.append(Entry(item.path, load(item.path), builtin=builtin))
        except ScenarioLoadError as exc:
            found.append(Entry(item.path, None, str(exc).splitlines()[0], builtin=builtin))
    return found
