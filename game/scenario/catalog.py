"""Built-in and user scenarios: where they live, and finding one by id or path.

Built-ins live in the repository's ``scenarios/`` folder (the parent of the
``game`` package), or in ``game/data/scenarios`` when the game is installed
without the repository. A user's own scenarios live in the platform's user
data folder, under ``scenarios``. A scenario's id is its file name without
``.yaml``; only ``.yaml`` and ``.yml`` files are scenarios, so the ``.md`` and
``.txt`` files that hold a scenario's long texts sit beside it unlisted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

from game.i18n.words import Words
from game.scenario.language import localise
from game.scenario.loader import validate_path
from game.scenario.problems import Problem, suggestion, words
from game.scenario.schema import Scenario
from game.scenario.text_files import stamps

APP_NAME = "push-comes-to-shove"
SUFFIXES = (".yaml", ".yml")
_DIFFICULTY_ORDER = {"introductory": 0, "standard": 1, "hard": 2}

Source = Literal["builtin", "user"]


class CatalogError(LookupError):
    """A scenario name that is neither a file nor a known id; the message lists the ids."""

    def __init__(self, message: str, name: str = "", said: Words | None = None) -> None:
        super().__init__(message)
        self.name = name
        self.said = said

    def say(self, lang: str | None) -> str:
        """The message in ``lang`` (as ``str()`` in English)."""
        return f"{self.name}: {self.said.say(lang)}" if self.said is not None else str(self)


def _refused(name: str, said: Words) -> CatalogError:
    return CatalogError(f"{name}: {said.say()}", name, said)


@dataclass(frozen=True)
class Entry:
    """One scenario as the picker and `shove scenarios` show it."""

    id: str
    title: str
    turns: int
    estimated_minutes: int
    difficulty: str
    summary: str
    path: Path
    source: Source
    first_problem: Problem | None = None  # set when the scenario does not load

    @property
    def ok(self) -> bool:
        return self.first_problem is None


def builtin_dir() -> Path:
    """The folder of the built-in scenarios."""
    package = Path(__file__).resolve().parent.parent
    repository = package.parent / "scenarios"
    if repository.is_dir():
        return repository
    return package / "data" / "scenarios"


def user_dir() -> Path:
    """The folder of the user's own scenarios (it may not exist yet)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "scenarios"


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def ids() -> list[str]:
    """Every known scenario id, built-ins first."""
    return list(dict.fromkeys(p.stem for folder in (builtin_dir(), user_dir()) for p in _files(folder)))


def resolve(name_or_path: str | Path) -> Path:
    """A scenario file from a path that exists, or from a built-in or user id.

    Raises :class:`CatalogError` naming the known ids (with a did-you-mean)
    when neither fits.
    """
    given = Path(name_or_path)
    if given.is_file():
        return given
    text = str(name_or_path)
    looks_like_path = given.suffix in SUFFIXES or "/" in text or "\\" in text
    if given.is_dir():
        raise _refused(text, words("problem.file.folder"))
    if not looks_like_path:
        for folder in (builtin_dir(), user_dir()):
            for suffix in SUFFIXES:
                candidate = folder / f"{text}{suffix}"
                if candidate.is_file():
                    return candidate
    known = ids()
    if looks_like_path:
        raise _refused(text, words("problem.catalog.no_file"))
    listed: Words | str = ", ".join(known) if known else words("problem.catalog.none_yet")
    raise _refused(text, words("problem.catalog.unknown", hint=suggestion(text, known), listed=listed))


# path -> (the files it was read from, their modification times and sizes, the entry)
_cache: dict[Path, tuple[tuple[Path, ...], tuple[tuple[int, int] | None, ...], Entry]] = {}


def _entry(path: Path, source: Source) -> Entry:
    cached = _cache.get(path)
    if cached is not None and stamps(cached[0]) == cached[1]:
        return cached[2]
    stamp = stamps([path])
    result = validate_path(path)
    scenario: Scenario | None = result.scenario
    if scenario is None:
        first = (result.errors or result.problems)[0]
        entry = Entry(path.stem, path.stem, 0, 0, "", "", path, source, first)
    else:
        meta = scenario.meta
        entry = Entry(
            id=path.stem,
            title=localise(meta.title, meta.language),
            turns=meta.turns,
            estimated_minutes=meta.estimated_minutes,
            difficulty=meta.difficulty,
            summary=localise(meta.summary, meta.language),
            path=path,
            source=source,
        )
    files = (path, *result.text_files)  # an edited text file changes the entry too
    _cache[path] = (files, stamp + stamps(result.text_files), entry)
    return entry


def entries() -> list[Entry]:
    """Built-in scenarios (easiest first), then the user's own; broken ones carry their first problem."""
    found: list[Entry] = []
    folders: tuple[tuple[Path, Source], ...] = ((builtin_dir(), "builtin"), (user_dir(), "user"))
    for folder, source in folders:
        listed = [_entry(p, source) for p in _files(folder)]
        listed.sort(key=lambda e: (_DIFFICULTY_ORDER.get(e.difficulty, 3), e.id))
        found.extend(listed)
    return found
