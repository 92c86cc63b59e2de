"""The index: one SQLite database per cards directory, of validated cards and their text.

It lives in the user cache directory (``platformdirs``; ``$TOOLBOX_CACHE_DIR``
overrides it) and holds, for each card file, its stamp (size, mtime, inode), the
digest of its content, and what validating it gave: the card as JSON, or its
issues as codes and values. An FTS5 table holds the cards' texts in both
languages for ``toolbox search`` (a plain table, scanned, where SQLite has no
FTS5).

It is keyed on everything that changes what validation gives: the content of the
vocabulary, the source of the code that validates (so a change of ``models.py``
invalidates it), the versions of Pydantic and PyYAML, and the cards directory.
A file whose stamp changed has its content digest checked before it is validated
again. An index that is missing, corrupt, foreign, stale, locked, unreadable or
not a regular file is never trusted: it is ignored and rebuilt, or bypassed when
it cannot be written. Writes go to a new file renamed over the old one, so a
reader sees a whole index or none, and concurrent runs never see a half-written
one. ``TOOLBOX_NO_CACHE=1`` bypasses it (search then uses an index in memory).

No Pydantic here: a warm run reads validated rows without importing it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import stat
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

try:  # hashlib would load OpenSSL first: a few milliseconds on every run
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

from toolbox_cli import __version__
from toolbox_cli.i18n import TextLang as Lang

FORMAT = 3  # 3: the search table in a file of its own, built when search first needs it
APPLICATION_ID = 0x54424F58  # "TBOX": an SQLite file that is not ours has another one
NO_CACHE_ENV = "TOOLBOX_NO_CACHE"
CACHE_DIR_ENV = "TOOLBOX_CACHE_DIR"
MAX_INDEX_BYTES = 2 << 30  # larger than any index of ours: not ours
KEEP_DAYS = 30  # an index not written for this long is pruned
KEEP_INDEXES = 32  # and no more than this many
RACY_NS = 3_000_000_000  # a file modified this recently may change within its mtime tick
LOCK_WAIT = 0.1  # seconds to wait for another process's lock before going without

Stamp = tuple[int, ...]
NO_STAMP: Stamp = (-1, -1, -1, -1)


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """False when ``TOOLBOX_NO_CACHE`` is set to anything but ``0``, ``false`` or ``no``."""
    return environ.get(NO_CACHE_ENV, "").strip().lower() in {"", "0", "false", "no"}


def stamp(path: str | Path) -> Stamp:
    """Size, modification and change times, inode: what tells cheaply that a file may
    have changed (the change time moves on every write, even one that restores mtime)."""
    return _stamp_of(os.stat(path))


def _stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def stamps(directory: str, names: list[str]) -> list[Stamp | None]:
    """The ``stamp`` of each file ``names`` lists in ``directory``, or ``None`` where a
    cold run would not read it as a card: not a regular file (a FIFO, a device, a
    folder, gone), or a link whose target is not a regular file of ``directory``.
    ``None`` sends the file to validation, which says what is wrong: a warm run judges
    exactly as a cold one. The files are found from the directory's descriptor: at
    10,000 cards, resolving each whole path again would cost a third more."""
    # a directory or nothing: never a FIFO put in its place since it was listed (it blocks)
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NONBLOCK
    try:
        folder = os.open(directory, flags) if os.stat in os.supports_dir_fd else None
    except OSError:
        folder = None
    found: list[Stamp | None] = []
    real: str | None = None
    try:
        for name in names:
            info: os.stat_result | None
            try:
                if folder is None:
                    info = os.lstat(os.path.join(directory, name))
                else:
                    info = os.stat(name, dir_fd=folder, follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    # as the reader checks it: the target, links resolved, in this folder
                    real = real or os.path.realpath(directory)
                    target = os.path.realpath(os.path.join(directory, name))
                    info = os.stat(target) if os.path.dirname(target) == real else None
            except (OSError, ValueError):
                info = None
            found.append(_stamp_of(info) if info and stat.S_ISREG(info.st_mode) else None)
    finally:
        if folder is not None:
            os.close(folder)
    return found


def read_checked(path: Path, limit: int = 1 << 20) -> bytes | None:
    """The bytes of ``path`` if a cold run would read them: a regular file, inside its
    folder once links are resolved, of at most ``limit`` bytes, never blocking; else
    ``None`` (validation then reads it, and says why not)."""
    try:
        if os.path.islink(path):
            real = os.path.realpath(path)
            if os.path.dirname(real) != os.path.realpath(path.parent):
                return None
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def cache_root(environ: Mapping[str, str] = os.environ) -> Path | None:
    """``$TOOLBOX_CACHE_DIR``, else the user cache directory + ``toolbox``; ``None``
    when it would be relative (a relative ``XDG_CACHE_HOME`` is ignored, as the XDG
    specification says, and no cache is better than one that follows the cwd)."""
    explicit = environ.get(CACHE_DIR_ENV)
    try:
        if explicit:
            root = Path(explicit)
        else:
            xdg = environ.get("XDG_CACHE_HOME", "")
            home = environ.get("HOME", "")
            xdg_like = not sys.platform.startswith(("win", "darwin"))
            xdg_like = xdg_like and "ANDROID_DATA" not in environ
            if xdg_like and xdg.strip() and not os.path.isabs(xdg):
                # Older platformdirs took it as it was; the specification says to ignore it.
                root = Path.home() / ".cache" / "toolbox"
            elif xdg_like and (os.path.isabs(xdg) or (not xdg.strip() and os.path.isabs(home))):
                # The XDG rule as platformdirs applies it, without importing it on every
                # run (about 3 ms, through tempfile and random).
                root = Path(xdg if xdg.strip() else os.path.join(home, ".cache")) / "toolbox"
            else:  # another system, or no usable HOME: platformdirs knows best
                import platformdirs

                root = Path(platformdirs.user_cache_dir("toolbox", appauthor=False))
    except (RuntimeError, KeyError, OSError, ValueError):  # no home directory: no cache
        return None
    return root if root.is_absolute() else None


FOLDER = "toolbox-index"  # the cache's own folder, under the directory it is given
MARKER = "CACHEDIR.TAG"  # https://bford.info/cachedir/: backup tools skip the folder
MARKER_TEXT = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This folder is the index of toolbox (research-territory partnership tools).\n"
    b"# toolbox removes in it only the files its ledger ('written') lists.\n"
)
LEDGER = "written"  # the names of every file toolbox created here, one a line
MAX_LEDGER = 1 << 20
_OURS = re.compile(
    r"[0-9a-f]{32}(?:\.search)?\.sqlite|\.[0-9a-f]{32}(?:\.search)?\.sqlite\.[0-9]+-[0-9a-f]{16}\.tmp"
)
SEARCH_SUFFIX = ".search.sqlite"  # an index's search table: <index name>.search.sqlite
_LEDGER_TEMP = re.compile(r"\.written\.[0-9]+-[0-9a-f]{16}\.tmp")


def location(cards_dir: Path, environ: Mapping[str, str] = os.environ) -> Path | None:
    """The index file of ``cards_dir``, or ``None`` when there is no usable cache directory.

    It is in the cache's own folder (``FOLDER``, marked by ``MARKER``) under the cache
    directory: nothing else there is ever read, written or removed."""
    root = cache_root(environ)
    if root is None:
        return None
    name = digest(os.fsencode(os.path.abspath(cards_dir)))
    with contextlib.suppress(OSError):
        name = digest(os.fsencode(cards_dir.resolve()))
    return root / FOLDER / f"{name}.sqlite"


def _is_ours(folder: Path) -> bool:
    """Whether ``folder`` is a real directory (no link), of this user, with our marker."""
    try:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or not _mine(info):
            return False
        descriptor = os.open(folder / MARKER, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except (OSError, ValueError):
        return False
    try:
        marker = os.fstat(descriptor)
        if not stat.S_ISREG(marker.st_mode) or marker.st_size != len(MARKER_TEXT):
            return False
        return os.read(descriptor, len(MARKER_TEXT) + 1) == MARKER_TEXT
    except OSError:
        return False
    finally:
        os.close(descriptor)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _mine(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def claim(folder: Path) -> bool:
    """Make ``folder`` the cache's own, if it is not yet and nothing is in the way:
    created here with its marker, or an empty directory of this user given the marker.
    True when it is ours. Never removes, replaces or truncates anything."""
    if _is_ours(folder):
        return True
    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or not _mine(info) or os.listdir(folder):
            return _is_ours(folder)  # a link, a file, another's folder, things in it
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        descriptor = os.open(folder / MARKER, flags, 0o600)
        try:
            os.write(descriptor, MARKER_TEXT)
        finally:
            os.close(descriptor)
    except (OSError, ValueError):
        pass  # another run marked it meanwhile, or it cannot be: said below
    return _is_ours(folder)


def _record(folder: Path, *names: str) -> None:
    """Add ``names`` to the ledger before they are created: whatever happens next, a
    file of ours is one the ledger lists (one append: concurrent runs never mix lines)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | _NOFOLLOW
    descriptor = os.open(folder / LEDGER, flags, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError("the ledger is not a regular file")
        os.write(descriptor, "".join(f"{name}\n" for name in names).encode())
    finally:
        os.close(descriptor)


def _recorded(folder: Path) -> list[str]:
    """The names the ledger lists (those of the shapes toolbox writes), in order, once each."""
    descriptor = os.open(folder / LEDGER, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return []
        text = os.read(descriptor, MAX_LEDGER).decode("ascii", "replace")
    finally:
        os.close(descriptor)
    lines = text.splitlines()
    names = (name for name in lines if _OURS.fullmatch(name) or _LEDGER_TEMP.fullmatch(name))
    return list(dict.fromkeys(names))


# --- the key: what changes what validation gives -----------------------------------

_LIBRARIES = ("pydantic", "pydantic_core", "yaml")
# The package's folders of code, whose files' stamps key the index (see code_digest).
_SUBPACKAGES = ("advisor", "catalogue", "cli", "files", "i18n", "render")


def code_digest() -> str:
    """A digest of this package's source and of the libraries that validate with it.

    Source files are known by their stamps, as Python's own bytecode cache knows them:
    any write changes the change time, and reading every file on every run cost more
    than the rest of a warm run."""
    from importlib.machinery import PathFinder

    package = os.path.dirname(os.path.dirname(__file__))
    hashed = blake2b(digest_size=16)
    hashed.update(f"{__version__}\0{sys.version}\0".encode())
    for folder in ("", *_SUBPACKAGES):
        here = os.path.join(package, folder)
        for name in sorted(os.listdir(here)):
            if name.endswith(".py"):
                hashed.update(f"{folder}/{name}:{stamp(os.path.join(here, name))}\0".encode())
    for name in _LIBRARIES:
        try:
            spec = PathFinder.find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            info = None
        hashed.update(f"{name}:{info and (info.st_size, info.st_mtime_ns)}\0".encode())
    return hashed.hexdigest()


def index_key(cards_dir: Path, vocabulary: bytes) -> str:
    """What the index of ``cards_dir`` must have been written for; "" (no index) when
    the code cannot be read to say it."""
    try:
        code = code_digest()
    except OSError:
        return ""
    return json.dumps(
        {
            "format": FORMAT,
            "code": code,
            "vocabulary": digest(vocabulary),
            "cards_dir": os.fsdecode(os.path.abspath(cards_dir)),
        },
        sort_keys=True,
    )


# --- rows ------------------------------------------------------------------------


class Checked(NamedTuple):
    """What checking one card file gave: the card (validated, as JSON) or its issues."""

    name: str
    stamp: Stamp
    entry: dict[str, Any] | None
    issues: list[dict[str, Any]]
    card: bytes | None = None  # the whole validated card, as JSON
    digest: str = ""  # of the bytes validated ("": none were read)


class Row(NamedTuple):
    """One card file in the index."""

    name: str
    stamp: Stamp
    digest: str
    card_id: str | None
    entry: str | None  # JSON of the entry's fields, when the file is valid
    issues: str  # JSON list of {line, field, code, values}
    card: str | bytes | None = None  # JSON of the whole card; read on demand from the index

    def parsed_issues(self) -> list[dict[str, Any]]:
        value = json.loads(self.issues)
        if not isinstance(value, list):
            raise ValueError("issues: not a list")
        return value


_ROW_COLUMNS = "name, size, mtime_ns, ctime_ns, ino, digest, card_id, entry, issues"


_FIELD, _ROW = "\x1f", "\x1e"  # separators no JSON, digest or number contains
# Every row, in one string: read and checked in one go (10,000 rows cost one query).
# The whole cards are in a table of their own, written after these rows: the rows lie
# together on pages of their own, and this query reads those pages only.
_ALL_ROWS = (
    "SELECT group_concat("
    + " || char(31) || ".join(f"ifnull({column}, '')" for column in _ROW_COLUMNS.split(", "))
    + f", char(30)) FROM (SELECT {_ROW_COLUMNS} FROM files ORDER BY name)"
)


# The names, ids and entries of every row, each in one string: what a warm run whose
# files are all unchanged (see ``fingerprint``) reads, instead of every row.
_ENTRIES = (
    "SELECT group_concat(name, char(30)), group_concat(ifnull(card_id, ''), char(30)),"
    " '[' || group_concat(ifnull(entry, 'null'), ',') || ']'"
    " FROM (SELECT name, card_id, entry FROM files ORDER BY name)"
)


def _entries_digest(found: Sequence[object]) -> str:
    return digest("\x1d".join(str(part) for part in found).encode("utf-8", "surrogateescape"))


def fingerprint(names: Sequence[str], stamps: Sequence[Stamp | None]) -> str | None:
    """One digest of every file's name and stamp: equal to the one stored when the index
    was written, every file is as it was then (``None``: a file has no usable stamp)."""
    if None in stamps or NO_STAMP in stamps:
        return None
    hashed = blake2b(digest_size=16)
    hashed.update("\0".join(names).encode("utf-8", "surrogateescape"))
    try:
        from array import array
        from itertools import chain

        hashed.update(array("q", chain.from_iterable(stamps)).tobytes())  # type: ignore[arg-type]
    except (OverflowError, TypeError):  # an inode past 2**63: spelled out
        hashed.update(repr(stamps).encode())
    return hashed.hexdigest()


def _parse_rows(text: str | None) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for line in (text or "").split(_ROW) if text else []:
        name, size, mtime, ctime, ino, file_digest, card_id, entry, issues = line.split(_FIELD)
        stamp = (int(size), int(mtime), int(ctime), int(ino))
        rows[name] = Row(name, stamp, file_digest, card_id or None, entry or None, issues)
    return rows


# --- reading ---------------------------------------------------------------------


class Index:
    """An open index whose key matched and whose rows are intact."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        rows: dict[str, Row],
        meta: dict[str, str],
        path: Path | None = None,
    ) -> None:
        self.connection = connection
        self.rows = rows
        self.meta = meta
        self.path = path  # None: in memory, with its search table
        self._searchable: Index | None = None

    def searchable(self) -> Index:
        """The index's search table: in a file of its own beside it, built from the
        index's cards the first time search needs it (a first run of any other command
        does not pay for it), rebuilt when it is not of this index; in memory when it
        cannot be written. Raises ``sqlite3.DatabaseError`` when the cards cannot be
        had intact (the caller searches the cards themselves)."""
        if self.path is None:
            return self
        if self._searchable is None:
            where = self.path.with_name(self.path.stem + SEARCH_SUFFIX)
            of = self.meta.get("meta", "")
            found = _open_search(where, of)
            if found is None:
                cards = self._cards  # read as they are stored: never all held at once
                if _write_file(where, lambda connection: _fill_search(connection, of, cards())):
                    found = _open_search(where, of)
                if found is None:
                    connection = sqlite3.connect(":memory:", isolation_level=None)
                    _fill_search(connection, of, cards())
                    found = Index(connection, {}, _meta_of(connection))
            self._searchable = found
        return self._searchable

    def _cards(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every card (id, JSON data), each checked against its digest."""
        for card_id, card, card_digest in self.connection.execute(
            "SELECT files.card_id, card, card_digest FROM files JOIN cards USING (name)"
            " ORDER BY name"
        ):
            if not isinstance(card, (str, bytes)) or _card_digest(card) != card_digest:
                raise sqlite3.DatabaseError("a card changed since it was written")
            try:
                yield str(card_id), json.loads(card)
            except ValueError:
                raise sqlite3.DatabaseError("a card that is not JSON") from None

    @property
    def vocabulary(self) -> str:
        return self.meta["vocabulary"]

    @property
    def fts(self) -> bool:
        return self.meta.get("fts") == "1"

    def entries(self) -> tuple[list[str], list[str], str] | None:
        """Every row's file name, card id and entry (a JSON list), read in one go and
        checked against their digest; ``None`` if they cannot be had intact."""
        try:
            found = self.connection.execute(_ENTRIES).fetchone()
            if found is None or not all(isinstance(part, str) for part in found):
                return None
            if self.meta.get("entries") != _entries_digest(found):
                return None
            names, ids, entries = found
        except sqlite3.Error:
            return None
        return names.split(_ROW), ids.split(_ROW), entries

    def card_json(self, name: str) -> str | bytes | None:
        """The whole validated card of file ``name``, or ``None`` if it cannot be had intact."""
        try:
            found = self.connection.execute(
                "SELECT card, card_digest FROM cards WHERE name = ?", (name,)
            ).fetchone()
        except sqlite3.Error:
            return None
        if found is None or not isinstance(found[0], (str, bytes)):
            return None
        return found[0] if _card_digest(found[0]) == found[1] else None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()
        if self._searchable is not None and self._searchable is not self:
            self._searchable.close()


def _connect_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to ``path`` if it is a regular file of a sane size.

    A FIFO, a device or a directory in its place is never opened (opening a FIFO
    blocks, reading a device never ends)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= MAX_INDEX_BYTES:
        return None
    try:
        connection = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=ro",
            uri=True,
            timeout=LOCK_WAIT,
            isolation_level=None,
            check_same_thread=False,
        )
    except (sqlite3.Error, OSError, ValueError):
        return None
    return connection


def _of_this_format(connection: sqlite3.Connection) -> bool:
    """Whether the database is one of toolbox's, of this format (index or search file)."""
    (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return bool(application_id == APPLICATION_ID and version == FORMAT)


def open_index(path: Path | None, key: str, *, rows: bool = True) -> Index | None:
    """The index at ``path`` if it is ours, of this key, and intact; else ``None``.
    ``rows=False``: only its metadata (the vocabulary) is read and checked."""
    if path is None or not _is_ours(path.parent):
        return None
    connection = _connect_readonly(path)
    if connection is None:
        return None
    try:
        if not _of_this_format(connection):
            raise ValueError("not an index of this format")
        meta = {
            str(name): str(value)
            for name, value in connection.execute("SELECT key, value FROM meta")
        }
        if meta.get("key") != key or "vocabulary" not in meta:
            raise ValueError("another key")
        everything = connection.execute(_ALL_ROWS).fetchone()[0] if rows else None
        if rows and meta.get("rows") != digest((everything or "").encode()):
            raise ValueError("rows changed since they were written")
        parsed = _parse_rows(everything) if rows else {}
        if meta.get("meta") != _meta_digest(meta):
            raise ValueError("meta changed since it was written")
    except (sqlite3.Error, ValueError, TypeError, MemoryError, OverflowError):
        with contextlib.suppress(sqlite3.Error):
            connection.close()
        return None
    return Index(connection, parsed, meta, path)


def _open_search(path: Path, of: str) -> Index | None:
    """The search file at ``path`` if it is ours, of the index whose meta digest is
    ``of``, and intact; else ``None``."""
    connection = _connect_readonly(path)
    if connection is None:
        return None
    try:
        if not _of_this_format(connection):
            raise ValueError("not a search table of this format")
        meta = _meta_of(connection)
        if not of or meta.get("of") != of or meta.get("meta") != _meta_digest(meta):
            raise ValueError("of another index")
        connection.execute("SELECT card_id, lang, field, text FROM search LIMIT 1").fetchall()
    except (sqlite3.Error, ValueError, TypeError, MemoryError, OverflowError):
        with contextlib.suppress(sqlite3.Error):
            connection.close()
        return None
    return Index(connection, {}, meta)


def _meta_of(connection: sqlite3.Connection) -> dict[str, str]:
    return {
        str(name): str(value) for name, value in connection.execute("SELECT key, value FROM meta")
    }


def _rows_digest(connection: sqlite3.Connection) -> str:
    (everything,) = connection.execute(_ALL_ROWS).fetchone()
    return digest((everything or "").encode())


def _meta_digest(meta: Mapping[str, str]) -> str:
    """A digest of the other meta values: one edited by hand is seen."""
    return digest(json.dumps(sorted(item for item in meta.items() if item[0] != "meta")).encode())


# --- writing ---------------------------------------------------------------------

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE files (name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,"
    " ctime_ns INTEGER, ino INTEGER,"
    " digest TEXT NOT NULL, card_id TEXT, entry TEXT, issues TEXT NOT NULL)",
    "CREATE TABLE cards (name TEXT PRIMARY KEY, card TEXT NOT NULL, card_digest TEXT NOT NULL)",
)
SEARCH_COLUMNS = ("title", "summary", "objective", "interests", "process", "examples")
# bm25 weights: the title counts most, then the summary, then the rest; examples least.
WEIGHTS = {
    "title": 10.0,
    "summary": 5.0,
    "objective": 3.0,
    "interests": 2.0,
    "process": 2.0,
    "examples": 1.0,
}
# One row per card, language and field: each field is its own short document, so a
# long list of examples does not drown a word of the summary, and bm25 is weighted
# by field.
_FTS = (
    "CREATE VIRTUAL TABLE search USING fts5(card_id UNINDEXED, lang UNINDEXED,"
    " field UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')"
)
_PLAIN = "CREATE TABLE search (card_id TEXT, lang TEXT, field TEXT, text TEXT)"
BATCH = 500  # card files written per transaction
FTS5 = True  # tests set it to False to exercise the scan used where SQLite lacks FTS5


def search_texts(card: Mapping[str, Any], lang: str) -> tuple[str, ...]:
    """The card's searchable texts in ``lang``, one per column of ``SEARCH_COLUMNS``."""

    def text(value: Any) -> str:
        return value[lang] if isinstance(value, Mapping) else ""

    interests = card.get("interests") or {}
    examples = []
    for example in card.get("examples") or []:
        for key in ("name", "description", "reference"):
            examples.append(text(example.get(key)))
    return (
        text(card.get("title")),
        text(card.get("summary")),
        text(card.get("objective")),
        "\n".join(text(interests.get(side)) for side in ("territory", "research")),
        "\n".join(text(step) for step in card.get("process") or []),
        "\n".join(part for part in examples if part),
    )


def _fill(
    connection: sqlite3.Connection,
    key: str,
    vocabulary: str,
    rows: Sequence[Row],
    extra: Mapping[str, str] | None = None,
) -> None:
    _begin(connection)
    # The cards in batches: SQLite keeps a transaction's pages in memory (journal off),
    # and the file is private until it is renamed, so committing on the way loses nothing.
    for start in range(0, len(rows), BATCH):
        _add_cards(connection, ((row.name, row.card) for row in rows[start : start + BATCH]))
        connection.execute("COMMIT")
        connection.execute("BEGIN")
    _end(connection, key, vocabulary, rows, extra)


def _begin(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {FORMAT}")
    connection.execute("BEGIN")
    for statement in _SCHEMA:  # not executescript: it would commit
        connection.execute(statement)


def _add_cards(
    connection: sqlite3.Connection, cards: Iterable[tuple[str, str | bytes | None]]
) -> None:
    connection.executemany(
        "INSERT INTO cards VALUES (?, ?, ?)",
        ((name, card, _card_digest(card)) for name, card in cards if card is not None),
    )


def _end(
    connection: sqlite3.Connection,
    key: str,
    vocabulary: str,
    rows: Sequence[Row],
    extra: Mapping[str, str] | None,
) -> None:
    """The rows, after the cards: read on every run, they lie on pages of their own."""
    connection.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((row.name, *row.stamp, row.digest, row.card_id, row.entry, row.issues) for row in rows),
    )
    meta = {
        "key": key,
        "vocabulary": vocabulary,
        "rows": _rows_digest(connection),
        "entries": _entries_digest(connection.execute(_ENTRIES).fetchone()),
        "written": str(time.time()),
        **(extra or {}),
    }
    meta["meta"] = _meta_digest(meta)
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.execute("COMMIT")


class Writer:
    """A new index written as the cards arrive (``card``), its rows last (``finish``):
    a first run holds no card once it is stored. Written as ``write`` writes a whole
    index (a file the ledger lists, renamed over the old one when complete); a failure
    on the way makes ``finish`` say False and leaves nothing; ``abort`` (or Ctrl-C in
    between, which the caller passes on to ``abort``) removes the temporary file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temporary: Path | None = None
        self.connection: sqlite3.Connection | None = None
        self.pending = 0

    def start(self) -> bool:
        """Open the temporary file; False (and nothing left) when it cannot be."""
        try:
            self.temporary, self.connection = _open_temporary(self.path)
            _begin(self.connection)
        except (OSError, sqlite3.Error, ValueError, MemoryError):
            self.abort()
            return False
        except BaseException:
            self.abort()
            raise
        return True

    def card(self, name: str, card: str | bytes | None) -> None:
        """Store the whole validated card of file ``name``."""
        if self.connection is None or card is None:
            return
        try:
            _add_cards(self.connection, ((name, card),))
            self.pending += 1
            if self.pending >= BATCH:
                self.connection.execute("COMMIT")
                self.connection.execute("BEGIN")
                self.pending = 0
        except (OSError, sqlite3.Error, ValueError, MemoryError):
            self.abort()
        except BaseException:
            self.abort()
            raise

    def finish(
        self, key: str, vocabulary: str, rows: Sequence[Row], extra: Mapping[str, str] | None
    ) -> bool:
        """Write the rows and metadata and put the new index in place; whether it is."""
        if self.connection is None or self.temporary is None:
            return False
        try:
            _end(self.connection, key, vocabulary, rows, extra)
            self.connection.close()
            self.connection = None
            _publish(self.temporary, self.path)
        except (OSError, sqlite3.Error, ValueError, MemoryError):
            self.abort()
            return False
        except BaseException:
            self.abort()
            raise
        self.temporary = None
        with contextlib.suppress(OSError):
            prune(self.path.parent, keep=self.path)
        return True

    def abort(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self.connection.close()
            self.connection = None
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                self.temporary.unlink()
            self.temporary = None


def _fill_search(
    connection: sqlite3.Connection,
    of: str,
    cards: Iterable[tuple[str, Mapping[str, Any]]],
    meta_table: bool = True,
) -> bool:
    """The search table of the cards ``cards`` (id, card as JSON data), for the index
    whose meta digest is ``of`` (with a meta table of its own, unless ``meta_table`` is
    false); whether it is an FTS5 table."""
    if meta_table:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {FORMAT}")
    connection.execute("BEGIN")
    if meta_table:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    fts = FTS5
    if fts:
        try:
            connection.execute(_FTS)
        except sqlite3.OperationalError:  # an SQLite built without FTS5
            fts = False
    if not fts:
        connection.execute(_PLAIN)
    connection.executemany(
        "INSERT INTO search VALUES (?, ?, ?, ?)",
        (
            (card_id, lang, field, text)
            for card_id, card in cards
            for lang in ("fr", "en")
            for field, text in zip(SEARCH_COLUMNS, search_texts(card, lang), strict=True)
            if text
        ),
    )
    if meta_table:
        meta = {"of": of, "fts": "1" if fts else "0"}
        meta["meta"] = _meta_digest(meta)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.execute("COMMIT")
    return fts


def _card_digest(card: str | bytes) -> str:
    return digest(card if isinstance(card, bytes) else card.encode())


def in_memory(key: str, vocabulary: str, rows: Sequence[Row]) -> Index:
    """An index that is never written: for search when the cache is bypassed."""
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _fill(connection, key, vocabulary, rows)
    meta = _meta_of(connection)
    cards = [(str(row.card_id), json.loads(row.card)) for row in rows if row.card is not None]
    meta["fts"] = "1" if _fill_search(connection, meta["meta"], cards, meta_table=False) else "0"
    return Index(connection, {row.name: row for row in rows}, meta)


def _temporary_name(path: Path) -> str:
    return f".{path.name}.{os.getpid()}-{os.urandom(8).hex()}.tmp"


def write(
    path: Path | None,
    key: str,
    vocabulary: str,
    rows: Sequence[Row],
    extra: Mapping[str, str] | None = None,
) -> bool:
    """Write a whole new index to ``path`` atomically; False (and nothing left) on failure
    (see ``_write_file``)."""
    if path is None:
        return False
    return _write_file(path, lambda connection: _fill(connection, key, vocabulary, rows, extra))


def _write_file(path: Path, fill: Callable[[sqlite3.Connection], object]) -> bool:
    """Write a new SQLite file at ``path`` with ``fill``, atomically; False (and nothing
    left) on failure.

    The folder must be the cache's own (``claim``); the new file is written to a file
    the ledger lists first, renamed over ``path`` only when complete, and only over a
    regular file. Ctrl-C, a full disk or any error leaves the previous file as it was
    and removes the temporary one; a killed process's is removed by the next write."""
    temporary: Path | None = None
    try:
        temporary, connection = _open_temporary(path)
        try:
            fill(connection)
        finally:
            connection.close()
        _publish(temporary, path)
    except BaseException as error:  # Ctrl-C too: the temporary file goes, the error stays
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        if isinstance(error, (OSError, sqlite3.Error, ValueError, MemoryError)):
            return False
        raise
    with contextlib.suppress(OSError):
        prune(path.parent, keep=path)
    return True


def _open_temporary(path: Path) -> tuple[Path, sqlite3.Connection]:
    """A new SQLite file beside ``path``, created here, listed in the ledger first."""
    if not claim(path.parent):
        raise OSError("no folder of the cache's own")
    temporary = path.with_name(_temporary_name(path))
    _record(path.parent, path.name, temporary.name)
    # Created here, exclusively: never a file someone else put in the way.
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary, connection


def _publish(temporary: Path, path: Path) -> None:
    """Put the complete file ``temporary`` in ``path``'s place (only a regular file's)."""
    descriptor = os.open(temporary, os.O_RDONLY | _NOFOLLOW)
    try:
        os.fsync(descriptor)  # the rename below must never publish a half-written file
    finally:
        os.close(descriptor)
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.lstat(path).st_mode):
            raise OSError("not a regular file in the index's place: left as it is")
    os.replace(temporary, path)


def _other_half(name: str) -> str:
    """An index's search file's name, or a search file's index's."""
    if name.endswith(SEARCH_SUFFIX):
        return name[: -len(SEARCH_SUFFIX)] + ".sqlite"
    return name[: -len(".sqlite")] + SEARCH_SUFFIX


def _alive(name: str) -> bool:
    """Whether the process that named this temporary file may still be writing it."""
    try:
        pid = int(name.rsplit(".", 2)[-2].split("-")[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError, OverflowError):
        return False
    except OSError:  # it exists (another user's process, say)
        return True
    return True


def prune(folder: Path, keep: Path, now: float | None = None) -> None:
    """Remove, among the files the ledger lists and only those, indexes not written for
    ``KEEP_DAYS`` days (or beyond the ``KEEP_INDEXES`` most recent) and temporary files
    of writes that ended (their process is gone, or an hour has passed); then list in
    the ledger only what remains. Nothing the ledger does not list is touched, and a
    listed name that is now anything but a regular file of this user is left alone
    (and forgotten). A run that appends to the ledger while it is rewritten may lose
    its line: its file is then never removed, never the other way round."""
    if not _is_ours(folder):
        return
    now = time.time() if now is None else now
    kept: list[str] = []
    indexes: list[tuple[float, str]] = []
    for name in _recorded(folder):
        try:
            info = os.lstat(folder / name)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode) or not _mine(info):
            continue  # not what toolbox wrote any more: not ours to remove
        age = now - info.st_mtime
        if name.endswith(".tmp"):
            if age > 3600 or not _alive(name):
                os.unlink(folder / name)
            else:
                kept.append(name)
        elif name in (keep.name, _other_half(keep.name)):
            kept.append(name)  # the index written (or its search table) and its other half
        else:
            indexes.append((age, name))
    indexes.sort()
    for number, (age, name) in enumerate(indexes):
        if age > KEEP_DAYS * 86400 or number >= KEEP_INDEXES - 1:
            os.unlink(folder / name)
        else:
            kept.append(name)
    ledger = folder / _temporary_name(folder / LEDGER)
    _record(folder, ledger.name)  # listed until it is renamed: a leftover is removed
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        descriptor = os.open(ledger, flags, 0o600)
        try:
            os.write(descriptor, "".join(f"{name}\n" for name in kept).encode())
        finally:
            os.close(descriptor)
        os.replace(ledger, folder / LEDGER)
    except BaseException:
        with contextlib.suppress(OSError):
            ledger.unlink()
        raise


# --- search ------------------------------------------------------------------------

MAX_TERMS = 12
MAX_TERM_LENGTH = 60
MAX_QUERY = 2_000  # characters of a query that are read; the rest is ignored
_WORD = re.compile(r"\w+")
HIGHLIGHT = ("\x02", "\x03")  # around matched words in a snippet; renderers style them


class Hit(NamedTuple):
    """A card that matched: its id, its rank (lower is better), a snippet and the
    snippet's language (the other one when the card matched in it only)."""

    id: str
    rank: float
    snippet: str
    snippet_lang: Lang = "en"


def normalised_query(query: str) -> str:
    """``query`` as the cards are searched: bytes the locale could not decode recovered
    (as UTF-8, else Latin-1), composed (NFC: an accent pasted as a combining mark, as
    PDFs and macOS names give it, joins its letter), then folded (case, accents,
    hyphens and apostrophes; ``text.fold``). Before it is split into words, so that
    ``the\u0300se`` is one word, ``these``, on every path."""

    from toolbox_cli.text import fold

    query = query[:MAX_QUERY]
    if _ESCAPED_BYTE.search(query):  # sys.argv keeps undecodable bytes as U+DC80-U+DCFF
        try:
            raw = os.fsencode(query)
        except UnicodeError:
            raw = b""
        if raw:
            try:
                query = raw.decode("utf-8")
            except UnicodeDecodeError:
                query = raw.decode("latin-1")
        query = _ESCAPED_BYTE.sub(" ", query)  # whatever is left cannot be a letter
    return fold(unicodedata.normalize("NFC", query))


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def query_terms(query: str) -> list[str]:
    """The words of a user's query, normalised (``normalised_query``): the query is
    data, never FTS5 syntax.

    Words of one letter (French elisions: l', d') are dropped when there are others."""
    words = [word[:MAX_TERM_LENGTH] for word in _WORD.findall(normalised_query(query))]
    longer = [word for word in words if len(word) > 1]
    return list(dict.fromkeys(longer or words))[:MAX_TERMS]


def match_expression(terms: Sequence[str], operator: str) -> str:
    """Each word quoted (so ``OR``, ``NEAR``, ``*`` or ``"`` are only words) and a prefix."""
    return f" {operator} ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def search(
    index: Index,
    query: str,
    lang: Lang,
    keep: Callable[[str], bool] | None = None,
    limit: int | None = None,
) -> list[Hit]:
    """The cards whose texts, in either language, have every word of ``query`` (or, if
    none has them all, any of them), best first (``_ranks``); those ``keep`` refuses
    are left out, then the first ``limit`` are kept; each with a snippet (see
    ``_snippets``). FTS5 finds the texts when SQLite has it, a scan otherwise: both
    rank them alike."""
    terms = query_terms(query)
    if not terms:
        return []
    run = _search_fts if index.fts else _search_scan
    found = run(index.connection, terms)
    everywhere = {
        card_id for card_id, matched in _terms_by_card(found).items() if len(matched) == len(terms)
    }
    if everywhere:
        found = [item for item in found if item[0] in everywhere]
    ranks = _ranks(index.connection, terms, found)
    best = sorted(
        (item for item in ranks.items() if keep is None or keep(item[0])),
        key=lambda item: (item[1], item[0]),
    )[:limit]
    chosen = {card_id for card_id, _ in best}
    rows = [(c, lg, f, r, snip, t) for c, lg, f, r, snip, t, _ in found if c in chosen]
    snippets = _snippets(index.connection, terms, rows, lang)
    return [Hit(card_id, rank, *snippets.get(card_id, ("", lang))) for card_id, rank in best]


# (card id, lang, field, rank: lower is better, snippet or "", the terms it matched)
Found = tuple[str, str, str, float, str, frozenset[str]]
# A text that matched: a ``Found`` and the text itself, for ``_ranks``.
Matched = tuple[str, str, str, float, str, frozenset[str], str]

# Ranking, BM25F (Robertson and Zaragoza, "The Probabilistic Relevance Framework",
# 2009): a card's words are counted over all its fields at once, each field weighted
# (WEIGHTS) and its length normalised against that field's average, then saturated
# (K1) and weighted by how rare the word is among the cards. Over each field ranked
# apart (bm25 per field, summed), a card about a word (a dozen mentions in its
# examples) comes before one that says it once in a short step. Tuned on the queries
# of tests/test_search_ranking.py, in both languages.
K1 = 2.0
B = 0.5
AVERAGE_SAMPLE = 5_000  # rows (a card has up to 12)


def _begun(term: str) -> re.Pattern[str]:
    """The words of a text that the folded ``term`` begins, any case, any accent: each
    letter also matches the accented letters that fold to it (the texts are read as
    they are: folding every matched text would cost more than the search)."""
    return re.compile(
        "(?<!\\w)" + "".join(_ACCENTED.get(char, re.escape(char)) for char in term) + "\\w*",
        re.IGNORECASE,
    )


def _accented() -> dict[str, str]:
    """Each letter a-z and the Latin letters (U+00C0-U+024F) that fold to it, as a class."""
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char.casefold())[:1]
        if base.isascii() and base.isalpha():
            variants.setdefault(base, set()).add(char)
    return {base: "[" + base + "".join(sorted(chars)) + "]" for base, chars in variants.items()}


_ACCENTED = _accented()
LENGTH_NORMS = {"title": 1.0}  # a short title all about the words beats a long one naming them


def _ranks(
    connection: sqlite3.Connection, terms: Sequence[str], found: Sequence[Matched]
) -> dict[str, float]:
    """Each card's rank (lower is better: minus its BM25F score, its better language)."""
    import math

    cards = connection.execute("SELECT count(*) FROM files").fetchone()[0] or 1
    # The fields' average lengths, from the first rows: all of them in a catalogue of a
    # few hundred cards, a sample in a big one (reading every text would cost seconds).
    average = {
        (str(lang), str(field)): float(length or 1.0)
        for lang, field, length in connection.execute(
            "SELECT lang, field, avg(length(text)) FROM "
            f"(SELECT lang, field, text FROM search LIMIT {AVERAGE_SAMPLE}) GROUP BY lang, field"
        )
    }
    having: dict[str, set[str]] = {}
    for card_id, *_, matched, _text in found:
        for term in matched:
            having.setdefault(term, set()).add(card_id)
    rarity = {
        term: math.log(
            1 + (cards - len(having.get(term, ())) + 0.5) / (len(having.get(term, ())) + 0.5)
        )
        for term in terms
    }
    # the words each query word begins (FTS5's prefix match), found by one regex each
    begun = {term: _begun(term) for term in terms}
    weighted: dict[tuple[str, str], dict[str, float]] = {}
    for card_id, lang, field, _rank, _snippet, matched, text in found:
        b = LENGTH_NORMS.get(field, B)
        norm = 1 - b + b * len(text) / average.get((lang, field), float(len(text) or 1))
        counts = weighted.setdefault((card_id, lang), {})
        for term in matched:
            # a word the query word begins counts by how much of it the query spells:
            # "contract" is "contracts" more than "contractualisation"
            frequency = sum(len(term) / len(word) for word in begun[term].findall(text))
            frequency = frequency or 1.0  # FTS5 matched what folding spells otherwise
            counts[term] = counts.get(term, 0.0) + WEIGHTS.get(field, 1.0) * frequency / norm
    ranks: dict[str, float] = {}
    for (card_id, _lang), counts in weighted.items():
        score = sum(rarity[term] * tf / (K1 + tf) for term, tf in counts.items())
        ranks[card_id] = min(ranks.get(card_id, 0.0), -score)
    return ranks


def _terms_by_card(found: Iterable[Matched]) -> dict[str, set[str]]:
    matched: dict[str, set[str]] = {}
    for card_id, *_, terms, _text in found:
        matched.setdefault(card_id, set()).update(terms)
    return matched


def _search_fts(connection: sqlite3.Connection, terms: Sequence[str]) -> list[Matched]:
    by_row: dict[int, set[str]] = {}
    for term in terms:
        for (rowid,) in connection.execute(
            "SELECT rowid FROM search WHERE search MATCH ?", (match_expression([term], "OR"),)
        ):
            by_row.setdefault(rowid, set()).add(term)
    found = connection.execute(
        "SELECT rowid, card_id, lang, field, bm25(search), text FROM search WHERE search MATCH ?",
        (match_expression(terms, "OR"),),
    ).fetchall()
    return [
        (card_id, lang, field, rank * WEIGHTS.get(field, 1.0), "", frozenset(by_row[rowid]), text)
        for rowid, card_id, lang, field, rank, text in found
        if rowid in by_row
    ]


def _snippets(
    connection: sqlite3.Connection, terms: Sequence[str], found: Sequence[Found], lang: Lang
) -> dict[str, tuple[str, Lang]]:
    """For each card of ``found``, the snippet of its best field and its language: in
    ``lang``; else, when the card matched in the other language only, that language's
    (it says why the card matched); else the start of its summary in ``lang``."""
    other: Lang = "en" if lang == "fr" else "fr"
    wanted = sorted({card_id for card_id, *_ in found})
    if wanted and not any(snippet for *_, snippet, _ in found):  # FTS5: ask for them now
        start, end = HIGHLIGHT
        marks = ", ".join("?" * len(wanted))
        rows = connection.execute(
            f"SELECT card_id, lang, field, bm25(search), "
            f"snippet(search, 3, '{start}', '{end}', '…', 14) FROM search "
            f"WHERE search MATCH ? AND card_id IN ({marks})",
            (match_expression(terms, "OR"), *wanted),
        ).fetchall()
        found = [
            (c, lg, f, r * WEIGHTS.get(f, 1.0), snip, frozenset()) for c, lg, f, r, snip in rows
        ]
    snippets: dict[str, tuple[str, Lang]] = {}
    for language in (lang, other):
        best: dict[str, tuple[float, str]] = {}
        for card_id, row_lang, _field, rank, snippet, _terms in found:
            if card_id in snippets or row_lang != language or not snippet:
                continue
            if rank < best.get(card_id, (0.0, ""))[0]:
                best[card_id] = (rank, snippet)
        for card_id, (_, snippet) in best.items():
            snippets[card_id] = (" ".join(snippet.split()), language)
    missing = [card_id for card_id in wanted if card_id not in snippets]
    if missing:
        marks = ", ".join("?" * len(missing))
        for card_id, text in connection.execute(
            f"SELECT card_id, text FROM search WHERE lang = ? AND field = 'summary' "
            f"AND card_id IN ({marks})",
            (lang, *missing),
        ):
            snippets[card_id] = (_shorten(str(text)), lang)
    return snippets


def _shorten(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _search_scan(connection: sqlite3.Connection, terms: Sequence[str]) -> list[Matched]:
    """The same search without FTS5: every text scanned, a weighted count as the rank."""
    from toolbox_cli.text import fold

    wanted = {term: fold(term) for term in terms}
    start, end = HIGHLIGHT
    found = []
    for card_id, lang, field, text in connection.execute(
        "SELECT card_id, lang, field, text FROM search"
    ):
        raw = str(text or "").split()
        words = [_WORD.findall(fold(word)) for word in raw]
        matched = set()
        marks = []
        for number, parts in enumerate(words):
            hit = [
                term for term, folded in wanted.items() if any(p.startswith(folded) for p in parts)
            ]
            if hit:
                matched.update(hit)
                marks.append(number)
        if not matched:
            continue
        first = max(0, marks[0] - 4)
        window = [
            f"{start}{word}{end}" if first + n in marks else word
            for n, word in enumerate(raw[first : first + 14])
        ]
        snippet = ("…" if first else "") + " ".join(window)
        snippet += "…" if first + 14 < len(raw) else ""
        rank = -len(marks) / (1 + len(raw)) ** 0.5 * WEIGHTS.get(field, 1.0)
        found.append((card_id, lang, field, rank, snippet, frozenset(matched), str(text or "")))
    return found
