"""`shove new`, `shove scenarios`, `shove schema` and `shove run` in the user's language.

French comes from `--lang fr` or from the system's language; English stays as it
always read; `run --json` is the same in every language; `file:line:col` is the
same in every language.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import catalog

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
NBSP = "\u00a0"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def plain_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system that asks for no language in particular."""
    for var in LOCALE_VARIABLES:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def french_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system whose locale is French."""
    for var in LOCALE_VARIABLES:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")


def _no_english(text: str, words: tuple[str, ...]) -> None:
    left = [w for w in words if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not left, f"English left in French output: {left}\n{text}"


# --- shove new -------------------------------------------------------------------------------------------------------


def test_new_speaks_french(tmp_path: Path, plain_locale: None) -> None:
    code, out, err = _run(["new", "pilote", "--dir", str(tmp_path), "--lang", "fr"])
    assert code == 0 and err == ""
    target = tmp_path / "pilote.yaml"
    assert target.is_file()
    lines = out.splitlines()
    assert lines[0] == (f"Scénario écrit dans {target}{NBSP}: six mois de jeu pour vous lancer. "
                        "Ses commentaires expliquent chaque section.")
    assert lines[1].startswith(f"Schéma écrit dans {tmp_path / '.shove' / 'scenario.schema.json'}{NBSP}:")
    assert lines[2] == f"Et ensuite{NBSP}:"
    assert lines[3] == f"  shove validate {target}"  # commands are typed as they are
    assert lines[-1] == "Le guide d'écriture des scénarios se trouve dans docs/authoring.md."
    _no_english(out, ("Wrote", "Next", "steps", "writing", "editor", "comments"))


def test_new_follows_a_french_system_and_lang_overrides_it(tmp_path: Path, french_system: None) -> None:
    code, out, _ = _run(["new", "pilote", "--dir", str(tmp_path)])
    assert code == 0 and out.startswith("Scénario écrit dans")
    code, out, _ = _run(["new", "autre", "--dir", str(tmp_path), "--lang", "en"])
    assert code == 0 and out.startswith(f"Wrote {tmp_path / 'autre.yaml'}: a six-month scenario")


def test_new_english_reads_as_before(tmp_path: Path, plain_locale: None) -> None:
    code, out, _ = _run(["new", "pilot", "--dir", str(tmp_path)])
    target = tmp_path / "pilot.yaml"
    schema = tmp_path / ".shove" / "scenario.schema.json"
    assert code == 0
    assert out == (
        f"Wrote {target}: a six-month scenario to start from. Its comments explain each part.\n"
        f"Wrote {schema}, so your editor can complete and check the file as you type.\n"
        "Next steps:\n"
        f"  shove validate {target}\n"
        f"  shove play {target} --author\n"
        f"  shove balance {target}\n"
        f"  shove test {target}\n"
        "The guide to writing scenarios is docs/authoring.md.\n"
    )
    code, _, err = _run(["new", "pilot", "--dir", str(tmp_path)])
    assert code == 1
    assert err == (f"shove new: {target} already exists and was left as it is; choose another name, "
                   "or move the old file away first\n")


def test_new_errors_in_french(tmp_path: Path, plain_locale: None) -> None:
    code, _, err = _run(["new", "Mauvais-Nom", "--dir", str(tmp_path), "--lang", "fr"])
    assert code == 2
    assert err.startswith(f"shove new{NBSP}: `Mauvais-Nom` ne peut pas servir de nom de scénario{NBSP}:")
    assert "lettres minuscules" in err and "48 caractères au plus" in err

    assert _run(["new", "pilote", "--dir", str(tmp_path), "--lang", "fr"])[0] == 0
    code, _, err = _run(["new", "pilote", "--dir", str(tmp_path), "--lang", "fr"])
    assert code == 1
    assert err == (f"shove new{NBSP}: {tmp_path / 'pilote.yaml'} existe déjà et n'a pas été modifié{NBSP}; "
                   "choisissez un autre nom, ou déplacez d'abord l'ancien fichier\n")

    notes = tmp_path / "notes.txt"
    notes.write_text("mes notes\n")
    code, _, err = _run(["new", "pilote", "--dir", str(notes), "--lang", "fr"])
    assert code == 2
    assert err == f"shove new{NBSP}: {notes} est un fichier, pas un dossier{NBSP}; choisissez un dossier avec --dir\n"

    code, _, err = _run(["new", "pilote", "--dir", str(notes / "dedans"), "--lang", "fr"])
    assert code == 2
    assert err.startswith(f"shove new{NBSP}: impossible d'écrire dans ")
    assert err.rstrip().endswith(f"{NBSP}; choisissez avec --dir un dossier où vous pouvez écrire")

    blocked = tmp_path / "bloque"
    blocked.mkdir()
    (blocked / ".shove").write_text("")
    code, _, err = _run(["new", "pilote", "--dir", str(blocked), "--lang", "fr"])
    assert code == 2
    assert err.startswith(f"shove new{NBSP}: {blocked / '.shove'} est un fichier, or `shove new` range le schéma")
    _no_english(err, ("cannot", "already", "choose", "file", "folder"))


# --- shove scenarios -------------------------------------------------------------------------------------------------


def _broken_user_scenario(user_home: Path) -> Path:
    folder = catalog.user_dir()
    folder.mkdir(parents=True)
    broken = folder / "cassé.yaml"
    broken.write_text(TUTORIAL.read_text(encoding="utf-8").replace("turns: 6", "turns: six", 1), encoding="utf-8")
    return broken


def test_scenarios_lists_in_french(user_home: Path, plain_locale: None) -> None:
    broken = _broken_user_scenario(user_home)
    code, out, _ = _run(["scenarios", "--lang", "fr"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "titre", "tours", "durée", "(min)", "origine"]
    tutorial = next(line for line in lines if line.startswith("tutorial "))
    assert "Les cent premiers jours" in tutorial and tutorial.endswith("intégré")
    row = next(i for i, line in enumerate(lines) if line.startswith("cassé "))
    assert "(ne se charge pas)" in lines[row] and lines[row].endswith("personnel")
    problem = lines[row + 1]
    assert re.match(rf"    {re.escape(str(broken))}:\d+:\d+: erreur{NBSP}: ", problem), problem
    _no_english(out, ("title", "turns", "source", "built-in", "user", "does not load", "error", "First"))


def test_scenarios_english_reads_as_before(user_home: Path, plain_locale: None) -> None:
    broken = _broken_user_scenario(user_home)
    code, out, _ = _run(["scenarios"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "title", "turns", "minutes", "source"]
    tutorial = next(line for line in lines if line.startswith("tutorial "))
    assert re.fullmatch(r"tutorial +First hundred days +\d+ +\d+  built-in", tutorial)
    row = next(i for i, line in enumerate(lines) if line.startswith("cassé "))
    assert re.fullmatch(r"cassé +\(does not load\) +- +-  user", lines[row])
    assert re.match(rf"    {re.escape(str(broken))}:\d+:\d+: error: ", lines[row + 1])


def test_scenarios_says_in_french_when_there_are_none(
    user_home: Path, plain_locale: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = user_home / "aucun"
    empty.mkdir()
    monkeypatch.setattr(catalog, "builtin_dir", lambda: empty)
    code, out, _ = _run(["scenarios", "--lang", "fr"])
    assert code == 0
    assert out == f"aucun scénario trouvé dans {empty} ni dans {catalog.user_dir()}\n"


# --- shove schema ----------------------------------------------------------------------------------------------------


def test_schema_cannot_write_in_french(tmp_path: Path, plain_locale: None) -> None:
    code, out, err = _run(["schema", "-o", str(tmp_path), "--lang", "fr"])
    assert code == 2 and out == ""
    assert err.startswith(f"shove schema{NBSP}: {tmp_path}{NBSP}: écriture impossible (")
    code, _, err = _run(["schema", "-o", str(tmp_path)])
    assert code == 2 and err.startswith(f"shove schema: {tmp_path}: cannot write (")


def test_schema_is_the_same_in_every_language(plain_locale: None) -> None:
    assert _run(["schema", "--lang", "fr"])[1] == _run(["schema"])[1]


# --- shove run -------------------------------------------------------------------------------------------------------

RUN = ["run", "tutorial", "--policy", "force", "--seed", "4"]


def test_run_text_in_french(plain_locale: None) -> None:
    code, out, err = _run([*RUN, "--lang", "fr"])
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"Les cent premiers jours{NBSP}: stratégie force, graine 4"
    assert re.fullmatch(rf"Fin{NBSP}: .+ \((réussite|réussite partielle|échec)\) au bout de \d+ quinzaines?", lines[1])
    assert re.fullmatch(rf"Score{NBSP}: \d+,\d sur 100", lines[2])
    assert lines[4] == f"Acteurs (confiance en vous / adhésion au changement, de 0 à 100{NBSP}%){NBSP}:"
    shares = [line for line in lines if re.fullmatch(rf"  .+  [ \d]{{3}}\d{NBSP}% / [ \d]{{3}}\d{NBSP}%", line)]
    assert shares
    assert f"Indicateurs{NBSP}:" in lines and f"Décisions{NBSP}:" in lines
    turns = [line for line in lines if line.startswith("  Quinzaine ")]
    assert turns and turns[0].startswith(f"  Quinzaine 1{NBSP}: ")
    metrics = lines[lines.index(f"Indicateurs{NBSP}:") + 1:lines.index(f"Décisions{NBSP}:") - 1]
    assert metrics and all(re.search(r"-?\d+,\d", m) for m in metrics)
    _no_english(out, ("policy", "seed", "Ending", "after", "Score:", "out of", "Stakeholders", "Metrics",
                      "Decisions", "Fortnight", "nothing", "success", "partial", "failure"))


def test_run_text_follows_a_french_system(french_system: None) -> None:
    assert _run(RUN)[1] == _run([*RUN, "--lang", "fr"])[1]


def test_run_english_reads_as_before(plain_locale: None) -> None:
    code, out, _ = _run(RUN)
    assert code == 0
    assert out == _run([*RUN, "--lang", "en"])[1]
    lines = out.splitlines()
    assert lines[0] == "First hundred days: force policy, seed 4"
    assert re.fullmatch(r"Ending: .+ \((success|partial|failure)\) after \d+ fortnights", lines[1])
    assert re.fullmatch(r"Score: \d+\.\d out of 100", lines[2])
    assert lines[3:5] == ["", "Stakeholders (trust in you / support for the change, 0-100%):"]
    assert all(re.fullmatch(r"  .+  [ \d]{3}\d% / [ \d]{3}\d%", line) for line in lines[5:lines.index("")])
    assert "Metrics:" in lines and "Decisions:" in lines
    turns = lines[lines.index("Decisions:") + 1:]
    assert turns and all(re.fullmatch(r"  Fortnight \d+: .+", line) for line in turns)
    assert all("; " in line or "(nothing)" in line or ";" not in line for line in turns)


def test_run_json_is_the_same_in_every_language(french_system: None) -> None:
    french = _run([*RUN, "--json"])[1]
    assert french == _run([*RUN, "--json", "--lang", "fr"])[1] == _run([*RUN, "--json", "--lang", "en"])[1]
    data = json.loads(french)
    assert data["scenario"] == "tutorial" and data["outcome"] in ("success", "partial", "failure")


def test_run_errors_in_french(tmp_path: Path, plain_locale: None) -> None:
    code, out, err = _run(["run", "sans_nom", "--policy", "force", "--lang", "fr"])
    assert code == 2 and out == ""
    assert err.startswith("sans_nom: ") and "european_merger, system_reform, tutorial" in err
    _no_english(err, ("not", "scenario", "known", "the"))

    bad = tmp_path / "mauvais.yaml"
    bad.write_text(TUTORIAL.read_text(encoding="utf-8").replace("turns: 6", "turns: six", 1), encoding="utf-8")
    code, _, err = _run(["run", str(bad), "--policy", "force", "--lang", "fr"])
    assert code == 1
    first = err.splitlines()[0]
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: erreur{NBSP}: ", first), first
    code, _, err = _run(["run", str(bad), "--policy", "force"])
    assert code == 1 and re.match(rf"{re.escape(str(bad))}:\d+:\d+: error: ", err)


def test_a_turn_label_ending_in_s_stays_as_it_is_in_french(tmp_path: Path, plain_locale: None) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    assert "    en: Fortnight\n    fr: Quinzaine\n" in text
    monthly = tmp_path / "mensuel.yaml"
    monthly.write_text(text.replace("    en: Fortnight\n    fr: Quinzaine\n", "    en: Month\n    fr: Mois\n"),
                       encoding="utf-8")
    code, out, _ = _run(["run", str(monthly), "--policy", "partner", "--lang", "fr"])
    assert code == 0
    assert re.search(r"au bout de \d+ mois$", out.splitlines()[1])
    assert "  Mois 1" in out
    code, out, _ = _run(["run", str(monthly), "--policy", "partner", "--lang", "en"])
    assert code == 0 and re.search(r"after \d+ months$", out.splitlines()[1])
