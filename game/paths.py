"""Where the game keeps a user's files: saves, the autosave, settings, own scenarios.

Every folder comes from platformdirs, so each platform's usual place is used and
the XDG variables are honoured on Linux (the tests point them at a temporary
folder). Folders are created on first use, never at import time.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "push-comes-to-shove"

AUTOSAVE_NAME = "autosave.json"
SETTINGS_NAME = "settings.json"


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def data_dir(create: bool = True) -> Path:
    """The user data folder of the game."""
    folder = platformdirs.user_data_path(APP_NAME, appauthor=False)
    return _ensure(folder) if create else folder


def saves_dir(create: bool = True) -> Path:
    """Where saved games and the autosave live."""
    folder = data_dir(create=False) / "saves"
    return _ensure(folder) if create else folder


def autosave_path(create: bool = True) -> Path:
    """The newest autosave; older ones sit beside it as ``autosave.1.json`` and so on."""
    return saves_dir(create) / AUTOSAVE_NAME


def user_scenarios_dir(create: bool = True) -> Path:
    """Where a user's own scenarios live (the catalog lists them beside the built-ins)."""
    folder = data_dir(create=False) / "scenarios"
    return _ensure(folder) if create else folder


def settings_path(create: bool = True) -> Path:
    """The settings file (its folder is created; the file itself may not exist yet)."""
    folder = platformdirs.user_config_path(APP_NAME, appauthor=False)
    if create:
        _ensure(folder)
    return folder / SETTINGS_NAME
