"""How long a player waits on the session: a turn, a save, a resume, the forecasts of one menu.

Plays the flagship scenario (scenarios/system_reform.yaml) with a fixed plan and
prints medians over several repeats:

* ``play_turn``: one turn for the player (R = 1), with reasons;
* ``save`` and ``autosave``: writing the file atomically (fsync included);
* ``load``: reading a save of a finished game and replaying all its turns;
* ``menu forecasts``: every forecast the terminal game's action menu shows in
  turn 1 (the no-action baseline plus each action), at 200 rollouts each;
* ``forecast 1000``: one detailed forecast, and a repeat of it from the cache.

    .venv/bin/python benchmarks/session.py [REPEATS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "system_reform.yaml"


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from game.scenario import loader
    from game.session import OptionView, Session
    from game.text_ui.forecasts import menu_forecasts

    scenario = loader.load(FLAGSHIP)
    folder = Path(tempfile.mkdtemp(prefix="shove-bench-"))

    def finished_game() -> Session:
        session = Session.new(scenario, 7, FLAGSHIP, autosave=False)
        while not session.is_over:
            if session.pending_event() is not None:
                session.choose(0)
                continue
            plan = [o for o in session.options() if o.available]
            session.play_turn([plan[session.turn % len(plan)].decision] if plan else [])
        return session

    game = finished_game()
    turns = len(game.history)
    save_path = folder / "game.json"
    game.save(save_path)

    def one_turn() -> None:
        session = Session.new(scenario, 7, FLAGSHIP, autosave=False)
        session.play_turn([])

    fresh = Session.new(scenario, 7, FLAGSHIP, autosave=False)
    new_ms = median_ms(lambda: Session.new(scenario, 7, FLAGSHIP, autosave=False), repeats)
    turn_ms = median_ms(one_turn, repeats) - new_ms
    save_ms = median_ms(lambda: game.save(save_path), repeats)
    fresh.autosave_path = folder / "autosave.json"
    auto_ms = median_ms(fresh.autosave_now, repeats)
    load_ms = median_ms(lambda: Session.load(save_path, scenario, autosave=False), repeats)

    groups: dict[str, list[OptionView]] = {}
    for option in fresh.options():
        groups.setdefault(option.action, []).append(option)

    def menu() -> None:
        session = Session.new(scenario, 7, FLAGSHIP, autosave=False)
        menu_forecasts(session, list(groups.items()), 200)

    menu_ms = median_ms(menu, max(3, repeats // 2)) - new_ms
    detail = Session.new(scenario, 7, FLAGSHIP, autosave=False)
    plan = [next(o for o in detail.options() if o.available).decision]
    detail_ms = median_ms(lambda: Session.new(scenario, 7, FLAGSHIP, autosave=False).forecast(plan, 1000), 3)
    detail.forecast(plan, 1000)
    cached_ms = median_ms(lambda: detail.forecast(plan, 1000), repeats)

    print(f"scenario: {FLAGSHIP.name}, {turns} turns, {len(fresh.options())} options; medians of {repeats}")
    print(f"  Session.new                 {new_ms:8.2f} ms")
    print(f"  play_turn (one turn)        {turn_ms:8.2f} ms")
    print(f"  save (atomic, fsync)        {save_ms:8.2f} ms   ({save_path.stat().st_size} bytes)")
    print(f"  autosave (with rotation)    {auto_ms:8.2f} ms")
    print(f"  load + replay {turns:2d} turns      {load_ms:8.2f} ms   ({load_ms / turns:.2f} ms a turn)")
    print(f"  menu forecasts, turn 1      {menu_ms:8.2f} ms   (200 rollouts each)")
    print(f"  forecast 1000 rollouts      {detail_ms - new_ms:8.2f} ms")
    print(f"  the same forecast, cached   {cached_ms:8.4f} ms   (ratio {(detail_ms - new_ms) / max(cached_ms, 1e-9):.0f}x)")


if __name__ == "__main__":
    main()
