"""``recommend(catalogue, answers)``: a plan of tools to use, and why. Pure and deterministic.

The engine reads the catalogue it is given and returns a language-neutral result
(:mod:`toolbox_cli.results`): reasons are codes with points, never sentences.

**Whom a tool concerns.** Only the cards whose ``concerns`` include the asker (and,
with a partner, the partner too) are considered; the others are never recommended,
deferred or named as unlockers. When fewer than half the catalogue concerns someone,
the result says so (``coverage.few``) instead of padding the plan.

**One dependency.** The document states one: « il est difficile de s'impliquer dans
des expérimentations (niveau d'intensité 4) sans interconnaissance préalable (niveau
d'intensité 1) » (the vocabulary's ``rules``). The levels a sheet ticks are the
intensities a tool can reach, not prerequisites: no other level waits for another.
Before level 1 has been practised (maturity 0), no tool is used at level 4; a tool
whose levels include 4 but not 1 is *deferred* when what it serves of your goals
needs level 4 (a goal its sheet lists that the vocabulary builds at level 4, or only
that level builds a goal asked); used at another of its levels for another goal asked
(interns hosted at level 3 for skills), it is recommended now. A tool that offers
level 1 is never deferred: it is used at level 1 and gives the interconnaissance
itself.

**The level of use: an intensity fitted to the partnership.** A card is judged at the
one level at which these partners would use it now, not rewarded for spanning many:
among the card's levels the rule allows, one that builds a goal asked (the vocabulary
says what each level builds: 1 outreach and mutual knowledge, 2 reflexivity, 4
experimentation, 5 capitalisation), else any; of those, the one that fits the
partnership best, the nearest to the next step up: the level you practise (the
maturity), the next one up, or higher (a tool reaching higher is no harder to start);
lower levels fit less by one point a level. A mature partnership is not sent back to
level 1 or 2 unless that serves its goals better: lower levels are *already
practised*, not a next step.

**The score** (each criterion is a reason with its points):

- ``goal``: +3 for each goal asked (by you or your partner) that the card's sheet
  serves, +1 more when it is the card's main goal (the first it lists);
- ``goal_level``: +1 for a goal asked that the sheet does not list, when the level of
  use is one that builds it and no concerned card's sheet serves that goal (a
  capitalisation goal finds the tools used at level 5 when no sheet speaks of it;
  otherwise every tool offering level 1 would "make research known");
- ``initiative``: +2 for each of you (and your partner) whose kind of actor takes the
  initiative with the tool;
- with little or no staff time (a shared post or a relay structure is what documents
  000, 003 and 004 give territories with little engineering): ``relay_support`` +3 when
  a relay structure (an actor of ``side: relay`` in the vocabulary) takes up the tool,
  else ``in_house`` -2 when only your own kind of actor can take the initiative (it
  needs your own staff, whoever takes part), else ``relay_part`` +1 when a relay
  structure takes part in it;
- the fit of the level of use: ``next_step`` (maturity + 1), ``practised_level`` (the
  maturity) and ``step_up`` (higher: the levels a sheet ticks are intensities a tool
  can reach, not prerequisites) +3; ``already_practised`` (lower) 3 minus the levels
  below the maturity, never below 0;
- ``unlocks`` +3 for a tool chosen to give the level the rule asks first.

A card is *wanted* when it has a ``goal`` or ``goal_level`` reason: a tool is in the
plan because it serves a goal asked (or unlocks one that does), never to fill a place.

**The unlockers.** When tools are deferred, the best tools (at most ``UNLOCKERS``) that
give the required level now and concern everyone asking (never a proposed scheme; with
little staff time, never one only your own staff can carry when another gives it)
are used at that level and come first: a tool that serves level 1's own goals (mutual
knowledge, outreach) is preferred, then those you can lead, then the score.

**The plan.** Its tools are ranked: the unlockers, then the others by score; at equal
score, a card whose sheet serves a goal asked before one only used at the level that
builds it, then the more focused tool (fewer levels), then the id. The first tool is
the best one you can take up yourself: not a proposed scheme, one you (or your
partner) can take the initiative with, not one only your own staff can carry when
staff time is short; of those, one whose sheet serves a goal asked or that unlocks
the deferred tools if any is, and with little staff time one a relay structure takes
up if any is; it moves to the front (when no tool of the plan is such, the first says
who must lead it). *Start here* holds it and the next tools in rank (at most
``START_CARDS``, "pick one or two") that are not proposed, are not only for your own
staff when staff time is short, and score within ``START_GAP`` of the best (unlockers
always); every other wanted tool follows in *Then*, each with why it is not a tool to
start with (``then_because``). A card's rank never depends on ``limit``: ``limit``
keeps the ``limit`` best-ranked tools of the plan and says how many it left out; the
deferred tools (best first) are cut at ``limit`` the same way. *Once you know each
other* names the deferred tools, the rule (once) and the recommended tools that unlock
them (``later``), or the required levels no tool concerning you gives.

**Who leads.** Each tool says who takes the initiative: those of the pair who can, else
the kinds of actor who must (``lead``), and whether you can (``you_lead``).

**The reader's own first step.** When a card marks process steps for some actors or
cases (``ways_in``), "to start" is the first of them that fits the answers; else the
sheet's first step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from toolbox_cli.advisor.results import (
    Answers,
    Coverage,
    Deferred,
    Explanation,
    Gain,
    Later,
    LeftOut,
    Reason,
    ReasonCode,
    Recommendation,
    Recommended,
    Section,
    Side,
    Status,
    ThenBecause,
    WayInFor,
    Who,
)

if TYPE_CHECKING:
    from toolbox_cli.catalogue.models import Card, CardEntry, Rule, Vocabulary

GOAL_POINTS, MAIN_GOAL_BONUS, GOAL_LEVEL_POINTS, INITIATIVE_POINTS = 3, 1, 1, 2
FIT_POINTS = 3  # at the level practised or the next one up; one less a level away
RELAY_POINTS, RELAY_PART_POINTS, IN_HOUSE_POINTS = 3, 1, -2
UNLOCK_POINTS = 3
DEFAULT_LIMIT = 8
START_CARDS = 3  # the most tools "Start here" holds
START_GAP = 2  # a tool starts beside the best only within this many points of it
START_WITH = 2  # "pick one or two" of them
UNLOCKERS = 2  # the most tools named to unlock the deferred ones, per required level


class Catalogue(Protocol):
    """What the engine reads: the vocabulary, the card entries, and a card's details."""

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def entries(self) -> Sequence[CardEntry]: ...

    def card(self, card_id: str) -> Card: ...


class _Judged(NamedTuple):
    """One concerned card, judged for these answers."""

    entry: CardEntry
    level: int  # level of use now (for a deferred card: once unlocked)
    score: int
    reasons: tuple[Reason, ...]
    wanted: bool  # serves a goal asked for
    blocking: tuple[Rule, ...]  # the rules that defer it (empty: usable now)


def blocking_rules(levels: Sequence[int], maturity: int, rules: Sequence[Rule]) -> list[Rule]:
    """The rules a card with ``levels`` is under at ``maturity``: it offers the rule's
    level but not the level the rule asks first, which is not practised yet."""
    return [
        rule
        for rule in rules
        if rule.level in levels and rule.requires not in levels and maturity < rule.requires
    ]


def barred(level: int, maturity: int, vocabulary: Vocabulary) -> bool:
    """Whether a rule keeps ``level`` for later at ``maturity``."""
    return any(rule.level == level and maturity < rule.requires for rule in vocabulary.rules)


def allowed_levels(levels: Sequence[int], maturity: int, vocabulary: Vocabulary) -> list[int]:
    """The levels of a card the rules let you use at ``maturity`` (maybe none)."""
    return [level for level in levels if not barred(level, maturity, vocabulary)]


def goal_levels(vocabulary: Vocabulary, goal: str) -> list[int]:
    """The levels that build ``goal``, as the vocabulary says."""
    return [level.id for level in vocabulary.levels if goal in level.goals]


def served_goals(entries: Iterable[CardEntry], vocabulary: Vocabulary) -> tuple[str, ...]:
    """The goals, in the vocabulary's order, that one of ``entries`` at least serves, as
    its sheet reads or through a level it offers that builds the goal: what an empty
    plan offers to ask for instead."""
    building = {goal.id: set(goal_levels(vocabulary, goal.id)) for goal in vocabulary.goals}
    found: set[str] = set()
    for entry in entries:
        found.update(entry.goals)
        found.update(goal for goal, levels in building.items() if levels.intersection(entry.levels))
        if len(found) >= len(building):
            break
    return tuple(goal for goal in building if goal in found)


def fit(level: int, maturity: int) -> tuple[ReasonCode, int]:
    """How well using a tool at ``level`` fits a partnership at ``maturity``: the levels
    a sheet ticks are intensities a tool can reach, not prerequisites, so going higher
    costs nothing; going below what is practised costs a point a level."""
    if level == maturity + 1:
        return "next_step", FIT_POINTS
    if level == maturity:
        return "practised_level", FIT_POINTS
    if level > maturity:
        return "step_up", FIT_POINTS
    return "already_practised", max(0, FIT_POINTS - (maturity - level))


def use_level(
    levels: Sequence[int], maturity: int, goals: Iterable[str], vocabulary: Vocabulary
) -> int:
    """The level at which a card offering ``levels`` (those it may use) would be used: one
    that builds a goal asked if any, else any; the one that fits the maturity best, the
    nearest to the next step up, higher before lower."""
    built = {level for goal in goals for level in goal_levels(vocabulary, goal)}
    pool = [level for level in levels if level in built] or list(levels)
    return min(
        pool, key=lambda level: (-fit(level, maturity)[1], abs(level - maturity - 1), -level)
    )


def _people(answers: Answers) -> list[tuple[Who, str, tuple[str, ...]]]:
    """(who, actor, goals) for the asker and, when there is one, the partner."""
    people: list[tuple[Who, str, tuple[str, ...]]] = [("you", answers.actor, answers.goals)]
    if answers.partner is not None:
        people.append(("partner", answers.partner.actor, answers.partner.goals))
    return people


def _asked(answers: Answers) -> dict[str, Who]:
    """Each goal asked, and whose (``both`` when you and your partner ask it)."""
    asked: dict[str, Who] = {}
    for who, _, goals in _people(answers):
        for goal in goals:
            asked[goal] = "both" if asked.get(goal, who) != who else who
    return asked


def _goal_reasons(
    entry: CardEntry,
    answers: Answers,
    vocabulary: Vocabulary,
    level: int,
    held: bool,
    read: frozenset[str],
) -> list[Reason]:
    """The goals asked that the card serves at ``level``. ``held``: the card is under a
    rule (it offers level 4, not level 1, before level 1 is practised) and is judged now,
    so a goal its sheet lists that only a level kept for later builds is not served.
    ``read``: the goals some concerned card's sheet serves; a level builds only the
    others (else every tool offering level 1 would "make research known")."""
    reasons = []
    for goal, who in _asked(answers).items():
        built = [lv for lv in goal_levels(vocabulary, goal) if lv in entry.levels]
        if goal in entry.goals:
            if held and built and all(barred(lv, answers.maturity, vocabulary) for lv in built):
                continue
            points = GOAL_POINTS + (MAIN_GOAL_BONUS if entry.goals[0] == goal else 0)
            reasons.append(Reason("goal", points, goal=goal, who=who))
        elif level in built and goal not in read:
            reasons.append(Reason("goal_level", GOAL_LEVEL_POINTS, goal=goal, level=level, who=who))
    return reasons


def relay_actors(vocabulary: Vocabulary) -> set[str]:
    """The kinds of actor that are relay structures (the vocabulary's ``side: relay``)."""
    return {actor.id for actor in vocabulary.actors if actor.side == "relay"}


def _judge(
    entry: CardEntry,
    answers: Answers,
    vocabulary: Vocabulary,
    level: int,
    held: bool,
    read: frozenset[str] = frozenset(),
) -> _Judged:
    """Score ``entry`` for ``answers`` used at ``level``."""
    reasons = _goal_reasons(entry, answers, vocabulary, level, held, read)
    wanted = bool(reasons)
    for who, actor, _ in _people(answers):
        if actor in entry.actors:
            reasons.append(Reason("initiative", INITIATIVE_POINTS, who=who))
    if answers.staff_time is False:
        relays = relay_actors(vocabulary)
        if relays.intersection(entry.actors):
            reasons.append(Reason("relay_support", RELAY_POINTS))
        elif list(entry.actors) == [answers.actor]:  # a relay taking part does not carry it
            reasons.append(Reason("in_house", IN_HOUSE_POINTS))
        elif relays.intersection(entry.concerns):
            reasons.append(Reason("relay_part", RELAY_PART_POINTS))
    code, points = fit(level, answers.maturity)
    reasons.append(Reason(code, points, level=level))
    blocking = tuple(blocking_rules(entry.levels, answers.maturity, vocabulary.rules))
    score = sum(reason.points for reason in reasons)
    return _Judged(entry, level, score, tuple(reasons), wanted, blocking)


class _Judge:
    """``_judge`` for one set of answers. Cards with the same goals, levels, actors and
    concerns get the same judgement, so each such set is judged once: a big catalogue
    repeats them (there are 5 levels, 8 goals and 4 kinds of actor)."""

    def __init__(
        self, answers: Answers, vocabulary: Vocabulary, read: frozenset[str] = frozenset()
    ) -> None:
        self.answers = answers
        self.vocabulary = vocabulary
        self.read = read  # the goals asked that some concerned card's sheet serves
        self.seen: dict[tuple[object, ...], _Judged | None] = {}

    def judged(self, entry: CardEntry, level: int, held: bool = False) -> _Judged:
        """The card used at ``level``."""
        key = (*entry.goals, "", *entry.levels, "", *entry.actors, "", *entry.concerns, level, held)
        found = self.seen.get(key)
        if found is None:
            found = _judge(entry, self.answers, self.vocabulary, level, held, self.read)
            self.seen[key] = found
        return found if found.entry is entry else _Judged(entry, *found[1:])

    def __call__(self, entry: CardEntry) -> _Judged | None:
        """The card as it would be used now, or, deferred, once unlocked; None when it
        serves no goal asked."""
        answers, vocabulary = self.answers, self.vocabulary
        goals = tuple(_asked(answers))
        allowed = allowed_levels(entry.levels, answers.maturity, vocabulary)
        blocking = blocking_rules(entry.levels, answers.maturity, vocabulary.rules)
        if allowed:
            level = use_level(allowed, answers.maturity, goals, vocabulary)
            now = self.judged(entry, level, held=bool(blocking))
            if now.wanted:
                return now._replace(blocking=())
        if blocking:
            later = self.judged(entry, use_level(entry.levels, answers.maturity, goals, vocabulary))
            if later.wanted:
                return later
        return None


def sheet_read(entries: Iterable[CardEntry], answers: Answers) -> frozenset[str]:
    """The goals asked that the sheet of one of ``entries`` at least serves."""
    asked = set(_asked(answers))
    found: set[str] = set()
    for entry in entries:
        found.update(asked.intersection(entry.goals))
        if found == asked:
            break
    return frozenset(found)


def _main_goal(item: _Judged) -> bool:
    """Whether a goal asked is the card's main goal (the first its sheet lists)."""
    return any(r.code == "goal" and r.goal == item.entry.goals[0] for r in item.reasons)


def _has(item: _Judged, code: ReasonCode) -> bool:
    return any(reason.code == code for reason in item.reasons)


def _rank(item: _Judged) -> tuple[int, int, int, str]:
    """Best first: score, then what the sheet itself says (a ``goal`` reason) before what
    a level builds, then the more focused tool, then the id."""
    return (-item.score, 0 if _has(item, "goal") else 1, len(item.entry.levels), item.entry.id)


def _proposed(item: _Judged) -> bool:
    return getattr(item.entry, "status", "in_use") == "proposed"


def _led_by_us(entry: CardEntry, answers: Answers) -> bool:
    """Whether you (or your partner) can take the initiative with the tool."""
    return any(actor in entry.actors for _, actor, _ in _people(answers))


def concerns_all(entry: CardEntry, answers: Answers) -> bool:
    """Whether the card concerns the asker and, with a partner, the partner too."""
    return all(actor in entry.concerns for _, actor, _ in _people(answers))


def partners_covered(catalogue: Catalogue, actor: str) -> list[str]:
    """The kinds of partner that at least one tool concerns together with ``actor``."""
    return [
        term.id
        for term in catalogue.vocabulary.actors
        if any(actor in e.concerns and term.id in e.concerns for e in catalogue.entries)
    ]


def check_answers(answers: Answers, vocabulary: Vocabulary) -> None:
    """Refuse answers that name what the vocabulary does not define (a programming error:
    the questionnaire resolves every value first)."""
    actors = vocabulary.ids["actors"]
    for _, actor, goals in _people(answers):
        if actor not in actors:
            raise ValueError(f"unknown actor {actor!r}")
        unknown = [goal for goal in goals if goal not in vocabulary.ids["goals"]]
        if unknown:
            raise ValueError(f"unknown goal(s): {', '.join(unknown)}")
    if not answers.goals:
        raise ValueError("at least one goal is needed")


class _Plan(NamedTuple):
    """The whole plan before ``limit``."""

    concerned: int  # how many cards concern everyone asking
    served: tuple[str, ...]  # the goals those cards serve
    order: list[tuple[_Judged, Section, ThenBecause | None]]  # rank order
    unlockers: list[_Judged]
    deferred: list[_Judged]  # best first
    required: list[int]  # the levels deferred cards need first
    no_tool: list[int]  # of those, the ones no tool concerning everyone gives now

    def unlocking(self, requires: Sequence[int], limit: int) -> tuple[str, ...]:
        """The unlockers, among the first ``limit`` tools of the plan, that give ``requires``."""
        shown = {item.entry.id for item, _, _ in self.order[:limit]}
        return tuple(
            giver.entry.id
            for giver in self.unlockers
            if set(requires) & set(giver.entry.levels) and giver.entry.id in shown
        )


def _then_because(item: _Judged, answers: Answers, floor: int) -> ThenBecause:
    if _proposed(item):
        return "proposed"
    if not _led_by_us(item.entry, answers):
        return "others_lead"
    if _has(item, "in_house"):
        return "in_house"
    if any(r.code == "already_practised" and r.points < FIT_POINTS for r in item.reasons):
        return "already_practised"
    return "start_full" if item.score >= floor else "scores_less"


def _plan(catalogue: Catalogue, answers: Answers) -> _Plan:
    vocabulary = catalogue.vocabulary
    check_answers(answers, vocabulary)
    entries = [entry for entry in catalogue.entries if concerns_all(entry, answers)]
    judge = _Judge(answers, vocabulary, sheet_read(entries, answers))
    judged = [item for item in map(judge, entries) if item is not None]
    deferred = sorted((item for item in judged if item.blocking), key=_rank)
    open_now = [item for item in judged if not item.blocking]
    short = answers.staff_time is False

    # The rule: the tools that give what a deferred tool requires come first.
    required = sorted({rule.requires for item in deferred for rule in item.blocking})
    unlockers: list[_Judged] = []
    no_tool: list[int] = []
    deferred_ids = {item.entry.id for item in deferred}
    for level in required:
        builds = set(vocabulary.level(level).goals)
        taken = {item.entry.id for item in unlockers}
        givers = [
            judge.judged(entry, level)
            for entry in entries
            if entry.id not in deferred_ids
            and entry.id not in taken
            and getattr(entry, "status", "in_use") != "proposed"
            and level in allowed_levels(entry.levels, answers.maturity, vocabulary)
        ]
        if short and not all(_has(item, "in_house") for item in givers):
            givers = [item for item in givers if not _has(item, "in_house")]

        def as_starter(
            item: _Judged, builds: set[str] = builds
        ) -> tuple[bool, bool, bool, int, int, str]:
            return (
                not builds.intersection(item.entry.goals),  # level 1's own goals
                not (short and _has(item, "relay_support")),  # the relay first, when short
                not _led_by_us(item.entry, answers),
                -item.score,
                len(item.entry.levels),
                item.entry.id,
            )

        givers.sort(key=as_starter)
        if not givers:
            no_tool.append(level)
        unlocks = Reason("unlocks", UNLOCK_POINTS, level=level)
        unlockers += [
            item._replace(reasons=(*item.reasons, unlocks), score=item.score + UNLOCK_POINTS)
            for item in givers[:UNLOCKERS]
        ]
    unlocker_ids = {item.entry.id for item in unlockers}
    ranked = unlockers + sorted(
        (item for item in open_now if item.entry.id not in unlocker_ids), key=_rank
    )

    # The first tool: the best you can take up yourself.
    def opens(item: _Judged) -> bool:
        if _proposed(item) or not _led_by_us(item.entry, answers):
            return False
        return not (short and _has(item, "in_house"))

    openers = [item for item in ranked if opens(item)]
    # what its sheet says serves your goals (or unlocks what does) before what a level
    # builds; with little staff time, what a relay structure takes up first
    openers = [item for item in openers if _has(item, "goal") or _has(item, "unlocks")] or openers
    if short:
        openers = [item for item in openers if _has(item, "relay_support")] or openers
    if openers:
        ranked.remove(openers[0])
        ranked.insert(0, openers[0])

    def starts(item: _Judged) -> bool:
        return not _proposed(item) and not (short and _has(item, "in_house"))

    if not any(map(starts, ranked)):  # only your own staff can carry any of them
        starts = lambda item: not _proposed(item)  # noqa: E731
    best = max((item.score for item in ranked if starts(item)), default=0)
    start: list[_Judged] = []
    then: list[_Judged] = []
    for item in ranked:
        close = item.entry.id in unlocker_ids or item.score >= best - START_GAP
        if len(start) < START_CARDS and starts(item) and (close or not start):
            start.append(item)
        else:
            then.append(item)
    order: list[tuple[_Judged, Section, ThenBecause | None]] = [
        (item, "start", None) for item in start
    ]
    floor = min((item.score for item in start), default=0)
    order += [(item, "then", _then_because(item, answers, floor)) for item in then]
    return _Plan(
        concerned=len(entries),
        served=served_goals(entries, vocabulary),
        order=order,
        unlockers=unlockers,
        deferred=deferred,
        required=required,
        no_tool=no_tool,
    )


def _lead(entry: CardEntry, answers: Answers) -> tuple[str, ...]:
    """Who takes the initiative: those of the pair who can, else the card's initiators."""
    in_pair = [actor for _, actor, _ in _people(answers) if actor in entry.actors]
    return tuple(dict.fromkeys(in_pair)) or tuple(entry.actors)


def side_of(actor: str, other: str | None, vocabulary: Vocabulary) -> Side:
    """A partner's side of the sheet's interests, as the vocabulary says (research bodies
    the research side, authorities and companies the territory side); a relay structure
    is the other side's relay (the territory's, alone or beside research)."""
    side = vocabulary.actor(actor).side
    if side != "relay":
        return "research" if side == "research" else "territory"
    if other is not None and side_of(other, None, vocabulary) == "territory":
        return "research"
    return "territory"


def gains(card: Card, answers: Answers, vocabulary: Vocabulary) -> tuple[Gain, ...]:
    """Each side's interest from the sheet, put against the partner it belongs to."""
    partner = answers.partner.actor if answers.partner is not None else None
    mine = side_of(answers.actor, partner, vocabulary)
    texts = {"territory": card.interests.territory, "research": card.interests.research}
    if partner is None:
        other: Side = "research" if mine == "territory" else "territory"
        return (Gain(mine, "you", texts[mine]), Gain(other, "partner", texts[other]))
    theirs = side_of(partner, answers.actor, vocabulary)
    if theirs == mine:
        return (Gain(mine, "both", texts[mine]),)
    ordered: list[tuple[Side, Who]] = [(mine, "you"), (theirs, "partner")]
    return tuple(Gain(side, who, texts[side]) for side, who in ordered)


def first_step(card: Card, answers: Answers) -> tuple[Any, WayInFor | None]:
    """The process step that speaks to the asker's case (the card's ``ways_in``), and
    which case it is; else the sheet's first step."""
    for way in getattr(card, "ways_in", None) or ():
        actors = list(getattr(way, "actors", None) or ())
        staff_time = getattr(way, "staff_time", None)
        if actors and answers.actor not in actors:
            continue
        if staff_time is not None and staff_time != answers.staff_time:
            continue
        case: WayInFor | None = None
        if actors and staff_time is not None:
            case = "actor_staff_time"
        elif actors:
            case = "actor"
        elif staff_time is not None:
            case = "staff_time"
        return card.process[way.step - 1], case
    return card.process[0], None


def recommend(catalogue: Catalogue, answers: Answers, limit: int = DEFAULT_LIMIT) -> Recommendation:
    """The plan for ``answers``: its ``limit`` best-ranked tools (*Start here*, then
    *Then*), its ``limit`` best deferred tools, and what unlocks them."""
    vocabulary = catalogue.vocabulary
    plan = _plan(catalogue, answers)

    def recommended(
        rank: int, item: _Judged, section: Section, why: ThenBecause | None
    ) -> Recommended:
        card = catalogue.card(item.entry.id)
        step, case = first_step(card, answers)
        return Recommended(
            id=item.entry.id,
            title=item.entry.title,
            families=tuple(item.entry.families),
            levels=tuple(item.entry.levels),
            status=getattr(item.entry, "status", "in_use"),
            score=item.score,
            rank=rank,
            section=section,
            level=item.level,
            reasons=item.reasons,
            lead=_lead(item.entry, answers),
            you_lead=answers.actor in item.entry.actors,
            gains=gains(card, answers, vocabulary),
            first_step=step,
            first_step_for=case,
            then_because=why,
        )

    def deferred(rank: int, item: _Judged) -> Deferred:
        requires = tuple(sorted({rule.requires for rule in item.blocking}))
        return Deferred(
            id=item.entry.id,
            title=item.entry.title,
            levels=tuple(item.entry.levels),
            status=getattr(item.entry, "status", "in_use"),
            score=item.score,
            rank=rank,
            level=item.level,
            requires=requires,
            rules=tuple(rule.id for rule in item.blocking),
            unlocked_by=plan.unlocking(requires, limit),
            reasons=item.reasons,
            lead=_lead(item.entry, answers),
            you_lead=answers.actor in item.entry.actors,
        )

    shown = [
        recommended(rank, item, section, why)
        for rank, (item, section, why) in enumerate(plan.order[:limit], 1)
    ]
    waiting = [deferred(rank, item) for rank, item in enumerate(plan.deferred[:limit], 1)]
    later = None
    if waiting:
        rules = tuple(dict.fromkeys(rule for item in waiting for rule in item.rules))
        requires = tuple(sorted({level for item in waiting for level in item.requires}))
        later = Later(
            rules=rules,
            requires=requires,
            unlocked_by=plan.unlocking(requires, limit),
            no_tool=tuple(level for level in plan.no_tool if level in requires),
        )
    total = len(catalogue.entries)
    starting = sum(1 for item in shown if item.section == "start")
    return Recommendation(
        answers=answers,
        coverage=Coverage(plan.concerned, total, few=plan.concerned * 2 < total, goals=plan.served),
        recommendations=tuple(shown),
        deferred=tuple(waiting),
        later=later,
        start_with=min(START_WITH, starting),
        limit=limit,
        left_out=len(plan.order) - len(shown),
        deferred_left_out=len(plan.deferred) - len(waiting),
    )


def explain(
    catalogue: Catalogue, answers: Answers, card_id: str, limit: int = DEFAULT_LIMIT
) -> Explanation:
    """Whether the card ``card_id`` is recommended, deferred or left out, and exactly why."""
    vocabulary = catalogue.vocabulary
    plan = _plan(catalogue, answers)
    entry = next(entry for entry in catalogue.entries if entry.id == card_id)
    concerned = {actor: actor in entry.concerns for _, actor, _ in _people(answers)}
    placed = [
        (rank, item, section, why)
        for rank, (item, section, why) in enumerate(plan.order, 1)
        if item.entry.id == card_id
    ]
    waiting = [
        (rank, item) for rank, item in enumerate(plan.deferred, 1) if item.entry.id == card_id
    ]
    status: Status = "left_out"
    left_out: LeftOut | None = None
    section: Section | None = None
    rank: int | None = None
    why: ThenBecause | None = None
    unlocked_by: tuple[str, ...] = ()
    if placed:
        rank, item, section, why = placed[0]
        status = "recommended"
    elif waiting:
        rank, item = waiting[0]
        status = "deferred"
        unlocked_by = plan.unlocking(sorted({r.requires for r in item.blocking}), limit)
    else:
        concerned_entries = [e for e in catalogue.entries if concerns_all(e, answers)]
        judge = _Judge(answers, vocabulary, sheet_read(concerned_entries, answers))
        goals = tuple(_asked(answers))
        allowed = allowed_levels(entry.levels, answers.maturity, vocabulary) or entry.levels
        item = judge.judged(entry, use_level(allowed, answers.maturity, goals, vocabulary))
        left_out = "not_concerned" if not all(concerned.values()) else "no_goal"
    if rank is not None and rank > limit:
        status, left_out = "left_out", "over_limit"
        unlocked_by = ()
    requires = tuple(sorted({rule.requires for rule in item.blocking}))
    return Explanation(
        answers=answers,
        id=card_id,
        title=entry.title,
        levels=tuple(entry.levels),
        card_status=getattr(entry, "status", "in_use"),
        concerns=tuple(entry.concerns),
        actors=tuple(entry.actors),
        goals=tuple(entry.goals),
        concerned=concerned,
        status=status,
        left_out=left_out,
        level=item.level,
        section=section,
        rank=rank,
        limit=limit,
        score=item.score,
        reasons=item.reasons,
        requires=requires,
        rules=tuple(rule.id for rule in item.blocking),
        unlocked_by=unlocked_by,
        then_because=why,
    )
