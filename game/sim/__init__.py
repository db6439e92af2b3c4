"""The simulation: the model of docs/model.md in numpy, batched over runs.

Entry points (see docs/architecture.md, "Simulation"):

* ``engine.Engine(scenario)``: options, start, available, check, resolve_turn,
  pending, apply_choice, end_turn, score, outcome;
* ``decisions``: ``Decision``, ``TurnRecord`` (a decision log), ``IllegalMove``;
* ``policies``: ``get_policy(name)`` and ``POLICIES`` (partner, force,
  balanced, random, greedy);
* ``batch``: ``simulate`` (seeded batches in chunks), ``play_decisions``
  (replay a decision log), ``play_turn`` and ``finish``;
* ``forecast``: ``forecast`` (Monte Carlo risk of a plan);
* ``random``: keyed random numbers and ``run_seeds``.

Nothing here imports pygame.
"""
