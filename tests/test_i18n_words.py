"""Words: a sentence kept as a catalogue key and fields, said later in English or French.

Scenario problems, session-file reasons and workshop mistakes all carry their wording this way,
so these are the rules every one of them follows: the language's text, else English's, else the
key; nested words and numbers said in the same language; plural sets agreeing with their count;
French punctuation kept on its line where asked; a catalogue slip never raising."""

from __future__ import annotations

import pytest

from game.i18n import catalogue
from game.i18n.words import Num, Sayable, Words
from game.scenario.problems import words

NBSP = "\u00a0"


def test_words_are_said_in_each_language_and_in_english_where_a_language_has_none() -> None:
    newer = Words("session_file.newer", version=3)
    assert newer.say("en") == str(newer) == ("the file was written by a newer version of the game (format 3); "
                                             "update the game on this laptop")
    assert newer.say("fr").startswith("le fichier a été écrit par une version plus récente du jeu (format 3)")
    assert newer.say("de") == newer.say(None) == newer.say("en")  # no German catalogue: English


def test_a_key_french_lacks_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(catalogue("fr"), "session_file.newer")
    assert Words("session_file.newer", version=3).say("fr") == Words("session_file.newer", version=3).say("en")


def test_a_key_no_catalogue_has_shows_itself_and_a_slip_shows_the_text_unfilled() -> None:
    assert Words("no.such.key", n=2).say("fr") == "no.such.key"
    assert Words.counted("no.such.set", 2).say("en") == "no.such.set"
    # A field the text names but the words lack: the text as written, never an exception.
    assert Words("session_file.newer").say("en") == catalogue("en")["session_file.newer"]
    assert "{version}" in Words("session_file.newer").say("fr")


def test_nested_words_and_numbers_are_said_in_the_same_language() -> None:
    big = Words("session_file.too_large_size", size=Num(1.5, 1, grouped=False), limit=Num(1024))
    assert big.say("en").startswith("the file is 1.5 MB, far larger than any team session (at most 1,024 kB)")
    assert big.say("fr").startswith("le fichier fait 1,5 Mo, bien plus que n'importe quelle session d'équipe "
                                    "(au plus 1\u202f024 ko)")
    edited = Words("session_file.edited", detail=Words("session_file.json.value"))
    assert edited.say("en") == "the file is damaged or edited: Expecting value"
    assert edited.say("fr").endswith(": valeur attendue")
    # A list of parts is said part by part and joined.
    assert Words("session_file.edited", detail=["a", Num(2000), "b"]).say("fr").endswith(": a2\u202f000b")


def test_counted_words_agree_with_their_number_in_each_language() -> None:
    def items(n: float, shown: str) -> Words:
        return Words.counted("count.items", n, n=shown)

    assert [items(n, str(n)).say("en") for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]
    assert [items(n, s).say("fr") for n, s in ((0, "0"), (1.5, "1,5"), (2, "2"))] == [
        "0 élément", "1,5 élément", "2 éléments"]


def test_french_punctuation_stays_on_its_line_only_where_asked() -> None:
    plain = Words("session_file.edited", detail="x")
    assert plain.say("fr") == "le fichier est abîmé ou a été modifié : x"
    assert plain.unbroken().say("fr") == f"le fichier est abîmé ou a été modifié{NBSP}: x"
    assert plain.unbroken().say("en") == plain.say("en") == "the file is damaged or edited: x"
    assert words("session_file.edited", detail="x") == plain.unbroken()  # a problem's words are kept so


def test_a_right_to_left_name_is_isolated_so_the_sentence_keeps_its_order() -> None:
    said = Words("workshop.team.bad_name", name="فريق/١").say("en")
    assert said.startswith("`\u2068فريق/١\u2069` is not a usable team name")
    assert Words("workshop.team.bad_name", name="Bleu/1").say("en").startswith("`Bleu/1` is not")


def test_words_compare_by_what_they_say_and_hash_even_holding_a_list() -> None:
    assert Words("session_file.newer", version=3) == Words("session_file.newer", version=3)
    assert Words("session_file.newer", version=3) != Words("session_file.newer", version=4)
    assert Words("session_file.newer", version=3) != Words("session_file.newer", version=3).unbroken()
    assert len({Words("session_file.edited", detail=["a"]), Words("session_file.edited", detail=["a"])}) == 1
    assert isinstance(Words("k"), Sayable) and isinstance(Num(1), Sayable)
    with pytest.raises(AttributeError):
        Words("k").key = "other"  # type: ignore[misc]
