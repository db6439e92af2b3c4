"""The scenario format's shared pieces: ids, texts, expressions, limits and the strict base model.

Part of the format defined in :mod:`game.scenario.schema` (import from there).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler

# --------------------------------------------------------------------------
# Shared pieces

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]{0,47}$",
        description="A short name used in references and expressions: lower-case letters, "
        "digits and underscores, starting with a letter (for example `gp_federation`).",
    ),
]

# Limits that keep a scenario from strangers within what the game can show and
# compute (docs/security.md explains each value).
NAME_MAX_LENGTH = 80  # names and titles: one line on a card or the map (longest built-in: 60)
TEXT_MAX_LENGTH = 5000  # a paragraph or a briefing: about 800 words (longest built-in: under 900)
MAX_TRANSLATIONS = 12  # languages given for one text
MAX_EFFECTS = 30  # effects in one list (built-ins use at most 5)
MAX_CHOICES = 6  # choices in one event (the game shows two or three)
MAX_EXPECTATION_RUNS = 100_000
# Largest size of a metric value, an effect's amount or a weight: far past any real figure
# (a system's budget in £m), and far enough inside a float's range that sums never overflow.
MAX_MAGNITUDE = 1e9  # runs in one expectation: `shove test` stays within minutes

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]

# Longest `file:` value in a text written as `{file: NAME}` (see game.scenario.text_files).
TEXT_FILE_NAME_MAX_LENGTH = 240


class TextFile(BaseModel):
    """A text kept in its own .md or .txt file beside the scenario, written `{file: NAME}`."""

    # Only the JSON Schema uses this model: the loader reads the file in place of the mapping
    # before validation (game.scenario.text_files), so a checked scenario holds only strings.

    model_config = ConfigDict(extra="forbid")

    file: str = Field(
        max_length=TEXT_FILE_NAME_MAX_LENGTH,
        pattern=r"^[^/\\].*\.([Mm][Dd]|[Tt][Xx][Tt])$",
        description="A .md or .txt file in the scenario's folder, for example `texts/briefing.md`.",
    )


class _OrFromFile:
    """In the JSON Schema only: a text may also be written `{file: NAME}` (one shared definition)."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"anyOf": [handler(core_schema), handler(TextFile.__pydantic_core_schema__)]}


_FROM_FILE = _OrFromFile()
_LongString = Annotated[str, Field(max_length=TEXT_MAX_LENGTH), _FROM_FILE]
_ShortString = Annotated[str, Field(max_length=NAME_MAX_LENGTH), _FROM_FILE]

LocalisedText = Annotated[
    _LongString | Annotated[dict[LanguageCode, _LongString], Field(max_length=MAX_TRANSLATIONS)],
    Field(
        description="Text the player reads: either a plain string in the scenario's language, "
        "or a map from language code to string (for example `{en: Hello, fr: Bonjour}`); "
        f"at most {TEXT_MAX_LENGTH:,} characters in each language. A long text may be kept in a "
        "`.md` or `.txt` file beside the scenario: write `{file: briefing.md}` in place of the "
        "string, or of one language's string (`{en: {file: briefing.en.md}, fr: {file: briefing.fr.md}}`); "
        "see [Texts in their own files](#texts-in-their-own-files).",
    ),
]

ShortText = Annotated[
    _ShortString | Annotated[dict[LanguageCode, _ShortString], Field(max_length=MAX_TRANSLATIONS)],
    Field(
        description="A name or title the player reads, written like Text (a string, a map from "
        f"language code to string, or `{{file: NAME}}`), at most {NAME_MAX_LENGTH} characters in each "
        "language so it fits on one line of a card.",
    ),
]

Expression = Annotated[
    str,
    Field(
        min_length=1,
        max_length=2000,
        description="An expression over scenario quantities, for example "
        "`turn >= 4 and trust.gp_federation < 0.3`. See the expression reference.",
    ),
]

Unit = Annotated[float, Field(ge=0.0, le=1.0)]


class Strict(BaseModel):
    """Base for every part of a scenario: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
