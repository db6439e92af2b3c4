"""A workshop.yaml or session file of the wrong shape, said in the facilitator's language.

Pydantic finds what is wrong with the file's structure (a missing or unknown
key, text where a number belongs, a list too long); :func:`shape_problems` puts
each finding at its ``file:line:col``, as the scenario loader does. Each
finding is worded by :func:`error_reason`: in the scenario loader's words
(:func:`~game.scenario.schema_errors.describe_words`) for the mistakes the two
share, and in the workshop's own for its fingerprints, the facilitator's word,
team names, texts with a least length and the seed's bounds, so that
``--lang fr`` says every one in French.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from game.i18n.words import Words
from game.scenario.positions import ModelPath, SourceMap
from game.scenario.problems import Problem, words
from game.scenario.schema_errors import describe_words
from game.workshop.problems import TeamNameError, placed

# The patterns of the workshop's fields that the scenario loader has no words for, and what each asks for.
_PATTERNS = {
    r"^[0-9a-f]{64}$": "workshop.shape.pattern.sha256",
    r"^[A-Za-z0-9_-]+$": "workshop.shape.pattern.word",
}

# A seed lies in 0 <= seed < 2**63: a bound error names only the bound crossed, as the other is out of reach.
_SEED_BOUNDS = {"greater_than_equal": "ge", "less_than": "lt"}


def shape_problems(exc: ValidationError, source: SourceMap, root: type[BaseModel]) -> list[Problem]:
    """Every finding of a validation of ``root``, at its place, one per place."""
    out: list[Problem] = []
    seen: set[tuple[ModelPath, bool]] = set()
    for error in exc.errors(include_url=False):
        path, is_key = source.resolve_loc(error["loc"])
        as_key = is_key or error["type"] == "extra_forbidden"
        if (path, as_key) in seen:
            continue
        seen.add((path, as_key))
        reason = error_reason(error, root, is_key=is_key)
        out.append(placed(source.problem(path, "error", "", key=as_key), reason))
    return out


def error_reason(error: Any, root: type[BaseModel], *, yaml_tips: bool = True, is_key: bool = False) -> Words:
    """One pydantic error (from ``errors()``) of a validation of ``root``, in words.

    ``yaml_tips`` adds how to write the value in YAML; ``is_key`` says the error is about a
    mapping key rather than its value."""
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")) in _PATTERNS:
        return Words(_PATTERNS[str(ctx.get("pattern", ""))], value=value)
    if kind == "string_too_short" and int(ctx.get("min_length", 1)) > 1:
        least = int(ctx.get("min_length", 1))
        return Words.counted("workshop.shape.text_too_short", least, least=least, has=len(str(value)))
    if kind in _SEED_BOUNDS and loc and loc[-1] == "seed":
        bound = _SEED_BOUNDS[kind]
        return words("problem.schema.bound", bound=words(f"problem.schema.bound.{bound}", n=str(ctx.get(bound))),
                     got=str(value))
    found = ctx.get("error")
    if kind == "value_error" and isinstance(found, TeamNameError):
        return found.reason
    return describe_words(error, root, is_key, tips=yaml_tips)
