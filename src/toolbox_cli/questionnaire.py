"""The questions as data; resolving flags and answers files; asking at a terminal.

Answers come, in order of precedence, from the flags, then the answers file,
then the terminal. Without a terminal a missing answer is an ``AnswersError``
naming the flags to pass; nothing here ever waits on a pipe.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import Answers, Lang, Text, Vocabulary, fold
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

NO_LEVEL = Text(fr="pas encore de partenariat", en="no partnership yet")

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
    "choice": Text(fr="Votre choix", en="Your choice"),
    "invalid": Text(
        fr="Réponse invalide : tapez {expected}.",
        en="Invalid answer: type {expected}.",
    ),
}

FLAGS = {"actor": "--actor", "maturity": "--maturity", "goals": "--goal"}


class AnswersError(ValueError):
    """Answers that cannot be used: the message says which and what is expected."""


@dataclass
class Partial:
    """Answers gathered so far; ``None`` or empty means not answered yet."""

    actor: str | None = None
    maturity: int | None = None
    goals: list[str] = field(default_factory=list)

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
            raise AnswersError(missing_message(self.missing()))
        return Answers(actor=self.actor, maturity=self.maturity, goals=self.goals)


def missing_message(missing: Sequence[str]) -> str:
    flags = ", ".join(FLAGS[name] for name in missing)
    return (
        f"missing answer(s): {', '.join(missing)}. Without a terminal, pass {flags} "
        "(or --answers FILE)."
    )


# --- resolving values --------------------------------------------------------


def resolve_actor(vocabulary: Vocabulary, value: str, origin: str = "--actor") -> str:
    found = vocabulary.match_actor(value)
    if found is None:
        known = ", ".join(actor.id for actor in vocabulary.actors)
        raise AnswersError(f"{origin}: unknown actor {value!r}; expected one of: {known}")
    return found


def resolve_goal(vocabulary: Vocabulary, value: str, origin: str = "--goal") -> str:
    found = vocabulary.match_goal(value)
    if found is None:
        known = ", ".join(goal.id for goal in vocabulary.goals)
        raise AnswersError(f"{origin}: unknown goal {value!r}; expected one of: {known}")
    return found


def resolve_maturity(value: object, origin: str = "--maturity") -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise AnswersError(f"{origin}: expected a whole number from 0 to 5, got {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise AnswersError(
            f"{origin}: expected a whole number from 0 to 5, got {value!r}"
        ) from None
    if not 0 <= number <= len(MATURITY) - 1:
        raise AnswersError(f"{origin}: expected a whole number from 0 to 5, got {number}")
    return number


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def from_flags(
    vocabulary: Vocabulary, actor: str | None, maturity: str | None, goals: Sequence[str]
) -> Partial:
    """The answers given as flags, ids or labels (``--actor collectivite``)."""
    return Partial(
        actor=resolve_actor(vocabulary, actor) if actor is not None else None,
        maturity=resolve_maturity(maturity) if maturity is not None else None,
        goals=_unique([resolve_goal(vocabulary, goal) for goal in goals]),
    )


def from_file(vocabulary: Vocabulary, path: Path) -> Partial:
    """The answers of a YAML or JSON file: ``actor``, ``maturity``, ``goals`` (all optional)."""
    try:
        data, node = read(path)
    except YamlFileError as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        raise AnswersError(f"{where}: {error.message}") from None

    def at(*loc: str | int) -> str:
        return f"{path}:{line_of(node, loc)}: {'.'.join(str(part) for part in loc)}"

    unknown = sorted(set(data) - {"actor", "maturity", "goals"})
    if unknown:
        raise AnswersError(f"{at(unknown[0])}: unknown field; expected actor, maturity, goals")
    partial = Partial()
    if "actor" in data:
        partial.actor = resolve_actor(vocabulary, _text(data["actor"], at("actor")), at("actor"))
    if "maturity" in data:
        partial.maturity = resolve_maturity(data["maturity"], at("maturity"))
    if "goals" in data:
        goals: Any = data["goals"]
        if isinstance(goals, str):
            goals = [goals]
        if not isinstance(goals, list) or not goals:
            raise AnswersError(f"{at('goals')}: expected a non-empty list of goal ids")
        partial.goals = _unique(
            [
                resolve_goal(vocabulary, _text(goal, at("goals", i)), at("goals", i))
                for i, goal in enumerate(goals)
            ]
        )
    return partial


def _text(value: object, origin: str) -> str:
    if not isinstance(value, str):
        hint = ": quote it" if isinstance(value, (bool, int, float)) or value is None else ""
        raise AnswersError(f"{origin}: expected text, got {value!r}{hint}")
    return value


def merge(base: Partial, override: Partial) -> Partial:
    """``override``'s answers where it has them, ``base``'s elsewhere."""
    return Partial(
        actor=override.actor if override.actor is not None else base.actor,
        maturity=override.maturity if override.maturity is not None else base.maturity,
        goals=override.goals or base.goals,
    )


def save(answers: Answers, path: Path) -> None:
    """Write ``answers`` to ``path`` (JSON if it ends in .json, else YAML), atomically."""
    data = answers.model_dump()
    if path.suffix.lower() == ".json":
        content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        goals = "".join(f"  - {goal}\n" for goal in answers.goals)
        content = f"actor: {answers.actor}\nmaturity: {answers.maturity}\ngoals:\n{goals}"
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
        raise AnswersError(f"--save-answers: {path} is a directory")
    if not path.parent.is_dir():
        raise AnswersError(f"--save-answers: no such directory: {path.parent}")
    if not os.access(path.parent, os.W_OK):
        raise AnswersError(f"--save-answers: cannot write in {path.parent}")


# --- asking at a terminal -------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    help: str


def choices(vocabulary: Vocabulary, question: str, lang: Lang) -> list[Choice]:
    """The numbered choices of ``question``, in ``lang``."""
    if question == "actor":
        return [Choice(a.id, a.label(lang), a.help(lang)) for a in vocabulary.actors]
    if question == "goals":
        return [Choice(g.id, g.label(lang), g.help(lang)) for g in vocabulary.goals]
    return [
        Choice(str(number), text(lang), _level_help(vocabulary, number, lang))
        for number, text in enumerate(MATURITY)
    ]


def _level_help(vocabulary: Vocabulary, number: int, lang: Lang) -> str:
    if number == 0:
        return NO_LEVEL(lang)
    word = "niveau" if lang == "fr" else "level"
    separator = " : " if lang == "fr" else ": "
    return f"{word} {number}{separator}{vocabulary.level(number).label(lang)}"


def parse_choice(reply: str, options: Sequence[Choice], many: bool) -> list[str] | None:
    """The values a reply picks (numbers, or ids/labels), or ``None`` if it is not valid."""
    parts = [part.strip() for part in reply.replace(";", ",").split(",")] if many else [reply]
    picked: list[str] = []
    for part in parts:
        if not part.strip():
            continue
        wanted = fold(part)
        index = int(wanted) if wanted.isdigit() else None
        zero_based = options[0].value == "0"
        match = None
        if index is not None:
            position = index if zero_based else index - 1
            if 0 <= position < len(options):
                match = options[position].value
        else:
            match = next(
                (o.value for o in options if wanted in (fold(o.value), fold(o.label))), None
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
    """Ask the questions ``partial`` is missing; re-ask after an invalid reply.

    ``show(title, choices, zero_based)`` displays a question; ``prompt(text)``
    reads a reply (``EOFError``/``KeyboardInterrupt`` propagate to the caller).
    """
    result = Partial(partial.actor, partial.maturity, list(partial.goals))
    for question in partial.missing():
        options = choices(vocabulary, question, lang)
        many = question == "goals"
        zero_based = question == "maturity"
        show(PROMPTS[question](lang), options, zero_based)
        first, last = (0, len(options) - 1) if zero_based else (1, len(options))
        while True:
            picked = parse_choice(prompt(PROMPTS["choice"](lang)), options, many)
            if picked is not None:
                break
            show(PROMPTS["invalid"](lang).format(expected=f"{first}-{last}"), [], zero_based)
        if question == "actor":
            result.actor = picked[0]
        elif question == "maturity":
            result.maturity = int(picked[0])
        else:
            result.goals = picked
    return result
