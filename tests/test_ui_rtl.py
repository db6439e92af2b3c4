"""Arabic and Hebrew in the desktop game: fonts, shaping, direction, wrapping, and the validate warning."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game import glyphs
from game.scenario.loader import load, validate_path
from game.ui import bidi, text
from game.ui import theme as theme_module
from game.ui.script_font import ScriptFont
from game.ui.theme import Theme

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "game" / "data" / "fonts"
FIXTURES = ROOT / "tests" / "fixtures"
ARABIC = FIXTURES / "rtl_tutorial_ar.yaml"
HEBREW = FIXTURES / "rtl_tutorial_he.yaml"
RTL_FIXTURES = [ARABIC, HEBREW]
ADDED_FONTS = ["NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"]

SENTENCE = "اجتمع 12 طبيبًا في مستشفى Brackenford يوم 5 أيار (مايو)."
BLACK = pygame.Color(0, 0, 0)


@pytest.fixture(scope="module")
def theme() -> Iterator[Theme]:
    pygame.font.init()
    yield Theme.load()


def _all_text(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _all_text(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_text(value)


def _player_texts(path: Path) -> list[str]:
    """Every text in a fixture that contains a right-to-left letter."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [s for s in _all_text(data) if bidi.needs_layout(s)]


def _ink_columns(image: pygame.Surface) -> np.ndarray:
    alpha = pygame.surfarray.array_alpha(image) if image.get_flags() & pygame.SRCALPHA else None
    if alpha is None:
        pixels = pygame.surfarray.array3d(image).astype(int)
        return np.flatnonzero((pixels.sum(axis=2) < 600).any(axis=1))
    return np.flatnonzero((alpha > 40).any(axis=1))


# --------------------------------------------------------------------------
# The fonts


def test_arabic_and_hebrew_fonts_ship_with_their_licence_and_credit() -> None:
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    readme = (ROOT / "assets" / "README.md").read_text(encoding="utf-8")
    for name in ADDED_FONTS:
        assert (FONTS / name).is_file()
        assert name in licence and name in readme
    assert "Noto Sans Arabic" in licence and "Noto Sans Hebrew" in licence
    # Kept small: the two scripts add well under a megabyte to the package.
    assert sum((FONTS / name).stat().st_size for name in ADDED_FONTS) < 700_000


def test_character_maps_say_which_font_draws_which_script() -> None:
    base, arabic, hebrew = glyphs.covered("base"), glyphs.covered("arabic"), glyphs.covered("hebrew")
    assert ord("م") in arabic and ord("م") not in base
    assert ord("ש") in hebrew and ord("ש") not in base
    assert {ord(c) for c in "Łódź Ωμέγα Жизнь नमस्ते"} - {32} <= base
    assert glyphs.missing(SENTENCE + " שלום Łódź नमस्ते") == []
    assert glyphs.missing("会議 مرحبا 会 😀") == ["会", "議", "😀"]


def test_a_cut_short_font_file_is_an_error_not_a_crash() -> None:
    data = (FONTS / "NotoSansHebrew-Regular.ttf").read_bytes()
    with pytest.raises(glyphs.FontFileError):
        glyphs.read_cmap(data[:200])


# --------------------------------------------------------------------------
# Directions and runs


def test_an_arabic_sentence_with_numbers_and_a_latin_name_is_in_reading_order() -> None:
    runs = bidi.layout(SENTENCE, None, lambda script, ch: ord(ch) in glyphs.covered(script))
    assert bidi.paragraph_rtl(SENTENCE)
    # Left to right on screen: the full stop, then the bracketed month, ..., and the first word at the right.
    assert runs[0].text == "." and runs[-1].text == "اجتمع "
    shown = [run.text.strip() for run in runs if run.text.strip()]
    assert shown.index("12") > shown.index("Brackenford") > shown.index("5")
    numbers = [run for run in runs if run.text in ("12", "5", "Brackenford")]
    assert all(run.level == 2 and not run.rtl for run in numbers)
    assert {run.script for run in runs if run.rtl and run.text.strip() not in "()."} == {"arabic"}


def test_a_latin_paragraph_keeps_an_arabic_name_as_one_right_to_left_run() -> None:
    runs = bidi.layout("Meet مجلس المدينة today, at 10:30.", None, lambda s, c: True)
    assert [(r.text, r.level) for r in runs] == [("Meet ", 0), ("مجلس المدينة", 1), (" today, at 10:30.", 0)]


def test_an_isolated_value_keeps_its_own_direction_inside_a_sentence() -> None:
    plain = bidi.layout("أسبوعان 1 of 6", None, lambda s, c: True)
    isolated = bidi.layout("\u2068أسبوعان\u2069 1 of 6", None, lambda s, c: True)
    assert plain[0].text == "of 6"  # read as Arabic, the English words move to the far end
    assert [r.text for r in isolated] == ["أسبوعان", " 1 of 6"]


def test_brackets_drawn_right_to_left_without_shaping_are_mirrored() -> None:
    assert bidi.reversed_text("(a«b»)") == "(«b»a)"
    assert bidi.reversed_text("e\u0301x") == "xe\u0301"


_MIXED = st.text(
    alphabet=st.sampled_from(list("abc ABC 0123456789.,:;%()-«»!?") + list("مرحبا بالعالم٠١٢،؟") + list("שלום")
                             + ["\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u064b"]),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(_MIXED, st.sampled_from([None, True, False]))
def test_any_mix_of_scripts_lays_out_every_character_once(words: str, rtl: bool | None) -> None:
    runs = bidi.layout(words, rtl, lambda script, ch: ord(ch) in glyphs.covered(script))
    controls = set("\u2066\u2067\u2068\u2069\u200f")
    assert Counter("".join(run.text for run in runs)) == Counter(ch for ch in words if ch not in controls)
    levels = bidi.levels(words, bool(rtl))
    nesting = sum(words.count(ch) for ch in "\u2066\u2067\u2068")
    assert len(levels) == len(words) and all(0 <= v <= 2 + 2 * nesting for v in levels)


# --------------------------------------------------------------------------
# Drawing


def test_arabic_is_shaped_joined_and_right_to_left(theme: Theme) -> None:
    font = theme.font("body")
    assert isinstance(font, ScriptFont)
    words = "هذا نظامك"
    unshaped = pygame.font.Font(FONTS / "NotoSansArabic-Regular.ttf", font.point_size)
    # Joined letters take less room than the isolated forms drawn one by one.
    greeting = "مرحبا بالعالم"
    assert font.size(greeting)[0] < unshaped.size(greeting)[0] * 0.85
    image = font.render(words, True, BLACK)
    assert image.get_width() == font.size(words)[0]
    first = font.size("هذا")[0]
    ink = _ink_columns(image)
    gap = [x for x in range(ink[0], ink[-1]) if x not in set(ink)]
    # The space between the words sits where the first word ends counted from the right.
    assert gap and abs(image.get_width() - first - np.mean(gap)) < first * 0.4


@pytest.mark.parametrize("words", ["Partenariat ou force ? « Oui » 42 %", "Łódź Ærøskøbing e\u0301", "Ωμέγα Жизнь", "cost 2"])
def test_plain_text_draws_exactly_as_pygame_draws_it(theme: Theme, words: str) -> None:
    font = theme.font("body_bold")
    plain = pygame.font.Font(FONTS / "NotoSans-Bold.ttf", font.point_size)
    assert font.size(words) == plain.size(words)
    ours, theirs = font.render(words, True, BLACK), plain.render(words, True, BLACK)
    assert pygame.image.tobytes(ours, "RGBA") == pygame.image.tobytes(theirs, "RGBA")


@pytest.mark.parametrize("path", RTL_FIXTURES, ids=lambda p: p.stem)
def test_every_letter_of_the_fixtures_has_a_glyph_in_the_font_that_draws_it(theme: Theme, path: Path) -> None:
    font = theme.font("body")
    assert isinstance(font, ScriptFont)
    missing: list[str] = []
    for words in _player_texts(path):
        for run in font.layout(words):
            script = "base" if run.script == "devanagari" else run.script
            missing.extend(ch for ch in run.text if ord(ch) not in glyphs.covered(script) and not ch.isspace())
    assert missing == []


def test_right_to_left_paragraphs_wrap_in_logical_order_and_sit_against_the_right_edge(theme: Theme) -> None:
    font = theme.font("body")
    paragraph = " ".join(_player_texts(ARABIC)[3:6])
    rect = pygame.Rect(20, 10, 360, 600)
    lines, directions = text.wrap_directed(paragraph, font, rect.width)
    assert len(lines) > 3 and all(directions)
    assert " ".join(lines).split() == paragraph.split()
    assert all(font.size(line)[0] <= rect.width and not line.endswith("…") for line in lines)
    surface = pygame.Surface((400, 640))
    surface.fill((255, 255, 255))
    used = text.draw_wrapped(surface, paragraph, font, BLACK, rect)
    step = round(font.get_linesize() * 1.15)
    rights, lefts = [], []
    for i in range(len(lines)):
        band = surface.subsurface(pygame.Rect(0, rect.top + i * step, 400, font.get_height()))
        ink = _ink_columns(band)
        lefts.append(int(ink[0]))
        rights.append(int(ink[-1]))
    assert used == len(lines) * step
    assert all(rect.right - 6 <= r <= rect.right + 1 for r in rights), rights
    assert max(lefts) - min(lefts) > 20  # the ragged edge is on the left


def test_a_latin_paragraph_still_starts_at_the_left_edge(theme: Theme) -> None:
    font = theme.font("body")
    surface = pygame.Surface((400, 300))
    surface.fill((255, 255, 255))
    rect = pygame.Rect(20, 10, 360, 280)
    text.draw_wrapped(surface, "Spend time with one stakeholder: listen, share the evidence, agree what matters.", font, BLACK, rect)
    first = _ink_columns(surface.subsurface(pygame.Rect(0, 10, 400, font.get_height())))
    assert rect.left <= first[0] <= rect.left + 3


def test_a_long_arabic_line_is_cut_with_an_ellipsis_at_its_end(theme: Theme) -> None:
    font = theme.font("small")
    cut = text.fit(SENTENCE * 3, font, 250)
    assert cut.endswith("…") and font.size(cut)[0] <= 250
    assert (SENTENCE * 3).startswith(cut[:-1].rstrip())
    assert text.fit(SENTENCE * 3, font, 250) == cut


# --------------------------------------------------------------------------
# Validation, and the game itself


@pytest.mark.parametrize("path", RTL_FIXTURES, ids=lambda p: p.stem)
def test_right_to_left_fixtures_load_and_validate_without_warnings(path: Path) -> None:
    scenario = load(path)
    assert scenario.meta.language in ("ar", "he")
    result = validate_path(path)
    assert result.ok and result.warnings == [], [str(p) for p in result.warnings]


def test_text_no_shipped_font_can_draw_gets_one_warning_naming_it(tmp_path: Path) -> None:
    source = ARABIC.read_text(encoding="utf-8").replace("name: منتدى المرضى", "name: 患者会議")
    path = tmp_path / "cjk.yaml"
    path.write_text(source, encoding="utf-8")
    warnings = [p for p in validate_path(path).warnings if "cannot draw" in p.message]
    assert len(warnings) == 1
    (warning,) = warnings
    assert "患 (U+60A3)" in warning.message and "empty boxes" in warning.message
    assert source.splitlines()[warning.line - 1].strip() == "name: 患者会議"


@pytest.fixture
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


@pytest.mark.usefixtures("_headless")
@pytest.mark.parametrize("path", RTL_FIXTURES, ids=lambda p: p.stem)
def test_the_desktop_game_draws_the_fixture_without_missing_letters(path: Path) -> None:
    from game.ui.harness import Harness

    text._cache.clear()
    h = Harness([str(path), "--seed", "4", "--size", "1280x720"])
    assert h.screen.name == "briefing"
    h.key(pygame.K_RETURN)
    assert h.screen.name == "turn"
    for widget in [w for w in h.screen.group.widgets if w.focusable][:6]:
        h.move(widget.rect.center)
    drawn = [key[0] for key in text._cache]
    scripted = [words for words in drawn if bidi.needs_layout(words)]
    assert len(scripted) > 10
    font = h.app.theme.font("body")
    assert isinstance(font, ScriptFont)
    for words in scripted:
        for run in font.layout(words):
            script = "base" if run.script == "devanagari" else run.script
            assert all(ord(ch) in glyphs.covered(script) or ch.isspace() for ch in run.text), (words, run)
    # Right-to-left paragraphs on screen were drawn as such.
    assert any(key[3] is True for key in text._cache)
    h.close()


@pytest.mark.usefixtures("_headless")
def test_a_latin_scenario_renders_exactly_as_with_plain_pygame_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.harness import Harness

    def screenshots() -> list[bytes]:
        text._cache.clear()
        text._wrap_cache.clear()
        h = Harness(["tutorial", "--seed", "5", "--size", "1280x720"])
        shots = [pygame.image.tobytes(h.app.surface, "RGB")]
        h.key(pygame.K_RETURN)
        play = h.app.play
        assert play is not None
        job = play.forecast_job()
        assert job is not None and job.wait(60)  # the cards' forecasts in, however fast they came
        h.run_until(lambda x: not play.forecasts_pending(), 50)
        h.app.draw()
        shots.append(pygame.image.tobytes(h.app.surface, "RGB"))
        h.close()
        pygame.quit()
        return shots

    ours = screenshots()
    monkeypatch.setattr(theme_module, "ScriptFont", pygame.font.Font)
    assert screenshots() == ours



@pytest.mark.parametrize("kind", ["text_card", "card_painter"])
def test_tooltip_lines_in_arabic_sit_against_the_right_edge(kind: str) -> None:
    from game.ui.widgets.cards import CardSpec, Line, painter
    from game.ui.widgets.group import text_card

    pygame.font.init()  # a fresh theme: the headless games above may have closed the font module
    theme = Theme.load()

    paragraph = " ".join(_player_texts(ARABIC)[3:6])
    if kind == "text_card":
        card = text_card(theme, paragraph, 360)
        font = theme.font("small")
        step = round(font.get_linesize() * 1.15)
    else:
        card = painter(CardSpec(lines=[Line(paragraph, role="small")]))(theme, 360)
        font = theme.font("small")
        step = font.get_linesize()
    pad = theme.px("padding")
    lines, _ = text.wrap_directed(paragraph, font, card.get_width() - 2 * pad)
    assert len(lines) > 2
    rights, lefts = [], []
    for i in range(len(lines)):
        band = card.subsurface(pygame.Rect(pad, pad + i * step, card.get_width() - 2 * pad, font.get_height()))
        ink = _ink_columns_on(band, theme.colour("tooltip"))
        lefts.append(int(ink[0]))
        rights.append(int(ink[-1]))
    inner = card.get_width() - 2 * pad
    assert all(inner - 6 <= r <= inner for r in rights), rights
    assert max(lefts) - min(lefts) > 20  # the ragged edge is on the left


def _ink_columns_on(band: pygame.Surface, background: pygame.Color) -> np.ndarray:
    """Columns with text on a coloured card: pixels far from the card's own colour."""
    pixels = pygame.surfarray.array3d(band).astype(int)
    far = np.abs(pixels - np.array([background.r, background.g, background.b])).sum(axis=2) > 150
    return np.flatnonzero(far.any(axis=1))
