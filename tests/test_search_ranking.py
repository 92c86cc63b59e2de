"""Search, as people type it: the query normalised before it is split (NFC, folding,
bytes the locale could not decode), and the card a query is about ranked before one
that mentions it in passing. The queries below tuned the ranking (``index.K1``,
``index.B``, ``index.LENGTH_NORMS``, ``index.WEIGHTS``); both paths, FTS5 and the
scan, must rank them alike."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from typing import Any

import pytest

from toolbox_cli.catalogue import index, loader

# A query, in French or English, and the card it is about.
ABOUT = {
    "SATT": "structures-transfert-technologies",
    "doctorant": "these-cifre",
    "marché public": "commande-publique",
    "thèse": "these-cifre",
    "doctoral": "these-cifre",
    "procurement": "commande-publique",
    "public procurement": "commande-publique",
    "commande publique": "commande-publique",
    "technology transfer": "structures-transfert-technologies",
    "transfert de technologies": "structures-transfert-technologies",
    "stagiaire": "apprentissage-stages",
    "interns": "apprentissage-stages",
    "apprentissage": "apprentissage-stages",
    "apprenticeship": "apprentissage-stages",
    "chaire": "chaires",
    "chair": "chaires",
    "secondment": "detachement-mise-a-disposition",
    "mise à disposition": "detachement-mise-a-disposition",
    "détachement": "detachement-mise-a-disposition",
    "outreach": "vulgarisation-recherche",
    "vulgarisation": "vulgarisation-recherche",
    "culture scientifique": "vulgarisation-recherche",
    "science outreach": "vulgarisation-recherche",
    "living lab": "structures-chercheurs-collectivites",
    "pôle d'excellence": "poles-excellence",
    "centre of excellence": "poles-excellence",
    "comité scientifique": "comites-scientifiques",
    "research contract": "contrats-de-recherche",
    "contrat de recherche": "contrats-de-recherche",
    "CIFRE": "these-cifre",
    "thesis": "these-cifre",
    "mutual knowledge": "connaissance-mutuelle",
    "connaissance mutuelle": "connaissance-mutuelle",
    "cadre juridique": "cadres-juridiques",
    "legal framework": "cadres-juridiques",
    "formation": "formations-territoire",
    "training programme": "formations-territoire",
    "animateur de partenariat": "animateurs-partenariats",
    "facilitator": "animateurs-partenariats",
    "recherche et développement": "fonction-recherche-developpement",
    "site universitaire": "financement-sites-universitaires",
    "university site": "financement-sites-universitaires",
    "expérimentation": "experimentation-resultats-recherche",
}


@pytest.fixture(params=[True, False], ids=["fts5", "scan"])
def searchable(
    request: pytest.FixtureRequest, catalogue: Any, monkeypatch: pytest.MonkeyPatch
) -> Any:
    monkeypatch.setattr(index, "FTS5", request.param)
    cards = [catalogue.card(card_id) for card_id in catalogue.ids()]
    return loader.in_memory(catalogue.vocabulary, cards)


def test_the_card_a_query_is_about_comes_first(searchable: Any) -> None:
    wrong = {}
    for query, about in ABOUT.items():
        for lang in ("fr", "en"):
            hits = searchable.search(query, lang)
            if not hits or hits[0].id != about:
                wrong[(query, lang)] = [hit.id for hit in hits[:3]]
    assert wrong == {}


def test_satt_is_the_transfer_card_before_one_mention_in_a_step(searchable: Any) -> None:
    """The review's case: « Financement du prototype par la SATT » came first."""
    ids = [hit.id for hit in searchable.search("SATT", "fr")]
    assert ids[:2] == ["structures-transfert-technologies", "contrats-de-recherche"]


@pytest.mark.parametrize(
    "query",
    [
        unicodedata.normalize("NFD", "thèse"),  # pasted from a PDF or a macOS name
        "THÈSE",
        "the\u0300se",
        "th\udce8se",  # "thèse" typed in Latin-1 where the locale expected UTF-8
        "th\udcc3\udca8se",  # "thèse" in UTF-8 under an ASCII locale
    ],
    ids=["nfd", "capitals", "combining", "latin1-bytes", "utf8-bytes"],
)
def test_a_query_is_normalised_before_it_is_split(searchable: Any, query: str) -> None:
    assert index.query_terms(query) == ["these"]
    assert searchable.search(query, "fr")[0].id == "these-cifre"


def test_undecodable_bytes_on_the_command_line_still_find_the_card() -> None:
    """The real thing: UTF-8 bytes of « thèse » under a locale that is not UTF-8."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", TOOLBOX_LANG="fr")
    done = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", "search", b"th\xc3\xa8se", "--json"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b'"id": "these-cifre"' in done.stdout.split(b'"results"', 1)[1][:400]
