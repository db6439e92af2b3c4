"""Pydantic's errors as problems an author can act on, each at its position.

:func:`describe_error` words one pydantic error (expected types, bounds,
unknown keys with a did-you-mean, id patterns, effects);
:func:`schema_problems` places every error of a validation at its
``file:line:col`` and folds the alternatives of a union into one problem.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError

from game.i18n import counted
from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import Problem, did_you_mean, shown
from game.scenario.schema import EFFECT_KINDS
from game.scenario.schema_sites import Site, field_names, site_of

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
        return f"needs at least {counted('en', 'count.items', n)} (has {ctx.get('actual_length', 0)})"
    if kind == "too_long":
        return f"may have at most {counted('en', 'count.items', ctx.get('max_length', 0))} (has {ctx.get('actual_length')})"
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
