"""Finding a card by id, title or prefix. No Pydantic here: the fast path uses it too."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Protocol


def fold(text: str) -> str:
    """Case- and accent-insensitive form, with spaces, '-', '_' and apostrophes made equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for separator in "-_'\u2019":
        bare = bare.replace(separator, " ")
    return " ".join(bare.split())


class CardNotFound(LookupError):
    """No card, or several, answer to ``name``; ``suggestions`` are ids to offer instead."""

    def __init__(self, name: str, suggestions: list[str], ambiguous: bool) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions
        self.ambiguous = ambiguous


def resolve_name(names: Iterable[tuple[str, str, str]], name: str) -> str:
    """The id that ``name`` designates among ``(id, title_fr, title_en)``: an id, a title
    (either language, case- and accent-insensitive) or a unique prefix of either."""
    candidates = list(names)
    if any(card_id == name for card_id, _, _ in candidates):
        return name  # the common case, without folding every title
    wanted = fold(name)
    if not wanted:
        raise CardNotFound(name, [], ambiguous=False)
    by_key: dict[str, str] = {}
    for card_id, title_fr, title_en in candidates:
        for key in (card_id, title_fr, title_en):
            by_key.setdefault(fold(key), card_id)
    if wanted in by_key:
        return by_key[wanted]
    prefixed = sorted({card_id for key, card_id in by_key.items() if key.startswith(wanted)})
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise CardNotFound(name, prefixed, ambiguous=True)
    import difflib  # only now: most lookups never need a suggestion

    close = difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(by_key[key] for key in close))
    if not suggestions:
        suggestions = sorted({card_id for key, card_id in by_key.items() if wanted in key})[:5]
    raise CardNotFound(name, suggestions, ambiguous=False)


class Named(Protocol):
    """A vocabulary term (a model's or a light record's)."""

    @property
    def id(self) -> str: ...

    def names(self) -> list[str]: ...


def match_term(terms: Iterable[Named], name: str) -> str | None:
    """The id of the term ``name`` designates (id, French or English label, alias), if any."""
    wanted = fold(name)
    return next((term.id for term in terms if wanted in term.names()), None)
