"""The decision clocks' time left, kept in ``DIR/clocks.json`` so that a restart does not reset them.

The server writes every running clock's time left every :data:`WRITE_EVERY` seconds and once more
when it stops. A server started again (after a clean stop, a crash or a SIGKILL) gives each team
the time its clock had left as of the last write, counted again from when the team next sees its
turn: the minutes the server was down are not taken from the team, and a crash gives a team at
most :data:`WRITE_EVERY` seconds more than it had. A clock is kept only for the turn it was running
for; a missing or damaged file just means the clocks start again from full.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.atomic import write_bytes

CLOCKS_FILE: Final = "clocks.json"
WRITE_EVERY = 2.0  # seconds between two writes while a clock runs
MAX_CLOCKS_BYTES = 64 * 1024


class Clock(BaseModel):
    model_config = ConfigDict(extra="forbid")

    turn: Annotated[int, Field(ge=1)]
    seconds_left: Annotated[float, Field(ge=0)]


class ClocksFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["push-comes-to-shove/workshop-clocks"] = "push-comes-to-shove/workshop-clocks"
    version: Literal[1] = 1
    clocks: dict[str, Clock] = Field(default_factory=dict, max_length=64)


def read_clocks(path: Path) -> dict[str, Clock]:
    """Each team's clock as last written; empty when there is no file or it cannot be used."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CLOCKS_BYTES:
            return {}
        return ClocksFile.model_validate(json.loads(path.read_bytes().decode("utf-8"))).clocks
    except (OSError, ValueError, ValidationError, RecursionError):
        return {}


def write_clocks(path: Path, clocks: dict[str, Clock]) -> None:
    """Write the clocks atomically; OSError when the folder cannot be written."""
    data = json.dumps(ClocksFile(clocks=clocks).model_dump(mode="json"), indent=1, sort_keys=True) + "\n"
    write_bytes(path, data.encode("utf-8"))
