"""The JSON that scripts read: plain data in one language, written without Rich.

Each output has a typed shape (its JSON Schema is ``toolbox schema show`` / ``list`` /
``levels`` / ``validate`` / ``search``). The functions work on plain dicts (a card's
``model_dump()`` or its cached JSON), so the cached fast path and the normal path print
the same bytes. No Pydantic at run time here, except in ``schema``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from toolbox_cli.catalogue.index import HIGHLIGHT
from toolbox_cli.i18n import TextLang as Lang
from toolbox_cli.i18n.typography import typeset
from toolbox_cli.safetext import json_safe, printable

if TYPE_CHECKING:  # the shapes are for the type checker and `schema`, not for a run
    from toolbox_cli.catalogue.index import Hit
    from toolbox_cli.catalogue.models import Card, CardEntry, Vocabulary
    from toolbox_cli.catalogue.validate import CatalogueIssue
    from toolbox_cli.render.contracts import (
        CardJson,
        EntryJson,
        ExampleJson,
        LevelsJson,
        SearchJson,
        ValidateJson,
    )

Texts = Mapping[str, str]


def _text(value: Texts | None, lang: Lang) -> str | None:
    return value[lang] if value is not None else None


def entry_view(data: Mapping[str, Any], lang: Lang) -> EntryJson:
    """``{id, title, families, levels, actors, concerns, goals}``: a line of ``list --json``."""
    return {
        "id": data["id"],
        "title": data["title"][lang],
        "families": data["families"],
        "levels": data["levels"],
        "actors": data["actors"],
        "concerns": data["concerns"],
        "goals": data["goals"],
    }


def _example(
    example: Mapping[str, Any], source_titles: Mapping[str, Texts], lang: Lang
) -> ExampleJson:
    out: ExampleJson = {
        "kind": example["kind"],
        "name": example["name"][lang],
        "description": _text(example.get("description"), lang),
        "link": example.get("link"),
        "reference": _text(example.get("reference"), lang),
        "source": example["source"],
        "source_title": source_titles[example["source"]][lang],
    }
    if example.get("catalogue"):  # the catalogue it comes from, in a layered catalogue only
        out["catalogue"] = example["catalogue"]
    return out


def card_view(data: Mapping[str, Any], source_titles: Mapping[str, Texts], lang: Lang) -> CardJson:
    """The whole card, its texts in ``lang``: ``toolbox show --json``."""
    return {
        **entry_view(data, lang),
        "summary": data["summary"][lang],
        "objective": data["objective"][lang],
        "interests": {
            "territory": data["interests"]["territory"][lang],
            "research": data["interests"]["research"][lang],
        },
        "process": [step[lang] for step in data["process"]],
        "level_notes": {
            level: note[lang] for level, note in sorted((data.get("level_notes") or {}).items())
        },
        "examples": [_example(example, source_titles, lang) for example in data["examples"]],
        "source": {
            "document": data["source"]["document"],
            "title": source_titles[data["source"]["document"]][lang],
            "section": data["source"]["section"][lang],
        },
        "lang": lang,
    }


def source_titles(vocabulary: Vocabulary) -> dict[str, dict[str, str]]:
    """The titles of the documents cards cite, by source id (what ``card_view`` needs)."""
    return {source.id: source.title.model_dump() for source in vocabulary.sources}


def entry_dict(entry: CardEntry, lang: Lang) -> EntryJson:
    return entry_view(entry.model_dump(), lang)


def card_dict(card: Card, vocabulary: Vocabulary, lang: Lang) -> CardJson:
    return card_view(card.model_dump(), source_titles(vocabulary), lang)


def levels_dict(vocabulary: Vocabulary, lang: Lang) -> LevelsJson:
    """The scale and its rules: ``toolbox levels --json``."""
    return {
        "levels": [
            {"id": level.id, "label": level.label(lang), "description": level.description(lang)}
            for level in vocabulary.levels
        ],
        "rules": [
            {
                "id": rule.id,
                "level": rule.level,
                "requires": [rule.requires],
                "text": rule.text(lang),
            }
            for rule in vocabulary.rules
        ],
        "lang": lang,
    }


def validate_dict(count: int, issues: Sequence[CatalogueIssue], lang: Lang) -> ValidateJson:
    """``toolbox validate --json``: whether the cards are valid, how many are, and every error."""
    return {
        "valid": not issues,
        "cards": count,
        "errors": [
            {
                "file": issue.file,
                "line": issue.line,
                "field": issue.field,
                "code": issue.code,
                "message": issue.text(lang),
            }
            for issue in issues
        ],
    }


SEARCH_SCHEMA_VERSION: Literal[1] = 1


def search_dict(
    query: str, hits: Sequence[Hit], entries: Mapping[str, CardEntry], lang: Lang
) -> SearchJson:
    """``toolbox search --json``: the matching cards, best first, each with a snippet
    (``**`` around the words that matched)."""
    start, end = HIGHLIGHT
    return {
        "schema_version": SEARCH_SCHEMA_VERSION,
        "query": query,
        "lang": lang,
        "results": [
            {
                **entry_dict(entries[hit.id], lang),
                "score": round(-hit.rank, 4),
                "snippet": hit.snippet.replace(start, "**").replace(end, "**"),
                "snippet_lang": hit.snippet_lang,
            }
            for hit in hits
        ],
    }


ExportKind = Literal["show", "list", "levels", "validate", "search"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("show", "list", "levels", "validate", "search")


def schema(kind: ExportKind) -> dict[str, Any]:
    """The JSON Schema of ``toolbox KIND --json`` (``list``: an array of cards in short)."""
    from pydantic import TypeAdapter  # only here: the --json paths load no Pydantic

    from toolbox_cli.render import contracts as shapes

    of_kind: dict[ExportKind, Any] = {
        "show": shapes.CardJson,
        "list": list[shapes.ListItemJson],
        "levels": shapes.LevelsJson,
        "validate": shapes.ValidateJson,
        "search": shapes.SearchJson,
    }
    return TypeAdapter(of_kind[kind]).json_schema()


def dumps(value: Any) -> str:
    """Indented UTF-8 JSON, the same on a terminal and in a pipe."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def write_text(text: str) -> None:
    """Write ``text`` to stdout as UTF-8, whatever the locale's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def write_markdown(text: str) -> None:
    """Write a Markdown document: no control character from the data reaches a
    terminal or a renderer (escape sequences, bidirectional overrides); French
    typography's no-break spaces (``typography``)."""
    write_text(typeset(printable(text)))


def write_json(value: Any) -> None:
    """Write ``value`` to stdout as UTF-8 JSON."""
    write_text(dumps(value))


def dumps_rows(rows: list[Any]) -> str:
    """A JSON array with one element per line, each written compactly: what a listing
    of thousands of cards is read as (``| grep``, ``| head``), and encoded by json's C
    encoder (an indented dump goes through its pure-Python one, 5 times slower)."""
    if not rows:
        return "[]\n"
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    return json_safe("[\n" + ",\n".join(f"  {encode(row)}" for row in rows) + "\n]") + "\n"


def write_json_rows(rows: list[Any]) -> None:
    """Write ``rows`` to stdout as a UTF-8 JSON array, one element per line."""
    write_text(dumps_rows(rows))
