"""The terminal game's loop: show the situation, read the player's choices, report.

It only talks to a :class:`~game.session.Session`; every number and word comes
from the session's views. Input is read line by line, so the game can be
played by a person, a screen reader, or a script piped into standard input.
When input ends the game is autosaved and the way to resume is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, TextIO

from game import i18n, paths
from game.i18n import t, t_count
from game.session import Decision, EventView, IllegalMove, OptionView, SaveError, Session
from game.session.views import ChoiceReport, TurnReport
from game.text_ui import invocation, screens, turn_screen
from game.text_ui.forecasts import (
    action_outlooks,
    choice_outlooks,
    detailed_forecast,
    menu_forecasts,
    target_comparison,
)
from game.text_ui.prompts import (
    ForecastRequest,
    InputProblem,
    Pick,
    Plan,
    Simple,
    decision_help,
    event_help,
    read_decision,
    read_number,
    target_help,
)
from game.text_ui.render import Terminal, fit, heading, wrap

MAX_LINE = 4096  # longer input is read in pieces, each refused as nonsense


class EndOfInput(Exception):
    """Standard input closed: save and stop."""


class QuitRequested(Exception):
    """The player typed q."""


class TextGame:
    """One game in the terminal, from the first turn (or a save) to the debrief."""

    in_workshop: ClassVar[bool] = False  # a workshop team comes back with the same command, not --load

    def __init__(
        self,
        session: Session,
        scenario_arg: str,
        stdin: TextIO,
        stdout: TextIO,
        term: Terminal | None = None,
        rollouts: int = 200,
        detail_rollouts: int = 1000,
        lang: str | None = None,
    ) -> None:
        self.session = session
        self.lang = lang if lang is not None else session.lang  # the language of the game's own words
        self.scenario_arg = scenario_arg
        self.stdin = stdin
        self.stdout = stdout
        self.term = term or Terminal.detect(stdout)
        self.echo = not _is_tty(stdin)
        self.rollouts = rollouts  # per forecast in the action menu; 0 switches forecasts off
        self.detail_rollouts = detail_rollouts
        self.last_report: TurnReport | ChoiceReport | None = None  # every change it made is in `details`
        self.report_due = False  # the last report is printed above the next screen, in the room it leaves
        self.started_as = invocation.detect()

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
        """Play until the ending, a quit or the end of input, in ``lang`` (else the session's
        language, else English); returns the exit code."""
        previous = i18n.language()
        i18n.set_language(self.lang)
        try:
            return self._run_game()
        finally:
            i18n.set_language(previous)

    def _run_game(self) -> int:
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
            return self._save_and_stop(t("text.input_ended"), named=False)
        except QuitRequested:
            return self._save_and_stop(t("text.game_saved"), named=True)

    def _intro(self) -> None:
        s = self.session
        self.say(*heading(s.title, self.term.width, "═"))
        if s.briefing and not s.history:
            self.say(*wrap(s.briefing, self.term.width))
        self.say(t("text.seed", seed=s.seed))
        if s.history:
            played = len(s.history)
            self.say(t_count("text.resumed", played, turns=played))
        if s.notice:
            self.say(*wrap(s.notice, self.term.width))
        self.say(t("text.help_hint"), "")

    def _grouped(self) -> list[tuple[str, list[OptionView]]]:
        groups: dict[str, list[OptionView]] = {}
        for option in self.session.options():
            groups.setdefault(option.action, []).append(option)
        return list(groups.items())

    def _show_turn(self, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> None:
        """The turn screen: everything needed to decide, in about 35 lines of 80 columns."""
        baseline, outlooks = action_outlooks(self.session, groups, self.rollouts)
        screen = turn_screen.turn_screen(self.session.view(), groups, self.session.budget, self.term,
                                         baseline, outlooks, self.rollouts > 0)
        self._say_report(turn_screen.TURN_LINES - len(screen) - 1)
        self.say(*screen)

    def _say_report(self, room: int) -> None:
        """The last turn's (or answer's) report, once, in at most ``room`` lines."""
        if not self.report_due or self.last_report is None:
            return
        self.report_due = False
        if isinstance(self.last_report, TurnReport):
            self.say(*turn_screen.report_rows(self.last_report, self.term, room))
        else:
            self.say(*turn_screen.choice_report_rows(self.last_report, self.term, room))

    def _show_details(self, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> None:
        """What the turn screen leaves out: the last turn's every change, bars, descriptions, tips,
        the forecast as the advisor would play, and why the other actions are not available."""
        if isinstance(self.last_report, TurnReport):
            self.say(*screens.turn_report(self.last_report, self.term))
        self.say("", *screens.situation(self.session.view(), self.term), "")
        forecasts = menu_forecasts(self.session, groups, self.rollouts)
        self.say(*screens.action_menu(groups, self.session.budget, self.term, forecasts))

    def _decision_turn(self) -> None:
        groups = self._grouped()
        self._show_turn(groups)
        while True:
            line = self.ask(t("text.prompt.actions") + " ")
            try:
                command = read_decision(line, len(groups))
                if isinstance(command, Simple):
                    self._simple(command, decision_help(self.in_workshop), lambda: self._show_turn(groups),
                                 lambda: self._show_details(groups))
                    continue
                if isinstance(command, ForecastRequest):
                    self._forecast(command.pick, groups)
                    continue
                decisions = self._decisions(command, groups)
                report = self.session.play_turn(decisions)
            except InputProblem as problem:
                self.say(t("text.sorry", problem=problem))
                continue
            except IllegalMove as problem:
                self.say(t("text.illegal", problem=problem))
                continue
            self.last_report, self.report_due = report, True
            self._autosave_warning()
            return

    def _forecast(self, pick: Pick, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> None:
        _, options = groups[pick.number - 1]
        if self.rollouts <= 0:
            self.say(t("text.forecasts_off"))
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
            raise InputProblem(t("text.problem.unavailable_why", name=first.name, why=first.why_not_action or t("text.not_now")))
        if pick.target is None:
            if len(options) == 1:
                return options[0]
            return self._ask_target(options)
        if not 1 <= pick.target <= len(options):
            raise InputProblem(t("text.problem.targets", name=first.name, count=len(options), target=pick.target))
        option = options[pick.target - 1]
        if not option.available:
            raise InputProblem(t("text.problem.unavailable_why", name=option.label, why=option.why_not or t("text.not_now")))
        return option

    def _ask_target(self, options: Sequence[OptionView]) -> OptionView:
        self.say(t("text.target.question", name=options[0].name), *screens.target_menu(options))
        while True:
            line = self.ask(t("text.prompt.target") + " ")
            try:
                answer = read_number(line, len(options), "target")
            except InputProblem as problem:
                self.say(t("text.sorry", problem=problem))
                continue
            if isinstance(answer, Simple):
                if answer.name == "quit":
                    raise QuitRequested
                if answer.name == "help":
                    self.say(target_help(self.in_workshop))
                self.say(*screens.target_menu(options))
                continue
            option = options[answer - 1]
            if option.available:
                return option
            self.say(t("text.sorry", problem=t("text.problem.unavailable_why", name=option.target_name, why=option.why_not or t("text.not_now"))))

    def _decisions(self, plan: Plan, groups: Sequence[tuple[str, Sequence[OptionView]]]) -> list[Decision]:
        chosen = [self._option_for(pick, groups) for pick in plan.picks]
        cost = sum(o.cost for o in chosen)
        if cost > self.session.budget:
            raise InputProblem(
                t_count("text.problem.over_budget", cost, cost=cost, budget=self.session.budget)
            )
        return [o.decision for o in chosen]

    def _event_turn(self) -> None:
        event = self.session.pending_event()
        assert event is not None
        self._show_event(event)
        while True:
            line = self.ask(t("text.prompt.choice") + " ")
            try:
                answer = read_number(line, len(event.choices), "choice")
            except InputProblem as problem:
                self.say(t("text.sorry", problem=problem))
                continue
            if isinstance(answer, Simple):
                self._simple(answer, event_help(self.in_workshop), lambda: self._show_event(event),
                             lambda: self._event_details(event))
                continue
            report = self.session.choose(answer - 1)
            self.last_report, self.report_due = report, True
            self._autosave_warning()
            return

    def _show_event(self, event: EventView) -> None:
        outlooks = choice_outlooks(self.session, len(event.choices), self.rollouts)
        screen = turn_screen.event_screen(event, self.term, outlooks)
        self._say_report(turn_screen.TURN_LINES - len(screen) - 1)
        self.say(*screen)

    def _event_details(self, event: EventView) -> None:
        if self.last_report is not None:
            self.say(*(screens.turn_report(self.last_report, self.term) if isinstance(self.last_report, TurnReport)
                       else screens.choice_report(self.last_report, self.term)))
        self.say("", *screens.situation(self.session.view(), self.term), *screens.event(event, self.term))

    def _simple(self, command: Simple, help_text: str, show: Callable[[], None], details: Callable[[], None]) -> None:
        if command.name == "help":
            self.say(help_text)
        elif command.name == "show":
            show()
        elif command.name == "details":
            details()
        else:
            raise QuitRequested

    def _ending(self) -> None:
        ending = self.session.ending
        assert ending is not None
        self._say_report(turn_screen.REPORT_REASONS + 2)
        counts = self.session.stance_counts()
        self.say(*screens.ending(ending, self.session.questions, counts.partner, counts.push, self.term))
        self.say("", *screens.timeline(self.session, self.term))

    # ---------------------------------------------------------------- saving

    def lang_args(self) -> list[str]:
        """``--lang fr`` when the game speaks other than English, so a resumed game does too."""
        return ["--lang", self.lang] if self.lang and self.lang != "en" else []

    def _autosave_warning(self) -> None:
        if self.session.autosave_error:
            self.say(t("text.warning", problem=self.session.autosave_error))

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
            self.say(t("text.not_saved", why=why, problem=problem))
            return 1
        command = self.started_as.command([self.scenario_arg, "--text", "--load", str(path), *self.lang_args()])
        self.say(t("text.saved_in", why=why, path=path), t("text.carry_on", command=command))
        return 0


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def default_save_path(scenario_id: str) -> Path:
    """Where `q` saves a game: the user's saves folder, named after the scenario."""
    return paths.saves_dir() / f"{scenario_id}.json"
