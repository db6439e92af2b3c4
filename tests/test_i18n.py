"""The game's own words: every key the code uses exists, French is complete, choices of language behave."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pygame
import pytest

from game import i18n
from game.i18n import catalogue, choose, fields_of, supported, system_language, t, translate
from game.session import amounts

ROOT = Path(__file__).resolve().parent.parent
CODE = [*sorted((ROOT / "game" / "ui").rglob("*.py")), *sorted((ROOT / "game" / "session").rglob("*.py"))]
LITERAL = re.compile(r"""\b(?:t|translate\([^,()]+,)\(?\s*["']([a-z0-9_.]+)["']""")
PREFIX = re.compile(r"""\b(?:t|translate\([^,()]+,)\(?\s*f["']([a-z0-9_.]+)\{""")


def _used(pattern: re.Pattern[str]) -> set[str]:
    found: set[str] = set()
    for path in CODE:
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.set_language("en")


def test_every_key_the_code_uses_is_in_english() -> None:
    used = _used(LITERAL)
    assert len(used) > 250, "the key scanner found too few keys: has the call style changed?"
    missing = sorted(k for k in used if k not in catalogue("en"))
    assert missing == []


def test_every_key_family_the_code_builds_exists_in_english() -> None:
    prefixes = _used(PREFIX)
    assert {"stance.", "outcome.", "kind.", "month.", "policy."} <= prefixes
    empty = sorted(p for p in prefixes if not any(k.startswith(p) for k in catalogue("en")))
    assert empty == []


# Keys whose code passes one value in several forms, of which each language picks its own
# (a turn's label keeps its capital in English, and is written in lower case mid-sentence in French).
FORMS = {"reason.turn_name": {"label", "lower", "number"}}


def test_french_has_every_english_key_with_the_same_fields() -> None:
    en, fr = catalogue("en"), catalogue("fr")
    assert sorted(set(en) - set(fr)) == []
    assert sorted(set(fr) - set(en)) == [], "French keys nobody uses"
    wrong = sorted(
        k for k in en
        if fields_of(en[k]) != fields_of(fr[k]) and not (fields_of(en[k]) | fields_of(fr[k])) <= FORMS.get(k, set())
    )
    assert wrong == []


def test_french_is_actually_translated() -> None:
    en, fr = catalogue("en"), catalogue("fr")
    same = [k for k in en if en[k] == fr[k] and re.search(r"[a-z]{4,}", re.sub(r"\{[a-z0-9_]+\}", "", en[k]))]
    # Only proper names and words shared by both languages may stay as they are.
    assert set(same) <= {"app.title", "difficulty.standard", "settings.pace.normal", "turn.menu", "html.style",
                         "debrief.score", "debrief.chart.score", "kind.patients", "turn.actions_heading_paged", "saves.score",
                         "forecast.line", "report.col.strategy", "report.policy_series", "test.audit",
                         "audit.col.action", "audit.heading.actions", "audit.heading.verdicts", "audit.col.regret",
                         "mood.hostile"}


def test_noto_sans_has_a_glyph_for_every_character_the_game_writes() -> None:
    pygame.font.init()
    from game.ui.theme import FONTS

    text = "".join(catalogue("fr").values()) + "".join(catalogue("en").values()) + "−–…‹›·•“”"
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        font = pygame.font.Font(str(FONTS / name), 15)
        missing = sorted({ch for ch in text if ch.isprintable() and font.metrics(ch)[0] is None})
        assert missing == [], f"{name} lacks {missing}"


def test_missing_french_key_falls_back_to_english_then_to_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "only.en" not in catalogue("fr")
    monkeypatch.setitem(catalogue("en"), "only.en", "English {n}")
    assert translate("fr", "only.en", n=3) == "English 3"
    assert translate("fr", "no.such.key") == "no.such.key"


def test_fields_are_filled_and_bad_templates_do_not_crash() -> None:
    assert translate("en", "saves.slot", number=2) == "Slot 2"
    assert translate("fr", "saves.slot", number=2) == "Emplacement 2"
    assert translate("en", "saves.slot") == "Slot {number}"  # a missing field leaves the template, never raises


def test_percent_and_decimal_marks_follow_the_language() -> None:
    assert i18n.percent(0.42) == "42%"
    i18n.set_language("fr")
    assert i18n.percent(0.42) == "42\u00a0%"
    assert t("fmt.decimal") == ","


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE"}, "de"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LC_ALL": "POSIX"}, None),
        ({}, None),
    ],
)
def test_system_language_reads_the_posix_variables_in_order(environ: dict[str, str], expected: str | None) -> None:
    assert system_language(environ) == expected


def test_language_choice_prefers_the_flag_then_the_system_then_the_scenario() -> None:
    assert choose("fr", "en", {"LANG": "en_GB"}) == "fr"
    assert choose(None, "en", {"LANG": "fr_BE.UTF-8"}) == "fr"
    assert choose(None, "fr", {"LANG": "C"}) == "fr"
    assert choose("de", None, {"LANG": "C"}) == "en"  # no German catalogue: English, never a crash
    assert choose(None, None, {}) == "en"
    assert supported("FR-ca") == "fr" and supported("xx") is None


def test_catalogues_are_package_data_under_game_data() -> None:
    for lang in i18n.LANGUAGES:
        path = ROOT / "game" / "data" / "i18n" / f"{lang}.json"
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_a_french_window_speaks_french_and_dates_are_french(user_home: Path) -> None:
    from game.ui.harness import Harness

    h = Harness(["european_merger", "--seed", "2", "--lang", "fr"])
    assert h.app.lang == "fr"
    begin = h.widget("begin")
    assert begin is not None and begin.label == "Prendre ses fonctions"  # type: ignore[attr-defined]
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    view = h.app.play.view()  # type: ignore[union-attr]
    assert view.date_label == "Trimestre 1 sur 12, janvier 2026"
    end = h.widget("end_turn")
    assert end is not None and end.label == "Fin du tour"  # type: ignore[attr-defined]
    h.close()
    i18n.set_language("en")


def test_without_a_flag_the_system_locale_picks_the_language(user_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.harness import Harness

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    h = Harness(["tutorial", "--seed", "2"])
    assert h.app.lang == "fr"
    h.close()
    i18n.set_language("en")


def test_french_punctuation_never_starts_a_line() -> None:
    pygame.font.init()
    from game.ui import text
    from game.ui.theme import Theme

    font = Theme.load().font("body")
    question = "Quels aspects de la politique de votre propre système changeraient ce jeu, et lesquels non ?"
    for width in range(120, 700, 7):
        lines = text.wrap(question, font, width)
        assert all(not line.startswith(("?", ":", "»")) for line in lines), (width, lines)
        assert " ".join(" ".join(lines).split()).replace("\u00a0", " ") == question


def test_numbers_follow_the_language_in_the_game_words() -> None:
    from game.session.views import MetricView

    wait = MetricView("wait", "Attente", "heures", 5.2, 3.0, 1.0, 12.0, False, trend=-0.3)
    budget = MetricView("budget", "Budget", "M€", -9.0, 0.0, -60.0, 20.0, True)
    assert amounts.metric_value(wait) == "5.2 heures"
    assert amounts.metric_value(budget) == "−9 M€"
    i18n.set_language("fr")
    assert amounts.metric_value(wait) == "5,2 heures"
    assert amounts.metric_change(wait) == "−0,3 heures"
    assert amounts.metric_value(MetricView("p", "Postes", "%", 14.0, 7.0, 0.0, 40.0, False)) == "14\u00a0%"


def test_a_right_to_left_name_inside_a_sentence_is_isolated() -> None:
    from game.i18n import translate
    from game.ui import bidi

    arabic = translate("en", "session.turn_of", label="ربع سنة", turn=1, turns=6)
    assert arabic == "\u2068ربع سنة\u2069 1 of 6"
    # The sentence stays left to right: the label is one isolated run, not the start of an RTL paragraph.
    assert not bidi.paragraph_rtl(arabic)
    assert bidi.paragraph_rtl("ربع سنة 1 of 6")
    assert translate("en", "session.turn_of", label="Quarter", turn=1, turns=6) == "Quarter 1 of 6"
