"""What `shove workshop serve` costs under a whole cohort: 40 teams playing whole games at once.

Starts a real server (``python -m game workshop serve DIR --port 0``) on a fresh workshop of the
flagship scenario, then plays every team's whole game concurrently over loopback, each team on its
own connection, through the same pages a browser gets: read the seat, forecast the plan, play it,
answer events, and the facilitator's console releasing every discussion pause. Between two actions
a team "thinks" for a random time (``--think``, uniform from half to one and a half times it): far
quicker than people, who take minutes a turn.

Prints the start-up time (process spawned to "Ready"), then the median (p50), p99 and largest
latency of a move (playing a turn or answering an event), of a forecast and of a page, and the
error count (any answer other than the expected one, or a failed connection).
Targets: move p99 <= 150 ms, forecast p99 <= 500 ms, no errors.

    .venv/bin/python benchmarks/workshop_serve.py [--teams 40] [--think 1.5] [--scenario system_reform]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

from game.web.serve import read_addresses

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PICK = re.compile(r'name="pick" value="([^"]+)">')


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Tally:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {"move": [], "forecast": [], "page": []}
        self.errors: list[str] = []

    async def timed(self, kind: str, call, expect: int):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        try:
            answer = await call
        except httpx.HTTPError as exc:
            self.errors.append(f"{kind}: {type(exc).__name__} {exc}")
            return None
        self.times[kind].append(time.perf_counter() - began)
        if answer.status_code != expect:
            self.errors.append(f"{kind}: HTTP {answer.status_code} {answer.text[:200]!r}")
            return None
        return answer


async def team(name: str, url: str, console: str, think: float, tally: Tally, seed: int) -> int:
    """Play one team's whole game; the turns played."""
    luck = random.Random(seed)
    turns = 0
    async with httpx.AsyncClient(timeout=60) as client:
        console_token = None
        for _ in range(400):
            await asyncio.sleep(luck.uniform(0.5, 1.5) * think)
            page = await tally.timed("page", client.get(url), 200)
            if page is None:
                return turns
            text = page.text
            token = CSRF.search(text)
            if 'class="card ending"' in text:
                return turns
            if token is None:
                tally.errors.append(f"{name}: a page without a form token")
                return turns
            if 'class="card pause"' in text:
                if console_token is None:
                    found = CSRF.search((await client.get(console)).text)
                    console_token = found.group(1) if found else ""
                await client.post(console + "release", data={"csrf": console_token, "team": name})
                continue
            if 'action="' + url[url.index("/t/"):] + 'choose"' in text:
                await tally.timed("move", client.post(url + "choose", data={"csrf": token.group(1), "choice": "0"}), 303)
                continue
            picks = PICK.findall(text)
            plan = [luck.choice(picks)] if picks and luck.random() < 0.9 else []  # one action fits any turn's budget
            await tally.timed("forecast", client.post(url + "forecast", data={"csrf": token.group(1), "pick": plan}), 200)
            await asyncio.sleep(luck.uniform(0.5, 1.5) * think)
            await tally.timed("move", client.post(url + "play", data={"csrf": token.group(1), "pick": plan}), 303)
            turns += 1
    return turns


async def run_all(teams: dict[str, str], console: str, think: float) -> tuple[Tally, float, list[int]]:
    tally = Tally()
    began = time.perf_counter()
    played = await asyncio.gather(*(team(n, u, console, think, tally, i) for i, (n, u) in enumerate(teams.items())))
    return tally, time.perf_counter() - began, list(played)


def server_cpu(pid: int) -> float:
    """CPU seconds (user and system) used so far by ``pid`` and the processes it started, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--think", type=float, default=1.5, help="mean seconds between a team's actions")
    parser.add_argument("--scenario", default="system_reform")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="serve-bench-")) / "ws"
    names = ",".join(f"T{i:02d}" for i in range(args.teams))
    subprocess.run([sys.executable, "-m", "game", "workshop", "new", str(folder), "--scenario", args.scenario,
                    "--teams", names, "--seed", "7", "--lang", "en"], check=True, capture_output=True, cwd=ROOT)
    spawned = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "game", "workshop", "serve", str(folder), "--port", "0", "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    assert proc.stdout is not None
    teams, console = read_addresses(proc.stdout)
    ready = time.perf_counter() - spawned
    ready_cpu = server_cpu(proc.pid)
    load_before = os.getloadavg()[0]
    try:
        tally, took, played = asyncio.run(run_all(teams, console, args.think))
        cpu = server_cpu(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after "
          f"(other programs' work counts too); the server and its forecast workers used {cpu:.0f} s of CPU")
    print(f"{args.teams} teams, {args.scenario}, think {args.think} s: all games over in {took:.0f} s "
          f"({sum(played)} turns played; start-up {ready:.2f} s from spawn to ready, {ready_cpu:.2f} s of it CPU)")
    for kind in ("move", "forecast", "page"):
        values = tally.times[kind]
        if values:
            print(f"  {kind:8s} n={len(values):5d}  p50 {percentile(values, 0.5) * 1000:6.1f} ms  "
                  f"p99 {percentile(values, 0.99) * 1000:6.1f} ms  max {max(values) * 1000:6.1f} ms  "
                  f"mean {statistics.fmean(values) * 1000:6.1f} ms")
    print(f"  errors   {len(tally.errors)}")
    for error in tally.errors[:10]:
        print(f"    {error}")
    ended = sum(1 for f in (folder / "sessions").glob("*.json") if '"status": "ended"' in f.read_text())
    print(f"  session files ended: {ended} of {args.teams}")
    return 0 if not tally.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
