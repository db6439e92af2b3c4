"""Faces and voices in the desktop game: portraits on the map, the briefing's cast, bubbles after a turn,
the summary's lines, and an event drawn over the dimmed turn screen with its forecasts worked out off the loop."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.ui import map_faces, text
from game.ui.harness import Harness
from game.ui.screens import event_panel
from game.ui.screens.event import EventScreen
from game.ui.screens.turn import TurnScreen
from game.ui.theme import Theme
from game.ui.widgets.controls import ListItem, Panel, TextBlock, list_item_height
from game.ui.widgets.portrait import VoiceRow
from tests.ui_support import desktop


def to_screen(h: Harness, name: str, style: str = "force", steps: int = 4000) -> None:
    """Play on by the autoplay until ``name`` shows (and has been drawn once), then stop the autoplay."""
    h.app.autoplay = style
    h.run_until(lambda x: x.screen.name == name and x.screen.frames > 0, steps)
    h.app.autoplay = None


def test_the_briefing_shows_the_cast_with_faces() -> None:
    with desktop(["system_reform", "--seed", "3", "--size", "1280x720"]) as h:
        rows = [w for w in h.screen.group.widgets if w.key.startswith("who:")]
        assert len(rows) == 12
        assert all(getattr(w, "face", None) is not None for w in rows)


def test_every_node_on_the_map_has_its_face_inside_the_ring() -> None:
    with desktop(["european_merger", "--seed", "3", "--size", "1280x720"]) as h:
        h.key(pygame.K_RETURN)
        h.run_until(lambda x: x.screen.name == "turn", 20)
        screen = h.screen
        assert isinstance(screen, TurnScreen)
        theme = h.app.theme
        for node in screen.nodes.values():
            assert node.face is not None
            assert node.face.get_width() == map_faces.face_diameter(theme, node.radius)
            assert node.face.get_width() < 2 * node.radius  # the trust ring stays visible around it
        h.app.draw()
        node = next(iter(screen.nodes.values()))
        # The face is drawn: the node's centre is not the plain support fill.
        assert h.app.surface.get_at(node.centre) != theme.support_colour(node.data.support)


def test_after_a_turn_the_map_shows_what_stakeholders_said_beside_them() -> None:
    with desktop(["system_reform", "--seed", "3", "--size", "1280x720"]) as h:
        h.key(pygame.K_RETURN)
        h.run_until(lambda x: x.screen.name == "turn", 20)
        to_screen(h, "summary")
        said = h.app.play.session.reactions()
        assert said
        # The summary lists them with faces.
        rows = [w for w in h.screen.group.widgets if isinstance(w, VoiceRow)]
        assert rows and rows[0].words == said[0].text
        h.key(pygame.K_RETURN)
        h.run_until(lambda x: x.screen.name == "turn" and x.screen.frames > 0, 50)
        screen = h.screen
        assert isinstance(screen, TurnScreen)
        theme = h.app.theme
        bubbles = map_faces.place_bubbles(theme, screen.map_area, screen.nodes, said)
        assert [b.who for b in bubbles] == [r.who for r in said]
        names = {who: map_faces.name_rect(theme, node) for who, node in screen.nodes.items()}
        speakers = [screen.nodes[b.who].rect for b in bubbles]
        for bubble in bubbles:
            assert screen.map_area.contains(bubble.rect)
            node = screen.nodes[bubble.who]
            tip = bubble.tail[2]
            # The tail points at the speaker: its node, or the foot of its name for a bubble below it.
            at_node = abs((tip[0] - node.centre[0]) ** 2 + (tip[1] - node.centre[1]) ** 2) ** 0.5 <= node.radius + theme.px(6)
            at_name = names[bubble.who].inflate(theme.px(4), theme.px(4)).collidepoint(tip) and bubble.rect.top >= names[bubble.who].bottom - theme.px(4)
            assert at_node or at_name, (bubble.who, tip)
            # No name under a bubble (a bubble may touch a name's box by a pixel or two of its margin).
            covered = [who for who, rect in names.items() if min(rect.clip(bubble.rect).size) > theme.px(3)]
            assert covered == [], (bubble.who, covered)
            # Everyone who speaks stays in view: no bubble hides more than a corner of a speaker's face.
            assert all(min(face.clip(bubble.rect).size) <= face.width // 3 for face in speakers), bubble.who
        for a, b in itertools.pairwise(bubbles):
            assert not a.rect.colliderect(b.rect)
        # Drawn (its border in ink) until a plan is begun.
        h.app.draw()
        first = bubbles[0].rect
        edge = (first.left, first.centery)
        assert h.app.surface.get_at(edge) == theme.colour("text")
        # Once the player starts a plan (or picks a target) they give way to the map.
        h.key(pygame.K_1)
        assert h.app.play.plan or screen.picking is not None
        h.app.draw()
        assert h.app.surface.get_at(edge) != theme.colour("text")


def test_an_event_opens_over_the_dimmed_turn_screen_with_its_people_lit() -> None:
    with desktop(["european_merger", "--seed", "3", "--size", "1280x720"]) as h:
        h.key(pygame.K_RETURN)
        h.run_until(lambda x: x.screen.name == "turn", 20)
        to_screen(h, "event")
        screen = h.screen
        assert isinstance(screen, EventScreen)
        assert isinstance(screen.backdrop, TurnScreen) and screen.backdrop.nodes
        assert screen.touched and screen.speaker in screen.touched
        theme = h.app.theme
        h.app.draw()
        surface = h.app.surface
        backdrop = screen.backdrop
        # The map is there, dimmed: its panel is darker than a panel.
        panel_point = (backdrop.map_area.right - theme.px(6), backdrop.map_area.top + theme.px(6))
        dim = surface.get_at(panel_point)
        assert dim != theme.colour("background") and sum(dim[:3]) < sum(theme.colour("panel")[:3]) - 60
        # Each stakeholder the event touches is lit: a panel-coloured halo ringed in the focus colour.
        for sid in screen.touched:
            node = backdrop.nodes[sid]
            halo = node.label_rect(theme).union(node.rect).inflate(theme.px(10), theme.px(8))
            assert surface.get_at((halo.centerx, halo.top + 1)) == theme.colour("focus")
        # The event's panel sits beside the map, not over it.
        panel = next(w for w in screen.group.widgets if w.key == "" and type(w).__name__ == "Panel")
        assert not panel.rect.colliderect(backdrop.map_area)


def test_event_forecasts_are_worked_out_off_the_frame_loop_and_compared() -> None:
    with desktop(["european_merger", "--seed", "3", "--size", "1280x720"]) as h:
        h.key(pygame.K_RETURN)
        h.run_until(lambda x: x.screen.name == "turn", 20)
        to_screen(h, "event")
        screen = h.screen
        assert isinstance(screen, EventScreen) and screen.forecast_job is not None
        assert screen.forecast_job.wait(60)
        h.step()
        h.step()
        lines = [w.subtitle for w in screen.group.widgets if w.key.startswith("choice:")]  # type: ignore[attr-defined]
        assert lines and all("against the" in line for line in lines), lines


def text_cut_or_overlapping(theme: Theme, screen: EventScreen) -> list[str]:
    """What on the event's panel would not read whole: a widget outside the panel, two widgets over each other, a
    paragraph with more lines than its box holds (or a line cut with …), an answer's row too short for its words."""
    panel = next(w for w in screen.group.widgets if isinstance(w, Panel))
    parts = [w for w in screen.group.widgets if w is not panel]
    problems = [f"{w.key or type(w).__name__} leaves the panel" for w in parts if not panel.rect.contains(w.rect)]
    problems += [f"{a.key or type(a).__name__} covers {b.key or type(b).__name__}" for a, b in itertools.combinations(parts, 2)
                 if a.rect.colliderect(b.rect)]
    if screen.head_rect is not None:  # the speaker's face, drawn at the head's top left
        face = pygame.Rect(screen.head_rect.topleft, (theme.px(event_panel.FACE), theme.px(event_panel.FACE)))
        problems += [f"the face covers {w.key or type(w).__name__}" for w in parts if face.colliderect(w.rect)]
        problems += ["the face leaves the panel"] if not panel.rect.contains(face) else []
    for widget in parts:
        if isinstance(widget, TextBlock):
            font = theme.font(widget.role)
            lines = text.wrap(widget.body, font, widget.rect.width)
            room = widget.max_lines or widget.rect.height // round(font.get_linesize() * 1.15)
            if len(lines) > room or any(line.endswith("…") and not widget.body.endswith("…") for line in lines):
                problems.append(f"{widget.body!r} is cut: {len(lines)} lines in room for {room}")
        if isinstance(widget, ListItem) and list_item_height(theme, widget.title, widget.subtitle, widget.rect.width, widget.badge,
                                                                       widget.badge_under) > widget.rect.height:
            problems.append(f"{widget.title!r} is cut")
    return problems


@pytest.mark.parametrize(("size", "scale"), [("1280x720", "1.0"), ("1920x1080", "1.0"), ("1920x1080", "1.5")])
@pytest.mark.parametrize(("scenario", "lang", "events"), [
    ("european_merger", "en", set()),
    # Three long French answers: at a projector's scale the story and the answers take a page each.
    ("system_reform", "fr", {"conference_idea", "winter_pressures"}),
])
def test_an_event_never_covers_the_stakeholders_it_lights(size: str, scale: str, scenario: str, lang: str, events: set[str]) -> None:
    """Every event of a whole game opens where the stakeholders it touches stay in view: beside the map, or in the
    room they leave on the map (a projector's scale, where the map takes the left half), its text on pages when it
    does not fit one, every page's text whole and nothing over anything else."""
    with desktop([scenario, "--seed", "3", "--size", size, "--scale", scale, "--lang", lang]) as h:
        theme = h.app.theme
        h.app.autoplay = "balanced"
        checked: list[tuple[str, ...]] = []
        seen: dict[int, str] = {}
        held: list[EventScreen] = []  # kept alive, so that no later event screen reuses a checked one's id
        while h.screen.name != "debrief":
            h.step()
            screen = h.screen
            if isinstance(screen, EventScreen) and screen.frames > 0 and screen.event is not None and id(screen) not in seen:
                assert isinstance(screen.backdrop, TurnScreen) and screen.backdrop.map_panel is not None
                answer_pages = []
                for page in range(screen.pages):
                    screen.list_page = page
                    screen.layout()
                    panel = next(w for w in screen.group.widgets if isinstance(w, Panel))
                    for sid in screen.touched:
                        node = screen.backdrop.nodes[sid]
                        lit = node.label_rect(theme).union(node.rect)
                        assert not panel.rect.colliderect(lit), (screen.event.id, sid, panel.rect, lit)
                    assert h.app.surface.get_rect().contains(panel.rect)
                    assert not text_cut_or_overlapping(theme, screen), (screen.event.id, page, text_cut_or_overlapping(theme, screen))
                    if any(w.key.startswith("choice:") for w in screen.group.widgets):
                        answer_pages.append(page)
                assert answer_pages == [screen.pages - 1], (screen.event.id, answer_pages)  # the answers together, last
                screen.list_page = 0
                screen.layout()
                checked.append(tuple(screen.touched))
                seen[id(screen)] = screen.event.id
                held.append(screen)
        assert len([t for t in checked if t]) >= 2, checked
        assert events <= set(seen.values()), seen
