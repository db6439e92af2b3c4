"""Counted words agree with their numbers: English and French rules, the messages that count, the catalogues."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game import i18n
from game.i18n import (
    catalogue,
    counted,
    fields_of,
    plural_form,
    plural_sets,
    t_count,
    translate,
    translate_count,
)

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = i18n.LANGUAGES


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("count", "en", "fr"),
    [(0, "other", "one"), (1, "one", "one"), (1.5, "other", "one"), (1.99, "other", "one"), (2, "other", "other"),
     (2.5, "other", "other"), (-1, "one", "one"), (1000, "other", "other")],
)
def test_english_is_singular_for_one_alone_and_french_below_two(count: float, en: str, fr: str) -> None:
    assert plural_form("en", count) == en
    assert plural_form("fr", count) == fr


def test_a_number_given_as_shown_is_read_as_its_language_writes_it() -> None:
    assert plural_form("en", "1") == "one" and plural_form("en", "+1") == "one" and plural_form("en", "−1") == "one"
    assert plural_form("en", "1.0") == "other", "English says 1.0 points"
    assert plural_form("en", "1,000") == "other"
    assert plural_form("fr", "1,0") == "one" and plural_form("fr", "1,5") == "one" and plural_form("fr", "−1,9") == "one"
    assert plural_form("fr", "2,0") == "other"
    assert plural_form("fr", "2" + translate("fr", "fmt.thousands") + "000") == "other"
    assert plural_form("en", "n/a") == "other" and plural_form("fr", "") == "other"


def test_a_language_without_a_catalogue_follows_english() -> None:
    assert plural_form("de", 0) == "other" and plural_form(None, 1) == "one"
    assert translate_count("de", "count.pushes", 1, n=1) == "1 push"


def test_counted_phrases_take_the_right_form_in_both_languages() -> None:
    assert counted("en", "count.points", "1.5") == "1.5 points"
    assert counted("en", "count.points", "1") == "1 point"
    assert counted("fr", "count.points", "1,5") == "1,5\u00a0point"
    assert counted("fr", "count.points", "2,0") == "2,0\u00a0points"
    assert counted("en", "count.pushes", 0) == "0 pushes"
    assert counted("fr", "count.pushes", 0) == "0 passage en force"
    assert counted("fr", "count.pushes", 2) == "2 passages en force"
    i18n.set_language("fr")
    assert t_count("count.turns", 1, n=1) == "1 tour" and t_count("count.turns", 6, n=6) == "6 tours"


def test_a_missing_set_falls_back_to_english_then_to_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(catalogue("en"), "only.en.one", "{n} thing")
    monkeypatch.setitem(catalogue("en"), "only.en.other", "{n} things")
    assert translate_count("fr", "only.en", 0, n=0) == "0 things", "English words follow the English rule"
    assert translate_count("fr", "only.en", 1, n=1) == "1 thing"
    assert translate_count("fr", "no.such.set", 1, n=1) == "no.such.set"
    assert translate_count("en", "saves.slot", 1, number=1) == "Slot 1", "a plain key is read as it is"


# --------------------------------------------------------------------------- the messages that count


def test_the_french_debrief_says_one_push_in_the_singular() -> None:
    from game.ui.screens.debrief import StanceScale

    i18n.set_language("fr")
    one = StanceScale(pygame.Rect(0, 0, 300, 40), partner=3, push=1, neutral=0).tooltip
    assert isinstance(one, str)
    assert one.startswith("Vous avez joué 3 coups de partenariat et 1 passage en force (0 neutre),")
    assert "1 passages" not in one
    many = StanceScale(pygame.Rect(0, 0, 300, 40), partner=1, push=4, neutral=2).tooltip
    assert isinstance(many, str) and many.startswith("Vous avez joué 1 coup de partenariat et 4 passages en force (2 neutres),")


def test_the_english_debrief_says_1_push_and_keeps_its_plural_wording() -> None:
    from game.ui.screens.debrief import StanceScale

    one = StanceScale(pygame.Rect(0, 0, 300, 40), partner=1, push=1, neutral=1).tooltip
    assert one == ("You made 1 partnership move and 1 push (1 neutral), counting actions and event choices. "
                   "The marker sits at the share of pushes among them.")
    many = StanceScale(pygame.Rect(0, 0, 300, 40), partner=3, push=2, neutral=0).tooltip
    assert many == ("You made 3 partnership moves and 2 pushes (0 neutral), counting actions and event choices. "
                    "The marker sits at the share of pushes among them.")


def test_the_text_game_counts_moves_in_both_languages() -> None:
    from game.text_ui.screens import stance_scale

    assert stance_scale(1, 1)[0] == "You balanced partnership and push: 1 partnership move and 1 push."
    assert stance_scale(6, 2)[0].endswith(": 6 partnership moves and 2 pushes.")
    i18n.set_language("fr")
    assert stance_scale(2, 1)[0].endswith(" 2 coups de partenariat et 1 passage en force.")
    assert stance_scale(4, 3)[0].endswith(" 4 coups de partenariat et 3 passages en force.")


def test_balance_warnings_count_runs_and_points_in_each_language() -> None:
    from game.analysis.balance_warnings import Finding, word

    luck = Finding("luck", "a", "b", (60.0, 58.5, 0.5, 3.0))
    assert ("the best policy ('a', 60.0 points) beats the worst ('b', 58.5 points) by 1.5 points, "
            "only 0.50 times the typical spread of 3.0 points") in word(luck, "en")
    french = word(luck, "fr").replace("\u00a0", " ")
    assert "de 1,5 point, soit seulement 0,50 fois la dispersion habituelle de 3,0 points" in french
    assert word(Finding("event_never", "ev", figures=(1.0,)), "en").startswith("The event 'ev' never fires in 1 run:")
    assert word(Finding("event_never", "ev", figures=(60.0,)), "en").startswith("The event 'ev' never fires in 60 runs:")
    assert "ne survient jamais en 1 partie" in word(Finding("event_never", "ev", figures=(1.0,)), "fr")


def test_summaries_and_workshop_lines_agree_with_their_count() -> None:
    assert translate_count("fr", "test.sum.failed", 0, n=0) == "0 échoué"
    assert translate_count("fr", "test.sum.failed", 2, n=2) == "2 échoués"
    assert translate_count("en", "test.sum.invalid", 1, n=1) == "1 invalid scenario"
    ready = {"folder": "w", "scenario": "tutorial", "seed": 7}
    assert translate_count("en", "workshop.cli.ready", 1, count=1, **ready) == "Workshop ready in w: 1 team on tutorial, seed 7."
    assert translate_count("en", "workshop.cli.ready", 3, count=3, **ready) == "Workshop ready in w: 3 teams on tutorial, seed 7."
    assert "1 équipe sur" in translate_count("fr", "workshop.cli.ready", 1, count=1, **ready)
    assert translate_count("en", "session.why.cooldown", 1, turns=1) == "it can be taken again in 1 turn"
    assert translate_count("en", "session.why.cooldown", 3, turns=3) == "it can be taken again in 3 turns"


def test_english_only_messages_built_in_code_count_too() -> None:
    from game.session.amounts import signed_points
    from game.text_ui.render import points

    assert points(0.01) == "+1 pt" and points(0.061) == "+6 pts" and points(-0.25) == "-25 pts"
    assert signed_points(-0.01) == "−1 pt"
    assert counted("en", "count.items", 1) == "1 item"


# --------------------------------------------------------------------------- the catalogues

# A field directly followed by a word ending in s or x, in a message that is not a plural set,
# is a count whose word cannot agree with it, unless it is one of these.
WORD_FIELDS = {"name", "label", "folder", "file", "team", "kind"}  # hold names or words, never a number
NOT_COUNTING = {"is", "this", "vs"}  # "turn 3 is past the end", "+2 this turn", "+4 vs no action"
ALLOWED = {
    ("balance.facts", "seconds"): "`s` is the symbol for seconds, written the same for any number",
    ("board.footer", "seconds"): "`s` is the symbol for seconds, written the same for any number",
    ("balance.page.sens.caption", "n"): "n is TORNADO_BARS, a fixed number of bars well above one",
    ("balance.page.sens.table_title", "n"): "n is TORNADO_TABLE_ROWS, a fixed number of rows well above one",
    ("report.skip.too_many", "count"): "said only past MAX_SESSION_FILES (64) files, so never below 65",
    ("report.skip.too_many", "read"): "is MAX_SESSION_FILES (64)",
    ("audit.elapsed", "seconds"): "`s` is the symbol for seconds, written the same for any number",
    ("audit.rule.before_turn_or_ready", "turn"): "a turn's number (quarter 5), not a count",
    ("audit.warn.exploit", "turn"): "a turn's number (turn 3), not a count",
    ("problem.check.audit_figure", "n"): "the expectation's number in the list, not a count",
    ("problem.check.audit_mixed", "n"): "the expectation's number in the list, not a count",
    ("problem.check.no_policy", "n"): "the expectation's number in the list, not a count",
    ("problem.hint.percent", "number"): "a value to write, not a count",
    ("problem.yaml.doubt.underscore", "number"): "a value to write, not a count",
    ("audit.warn.dominant_answer", "share"): "a percentage (58%), which takes no plural",
    ("audit.warn.fake_choice", "change"): "a percentage (58%), which takes no plural",
    ("audit.warn.never_best", "share"): "a percentage (58%), which takes no plural",
    ("audit.warn.never_best_once", "share"): "a percentage (8%), which takes no plural",
    ("audit.warn.never_fires", "share"): "a percentage (58%), which takes no plural",
    ("audit.warn.only_in_lost_games", "share"): "a percentage (58%), which takes no plural",
    ("audit.warn.simple_wins", "share"): "a percentage (58%), which takes no plural",
    ("audit.warn.system_worse", "share"): "a percentage (58%), which takes no plural",
    ("forecast.style.player_moves", "neutral"): "a percentage (58%), which takes no plural",
    ("problem.check.reaction_event", "n"): "the reaction's number in the list, not a count",
    ("problem.check.reaction_event_unused", "n"): "the reaction's number in the list, not a count",
    ("problem.check.too_deliberate", "most"): "is MAX_DELIBERATE (2)",
    ("problem.portrait.pixels", "height"): "a portrait's side, never under 32 pixels when this is said",
    ("problem.portrait.pixels", "limit"): "is the pixel limit, over a million",
    ("problem.portrait.sides", "height"): "a picture's side in pixels: a measure, said of sides too small or too large",
    ("problem.portrait.sides", "most"): "is the largest side allowed, 2048",
}
COUNTED = re.compile(r"\{(\w+)\}[ \u00a0\u202f]+([^\W\d_]+)")


def _uncounted(lang: str) -> set[tuple[str, str]]:
    sets = plural_sets(lang)
    found = set()
    for key, text in catalogue(lang).items():
        if key.rpartition(".")[0] in sets:
            continue
        for field, word in COUNTED.findall(text):
            if word[-1] in "sx" and field not in WORD_FIELDS and word not in NOT_COUNTING:
                found.add((key, field))
    return found


def test_no_message_puts_a_plural_word_after_a_number_without_a_plural_set() -> None:
    found = _uncounted("en") | _uncounted("fr")
    assert sorted(found - set(ALLOWED)) == [], "make these messages plural sets (KEY.one and KEY.other)"
    assert sorted(set(ALLOWED) - found) == [], "these exceptions are gone: take them off the list"


def test_the_scan_catches_a_message_that_counts_without_a_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(catalogue("fr"), "demo.files", "{count} fichiers lus")
    assert ("demo.files", "count") in _uncounted("fr")


def test_every_plural_set_has_both_forms_with_the_same_fields_in_both_languages() -> None:
    en, fr = catalogue("en"), catalogue("fr")
    assert plural_sets("en") == plural_sets("fr")
    assert len(plural_sets("en")) > 40
    lone = sorted(k for lang in LANGUAGES for k in catalogue(lang)
                  if k.endswith(".one") and k.removesuffix(".one") not in plural_sets(lang))
    assert lone == [], "a .one form without its .other"
    for key in plural_sets("en"):
        assert fields_of(en[f"{key}.other"]) == fields_of(fr[f"{key}.other"]), key
        assert fields_of(en[f"{key}.one"]) <= fields_of(en[f"{key}.other"]), key
        assert key not in en, f"{key} is both a plain message and a plural set"


def _code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "game").rglob("*.py")))


def test_every_set_the_code_counts_with_exists_in_both_languages() -> None:
    call = r"""\b(?:t_count|translate_count|counted)\((?:(?:[^,()"']+|["'][a-z]{2}["']),\s*)?["']([a-z0-9_.]+)["']"""
    used = set(re.findall(call, _code()))
    assert {"count.pushes", "debrief.exported", "workshop.cli.ready", "balance.runs", "test.runs"} <= used
    missing = sorted(k for k in used if k not in plural_sets("en") or k not in plural_sets("fr"))
    assert missing == []


def test_no_code_picks_a_singular_or_plural_form_by_hand() -> None:
    code = _code()
    assert re.findall(r"""["'][a-z0-9_.]+\.(?:one|many)["']""", code) == []
    assert re.findall(r"""["'][a-z_]+["'] if \w+ == 1 else ["'][a-z_]+["']""", code) == []
    assert re.findall(r"""["']s?["'] if \w+ [!=]= 1|if \w+ [!=]= 1 else ["']s?["']""", code) == []
