"""Reading a posted form: every field typed and checked, anything else a 400 with its reason.

Forms arrive as ``application/x-www-form-urlencoded`` (the browser's default for a form); any other
body is refused. A field is read once with the type it must have; a missing, repeated, overlong or
ill-formed field raises :class:`BadForm`, which the app answers with 400 and the reason in words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import parse_qsl

from game.i18n.words import Words

IDENT = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
PICK = re.compile(r"^([a-z][a-z0-9_]{0,47})(?::([a-z][a-z0-9_]{0,47}))?$")
MAX_FIELDS = 300
MAX_VALUE = 200


class BadForm(Exception):
    """A form the app will not read; ``reason`` says why."""

    def __init__(self, reason: Words, status: int = 400) -> None:
        self.reason = reason
        self.status = status
        super().__init__(reason.say(None))


class Form:
    """The fields of one posted form."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = list(pairs)

    @classmethod
    def parse(cls, body: bytes, content_type: str) -> Form:
        if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
            raise BadForm(Words("web.form.content_type"), 415)
        try:
            text = body.decode("ascii")
            pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text),
                              max_num_fields=MAX_FIELDS, encoding="utf-8", errors="strict")
        except (UnicodeError, ValueError):
            raise BadForm(Words("web.form.unreadable")) from None
        for name, value in pairs:
            if len(name) > 40 or len(value) > MAX_VALUE:
                raise BadForm(Words("web.form.too_long", field=name[:40]))
        return cls(pairs)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]

    def one(self, name: str) -> str:
        found = self.all(name)
        if len(found) != 1:
            raise BadForm(Words("web.form.missing" if not found else "web.form.repeated", field=name))
        return found[0]

    def number(self, name: str, low: int, high: int) -> int:
        value = self.one(name)
        if not value.isdigit() or len(value) > 4 or not low <= int(value) <= high:
            raise BadForm(Words("web.form.number", field=name, low=low, high=high))
        return int(value)

    def choice(self, name: str, allowed: Sequence[str]) -> str:
        value = self.one(name)
        if value not in allowed:
            raise BadForm(Words("web.form.choice", field=name, allowed=", ".join(allowed)))
        return value

    def ident(self, name: str) -> str:
        value = self.one(name)
        if not IDENT.match(value):
            raise BadForm(Words("web.form.ident", field=name))
        return value

    def picks(self, name: str) -> list[tuple[str, str | None]]:
        """The ticked options, each ``action`` or ``action:target`` (ids checked, not yet known)."""
        out: list[tuple[str, str | None]] = []
        for value in self.all(name):
            found = PICK.match(value)
            if found is None:
                raise BadForm(Words("web.form.pick", value=value[:60]))
            out.append((found.group(1), found.group(2)))
        return out
