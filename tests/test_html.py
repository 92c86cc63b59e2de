"""People's HTML (``recommend --format html``, ``show --format html``): one file that a
person attaches to a mail, opens and prints; every card text in it is text, never markup.
What a browser does with it (print to PDF, one or two A4 pages) is in test_site_browser.py."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from typer.testing import Result

from toolbox_cli.render.html import Markup, el, escape, web_link

if TYPE_CHECKING:
    from conftest import Hostile

Run = Callable[..., Result]
PERSONA = ("--actor", "local_authority", "--maturity", "0", "--goal", "experimentation")
PAIR = (*PERSONA, "--partner", "research", "--partner-goal", "skills")
CIFRE = ("--actor", "company", "--maturity", "1", "--goal", "skills")
# What a self-contained page may hold: no script, no frame, nothing loaded.
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "main", "footer", "header", "section",
    "article", "div", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "span",
    "a", "dl", "dt", "dd", "blockquote", "link",
}  # fmt: skip


class Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser reads them."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def assert_safe(source: str) -> Page:
    """No script, no event handler, no link but http(s) (or a data: icon), no style but
    the page's own: what a hostile card wrote is only text."""
    page = Page(source)
    for tag, attrs in page.tags:
        assert tag in ALLOWED, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = attrs.get("href")
        if tag == "a":
            assert href is not None
            assert href.startswith(("https://", "http://", "#")) or "://" not in href, href
            assert not href.lower().startswith("javascript:"), href
    return page


def ladder_html(source: str) -> str:
    return source.split('<ol class="ladder"')[1].split("</ol>")[0]


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def plan_ids(run: Run, *args: str) -> list[str]:
    result = run("recommend", *args, "--json")
    data = json.loads(result.stdout)
    return [item["id"] for item in (*data["start"], *data["then"], *data["deferred"])]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("args", [PERSONA, PAIR, CIFRE], ids=["alone", "pair", "company"])
def test_a_plan_is_one_page_with_titles_not_ids_nor_commands(
    run: Run, args: tuple[str, ...], lang: str
) -> None:
    result = run("recommend", *args, "--format", "html", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    source = result.stdout
    assert source.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{lang}">' in source
    page = assert_safe(source)
    # self-contained: styles inline, nothing loaded from elsewhere
    assert not [tag for tag, attrs in page.tags if tag == "link" and attrs.get("rel") != "icon"]
    assert "<style>" in source
    assert "@page{size:A4" in source
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", source.split("<body>")[1])
    shown = flat(page.text)
    data = json.loads(run("recommend", *args, "--json", "--lang", lang).stdout)
    for item in (*data["start"], *data["then"]):
        assert flat(f"{item['rank']}. {item['title']}") in shown
        assert f'data-card="{item["id"]}"' in source
        if "-" in item["id"]:  # "chaires" is a French word too
            assert item["id"] not in shown  # in the page's data, never in its text
    assert "toolbox show" not in shown
    date = "Établi le 7 décembre 2026" if lang == "fr" else "Drawn up on 7 December 2026"
    assert date in shown
    credit = "Boîte à outils pour bâtir" if lang == "fr" else "Toolbox for building"
    assert credit in shown
    # the ladder is drawn: five levels, where you are, where to start
    ladder = [attrs for tag, attrs in page.tags if tag == "ol" and attrs.get("class") == "ladder"]
    assert len(ladder) == 1
    assert ("Start here" if lang == "en" else "Commencez ici") in shown
    here = "you are here" if lang == "en" else "vous êtes ici"
    assert here in flat(" ".join(Page(str(ladder_html(source))).texts))


def test_a_plan_in_html_is_the_plan_of_json(run: Run) -> None:
    source = run("recommend", *PAIR, "--format", "html").stdout
    shown = re.findall(r'<(?:article|li) class="(?:tool|deferred)" data-card="([^"]+)"', source)
    assert shown == plan_ids(run, *PAIR)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_card_is_one_page_to_share(run: Run, lang: str) -> None:
    result = run("show", "these-cifre", "--format", "html", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    page = assert_safe(result.stdout)
    card = json.loads(run("show", "these-cifre", "--json", "--lang", lang).stdout)
    shown = flat(page.text)
    for text in (card["title"], card["summary"], card["objective"], card["process"][0]):
        assert flat(text) in shown
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert "http://www.anrt.asso.fr/sites/default/files/cifre-plaquette-2019.pdf" in links


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hostile_card_text_is_text_in_every_html_output(
    run: Run, hostile: Hostile, lang: str
) -> None:
    hostile_cards = hostile.cards
    SCRIPT, IMG, JS_LINK = hostile.script, hostile.img, hostile.js_link
    outputs = {
        "show": run("show", "these-cifre", "--format", "html", "--lang", lang,
                    "--cards-dir", str(hostile_cards)),
        "recommend": run("recommend", *CIFRE, "--format", "html", "--lang", lang,
                         "--cards-dir", str(hostile_cards)),
    }  # fmt: skip
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.stderr)
        page = assert_safe(result.stdout)
        shown = page.text
        assert SCRIPT in shown, name  # shown as the card wrote it...
        assert "<script" not in result.stdout, name  # ...never as a tag
        assert "<img" not in result.stdout, name
        assert "&lt;script&gt;" in result.stdout, name
        if name == "show":
            assert IMG in shown
            assert JS_LINK in shown
            assert not any(JS_LINK in (attrs.get("href") or "") for tag, attrs in page.tags), (
                "a javascript: address is never a link"
            )


def test_the_renderer_escapes_everything_but_its_own_markup() -> None:
    SCRIPT, JS_LINK = '<script>alert("pwned")</script>', "javascript:alert(1)"
    assert escape(SCRIPT) == "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"
    assert escape(Markup("<b>x</b>")) == "<b>x</b>"
    assert el("p", SCRIPT, title='"><x') == (
        '<p title="&quot;&gt;&lt;x">&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;</p>'
    )
    assert web_link(JS_LINK) == escape(JS_LINK)
    assert web_link("https://example.org/a?b=1&c=2") == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">'
        "https://example.org/a?b=1&amp;c=2</a>"
    )
    assert escape("a\x1b[31mb") == "a\\x1b[31mb"  # control characters shown, not kept


def test_html_and_json_cannot_be_asked_together(run: Run) -> None:
    for command in (("show", "these-cifre"), ("recommend", *PERSONA)):
        result = run(*command, "--json", "--format", "html")
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert "--json" in result.stderr
        assert "--format html" in result.stderr
