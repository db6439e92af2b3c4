"""Playing as a team in a workshop, in the terminal: `shove play --workshop DIR --team NAME --text`.

The game is the ordinary terminal game with four additions, all driven by the
workshop file: discussion pauses that only the facilitator's word releases,
an optional clock for each decision, optional trust predictions before each
turn, and the team's session file written after every move.

The clock: the time left is shown in every prompt of a decision turn. Input is
read a line at a time (so the game works with screen readers and scripts), so
the clock cannot interrupt typing; when the team's answer arrives after the
time is up, the answer is set aside and the turn is played with no action,
the default the workshop file describes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import ClassVar, TextIO

from game import i18n
from game.i18n import t, t_count
from game.session.saves import write_problem
from game.text_ui.game import EndOfInput, QuitRequested, TextGame
from game.text_ui.render import Terminal, heading, wrap
from game.workshop.config import Pause, load_workshop
from game.workshop.files import Direction, SessionFileError
from game.workshop.problems import WorkshopError, say_problem
from game.workshop.seat import TeamSeat

_GUESSES: dict[str, Direction] = {"u": "up", "up": "up", "s": "same", "same": "same",
                                  "d": "down", "down": "down"}


class TimeUp(Exception):
    """The decision clock ran out before the team's answer arrived."""


class TeamTextGame(TextGame):
    """The terminal game for one team's seat."""

    in_workshop: ClassVar[bool] = True

    def __init__(
        self,
        seat: TeamSeat,
        stdin: TextIO,
        stdout: TextIO,
        term: Terminal | None = None,
        clock: Callable[[], float] = time.monotonic,
        lang: str | None = None,
    ) -> None:
        options = seat.workshop.file.options
        super().__init__(seat.session, seat.workshop.scenario.meta.id, stdin, stdout, term,
                         rollouts=0 if options.hide_forecasts else 200, lang=lang)
        self.seat = seat
        self.clock = clock
        self.seconds = options.decision_seconds
        self.deadline: float | None = None

    # ------------------------------------------------------------------ io

    def ask(self, prompt: str) -> str:
        if self.deadline is not None:
            left = self.deadline - self.clock()
            if left <= 0:
                raise TimeUp
            prompt = t("text.team.clock", time=f"{int(left) // 60}:{int(left) % 60:02d}") + " " + prompt.lstrip()
        line = super().ask(prompt)
        if self.deadline is not None and self.clock() > self.deadline:
            raise TimeUp
        return line

    def _save(self) -> None:
        try:
            self.seat.save()
        except OSError as exc:
            self.say(t("text.team.write_warning", problem=write_problem(exc, self.seat.path)))

    # ---------------------------------------------------------------- flow

    def _run_game(self) -> int:
        try:
            self._intro()
            self._team_intro()
            while not self.session.is_over:
                pause = self.seat.pending_pause()
                if pause is not None:
                    self._pause(pause)
                elif self.session.pending_event() is not None:
                    self._event_turn()
                else:
                    if self.seat.prediction_due():
                        self._predict()
                    self._timed_turn()
                self._save()
            self._ending()
            self._save()
            self.say("", t("text.team.finished", path=self.seat.path))
            return 0
        except EndOfInput:
            return self._save_and_stop(t("text.input_ended"), named=False)
        except QuitRequested:
            return self._save_and_stop(t("text.game_saved"), named=True)

    def _team_intro(self) -> None:
        w = self.seat.workshop
        lines = [t("text.team.intro", team=self.seat.team)]
        if w.file.options.hide_forecasts:
            lines.append(t("text.team.no_forecasts"))
        if self.seconds:
            lines.append(t_count("text.team.seconds", self.seconds, seconds=self.seconds))
        if w.file.options.predict:
            lines.append(t("text.team.will_predict", name=self._predicted_name()))
        for line in lines:
            self.say(*wrap(line, self.term.width))
        self.say("")

    def _predicted_name(self) -> str:
        who = self.seat.predict_stakeholder
        return self.session.names.stakeholders.get(who, who)

    def _pause(self, pause: Pause) -> None:
        self.say("", *heading(t("text.team.pause", turn_word=self._turn_word(), turn=pause.after_turn), self.term.width, "═"))
        for paragraph in pause.prompt.split("\n"):
            self.say(*wrap(paragraph, self.term.width))
        self.say("", t("text.team.talk"))
        while True:
            line = self.ask(t("text.team.word_prompt") + " ")
            if line.strip().lower() in ("q", "quit"):
                raise QuitRequested
            if self.seat.release(line):
                self.say(t("text.team.carry_on"), "")
                return
            self.say(t("text.team.wrong_word"))

    def _turn_word(self) -> str:
        return self.session.view().turn_label.lower()

    def _predict(self) -> None:
        name = self._predicted_name()
        question = t("text.team.predict_question", name=name, turn_word=self._turn_word())
        self.say("", *wrap(question, self.term.width))
        while True:
            line = self.ask(t("text.team.predict_prompt") + " ").strip().lower()
            if line in ("q", "quit"):
                raise QuitRequested
            if line in ("h", "help", "?"):
                self.say(t("text.help.predict"))
                continue
            guess = _GUESSES.get(line)
            if guess is not None:
                self.seat.predict(guess)
                return
            self.say(t("text.sorry", problem=t("text.team.predict_problem")))

    def _timed_turn(self) -> None:
        if not self.seconds:
            self._decision_turn()
            return
        self.deadline = self.clock() + self.seconds
        finish = time.strftime("%H:%M:%S", time.localtime(time.time() + self.seconds))
        self.say(t_count("text.team.clock_start", self.seconds, seconds=self.seconds, finish=finish))
        try:
            self._decision_turn()
        except TimeUp:
            self.deadline = None
            report = self.seat.time_up()
            self.say("", t("text.team.time_up"))
            self.last_report, self.report_due = report, True
        finally:
            self.deadline = None

    # ---------------------------------------------------------------- saving

    def _save_and_stop(self, why: str, named: bool) -> int:
        try:
            self.seat.save()
        except OSError as exc:
            self.say(t("text.team.not_written", why=why, problem=write_problem(exc, self.seat.path)))
            return 1
        command = self.started_as.command(
            ["--workshop", str(self.seat.workshop.folder), "--team", self.seat.team, "--text", *self.lang_args()]
        )
        self.say(t("text.team.saved_in", why=why, path=self.seat.path), t("text.carry_on", command=command))
        return 0


def run_team(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """`shove play --workshop DIR --team NAME --text`; returns the exit code."""
    team = getattr(args, "team", None)
    if not team:
        print(t("text.team.no_name"), file=sys.stderr)
        return 2
    if getattr(args, "scenario", None) or getattr(args, "seed", None) is not None or getattr(args, "load", None):
        print(t("text.team.ignored"), file=sys.stderr)
    lang = getattr(args, "lang", None) or i18n.system_language()
    try:
        workshop = load_workshop(args.workshop)
        seat = TeamSeat.open(workshop, team, lang=lang)
    except WorkshopError as exc:
        for problem in exc.problems:
            print(say_problem(problem, lang), file=sys.stderr)
        return 1
    except SessionFileError as exc:
        print(f"{exc.path}: {exc.say(lang)}", file=sys.stderr)
        return 1
    return TeamTextGame(seat, stdin, stdout, Terminal.detect(stdout), lang=getattr(args, "lang", None)).play()
