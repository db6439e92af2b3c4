"""Rich tooltip cards: a stakeholder's story in numbers, an action's forecast."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.ui import charts, text

if TYPE_CHECKING:
    from game.ui.theme import Theme

CardPainter = Callable[["Theme", int], pygame.Surface]
CARD_PICTURE = 60  # design pixels across: a card's portrait


@dataclass(frozen=True)
class Line:
    """One line of a card: text in a font role and colour."""

    words: str
    role: str = "small"
    colour: str = "tooltip_text"


@dataclass(frozen=True)
class Spark:
    """A labelled sparkline inside a card."""

    label: str
    values: Sequence[float]
    colour: int  # series index


@dataclass(frozen=True)
class CardSpec:
    lines: Sequence[Line]
    sparks: Sequence[Spark] = field(default_factory=tuple)
    after: Sequence[Line] = field(default_factory=tuple)
    picture: pygame.Surface | None = None  # a portrait at the top right; the first lines wrap beside it


# A wrapped line: its words, font, colour and direction (True: right to left, so set against the right edge).
_Wrapped = tuple[str, pygame.font.Font, pygame.Color, bool | None]


def _wrapped(theme: Theme, lines: Sequence[Line], width: int) -> list[_Wrapped]:
    out: list[_Wrapped] = []
    for line in lines:
        font = theme.font(line.role)
        cut, directions = text.wrap_directed(line.words, font, width)
        out.extend((w, font, theme.colour(line.colour), rtl) for w, rtl in zip(cut, directions, strict=True))
    return out


def _blit_lines(card: pygame.Surface, lines: Sequence[_Wrapped], left: int, right: int, y: int) -> int:
    """Draw wrapped lines from ``y`` down; returns the y under the last one."""
    for words, font, colour, rtl in lines:
        if words:
            image = text.render(words, font, colour, rtl)
            card.blit(image, (right - image.get_width() if rtl else left, y))
        y += font.get_linesize()
    return y


def painter(spec: CardSpec) -> CardPainter:
    """A tooltip painter for a card: lines, then sparklines side by side, then more lines."""

    def paint(theme: Theme, width: int) -> pygame.Surface:
        pad = theme.px("padding")
        inner = width - 2 * pad
        picture = spec.picture
        if picture is not None and picture.get_width() != theme.px(CARD_PICTURE):
            picture = pygame.transform.smoothscale(picture, (theme.px(CARD_PICTURE), theme.px(CARD_PICTURE)))
        picture_w = picture.get_width() + pad if picture is not None else 0
        blocks = _wrapped(theme, spec.lines, inner - picture_w)
        after = _wrapped(theme, spec.after, inner)
        spark_h = theme.px(46) if spec.sparks else 0
        label_h = theme.font("small").get_linesize() if spec.sparks else 0
        lines_h = sum(f.get_linesize() for _, f, _, _ in blocks)
        if picture is not None:
            lines_h = max(lines_h, picture.get_height())
        height = (
            2 * pad
            + lines_h
            + (spark_h + label_h + pad if spec.sparks else 0)
            + sum(f.get_linesize() for _, f, _, _ in after)
        )
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        pygame.draw.rect(card, theme.colour("tooltip"), card.get_rect(), border_radius=theme.px("radius"))
        if picture is not None:
            card.blit(picture, (width - pad - picture.get_width(), pad))
        _blit_lines(card, blocks, pad, width - pad - picture_w, pad)
        y = pad + lines_h
        if spec.sparks:
            y += pad // 2
            gap = pad
            each = (inner - gap * (len(spec.sparks) - 1)) // len(spec.sparks)
            for i, spark in enumerate(spec.sparks):
                x = pad + i * (each + gap)
                small = theme.font("small")
                text.draw(card, spark.label, small, theme.colour("tooltip_text"), (x, y))
                area = pygame.Rect(x, y + label_h, each, spark_h)
                pygame.draw.rect(card, theme.colour("panel"), area)
                charts.sparkline(card, theme, area, spark.values, theme.series_colour(spark.colour))
            y += spark_h + label_h + pad // 2
        _blit_lines(card, after, pad, width - pad, y)
        return card

    return paint
