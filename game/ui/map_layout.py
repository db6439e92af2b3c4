"""Where the stakeholder map puts its nodes: a force-directed layout, then pushing labels apart.

Pure arithmetic on arrays (no drawing): :func:`layout` gives positions in the
unit square, :func:`separate` moves footprints (node plus label) apart inside
the map, falling back to rows in reading order when the map is too small
(rows that would then overlap show in :func:`clashes`; the map shrinks its
nodes and tries again).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pygame

if TYPE_CHECKING:
    from game.scenario.schema import Influence


def layout(ids: Sequence[str], influence: Sequence[Influence], iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Positions in the unit square from a deterministic force-directed layout.

    Starts from a circle (so the same scenario always looks the same), pulls
    linked stakeholders together and pushes every pair apart
    (Fruchterman-Reingold with a cooling step).
    """
    n = len(ids)
    if n == 0:
        return {}
    if n == 1:
        return {ids[0]: (0.5, 0.5)}
    index = {sid: i for i, sid in enumerate(ids)}
    angles = np.linspace(0.0, 2 * np.pi, n, endpoint=False) - np.pi / 2
    pos = np.stack([np.cos(angles), np.sin(angles)], axis=1) * 0.4
    links = np.zeros((n, n))
    for edge in influence:
        if edge.source in index and edge.target in index:
            a, b = index[edge.source], index[edge.target]
            links[a, b] = links[b, a] = max(links[a, b], edge.weight)
    k = 1.0 / math.sqrt(n)
    step = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=2) + np.eye(n) + 1e-9
        repulse = (k * k / dist**2)[:, :, None] * delta
        attract = (0.5 * links * dist / k)[:, :, None] * delta
        # A weak pull to the centre keeps unlinked stakeholders on the map.
        force = repulse.sum(axis=1) - attract.sum(axis=1) - 0.3 * pos
        length = np.linalg.norm(force, axis=1, keepdims=True) + 1e-9
        pos += force / length * np.minimum(length, step)
        step *= 0.985
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo < 1e-9, 1.0, hi - lo)
    unit = (pos - lo) / span
    return {sid: (float(unit[i, 0]), float(unit[i, 1])) for i, sid in enumerate(ids)}


def separate(
    centres: np.ndarray, sizes: np.ndarray, offsets: np.ndarray, bounds: pygame.Rect, iterations: int = 120
) -> np.ndarray:
    """Push apart overlapping footprints (node plus label) until none overlap, inside ``bounds``.

    ``sizes`` are footprint widths and heights, ``offsets`` the footprint's
    top-left relative to the node's centre. Each overlapping pair moves apart
    along the axis where they overlap least, half each. When the map is too
    small for that to untangle them, they go on a grid in reading order of
    their positions, which keeps who is near whom roughly as the layout had it.
    """
    pos = centres.astype(float).copy()
    n = len(pos)
    if n < 2:
        return pos
    lo = np.array([bounds.left, bounds.top], dtype=float) - offsets
    hi = np.array([bounds.right, bounds.bottom], dtype=float) - offsets - sizes
    hi = np.maximum(hi, lo)
    gap = 4.0
    for _ in range(iterations):
        top_left = pos + offsets
        centre = top_left + sizes / 2
        delta = centre[:, None, :] - centre[None, :, :]
        reach = (sizes[:, None, :] + sizes[None, :, :]) / 2 + gap
        overlap = reach - np.abs(delta)
        clash = (overlap > 0).all(axis=2)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        axis_x = overlap[:, :, 0] < overlap[:, :, 1]
        direction = np.where(delta >= 0, 1.0, -1.0)
        # Identical centres: break the tie by index so the layout stays deterministic.
        tie = np.abs(delta) < 1e-9
        order = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]).astype(float)
        direction = np.where(tie, order[:, :, None], direction)
        push = np.zeros((n, n, 2))
        push[:, :, 0] = np.where(clash & axis_x, overlap[:, :, 0] / 2 * direction[:, :, 0], 0.0)
        push[:, :, 1] = np.where(clash & ~axis_x, overlap[:, :, 1] / 2 * direction[:, :, 1], 0.0)
        pos = np.clip(pos + push.sum(axis=1) * 0.5, lo, hi)
    if clashes(pos, sizes, offsets, gap):
        return _grid(pos, sizes, offsets, bounds)
    return pos


def clashes(pos: np.ndarray, sizes: np.ndarray, offsets: np.ndarray, gap: float = 4.0) -> bool:
    """Whether any two footprints (node plus label) at ``pos`` come closer than half of ``gap``."""
    centre = pos + offsets + sizes / 2
    delta = np.abs(centre[:, None, :] - centre[None, :, :])
    reach = (sizes[:, None, :] + sizes[None, :, :]) / 2 + gap / 2
    clash = (delta < reach).all(axis=2)
    np.fill_diagonal(clash, False)
    return bool(clash.any())


def _grid(pos: np.ndarray, sizes: np.ndarray, offsets: np.ndarray, bounds: pygame.Rect) -> np.ndarray:
    """Rows of nodes in reading order of their positions, each row as full as its labels' widths allow."""
    estimate = max(1, math.ceil(float(sizes[:, 0].sum()) / max(1, bounds.width)))
    band = np.floor((pos[:, 1] - pos[:, 1].min()) / max(1e-9, np.ptp(pos[:, 1]) + 1e-9) * estimate).clip(0, estimate - 1)
    order = [int(i) for i in np.lexsort((pos[:, 0], band))]
    rows: list[list[int]] = [[]]
    used = 0.0
    for index in order:
        width = float(sizes[index, 0])
        if rows[-1] and used + width > bounds.width:
            rows.append([])
            used = 0.0
        rows[-1].append(index)
        used += width
    # Circles in a row share a centre line; each row is as tall as its tallest node and label.
    reach = -offsets[:, 1]  # from a node's centre up to its footprint's top
    below = sizes[:, 1] + offsets[:, 1]  # and down to its bottom
    tops = [float(reach[row].max()) for row in rows]
    heights = [tops[r] + float(below[row].max()) for r, row in enumerate(rows)]
    slack = max(0.0, bounds.height - sum(heights)) / len(rows)
    step = min(1.0, bounds.height / max(1.0, sum(heights)))  # rows overlap a little rather than leave the map
    placed = np.zeros_like(pos, dtype=float)
    y = bounds.top + slack / 2
    for r, row in enumerate(rows):
        widths = [float(sizes[i, 0]) for i in row]
        spare = max(0.0, bounds.width - sum(widths)) / len(row)
        x = bounds.left + spare / 2
        for index, width in zip(row, widths, strict=True):
            placed[index] = (x + width / 2, y + tops[r] * step)
            x += width + spare
        y += heights[r] * step + slack
    return placed
