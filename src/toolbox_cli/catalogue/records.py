"""Light read-side objects: validated cards and vocabulary, rebuilt from the index.

``models.py`` validates untrusted files with Pydantic; what it produced is kept in
the index as JSON (a ``model_dump()``). A warm run rebuilds plain objects from
that JSON instead of importing Pydantic: they offer the attributes and methods of
the models the engine and the renderers use (``card.title(lang)``,
``vocabulary.level(2)``...), so either kind works with them.

Any field a model gains appears here by itself: a mapping becomes an object whose
attributes are its keys, ``{"fr": ..., "en": ...}`` becomes a ``Text``. The index
is never taken on trust: a value of the wrong shape raises ``RecordError`` and the
caller validates the files again. ``tests/test_index.py`` checks that these
objects mirror the models field for field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolbox_cli.text import fold


class RecordError(ValueError):
    """Data from the index does not have the shape the models give."""


class Record:
    """A mapping's keys as attributes; ``model_dump()`` gives the mapping back."""

    __slots__ = ("__dict__", "_data")
    _data: Mapping[str, Any]

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", data)
        self.__dict__.update({key: build(value) for key, value in data.items()})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def model_dump(self) -> dict[str, Any]:
        return dict(_plain(self._data))

    def __reduce__(self) -> tuple[object, ...]:
        # copy, deepcopy and pickle build it again from its data (__setattr__ refuses)
        return (type(self), (self.model_dump(),))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash(repr(self._data))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"


class Text(Record):
    """A text in both languages: ``text("fr")``, ``text.fr``, ``text.en``."""

    __slots__ = ()
    fr: str
    en: str

    def __init__(self, data: Mapping[str, Any] | None = None, /, **texts: str) -> None:
        data = texts if data is None else data  # Text(fr=..., en=...) too
        object.__setattr__(self, "_data", data)
        self.__dict__.update(data)  # two strings: nothing to build

    def __call__(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int:  # most values: no abstract-class check for them
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if kind is dict or isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _is_text(data: Mapping[str, Any]) -> bool:
    fr, en = data.get("fr"), data.get("en")
    return len(data) == 2 and type(fr) is str and type(en) is str and bool(fr) and bool(en)


def build(value: Any) -> Any:
    """Objects for mappings (``Text`` for ``{fr, en}``), lists of them, scalars as they are."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise RecordError("a key is not text")
        if not value or not all(key.isidentifier() for key in value):
            # a mapping keyed by values, not fields (level notes: "1" -> text)
            return {key: build(item) for key, item in value.items()}
        return Text(value) if _is_text(value) else Record(value)
    if isinstance(value, list):
        return [build(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise RecordError(f"unexpected value of type {type(value).__name__}")


# --- cards --------------------------------------------------------------------

ENTRY_FIELDS = ("id", "title", "families", "levels", "actors", "concerns", "goals", "status")
_KINDS: tuple[tuple[str, type], ...] = (
    ("families", int),
    ("levels", int),
    ("actors", str),
    ("concerns", str),
    ("goals", str),
)


def _check_entry(data: Any) -> None:
    if type(data) is not dict or type(data.get("id")) is not str:
        raise RecordError("a card without an id")
    title = data.get("title")
    if type(title) is not dict or not _is_text(title):
        raise RecordError("a card without a title in both languages")
    for key, kind in _KINDS:
        values = data.get(key)
        if type(values) is not list:
            raise RecordError(f"{key}: not a list")
        for value in values:
            if type(value) is not kind:  # not isinstance: True is no level
                raise RecordError(f"{key}: {value!r} is not a {kind.__name__}")


class CardEntry:
    """What the advisor and the listings need of a card (``models.CardEntry``).

    Thousands are built on each run of a big catalogue: slots, and checks that
    cost little."""

    __slots__ = (
        "_data",
        "actors",
        "concerns",
        "families",
        "goals",
        "id",
        "levels",
        "status",
        "title",
    )
    id: str
    title: Text
    families: list[int]
    levels: list[int]
    actors: list[str]
    concerns: list[str]
    goals: list[str]
    status: str

    def __init__(self, data: Mapping[str, Any]) -> None:
        _check_entry(data)
        self._data = data
        self.id = data["id"]
        self.title = Text(data["title"])
        self.families = data["families"]
        self.levels = data["levels"]
        self.actors = data["actors"]
        self.concerns = data["concerns"]
        self.goals = data["goals"]
        self.status = data.get("status", "in_use")
        if self.status not in ("in_use", "proposed"):
            raise RecordError(f"status: {self.status!r}")

    def model_dump(self) -> dict[str, Any]:
        return {key: _plain(self._data.get(key, "in_use")) for key in ENTRY_FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CardEntry) and self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"CardEntry({self.id!r})"


class Card(Record):
    """One whole card (``models.Card``): the entry's fields and the texts."""

    __slots__ = ()

    def __init__(self, data: Mapping[str, Any]) -> None:
        _check_entry(data)
        for key in ("summary", "objective", "interests", "process", "source"):
            if key not in data:
                raise RecordError(f"a card without {key}")
        super().__init__(data)

    def entry(self) -> CardEntry:
        return CardEntry({key: self._data[key] for key in ENTRY_FIELDS if key in self._data})


def entry_of(data: Any) -> CardEntry:
    return CardEntry(data)


def card_of(data: Any) -> Card:
    if not isinstance(data, dict):
        raise RecordError("a card is not a mapping")
    return Card(data)


# --- vocabulary ---------------------------------------------------------------


class Term(Record):
    """An actor or a goal (``models.Term``)."""

    __slots__ = ()

    def names(self) -> list[str]:
        """Every folded name this term answers to: id, labels and aliases."""
        label = self.__dict__["label"]
        aliases = self.__dict__.get("aliases", [])
        return [fold(name) for name in (self.__dict__["id"], label.fr, label.en, *aliases)]


class Vocabulary(Record):
    """Levels and rule, families, actors, goals, sources (``models.Vocabulary``)."""

    __slots__ = ()
    KINDS = ("levels", "rules", "families", "actors", "goals", "sources")

    def __init__(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, dict) or any(
            not isinstance(data.get(kind), list) for kind in self.KINDS
        ):
            raise RecordError("a vocabulary without its lists")
        super().__init__(data)
        for kind in ("actors", "goals"):
            self.__dict__[kind] = [Term(item) for item in data[kind]]
        for kind in self.KINDS:
            for item in self.__dict__[kind]:
                if not isinstance(item, Record) or "id" not in item.__dict__:
                    raise RecordError(f"{kind}: an item without an id")
        self.__dict__["ids"] = {
            kind: frozenset(item.id for item in self.__dict__[kind])
            for kind in ("actors", "goals", "sources")
        }

    def _find(self, kind: str, wanted: object) -> Any:
        return next(item for item in self.__dict__[kind] if item.id == wanted)

    def level(self, level_id: int) -> Any:
        return self._find("levels", level_id)

    def family(self, family_id: int) -> Any:
        return self._find("families", family_id)

    def actor(self, actor_id: str) -> Any:
        return self._find("actors", actor_id)

    def goal(self, goal_id: str) -> Any:
        return self._find("goals", goal_id)

    def source(self, source_id: str) -> Any:
        return self._find("sources", source_id)


def vocabulary_of(data: Any) -> Vocabulary:
    return Vocabulary(data)
