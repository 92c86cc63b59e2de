"""The site's pages and the shared HTML in Chromium, without the runtime: axe-core finds
no WCAG 2.1 AA violation on any page type, the card pages and the list's filters work
with JavaScript off and from disk, search works with it, hostile card text stays text,
nothing is requested from elsewhere, a plan prints on one or two A4 pages; screenshots of
each page type at 1280 and 390 px are left under build/screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from browser_kit import Guard, axe_violations, pdf_pages, served
from conftest import BROWSER_ARGS, CHROMIUM

if TYPE_CHECKING:
    pass

pytestmark = pytest.mark.browser
PAGES = ["index", "levels", "recommend", "cards/these-cifre"]


def toolbox(*args: str) -> str:
    from toolbox_cli.cli.commands import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, shipped_cards_dir: Path) -> Path:
    """The shipped catalogue's site at the root, a hostile one under hostile/, and the
    single files of ``--format html`` under files/."""
    from conftest import hostile_cards

    root = tmp_path_factory.mktemp("sites")
    toolbox("site", str(root))
    cards = hostile_cards(root.parent / f"{root.name}-hostile-cards", shipped_cards_dir)
    toolbox("site", str(root / "hostile"), "--cards-dir", str(cards.cards))
    files = root / "files"
    files.mkdir()
    persona = ["--actor", "local_authority", "--maturity", "0", "--goal", "experimentation"]
    pair = [*persona, "--partner", "research", "--partner-goal", "skills"]
    for name, args in (("plan", persona), ("pair", pair)):
        for lang in ("fr", "en"):
            text = toolbox("recommend", *args, "--format", "html", "--lang", lang)
            (files / f"{name}-{lang}.html").write_text(text, encoding="utf-8")
    (files / "card-fr.html").write_text(toolbox("show", "these-cifre", "--format", "html"))
    hostile = toolbox("show", "these-cifre", "--format", "html", "--cards-dir", str(cards.cards))
    (files / "hostile-card.html").write_text(hostile, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def browser(web: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def origin(sites: Path) -> Iterator[str]:
    with served(sites) as url:
        yield url


@pytest.fixture
def context(browser: Any, origin: str) -> Iterator[tuple[Any, Guard]]:
    context = browser.new_context(service_workers="block")
    guard = Guard(context, origin)
    yield context, guard
    context.close()
    assert guard.foreign == [], "requests left the site"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_type_passes_axe_and_is_screenshot(
    context: tuple[Any, Guard], origin: str, web: Path, screenshots: Path, lang: str
) -> None:
    ctx, _ = context
    page = ctx.new_page()
    suffix = "" if lang == "fr" else ".en"
    targets = [f"{name}{suffix}.html" for name in PAGES]
    targets += [f"files/plan-{lang}.html", f"files/pair-{lang}.html"]
    for target in targets:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{origin}/{target}")
            assert page.evaluate("document.documentElement.lang") == lang
            # readable at 390 px: nothing wider than the window
            assert page.evaluate("document.documentElement.scrollWidth") <= width, target
            name = target.replace("/", "-").removesuffix(".html")
            page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
            if target == "files/plan-fr.html" and width == 1280:  # the README's
                page.screenshot(path=str(screenshots / "readme-plan-file.png"))
        assert axe_violations(page, web / "axe-core" / "axe.min.js") == [], target


def test_cards_and_filters_work_with_javascript_off_from_disk(browser: Any, sites: Path) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto((sites / "cards" / "these-cifre.en.html").as_uri())
    assert page.locator("h1").inner_text().startswith("CIFRE thesis")
    assert page.locator("ol li").count() >= 1  # the process
    page.goto((sites / "index.en.html").as_uri())
    items = page.locator(".cards-list > li")
    total = items.count()
    visible = lambda: sum(items.nth(i).is_visible() for i in range(total))  # noqa: E731
    assert visible() == total
    page.click("label:has(#f-family-4)")  # CSS hides the cards of other families
    kept = visible()
    assert 0 < kept < total
    page.click("label:has(#f-family-all)")
    assert visible() == total
    page.click("a:text-is('Français')")
    assert page.url.endswith("/index.html")
    assert page.evaluate("document.documentElement.lang") == "fr"
    ctx.close()


def test_search_and_filters_with_javascript(context: tuple[Any, Guard], origin: str) -> None:
    ctx, _ = context
    page = ctx.new_page()
    page.goto(f"{origin}/index.en.html")
    page.fill("#q", "cifre")
    shown = page.locator(".cards-list > li:visible")
    assert shown.count() == 1
    assert "CIFRE" in shown.inner_text()
    page.fill("#q", "zzzz-nothing")
    assert page.locator("#none").is_visible()
    page.fill("#q", "")
    page.check("#f-level-5")
    assert 0 < page.locator(".cards-list > li:visible").count() < 26


def test_hostile_card_text_is_text_on_every_page(context: tuple[Any, Guard], origin: str) -> None:
    ctx, _ = context
    page = ctx.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    targets = [f"hostile/{name}{sfx}.html" for name in PAGES for sfx in ("", ".en")]
    targets.append("files/hostile-card.html")
    for target in targets:
        page.goto(f"{origin}/{target}")
        body = page.locator("body")
        assert page.locator("main script, main img, footer img").count() == 0, target
        assert not page.evaluate(
            "[...document.querySelectorAll('a')].some(a => a.href.startsWith('javascript:'))"
        ), target
        if "recommend" not in target and "levels" not in target:
            assert '<script>alert("pwned")</script>' in body.inner_text(), target
    assert alerts == []


# A pair's plan names more tools (Start here, Then, Once you know each other): three pages.
@pytest.mark.parametrize(("name", "most"), [("plan", 2), ("pair", 3)])
def test_a_plan_prints_on_one_or_two_a4_pages(
    browser: Any, sites: Path, screenshots: Path, name: str, most: int
) -> None:
    page = browser.new_page()
    for lang in ("fr", "en"):
        page.goto((sites / "files" / f"{name}-{lang}.html").as_uri())
        pdf = page.pdf(format="A4")
        (screenshots / f"{name}-{lang}.pdf").write_bytes(pdf)
        assert 1 <= pdf_pages(pdf) <= most, (name, lang)
    page.close()
