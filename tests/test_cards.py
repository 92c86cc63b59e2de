"""Every shipped card: valid, complete in both languages, free of personal data, readable."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from toolbox_cli.catalogue.loader import Catalogue, resolve
from toolbox_cli.catalogue.models import EXAMPLE_KINDS
from toolbox_cli.catalogue.validate import data_dir
from toolbox_cli.catalogue.validate import read_card as read_one_card
from toolbox_cli.i18n import t

Run = Callable[..., Result]

CARDS_DIR = data_dir() / "cards"
CARD_IDS = sorted(path.stem for path in CARDS_DIR.iterdir() if path.suffix in {".yaml", ".yml"})

EMAIL = re.compile(r"\S+@\S+\.\w+")
FRENCH_PHONE = re.compile(r"(?<!\d)0[1-9](?:[ .-]?\d\d){4}(?!\d)|\+33")


def raw(card_id: str) -> dict[str, Any]:
    """The card as its YAML file has it, read with PyYAML rather than the tool's loader."""
    data: dict[str, Any] = yaml.safe_load((CARDS_DIR / f"{card_id}.yaml").read_text("utf-8"))
    return data


def strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in ``value`` with where it is (``examples.0.name.fr``)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{where}.{key}".lstrip("."))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from strings(item, f"{where}.{number}".lstrip("."))


def texts(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every bilingual text (a mapping with ``fr`` or ``en``) in ``value``."""
    if isinstance(value, dict):
        if {"fr", "en"} & set(value):
            yield where, value
            return
        for key, item in value.items():
            yield from texts(item, f"{where}.{key}".lstrip("."))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from texts(item, f"{where}.{number}".lstrip("."))


# --- each card -----------------------------------------------------------------


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_the_card_loads_and_its_id_is_its_file_name(card_id: str, catalogue: Catalogue) -> None:
    card = read_one_card(CARDS_DIR / f"{card_id}.yaml", catalogue.vocabulary)
    assert card.id == card_id
    assert raw(card_id)["id"] == card_id
    assert catalogue.card(card_id) == card


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_text_is_written_in_both_languages(card_id: str) -> None:
    found = list(texts(raw(card_id)))
    assert {"title", "summary", "objective", "source.section"} <= {where for where, _ in found}
    for where, text in found:
        assert set(text) == {"fr", "en"}, where
        for lang in ("fr", "en"):
            assert isinstance(text[lang], str), f"{where}.{lang}"
            assert text[lang].strip(), f"{where}.{lang} is empty"


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_example_says_where_it_comes_from(card_id: str, catalogue: Catalogue) -> None:
    sources = {source.id for source in catalogue.vocabulary.sources}
    for number, example in enumerate(raw(card_id).get("examples", [])):
        assert example.get("source") in sources, f"examples.{number}"


@pytest.mark.parametrize(
    "text",
    ["Tél. : 03 88 15 52 90", "0607364659", "06.07.36.46.59", "+33 6 07 36 46 59", "x.y@ville.fr"],
)
def test_the_personal_data_detectors_catch_the_usual_forms(text: str) -> None:
    assert EMAIL.search(text) or FRENCH_PHONE.search(text)


@pytest.mark.parametrize(
    "text", ["promotion 2019/20", "loi n°2015-991 du 7 août 2015", "articles R2122-10", "1 000"]
)
def test_the_personal_data_detectors_leave_ordinary_text_alone(text: str) -> None:
    assert not EMAIL.search(text)
    assert not FRENCH_PHONE.search(text)


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_no_email_address_or_phone_number(card_id: str) -> None:
    for where, text in strings(raw(card_id)):
        assert not EMAIL.search(text), f"{where}: {EMAIL.search(text)}"
        assert not FRENCH_PHONE.search(text), f"{where}: {FRENCH_PHONE.search(text)}"


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_no_pdf_artefacts(card_id: str) -> None:
    for where, text in strings(raw(card_id)):
        assert "open_in_new" not in text, where
        assert "LES RESSOURCES" not in text, where


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_the_card_is_found_by_its_titles(card_id: str, catalogue: Catalogue) -> None:
    title = raw(card_id)["title"]
    assert resolve(catalogue, title["fr"]) == card_id
    assert resolve(catalogue, title["en"]) == card_id


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("card_id", CARD_IDS)
def test_the_card_renders(run: Run, card_id: str, lang: str) -> None:
    page = run("show", card_id, "--lang", lang)
    assert page.exit_code == 0, page.stderr
    assert " ".join(raw(card_id)["title"][lang].split()) in " ".join(page.stdout.split())
    data = json.loads(run("show", card_id, "--lang", lang, "--json").stdout)
    assert (data["id"], data["lang"]) == (card_id, lang)


# --- the whole catalogue ----------------------------------------------------------


def test_the_toolbox_has_26_cards(catalogue: Catalogue) -> None:
    assert len(CARD_IDS) == 26
    assert catalogue.ids() == CARD_IDS


def test_no_two_cards_share_a_title(catalogue: Catalogue) -> None:
    for lang in ("fr", "en"):
        titles = [entry.title(lang).casefold() for entry in catalogue.entries]
        assert len(set(titles)) == len(titles), lang


def test_the_support_scheme_belongs_to_both_directions(catalogue: Catalogue) -> None:
    assert catalogue.card("dispositif-accompagnement-collectivites").families == [1, 2]


def test_every_family_has_cards(catalogue: Catalogue) -> None:
    for family in (1, 2, 3, 4):
        assert any(family in entry.families for entry in catalogue.entries), family


# Read in document 000, "Intensité du partenariat" of each sheet.
LEVELS = {
    "these-cifre": [3, 4],
    "commande-publique": [4],
    "vulgarisation-recherche": [1],
    "chaires": [2, 3, 4, 5],
    "espaces-ressources": [1, 5],
    "detachement-mise-a-disposition": [1, 5],
    "structures-transfert-technologies": [4, 5],
    "connaissance-mutuelle": [1],
}


@pytest.mark.parametrize(("card_id", "levels"), LEVELS.items())
def test_levels_are_those_of_the_source_document(
    catalogue: Catalogue, card_id: str, levels: list[int]
) -> None:
    assert catalogue.card(card_id).levels == levels


# --- whom a tool concerns -----------------------------------------------------------
# Read in document 000, each reading quoted in the card file above its `concerns:` line
# and tabled in CONTRIBUTING.md ("Whom a tool concerns").

# Sheets about a local authority's own staff, organisation or law: no company.
LOCAL_AUTHORITY_INTERNAL = {
    # "La mise à disposition est la situation du fonctionnaire qui demeure dans son corps d'origine"
    "detachement-mise-a-disposition": "civil servants' positions",
    # "Valorisation des agents territoriaux qui on fait ou font de la recherche"
    "valorisation-agents-chercheurs": "territorial agents",
    # "Création de cadres juridiques dans les collectivités pour préparer les partenariats"
    "cadres-juridiques": "legal frameworks in local authorities",
    # "il s'agirait d'un dispositif d'accompagnement des collectivités"
    "dispositif-accompagnement-collectivites": "a support scheme for local authorities",
    # "Certaines collectivités déploient [...] des fonctions de "recherche-développement""
    "fonction-recherche-developpement": "an R&D function in local authorities",
    # "Il s'agit pour la collectivité d'apporter un soutien aux projets d'infrastructures"
    "financement-sites-universitaires": "funding of university sites",
    # "L'élaboration des schémas dépend de l'impulsion des collectivités territoriales."
    "integration-strategies": "local authorities' strategies and governance",
    # "Dispositifs permettant aux collectivités territoriales de déroger aux règles normatives"
    "experimentation-resultats-recherche": "local authorities' derogations",
}

# Sheets that give companies a part: exactly these concern a company.
COMPANY = {
    # "une thèse sur un sujet intéressant une entreprise"
    "these-cifre": "CIFRE thesis",
    # "Un mécène contribue la plupart du temps au financement de la chaire."
    "chaires": "a patron funds the chair",
    # "Région Sud, Départements (13 et 84), Agence de l'eau et Compagnie Nationale du Rhône
    # avaient financé le travail du CPIE Rhône Pays d'Arles."
    "espaces-ressources": "a company among the funders of the example",
    # "Les stages sont des périodes passées en entreprises et en collectivités"
    "apprentissage-stages": "internships in companies",
    # "une question posée par une entreprise"
    "contrats-de-recherche": "research contracts",
    # "(SATT) assurent le relais entre les laboratoires de recherche et les entreprises"
    "structures-transfert-technologies": "technology transfer",
    # "mises en réseaux de partenaires publics, entreprises et acteurs de la formation"
    "poles-excellence": "networks with companies",
    # "l'une des principales modalités d'interaction économique directe des collectivités
    # avec les entreprises de leurs territoires" (issue 18: the authority leads, the company
    # is the other party)
    "commande-publique": "the authority buys from the companies of its territory",
}

# Sheets (or documents 001-004 for the same tool) that give a relay structure a part.
INTERMEDIARY = {
    # "un poste mutualisé dans des « projets de territoire » comme les [PETR], les [PNR]"
    "animateurs-partenariats": "a shared post in a PETR, a PNR or an engineering agency",
    # "syndicats mixtes comme les Parcs naturels régionaux"
    "comites-scientifiques": "the scientific committees of regional nature parks",
    # "S'appuyer sur une structure relais"
    "structures-transfert-technologies": "a relay structure",
    # "Financement du prototype par la SATT"
    "contrats-de-recherche": "the SATT funds the prototype",
    # document 001: "coopération avec des structures territoriales relais" (StaRTer)
    "apprentissage-stages": "relay structures help host interns",
    # document 002: "Organiser des temps de rencontres et d'interconnaissance"
    "connaissance-mutuelle": "the territorial catalyst's dialogue",
}


@pytest.mark.parametrize("card_id", LOCAL_AUTHORITY_INTERNAL)
def test_a_local_authoritys_internal_tool_does_not_concern_a_company(
    catalogue: Catalogue, card_id: str
) -> None:
    concerns = catalogue.card(card_id).concerns
    assert "company" not in concerns, LOCAL_AUTHORITY_INTERNAL[card_id]
    assert "local_authority" in concerns


@pytest.mark.parametrize("card_id", COMPANY)
def test_a_tool_whose_sheet_names_companies_concerns_a_company(
    catalogue: Catalogue, card_id: str
) -> None:
    assert "company" in catalogue.card(card_id).concerns, COMPANY[card_id]


def test_only_the_sheets_that_name_companies_concern_a_company(catalogue: Catalogue) -> None:
    found = {entry.id for entry in catalogue.entries if "company" in entry.concerns}
    assert found == set(COMPANY)


@pytest.mark.parametrize("card_id", INTERMEDIARY)
def test_a_tool_that_gives_a_relay_structure_a_part_concerns_an_intermediary(
    catalogue: Catalogue, card_id: str
) -> None:
    assert "intermediary" in catalogue.card(card_id).concerns, INTERMEDIARY[card_id]


def test_every_tool_concerns_research(catalogue: Catalogue) -> None:
    # The toolbox is about "partenariats entre recherche et territoires".
    assert [entry.id for entry in catalogue.entries if "research" not in entry.concerns] == []


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_the_reading_of_concerns_actors_and_goals_is_quoted_above_concerns(card_id: str) -> None:
    lines = (CARDS_DIR / f"{card_id}.yaml").read_text("utf-8").splitlines()
    levels = next(number for number, line in enumerate(lines) if line.startswith("levels:"))
    concerns = next(number for number, line in enumerate(lines) if line.startswith("concerns:"))
    block = lines[levels + 1 : concerns]
    assert block, "no comment between levels: and concerns:"
    assert all(line.startswith("#") for line in block), "levels:, comment, concerns:"
    sections: dict[str, str] = {}
    label = ""
    for line in block:
        if line.startswith("#  "):
            sections[label] += " " + line.lstrip("# -")
        else:
            label = line.removeprefix("# ").split(" ", 1)[0].rstrip(":")
            sections[label] = ""
    for label in ("concerns", "actors", "goals"):
        assert label in sections, f"no '# {label}' comment"
        assert re.search("«.+»", sections[label]), f"'# {label}' quotes no sheet sentence"


def test_contributing_tables_every_cards_concerns(catalogue: Catalogue) -> None:
    contributing = Path(__file__).resolve().parents[1] / "CONTRIBUTING.md"
    section = contributing.read_text("utf-8").split("## Whom a tool concerns", 1)[1]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ([a-z_, ]+) \|", section, flags=re.MULTILINE)
    tabled = {card_id: set(concerns.split(", ")) for card_id, concerns in rows}
    assert tabled == {entry.id: set(entry.concerns) for entry in catalogue.entries}


# --- one spelling, right names, the sheets' per-level notes ----------------------

QUOTATION = re.compile(r"«[^»]*»|\"[^\"]*\"")  # a document quoted as it is
RECHERCHE_ACTION_UNHYPHENATED = re.compile(r"recherche\s+action", re.IGNORECASE)
IRD_MISNAMED = re.compile(r"Institut pour la Recherche et le D[ée]veloppement", re.IGNORECASE)


def outside_quotations(text: str) -> str:
    return QUOTATION.sub("", text)


def test_the_spelling_checks_skip_quotations_only() -> None:
    assert RECHERCHE_ACTION_UNHYPHENATED.search(outside_quotations("La recherche action permet"))
    assert RECHERCHE_ACTION_UNHYPHENATED.search(outside_quotations("Recherche\n    action"))
    quoted = "sous l'intitulé « Exemple Recherche action - l'Institut pour la Recherche »"
    assert not RECHERCHE_ACTION_UNHYPHENATED.search(outside_quotations(quoted))
    assert not RECHERCHE_ACTION_UNHYPHENATED.search(outside_quotations('"Recherche action"'))


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_recherche_action_is_hyphenated_outside_quotations(card_id: str) -> None:
    for where, text in strings(raw(card_id)):
        assert not RECHERCHE_ACTION_UNHYPHENATED.search(outside_quotations(text)), where


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_the_ird_has_its_own_name_outside_quotations(card_id: str) -> None:
    for where, text in strings(raw(card_id)):
        assert not IRD_MISNAMED.search(outside_quotations(text)), where


def test_the_ird_example_names_it_correctly_and_quotes_the_sheet() -> None:
    ird = next(e for e in raw("these-cifre")["examples"] if "(IRD)" in e["name"]["fr"])
    assert "Institut de recherche pour le développement" in ird["name"]["fr"]
    # the sheet gives a heading and a link only: its heading is quoted in a comment
    assert "description" not in ird
    text = (CARDS_DIR / "these-cifre.yaml").read_text("utf-8")
    assert IRD_MISNAMED.search(" ".join(line.lstrip("# ") for line in text.splitlines()))


def test_the_scientific_committees_say_what_levels_2_to_5_mean() -> None:
    card = raw("comites-scientifiques")
    assert sorted(card["level_notes"]) == ["2", "3", "4", "5"]
    assert "peu d'organisations prennent le temps" in card["level_notes"]["2"]["fr"]
    assert "boucles récursives" in card["level_notes"]["4"]["fr"]


def test_mutual_knowledge_keeps_the_return_on_investment_at_level_1() -> None:
    note = raw("connaissance-mutuelle")["level_notes"]["1"]
    assert note["fr"] == "Cela suppose un retour sur investissement, sur le long terme."


def test_integration_strategies_keeps_the_documents_digit_and_its_words() -> None:
    card = raw("integration-strategies")
    assert card["levels"] == [2]
    note = card["level_notes"]["2"]["fr"]
    assert note == "Accompagnement des projets de développement universitaires et de recherche."


@pytest.mark.parametrize(
    ("card_id", "level", "words"),
    [
        ("recherche-sur-le-territoire", "2", "Introduire de la réflexivité sur le territoire."),
        ("financement-sites-universitaires", "3", "Accompagnement des projets universitaires."),
    ],
)
def test_the_sheets_own_words_for_a_level_are_its_level_note(
    card_id: str, level: str, words: str
) -> None:
    assert raw(card_id)["level_notes"][level]["fr"] == words


# --- example kinds ----------------------------------------------------------------


def test_every_example_kind_is_labelled_in_both_languages() -> None:
    for kind in EXAMPLE_KINDS:
        labels = {lang: t(lang, f"kind_{kind}") for lang in ("fr", "en")}
        assert all(label.strip() for label in labels.values()), kind


def test_the_kinds_the_documents_name_are_used_where_they_name_them() -> None:
    def kinds(card_id: str) -> dict[str, str]:
        return {e["name"]["fr"]: e["kind"] for e in raw(card_id)["examples"]}

    # "Référence bibliographique : Code de la commande publique", then "Liens internet".
    procurement = kinds("commande-publique")
    assert procurement["Code de la commande publique"] == "reference"
    assert {procurement[name] for name in procurement if "Légifrance" in name} == {"link"}
    # Document 004: "les actes et replay des éditions précédentes".
    assert "video" in kinds("animateurs-partenariats").values()
