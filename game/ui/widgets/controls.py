"""Plain widgets: buttons, text blocks, progress bars, panels, list items and text fields.

:class:`Stat` (a number with a tooltip) and the label helpers live in :mod:`game.ui.widgets.stat`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pygame

from game import i18n
from game.i18n import t
from game.ui import text
from game.ui.intents import Intent
from game.ui.widgets.base import Tooltip, Widget, WidgetState
from game.ui.widgets.stat import label_lines, lines_needed

if TYPE_CHECKING:
    from game.ui.theme import Theme


KEY_NAMES = ("Esc", "Enter", "E")  # keys whose names differ between languages


class Labelled(Widget):
    """A widget showing a label, with the key that does the same and a font role: what buttons and tabs share."""

    def __init__(
        self, rect: pygame.Rect, label: str, intent: Intent, *, tooltip: Tooltip = None, enabled: bool = True, focusable: bool | None = None,
        key: str = "", shortcut: str = "", role: str = "",
    ) -> None:
        super().__init__(rect, intent=intent, tooltip=tooltip, enabled=enabled, focusable=focusable, key=key)
        self.label = label
        self.shortcut = shortcut  # shown after the label when it fits
        self.role = role  # the label's font role; by default body_bold, stepping down to small_bold for a long label

    def label_layout(self, theme: Theme, room: int, most: int = 1) -> tuple[list[str], pygame.font.Font]:
        """The label as drawn ``room`` pixels wide: with its key hint when that fits, in a smaller size before any word
        is cut, on up to ``most`` lines (the last cut only past those)."""
        font = theme.font(self.role or "body_bold")
        label = self.label
        if self.shortcut:
            with_key = f"{label}  [{t(f'keyname.{self.shortcut}') if self.shortcut in KEY_NAMES else self.shortcut}]"
            label = with_key if font.size(with_key)[0] <= room else label  # the key hint goes first when room is short
        if font.size(label)[0] > room and not self.role:
            font = theme.font("small_bold")
        if most > 1 and font.size(label)[0] > room:
            return label_lines(label, font, room, most), font
        return [text.fit(label, font, room)], font


class Button(Labelled):
    """A labelled button; ``primary`` is filled with the accent colour; ``wrap`` sets a long label on more lines rather than cut it."""

    def __init__(
        self,
        rect: pygame.Rect,
        label: str,
        intent: Intent,
        *,
        primary: bool = False,
        tooltip: Tooltip = None,
        enabled: bool = True,
        key: str = "",
        shortcut: str = "",
        wrap: bool = False,
        role: str = "",
    ) -> None:
        super().__init__(rect, label, intent, tooltip=tooltip, enabled=enabled, key=key or f"button:{label}", shortcut=shortcut, role=role)
        self.primary = primary
        self.wrap = wrap

    def label_lines(self, theme: Theme) -> tuple[list[str], pygame.font.Font]:
        """The label's lines as drawn, and their face: on as many lines as the button's height holds when ``wrap`` is set."""
        room = self.rect.width - 2 * theme.px("padding")
        most = max(1, (self.rect.height - theme.px(4)) // theme.font(self.role or "small_bold").get_linesize()) if self.wrap else 1
        return self.label_layout(theme, room, most)

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        if not self.enabled:
            fill, ink, edge = theme.colour("panel_alt"), theme.colour("disabled"), theme.colour("border")
        elif self.primary:
            fill, ink, edge = theme.colour("accent"), theme.colour("text_inverse"), theme.colour("accent")
            if state.hovered:
                fill = fill.lerp(theme.colour("text"), 0.25)
        else:
            fill, ink, edge = theme.colour("panel"), theme.colour("text"), theme.colour("border")
            if state.hovered:
                fill = theme.colour("hover")
        pygame.draw.rect(surface, fill, self.rect, border_radius=radius)
        pygame.draw.rect(surface, edge, self.rect, theme.px("border"), border_radius=radius)
        lines, font = self.label_lines(theme)
        step = font.get_linesize()
        top = self.rect.centery - len(lines) * step // 2
        for i, line in enumerate(lines):
            text.draw(surface, line, font, ink, (self.rect.centerx, top + i * step + step // 2), "center")


def button_height(theme: Theme, label: str, width: int, least: int, role: str = "body_bold") -> int:
    """How tall a wrapping :class:`Button` ``width`` pixels wide, its label in ``role``, must be to show ``label`` whole (at least ``least``)."""
    font = theme.font(role)
    return max(least, lines_needed(label, font, width - 2 * theme.px("padding")) * font.get_linesize() + theme.px(8))


class TextBlock(Widget):
    """Wrapped text; not focusable unless it carries a tooltip."""

    def __init__(
        self,
        rect: pygame.Rect,
        body: str,
        *,
        role: str = "body",
        colour: str = "text",
        max_lines: int | None = None,
        tooltip: Tooltip = None,
        align: Literal["left", "center"] = "left",
        key: str = "",
    ) -> None:
        super().__init__(rect, tooltip=tooltip, key=key)
        self.body = body
        self.role = role
        self.colour = colour
        self.max_lines = max_lines
        self.align = align

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        font = theme.font(self.role)
        ink = theme.colour(self.colour)
        if self.align == "center":
            lines = text.wrap(self.body, font, self.rect.width)
            y = self.rect.top
            for line in lines[: self.max_lines or len(lines)]:
                text.draw(surface, line, font, ink, (self.rect.centerx, y), "midtop")
                y += round(font.get_linesize() * 1.15)
            return
        text.draw_wrapped(surface, self.body, font, ink, self.rect, self.max_lines)


class Bar(Widget):
    """A horizontal progress bar with its label and percentage, and a tooltip."""

    def __init__(
        self,
        rect: pygame.Rect,
        label: str,
        share: float,
        tooltip: Tooltip,
        *,
        colour: str = "accent",
        previous: float | None = None,
        key: str = "",
        label_lines: int = 1,
    ) -> None:
        super().__init__(rect, tooltip=tooltip, key=key or f"bar:{label}")
        self.label = label
        self.label_lines = label_lines
        self.share = max(0.0, min(1.0, share))
        self.previous = previous
        self.colour = colour

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect.inflate(theme.px(4), theme.px(4)), border_radius=theme.px("radius"))
        small = theme.font("small")
        bold = theme.font("small_bold")
        percent = i18n.percent(self.share)
        text.draw(surface, percent, bold, theme.colour("text"), self.rect.topright, "topright")
        y = self.rect.top
        for label in label_lines(self.label, small, self.rect.width - bold.size(percent)[0] - theme.px(8), self.label_lines):
            text.draw(surface, label, small, theme.colour("text"), (self.rect.left, y))
            y += small.get_linesize()
        track = pygame.Rect(self.rect.left, self.rect.bottom - theme.px(9), self.rect.width, theme.px(8))
        pygame.draw.rect(surface, theme.colour("trust_track"), track, border_radius=track.height // 2)
        filled = track.copy()
        filled.width = round(track.width * self.share)
        if filled.width > 0:
            pygame.draw.rect(surface, theme.colour(self.colour), filled, border_radius=track.height // 2)
        if self.previous is not None:
            x = track.left + round(track.width * max(0.0, min(1.0, self.previous)))
            pygame.draw.line(surface, theme.colour("text"), (x, track.top - theme.px(3)), (x, track.bottom + theme.px(2)), theme.px(2))


class Panel(Widget):
    """A background panel with an optional heading; draws under other widgets."""

    def __init__(self, rect: pygame.Rect, heading: str = "", *, colour: str = "panel") -> None:
        super().__init__(rect, focusable=False)
        self.heading = heading
        self.colour = colour

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        pygame.draw.rect(surface, theme.colour(self.colour), self.rect, border_radius=radius)
        pygame.draw.rect(surface, theme.colour("border"), self.rect, theme.px("border"), border_radius=radius)
        if self.heading:
            pad = theme.px("padding")
            font = theme.font("subheading")
            text.draw(surface, text.fit(self.heading, font, self.rect.width - 2 * pad), font, theme.colour("text"), (self.rect.left + pad, self.rect.top + pad))

    def inner(self, theme: Theme) -> pygame.Rect:
        """The area under the heading, inside the padding."""
        pad = theme.px("padding")
        top = pad + (theme.font("subheading").get_linesize() + theme.px(4) if self.heading else 0)
        return pygame.Rect(self.rect.left + pad, self.rect.top + top, self.rect.width - 2 * pad, self.rect.height - top - pad)


class ListItem(Widget):
    """A row in a list: a bold title and a muted line under it; shows when selected."""

    def __init__(
        self,
        rect: pygame.Rect,
        title: str,
        subtitle: str,
        intent: Intent,
        *,
        selected: bool = False,
        tooltip: Tooltip = None,
        enabled: bool = True,
        key: str = "",
        badge: str = "",
        badge_under: bool | None = None,
    ) -> None:
        super().__init__(rect, intent=intent, tooltip=tooltip, enabled=enabled, key=key or f"item:{title}")
        self.title = title
        self.subtitle = subtitle
        self.selected = selected
        self.badge = badge
        self.badge_under = badge_under  # None: under the title only when beside it would cost the title a line

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        fill = theme.colour("selected") if self.selected else theme.colour("hover" if state.hovered else "panel")
        pygame.draw.rect(surface, fill, self.rect, border_radius=radius)
        edge = theme.colour("good") if self.selected else theme.colour("border")
        pygame.draw.rect(surface, edge, self.rect, theme.px(2) if self.selected else theme.px("border"), border_radius=radius)
        pad = theme.px("padding")
        bold = theme.font("body_bold")
        small = theme.font("small")
        words = row_words(theme, self.title, self.subtitle, self.rect.width, self.badge, self.badge_under)
        width = words.title_width
        if words.badge_beside:
            text.draw(surface, self.badge, theme.font("small_bold"), theme.colour("text_muted"), (self.rect.right - pad, self.rect.top + pad), "topright")
        ink = theme.colour("text" if self.enabled else "disabled")
        # A long title may take every line the row has room for (event choices), above one subtitle line.
        room = self.rect.height - 2 * pad - (small.get_linesize() if words.subtitle else 0)
        lines = max(1, room // bold.get_linesize())
        used = min(lines, len(text.wrap(self.title, bold, width)))
        text.draw_wrapped(surface, self.title, bold, ink, pygame.Rect(self.rect.left + pad, self.rect.top + pad, width, used * bold.get_linesize()), lines, 1.0)
        if words.subtitle:
            top = self.rect.top + pad + used * bold.get_linesize()
            sub_rect = pygame.Rect(self.rect.left + pad, top, self.rect.width - 2 * pad, self.rect.bottom - pad - top)
            text.draw_wrapped(surface, words.subtitle, small, theme.colour("text_muted"), sub_rect)


@dataclass(frozen=True)
class RowWords:
    """How a list row lays out its words at one width: the title's width, whether the badge sits beside the title
    (top right) and the muted line under the title (with the badge at its head when the badge does not sit beside)."""

    title_width: int
    badge_beside: bool
    subtitle: str


def badge_costs_a_line(theme: Theme, title: str, width: int, badge: str) -> bool:
    """Whether a list row ``width`` pixels across would need another line for its title with the badge beside it."""
    if not badge:
        return False
    full = width - 2 * theme.px("padding")
    bold = theme.font("body_bold")
    beside = full - theme.font("small_bold").size(badge)[0] - theme.px("padding")
    return len(text.wrap(title, bold, beside)) > len(text.wrap(title, bold, full))


def row_words(theme: Theme, title: str, subtitle: str, width: int, badge: str = "", badge_under: bool | None = None) -> RowWords:
    """A list row ``width`` pixels across: the badge beside the title unless that would cost the title a line (a narrow
    row), in which case it leads the line under the title instead; ``badge_under`` decides for the row (so that the
    rows of one list all put it the same way)."""
    pad = theme.px("padding")
    full = width - 2 * pad
    if not badge:
        return RowWords(full, False, subtitle)
    under = badge_costs_a_line(theme, title, width, badge) if badge_under is None else badge_under
    if not under:
        return RowWords(full - theme.font("small_bold").size(badge)[0] - pad, True, subtitle)
    return RowWords(full, False, t("list.badge_first", badge=badge, line=subtitle) if subtitle else badge)


def list_item_height(theme: Theme, title: str, subtitle: str, width: int, badge: str = "", badge_under: bool | None = None) -> int:
    """How tall a :class:`ListItem` ``width`` pixels wide must be to show its title and subtitle whole."""
    pad = theme.px("padding")
    bold, small = theme.font("body_bold"), theme.font("small")
    words = row_words(theme, title, subtitle, width, badge, badge_under)
    title_h = len(text.wrap(title, bold, words.title_width)) * bold.get_linesize()
    return 2 * pad + title_h + (text.wrapped_height(words.subtitle, small, width - 2 * pad) if words.subtitle else 0)


class TextField(Widget):
    """A one-line text box: typing goes in while it has focus; Enter emits ``submit`` of what was typed."""

    takes_text = True

    def __init__(
        self, rect: pygame.Rect, value: str, submit: Callable[[str], Intent], *, label: str = "", key: str = "", limit: int = 60
    ) -> None:
        super().__init__(rect, focusable=True, key=key or f"field:{label}")
        self.submit = submit
        self.value = value
        self.label = label
        self.limit = limit

    def type(self, event: pygame.event.Event) -> bool:
        """Take a typed character or Backspace; True when the value changed."""
        if event.type == pygame.TEXTINPUT:
            addition = "".join(ch for ch in event.text if ch.isprintable())
            if addition and len(self.value) + len(addition) <= self.limit:
                self.value += addition
                return True
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE and self.value:
            self.value = self.value[:-1]
            return True
        return False

    def activate(self) -> Intent | None:
        return self.submit(self.value) if self.enabled else None

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        radius = theme.px("radius")
        pygame.draw.rect(surface, theme.colour("panel"), self.rect, border_radius=radius)
        edge = theme.colour("accent") if state.focused else theme.colour("border")
        pygame.draw.rect(surface, edge, self.rect, theme.px(2), border_radius=radius)
        font = theme.font("body")
        pad = theme.px("padding")
        shown = self.value or self.label
        ink = theme.colour("text" if self.value else "text_muted")
        rect = text.draw(surface, text.fit(shown, font, self.rect.width - 3 * pad), font, ink, (self.rect.left + pad, self.rect.centery), "midleft")
        if state.focused:
            x = rect.right + theme.px(2) if self.value else self.rect.left + pad
            pygame.draw.line(surface, theme.colour("text"), (x, self.rect.top + pad), (x, self.rect.bottom - pad), theme.px(2))
