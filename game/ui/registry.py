"""The desktop game's screens by name: a screen opens the next one by its name, through the app.

No screen imports the screens that follow it (so no import cycle runs through
them and :mod:`game.ui.flow`); the app looks the name up here and imports the
screen's module only when it first opens (Textual's ``push_screen`` by name).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

# name -> (module, class): every screen the game can open.
SCREENS: dict[str, tuple[str, str]] = {
    "title": ("game.ui.screens.title", "TitleScreen"),
    "briefing": ("game.ui.screens.briefing", "BriefingScreen"),
    "turn": ("game.ui.screens.turn", "TurnScreen"),
    "event": ("game.ui.screens.event", "EventScreen"),
    "summary": ("game.ui.screens.summary", "SummaryScreen"),
    "debrief": ("game.ui.screens.debrief", "DebriefScreen"),
    "menu": ("game.ui.screens.menu", "MenuScreen"),
    "saves": ("game.ui.screens.saves", "SavesScreen"),
    "settings": ("game.ui.screens.settings", "SettingsScreen"),
    "keys": ("game.ui.screens.keys", "KeysScreen"),
    "pause": ("game.ui.screens.workshop", "PauseScreen"),
    "predict": ("game.ui.screens.workshop", "PredictScreen"),
}


def screen_class(name: str) -> type[Screen]:
    """The class of the screen called ``name``; LookupError for a name no screen has."""
    try:
        module, cls = SCREENS[name]
    except KeyError:
        raise LookupError(f"no screen is called {name!r}; the screens are {', '.join(sorted(SCREENS))}") from None
    found: type[Screen] = getattr(importlib.import_module(module), cls)
    return found
