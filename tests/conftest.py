"""Shared fixtures: an isolated environment, the shipped catalogue, a CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from toolbox_cli.catalogue import load_catalogue
from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.validate import data_dir
from toolbox_cli.cli.commands import app

# Hypothesis draws the same examples on every run (a new user's, CI's): a failure is
# reproducible and never a matter of luck. HYPOTHESIS_PROFILE=explore draws new ones on
# each run, to look for what the fixed ones miss (CONTRIBUTING.md).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user setting leaks in: English locale, no colour, 80 columns, a private cache, a
    fixed date for the plans people share."""
    for name in ("TOOLBOX_LANG", "TOOLBOX_CARDS_DIR", "TOOLBOX_NO_CACHE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(tmp_path / "toolbox-cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796601600")  # shared plans are dated 2026-12-07


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Before any fixture, session-wide ones included, reads the catalogue: no test
    writes an index into the user's own cache (isolated_env then gives each test its
    own cache)."""
    cache = tmp_path_factory.mktemp("session-cache")
    saved = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "TOOLBOX_CACHE_DIR")}
    os.environ["XDG_CACHE_HOME"] = str(cache / "xdg")
    os.environ["TOOLBOX_CACHE_DIR"] = str(cache / "toolbox")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def shipped_cards_dir() -> Path:
    return data_dir() / "cards"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The shipped catalogue, validated afresh (no index read or written)."""
    return load_catalogue(data_dir() / "cards", use_cache=False)


@pytest.fixture
def cards_copy(tmp_path: Path, shipped_cards_dir: Path) -> Path:
    """A writable copy of the shipped cards."""
    target = tmp_path / "cards"
    shutil.copytree(shipped_cards_dir, target)
    return target


@pytest.fixture
def run() -> Callable[..., Result]:
    """``run("show", "x", input=...)``: the CLI in-process, stdout and stderr apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


# --- hostile card text, for every format that people read (HTML, the site) ----------

SCRIPT = '<script>alert("pwned")</script>'
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "javascript:alert(document.cookie)"


class Hostile(NamedTuple):
    cards: Path  # the shipped cards, these-cifre's texts hostile
    script: str = SCRIPT
    img: str = IMG
    js_link: str = JS_LINK


@pytest.fixture
def hostile(tmp_path: Path, shipped_cards_dir: Path) -> Hostile:
    """The shipped cards, CIFRE's texts written to be markup: a script in its titles, an
    image with an onerror handler in its summary and first step, a ``javascript:`` link
    written as Markdown and as text in an example. Every page must show them as text."""
    import yaml

    target = tmp_path / "hostile-cards"
    shutil.copytree(shipped_cards_dir, target)
    path = target / "these-cifre.yaml"
    card = yaml.safe_load(path.read_text(encoding="utf-8"))
    card["title"] = {"fr": f"Thèse {SCRIPT}", "en": f"Thesis {SCRIPT}"}
    card["summary"] = {lang: f"{IMG} {text}" for lang, text in card["summary"].items()}
    card["process"][0] = {lang: f"{IMG} {text}" for lang, text in card["process"][0].items()}
    card["examples"][0]["name"] = {"fr": f"[clic]({JS_LINK})", "en": f"[click]({JS_LINK})"}
    card["examples"][0]["description"] = {"fr": JS_LINK, "en": JS_LINK}
    path.write_text(yaml.safe_dump(card, allow_unicode=True), encoding="utf-8")
    return Hostile(target)
