"""A scenario's text in one language.

A player-facing text in a scenario is either a plain string (in the scenario's
own language) or a map from language code to string; this is the one place
that picks the string to show.
"""

from __future__ import annotations


def localise(text: str | dict[str, str] | None, lang: str | None = None, fallback: str = "en") -> str:
    """The text in ``lang``, else in ``fallback`` (usually the scenario's language), else in
    English, else in any language it has; a plain string is returned as it is."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for code in (lang, fallback, "en"):
        if code and code in text:
            return text[code]
    return next(iter(text.values()), "")
