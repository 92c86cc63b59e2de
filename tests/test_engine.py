"""``recommend()``: the scoring and the rule of engine.py's docstring, on the shipped
catalogue and on random ones built in memory."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolbox_cli.catalogue import Catalogue, in_memory
from toolbox_cli.engine import DEFAULT_LIMIT, recommend
from toolbox_cli.models import Answers, Card, Recommendation, Rule, Text, Vocabulary

REASON_CODES = {
    "goal_match",
    "actor_match",
    "next_step",
    "within_reach",
    "stretch",
    "interconnaissance_first",
}
SHIPPED = settings(max_examples=300, deadline=None)
RANDOM = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- building answers and catalogues ------------------------------------------


def answers_for(vocabulary: Vocabulary) -> st.SearchStrategy[Answers]:
    """Every combination the questionnaire allows: an actor, a maturity, some goals."""
    return st.builds(
        Answers,
        actor=st.sampled_from([actor.id for actor in vocabulary.actors]),
        maturity=st.integers(0, 5),
        goals=st.lists(
            st.sampled_from([goal.id for goal in vocabulary.goals]), min_size=1, unique=True
        ),
    )


def make_card(
    vocabulary: Vocabulary,
    card_id: str,
    levels: list[int],
    goals: list[str],
    actors: list[str],
    families: list[int],
) -> Card:
    """A valid card with minimal texts (titles differ between French and English)."""
    text = {"fr": "texte", "en": "text"}
    return Card.model_validate(
        {
            "id": card_id,
            "title": {"fr": f"Outil {card_id}", "en": f"Tool {card_id}"},
            "families": families,
            "levels": levels,
            "actors": actors,
            "concerns": actors,
            "goals": goals,
            "summary": text,
            "objective": text,
            "interests": {"territory": text, "research": text},
            "process": [text],
            "source": {"document": vocabulary.sources[0].id, "section": text},
        },
        context={"vocabulary": vocabulary},
    )


@st.composite
def random_cards(draw: st.DrawFn, vocabulary: Vocabulary) -> list[Card]:
    count = draw(st.integers(1, 12))
    ids = draw(st.lists(st.integers(0, 99), min_size=count, max_size=count, unique=True))
    actor_ids = [actor.id for actor in vocabulary.actors]
    goal_ids = [goal.id for goal in vocabulary.goals]
    return [
        make_card(
            vocabulary,
            f"card-{number:02d}",
            levels=draw(st.lists(st.integers(1, 5), min_size=1, unique=True)),
            goals=draw(st.lists(st.sampled_from(goal_ids), min_size=1, unique=True)),
            actors=draw(st.lists(st.sampled_from(actor_ids), min_size=1, unique=True)),
            families=draw(st.lists(st.integers(1, 4), min_size=1, unique=True)),
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
def scenarios(draw: st.DrawFn, shipped: Vocabulary) -> tuple[Catalogue, Answers, int]:
    vocabulary = draw(vocabularies(shipped))
    catalogue = in_memory(vocabulary, draw(random_cards(vocabulary)))
    return catalogue, draw(answers_for(vocabulary)), draw(st.integers(1, 10))


# --- what the docstring promises, written independently ---------------------


def blocked_by(levels: list[int], maturity: int, vocabulary: Vocabulary) -> list[Rule]:
    return [
        rule
        for rule in vocabulary.rules
        if rule.level in levels and rule.requires not in levels and maturity < rule.requires
    ]


def expected_score(levels: list[int], goals: list[str], actors: list[str], a: Answers) -> int:
    score = sum(3 + (1 if goals[0] == goal else 0) for goal in a.goals if goal in goals)
    if a.actor in actors:
        score += 2
    next_step = a.maturity + 1
    if next_step in levels:
        score += 3
    elif min(levels) <= a.maturity:
        score += 1
    else:
        score -= min(levels) - next_step
    return score


def entry_level(levels: list[int], maturity: int, first: bool) -> int:
    if first:
        return 1
    ahead = [level for level in levels if level >= min(maturity + 1, 5)]
    return min(ahead) if ahead else max(levels)


def check_rule(catalogue: Catalogue, answers: Answers, result: Recommendation, limit: int) -> None:
    """The vocabulary's rules: the wanted cards they block are deferred (at most ``limit``,
    best first), each unlocked by recommended cards that hold the requirement."""
    vocabulary = catalogue.vocabulary
    entries = {entry.id: entry for entry in catalogue.entries}
    recommended = {item.id: item for item in result.recommendations}
    for rule in vocabulary.rules:
        if answers.maturity >= rule.requires:
            continue
        for item in result.recommendations:
            assert not (rule.level in item.levels and rule.requires not in item.levels), (
                f"{item.id} {item.levels} recommended at maturity {answers.maturity}"
            )
    wanted_blocked = sorted(
        (
            entry
            for entry in catalogue.entries
            if blocked_by(entry.levels, answers.maturity, vocabulary)
            and set(entry.goals) & set(answers.goals)
        ),
        key=lambda e: (-expected_score(e.levels, e.goals, e.actors, answers), e.id),
    )
    assert [item.id for item in result.deferred] == [e.id for e in wanted_blocked][:limit]
    for item in result.deferred:
        rules = blocked_by(entries[item.id].levels, answers.maturity, vocabulary)
        requires = sorted({rule.requires for rule in rules})
        assert item.requires == requires
        assert item.levels == entries[item.id].levels
        assert len(set(item.unlocked_by)) == len(item.unlocked_by)
        assert set(item.unlocked_by) <= set(recommended)
        for unlocker in item.unlocked_by:
            assert set(recommended[unlocker].levels) & set(requires)
            assert any(r.code == "interconnaissance_first" for r in recommended[unlocker].reasons)
        # Any card holding the requirement is open, so one exists to unlock it.
        if any(set(entry.levels) & set(requires) for entry in catalogue.entries):
            assert item.unlocked_by, f"{item.id}: nothing unlocks it"
    if not wanted_blocked:
        assert all(
            r.code != "interconnaissance_first" for i in result.recommendations for r in i.reasons
        )


def check_shape(catalogue: Catalogue, answers: Answers, result: Recommendation, limit: int) -> None:
    """Limit, steps, reasons, scores and order, whatever the answers."""
    entries = {entry.id: entry for entry in catalogue.entries}
    items = result.recommendations
    assert result.answers == answers
    assert len(items) <= limit
    assert len({item.id for item in items}) == len(items)
    steps = [item.step for item in items]
    assert steps == sorted(steps)
    if items:
        assert steps[0] == 1
        assert set(steps) == set(range(1, max(steps) + 1)), "steps are numbered without gaps"
    for before, after in itertools.pairwise(items):
        if before.step == after.step:
            assert (-before.score, before.id) < (-after.score, after.id), "order in a step"
    for item in items:
        entry = entries[item.id]
        codes = [reason.code for reason in item.reasons]
        assert codes, f"{item.id} has no reason"
        assert set(codes) <= REASON_CODES
        assert all(reason.text for reason in item.reasons)
        first = "interconnaissance_first" in codes
        assert first or set(entry.goals) & set(answers.goals), f"{item.id} serves no goal"
        assert ("goal_match" in codes) == bool(set(entry.goals) & set(answers.goals))
        assert ("actor_match" in codes) == (answers.actor in entry.actors)
        assert item.levels == entry.levels
        assert item.families == entry.families
        # The score is the one the docstring describes.
        assert item.score == expected_score(entry.levels, entry.goals, entry.actors, answers)
    # Steps follow the pathway: a card's step grows with the level it sits at.
    for a in items:
        for b in items:
            level_a = entry_level(
                a.levels,
                answers.maturity,
                any(r.code == "interconnaissance_first" for r in a.reasons),
            )
            level_b = entry_level(
                b.levels,
                answers.maturity,
                any(r.code == "interconnaissance_first" for r in b.reasons),
            )
            assert (a.step < b.step) == (level_a < level_b)


# --- properties -------------------------------------------------------------------


def test_every_answer_on_the_shipped_catalogue(catalogue: Catalogue) -> None:
    @SHIPPED
    @given(answers=answers_for(catalogue.vocabulary), limit=st.integers(1, 12))
    def check(answers: Answers, limit: int) -> None:
        result = recommend(catalogue, answers, "en", limit=limit)
        check_shape(catalogue, answers, result, limit)
        check_rule(catalogue, answers, result, limit)

    check()


@pytest.mark.parametrize("actor", ["local_authority", "research", "company", "intermediary"])
def test_all_combinations_on_the_shipped_catalogue(catalogue: Catalogue, actor: str) -> None:
    """Not a sample: every maturity and every non-empty set of goals, for each actor."""
    assert actor in {term.id for term in catalogue.vocabulary.actors}
    goal_ids = [goal.id for goal in catalogue.vocabulary.goals]
    for maturity in range(6):
        for size in range(1, len(goal_ids) + 1):
            for goals in itertools.combinations(goal_ids, size):
                answers = Answers(actor=actor, maturity=maturity, goals=list(goals))
                result = recommend(catalogue, answers, "en")
                check_shape(catalogue, answers, result, DEFAULT_LIMIT)
                check_rule(catalogue, answers, result, DEFAULT_LIMIT)


def test_every_answer_on_random_catalogues(catalogue: Catalogue) -> None:
    @RANDOM
    @given(scenario=scenarios(catalogue.vocabulary))
    def check(scenario: tuple[Catalogue, Answers, int]) -> None:
        random_catalogue, answers, limit = scenario
        result = recommend(random_catalogue, answers, "en", limit=limit)
        check_shape(random_catalogue, answers, result, limit)
        check_rule(random_catalogue, answers, result, limit)

    check()


def test_the_shipped_rule_before_interconnaissance(catalogue: Catalogue) -> None:
    """The shipped rule (level 4 requires level 1), spelled out on all answers at maturity 0."""
    rule = catalogue.vocabulary.rules[0]
    assert (rule.level, rule.requires) == (4, 1)
    level_4_only = {e.id for e in catalogue.entries if 4 in e.levels and 1 not in e.levels}

    @SHIPPED
    @given(answers=answers_for(catalogue.vocabulary))
    def check(answers: Answers) -> None:
        result = recommend(catalogue, answers, "en")
        ids = {item.id for item in result.recommendations}
        if answers.maturity < 1:
            assert not ids & level_4_only
            for item in result.deferred:
                assert item.requires == [1]
                assert item.unlocked_by
                for unlocker in item.unlocked_by:
                    assert unlocker in ids
                    assert 1 in next(r for r in result.recommendations if r.id == unlocker).levels
        else:
            assert result.deferred == []

    check()


def test_nothing_wanted_is_dropped_when_the_limit_allows(catalogue: Catalogue) -> None:
    @RANDOM
    @given(scenario=scenarios(catalogue.vocabulary))
    def check(scenario: tuple[Catalogue, Answers, int]) -> None:
        random_catalogue, answers, _ = scenario
        limit = 2 * len(random_catalogue.entries)
        result = recommend(random_catalogue, answers, "en", limit=limit)
        served = {
            entry.id
            for entry in random_catalogue.entries
            if set(entry.goals) & set(answers.goals)
            and not blocked_by(entry.levels, answers.maturity, random_catalogue.vocabulary)
        }
        assert served <= {item.id for item in result.recommendations}

    check()


def test_same_answers_same_result(catalogue: Catalogue) -> None:
    @RANDOM
    @given(scenario=scenarios(catalogue.vocabulary), lang=st.sampled_from(["fr", "en"]))
    def check(scenario: tuple[Catalogue, Answers, int], lang: str) -> None:
        random_catalogue, answers, limit = scenario
        first = recommend(random_catalogue, answers, lang, limit=limit)  # type: ignore[arg-type]
        again = recommend(random_catalogue, answers, lang, limit=limit)  # type: ignore[arg-type]
        assert first.model_dump_json() == again.model_dump_json()
        # The order in which the cards were handed over does not matter either.
        cards = [random_catalogue.card(card_id) for card_id in random_catalogue.ids()]
        shuffled = in_memory(random_catalogue.vocabulary, reversed(cards))
        other = recommend(shuffled, answers, lang, limit=limit)  # type: ignore[arg-type]
        assert other.model_dump_json() == first.model_dump_json()

    check()


def structure(result: Recommendation) -> tuple[object, ...]:
    """Everything in a result but its texts."""
    return (
        result.answers,
        [
            (i.id, i.families, i.levels, i.score, i.step, [r.code for r in i.reasons])
            for i in result.recommendations
        ],
        [(d.id, d.levels, d.requires, d.unlocked_by) for d in result.deferred],
    )


def texts(result: Recommendation) -> list[str]:
    return (
        [i.title for i in result.recommendations]
        + [r.text for i in result.recommendations for r in i.reasons]
        + [d.title for d in result.deferred]
        + [d.reason for d in result.deferred]
    )


def test_french_and_english_differ_only_in_texts(catalogue: Catalogue) -> None:
    @SHIPPED
    @given(answers=answers_for(catalogue.vocabulary))
    def check(answers: Answers) -> None:
        english = recommend(catalogue, answers, "en")
        french = recommend(catalogue, answers, "fr")
        assert (english.lang, french.lang) == ("en", "fr")
        assert structure(french) == structure(english)
        assert texts(french) != texts(english)

    check()


# --- personas on the shipped catalogue ---------------------------------------


def codes_of(result: Recommendation, card_id: str) -> list[str]:
    item = next(item for item in result.recommendations if item.id == card_id)
    return [reason.code for reason in item.reasons]


def test_authority_without_partnership_starts_with_interconnaissance(
    catalogue: Catalogue,
) -> None:
    answers = Answers(actor="local_authority", maturity=0, goals=["experimentation"])
    result = recommend(catalogue, answers, "en")

    first = [
        item
        for item in result.recommendations
        if any(reason.code == "interconnaissance_first" for reason in item.reasons)
    ]
    assert first, "no interconnaissance card to start with"
    for item in first:
        assert item.step == 1
        assert 1 in item.levels
        assert item.reasons[0].code == "interconnaissance_first"
    ids = {item.id for item in result.recommendations}
    deferred = {item.id: item for item in result.deferred}
    for card_id in ("commande-publique", "experimentation-resultats-recherche"):
        assert card_id not in ids
        assert deferred[card_id].levels == [4]
        assert deferred[card_id].requires == [1]
        assert set(deferred[card_id].unlocked_by) == {item.id for item in first}
    assert "interconnaissance" in deferred["commande-publique"].reason.replace(
        "mutual knowledge", "interconnaissance"
    )


def test_authority_that_knows_research_can_use_public_procurement(catalogue: Catalogue) -> None:
    answers = Answers(actor="local_authority", maturity=1, goals=["experimentation"])
    result = recommend(catalogue, answers, "en")

    assert "commande-publique" in {item.id for item in result.recommendations}
    assert result.deferred == []
    assert "interconnaissance_first" not in codes_of(result, "commande-publique")


@pytest.mark.parametrize("maturity", range(6))
def test_research_lab_wanting_outreach_starts_with_popularisation(
    catalogue: Catalogue, maturity: int
) -> None:
    answers = Answers(actor="research", maturity=maturity, goals=["outreach"])
    result = recommend(catalogue, answers, "en")

    top = result.recommendations[0]
    assert top.id == "vulgarisation-recherche"
    assert top.step == 1
    assert {"goal_match", "actor_match"} <= set(codes_of(result, top.id))


def test_company_ready_to_experiment_gets_research_contracts_or_cifre(
    catalogue: Catalogue,
) -> None:
    answers = Answers(actor="company", maturity=3, goals=["experimentation"])
    result = recommend(catalogue, answers, "en")

    at_step_1 = {item.id for item in result.recommendations if item.step == 1}
    assert {"contrats-de-recherche", "these-cifre"} <= at_step_1
    for card_id in ("contrats-de-recherche", "these-cifre"):
        assert {"goal_match", "actor_match", "next_step"} <= set(codes_of(result, card_id))
    assert result.deferred == []


def test_french_persona_is_the_english_one_translated(catalogue: Catalogue) -> None:
    answers = Answers(actor="local_authority", maturity=0, goals=["experimentation"])
    english = recommend(catalogue, answers, "en")
    french = recommend(catalogue, answers, "fr")

    assert structure(french) == structure(english)
    titles = {item.id: item.title for item in french.recommendations + french.deferred}
    assert titles["commande-publique"] == "Commande publique"
    assert "interconnaissance" in french.deferred[0].reason
    assert "vous visez" in " ".join(r.text for i in french.recommendations for r in i.reasons)


def test_limit_keeps_the_first_steps(catalogue: Catalogue) -> None:
    answers = Answers(actor="local_authority", maturity=0, goals=["experimentation"])
    result = recommend(catalogue, answers, "en", limit=2)

    assert len(result.recommendations) == 2
    assert all(item.reasons[0].code == "interconnaissance_first" for item in result.recommendations)
    for item in result.deferred:
        assert set(item.unlocked_by) <= {i.id for i in result.recommendations}


# --- scoring details the docstring states --------------------------------------


def test_main_goal_weighs_more(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    cards = [
        make_card(vocabulary, "main", [2], ["funding", "skills"], ["research"], [1]),
        make_card(vocabulary, "second", [2], ["skills", "funding"], ["research"], [1]),
    ]
    result = recommend(
        in_memory(vocabulary, cards), Answers(actor="company", maturity=1, goals=["funding"])
    )
    scores = {item.id: item.score for item in result.recommendations}
    assert scores == {"main": 3 + 1 + 3, "second": 3 + 3}
    assert [item.id for item in result.recommendations] == ["main", "second"]


def test_stretch_costs_the_gap(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    cards = [make_card(vocabulary, "far", [5], ["funding"], ["research"], [1])]
    result = recommend(
        in_memory(vocabulary, cards), Answers(actor="company", maturity=1, goals=["funding"])
    )
    (item,) = result.recommendations
    assert item.score == 4 - (5 - 2)
    assert [reason.code for reason in item.reasons] == ["goal_match", "stretch"]


def test_no_next_step_beyond_capitalisation(catalogue: Catalogue) -> None:
    """At maturity 5 every level has been practised: there is no "next step up" to
    announce, so a level-5 card is within reach (+1), not the next step (+3)."""
    vocabulary = catalogue.vocabulary
    cards = [make_card(vocabulary, "top", [5], ["capitalisation"], ["research"], [1])]
    result = recommend(
        in_memory(vocabulary, cards),
        Answers(actor="company", maturity=5, goals=["capitalisation"]),
    )
    (item,) = result.recommendations
    assert [reason.code for reason in item.reasons] == ["goal_match", "within_reach"]
    assert item.score == 4 + 1


def test_no_matching_card_gives_an_empty_pathway(catalogue: Catalogue) -> None:
    vocabulary = catalogue.vocabulary
    cards = [make_card(vocabulary, "other", [1], ["funding"], ["research"], [1])]
    result = recommend(
        in_memory(vocabulary, cards), Answers(actor="research", maturity=0, goals=["skills"])
    )
    assert result.recommendations == []
    assert result.deferred == []


# --- bad answers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (Answers(actor="nobody", maturity=0, goals=["outreach"]), "nobody"),
        (Answers(actor="research", maturity=0, goals=["outreach", "nope"]), "nope"),
    ],
)
def test_unknown_actor_or_goal_is_refused(
    catalogue: Catalogue, answers: Answers, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        recommend(catalogue, answers, "en")


@pytest.mark.parametrize("maturity", [0, 2])
def test_little_staff_time_favours_what_a_relay_structure_can_take_up(
    catalogue: Catalogue, maturity: int
) -> None:
    from toolbox_cli.engine import RELAY_ACTOR, RELAY_POINTS

    base = Answers(actor="local_authority", maturity=maturity, goals=["skills", "outreach"])
    plain = recommend(catalogue, base, "en", limit=100)
    helped = recommend(catalogue, base.model_copy(update={"staff_time": False}), "en", limit=100)
    staffed = recommend(catalogue, base.model_copy(update={"staff_time": True}), "en", limit=100)

    assert staffed.recommendations == plain.recommendations  # only 'no' changes anything
    scores = {r.id: r.score for r in plain.recommendations}
    relayed = {entry.id for entry in catalogue.entries if RELAY_ACTOR in entry.actors}
    assert relayed & set(scores)  # the case is exercised
    for item in helped.recommendations:
        codes = [reason.code for reason in item.reasons]
        if item.id in relayed:
            assert item.score == scores[item.id] + RELAY_POINTS
            assert "relay_support" in codes
        else:
            assert item.score == scores[item.id]
            assert "relay_support" not in codes
