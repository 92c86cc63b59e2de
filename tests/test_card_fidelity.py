"""Every French sentence a card takes from a document is found in that document.

The documents' text is kept in ``tests/fixtures/sources/<number>.txt``, derived from
them by ``tests/fixtures/sources/derive.py`` (tests never read the documents
themselves). A card's sheet-derived texts (summary, objective, interests, process,
level notes, and the descriptions of its examples) are cut into sentences; each,
normalised as below, must be part of the card's document (its example's document for
a description), or be listed in ``tests/fixtures/card_clean_ups.yaml`` with what the
document says and why the card says it otherwise. The quotations of the reading
comment above ``concerns:`` are looked up the same way.

Normalised: Unicode NFC; whitespace of any kind collapsed; quotation marks
(« » “ ” ") one mark and apostrophes one mark; dashes one hyphen; no space next to a
quotation mark, a hyphen, a slash or a bracket, or before a punctuation mark;
« … » as "..."; « œ » as "oe"; inclusive writing (« élu.e.s ») as the masculine
plural; accents and case ignored (« Etat » is « État »).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from toolbox_cli.catalogue.paths import data_dir

CARDS_DIR = data_dir() / "cards"
CARD_IDS = sorted(path.stem for path in CARDS_DIR.glob("*.yaml"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = FIXTURES / "sources"
CLEAN_UPS_FILE = FIXTURES / "card_clean_ups.yaml"

FIELDS = ("summary", "objective", "interests", "process", "level_notes", "examples")

# guillemets, curly and straight double quotes one mark; curly apostrophes one apostrophe
QUOTES = str.maketrans(
    dict.fromkeys('\u00ab\u00bb\u201c\u201d\u201e\u201f"', '"')
    | dict.fromkeys("\u2019\u2018\u02bc", "'")
)
# hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
INCLUSIVE = re.compile(r"(?<=\w)\.(?:e|ne|le|se|es|nes|les|ses)(?:\.e?s)?(?!\w)")
TIGHT_AROUND = re.compile(r' ?([-"/(\[]) ?')
TIGHT_BEFORE = re.compile(r" ([)\].,;:!?%°])")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
TRAILING = " .;:,"


def without_accents(text: str) -> str:
    """The documents write « Etat » for « État », « DUNKERQUE, L'ÉNERGIE CRÉATIVE » in
    capitals, and a list item « échange » that a card's step starts as « Échange »."""
    return "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.translate(QUOTES).translate(DASHES)
    text = text.replace("…", "...").replace("œ", "oe").replace("Œ", "Oe")
    text = INCLUSIVE.sub(lambda match: "s" if match.group().endswith("s") else "", text)
    text = " ".join(text.split())
    text = TIGHT_AROUND.sub(r"\1", text)
    text = TIGHT_BEFORE.sub(r"\1", text)
    return without_accents(text).casefold()


def sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` (a semicolon ends one too), without their final stop."""
    for sentence in SENTENCE_END.split(" ".join(text.split())):
        sentence = sentence.strip(TRAILING)
        if sentence:
            yield sentence


def quotations(text: str) -> Iterator[str]:
    """Every outermost « … » of ``text`` (a quotation may hold quotations)."""
    depth, start = 0, 0
    for position, char in enumerate(text):
        if char == "«":
            if depth == 0:
                start = position + 1
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            if depth == 0:
                yield text[start:position].strip(" …")


@cache
def document(number: str) -> str:
    return normalise((SOURCES / f"{number}.txt").read_text("utf-8").replace("\n", " "))


@cache
def documents_of_sources() -> dict[str, str]:
    vocabulary = yaml.safe_load((data_dir() / "vocabulary.yaml").read_text("utf-8"))
    return {source["id"]: source["document"] for source in vocabulary["sources"]}


def found_in(text: str, number: str) -> bool:
    """Whether ``text``, normalised, is part of document ``number``; "…" stands for a cut."""
    return all(part in document(number) for part in normalise(text).split("...") if part)


def raw(card_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CARDS_DIR / f"{card_id}.yaml").read_text("utf-8"))
    return data


def sheet_texts(card: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(field, document number, French text) of every sheet-derived text of ``card``."""
    numbers = documents_of_sources()
    own = numbers[card["source"]["document"]]
    yield "summary", own, card["summary"]["fr"]
    yield "objective", own, card["objective"]["fr"]
    for side in ("territory", "research"):
        yield "interests", own, card["interests"][side]["fr"]
    for step in card["process"]:
        yield "process", own, step["fr"]
    for note in card.get("level_notes", {}).values():
        yield "level_notes", own, note["fr"]
    for example in card.get("examples", []):
        if "description" in example:
            yield "examples", numbers[example["source"]], example["description"]["fr"]


@cache
def clean_ups() -> list[dict[str, str]]:
    entries: list[dict[str, str]] = yaml.safe_load(CLEAN_UPS_FILE.read_text("utf-8"))
    return entries


def listed(card_id: str, field: str, sentence: str) -> dict[str, str] | None:
    for entry in clean_ups():
        if (entry["card"], entry["field"]) == (card_id, field) and normalise(
            entry["text"]
        ) == normalise(sentence):
            return entry
    return None


def unfound(card_id: str) -> list[str]:
    """The sheet-derived sentences of the card found neither in its document nor listed."""
    missing = []
    for field, number, text in sheet_texts(raw(card_id)):
        for sentence in sentences(text):
            if not found_in(sentence, number) and listed(card_id, field, sentence) is None:
                missing.append(f"{field} (document {number}): {sentence}")
    return missing


# --- the normalisation itself ----------------------------------------------------------


@pytest.mark.parametrize(
    ("card", "document_text"),
    [
        ("l'État", "l'Etat"),
        ("« chaires de territoire »", '"chaires de territoire"'),
        ("(ex : CPIE", "(ex: CPIE"),
        ("Milieux - OHM - Vallée", "Milieux -OHM- Vallée"),
        ("mise en œuvre", "mise en oeuvre"),
        ("les élus des petites communes", "les élu.e.s des petites communes"),
        ("des chercheurs et non chercheurs", "des chercheur.ses et non chercheur.ses"),
        ("les « gestionnaires »", "les “gestionnaires”"),
        ("Musée national de l'Éducation", "Musée National de l'Education"),
        ("Échange autour des projets", "échange autour des projets"),
        ("à 50 % agent", "à 50% agent"),
    ],
)
def test_normalising_forgets_typography_only(card: str, document_text: str) -> None:
    assert normalise(card) == normalise(document_text)


@pytest.mark.parametrize(
    ("card", "document_text"),
    [
        ("Conserver la richesse", "Conservier la richesse"),
        ("des fonctions dédiées", "des fonctions dédié"),
        ("etc.", "et cetera"),
    ],
)
def test_normalising_keeps_the_words(card: str, document_text: str) -> None:
    assert normalise(card) != normalise(document_text)


def test_sentences_end_at_stops_and_semicolons() -> None:
    text = "Un. Deux ; trois ? Quatre : cinq..."
    assert list(sentences(text)) == ["Un", "Deux", "trois ?", "Quatre : cinq"]


def test_quotations_keep_the_quotations_they_hold() -> None:
    text = "« Un volet « accompagnement » dans la création » (processus); « deux »"
    assert list(quotations(text)) == ["Un volet « accompagnement » dans la création", "deux"]


def test_the_fixture_holds_no_personal_contact() -> None:
    for path in SOURCES.glob("*.txt"):
        text = path.read_text("utf-8")
        assert not re.search(r"\S+@\S+\.\w+", text), path.name
        assert not re.search(r"(?<!\d)0[1-9](?:[ .-]?\d\d){4}(?!\d)", text), path.name


# --- every card ---------------------------------------------------------------------


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_sheet_sentence_is_in_its_document_or_a_listed_clean_up(card_id: str) -> None:
    missing = unfound(card_id)
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_quotation_of_the_reading_is_in_a_document(card_id: str) -> None:
    lines = (CARDS_DIR / f"{card_id}.yaml").read_text("utf-8").splitlines()
    levels = next(n for n, line in enumerate(lines) if line.startswith("levels:"))
    concerns = next(n for n, line in enumerate(lines) if line.startswith("concerns:"))
    reading = " ".join(line.lstrip("# ") for line in lines[levels + 1 : concerns])
    numbers = ("000", "001", "002", "003", "004")
    for quotation in quotations(reading):
        assert any(found_in(quotation, number) for number in numbers), quotation


# --- the list of clean-ups ------------------------------------------------------------


def test_every_clean_up_says_what_and_why() -> None:
    for entry in clean_ups():
        assert set(entry) <= {"card", "field", "text", "document", "reason"}, entry
        assert {"card", "field", "text", "reason"} <= set(entry), entry
        assert entry["card"] in CARD_IDS, entry
        assert entry["field"] in FIELDS, entry
        assert entry["reason"].strip(), entry


def test_every_clean_up_is_still_needed_and_quotes_its_document() -> None:
    for entry in clean_ups():
        card = raw(entry["card"])
        texts = [(n, t) for field, n, t in sheet_texts(card) if field == entry["field"]]
        matches = [
            number
            for number, text in texts
            for sentence in sentences(text)
            if normalise(sentence) == normalise(entry["text"])
        ]
        assert matches, f"{entry['card']}: no longer says {entry['text']!r}"
        number = matches[0]
        assert not found_in(entry["text"], number), f"not a clean-up: {entry['text']!r}"
        if "document" in entry:
            assert found_in(entry["document"], number), entry["document"]
        # what a clean-up still quotes of the document is the document's
        for quotation in quotations(entry["text"]):
            assert found_in(quotation, number), quotation


# --- what the examples of documents 001-004 make findable ------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tiers_lieux_find_the_structures_where_researchers_and_authorities_meet(
    run: Callable[..., Result], lang: str
) -> None:
    out = run("search", "tiers lieux", "--lang", lang, "--json")
    assert out.exit_code == 0, out.stderr
    found = [item["id"] for item in json.loads(out.stdout)["results"]]
    assert found[:1] == ["structures-chercheurs-collectivites"]


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_link_is_the_one_its_document_gives(card_id: str) -> None:
    numbers = documents_of_sources()
    for example in raw(card_id).get("examples", []):
        if "link" in example:
            text = (SOURCES / f"{numbers[example['source']]}.txt").read_text("utf-8")
            assert example["link"] in text, example["link"]
