"""The terminal game's turn fits an 80×24 terminal: whole games of every scenario, played through
standard input as a player or a script would, measured turn by turn."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.i18n import t
from game.text_ui.turn_screen import TURN_LINES

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
WIDTH = 80


def play(scenario: str, lang: str, seed: int, script: str, home: Path, env: dict[str, str] | None = None) -> str:
    """A whole game in a child process, the script piped into its standard input."""
    environ = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
               "XDG_CONFIG_HOME": str(home / "config"), "COLUMNS": "80", "LINES": "24", **(env or {})}
    environ.pop("MAKELEVEL", None)
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", scenario, "--text", "--seed", str(seed), "--lang", lang],
        input=script, capture_output=True, text=True, env=environ, cwd=ROOT, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return result.stdout


def said(lang: str, key: str, **fields: object) -> str:
    from game import i18n

    previous = i18n.language()
    i18n.set_language(lang)
    try:
        return t(key, **fields)
    finally:
        i18n.set_language(previous)


def turns(out: str, lang: str) -> list[list[str]]:
    """What the player sees between one answer and the next prompt (the prompt included), from the
    first turn's heading on; the ending, after the last answer, is left out."""
    prompts = tuple(said(lang, k) for k in ("text.prompt.actions", "text.prompt.choice", "text.prompt.target"))
    chunks: list[list[str]] = []
    current: list[str] = []
    started = False
    for line in out.splitlines():
        if line.startswith("══ "):
            started = True
        if not started:
            continue
        current.append(line)
        if line.startswith(prompts):
            chunks.append(current)
            current = []
    return chunks


# Decide with no action, answer events with their first choice, and now and then take action 1
# (its first target): every kind of screen, to the ending.
SCRIPT = "0\n1\n" * 200


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_turn_fits_80_columns_and_40_lines(scenario: str, lang: str, tmp_path: Path) -> None:
    out = play(scenario, lang, 11, SCRIPT, tmp_path)
    assert said(lang, "text.ending.title", title="") in out, out[-3000:]
    screens = turns(out, lang)
    decisions = [c for c in screens if c[-1].startswith(said(lang, "text.prompt.actions"))]
    assert len(decisions) >= 3, out[-3000:]
    for chunk in screens:
        assert len(chunk) <= TURN_LINES, "\n".join(chunk)
    too_wide = [line for line in out.splitlines() if len(line) > WIDTH]
    assert not too_wide, too_wide
    assert not re.search(r"\bthe map\b|\bla carte\b", out, re.IGNORECASE), "there is no map in the terminal"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_layout_is_the_same_every_turn(scenario: str, tmp_path: Path) -> None:
    """The same sections in the same order, their headings at the same lines from the top of the turn."""
    out = play(scenario, "en", 5, SCRIPT, tmp_path)
    shapes = set()
    for chunk in turns(out, "en"):
        start = next((i for i, line in enumerate(chunk) if line.startswith(("══ Quarter", "══ Fortnight", "══ Month"))), None)
        if start is None:
            continue
        screen = chunk[start:]
        headings = tuple((i, line.split()[0]) for i, line in enumerate(screen)
                         if line.startswith(("  Stakeholders", "  Metrics", "Programmes:", "Actions (")))
        shapes.add(headings)
        assert [h for _, h in headings] == ["Stakeholders", "Metrics", "Programmes:", "Actions"], screen
    assert len(shapes) == 1, shapes


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_hint_sends_the_player_to_a_map(scenario: str, lang: str) -> None:
    """Hints show in both games, so they speak of trust and support, never of where to look on a map."""
    from game.scenario import loader
    from game.scenario.language import localise

    loaded = loader.load(ROOT / "scenarios" / f"{scenario}.yaml")
    texts = [h.text for h in loaded.hints] + [v.text for h in loaded.hints for v in h.variants]
    texts += [a.hint for a in loaded.actions]
    for text in texts:
        said_here = localise(text, lang)
        assert not re.search(r"\bmap\b|\bcarte\b", said_here, re.IGNORECASE), said_here
