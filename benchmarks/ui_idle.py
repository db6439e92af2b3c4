"""CPU used by the game while the player reads (target: under 5% of one core).

Starts the real game in a window on an X display (Xvfb is started when no
DISPLAY is set and ``Xvfb`` is installed), waits for it to settle, then reads
the process's CPU time from /proc over a quiet interval. Measured on the
title screen and on a turn screen of the flagship scenario (resumed from a
save made here), with the mouse resting over the map.

    .venv/bin/python benchmarks/ui_idle.py [--seconds S]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.05
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def make_save(env: dict[str, str], folder: Path) -> Path:
    """A save at the start of turn 3 of system_reform, made with the session itself."""
    path = folder / "bench-save.json"
    code = (
        "import sys\n"
        "from game.scenario import loader\n"
        "from game.session.playthrough import Session\n"
        "from game.session.persistence import save_session\n"
        "s = Session.new(loader.load('scenarios/system_reform.yaml'), 1, 'scenarios/system_reform.yaml', autosave=False)\n"
        "for _ in range(2):\n"
        "    s.play_turn(s.suggest('balanced'))\n"
        "    while s.pending_event() is not None:\n"
        "        s.choose(s.suggest_choice('balanced'))\n"
        "save_session(s, sys.argv[1])\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, env=env, check=True, timeout=120)
    return path


def measure(label: str, args: list[str], env: dict[str, str], seconds: float, settle: float = 4.0) -> None:
    game = subprocess.Popen([sys.executable, "-m", "game", "play", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        time.sleep(settle)  # start-up, first frame, fonts (and a turn's background forecasts)
        if shutil.which("xdotool"):
            subprocess.run(["xdotool", "mousemove", "300", "250"], env=env, check=False, timeout=10)
            time.sleep(1.0)
        if game.poll() is not None:
            raise RuntimeError(f"the game stopped: {game.stderr.read().decode()[-400:] if game.stderr else ''}")
        before, start = cpu_seconds(game.pid), time.monotonic()
        time.sleep(seconds)
        used = cpu_seconds(game.pid) - before
        share = used / (time.monotonic() - start)
        print(f"  {label:34s} {share * 100:5.2f}% of one core ({share / TARGET:.2f} of the 5% budget)")
    finally:
        game.terminate()
        game.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="shove-bench-"))
    env = dict(os.environ)
    env["SDL_AUDIODRIVER"] = "dummy"
    env.pop("SDL_VIDEODRIVER", None)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    xvfb = None
    if not env.get("DISPLAY"):
        if not shutil.which("Xvfb"):
            print("no DISPLAY and no Xvfb: install xvfb (Debian) to measure idle CPU in a real window")
            return 0
        env["DISPLAY"] = ":97"
        xvfb = subprocess.Popen(["Xvfb", ":97", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
    try:
        print(f"idle CPU while reading, window on display {env['DISPLAY']}, {options.seconds:.0f} s each")
        measure("title screen", ["--size", "1280x720"], env, options.seconds)
        save = make_save(env, home)
        # A turn works out every card's forecast in the background as it opens (a second or two on a quiet
        # machine): measure once that is done, when the player reads and nothing moves.
        measure("turn screen (system_reform, turn 3)", ["system_reform", "--load", str(save), "--size", "1920x1080"], env, options.seconds,
                settle=12.0)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
