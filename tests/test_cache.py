"""The catalogue cache and the ``show --json`` fast path: same results, never trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from toolbox_cli import cache, fastpath
from toolbox_cli.catalogue import CatalogueError, load_catalogue
from toolbox_cli.engine import recommend
from toolbox_cli.results import Answers

ANSWERS = Answers(actor="local_authority", maturity=0, goals=("experimentation", "skills"))


def snapshot(cards_dir: Path, *, use_cache: bool) -> tuple[str, list[str]]:
    catalogue = load_catalogue(cards_dir, use_cache=use_cache)
    cards = [catalogue.card(card_id).model_dump_json() for card_id in catalogue.ids()]
    return repr(recommend(catalogue, ANSWERS)), cards


def touch_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_results_are_identical_with_and_without_the_cache(cards_copy: Path) -> None:
    cold = load_catalogue(cards_copy)
    assert len(cold.checked) == len(list(cards_copy.glob("*.yaml")))  # first run reads all
    warm = load_catalogue(cards_copy)
    assert warm.checked == ()  # second run reads none
    assert snapshot(cards_copy, use_cache=True) == snapshot(cards_copy, use_cache=False)


def test_editing_one_card_rereads_that_card_only(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    touch_edit(cards_copy / "chaires.yaml", "fr: Les chaires", "fr: Les chaires universitaires")
    catalogue = load_catalogue(cards_copy)
    assert catalogue.checked == ("chaires.yaml",)
    assert catalogue.card("chaires").title.fr == "Les chaires universitaires"
    assert load_catalogue(cards_copy).checked == ()
    assert snapshot(cards_copy, use_cache=True) == snapshot(cards_copy, use_cache=False)


def test_added_and_removed_cards_are_seen(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    text = (cards_copy / "chaires.yaml").read_text(encoding="utf-8")
    (cards_copy / "chaires-bis.yaml").write_text(
        text.replace("id: chaires", "id: chaires-bis", 1)
        .replace("Les chaires", "Les chaires bis")
        .replace("en: Chairs", "en: Chairs bis"),
        encoding="utf-8",
    )
    (cards_copy / "commande-publique.yaml").unlink()
    catalogue = load_catalogue(cards_copy)
    assert catalogue.checked == ("chaires-bis.yaml",)
    assert "chaires-bis" in catalogue.ids()
    assert "commande-publique" not in catalogue.ids()


def test_errors_are_cached_with_the_same_messages(cards_copy: Path) -> None:
    touch_edit(cards_copy / "chaires.yaml", "levels: [2, 3, 4, 5]", "levels: [2, 3, 4, 9]")
    touch_edit(cards_copy / "these-cifre.yaml", "families: [1]", "families: [1, 1]")
    messages = []
    for _ in range(2):
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(cards_copy)
        messages.append([str(issue) for issue in raised.value.issues])
    with pytest.raises(CatalogueError) as uncached:
        load_catalogue(cards_copy, use_cache=False)
    assert messages[0] == messages[1] == [str(i) for i in uncached.value.issues]
    assert len(messages[0]) == 2
    assert "chaires.yaml" in messages[0][0]
    assert "levels.3" in messages[0][0]


def test_fixing_an_error_is_seen(cards_copy: Path) -> None:
    path = cards_copy / "chaires.yaml"
    touch_edit(path, "levels: [2, 3, 4, 5]", "levels: [2, 3, 4, 9]")
    with pytest.raises(CatalogueError):
        load_catalogue(cards_copy)
    touch_edit(path, "levels: [2, 3, 4, 9]", "levels: [2, 3, 4, 5]")
    assert load_catalogue(cards_copy).checked == ("chaires.yaml",)


def cache_folder(cards_dir: Path) -> Path:
    return cache.location(cards_dir)


def _edit_levels(index: Path) -> None:
    index.write_bytes(index.read_bytes().replace(b'"levels":[2', b'"levels":[9'))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"not a cache"), id="garbage"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:-40]), id="truncated"),
        pytest.param(_edit_levels, id="edited-without-digest"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
    ],
)
def test_a_corrupt_index_is_ignored_and_rebuilt(cards_copy: Path, damage: object) -> None:
    load_catalogue(cards_copy)
    index = cache_folder(cards_copy) / "index.json"
    damage(index)  # type: ignore[operator]
    catalogue = load_catalogue(cards_copy)
    assert len(catalogue.checked) == len(catalogue.entries)  # everything read again
    assert load_catalogue(cards_copy).checked == ()  # and the cache works again
    assert snapshot(cards_copy, use_cache=True) == snapshot(cards_copy, use_cache=False)


def test_a_corrupt_card_blob_falls_back_to_the_file(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    (blob,) = cache_folder(cards_copy).glob("cards.*.bin")
    blob.write_bytes(b"x" * blob.stat().st_size)
    catalogue = load_catalogue(cards_copy)
    expected = load_catalogue(cards_copy, use_cache=False)
    assert catalogue.card("these-cifre") == expected.card("these-cifre")


def test_a_foreign_cache_is_not_used(cards_copy: Path, tmp_path: Path) -> None:
    load_catalogue(cards_copy)
    other = tmp_path / "other"
    cards_copy.rename(other)  # same files, another directory: its own cache
    assert len(load_catalogue(other).checked) == len(list(other.glob("*.yaml")))
    index = cache_folder(other) / "index.json"
    _, _, body = index.read_bytes().partition(b"\n")
    data = json.loads(body)
    data["header"]["tool"] = "0.0.0-other"
    new_body = json.dumps(data).encode()
    index.write_bytes(cache._digest(new_body).encode() + b"\n" + new_body)
    assert len(load_catalogue(other).checked) == len(list(other.glob("*.yaml")))


def test_no_cache_writes_nothing(cards_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")
    load_catalogue(cards_copy)
    assert not cache_folder(cards_copy).exists()
    assert len(load_catalogue(cards_copy).checked) == len(list(cards_copy.glob("*.yaml")))


def test_an_unwritable_cache_is_skipped(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(blocker))
    assert len(load_catalogue(cards_copy).entries) == len(list(cards_copy.glob("*.yaml")))


# --- the fast path -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["show", "x", "--json"], ("x", {})),
        (["--lang", "fr", "show", "x", "--json"], ("x", {"--lang": "fr"})),
        (["--lang=fr", "show", "--json", "x", "--lang", "en"], ("x", {"--lang": "en"})),
        (["show", "x", "--json", "--cards-dir", "d"], ("x", {"--cards-dir": "d"})),
        (["show", "x"], None),
        (["show", "x", "--json", "--help"], None),
        (["show", "x", "y", "--json"], None),
        (["list", "--json"], None),
        (["show", "--json"], None),
        (["show", "x", "--json", "--lang"], None),
        (["show", "x", "--json", "--json"], None),
    ],
)
def test_fast_path_recognises_only_the_plain_form(
    argv: list[str], expected: tuple[str, dict[str, str]] | None
) -> None:
    assert fastpath.parse_show_json(argv) == expected


def run_toolbox(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolbox_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_fast_path_prints_the_same_bytes_as_the_cli(cards_copy: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TOOLBOX_CACHE_DIR": str(tmp_path / "c")}
    for args in (
        ["show", "these-cifre", "--json"],
        ["show", "Commande publique", "--json", "--lang", "fr"],
    ):
        full = [*args, "--cards-dir", str(cards_copy)]
        first = run_toolbox(*full, env=env)  # builds the cache
        cached = run_toolbox(*full, env=env)  # served by the fast path
        direct = run_toolbox(*full, env={**env, "TOOLBOX_NO_CACHE": "1"})
        assert first.returncode == cached.returncode == direct.returncode == 0
        assert first.stdout == cached.stdout == direct.stdout
        assert json.loads(cached.stdout)["lang"] == ("fr" if "fr" in args else "en")


def test_fast_path_is_taken_only_with_a_fresh_cache(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["show", "these-cifre", "--json", "--cards-dir", str(cards_copy)]
    assert fastpath.run(args) is None  # no cache yet
    load_catalogue(cards_copy)
    assert fastpath.run(args) == 0
    touch_edit(cards_copy / "chaires.yaml", "fr: Les chaires", "fr: Les chaires (modifiée)")
    assert fastpath.run(args) is None  # a stale file: the CLI reads it again
    load_catalogue(cards_copy)
    assert fastpath.run(args) == 0
    assert fastpath.run(["show", "no-such-card", "--json", "--cards-dir", str(cards_copy)]) is None
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")
    assert fastpath.run(args) is None


def test_fast_path_declines_a_catalogue_with_errors(cards_copy: Path) -> None:
    touch_edit(cards_copy / "chaires.yaml", "levels: [2, 3, 4, 5]", "levels: [2, 3, 4, 9]")
    with pytest.raises(CatalogueError):
        load_catalogue(cards_copy)
    assert fastpath.run(["show", "these-cifre", "--json", "--cards-dir", str(cards_copy)]) is None


def test_an_index_whose_blob_is_gone_is_rebuilt(cards_copy: Path) -> None:
    load_catalogue(cards_copy)
    (blob,) = cache_folder(cards_copy).glob("cards.*.bin")
    blob.unlink()  # as when two processes rebuild the cache at once
    args = ["show", "these-cifre", "--json", "--cards-dir", str(cards_copy)]
    assert fastpath.run(args) is None
    assert len(load_catalogue(cards_copy).checked) == len(list(cards_copy.glob("*.yaml")))
    assert fastpath.run(args) == 0


def rewrite_index(cards_dir: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the index's data and give it a valid digest: a cache that looks intact."""
    index = cache_folder(cards_dir) / "index.json"
    _, _, body = index.read_bytes().partition(b"\n")
    data = json.loads(body)
    change(data)
    new_body = json.dumps(data).encode()
    index.write_bytes(cache._digest(new_body).encode() + b"\n" + new_body)


def _odd_issue(data: dict[str, Any]) -> None:
    data["files"][0]["issues"] = [{"line": 1, "field": None, "code": "no-such-code", "values": {}}]
    data["files"][0]["entry"] = None


def _odd_title(data: dict[str, Any]) -> None:
    data["files"][0]["entry"]["title"] = {"fr": 1, "en": None}


def _bad_levels(data: dict[str, Any]) -> None:
    data["files"][0]["entry"]["levels"] = [9]


@pytest.mark.parametrize("change", [_odd_issue, _odd_title, _bad_levels])
def test_a_cache_of_another_shape_is_rebuilt_not_trusted(
    cards_copy: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    load_catalogue(cards_copy)
    rewrite_index(cards_copy, change)
    args = ["show", "these-cifre", "--json", "--cards-dir", str(cards_copy)]
    assert fastpath.run(args) in (None, 0)  # never an exception
    rebuilt = load_catalogue(cards_copy)
    assert len(rebuilt.checked) == len(rebuilt.entries)  # read again from the files
    assert load_catalogue(cards_copy).checked == ()  # and written again
    assert snapshot(cards_copy, use_cache=True) == snapshot(cards_copy, use_cache=False)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_json_is_utf8_whatever_the_locale(encoding: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "TOOLBOX_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the full path, then the fast path
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "toolbox_cli",
                "show",
                "espaces-ressources",
                "--json",
                "--lang",
                "fr",
            ],
            env=env,
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "Rhône" in json.loads(done.stdout.decode("utf-8"))["process"][0]
    people = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", "show", "espaces-ressources", "--lang", "fr"],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert people.returncode == 0  # unspellable characters are replaced, not a crash
    assert b"Traceback" not in people.stderr
