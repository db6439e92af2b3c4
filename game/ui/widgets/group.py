"""A screen's widgets: mouse hover, keyboard focus, activation and tooltips.

Tab and Shift+Tab walk the widgets in reading order; the arrow keys move to the
nearest widget in that direction; Enter or Space activates the focused one.
The focused widget gets a visible ring and shows its tooltip at once; a hovered
one shows it after a short delay.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import clock, text
from game.ui.intents import Intent
from game.ui.widgets.base import Widget, WidgetState

if TYPE_CHECKING:
    from game.ui.theme import Theme

_DIRECTIONS = {
    pygame.K_LEFT: (-1, 0),
    pygame.K_RIGHT: (1, 0),
    pygame.K_UP: (0, -1),
    pygame.K_DOWN: (0, 1),
}


HUSH_RADIUS = 6  # pixels the pointer may drift after a choice before tooltips come back


class WidgetGroup:
    def __init__(self) -> None:
        self.widgets: list[Widget] = []
        self.focused: Widget | None = None
        self.hovered: Widget | None = None
        self.hover_since = 0
        self.keyboard = False  # the keyboard was used last: show the focus ring
        self.pressed: Widget | None = None
        # While a screen asks a question of its own (a modal list), Tab and the arrows stay among
        # the widgets this accepts; the mouse still reaches everything.
        self.keyboard_scope: Callable[[Widget], bool] | None = None
        # Keys of widgets whose tooltip stays away until the player moves on: one just chosen, so its card
        # never stays over what the choice changed.
        self.quiet: set[str] = set()
        # Where tooltips should not go unless their own widget is there (the turn screen's map and legend).
        self.tooltip_avoid: list[pygame.Rect] = []
        self.pointer: tuple[int, int] | None = None  # where the mouse was last seen
        self.hushed_at: tuple[int, int] | None = None  # where the pointer was when a choice hushed the tooltips

    # -- contents ---------------------------------------------------------

    def set(self, widgets: Sequence[Widget]) -> None:
        """Replace the widgets, keeping focus and hover on widgets with the same key."""
        focus_key = self.focused.key if self.focused else None
        hover_key = self.hovered.key if self.hovered else None
        self.widgets = list(widgets)
        self.focused = self._by_key(focus_key)
        self.hovered = self._by_key(hover_key)

    def _by_key(self, key: str | None) -> Widget | None:
        if not key:
            return None
        for widget in self.widgets:
            if widget.key == key and widget.focusable:
                return widget
        return None

    def focusables(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable]

    def navigable(self) -> list[Widget]:
        """The widgets Tab and the arrow keys move between."""
        scope = self.keyboard_scope
        items = self.focusables()
        return items if scope is None else [w for w in items if scope(w)]

    def focus(self, widget: Widget | None) -> None:
        self.focused = widget
        self.keyboard = True

    def focus_key(self, key: str) -> bool:
        widget = self._by_key(key)
        if widget is not None:
            self.focus(widget)
        return widget is not None

    # -- events -----------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Intent | None:
        if event.type == pygame.MOUSEMOTION:
            self._hover(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.keyboard = False
            self.pressed = self._at(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            widget = self._at(event.pos)
            pressed, self.pressed = self.pressed, None
            if widget is not None and widget is pressed:
                if widget.focusable:
                    self.focused = widget
                if widget.takes_text:
                    return None  # clicking a text box puts the cursor there; Enter submits it
                return self._chosen(widget)
        elif event.type == pygame.TEXTINPUT and self.focused is not None and self.focused.takes_text:
            self.focused.type(event)
        elif event.type == pygame.KEYDOWN:
            if self.focused is not None and self.focused.takes_text and self.focused.type(event):
                return None
            return self._key(event)
        return None

    def _hover(self, pos: tuple[int, int]) -> None:
        self.pointer = pos
        widget = self._at(pos)
        if self.hushed_at is not None and math.dist(pos, self.hushed_at) <= HUSH_RADIUS:
            # The pointer rests where a choice was made (on whatever now lies there): no tooltip yet.
            if widget is not None:
                self.quiet.add(widget.key)
        else:
            self.hushed_at = None
        if widget is not self.hovered and (widget is None or self.hovered is None or widget.key != self.hovered.key):
            self.hovered = widget
            self.hover_since = clock.now_ms()
            if self.hushed_at is None:
                self.quiet.clear()
        elif widget is not self.hovered:
            self.hovered = widget  # the same widget, built again

    def _at(self, pos: tuple[int, int]) -> Widget | None:
        # The last drawn widget is on top.
        for widget in reversed(self.widgets):
            if widget.focusable and widget.hit(pos):
                return widget
        return None

    def _key(self, event: pygame.event.Event) -> Intent | None:
        if event.key == pygame.K_TAB:
            self._cycle(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif event.key in _DIRECTIONS:
            self._move(_DIRECTIONS[event.key])
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focused is not None:
            if event.key == pygame.K_SPACE and self.focused.takes_text:
                return None  # a space typed into a text box, not a press
            self.keyboard = True
            return self._chosen(self.focused)
        return None

    def _chosen(self, widget: Widget) -> Intent | None:
        """Activate ``widget``; its tooltip then stays away until the pointer or the focus moves on."""
        intent = widget.activate()
        if intent is not None:
            self.quiet.add(widget.key)
            self.hushed_at = self.pointer
        return intent

    def hush(self) -> None:
        """Keep the tooltips of the widgets under the pointer and the focus away until either moves on
        (after a choice made by a screen-wide key)."""
        self.quiet.update(w.key for w in (self.hovered, self.focused) if w is not None)
        self.hushed_at = self.pointer

    def _cycle(self, step: int) -> None:
        self.quiet.clear()
        items = self.navigable()
        if not items:
            return
        if self.focused in items:
            index = (items.index(self.focused) + step) % len(items)
        else:
            index = 0 if step > 0 else len(items) - 1
        self.focus(items[index])

    def _move(self, direction: tuple[int, int]) -> None:
        self.quiet.clear()
        items = self.navigable()
        if not items:
            return
        if self.focused not in items or self.focused is None:
            self.focus(items[0])
            return
        origin = self.focused.rect.center
        best: Widget | None = None
        best_cost = math.inf
        for widget in items:
            if widget is self.focused:
                continue
            dx = widget.rect.centerx - origin[0]
            dy = widget.rect.centery - origin[1]
            along = dx * direction[0] + dy * direction[1]
            if along <= 0:
                continue
            across = abs(dx * direction[1]) + abs(dy * direction[0])
            cost = along + 2.5 * across
            if cost < best_cost:
                best, best_cost = widget, cost
        if best is not None:
            self.focus(best)

    # -- tooltips -----------------------------------------------------------

    def tooltip_owner(self, delay_ms: int) -> Widget | None:
        if self.hovered is not None and self.hovered.tooltip is not None:
            if clock.now_ms() - self.hover_since >= delay_ms and self.hovered.key not in self.quiet:
                return self.hovered
            return None
        if self.keyboard and self.focused is not None and self.focused.tooltip is not None and self.focused.key not in self.quiet:
            return self.focused
        return None

    def next_wake_ms(self, delay_ms: int) -> int | None:
        """Milliseconds until a pending tooltip should appear, if one is pending."""
        if self.hovered is None or self.hovered.tooltip is None:
            return None
        remaining = delay_ms - (clock.now_ms() - self.hover_since)
        return remaining if remaining > 0 else None

    # -- drawing -----------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        for widget in self.widgets:
            state = WidgetState(hovered=widget is self.hovered, focused=widget is self.focused)
            widget.draw(surface, theme, state)
        if self.keyboard and self.focused is not None and self.focused in self.widgets:
            ring = self.focused.focus_rect().inflate(theme.px(6), theme.px(6))
            pygame.draw.rect(
                surface, theme.colour("focus"), ring, theme.px("focus_width"), border_radius=theme.px("radius")
            )

    def draw_tooltip(self, surface: pygame.Surface, theme: Theme) -> None:
        shown = self.tooltip_card(surface, theme)
        if shown is not None:
            surface.blit(*shown)

    def tooltip_card(self, surface: pygame.Surface, theme: Theme) -> tuple[pygame.Surface, pygame.Rect] | None:
        """The tooltip showing now, if any, and where it goes on ``surface`` (see :func:`tooltip_rect`)."""
        owner = self.tooltip_owner(int(theme.sizes["tooltip_delay_ms"]))
        if owner is None or owner.tooltip is None:
            return None
        width = theme.px("tooltip_width")
        if isinstance(owner.tooltip, str):
            card = text_card(theme, owner.tooltip, width)
        else:
            card = owner.tooltip(theme, width)
        avoid = [r for r in self.tooltip_avoid if not r.colliderect(owner.rect)]
        return card, tooltip_rect(surface.get_rect(), card.get_size(), owner.rect, theme.px(8), owner.tooltip_clear, avoid)


def text_card(theme: Theme, message: str, width: int) -> pygame.Surface:
    """A dark card with wrapped text, for tooltips."""
    pad = theme.px("padding")
    font = theme.font("small")
    lines, directions = text.wrap_directed(message, font, width - 2 * pad)
    inner_width = max((font.size(line)[0] for line in lines), default=0)
    step = round(font.get_linesize() * 1.15)
    card = pygame.Surface((inner_width + 2 * pad, step * len(lines) + 2 * pad), pygame.SRCALPHA)
    pygame.draw.rect(card, theme.colour("tooltip"), card.get_rect(), border_radius=theme.px("radius"))
    y = pad
    for line, rtl in zip(lines, directions, strict=True):
        if line:
            image = text.render(line, font, theme.colour("tooltip_text"), rtl)
            card.blit(image, (pad + inner_width - image.get_width() if rtl else pad, y))
        y += step
    return card


def tooltip_rect(
    bounds: pygame.Rect, size: tuple[int, int], anchor: pygame.Rect, gap: int, clear: pygame.Rect | None = None,
    avoid: Sequence[pygame.Rect] = (),
) -> pygame.Rect:
    """Where a card of ``size`` goes for a widget at ``anchor``: beside it (right, else left), else below or above it.

    Beside comes first so a card never hides the neighbours in a list the
    player is walking through with the keyboard. When ``clear`` is given (the
    whole list the widget belongs to), the card goes wholly outside it if any
    side has the room: right, left, below, then above, level with the widget.

    Rectangles in ``avoid`` (the map and its legend, for a widget outside them) are kept clear too where
    any place beside, below or above the widget (or moved up or down past the rectangle) allows it.
    """
    if avoid:
        found = _clear_of(bounds, size, anchor, gap, clear, avoid)
        if found is not None:
            return found
    if clear is not None:
        for rect in (
            pygame.Rect((clear.right + gap, anchor.top), size),
            pygame.Rect((clear.left - gap - size[0], anchor.top), size),
            pygame.Rect((anchor.left, clear.bottom + gap), size),
            pygame.Rect((anchor.left, clear.top - gap - size[1]), size),
        ):
            rect = rect.clamp(bounds)
            if bounds.contains(rect) and not rect.colliderect(clear):
                return rect
    rect = pygame.Rect((anchor.right + gap, anchor.top), size)
    if rect.right > bounds.right:
        rect.right = anchor.left - gap
    if rect.left < bounds.left:
        rect = pygame.Rect((anchor.left, anchor.bottom + gap), size)
        if rect.bottom > bounds.bottom:
            rect.bottom = anchor.top - gap
    return rect.clamp(bounds)


def _clear_of(
    bounds: pygame.Rect, size: tuple[int, int], anchor: pygame.Rect, gap: int, clear: pygame.Rect | None, avoid: Sequence[pygame.Rect]
) -> pygame.Rect | None:
    """The first place for a card of ``size`` beside, below or above ``anchor`` (or ``clear``) that covers
    neither them nor any rectangle of ``avoid``; None when there is none."""
    own = clear or anchor
    w, h = size
    places = [
        pygame.Rect(own.right + gap, anchor.top, w, h),
        pygame.Rect(own.left - gap - w, anchor.top, w, h),
        pygame.Rect(anchor.left, own.bottom + gap, w, h),
        pygame.Rect(anchor.left, own.top - gap - h, w, h),
    ]
    for rect in list(places[:2]):
        for block in avoid:  # beside the widget, but under or over what must stay in view
            places.append(pygame.Rect(rect.left, block.bottom + gap, w, h))
            places.append(pygame.Rect(rect.left, block.top - gap - h, w, h))
    for rect in places:
        rect = rect.clamp(bounds)
        if bounds.contains(rect) and not rect.colliderect(own) and not rect.colliderect(anchor) and rect.collidelist(avoid) < 0:
            return rect
    return None
