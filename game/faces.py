"""Stakeholders' faces: a drawn portrait for each, and its expression from the game's numbers.

A face is chosen from a stakeholder's id and kind only (a keyed hash, never
Python's salted ``hash``), so the same stakeholder looks the same in every
game, on every machine and in every front end. :func:`cast` gives a whole
scenario's faces and re-draws any that would look too much like another
(fewer than :data:`MIN_DIFFERENCES` features apart), still deterministically.

The expression follows the stakeholder's state (:func:`mood_of`); the
thresholds are the ones ``docs/authoring.md`` states:

* **blocking**: it blocked a push in the turn just played;
* **hostile**: support below :data:`HOSTILE_SUPPORT` (it opposes the change,
  hatched on the map) while trust is below :data:`WARY_TRUST`, or trust
  below :data:`HOSTILE_TRUST` whatever its support;
* **warm**: support at least :data:`WARM_SUPPORT` and trust at least
  :data:`WARY_TRUST`;
* **wary**: everything between.

:func:`portrait` turns a face and a mood into plain shapes on a unit square
(ellipses, polygons and strokes with ``#rrggbb`` colours), in one flat style;
the desktop game (``game/ui/portraits.py``) and the pages
(``game/pages/portrait_svg.py``) only draw those shapes. Nothing here imports
pygame.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Literal

Mood = Literal["warm", "wary", "hostile", "blocking"]
MOODS: tuple[Mood, ...] = ("warm", "wary", "hostile", "blocking")

WARM_SUPPORT = 0.55  # support from which a trusting stakeholder looks warm
WARY_TRUST = 0.45  # trust below which an opponent looks hostile, and under which nobody looks warm
HOSTILE_SUPPORT = 0.4  # support below which a stakeholder opposes the change (the map hatches it)
HOSTILE_TRUST = 0.25  # trust below which a stakeholder looks hostile whatever its support
MIN_DIFFERENCES = 2  # features in which any two faces of one scenario differ

HEADS = ("round", "oval", "wide", "long", "square")
SKINS = ("#F6D7C3", "#EDC0A0", "#D9A27E", "#B97F5B", "#8D5A3C", "#5E3B26")
HAIR_COLOURS = ("#1E1A18", "#4A3020", "#7A4E2D", "#B5823F", "#D9C08A", "#9A9A98", "#E6E3DD", "#8E3B22")
HAIR_STYLES = ("short", "side_part", "bun", "long", "bald", "curly", "crop", "bob")
GLASSES = ("none", "none", "none", "round", "square")
FACIAL_HAIR = ("none", "none", "none", "moustache", "beard")
COLLARS = ("open", "tie", "scarf", "round")

# Clothing by kind of stakeholder: who they are reads from what they wear, in every scenario.
KIND_CLOTHES = {
    "provider": "#2F5D8A",
    "clinicians": "#5FA8A0",
    "primary_care": "#4C8C4A",
    "local_government": "#7A5C99",
    "commissioner": "#3F4B5B",
    "regulator": "#2B2D42",
    "national": "#1F3A60",
    "patients": "#C9733B",
    "staff": "#B8483E",
    "media": "#C29A2B",
    "political": "#6D2E46",
    "private": "#4F4F4F",
    "other": "#6B7B8C",
}
# Kinds a scenario declares itself get one of these, by a hash of the kind's id.
OTHER_CLOTHES = ("#3D6B8C", "#8C5A3D", "#5B7F3A", "#7D4F8C", "#8C3D55", "#3D8C7B", "#6E6E3A", "#4A4A7A")
INK = "#1B1F27"
WHITE = "#FFFFFF"


@dataclass(frozen=True)
class Face:
    """What a stakeholder looks like, whatever its mood."""

    head: str
    skin: str
    hair_colour: str
    hair: str
    glasses: str
    facial_hair: str
    collar: str
    clothes: str
    background: str

    def differences(self, other: Face) -> int:
        """In how many features (background aside, which follows the kind) two faces differ."""
        return sum(getattr(self, f.name) != getattr(other, f.name) for f in fields(self) if f.name != "background")


def _digest(*parts: str) -> bytes:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16, person=b"shove-faces").digest()


def face_of(stakeholder: str, kind: str, salt: int = 0) -> Face:
    """The face of stakeholder ``stakeholder`` of kind ``kind`` (``salt`` re-draws it, for :func:`cast`)."""
    d = _digest(stakeholder, kind, str(salt))
    clothes = KIND_CLOTHES.get(kind) or OTHER_CLOTHES[_digest(kind)[0] % len(OTHER_CLOTHES)]
    hair = HAIR_STYLES[d[3] % len(HAIR_STYLES)]
    facial = FACIAL_HAIR[d[5] % len(FACIAL_HAIR)] if hair not in ("bun", "long", "bob") else "none"
    return Face(
        head=HEADS[d[0] % len(HEADS)],
        skin=SKINS[d[1] % len(SKINS)],
        hair_colour=HAIR_COLOURS[d[2] % len(HAIR_COLOURS)],
        hair=hair,
        glasses=GLASSES[d[4] % len(GLASSES)],
        facial_hair=facial,
        collar=COLLARS[d[6] % len(COLLARS)],
        clothes=clothes,
        background=_mix(clothes, WHITE, 0.8),
    )


def cast(stakeholders: Iterable[tuple[str, str]]) -> dict[str, Face]:
    """The faces of a scenario's stakeholders ((id, kind) pairs, in the scenario's order): each one's own
    face, re-drawn with the next salt while it is fewer than :data:`MIN_DIFFERENCES` features from an
    earlier one (so adding a stakeholder never changes the faces before it)."""
    out: dict[str, Face] = {}
    for stakeholder, kind in stakeholders:
        face = face_of(stakeholder, kind)
        for salt in range(1, 64):
            if all(face.differences(other) >= MIN_DIFFERENCES for other in out.values()):
                break
            face = face_of(stakeholder, kind, salt)
        out[stakeholder] = face
    return out


def mood_of(trust: float, support: float, blocked: bool = False) -> Mood:
    """The expression for a stakeholder's trust in the chief executive and support for the change (0 to 1),
    and whether it blocked a push in the turn just played."""
    if blocked:
        return "blocking"
    if trust < HOSTILE_TRUST or (support < HOSTILE_SUPPORT and trust < WARY_TRUST):
        return "hostile"
    if support >= WARM_SUPPORT and trust >= WARY_TRUST:
        return "warm"
    return "wary"


# --------------------------------------------------------------------------
# The portrait as shapes on a unit square (x right, y down, 0 to 1)


Point = tuple[float, float]


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float
    fill: str


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    fill: str


@dataclass(frozen=True)
class Stroke:
    """A line through ``points`` (closed back to the first when ``closed``), ``width`` of the square wide."""

    points: tuple[Point, ...]
    width: float
    colour: str
    closed: bool = False


Shape = Ellipse | Polygon | Stroke


@dataclass(frozen=True)
class Expression:
    brow_tilt: float  # raised at the middle (+) to drawn down and in (-)
    brow_lift: float  # how high the brows sit above the eyes
    mouth_curve: float  # smile (+) to frown (-)
    mouth_width: float
    eye_open: float  # 1 open, smaller narrowed
    hand: bool  # a raised palm: blocking


EXPRESSIONS: dict[Mood, Expression] = {
    "warm": Expression(brow_tilt=0.45, brow_lift=0.08, mouth_curve=1.0, mouth_width=0.1, eye_open=1.0, hand=False),
    "wary": Expression(brow_tilt=0.0, brow_lift=0.068, mouth_curve=0.0, mouth_width=0.075, eye_open=0.8, hand=False),
    "hostile": Expression(brow_tilt=-1.0, brow_lift=0.055, mouth_curve=-0.8, mouth_width=0.085, eye_open=0.65, hand=False),
    "blocking": Expression(brow_tilt=-1.2, brow_lift=0.05, mouth_curve=-0.3, mouth_width=0.095, eye_open=0.6, hand=True),
}

# The backdrop's lean by mood: the colour and how far towards it (the palette's good and bad colours).
MOOD_TINTS: dict[Mood, tuple[str, float]] = {
    "warm": ("#009E73", 0.18),
    "wary": ("#FFFFFF", 0.0),
    "hostile": ("#D55E00", 0.2),
    "blocking": ("#D55E00", 0.45),
}

# Head half-width and half-height by shape, and how square its jaw is.
_HEADS: dict[str, tuple[float, float, float]] = {
    "round": (0.205, 0.235, 0.0),
    "oval": (0.19, 0.25, 0.0),
    "wide": (0.225, 0.23, 0.3),
    "long": (0.18, 0.26, 0.15),
    "square": (0.205, 0.24, 0.8),
}
HEAD_CX, HEAD_CY = 0.5, 0.44


def portrait(face: Face, mood: Mood, *, background: bool = True) -> tuple[Shape, ...]:
    """The shapes of ``face`` with the expression of ``mood``, back to front. Without ``background``
    (a face on a map node, whose own fill shows behind it) the backdrop disc is left out."""
    ex = EXPRESSIONS[mood]
    hw, hh, square = _HEADS.get(face.head, _HEADS["round"])
    shade = _mix(face.skin, INK, 0.18)
    hair = face.hair_colour
    out: list[Shape] = []
    if background:
        # The backdrop leans to the mood's colour, which still reads where the face is small.
        tint, share = MOOD_TINTS[mood]
        out.append(Ellipse(0.5, 0.5, 0.5, 0.5, _mix(face.background, tint, share)))
    # Hair that falls behind the head and shoulders.
    if face.hair == "long":
        out.append(Polygon((*_arc(HEAD_CX, HEAD_CY, hw + 0.045, hh + 0.04, 180, 360, 14), (HEAD_CX + hw + 0.06, HEAD_CY + hh + 0.06), (HEAD_CX - hw - 0.06, HEAD_CY + hh + 0.06)), hair))
    elif face.hair == "bob":
        out.append(Polygon((*_arc(HEAD_CX, HEAD_CY, hw + 0.04, hh + 0.03, 180, 360, 14), (HEAD_CX + hw + 0.045, HEAD_CY + 0.1), (HEAD_CX - hw - 0.045, HEAD_CY + 0.1)), hair))
    elif face.hair == "bun":
        out.append(Ellipse(HEAD_CX, HEAD_CY - hh - 0.035, 0.075, 0.06, hair))
    # Shoulders and collar.
    out.append(Ellipse(0.5, 1.02, 0.4, 0.28, face.clothes))
    out.append(Polygon(((0.45, HEAD_CY + hh - 0.03), (0.55, HEAD_CY + hh - 0.03), (0.56, 0.8), (0.44, 0.8)), shade))
    out.extend(_collar(face))
    # Ears, head and jaw.
    out.append(Ellipse(HEAD_CX - hw, HEAD_CY + 0.02, 0.035, 0.05, shade))
    out.append(Ellipse(HEAD_CX + hw, HEAD_CY + 0.02, 0.035, 0.05, shade))
    out.append(Ellipse(HEAD_CX, HEAD_CY, hw, hh, face.skin))
    if square > 0:
        jaw = hw * (0.75 + 0.2 * square)
        out.append(Polygon(((HEAD_CX - hw, HEAD_CY), (HEAD_CX + hw, HEAD_CY), (HEAD_CX + jaw, HEAD_CY + hh * 0.82),
                            (HEAD_CX + jaw * 0.6, HEAD_CY + hh), (HEAD_CX - jaw * 0.6, HEAD_CY + hh),
                            (HEAD_CX - jaw, HEAD_CY + hh * 0.82)), face.skin))
    out.extend(_hair_on_top(face, hw, hh))
    out.extend(_facial_hair(face, hw, hh))
    out.extend(_features(face, ex, hw, hh))
    if ex.hand:
        out.extend(_palm(face))
    # Closer in than drawn: the face, not the shoulders, fills a small disc.
    first = 1 if background else 0
    return tuple(out[:first]) + tuple(_zoomed(shape, ZOOM, (0.5, 0.5)) for shape in out[first:])


ZOOM = 1.18


def _zoomed(shape: Shape, k: float, centre: Point) -> Shape:
    def at(p: Point) -> Point:
        return centre[0] + (p[0] - centre[0]) * k, centre[1] + (p[1] - centre[1]) * k

    if isinstance(shape, Ellipse):
        x, y = at((shape.cx, shape.cy))
        return Ellipse(x, y, shape.rx * k, shape.ry * k, shape.fill)
    if isinstance(shape, Polygon):
        return Polygon(tuple(at(p) for p in shape.points), shape.fill)
    return Stroke(tuple(at(p) for p in shape.points), shape.width * k, shape.colour, shape.closed)


def _dark(colour: str) -> bool:
    """Whether features drawn in ink would vanish on this skin."""
    r, g, b = _rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 120


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, steps: int) -> tuple[Point, ...]:
    """Points along an ellipse from ``start`` to ``end`` degrees (0 is right, 90 down)."""
    return tuple((cx + rx * math.cos(math.radians(start + (end - start) * i / steps)),
                  cy + ry * math.sin(math.radians(start + (end - start) * i / steps))) for i in range(steps + 1))


def _collar(face: Face) -> list[Shape]:
    neck_y = 0.76
    if face.collar == "open":
        return [Polygon(((0.42, neck_y), (0.5, 0.88), (0.58, neck_y)), WHITE),
                Polygon(((0.445, neck_y), (0.5, 0.84), (0.555, neck_y)), _mix(face.skin, INK, 0.18))]
    if face.collar == "tie":
        return [Polygon(((0.42, neck_y), (0.5, 0.86), (0.58, neck_y)), WHITE),
                Polygon(((0.485, 0.8), (0.515, 0.8), (0.53, 0.98), (0.5, 1.0), (0.47, 0.98)), _mix(face.clothes, INK, 0.45))]
    if face.collar == "scarf":
        return [Ellipse(0.5, neck_y + 0.01, 0.11, 0.045, _mix(face.clothes, WHITE, 0.45)),
                Polygon(((0.53, neck_y), (0.6, 0.95), (0.55, 0.96)), _mix(face.clothes, WHITE, 0.45))]
    return [Ellipse(0.5, neck_y - 0.005, 0.075, 0.03, _mix(face.clothes, INK, 0.25))]


def _hair_on_top(face: Face, hw: float, hh: float) -> list[Shape]:
    hair = face.hair_colour
    cx, cy = HEAD_CX, HEAD_CY
    if face.hair == "bald":
        return [Polygon((*_arc(cx, cy, hw + 0.008, hh * 0.55, 160, 200, 4), (cx - hw * 0.8, cy + 0.03)), hair),
                Polygon((*_arc(cx, cy, hw + 0.008, hh * 0.55, -20, 20, 4), (cx + hw * 0.8, cy + 0.03)), hair)]
    if face.hair == "crop":
        return [Polygon(_arc(cx, cy - 0.01, hw + 0.01, hh + 0.01, 185, 355, 16), hair)]
    if face.hair == "curly":
        out: list[Shape] = []
        for i in range(9):
            a = math.radians(190 + 160 * i / 8)
            out.append(Ellipse(cx + (hw + 0.005) * math.cos(a), cy - 0.02 + (hh + 0.005) * math.sin(a), 0.055, 0.05, hair))
        out.append(Polygon(_arc(cx, cy - 0.02, hw, hh, 190, 350, 12), hair))
        return out
    if face.hair == "side_part":
        cap = _arc(cx, cy, hw + 0.015, hh + 0.02, 180, 360, 16)
        return [Polygon((*cap, (cx + hw, cy - hh * 0.2), (cx - hw * 0.2, cy - hh * 0.55), (cx - hw, cy - hh * 0.05)), hair)]
    if face.hair in ("long", "bob", "bun"):
        cap = _arc(cx, cy, hw + 0.015, hh + 0.02, 180, 360, 16)
        return [Polygon((*cap, (cx + hw * 0.9, cy - hh * 0.3), (cx, cy - hh * 0.62), (cx - hw * 0.9, cy - hh * 0.3)), hair)]
    # short
    cap = _arc(cx, cy, hw + 0.012, hh + 0.015, 185, 355, 16)
    return [Polygon((*cap, (cx + hw * 0.7, cy - hh * 0.6), (cx - hw * 0.7, cy - hh * 0.6)), hair)]


def _facial_hair(face: Face, hw: float, hh: float) -> list[Shape]:
    hair = face.hair_colour
    cx, cy = HEAD_CX, HEAD_CY
    if face.facial_hair == "beard":
        return [Polygon((*_arc(cx, cy + 0.02, hw * 0.98, hh * 0.98, 0, 180, 14), (cx - hw * 0.55, cy + hh * 0.45), (cx + hw * 0.55, cy + hh * 0.45)), hair)]
    if face.facial_hair == "moustache":
        y = cy + hh * 0.5
        return [Polygon(((cx - 0.06, y + 0.02), (cx - 0.02, y - 0.012), (cx + 0.02, y - 0.012), (cx + 0.06, y + 0.02),
                         (cx, y + 0.005)), hair)]
    return []


def _features(face: Face, ex: Expression, hw: float, hh: float) -> list[Shape]:
    cx, cy = HEAD_CX, HEAD_CY
    ink = INK
    eye_y = cy + 0.005
    dx = hw * 0.42
    out: list[Shape] = []
    for side in (-1, 1):
        x = cx + side * dx
        out.append(Ellipse(x, eye_y, 0.032, 0.03 * ex.eye_open, WHITE))
        out.append(Ellipse(x, eye_y, 0.019, 0.024 * ex.eye_open, ink))
        # Brows: the inner end drops for a frown and lifts for warmth.
        inner = (x - side * 0.04, eye_y - ex.brow_lift + 0.02 * -ex.brow_tilt)
        outer = (x + side * 0.045, eye_y - ex.brow_lift - 0.008)
        brow = _mix(face.hair_colour, ink, 0.3) if not _dark(face.skin) else _mix(face.hair_colour, WHITE, 0.25)
        out.append(Stroke((inner, outer), 0.026, brow))
    out.append(Stroke(((cx - 0.005, eye_y + 0.03), (cx - 0.018, eye_y + 0.075), (cx + 0.008, eye_y + 0.08)), 0.014,
                      _mix(face.skin, ink, 0.4)))
    mouth_y = cy + hh * 0.58
    w, bend = ex.mouth_width, ex.mouth_curve * 0.04
    # A smile lifts the corners above the middle; a frown drops them.
    mouth = tuple((cx + w * (i / 6 * 2 - 1), mouth_y + bend * (1 - (i / 6 * 2 - 1) ** 2) - bend) for i in range(7))
    out.append(Stroke(mouth, 0.026, _mix(face.skin, WHITE, 0.55) if _dark(face.skin) else ink))
    if face.glasses != "none":
        frame = _mix(ink, WHITE, 0.1)
        for side in (-1, 1):
            x = cx + side * dx
            if face.glasses == "round":
                ring = _arc(x, eye_y, 0.055, 0.05, 0, 360, 18)[:-1]
            else:
                ring = ((x - 0.06, eye_y - 0.04), (x + 0.06, eye_y - 0.04), (x + 0.055, eye_y + 0.045), (x - 0.055, eye_y + 0.045))
            out.append(Stroke(ring, 0.014, frame, closed=True))
        out.append(Stroke(((cx - dx + 0.055, eye_y - 0.01), (cx + dx - 0.055, eye_y - 0.01)), 0.012, frame))
    return out


def _palm(face: Face) -> list[Shape]:
    """A raised hand, palm out: the stakeholder stops the change."""
    skin = face.skin
    edge = _mix(skin, INK, 0.35)
    x0, y0, k = 0.66, 0.64, 1.35
    out: list[Shape] = [Ellipse(x0, y0 + 0.2, 0.09, 0.16, face.clothes)]
    fingers = [((x0 + dx * k, y0 - 0.02), (x0 + (dx + 0.004 * i) * k, y0 - 0.02 - length * k))
               for i, (dx, length) in enumerate(((-0.06, 0.09), (-0.022, 0.12), (0.018, 0.125), (0.055, 0.1)))]
    thumb = ((x0 - 0.075 * k, y0 + 0.04), (x0 - 0.12 * k, y0 - 0.03))
    # An outline first, so the palm stands out from a face of the same skin.
    out.append(Ellipse(x0, y0 + 0.02, 0.085 * k + 0.012, 0.095 * k + 0.012, edge))
    out.extend(Stroke(f, 0.036 * k + 0.024, edge) for f in (*fingers, thumb))
    out.append(Ellipse(x0, y0 + 0.02, 0.085 * k, 0.095 * k, skin))
    out.extend(Stroke(f, 0.036 * k, skin) for f in (*fingers, thumb))
    return out


# --------------------------------------------------------------------------
# Colours


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(a: str, b: str, share: float) -> str:
    """``a`` moved ``share`` of the way to ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(ra, rb, strict=True))


def rgb(colour: str) -> tuple[int, int, int]:
    """A ``#rrggbb`` colour as red, green and blue, 0 to 255."""
    return _rgb(colour)
