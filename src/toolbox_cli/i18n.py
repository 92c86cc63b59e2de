"""Picking the language, and every string the tool prints, in French and English."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, Protocol, runtime_checkable

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")

LANG_ENV = "TOOLBOX_LANG"


@runtime_checkable
class Worded(Protocol):
    """Something that can say itself in either language (a problem found in a file)."""

    def text(self, lang: Lang) -> str: ...


class LanguageError(ValueError):
    """A language asked for that the tool does not speak."""

    def __init__(self, origin: str, value: str) -> None:
        super().__init__(f"{origin}: unknown language {value!r}; expected fr or en")
        self.origin = origin
        self.value = value

    def text(self, lang: Lang) -> str:
        return t(lang, "bad_lang", origin=self.origin, value=self.value)


def locale_lang(environ: Mapping[str, str] = os.environ) -> Lang:
    """The locale's language: ``fr*`` is French, anything else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def pick_lang(option: str | None, environ: Mapping[str, str] = os.environ) -> Lang:
    """``--lang``, else ``TOOLBOX_LANG``, else the locale (``fr*`` is French, else English)."""
    for origin, value in (("--lang", option), (LANG_ENV, environ.get(LANG_ENV))):
        if value:
            lang = value.strip().lower()
            if lang in LANGS:
                return lang
            raise LanguageError(origin, value)
    return locale_lang(environ)


UI: dict[str, dict[Lang, str]] = {
    # show
    "families": {"fr": "Familles", "en": "Families"},
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
    # search
    "col_why": {"fr": "Pourquoi", "en": "Why"},
    "search_none": {
        "fr": "Aucun outil ne correspond à « {query} ».",
        "en": "No tool matches '{query}'.",
    },
    "search_hint": {
        "fr": "Essayez moins de mots, des mots plus courts ou l'autre langue, "
        "ou voyez toutes les fiches : toolbox list",
        "en": "Try fewer or shorter words, or the other language, or see every card: toolbox list",
    },
    "search_count": {
        "fr": "{count} outil(s) pour « {query} »",
        "en": "{count} tool(s) for '{query}'",
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
    "why_relay": {
        "fr": "une structure relais peut le porter : utile quand l'ingénierie locale manque",
        "en": "a relay structure can take it up: useful when local staff time is scarce",
    },
    "staff_time_yes": {"fr": "ingénierie disponible", "en": "staff time available"},
    "staff_time_no": {"fr": "peu ou pas d'ingénierie", "en": "little or no staff time"},
    "bad_staff_time": {
        "fr": "{origin} : attendu oui ou non (yes/no), reçu {value}",
        "en": "{origin}: expected yes or no, got {value}",
    },
    "why_first": {
        "fr": "il construit l'interconnaissance dont vous avez besoin d'abord",
        "en": "it builds the interconnaissance (mutual knowledge) you need first",
    },
    # recommend
    "your_answers": {"fr": "Vos réponses", "en": "Your answers"},
    "answers_line": {
        "fr": "{actor} · maturité {maturity} · objectifs : {goals}{staff_time}",
        "en": "{actor} · maturity {maturity} · goals: {goals}{staff_time}",
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
        "fr": "{origin} : attendu un nombre entier de {low} à {high}, reçu {value}",
        "en": "{origin}: expected a whole number from {low} to {high}, got {value}",
    },
    "answers_file": {"fr": "{where}: {message}", "en": "{where}: {message}"},
    "answers_unknown_field": {
        "fr": "{where} : champ inconnu ; champs possibles : actor, maturity, goals, staff_time",
        "en": "{where}: unknown field; expected actor, maturity, goals, staff_time",
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
    "bad_lang": {
        "fr": "{origin} : langue inconnue « {value} » ; langues possibles : fr, en",
        "en": "{origin}: unknown language '{value}'; expected fr or en",
    },
    "save_failed": {
        "fr": "--save-answers : {path} : {reason}",
        "en": "--save-answers: {path}: {reason}",
    },
    "no_partnership": {"fr": "pas encore de partenariat", "en": "no partnership yet"},
    "level_line": {"fr": "niveau {level} : {label}", "en": "level {level}: {label}"},
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


# --help, in the language picked before the command line is parsed (see cli.help_lang).
HELP: dict[str, dict[Lang, str]] = {
    "app": {
        "fr": "Choisir les bons outils pour bâtir des partenariats entre recherche et "
        "territoires (d'après la Boîte à outils de l'INET).",
        "en": "Choose the right tools to build research-territory partnerships "
        "(from the INET toolbox, 'Boîte à outils pour bâtir les partenariats entre recherche "
        "et territoires').",
    },
    "lang": {
        "fr": "Langue : fr ou en (par défaut : $TOOLBOX_LANG, puis la locale).",
        "en": "Language: fr or en (default: $TOOLBOX_LANG, then the locale).",
    },
    "cards_dir": {
        "fr": "Lire les fiches dans DIR au lieu des fiches fournies (par défaut : "
        "$TOOLBOX_CARDS_DIR).",
        "en": "Read the cards from DIR instead of the shipped ones (default: $TOOLBOX_CARDS_DIR).",
    },
    "json": {"fr": "Écrire du JSON, pour les scripts.", "en": "Print JSON for scripts."},
    "version": {"fr": "Afficher la version.", "en": "Show the version."},
    "cmd_show": {"fr": "Lire la fiche d'un outil.", "en": "Read one tool's card."},
    "show_card": {
        "fr": "Id de la fiche, titre (fr ou en) ou début d'id sans ambiguïté.",
        "en": "Card id, title (fr or en) or unique id prefix.",
    },
    "cmd_list": {
        "fr": "Lister les outils, avec des filtres au besoin.",
        "en": "List the tools, optionally filtered.",
    },
    "list_family": {
        "fr": "Seulement la famille N (1-4) ; répétable.",
        "en": "Only family N (1-4); repeatable.",
    },
    "list_level": {
        "fr": "Seulement les fiches de niveau N (1-5) ; répétable.",
        "en": "Only cards at level N (1-5); repeatable.",
    },
    "list_actor": {
        "fr": "Seulement les fiches que cet acteur peut porter ; répétable.",
        "en": "Only cards this actor takes up; repeatable.",
    },
    "list_goal": {
        "fr": "Seulement les fiches qui servent cet objectif ; répétable.",
        "en": "Only cards serving this goal; repeatable.",
    },
    "cmd_search": {
        "fr": "Chercher un outil par des mots, en français ou en anglais, avec ou sans "
        "accents (ex. : doctorant, « marché public », tiers-lieu).",
        "en": "Find a tool by words, in French or English, with or without accents "
        "(e.g. doctoral, procurement, tiers-lieu).",
    },
    "search_query": {
        "fr": "Les mots à chercher (début de mot accepté).",
        "en": "The words to look for (word beginnings match too).",
    },
    "search_limit": {"fr": "Au plus N résultats.", "en": "At most N results."},
    "no_cache": {
        "fr": "Ne pas lire ni écrire l'index : tout vérifier à nouveau.",
        "en": "Neither read nor write the index: check everything afresh.",
    },
    "cmd_validate": {
        "fr": "Vérifier toutes les fiches d'un dossier ; code 1 et toutes les erreurs s'il y en a.",
        "en": "Check every card of a directory; exit 1 with every error if any.",
    },
    "validate_dir": {
        "fr": "Dossier de fiches (par défaut : --cards-dir, puis les fiches fournies).",
        "en": "Cards directory (default: --cards-dir, then the shipped cards).",
    },
    "cmd_schema": {
        "fr": "Écrire un schéma JSON : 'card' pour les éditeurs des auteurs de fiches, "
        "'recommendation' pour les scripts.",
        "en": "Print a JSON Schema: 'card' for card authors' editors, 'recommendation' for "
        "scripts.",
    },
    "schema_kind": {
        "fr": "Quel document : card ou recommendation.",
        "en": "Which document: card or recommendation.",
    },
    "cmd_levels": {
        "fr": "Afficher l'échelle d'intensité du partenariat et la règle entre ses niveaux.",
        "en": "Show the partnership-intensity scale and the rule between its levels.",
    },
    "cmd_recommend": {
        "fr": "Répondre à un court questionnaire et obtenir les outils à utiliser d'abord, "
        "et pourquoi.",
        "en": "Answer a short questionnaire and get the tools to use first, and why.",
    },
    "rec_actor": {
        "fr": "Qui vous êtes : local_authority, research, company, intermediary (libellés "
        "français acceptés : collectivite, recherche, entreprise, intermediaire).",
        "en": "Who you are: local_authority, research, company, intermediary (French labels "
        "accepted: collectivite, recherche, entreprise, intermediaire).",
    },
    "rec_maturity": {
        "fr": "L'intensité de partenariat la plus haute déjà pratiquée avec l'autre sphère, "
        "de 0 (aucune) à 5.",
        "en": "The highest partnership intensity already practised with the other sphere, "
        "0 (none yet) to 5.",
    },
    "rec_goal": {
        "fr": "Ce que vous cherchez (répétable) : outreach, mutual_knowledge, reflexivity, "
        "skills, funding, experimentation, legal_framework, capitalisation.",
        "en": "What you are after (repeatable): outreach, mutual_knowledge, reflexivity, "
        "skills, funding, experimentation, legal_framework, capitalisation.",
    },
    "rec_staff_time": {
        "fr": "Optionnel : votre structure a-t-elle du temps d'agent pour un partenariat ? "
        "yes ou no (oui/non). Avec no, les outils qu'une structure relais peut porter "
        "remontent.",
        "en": "Optional: does your organisation have staff time for a partnership? yes or no. "
        "With no, tools a relay structure can take up rank higher.",
    },
    "rec_answers": {
        "fr": "Rejouer les réponses d'un fichier YAML ou JSON.",
        "en": "Replay the answers of a YAML or JSON file.",
    },
    "rec_save": {
        "fr": "Écrire les réponses dans FILE (YAML, ou JSON si *.json).",
        "en": "Write the answers to FILE (YAML, or JSON if *.json).",
    },
    "rec_limit": {"fr": "Au plus N outils recommandés.", "en": "At most N recommended tools."},
    "rec_format": {
        "fr": "text (pour les personnes), markdown ou json.",
        "en": "text (for people), markdown or json.",
    },
}


# Problems found in card files and answers files. English wording is also the
# ``message`` of machine-readable output; ``code`` (the key minus "issue_") is stable.
ISSUES: dict[str, dict[Lang, str]] = {
    "yaml_alias": {
        "fr": "les alias (*nom) sont interdits : écrivez la valeur en entier",
        "en": "aliases (*name) are not allowed: write the value out",
    },
    "yaml_anchor": {
        "fr": "les ancres (&nom) sont interdites : écrivez la valeur en entier",
        "en": "anchors (&name) are not allowed: write the value out",
    },
    "yaml_merge": {
        "fr": "les clés de fusion (<<) sont interdites",
        "en": "merge keys (<<) are not allowed",
    },
    "yaml_key_type": {
        "fr": "les noms de champs doivent être du texte simple",
        "en": "field names must be plain text",
    },
    "yaml_duplicate_key": {"fr": "clé en double « {key} »", "en": "duplicate key '{key}'"},
    "yaml_invalid": {"fr": "YAML invalide : {problem}", "en": "invalid YAML: {problem}"},
    "yaml_too_deep": {
        "fr": "imbrication trop profonde : {limit} niveaux au plus",
        "en": "nested too deeply: at most {limit} levels",
    },
    "yaml_several_documents": {
        "fr": "YAML invalide : un seul document YAML par fichier (supprimez le '---' en trop)",
        "en": "invalid YAML: only one YAML document per file (remove the extra '---')",
    },
    "file_too_big": {
        "fr": "le fichier fait {size} octets ; la limite est {limit} (256 Kio)",
        "en": "file is {size} bytes; the limit is {limit} (256 KiB)",
    },
    "not_utf8": {
        "fr": "texte non UTF-8 : enregistrez le fichier en UTF-8",
        "en": "not UTF-8 text: save the file as UTF-8",
    },
    "empty_file": {
        "fr": "le fichier est vide : attendu une table de champs (champ: valeur)",
        "en": "the file is empty: expected a mapping of card fields",
    },
    "not_mapping": {
        "fr": "attendu une table (champ: valeur) au premier niveau",
        "en": "expected a mapping (field: value) at the top level",
    },
    "cannot_read": {
        "fr": "impossible de lire le fichier : {reason}",
        "en": "cannot read the file: {reason}",
    },
    "dir_missing": {"fr": "dossier introuvable", "en": "no such directory"},
    "dir_not_dir": {"fr": "ce n'est pas un dossier", "en": "not a directory"},
    "dir_unreadable": {"fr": "impossible de lister : {reason}", "en": "cannot list: {reason}"},
    "dir_empty": {
        "fr": "aucun fichier de fiche (*.yaml) trouvé",
        "en": "no card files (*.yaml) found",
    },
    "id_mismatch": {
        "fr": "l'id « {card_id} » diffère du nom du fichier « {name} » : ils doivent être "
        "identiques",
        "en": "id '{card_id}' differs from the file name '{name}': they must match",
    },
    "duplicate_id": {
        "fr": "id en double « {card_id} » : aussi dans {other}",
        "en": "duplicate id '{card_id}': also in {other}",
    },
    "bad_file_name": {
        "fr": "le nom du fichier doit être l'id de la fiche : minuscules, chiffres et tirets, "
        "par exemple « these-cifre.yaml »",
        "en": "the file name must be the card id: a lowercase slug such as 'these-cifre.yaml'",
    },
    "missing": {"fr": "champ obligatoire manquant", "en": "required field is missing"},
    "unknown_field": {
        "fr": "champ inconnu ; champs possibles : {allowed}",
        "en": "unknown field; expected one of: {allowed}",
    },
    "expected_text": {"fr": "attendu du texte, reçu {kind}", "en": "expected text, got {kind}"},
    "expected_text_quote": {
        "fr": "attendu du texte, reçu {kind} : mettez-le entre guillemets",
        "en": "expected text, got {kind}: quote it",
    },
    "expected_text_bool": {
        "fr": "attendu du texte, reçu vrai/faux (YAML lit no/yes/on/off/true/false comme "
        'vrai/faux) : mettez-le entre guillemets, par exemple "no"',
        "en": "expected text, got true/false (YAML reads no/yes/on/off/true/false as "
        'true/false): quote it, e.g. "no"',
    },
    "expected_int": {
        "fr": "attendu un nombre entier, reçu {kind}",
        "en": "expected a whole number, got {kind}",
    },
    "expected_list": {"fr": "attendu une liste, reçu {kind}", "en": "expected a list, got {kind}"},
    "expected_mapping": {
        "fr": "attendu une table (champ: valeur), reçu {kind}",
        "en": "expected a mapping (field: value), got {kind}",
    },
    "out_of_bounds": {
        "fr": "doit être de {low} à {high}, reçu {value}",
        "en": "must be {low} to {high}, got {value}",
    },
    "bad_link": {
        "fr": "attendu un lien http:// ou https://, reçu {value}",
        "en": "expected an http:// or https:// link, got {value}",
    },
    "bad_slug": {
        "fr": "attendu un identifiant en minuscules (lettres, chiffres, tirets simples), "
        "reçu {value}",
        "en": "expected a lowercase slug (letters, digits, single hyphens), got {value}",
    },
    "empty_value": {"fr": "ne doit pas être vide", "en": "must not be empty"},
    "blank": {"fr": "ne doit pas être vide ou blanc", "en": "must not be blank"},
    "too_long": {
        "fr": "trop long : {limit} caractères au plus",
        "en": "too long: at most {limit} characters",
    },
    "not_one_of": {
        "fr": "reçu {value} ; attendu : {expected}",
        "en": "got {value}; expected {expected}",
    },
    "unknown_term": {
        "fr": "{what} : identifiant inconnu « {value} » ; valeurs possibles : {known}",
        "en": "unknown {what} '{value}'; expected one of: {known}",
    },
    "not_unique": {
        "fr": "chaque {what} ne peut figurer qu'une fois",
        "en": "each {what} may appear only once",
    },
    "initiative_not_concerned": {
        "fr": "qui prend l'initiative ({actors}) doit aussi figurer dans concerns",
        "en": "who takes the initiative ({actors}) must also be in concerns",
    },
    "invalid": {"fr": "valeur invalide : {detail}", "en": "{detail}"},
}

# Words that issues name, translated when an issue is worded.
WORDS: dict[str, dict[Lang, str]] = {
    "actor": {"fr": "acteur", "en": "actor"},
    "goal": {"fr": "objectif", "en": "goal"},
    "source": {"fr": "source", "en": "source"},
    "family": {"fr": "famille", "en": "family"},
    "level": {"fr": "niveau", "en": "level"},
    "bool": {"fr": "vrai/faux", "en": "true/false"},
    "null": {"fr": "rien (null)", "en": "nothing (null)"},
    "number": {"fr": "un nombre", "en": "a number"},
    "date": {"fr": "une date", "en": "a date"},
    "list": {"fr": "une liste", "en": "a list"},
    "mapping": {"fr": "une table", "en": "a mapping"},
    "text": {"fr": "du texte", "en": "text"},
    "other": {"fr": "une autre valeur", "en": "another kind of value"},
}
WORDED = ("what", "kind")  # the values of an issue that are WORDS keys


def t(lang: Lang, key: str, **values: object) -> str:
    """The UI string ``key`` in ``lang``, with ``values`` filled in.

    A value with a ``text(lang)`` method (a problem found in a file) is worded in ``lang``.
    """
    text = UI[key][lang]
    if not values:
        return text
    worded = {k: v.text(lang) if isinstance(v, Worded) else v for k, v in values.items()}
    return text.format(**worded)


def issue_text(lang: Lang, code: str, values: Mapping[str, object]) -> str:
    """The sentence for the problem ``code`` in ``lang``."""
    worded = {
        key: WORDS[value][lang]
        if key in WORDED and isinstance(value, str) and value in WORDS
        else value
        for key, value in values.items()
    }
    return ISSUES[code][lang].format(**worded)
