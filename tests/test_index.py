"""The SQLite index: the same results as no index, invalidated by exactly what changes
validation, never trusted, safe under concurrent runs; and ``toolbox search``."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from toolbox_cli.catalogue import index, load_catalogue, loader, paths, records
from toolbox_cli.catalogue.models import Card, CardEntry, Vocabulary
from toolbox_cli.catalogue.validate import CatalogueError, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [
    ["show", "these-cifre", "--json"],
    ["show", "these-cifre", "--lang", "fr"],
    ["list", "--json"],
    ["list", "--level", "4", "--lang", "fr"],
    ["levels", "--json"],
    ["search", "convention", "--json", "--lang", "fr"],
    ["search", "doctoral", "--lang", "en"],
    ["recommend", "--actor", "research", "--maturity", "1", "--goal", "skills", "--json"],
    ["validate", "--json"],
]


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Change a file's content, keeping its size and its modification time: only its
    content (and its change time) tell that it changed."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def index_file(cards_dir: Path) -> Path:
    where = index.location(cards_dir)
    assert where is not None
    return where


# --- the same results -----------------------------------------------------------------


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_every_command_gives_the_same_output_with_and_without_the_index(
    args: list[str],
    cards_copy: Path,
    run: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extra = [] if args[0] in {"levels", "validate"} else ["--cards-dir", str(cards_copy)]
    if args[0] == "validate":
        extra = [str(cards_copy)]
    outputs = []
    for no_cache in ("1", "", ""):  # without, then cold, then warm
        monkeypatch.setenv("TOOLBOX_NO_CACHE", no_cache)
        result = run(*args, *extra)
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert index_file(cards_copy).is_file() or args[0] == "levels"


def test_a_warm_load_validates_nothing_and_matches_a_fresh_one(cards_copy: Path) -> None:
    cold = load_catalogue(cards_copy)
    assert len(cold.checked) == len(list(cards_copy.glob("*.yaml")))
    warm = load_catalogue(cards_copy, light=True)
    assert warm.checked == ()
    fresh = load_catalogue(cards_copy, use_cache=False)
    for card_id in fresh.ids():
        assert warm.card(card_id).model_dump() == fresh.card(card_id).model_dump(mode="json")
    assert [e.model_dump() for e in warm.entries] == [
        e.model_dump(mode="json") for e in fresh.entries
    ]


def test_the_library_gets_models_validated_again_from_the_index(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    warm = load_catalogue(cards_copy)
    assert warm.checked == ()
    assert isinstance(warm.vocabulary, Vocabulary)
    assert isinstance(warm.entries[0], CardEntry)
    assert isinstance(warm.card("these-cifre"), Card)


# --- invalidation: a model change, a vocabulary change, a card edit -------------------


def package_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the package and its data, run with ``python -m toolbox_cli``."""
    root = tmp_path / "copy"
    shutil.copytree(ROOT / "src" / "toolbox_cli", root / "src" / "toolbox_cli")
    shutil.copytree(ROOT / "data", root / "data")
    env = {
        **os.environ,
        "PYTHONPATH": str(root / "src"),
        "TOOLBOX_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("TOOLBOX_NO_CACHE", None)
    return root, env


def validate_json(env: dict[str, str], cards: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", "validate", str(cards), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_change_of_the_card_model_invalidates_the_index(tmp_path: Path) -> None:
    root, env = package_copy(tmp_path)
    cards = root / "data" / "cards"
    assert validate_json(env, cards)["valid"]  # indexed
    models = root / "src" / "toolbox_cli" / "catalogue" / "models.py"
    text = models.read_text(encoding="utf-8")
    tightened = text.replace("max_length=20_000", "max_length=200", 1)
    assert tightened != text
    models.write_text(tightened, encoding="utf-8")
    after = validate_json(env, cards)
    assert not after["valid"]  # what the new model says, not what the index held
    assert {error["code"] for error in after["errors"]} == {"too_long"}
    models.write_text(text, encoding="utf-8")
    assert validate_json(env, cards)["valid"]


def test_a_change_of_the_vocabulary_invalidates_the_index(
    tmp_path: Path, cards_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = cards_copy / "vocabulary.yaml"  # the catalogue's own vocabulary
    shutil.copy(paths.vocabulary_file(), vocabulary)
    assert load_catalogue(cards_copy).entries
    # 'funding' becomes 'fundinG': same size, same mtime, cards that use it are now wrong
    same_size_edit(vocabulary, "- id: funding", "- id: fundinx")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(cards_copy, light=True)
    assert {issue.code for issue in raised.value.issues} == {"unknown_term"}
    same_size_edit(vocabulary, "- id: fundinx", "- id: funding")
    assert load_catalogue(cards_copy, light=True).entries


def test_a_card_edit_that_keeps_size_and_mtime_is_seen(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    path = cards_copy / "chaires.yaml"
    same_size_edit(path, "levels: [2, 3, 4, 5]", "levels: [2, 3, 4, 9]")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(cards_copy, light=True)
    assert [issue.code for issue in raised.value.issues] == ["out_of_bounds"]
    assert raised.value.valid == len(list(cards_copy.glob("*.yaml"))) - 1
    same_size_edit(path, "levels: [2, 3, 4, 9]", "levels: [2, 3, 4, 5]")
    catalogue = load_catalogue(cards_copy, light=True)
    assert catalogue.card("chaires").levels == [2, 3, 4, 5]


def test_an_edit_revalidates_that_card_only(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    path = cards_copy / "chaires.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fr: Les chaires", "fr: Les chaires universitaires"), "utf-8")
    catalogue = load_catalogue(cards_copy, light=True)
    assert catalogue.checked == ("chaires.yaml",)
    assert catalogue.card("chaires").title.fr == "Les chaires universitaires"


def test_a_touched_but_unchanged_card_is_not_validated_again(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    os.utime(cards_copy / "chaires.yaml")  # a new mtime, the same content
    assert load_catalogue(cards_copy, light=True).checked == ()


@pytest.mark.parametrize("dir_fd", [True, False], ids=["from the folder", "by whole path"])
def test_stamps_are_each_file_s_stamp_and_none_for_one_gone(
    cards_copy: Path, dir_fd: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not dir_fd:  # as where os.stat cannot start from a folder's descriptor (Windows)
        monkeypatch.setattr(os, "supports_dir_fd", set())
    names = ["chaires.yaml", "gone.yaml", "these-cifre.yaml"]
    (cards_copy / "dangling.yaml").symlink_to(cards_copy / "nowhere.yaml")
    found = index.stamps(str(cards_copy), [*names, "dangling.yaml"])
    assert found == [
        index.stamp(cards_copy / "chaires.yaml"),
        None,
        index.stamp(cards_copy / "these-cifre.yaml"),
        None,
    ]
    assert index.stamps(str(cards_copy / "no-such-folder"), names) == [None, None, None]


def test_stamps_of_a_fifo_in_place_of_the_folder_never_block(tmp_path: Path) -> None:
    # the folder replaced by a FIFO between listing and stamping: opening it would wait
    # for a writer (found in review)
    os.mkfifo(tmp_path / "cards")
    done: list[list[index.Stamp | None]] = []
    worker = threading.Thread(
        target=lambda: done.append(index.stamps(str(tmp_path / "cards"), ["a.yaml"]))
    )
    worker.daemon = True
    worker.start()
    worker.join(10)
    assert done == [[None]]


def test_added_and_removed_cards_are_seen(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    text = (cards_copy / "chaires.yaml").read_text(encoding="utf-8")
    (cards_copy / "chaires-bis.yaml").write_text(
        text.replace("id: chaires", "id: chaires-bis", 1)
        .replace("fr: Les chaires", "fr: Les chaires bis")
        .replace("en: Chairs", "en: Chairs bis"),  # titles are unique too
        encoding="utf-8",
    )
    (cards_copy / "commande-publique.yaml").unlink()
    catalogue = load_catalogue(cards_copy, light=True)
    assert catalogue.checked == ("chaires-bis.yaml",)
    assert "chaires-bis" in catalogue.ids()
    assert "commande-publique" not in catalogue.ids()
    assert "commande-publique" not in [hit.id for hit in catalogue.search("marché", "fr")]


def test_errors_come_back_the_same_from_the_index(cards_copy: Path) -> None:
    (cards_copy / "chaires.yaml").write_text(
        (cards_copy / "chaires.yaml")
        .read_text(encoding="utf-8")
        .replace("levels: [2, 3, 4, 5]", "levels: [2, 3, 4, 9]"),
        encoding="utf-8",
    )
    (cards_copy / "Bad_Name.yaml").write_text("id: x\n", encoding="utf-8")
    messages = []
    for use_cache in (False, True, True):
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(cards_copy, use_cache=use_cache, light=True)
        messages.append(([str(issue) for issue in raised.value.issues], raised.value.valid))
    assert messages[0] == messages[1] == messages[2]
    assert len(messages[0][0]) >= 3


def test_validate_no_cache_neither_reads_nor_writes_the_index(
    cards_copy: Path, run: Callable[..., Result]
) -> None:
    result = run("validate", str(cards_copy), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert not index_file(cards_copy).exists()
    load_catalogue(cards_copy)
    with sqlite3.connect(index_file(cards_copy)) as connection:  # a lie in the index...
        connection.execute("UPDATE files SET entry = NULL")
    same = run("validate", str(cards_copy), "--no-cache", "--json")
    assert json.loads(same.stdout)["valid"]  # ...is never read with --no-cache


def test_no_cache_environment_writes_nothing(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")
    load_catalogue(cards_copy)
    assert not index_file(cards_copy).exists()
    assert len(load_catalogue(cards_copy).checked) == len(list(cards_copy.glob("*.yaml")))


# --- never trusted ------------------------------------------------------------------


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('key', 'x')")


def _sql(statement: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        with sqlite3.connect(path) as connection:
            connection.execute(statement)

    return change


DAMAGES = {
    "garbage": lambda p: p.write_bytes(b"not an index" * 100),
    "empty": lambda p: p.write_bytes(b""),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "zeroed-pages": lambda p: p.write_bytes(p.read_bytes()[:4096] + b"\0" * 40960),
    "foreign-sqlite": _foreign,
    "another-format": _sql("PRAGMA user_version = 99"),
    "edited-entry": _sql("UPDATE files SET entry = replace(entry, '\"levels\": [2', '[9')"),
    "edited-key": _sql("UPDATE meta SET value = 'x' WHERE key = 'key'"),
    "edited-card": _sql("UPDATE cards SET card = replace(card, 'Les chaires', 'Des chaises')"),
    "dropped-cards": _sql("DROP TABLE cards"),
    "directory": lambda p: (p.unlink(), p.mkdir()),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_index_is_ignored_and_rebuilt(
    cards_copy: Path, damage: Callable[[Path], object], run: Callable[..., Result]
) -> None:
    load_catalogue(cards_copy)
    expected = [run(*args, "--cards-dir", str(cards_copy)).stdout for args in COMMANDS[:3]]
    damage(index_file(cards_copy))
    for args, before in zip(COMMANDS[:3], expected, strict=True):
        result = run(*args, "--cards-dir", str(cards_copy))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == before
    hits = load_catalogue(cards_copy, light=True).search("chaires", "fr")
    assert hits[0].id == "chaires"
    if index_file(cards_copy).is_file():
        assert load_catalogue(cards_copy).checked == ()  # rebuilt, and used again


SEARCH_DAMAGES = {
    "garbage": lambda p: p.write_bytes(b"not an index" * 100),
    "dropped-search": _sql("DROP TABLE search"),
    "of-another-index": _sql("UPDATE meta SET value = 'x' WHERE key = 'of'"),
    "directory": lambda p: (p.unlink(), p.mkdir()),
}


@pytest.mark.parametrize("damage", SEARCH_DAMAGES.values(), ids=SEARCH_DAMAGES.keys())
def test_the_search_table_is_built_when_search_needs_it_and_never_trusted_damaged(
    cards_copy: Path, damage: Callable[[Path], object], run: Callable[..., Result]
) -> None:
    where = index_file(cards_copy)
    search_file = where.with_name(where.stem + index.SEARCH_SUFFIX)
    run("list", "--json", "--cards-dir", str(cards_copy))
    assert where.is_file()
    assert not search_file.exists()  # no search yet: no search table
    query = ("search", "doctorant", "--json", "--cards-dir", str(cards_copy))
    expected = run(*query).stdout
    assert json.loads(expected)["results"][0]["id"] == "these-cifre"
    assert search_file.is_file()
    damage(search_file)
    assert run(*query).stdout == expected
    if not search_file.is_dir():  # rebuilt; a directory in its place is left as it is
        assert run(*query).stdout == expected


def rewrite_rows(cards_dir: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the rows and give them valid digests: an index that looks intact."""
    path = index_file(cards_dir)
    with sqlite3.connect(path) as connection:
        name, entry, issues = connection.execute(
            "SELECT name, entry, issues FROM files ORDER BY name"
        ).fetchone()
        data = {"name": name, "entry": json.loads(entry), "issues": json.loads(issues)}
        change(data)
        connection.execute(
            "UPDATE files SET entry = ?, issues = ? WHERE name = ?",
            (
                json.dumps(data["entry"]) if data["entry"] is not None else None,
                json.dumps(data["issues"]),
                data["name"],
            ),
        )
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'rows'", (index._rows_digest(connection),)
        )
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'meta'", (index._meta_digest(meta),)
        )


def _odd_issue(data: dict[str, Any]) -> None:
    data["issues"] = [{"line": 1, "field": None, "code": "no-such-code", "values": {}}]
    data["entry"] = None


def _odd_title(data: dict[str, Any]) -> None:
    data["entry"]["title"] = {"fr": 1, "en": None}


def _odd_levels(data: dict[str, Any]) -> None:
    data["entry"]["levels"] = "1"


def _issues_and_entry(data: dict[str, Any]) -> None:
    data["issues"] = [{"line": 1, "field": None, "code": "missing", "values": {}}]


@pytest.mark.parametrize("change", [_odd_issue, _odd_title, _odd_levels, _issues_and_entry])
def test_an_index_of_another_shape_is_rebuilt_not_trusted(
    cards_copy: Path, change: Callable[[dict[str, Any]], None], run: Callable[..., Result]
) -> None:
    load_catalogue(cards_copy)
    rewrite_rows(cards_copy, change)
    result = run("list", "--json", "--cards-dir", str(cards_copy))
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == len(list(cards_copy.glob("*.yaml")))
    assert load_catalogue(cards_copy, light=True).checked == ()  # written again


def _no_title(data: dict[str, Any]) -> None:
    del data["entry"]["title"]


def test_a_forged_row_is_not_trusted_when_another_card_changes(
    cards_copy: Path, run: Callable[..., Result]
) -> None:
    # The index is written again (a card changed) from rows that look intact: the
    # titles are read from them, and a row without one is found, not a traceback.
    load_catalogue(cards_copy)
    before = json.loads(run("list", "--json", "--cards-dir", str(cards_copy)).stdout)
    rewrite_rows(cards_copy, _no_title)
    text = (cards_copy / "chaires.yaml").read_text(encoding="utf-8")
    text = text.replace("id: chaires", "id: chaires-bis", 1)
    text = re.sub(r"^(title:\n  fr: )(.*)$", r"\1Autres \2", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^(  en: )(.*)$", r"\1Other \2", text, count=1, flags=re.MULTILINE)
    (cards_copy / "chaires-bis.yaml").write_text(text, encoding="utf-8")
    result = run("list", "--json", "--cards-dir", str(cards_copy))
    assert result.exit_code == 0, result.stderr
    after = json.loads(result.stdout)
    assert [item for item in after if item["id"] != "chaires-bis"] == before
    assert len(after) == len(before) + 1
    assert load_catalogue(cards_copy, light=True).checked == ()  # written again, intact


@pytest.mark.parametrize(
    ("column", "value"), [("size", "12"), ("ino", 1.5), ("entry", b"{}"), ("digest", 7)]
)
def test_a_row_value_of_another_type_is_not_trusted(
    cards_copy: Path, column: str, value: object, run: Callable[..., Result]
) -> None:
    load_catalogue(cards_copy)
    before = run("list", "--json", "--cards-dir", str(cards_copy)).stdout
    with sqlite3.connect(index_file(cards_copy)) as connection:
        connection.execute(f"UPDATE files SET {column} = ?", (value,))  # every row
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'rows'", (index._rows_digest(connection),)
        )
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'meta'", (index._meta_digest(meta),)
        )
    result = run("list", "--json", "--cards-dir", str(cards_copy))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == before
    assert load_catalogue(cards_copy, light=True).checked == ()  # written again


def test_a_locked_index_is_bypassed(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    locker = sqlite3.connect(index_file(cards_copy), isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        catalogue = load_catalogue(cards_copy, light=True)
        assert "these-cifre" in catalogue.ids()
        assert catalogue.search("doctorant", "fr")[0].id == "these-cifre"
    finally:
        locker.close()


def test_an_unwritable_cache_directory_is_bypassed(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(blocker / "below"))
    catalogue = load_catalogue(cards_copy, light=True)
    assert len(catalogue.entries) == len(list(cards_copy.glob("*.yaml")))
    assert catalogue.search("doctorant", "fr")[0].id == "these-cifre"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_in_place_of_the_index_never_blocks(
    kind: str, cards_copy: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "TOOLBOX_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TOOLBOX_NO_CACHE", None)
    where = index.location(cards_copy, env)
    assert where is not None
    assert index.claim(where.parent)  # the cache's own folder, with a stranger in it
    if kind == "fifo":
        os.mkfifo(where)
    else:
        where.symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", "list", "--json", "--cards-dir", str(cards_copy)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a safety net: it would block forever before
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == len(list(cards_copy.glob("*.yaml")))
    # not a file the cache wrote: neither read nor replaced
    assert where.is_symlink() if kind == "device" else where.is_fifo()
    assert [p.name for p in where.parent.iterdir() if p.suffix == ".tmp"] == []


def test_concurrent_runs_on_a_fresh_index_agree(cards_copy: Path) -> None:
    env = dict(os.environ)  # the test's own, empty, cache directory
    command = [sys.executable, "-m", "toolbox_cli", "search", "recherche", "--json"]
    processes = [
        subprocess.Popen(
            [*command, "--cards-dir", str(cards_copy)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    assert len({stdout for stdout, _ in outputs}) == 1
    assert json.loads(outputs[0][0])["results"]
    leftovers = [p.name for p in index_file(cards_copy).parent.iterdir() if p.suffix == ".tmp"]
    assert leftovers == []
    assert load_catalogue(cards_copy).checked == ()  # the index they left is whole


def test_old_indexes_and_leftovers_the_cache_wrote_are_pruned(
    cards_copy: Path, tmp_path: Path
) -> None:
    load_catalogue(cards_copy)
    folder = index_file(cards_copy).parent
    other = tmp_path / "other-cards"
    shutil.copytree(cards_copy, other)
    load_catalogue(other)  # a second index of ours, then made old
    old = index_file(other)
    long_ago = time.time() - 90 * 86400
    os.utime(old, (long_ago, long_ago))
    leftover = folder / f".{index_file(cards_copy).name}.999999999-{'0' * 16}.tmp"
    index._record(folder, leftover.name)  # as a killed write leaves it
    leftover.write_bytes(b"x")
    (cards_copy / "chaires.yaml").write_text(
        (cards_copy / "chaires.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    load_catalogue(cards_copy)  # writes, then prunes
    assert not old.exists()
    assert not leftover.exists()
    assert index_file(cards_copy).exists()
    assert set(index._recorded(folder)) == {index_file(cards_copy).name}


def test_a_relative_xdg_cache_home_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TOOLBOX_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    root = index.cache_root()
    assert root is not None
    assert root.is_absolute()
    assert root == tmp_path / "home" / ".cache" / "toolbox"
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", "also/relative")
    assert index.cache_root() is None  # no cache rather than one that follows the cwd


@pytest.mark.parametrize(
    ("home", "xdg"),
    [
        ("home", None),
        ("home/", None),
        ("home", "xdg"),
        ("home", ""),
        ("home", "   "),
        ("", None),
        ("relative/home", None),
        (None, None),
    ],
)
def test_the_cache_directory_is_the_one_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: str | None, xdg: str | None
) -> None:
    import platformdirs

    monkeypatch.delenv("TOOLBOX_CACHE_DIR")
    for name, value in (("HOME", home), ("XDG_CACHE_HOME", xdg)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:  # a name under tmp_path; an empty or blank value, or a relative one, as is
            absolute = value.strip() and not value.startswith("relative")
            monkeypatch.setenv(name, str(tmp_path / value) if absolute else value)
    try:
        given = Path(platformdirs.user_cache_dir("toolbox", appauthor=False))
    except (RuntimeError, KeyError, OSError):
        given = None
    expected = given if given is not None and given.is_absolute() else None
    assert index.cache_root() == expected


# --- the light records mirror the models ------------------------------------------


def _mirrors(record: Any, model: Any, where: str) -> None:
    if hasattr(type(model), "model_fields"):
        for name in type(model).model_fields:
            _mirrors(getattr(record, name), getattr(model, name), f"{where}.{name}")
        computed = {"ids"}  # Vocabulary.ids, a cached property of the model
        names = set(getattr(record, "__dict__", {})) or set(type(record).__slots__) - {"_data"}
        assert names - computed == set(type(model).model_fields), where
    elif isinstance(model, dict):  # a mapping keyed by values (level notes)
        assert isinstance(record, dict), where
        assert list(record) == list(model), where
        for key, value in model.items():
            _mirrors(record[key], value, f"{where}.{key}")
    elif isinstance(model, list):
        assert isinstance(record, list), where
        assert len(record) == len(model), where
        for number, (r, m) in enumerate(zip(record, model, strict=True)):
            _mirrors(r, m, f"{where}.{number}")
    else:
        assert record == model, where


def test_records_mirror_every_field_of_the_models(catalogue: Any) -> None:
    vocabulary = load_vocabulary()
    light = records.vocabulary_of(vocabulary.model_dump(mode="json"))
    _mirrors(light, vocabulary, "vocabulary")
    assert light.ids == vocabulary.ids
    assert light.level(4).label("fr") == vocabulary.level(4).label("fr")
    assert light.actor("research").names() == vocabulary.actor("research").names()
    for card_id in catalogue.ids():
        card = catalogue.card(card_id)
        light_card = records.card_of(card.model_dump(mode="json"))
        _mirrors(light_card, card, card_id)
        _mirrors(light_card.entry(), card.entry(), f"{card_id}.entry()")
        assert light_card.title("en") == card.title("en")
    assert tuple(CardEntry.model_fields) == records.ENTRY_FIELDS


@pytest.mark.parametrize(
    "data",
    [None, [], {"id": 1}, {"id": "x", "title": {"fr": "a"}}, {"id": "x", "title": "t"}],
)
def test_records_refuse_data_of_another_shape(data: Any) -> None:
    with pytest.raises(records.RecordError):
        records.entry_of(data)


# --- search ---------------------------------------------------------------------------

RANKED = [
    ("doctorant", "fr", "these-cifre"),
    ("DOCTORANT", "en", "these-cifre"),
    ("marché public", "fr", "commande-publique"),
    ("marche publique", "en", "commande-publique"),
    ("procurement", "en", "commande-publique"),
    # where researchers and local authorities meet: the "tiers-lieux" example left this
    # card (document 002 never puts researchers there), its own words remain
    ("se côtoient chercheurs", "fr", "structures-chercheurs-collectivites"),
    ("living lab", "en", "structures-chercheurs-collectivites"),
    ("THESE CIFRE", "fr", "these-cifre"),
]


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "scan"])
@pytest.mark.parametrize(("query", "lang", "first"), RANKED)
def test_search_finds_the_right_card_first(
    query: str,
    lang: str,
    first: str,
    fts: bool,
    catalogue: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index, "FTS5", fts)
    cards = [catalogue.card(card_id) for card_id in catalogue.ids()]
    searchable = loader.in_memory(catalogue.vocabulary, cards)
    hits = searchable.search(query, lang)  # type: ignore[arg-type]
    assert hits
    assert hits[0].id == first, [hit.id for hit in hits]


def test_search_json_is_versioned_filtered_and_limited(run: Callable[..., Result]) -> None:
    result = run("search", "recherche", "--json", "--limit", "3", "--lang", "fr")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["query"] == "recherche"
    assert 0 < len(data["results"]) <= 3
    first = data["results"][0]
    assert {"id", "title", "families", "levels", "snippet", "score"} <= set(first)
    assert "**" in first["snippet"]  # the words that matched
    scores = [item["score"] for item in data["results"]]
    assert scores == sorted(scores, reverse=True)
    filtered = run("search", "recherche", "--json", "--level", "4", "--family", "3")
    for item in json.loads(filtered.stdout)["results"]:
        assert 4 in item["levels"]
        assert 3 in item["families"]


@pytest.mark.parametrize("fts5", [True, False], ids=["fts5", "scan"])
def test_a_card_found_through_the_other_language_shows_why(
    run: Callable[..., Result], fts5: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # found in a new-user trial: "doctorant" in an English search found the CIFRE card
    # through its French text, and showed an English extract without the word
    monkeypatch.setattr(index, "FTS5", fts5)
    data = json.loads(run("search", "doctorant", "--lang", "en", "--json").stdout)
    first = data["results"][0]
    assert (first["id"], first["snippet_lang"]) == ("these-cifre", "fr")
    assert "**doctorant**" in first["snippet"]
    said = run("search", "doctorant", "--lang", "en").stdout
    assert "in French: …il s'agit pour un doctorant" in " ".join(said.split())
    same = json.loads(run("search", "doctoral", "--lang", "en", "--json").stdout)
    assert {hit["snippet_lang"] for hit in same["results"]} == {"en"}


def test_search_snippet_is_in_the_chosen_language(run: Callable[..., Result]) -> None:
    fr = json.loads(run("search", "procurement", "--json", "--lang", "fr").stdout)
    en = json.loads(run("search", "procurement", "--json", "--lang", "en").stdout)
    assert fr["results"][0]["title"] == "Commande publique"
    assert "procurement" in en["results"][0]["snippet"].lower()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_without_match_exits_1_with_a_hint(lang: str, run: Callable[..., Result]) -> None:
    result = run("search", "zzzqqqxxx", "--lang", lang)
    assert result.exit_code == 1
    assert result.stdout == ""
    hint = {"fr": "toolbox list", "en": "toolbox list"}[lang]
    assert hint in result.stderr
    assert ("aucun outil" if lang == "fr" else "no tool") in result.stderr
    as_json = run("search", "zzzqqqxxx", "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["results"] == []


HOSTILE = ['"', "*", "NEAR(", "OR", "AND NOT", "(", ")", "^x", "title:x", "a" * 10_000, "é" * 3000]


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "scan"])
@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: q[:10])
def test_a_query_is_data_never_syntax(
    query: str, fts: bool, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "FTS5", fts)
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")  # an index built with FTS5 or without
    result = run("search", query, "--json")
    assert result.exit_code in (0, 1), result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    json.loads(result.stdout)


def test_search_terms_are_quoted_and_bounded() -> None:
    terms = index.query_terms('NEAR(a b) "x" OR y* ' + "z" * 500 + " w" * 100)
    assert all(len(term) <= index.MAX_TERM_LENGTH for term in terms)
    assert len(terms) <= index.MAX_TERMS
    expression = index.match_expression(terms, "AND")
    assert expression.count('"') == 2 * len(terms)


def test_search_is_in_both_languages_help(run: Callable[..., Result]) -> None:
    result = run("--help")
    assert "search" in result.stdout


def test_completion_offers_card_ids_and_vocabulary_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from toolbox_cli.cli.commands import app

    runner = CliRunner()
    for words, expected in (
        ("toolbox show these", "these-cifre"),
        ("toolbox search x --goal fund", "funding"),
        ("toolbox list --actor res", "research"),
        ("toolbox search x --level ", "5"),
    ):
        result = runner.invoke(
            app,
            [],
            prog_name="toolbox",
            env={"_TOOLBOX_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words},
        )
        assert expected in result.stdout, (words, result.stdout)


def test_search_for_people_shows_title_id_and_why(run: Callable[..., Result]) -> None:
    result = run("search", "doctorant", "--lang", "fr", "--limit", "2")
    assert result.exit_code == 0, result.stderr
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0].startswith("1. Thèse CIFRE")
    assert "   these-cifre" in lines
    assert any("doctorant" in line for line in lines[2:4])
    assert lines[-1] == "2 outils pour «\u202fdoctorant\u202f»"
    assert "\x02" not in result.stdout
