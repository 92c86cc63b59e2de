"""Click's usage errors keep their reason, in the user's language: a folder that cannot
be read, given to --cards-dir, to validate or to new --dir, says what TOOLBOX_CARDS_DIR
says of it ("cannot list: Permission denied"), not "invalid value"."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder this user may not read. The tests run as root too, which may read
    anything: the permission the system would refuse is refused here."""
    folder = tmp_path / "locked"
    folder.mkdir()
    access, scandir = os.access, os.scandir

    def refused(path: object) -> bool:
        return os.fspath(path) == os.fspath(folder)  # type: ignore[arg-type]

    def no_access(path: object, mode: int, **kwargs: object) -> bool:
        return False if refused(path) and mode & os.R_OK else access(path, mode, **kwargs)  # type: ignore[arg-type]

    def no_listing(path: object = ".") -> object:
        if refused(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))  # type: ignore[arg-type]
        return scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", no_access)
    monkeypatch.setattr(os, "scandir", no_listing)
    return folder


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--cards-dir", "{dir}", "list"], "--cards-dir"),
        (["list", "--cards-dir", "{dir}"], "--cards-dir"),
        (["validate", "{dir}"], "DIR"),
        (["new", "--dir", "{dir}", "--id", "x"], "--dir"),
    ],
)
def test_an_unreadable_folder_keeps_the_reason(
    run: Run, unreadable: Path, args: list[str], name: str
) -> None:
    result = run(*(arg.format(dir=unreadable) for arg in args), "--lang", "en")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first == f"Error: {name}: {unreadable}: cannot list: Permission denied"


def test_the_reason_is_translated(run: Run, unreadable: Path) -> None:
    result = run("--lang", "fr", "validate", str(unreadable))
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    said = f"DOSSIER\u202f: {unreadable}\u202f: impossible de lister\u202f: permission refusée"
    assert first == f"Erreur\u202f: {said}"


def test_the_same_folder_through_the_environment_says_the_same(
    run: Run, unreadable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOOLBOX_CARDS_DIR", str(unreadable))
    result = run("list", "--lang", "en")
    assert f"{unreadable}: cannot list: Permission denied" in result.stderr


def test_usage_errors_import_nothing_private_from_typer() -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "toolbox_cli"
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import _click" not in text, path
        assert "typer._click" not in text.replace("``typer._click``", ""), path
