"""Scenario files: bytes, then YAML events with marks, then plain data, then a Scenario.

Each stage refuses what it cannot use with a problem at ``file:line:col``:
the file (missing, a folder, past :data:`MAX_BYTES`), its bytes (not UTF-8),
its text (characters YAML forbids), its YAML (syntax errors in plain words,
:mod:`game.scenario.yaml_syntax`; tags, duplicate keys, depth and alias
limits while reading, :mod:`game.scenario.yaml_reader`), the schema
(pydantic's errors worded by :mod:`game.scenario.schema_errors`) and then the
semantic checks (:mod:`game.scenario.checks`). Every problem found is
collected, not only the first. Between the YAML and the schema, texts written
``{file: NAME}`` are read from their files (:mod:`game.scenario.text_files`),
only for a scenario loaded from a file, whose folder they must stay inside.

The cyclic garbage collector is paused while the many small objects of a
large file are made (see benchmarks/validate.py).
"""

from __future__ import annotations

import gc
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from game.i18n.words import Num, Words
from game.scenario import text_files
from game.scenario.checks import check_scenario
from game.scenario.portrait_files import check_portraits
from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import Problem, ScenarioError, problem, words
from game.scenario.schema import Scenario
from game.scenario.schema_errors import schema_problems
from game.scenario.yaml_reader import NOTHING, Reader
from game.scenario.yaml_syntax import syntax_problem

__all__ = [
    "MAX_BYTES",
    "Problem",
    "ScenarioError",
    "SourceMap",
    "ValidationResult",
    "load",
    "load_text",
    "raise_on_errors",
    "validate_bytes",
    "validate_path",
    "validate_text",
]

MAX_BYTES = 2 * 1024 * 1024
# Characters YAML refuses (controls other than tab and line ends, and non-characters).
_FORBIDDEN_CHAR = text_files.FORBIDDEN_CHAR


# --------------------------------------------------------------------------
# Results


@dataclass
class ValidationResult:
    """Everything found in one scenario file; ``scenario`` is None when it has errors."""

    path: str
    problems: list[Problem]
    scenario: Scenario | None = None
    source: SourceMap | None = None
    unreadable: bool = False  # the file could not be read at all (missing, a folder, no permission)
    # The text files it names with `{file: ...}` (resolved, whether or not they could be read).
    text_files: list[Path] = field(default_factory=list)
    # The language its `meta.language` names, when it is written as text (even in a file with errors).
    language: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def positions(self) -> dict[ModelPath, tuple[int, int]]:
        """Every value's path in the file and its 1-based (line, column)."""
        return self.source.positions() if self.source else {}


# --------------------------------------------------------------------------
# Public entry points


def load(path: str | Path) -> Scenario:
    """Load a scenario file, raising ScenarioError with every error found."""
    return raise_on_errors(validate_path(path))


def load_text(text: str, path_label: str = "<text>") -> Scenario:
    """Load a scenario from text; ``path_label`` names it in messages."""
    return raise_on_errors(validate_text(text, path_label))


def raise_on_errors(result: ValidationResult) -> Scenario:
    """The checked scenario, or ScenarioError with every error found."""
    if result.scenario is None or not result.ok:
        raise ScenarioError(result.errors or result.problems)
    return result.scenario


def validate_path(path: str | Path, *, languages: Sequence[str] = ()) -> ValidationResult:
    """Check a scenario file; never raises for bad input.

    A file that cannot be read gives one problem at line 0 and ``unreadable``.
    """
    label = str(path)
    p = Path(path)
    try:
        info = p.stat()
        size = info.st_size
        if p.is_dir():
            return _unreadable(label, words("problem.file.folder"))
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            return _unreadable(label, words("problem.file.special"))
        if size > MAX_BYTES:
            return _too_large(label, size)
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return _unreadable(label, words("problem.file.missing"))
    except PermissionError:
        return _unreadable(label, words("problem.file.permission"))
    except OSError as exc:
        return _unreadable(label, words("problem.file.unreadable", reason=str(exc.strerror or exc)))
    return validate_bytes(data, label, languages=languages, folder=p.parent)


def _unreadable(label: str, message: Words) -> ValidationResult:
    return ValidationResult(label, [problem(label, 0, 0, "error", message)], unreadable=True)


def _too_large(label: str, size: int) -> ValidationResult:
    message = words("problem.file.too_large", size=Num(size / 1024 / 1024, 1, grouped=False),
                    limit=MAX_BYTES // 1024 // 1024)
    return ValidationResult(label, [problem(label, 1, 1, "error", message)])


def validate_bytes(data: bytes, label: str, *, languages: Sequence[str] = (),
                   folder: Path | None = None) -> ValidationResult:
    """Check the bytes of a scenario file: size, encoding, then the text.

    ``folder`` is where the file is, for texts read from files; without it they are refused.
    """
    if len(data) > MAX_BYTES:
        return _too_large(label, len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _fail(label, 1, 1, words("problem.file.utf16"))
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        byte = data[exc.start]
        return _fail(label, line, column, words("problem.file.not_utf8", byte=f"{byte:02X}"))
    return validate_text(text, label, languages=languages, folder=folder)


def validate_text(text: str, label: str = "<text>", *, languages: Sequence[str] = (),
                  folder: Path | None = None) -> ValidationResult:
    """Check scenario text: YAML, structure, the schema, then the semantic checks.

    ``folder`` is where texts written ``{file: NAME}`` are read from; without
    one (a scenario given only as text) they are refused.
    """
    with _collector_paused():
        return _validate_text(text, label, languages, folder)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause cyclic garbage collection: a large file makes ~10^5 small objects at once."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _validate_text(text: str, label: str, languages: Sequence[str], folder: Path | None) -> ValidationResult:
    text = text.removeprefix("\ufeff")
    bad = _FORBIDDEN_CHAR.search(text)
    if bad:
        line, column = _line_column(text, bad.start())
        char = bad.group()
        what = (words("problem.file.nul") if char == "\x00"
                else words("problem.file.forbidden_char", code=f"{ord(char):04X}"))
        return _fail(label, line, column, words("problem.file.contains", what=what))
    source = SourceMap(label, text)
    reader = Reader(source)
    try:
        data = reader.read()
    except yaml.MarkedYAMLError as exc:
        return ValidationResult(label, [syntax_problem(label, text, exc)])
    except yaml.YAMLError as exc:
        return _fail(label, 1, 1, words("problem.yaml.invalid", reason=str(exc)))
    problems = reader.problems
    if reader.fatal:
        return ValidationResult(label, _sorted(problems, label), source=source)
    if data is NOTHING or data is None:
        return _fail(label, 1, 1, words("problem.file.empty"))
    if not isinstance(data, dict):
        kind = "problem.file.top_list" if isinstance(data, list) else "problem.file.top_value"
        problems.append(source.problem((), "error", words(kind)))
        return ValidationResult(label, problems, source=source)
    meta = data.get("meta")
    language = meta.get("language") if isinstance(meta, dict) else None
    language = language if isinstance(language, str) else None
    # The walk follows only the places where texts go: about 0.2 ms even for a 1 MB file.
    found, files = text_files.resolve(data, source, folder, lambda: len(text.encode("utf-8")), MAX_BYTES)
    problems.extend(found)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(schema_problems(exc, source, Scenario))
        return ValidationResult(label, _sorted(problems, label), source=source, text_files=files, language=language)
    problems.extend(check_scenario(scenario, source, languages=languages))
    problems.extend(check_portraits(scenario, source, folder))
    problems = _sorted(problems, label)
    ok = not any(p.severity == "error" for p in problems)
    return ValidationResult(label, problems, scenario if ok else None, source, text_files=files, language=language)


def _sorted(problems: list[Problem], label: str) -> list[Problem]:
    """Problems in the order of the file, those inside its text files after its own."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.path != label, p.path, p.line, p.column))


def _fail(label: str, line: int, column: int, message: Words) -> ValidationResult:
    return ValidationResult(label, [problem(label, line, column, "error", message)])


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
