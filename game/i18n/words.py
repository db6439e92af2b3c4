"""A sentence held as a catalogue key and its fields, said later in any language.

:class:`Words` is how the game keeps a message it may have to give in another
language than the one it was made in: a scenario problem, a reason a session
file was refused, a workshop mistake. ``Words("session_file.newer", version=3)``
is said with :meth:`Words.say` in English or French; a field may itself be
:class:`Words`, a :class:`Num` or anything else :class:`Sayable`, said in the
same language. :meth:`Words.counted` names a plural set (``KEY.one`` /
``KEY.other``) and carries the number that chooses the form.

A key missing from a language falls back to English, then to the key itself,
and a catalogue slip (a field the template names but the words lack) shows the
template unfilled: saying words never raises. Words made :meth:`unbroken` keep
French punctuation on the line of the word before it (:func:`game.i18n.no_break`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from game.i18n import DEFAULT, catalogue, isolated, no_break, plural_form, supported


@runtime_checkable
class Sayable(Protocol):
    """Anything that can be said in a language: :class:`Words`, a :class:`Num`, a list of problems."""

    def say(self, lang: str | None) -> str: ...


@dataclass(frozen=True)
class Num:
    """A number shown the way a language writes it: ``1,234.5`` or ``1 234,5`` (``grouped=False``: ``1234,5``)."""

    value: float
    digits: int = 0
    grouped: bool = True

    def say(self, lang: str | None) -> str:
        text = f"{self.value:,.{self.digits}f}" if self.grouped else f"{self.value:.{self.digits}f}"
        code = supported(lang) or DEFAULT
        if code == DEFAULT:
            return text
        texts = catalogue(code)
        return text.replace(",", "\0").replace(".", texts.get("fmt.decimal", ".")).replace(
            "\0", texts.get("fmt.thousands", ","))


@dataclass(frozen=True, init=False)
class Words:
    """A sentence in any language: the catalogue ``key`` and the ``fields`` that fill it.

    Two words are equal when they say the same thing the same way; ``str()`` is the English."""

    key: str
    fields: tuple[tuple[str, object], ...]
    count: float | str | None
    no_break: bool

    def __init__(self, key: str, /, **fields: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "fields", tuple(fields.items()))
        object.__setattr__(self, "count", None)
        object.__setattr__(self, "no_break", False)

    @classmethod
    def counted(cls, key: str, count: float | str, /, **fields: object) -> Words:
        """Words from the plural set ``key`` in the form that agrees with ``count`` (the number as shown,
        or the number itself); pass the number as a field too when the text shows it."""
        made = cls(key, **fields)
        object.__setattr__(made, "count", count)
        return made

    def unbroken(self) -> Words:
        """These words with the spaces before ``? ! : ; » %`` made unbreakable outside English."""
        made = Words.__new__(Words)
        for name in ("key", "fields", "count"):
            object.__setattr__(made, name, getattr(self, name))
        object.__setattr__(made, "no_break", True)
        return made

    def __hash__(self) -> int:  # fields may hold lists, so they stay out of the hash
        return hash((self.key, self.count, self.no_break))

    def say(self, lang: str | None = DEFAULT) -> str:
        """The sentence in ``lang`` (English where ``lang`` has no text for the key; the key where English has none)."""
        code = supported(lang) or DEFAULT
        template = self._template(code)
        if template is None and code != DEFAULT:
            template = self._template(DEFAULT)
        elif template is not None and self.no_break and code != DEFAULT:
            template = no_break(template)
        if template is None:
            return self.key
        if not self.fields:
            return template
        try:
            return template.format_map({name: isolated(said(value, code)) for name, value in self.fields})
        except (KeyError, IndexError, ValueError):  # a catalogue slip shows the text unfilled, never a crash
            return template

    def _template(self, code: str) -> str | None:
        texts = catalogue(code)
        if self.count is None:
            return texts.get(self.key)
        found = texts.get(f"{self.key}.{plural_form(code, self.count)}", texts.get(f"{self.key}.other"))
        return found if found is not None else texts.get(self.key)

    def __str__(self) -> str:
        return self.say(DEFAULT)


def said(value: object, lang: str) -> object:
    """A field as it reads in ``lang``: words and numbers said, a list or tuple said part by part and joined."""
    if isinstance(value, Sayable):
        return value.say(lang)
    if isinstance(value, list | tuple):
        return "".join(str(said(v, lang)) for v in value)
    return value
