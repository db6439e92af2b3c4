"""Files from strangers that try to reach past their folder, hang a reader, or inject into what is shown.

* a pipe or device given as a scenario, save or session file is refused at once, never read;
* a save or workshop.yaml naming a scenario `path` that is not a `.yaml` file is not followed;
* control characters (terminal escapes) in a save's title or a session's team are refused;
* the workshop report escapes every text from scenarios and session files: no markup gets through
  into report.html, and no formula into results.csv.
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario.loader import validate_path
from game.session import SaveError, Session
from game.session.persistence import load_session, to_save_file
from game.session.saves import encode_save, read_save
from game.workshop.config import load_workshop
from game.workshop.create import NewWorkshop, create
from game.workshop.files import SessionFileError, encode_session, read_session
from game.workshop.problems import WorkshopError
from game.workshop.report import write
from game.workshop.seat import TeamSeat

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal.yaml"
HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_a_pipe_given_as_a_scenario_is_refused_without_reading(fifo: Path) -> None:
    result = validate_path(fifo)
    assert result.unreadable and "not an ordinary file" in result.problems[0].message


def test_a_pipe_given_as_a_save_is_refused_without_reading(fifo: Path) -> None:
    with pytest.raises(SaveError, match="not an ordinary file"):
        read_save(fifo)


def test_a_pipe_given_as_a_session_file_is_refused_without_reading(fifo: Path) -> None:
    with pytest.raises(SessionFileError, match="not an ordinary file"):
        read_session(fifo)


def _played_save(tmp_path: Path) -> dict[str, Any]:
    from game.scenario.loader import load

    session = Session.new(load(FIXTURE), 5, FIXTURE, autosave=False)
    session.play_turn(session.suggest("partner"))
    data: dict[str, Any] = to_save_file(session).model_dump(mode="json")
    return data


def test_a_save_naming_a_file_that_is_no_scenario_does_not_open_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("meta: {id: minimal}\n", encoding="utf-8")
    data = _played_save(tmp_path)
    data["scenario"]["path"] = str(secret)
    data["scenario"]["id"] = "not_a_known_scenario"
    path = tmp_path / "save.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="cannot be found") as caught:
        load_session(path, autosave=False)
    assert "secret" not in str(caught.value)


def test_a_save_naming_its_scenario_file_still_finds_it(tmp_path: Path) -> None:
    data = _played_save(tmp_path)
    path = tmp_path / "save.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_session(path, autosave=False).seed == 5


@pytest.mark.parametrize("title", ["\x1b]0;owned\x07", "line\nbreak", "bell\x07", "c1\x9b31m"])
def test_control_characters_in_a_save_title_are_refused(tmp_path: Path, title: str) -> None:
    data = _played_save(tmp_path)
    data["scenario"]["title"] = title
    path = tmp_path / "save.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="damaged"):
        read_save(path)


def test_a_scenario_title_written_as_a_block_still_saves(tmp_path: Path) -> None:
    from game.scenario.loader import load_text

    text = FIXTURE.read_text(encoding="utf-8").replace("  title: Joining up care in Eastvale",
                                                       "  title: |\n    Joining up care\n    in Eastvale")
    session = Session.new(load_text(text), 5, None, autosave=False)
    session.play_turn([])
    session.save(tmp_path / "game.json")
    assert read_save(tmp_path / "game.json").scenario.title == "Joining up care in Eastvale"


def _workshop(tmp_path: Path, scenario: Path) -> Path:
    folder = tmp_path / "workshop"
    create(NewWorkshop(folder=folder, scenario=str(scenario), teams=("Red", "Blue"), seed=3, predict=True))
    return folder


def test_workshop_scenario_path_must_name_a_yaml_file(tmp_path: Path) -> None:
    folder = _workshop(tmp_path, FIXTURE)
    text = (folder / "workshop.yaml").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip().startswith("path:")]
    assert lines, text
    (folder / "workshop.yaml").write_text(text.replace(lines[0].split("path:")[1].strip(), "/etc/passwd"),
                                          encoding="utf-8")
    with pytest.raises(WorkshopError) as caught:
        load_workshop(folder)
    (problem,) = caught.value.problems
    assert "not a scenario file" in problem.message and problem.line > 1


# --------------------------------------------------------------------------
# The report


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.handlers += [f"{tag} {name}" for name, value in attrs
                          if name.startswith("on") or (value or "").lstrip().lower().startswith("javascript:")]


SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "div", "span", "b", "i",
             "ul", "ol", "li", "table", "tr", "th", "td", "figure", "figcaption", "section", "small", "br", "svg",
             "g", "path", "defs", "clippath", "rect", "text", "use", "polyline", "line", "circle",
             "header", "footer", "nav", "a", "details", "summary", "em", "strong", "code", "tspan", "polygon",
             "lineargradient", "stop", "image", "caption", "thead", "tbody", "col", "colgroup", "hr", "abbr"}


def test_report_escapes_hostile_texts_from_the_scenario_and_session_files(tmp_path: Path) -> None:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["meta"]["title"] = HOSTILE
    data["stakeholders"][0]["name"] = '"><img src=x onerror=alert(1)>'
    data["events"][0]["title"] = "</svg><script>alert(2)</script>"
    data["events"][0]["choices"][0]["text"] = "]]><iframe src=javascript:alert(3)>"
    data["endings"][2]["title"] = "$\\mathdefault{x}$ & <b>bold</b>"
    data["debrief"]["questions"] = ["<style>body{display:none}</style>"]
    scenario = tmp_path / "minimal.yaml"
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    folder = _workshop(tmp_path, scenario)
    workshop = load_workshop(folder)
    seat = TeamSeat.open(workshop, "Red")
    while not seat.session.is_over:
        if seat.pending_pause() is not None:
            seat.release(workshop.file.facilitator_word)
        elif seat.session.pending_event() is not None:
            seat.choose(0)
        else:
            if seat.prediction_due():
                seat.predict("up")
            seat.play_turn(seat.session.suggest("force"))
    # A second file whose team name is markup, and one whose team name is a spreadsheet formula.
    for name, team in (("Blue", "<img src=x onerror=alert(4)>"), ("Green", "=HYPERLINK(\"http://x\")")):
        file = seat.to_file().model_copy(update={"team": team})
        (workshop.sessions_dir / f"{name}.json").write_bytes(encode_session(file))
    html_path, csv_path, _report = write(workshop)
    page = html_path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= SAFE_TAGS, parser.tags - SAFE_TAGS
    assert not parser.handlers, parser.handlers
    assert "&lt;script&gt;" in page or "&lt;/svg&gt;" in page
    assert "Content-Security-Policy" in page
    rows = csv_path.read_text(encoding="utf-8").splitlines()
    assert any(row.startswith(("'=HYPERLINK", "\"'=HYPERLINK")) for row in rows), rows
    assert not any(row.startswith("=") for row in rows)


def test_a_save_round_trips_through_encode_and_read(tmp_path: Path) -> None:
    data = _played_save(tmp_path)
    path = tmp_path / "a.json"
    from game.session.saves import SaveFile

    path.write_bytes(encode_save(SaveFile.model_validate(data)))
    assert read_save(path).model_dump(mode="json") == data


def test_a_workshop_whose_sessions_folder_is_a_link_elsewhere_is_refused(tmp_path: Path) -> None:
    folder = _workshop(tmp_path, FIXTURE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "sessions").rmdir()
    (folder / "sessions").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(WorkshopError, match="not an ordinary folder"):
        load_workshop(folder)


def test_a_session_file_that_is_a_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    folder = _workshop(tmp_path, FIXTURE)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    (folder / "sessions" / "Red.json").symlink_to(outside)
    workshop = load_workshop(folder)
    with pytest.raises(SessionFileError):  # it is not a session file, so the team cannot resume from it
        TeamSeat.open(workshop, "Red")
    (folder / "sessions" / "Red.json").unlink()
    (folder / "sessions" / "Red.json").symlink_to(outside)
    from game.workshop.files import write_atomic

    write_atomic(folder / "sessions" / "Red.json", b"{}")
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (folder / "sessions" / "Red.json").is_symlink()


def test_a_session_file_with_nan_in_its_numbers_is_refused(tmp_path: Path) -> None:
    folder = _workshop(tmp_path, FIXTURE)
    workshop = load_workshop(folder)
    seat = TeamSeat.open(workshop, "Red")
    seat.play_turn(seat.session.suggest("partner"))
    data = json.loads(encode_session(seat.to_file()))
    first = next(iter(data["trajectory"][1]["trust"]))
    data["trajectory"][1]["trust"][first] = float("nan")
    path = folder / "sessions" / "Red.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN, and reads it back
    with pytest.raises(SessionFileError, match="finite"):
        read_session(path)


def test_a_scenario_title_with_bidirectional_marks_still_saves_without_them(tmp_path: Path) -> None:
    from game.scenario.loader import load_text

    text = FIXTURE.read_text(encoding="utf-8").replace("  title: Joining up care in Eastvale",
                                                       "  title: \"\\u202bJoining up care\\u202c in Eastvale\"")
    session = Session.new(load_text(text), 5, None, autosave=False)
    session.play_turn([])
    session.save(tmp_path / "game.json")
    assert read_save(tmp_path / "game.json").scenario.title == "Joining up care in Eastvale"


def test_a_session_file_whose_team_reorders_the_terminal_is_refused(tmp_path: Path) -> None:
    folder = _workshop(tmp_path, FIXTURE)
    seat = TeamSeat.open(load_workshop(folder), "Red")
    seat.play_turn([])
    data = json.loads(encode_session(seat.to_file()))
    data["team"] = "Red\u202e"
    path = folder / "sessions" / "Red.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionFileError, match="damaged or edited"):
        read_session(path)
