"""The stakeholder map with a crowded cast (the flagship's twelve, the merger's ten), at a laptop's and a
projector's sizes, in English and French: every name readable, clear of the other names and of the other
nodes, and what stakeholders said after a turn in bubbles that hide no name, no speaker and no other bubble."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.ui import map_faces
from game.ui.harness import Harness
from game.ui.screens.turn import TurnScreen
from tests.ui_support import desktop

SIZES = [("1280x720", "1.0"), ("1920x1080", "1.0"), ("1280x720", "1.5"), ("1920x1080", "1.5")]


def open_turn(h: Harness) -> TurnScreen:
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn" and x.screen.frames > 0, 50)
    screen = h.screen
    assert isinstance(screen, TurnScreen)
    return screen


def crossings(h: Harness, screen: TurnScreen) -> list[tuple[str, str, str]]:
    """Each name label over another, each label over another stakeholder's node, each label outside the map."""
    theme = h.app.theme
    labels = {sid: node.label_rect(theme) for sid, node in screen.nodes.items()}
    found = [("label over label", a, b) for a, b in itertools.combinations(labels, 2) if labels[a].colliderect(labels[b])]
    found += [("label over node", a, b) for a, b in itertools.permutations(screen.nodes, 2) if labels[a].colliderect(screen.nodes[b].rect)]
    found += [("label off the map", a, "") for a, label in labels.items() if not screen.map_area.contains(label)]
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("size", "scale"), SIZES)
@pytest.mark.parametrize("scenario", ["system_reform", "european_merger"])
def test_no_name_on_the_map_runs_into_another_name_or_node(scenario: str, size: str, scale: str, lang: str) -> None:
    with desktop([scenario, "--seed", "3", "--size", size, "--scale", scale, "--lang", lang]) as h:
        screen = open_turn(h)
        assert len(screen.nodes) >= 10
        assert not crossings(h, screen)


@pytest.mark.parametrize(("scenario", "size", "scale", "lang"), [
    ("system_reform", "1280x720", "1.0", "fr"), ("system_reform", "1920x1080", "1.0", "en"),
    ("european_merger", "1280x720", "1.0", "en"), ("european_merger", "1920x1080", "1.5", "en"),
])
def test_bubbles_after_a_turn_hide_no_name_no_speaker_and_no_other_bubble(scenario: str, size: str, scale: str, lang: str) -> None:
    with desktop([scenario, "--seed", "3", "--size", size, "--scale", scale, "--lang", lang]) as h:
        open_turn(h)
        h.app.autoplay = "partner"
        h.run_until(lambda x: x.screen.name == "summary" and x.screen.frames > 0, 4000)
        h.app.autoplay = None
        screen = open_turn(h)
        theme = h.app.theme
        said = h.app.play.session.reactions()  # type: ignore[union-attr]
        bubbles = map_faces.place_bubbles(theme, screen.map_area, screen.nodes, said)
        assert said and bubbles  # at least one line is said beside its speaker
        sliver = theme.px(3)
        names = {sid: map_faces.name_rect(theme, node) for sid, node in screen.nodes.items()}
        speakers = {r.who for r in said}
        for bubble in bubbles:
            assert screen.map_area.contains(bubble.rect)
            assert not [sid for sid, name in names.items() if min(bubble.rect.clip(name).size) > sliver], bubble
            assert not [sid for sid in speakers if min(bubble.rect.clip(screen.nodes[sid].rect).size) > sliver], bubble
        for a, b in itertools.combinations(bubbles, 2):
            assert not a.rect.colliderect(b.rect)
        # A bubble over a stakeholder steps aside while the pointer is on it (its border, away from the node, goes).
        hidden = next(((b, node) for b in bubbles for node in screen.nodes.values() if b.rect.colliderect(node.rect)), None)
        if hidden is not None:
            bubble, node = hidden
            edge = max([bubble.rect.midtop, (bubble.rect.centerx, bubble.rect.bottom - 1)],
                       key=lambda p: abs(p[1] - node.centre[1]))
            h.app.draw()
            assert h.app.surface.get_at(edge) == theme.colour("text")
            h.move(node.centre)
            h.app.draw()
            assert h.app.surface.get_at(edge) != theme.colour("text")
