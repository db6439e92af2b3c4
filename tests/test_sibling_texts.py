"""Texts kept in their own files beside a scenario: `{file: NAME}` where a text belongs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import catalog, loader, text_files
from game.scenario.problems import Problem
from game.scenario.schema import Scenario
from game.session.playthrough import Session
from game.session.sources import model_sha256
from game.sim.decisions import Decision

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"

INLINE_BRIEFING = """  briefing: >
    You lead the integrated care board. The hospital is full, general practice
    is stretched and the council wants a say.
"""
BRIEFING = "You lead the integrated care board. The hospital is full, general practice is stretched and the council wants a say.\n"


def scenario_with(folder: Path, *replacements: tuple[str, str], name: str = "minimal.yaml") -> Path:
    """The minimal fixture in ``folder`` with parts of its text replaced."""
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def briefing_from(folder: Path, value: str) -> Path:
    """The fixture with its briefing written `briefing: VALUE`."""
    return scenario_with(folder, (INLINE_BRIEFING, f"  briefing: {value}\n"))


def where(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in a file."""
    text = path.read_text(encoding="utf-8")
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def errors(path: Path) -> list[Problem]:
    result = loader.validate_path(path)
    assert result.scenario is None
    return result.errors


def only_error(path: Path) -> Problem:
    found = errors(path)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def play(scenario: Scenario, seed: int = 7) -> tuple[list[object], float, str]:
    """A whole game with the balanced policy's moves and first choices: its log, score and ending."""
    session = Session.new(scenario, seed, autosave=False)
    while not session.is_over:
        session.play_turn(session.suggest("balanced"))
        while session.pending_event() is not None:
            session.choose(0)
    assert session.ending is not None
    return [(r.turn, r.decisions, r.choices, r.events) for r in session.history], session.score, session.ending.text


# --------------------------------------------------------------------------
# Texts read from files are the same as texts written inline


def test_a_scenario_with_texts_in_files_loads_and_plays_as_the_inline_one(tmp_path: Path) -> None:
    # a file's text has no final line end, as YAML's `>-` gives
    inline = loader.load(scenario_with(tmp_path / "inline", ("  briefing: >\n", "  briefing: >-\n")))
    (tmp_path / "briefing.md").write_text(BRIEFING, encoding="utf-8")
    (tmp_path / "notes.md").write_text("Ask each team when they first pushed.\n", encoding="utf-8")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "revolt.txt").write_text("The system's leaders ask you to step aside.",
                                                   encoding="utf-8")
    path = scenario_with(
        tmp_path,
        (INLINE_BRIEFING, "  briefing: {file: briefing.md}\n"),
        ("text: The system's leaders ask you to step aside.", "text: {file: texts/revolt.txt}"),
        ("facilitator_notes: Ask each team when they first pushed.", "facilitator_notes: {file: ./notes.md}"),
    )

    result = loader.validate_path(path)
    assert result.ok, [str(p) for p in result.problems]
    assert result.scenario == inline  # every later stage sees plain strings
    assert model_sha256(result.scenario) == model_sha256(inline)
    assert result.text_files == [(tmp_path / n).resolve() for n in ("briefing.md", "texts/revolt.txt", "notes.md")]
    assert play(result.scenario) == play(inline)


def test_each_language_may_come_from_its_own_file(tmp_path: Path) -> None:
    (tmp_path / "briefing.en.md").write_text(BRIEFING, encoding="utf-8")
    (tmp_path / "briefing.fr.md").write_text("Vous dirigez le comité de soins intégrés.\n", encoding="utf-8")
    path = briefing_from(tmp_path, "{en: {file: briefing.en.md}, fr: {file: briefing.fr.md}, de: Sie leiten.}")
    scenario = loader.load(path)
    assert scenario.meta.briefing == {"en": BRIEFING.strip(), "fr": "Vous dirigez le comité de soins intégrés.",
                                      "de": "Sie leiten."}


def test_lines_join_into_paragraphs_and_a_bom_and_windows_line_ends_are_accepted(tmp_path: Path) -> None:
    raw = ("\ufeff  First line of the first paragraph,\r\n  wrapped by the editor.\r\n\r\n\r\n"
           "Second paragraph:\r\n- one item\r\n* another item\r\n2. a numbered item\r\nstill the numbered item\r\n")
    (tmp_path / "b.md").write_bytes(raw.encode("utf-8"))
    scenario = loader.load(briefing_from(tmp_path, "{file: b.md}"))
    assert scenario.meta.briefing == ("First line of the first paragraph, wrapped by the editor.\n\n"
                                      "Second paragraph:\n- one item\n* another item\n"
                                      "2. a numbered item still the numbered item")


def test_editing_a_text_file_changes_the_content_hash(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("Before.", encoding="utf-8")
    path = briefing_from(tmp_path, "{file: b.md}")
    before = model_sha256(loader.load(path))
    (tmp_path / "b.md").write_text("After.", encoding="utf-8")
    assert model_sha256(loader.load(path)) != before


def test_the_title_screen_reads_an_edited_text_file_again(tmp_path: Path) -> None:
    from game.ui import library

    (tmp_path / "b.md").write_text("Before.", encoding="utf-8")
    path = briefing_from(tmp_path, "{file: b.md}")
    first = library.load(path)
    assert first.meta.briefing == "Before."
    assert library.load(path) is first  # unchanged files: not parsed again
    (tmp_path / "b.md").write_text("After, and longer.", encoding="utf-8")
    assert library.load(path).meta.briefing == "After, and longer."


def test_a_save_replays_after_a_text_file_is_edited_and_shows_the_new_text(tmp_path: Path) -> None:
    """Texts do not change the simulation: the save's log replays exactly, without a 'changed' notice."""
    (tmp_path / "b.md").write_text("Before.", encoding="utf-8")
    path = briefing_from(tmp_path, "{file: b.md}")
    session = Session.new(loader.load(path), 3, path, autosave=False)
    session.play_turn([Decision("engage", "council"), Decision("pilot")])
    save = tmp_path / "game.json"
    session.save(save)
    (tmp_path / "b.md").write_text("After.", encoding="utf-8")

    again = Session.load(save, loader.load(path), source_path=path, autosave=False)
    assert again.briefing == "After."
    assert again.notice == ""
    assert [r.decisions for r in again.history] == [r.decisions for r in session.history]
    assert again.score == session.score


# --------------------------------------------------------------------------
# Refusals, each at the position of its `file:` value


@pytest.mark.parametrize(("name", "words"), [
    ("../x.md", "leaves the scenario's folder"),
    ("a/../../x.md", "leaves the scenario's folder"),
    ("/etc/passwd", "absolute path"),
    ("~/x.md", "absolute path"),
    ("'C:\\x.md'", "contains `\\`"),
    ("'C:x.md'", "absolute path"),
    ("x.yaml", "not a text file"),
    ("notes", "not a text file"),
    ("texts/", "not a text file"),
    ("''", "`file:` is empty"),
    ("x" * 300 + ".md", "at most 240"),
    ("12", "`file:` takes the name of a text file"),
    ("[a.md]", "`file:` takes the name of a text file"),
    ("'notes/a:b.md'", "contains `:`"),
])
def test_a_name_that_cannot_be_a_file_beside_the_scenario_is_refused_at_its_position(
    tmp_path: Path, name: str, words: str
) -> None:
    (tmp_path / "x.md").write_text("Outside.", encoding="utf-8")
    path = briefing_from(tmp_path / "scenario", f"{{file: {name}}}")
    problem = only_error(path)
    assert (problem.path, problem.line, problem.column) == (str(path), *where(path, name))
    assert words in problem.message


def test_a_missing_file_is_refused_naming_it_and_what_to_do(tmp_path: Path) -> None:
    path = briefing_from(tmp_path, "{file: texts/briefing.md}")
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "texts/briefing.md")
    assert str(tmp_path / "texts" / "briefing.md") in problem.message
    assert "create it" in problem.message


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    path = briefing_from(tmp_path, "{file: dir.md}")
    assert "is a folder" in only_error(path).message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="the superuser reads any file")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("Secret.", encoding="utf-8")
    (tmp_path / "b.md").chmod(0)
    path = briefing_from(tmp_path, "{file: b.md}")
    assert "permission denied" in only_error(path).message


def test_a_loop_of_symbolic_links_is_refused_at_its_position(tmp_path: Path) -> None:
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    path = briefing_from(tmp_path, "{file: loop.md}")
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "loop.md")
    assert "cannot be" in problem.message and str(tmp_path / "loop.md") in problem.message


def test_a_pipe_is_refused_without_waiting_for_it(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "pipe.md")
    path = briefing_from(tmp_path, "{file: pipe.md}")
    assert "not an ordinary file" in only_error(path).message


def test_a_symbolic_link_out_of_the_folder_is_refused_and_one_inside_is_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("Not for players.", encoding="utf-8")
    folder = tmp_path / "scenario"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "escape.md").symlink_to(outside / "secret.md")
    (folder / "texts" / "up").symlink_to(tmp_path)
    path = briefing_from(folder, "{file: texts/escape.md}")
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "texts/escape.md")
    assert "outside the scenario's folder" in problem.message
    assert "Not for players" not in problem.message

    path = briefing_from(folder, "{file: texts/up/outside/secret.md}")
    assert "outside the scenario's folder" in only_error(path).message

    (folder / "real.md").write_text("Inside.", encoding="utf-8")
    (folder / "texts" / "alias.md").symlink_to(folder / "real.md")
    assert loader.load(briefing_from(folder, "{file: texts/alias.md}")).meta.briefing == "Inside."


def test_a_text_longer_than_its_limit_is_refused_and_a_name_has_the_shorter_limit(tmp_path: Path) -> None:
    (tmp_path / "long.md").write_text("x" * 5001, encoding="utf-8")
    path = briefing_from(tmp_path, "{file: long.md}")
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "long.md")
    assert "5,001 characters" in problem.message and "at most 5,000" in problem.message

    (tmp_path / "exact.md").write_text("x" * 5000 + "\n\n", encoding="utf-8")
    assert loader.validate_path(briefing_from(tmp_path, "{file: exact.md}")).ok

    (tmp_path / "title.txt").write_text("t" * 81, encoding="utf-8")
    path = scenario_with(tmp_path, ("title: Joining up care in Eastvale", "title: {file: title.txt}"))
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "title.txt")
    assert "a name may be at most 80" in problem.message


@pytest.mark.parametrize(("data", "words"), [
    (b"caf\xe9 au lait", "not UTF-8 text (byte 0xE9 on line 1)"),
    (b"line one\nline two \x80", "not UTF-8 text (byte 0x80 on line 2)"),
    ("\ufeffHello".encode("utf-16-le"), "saved as UTF-16"),
])
def test_a_file_that_is_not_utf8_is_refused_at_the_reference(tmp_path: Path, data: bytes, words: str) -> None:
    (tmp_path / "b.md").write_bytes(data)
    path = briefing_from(tmp_path, "{file: b.md}")
    problem = only_error(path)
    assert (problem.path, problem.line, problem.column) == (str(path), *where(path, "b.md"))
    assert words in problem.message and str(tmp_path / "b.md") in problem.message


def test_a_forbidden_character_is_reported_at_its_place_in_the_text_file(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "b.md").write_text("First line.\nSecond \x07line.\n", encoding="utf-8")
    path = briefing_from(tmp_path, "{file: texts/b.md}")
    problem = only_error(path)
    assert (problem.path, problem.line, problem.column) == (str(tmp_path / "texts" / "b.md"), 2, 8)
    assert "U+0007" in problem.message

    (tmp_path / "texts" / "b.md").write_bytes(b"\xef\xbb\xbfNUL\x00")
    problem = only_error(path)
    assert (problem.line, problem.column) == (1, 4)
    assert "NUL" in problem.message


def test_the_scenario_and_its_text_files_together_stay_within_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text("a" * 3000, encoding="utf-8")
    (tmp_path / "b.md").write_text("b" * 3000, encoding="utf-8")
    path = scenario_with(tmp_path, (INLINE_BRIEFING, "  briefing: {file: a.md}\n"),
                         ("facilitator_notes: Ask each team when they first pushed.", "facilitator_notes: {file: b.md}"))
    monkeypatch.setattr(loader, "MAX_BYTES", path.stat().st_size + 5000)
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "b.md}")
    assert "together they may be at most" in problem.message


def test_a_file_named_twice_is_read_once_and_counted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("Same text.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Other text.", encoding="utf-8")
    monkeypatch.setattr(text_files, "MAX_TEXT_FILES", 1)
    path = scenario_with(tmp_path, (INLINE_BRIEFING, "  briefing: {file: a.md}\n"),
                         ("facilitator_notes: Ask each team when they first pushed.", "facilitator_notes: {file: ./a.md}"))
    scenario = loader.load(path)
    assert scenario.meta.briefing == scenario.debrief.facilitator_notes == "Same text."

    path.write_text(path.read_text(encoding="utf-8").replace("hints:\n  - turn: 1\n    text: Start by investing "
                                                             "in the partners you will need.",
                                                             "hints:\n  - turn: 1\n    text: {file: b.md}"),
                    encoding="utf-8")
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "b.md")
    assert "at most 1 text files" in problem.message


def test_a_scenario_given_as_text_cannot_name_files(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("Text.", encoding="utf-8")
    path = briefing_from(tmp_path, "{file: b.md}")
    text = path.read_text(encoding="utf-8")
    result = loader.validate_text(text, "given.yaml")
    assert [(p.path, p.line, p.column) for p in result.errors] == [("given.yaml", *where(path, "b.md"))]
    assert "given as text" in result.errors[0].message
    assert loader.validate_text(text, "given.yaml", folder=tmp_path).ok


def test_other_keys_beside_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("Text.", encoding="utf-8")
    path = briefing_from(tmp_path, "{file: b.md, en: Hello}")
    problem = only_error(path)
    assert (problem.line, problem.column) == where(path, "b.md")
    assert "`en`" in problem.message and "{en: {file:" in problem.message


def test_an_empty_file_is_a_warning_and_file_keys_elsewhere_are_left_to_the_schema(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("\n  \n", encoding="utf-8")
    result = loader.validate_path(briefing_from(tmp_path, "{file: b.md}"))
    assert result.ok and result.scenario is not None and result.scenario.meta.briefing == ""
    assert any("is empty" in p.message for p in result.warnings)

    # `file` is no key of a text outside texts: the schema refuses it as it would any unknown key
    path = scenario_with(tmp_path, ("model:\n  trust_gain: 0.2", "model:\n  trust_gain: {file: b.md}"))
    assert "number" in only_error(path).message


# --------------------------------------------------------------------------
# Any name: refused, or a file inside the folder


SEGMENTS = st.sampled_from(["..", ".", "", "a", "b.md", "c.txt", "x.yaml", "~", "C:", "\\", "%2e%2e", "é.md",
                            "link", "link.md", "out.md", " ", "\x00", "a" * 40])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(SEGMENTS, min_size=0, max_size=8), lead=st.sampled_from(["", "/", "./", "../"]))
def test_any_name_is_refused_or_stays_inside_the_folder(tmp_path: Path, parts: list[str], lead: str) -> None:
    folder = tmp_path / "scenario"
    if not folder.exists():
        (folder / "a").mkdir(parents=True)
        (tmp_path / "out.md").write_text("Outside.", encoding="utf-8")
        (folder / "link").symlink_to(tmp_path)
        (folder / "a" / "link.md").symlink_to(tmp_path / "out.md")
    name = lead + "/".join(parts)
    files = text_files.TextFiles(folder, str(folder / "s.yaml"), 0, loader.MAX_BYTES)
    if text_files.name_problem(name) is not None:
        return
    assert name.lower().endswith((".md", ".txt")) and ".." not in name.split("/")
    target = files.target(name)
    if isinstance(target, Path):
        assert target.is_relative_to(folder.resolve())
    else:
        assert "outside the scenario's folder" in target or "cannot be opened" in target


# --------------------------------------------------------------------------
# The scenario list and author mode


def test_text_files_in_the_user_folder_are_not_scenarios_and_their_edits_refresh_the_list(user_home: Path) -> None:
    folder = catalog.user_dir()
    folder.mkdir(parents=True)
    (folder / "summary.md").write_text("Bring partners together.", encoding="utf-8")
    (folder / "notes.txt").write_text("Not a scenario.", encoding="utf-8")
    scenario_with(folder, ("summary: Bring the hospital, the GP federation and the council into one care model.",
                           "summary: {file: summary.md}"))
    mine = [e for e in catalog.entries() if e.source == "user"]
    assert [(e.id, e.ok, e.summary) for e in mine] == [("minimal", True, "Bring partners together.")]

    summary = folder / "summary.md"
    stamp = summary.stat().st_mtime_ns
    summary.write_text("s" * 6000, encoding="utf-8")
    os.utime(summary, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))
    mine = [e for e in catalog.entries() if e.source == "user"]
    assert len(mine) == 1 and mine[0].first_problem is not None
    assert "summary.md holds 6,000 characters" in mine[0].first_problem.message


def touch_later(path: Path, text: str) -> None:
    """Write the file and move its clock on, so the change is seen even on coarse file systems."""
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))


@pytest.fixture
def _headless(user_home: Path) -> Iterator[None]:
    import pygame

    yield
    pygame.quit()


@pytest.mark.usefixtures("_headless")
def test_author_mode_reloads_when_a_text_file_is_saved(tmp_path: Path) -> None:
    import pygame

    from game.ui.harness import Harness

    scenario = tmp_path / "tutorial.yaml"
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", scenario)
    text = scenario.read_text(encoding="utf-8")
    assert "en: Emergency consultants\n" in text
    scenario.write_text(text.replace("en: Emergency consultants\n", "en: {file: names/consultants.txt}\n", 1),
                        encoding="utf-8")
    (tmp_path / "names").mkdir()
    names = tmp_path / "names" / "consultants.txt"
    names.write_text("Emergency consultants\n", encoding="utf-8")

    h = Harness([str(scenario), "--seed", "5", "--author"])
    h.key(pygame.K_RETURN)
    h.key(pygame.K_2)
    h.key(pygame.K_e)
    while h.screen.name != "turn":
        h.key(pygame.K_1 if h.screen.name == "event" else pygame.K_RETURN)
    played = len(h.app.play.session.history)  # type: ignore[union-attr]
    assert h.app.play.session.names.stakeholders["consultants"] == "Emergency consultants"  # type: ignore[union-attr]

    touch_later(names, "Emergency medicine consultants\n")
    h.step()
    session = h.app.play.session  # type: ignore[union-attr]
    assert "Reloaded" in h.app.toast
    assert session.names.stakeholders["consultants"] == "Emergency medicine consultants"
    assert len(session.history) == played

    touch_later(names, "c" * 81)
    h.step()
    assert h.app.play.session is session  # type: ignore[union-attr]
    assert f"{scenario}:{where(scenario, 'names/consultants.txt')[0]}:" in h.app.toast
