"""Why an action is not available, in plain words: every shipped condition, both languages,
numbers as the player reads them, the author's own words, and the fallback."""

from __future__ import annotations

import argparse
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from game import text_ui
from game.scenario.expressions import parse
from game.scenario.loader import load
from game.scenario.phrasing import Lookup, describe, unavailable_reason
from game.scenario.schema import Scenario
from game.session.playthrough import Session
from game.ui import text as ui_text
from game.ui.harness import Harness

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
LANGS = ("en", "fr")
# What a condition looks like to a programmer, never to a player.
RAW = re.compile(r"\b(trust|support|power|progress|flag|metric|blocked)\.|>=|<=|==|!=|[<>]|\btarget\b|\breason\.|[{}]")


@pytest.fixture(scope="module")
def reform() -> Scenario:
    return load(ROOT / "scenarios" / "system_reform.yaml")


def lookup(values: dict[tuple[str, str], float]) -> Lookup:
    return lambda namespace, key: values.get((namespace, key))


def every_target(scenario: Scenario, kind: str) -> list[str | None]:
    if kind == "stakeholder":
        return [s.id for s in scenario.stakeholders]
    if kind == "programme":
        return [p.id for p in scenario.programmes]
    return [None]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_shipped_condition_reads_as_plain_words_in_both_languages(path: Path) -> None:
    sc = load(path)
    conditions = [a for a in sc.actions if a.available]
    assert conditions, "each shipped scenario has at least one condition to phrase"
    # Values that make every part of every shipped condition fail, so each part is shown.
    failing = lookup({(ns, s.id): v for s in sc.stakeholders for ns, v in (("trust", 0.1), ("support", 0.9), ("power", 0.1))}
                     | {("progress", p.id): 0.0 for p in sc.programmes} | {("", "turn"): 1.0, ("flag", "change_dropped"): 1.0})
    for action in conditions:
        for lang in LANGS:
            fallback = describe("mean(trust) > 2", sc, lang).split("(")[0]
            for target in every_target(sc, action.target):
                for values in (None, failing):
                    words = unavailable_reason(action, sc, lang, target=target, values=values)
                    assert not RAW.search(words), f"{action.id} ({lang}): {words}"
                    assert fallback not in words, f"{action.id} fell back: {words}"
                    if values is not None and "turn" not in action.available:
                        assert re.search("\\d\u00a0%\\)$" if lang == "fr" else r"\d%\)$", words), words


def test_a_named_stakeholder_reads_with_percentages_and_where_things_stand(reform: Scenario) -> None:
    now = lookup({("trust", "regulator"): 0.283})
    assert describe("trust.regulator >= 0.35", reform, "en", values=now) == (
        "Safe Care Inspectorate's trust in you must be 35% or more (now 28%)"
    )
    assert describe("trust.regulator >= 0.35", reform, "en") == "Safe Care Inspectorate's trust in you must be 35% or more"
    assert describe("trust.regulator >= 0.35", reform, "fr", values=now) == (
        "la confiance en vous (Inspection de la sécurité des soins) doit être d'au moins 35\u00a0% (actuellement 28\u00a0%)"
    )


def test_comparisons_read_the_same_either_way_round_and_negated(reform: Scenario) -> None:
    for lang in LANGS:
        forward = describe("support.consultants < 0.45", reform, lang)
        assert describe("0.45 > support.consultants", reform, lang) == forward
        assert describe("not (support.consultants >= 0.45)", reform, lang) == forward
    assert describe("support.consultants < 0.45", reform, "en") == (
        "Hospital consultants' support for the change must be below 45%"
    )


def test_a_value_that_rounds_to_the_threshold_gets_more_digits(reform: Scenario) -> None:
    words = describe("trust.regulator >= 0.35", reform, "en", values=lookup({("trust", "regulator"): 0.347}))
    assert words.endswith("35% or more (now 34.7%)")
    words = describe("trust.regulator >= 0.35", reform, "fr", values=lookup({("trust", "regulator"): 0.347}))
    assert words.endswith("35\u00a0% (actuellement 34,7\u00a0%)")


def test_and_names_only_what_is_still_missing(reform: Scenario) -> None:
    condition = "turn >= 3 and flag.change_dropped == 0"
    assert describe(condition, reform, "en") == (
        "you must wait until Quarter 3 and the “change dropped” flag must not be set"
    )
    early = lookup({("", "turn"): 1.0, ("flag", "change_dropped"): 0.0})
    assert describe(condition, reform, "en", values=early) == "you must wait until Quarter 3 (now Quarter 1)"
    dropped = lookup({("", "turn"): 5.0, ("flag", "change_dropped"): 1.0})
    assert describe(condition, reform, "en", values=dropped) == "the “change dropped” flag must not be set"
    assert describe(condition, reform, "fr", values=dropped) == "l'indicateur «\u00a0change dropped\u00a0» ne doit pas être activé"


def test_or_and_not_of_a_group_follow_the_logic(reform: Scenario) -> None:
    assert describe("not (turn >= 3 or flag.crisis)", reform, "en") == (
        "it is only possible before Quarter 3 and the “crisis” flag must not be set"
    )
    assert describe("trust.regulator > 0.5 or turn > turns - 2", reform, "en") == (
        "Safe Care Inspectorate's trust in you must be above 50% or you must wait until after Quarter 10"
    )


def test_a_bound_target_is_named_and_an_unbound_one_is_described(reform: Scenario) -> None:
    tackle = next(a for a in reform.actions if a.id == "tackle_resister")
    assert unavailable_reason(tackle, reform, "en") == (
        "the stakeholder's support for the change must be below 55% and the stakeholder's power must be 30% or more"
    )
    values = lookup({("support", "acute_board"): 0.62, ("power", "acute_board"): 0.9})
    assert unavailable_reason(tackle, reform, "en", target="acute_board", values=values) == (
        "Kestrel Vale Hospitals board's support for the change must be below 55% (now 62%)"
    )
    pause = next(a for a in reform.actions if a.id == "pause_programme")
    assert unavailable_reason(pause, reform, "fr") == "l'avancement du programme doit dépasser 5\u00a0%"


def test_metrics_carry_their_units(reform: Scenario) -> None:
    money = lookup({("metric", "finance"): -12.34})
    assert describe("metric.finance < -15", reform, "en", values=money) == (
        "Financial balance must be below −£15m (now −£12m)"
    )
    assert describe("metric.access_4h >= 76", reform, "en") == "Seen within 4 hours must be 76% or more"
    assert describe("metric.delayed_discharges <= 40", reform, "en").endswith("40 patients a day or less")


@pytest.mark.parametrize("condition", ["mean(trust) > 0.4", "trust.regulator > trust.acute_board",
                                       "trust.regulator * 2 > 1", "count(support < 0.3) >= 2"])
def test_what_cannot_be_phrased_falls_back_to_the_condition_itself(reform: Scenario, condition: str) -> None:
    assert describe(condition, reform, "en") == f"this scenario's conditions for it are not met yet ({condition})"
    assert describe(condition, reform, "fr") == (
        f"les conditions que le scénario pose ne sont pas encore remplies ({condition})"
    )


def test_the_parse_result_can_be_given_instead_of_the_text(reform: Scenario) -> None:
    assert describe(parse("turn >= 3"), reform, "en") == describe("turn >= 3", reform, "en")


def with_override(tmp_path: Path) -> Path:
    data: dict[str, Any] = yaml.safe_load((ROOT / "scenarios" / "system_reform.yaml").read_text(encoding="utf-8"))
    data.pop("expectations", None)
    for action in data["actions"]:
        if action["id"] == "drop_change":
            action["unavailable_text"] = {"en": "too soon to give up.", "fr": "trop tôt pour renoncer"}
    path = tmp_path / "override.yaml"
    data["meta"]["id"] = "override"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_the_authors_words_win(tmp_path: Path, reform: Scenario) -> None:
    sc = load(with_override(tmp_path))
    drop = next(a for a in sc.actions if a.id == "drop_change")
    assert unavailable_reason(drop, sc, "en", values=lookup({("", "turn"): 1.0})) == "too soon to give up"
    assert unavailable_reason(drop, sc, "fr") == "trop tôt pour renoncer"
    session = Session.new(sc, 1, autosave=False, lang="fr")
    option = next(o for o in session.options() if o.action == "drop_change")
    assert (option.why_not, option.why_not_action) == ("trop tôt pour renoncer", "trop tôt pour renoncer")
    # Without it, the condition is phrased.
    plain = Session.new(reform, 1, autosave=False)
    option = next(o for o in plain.options() if o.action == "drop_change")
    assert option.why_not_action == "you must wait until Quarter 3 (now Quarter 1)"


def test_the_override_is_dumped_only_when_given_so_content_hashes_stay_put(tmp_path: Path, reform: Scenario) -> None:
    # Saves and workshop files keep a hash of the dumped scenario: an absent override adds nothing to it.
    assert all("unavailable_text" not in a for a in reform.model_dump(mode="json", by_alias=True)["actions"])
    given = load(with_override(tmp_path)).model_dump(mode="json", by_alias=True)["actions"]
    assert [a["unavailable_text"]["fr"] for a in given if "unavailable_text" in a] == ["trop tôt pour renoncer"]


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Sorry: Drop the change is not available: you must wait until Quarter 3 (now Quarter 1)."),
    ("fr", "Désolé : Renoncer au changement n'est pas disponible : il faut attendre le trimestre 3 "
           "(actuellement trimestre 1)."),
])
def test_the_terminal_game_says_why_when_an_unavailable_action_is_picked(user_home: Path, lang: str, expected: str) -> None:
    args = argparse.Namespace(scenario=str(ROOT / "scenarios" / "system_reform.yaml"), seed=1, load=None, lang=lang)
    out = io.StringIO()
    assert text_ui.run(args, io.StringIO("11\nq\n"), out) == 0
    shown = " ".join(out.getvalue().split())
    assert expected in shown
    assert "turn >=" not in shown and "flag." not in shown


@pytest.fixture
def painted_words(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts a tooltip card lays out (the real layout runs; this only listens)."""
    seen: list[str] = []
    real = ui_text.wrap_directed

    def listening(words: str, *rest: Any, **named: Any) -> Any:
        seen.append(words)
        return real(words, *rest, **named)

    monkeypatch.setattr(ui_text, "wrap_directed", listening)
    yield seen
    pygame.quit()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Not available: you must wait until Quarter 3 (now Quarter 1)."),
    ("fr", "Indisponible\u00a0: il faut attendre le trimestre 3 (actuellement trimestre 1)."),
])
def test_the_desktop_card_says_why_in_the_players_language(
    user_home: Path, painted_words: list[str], lang: str, expected: str
) -> None:
    h = Harness(["system_reform", "--seed", "1", "--lang", lang])
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    for _ in range(5):  # the card may be on a later page of actions
        if h.widget("action:drop_change") is not None:
            break
        h.key(pygame.K_PAGEDOWN)
    card = h.widget("action:drop_change")
    assert card is not None and not card.enabled
    assert callable(card.tooltip)
    width = h.app.theme.px(360)
    surface = card.tooltip(h.app.theme, width)
    assert surface.get_width() == width
    assert expected in painted_words
    h.close()
