"""Where the scenario format takes a player-facing text, and the ``{file: NAME}`` written there.

The places are worked out once from the schema's types (every field typed
LocalisedText or ShortText, in every model, list and map of the format), so
a text field added to :mod:`game.scenario.schema` is covered without more
code. :func:`references` walks a scenario's plain data, before the schema
sees it, along those places only: a mapping with a ``file`` key elsewhere
(say, a stakeholder id) is never taken for a reference.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.scenario.positions import ModelPath
from game.scenario.schema import Scenario

KEY = "file"


# --------------------------------------------------------------------------
# Where texts sit in the format, worked out once from the schema's types


@dataclass(frozen=True)
class _Text:
    """A text or a name; ``limit`` is its length limit in characters."""

    limit: int


@dataclass(frozen=True)
class _Each:
    """Every item of a list, or every value of a mapping."""

    step: _Step


@dataclass(frozen=True)
class _Either:
    """A text, or a model holding texts (a debrief question): told apart by the model's keys."""

    text: _Text
    plan: _Plan


_Plan = dict[str, "_Step"]  # a model's keys (as written) that lead to texts
_Step = _Text | _Each | _Either | _Plan
_plan: _Plan | None = None


def _bare(tp: Any) -> tuple[Any, list[Any]]:
    meta: list[Any] = []
    while typing.get_origin(tp) is typing.Annotated:
        tp, *more = typing.get_args(tp)
        for m in more:
            meta.extend(m.metadata if isinstance(m, FieldInfo) else [m])
    return tp, meta


def _members(tp: Any) -> list[Any]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [m for m in typing.get_args(tp) if m is not type(None)]
    return [tp]


def _text_limit(members: list[Any]) -> int | None:
    """The length limit when ``members`` are a text's: a string, or a map from language code to string."""
    limit: int | None = None
    has_map = False
    for member in members:
        base, meta = _bare(member)
        if base is str:
            limit = next((m.max_length for m in meta if getattr(m, "max_length", None)), None)
        elif typing.get_origin(base) is dict:
            key, value = (_bare(t) for t in typing.get_args(base))
            # keyed by language codes (a pattern), not by fixed words, and holding strings
            has_map = value[0] is str and any(getattr(m, "pattern", None) for m in key[1])
    return limit if has_map and len(members) == 2 else None


def _step(tp: Any, busy: set[type[BaseModel]]) -> _Step | None:
    """What to follow in a value of type ``tp`` to reach texts; None when it holds none."""
    base = _bare(tp)[0]
    members = _members(base)
    if len(members) == 1 and members[0] is not base:  # `X | None`
        return _step(members[0], busy)
    limit = _text_limit(members)
    if limit is not None:
        return _Text(limit)
    if len(members) > 1:
        limits = [_text_limit(_members(_bare(m)[0])) for m in members]
        text = next((x for x in limits if x is not None), None)
        if text is not None:
            rest = _model_plan([m for m, x in zip(members, limits, strict=True) if x is None], busy)
            return _Either(_Text(text), rest) if rest else _Text(text)
    if len(members) == 1 and typing.get_origin(base) in (list, dict):
        inner = _step(typing.get_args(base)[-1], busy)
        return None if inner is None else _Each(inner)
    return _model_plan(members, busy) or None


def _model_plan(members: list[Any], busy: set[type[BaseModel]]) -> _Plan:
    """The keys of the models among ``members`` that lead to texts."""
    plan: _Plan = {}
    for member in members:
        model = _bare(member)[0]
        if isinstance(model, type) and issubclass(model, BaseModel) and model not in busy:
            busy.add(model)  # effects hold effects: do not go round
            for name, info in model.model_fields.items():
                found = _step(_field_type(info), busy)
                if found is not None:
                    plan[info.alias or name] = found
            busy.discard(model)
    return plan


def _field_type(info: FieldInfo) -> Any:
    """A field's type with its own constraints put back (pydantic keeps them apart)."""
    return typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def text_plan() -> _Plan:
    """Every key path of the scenario format that holds a text, with its length limit."""
    global _plan
    if _plan is None:
        found = _step(Scenario, set())
        assert isinstance(found, dict), "the scenario format has no texts"
        _plan = found
    return _plan


# --------------------------------------------------------------------------
# Finding the references in a scenario's plain data


@dataclass
class Reference:
    """One ``{file: NAME}`` where a text belongs."""

    path: ModelPath  # where the text belongs (the mapping `{file: ...}`)
    name: Any  # the value of `file:`, as written
    limit: int
    extra: list[str]  # other keys written beside `file:` (an error)
    replace: Callable[[str], None]  # puts the text in place of the mapping


def references(data: dict[str, Any]) -> list[Reference]:
    """Every ``{file: ...}`` mapping where the format takes a text, in the order of the file."""
    found: list[Reference] = []
    _visit_plan(data, text_plan(), (), found)
    return found


def _visit_plan(data: dict[str, Any], plan: _Plan, path: ModelPath, found: list[Reference]) -> None:
    for key, step in plan.items():
        value = data.get(key)
        if type(value) is dict or type(value) is list:  # texts written as strings need no look
            _visit(data, key, value, step, path, found)


def _visit(parent: Any, key: Any, value: Any, step: _Step, path: ModelPath, found: list[Reference]) -> None:
    """Look for references in ``value``, which is ``parent[key]`` and sits at ``(*path, key)``."""
    if type(step) is _Text:
        if type(value) is not dict:
            return
        if KEY in value:
            found.append(_reference(parent, key, value, (*path, key), step.limit))
            return
        for language, text in value.items():
            if type(text) is dict and KEY in text:
                found.append(_reference(value, language, text, (*path, key, language), step.limit))
    elif type(step) is _Either:
        if type(value) is dict and any(k in step.plan for k in value):
            _visit_plan(value, step.plan, (*path, key), found)
        else:
            _visit(parent, key, value, step.text, path, found)
    elif type(step) is _Each:
        inner = step.step
        items = enumerate(value) if type(value) is list else list(value.items()) if type(value) is dict else ()
        for k, item in items:
            if type(item) is dict or type(item) is list:
                _visit(value, k, item, inner, (*path, key), found)
    elif type(value) is dict:
        assert isinstance(step, dict)
        _visit_plan(value, step, (*path, key), found)


def _reference(parent: Any, key: Any, mapping: dict[str, Any], path: ModelPath, limit: int) -> Reference:
    def replace(text: str) -> None:
        parent[key] = text

    extra = [str(k) for k in mapping if k != KEY]
    return Reference(path, mapping[KEY], limit, extra, replace)
