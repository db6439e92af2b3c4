"""Following a pydantic error's ``loc`` through the schema's types.

A ``loc`` names fields, list indexes, map keys and the members of unions;
:func:`site_of` walks it from the root model to what the schema expects
there (the type and its constraints), so that an error can be worded with
the limits and the keys the author may use.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo


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
