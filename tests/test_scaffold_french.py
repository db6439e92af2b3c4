"""`shove new --lang fr`: the scaffold's comments in French, its scenario unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.scenario.loader import validate_text
from game.scenario.scaffold import localised, scenario_text
from game.scenario.scaffold_template import TEMPLATE
from game.scenario.scaffold_template_fr import BLOCKS_FR, INLINE_FR


def test_french_scaffold_has_french_comments_and_validates(tmp_path: Path) -> None:
    assert main(["new", "essai", "--dir", str(tmp_path), "--lang", "fr"]) == 0
    text = (tmp_path / "essai.yaml").read_text(encoding="utf-8")
    assert "# Ce fichier a été écrit par `shove new`" in text
    assert "# --- stakeholders : les acteurs" in text
    assert "memory: 1.5       # un coup hostile laisse une marque plus profonde" in text
    assert "This file was written" not in text and "Trust grows slowly" not in text
    result = validate_text(text, "essai.yaml")
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert main(["validate", "--strict", str(tmp_path / "essai.yaml")]) == 0


def test_french_comments_leave_the_scenario_data_identical() -> None:
    english = yaml.safe_load(scenario_text("essai"))
    french = yaml.safe_load(scenario_text("essai", lang="fr"))
    assert french == english


def test_english_scaffold_is_the_template_untouched(tmp_path: Path) -> None:
    assert localised(TEMPLATE, "en") == TEMPLATE
    assert main(["new", "essai", "--dir", str(tmp_path), "--lang", "en"]) == 0
    text = (tmp_path / "essai.yaml").read_text(encoding="utf-8")
    assert text == scenario_text("essai")
    assert "# This file was written by `shove new`" in text


def test_every_comment_of_the_template_has_french() -> None:
    firsts = []
    previous_was_comment = False
    for line in TEMPLATE.splitlines():
        is_comment = line.lstrip().startswith("#")
        if is_comment and not previous_was_comment:
            firsts.append(line.lstrip())
        previous_was_comment = is_comment
    assert sorted(firsts) == sorted(BLOCKS_FR)
    french = localised(TEMPLATE, "fr")
    assert all(text in french for text in INLINE_FR.values())


def test_a_comment_without_french_is_refused() -> None:
    with pytest.raises(KeyError, match="A new note"):
        localised(TEMPLATE + "# A new note.\n", "fr")


def test_a_french_author_reads_balance_without_gender_slips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "essai", "--dir", str(tmp_path), "--lang", "fr"]) == 0
    capsys.readouterr()
    assert main(["balance", str(tmp_path / "essai.yaml"), "--runs", "40", "--lang", "fr"]) == 0
    out = " ".join(capsys.readouterr().out.replace("\u00a0", " ").split())
    assert "Équilibre : essai" in out
    # An empty list is "néant" whatever the gender of what it lists (never "Fins … : aucun").
    assert "Actions jamais choisies : néant" in out and "choisies : aucun" not in out
