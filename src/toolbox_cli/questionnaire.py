"""The questions as data; resolving flags and answers files; asking at a terminal.

Answers come, in order of precedence, from the flags, then the answers file,
then the terminal. Without a terminal a missing answer is an ``AnswersError``
naming the flags to pass; nothing here ever waits on a pipe.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .i18n import t
from .models import MATURITIES, Lang, Term, Text, Vocabulary, fold, match_term
from .results import Answers, Partner
from .yamlfile import YamlFileError, line_of, read

# The maturity scale: the highest partnership intensity already practised with
# the other sphere, worded as situations (document 000's five degrees).
MATURITY: tuple[Text, ...] = (
    Text(
        fr="Nous n'avons jamais travaillé avec l'autre sphère : nous ne nous connaissons pas.",
        en="We have never worked with the other sphere: we don't know each other yet.",
    ),
    Text(
        fr="Nous nous connaissons : rencontres, conférences, visites, nous savons qui fait quoi.",
        en="We know each other: meetings, lectures, visits; we know who does what.",
    ),
    Text(
        fr="Nous avons déjà pris du recul ensemble sur une action publique (réflexivité).",
        en="We have already stepped back together on a public action (reflexivity).",
    ),
    Text(
        fr="La recherche a déjà apporté questions, théories ou modèles à nos projets.",
        en="Research has already brought questions, theories or models to our projects.",
    ),
    Text(
        fr="Nous avons déjà mené une expérimentation ensemble.",
        en="We have already run an experiment together.",
    ),
    Text(
        fr="Nous capitalisons déjà ensemble : nous gardons trace et partageons les enseignements.",
        en="We already capitalise together: we keep a record and share the lessons.",
    ),
)

PROMPTS: dict[str, Text] = {
    "actor": Text(fr="Qui êtes-vous ?", en="Who are you?"),
    "maturity": Text(
        fr="Où en est votre partenariat avec l'autre sphère ?",
        en="How far has your partnership with the other sphere gone?",
    ),
    "goals": Text(
        fr="Que cherchez-vous ? (un ou plusieurs numéros, séparés par des virgules)",
        en="What are you after? (one or more numbers, separated by commas)",
    ),
    "staff_time": Text(
        fr="Votre structure a-t-elle du temps d'agent (de l'ingénierie) à consacrer à un "
        "partenariat ?",
        en="Does your organisation have staff time (engineering capacity) to give to a "
        "partnership?",
    ),
    "partner": Text(
        fr="Avez-vous un partenaire en vue ? De quel type ? (Entrée pour passer)",
        en="Do you have a partner in mind? Of which kind? (Enter to skip)",
    ),
    "partner_goals": Text(
        fr="Que cherche votre partenaire ? (numéros séparés par des virgules ; Entrée pour passer)",
        en="What is your partner after? (numbers separated by commas; Enter to skip)",
    ),
    "choice": Text(fr="Votre choix", en="Your choice"),
    "invalid": Text(
        fr="Réponse invalide : tapez {expected}.",
        en="Invalid answer: type {expected}.",
    ),
}

FLAGS = {"actor": "--actor", "maturity": "--maturity", "goals": "--goal"}
OPTIONAL = ("partner", "partner_goals")  # asked at a terminal, skipped with Enter

# The optional question on staff time is for local authorities (documents 003, 004:
# small territories with little engineering), asked only when the questionnaire runs.
STAFF_TIME_ACTOR = "local_authority"
STAFF_TIME_CHOICES: tuple[tuple[str, Text, Text], ...] = (
    (
        "yes",
        Text(fr="Oui", en="Yes"),
        Text(fr="Des agents peuvent y consacrer du temps.", en="Staff can give it time."),
    ),
    (
        "no",
        Text(fr="Non", en="No"),
        Text(
            fr="Peu ou pas d'ingénierie, comme beaucoup de petits et moyens territoires.",
            en="Little or no engineering capacity, like many small and medium territories.",
        ),
    ),
)
YES = {"yes", "y", "oui", "o", "true", "1"}
NO = {"no", "n", "non", "false", "0"}


class AnswersError(ValueError):
    """Answers that cannot be used: which, and what is expected, in either language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(t("en", key, **values))
        self.key = key
        self.values = values

    def text(self, lang: Lang) -> str:
        return t(lang, self.key, **self.values)


@dataclass
class Partial:
    """Answers gathered so far; ``None`` or empty means not answered yet."""

    actor: str | None = None
    maturity: int | None = None
    goals: list[str] = field(default_factory=list)
    staff_time: bool | None = None  # optional: never "missing"
    partner: str | None = None  # optional: the partner's kind of actor
    partner_goals: list[str] = field(default_factory=list)

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


def _resolve(terms: list[Term], value: str, origin: str, key: str) -> str:
    found = match_term(terms, value)
    if found is None:
        known = ", ".join(term.id for term in terms)
        raise AnswersError(key, origin=origin, value=value, known=known)
    return found


def resolve_actor(vocabulary: Vocabulary, value: str, origin: str = "--actor") -> str:
    """The actor id ``value`` names (id, French or English label, alias)."""
    return _resolve(vocabulary.actors, value, origin, "unknown_actor")


def resolve_goal(vocabulary: Vocabulary, value: str, origin: str = "--goal") -> str:
    """The goal id ``value`` names (id, French or English label, alias)."""
    return _resolve(vocabulary.goals, value, origin, "unknown_goal")


def resolve_maturity(value: object, origin: str = "--maturity") -> int:
    error = AnswersError(
        "bad_maturity", origin=origin, value=repr(value), low=MATURITIES[0], high=MATURITIES[-1]
    )
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise error
    try:
        number = int(value)
    except ValueError:
        raise error from None
    if number not in MATURITIES:
        raise error
    return number


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def resolve_staff_time(value: object, origin: str = "--staff-time") -> bool:
    """yes/no (oui/non, true/false), or a YAML boolean."""
    if isinstance(value, bool):
        return value
    answer = fold(value) if isinstance(value, str) else None
    if answer in YES or answer in NO:
        return answer in YES
    raise AnswersError("bad_staff_time", origin=origin, value=repr(value))


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
        goals=_unique([resolve_goal(vocabulary, goal) for goal in goals]),
        staff_time=resolve_staff_time(staff_time) if staff_time is not None else None,
        partner=resolve_actor(vocabulary, partner, "--partner") if partner is not None else None,
        partner_goals=_unique(
            [resolve_goal(vocabulary, goal, "--partner-goal") for goal in partner_goals]
        ),
    )


def from_file(vocabulary: Vocabulary, path: Path) -> Partial:
    """The answers of a YAML or JSON file: ``actor``, ``maturity``, ``goals``, ``staff_time``
    (all optional)."""
    try:
        data, node = read(path)
    except YamlFileError as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        raise AnswersError("answers_file", where=where, message=error) from None

    def at(*loc: str | int) -> str:
        return f"{path}:{line_of(node, loc)}: {'.'.join(str(part) for part in loc)}"

    unknown = sorted(set(data) - {"actor", "maturity", "goals", "staff_time", "partner"})
    if unknown:
        raise AnswersError("answers_unknown_field", where=at(unknown[0]))
    partial = Partial()
    if "actor" in data:
        partial.actor = resolve_actor(vocabulary, _text(data["actor"], at("actor")), at("actor"))
    if "maturity" in data:
        partial.maturity = resolve_maturity(data["maturity"], at("maturity"))

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
        partial.goals = goals_at("goals")
    if "staff_time" in data:
        partial.staff_time = resolve_staff_time(data["staff_time"], at("staff_time"))
    if "partner" in data:
        partner = data["partner"]
        if not isinstance(partner, dict) or "actor" not in partner:
            raise AnswersError("answers_partner", where=at("partner"))
        extra = sorted(set(partner) - {"actor", "goals"})
        if extra:
            raise AnswersError("answers_unknown_field", where=at("partner", extra[0]))
        where = at("partner", "actor")
        partial.partner = resolve_actor(vocabulary, _text(partner["actor"], where), where)
        if "goals" in partner:
            partial.partner_goals = goals_at("partner", "goals", optional=True)
    return partial


def _text(value: object, origin: str) -> str:
    if not isinstance(value, str):
        quote = isinstance(value, (bool, int, float)) or value is None
        raise AnswersError(
            "answers_quote" if quote else "answers_text", where=origin, value=repr(value)
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


def save(answers: Answers, path: Path) -> None:
    """Write ``answers`` to ``path`` (JSON if it ends in .json, else YAML), atomically."""
    from .advice_json import answers_json

    data = answers_json(answers)
    if path.suffix.lower() == ".json":
        content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        goals = "".join(f"  - {goal}\n" for goal in answers.goals)
        content = f"actor: {answers.actor}\nmaturity: {answers.maturity}\ngoals:\n{goals}"
        if answers.staff_time is not None:
            content += f"staff_time: {'yes' if answers.staff_time else 'no'}\n"
        if answers.partner is not None:
            content += f"partner:\n  actor: {answers.partner.actor}\n"
            if answers.partner.goals:
                content += "  goals:\n" + "".join(
                    f"    - {goal}\n" for goal in answers.partner.goals
                )
    directory = path.parent
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_writable(path: Path) -> None:
    """Fail before any question is asked if ``path`` cannot be written later."""
    if path.is_dir():
        raise AnswersError("save_is_dir", path=path)
    if not path.parent.is_dir():
        raise AnswersError("save_no_dir", path=path.parent)
    if not os.access(path.parent, os.W_OK):
        raise AnswersError("save_not_writable", path=path.parent)


# --- asking at a terminal -------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    help: str


def choices(vocabulary: Vocabulary, question: str, lang: Lang) -> list[Choice]:
    """The numbered choices of ``question``, in ``lang``."""
    if question in ("actor", "partner"):
        return [Choice(a.id, a.label(lang), a.help(lang)) for a in vocabulary.actors]
    if question in ("goals", "partner_goals"):
        return [Choice(g.id, g.label(lang), g.help(lang)) for g in vocabulary.goals]
    if question == "staff_time":
        return [Choice(value, label(lang), hint(lang)) for value, label, hint in STAFF_TIME_CHOICES]
    return [
        Choice(str(number), text(lang), _level_help(vocabulary, number, lang))
        for number, text in enumerate(MATURITY)
    ]


def _level_help(vocabulary: Vocabulary, number: int, lang: Lang) -> str:
    if number == 0:
        return t(lang, "no_partnership")
    return t(lang, "level_line", level=number, label=vocabulary.level(number).label(lang))


def parse_choice(reply: str, options: Sequence[Choice], many: bool) -> list[str] | None:
    """The values a reply picks (numbers, or ids/labels), or ``None`` if it is not valid."""
    parts = [part.strip() for part in reply.replace(";", ",").split(",")] if many else [reply]
    picked: list[str] = []
    for part in parts:
        if not part.strip():
            continue
        wanted = fold(part)
        digits = part.strip()
        index = int(digits) if re.fullmatch(r"[0-9]+", digits) else None
        zero_based = options[0].value == "0"
        match = None
        if index is not None:
            position = index if zero_based else index - 1
            if 0 <= position < len(options):
                match = options[position].value
        else:
            # Ids and labels by name; numbered values (maturity) only by their number.
            match = next(
                (
                    o.value
                    for o in options
                    if wanted == fold(o.label)
                    or (wanted == fold(o.value) and not o.value.isdigit())
                ),
                None,
            )
        if match is None:
            return None
        picked.append(match)
    return _unique(picked) or None


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
    result = replace(partial, goals=list(partial.goals), partner_goals=list(partial.partner_goals))
    missing = partial.missing()
    # No questionnaire, no extra: the optional questions come only after missing ones.
    questions = [*missing, "staff_time", *OPTIONAL] if missing else []
    for question in questions:
        if question == "staff_time" and (
            result.staff_time is not None or result.actor != STAFF_TIME_ACTOR
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
        while True:
            reply = prompt(PROMPTS["choice"](lang))
            if question in OPTIONAL and not reply.strip():
                break
            picked = parse_choice(reply, options, many)
            if picked is not None:
                break
            show(PROMPTS["invalid"](lang).format(expected=f"{first}-{last}"), [], zero_based)
        if not picked:
            continue
        if question == "partner":
            result.partner = picked[0]
        elif question == "partner_goals":
            result.partner_goals = picked
        elif question == "actor":
            result.actor = picked[0]
        elif question == "maturity":
            result.maturity = int(picked[0])
        elif question == "staff_time":
            result.staff_time = picked[0] == "yes"
        else:
            result.goals = picked
    return result
