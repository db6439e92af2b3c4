"""Team colours never contradict the colour words in team names: in the report, and on the board."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pygame
import pytest

from game import text_ui
from game.workshop.board import Board, board_colours
from game.workshop.create import NewWorkshop, create
from game.workshop.page import render
from game.workshop.report import build
from game.workshop.team_colours import PALETTE, named_colour, team_colours
from tests.test_workshop_text import play_args
from tests.workshop_support import script


@pytest.mark.parametrize(("team", "colour"), [
    ("Red", "red"), ("red", "red"), ("Team Blue", "blue"), ("Les Verts", "green"), ("Équipe rouge", "red"),
    ("Bleue", "blue"), ("Jaune", "yellow"), ("Violet", "purple"), ("Noirs", "black"), ("Amber", "orange"),
    ("Scout", None), ("Bluebirds", None), ("Or", "yellow"), ("Tout or rien", None), ("Gris-Blanc", "grey"),
])
def test_a_colour_word_in_a_name(team: str, colour: str | None) -> None:
    assert named_colour(team) == colour


def test_named_teams_get_their_colour_and_nobody_else_does() -> None:
    teams = ["Scout", "Red", "Owls", "Blue", "Rouge 2", "Hawks", "Vert"]
    colours = team_colours(teams)
    assert colours["Red"] == PALETTE["red"] and colours["Blue"] == PALETTE["blue"] and colours["Vert"] == PALETTE["green"]
    assert colours["Rouge 2"] != colours["Red"], "a second red team gets a shade of red, not the same colour"
    unnamed = [colours[t] for t in ("Scout", "Owls", "Hawks")]
    assert not set(unnamed) & {PALETTE["red"], PALETTE["blue"], PALETTE["green"]}
    assert len(set(colours.values())) == len(teams)


def test_the_report_and_the_board_draw_red_red_and_blue_blue(tmp_path: Path) -> None:
    teams = ["Blue", "Scout", "Red"]  # "Blue" first: by position alone it would take the palette's first colour
    workshop = create(NewWorkshop(tmp_path / "ws", "tutorial", teams, seed=3, hide_forecasts=True))
    for team in teams:
        text_ui.run(play_args(tmp_path / "ws", team), io.StringIO("\n".join(script(workshop)) + "\n"), io.StringIO())
    report = build(workshop, "en")
    by_team = {t.result.team: t.colour for t in report.teams}
    assert by_team["Red"] == PALETTE["red"] and by_team["Blue"] == PALETTE["blue"]
    page = render(report)
    for team in ("Red", "Blue"):
        swatch = re.search(r'background:(#[0-9A-Fa-f]{6})"></span><b>' + team + "</b>", page)
        assert swatch is not None and swatch.group(1) == by_team[team], team
    pygame.init()
    try:
        surface = pygame.Surface((1280, 720))
        board = Board(workshop)
        board.refresh()
        board.draw(surface)
        drawn = board_colours(workshop.teams)
        assert drawn["Red"] == (0xD5, 0x5E, 0x00) and drawn["Blue"] == (0x00, 0x72, 0xB2)
        for team in ("Red", "Blue"):
            x, y, _, h = board.panels[team]
            assert tuple(surface.get_at((x + 2, y + h // 2)))[:3] == drawn[team], team
    finally:
        pygame.quit()


def test_the_push_share_in_the_table_is_the_one_in_the_chart_beside_it(tmp_path: Path) -> None:
    from game.workshop.fill import fill

    teams = ["Red", "Blue", "Scout"]
    workshop = create(NewWorkshop(tmp_path / "ws", "system_reform", teams, seed=21))
    for team, policy in zip(teams, ("balanced", "random", "greedy"), strict=True):
        fill(workshop, team, policy)
    report = build(workshop, "en")
    page = render(report)
    fingerprint = page[page.rindex("<svg"):page.rindex("</svg>")]  # the last chart: partnership or push
    checked = 0
    for t in report.teams:
        c = t.result.stances
        row = re.search(r"<b>" + t.team + r"</b></td>(.*?)</tr>", page)
        assert row is not None
        cells = re.findall(r'<td class="num">(.*?)</td>', row.group(1))
        shown = cells[4]  # score, against the best policy, partner moves, push moves, push share
        total = c.partner + c.neutral + c.push
        assert shown == report.percent(c.push / total), (t.team, shown, c)
        if total and c.push / total >= 0.08:
            assert f">{shown}</text>" in fingerprint, (t.team, shown)
            checked += 1
    assert checked >= 1
