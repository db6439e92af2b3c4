"""Team session files (``DIR/sessions/TEAM.json``) and atomic writing.

A session file records what a team did (the decision log, which replays the
game exactly from the workshop's seed), what followed turn by turn (the
trajectory, so the live board can show it without replaying), the team's
trust predictions and the pauses released. Files come from other laptops and
may be damaged, foreign or edited: reading caps the size before parsing,
checks the structure with a pydantic model, and raises :class:`SessionFileError`
naming the file. The report replays every log and refuses a file whose
recorded numbers do not match its replay.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.atomic import SHARED, write_bytes
from game.i18n import DEFAULT, translate
from game.i18n.words import Num, Words
from game.session.saves import SHOWN, LoggedTurn
from game.session.saves import json_problem as _json_problem

SESSION_FORMAT: Final = "push-comes-to-shove/workshop-session"
SESSION_VERSION: Final = 1
MAX_SESSION_BYTES = 1024 * 1024  # a 60-turn game with every number recorded is under 200 kB

Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
Finite = Annotated[float, Field(allow_inf_nan=False)]  # NaN would pass every comparison with a replay
Numbers = Annotated[dict[Ident, Finite], Field(max_length=60)]
Direction = Literal["up", "same", "down"]


class SessionFileError(Exception):
    """A session file that cannot be used; ``str()`` names the file and what is wrong, in English.

    ``reason`` holds what is wrong as a :class:`Words`; :meth:`say` gives it in another language.
    A plain ``message`` string is taken too, and is then the same in every language."""

    def __init__(self, path: Path | str, message: str | Words) -> None:
        self.path = Path(path)
        self.reason = message if isinstance(message, Words) else None
        self.message = message.say(DEFAULT) if isinstance(message, Words) else message
        super().__init__(f"{path}: {self.message}")

    def say(self, lang: str | None) -> str:
        """What is wrong with the file (without its name) in ``lang``."""
        return self.reason.say(lang) if self.reason is not None else self.message


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pin(_Data):
    """What the team played: the workshop's scenario and seed when the session began."""

    scenario_id: Ident
    scenario_version: str = Field(default="", max_length=40, pattern=SHOWN)
    scenario_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    seed: int = Field(ge=0, lt=2**63)
    injects: list[tuple[Ident, Annotated[int, Field(ge=1, le=60)]]] = Field(default_factory=list, max_length=30)


class Point(_Data):
    """The numbers after a turn (turn 0: the start)."""

    turn: int = Field(ge=0, le=61)
    score: float = Field(ge=0.0, le=100.0)
    trust: Numbers
    support: Numbers
    progress: Numbers
    metrics: Numbers


class Prediction(_Data):
    """A team's guess, before deciding, of how one stakeholder's trust moves this turn."""

    turn: int = Field(ge=1, le=60)
    stakeholder: Ident
    guess: Direction
    actual: Direction | None = None


class SessionFile(_Data):
    """The whole team session file."""

    format: Literal["push-comes-to-shove/workshop-session"] = SESSION_FORMAT
    version: Literal[1] = SESSION_VERSION
    game_version: str = Field(default="", max_length=40)
    team: str = Field(min_length=1, max_length=32, pattern=SHOWN)
    pin: Pin
    policy: str | None = Field(default=None, max_length=200, pattern=SHOWN,
                               description="Set when a built-in policy played (its name) or an author's strategy "
                               "(FILE.py:NAME, the file's name without its folder).")
    saved_at: str = Field(default="", max_length=40)
    status: Literal["playing", "paused", "ended"] = "playing"
    turn: int = Field(default=1, ge=0, le=61, description="The turn being played, or the last one once ended.")
    log: list[LoggedTurn] = Field(default_factory=list, max_length=60)
    trajectory: list[Point] = Field(default_factory=list, max_length=61)
    predictions: list[Prediction] = Field(default_factory=list, max_length=60)
    released: list[Annotated[int, Field(ge=1, le=60)]] = Field(default_factory=list, max_length=60,
                                                               description="Turns after which a pause was released.")
    timeouts: list[Annotated[int, Field(ge=1, le=60)]] = Field(default_factory=list, max_length=60,
                                                               description="Turns where time ran out.")
    ending: Ident | None = None
    outcome: Literal["success", "partial", "failure"] | None = None
    score: float | None = Field(default=None, ge=0.0, le=100.0)


@dataclass(frozen=True)
class Findings:
    """What the check of a session file's structure found (pydantic's errors), in any language:
    ``where: what`` for each, where being the dotted path in the file."""

    errors: tuple[Any, ...]

    def say(self, lang: str | None) -> str:
        from game.workshop.shape import error_reason

        said = []
        for error in self.errors:
            where = ".".join(str(x) for x in error["loc"]) or translate(lang, "session_file.top_level")
            said.append(f"{where}: {error_reason(error, SessionFile, yaml_tips=False).say(lang)}")
        return "; ".join(said)


def parse_session(raw: bytes, path: Path | str) -> SessionFile:
    """The bytes of a session file, checked; SessionFileError otherwise."""
    if len(raw) > MAX_SESSION_BYTES:
        raise SessionFileError(path, Words("session_file.too_large", limit=MAX_SESSION_BYTES // 1024))
    if not raw.strip():
        raise SessionFileError(path, Words("session_file.empty"))
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SessionFileError(path, Words("session_file.not_utf8")) from None
    except json.JSONDecodeError as exc:
        raise SessionFileError(path, Words("session_file.damaged_json", line=exc.lineno, column=exc.colno,
                                            detail=_json_problem(exc.msg))) from None
    except RecursionError:
        raise SessionFileError(path, Words("session_file.too_deep")) from None
    except ValueError:  # a number with thousands of digits, which Python refuses to convert
        raise SessionFileError(path, Words("session_file.huge_number")) from None
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise SessionFileError(path, Words("session_file.foreign"))
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SESSION_VERSION:
        raise SessionFileError(path, Words("session_file.newer", version=version))
    try:
        return SessionFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        shown = Findings(tuple(errors[:3]))
        if len(errors) > 3:
            raise SessionFileError(path, Words("session_file.edited_more", detail=shown,
                                                more=len(errors) - 3)) from None
        raise SessionFileError(path, Words("session_file.edited", detail=shown)) from None


def read_session(path: Path | str) -> SessionFile:
    """Read and check a session file; SessionFileError names the file and what is wrong."""
    path = Path(path)
    try:
        info = path.stat()
        size = info.st_size
        if not path.is_dir() and not stat.S_ISREG(info.st_mode):
            raise SessionFileError(path, Words("session_file.not_regular"))
        if size > MAX_SESSION_BYTES:
            raise SessionFileError(path, Words("session_file.too_large_size", size=Num(size / 1e6, 1, grouped=False),
                                                limit=MAX_SESSION_BYTES // 1024))
        with path.open("rb") as handle:
            raw = handle.read(MAX_SESSION_BYTES + 1)
    except FileNotFoundError:
        raise SessionFileError(path, Words("session_file.missing")) from None
    except IsADirectoryError:
        raise SessionFileError(path, Words("session_file.folder")) from None
    except OSError as exc:
        raise SessionFileError(path, Words("session_file.unreadable", detail=exc.strerror or exc)) from None
    return parse_session(raw, path)


def encode_session(session: SessionFile) -> bytes:
    return (json.dumps(session.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_atomic(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (:mod:`game.atomic`), readable by everyone (rw-r--r--).

    Raises OSError when the folder cannot be written.
    """
    write_bytes(path, data, mode=SHARED)


def write_session(path: Path | str, session: SessionFile) -> None:
    write_atomic(path, encode_session(session))
