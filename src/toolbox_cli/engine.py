"""``recommend(catalogue, answers)``: which tools to use first, and why. Pure and deterministic.

How a card is scored (every point has a reason the user sees):

- ``goal_match``: +3 for each of your goals the card serves, +1 more when it is
  the card's main goal (the first it lists);
- ``actor_match``: +2 when your kind of actor takes the initiative with it;
- ``next_step``: +3 when one of its levels is the next step up from your
  maturity (the highest level you have practised, plus one);
- ``within_reach``: +1 when, failing that, it has a level you have practised;
- ``stretch``: minus the gap when all its levels lie beyond the next step;
- ``relay_support``: +2, only when you said you have little or no staff time
  for partnerships, when a relay structure (the ``intermediary`` actor) can take
  the tool up. Small and medium territories are "peu dotés en ingénierie locale"
  (document 004), and less-equipped territories lag behind those organised to
  answer calls for projects (document 003).

The rules of the vocabulary ("level 4 requires level 1") come first: a card you
want (one that serves a goal of yours) whose levels include a rule's level but
not its requirement is *deferred*, not recommended, while your maturity is below
the requirement. The interconnaissance
cards that unlock it are then recommended as step 1.

The pathway orders cards by intensity: each card sits at its first level at or
above the next step (or its highest level, when all are below), and the steps
number those levels from the lowest. Within a step, cards come by score (highest
first), then by id. Which cards make step 1 is decided by score plus what they
build for the required level, then by how few levels they span (the more
focused tool is the surer start), then by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Catalogue
from .i18n import t
from .models import (
    Answers,
    CardEntry,
    Deferred,
    Lang,
    Reason,
    Recommendation,
    Recommended,
    Rule,
    Vocabulary,
)

GOAL_POINTS, MAIN_GOAL_BONUS, ACTOR_POINTS = 3, 1, 2
NEXT_STEP_POINTS, WITHIN_REACH_POINTS, RELAY_POINTS = 3, 1, 2
RELAY_ACTOR = "intermediary"  # relay structures, territorial catalysts
DEFAULT_LIMIT = 8
FIRST_STEP_CARDS = 3


@dataclass(frozen=True)
class _Scored:
    entry: CardEntry
    score: int
    why: tuple[tuple[str, str], ...]  # (reason code, what it is about), in order
    matches_goal: bool


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


def _score(entry: CardEntry, answers: Answers) -> _Scored:
    score = 0
    why: list[tuple[str, str]] = []
    for goal in answers.goals:
        if goal in entry.goals:
            score += GOAL_POINTS + (MAIN_GOAL_BONUS if entry.goals[0] == goal else 0)
            why.append(("goal_match", goal))
    if answers.actor in entry.actors:
        score += ACTOR_POINTS
        why.append(("actor_match", answers.actor))
    if answers.staff_time is False and RELAY_ACTOR in entry.actors:
        score += RELAY_POINTS
        why.append(("relay_support", ""))
    target = answers.maturity + 1  # 6 after capitalisation: no step up is left
    lowest = min(entry.levels)
    if target in entry.levels:
        score += NEXT_STEP_POINTS
        why.append(("next_step", str(target)))
    elif lowest <= answers.maturity:
        score += WITHIN_REACH_POINTS
        why.append(("within_reach", ""))
    else:
        score -= lowest - target
        why.append(("stretch", str(lowest)))
    return _Scored(entry, score, tuple(why), any(code == "goal_match" for code, _ in why))


def _reason(code: str, about: str, vocabulary: Vocabulary, lang: Lang) -> Reason:
    """The sentence that explains one reason code, in ``lang``."""
    if code == "goal_match":
        text = t(lang, "why_goal", goal=vocabulary.goal(about).label(lang).lower())
    elif code == "actor_match":
        text = t(lang, "why_actor", actor=vocabulary.actor(about).label(lang).lower())
    elif code == "next_step":
        label = vocabulary.level(int(about)).label(lang).lower()
        text = t(lang, "why_next", level=about, label=label)
    elif code == "within_reach":
        text = t(lang, "why_reach")
    elif code == "stretch":
        text = t(lang, "why_stretch", level=about)
    elif code == "relay_support":
        text = t(lang, "why_relay")
    else:
        text = t(lang, "why_first")
    return Reason(code=code, text=text)


def _check(answers: Answers, vocabulary: Vocabulary) -> None:
    if answers.actor not in vocabulary.ids["actors"]:
        raise ValueError(f"unknown actor {answers.actor!r}")
    unknown = [g for g in answers.goals if g not in vocabulary.ids["goals"]]
    if unknown:
        raise ValueError(f"unknown goal(s): {', '.join(unknown)}")


def _by_score(item: _Scored) -> tuple[int, str]:
    return (-item.score, item.entry.id)


def _by_focus(item: _Scored, builds: set[str]) -> tuple[int, int, str]:
    # A first step is ranked as if you also wanted what its level builds (level 1:
    # outreach, mutual knowledge); among equals, the tool devoted to fewer levels.
    serves = GOAL_POINTS if builds.intersection(item.entry.goals) else 0
    return (-(item.score + serves), len(item.entry.levels), item.entry.id)


def recommend(
    catalogue: Catalogue, answers: Answers, lang: Lang = "en", limit: int = DEFAULT_LIMIT
) -> Recommendation:
    """The pathway for ``answers``: at most ``limit`` cards now, and at most ``limit``
    of the cards you want that a rule defers, best first."""
    vocabulary = catalogue.vocabulary
    _check(answers, vocabulary)
    scored = [_score(entry, answers) for entry in catalogue.entries]
    blocked = {
        item.entry.id: blocking_rules(item.entry.levels, answers.maturity, vocabulary.rules)
        for item in scored
    }
    open_now = sorted((item for item in scored if not blocked[item.entry.id]), key=_by_score)

    # Step 1 when a rule blocks a card you want: the cards that give its requirement.
    wanted_blocked = [item for item in scored if blocked[item.entry.id] and item.matches_goal]
    required = sorted({rule.requires for item in wanted_blocked for rule in blocked[item.entry.id]})
    first: list[_Scored] = []
    first_ids: set[str] = set()
    for level in required:
        builds = set(vocabulary.level(level).goals)
        givers = sorted(
            (
                item
                for item in open_now
                if level in item.entry.levels and item.entry.id not in first_ids
            ),
            key=lambda item: _by_focus(item, builds),
        )
        first += givers[: min(FIRST_STEP_CARDS, limit)]
        first_ids = {item.entry.id for item in first}
    first = first[:limit]
    first_ids = {item.entry.id for item in first}
    chosen = (
        first
        + [item for item in open_now if item.matches_goal and item.entry.id not in first_ids][
            : max(limit - len(first), 0)
        ]
    )

    def level_of(item: _Scored) -> int:
        if item.entry.id in first_ids:
            return 1
        return pathway_level(item.entry.levels, answers.maturity)

    placed = sorted(
        ((level_of(item), item) for item in chosen),
        key=lambda pair: (pair[0], -pair[1].score, pair[1].entry.id),
    )
    steps = {level: number for number, level in enumerate(sorted({lv for lv, _ in placed}), 1)}

    def recommended_card(level: int, item: _Scored) -> Recommended:
        why = item.why
        if item.entry.id in first_ids:
            why = (("interconnaissance_first", ""), *why)
        return Recommended(
            id=item.entry.id,
            title=item.entry.title(lang),
            families=item.entry.families,
            levels=item.entry.levels,
            score=item.score,
            step=steps[level],
            level=level,
            reasons=[_reason(code, about, vocabulary, lang) for code, about in why],
        )

    recommended = [recommended_card(level, item) for level, item in placed]

    deferred = [
        Deferred(
            id=item.entry.id,
            title=item.entry.title(lang),
            levels=item.entry.levels,
            requires=sorted({rule.requires for rule in blocked[item.entry.id]}),
            unlocked_by=[
                giver.entry.id
                for giver in first
                if any(rule.requires in giver.entry.levels for rule in blocked[item.entry.id])
            ],
            reason=" ".join(rule.text(lang) for rule in blocked[item.entry.id]),
        )
        for item in sorted(wanted_blocked, key=_by_score)[:limit]
    ]
    return Recommendation(
        lang=lang, answers=answers, recommendations=recommended, deferred=deferred
    )
