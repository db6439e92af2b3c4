"""Plain data from a YAML file's parser events, with the position of every value.

The file is read by libyaml's parser where it is available (PyYAML's own
otherwise), and plain data is built here straight from the parser's events,
never by a constructor that honours tags: a tag other than YAML's plain ones
is refused with its position and its value is never interpreted. While
reading, duplicate keys are reported, and reading stops at nesting past
:data:`MAX_DEPTH` or at aliases whose expansion passes :data:`MAX_NODES`
(counted per anchor, so an alias bomb is caught before it is expanded). The
position of every value and key is recorded in a
:class:`~game.scenario.positions.SourceMap`.

Unquoted values are read by the YAML 1.2 core schema, as editors using the
JSON Schema read them (PyYAML follows YAML 1.1): ``076`` is the number 76
(``0o76`` is octal), ``1:16`` and ``yes``/``no``/``on``/``off`` are text, only
``true``/``false`` (any case: ``True``, ``TRUE``) are true and false, and
``null``/``~`` (or nothing) is null. A value that YAML 1.1 tools read another way
gets a warning saying how it is read here and what to write instead.

Building from events rather than composing nodes first is about twice as
fast (see benchmarks/validate.py).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
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

from game.i18n.words import Num, Words
from game.scenario.positions import ModelPath, SourceMap, pack
from game.scenario.problems import Problem, plural, problem, words

MAX_NODES = 500_000  # values after expanding aliases
MAX_DEPTH = 64  # levels of nested mappings and lists

PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    _TAG + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_PLAIN_TAGS = frozenset({_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _MAP, _SEQ})

# The YAML 1.2 core schema's plain scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_CORE = (
    (_NULL, re.compile(r"(?:~|null|Null|NULL|)\Z")),
    (_BOOL, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    (_INT, re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    (_FLOAT, re.compile(r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")),
)
# What YAML 1.1 tools (PyYAML, older editors) read another way: each gets a warning.
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+\Z")  # 1.1: octal when the digits allow
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")  # 1.1: base 60
_UNDERSCORED = re.compile(r"[-+]?(?:[0-9][0-9_]*_[0-9_]*)(?:\.[0-9_]*)?\Z")  # 1.1: 1_000 is 1000
_YES_NO = frozenset({"yes", "no", "on", "off", "y", "n"})  # 1.1: booleans, in any case
# First characters of a plain value that may be something other than text.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfFyYoO") | {""}
_NO_KEY: Any = object()  # a mapping waiting for its next key
NOTHING: Any = object()  # no document in the file


def _resolve_plain(value: str) -> str:
    """The tag the YAML 1.2 core schema gives an unquoted scalar (number, true/false, null, or text)."""
    for tag, pattern in _CORE:
        if pattern.match(value):
            return tag
    return _STR


def _read_12(tag: str, value: str) -> Any:
    """A number, true/false or null by the YAML 1.2 core schema; ValueError when ``value`` is not one."""
    if tag == _NULL:
        return None
    if tag == _BOOL:
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise ValueError(value)
    if tag == _INT:
        if value[:2] == "0o":
            return int(value[2:], 8)
        if value[:2] == "0x":
            return int(value[2:], 16)
        if not _CORE[2][1].match(value):
            raise ValueError(value)
        return int(value)  # leading zeros are decimal: 076 is 76
    if not _CORE[3][1].match(value):
        raise ValueError(value)
    plain = value.lower().lstrip("+")
    if plain in (".inf", "-.inf", ".nan"):
        return float(plain.replace(".", ""))
    return float(value)


def plain_is_text(value: str) -> bool:
    """Whether ``value`` written unquoted is read as this text, by every YAML reader alike."""
    tag = _resolve_plain(value)
    return tag == _STR and _yaml11_doubt(value, tag) is None


def _yaml11_doubt(value: str, tag: str) -> Words | None:
    """A warning when YAML 1.1 tools read the unquoted ``value`` differently from here, else None."""
    if tag == _STR:
        if value.lower() in _YES_NO:
            return words("problem.yaml.doubt.yes_no", value=value)
        if _SEXAGESIMAL.match(value):
            return words("problem.yaml.doubt.sexagesimal", value=value)
        if _UNDERSCORED.match(value):
            return words("problem.yaml.doubt.underscore", value=value, number=value.replace("_", ""))
    elif tag == _INT and _LEADING_ZERO.match(value):
        number = int(value)
        return words("problem.yaml.doubt.leading_zero", value=value, number=number)
    return None


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


class Reader:
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

    def error(self, mark: Any, message: Words, *, stop: bool = True) -> None:
        self.problems.append(problem(self.source.label, mark.line + 1, mark.column + 1, "error", message))
        self.fatal = True
        if stop:
            raise _Stop

    def read(self) -> Any:
        parser = PARSER(self.source.text)
        try:
            return self._events(parser.get_event)
        except _Stop:
            return NOTHING
        finally:
            parser.dispose()

    def _events(self, get_event: Any) -> Any:
        # The hot loop of loading: the common cases (a plain key, a value in a
        # mapping or list) are handled inline; the rest goes to helpers.
        stack: list[_Frame] = []
        values = self.source.values
        keys = self.source.keys
        styled = self.source.styled
        root: Any = NOTHING
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
                elif value[:1] in _MAYBE_NOT_TEXT:  # may be a number, true/false or null
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
                    self.error(event.start_mark, words("problem.yaml.second_document"))
            elif kind is StreamEndEvent:
                return root

    def _start(self, event: Any, is_map: bool, stack: list[_Frame], top: _Frame | None, root: Any) -> Any:
        """A mapping or list begins: check it, attach it, push it. Returns the root."""
        mark = event.start_mark
        tag = event.tag
        if tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ):
            self.error(mark, _bad_tag(tag), stop=False)
        if top is not None and top.key is _NO_KEY and top.is_map:
            self.error(mark, words("problem.yaml.key_not_plain"))
        if len(stack) >= MAX_DEPTH:
            self.error(mark, plural("problem.yaml.too_deep", MAX_DEPTH, limit=MAX_DEPTH))
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
            self.error(mark, words("problem.yaml.key_alias"))
        found = self.anchors.get(event.anchor)
        if found is None:
            self.error(mark, words("problem.yaml.alias_undefined", anchor=event.anchor))
            return None
        value, count, height = found
        self.expanded += count
        if self.expanded > MAX_NODES:
            self.error(mark, plural("problem.yaml.alias_bomb", MAX_NODES, limit=Num(MAX_NODES)))
        if len(stack) + height > MAX_DEPTH:
            self.error(mark, plural("problem.yaml.alias_deep", MAX_DEPTH, limit=MAX_DEPTH, anchor=event.anchor))
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
            self.problems.append(problem(self.source.label, mark.line + 1, mark.column + 1, "error",
                                         words("problem.yaml.duplicate_key", name=name, line=first)))
        else:
            self.source.keys[path] = pack(mark.line, mark.column)
        top.key = name

    def _merge(self, frame: _Frame, mark: Any) -> None:
        """Apply `<<: *defaults`: keys written out win, then earlier merged mappings."""
        for given in frame.merges or ():
            for mapping in given if isinstance(given, list) else [given]:
                if not isinstance(mapping, dict):
                    self.error(mark, words("problem.yaml.merge"), stop=False)
                    continue
                for key, value in mapping.items():
                    frame.container.setdefault(key, value)

    def _scalar(self, event: Any, path: ModelPath) -> Any:
        tag = event.tag
        value: str = event.value
        plain = (tag is None or tag == "!") and bool(event.implicit[0])
        if tag is None or tag == "!":
            tag = _resolve_plain(value) if plain else _STR
        elif tag not in _PLAIN_TAGS:
            self.error(event.start_mark, _bad_tag(tag), stop=False)
            return value
        if plain:
            doubt = _yaml11_doubt(value, tag)
            if doubt is not None:
                mark = event.start_mark
                self.problems.append(problem(self.source.label, mark.line + 1, mark.column + 1, "warning", doubt))
        if tag in (_STR, _TIMESTAMP):
            if event.style or event.start_mark.line != event.end_mark.line:
                mark = event.start_mark
                self.source.styled[path] = (event.style or "", mark.line + 1, mark.column + 1)
            return value
        try:
            result = _read_12(tag, value.strip())
        except ValueError:
            what = {_INT: "problem.yaml.not_whole", _FLOAT: "problem.yaml.not_number"}.get(tag, "problem.yaml.not_bool")
            self.error(event.start_mark, words(what, value=_short(value)), stop=False)
            return value
        if isinstance(result, float) and not math.isfinite(result):
            self.error(event.start_mark, words("problem.yaml.not_finite", value=_short(value)), stop=False)
        return result


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _bad_tag(tag: str) -> Words:
    return words("problem.yaml.tag", tag=_tag_name(tag))
