"""Faces and voices on the stakeholder map: each node's portrait, and the speech bubbles after a turn.

A node's face fills the disc inside its trust ring, drawn over the kind's
symbol and its support fill (which show around the head), so every encoding
of the map stays. A bubble is placed beside its speaker's node, inside the
map, clear of every name, every speaker's face and the other bubbles, with a
tail to the node; clear of every face too where the map leaves room, else
hiding as little of the silent ones as it can. Its words are wrapped to a few
lines and never cut mid-word. A line with no such place is left to the turn's
summary.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.faces import Mood, mood_of
from game.session.playthrough import Session
from game.session.views import ReactionView, StakeholderView
from game.ui import layout, portraits, text

if TYPE_CHECKING:
    from game.ui.map import NodeWidget
    from game.ui.theme import Theme

BUBBLE_WIDTH = 200  # design pixels, at most
BUBBLE_LINES = 5
TAIL_MOST = 90  # design pixels: a bubble further from its speaker is left to the summary


def view_mood(view: StakeholderView) -> Mood:
    return mood_of(view.trust, view.support, view.blocked)


def portrait_of(session: Session, view: StakeholderView, size: int, *, backdrop: bool = True) -> pygame.Surface:
    """The stakeholder's portrait with the expression its numbers give it now."""
    folder = session.source_path.parent if session.source_path is not None else None
    return portraits.portrait_image(session.scenario, folder, view.id, view_mood(view), size, backdrop=backdrop)


def face_diameter(theme: Theme, radius: float) -> int:
    """The face inside a node of ``radius``: the whole disc within the trust ring."""
    return max(8, int(2 * (radius - theme.px("ring_width") - theme.px(1))))


def draw_node_face(surface: pygame.Surface, node: NodeWidget, image: pygame.Surface) -> None:
    """The face over the node's symbol (its fill shows round the head)."""
    surface.blit(image, image.get_rect(center=node.centre))


# --------------------------------------------------------------------------
# Speech bubbles


@dataclass(frozen=True)
class Bubble:
    who: str
    rect: pygame.Rect
    lines: tuple[str, ...]
    tail: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


def name_rect(theme: Theme, node: NodeWidget) -> pygame.Rect:
    """Where a node's name is written: its label's lines as wide as their words, not the whole label."""
    from game.ui.map import name_lines

    label = node.label_rect(theme)
    font = theme.font("small_bold")
    lines = name_lines(theme, node.data.name, label.width, node.label_lines)
    width = max((font.size(line)[0] for line in lines), default=0) + theme.px(4)
    return pygame.Rect(label.centerx - width // 2, label.top, width, label.height)


@dataclass
class _Room:
    """Where a bubble for ``who`` may go, and what it would cover there (the less, the better)."""

    theme: Theme
    area: pygame.Rect
    faces: dict[str, pygame.Rect]
    names: dict[str, pygame.Rect]
    placed: list[Bubble]
    who: str
    node: NodeWidget
    speakers: set[str]  # everyone who speaks this turn: their faces stay in view

    def clear(self, rect: pygame.Rect, *, strict: bool) -> bool:
        """Whether a bubble at ``rect`` leaves every name, every speaker's face and every bubble already placed whole,
        its tail passing over no speaker's face; ``strict``: every face (ring and all) and no face under the tail."""
        inside = rect.clamp(self.area)
        sliver = self.theme.px(3)
        if any(min(inside.clip(b).size) > sliver for b in self.names.values()):
            return False
        kept = [face for who, face in self.faces.items() if strict or who in self.speakers]
        if any(min(inside.clip(face).size) > sliver for face in kept):
            return False
        tail = _tail(self.theme, inside, self.node, self.names[self.who])
        if math.hypot(tail[2][0] - tail[0][0], tail[2][1] - tail[0][1]) > self.theme.px(TAIL_MOST):
            return False  # too far to read as the speaker's
        if any(face.clipline(tail[2], _root_middle(tail)) for who, face in self.faces.items() if who != self.who and face in kept):
            return False
        return not any(inside.colliderect(b.rect.inflate(self.theme.px(4), self.theme.px(4))) for b in self.placed)

    def cost(self, rect: pygame.Rect) -> float:
        """The better the fewer faces it hides, the nearer its speaker, with a short tail that crosses no name."""
        theme, node = self.theme, self.node
        inside = rect.clamp(self.area)
        hidden = sum(inside.clip(face).width * inside.clip(face).height for face in self.faces.values())
        tail = _tail(theme, inside, node, self.names[self.who])
        crossed = sum(1 for b in self.names.values() if b.clipline(tail[2], _root_middle(tail)))
        crossed_faces = sum(1 for who, face in self.faces.items() if who != self.who and face.clipline(tail[2], _root_middle(tail)))
        length = math.hypot(tail[2][0] - tail[0][0], tail[2][1] - tail[0][1])
        # A tail across a name hides it as a bubble would: worth any detour.
        return (20 * hidden + (60 * crossed + 10 * crossed_faces) * theme.px(80) * theme.px(10)
                + 10 * math.hypot(inside.centerx - node.centre[0], inside.centery - node.centre[1]) + 30 * length)


def _root_middle(tail: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]) -> tuple[int, int]:
    return (tail[0][0] + tail[1][0]) // 2, (tail[0][1] + tail[1][1]) // 2


def _tail(theme: Theme, rect: pygame.Rect, node: NodeWidget, own_name: pygame.Rect
          ) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """The tail's root (two points on the bubble's edge) and tip: at the node, or at the foot of the
    speaker's name for a bubble below it (so the tail never crosses the name)."""
    pad, base = theme.px(7), theme.px(7)
    cx, cy = node.centre
    below = rect.top >= own_name.bottom - theme.px(2)
    if below:
        target = (max(own_name.left + pad, min(own_name.right - pad, rect.centerx)), own_name.bottom - theme.px(2))
    else:
        target = (cx, cy)
    bx = max(rect.left + pad, min(rect.right - pad, target[0]))
    by = rect.bottom if rect.centery < target[1] else rect.top
    if not below and rect.top <= cy <= rect.bottom:
        bx = rect.right if rect.centerx < cx else rect.left
        by = max(rect.top + pad, min(rect.bottom - pad, cy))
    root = ((bx - base, by), (bx + base, by)) if by in (rect.top, rect.bottom) else ((bx, by - base), (bx, by + base))
    towards = (target[0] - bx, target[1] - by)
    length = max(1.0, math.hypot(*towards))
    stop = 0.0 if below else node.radius + theme.px(3)
    reach = max(0.0, length - stop)
    tip = (int(bx + towards[0] / length * reach), int(by + towards[1] / length * reach))
    return root[0], root[1], tip


_placed: dict[tuple[object, ...], list[Bubble]] = {}  # the last placement, kept while nothing moves


def place_bubbles(theme: Theme, area: pygame.Rect, nodes: dict[str, NodeWidget],
                  said: Sequence[ReactionView]) -> list[Bubble]:
    """Where each line goes: beside its speaker, inside ``area``, covering as little as it can (worked out
    once for a map and its lines, then reused frame after frame)."""
    key = (theme.scale, tuple(area), tuple(said),
           tuple((who, node.centre, node.radius, node.label_px, node.label_lines, node.data.name) for who, node in nodes.items()))
    if key not in _placed:
        _placed.clear()
        _placed[key] = _place(theme, area, nodes, said)
    return list(_placed[key])


def _place(theme: Theme, area: pygame.Rect, nodes: dict[str, NodeWidget], said: Sequence[ReactionView]) -> list[Bubble]:
    font = theme.font("small")
    pad = theme.px(7)
    width = min(theme.px(BUBBLE_WIDTH), max(theme.px(120), area.width // 3))
    faces = {who: node.rect.inflate(theme.px(4), theme.px(4)) for who, node in nodes.items()}
    speakers = {r.who for r in said}
    names = {who: name_rect(theme, node).inflate(theme.px(2), theme.px(2)) for who, node in nodes.items()}
    placed: list[Bubble] = []
    for reaction in said:
        node = nodes.get(reaction.who)
        if node is None:
            continue
        # Shapes to try: the full width, and narrower and taller for a crowded map; never a cut line.
        shapes: list[tuple[int, int, list[str]]] = []
        for w_try in (width, width * 3 // 4, width * 3 // 5, width * 5 // 4):
            lines = text.wrap(reaction.text, font, min(w_try, area.width) - 2 * pad)
            if len(lines) > BUBBLE_LINES:
                continue
            w = max(font.size(line)[0] for line in lines) + 2 * pad
            shapes.append((w, len(lines) * font.get_linesize() + 2 * pad, lines))
        cx, cy = node.centre
        r = int(node.radius) + theme.px(6)
        # Around the node at twelve bearings, near and further out; and in each room the faces, names and bubbles
        # leave free, as near the node as that room allows.
        candidates: list[tuple[pygame.Rect, list[str]]] = []
        free = layout.clear_rects(area, [*faces.values(), *names.values(), *(b.rect for b in placed)], theme.px(2))
        for w, h, lines in shapes:
            for step in range(12):
                angle = math.radians(step * 30 - 60)
                for reach in (1.0, 1.5, 2.1, 2.8):
                    x = cx + math.cos(angle) * (r + w / 2) * reach
                    y = cy + math.sin(angle) * (r + h / 2) * reach
                    candidates.append((pygame.Rect(int(x - w / 2), int(y - h / 2), w, h), lines))
            for spot in free:
                if spot.width >= w and spot.height >= h:
                    candidates.append((pygame.Rect(cx - w // 2, cy - h // 2, w, h).clamp(spot), lines))
        room = _Room(theme, area, faces, names, placed, reaction.who, node, speakers)
        # Clear of every face if it can be; else hiding as little of the silent ones as it can, for the moment before
        # a plan is begun. A line that cannot be placed clear of the names, the speakers and the other bubbles is left
        # to the summary.
        clear = [c for c in candidates if room.clear(c[0], strict=True)] or [c for c in candidates if room.clear(c[0], strict=False)]
        if not clear:
            continue
        chosen, lines = min(clear, key=lambda c: room.cost(c[0]))
        best = chosen.clamp(area)
        placed.append(Bubble(reaction.who, best, tuple(lines), _tail(theme, best, node, names[reaction.who])))
    return placed


def draw_bubbles(surface: pygame.Surface, theme: Theme, bubbles: Sequence[Bubble]) -> None:
    """Each bubble: a white card with a border and a tail to its speaker, its words in ink."""
    font = theme.font("small")
    pad = theme.px(7)
    border = theme.colour("text")
    for bubble in bubbles:
        shadow = bubble.rect.move(theme.px(2), theme.px(2))
        pygame.draw.rect(surface, theme.colour("border"), shadow, border_radius=theme.px(8))
        pygame.draw.polygon(surface, theme.colour("panel"), bubble.tail)
        pygame.draw.aalines(surface, border, False, [bubble.tail[0], bubble.tail[2], bubble.tail[1]])
        pygame.draw.rect(surface, theme.colour("panel"), bubble.rect, border_radius=theme.px(8))
        pygame.draw.rect(surface, border, bubble.rect, max(1, theme.px(1)), border_radius=theme.px(8))
        # Cover the border where the tail joins the bubble.
        pygame.draw.line(surface, theme.colour("panel"), bubble.tail[0], bubble.tail[1], max(1, theme.px(2)))
        y = bubble.rect.top + pad
        for line in bubble.lines:
            text.draw(surface, line, font, theme.colour("text"), (bubble.rect.left + pad, y))
            y += font.get_linesize()
