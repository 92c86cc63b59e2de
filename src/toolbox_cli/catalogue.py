"""Find, read and validate the cards; look a card up by id, title or prefix.

A catalogue is untrusted input: every problem becomes a ``CatalogueIssue``
(``file:line: field: what is expected``) and all of a catalogue's issues are
raised together in one ``CatalogueError``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import cache, yamlfile
from .cache import Checked, stamp
from .lookup import CardNotFound, resolve_name
from .models import SLUG_PATTERN, Card, CardEntry, Vocabulary
from .paths import card_files, data_dir, default_cards_dir, vocabulary_file


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


__all__ = [
    "CardNotFound",
    "Catalogue",
    "CatalogueError",
    "CatalogueIssue",
    "card_files",
    "data_dir",
    "default_cards_dir",
    "resolve",
]


class CatalogueError(Exception):
    """All the issues found in a catalogue."""

    def __init__(self, issues: list[CatalogueIssue], valid: int = 0) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues
        self.valid = valid  # how many card files were valid all the same


@dataclass(frozen=True)
class Catalogue:
    """The vocabulary and the cards, entries sorted by id; full cards on demand."""

    vocabulary: Vocabulary
    entries: tuple[CardEntry, ...]
    load_card: Callable[[str], Card] = field(repr=False, compare=False)
    checked: tuple[str, ...] = ()  # the files read afresh (not from the cache) to build it

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
    if kind in {"too_short", "string_too_short"}:
        return "must not be empty"
    if kind == "string_too_long":
        return f"too long: at most {error.get('ctx', {}).get('max_length')} characters"
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
    path = path or vocabulary_file()
    try:
        data, node = yamlfile.read(path)
    except yamlfile.YamlFileError as error:
        raise CatalogueError([CatalogueIssue(str(path), error.line, None, error.message)]) from None
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as error:
        raise CatalogueError(validation_issues(error, str(path), node, Vocabulary)) from None


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


def check_file(path: Path, vocabulary: Vocabulary) -> Checked:
    """Check one card file: its validated card as JSON, or its issues (file left out)."""
    file_stamp = stamp(path)  # taken first: a file changed meanwhile is checked again later
    try:
        card = read_card(path, vocabulary)
    except CatalogueError as error:
        issues = [{k: v for k, v in i.as_dict().items() if k != "file"} for i in error.issues]
        return Checked(path.name, file_stamp, None, issues)
    entry = card.model_dump(include=set(CardEntry.model_fields))
    return Checked(path.name, file_stamp, entry, [], card.model_dump_json().encode())


PARALLEL_FROM = 400  # files to check before it pays to start worker processes
_worker_vocabulary: Vocabulary | None = None


def _start_worker(vocabulary: dict[str, Any]) -> None:
    global _worker_vocabulary
    _worker_vocabulary = Vocabulary.model_validate(vocabulary)


def _check_chunk(paths: list[Path]) -> list[Checked]:
    assert _worker_vocabulary is not None
    return [check_file(path, _worker_vocabulary) for path in paths]


def check_files(paths: list[Path], vocabulary: Vocabulary) -> list[Checked]:
    """``check_file`` on each path, in order; on several cores when there are many."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [check_file(path, vocabulary) for path in paths]
    from concurrent.futures import ProcessPoolExecutor

    size = max(50, len(paths) // (workers * 8))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(vocabulary.model_dump(),)
    ) as pool:
        return [checked for chunk in pool.map(_check_chunk, chunks) for checked in chunk]


_ENTRIES = TypeAdapter(list[CardEntry])


def load_cards(cards_dir: Path, vocabulary: Vocabulary | None = None) -> list[Card]:
    """Every card of ``cards_dir``, read afresh, or a ``CatalogueError`` with every issue."""
    catalogue = load_catalogue(cards_dir, vocabulary=vocabulary, use_cache=False)
    return [catalogue.card(card_id) for card_id in catalogue.ids()]


def load_catalogue(
    cards_dir: Path | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    use_cache: bool | None = None,
) -> Catalogue:
    """The shipped vocabulary with the cards of ``cards_dir`` (default: the shipped cards).

    Raises ``CatalogueError`` with every issue of the catalogue. Files whose size and
    mtime are those the cache recorded are not read again (see ``cache``).
    """
    cards_dir = cards_dir or default_cards_dir()
    vocabulary_path = vocabulary_file()
    files = check_cards_dir(cards_dir)
    # A vocabulary given by the caller is not the shipped file: its stamp can't key a cache.
    use_cache = vocabulary is None and (cache.enabled() if use_cache is None else use_cache)
    vocabulary = vocabulary or load_vocabulary(vocabulary_path)
    vocabulary_stamp = stamp(vocabulary_path)
    previous = cache.read(cards_dir, vocabulary_stamp) if use_cache else None
    known = previous.files if previous is not None else {}
    results: dict[str, Checked] = {}
    todo: list[Path] = []
    for path in files:
        cached = known.get(path.name)
        try:
            fresh = cached is not None and cached.stamp == stamp(path)
        except OSError:
            fresh = False
        if cached is not None and fresh:
            results[path.name] = cached
        else:
            todo.append(path)
    for checked in check_files(todo, vocabulary):
        results[checked.name] = checked
    ordered = [results[path.name] for path in files]
    if use_cache and (todo or set(known) != set(results)):
        extra = {"sources": {s.id: s.title.model_dump() for s in vocabulary.sources}}
        cache.write(cards_dir, vocabulary_stamp, ordered, previous, extra)

    issues = file_name_issues(files) + duplicate_id_issues(files)
    for checked in ordered:
        issues += [CatalogueIssue(str(cards_dir / checked.name), **i) for i in checked.issues]
    if issues:
        raise CatalogueError(issues, valid=sum(1 for c in ordered if c.entry is not None))
    context = {"vocabulary": vocabulary}
    try:  # validated again: what the cache holds is never taken on trust
        entries = _ENTRIES.validate_python([checked.entry for checked in ordered], context=context)
    except ValidationError:
        if not use_cache:
            raise
        return load_catalogue(cards_dir, use_cache=False)
    by_id = {entry.id: checked for entry, checked in zip(entries, ordered, strict=True)}

    def load_card(card_id: str) -> Card:
        checked = by_id[card_id]
        data = previous.card_bytes(checked) if previous is not None else checked.card
        if data is not None:
            try:
                return Card.model_validate_json(data, context=context)
            except ValidationError:
                pass
        return read_card(cards_dir / checked.name, vocabulary)

    ordered_entries = tuple(sorted(entries, key=lambda entry: entry.id))
    return Catalogue(vocabulary, ordered_entries, load_card, tuple(p.name for p in todo))


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


def resolve(catalogue: Catalogue, name: str) -> str:
    """The id of the card ``name`` designates: an id, a title (fr or en) or a unique prefix."""
    return resolve_name(
        ((entry.id, entry.title.fr, entry.title.en) for entry in catalogue.entries), name
    )
