"""The player's settings for the desktop game, kept as JSON in the user's config folder.

A settings file may be hand-edited or damaged: unknown keys are ignored and a
bad value falls back to its default, with a message the title screen shows.
Writing is atomic, with the same writer as saved games.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game import paths
from game.i18n import t

SCALES = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
VOLUMES = (0.2, 0.4, 0.6, 0.8, 1.0)
AUTOPLAY_PACES = {"slow": 2500, "normal": 1200, "fast": 400}


@dataclass
class Settings:
    scale: float = 1.0  # multiplies the window-fitted UI scale (projectors: 1.25 or more)
    show_forecasts: bool = True  # the risk forecast on action cards and event choices
    fullscreen: bool = False
    autoplay_pace: str = "normal"  # slow | normal | fast
    reduce_motion: bool = False  # no resolution animation after End turn: the numbers change at once
    volume: float = 0.6  # the sound cues' loudness, 0 to 1
    mute: bool = False

    @property
    def autoplay_delay_ms(self) -> int:
        return AUTOPLAY_PACES.get(self.autoplay_pace, AUTOPLAY_PACES["normal"])


def _valid(name: str, value: object) -> bool:
    if name == "scale":
        return isinstance(value, int | float) and not isinstance(value, bool) and 0.5 <= value <= 3.0
    if name in ("show_forecasts", "fullscreen", "reduce_motion", "mute"):
        return isinstance(value, bool)
    if name == "volume":
        return isinstance(value, int | float) and not isinstance(value, bool) and 0.0 <= value <= 1.0
    if name == "autoplay_pace":
        return value in AUTOPLAY_PACES
    return False


def load(path: Path | None = None) -> tuple[Settings, str]:
    """The saved settings, and a message for the player when the file had problems."""
    target = path or paths.settings_path(create=False)
    settings = Settings()
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return settings, ""
    except OSError as exc:
        return settings, t("settings.unreadable", path=target, error=exc.strerror)
    try:
        data = json.loads(raw[:65536].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        return settings, t("settings.damaged", path=f"{target}{where}")
    if not isinstance(data, dict):
        return settings, t("settings.not_object", path=target)
    rejected = []
    for item in fields(Settings):
        if item.name in data:
            value = data[item.name]
            if _valid(item.name, value):
                setattr(settings, item.name, float(value) if item.name in ("scale", "volume") else value)
            else:
                rejected.append(item.name)
    message = t("settings.bad_value", path=target, names=", ".join(rejected)) if rejected else ""
    return settings, message


def save(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (the saves' writer: temporary file, fsync, rename).

    Raises OSError naming the file when it cannot be written.
    """
    from game.session.saves import SaveError, write_bytes_atomic

    target = path or paths.settings_path()
    try:
        write_bytes_atomic(target, json.dumps(asdict(settings), indent=2).encode("utf-8"))
    except SaveError as exc:
        raise OSError(f"{target}: {exc.message}") from None
