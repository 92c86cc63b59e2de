"""Fuzzing: mutated cards and answers files, and any reply or flag value, reach the
user only as the tool's own errors (``CatalogueError``, ``AnswersError``), worded in
both languages with no control character. Bounded to run in a few seconds."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolbox_cli.advisor.results import Answers, Partner
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


# --- answers files written and read back -------------------------------------------

ACTORS = ("local_authority", "research", "company", "intermediary")
GOALS = (
    "outreach",
    "mutual_knowledge",
    "reflexivity",
    "skills",
    "funding",
    "experimentation",
    "legal_framework",
    "capitalisation",
)


@st.composite
def answers(draw: st.DrawFn) -> Answers:
    partner = None
    if draw(st.booleans()):
        partner_goals = draw(st.lists(st.sampled_from(GOALS), max_size=3, unique=True))
        partner = Partner(draw(st.sampled_from(ACTORS)), tuple(partner_goals))
    return Answers(
        actor=draw(st.sampled_from(ACTORS)),
        maturity=draw(st.integers(0, 5)),
        goals=tuple(draw(st.lists(st.sampled_from(GOALS), min_size=1, max_size=4, unique=True))),
        staff_time=draw(st.none() | st.booleans()),
        partner=partner,
    )


class Comments:
    """Numbered comments, each once: what a layout holds, to find them all again."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.written: list[str] = []

    def new(self) -> str:
        comment = f"# c{len(self.written)} why: ça"
        self.written.append(comment)
        return comment

    def maybe(self, before: str = "  ") -> str:
        """A comment at the end of a line, or nothing."""
        return before + self.new() if self.draw(st.booleans()) else ""

    def lines(self, indent: str = "") -> str:
        """Comment lines and blank lines on their own, or nothing."""
        out = ""
        for _ in range(self.draw(st.integers(0, 2))):
            out += "\n" if self.draw(st.booleans()) else f"{indent}{self.new()}\n"
        return out


def _scalar(draw: st.DrawFn, value: str) -> str:
    style = draw(st.sampled_from(["plain", "single", "double"]))
    return value if style == "plain" else "'" + value + "'" if style == "single" else f'"{value}"'


def _list(draw: st.DrawFn, notes: Comments, values: tuple[str, ...], indent: str) -> str:
    """A list as a value: in flow style or block style, items commented or not."""
    if draw(st.booleans()):
        items = ", ".join(_scalar(draw, value) for value in values)
        return f" [{items}]{notes.maybe()}\n"
    head = notes.maybe() + "\n"
    dash = indent + draw(st.sampled_from(["", "  "]))
    body = "".join(
        notes.lines(dash) + f"{dash}- {_scalar(draw, value)}{notes.maybe()}\n" for value in values
    )
    return head + body


@st.composite
def layouts(draw: st.DrawFn) -> tuple[str, list[str], Answers]:
    """An answers file as people write one: any key order, flow or block lists, values
    on the key's line or the next, quotes, comments anywhere a comment may go, blank
    lines, a directive and ``---``, YAML's document end ``...`` and what follows it."""
    notes = Comments(draw)
    old = draw(answers())
    text = notes.lines()
    if draw(st.booleans()):
        start = draw(st.sampled_from(["---", "%YAML 1.2\n---", "--- #"]))
        text += (start[:-1] + notes.new() if start.endswith("#") else start) + "\n"
    if draw(st.integers(0, 5)) == 0:  # all in flow style, on one line
        parts = [f"actor: {old.actor}", f"maturity: {old.maturity}"]
        parts.append("goals: [" + ", ".join(old.goals) + "]")
        if old.staff_time is not None:
            parts.append(f"staff_time: {'yes' if old.staff_time else 'no'}")
        if old.partner is not None:
            goals = ", ".join(old.partner.goals)
            parts.append(f"partner: {{actor: {old.partner.actor}, goals: [{goals}]}}")
        text += "{" + ", ".join(parts) + "}" + notes.maybe() + "\n"
    else:
        blocks = {
            "actor": lambda: _value(draw, notes, _scalar(draw, old.actor)),
            "maturity": lambda: _value(draw, notes, str(old.maturity)),
            "goals": lambda: _list(draw, notes, old.goals, ""),
        }
        if old.staff_time is not None:
            word = draw(st.sampled_from(["yes", "no"] if old.staff_time else ["no"]))
            word = "yes" if old.staff_time else word
            blocks["staff_time"] = lambda: _value(draw, notes, word)
        if old.partner is not None:
            blocks["partner"] = lambda: _partner(draw, notes, old.partner)
        for key in draw(st.permutations(list(blocks))):
            text += notes.lines() + f"{key}:" + blocks[key]()
    text += notes.lines()
    if draw(st.booleans()):
        text += "..." + notes.maybe() + "\n" + notes.lines()
    return text, notes.written, old


def _value(draw: st.DrawFn, notes: Comments, value: str) -> str:
    if draw(st.booleans()):
        return f" {value}{notes.maybe()}\n"
    return notes.maybe() + "\n" + f"  {value}{notes.maybe()}\n"  # on the next line


def _partner(draw: st.DrawFn, notes: Comments, partner: Partner) -> str:
    if draw(st.integers(0, 3)) == 0:
        goals = ", ".join(partner.goals)
        return f" {{actor: {partner.actor}, goals: [{goals}]}}{notes.maybe()}\n"
    text = notes.maybe() + "\n" + notes.lines("  ")
    text += f"  actor: {_scalar(draw, partner.actor)}{notes.maybe()}\n" + notes.lines("  ")
    if partner.goals:
        text += "  goals:" + _list(draw, notes, partner.goals, "  ")
    return text


def _read_back(catalogue: Catalogue, path: Path) -> Answers:
    return q.from_file(catalogue.vocabulary, path).complete()


def test_any_layout_saved_again_keeps_every_comment_and_reads_back(catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"

        @settings(FUZZ, max_examples=150)
        @given(layout=layouts(), new=answers())
        def check(layout: tuple[str, list[str], Answers], new: Answers) -> None:
            text, comments, old = layout
            path.write_text(text, encoding="utf-8")
            assert _read_back(catalogue, path) == old  # the layout itself is an answers file
            saved = q.answers_yaml(new, text.encode())
            path.write_text(saved, encoding="utf-8")
            assert _read_back(catalogue, path) == new, saved
            kept = q._comments(saved)
            for comment in comments:
                assert comment in kept, (comment, text, saved)
            assert q.is_answers_file(saved.encode())

        check()


STEPS = ("open", "fdopen", "fchmod", "fsync", "lstat", "replace", "link", "unlink")


def test_an_answers_file_interrupted_anywhere_is_old_or_new_never_a_mix(
    catalogue: Catalogue,
) -> None:
    """Ctrl-C (or SIGTERM, which unwinds the same way) at any call of ``os`` the writer
    makes: the file holds the old answers or the new ones, whole, and nothing else is
    left in its folder."""
    import os

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"

        @settings(FUZZ, max_examples=100)
        @given(
            layout=layouts(),
            new=answers(),
            step=st.sampled_from(STEPS),
            nth=st.integers(1, 3),
            exists=st.booleans(),
        )
        def check(
            layout: tuple[str, list[str], Answers], new: Answers, step: str, nth: int, exists: bool
        ) -> None:
            path.unlink(missing_ok=True)
            old = layout[0]
            if exists:
                path.write_text(old, encoding="utf-8")
            target = q.check_writable(path)
            calls = {"n": 0}
            real = getattr(os, step)

            def interrupted(*args: object, **kwargs: object) -> object:
                calls["n"] += 1
                if calls["n"] == nth:
                    raise KeyboardInterrupt
                return real(*args, **kwargs)

            setattr(os, step, interrupted)
            try:
                q.write_answers(new, target)
            except KeyboardInterrupt:
                pass
            finally:
                setattr(os, step, real)
            names = os.listdir(folder)
            if not exists and not names:
                return  # stopped before the new file was there
            assert names == ["answers.yaml"]
            now = path.read_text(encoding="utf-8")
            assert now in {
                old if exists else None,
                q.answers_yaml(new, old.encode() if exists else None),
            }
            assert _read_back(catalogue, path) in {layout[2] if exists else None, new}

        check()


# --- manifests ---------------------------------------------------------------------

MANIFEST = b"name: Nous\nextends: shipped\nreplaces: [these-cifre]\n"


def test_mutated_manifests_give_only_catalogue_errors() -> None:
    from toolbox_cli.catalogue import load_catalogue

    card = (data_dir() / "cards" / "these-cifre.yaml").read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        layer = Path(folder)
        (layer / "these-cifre.yaml").write_bytes(card)

        @settings(FUZZ, max_examples=80)
        @given(content=mutated(MANIFEST))
        def check(content: bytes) -> None:
            (layer / "catalogue.yaml").write_bytes(content)
            try:
                found = load_catalogue(layer, use_cache=False, light=True)
            except CatalogueError as error:
                check_worded([i.line_text(lang) for i in error.issues for lang in ("fr", "en")])
                return
            for layer_found in found.layers:
                name = layer_found.name
                assert "\n" not in name
                assert "\r" not in name
                assert unsafe().search(name) is None

        check()
