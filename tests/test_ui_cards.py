"""Action cards: names read whole at 1280×720 and on a projector, and many actions come in pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
import yaml

from game.ui.harness import Harness
from game.ui.widgets.action_card import ActionCard, card_height, name_fits

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def cards(h: Harness) -> list[ActionCard]:
    return [w for w in h.screen.group.widgets if isinstance(w, ActionCard)]


def to_turn(args: list[str]) -> Harness:
    h = Harness(args)
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    return h


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("size", "scale"), [("1280x720", "1.0"), ("1920x1080", "1.5")])
def test_every_card_shows_its_whole_name(scenario: Path, size: str, scale: str) -> None:
    h = to_turn([str(scenario), "--seed", "1", "--size", size, "--scale", scale])
    theme = h.app.theme
    shown = cards(h)
    assert shown, "no action cards"
    for card in shown:
        lines = 2 if card.rect.height >= card_height(theme, 2) else 1
        assert name_fits(theme, card.rect.width, card.name, card.cost_words, lines), f"{card.name!r} is cut short at {size}"
        assert h.app.surface.get_rect().contains(card.rect)


def test_the_names_on_a_page_of_one_line_cards_share_one_size() -> None:
    from game.ui.widgets.action_card import full_size_fits

    h = to_turn([str(ROOT / "scenarios" / "european_merger.yaml"), "--seed", "1", "--size", "1920x1080", "--scale", "1.5"])
    theme = h.app.theme
    shown = cards(h)
    assert all(card.rect.height < card_height(theme, 2) for card in shown), "expected one-line cards at this scale"
    assert not all(full_size_fits(theme, c.rect.width, c.name, c.cost_words) for c in shown), "expected a long name here"
    assert all(card.compact for card in shown)
    h.key(pygame.K_PAGEDOWN)
    h.run_until(lambda x: bool(cards(x)), 5)
    later = cards(h)
    assert all(c.compact for c in later) == (not all(full_size_fits(theme, c.rect.width, c.name, c.cost_words) for c in later))


def many_actions(tmp_path: Path, extra: int = 26) -> Path:
    data = yaml.safe_load((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    data.pop("expectations", None)
    template = next(a for a in data["actions"] if a["id"] == "explain")
    for i in range(extra):
        copy = dict(template, id=f"explain_{i}", name=f"Explain the case, version {i + 1}")
        copy.pop("hint", None)
        data["actions"].append(copy)
    path = tmp_path / "crowded.yaml"
    data["meta"]["id"] = "crowded"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_many_actions_come_in_pages_that_the_keys_turn(tmp_path: Path) -> None:
    h = to_turn([str(many_actions(tmp_path)), "--seed", "1"])
    screen = h.screen
    total = len(screen.actions())  # type: ignore[attr-defined]
    first_page = [c.key for c in cards(h)]
    assert 0 < len(first_page) < total
    assert h.widget("actions:shown") is not None
    assert not h.widget("actions:previous").enabled  # type: ignore[union-attr]
    seen = list(first_page)
    for _ in range(total):
        if not h.widget("actions:next").enabled:  # type: ignore[union-attr]
            break
        h.key(pygame.K_PAGEDOWN)
        page = [c.key for c in cards(h)]
        assert page and not set(page) & set(seen)
        seen.extend(page)
    assert len(seen) == total, "every action is on some page"
    # Number keys count from the top of the page showing: 1 plans the first card here.
    first_here = cards(h)[0]
    h.key(pygame.K_1)
    if getattr(h.screen, "picking", None) is not None:
        h.key(pygame.K_1)
    assert first_here.key.split(":", 1)[1] in {o.action for o in h.app.play.plan}  # type: ignore[union-attr]
    h.key(pygame.K_PAGEUP)
    assert [c.key for c in cards(h)] != [first_here.key]


def test_the_pager_buttons_work_with_the_mouse(tmp_path: Path) -> None:
    h = to_turn([str(many_actions(tmp_path)), "--seed", "1"])
    before = [c.key for c in cards(h)]
    h.click_widget("actions:next")
    after = [c.key for c in cards(h)]
    assert after and after != before
    h.click_widget("actions:previous")
    assert [c.key for c in cards(h)] == before
