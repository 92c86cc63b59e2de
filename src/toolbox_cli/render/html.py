"""People's HTML: the one renderer of ``recommend --format html``, ``show --format html``
and the static site (``toolbox site``).

Standard library only, so that the same module renders the plan in a browser under
Pyodide. Every text from a card, a layer or the vocabulary is data: it goes through
``escape`` (``Markup`` is what this module built, never a card's text), and a link is
made only of an ``http(s)`` address. A page is built from small functions over the
result model, one per part of the plan, so that a new shape of plan changes them only.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from toolbox_cli.advisor.results import Answers, Recommendation, Recommended
from toolbox_cli.i18n import Lang, t
from toolbox_cli.i18n.typography import typeset
from toolbox_cli.render.words import (
    actor_label,
    answers_lines,
    card_reasons,
    coverage_text,
    first_step_label,
    first_step_text,
    gain_rows,
    goal_labels,
    ladder_rows,
    later_lines,
    lead_line,
    level_label,
    long_date,
    nothing_lines,
    plan_titles,
    start_note,
    text,
    then_line,
    tool_title,
)
from toolbox_cli.safetext import printable
from toolbox_cli.scales import LEVELS

if TYPE_CHECKING:
    from toolbox_cli.catalogue.models import Card, Vocabulary

# A card's page, from its id (the site links titles to it; a single file links nothing).
CardHref = Callable[[str], str] | None


class Markup(str):
    """HTML built by this module: put into a page as it is, never escaped again."""

    __slots__ = ()


def escape(value: object) -> Markup:
    """``value`` as text in HTML: markup of this module as it is; anything else shown as
    written (``<script>`` is five characters), with control characters as escapes and
    French typography's no-break spaces."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(typeset(printable(str(value))), quote=True))


def join_markup(parts: Iterable[object], separator: str = "") -> Markup:
    return Markup(escape(separator).join(escape(part) for part in parts))


def el(tag: str, *children: object, **attrs: str | bool | None) -> Markup:
    """``<tag attrs>children</tag>``: children and attribute values escaped (a ``Markup``
    child is kept); ``class_`` is ``class``, ``data_x`` is ``data-x``; False or None
    leaves an attribute out, True writes it bare."""
    shown = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        shown.append(f" {key}" if value is True else f' {key}="{escape(value)}"')
    return Markup(f"<{tag}{''.join(shown)}>{join_markup(children)}</{tag}>")


def web_link(url: str) -> Markup:
    """A link to an ``http(s)`` address; anything else (``javascript:``...) is text."""
    if url.startswith(("https://", "http://")) and not any(c.isspace() for c in url):
        return el("a", url, href=url, rel="noopener noreferrer")
    return escape(url)


# --- styles: one sheet, inline in a single file, a file of its own on the site ---

CSS = """
:root{--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--accent:#0b5394;--soft:#eef3f8;
--on:#1d6b2f;--off:#d9d9d9;font-family:system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.45}
body{margin:0 auto;max-width:60rem;padding:1rem 1.25rem 3rem;overflow-wrap:break-word}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem;
border-bottom:2px solid var(--accent);padding-bottom:.15rem}h3{font-size:1.1rem;
margin:1.25rem 0 .35rem;color:var(--accent)}h4{font-size:1rem;margin:.9rem 0 .25rem}
a{color:var(--accent);overflow-wrap:anywhere}a:focus-visible,button:focus-visible,input:focus-visible,
select:focus-visible,summary:focus-visible{outline:3px solid #d97706;outline-offset:2px}
.muted,.date{color:var(--muted)}.note{font-style:italic}[tabindex="-1"]:focus{outline:none}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;
padding:.5rem;z-index:9}
.site-nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;
border-bottom:1px solid var(--line);padding:.25rem 0 .5rem}
.site-nav .brand{font-weight:700;margin-right:auto}
.ladder{list-style:none;padding:0;margin:.5rem 0;border-left:4px solid var(--line)}
.ladder li{padding:.15rem .5rem;display:flex;gap:.5rem;align-items:baseline}
.ladder .num{font-weight:700;min-width:1.5rem;text-align:center;border-radius:50%;
border:2px solid var(--off)}.ladder .reached .num{background:var(--on);color:#fff;
border-color:var(--on)}.ladder .marked{background:var(--soft)}.ladder .mark{font-weight:700}
.levels{display:inline-flex;gap:2px;vertical-align:middle;margin-right:.4rem}
.levels span{display:inline-block;width:1.15em;height:1.15em;line-height:1.15em;
text-align:center;font-size:.75em;border-radius:2px;background:var(--off);color:#333}
.levels .on{background:var(--on);color:#fff;font-weight:700}
.at-a-glance{display:grid;grid-template-columns:1fr;gap:.5rem 1.5rem;
align-items:start}dl.glance{display:block;margin:.5rem 0}dl.glance dd{margin:0 0 .5rem}
@media (max-width:600px){.at-a-glance{grid-template-columns:1fr}}
.tool{border:1px solid var(--line);border-radius:6px;padding:.25rem .9rem .6rem;
margin:.6rem 0;break-inside:avoid}
.tool h3{margin-top:.5rem;color:var(--ink)}.tool ul{margin:.25rem 0;padding-left:1.2rem}
.gains{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.5rem;
margin:.4rem 0}.gains div{background:var(--soft);padding:.35rem .6rem;border-radius:4px}
.gains strong{display:block}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:700}dl.facts dd{margin:0}
blockquote{margin:.5rem 0;padding:.25rem .75rem;border-left:4px solid var(--accent);
background:var(--soft)}
.credit{margin-top:2rem;border-top:1px solid var(--line);padding-top:.5rem;
color:var(--muted);font-size:.9rem}
table.cards{border-collapse:collapse;width:100%}table.cards td,table.cards th{
text-align:left;padding:.35rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
fieldset{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;padding:.4rem .8rem}
legend{font-weight:700;padding:0 .25rem}fieldset label{display:block;padding:.15rem 0}
fieldset.inline label{display:inline-block;margin-right:1rem}
button,.button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:4px;
padding:.45rem 1rem;cursor:pointer;text-decoration:none;display:inline-block}
input[type=search]{font:inherit;padding:.35rem;width:min(100%,24rem)}
.status{padding:.5rem .75rem;background:var(--soft);border-radius:4px}
.error{background:#fde8e8;color:#7a1010}
@media (max-width:600px){body{padding:.5rem .75rem 2rem}dl.facts{grid-template-columns:1fr}
dl.facts dd{margin-bottom:.4rem}h1{font-size:1.35rem}}
@media print{@page{size:A4;margin:12mm 13mm 13mm}
:root{font-size:8pt;line-height:1.22}body{max-width:none;padding:0}
.site-nav,.no-print,form,.skip{display:none!important}a{color:inherit;text-decoration:none}
h1{font-size:1.45rem;margin:0}h2{margin:.5rem 0 .2rem;font-size:1.1rem}
h3{margin:.5rem 0 .2rem}h4{margin:.25rem 0 .1rem}p{margin:.2rem 0}
.answers p{margin:0}.ladder li{padding:0 .4rem}
.tool{padding:.05rem .5rem .2rem;margin:.3rem 0}.tool ul{margin:.1rem 0}
.gains{grid-template-columns:1fr 1fr;gap:.3rem;margin:.2rem 0}.gains div{padding:.1rem .4rem}
.at-a-glance{grid-template-columns:1fr}dl.glance dd{margin-bottom:.2rem}
.others ul,.deferred-list{columns:2;column-gap:1.5rem;margin:.1rem 0}
.deferred-list ul{display:none}
.others li,.deferred-list>li{break-inside:avoid}
h2,h3,h4{break-after:avoid}.gains div,.ladder .marked,.ladder .num,.levels span,blockquote{
-webkit-print-color-adjust:exact;print-color-adjust:exact}.credit{margin-top:.6rem}}
"""


def page(
    title: str,
    body: Markup,
    lang: Lang,
    *,
    head: str = "",
    css: Markup | None = None,
) -> str:
    """A whole HTML document; its styles inline unless ``css`` links a sheet."""
    style = css if css is not None else Markup(f"<style>{CSS}</style>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'  # no request for /favicon.ico
        f"<title>{escape(title)}</title>\n{style}\n{Markup(head)}</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


# --- small parts ------------------------------------------------------------


def levels_drawn(levels: Sequence[int], vocabulary: Vocabulary, lang: Lang) -> Markup:
    """The 1-5 scale, a card's levels lit; said in words to a screen reader."""
    words = t(lang, "html_levels", levels=", ".join(str(level) for level in levels))
    cells = [
        el("span", str(level) if level in levels else "·", class_="on" if level in levels else None)
        for level in LEVELS
    ]
    return el("span", *cells, class_="levels", role="img", aria_label=words)


def _title_link(card_id: str, title: str, href: CardHref) -> Markup:
    return el("a", title, href=href(card_id)) if href is not None else escape(title)


def credit(vocabulary: Vocabulary, lang: Lang) -> Markup:
    """The credit to the source document."""
    source = vocabulary.sources[0].title if vocabulary.sources else None
    words = t(lang, "html_credit", title=text(source, lang)) if source else ""
    return el("footer", el("p", words), class_="credit")


# --- the plan -----------------------------------------------------------------


def plan_title(answers: Answers, vocabulary: Vocabulary, lang: Lang) -> str:
    if answers.partner is None:
        return t(lang, "html_title")
    return t(
        lang,
        "md_pair_title",
        you=actor_label(vocabulary, answers.actor, lang).lower(),
        partner=actor_label(vocabulary, answers.partner.actor, lang).lower(),
    )


def answers_block(answers: Answers, vocabulary: Vocabulary, lang: Lang) -> Markup:
    lines = answers_lines(answers, vocabulary, lang)
    return el(
        "section",
        el("h2", t(lang, "your_answers")),
        *(el("p", line) for line in lines),
        class_="answers",
    )


def ladder_block(result: Recommendation, vocabulary: Vocabulary, lang: Lang) -> Markup:
    """The 5 levels drawn top down: where you are, and the levels at which the plan's
    tools would be used (*Start here*, *Then*, *Once you know each other*)."""
    items = []
    for row in ladder_rows(result, vocabulary, lang):
        classes = " ".join(
            name for name, yes in (("reached", row.reached), ("marked", bool(row.notes))) if yes
        )
        items.append(
            el(
                "li",
                el("span", str(row.level), class_="num"),
                el("span", row.label),
                el("span", " · ".join(row.notes), class_="mark") if row.notes else "",
                class_=classes or None,
            )
        )
    if result.answers.maturity == 0:
        items.append(el("li", el("span", "0", class_="num"), t(lang, "you_are_here_zero")))
    return el("ol", *items, class_="ladder", aria_label=t(lang, "html_ladder"))


def glance_block(result: Recommendation, lang: Lang, href: CardHref) -> Markup:
    """The plan on one screen: the titles of each part, with the ladder beside."""
    parts = (
        ("section_start", result.start),
        ("section_then", result.then),
        ("section_later", result.deferred),
    )
    facts: list[object] = []
    for key, items in parts:
        if items:
            titles = [_title_link(item.id, tool_title(item, lang), href) for item in items]
            facts += [el("dt", t(lang, key)), el("dd", join_markup(titles, " · "))]
    return el("dl", *facts, class_="facts glance")


def tool_block(
    item: Recommended, answers: Answers, vocabulary: Vocabulary, lang: Lang, href: CardHref
) -> Markup:
    """One tool of the plan: title, levels, why later (in *Then*), whether it is only
    proposed, its reasons, who leads, both sides' gains, and the reader's first step."""
    parts: list[object] = [
        el("h3", f"{item.rank}. ", _title_link(item.id, tool_title(item, lang), href)),
        el("p", levels_drawn(item.levels, vocabulary, lang), class_="muted"),
    ]
    then = then_line(item, vocabulary, lang)
    if then is not None:
        parts.append(el("p", then, class_="note"))
    if item.status == "proposed" and item.then_because != "proposed":
        parts.append(el("p", el("strong", t(lang, "proposed_note"))))
    reasons = card_reasons(item, answers, vocabulary, lang)
    if reasons:
        parts.append(el("ul", *(el("li", reason) for reason in reasons)))
    lead = lead_line(item, answers, vocabulary, lang)
    if lead is not None:
        parts.append(el("p", el("strong", lead)))
    rows = gain_rows(item, answers, vocabulary, lang)
    gains = [el("div", el("strong", who), gain) for who, gain in rows]
    parts.append(el("div", *gains, class_="gains"))
    label = first_step_label(item.first_step_for, answers, vocabulary, lang)
    parts.append(el("p", el("strong", label), " ", first_step_text(item, lang)))
    return el("article", *parts, class_="tool", data_card=item.id)


def later_block(
    result: Recommendation, vocabulary: Vocabulary, lang: Lang, href: CardHref
) -> Markup:
    """*Once you know each other*: the rule and what unlocks it (by title), said once,
    then the tools it holds back."""
    lines = later_lines(result, vocabulary, lang, plan_titles(result, lang))
    parts: list[object] = [el("h2", t(lang, "section_later"))]
    if lines:
        parts.append(el("blockquote", lines[0]))
        parts += [el("p", line) for line in lines[1:]]
    items = []
    for waiting in result.deferred:
        body: list[object] = [
            el("strong", _title_link(waiting.id, tool_title(waiting, lang), href)),
            " ",
            levels_drawn(waiting.levels, vocabulary, lang),
        ]
        notes = card_reasons(waiting, result.answers, vocabulary, lang)
        lead = lead_line(waiting, result.answers, vocabulary, lang)
        if lead is not None:
            notes.append(lead)
        if notes:
            body.append(el("ul", *(el("li", note) for note in notes)))
        items.append(el("li", *body, class_="deferred", data_card=waiting.id))
    parts.append(el("ul", *items, class_="deferred-list"))
    return el("section", *parts, class_="later")


def plan_block(
    result: Recommendation, vocabulary: Vocabulary, lang: Lang, href: CardHref = None
) -> Markup:
    """The plan: the answers, the plan at a glance with the ladder, then *Start here*,
    *Then* and *Once you know each other* (what the site's page and the single file
    share)."""
    answers = result.answers
    pair = answers.partner is not None
    parts: list[object] = [answers_block(answers, vocabulary, lang)]
    coverage = coverage_text(result, vocabulary, lang)
    if coverage is not None:
        parts.append(el("p", coverage, class_="status"))
    if not result.recommendations and not result.deferred:
        parts.append(el("p", " ".join(nothing_lines(result, vocabulary, lang))))
        return el("div", *parts, class_="plan")
    parts += [
        el("h2", t(lang, "plan_glance_pair" if pair else "plan_glance")),
        el(
            "div",
            ladder_block(result, vocabulary, lang),
            glance_block(result, lang, href),
            class_="at-a-glance",
        ),
    ]
    # what --limit left out is not said: it names options, and the reader has no terminal
    if result.recommendations:
        tools = [tool_block(item, answers, vocabulary, lang, href) for item in result.start]
        parts.append(
            el(
                "section",
                el("h2", t(lang, "section_start")),
                el("p", start_note(result, lang), class_="note"),
                *tools,
                class_="start",
            )
        )
    if result.then:
        tools = [tool_block(item, answers, vocabulary, lang, href) for item in result.then]
        parts.append(
            el(
                "section",
                el("h2", t(lang, "section_then")),
                el("p", t(lang, "then_intro"), class_="note"),
                *tools,
                class_="then",
            )
        )
    if result.deferred:
        parts.append(later_block(result, vocabulary, lang, href))
    return el("div", *parts, class_="plan")


def recommendation_html(
    result: Recommendation, vocabulary: Vocabulary, lang: Lang, today: date
) -> str:
    """``recommend --format html``: one file to attach to a mail and print (A4)."""
    title = plan_title(result.answers, vocabulary, lang)
    body = Markup(
        el("h1", title)
        + el("p", t(lang, "html_date", date=long_date(today, lang)), class_="date")
        + plan_block(result, vocabulary, lang)
        + credit(vocabulary, lang)
    )
    return page(title, el("main", body), lang)


# --- a card -------------------------------------------------------------------


def card_block(card: Card, vocabulary: Vocabulary, lang: Lang, heading: str = "h1") -> Markup:
    """One card's page: the facts, the objective, both sides' interests, the process, the
    examples and the source."""
    families = [f"{f}\u00a0{text(vocabulary.family(f).label, lang)}" for f in card.families]
    levels = " · ".join(f"{lv}\u00a0{level_label(vocabulary, lv, lang)}" for lv in card.levels)
    facts: list[object] = [
        el("dt", t(lang, "families")),
        el("dd", ", ".join(families)),
        el("dt", t(lang, "levels")),
        el("dd", levels_drawn(card.levels, vocabulary, lang), levels),
    ]
    if card.level_notes:
        notes = [
            el("li", el("strong", level), " ", note(lang))
            for level, note in card.level_notes.items()
        ]
        facts += [el("dt", t(lang, "level_notes")), el("dd", el("ul", *notes))]
    facts += [
        el("dt", t(lang, "actors")),
        el("dd", ", ".join(actor_label(vocabulary, a, lang) for a in card.actors)),
        el("dt", t(lang, "goals")),
        el("dd", goal_labels(vocabulary, card.goals, lang)),
    ]
    parts: list[object] = [
        el(heading, card.title(lang)),
        el("p", card.summary(lang)),
        el("dl", *facts, class_="facts"),
        el("h2", t(lang, "objective")),
        el("p", card.objective(lang)),
        el("h2", t(lang, "interests")),
        el(
            "div",
            el("div", el("strong", t(lang, "interest_territory")), card.interests.territory(lang)),
            el("div", el("strong", t(lang, "interest_research")), card.interests.research(lang)),
            class_="gains",
        ),
        el("h2", t(lang, "process")),
        el("ol", *(el("li", step(lang)) for step in card.process)),
    ]
    if card.examples:
        parts += [el("h2", t(lang, "examples")), el("ul", *_examples(card, vocabulary, lang))]
    source = text(vocabulary.source(card.source.document).title, lang)
    line = t(lang, "source_line", title=f"{source}, {card.source.section(lang)}")
    parts.append(el("p", line, class_="muted"))
    return el("article", *parts, class_="card", data_card=card.id)


def _examples(card: Card, vocabulary: Vocabulary, lang: Lang) -> list[Markup]:
    items = []
    for example in card.examples:
        body: list[object] = [
            el("strong", example.name(lang)),
            " ",
            el("span", f"({t(lang, f'kind_{example.kind}')})", class_="muted"),
        ]
        if example.description is not None:
            body.append(el("p", example.description(lang)))
        if example.reference is not None:
            body.append(el("p", el("em", example.reference(lang))))
        if example.link is not None:
            body.append(el("p", web_link(example.link)))
        source = text(vocabulary.source(example.source).title, lang)
        body.append(el("p", t(lang, "source_line", title=source), class_="muted"))
        layer = getattr(example, "catalogue", None)
        if layer is not None:
            shown = t(lang, "catalogue_shipped") if layer == "shipped" else layer
            body.append(el("p", t(lang, "example_catalogue", name=shown), class_="muted"))
        items.append(el("li", *body))
    return items


def card_html(card: Card, vocabulary: Vocabulary, lang: Lang) -> str:
    """``show --format html``: one card as a file to share and print."""
    body = Markup(card_block(card, vocabulary, lang) + credit(vocabulary, lang))
    return page(card.title(lang), el("main", body), lang)


# --- the scale and the rule, the list of cards -------------------------------


def levels_block(vocabulary: Vocabulary, lang: Lang) -> Markup:
    """The 5-degree scale and the rules between its levels."""
    items = [
        el(
            "li",
            el("strong", f"{level.id}. ", level.label(lang)),
            el("p", level.description(lang)),
        )
        for level in vocabulary.levels
    ]
    rules = [el("li", rule.text(lang)) for rule in vocabulary.rules]
    return Markup(
        el("h2", t(lang, "scale"))
        + el("ol", *items, class_="scale")
        + el("h2", t(lang, "rule"))
        + el("ul", *rules)
    )
