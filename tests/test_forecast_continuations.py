"""Forecasts that help a decision: every plan on the same luck, two continuations said in words."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.scenario.loader import load
from game.session import OptionView, Session
from game.session.forecasts import style_words
from game.sim.advisor import Advisor
from game.sim.continuations import ADVISOR, player_rule
from game.sim.decisions import Decision, TurnRecord
from game.sim.engine import Engine
from game.sim.forecast import forecast, forecast_plans
from game.sim.policies import PUSH, Force
from game.text_ui.forecasts import detailed_forecast, menu_forecasts

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "system_reform.yaml"


def _session(seed: int = 7) -> Session:
    return Session.new(load(FLAGSHIP), seed, autosave=False)


def _singles(engine: Engine, avail: np.ndarray) -> np.ndarray:
    options = np.flatnonzero(avail)
    plans = np.zeros((options.size, len(engine.options)), dtype=bool)
    plans[np.arange(options.size), options] = True
    return plans


def test_every_plan_of_a_turn_is_forecast_on_the_same_luck() -> None:
    session = _session()
    engine, state = session.engine, session._state
    plans = _singles(engine, engine.available(state)[0])[:4]
    together = forecast_plans(engine, state, 0, np.concatenate([plans, plans[:1]]), rollouts=120)
    # A plan identical to another gets the identical forecast, in one batch or alone.
    assert together[0] == together[-1]
    assert together[1] == forecast(engine, state, 0, plans[1], rollouts=120)


def test_a_difference_between_two_plans_is_far_less_noisy_than_two_independent_forecasts() -> None:
    # The merger's first quarter: doing nothing and one small move both have an uncertain outcome.
    # (Plans that send the game down different paths share less of their luck: the keyed dice are
    # the same, but events and blocks then fall differently; see benchmarks/forecast_spread.py.)
    session = Session.new(load(ROOT / "scenarios" / "european_merger.yaml"), 7, autosave=False)
    engine, state = session.engine, session._state
    a = np.zeros(len(engine.options), dtype=bool)
    b = _singles(engine, engine.available(state)[0])[0]
    same, independent = [], []
    for seed in range(40):
        fa, fb = forecast_plans(engine, state, 0, np.stack([a, b]), rollouts=50, seed=seed)
        other = forecast(engine, state, 0, b, rollouts=50, seed=1000 + seed)
        same.append(fb.success - fa.success)
        independent.append(other.success - fa.success)
    assert np.std(same) < 0.85 * np.std(independent)


def test_the_player_style_follows_the_record() -> None:
    session = _session()
    engine = session.engine
    force = Force()
    state = session._state.copy()
    log = []
    for _ in range(3):
        chosen = force.decide(engine, state)
        log.append(TurnRecord(tuple(engine.decode(chosen[0]))))
        engine.resolve_turn(state, chosen)
        for e in np.flatnonzero(state.pending[0]):
            engine.apply_choice(state, int(e), force.choose(engine, state, int(e)))
        engine.end_turn(state)
    style = player_rule(engine, log)
    assert style.push_from == 1 and style.shares[1] > 0.3
    from game.sim.simple_rules import SimpleRules

    assert style.book is not None
    after = SimpleRules(engine, style.book).decide(engine, state)[0]
    assert (engine.cs.option_stance[after] == PUSH).any(), "after forcing every turn, it forces"
    # A player who only partnered keeps partnering: no push at all.
    engage = [o for o in engine.options if o.stance == "partner"][:2]
    calm = player_rule(engine, [TurnRecord(tuple(Decision(o.action, o.target) for o in engage))] * 3)
    assert calm.push_from is None and calm.book is not None
    chosen = SimpleRules(engine, calm.book).decide(engine, state)[0]
    assert chosen.any() and not (engine.cs.option_stance[chosen] == PUSH).any()
    # No record yet: the balanced policy stands in, and the words say so.
    assert player_rule(engine, []).book is None
    assert "no move yet" in style_words(engine, player_rule(engine, []), "en")


def test_the_advisor_continuation_plays_the_advisor_policy_and_says_what_it_assumes() -> None:
    session = _session()
    engine, state = session.engine, session._state
    style = session.forecast_style("advisor")
    assert style is ADVISOR
    plans = np.zeros((2, len(engine.options)), dtype=bool)
    plans[1, next(o.index for o in engine.options if o.action == "brief_board")] = True
    # The same luck, played on by the advisor policy itself: the same forecast.
    by_style = forecast_plans(engine, state, 0, plans, 200, style)
    by_policy = forecast_plans(engine, state, 0, plans, 200, Advisor())
    assert [f.success for f in by_style] == [f.success for f in by_policy]
    assert [f.success for f in by_style] != [f.success for f in forecast_plans(engine, state, 0, plans, 200, "partner")]
    words = style_words(engine, style, "en")
    assert words.startswith("As the advisor would") and "red line" in words and "events:" in words
    assert style_words(engine, style, "fr").startswith("Comme le conseiller")


def test_the_session_offers_both_continuations_and_keeps_existing_callers() -> None:
    session = _session()
    plan = [Decision("brief_board")]
    old = session.forecast(plan, rollouts=100)
    assert old.continuation == "balanced"
    player = session.forecast(plan, rollouts=100, continuation="player")
    advisor = session.forecast(plan, rollouts=100, continuation="advisor")
    assert player.continuation == "player" and advisor.continuation == "advisor"
    assert advisor.style is not None and session.forecast_style("advisor") is advisor.style
    assert session.forecast(plan, rollouts=100, continuation="advisor") is advisor, "cached"
    both = session.forecast_plans([plan, [], [Decision("nonsense")]], rollouts=100, continuation="player")
    assert both[0] is player and both[2] is None


class _Term:
    width = 100


def test_the_text_ui_shows_both_continuations_and_their_assumptions() -> None:
    session = _session()
    groups: dict[str, list[OptionView]] = {}
    for option in session.options():
        groups.setdefault(option.action, []).append(option)
    lines = menu_forecasts(session, list(groups.items()), 60)
    top = " ".join(lines[""])
    assert "As so far" in top and "As the advisor would" in top
    assert "as the advisor would: success" in " ".join(lines["brief_board"])
    option = next(o for o in session.options() if o.action == "brief_board")
    detail = "\n".join(detailed_forecast(session, option, 60, _Term()))  # type: ignore[arg-type]
    assert "If you carry on as so far: success" in detail
    assert "If you then play as the advisor would: success" in detail
