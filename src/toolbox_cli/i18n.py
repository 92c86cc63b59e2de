"""Picking the language, and every string the tool prints, in French and English."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")

LANG_ENV = "TOOLBOX_LANG"


class LanguageError(ValueError):
    pass


def pick_lang(option: str | None, environ: Mapping[str, str] = os.environ) -> Lang:
    """``--lang``, else ``TOOLBOX_LANG``, else the locale (``fr*`` is French, else English)."""
    for origin, value in (("--lang", option), (LANG_ENV, environ.get(LANG_ENV))):
        if value:
            lang = value.strip().lower()
            if lang in LANGS:
                return lang
            raise LanguageError(f"{origin}: unknown language {value!r}; expected fr or en")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


UI: dict[str, dict[Lang, str]] = {
    # show
    "families": {"fr": "Familles", "en": "Families"},
    "family": {"fr": "Famille", "en": "Family"},
    "levels": {"fr": "Intensité du partenariat", "en": "Partnership intensity"},
    "objective": {"fr": "Objectif visé principalement", "en": "Main objective"},
    "interest_territory": {
        "fr": "Intérêt pour la collectivité ou l'entreprise",
        "en": "Interest for the local authority or company",
    },
    "interest_research": {
        "fr": "Intérêt pour l'établissement ou le laboratoire",
        "en": "Interest for the university or laboratory",
    },
    "interests": {"fr": "Intérêts des partenaires", "en": "What each partner gains"},
    "interest_you": {"fr": "Pour vous", "en": "For you"},
    "interest_partner": {"fr": "Pour votre partenaire", "en": "For your partner"},
    "process": {"fr": "Processus", "en": "Process"},
    "examples": {"fr": "Exemples et ressources", "en": "Examples and resources"},
    "kind_example": {"fr": "exemple", "en": "example"},
    "kind_resource": {"fr": "ressource", "en": "resource"},
    "source_line": {"fr": "Source : {title}", "en": "Source: {title}"},
    "actors": {"fr": "À l'initiative", "en": "Taken up by"},
    "goals": {"fr": "Objectifs", "en": "Goals"},
    "read_more": {"fr": "Lire la fiche : {command}", "en": "Read the card: {command}"},
    # list
    "col_id": {"fr": "id", "en": "id"},
    "col_title": {"fr": "Outil", "en": "Tool"},
    "col_families": {"fr": "Fam.", "en": "Fam."},
    "col_levels": {"fr": "Niveaux", "en": "Levels"},
    "list_count": {"fr": "{count} outil(s) sur {total}", "en": "{count} of {total} tool(s)"},
    "list_none": {
        "fr": "Aucun outil ne correspond à ces filtres.",
        "en": "No tool matches these filters.",
    },
    # levels
    "scale": {
        "fr": "L'échelle d'intensité du partenariat",
        "en": "The partnership-intensity scale",
    },
    "rule": {"fr": "La règle", "en": "The rule"},
    # reasons (engine)
    "why_goal": {"fr": "vous visez : {goal}", "en": "you aim to: {goal}"},
    "why_actor": {
        "fr": "l'initiative peut venir de vous ({actor})",
        "en": "you can take the initiative ({actor})",
    },
    "why_next": {
        "fr": "c'est l'étape suivante pour vous (niveau {level} : {label})",
        "en": "it is your next step up (level {level}: {label})",
    },
    "why_reach": {
        "fr": "son intensité est à votre portée : vous l'avez déjà pratiquée",
        "en": "its intensity is within reach: you have already practised it",
    },
    "why_stretch": {
        "fr": "il demande une intensité que vous n'avez pas encore pratiquée (niveau {level})",
        "en": "it asks for an intensity you have not practised yet (level {level})",
    },
    "why_first": {
        "fr": "il construit l'interconnaissance dont vous avez besoin d'abord",
        "en": "it builds the interconnaissance (mutual knowledge) you need first",
    },
    # recommend
    "your_answers": {"fr": "Vos réponses", "en": "Your answers"},
    "answers_line": {
        "fr": "{actor} · maturité {maturity} · objectifs : {goals}",
        "en": "{actor} · maturity {maturity} · goals: {goals}",
    },
    "your_pathway": {"fr": "Votre chemin", "en": "Your pathway"},
    "you_are_here": {"fr": "vous êtes ici", "en": "you are here"},
    "you_are_here_zero": {
        "fr": "vous êtes ici : pas encore de partenariat",
        "en": "you are here: no partnership yet",
    },
    "steps_here": {"fr": "étape(s) {steps}", "en": "step(s) {steps}"},
    "later_here": {"fr": "plus tard", "en": "later"},
    "step": {"fr": "Étape {step}", "en": "Step {step}"},
    "first_step": {"fr": "Pour commencer :", "en": "To start:"},
    "deferred": {
        "fr": "Plus tard, une fois l'interconnaissance construite",
        "en": "Later, once mutual knowledge is built",
    },
    "unlocked_by": {"fr": "débloqué par : {ids}", "en": "unlocked by: {ids}"},
    "no_recommendation": {
        "fr": "Aucun outil ne correspond à ces objectifs dans ce catalogue.",
        "en": "No tool in this catalogue serves these goals.",
    },
    "md_title": {"fr": "Recommandation toolbox", "en": "toolbox recommendation"},
    "md_footer": {
        "fr": "_D'après la Boîte à outils pour bâtir les partenariats entre recherche et "
        "territoires (INET)._",
        "en": "_Based on the Toolbox for building partnerships between research and "
        "territories (INET)._",
    },
    "interrupted_eof": {
        "fr": "entrée terminée avant la fin du questionnaire ; rien n'a été écrit.",
        "en": "input ended before the questionnaire was complete; nothing was written.",
    },
    # answers (questionnaire)
    "missing_answers": {
        "fr": "réponse(s) manquante(s) : {missing}. Sans terminal, passez {flags} "
        "(ou --answers FICHIER).",
        "en": "missing answer(s): {missing}. Without a terminal, pass {flags} (or --answers FILE).",
    },
    "unknown_actor": {
        "fr": "{origin} : acteur inconnu « {value} » ; valeurs possibles : {known}",
        "en": "{origin}: unknown actor '{value}'; expected one of: {known}",
    },
    "unknown_goal": {
        "fr": "{origin} : objectif inconnu « {value} » ; valeurs possibles : {known}",
        "en": "{origin}: unknown goal '{value}'; expected one of: {known}",
    },
    "bad_maturity": {
        "fr": "{origin} : attendu un nombre entier de 0 à 5, reçu {value}",
        "en": "{origin}: expected a whole number from 0 to 5, got {value}",
    },
    "answers_file": {"fr": "{where} : {message}", "en": "{where}: {message}"},
    "answers_unknown_field": {
        "fr": "{where} : champ inconnu ; champs possibles : actor, maturity, goals",
        "en": "{where}: unknown field; expected actor, maturity, goals",
    },
    "answers_goals": {
        "fr": "{where} : attendu une liste non vide d'objectifs",
        "en": "{where}: expected a non-empty list of goal ids",
    },
    "answers_text": {
        "fr": "{where} : attendu du texte, reçu {value}",
        "en": "{where}: expected text, got {value}",
    },
    "answers_quote": {
        "fr": "{where} : attendu du texte, reçu {value} : mettez-le entre guillemets",
        "en": "{where}: expected text, got {value}: quote it",
    },
    "save_is_dir": {
        "fr": "--save-answers : {path} est un dossier",
        "en": "--save-answers: {path} is a directory",
    },
    "save_no_dir": {
        "fr": "--save-answers : dossier introuvable : {path}",
        "en": "--save-answers: no such directory: {path}",
    },
    "save_not_writable": {
        "fr": "--save-answers : impossible d'écrire dans {path}",
        "en": "--save-answers: cannot write in {path}",
    },
    # errors
    "error_line": {"fr": "Erreur : {line}", "en": "Error: {line}"},
    "not_found": {
        "fr": "Aucune fiche ne s'appelle « {name} ».",
        "en": "No card is called '{name}'.",
    },
    "ambiguous": {
        "fr": "« {name} » désigne plusieurs fiches :",
        "en": "'{name}' matches several cards:",
    },
    "did_you_mean": {"fr": "Vouliez-vous dire :", "en": "Did you mean:"},
    "see_list": {
        "fr": "Voir toutes les fiches : toolbox list",
        "en": "See every card: toolbox list",
    },
    "catalogue_invalid": {
        "fr": "Le catalogue contient {count} erreur(s) :",
        "en": "The catalogue has {count} error(s):",
    },
    "catalogue_hint": {
        "fr": "Corrigez-les puis vérifiez avec : toolbox validate {path}",
        "en": "Fix them, then check with: toolbox validate {path}",
    },
    "valid": {
        "fr": "{count} fiche(s) valide(s) dans {path}",
        "en": "{count} valid card(s) in {path}",
    },
    "bad_value": {
        "fr": "{option} : valeur inconnue « {value} » ; attendu : {expected}",
        "en": "{option}: unknown value '{value}'; expected: {expected}",
    },
}


def t(lang: Lang, key: str, **values: object) -> str:
    """The UI string ``key`` in ``lang``, with ``values`` filled in."""
    text = UI[key][lang]
    return text.format(**values) if values else text
