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

from game.atomic import SHARED, copy_atomically, fsync_folder, temporary_beside, write_bytes

# Also importable from here, beside the save format (benchmarks/fault_injection.py uses them).
from game.atomic import STALE_TEMP_S as STALE_TEMP_S
from game.atomic import sweep_stale_temporaries as sweep_stale_temporaries

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
    """A save that cannot be read or written; ``str()`` is the whole message for the player."""

    def __init__(
        self, path: Path | str, message: str, hint: str = "", line: int | None = None, column: int | None = None
    ) -> None:
        self.path = Path(path)
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.message}"
        return f"{text}. {self.hint}" if self.hint else text


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

_FOREIGN_HINT = "Choose a file saved by Push Comes to Shove (saves end in .json)"
_DAMAGED_HINT = "The file may be cut short or edited by hand; load an older save or the autosave instead"


def _where(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "the top level"


def parse_save(raw: bytes, path: Path | str) -> SaveFile:
    """Check the bytes of a save file and return its contents, or raise SaveError."""
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(
            path,
            f"the file is {len(raw) / 1e6:.1f} MB, far larger than any save "
            f"(the limit is {MAX_SAVE_BYTES // (1024 * 1024)} MB)",
            _FOREIGN_HINT,
        )
    if not raw.strip():
        raise SaveError(path, "the file is empty", _DAMAGED_HINT)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(path, f"byte {exc.start} is not UTF-8 text, so this is not a save", _FOREIGN_HINT) from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(
            path, f"the save is damaged: {exc.msg[:1].lower()}{exc.msg[1:]}", _DAMAGED_HINT, exc.lineno, exc.colno
        ) from None
    except RecursionError:
        raise SaveError(path, "the file is nested far too deeply to be a save", _FOREIGN_HINT) from None
    except ValueError:  # a number with thousands of digits, which Python refuses to convert
        raise SaveError(path, "the save is damaged: it holds a number thousands of digits long",
                        _DAMAGED_HINT) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(path, "this is not a Push Comes to Shove save", _FOREIGN_HINT)
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_VERSION:
        raise SaveError(
            path,
            f"the save was written by a newer version of the game (save format {version}; "
            f"this version reads format {SAVE_VERSION})",
            "Update the game to load it",
        )
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        shown = "; ".join(f"{_where(tuple(e['loc']))}: {e['msg']}" for e in errors[:3])
        more = f" (and {len(errors) - 3} more problems)" if len(errors) > 3 else ""
        raise SaveError(path, f"the save is damaged: {shown}{more}", _DAMAGED_HINT) from None


def read_save(path: Path | str) -> SaveFile:
    """Read and check a save file; every failure is a SaveError naming the file."""
    path = Path(path)
    try:
        if not path.is_dir() and path.exists() and not stat.S_ISREG(path.stat().st_mode):
            raise SaveError(path, "this is not an ordinary file (a device or a pipe?)", _FOREIGN_HINT)
        with path.open("rb") as handle:
            raw = handle.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(path, "there is no such file", "Check the name and folder") from None
    except IsADirectoryError:
        raise SaveError(path, "this is a folder, not a save file", _FOREIGN_HINT) from None
    except OSError as exc:
        raise SaveError(path, f"the file cannot be read ({exc.strerror or exc})", "Check its permissions") from None
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(
            path,
            f"the file is larger than {MAX_SAVE_BYTES // (1024 * 1024)} MB, far larger than any save",
            _FOREIGN_HINT,
        )
    return parse_save(raw, path)


# --------------------------------------------------------------------------
# Writing


def write_problem(exc: OSError, path: Path) -> str:
    """Why a file could not be written, in the player's words."""
    parent = path.parent
    if isinstance(exc, FileExistsError | NotADirectoryError) or (parent.exists() and not parent.is_dir()):
        blocker = next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()), parent)
        return f"{blocker} is a file, not a folder"
    words = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EFBIG: "the file would be larger than this system allows; the disk may be full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }
    return words.get(exc.errno or 0, exc.strerror or str(exc))


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one."""
    path = Path(path)
    try:
        write_bytes(path, data, mode=SHARED, keep_mode=True)
    except OSError as exc:
        raise SaveError(
            path,
            f"the game could not be saved ({write_problem(exc, path)})",
            "Check the folder exists, is writable and has free space; the previous save is unchanged",
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
            f"the game could not be autosaved ({write_problem(exc, newest)})",
            "Check the folder is writable and has free space",
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
    raise SaveError(newest, "there is no autosave yet", "Play a turn first, or load a save file")
