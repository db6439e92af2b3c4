"""How the player started the game, so the command printed to resume it works from where they are.

``shove`` is on the PATH only when its virtual environment is active; a player
who typed ``make play`` or ``.venv/bin/shove`` must be told to type the same
again. The answer is read from what the process can see (make's ``MAKELEVEL``,
``sys.argv[0]``, the interpreter, the working folder), never guessed from the
project's layout.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPT = "shove"  # the console script pyproject.toml installs


@dataclass(frozen=True)
class Invocation:
    """What the player typed to start the game, up to the arguments of ``play``."""

    kind: str  # "make" | "script" | "module"
    program: str  # "shove", ".venv/bin/shove", ".venv/bin/python" (for "module")

    def command(self, play_args: Sequence[str]) -> str:
        """The whole command that runs ``shove play`` with ``play_args``, quoted for a POSIX shell."""
        words = " ".join(shlex.quote(a) for a in play_args)
        if self.kind == "make":
            return f"make play ARGS={shlex.quote(words)}"
        if self.kind == "module":
            return f"{shlex.quote(self.program)} -m game play {words}"
        return f"{shlex.quote(self.program)} play {words}"


def detect(
    environ: Mapping[str, str] | None = None,
    argv0: str | None = None,
    executable: str | None = None,
    cwd: Path | None = None,
) -> Invocation:
    """How this process was started: through ``make play`` (make sets ``MAKELEVEL`` for its
    recipes), the ``shove`` script (named as the player can type it from ``cwd``), or else
    ``python -m game`` with this very interpreter (also when the game runs inside another
    program, such as a test runner)."""
    environ = os.environ if environ is None else environ
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    cwd = Path.cwd() if cwd is None else cwd
    if environ.get("MAKELEVEL"):
        return Invocation("make", "make")
    if Path(argv0).stem == SCRIPT:
        return Invocation("script", _typeable(argv0, cwd, environ))
    return Invocation("module", _typeable(executable, cwd, environ))


def _typeable(program: str, cwd: Path, environ: Mapping[str, str]) -> str:
    """``program`` as the player can type it from ``cwd``: its bare name when the PATH finds this
    very file, else a path relative to ``cwd`` when it lies below it, else its absolute path."""
    path = Path(program)
    if not path.is_absolute() and os.sep not in program:
        found = shutil.which(program, path=environ.get("PATH"))
        if found is None:
            return program
        path = Path(found)
    path = (cwd / path) if not path.is_absolute() else path
    on_path = shutil.which(path.name, path=environ.get("PATH"))
    if on_path is not None and _same_file(Path(on_path), path):
        return path.name
    try:
        relative = path.relative_to(cwd)
    except ValueError:
        return str(path)
    text = str(relative)
    return text if os.sep in text else f".{os.sep}{text}"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
