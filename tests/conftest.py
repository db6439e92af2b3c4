"""Test-wide settings: headless SDL, and user folders inside a temporary directory."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Headless before anything imports pygame.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# `make test` runs the suite under make, which the terminal game reads as "started by make play"
# (game.text_ui.invocation); the tests play as a player would from a shell, and set it themselves
# where they test it.
for _var in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
    os.environ.pop(_var, None)

# Saves, settings and user scenarios go to a throwaway place, never the real home.
_home = Path(tempfile.mkdtemp(prefix="shove-tests-"))
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[var] = str(_home / var.lower())

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh set of user folders for one test."""
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    return tmp_path


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """The UI language is process-wide: each test starts in English and leaves it so."""
    from game import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")
