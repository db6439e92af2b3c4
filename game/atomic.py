"""Writing a file so that a crash leaves the old file or the new one, never half of one.

Every file the game writes goes through here: saves, settings, team session
files, reports, schemas and new scenarios. The bytes go to a temporary file
in the same folder (``.NAME.RANDOM.tmp``), which is flushed and fsynced, then
renamed over the old file with ``os.replace``; the folder is fsynced so the
rename itself survives a power cut. A temporary file a killed process left
behind is swept by the next write of the same name, once it is a minute old.

Nothing here knows what the file is for: callers turn an OSError into their
own words. Permission bits follow the caller's choice (``mode``); by default a
new file gets what the umask allows, as any program's would.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

STALE_TEMP_S = 60.0  # a temporary file this old is left from a crash, not being written
SHARED = 0o644  # rw-r--r--: a file other people on the machine may read (reports, session files)

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sweep_stale_temporaries(path: Path) -> int:
    """Remove temporary files a crash left beside ``path`` (``.NAME.*.tmp``, over a minute old).

    A process killed while writing leaves its temporary file behind; it is
    never read, but without this they would pile up. Returns how many went.
    """
    removed = 0
    now = time.time()
    try:
        candidates = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return 0
    for temp in candidates:
        with contextlib.suppress(OSError):
            if now - temp.lstat().st_mtime > STALE_TEMP_S and temp.is_file():
                temp.unlink()
                removed += 1
    return removed


def _new_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside ``path``, opened for writing (0666 less the umask)."""
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, _CREATE, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path))


def _mode_for(path: Path, mode: int | None, keep_mode: bool) -> int | None:
    """The permission bits the new file should have, or None for what the umask gave it."""
    if keep_mode:
        with contextlib.suppress(OSError):
            return path.stat().st_mode & 0o777
    return mode


@contextlib.contextmanager
def temporary_beside(path: Path, data: bytes, *, mode: int | None = None, keep_mode: bool = False) -> Iterator[Path]:
    """``data`` written and fsynced to a temporary file beside ``path``; removed unless renamed away.

    ``mode`` is the file's permission bits (None: 0666 less the umask); with
    ``keep_mode`` the bits of the file at ``path``, when there is one, win.
    Stale temporaries of the same name are swept first.
    """
    sweep_stale_temporaries(path)
    fd, temp = _new_temporary(path)
    try:
        with os.fdopen(fd, "wb") as out:
            wanted = _mode_for(path, mode, keep_mode)
            if wanted is not None:
                os.chmod(temp, wanted)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        yield temp
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_bytes(path: Path | str, data: bytes, *, mode: int | None = None, keep_mode: bool = False) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one.

    Makes the folder when it is missing. ``mode`` and ``keep_mode`` as for
    :func:`temporary_beside`. Raises OSError when the file cannot be written
    (the old file, if any, is then unchanged).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with temporary_beside(path, data, mode=mode, keep_mode=keep_mode) as temp:
        os.replace(temp, path)
    fsync_folder(path.parent)


def write_text(path: Path | str, text: str, *, mode: int | None = None, keep_mode: bool = False) -> None:
    """:func:`write_bytes` for text, as UTF-8 with the newlines as given."""
    write_bytes(path, text.encode("utf-8"), mode=mode, keep_mode=keep_mode)


def write_new(path: Path | str, text: str, *, mode: int | None = None) -> None:
    """Write a file that must not exist yet, in one step; FileExistsError (naming it) if it does.

    A hard link from the finished temporary file puts it in place and fails
    rather than overwrite; on a disk without hard links (FAT) the file is
    checked for and then renamed into place.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with temporary_beside(path, text.encode("utf-8"), mode=mode) as temp:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        except OSError:
            if path.exists():
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
            os.replace(temp, path)
    fsync_folder(path.parent)


def copy_atomically(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source`` in one step (a hard link, or a copied temporary file).

    The staging file is named like the source's own temporaries, so a crash
    here leaves nothing that the next write does not sweep.
    """
    staging = source.with_name(f".{source.name}.{os.getpid()}.link.tmp")
    staging.unlink(missing_ok=True)
    try:
        os.link(source, staging)
    except OSError:  # a disk without hard links (FAT on a USB stick): copy the bytes instead
        shutil.copyfile(source, staging)
    os.replace(staging, target)
