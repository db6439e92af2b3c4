"""Pydantic's errors as problems an author can act on, each at its position.

:func:`describe_error` words one pydantic error (expected types, bounds,
unknown keys with a did-you-mean, id patterns, effects);
:func:`schema_problems` places every error of a validation at its
``file:line:col`` and folds the alternatives of a union into one problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError

from game.i18n import DEFAULT
from game.i18n.words import Words
from game.scenario.expressions import percent_hint
from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import (
    Problem,
    WordedError,
    counted_words,
    joined,
    plural,
    shown_words,
    suggestion,
    words,
)
from game.scenario.schema import EFFECT_KINDS
from game.scenario.schema_sites import Site, field_names, site_of

_EXPECTED = {
    "string_type": "text",
    "int_type": "whole",
    "int_parsing": "whole",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "literal_error": "",
}
TYPE_ERRORS = frozenset(k for k, v in _EXPECTED.items() if v)

IDENTIFIER_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"


def _number(value: Any) -> str | Words:
    if isinstance(value, int) and abs(value) >= 10**15:
        return words("problem.value.huge")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _got(value: Any) -> str | Words:
    """`1.4` for numbers, `'easy'` for short text, the longer form otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value)
    if isinstance(value, str) and len(value) <= 40:
        return repr(value)
    return shown_words(value)


def _quote_hint(expected: str, value: Any, tips: bool = True) -> Words | str:
    if not tips:
        return ""
    if expected == "text" and isinstance(value, int | float | bool):
        return words("problem.schema.hint.quote")
    if expected == "text" and value is None:
        return words("problem.schema.hint.write_text")
    if expected == "number" and isinstance(value, str):
        percent = percent_hint(value)
        if percent is not None and value.strip().endswith("%") and percent[1] == len(value) - len(value.lstrip()):
            return words("problem.schema.hint.percent", hint=percent[0])  # `35%` alone, not inside other text
    return ""


def expected_kind(error_type: str) -> str:
    """What a type error expected, as the name of its words ('' when it is not a type error)."""
    return _EXPECTED.get(error_type, "")


def type_words(expected: Sequence[str], value: Any, tips: bool = True) -> Words:
    """`expected a number, got text 'high'`, joining alternatives with `or`; ``tips`` adds how to write
    the value in YAML where that helps."""
    unique = list(dict.fromkeys(expected))
    wanted = joined([words(f"problem.schema.kind.{kind}") for kind in unique])
    return words("problem.schema.type", wanted=wanted, got=shown_words(value), hint=_quote_hint(unique[0], value, tips))


def type_message(expected: Sequence[str], value: Any) -> str:
    """`expected a number, got text 'high'` in English."""
    return type_words(expected, value).say(DEFAULT)


def _keys(options: Iterable[str]) -> str:
    return ", ".join(f"`{o}`" for o in options)


def describe_error(error: Any, root: type[BaseModel], is_key: bool = False) -> str:
    """A plain-words message for one pydantic error (a dict from ``errors()``), in English."""
    return describe_words(error, root, is_key).say(DEFAULT)


def describe_words(error: Any, root: type[BaseModel], is_key: bool = False, *, tips: bool = True) -> Words:
    """A plain-words message for one pydantic error (a dict from ``errors()``).

    ``root`` is the model that was validated; ``is_key`` says the error is
    about a mapping key rather than its value; ``tips=False`` leaves out the
    advice on writing a value in YAML (for a file that is not YAML).
    """
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    last = str(loc[-1]) if loc else ""

    if kind == "missing":
        return words("problem.schema.missing", key=last)
    if kind == "extra_forbidden":
        holder = site_of(root, loc[:-1])
        model = holder.type if holder else None
        options = field_names(model) if isinstance(model, type) and issubclass(model, BaseModel) else []
        hint: Words | str = suggestion(last, options)
        if not hint and options:
            hint = words("problem.schema.keys_here", keys=_keys(options))
        return words("problem.schema.unknown_key", key=last, hint=hint)
    if kind == "int_from_float":
        return words("problem.schema.not_whole", got=_number(value))
    if kind in TYPE_ERRORS:
        return type_words([_EXPECTED[kind]], value, tips)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _bounds_message(kind, ctx, value, site_of(root, loc))
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if not options:
            options = [s.strip() for s in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if s.strip()]
        if is_key:
            hint = suggestion(str(value), options)
            if not hint:
                hint = words("problem.schema.key_here", keys=_keys(options))
            return words("problem.schema.unknown_key", key=str(value), hint=hint)
        hint = suggestion(str(value), options) if isinstance(value, str) else ""
        if len(options) == 1:
            return words("problem.schema.must_be", choice=options[0], got=_got(value), hint=hint)
        return words("problem.schema.one_of", choices=", ".join(options), got=_got(value), hint=hint)
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern", "")), value, is_key)
    if kind == "string_too_short":
        return words("problem.schema.empty")
    if kind == "string_too_long":
        return plural("problem.schema.too_long_text", int(ctx.get("max_length") or 0), limit=ctx.get("max_length"), has=len(str(value)))
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return words("problem.schema.too_few", items=counted_words("problem.count.items", n),
                     has=ctx.get("actual_length", 0))
    if kind == "too_long":
        return words("problem.schema.too_many", items=counted_words("problem.count.items", ctx.get("max_length", 0)),
                     has=ctx.get("actual_length"))
    if kind == "effect_kind":
        return _effect_message(value)
    if kind in ("value_error", "assertion_error"):
        raised = ctx.get("error")
        if isinstance(raised, WordedError):
            return raised.words
        message = str(error.get("msg", ""))
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        return words("problem.schema.library", message=message)
    if kind == "finite_number":
        return words("problem.schema.finite", got=_got(value))
    return words("problem.schema.library", message=str(error.get("msg", "is not valid")).rstrip("."))


def _bounds_message(kind: str, ctx: dict[str, Any], value: Any, site: Site | None) -> Words:
    low: tuple[str, Any] | None = None
    high: tuple[str, Any] | None = None
    for c in site.constraints if site else []:
        if isinstance(c, annotated_types.Ge):
            low = ("ge", c.ge)
        elif isinstance(c, annotated_types.Gt):
            low = ("gt", c.gt)
        elif isinstance(c, annotated_types.Le):
            high = ("le", c.le)
        elif isinstance(c, annotated_types.Lt):
            high = ("lt", c.lt)
    got = _got(value)
    if low and high and low[0] == "ge" and high[0] == "le":
        return words("problem.schema.between", low=_number(low[1]), high=_number(high[1]), got=got)
    if low and high:
        return words("problem.schema.bounds", low=words(f"problem.schema.bound.{low[0]}", n=_number(low[1])),
                     high=words(f"problem.schema.bound.{high[0]}", n=_number(high[1])), got=got)
    bound = {
        "greater_than_equal": "ge",
        "greater_than": "gt",
        "less_than_equal": "le",
        "less_than": "lt",
    }[kind]
    return words("problem.schema.bound", bound=words(f"problem.schema.bound.{bound}", n=_number(ctx.get(bound))),
                 got=got)


def _pattern_message(pattern: str, value: Any, is_key: bool) -> Words:
    if pattern == IDENTIFIER_PATTERN:
        example = re.sub(r"[^a-z0-9_]+", "_", str(value).strip().lower()).strip("_")[:48]
        hint: Words | str = ""
        if example and re.match(IDENTIFIER_PATTERN, example):
            hint = words("problem.schema.for_example", example=example)
        what = "problem.schema.bad_key" if is_key else "problem.schema.bad_id"
        return words(what, value=value, hint=hint)
    if "[a-z]{2}" in pattern:
        return words("problem.schema.bad_language", value=value)
    if r"\d{4}" in pattern:
        return words("problem.schema.bad_month", value=value)
    return words("problem.schema.bad_form", value=value)


def _effect_message(value: Any) -> Words:
    kinds = _keys(EFFECT_KINDS)
    if not isinstance(value, dict):
        return words("problem.schema.not_effect", got=shown_words(value))
    found = [k for k in value if k in EFFECT_KINDS]
    if len(found) > 1:
        return words("problem.schema.effect_kinds", kinds=joined([f"`{k}`" for k in found], "problem.join.and"))
    if not value:
        return words("problem.schema.effect_empty", kinds=kinds)
    unknown = [str(k) for k in value if k not in EFFECT_KINDS]
    first = unknown[0] if unknown else ""
    return words("problem.schema.effect_unknown", effect=first, hint=suggestion(first, list(EFFECT_KINDS)),
                 kinds=kinds)


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
            message = type_words(kinds, value) if kinds else describe_words(errors[0], root, is_key)
            if path[-1:] == ("who",) and not is_key:  # name every form `who` takes, with examples
                message = words("problem.schema.who", got=shown_words(value))
            problems.append(source.problem(path, "error", message, key=is_key))
            continue
        error = next(e for e in errors if not is_type_error(e))
        message = describe_words(error, root, is_key)
        point_at = path
        as_key = is_key or error["type"] == "extra_forbidden"
        if error["type"] == "value_error":
            first_word = message.say(DEFAULT).split(" ", 1)[0]
            if (*path, first_word) in source.values:
                point_at, as_key = (*path, first_word), False
        problems.append(source.problem(point_at, "error", message, key=as_key))
    return problems
