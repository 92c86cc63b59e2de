"""The questionnaire in Chromium, with the pinned Pyodide runtime: the plan in the page is
``recommend --json``'s for a table of answer addresses (one runtime start for the table),
the form works with the keyboard alone and its address reopens the same plan in a fresh
browser and in the other language, hostile card text stays text in the computed plan,
nothing leaves the site, axe-core finds nothing on a computed plan, and the site works
offline after a first visit (its service worker)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from browser_kit import Guard, axe_violations, pdf_pages, served
from conftest import BROWSER_ARGS, CHROMIUM
from test_site import ANSWER_URLS, cli_args

pytestmark = pytest.mark.browser
WAIT = 120_000  # ms: a runtime start takes seconds, more on a busy machine


def toolbox(*args: str) -> str:
    from toolbox_cli.cli.commands import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cli_ids(query: str) -> list[str]:
    data = json.loads(toolbox("recommend", *cli_args(query), "--json"))
    return [item["id"] for item in (*data["start"], *data["then"], *data["deferred"])]


@pytest.fixture(scope="module")
def origin(
    web: Path, tmp_path_factory: pytest.TempPathFactory, shipped_cards_dir: Path
) -> Iterator[str]:
    from conftest import hostile_cards

    root = tmp_path_factory.mktemp("live-site")
    runtime = str(web / "pyodide")
    toolbox("site", str(root), "--pyodide", runtime)
    cards = hostile_cards(root.parent / f"{root.name}-hostile-cards", shipped_cards_dir)
    toolbox("site", str(root / "hostile"), "--pyodide", runtime, "--cards-dir", str(cards.cards))
    with served(root) as url:
        yield url


@pytest.fixture(scope="module")
def browser(web: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield chromium
        chromium.close()


def open_plan(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.body.dataset.plan === 'ready'", timeout=WAIT)
    return page


def shown_ids(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "#plan [data-card]", "items => items.map(item => item.dataset.card)"
    )
    assert ids == (page.get_attribute("#plan", "data-ids") or "").split()
    return ids


@pytest.fixture(scope="module")
def live(browser: Any, origin: str) -> Iterator[tuple[Any, Guard]]:
    """One page of the questionnaire, its runtime started once for the module's tests."""
    context = browser.new_context(service_workers="block")
    guard = Guard(context, origin)
    page = open_plan(context, f"{origin}/recommend.html?{ANSWER_URLS[0]}")
    yield page, guard
    context.close()


def go(page: Any, query: str) -> None:
    """The address changes as back/forward would, the page computes again (no reload)."""
    page.evaluate(
        "q => { history.pushState(null, '', q); dispatchEvent(new PopStateEvent('popstate')); }",
        "?" + query,
    )
    page.wait_for_function("document.body.dataset.plan === 'ready'", timeout=WAIT)


def test_the_plan_in_the_page_is_the_command_lines(live: tuple[Any, Guard]) -> None:
    page, guard = live
    assert len(ANSWER_URLS) >= 20
    for query in ANSWER_URLS:
        go(page, query)
        assert shown_ids(page) == cli_ids(query), query
    # a wrong answer is said as the command line says it
    go(page, "actor=nobody&maturity=0&goal=skills")
    assert "nobody" in page.inner_text("#status")
    assert shown_ids(page) == []
    assert guard.foreign == []


def test_keyboard_alone_then_the_address_reopens_the_plan(
    live: tuple[Any, Guard], browser: Any, origin: str, screenshots: Path, web: Path
) -> None:
    page, guard = live
    go(page, "")  # an empty form
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"

    def tab_to(selector: str) -> None:
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("input[name=actor]")
    page.keyboard.press("ArrowDown")  # research
    tab_to("input[name=maturity]")
    page.keyboard.press("ArrowDown")  # 1
    tab_to("input[name=goal]")
    page.keyboard.press("Space")  # the first goal: outreach
    tab_to("button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.plan === 'ready'", timeout=WAIT)
    query = page.url.split("?", 1)[1]
    assert "actor=research" in query
    assert "maturity=1" in query
    assert "goal=outreach" in query
    ids = shown_ids(page)
    assert ids == cli_ids(query.replace("lang=fr", "").strip("&"))
    assert page.evaluate("document.activeElement.closest('#plan') !== null")  # focus moved
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(screenshots / f"recommend-plan-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("#plan").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#answers fieldset:last-of-type').scrollIntoView()")
    page.screenshot(path=str(screenshots / "readme-questionnaire.png"))  # the README's
    assert axe_violations(page, web / "axe-core" / "axe.min.js") == []
    pdf = page.pdf(format="A4")
    (screenshots / "recommend-plan.pdf").write_bytes(pdf)
    assert 1 <= pdf_pages(pdf) <= 2
    # the link, opened in a fresh browser, in English: the same plan
    english = page.get_attribute(".lang-switch", "href")
    assert english is not None
    assert "lang=en" in english
    fresh = browser.new_context(service_workers="block")
    fresh_guard = Guard(fresh, origin)
    other = open_plan(fresh, f"{origin}/{english}")
    assert other.evaluate("document.documentElement.lang") == "en"
    assert shown_ids(other) == ids
    assert "Your plan" in other.inner_text("#plan")
    fresh.close()
    assert guard.foreign == []
    assert fresh_guard.foreign == []


def test_hostile_card_text_is_text_in_the_computed_plan(browser: Any, origin: str) -> None:
    context = browser.new_context(service_workers="block")
    guard = Guard(context, origin)
    alerts: list[str] = []
    context.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    query = "actor=company&maturity=1&goal=skills&lang=en"
    page = open_plan(context, f"{origin}/hostile/recommend.en.html?{query}")
    assert "these-cifre" in shown_ids(page)
    assert '<script>alert("pwned")</script>' in page.inner_text("#plan")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#plan")
    assert page.locator("#plan script, #plan img").count() == 0
    assert alerts == []
    context.close()
    assert guard.foreign == []


def test_offline_after_a_first_visit(browser: Any, origin: str) -> None:
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(f"{origin}/index.html")
    page.wait_for_function(
        """async () => { const worker = (await navigator.serviceWorker.ready).active;
            return worker !== null && worker.state === 'activated'
                && !!(await caches.match('pyodide/pyodide.asm.wasm')); }""",
        timeout=WAIT,
    )
    context.set_offline(True)
    page.goto(f"{origin}/cards/these-cifre.en.html")
    assert page.locator("h1").inner_text().startswith("CIFRE")
    query = "actor=research&maturity=0&goal=outreach"
    plan = open_plan(context, f"{origin}/recommend.html?{query}")
    assert shown_ids(plan) == cli_ids(query)
    context.close()
