"""Writing a new card, or an extension file, that validates: ``toolbox new``.

The questions are data (``CARD_QUESTIONS``, ``EXAMPLE_QUESTIONS``): each has a
flag, a prompt and a parser that turns an answer into a value or says, in both
languages, what is expected. ``card_text`` and ``extension_text`` build the YAML,
check it with the models, and ``write_new`` writes it with the safe writer, never
over an existing file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from toolbox_cli.catalogue.models import EXAMPLE_KINDS, SLUG_PATTERN, Card, Extension, Vocabulary
from toolbox_cli.catalogue.paths import EXTENSIONS_DIR
from toolbox_cli.files.writer import UnsafeWrite, plan, write
from toolbox_cli.i18n import ISSUES, Lang, issue_text, t
from toolbox_cli.safetext import path_text
from toolbox_cli.scales import FAMILIES, LEVELS
from toolbox_cli.text import fold, match_term


class AnswerError(ValueError):
    """An answer that is not what a question expects; ``text(lang)`` says what is."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def text(self, lang: Lang) -> str:
        values = dict(self.values)
        issue: Any = values.pop("issue", None)
        if issue is not None:  # a CatalogueIssue: its message in ``lang``
            values["reason"] = issue.text(lang)
        if self.key in ISSUES:  # said as the reader says it of a card file
            return issue_text(lang, self.key, values)
        return t(lang, self.key, **values)


Parse = Callable[[str, Vocabulary], Any]


def _safe(value: str) -> str:
    """``value``, unless it holds a character a card may not (the reader refuses it):
    said as the reader says it, for the flag or the question that gave it."""
    from toolbox_cli.safetext import invisible, unsafe

    found = unsafe().search(value)
    if found is not None:
        key = "invisible_character" if invisible(found.group()) else "control_character"
        raise AnswerError(key, char=f"U+{ord(found.group()):04X}")
    return value


def _text(value: str, vocabulary: Vocabulary) -> str:
    value = _safe(" ".join(value.split()))
    if not value:
        raise AnswerError("new_expected_text")
    return value


def _optional_text(value: str, vocabulary: Vocabulary) -> str | None:
    return _safe(" ".join(value.split())) or None


def _slug(value: str, vocabulary: Vocabulary) -> str:
    value = value.strip()
    if not re.fullmatch(SLUG_PATTERN, value) or len(value) > 80:
        raise AnswerError("new_expected_slug", value=value)
    return value


def _items(value: str) -> list[str]:
    return [item for item in re.split(r"[\s,;]+", value.strip()) if item]


def _numbers(scale: range) -> Parse:
    def parse(value: str, vocabulary: Vocabulary) -> list[int]:
        found = []
        for item in _items(value):
            if not item.isdigit() or int(item) not in scale:
                expected = f"{scale[0]}-{scale[-1]}"
                raise AnswerError("new_expected_numbers", value=item, expected=expected)
            found.append(int(item))
        if not found:
            raise AnswerError("new_expected_numbers", value="", expected=f"{scale[0]}-{scale[-1]}")
        return sorted(set(found))

    return parse


def _names(value: str, terms: Any) -> list[str]:
    """The names in ``value``: apart by commas or semicolons, and a part that names no
    term as a whole split at its spaces ("structure relais" is one name, "research
    company" two)."""
    names: list[str] = []
    for part in re.split(r"[,;]+", value):
        part = part.strip()
        if part:
            names += [part] if match_term(terms, part) is not None else _items(part)
    return names


def _terms(kind: str) -> Parse:
    def parse(value: str, vocabulary: Vocabulary) -> list[str]:
        terms = getattr(vocabulary, kind)
        found: list[str] = []
        for item in _names(value, terms):
            term = match_term(terms, item)
            if term is None:
                known = ", ".join(term.id for term in terms)
                raise AnswerError("new_expected_term", value=item, expected=known)
            if term not in found:
                found.append(term)
        if not found:
            raise AnswerError(
                "new_expected_term", value="", expected=", ".join(t.id for t in terms)
            )
        return found

    return parse


def _source(value: str, vocabulary: Vocabulary) -> str:
    value = value.strip()
    if value not in vocabulary.ids["sources"]:
        known = ", ".join(source.id for source in vocabulary.sources)
        raise AnswerError("new_unknown_source", value=value, expected=known)
    return value


def _kind(value: str, vocabulary: Vocabulary) -> str:
    """A kind of example, by its id or its name in either language (``vidéo``)."""
    wanted = fold(value) or "example"
    for kind in EXAMPLE_KINDS:
        if wanted in {kind, *(fold(t(lang, f"kind_{kind}")) for lang in ("fr", "en"))}:
            return kind
    raise AnswerError("new_expected_one", value=value.strip(), expected=", ".join(EXAMPLE_KINDS))


def _link(value: str, vocabulary: Vocabulary) -> str | None:
    value = value.strip()
    if value and not re.fullmatch(r"https?://\S+", value):
        raise AnswerError("new_expected_link", value=value)
    return value or None


@dataclass(frozen=True)
class Question:
    """One thing to ask: its key, its flag, its prompt (a ``UI`` key) and its parser."""

    key: str
    flag: str
    prompt: str
    parse: Parse
    optional: bool = False

    def hint(self, vocabulary: Vocabulary, lang: Lang = "en") -> str:
        """The values it accepts, shown with the prompt (families by number and name)."""
        if self.parse is _source:
            return ", ".join(source.id for source in vocabulary.sources)
        if self.key in {"concerns", "actors"}:
            return ", ".join(term.id for term in vocabulary.actors)
        if self.key == "goals":
            return ", ".join(term.id for term in vocabulary.goals)
        if self.key == "families":
            return ", ".join(f"{f.id} {f.label(lang)}" for f in vocabulary.families)
        if self.key == "levels":
            return f"{LEVELS[0]}-{LEVELS[-1]}"
        if self.key == "kind":
            return ", ".join(EXAMPLE_KINDS)
        return ""


CARD_QUESTIONS = (
    Question("id", "--id", "new_q_id", _slug),
    Question("title_fr", "--title-fr", "new_q_title_fr", _text),
    Question("title_en", "--title-en", "new_q_title_en", _text),
    Question("summary_fr", "--summary-fr", "new_q_summary_fr", _text),
    Question("summary_en", "--summary-en", "new_q_summary_en", _text),
    Question("families", "--family", "new_q_families", _numbers(FAMILIES)),
    Question("levels", "--level", "new_q_levels", _numbers(LEVELS)),
    Question("concerns", "--concerns", "new_q_concerns", _terms("actors")),
    Question("actors", "--initiative", "new_q_actors", _terms("actors")),
    Question("goals", "--goal", "new_q_goals", _terms("goals")),
    Question("source", "--source", "new_q_source", _source),
    Question("section_fr", "--section-fr", "new_q_section_fr", _text),
    Question("section_en", "--section-en", "new_q_section_en", _text),
)

EXAMPLE_QUESTIONS = (
    Question("kind", "--kind", "new_q_kind", _kind),
    Question("name_fr", "--name-fr", "new_q_name_fr", _text),
    Question("name_en", "--name-en", "new_q_name_en", _text),
    Question("description_fr", "--description-fr", "new_q_description_fr", _optional_text, True),
    Question("description_en", "--description-en", "new_q_description_en", _optional_text, True),
    Question("link", "--link", "new_q_link", _link, True),
    Question("source", "--source", "new_q_source", _source),
)

# Texts a new card needs that the questions leave to the author: marked, and valid.
TODO = {
    "fr": "À COMPLÉTER d'après la source.",
    "en": "TO BE COMPLETED from the source.",
}


def _both(answers: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {"fr": answers[f"{key}_fr"], "en": answers[f"{key}_en"]}


class _Dumper(yaml.SafeDumper):
    """Lists of ids and numbers on one line (``levels: [2, 3]``), as the cards write them;
    no anchors: the loader refuses them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(item, (int, str)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)


def _dump(data: Mapping[str, Any]) -> str:
    return yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=80)


def card_data(answers: Mapping[str, Any]) -> dict[str, Any]:
    def todo() -> dict[str, str]:
        return dict(TODO)

    return {
        "id": answers["id"],
        "title": _both(answers, "title"),
        "summary": _both(answers, "summary"),
        "objective": todo(),
        "families": answers["families"],
        "levels": answers["levels"],
        "concerns": answers["concerns"],
        "interests": {"territory": todo(), "research": todo()},
        "process": [todo()],
        "examples": [],
        "actors": answers["actors"],
        "goals": answers["goals"],
        "source": {"document": answers["source"], "section": _both(answers, "section")},
    }


CONCERNS_COMMENT = """\
# Read from the source, quoted verbatim (see CONTRIBUTING.md, "Whom a tool concerns"):
# concerns:
#   - « … »
# actors (who takes the initiative):
#   - « … »
# goals:
#   - « … »
"""


def card_text(answers: Mapping[str, Any], vocabulary: Vocabulary) -> str:
    """The YAML of a new card from ``answers`` (see ``CARD_QUESTIONS``); raises
    ``AnswerError`` when the card would not validate (initiative not concerned)."""
    text = _dump(card_data(answers))
    header = (
        "# A new card, written by `toolbox new`: replace each « À COMPLÉTER » /\n"
        "# 'TO BE COMPLETED' text from the source.\n"
    )
    text = header + text.replace("\nconcerns:", "\n" + CONCERNS_COMMENT + "concerns:", 1)
    _check(Card, _parsed(text), vocabulary)
    return text


def _parsed(text: str) -> Any:
    """``text`` read back as the loader reads a file: what is written is what validates."""
    from toolbox_cli.files.reader import YamlFileError, parse

    try:
        return parse(text)[0]
    except YamlFileError as error:  # pragma: no cover - the dumper writes plain YAML
        raise AnswerError("new_invalid", field=error.field or "", reason=error.code) from None


def example_data(answers: Mapping[str, Any]) -> dict[str, Any]:
    example: dict[str, Any] = {"kind": answers["kind"], "name": _both(answers, "name")}
    if answers.get("description_fr") and answers.get("description_en"):
        example["description"] = _both(answers, "description")
    if answers.get("link"):
        example["link"] = answers["link"]
    example["source"] = answers["source"]
    return example


def extension_text(card_id: str, answers: Mapping[str, Any], vocabulary: Vocabulary) -> str:
    """The YAML of an extension that adds one example (``EXAMPLE_QUESTIONS``) to a card."""
    data = {"extends": card_id, "examples": [example_data(answers)]}
    header = f"# Adds an example to the card {card_id}, written by `toolbox new --extends`.\n"
    text = header + _dump(data)
    _check(Extension, _parsed(text), vocabulary)
    return text


# The flag that gave each field of a new card or extension: a problem is said for it.
FIELD_FLAGS = {
    "id": "--id",
    "title.fr": "--title-fr",
    "title.en": "--title-en",
    "summary.fr": "--summary-fr",
    "summary.en": "--summary-en",
    "families": "--family",
    "levels": "--level",
    "concerns": "--concerns",
    "actors": "--initiative",
    "goals": "--goal",
    "source.document": "--source",
    "source.section.fr": "--section-fr",
    "source.section.en": "--section-en",
    "examples.0.kind": "--kind",
    "examples.0.name.fr": "--name-fr",
    "examples.0.name.en": "--name-en",
    "examples.0.description.fr": "--description-fr",
    "examples.0.description.en": "--description-en",
    "examples.0.link": "--link",
    "examples.0.source": "--source",
}


def _check(model: type[Card] | type[Extension], data: Any, vocabulary: Vocabulary) -> None:
    """``data`` validates, but for the placeholders ``new`` writes for the author."""
    try:
        model.model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as error:
        from toolbox_cli.catalogue.validate import validation_issues

        issues = [
            issue
            for issue in validation_issues(error, "", None, model)
            if issue.code != "placeholder"
        ]
        if not issues:
            return
        issue = issues[0]
        flag = FIELD_FLAGS.get(issue.field or "")
        if flag is not None:
            raise AnswerError("new_invalid_flag", issue=issue, flag=flag) from None
        raise AnswerError("new_invalid", field=issue.field or "", issue=issue) from None


def card_path(directory: Path, card_id: str) -> Path:
    return directory / f"{card_id}.yaml"


def extension_path(directory: Path, card_id: str) -> Path:
    """``extensions/<card>.yaml`` in ``directory``, or the first ``<card>-N.yaml`` free."""
    folder = directory / EXTENSIONS_DIR
    path = folder / f"{card_id}.yaml"
    number = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{card_id}-{number}.yaml"
        number += 1
    return path


def write_new(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, a file that must not exist yet (``UnsafeWrite`` if it
    does, or cannot be written). Creates the ``extensions`` folder of a layer if needed."""
    if path.exists() or path.is_symlink():
        raise UnsafeWrite("new_exists", path)
    if path.parent.name == EXTENSIONS_DIR and path.parent.parent.is_dir():
        write_folder(path.parent)
    target = plan(path)
    if target.info is not None:
        raise UnsafeWrite("new_exists", path)
    write(target, text)
    return path


def _path_max() -> int:
    """The longest path the system takes: ``PC_PATH_MAX`` where there is ``pathconf``,
    else Windows' ``MAX_PATH``."""
    import os

    try:
        return int(os.pathconf("/", "PC_PATH_MAX"))
    except (AttributeError, OSError, ValueError):
        return 260


def check_folder(directory: Path, extension: bool) -> None:
    """Every file-system step ``new`` will take in ``directory``, checked before any
    question is asked: an ``AnswerError`` for ``--dir`` saying what is wrong. A folder
    that does not exist yet is created in its parent, which must then be there."""
    import os

    from toolbox_cli.i18n import os_reason

    shown = path_text(directory)
    longest = len(os.fsencode(os.path.abspath(directory))) + len("/extensions/") + 90
    if longest >= _path_max():
        raise AnswerError("new_dir_too_long", path=shown, length=longest, most=_path_max())
    try:
        exists = directory.is_dir() or os.path.lexists(directory)
    except OSError as error:
        raise AnswerError("new_dir_os", path=shown, **os_reason(error)) from None
    folder = directory
    if not exists:
        folder = directory.absolute().parent
        if not folder.is_dir():
            raise AnswerError("new_dir_missing", path=shown)
    elif not directory.is_dir():
        raise AnswerError("new_dir_not_folder", path=shown)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise AnswerError("new_dir_not_writable", path=path_text(folder))
    if not (extension and exists):
        return
    extensions = directory / EXTENSIONS_DIR
    if os.path.lexists(extensions) and not extensions.is_dir():
        dangling = extensions.is_symlink() and not extensions.exists()
        key = "new_extensions_dangling" if dangling else "new_extensions_file"
        raise AnswerError(key, path=path_text(extensions))
    if extensions.is_dir() and not os.access(extensions, os.W_OK | os.X_OK):
        raise AnswerError("new_dir_not_writable", path=path_text(extensions))


def needs_manifest(directory: Path) -> bool:
    """Whether ``new`` starts a community catalogue in ``directory``: a folder with no
    manifest and no card yet (or none at all) gets one that extends the shipped cards,
    else its one card would be the whole catalogue. A folder of cards without a
    manifest is a catalogue of its own: it stays so."""
    import os

    from toolbox_cli.catalogue.paths import MANIFEST_NAME, card_names, shipped_cards_dir

    if not directory.is_dir():
        return True
    if os.path.lexists(directory / MANIFEST_NAME):
        return False
    if directory.resolve() == shipped_cards_dir().resolve():
        return False
    return not card_names(directory)


def manifest_text(directory: Path) -> str:
    """The manifest ``new`` writes in a new community catalogue: named after its folder,
    over the shipped cards."""
    name = Path(directory.absolute()).name or "community"
    header = (
        "# A community catalogue, started by `toolbox new`: the shipped cards, and the cards\n"
        '# of this folder (see README.md, "Community catalogues").\n'
    )
    return header + _dump({"name": name, "extends": "shipped"})


def write_folder(directory: Path) -> None:
    """Create ``directory`` (in a parent ``check_folder`` found) if it is not there yet."""
    try:
        directory.mkdir(exist_ok=True)
    except OSError as error:
        from toolbox_cli.i18n import os_reason

        raise UnsafeWrite("write_failed", directory, **os_reason(error)) from None


def title_taken(
    titles: Mapping[str, str],
) -> Callable[[str], AnswerError | None]:
    """What says, for a new card's title, which card has it already (French or English,
    case and accents aside: ``show TITLE`` could only pick one). ``titles``: folded
    title to card id, of the catalogue the card joins."""

    def taken(title: str) -> AnswerError | None:
        other = titles.get(fold(title))
        return None if other is None else AnswerError("new_title_taken", id=other, title=title)

    return taken


class MissingAnswers(Exception):
    """Answers no flag gave and no terminal can ask for: the flags to give."""

    def __init__(self, flags: list[str]) -> None:
        super().__init__(", ".join(flags))
        self.flags = flags


def id_taken(directory: Path, over_shipped: bool = False) -> Callable[[str], AnswerError | None]:
    """What says, for a new card's id, why ``directory`` cannot take it: its file is
    there already, or (in a layered catalogue) a card of a layer below has that id and
    the manifest does not replace it. Asked at the id's question, not after them all."""
    from toolbox_cli.catalogue.layers import LayerError, card_files, layers_of
    from toolbox_cli.catalogue.paths import is_layered

    below: set[str] | None = None

    def taken(card_id: str) -> AnswerError | None:
        nonlocal below
        path = card_path(directory, card_id)
        if path.exists() or path.is_symlink():
            return AnswerError("new_id_file", path=path_text(path))
        if below is None:  # the ids of the layers below: nothing needs to be valid for that
            below = set()
            if over_shipped:  # a new community catalogue: its manifest will extend them
                from toolbox_cli.catalogue.paths import card_names, shipped_cards_dir

                below.update(Path(name).stem for name in card_names(shipped_cards_dir()))
            elif is_layered(directory):
                try:
                    *lower, own = layers_of([directory])
                    for layer in lower:
                        below.update(card_files(layer))
                    below -= set(own.replaces)
                except (LayerError, OSError):  # a broken catalogue: validate says why
                    below = set()
        if card_id in below:
            return AnswerError("new_id_taken", id=card_id)
        return None

    return taken


def gather(
    questions: tuple[Question, ...],
    given: Mapping[str, str | None],
    vocabulary: Vocabulary,
    ask: Callable[[Question], str] | None,
    report: Callable[[AnswerError], None] | None = None,
    taken: Callable[[str], AnswerError | None] | None = None,
    title: Callable[[str], AnswerError | None] | None = None,
) -> dict[str, Any]:
    """The answers: from ``given`` (flag values; a wrong one raises ``AnswerError``
    with its ``flag``), else from ``ask`` (asked again until valid, each error passed
    to ``report``). Without ``ask``, a missing answer raises ``MissingAnswers``.
    ``taken`` says why an id cannot be used (``id_taken``), ``title`` why a title
    cannot (``title_taken``)."""
    answers: dict[str, Any] = {}
    missing = [
        question.flag
        for question in questions
        if given.get(question.key) is None and not question.optional
    ]
    if ask is None and missing:
        raise MissingAnswers(missing)
    for question in questions:
        raw = given.get(question.key)
        if raw is not None:
            try:
                answers[question.key] = _answer(question, raw, vocabulary, answers, taken, title)
            except AnswerError as error:
                error.values["flag"] = question.flag
                raise
            continue
        if ask is None:  # an optional question, not given
            answers[question.key] = None
            try:
                _check_pair(question, None, answers)
            except AnswerError as error:
                error.values["flag"] = question.flag
                raise
            continue
        while True:
            try:
                reply = ask(question)
                answers[question.key] = _answer(question, reply, vocabulary, answers, taken, title)
                break
            except AnswerError as error:
                if report is not None:
                    report(error)
    return answers


def _answer(
    question: Question,
    raw: str,
    vocabulary: Vocabulary,
    answers: Mapping[str, Any],
    taken: Callable[[str], AnswerError | None] | None = None,
    title: Callable[[str], AnswerError | None] | None = None,
) -> Any:
    value = question.parse(raw, vocabulary)
    check = taken if question.key == "id" else title if question.key.startswith("title") else None
    if check is not None:
        refused = check(value)
        if refused is not None:
            raise refused
    if question.key == "actors" and answers.get("concerns") is not None:
        outside = [actor for actor in value if actor not in answers["concerns"]]
        if outside:
            raise AnswerError("new_initiative_not_concerned", actors=", ".join(outside))
    _check_pair(question, value, answers)
    return value


def _check_pair(question: Question, value: Any, answers: Mapping[str, Any]) -> None:
    """A description is in both languages or in neither: never one copied into the
    other (``value``, the English one, given or not, beside the French one)."""
    if question.key == "description_en" and (value is None) != (not answers.get("description_fr")):
        raise AnswerError("new_description_both")
