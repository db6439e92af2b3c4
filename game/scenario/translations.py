"""Checks on a scenario's player-facing texts: missing translations, characters no font can draw.

Every text the player reads (and an expectation's note, which `shove test`
shows the author) is found by walking the models for fields typed as
translatable text; the checks report through the semantic pass (see
:mod:`game.scenario.checks`), so their problems sit among the others.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from pydantic import BaseModel

from game import glyphs
from game.i18n.words import Words
from game.scenario.positions import ModelPath
from game.scenario.problems import Severity, counted_words, plural, words
from game.scenario.schema import Scenario

# Per-text translation warnings up to this many for one language; one summary beyond.
TRANSLATION_DETAIL = 10


class Reporter(Protocol):
    """Where the checks send their problems: the semantic pass."""

    def report(self, path: ModelPath, severity: Severity, message: Words) -> None: ...

    def where(self, path: ModelPath) -> tuple[int, int]: ...


def _is_localised(annotation: Any) -> bool:
    """True for LocalisedText (text, or a map from language to text), optional or not.

    A map keyed by fixed words (such as an effect's ``who: {where: ...}``) is not a text."""
    annotation = _bare(annotation)
    members = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, _UNION) else ()
    members = tuple(_bare(m) for m in members if m is not type(None))
    if len(members) == 1:
        return _is_localised(members[0])
    has_str = str in members
    has_map = any(typing.get_origin(m) is dict and typing.get_origin(typing.get_args(m)[0]) is not typing.Literal
                  for m in members)
    return has_str and has_map


_UNION = type(int | str)


def _may_be_localised(annotation: Any) -> bool:
    """True for a text, or a union one of whose members is a text (a question: a text or a model)."""
    if _is_localised(annotation):
        return True
    annotation = _bare(annotation)
    if typing.get_origin(annotation) not in (typing.Union, _UNION):
        return False
    return any(_is_localised(m) for m in typing.get_args(annotation))


def _bare(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` wrappers (length limits and the like)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _texts(value: Any, path: ModelPath) -> Iterator[tuple[ModelPath, str | dict[str, str]]]:
    """Every player-facing text in a model, with its path in the file."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            key = info.alias or name
            if _is_localised(info.annotation):
                if child:
                    yield (*path, key), child
            elif typing.get_origin(info.annotation) is list and _may_be_localised(typing.get_args(info.annotation)[0]):
                for i, item in enumerate(child):
                    if isinstance(item, BaseModel):  # a list of texts or models (debrief questions)
                        yield from _texts(item, (*path, key, i))
                    else:
                        yield (*path, key, i), item
            else:
                yield from _texts(child, (*path, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))


def check_translations(scenario: Scenario, languages: Sequence[str], checker: Reporter) -> None:
    """Warn about texts missing in the scenario's languages and in ``languages``."""
    meta = scenario.meta
    wanted = [lang for lang in dict.fromkeys([*meta.languages, *languages]) if lang != meta.language]
    if not wanted:
        return
    texts = list(_texts(scenario, ()))
    for lang in wanted:
        missing = [path for path, text in texts if not (isinstance(text, dict) and text.get(lang))]
        if not missing:
            continue
        if len(missing) == len(texts):
            checker.report(("meta", "languages"), "warning", counted_words("problem.text.none_translated", len(texts),
                                                                           lang=lang, source=meta.language))
        elif len(missing) <= TRANSLATION_DETAIL:
            for path in missing:
                checker.report(path, "warning", words("problem.text.untranslated", lang=lang))
        else:
            line = checker.where(missing[0])[0]
            checker.report(("meta", "languages"), "warning", plural("problem.text.some_untranslated", len(missing), lang=lang,
                                                                   missing=len(missing), count=len(texts),
                                                                   line=line))


# Characters named in the warning, at most.
GLYPHS_SHOWN = 5


def check_drawable(scenario: Scenario, checker: Reporter) -> None:
    """Warn once when player texts have characters none of the desktop game's fonts can draw.

    The shipped fonts draw Latin, Greek, Cyrillic, Devanagari, Arabic and
    Hebrew (see :mod:`game.glyphs`); Chinese, Japanese, Thai or emoji, say,
    would show as empty boxes.
    """
    first: ModelPath | None = None
    found: dict[str, None] = {}
    for path, text in _texts(scenario, ()):
        values = [text] if isinstance(text, str) else list(text.values())
        for value in values:
            for ch in glyphs.missing(value):
                if first is None:
                    first = path
                found[ch] = None
    if first is None:
        return
    shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in list(found)[:GLYPHS_SHOWN])
    more = words("problem.text.more", n=len(found) - GLYPHS_SHOWN) if len(found) > GLYPHS_SHOWN else ""
    checker.report(first, "warning", words("problem.text.glyphs", shown=shown, more=more))
