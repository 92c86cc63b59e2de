"""A warm run judges exactly as a cold run, and reads each card once: whatever happens
to the files between runs (or during one), the answer with the index is the answer
without it (``--no-cache``)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from typer.testing import CliRunner, Result

from toolbox_cli.catalogue import index, load_catalogue, loader
from toolbox_cli.catalogue.paths import data_dir
from toolbox_cli.cli.commands import app

Run = Callable[..., Result]
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "community"


def replace(path: Path, text: str) -> None:
    """Write ``path`` as an editor saves it: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@contextmanager
def changed_once_opened(where: Path, text: str) -> Iterator[None]:
    """The first time this process opens the file ``where``, it is saved anew with
    ``text`` just after: as if someone saved it while the run read it."""
    real_open = os.open
    done: list[bool] = []

    def opening(path: Any, *args: Any, **kwargs: Any) -> int:
        descriptor = real_open(path, *args, **kwargs)
        if not done and os.path.abspath(os.fspath(path)) == os.fspath(where):
            done.append(True)
            replace(Path(os.fspath(path)), text)
        return descriptor

    os.open = opening  # type: ignore[assignment]
    try:
        yield
    finally:
        os.open = real_open


def answers(run: Run, *args: str) -> list[tuple[int, str]]:
    """What ``args`` gives without the index, then warm (twice: the second run finds
    the rows the first one stamped)."""
    found = []
    for no_cache in ("1", "", ""):
        os.environ["TOOLBOX_NO_CACHE"] = no_cache
        result = run(*args)
        found.append((result.exit_code, result.stdout))
    del os.environ["TOOLBOX_NO_CACHE"]
    return found


def test_a_card_saved_during_a_run_then_restored_is_never_served_in_its_other_version(
    cards_copy: Path,
) -> None:
    # Found in review: the digest came from one read and validation from another, so
    # the index held the digest of one version with the content of the other.
    path = cards_copy / "chaires.yaml"
    original = path.read_text(encoding="utf-8")
    saved = original.replace("fr: Les chaires", "fr: Les chaises", 1)
    with changed_once_opened(path, saved):
        load_catalogue(cards_copy)  # a cold run, reading the original
    fresh = load_catalogue(cards_copy, use_cache=False)  # reads the index not, writes not
    assert fresh.card("chaires").title.fr == "Les chaises"
    replace(path, original)
    for _ in range(2):
        assert load_catalogue(cards_copy, light=True).card("chaires").title.fr == "Les chaires"


def test_an_extension_saved_during_a_run_then_restored_is_never_served_changed(
    tmp_path: Path,
) -> None:
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    path = community / "extensions" / "recherche-sur-le-territoire.yaml"
    original = path.read_text(encoding="utf-8")
    saved = original.replace("Nouvelles Mesures", "Anciennes Mesures", 1)
    assert saved != original
    card = "recherche-sur-le-territoire"
    with changed_once_opened(path, saved):
        load_catalogue(community, light=True)
    replace(path, original)
    for _ in range(2):
        examples = load_catalogue(community, light=True).card(card).examples
        assert examples[-1].name.fr.startswith("Nouvelles Mesures")


@pytest.mark.parametrize("what", ["card", "vocabulary", "extension"])
def test_a_link_out_of_the_folder_with_the_same_content_is_refused_warm_too(
    what: str, tmp_path: Path, run: Run
) -> None:
    # Found in review: the row was reused without the regular-file check, so a warm
    # validate said 26 valid cards and validate --no-cache refused the link.
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    shutil.copy(data_dir() / "vocabulary.yaml", community / "vocabulary.yaml")
    path = {
        "card": community / "partenariats-financements.yaml",
        "vocabulary": community / "vocabulary.yaml",
        "extension": community / "extensions" / "recherche-sur-le-territoire.yaml",
    }[what]
    assert answers(run, "validate", str(community), "--json")[0][0] == 0
    outside = tmp_path / "outside.yaml"
    shutil.copy(path, outside)
    path.unlink()
    path.symlink_to(outside)
    found = answers(run, "validate", str(community), "--json")
    assert found[0][0] == 1
    assert "outside" in found[0][1]
    assert found[1] == found[0]
    assert found[2] == found[0]


# --- the property: random edit sequences -------------------------------------------

CARDS = ("chaires", "these-cifre", "commande-publique")
COMMANDS = (
    ("validate", "--json"),
    ("list", "--json"),
    ("show", "chaires", "--json"),
    ("search", "doctorant", "--json"),
)


class WarmEqualsCold(RuleBasedStateMachine):
    """Edits of a three-card catalogue (content, links, renames, same-size edits that
    keep the modification time, deletions, FIFOs), each followed by every command
    with the index and without it: the same exit code, the same output."""

    def __init__(self) -> None:
        super().__init__()
        self.work = Path(tempfile.mkdtemp(prefix="warm-cold-"))
        self.cards = self.work / "cards"
        self.cards.mkdir()
        self.texts = {}
        for card_id in CARDS:
            text = (data_dir() / "cards" / f"{card_id}.yaml").read_text(encoding="utf-8")
            self.texts[card_id] = text
            (self.cards / f"{card_id}.yaml").write_text(text, encoding="utf-8")
        self.outside = self.work / "outside"
        self.outside.mkdir()
        self.runner = CliRunner()
        self.env = {"TOOLBOX_CACHE_DIR": str(self.work / "cache"), "TOOLBOX_NO_CACHE": ""}
        self.tick = 0
        self.racy = index.RACY_NS
        if self.stamped:
            index.RACY_NS = 0

    stamped = False  # see WarmEqualsColdStamped

    def teardown(self) -> None:
        index.RACY_NS = self.racy
        shutil.rmtree(self.work, ignore_errors=True)

    def settle(self, path: Path) -> None:
        """Stamped: give what was just written a modification time of its own, so that
        a stamp tells it changed without waiting out the clock's tick."""
        if self.stamped and path.exists():
            self.tick += 1
            at = 1_600_000_000_000_000_000 + self.tick * 1_000_000
            os.utime(path, ns=(at, at))

    def path(self, card_id: str) -> Path:
        return self.cards / f"{card_id}.yaml"

    def _clear(self, path: Path) -> None:
        if path.is_symlink() or path.exists():
            path.unlink()

    @rule(card_id=st.sampled_from(CARDS), variant=st.sampled_from(["title", "levels", "same"]))
    def edit(self, card_id: str, variant: str) -> None:
        text = self.texts[card_id]
        if variant == "title":
            text = text.replace("title:\n  fr: ", "title:\n  fr: Autre ", 1)
        elif variant == "levels":
            text = text.replace("levels: [", "levels: [9, ", 1)
        self._clear(self.path(card_id))
        self.path(card_id).write_text(text, encoding="utf-8")
        self.settle(self.path(card_id))

    @rule(card_id=st.sampled_from(CARDS), old=st.sampled_from(["e", "a", "i"]))
    def same_size_same_mtime(self, card_id: str, old: str) -> None:
        path = self.path(card_id)
        if self.stamped or path.is_symlink() or not path.is_file():
            return
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        new = {"e": "a", "a": "i", "i": "e"}[old]
        at = text.rfind(old)
        if at < 0:
            return
        with path.open("r+", encoding="utf-8") as handle:  # in place: same inode
            handle.write(text[:at] + new + text[at + 1 :])
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    @rule(card_id=st.sampled_from(CARDS), inside=st.booleans())
    def link(self, card_id: str, inside: bool) -> None:
        path = self.path(card_id)
        if not path.is_file():
            return
        folder = self.cards if inside else self.outside
        target = folder / f".{card_id}.target"
        target.write_bytes(path.read_bytes())
        self.settle(target)
        self._clear(path)
        path.symlink_to(target)

    @rule(card_id=st.sampled_from(CARDS), new=st.sampled_from(["renamed", "Bad_Name"]))
    def rename(self, card_id: str, new: str) -> None:
        path = self.path(card_id)
        if path.is_symlink() or path.exists():
            os.replace(path, self.cards / f"{new}.yaml")

    @rule(card_id=st.sampled_from(CARDS))
    def restore(self, card_id: str) -> None:
        for name in ("renamed", "Bad_Name"):
            self._clear(self.cards / f"{name}.yaml")
        self._clear(self.path(card_id))
        self.path(card_id).write_text(self.texts[card_id], encoding="utf-8")
        self.settle(self.path(card_id))

    @rule(card_id=st.sampled_from(CARDS))
    def delete(self, card_id: str) -> None:
        self._clear(self.path(card_id))

    @precondition(lambda self: hasattr(os, "mkfifo"))
    @rule(card_id=st.sampled_from(CARDS))
    def fifo(self, card_id: str) -> None:
        self._clear(self.path(card_id))
        os.mkfifo(self.path(card_id))

    def run(self, args: tuple[str, ...], no_cache: str) -> tuple[int, str]:
        env = {**self.env, "TOOLBOX_NO_CACHE": no_cache}
        result = self.runner.invoke(app, [*args, *self._where(args)], env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result.exit_code, result.stdout

    def _where(self, args: tuple[str, ...]) -> list[str]:
        return [str(self.cards)] if args[0] == "validate" else ["--cards-dir", str(self.cards)]

    @invariant()
    def warm_answers_as_cold(self) -> None:
        for args in COMMANDS:
            cold = self.run(args, "1")
            for _ in range(2):  # warm: the first run may write, the second reads
                assert self.run(args, "") == cold, args


class WarmEqualsColdStamped(WarmEqualsCold):
    """The same, with every file's stamp kept at once (no clock tick to wait out) and
    each write given a modification time of its own: the runs whose files are all
    unchanged take the index's entries alone (one fingerprint of every stamp)."""

    stamped = True


for machine in (WarmEqualsCold, WarmEqualsColdStamped):
    machine.TestCase.settings = settings(max_examples=20, stateful_step_count=8, deadline=None)
test_the_warm_answer_of_every_command_is_the_no_cache_one = WarmEqualsCold.TestCase
test_the_warm_answer_from_stamps_alone_is_the_no_cache_one = WarmEqualsColdStamped.TestCase


def test_a_warm_run_of_unchanged_files_reads_the_entries_alone(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.setattr(index, "RACY_NS", 0)
    for path in cards_copy.glob("*.yaml"):
        os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)
    expected = answers(run, "list", "--json", "--cards-dir", str(cards_copy))[0]
    used: list[bool] = []
    real = loader._from_entries
    monkeypatch.setattr(loader, "_from_entries", lambda *a: used.append(True) or real(*a))
    for _ in range(3):
        result = run("list", "--json", "--cards-dir", str(cards_copy))
        assert (result.exit_code, result.stdout) == expected
    assert used  # the fingerprint matched: no row was read
    assert load_catalogue(cards_copy).card("chaires").title.fr == "Les chaires"
    shown = run("show", "chaires", "--json", "--cards-dir", str(cards_copy))
    assert json.loads(shown.stdout)["id"] == "chaires"
    searched = run("search", "doctorant", "--json", "--cards-dir", str(cards_copy))
    assert json.loads(searched.stdout)["results"][0]["id"] == "these-cifre"
    # damaged entries (their digest no longer matches) are never served
    where = index.location(cards_copy)
    assert where is not None
    with sqlite3.connect(where) as connection:
        connection.execute("UPDATE files SET entry = replace(entry, '\"levels\": [2', '[9')")
    used.clear()
    result = run("list", "--json", "--cards-dir", str(cards_copy))
    assert (result.exit_code, result.stdout) == expected
    assert not used
