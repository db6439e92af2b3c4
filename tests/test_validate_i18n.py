"""`shove validate` and the scenario checks in the author's language.

French output for the problems authors meet most (YAML syntax, an unknown key
with a did-you-mean, a bad expression, an unknown reference, a missing
translation, a file too large), at exactly the positions the English gives;
the language chosen as the other author tools choose it; and a scan that
every problem text exists in both catalogues with the same fields, and that
every key the scenario package names is in them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game import i18n
from game.cli import main
from game.i18n.words import Num, Words
from game.scenario import loader
from game.scenario.problems import Problem, ScenarioError, plural, problem, words
from tests.strategies import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
TEXT = MINIMAL.read_text(encoding="utf-8")
POSITION = re.compile(r"^(.*?:\d+:\d+): ")


@pytest.fixture(autouse=True)
def no_system_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system asks for no language unless a test says so."""
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C")


def write(tmp_path: Path, text: str | bytes, name: str = "minimal.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def with_change(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


def validate(capsys: pytest.CaptureFixture[str], path: Path, *flags: str) -> tuple[int, list[str]]:
    """The exit code, and the lines written (standard error first)."""
    code = main(["validate", str(path), *flags])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, (err + out).splitlines()


def both(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         path: Path) -> tuple[list[str], list[str]]:
    """The English and the French output for one file: same exit code, same positions line by line.

    French is asked for by the system's language, so the same checks run (``--lang fr``
    would also check the French translations)."""
    code_en, english = validate(capsys, path)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code_fr, french = validate(capsys, path)
    monkeypatch.setenv("LANG", "C")
    assert code_en == code_fr == 1
    assert len(english) == len(french)
    for en, fr in zip(english[:-1], french[:-1], strict=True):
        where = POSITION.match(en)
        assert where is not None, en
        assert fr.startswith(where.group(1) + ": "), (en, fr)
    return english, french


def plain(line: str) -> str:
    return line.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_yaml_syntax_error_is_said_in_french_at_the_same_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, with_change("  turn_label: Quarter\n", "  turn_label: Quarter: one\n"))
    english, french = both(capsys, monkeypatch, path)
    assert "error: YAML syntax: mapping values are not allowed" in english[0]
    assert "erreur : syntaxe YAML incorrecte (message de l'analyseur : « mapping values" in plain(french[0])
    assert "mettez entre guillemets un texte qui contient `: `" in french[0]
    assert plain(french[-1]) == "1 fichier vérifié : 0 valide, 1 non valide (1 erreur, 0 alerte)"


def test_an_unknown_key_keeps_its_did_you_mean_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, with_change("    power: 0.8\n", "    powr: 0.8\n"))
    english, french = both(capsys, monkeypatch, path)
    assert any(line.endswith("error: unknown key `powr` (did you mean `power`?)") for line in english)
    assert any(line.endswith("erreur\u00a0: clé inconnue `powr` (vouliez-vous dire `power`\u00a0?)") for line in french)
    assert any(line.endswith("erreur\u00a0: il manque la clé obligatoire `power`") for line in french)


def test_a_bad_expression_is_said_in_french_at_the_same_column(tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, with_change("    when: turn >= 3\n", "    when: turn >= 3 && flag.x\n"))
    english, french = both(capsys, monkeypatch, path)
    assert "event `winter_pressure`, `when`: not a valid expression: write `and` instead of `&&`" in english[0]
    assert plain(french[0]).endswith(
        "erreur : l'événement `winter_pressure`, `when` : expression non valide : écrivez `and` au lieu de `&&`")


def test_an_unknown_reference_names_both_ends_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, with_change("    when: turn >= 3\n", "    when: trust.acute_trst > 0.5\n"))
    english, french = both(capsys, monkeypatch, path)
    assert "`trust.acute_trst`: there is no stakeholder `acute_trst` (did you mean `acute_trust`?)" in english[0]
    assert ("`trust.acute_trst` : il n'existe pas d'acteur `acute_trst` (vouliez-vous dire `acute_trust` ?)"
            in plain(french[0]))


def test_a_missing_translation_is_a_french_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, TEXT)
    code, lines = validate(capsys, path, "--lang", "fr")
    assert code == 0
    assert re.match(r".*minimal\.yaml:\d+:\d+: alerte\u00a0: aucun texte n'est encore traduit en `fr` \(\d+ textes\)", lines[0])
    assert plain(lines[-1]) == "1 fichier vérifié : 1 valide, 0 non valide (0 erreur, 1 alerte)"
    # One text translated: every other text is now missing, counted in one warning with its first line.
    translated = with_change("  title: Joining up care in Eastvale\n",
                             "  title: {en: Joining up care in Eastvale, fr: Des soins reliés à Eastvale}\n")
    code, lines = validate(capsys, write(tmp_path, translated), "--lang", "fr", "--strict")
    assert code == 1
    assert re.search(r"alerte\u00a0: \d+ textes sur \d+ n'ont pas de traduction en `fr` \(le premier à la ligne \d+\)", lines[0])
    assert plain(lines[-1]).endswith("; avec --strict, les alertes comptent comme des erreurs")


def test_a_file_too_large_is_refused_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, TEXT + "#" * (loader.MAX_BYTES + 1 - len(TEXT.encode())))
    english, french = both(capsys, monkeypatch, path)
    assert "error: the file is 2.0 MB; a scenario file may be at most 2 MB" in english[0]
    assert "erreur : le fichier fait 2,0 Mo ; un fichier de scénario ne doit pas dépasser 2 Mo" in plain(french[0])


def test_the_language_is_the_flag_then_the_system_then_the_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = write(tmp_path, with_change("    power: 0.8\n", "    powr: 0.8\n"))
    _, lines = validate(capsys, bad)
    assert "error: unknown key `powr`" in lines[1]
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    _, lines = validate(capsys, bad)
    assert "erreur\u00a0: clé inconnue `powr`" in lines[1]
    _, lines = validate(capsys, bad, "--lang", "en")
    assert "error: unknown key `powr`" in lines[1]
    monkeypatch.setenv("LANG", "C")
    french = write(tmp_path, with_change("  id: minimal\n", "  id: minimal\n  language: fr\n"), "french.yaml")
    _, lines = validate(capsys, french)
    assert plain(lines[-1]).startswith("1 fichier vérifié : ")
    broken = write(tmp_path, with_change("  id: minimal\n", "  id: minimal\n  language: fr\n  langage: fr\n"), "casse.yaml")
    _, lines = validate(capsys, broken)
    assert any(plain(line).endswith("erreur : clé inconnue `langage` (vouliez-vous dire `language` ?)") for line in lines)


def test_unreadable_paths_and_unknown_ids_are_said_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = validate(capsys, tmp_path / "gone.yaml", "--lang", "fr")
    assert code == 2
    assert plain(lines[0]) == f"shove validate: {tmp_path / 'gone.yaml'}: ce fichier de scénario n'existe pas"
    code, lines = validate(capsys, tmp_path, "--lang", "fr")
    assert code == 2 and plain(lines[0]) == f"shove validate: {tmp_path} : aucun fichier .yaml dans ce dossier"


# --------------------------------------------------------------------------- the words themselves


def test_a_problem_keeps_its_english_message_and_says_it_in_french() -> None:
    said = words("problem.schema.unknown_key", key="powr", hint=words("problem.did_you_mean", option="power"))
    found = problem("s.yaml", 4, 5, "error", said)
    assert found.message == "unknown key `powr` (did you mean `power`?)"
    assert str(found) == "s.yaml:4:5: error: unknown key `powr` (did you mean `power`?)"
    assert found.say("en") == found.message and found.text("en") == str(found)
    assert found.text("fr") == "s.yaml:4:5: erreur\u00a0: clé inconnue `powr` (vouliez-vous dire `power`\u00a0?)"
    assert found.text("de") == str(found)  # no catalogue: English
    whole_file = problem("s.yaml", 0, 0, "error", words("problem.file.missing"))
    assert whole_file.text("fr") == "s.yaml: erreur\u00a0: ce fichier n'existe pas"
    # Words never change equality: the loader's de-duplication sees the same problem.
    assert found == Problem("s.yaml", 4, 5, "error", found.message)
    assert ScenarioError([found]).say("fr") == found.text("fr")


def test_counted_words_and_numbers_follow_the_language() -> None:
    assert plural("problem.files.long_text", 1, file="a.md", length=Num(1), kind=words("problem.files.long_text_kind"),
                  limit=Num(5000)).say("fr") == "a.md contient 1 caractère\u00a0; un texte ne doit pas dépasser 5\u202f000 (raccourcissez-le)"
    assert plural("problem.files.long_text", 1, file="a.md", length=Num(1), kind=words("problem.files.long_text_kind"),
                  limit=Num(5000)).say("en") == "a.md holds 1 characters; a text may be at most 5,000 (shorten it)"
    assert Num(1.25, 1, grouped=False).say("fr") == "1,2" and Num(12345).say("en") == "12,345"


def _problem_keys(lang: str) -> dict[str, str]:
    return {k: v for k, v in i18n.catalogue(lang).items() if k.startswith(("problem.", "validate."))}


def test_every_problem_text_is_in_both_catalogues_with_the_same_fields() -> None:
    english, french = _problem_keys("en"), _problem_keys("fr")
    assert english.keys() == french.keys()
    assert len(english) > 250
    for key, text in english.items():
        assert i18n.fields_of(text) == i18n.fields_of(french[key]), key
        assert french[key] == i18n.no_break(french[key]), key


def test_every_key_the_scenario_package_names_is_in_the_catalogue() -> None:
    english = i18n.catalogue("en")
    named: set[str] = set()
    prefixes: set[str] = set()
    for source in [*(ROOT / "game" / "scenario").glob("*.py"), ROOT / "game" / "commands" / "validate.py"]:
        text = source.read_text(encoding="utf-8")
        named.update(re.findall(r"""(?<![\w.])(?:words|plural|Words|counted_words)\(\s*"(problem\.[\w.]+)\"""", text))
        prefixes.update(re.findall(r"""(?:words|plural|Words)\(\s*f"(problem\.[\w.]+)\{""", text))
    assert len(named) > 150 and prefixes
    for key in named:
        assert key in english or f"{key}.one" in english, key
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in english), prefix


def test_every_problem_in_a_damaged_scenario_has_words(tmp_path: Path) -> None:
    damaged = (TEXT.replace("    power: 0.8\n", "    powr: 0.8\n")
               .replace("    when: turn >= 3\n", "    when: trust.nobody > 1 and x\n")
               .replace("  turns: 8\n", "  turns: many\n"))
    result = loader.validate_text(damaged, "damaged.yaml", languages=["fr"])
    assert len(result.problems) >= 3
    assert all(isinstance(p.words, Words) for p in result.problems)
    assert all(p.text("fr") != str(p) for p in result.problems)


def test_the_game_shows_a_scenario_s_problems_in_its_own_language(tmp_path: Path) -> None:
    from game.ui import library

    path = write(tmp_path, with_change("    power: 0.8\n", "    powr: 0.8\n"), "broken.yaml")
    previous = i18n.language()
    try:
        i18n.set_language("fr")
        with pytest.raises(library.ScenarioLoadError) as french:
            library.load(path)
        i18n.set_language("en")
        with pytest.raises(library.ScenarioLoadError) as english:
            library.load(path)
    finally:
        i18n.set_language(previous)
    assert "erreur\u00a0: clé inconnue `powr` (vouliez-vous dire `power`\u00a0?)" in str(french.value)
    assert "error: unknown key `powr` (did you mean `power`?)" in str(english.value)
    assert [POSITION.match(line).group(1) for line in str(french.value).splitlines()] == [  # type: ignore[union-attr]
        POSITION.match(line).group(1) for line in str(english.value).splitlines()]  # type: ignore[union-attr]


def test_the_terminal_game_shows_a_scenario_s_problems_in_its_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, with_change("    power: 0.8\n", "    powr: 0.8\n"), "broken.yaml")
    assert main(["play", "--text", "--lang", "fr", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:24:5: erreur\u00a0: clé inconnue `powr` (vouliez-vous dire `power`\u00a0?)" in err.splitlines()
