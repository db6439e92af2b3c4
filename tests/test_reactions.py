"""Stakeholders' voices: reactions checked at their positions, chosen by what happened, the game's own lines
when a scenario writes none, in the player's language, the same for the same seed and moves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.faces import mood_of
from game.i18n import catalogue
from game.scenario import loader
from game.scenario.schema import Scenario
from game.session import Session
from game.session.reactions import MOST, PRIORITY, triggers
from game.session.views import Snapshot
from game.sim.decisions import Decision

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yaml"

GOOD = """
reactions:
  - who: acute_trust
    trigger: engaged
    text: {en: Good to be asked., fr: Merci de nous consulter.}
  - who: council
    trigger: answered
    event: EVENT
    when: "chose.EVENT == 1 and trust.council > 0"
    text: Noted.
"""


def with_reactions(block: str) -> str:
    base = FIXTURE.read_text(encoding="utf-8")
    event = re.search(r"^events:\n  - id: (\w+)", base, re.M)
    assert event is not None
    return base.rstrip("\n") + "\n" + block.replace("EVENT", event.group(1))


def test_a_scenario_with_reactions_is_valid() -> None:
    result = loader.validate_text(with_reactions(GOOD), "minimal.yaml")
    assert result.ok, [str(p) for p in result.problems]
    assert result.scenario is not None and len(result.scenario.reactions) == 2


@pytest.mark.parametrize(("block", "said", "where"), [
    ("  - who: acute_trus\n    trigger: engaged\n    text: Hi.\n", "stakeholder `acute_trus`, which is not defined", "who"),
    ("  - who: council\n    trigger: answered\n    event: nothing_here\n    text: Hi.\n", "event `nothing_here`", "event"),
    ("  - who: council\n    trigger: engaged\n    event: EVENT\n    text: Hi.\n", "only `trigger: answered` reads it", "event"),
    ("  - who: council\n    trigger: engaged\n    when: \"trust.council >\"\n    text: Hi.\n", "reaction 1, `when`", "when"),
    ("  - who: council\n    trigger: engaged\n    when: \"taken.no_such_action > 0\"\n    text: Hi.\n", "no_such_action", "when"),
    ("  - who: council\n    trigger: waved\n    text: Hi.\n", "waved", "trigger"),
])
def test_a_broken_reaction_is_reported_at_its_place(block: str, said: str, where: str) -> None:
    text = with_reactions("reactions:\n" + block)
    result = loader.validate_text(text, "minimal.yaml")
    found = [p for p in result.problems if said in str(p)]
    assert found, [str(p) for p in result.problems]
    lines = text.splitlines()
    line = next(i for i, x in enumerate(lines, start=1) if x.strip().removeprefix("- ").startswith(f"{where}:") and i > lines.index("reactions:"))
    assert found[0].line == line, (str(found[0]), line)
    assert found[0].column > 1


def test_a_scenario_without_reactions_dumps_as_before() -> None:
    """Saves and workshop files keep a scenario's content hash: an absent section is not dumped."""
    sc = loader.load(FIXTURE)
    dumped = sc.model_dump(mode="json")
    assert "reactions" not in dumped
    assert all("portrait" not in s for s in dumped["stakeholders"])
    with_some = loader.load_text(with_reactions(GOOD), "minimal.yaml")
    assert "reactions" in with_some.model_dump(mode="json")


def play(sc: Scenario, seed: int, lang: str = "en", style: str = "balanced", turns: int = 99) -> list[list[tuple[str, str, str, str]]]:
    """Every turn's lines: (who, on, mood, text)."""
    session = Session.new(sc, seed, autosave=False, lang=lang)
    said = []
    while not session.is_over and len(session.history) < turns:
        session.play_turn(session.suggest(style))
        while session.pending_event() is not None:
            session.choose(session.suggest_choice(style))
        said.append([(r.who, r.trigger, r.mood, r.text) for r in session.reactions()])
    return said


def start(sc: Scenario) -> Snapshot:
    """The numbers a game starts from, as far as the triggers read them."""
    return Snapshot(trust={s.id: s.trust for s in sc.stakeholders}, support={s.id: s.support for s in sc.stakeholders},
                    grievance={}, blocked={}, red_line={s.id: "unknown" if s.red_line > 0 else "" for s in sc.stakeholders},
                    progress={}, metrics={}, flags={}, score=0.0)


def test_the_games_own_lines_fit_what_happened_and_the_speakers_mood() -> None:
    """A scenario that writes no reactions hears the catalogue's lines, by trigger and mood."""
    sc = loader.load(ROOT / "scenarios" / "system_reform.yaml").model_copy(update={"reactions": []})
    english = catalogue("en")
    seen_triggers: set[str] = set()
    for style in ("force", "partner", "balanced"):
        for seed in range(6):
            session = Session.new(sc, seed, autosave=False, lang="en")
            while not session.is_over:
                before = session.history[-1].after if session.history else start(sc)
                session.play_turn(session.suggest(style))
                while session.pending_event() is not None:
                    session.choose(session.suggest_choice(style))
                record = session.history[-1]
                fired = triggers(sc, record, before)
                lines = session.reactions()
                assert len(lines) <= MOST
                assert len({r.who for r in lines}) == len(lines)
                assert len({r.text for r in lines}) == len(lines)
                ranks = [PRIORITY.index(r.trigger) for r in lines]
                assert ranks == sorted(ranks)
                for r in lines:
                    seen_triggers.add(r.trigger)
                    assert r.index == -1 and r.key in english
                    assert r.trigger in fired[r.who] and r.trigger not in ("turn", "decided")
                    after = record.after
                    mood = mood_of(after.trust[r.who], after.support[r.who], r.who in record.blocked)
                    assert r.mood == mood
                    if r.trigger != "blocked":
                        assert r.key == f"reaction.{r.trigger}.{mood}"
                    assert r.text == english[r.key]
    assert {"blocked", "overruled", "engaged"} <= seen_triggers


def test_dropping_a_change_is_answered_by_those_it_touched() -> None:
    full = loader.load(ROOT / "scenarios" / "system_reform.yaml")
    stroke = next(p for p in full.programmes if p.id == "stroke_surgery")
    for sc, written in ((full, True), (full.model_copy(update={"reactions": []}), False)):
        session = Session.new(sc, 3, autosave=False, lang="en")
        for _ in range(2):
            session.play_turn(session.suggest("balanced"))
            while session.pending_event() is not None:
                session.choose(session.suggest_choice("balanced"))
        before = session.history[-1].after
        session.play_turn([Decision("drop_change", "stroke_surgery")])
        fired = triggers(sc, session.history[-1], before)
        assert {sid for sid, said in fired.items() if "dropped" in said} == set(stroke.affects)
        while session.pending_event() is not None:
            session.choose(session.suggest_choice("balanced"))
        lines = [r for r in session.reactions() if r.trigger == "dropped"]
        assert lines and all(r.who in stroke.affects for r in lines)
        if written:
            assert any("stroke plan off the table" in r.text or "theatres" in r.text for r in lines)
        else:
            assert all(r.key.startswith("reaction.dropped.") for r in lines)


def test_the_same_seed_and_moves_say_the_same_lines() -> None:
    sc = loader.load(ROOT / "scenarios" / "european_merger.yaml")
    assert play(sc, 5, style="force") == play(sc, 5, style="force")
    assert any(play(sc, 5, style="force"))


def test_lines_are_said_in_the_players_language() -> None:
    sc = loader.load(ROOT / "scenarios" / "tutorial.yaml")
    english = play(sc, 2, "en", "force")
    french = play(sc, 2, "fr", "force")
    assert [[(w, o) for w, o, _, _ in turn] for turn in english] == [[(w, o) for w, o, _, _ in turn] for turn in french]
    pairs = [(e[3], f[3]) for te, tf in zip(english, french, strict=True) for e, f in zip(te, tf, strict=True)]
    assert pairs and all(e != f for e, f in pairs)
    bare = sc.model_copy(update={"reactions": []})
    said = [line for turn in play(bare, 2, "fr", "force") for line in turn]
    french_texts = set(catalogue("fr").values())
    assert said and all(text in french_texts for _, _, _, text in said)


def test_no_line_before_the_first_turn_nor_while_an_event_waits() -> None:
    sc = loader.load(ROOT / "scenarios" / "system_reform.yaml")
    session = Session.new(sc, 1, autosave=False, lang="en")
    assert session.reactions() == []
    for _ in range(12):
        session.play_turn(session.suggest("balanced"))
        if session.pending_event() is not None:
            assert session.reactions() == []
            return
        if session.is_over:
            break
    pytest.skip("no event came in this game")


def test_every_shipped_reaction_has_english_and_french() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        sc = loader.load(path)
        for i, reaction in enumerate(sc.reactions):
            assert isinstance(reaction.text, dict) and set(reaction.text) >= {"en", "fr"}, (path.stem, i)
