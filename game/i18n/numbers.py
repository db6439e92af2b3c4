"""Numbers written as a language writes them: ``12.5`` or ``12,5``, ``42%`` or ``42 %``, ``2,000`` or ``2 000``.

Each function takes the language explicitly, so reports made in one language
(the workshop report, the balance page, the test results) never depend on the
language of the window. The marks come from the ``fmt.*`` keys of the catalogues.
"""

from __future__ import annotations

from game.i18n import translate


def decimal_mark(lang: str | None) -> str:
    return translate(lang, "fmt.decimal")


def with_mark(text: str, lang: str | None) -> str:
    """A number already written with a full stop, given the language's decimal mark instead."""
    return text.replace(".", decimal_mark(lang))


def number(value: float, lang: str | None, digits: int = 1, *, signed: bool = False) -> str:
    """``value`` with ``digits`` decimals: ``12.5``, ``12,5``; ``signed`` adds a ``+`` to positive numbers."""
    return with_mark(f"{value:{'+' if signed else ''}.{digits}f}", lang)


def general(value: float, lang: str | None, digits: int = 3) -> str:
    """``value`` to ``digits`` significant figures (``0.18``, ``0,18``)."""
    return with_mark(f"{value:.{digits}g}", lang)


def count(value: int, lang: str | None) -> str:
    """A whole number with its thousands grouped: ``12,000`` or ``12 000``."""
    return f"{value:,}".replace(",", translate(lang, "fmt.thousands"))


def percent(share: float, lang: str | None, digits: int = 0) -> str:
    """A share from 0 to 1 as a percentage: ``42%``, ``42 %``, ``12.5%`` or ``12,5 %``."""
    return translate(lang, "fmt.percent", n=number(share * 100, lang, digits))
