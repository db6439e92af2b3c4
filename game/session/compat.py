"""Which saves still replay on an edited scenario (`shove validate FILE --saves DIR`).

A save records the scenario's id, a hash of its content, the seed and the
decision log. After an edit, a save of that scenario either replays (the log
still applies, perhaps with different numbers) or breaks (a logged action,
target, event or choice no longer applies). Saves of other scenarios are
listed as such, and unreadable files say why. Every verdict and reason is
kept as :class:`Words`, so the line is said in the author's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from game.i18n import DEFAULT
from game.i18n.words import Words
from game.scenario.schema import Scenario
from game.session.persistence import load_session
from game.session.saves import SaveError, read_save

Verdict = Literal["replays", "changed", "breaks", "other", "unreadable"]


@dataclass(frozen=True)
class SaveCheck:
    """The verdict on one save file, with the reason in words (``str()`` is the English line)."""

    path: Path
    verdict: Verdict
    reason: Words | str

    def say(self, lang: str | None = DEFAULT) -> str:
        """The line ``PATH: VERDICT: REASON`` in ``lang``."""
        return Words("save_check.line", path=str(self.path), verdict=Words(f"save_check.verdict.{self.verdict}"),
                     reason=self.reason).say(lang)

    def __str__(self) -> str:
        return self.say(DEFAULT)


def check_saves(scenario: Scenario, source_path: Path, folder: Path, lang: str | None = None) -> list[SaveCheck]:
    """Replay every save in ``folder`` (``*.json``, not recursive) on ``scenario``; a move the rules
    refuse is explained in ``lang`` (else in the save's own language)."""
    checks: list[SaveCheck] = []
    for path in sorted(folder.glob("*.json")):
        try:
            save = read_save(path)
        except SaveError as exc:
            checks.append(SaveCheck(path, "unreadable", exc.words))
            continue
        if save.scenario.id != scenario.meta.id:
            checks.append(SaveCheck(path, "other", Words("save_check.other", scenario=save.scenario.id)))
            continue
        try:
            session = load_session(path, scenario, source_path=source_path, lang=lang, autosave=False)
        except SaveError as exc:
            checks.append(SaveCheck(path, "breaks", exc.words))
            continue
        turns = len(save.log)
        if session.notice:
            checks.append(SaveCheck(path, "changed", Words.counted("save_check.changed", turns, turns=Words.counted("count.turns", turns, n=turns))))
        else:
            checks.append(SaveCheck(path, "replays", Words.counted("save_check.replays", turns, turns=Words.counted("count.turns", turns, n=turns))))
    return checks
