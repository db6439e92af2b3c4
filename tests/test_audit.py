"""The dilemma audit finds what breaks a scenario: planted flaws are flagged,
a small genuine dilemma is not, and the report keeps to its JSON contract."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from game.analysis.audit import AuditReport, AuditSettings, audit, retreats
from game.analysis.audit_text import warnings_of
from game.analysis.rule_search import SearchSettings, evaluate
from game.analysis.rule_words import describe_rule
from game.scenario.schema import Scenario
from game.sim import random as rnd
from game.sim.batch import play_seeds
from game.sim.engine import Engine
from game.sim.simple_rules import SimpleRules, book_of, built_in_shapes

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "audit" / "dilemma.yaml"
ROOT = Path(__file__).resolve().parent.parent

# Small but enough to see planted flaws; every figure is seeded.
FAST = AuditSettings(
    runs=300, search=SearchSettings(population=16, generations=5, games=60), expert_games=40, rollouts=6,
    event_games=120, firings_per_event=80, exploit_games=150,
)


def dilemma() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return data


def build(doc: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(copy.deepcopy(doc))


@pytest.fixture(scope="module")
def genuine() -> AuditReport:
    return audit(build(dilemma()), FAST)


def flags(report: AuditReport) -> dict[str, list[str]]:
    found = {e.id: e.flags for e in report.events if e.flags}
    found.update({a.id: a.flags for a in report.actions if a.flags})
    return found


def test_a_genuine_dilemma_is_not_flagged(genuine: AuditReport) -> None:
    assert flags(genuine) == {}
    crisis = next(e for e in genuine.events if e.id == "crisis")
    # Each answer of the crisis is the right one somewhere.
    assert min(crisis.best_share.values()) > 0.1
    force = next(a for a in genuine.actions if a.id == "force")
    assert force.best_share > 0.2


@pytest.mark.parametrize("deliberate", [False, True])
def test_a_planted_dominant_answer_is_flagged(deliberate: bool) -> None:
    doc = dilemma()
    doc["events"].append({
        "id": "grant", "title": "A grant", "text": "Money is offered.", "when": "turn >= 2", "probability": 0.5,
        "once": False, "deliberate": deliberate,
        "choices": [
            {"id": "take", "text": "Take it.", "stance": "partner",
             "effects": [{"progress": {"programme": "merger", "by": 0.15}}]},
            {"id": "decline", "text": "Decline it.", "stance": "push", "effects": []},
        ],
    })
    report = audit(build(doc), FAST)
    grant = next(e for e in report.events if e.id == "grant")
    assert grant.best_share["take"] > 0.8
    if deliberate:
        # Marked clear-cut by the author: reported, not counted, nothing to act on.
        assert "deliberate_answer" in grant.flags and "dominant_answer" not in grant.flags
        assert report.quantity("dominant_event_answers") == 0
        assert not any("`grant`" in w for w in warnings_of(report))
    else:
        assert "dominant_answer" in grant.flags
        assert report.quantity("dominant_event_answers") == 1
        assert any("`grant`" in w and "`take`" in w for w in warnings_of(report))


def test_a_planted_useless_action_is_flagged() -> None:
    doc = dilemma()
    doc["actions"].append({"id": "idle_talk", "name": "Talk about talking", "stance": "partner", "effects": []})
    report = audit(build(doc), FAST)
    idle = next(a for a in report.actions if a.id == "idle_talk")
    assert "never_best" in idle.flags
    assert idle.regret > 0
    assert "never_best" not in next(a for a in report.actions if a.id == "engage").flags


def test_an_action_allowed_once_a_game_is_judged_by_games() -> None:
    doc = dilemma()
    doc["actions"] += [
        {"id": "rally", "name": "Rally everyone once", "stance": "partner", "available": "flag.rallied == 0",
         "effects": [{"trust": {"who": "all", "by": 0.3}}, {"support": {"who": "all", "by": 0.2}},
                     {"flag": {"id": "rallied", "by": 1}}]},
        {"id": "shrug", "name": "Shrug once", "stance": "neutral", "available": "flag.shrugged == 0",
         "effects": [{"flag": {"id": "shrugged", "to": 1}}]},
    ]
    report = audit(build(doc), FAST)
    rally = next(a for a in report.actions if a.id == "rally")
    shrug = next(a for a in report.actions if a.id == "shrug")
    assert rally.once and shrug.once
    assert not next(a for a in report.actions if a.id == "engage").once
    # Taken once, a move can be best only in the states before it: its games tell.
    assert rally.best_game_share >= rally.best_share
    assert rally.best_game_share >= 0.05 and "never_best" not in rally.flags
    assert "never_best" in shrug.flags
    assert any("`shrug`" in w and "once a game" in w for w in warnings_of(report))
    data = report.to_json("", [])["actions"]
    assert data["rally"]["once_per_game"] is True and data["rally"]["best_game_share"] == rally.best_game_share


def test_a_planted_exploit_is_flagged() -> None:
    doc = dilemma()
    doc["actions"].append({
        "id": "reset", "name": "Start again", "stance": "neutral", "target": "programme",
        "available": "flag.reset == 0",
        "effects": [
            {"progress": {"programme": "target", "to": 0.0}},
            {"trust": {"who": "all", "by": 0.3}},
            {"support": {"who": "all", "by": 0.3}},
            {"flag": {"id": "reset", "to": 1}},
        ],
    })
    scenario = build(doc)
    assert retreats(scenario) == ["reset"]
    report = audit(scenario, FAST)
    reset = next(a for a in report.actions if a.id == "reset")
    assert "exploit" in reset.flags
    assert reset.exploit_gain is not None and reset.exploit_gain > 0.05


def test_a_planted_fake_choice_and_a_silent_event_are_flagged() -> None:
    doc = dilemma()
    doc["events"] += [
        {"id": "memo", "title": "A memo", "text": "A memo arrives.", "when": "turn >= 2", "probability": 0.5,
         "once": False,
         "choices": [
             {"id": "file", "text": "File it.", "stance": "neutral", "effects": []},
             {"id": "shred", "text": "Shred it.", "stance": "push", "effects": []},
         ]},
        {"id": "never", "title": "Never", "text": "Cannot happen.", "when": "trust.board > 2",
         "choices": [{"id": "ok", "text": "OK.", "effects": []}]},
    ]
    report = audit(build(doc), FAST)
    by_id = {e.id: e for e in report.events}
    assert "fake_choice" in by_id["memo"].flags
    assert by_id["memo"].change_rate == 0.0
    assert "never_fires" in by_id["never"].flags
    assert by_id["never"].firings == 0


def test_the_audit_is_the_same_for_the_same_seed(genuine: AuditReport) -> None:
    again = audit(build(dilemma()), FAST)
    first = genuine.to_json("", [])
    second = again.to_json("", [])
    first.pop("elapsed_s"), second.pop("elapsed_s")
    assert first == second


def test_the_best_simple_rule_is_measured_on_fresh_games(genuine: AuditReport) -> None:
    engine = Engine(build(dilemma()))
    seeds = rnd.run_seeds(12345, 300)
    success, _ = evaluate(engine, genuine.best_simple.book, seeds)
    # Its success elsewhere agrees with the report, within the noise of 300 games.
    assert abs(success[0] - genuine.best_simple.success.estimate) < 0.12
    # The built-in shapes it started from are no better than what it found (same games).
    shapes = evaluate(engine, book_of(engine, built_in_shapes(engine)), seeds)[0]
    assert success[0] >= shapes.max() - 0.05


def test_a_rule_in_one_batch_plays_as_it_would_alone() -> None:
    engine = Engine(build(dilemma()))
    book = book_of(engine, built_in_shapes(engine))
    seeds = rnd.run_seeds(7, 50)
    together, scores = evaluate(engine, book, seeds)
    for i in range(book.runs):
        alone = play_seeds(engine, SimpleRules(engine, book.rule(i)), seeds)
        assert together[i] == (alone.outcome == 0).mean()
        assert scores[i] == pytest.approx(alone.score.mean())


def test_rule_words_name_the_actions_and_the_switch() -> None:
    engine = Engine(build(dilemma()))
    book = book_of(engine, [{"switch_turn": 4, "partner": (1.0, 0.5), "push": (-1.0, 1.5), "answer": "partner"}])
    words = describe_rule(engine, book, "en")
    assert "Up to quarter 3: Engage" in words
    assert "From quarter 4: Force the merger, then Engage" in words
    assert words.endswith("Events: the partner answer.")
    french = describe_rule(engine, book, "fr")
    assert "puis" in french and "Événements" in french


def test_system_change_is_signed_by_what_is_better() -> None:
    engine = Engine(build({**dilemma(), "metrics": [
        {"id": "waits", "name": "Waits", "initial": 10, "target": 5, "min": 0, "max": 20, "higher_is_better": False},
    ]}))
    better, worse = np.array([[8.0]]), np.array([[12.0]])
    assert engine.cs.system(better)[0] == pytest.approx(0.1)
    assert engine.cs.system(worse)[0] == pytest.approx(-0.1)


def test_audit_json_keeps_to_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "dilemma.yaml"
    path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    page = tmp_path / "audit.html"
    out = subprocess.run(
        [sys.executable, "-m", "game", "audit", str(path), "--json", "--runs", "200", "--budget", "30",
         "--html", str(page)],
        capture_output=True, text=True, cwd=ROOT, timeout=240,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in ("scenario", "seed", "elapsed_s", "best_simple", "expert", "skill_gap", "events", "actions",
                "verdicts", "warnings"):
        assert key in data
    assert set(data["best_simple"]) >= {"success_rate", "interval", "rule"}
    assert set(data["expert"]) >= {"success_rate", "interval"}
    lo, hi = data["best_simple"]["interval"]
    assert lo <= data["best_simple"]["success_rate"] <= hi
    assert set(data["events"]["crisis"]) >= {"fired_share", "best_share", "flags"}
    assert set(data["actions"]["force"]) >= {"best_share", "flags"}
    assert "success_with_system_worse" in data["verdicts"]
    assert data["skill_gap"] == pytest.approx(data["expert"]["success_rate"] - data["best_simple"]["success_rate"])
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.split("</head>")[1]
    assert "crisis" in html


def test_audit_speaks_french_and_refuses_a_bad_budget(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "game", "audit", str(FIXTURE), "--lang", "fr", "--runs", "100",
                          "--budget", "20"], capture_output=True, text=True, cwd=ROOT, timeout=240)
    assert out.returncode == 0, out.stderr
    assert "Meilleure règle simple" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "game", "audit", str(FIXTURE), "--budget", "0"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
