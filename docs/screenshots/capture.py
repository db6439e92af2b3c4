"""Redraw the screenshots in this folder: ``.venv/bin/python docs/screenshots/capture.py``.

Plays seeded games headless (SDL's dummy video driver) and saves the screens
the documentation shows, at 1280×720 and at 1920×1080 with the projector
scale 1.5, in English and (a few) in French: among them the stakeholders'
faces on the map and in the briefing's cast, what they said after a turn, an
event over the dimmed map, the turn resolving and one stakeholder's web lit
up. The report*.png pictures come
from the workshop report and are not redrawn here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Protocol

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
_home = Path(tempfile.mkdtemp(prefix="shove-shots-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_home / _var.lower())

import pygame  # noqa: E402

from game.ui.harness import Harness  # noqa: E402

HERE = Path(__file__).resolve().parent
# The pictures the documentation keeps (every screen is still played through, and drawn, on the way).
KEEP = {
    "title-1280x720", "briefing-1280x720", "turn-1280x720", "turn-forecast-1280x720", "turn-stakeholder-card-1280x720",
    "event-1280x720", "summary-1280x720", "debrief-1280x720", "debrief-charts-1280x720", "debrief-timeline-1280x720",
    "debrief-whatif-1280x720", "turn-1920x1080", "summary-1920x1080", "debrief-whatif-1920x1080",
    "turn-forecast-fr-1280x720", "event-fr-1280x720", "debrief-whatif-fr-1280x720",
    "turn-unavailable-1280x720", "turn-unavailable-fr-1280x720", "turn-arabic-1280x720",
    "debrief-charts-1920x1080", "debrief-timeline-1920x1080", "debrief-charts-fr-1280x720", "debrief-timeline-fr-1280x720",
    "title-1920x1080", "title-fr-1280x720",
    *(f"turn-{shot}{suffix}" for shot in ("resolution", "highlight")
      for suffix in ("-1280x720", "-1920x1080", "-fr-1280x720", "-fr-1920x1080")),
    # Faces and voices: the cast, what stakeholders said after a turn, an event over the dimmed map.
    "briefing-fr-1280x720", "turn-voices-1280x720", "turn-voices-1920x1080", "turn-voices-fr-1280x720",
    "event-1920x1080", "summary-fr-1280x720",
    # At both sizes; and an event at a projector's scale in French, its story and its answers on a page each.
    "briefing-1920x1080", "event-story-fr-1920x1080", "event-answers-fr-1920x1080",
}


def save(h: Harness, name: str) -> None:
    h.app.draw()
    if name in KEEP:
        pygame.image.save(h.app.surface, str(HERE / f"{name}.png"))
        print("wrote", name)


FORECAST_TIMEOUT_S = 60.0  # a turn's forecasts take about a second; far longer means something is broken


def settle(h: Harness, timeout: float = FORECAST_TIMEOUT_S) -> None:
    """Step the game until every action card shows its forecast and the plan its own (worked out in a background
    thread as the turn opens), so no picture says "forecast…"; fail loudly when they take longer than ``timeout``."""
    from game.i18n import t
    from game.ui.widgets.action_card import ActionCard

    pending = t("card.forecast_pending")
    deadline = time.monotonic() + timeout
    while True:
        h.step()
        play = h.app.play
        cards = [w for w in h.screen.group.widgets if isinstance(w, ActionCard)]
        if play is not None and not play.forecasts_pending() and not any(c.forecast == pending for c in cards):
            return
        if time.monotonic() > deadline:
            job = play.forecast_job() if play is not None else None
            raise TimeoutError(f"the {h.screen.name} screen's forecasts were not ready after {timeout:.0f} s"
                               f" ({[c.key for c in cards if c.forecast == pending]} still pending; job error: {job.error if job else 'no job'!r})")
        pygame.time.wait(20)


class Job(Protocol):
    """A background job: ``wait`` gives something true once it is done, else False or None."""

    def wait(self, timeout: float | None = None) -> object: ...


def wait_for(job: Job, what: str, timeout: float = FORECAST_TIMEOUT_S) -> None:
    """Wait for a background job (an event's answers, the what-if page); fail loudly when it takes longer than ``timeout``."""
    if not job.wait(timeout):
        raise TimeoutError(f"{what} were not worked out after {timeout:.0f} s")


def hover(h: Harness, key: str) -> None:
    """Point at a widget and let its tooltip's delay pass (and the forecasts arrive)."""
    settle(h)
    widget = h.widget(key)
    assert widget is not None, key
    h.move(widget.rect.center)
    h.screen.group.hover_since -= 10_000
    h.step()


def game(scenario: str, size: str, lang: str, suffix: str, scale: str = "1.0") -> None:
    h = Harness([scenario, "--seed", "3", "--size", size, "--lang", lang, "--scale", scale])
    save(h, f"briefing{suffix}")
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    settle(h)
    save(h, f"turn{suffix}")
    h.key(pygame.K_2)  # plan the shared medical project, then read its forecast
    hover(h, "action:medical_project")
    save(h, f"turn-forecast{suffix}")
    node = next(w.key for w in h.screen.group.widgets if w.key.startswith("node:"))
    hover(h, node)
    save(h, f"turn-stakeholder-card{suffix}")
    h.app.autoplay = "balanced"
    seen: set[str] = set()
    while h.screen.name != "debrief":
        name = h.screen.name
        if name == "event" and name not in seen and h.screen.frames:
            answers = getattr(h.screen, "forecast_job", None)
            if answers is not None:
                wait_for(answers, "the event's answers' forecasts")  # worked out off the frame loop
                h.app.autoplay = None  # one frame to lay them out, before the autoplay answers
                h.step()
                h.app.autoplay = "balanced"
        if name in ("event", "summary") and name not in seen and h.screen.frames:
            seen.add(name)
            save(h, f"{name}{suffix}")
        play = h.app.play
        if name == "turn" and "voices" not in seen and h.screen.frames and play is not None and play.session.reactions():
            seen.add("voices")  # the turn after one was played: what stakeholders said, beside them on the map
            h.app.autoplay = None  # the cards' forecasts first, before the autoplay plays on
            settle(h)
            save(h, f"turn-voices{suffix}")
            h.app.autoplay = "balanced"
        h.step()
    h.app.autoplay = None
    for page, key in ((0, "debrief"), (1, "debrief-charts"), (2, "debrief-timeline"), (3, "debrief-whatif")):
        h.key(pygame.K_1 + page)
        if page == 3:
            wait_for(h.app.play.what_if(), "the what-if page's games")  # type: ignore[union-attr]
            h.step()
        save(h, f"{key}{suffix}")
    h.close()
    pygame.quit()


def unavailable(lang: str, suffix: str) -> None:
    """The flagship's first turn, pointing at an action that must wait: the reason in plain words."""
    h = Harness(["system_reform", "--seed", "3", "--size", "1280x720", "--lang", lang])
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    while h.widget("action:drop_change") is None:
        h.key(pygame.K_PAGEDOWN)
    hover(h, "action:drop_change")
    save(h, f"turn-unavailable{suffix}")
    h.close()
    pygame.quit()


def projector_event() -> None:
    """The flagship in French at a projector's scale: the first event whose panel takes two pages beside the map
    (the stakeholders it lights in view), its story, then its answers with their forecasts."""
    h = Harness(["system_reform", "--seed", "3", "--size", "1920x1080", "--lang", "fr", "--scale", "1.5"])
    h.app.autoplay = "balanced"
    while h.screen.name != "debrief":
        screen = h.screen
        if screen.name == "event" and screen.frames and getattr(screen, "pages", 1) > 1:
            h.app.autoplay = None
            wait_for(screen.forecast_job, "the event's answers' forecasts")  # type: ignore[attr-defined]
            h.step()
            save(h, "event-story-fr-1920x1080")
            h.key(pygame.K_PAGEDOWN)
            save(h, "event-answers-fr-1920x1080")
            break
        h.step()
    else:
        raise LookupError("no event took two pages in this game")
    h.close()
    pygame.quit()


def right_to_left() -> None:
    """The tutorial in Arabic (a test fixture): joined letters, lines set from the right."""
    fixture = HERE.parents[1] / "tests" / "fixtures" / "rtl_tutorial_ar.yaml"
    h = Harness([str(fixture), "--seed", "3", "--size", "1280x720"])
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    hover(h, "action:engage")
    save(h, "turn-arabic-1280x720")
    h.close()
    pygame.quit()


def motion(size: str, lang: str, suffix: str) -> None:
    """The turn resolving (a frame from its middle) after a planned action, then the next turn with one
    stakeholder's web lit up under the pointer (no tooltip yet) and the "why" feed beside it."""
    from game.ui import clock

    h = Harness(["european_merger", "--seed", "3", "--size", size, "--lang", lang], motion=True)
    h.key(pygame.K_RETURN)
    h.run_until(lambda x: x.screen.name == "turn", 20)
    settle(h)
    h.key(pygame.K_2)  # the shared medical project: it moves a good part of the map
    h.key(pygame.K_e)
    moving = getattr(h.screen, "resolution", None)
    assert moving is not None, "no resolution after End turn"
    moving.started = clock.now_ms() - moving.duration * 45 // 100
    save(h, f"turn-resolution{suffix}")
    h.key(pygame.K_SPACE)
    while h.screen.name != "turn":
        h.key(pygame.K_RETURN if h.screen.name == "summary" else pygame.K_1)
    settle(h)
    screen = h.screen
    node = max((w for w in screen.group.widgets if w.key.startswith("node:")), key=lambda w: len(
        [e for e in h.app.play.scenario.influence if w.key == f"node:{e.source}" or w.key == f"node:{e.target}"]))  # type: ignore[union-attr]
    h.move(node.rect.center)
    save(h, f"turn-highlight{suffix}")
    h.close()
    pygame.quit()


def main() -> int:
    for size in ("1280x720", "1920x1080"):
        motion(size, "en", f"-{size}")
        motion(size, "fr", f"-fr-{size}")
    unavailable("en", "-1280x720")
    unavailable("fr", "-fr-1280x720")
    right_to_left()
    projector_event()
    game("european_merger", "1280x720", "en", "-1280x720")
    game("european_merger", "1920x1080", "en", "-1920x1080", "1.5")
    game("european_merger", "1280x720", "fr", "-fr-1280x720")
    # The games above leave an autosave, so the title screen names the last game beside Continue.
    for size, lang, scale, name in (("1280x720", "en", "1.0", "title-1280x720"), ("1920x1080", "en", "1.5", "title-1920x1080"),
                                    ("1280x720", "fr", "1.0", "title-fr-1280x720")):
        h = Harness(["--size", size, "--lang", lang, "--scale", scale])
        save(h, name)
        h.close()
        pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
