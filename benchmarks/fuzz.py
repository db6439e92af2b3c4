"""Fuzz every parser that reads files from strangers, each for a time budget.

Targets (hypothesis generates the inputs; each input must give either a
result or the parser's own error, never any other exception, and never take
more than a few seconds):

* ``scenario``: scenario files (``loader.validate_bytes``): a valid scenario
  damaged structurally, damaged byte by byte, or with YAML's dangerous
  features spliced in. A damaged file that still validates must also build an
  engine and play three turns under the random policy: the loader's promise is
  that whatever it accepts, the simulation can run.
* ``expression``: the expression compiler (``expressions.compile_expression``)
  on grammar-shaped token soup and on arbitrary text; whatever compiles must
  evaluate on a batch of runs without raising.
* ``save``: save files (``saves.parse_save``), mutated from a real save; a
  save that parses must replay (``persistence.replay``) or be refused with a
  ``SaveError``.
* ``workshop``: ``workshop.yaml`` (``config.check_text``), mutated from one
  that ``shove workshop new`` wrote.
* ``session``: team session files (``files.parse_session``), mutated from a
  real one; one that parses must go through the report's check
  (``results.check_team``) or be refused with a ``SessionFileError``.

    .venv/bin/python benchmarks/fuzz.py [--seconds 60] [--only scenario,save]

Prints, per target, the inputs run, the slowest one, and every crash found
(hypothesis's shrunk example). Exit code 1 when anything crashed. The tests
(tests/test_hardening_fuzz.py) run a few seconds of the same strategies.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import HypothesisException  # noqa: E402

from tests.strategies import paths_in  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yaml"
SLOW_S = 5.0  # an input that takes longer than this is reported as a finding

# --------------------------------------------------------------------------
# Shared mutation of plain data (JSON or YAML)

EXTREME_NUMBERS = [0, -1, 1, 2**31, 2**63, 2**64, -(2**63) - 1, 10**30, 1e308, -1e308, 5e-324, -0.0, 0.5, 59, 60, 61]
SPECIAL_TEXT = ["", " ", "x" * 5000, "trust.nobody > 1", "__import__('os').system('true')", "../../etc/passwd",
                "/dev/zero", "CON", "a\u0000b", "\u202eevil", "\ud7ff", "😀", "ש", "ب", "=1+1", "<script>x</script>",
                "NaN", "Infinity", "yes", "~", "target", "all", "engage", "acute_trust", "winter_pressure"]


def junk_values() -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        st.none(), st.booleans(), st.sampled_from(EXTREME_NUMBERS), st.integers(-100, 100),
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(SPECIAL_TEXT),
        st.text(max_size=20),
    )
    return st.recursive(leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                        max_leaves=8)


@st.composite
def mutated(draw: st.DrawFn, base: Any, max_mutations: int = 5) -> Any:
    """``base`` with one to ``max_mutations`` random changes: delete, replace, insert, duplicate, rename, nest."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, max_mutations))):
        paths = paths_in(data)
        if not paths:
            return draw(junk_values())
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        step = path[-1]
        op = draw(st.sampled_from(["delete", "replace", "replace", "insert", "duplicate", "rename", "nest"]))
        if op == "delete":
            del parent[step]
        elif op == "replace":
            parent[step] = draw(junk_values())
        elif op == "insert":
            target = parent[step]
            if isinstance(target, dict):
                target[draw(st.text(max_size=10))] = draw(junk_values())
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(junk_values()))
            else:
                parent[step] = [target, draw(junk_values())]
        elif op == "duplicate":
            if isinstance(parent, list):
                parent.extend(copy.deepcopy(parent[step]) for _ in range(draw(st.integers(1, 70))))
            else:
                parent[step] = [copy.deepcopy(parent[step])] * 2
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = parent.pop(step)
        elif op == "nest":
            value = parent[step]
            for _ in range(draw(st.integers(1, 80))):
                value = [value]
            parent[step] = value
    return data


@st.composite
def byte_damage(draw: st.DrawFn, raw: bytes, splices: list[bytes]) -> bytes:
    """``raw`` with bytes flipped, cut short, spliced with hostile fragments, or repeated."""
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "splice", "splice", "repeat", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:]
        elif op == "splice":
            data[at:at] = draw(st.sampled_from(splices))
        elif op == "repeat":
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end] * draw(st.integers(1, 50))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


YAML_SPLICES = [
    b"&a [*a]", b"&b x\n", b"*b", b"*undefined", b"!!python/object/apply:os.system ['true']", b"!!binary aGk=",
    b"!include ../../etc/passwd", b"<<: *b\n", b"? [a, b]\n: c\n", b"\t", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
    b"%YAML 1.1\n---\n", b"\n---\n", b"[" * 100, b"{" * 100, b"- " * 80, b"'unterminated", b'"\\x', b": :",
    b"1e999", b".nan", b"0x7fffffffffffffffffff", b"2001-12-14t21:59:43.10-05:00", b"!!float 1e400",
    b"\xe2\x80\xae", b"\xed\xa0\x80", b"~: ~\n", b"&x " + b"[*x, *x, *x]" * 3,
]
JSON_SPLICES = [b"[" * 5000, b"{" * 300, b"\x00", b"NaN", b"Infinity", b"-Infinity", b"1e999", b"\"\\ud800\"",
                b"\xff", b"\xef\xbb\xbf", b",", b"}", b"]", b"\"format\": \"push-comes-to-shove/save\",", b"9" * 5000]


# --------------------------------------------------------------------------
# Real files to start from (made once per process in a temporary folder)


@cache
def workspace() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="shove-fuzz-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ.setdefault(var, str(folder / var.lower()))
    return folder


@cache
def fixture_scenario() -> Any:
    from game.scenario.loader import load

    return load(FIXTURE)


@cache
def real_save() -> dict[str, Any]:
    """A save of the fixture scenario after a few turns with events answered."""
    from game.session import Session
    from game.session.persistence import to_save_file

    session = Session.new(fixture_scenario(), 11, FIXTURE, autosave=False)
    for _ in range(6):
        if session.is_over:
            break
        session.play_turn(session.suggest("random"))
        while session.pending_event() is not None:
            session.choose(session.suggest_choice("random"))
    data: dict[str, Any] = to_save_file(session).model_dump(mode="json")
    return data


@cache
def real_workshop() -> tuple[Path, str]:
    """A workshop folder for the fixture scenario, and the text of its workshop.yaml."""
    from game.workshop.create import NewWorkshop, create

    folder = workspace() / "workshop"
    if not (folder / "workshop.yaml").exists():
        create(NewWorkshop(folder=folder, scenario=str(FIXTURE), teams=("Red", "Blue"), seed=4, predict=True,
                           injects=(("winter_pressure", 3),)))
    return folder, (folder / "workshop.yaml").read_text(encoding="utf-8")


@cache
def real_session() -> dict[str, Any]:
    from game.workshop.config import load_workshop
    from game.workshop.seat import TeamSeat

    folder, _ = real_workshop()
    seat = TeamSeat.open(load_workshop(folder), "Red")
    for _ in range(5):
        if seat.session.is_over:
            break
        if seat.prediction_due():
            seat.predict("up")
        seat.play_turn(seat.session.suggest("balanced"))
        while seat.session.pending_event() is not None:
            seat.choose(0)
    data: dict[str, Any] = seat.to_file().model_dump(mode="json")
    return data


# --------------------------------------------------------------------------
# Targets: a strategy and a check that raises only on a real crash


class Crash(Exception):
    """An input made a parser fail in a way it promises not to."""


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", errors="surrogatepass")


def scenario_inputs() -> st.SearchStrategy[bytes]:
    raw = FIXTURE.read_bytes()
    data = yaml.safe_load(raw)
    structural = mutated(data).map(
        lambda d: yaml.safe_dump(d, sort_keys=False, allow_unicode=True, width=100).encode("utf-8", "surrogatepass"))
    builtin = [p.read_bytes() for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    return st.one_of(structural, structural, byte_damage(raw, YAML_SPLICES),
                     st.sampled_from(builtin).flatmap(lambda b: byte_damage(b, YAML_SPLICES)),
                     st.binary(max_size=200))


def check_scenario(raw: bytes) -> str:
    from game.scenario.loader import validate_bytes
    from game.sim.engine import Engine
    from game.sim.policies import get_policy

    result = validate_bytes(raw, "fuzz.yaml")
    for problem in result.problems:
        if problem.line < 0 or problem.column < 0 or not problem.message:
            raise Crash(f"a problem without a usable position or message: {problem!r}")
    if result.scenario is None:
        return "refused"
    engine = Engine(result.scenario)
    state = engine.start(np.arange(4, dtype=np.uint64))
    policy = get_policy("random")
    for _ in range(3):
        chosen = policy.decide(engine, state)
        engine.resolve_turn(state, chosen)
        for e in range(len(result.scenario.events)):
            if state.pending[:, e].any():
                engine.apply_choice(state, e, policy.choose(engine, state, e))
        engine.end_turn(state)
    score = engine.score(state)
    if not np.all(np.isfinite(score)):
        raise Crash(f"an accepted scenario gave a score that is not a number: {score}")
    return "accepted and played"


TOKENS = ["trust", "support", "grievance", "blocked", "power", "interest", "turn", "turns", "progress", "metric",
          "flag", ".", "acute_trust", "council", "integration", "access", "target", "x", "mean", "wmean", "min",
          "max", "count", "abs", "clip", "(", ")", ",", "+", "-", "*", "/", "**", "%", "<", "<=", ">", ">=", "==",
          "!=", "and", "or", "not", "0", "1", "0.5", "1e308", "1e999", "9" * 400, "-", "true", "false", "__class__",
          "__import__", "lambda", ":", "[", "]", "'s'", "if", "else", "for", "in", "@", "=", "&&", "||", "\n", " ",
          "\t", "é", "ш", "\u202e", "\\", "#", "`"]


def expression_inputs() -> st.SearchStrategy[str]:
    from tests.strategies import expressions, junk_text

    soup = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map(" ".join)
    tight = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map("".join)
    return st.one_of(soup, tight, junk_text, expressions(("acute_trust", "council", "gp_federation")),
                     st.integers(1, 60).map(lambda n: "(" * n + "1" + ")" * n),
                     st.integers(1, 400).map(lambda n: " + ".join(["trust.council"] * n)))


class _Env:
    """Quantities for some runs and four stakeholders."""

    def __init__(self, runs: int) -> None:
        rng = np.random.default_rng(0)
        self.runs = runs
        self.values = rng.random((runs, 4))

    def scalar(self, name: str) -> Any:
        return np.full(self.runs, 5.0)

    def column(self, namespace: str, key: str) -> Any:
        return self.values[:, 0]

    def vector(self, namespace: str) -> Any:
        return self.values

    def power(self) -> Any:
        return np.array([0.8, 0.5, 0.6, 0.4])


def check_expression(text: str) -> str:
    from game.scenario.expression_compiler import compile_expression
    from game.scenario.expressions import ExpressionError, Names

    outcomes = []
    for each in (False, True):
        names = Names(("acute_trust", "council", "gp_federation", "clinicians"), ("integration",), ("access",),
                      "stakeholder", each)
        try:
            compiled = compile_expression(text, names)
        except ExpressionError as exc:
            if not 0 <= exc.offset <= len(text) + 1:
                raise Crash(f"offset {exc.offset} lies outside the text (length {len(text)})") from None
            outcomes.append("refused")
            continue
        # A `where` filter mixing per-run values (mean(trust), turn) with per-stakeholder ones is
        # evaluated one run at a time by the simulation (sim.env.mixes_runs_and_stakeholders); so here.
        runs = 1 if each else 3
        with np.errstate(all="ignore"):
            value = np.asarray(compiled(_Env(runs)))  # type: ignore[arg-type]
        if value.ndim > 2 or (value.ndim >= 1 and value.shape[0] not in (1, runs)):
            raise Crash(f"evaluation gave an array of shape {value.shape}")
        outcomes.append("compiled")
    return "/".join(outcomes)


def save_inputs() -> st.SearchStrategy[bytes]:
    base = real_save()
    as_json = mutated(base).map(_json_bytes)
    log_only = mutated(base["log"], 3).map(lambda log: _json_bytes({**base, "log": log}))
    return st.one_of(as_json, log_only, log_only, byte_damage(_json_bytes(base), JSON_SPLICES), st.binary(max_size=100))


def check_save(raw: bytes) -> str:
    from game.session.persistence import replay
    from game.session.saves import SaveError, parse_save

    try:
        save = parse_save(raw, "fuzz.json")
    except SaveError as exc:
        if "fuzz.json" not in str(exc):
            raise Crash(f"a save error that does not name the file: {exc}") from None
        return "refused"
    try:
        replay(save, fixture_scenario(), FIXTURE, Path("fuzz.json"))
    except SaveError:
        return "parsed, replay refused"
    return "parsed and replayed"


def workshop_inputs() -> st.SearchStrategy[str]:
    _, text = real_workshop()
    data = yaml.safe_load(text)
    structural = mutated(data).map(lambda d: yaml.safe_dump(d, sort_keys=False, allow_unicode=True))
    damaged = byte_damage(text.encode("utf-8"), YAML_SPLICES).map(lambda b: b.decode("utf-8", errors="replace"))
    return st.one_of(structural, structural, damaged)


def check_workshop(text: str) -> str:
    from game.workshop.config import check_text
    from game.workshop.problems import WorkshopError

    folder, _ = real_workshop()
    try:
        check_text(text, str(folder / "workshop.yaml"), folder)
    except WorkshopError as exc:
        for problem in exc.problems:
            if problem.line < 0 or not problem.message:
                raise Crash(f"a workshop problem without a position or message: {problem!r}") from None
        return "refused"
    return "accepted"


def session_inputs() -> st.SearchStrategy[bytes]:
    base = real_session()
    return st.one_of(mutated(base).map(_json_bytes),
                     mutated(base["log"], 3).map(lambda log: _json_bytes({**base, "log": log})),
                     byte_damage(_json_bytes(base), JSON_SPLICES))


def check_session(raw: bytes) -> str:
    from game.workshop.files import SessionFileError, parse_session
    from game.workshop.results import check_team

    try:
        parse_session(raw, "Red.json")
    except SessionFileError:
        return "refused"
    folder, _ = real_workshop()
    path = workspace() / "fuzzed-sessions" / "Red.json"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    try:
        check_team(_workshop(folder), path)
    except SessionFileError:
        return "parsed, check refused"
    return "parsed and checked"


@cache
def _workshop(folder: Path) -> Any:
    from game.workshop.config import load_workshop

    return load_workshop(folder)


@dataclass
class Target:
    name: str
    inputs: Callable[[], st.SearchStrategy[Any]]
    check: Callable[[Any], str]


TARGETS = [
    Target("scenario", scenario_inputs, check_scenario),
    Target("expression", expression_inputs, check_expression),
    Target("save", save_inputs, check_save),
    Target("workshop", workshop_inputs, check_workshop),
    Target("session", session_inputs, check_session),
]


# --------------------------------------------------------------------------
# The campaign


@dataclass
class Tally:
    runs: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    slowest: float = 0.0
    crashes: list[str] = field(default_factory=list)


def checked(target: Target, tally: Tally) -> Callable[[Any], None]:
    """The target's check, counting outcomes; raises on a crash or a slow input."""

    def run(value: Any) -> None:
        started = time.perf_counter()
        try:
            outcome = target.check(value)
        except Crash:
            raise
        except Exception as exc:
            raise Crash(f"{type(exc).__name__}: {exc}") from exc
        elapsed = time.perf_counter() - started
        tally.runs += 1
        tally.slowest = max(tally.slowest, elapsed)
        tally.outcomes[outcome] = tally.outcomes.get(outcome, 0) + 1
        if elapsed > SLOW_S:
            raise Crash(f"took {elapsed:.1f} s (more than {SLOW_S:.0f} s)")

    return run


def campaign(target: Target, seconds: float, batch: int = 100) -> Tally:
    """Run hypothesis on one target in batches until ``seconds`` have passed."""
    tally = Tally()
    strategy = target.inputs()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        @settings(max_examples=batch, deadline=None, database=None, derandomize=False, report_multiple_bugs=False,
                  phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
        @given(strategy)
        def one(value: Any) -> None:
            checked(target, tally)(value)

        try:
            one()
        except Crash as exc:
            message = str(exc)
            if message not in tally.crashes:
                tally.crashes.append(message)
        except HypothesisException as exc:  # e.g. unsatisfiable: move on
            tally.crashes.append(f"hypothesis: {exc}")
            break
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget per target")
    parser.add_argument("--only", default="", help="comma-separated target names")
    options = parser.parse_args()
    workspace()
    chosen = [t for t in TARGETS if not options.only or t.name in options.only.split(",")]
    total_crashes = 0
    print(f"{'target':<11} {'inputs':>8} {'per s':>7} {'slowest':>8}  crashes  outcomes")
    for target in chosen:
        started = time.perf_counter()
        tally = campaign(target, options.seconds)
        elapsed = time.perf_counter() - started
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(tally.outcomes.items()))
        print(f"{target.name:<11} {tally.runs:>8} {tally.runs / elapsed:>7.0f} {tally.slowest * 1000:>6.0f}ms"
              f"  {len(tally.crashes):>7}  {outcomes}", flush=True)
        for crash in tally.crashes:
            print(f"    crash: {crash[:2000]}")
        total_crashes += len(tally.crashes)
    return 1 if total_crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
