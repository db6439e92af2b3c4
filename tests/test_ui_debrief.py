"""The debrief's What if page (counterfactuals on the same luck) and its export as one web page."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pygame
import pytest

from game.analysis.counterfactual import flip_each_turn, most_consequential, policy_games, what_if
from game.i18n import t
from game.scenario.schema import POLICIES
from game.session import Session
from game.sim.engine import Engine
from game.ui import library
from game.ui.harness import Harness
from tests.sim_support import play_out

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _headless(user_home: Path) -> Iterator[None]:
    yield
    pygame.quit()


def played(name: str = "tutorial", seed: int = 6, policy: str = "force") -> Session:
    return play_out(Session.new(library.load(library.resolve(name)), seed, autosave=False), policy)


def test_a_policy_replayed_as_a_log_scores_what_its_own_game_scored() -> None:
    # Same luck: the force policy's own game and a player who made exactly its moves must agree.
    session = played(policy="force")
    result = what_if(session.scenario, session.seed, session.log, session.score)
    force = next(g for g in result.policies if g.policy == "force")
    assert force.score == pytest.approx(session.score)
    assert {g.policy for g in result.policies} == set(POLICIES)
    assert len(result.turnings) == len(session.log)
    assert result.pivotal is not None
    assert abs(result.pivotal.delta) == max(abs(x.delta) for x in result.turnings)


def test_flipping_a_push_turn_offers_partnership_and_the_shared_core_matches_the_parts() -> None:
    session = played(policy="force")
    engine = Engine(session.scenario)
    turnings = flip_each_turn(engine, session.seed, session.log, session.score)
    pushes = [x for x in turnings if x.stance == "push"]
    assert pushes and all(x.instead == "partner" for x in pushes)
    assert most_consequential(turnings) == what_if(session.scenario, session.seed, session.log, session.score).pivotal
    assert [g.score for g in policy_games(engine, session.seed, ["balanced"])] == [
        g.score for g in what_if(session.scenario, session.seed, session.log, session.score).policies if g.policy == "balanced"
    ]


def to_debrief(args: list[str]) -> Harness:
    h = Harness([*args, "--autoplay", "balanced"])
    h.run_until(lambda x: x.screen.name == "debrief")
    h.app.autoplay = None
    return h


def test_the_what_if_page_shows_every_style_and_the_pivotal_turn() -> None:
    h = to_debrief(["european_merger", "--seed", "3"])
    job = h.app.play.what_if()  # type: ignore[union-attr]
    assert job.wait(30) is not None
    h.key(pygame.K_4)
    h.step()
    keys = {w.key for w in h.screen.group.widgets}
    assert {"whatif:you", "whatif:partner", "whatif:force", "whatif:balanced", "whatif:random", "whatif:greedy"} <= keys
    assert "whatif:pivotal" in keys and "whatif:deltas" in keys
    pivotal = next(w for w in h.screen.group.widgets if w.key == "whatif:pivotal")
    assert "your final score would have been" in pivotal.body  # type: ignore[attr-defined]


def test_the_counterfactuals_run_off_the_window_thread_and_the_page_waits_for_them() -> None:
    h = to_debrief(["european_merger", "--seed", "3"])
    play = h.app.play
    assert play is not None
    job = play.what_if()
    assert play.what_if() is job  # one job per game: the page never recomputes
    # While the numbers are being worked out the page says so instead of waiting for them.
    from game.ui.screens import whatif_page

    waiting = whatif_page.build(h.app.theme, play.session, None, "", h.screen.group.widgets[0].rect)
    assert any(getattr(w, "body", "") == t("whatif.working") for w in waiting)
    assert not any(w.key == "whatif:you" for w in waiting)
    h.key(pygame.K_4)
    job.wait(30)
    for _ in range(20):
        h.step()
        if any(w.key == "whatif:you" for w in h.screen.group.widgets):
            break
    assert any(w.key == "whatif:you" for w in h.screen.group.widgets)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_web_page_export_is_self_contained_and_escapes_every_text(tmp_path: Path) -> None:
    source = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    hostile = '"<script>alert(1)</script> & <b>co</b>"'
    path = tmp_path / "tutorial.yaml"
    assert "    en: First hundred days\n" in source
    path.write_text(source.replace("    en: First hundred days\n", f"    en: {hostile}\n", 1), encoding="utf-8")
    h = to_debrief([str(path), "--seed", "6"])
    written = h.screen.export_html()  # type: ignore[attr-defined]
    assert written is not None and written.suffix == ".html"
    page = written.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>co</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;" in page
    assert not re.search(r"""(src|href)=["'](?!data:)""", page), "a self-contained page loads nothing from elsewhere"
    parser = _Page()
    parser.feed(page)
    assert "script" not in parser.tags
    assert len(parser.images) == 4
    for src in parser.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    words = " ".join(parser.text)
    assert "The same luck, other styles" in words and "Questions to reflect on" in words


def test_the_export_buttons_sit_side_by_side_at_projector_size() -> None:
    h = to_debrief(["tutorial", "--seed", "6", "--size", "1920x1080", "--scale", "1.5"])
    buttons = [h.widget(k) for k in ("export", "export_html", "replay", "title")]
    assert all(b is not None for b in buttons)
    rects = [b.rect for b in buttons if b is not None]
    assert all(r.right <= 1920 and r.bottom <= 1080 for r in rects)
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_a_failing_counterfactual_shows_a_message_and_the_debrief_carries_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui import whatif

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("no luck today")

    monkeypatch.setattr(whatif, "what_if", broken)
    h = to_debrief(["tutorial", "--seed", "6"])
    play = h.app.play
    assert play is not None
    assert play.what_if().wait(10) is None
    h.key(pygame.K_4)
    h.step()
    words = " ".join(getattr(w, "body", "") for w in h.screen.group.widgets)
    assert "could not be worked out" in words and "no luck today" in words
    h.key(pygame.K_1)
    assert h.screen.name == "debrief"
