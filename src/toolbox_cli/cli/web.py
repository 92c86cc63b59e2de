"""The command line in a web address: the site's questionnaire (``recommend.html``) runs
this module under Pyodide, in the browser.

The address carries the answers with the command line's names (``?actor=…&maturity=…
&goal=…&goal=…&staff-time=…&partner=…&partner-goal=…&lang=…``); they are read by the
same functions as the flags (``questionnaire.from_flags``), the plan is the engine's
(``advisor.engine.recommend``) over the site's JSON export of the validated catalogue,
and it is put into HTML by the one renderer (``render.html``). Standard library only:
nothing here, nor in what it imports, needs Pydantic, PyYAML, Rich or Typer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs

from toolbox_cli.advisor.engine import recommend
from toolbox_cli.catalogue.records import card_of, vocabulary_of
from toolbox_cli.cli.questionnaire import check_partner, from_flags
from toolbox_cli.errors import ToolboxError
from toolbox_cli.i18n import LANGS, Lang
from toolbox_cli.render.html import CardHref, plan_block

if TYPE_CHECKING:  # the light records stand for the models (catalogue.records)
    from toolbox_cli.catalogue.models import Card, CardEntry, Vocabulary

# The address's names: the command line's, without their dashes.
NAMES = ("actor", "maturity", "goal", "staff-time", "partner", "partner-goal", "lang")


class Exported:
    """A catalogue from the site's JSON export (``site.writer.catalogue_export``): what
    the engine reads (``advisor.engine.Catalogue``)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.vocabulary = cast("Vocabulary", vocabulary_of(data["vocabulary"]))
        cards = [cast("Card", card_of(card)) for card in data["cards"]]
        self._cards = {card.id: card for card in cards}
        self.entries: tuple[CardEntry, ...] = tuple(
            self._cards[card_id].entry() for card_id in sorted(self._cards)
        )

    def card(self, card_id: str) -> Card:
        return self._cards[card_id]


def query_lang(query: Mapping[str, Sequence[str]]) -> Lang:
    asked = (query.get("lang") or ["fr"])[-1]
    return next((lang for lang in LANGS if lang == asked), "fr")


def _one(query: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = [value for value in query.get(name, []) if value.strip()]
    return values[-1] if values else None


def plan_page(
    catalogue: Exported, address_query: str, card_href: CardHref = None
) -> dict[str, Any]:
    """The plan for the answers in ``address_query`` (``?actor=…``): its HTML, the ids of
    its tools in its order (the deferred ones last), or the error said as the command
    line says it; ``missing`` lists the answers still to give (the form, no plan)."""
    query = parse_qs(address_query.lstrip("?"), keep_blank_values=False)
    lang = query_lang(query)
    out: dict[str, Any] = {"lang": lang, "html": "", "ids": [], "error": [], "missing": []}
    vocabulary = catalogue.vocabulary
    try:
        partial = from_flags(
            vocabulary,
            _one(query, "actor"),
            _one(query, "maturity"),
            [goal for goal in query.get("goal", []) if goal.strip()],
            _one(query, "staff-time"),
            _one(query, "partner"),
            [goal for goal in query.get("partner-goal", []) if goal.strip()],
        )
        out["missing"] = partial.missing()
        if out["missing"]:
            return out
        answers = partial.complete()
        check_partner(catalogue, answers, lang)
    except ToolboxError as error:
        out["error"] = error.lines(lang)
        return out
    result = recommend(catalogue, answers)
    out["html"] = str(plan_block(result, vocabulary, lang, card_href))
    # the tools in the plan's order: Start here, Then, Once you know each other
    out["ids"] = [item.id for item in result.recommendations]
    out["ids"] += [item.id for item in result.deferred]
    return out


def page_json(catalogue_json: str, address_query: str) -> str:
    """What ``recommend.js`` calls: ``plan_page`` as JSON, cards linked to the site's
    pages in the address's language."""
    catalogue = _cached(catalogue_json)
    lang = query_lang(parse_qs(address_query.lstrip("?")))
    suffix = "" if lang == "fr" else ".en"
    return json.dumps(plan_page(catalogue, address_query, lambda i: f"cards/{i}{suffix}.html"))


_CACHE: dict[int, Exported] = {}


def _cached(catalogue_json: str) -> Exported:
    key = hash(catalogue_json)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Exported(json.loads(catalogue_json))
    return _CACHE[key]
