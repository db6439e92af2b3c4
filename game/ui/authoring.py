"""Author mode (`shove play --author`): the scenario reloads when its file is saved.

The game's decisions so far are replayed on the new version (the session's
``replay_on``), so an author sees the effect of an edit at once, from where
they were. A file that no longer loads, or a log that no longer applies,
leaves the game as it was and shows the first problem with its file:line:col.
"""

from __future__ import annotations

from pathlib import Path

from game.i18n import t
from game.session.saves import SaveError
from game.ui import library
from game.ui.play import Playthrough


class Watcher:
    """Notices when a file's size or modification time changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def changed(self) -> bool:
        stamp = self._stamp()
        if stamp is None or stamp == self.stamp:
            return False
        self.stamp = stamp
        return True


def reload(play: Playthrough) -> tuple[Playthrough | None, str]:
    """The game replayed on the scenario file as it is now, or None and the reason it cannot be."""
    path = play.session.source_path
    if path is None:
        return None, t("author.no_file")
    try:
        scenario = library.load(path)
        session = play.session.replay_on(scenario, path)
    except library.ScenarioLoadError as exc:
        return None, t("author.not_reloaded", problem=str(exc).splitlines()[0])
    except SaveError as exc:
        return None, t("author.not_reloaded", problem=exc)
    return Playthrough(session), t("author.reloaded", name=path.name, turns=len(session.history))


def raw_state(play: Playthrough) -> str:
    """One line of the numbers an author checks: score, flags, grievance."""
    session = play.session
    view = play.view()
    flags = ", ".join(f"{k}={v:g}" for k, v in sorted(view.flags.items())) or t("author.none")
    grievance = ", ".join(f"{s.id}={s.grievance:.2f}" for s in view.stakeholders if s.grievance > 0.005) or t("author.none")
    return t("author.raw", score=f"{session.score:.1f}", flags=flags, grievance=grievance)
