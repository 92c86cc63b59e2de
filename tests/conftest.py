"""Shared fixtures: an isolated environment, the shipped catalogue, a CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

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
    return hostile_cards(tmp_path / "hostile-cards", shipped_cards_dir)


def hostile_cards(target: Path, shipped_cards_dir: Path) -> Hostile:
    import yaml

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


# --- browser tests (tests/test_site_browser.py, tests/test_site_pages.py) ------------
# They need Debian's Chromium, Playwright (the test extra) and the npm packages of web/
# (the pinned Pyodide runtime, axe-core). In CI (CI=true) a missing piece fails them; on
# a contributor's machine they are left out, and the summary says which and how to get
# them (WEB_SETUP).

ROOT = Path(__file__).parents[1]
CHROMIUM = Path(os.environ.get("TOOLBOX_CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = ROOT / "web" / "node_modules"
WEB_SETUP = "sudo .ci/web-deps  (apt-get install chromium, then npm ci --prefix web)"


def web_missing() -> list[str]:
    """What the browser tests need and this machine lacks."""
    import importlib.util
    import json

    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"Chromium ({CHROMIUM})")
    if importlib.util.find_spec("playwright") is None:
        missing.append("Playwright (pip install -e '.[test]')")
    from toolbox_cli.site.writer import PYODIDE_VERSION

    try:
        version = json.loads((NODE_MODULES / "pyodide" / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        version = None
    if version != PYODIDE_VERSION:
        missing.append(f"pyodide {PYODIDE_VERSION} (web/node_modules)")
    if not (NODE_MODULES / "axe-core" / "axe.min.js").is_file():
        missing.append("axe-core (web/node_modules)")
    return missing


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs in Chromium (Playwright)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser = [item for item in items if item.get_closest_marker("browser")]
    if not browser or in_ci() or not web_missing():
        return  # in CI they run, and fail on what is missing (the web fixture)
    items[:] = [item for item in items if not item.get_closest_marker("browser")]
    config.hook.pytest_deselected(items=browser)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if in_ci() or getattr(config, "workerinput", None) is not None:
        return
    missing = web_missing()
    if missing:
        terminalreporter.write_line(
            "Browser tests not run (tests/test_site_browser.py, tests/test_site_pages.py): "
            f"missing {', '.join(missing)}. To run them: {WEB_SETUP}"
        )


@pytest.fixture(scope="session")
def web() -> Path:
    """web/node_modules, with every piece the browser tests need (else they fail)."""
    missing = web_missing()
    if missing:
        pytest.fail(f"the browser tests need {', '.join(missing)}: {WEB_SETUP}")
    return NODE_MODULES


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the browser tests leave screenshots and PDFs for a person to look at."""
    target = Path(os.environ.get("TOOLBOX_SCREENSHOTS", ROOT / "build" / "screenshots"))
    target.mkdir(parents=True, exist_ok=True)
    return target
