"""Advice tested like advice: a panel of personas, and the promises kept for everyone.

**The panel.** Each persona is someone who could ask ``toolbox recommend``; each of its
expectations (which tools come first, which never appear, what waits) is written next
to the sheet sentences that justify it, quoted verbatim in French from document 000
(« Boîte à outils pour bâtir les partenariats entre recherche et territoires »), or
from documents 001-002 where a card's YAML comments quote them. The quotes are checked
against the shipped cards and vocabulary (the tests never read the source documents),
so a card that loses the sentence an expectation rests on fails here.

An expectation that the advisor does not meet yet, though the sheets justify it, is
marked ``xfail(strict=True)`` with the reason: it is a reported disagreement, not a
weakened test.

**Everyone.** For every actor, single goal and maturity 0, 1, 3 and 5 (with and
without staff time): a tool that does not concern the actor is named nowhere, in the
result or in the people, Markdown and JSON output; the rule holds and is the only
gate; deferred cards are unlocked by tools of *Start here* that concern the asker and
give the required level (or the plan says no tool gives it); ``--limit N`` keeps the N
best-ranked; *Start here* is short and holds no proposed scheme; the same answers give
the same advice.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

import pytest
from typer.testing import Result

from toolbox_cli.advisor.engine import explain, recommend
from toolbox_cli.advisor.results import Answers, Deferred, Partner, Recommendation, Recommended
from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.models import Card, CardEntry
from toolbox_cli.catalogue.validate import data_dir

ACTORS = ("local_authority", "research", "company", "intermediary")
GOALS = (
    "outreach",
    "mutual_knowledge",
    "reflexivity",
    "skills",
    "funding",
    "experimentation",
    "legal_framework",
    "capitalisation",
)
MATURITIES = (0, 1, 3, 5)
STEP_1_AT_MOST = 3
CLI_STAFF_TIME = {False: "no", True: "yes"}


def squash(text: str) -> str:
    """Whitespace (line breaks, indentation, no-break spaces) as single spaces; one
    apostrophe."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


# --- the sheets' words ---------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """A sentence of a sheet, verbatim: ``where`` is the card whose file carries it (in
    its texts or in the YAML comments that say how the card was read), or
    ``vocabulary`` for document 000's introduction."""

    where: str
    text: str


def sheet(where: str, text: str) -> Quote:
    return Quote(where, text)


# Document 000, introduction (data/vocabulary.yaml): the rule.
RULE = sheet(
    "vocabulary",
    "il est difficile de s'impliquer dans des expérimentations (niveau d'intensité 4) sans "
    "interconnaissance préalable (niveau d'intensité 1).",
)
# Document 000, introduction: what level 5 builds.
LEVEL_5 = sheet(
    "vocabulary",
    "Il s'agit de réinterroger des dispositifs, des processus afin d'en garder une trace et "
    "une valeur d'enseignement.",
)
# Document 000, introduction: whom the families of tools are written for.
WRITTEN_FOR = (
    sheet(
        "vocabulary",
        "Les outils qui permettent aux universités et structures de recherche d'aller vers "
        "les collectivités territoriales.",
    ),
    sheet(
        "vocabulary",
        "Les outils qui permettent réciproquement aux collectivités territoriales d'aller "
        "vers les universités et structures de recherche.",
    ),
)
RURAL_SHARED_POST = sheet(
    "animateurs-partenariats",
    "Dans les territoires plus ruraux on pourrait imaginer qu'il s'agisse d'un poste "
    "mutualisé dans des « projets de territoire » comme les Pôles d'Equilibre Territoriaux "
    "et Ruraux, les Parcs Naturels Régionaux",
)
PARTNERSHIPS_TAKE_TIME = sheet(
    "animateurs-partenariats",
    "des fonctions dédiées sont parfois mises en place pour nouer et animer ces partenariats "
    "tant du côté de la recherche que du côté des collectivités territoriales.",
)
SECONDMENT_IS_FOR_CIVIL_SERVANTS = sheet(
    "detachement-mise-a-disposition",
    "La mise à disposition est la situation du fonctionnaire qui demeure dans son corps d'origine",
)
SCHEME_FOR_LOCAL_AUTHORITIES = sheet(
    "dispositif-accompagnement-collectivites",
    "Agents et élus seraient les cibles de ce dispositif afin de renforcer le portage "
    "politique des démarches partenariales.",
)
RD_FUNCTION_WITH_HR = sheet(
    "fonction-recherche-developpement",
    "Travail spécifique à mener avec les directions des Ressources Humaines des collectivités",
)
AGENTS_WITH_HR = sheet(
    "valorisation-agents-chercheurs",
    "Travail spécifique à mener avec les DRH des collectivités pour qualifier les "
    "compétences spécifiques des chercheurs",
)
CIFRE_FOR_A_COMPANY = sheet(
    "these-cifre",
    "Il s'agit pour un doctorant de conduire une thèse sur un sujet intéressant une "
    "entreprise, en partageant son temps entre l'université et l'entreprise",
)
CIFRE_PAYS_THE_STUDENT = sheet(
    "these-cifre",
    "Ce dispositif contribue au renforcement de l'attractivité d'une démarche de thèse en "
    "sécurisant la rémunération du doctorant.",
)
INTERNS_IN_COMPANIES = sheet(
    "apprentissage-stages",
    "Les stages sont des périodes passées en entreprises et en collectivités par des "
    "étudiants dans le cadre de leurs formations supérieures.",
)
INTERNS_LEARN_THE_COMPANY = sheet(
    "apprentissage-stages",
    "L'étudiant est formé aux process et à la culture de l'entreprise",
)
A_COMPANY_FUNDED_THE_RESOURCE_SPACE = sheet(
    "espaces-ressources",
    "Dans cet exemple, Région Sud, Départements (13 et 84), Agence de l'eau et Compagnie "
    "Nationale du Rhône avaient financé le travail du CPIE Rhône Pays d'Arles.",
)
INTERNS_EMPLOYERS = sheet(
    "apprentissage-stages",
    "Ces employeurs locaux peuvent avoir prédéfini une stratégie générale en matière "
    "d'accueil d'apprentis, de stagiaires et de thèses CIFRE.",
)
INTERNS_STUDENT_SEARCHES = sheet(
    "apprentissage-stages", "La recherche de l'entreprise d'accueil incombe à l'étudiant."
)
PROCUREMENT_WITH_COMPANIES = sheet(
    "commande-publique",
    "Il s'agit de l'une des principales modalités d'interaction économique directe des "
    "collectivités avec les entreprises de leurs territoires.",
)
RESEARCHERS_COORDINATE = sheet(
    "contractualisation-besoins-recherche",
    "Il est recommandé aux chercheurs de structurer eux-mêmes une instance de coordination",
)
MEET_THE_OFFER = sheet(
    "contractualisation-besoins-recherche",
    "Permettre la rencontre d'une offre et d'une demande de recherche",
)
INTERNS_MAIN_GOAL = sheet(
    "apprentissage-stages",
    "Mieux articuler la formation initiale supérieure avec les attentes du milieu professionnel.",
)
RESEARCH_CONTRACTS = sheet(
    "contrats-de-recherche",
    "Les contrats de recherche permettent de faire travailler les laboratoires au service "
    "d'une question posée par une entreprise qui n'a pas nécessairement les moyens de "
    "déployer une activité de R&D en interne.",
)
RESEARCH_CONTRACTS_GOAL = sheet("contrats-de-recherche", "Faciliter le transfert de technologies")
PROTOTYPE_BY_THE_SATT = sheet("contrats-de-recherche", "Financement du prototype par la SATT")
SATT_RELAY = sheet(
    "structures-transfert-technologies",
    "Les sociétés d'accélération du transfert de technologies (SATT) assurent le relais entre "
    "les laboratoires de recherche et les entreprises",
)
RELAY_STRUCTURE = sheet(
    "structures-transfert-technologies",
    "S'appuyer sur une structure relais, à l'interface avec les laboratoires de recherche et "
    "des directions opérationnelles.",
)
CLUSTERS = sheet(
    "poles-excellence",
    "Ce vocable recouvre toutes les logiques de mises en réseaux de partenaires publics, "
    "entreprises et acteurs de la formation et de la recherche autour d'un thème commun.",
)
CLUSTERS_FUNDING = sheet(
    "poles-excellence",
    "sécuriser les financements dans le domaine de l'innovation par un alignement de "
    "l'intérêt des parties",
)
PROCUREMENT = sheet(
    "commande-publique",
    "La commande publique constitue la boîte à outils pour l'achat et la commande de "
    "prestations des collectivités.",
)
INNOVATION_PARTNERSHIP = sheet(
    "commande-publique",
    "Le partenariat d'innovation défini à l'article L. 2172-3 du Code de la commande publique",
)
DEROGATIONS = sheet(
    "experimentation-resultats-recherche",
    "Dispositifs permettant aux collectivités territoriales de déroger aux règles normatives",
)
SPACES_FOR_TRUST = sheet(
    "structures-chercheurs-collectivites",
    "Favoriser la construction de relations interpersonnelles fondées sur la confiance, "
    "propice à l'émergence d'une dynamique partagée d'innovation et d'expérimentation.",
)
CAPITALISATION_SPACES = sheet(
    "espaces-ressources",
    "Il s'agit de constituer des lieux d'interfaces entre capitalisation des travaux de "
    "recherche et diffusion au bénéfice des territoires.",
)
CAPITALISATION_SPACES_DIFFUSION = sheet(
    "espaces-ressources",
    "permettre sa vulgarisation et sa diffusion au bénéfice des territoires",
)
CAPITALISATION_BY_A_CPIE = sheet(
    "espaces-ressources",
    "Le travail de recensement des travaux de recherche sur un sujet donné peut s'appuyer sur "
    "des espaces existants lorsque c'est possible (ex: CPIE Rhône Pays d'Arles avec "
    "l'Observatoire Homme Milieux -OHM- Vallée du Rhône).",
)
SCHEME_ONLY_PROPOSED = sheet(
    "dispositif-accompagnement-collectivites",
    "Il s'agit d'un dispositif dont la création a été proposée dans le cadre d'un sondage "
    "lors des ETS.",
)
SCHEME_MAIN_GOAL = sheet(
    "dispositif-accompagnement-collectivites",
    "Développer l'accueil de doctorant dans les collectivités",
)
OUTREACH = sheet(
    "vulgarisation-recherche",
    "Il s'agit d'actions menées par les universités pour faire connaître à des personnes non "
    "spécialistes les sujets de recherche qu'elles explorent.",
)
RESEARCH_ON_THE_TERRITORY = sheet(
    "recherche-sur-le-territoire",
    "Contribuer à la formation universitaire en mobilisant des étudiants et des doctorants "
    "sur des problématiques territoriales réalistes et concrètes.",
)
RESEARCH_ON_THE_TERRITORY_FUNDING = sheet(
    "recherche-sur-le-territoire",
    "Permettent de financer des actions de recherche sur des objets / sujets territoriaux",
)
CHAIRS = sheet(
    "chaires",
    "Les chaires constituent un ensemble d'enseignements (formation) et de programmes de "
    "recherche (recherche) identifiés et à fort potentiel de rayonnement.",
)
CHAIRS_FUNDING = sheet("chaires", "Obtention de financements.")
MUTUAL_KNOWLEDGE = sheet(
    "connaissance-mutuelle",
    "Mieux connaître les spécificités de chaque sphère professionnelle pour une collaboration "
    "plus efficace.",
)
CATALYST_MEETINGS = sheet(
    "connaissance-mutuelle", "Organiser des temps de rencontres et d'interconnaissance"
)
UNIVERSITIES_STAFF_FOR_PARTNERSHIPS = sheet(
    "animateurs-partenariats",
    "les universités peuvent mobiliser techniciens et ingénieurs de recherche pour développer "
    "ces partenariats",
)
CO_FUNDED_POSTS = sheet(
    "animateurs-partenariats",
    "Des cofinancements de ces postes par les universités et les collectivités territoriales "
    "peuvent être mis en place.",
)
LEGAL_FRAMEWORKS = sheet(
    "cadres-juridiques",
    "Sécuriser les collectivités territoriales pour favoriser la mobiliser de la recherche en "
    "leur sein, lever le frein d'insécurité juridique des partenariats recherche / "
    "collectivités territoriales.",
)
REGIONAL_STRATEGIES = sheet(
    "integration-strategies",
    "L'élaboration des schémas dépend de l'impulsion des collectivités territoriales.",
)
SITE_FUNDING = sheet(
    "financement-sites-universitaires",
    "Il s'agit pour la collectivité d'apporter un soutien aux projets d'infrastructures et "
    "d'aménagement de l'université.",
)
SCIENTIFIC_COMMITTEES = sheet(
    "comites-scientifiques",
    "Les comités scientifiques sont associés à des structures culturelles et des syndicats "
    "mixtes comme les Parcs naturels régionaux.",
)
CRITICAL_LIGHT = sheet(
    "comites-scientifiques",
    "Apporter un éclairage critique sur la conduite des politiques publiques.",
)


# --- expectations ----------------------------------------------------------------


Check = Callable[[Recommendation, Catalogue], None]


@dataclass(frozen=True)
class Expect:
    """One expectation of a persona's advice, and the sheet sentences that justify it."""

    says: str
    check: Check
    why: tuple[Quote, ...]
    xfail: str | None = None


def ids(result: Recommendation) -> list[str]:
    return [item.id for item in result.recommendations]


def step_1(result: Recommendation) -> list[str]:
    """*Start here*."""
    return [item.id for item in result.start]


def placed(result: Recommendation) -> list[Recommended | Deferred]:
    """The cards that have a step: recommended, then deferred."""
    return [*result.recommendations, *result.deferred]


def named(result: Recommendation) -> set[str]:
    """Every card the result names: recommended, deferred, unlockers."""
    out = set(ids(result)) | {item.id for item in result.deferred}
    out |= {card for item in result.deferred for card in item.unlocked_by}
    return out


def first(card: str, *why: Quote, xfail: str | None = None) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        assert ids(result)[:1] == [card], ids(result)

    return Expect(f"{card} comes first", check, why, xfail)


def in_step_1(*cards: str, why: Sequence[Quote], xfail: str | None = None) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        assert set(cards) <= set(step_1(result)), step_1(result)

    return Expect(f"step 1 holds {', '.join(cards)}", check, tuple(why), xfail)


def in_first(n: int, *cards: str, why: Sequence[Quote]) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        assert set(cards) <= set(ids(result)[:n]), ids(result)

    return Expect(f"{', '.join(cards)} in the first {n}", check, tuple(why))


def not_in_step_1(*cards: str, why: Sequence[Quote], xfail: str | None = None) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        assert not set(cards) & set(step_1(result)), step_1(result)

    return Expect(f"step 1 does not hold {', '.join(cards)}", check, tuple(why), xfail)


def shown(*cards: str, why: Sequence[Quote], xfail: str | None = None) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        assert set(cards) <= set(ids(result)), ids(result)

    return Expect(f"{', '.join(cards)} recommended", check, tuple(why), xfail)


def before(earlier: str, later: str, why: Sequence[Quote], xfail: str | None = None) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        order = ids(result)
        assert earlier in order, order
        assert later not in order or order.index(earlier) < order.index(later), order

    return Expect(f"{earlier} before {later}", check, tuple(why), xfail)


def never(*cards: str, why: Sequence[Quote], not_concerned: bool = True) -> Expect:
    """Named nowhere; with ``not_concerned``, ``explain`` says the card does not concern
    the asker."""

    def check(result: Recommendation, catalogue: Catalogue) -> None:
        assert not set(cards) & named(result), named(result)
        if not_concerned:
            for card in cards:
                why = explain(catalogue, result.answers, card)
                assert (why.status, why.left_out) == ("left_out", "not_concerned"), card

    return Expect(f"never names {', '.join(cards)}", check, tuple(why))


def deferred(*cards: str, why: Sequence[Quote]) -> Expect:
    """For later, and unlocked by tools of *Start here* (or the plan says no tool gives
    what they need)."""

    def check(result: Recommendation, _: Catalogue) -> None:
        waiting = {item.id: item for item in result.deferred}
        assert set(cards) <= set(waiting), sorted(waiting)
        assert result.later is not None
        for card in cards:
            assert card not in ids(result)
            unlockers = waiting[card].unlocked_by
            if result.later.no_tool:
                assert unlockers == (), card
            else:
                assert unlockers, card
                assert set(unlockers) <= set(step_1(result)), (card, unlockers)

    return Expect(f"{', '.join(cards)} wait until you know each other", check, tuple(why))


def nothing_deferred(why: Sequence[Quote]) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        assert result.deferred == (), [item.id for item in result.deferred]

    return Expect("nothing deferred", check, tuple(why))


def leads_first(why: Sequence[Quote]) -> Expect:
    """The first tool is one the asker (or the pair) can take the initiative with."""

    def check(result: Recommendation, _: Catalogue) -> None:
        assert result.recommendations, "an empty plan"
        first = result.recommendations[0]
        assert first.you_lead or (
            result.answers.partner is not None and result.answers.partner.actor in first.lead
        ), first.id

    return Expect("the first tool is one you can take up", check, tuple(why))


def says_who_leads(card: str, lead: Sequence[str], why: Sequence[Quote]) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        (item,) = [i for i in (*result.recommendations, *result.deferred) if i.id == card]
        assert not item.you_lead
        assert item.lead == tuple(lead), item.lead

    return Expect(f"{card} says {', '.join(lead)} must lead", check, tuple(why))


def proposed_not_first(card: str, why: Sequence[Quote]) -> Expect:
    def check(result: Recommendation, catalogue: Catalogue) -> None:
        wide = recommend(catalogue, result.answers, limit=100)
        (item,) = [i for i in wide.recommendations if i.id == card]
        assert item.status == "proposed"
        assert item.section == "then"
        assert item.then_because == "proposed"

    return Expect(f"{card} is marked proposed and never starts the plan", check, tuple(why))


def levels_used_at_least(level: int, n: int, why: Sequence[Quote]) -> Expect:
    """Start here uses its tools at ``level`` or above (not sent back down)."""

    def check(result: Recommendation, _: Catalogue) -> None:
        assert result.start, "nothing to start with"
        assert all(item.level >= level for item in result.start[:n]), [
            (i.id, i.level) for i in result.start
        ]

    return Expect(f"the first {n} tools are used at level {level} or above", check, tuple(why))


def first_step_says(card: str, text: str, why: Sequence[Quote]) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        (item,) = [i for i in result.recommendations if i.id == card]
        assert squash(text) in squash(item.first_step.fr), item.first_step.fr

    return Expect(f"{card}: to start, « {text[:30]}… »", check, tuple(why))


def keeps_best(limit: int, why: Sequence[Quote]) -> Expect:
    """--limit keeps the best-ranked tools and says how many it left out."""

    def check(result: Recommendation, catalogue: Catalogue) -> None:
        wide = recommend(catalogue, result.answers, limit=100)
        cut = recommend(catalogue, result.answers, limit=limit)
        assert cut.recommendations == wide.recommendations[:limit]
        assert cut.left_out == len(wide.recommendations) - len(cut.recommendations) > 0
        best = max(i.score for i in wide.recommendations)
        assert best in [i.score for i in cut.recommendations]

    return Expect(f"--limit {limit} keeps the best and says what it left out", check, tuple(why))


def at_least(n: int, level: int | None = None, why: Sequence[Quote] = ()) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        cards = [item for item in result.recommendations if level in (None, item.level)]
        assert len(cards) >= n, ids(result)
        if level is not None:
            assert all(level in item.levels for item in cards)

    where = "" if level is None else f" used at level {level}"
    return Expect(f"at least {n} tools{where}", check, tuple(why))


def coverage(concerned: int, few: bool, why: Sequence[Quote]) -> Expect:
    def check(result: Recommendation, _: Catalogue) -> None:
        assert (result.coverage.concerned, result.coverage.total) == (concerned, 26)
        assert result.coverage.few is few

    return Expect(f"{concerned} of the 26 tools concern the asker", check, tuple(why))


@dataclass(frozen=True)
class Persona:
    name: str
    who: str
    answers: Answers
    expect: tuple[Expect, ...] = field(default_factory=tuple)
    limit: int = 8


def persona(
    name: str,
    who: str,
    actor: str,
    maturity: int,
    goals: Sequence[str],
    *expect: Expect,
    staff_time: bool | None = None,
    partner: Partner | None = None,
    limit: int = 8,
) -> Persona:
    answers = Answers(actor, maturity, tuple(goals), staff_time, partner)
    return Persona(name, who, answers, expect, limit)


# Why the four tools the issue saw offered to a company concern a local authority only.
NOT_FOR_A_COMPANY = (
    SECONDMENT_IS_FOR_CIVIL_SERVANTS,
    SCHEME_FOR_LOCAL_AUTHORITIES,
    RD_FUNCTION_WITH_HR,
    AGENTS_WITH_HR,
)
LOCAL_AUTHORITY_ONLY = (
    "detachement-mise-a-disposition",
    "dispositif-accompagnement-collectivites",
    "fonction-recherche-developpement",
    "valorisation-agents-chercheurs",
)

PANEL: tuple[Persona, ...] = (
    persona(
        "company-0-skills",
        "A company new to research that wants to host and train students",
        "company",
        0,
        ["skills"],
        coverage(
            8,
            few=True,
            why=[
                *WRITTEN_FOR,
                *NOT_FOR_A_COMPANY,
                PROCUREMENT_WITH_COMPANIES,
                A_COMPANY_FUNDED_THE_RESOURCE_SPACE,
            ],
        ),
        never(*LOCAL_AUTHORITY_ONLY, why=NOT_FOR_A_COMPANY),
        # hosting interns is an entry tool, not an experiment: nothing waits for skills
        first("apprentissage-stages", INTERNS_IN_COMPANIES, INTERNS_LEARN_THE_COMPANY),
        in_step_1("these-cifre", why=[CIFRE_FOR_A_COMPANY]),
        nothing_deferred(why=[RULE, INTERNS_IN_COMPANIES]),
        # the employer's way in, not the student's
        first_step_says(
            "apprentissage-stages",
            "Ces employeurs locaux peuvent avoir prédéfini une stratégie générale",
            why=[INTERNS_EMPLOYERS, INTERNS_STUDENT_SEARCHES],
        ),
        leads_first(why=[INTERNS_IN_COMPANIES]),
    ),
    persona(
        "company-1-skills",
        "A company that already knows a lab and wants to host students",
        "company",
        1,
        ["skills"],
        shown(
            "these-cifre",
            "apprentissage-stages",
            why=[CIFRE_FOR_A_COMPANY, INTERNS_IN_COMPANIES, INTERNS_LEARN_THE_COMPANY],
        ),
        nothing_deferred(why=[RULE]),
        never(*LOCAL_AUTHORITY_ONLY, why=NOT_FOR_A_COMPANY),
    ),
    persona(
        "company-3-experimentation-funding",
        "An innovative company used to working with labs, looking for experiments and funds",
        "company",
        3,
        ["experimentation", "funding"],
        in_first(
            3,
            "contrats-de-recherche",
            "poles-excellence",
            why=[RESEARCH_CONTRACTS, CLUSTERS, CLUSTERS_FUNDING],
        ),
        never("experimentation-resultats-recherche", why=[DEROGATIONS]),
        # the company is the other party of public procurement; the authority leads it
        says_who_leads(
            "commande-publique",
            ["local_authority"],
            why=[PROCUREMENT_WITH_COMPANIES, PROCUREMENT],
        ),
        levels_used_at_least(3, 2, why=[RESEARCH_CONTRACTS]),
    ),
    persona(
        "company-3-experimentation-no-staff",
        "A small company with no R&D staff that wants to experiment with a lab",
        "company",
        3,
        ["experimentation"],
        in_step_1(
            "contrats-de-recherche",
            "structures-transfert-technologies",
            why=[RESEARCH_CONTRACTS, SATT_RELAY],
        ),
        before(
            "contrats-de-recherche",
            "apprentissage-stages",
            why=[RESEARCH_CONTRACTS, RESEARCH_CONTRACTS_GOAL, INTERNS_MAIN_GOAL],
        ),
        staff_time=False,
    ),
    persona(
        "commune-0-experimentation-no-staff",
        "A small rural commune, no staff time, that wants to experiment",
        "local_authority",
        0,
        ["experimentation"],
        first("animateurs-partenariats", RURAL_SHARED_POST, PARTNERSHIPS_TAKE_TIME),
        not_in_step_1(
            "fonction-recherche-developpement",
            "valorisation-agents-chercheurs",
            why=[RD_FUNCTION_WITH_HR, AGENTS_WITH_HR],
        ),
        deferred(
            "experimentation-resultats-recherche",
            "commande-publique",
            "structures-transfert-technologies",
            why=[RULE, DEROGATIONS, PROCUREMENT, RELAY_STRUCTURE],
        ),
        never("contrats-de-recherche", why=[RESEARCH_CONTRACTS]),
        staff_time=False,
    ),
    persona(
        "commune-1-experimentation-funding-no-staff",
        "A small commune that knows its university, no staff time, wants experiments, funds",
        "local_authority",
        1,
        ["experimentation", "funding"],
        # no staff: the relay structure comes first
        first("structures-transfert-technologies", RELAY_STRUCTURE),
        not_in_step_1(
            "integration-strategies",
            "financement-sites-universitaires",
            why=[REGIONAL_STRATEGIES, SITE_FUNDING, RURAL_SHARED_POST],
        ),
        staff_time=False,
    ),
    persona(
        "authority-0-experimentation",
        "A local authority new to research that wants to experiment",
        "local_authority",
        0,
        ["experimentation"],
        in_step_1("structures-chercheurs-collectivites", why=[SPACES_FOR_TRUST]),
        deferred(
            "experimentation-resultats-recherche",
            "commande-publique",
            why=[RULE, DEROGATIONS, INNOVATION_PARTNERSHIP],
        ),
        never("contrats-de-recherche", why=[RESEARCH_CONTRACTS]),
    ),
    persona(
        "authority-0-skills-no-staff",
        "A local authority with no staff time that wants to host doctoral students",
        "local_authority",
        0,
        ["skills"],
        first("animateurs-partenariats", RURAL_SHARED_POST, PARTNERSHIPS_TAKE_TIME),
        proposed_not_first(
            "dispositif-accompagnement-collectivites", why=[SCHEME_MAIN_GOAL, SCHEME_ONLY_PROPOSED]
        ),
        not_in_step_1(
            "fonction-recherche-developpement",
            "valorisation-agents-chercheurs",
            why=[RD_FUNCTION_WITH_HR, AGENTS_WITH_HR],
        ),
        in_step_1("apprentissage-stages", why=[INTERNS_IN_COMPANIES]),
        first_step_says("animateurs-partenariats", "poste mutualisé", why=[RURAL_SHARED_POST]),
        staff_time=False,
    ),
    persona(
        "authority-0-meet-and-outreach-no-staff",
        "A local authority with no staff time that wants to meet researchers and share their work",
        "local_authority",
        0,
        ["mutual_knowledge", "outreach"],
        first("animateurs-partenariats", RURAL_SHARED_POST),
        in_first(4, "connaissance-mutuelle", why=[MUTUAL_KNOWLEDGE]),
        staff_time=False,
    ),
    persona(
        "authority-1-reflexivity-no-staff",
        "A local authority with little staff time that wants an outside view on its policies",
        "local_authority",
        1,
        ["reflexivity"],
        in_first(3, "comites-scientifiques", why=[SCIENTIFIC_COMMITTEES, CRITICAL_LIGHT]),
        staff_time=False,
    ),
    persona(
        "authority-1-legal",
        "A local authority that wants to secure its partnerships legally",
        "local_authority",
        1,
        ["legal_framework"],
        first("cadres-juridiques", LEGAL_FRAMEWORKS),
        shown("commande-publique", why=[INNOVATION_PARTNERSHIP]),
    ),
    persona(
        "authority-3-capitalisation",
        "A local authority experienced with research that wants to capitalise",
        "local_authority",
        3,
        ["capitalisation"],
        at_least(1, level=5, why=[LEVEL_5]),
        never("contrats-de-recherche", why=[RESEARCH_CONTRACTS]),
        proposed_not_first("dispositif-accompagnement-collectivites", why=[SCHEME_ONLY_PROPOSED]),
        shown("espaces-ressources", why=[CAPITALISATION_SPACES]),
        first(
            "espaces-ressources",
            CAPITALISATION_SPACES,
            LEVEL_5,
            SCHEME_ONLY_PROPOSED,
        ),
    ),
    persona(
        "lab-0-outreach",
        "A lab that wants to make its research known in the territory",
        "research",
        0,
        ["outreach"],
        first("vulgarisation-recherche", OUTREACH),
        at_least(2, why=[OUTREACH, CAPITALISATION_SPACES_DIFFUSION]),
        in_step_1("espaces-ressources", why=[CAPITALISATION_SPACES_DIFFUSION]),
        nothing_deferred(why=[RULE]),
        never(
            "commande-publique",
            "experimentation-resultats-recherche",
            why=[PROCUREMENT, DEROGATIONS, RULE],
            not_concerned=False,
        ),
    ),
    persona(
        "lab-0-experimentation",
        "A lab new to the territory that wants to experiment there",
        "research",
        0,
        ["experimentation"],
        in_step_1("structures-chercheurs-collectivites", why=[SPACES_FOR_TRUST]),
        deferred("contrats-de-recherche", why=[RULE, RESEARCH_CONTRACTS_GOAL]),
    ),
    persona(
        "lab-1-skills-funding",
        "A lab that wants to train students on territorial questions and fund its work",
        "research",
        1,
        ["skills", "funding"],
        shown(
            "recherche-sur-le-territoire",
            "chaires",
            why=[
                RESEARCH_ON_THE_TERRITORY,
                RESEARCH_ON_THE_TERRITORY_FUNDING,
                CHAIRS,
                CHAIRS_FUNDING,
            ],
        ),
        shown(
            "these-cifre",
            why=[CIFRE_PAYS_THE_STUDENT],
        ),
        limit=12,
    ),
    persona(
        "lab-1-meet-no-staff",
        "A lab with no one to spare that wants to know the local authorities",
        "research",
        1,
        ["mutual_knowledge"],
        first("animateurs-partenariats", UNIVERSITIES_STAFF_FOR_PARTNERSHIPS, CO_FUNDED_POSTS),
        in_step_1("connaissance-mutuelle", why=[MUTUAL_KNOWLEDGE]),
        staff_time=False,
    ),
    persona(
        "relay-0-meet",
        "A relay structure (a PNR, a PETR) that wants labs and authorities to meet",
        "intermediary",
        0,
        ["mutual_knowledge"],
        in_step_1(
            "animateurs-partenariats",
            "connaissance-mutuelle",
            why=[RURAL_SHARED_POST, CATALYST_MEETINGS],
        ),
        coverage(11, few=True, why=WRITTEN_FOR),
        never(
            "cadres-juridiques",
            "integration-strategies",
            why=[LEGAL_FRAMEWORKS, REGIONAL_STRATEGIES],
        ),
    ),
    persona(
        "relay-1-experimentation",
        "A relay structure that wants to carry research results into practice",
        "intermediary",
        1,
        ["experimentation"],
        first("structures-transfert-technologies", RELAY_STRUCTURE),
        shown("contrats-de-recherche", why=[PROTOTYPE_BY_THE_SATT]),
        never(
            "commande-publique",
            "experimentation-resultats-recherche",
            why=[PROCUREMENT, DEROGATIONS],
        ),
    ),
    persona(
        "relay-3-capitalisation",
        "A relay structure (a CPIE) that wants to capitalise on research about its territory",
        "intermediary",
        3,
        ["capitalisation"],
        at_least(1, level=5, why=[LEVEL_5]),
        first(
            "espaces-ressources",
            CAPITALISATION_BY_A_CPIE,
            CAPITALISATION_SPACES,
            SCHEME_ONLY_PROPOSED,
        ),
    ),
)


PANEL += (
    persona(
        "authority-5-capitalisation",
        "A local authority with years of research partnerships that wants to capitalise",
        "local_authority",
        5,
        ["capitalisation"],
        first("espaces-ressources", CAPITALISATION_SPACES, LEVEL_5),
        levels_used_at_least(5, 1, why=[LEVEL_5]),
        says_who_leads(
            "espaces-ressources", ["research", "intermediary"], why=[CAPITALISATION_BY_A_CPIE]
        ),
        proposed_not_first("dispositif-accompagnement-collectivites", why=[SCHEME_ONLY_PROPOSED]),
        staff_time=True,
    ),
    persona(
        "department-1-interns",
        "A department that already knows its university and wants to host interns",
        "local_authority",
        1,
        ["skills"],
        in_step_1("apprentissage-stages", why=[INTERNS_IN_COMPANIES]),
        before(
            "apprentissage-stages",
            "fonction-recherche-developpement",
            why=[INTERNS_IN_COMPANIES, RD_FUNCTION_WITH_HR],
        ),
        first_step_says(
            "apprentissage-stages",
            "Ces employeurs locaux peuvent avoir prédéfini une stratégie générale",
            why=[INTERNS_EMPLOYERS, INTERNS_STUDENT_SEARCHES],
        ),
        nothing_deferred(why=[RULE]),
        staff_time=True,
    ),
    persona(
        "lab-1-skills",
        "A lab that knows its local authority and wants to train and place students",
        "research",
        1,
        ["skills"],
        before("these-cifre", "chaires", why=[CIFRE_PAYS_THE_STUDENT, CHAIRS]),
        in_step_1("apprentissage-stages", why=[INTERNS_IN_COMPANIES]),
    ),
    persona(
        "lab-3-legal",
        "A lab used to working with a local authority that wants a legal framework",
        "research",
        3,
        ["legal_framework"],
        first("contractualisation-besoins-recherche", RESEARCHERS_COORDINATE, MEET_THE_OFFER),
        leads_first(why=[RESEARCHERS_COORDINATE]),
        says_who_leads("cadres-juridiques", ["local_authority"], why=[LEGAL_FRAMEWORKS]),
        not_in_step_1("cadres-juridiques", why=[LEGAL_FRAMEWORKS]),
    ),
    persona(
        "authority-4-many-goals-limit-3",
        "An experienced local authority with four goals that wants three tools",
        "local_authority",
        4,
        ["outreach", "skills", "funding", "experimentation"],
        keeps_best(3, why=[CHAIRS, CHAIRS_FUNDING]),
        first("chaires", CHAIRS, CHAIRS_FUNDING),
        limit=3,
    ),
    persona(
        "company-5-capitalisation",
        "A company with a long research partnership that wants to keep its lessons",
        "company",
        5,
        ["capitalisation"],
        levels_used_at_least(5, 2, why=[LEVEL_5]),
        never(*LOCAL_AUTHORITY_ONLY, why=NOT_FOR_A_COMPANY),
    ),
    persona(
        "company-and-lab-0",
        "A company and a lab that have never worked together: experiments, and students",
        "company",
        0,
        ["experimentation"],
        in_step_1(
            "apprentissage-stages",
            "these-cifre",
            why=[INTERNS_IN_COMPANIES, CIFRE_FOR_A_COMPANY],
        ),
        deferred("contrats-de-recherche", why=[RULE, RESEARCH_CONTRACTS]),
        # a company funds a resource space with the lab: their way to know each other
        in_step_1("espaces-ressources", why=[RULE, A_COMPANY_FUNDED_THE_RESOURCE_SPACE]),
        partner=Partner("research", ("skills",)),
    ),
    persona(
        "authority-and-relay-0",
        "A local authority and a relay structure (a PNR) new to research, wanting experiments",
        "local_authority",
        0,
        ["experimentation"],
        deferred("structures-transfert-technologies", why=[RULE, RELAY_STRUCTURE]),
        in_step_1("animateurs-partenariats", why=[RURAL_SHARED_POST]),
        partner=Partner("intermediary"),
    ),
    persona(
        "company-and-authority-1",
        "A company and a local authority that know each other and want to innovate",
        "company",
        1,
        ["experimentation"],
        shown("commande-publique", why=[PROCUREMENT_WITH_COMPANIES, INNOVATION_PARTNERSHIP]),
        says_who_leads("commande-publique", ["local_authority"], why=[PROCUREMENT]),
        partner=Partner("local_authority", ("experimentation",)),
    ),
    persona(
        "relay-4-experimentation",
        "A technology transfer relay used to experiments with labs",
        "intermediary",
        4,
        ["experimentation"],
        first("structures-transfert-technologies", SATT_RELAY, RELAY_STRUCTURE),
        levels_used_at_least(4, 1, why=[SATT_RELAY]),
    ),
)


def panel_cases() -> Iterator[object]:
    for who in PANEL:
        for expect in who.expect:
            marks = [pytest.mark.xfail(strict=True, reason=expect.xfail)] if expect.xfail else []
            yield pytest.param(who, expect, id=f"{who.name}: {expect.says}", marks=marks)


@pytest.mark.parametrize(("who", "expect"), list(panel_cases()))
def test_panel(catalogue: Catalogue, who: Persona, expect: Expect) -> None:
    expect.check(recommend(catalogue, who.answers, limit=who.limit), catalogue)


def test_the_panel_covers_what_the_issue_asks() -> None:
    answers = [who.answers for who in PANEL]
    assert len(PANEL) >= 12
    assert {a.actor for a in answers} == set(ACTORS)
    assert {0, 1, 3, 4, 5} <= {a.maturity for a in answers}
    assert any(a.partner is not None and a.maturity == 0 for a in answers)
    assert any(who.limit < 8 and len(who.answers.goals) > 2 for who in PANEL)
    assert any(len(a.goals) == 1 for a in answers)
    assert any(len(a.goals) > 1 for a in answers)
    assert {None, False} <= {a.staff_time for a in answers}
    assert all(who.expect and all(e.why for e in who.expect) for who in PANEL)
    assert len({who.name for who in PANEL}) == len(PANEL)


@cache
def _carried_text(where: str) -> str:
    """A card's file (texts and the YAML comments that quote its sheet), or the
    vocabulary's, squashed."""
    name = "vocabulary.yaml" if where == "vocabulary" else f"cards/{where}.yaml"
    lines = (data_dir() / name).read_text(encoding="utf-8").splitlines()
    return squash(" ".join(line.strip().lstrip("#") for line in lines))


@pytest.mark.parametrize(
    "quote",
    sorted({quote for who in PANEL for e in who.expect for quote in e.why}, key=repr),
    ids=lambda quote: f"{quote.where}: {quote.text[:40]}",
)
def test_every_quote_is_the_sheet_as_the_cards_carry_it(quote: Quote) -> None:
    assert squash(quote.text) in _carried_text(quote.where)


# --- everyone: the promises kept for every actor, goal and maturity ---------------


def concerning(catalogue: Catalogue, actor: str) -> dict[str, CardEntry]:
    return {entry.id: entry for entry in catalogue.entries if actor in entry.concerns}


def check_one(catalogue: Catalogue, answers: Answers, result: Recommendation) -> None:
    """The promises of one result."""
    mine = concerning(catalogue, answers.actor)
    entries = {entry.id: entry for entry in catalogue.entries}
    recommended = {item.id: item for item in result.recommendations}

    # Whom a tool concerns: nothing else is named, anywhere.
    assert named(result) <= set(mine), sorted(named(result) - set(mine))

    # The rule, the only gate: no tool is used at level 4 before level 1 is practised,
    # and nothing waits once it is.
    for rule in catalogue.vocabulary.rules:
        if answers.maturity < rule.requires:
            assert all(item.level != rule.level for item in result.recommendations)
        else:
            assert not any(rule.id in item.rules for item in result.deferred)

    # Deferred tools: unlocked by recommended tools that concern you and give what they
    # need, or the plan says no tool gives it.
    for item in result.deferred:
        assert item.id not in recommended
        assert item.requires
        assert result.later is not None
        for level in item.requires:
            open_givers = [
                entry.id
                for entry in mine.values()
                if level in entry.levels
                and entry.id not in {d.id for d in result.deferred}
                and entry.status != "proposed"
            ]
            if not open_givers:
                assert level in result.later.no_tool, (item.id, level)
        for card in item.unlocked_by:
            assert card in recommended, (item.id, card)
            assert recommended[card].section == "start"
            assert card in mine
            assert set(item.requires) & set(entries[card].levels)

    # The plan: ranked, Start here first and short; no proposed tool in it.
    assert [item.rank for item in result.recommendations] == list(
        range(1, len(result.recommendations) + 1)
    )
    assert len(step_1(result)) <= STEP_1_AT_MOST
    assert all(item.status != "proposed" for item in result.start)


def all_answers(actor: str, goal: str, maturity: int) -> list[Answers]:
    return [Answers(actor, maturity, (goal,), staff) for staff in (None, False, True)]


@pytest.mark.parametrize("maturity", MATURITIES)
@pytest.mark.parametrize("goal", GOALS)
@pytest.mark.parametrize("actor", ACTORS)
def test_every_single_goal_keeps_the_promises(
    catalogue: Catalogue, actor: str, goal: str, maturity: int
) -> None:
    for answers in all_answers(actor, goal, maturity):
        wide = recommend(catalogue, answers, limit=100)
        for limit in (1, 2, 3, 5, 8, 13, 20):
            result = recommend(catalogue, answers, limit=limit)
            check_one(catalogue, answers, result)
            assert len(result.recommendations) <= limit
            # A card's place depends on the answers, never on the limit.
            assert result.recommendations == wide.recommendations[:limit]
            assert result.left_out == len(wide.recommendations) - len(result.recommendations)
            # The same answers, the same advice.
            assert recommend(catalogue, answers, limit=limit) == result


class Reversed:
    """The shipped catalogue with its cards in the opposite order."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self.vocabulary = catalogue.vocabulary
        self.entries = list(reversed(catalogue.entries))

    def card(self, card_id: str) -> Card:
        return self._catalogue.card(card_id)


@pytest.mark.parametrize("actor", ACTORS)
def test_the_advice_does_not_depend_on_the_order_of_the_cards(
    catalogue: Catalogue, actor: str
) -> None:
    turned = Reversed(catalogue)
    for goal, maturity, staff in itertools.product(GOALS, MATURITIES, (None, False)):
        answers = Answers(actor, maturity, (goal,), staff)
        assert recommend(turned, answers) == recommend(catalogue, answers)


def cli_cases() -> Iterator[object]:
    """Every actor that some tool does not concern, every goal and maturity; a local
    authority with and without staff time. The people text comes in one language and
    the Markdown in the other, in turn."""
    number = 0
    for actor in ("company", "intermediary", "local_authority"):
        for goal, maturity in itertools.product(GOALS, MATURITIES):
            for staff in (None, False) if actor == "local_authority" else (None,):
                number += 1
                people = ("en", "fr")[number % 2]
                name = f"{actor}-{goal}-{maturity}" + ("-no-staff" if staff is False else "")
                yield pytest.param(actor, goal, maturity, staff, people, id=f"{name}-{people}")


def cli_args(answers: Answers) -> list[str]:
    args = ["--actor", answers.actor, "--maturity", str(answers.maturity)]
    for goal in answers.goals:
        args += ["--goal", goal]
    if answers.staff_time is not None:
        args += ["--staff-time", CLI_STAFF_TIME[answers.staff_time]]
    return args


def strings(data: object) -> Iterator[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


@pytest.mark.parametrize(("actor", "goal", "maturity", "staff", "people"), list(cli_cases()))
def test_no_output_names_a_tool_that_does_not_concern_you(
    catalogue: Catalogue,
    run: Callable[..., Result],
    actor: str,
    goal: str,
    maturity: int,
    staff: bool | None,
    people: str,
) -> None:
    answers = Answers(actor, maturity, (goal,), staff)
    result = recommend(catalogue, answers)
    absent = [entry for entry in catalogue.entries if actor not in entry.concerns]
    assert absent
    present = [entry for entry in catalogue.entries if entry.id in named(result)]
    other = "fr" if people == "en" else "en"
    outputs = {
        f"text {people}": ["--lang", people, "recommend"],
        f"markdown {other}": ["--lang", other, "recommend", "--format", "markdown"],
        f"json {people}": ["--lang", people, "recommend", "--json"],
    }
    for label, command in outputs.items():
        out = run(*command, *cli_args(answers))
        assert out.exit_code == 0, (label, out.stderr)
        lang = label.split()[-1]
        if label.startswith("json"):
            text = " ".join(squash(s) for s in strings(json.loads(out.stdout)))
        else:
            text = squash(out.stdout)
        for entry in absent:
            assert entry.id not in text, (label, entry.id)
            for title in (squash(entry.title.fr), squash(entry.title.en)):
                # A title that is also the vocabulary's words (« Mutual knowledge », the
                # label of level 1) is looked for by its id only.
                if title not in _carried_text("vocabulary"):
                    assert title not in text, (label, entry.id)
        # ... while the cards of the plan are there (the search would find them): by
        # their ids, or in Markdown, for people without a terminal, by their titles.
        for entry in present:
            shown = squash(entry.title(lang)) if label.startswith("markdown") else entry.id
            assert shown in text, (label, entry.id)
        for item in result.recommendations:
            assert squash(getattr(item.title, lang)) in text, (label, item.id)


# --- what the company reads ------------------------------------------------------------


COMPANY_SAYS = {
    "en": [
        "Only 8 of the toolbox's 26 tools concern you (company)",
        "Start here",
        "Apprenticeships and hosting interns",
        "To start (for you, company): Internships:",
        "these-cifre",
    ],
    "fr": [
        "Seuls 8 des 26 outils de la boîte à outils vous concernent (entreprise)",
        "Commencez ici",
        "Apprentissage et accueil de stagiaires",
        "Pour commencer (pour vous, entreprise)\u202f: Stages\u202f:",
        "these-cifre",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_company_is_told_how_few_tools_concern_it(run: Callable[..., Result], lang: str) -> None:
    out = run(
        "--lang", lang, "recommend", "--actor", "company", "--maturity", "0", "--goal", "skills"
    )
    assert out.exit_code == 0, out.stderr
    text = squash(out.stdout)
    for sentence in COMPANY_SAYS[lang]:
        assert squash(sentence) in text, sentence
    # The plan reads at 80 columns.
    assert max(len(line.rstrip()) for line in out.stdout.splitlines()) <= 80
    for card in LOCAL_AUTHORITY_ONLY:
        assert card not in text
