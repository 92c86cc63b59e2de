"""Fuzzing: mutated cards and answers files, and any reply or flag value, reach the
user only as the tool's own errors (``CatalogueError``, ``AnswersError``), worded in
both languages with no control character. Bounded to run in a few seconds."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.paths import data_dir
from toolbox_cli.catalogue.validate import CatalogueError, read_card
from toolbox_cli.cli import questionnaire as q
from toolbox_cli.safetext import unsafe

CARDS = sorted((data_dir() / "cards").glob("*.yaml"))
ANSWERS = b"actor: company\nmaturity: 2\ngoals:\n  - funding\n  - skills\nstaff_time: yes\n"
HOSTILE = [
    b"!!bool abc",
    b"!!bool ''",
    b"!!int ''",
    b"!!int '-'",
    b"!!float ''",
    b"!!timestamp abc",
    b"!!binary x",
    b"!!set {a: 1}",
    b"!!omap [a]",
    b"!!python/object:os.system x",
    b"!foo bar",
    b"2024-02-30",
    b"0x" + b"f" * 5000,
    b"0b" + b"1" * 5000,
    b"1" + b":59" * 2000,
    b"9" * 5000,
    b"1e400",
    b".nan",
    b"~",
    b"&a",
    b"*a",
    b"<<: {}",
    b"---\n",
    b"...\n",
    b"- ",
    b": ",
    b"{",
    b"[",
    b"\t",
    b"\x00",
    b"\x1b[2J",
    b'"\\e]0;x\\a"',
    b'"\\u009b"',
    "\u202e".encode(),
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"[" * 200,
    b"\n" + b" " * 80 + b"x",
]


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few edits: hostile tokens, random bytes, cuts and copies."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["token", "bytes", "cut", "copy"]))
        if kind == "token":
            data[at:at] = draw(st.sampled_from(HOSTILE))
        elif kind == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            start = draw(st.integers(0, len(data)))
            data[at:at] = data[start : start + draw(st.integers(1, 200))]
    return bytes(data)


def check_worded(lines: list[str]) -> None:
    assert lines
    for line in lines:
        assert unsafe().search(line) is None, line
        for internal in ("NoneType", "groupdict", "set_int_max_str_digits", "Input should"):
            assert internal not in line


FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_mutated_cards_give_only_catalogue_errors(catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as folder:

        @FUZZ
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            source = data.draw(st.sampled_from(CARDS))
            path = Path(folder) / source.name
            path.write_bytes(data.draw(mutated(source.read_bytes())))
            try:
                read_card(path, catalogue.vocabulary)
            except CatalogueError as error:
                check_worded([i.line_text(lang) for i in error.issues for lang in ("fr", "en")])

        check()


def test_mutated_answers_files_give_only_answers_errors(catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"

        @FUZZ
        @given(content=mutated(ANSWERS))
        def check(content: bytes) -> None:
            path.write_bytes(content)
            try:
                q.from_file(catalogue.vocabulary, path)
            except q.AnswersError as error:
                check_worded([error.text("fr"), error.text("en")])

        check()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(reply=st.text(max_size=80), question=st.sampled_from(["actor", "goals", "maturity"]))
def test_any_reply_is_parsed_or_refused(catalogue: Catalogue, reply: str, question: str) -> None:
    options = q.choices(catalogue.vocabulary, question, "en")
    picked = q.parse_choice(reply, options, many=question == "goals")
    assert picked is None or set(picked) <= {option.value for option in options}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    actor=st.none() | st.text(max_size=30),
    maturity=st.none() | st.text(max_size=10),
    goals=st.lists(st.text(max_size=30), max_size=3),
    staff_time=st.none() | st.text(max_size=10),
)
def test_any_flag_value_is_resolved_or_refused(
    catalogue: Catalogue,
    actor: str | None,
    maturity: str | None,
    goals: list[str],
    staff_time: str | None,
) -> None:
    try:
        q.from_flags(catalogue.vocabulary, actor, maturity, goals, staff_time)
    except q.AnswersError as error:
        error.text("fr")
        error.text("en")
