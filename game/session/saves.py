"""Save files: a versioned JSON format, atomic writing and the rotating autosave.

A save records which scenario was played (id, version and content hashes), the
seed and the decision log: per turn, the decisions and the event choices. That
is enough to replay the game exactly, so nothing else about the state is kept
(the summary is for file pickers and reports, never trusted on load).

Files come from strangers: reading never raises anything but :class:`SaveError`,
whose message names the file and says what to do. Sizes are capped before the
text is parsed, and the structure is checked with a pydantic model.

Writing is atomic (:mod:`game.atomic`): a crash at any point leaves either the
old file or the new one, never half of one. A save keeps the permission bits of
the file it replaces (a private save stays private); a new one is rw-r--r--.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

# Also importable from here, beside the save format (benchmarks/fault_injection.py uses them).
from game.atomic import (
    SHARED,
    copy_atomically,
    fsync_folder,
    temporary_beside,
    write_bytes,
)
from game.i18n import DEFAULT
from game.i18n.words import Num, Words

SAVE_FORMAT: Final = "push-comes-to-shove/save"
SAVE_VERSION: Final = 1
MAX_SAVE_BYTES = 4 * 1024 * 1024  # a 60-turn game with long logs is well under 100 kB
MAX_LOG_TURNS = 60  # the schema's longest scenario
MAX_PER_TURN = 200

Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
# Text from a save that is shown to the player: no control characters (no terminal escapes) and
# no bidirectional overrides (which reorder what a terminal shows around them).
SHOWN = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
_NOT_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown_text(text: str) -> str:
    """``text`` on one line, without the characters a save may not hold (see SHOWN)."""
    return " ".join(_NOT_SHOWN.sub(" ", text).split())
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class SaveError(Exception):
    """A save that cannot be read or written; ``str()`` is the whole message for the player, in English.

    ``words`` and ``hint_words`` hold what is wrong and what to do as :class:`Words` (or plain text,
    the same in every language); :meth:`say` gives the whole message in another language, and
    ``message`` / ``hint`` are the English."""

    def __init__(
        self,
        path: Path | str,
        message: str | Words,
        hint: str | Words = "",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.words = message
        self.hint_words = hint
        self.message = str(message)
        self.hint = str(hint)
        self.line = line
        self.column = column
        super().__init__(str(self))

    def reason(self, lang: str | None = DEFAULT) -> str:
        """What is wrong (without the file's name or the advice) in ``lang``."""
        return self.words.say(lang) if isinstance(self.words, Words) else self.words

    def say(self, lang: str | None = DEFAULT) -> str:
        """The whole message in ``lang``: the file, what is wrong and what to do."""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.reason(lang)}"
        hint = self.hint_words.say(lang) if isinstance(self.hint_words, Words) else self.hint_words
        return f"{text}. {hint}" if hint else text

    def __str__(self) -> str:
        return self.say(DEFAULT)


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LoggedDecision(_Data):
    """One action the player took in a turn."""

    action: Ident
    target: Ident | None = None


class LoggedTurn(_Data):
    """Everything the player decided in one turn (choices may be missing on the last turn)."""

    decisions: list[LoggedDecision] = Field(default_factory=list, max_length=MAX_PER_TURN)
    choices: dict[Ident, Annotated[int, Field(ge=0, le=50)]] = Field(
        default_factory=dict,
        max_length=MAX_PER_TURN,
        description="Event id to the 0-based position of the choice made, in the order answered.",
    )


class ScenarioRef(_Data):
    """Which scenario a save belongs to."""

    id: Ident
    title: str = Field(default="", max_length=500, pattern=SHOWN)
    version: str = Field(default="", max_length=40, pattern=SHOWN)
    file_sha256: Sha256 | None = Field(
        default=None, description="sha256 of the scenario file's bytes, when it came from a file."
    )
    model_sha256: Sha256 = Field(description="sha256 of a canonical JSON dump of the scenario.")
    path: str | None = Field(default=None, max_length=4096, description="Where the file was.")


class SaveSummary(_Data):
    """Shown in file pickers and reports; replay recomputes all of it."""

    turn: int = Field(ge=0, le=MAX_LOG_TURNS + 1)
    phase: Literal["decide", "event", "ended"]
    score: float | None = Field(default=None, ge=0.0, le=100.0)
    ending: Ident | None = None
    outcome: Literal["success", "partial", "failure"] | None = None


class SaveFile(_Data):
    """The whole save file."""

    format: Literal["push-comes-to-shove/save"] = SAVE_FORMAT
    version: Literal[1] = SAVE_VERSION
    game_version: str = Field(default="", max_length=40)
    saved_at: str = Field(default="", max_length=40)
    scenario: ScenarioRef
    seed: int = Field(ge=0, lt=2**63)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    log: list[LoggedTurn] = Field(default_factory=list, max_length=MAX_LOG_TURNS)
    summary: SaveSummary | None = None


# --------------------------------------------------------------------------
# Reading

_FOREIGN_HINT: Final = Words("save_error.hint.foreign")
_DAMAGED_HINT: Final = Words("save_error.hint.damaged")

# What Python's JSON reader says is wrong, and the catalogue key that says it in any language.
JSON_PROBLEMS: Final = {
    "Expecting value": "session_file.json.value",
    "Expecting property name enclosed in double quotes": "session_file.json.name",
    "Expecting ':' delimiter": "session_file.json.colon",
    "Expecting ',' delimiter": "session_file.json.comma",
    "Unterminated string starting at": "session_file.json.unterminated",
    "Invalid control character at": "session_file.json.control",
    "Invalid \\escape": "session_file.json.escape",
    "Invalid \\uXXXX escape": "session_file.json.unicode_escape",
    "Extra data": "session_file.json.extra",
}


class _Lowered:
    """Words said with a small first letter, to follow a colon (``the save is damaged: expecting value``)."""

    def __init__(self, inner: Words | str) -> None:
        self.inner = inner

    def say(self, lang: str | None) -> str:
        text = self.inner.say(lang) if isinstance(self.inner, Words) else self.inner
        return text[:1].lower() + text[1:]


def json_problem(msg: str) -> Words | str:
    """What Python's JSON reader found wrong, as words when the catalogue knows it."""
    key = JSON_PROBLEMS.get(msg)
    return Words(key) if key else msg


def _where(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts)


def parse_save(raw: bytes, path: Path | str) -> SaveFile:
    """Check the bytes of a save file and return its contents, or raise SaveError."""
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(
            path,
            Words("save_error.too_large_size", size=Num(len(raw) / 1e6, 1, grouped=False),
                  limit=Num(MAX_SAVE_BYTES // (1024 * 1024))),
            _FOREIGN_HINT,
        )
    if not raw.strip():
        raise SaveError(path, Words("save_error.empty"), _DAMAGED_HINT)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(path, Words("save_error.not_utf8", byte=exc.start), _FOREIGN_HINT) from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(
            path, Words("save_error.damaged", detail=_Lowered(json_problem(exc.msg))), _DAMAGED_HINT, exc.lineno,
            exc.colno
        ) from None
    except RecursionError:
        raise SaveError(path, Words("save_error.too_deep"), _FOREIGN_HINT) from None
    except ValueError:  # a number with thousands of digits, which Python refuses to convert
        raise SaveError(path, Words("save_error.huge_number"), _DAMAGED_HINT) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(path, Words("save_error.foreign"), _FOREIGN_HINT)
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_VERSION:
        raise SaveError(
            path,
            Words("save_error.newer", version=version, current=SAVE_VERSION),
            Words("save_error.hint.update"),
        )
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        shown: list[object] = []
        for e in errors[:3]:
            where = _where(tuple(e["loc"]))
            shown.extend(["; " if shown else "", where or Words("session_file.top_level"), f": {e['msg']}"])
        if len(errors) > 3:
            extra = len(errors) - 3
            shown.append(Words.counted("save_error.more_problems", extra, n=extra))
        raise SaveError(path, Words("save_error.damaged", detail=shown), _DAMAGED_HINT) from None


def read_save(path: Path | str) -> SaveFile:
    """Read and check a save file; every failure is a SaveError naming the file."""
    path = Path(path)
    try:
        if not path.is_dir() and path.exists() and not stat.S_ISREG(path.stat().st_mode):
            raise SaveError(path, Words("save_error.not_regular"), _FOREIGN_HINT)
        with path.open("rb") as handle:
            raw = handle.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(path, Words("save_error.missing"), Words("save_error.hint.name")) from None
    except IsADirectoryError:
        raise SaveError(path, Words("save_error.folder"), _FOREIGN_HINT) from None
    except OSError as exc:
        raise SaveError(path, Words("save_error.unreadable", detail=exc.strerror or str(exc)),
                        Words("save_error.hint.permissions")) from None
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(
            path,
            Words("save_error.too_large", limit=Num(MAX_SAVE_BYTES // (1024 * 1024))),
            _FOREIGN_HINT,
        )
    return parse_save(raw, path)


# --------------------------------------------------------------------------
# Writing


def write_problem(exc: OSError, path: Path) -> str:
    """Why a file could not be written, in the player's words (English; see :func:`write_problem_words`)."""
    return str(write_problem_words(exc, path))


def write_problem_words(exc: OSError, path: Path) -> Words | str:
    """Why a file could not be written, as words (plain text where the system's own words are all there is)."""
    parent = path.parent
    if isinstance(exc, FileExistsError | NotADirectoryError) or (parent.exists() and not parent.is_dir()):
        blocker = next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()), parent)
        return Words("save_error.write.not_folder", path=str(blocker))
    keys = {
        errno.ENOSPC: "save_error.write.full",
        errno.EDQUOT: "save_error.write.quota",
        errno.EROFS: "save_error.write.read_only",
        errno.EFBIG: "save_error.write.too_big",
        errno.EACCES: "save_error.write.denied",
        errno.EPERM: "save_error.write.denied",
    }
    key = keys.get(exc.errno or 0)
    return Words(key) if key else exc.strerror or str(exc)


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one."""
    path = Path(path)
    try:
        write_bytes(path, data, mode=SHARED, keep_mode=True)
    except OSError as exc:
        raise SaveError(
            path,
            Words("save_error.not_saved", detail=write_problem_words(exc, path)),
            Words("save_error.hint.not_saved"),
        ) from None


def encode_save(save: SaveFile) -> bytes:
    """The bytes of a save file: readable, stable JSON."""
    data = save.model_dump(mode="json", exclude_none=False)
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_save(path: Path | str, save: SaveFile) -> None:
    """Write a save atomically."""
    write_bytes_atomic(path, encode_save(save))


# --------------------------------------------------------------------------
# The autosave: newest first, older copies kept beside it


def autosave_files(newest: Path, keep: int = 2) -> list[Path]:
    """The newest autosave and its older copies, newest first: ``autosave.json``, ``autosave.1.json``…"""
    stem, suffix = newest.stem, newest.suffix
    return [newest] + [newest.with_name(f"{stem}.{i}{suffix}") for i in range(1, keep + 1)]


def write_autosave(newest: Path, save: SaveFile, keep: int = 2) -> None:
    """Write a new autosave, shifting the previous ones down (``keep`` older copies stay).

    The new file is complete and fsynced before anything moves, and the newest
    name is never empty: the previous autosave is copied (a hard link where the
    disk allows) to the first older name before the new file replaces it. So a
    crash at any moment leaves the previous autosave under the newest name or
    the new one.
    """
    files = autosave_files(newest, keep)
    data = encode_save(save)
    try:
        newest.parent.mkdir(parents=True, exist_ok=True)
        with temporary_beside(newest, data, mode=SHARED, keep_mode=True) as temp:
            for older, oldest in zip(reversed(files[1:-1]), reversed(files[2:]), strict=True):
                if older.exists():
                    os.replace(older, oldest)
            if keep >= 1 and newest.exists():
                copy_atomically(newest, files[1])
            os.replace(temp, newest)
        fsync_folder(newest.parent)
    except OSError as exc:
        raise SaveError(
            newest,
            Words("save_error.not_autosaved", detail=write_problem_words(exc, newest)),
            Words("save_error.hint.not_autosaved"),
        ) from None


def read_autosave(newest: Path, keep: int = 2) -> tuple[SaveFile, Path, list[SaveError]]:
    """The newest autosave that reads cleanly, the file it came from, and the problems skipped.

    Raises the newest file's SaveError when none of them can be read.
    """
    problems: list[SaveError] = []
    for candidate in autosave_files(newest, keep):
        if not candidate.exists():
            continue
        try:
            return read_save(candidate), candidate, problems
        except SaveError as exc:
            problems.append(exc)
    if problems:
        raise problems[0]
    raise SaveError(newest, Words("save_error.no_autosave"), Words("save_error.hint.no_autosave"))
