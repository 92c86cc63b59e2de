"""What the advisor returns: language-neutral, self-sufficient results.

Named tuples: immutable, and cheap to define (no Pydantic, and none of the ``exec``
calls a frozen dataclass costs at import: a warm ``recommend`` starts sooner). No
``from __future__ import annotations`` here: NamedTuple would compile every field's
annotation string.
Reasons are codes with values, never sentences; card texts are carried in both
languages (anything with ``fr`` and ``en``), so a renderer needs nothing but the
result and the vocabulary, and does no I/O.
"""

from typing import Literal, NamedTuple, Protocol

# Why a card scores what it scores (``points`` on each reason says how much).
ReasonCode = Literal[
    "goal",  # the card's sheet serves a goal asked for (+3, +1 when its main goal)
    "goal_level",  # the card offers the level that builds a goal asked for (+2)
    "initiative",  # the asker's kind of actor takes the initiative with it (+2)
    "relay_support",  # little staff time, and a relay structure can take it up (+3)
    "relay_part",  # little staff time, and a relay structure can take part in it (+1)
    "in_house",  # little staff time, and only your own kind of actor can carry it (-2)
    "next_step",  # used at the next level up from the maturity (+3)
    "within_reach",  # used at a level already practised (+1)
    "stretch",  # used beyond the next step (minus the gap)
    "interconnaissance_first",  # placed first because it unlocks deferred tools
]
# Whose goal a reason serves, or who leads a step, in a pair.
Who = Literal["you", "partner", "both"]
Side = Literal["territory", "research"]
Status = Literal["recommended", "deferred", "left_out"]
LeftOut = Literal["not_concerned", "no_goal", "step_full", "practised", "over_limit"]


class Bilingual(Protocol):
    """A text in both languages (a card's ``Text``)."""

    @property
    def fr(self) -> str: ...

    @property
    def en(self) -> str: ...


class Partner(NamedTuple):
    """The partner you have in mind: its kind of actor and, optionally, its goals."""

    actor: str
    goals: tuple[str, ...] = ()


class Answers(NamedTuple):
    """What the questionnaire asks. ``maturity`` is the highest level practised together
    (the pair's, with a partner); ``staff_time`` is None when not asked."""

    actor: str
    maturity: int
    goals: tuple[str, ...]
    staff_time: bool | None = None
    partner: Partner | None = None


class Reason(NamedTuple):
    code: ReasonCode
    points: int
    goal: str | None = None  # goal, goal_level
    level: int | None = None  # goal_level, next_step, stretch, interconnaissance_first
    who: Who | None = None  # goal, goal_level, initiative: whose, in a pair


class Gain(NamedTuple):
    """What one side gains, from the sheet's interests."""

    side: Side
    who: Who
    text: Bilingual


class Step(NamedTuple):
    """One step of the plan: the cards used at one level, in order of intensity."""

    number: int
    level: int
    after: int | None = None  # deferred cards: to begin once this step is done
    no_tool: bool = False  # a required level that no tool concerning you gives


class Recommended(NamedTuple):
    id: str
    title: Bilingual
    families: tuple[int, ...]
    levels: tuple[int, ...]
    score: int
    step: int
    level: int  # the level at which you would use it now
    reasons: tuple[Reason, ...]
    lead: tuple[str, ...]  # the actor kinds that take the initiative (in this pair)
    gains: tuple[Gain, ...]
    first_step: Bilingual


class Deferred(NamedTuple):
    id: str
    title: Bilingual
    levels: tuple[int, ...]
    score: int
    step: int
    level: int
    requires: tuple[int, ...]
    rules: tuple[str, ...]  # the vocabulary rules that defer it
    unlocked_by: tuple[str, ...]
    reasons: tuple[Reason, ...]


class Alternative(NamedTuple):
    """Another option: a card that did not make its full step (``step``), or one used at a
    level already practised while the plan goes higher (``step`` None)."""

    id: str
    title: Bilingual
    levels: tuple[int, ...]
    level: int
    step: int | None
    score: int


class Coverage(NamedTuple):
    """How many tools of the catalogue concern the asker (and partner)."""

    concerned: int
    total: int
    few: bool  # under half: the advice says so instead of padding


class Recommendation(NamedTuple):
    answers: Answers
    coverage: Coverage
    steps: tuple[Step, ...]
    recommendations: tuple[Recommended, ...]  # pathway order: step, then best first
    deferred: tuple[Deferred, ...]
    alternatives: tuple[Alternative, ...]  # by step, best first; then the practised ones
    start_with: int  # how many of step 1's cards to pick (one or two)
    schema_version: int = 2


class Explanation(NamedTuple):
    """Why one card is recommended, deferred or left out for these answers."""

    answers: Answers
    id: str
    title: Bilingual
    levels: tuple[int, ...]
    concerns: tuple[str, ...]
    actors: tuple[str, ...]
    goals: tuple[str, ...]
    concerned: dict[str, bool]  # actor kind -> whether the card concerns it
    status: Status
    left_out: LeftOut | None
    level: int | None  # the level at which it would be used now
    step: int | None
    score: int
    reasons: tuple[Reason, ...]
    requires: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()
    unlocked_by: tuple[str, ...] = ()
    ahead: tuple[str, ...] = ()  # step_full: the cards before it
    schema_version: int = 1
