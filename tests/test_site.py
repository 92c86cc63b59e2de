"""``toolbox site``: the static site written from the catalogue it is given, its checks of
the Pyodide runtime, and the standard-library path that runs in the browser (without a
browser: what Chromium does with the pages is in test_site_browser.py and
test_site_pages.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import Result

from toolbox_cli.site.writer import BROWSER_MODULES, PYODIDE_FILES, PYODIDE_VERSION

if TYPE_CHECKING:
    from conftest import Hostile

Run = Callable[..., Result]
ROOT = Path(__file__).parents[1]

# Answers with the command line's names, as the site's address carries them: alone and in
# pairs, both languages, staff time, aliases, every kind of actor.
ANSWER_URLS = [
    "actor=local_authority&maturity=0&goal=experimentation",
    "actor=local_authority&maturity=0&goal=experimentation&staff-time=no",
    "actor=local_authority&maturity=1&goal=skills&staff-time=yes&lang=en",
    "actor=local_authority&maturity=2&goal=skills&goal=experimentation&goal=outreach",
    "actor=local_authority&maturity=5&goal=capitalisation&lang=en",
    "actor=research&maturity=0&goal=outreach",
    "actor=research&maturity=1&goal=skills&lang=en",
    "actor=research&maturity=3&goal=legal_framework",
    "actor=research&maturity=4&goal=funding&goal=capitalisation&lang=en",
    "actor=company&maturity=0&goal=skills",
    "actor=company&maturity=1&goal=skills&lang=en",
    "actor=company&maturity=2&goal=experimentation&goal=funding",
    "actor=relay&maturity=0&goal=mutual_knowledge&lang=en",
    "actor=relay&maturity=1&goal=outreach&goal=reflexivity",
    "actor=collectivite&maturity=1&goal=reflexivity&lang=en",
    "actor=local_authority&maturity=0&goal=experimentation&partner=research&partner-goal=skills",
    "actor=local_authority&maturity=0&goal=experimentation&partner=research&partner-goal=skills"
    "&lang=en",
    "actor=research&maturity=1&goal=outreach&partner=local_authority&partner-goal=mutual_knowledge",
    "actor=company&maturity=0&goal=skills&partner=research",
    "actor=local_authority&maturity=2&goal=funding&staff-time=no&partner=relay&lang=en",
    "actor=research&maturity=3&goal=experimentation&partner=company&partner-goal=skills"
    "&partner-goal=funding",
    "actor=local_authority&maturity=4&goal=capitalisation&partner=research&lang=en",
]


def cli_args(query: str) -> list[str]:
    """The command line for an address's answers: ``goal=a&goal=b`` is ``--goal a --goal b``."""
    from urllib.parse import parse_qsl

    return [part for name, value in parse_qsl(query) for part in (f"--{name}", value)]


def cli_ids(run: Run, query: str) -> list[str]:
    result = run("recommend", *cli_args(query), "--json")
    assert result.exit_code == 0, (query, result.stderr)
    data = json.loads(result.stdout)
    return [item["id"] for item in (*data["start"], *data["then"], *data["deferred"])]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from toolbox_cli.cli.commands import app

    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(app, ["site", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_site_has_every_page_in_both_languages(site: Path, catalogue: object) -> None:
    ids = [entry.id for entry in catalogue.entries]  # type: ignore[attr-defined]
    for lang, suffix in (("fr", ""), ("en", ".en")):
        names = ["index", "levels", "recommend"] + [f"cards/{i}" for i in ids]
        for name in names:
            page = (site / f"{name}{suffix}.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in page, name
            other = ".en.html" if lang == "fr" else ".html"
            assert f'hreflang="{"en" if lang == "fr" else "fr"}"' in page
            assert other in page  # the switch to the other language
            assert "https://" not in page.split("<main")[0]  # nothing loaded from elsewhere
    assert json.loads((site / "py" / "files.json").read_text()) == [
        *(f"toolbox_cli/{name}" for name in BROWSER_MODULES),
        "toolbox_cli/i18n/locale/fr/LC_MESSAGES/toolbox.mo",  # the French catalogue, as bytes
    ]
    shipped = site / "py" / "toolbox_cli" / "i18n" / "locale" / "fr" / "LC_MESSAGES" / "toolbox.mo"
    assert shipped.read_bytes()[:4] == b"\xde\x12\x04\x95"  # a GNU .mo, copied as it is
    exported = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert [card["id"] for card in exported["cards"]] == ids
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"cards/these-cifre.en.html"' in worker
    assert "__FILES__" not in worker


def test_without_the_runtime_the_questionnaire_says_how_to_get_it(run: Run, tmp_path: Path) -> None:
    result = run("site", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "Without --pyodide" in result.stderr
    page = (tmp_path / "out" / "recommend.en.html").read_text(encoding="utf-8")
    assert f"npm install pyodide@{PYODIDE_VERSION}" in page
    assert "pyodide/pyodide.js" not in page
    assert not (tmp_path / "out" / "pyodide").exists()


def fake_pyodide(path: Path, version: str = PYODIDE_VERSION, drop: str = "") -> Path:
    path.mkdir()
    (path / "package.json").write_text(json.dumps({"name": "pyodide", "version": version}))
    for name in PYODIDE_FILES:
        if name not in ("package.json", drop):
            (path / name).write_text("")
    return path


@pytest.mark.parametrize(
    ("case", "said"),
    [
        ("version", f"holds pyodide 0.27.0, pyodide {PYODIDE_VERSION} is needed"),
        ("file", "lacks the pyodide package's file pyodide.asm.wasm"),
        ("none", f"is not an npm pyodide package (no readable package.json); pyodide "
                 f"{PYODIDE_VERSION} is needed: npm install pyodide@{PYODIDE_VERSION}"),
    ],
)  # fmt: skip
def test_another_runtime_is_one_clear_error(run: Run, tmp_path: Path, case: str, said: str) -> None:
    if case == "version":
        runtime = fake_pyodide(tmp_path / "pyodide", version="0.27.0")
    elif case == "file":
        runtime = fake_pyodide(tmp_path / "pyodide", drop="pyodide.asm.wasm")
    else:
        runtime = tmp_path
    result = run("site", str(tmp_path / "out"), "--pyodide", str(runtime))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_runtime_of_the_pinned_version_is_shipped(run: Run, tmp_path: Path) -> None:
    runtime = fake_pyodide(tmp_path / "pyodide")
    result = run("site", str(tmp_path / "out"), "--pyodide", str(runtime))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "pyodide").iterdir()) == sorted(PYODIDE_FILES)
    assert '<script src="pyodide/pyodide.js"' in (tmp_path / "out" / "recommend.html").read_text()


def test_the_pinned_runtime_is_the_one_web_installs_and_help_names() -> None:
    package = json.loads((ROOT / "web" / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["pyodide"] == PYODIDE_VERSION
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/pyodide"]["version"] == PYODIDE_VERSION
    from toolbox_cli.i18n import help_text

    for lang in ("fr", "en"):
        assert f"pyodide {PYODIDE_VERSION}" in help_text(lang, "site_pyodide")


def test_a_file_in_the_way_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("")
    result = run("site", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "exists and is not a directory" in result.stderr


def test_serve_without_a_site_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    result = run("site", str(tmp_path), "--serve", "--lang", "fr")
    assert result.exit_code == 1
    assert "n'a pas de site à servir" in result.stderr


def test_a_layered_catalogue_publishes_its_own_cards(run: Run, hostile: Hostile) -> None:
    out = hostile.cards.parent / "site"
    result = run("site", str(out), "--cards-dir", str(hostile.cards))
    assert result.exit_code == 0, result.stderr
    page = (out / "cards" / "these-cifre.html").read_text(encoding="utf-8")
    assert "Thèse &lt;script&gt;" in page
    for name in ("index.html", "index.en.html", "cards/these-cifre.en.html"):
        text = (out / name).read_text(encoding="utf-8")
        body = text.split("<body>")[1]
        assert "<script>alert" not in body
        assert "<img" not in body
        assert 'href="javascript:' not in body


# --- the plan's path in the browser: standard library only, and the CLI's plan ----------

BLOCKED = """
import importlib.abc, json, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {blocked!r}:
            raise ImportError("blocked: " + name)
        return None
sys.meta_path.insert(0, Block())
from toolbox_cli.cli import web
catalogue = web.Exported(json.load(open(sys.argv[1], encoding="utf-8")))
plans = [web.plan_page(catalogue, query)["ids"] for query in sys.argv[2:]]
web.page_json(open(sys.argv[1], encoding="utf-8").read(), "?actor=nobody")
loaded = sorted(m for m in sys.modules if m.startswith("toolbox_cli"))
print(json.dumps({{"plans": plans, "loaded": loaded}}))
"""
THIRD_PARTY = (
    *("pydantic", "yaml", "ruamel", "rich", "typer", "click", "platformdirs"),
    *("typing_extensions", "sqlite3", "_sqlite3"),
)


def test_the_browser_path_needs_no_third_party_module_and_ships_whole(run: Run, site: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            BLOCKED.format(blocked=THIRD_PARTY),
            str(site / "data" / "catalogue.json"),
            *ANSWER_URLS[:4],
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    shipped = {
        "toolbox_cli." + name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for name in BROWSER_MODULES
    } | {"toolbox_cli"}
    assert set(out["loaded"]) <= shipped, set(out["loaded"]) - shipped
    assert out["plans"] == [cli_ids(run, query) for query in ANSWER_URLS[:4]]


def test_the_address_gives_the_command_lines_plan(run: Run, site: Path) -> None:
    from toolbox_cli.cli.web import Exported, plan_page

    catalogue = Exported(json.loads((site / "data" / "catalogue.json").read_text("utf-8")))
    assert len(ANSWER_URLS) >= 20
    for query in ANSWER_URLS:
        page = plan_page(catalogue, "?" + query)
        assert page["error"] == [], query
        assert page["ids"] == cli_ids(run, query), query


@pytest.mark.parametrize(
    ("query", "flags"),
    [
        ("actor=nobody&maturity=0&goal=skills", ["--actor", "nobody"]),
        ("actor=research&maturity=9&goal=skills", ["--maturity", "9"]),
        ("actor=research&maturity=0&goal=skills&partner-goal=skills", ["--partner-goal", "skills"]),
    ],
)
def test_a_wrong_answer_in_the_address_is_the_command_lines_error(
    run: Run, site: Path, query: str, flags: list[str]
) -> None:
    from toolbox_cli.cli.web import Exported, plan_page

    catalogue = Exported(json.loads((site / "data" / "catalogue.json").read_text("utf-8")))
    page = plan_page(catalogue, "?" + query + "&lang=en")
    result = run("recommend", *cli_args(query), "--json")
    assert result.exit_code == 2
    assert page["html"] == ""
    assert result.stderr.startswith(f"Error: {page['error'][0]}")


def test_missing_answers_show_the_form_only(site: Path) -> None:
    from toolbox_cli.cli.web import Exported, plan_page

    catalogue = Exported(json.loads((site / "data" / "catalogue.json").read_text("utf-8")))
    page = plan_page(catalogue, "?actor=research")
    assert page["missing"] == ["maturity", "goals"]
    assert page["html"] == ""
    assert page["error"] == []


def test_serve_says_its_address_serves_the_site_and_ends_on_ctrl_c(site: Path) -> None:
    import urllib.request

    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "toolbox_cli", "site", str(site), "--serve", "--lang", "en"],
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    child.expect(r"Preview at http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)")
    port = child.match.group(1)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/cards/these-cifre.en.html") as page:
        assert page.status == 200
        assert b'<html lang="en">' in page.read()
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Preview stopped." in child.before
    assert "Traceback" not in child.before
