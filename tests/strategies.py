"""Hypothesis strategies shared by the whole test suite.

* ``scenario_data()`` is the small valid fixture scenario as plain data.
* ``mutated_scenario_texts()`` damages it at random (keys deleted or
  misspelt, values of the wrong type, junk inserted, list items duplicated,
  lines repeated or dropped) and gives YAML text.
* ``expressions()`` builds valid expressions over given ids; ``junk_text()``
  is arbitrary text for parsers that must refuse it politely.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"

Data = Any
PathTo = tuple[str | int, ...]


@cache
def _minimal() -> Data:
    return yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))


def scenario_data() -> Data:
    """A fresh copy of the fixture scenario as plain data."""
    return copy.deepcopy(_minimal())


def paths_in(value: Data, here: PathTo = ()) -> list[PathTo]:
    """Every path to a value inside nested dicts and lists (the root excluded)."""
    found: list[PathTo] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append((*here, key))
            found.extend(paths_in(child, (*here, key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found.append((*here, i))
            found.extend(paths_in(child, (*here, i)))
    return found


def _parent(data: Data, path: PathTo) -> Data:
    for step in path[:-1]:
        data = data[step]
    return data


junk_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", "high", "target", "all", "trust.nobody > 1", "__import__('os')", "yes", "1e9", "~"]),
    st.text(max_size=12),
    st.lists(st.integers(min_value=0, max_value=3), max_size=3),
    st.dictionaries(st.sampled_from(["id", "who", "by", "junk", "where"]), st.integers(0, 2), max_size=2),
)

key_names = st.one_of(
    st.sampled_from(["id", "powr", "trust", "when", "effects", "else", "then", "junk", "who", "<<"]),
    st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
)


@st.composite
def mutated_data(draw: st.DrawFn, max_mutations: int = 4) -> Data:
    """The fixture with one to ``max_mutations`` random structural changes."""
    data = scenario_data()
    for _ in range(draw(st.integers(min_value=1, max_value=max_mutations))):
        paths = paths_in(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        step = path[-1]
        operation = draw(st.sampled_from(["delete", "replace", "insert", "duplicate", "rename"]))
        if operation == "delete":
            del parent[step]
        elif operation == "replace":
            parent[step] = draw(junk_values)
        elif operation == "insert":
            target = parent[step]
            if isinstance(target, dict):
                target[draw(key_names)] = draw(junk_values)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(junk_values))
            else:
                parent[step] = [target, draw(junk_values)]
        elif operation == "duplicate":
            if isinstance(parent, list):
                parent.append(copy.deepcopy(parent[step]))
            else:
                parent[step] = [copy.deepcopy(parent[step])] * 2
        elif isinstance(parent, dict):
            new_key = draw(key_names)
            parent[new_key] = parent.pop(step)
    return data


@st.composite
def mutated_scenario_texts(draw: st.DrawFn) -> str:
    """YAML text of a damaged fixture, sometimes damaged again line by line."""
    data = draw(mutated_data())
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    lines = text.split("\n")
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        i = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        operation = draw(st.sampled_from(["repeat", "drop", "junk", "indent"]))
        if operation == "repeat":
            lines.insert(i, lines[i])
        elif operation == "drop" and lines:
            del lines[i]
        elif operation == "junk":
            lines.insert(i, draw(st.sampled_from(["  - ", "::", "[", "key: [1, 2", "\t- x", "&a x", "*nope", "!!python/none x"])))
        elif lines:
            lines[i] = "  " + lines[i]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Expressions

NUMBERS = st.floats(min_value=0, max_value=10, allow_nan=False, allow_infinity=False).map(lambda x: f"{x:.3g}")


@st.composite
def expressions(draw: st.DrawFn, stakeholders: tuple[str, ...], depth: int = 3) -> str:
    """A valid run-level expression over the given stakeholder ids."""
    quantity = st.one_of(
        st.sampled_from(["turn", "turns"]),
        st.builds(lambda ns, sid: f"{ns}.{sid}", st.sampled_from(["trust", "support", "power", "grievance"]),
                  st.sampled_from(stakeholders)),
        st.builds(lambda fn, ns: f"{fn}({ns})", st.sampled_from(["mean", "wmean", "min", "max"]),
                  st.sampled_from(["trust", "support", "grievance"])),
        st.builds(lambda ns, x: f"count({ns} > {x})", st.sampled_from(["trust", "support"]), NUMBERS),
        NUMBERS,
    )
    if depth <= 0:
        return draw(quantity)
    smaller = expressions(stakeholders, depth - 1)
    form = draw(st.sampled_from(["leaf", "arith", "compare", "logic", "not", "call", "paren"]))
    if form == "leaf":
        return draw(quantity)
    if form == "arith":
        return f"{draw(smaller)} {draw(st.sampled_from(['+', '-', '*', '/']))} {draw(smaller)}"
    if form == "compare":
        return f"{draw(smaller)} {draw(st.sampled_from(['<', '<=', '>', '>=', '==', '!=']))} {draw(smaller)}"
    if form == "logic":
        return f"({draw(smaller)}) {draw(st.sampled_from(['and', 'or']))} ({draw(smaller)})"
    if form == "not":
        return f"(not ({draw(smaller)}))"
    if form == "call":
        name = draw(st.sampled_from(["min", "max", "abs", "clip"]))
        if name == "abs":
            return f"abs({draw(smaller)})"
        if name == "clip":
            return f"clip({draw(smaller)}, 0, 1)"
        return f"{name}({draw(smaller)}, {draw(smaller)})"
    return f"({draw(smaller)})"


junk_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="()[]{}.,:;+-*/<>=!&|^~%@ _abcdefgxyz0123456789'\"\\\n\t", max_size=60),
)


def layout_sizes() -> st.SearchStrategy[list[int | Any]]:
    """The parts of a row or column (game.ui.layout): fixed pixel sizes and flexible shares, mixed."""
    from game.ui.layout import Share

    share = st.builds(Share, st.sampled_from([0.5, 1.0, 1.0, 2.0, 3.0]))
    return st.lists(st.one_of(st.integers(0, 400), share), min_size=1, max_size=8)
