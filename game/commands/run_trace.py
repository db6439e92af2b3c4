"""`shove run --trace` as text: one compact block per turn, in the user's language.

Each block says what was decided, which events fired and how they were
answered, who blocked, then a table of every stakeholder's trust and support
with the change over the turn, each programme's progress and each metric in
its own unit (points for percentages), as the terminal game writes them
(``game.text_ui.render``: a plain hyphen for minus, ``±0`` for no change).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from game import i18n
from game.i18n import translate
from game.i18n.numbers import number
from game.scenario.language import localise
from game.scenario.schema import Scenario
from game.session import amounts
from game.text_ui.render import MINUS, points, unit_change


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """The game's number formatters (which follow the current language) in ``lang`` for a while."""
    before = i18n.language()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(before)


def _table(rows: list[list[str]], indent: str) -> list[str]:
    """Rows of cells with the first column left-aligned and the others right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def trace_text(scenario: Scenario, engine: Any, traj: Any, lang: str) -> str:
    """Every turn of the replayed game ``traj`` (``game.sim.batch.Trajectory``) as text in ``lang``."""
    with _speaking(lang):
        return "\n".join(_lines(scenario, engine, traj, lang))


def _lines(scenario: Scenario, engine: Any, traj: Any, lang: str) -> list[str]:
    def plain(text: str | dict[str, str]) -> str:
        return localise(text, lang, fallback=scenario.meta.language)

    def say(key: str, /, **fields: object) -> str:
        return translate(lang, f"run.trace.{key}", **fields)

    separator = translate(lang, "fmt.list_separator")
    names = {s.id: plain(s.name) for s in scenario.stakeholders}
    programmes = {p.id: plain(p.name) for p in scenario.programmes}
    actions = {a.id: plain(a.name) for a in scenario.actions}
    events = {e.id: e for e in scenario.events}
    metrics = {m.id: m for m in scenario.metrics}
    label = plain(scenario.meta.turn_label)
    label = label[:1].upper() + label[1:]

    def percent(share: float) -> str:
        return translate(lang, "fmt.percent", n=number(100 * share, lang, 0))

    lines = [say("heading")]
    before = (traj.start_trust, traj.start_support, traj.start_progress, traj.start_metrics)
    for frame in traj.turns:
        trust0, support0, progress0, metrics0 = before
        lines.append("")
        lines.append(say("turn", label=label, turn=frame.turn))
        done = []
        for d in frame.decisions:
            name = actions.get(d.action, d.action)
            if d.target:
                name = translate(lang, "run.targeted", action=name,
                                 target=names.get(d.target, programmes.get(d.target, d.target)))
            done.append(name)
        lines.append("  " + say("decisions", decisions=separator.join(done) or translate(lang, "run.nothing")))
        for event_id in frame.fired:
            event = events[event_id]
            title = plain(event.title)
            if event_id in frame.choices and event.choices:
                answer = plain(event.choices[frame.choices[event_id]].text)
                lines.append("  " + say("answered", event=title, choice=answer))
            else:
                lines.append("  " + say("event", event=title))
        if frame.blocked:
            lines.append("  " + say("blocked", names=separator.join(names.get(s, s) for s in frame.blocked)))
        rows = [[say("stakeholder"), say("trust"), say("support")]]
        for i, sid in enumerate(engine.stakeholders):
            rows.append([
                names.get(sid, sid),
                f"{percent(frame.trust[i])} ({points(frame.trust[i] - trust0[i])})",
                f"{percent(frame.support[i])} ({points(frame.support[i] - support0[i])})",
            ])
        lines += _table(rows, "  ")
        if engine.programmes:
            shown = [f"{programmes.get(pid, pid)} {percent(frame.progress[k])} ({points(frame.progress[k] - progress0[k])})"
                     for k, pid in enumerate(engine.programmes)]
            lines.append("  " + say("progress", items=separator.join(shown)))
        if engine.metrics:
            shown = []
            for j, mid in enumerate(engine.metrics):
                m = metrics[mid]
                unit = plain(m.unit)
                digits = amounts.span_digits(m.max - m.min)
                value = amounts.amount(float(frame.metrics[j]), unit, digits, minus=MINUS)
                shown.append(f"{plain(m.name)} {value} ({unit_change(float(frame.metrics[j] - metrics0[j]), unit, digits)})")
            lines.append("  " + say("metrics", items=separator.join(shown)))
        lines.append("  " + say("score", score=number(frame.score, lang, 1)))
        before = (frame.trust, frame.support, frame.progress, frame.metrics)
    return lines
