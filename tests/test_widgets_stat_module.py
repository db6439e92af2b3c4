"""The number widget lives in its own module; the old import path still gives the same objects."""

from __future__ import annotations

from game.ui.widgets import controls, stat


def test_controls_reexports_the_stat_module() -> None:
    for name in ("Stat", "StatLayout", "draw_arrow", "label_lines", "lines_needed"):
        assert getattr(controls, name) is getattr(stat, name)


def test_stat_module_does_not_need_controls() -> None:
    assert "controls" not in stat.__dict__
    assert not any(getattr(value, "__module__", "") == controls.__name__ for value in vars(stat).values())
