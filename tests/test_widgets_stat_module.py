"""The number widget lives in its own module, which needs nothing from the controls module, and no
old import path is kept for it (tests/test_ui_structure.py checks there are no re-export shims)."""

from __future__ import annotations

from game.ui.widgets import controls, stat


def test_the_stat_widget_has_one_home() -> None:
    for name in ("Stat", "StatLayout", "draw_arrow", "label_lines", "lines_needed"):
        assert name not in vars(controls) or getattr(controls, name) is getattr(stat, name)
        assert getattr(stat, name).__module__ == stat.__name__


def test_stat_module_does_not_need_controls() -> None:
    assert "controls" not in stat.__dict__
    assert not any(getattr(value, "__module__", "") == controls.__name__ for value in vars(stat).values())
