"""What stakeholders say after a turn: the scenario's `reactions`, or the game's own lines.

A turn's **triggers** are worked out per stakeholder from the turn's record and
the numbers before and after it (never from hidden state):

* ``engaged``: a partnership action aimed at the stakeholder (its target, or
  named by an `engage` effect of an action without a target);
* ``confronted``: a push aimed at the stakeholder;
* ``pushed``: an action whose `force` effect drives a programme that touches
  the stakeholder (its `affects`, or everyone when that is empty);
* ``overruled``: pushed while the stakeholder opposed the change (support
  below :data:`OBJECTION_BELOW` at the start of the turn), and nobody blocked;
* ``decided``: a `force` effect drove any programme and nobody blocked (for
  everyone, whether the programme touches them or not);
* ``answered``: an event was answered this turn (a reaction may name which);
* ``blocked``: the stakeholder blocked a push;
* ``red_line``: the stakeholder's red line came to light this turn;
* ``dropped``: an action's `drop` effect abandoned a programme that touches
  the stakeholder;
* ``turn``: every turn (the reaction's condition alone decides).

Of the reactions whose trigger fired and whose `when` holds once the turn and
its events are played (read as a hint's, with the player's record), each
stakeholder says at most one, the most pressing trigger first
(:data:`PRIORITY`), and the turn shows at most :data:`MOST` lines, the more
powerful speaker first on equal triggers, then the scenario's order. A
scenario that writes no reactions hears the game's own lines (catalogue keys
``reaction.TRIGGER.MOOD``, and ``reaction.kind.KIND.blocked`` for a block),
chosen by trigger and the speaker's mood (:func:`game.faces.mood_of`); an
event's answer is then voiced by the stakeholders its choice names.
Everything is a pure function of the game, so a seed and its moves always
give the same lines.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from game.faces import mood_of
from game.i18n import catalogue, translate
from game.scenario.schema import (
    DropEffect,
    EngageEffect,
    Event,
    ForceEffect,
    RedLineChange,
    Scenario,
    StakeholderChange,
)
from game.session.reflection import fitting
from game.session.views import ReactionView, Snapshot, TurnRecord
from game.session.wording import Namer
from game.sim.decisions import TurnRecord as LoggedTurn
from game.sim.engine import Engine
from game.sim.state import State

__all__ = ["MOST", "OBJECTION_BELOW", "PRIORITY", "event_speaker", "event_touches", "shown_reactions", "triggers"]

MOST = 3  # lines a turn shows
OBJECTION_BELOW = 0.5  # support under which a stakeholder objects to a push on what touches it
PRIORITY = ("blocked", "red_line", "dropped", "overruled", "confronted", "answered", "engaged", "pushed", "decided",
            "turn")


def _effects_within(value: Any) -> Iterator[BaseModel]:
    """Every effect model inside ``value`` (chances and delays included)."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _effects_within(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _effects_within(item)


def _named(who: object, ids: Sequence[str], target: str | None) -> list[str]:
    """The stakeholders a `who` names by id (`target` is the decision's target; `all` and `where` name nobody)."""
    if isinstance(who, str):
        if who == "target":
            return [target] if target is not None and target in ids else []
        return [who] if who in ids else []
    if isinstance(who, list):
        return [w for w in who if w in ids]
    return []


@functools.cache
def _built_in_keys() -> frozenset[str]:
    """Every key of the game's own texts (the English catalogue has them all)."""
    return frozenset(catalogue("en"))


def triggers(scenario: Scenario, record: TurnRecord, before: Snapshot) -> dict[str, set[str]]:
    """Each stakeholder's triggers in the turn ``record`` (which started at ``before``)."""
    ids = [s.id for s in scenario.stakeholders]
    actions = {a.id: a for a in scenario.actions}
    programmes = {p.id: p for p in scenario.programmes}
    out: dict[str, set[str]] = {sid: {"turn"} for sid in ids}
    forced = False
    for decision in record.decisions:
        action = actions.get(decision.action)
        if action is None:
            continue
        target = decision.target
        if action.stance == "partner":
            aimed = [target] if target in out else []
            if target is None:
                for effect in _effects_within(action.effects):
                    if isinstance(effect, EngageEffect):
                        aimed += _named(effect.engage.who, ids, None)
            for sid in aimed:
                out[sid].add("engaged")
        if action.stance == "push" and target in out:
            out[target].add("confronted")
        for effect in _effects_within(action.effects):
            if isinstance(effect, ForceEffect | DropEffect):
                spec = effect.force if isinstance(effect, ForceEffect) else effect.drop
                programme = programmes.get((target if spec.programme == "target" else spec.programme) or "")
                if programme is None:
                    continue
                forced |= isinstance(effect, ForceEffect)
                for sid in programme.affects or ids:
                    if sid in out:
                        out[sid].add("pushed" if isinstance(effect, ForceEffect) else "dropped")
    for sid in ids:
        if sid in record.blocked:
            out[sid].add("blocked")
        elif "pushed" in out[sid] and not record.blocked and before.support.get(sid, 1.0) < OBJECTION_BELOW:
            out[sid].add("overruled")
        if before.red_line.get(sid) != "holds" and record.after.red_line.get(sid) == "holds":
            out[sid].add("red_line")
        if record.choices:
            out[sid].add("answered")
        if forced and not record.blocked:
            out[sid].add("decided")
    return out


def _event_mentions(event: Event, ids: Sequence[str]) -> list[str]:
    """Every stakeholder an event's choices name (by id) in trust, support, engagement or red-line effects,
    once per mention."""
    named: list[str] = []
    for choice in event.choices:
        for effect in _effects_within(choice.effects):
            if isinstance(effect, StakeholderChange):
                named += _named(effect.who, ids, None)
            elif isinstance(effect, EngageEffect):
                named += _named(effect.engage.who, ids, None)
            elif isinstance(effect, RedLineChange):
                named += _named(effect.who, ids, None)
    return named


def event_touches(scenario: Scenario, event_id: str) -> list[str]:
    """The stakeholders an event's choices touch (in the scenario's order), highlighted while it waits."""
    event = next((e for e in scenario.events if e.id == event_id), None)
    ids = [s.id for s in scenario.stakeholders]
    named = _event_mentions(event, ids) if event is not None else []
    return [sid for sid in ids if sid in named]


def event_speaker(scenario: Scenario, event_id: str) -> str | None:
    """Who an event's portrait shows: the stakeholder its choices name most often (the more powerful on a
    tie), or None when they name nobody."""
    event = next((e for e in scenario.events if e.id == event_id), None)
    if event is None:
        return None
    named = _event_mentions(event, [s.id for s in scenario.stakeholders])
    if not named:
        return None
    power = {s.id: s.power for s in scenario.stakeholders}
    return max(dict.fromkeys(named), key=lambda sid: (named.count(sid), power[sid]))


def _chosen_touches(scenario: Scenario, record: TurnRecord) -> set[str]:
    """The stakeholders named by the choices made this turn (who voices an event's answer)."""
    ids = [s.id for s in scenario.stakeholders]
    events = {e.id: e for e in scenario.events}
    out: set[str] = set()
    for event_id, index in record.choices:
        event = events.get(event_id)
        if event is None or not 0 <= index < len(event.choices):
            continue
        for effect in _effects_within(event.choices[index].effects):
            if isinstance(effect, StakeholderChange):
                out.update(_named(effect.who, ids, None))
    return out


def shown_reactions(engine: Engine, state: State, log: Sequence[LoggedTurn], over: bool, record: TurnRecord,
                    before: Snapshot, names: Namer, lang: str | None) -> list[ReactionView]:
    """The lines said after the turn ``record`` (complete: its events answered), most pressing first."""
    scenario = engine.scenario
    fired = triggers(scenario, record, before)
    power = {s.id: s.power for s in scenario.stakeholders}
    order = {s.id: i for i, s in enumerate(scenario.stakeholders)}
    after = record.after
    chosen_events = {event_id for event_id, _ in record.choices}
    candidates: list[tuple[tuple[float, ...], str, str, int, str]] = []  # (rank, who, trigger, index, key)
    if scenario.reactions:
        eligible = []
        for i, reaction in enumerate(scenario.reactions):
            if reaction.who not in fired or reaction.trigger not in fired[reaction.who]:
                continue
            if reaction.trigger == "answered" and reaction.event is not None and reaction.event not in chosen_events:
                continue
            eligible.append((i, reaction))
        fits = fitting(engine, state, log, over, [r.when for _, r in eligible])
        for (i, reaction), ok in zip(eligible, fits, strict=True):
            if ok:
                rank = (PRIORITY.index(reaction.trigger), -power[reaction.who], order[reaction.who], i)
                candidates.append((rank, reaction.who, reaction.trigger, i, ""))
    else:
        voices = _chosen_touches(scenario, record)
        known = _built_in_keys()
        for sid, said in fired.items():
            mood = mood_of(after.trust[sid], after.support[sid], "blocked" in said)
            for trigger in said:
                if trigger in ("turn", "decided") or (trigger == "answered" and sid not in voices):
                    continue
                if trigger == "blocked":
                    kind = next(s.kind for s in scenario.stakeholders if s.id == sid)
                    key = f"reaction.kind.{kind}.blocked"
                    key = key if key in known else "reaction.blocked"
                else:
                    key = f"reaction.{trigger}.{mood}"
                rank = (PRIORITY.index(trigger), -power[sid], order[sid], 0)
                candidates.append((rank, sid, trigger, -1, key))
    out: list[ReactionView] = []
    spoken: set[str] = set()
    lines: set[str] = set()
    for _, sid, trigger, index, key in sorted(candidates):
        text = names.text(scenario.reactions[index].text) if index >= 0 else translate(lang, key)
        if sid in spoken or text in lines:  # one line per speaker, and never the same words twice in a turn
            continue
        spoken.add(sid)
        lines.add(text)
        mood = mood_of(after.trust[sid], after.support[sid], sid in record.blocked)
        out.append(ReactionView(who=sid, name=names.stakeholders.get(sid, sid), text=text, trigger=trigger, mood=mood,
                                index=index, key=key))
        if len(out) == MOST:
            break
    return out
