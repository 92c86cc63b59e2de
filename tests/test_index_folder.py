"""The index owns its folder and nothing else: wherever ``TOOLBOX_CACHE_DIR`` or
``XDG_CACHE_HOME`` points, it never removes, replaces or truncates a file it did not
write; and a write cut short (Ctrl-C, a full disk, a killed process) leaves the
previous index usable and no temporary file behind."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolbox_cli.catalogue import index, load_catalogue

LONG_AGO = time.time() - 90 * 86400


def snapshot(root: Path, skip: str = index.FOLDER) -> dict[str, tuple[object, ...]]:
    """Every entry under ``root`` but the cache's own folder and the cards (which the
    tests edit): kind, bytes, mode, mtime."""
    found: dict[str, tuple[object, ...]] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if skip in relative.parts or relative.parts[0] == "cards":
            continue
        info = path.lstat()
        if path.is_symlink():
            found[str(relative)] = ("link", os.readlink(path))
        elif path.is_file():
            found[str(relative)] = ("file", path.read_bytes(), info.st_mode, info.st_mtime_ns)
        else:
            found[str(relative)] = ("dir", info.st_mode)
    return found


def someone_elses_files(root: Path) -> None:
    """What a project folder or another program's cache holds, with the names the old
    pruner took for its own (found in review: one ``toolbox list`` removed them)."""
    (root / "catalogues" / "community").mkdir(parents=True)
    (root / "catalogues" / "NOTES.txt").write_text("my notes\n", encoding="utf-8")
    (root / "catalogues" / "community" / "tiers-lieux.yaml").write_text("id: x\n", "utf-8")
    (root / "index").mkdir()
    for name in ("old.sqlite", ".x.tmp", f"{'a' * 32}.sqlite", "notes.txt"):
        (root / "index" / name).write_bytes(b"someone else's " + name.encode())
        os.utime(root / "index" / name, (LONG_AGO, LONG_AGO))
    (root / "data.sqlite").write_bytes(b"another program's database")
    os.utime(root / "data.sqlite", (LONG_AGO, LONG_AGO))


def edit(cards: Path) -> None:
    """A change of one card: the next load writes the index again (and prunes)."""
    path = cards / "chaires.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.parametrize("variable", ["TOOLBOX_CACHE_DIR", "XDG_CACHE_HOME"])
def test_the_cache_never_touches_files_it_did_not_write(
    variable: str, cards_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = tmp_path / "project"
    given.mkdir()
    someone_elses_files(given)
    if variable == "XDG_CACHE_HOME":
        monkeypatch.delenv("TOOLBOX_CACHE_DIR")
        monkeypatch.setenv("XDG_CACHE_HOME", str(given.parent))
        given = given.parent / "toolbox"  # the cache directory platformdirs gives
        given.mkdir()
        someone_elses_files(given)
    else:
        monkeypatch.setenv(variable, str(given))
    before = snapshot(given.parent)
    for _ in range(3):
        catalogue = load_catalogue(cards_copy, light=True)
        assert catalogue.search("doctorant", "fr")[0].id == "these-cifre"
        edit(cards_copy)
    assert snapshot(given.parent) == before
    where = index.location(cards_copy)
    assert where is not None
    assert where.is_file()
    assert where.parent == given / index.FOLDER
    assert (where.parent / index.MARKER).read_bytes() == index.MARKER_TEXT


def test_the_pruner_removes_only_what_the_ledger_lists(tmp_path: Path) -> None:
    folder = tmp_path / index.FOLDER
    assert index.claim(folder)
    # someone else's files in the cache's own folder, old, with names it could write
    strangers = {
        f"{'b' * 32}.sqlite": b"SQLite format 3\0 another program's",
        f".{'c' * 32}.sqlite.1-{'0' * 16}.tmp": b"not ours",
        "old.sqlite": b"x",
        ".x.tmp": b"x",
        "README": b"mine",
    }
    for name, content in strangers.items():
        (folder / name).write_bytes(content)
        os.utime(folder / name, (LONG_AGO, LONG_AGO))
    ours = [folder / f"{number:032x}.sqlite" for number in range(3)]
    for path in ours:
        index._record(folder, path.name)
        path.write_bytes(b"ours")
    os.utime(ours[0], (LONG_AGO, LONG_AGO))
    # a name the ledger lists that is now a link to a file elsewhere, and a directory
    target = tmp_path / "precious.txt"
    target.write_bytes(b"precious")
    linked = folder / f"{'d' * 32}.sqlite"
    linked.symlink_to(target)
    made_dir = folder / f"{'e' * 32}.sqlite"
    made_dir.mkdir()
    index._record(folder, linked.name, made_dir.name, "../precious.txt", "README")
    os.utime(linked, (LONG_AGO, LONG_AGO), follow_symlinks=False)
    index.prune(folder, keep=ours[2])
    for name, content in strangers.items():
        assert (folder / name).read_bytes() == content
    assert not ours[0].exists()  # old, and written by the cache: removed
    assert ours[1].exists()
    assert ours[2].exists()
    assert linked.is_symlink()
    assert target.read_bytes() == b"precious"
    assert made_dir.is_dir()
    assert set(index._recorded(folder)) == {ours[1].name, ours[2].name}


def test_a_folder_of_that_name_that_is_not_the_cache_s_is_left_alone(
    cards_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "given"
    folder = root / index.FOLDER
    folder.mkdir(parents=True)
    (folder / "theirs.sqlite").write_bytes(b"theirs")
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(root))
    before = snapshot(root, skip="")
    load_catalogue(cards_copy)
    edit(cards_copy)
    assert len(load_catalogue(cards_copy).checked) == 26  # no index: validated afresh
    assert snapshot(root, skip="") == before


def test_a_link_in_the_cache_s_place_is_not_followed(
    cards_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "given").mkdir()
    (tmp_path / "given" / index.FOLDER).symlink_to(elsewhere)
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(tmp_path / "given"))
    for _ in range(2):
        assert load_catalogue(cards_copy, light=True).entries
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("kind", ["file", "read-only folder"])
def test_a_cache_directory_that_cannot_be_used_is_bypassed_untouched(
    kind: str, cards_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = tmp_path / "given"
    if kind == "file":
        given.write_bytes(b"a file where the cache directory should be")
    else:
        given.mkdir()
        (given / "inside.txt").write_bytes(b"x")
        given.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(given))
    try:
        before = snapshot(tmp_path)
        catalogue = load_catalogue(cards_copy, light=True)
        assert len(catalogue.entries) == 26
        assert catalogue.search("doctorant", "fr")[0].id == "these-cifre"
        assert snapshot(tmp_path) == before  # (root writes in a read-only folder: its own)
        if not os.access(given, os.W_OK):
            assert not (given / index.FOLDER).exists()
    finally:
        if given.is_dir():
            given.chmod(stat.S_IRWXU)


# --- a write cut short -------------------------------------------------------------


def indexed(cards: Path) -> tuple[Path, bytes]:
    load_catalogue(cards)
    where = index.location(cards)
    assert where is not None
    return where, where.read_bytes()


def temporary_files(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".tmp")]


def test_ctrl_c_during_a_write_leaves_the_previous_index_and_no_temporary_file(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where, before = indexed(cards_copy)
    real_end = index._end

    def interrupted(connection: sqlite3.Connection, *args: object, **kwargs: object) -> None:
        connection.execute("CREATE TABLE half (written)")
        raise KeyboardInterrupt

    monkeypatch.setattr(index, "_end", interrupted)
    edit(cards_copy)
    with pytest.raises(KeyboardInterrupt):
        load_catalogue(cards_copy)
    assert where.read_bytes() == before
    assert temporary_files(where.parent) == []
    monkeypatch.setattr(index, "_end", real_end)
    assert load_catalogue(cards_copy).checked == ("chaires.yaml",)  # the old one, used


def _run_toolbox(cards: Path, env: dict[str, str], prelude: str = "") -> subprocess.Popen[str]:
    code = (
        "import sys\n"
        f"{prelude}\n"
        "from toolbox_cli.__main__ import main\n"
        f"sys.argv = ['toolbox', 'list', '--json', '--cards-dir', {str(cards)!r}]\n"
        "main()\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_full_disk_during_a_write_leaves_the_previous_index_and_no_temporary_file(
    cards_copy: Path,
) -> None:
    where, before = indexed(cards_copy)
    edit(cards_copy)
    # Files may grow to 64 KiB, no more (the index is larger): as a full disk, EFBIG.
    prelude = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))\n"
    )
    process = _run_toolbox(cards_copy, dict(os.environ), prelude)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert len(json.loads(out)) == 26
    assert "Traceback" not in err
    assert where.read_bytes() == before
    assert temporary_files(where.parent) == []


def test_a_killed_write_leaves_the_previous_index_and_the_next_write_cleans_up(
    cards_copy: Path,
) -> None:
    where, before = indexed(cards_copy)
    edit(cards_copy)
    prelude = (
        "import os, signal\n"
        "from toolbox_cli.catalogue import index\n"
        "def killed(connection, *args, **kwargs):\n"
        "    connection.execute('CREATE TABLE half (written)')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "index._end = killed\n"
    )
    process = _run_toolbox(cards_copy, dict(os.environ), prelude)
    process.communicate(timeout=300)
    assert process.returncode == -signal.SIGKILL
    assert where.read_bytes() == before  # the previous index, whole and usable
    assert index.open_index(where, _key(cards_copy)) is not None
    assert len(temporary_files(where.parent)) == 1  # what a killed process leaves...
    catalogue = load_catalogue(cards_copy)  # ...until the next write
    assert catalogue.checked == ("chaires.yaml",)
    assert temporary_files(where.parent) == []
    assert load_catalogue(cards_copy).checked == ()


def _key(cards: Path) -> str:
    vocabulary = index.read_checked(cards / "vocabulary.yaml")
    if vocabulary is None:
        from toolbox_cli.catalogue.paths import vocabulary_file

        vocabulary = vocabulary_file().read_bytes()
    return index.index_key(cards, vocabulary)
