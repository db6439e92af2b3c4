"""The search for the best simple rule: the cross-entropy method on common random numbers.

The family is ``game.sim.simple_rules``: a switch turn, a readiness
threshold, each action's weight in the partnering and pushing phases, whom to
work on, which programme to push and how to answer events. A rule is a point
in that space: the turn, the threshold and the weights are continuous (a
Gaussian per coordinate), the choices categorical (a probability per option).

Each generation draws a population of rules, plays every rule on the **same**
games (one batch: rule i plays runs i*S .. i*S+S-1, all with the generation's
S seeds), keeps the best fifth and moves the distribution toward them
(Rubinstein's cross-entropy method, with smoothing so that no choice dies
out). The first generation also holds rules shaped like the built-in
policies, so the search starts from what they reach. A rule's fitness is its
success rate, then its mean score. Each generation has fresh seeds, so a rule
that was lucky once does not stay on top; the finalists are measured again on
seeds the search never saw (``game.analysis.audit``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim.batch import play_out
from game.sim.engine import Engine
from game.sim.simple_rules import (
    ANSWERS,
    NEVER_READY,
    PROGRAMME_CHOICES,
    SELECTORS,
    RuleBook,
    SimpleRules,
    book_of,
    built_in_shapes,
)

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]

# Readiness thresholds above this mean "never by readiness".
READY_OFF = 1.5
READY_FLOOR = 0.3
SMOOTHING = 0.7
ELITE_SHARE = 0.2
MIN_PROBABILITY = 0.03


@dataclass(frozen=True)
class SearchSettings:
    population: int = 40
    generations: int = 12
    games: int = 150
    """Games each rule plays per generation (the same games for every rule)."""


@dataclass
class Candidate:
    """A rule found by the search and its fitness in the generation it was last played."""

    book: RuleBook
    success: float
    score: float

    @property
    def fitness(self) -> float:
        return self.success + self.score / 10_000.0


@dataclass
class _Distribution:
    mean: F64
    std: F64
    categorical: list[F64]


_CATEGORIES = (len(SELECTORS), len(SELECTORS), len(PROGRAMME_CHOICES), len(ANSWERS))


def _initial(engine: Engine) -> _Distribution:
    a = len(engine.cs.actions)
    t = engine.turns
    mean = np.concatenate([[0.5 * (t + 1), 1.0], np.zeros(2 * a)])
    std = np.concatenate([[0.5 * t, 0.5], np.ones(2 * a)])
    return _Distribution(mean, std, [np.full(k, 1.0 / k) for k in _CATEGORIES])


def decode(engine: Engine, x: F64, cats: I64) -> RuleBook:
    """Rules from continuous coordinates ``x`` (P, 2 + 2A) and choices ``cats`` (P, 4)."""
    p = x.shape[0]
    a = len(engine.cs.actions)
    switch = np.clip(np.rint(x[:, 0]), 1, engine.turns + 1).astype(np.int64)
    ready = np.where(x[:, 1] > READY_OFF, NEVER_READY, np.maximum(x[:, 1], READY_FLOOR))
    weights = np.clip(x[:, 2:], -1.0, 2.0).reshape(p, 2, a)
    return RuleBook(switch, ready, weights, cats[:, 0].copy(), cats[:, 1].copy(), cats[:, 2].copy(), cats[:, 3].copy())


def encode(engine: Engine, book: RuleBook) -> tuple[F64, I64]:
    """The coordinates of the rules of ``book`` (the inverse of ``decode`` on its range)."""
    ready = np.where(np.isfinite(book.ready_at), book.ready_at, READY_OFF + 0.25)
    x = np.concatenate(
        [book.switch_turn[:, None].astype(np.float64), ready[:, None], book.weights.reshape(book.runs, -1)], axis=1
    )
    cats = np.stack([book.engage_by, book.confront_by, book.programme_by, book.answer], axis=1)
    return x, cats


def evaluate(engine: Engine, book: RuleBook, seeds: NDArray[np.uint64]) -> tuple[F64, F64]:
    """Success rate and mean score of every rule of ``book``, each played on
    all of ``seeds`` (common random numbers), as one batch."""
    p, s = book.runs, seeds.shape[0]
    state = engine.start(np.tile(seeds, p))
    outcome, score = play_out(engine, state, SimpleRules(engine, book.repeat(s)))
    return (outcome.reshape(p, s) == 0).mean(axis=1), score.reshape(p, s).mean(axis=1)


def search(
    engine: Engine,
    seed: int,
    settings: SearchSettings = SearchSettings(),
    keep_going: Callable[[], bool] = lambda: True,
    progress: Callable[[int, int], None] | None = None,
) -> list[Candidate]:
    """Run the cross-entropy search; returns the candidates of the last
    generation played, best first (at least the built-in shapes are always
    played). ``keep_going`` is asked before each generation after the first
    (a time budget)."""
    rng = np.random.default_rng(rnd.as_seed(seed) ^ np.uint64(0xA0D17))
    dist = _initial(engine)
    shapes = book_of(engine, built_in_shapes(engine))
    pop = max(settings.population, shapes.runs + 2)
    elite_count = max(2, round(ELITE_SHARE * pop))
    elites: list[Candidate] = []
    best: list[Candidate] = []
    for gen in range(settings.generations):
        if gen and not keep_going():
            break
        x = rng.normal(dist.mean, dist.std, size=(pop, dist.mean.shape[0]))
        cats = np.stack([rng.choice(len(pr), size=pop, p=pr) for pr in dist.categorical], axis=1)
        # Carried over: last generation's elite (measured again on new seeds),
        # and in the first generation the built-in shapes.
        carried = shapes if gen == 0 else RuleBook.join([c.book for c in elites])
        cx, cc = encode(engine, carried)
        x[: carried.runs], cats[: carried.runs] = cx, cc
        book = decode(engine, x, cats)
        seeds = rnd.run_seeds(int(rnd.mix(np.array([rnd.as_seed(seed) + np.uint64(gen + 1)]))[0]), settings.games)
        success, score = evaluate(engine, book, seeds)
        ranked = sorted(
            (Candidate(book.rule(i), float(success[i]), float(score[i])) for i in range(pop)),
            key=lambda c: -c.fitness,
        )
        elites = ranked[:elite_count]
        best = ranked
        ex, ec = encode(engine, RuleBook.join([c.book for c in elites]))
        dist.mean = SMOOTHING * ex.mean(axis=0) + (1 - SMOOTHING) * dist.mean
        dist.std = np.maximum(SMOOTHING * ex.std(axis=0) + (1 - SMOOTHING) * dist.std, 0.05)
        for j, probs in enumerate(dist.categorical):
            freq = np.bincount(ec[:, j], minlength=len(probs)) / len(elites)
            mixed = SMOOTHING * freq + (1 - SMOOTHING) * probs
            mixed = np.maximum(mixed, MIN_PROBABILITY)
            dist.categorical[j] = mixed / mixed.sum()
        if progress:
            progress(gen + 1, settings.generations)
    return best

