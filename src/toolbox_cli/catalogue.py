"""Find, read and validate the cards; look a card up by id, title or prefix.

A catalogue is untrusted input: every problem becomes a ``CatalogueIssue``
(``file:line: field: what is expected``) and all of a catalogue's issues are
raised together in one ``CatalogueError``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from . import yamlfile
from .models import SLUG_PATTERN, Card, CardEntry, Vocabulary, fold

CARD_SUFFIXES = (".yaml", ".yml")
CARDS_DIR_ENV = "TOOLBOX_CARDS_DIR"


@dataclass(frozen=True)
class CatalogueIssue:
    """One problem in one file: where it is and what is expected."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


class CatalogueError(Exception):
    """All the issues found in a catalogue."""

    def __init__(self, issues: list[CatalogueIssue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues


@dataclass(frozen=True)
class Catalogue:
    """The vocabulary and the cards, entries sorted by id; full cards on demand."""

    vocabulary: Vocabulary
    entries: tuple[CardEntry, ...]
    load_card: Callable[[str], Card] = field(repr=False, compare=False)

    def card(self, card_id: str) -> Card:
        return self.load_card(card_id)

    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]


def in_memory(vocabulary: Vocabulary, cards: Iterable[Card]) -> Catalogue:
    """A catalogue of already-validated cards (tests, other programs)."""
    by_id = {card.id: card for card in cards}
    entries = tuple(by_id[card_id].entry() for card_id in sorted(by_id))
    return Catalogue(vocabulary, entries, by_id.__getitem__)


# --- where the data is ------------------------------------------------------


def data_dir() -> Path:
    """The shipped data: inside the installed package, or the repository's ``data/``."""
    packaged = Path(str(resources.files("toolbox_cli"))) / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def default_cards_dir(environ: Mapping[str, str] = os.environ) -> Path:
    override = environ.get(CARDS_DIR_ENV)
    return Path(override) if override else data_dir() / "cards"


# --- turning validation errors into issues ---------------------------------


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _find_model(info.annotation) if info is not None else None
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (date, datetime)):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _message(error: Any, model: type[BaseModel]) -> str:
    kind, value, loc = error["type"], error.get("input"), tuple(error["loc"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = ", ".join(parent.model_fields) if parent else ""
        return f"unknown field; expected one of: {allowed}" if allowed else "unknown field"
    if kind == "string_type":
        hint = ""
        if isinstance(value, bool):
            hint = ' (YAML reads no/yes/on/off/true/false as true/false): quote it, e.g. "no"'
        elif value is None or isinstance(value, (int, float, date, datetime)):
            hint = ": quote it"
        return f"expected text, got {_kind(value)}{hint}"
    if kind in {"int_type", "int_parsing"}:
        return f"expected a whole number, got {_kind(value)}"
    if kind in {"list_type", "tuple_type"}:
        return f"expected a list, got {_kind(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping (field: value), got {_kind(value)}"
    if kind in {"greater_than_equal", "less_than_equal"}:
        ctx = error.get("ctx", {})
        field_name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        bounds = {"levels": "1 to 5", "families": "1 to 4", "maturity": "0 to 5"}
        expected = bounds.get(field_name, "within bounds")
        return f"must be {expected}, got {value!r}" if ctx is not None else str(error["msg"])
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "link":
            return f"expected an http:// or https:// link, got {value!r}"
        return f"expected a lowercase slug (letters, digits, single hyphens), got {value!r}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"got {value!r}; {error['msg'].lower()}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _dotted(loc: Iterable[int | str]) -> str:
    return ".".join(str(part) for part in loc)


def validation_issues(
    error: ValidationError, file: str, node: Any, model: type[BaseModel]
) -> list[CatalogueIssue]:
    """One issue per validation error, each on the line of the offending value."""
    issues = []
    for item in error.errors():
        loc = tuple(item["loc"])
        line = yamlfile.line_of(node, loc) if node is not None else None
        issues.append(CatalogueIssue(file, line, _dotted(loc) or None, _message(item, model)))
    return issues


# --- reading ----------------------------------------------------------------


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    path = path or data_dir() / "vocabulary.yaml"
    try:
        data, node = yamlfile.read(path)
    except yamlfile.YamlFileError as error:
        raise CatalogueError([CatalogueIssue(str(path), error.line, None, error.message)]) from None
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as error:
        raise CatalogueError(validation_issues(error, str(path), node, Vocabulary)) from None


def card_files(cards_dir: Path) -> list[Path]:
    """The card files of ``cards_dir``, sorted; hidden files and sub-folders are ignored."""
    return sorted(
        entry
        for entry in cards_dir.iterdir()
        if entry.suffix in CARD_SUFFIXES and not entry.name.startswith(".") and entry.is_file()
    )


def read_card(path: Path, vocabulary: Vocabulary) -> Card:
    """Read and validate one card file; every problem in it is in the ``CatalogueError``."""
    name = str(path)
    try:
        data, node = yamlfile.read(path)
    except yamlfile.YamlFileError as error:
        raise CatalogueError([CatalogueIssue(name, error.line, None, error.message)]) from None
    issues: list[CatalogueIssue] = []
    card_id = data.get("id")
    if isinstance(card_id, str) and card_id != path.stem:
        issues.append(
            CatalogueIssue(
                name,
                yamlfile.line_of(node, ("id",)),
                "id",
                f"id {card_id!r} differs from the file name {path.name!r}: they must match",
            )
        )
    try:
        card = Card.model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as error:
        issues.extend(validation_issues(error, name, node, Card))
    if issues:
        raise CatalogueError(issues)
    return card


def check_cards_dir(cards_dir: Path) -> list[Path]:
    """The card files of ``cards_dir``, or a ``CatalogueError`` saying why there are none."""
    if not cards_dir.exists():
        raise CatalogueError([CatalogueIssue(str(cards_dir), None, None, "no such directory")])
    if not cards_dir.is_dir():
        raise CatalogueError([CatalogueIssue(str(cards_dir), None, None, "not a directory")])
    try:
        files = card_files(cards_dir)
    except OSError as error:
        raise CatalogueError(
            [CatalogueIssue(str(cards_dir), None, None, f"cannot list: {error.strerror}")]
        ) from None
    if not files:
        raise CatalogueError(
            [CatalogueIssue(str(cards_dir), None, None, "no card files (*.yaml) found")]
        )
    return files


def duplicate_id_issues(files: list[Path]) -> list[CatalogueIssue]:
    first: dict[str, Path] = {}
    issues = []
    for path in files:
        if path.stem in first:
            issues.append(
                CatalogueIssue(
                    str(path), None, "id", f"duplicate id {path.stem!r}: also in {first[path.stem]}"
                )
            )
        else:
            first[path.stem] = path
    return issues


def file_name_issues(files: list[Path]) -> list[CatalogueIssue]:
    return [
        CatalogueIssue(
            str(path),
            None,
            None,
            "the file name must be the card id: a lowercase slug such as 'these-cifre.yaml'",
        )
        for path in files
        if not re.fullmatch(SLUG_PATTERN, path.stem)
    ]


def load_cards(cards_dir: Path, vocabulary: Vocabulary) -> list[Card]:
    """Every card of ``cards_dir``, or a ``CatalogueError`` with every issue found."""
    files = check_cards_dir(cards_dir)
    issues = file_name_issues(files) + duplicate_id_issues(files)
    cards = []
    for path in files:
        try:
            cards.append(read_card(path, vocabulary))
        except CatalogueError as error:
            issues.extend(error.issues)
    if issues:
        raise CatalogueError(issues)
    return cards


def load_catalogue(cards_dir: Path | None = None) -> Catalogue:
    """The shipped vocabulary with the cards of ``cards_dir`` (default: the shipped cards)."""
    vocabulary = load_vocabulary()
    return in_memory(vocabulary, load_cards(cards_dir or default_cards_dir(), vocabulary))


# --- filtering and looking a card up ---------------------------------------


@dataclass(frozen=True)
class CardFilter:
    """Keep a card when, for each non-empty criterion, it has one of the values asked."""

    families: list[int]
    levels: list[int]
    actors: list[str]
    goals: list[str]


def filter_entries(entries: Iterable[CardEntry], wanted: CardFilter) -> list[CardEntry]:
    def keeps(have: list[int] | list[str], asked: list[int] | list[str]) -> bool:
        return not asked or any(value in have for value in asked)

    return [
        entry
        for entry in entries
        if keeps(entry.families, wanted.families)
        and keeps(entry.levels, wanted.levels)
        and keeps(entry.actors, wanted.actors)
        and keeps(entry.goals, wanted.goals)
    ]


# --- looking a card up -------------------------------------------------------


class CardNotFound(LookupError):
    def __init__(self, name: str, suggestions: list[str], ambiguous: bool) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions
        self.ambiguous = ambiguous


def resolve(catalogue: Catalogue, name: str) -> str:
    """The id of the card ``name`` designates: an id, a title (fr or en) or a unique prefix."""
    wanted = fold(name)
    if not wanted:
        raise CardNotFound(name, [], ambiguous=False)
    by_key: dict[str, str] = {}
    for entry in catalogue.entries:
        for key in (entry.id, entry.title.fr, entry.title.en):
            by_key.setdefault(fold(key), entry.id)
    if wanted in by_key:
        return by_key[wanted]
    prefixed = sorted({card_id for key, card_id in by_key.items() if key.startswith(wanted)})
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise CardNotFound(name, prefixed, ambiguous=True)
    close = difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(by_key[key] for key in close))
    if not suggestions:
        suggestions = sorted({card_id for key, card_id in by_key.items() if wanted in key})[:5]
    raise CardNotFound(name, suggestions, ambiguous=False)
