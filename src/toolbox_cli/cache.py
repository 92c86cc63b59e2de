"""A cache of checked card files, under the user cache directory.

Each card file's result (the validated card as JSON, or its issues) is kept with
the file's size and mtime; a file whose stamp changed is checked again, the
others are not. The cache is never trusted: an index whose digest, format, tool
version, directory or vocabulary stamp does not match is ignored, a card whose
digest does not match is read again from its file, and whatever the cache
holds is validated again when it is loaded. ``TOOLBOX_NO_CACHE=1`` bypasses it.

No Pydantic here: the fast path of ``toolbox show --json`` reads the cache alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .i18n import ISSUES

FORMAT = 2  # 2: issues are stored as codes and values, worded when shown
NO_CACHE_ENV = "TOOLBOX_NO_CACHE"
CACHE_DIR_ENV = "TOOLBOX_CACHE_DIR"
Stamp = tuple[int, int]


@dataclass(frozen=True)
class Checked:
    """What checking one card file gave: the card (validated, as JSON) or its issues."""

    name: str
    stamp: Stamp
    entry: dict[str, Any] | None
    issues: list[dict[str, Any]]
    card: bytes | None = None  # in memory when just checked
    offset: int = 0  # else where it lies in the blob file
    length: int = 0
    digest: str = ""


def stamp(path: Path) -> Stamp:
    info = path.stat()
    return (info.st_size, info.st_mtime_ns)


def user_cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``$TOOLBOX_CACHE_DIR``, else the platform's user cache directory, + ``toolbox``."""
    explicit = environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "toolbox" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "toolbox"
    return Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "toolbox"


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(NO_CACHE_ENV, "").strip().lower() in {"", "0", "false", "no"}


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def location(cards_dir: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """The cache folder of one cards directory for this version of the tool."""
    key = _digest(f"{__version__}\0{cards_dir.resolve()}".encode())
    return user_cache_dir(environ) / "catalogues" / key


def _header(cards_dir: Path, vocabulary: Stamp) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "tool": __version__,
        "cards_dir": str(cards_dir.resolve()),
        "vocabulary": list(vocabulary),
    }


@dataclass(frozen=True)
class Index:
    folder: Path
    blob: str
    files: dict[str, Checked]
    extra: dict[str, Any]

    def card_bytes(self, checked: Checked, blob: bytes | None = None) -> bytes | None:
        """The cached card JSON of ``checked``, or ``None`` if it cannot be had intact.

        ``blob``: the whole blob file, when many cards are wanted at once.
        """
        if checked.card is not None:
            return checked.card
        if blob is not None:
            data = blob[checked.offset : checked.offset + checked.length]
        else:
            try:
                with (self.folder / self.blob).open("rb") as handle:
                    handle.seek(checked.offset)
                    data = handle.read(checked.length)
            except OSError:
                return None
        return data if _digest(data) == checked.digest else None

    def whole_blob(self) -> bytes | None:
        try:
            return (self.folder / self.blob).read_bytes()
        except OSError:
            return None


def read(
    cards_dir: Path, vocabulary: Stamp, environ: Mapping[str, str] = os.environ
) -> Index | None:
    """The cache of ``cards_dir``, or ``None`` when there is none that can be used."""
    folder = location(cards_dir, environ)
    try:
        raw = (folder / "index.json").read_bytes()
        digest, _, body = raw.partition(b"\n")
        if digest.decode("ascii") != _digest(body):
            return None
        index = json.loads(body)
        if index["header"] != _header(cards_dir, vocabulary):
            return None
        files = {
            item["name"]: Checked(
                name=item["name"],
                stamp=(int(item["size"]), int(item["mtime_ns"])),
                entry=item["entry"],
                issues=item["issues"],
                offset=int(item["offset"]),
                length=int(item["length"]),
                digest=str(item["digest"]),
            )
            for item in index["files"]
            if _well_formed(item)
        }
        if len(files) != len(index["files"]):
            return None  # written by another build of the tool, or damaged: not ours to trust
        blob = str(index["blob"])
        if "/" in blob or "\\" in blob or not (folder / blob).is_file():
            return None  # e.g. another process's rebuild removed it: rebuild again
        return Index(folder, blob, files, dict(index["extra"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None


_ISSUE_KEYS = {"line", "field", "code", "values"}


def _well_formed(item: Any) -> bool:
    """Whether one file's record has the shape this version writes (values are checked
    again when the catalogue is built; this keeps odd shapes from reaching any code)."""
    entry, issues = item.get("entry"), item.get("issues")
    if not isinstance(item.get("name"), str) or not isinstance(issues, list):
        return False
    for issue in issues:
        if not isinstance(issue, dict) or set(issue) != _ISSUE_KEYS:
            return False
        if issue["code"] not in ISSUES or not isinstance(issue["values"], dict):
            return False
    if entry is None:
        return bool(issues)
    title = entry.get("title") if isinstance(entry, dict) else None
    return (
        not issues
        and isinstance(entry.get("id"), str)
        and isinstance(title, dict)
        and all(isinstance(title.get(lang), str) for lang in ("fr", "en"))
    )


def write(
    cards_dir: Path,
    vocabulary: Stamp,
    results: list[Checked],
    previous: Index | None,
    extra: Mapping[str, Any],
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Store ``results`` atomically; a cache that cannot be written is simply skipped."""
    folder = location(cards_dir, environ)
    blob = f"cards.{secrets.token_hex(8)}.bin"
    files = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        old_blob = previous.whole_blob() if previous is not None else None
        with _atomic(folder / blob) as out:
            offset = 0
            for checked in results:
                data = checked.card
                if data is None and previous is not None and checked.entry is not None:
                    data = previous.card_bytes(checked, old_blob)
                if data is None and checked.entry is not None:
                    continue  # lost from the old cache: checked again next time
                data = data or b""
                out.write(data)
                files.append(
                    {
                        "name": checked.name,
                        "size": checked.stamp[0],
                        "mtime_ns": checked.stamp[1],
                        "entry": checked.entry,
                        "issues": checked.issues,
                        "offset": offset,
                        "length": len(data),
                        "digest": _digest(data),
                    }
                )
                offset += len(data)
        body = json.dumps(
            {
                "header": _header(cards_dir, vocabulary),
                "blob": blob,
                "files": files,
                "extra": dict(extra),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        with _atomic(folder / "index.json") as out:
            out.write(_digest(body).encode("ascii") + b"\n" + body)
        for old in folder.glob("cards.*.bin"):
            if old.name != blob:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            (folder / blob).unlink(missing_ok=True)


@contextlib.contextmanager
def _atomic(path: Path) -> Any:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("wb") as out:
            yield out
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
