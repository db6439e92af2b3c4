"""The live board for the projector: every team's standing, updated as session files change.

The folder is polled every ``POLL_SECONDS`` by file modification times (a
stat per file, no reading unless something changed); between polls the loop
sleeps in pygame's clock. The board reads the numbers each session file
records, without replaying them: it is a live view, and the report is where
every game is checked by replay.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.session.views import localise
from game.workshop import charts
from game.workshop.config import Workshop
from game.workshop.files import SessionFile, SessionFileError, read_session

POLL_SECONDS = 1.5
BACKGROUND = (18, 24, 38)
PANEL = (30, 39, 58)
INK = (240, 242, 246)
MUTED = (160, 170, 188)
BAR_BACK = (55, 66, 90)


def _rgb(code: str) -> tuple[int, int, int]:
    value = int(code.lstrip("#"), 16)
    rgb = (value >> 16 & 255, value >> 8 & 255, value & 255)
    return rgb if sum(rgb) > 120 else (200, 200, 200)  # black would vanish on the dark board


TEAM_COLOURS = tuple(_rgb(c) for c in charts.TEAM_COLOURS)  # the same colour per team as in the report
OUTCOME_COLOURS = {"success": (90, 200, 140), "partial": (240, 200, 90), "failure": (240, 120, 100)}


@dataclass(frozen=True)
class BoardRow:
    """One team's line on the board."""

    team: str
    status: str  # "waiting" | "playing" | "paused" | "ended" | "unreadable"
    turn: int
    score: float | None
    trust: float | None
    support: float | None
    progress: float | None
    ending: str = ""
    outcome: str = ""
    problem: str = ""


def _weighted(values: dict[str, float], power: dict[str, float]) -> float:
    total = sum(power.values()) or 1.0
    return sum(values.get(k, 0.0) * w for k, w in power.items()) / total


def row_for(workshop: Workshop, team: str, file: SessionFile | None, problem: str = "") -> BoardRow:
    if problem:
        return BoardRow(team, "unreadable", 0, None, None, None, None, problem=problem)
    if file is None or not file.trajectory:
        return BoardRow(team, "waiting", 0, None, None, None, None)
    scenario = workshop.base_scenario
    power = {s.id: s.power for s in scenario.stakeholders}
    last = file.trajectory[-1]
    progress = sum(last.progress.values()) / len(last.progress) if last.progress else 0.0
    titles = {e.id: localise(e.title, scenario.meta.language) for e in scenario.endings}
    return BoardRow(
        team=team,
        status=file.status,
        turn=last.turn,
        score=last.score,
        trust=_weighted(last.trust, power),
        support=_weighted(last.support, power),
        progress=progress,
        ending=titles.get(file.ending or "", "") if file.ending else "",
        outcome=file.outcome or "",
    )


def read_rows(workshop: Workshop) -> list[BoardRow]:
    """Every listed team's standing from its session file (waiting when it has none)."""
    rows = []
    for team in workshop.teams:
        path = workshop.session_path(team)
        if not path.exists():
            rows.append(row_for(workshop, team, None))
            continue
        try:
            rows.append(row_for(workshop, team, read_session(path)))
        except SessionFileError as exc:
            rows.append(row_for(workshop, team, None, exc.message))
    return rows


def stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when any session file changes: names, sizes and modification times."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    out = []
    for entry in entries:
        if entry.name.endswith(".json"):
            try:
                info = entry.stat()
            except OSError:
                continue
            out.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(out))


class Board:
    """Draws the board on a pygame surface (any size: type scales with the height)."""

    def __init__(self, workshop: Workshop) -> None:
        import pygame

        self.pygame = pygame
        self.workshop = workshop
        self.rows: list[BoardRow] = []
        self.updated = ""
        self._fonts: dict[int, Any] = {}

    def font(self, size: int, bold: bool = False) -> Any:
        key = size * 2 + int(bold)
        if key not in self._fonts:
            font = self.pygame.font.Font(None, size)
            font.set_bold(bold)
            self._fonts[key] = font
        return self._fonts[key]

    def refresh(self) -> None:
        self.rows = read_rows(self.workshop)
        self.updated = time.strftime("%H:%M:%S")

    def _text(self, surface: Any, text: str, pos: tuple[int, int], size: int, colour: tuple[int, int, int],
              bold: bool = False, right: bool = False, width: int = 0) -> None:
        font = self.font(size, bold)
        while width and len(text) > 1 and font.size(text)[0] > width:
            text = text[:-2] + "…"
        image = font.render(text, True, colour)
        x, y = pos
        if right:
            x -= image.get_width()
        surface.blit(image, (x, y))

    def _bar(self, surface: Any, rect: tuple[int, int, int, int], share: float | None,
             colour: tuple[int, int, int]) -> None:
        pg = self.pygame
        pg.draw.rect(surface, BAR_BACK, rect, border_radius=4)
        if share is not None:
            x, y, w, h = rect
            pg.draw.rect(surface, colour, (x, y, max(0, int(w * min(1.0, max(0.0, share)))), h), border_radius=4)

    def draw(self, surface: Any) -> None:
        pg = self.pygame
        width, height = surface.get_size()
        surface.fill(BACKGROUND)
        unit = max(12, height // 40)
        margin = unit * 2
        meta = self.workshop.base_scenario.meta
        title = self.workshop.file.title or localise(meta.title, meta.language)
        self._text(surface, title, (margin, margin), unit * 3, INK, bold=True, width=width - 2 * margin)
        turn_word = localise(meta.turn_label, meta.language)
        self._text(surface, f"{meta.turns} {turn_word.lower()}s · every team on seed {self.workshop.seed}",
                   (margin, margin + unit * 3), int(unit * 1.6), MUTED)
        top = margin + unit * 6
        columns = [("Team", 0.0), (turn_word, 0.22), ("Score", 0.30), ("Trust", 0.49), ("Support", 0.61),
                   ("Progress", 0.73), ("Status", 0.85)]
        inner = width - 2 * margin
        for name, at in columns:
            self._text(surface, name, (margin + int(inner * at), top), int(unit * 1.5), MUTED, bold=True)
        rows = self.rows or []
        row_h = min(unit * 5, max(unit * 2, (height - top - unit * 5) // max(1, len(rows))))
        size = int(min(unit * 2.4, row_h * 0.55))
        y = top + unit * 2
        for i, row in enumerate(rows):
            colour = TEAM_COLOURS[i % len(TEAM_COLOURS)]
            pg.draw.rect(surface, PANEL, (margin - unit // 2, y, inner + unit, row_h - unit // 3), border_radius=8)
            pg.draw.rect(surface, colour, (margin - unit // 2, y, unit // 2, row_h - unit // 3), border_radius=3)
            mid = y + (row_h - unit // 3 - size) // 2
            name_y = mid - size // 4 if row.ending else mid
            self._text(surface, row.team, (margin + unit // 2, name_y), size, INK, bold=True, width=int(inner * 0.21))
            if row.ending:
                self._text(surface, row.ending, (margin + unit // 2, name_y + size), int(size * 0.5), MUTED,
                           width=int(inner * 0.21))
            turn = f"{row.turn}/{meta.turns}" if row.turn else "–"
            self._text(surface, turn, (margin + int(inner * 0.22), mid), size, INK)
            bar_h = max(6, size // 2)
            bar_y = y + (row_h - unit // 3 - bar_h) // 2
            score_x = margin + int(inner * 0.30)
            if row.score is not None:
                self._text(surface, f"{row.score:.0f}", (score_x, mid), size, INK, bold=True)
            self._bar(surface, (score_x + size * 2, bar_y, int(inner * 0.17) - size * 2, bar_h),
                      None if row.score is None else row.score / 100, colour)
            for value, at in ((row.trust, 0.49), (row.support, 0.61), (row.progress, 0.73)):
                self._bar(surface, (margin + int(inner * at), bar_y, int(inner * 0.10), bar_h), value, colour)
            status = {"waiting": "not started", "playing": "playing", "paused": "discussing",
                      "unreadable": "file problem"}.get(row.status, row.outcome.capitalize() or "ended")
            self._text(surface, status, (margin + int(inner * 0.85), mid + size // 8), int(size * 0.75),
                       OUTCOME_COLOURS.get(row.outcome, INK), bold=bool(row.outcome), width=int(inner * 0.15) + unit)
            y += row_h
        footer = f"Updated {self.updated or '–'} · checks for new moves every {POLL_SECONDS:g} s · Esc closes · F11 full screen"
        self._text(surface, footer, (margin, height - unit * 2), int(unit * 1.3), MUTED)


def run_board(workshop: Workshop, *, max_frames: int | None = None, size: tuple[int, int] = (1280, 720)) -> int:
    """Open the board window and keep it current until closed; returns the exit code."""
    import pygame

    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_driver() in ("offscreen", "dummy") and "SDL_VIDEODRIVER" not in os.environ:
        pygame.quit()
        print("shove workshop board: there is no display here to show the board on", file=sys.stderr)
        return 1
    try:
        screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("Workshop board: Push Comes to Shove")
        board = Board(workshop)
        board.refresh()
        seen = stamp(workshop.sessions_dir)
        last_poll = time.monotonic()
        clock = pygame.time.Clock()
        dirty = True
        frames = 0
        fullscreen = False
        while max_frames is None or frames < max_frames:
            for event in pygame.event.get():
                if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_q)):
                    return 0
                if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                    fullscreen = not fullscreen
                    screen = pygame.display.set_mode((0, 0) if fullscreen else size,
                                                     pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE)
                    dirty = True
                if event.type in (pygame.VIDEORESIZE, pygame.WINDOWEXPOSED):
                    dirty = True
            now = time.monotonic()
            if now - last_poll >= POLL_SECONDS:
                last_poll = now
                current = stamp(workshop.sessions_dir)
                if current != seen:
                    seen = current
                    board.refresh()
                    dirty = True
            if dirty:
                board.draw(screen)
                pygame.display.flip()
                dirty = False
            frames += 1
            clock.tick(8)  # sleeps between frames: the board costs almost nothing while idle
        return 0
    finally:
        pygame.quit()
