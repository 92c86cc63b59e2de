"""The JSON that scripts read: plain dicts in one language, written without Rich."""

from __future__ import annotations

import json
import sys
from typing import Any

from .models import Card, CardEntry, Lang, Text, Vocabulary


def _text(value: Text | None, lang: Lang) -> str | None:
    return value(lang) if value is not None else None


def entry_dict(entry: CardEntry, lang: Lang) -> dict[str, Any]:
    """``{id, title, families, levels, actors, goals}``: a line of ``toolbox list --json``."""
    return {
        "id": entry.id,
        "title": entry.title(lang),
        "families": entry.families,
        "levels": entry.levels,
        "actors": entry.actors,
        "goals": entry.goals,
    }


def card_dict(card: Card, vocabulary: Vocabulary, lang: Lang) -> dict[str, Any]:
    """The whole card, its texts in ``lang``: ``toolbox show --json``."""
    return {
        **entry_dict(card, lang),
        "summary": card.summary(lang),
        "objective": card.objective(lang),
        "interests": {
            "territory": card.interests.territory(lang),
            "research": card.interests.research(lang),
        },
        "process": [step(lang) for step in card.process],
        "examples": [
            {
                "kind": example.kind,
                "name": example.name(lang),
                "description": _text(example.description, lang),
                "link": example.link,
                "reference": _text(example.reference, lang),
                "source": example.source,
                "source_title": vocabulary.source(example.source).title(lang),
            }
            for example in card.examples
        ],
        "source": {
            "document": card.source.document,
            "title": vocabulary.source(card.source.document).title(lang),
            "section": card.source.section(lang),
        },
        "lang": lang,
    }


def levels_dict(vocabulary: Vocabulary, lang: Lang) -> dict[str, Any]:
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


def write_json(value: Any) -> None:
    """Write ``value`` to stdout as indented UTF-8 JSON, the same on a terminal and in a pipe."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
