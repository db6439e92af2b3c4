"""Strategies written by authors (`--strategy FILE.py:NAME`): loading, checks, and every command that takes one."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from game.scenario import catalog, loader
from game.sim.batch import play_decisions, simulate
from game.sim.engine import Engine
from game.sim.strategy_file import Strategy, StrategyError, load_strategy, resolve_policy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "patient_then_push.py": "PatientThenPush",
    "tackle_blockers.py": "TackleBlockers",
}

# A strategy that plays exactly as the built-in balanced policy, through the public helpers.
BALANCED = """
from game.sim.policies import Balanced

class LikeBalanced:
    name = "ignored"

    def __init__(self):
        self.inner = Balanced()

    def decide(self, engine, state, key=0):
        return self.inner.decide(engine, state, key)

    def choose(self, engine, state, event_index):
        return self.inner.choose(engine, state, event_index)
"""

# Methods that each break one rule; ``BROKEN.format(decide=..., choose=...)``.
BROKEN = """
import numpy as np
from game.sim.policies import fill_budget

class Broken:
    def decide(self, engine, state):
        {decide}

    def choose(self, engine, state, event_index):
        {choose}
"""
FINE_DECIDE = "return fill_budget(engine, state, np.zeros((state.runs, len(engine.options))))"
FINE_CHOOSE = "return np.zeros(state.runs, dtype=np.int64)"


def write(tmp_path: Path, text: str, name: str = "mine.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def engine(name: str = "tutorial") -> Engine:
    return Engine(loader.load(catalog.resolve(name)))


def broken(tmp_path: Path, decide: str = FINE_DECIDE, choose: str = FINE_CHOOSE) -> Strategy:
    return load_strategy(f"{write(tmp_path, BROKEN.format(decide=decide, choose=choose))}:Broken")


def play(strategy: Strategy, scenario: str = "tutorial", seed: int = 0) -> None:
    play_decisions(engine(scenario), seed, [], strict=False, fallback=strategy)


# --------------------------------------------------------------------------
# Loading


def test_a_strategy_plays_exactly_as_the_policy_it_wraps(tmp_path: Path) -> None:
    spec = f"{write(tmp_path, BALANCED)}:LikeBalanced"
    strategy = load_strategy(spec)
    assert strategy.name == "LikeBalanced" and strategy.spec == spec and strategy.recorded == "mine.py:LikeBalanced"
    e = engine()
    mine, theirs = simulate(e, strategy, 60, seed=4), simulate(e, "balanced", 60, seed=4)
    assert np.array_equal(mine.score, theirs.score) and np.array_equal(mine.ending, theirs.ending)
    assert mine.policy == "LikeBalanced"


def test_loading_leaves_no_trace_on_the_path_or_beside_the_file(tmp_path: Path) -> None:
    before = list(sys.path)
    load_strategy(f"{write(tmp_path, BALANCED)}:LikeBalanced")
    assert sys.path == before
    assert not (tmp_path / "__pycache__").exists()


def test_an_object_in_the_file_is_taken_as_it_is(tmp_path: Path) -> None:
    path = write(tmp_path, BALANCED + "\nready_made = LikeBalanced()\n")
    assert isinstance(load_strategy(f"{path}:ready_made").impl, object)


def test_resolve_policy_takes_one_or_the_other(tmp_path: Path) -> None:
    assert resolve_policy("force", None).name == "force"
    assert resolve_policy(None, f"{write(tmp_path, BALANCED)}:LikeBalanced").name == "LikeBalanced"
    with pytest.raises(KeyError):
        resolve_policy("nobody", None)


@pytest.mark.parametrize(("spec", "message", "code"), [
    ("mine.py", "`mine.py` does not name a strategy: write FILE.py:NAME", 2),
    ("mine.py:", "does not name a strategy", 2),
    ("mine.py:2fast", "does not name a strategy", 2),
    ("mine.txt:Name", "mine.txt: a strategy file is a Python file whose name ends in .py", 2),
    ("nowhere/mine.py:Name", "nowhere/mine.py: no such strategy file", 2),
])
def test_a_spec_that_names_no_file_is_a_usage_error(spec: str, message: str, code: int) -> None:
    with pytest.raises(StrategyError) as caught:
        load_strategy(spec)
    assert message in str(caught.value) and caught.value.code == code
    assert "\n" not in str(caught.value)


def test_a_folder_is_not_a_strategy_file(tmp_path: Path) -> None:
    (tmp_path / "odd.py").mkdir()
    with pytest.raises(StrategyError, match="this is a folder, not a strategy file"):
        load_strategy(f"{tmp_path / 'odd.py'}:Name")


def test_a_syntax_error_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "class Mine:\n    def decide(self engine):\n        pass\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(f"{path}:Mine")
    text = str(caught.value)
    assert text.startswith(f"{path}:2:") and "the strategy file is not valid Python" in text
    assert caught.value.code == 1


def test_an_error_while_loading_names_the_authors_line(tmp_path: Path) -> None:
    path = write(tmp_path, "import numpy\n\nLIMIT = 1 / 0\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(f"{path}:Mine")
    assert str(caught.value) == (f"{path}:3: error: the strategy file failed while loading: "
                                 "ZeroDivisionError: division by zero")


def test_a_missing_name_offers_the_strategies_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, BALANCED)
    with pytest.raises(StrategyError) as caught:
        load_strategy(f"{path}:LikeBalance")
    assert str(caught.value) == (f"{path}: there is no `LikeBalance` in this file (did you mean `LikeBalanced`?); "
                                 "strategies found: LikeBalanced")
    empty = write(tmp_path, "X = 1\n", "empty.py")
    with pytest.raises(StrategyError, match="it holds no class or object with decide and choose methods"):
        load_strategy(f"{empty}:Mine")


def test_a_name_without_the_methods_is_not_a_strategy(tmp_path: Path) -> None:
    path = write(tmp_path, "class Half:\n    def decide(self, engine, state):\n        return None\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(f"{path}:Half")
    assert str(caught.value) == (f"{path}: `Half` is not a strategy: it lacks choose "
                                 "(a strategy has the methods decide and choose)")


def test_a_class_that_cannot_be_made_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, BALANCED.replace("self.inner = Balanced()", "self.inner = Balanced(7)"))
    with pytest.raises(StrategyError) as caught:
        load_strategy(f"{path}:LikeBalanced")
    assert str(caught.value).startswith(f"{path}:8: error: making the strategy `LikeBalanced` (with no arguments) "
                                        "failed: TypeError")


def test_errors_are_said_in_french(tmp_path: Path) -> None:
    with pytest.raises(StrategyError) as caught:
        load_strategy(f"{tmp_path / 'absent.py'}:Name")
    assert caught.value.say("fr") == f"{tmp_path / 'absent.py'} : ce fichier de stratégie n'existe pas"


# --------------------------------------------------------------------------
# What a strategy returns is checked


@pytest.mark.parametrize(("decide", "message"), [
    ("return np.zeros(len(engine.options), dtype=bool)",
     "strategy `Broken`: decide returned (10,); it must return a boolean array of shape (1, 10)"),
    ("return [[True]]", "strategy `Broken`: decide returned list; it must return a boolean array of shape (1, 10)"),
    ("return np.zeros((state.runs, len(engine.options)), dtype=np.int64)",
     "strategy `Broken`: decide returned an array of int64; it must hold booleans"),
    ("off = ~engine.available(state); return off & (np.cumsum(off, axis=1) == 1)",
     "strategy `Broken`, turn 1: decide took `tackle_resister hospital_board` in run 0, which is not available then"),
    ("return engine.available(state)",
     "strategy `Broken`, turn 1: decide spent 11 leadership time in run 0; a turn has 2"),
])
def test_an_illegal_decision_names_the_strategy(tmp_path: Path, decide: str, message: str) -> None:
    with pytest.raises(StrategyError) as caught:
        play(broken(tmp_path, decide=decide))
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("choose", "message"), [
    ("return 0", "strategy `Broken`: choose returned int; it must return an array of whole numbers of shape (1,)"),
    ("return np.zeros(state.runs)", "strategy `Broken`: choose returned an array of float64; it must hold whole numbers"),
    ("return np.full(state.runs, 3)",
     "strategy `Broken`, turn 2: choose answered event `consultant_letter` with 3 in run 0; its choices are 0 to 2"),
])
def test_an_illegal_answer_names_the_strategy(tmp_path: Path, choose: str, message: str) -> None:
    with pytest.raises(StrategyError) as caught:
        # Seed 1: the consultants' letter arrives in turn 2 when nothing is done.
        play(broken(tmp_path, decide="return np.zeros((state.runs, len(engine.options)), dtype=bool)",
                    choose=choose), seed=_letter_seed())
    assert str(caught.value).startswith(message.replace("turn 2", f"turn {_letter_turn()}"))


def _letter_run() -> tuple[int, int]:
    """A seed where the letter comes when nothing is done, and its turn."""
    e = engine()
    for seed in range(200):
        traj = play_decisions(e, seed, [[]] * e.turns, [{"consultant_letter": 0}] * e.turns, strict=False)
        for frame in traj.turns:
            if "consultant_letter" in frame.fired:
                return seed, frame.turn
    raise AssertionError("the letter never comes")


def _letter_seed() -> int:
    return _letter_run()[0]


def _letter_turn() -> int:
    return _letter_run()[1]


def test_an_exception_in_the_authors_code_is_one_line_at_its_place(tmp_path: Path) -> None:
    strategy = broken(tmp_path, decide="return engine.no_such_thing")
    with pytest.raises(StrategyError) as caught:
        play(strategy)
    assert str(caught.value).startswith(f"{strategy.path}:7: error: the strategy `Broken` failed in decide: "
                                        "AttributeError:")


# --------------------------------------------------------------------------
# The commands


@pytest.mark.parametrize("scenario", ["tutorial", "system_reform"])
@pytest.mark.parametrize("file", sorted(EXAMPLES))
def test_the_example_strategies_play_through_the_cli(scenario: str, file: str) -> None:
    spec = f"docs/strategies/{file}:{EXAMPLES[file]}"
    out = subprocess.run([sys.executable, "-m", "game", "run", scenario, "--strategy", spec, "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["policy"] == spec and data["scenario"] == scenario
    assert data["outcome"] in ("success", "partial", "failure") and data["decisions"]
    assert not (ROOT / "docs" / "strategies" / "__pycache__").exists()


def test_run_names_the_strategy_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    spec = "docs/strategies/tackle_blockers.py:TackleBlockers"
    assert main(["run", "tutorial", "--strategy", str(ROOT / spec.split(":")[0]) + ":TackleBlockers",
                 "--lang", "en"]) == 0
    assert "First hundred days: strategy TackleBlockers from " in capsys.readouterr().out


def test_run_takes_a_policy_or_a_strategy_never_both(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["run", "tutorial", "--policy", "force", "--strategy", "x.py:X"])
    assert caught.value.code == 2 and "not allowed with argument" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["run", "tutorial"])
    assert "one of the arguments --policy --strategy is required" in capsys.readouterr().err


def test_a_broken_strategy_fails_run_without_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN.format(decide="return np.ones((state.runs, 1), dtype=bool)", choose=FINE_CHOOSE))
    out = subprocess.run([sys.executable, "-m", "game", "run", "tutorial", "--strategy", f"{path}:Broken",
                          "--lang", "fr"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("stratégie `Broken` : decide a renvoyé (1, 1) ; il doit renvoyer un tableau")
    out = subprocess.run([sys.executable, "-m", "game", "run", "tutorial", "--strategy", "absent.py:X"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2 and out.stderr == "absent.py: no such strategy file\n"


def test_balance_plays_strategies_beside_the_policies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = f"{write(tmp_path, BALANCED)}:LikeBalanced"
    assert main(["balance", "tutorial", "--runs", "40", "--policies", "balanced", "--strategy", spec, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["policies"]) == ["balanced", spec]
    assert data["policies"]["balanced"] == data["policies"][spec]
    assert main(["balance", "tutorial", "--runs", "40", "--strategy", "absent.py:X"]) == 2
    assert capsys.readouterr().err == "absent.py: no such strategy file\n"


def test_balance_gives_the_same_numbers_in_worker_processes(tmp_path: Path) -> None:
    from game.analysis.balance import balance

    spec = f"{write(tmp_path, BALANCED)}:LikeBalanced"
    scenario = loader.load(catalog.resolve("tutorial"))
    here = balance(scenario, ["partner", spec], 60, 3, workers=0, chunk=20)
    there = balance(scenario, ["partner", spec], 60, 3, workers=2, chunk=20)
    assert here.policies[spec] == there.policies[spec]


def test_a_strategy_breaking_the_rules_in_a_worker_is_reported(tmp_path: Path) -> None:
    from game.analysis.balance import balance

    strategy = broken(tmp_path, decide="return engine.available(state)")
    scenario = loader.load(catalog.resolve("tutorial"))
    with pytest.raises(StrategyError, match="decide spent"):
        balance(scenario, [strategy.spec], 40, 0, workers=2, chunk=20)


def test_workshop_fill_records_the_strategy_and_the_report_takes_it(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from game.workshop.create import NewWorkshop, create
    from game.workshop.files import read_session
    from game.workshop.report import write as write_report

    w = create(NewWorkshop(tmp_path / "ws", "tutorial", ["Red", "Blue"], seed=5))
    spec = f"{ROOT / 'docs' / 'strategies' / 'patient_then_push.py'}:PatientThenPush"
    assert main(["workshop", "fill", str(w.folder), "--team", "Red", "--strategy", spec, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Red: played by the strategy PatientThenPush from ")
    saved = read_session(w.session_path("Red"))
    assert saved.policy == "patient_then_push.py:PatientThenPush" and saved.status == "ended"
    # The log replays to the same game as the strategy played.
    traj = play_decisions(engine(), 5, [], strict=False, fallback=load_strategy(spec))
    assert saved.ending == traj.ending and saved.score == pytest.approx(traj.score, abs=1e-6)
    _html, _csv, report = write_report(w)
    assert [t.team for t in report.teams] == ["Red"] and not report.collected.skipped


def test_workshop_fill_with_a_broken_strategy_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.workshop.create import NewWorkshop, create

    w = create(NewWorkshop(tmp_path / "ws", "tutorial", ["Red"], seed=5))
    path = write(tmp_path, BROKEN.format(decide="return engine.available(state)", choose=FINE_CHOOSE))
    assert main(["workshop", "fill", str(w.folder), "--team", "Red", "--strategy", f"{path}:Broken"]) == 1
    assert "decide spent" in capsys.readouterr().err
    assert not w.session_path("Red").exists()


def test_the_guides_example_strategy_plays(tmp_path: Path) -> None:
    import re

    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    chapter = guide[guide.index("## Writing your own strategy"):guide.index("<!-- reference:start -->")]
    code = re.search(r"```python\n(.*?)```", chapter, flags=re.S)
    assert code is not None
    strategy = load_strategy(f"{write(tmp_path, code.group(1), 'cautious.py')}:Cautious")
    e = engine("system_reform")
    traj = play_decisions(e, 0, [], strict=False, fallback=strategy)
    assert traj.ending is not None
    pushes = {o.action for o in e.options if o.stance == "push"}
    assert not any(d.action in pushes for frame in traj.turns for d in frame.decisions)
    # The guide's example of a rule broken is worded as the game words it.
    shown = re.search(r"```text\n(.*?)\n```", chapter, flags=re.S)
    assert shown is not None
    from game.i18n.words import Words

    said = Words("strategy.over_budget", name="Cautious", turn=3, run=0, spent=4, budget=3).say("en")
    assert shown.group(1) == said
