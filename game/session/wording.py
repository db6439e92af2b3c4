"""Words for the numbers a session reports: dates, reasons, why an action is unavailable."""

from __future__ import annotations

from collections.abc import Iterable

from game.i18n import translate
from game.scenario.language import localise
from game.scenario.schema import Choice, Event, Scenario
from game.session.views import Reason, TurnRecord
from game.sim.decisions import Decision

# The model's rules, as the player reads them in the "why the numbers moved" feed.
RULE_WORDS = {
    "influence": "peers' influence",
    "advocacy": "your advocacy",
    "anchor": "pull of their own position",
    "drift": "trust fading without attention",
    "metric_drift": "the underlying trend",
    "scar": "old wounds healing",
    "reactance": "reaction against being forced",
    "resistance": "resistance to forced change",
    "forgiveness": "forgiveness",
    "coalition": "the coalition carrying the change",
    "management": "ordinary management",
    "disruption": "disruption from forced change",
    "benefit": "benefits of delivered change",
    "relationships": "the state of relationships",
    "noise": "chance",
    "drag": "blockers holding the change back",
    "push": "forcing the change",
    "engagement": "your engagement",
    "spillover": "trust spreading between peers",
    "events": "last turn's event choices",
}


class Namer:
    """Names of a scenario's stakeholders, programmes, metrics, actions and events in one language."""

    def __init__(self, scenario: Scenario, lang: str | None = None) -> None:
        fallback = scenario.meta.language
        self.lang = lang

        def text(value: str | dict[str, str]) -> str:
            return localise(value, lang, fallback)

        self.text = text
        self.stakeholders = {s.id: text(s.name) for s in scenario.stakeholders}
        self.programmes = {p.id: text(p.name) for p in scenario.programmes}
        self.metrics = {m.id: text(m.name) for m in scenario.metrics}
        self.units = {m.id: text(m.unit) for m in scenario.metrics}
        self.ranges = {m.id: max(m.max - m.min, 1e-9) for m in scenario.metrics}
        self.actions = {a.id: text(a.name) for a in scenario.actions}
        self.events = {e.id: text(e.title) for e in scenario.events}

    def subject(self, quantity: str, key: str) -> str:
        if quantity == "metric":
            return self.metrics.get(key, key)
        if quantity == "progress":
            return self.programmes.get(key, key)
        return self.stakeholders.get(key, key)

    def cause(self, source: str, quantity: str = "") -> str:
        if source in self.actions:
            return self.actions[source]
        if source in self.events:
            return self.events[source]
        if quantity == "metric" and f"metric_{source}" in RULE_WORDS:
            return translate(self.lang, f"rule.metric_{source}")
        if source in RULE_WORDS:
            return translate(self.lang, f"rule.{source}")
        return source.replace("_", " ")

    def reasons(self, contributions: Iterable[object]) -> list[Reason]:
        """Contributions (quantity, key, source, delta) summed per cause, in words."""
        totals: dict[tuple[str, str, str], float] = {}
        for c in contributions:
            quantity = str(getattr(c, "quantity", ""))
            key = str(getattr(c, "key", ""))
            source = str(getattr(c, "source", ""))
            delta = float(getattr(c, "delta", 0.0))
            totals[(quantity, key, source)] = totals.get((quantity, key, source), 0.0) + delta
        out = []
        for (quantity, key, source), delta in totals.items():
            if delta == 0.0:
                continue
            metric = quantity == "metric"
            out.append(
                Reason(
                    quantity,
                    key,
                    self.subject(quantity, key),
                    delta,
                    self.cause(source, quantity),
                    self.units.get(key, "") if metric else "",
                    from_decision=source in self.actions or source in self.events,
                    size=abs(delta) / self.ranges.get(key, 1.0) if metric else abs(delta),
                )
            )
        return out


def date_label(scenario: Scenario, turn: int, lang: str | None = None) -> str:
    """``Quarter 3 of 12, October 2026`` (the date only when the scenario has a start date)."""
    meta = scenario.meta
    label = localise(meta.turn_label, lang, meta.language)
    if not meta.start_date:
        return translate(lang, "session.turn_of", label=label, turn=turn, turns=meta.turns)
    year, month = (int(x) for x in meta.start_date.split("-"))
    months = (month - 1) + (turn - 1) * meta.months_per_turn
    when = translate(lang, f"month.{months % 12 + 1}")
    return translate(lang, "session.turn_of_date", label=label, turn=turn, turns=meta.turns, month=when, year=year + months // 12)


def event_choices(scenario: Scenario, record: TurnRecord) -> list[tuple[Event, Choice]]:
    """The events a turn asked about and the choice made in each, skipping any the scenario no
    longer has (a save replayed on an edited scenario)."""
    events = {e.id: e for e in scenario.events}
    out = []
    for event_id, index in record.choices:
        event = events.get(event_id)
        if event is not None and 0 <= index < len(event.choices):
            out.append((event, event.choices[index]))
    return out


def decisions_words(names: Namer, decisions: Iterable[Decision], lang: str | None) -> str:
    """A turn's decisions in words, one action with all its targets: ``Invest in a partnership: A, B``."""
    targets: dict[str, list[str]] = {}
    for d in decisions:
        shown = targets.setdefault(d.action, [])
        if d.target is not None:
            kind = "progress" if d.target in names.programmes else "trust"
            shown.append(names.subject(kind, d.target))
    parts = []
    for action, shown in targets.items():
        name = names.actions.get(action, action)
        parts.append(f"{name}{translate(lang, 'session.label_separator')}{', '.join(shown)}" if shown else name)
    return translate(lang, "fmt.list_separator").join(parts) or translate(lang, "timeline.no_action")
