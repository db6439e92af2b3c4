"""The row/column helper the screens' build() methods place their parts with (game.ui.layout): pure geometry."""

from __future__ import annotations

import itertools
from itertools import pairwise

import pygame
from hypothesis import example, given
from hypothesis import strategies as st

from game.ui.layout import Share, centred, clear_rects, column, grid, inset, row, spans
from tests.strategies import layout_sizes


def widths(rects: list[pygame.Rect]) -> list[int]:
    return [r.width for r in rects]


def test_fixed_parts_keep_their_size_and_a_share_takes_the_rest() -> None:
    menu, plan, end = row(pygame.Rect(10, 5, 300, 40), [60, Share(), 80], gap=10)
    assert (menu.left, menu.width) == (10, 60)
    assert (plan.left, plan.width) == (80, 140)
    assert (end.left, end.right) == (230, 310)
    assert {r.top for r in (menu, plan, end)} == {5} and {r.height for r in (menu, plan, end)} == {40}


def test_shares_split_by_weight() -> None:
    assert widths(row(pygame.Rect(0, 0, 90, 1), [Share(2), Share(1)])) == [60, 30]
    assert widths(row(pygame.Rect(0, 0, 110, 1), [Share(1), 20, Share(3)], gap=5)) == [20, 20, 60]


def test_rounding_leaves_no_pixel_out_and_counts_none_twice() -> None:
    thirds = row(pygame.Rect(0, 0, 100, 1), [Share()] * 3)
    assert widths(thirds) == [33, 34, 33]
    assert [r.left for r in thirds] == [0, 33, 67] and thirds[-1].right == 100
    sevenths = column(pygame.Rect(0, 7, 1, 1001), [Share()] * 7, gap=3)
    assert {r.height for r in sevenths} <= {140, 141}
    assert sevenths[-1].bottom == 1008
    assert all(b.top - a.bottom == 3 for a, b in pairwise(sevenths))


def test_fixed_parts_alone_start_at_the_start_and_leave_the_rest() -> None:
    tabs = row(pygame.Rect(16, 0, 1000, 38), [150, 150, 150], gap=10)
    assert [(r.left, r.width) for r in tabs] == [(16, 150), (176, 150), (336, 150)]


def test_too_little_room_shrinks_the_fixed_parts_and_empties_the_shares() -> None:
    a, flexible, b = row(pygame.Rect(0, 0, 110, 1), [60, Share(), 60], gap=5)
    assert flexible.width == 0
    assert (a.width, b.width) == (50, 50) and b.right == 110
    # Not even the gaps fit: every part is empty and the gaps shrink, all inside the rectangle.
    parts = column(pygame.Rect(0, 0, 1, 5), [10, Share(), 10], gap=4)
    assert [r.height for r in parts] == [0, 0, 0]
    assert all(0 <= r.top <= 5 for r in parts)


def test_empty_and_negative_input() -> None:
    assert row(pygame.Rect(0, 0, 100, 10), []) == []
    assert widths(row(pygame.Rect(0, 0, -20, 10), [Share(), 5])) == [0, 0]
    assert widths(row(pygame.Rect(0, 0, 100, 10), [-5, Share()])) == [0, 100]


@given(st.integers(-10, 2500), layout_sizes(), st.integers(0, 30))
@example(100, [Share(), Share(), Share()], 0)
@example(7, [3, 3, 3], 1)
@example(0, [Share(), 10], 12)
def test_parts_stay_inside_in_order_and_never_overlap(length: int, sizes: list[int | Share], gap: int) -> None:
    rect = pygame.Rect(3, -4, length, 20)
    parts = row(rect, sizes, gap)
    assert len(parts) == len(sizes)
    for part in parts:
        assert part.width >= 0 and rect.left <= part.left and part.right <= max(rect.left, rect.right)
        assert (part.top, part.height) == (rect.top, rect.height)
    for before, after in pairwise(parts):
        assert after.left >= before.right
        assert after.left - before.right <= gap
    fixed = sum(s for s in sizes if isinstance(s, int))
    room = max(0, length) - gap * (len(sizes) - 1)
    if room >= 0:
        # Every gap is kept; with a share (and room for the fixed parts) the parts and gaps fill the line exactly.
        assert all(b.left - a.right == gap for a, b in pairwise(parts))
        if any(isinstance(s, Share) for s in sizes) or fixed >= room:
            assert parts[-1].right == rect.left + max(0, length)
        if fixed <= room:
            assert all(p.width == s for p, s in zip(parts, sizes, strict=True) if isinstance(s, int))


@given(st.integers(0, 2000), st.integers(1, 9))
def test_equal_shares_differ_by_a_pixel_at_most(length: int, count: int) -> None:
    lengths = [n for _, n in spans(length, [Share()] * count)]
    assert sum(lengths) == length
    assert max(lengths) - min(lengths) <= 1


def test_grid_cells_read_across_then_down() -> None:
    cells = grid(pygame.Rect(0, 0, 210, 100), 2, [40, 40], gap=10, row_gap=4)
    assert [tuple(c) for c in cells] == [(0, 0, 100, 40), (110, 0, 100, 40), (0, 44, 100, 40), (110, 44, 100, 40)]


def test_centred_and_inset() -> None:
    assert tuple(centred(pygame.Rect(0, 0, 1280, 720), 320, 101)) == (480, 309, 320, 101)
    assert tuple(centred(pygame.Rect(10, 500, 300, 52), height=38)) == (10, 507, 300, 38)
    assert tuple(inset(pygame.Rect(0, 0, 100, 50), 16, 64, 16, 62)) == (16, 64, 68, 0)


def test_the_clear_rooms_around_one_obstacle_are_its_four_sides() -> None:
    area = pygame.Rect(0, 0, 100, 60)
    rooms = clear_rects(area, [pygame.Rect(40, 20, 20, 10)], gap=5)
    assert {tuple(r) for r in rooms} == {(0, 0, 35, 60), (65, 0, 35, 60), (0, 0, 100, 15), (0, 35, 100, 25)}
    assert rooms[0].width * rooms[0].height == max(r.width * r.height for r in rooms)  # biggest first
    assert clear_rects(area, []) == [area]
    assert clear_rects(area, [area]) == []


rect_in_the_area = st.builds(pygame.Rect, st.integers(-20, 200), st.integers(-20, 120), st.integers(1, 80), st.integers(1, 60))


@given(st.lists(rect_in_the_area, max_size=6), st.integers(0, 8))
@example([pygame.Rect(10, 10, 20, 20), pygame.Rect(30, 30, 20, 20)], 0)
def test_clear_rooms_keep_clear_and_cannot_grow(obstacles: list[pygame.Rect], gap: int) -> None:
    area = pygame.Rect(0, 0, 180, 100)
    walls = [o.inflate(2 * gap, 2 * gap) for o in obstacles]
    rooms = clear_rects(area, obstacles, gap)
    for room in rooms:
        assert area.contains(room) and room.width > 0 and room.height > 0
        assert room.collidelist(walls) < 0
        # Grown by a pixel on any side it would leave the area or touch an obstacle's gap.
        for dx, dy, dw, dh in ((-1, 0, 1, 0), (0, 0, 1, 0), (0, -1, 0, 1), (0, 0, 0, 1)):
            bigger = pygame.Rect(room.left + dx, room.top + dy, room.width + dw, room.height + dh)
            assert not area.contains(bigger) or bigger.collidelist(walls) >= 0, (room, bigger)
    for a, b in itertools.permutations(rooms, 2):
        assert not a.contains(b)
    # Every free pixel is in some room.
    for x in range(0, 180, 7):
        for y in range(0, 100, 7):
            if pygame.Rect(x, y, 1, 1).collidelist(walls) < 0:
                assert any(r.collidepoint(x, y) for r in rooms), (x, y)
