"""The questionnaire without a terminal: flags, answers files, saving, choices, asking."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolbox_cli.advisor.results import Answers, Partner
from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.models import Vocabulary
from toolbox_cli.cli import questionnaire as q
from toolbox_cli.files import writer as safefile

ACTOR_IDS = ["local_authority", "research", "company", "intermediary"]
GOAL_IDS = [
    "outreach",
    "mutual_knowledge",
    "reflexivity",
    "skills",
    "funding",
    "experimentation",
    "legal_framework",
    "capitalisation",
]


@pytest.fixture
def vocabulary(catalogue: Catalogue) -> Vocabulary:
    return catalogue.vocabulary


def test_the_vocabulary_is_the_one_these_tests_expect(vocabulary: Vocabulary) -> None:
    assert [actor.id for actor in vocabulary.actors] == ACTOR_IDS
    assert [goal.id for goal in vocabulary.goals] == GOAL_IDS


# --- from_flags ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("local_authority", "local_authority"),
        ("research", "research"),
        ("Collectivité", "local_authority"),
        ("collectivite", "local_authority"),
        ("Collectivité territoriale", "local_authority"),
        ("Local authority", "local_authority"),
        ("local-authority", "local_authority"),
        ("RECHERCHE", "research"),
        ("Université", "research"),
        ("Entreprise", "company"),
        ("Structure relais", "intermediary"),
        ("intermédiaire", "intermediary"),
        # short names in English too (found in a new-user trial), and the commune the
        # question names
        ("university", "research"),
        ("Lab", "research"),
        ("laboratory", "research"),
        ("commune", "local_authority"),
        ("municipality", "local_authority"),
        ("business", "company"),
        ("relay", "intermediary"),
    ],
)
def test_actor_flag_accepts_ids_and_labels(
    vocabulary: Vocabulary, given_name: str, expected: str
) -> None:
    assert q.from_flags(vocabulary, given_name, None, []).actor == expected


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("experimentation", "experimentation"),
        ("Expérimenter, innover, transférer", "experimentation"),
        ("EXPÉRIMENTATION", "experimentation"),
        ("Make research known", "outreach"),
        ("experiment", "experimentation"),
        ("network", "mutual_knowledge"),
        ("training", "skills"),
        ("capitalize", "capitalisation"),
        ("step back", "reflexivity"),
        ("faire connaître", "outreach"),
        ("Capitaliser", "capitalisation"),
        ("cadre juridique", "legal_framework"),
        ("mutual-knowledge", "mutual_knowledge"),
    ],
)
def test_goal_flag_accepts_ids_and_labels(
    vocabulary: Vocabulary, given_name: str, expected: str
) -> None:
    assert q.from_flags(vocabulary, None, None, [given_name]).goals == [expected]


def test_flags_keep_goal_order_and_drop_repeats(vocabulary: Vocabulary) -> None:
    partial = q.from_flags(
        vocabulary, "research", "2", ["funding", "outreach", "Financer", "funding"]
    )
    assert partial == q.Partial("research", 2, ["funding", "outreach"])
    assert partial.missing() == []


def test_no_flags_means_every_question_is_missing(vocabulary: Vocabulary) -> None:
    partial = q.from_flags(vocabulary, None, None, [])
    assert partial.missing() == ["actor", "maturity", "goals"]
    with pytest.raises(q.AnswersError, match="--actor, --maturity, --goal"):
        partial.complete()


def test_unknown_actor_names_the_valid_ids(vocabulary: Vocabulary) -> None:
    with pytest.raises(q.AnswersError) as caught:
        q.from_flags(vocabulary, "nobody", None, [])
    message = str(caught.value)
    assert message.startswith("--actor:")
    assert "'nobody'" in message
    for actor_id in ACTOR_IDS:
        assert actor_id in message


def test_unknown_goal_names_the_valid_ids(vocabulary: Vocabulary) -> None:
    with pytest.raises(q.AnswersError) as caught:
        q.from_flags(vocabulary, None, None, ["outreach", "nope"])
    message = str(caught.value)
    assert message.startswith("--goal:")
    assert "'nope'" in message
    for goal_id in GOAL_IDS:
        assert goal_id in message


# --- resolve_maturity ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", 0), ("5", 5), (" 3 ", 3), (0, 0), (4, 4)],
)
def test_maturity_within_bounds(value: object, expected: int) -> None:
    assert q.resolve_maturity(value) == expected


@pytest.mark.parametrize(
    "value", ["6", "-1", "9", 6, -1, "abc", "1.5", "", "2 3", True, False, 2.0, None, [1]]
)
def test_maturity_out_of_bounds_or_not_a_number(value: object) -> None:
    with pytest.raises(q.AnswersError, match=r"^--maturity: expected a whole number from 0 to 5"):
        q.resolve_maturity(value)


def test_maturity_error_names_its_origin() -> None:
    with pytest.raises(q.AnswersError, match=r"^answers\.yaml:3: maturity: "):
        q.resolve_maturity("x", "answers.yaml:3: maturity")


@pytest.mark.parametrize("value", ["0\x1f", "\x1c3", "3\x0b", "٣", "0_3"])
def test_a_maturity_with_a_control_character_is_refused(value: str) -> None:
    # Found by Hypothesis: str.strip() took "\x1f" for a space, int() did not.
    with pytest.raises(q.AnswersError):
        q.resolve_maturity(value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(), st.text(max_size=6)))
def test_maturity_is_a_number_from_0_to_5_or_an_answers_error(value: int | str) -> None:
    try:
        number = q.resolve_maturity(value)
    except q.AnswersError:
        if isinstance(value, int):
            assert not 0 <= value <= 5
        return
    assert 0 <= number <= 5
    assert number == int(value)


# --- from_file ---------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_answers_file(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "answers.yaml",
        "actor: Collectivité\nmaturity: 2\ngoals:\n  - outreach\n  - Financer\n",
    )
    assert q.from_file(vocabulary, path) == q.Partial("local_authority", 2, ["outreach", "funding"])


def test_json_answers_file(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "answers.json",
        json.dumps({"actor": "company", "maturity": 3, "goals": ["experimentation"]}),
    )
    assert q.from_file(vocabulary, path) == q.Partial("company", 3, ["experimentation"])


def test_answers_file_may_leave_questions_out(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", "maturity: 0\n")
    partial = q.from_file(vocabulary, path)
    assert partial.missing() == ["actor", "goals"]
    assert partial.maturity == 0


def test_goals_may_be_a_single_string(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", "goals: outreach\n")
    assert q.from_file(vocabulary, path).goals == ["outreach"]


def test_unknown_field_is_refused_with_its_line(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", "actor: research\ncolour: blue\n")
    with pytest.raises(q.AnswersError) as caught:
        q.from_file(vocabulary, path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: colour: unknown field")
    assert "actor, maturity, goals" in message


def test_bad_goal_is_reported_at_its_line(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", "actor: research\ngoals:\n  - outreach\n  - nope\n")
    with pytest.raises(q.AnswersError) as caught:
        q.from_file(vocabulary, path)
    message = str(caught.value)
    assert message.startswith(f"{path}:4: goals.1: unknown goal 'nope'")
    for goal_id in GOAL_IDS:
        assert goal_id in message


def test_bad_maturity_is_reported_at_its_line(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", "actor: research\n\nmaturity: 7\n")
    with pytest.raises(q.AnswersError, match=rf"^{path}:3: maturity: .*0 to 5, got 7"):
        q.from_file(vocabulary, path)


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("actor: [research\n", 2, "invalid YAML"),
        ("actor: research\nactor: company\n", 2, "duplicate key 'actor'"),
        ("- research\n", 1, "expected a mapping"),
        ("", 1, "empty"),
        ("actor: 3\n", 1, "actor: expected text, got 3"),
        ("goals: []\n", 1, "goals: expected a non-empty list"),
        ("goals: {a: b}\n", 1, "goals: expected a non-empty list"),
    ],
)
def test_bad_yaml_files(
    vocabulary: Vocabulary, tmp_path: Path, text: str, line: int, expected: str
) -> None:
    path = write(tmp_path, "answers.yaml", text)
    with pytest.raises(q.AnswersError) as caught:
        q.from_file(vocabulary, path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    assert expected in message


def test_duplicate_key_in_json(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.json", '{"actor": "research",\n "actor": "company"}')
    with pytest.raises(q.AnswersError, match=rf"^{path}:2: duplicate key 'actor'"):
        q.from_file(vocabulary, path)


def test_missing_answers_file(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(q.AnswersError, match=rf"^{path}: cannot read the file"):
        q.from_file(vocabulary, path)


# --- merge ------------------------------------------------------------------------


def test_flags_override_the_file() -> None:
    from_file = q.Partial("research", 2, ["outreach", "skills"])
    flags = q.Partial("company", None, ["funding"])
    assert q.merge(from_file, flags) == q.Partial("company", 2, ["funding"])


def test_file_fills_what_flags_leave_out() -> None:
    from_file = q.Partial(None, 0, ["outreach"])
    flags = q.Partial("research", None, [])
    assert q.merge(from_file, flags) == q.Partial("research", 0, ["outreach"])


def test_maturity_zero_from_flags_wins() -> None:
    assert q.merge(q.Partial(maturity=4), q.Partial(maturity=0)).maturity == 0


# --- save ------------------------------------------------------------------------


goal_lists = st.lists(st.sampled_from(GOAL_IDS), unique=True).map(tuple)
answers_strategy = st.builds(
    Answers,
    actor=st.sampled_from(ACTOR_IDS),
    maturity=st.integers(0, 5),
    goals=goal_lists.filter(bool),
    staff_time=st.sampled_from([None, True, False]),
    partner=st.none() | st.builds(Partner, actor=st.sampled_from(ACTOR_IDS), goals=goal_lists),
)


@pytest.mark.parametrize("name", ["answers.yaml", "answers.yml", "answers.json", "ANSWERS.JSON"])
def test_saved_answers_replay(vocabulary: Vocabulary, tmp_path: Path, name: str) -> None:
    @settings(max_examples=40, deadline=None)
    @given(answers=answers_strategy)
    def check(answers: Answers) -> None:
        path = tmp_path / name
        q.save(answers, path)
        assert q.from_file(vocabulary, path).complete() == answers
        assert sorted(os.listdir(tmp_path)) == [name]

    check()


def test_json_is_saved_as_json(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    q.save(Answers(actor="research", maturity=1, goals=("outreach", "skills")), path)
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "actor": "research",
        "maturity": 1,
        "goals": ["outreach", "skills"],
    }


def test_save_replaces_an_existing_file(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", "actor: company\nmaturity: 5\ngoals: [funding]\n")
    q.save(Answers(actor="research", maturity=0, goals=("outreach",)), path)
    assert q.from_file(vocabulary, path) == q.Partial("research", 0, ["outreach"])


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_failed_save_leaves_nothing_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    old = "actor: company\nmaturity: 5\ngoals: [funding]\n"
    path = write(tmp_path, "answers.yaml", old)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safefile.os, broken, fail)
    with pytest.raises(safefile.UnsafeWrite, match="No space left"):
        q.save(Answers(actor="research", maturity=0, goals=("outreach",)), path)
    assert os.listdir(tmp_path) == ["answers.yaml"]
    assert path.read_text(encoding="utf-8") == old


def test_failed_save_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(safefile.os, "link", fail)
    with pytest.raises(safefile.UnsafeWrite, match="Input/output error"):
        q.save(Answers(actor="research", maturity=0, goals=("outreach",)), tmp_path / "a.json")
    assert os.listdir(tmp_path) == []


def test_save_into_a_missing_directory_fails_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(q.AnswersError, match="no such directory"):
        q.save(
            Answers(actor="research", maturity=0, goals=("outreach",)),
            tmp_path / "missing" / "answers.yaml",
        )
    assert os.listdir(tmp_path) == []


def test_check_writable(tmp_path: Path) -> None:
    q.check_writable(tmp_path / "answers.yaml")
    with pytest.raises(q.AnswersError, match="no such directory"):
        q.check_writable(tmp_path / "missing" / "answers.yaml")
    with pytest.raises(q.AnswersError, match="is a directory"):
        q.check_writable(tmp_path)


# --- parse_choice ---------------------------------------------------------------


@pytest.fixture
def goal_options(vocabulary: Vocabulary) -> list[q.Choice]:
    return q.choices(vocabulary, "goals", "en")


@pytest.fixture
def maturity_options(vocabulary: Vocabulary) -> list[q.Choice]:
    return q.choices(vocabulary, "maturity", "en")


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("1", ["outreach"]),
        (" 8 ", ["capitalisation"]),
        ("1,2", ["outreach", "mutual_knowledge"]),
        ("6, 1 ;8", ["experimentation", "outreach", "capitalisation"]),
        ("1,1", ["outreach"]),
        ("6 2", ["experimentation", "mutual_knowledge"]),  # numbers by spaces too
        (" 6  2 ", ["experimentation", "mutual_knowledge"]),
        ("outreach", ["outreach"]),
        ("Make research known", ["outreach"]),
        ("FUNDING, skills", ["funding", "skills"]),
        ("legal-framework, 5", ["legal_framework", "funding"]),
    ],
)
def test_goal_replies(goal_options: list[q.Choice], reply: str, expected: list[str]) -> None:
    assert q.parse_choice(reply, goal_options, many=True) == expected


@pytest.mark.parametrize(
    "reply",
    ["", " ", ",", "0", "9", "1,9", "1,x", "nope", "1.5", "-", "6,,2", "1,,2,", "6,", "6 x"],
)
def test_invalid_goal_replies(goal_options: list[q.Choice], reply: str) -> None:
    assert q.parse_choice(reply, goal_options, many=True) is None


@pytest.mark.parametrize(
    ("reply", "expected"),
    [("0", "0"), ("1", "1"), ("5", "5"), (" 3 ", "3")],
)
def test_maturity_replies_count_from_zero(
    maturity_options: list[q.Choice], reply: str, expected: str
) -> None:
    assert [option.value for option in maturity_options] == ["0", "1", "2", "3", "4", "5"]
    assert q.parse_choice(reply, maturity_options, many=False) == [expected]


@pytest.mark.parametrize("reply", ["6", "10", "1,2", "", "x"])
def test_invalid_maturity_replies(maturity_options: list[q.Choice], reply: str) -> None:
    assert q.parse_choice(reply, maturity_options, many=False) is None


def test_negative_maturity_reply_is_invalid(maturity_options: list[q.Choice]) -> None:
    """'-1' is below the scale: it must be re-asked, not read as 1."""
    assert q.parse_choice("-1", maturity_options, many=False) is None


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("1", "local_authority"),
        ("4", "intermediary"),
        ("Collectivité territoriale", "local_authority"),  # the other language, as --actor
    ],
)
def test_actor_replies(vocabulary: Vocabulary, reply: str, expected: str | None) -> None:
    english = q.choices(vocabulary, "actor", "en")
    picked = q.parse_choice(reply, english, many=False)
    assert picked == ([expected] if expected else None)
    french = q.choices(vocabulary, "actor", "fr")
    assert q.parse_choice("Collectivité territoriale", french, many=False) == ["local_authority"]
    assert q.parse_choice("5", french, many=False) is None
    assert q.parse_choice("1,2", french, many=False) is None


@pytest.mark.parametrize("reply", ["\u2780", "\u1369", "1,\u278a"])
def test_digit_like_symbols_are_invalid_not_a_crash(
    goal_options: list[q.Choice], reply: str
) -> None:
    """Characters that str.isdigit() accepts but int() does not (➀, ፩, ➊)."""
    assert q.parse_choice(reply, goal_options, many=True) is None


@settings(max_examples=500, deadline=None)
@given(
    reply=st.text(
        alphabet=st.one_of(
            st.sampled_from("0123456789,; -_'aeé"),
            st.characters(categories=["Nd", "No"]),  # every script's digits
        ),
        max_size=8,
    ),
    many=st.booleans(),
)
def test_any_reply_is_a_choice_or_none(catalogue: Catalogue, reply: str, many: bool) -> None:
    options = q.choices(catalogue.vocabulary, "goals", "en")
    picked = q.parse_choice(reply, options, many)
    if picked is not None:
        assert picked
        assert set(picked) <= {option.value for option in options}
        assert len(set(picked)) == len(picked)
        assert many or len(picked) == 1


# --- ask ----------------------------------------------------------------------------


class Script:
    """A scripted terminal: replies in order, and a record of what was shown and asked."""

    def __init__(self, *replies: str | BaseException) -> None:
        self.replies: Iterator[str | BaseException] = iter(replies)
        self.prompts: list[str] = []
        self.shown: list[tuple[str, list[str], bool]] = []

    def prompt(self, text: str) -> str:
        self.prompts.append(text)
        reply = next(self.replies)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def show(self, title: str, options: list[q.Choice], zero_based: bool) -> None:
        self.shown.append((title, [option.value for option in options], zero_based))

    def titles(self) -> list[str]:
        return [title for title, _, _ in self.shown]


def test_ask_everything(vocabulary: Vocabulary) -> None:
    script = Script("2", "0", "1, 3", "")
    result = q.ask(q.Partial(), vocabulary, "en", script.prompt, script.show)

    assert result == q.Partial("research", 0, ["outreach", "reflexivity"])
    assert result.complete() == Answers(
        actor="research", maturity=0, goals=("outreach", "reflexivity")
    )
    assert script.titles() == [
        q.PROMPTS["actor"]("en"),
        q.PROMPTS["maturity"]("en"),
        q.PROMPTS["goals"]("en"),
        q.PROMPTS["partner"]("en"),  # optional: Enter skips it, and its goals
    ]
    assert script.shown[0][1] == ACTOR_IDS
    assert script.shown[1][1:] == (["0", "1", "2", "3", "4", "5"], True)
    assert script.shown[2][1:] == (GOAL_IDS, False)
    assert script.shown[3][1] == ACTOR_IDS
    assert script.prompts == [q.PROMPTS["choice"]("en")] * 4


def test_ask_about_a_partner(vocabulary: Vocabulary) -> None:
    script = Script("1", "2", "3", "x", "yes", "research", "4, 7")
    result = q.ask(q.Partial(), vocabulary, "en", script.prompt, script.show)

    assert result.complete() == Answers(
        actor="local_authority",
        maturity=2,
        goals=("reflexivity",),
        staff_time=True,
        partner=Partner("research", ("skills", "legal_framework")),
    )
    assert script.titles() == [
        q.PROMPTS["actor"]("en"),
        q.PROMPTS["maturity"]("en"),
        q.PROMPTS["goals"]("en"),
        q.PROMPTS["staff_time"]("en"),
        "Invalid answer: type 1-2.",
        q.PROMPTS["partner"]("en"),
        q.PROMPTS["partner_goals"]("en"),
    ]


def test_ask_again_after_an_invalid_reply(vocabulary: Vocabulary) -> None:
    script = Script("9", "company", "7", "", "5", "x", "experimentation", "")
    result = q.ask(q.Partial(), vocabulary, "en", script.prompt, script.show)

    assert result == q.Partial("company", 5, ["experimentation"])
    assert len(script.prompts) == 8
    assert script.titles() == [
        q.PROMPTS["actor"]("en"),
        "Invalid answer: type 1-4.",
        q.PROMPTS["maturity"]("en"),
        "Invalid answer: type 0-5.",
        "Invalid answer: type 0-5.",
        q.PROMPTS["goals"]("en"),
        "Invalid answer: type 1-8.",
        q.PROMPTS["partner"]("en"),
    ]
    # The reminder does not list the choices again.
    assert all(options == [] for title, options, _ in script.shown if "Invalid" in title)


def test_ask_only_what_is_missing(vocabulary: Vocabulary) -> None:
    given_partial = q.Partial(actor="research", goals=["funding"])
    script = Script("3", "")
    result = q.ask(given_partial, vocabulary, "en", script.prompt, script.show)

    assert result == q.Partial("research", 3, ["funding"])
    assert script.titles() == [q.PROMPTS["maturity"]("en"), q.PROMPTS["partner"]("en")]
    assert given_partial == q.Partial(actor="research", goals=["funding"]), "input untouched"


def test_ask_nothing_when_complete(vocabulary: Vocabulary) -> None:
    script = Script()
    complete = q.Partial("company", 0, ["skills"])
    assert q.ask(complete, vocabulary, "en", script.prompt, script.show) == complete
    assert script.shown == []
    assert script.prompts == []


def test_ask_in_french(vocabulary: Vocabulary) -> None:
    script = Script("1", "x", "0", "Capitaliser", "non", "")
    result = q.ask(q.Partial(), vocabulary, "fr", script.prompt, script.show)

    assert result == q.Partial("local_authority", 0, ["capitalisation"], staff_time=False)
    assert script.titles() == [
        "Qui êtes-vous\u202f?",
        q.PROMPTS["maturity"]("fr"),
        "Réponse invalide\u202f: tapez 0-5.",
        q.PROMPTS["goals"]("fr"),
        q.PROMPTS["staff_time"]("fr"),  # asked of a local authority, after the three questions
        q.PROMPTS["partner"]("fr"),
    ]
    assert set(script.prompts) == {"Votre choix"}


@pytest.mark.parametrize("stop", [EOFError(), KeyboardInterrupt()])
def test_end_of_input_propagates(vocabulary: Vocabulary, stop: BaseException) -> None:
    script = Script("1", stop)
    with pytest.raises(type(stop)):
        q.ask(q.Partial(), vocabulary, "en", script.prompt, script.show)
    assert len(script.prompts) == 2


def test_a_digit_like_reply_is_asked_again(vocabulary: Vocabulary) -> None:
    """A reply such as '➀' must lead to the 'invalid answer' reminder, not a crash."""
    script = Script("\u2780", "1", "0", "1", "1", "")
    result = q.ask(q.Partial(), vocabulary, "en", script.prompt, script.show)
    assert result == q.Partial("local_authority", 0, ["outreach"], staff_time=True)
    assert script.titles()[1] == "Invalid answer: type 1-4."


def test_one_situation_per_maturity_and_each_names_its_level(catalogue: Catalogue) -> None:
    from toolbox_cli.catalogue.models import MATURITIES

    assert len(q.MATURITY) == len(MATURITIES)
    options = q.choices(catalogue.vocabulary, "maturity", "fr")
    assert [o.value for o in options] == [str(m) for m in MATURITIES]
    for maturity, option in zip(MATURITIES, options, strict=True):
        if maturity:
            label = catalogue.vocabulary.level(maturity).label.fr
            assert option.help == f"niveau\u00a0{maturity}\u202f: {label}"
        else:
            assert option.help == "pas encore de partenariat"


@pytest.mark.parametrize(
    ("partial", "replies", "expected_staff_time", "asked"),
    [
        (q.Partial("local_authority", 1, ["skills"]), [], None, False),  # nothing missing
        (q.Partial("local_authority", None, ["skills"]), ["1", "no", ""], False, True),
        (q.Partial("local_authority", None, ["skills"], True), ["1", ""], True, False),  # given
        (q.Partial("research", None, ["skills"]), ["1", ""], None, False),  # not a territory
        (q.Partial(None, 1, ["skills"]), ["2", ""], None, False),  # became research
        (q.Partial(None, 1, ["skills"]), ["1", "2", ""], False, True),  # a local authority
    ],
)
def test_staff_time_is_asked_of_local_authorities_during_the_questionnaire(
    vocabulary: Vocabulary,
    partial: q.Partial,
    replies: list[str],
    expected_staff_time: bool | None,
    asked: bool,
) -> None:
    script = Script(*replies)
    result = q.ask(partial, vocabulary, "en", script.prompt, script.show)
    assert result.staff_time is expected_staff_time
    assert (q.PROMPTS["staff_time"]("en") in script.titles()) is asked
    assert len(script.prompts) == len(replies)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), ("Oui", True), ("no", False), ("NON", False), (True, True), (False, False)],
)
def test_staff_time_values(value: object, expected: bool) -> None:
    assert q.resolve_staff_time(value) is expected


@pytest.mark.parametrize("value", ["maybe", "", 3, None])
def test_staff_time_refuses_anything_else(value: object) -> None:
    with pytest.raises(q.AnswersError) as raised:
        q.resolve_staff_time(value)
    assert raised.value.key == "bad_staff_time"


@pytest.mark.parametrize("name", ["answers.yaml", "answers.json"])
def test_staff_time_round_trips_through_a_saved_file(
    vocabulary: Vocabulary, tmp_path: Path, name: str
) -> None:
    answers = Answers(actor="local_authority", maturity=0, goals=("skills",), staff_time=False)
    path = tmp_path / name
    q.save(answers, path)
    assert q.from_file(vocabulary, path).complete() == answers
    q.save(answers._replace(staff_time=None), path)
    assert "staff_time" not in path.read_text(encoding="utf-8")


def test_who_is_asked_about_staff_time_is_read_from_the_vocabulary(vocabulary: Vocabulary) -> None:
    actors = [
        actor.model_copy(update={"staff_time_question": actor.id == "company"})
        for actor in vocabulary.actors
    ]
    changed = vocabulary.model_copy(update={"actors": actors})
    script = Script("no", "")
    result = q.ask(q.Partial("company", 1, ["skills"]), changed, "en", script.prompt, script.show)
    assert result.staff_time is None, "nothing was missing: no questionnaire, no extra"
    script = Script("1", "no", "")
    result = q.ask(
        q.Partial("company", None, ["skills"]), changed, "en", script.prompt, script.show
    )
    assert result.staff_time is False
    assert q.PROMPTS["staff_time"]("en") in script.titles()
    script = Script("1", "")
    result = q.ask(
        q.Partial("local_authority", None, ["skills"]), changed, "en", script.prompt, script.show
    )
    assert q.PROMPTS["staff_time"]("en") not in script.titles()
