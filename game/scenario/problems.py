"""Problems found in a scenario, and plain wording for pydantic's errors.

A :class:`Problem` names a file, a 1-based line and column, a severity and a
message an author can act on. Line 0 means the problem concerns the whole file
(it could not be read at all), and the position is left out when printed.

:func:`describe_error` turns one pydantic error into such a message; the
loader decides where it points.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

Severity = Literal["error", "warning"]
ModelPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file, at a place in it."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        if self.line < 1:
            return f"{self.path}: {self.severity}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ScenarioError(Exception):
    """A scenario that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid scenario")


def did_you_mean(word: str, options: Collection[str]) -> str:
    """`` (did you mean `x`?)`` for the closest option, or nothing."""
    close = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def shown(value: Any) -> str:
    """A value as an author would recognise it in a message."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"a number {value}" if not isinstance(value, int) or abs(value) < 10**15 else "a very large number"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"text {text!r}"
    if isinstance(value, dict):
        return "a mapping (`key: value` lines)"
    if isinstance(value, list):
        return "a list (`- ` items)"
    return f"a {type(value).__name__}"


def _number(value: Any) -> str:
    if isinstance(value, int) and abs(value) >= 10**15:
        return "a very large number"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _got(value: Any) -> str:
    """`1.4` for numbers, `'easy'` for short text, the longer form otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value)
    if isinstance(value, str) and len(value) <= 40:
        return repr(value)
    return shown(value)


# --------------------------------------------------------------------------
# Where things are


def pack(line: int, column: int) -> int:
    """A 0-based (line, column), as YAML marks give them, packed into one int.

    A large file has ~10^5 positions; ints cost less to make and keep than tuples.
    """
    return line << 32 | column


def unpack(packed: int) -> tuple[int, int]:
    """The 1-based (line, column) of a packed position."""
    return (packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1


@dataclass
class SourceMap:
    """Where each value and key of a scenario file sits.

    Paths are tuples of mapping keys and list indexes as written in the file,
    for example ``("actions", 2, "effects", 0, "chance", "p")``. Positions are
    stored packed (see :func:`pack`); every method here gives 1-based
    ``(line, column)``.
    """

    label: str
    text: str = ""
    values: dict[ModelPath, int] = field(default_factory=dict)
    keys: dict[ModelPath, int] = field(default_factory=dict)
    # Text values that are not plain one-line scalars: path -> (style, start line, start column).
    styled: dict[ModelPath, tuple[str, int, int]] = field(default_factory=dict)

    def positions(self) -> dict[ModelPath, tuple[int, int]]:
        """Every value's path and 1-based (line, column)."""
        return {path: unpack(packed) for path, packed in self.values.items()}

    def position(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """Where the value at exactly this path starts, or None when it is not in the file."""
        packed = self.values.get(_as_written(path))
        return None if packed is None else unpack(packed)

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The position of a value, or of its nearest ancestor that is in the file.

        Model field names are accepted for their keys (``else_`` for ``else``).
        """
        p = _as_written(path)
        while p:
            found = self.values.get(p)
            if found is not None:
                return unpack(found)
            p = p[:-1]
        root = self.values.get(())
        return (1, 1) if root is None else unpack(root)

    def locate_key(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The position of a mapping key (its value's position when it has none)."""
        packed = self.keys.get(_as_written(path))
        return self.locate(path) if packed is None else unpack(packed)

    def resolve_loc(self, loc: Iterable[str | int]) -> tuple[ModelPath, bool]:
        """A pydantic ``loc`` as a path in the file, and whether it names a key.

        Segments that are not keys or indexes of the data (union members such
        as an effect's tag, ``str``, ``function-after[...]``) are skipped.
        """
        path: ModelPath = ()
        is_key = False
        for segment in loc:
            if segment == "[key]":
                is_key = True
                continue
            if segment == "else_":
                segment = "else"
            candidate = (*path, segment)
            if candidate in self.values:
                path = candidate
        return path, is_key

    def locate_in_text(self, path: Sequence[str | int], offset: int, text: str = "") -> tuple[int, int]:
        """The position of character ``offset`` inside the text value at ``path``.

        Exact for one-line plain or quoted values and for literal blocks
        (``|``); other multi-line values point at their start. ``text`` is the
        value itself, needed for blocks.
        """
        p = _as_written(path)
        line, column = self.locate(p)
        if p not in self.values:
            return line, column
        style = self.styled.get(p)
        if style is None:
            return line, column + offset
        kind, start_line, _ = style
        if kind in ("'", '"'):
            return (line, column + 1 + offset) if "\n" not in text else (line, column)
        if kind == "|" and self.text:
            before = text[:offset]
            row = before.count("\n")
            lines = self.text.split("\n")
            content = start_line + 1 + row  # the block's lines start after the `|` line
            if content <= len(lines):
                first = lines[start_line]  # the block's first line sets its indentation
                indent = len(first) - len(first.lstrip(" "))
                return content, indent + 1 + len(before) - (before.rfind("\n") + 1)
        return line, column

    def problem(
        self, path: Sequence[str | int], severity: Severity, message: str, *, key: bool = False
    ) -> Problem:
        line, column = self.locate_key(path) if key else self.locate(path)
        return Problem(self.label, line, column, severity, message)


def _as_written(path: Sequence[str | int]) -> ModelPath:
    return tuple("else" if step == "else_" else step for step in path)


# --------------------------------------------------------------------------
# Following a pydantic `loc` through the schema's types


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Strip ``Annotated`` layers, collecting their metadata."""
    meta: list[Any] = []
    while typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        tp = args[0]
        for m in args[1:]:
            if isinstance(m, FieldInfo):
                meta.extend(m.metadata)
            else:
                meta.append(m)
    return tp, meta


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _model_field(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def _union_member(members: Sequence[Any], segment: str) -> Any | None:
    """The member of a union that a pydantic loc segment names, if it is one."""
    for member in members:
        _, meta = _unwrap(member)
        if any(getattr(m, "tag", None) == segment for m in meta):
            return member
    for member in members:
        base, _ = _unwrap(member)
        origin = typing.get_origin(base)
        if segment in ("str", "constrained-str") and base is str:
            return member
        if segment.startswith("dict[") and origin is dict:
            return member
        if segment.startswith("list[") and origin is list:
            return member
        if segment in ("float", "int", "bool") and base is {"float": float, "int": int, "bool": bool}[segment]:
            return member
        if segment.startswith("literal[") and origin is Literal:
            return member
        if isinstance(base, type) and issubclass(base, BaseModel) and base.__name__ in segment:
            return member
    return None


@dataclass
class Site:
    """What the schema expects at a loc: the type and its constraints."""

    type: Any
    constraints: list[Any]


def site_of(root: type[BaseModel], loc: Sequence[str | int]) -> Site | None:
    """Follow ``loc`` from ``root`` through fields, lists, dicts and unions."""
    tp: Any = root
    constraints: list[Any] = []
    for segment in loc:
        tp, meta = _unwrap(tp)
        constraints = constraints + meta
        while _is_union(tp):
            members = [m for m in typing.get_args(tp) if m is not type(None)]
            if len(members) == 1:  # `X | None` adds no segment to the loc
                tp, meta = _unwrap(members[0])
                constraints = constraints + meta
                continue
            member = _union_member(members, str(segment))
            if member is None:
                return None
            tp, meta = _unwrap(member)
            constraints = constraints + meta
            segment = ""  # the segment named the union member: it is used up
            break
        if segment == "":
            continue
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = _model_field(tp, str(segment))
            if info is None:
                return None
            tp, constraints = info.annotation, list(info.metadata)
        elif origin is list and isinstance(segment, int):
            tp, constraints = typing.get_args(tp)[0], []
        elif origin is dict:
            key_type, value_type = typing.get_args(tp)
            tp, constraints = (key_type if segment == "[key]" else value_type), []
        else:
            return None
    tp, meta = _unwrap(tp)
    return Site(tp, constraints + meta)


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts, as an author writes them (aliases, not `else_`)."""
    return [info.alias or name for name, info in model.model_fields.items()]


# --------------------------------------------------------------------------
# Wording

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (`- ` items)",
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "literal_error": "",
}
TYPE_ERRORS = frozenset(k for k, v in _EXPECTED.items() if v)

IDENTIFIER_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"


def _quote_hint(expected: str, value: Any) -> str:
    if expected == "text" and isinstance(value, int | float | bool):
        return " (put it in quotes to make it text)"
    if expected == "text" and value is None:
        return "; write the text after the colon, or remove the key"
    return ""


def expected_kind(error_type: str) -> str:
    """What a type error expected, in words ('' when it is not a type error)."""
    return _EXPECTED.get(error_type, "")


def type_message(expected: Sequence[str], value: Any) -> str:
    """`expected a number, got text 'high'`, joining alternatives with `or`."""
    unique = list(dict.fromkeys(expected))
    wanted = " or ".join(unique)
    return f"expected {wanted}, got {shown(value)}{_quote_hint(unique[0], value)}"


def describe_error(error: Any, root: type[BaseModel], is_key: bool = False) -> str:
    """A plain-words message for one pydantic error (a dict from ``errors()``).

    ``root`` is the model that was validated; ``is_key`` says the error is
    about a mapping key rather than its value.
    """
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    last = str(loc[-1]) if loc else ""

    if kind == "missing":
        return f"missing required key `{last}`"
    if kind == "extra_forbidden":
        holder = site_of(root, loc[:-1])
        model = holder.type if holder else None
        options = field_names(model) if isinstance(model, type) and issubclass(model, BaseModel) else []
        hint = did_you_mean(last, options)
        if not hint and options:
            hint = "; the keys here are " + ", ".join(f"`{o}`" for o in options)
        return f"unknown key `{last}`{hint}"
    if kind == "int_from_float":
        return f"expected a whole number, got {_number(value)}"
    if kind in TYPE_ERRORS:
        return type_message([_EXPECTED[kind]], value)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _bounds_message(kind, ctx, value, site_of(root, loc))
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if not options:
            options = [s.strip() for s in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if s.strip()]
        if is_key:
            hint = did_you_mean(str(value), options)
            listed = ", ".join(f"`{o}`" for o in options)
            return f"unknown key `{value}`" + (hint or f"; the key here is {listed}")
        hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
        choices = options[0] if len(options) == 1 else "one of " + ", ".join(options)
        return f"must be {choices} (got {_got(value)}){hint}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern", "")), value, is_key)
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters (this has {len(str(value))})"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"needs at least {n} item{'s' if n != 1 else ''} (has {ctx.get('actual_length', 0)})"
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} items (has {ctx.get('actual_length')})"
    if kind == "effect_kind":
        return _effect_message(value)
    if kind in ("value_error", "assertion_error"):
        message = str(error.get("msg", ""))
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        return message
    if kind == "finite_number":
        return f"must be a finite number (got {_got(value)})"
    return str(error.get("msg", "is not valid")).rstrip(".")


def _bounds_message(kind: str, ctx: dict[str, Any], value: Any, site: Site | None) -> str:
    low: tuple[str, Any] | None = None
    high: tuple[str, Any] | None = None
    for c in site.constraints if site else []:
        if isinstance(c, annotated_types.Ge):
            low = ("at least", c.ge)
        elif isinstance(c, annotated_types.Gt):
            low = ("more than", c.gt)
        elif isinstance(c, annotated_types.Le):
            high = ("at most", c.le)
        elif isinstance(c, annotated_types.Lt):
            high = ("less than", c.lt)
    got = f"(got {_got(value)})"
    if low and high and low[0] == "at least" and high[0] == "at most":
        return f"must be between {_number(low[1])} and {_number(high[1])} {got}"
    if low and high:
        return f"must be {low[0]} {_number(low[1])} and {high[0]} {_number(high[1])} {got}"
    words = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }[kind]
    return f"must be {words[0]} {_number(ctx.get(words[1]))} {got}"


def _pattern_message(pattern: str, value: Any, is_key: bool) -> str:
    text = f"`{value}`"
    if pattern == IDENTIFIER_PATTERN:
        suggestion = re.sub(r"[^a-z0-9_]+", "_", str(value).strip().lower()).strip("_")[:48]
        hint = f" (for example `{suggestion}`)" if suggestion and re.match(IDENTIFIER_PATTERN, suggestion) else ""
        what = "key" if is_key else "id"
        return (f"{text} is not a valid {what}: use lower-case letters, digits and underscores, "
                f"starting with a letter, at most 48 characters{hint}")
    if "[a-z]{2}" in pattern:
        return f"{text} is not a language code: use two lower-case letters such as `en`, optionally with a region such as `en-GB`"
    if r"\d{4}" in pattern:
        return f"{text} is not a month: write it as YYYY-MM in quotes, for example \"2025-04\""
    return f"{text} does not have the expected form"


def _effect_message(value: Any) -> str:
    from game.scenario.schema import EFFECT_KINDS

    kinds = ", ".join(f"`{k}`" for k in EFFECT_KINDS)
    if not isinstance(value, dict):
        return f"expected an effect (a mapping such as `trust: {{who: target, by: 0.1}}`), got {shown(value)}"
    found = [k for k in value if k in EFFECT_KINDS]
    if len(found) > 1:
        return ("an effect has exactly one kind, but this one has "
                + " and ".join(f"`{k}`" for k in found)
                + "; write them as separate `- ` items")
    if not value:
        return f"an empty effect; an effect is one of {kinds}"
    unknown = [str(k) for k in value if k not in EFFECT_KINDS]
    first = unknown[0] if unknown else ""
    return f"unknown effect `{first}`{did_you_mean(first, list(EFFECT_KINDS))}; an effect is one of {kinds}"


# --------------------------------------------------------------------------
# Schema errors at their positions


def schema_problems(exc: ValidationError, source: SourceMap, root: type[BaseModel]) -> list[Problem]:
    """Pydantic's errors as problems at their positions, one per place (unions folded)."""
    groups: dict[tuple[ModelPath, bool], list[Any]] = {}
    for error in exc.errors(include_url=False):
        path, is_key = source.resolve_loc(error["loc"])
        groups.setdefault((path, is_key), []).append(error)

    def is_type_error(error: Any) -> bool:
        if error["type"] == "literal_error":
            return not isinstance(error.get("input"), str)
        return error["type"] in TYPE_ERRORS

    problems: list[Problem] = []
    has_errors_inside = {q[:i] for q, _ in groups for i in range(len(q))}
    for (path, is_key), errors in groups.items():
        if all(is_type_error(e) for e in errors):
            value = errors[0].get("input")
            if path in has_errors_inside and isinstance(value, dict | list):
                continue  # another branch of a union explains what is wrong inside it
            kinds = [expected_kind(e["type"]) for e in errors if expected_kind(e["type"])]
            message = type_message(kinds, value) if kinds else describe_error(errors[0], root, is_key)
            problems.append(source.problem(path, "error", message, key=is_key))
            continue
        error = next(e for e in errors if not is_type_error(e))
        message = describe_error(error, root, is_key)
        point_at = path
        as_key = is_key or error["type"] == "extra_forbidden"
        if error["type"] == "value_error":
            first_word = message.split(" ", 1)[0]
            if (*path, first_word) in source.values:
                point_at, as_key = (*path, first_word), False
        problems.append(source.problem(point_at, "error", message, key=as_key))
    return problems
