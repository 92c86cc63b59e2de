"""One directory of cards as commands read it: from the index when it is current,
else validated (``toolbox_cli.catalogue.load_catalogue`` picks this or ``layers``).

``load_directory`` lists the card files, takes from the index (see ``index``)
every file whose stamp or content digest it holds, validates the others with
``catalogue`` (Pydantic), and writes the index again when anything changed. A
warm run of the CLI (``light=True``) never imports Pydantic: the cards and the
vocabulary are ``records`` objects built from the index's validated rows. The
``catalogue`` module, which validates, is imported only when there is something
to validate or an error to report.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from toolbox_cli.catalogue import index, records
from toolbox_cli.catalogue.index import Checked, Row, Stamp
from toolbox_cli.catalogue.paths import (
    card_names,
    vocabulary_for,
)
from toolbox_cli.i18n import ISSUES, Lang, text_lang
from toolbox_cli.safetext import printable
from toolbox_cli.text import fold, resolve_name

if TYPE_CHECKING:
    from toolbox_cli.catalogue.models import Card, CardEntry, Vocabulary


class Catalogue:
    """The vocabulary and the cards, entries sorted by id; full cards on demand.

    Loaded for the CLI (``light=True``), the vocabulary and cards are the light
    objects of ``records`` built from the index; else Pydantic models. Both offer
    the same attributes.
    """

    __slots__ = ("checked", "entries", "layers", "load_card", "open_search", "vocabulary")

    def __init__(
        self,
        vocabulary: Vocabulary,
        entries: tuple[CardEntry, ...],
        load_card: Callable[[str], Card],
        checked: tuple[str, ...] = (),
        open_search: Callable[[], index.Index] | None = None,
        layers: tuple[Any, ...] = (),
    ) -> None:
        self.vocabulary = vocabulary
        self.layers = layers  # a layered catalogue's ``layers.Layer``s, from the bottom up
        self.entries = entries
        self.load_card = load_card
        self.checked = checked  # the files validated afresh (not taken from the index)
        self.open_search = open_search

    def __repr__(self) -> str:
        return f"Catalogue({len(self.entries)} cards)"

    def card(self, card_id: str) -> Card:
        return self.load_card(card_id)

    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]

    def search(
        self,
        query: str,
        lang: Lang,
        keep: Callable[[str], bool] | None = None,
        limit: int | None = None,
    ) -> list[index.Hit]:
        """The cards matching ``query`` in either language, best first; those ``keep``
        refuses left out, at most ``limit`` (see ``index.search``)."""
        if self.open_search is not None:
            try:
                return index.search(self.open_search(), query, text_lang(lang), keep, limit)
            except sqlite3.DatabaseError:  # damaged since it was opened: search the cards
                pass
        rows = [_row_of(self.card(card_id)) for card_id in self.ids()]
        return index.search(index.in_memory("", "{}", rows), query, text_lang(lang), keep, limit)


def _row_of(card: Card) -> Row:
    data = card.model_dump() if isinstance(card, records.Record) else card.model_dump(mode="json")
    return Row(f"{card.id}.yaml", index.NO_STAMP, "", card.id, None, "[]", json.dumps(data))


def in_memory(vocabulary: Vocabulary, cards: Iterable[Card]) -> Catalogue:
    """A catalogue of already-validated cards (tests, other programs)."""
    by_id = {card.id: card for card in cards}
    entries = tuple(by_id[card_id].entry() for card_id in sorted(by_id))
    return Catalogue(vocabulary, entries, by_id.__getitem__)


class _Damaged(Exception):
    """Something read from the index does not have the shape this code writes."""


def _issues_of(row: Row) -> list[dict[str, Any]]:
    try:
        issues = row.parsed_issues()
    except ValueError:
        raise _Damaged from None
    for issue in issues:
        if (
            not isinstance(issue, dict)
            or set(issue) != {"line", "field", "code", "values"}
            or issue["code"] not in ISSUES
            or not isinstance(issue["values"], dict)
            or not isinstance(issue["line"], (int, type(None)))
            or not isinstance(issue["field"], (str, type(None)))
        ):
            raise _Damaged
    if (row.entry is None) == (not issues):
        raise _Damaged  # a file is either valid (an entry) or has issues, never both or none
    return issues


def _stable(file_stamp: Stamp, now: int) -> Stamp:
    """``file_stamp``, or none if the file changed so recently that it could change again
    within the same tick of its clock and keep its stamp (then its digest is checked)."""
    if len(file_stamp) != len(index.NO_STAMP) or max(file_stamp[1:3]) > now - index.RACY_NS:
        return index.NO_STAMP
    return file_stamp


def _row(checked: Checked, before: Stamp | None, content_digest: str, now: int) -> Row:
    """The index row of a file just validated. Its stamp is kept only if the file did
    not change while it was read, and not within a racy mtime tick of now: otherwise
    the next run checks its content digest again."""
    file_stamp = _stable(checked.stamp, now) if before == checked.stamp else index.NO_STAMP
    entry = checked.entry
    return Row(
        checked.name,
        file_stamp,
        content_digest,
        entry["id"] if entry is not None else None,
        json.dumps(entry, ensure_ascii=False) if entry is not None else None,
        json.dumps(checked.issues, ensure_ascii=False),
        checked.card,  # bytes, as validation gave them: no copy of 10,000 cards
    )


def _list_names(cards_dir: Path) -> list[str]:
    """The card files' names (10,000 ``Path`` objects would cost more than the rest)."""
    try:
        names = card_names(cards_dir)
    except OSError:
        names = []
    if names:
        return names
    from toolbox_cli.catalogue.validate import check_cards_dir

    return [path.name for path in check_cards_dir(cards_dir)]  # says why there are none


def _names_digest(names: list[str]) -> str:
    return index.digest("\0".join(names).encode("utf-8", "surrogateescape"))


def _storable(names: list[str]) -> bool:
    """Whether SQLite can keep every name (a name that is not UTF-8 cannot)."""
    try:
        "".join(names).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load_directory(
    cards_dir: Path,
    *,
    use_cache: bool | None = None,
    light: bool = False,
    _rebuild: bool = False,
) -> Catalogue:
    """The vocabulary of ``cards_dir`` with its cards.

    Raises ``CatalogueError`` with every issue of the catalogue. Files the index holds
    unchanged are not validated again; ``use_cache=False`` (default: unless
    ``TOOLBOX_NO_CACHE``) validates everything and writes nothing. ``light``: the cards
    and vocabulary are ``records`` objects and a warm run imports no Pydantic; else
    they are models, validated again from the index.
    """
    vocabulary_path = vocabulary_for(cards_dir)
    names = _list_names(cards_dir)
    base = os.fspath(cards_dir)
    use_cache = index.enabled() if use_cache is None else use_cache
    use_cache = use_cache and _storable([os.fspath(cards_dir), *names])
    # Read once: the index's key and the vocabulary validated come from the same bytes.
    vocabulary_bytes = index.read_checked(vocabulary_path)
    key = index.index_key(cards_dir, vocabulary_bytes) if vocabulary_bytes is not None else ""
    where = index.location(cards_dir) if use_cache and key else None
    current_stamps = index.stamps(base, names)
    if where is not None and not _rebuild:
        unchanged = _unchanged(
            cards_dir, names, current_stamps, where, key, light, vocabulary_bytes
        )
        if unchanged is not None:
            return unchanged
    found = index.open_index(where, key) if where is not None and not _rebuild else None
    known = found.rows if found is not None else {}
    rows: dict[str, Row] = {}
    todo: list[tuple[Path, Stamp | None]] = []
    restamped = False
    now = time.time_ns()
    for name, current in zip(names, current_stamps, strict=True):
        row = known.get(name)
        if row is not None and row.stamp == current:
            rows[name] = row
            continue
        where_file = os.path.join(base, name)
        if row is not None and current is not None:
            content = index.read_checked(Path(where_file))
            if content is not None and index.digest(content) == row.digest:
                kept = _stable(current, now)  # touched, not changed: no need to validate
                restamped = restamped or kept != row.stamp
                rows[name] = row._replace(stamp=kept)
                continue
        todo.append((Path(where_file), current))
    write = where is not None and (
        found is None or bool(todo) or restamped or len(known) != len(rows)
    )
    # The new index is written as the cards arrive: none is held once it is stored.
    writer = index.Writer(where) if write and where is not None else None
    if writer is not None and not writer.start():
        writer = None  # cannot be written: the cards stay with their rows
    written = False
    try:

        def keep(row: Row, card: str | bytes | None) -> Row:
            if writer is None:
                return row._replace(card=card)
            writer.card(row.name, card)
            return row._replace(card=None)

        if write and found is not None:  # the new index needs the cards it keeps, intact
            for name, row in list(rows.items()):
                if row.entry is not None:
                    card = found.card_json(name)
                    if card is None:
                        del rows[name]
                        todo.append((cards_dir / name, None))
                    else:
                        rows[name] = keep(row, card)

        vocabulary: Vocabulary | None = None
        if todo or found is None or not light:
            from toolbox_cli.catalogue.validate import load_vocabulary

            vocabulary = load_vocabulary(vocabulary_path, vocabulary_bytes)
        if todo:
            from toolbox_cli.catalogue.validate import iter_checks

            assert vocabulary is not None
            before = {path.name: current for path, current in todo}
            for result in iter_checks([path for path, _ in todo], vocabulary):
                row = _row(result, before[result.name], result.digest, now)
                rows[result.name] = keep(row, result.card)
        ordered = [rows[name] for name in names]
        validated = {path.name for path, _ in todo}
        checked = tuple(name for name in names if name in validated)
        if vocabulary is not None:
            vocabulary_json = json.dumps(vocabulary.model_dump(mode="json"), ensure_ascii=False)
        else:
            assert found is not None
            vocabulary_json = found.vocabulary
        names_ok = found.meta.get("names_ok") if found is not None else None
        if names_ok != _names_digest(names):
            names_ok = None if _name_issues(cards_dir, names) else _names_digest(names)
        # Whether two cards share a title, checked when the rows are written, not on every
        # run (it folds every title: a third of a warm run at 10,000 cards).
        titles_ok = found is not None and not write and found.meta.get("titles_ok") == "1"
        if write:
            titles = _titles_of(ordered)
            titles_ok = titles is not None and not duplicate_titles(_in(cards_dir), titles)
            meta = {"names_ok": names_ok or "", "titles_ok": "1" if titles_ok else ""}
            if names_ok and titles_ok and all(row.entry is not None for row in ordered):
                stamped = index.fingerprint(names, [row.stamp for row in ordered])
                meta["fingerprint"] = stamped or ""  # a valid catalogue, every file stamped
            if writer is not None:
                written = writer.finish(key, vocabulary_json, ordered, meta)
    except BaseException:  # Ctrl-C too: no temporary file left behind
        if writer is not None:
            writer.abort()
        raise
    if writer is not None and not written:
        # The disk filled up (say) while the cards were being stored: they are gone
        # from memory and the index was not written. Validate again, keeping them.
        if found is not None:
            found.close()
        return load_directory(cards_dir, use_cache=False, light=light)
    if found is not None and (write or todo):
        found.close()
        found = None
    if write and written:  # cards and search from the index just written
        found = index.open_index(where, key, rows=False)
    try:
        return _catalogue(
            cards_dir,
            names,
            ordered,
            found,
            vocabulary,
            vocabulary_json,
            light,
            key,
            names_ok,
            titles_ok,
            checked,
        )
    except (_Damaged, records.RecordError, ValueError, TypeError, KeyError):
        # Rows taken from the index (open still, or copied into a new one) that are not
        # of the shape this code writes: validate every file afresh. Rows that were
        # all validated just now cannot be wrong this way: that is a bug, and says so.
        if _rebuild or not known:
            raise
        if found is not None:
            found.close()
        return load_directory(cards_dir, use_cache=use_cache, light=light, _rebuild=True)


def _unchanged(
    cards_dir: Path,
    names: list[str],
    stamps: list[Stamp | None],
    where: Path,
    key: str,
    light: bool,
    vocabulary_bytes: bytes | None,
) -> Catalogue | None:
    """The catalogue from the index alone when every file is as it was when the index was
    written (one ``fingerprint`` of every name and stamp, compared with the one stored:
    no row is read but the entries); ``None`` otherwise, or when anything read from the
    index is not what was written (the caller then reads every row)."""
    expected = index.fingerprint(names, stamps)
    if expected is None:
        return None
    found = index.open_index(where, key, rows=False)
    if found is None:
        return None
    meta = found.meta
    stored = found.entries() if meta.get("fingerprint") == expected else None
    if stored is None or stored[0] != names or not meta.get("names_ok"):
        found.close()
        return None
    vocabulary = None
    if not light:
        from toolbox_cli.catalogue.validate import load_vocabulary

        vocabulary = load_vocabulary(vocabulary_for(cards_dir), vocabulary_bytes)
    try:
        return _from_entries(cards_dir, names, stored[1], stored[2], found, vocabulary, light)
    except (_Damaged, records.RecordError, ValueError, TypeError, KeyError):
        found.close()
        return None


def _from_entries(
    cards_dir: Path,
    file_names: list[str],
    ids: list[str],
    entries_json: str,
    found: index.Index,
    vocabulary: Vocabulary | None,
    light: bool,
) -> Catalogue:
    """The catalogue of valid cards whose ids and entries (a JSON list, in the order of
    their files' names) the index holds: ``_catalogue`` without rows to go through."""
    data = json.loads(entries_json)
    if not isinstance(data, list) or len(data) != len(ids):
        raise _Damaged
    shown: Any
    if light:
        entries: list[Any] = [records.entry_of(item) for item in data]
        shown = records.vocabulary_of(json.loads(found.vocabulary))
    else:
        from pydantic import TypeAdapter

        from toolbox_cli.catalogue.models import CardEntry

        assert vocabulary is not None
        adapter = TypeAdapter(list[CardEntry])
        entries = adapter.validate_python(data, context={"vocabulary": vocabulary})
        shown = vocabulary
    if [entry.id for entry in entries] != ids:
        raise _Damaged
    names = dict(zip(ids, file_names, strict=True))

    def load_card(card_id: str) -> Any:
        data = found.card_json(names[card_id])
        if data is not None:
            try:
                if light:
                    return records.card_of(json.loads(data))
                from toolbox_cli.catalogue.models import Card

                return Card.model_validate_json(data, context={"vocabulary": shown})
            except ValueError:  # a RecordError, or Pydantic's ValidationError
                pass
        from toolbox_cli.catalogue.validate import load_vocabulary, read_card

        card = read_card(cards_dir / names[card_id], load_vocabulary(vocabulary_for(cards_dir)))
        return records.card_of(card.model_dump(mode="json")) if light else card

    ordered = tuple(sorted(entries, key=lambda entry: entry.id))
    return Catalogue(shown, ordered, load_card, (), found.searchable)


def _name_issues(cards_dir: Path, names: list[str]) -> list[Any]:
    from toolbox_cli.catalogue.validate import duplicate_id_issues, file_name_issues

    files = [cards_dir / name for name in names]
    return file_name_issues(files) + duplicate_id_issues(files)


def _catalogue(
    cards_dir: Path,
    names: list[str],
    ordered: list[Row],
    found: index.Index | None,
    vocabulary: Vocabulary | None,
    vocabulary_json: str,
    light: bool,
    key: str,
    names_ok: str | None,
    titles_ok: bool,
    checked: tuple[str, ...],
) -> Catalogue:
    problems = [(row, _issues_of(row)) for row in ordered if row.entry is None]
    if problems or names_ok is None:
        from toolbox_cli.catalogue.validate import CatalogueError, CatalogueIssue

        issues = _name_issues(cards_dir, names)
        for row, found_issues in problems:
            issues += [CatalogueIssue(str(cards_dir / row.name), **i) for i in found_issues]
        if issues:
            valid = sum(1 for row in ordered if row.entry is not None)
            raise CatalogueError(issues, valid=valid)
    by_id = {row.card_id: row for row in ordered}
    data = json.loads("[" + ",".join(str(row.entry) for row in ordered) + "]")
    shown: Any
    if light:
        entries: list[Any] = [records.entry_of(item) for item in data]
        if any(entry.id != row.card_id for entry, row in zip(entries, ordered, strict=True)):
            raise _Damaged
        shown = records.vocabulary_of(json.loads(vocabulary_json))
    else:
        from pydantic import TypeAdapter

        from toolbox_cli.catalogue.models import CardEntry

        assert vocabulary is not None
        adapter = TypeAdapter(list[CardEntry])
        entries = adapter.validate_python(data, context={"vocabulary": vocabulary})
        shown = vocabulary

    if not titles_ok:
        named = [
            (row.name, entry.title.fr, entry.title.en)
            for row, entry in zip(ordered, entries, strict=True)
        ]
        titles = duplicate_titles(_in(cards_dir), named)
        if titles:
            from toolbox_cli.catalogue.validate import CatalogueError

            raise CatalogueError(titles, valid=len(ordered))

    def card_json(card_id: str) -> str | bytes | None:
        row = by_id[card_id]
        if row.card is not None or found is None:
            return row.card
        return found.card_json(row.name)

    def load_card(card_id: str) -> Any:
        data = card_json(card_id)
        if data is not None:
            try:
                if light:
                    return records.card_of(json.loads(data))
                from toolbox_cli.catalogue.models import Card

                return Card.model_validate_json(data, context={"vocabulary": shown})
            except ValueError:  # a RecordError, or Pydantic's ValidationError
                pass
        from toolbox_cli.catalogue.validate import load_vocabulary, read_card

        vocabulary = load_vocabulary(vocabulary_for(cards_dir))
        card = read_card(cards_dir / by_id[card_id].name, vocabulary)
        return records.card_of(card.model_dump(mode="json")) if light else card

    def open_search() -> index.Index:
        if found is not None:
            return found.searchable()
        cards = [row._replace(card=card_json(str(row.card_id))) for row in ordered]
        return index.in_memory(key, vocabulary_json, cards)

    ordered_entries = tuple(sorted(entries, key=lambda entry: entry.id))
    return Catalogue(shown, ordered_entries, load_card, checked, open_search)


def _in(cards_dir: Path) -> Callable[[str], str]:
    """The path of a file of ``cards_dir``, from its name."""
    return lambda name: str(cards_dir / name)


def _titles_of(rows: list[Row]) -> list[tuple[str, str, str]] | None:
    """(file name, French title, English title) of the valid cards among ``rows``;
    ``None`` if a row is not of the shape this code writes (``_catalogue`` finds it)."""
    titles = []
    try:
        for row in rows:
            if row.entry is not None:
                title = json.loads(row.entry)["title"]
                titles.append((row.name, str(title["fr"]), str(title["en"])))
    except (ValueError, KeyError, TypeError):
        return None
    return titles


def duplicate_titles(where: Callable[[str], str], titles: list[tuple[str, str, str]]) -> list[Any]:
    """A title (French or English, case and accents aside) that two cards share, as
    ``CatalogueIssue``s: ``show TITLE`` could only pick one of them. ``titles``:
    (file name, French title, English title) of the valid cards (a layered catalogue
    gives card ids); ``where`` gives the path to name for each."""
    first: dict[str, str] = {}
    stems: set[str] = set()
    found = []
    for name, fr, en in titles:
        stem = Path(name).stem
        if stem in stems:
            continue  # the same id twice is already reported as such
        stems.add(stem)
        for title in dict.fromkeys((fr, en)):
            other = first.setdefault(fold(title), name)
            if other != name:
                found.append((name, title, other))
                break
    if not found:
        return []
    from toolbox_cli.catalogue.validate import CatalogueIssue
    from toolbox_cli.files.reader import key_line

    return [
        CatalogueIssue(
            where(name),
            key_line(where(name), "title"),
            "title",
            "duplicate_title",
            {"title": printable(title), "other": where(other)},
        )
        for name, title, other in found
    ]


# --- filtering and looking a card up ----------------------------------------


class CardFilter(NamedTuple):
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


def resolve(catalogue: Catalogue, name: str) -> str:
    """The id of the card ``name`` designates: an id, a title (fr or en) or a unique prefix."""
    return resolve_name(
        ((entry.id, entry.title.fr, entry.title.en) for entry in catalogue.entries), name
    )
