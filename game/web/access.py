"""The workshop's web secrets: each team's join code, the facilitator's secret and the server's key.

They are kept in ``DIR/serve.json`` (readable by the facilitator only) so that a server started
again gives the same addresses and every team comes back with its code. Codes come from
:func:`secrets.token_urlsafe`: 96 bits for a team, 144 for the facilitator.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import stat
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.atomic import write_bytes
from game.i18n.words import Words

ACCESS_FILE: Final = "serve.json"
ACCESS_FORMAT: Final = "push-comes-to-shove/workshop-serve"
MAX_ACCESS_BYTES = 64 * 1024
TEAM_CODE_BYTES = 12  # 96 bits, 16 characters
FACILITATOR_BYTES = 18  # 144 bits, 24 characters
PRIVATE = 0o600

Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{16,64}$")]


class AccessError(Exception):
    """``serve.json`` cannot be used; ``reason`` says why, as Words."""

    def __init__(self, path: Path, reason: Words) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason.say(None)}")


class AccessFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["push-comes-to-shove/workshop-serve"] = ACCESS_FORMAT
    version: Literal[1] = 1
    key: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    facilitator: Code
    codes: dict[str, Code] = Field(default_factory=dict, max_length=64)
    langs: dict[str, Literal["en", "fr"]] = Field(default_factory=dict, max_length=64)
    ended: bool = False


def new_code(size: int = TEAM_CODE_BYTES) -> str:
    return secrets.token_urlsafe(size)


def read_access(path: Path) -> AccessFile | None:
    """The access file, None when there is none; AccessError when it is damaged."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ACCESS_BYTES:
        raise AccessError(path, Words("web.access.not_regular"))
    try:
        return AccessFile.model_validate(json.loads(path.read_bytes().decode("utf-8")))
    except (ValueError, ValidationError, RecursionError):
        raise AccessError(path, Words("web.access.damaged")) from None


def write_access(path: Path, access: AccessFile) -> None:
    data = json.dumps(access.model_dump(mode="json"), indent=1, sort_keys=True) + "\n"
    write_bytes(path, data.encode("utf-8"), mode=PRIVATE)


def prepared(path: Path, teams: list[str]) -> AccessFile:
    """The access file for ``teams``: read and completed (a code for every new team), or made."""
    access = read_access(path)
    if access is None:
        access = AccessFile(key=secrets.token_hex(32), facilitator=new_code(FACILITATOR_BYTES))
    changed = False
    for team in teams:
        if team not in access.codes:
            access.codes[team] = new_code()
            changed = True
    if changed or not path.exists():
        write_access(path, access)
    return access


def token(key: str, *parts: str) -> str:
    """A form token bound to the server's key and ``parts`` (who may post, and where)."""
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(bytes.fromhex(key), message, hashlib.sha256).hexdigest()[:32]


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
