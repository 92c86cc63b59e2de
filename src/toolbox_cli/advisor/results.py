"""What the advisor returns: language-neutral, self-sufficient results.

Immutable records with slots (``Frozen``): cheap to define, where a NamedTuple
compiles code for each class and a frozen dataclass several methods (a warm
``recommend`` defines a dozen), and no Pydantic.
Reasons are codes with values, never sentences; card texts are carried in both
languages (anything with ``fr`` and ``en``), so a renderer needs nothing but the
result and the vocabulary, and does no I/O.
"""

from typing import ClassVar, Literal, Protocol, TypeVar

_R = TypeVar("_R", bound="Frozen")


class Frozen:
    """An immutable record: its fields in ``__slots__``, set once by ``__init__``;
    equality, a hash and a readable repr from them, and ``_replace`` for a changed
    copy. Cheaper to define than a NamedTuple (which compiles code for each class)
    or a dataclass (which compiles several methods): a warm ``recommend`` defines a
    dozen of them."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()  # in order: what __init__ takes

    def _set(self, *values: object) -> None:
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: use _replace")

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Frozen)
            and type(other) is type(self)
            and self._values() == other._values()
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[object, ...]:
        # copy, deepcopy and pickle rebuild it field by field (__setattr__ refuses)
        return (_rebuilt, (type(self), self._values()))

    def _replace(self: _R, **changes: object) -> _R:
        copy = object.__new__(type(self))
        for name in self._fields:
            object.__setattr__(copy, name, changes.pop(name, getattr(self, name)))
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(changes)}")
        return copy


def _rebuilt(kind: type[_R], values: tuple[object, ...]) -> _R:
    record = object.__new__(kind)
    record._set(*values)
    return record


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
# Why a card is left out: it does not concern you (or your partner); it serves no goal
# asked; its step keeps others: ahead of a tool only your own staff can carry (with little
# staff time), the unlockers, or cards that rank ahead of it; it would be used at a level
# already practised while the plan goes further; --limit cuts it.
LeftOut = Literal[
    "not_concerned",
    "no_goal",
    "in_house_last",
    "unlockers_first",
    "step_full",
    "practised",
    "over_limit",
]


class Bilingual(Protocol):
    """A text in both languages (a card's ``Text``)."""

    @property
    def fr(self) -> str: ...

    @property
    def en(self) -> str: ...


class Partner(Frozen):
    """The partner you have in mind: its kind of actor and, optionally, its goals."""

    _fields = ("actor", "goals")
    __slots__ = _fields
    actor: str
    goals: tuple[str, ...]

    def __init__(self, actor: str, goals: tuple[str, ...] = ()) -> None:
        self._set(actor, goals)


class Answers(Frozen):
    """What the questionnaire asks. ``maturity`` is the highest level practised together
    (the pair's, with a partner); ``staff_time`` is None when not asked."""

    _fields = ("actor", "maturity", "goals", "staff_time", "partner")
    __slots__ = _fields
    actor: str
    maturity: int
    goals: tuple[str, ...]
    staff_time: bool | None
    partner: Partner | None

    def __init__(
        self,
        actor: str,
        maturity: int,
        goals: tuple[str, ...],
        staff_time: bool | None = None,
        partner: Partner | None = None,
    ) -> None:
        self._set(actor, maturity, goals, staff_time, partner)


class Reason(Frozen):
    _fields = ("code", "points", "goal", "level", "who")
    __slots__ = _fields
    code: ReasonCode
    points: int
    goal: str | None  # goal, goal_level
    level: int | None  # goal_level, next_step, stretch, interconnaissance_first
    who: Who | None  # goal, goal_level, initiative: whose, in a pair

    def __init__(
        self,
        code: ReasonCode,
        points: int,
        goal: str | None = None,
        level: int | None = None,
        who: Who | None = None,
    ) -> None:
        self._set(code, points, goal, level, who)


class Gain(Frozen):
    """What one side gains, from the sheet's interests."""

    _fields = ("side", "who", "text")
    __slots__ = _fields
    side: Side
    who: Who
    text: Bilingual

    def __init__(self, side: Side, who: Who, text: Bilingual) -> None:
        self._set(side, who, text)


class Step(Frozen):
    """One step of the plan: the cards used at one level, in order of intensity."""

    _fields = ("number", "level", "after", "no_tool", "nearer")
    __slots__ = _fields
    number: int
    level: int
    after: int | None  # deferred cards: to begin once this step is done
    no_tool: bool  # a required level that no tool concerning you gives
    # the first step, beyond your next level: a tool serving your goals offers a level
    # nearer to it (and is used here, where a goal asked is built)
    nearer: bool

    def __init__(
        self,
        number: int,
        level: int,
        after: int | None = None,
        no_tool: bool = False,
        nearer: bool = False,
    ) -> None:
        self._set(number, level, after, no_tool, nearer)


class Recommended(Frozen):
    _fields = (
        "id",
        "title",
        "families",
        "levels",
        "score",
        "step",
        "level",
        "reasons",
        "lead",
        "gains",
        "first_step",
    )
    __slots__ = _fields
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

    def __init__(
        self,
        id: str,
        title: Bilingual,
        families: tuple[int, ...],
        levels: tuple[int, ...],
        score: int,
        step: int,
        level: int,
        reasons: tuple[Reason, ...],
        lead: tuple[str, ...],
        gains: tuple[Gain, ...],
        first_step: Bilingual,
    ) -> None:
        self._set(id, title, families, levels, score, step, level, reasons, lead, gains, first_step)


class Deferred(Frozen):
    _fields = (
        "id",
        "title",
        "levels",
        "score",
        "step",
        "level",
        "requires",
        "rules",
        "unlocked_by",
        "reasons",
    )
    __slots__ = _fields
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

    def __init__(
        self,
        id: str,
        title: Bilingual,
        levels: tuple[int, ...],
        score: int,
        step: int,
        level: int,
        requires: tuple[int, ...],
        rules: tuple[str, ...],
        unlocked_by: tuple[str, ...],
        reasons: tuple[Reason, ...],
    ) -> None:
        self._set(id, title, levels, score, step, level, requires, rules, unlocked_by, reasons)


class Alternative(Frozen):
    """Another option: a card that did not make its full step (``step``), or one used at a
    level already practised while the plan goes higher (``step`` None)."""

    _fields = ("id", "title", "levels", "level", "step", "score")
    __slots__ = _fields
    id: str
    title: Bilingual
    levels: tuple[int, ...]
    level: int
    step: int | None
    score: int

    def __init__(
        self,
        id: str,
        title: Bilingual,
        levels: tuple[int, ...],
        level: int,
        step: int | None,
        score: int,
    ) -> None:
        self._set(id, title, levels, level, step, score)


class Coverage(Frozen):
    """How many tools of the catalogue concern the asker (and partner)."""

    _fields = ("concerned", "total", "few", "goals")
    __slots__ = _fields
    concerned: int
    total: int
    few: bool  # under half: the advice says so instead of padding
    goals: tuple[str, ...]  # the goals the tools that concern you serve (vocabulary order)

    def __init__(self, concerned: int, total: int, few: bool, goals: tuple[str, ...] = ()) -> None:
        self._set(concerned, total, few, goals)


class Recommendation(Frozen):
    _fields = (
        "answers",
        "coverage",
        "steps",
        "recommendations",
        "deferred",
        "alternatives",
        "start_with",
        "schema_version",
    )
    __slots__ = _fields
    answers: Answers
    coverage: Coverage
    steps: tuple[Step, ...]
    recommendations: tuple[Recommended, ...]  # pathway order: step, then best first
    deferred: tuple[Deferred, ...]
    alternatives: tuple[Alternative, ...]  # by step, best first; then the practised ones
    start_with: int  # how many of step 1's cards to pick (one or two)
    schema_version: int

    def __init__(
        self,
        answers: Answers,
        coverage: Coverage,
        steps: tuple[Step, ...],
        recommendations: tuple[Recommended, ...],
        deferred: tuple[Deferred, ...],
        alternatives: tuple[Alternative, ...],
        start_with: int,
        schema_version: int = 2,
    ) -> None:
        self._set(
            answers,
            coverage,
            steps,
            recommendations,
            deferred,
            alternatives,
            start_with,
            schema_version,
        )


class Explanation(Frozen):
    """Why one card is recommended, deferred or left out for these answers."""

    _fields = (
        "answers",
        "id",
        "title",
        "levels",
        "concerns",
        "actors",
        "goals",
        "concerned",
        "status",
        "left_out",
        "level",
        "step",
        "score",
        "reasons",
        "requires",
        "rules",
        "unlocked_by",
        "ahead",
        "unlocks",
        "offered",
        "schema_version",
    )
    __slots__ = _fields
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
    requires: tuple[int, ...]
    rules: tuple[str, ...]
    unlocked_by: tuple[str, ...]
    ahead: tuple[str, ...]  # left out of a full step: the cards the step keeps
    unlocks: tuple[int, ...]  # unlockers_first: the levels that wait for the step's level
    offered: bool  # among the alternatives the plan lists (what --limit keeps of them)
    schema_version: int

    def __init__(
        self,
        answers: Answers,
        id: str,
        title: Bilingual,
        levels: tuple[int, ...],
        concerns: tuple[str, ...],
        actors: tuple[str, ...],
        goals: tuple[str, ...],
        concerned: dict[str, bool],
        status: Status,
        left_out: LeftOut | None,
        level: int | None,
        step: int | None,
        score: int,
        reasons: tuple[Reason, ...],
        requires: tuple[int, ...] = (),
        rules: tuple[str, ...] = (),
        unlocked_by: tuple[str, ...] = (),
        ahead: tuple[str, ...] = (),
        unlocks: tuple[int, ...] = (),
        offered: bool = False,
        schema_version: int = 1,
    ) -> None:
        self._set(
            answers,
            id,
            title,
            levels,
            concerns,
            actors,
            goals,
            concerned,
            status,
            left_out,
            level,
            step,
            score,
            reasons,
            requires,
            rules,
            unlocked_by,
            ahead,
            unlocks,
            offered,
            schema_version,
        )
