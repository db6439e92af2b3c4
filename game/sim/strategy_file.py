"""Strategies an author writes in Python: loaded from ``FILE.py:NAME`` and checked as they play.

Every command that takes ``--policy P`` also takes ``--strategy FILE.py:NAME``.
NAME is a class in the file (made with no arguments) or an object, with the
methods of the policy protocol (``game.sim.policies.Policy``)::

    decide(engine, state, key=0) -> (R, O) bool    # the options each run takes this turn
    choose(engine, state, event_index) -> (R,) int # each run's answer to a pending event

``load_strategy`` reads the file with importlib from its own path (nothing is
added to ``sys.path``, and no bytecode is written beside it) and returns a
:class:`Strategy`: the author's object behind checks of everything it returns.
A shape, a type, an option not available now, more leadership time than the
turn has or an answer that is not a choice of the event raises
:class:`StrategyError` naming the strategy, never a numpy traceback; an
exception in the author's code is reported at its ``file:line``.

The strategy's ``name`` is NAME as written after the colon (an ``name``
attribute of the author's object is ignored), so what a table or a file shows
is what the command line said, and two strategies in one balance run never
share a name with each other or with a built-in policy's table row (those are
keyed by the spec). The file is the author's own code and runs with the
user's rights (docs/security.md); scenario, save and session files never run code.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import inspect
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.i18n import DEFAULT
from game.i18n.words import Words
from game.scenario.problems import suggestion
from game.sim.engine import Engine
from game.sim.policies import Policy, get_policy
from game.sim.state import State

B = NDArray[np.bool_]
I64 = NDArray[np.int64]

__all__ = ["Strategy", "StrategyError", "is_strategy_spec", "load_strategy", "resolve_policy", "split_spec"]

# Exit codes (game.cli): a spec or file that cannot be found is a usage error; a
# strategy that fails or breaks the rules is a problem with the input.
USAGE, INPUT = 2, 1


class StrategyError(Exception):
    """A strategy that cannot be loaded or broke the protocol; ``str()`` is one line in English,
    :meth:`say` the same in another language; ``code`` is the exit code a command returns."""

    def __init__(self, words: Words, code: int = INPUT) -> None:
        super().__init__(words, code)
        self.words = words
        self.code = code

    def __str__(self) -> str:
        return self.words.say(DEFAULT)

    def say(self, lang: str | None) -> str:
        return self.words.say(lang)


def is_strategy_spec(text: str) -> bool:
    """Whether ``text`` names a strategy file (``FILE.py:NAME``) rather than a built-in policy."""
    return ":" in text


def split_spec(spec: str) -> tuple[Path, str]:
    """``FILE.py:NAME`` as (path, NAME); StrategyError when it is not of that shape."""
    file, colon, name = spec.rpartition(":")
    if not colon or not file or not name.isidentifier():
        raise StrategyError(Words("strategy.bad_spec", spec=spec), USAGE)
    path = Path(file)
    if path.suffix != ".py":
        raise StrategyError(Words("strategy.not_python", path=file), USAGE)
    return path, name


class _Loader(importlib.machinery.SourceFileLoader):
    """Reads the author's file; never writes a ``__pycache__`` folder beside it."""

    def set_data(self, path: str, data: Any, *, _mode: int = 0o666) -> None:
        return None


def _where(exc: BaseException, path: Path) -> str:
    """``file:line`` of the deepest frame of ``exc`` in the author's file (else the file alone)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve() == path.resolve():
            line = frame.lineno
    return f"{path}:{line}" if line is not None else str(path)


def _error(exc: BaseException) -> str:
    """An exception as one line: ``ZeroDivisionError: division by zero``."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _module(path: Path) -> ModuleType:
    """The author's file run as a module of its own (registered under a private name, so that
    dataclasses and type hints in it work; nothing is added to ``sys.path``)."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:12]
    name = f"shove_strategy_{digest}"
    loader = _Loader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    if spec is None:  # (only for a path importlib cannot make a module of)
        raise StrategyError(Words("strategy.not_python", path=path), USAGE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        loader.exec_module(module)
    except SyntaxError as exc:
        del sys.modules[name]
        raise StrategyError(Words("strategy.syntax", path=path, line=exc.lineno or 0, column=exc.offset or 0,
                                  problem=exc.msg)) from None
    except Exception as exc:  # the author's code failed while loading: say where
        del sys.modules[name]
        raise StrategyError(Words("strategy.load_failed", where=_where(exc, path), error=_error(exc))) from None
    return module


def load_strategy(spec: str) -> Strategy:
    """The strategy ``spec`` (``path/to/file.py:NAME``) names, ready to play.

    NAME is a class in the file, made with no arguments, or an object; either
    way it needs ``decide`` and ``choose`` methods. Raises StrategyError (one
    line, naming the file and, for a failure in the author's code, its line):
    a spec not of the form ``FILE.py:NAME``, a missing or unreadable file, a
    syntax error, an exception while the file loads or NAME is made, no NAME in
    the file, or NAME lacking ``decide`` or ``choose``.
    """
    path, name = split_spec(spec)
    if not path.exists():
        raise StrategyError(Words("strategy.missing", path=path), USAGE)
    if not path.is_file():
        raise StrategyError(Words("strategy.not_a_file", path=path), USAGE)
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise StrategyError(Words("strategy.unreadable", path=path, problem=exc.strerror or exc), USAGE) from None
    module = _module(path)
    found = getattr(module, name, None)
    if found is None or isinstance(found, ModuleType):
        known = [n for n, v in vars(module).items() if not n.startswith("_") and _has_methods(v) and _made_in(v, module)]
        hint = suggestion(name, known) if known else ""
        offered = Words("strategy.found", names=", ".join(known)) if known else Words("strategy.found_none")
        raise StrategyError(Words("strategy.no_name", path=path, name=name, hint=hint, found=offered))
    if inspect.isclass(found):
        try:
            found = found()
        except Exception as exc:  # the author's __init__ failed: say where
            raise StrategyError(Words("strategy.make_failed", where=_where(exc, path), name=name,
                                      error=_error(exc))) from None
    lacking = [m for m in ("decide", "choose") if not callable(getattr(found, m, None))]
    if lacking:
        raise StrategyError(Words("strategy.not_a_strategy", path=path, name=name, missing=" & ".join(lacking)))
    return Strategy(name, spec, path, found)


def _made_in(value: object, module: ModuleType) -> bool:
    """Whether ``value`` is a class written in ``module`` or an object of one (not an imported name)."""
    cls = value if inspect.isclass(value) else type(value)
    return getattr(cls, "__module__", None) == module.__name__


def _has_methods(value: object) -> bool:
    return callable(getattr(value, "decide", None)) and callable(getattr(value, "choose", None))


def _takes_key(method: Callable[..., Any]) -> bool:
    """Whether ``decide`` takes the third argument ``key`` (a strategy may leave it out)."""
    try:
        params = list(inspect.signature(method).parameters.values())
    except (TypeError, ValueError):
        return True
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return True
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 3


def resolve_policy(policy: str | None, strategy: str | None) -> Policy:
    """The built-in ``policy`` or the strategy file ``strategy`` (exactly one is given).

    Raises StrategyError for a strategy that cannot be loaded, KeyError for an unknown policy."""
    if strategy is not None:
        return load_strategy(strategy)
    if policy is None:
        raise KeyError("give a policy or a strategy")
    return get_policy(policy)


class Strategy:
    """An author's strategy behind checks: it plays wherever a built-in policy plays.

    ``name`` is NAME; ``spec`` the text it was loaded from; ``path`` its file;
    ``recorded`` is ``FILE.py:NAME`` (the file's name without its folder), as a
    workshop session file records who played."""

    def __init__(self, name: str, spec: str, path: Path, impl: Any) -> None:
        self.name = name
        self.spec = spec
        self.path = path
        self.impl = impl
        self._key = _takes_key(impl.decide)

    @property
    def recorded(self) -> str:
        return f"{self.path.name}:{self.name}"

    def _failed(self, exc: Exception, method: str) -> StrategyError:
        return StrategyError(Words("strategy.failed", where=_where(exc, self.path), name=self.name, method=method,
                                   error=_error(exc)))

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        try:
            got = self.impl.decide(engine, state, key) if self._key else self.impl.decide(engine, state)
        except StrategyError:
            raise
        except Exception as exc:  # the author's code: report it at its line, not as a traceback
            raise self._failed(exc, "decide") from None
        return check_decisions(self.name, engine, state, got)

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        try:
            got = self.impl.choose(engine, state, event_index)
        except StrategyError:
            raise
        except Exception as exc:
            raise self._failed(exc, "choose") from None
        return check_choices(self.name, engine, state, event_index, got)


def _shape_of(value: object) -> str:
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple):
        return f"({', '.join(str(s) for s in shape)}{',' if len(shape) == 1 else ''})"
    return type(value).__name__


def check_decisions(name: str, engine: Engine, state: State, got: object) -> B:
    """What a strategy's ``decide`` returned, checked: an (R, O) bool array of options
    available now within the turn's leadership time (rows of ended games are ignored)."""
    runs, options = state.runs, len(engine.options)
    if not isinstance(got, np.ndarray) or got.shape != (runs, options):
        raise StrategyError(Words("strategy.decide_shape", name=name, got=_shape_of(got), runs=runs, options=options))
    if got.dtype != np.bool_:
        raise StrategyError(Words("strategy.decide_type", name=name, dtype=str(got.dtype)))
    playing = ~state.ended
    chosen: B = got & playing[:, None]
    wrong = chosen & ~engine.available(state)
    if wrong.any():
        run, index = (int(x[0]) for x in np.nonzero(wrong))
        raise StrategyError(Words("strategy.unavailable", name=name, turn=state.turn, run=run,
                                  option=_option(engine, index)))
    cost = np.array([o.cost for o in engine.options], dtype=np.int64)
    spent = (chosen * cost[None, :]).sum(axis=1) if options else np.zeros(runs, dtype=np.int64)
    over = np.flatnonzero(spent > engine.budget)
    if over.size:
        run = int(over[0])
        raise StrategyError(Words("strategy.over_budget", name=name, turn=state.turn, run=run,
                                  spent=int(spent[run]), budget=engine.budget))
    return chosen


def check_choices(name: str, engine: Engine, state: State, event_index: int, got: object) -> I64:
    """What a strategy's ``choose`` returned, checked: (R,) whole numbers, each a choice of
    the event where it is pending."""
    runs = state.runs
    if not isinstance(got, np.ndarray) or got.shape != (runs,):
        raise StrategyError(Words("strategy.choose_shape", name=name, got=_shape_of(got), runs=runs))
    if not np.issubdtype(got.dtype, np.integer):
        raise StrategyError(Words("strategy.choose_type", name=name, dtype=str(got.dtype)))
    count = int(engine.cs.event_choice_count[event_index])
    waiting = state.pending[:, event_index] & ~state.ended
    out: I64 = np.where(waiting, got, 0).astype(np.int64)
    wrong = np.flatnonzero(waiting & ((out < 0) | (out >= max(count, 1))))
    if wrong.size:
        run = int(wrong[0])
        raise StrategyError(Words("strategy.bad_choice", name=name, turn=state.turn, run=run,
                                  event=engine.events[event_index], value=int(out[run]), last=max(count - 1, 0)))
    return out


def _option(engine: Engine, index: int) -> str:
    option = engine.options[index]
    return f"{option.action} {option.target}" if option.target else option.action
