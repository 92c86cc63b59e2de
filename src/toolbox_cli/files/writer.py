"""The one way the tool writes a file: never anything but a regular file.

``plan`` checks a destination before any work is done and says what it would
replace; ``write`` then writes it. Together they never replace a device, a FIFO,
a directory or a link (a link to a regular file is written through, its target
keeping its place), refuse a read-only file, keep the file's mode and owner, write
all or nothing (see ``write``), and refuse to overwrite a file the caller does not
recognise as its own unless forced. As root, ``--save-answers /dev/null`` is
refused, not renamed over. Only names every platform has are called unguarded.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from toolbox_cli.files.reader import YamlFileError, file_kind, read_bytes
from toolbox_cli.i18n import Lang, os_reason, t, word
from toolbox_cli.safetext import path_text

MAX_EXISTING = 256 * 1024  # what is read of a file about to be replaced, to recognise it


class UnsafeWrite(Exception):
    """A destination the tool will not write: ``key`` says why, in either language."""

    def __init__(self, key: str, path: str | os.PathLike[str], **values: str) -> None:
        self.key = key
        self.values = {"path": path_text(path), **values}
        super().__init__(self.text("en"))

    def text(self, lang: Lang) -> str:
        values = dict(self.values)
        if "kind" in values:
            values["kind"] = word(lang, values["kind"])
        return t(lang, self.key, **values)


@dataclass(frozen=True)
class Target:
    """A checked destination: the real file to write (links resolved), what it holds now."""

    path: Path
    shown: str  # the name the user gave, for messages
    info: os.stat_result | None  # None: a new file
    existing: bytes | None  # its content, when it exists and could be read


def plan(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    recognise: Callable[[bytes], bool] | None = None,
) -> Target:
    """Check that ``path`` may be written, or raise ``UnsafeWrite`` saying why not.

    ``recognise(content)`` tells whether an existing file is one the caller wrote
    (an answers file); any other file is replaced only with ``force``.
    """
    name = os.fspath(path)
    if not name:
        raise UnsafeWrite("write_empty_name", name)
    given = Path(name)
    try:
        info: os.stat_result | None = os.lstat(given)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise UnsafeWrite("write_failed", name, **os_reason(error)) from None
    real = given
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(given)
        except OSError:
            raise UnsafeWrite("write_dangling_link", name) from None
        if not stat.S_ISREG(info.st_mode):  # /dev/stdout: a link to a terminal or a pipe
            raise UnsafeWrite("write_not_regular", name, kind=file_kind(info.st_mode))
        real = Path(os.path.realpath(given))
        try:
            resolved = os.lstat(real)
        except OSError:
            resolved = None
        if resolved is None or (resolved.st_dev, resolved.st_ino) != (info.st_dev, info.st_ino):
            # a link through /proc to a deleted file: no path to write to
            raise UnsafeWrite("write_not_regular", name, kind="other_file")
    directory = real.parent
    if info is None:
        if not directory.is_dir():
            raise UnsafeWrite("write_no_dir", directory)
        if not os.access(directory, os.W_OK):
            raise UnsafeWrite("write_dir_not_writable", directory)
        return Target(real, name, None, None)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeWrite("write_not_regular", name, kind=file_kind(info.st_mode))
    # Root may write anything: the mode bits say what the owner wants kept.
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise UnsafeWrite("write_read_only", name)
    try:
        existing: bytes | None = read_bytes(real, limit=MAX_EXISTING)
    except YamlFileError:
        existing = None
    if not force and recognise is not None and (existing is None or not recognise(existing)):
        raise UnsafeWrite("write_not_ours", name)
    if not os.access(directory, os.W_OK):  # the new content is moved in from beside it
        raise UnsafeWrite("write_dir_not_writable", directory)
    return Target(real, name, info, existing)


def write(target: Target, content: str) -> None:
    """Write ``content`` (UTF-8) to a planned ``target``, all of it or nothing.

    The new content is written whole to a temporary file beside the target, synced,
    then moved into place: at any moment (a kill, a full disk, a power cut) the
    target holds either its old content or the new one, never a mix. A new file is
    created with the usual mode (0666 less the umask) and never replaces a file that
    appeared meanwhile. An existing file keeps its mode and owner. A file with other
    hard links is replaced under the name given: the other names keep the previous
    content (no file system lets a shared file change for all its names at once).
    SIGTERM and SIGHUP, like Ctrl-C, remove the temporary file before the tool ends.
    """
    data = content.encode("utf-8")
    try:
        with _stopping_cleanly():
            if target.info is None:
                _create(target, data)
            else:
                _replace(target, data)
    except OSError as error:
        raise UnsafeWrite("write_failed", target.shown, **os_reason(error)) from None


class _Stopped(BaseException):
    """A termination signal received while a temporary file exists."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# The signals that end a process politely: SIGINT is Ctrl-C (KeyboardInterrupt already
# unwinds); SIGHUP does not exist on Windows.
_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _stopping_cleanly() -> Iterator[None]:
    """While the block runs, a termination signal unwinds it like Ctrl-C (so its
    ``finally`` clauses remove the temporary file), then ends the process by that same
    signal, as it would have ended without us."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (a library caller's worker)
        return

    def stop(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    # A signal someone chose to ignore (nohup) or to handle stays theirs.
    previous = {
        signum: signal.signal(signum, stop)
        for signum in _STOP_SIGNALS
        if signal.getsignal(signum) == signal.SIG_DFL
    }
    try:
        yield
    except _Stopped as stopped:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous = {}
        signal.raise_signal(stopped.signum)
        raise SystemExit(128 + stopped.signum) from None  # a handler that returned
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _same_file(target: Target, info: os.stat_result) -> None:
    """Refuse if the file planned was replaced meanwhile (by a link, a FIFO...)."""
    assert target.info is not None
    if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != (
        target.info.st_dev,
        target.info.st_ino,
    ):
        raise UnsafeWrite("write_changed", target.shown)


NAME_MAX = 255  # bytes in one file name: Linux, macOS, Windows (UTF-16 units) alike
_TEMPORARY_ROOM = NAME_MAX - len(".") - len(".") - 8 - len(".tmp")  # mkstemp's 8


def temporary_prefix(name: str) -> str:
    """``.name.`` for the temporary file beside ``name``, ``name`` cut so that the
    temporary name still fits in ``NAME_MAX`` (a legal 250-character name would not)."""
    while len(os.fsencode(name)) > _TEMPORARY_ROOM:
        name = name[:-1]
    return f".{name}."


def _temporary(target: Target, data: bytes, mode: int) -> Path:
    handle, name = tempfile.mkstemp(
        dir=target.path.parent, prefix=temporary_prefix(target.path.name), suffix=".tmp"
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            if hasattr(os, "fchmod"):  # POSIX; Windows keeps only a read-only bit
                os.fchmod(out.fileno(), mode)
            if target.info is not None and hasattr(os, "fchown"):
                with contextlib.suppress(OSError):  # root writing a user's file: still theirs
                    os.fchown(out.fileno(), target.info.st_uid, target.info.st_gid)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if not hasattr(os, "fchmod"):
            temporary.chmod(mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _create(target: Target, data: bytes) -> None:
    umask = os.umask(0o22)
    os.umask(umask)
    temporary = _temporary(target, data, 0o666 & ~umask)
    try:
        os.link(temporary, target.path)  # unlike a rename, never replaces what appeared
    except FileExistsError:
        raise UnsafeWrite("write_changed", target.shown) from None
    finally:
        temporary.unlink(missing_ok=True)


def _replace(target: Target, data: bytes) -> None:
    assert target.info is not None
    temporary = _temporary(target, data, stat.S_IMODE(target.info.st_mode))
    try:
        _same_file(target, os.lstat(target.path))
        os.replace(temporary, target.path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
