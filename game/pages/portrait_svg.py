"""A stakeholder's drawn face as inline SVG, for the pages (the debrief export; a web seat later).

The shapes come from :func:`game.faces.portrait`, the same as the desktop
game draws, so a face looks the same on screen and on paper. The SVG holds
only shapes and colours the game chose (no text from the scenario), cut to a
disc by a clip path whose id is unique on the page.
"""

from __future__ import annotations

from game.faces import Ellipse, Face, Mood, Polygon, Shape, portrait


def _number(value: float) -> str:
    return f"{value * 100:.2f}".rstrip("0").rstrip(".")


def _shape(shape: Shape) -> str:
    if isinstance(shape, Ellipse):
        return (f'<ellipse cx="{_number(shape.cx)}" cy="{_number(shape.cy)}" rx="{_number(shape.rx)}" '
                f'ry="{_number(shape.ry)}" fill="{shape.fill}"/>')
    points = " ".join(f"{_number(x)},{_number(y)}" for x, y in shape.points)
    if isinstance(shape, Polygon):
        return f'<polygon points="{points}" fill="{shape.fill}"/>'
    tag = "polygon" if shape.closed else "polyline"
    return (f'<{tag} points="{points}" fill="none" stroke="{shape.colour}" stroke-width="{_number(shape.width)}" '
            'stroke-linecap="round" stroke-linejoin="round"/>')


def face_svg(face: Face, mood: Mood, size: int, clip_id: str) -> str:
    """The face with the expression of ``mood`` as an ``<svg>`` element ``size`` pixels across.

    ``clip_id`` must be unique on the page (letters, digits, ``-`` and ``_``)."""
    safe = "".join(c for c in clip_id if c.isalnum() or c in "-_") or "face"
    body = "".join(_shape(s) for s in portrait(face, mood))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(size)}" height="{int(size)}" viewBox="0 0 100 100" '
            f'role="img" aria-hidden="true"><defs><clipPath id="{safe}"><circle cx="50" cy="50" r="50"/></clipPath></defs>'
            f'<g clip-path="url(#{safe})">{body}</g></svg>')
