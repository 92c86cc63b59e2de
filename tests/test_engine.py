"""``recommend()`` and ``explain()``: the properties engine.py's docstring promises, on
the shipped catalogue and on random ones built in memory, with the level of use and
the score written again here, independently, from the docstring: the only gate is 1
before 4; ``--limit N`` keeps the N best-ranked; no proposed tool opens a plan; no
filler; every unlocker recommended; the same answers, the same advice."""

from __future__ import annotations

import itertools
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolbox_cli.advisor.engine import (
    START_CARDS,
    START_GAP,
    explain,
    partners_covered,
    recommend,
)
from toolbox_cli.advisor.results import (
    Answers,
    Partner,
    Reason,
    ReasonCode,
    Recommendation,
    Recommended,
)
from toolbox_cli.catalogue.loader import Catalogue, in_memory
from toolbox_cli.catalogue.models import Card, CardEntry, Rule, Text, Vocabulary

REASON_CODES = set(get_args(ReasonCode))
SHIPPED = settings(max_examples=80, deadline=None)
RANDOM = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- building answers and catalogues ------------------------------------------


def answers_for(vocabulary: Vocabulary, pair: bool = False) -> st.SearchStrategy[Answers]:
    """Every combination the questionnaire allows (and, with ``pair``, a partner)."""
    actors = [actor.id for actor in vocabulary.actors]
    goals = st.lists(st.sampled_from([goal.id for goal in vocabulary.goals]), unique=True)
    partner = st.builds(Partner, actor=st.sampled_from(actors), goals=goals.map(tuple))
    return st.builds(
        Answers,
        actor=st.sampled_from(actors),
        maturity=st.integers(0, 5),
        goals=goals.filter(bool).map(tuple),
        staff_time=st.sampled_from([None, True, False]),
        partner=partner if pair else st.none(),
    )


def make_card(
    vocabulary: Vocabulary,
    card_id: str,
    levels: list[int],
    goals: list[str],
    actors: list[str],
    families: list[int],
    concerns: list[str] | None = None,
    status: str = "in_use",
    process: int = 1,
    ways_in: list[dict[str, object]] | None = None,
) -> Card:
    """A valid card with minimal texts (titles differ between French and English)."""
    text = {"fr": "texte", "en": "text"}
    steps = [{"fr": f"début {card_id} {n}", "en": f"start {card_id} {n}"} for n in range(process)]
    return Card.model_validate(
        {
            "id": card_id,
            "title": {"fr": f"Outil {card_id}", "en": f"Tool {card_id}"},
            "families": families,
            "levels": levels,
            "actors": actors,
            "concerns": list(dict.fromkeys([*actors, *(concerns or [])])),
            "goals": goals,
            "summary": text,
            "objective": text,
            "interests": {
                "territory": {"fr": "territoire", "en": "territory"},
                "research": {"fr": "recherche", "en": "research"},
            },
            "process": steps,
            "status": status,
            "ways_in": ways_in or [],
            "source": {"document": vocabulary.sources[0].id, "section": text},
        },
        context={"vocabulary": vocabulary},
    )


@st.composite
def random_cards(draw: st.DrawFn, vocabulary: Vocabulary) -> list[Card]:
    ids = draw(st.lists(st.integers(0, 99), min_size=0, max_size=14, unique=True))
    actor_ids = [actor.id for actor in vocabulary.actors]
    goal_ids = [goal.id for goal in vocabulary.goals]
    return [
        make_card(
            vocabulary,
            f"card-{number:02d}",
            levels=draw(st.lists(st.integers(1, 5), min_size=1, unique=True)),
            goals=draw(st.lists(st.sampled_from(goal_ids), min_size=1, unique=True)),
            actors=draw(st.lists(st.sampled_from(actor_ids), min_size=1, unique=True)),
            concerns=draw(st.lists(st.sampled_from(actor_ids), unique=True)),
            families=draw(st.lists(st.integers(1, 4), min_size=1, unique=True)),
            status=draw(st.sampled_from(["in_use", "in_use", "proposed"])),
        )
        for number in ids
    ]


def single_rule(level: int, requires: int) -> Rule:
    text = f"level {level} needs level {requires}"
    return Rule(id="test_rule", level=level, requires=requires, text=Text(fr=text, en=text))


@st.composite
def vocabularies(draw: st.DrawFn, shipped: Vocabulary) -> Vocabulary:
    """The shipped vocabulary, or the same with another single rule (the rule is read, not
    hard-coded)."""
    pair = draw(
        st.one_of(
            st.none(),
            st.tuples(st.integers(2, 5), st.integers(1, 4)).filter(lambda p: p[1] < p[0]),
        )
    )
    if pair is None:
        return shipped
    return shipped.model_copy(update={"rules": [single_rule(*pair)]})


@st.composite
def scenarios(
    draw: st.DrawFn, shipped: Vocabulary, pair: bool = False
) -> tuple[Catalogue, Answers, int]:
    vocabulary = draw(vocabularies(shipped))
    catalogue = in_memory(vocabulary, draw(random_cards(vocabulary)))
    return catalogue, draw(answers_for(vocabulary, pair)), draw(st.integers(1, 10))


# --- what the docstring promises, written again independently -------------------


def people(answers: Answers) -> list[tuple[str, tuple[str, ...]]]:
    partner = [(answers.partner.actor, answers.partner.goals)] if answers.partner else []
    return [(answers.actor, answers.goals), *partner]


def concerns_everyone(entry: CardEntry, answers: Answers) -> bool:
    return all(actor in entry.concerns for actor, _ in people(answers))


def builds(vocabulary: Vocabulary, goal: str) -> set[int]:
    return {level.id for level in vocabulary.levels if goal in level.goals}


def asked_goals(answers: Answers) -> list[str]:
    return list(dict.fromkeys(goal for _, goals in people(answers) for goal in goals))


def barred(level: int, maturity: int, vocabulary: Vocabulary) -> bool:
    return any(rule.level == level and maturity < rule.requires for rule in vocabulary.rules)


def blocked_by(levels: list[int], maturity: int, vocabulary: Vocabulary) -> list[Rule]:
    return [
        rule
        for rule in vocabulary.rules
        if rule.level in levels and rule.requires not in levels and maturity < rule.requires
    ]


def fit_points(level: int, maturity: int) -> int:
    return 3 if level >= maturity else max(0, 3 - (maturity - level))


def level_of_use(levels: list[int], answers: Answers, vocabulary: Vocabulary) -> int:
    m = answers.maturity
    built = {lv for goal in asked_goals(answers) for lv in builds(vocabulary, goal)}
    pool = [lv for lv in levels if lv in built] or levels
    return min(pool, key=lambda lv: (-fit_points(lv, m), abs(lv - m - 1), -lv))


def read_goals(concerned: list[CardEntry], answers: Answers) -> set[str]:
    return {goal for goal in asked_goals(answers) if any(goal in e.goals for e in concerned)}


def expected(
    entry: CardEntry,
    answers: Answers,
    vocabulary: Vocabulary,
    level: int,
    held: bool,
    read: set[str],
) -> tuple[int, bool]:
    """(score, wanted) of ``entry`` used at ``level``."""
    m, goal_points = answers.maturity, 0
    for goal in asked_goals(answers):
        built = builds(vocabulary, goal) & set(entry.levels)
        if goal in entry.goals:
            if held and built and all(barred(lv, m, vocabulary) for lv in built):
                continue
            goal_points += 3 + (1 if entry.goals[0] == goal else 0)
        elif level in built and goal not in read:
            goal_points += 1
    score = goal_points + sum(2 for actor, _ in people(answers) if actor in entry.actors)
    if answers.staff_time is False:
        if "intermediary" in entry.actors:
            score += 3
        elif list(entry.actors) == [answers.actor]:
            score -= 2
        elif "intermediary" in entry.concerns:
            score += 1
    return score + fit_points(level, m), goal_points > 0


def judged(
    entry: CardEntry, answers: Answers, vocabulary: Vocabulary, read: set[str]
) -> tuple[str, int, int] | None:
    """("now" or "later", level, score), or None when the card serves no goal asked."""
    m = answers.maturity
    allowed = [lv for lv in entry.levels if not barred(lv, m, vocabulary)]
    blocking = blocked_by(entry.levels, m, vocabulary)
    if allowed:
        level = level_of_use(allowed, answers, vocabulary)
        score, wanted = expected(entry, answers, vocabulary, level, bool(blocking), read)
        if wanted:
            return "now", level, score
    if blocking:
        level = level_of_use(entry.levels, answers, vocabulary)
        score, wanted = expected(entry, answers, vocabulary, level, False, read)
        if wanted:
            return "later", level, score
    return None


def leads(entry: CardEntry, answers: Answers) -> bool:
    return any(actor in entry.actors for actor, _ in people(answers))


def codes(item: Recommended) -> list[ReasonCode]:
    return [reason.code for reason in item.reasons]


def check(catalogue: Catalogue, answers: Answers, result: Recommendation, limit: int) -> None:
    """Everything the docstring promises of one result."""
    vocabulary = catalogue.vocabulary
    m = answers.maturity
    entries = {entry.id: entry for entry in catalogue.entries}
    concerned = [e for e in catalogue.entries if concerns_everyone(e, answers)]
    read = read_goals(concerned, answers)
    verdicts = {e.id: judged(e, answers, vocabulary, read) for e in concerned}
    now = {card for card, v in verdicts.items() if v and v[0] == "now"}
    later = {card for card, v in verdicts.items() if v and v[0] == "later"}
    shown = {item.id: item for item in result.recommendations}
    deferred = {item.id: item for item in result.deferred}
    assert result.answers == answers
    assert result.limit == limit
    assert len(shown) == len(result.recommendations) <= limit
    assert len(deferred) == len(result.deferred) <= limit
    assert not set(shown) & set(deferred)

    # Whom a tool concerns: nothing that does not concern everyone asking, anywhere.
    named = {*shown, *deferred, *(card for d in result.deferred for card in d.unlocked_by)}
    assert all(concerns_everyone(entries[card_id], answers) for card_id in named)
    assert result.coverage.concerned == len(concerned)
    assert result.coverage.total == len(entries)
    assert result.coverage.few == (2 * len(concerned) < len(entries))
    alone = answers._replace(partner=None)
    served = [
        goal.id
        for goal in vocabulary.goals
        if any(goal.id in e.goals or builds(vocabulary, goal.id) & set(e.levels) for e in concerned)
    ]
    assert list(result.coverage.goals) == served
    del alone

    # The only gate: a rule's level is never used before its requirement; a deferred tool
    # is under a rule and serves your goals only there; the rest waits for nothing.
    for item in result.recommendations:
        assert not barred(item.level, m, vocabulary), f"{item.id} used at level {item.level}"
        assert item.level in item.levels
    for item in result.deferred:
        assert item.id in later, item.id
        assert blocked_by(list(item.levels), m, vocabulary)
        rules = blocked_by(list(item.levels), m, vocabulary)
        assert list(item.requires) == sorted({rule.requires for rule in rules})
        assert item.rules == tuple(rule.id for rule in rules)
        assert item.score == verdicts[item.id][2]  # type: ignore[index]
        assert item.level == verdicts[item.id][1]  # type: ignore[index]
    if vocabulary.rules == catalogue.vocabulary.rules and all(
        m >= rule.requires for rule in vocabulary.rules
    ):
        assert not result.deferred, "nothing waits once the rule's levels are practised"

    # The plan: every tool shown serves a goal asked or unlocks a deferred one; its score,
    # level and reasons as the docstring says.
    required = sorted(
        {
            rule.requires
            for card in later
            for rule in blocked_by(entries[card].levels, m, vocabulary)
        }
    )
    for item in result.recommendations:
        entry = entries[item.id]
        assert item.score == sum(reason.points for reason in item.reasons)
        assert item.status == getattr(entry, "status", "in_use")
        assert item.levels == tuple(entry.levels)
        if "unlocks" in codes(item):
            assert later, "an unlocker without a deferred tool"
            assert item.level in required
            assert item.status != "proposed"
            score, _ = expected(entry, answers, vocabulary, item.level, False, read)
            assert item.score == score + 3
        else:
            assert item.id in now, f"{item.id} serves no goal"
            assert (item.level, item.score) == verdicts[item.id][1:]  # type: ignore[index]
        assert item.lead == (
            tuple(dict.fromkeys(a for a, _ in people(answers) if a in entry.actors))
            or tuple(entry.actors)
        )
        assert item.you_lead == (answers.actor in entry.actors)
        assert (item.then_because is None) == (item.section == "start")

    # Ranks: 1, 2, 3... in order, Start here first (at most 3), then Then.
    assert [item.rank for item in result.recommendations] == list(
        range(1, len(result.recommendations) + 1)
    )
    sections = [item.section for item in result.recommendations]
    assert sections == sorted(sections, key=lambda s: s != "start")
    assert sections.count("start") <= START_CARDS
    assert result.start_with == min(2, sections.count("start"))

    # No proposed tool opens a plan, or sits in Start here.
    assert all(item.status != "proposed" for item in result.start)

    # --limit N keeps the N best-ranked, and says how many it left out; nothing else
    # depends on it.
    wide = recommend(catalogue, answers, limit=1000)
    assert result.recommendations == wide.recommendations[:limit]
    assert result.deferred == tuple(
        d._replace(unlocked_by=tuple(c for c in d.unlocked_by if c in shown))
        for d in wide.deferred[:limit]
    )
    assert result.left_out == len(wide.recommendations) - len(result.recommendations)
    assert result.deferred_left_out == len(wide.deferred) - len(result.deferred)
    # ... and the whole plan is every tool that serves a goal asked now, and the unlockers
    plan = {item.id for item in wide.recommendations}
    unlockers = {item.id for item in wide.recommendations if "unlocks" in codes(item)}
    assert plan == now | unlockers
    assert {item.id for item in wide.deferred} == later

    # The first tool is the best you can take up yourself, if the plan has one.
    first = wide.recommendations[0] if wide.recommendations else None
    short = answers.staff_time is False

    def opens(item: Recommended) -> bool:
        own = short and "in_house" in codes(item)
        return item.status != "proposed" and leads(entries[item.id], answers) and not own

    if first is not None and any(map(opens, wide.recommendations)):
        assert opens(first), first.id

    # No filler: Then goes best first, so a tool of Then that --limit keeps never scores
    # below one it leaves out; Start here holds the first tool, the unlockers and tools
    # within START_GAP of the best that may start (not proposed; with little staff time,
    # not only for your own staff, while others are there).
    cut = wide.recommendations[limit:]
    for item in result.then:
        if "unlocks" not in codes(item):
            assert all(item.score >= other.score for other in cut), item.id
    then = [item for item in wide.then if "unlocks" not in codes(item)]
    assert all(a.score >= b.score for a, b in itertools.pairwise(then)), [
        (i.id, i.score) for i in then
    ]

    def may_start(item: Recommended) -> bool:
        return item.status != "proposed" and not (short and "in_house" in codes(item))

    eligible = [i for i in wide.recommendations if may_start(i)] or [
        i for i in wide.recommendations if i.status != "proposed"
    ]
    best = max((i.score for i in eligible), default=0)
    for item in wide.start[1:]:
        assert "unlocks" in codes(item) or item.score >= best - START_GAP, item.id
    for item in wide.then:
        if item in eligible and item.score >= best - START_GAP and "unlocks" not in codes(item):
            assert len(wide.start) == START_CARDS, f"{item.id} could start"
    # ... and a tool of Then says truly why it comes after
    floor = min((i.score for i in wide.start), default=0)
    for item in wide.then:
        if item.then_because == "proposed":
            assert item.status == "proposed"
        elif item.then_because == "others_lead":
            assert not leads(entries[item.id], answers)
        elif item.then_because == "in_house":
            assert short
            assert "in_house" in codes(item)
        elif item.then_because == "already_practised":
            assert item.level < m
        elif item.then_because == "start_full":
            assert item.score >= floor
        else:
            assert item.then_because == "scores_less"
            assert item.score < floor, item.id

    # Every deferred tool's unlockers are recommended, give what it needs, concern both.
    for item in result.deferred:
        for card in item.unlocked_by:
            assert card in shown, (item.id, card)
            assert "unlocks" in codes(shown[card])
            assert set(item.requires) & set(entries[card].levels)
            assert concerns_everyone(entries[card], answers)
    if result.later is not None:
        assert result.deferred
        givers = {
            level: [
                e.id
                for e in concerned
                if level in e.levels
                and not barred(level, m, vocabulary)
                and e.id not in later
                and getattr(e, "status", "in_use") != "proposed"
            ]
            for level in result.later.requires
        }
        assert list(result.later.no_tool) == [lv for lv, ids in givers.items() if not ids]
        for level, ids in givers.items():
            if ids:
                giving = [c for c in unlockers if level in entries[c].levels]
                assert giving, f"nothing unlocks level {level}"
                if all(c in shown for c in giving):
                    assert set(giving) <= set(result.later.unlocked_by)
    else:
        assert not result.deferred


def check_explain(catalogue: Catalogue, answers: Answers, limit: int) -> None:
    """``explain`` agrees with ``recommend`` on every card."""
    result = recommend(catalogue, answers, limit=limit)
    wide = recommend(catalogue, answers, limit=1000)
    shown = {item.id: item for item in result.recommendations}
    deferred = {item.id: item for item in result.deferred}
    planned = {item.id: item for item in wide.recommendations}
    waiting = {item.id: item for item in wide.deferred}
    for entry in catalogue.entries:
        why = explain(catalogue, answers, entry.id, limit=limit)
        assert why.score == sum(reason.points for reason in why.reasons)
        assert why.card_status == getattr(entry, "status", "in_use")
        if entry.id in shown:
            item = shown[entry.id]
            assert (why.status, why.left_out) == ("recommended", None)
            assert (why.section, why.rank, why.then_because) == (
                item.section,
                item.rank,
                item.then_because,
            )
            assert (why.score, why.reasons, why.level) == (item.score, item.reasons, item.level)
        elif entry.id in deferred:
            assert why.status == "deferred"
            assert why.unlocked_by == deferred[entry.id].unlocked_by
            assert why.rules
        elif entry.id in planned or entry.id in waiting:
            assert (why.status, why.left_out) == ("left_out", "over_limit")
            rank = (planned.get(entry.id) or waiting[entry.id]).rank
            assert why.rank == rank > limit
        elif not concerns_everyone(entry, answers):
            assert (why.status, why.left_out) == ("left_out", "not_concerned")
        else:
            assert (why.status, why.left_out) == ("left_out", "no_goal")


# --- properties -------------------------------------------------------------------


def test_every_answer_on_the_shipped_catalogue(catalogue: Catalogue) -> None:
    @SHIPPED
    @given(answers_for(catalogue.vocabulary), st.integers(1, 12))
    def prop(answers: Answers, limit: int) -> None:
        check(catalogue, answers, recommend(catalogue, answers, limit=limit), limit)

    prop()


def test_every_pair_on_the_shipped_catalogue(catalogue: Catalogue) -> None:
    @SHIPPED
    @given(answers_for(catalogue.vocabulary, pair=True), st.integers(1, 12))
    def prop(answers: Answers, limit: int) -> None:
        check(catalogue, answers, recommend(catalogue, answers, limit=limit), limit)

    prop()


ACTORS = ("local_authority", "research", "company", "intermediary")


@pytest.mark.parametrize("actor", ACTORS)
def test_every_actor_goal_and_maturity_on_the_shipped_catalogue(
    catalogue: Catalogue, actor: str
) -> None:
    """Every actor, goal and maturity 0-5, with and without staff time and a partner."""
    partners = [None, *(Partner(other) for other in ACTORS)]
    for goal in sorted(catalogue.vocabulary.ids["goals"]):
        for maturity in range(6):
            for staff_time, partner in itertools.product((None, True, False), partners):
                answers = Answers(actor, maturity, (goal,), staff_time, partner)
                limit = 1 + (maturity * 3 + len(goal)) % 9
                check(catalogue, answers, recommend(catalogue, answers, limit=limit), limit)
                again = recommend(catalogue, answers, limit=limit)
                assert again == recommend(catalogue, answers, limit=limit)


def test_every_answer_on_random_catalogues(catalogue: Catalogue) -> None:
    @RANDOM
    @given(scenarios(catalogue.vocabulary, pair=False))
    def prop(scenario: tuple[Catalogue, Answers, int]) -> None:
        random, answers, limit = scenario
        check(random, answers, recommend(random, answers, limit=limit), limit)

    prop()


def test_every_pair_on_random_catalogues(catalogue: Catalogue) -> None:
    @RANDOM
    @given(scenarios(catalogue.vocabulary, pair=True))
    def prop(scenario: tuple[Catalogue, Answers, int]) -> None:
        random, answers, limit = scenario
        check(random, answers, recommend(random, answers, limit=limit), limit)

    prop()


def test_explain_agrees_with_recommend(catalogue: Catalogue) -> None:
    @settings(max_examples=20, deadline=None)
    @given(answers_for(catalogue.vocabulary, pair=True), st.integers(1, 10))
    def prop(answers: Answers, limit: int) -> None:
        check_explain(catalogue, answers, limit)

    prop()


def test_explain_agrees_with_recommend_on_random_catalogues(catalogue: Catalogue) -> None:
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(scenarios(catalogue.vocabulary, pair=True))
    def prop(scenario: tuple[Catalogue, Answers, int]) -> None:
        random, answers, limit = scenario
        check_explain(random, answers, limit)

    prop()


def test_same_answers_same_result(catalogue: Catalogue) -> None:
    @settings(max_examples=20, deadline=None)
    @given(answers_for(catalogue.vocabulary, pair=True))
    def prop(answers: Answers) -> None:
        assert recommend(catalogue, answers) == recommend(catalogue, answers)

    prop()


# --- examples that pin the scoring down --------------------------------------------


def tiny(vocabulary: Vocabulary, *cards: Card) -> Catalogue:
    return in_memory(vocabulary, cards)


def test_a_card_is_judged_at_one_level_not_rewarded_for_its_span(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    wide = make_card(vocabulary, "wide", [1, 2, 3, 4, 5], ["funding"], ["research"], [1])
    focused = make_card(vocabulary, "focused", [2], ["funding"], ["research"], [1])
    answers = Answers("research", 1, ("funding",))
    result = recommend(tiny(vocabulary, wide, focused), answers)
    assert [(item.id, item.level, item.score) for item in result.recommendations] == [
        ("focused", 2, 3 + 1 + 2 + 3),
        ("wide", 2, 3 + 1 + 2 + 3),
    ]


def test_a_level_builds_a_goal_no_sheet_serves(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    five = make_card(vocabulary, "five", [3, 5], ["funding"], ["local_authority"], [1])
    three = make_card(vocabulary, "three", [3], ["funding"], ["local_authority"], [1])
    answers = Answers("local_authority", 3, ("capitalisation",))
    result = recommend(tiny(vocabulary, five, three), answers)
    assert [item.id for item in result.recommendations] == ["five"]
    (item,) = result.recommendations
    assert item.level == 5
    assert [(r.code, r.points) for r in item.reasons] == [
        ("goal_level", 1),
        ("initiative", 2),
        ("step_up", 3),
    ]
    # once a sheet serves the goal, a level offering it is no reason any more
    sheet = make_card(vocabulary, "sheet", [5], ["capitalisation"], ["local_authority"], [1])
    again = recommend(tiny(vocabulary, five, three, sheet), answers)
    assert [item.id for item in again.recommendations] == ["sheet"]


def test_a_mature_partnership_is_not_sent_back(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    low = make_card(vocabulary, "low", [1, 2], ["capitalisation"], ["local_authority"], [2])
    high = make_card(vocabulary, "high", [5], ["capitalisation"], ["local_authority"], [2])
    answers = Answers("local_authority", 5, ("capitalisation",))
    result = recommend(tiny(vocabulary, low, high), answers)
    assert [(i.id, i.section, i.level, i.score) for i in result.recommendations] == [
        ("high", "start", 5, 4 + 2 + 3),
        ("low", "then", 2, 4 + 2 + 0),
    ]
    assert result.recommendations[1].then_because == "already_practised"
    assert result.recommendations[1].reasons[-1] == Reason("already_practised", 0, level=2)


def test_the_only_gate_is_level_1_before_level_4(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    interns = make_card(vocabulary, "interns", [3, 4], ["skills"], ["company"], [3])
    contract = make_card(vocabulary, "contract", [4, 5], ["experimentation"], ["company"], [3])
    both = make_card(vocabulary, "both", [1, 4], ["experimentation"], ["company"], [1])
    cat = tiny(vocabulary, interns, contract, both)
    # hosting interns is an entry tool: used at level 3 now, for skills
    skills = recommend(cat, Answers("company", 0, ("skills",)))
    assert [(i.id, i.level) for i in skills.recommendations] == [("interns", 3)]
    assert skills.deferred == ()
    # experiments wait for mutual knowledge, which "both" gives at level 1
    exp = recommend(cat, Answers("company", 0, ("experimentation",)))
    assert [(i.id, i.level, i.section) for i in exp.recommendations] == [("both", 1, "start")]
    assert "unlocks" in [r.code for r in exp.recommendations[0].reasons]
    assert [(d.id, d.level, d.unlocked_by) for d in exp.deferred] == [
        ("contract", 4, ("both",)),
    ]
    # once level 1 is practised, nothing waits
    assert recommend(cat, Answers("company", 1, ("experimentation",))).deferred == ()


def test_no_tool_for_the_required_level_is_said(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    lab = make_card(vocabulary, "lab", [4], ["skills"], ["company"], [1])
    meet = make_card(vocabulary, "meet", [1], ["mutual_knowledge"], ["research"], [1])
    result = recommend(tiny(vocabulary, lab, meet), Answers("company", 0, ("skills",)))
    assert result.recommendations == ()
    assert [d.id for d in result.deferred] == ["lab"]
    assert result.deferred[0].unlocked_by == ()
    assert result.later is not None
    assert (result.later.requires, result.later.no_tool) == ((1,), (1,))


def test_tools_that_do_not_concern_you_are_never_named(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    theirs = make_card(vocabulary, "theirs", [1], ["skills"], ["local_authority"], [2])
    yours = make_card(vocabulary, "yours", [2], ["skills"], ["company"], [3])
    result = recommend(tiny(vocabulary, theirs, yours), Answers("company", 1, ("skills",)))
    assert [item.id for item in result.recommendations] == ["yours"]
    assert (result.coverage.concerned, result.coverage.total) == (1, 2)
    why = explain(tiny(vocabulary, theirs, yours), Answers("company", 1, ("skills",)), "theirs")
    assert (why.status, why.left_out, why.concerned) == (
        "left_out",
        "not_concerned",
        {"company": False},
    )


def test_an_empty_plan_offers_goals_that_each_give_a_plan(catalogue: Catalogue) -> None:
    empty = 0
    actors = catalogue.vocabulary.ids["actors"]
    for actor, partner in itertools.product(sorted(actors), [None, *sorted(actors)]):
        for goal in sorted(catalogue.vocabulary.ids["goals"]):
            pair = Partner(partner, ()) if partner else None
            answers = Answers(actor, 0, (goal,), partner=pair)
            result = recommend(catalogue, answers)
            if result.recommendations or result.deferred:
                continue
            empty += 1
            for other in result.coverage.goals:
                retry = recommend(catalogue, answers._replace(goals=(other,)))
                assert retry.recommendations or retry.deferred, (actor, partner, goal, other)
    assert empty >= 5


def test_start_here_keeps_three_and_limit_says_what_it_leaves_out(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    cards = [make_card(vocabulary, f"c{n}", [1], ["outreach"], ["research"], [1]) for n in range(5)]
    answers = Answers("research", 0, ("outreach",))
    result = recommend(tiny(vocabulary, *cards), answers)
    assert [(i.id, i.section, i.rank) for i in result.recommendations] == [
        ("c0", "start", 1),
        ("c1", "start", 2),
        ("c2", "start", 3),
        ("c3", "then", 4),
        ("c4", "then", 5),
    ]
    assert result.start_with == 2
    cut = recommend(tiny(vocabulary, *cards), answers, limit=2)
    assert [i.id for i in cut.recommendations] == ["c0", "c1"]
    assert cut.left_out == 3
    why = explain(tiny(vocabulary, *cards), answers, "c4", limit=2)
    assert (why.status, why.left_out, why.rank, why.section) == (
        "left_out",
        "over_limit",
        5,
        "then",
    )


def test_limit_keeps_the_best_not_the_lowest_levels(catalogue: Catalogue) -> None:
    # issue 18: four goals at maturity 4 and --limit 3 kept tools scoring 7-10 and
    # dropped the one scoring 16
    answers = Answers("local_authority", 4, ("outreach", "skills", "funding", "experimentation"))
    wide = recommend(catalogue, answers, limit=100)
    three = recommend(catalogue, answers, limit=3)
    assert three.recommendations == wide.recommendations[:3]
    assert three.recommendations[0].score == max(i.score for i in wide.recommendations)
    assert three.left_out == len(wide.recommendations) - 3


def test_a_proposed_scheme_never_opens_a_plan(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    scheme = make_card(
        vocabulary, "scheme", [1], ["skills"], ["local_authority"], [2], status="proposed"
    )
    real = make_card(vocabulary, "real", [1], ["funding", "skills"], ["local_authority"], [2])
    answers = Answers("local_authority", 0, ("skills",))
    result = recommend(tiny(vocabulary, scheme, real), answers)
    assert [(i.id, i.section, i.status, i.then_because) for i in result.recommendations] == [
        ("real", "start", "in_use", None),
        ("scheme", "then", "proposed", "proposed"),
    ]
    assert result.recommendations[1].score > result.recommendations[0].score
    alone = recommend(tiny(vocabulary, scheme), answers)
    assert [(i.id, i.section) for i in alone.recommendations] == [("scheme", "then")]
    assert alone.start == ()


def test_a_tool_you_cannot_lead_says_who_must_and_does_not_open(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    theirs = make_card(
        vocabulary, "theirs", [4], ["legal_framework"], ["local_authority"], [2], ["research"]
    )
    mine = make_card(vocabulary, "mine", [4], ["legal_framework", "funding"], ["research"], [1])
    theirs = theirs.model_copy(update={"goals": ["legal_framework"]})
    answers = Answers("research", 3, ("legal_framework",))
    result = recommend(tiny(vocabulary, theirs, mine), answers)
    assert [(i.id, i.you_lead, i.lead) for i in result.recommendations] == [
        ("mine", True, ("research",)),
        ("theirs", False, ("local_authority",)),
    ]
    # alone, it is first, and says who must lead it
    alone = recommend(tiny(vocabulary, theirs), answers)
    assert [(i.id, i.lead) for i in alone.recommendations] == [("theirs", ("local_authority",))]


def test_little_staff_time_opens_with_a_relay_and_keeps_in_house_out_of_start(
    catalogue: Catalogue,
) -> None:
    vocabulary = catalogue.vocabulary
    relay = make_card(
        vocabulary, "relay", [1], ["mutual_knowledge"], ["intermediary", "local_authority"], [4]
    )
    own = make_card(
        vocabulary, "own", [1], ["mutual_knowledge", "skills"], ["local_authority"], [2]
    )
    answers = Answers("local_authority", 0, ("mutual_knowledge", "skills"), staff_time=False)
    result = recommend(tiny(vocabulary, own, relay), answers)
    assert [(i.id, i.section, i.then_because) for i in result.recommendations] == [
        ("relay", "start", None),
        ("own", "then", "in_house"),
    ]
    assert ("in_house", -2) in [(r.code, r.points) for r in result.recommendations[1].reasons]
    staffed = recommend(tiny(vocabulary, own, relay), answers._replace(staff_time=True))
    assert staffed.recommendations[0].id == "own"


def test_the_first_step_is_the_one_the_sheet_gives_your_case(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    ways = [
        {"step": 3, "actors": ["local_authority"], "staff_time": False},
        {"step": 2, "actors": ["company"]},
    ]
    card = make_card(
        vocabulary,
        "post",
        [1],
        ["mutual_knowledge"],
        ["local_authority", "company"],
        [2],
        process=3,
        ways_in=ways,
    )
    cat = tiny(vocabulary, card)

    def first(answers: Answers) -> tuple[str, str | None]:
        item = recommend(cat, answers).recommendations[0]
        return item.first_step.en, item.first_step_for

    assert first(Answers("local_authority", 0, ("mutual_knowledge",), False)) == (
        "start post 2",
        "actor_staff_time",
    )
    assert first(Answers("local_authority", 0, ("mutual_knowledge",), True)) == (
        "start post 0",
        None,
    )
    assert first(Answers("company", 0, ("mutual_knowledge",))) == ("start post 1", "actor")


def test_a_pair_keeps_the_unlockers_the_rule_needs(catalogue: Catalogue) -> None:
    # issue 18: a local authority with a relay structure at maturity 0 lost
    # connaissance-mutuelle, the tool that unlocks level 4 for it alone
    answers = Answers("local_authority", 0, ("experimentation",), partner=Partner("intermediary"))
    result = recommend(catalogue, answers)
    assert result.deferred
    assert result.later is not None
    assert result.later.unlocked_by
    for item in result.deferred:
        assert item.unlocked_by
        for card in item.unlocked_by:
            assert card in {i.id for i in result.start}
            assert "intermediary" in catalogue.card(card).concerns


def test_a_pair_keeps_the_tools_that_concern_both(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    both = make_card(vocabulary, "both", [2], ["reflexivity"], ["research", "local_authority"], [1])
    lab_only = make_card(vocabulary, "lab-only", [2], ["reflexivity"], ["research"], [1])
    answers = Answers(
        "local_authority", 1, ("reflexivity",), partner=Partner("research", ("skills",))
    )
    result = recommend(tiny(vocabulary, both, lab_only), answers)
    assert [item.id for item in result.recommendations] == ["both"]
    (item,) = result.recommendations
    assert item.lead == ("local_authority", "research")
    assert [(g.side, g.who, g.text.en) for g in item.gains] == [
        ("territory", "you", "territory"),
        ("research", "partner", "research"),
    ]


def test_a_lab_reads_the_research_side_of_the_sheet(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    card = make_card(vocabulary, "card", [1], ["outreach"], ["research"], [1], ["local_authority"])
    alone = recommend(tiny(vocabulary, card), Answers("research", 0, ("outreach",)))
    assert [(g.side, g.who) for g in alone.recommendations[0].gains] == [
        ("research", "you"),
        ("territory", "partner"),
    ]
    pair = recommend(
        tiny(vocabulary, card),
        Answers("research", 0, ("outreach",), partner=Partner("local_authority")),
    )
    assert [(g.side, g.who, g.text.fr) for g in pair.recommendations[0].gains] == [
        ("research", "you", "recherche"),
        ("territory", "partner", "territoire"),
    ]
    assert pair.recommendations[0].lead == ("research",)


def test_partners_covered(catalogue: Catalogue) -> None:
    covered = partners_covered(catalogue, "company")
    assert "research" in covered
    assert "company" in covered
    assert partners_covered(catalogue, "local_authority") == [
        actor.id
        for actor in catalogue.vocabulary.actors
        if any(
            "local_authority" in e.concerns and actor.id in e.concerns for e in catalogue.entries
        )
    ]


def test_unknown_actor_or_goal_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(ValueError, match="unknown actor"):
        recommend(catalogue, Answers("mayor", 0, ("skills",)))
    with pytest.raises(ValueError, match="unknown goal"):
        recommend(catalogue, Answers("research", 0, ("fame",)))
    with pytest.raises(ValueError, match="unknown actor"):
        recommend(catalogue, Answers("research", 0, ("skills",), partner=Partner("mayor")))


def test_sides_and_relays_are_read_from_the_vocabulary(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    # a vocabulary where companies are relay structures and intermediaries are not
    actors = [
        actor.model_copy(
            update={
                "side": {"company": "relay", "intermediary": "territory"}.get(actor.id, actor.side)
            }
        )
        for actor in vocabulary.actors
    ]
    changed = vocabulary.model_copy(update={"actors": actors})
    card = make_card(changed, "card", [1], ["outreach"], ["company"], [1], ["local_authority"])
    answers = Answers("local_authority", 0, ("outreach",), staff_time=False)
    result = recommend(tiny(changed, card), answers)
    assert "relay_support" in [r.code for r in result.recommendations[0].reasons]
    shipped = recommend(tiny(vocabulary, card), answers)
    assert "relay_support" not in [r.code for r in shipped.recommendations[0].reasons]
    pair = answers._replace(partner=Partner("company"))
    assert [
        (g.side, g.who) for g in recommend(tiny(changed, card), pair).recommendations[0].gains
    ] == [
        ("territory", "you"),
        ("research", "partner"),  # the relay takes the side its partner leaves
    ]


@pytest.mark.parametrize("light", [False, True], ids=["models", "records"])
def test_results_copy_and_pickle_like_any_value(light: bool) -> None:
    # the records refused the attribute writes that copy and pickle make to rebuild them
    import copy
    import pickle

    from toolbox_cli.catalogue import load_catalogue

    shipped = load_catalogue(light=light)
    answers = Answers("company", 0, ("funding",), partner=Partner("research", ("skills",)))
    values = [
        answers,
        recommend(shipped, answers),
        explain(shipped, answers, "chaires"),
        shipped.card("chaires"),
        shipped.vocabulary,
    ]
    for value in values:
        for again in (copy.copy, copy.deepcopy, lambda v: pickle.loads(pickle.dumps(v))):
            assert again(value) == value, type(value).__name__
