"""How long `validate_path` takes: each shipped scenario and a generated ~1 MB one.

Target: under 300 ms for the 1 MB scenario on a 2-core machine. Prints the
median of several runs per file, and the share of the time each stage takes
for the large file (YAML composition, inspection and building, the schema,
the semantic checks). Usage:

    .venv/bin/python benchmarks/validate.py [--runs N] [--size BYTES]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario import loader  # noqa: E402
from game.scenario.checks import check_scenario  # noqa: E402
from game.scenario.positions import SourceMap  # noqa: E402
from game.scenario.schema import Scenario  # noqa: E402
from game.scenario.yaml_reader import PARSER, Reader  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yaml"
TARGET_MS = 300.0


def large_scenario(size: int) -> str:
    """A valid scenario of about ``size`` bytes: the test fixture with many rich events.

    The events carry as many effects as the scenario limits allow (3,000 in
    all, 400 delayed slots), so the structure is as dense as a real file can
    be; long stories and questions make up the rest of the size.
    """
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["meta"]["id"] = "large"
    base = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    stakeholders = [s["id"] for s in data["stakeholders"]]
    story = ("The hospital board meets in an hour and the papers are already asking questions "
             "about the winter plan; the federation wants a seat at the table and the council "
             "wants its money back. ")
    events: list[dict[str, Any]] = []
    per_event = 0
    i = 0
    while len(events) < 58:
        choices = []
        for c in range(3):
            effects: list[dict[str, Any]] = []
            for k, who in enumerate(stakeholders):
                effects.append({"trust": {"who": who, "by": round(0.01 * (k + 1), 2)}})
                effects.append({"chance": {"p": f"0.2 + 0.5 * trust.{who}",
                                           "then": [{"support": {"who": who, "by": 0.05}}],
                                           "else": [{"metric": {"id": "finance", "by": -0.5}}]}})
            if c == 0:
                effects.append({"after": {"turns": 2, "do": [{"flag": {"id": f"echo_{i}", "to": 1}}]}})
            choices.append({"id": f"option_{c}", "text": f"Option {c}: " + story[: 80 + 10 * c],
                            "stance": ("partner", "push", "neutral")[c], "effects": effects,
                            "outcome": story * 15})
        events.append({"id": f"event_{i}", "title": f"Pressure point {i}", "text": story * 20,
                       "when": f"turn >= {1 + i % 6} and mean(trust) > 0.2",
                       "probability": 0.3, "choices": choices})
        if i == 0:
            per_event = len(yaml.safe_dump(events[0], sort_keys=False, allow_unicode=True))
        i += 1
        if len(base) + per_event * len(events) >= size:
            break
    data["events"] = data["events"] + events
    template = data["stakeholders"][0]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    while len(text.encode("utf-8")) < size and len(data["stakeholders"]) < 40:
        n = len(data["stakeholders"])
        data["stakeholders"].append({**template, "id": f"partner_{n}", "name": f"Partner {n}",
                                     "description": story * 20})
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return text


def median_ms(fn: Any, runs: int, clock: Any = time.perf_counter) -> float:
    """Median milliseconds of ``runs`` calls, by wall clock or another clock."""
    times = []
    for _ in range(runs):
        started = clock()
        result = fn()
        times.append((clock() - started) * 1000)
        del result  # freeing the result is not part of validating
    return statistics.median(times)


def stages(path: Path, runs: int) -> list[tuple[str, float]]:
    """Median time of each stage of validation on one file (collector paused, as in the loader)."""
    text = path.read_text(encoding="utf-8")

    def read() -> Any:
        return Reader(SourceMap(str(path), text)).read()

    with loader._collector_paused():
        source = SourceMap(str(path), text)
        data = Reader(source).read()
        scenario = Scenario.model_validate(data)
        return [
            ("parse events (libyaml)", median_ms(lambda: list(yaml.parse(text, Loader=PARSER)), runs)),
            ("read: events to data", median_ms(read, runs)),
            ("schema (pydantic)", median_ms(lambda: Scenario.model_validate(data), runs)),
            ("semantic checks", median_ms(lambda: check_scenario(scenario, source), runs)),
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs per file (the median is shown)")
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of the generated scenario")
    args = parser.parse_args()

    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "large.yaml"
        large.write_text(large_scenario(args.size), encoding="utf-8")
        result = loader.validate_path(large)
        if not result.ok:
            print("the generated scenario does not validate:", *result.errors[:5], sep="\n")
            return 1
        rows = []
        for path in [*files, large]:
            ms = median_ms(lambda p=path: loader.validate_path(p), args.runs)
            cpu = median_ms(lambda p=path: loader.validate_path(p), args.runs, time.process_time)
            name = path.name if path != large else f"generated ({path.stat().st_size / 1e6:.2f} MB)"
            rows.append((name, path.stat().st_size, ms, cpu))
        split = stages(large, args.runs)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"validate_path, median of {args.runs} runs (load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"{'file':<34} {'bytes':>10} {'wall ms':>9} {'cpu ms':>9} {'wall ms/100 kB':>15}")
    for name, size, ms, cpu in rows:
        print(f"{name:<34} {size:>10,} {ms:>9.1f} {cpu:>9.1f} {ms / (size / 1e5):>15.1f}")
    large_ms = rows[-1][2]
    verdict = "met" if large_ms < TARGET_MS else "NOT met"
    print(f"target for 1 MB: under {TARGET_MS:.0f} ms wall: {verdict} ({large_ms / TARGET_MS:.2f} of the budget; "
          "a busy machine inflates wall time, see cpu ms)")
    print()
    print("stages for the generated file (parsing is part of reading)")
    total = sum(ms for _, ms in split[1:])
    for name, ms in split:
        print(f"  {name:<26} {ms:>8.1f} ms  {100 * ms / total:>5.1f} % of validation")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
