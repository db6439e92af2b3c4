"""Reflection questions that follow what the player did: `{ask: ..., when: ...}` in a scenario's debrief."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.scenario.expression_compiler import compile_expression
from game.scenario.expressions import ExpressionError
from game.scenario.loader import ScenarioError, load, validate_path
from game.scenario.player_record import question_names
from game.scenario.schema import Debrief, Question, Scenario
from game.session import Session
from game.session.reflection import record
from game.text_ui.render import Terminal
from game.text_ui.screens import ending
from game.ui import text as ui_text
from game.ui.debrief_html import render
from game.ui.widgets.controls import TextBlock
from tests.sim_support import play_out
from tests.ui_support import desktop

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "system_reform.yaml"

PUSHED = {"en": "You pushed more than you partnered. What did it cost?", "fr": "Vous avez forcé plus que coopéré. À quel prix ?"}
NEVER_FORCED = {"en": "You never forced a decision. What did waiting cost?", "fr": "Vous n'avez jamais tranché en force. Que vous a coûté l'attente ?"}
LAST_TURN = {"en": "The game ran to its last quarter.", "fr": "La partie est allée jusqu'au bout."}
EVERYONE = {"en": "What would you do differently?", "fr": "Que feriez-vous autrement ?"}


def flagship_with(questions: list[object]) -> Scenario:
    """The flagship scenario with these debrief questions (checked by the schema)."""
    scenario = load(FLAGSHIP)
    return scenario.model_copy(update={"debrief": Debrief.model_validate({"questions": questions})})


def play(scenario: Scenario, policy: str, seed: int = 3, lang: str | None = None) -> Session:
    return play_out(Session.new(scenario, seed, lang=lang, autosave=False), policy)


QUESTIONS: list[object] = [
    EVERYONE,
    {"ask": PUSHED, "when": "moves.push > moves.partner"},
    {"ask": NEVER_FORCED, "when": "taken.force_decision == 0"},
    {"ask": LAST_TURN, "when": "turn == turns"},
]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return flagship_with(QUESTIONS)


@pytest.fixture(scope="module")
def forcing(scenario: Scenario) -> Session:
    return play(scenario, "force")


@pytest.fixture(scope="module")
def partnering(scenario: Scenario) -> Session:
    return play(scenario, "partner")


# ---------------------------------------------------------------- the format


def write(tmp_path: Path, debrief_questions: str, name: str = "system_reform") -> Path:
    """The flagship with its debrief questions replaced by ``debrief_questions`` (YAML lines)."""
    text = FLAGSHIP.read_text(encoding="utf-8")
    start = text.index("  questions:\n")
    end = text.index("  facilitator_notes:")
    path = tmp_path / f"{name}.yaml"
    path.write_text(text[:start] + "  questions:\n" + debrief_questions + text[end:], encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def test_the_schema_takes_plain_and_conditional_questions(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "    - A plain question?\n"
        "    - {en: In English?, fr: En français ?}\n"
        "    - ask: {en: Only for pushers?, fr: Seulement pour ceux qui forcent ?}\n"
        "      when: \"moves.push >= 3 and trust.consultants < 0.3\"\n"
        "    - ask: Always, written as an object?\n"
    ))
    questions = load(path).debrief.questions
    assert questions[0] == "A plain question?"
    assert questions[1] == {"en": "In English?", "fr": "En français ?"}
    assert questions[2] == Question(ask={"en": "Only for pushers?", "fr": "Seulement pour ceux qui forcent ?"},
                                    when="moves.push >= 3 and trust.consultants < 0.3")
    assert isinstance(questions[3], Question) and questions[3].when is None


def test_the_old_plain_list_keeps_its_fingerprint() -> None:
    # A scenario without conditional questions dumps as it did, so saves and workshops still recognise it.
    scenario = flagship_with(["One?", {"en": "Two?", "fr": "Deux ?"}])
    assert scenario.model_dump(mode="json")["debrief"]["questions"] == ["One?", {"en": "Two?", "fr": "Deux ?"}]


def test_a_misspelt_key_is_named_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "    - ask: Did it work?\n      wen: \"turn > 3\"\n")
    line = path.read_text(encoding="utf-8").splitlines().index('      wen: "turn > 3"') + 1
    assert problems_of(path) == [f"{path}:{line}:7: error: unknown key `wen` (did you mean `when`?)"]


def test_a_bad_condition_is_reported_at_the_offending_part(tmp_path: Path) -> None:
    path = write(tmp_path, "    - ask: Did it work?\n      when: \"trust.consultants < 0.3 and taken.forse_decision > 1\"\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "forse_decision" in text)
    col = lines[line - 1].index("taken.forse") + 1
    found = problems_of(path)
    assert found == [f"{path}:{line}:{col}: error: debrief question 1, `when`: `taken.forse_decision`: "
                     "there is no action `forse_decision` (did you mean `force_decision`?)"]


def test_a_misspelt_record_name_gets_a_suggestion() -> None:
    names = question_names(load(FLAGSHIP))
    with pytest.raises(ExpressionError) as caught:
        compile_expression("taaken.force_decision >= 2", names)
    assert caught.value.offset == 0 and caught.value.message.endswith("(did you mean `taken`?)")
    with pytest.raises(ExpressionError) as caught:
        compile_expression("moves.pushes > 2", names)
    assert caught.value.message == "`moves.pushes`: there is no kind of move `pushes` (did you mean `push`?)"


def test_the_players_record_is_for_shown_texts_only(tmp_path: Path) -> None:
    text = FLAGSHIP.read_text(encoding="utf-8").replace(
        'when: "trust.acute_board < 0.15 or flag.board_warning >= 2"',
        'when: "trust.acute_board < 0.15 or moves.push >= 20"')
    path = tmp_path / "system_reform.yaml"
    path.write_text(text, encoding="utf-8")
    [found] = problems_of(path)
    assert "ending `removed_by_board`, `when`: `moves.push` reads what the player did, which only a single " \
           "game keeps, so only the `when` of a text the game shows (a hint, a pause question, an ending's " \
           "variant, a debrief question) may use it" in found
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: error", found)


def test_a_question_reading_an_unset_flag_is_warned_about(tmp_path: Path) -> None:
    path = write(tmp_path, "    - ask: {en: Leak?, fr: Fuite ?}\n      when: \"flag.press_leak == 1\"\n")
    found = [str(p) for p in validate_path(path).problems]
    assert any("debrief question 1 reads `flag.press_leak`, but no effect ever sets it" in p for p in found)


def test_twenty_one_questions_are_too_many(tmp_path: Path) -> None:
    path = write(tmp_path, "".join(f"    - ask: Question {i}?\n      when: \"turn > 1\"\n" for i in range(21)))
    assert any("may have at most 20 items (has 21)" in p for p in problems_of(path))


def test_translations_cover_the_conditional_questions(tmp_path: Path) -> None:
    path = write(tmp_path, "    - ask: {en: Only in English?}\n      when: \"moves.push > 2\"\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "Only in English" in text)
    found = [str(p) for p in validate_path(path).problems]
    assert f"{path}:{line}:12: warning: this text has no `fr` translation" in found


def test_a_question_may_be_kept_in_its_own_file(tmp_path: Path) -> None:
    (tmp_path / "q.en.md").write_text("Kept in a file?\n", encoding="utf-8")
    (tmp_path / "plain.md").write_text("A plain one from a file?\n", encoding="utf-8")
    path = write(tmp_path, (
        "    - ask: {en: {file: q.en.md}, fr: Dans un fichier ?}\n"
        "      when: \"turn > 1\"\n"
        "    - {file: plain.md}\n"
    ))
    questions = load(path).debrief.questions
    assert questions[0] == Question(ask={"en": "Kept in a file?", "fr": "Dans un fichier ?"}, when="turn > 1")
    assert questions[1] == "A plain one from a file?"


def test_the_shipped_scenarios_ask_conditional_questions_in_both_languages() -> None:
    for name, least in (("system_reform", 3), ("european_merger", 2)):
        scenario = load(ROOT / "scenarios" / f"{name}.yaml")
        conditional = [q for q in scenario.debrief.questions if isinstance(q, Question) and q.when]
        assert least <= len(conditional) <= 8  # a question that presumes an event is asked only if it came
        for q in conditional:
            assert isinstance(q.ask, dict) and q.ask.get("en") and q.ask.get("fr")


# ---------------------------------------------------------------- which questions a game gets


def test_a_game_that_meets_a_condition_gets_its_question_first(forcing: Session) -> None:
    counts = forcing.stance_counts()
    assert counts.push > counts.partner
    assert forcing.questions[0] == PUSHED["en"]
    assert NEVER_FORCED["en"] not in forcing.questions
    assert forcing.questions[-1] == EVERYONE["en"]


def test_a_game_that_does_not_meet_it_never_sees_it(partnering: Session) -> None:
    assert all(d.action != "force_decision" for turn in partnering.log for d in turn.decisions)
    assert PUSHED["en"] not in partnering.questions
    assert partnering.questions[0] == NEVER_FORCED["en"]
    assert partnering.questions[-1] == EVERYONE["en"]


def test_turn_in_a_question_is_the_last_turn_played(forcing: Session, partnering: Session) -> None:
    # Read as an ending's condition is: a game that ran its length ends on turn == turns.
    for session in (forcing, partnering):
        ran_full = len(session.history) == session.scenario.meta.turns
        assert (LAST_TURN["en"] in session.questions) == ran_full
        assert ran_full or session.ending is not None


def test_the_record_counts_actions_stances_choices_and_the_ending(forcing: Session) -> None:
    found = record(forcing.scenario, forcing.log, forcing.ending.id if forcing.ending else None)
    taken = sum(1 for turn in forcing.log for d in turn.decisions if d.action == "force_decision")
    assert found.get(("taken", "force_decision"), 0.0) == taken > 0
    counts = forcing.stance_counts()
    assert (found.get(("moves", "push"), 0.0), found.get(("moves", "partner"), 0.0)) == (counts.push, counts.partner)
    answered = [(e, i) for turn in forcing.log for e, i in turn.choices.items()]
    assert answered, "the forcing game answered some event"
    event, index = answered[-1]
    assert found[("chose", event)] == index + 1
    assert forcing.ending is not None and found[("ending", forcing.ending.id)] == 1.0
    assert [k for k in found if k[0] == "ending"] == [("ending", forcing.ending.id)]


def test_the_ending_and_a_choice_can_pick_a_question() -> None:
    first = play(flagship_with([EVERYONE]), "force")
    assert first.ending is not None
    answered = [(e, i) for turn in first.log for e, i in turn.choices.items()]
    event, index = answered[0]
    other = next(e.id for e in first.scenario.endings if e.id != first.ending.id)
    scenario = flagship_with([
        {"ask": "Right ending", "when": f"ending.{first.ending.id} == 1"},
        {"ask": "Wrong ending", "when": f"ending.{other}"},
        {"ask": "Right choice", "when": f"chose.{event} == {index + 1}"},
        {"ask": "Other choice", "when": f"chose.{event} == {index + 2}"},
        EVERYONE,
    ])
    assert play(scenario, "force").questions == ["Right ending", "Right choice", EVERYONE["en"]]


def test_when_nothing_applies_the_games_own_question_is_asked() -> None:
    session = play(flagship_with([{"ask": "Never", "when": "false"}]), "balanced")
    assert session.questions == ["What would you do differently, and why?"]
    french = play(flagship_with([{"ask": "Never", "when": "false"}]), "balanced", lang="fr")
    assert french.questions == ["Que feriez-vous autrement, et pourquoi\u00a0?"]


def test_french_players_read_the_french_question(scenario: Scenario) -> None:
    french = play(scenario, "force", lang="fr")
    assert french.questions[0] == PUSHED["fr"]
    assert french.questions[-1] == EVERYONE["fr"]


def test_a_save_made_before_conditional_questions_loads_and_asks_them(tmp_path: Path) -> None:
    # The flagship as it was: only plain questions (so another fingerprint), played to the end and saved.
    data = yaml.safe_load(FLAGSHIP.read_text(encoding="utf-8"))
    data["debrief"]["questions"] = [q for q in data["debrief"]["questions"] if "ask" not in q]
    old = tmp_path / "system_reform.yaml"
    old.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = play(load(old), "force")
    assert not any(q == PUSHED["en"] for q in before.questions)
    before.save(tmp_path / "old.json")
    now = load(FLAGSHIP)
    loaded = Session.load(tmp_path / "old.json", now, source_path=FLAGSHIP, autosave=False)
    assert loaded.is_over and loaded.score == pytest.approx(before.score)
    pushed = next(q for q in now.debrief.questions if isinstance(q, Question) and q.when == "moves.push > moves.partner")
    assert isinstance(pushed.ask, dict)
    assert loaded.stance_counts().push > loaded.stance_counts().partner
    assert pushed.ask["en"] in loaded.questions
    conditional = {loaded.names.text(q.ask) for q in now.debrief.questions if isinstance(q, Question) and q.when}
    assert loaded.questions[0] in conditional
    plain = [q for q in now.debrief.questions if not isinstance(q, Question)]
    assert loaded.questions[-len(plain):] == [loaded.names.text(q) for q in plain]


# ---------------------------------------------------------------- where questions are shown


def test_the_web_page_lists_the_games_questions_in_order(forcing: Session) -> None:
    page = render(forcing, [], None)
    items = re.findall(r"<li>([^<]*)</li>", page[page.index("<ol>"):])
    assert items[: len(forcing.questions)] == forcing.questions
    assert NEVER_FORCED["en"] not in page


def test_the_terminal_ending_numbers_the_games_questions_first(forcing: Session) -> None:
    assert forcing.ending is not None
    counts = forcing.stance_counts()
    lines = ending(forcing.ending, forcing.questions, counts.partner, counts.push, Terminal(colour=False, width=200))
    numbered = [line for line in lines if re.match(r" ?\d+\. ", line)]
    assert numbered[0] == f" 1. {PUSHED['en']}"
    assert numbered[-1] == f" {len(forcing.questions)}. {EVERYONE['en']}"
    assert not any(NEVER_FORCED["en"] in line for line in lines)


@pytest.mark.slow
@pytest.mark.usefixtures("user_home")
def test_the_desktop_debrief_shows_the_conditional_question_first() -> None:
    with desktop(["system_reform", "--seed", "3", "--size", "1280x720", "--lang", "fr", "--autoplay", "force"]) as h:
        h.run_until(lambda x: x.screen.name == "debrief", 100_000)
        h.app.autoplay = None
        h.app.draw()
        session = h.app.play.session  # type: ignore[union-attr]
        assert session is not None
        first = session.questions[0]
        scenario = session.scenario
        conditional = [session.names.text(q.ask) for q in scenario.debrief.questions if isinstance(q, Question) and q.when]
        assert first in conditional
        blocks = [w for w in h.screen.group.widgets if isinstance(w, TextBlock)]
        shown = [w for w in blocks if w.body == f"1. {first}"]
        assert len(shown) == 1
        block = shown[0]
        # Whole (not cut at the panel's foot), on screen, and clear of every other text.
        assert ui_text.wrapped_height(block.body, h.screen.theme.font(block.role), block.rect.width) <= block.rect.height
        assert h.app.surface.get_rect().contains(block.rect)
        assert not any(w is not block and w.rect.colliderect(block.rect) for w in blocks)
