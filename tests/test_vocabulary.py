"""One name for each thing across the tools, in English and French, through the real commands."""

from __future__ import annotations

import argparse
import html
import io
import json
import re
from pathlib import Path

import pytest

from game import i18n, text_ui
from game.cli import main
from game.scenario.scaffold_template_fr import BLOCKS_FR, INLINE_FR
from game.workshop.create import NewWorkshop, create
from game.workshop.fill import fill
from game.workshop.page import render
from game.workshop.report import build

ROOT = Path(__file__).resolve().parent.parent
PARTIE_PRENANTE = re.compile(r"\bparties?\s+prenantes?\b", re.IGNORECASE)


def visible(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_french_says_acteur_for_a_stakeholder_everywhere() -> None:
    french = i18n.catalogue("fr")
    assert sorted(k for k, v in french.items() if PARTIE_PRENANTE.search(v)) == []
    scaffold = "\n".join([*BLOCKS_FR.values(), *INLINE_FR.values()])
    assert not PARTIE_PRENANTE.search(scaffold)
    assert not PARTIE_PRENANTE.search((ROOT / "docs" / "facilitator-guide.fr.md").read_text(encoding="utf-8"))
    # The same words the game screens use.
    assert french["text.situation.stakeholders"].startswith("Acteurs")
    assert french["run.stakeholders"].startswith("Acteurs")
    assert french["problem.expr.a.stakeholder"] == "un acteur"


def test_french_calls_the_support_quantity_adhesion() -> None:
    french = i18n.catalogue("fr")
    # "soutient" (the verb, on the map legend) is fine; the noun for the quantity is "adhésion".
    assert sorted(k for k, v in french.items() if re.search(r"\bsoutiens?\b", v)) == []
    assert "Adhésion" in french["briefing.who_tip"] and "son adhésion au changement" in french["briefing.who_tip"]


def test_validate_names_a_stakeholder_acteur_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    first = re.search(r"^  - id: (\w+)", text.split("\nstakeholders:", 1)[1], re.M)
    assert first is not None
    bad = tmp_path / "double.yaml"
    # The first stakeholder's id given twice.
    second = re.findall(r"^  - id: (\w+)", text.split("\nstakeholders:", 1)[1], re.M)[1]
    bad.write_text(text.replace(f"  - id: {second}\n", f"  - id: {first.group(1)}\n", 1), encoding="utf-8")
    assert main(["validate", str(bad), "--lang", "fr"]) != 0
    out = capsys.readouterr()
    said = " ".join((out.out + out.err).split())
    assert f"l'identifiant d'acteur `{first.group(1)}` est donné deux fois" in said
    assert not PARTIE_PRENANTE.search(said)


def _balance(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code = main(["balance", "tutorial", "--runs", "30", "--policies", "greedy,partner", "--seed", "3", *extra])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_balance_tables_name_policies_and_endings_beside_their_ids(capsys: pytest.CaptureFixture[str]) -> None:
    english = " ".join(_balance(capsys).split())
    assert "greedy (One turn ahead)" in english and "partner (Always partner)" in english
    assert "hub_agreed (Agreed, but not yet open)" in english
    french = _balance(capsys, "--lang", "fr")
    assert "greedy (Un tour d'avance)" in french
    # A long name wraps within its cell; the id stays whole on the first line.
    assert re.search(r"^ partner \(Toujours en\b.*\n\s*partenariat\)", french, re.M)
    assert "hub_agreed (Accepté, mais pas encore ouvert)" in french
    # The policy columns of the endings table carry the names beneath the ids.
    endings = french[french.index("Part des parties atteignant chaque fin"):]
    assert re.search(r"greedy ┃.*\n.*Un tour ┃", endings)


def test_balance_json_keeps_ids_only_and_ignores_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    english, french = json.loads(_balance(capsys, "--json")), json.loads(_balance(capsys, "--json", "--lang", "fr"))
    for data in (english, french):
        data.pop("elapsed_s", None)
    assert english == french
    assert list(english["policies"]) == ["greedy", "partner"]
    dumped = json.dumps(english, ensure_ascii=False)
    assert "One turn ahead" not in dumped and "Agreed, but not yet open" not in dumped


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tutorial with one seat played by the balanced policy and two teams not started."""
    folder = tmp_path_factory.mktemp("vocab") / "atelier"
    w = create(NewWorkshop(folder, str(ROOT / "scenarios" / "tutorial.yaml"), ["Rouge", "Ambre", "Jaune"], seed=5))
    fill(w, "Rouge", "balanced")
    return folder


def test_the_report_joins_a_list_with_and_in_its_language(workshop: Path) -> None:
    from game.workshop.config import load_workshop

    w = load_workshop(workshop)
    french, english = build(w, "fr"), build(w, "en")
    fr_text, en_text = visible(render(french)), visible(render(english))
    assert "Pas encore de session pour : Ambre et Jaune." in fr_text
    assert "No session yet from: Ambre and Jaune." in en_text
    beaten = french.teams[0].policies_beaten
    assert len(beaten) >= 2, "the balanced seat should beat several built-in styles on this seed"
    for report, text, word in ((french, fr_text, "et"), (english, en_text, "and")):
        names = [report.policy_name(p) for p in beaten]
        listed = ", ".join(names[:-1]) + f" {word} " + names[-1]
        assert listed in text, listed
        assert ", ".join(names) not in text


def test_the_report_calls_the_built_in_policies_styles(workshop: Path) -> None:
    from game.workshop.config import load_workshop

    w = load_workshop(workshop)
    fr_text, en_text = visible(render(build(w, "fr"))), visible(render(build(w, "en")))
    assert "Against the built-in styles, on the same luck" in en_text and "vs best style" in en_text
    assert "strateg" not in en_text.lower()
    assert "Face aux styles intégrés, avec la même chance" in fr_text and "Écart au meilleur style" in fr_text
    assert "stratégie" not in fr_text.lower()


def test_the_prediction_question_reads_with_the_turn_word(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    create(NewWorkshop(folder, "tutorial", ["Rouge"], seed=2, predict=True, hide_forecasts=True))
    said = {}
    for lang in ("fr", "en"):
        args = argparse.Namespace(scenario=None, seed=None, load=None, text=True, lang=lang,
                                  workshop=str(folder), team="Rouge")
        out = io.StringIO()
        text_ui.run(args, stdin=io.StringIO(""), stdout=out)  # input ends at the question: saved
        said[lang] = " ".join(out.getvalue().split())
    assert ("Avant de décider : d'ici la fin de ce tour (quinzaine), la confiance que vous accorde "
            "Urgentistes seniors va-t-elle monter, rester stable ou baisser ?") in said["fr"]
    assert "baisser (quinzaine)" not in said["fr"]
    assert ("Before you decide: will the trust of Emergency consultants in you go up, stay the same or go down "
            "this fortnight?") in said["en"]
