"""The debrief's timeline page fills its empty part with the score after each turn, never at the cost
of a turn's words."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui import text
from game.ui.widgets.controls import TextBlock
from tests.ui_support import desktop


@pytest.mark.parametrize(("scenario", "lang"), [("tutorial", "fr"), ("tutorial", "en")])
def test_the_timeline_shows_every_turn_whole_and_the_score_below(scenario: str, lang: str, user_home: Path) -> None:
    with desktop([scenario, "--seed", "3", "--size", "1280x720", "--lang", lang, "--autoplay", "balanced"]) as h:
        h.run_until(lambda x: x.screen.name == "debrief", max_steps=5000)
        h.app.autoplay = None
        h.key(pygame.K_3)
        h.app.draw()
        rows = [w for w in h.screen.group.widgets if isinstance(w, TextBlock) and w.role == "small"]
        session = h.app.play.session  # type: ignore[union-attr]
        assert len(rows) == len(session.history), "every turn is on the page"
        font = h.app.theme.font("small")
        for row in rows:
            assert len(text.wrap(row.body, font, row.rect.width)) <= (row.max_lines or 99), row.body
        chart = h.widget("timeline_score")
        assert chart is not None, "the room the turns leave shows the score"
        assert chart.rect.top >= max(r.rect.bottom for r in rows)
        assert chart.rect.height >= h.app.theme.px(110)
