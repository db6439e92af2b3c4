"""The scenario format's effects: a small closed vocabulary of what actions and choices do.

Part of the format defined in :mod:`game.scenario.schema` (import from there).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from game.scenario.problems import WordedError, words
from game.scenario.schema_types import MAX_EFFECTS, MAX_MAGNITUDE, Expression, Identifier, Strict

# --------------------------------------------------------------------------
# Effects: a small closed vocabulary

MAX_WHO_IDS = 40  # stakeholders named in one `who` list (as many as a scenario may have)

Who = Annotated[
    str
    | Annotated[list[Identifier], Field(min_length=1, max_length=MAX_WHO_IDS)]
    | Annotated[dict[Literal["where"], Expression], Field(min_length=1)],
    Field(
        description="Whom an effect applies to: `target` (the action's target stakeholder), `all`, a "
        "stakeholder id, a list of stakeholder ids (for example `[council, gp_federation]`), or "
        "`{where: <expression>}` for every stakeholder for which the expression holds "
        "(inside it, bare `trust`, `support`, `power`, `grievance`, `interest` mean that stakeholder's)."
    ),
]


class Change(Strict):
    by: float | None = Field(default=None, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE, description="Add this amount.")
    to: float | None = Field(default=None, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE, description="Set to this value.")

    @model_validator(mode="after")
    def _one_of(self) -> Change:
        if (self.by is None) == (self.to is None):
            raise WordedError(words("problem.schema.by_or_to"))
        return self


class StakeholderChange(Change):
    who: Who = Field(default="target", description="Whom it applies to.")


class MetricChange(Change):
    id: Identifier = Field(description="The metric.")


class ProgressChange(Change):
    programme: Identifier | Literal["target"] = Field(
        default="target", description="The programme, or `target` for the action's target programme."
    )


class FlagChange(Change):
    id: Identifier = Field(description="The flag (a number; 0 is false). Flags need no declaration.")


class ChanceSpec(Strict):
    p: float | Expression = Field(description="Probability of `then`, a number or an expression.")
    then: list[Effect] = Field(default_factory=list, max_length=MAX_EFFECTS, description="Effects if the chance comes up.")
    else_: list[Effect] = Field(
        default_factory=list, alias="else", max_length=MAX_EFFECTS, description="Effects otherwise."
    )


class AfterSpec(Strict):
    turns: int = Field(ge=1, le=60, description="How many turns later the effects apply.")
    do: list[Effect] = Field(max_length=MAX_EFFECTS, description="The delayed effects.")


class ForceSpec(Strict):
    programme: Identifier | Literal["target"] = Field(
        default="target", description="The programme pushed forward."
    )
    strength: float = Field(default=1.0, gt=0.0, le=5.0, description="Driving force of the push (1 = a full push).")


class DropSpec(Strict):
    programme: Identifier | Literal["target"] = Field(
        default="target", description="The programme abandoned."
    )


class EngageSpec(Strict):
    who: Who = Field(default="target", description="Whom the chief executive invests in.")
    strength: float = Field(default=1.0, gt=0.0, le=5.0, description="How much is invested (1 = a full turn's work).")


class TrustEffect(Strict):
    trust: StakeholderChange = Field(description="Change trust in the chief executive.")


class SupportEffect(Strict):
    support: StakeholderChange = Field(description="Change support for the change.")


class MetricEffect(Strict):
    metric: MetricChange = Field(description="Change a metric.")


class ProgressEffect(Strict):
    progress: ProgressChange = Field(description="Change a programme's progress (0 to 1).")


class RedLineChange(Strict):
    who: Who = Field(default="target", description="Whose red line it is.")
    holds: bool = Field(description="false: the red line is broken; true: the stakeholder draws one.")


class RedLineEffect(Strict):
    red_line: RedLineChange = Field(
        description="Break (or draw) a stakeholder's red line; the player learns of it either way."
    )


class FlagEffect(Strict):
    flag: FlagChange = Field(description="Set or change a flag.")


class ChanceEffect(Strict):
    chance: ChanceSpec = Field(description="Apply `then` with probability `p`, else `else`.")


class AfterEffect(Strict):
    after: AfterSpec = Field(description="Apply effects some turns later.")


class ForceEffect(Strict):
    force: ForceSpec = Field(description="Push a programme forward; those who oppose it may block (resistance rule).")


class DropEffect(Strict):
    drop: DropSpec = Field(
        description="Abandon a programme for the rest of the game: its progress stays where it is and no action can "
        "target it again."
    )


class EngageEffect(Strict):
    engage: EngageSpec = Field(description="Invest in relationships: a positive signal to trust.")


EFFECT_KINDS: dict[str, type[Strict]] = {
    "trust": TrustEffect,
    "support": SupportEffect,
    "metric": MetricEffect,
    "progress": ProgressEffect,
    "flag": FlagEffect,
    "red_line": RedLineEffect,
    "chance": ChanceEffect,
    "after": AfterEffect,
    "force": ForceEffect,
    "engage": EngageEffect,
    "drop": DropEffect,
}


def _effect_kind(value: Any) -> str | None:
    """Pick the effect model from the single key an effect mapping has."""
    if isinstance(value, dict):
        keys = [k for k in value if k in EFFECT_KINDS]
        return keys[0] if len(keys) == 1 else None
    for name, model in EFFECT_KINDS.items():
        if isinstance(value, model):
            return name
    return None


Effect = Annotated[
    Annotated[TrustEffect, Tag("trust")]
    | Annotated[SupportEffect, Tag("support")]
    | Annotated[MetricEffect, Tag("metric")]
    | Annotated[ProgressEffect, Tag("progress")]
    | Annotated[FlagEffect, Tag("flag")]
    | Annotated[RedLineEffect, Tag("red_line")]
    | Annotated[ChanceEffect, Tag("chance")]
    | Annotated[AfterEffect, Tag("after")]
    | Annotated[ForceEffect, Tag("force")]
    | Annotated[EngageEffect, Tag("engage")]
    | Annotated[DropEffect, Tag("drop")],
    Discriminator(
        _effect_kind,
        custom_error_type="effect_kind",
        custom_error_message="an effect is a mapping with exactly one of: " + ", ".join(EFFECT_KINDS),
    ),
]

ChanceSpec.model_rebuild()
AfterSpec.model_rebuild()
