"""``recommend(catalogue, answers)``: a plan of tools to use, and why. Pure and deterministic.

The engine reads the catalogue it is given and returns a language-neutral result
(:mod:`toolbox_cli.results`): reasons are codes with points, never sentences.

**Whom a tool concerns.** Only the cards whose ``concerns`` include the asker (and,
with a partner, the partner too) are considered; the others are never recommended,
deferred or named as unlockers. When fewer than half the catalogue concerns someone,
the result says so (``coverage.few``) instead of padding the plan.

**The level of use.** A card is judged at the one level at which this person would use
it now, not rewarded for spanning many levels. Among the card's levels that the
vocabulary's rules allow at this maturity (level 4 is not used before level 1 has been
practised), it is the level that builds a goal asked for (the vocabulary says what each
level builds: level 1 outreach and mutual knowledge, 2 reflexivity, 4 experimentation,
5 capitalisation), the nearest at or above the next step; failing that, the next step
up from the maturity, else the card's highest level.

**The score** (each criterion is a reason with its points):

- ``goal``: +3 for each goal asked (by you or your partner) that the card serves as its
  sheet reads, +1 more when it is the card's main goal (the first it lists);
- ``goal_level``: +2 for a goal asked that the card does not list but builds through a
  level it offers (a capitalisation goal finds the tools that offer level 5);
- ``initiative``: +2 when your kind of actor takes the initiative with the tool;
- with little or no staff time (a shared post or a relay structure is what documents
  000, 003 and 004 give territories with little engineering): ``relay_support`` +3 when
  a relay structure (an actor of ``side: relay`` in the vocabulary) takes up the tool,
  else ``relay_part`` +1 when one takes part in it, else ``in_house`` -2 when only your
  own kind of actor can take the initiative (it needs your own staff);
- ``next_step`` +3 when the level of use is the next step up from the maturity,
  ``within_reach`` +1 when it is a level already practised, ``stretch`` minus the gap
  when it lies further ahead.

**The rule.** A wanted card (one that serves a goal asked) whose levels include a rule's
level but not its requirement is *deferred* while the maturity is below the requirement.
The best cards that give the requirement (level 1, interconnaissance) and concern the
asker are then recommended first, whatever the goals, and named as what unlocks it
(with little staff time, never one that only your own staff can carry when another
card gives the requirement).

**The plan.** Each card sits at its level of use (the unlockers at the required level).
Steps number those levels from the lowest, over every candidate before ``limit``, so a
card's step depends on its level and the answers only. Step 1 is where to start (pick
one or two of its cards). Every step keeps at most ``STEP_CARDS`` cards, in this
order: the unlockers; with little staff time, what only your own staff can carry last
(and never in step 1 when anything else is there); then by score; then a card whose
sheet serves the goal before one that only offers the level that builds it; then the
fewer levels it spans (the more focused tool); then by id. The others are offered as
alternatives, and ``explain`` says which part of this order left each out:
``in_house_last`` for a tool only your own staff can carry, with little staff time, out
of step 1 while something else is there, or kept out by a tool it outranks that comes
first for not being one; else ``unlockers_first`` when the step keeps only unlockers
(its places went to them, whatever their score); else ``step_full`` (the tools kept
rank ahead of it by score and the rest of the order). A tool used at a level already
practised, for a goal that is not its main one, opens the plan only when nothing goes
higher; otherwise it is an alternative too. With little staff time, a tool a relay
structure takes up is used at the plan's first level when it offers it: the shared post
or the relay comes first.
``limit`` cuts the plan in pathway order; deferred cards take the step of their
level, after the step that unlocks them, every one of them (up to ``limit``) in the
same order, with little staff time what only your own staff can carry last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from toolbox_cli.advisor.results import (
    Alternative,
    Answers,
    Coverage,
    Deferred,
    Explanation,
    Gain,
    LeftOut,
    Reason,
    Recommendation,
    Recommended,
    Side,
    Status,
    Step,
    Who,
)

if TYPE_CHECKING:
    from toolbox_cli.catalogue.models import Card, CardEntry, Rule, Vocabulary

GOAL_POINTS, MAIN_GOAL_BONUS, GOAL_LEVEL_POINTS, INITIATIVE_POINTS = 3, 1, 2, 2
NEXT_STEP_POINTS, WITHIN_REACH_POINTS = 3, 1
RELAY_POINTS, RELAY_PART_POINTS, IN_HOUSE_POINTS = 3, 1, -2
DEFAULT_LIMIT = 8
STEP_CARDS = 3  # the most cards a step of the plan holds (and unlockers per level)
START_WITH = 2  # "pick one or two" of step 1


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
    level: int  # level of use now (for a deferred card: where it sits on the pathway)
    score: int
    reasons: tuple[Reason, ...]
    wanted: bool  # serves a goal asked for
    blocking: tuple[Rule, ...]


def blocking_rules(levels: Sequence[int], maturity: int, rules: Sequence[Rule]) -> list[Rule]:
    """The rules that keep a card with ``levels`` out of reach at ``maturity``."""
    return [
        rule
        for rule in rules
        if rule.level in levels and rule.requires not in levels and maturity < rule.requires
    ]


def pathway_level(levels: Sequence[int], maturity: int) -> int:
    """Where a card sits on the pathway: its first level from the next step up, else its top."""
    ahead = [level for level in levels if level > maturity]
    return min(ahead) if ahead else max(levels)


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


def allowed_levels(levels: Sequence[int], maturity: int, vocabulary: Vocabulary) -> list[int]:
    """The levels of a card the rules let you use at ``maturity`` (all, if none is)."""
    return [
        level
        for level in levels
        if not any(rule.level == level and maturity < rule.requires for rule in vocabulary.rules)
    ] or list(levels)


def use_level(
    levels: Sequence[int], maturity: int, goals: Sequence[str], vocabulary: Vocabulary
) -> int:
    """The level at which a card with ``levels`` would be used now (see the module doc)."""
    allowed = allowed_levels(levels, maturity, vocabulary)
    target = maturity + 1
    building = sorted({lv for goal in goals for lv in goal_levels(vocabulary, goal)} & set(allowed))
    if building:
        ahead = [level for level in building if level >= target]
        return min(ahead) if ahead else max(building)
    return pathway_level(allowed, maturity)


def _people(answers: Answers) -> list[tuple[Who, str, tuple[str, ...]]]:
    """(who, actor, goals) for the asker and, when there is one, the partner."""
    people: list[tuple[Who, str, tuple[str, ...]]] = [("you", answers.actor, answers.goals)]
    if answers.partner is not None:
        people.append(("partner", answers.partner.actor, answers.partner.goals))
    return people


def _goal_reasons(entry: CardEntry, answers: Answers, vocabulary: Vocabulary) -> list[Reason]:
    asked: dict[str, Who] = {}
    for who, _, goals in _people(answers):
        for goal in goals:
            asked[goal] = "both" if asked.get(goal, who) != who else who
    reasons = []
    for goal, who in asked.items():
        if goal in entry.goals:
            points = GOAL_POINTS + (MAIN_GOAL_BONUS if entry.goals[0] == goal else 0)
            reasons.append(Reason("goal", points, goal=goal, who=who))
        else:
            offered = [level for level in goal_levels(vocabulary, goal) if level in entry.levels]
            if offered:
                reasons.append(
                    Reason("goal_level", GOAL_LEVEL_POINTS, goal=goal, level=offered[0], who=who)
                )
    return reasons


def _judge(
    entry: CardEntry, answers: Answers, vocabulary: Vocabulary, level: int | None = None
) -> _Judged:
    """Score ``entry`` for ``answers``, at ``level`` if given, else at its level of use."""
    reasons = _goal_reasons(entry, answers, vocabulary)
    wanted = bool(reasons)
    for who, actor, _ in _people(answers):
        if actor in entry.actors:
            reasons.append(Reason("initiative", INITIATIVE_POINTS, who=who))
    if answers.staff_time is False:
        relays = relay_actors(vocabulary)
        if relays.intersection(entry.actors):
            reasons.append(Reason("relay_support", RELAY_POINTS))
        elif relays.intersection(entry.concerns):
            reasons.append(Reason("relay_part", RELAY_PART_POINTS))
        elif list(entry.actors) == [answers.actor]:
            reasons.append(Reason("in_house", IN_HOUSE_POINTS))
    blocking = tuple(blocking_rules(entry.levels, answers.maturity, vocabulary.rules))
    all_goals = [goal for _, _, goals in _people(answers) for goal in goals]
    if level is not None:
        pass
    elif blocking:
        level = pathway_level(entry.levels, answers.maturity)
    else:
        level = use_level(entry.levels, answers.maturity, all_goals, vocabulary)
    target = answers.maturity + 1
    if level == target:
        reasons.append(Reason("next_step", NEXT_STEP_POINTS, level=level))
    elif level <= answers.maturity:
        reasons.append(Reason("within_reach", WITHIN_REACH_POINTS, level=level))
    else:
        reasons.append(Reason("stretch", target - level, level=level))
    score = sum(reason.points for reason in reasons)
    return _Judged(entry, level, score, tuple(reasons), wanted, blocking)


class _Judge:
    """``_judge`` for one set of answers. Cards with the same goals, levels, actors and
    concerns get the same judgement, so each such set is judged once: a big catalogue
    repeats them (there are 5 levels, 8 goals and 4 kinds of actor)."""

    def __init__(self, answers: Answers, vocabulary: Vocabulary) -> None:
        self.answers = answers
        self.vocabulary = vocabulary
        self.seen: dict[tuple[object, ...], _Judged] = {}

    def __call__(self, entry: CardEntry, level: int | None = None) -> _Judged:
        key = (*entry.goals, "", *entry.levels, "", *entry.actors, "", *entry.concerns, level)
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = _judge(entry, self.answers, self.vocabulary, level)
        return found if found.entry is entry else _Judged(entry, *found[1:])


def relay_actors(vocabulary: Vocabulary) -> set[str]:
    """The kinds of actor that are relay structures (the vocabulary's ``side: relay``)."""
    return {actor.id for actor in vocabulary.actors if actor.side == "relay"}


def _relayed(entry: CardEntry, answers: Answers, vocabulary: Vocabulary) -> bool:
    """Little staff time, and a relay structure takes the initiative with the tool."""
    return answers.staff_time is False and bool(relay_actors(vocabulary) & set(entry.actors))


def _main_goal(item: _Judged) -> bool:
    """Whether a goal asked is the card's main goal (the first its sheet reading lists)."""
    return any(r.code == "goal" and r.goal == item.entry.goals[0] for r in item.reasons)


def _in_house(item: _Judged) -> bool:
    return any(reason.code == "in_house" for reason in item.reasons)


def _rank(item: _Judged) -> tuple[int, int, int, str]:
    """Best first: score, then what the sheet itself says (a ``goal`` reading) before what
    a level builds, then the more focused tool, then the id."""
    read = any(reason.code == "goal" for reason in item.reasons)
    return (-item.score, 0 if read else 1, len(item.entry.levels), item.entry.id)


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


class _Full(NamedTuple):
    """Why a card is left out of a full step, and the cards the step keeps."""

    left_out: LeftOut  # "in_house_last", "unlockers_first" or "step_full" (module doc)
    kept: list[str]


def _left_out(item: _Judged, keeps: list[_Judged], unlockers: set[str], first: bool) -> LeftOut:
    """Why ``item`` is left out of the step that ``keeps`` these cards (see the module doc)."""
    own = _in_house(item)  # only with little staff time
    if own and first and not all(_in_house(other) for other in keeps):
        return "in_house_last"
    if all(other.entry.id in unlockers for other in keeps):
        return "unlockers_first"
    if own and any(_rank(other) > _rank(item) for other in keeps):
        return "in_house_last"
    return "step_full"


class _Plan(NamedTuple):
    """The whole plan before ``limit``: every candidate placed, in pathway order."""

    judged: dict[str, _Judged]  # every concerned card
    placed: list[tuple[int, _Judged]]  # (level, card) recommended, pathway order
    unlockers: list[_Judged]
    deferred: list[_Judged]
    step_full: dict[str, _Full]  # left out of a full step: id -> why, and the cards it keeps
    steps: dict[int, int]  # level -> step number
    required: list[int]  # the levels deferred cards need first
    alternatives: list[_Judged]  # left out of a full step, then the practised ones

    def listed(self, limit: int) -> list[_Judged]:
        """The alternatives a plan cut at ``limit`` offers: those of the steps it shows,
        then the practised ones, at most ``limit``."""
        shown_levels = {level for level, _ in self.placed[:limit]}
        return [
            item
            for item in self.alternatives
            if item.entry.id not in self.step_full or item.level in shown_levels
        ][:limit]

    def unlocking(self, requires: Sequence[int], limit: int) -> tuple[str, ...]:
        """The unlockers, among the first ``limit`` cards of the plan, that give ``requires``."""
        shown = {item.entry.id for _, item in self.placed[:limit]}
        return tuple(
            giver.entry.id
            for giver in self.unlockers
            if set(requires) & set(giver.entry.levels) and giver.entry.id in shown
        )


def _plan(catalogue: Catalogue, answers: Answers) -> _Plan:
    vocabulary = catalogue.vocabulary
    check_answers(answers, vocabulary)
    judge = _Judge(answers, vocabulary)
    judged = {entry.id: judge(entry) for entry in catalogue.entries if concerns_all(entry, answers)}
    wanted = [item for item in judged.values() if item.wanted]
    deferred = sorted((item for item in wanted if item.blocking), key=_rank)
    open_now = [item for item in judged.values() if not item.blocking]

    # The rule: the cards that give what a deferred card requires come first.
    required = sorted({rule.requires for item in deferred for rule in item.blocking})
    unlockers: list[_Judged] = []
    for level in required:
        builds = set(vocabulary.level(level).goals)

        def as_starter(item: _Judged, builds: set[str] = builds) -> tuple[int, int, str]:
            # ranked as if you also wanted what the level builds (level 1: mutual knowledge)
            bonus = GOAL_POINTS if builds.intersection(item.entry.goals) else 0
            return (-(item.score + bonus), len(item.entry.levels), item.entry.id)

        taken = {item.entry.id for item in unlockers}
        givers = sorted(
            (
                judge(item.entry, level=level)  # used at that level
                for item in open_now
                if level in item.entry.levels and item.entry.id not in taken
            ),
            key=as_starter,
        )
        if answers.staff_time is False and not all(_in_house(item) for item in givers):
            # step 1 is never a tool only your own staff can carry when another is there
            givers = [item for item in givers if not _in_house(item)]
        first = Reason("interconnaissance_first", 0, level=level)  # said once, here
        unlockers += [item._replace(reasons=(first, *item.reasons)) for item in givers[:STEP_CARDS]]
    judged.update({item.entry.id: item for item in unlockers})
    unlocker_ids = {item.entry.id for item in unlockers}

    placed = [(item.level, item) for item in unlockers]
    wanted_open = [item for item in open_now if item.wanted and item.entry.id not in unlocker_ids]
    # Tools used at a level already practised, for a goal that is not their main one, open
    # the plan only when nothing goes higher (a relay tool still comes first when staff
    # time is short).
    if any(item.level > answers.maturity for item in wanted_open) or unlockers:
        practised = [
            item
            for item in wanted_open
            if item.level <= answers.maturity
            and not _main_goal(item)
            and not _relayed(item.entry, answers, vocabulary)
        ]
    else:
        practised = []
    placed += [(item.level, item) for item in wanted_open if item not in practised]
    # Little staff time: a tool a relay structure takes up is used at the plan's first
    # level when it offers it: the shared post or the relay comes first.
    start = min([level for level, _ in placed] + required, default=None)
    for number, (level, item) in enumerate(placed):
        allowed = allowed_levels(item.entry.levels, answers.maturity, vocabulary)
        unlocks = item.entry.id in unlocker_ids  # stays at the level it gives
        if (
            _relayed(item.entry, answers, vocabulary)
            and start in allowed
            and level != start
            and not unlocks
        ):
            moved = judge(item.entry, level=start)
            placed[number] = (start, moved)
            judged[item.entry.id] = moved
    levels = sorted(
        {level for level, _ in placed} | {item.level for item in deferred} | set(required)
    )
    steps = {level: number for number, level in enumerate(levels, 1)}

    # Each step keeps a few cards, the unlockers first and, with little staff time, what
    # only your own staff can carry last; the others are alternatives.
    def order(pair: tuple[int, _Judged]) -> tuple[int, bool, bool, int, int, int, str]:
        level, item = pair
        return (level, item.entry.id not in unlocker_ids, _in_house(item), *_rank(item))

    placed.sort(key=order)
    kept: list[tuple[int, _Judged]] = []
    others: list[tuple[int, _Judged]] = []
    for level in levels:
        here = [pair for pair in placed if pair[0] == level]
        if level == levels[0] and answers.staff_time is False:
            # little staff time: step 1 is never a tool only your own staff can carry
            # (``order`` already put them last in the step)
            outside = sum(1 for _, item in here if not _in_house(item))
            cut = min(STEP_CARDS, outside) if outside else STEP_CARDS
        else:
            cut = STEP_CARDS
        kept += here[:cut]
        others += here[cut:]
    step_full: dict[str, _Full] = {}
    for level, item in others:
        keeps = [other for lv, other in kept if lv == level]
        code = _left_out(item, keeps, unlocker_ids, first=level == levels[0])
        step_full[item.entry.id] = _Full(code, [other.entry.id for other in keeps])
    alternatives = [item for _, item in others] + sorted(practised, key=_rank)
    return _Plan(judged, kept, unlockers, deferred, step_full, steps, required, alternatives)


def _nearer(plan: _Plan, answers: Answers, level: int) -> bool:
    """Whether a card serving a goal asked, usable now, offers a level between your next
    step and ``level`` (then it is used at ``level``, where a goal asked is built)."""
    between = range(answers.maturity + 1, level)
    return any(
        item.wanted and not item.blocking and any(lv in between for lv in item.entry.levels)
        for item in plan.judged.values()
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


def recommend(catalogue: Catalogue, answers: Answers, limit: int = DEFAULT_LIMIT) -> Recommendation:
    """The plan for ``answers``: at most ``limit`` cards in pathway order, and at most
    ``limit`` of the wanted cards that a rule defers, best first."""
    plan = _plan(catalogue, answers)

    def recommended(level: int, item: _Judged) -> Recommended:
        card = catalogue.card(item.entry.id)
        return Recommended(
            id=item.entry.id,
            title=item.entry.title,
            families=tuple(item.entry.families),
            levels=tuple(item.entry.levels),
            score=item.score,
            step=plan.steps[level],
            level=level,
            reasons=item.reasons,
            lead=_lead(item.entry, answers),
            gains=gains(card, answers, catalogue.vocabulary),
            first_step=card.process[0],
        )

    def deferred(item: _Judged) -> Deferred:
        requires = tuple(sorted({rule.requires for rule in item.blocking}))
        return Deferred(
            id=item.entry.id,
            title=item.entry.title,
            levels=tuple(item.entry.levels),
            score=item.score,
            step=plan.steps[item.level],
            level=item.level,
            requires=requires,
            rules=tuple(rule.id for rule in item.blocking),
            unlocked_by=plan.unlocking(requires, limit),
            reasons=item.reasons,
        )

    shown = plan.placed[:limit]

    def alternative(item: _Judged) -> Alternative:
        step = plan.steps[item.level] if item.entry.id in plan.step_full else None
        entry = item.entry
        return Alternative(entry.id, entry.title, tuple(entry.levels), item.level, step, item.score)

    alternatives = tuple(alternative(item) for item in plan.listed(limit))
    # each step's waiting tools best first, what only your own staff can carry last
    later = sorted(
        plan.deferred[:limit], key=lambda item: (item.level, _in_house(item), *_rank(item))
    )
    required = plan.required if later else []
    used = sorted({level for level, _ in shown} | {item.level for item in later} | set(required))
    after = plan.steps[required[-1]] if required else None
    given = {level for level, _ in shown}
    steps = tuple(
        Step(
            plan.steps[level],
            level,
            after=after if any(item.level == level for item in later) else None,
            no_tool=level in required and level not in given,
            nearer=level == used[0] and _nearer(plan, answers, level),
        )
        for level in used
    )
    concerned = len(plan.judged)
    total = len(catalogue.entries)
    goals = served_goals((item.entry for item in plan.judged.values()), catalogue.vocabulary)
    return Recommendation(
        answers=answers,
        coverage=Coverage(concerned, total, few=concerned * 2 < total, goals=goals),
        steps=steps,
        recommendations=tuple(recommended(level, item) for level, item in shown),
        deferred=tuple(deferred(item) for item in later),
        alternatives=alternatives if shown else (),
        start_with=min(START_WITH, sum(1 for level, _ in shown if plan.steps[level] == 1)),
    )


def explain(
    catalogue: Catalogue, answers: Answers, card_id: str, limit: int = DEFAULT_LIMIT
) -> Explanation:
    """Whether the card ``card_id`` is recommended, deferred or left out, and exactly why."""
    vocabulary = catalogue.vocabulary
    plan = _plan(catalogue, answers)
    entry = next(entry for entry in catalogue.entries if entry.id == card_id)
    item = plan.judged.get(card_id) or _judge(entry, answers, vocabulary)
    concerned = {actor: actor in entry.concerns for _, actor, _ in _people(answers)}
    position = [i for i, (_, placed) in enumerate(plan.placed) if placed.entry.id == card_id]
    deferred_ids = [other.entry.id for other in plan.deferred]
    left_out: LeftOut | None = None
    step = None
    level = item.level
    if not all(concerned.values()):
        left_out = "not_concerned"
    elif position:
        level = plan.placed[position[0]][0]
        step = plan.steps[level]
        if position[0] >= limit:
            left_out = "over_limit"
    elif card_id in deferred_ids:
        step = plan.steps[item.level]
        if deferred_ids.index(card_id) >= limit:
            left_out = "over_limit"
    elif card_id in plan.step_full:
        left_out = plan.step_full[card_id].left_out
        step = plan.steps[item.level]
    elif any(other.entry.id == card_id for other in plan.alternatives):
        left_out = "practised"
    else:
        left_out = "no_goal"
    status: Status = "recommended"
    if left_out is not None:
        status = "left_out"
    elif card_id in deferred_ids:
        status = "deferred"
    deferred_item = card_id in deferred_ids
    requires = tuple(sorted({rule.requires for rule in item.blocking}))
    full = plan.step_full.get(card_id)
    offered = any(other.entry.id == card_id for other in plan.listed(limit))
    unlocks: tuple[int, ...] = ()
    if left_out == "unlockers_first":  # the levels that wait for this step's level
        blocking = [rule for other in plan.deferred for rule in other.blocking]
        unlocks = tuple(sorted({rule.level for rule in blocking if rule.requires == level}))
    return Explanation(
        answers=answers,
        id=card_id,
        title=entry.title,
        levels=tuple(entry.levels),
        concerns=tuple(entry.concerns),
        actors=tuple(entry.actors),
        goals=tuple(entry.goals),
        concerned=concerned,
        status=status,
        left_out=left_out,
        level=level,
        step=step,
        score=item.score,
        reasons=item.reasons,
        requires=requires,
        rules=tuple(rule.id for rule in item.blocking),
        unlocked_by=plan.unlocking(requires, limit) if deferred_item else (),
        ahead=tuple(full.kept) if full else (),
        unlocks=unlocks,
        offered=offered,
    )
