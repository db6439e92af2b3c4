"""Moving between screens as a game starts, resumes, advances and ends."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game import paths
from game.i18n import t
from game.scenario.schema import Scenario
from game.session.saves import SaveError
from game.ui.play import Playthrough

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.base import Screen


def screen_for(app: App, play: Playthrough) -> Screen:
    """The screen a game in progress belongs on: a waiting event, the debrief, or the next turn."""
    app.play = play
    if play.session.is_over:
        return app.open("debrief", play)
    if play.pending_event() is not None:
        return app.open("event", play)
    if play.seat is not None:
        if play.seat.pending_pause() is not None:
            return app.open("pause", play)
        if play.seat.prediction_due():
            return app.open("predict", play)
    return app.open("turn", play)


def start(app: App, scenario: Scenario, path: Path | None, seed: int) -> Screen:
    play = Playthrough.new(scenario, seed, path, app.text_lang)
    return screen_for(app, play)


def autosave_exists() -> bool:
    return paths.autosave_path(create=False).is_file()


def resume_autosave(app: App) -> Screen | None:
    """The game the autosave holds, or None (with a message) when it cannot be resumed."""
    from game.session import persistence

    try:
        session, _used, skipped = persistence.load_autosave(lang=app.text_lang)
    except SaveError as exc:
        app.notify(str(exc))
        return None
    if skipped:
        app.notify(t("flow.older_autosave", problem=skipped[0]))
    elif session.notice:
        app.notify(session.notice)
    return screen_for(app, Playthrough(session))


def load(app: App, path: Path) -> Screen | None:
    from game.session import persistence

    try:
        session = persistence.load_session(path, lang=app.text_lang)
    except SaveError as exc:
        app.notify(str(exc))
        return None
    if session.notice:
        app.notify(session.notice)
    return screen_for(app, Playthrough(session))
