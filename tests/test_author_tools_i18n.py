"""`shove balance` and `shove test` in the author's language, with `--json` the same in every language.

A French author gets French tables, a French web page (headings, chart words,
decimal commas, « 42 % ») and French test results, with no English fixed words
left; the JSON that tools read does not change with the language.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from game.analysis.balance import balance
from game.analysis.balance_warnings import findings, word
from game.analysis.expectations import CheckResult
from game.analysis.stats import Interval
from game.cli import main
from game.i18n.numbers import count, number, percent
from game.scenario import loader
from game.scenario.schema import Bounds
from tests.test_balance_cli import SMALL
from tests.test_workshop_i18n import visible_text

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
NBSP = "\u00a0"

# The balance tables' and the page's fixed English words: none may be left in French output.
ENGLISH = (
    "Balance of", "Balance report", "Outcomes by policy", "Policy", "Success", "Partial", "Failure", "Mean score",
    "Share of runs", "Ending", "Coverage", "Events never fired", "Endings never reached", "Actions never chosen",
    "Metrics that never move", "Decisions against luck", "Warnings", "No warnings", "warning", "warnings",
    "Sensitivity", "Input", "Low / high", "Swing", "per policy", "runs per variant", "seed", "smaller effects",
    "Cells", "Not varied", "Left out", "never fires", "fires in every", "Nobody reaches", "The metric",
    "The event", "best policy", "worst", "What to look at first", "most important first", "Which endings",
    "Class", "What it is", "Lowered / raised to", "largest effects", "What moves", "share of runs",
    "final score", "change in success rate", "input lowered", "input raised", "faint", "median", "mean",
    "Median", "took", "policies", "To make this report again", "Each built-in policy", "games", "Not once",
    "standard deviation", "times", "none", "initial trust", "initial support", "Trust gained",
)
# The test results' fixed English words.
ENGLISH_TEST = (
    "PASS", "FAIL", "UNSURE", "ERROR", "success rate", "failure rate", "mean score", "share ending at",
    "interval", "runs", "expected", "at least", "at most", "why it matters", "too close", "passed", "failed",
    "unsure", "without expectations", "unreadable", "Each bound", "cannot read", "no such file",
    "no expectations",
)
DECIMAL_COMMA_PERCENT = re.compile(rf"\d,\d{NBSP}%")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("small") / "small_change.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def french_tables(small: Path) -> str:
    code, out, err = _run(["balance", str(small), "--runs", "60", "--policies", "partner,force,balanced",
                           "--sensitivity", "--lang", "fr"])
    assert code == 0 and err == ""
    return out


@pytest.fixture(scope="module")
def french_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    page = tmp_path_factory.mktemp("page") / "equilibre.html"
    code, out, _ = _run(["balance", str(TUTORIAL), "--runs", "40", "--policies", "partner,force,balanced",
                         "--sensitivity", "--lang", "fr", "--html", str(page)])
    assert code == 0 and f"Page web écrite dans {page.resolve()}" in out
    return page.read_text(encoding="utf-8")


def test_french_tables_have_french_headings_and_numbers(french_tables: str) -> None:
    for heading in ("Équilibre : small_change", "Résultats par stratégie", "Part des parties atteignant chaque fin",
                    "Couverture", "Fins jamais atteintes : ousted (Ousted), miracle (A miracle)", "Décisions face à la chance",
                    "Alertes (", "Sensibilité : ce qui fait le plus bouger les résultats", "Paramètre", "Écart max."):
        assert heading in french_tables.replace(NBSP, " "), heading
    assert "60 parties par stratégie" in french_tables
    assert DECIMAL_COMMA_PERCENT.search(french_tables), "rates are written 12,5 %"
    # Code quoted as the author wrote it (an ending's `progress.merger >= 0.7`) keeps its decimal point.
    assert not re.search(r"\d\.\d", re.sub(r"`[^`]*`", "", french_tables)), "no decimal point is left"
    # The warnings are French, with the figures written the French way.
    assert "L'événement « budget_day » survient dans chacune des 180 parties" in french_tables.replace(NBSP, " ")


def english_only(text: str, words: tuple[str, ...] = ENGLISH) -> list[str]:
    """The English fixed words found in ``text`` as words of their own (``interval`` is not in ``intervalle``)."""
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def test_french_tables_leave_no_english_fixed_words(french_tables: str) -> None:
    # The scenario's own texts are English only; the titles shown are those of the endings.
    shown = french_tables.replace("(Ousted)", "").replace("(A miracle)", "")
    assert english_only(shown) == []


def test_french_page_is_french_throughout(french_page: str) -> None:
    assert "<html lang='fr-FR'>" in french_page
    text = visible_text(french_page)
    for words in ("Rapport d'équilibre", "À regarder en premier", "Résultats par stratégie", "Répartition des scores",
                  "Les fins atteintes par chaque stratégie", "Couverture",
                  "Ce qui fait le plus bouger les résultats", "part des parties (%)",
                  "score final (points sur 100)", "variation du score moyen (points)",
                  "paramètre abaissé de 20", "médiane", "Écart-type", "Toujours en partenariat (partner)"):
        assert words in text.replace(NBSP, " "), words
    # Scenario texts come in French too: the tutorial's ending titles and stakeholders' names.
    assert "Le conseil ne croit plus en vous" in text
    assert "confiance initiale" in text
    assert DECIMAL_COMMA_PERCENT.search(french_page)
    assert "--lang fr" in text  # the command that makes the same page again
    assert english_only(text) == []


def test_json_is_the_same_in_every_language(small: Path) -> None:
    outputs = []
    for lang in ("en", "fr"):
        code, out, _ = _run(["balance", str(small), "--runs", "50", "--policies", "partner,balanced", "--json",
                             "--lang", lang])
        assert code == 0
        outputs.append(re.sub(r'"elapsed_s": [0-9.]+', '"elapsed_s": 0', out))
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[1])
    assert any("Nobody reaches the ending 'miracle' (A miracle)" in w for w in data["warnings"])


def test_warnings_are_data_worded_per_language(small: Path) -> None:
    scenario = loader.load(small)
    report = balance(scenario, ["partner", "force", "balanced"], runs=50, seed=1, workers=0)
    found = findings(report.policies, report.coverage)
    titles = {"miracle": "A miracle", "ousted": "Ousted"}
    assert [word(f, "en", titles) for f in found] == report.warnings
    french = [word(f, "fr", {"miracle": "Un miracle"}) for f in found]
    assert len(french) == len(found) and french != report.warnings
    assert f"Aucune stratégie n'atteint la fin «{NBSP}miracle{NBSP}» (Un miracle)" in "\n".join(french)
    assert "150 parties" in "\n".join(french)


def test_numbers_follow_the_language() -> None:
    assert (number(12.25, "en", 1), number(12.25, "fr", 1)) == ("12.2", "12,2")
    assert number(3.14, "fr", 1, signed=True) == "+3,1"
    assert (percent(0.425, "en", 1), percent(0.42, "fr")) == ("42.5%", f"42{NBSP}%")
    assert (count(12000, "en"), count(12000, "fr")) == ("12,000", "12\u202f000")


def _expectations(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(SMALL + "expectations:\n" + text, encoding="utf-8")
    return path


def test_shove_test_speaks_french_and_keeps_its_exit_codes(tmp_path: Path) -> None:
    good = _expectations(tmp_path, "bon.yaml", "  - {policy: force, runs: 60, ending: {miracle: {max: 0.2}}}\n")
    code, out, err = _run(["test", str(good), "--lang", "fr"])
    assert code == 0 and err == ""
    flat = out.replace(NBSP, " ")
    assert "  RÉUSSI " in flat and "force : part des parties finissant sur miracle 0,0 %" in flat
    assert "(intervalle de confiance à 99 % : 0,0 %–" in flat and "60 parties) ; attendu : au plus 20,0 %" in flat
    assert "1 réussi ; 0 échoué ; 0 incertain." in flat
    assert "Chaque limite est jugée sur un intervalle de confiance à 99 %" in flat
    assert english_only(out, ENGLISH_TEST) == []

    bad = _expectations(tmp_path, "mauvais.yaml", "  - policy: force\n    runs: 60\n    ending: {miracle: {min: 0.5}}\n"
                                                  "    note: Les miracles devraient être courants.\n")
    code, out, _ = _run(["test", str(bad), "--lang", "fr"])
    assert code == 1
    flat = out.replace(NBSP, " ")
    assert "  ÉCHEC " in flat and "attendu : au moins 50,0 %" in flat
    assert "pourquoi c'est important : Les miracles devraient être courants." in flat
    assert "0 réussi ; 1 échoué ; 0 incertain." in flat

    code, out, err = _run(["test", str(tmp_path / "absent.yaml"), "--lang", "fr"])
    assert code == 2
    assert "absent.yaml : lecture impossible : aucun fichier ou dossier de ce nom" in err.replace(NBSP, " ")
    assert "1 illisible." in out
    assert english_only(out + err, ENGLISH_TEST) == []


def test_unsure_and_error_lines_in_french() -> None:
    unsure = CheckResult("balanced", "mean_score", Bounds(min=50.0), 2400, Interval(50.5, 49.0, 52.0, 0.99),
                         "unsure")
    from game.analysis.expectations_run import format_results

    lines = list(format_results("x.yaml", [unsure], "fr"))
    flat = [line.replace(NBSP, " ") for line in lines]
    assert flat[1].startswith("  INCERTAIN balanced : score moyen 50,5 points (intervalle de confiance à 99 %")
    assert "2 400 parties" in flat[1].replace("\u202f", " ") and flat[1].endswith("attendu : au moins 50,0 points")
    assert flat[2].strip().startswith("incertain : trop proche de la limite")
    english = list(format_results("x.yaml", [unsure], "en"))
    assert english[1] == ("  UNSURE balanced: mean score 50.5 points (99% interval 49.0 points–52.0 points, 2,400 runs);"
                          " expected at least 50.0 points")
    error = CheckResult("partner", "ending.nowhere", Bounds(max=0.1), 100, None, "error",
                        message="there is no ending 'nowhere'", problem=("no_ending", "nowhere"))
    assert list(format_results("x.yaml", [error], "fr"))[1].replace(NBSP, " ") == (
        "  ERREUR    partner : part des parties finissant sur nowhere : il n'y a pas de fin « nowhere »")
    assert list(format_results("x.yaml", [error], "en"))[1] == (
        "  ERROR  partner: share ending at nowhere: there is no ending 'nowhere'")


def test_without_a_flag_the_system_locale_chooses(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    code, out, _ = _run(["balance", str(small), "--runs", "50", "--policies", "partner,force"])
    assert code == 0 and "Résultats par stratégie" in out
    code, out, _ = _run(["balance", str(small), "--runs", "50", "--policies", "partner,force", "--lang", "en"])
    assert code == 0 and "Outcomes by policy" in out


def test_inputs_left_unvaried_are_said_in_french() -> None:
    from game.analysis.balance_text import Words
    from game.analysis.variants import NotVaried, Why

    zero = NotVaried("model.scar_rate", Why.ZERO, 0.2)
    pinned = NotVaried("trust.board", Why.PINNED, 0.2)
    french = Words("fr")
    assert french.skipped(zero) == f"model.scar_rate (vaut 0{NBSP}: une variation de ±20{NBSP}% ne change rien)"
    assert french.skipped(pinned) == "trust.board (bloqué aux limites de sa plage)"
    assert Words("en").skipped(zero) == zero.english == "model.scar_rate (0, so a ±20% change does nothing)"
