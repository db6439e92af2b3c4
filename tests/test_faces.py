"""Stakeholders' faces: deterministic, distinct in every shipped scenario, with an expression that follows the
numbers; author portraits checked like every file a scenario names; both renderers draw the same shapes."""

from __future__ import annotations

import itertools
import re
import struct
import zlib
from pathlib import Path

import pygame
import pytest

from game import faces
from game.faces import MOODS, Ellipse, Polygon, Stroke, cast, face_of, mood_of, portrait
from game.pages.portrait_svg import face_svg
from game.scenario import loader, portrait_files

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal.yaml"


def shipped() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def test_a_face_depends_only_on_id_and_kind() -> None:
    assert face_of("consultants", "clinicians") == face_of("consultants", "clinicians")
    assert face_of("consultants", "clinicians") != face_of("consultants_2", "clinicians")
    # Clothes follow the kind: two kinds dress differently, whoever wears them.
    assert face_of("a", "staff").clothes != face_of("a", "regulator").clothes
    # The same on every run and machine (a keyed hash, not Python's salted one): pinned.
    assert face_of("consultants", "clinicians") == faces.Face(
        head="oval", skin="#EDC0A0", hair_colour="#4A3020", hair="bald", glasses="round", facial_hair="moustache",
        collar="round", clothes="#5FA8A0", background="#DFEEEC")


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_every_pair_of_stakeholders_in_a_shipped_scenario_looks_different(path: Path) -> None:
    sc = loader.load(path)
    drawn = cast((s.id, s.kind) for s in sc.stakeholders)
    assert list(drawn) == [s.id for s in sc.stakeholders]
    for (a, fa), (b, fb) in itertools.combinations(drawn.items(), 2):
        assert fa.differences(fb) >= faces.MIN_DIFFERENCES, (path.stem, a, b, fa, fb)
        # ... and the pictures differ too, in every mood.
        for mood in MOODS:
            assert portrait(fa, mood) != portrait(fb, mood)


def test_a_cast_keeps_earlier_faces_when_someone_joins() -> None:
    pairs = [("board", "provider"), ("union", "staff"), ("mayor", "political")]
    first = cast(pairs)
    more = cast([*pairs, ("press", "media")])
    assert all(first[k] == more[k] for k in first)


@pytest.mark.parametrize(("trust", "support", "blocked", "mood"), [
    (0.7, 0.8, False, "warm"),
    (0.45, 0.55, False, "warm"),  # both thresholds reached
    (0.44, 0.9, False, "wary"),  # supports, but does not trust enough to look warm
    (0.6, 0.5, False, "wary"),
    (0.5, 0.2, False, "wary"),  # opposes, but trusts you: wary, not hostile
    (0.3, 0.2, False, "hostile"),
    (0.2, 0.9, False, "hostile"),  # no trust left, whatever the support
    (0.9, 0.9, True, "blocking"),
])
def test_the_mood_follows_trust_support_and_blocks(trust: float, support: float, blocked: bool, mood: str) -> None:
    assert mood_of(trust, support, blocked) == mood


def test_each_mood_draws_a_different_expression() -> None:
    face = face_of("consultants", "clinicians")
    drawn = {mood: portrait(face, mood) for mood in MOODS}
    assert len(set(drawn.values())) == len(MOODS)
    # Only a blocking face raises its hand (more shapes than the others).
    assert len(drawn["blocking"]) > max(len(drawn[m]) for m in ("warm", "wary", "hostile"))


def test_the_mouth_smiles_when_warm_and_frowns_when_hostile() -> None:
    face = face_of("consultants", "clinicians")

    def mouth(mood: str) -> Stroke:
        strokes = [s for s in portrait(face, mood) if isinstance(s, Stroke) and len(s.points) == 7]
        return strokes[0]

    for mood, corners_higher in (("warm", True), ("hostile", False)):
        points = mouth(mood).points
        middle_y, corner_y = points[3][1], points[0][1]
        assert (corner_y < middle_y) is corners_higher, mood  # y grows downwards


def test_svg_holds_the_same_shapes_as_the_desktop_draws() -> None:
    face = face_of("mayor", "political")
    svg = face_svg(face, "hostile", 48, "face-1")
    shapes = portrait(face, "hostile")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<ellipse") == sum(isinstance(s, Ellipse) for s in shapes)
    assert svg.count("<polygon") + svg.count("<polyline") == sum(isinstance(s, (Polygon, Stroke)) for s in shapes)
    assert 'width="48"' in svg and 'clip-path="url(#face-1)"' in svg
    # An unsafe id never reaches the markup.
    assert "<script" not in face_svg(face, "warm", 48, '"><script>')
    assert re.search(r'id="[A-Za-z0-9_-]+"', face_svg(face, "warm", 48, '"><script>'))


def test_the_desktop_portrait_is_cached_and_anti_aliased() -> None:
    from game.ui import portraits

    pygame.init()
    face = face_of("mayor", "political")
    a = portraits.face_image(face, "warm", 64)
    assert portraits.face_image(face, "warm", 64) is a  # cached per (face, mood, size)
    assert a.get_size() == (64, 64)
    assert a.get_at((0, 0)).a == 0  # outside the disc
    soft = sum(0 < a.get_at((x, y)).a < 255 for x in range(64) for y in range(64))
    assert soft > 40  # the disc's rim fades over a pixel: anti-aliased, not a hard step
    assert portraits.face_image(face, "hostile", 64) is not a


# --------------------------------------------------------------------------
# Author portraits: PNG files named by the scenario


def png(width: int, height: int) -> bytes:
    """A real, small PNG of ``width`` × ``height`` (one grey), written by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (portrait_files.PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def scenario_with_portrait(tmp_path: Path, name: str) -> Path:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "    kind: primary_care\n", f"    kind: primary_care\n    portrait: {name}\n", 1)
    path = tmp_path / "minimal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def portrait_problems(tmp_path: Path, name: str) -> list[str]:
    result = loader.validate_path(scenario_with_portrait(tmp_path, name))
    assert result.scenario is not None, [str(p) for p in result.problems]  # a bad picture never stops the scenario
    return [str(p) for p in result.problems if "portrait" in str(p) or "PNG" in str(p) or "face" in str(p)]


def test_a_good_portrait_loads_and_is_drawn(tmp_path: Path) -> None:
    (tmp_path / "faces").mkdir()
    (tmp_path / "faces" / "gp.png").write_bytes(png(64, 64))
    assert portrait_problems(tmp_path, "faces/gp.png") == []
    sc = loader.load(scenario_with_portrait(tmp_path, "faces/gp.png"))
    from game.ui import portraits

    pygame.init()
    image = portraits.portrait_image(sc, tmp_path, "gp_federation", "warm", 40)
    assert image.get_size() == (40, 40)
    centre = image.get_at((20, 20))
    assert abs(centre.r - 0x80) <= 2 and centre.r == centre.g == centre.b  # the author's grey, not a drawn face


@pytest.mark.parametrize(("write", "name", "said"), [
    (None, "faces/nobody.png", "there is no file"),
    (b"GIF89a" + b"\x00" * 40, "gp.png", "not a PNG picture"),
    (portrait_files.PNG_SIGNATURE + b"\x00\x00", "gp.png", "header is cut or damaged"),
    ("big", "gp.png", "may be at most 2,048 kB"),
    ((3000, 40), "gp.png", "each side of a portrait must be 32 to 2048 pixels"),
    ((16, 16), "gp.png", "each side of a portrait must be 32 to 2048 pixels"),
    ((2048, 1024), "gp.png", "at most 1,048,576 pixels"),
    (None, "../gp.png", "cannot name a portrait"),
    (None, "/etc/passwd.png", "cannot name a portrait"),
    (None, "gp.jpg", "is not a PNG file"),
])
def test_a_bad_portrait_is_a_warning_at_its_line_with_what_to_do(tmp_path: Path, write: object, name: str,
                                                                    said: str) -> None:
    target = tmp_path / name
    if isinstance(write, bytes):
        target.write_bytes(write)
    elif isinstance(write, tuple):
        target.write_bytes(png(*write))
    elif write == "big":
        target.write_bytes(png(64, 64) + b"\x00" * (portrait_files.MAX_BYTES + 10))
    problems = portrait_problems(tmp_path, name)
    assert len(problems) == 1, problems
    line = scenario_with_portrait(tmp_path, name).read_text().splitlines().index(f"    portrait: {name}") + 1
    assert re.match(rf".*minimal\.yaml:{line}:15: warning: ", problems[0]), problems[0]
    assert said in problems[0]
    assert "the game draws a face" in problems[0]
    # ... and the game falls back to the drawn face.
    sc = loader.load(scenario_with_portrait(tmp_path, name))
    assert portrait_files.portrait_path(tmp_path, name) is None
    from game.ui import portraits

    pygame.init()
    drawn = portraits.portrait_image(sc, tmp_path, "gp_federation", "wary", 40)
    expected = portraits.face_image(cast((s.id, s.kind) for s in sc.stakeholders)["gp_federation"], "wary", 40)
    assert pygame.image.tobytes(drawn, "RGBA") == pygame.image.tobytes(expected, "RGBA")


def test_a_picture_pygame_cannot_decode_falls_back_to_the_drawn_face(tmp_path: Path) -> None:
    """A file with a good header but broken data passes the checks; pygame's refusal is not a crash."""
    broken = png(64, 64)[:40] + b"\x00" * 60
    (tmp_path / "gp.png").write_bytes(broken)
    sc = loader.load(scenario_with_portrait(tmp_path, "gp.png"))
    from game.ui import portraits

    pygame.init()
    image = portraits.portrait_image(sc, tmp_path, "gp_federation", "wary", 40)
    assert image.get_size() == (40, 40)


def test_a_scenario_given_as_text_cannot_name_a_portrait() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("    kind: primary_care\n", "    kind: primary_care\n    portrait: a.png\n", 1)
    result = loader.validate_text(text, "minimal.yaml")
    assert result.scenario is not None
    assert any("given as text" in str(p) and p.severity == "warning" for p in result.problems)


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_no_shipped_scenario_warns_about_portraits(path: Path) -> None:
    result = loader.validate_path(path)
    assert not [p for p in result.problems if "portrait" in str(p)]


def test_the_debrief_page_shows_each_stakeholder_with_a_face() -> None:
    from game.session import Session
    from game.ui.debrief_html import render

    sc = loader.load(SCENARIOS / "tutorial.yaml")
    session = Session.new(sc, 3, autosave=False, lang="en")
    while not session.is_over:
        session.play_turn(session.suggest("balanced"))
        while session.pending_event() is not None:
            session.choose(session.suggest_choice("balanced"))
    page = render(session, [], None)
    assert page.count("<svg") == len(sc.stakeholders)
    assert len(set(re.findall(r'clipPath id="([\w-]+)"', page))) == len(sc.stakeholders)  # one id per face
