"""Crash the game while it saves, and fill or lock its disk: nothing may be lost or left corrupt.

Part 1, kills. A child process plays game after game of the small fixture
scenario as fast as it can: in ``autosave`` mode a player's session that
autosaves after every move (the rotating autosave: autosave.json and two older
copies), in ``session`` mode a workshop team seat that rewrites
sessions/TEAM.json after every move. After each save returns, the child
appends what it just saved (game number, turns, choices) to a progress file.
The parent kills the child with SIGKILL at a random moment, then checks:

* every save file under its final name parses (no torn or empty file);
* the newest one loads and replays (``load_autosave`` / the report's
  ``check_team``), and holds at least the last move the child had confirmed
  (nothing confirmed was lost) and at most one move more;
* temporary files left by the kill are counted (they are never read).

Part 2, disk faults, each in a subprocess: a file size limit (RLIMIT_FSIZE,
the way a full disk looks to a program that cannot write more), a save
folder whose parent is a file, and, where this machine allows mounting, a
tiny tmpfs filled to the brim and then remounted read-only. Each must give a
clear message while the game goes on, and leave the previous save intact.

    .venv/bin/python benchmarks/fault_injection.py [--kills 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yaml"


# --------------------------------------------------------------------------
# The child: play and save until killed


def child(mode: str, folder: Path, seed: int) -> None:
    from game.scenario.loader import load
    from game.session import Session

    scenario = load(FIXTURE)
    progress = (folder / "progress").open("a", encoding="utf-8")
    rng = random.Random(seed)

    def confirm(game: int, log: list[object], choices: int) -> None:
        progress.write(f"{game} {len(log)} {choices}\n")
        progress.flush()  # into the kernel: a SIGKILL cannot lose it

    print("ready", flush=True)
    game = 0
    if mode == "autosave":
        newest = folder / "autosave.json"
        while True:
            game += 1
            session = Session.new(scenario, 1000 + game, FIXTURE, autosave=newest)
            while not session.is_over:
                if session.pending_event() is not None:
                    session.choose(rng.randrange(2))
                else:
                    session.play_turn(session.suggest(rng.choice(["partner", "force", "random"])))
                assert not session.autosave_error, session.autosave_error
                confirm(game, session.log, sum(len(t.choices) for t in session.log))
    else:
        from game.workshop.config import load_workshop
        from game.workshop.seat import TeamSeat

        workshop = load_workshop(folder / "workshop")
        while True:
            game += 1
            path = workshop.session_path("Red")
            if game > 1:
                path.unlink()  # the next game starts afresh (unlinking is itself atomic)
            seat = TeamSeat.open(workshop, "Red")
            while not seat.session.is_over:
                if seat.pending_pause() is not None:
                    seat.release(workshop.file.facilitator_word)
                elif seat.session.pending_event() is not None:
                    seat.choose(rng.randrange(2))
                else:
                    seat.play_turn(seat.session.suggest(rng.choice(["partner", "force", "random"])))
                confirm(game, seat.session.log, sum(len(t.choices) for t in seat.session.log))


# --------------------------------------------------------------------------
# The parent: kill, then check


def last_confirmed(folder: Path) -> tuple[int, int, int] | None:
    lines = (folder / "progress").read_text(encoding="utf-8").split("\n")
    complete = [line for line in lines[:-1] if line]  # the last piece may be cut short
    if not complete:
        return None
    game, turns, choices = (int(x) for x in complete[-1].split())
    return game, turns, choices


def check_autosave(folder: Path) -> tuple[bool, str]:
    from game.scenario.loader import load
    from game.session.persistence import load_autosave
    from game.session.saves import SaveError, autosave_files, read_save

    confirmed = last_confirmed(folder)
    newest = folder / "autosave.json"
    for path in autosave_files(newest):
        if path.exists():
            try:
                read_save(path)
            except SaveError as exc:
                return False, f"corrupt file: {exc}"
    if confirmed is None:
        return True, "killed before the first save"
    try:
        session, used, skipped = load_autosave(load(FIXTURE), source_path=FIXTURE, newest=newest)
    except SaveError as exc:
        return False, f"the autosave does not load: {exc}"
    if skipped or used != newest:
        return False, f"the newest autosave was skipped: {[str(s) for s in skipped]}"
    game = session.seed - 1000
    have = (game, len(session.log), sum(len(t.choices) for t in session.log))
    if have < confirmed:
        return False, f"lost work: the child confirmed {confirmed} but the autosave holds {have}"
    return True, "ok" if have == confirmed else "ok (one move past the last confirmed)"


def check_session(folder: Path) -> tuple[bool, str]:
    from game.workshop.config import load_workshop
    from game.workshop.files import SessionFileError, read_session
    from game.workshop.results import check_team

    confirmed = last_confirmed(folder)
    workshop = load_workshop(folder / "workshop")
    path = workshop.session_path("Red")
    if not path.exists():
        return True, "no session file (killed between two games, or before the first save)"
    try:
        file = read_session(path)
        result = check_team(workshop, path)
    except SessionFileError as exc:
        return False, f"corrupt or unusable session file: {exc}"
    if result.flags:
        return False, f"the report flags the session: {result.flags}"
    if confirmed is None:
        return True, "killed before the first confirmed save"
    have = (confirmed[0], len(file.log), sum(len(t.choices) for t in file.log))
    # The file has no game number: a shorter log than confirmed means a new game began.
    if have < confirmed and len(file.log) > 1:
        return False, f"lost work: the child confirmed {confirmed} but the file holds {have}"
    return True, "ok"


def leftovers(folder: Path) -> tuple[int, int]:
    """Temporary files the kill left, and how many remain once the next save has swept (a minute on)."""
    from game.atomic import STALE_TEMP_S, sweep_stale_temporaries

    temps = list(folder.rglob("*.tmp"))
    then = time.time() - STALE_TEMP_S - 1
    for temp in temps:
        os.utime(temp, (then, then))
    for target in (folder / "autosave.json", folder / "workshop" / "sessions" / "Red.json"):
        sweep_stale_temporaries(target)
    return len(temps), sum(1 for _ in folder.rglob("*.tmp"))


def kills(count: int, seed: int, max_wait: float = 1.5, base: Path | None = None) -> int:
    """Kill ``count`` children at random moments up to ``max_wait`` s into their play; the failures."""
    rng = random.Random(seed)
    failures = 0
    stats: dict[str, dict[str, int]] = {}
    started = time.perf_counter()
    base = base or Path(tempfile.mkdtemp(prefix="shove-faults-"))
    env = {**os.environ}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(base / var.lower())
    from game.workshop.create import NewWorkshop, create

    temps = swept = 0
    for i in range(count):
        mode = "autosave" if i % 2 == 0 else "session"
        folder = base / f"{mode}-{i:04d}"
        folder.mkdir()
        (folder / "progress").touch()
        if mode == "session":
            create(NewWorkshop(folder=folder / "workshop", scenario=str(FIXTURE), teams=("Red",), seed=9))
        proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(folder), str(i)],
                                stdout=subprocess.PIPE, env=env)
        assert proc.stdout is not None
        proc.stdout.readline()  # "ready": imports done, the first game starting
        time.sleep(rng.uniform(0.0, max_wait))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        ok, why = (check_autosave if mode == "autosave" else check_session)(folder)
        left, remaining = leftovers(folder)
        temps += left
        swept += left - remaining
        tally = stats.setdefault(mode, {})
        key = why if ok else "FAILED"
        tally[key] = tally.get(key, 0) + 1
        if not ok:
            failures += 1
            print(f"kill {i} ({mode}) in {folder}: {why}", flush=True)
    elapsed = time.perf_counter() - started
    print(f"kills: {count} in {elapsed:.0f} s; failures: {failures}; temporary files left behind: {temps}, "
          f"of which the next save swept {swept}")
    for mode, tally in stats.items():
        saves = sum((base / f).joinpath("progress").stat().st_size > 0 for f in os.listdir(base) if f.startswith(mode))
        print(f"  {mode}: {dict(sorted(tally.items()))} ({saves} runs had confirmed at least one save)")
    return failures


# --------------------------------------------------------------------------
# Disk faults


DISK_CHILD = r"""
import os, resource, signal, sys, json
from pathlib import Path
from game.scenario.loader import load
from game.session import Session
fixture, save_dir, limit = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
scenario = load(fixture)
session = Session.new(scenario, 5, fixture, autosave=save_dir / "autosave.json")
session.play_turn(session.suggest("partner"))
first_error = session.autosave_error
if limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # as for a full disk: the write fails, the game goes on
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
while session.pending_event() is not None:
    session.choose(0)
session.play_turn(session.suggest("partner"))
second_error = session.autosave_error
try:
    session.save(save_dir / "named.json")
    named_error = ""
except Exception as exc:
    named_error = f"{type(exc).__name__}: {exc}"
while not session.is_over:
    if session.pending_event() is not None:
        session.choose(0)
    else:
        session.play_turn(session.suggest("partner"))
print(json.dumps({"first": first_error, "second": second_error, "named": named_error,
                  "ended": session.is_over, "turns": len(session.log)}))
"""


def disk_case(name: str, save_dir: Path, limit: int, env: dict[str, str]) -> bool:
    out = subprocess.run([sys.executable, "-c", DISK_CHILD, str(FIXTURE), str(save_dir), str(limit)],
                         capture_output=True, text=True, env=env, timeout=300)
    if out.returncode != 0:
        print(f"  {name}: the game stopped (exit {out.returncode}): {out.stderr.strip()[-500:]}")
        return False
    result = json.loads(out.stdout.strip().splitlines()[-1])
    ok = bool(result["ended"] and result["second"] and result["named"].startswith("SaveError"))
    print(f"  {name}: {'ok' if ok else 'FAILED'}; game played to its end: {result['ended']}")
    print(f"    autosave message: {result['second'] or '(none)'}")
    print(f"    save message:     {result['named'] or '(none)'}")
    return ok


def disk_faults() -> int:
    base = Path(tempfile.mkdtemp(prefix="shove-disk-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(base / var.lower())
    failures = 0
    print("disk faults:")
    saves = base / "limited"
    if not disk_case("file size limit of 256 bytes (RLIMIT_FSIZE, EFBIG)", saves, 256, env):
        failures += 1
    from game.session.saves import read_autosave

    save, used, _ = read_autosave(saves / "autosave.json")
    intact = used.name == "autosave.json" and len(save.log) == 1
    print(f"    the last autosave written before the limit is {'intact' if intact else 'NOT intact'}: "
          f"{used.name}, {len(save.log)} turn(s)")
    failures += not intact
    blocker = base / "a-file"
    blocker.write_text("not a folder")
    if not disk_case("save folder whose parent is a file (ENOTDIR)", blocker / "saves", 0, env):
        failures += 1  # here even the first autosave fails: the check is that the game goes on
    mount = base / "tiny"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)],
                             capture_output=True).returncode == 0
    if not mounted:
        print("  full and read-only disk: skipped (this machine does not allow mounting a tmpfs)")
        return failures
    try:
        with (mount / "filler").open("wb") as handle:  # leave ~3 kB: the first autosave fits, later ones not
            handle.write(b"\0" * (16 * 1024 - 3 * 1024))
        if not disk_case("full disk (16 kB tmpfs, ENOSPC)", mount / "saves", 0, env):
            failures += 1
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        if not disk_case("read-only disk (tmpfs remounted read-only, EROFS)", mount / "saves", 0, env):
            failures += 1
    finally:
        subprocess.run(["umount", str(mount)], check=False)
    return failures


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-disk", action="store_true", help="skip the disk faults")
    options = parser.parse_args()
    failures = kills(options.kills, options.seed)
    if not options.no_disk:
        failures += disk_faults()
    print(f"total failures: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    raise SystemExit(main())
