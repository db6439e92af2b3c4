"""The scenario format: the single source of truth.

Every scenario file is checked against these models. The JSON Schema for
editors (`shove schema`, `docs/scenario.schema.json`) and the field reference
in `docs/authoring.md` are generated from this module, and tests fail when the
generated copies are stale. Its shared pieces (ids, texts, limits) live in
:mod:`game.scenario.schema_types` and the effects in
:mod:`game.scenario.schema_effects`; every name is importable from here.

Expressions (conditions, probabilities) are plain strings here; their grammar
lives in `game.scenario.expressions` and they are checked in the semantic pass.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    Discriminator,
    Field,
    SerializerFunctionWrapHandler,
    Tag,
    model_serializer,
    model_validator,
)

from game.scenario.problems import WordedError, words
from game.scenario.schema_effects import (
    EFFECT_KINDS,
    AfterEffect,
    AfterSpec,
    ChanceEffect,
    ChanceSpec,
    DropEffect,
    DropSpec,
    Effect,
    EngageEffect,
    EngageSpec,
    FlagChange,
    FlagEffect,
    ForceEffect,
    ForceSpec,
    MetricChange,
    MetricEffect,
    ProgressChange,
    ProgressEffect,
    RedLineChange,
    RedLineEffect,
    StakeholderChange,
    SupportEffect,
    TrustEffect,
    Who,
)
from game.scenario.schema_types import (
    MAX_CHOICES,
    MAX_EFFECTS,
    MAX_EXPECTATION_RUNS,
    MAX_MAGNITUDE,
    MAX_TRANSLATIONS,
    NAME_MAX_LENGTH,
    TEXT_FILE_NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Expression,
    Identifier,
    LanguageCode,
    LocalisedText,
    ShortText,
    Strict,
    TextFile,
    Unit,
)

# --------------------------------------------------------------------------
# Metadata


class Metadata(Strict):
    id: Identifier = Field(description="The scenario's id; for built-ins, the file name without `.yaml`.")
    title: ShortText = Field(description="The title shown on the title screen.")
    summary: LocalisedText = Field(description="One or two sentences shown in the scenario picker.")
    author: str = Field(default="", max_length=200, description="Who wrote the scenario.")
    version: str = Field(
        default="1.0",
        max_length=40,
        description="The scenario's own version; saves and workshop sessions record it.",
    )
    language: str = Field(
        default="en",
        pattern=r"^[a-z]{2}(-[A-Z]{2})?$",
        description="The language of plain-string texts (an ISO 639-1 code such as `en` or `fr`).",
    )
    languages: list[LanguageCode] = Field(
        default_factory=list,
        max_length=MAX_TRANSLATIONS,
        description="Further languages this scenario is translated into; `shove validate` warns "
        "where a text lacks one of them.",
    )
    turns: int = Field(ge=1, le=60, description="How many turns the game lasts.")
    turn_label: ShortText = Field(
        default="Quarter", description="What one turn is called (for example `Quarter` or `Month`)."
    )
    start_date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="The date of the first turn as `YYYY-MM`; turns then advance by `months_per_turn`.",
    )
    months_per_turn: int = Field(default=3, ge=1, le=12, description="Calendar months in one turn.")
    difficulty: Literal["introductory", "standard", "hard"] = Field(
        default="standard", description="How hard the scenario is, shown in the picker."
    )
    estimated_minutes: int = Field(
        default=30, ge=1, le=600, description="How long a game takes a player, in minutes."
    )
    leadership_time: int = Field(
        default=3,
        ge=1,
        le=20,
        description="Leadership time (action points) the chief executive has each turn.",
    )
    briefing: LocalisedText = Field(
        default="", description="The situation and the mandate, shown before the first turn."
    )


# --------------------------------------------------------------------------
# Stakeholders and the influence network

StakeholderKind = Literal[  # the built-in kinds, named in the game's own catalogues
    "provider",
    "clinicians",
    "primary_care",
    "local_government",
    "commissioner",
    "regulator",
    "national",
    "patients",
    "staff",
    "media",
    "political",
    "private",
    "other",
]


BUILT_IN_KINDS: tuple[str, ...] = get_args(StakeholderKind)

# The symbols the map can draw for a kind of stakeholder (game/ui/shapes.py draws each).
KindSymbol = Literal[
    "circle", "square", "diamond", "triangle", "triangle_down", "pentagon", "hexagon", "octagon", "star", "cross",
]
MAX_KINDS = 20  # kinds a scenario declares: each is one entry of the map's legend


class Kind(Strict):
    """A kind of stakeholder the scenario names itself (a university, a police service), with its map symbol."""

    id: Identifier = Field(description="What a stakeholder's `kind` names (for example `university`).")
    name: ShortText = Field(description="The kind's name in the map's legend (for example `University`).")
    symbol: KindSymbol = Field(default="circle", description="The symbol drawn for stakeholders of this kind.")


class Persona(Strict):
    """Optional per-stakeholder adjustments to the model's general parameters."""

    reactance: float = Field(
        default=1.0,
        ge=0.0,
        le=5.0,
        description="Multiplier on how far forcing pushes this stakeholder's anchored position away "
        "from the change when trust is low (1 = the model's default).",
    )
    forgiveness: float = Field(
        default=1.0,
        ge=0.0,
        le=5.0,
        description="Multiplier on how quickly this stakeholder lets go of grievance.",
    )
    openness: float = Field(
        default=1.0,
        ge=0.0,
        le=5.0,
        description="Multiplier on how much engagement moves this stakeholder's trust.",
    )
    memory: float = Field(
        default=1.0,
        ge=0.0,
        le=5.0,
        description="Multiplier on how much scar a hostile move leaves (a long memory heals slowly).",
    )


class Stakeholder(Strict):
    id: Identifier = Field(description="Used in references and expressions (`trust.<id>`).")
    name: ShortText = Field(description="The stakeholder's name as the player sees it.")
    short: ShortText = Field(
        default="", description="A few words shown under the name on the map (for example `Acute hospital board`)."
    )
    description: LocalisedText = Field(
        default="", description="A paragraph shown in the stakeholder's card and tooltip."
    )
    kind: StakeholderKind | Identifier = Field(
        default="other",
        description="What sort of organisation or group this is; sets the map symbol: one of the built-in kinds, "
        "or a kind the scenario declares under `kinds`.",
    )
    power: Unit = Field(description="Ability to impose its will or block the change, 0 to 1.")
    legitimacy: Unit = Field(
        default=0.5, description="How proper its claims are seen to be, 0 to 1 (stakeholder salience)."
    )
    urgency: Unit = Field(
        default=0.5, description="How pressing it finds its own claims, 0 to 1 (stakeholder salience)."
    )
    interest: Unit = Field(
        default=0.5, description="How much it cares about this change, 0 to 1 (power/interest grid)."
    )
    trust: Unit = Field(description="Initial trust in the chief executive, 0 to 1.")
    support: Unit = Field(description="Initial support for the strategic change, 0 to 1.")
    stubbornness: Unit = Field(
        default=0.5,
        description="How strongly it holds to its own position, 0 (easily persuaded) to 1 (immovable).",
    )
    red_line: Unit = Field(
        default=0.0,
        description=(
            "The chance, drawn once per game, that it holds a red line: hidden until you engage with it or it "
            "blocks; while its support is below the model's `red_line_support`, it blocks any push it is exposed "
            "to with probability `red_line_block`, however much it trusts you."
        ),
    )
    persona: Persona = Field(
        default_factory=Persona, description="Optional adjustments to the general model for this stakeholder."
    )
    portrait: str = Field(
        default="",
        max_length=TEXT_FILE_NAME_MAX_LENGTH,
        description="A picture of the stakeholder: a PNG file named relative to the scenario's folder (for "
        "example `faces/mayor.png`), at most 2 MB, each side 32 to 2048 pixels and at most 1,048,576 pixels "
        "in all. A file that breaks a limit is a warning and the game draws a face instead, as it does when "
        "this is absent (a face chosen from the id and kind, whose expression follows trust and support).",
    )

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_unset(handler(self), portrait="")


class Influence(Strict):
    source: Identifier = Field(description="The stakeholder who influences.")
    target: Identifier = Field(description="The stakeholder who listens.")
    weight: float = Field(
        gt=0.0, le=1.0, description="How much the target listens to the source, above 0 up to 1."
    )
    antagonist: bool = Field(
        default=False,
        description="True when the target moves away from the source's position (rivals).",
    )


# --------------------------------------------------------------------------
# Metrics and change programmes


class Metric(Strict):
    id: Identifier = Field(description="Used in references and expressions (`metric.<id>`).")
    name: ShortText = Field(description="The metric's name as the player sees it.")
    unit: ShortText = Field(default="", description="The unit shown after values (for example `%` or `£m`).")
    initial: float = Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE, description="Value at the start.")
    min: float = Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE, description="Lowest possible value.")
    max: float = Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE, description="Highest possible value.")
    target: float = Field(
        ge=-MAX_MAGNITUDE,
        le=MAX_MAGNITUDE,
        description="The value the system aims for; the score measures distance to it.",
    )
    higher_is_better: bool = Field(default=True, description="Whether a higher value is better.")
    description: LocalisedText = Field(default="", description="What the metric measures, for the tooltip.")
    drift: float = Field(
        default=0.0,
        ge=-MAX_MAGNITUDE,
        le=MAX_MAGNITUDE,
        description="How much the metric moves by itself each turn if nothing is done (for example "
        "a deficit that grows).",
    )
    noise: float = Field(
        default=0.0, ge=0.0, le=MAX_MAGNITUDE, description="Standard deviation of random movement each turn, in the metric's unit."
    )
    benefits_from: dict[Identifier, Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]] = Field(
        default_factory=dict,
        max_length=10,
        description="Programme id to the change in this metric when that programme is fully delivered "
        "(benefits arrive after the model's benefit lag).",
    )
    disruption: float = Field(
        default=0.0,
        ge=-MAX_MAGNITUDE,
        le=MAX_MAGNITUDE,
        description="Change in this metric per unit of forced progress while the disruption lasts "
        "(negative for a dip in a higher-is-better metric).",
    )
    trust_effect: float = Field(
        default=0.0,
        ge=-MAX_MAGNITUDE,
        le=MAX_MAGNITUDE,
        description="Change per turn per unit of power-weighted mean trust above 0.5 (engaged partners, "
        "better results).",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Metric:
        if not self.min <= self.initial <= self.max:
            raise WordedError(words("problem.schema.metric_range", what="initial", value=self.initial,
                                    min=self.min, max=self.max))
        if not self.min <= self.target <= self.max:
            raise WordedError(words("problem.schema.metric_range", what="target", value=self.target,
                                    min=self.min, max=self.max))
        return self


class Programme(Strict):
    id: Identifier = Field(description="Used in references and expressions (`progress.<id>`).")
    name: ShortText = Field(description="The programme's name as the player sees it.")
    description: LocalisedText = Field(default="", description="What the change is, for the tooltip.")
    effort: float = Field(
        gt=0.0,
        le=100.0,
        description="How much driving force it takes to complete: roughly the turns of full-strength "
        "forcing needed with nobody blocking.",
    )
    affects: list[Identifier] = Field(
        default_factory=list,
        max_length=40,
        description="Stakeholders whose interests this programme touches; they are the ones who may "
        "resist when it is forced. Empty means all.",
    )
# --------------------------------------------------------------------------
# Actions, events, endings


Stance = Literal["partner", "push", "neutral"]


class Action(Strict):
    id: Identifier = Field(description="Used in decision logs and references.")
    name: ShortText = Field(description="The action's name on its card.")
    description: LocalisedText = Field(default="", description="What the action does, on the card and tooltip.")
    cost: int = Field(default=1, ge=0, le=20, description="Leadership time it takes this turn.")
    target: Literal["none", "stakeholder", "programme"] = Field(
        default="none", description="What the player picks when choosing it."
    )
    stance: Stance = Field(
        default="neutral",
        description="Whether this is a partnership move, a push, or neither; the debrief places the "
        "player between partner and push by these.",
    )
    available: Expression | None = Field(
        default=None,
        description="When the action may be taken; always if absent. With a target, `trust.target` etc. "
        "refer to the candidate.",
    )
    unavailable_text: LocalisedText | None = Field(
        default=None,
        description="What the player reads when `available` does not hold, instead of the sentence the "
        "game writes from the condition (for example `only once the regulator trusts you`).",
    )
    cooldown: int = Field(default=0, ge=0, le=60, description="Turns before it may be taken again.")
    effects: list[Effect] = Field(default_factory=list, max_length=MAX_EFFECTS, description="What it does.")
    hint: LocalisedText | None = Field(default=None, description="Advice shown with the action (tutorials).")

    @model_serializer(mode="wrap")
    def _without_absent_override(self, handler: SerializerFunctionWrapHandler) -> Any:
        # Dumped only when given, so the content hash of a scenario without it (kept in
        # saves and workshop files) is the same as before the field existed.
        data = handler(self)
        if self.unavailable_text is None and isinstance(data, dict):
            data.pop("unavailable_text", None)
        return data


class Choice(Strict):
    id: Identifier | None = Field(default=None, description="Optional id for the choice (defaults to its position).")
    text: LocalisedText = Field(description="The choice as the player reads it.")
    stance: Stance = Field(default="neutral", description="Partner, push, or neither.")
    effects: list[Effect] = Field(
        default_factory=list, max_length=MAX_EFFECTS, description="What choosing it does."
    )
    outcome: LocalisedText = Field(default="", description="A line shown after the choice is made.")


# Events an author may mark as deliberate teaching moments (a clear-cut answer).
MAX_DELIBERATE = 2


class Event(Strict):
    id: Identifier = Field(description="Used in references, injects and coverage reports.")
    title: ShortText = Field(description="The headline.")
    text: LocalisedText = Field(description="The story, as the player reads it.")
    when: Expression = Field(default="true", description="The condition under which it may fire.")
    probability: float | Expression = Field(
        default=1.0, description="Chance per turn that it fires while `when` holds (a number or an expression)."
    )
    once: bool = Field(default=True, description="Fire at most once per game.")
    choices: list[Choice] = Field(
        default_factory=list, max_length=MAX_CHOICES, description="Two or three options for the player."
    )
    deliberate: bool = Field(
        default=False,
        description="The answer is meant to be clear-cut: a teaching moment where one choice is right. "
        "`shove audit` still reports a dominant answer here, marked deliberate, and does not count it "
        f"against the scenario. At most {MAX_DELIBERATE} events per scenario.",
    )

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_unset(handler(self), deliberate=False)


Outcome = Literal["success", "partial", "failure"]

# What a text's condition may read besides the state, said once for every text that takes one.
RECORD_NAMES_HELP = (
    "Besides the names endings use, it may read the player's record so far: `taken.ACTION` (times an action "
    "was taken), `moves.partner`, `moves.push` and `moves.neutral` (partnership, push and other moves, event "
    "choices included), `first.partner`, `first.push` and `first.neutral` (the turn of the first such move, "
    "0 if none yet), `chose.EVENT` (the number of the choice made in an event, 1 for the first, 0 if it never "
    "came), `ending.ENDING` (1 for the ending reached, else 0) and `can.ACTION` (1 while the player can "
    "take the action now, for some target: its condition holds, it is not cooling down and it fits the "
    "turn's time; 0 once the game is over)."
)


def _omit_unset(data: Any, **defaults: Any) -> Any:
    """A dumped model without the optional fields left at their default, so the content hash of a
    scenario that does not use them (kept in saves and workshop files) is as before they existed."""
    if isinstance(data, dict):
        for name, default in defaults.items():
            if name in data and data[name] == default:
                data.pop(name)
    return data


class TextVariant(Strict):
    """Another wording of a text, for the games where it is the true one."""

    when: Expression = Field(
        description="Show this wording instead of the text when this condition holds; the first variant "
        "whose condition holds is shown. " + RECORD_NAMES_HELP,
    )
    text: LocalisedText = Field(description="The wording shown when the condition holds.")


class Ending(Strict):
    id: Identifier = Field(description="Used in reports and balance tables.")
    title: ShortText = Field(description="The ending's headline.")
    text: LocalisedText = Field(description="What happened, shown in the debrief.")
    outcome: Outcome = Field(description="Success, partial or failure: the ending's class.")
    when: Expression | None = Field(
        default=None,
        description="The condition for this ending at the end of the game; exactly one ending has none "
        "(the fallback).",
    )
    priority: int = Field(default=0, description="Endings are tried from the highest priority down.")
    early: bool = Field(
        default=False,
        description="If true, the game ends as soon as the condition holds after any turn (for example "
        "the board loses confidence).",
    )
    variants: list[TextVariant] = Field(
        default_factory=list,
        max_length=20,
        description="Other wordings of `text`, each with its condition, read at the end of the game as a "
        "debrief question's is: the first whose condition holds is shown instead of `text` (for example "
        "praise for trust built first only when `first.partner > 0 and first.partner < first.push`).",
    )

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_unset(handler(self), variants=[])


# --------------------------------------------------------------------------
# Scoring, debrief, hints, expectations, model parameters


class Scoring(Strict):
    metrics: dict[Identifier, Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]] = Field(
        default_factory=dict, max_length=30, description="Metric id to weight; a metric scores by closeness to its target."
    )
    programmes: dict[Identifier, Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]] = Field(
        default_factory=dict, max_length=10, description="Programme id to weight; a programme scores by its progress."
    )
    trust: float = Field(
        default=1.0, ge=0.0, le=MAX_MAGNITUDE, description="Weight of power-weighted mean trust at the end."
    )
    support: float = Field(
        default=1.0, ge=0.0, le=MAX_MAGNITUDE, description="Weight of power-weighted mean support at the end."
    )


class PausePoint(Strict):
    after_turn: int = Field(ge=1, le=60, description="The workshop pauses for discussion after this turn.")
    prompt: LocalisedText = Field(description="The question the teams discuss.")
    when: Expression | None = Field(
        default=None,
        description="Pause only for the teams whose game this condition fits, read once the turn is "
        "played; always when absent. " + RECORD_NAMES_HELP,
    )
    variants: list[TextVariant] = Field(
        default_factory=list,
        max_length=20,
        description="Other wordings of `prompt`, each with its condition: the first whose condition holds "
        "is asked instead (for example a question about forcing only of teams that have not forced).",
    )

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_unset(handler(self), when=None, variants=[])


class Question(Strict):
    """A reflection question asked only of players whose game it fits."""

    ask: LocalisedText = Field(description="The question as the player reads it.")
    when: Expression | None = Field(
        default=None,
        description="Ask it only when this condition holds at the end of the game (the final turn's "
        "values, as for endings), for example `trust.consultants < 0.3 and taken.force_decision >= 2`. "
        + RECORD_NAMES_HELP + " Always asked when absent.",
    )


def _question_form(value: Any) -> str:
    """Which form a question is written in: a mapping with `ask` or `when` is the conditional form."""
    if isinstance(value, Question) or (isinstance(value, dict) and ("ask" in value or "when" in value)):
        return "conditional"
    return "text"


# Told apart by their keys, so a mistake in one form is reported in that form's words only.
QuestionItem = Annotated[
    Annotated[Question, Tag("conditional")] | Annotated[LocalisedText, Tag("text")],
    Discriminator(_question_form),
]


class Debrief(Strict):
    objectives: list[LocalisedText] = Field(
        default_factory=list, max_length=20, description="What the player should learn."
    )
    questions: list[QuestionItem] = Field(
        default_factory=list,
        max_length=20,
        description="Reflection questions for the debrief: a text, always asked, or `{ask: TEXT, when: "
        "CONDITION}`, asked only when the condition holds at the end of the game. Questions whose "
        "condition holds come first.",
    )
    facilitator_notes: LocalisedText = Field(default="", description="Notes for whoever runs a workshop.")
    pause_points: list[PausePoint] = Field(
        default_factory=list, max_length=60, description="Suggested discussion pauses."
    )


class Hint(Strict):
    turn: int = Field(ge=1, le=60, description="The turn on which the hint shows.")
    text: LocalisedText = Field(description="The hint.")
    when: Expression | None = Field(
        default=None,
        description="Show the hint only when this condition holds at the start of its turn; always when "
        "absent. Of several hints for one turn, the first that fits is shown. " + RECORD_NAMES_HELP,
    )
    variants: list[TextVariant] = Field(
        default_factory=list,
        max_length=20,
        description="Other wordings of `text`, each with its condition read at the start of the turn: the "
        "first whose condition holds is shown instead (for example advice to force only while "
        "`taken.force_decision == 0`).",
    )

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_unset(handler(self), when=None, variants=[])


ReactionTrigger = Literal[
    "engaged", "confronted", "pushed", "overruled", "decided", "answered", "blocked", "red_line", "dropped", "turn",
]


class Reaction(Strict):
    """A stakeholder's short answer to what the player did, shown after the turn."""

    who: Identifier = Field(description="The stakeholder who speaks.")
    trigger: ReactionTrigger = Field(
        description="What it answers, in the turn just played: `engaged` (a partnership action aimed at "
        "`who`), `confronted` (a push aimed at `who`), `pushed` (a push on a programme that touches `who`), "
        "`overruled` (such a push went through although `who` opposed the change: support below one half "
        "at the start of the turn, and nobody blocked), `decided` (a push on any programme went through, nobody "
        "blocking: anyone may answer it, such as a board or a national body that no programme touches), `answered` (the player answered the event `event`, or any event), `blocked` (`who` "
        "blocked a push), `red_line` (`who`'s red line came to light), `dropped` (a `drop` effect abandoned a "
        "programme that touches `who`) or `turn` (any turn: the condition alone decides).",
    )
    event: Identifier | None = Field(
        default=None, description="With `trigger: answered`: the event answered (any event when absent)."
    )
    when: Expression | None = Field(
        default=None,
        description="Say it only when this condition holds once the turn and its events are played (for "
        "example `chose.strike == 2` or `trust.unions < 0.3`); always when absent. " + RECORD_NAMES_HELP,
    )
    text: LocalisedText = Field(description="The line, short: a sentence or two in the speaker's voice.")

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_unset(handler(self), event=None, when=None)


class Bounds(Strict):
    min: float | None = Field(default=None, description="Lowest acceptable value.")
    max: float | None = Field(default=None, description="Highest acceptable value.")


# The built-in policies, by name: what `--policy`, expectations and the debrief's
# "What if" page can name (played by game.sim.policies.get_policy).
POLICIES = ("partner", "force", "balanced", "advisor", "random", "greedy")


# The audit figures an expectation can bound (see game.analysis.audit.AuditReport.quantity).
AUDIT_FIGURES = (
    "best_simple_success", "expert_success", "skill_gap", "dominant_event_answers", "fake_choices",
    "events_never_firing", "events_only_in_lost_games", "never_best_actions", "exploits", "partner_best_share",
    "success_with_system_worse",
)


class Expectation(Strict):
    policy: str | None = Field(
        default=None, max_length=20,
        description="A built-in policy: partner, force, balanced, advisor, random or greedy (or give `audit` instead).",
    )
    runs: int = Field(
        default=2000, ge=50, le=MAX_EXPECTATION_RUNS, description="How many seeded playthroughs to measure."
    )
    success_rate: Bounds | None = Field(default=None, description="Share of runs with a success ending.")
    failure_rate: Bounds | None = Field(default=None, description="Share of runs with a failure ending.")
    mean_score: Bounds | None = Field(default=None, description="Mean final score (0 to 100).")
    ending: dict[Identifier, Bounds] = Field(
        default_factory=dict,
        max_length=30, description="Ending id to bounds on the share of runs that reach it."
    )
    audit: dict[Identifier, Bounds] = Field(
        default_factory=dict, max_length=len(AUDIT_FIGURES),
        description=(
            "Instead of `policy`: audit figure to bounds, checked on one `shove audit` of the scenario (`runs`"
            " games for the best rule): " + ", ".join(AUDIT_FIGURES) + "."
        ),
    )

    @model_serializer(mode="wrap")
    def _without_absent_audit(self, handler: SerializerFunctionWrapHandler) -> Any:
        # `audit` is dumped only when given (and `policy` only when given), so the content hash
        # of a scenario without them (kept in saves and workshop files) is as before `audit` existed.
        data = handler(self)
        if isinstance(data, dict):
            if not self.audit:
                data.pop("audit", None)
            if self.policy is None:
                data.pop("policy", None)
        return data
    note: LocalisedText = Field(
        default="", description="Why this expectation matters (the teaching goal), shown when a run fails it."
    )


class ModelParameters(Strict):
    """The model's general parameters; see docs/model.md for each rule's equation."""

    trust_gain: float = Field(default=0.18, ge=0.0, le=1.0, description="Trust gained per unit of engagement (a).")
    trust_loss_ratio: float = Field(
        default=3.0, ge=1.0, le=10.0, description="Losses are this many times faster than gains (Slovic)."
    )
    trust_foothold: float = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description=(
            "Foothold of engagement on distrust (f): trust gains scale with f + trust,"
            " so a low foothold makes distrustful stakeholders slow to warm."
        ),
    )
    trust_spillover: float = Field(
        default=0.15, ge=0.0, le=1.0, description="Share of trust that moves toward peers' trust each turn (w)."
    )
    trust_drift: float = Field(
        default=0.03, ge=0.0, le=1.0, description="Share of the gap to baseline trust closed each turn when not maintained."
    )
    scar_rate: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Share of a trust loss that becomes a scar capping recovery."
    )
    scar_heal: float = Field(default=0.08, ge=0.0, le=1.0, description="Share of scar that heals each turn.")
    susceptibility: float = Field(
        default=0.7, ge=0.0, le=1.0, description="Friedkin–Johnsen λ: weight of social influence against the anchor."
    )
    ceo_influence: float = Field(
        default=0.25, ge=0.0, le=1.0, description="How far trusted chief-executive advocacy moves support (b)."
    )
    reactance: float = Field(
        default=0.15, ge=0.0, le=1.0, description="How far forcing against low trust moves the anchor away from the change."
    )
    refreeze: float = Field(
        default=0.2, ge=0.0, le=1.0, description="How far the anchor moves toward support once a programme succeeds."
    )
    block_base: float = Field(default=-1.0, ge=-100.0, le=100.0, description="Resistance: intercept c0 of the blocking probability.")
    block_power: float = Field(default=2.0, ge=-100.0, le=100.0, description="Resistance: weight cp of power.")
    block_urgency: float = Field(default=1.0, ge=-100.0, le=100.0, description="Resistance: weight cu of urgency.")
    block_trust: float = Field(default=3.0, ge=-100.0, le=100.0, description="Resistance: weight cT of trust (trust lowers blocking).")
    block_support: float = Field(default=4.0, ge=-100.0, le=100.0, description="Resistance: weight cS of support.")
    block_grievance: float = Field(default=1.5, ge=-100.0, le=100.0, description="Resistance: weight cG of grievance.")
    red_line_block: float = Field(
        default=0.9, ge=0.0, le=1.0, description="Resistance: how likely a stakeholder with a red line is to block a push."
    )
    red_line_support: float = Field(
        default=0.55, ge=0.0, le=1.0, description="A red line holds while the stakeholder's support is below this."
    )
    grievance_per_block: float = Field(default=0.5, ge=0.0, le=10.0, description="Grievance added when a stakeholder is overruled.")
    forgiveness: float = Field(
        default=0.33, ge=0.0, le=1.0, description="Share of grievance a trusting partner lets go each turn (Axelrod)."
    )
    coalition_threshold: float = Field(
        default=0.6, ge=0.0, le=1.0, description="Power-weighted share of trusting supporters that carries change without force (Kotter)."
    )
    coalition_rate: float = Field(
        default=0.35, ge=0.0, le=5.0, description="Driving force a winning coalition supplies each turn, relative to a full push."
    )
    block_drag: float = Field(
        default=1.2, ge=0.0, le=5.0, description="How strongly the power-weighted share of blockers slows or reverses progress."
    )
    disruption_turns: int = Field(default=3, ge=0, le=20, description="Turns a forced change disrupts services.")
    benefit_lag: int = Field(default=4, ge=0, le=40, description="Turns before a programme's benefits show in metrics.")
    delivery_floor: float = Field(
        default=1.0,
        ge=0.0,
        le=1.0,
        description=(
            "Share of a programme's benefits that shows when those it affects neither trust nor support it;"
            " the share rises to all of them as their coalition reaches the coalition threshold"
            " (1: benefits show whatever the support)."
        ),
    )
    metric_relax: float = Field(
        default=0.05, ge=0.0, le=1.0, description="Share of the gap to each metric's target closed each turn by ordinary management."
    )


class Scenario(Strict):
    """A whole scenario file."""

    format: Literal[1] = Field(default=1, description="The version of this format; currently 1.")
    meta: Metadata = Field(description="Title, length and other facts about the scenario.")
    kinds: list[Kind] = Field(
        default_factory=list, max_length=MAX_KINDS,
        description="Kinds of stakeholder the scenario names itself, beyond the built-in health ones "
        "(a kind declared with a built-in id gives it this name and symbol).",
    )
    stakeholders: list[Stakeholder] = Field(min_length=1, max_length=40, description="Who is involved.")
    influence: list[Influence] = Field(default_factory=list, max_length=1600, description="Who listens to whom.")
    metrics: list[Metric] = Field(default_factory=list, max_length=30, description="System outcomes.")
    programmes: list[Programme] = Field(min_length=1, max_length=10, description="The change programmes.")
    actions: list[Action] = Field(min_length=1, max_length=60, description="What the chief executive can do.")
    events: list[Event] = Field(default_factory=list, max_length=200, description="Things that may happen.")
    endings: list[Ending] = Field(min_length=1, max_length=30, description="How the game can end.")
    scoring: Scoring = Field(default_factory=Scoring, description="How the final score is computed (0 to 100).")
    debrief: Debrief = Field(default_factory=Debrief, description="Learning objectives and reflection.")
    hints: list[Hint] = Field(
        default_factory=list, max_length=120, description="Per-turn hints shown in the game (tutorials)."
    )
    expectations: list[Expectation] = Field(
        default_factory=list, max_length=20, description="Balance goals that `shove test` checks by simulation."
    )
    reactions: list[Reaction] = Field(
        default_factory=list, max_length=400,
        description="What stakeholders say after a turn, each line with what it answers and its condition: "
        "at most three lines a turn, one per stakeholder, the most pressing first (a block, a red line, a "
        "push over an objection, a confrontation, an event answered, engagement, a push, a decision, then the rest; "
        "the more powerful speaker first). A scenario without any uses the game's own short lines by "
        "situation and mood.",
    )
    model: ModelParameters = Field(default_factory=ModelParameters, description="Model parameters, all optional.")

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_unset(handler(self), reactions=[])

    def declared_kind(self, kind: str) -> Kind | None:
        """The kind ``kind`` as this scenario declares it under `kinds`, or None (a built-in kind)."""
        return next((k for k in self.kinds if k.id == kind), None)


__all__ = [
    "AUDIT_FIGURES",
    "BUILT_IN_KINDS",
    "EFFECT_KINDS",
    "MAX_CHOICES",
    "MAX_EFFECTS",
    "MAX_EXPECTATION_RUNS",
    "MAX_MAGNITUDE",
    "MAX_TRANSLATIONS",
    "NAME_MAX_LENGTH",
    "TEXT_FILE_NAME_MAX_LENGTH",
    "TEXT_MAX_LENGTH",
    "Action",
    "AfterEffect",
    "AfterSpec",
    "Bounds",
    "ChanceEffect",
    "ChanceSpec",
    "Choice",
    "Debrief",
    "DropEffect",
    "DropSpec",
    "Effect",
    "Ending",
    "EngageEffect",
    "EngageSpec",
    "Event",
    "Expectation",
    "Expression",
    "FlagChange",
    "FlagEffect",
    "ForceEffect",
    "ForceSpec",
    "Hint",
    "Identifier",
    "Influence",
    "Kind",
    "KindSymbol",
    "LanguageCode",
    "LocalisedText",
    "Metadata",
    "Metric",
    "MetricChange",
    "MetricEffect",
    "ModelParameters",
    "Outcome",
    "PausePoint",
    "Persona",
    "Programme",
    "ProgressChange",
    "ProgressEffect",
    "Question",
    "Reaction",
    "ReactionTrigger",
    "RedLineChange",
    "RedLineEffect",
    "Scenario",
    "Scoring",
    "ShortText",
    "Stakeholder",
    "StakeholderChange",
    "StakeholderKind",
    "Stance",
    "Strict",
    "SupportEffect",
    "TextFile",
    "TextVariant",
    "TrustEffect",
    "Unit",
    "Who",
]
