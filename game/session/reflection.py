"""Which of a scenario's texts fit the game being played: debrief questions, hints, pauses, endings' wordings.

A text with a condition (a question written ``{ask: ..., when: ...}``, a hint's
or a pause point's ``when``, a variant's ``when``) is shown only when its
condition holds for this game: the state's values, read as an ending's
condition reads them, plus the player's record so far (see
:data:`game.scenario.expressions.RECORD_NAMESPACES`):

* ``taken.ACTION``: how many times the player took the action;
* ``moves.partner``, ``moves.push``, ``moves.neutral``: the player's moves of
  each stance, actions and event choices together (as the debrief counts them);
* ``first.partner``, ``first.push``, ``first.neutral``: the turn of the
  player's first move of that stance, 0 if none yet;
* ``chose.EVENT``: the number of the choice made in the event, 1 for the first
  (the latest, if it came more than once), 0 if it never came or lapsed;
* ``ending.ENDING``: 1 for the ending reached, 0 for every other;
* ``can.ACTION``: 1 while the action can be taken now (for some target), 0
  once the game is over.

Questions whose condition holds come first, then the ones always asked. Of a
text's variants, the first whose condition holds is shown instead of the text.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence

import numpy as np

from game.scenario.expression_compiler import compile_expression
from game.scenario.expressions import RECORD_NAMESPACES, Compiled, ExpressionError, Names
from game.scenario.player_record import question_names
from game.scenario.schema import Question, Scenario, TextVariant
from game.sim.decisions import TurnRecord
from game.sim.engine import Engine
from game.sim.env import F64, StateEnv
from game.sim.state import State


def record(scenario: Scenario, log: Sequence[TurnRecord], ending: str | None) -> dict[tuple[str, str], float]:
    """The player's record as expression values: ``(namespace, id) -> number`` (absent means 0)."""
    out: dict[tuple[str, str], float] = {}
    stances = {a.id: a.stance for a in scenario.actions}
    events = {e.id: e for e in scenario.events}

    def add(key: tuple[str, str]) -> None:
        out[key] = out.get(key, 0.0) + 1.0

    def move(stance: str, turn: int) -> None:
        add(("moves", stance))
        out.setdefault(("first", stance), float(turn))

    for number, turn in enumerate(log, start=1):
        for d in turn.decisions:
            add(("taken", d.action))
            move(stances.get(d.action, "neutral"), number)
        for event_id, index in turn.choices.items():
            event = events.get(event_id)
            if event is None or not 0 <= index < len(event.choices):
                continue
            out[("chose", event_id)] = float(index + 1)
            move(event.choices[index].stance, number)
    if ending is not None:
        out[("ending", ending)] = 1.0
    return out


class _RecordEnv(StateEnv):
    """A state's values, and the player's record for the record namespaces."""

    def __init__(self, engine: Engine, state: State, counts: Mapping[tuple[str, str], float]) -> None:
        super().__init__(engine.cs, state)
        self.counts = counts

    def column(self, namespace: str, key: str) -> F64:
        if namespace in RECORD_NAMESPACES:
            return np.full(self.state.runs, self.counts.get((namespace, key), 0.0))
        return super().column(namespace, key)


def fitting(engine: Engine, state: State, log: Sequence[TurnRecord], over: bool,
            conditions: Sequence[str | None]) -> list[bool]:
    """Whether each condition holds for this game now (None always holds).

    ``state`` is the game's state (one run); ``over`` says the game has ended
    (the turn clock has then moved past the last turn played, and the ending
    reached is in the record). A condition that cannot be evaluated (a
    scenario that skipped the checks) does not hold, rather than stopping the game.
    """
    if all(c is None for c in conditions):
        return [True] * len(conditions)
    scenario = engine.scenario
    ended = int(state.ending[0])
    ending = scenario.endings[ended].id if over and 0 <= ended < len(scenario.endings) else None
    final = dataclasses.replace(state, turn=int(state.turn) - 1 if over else int(state.turn))
    counts = record(scenario, log, ending)
    if not over and any(c is not None and "can." in c for c in conditions):
        available = engine.available(state)[0]
        for option in engine.options:
            if available[option.index]:
                counts[("can", option.action)] = 1.0
    env = _RecordEnv(engine, final, counts)
    names = question_names(scenario)
    key = _names_key(names)
    out: list[bool] = []
    for condition in conditions:
        if condition is None:
            out.append(True)
            continue
        try:
            value = _compiled(condition, key)(env)
        except (ExpressionError, KeyError, IndexError, ValueError):
            out.append(False)
            continue
        out.append(bool(np.asarray(value).reshape(-1)[0] != 0))
    return out


_NamesKey = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]


def _names_key(names: Names) -> _NamesKey:
    record = names.record or {}
    return (tuple(names.stakeholders), tuple(names.programmes), tuple(names.metrics),
            tuple((ns, tuple(ids)) for ns, ids in sorted(record.items())))


@functools.lru_cache(maxsize=4096)
def _compiled(condition: str, key: _NamesKey) -> Compiled:
    """A text's condition compiled once per scenario's names (texts are read after every move)."""
    stakeholders, programmes, metrics, record = key
    return compile_expression(condition, Names(stakeholders, programmes, metrics, record=dict(record)))


def first_variant(engine: Engine, state: State, log: Sequence[TurnRecord], over: bool,
                  variants: Sequence[TextVariant]) -> int | None:
    """The index of the first variant whose condition holds for this game, or None (the text itself)."""
    fits = fitting(engine, state, log, over, [v.when for v in variants])
    return next((i for i, ok in enumerate(fits) if ok), None)


def asked(engine: Engine, state: State, log: Sequence[TurnRecord], over: bool) -> list[int]:
    """Indices into ``debrief.questions`` of the questions for this game, in the order to ask them.

    ``state`` is the game's state (one run) after its last turn; see :func:`fitting`.
    """
    questions = engine.scenario.debrief.questions
    conditional = [i for i, q in enumerate(questions) if isinstance(q, Question) and q.when is not None]
    always = [i for i in range(len(questions)) if i not in conditional]
    if not conditional:
        return always
    whens = [q.when if isinstance(q, Question) else None for q in (questions[i] for i in conditional)]
    fits = fitting(engine, state, log, over, whens)
    return [i for i, ok in zip(conditional, fits, strict=True) if ok] + always


def question_text(question: Question | str | dict[str, str]) -> str | dict[str, str]:
    """The text of a question in either form, as written (for a :class:`~game.session.wording.Namer`)."""
    return question.ask if isinstance(question, Question) else question
