"""The game's own words in the player's language: ``t("turn.end_turn")``.

Catalogues are JSON files in ``game/data/i18n/`` (one per language, a flat
map of key to text with ``{name}`` fields). A key missing from a language
falls back to English, and a key missing from English shows the key itself,
so a gap is visible and never a crash. Scenario texts are not here: a
scenario carries its own translations and the session picks them.

The language is chosen once per window (``--lang``, else the system locale,
else the scenario's language); :func:`set_language` records it and
:func:`t` reads it.

Counted words agree with their number through plural sets: ``KEY.one`` and
``KEY.other`` side by side in the catalogue (still a flat map of strings), read
with :func:`t_count` or :func:`translate_count`, which take the number and pick
the form by the language's rule:

* English uses ``one`` only when the number is 1, written without decimals
  (``1 push``, ``0 pushes``, ``1.5 points``, and ``1.0 points`` when the number
  is given as shown);
* French uses ``one`` for every number below 2 (``0 passage``, ``1 passage``,
  ``1,5 point``, ``2 points``).

Both rules look at the number's size, not its sign (``−1 point``), and should be
given the number as it is shown, after rounding. A language whose catalogue lacks
the set falls back to English's set (with English's rule), then to the key itself.
"""

from __future__ import annotations

import json
import os
import re
import string
from functools import cache, lru_cache
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


@lru_cache(maxsize=64)
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
    return _filled(template, fields)


def _filled(template: str, fields: dict[str, object]) -> str:
    if not fields:
        return template
    fields = {name: isolated(value) for name, value in fields.items()}
    try:
        return template.format_map(fields)
    except (KeyError, IndexError, ValueError):
        return template


PLURAL_FORMS = ("one", "other")


def plural_form(lang: str | None, count: float | str) -> str:
    """The form (``"one"`` or ``"other"``) a word counted by ``count`` takes in ``lang``.

    English: ``one`` for 1 alone. French: ``one`` for any number below 2 (0, 1, 1.5).
    ``count`` may be the number as shown (``"1.0"``, ``"−1,5"``, ``"2 000"``): English
    then reads ``1.0 points``, as a number written with decimals is plural. The sign
    does not matter; a language without a catalogue follows English."""
    code = supported(lang) or DEFAULT
    if isinstance(count, str):
        shown = _shown_number(code, count)
        if shown is None:
            return "other"
        size, decimals = shown
    else:
        size, decimals = abs(float(count)), False
    if code == "fr":
        return "one" if size < 2 else "other"
    return "one" if size == 1 and not decimals else "other"


def _shown_number(lang: str, text: str) -> tuple[float, bool] | None:
    """The size of a number written in ``lang`` (``"−1,5"`` in French is 1.5), and whether it shows decimals."""
    texts = catalogue(lang)
    thousands, mark = texts.get("fmt.thousands", ","), texts.get("fmt.decimal", ".")
    plain = text.strip().lstrip("+-\u2212").replace(thousands, "").replace(mark, ".")
    plain = plain.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    try:
        size = abs(float(plain))
    except ValueError:
        return None
    return size, "." in plain


def plural_sets(lang: str) -> frozenset[str]:
    """The keys written as a plural set (``KEY.one`` and ``KEY.other``) in ``lang``'s catalogue."""
    texts = catalogue(lang)
    return frozenset(k[: -len(".one")] for k in texts if k.endswith(".one") and k[: -len(".one")] + ".other" in texts)


def _counted(lang: str, key: str, count: float | str) -> str | None:
    texts = catalogue(lang)
    template = texts.get(f"{key}.{plural_form(lang, count)}", texts.get(f"{key}.other"))
    return template if template is not None else texts.get(key)


def translate_count(lang: str | None, key: str, count: float | str, /, **fields: object) -> str:
    """The form of the plural set ``key`` that agrees with ``count`` in ``lang``, with ``fields`` filled in.

    ``count`` only chooses the form: pass the number itself as a field too, written as the
    language writes it (``translate_count("fr", "count.points", "1,5", n="1,5")`` is ``1,5 point``).
    Falls back to English, then to the key, like :func:`translate`."""
    code = supported(lang) or DEFAULT
    template = _counted(code, key, count)
    if template is None and code != DEFAULT:
        template = _counted(DEFAULT, key, count)
    return _filled(key if template is None else template, fields)


def counted(lang: str | None, key: str, number: float | str) -> str:
    """A counted phrase whose only field is ``{n}``: ``counted("en", "count.points", "1.5")`` is ``1.5 points``."""
    return translate_count(lang, key, number, n=number)


def t_count(key: str, count: float | str, /, **fields: object) -> str:
    """The form of the plural set ``key`` that agrees with ``count`` in the current language."""
    return translate_count(_current, key, count, **fields)


# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def isolated(value: object) -> object:
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


def counted_label(label: str, count: float | str, lang: str | None) -> str:
    """A scenario's turn label agreeing with ``count``: ``quarter``, ``quarters``, ``trimestres``.

    French leaves a word ending in s, x or z as it is (``6 mois``)."""
    code = supported(lang) or DEFAULT
    if plural_form(code, count) == "one" or (code == "fr" and label.endswith(("s", "x", "z"))):
        return label
    return f"{label}s"


def t(key: str, /, **fields: object) -> str:
    """The text of ``key`` in the current language, with ``fields`` filled in."""
    return translate(_current, key, **fields)


def fields_of(template: str) -> set[str]:
    """The ``{name}`` fields a template uses (for the catalogue tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def percent(share: float, digits: int = 0) -> str:
    """A share as a percentage in the current language's style: ``42%`` or ``42 %``."""
    return t("fmt.percent", n=f"{share * 100:.{digits}f}")
