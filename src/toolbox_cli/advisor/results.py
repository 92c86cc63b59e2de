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
    "goal_level",  # used at the level that builds a goal asked, which its sheet does not list (+1)
    "initiative",  # the asker's (or the partner's) kind of actor takes the initiative with it (+2)
    "relay_support",  # little staff time, and a relay structure can take it up (+3)
    "relay_part",  # little staff time, and a relay structure can take part in it (+1)
    "in_house",  # little staff time, and only your own kind of actor can carry it (-2)
    # the intensity it is used at, against the partnership's maturity:
    "next_step",  # one level above what you practise (+3)
    "practised_level",  # the level you practise (+3)
    "step_up",  # further up (+3: a sheet's levels are what a tool can reach)
    "already_practised",  # below what you practise (3 minus the levels below, never below 0)
    "unlocks",  # gives the level the rule asks first of tools that serve your goals (+3)
]
FIT_CODES: tuple[ReasonCode, ...] = ("next_step", "practised_level", "step_up", "already_practised")
# Whose goal a reason serves, or who leads, in a pair.
Who = Literal["you", "partner", "both"]
Side = Literal["territory", "research"]
Status = Literal["recommended", "deferred", "left_out"]
# Whether a tool exists or is only proposed, as its sheet says.
CardStatus = Literal["in_use", "proposed"]
# The parts of a plan: where to start (at most 3, pick one or two), then the next best.
Section = Literal["start", "then"]
# Why a tool of "Then" is not among "Start here", the first that holds: it is only
# proposed; neither you (nor your partner) can take the initiative with it; with little
# staff time, only your own staff can carry it; it is used below what you practise;
# Start here is full and it ranks just below (as high a score as the last there); it
# scores less than the tools to start with.
ThenBecause = Literal[
    "proposed", "others_lead", "in_house", "already_practised", "start_full", "scores_less"
]
# Why a card is left out: it does not concern you (or your partner); it serves no goal
# asked; --limit keeps the better ranked ones.
LeftOut = Literal["not_concerned", "no_goal", "over_limit"]
# Which case of its sheet a tool's "to start" step speaks to, when the card says so.
WayInFor = Literal["actor", "staff_time", "actor_staff_time"]


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
    level: int | None  # goal_level, the fit codes, unlocks (the level it gives)
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


class Recommended(Frozen):
    """A tool of the plan: where it sits (``rank`` in the whole plan, before any limit,
    and ``section``), the level it would be used at, and all a renderer says of it."""

    _fields = (
        "id",
        "title",
        "families",
        "levels",
        "status",
        "score",
        "rank",
        "section",
        "level",
        "reasons",
        "lead",
        "you_lead",
        "gains",
        "first_step",
        "first_step_for",
        "then_because",
    )
    __slots__ = _fields
    id: str
    title: Bilingual
    families: tuple[int, ...]
    levels: tuple[int, ...]
    status: CardStatus
    score: int
    rank: int  # 1 for the first tool of the plan; never depends on the limit
    section: Section
    level: int  # the level at which you would use it now
    reasons: tuple[Reason, ...]
    lead: tuple[str, ...]  # who takes the initiative: those of the pair who can, else who must
    you_lead: bool  # you (the asker) can take the initiative with it
    gains: tuple[Gain, ...]
    first_step: Bilingual  # the process step that fits the answers, else the sheet's first
    first_step_for: WayInFor | None  # the case of the sheet it speaks to (None: the first)
    then_because: ThenBecause | None  # in "then": why it is not a tool to start with

    def __init__(
        self,
        id: str,
        title: Bilingual,
        families: tuple[int, ...],
        levels: tuple[int, ...],
        status: CardStatus,
        score: int,
        rank: int,
        section: Section,
        level: int,
        reasons: tuple[Reason, ...],
        lead: tuple[str, ...],
        you_lead: bool,
        gains: tuple[Gain, ...],
        first_step: Bilingual,
        first_step_for: WayInFor | None = None,
        then_because: ThenBecause | None = None,
    ) -> None:
        self._set(
            id,
            title,
            families,
            levels,
            status,
            score,
            rank,
            section,
            level,
            reasons,
            lead,
            you_lead,
            gains,
            first_step,
            first_step_for,
            then_because,
        )


class Deferred(Frozen):
    """A tool that serves your goals once you know each other: the rule holds it back."""

    _fields = (
        "id",
        "title",
        "levels",
        "status",
        "score",
        "rank",
        "level",
        "requires",
        "rules",
        "unlocked_by",
        "reasons",
        "lead",
        "you_lead",
    )
    __slots__ = _fields
    id: str
    title: Bilingual
    levels: tuple[int, ...]
    status: CardStatus
    score: int
    rank: int  # among the deferred tools, best first (1 for the first)
    level: int  # the level it would be used at once unlocked
    requires: tuple[int, ...]
    rules: tuple[str, ...]  # the vocabulary rules that defer it
    unlocked_by: tuple[str, ...]  # recommended tools that give what it requires
    reasons: tuple[Reason, ...]
    lead: tuple[str, ...]
    you_lead: bool

    def __init__(
        self,
        id: str,
        title: Bilingual,
        levels: tuple[int, ...],
        status: CardStatus,
        score: int,
        rank: int,
        level: int,
        requires: tuple[int, ...],
        rules: tuple[str, ...],
        unlocked_by: tuple[str, ...],
        reasons: tuple[Reason, ...],
        lead: tuple[str, ...],
        you_lead: bool,
    ) -> None:
        self._set(
            id,
            title,
            levels,
            status,
            score,
            rank,
            level,
            requires,
            rules,
            unlocked_by,
            reasons,
            lead,
            you_lead,
        )


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


class Later(Frozen):
    """*Once you know each other*: what the rule holds back, said once: the rules, the
    levels they ask first, and the recommended tools that give them (``unlocked_by``);
    ``no_tool``: the required levels that no tool concerning you gives."""

    _fields = ("rules", "requires", "unlocked_by", "no_tool")
    __slots__ = _fields
    rules: tuple[str, ...]
    requires: tuple[int, ...]
    unlocked_by: tuple[str, ...]
    no_tool: tuple[int, ...]

    def __init__(
        self,
        rules: tuple[str, ...],
        requires: tuple[int, ...],
        unlocked_by: tuple[str, ...],
        no_tool: tuple[int, ...] = (),
    ) -> None:
        self._set(rules, requires, unlocked_by, no_tool)


class Recommendation(Frozen):
    """The plan: *Start here* and *Then* (``recommendations``, best first, each with its
    ``section``), *Once you know each other* (``deferred``, and ``later``: the rule and
    its unlockers, said once), and how many tools ``limit`` left out of each."""

    _fields = (
        "answers",
        "coverage",
        "recommendations",
        "deferred",
        "later",
        "start_with",
        "limit",
        "left_out",
        "deferred_left_out",
        "schema_version",
    )
    __slots__ = _fields
    answers: Answers
    coverage: Coverage
    recommendations: tuple[Recommended, ...]  # rank order: "start" first, then "then"
    deferred: tuple[Deferred, ...]  # best first
    later: Later | None  # None when nothing is deferred
    start_with: int  # how many of "start" to pick (one or two)
    limit: int
    left_out: int  # tools of the plan that --limit leaves out
    deferred_left_out: int  # deferred tools that --limit leaves out
    schema_version: int

    def __init__(
        self,
        answers: Answers,
        coverage: Coverage,
        recommendations: tuple[Recommended, ...],
        deferred: tuple[Deferred, ...],
        later: Later | None,
        start_with: int,
        limit: int,
        left_out: int = 0,
        deferred_left_out: int = 0,
        schema_version: int = 3,
    ) -> None:
        self._set(
            answers,
            coverage,
            recommendations,
            deferred,
            later,
            start_with,
            limit,
            left_out,
            deferred_left_out,
            schema_version,
        )

    @property
    def start(self) -> tuple[Recommended, ...]:
        """*Start here*: at most 3 tools, best first; pick one or two."""
        return tuple(item for item in self.recommendations if item.section == "start")

    @property
    def then(self) -> tuple[Recommended, ...]:
        """*Then*: the next best, each with why it is not a tool to start with."""
        return tuple(item for item in self.recommendations if item.section == "then")


class Explanation(Frozen):
    """Why one card is recommended, deferred or left out for these answers."""

    _fields = (
        "answers",
        "id",
        "title",
        "levels",
        "card_status",
        "concerns",
        "actors",
        "goals",
        "concerned",
        "status",
        "left_out",
        "level",
        "section",
        "rank",
        "limit",
        "score",
        "reasons",
        "requires",
        "rules",
        "unlocked_by",
        "then_because",
        "schema_version",
    )
    __slots__ = _fields
    answers: Answers
    id: str
    title: Bilingual
    levels: tuple[int, ...]
    card_status: CardStatus
    concerns: tuple[str, ...]
    actors: tuple[str, ...]
    goals: tuple[str, ...]
    concerned: dict[str, bool]  # actor kind -> whether the card concerns it
    status: Status
    left_out: LeftOut | None
    level: int | None  # the level at which it would be used now
    section: Section | None  # recommended (or over the limit): its part of the plan
    rank: int | None  # its place in the plan (or among the deferred), before any limit
    limit: int
    score: int
    reasons: tuple[Reason, ...]
    requires: tuple[int, ...]
    rules: tuple[str, ...]
    unlocked_by: tuple[str, ...]
    then_because: ThenBecause | None
    schema_version: int

    def __init__(
        self,
        answers: Answers,
        id: str,
        title: Bilingual,
        levels: tuple[int, ...],
        card_status: CardStatus,
        concerns: tuple[str, ...],
        actors: tuple[str, ...],
        goals: tuple[str, ...],
        concerned: dict[str, bool],
        status: Status,
        left_out: LeftOut | None,
        level: int | None,
        section: Section | None,
        rank: int | None,
        limit: int,
        score: int,
        reasons: tuple[Reason, ...],
        requires: tuple[int, ...] = (),
        rules: tuple[str, ...] = (),
        unlocked_by: tuple[str, ...] = (),
        then_because: ThenBecause | None = None,
        schema_version: int = 2,
    ) -> None:
        self._set(
            answers,
            id,
            title,
            levels,
            card_status,
            concerns,
            actors,
            goals,
            concerned,
            status,
            left_out,
            level,
            section,
            rank,
            limit,
            score,
            reasons,
            requires,
            rules,
            unlocked_by,
            then_because,
            schema_version,
        )
