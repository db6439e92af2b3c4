"""The dilemma audit: searching a scenario's strategy space for what breaks it.

``audit(scenario, settings) -> AuditReport`` answers the questions of
GAME_DESIGN.md ("How we check it") with plain data; the command and the page
only format it. In order:

1. **Best simple rule.** The cross-entropy search of ``rule_search`` finds
   the simple rules that win most often; the finalists are played again on
   ``runs`` fresh games, the best is simplified (actions it can do without
   are dropped) and reported with a 99% interval. Its success is the floor a
   thoughtless player can reach.
2. **Expert reference.** ``game.sim.expert`` reads the state every turn and
   compares plans by rollouts to the end, continuing with the best rule. Its
   success is the ceiling; the skill gap is the ceiling minus the floor.
3. **Actions.** In every state of the expert's games, each action's plan
   ("lead with it, then spend the rest as the rule would") has a rollout
   value: how often each action is the best lead (its best share) and how
   much worse it is than the best where it is available (its regret).
4. **Exploits.** A retreat (an action that sets a programme back) taken by
   the best rule at any turn should not raise its success: a retreat that
   does is an exploit (dropping the change and carrying on).
5. **Event choices.** Games are played by the best rule and by `balanced`;
   every time an event fires, each answer is played out on the same luck,
   with a placebo (the policy's own answer with every stakeholder's trust
   nudged by 0.01) to tell real choices from noise.
6. **Verdicts.** Success endings whose system metrics, weighted as the
   scenario scores them, end worse than they started.

All luck is keyed by the audit's seed: the same settings give the same
report. A time budget cuts the work short (and says so) but never changes
what is measured.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.analysis.rule_search import Candidate, SearchSettings, evaluate, search
from game.analysis.stats import Interval, wilson_interval
from game.scenario import schema, schema_effects
from game.sim import random as rnd
from game.sim.advisor import Advisor
from game.sim.batch import answer_events, play_seeds
from game.sim.engine import Engine
from game.sim.expert import Continuation, Expert
from game.sim.policies import Balanced, Policy, fill_budget
from game.sim.rollouts import answer_values
from game.sim.simple_rules import RuleBook, SimpleRules
from game.sim.state import State

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]

CONFIDENCE = 0.99
DOMINANT_SHARE = 0.8
NEVER_FIRES_SHARE = 0.05
NEVER_BEST_SHARE = 0.05
LOST_SHARE = 0.9
MIN_FIRINGS = 20
NUDGE = 0.01
# Two answers whose rollout values differ by less than this are a tie
# (value = 100 x success share + score).
TIE = 0.5
SIMPLIFY_TOLERANCE = 0.005


@dataclass(frozen=True)
class AuditSettings:
    """How much work the audit does. ``budget`` (seconds) cuts it short."""

    seed: int = 0
    runs: int = 2000
    """Games on which the finalist rules are measured."""
    search: SearchSettings = field(default_factory=SearchSettings)
    finalists: int = 4
    expert_games: int = 120
    rollouts: int = 8
    event_games: int = 300
    """Games per policy (the best rule, balanced) whose event firings are branched."""
    event_rollouts: int = 8
    firings_per_event: int = 150
    """At most this many firings of each event are branched (the first ones met)."""
    exploit_games: int = 400
    budget: float | None = None


@dataclass
class RuleFinding:
    book: RuleBook
    success: Interval
    mean_score: float
    games: int


@dataclass
class StrategyFinding:
    """An author's own strategy (``--strategy FILE.py:NAME``), played on the best rule's final games."""

    spec: str
    success: Interval
    mean_score: float
    games: int


@dataclass
class EventFinding:
    id: str
    fired_share: float
    firings: int
    best_share: dict[str, float]
    """Each answer's share of the firings in which one answer was best (by
    more than TIE): the firings where the answers tie are left out."""
    tie_share: float
    change_rate: float
    placebo_rate: float
    lost_share: float
    partner_best: int
    """Firings in which an answer of the partner stance was strictly best."""
    small_effect: int
    """Firings in which the answers' mean scores differ by less than one point."""
    flags: list[str] = field(default_factory=list)


@dataclass
class ActionFinding:
    id: str
    best_share: float
    """Share of the states from good play (where the plan matters) whose best plan uses it."""
    available_share: float
    regret: float
    """Mean shortfall (in value points: 100 x success + score) against the best lead, where available."""
    once: bool = False
    """The action closes itself (see ``once_per_game``): judged by ``best_game_share``."""
    best_game_share: float = 0.0
    """Share of the good-play games (with a state where the plan matters) in which it is the best lead at least once."""
    exploit_gain: float | None = None
    """For a retreat: the largest rise in the rule's success from taking it (None: not a retreat)."""
    exploit_turn: int | None = None
    flags: list[str] = field(default_factory=list)


@dataclass
class Verdicts:
    success_runs: int
    success_with_system_worse: float
    success_mean_score: float | None
    partial_mean_score: float | None


@dataclass
class AuditReport:
    scenario: str
    seed: int
    elapsed_s: float
    best_simple: RuleFinding
    runner_up: list[RuleFinding]
    expert: Interval
    expert_games: int
    events: list[EventFinding]
    actions: list[ActionFinding]
    verdicts: Verdicts
    cut_short: list[str]
    settings: AuditSettings
    strategies: list[StrategyFinding] = field(default_factory=list)
    """The author's strategies, measured on the same games as the best simple rule."""

    @property
    def skill_gap(self) -> float:
        return self.expert.estimate - self.best_simple.success.estimate

    def count_flag(self, flag: str) -> int:
        return sum(flag in e.flags for e in self.events) + sum(flag in a.flags for a in self.actions)

    @property
    def partner_best_share(self) -> float | None:
        firings = sum(e.firings for e in self.events)
        return sum(e.partner_best for e in self.events) / firings if firings else None

    def quantity(self, name: str) -> float | None:
        """A figure an expectation can bound (see AUDIT_QUANTITIES)."""
        table: dict[str, float | None] = {
            "best_simple_success": self.best_simple.success.estimate,
            "expert_success": self.expert.estimate,
            "skill_gap": self.skill_gap,
            "dominant_event_answers": self.count_flag("dominant_answer"),
            "fake_choices": self.count_flag("fake_choice"),
            "events_never_firing": self.count_flag("never_fires"),
            "events_only_in_lost_games": self.count_flag("only_in_lost_games"),
            "never_best_actions": self.count_flag("never_best"),
            "exploits": self.count_flag("exploit"),
            "partner_best_share": self.partner_best_share,
            "success_with_system_worse": self.verdicts.success_with_system_worse,
        }
        return table[name]

    def to_json(self, rule: str, warnings: list[str]) -> dict[str, Any]:
        """The JSON object of PRODUCT.md (and a few more keys), given the best
        rule and the warnings in words."""
        best = self.best_simple
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "elapsed_s": round(self.elapsed_s, 3),
            "best_simple": {
                "success_rate": best.success.estimate,
                "interval": [best.success.low, best.success.high],
                "rule": rule,
                "mean_score": round(best.mean_score, 3),
                "games": best.games,
            },
            "expert": {
                "success_rate": self.expert.estimate,
                "interval": [self.expert.low, self.expert.high],
                "games": self.expert_games,
            },
            "skill_gap": self.skill_gap,
            "events": {
                e.id: {
                    "fired_share": e.fired_share,
                    "firings": e.firings,
                    "best_share": e.best_share,
                    "tie_share": e.tie_share,
                    "change_rate": e.change_rate,
                    "placebo_rate": e.placebo_rate,
                    "lost_share": e.lost_share,
                    "flags": e.flags,
                }
                for e in self.events
            },
            "actions": {
                a.id: {
                    "best_share": a.best_share,
                    "best_game_share": a.best_game_share,
                    "once_per_game": a.once,
                    "available_share": a.available_share,
                    "regret": a.regret,
                    "exploit_gain": a.exploit_gain,
                    "flags": a.flags,
                }
                for a in self.actions
            },
            "partner_best_share": self.partner_best_share,
            "verdicts": {
                "success_with_system_worse": self.verdicts.success_with_system_worse,
                "success_runs": self.verdicts.success_runs,
                "success_mean_score": self.verdicts.success_mean_score,
                "partial_mean_score": self.verdicts.partial_mean_score,
            },
            "strategies": {
                s.spec: {
                    "success_rate": s.success.estimate,
                    "interval": [s.success.low, s.success.high],
                    "mean_score": round(s.mean_score, 3),
                    "games": s.games,
                }
                for s in self.strategies
            },
            "warnings": warnings,
            "cut_short": self.cut_short,
        }


Progress = Callable[[str, float], None]


class _Clock:
    """The time budget: each stage may use the time left up to its share of the whole."""

    def __init__(self, budget: float | None) -> None:
        self.start = time.perf_counter()
        self.budget = budget

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def before(self, share: float) -> Callable[[], bool]:
        """A test: is there still time before ``share`` of the budget is used?"""
        if self.budget is None:
            return lambda: True
        limit = self.budget * share
        return lambda: self.elapsed() < limit


def _seed(seed: int, stream: int) -> int:
    """A seed for one part of the audit, far from the others' and from the player's."""
    return int(rnd.mix(np.array([rnd.as_seed(seed) ^ np.uint64(0x5EED_0000 + stream)], dtype=np.uint64))[0])


def audit(
    scenario: schema.Scenario, settings: AuditSettings = AuditSettings(), progress: Progress | None = None,
    strategies: dict[str, Policy] | None = None,
) -> AuditReport:
    """The audit; ``strategies`` (spec to the author's loaded strategy) are
    played on the same final games as the best simple rule, for comparison."""
    engine = Engine(scenario)
    clock = _Clock(settings.budget)
    cut: list[str] = []

    def say(stage: str, done: float) -> None:
        if progress:
            progress(stage, done)

    # 1. The best simple rule.
    generations = 0

    def on_generation(g: int, total: int) -> None:
        nonlocal generations
        generations = g
        say("search", g / total)

    candidates = search(engine, _seed(settings.seed, 1), settings.search, clock.before(0.35), on_generation)
    if generations < settings.search.generations:
        cut.append(f"search: {generations} of {settings.search.generations} generations")
    finalists = _distinct(candidates, settings.finalists)
    final_seeds = rnd.run_seeds(_seed(settings.seed, 2), settings.runs)
    success, score = evaluate(engine, RuleBook.join([c.book for c in finalists]), final_seeds)
    order = np.argsort(-(success + score / 10_000.0), kind="stable")
    best_book = finalists[int(order[0])].book
    say("simplify", 0.0)
    best_book = _simplify(engine, best_book, rnd.run_seeds(_seed(settings.seed, 3), max(200, settings.runs // 4)))
    best_result = play_seeds(engine, SimpleRules(engine, best_book), final_seeds)
    wins = int((best_result.outcome == 0).sum())
    best = RuleFinding(best_book, wilson_interval(wins, settings.runs, CONFIDENCE), float(best_result.score.mean()), settings.runs)
    runner_up = [
        RuleFinding(finalists[int(i)].book, wilson_interval(round(success[i] * settings.runs), settings.runs, CONFIDENCE),
                    float(score[i]), settings.runs)
        for i in order[1:]
    ]
    base = SimpleRules(engine, best_book)
    yours = []
    for spec, policy in (strategies or {}).items():
        say("strategies", 0.0)
        theirs = play_seeds(engine, policy, final_seeds)
        yours.append(StrategyFinding(spec, wilson_interval(int((theirs.outcome == 0).sum()), settings.runs, CONFIDENCE),
                                     float(theirs.score.mean()), settings.runs))

    # 2-3. The expert reference and the actions' values in its states. It continues
    # its rollouts with whichever plays better on the final games: the best
    # rule, or the advisor (which reads what the player can see).
    advisor = play_seeds(engine, Advisor(), final_seeds)
    continuation: Continuation = base
    if (advisor.outcome == 0).mean() + advisor.score.mean() / 10_000 > best.success.estimate + best.mean_score / 10_000:
        continuation = Advisor()
    expert_seeds = rnd.run_seeds(_seed(settings.seed, 4), settings.expert_games)
    expert_games, expert_outcome, expert_state, lead_values, lead_available, lead_games = _play_expert(
        engine, continuation, expert_seeds, settings.rollouts, clock.before(0.7), lambda d: say("expert", d)
    )
    if expert_games < settings.expert_games:
        cut.append(f"expert: {expert_games} of {settings.expert_games} games")
    expert = wilson_interval(int((expert_outcome == 0).sum()), max(expert_games, 1), CONFIDENCE)
    actions = _action_findings(engine, lead_values, lead_available, lead_games)

    # 4. Exploits.
    say("exploits", 0.0)
    _find_exploits(engine, [base, Balanced()], actions, rnd.run_seeds(_seed(settings.seed, 5), settings.exploit_games),
                   clock.before(0.8))

    # 5. Event choices.
    policies: list[Policy] = [base, Balanced()]
    event_data = _EventData(engine)
    for k, policy in enumerate(policies):
        seeds = rnd.run_seeds(_seed(settings.seed, 6 + k), settings.event_games)
        played = _branch_events(
            engine, policy, seeds, settings.event_rollouts, settings.firings_per_event * (k + 1), event_data,
            clock.before(0.97),
        )
        if played < settings.event_games:
            cut.append(f"events under {'the best rule' if k == 0 else 'balanced'}: {played} of {settings.event_games} games")
        say("events", (k + 1) / len(policies))
    good_fired = np.concatenate([best_result.events_fired > 0, expert_state.fired > 0], axis=0)
    good_outcome = np.concatenate([best_result.outcome, expert_outcome])
    events = event_data.findings(good_fired, good_outcome)

    # 6. Verdicts, on every game the audit played to the end under a rule or the expert.
    worse_best = _system_worse(engine, best_result.metrics)
    worse_expert = _system_worse(engine, expert_state.metrics)
    outcome_all = np.concatenate([best_result.outcome, expert_outcome])
    worse_all = np.concatenate([worse_best, worse_expert])
    score_all = np.concatenate([best_result.score, engine.score(expert_state)])
    wins_all = outcome_all == 0
    verdicts = Verdicts(
        success_runs=int(wins_all.sum()),
        success_with_system_worse=float(worse_all[wins_all].mean()) if wins_all.any() else 0.0,
        success_mean_score=float(score_all[wins_all].mean()) if wins_all.any() else None,
        partial_mean_score=float(score_all[outcome_all == 1].mean()) if (outcome_all == 1).any() else None,
    )
    report = AuditReport(
        scenario=scenario.meta.id,
        seed=settings.seed,
        elapsed_s=clock.elapsed(),
        best_simple=best,
        runner_up=runner_up,
        expert=expert,
        expert_games=expert_games,
        events=events,
        actions=actions,
        verdicts=verdicts,
        cut_short=cut,
        settings=settings,
        strategies=yours,
    )
    say("done", 1.0)
    return report


# --------------------------------------------------------------------------
# The best rule


def _distinct(candidates: list[Candidate], count: int) -> list[Candidate]:
    """The best ``count`` candidates whose rules differ."""
    out: list[Candidate] = []
    for c in candidates:
        if all(not _same_rule(c.book, o.book) for o in out):
            out.append(c)
        if len(out) == count:
            break
    return out


def _same_rule(a: RuleBook, b: RuleBook) -> bool:
    return bool(
        (a.switch_turn == b.switch_turn).all()
        and np.allclose(a.weights, b.weights)
        and (a.answer == b.answer).all()
        and (a.engage_by == b.engage_by).all()
        and (a.confront_by == b.confront_by).all()
        and (a.programme_by == b.programme_by).all()
    )


def _simplify(engine: Engine, book: RuleBook, seeds: NDArray[np.uint64]) -> RuleBook:
    """The rule with every preference it can do without removed (and the
    readiness test, if it never matters), measured on ``seeds``: a removal is
    kept when success falls by no more than half a point. A simpler rule
    says the same thing in fewer words."""
    base_success, _ = evaluate(engine, book, seeds)
    current = book
    for _round in range(8):
        trials: list[RuleBook] = []
        labels: list[tuple[int, int] | None] = []
        if np.isfinite(current.ready_at[0]):
            trial = current.take(np.array([0]))
            trial.ready_at = np.array([np.inf])
            trials.append(trial)
            labels.append(None)
        for phase in (0, 1):
            for a in np.flatnonzero(current.weights[0, phase] > 0):
                trial = current.take(np.array([0]))
                trial.weights = trial.weights.copy()
                trial.weights[0, phase, a] = -1.0
                trials.append(trial)
                labels.append((phase, int(a)))
        if not trials:
            break
        success, score = evaluate(engine, RuleBook.join(trials), seeds)
        ok = np.flatnonzero(success >= base_success[0] - SIMPLIFY_TOLERANCE)
        if ok.size == 0:
            break
        # All the harmless removals at once, if together they are harmless too; else the best one.
        together = current.take(np.array([0]))
        together.weights = together.weights.copy()
        for i in ok:
            label = labels[i]
            if label is None:
                together.ready_at = np.array([np.inf])
            else:
                together.weights[0, label[0], label[1]] = -1.0
        both, _ = evaluate(engine, together, seeds)
        if both[0] >= base_success[0] - SIMPLIFY_TOLERANCE:
            current = together
            break
        current = trials[int(ok[np.argmax(success[ok] + score[ok] / 10_000.0)])]
    return _tidy(engine, current)


def _tidy(engine: Engine, book: RuleBook) -> RuleBook:
    """A phase the rule never reaches keeps no weights (so its words do not mention it)."""
    out = book.take(np.array([0]))
    out.weights = out.weights.copy()
    if int(out.switch_turn[0]) <= 1:
        out.weights[0, 0] = -1.0
        out.ready_at = np.array([np.inf])
    elif int(out.switch_turn[0]) > engine.turns and not np.isfinite(out.ready_at[0]):
        out.weights[0, 1] = -1.0
    return out


# --------------------------------------------------------------------------
# The expert and the actions


def _play_expert(
    engine: Engine, base: Continuation, seeds: NDArray[np.uint64], rollouts: int, keep_going: Callable[[], bool],
    progress: Callable[[float], None],
) -> tuple[int, I64, State, list[F64], list[B], list[I64]]:
    """Play the expert's games in blocks while there is time. Returns the
    games played, their outcome classes, their final state, and per turn the
    value of every action's best lead (R, A) (-inf: not available) with the
    live runs (R,) and the game each row belongs to (R,)."""
    block = 50
    outcomes: list[I64] = []
    states: list[State] = []
    values: list[F64] = []
    live: list[B] = []
    games: list[I64] = []
    played = 0
    for start in range(0, seeds.shape[0], block):
        if start and not keep_going():
            break
        expert = Expert(engine, base, rollouts)
        state = engine.start(seeds[start : start + block])
        while not state.ended.all():
            alive = ~state.ended
            chosen = expert.decide(engine, state)
            assert expert.last is not None
            values.append(_lead_values(engine, expert))
            live.append(alive)
            games.append(np.arange(start, start + state.runs))
            engine.resolve_turn(state, chosen)
            expert.answer_all(engine, state)
            engine.end_turn(state)
        outcomes.append(engine.outcome(state)[1])
        states.append(state)
        played += state.runs
        progress(played / seeds.shape[0])
    return played, np.concatenate(outcomes), State.concat(states), values, live, games


def _lead_values(engine: Engine, expert: Expert) -> F64:
    """(R, A + 2): for each action, the best value of the candidate plans
    that use it (-inf: none does), then the best and the worst value of all
    the candidates."""
    assert expert.last is not None
    values, plans = expert.last.values, expert.last.plans
    uses = np.zeros((*plans.shape[:2], len(engine.cs.actions)), dtype=bool)  # (R, C, A)
    for o, option in enumerate(engine.options):
        uses[:, :, option.action_index] |= plans[:, :, o]
    per_action = np.where(uses, values[:, :, None], -np.inf).max(axis=1)
    worst = np.where(np.isfinite(values), values, np.inf).min(axis=1)
    out: F64 = np.concatenate([per_action, values.max(axis=1)[:, None], worst[:, None]], axis=1)
    return out


def _action_findings(engine: Engine, values: list[F64], live: list[B], games: list[I64]) -> list[ActionFinding]:
    """How often the best plan uses each action, and what insisting on it costs.

    An action a game allows once (``once_per_game``) can be the best move only
    in the few states before it is taken, however right it is when its moment
    comes: it is judged by the share of games in which it is the best lead at
    least once; every other action by the share of states."""
    a = len(engine.cs.actions)
    once = set(once_per_game(engine))
    if not values:
        return [ActionFinding(engine.cs.actions[i], 0.0, 0.0, 0.0, once=engine.cs.actions[i] in once,
                              flags=["never_best"]) for i in range(a)]
    table = np.concatenate([x[m] for x, m in zip(values, live, strict=True)], axis=0)
    game = np.concatenate([g[m] for g, m in zip(games, live, strict=True)])
    per_action, top, worst = table[:, :a], table[:, a], table[:, a + 1]
    # Only states where the plan matters count: where every candidate is
    # worth the same, no action is better than another.
    matters = np.isfinite(top) & (top - worst >= TIE)
    per_action, top, game = per_action[matters], top[matters], game[matters]
    states = max(per_action.shape[0], 1)
    counted_games = max(np.unique(game).size, 1)
    out = []
    for i in range(a):
        avail = np.isfinite(per_action[:, i])
        in_best = avail & (per_action[:, i] >= top - 1e-9)
        finding = ActionFinding(
            engine.cs.actions[i],
            best_share=float(in_best.sum() / states),
            available_share=float(avail.mean()) if per_action.shape[0] else 0.0,
            regret=float((top[avail] - per_action[avail, i]).mean()) if avail.any() else math.inf,
            once=engine.cs.actions[i] in once,
            best_game_share=float(np.unique(game[in_best]).size / counted_games),
        )
        if (finding.best_game_share if finding.once else finding.best_share) < NEVER_BEST_SHARE:
            finding.flags.append("never_best")
        out.append(finding)
    return out


def once_per_game(engine: Engine) -> list[str]:
    """Actions that close themselves: their ``available`` condition reads a
    flag that their own effects raise (``flag.change_dropped == 0`` with
    ``flag: {id: change_dropped, by: 1}``), so a game allows them once."""
    out = []
    for action, condition in zip(engine.scenario.actions, engine.cs.action_available, strict=True):
        if condition is None:
            continue
        read = {key for namespace, key in condition.references if namespace == "flag"}
        raised = {
            e.flag.id for e in action.effects
            if isinstance(e, schema_effects.FlagEffect) and ((e.flag.by or 0) > 0 or (e.flag.to or 0) != 0)
        }
        if read & raised:
            out.append(action.id)
    return out


def retreats(scenario: schema.Scenario) -> list[str]:
    """Actions that set a programme back (a progress effect that lowers or
    resets it): pausing or dropping a change."""

    def sets_back(effects: list[Any]) -> bool:
        for e in effects:
            if isinstance(e, schema_effects.ProgressEffect):
                change = e.progress
                if (change.by is not None and change.by < 0) or change.to is not None:
                    return True
            elif isinstance(e, schema_effects.ChanceEffect):
                if sets_back(e.chance.then) or sets_back(e.chance.else_):
                    return True
            elif isinstance(e, schema_effects.AfterEffect) and sets_back(e.after.do):
                return True
        return False

    return [a.id for a in scenario.actions if sets_back(list(a.effects))]


def _find_exploits(
    engine: Engine, policies: list[Policy], actions: list[ActionFinding], seeds: NDArray[np.uint64],
    keep_going: Callable[[], bool],
) -> None:
    """For each retreat, the largest paired rise in success from taking it at
    one turn and carrying on, under each of ``policies``; a significant rise
    is an exploit."""
    names = set(retreats(engine.scenario))
    if not seeds.size or not names:
        return
    for policy in policies:
        won = play_seeds(engine, policy, seeds).outcome == 0
        for finding in actions:
            if finding.id not in names:
                continue
            action = engine.cs.actions.index(finding.id)
            finding.exploit_gain = finding.exploit_gain or 0.0
            for turn in range(1, engine.turns):
                if not keep_going():
                    return
                for programme_by in ("least_advanced", "most_advanced"):
                    result = play_seeds(engine, _ForcedOnce(policy, action, turn, programme_by), seeds)
                    diff = (result.outcome == 0).astype(np.float64) - won
                    gain = float(diff.mean())
                    se = float(diff.std(ddof=1) / math.sqrt(diff.shape[0])) if diff.shape[0] > 1 else math.inf
                    if gain > finding.exploit_gain:
                        finding.exploit_gain, finding.exploit_turn = gain, turn
                    if gain > 0.02 and gain > 3 * se and "exploit" not in finding.flags:
                        finding.flags.append("exploit")


class _ForcedOnce:
    """``policy``, except that at turn ``turn`` it leads with ``action`` (on
    the least or most advanced programme, or its first available target)
    where it can, keeping what it fits of the policy's own plan."""

    def __init__(self, policy: Policy, action: int, turn: int, programme_by: str) -> None:
        self.policy, self.action, self.turn, self.programme_by = policy, action, turn, programme_by
        self.name = f"{policy.name}+retreat"

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        own = self.policy.decide(engine, state, key)
        if state.turn != self.turn:
            return own
        cs = engine.cs
        options = np.flatnonzero(cs.option_action == self.action)
        avail = engine.available(state)[:, options]
        if (cs.option_programme[options] >= 0).all() and state.progress.shape[1]:
            progress = state.progress[:, cs.option_programme[options]]
            value = 1.0 - progress if self.programme_by == "least_advanced" else progress
        else:
            value = np.zeros((state.runs, options.size))
        value = np.where(avail, value, -np.inf)
        rows = np.flatnonzero(np.isfinite(value.max(axis=1)))
        pick = options[np.argmax(value, axis=1)]
        # The retreat first, then the policy's own moves in option order while time lasts.
        priority = np.where(own, 1.0, -np.inf)
        priority[rows, pick[rows]] = 1e6
        return fill_budget(engine, state, priority)

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        return self.policy.choose(engine, state, event_index)


# --------------------------------------------------------------------------
# Events


class _EventData:
    """What the branched firings showed, gathered per event."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.choice_ids = [[str(c.id) for c in ev.choices] for ev in engine.scenario.events]
        e = len(engine.events)
        self.firings = np.zeros(e, dtype=np.int64)
        self.best = [np.zeros(max(int(engine.cs.event_choice_count[i]), 1)) for i in range(e)]
        self.ties = np.zeros(e)
        self.changed = np.zeros(e)
        self.placebo = np.zeros(e)
        self.pairs = np.zeros(e)
        self.partner_best = np.zeros(e, dtype=np.int64)
        self.small = np.zeros(e, dtype=np.int64)

    def add(self, event: int, values: F64, classes: I64, scores: F64) -> None:
        """``values`` (n, choices + 2), ``classes`` (n, choices + 2, rollouts),
        ``scores`` (n, choices): the mean score of each answer."""
        count = values.shape[1] - 2
        v = values[:, :count]
        n = v.shape[0]
        self.firings[event] += n
        order = np.sort(v, axis=1)
        top = order[:, -1]
        second = order[:, -2] if count > 1 else np.full(n, -np.inf)
        strict = top - second >= TIE
        winner = np.argmax(v, axis=1)
        np.add.at(self.best[event], winner[strict], 1)
        self.ties[event] += int((~strict).sum())
        stances = self.engine.cs.compiled_events[event].choice_stances
        partner = np.array([s == "partner" for s in stances] + [False] * (count - len(stances)), dtype=bool)
        self.partner_best[event] += int((strict & partner[winner]).sum())
        self.small[event] += int((scores.max(axis=1) - scores.min(axis=1) < 1.0).sum())
        c = classes[:, :count]
        self.changed[event] += float((c != c[:, :1]).any(axis=1).sum())
        self.placebo[event] += float((classes[:, count] != classes[:, count + 1]).sum())
        self.pairs[event] += c.shape[0] * c.shape[2]

    def findings(self, fired: B, outcome: I64) -> list[EventFinding]:
        engine = self.engine
        out = []
        for e, event_id in enumerate(engine.events):
            n = int(self.firings[e])
            names = self.choice_ids[e] or [str(i) for i in range(self.best[e].shape[0])]
            decided = n - int(self.ties[e])
            best_share = {names[i]: (float(self.best[e][i]) / decided if decided else 0.0) for i in range(len(names))}
            games = fired[:, e]
            finding = EventFinding(
                id=event_id,
                fired_share=float(games.mean()) if games.size else 0.0,
                firings=n,
                best_share=best_share,
                tie_share=float(self.ties[e]) / n if n else 0.0,
                change_rate=float(self.changed[e] / self.pairs[e]) if self.pairs[e] else 0.0,
                placebo_rate=float(self.placebo[e] / self.pairs[e]) if self.pairs[e] else 0.0,
                lost_share=float((outcome[games] == 2).mean()) if games.any() else 0.0,
                partner_best=int(self.partner_best[e]),
                small_effect=int(self.small[e]),
            )
            if finding.fired_share < NEVER_FIRES_SHARE:
                finding.flags.append("never_fires")
            if games.sum() >= 10 and finding.lost_share >= LOST_SHARE:
                finding.flags.append("only_in_lost_games")
            if n >= MIN_FIRINGS and len(names) > 1:
                if decided >= MIN_FIRINGS and max(best_share.values()) > DOMINANT_SHARE:
                    # An answer the author marked as clear-cut on purpose is reported, not counted.
                    deliberate = engine.scenario.events[e].deliberate
                    finding.flags.append("deliberate_answer" if deliberate else "dominant_answer")
                p = finding.placebo_rate
                margin = 1.96 * math.sqrt(max(p * (1 - p), 1e-4) / max(self.pairs[e], 1))
                if finding.change_rate <= p + margin:
                    finding.flags.append("fake_choice")
            out.append(finding)
        return out


def _branch_events(
    engine: Engine, policy: Policy, seeds: NDArray[np.uint64], rollouts: int, cap: int, data: _EventData,
    keep_going: Callable[[], bool],
) -> int:
    """Play games under ``policy`` in blocks; at each firing (until an event
    has ``cap`` firings branched in all), play out each answer and the placebo
    on the same luck. Returns the games played."""
    block = 100
    played = 0
    for start in range(0, seeds.shape[0], block):
        if start and not keep_going():
            break
        state = engine.start(seeds[start : start + block])
        while not state.ended.all():
            chosen = policy.decide(engine, state)
            engine.resolve_turn(state, chosen)
            pending = state.pending & ~state.ended[:, None]
            asks = [
                (int(e), np.flatnonzero(pending[:, e])[: max(cap - int(data.firings[e]), 0)])
                for e in np.flatnonzero(pending.any(axis=0))
                if int(engine.cs.event_choice_count[e]) >= 1
            ]
            asks = [(e, rows) for e, rows in asks if rows.size]
            if asks:
                for found in answer_values(engine, state, asks, policy, rollouts, nudge=NUDGE, salt=2):
                    data.add(found.event, found.values, found.classes, found.scores[:, : found.scores.shape[1] - 2])
            answer_events(engine, state, policy)
            engine.end_turn(state)
        played += state.runs
    return played


# --------------------------------------------------------------------------
# Verdicts


def _system_worse(engine: Engine, metrics: F64) -> B:
    """(R,) whether the system's metrics, taken together, end worse than they started."""
    out: B = engine.cs.system(metrics) < 0
    return out
