"""The terminal game's loop: show the situation, read the player's choices, report.

It only talks to a :class:`~game.session.Session`; every number and word comes
from the session's views. Input is read line by line, so the game can be
played by a person, a screen reader, or a script piped into standard input.
When input ends the game is autosaved and the way to resume is printed.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from game import paths
from game.session import Decision, EventView, IllegalMove, OptionView, SaveError, Session
from game.text_ui import screens
from game.text_ui.forecasts import detailed_forecast, menu_forecasts, target_comparison
from game.text_ui.prompts import (
    DECISION_HELP,
    EVENT_HELP,
    TARGET_HELP,
    ForecastRequest,
    InputProblem,
    Pick,
    Plan,
    Simple,
    read_decision,
    read_number,
)
from game.text_ui.render import Terminal, fit, heading, wrap

MAX_LINE = 4096  # longer input is read in pieces, each refused as nonsense


class EndOfInput(Exception):
    """Standard input closed: save and stop."""


class QuitRequested(Exception):
    """The player typed q."""


class TextGame:
    """One game in the terminal, from the first turn (or a save) to the debrief."""

    def __init__(
        self,
        session: Session,
        scenario_arg: str,
        stdin: TextIO,
        stdout: TextIO,
        term: Terminal | None = None,
        rollouts: int = 200,
        detail_rollouts: int = 1000,
    ) -> None:
        self.session = session
        self.scenario_arg = scenario_arg
        self.stdin = stdin
        self.stdout = stdout
        self.term = term or Terminal.detect(stdout)
        self.echo = not _is_tty(stdin)
        self.rollouts = rollouts  # per forecast in the action menu; 0 switches forecasts off
        self.detail_rollouts = detail_rollouts

    # ------------------------------------------------------------------ io

    def say(self, *lines: str) -> None:
        for line in lines:
            for part in fit(line, self.term.width):
                print(part, file=self.stdout)
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline(MAX_LINE)
        if not line:
            self.say("")
            raise EndOfInput
        if self.echo:
            self.say(line.rstrip("\n"))
        return line

    # ---------------------------------------------------------------- flow

    def play(self) -> int:
        """Play until the ending, a quit or the end of input; returns the exit code."""
        try:
            self._intro()
            while not self.session.is_over:
                if self.session.pending_event() is not None:
                    self._event_turn()
                else:
                    self._decision_turn()
            self._ending()
            return 0
        except EndOfInput:
            return self._save_and_stop("Input ended.", named=False)
        except QuitRequested:
            return self._save_and_stop("Game saved.", named=True)

    def _intro(self) -> None:
        s = self.session
        self.say(*heading(s.title, self.term.width, "═"))
        if s.briefing and not s.history:
            self.say(*wrap(s.briefing, self.term.width))
        self.say(f"Seed {s.seed}: play the same luck again with --seed {s.seed}.")
        if s.history:
            played = len(s.history)
            self.say(f"Resumed after {played} turn{'s' if played != 1 else ''} played.")
        if s.notice:
            self.say(*wrap(s.notice, self.term.width))
        self.say("Type h at any prompt for help.", "")

    def _grouped(self) -> list[tuple[str, list[OptionView]]]:
        groups: dict[str, list[OptionView]] = {}
        for option in self.session.options():
            groups.setdefault(option.action, []).append(option)
        return list(groups.items())

    def _show_situation(self, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> None:
        self.say("", *screens.situation(self.session.view(), self.term), "")
        forecasts = menu_forecasts(self.session, groups, self.rollouts)
        self.say(*screens.action_menu(groups, self.session.budget, self.term, forecasts))

    def _decision_turn(self) -> None:
        groups = self._grouped()
        self._show_situation(groups)
        while True:
            line = self.ask("\nYour actions (numbers, 0 for none, h for help): ")
            try:
                command = read_decision(line, len(groups))
                if isinstance(command, Simple):
                    self._simple(command, DECISION_HELP, lambda: self._show_situation(groups))
                    continue
                if isinstance(command, ForecastRequest):
                    self._forecast(command.pick, groups)
                    continue
                decisions = self._decisions(command, groups)
                report = self.session.play_turn(decisions)
            except InputProblem as problem:
                self.say(f"Sorry: {problem}.")
                continue
            except IllegalMove as problem:
                self.say(f"That cannot be done: {problem}")
                continue
            self.say(*screens.turn_report(report, self.term))
            self._autosave_warning()
            return

    def _forecast(self, pick: Pick, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> None:
        _, options = groups[pick.number - 1]
        if self.rollouts <= 0:
            self.say("Forecasts are switched off for this game.")
        elif pick.target is None and len(options) > 1:
            self.say(*target_comparison(self.session, options, self.rollouts, self.term))
        else:
            option = self._option_for(pick, groups)
            self.say(*detailed_forecast(self.session, option, self.detail_rollouts, self.term))

    def _option_for(self, pick: Pick, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> OptionView:
        """The option a pick names, asking for the target when the action needs one."""
        _, options = groups[pick.number - 1]
        first = options[0]
        if first.target is None:
            return first
        if not any(o.available for o in options):
            raise InputProblem(f"{first.name} is not available this turn")
        if pick.target is None:
            if len(options) == 1:
                return options[0]
            return self._ask_target(options)
        if not 1 <= pick.target <= len(options):
            raise InputProblem(f"{first.name} has targets 1 to {len(options)}, not {pick.target}")
        option = options[pick.target - 1]
        if not option.available:
            raise InputProblem(f"{option.label} is not available: {option.why_not or 'not now'}")
        return option

    def _ask_target(self, options: Sequence[OptionView]) -> OptionView:
        self.say(f"Who or what is the target of {options[0].name}?", *screens.target_menu(options))
        while True:
            line = self.ask("Target number: ")
            try:
                answer = read_number(line, len(options), "target")
            except InputProblem as problem:
                self.say(f"Sorry: {problem}.")
                continue
            if isinstance(answer, Simple):
                if answer.name == "quit":
                    raise QuitRequested
                if answer.name == "help":
                    self.say(TARGET_HELP)
                self.say(*screens.target_menu(options))
                continue
            option = options[answer - 1]
            if option.available:
                return option
            self.say(f"Sorry: {option.target_name} is not available: {option.why_not or 'not now'}.")

    def _decisions(self, plan: Plan, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> list[Decision]:
        chosen = [self._option_for(pick, groups) for pick in plan.picks]
        cost = sum(o.cost for o in chosen)
        if cost > self.session.budget:
            raise InputProblem(
                f"those actions cost {cost} leadership time and you have {self.session.budget}; choose fewer"
            )
        return [o.decision for o in chosen]

    def _event_turn(self) -> None:
        event = self.session.pending_event()
        assert event is not None
        self.say(*screens.event(event, self.term))
        while True:
            line = self.ask("\nYour choice (number, h for help): ")
            try:
                answer = read_number(line, len(event.choices), "choice")
            except InputProblem as problem:
                self.say(f"Sorry: {problem}.")
                continue
            if isinstance(answer, Simple):
                self._simple(answer, EVENT_HELP, lambda: self._show_event(event))
                continue
            report = self.session.choose(answer - 1)
            self.say(*screens.choice_report(report, self.term))
            self._autosave_warning()
            return

    def _show_event(self, event: EventView) -> None:
        self.say("", *screens.situation(self.session.view(), self.term), *screens.event(event, self.term))

    def _simple(self, command: Simple, help_text: str, show: Callable[[], None]) -> None:
        if command.name == "help":
            self.say(help_text)
        elif command.name == "show":
            show()
        else:
            raise QuitRequested

    def _ending(self) -> None:
        ending = self.session.ending
        assert ending is not None
        counts = self.session.stance_counts()
        self.say(*screens.ending(ending, self.session.questions, counts.partner, counts.push, self.term))
        self.say("", *screens.timeline(self.session, self.term))

    # ---------------------------------------------------------------- saving

    def _autosave_warning(self) -> None:
        if self.session.autosave_error:
            self.say(f"Warning: {self.session.autosave_error}")

    def _save_and_stop(self, why: str, named: bool) -> int:
        try:
            if named:
                path = default_save_path(self.session.scenario_id)
                self.session.save(path)
            elif self.session.autosaved and self.session.autosave_path is not None:
                path = self.session.autosave_path
            else:
                path = self.session.autosave_now()
        except SaveError as problem:
            self.say(f"{why} The game could not be saved: {problem}")
            return 1
        command = f"shove play {shlex.quote(self.scenario_arg)} --text --load {shlex.quote(str(path))}"
        self.say(f"{why} Your game is saved in {path}", f"To carry on, run: {command}")
        return 0


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def default_save_path(scenario_id: str) -> Path:
    """Where `q` saves a game: the user's saves folder, named after the scenario."""
    return paths.saves_dir() / f"{scenario_id}.json"
