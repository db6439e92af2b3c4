"""Author mode: saving the scenario file reloads it under the game in progress."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.ui.harness import Harness

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def touch_later(path: Path, text: str) -> None:
    """Write the file and move its clock on, so the change is seen even on coarse file systems."""
    stamp = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))


def test_an_edit_reloads_and_replays_and_a_broken_edit_is_refused(tmp_path: Path) -> None:
    scenario = tmp_path / "tutorial.yaml"
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", scenario)
    h = Harness([str(scenario), "--seed", "5", "--author"])
    h.key(pygame.K_RETURN)
    h.key(pygame.K_2)
    h.key(pygame.K_e)
    while h.screen.name != "turn":
        h.key(pygame.K_1 if h.screen.name == "event" else pygame.K_RETURN)
    played = len(h.app.play.session.history)  # type: ignore[union-attr]
    original = scenario.read_text(encoding="utf-8")

    assert "en: Emergency consultants" in original
    touch_later(scenario, original.replace("en: Emergency consultants", "en: Emergency medicine consultants", 1))
    h.step()
    session = h.app.play.session  # type: ignore[union-attr]
    assert "Reloaded" in h.app.toast
    assert session.names.stakeholders["consultants"] == "Emergency medicine consultants"
    assert len(session.history) == played

    line = next(i for i, row in enumerate(original.splitlines(), start=1) if row == "  turns: 6")
    touch_later(scenario, original.replace("  turns: 6", "  turns: six", 1))
    h.step()
    assert h.app.play.session is session  # type: ignore[union-attr]
    assert f"{scenario}:{line}:" in h.app.toast
