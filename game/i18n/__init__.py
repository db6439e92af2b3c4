"""The game's own words in the player's language: ``t("turn.end_turn")``.

Catalogues are JSON files in ``game/data/i18n/`` (one per language, a flat
map of key to text with ``{name}`` fields). A key missing from a language
falls back to English, and a key missing from English shows the key itself,
so a gap is visible and never a crash. Scenario texts are not here: a
scenario carries its own translations and the session picks them.

The language is chosen once per window (``--lang``, else the system locale,
else the scenario's language); :func:`set_language` records it and
:func:`t` reads it.
"""

from __future__ import annotations

import json
import os
import re
import string
from functools import cache
from importlib import resources

DEFAULT = "en"
LANGUAGES = ("en", "fr")

_current = DEFAULT


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The texts of one language (empty for a language without a catalogue)."""
    if lang not in LANGUAGES:
        return {}
    raw = (resources.files("game") / "data" / "i18n" / f"{lang}.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return {str(k): str(v) for k, v in data.items() if not k.startswith("_")}


def supported(lang: str | None) -> str | None:
    """The catalogue language for ``lang`` (``fr_CA`` -> ``fr``), or None when there is none."""
    if not lang:
        return None
    code = lang.replace("-", "_").split("_")[0].split(".")[0].lower()
    return code if code in LANGUAGES else None


def system_language(environ: dict[str, str] | None = None) -> str | None:
    """The language the system locale asks for (LC_ALL, then LC_MESSAGES, then LANG), if any.

    ``C`` and ``POSIX`` ask for nothing in particular."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value.split(".")[0].split("@")[0]
            if code in ("C", "POSIX"):
                return None
            return code.replace("-", "_").split("_")[0].lower() or None
    return None


def choose(requested: str | None, scenario_language: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The UI language: ``--lang`` when it has a catalogue, else the system's, else the scenario's, else English."""
    for candidate in (requested, system_language(environ), scenario_language):
        found = supported(candidate)
        if found is not None:
            return found
    return DEFAULT


def set_language(lang: str | None) -> str:
    """Make ``lang`` (or English, when it has no catalogue) the language of :func:`t`; returns it."""
    global _current
    _current = supported(lang) or DEFAULT
    return _current


def language() -> str:
    return _current


def translate(lang: str | None, key: str, /, **fields: object) -> str:
    """The text of ``key`` in ``lang`` (falling back to English, then to the key), with ``fields`` filled in."""
    template = catalogue(supported(lang) or DEFAULT).get(key)
    if template is None:
        template = catalogue(DEFAULT).get(key, key)
    if not fields:
        return template
    fields = {name: _isolated(value) for name, value in fields.items()}
    try:
        return template.format_map(fields)
    except (KeyError, IndexError, ValueError):
        return template


# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _isolated(value: object) -> object:
    """A right-to-left name set inside a sentence, isolated so the sentence keeps its own order.

    Without the isolate marks (U+2068 ... U+2069), "{label} {turn} of {turns}" with an Arabic
    label would be laid out as one right-to-left run and read "of 6 1 <label>"."""
    if isinstance(value, str) and _RIGHT_TO_LEFT.search(value):
        return f"\u2068{value}\u2069"
    return value


# French sets these apart with a space, and a line must never start with one alone
# (nor end with "«"): the space beside them becomes a no-break space before wrapping.
_CLINGS_LEFT = re.compile(r" +(?=[?!:;»%](?!\w))")
_CLINGS_RIGHT = re.compile(r"(?<=«) +")


def no_break(text: str) -> str:
    """``text`` with the spaces before ``? ! : ; » %`` and after ``«`` made unbreakable."""
    return _CLINGS_RIGHT.sub("\u00a0", _CLINGS_LEFT.sub("\u00a0", text))


def t(key: str, /, **fields: object) -> str:
    """The text of ``key`` in the current language, with ``fields`` filled in."""
    return translate(_current, key, **fields)


def fields_of(template: str) -> set[str]:
    """The ``{name}`` fields a template uses (for the catalogue tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def percent(share: float, digits: int = 0) -> str:
    """A share as a percentage in the current language's style: ``42%`` or ``42 %``."""
    return t("fmt.percent", n=f"{share * 100:.{digits}f}")
