"""Every screen renders: the expected size, and a real picture (many colours), at laptop and projector sizes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.ui.harness import Harness
from game.ui.map import NodeWidget

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def colours(surface: pygame.Surface) -> int:
    pixels = pygame.surfarray.array3d(surface).reshape(-1, 3)
    packed = (pixels[:, 0].astype(np.int64) << 16) | (pixels[:, 1].astype(np.int64) << 8) | pixels[:, 2]
    return int(np.unique(packed).size)


def check(h: Harness, size: tuple[int, int], name: str) -> None:
    assert h.screen.name == name
    surface = h.app.surface
    assert surface.get_size() == size
    # Anti-aliased text, symbols and charts give hundreds of shades; a blank or failed screen gives a handful.
    assert colours(surface) > 60, f"the {name} screen looks blank"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_screen_renders(size: tuple[int, int]) -> None:
    arg = f"{size[0]}x{size[1]}"
    title = Harness(["--size", arg])
    check(title, size, "title")
    pygame.quit()
    h = Harness(["tutorial", "--seed", "5", "--size", arg])
    check(h, size, "briefing")
    h.key(pygame.K_RETURN)
    check(h, size, "turn")
    h.key(pygame.K_ESCAPE)
    check(h, size, "menu")
    h.click_widget("menu:settings")
    check(h, size, "settings")
    h.key(pygame.K_ESCAPE)
    h.click_widget("menu:save")
    check(h, size, "saves")
    h.key(pygame.K_ESCAPE)
    h.key(pygame.K_ESCAPE)
    assert h.screen.name == "turn"
    h.key(pygame.K_F1)
    check(h, size, "keys")
    h.key(pygame.K_ESCAPE)
    assert h.screen.name == "turn"
    seen = set()
    h.app.autoplay = "force"
    while h.screen.name != "debrief":
        if h.screen.name not in seen and h.screen.name in ("event", "summary"):
            seen.add(h.screen.name)
            check(h, size, h.screen.name)
        h.step()
    for page in range(3):
        h.key(pygame.K_1 + page)
        check(h, size, "debrief")


def test_hovering_a_stakeholder_shows_their_card() -> None:
    h = Harness(["tutorial", "--seed", "5"])
    h.key(pygame.K_RETURN)
    node = next(w for w in h.screen.group.widgets if isinstance(w, NodeWidget))
    h.move(node.rect.center)
    before = pygame.image.tobytes(h.app.surface, "RGB")
    pygame.time.wait(int(h.app.theme.sizes["tooltip_delay_ms"]) + 50)
    h.step()
    # (The screen may be laid out again meanwhile, as forecasts arrive: the same stakeholder's node keeps the card.)
    owner = h.screen.group.tooltip_owner(int(h.app.theme.sizes["tooltip_delay_ms"]))
    assert isinstance(owner, NodeWidget) and owner.data.id == node.data.id
    after = pygame.image.tobytes(h.app.surface, "RGB")
    assert before != after, "the card should be drawn once the hover delay has passed"


def test_f12_saves_a_screenshot(tmp_path: Path) -> None:
    h = Harness(["tutorial", "--screenshots", str(tmp_path)])
    h.key(pygame.K_F12)
    shots = sorted(tmp_path.glob("*.png"))
    # The briefing was saved on entering it, and F12 added one more.
    assert [p.name for p in shots] == ["001-briefing.png", "002-briefing-f12.png"]
    picture = pygame.image.load(str(shots[1]))
    assert picture.get_size() == (1280, 720)


def test_debrief_exports_a_picture_of_each_page(user_home: Path) -> None:
    h = Harness(["tutorial", "--seed", "6", "--autoplay", "partner"])
    h.run_until(lambda x: x.screen.name == "debrief")
    h.app.autoplay = None
    written = h.screen.export()  # type: ignore[attr-defined]
    assert [p.stem.rsplit("-", 1)[1] for p in written] == ["overview", "charts", "timeline", "whatif"]
    for path in written:
        assert path.is_file() and colours(pygame.image.load(str(path))) > 60


def test_scale_setting_grows_the_text() -> None:
    h = Harness(["tutorial", "--seed", "5"])
    small = h.app.theme.font("body").get_linesize()
    pygame.quit()
    big = Harness(["tutorial", "--seed", "5", "--scale", "1.5"])
    assert big.app.theme.font("body").get_linesize() >= small * 1.4
    check(big, (1280, 720), "briefing")
