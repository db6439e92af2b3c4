"""YAML syntax errors in plain words, with a hint at the usual cause.

The parser's own messages name what it expected; an author needs to know
what to change (spaces, not tabs; quotes around text containing `: `), so
each known message gets a hint, and the place the parser started from is
named when it is elsewhere.
"""

from __future__ import annotations

import yaml

from game.scenario.problems import Problem
from game.scenario.yaml_reader import MAX_DEPTH

_SYNTAX_HINTS = (
    ("tab", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "a colon followed by a space starts a new key; put text that "
     "contains `: ` in quotes"),
    ("did not find expected key", "check this line's indentation against the lines above"),
    ("expected <block end>", "check this line's indentation against the lines above"),
    ("did not find expected '-' indicator", "a list and a mapping are mixed at the same indentation"),
    ("undefined alias", "every `*name` needs an `&name` earlier in the file"),
    ("duplicate anchor", "each `&name` may be defined only once"),
    ("single document", "a scenario is one YAML document: remove the extra `---`"),
    ("end of stream", "a quote or bracket is not closed"),
    ("expected node content", "a value is missing here; is a bracket left open?"),
    ("cannot start any token", "text starting with `@`, a backtick, `%` or a tab must be put in quotes"),
)


def syntax_problem(label: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The parser's error as a problem at its position in ``text``."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "not valid YAML").strip()
    if "maximum nesting depth" in problem:  # libyaml's own limit, met before ours while scanning
        return Problem(label, line, column, "error", f"values are nested more than {MAX_DEPTH} levels deep; "
                       "flatten the structure")
    lines = text.split("\n")
    here = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    hint = ""
    for needle, advice in _SYNTAX_HINTS:
        if needle in problem or (needle == "tab" and here == "\t") or needle in (exc.context or ""):
            hint = f"; {advice}"
            break
    context = ""
    if exc.context and exc.context_mark and (exc.context_mark.line + 1, exc.context_mark.column + 1) != (line, column):
        where = exc.context_mark.line + 1, exc.context_mark.column + 1
        context = f" ({exc.context.removesuffix('; first occurrence')} at line {where[0]}, column {where[1]})"
    return Problem(label, line, column, "error", f"YAML syntax: {problem}{context}{hint}")
