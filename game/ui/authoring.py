"""Author mode (`shove play --author`): the scenario reloads when its file is saved.

A save of a text file the scenario names with `{file: ...}` reloads it too.

The game's decisions so far are replayed on the new version (the session's
``replay_on``), so an author sees the effect of an edit at once, from where
they were. A file that no longer loads, or a log that no longer applies,
leaves the game as it was and shows the first problem with its file:line:col.
"""

from __future__ import annotations

from pathlib import Path

from game.i18n import t, t_count
from game.scenario.text_files import stamps
from game.session.saves import SaveError
from game.ui import library
from game.ui.play import Playthrough

# scenario file -> (its modification time and size, the text files it names)
_named: dict[Path, tuple[tuple[int, int] | None, list[Path]]] = {}


def text_files_of(path: Path) -> list[Path]:
    """The text files a scenario file names (listed again only when the scenario file changes)."""
    from game.scenario import loader

    stamp = stamps([path])[0]
    known = _named.get(path)
    if known is None or known[0] != stamp:
        known = stamp, loader.validate_path(path).text_files
        _named[path] = known
    return known[1]


class Watcher:
    """Notices when the scenario file, or a text file it names, changes size or modification time.

    A text file that appears or disappears counts as a change; the scenario
    file itself missing for a moment (while an editor replaces it) does not.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files = text_files_of(path)
        self.stamp = self._stamp()

    def _stamp(self) -> tuple[tuple[int, int] | None, ...]:
        return stamps([self.path, *self.files])

    def changed(self) -> bool:
        stamp = self._stamp()
        if stamp[0] is None or stamp == self.stamp:
            return False
        if stamp[0] != self.stamp[0]:  # the scenario may name other text files now
            self.files = text_files_of(self.path)
            stamp = self._stamp()
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
    return Playthrough(session), t_count("author.reloaded", len(session.history), name=path.name, turns=len(session.history))


def raw_state(play: Playthrough) -> str:
    """One line of the numbers an author checks: score, flags, grievance."""
    session = play.session
    view = play.view()
    flags = ", ".join(f"{k}={v:g}" for k, v in sorted(view.flags.items())) or t("author.none")
    grievance = ", ".join(f"{s.id}={s.grievance:.2f}" for s in view.stakeholders if s.grievance > 0.005) or t("author.none")
    return t("author.raw", score=f"{session.score:.1f}", flags=flags, grievance=grievance)
