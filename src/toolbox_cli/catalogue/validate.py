"""Find, read and validate the cards; look a card up by id, title or prefix.

A catalogue is untrusted input: every problem becomes a ``CatalogueIssue``
(``file:line: field: what is expected``) and all of a catalogue's issues are
raised together in one ``CatalogueError``.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field  # CatalogueIssue has a field named 'field'
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from toolbox_cli.catalogue.index import NO_STAMP, Checked, digest, stamp
from toolbox_cli.catalogue.models import FAMILIES, LEVELS, SLUG_PATTERN, Card, CardEntry, Vocabulary
from toolbox_cli.catalogue.paths import (
    Where,
    card_files,
    data_dir,
    default_cards_dir,
    vocabulary_file,
    where_text,
)
from toolbox_cli.errors import ToolboxError
from toolbox_cli.files import reader as yamlfile
from toolbox_cli.i18n import Lang, issue_text, os_reason, t, tn
from toolbox_cli.safetext import path_text
from toolbox_cli.safetext import shown as yaml_shown
from toolbox_cli.text import CardNotFound


@dataclass(frozen=True)
class CatalogueIssue:
    """One problem in one file: where it is and what is expected."""

    file: str
    line: int | None
    field: str | None
    code: str
    values: dict[str, Any] = dataclass_field(default_factory=dict)

    def __post_init__(self) -> None:
        # Names and values come from files: printable, whatever bytes they hold.
        object.__setattr__(self, "file", path_text(self.file))
        shown = {k: path_text(v) if isinstance(v, str) else v for k, v in self.values.items()}
        object.__setattr__(self, "values", shown)

    @property
    def message(self) -> str:
        """What is wrong and what is expected, in English."""
        return self.text("en")

    def text(self, lang: Lang) -> str:
        return issue_text(lang, self.code, self.values)

    def line_text(self, lang: Lang) -> str:
        """``file:line: field: message``, the message in ``lang``."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return ": ".join(part for part in (where, self.field, self.text(lang)) if part)

    def __str__(self) -> str:
        return self.line_text("en")

    def as_dict(self, lang: Lang = "en") -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "code": self.code,
            "message": self.text(lang),
        }


__all__ = [
    "CardNotFound",
    "CatalogueError",
    "CatalogueIssue",
    "card_files",
    "data_dir",
    "default_cards_dir",
]


class CatalogueError(ToolboxError):
    """All the issues found in a catalogue: one of the tool's errors (exit 1), printed at
    the edge as a count, one line per issue, and where to fix them."""

    def __init__(
        self, issues: list[CatalogueIssue], valid: int = 0, where: Where | None = None
    ) -> None:
        super().__init__("catalogue_invalid", count=len(issues))
        self.args = ("\n".join(str(issue) for issue in issues),)
        self.issues = issues
        self.valid = valid  # how many card files were valid all the same
        self.where = where  # the catalogue's directories, once the command knows them

    def lines(self, lang: Lang) -> list[str]:
        if len(self.issues) == 1 and self.issues[0].code.startswith("dir_"):
            # Not a catalogue with errors to fix, but no catalogue: say so, and only that.
            return [self.issues[0].line_text(lang)]
        lines = [tn(lang, "catalogue_invalid", len(self.issues))]
        lines += [f"  {issue.line_text(lang)}" for issue in self.issues]
        if self.where is not None:
            lines.append(t(lang, "catalogue_hint", path=where_text(self.where)))
        return lines

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.issues)


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
    # ``list[Example]`` is an instance of ``type`` on Python 3.10 but not a class
    # issubclass accepts: only a plain class (no origin) is asked.
    if (
        get_origin(annotation) is None
        and isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
    ):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


_kind = yamlfile.kind_of  # what YAML made of a value, as a ``WORDS`` key


BOUNDS = {"levels": LEVELS, "families": FAMILIES}
# raised by the models, context included
CUSTOM = {
    "unknown_term",
    "not_unique",
    "blank",
    "multiline",
    "initiative_not_concerned",
    "placeholder",
}


def _problem(error: Any, model: type[BaseModel]) -> tuple[str, dict[str, Any]]:
    """The issue code and values for one Pydantic error: what is wrong, what is expected."""
    kind, value, loc = error["type"], error.get("input"), tuple(error["loc"])
    shown = yaml_shown(value)
    ctx = error.get("ctx") or {}
    if kind in CUSTOM:
        return kind, dict(ctx)
    if kind == "missing":
        return "missing", {}
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        return "unknown_field", {"allowed": ", ".join(parent.model_fields) if parent else "—"}
    if kind == "string_type":
        if isinstance(value, bool):
            return "expected_text_bool", {}
        if value is None or isinstance(value, (int, float, date, datetime)):
            return "expected_text_quote", {"kind": _kind(value)}
        return "expected_text", {"kind": _kind(value)}
    if kind in {"int_type", "int_parsing"}:
        return "expected_int", {"kind": _kind(value)}
    if kind in {"list_type", "tuple_type"}:
        return "expected_list", {"kind": _kind(value)}
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "expected_mapping", {"kind": _kind(value)}
    field_name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if kind in {"greater_than_equal", "less_than_equal"} and field_name in BOUNDS:
        scale = BOUNDS[field_name]
        return "out_of_bounds", {"low": scale[0], "high": scale[-1], "value": shown}
    if kind == "string_pattern_mismatch":
        return ("bad_link" if field_name == "link" else "bad_slug"), {"value": shown}
    if kind in {"too_short", "string_too_short"}:
        return "empty_value", {}
    if kind == "string_too_long":
        return "too_long", {"limit": ctx.get("max_length")}
    if kind == "literal_error":
        return "not_one_of", {"value": shown, "expected": ctx.get("expected", "")}
    return "invalid", {"detail": str(error["msg"]).removeprefix("Value error, ")}


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
        code, values = _problem(item, model)
        issues.append(CatalogueIssue(file, line, _dotted(loc) or None, code, values))
    return issues


# --- reading ----------------------------------------------------------------


def load_vocabulary(path: Path | None = None, raw: bytes | None = None) -> Vocabulary:
    """The vocabulary of ``path``, validated; from ``raw`` when given (the bytes of that
    file, read once: the index is keyed on the digest of the same bytes)."""
    path = path or vocabulary_file()
    try:
        data, node = yamlfile.read(path, within=path.parent, raw=raw)
    except yamlfile.YamlFileError as error:
        raise CatalogueError([_file_issue(path_text(path), error)]) from None
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as error:
        issues = validation_issues(error, path_text(path), node, Vocabulary)
        raise CatalogueError(_capped(issues)) from None


def read_card(path: Path, vocabulary: Vocabulary, raw: bytes | None = None) -> Card:
    """Read and validate one card file; every problem in it is in the ``CatalogueError``.
    ``raw``: the file's bytes, already read (by ``yamlfile.read_bytes``)."""
    name = path_text(path)
    try:
        data, node = yamlfile.read(path, within=path.parent, raw=raw)
    except yamlfile.YamlFileError as error:
        raise CatalogueError([_file_issue(name, error)]) from None
    issues: list[CatalogueIssue] = []
    card_id = data.get("id")
    if isinstance(card_id, str) and card_id != path.stem:
        issues.append(
            CatalogueIssue(
                name,
                yamlfile.line_of(node, ("id",)),
                "id",
                "id_mismatch",
                {"card_id": card_id, "name": path_text(path.name)},
            )
        )
    try:
        card = Card.model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as error:
        issues.extend(validation_issues(error, name, node, Card))
    if issues:
        raise CatalogueError(_capped(issues))
    return card


def _file_issue(file: str, error: yamlfile.YamlFileError) -> CatalogueIssue:
    return CatalogueIssue(file, error.line, error.field, error.code, error.values)


MAX_ISSUES_PER_FILE = 20  # then "and N more": a broken file must not flood the screen


def _capped(issues: list[CatalogueIssue]) -> list[CatalogueIssue]:
    if len(issues) <= MAX_ISSUES_PER_FILE:
        return issues
    more = len(issues) - MAX_ISSUES_PER_FILE
    last = CatalogueIssue(issues[0].file, None, None, "more_issues", {"count": more})
    return [*issues[:MAX_ISSUES_PER_FILE], last]


def check_cards_dir(cards_dir: Path) -> list[Path]:
    """The card files of ``cards_dir``, or a ``CatalogueError`` saying why there are none."""
    try:
        files = card_files(cards_dir)
    except FileNotFoundError:
        raise CatalogueError([CatalogueIssue(str(cards_dir), None, None, "dir_missing")]) from None
    except NotADirectoryError:
        raise CatalogueError([CatalogueIssue(str(cards_dir), None, None, "dir_not_dir")]) from None
    except OSError as error:
        raise CatalogueError(
            [CatalogueIssue(str(cards_dir), None, None, "dir_unreadable", os_reason(error))]
        ) from None
    if not files:
        raise CatalogueError([CatalogueIssue(str(cards_dir), None, None, "dir_empty")])
    return files


def duplicate_id_issues(files: list[Path]) -> list[CatalogueIssue]:
    first: dict[str, Path] = {}
    issues = []
    for path in files:
        stem = path.stem
        if stem in first:
            issues.append(
                CatalogueIssue(
                    str(path),
                    None,
                    "id",
                    "duplicate_id",
                    {"card_id": stem, "other": str(first[stem])},
                )
            )
        else:
            first[stem] = path
    return issues


def file_name_issues(files: list[Path]) -> list[CatalogueIssue]:
    return [
        CatalogueIssue(str(path), None, None, "bad_file_name")
        for path in files
        if not re.fullmatch(SLUG_PATTERN, path.stem)
    ]


def check_file(path: Path, vocabulary: Vocabulary) -> Checked:
    """Check one card file: its validated card as JSON, or its issues (file left out).

    The file is read once: the digest of its content and what validation gives come
    from the same bytes. Its stamp is kept only if the file did not change while it
    was read (else none: the next run compares its digest)."""

    def issue(code: str, values: dict[str, Any], line: int | None = None) -> dict[str, Any]:
        return {"line": line, "field": None, "code": code, "values": values}

    try:
        file_stamp = stamp(path)  # taken first: a file changed meanwhile is checked again later
    except OSError as error:  # gone or unreadable since the directory was listed
        return Checked(path.name, (-1, -1), None, [issue("cannot_read", os_reason(error))])
    try:
        raw = yamlfile.read_bytes(path, within=path.parent)
    except yamlfile.YamlFileError as error:
        refused = _file_issue(path_text(path), error)
        values = refused.values
        return Checked(path.name, file_stamp, None, [issue(refused.code, values, refused.line)])
    try:
        if stamp(path) != file_stamp:
            file_stamp = NO_STAMP
    except OSError:
        file_stamp = NO_STAMP
    content_digest = digest(raw)
    try:
        card = read_card(path, vocabulary, raw)
    except CatalogueError as error:
        issues = [
            {"line": i.line, "field": i.field, "code": i.code, "values": i.values}
            for i in error.issues
        ]
        return Checked(path.name, file_stamp, None, issues, None, content_digest)
    entry = card.model_dump(include=set(CardEntry.model_fields))
    card_json = card.model_dump_json().encode()
    return Checked(path.name, file_stamp, entry, [], card_json, content_digest)


PARALLEL_FROM = 400  # files to check before it pays to start worker processes
_worker_vocabulary: Vocabulary | None = None


def _start_worker(vocabulary: dict[str, Any]) -> None:
    global _worker_vocabulary
    # Ctrl-C reaches the whole process group: the parent alone handles it, and stops
    # the workers (no traceback from each, none left blocked).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_vocabulary = Vocabulary.model_validate(vocabulary)


def _check_chunk(paths: list[Path]) -> list[Checked]:
    assert _worker_vocabulary is not None
    return [check_file(path, _worker_vocabulary) for path in paths]


def check_files(paths: list[Path], vocabulary: Vocabulary) -> list[Checked]:
    """``check_file`` on each path, in order; on several cores when there are many."""
    return list(iter_checks(paths, vocabulary))


def iter_checks(paths: list[Path], vocabulary: Vocabulary) -> Iterator[Checked]:
    """``check_file`` on each path, in order, each result given as soon as it is known
    (the caller can store it and let it go: at 10,000 cards, holding every result at
    once was most of a first run's memory); on several cores when there are many."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        for path in paths:
            yield check_file(path, vocabulary)
        return
    from multiprocessing import Pool

    size = max(50, len(paths) // (workers * 8))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    pool = Pool(workers, initializer=_start_worker, initargs=(vocabulary.model_dump(),))
    try:
        for chunk in pool.imap(_check_chunk, chunks):
            yield from chunk
        pool.close()
    except BaseException:  # Ctrl-C above all (or a caller that stops): stop the workers
        pool.terminate()
        raise
    finally:
        pool.join()
