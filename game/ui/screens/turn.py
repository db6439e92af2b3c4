"""The turn screen: the stakeholder map, the numbers, last turn's news, and the action cards.

The player builds a plan (number keys or clicks on cards; a card with a
target then asks for one on the map or in a list), checks the forecast, and
ends the turn. Everything the plan does goes through :class:`Playthrough`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.i18n import t
from game.session import amounts
from game.session.views import OptionView
from game.ui import clock, describe, forecasting, layout, map_faces, map_layout, map_motion
from game.ui import map as stakeholder_map
from game.ui import resolution as motion
from game.ui.intents import (
    CancelTarget,
    ChooseAction,
    ChooseTarget,
    ClearPlan,
    EndTurn,
    Intent,
    OpenMenu,
    PageStep,
    SkipResolution,
    SwitchView,
)
from game.ui.play import IllegalMove, Playthrough
from game.ui.screens import turn_actions, turn_compact
from game.ui.screens import turn_panels as panels
from game.ui.screens.base import Screen
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.cards import painter
from game.ui.widgets.controls import Bar, Panel
from game.ui.widgets.stat import Stat

if TYPE_CHECKING:
    from game.ui.app import App

AUTHOR_POLL_MS = 500  # how often author mode looks at the scenario file
FORECAST_POLL_MS = 50  # how often to look whether the background forecasts are ready



class TurnScreen(Screen):
    name = "turn"

    def __init__(self, app: App, play: Playthrough) -> None:
        super().__init__(app)
        self.play = play
        self.picking: str | None = None  # the action whose target is being chosen
        self.action_page = 0  # which page of action cards shows, when they do not all fit
        self.visible_actions: list[str] = []  # the actions on the cards now, in number-key order
        self.nodes: dict[str, stakeholder_map.NodeWidget] = {}
        self.positions = map_layout.layout([s.id for s in play.scenario.stakeholders], play.scenario.influence)
        self.map_area = pygame.Rect(0, 0, 0, 0)
        self.legend_area = pygame.Rect(0, 0, 0, 0)
        self.legend_kinds: list[tuple[str, str]] = []  # the (symbol, words) of each kind the legend explains
        self.map_panel: Panel | None = Panel(self.map_area)  # None while the compact layout's tab shows the numbers
        self.left_view = "map"  # what the compact layout's left column shows: "map" or "numbers"
        self.deadline: int | None = None  # a workshop's decision time runs out at this clock time
        self._drawn_seconds: int | None = None
        self.resolution: motion.Resolution | None = None  # the turn just played, moving on the map
        self._backdrop: pygame.Surface | None = None  # the still parts of the screen while it resolves
        self._backdrop_key: tuple[tuple[int, int], str, str] = ((0, 0), "", "")
        self.watcher = None
        if getattr(app.args, "author", False) and play.session.source_path is not None:
            from game.ui.authoring import Watcher

            self.watcher = Watcher(play.session.source_path)

    # -- the plan's pieces --------------------------------------------------------

    def actions(self) -> list[tuple[str, list[OptionView]]]:
        """Options grouped by action, in the scenario's order."""
        grouped: dict[str, list[OptionView]] = {}
        for option in self.play.options():
            grouped.setdefault(option.action, []).append(option)
        return list(grouped.items())

    # -- layout -------------------------------------------------------------------------

    def compact(self) -> bool:
        """Whether the window is a narrow canvas (see :mod:`turn_compact`)."""
        return self.theme.compact(self.app.surface.get_size())

    def author_words(self) -> str | None:
        """The scenario's raw state for its author (author mode), else None."""
        if self.watcher is None:
            return None
        from game.ui.authoring import raw_state

        return raw_state(self.play)

    def build(self, area: pygame.Rect) -> Sequence[Widget]:
        # While a target is being chosen, the keyboard stays in the list and on the map's targets.
        self.group.keyboard_scope = None if self.picking is None else _choosing_target
        self.group.tooltip_avoid = []
        frame = layout.screen_frame(self.theme, area)
        if self.theme.compact(area.size):
            return turn_compact.build(self, area, frame)
        theme = self.theme
        play = self.play
        widgets: list[Widget] = []
        left, right = panels.columns(frame, area)
        # The map takes about two thirds of the room between the header and the footer, last turn's news the rest.
        map_rect, news_rect = layout.column(left, [int((frame.footer.top - frame.body.top) * 0.68), layout.Share()], frame.gap)
        # The map's panel is drawn under the influence arrows, so it is not a widget.
        map_panel = Panel(map_rect, "")
        self.map_panel = map_panel
        news_panel = Panel(news_rect, t("turn.news_heading") if play.session.history else t("turn.before_start"))
        widgets.append(news_panel)
        self.map_widgets(widgets, map_panel.rect)
        widgets.extend(panels.news(theme, play, news_panel.inner(theme), self.author_words()))

        status = panels.status(theme, play, right)
        widgets.extend(status)
        _, actions_rect = layout.column(right, [status[0].rect.height, layout.Share()], frame.gap)
        if self.resolution is not None:
            results = Panel(actions_rect, t("turn.resolving_heading"))
            widgets.append(results)
            widgets.extend(panels.resolving(theme, play, results.inner(theme), frame))
            return widgets
        actions_panel = Panel(actions_rect, t("turn.actions_heading"))
        widgets.append(actions_panel)
        before = len(widgets)
        self.action_widgets(widgets, actions_panel.inner(theme))
        if any(w.key == "actions:shown" for w in widgets[before:]):
            actions_panel.heading = t("turn.actions_heading_paged")
        self.footer_widgets(widgets, frame)
        if self.picking is not None:
            self.picker_widgets(widgets, area, right)
        # The cards' tooltips keep the map and its legend in view; a target's, at least the map's nodes.
        self.group.tooltip_avoid = [map_panel.rect] if self.picking is None else [self.map_area]
        return widgets

    # -- the parts both layouts build the same way (turn_compact builds the narrow one) ---------------------

    def map_widgets(self, widgets: list[Widget], rect: pygame.Rect) -> None:
        """The stakeholders' nodes in the map's panel at ``rect``, above the key to their symbols."""
        theme = self.theme
        play = self.play
        view = play.view()
        kinds = stakeholder_map.legend_kinds(theme, view.stakeholders)
        rows = stakeholder_map.legend_rows(theme, rect.width - 2 * theme.px("padding"), kinds)
        if rows > 2 and self.compact():
            # A short map keeps its room for whole names: the key to the symbols goes first.
            kinds = []
            rows = stakeholder_map.legend_rows(theme, rect.width - 2 * theme.px("padding"), kinds)
        self.legend_kinds = kinds
        # Room for every entry of the legend (two rows at the least, as the full layout always had).
        legend_h = max(2, rows) * (theme.font("small").get_linesize() + theme.px(4)) + theme.px(4)
        self.map_area, legend = layout.column(rect, [layout.Share(), legend_h])
        self.legend_area = layout.inset(legend, left=theme.px("padding"), right=theme.px("padding"))
        placed = stakeholder_map.place_nodes(theme, self.map_area, self.positions, view.stakeholders, shrink=self.compact())
        targets = self._picking_targets()
        self.nodes = {}
        for item in view.stakeholders:
            centre, radius = placed.centres[item.id], placed.radii[item.id]
            option = targets.get(item.id)
            node = stakeholder_map.NodeWidget(
                centre,
                radius,
                item,
                tooltip=painter(describe.stakeholder_card(play.session, item)),
                intent=ChooseTarget(option) if option is not None else None,
                highlighted=option is not None,
                dimmed=self.picking is not None and option is None,
                count=len(view.stakeholders),
                label_px=placed.label_widths.get(item.id, placed.label_px),
                label_lines=placed.label_lines.get(item.id, 2),
                face=map_faces.portrait_of(play.session, item, map_faces.face_diameter(theme, radius), backdrop=False),
            )
            self.nodes[item.id] = node
            widgets.append(node)

    def action_widgets(self, widgets: list[Widget], rect: pygame.Rect) -> None:
        """The action cards inside ``rect`` (the actions panel's inner area), a page of them when they do not all fit."""
        cards = turn_actions.action_cards(self.theme, self.app, self.play, rect, self.actions(), self.action_page)
        widgets.extend(cards.widgets)
        self.action_page = cards.page
        self.visible_actions = cards.visible

    def footer_widgets(self, widgets: list[Widget], frame: layout.Frame, *, plan: bool = True) -> None:
        """The footer's buttons, the time left and (unless ``plan`` is False) the plan with its forecast."""
        widgets.extend(panels.footer(self.theme, self.app, self.play, frame, self.seconds_left, plan=plan))

    def _picking_targets(self) -> dict[str, OptionView]:
        if self.picking is None:
            return {}
        return {o.target: o for o in self.play.options() if o.action == self.picking and o.available and o.target}

    def picker_widgets(self, widgets: list[Widget], area: pygame.Rect, column: pygame.Rect | None = None) -> None:
        """A list of targets for the chosen action (the map's nodes work too), kept in ``column`` when given."""
        if self.picking is not None:
            widgets.extend(turn_actions.picker(self.theme, self.app, self.play, self.picking, widgets, area, column))

    def initial_focus(self) -> Widget | None:
        return next((w for w in self.group.widgets if w.key.startswith("action:")), None)

    # -- drawing ------------------------------------------------------------------------

    def draw_under(self, surface: pygame.Surface) -> None:
        theme = self.theme
        view = self.play.view() if self.resolution is None else self.resolution.before  # the turn being resolved
        self.header(surface, view.date_label, self.play.session.title)
        if self.map_panel is None:
            return
        self.map_panel.draw(surface, theme, WidgetState())
        focus = self.focus()
        now = clock.now_ms()
        if self.resolution is not None:
            self.show_moving(now)
        clip = surface.get_clip()
        surface.set_clip(self.map_area)
        stakeholder_map.draw_edges(surface, theme, self.nodes, self.play.scenario.influence, focus)
        if self.resolution is not None:
            map_motion.draw_pulses(surface, theme, self.nodes, self.resolution.pulses, self.resolution.elapsed(now))
        surface.set_clip(clip)
        stakeholder_map.draw_legend(surface, theme, self.legend_area, self.legend_kinds)

    def focus(self) -> str | None:
        """The stakeholder whose influence the map shows: hovered or focused on the map, or named by the
        line of the "why" feed under the pointer (none while a target is being chosen)."""
        if self.picking is not None:
            return None
        for widget in (self.group.hovered, self.group.focused):
            if isinstance(widget, stakeholder_map.NodeWidget):
                return widget.data.id
            if widget is not None and widget.key.startswith("why:"):
                return widget.key.split(":", 1)[1]
        return None

    def show_moving(self, now: int) -> None:
        """Give the map's nodes, the metrics and the programme bars their values at ``now`` of the resolution."""
        assert self.resolution is not None
        shown = {s.id: s for s in self.resolution.stakeholders(now)}
        for key, node in self.nodes.items():
            if key in shown:
                node.data = shown[key]
        metrics = {f"metric:{m.id}": m for m in self.resolution.metrics(now)}
        programmes = {f"programme:{p.id}": p for p in self.resolution.programmes(now)}
        for widget in self.group.widgets:
            if isinstance(widget, Stat) and widget.key in metrics:
                widget.value = amounts.metric_value(metrics[widget.key])
            elif isinstance(widget, Bar) and widget.key in programmes:
                widget.share = max(0.0, min(1.0, programmes[widget.key].progress))

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.resolution is None:
            self._draw_voices(surface)
        focus = self.focus()
        if focus is not None and focus in self.nodes and self.map_panel is not None:
            keep = map_motion.neighbours(self.play.scenario.influence, focus)
            map_motion.dim_unrelated(surface, self.theme, self.nodes, keep, self.map_area)
            map_motion.draw_focus_ring(surface, self.theme, self.nodes[focus])
        if self.resolution is not None and self.map_panel is not None:
            now = clock.now_ms()
            clip = surface.get_clip()
            surface.set_clip(self.map_area)
            map_motion.draw_figures(surface, self.theme, self.nodes, self.resolution.before.stakeholders,
                                    self.resolution.after.stakeholders, self.resolution.elapsed(now), self.map_area)
            surface.set_clip(clip)

    def _draw_voices(self, surface: pygame.Surface) -> None:
        """What stakeholders said about the last turn, in bubbles by their nodes, until a plan is begun."""
        if self.map_panel is None or self.picking is not None or self.play.plan or not self.nodes:
            return
        said = self.play.session.reactions()
        if said:
            # A bubble over the stakeholder under the pointer (or the keyboard's focus) steps aside to show it.
            shown = [w.rect for w in (self.group.hovered, self.group.focused) if isinstance(w, stakeholder_map.NodeWidget)]
            bubbles = map_faces.place_bubbles(self.theme, self.map_area, self.nodes, said)
            map_faces.draw_bubbles(surface, self.theme, [b for b in bubbles if b.rect.collidelist(shown) < 0])

    # -- input ----------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Screen | None:
        if self.resolution is not None:
            if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                return self._after_resolution()  # any key or click skips to the end
            if event.type == pygame.MOUSEMOTION:
                self.group.handle(event)
            return None
        return super().handle_event(event)

    def on_key(self, event: pygame.event.Event) -> Screen | None:
        if event.key == pygame.K_ESCAPE:
            if self.picking is not None:
                return self.on_intent(CancelTarget())
            return self.on_intent(OpenMenu())
        ctrl_enter = event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and event.mod & pygame.KMOD_CTRL
        if self.picking is None and (event.key == pygame.K_e or ctrl_enter):
            return self.on_intent(EndTurn())
        number = _number_key(event)
        if number is not None:
            if self.picking is not None:
                options = [o for o in self.play.options() if o.action == self.picking]
                if number <= len(options):
                    return self.on_intent(ChooseTarget(options[number - 1]))
                return None
            if number <= len(self.visible_actions):
                action = self.visible_actions[number - 1]
                self.group.focus_key(f"action:{action}")
                return self.on_intent(ChooseAction(action))
        if self.picking is None and event.key == pygame.K_n and self.compact():
            return self.on_intent(SwitchView("numbers" if self.left_view == "map" else "map"))
        if self.picking is None and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return self.on_intent(PageStep(-1 if event.key == pygame.K_PAGEUP else 1))
        return None

    def on_intent(self, intent: Intent) -> Screen | None:
        match intent:
            case ChooseAction(action):
                self._choose_action(action)
            case ChooseTarget(option):
                self.picking = None
                self._toggle(option)
                self.group.focus_key(f"action:{option.action}")
                self.group.hush()  # the card's tooltip would cover the map just chosen on
            case CancelTarget():
                was_picking = self.picking
                self.picking = None
                self.layout()
                if was_picking:
                    self.group.focus_key(f"action:{was_picking}")
            case PageStep(step):
                self.action_page = max(0, self.action_page + step)
                self.layout()
            case SwitchView(view) if view in turn_compact.VIEWS:
                self.left_view = view
                self.layout()
                if self.group.focused is None:  # it was on the map or the numbers just hidden
                    self.group.focus_key(f"tab:{self.left_view}")
            case ClearPlan():
                self.play.clear()
                self.layout()
            case EndTurn():
                return self._end_turn()
            case SkipResolution():
                return self._after_resolution()
            case OpenMenu():
                return self.app.open("menu", self.play, back=self)
        return None

    def _choose_action(self, action: str) -> None:
        """Plan (or unplan) an action without a target; open the picker for one with targets; say why a card
        that cannot be taken opens nothing."""
        play = self.play
        options = [o for o in play.options() if o.action == action]
        if not options:
            return
        state = turn_actions.card_state(play, options)
        if not state.enabled:
            if any(o.available for o in options):
                self.app.notify(t("play.over_budget", label=options[0].name, cost=options[0].cost, left=play.time_left))
            else:
                self.app.notify(t("play.not_available", label=options[0].name, why=state.why_not.rstrip(".")))
            return
        if options[0].target is None:
            self._toggle(options[0])
            return
        self.picking = action
        self.layout()
        first = next((o for o in options if o.available), None)
        self.group.focus_key(f"pick:{first.target}" if first is not None else "pick:cancel")

    def _toggle(self, option: OptionView) -> None:
        try:
            self.play.toggle(option)
        except IllegalMove as exc:
            self.app.notify(str(exc))
        self.play.prefetch_forecasts()
        self.layout()

    def _end_turn(self) -> Screen | None:
        before = self.play.view()
        try:
            outcome = self.play.end_turn()
        except IllegalMove as exc:
            self.app.notify(str(exc))
            return None
        if self.play.session.autosave_error:
            self.app.notify(self.play.session.autosave_error)
        for cue in motion.cues(outcome.report):
            self.app.sounds.play(cue)
        duration = self.resolution_ms()
        if duration <= 0:
            return self._after_resolution()
        after = self.play.view()
        moved = motion.peer_targets(list(outcome.report.reasons), self.play.session.lang)
        pulses = tuple((e.source, e.target, moved[e.target]) for e in self.play.scenario.influence if e.target in moved)
        if forecasting.shown(self.app, self.play):
            self.play.prefetch_forecasts()  # the next turn's, while this one resolves (never on the frame loop)
        self.resolution = motion.Resolution(before, after, pulses, clock.now_ms(), duration)
        self.picking = None
        self.layout()
        self.resolution.started = clock.now_ms()  # from the first frame on
        self.show_moving(self.resolution.started)
        return None

    def resolution_ms(self) -> int:
        """How long the turn's resolution plays: none under reduced motion, and no longer than autoplay's pace."""
        if self.app.settings.reduce_motion:
            return 0
        if self.app.autoplay:
            return min(motion.DURATION_MS, self.app.autoplay_delay_ms)
        return motion.DURATION_MS

    def _after_resolution(self) -> Screen | None:
        """The turn's consequences have been shown: on to its event, or to its summary."""
        self.resolution = None
        if self.play.pending_event() is not None:
            self.app.sounds.play("event")
            return self.app.open("event", self.play)
        return self.app.open("summary", self.play)

    def enter(self) -> None:
        if forecasting.shown(self.app, self.play):
            self.play.prefetch_forecasts()  # every card's forecast, off the frame loop (before the first layout asks)
        super().enter()
        seconds = self.play.decision_seconds
        self.deadline = self.entered_at + seconds * 1000 if seconds else None

    def seconds_left(self) -> int | None:
        if self.deadline is None:
            return None
        return max(0, -(-(self.deadline - clock.now_ms()) // 1000))  # whole seconds, rounded up

    def update(self) -> Screen | None:
        if self.resolution is not None:
            if self.resolution.done(clock.now_ms()):
                return self._after_resolution()
            self.app.dirty = True  # the next frame of the resolution
            return None
        if self.deadline is not None and clock.now_ms() >= self.deadline and self.play.session.phase == "decide":
            self.deadline = None
            return self._time_up()
        if self.watcher is not None and self.watcher.changed():
            from game.ui import authoring, flow

            reloaded, message = authoring.reload(self.play)
            self.app.notify(message)
            if reloaded is not None:
                return flow.screen_for(self.app, reloaded)
        if self.play.forecasts_arrived():
            self.layout()  # the footer and the cards now show the forecasts worked out in the background
            self.app.dirty = True
        return super().update()

    def next_wake_ms(self) -> int | None:
        if self.resolution is not None:
            return motion.FRAME_MS
        waits = [w for w in (super().next_wake_ms(),) if w is not None]
        if self.watcher is not None:
            waits.append(AUTHOR_POLL_MS)
        if self.play.forecasts_pending():
            waits.append(FORECAST_POLL_MS)
        if self.deadline is not None:
            # Wake on each whole second so the countdown ticks.
            waits.append(max(1, (self.deadline - clock.now_ms()) % 1000 or 1000))
        return min(waits) if waits else None

    def tooltip_changed(self) -> bool:
        # The countdown needs a frame every second as well.
        return super().tooltip_changed() or (self.deadline is not None and self.seconds_left() != self._drawn_seconds)

    def draw(self, surface: pygame.Surface, *, tooltips: bool = True) -> None:
        self._drawn_seconds = self.seconds_left()
        if self.resolution is None or self.map_panel is None:
            self._backdrop = None
            super().draw(surface, tooltips=tooltips)
            return
        self.draw_resolving(surface, tooltips=tooltips)

    def draw_resolving(self, surface: pygame.Surface, *, tooltips: bool) -> None:
        """A frame of the resolution: the still parts of the screen from a picture taken once, the map and the
        numbers drawn afresh at this moment (so a frame stays cheap at full HD)."""
        theme = self.theme
        group = self.group
        key = (surface.get_size(), group.hovered.key if group.hovered else "", group.focused.key if group.focused else "")
        if self._backdrop is None or self._backdrop_key != key:
            super().draw(surface, tooltips=False)
            self._backdrop, self._backdrop_key = surface.copy(), key
            self.frames -= 1  # counted again below
        else:
            surface.blit(self._backdrop, (0, 0))
        self.frames += 1
        assert self.map_panel is not None
        inside = self.map_area.clip(self.map_panel.rect.inflate(-2 * theme.px("border"), -2 * theme.px("border")))
        surface.fill(theme.colour("panel"), inside)
        self.show_moving(clock.now_ms())
        clip = surface.get_clip()
        surface.set_clip(self.map_area)
        stakeholder_map.draw_edges(surface, theme, self.nodes, self.play.scenario.influence, self.focus())
        assert self.resolution is not None
        map_motion.draw_pulses(surface, theme, self.nodes, self.resolution.pulses, self.resolution.elapsed(clock.now_ms()))
        surface.set_clip(clip)
        for widget in group.widgets:
            moving = isinstance(widget, (Stat, Bar)) and widget.key.startswith(("metric:", "programme:"))
            if moving:
                surface.fill(theme.colour("panel"), widget.rect.inflate(theme.px(4), theme.px(4)))
            if moving or isinstance(widget, stakeholder_map.NodeWidget):
                widget.draw(surface, theme, WidgetState(hovered=widget is group.hovered, focused=widget is group.focused))
        self.draw_over(surface)
        if tooltips:
            group.draw_tooltip(surface, theme)
            self._drawn_tooltip = self._tooltip_owner()

    def _time_up(self) -> Screen | None:
        try:
            self.play.time_up()
        except IllegalMove as exc:
            self.app.notify(str(exc))
            return None
        self.app.notify(t("turn.time_up"))
        if self.play.pending_event() is not None:
            return self.app.open("event", self.play)
        return self.app.open("summary", self.play)

    def autoplay_step(self) -> Screen | None:
        from game.ui import autoplay

        policy = self.app.autoplay or "balanced"
        self.play.plan = autoplay.plan(self.play, policy)
        self.layout()
        return self._end_turn()


def _number_key(event: pygame.event.Event) -> int | None:
    if pygame.K_1 <= event.key <= pygame.K_9:
        return int(event.key - pygame.K_0)
    if pygame.K_KP1 <= event.key <= pygame.K_KP9:
        return int(event.key - pygame.K_KP1 + 1)
    return None


def _choosing_target(widget: Widget) -> bool:
    """A widget the keyboard reaches while a target is chosen: the list, or a node that is a target."""
    return widget.key.startswith("pick:") or (widget.key.startswith("node:") and widget.intent is not None)
