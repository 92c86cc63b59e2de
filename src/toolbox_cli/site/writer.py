"""``toolbox site DIR``: a static site of the catalogue it is given, in French and English.

Pages (French at ``name.html``, English at ``name.en.html``): the filterable list of
tools (``index``), the scale and the rule (``levels``), a page per card (``cards/ID``),
and the questionnaire (``recommend``), whose answers go in the address with the command
line's names. Every page is the one HTML renderer's (``render.html``) and works from
disk with JavaScript off, but the questionnaire's plan: that is computed in the browser
by the project's own engine under Pyodide (``cli.web``, shipped as source with a JSON
export of the validated catalogue), when the site is built with ``--pyodide``.
Nothing is loaded from elsewhere; a service worker keeps the site for offline use.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from toolbox_cli.errors import ToolboxError
from toolbox_cli.i18n import LANGS, Lang, t, tn
from toolbox_cli.render.html import (
    CSS,
    Markup,
    card_block,
    credit,
    el,
    escape,
    levels_block,
    levels_drawn,
    page,
)
from toolbox_cli.render.words import actor_label, goal_label

if TYPE_CHECKING:
    from toolbox_cli.advisor.engine import Catalogue  # what the site reads, as the engine
    from toolbox_cli.catalogue.models import Vocabulary

PYODIDE_VERSION = "314.0.8"  # the npm package the site ships (web/package.json pins it)
PYODIDE_FILES = (
    "package.json",
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# What runs in the browser: the plan's path, standard library only (tests/test_site.py
# imports it with Pydantic, PyYAML, Rich and Typer blocked, and checks the list is whole).
BROWSER_MODULES = (
    "__init__.py",
    "i18n/__init__.py",
    "i18n/messages.py",
    "i18n/typography.py",
    "text.py",
    "safetext.py",
    "scales.py",
    "errors.py",
    "catalogue/__init__.py",
    "catalogue/paths.py",
    "catalogue/records.py",
    "advisor/__init__.py",
    "advisor/results.py",
    "advisor/engine.py",
    "render/__init__.py",
    "render/words.py",
    "render/html.py",
    "cli/__init__.py",
    "cli/questionnaire.py",
    "cli/web.py",
)
SITE_CSS = """
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem}.filters fieldset{margin:0;flex:1 1 12rem}
.filters label{font-weight:400}.cards-list{list-style:none;padding:0}
.cards-list li{border-bottom:1px solid var(--line);padding:.5rem 0}
.cards-list h2{font-size:1.05rem;border:0;margin:0 0 .2rem}.cards-list p{margin:.2rem 0}
.lang-switch{font-weight:700}
"""


class Option(Protocol):
    """One choice of a question (``cli.questionnaire.Choice``)."""

    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def help(self) -> str: ...


# question ("actor", "maturity", "goals", "staff_time", "partner", "partner_goals") ->
# its choices, in each language: what the command line asks, as a form.
Form = Mapping[Lang, Mapping[str, Sequence[Option]]]


class Written(NamedTuple):
    pages: int
    files: int
    live: bool  # the questionnaire computes plans (the runtime is in the site)


def suffix(lang: Lang) -> str:
    return "" if lang == "fr" else ".en"


def other(lang: Lang) -> Lang:
    return "en" if lang == "fr" else "fr"


def check_pyodide(path: Path) -> Path:
    """``path`` if it is the unpacked npm ``pyodide`` package of ``PYODIDE_VERSION``,
    with every file the site needs; else a ``ToolboxError`` saying what is wrong."""
    manifest = path / "package.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        version = data.get("version") if isinstance(data, dict) else None
    except (OSError, ValueError):
        raise ToolboxError(
            "site_pyodide_missing", path=str(path), version=PYODIDE_VERSION
        ) from None
    if data.get("name") != "pyodide" or version != PYODIDE_VERSION:
        raise ToolboxError(
            "site_pyodide_version", path=str(path), found=str(version), version=PYODIDE_VERSION
        )
    missing = [name for name in PYODIDE_FILES if not (path / name).is_file()]
    if missing:
        raise ToolboxError("site_pyodide_file", path=str(path), file=missing[0])
    return path


def catalogue_export(catalogue: Catalogue) -> dict[str, Any]:
    """The validated catalogue as JSON (what ``cli.web.Exported`` reads in the browser)."""
    return {
        "vocabulary": catalogue.vocabulary.model_dump(),
        "cards": [catalogue.card(entry.id).model_dump() for entry in catalogue.entries],
    }


# --- the pages' frame -----------------------------------------------------------


def _nav(lang: Lang, here: str, root: str, switch: str) -> Markup:
    links = [
        ("index", t(lang, "site_nav_list")),
        ("levels", t(lang, "site_nav_levels")),
        ("recommend", t(lang, "site_nav_recommend")),
    ]
    items = [
        el(
            "a",
            label,
            href=f"{root}{name}{suffix(lang)}.html",
            aria_current="page" if name == here else None,
        )
        for name, label in links
    ]
    target = other(lang)
    return el(
        "nav",
        el("span", t(lang, "site_name"), class_="brand"),
        *items,
        el(
            "a",
            t(target, "site_lang_name"),
            href=switch,
            hreflang=target,
            lang=target,
            class_="lang-switch",
        ),
        class_="site-nav",
        aria_label=t(lang, "site_nav"),
    )


def site_page(
    lang: Lang,
    title: str,
    body: Markup,
    *,
    here: str,
    root: str,
    switch: str,
    vocabulary: Vocabulary,
    scripts: Sequence[str] = (),
) -> str:
    head = Markup(
        "".join(f'<script src="{escape(root + src)}" defer></script>\n' for src in scripts)
    )
    skip = el("a", t(lang, "site_skip"), href="#main", class_="skip")
    content = Markup(
        skip
        + el("header", _nav(lang, here, root, switch))
        + el("main", body, id="main")
        + credit(vocabulary, lang)
    )
    css = Markup(f'<link rel="stylesheet" href="{escape(root)}assets/site.css">')
    return page(title, content, lang, head=head, css=css)


# --- the list of tools ---------------------------------------------------------


def _filter_group(lang: Lang, name: str, legend: str, values: Sequence[tuple[str, str]]) -> Markup:
    options = [
        el(
            "label",
            Markup(f'<input type="radio" name="{name}" value="" id="f-{name}-all" checked> '),
            t(lang, "site_filter_all"),
        )
    ]
    for value, label in values:
        options.append(
            el(
                "label",
                Markup(
                    f'<input type="radio" name="{name}" value="{escape(value)}" '
                    f'id="f-{name}-{escape(value)}"> '
                ),
                label,
            )
        )
    return el("fieldset", el("legend", legend), *options)


def _safe_token(value: str) -> bool:
    return bool(value) and all(c.isascii() and (c.isalnum() or c in "-_") for c in value)


def filters_css(vocabulary: Vocabulary) -> str:
    """The list's filters with JavaScript off: a chosen radio button hides, by CSS, the
    cards that lack its value (``:has``)."""
    rules = []
    dimensions: list[tuple[str, list[str]]] = [
        ("family", [str(f.id) for f in vocabulary.families]),
        ("level", [str(level.id) for level in vocabulary.levels]),
        ("actor", [a.id for a in vocabulary.actors if _safe_token(a.id)]),
        ("goal", [g.id for g in vocabulary.goals if _safe_token(g.id)]),
    ]
    for name, values in dimensions:
        for value in values:
            rules.append(
                f"body:has(#f-{name}-{value}:checked) .cards-list>li:not(.{name}-{value})"
                "{display:none}"
            )
    return "\n".join(rules) + "\n"


def list_body(catalogue: Catalogue, lang: Lang) -> Markup:
    vocabulary = catalogue.vocabulary
    groups = [
        _filter_group(
            lang,
            "family",
            t(lang, "families"),
            [(str(f.id), f"{f.id}\u00a0{f.label(lang)}") for f in vocabulary.families],
        ),
        _filter_group(
            lang,
            "level",
            t(lang, "levels"),
            [(str(lv.id), f"{lv.id}\u00a0{lv.label(lang)}") for lv in vocabulary.levels],
        ),
        _filter_group(
            lang,
            "actor",
            t(lang, "site_filter_actor"),
            [(a.id, actor_label(vocabulary, a.id, lang)) for a in vocabulary.actors],
        ),
        _filter_group(
            lang,
            "goal",
            t(lang, "goals"),
            [(g.id, goal_label(vocabulary, g.id, lang)) for g in vocabulary.goals],
        ),
    ]
    search = el(
        "form",
        el("label", t(lang, "site_search"), for_="q"),
        " ",
        Markup('<input type="search" id="q" name="q" autocomplete="off">'),
        el("noscript", el("p", t(lang, "site_search_off"), class_="muted")),
        role="search",
        class_="search",
        action=f"index{suffix(lang)}.html",
    )
    items = []
    for entry in catalogue.entries:
        card = catalogue.card(entry.id)
        classes = [f"family-{f}" for f in entry.families]
        classes += [f"level-{lv}" for lv in entry.levels]
        classes += [f"actor-{a}" for a in entry.actors if _safe_token(a)]
        classes += [f"goal-{g}" for g in entry.goals if _safe_token(g)]
        words = " ".join((entry.title.fr, entry.title.en, card.summary.fr, card.summary.en))
        items.append(
            el(
                "li",
                el("h2", el("a", entry.title(lang), href=f"cards/{entry.id}{suffix(lang)}.html")),
                el("p", levels_drawn(entry.levels, vocabulary, lang), class_="muted"),
                el("p", card.summary(lang)),
                class_=" ".join(classes),
                data_words=words,
            )
        )
    count = tn(lang, "site_count", len(catalogue.entries))
    return Markup(
        el("h1", t(lang, "site_list_title"))
        + el("p", count, class_="muted")
        + search
        + el("form", *groups, class_="filters", aria_label=t(lang, "site_filters"))
        + el("p", t(lang, "site_none"), id="none", hidden=True, aria_live="polite")
        + el("ul", *items, class_="cards-list")
    )


# --- the questionnaire -----------------------------------------------------------

QUESTIONS = (
    ("actor", "actor", "radio", True),
    ("maturity", "maturity", "radio", True),
    ("goals", "goal", "checkbox", True),
    ("staff_time", "staff-time", "radio", False),
    ("partner", "partner", "radio", False),
    ("partner_goals", "partner-goal", "checkbox", False),
)


def _question(lang: Lang, question: str, name: str, kind: str, options: Sequence[Option]) -> Markup:
    rows = []
    if kind == "radio" and question in ("staff_time", "partner"):
        rows.append(
            el(
                "label",
                Markup(f'<input type="radio" name="{name}" value="" checked> '),
                t(lang, "site_q_skip"),
            )
        )
    for number, option in enumerate(options):
        field_id = f"q-{name}-{number}"
        rows.append(
            el(
                "label",
                Markup(
                    f'<input type="{kind}" name="{name}" value="{escape(option.value)}" '
                    f'id="{field_id}"> '
                ),
                el("strong", option.label),
                " ",
                el("span", option.help, class_="muted"),
                for_=field_id,
            )
        )
    return el("fieldset", el("legend", t(lang, f"site_q_{question}")), *rows)


def recommend_body(lang: Lang, form: Form, live: bool) -> Markup:
    questions = [
        _question(lang, question, name, kind, form[lang][question])
        for question, name, kind, _ in QUESTIONS
    ]
    said = t(lang, "site_rec_js")
    if not live:
        said = t(lang, "site_rec_no_runtime", version=PYODIDE_VERSION)
    status = el(
        "p",
        said,
        class_="status",
        id="status",
        role="status",
        data_computing=t(lang, "site_rec_computing"),
        data_missing=t(lang, "site_rec_missing"),
        data_failed=t(lang, "site_rec_failed"),
    )
    return Markup(
        el("h1", t(lang, "site_rec_title"))
        + el("p", t(lang, "site_rec_intro"))
        + el(
            "form",
            Markup(f'<input type="hidden" name="lang" value="{lang}">'),
            *questions,
            el("button", t(lang, "site_rec_submit"), type="submit"),
            id="answers",
            action=f"recommend{suffix(lang)}.html",
            method="get",
            class_="no-print",
        )
        + status
        + el("section", id="plan", aria_live="polite", data_live="1" if live else "0")
    )


# --- writing -------------------------------------------------------------------


def _static(name: str) -> str:
    return (resources.files("toolbox_cli.site") / "static" / name).read_text("utf-8")


def write_site(
    catalogue: Catalogue,
    out: Path,
    form: Form,
    pyodide: Path | None = None,
) -> Written:
    """Write the site into ``out`` (created if need be; files of the same names are
    replaced, others left). ``pyodide``: a checked npm package (``check_pyodide``) to
    ship, so that the questionnaire computes plans."""

    def put(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path.relative_to(out).as_posix())
        digest.update(text.encode("utf-8"))

    files: list[str] = []
    digest = hashlib.sha256(PYODIDE_VERSION.encode())
    vocabulary = catalogue.vocabulary
    live = pyodide is not None
    pages = 0
    for lang in LANGS:
        sfx, osfx = suffix(lang), suffix(other(lang))
        put(
            out / f"index{sfx}.html",
            site_page(
                lang,
                t(lang, "site_list_title"),
                list_body(catalogue, lang),
                here="index",
                root="",
                switch=f"index{osfx}.html",
                vocabulary=vocabulary,
                scripts=["assets/site.js"],
            ),
        )
        put(
            out / f"levels{sfx}.html",
            site_page(
                lang,
                t(lang, "site_nav_levels"),
                Markup(el("h1", t(lang, "site_nav_levels")) + levels_block(vocabulary, lang)),
                here="levels",
                root="",
                switch=f"levels{osfx}.html",
                vocabulary=vocabulary,
                scripts=["assets/site.js"],
            ),
        )
        scripts = ["assets/site.js", "assets/recommend.js"]
        if live:
            scripts.insert(0, "pyodide/pyodide.js")
        put(
            out / f"recommend{sfx}.html",
            site_page(
                lang,
                t(lang, "site_rec_title"),
                recommend_body(lang, form, live),
                here="recommend",
                root="",
                switch=f"recommend{osfx}.html",
                vocabulary=vocabulary,
                scripts=scripts,
            ),
        )
        pages += 3
        for entry in catalogue.entries:
            card = catalogue.card(entry.id)
            back = el(
                "p", el("a", t(lang, "site_back"), href=f"../index{sfx}.html"), class_="no-print"
            )
            put(
                out / "cards" / f"{entry.id}{sfx}.html",
                site_page(
                    lang,
                    card.title(lang),
                    Markup(back + card_block(card, vocabulary, lang)),
                    here="card",
                    root="../",
                    switch=f"{entry.id}{osfx}.html",
                    vocabulary=vocabulary,
                    scripts=["assets/site.js"],
                ),
            )
            pages += 1
    put(out / "assets" / "site.css", CSS + SITE_CSS + filters_css(vocabulary))
    put(out / "assets" / "site.js", _static("site.js"))
    put(out / "assets" / "recommend.js", _static("recommend.js"))
    export = json.dumps(catalogue_export(catalogue), ensure_ascii=False)
    put(out / "data" / "catalogue.json", export)
    package = Path(str(resources.files("toolbox_cli")))
    for name in BROWSER_MODULES:
        put(out / "py" / "toolbox_cli" / name, (package / name).read_text(encoding="utf-8"))
    # The compiled message catalogues (binary: the browser writes them as bytes).
    catalogues = sorted(
        path.relative_to(package).as_posix()
        for path in (package / "i18n" / "locale").glob("*/LC_MESSAGES/*.mo")
    )
    for name in catalogues:
        content = (package / name).read_bytes()
        target = out / "py" / "toolbox_cli" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        files.append(target.relative_to(out).as_posix())
        digest.update(content)
    shipped = [f"toolbox_cli/{name}" for name in (*BROWSER_MODULES, *catalogues)]
    put(out / "py" / "files.json", json.dumps(shipped))
    if pyodide is not None:
        for name in PYODIDE_FILES:
            target = out / "pyodide" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pyodide / name, target)
            files.append(target.relative_to(out).as_posix())
    shell = ["./", *files]
    worker = (
        _static("sw.js")
        .replace("__FILES__", json.dumps(shell))
        .replace("__VERSION__", json.dumps(digest.hexdigest()[:16]))
    )
    put(out / "sw.js", worker)
    return Written(pages, len(files), live)
