"""The workshop's words in the facilitator's language, shared by the board and the report."""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n import translate
from game.scenario.language import localise
from game.scenario.problems import joined
from game.workshop.config import Workshop


def scenario_text(workshop: Workshop, value: str | dict[str, str], lang: str | None) -> str:
    """A text of the workshop's scenario in ``lang``, else in the scenario's own language."""
    own = workshop.base_scenario.meta.language
    return localise(value, lang or own, own)


def workshop_title(workshop: Workshop, lang: str | None) -> str:
    """The title the facilitator gave the workshop; the one ``workshop new`` wrote is said in ``lang``."""
    meta = workshop.base_scenario.meta
    given = workshop.file.title
    if not given or given == f"{localise(meta.title, meta.language)} workshop":
        return translate(lang, "workshop.title", title=scenario_text(workshop, meta.title, lang))
    return given


def listed(items: Sequence[str], lang: str | None) -> str:
    """``A``, ``A and B``, ``A, B and C`` (``A, B et C`` in French): a list read as a sentence."""
    if len(items) < 2:
        return "".join(items)
    return str(joined([", ".join(items[:-1]), items[-1]], "problem.join.and").say(lang))
