"""A playthrough for one player: the engine with one run, the decision log, the history.

A :class:`Session` wraps :class:`game.sim.engine.Engine` with R = 1. Front ends
(the desktop game, the terminal game, workshop seats) only call its methods
and read its views; they never touch arrays. Every change of state goes
through :meth:`Session.play_turn` or :meth:`Session.choose`, each of which
works on a copy of the state and keeps it only when the move was legal, so a
refused move never leaves the game half-changed.

The decision log (per turn: decisions, then event choices) with the scenario
and the seed replays the game exactly; that is what a save holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from game.i18n import translate
from game.scenario.schema import Scenario, TextVariant
from game.session import situation
from game.session.forecasts import ForecastCache, plan_key
from game.session.reactions import shown_reactions
from game.session.record import StanceCounts, event_view, stance_counts, turn_report
from game.session.reflection import asked, first_variant, fitting, question_text
from game.session.views import (
    ChoiceReport,
    EndingView,
    EventView,
    OptionView,
    Phase,
    ReactionView,
    ShownText,
    Snapshot,
    StateView,
    TurnRecord,
    TurnReport,
)
from game.session.wording import Namer
from game.sim.continuations import Style
from game.sim.decisions import Decision, IllegalMove
from game.sim.decisions import TurnRecord as LoggedTurn
from game.sim.engine import Engine
from game.sim.forecast import Forecast
from game.sim.policies import Policy, get_policy
from game.sim.state import State

__all__ = ["Session", "StanceCounts"]

class Session:
    """One player's game. Create with :meth:`new` or :meth:`load`, never directly."""

    def __init__(self, scenario: Scenario, seed: int, source_path: Path | None, lang: str | None) -> None:
        if not 0 <= int(seed) < 2**63:
            raise ValueError(f"a seed is a whole number from 0 to 2^63-1, not {seed}")
        self.scenario = scenario
        self.seed = int(seed)
        self.source_path = source_path
        self.lang = lang
        self.names = Namer(scenario, lang)
        self.engine = Engine(scenario)
        self._state: State = self.engine.start(np.asarray([self.seed], dtype=np.uint64))
        self._log: list[LoggedTurn] = []
        self.history: list[TurnRecord] = []
        self.ending: EndingView | None = None
        self._previous = self._snapshot()
        self._forecasts = ForecastCache(self.engine)
        self.autosave_path: Path | None = None
        self.autosave_error: str = ""
        self.autosaved = False  # the autosave file holds exactly this game as it is now
        self.notice: str = ""  # something the front end should tell the player once (e.g. a changed scenario)
        self._asked: tuple[tuple[int, int, bool], list[int]] | None = None
        self._hint: tuple[tuple[int, int, bool], ShownText | None] | None = None
        self._reactions: tuple[tuple[int, int, bool], list[ReactionView]] | None = None

    # ---------------------------------------------------------------- creating

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int,
        source_path: Path | str | None = None,
        *,
        lang: str | None = None,
        autosave: Path | bool = True,
    ) -> Session:
        """A fresh game. ``autosave`` is True for the user's autosave file, a path, or False."""
        from game.session.persistence import autosave_target

        session = cls(scenario, seed, Path(source_path) if source_path else None, lang)
        session.autosave_path = autosave_target(autosave)
        return session

    @classmethod
    def load(
        cls,
        path: Path | str,
        scenario: Scenario | None = None,
        *,
        source_path: Path | str | None = None,
        lang: str | None = None,
        autosave: Path | bool = True,
    ) -> Session:
        """Resume a saved game by replaying its log (on ``scenario``, or the one the save names).

        Raises :class:`~game.session.saves.SaveError` with the file name and what
        to do when the file is damaged or foreign, or its log no longer applies.
        """
        from game.session.persistence import load_session

        return load_session(path, scenario, source_path=source_path, lang=lang, autosave=autosave)

    def replay_on(self, scenario: Scenario, source_path: Path | str | None = None) -> Session:
        """This game's decisions replayed on another version of its scenario (author mode's hot reload).

        Raises :class:`~game.session.saves.SaveError` naming the scenario file
        when a logged move no longer applies; this session is left unchanged.
        """
        from game.session.persistence import replay, to_save_file

        src = Path(source_path) if source_path else self.source_path
        again = replay(to_save_file(self), scenario, src, src or Path(scenario.meta.id), self.lang)
        again.autosave_path = self.autosave_path
        return again

    # ---------------------------------------------------------------- saving

    def save(self, path: Path | str) -> None:
        """Write a save file atomically (SaveError when it cannot be written)."""
        from game.session.persistence import save_session

        save_session(self, path)

    def autosave_now(self) -> Path:
        """Write the autosave now (to the user's autosave file if none was set) and return its path."""
        from game.session.persistence import autosave, autosave_target

        target = self.autosave_path or autosave_target(True)
        assert target is not None
        autosave(self, target)
        self.autosave_error = ""
        self.autosaved = True
        return target

    # ---------------------------------------------------------------- reading

    @property
    def scenario_id(self) -> str:
        return self.scenario.meta.id

    @property
    def title(self) -> str:
        return self.names.text(self.scenario.meta.title)

    @property
    def briefing(self) -> str:
        return self.names.text(self.scenario.meta.briefing)

    @property
    def questions(self) -> list[str]:
        """The debrief's reflection questions for this game: those whose condition holds, then the
        ones for everyone; the game's own question when the scenario has none for this game."""
        asked = [self.names.text(question_text(self.scenario.debrief.questions[i])) for i in self.asked_questions()]
        return asked or [translate(self.lang, "debrief.default_question")]

    def asked_questions(self) -> list[int]:
        """Indices into ``scenario.debrief.questions`` of this game's questions, in the order asked."""
        key = self._moment()
        if self._asked is None or self._asked[0] != key:
            self._asked = (key, asked(self.engine, self._state, self._log, self.is_over))
        return list(self._asked[1])

    def _moment(self) -> tuple[int, int, bool]:
        """Where the game is: turns logged, event answers given, over or not (what a shown text depends on)."""
        return len(self._log), sum(len(t.choices) for t in self._log), self.is_over

    def _shown(self, items: Sequence[tuple[int, str | None, Sequence[TextVariant], str | dict[str, str]]]
               ) -> list[ShownText]:
        """Of ``(index, when, variants, text)`` items, those whose `when` holds now, each in its first
        fitting wording."""
        conditions: list[str | None] = [when for _, when, _, _ in items]
        fits = fitting(self.engine, self._state, self._log, self.is_over, conditions)
        out = []
        for (index, _, variants, text), ok in zip(items, fits, strict=True):
            if ok:
                variant = first_variant(self.engine, self._state, self._log, self.is_over, variants)
                out.append(ShownText(index, variant, self.names.text(text if variant is None else variants[variant].text)))
        return out

    def shown_hint(self) -> ShownText | None:
        """The hint this game shows now, or None: the first of this turn's hints whose `when` holds,
        in its first fitting wording (hints show while the player decides)."""
        if self.phase != "decide":
            return None
        key = self._moment()
        if self._hint is None or self._hint[0] != key:
            items = [(i, h.when, h.variants, h.text) for i, h in enumerate(self.scenario.hints) if h.turn == self.turn]
            shown = self._shown(items[:1] if all(h[1] is None for h in items) else items)
            self._hint = (key, shown[0] if shown else None)
        return self._hint[1]

    def reactions(self) -> list[ReactionView]:
        """What stakeholders say about the last turn played, once it and its events are complete
        (at most three lines, the most pressing first); none before the first turn or while an event waits."""
        if not self.history or self.phase == "event" or self._previous is None:
            return []
        key = self._moment()
        if self._reactions is None or self._reactions[0] != key:
            said = shown_reactions(self.engine, self._state, self._log, self.is_over, self.history[-1], self._previous,
                                   self.names, self.lang)
            self._reactions = (key, said)
        return list(self._reactions[1])

    def shown_pauses(self, after_turn: int) -> list[ShownText]:
        """The discussion pauses after ``after_turn`` that fit this game now (read once that turn is
        played), each in its first fitting wording."""
        items = [(i, p.when, p.variants, p.prompt) for i, p in enumerate(self.scenario.debrief.pause_points)
                 if p.after_turn == after_turn]
        return self._shown(items)

    @property
    def _choice_forecasts(self) -> dict[tuple[int, str, int, int], Forecast]:
        """The event-choice forecasts kept this turn (checks and benchmarks clear them to time a fresh one)."""
        return self._forecasts.choices

    @property
    def budget(self) -> int:
        """Leadership time to spend this turn."""
        return int(self.scenario.meta.leadership_time)

    @property
    def turn(self) -> int:
        """The turn about to be played (1-based), or the last one played once the game is over."""
        turn = int(self._state.turn)
        return turn - 1 if self.is_over else turn

    @property
    def phase(self) -> Phase:
        if self.ending is not None:
            return "ended"
        if bool(self._state.pending[0].any()):
            return "event"
        return "decide"

    @property
    def is_over(self) -> bool:
        return self.ending is not None

    @property
    def log(self) -> list[LoggedTurn]:
        """The decision log so far (a copy): with the scenario and seed it replays the game."""
        return list(self._log)

    @property
    def state(self) -> State:
        """A copy of the engine state (R = 1), for analysis code; front ends read :meth:`view`."""
        return self._state.copy()

    @property
    def score(self) -> float:
        return float(self.engine.score(self._state)[0])

    def options(self) -> list[OptionView]:
        """Every (action, target) pair this turn, with whether it can be taken and why not."""
        return situation.option_views(self.engine, self._state, self.names, self.is_over)

    def view(self) -> StateView:
        """The situation now, as plain data (changes are since the start of the last turn played)."""
        hint = self.shown_hint()
        return situation.state_view(
            self.scenario, self.names, self._snapshot(), self._previous, self.turn, self.phase, self.lang,
            hint.text if hint is not None else "",
        )

    def pending_event(self) -> EventView | None:
        """The event waiting for the player's choice, if any (the first of them)."""
        waiting = np.flatnonzero(self._state.pending[0])
        if self.is_over or waiting.size == 0:
            return None
        return event_view(self.scenario.events[int(waiting[0])], self.names)

    def stance_counts(self) -> StanceCounts:
        """How many partnership, push and neutral moves the player made (actions and choices)."""
        return stance_counts(self.scenario, self._log)

    # ---------------------------------------------------------------- playing

    def _chosen(self, decisions: Sequence[Decision], options: Sequence[OptionView] | None = None) -> NDArray[np.bool_]:
        """The decisions as the engine's (1, O) choice mask; IllegalMove when not allowed. ``options``: this turn's
        :meth:`options`, when the caller already has them (worded reasons cost more than the check)."""
        if self.is_over:
            raise IllegalMove(translate(self.lang, "session.over"))
        if self.phase == "event":
            raise IllegalMove(translate(self.lang, "session.answer_first"))
        chosen = situation.plain_mask(self.engine, self._state, decisions)
        if chosen is None:  # something is wrong: the option views say what
            chosen = situation.choice_mask(self.engine, self.options() if options is None else options, self.names,
                                           decisions)
        return chosen

    def forecast(self, decisions: list[Decision] | tuple[Decision, ...], rollouts: int = 1000,
                 continuation: str = "balanced") -> Forecast:
        """Monte Carlo risk forecast of playing ``decisions`` this turn, then ``continuation`` to the end.

        Outcome and ending chances, each stakeholder's chance of blocking this
        turn, and the spread of final scores. Uses fresh luck, never the game's
        own future dice, the same luck for every plan of this turn (so two plans
        compare like with like); the same question in the same turn gets the same
        (cached) answer. Raises IllegalMove for a plan that could not be played.

        ``continuation``: ``balanced`` (the built-in policy), ``player`` (a simple
        rule fitted to this player's record: carrying on as so far) or
        ``advisor`` (the best of a family of simple rules from here); what it
        assumes is :meth:`forecast_style` (and the forecast's ``style``).
        """
        chosen = self._chosen(decisions)
        return self._forecasts.of_plans(self._state, self._log, [decisions], chosen, rollouts, continuation)[0]

    def forecast_plans(self, plans: Sequence[Sequence[Decision]], rollouts: int = 1000,
                       continuation: str = "balanced") -> list[Forecast | None]:
        """:meth:`forecast` of several plans at once (one batch, the same luck); None for a plan that
        could not be played."""
        legal: list[int] = []
        rows = []
        options = self.options() if not self.is_over and self.phase != "event" else None  # once for every plan
        for i, plan in enumerate(plans):
            try:
                rows.append(self._chosen(plan, options)[0])
            except IllegalMove:
                continue
            legal.append(i)
        out: list[Forecast | None] = [None] * len(plans)
        if legal:
            found = self._forecasts.of_plans(self._state, self._log, [plans[i] for i in legal], np.stack(rows),
                                             rollouts, continuation)
            for i, f in zip(legal, found, strict=True):
                out[i] = f
        return out

    def cached_forecast(self, decisions: Sequence[Decision], rollouts: int, continuation: str) -> Forecast | None:
        """:meth:`forecast` of ``decisions`` if it has already been worked out this turn, else None (never
        computed here: a screen may ask while a background thread does the work)."""
        return self._forecasts.plans.get(plan_key(len(self._log), decisions, rollouts, continuation))

    def forecast_style(self, continuation: str) -> Style | str:
        """What ``continuation`` assumes for the turns after this one (a Style, or a built-in policy's name)."""
        return self._forecasts.style(self._state, self._log, continuation)

    def forecast_choice(self, index: int, rollouts: int = 1000) -> Forecast:
        """Monte Carlo forecast of answering the waiting event with choice ``index``, then a balanced policy.

        Every choice of the same event faces the same fresh luck, so their
        forecasts compare like with like; cached per turn, event and choice.
        Raises IllegalMove when no event waits or ``index`` is not one of its choices.
        """
        event = self.pending_event()
        if event is None:
            raise IllegalMove(translate(self.lang, "session.no_event"))
        if not 0 <= index < len(event.choices):
            raise IllegalMove(translate(self.lang, "session.choose_number", last=len(event.choices)))
        return self._forecasts.of_choice(self._state, len(self._log), event.id, index, rollouts)

    def suggest(self, policy: str | Policy) -> list[Decision]:
        """The decisions a built-in policy (partner, force, balanced, random, greedy), or a
        policy object such as an author's strategy, would take now."""
        if self.phase != "decide":
            return []
        player = get_policy(policy) if isinstance(policy, str) else policy
        chosen = player.decide(self.engine, self._state.copy())[0]
        return self.engine.decode(chosen)

    def suggest_choice(self, policy: str | Policy) -> int:
        """The choice a built-in policy (or a policy object) would make for the waiting event
        (0 when none waits)."""
        event = self.pending_event()
        if event is None:
            return 0
        index = self.engine.events.index(event.id)
        player = get_policy(policy) if isinstance(policy, str) else policy
        picked = int(player.choose(self.engine, self._state.copy(), index)[0])
        return max(0, min(picked, len(event.choices) - 1))

    def play_turn(self, decisions: list[Decision] | tuple[Decision, ...]) -> TurnReport:
        """Play this turn's decisions. Raises IllegalMove (and changes nothing) when not allowed."""
        decisions = tuple(decisions)
        chosen = self._chosen(decisions)
        state = self._state.copy()
        result = self.engine.resolve_turn(state, chosen, explain=True)
        turn = self.turn
        self._previous = self._snapshot()
        self._state = state
        self._forecasts.clear()
        self._log.append(LoggedTurn(decisions, {}))
        fired = [self.scenario.events[int(i)] for i in np.flatnonzero(result.fired[0])]
        reasons = self.names.reasons(result.contributions)
        blockers = [self.scenario.stakeholders[int(i)].id for i in np.flatnonzero(result.blocked[0])]
        self.history.append(
            TurnRecord(turn, list(decisions), [], [e.id for e in fired], reasons, self._snapshot(), blockers)
        )
        if self.pending_event() is None:
            self._end_turn()
        self._autosave()
        return turn_report(self.scenario, self.names, turn, decisions, [self.label(d) for d in decisions], fired,
                           reasons, blockers, self.ending)

    def choose(self, index: int) -> ChoiceReport:
        """Answer the waiting event with choice ``index`` (0-based)."""
        event = self.pending_event()
        if event is None:
            raise IllegalMove(translate(self.lang, "session.no_event"))
        if not 0 <= index < len(event.choices):
            raise IllegalMove(translate(self.lang, "session.choose_number", last=len(event.choices)))
        e_index = [e.id for e in self.scenario.events].index(event.id)
        state = self._state.copy()
        contributions = self.engine.apply_choice(state, e_index, index, explain=True)
        self._state = state
        last = self._log[-1]
        self._log[-1] = LoggedTurn(last.decisions, {**last.choices, event.id: index})
        reasons = self.names.reasons(contributions)
        record = self.history[-1]
        record.choices.append((event.id, index))
        record.reasons.extend(reasons)
        if self.pending_event() is None:
            self._end_turn()
        record.after = self._snapshot()
        self._autosave()
        choice = self.scenario.events[e_index].choices[index]
        return ChoiceReport(
            event=event.id,
            choice=index,
            text=self.names.text(choice.text),
            outcome=self.names.text(choice.outcome),
            reasons=tuple(reasons),
            ending=self.ending,
        )

    def label(self, d: Decision) -> str:
        """A decision in words: the action's name, with its target's name when it has one."""
        name = self.names.actions.get(d.action, d.action)
        if d.target is None:
            return name
        kind = "progress" if d.target in self.names.programmes else "trust"
        return f"{name}{translate(self.lang, 'session.label_separator')}{self.names.subject(kind, d.target)}"

    # ---------------------------------------------------------------- engine calls

    def _end_turn(self) -> None:
        self.engine.end_turn(self._state)
        if self.history:
            self.history[-1].after = self._snapshot()
        if bool(self._state.ended[0]):
            index = int(self._state.ending[0])
            ending = self.scenario.endings[index]
            variant = first_variant(self.engine, self._state, self._log, True, ending.variants)
            self.ending = EndingView(
                id=ending.id,
                title=self.names.text(ending.title),
                text=self.names.text(ending.text if variant is None else ending.variants[variant].text),
                outcome=ending.outcome,
                score=self.score,
                variant=variant,
            )

    def _snapshot(self) -> Snapshot:
        return situation.snapshot(self.engine, self._state)

    def _autosave(self) -> None:
        """Autosave after a move; a failure is kept in ``autosave_error`` and never stops the game."""
        self.autosaved = False
        if self.autosave_path is None:
            return
        from game.session.persistence import write_autosave_of

        self.autosave_error = write_autosave_of(self, self.autosave_path)
        self.autosaved = not self.autosave_error



