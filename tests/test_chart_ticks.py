"""Charts put their gridlines at round values, in the desktop game and in the report pages."""

from __future__ import annotations

import itertools
import math
import random
import re

import pytest

from game.ui.charts import data_range, round_ticks
from game.workshop import charts as report_charts


def _round_step(step: float) -> bool:
    power = 10.0 ** math.floor(math.log10(step) + 1e-9)
    return any(math.isclose(step, m * power, rel_tol=1e-6) for m in (1, 2, 5, 10))


@pytest.mark.parametrize(("lo", "hi", "expected"), [
    (0.0, 1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (0.0, 100.0, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]),
    (1.1, 11.9, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]),  # the waits chart that had ticks at 3.8, 6.5, 9.2
    (3.2, 5.8, [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0]),
    (-12.0, 3.0, [-15.0, -10.0, -5.0, 0.0, 5.0]),
])
def test_round_ticks(lo: float, hi: float, expected: list[float]) -> None:
    assert round_ticks(lo, hi) == expected


def test_round_ticks_always_cover_the_range_in_round_even_steps() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        lo = rng.uniform(-1000, 1000) * 10 ** rng.randint(-3, 2)
        hi = lo + rng.uniform(1e-3, 1000) * 10 ** rng.randint(-3, 2)
        ticks = round_ticks(lo, hi)
        assert 2 <= len(ticks) <= 7, (lo, hi, ticks)
        assert ticks[0] <= lo + 1e-9 * abs(lo) + 1e-12 and ticks[-1] >= hi - 1e-9 * abs(hi) - 1e-12, (lo, hi, ticks)
        steps = [b - a for a, b in itertools.pairwise(ticks)]
        assert all(math.isclose(s, steps[0], rel_tol=1e-6) for s in steps), ticks
        assert _round_step(steps[0]), ticks


def test_a_metric_chart_spans_its_data_and_target() -> None:
    waits = [5.4, 5.6, 5.8, 5.1, 4.2]
    lo, hi = data_range(waits, 3.5, (0.0, 12.0))
    ticks = round_ticks(lo, hi)
    assert ticks[0] <= 3.5 and ticks[-1] >= 5.8 and ticks[-1] - ticks[0] <= 4, ticks
    assert data_range([], None, (0.0, 1.0)) == (0.0, 1.0)


def _tick_labels(svg: str) -> list[float]:
    labels = []
    for block in re.findall(r'<g id="ytick_\d+">(.*?)</text>', svg, re.S):
        found = re.search(r">([^<>]+)$", block)
        if found:
            labels.append(float(found.group(1).replace("\u2212", "-").replace(",", ".")))
    return labels


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_charts_tick_at_round_values(lang: str) -> None:
    svg = report_charts.line_panels([
        report_charts.Panel("Emergency department wait", "hours",
                            [report_charts.Line("Red", [5.4, 5.1, 4.2, 3.9, 3.8], "#D55E00")], target=3.5),
        report_charts.Panel("Budget", "£m", [report_charts.Line("Red", [-12.0, -13.4, -9.7, -4.1], "#D55E00")], target=0.0),
    ], "Fortnight", lang=lang)
    panels = [_tick_labels(part) for part in svg.split('<g id="axes_')[1:]]
    assert len(panels) == 2 and all(len(values) >= 3 for values in panels), panels
    for values in panels:
        steps = {round(b - a, 6) for a, b in itertools.pairwise(values)}
        assert len(steps) == 1 and _round_step(steps.pop()), values
