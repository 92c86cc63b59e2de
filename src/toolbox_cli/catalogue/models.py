"""Pydantic models of what is read: the vocabulary and the cards (results: results.py).

No I/O here. Cards are checked against the vocabulary through the validation
context (``{"vocabulary": Vocabulary}``), so a card may only use the actor, goal
and source ids that the vocabulary defines.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from toolbox_cli.i18n import LANGS, Lang
from toolbox_cli.safetext import single_line
from toolbox_cli.scales import FAMILIES, LEVELS, MATURITIES
from toolbox_cli.text import fold

__all__ = ["FAMILIES", "LANGS", "LEVELS", "MATURITIES", "Lang", "fold"]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
IDENT_PATTERN = r"^[a-z][a-z0-9_]*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Ident = Annotated[str, StringConstraints(pattern=IDENT_PATTERN, max_length=40)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be blank")
    return value


NonEmpty = Annotated[
    str, StringConstraints(min_length=1, max_length=20_000), AfterValidator(_not_blank)
]
Link = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2_000)]


# The scales (levels, families, maturity) are defined once, in ``scales``.
LevelId = Annotated[int, Field(ge=LEVELS[0], le=LEVELS[-1])]
FamilyId = Annotated[int, Field(ge=FAMILIES[0], le=FAMILIES[-1])]
Maturity = Annotated[int, Field(ge=MATURITIES[0], le=MATURITIES[-1])]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# What ``toolbox new`` writes where the author has a text to write from the source: a
# card that still holds it is not finished, and does not validate.
PLACEHOLDERS = {"fr": "À COMPLÉTER", "en": "TO BE COMPLETED"}


class Text(Strict):
    """A text in both languages; never one of ``toolbox new``'s placeholders."""

    fr: NonEmpty
    en: NonEmpty

    @field_validator("fr", "en")
    @classmethod
    def _finished(cls, value: str) -> str:
        if any(mark in value for mark in PLACEHOLDERS.values()):
            raise PydanticCustomError(
                "placeholder",
                "unfinished text: replace '{fr}' / '{en}' from the source",
                dict(PLACEHOLDERS),
            )
        return value

    def __call__(self, lang: Lang) -> str:
        return self.fr if lang == "fr" else self.en


class OneLineRule:
    """Marks a field printed on one line of a list, a heading, a table or Markdown,
    never two (a newline in it would print as a line of its own): every such field
    goes through ``safetext.single_line``, and a test finds them all by this mark."""

    def __repr__(self) -> str:
        return "OneLineRule()"


ONE_LINE = OneLineRule()


def _one_line_text(value: Text) -> Text:
    fr, en = single_line(value.fr), single_line(value.en)
    if fr is None or en is None:
        raise PydanticCustomError("multiline", "must be on one line")
    return (
        value if (fr, en) == (value.fr, value.en) else value.model_copy(update={"fr": fr, "en": en})
    )


def _one_line_str(value: str) -> str:
    line = single_line(value)
    if line is None:
        raise PydanticCustomError("multiline", "must be on one line")
    return line


# A title, a label or a name, in both languages; a name in one.
Title = Annotated[Text, AfterValidator(_one_line_text), ONE_LINE]
OneLine = Annotated[NonEmpty, AfterValidator(_one_line_str), ONE_LINE]


# --- vocabulary -----------------------------------------------------------


class LevelDef(Strict):
    id: LevelId
    goals: list[Ident] = []
    label: Title
    description: Text


class Rule(Strict):
    """A card at ``level`` needs the partnership to have practised ``requires`` first."""

    id: Ident
    level: LevelId
    requires: LevelId
    text: Text


class FamilyDef(Strict):
    id: FamilyId
    label: Title
    description: Text


class Term(Strict):
    """An actor or a goal: an id, labels, a one-line help and accepted aliases."""

    id: Ident
    label: Title
    help: Title
    aliases: list[OneLine] = []

    def names(self) -> list[str]:
        """Every folded name this term answers to: id, labels and aliases."""
        return [fold(name) for name in (self.id, self.label.fr, self.label.en, *self.aliases)]


class ActorDef(Term):
    """A kind of actor, and what the advisor needs to know of it: which side of a sheet's
    interests it reads (``territory``, ``research``, or ``relay`` for a relay structure,
    which takes the side its partner leaves), and whether the questionnaire asks it
    about staff time."""

    side: Literal["territory", "research", "relay"]
    staff_time_question: bool = False


class SourceDef(Strict):
    id: Slug
    document: Annotated[str, StringConstraints(pattern=r"^\d{3}$")]
    title: Title


def _unique_ids(items: list[LevelDef] | list[FamilyDef] | list[Term] | list[SourceDef]) -> None:
    seen: set[object] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate id {item.id!r}")
        seen.add(item.id)


class Vocabulary(Strict):
    levels: list[LevelDef]
    rules: list[Rule]
    families: list[FamilyDef]
    actors: list[ActorDef]
    goals: list[Term]
    sources: list[SourceDef]

    @field_validator("levels", "families", "actors", "goals", "sources")
    @classmethod
    def _ids_unique(cls, items: list[LevelDef]) -> list[LevelDef]:
        _unique_ids(items)
        return items

    @field_validator("levels")
    @classmethod
    def _levels_complete(cls, items: list[LevelDef]) -> list[LevelDef]:
        if sorted(item.id for item in items) != list(LEVELS):
            raise ValueError("the scale must define levels 1 to 5, once each")
        return items

    @model_validator(mode="after")
    def _level_goals_known(self) -> Vocabulary:
        known = {goal.id for goal in self.goals}
        for level in self.levels:
            for goal in level.goals:
                if goal not in known:
                    raise ValueError(f"level {level.id}: unknown goal {goal!r}")
        return self

    @cached_property
    def ids(self) -> dict[str, frozenset[str]]:
        """The actor, goal and source ids, by kind (computed once)."""
        return {
            "actors": frozenset(term.id for term in self.actors),
            "goals": frozenset(term.id for term in self.goals),
            "sources": frozenset(source.id for source in self.sources),
        }

    def level(self, level_id: int) -> LevelDef:
        return next(item for item in self.levels if item.id == level_id)

    def family(self, family_id: int) -> FamilyDef:
        return next(item for item in self.families if item.id == family_id)

    def actor(self, actor_id: str) -> ActorDef:
        return next(item for item in self.actors if item.id == actor_id)

    def goal(self, goal_id: str) -> Term:
        return next(item for item in self.goals if item.id == goal_id)

    def source(self, source_id: str) -> SourceDef:
        return next(item for item in self.sources if item.id == source_id)


# --- cards ----------------------------------------------------------------


def _vocabulary(info: ValidationInfo) -> Vocabulary | None:
    context = info.context
    if isinstance(context, dict):
        vocabulary = context.get("vocabulary")
        if isinstance(vocabulary, Vocabulary):
            return vocabulary
    return None


def _known(kind: Literal["actors", "goals", "sources"]) -> AfterValidator:
    """Check a value against the ids of the vocabulary's ``kind``, when there is one."""
    what = kind[:-1]

    def check(value: str, info: ValidationInfo) -> str:
        vocabulary = _vocabulary(info)
        if vocabulary is not None and value not in vocabulary.ids[kind]:
            known = ", ".join(term.id for term in getattr(vocabulary, kind))
            raise PydanticCustomError(
                "unknown_term",
                "unknown {what} '{value}'; expected one of: {known}",
                {"what": what, "value": value, "known": known},
            )
        return value

    return AfterValidator(check)


SourceRef = Annotated[Slug, _known("sources")]
ActorRef = Annotated[Ident, _known("actors")]
GoalRef = Annotated[Ident, _known("goals")]


def _not_unique(what: str) -> PydanticCustomError:
    return PydanticCustomError("not_unique", "each {what} may appear only once", {"what": what})


def _sorted_unique(values: list[int], what: str) -> list[int]:
    if len(set(values)) != len(values):
        raise _not_unique(what)
    return sorted(values)


# What an example is: the sheets' examples and resources, and the illustrations document
# 000 wishes for (links, bibliography, videos, podcasts, templates of conventions or statutes).
ExampleKind = Literal["example", "resource", "link", "reference", "video", "podcast", "template"]
EXAMPLE_KINDS: tuple[str, ...] = get_args(ExampleKind)


class Example(Strict):
    """An example or a resource that illustrates a tool, with the document it comes from."""

    kind: ExampleKind
    name: Title
    description: Text | None = None
    link: Link | None = None
    reference: Text | None = None
    source: SourceRef


class Interests(Strict):
    territory: Text
    research: Text


class CardSource(Strict):
    document: SourceRef
    section: Title  # printed in the card's source line


# Whether a tool exists or is only proposed, as its sheet says (a proposed scheme is shown
# as such beside it in every output, and never opens a plan).
CardStatus = Literal["in_use", "proposed"]


class CardEntry(Strict):
    """What the advisor and the listings need of a card: no long texts."""

    id: Slug
    title: Title
    families: Annotated[list[FamilyId], Field(min_length=1)]
    levels: Annotated[list[LevelId], Field(min_length=1)]
    # actors: who takes the initiative with the tool; concerns: every kind of actor
    # that can take part in it (read from the sheet, quoted in the card file).
    actors: Annotated[list[ActorRef], Field(min_length=1)]
    concerns: Annotated[list[ActorRef], Field(min_length=1)]
    goals: Annotated[list[GoalRef], Field(min_length=1)]
    status: CardStatus = "in_use"

    @field_validator("families")
    @classmethod
    def _families_unique(cls, values: list[int]) -> list[int]:
        return _sorted_unique(values, "family")

    @field_validator("levels")
    @classmethod
    def _levels_unique(cls, values: list[int]) -> list[int]:
        return _sorted_unique(values, "level")

    @field_validator("actors", "concerns", "goals")
    @classmethod
    def _terms_unique(cls, values: list[str], info: ValidationInfo) -> list[str]:
        if len(set(values)) != len(values):
            raise _not_unique(str(info.field_name).removesuffix("s"))
        return values

    @model_validator(mode="after")
    def _initiative_concerned(self) -> CardEntry:
        missing = [actor for actor in self.actors if actor not in self.concerns]
        if missing:
            raise PydanticCustomError(
                "initiative_not_concerned",
                "who takes the initiative ({actors}) must also be in concerns",
                {"actors": ", ".join(missing)},
            )
        return self


class WayIn(Strict):
    """A way into a tool that its sheet gives for one case: process step ``step`` (from 1)
    speaks to ``actors`` (any, when empty) and, when ``staff_time`` is given, only to
    those with (true) or without (false) staff time to spare."""

    step: Annotated[int, Field(ge=1, le=100)]
    actors: list[ActorRef] = []
    staff_time: bool | None = None


class Card(CardEntry):
    """One tool sheet of the toolbox, in both languages."""

    summary: Text
    objective: Text
    interests: Interests
    process: Annotated[list[Text], Field(min_length=1)]
    # What one of the card's levels means for this tool, when the sheet says it
    # (keys "1" to "5", quoted in YAML; only levels the card lists).
    level_notes: Annotated[
        dict[str, Text], Field(json_schema_extra={"propertyNames": {"pattern": "^[1-5]$"}})
    ] = {}
    # Where the sheet gives different ways in for different cases: which process step
    # speaks to which actor or case (the first that fits the answers is "to start").
    ways_in: list[WayIn] = []
    examples: list[Example] = []
    source: CardSource

    @field_validator("ways_in")
    @classmethod
    def _ways_in_own_steps(cls, ways: list[WayIn], info: ValidationInfo) -> list[WayIn]:
        process = info.data.get("process")
        if process is None:  # the process is wrong itself: reported on its own
            return ways
        for way in ways:
            if way.step > len(process):
                raise PydanticCustomError(
                    "unknown_term",
                    "unknown {what} '{value}'; expected one of: {known}",
                    {
                        "what": "process step",
                        "value": str(way.step),
                        "known": ", ".join(str(n) for n in range(1, len(process) + 1)),
                    },
                )
        return ways

    @field_validator("level_notes")
    @classmethod
    def _notes_on_own_levels(cls, notes: dict[str, Text], info: ValidationInfo) -> dict[str, Text]:
        levels = info.data.get("levels")
        if levels is None:  # the levels are wrong themselves: reported on their own
            return notes
        own = [str(level) for level in levels]
        for key in notes:
            if key not in own:
                raise PydanticCustomError(
                    "unknown_term",
                    "unknown {what} '{value}'; expected one of: {known}",
                    {"what": "level", "value": key, "known": ", ".join(own)},
                )
        return {key: notes[key] for key in own if key in notes}

    def entry(self) -> CardEntry:
        return CardEntry(
            id=self.id,
            title=self.title,
            families=self.families,
            levels=self.levels,
            actors=self.actors,
            concerns=self.concerns,
            goals=self.goals,
            status=self.status,
        )


class Extension(Strict):
    """A layer's file that adds examples or resources to a card of a layer below it,
    without copying the card (``<layer>/extensions/<name>.yaml``)."""

    extends: Slug
    examples: Annotated[list[Example], Field(min_length=1)]
