"""The desktop game's parts on their own: map layout, text wrapping, metric wording, the plan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.scenario import loader
from game.session import amounts
from game.session.views import MetricView
from game.ui import describe, map_layout, text
from game.ui import map as stakeholder_map
from game.ui.play import IllegalMove, Playthrough

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    pygame.quit()


def test_layout_is_deterministic_and_fills_the_unit_square() -> None:
    scenario = loader.load(ROOT / "scenarios" / "system_reform.yaml")
    ids = [s.id for s in scenario.stakeholders]
    first = map_layout.layout(ids, scenario.influence)
    again = map_layout.layout(ids, scenario.influence)
    assert first == again
    xs = [p[0] for p in first.values()]
    ys = [p[1] for p in first.values()]
    assert min(xs) == 0.0 and max(xs) == 1.0 and min(ys) == 0.0 and max(ys) == 1.0
    assert len({(round(x, 3), round(y, 3)) for x, y in first.values()}) == len(ids)


@pytest.mark.parametrize("count", [2, 5, 13, 25])
def test_separate_leaves_no_footprints_overlapping(count: int) -> None:
    rng = np.random.default_rng(count)
    bounds = pygame.Rect(0, 0, 1200, 600)
    sizes = np.tile([150.0, 90.0], (count, 1))
    offsets = np.tile([-75.0, -30.0], (count, 1))
    # Everyone starts piled up in the middle: the worst case.
    centres = np.tile([600.0, 300.0], (count, 1)) + rng.normal(0, 5, (count, 2))
    placed = map_layout.separate(centres, sizes, offsets, bounds)
    boxes = [pygame.Rect(int(x + ox), int(y + oy), 150, 90) for (x, y), (ox, oy) in zip(placed, offsets, strict=True)]
    for i, a in enumerate(boxes):
        assert bounds.contains(a.inflate(-2, -2))
        for b in boxes[i + 1 :]:
            assert not a.inflate(-2, -2).colliderect(b.inflate(-2, -2))


def test_wrap_keeps_lines_within_the_width_and_keeps_every_word() -> None:
    font = pygame.font.Font(None, 24)
    words = "Trust grows slowly and falls fast; invest early in whoever is most powerful and least convinced."
    lines = text.wrap(words, font, 160)
    assert len(lines) > 2
    assert all(font.size(line)[0] <= 160 for line in lines)
    assert " ".join(lines).split() == words.split()
    assert text.fit("a long label that will not fit", font, 80).endswith("…")


def metric(value: float, trend: float, target: float = 90.0, higher: bool = True) -> MetricView:
    return MetricView("m", "Access", "%", value, target, 0.0, 100.0, higher, trend)


def test_a_metric_is_good_when_it_moves_towards_its_target() -> None:
    assert describe.metric_good(metric(80, +2)) is True
    assert describe.metric_good(metric(80, -2)) is False
    assert describe.metric_good(metric(12, -1, target=6, higher=False)) is True
    # Past the target, moving further past it is not progress.
    assert describe.metric_good(metric(95, +2)) is False
    assert describe.metric_good(metric(80, 0.1)) is None
    assert amounts.metric_change(metric(80, -3)) == "−3 pts"
    assert amounts.metric_value(MetricView("f", "Balance", "£m", -12, 0, -60, 20, True)) == "−£12m"


def test_the_plan_refuses_what_the_turn_cannot_afford(user_home: Path) -> None:
    scenario = loader.load(ROOT / "scenarios" / "tutorial.yaml")
    play = Playthrough.new(scenario, 1, None)
    pushes = [o for o in play.options() if o.cost == 2 and o.available]
    cheap = [o for o in play.options() if o.cost == 1 and o.available]
    assert play.toggle(cheap[0]) is True
    with pytest.raises(IllegalMove, match="leadership time"):
        play.toggle(pushes[0])
    assert play.toggle(cheap[0]) is False  # a second toggle takes it out
    assert play.toggle(pushes[0]) is True
    assert play.time_left == 0
    outcome = play.end_turn()
    assert outcome.report.turn == 1
    assert play.plan == [] and len(play.session.history) == 1


@pytest.mark.parametrize("width", [360, 520, 700, 1000])
def test_the_map_legend_wraps_inside_its_strip_and_never_cuts_a_word(width: int) -> None:
    from game.ui.theme import Theme

    theme = Theme.load()
    theme.scale = 1.5
    kinds = [(theme.shape(k), k.replace("_", " ")) for k in ("clinicians", "commissioner", "local_government")]
    surface = pygame.Surface((width + 200, 400))
    surface.fill((255, 255, 255))
    rect = pygame.Rect(20, 20, width, 300)
    stakeholder_map.draw_legend(surface, theme, rect, kinds)
    pixels = pygame.surfarray.array3d(surface)
    beyond = pixels[rect.right + 1 :, :, :]
    assert (beyond == 255).all(), "the legend drew past the right edge of its strip"
    inked_rows = np.flatnonzero((pixels[rect.left : rect.right] < 200).any(axis=(0, 2)))
    rows = 1 + (inked_rows.max() - inked_rows.min()) // (theme.font("small").get_linesize())
    assert rows >= (2 if width < 700 else 1)


def test_a_list_row_s_badge_leads_the_line_under_the_title_when_beside_it_would_cost_a_line() -> None:
    from game.ui.theme import Theme
    from game.ui.widgets.controls import list_item_height, row_words

    theme = Theme.load()
    title, forecast = "2. Saisir l'échelon national et dénoncer l'échec du conseil de comté.", "Réussite 3 % · échec 4 %"
    wide = row_words(theme, title, forecast, 900, "force")
    assert wide.badge_beside and wide.subtitle == forecast
    narrow = row_words(theme, title, forecast, 330, "partenariat")
    assert not narrow.badge_beside and narrow.subtitle == f"partenariat · {forecast}"
    assert narrow.title_width == 330 - 2 * theme.px("padding")
    # The row measures what it draws: the title and the line under it, whole.
    bold, small = theme.font("body_bold"), theme.font("small")
    lines = len(text.wrap(title, bold, narrow.title_width))
    assert list_item_height(theme, title, forecast, 330, "partenariat") == (
        2 * theme.px("padding") + lines * bold.get_linesize() + text.wrapped_height(narrow.subtitle, small, 330 - 2 * theme.px("padding")))


def test_a_page_never_ends_on_a_heading_while_what_it_heads_follows() -> None:
    from game.ui.widgets.pager import split

    # Two entries, a heading and the entry under it: the heading alone at the foot of page one, unless kept with it.
    assert split([20, 20, 10, 30], 55) == [range(3), range(3, 4)]
    assert split([20, 20, 10, 30], 55, keep=[False, False, True, False]) == [range(2), range(2, 4)]
    # A heading that is all a page could start with stays (never an empty page).
    assert split([10, 60], 50, keep=[True, False]) == [range(1), range(1, 2)]
