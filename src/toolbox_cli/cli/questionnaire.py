"""The questions as data; resolving flags and answers files; asking at a terminal.

Answers come, in order of precedence, from the flags, then the answers file,
then the terminal. Without a terminal a missing answer is an ``AnswersError``
naming the flags to pass; nothing here ever waits on a pipe.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from toolbox_cli.advisor.results import Answers, Frozen, Partner
from toolbox_cli.errors import UsageProblem
from toolbox_cli.i18n import Lang, Said, languages, t
from toolbox_cli.safetext import path_text, shown
from toolbox_cli.scales import MATURITIES
from toolbox_cli.text import fold, match_term

if TYPE_CHECKING:  # answers from flags need neither Pydantic nor a YAML parser
    from toolbox_cli.advisor.engine import Catalogue
    from toolbox_cli.catalogue.models import Term, Vocabulary
    from toolbox_cli.files.writer import Target

# The maturity scale: the highest partnership intensity already practised with
# the other sphere, worded as situations (the catalogue's maturity_0 … maturity_5).
MATURITY: tuple[Said, ...] = tuple(Said(f"maturity_{number}") for number in MATURITIES)

PROMPTS: dict[str, Said] = {
    name: Said(f"ask_{name}")
    for name in (
        "actor",
        "maturity",
        "goals",
        "staff_time",
        "partner",
        "partner_goals",
        "choice",
        "invalid",
        "invalid_suggest",
        "partner_kind",
    )
}

FLAGS = {"actor": "--actor", "maturity": "--maturity", "goals": "--goal"}
OPTIONAL = ("partner", "partner_goals")  # asked at a terminal, skipped with Enter

# The optional question on staff time is for the kinds of actor the vocabulary marks
# ``staff_time_question`` (local authorities: documents 003 and 004, small territories
# with little engineering), asked only when the questionnaire runs.
STAFF_TIME_CHOICES: tuple[tuple[str, Said, Said], ...] = tuple(
    (value, Said(f"staff_time_answer_{value}"), Said(f"staff_time_answer_{value}_hint"))
    for value in ("yes", "no")
)
YES = {"yes", "y", "oui", "o", "true", "1"}
NO = {"no", "n", "non", "false", "0"}


class AnswersError(UsageProblem):
    """Answers that cannot be used: which, and what is expected, in either language
    (a usage problem: exit 2)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)

    @property
    def key(self) -> str:
        return self.code


class Partial(Frozen):
    """Answers gathered so far; ``None`` or empty means not answered yet. Immutable:
    each answer gives a new one (``_replace``)."""

    _fields = ("actor", "maturity", "goals", "staff_time", "partner", "partner_goals")
    __slots__ = _fields
    actor: str | None
    maturity: int | None
    goals: list[str]
    staff_time: bool | None  # optional: never "missing"
    partner: str | None  # optional: the partner's kind of actor
    partner_goals: list[str]

    def __init__(
        self,
        actor: str | None = None,
        maturity: int | None = None,
        goals: Sequence[str] = (),
        staff_time: bool | None = None,
        partner: str | None = None,
        partner_goals: Sequence[str] = (),
    ) -> None:
        self._set(actor, maturity, list(goals), staff_time, partner, list(partner_goals))

    def missing(self) -> list[str]:
        return [
            name
            for name, value in (
                ("actor", self.actor),
                ("maturity", self.maturity),
                ("goals", self.goals or None),
            )
            if value is None
        ]

    def complete(self) -> Answers:
        if self.actor is None or self.maturity is None or not self.goals:
            raise missing_error(self.missing())
        if self.partner_goals and self.partner is None:
            raise AnswersError("partner_goals_alone")
        partner = Partner(self.partner, tuple(self.partner_goals)) if self.partner else None
        return Answers(
            actor=self.actor,
            maturity=self.maturity,
            goals=tuple(self.goals),
            staff_time=self.staff_time,
            partner=partner,
        )


def missing_error(missing: Sequence[str]) -> AnswersError:
    """The error for answers still missing where no terminal can ask for them."""
    flags = ", ".join(FLAGS[name] for name in missing)
    return AnswersError("missing_answers", missing=", ".join(missing), flags=flags)


# --- resolving values --------------------------------------------------------


class Known(NamedTuple):
    """The values an answer may take: ids, with their French labels in French."""

    terms: tuple[tuple[str, str], ...]  # (id, French label)

    def text(self, lang: Lang) -> str:
        if lang == "fr":
            return ", ".join(f"{term_id} ({label})" for term_id, label in self.terms)
        return ", ".join(term_id for term_id, _ in self.terms)


class Suggestion(NamedTuple):
    """The ids closest to a mistyped value, as "did you mean" (nothing when none is close)."""

    ids: tuple[str, ...]

    def text(self, lang: Lang) -> str:
        return t(lang, "did_you_mean_inline", ids=", ".join(self.ids)) if self.ids else ""


def _resolve(terms: Sequence[Term], value: str, origin: str, key: str) -> str:
    found = match_term(terms, value)
    if found is None:
        import difflib  # only now: most answers never need a suggestion

        by_name = {name: term.id for term in terms for name in term.names()}
        close = difflib.get_close_matches(fold(value), list(by_name), n=3, cutoff=0.6)
        raise AnswersError(
            key,
            origin=origin,
            value=value,
            suggest=Suggestion(tuple(dict.fromkeys(by_name[name] for name in close))),
            known=Known(tuple((term.id, term.label.fr) for term in terms)),
        )
    return found


def resolve_actor(vocabulary: Vocabulary, value: str, origin: str = "--actor") -> str:
    """The actor id ``value`` names (id, French or English label, alias)."""
    return _resolve(vocabulary.actors, value, origin, "unknown_actor")


def resolve_goal(vocabulary: Vocabulary, value: str, origin: str = "--goal") -> str:
    """The goal id ``value`` names (id, French or English label, alias)."""
    return _resolve(vocabulary.goals, value, origin, "unknown_goal")


def resolve_maturity(value: object, origin: str = "--maturity") -> int:
    # a text as typed, in the language's quotes; another value as YAML spells it
    key, said = (
        ("bad_maturity_text", shown(value)[1:-1])
        if isinstance(value, str)
        else (
            "bad_maturity",
            shown(value),
        )
    )
    error = AnswersError(key, origin=origin, value=said, low=MATURITIES[0], high=MATURITIES[-1])
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise error
    # ASCII digits only, between spaces at most: int() would also take "0_3" and "٣",
    # and str.strip() would take "\x1f" for a space
    if isinstance(value, str):
        value = value.strip(" \t\r\n")
        if not re.fullmatch(r"[0-9]+", value):
            raise error
    number = int(value)
    if number not in MATURITIES:
        raise error
    return number


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def resolve_goals(vocabulary: Vocabulary, values: Sequence[str], origin: str) -> list[str]:
    """The goals of a repeatable flag, each value one goal or several apart by commas
    (``--goal skills,funding``, as the questionnaire takes them); a label that holds
    commas ("Expérimenter, innover, transférer") is taken whole."""
    goals: list[str] = []
    for value in values:
        if match_term(vocabulary.goals, value) is not None or "," not in value:
            goals.append(resolve_goal(vocabulary, value, origin))
            continue
        parts = [part for part in value.split(",") if part.strip()]
        goals += [resolve_goal(vocabulary, part.strip(), origin) for part in parts]
    return _unique(goals)


def resolve_staff_time(value: object, origin: str = "--staff-time") -> bool:
    """yes/no (oui/non, true/false), or a YAML boolean."""
    if isinstance(value, bool):
        return value
    answer = fold(value) if isinstance(value, str) else None
    if answer in YES or answer in NO:
        return answer in YES
    raise AnswersError("bad_staff_time", origin=origin, value=shown(value))


def check_partner(catalogue: Catalogue, answers: Answers, lang: Lang) -> None:
    """Refuse a partner of a kind that no tool concerns together with the asker, naming
    the kinds that are covered (a ``UsageProblem``: the answers cannot give a plan)."""
    from toolbox_cli.advisor.engine import partners_covered
    from toolbox_cli.render.words import actor_label

    if answers.partner is None:
        return
    covered = partners_covered(catalogue, answers.actor)
    if answers.partner.actor in covered:
        return

    def name(actor: str) -> str:
        return actor_label(catalogue.vocabulary, actor, lang).lower()

    raise UsageProblem(
        "partner_uncovered",
        you=name(answers.actor),
        partner=name(answers.partner.actor),
        covered=", ".join(f"{name(actor)} ({actor})" for actor in covered) or "—",
    )


def from_flags(
    vocabulary: Vocabulary,
    actor: str | None,
    maturity: str | None,
    goals: Sequence[str],
    staff_time: str | None = None,
    partner: str | None = None,
    partner_goals: Sequence[str] = (),
) -> Partial:
    """The answers given as flags, ids or labels (``--actor collectivite``)."""
    return Partial(
        actor=resolve_actor(vocabulary, actor) if actor is not None else None,
        maturity=resolve_maturity(maturity) if maturity is not None else None,
        goals=resolve_goals(vocabulary, goals, "--goal"),
        staff_time=resolve_staff_time(staff_time) if staff_time is not None else None,
        partner=resolve_actor(vocabulary, partner, "--partner") if partner is not None else None,
        partner_goals=resolve_goals(vocabulary, partner_goals, "--partner-goal"),
    )


def from_file(vocabulary: Vocabulary, path: Path) -> Partial:
    """The answers of a YAML or JSON file: ``actor``, ``maturity``, ``goals``, ``staff_time``
    (all optional)."""
    from toolbox_cli.files.reader import YamlFileError, line_of, read

    try:
        data, node = read(path)
    except YamlFileError as error:
        where = path_text(path) + (f":{error.line}" if error.line else "")
        where += f": {error.field}" if error.field else ""
        raise AnswersError("answers_file", where=where, message=error) from None

    def at(*loc: str | int) -> str:
        where = f"{path_text(path)}:{line_of(node, loc)}"
        return f"{where}: {'.'.join(path_text(str(part)) for part in loc)}"

    unknown = sorted(set(data) - {"actor", "maturity", "goals", "staff_time", "partner"})
    if unknown:
        raise AnswersError("answers_unknown_field", where=at(unknown[0]))
    partial = Partial()
    if "actor" in data:
        actor = resolve_actor(vocabulary, _text(data["actor"], at("actor")), at("actor"))
        partial = partial._replace(actor=actor)
    if "maturity" in data:
        partial = partial._replace(maturity=resolve_maturity(data["maturity"], at("maturity")))

    def goals_at(*loc: str, optional: bool = False) -> list[str]:
        goals: Any = data
        for key in loc:
            goals = goals[key]
        if isinstance(goals, str):
            goals = [goals]
        if not isinstance(goals, list) or not (goals or optional):
            raise AnswersError("answers_goals", where=at(*loc))
        return _unique(
            [
                resolve_goal(vocabulary, _text(goal, at(*loc, i)), at(*loc, i))
                for i, goal in enumerate(goals)
            ]
        )

    if "goals" in data:
        partial = partial._replace(goals=goals_at("goals"))
    if "staff_time" in data:
        staff_time = resolve_staff_time(data["staff_time"], at("staff_time"))
        partial = partial._replace(staff_time=staff_time)
    if "partner" in data:
        partner = data["partner"]
        if not isinstance(partner, dict) or "actor" not in partner:
            raise AnswersError("answers_partner", where=at("partner"))
        extra = sorted(set(partner) - {"actor", "goals"})
        if extra:
            raise AnswersError("answers_unknown_field", where=at("partner", extra[0]))
        where = at("partner", "actor")
        actor = resolve_actor(vocabulary, _text(partner["actor"], where), where)
        partial = partial._replace(partner=actor)
        if "goals" in partner:
            partial = partial._replace(partner_goals=goals_at("partner", "goals", optional=True))
    return partial


def _text(value: object, origin: str) -> str:
    if not isinstance(value, str):
        quote = isinstance(value, (bool, int, float)) or value is None
        raise AnswersError(
            "answers_quote" if quote else "answers_text", where=origin, value=shown(value)
        )
    return value


def merge(base: Partial, override: Partial) -> Partial:
    """``override``'s answers where it has them, ``base``'s elsewhere."""
    return Partial(
        actor=override.actor if override.actor is not None else base.actor,
        maturity=override.maturity if override.maturity is not None else base.maturity,
        goals=override.goals or base.goals,
        staff_time=override.staff_time if override.staff_time is not None else base.staff_time,
        partner=override.partner if override.partner is not None else base.partner,
        partner_goals=override.partner_goals or base.partner_goals,
    )


ANSWER_KEYS = ("actor", "maturity", "goals", "staff_time", "partner")


def is_answers_file(content: bytes) -> bool:
    """Whether ``content`` is an answers file, empty or holding only comments (and
    YAML's ``---`` and ``...``): what ``--save-answers`` may replace without ``--force``."""
    if not content.strip():
        return True
    from toolbox_cli.files.reader import YamlFileError, decode, parse

    try:
        data, _ = parse(decode(content))
    except YamlFileError as error:
        return error.code == "empty_file"
    return set(data) <= set(ANSWER_KEYS)


def check_writable(path: str | os.PathLike[str], force: bool = False) -> Target:
    """Fail before any question is asked if ``path`` must not or cannot be written."""
    from toolbox_cli.files.writer import UnsafeWrite, plan

    try:
        return plan(path, force=force, recognise=is_answers_file)
    except UnsafeWrite as error:
        raise AnswersError("save_refused", reason=error) from None


def save(answers: Answers, path: str | os.PathLike[str], force: bool = False) -> Target:
    """Write ``answers`` to ``path`` (JSON if it ends in .json, else YAML) through the
    safe writer; an answers file's comments are kept (see ``answers_yaml``)."""
    target = check_writable(path, force)
    write_answers(answers, target)
    return target


def write_answers(answers: Answers, target: Target) -> None:
    """Write ``answers`` to a destination checked by ``check_writable``."""
    from toolbox_cli.files.writer import write
    from toolbox_cli.render.plan_json import answers_json

    data = answers_json(answers)
    if target.path.suffix.lower() == ".json":
        content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        content = answers_yaml(answers, target.existing)
    write(target, content)


def _yaml_blocks(answers: Answers) -> dict[str, str]:
    goals = "".join(f"\n  - {goal}" for goal in answers.goals)
    blocks = {
        "actor": f"actor: {answers.actor}",
        "maturity": f"maturity: {answers.maturity}",
        "goals": f"goals:{goals}",
    }
    if answers.staff_time is not None:
        blocks["staff_time"] = f"staff_time: {'yes' if answers.staff_time else 'no'}"
    if answers.partner is not None:
        partner = f"partner:\n  actor: {answers.partner.actor}"
        if answers.partner.goals:
            partner += "\n  goals:" + "".join(f"\n    - {goal}" for goal in answers.partner.goals)
        blocks["partner"] = partner
    return blocks


def answers_yaml(answers: Answers, previous: bytes | None = None) -> str:
    """``answers`` as YAML. When ``previous`` is an answers file (``--answers a.yaml
    --save-answers a.yaml``), only its values change: ruamel.yaml's round-trip mode
    keeps the comments, blank lines, flow or block style and key order the user wrote,
    as they would after editing by hand. A comment that belonged to an answer no
    longer given, or to a goal dropped from a list, moves to the end of the file:
    no comment is ever lost."""
    fresh = "".join(f"{block}\n" for block in _yaml_blocks(answers).values())
    if not previous or not is_answers_file(previous):
        return fresh
    from toolbox_cli.files.reader import YamlFileError, decode

    try:
        text = decode(previous)
    except YamlFileError:
        return fresh
    prologue, body, epilogue = _document_parts(text)
    rewritten = _round_trip(body, answers) if body.strip() else fresh
    if rewritten is None or not _reads_as(prologue + rewritten + epilogue, fresh):
        # Something ruamel.yaml would not write back as it was read: the answers
        # afresh, the user's comments after them.
        prologue, rewritten = "", fresh
    lost = _lost_comments(text, prologue + rewritten + epilogue)
    return prologue + rewritten + "".join(f"{comment}\n" for comment in lost) + epilogue


_PROLOGUE_LINE = re.compile(r"[ \t]*(?:#.*)?|%.*|---[ \t]*(?:#.*)?")
_DOCUMENT_END = re.compile(r"^\.\.\.(?:[ \t].*)?$", re.MULTILINE)


def _document_parts(text: str) -> tuple[str, str, str]:
    """``text`` as what comes before its mapping (comments, blank lines, directives,
    ``---``), the mapping, and YAML's document end ``...`` with what follows it: the
    first and last are kept as written (ruamel.yaml drops a comment before a flow
    mapping and everything from ``...`` on)."""
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and _PROLOGUE_LINE.fullmatch(lines[head].rstrip("\r\n")):
        head += 1
    prologue, rest = "".join(lines[:head]), "".join(lines[head:])
    end = _DOCUMENT_END.search(rest)
    body, epilogue = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    if prologue and not prologue.endswith("\n"):
        prologue += "\n"
    if body and not body.endswith("\n"):
        body += "\n"
    if epilogue and not epilogue.endswith("\n"):
        epilogue += "\n"
    return prologue, body, epilogue


def _round_trip(body: str, answers: Answers) -> str | None:
    """``body`` (an answers mapping) with ``answers``' values, through ruamel.yaml's
    round-trip mode, or ``None`` if it cannot be read so."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # as the answers are written afresh
    yaml.width = 4096  # never fold a long line the user wrote on one
    try:
        data = yaml.load(body)
    except Exception:  # ruamel.yaml's errors have no common base: the fallback decides
        return None
    if not isinstance(data, CommentedMap):
        return None
    _put(data, "actor", answers.actor)
    _put(data, "maturity", answers.maturity)
    _put_list(data, "goals", list(answers.goals))
    if answers.staff_time is None:
        data.pop("staff_time", None)
    else:
        _put(data, "staff_time", "yes" if answers.staff_time else "no")
    if answers.partner is None:
        data.pop("partner", None)
    else:
        partner = data.get("partner")
        if not isinstance(partner, CommentedMap):
            partner = CommentedMap()
            _put(data, "partner", partner)
        _put(partner, "actor", answers.partner.actor)
        if answers.partner.goals:
            _put_list(partner, "goals", list(answers.partner.goals))
        else:
            partner.pop("goals", None)
        for key in [key for key in partner if key not in ("actor", "goals")]:
            del partner[key]
    for key in [key for key in data if key not in ANSWER_KEYS]:
        del data[key]
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except Exception:
        return None
    return out.getvalue()


def _put(mapping: Any, key: str, value: object) -> None:
    """Set ``key``: an existing key keeps its place and its comments."""
    mapping[key] = value


def _put_list(mapping: Any, key: str, values: list[str]) -> None:
    """Set the list at ``key`` item by item, so that it keeps its style (flow or
    block) and the comments on the items that remain."""
    current = mapping.get(key)
    if not isinstance(current, list) or not current:
        mapping[key] = values
        return
    for i, value in enumerate(values):
        if i < len(current):
            current[i] = value
        else:
            current.append(value)
    del current[len(values) :]


def _reads_as(text: str, fresh: str) -> bool:
    """Whether ``text`` reads, with the tool's own reader, as the answers ``fresh`` writes."""
    from toolbox_cli.files.reader import YamlFileError, parse

    try:
        return parse(text)[0] == parse(fresh)[0]
    except YamlFileError:
        return False


def _comments(text: str) -> list[str]:
    """The comments of the YAML ``text`` (``# ...`` to the end of its line, right
    spaces dropped), found where no token is: a ``#`` in a quoted or block text is no
    comment."""
    import yaml

    covered: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index < token.end_mark.index:
                covered.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        pass  # the text was read before: only a rewritten one could fail, and then late
    found: list[str] = []
    spans = iter(sorted(covered))
    span = next(spans, None)
    at = 0
    while at < len(text):
        while span is not None and span[1] <= at:
            span = next(spans, None)
        if span is not None and span[0] <= at:
            at = span[1]
            continue
        if text[at] == "#" and (at == 0 or text[at - 1] in " \t\r\n"):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            found.append(text[at:end].rstrip())
            at = end
        at += 1
    return found


def _lost_comments(before: str, after: str) -> list[str]:
    """The comments of ``before`` that ``after`` no longer has, in their order."""
    from collections import Counter

    left = Counter(_comments(after))
    lost: list[str] = []
    for comment in _comments(before):
        if left[comment] > 0:
            left[comment] -= 1
        else:
            lost.append(comment)
    return lost


def command_line(answers: Answers, flags: Sequence[str] = ()) -> str:
    """The ``toolbox recommend`` command that gives the same plan without a question:
    what to type next time (``flags``: those in force, ``--lang fr``)."""
    from shlex import quote

    words = ["toolbox", "recommend", "--actor", answers.actor, "--maturity", str(answers.maturity)]
    for goal in answers.goals:
        words += ["--goal", goal]
    if answers.staff_time is not None:
        words += ["--staff-time", "yes" if answers.staff_time else "no"]
    if answers.partner is not None:
        words += ["--partner", answers.partner.actor]
        for goal in answers.partner.goals:
            words += ["--partner-goal", goal]
    return " ".join([*words[:2], *(quote(word) for word in [*flags, *words[2:]])])


SAVE_PROMPTS: dict[str, Said] = {
    name: Said(f"ask_save_{name}") for name in ("same", "offer", "saved")
}


def offer_save(
    answers: Answers,
    lang: Lang,
    prompt: Ask,
    say: Callable[[str], None],
    refused: Callable[[AnswersError], None],
    flags: Sequence[str] = (),
) -> Path | None:
    """After a questionnaire: say the equivalent command line, then offer to save the
    answers (a file name, or Enter to skip); a file that must not be written is said
    and the name asked again. The file written, or ``None``."""
    from shlex import quote

    # The command on a line of its own, indented, to copy as it is.
    say(f"{SAVE_PROMPTS['same'](lang)}\n  {command_line(answers, flags)}")
    while True:
        name = prompt(SAVE_PROMPTS["offer"](lang)).strip()
        if not name:
            return None
        try:
            target = check_writable(name)
            write_answers(answers, target)
        except AnswersError as error:
            refused(error)
            continue
        except Exception as error:  # the safe writer's refusal, said as --save-answers says it
            from toolbox_cli.files.writer import UnsafeWrite

            if not isinstance(error, UnsafeWrite):
                raise
            refused(AnswersError("save_refused", reason=error))
            continue
        replay = " ".join(["toolbox", "recommend", *map(quote, flags), "--answers", quote(name)])
        saved = SAVE_PROMPTS["saved"](lang).format(path=path_text(target.shown))
        say(f"{saved}\n  {replay}")
        return target.path


# --- asking at a terminal -------------------------------------------------------


class Choice(NamedTuple):
    value: str
    label: str
    help: str
    names: tuple[str, ...] = ()  # other names it answers to: what the flags accept


def choices(vocabulary: Vocabulary, question: str, lang: Lang) -> list[Choice]:
    """The numbered choices of ``question``, in ``lang``."""
    if question in ("actor", "partner", "goals", "partner_goals"):
        terms = vocabulary.actors if question in ("actor", "partner") else vocabulary.goals
        return [Choice(x.id, x.label(lang), x.help(lang), tuple(x.names())) for x in terms]
    if question == "staff_time":
        return [
            Choice(value, label(lang), hint(lang), (*map(label, languages()), *words))
            for (value, label, hint), words in zip(
                STAFF_TIME_CHOICES, (YES - {"1"}, NO - {"0"}), strict=True
            )
        ]
    return [
        Choice(str(number), text(lang), _level_help(vocabulary, number, lang))
        for number, text in enumerate(MATURITY)
    ]


def _level_help(vocabulary: Vocabulary, number: int, lang: Lang) -> str:
    if number == 0:
        return t(lang, "no_partnership")
    return t(lang, "level_line", level=number, label=vocabulary.level(number).label(lang))


def _key(text: str) -> str:
    """``fold`` with commas spaced alike: "a,b" and "a, b" name the same label."""
    return " ".join(fold(text).replace(",", " , ").split())


def _pick(text: str, options: Sequence[Choice]) -> str | None:
    """The option ``text`` names: its number, or its id, label (either language) or
    alias, as the flags accept them; numbered values (maturity) only by number."""
    digits = text.strip()
    if re.fullmatch(r"[0-9]+", digits):
        position = int(digits) - (0 if options[0].value == "0" else 1)
        return options[position].value if 0 <= position < len(options) else None
    wanted = _key(text)
    for option in options:
        names = [option.label, *option.names]
        if not option.value.isdigit():
            names.append(option.value)
        if wanted in {_key(name) for name in names}:
            return option.value
    return None


MAX_PARTS = 64  # a reply is a few numbers or names, not a pasted file


def parse_choice(reply: str, options: Sequence[Choice], many: bool) -> list[str] | None:
    """The values a reply picks (numbers, or ids/labels/aliases), or ``None`` if it is
    not valid. With ``many``, parts are separated by commas or semicolons, and numbers
    by spaces too ("6 2"); a label that holds commas ("Expérimenter, innover,
    transférer") is taken whole; an empty part ("6,,2", "6,") is a typing slip, asked
    again."""
    text = reply.replace(";", ",")
    if many and re.fullmatch(r"[\s,]*[0-9]+(?:\s+[0-9]+)+[\s,]*", text):
        text = ",".join(text.split())  # numbers separated by spaces
    parts = text.split(",") if many else [reply]
    if len(parts) > MAX_PARTS:
        return None
    if len(parts) > 1 and any(not part.strip() for part in parts):
        return None
    picked: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):  # the longest run naming one option
            match = _pick(",".join(parts[start:end]), options)
            if match is not None:
                picked.append(match)
                start = end
                break
        else:
            return None
    return _unique(picked) or None


def suggest(reply: str, options: Sequence[Choice], lang: Lang) -> str:
    """The options closest to a mistyped reply, each as its number and label ("2
    (Higher education or research)"), joined with "or"; empty when none is close."""
    import difflib  # only now: most replies are right the first time

    first = 0 if options[0].value == "0" else 1
    by_name: dict[str, int] = {}
    for position, option in enumerate(options):
        names = [option.label, *option.names]
        if not option.value.isdigit():
            names.append(option.value)
        for name in names:
            by_name.setdefault(_key(name), position)
    found: list[int] = []
    for part in reply.replace(";", ",").split(","):
        wanted = _key(part)
        if not wanted or wanted.isdigit():
            continue
        for name in difflib.get_close_matches(wanted, list(by_name), n=3, cutoff=0.6):
            if by_name[name] not in found:
                found.append(by_name[name])
    shown = [f"{position + first} ({options[position].label})" for position in found[:3]]
    return (" ou " if lang == "fr" else " or ").join(shown)


# "Do you have a partner in mind?": yes asks which kind, no skips (not numbers: 1 and 0
# are a kind's number and no number).
PARTNER_YES = YES - {"1"}
PARTNER_NO = NO - {"0"}

Ask = Callable[[str], str]


def ask(
    partial: Partial,
    vocabulary: Vocabulary,
    lang: Lang,
    prompt: Ask,
    show: Callable[[str, list[Choice], bool], None],
) -> Partial:
    """Ask the questions ``partial`` is missing, then, if any were, the optional
    staff-time question to a local authority that has not answered it; re-ask after
    an invalid reply.

    ``show(title, choices, zero_based)`` displays a question; ``prompt(text)``
    reads a reply (``EOFError``/``KeyboardInterrupt`` propagate to the caller).
    """
    result = partial
    missing = partial.missing()
    # No questionnaire, no extra: the optional questions come only after missing ones.
    questions = [*missing, "staff_time", *OPTIONAL] if missing else []
    for question in questions:
        if question == "staff_time" and (
            result.staff_time is not None
            or result.actor is None
            or not vocabulary.actor(result.actor).staff_time_question
        ):
            continue
        if question == "partner" and result.partner is not None:
            continue
        if question == "partner_goals" and (result.partner is None or result.partner_goals):
            continue
        options = choices(vocabulary, question, lang)
        many = question in ("goals", "partner_goals")
        zero_based = question == "maturity"
        show(PROMPTS[question](lang), options, zero_based)
        first, last = (0, len(options) - 1) if zero_based else (1, len(options))
        picked: list[str] | None = None
        expected = f"{first}-{last}"
        while True:
            reply = prompt(PROMPTS["choice"](lang))
            if question in OPTIONAL and not reply.strip():
                break
            if question == "partner" and fold(reply) in PARTNER_NO:
                break
            if question == "partner" and fold(reply) in PARTNER_YES:
                show(PROMPTS["partner_kind"](lang).format(expected=expected), [], zero_based)
                continue
            picked = parse_choice(reply, options, many)
            if picked is not None:
                break
            close = suggest(reply, options, lang)
            key = "invalid_suggest" if close else "invalid"
            said = PROMPTS[key](lang).format(expected=expected, suggestions=close)
            show(said, [], zero_based)
        if not picked:
            continue
        if question == "partner":
            result = result._replace(partner=picked[0])
        elif question == "partner_goals":
            result = result._replace(partner_goals=picked)
        elif question == "actor":
            result = result._replace(actor=picked[0])
        elif question == "maturity":
            result = result._replace(maturity=int(picked[0]))
        elif question == "staff_time":
            result = result._replace(staff_time=picked[0] == "yes")
        else:
            result = result._replace(goals=picked)
    return result
