"""YAML syntax errors in plain words, with a hint at the usual cause.

The parser's own messages name what it expected; an author needs to know
what to change (spaces, not tabs; quotes around text containing `: `), so
each known message gets a hint, and the place the parser started from is
named when it is elsewhere.
"""

from __future__ import annotations

import re

import yaml

from game.i18n.words import Words
from game.scenario.problems import Problem, plural, problem, words
from game.scenario.yaml_reader import MAX_DEPTH

_SYNTAX_HINTS = (
    ("tab", "tabs"),
    ("mapping values are not allowed", "colon"),
    ("did not find expected key", "indentation"),
    ("expected <block end>", "indentation"),
    ("did not find expected '-' indicator", "mixed"),
    ("undefined alias", "alias"),
    ("duplicate anchor", "anchor"),
    ("single document", "documents"),
    ("end of stream", "unclosed"),
    ("expected node content", "missing"),
    ("cannot start any token", "quote"),
)


# A line holding `key: value` (perhaps as a list item), and a line starting with a key.
_KEY_VALUE = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:][^:#]*?):[ \t]+(?P<value>[^\s#].*)?\Z")
_KEY_START = re.compile(r"(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?:[ \t]|\Z)")  # a key, not text
_INDENTATION_ERRORS = ("mapping values are not allowed", "did not find expected key", "expected <block end>")


def _over_indented(label: str, lines: list[str], line: int, said: str) -> Problem | None:
    """A key indented further than the `key: value` line above it: the line and column it belongs at."""
    if not any(needle in said for needle in _INDENTATION_ERRORS) or not 1 < line <= len(lines):
        return None
    here = _KEY_START.match(lines[line - 1])
    if here is None:
        return None
    above = line - 1
    while above > 0 and (not lines[above - 1].strip() or lines[above - 1].lstrip().startswith("#")):
        above -= 1
    found = _KEY_VALUE.match(lines[above - 1].rstrip()) if above > 0 else None
    if found is None or not found.group("value"):
        return None
    column = len(found.group("indent")) + len(found.group("dash") or "") + 1
    if len(here.group("indent")) + 1 <= column:
        return None
    key, above_key = here.group("key").strip(), found.group("key").strip()
    return problem(label, line, len(here.group("indent")) + 1, "error",
                   words("problem.syntax.over_indented", key=key, above=above_key, line=above, column=column))


def syntax_problem(label: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The parser's error as a problem at its position in ``text``."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    said = (exc.problem or "not valid YAML").strip()
    if "maximum nesting depth" in said:  # libyaml's own limit, met before ours while scanning
        return problem(label, line, column, "error", plural("problem.yaml.too_deep", MAX_DEPTH, limit=MAX_DEPTH))
    lines = text.split("\n")
    indentation = _over_indented(label, lines, line, said)
    if indentation is not None:
        return indentation
    here = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    hint: Words | str = ""
    for needle, advice in _SYNTAX_HINTS:
        if needle in said or (needle == "tab" and here == "\t") or needle in (exc.context or ""):
            hint = words(f"problem.syntax.hint.{advice}")
            break
    context: Words | str = ""
    if exc.context and exc.context_mark and (exc.context_mark.line + 1, exc.context_mark.column + 1) != (line, column):
        where = exc.context_mark.line + 1, exc.context_mark.column + 1
        context = words("problem.syntax.context", context=exc.context.removesuffix("; first occurrence"),
                        line=where[0], column=where[1])
    return problem(label, line, column, "error", words("problem.syntax", problem=said, context=context, hint=hint))
