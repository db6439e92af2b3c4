"""What the game loads at run time is package data under game/data, with its licence beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pygame

from game.ui import theme as theme_module
from game.ui.theme import Theme

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "game" / "data"


def test_the_theme_and_fonts_load_from_the_package() -> None:
    assert theme_module.THEME_FILE == DATA / "theme.json"
    theme = Theme.load()
    fonts = {spec.file for spec in theme.fonts.values()}
    for name in fonts:
        assert theme_module._font_path(name) == DATA / "fonts" / name
    pygame.font.init()
    assert theme.font("body").size("Partenariat ou force ?")[0] > 0


def test_vendored_fonts_carry_their_licence() -> None:
    licence = (DATA / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    readme = (ROOT / "assets" / "README.md").read_text(encoding="utf-8")
    for path in ("game/data/theme.json", "game/data/fonts/OFL.txt", "game/data/i18n/"):
        assert path in readme


def test_no_code_reads_from_the_assets_folder_any_more() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "game").rglob("*.py")
        if re.search(r"""["']assets(/[^"']*)?["']""", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_package_data_covers_everything_under_game_data() -> None:
    # pyproject ships game/data/* and game/data/**/*: every run-time file must sit under game/data.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*"' in pyproject and '"data/**/*"' in pyproject
    shipped = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file())
    assert {"theme.json", "fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf", "i18n/en.json", "i18n/fr.json"} <= set(shipped)
