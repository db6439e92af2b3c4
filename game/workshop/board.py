"""The live board for the projector: every team's standing, updated as session files change.

The folder is polled every ``POLL_SECONDS`` by file modification times (a
stat per file, no reading unless something changed); between polls the loop
sleeps in pygame's clock. The board reads the numbers each session file
records, without replaying them (:mod:`game.workshop.standings` makes the rows):
it is a live view, and the report is where every game is checked by replay. Its
words are in the language given to :class:`Board` (the facilitator's), scenario
texts too where the scenario has them.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import time
from dataclasses import dataclass
from typing import Any

from game import i18n
from game.i18n.numbers import with_mark
from game.workshop.config import Workshop
from game.workshop.standings import BoardRow, problems_to_tell, read_rows, row_for, stamp
from game.workshop.team_colours import team_colours
from game.workshop.words import scenario_text, workshop_title

__all__ = ["POLL_SECONDS", "Board", "BoardRow", "Placed", "problems_to_tell", "read_rows",
           "row_for", "run_board", "stamp"]

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


def board_colours(teams: list[str]) -> dict[str, tuple[int, int, int]]:
    """Each team's colour on the board: the report's (:func:`game.workshop.team_colours.team_colours`)."""
    return {team: _rgb(colour) for team, colour in team_colours(teams).items()}


OUTCOME_COLOURS = {"success": (90, 200, 140), "partial": (240, 200, 90), "failure": (240, 120, 100)}
SMALLEST = 16  # the smallest type (about 12 px) a reason is set in: smaller cannot be read across a room
PROBLEM = (250, 190, 150)  # why a session file cannot be used: warm, but softer than a failure

# Where each column starts, as a share of the board's inner width; the last entry is the right edge.
COLUMNS = (("team", 0.0), ("turn", 0.22), ("score", 0.30), ("trust", 0.49), ("support", 0.61),
           ("progress", 0.73), ("status", 0.85), ("", 1.0))


@dataclass(frozen=True)
class Placed:
    """A line of text as the board drew it: which row and part it belongs to, and where it went."""

    row: str  # the team, or "" for the title, headings and footer
    part: str  # "title", "heading", "team", "ending", "turn", "score", "status", "problem", "footer"…
    text: str  # as drawn (shrunk or cut short with "…" to fit)
    rect: tuple[int, int, int, int]  # x, y, width, height on the surface


_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\w)")

STATUS_KEYS = {"waiting": "board.status.waiting", "playing": "board.status.playing",
               "paused": "board.status.paused", "unreadable": "board.status.unreadable"}


class Board:
    """Draws the board on a pygame surface (any size: type scales with the height), in ``lang``
    (default: the current language)."""

    def __init__(self, workshop: Workshop, lang: str | None = None) -> None:
        import pygame

        self.pygame = pygame
        self.workshop = workshop
        self.lang = i18n.supported(lang) or (i18n.language() if lang is None else i18n.DEFAULT)
        self.rows: list[BoardRow] = []
        self.updated = ""
        self.placed: list[Placed] = []  # every line of the last drawing, for checking the layout
        self.panels: dict[str, tuple[int, int, int, int]] = {}  # each team's row as last drawn
        self._fonts: dict[int, Any] = {}

    def font(self, size: int, bold: bool = False) -> Any:
        """The game's own Noto Sans (true bold, and Arabic or Hebrew names drawn too) at about the
        size pygame's default font has at ``size``."""
        key = size * 2 + int(bold)
        if key not in self._fonts:
            from game.ui.script_font import ScriptFont
            from game.ui.theme import FONTS

            face = FONTS / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
            self._fonts[key] = ScriptFont(face, max(6, round(size / 1.3)))
        return self._fonts[key]

    def t(self, key: str, /, **fields: object) -> str:
        return i18n.translate(self.lang, key, **fields)

    def text(self, value: str | dict[str, str]) -> str:
        return scenario_text(self.workshop, value, self.lang)

    def status(self, row: BoardRow) -> str:
        """What a team is doing, in words: playing, in a discussion pause, or how its game ended."""
        if row.status in STATUS_KEYS:
            return self.t(STATUS_KEYS[row.status])
        if row.outcome in ("success", "partial", "failure"):
            return self.t(f"board.status.{row.outcome}")
        return self.t("board.status.ended")

    def refresh(self) -> None:
        self.rows = read_rows(self.workshop, self.lang)
        self.updated = time.strftime("%H:%M:%S")

    def fit(self, text: str, size: int, bold: bool = False, width: int = 0, shrink: bool = False) -> tuple[str, int]:
        """A line as it is drawn within ``width``: set smaller (with ``shrink``, down to 3/4 size),
        then cut short with "…"; returns the text and its type size."""
        font = self.font(size, bold)
        smallest = max(8, size * 3 // 4)
        while shrink and width and size > smallest and font.size(text)[0] > width:
            size -= 1
            font = self.font(size, bold)
        while width and len(text) > 1 and font.size(text)[0] > width:
            text = text[:-2] + "…"
        return text, size

    def wrap(self, text: str, size: int, width: int, height: int, smallest: int = SMALLEST) -> tuple[list[str], int]:
        """A paragraph as the lines it is drawn in within ``width`` x ``height``: set smaller (down to
        3/4 size, and never under ``smallest``) until it fits, and, if it still does not, its last line
        cut short with "…". Returns the lines and their type size."""
        # A number stays with its unit or word ("1024 kB"), and French punctuation with its word.
        words = _NUMBER_SPACE.sub("\u00a0", i18n.no_break(" ".join(text.split()))).split(" ")
        smallest = min(size, max(smallest, size * 3 // 4))
        while True:
            font = self.font(size)
            lines: list[str] = []
            for word in words:
                joined = f"{lines[-1]} {word}" if lines else word
                if lines and font.size(joined)[0] <= width:
                    lines[-1] = joined
                else:
                    lines.append(word)
            room = max(1, height // max(1, font.get_linesize()))
            fits = len(lines) <= room and all(font.size(line)[0] <= width for line in lines)
            if fits or size <= smallest:
                break
            size -= 1
        if not fits:
            kept = lines[:room]
            if len(lines) > room:  # the word that did not fit goes on, to be cut short with "…"
                kept[-1] = f"{kept[-1]} {lines[room]}"
            lines = [self.fit(line, size, width=width)[0] for line in kept]
        return lines, size

    def _text(self, surface: Any, text: str, pos: tuple[int, int], size: int, colour: tuple[int, int, int],
              bold: bool = False, right: bool = False, width: int = 0, shrink: bool = False, *,
              row: str = "", part: str = "") -> None:
        """Draw one line, fitted to ``width`` (see :meth:`fit`), and note where it went."""
        line, used = self.fit(text, size, bold, width, shrink)
        font = self.font(used, bold)
        image = font.render(line, True, colour)
        x, y = pos
        if right:
            x -= image.get_width()
        # Centre a shrunk line on the line it replaces; an accented capital may make the image
        # taller than the font's line, which would push the text below its neighbours.
        y += (self.font(size, bold).get_height() - font.get_height()) // 2
        y -= max(0, image.get_height() - font.get_height())
        surface.blit(image, (x, y))
        self.placed.append(Placed(row, part, line, (x, y, image.get_width(), image.get_height())))

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
        self.placed = []
        self.panels = {}
        unit = max(12, height // 40)
        margin = unit * 2
        meta = self.workshop.base_scenario.meta
        title = workshop_title(self.workshop, self.lang)
        self._text(surface, title, (margin, margin), unit * 3, INK, bold=True, width=width - 2 * margin, part="title")
        turn_word = self.text(meta.turn_label)
        self._text(surface, i18n.translate_count(self.lang, "board.subtitle", meta.turns, turns=meta.turns, label=turn_word.lower(), seed=self.workshop.seed),
                   (margin, margin + unit * 3), int(unit * 1.6), MUTED, width=width - 2 * margin, part="subtitle")
        top = margin + unit * 6
        inner = width - 2 * margin
        at: dict[str, float] = dict(COLUMNS)

        def x_of(column: str) -> int:
            return int(margin + int(inner * at[column]))

        head = int(unit * 1.5)
        turn_head = turn_word
        if self.font(head * 3 // 4, True).size(turn_word)[0] > int(inner * 0.08) - unit // 2:
            turn_head = self.t("board.col.turn")  # the scenario's own word is too long for the column
        names = {"team": self.t("board.col.team"), "turn": turn_head, "score": self.t("debrief.score"),
                 "trust": self.t("board.col.trust"), "support": self.t("board.col.support"),
                 "progress": self.t("board.col.progress"), "status": self.t("board.col.status")}
        for (column, start), (_, end) in itertools.pairwise(COLUMNS):
            self._text(surface, names[column], (margin + int(inner * start), top), head, MUTED, bold=True,
                       width=int(inner * (end - start)) - unit // 2, shrink=True, part="heading")
        rows = self.rows or []
        room = height - top - unit * 5  # between the headings and the footer
        row_h = min(unit * 5, max(unit * 2, room // max(1, len(rows))))
        if row_h * len(rows) > room:  # many teams on a small screen: thinner rows, never over the footer
            row_h = max(8, room // len(rows))
        size = int(min(unit * 2.4, row_h * 0.55))
        y = top + unit * 2
        colours = board_colours(self.workshop.teams + [r.team for r in rows if r.team not in self.workshop.teams])
        for row in rows:
            colour = colours[row.team]
            panel_h = row_h - unit // 3
            self.panels[row.team] = (margin - unit // 2, y, inner + unit, panel_h)
            pg.draw.rect(surface, PANEL, self.panels[row.team], border_radius=8)
            pg.draw.rect(surface, colour, (margin - unit // 2, y, unit // 2, panel_h), border_radius=3)
            mid = y + (panel_h - size) // 2
            name_y = mid - size // 4 if row.ending else mid
            name_w = x_of("turn") - unit - (margin + unit // 2)  # a gap before the turn column
            self._text(surface, row.team, (margin + unit // 2, name_y), size, INK, bold=True, width=name_w,
                       row=row.team, part="team")
            if row.ending:
                self._text(surface, row.ending, (margin + unit // 2, name_y + size), int(size * 0.5), MUTED,
                           width=name_w, shrink=True, row=row.team, part="ending")
            if row.problem:
                # The columns from the turn to the progress bar hold no numbers for this team:
                # they say why its file cannot be used instead.
                pad = min(unit // 4, panel_h // 8)
                self._problem(surface, row, (x_of("turn"), y + pad, x_of("status") - unit - x_of("turn"),
                                             panel_h - 2 * pad), max(SMALLEST + 3, int(size * 0.6)))
            else:
                turn = f"{row.turn}/{meta.turns}" if row.turn else "–"
                self._text(surface, turn, (x_of("turn"), mid), size, INK, row=row.team, part="turn")
                bar_h = max(6, size // 2)
                bar_y = y + (panel_h - bar_h) // 2
                if row.score is not None:
                    self._text(surface, f"{row.score:.0f}", (x_of("score"), mid), size, INK, bold=True,
                               row=row.team, part="score")
                self._bar(surface, (x_of("score") + size * 2, bar_y, int(inner * 0.17) - size * 2, bar_h),
                          None if row.score is None else row.score / 100, colour)
                for value, column in ((row.trust, "trust"), (row.support, "support"), (row.progress, "progress")):
                    self._bar(surface, (x_of(column), bar_y, int(inner * 0.10), bar_h), value, colour)
            self._text(surface, self.status(row), (x_of("status"), mid + size // 8), int(size * 0.75),
                       OUTCOME_COLOURS.get(row.outcome, PROBLEM if row.problem else INK),
                       bold=bool(row.outcome or row.problem), width=int(inner * 0.15) - unit // 2, shrink=True,
                       row=row.team, part="status")
            y += row_h
        footer = self.t("board.footer", time=self.updated or "–",
                        seconds=with_mark(f"{POLL_SECONDS:g}", self.lang))
        self._text(surface, footer, (margin, height - unit * 2), int(unit * 1.3), MUTED, width=inner, shrink=True,
                   part="footer")

    def _problem(self, surface: Any, row: BoardRow, box: tuple[int, int, int, int], size: int) -> None:
        """Why the row's file cannot be used, wrapped (and if need be shortened) to fit ``box``,
        centred on the row's height."""
        x, y, w, h = box
        while size > 8 and self.font(size).get_linesize() > h:  # a row too thin for the usual smallest type
            size -= 1
        lines, used = self.wrap(row.problem, size, w, h, min(size, SMALLEST))
        step = self.font(used).get_linesize()
        y += max(0, (h - step * len(lines)) // 2)
        for line in lines:
            self._text(surface, line, (x, y), used, PROBLEM, width=w, row=row.team, part="problem")
            y += step


def run_board(workshop: Workshop, *, max_frames: int | None = None, size: tuple[int, int] = (1280, 720),
              lang: str | None = None) -> int:
    """Open the board window, in ``lang`` (default: the current language), and keep it current until
    closed; returns the exit code."""
    import pygame

    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_driver() in ("offscreen", "dummy") and "SDL_VIDEODRIVER" not in os.environ:
        pygame.quit()
        print(i18n.translate(lang, "workshop.cli.no_display"), file=sys.stderr)
        return 1
    try:
        screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        board = Board(workshop, lang)
        pygame.display.set_caption(board.t("board.caption", game=board.t("app.title")))
        board.refresh()
        told: dict[str, str] = {}
        _tell(problems_to_tell(board.rows, told, workshop, board.lang))
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
                    _tell(problems_to_tell(board.rows, told, workshop, board.lang))
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


def _tell(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr, flush=True)
