"""Which saves still replay on an edited scenario (`shove validate FILE --saves DIR`).

A save records the scenario's id, a hash of its content, the seed and the
decision log. After an edit, a save of that scenario either replays (the log
still applies, perhaps with different numbers) or breaks (a logged action,
target, event or choice no longer applies). Saves of other scenarios are
listed as such, and unreadable files say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from game.i18n import counted
from game.scenario.schema import Scenario
from game.session.persistence import load_session
from game.session.saves import SaveError, read_save

Verdict = Literal["replays", "changed", "breaks", "other", "unreadable"]


@dataclass(frozen=True)
class SaveCheck:
    """The verdict on one save file, with the reason in words."""

    path: Path
    verdict: Verdict
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.verdict}: {self.reason}"


def check_saves(scenario: Scenario, source_path: Path, folder: Path) -> list[SaveCheck]:
    """Replay every save in ``folder`` (``*.json``, not recursive) on ``scenario``."""
    checks: list[SaveCheck] = []
    for path in sorted(folder.glob("*.json")):
        try:
            save = read_save(path)
        except SaveError as exc:
            checks.append(SaveCheck(path, "unreadable", exc.message))
            continue
        if save.scenario.id != scenario.meta.id:
            checks.append(SaveCheck(path, "other", f"a save of `{save.scenario.id}`, not of this scenario"))
            continue
        try:
            session = load_session(path, scenario, source_path=source_path, autosave=False)
        except SaveError as exc:
            checks.append(SaveCheck(path, "breaks", exc.message))
            continue
        turns = len(save.log)
        if session.notice:
            reason = f"replays all {counted('en', 'count.turns', turns)} on the edited scenario; numbers may differ from the saved game"
            checks.append(SaveCheck(path, "changed", reason))
        else:
            checks.append(SaveCheck(path, "replays", f"replays all {counted('en', 'count.turns', turns)} exactly (scenario unchanged)"))
    return checks
