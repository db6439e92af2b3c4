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

Building from events rather than composing nodes first is about twice as
fast (see benchmarks/validate.py).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
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

from game.scenario.positions import ModelPath, SourceMap, pack
from game.scenario.problems import Num, Problem, Words, plural, problem, words

MAX_NODES = 500_000  # values after expanding aliases
MAX_DEPTH = 64  # levels of nested mappings and lists

PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    _TAG + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_PLAIN_TAGS = frozenset({_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _MAP, _SEQ})
_SCALARS = SafeConstructor()

_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_NO_KEY: Any = object()  # a mapping waiting for its next key
NOTHING: Any = object()  # no document in the file


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
            what = "problem.yaml.not_whole" if tag == _INT else "problem.yaml.not_number"
            self.error(event.start_mark, words(what, value=_short(value)), stop=False)
            return value
        if isinstance(number, float) and not math.isfinite(number):
            self.error(event.start_mark, words("problem.yaml.not_finite", value=_short(value)), stop=False)
        return number


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _bad_tag(tag: str) -> Words:
    return words("problem.yaml.tag", tag=_tag_name(tag))
