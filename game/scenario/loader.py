"""Scenario files: bytes, then YAML events with marks, then plain data, then a Scenario.

The file is read once, by libyaml's parser where it is available (PyYAML's own
otherwise). Plain data is built here straight from the parser's events, never
by a constructor that honours tags: a tag other than YAML's plain ones is
refused with its position and its value is never interpreted. While reading,
duplicate keys are reported, and reading stops at nesting past a depth limit
or at aliases whose expansion passes a budget (counted per anchor, so an
alias bomb is caught before it is expanded). The position of every value and
key is recorded in a :class:`SourceMap`, so that pydantic's errors and the
semantic checks name ``file:line:col``.

Building from events rather than composing nodes first is about twice as
fast, and the cyclic garbage collector is paused while the many small
objects of a large file are made (see benchmarks/validate.py).
"""

from __future__ import annotations

import gc
import math
import re
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from game.scenario.checks import check_scenario
from game.scenario.problems import (
    ModelPath,
    Problem,
    ScenarioError,
    SourceMap,
    pack,
    schema_problems,
)
from game.scenario.schema import Scenario

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Problem",
    "ScenarioError",
    "SourceMap",
    "ValidationResult",
    "load",
    "load_text",
    "validate_bytes",
    "validate_path",
    "validate_text",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 500_000  # values after expanding aliases
MAX_DEPTH = 64  # levels of nested mappings and lists

_PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    _TAG + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_PLAIN_TAGS = frozenset({_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _MAP, _SEQ})
# Characters YAML refuses (controls other than tab and line ends, and non-characters).
_FORBIDDEN_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SCALARS = SafeConstructor()


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
    return _raise_on_errors(validate_path(path))


def load_text(text: str, path_label: str = "<text>") -> Scenario:
    """Load a scenario from text; ``path_label`` names it in messages."""
    return _raise_on_errors(validate_text(text, path_label))


def _raise_on_errors(result: ValidationResult) -> Scenario:
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
            return _unreadable(label, "is a folder, not a scenario file")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            return _unreadable(label, "is not an ordinary file (a device or a pipe?); give a scenario file")
        if size > MAX_BYTES:
            return _too_large(label, size)
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return _unreadable(label, "no such file")
    except PermissionError:
        return _unreadable(label, "permission denied: the file cannot be read")
    except OSError as exc:
        return _unreadable(label, f"cannot be read ({exc.strerror or exc})")
    return validate_bytes(data, label, languages=languages)


def _unreadable(label: str, message: str) -> ValidationResult:
    return ValidationResult(label, [Problem(label, 0, 0, "error", message)], unreadable=True)


def _too_large(label: str, size: int) -> ValidationResult:
    message = (f"the file is {size / 1024 / 1024:.1f} MB; a scenario file may be at most "
               f"{MAX_BYTES // 1024 // 1024} MB (move long texts out, or split it)")
    return ValidationResult(label, [Problem(label, 1, 1, "error", message)])


def validate_bytes(data: bytes, label: str, *, languages: Sequence[str] = ()) -> ValidationResult:
    """Check the bytes of a scenario file: size, encoding, then the text."""
    if len(data) > MAX_BYTES:
        return _too_large(label, len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _fail(label, 1, 1, "the file is saved as UTF-16; save the file as UTF-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        byte = data[exc.start]
        return _fail(label, line, column,
                     f"the file is not UTF-8 text (byte 0x{byte:02X} here); save the file as UTF-8")
    return validate_text(text, label, languages=languages)


def validate_text(text: str, label: str = "<text>", *, languages: Sequence[str] = ()) -> ValidationResult:
    """Check scenario text: YAML, structure, the schema, then the semantic checks."""
    with _collector_paused():
        return _validate_text(text, label, languages)


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


def _validate_text(text: str, label: str, languages: Sequence[str]) -> ValidationResult:
    text = text.removeprefix("\ufeff")
    bad = _FORBIDDEN_CHAR.search(text)
    if bad:
        line, column = _line_column(text, bad.start())
        char = bad.group()
        what = ("a NUL byte: this looks like a binary file, not YAML text" if char == "\x00"
                else f"the character U+{ord(char):04X}, which YAML does not allow; "
                "this may not be a text file, or the character came from a copy and paste")
        return _fail(label, line, column, f"the file contains {what}")
    source = SourceMap(label, text)
    reader = _Reader(source)
    try:
        data = reader.read()
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(label, text, exc)
    except yaml.YAMLError as exc:
        return _fail(label, 1, 1, f"not valid YAML: {exc}")
    problems = reader.problems
    if reader.fatal:
        return ValidationResult(label, _sorted(problems), source=source)
    if data is _NOTHING or data is None:
        return _fail(label, 1, 1, "the file is empty; a scenario starts with `meta:` (try `shove new NAME`)")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        problems.append(source.problem((), "error", "the top level of a scenario must be a mapping with "
                                       f"keys such as `meta:` and `stakeholders:`, but this file holds {kind}"))
        return ValidationResult(label, problems, source=source)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(schema_problems(exc, source, Scenario))
        return ValidationResult(label, _sorted(problems), source=source)
    problems.extend(check_scenario(scenario, source, languages=languages))
    problems = _sorted(problems)
    ok = not any(p.severity == "error" for p in problems)
    return ValidationResult(label, problems, scenario if ok else None, source)


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line, p.column))


def _fail(label: str, line: int, column: int, message: str) -> ValidationResult:
    return ValidationResult(label, [Problem(label, line, column, "error", message)])


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# --------------------------------------------------------------------------
# YAML syntax errors in plain words

_SYNTAX_HINTS = (
    ("tab", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "a colon followed by a space starts a new key; put text that "
     "contains `: ` in quotes"),
    ("did not find expected key", "check this line's indentation against the lines above"),
    ("expected <block end>", "check this line's indentation against the lines above"),
    ("did not find expected '-' indicator", "a list and a mapping are mixed at the same indentation"),
    ("undefined alias", "every `*name` needs an `&name` earlier in the file"),
    ("duplicate anchor", "each `&name` may be defined only once"),
    ("single document", "a scenario is one YAML document: remove the extra `---`"),
    ("end of stream", "a quote or bracket is not closed"),
    ("expected node content", "a value is missing here; is a bracket left open?"),
    ("cannot start any token", "text starting with `@`, a backtick, `%` or a tab must be put in quotes"),
)


def _syntax_problem(label: str, text: str, exc: yaml.MarkedYAMLError) -> ValidationResult:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "not valid YAML").strip()
    if "maximum nesting depth" in problem:  # libyaml's own limit, met before ours while scanning
        return _fail(label, line, column, f"values are nested more than {MAX_DEPTH} levels deep; "
                     "flatten the structure")
    lines = text.split("\n")
    here = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    hint = ""
    for needle, advice in _SYNTAX_HINTS:
        if needle in problem or (needle == "tab" and here == "\t") or needle in (exc.context or ""):
            hint = f"; {advice}"
            break
    context = ""
    if exc.context and exc.context_mark and (exc.context_mark.line + 1, exc.context_mark.column + 1) != (line, column):
        where = exc.context_mark.line + 1, exc.context_mark.column + 1
        context = f" ({exc.context.removesuffix('; first occurrence')} at line {where[0]}, column {where[1]})"
    return _fail(label, line, column, f"YAML syntax: {problem}{context}{hint}")


# --------------------------------------------------------------------------
# Reading YAML events into plain data, with positions

_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_NO_KEY: Any = object()  # a mapping waiting for its next key
_NOTHING: Any = object()  # no document in the file


def _resolve_plain(value: str) -> str:
    """The tag YAML gives an unquoted scalar (number, true/false, null, or text)."""
    for tag, pattern in _RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return tag if tag in _PLAIN_TAGS else _STR
    return _STR


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


class _Stop(Exception):
    """Reading cannot go on: the problem has been recorded."""


class _Frame:
    """A mapping or list being read."""

    __slots__ = ("anchor", "container", "height", "is_map", "key", "key_path", "merges", "path", "start")

    def __init__(self, container: Any, path: ModelPath, is_map: bool, start: int, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.start = start
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_path: ModelPath = ()  # path of the value the current key names
        self.height = 1  # levels below, counting its scalar values
        self.merges: list[Any] | None = None  # values given to `<<` in this mapping


class _Reader:
    """Plain data from YAML events, checked as it is read.

    Tags other than YAML's plain ones are refused (their values are never
    interpreted), duplicate keys are reported, and reading stops at nesting
    past MAX_DEPTH or aliases expanding past MAX_NODES values.
    """

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.fatal = False
        self.expanded = 0
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # anchor -> (value, values inside, height)

    def error(self, mark: Any, message: str, *, stop: bool = True) -> None:
        self.problems.append(Problem(self.source.label, mark.line + 1, mark.column + 1, "error", message))
        self.fatal = True
        if stop:
            raise _Stop

    def read(self) -> Any:
        parser = _PARSER(self.source.text)
        try:
            return self._events(parser.get_event)
        except _Stop:
            return _NOTHING
        finally:
            parser.dispose()

    def _events(self, get_event: Any) -> Any:
        # The hot loop of loading: the common cases (a plain key, a value in a
        # mapping or list) are handled inline; the rest goes to helpers.
        stack: list[_Frame] = []
        values = self.source.values
        keys = self.source.keys
        styled = self.source.styled
        root: Any = _NOTHING
        documents = 0
        while True:
            event = get_event()
            kind = type(event)
            top = stack[-1] if stack else None
            if kind is ScalarEvent:
                mark = event.start_mark
                if top is None:
                    path: ModelPath = ()
                elif not top.is_map:
                    path = (*top.path, len(top.container))
                elif top.key is _NO_KEY:
                    name = event.value
                    if event.tag is None and name not in top.container and name != "<<":
                        key_path = (*top.path, name)
                        keys[key_path] = mark.line << 32 | mark.column  # pack(), inline
                        top.key = name
                        top.key_path = key_path
                    else:
                        self._key(top, event)
                    continue
                else:
                    path = top.key_path
                values[path] = mark.line << 32 | mark.column  # pack(), inline
                value = event.value
                if event.tag is not None:
                    value = self._scalar(event, path)
                elif not event.implicit[0]:  # quoted, or a block: text
                    styled[path] = (event.style, mark.line + 1, mark.column + 1)
                elif value[:1] in _RESOLVERS:  # may be a number, true/false or null
                    value = self._scalar(event, path)
                elif mark.line != event.end_mark.line:  # plain text over several lines
                    styled[path] = ("", mark.line + 1, mark.column + 1)
                self.expanded += 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, 0)
                if top is None:
                    root = value
                elif top.is_map:
                    if top.merges is not None and top.key == "<<":
                        top.merges.append(value)
                    else:
                        top.container[top.key] = value
                    top.key = _NO_KEY
                else:
                    top.container.append(value)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if (top is None or event.tag is not None or len(stack) >= MAX_DEPTH
                        or (top.is_map and (top.key is _NO_KEY or top.merges is not None))):
                    root = self._start(event, kind is MappingStartEvent, stack, top, root)
                    continue
                # A list or mapping as an ordinary value inside another.
                mark = event.start_mark
                container: Any = {} if kind is MappingStartEvent else []
                if top.is_map:
                    path = top.key_path
                    top.container[top.key] = container
                    top.key = _NO_KEY
                else:
                    path = (*top.path, len(top.container))
                    top.container.append(container)
                values[path] = mark.line << 32 | mark.column  # pack(), inline
                self.expanded += 1
                stack.append(_Frame(container, path, kind is MappingStartEvent, self.expanded, event.anchor))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame.merges is not None:
                    self._merge(frame, event.start_mark)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, self.expanded - frame.start + 1, frame.height)
                if stack and stack[-1].height <= frame.height:
                    stack[-1].height = frame.height + 1
            elif kind is AliasEvent:
                value = self._alias(event, stack, top)
                if top is None:
                    root = value
                else:
                    self._attach(top, value)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.error(event.start_mark, "a scenario is one YAML document: remove the second `---`")
            elif kind is StreamEndEvent:
                return root

    def _start(self, event: Any, is_map: bool, stack: list[_Frame], top: _Frame | None, root: Any) -> Any:
        """A mapping or list begins: check it, attach it, push it. Returns the root."""
        mark = event.start_mark
        tag = event.tag
        if tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ):
            self.error(mark, _bad_tag(tag), stop=False)
        if top is not None and top.key is _NO_KEY and top.is_map:
            self.error(mark, "a key must be a plain name, not a list or mapping")
        if len(stack) >= MAX_DEPTH:
            self.error(mark, f"values are nested more than {MAX_DEPTH} levels deep; flatten the structure")
        path = self._path(top)
        self.source.values[path] = pack(mark.line, mark.column)
        container: Any = {} if is_map else []
        self.expanded += 1
        if top is None:
            root = container
        else:
            self._attach(top, container)
        stack.append(_Frame(container, path, is_map, self.expanded, event.anchor))
        return root

    def _alias(self, event: Any, stack: list[_Frame], top: _Frame | None) -> Any:
        """An alias: the anchored value, after checking how far it expands."""
        mark = event.start_mark
        if top is not None and top.key is _NO_KEY and top.is_map:
            self.error(mark, "a key must be written out, not given by an alias")
        found = self.anchors.get(event.anchor)
        if found is None:
            self.error(mark, f"the alias `*{event.anchor}` refers to a value that is not defined before "
                       "it (or that contains the alias)")
            return None
        value, count, height = found
        self.expanded += count
        if self.expanded > MAX_NODES:
            self.error(mark, f"aliases expand to more than {MAX_NODES:,} values; a scenario needs far "
                       "fewer (is an alias repeated inside another?)")
        if len(stack) + height > MAX_DEPTH:
            self.error(mark, f"values are nested more than {MAX_DEPTH} levels deep (through the alias "
                       f"`*{event.anchor}`)")
        self.source.values[self._path(top)] = pack(mark.line, mark.column)
        if top is not None and top.height <= height:
            top.height = height + 1
        return value

    def _path(self, top: _Frame | None) -> ModelPath:
        if top is None:
            return ()
        if top.is_map:
            return top.key_path
        return (*top.path, len(top.container))

    def _attach(self, top: _Frame, value: Any) -> None:
        if not top.is_map:
            top.container.append(value)
        elif top.merges is not None and top.key == "<<":
            top.merges.append(value)
        else:
            top.container[top.key] = value
        top.key = _NO_KEY

    def _key(self, top: _Frame, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            self.error(event.start_mark, _bad_tag(tag), stop=False)
        name: str = event.value
        mark = event.start_mark
        path = (*top.path, name)
        top.key_path = path
        if name == "<<" and event.implicit[0]:
            if top.merges is None:
                top.merges = []
            top.key = "<<"
            return
        if name in top.container:
            first = self.source.locate_key(path)[0]
            self.problems.append(Problem(self.source.label, mark.line + 1, mark.column + 1, "error",
                                         f"duplicate key `{name}` (first given on line {first}); "
                                         "remove one of them"))
        else:
            self.source.keys[path] = pack(mark.line, mark.column)
        top.key = name

    def _merge(self, frame: _Frame, mark: Any) -> None:
        """Apply `<<: *defaults`: keys written out win, then earlier merged mappings."""
        for given in frame.merges or ():
            for mapping in given if isinstance(given, list) else [given]:
                if not isinstance(mapping, dict):
                    self.error(mark, "`<<` merges a mapping (or a list of mappings), usually given by an "
                               "alias such as `<<: *defaults`", stop=False)
                    continue
                for key, value in mapping.items():
                    frame.container.setdefault(key, value)

    def _scalar(self, event: Any, path: ModelPath) -> Any:
        tag = event.tag
        value: str = event.value
        if tag is None or tag == "!":
            tag = _resolve_plain(value) if event.implicit[0] else _STR
        elif tag not in _PLAIN_TAGS:
            self.error(event.start_mark, _bad_tag(tag), stop=False)
            return value
        if tag in (_STR, _TIMESTAMP):
            if event.style or event.start_mark.line != event.end_mark.line:
                mark = event.start_mark
                self.source.styled[path] = (event.style or "", mark.line + 1, mark.column + 1)
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _SCALARS.bool_values.get(value.lower(), value)
        if value.isascii():  # the common forms, without PyYAML's constructor
            if tag == _INT and value.isdigit() and (value[0] != "0" or value == "0") and len(value) < 100:
                return int(value)
            if tag == _FLOAT and not any(c in value for c in "_:nN"):
                try:
                    number = float(value)
                except ValueError:
                    pass
                else:
                    if math.isfinite(number):
                        return number
        node = ScalarNode(tag, value, event.start_mark, event.end_mark)
        try:
            number = _SCALARS.construct_yaml_int(node) if tag == _INT else _SCALARS.construct_yaml_float(node)
        except ValueError:
            what = "a whole number" if tag == _INT else "a number"
            self.error(event.start_mark, f"`{_short(value)}` is not {what}", stop=False)
            return value
        if isinstance(number, float) and not math.isfinite(number):
            self.error(event.start_mark, f"`{_short(value)}` is not a finite number; write an ordinary number",
                       stop=False)
        return number


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _bad_tag(tag: str) -> str:
    return (f"the tag `{_tag_name(tag)}` is not allowed in scenarios; remove it (scenarios use only "
            "plain text, numbers, true/false, lists and mappings)")
