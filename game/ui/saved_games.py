"""What a player reads about a saved game: which scenario, where it stopped, when it was saved.

Used by the title screen ("Continue" names the last game) and the save slots.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.i18n import language, t
from game.scenario.language import localise
from game.scenario.schema import Scenario
from game.session.saves import SaveError, SaveFile, read_save
from game.session.wording import date_label


@dataclass(frozen=True)
class SavedGame:
    """A save file as the player reads it: ``title`` and ``detail`` lines, and whether it loads."""

    title: str
    detail: str
    loadable: bool
    where: str = ""  # ``Quarter 3 of 12, October 2026``, or ``turn 3``, or ``finished``
    saved: str = ""  # ``7 December 2026, 23:40`` in the player's local time


def saved_when(stamp: str) -> str:
    """A save's ISO time stamp (UTC) in the player's words and local time; "" when unreadable."""
    try:
        when = _dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone()
    return t("saves.saved_at", day=when.day, month=t(f"month.{when.month}"), year=when.year, time=when.strftime("%H:%M"))


def _where(save: SaveFile, scenarios: Sequence[Scenario]) -> str:
    """Where the game stopped, with the scenario's own turn label and date when it is at hand."""
    if save.summary is None:
        return ""
    if save.summary.phase == "ended":
        return t("saves.finished")
    scenario = next((s for s in scenarios if s.meta.id == save.scenario.id), None)
    if scenario is None or not 1 <= save.summary.turn <= scenario.meta.turns:
        return t("saves.turn", turn=save.summary.turn)
    return date_label(scenario, save.summary.turn, language())


def describe_save(path: Path, scenarios: Sequence[Scenario] = ()) -> SavedGame:
    """The save at ``path`` in words (``scenarios``: those whose turn labels and dates to use)."""
    if not path.is_file():
        return SavedGame(t("saves.empty"), "", False)
    try:
        save = read_save(path)
    except SaveError as exc:
        return SavedGame(t("saves.unreadable"), str(exc), False)
    scenario = next((s for s in scenarios if s.meta.id == save.scenario.id), None)
    title = (localise(scenario.meta.title, language(), scenario.meta.language) if scenario is not None else "") \
        or save.scenario.title or save.scenario.id
    where = _where(save, scenarios)
    saved = saved_when(save.saved_at)
    detail = t("saves.detail", seed=save.seed, when=saved or save.saved_at)
    if save.summary is not None:
        score = t("saves.score", score=f"{save.summary.score:.0f}") if save.summary.score is not None else ""
        detail = f"{where}{score} · {detail}"
    return SavedGame(title, detail, True, where, saved)
