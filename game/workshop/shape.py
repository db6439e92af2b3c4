"""A workshop.yaml of the wrong shape, said in the facilitator's language.

Pydantic finds what is wrong with the file's structure (a missing or unknown
key, text where a number belongs, a list too long); :func:`shape_problems` puts
each finding at its ``file:line:col``, as the scenario loader does, and words it
as a :class:`~game.workshop.files.Reason` so that ``--lang fr`` says it in French.
A finding this module has no words for keeps the scenario loader's English.
"""

from __future__ import annotations

from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError

from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import Problem
from game.scenario.schema_errors import describe_error
from game.scenario.schema_sites import field_names, site_of
from game.workshop.files import Reason
from game.workshop.problems import TeamNameError, hint, placed

# What a type error expected, as the catalogue words it.
_KINDS = {
    "string_type": "text",
    "int_type": "whole",
    "int_parsing": "whole",
    "int_from_float": "whole",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}

# The patterns of WorkshopFile's fields, and what each asks for.
_PATTERNS = {
    r"^[0-9a-f]{64}$": "workshop.shape.pattern.sha256",
    r"^[A-Za-z0-9_-]+$": "workshop.shape.pattern.word",
}


def shape_problems(exc: ValidationError, source: SourceMap, root: type[BaseModel]) -> list[Problem]:
    """Every finding of a validation of ``root``, at its place, one per place."""
    out: list[Problem] = []
    seen: set[tuple[ModelPath, bool]] = set()
    for error in exc.errors(include_url=False):
        path, is_key = source.resolve_loc(error["loc"])
        as_key = is_key or error["type"] == "extra_forbidden"
        if (path, as_key) in seen:
            continue
        seen.add((path, as_key))
        reason = error_reason(error, root)
        if reason is None:
            out.append(source.problem(path, "error", describe_error(error, root, is_key), key=as_key))
        else:
            out.append(placed(source.problem(path, "error", "", key=as_key), reason))
    return out


def error_reason(error: Any, root: type[BaseModel], *, yaml_tips: bool = True) -> Reason | None:
    """One pydantic error (from ``errors()``) of a validation of ``root``, as a reason; None when
    this module has no words for it. ``yaml_tips`` adds how to write the value in YAML."""
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    last = str(loc[-1]) if loc else ""
    if kind == "missing":
        return Reason("workshop.shape.missing", key=last)
    if kind == "extra_forbidden":
        holder = site_of(root, loc[:-1])
        model = holder.type if holder else None
        options = field_names(model) if isinstance(model, type) and issubclass(model, BaseModel) else []
        close = hint(last, options)
        if close or not options:
            return Reason("workshop.shape.unknown_key", key=last, hint=close)
        return Reason("workshop.shape.unknown_key_listed", key=last, keys=", ".join(f"`{o}`" for o in options))
    if kind in _KINDS:
        return _expected(_KINDS[kind], value, yaml_tips)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _bounds(kind, ctx, value, root, loc)
    if kind == "literal_error":
        return Reason("workshop.shape.literal", expected=str(ctx.get("expected", "")).strip("'"), got=_plain(value))
    if kind == "string_pattern_mismatch":
        key = _PATTERNS.get(str(ctx.get("pattern", "")), "workshop.shape.pattern")
        return Reason(key, value=value)
    if kind == "string_too_short":
        least = int(ctx.get("min_length", 1))
        if least <= 1:
            return Reason("workshop.shape.empty")
        return Reason.counted("workshop.shape.text_too_short", least, least=least, has=len(str(value)))
    if kind == "string_too_long":
        most = int(ctx.get("max_length", 0))
        return Reason.counted("workshop.shape.text_too_long", most, most=most, has=len(str(value)))
    if kind in ("too_short", "too_long"):
        limit = int(ctx.get("min_length" if kind == "too_short" else "max_length", 0))
        items = Reason.counted("count.items", limit, n=limit)
        return Reason(f"workshop.shape.list_{kind}", items=items, has=ctx.get("actual_length", 0))
    if kind == "value_error":
        found = ctx.get("error")
        if isinstance(found, TeamNameError):
            return found.reason
    return None


def _expected(kind: str, value: Any, tips: bool) -> Reason:
    """``expected a whole number, got text 'ten'``, with a tip where one helps."""
    tip: Reason | str = ""
    if tips and kind == "text" and isinstance(value, int | float | bool):
        tip = Reason("workshop.shape.tip.quote")
    elif tips and kind == "text" and value is None:
        tip = Reason("workshop.shape.tip.empty")
    return Reason("workshop.shape.expected", expected=Reason(f"workshop.shape.kind.{kind}"), got=_shown(value),
                  tip=tip)


def _shown(value: Any) -> Reason | str:
    """A value as the facilitator would recognise it: ``text 'ten'``, ``a list``."""
    if value is None:
        return Reason("workshop.shape.got.empty")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if isinstance(value, int) and abs(value) >= 10**15:
            return Reason("workshop.shape.got.huge")
        return Reason("workshop.shape.got.number", n=_plain(value))
    if isinstance(value, str):
        return Reason("workshop.shape.got.text", text=repr(value if len(value) <= 40 else value[:37] + "..."))
    if isinstance(value, dict):
        return Reason("workshop.shape.got.mapping")
    if isinstance(value, list):
        return Reason("workshop.shape.got.list")
    return type(value).__name__


def _plain(value: Any) -> str:
    """A number or short text as written in the file."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    return str(value)


def _bounds(kind: str, ctx: dict[str, Any], value: Any, root: type[BaseModel],
            loc: tuple[str | int, ...]) -> Reason:
    site = site_of(root, loc)
    low = next((c.ge for c in site.constraints if isinstance(c, annotated_types.Ge)), None) if site else None
    high = next((c.le for c in site.constraints if isinstance(c, annotated_types.Le)), None) if site else None
    if low is not None and high is not None:
        return Reason("workshop.shape.between", low=low, high=high, got=_plain(value))
    limit = ctx.get({"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le",
                     "less_than": "lt"}[kind])
    return Reason(f"workshop.shape.{kind}", limit=limit, got=_plain(value))
