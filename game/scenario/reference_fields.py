"""The schema's models as Markdown: field tables, and types, ranges and defaults in plain words.

Part of the generated reference (see :mod:`game.scenario.reference`):
:func:`sections` finds every model reachable from a Scenario, in the order
an author reads the file, and :func:`table` lists a model's fields.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

import annotated_types as at
from pydantic import BaseModel, Discriminator, Tag
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from game.scenario import schema as sc

# Rules that span several fields, which the field table cannot show.
NOTES: dict[type[BaseModel], str] = {
    sc.Metric: "`initial` and `target` must lie between `min` and `max`.",
    sc.Ending: "Exactly one ending has no `when`: it is the fallback when no other ending matches.",
    sc.Event: "Every event needs choices: two or three make a dilemma. A choice may have no effects.",
}

# Effects have a section of their own (see game.scenario.reference_examples).
_SKIP_SECTIONS = {*sc.EFFECT_KINDS.values()}


# --------------------------------------------------------------------------
# Types in plain words


def _is(hint: Any, alias: Any) -> bool:
    try:
        return bool(hint == alias)
    except TypeError:
        return False


def _untagged(hint: Any) -> Any:
    """A union member without the tag that tells it apart (a debrief question's two forms)."""
    if typing.get_origin(hint) is typing.Annotated:
        base, *meta = typing.get_args(hint)
        kept = [m for m in meta if not isinstance(m, Tag | Discriminator)]
        if len(kept) < len(meta):
            return typing.Annotated[base, *kept] if kept else base
    return hint


def _strip(hint: Any) -> Any:
    """Drop Annotated wrappers that are not one of the named aliases."""
    hint = _untagged(hint)
    while typing.get_origin(hint) is typing.Annotated and not any(
        _is(hint, a) for a in (sc.Identifier, sc.LocalisedText, sc.ShortText, sc.Expression, sc.Who, sc.Effect,
                                 sc.Unit)
    ):
        hint = typing.get_args(hint)[0]
    return hint


def anchor(title: str) -> str:
    """The anchor a Markdown renderer gives a heading (GitHub's rule)."""
    text = re.sub(r"[^\w\- ]", "", title.lower())
    return text.replace(" ", "-")


def title(model: type[BaseModel]) -> str:
    if model is sc.Scenario:
        return "Scenario file"
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__.removesuffix("Spec")).lower()
    return words[0].upper() + words[1:]


def _link(model: type[BaseModel]) -> str:
    if model.__name__.endswith("Spec"):
        heading = title(model) + " effect"
        return f"[{heading.lower()}](#{anchor(heading)})"
    return f"[{title(model).lower()}](#{anchor(title(model))})"


def words(hint: Any, plural: bool = False) -> str:
    """A type in plain words, for authors rather than programmers."""
    hint = _strip(hint)
    s = "s" if plural else ""
    if _is(hint, sc.Identifier):
        return f"identifier{s}"
    if _is(hint, sc.LocalisedText):
        return f"text{s} (translatable)"
    if _is(hint, sc.ShortText):
        return f"name{s} (translatable)"
    if _is(hint, sc.Expression):
        return f"expression{s}"
    if _is(hint, sc.Who):
        return "[who](#who)"
    if _is(hint, sc.Effect):
        return f"[effect{s}](#effects)"
    if _is(hint, sc.Unit) or hint is float:
        return f"number{s}"
    if hint is int:
        return f"whole number{s}"
    if hint is bool:
        return "`true` or `false`"
    if hint is str:
        return f"plain text{s}"
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return _link(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        shown = [f"`{a}`" for a in args]
        return shown[0] if len(shown) == 1 else "one of " + ", ".join(shown)
    if origin in (typing.Union, types.UnionType):
        parts = [a for a in args if a is not type(None)]
        return " or ".join(words(a, plural) for a in parts)
    if origin is list:
        return f"list of {words(args[0], plural=True)}"
    if origin is dict:
        key = _strip(args[0])
        if typing.get_origin(key) is Literal:
            return f"`{{{typing.get_args(key)[0]}: {words(args[1])}}}`"
        return f"map from {words(key)} to {words(args[1])}"
    raise TypeError(f"no plain words for the type {hint!r}: teach game/scenario/reference_fields.py")


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() and abs(x) >= 10_000 else f"{x:g}"


def limits(info: FieldInfo, hint: Any) -> str:
    """The range of allowed values, from the field's constraints."""
    if _is(_strip(hint), sc.Expression) or any(_is(a, sc.Expression) for a in typing.get_args(hint)):
        return ""  # the expression reference gives their limits
    lo = hi = ""
    short = long = ""
    notes = []
    for m in info.metadata:
        if isinstance(m, at.Ge):
            lo = _number(float(m.ge))  # type: ignore[arg-type]
        elif isinstance(m, at.Gt):
            lo = f"above {_number(float(m.gt))}"  # type: ignore[arg-type]
        elif isinstance(m, at.Le):
            hi = _number(float(m.le))  # type: ignore[arg-type]
        elif isinstance(m, at.Lt):
            hi = f"below {_number(float(m.lt))}"  # type: ignore[arg-type]
        elif isinstance(m, at.MinLen):
            short = str(m.min_length)
        elif isinstance(m, at.MaxLen):
            long = str(m.max_length)
        elif getattr(m, "pattern", None) and not _is(hint, sc.Identifier):
            notes.append(_PATTERNS.get(m.pattern, f"matches `{m.pattern}`"))
    origin = typing.get_origin(_strip(hint))
    # A length limit counts a list's items, a map's entries and a text's characters.
    unit = "items" if origin in (list, tuple, set, frozenset) else "entries" if origin is dict else "characters"
    if short and long:
        notes.insert(0, f"{short} to {long} {unit}")
    elif short:
        notes.insert(0, f"at least {short} {unit}")
    elif long:
        notes.insert(0, f"at most {long} {unit}")
    if lo and hi:
        notes.insert(0, f"{lo}, up to {hi}" if lo.startswith("above") else f"{lo} to {hi}")
    elif lo:
        notes.insert(0, lo if lo.startswith("above") else f"{lo} or more")
    elif hi:
        notes.insert(0, hi if hi.startswith("below") else f"{hi} or less")
    return "; ".join(notes)


_PATTERNS = {
    r"^\d{4}-(0[1-9]|1[0-2])$": "a date as `YYYY-MM`",
    r"^[a-z]{2}(-[A-Z]{2})?$": "a language code such as `en` or `pt-BR`",
}


def default(info: FieldInfo) -> str:
    """Whether a field is required, or what it is when left out."""
    if info.is_required():
        return "**required**"
    factory = info.default_factory
    if factory is not None:
        if isinstance(factory, type) and issubclass(factory, BaseModel):
            return "all defaults"
        return "empty"
    value = info.default
    if value is None or value is PydanticUndefined:
        return "none"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if value == "":
        return "empty"
    if isinstance(value, float):
        return f"`{_number(value)}`"
    return f"`{value}`"


# --------------------------------------------------------------------------
# Walking the models


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _fields(model: type[BaseModel]) -> Iterator[tuple[str, Any, FieldInfo]]:
    """The fields in the order an author reads them: the model's own first, inherited after."""
    hints = typing.get_type_hints(model, include_extras=True)
    own = inspect.get_annotations(model)
    names = sorted(model.model_fields, key=lambda n: n not in own)
    for name in names:
        info = model.model_fields[name]
        yield info.alias or name, hints[name], info


def table(model: type[BaseModel]) -> list[str]:
    rows = ["| field | type | required or default | range | description |", "|---|---|---|---|---|"]
    for key, hint, info in _fields(model):
        rows.append(
            f"| `{key}` | {cell(words(hint))} | {default(info)} | {cell(limits(info, hint))} "
            f"| {cell(info.description or '')} |"
        )
    return rows


def _models_in(hint: Any) -> Iterator[type[BaseModel]]:
    hint = _strip(hint)
    if _is(hint, sc.Effect):
        return
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        yield hint
        return
    for arg in typing.get_args(hint):
        yield from _models_in(arg)


def sections() -> list[tuple[type[BaseModel], list[str]]]:
    """Every model reachable from Scenario outside effects, in reading order, with where it is used."""
    found: dict[type[BaseModel], list[str]] = {sc.Scenario: ["the top level of the file"]}

    def visit(model: type[BaseModel], path: str) -> None:
        for key, hint, _ in _fields(model):
            origin = typing.get_origin(_strip(hint))
            step = f"{path}.{key}" if path else key
            if origin is list:
                step += "[]"
            elif origin is dict:
                step += ".*"
            for inner in _models_in(hint):
                if inner in _SKIP_SECTIONS:
                    continue
                first = inner not in found
                found.setdefault(inner, []).append(f"`{step}`")
                if first:
                    visit(inner, step)

    visit(sc.Scenario, "")
    return list(found.items())


def model_doc(model: type[BaseModel]) -> str:
    own = model.__dict__.get("__doc__")
    return " ".join(own.split()) if own and model is not sc.Scenario else ""



def value_types() -> list[str]:
    """The section on the value types many fields share."""
    out = ["### Value types", ""]
    for name, alias in (
        ("Identifier", sc.Identifier),
        ("Text", sc.LocalisedText),
        ("Name", sc.ShortText),
        ("Expression", sc.Expression),
        ("Who", sc.Who),
    ):
        info = typing.get_args(alias)[1]
        description = info.description if isinstance(info, FieldInfo) else ""
        out += [f"#### {name}", "", cell(description or ""), ""]
        if name == "Expression":
            out += ["The grammar, every quantity and function, and examples: [Expressions](#expressions).", ""]
    return out
