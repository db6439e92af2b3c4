"""Soak the terminal game: thousands of whole games under random players, in one process.

Each game is the real terminal game (``game.text_ui.game.TextGame``) reading
typed lines, exactly as when input is piped into ``shove play --text``; only
standard input and output are replaced by in-memory streams. The player
behind the keyboard is drawn at random per game:

* a built-in policy (partner, force, balanced, random; greedy now and then)
  whose choices are typed as menu numbers, sometimes with the target number
  left out so the game asks for it;
* with some chance per prompt, a slip: an unknown command, a number out of
  range, an action twice, help, show, a forecast request, an empty line;
* in a few games the player types ``q`` part-way, and the game is resumed
  from the save file with ``Session.load`` and played on to its end.

The scenarios are every built-in one plus the edge scenarios in
tests/fixtures/edge/. Every move autosaves to a real file, as in play.
Every game must reach an ending without an exception; memory is sampled
(resident set size from /proc) at the start and every so often, and the
growth over the run is printed.

    .venv/bin/python benchmarks/soak_text.py [--games 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICY_WEIGHTS = {"partner": 3, "force": 3, "balanced": 3, "random": 6, "greedy": 0.3}
SLIPS = ["", "h", "s", "zz", "99", "1 1", "f 1", "-5", "1:99", "help", "show", "0 0", "1,", "x" * 5000]


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


class Screen(io.TextIOBase):
    """Standard output that keeps only the last prompt (what the game is asking for)."""

    def __init__(self) -> None:
        self.last = ""
        self.chars = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.chars += len(text)
        if text:
            self.last = text.rsplit("\n", 1)[-1] or self.last
        return len(text)


class Player(io.TextIOBase):
    """Standard input typed by a random player who reads the game's state through its session."""

    def __init__(self, game_ref: list[object], screen: Screen, rng: random.Random, policy: str,
                 slip: float, quit_at: int | None) -> None:
        self.game_ref = game_ref
        self.screen = screen
        self.rng = rng
        self.policy = policy
        self.slip = slip
        self.quit_at = quit_at
        self.lines = 0
        self.targets: list[int] = []  # target numbers the game will ask for, in order
        self.cycle = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.lines += 1
        if self.lines > 5000:
            raise RuntimeError("the game asked for more than 5000 lines: it is not progressing")
        line = self._line() + "\n"
        return line if size is None or size < 0 else line[:size]

    def _line(self) -> str:
        from game.text_ui.game import TextGame

        game = self.game_ref[0]
        assert isinstance(game, TextGame)
        session = game.session
        prompt = self.screen.last
        rng = self.rng
        if self.quit_at is not None and len(session.history) >= self.quit_at:
            self.quit_at = None
            return "q"
        if rng.random() < self.slip:
            return rng.choice(SLIPS)
        if prompt.startswith("Target number"):
            if self.targets:
                return str(self.targets.pop(0))
            # Asked after a slip: try the targets in turn, as a puzzled player would.
            self.cycle += 1
            return str(self.cycle % 40 + 1)
        self.targets.clear()
        if session.pending_event() is not None:
            event = session.pending_event()
            assert event is not None
            pick = session.suggest_choice(self.policy) if self.policy != "random" else rng.randrange(len(event.choices))
            return str(pick + 1)
        decisions = session.suggest(self.policy)
        groups: dict[str, list[tuple[str | None, int]]] = {}
        for option in session.options():
            groups.setdefault(option.action, []).append((option.target, len(groups.get(option.action, [])) + 1))
        numbers = {action: i for i, action in enumerate(groups, start=1)}
        words = []
        for d in decisions:
            n = numbers[d.action]
            targets = groups[d.action]
            position = next(p for t, p in targets if t == d.target)
            if d.target is None or (len(targets) > 1 and rng.random() < 0.85):
                words.append(f"{n}:{position}" if d.target is not None else str(n))
            else:
                words.append(str(n))  # the game asks for the target (or takes the only one)
                if len(targets) > 1:
                    self.targets.append(position)
        return " ".join(words) or "0"


def scenario_files() -> list[Path]:
    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    files += sorted((ROOT / "tests" / "fixtures" / "edge").glob("*.yaml"))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report-every", type=int, default=1000)
    options = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="shove-soak-text-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())

    from game.scenario.loader import load
    from game.session import Session
    from game.text_ui.game import TextGame
    from game.text_ui.render import Terminal

    scenarios = []
    for path in scenario_files():
        try:
            scenarios.append((path, load(path)))
        except Exception as exc:  # a refused edge scenario is not played
            print(f"skipped {path.name}: {str(exc).splitlines()[0]}")
    rng = random.Random(options.seed)
    policies = list(POLICY_WEIGHTS)
    weights = list(POLICY_WEIGHTS.values())
    autosave = home / "autosave.json"
    term = Terminal(width=80, colour=False, bars=True)

    failures = 0
    endings: dict[str, int] = {}
    by_policy: dict[str, int] = {}
    resumed = lines_typed = chars_shown = turns = 0
    started = time.perf_counter()
    rss_start = rss_end = rss_peak = 0.0
    for n in range(1, options.games + 1):
        path, scenario = scenarios[rng.randrange(len(scenarios))]
        policy = rng.choices(policies, weights)[0]
        slip = rng.choice((0.0, 0.0, 0.05, 0.2))
        quit_at = rng.randint(1, scenario.meta.turns) if rng.random() < 0.03 else None
        seed = rng.randrange(2**40)
        screen = Screen()
        ref: list[object] = [None]
        player = Player(ref, screen, rng, policy, slip, quit_at)
        rollouts = 20 if rng.random() < 0.01 else 0
        try:
            session = Session.new(scenario, seed, path, autosave=autosave)
            game = TextGame(session, str(path), player, screen, term, rollouts=rollouts, detail_rollouts=rollouts)
            ref[0] = game
            code = game.play()
            if not session.is_over:
                # The player typed q: the game was saved; resume it from that file.
                assert code == 0, f"quitting returned {code}"
                saved = Path(home / "xdg_data_home" / "push-comes-to-shove" / "saves" / f"{scenario.meta.id}.json")
                again = Session.load(saved, scenario, source_path=path, autosave=autosave)
                assert again.log == session.log, "the save did not replay the same decisions"
                game = TextGame(again, str(path), player, screen, term, rollouts=0, detail_rollouts=0)
                ref[0] = game
                code = game.play()
                session = again
                resumed += 1
            assert code == 0, f"exit code {code}"
            assert session.is_over and session.ending is not None, "no ending"
            endings[session.ending.outcome] = endings.get(session.ending.outcome, 0) + 1
            by_policy[policy] = by_policy.get(policy, 0) + 1
            lines_typed += player.lines
            chars_shown += screen.chars
            turns += len(session.history)
        except Exception:
            failures += 1
            print(f"game {n} ({path.name}, seed {seed}, policy {policy}, slip {slip}) failed:", file=sys.stderr)
            traceback.print_exc()
            if failures >= 20:
                break
        if n == min(100, options.games):
            gc.collect()
            rss_start = rss_mb()
        if n % options.report_every == 0 or n == options.games:
            gc.collect()
            rss_end = rss_mb()
            rss_peak = max(rss_peak, rss_end)
            elapsed = time.perf_counter() - started
            print(f"{n:>6} games  {turns:>7} turns  {elapsed:7.0f} s  RSS {rss_end:6.1f} MB  failures {failures}",
                  flush=True)
    elapsed = time.perf_counter() - started
    print()
    print(f"games:            {n} over {len(scenarios)} scenarios ({resumed} quit part-way and resumed from a save)")
    print(f"turns played:     {turns}; lines typed {lines_typed}; {chars_shown / 1e6:.1f} M characters shown")
    print(f"policies:         {dict(sorted(by_policy.items()))}")
    print(f"outcomes:         {dict(sorted(endings.items()))}")
    print(f"failures:         {failures}")
    print(f"time:             {elapsed:.0f} s ({elapsed / max(n, 1) * 1000:.1f} ms a game)")
    print(f"RSS:              {rss_start:.1f} MB after 100 games, {rss_end:.1f} MB at the end "
          f"(growth {rss_end - rss_start:+.1f} MB, peak sample {rss_peak:.1f} MB)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
