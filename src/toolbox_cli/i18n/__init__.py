"""Picking the language, and every string the tool prints, in French and English."""

from __future__ import annotations

import errno
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


# French strings are written as French typography wants them (tests/test_usage.py
# checks it): a narrow no-break space (\u202f) before : ; ? ! and inside « », and a
# no-break space (\u00a0) between "niveau" or "étape" and its number.
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
    "level_notes": {"fr": "Selon le niveau", "en": "Level by level"},
    "kind_example": {"fr": "exemple", "en": "example"},
    "kind_resource": {"fr": "ressource", "en": "resource"},
    "kind_link": {"fr": "lien", "en": "link"},
    "kind_reference": {"fr": "référence bibliographique", "en": "bibliographic reference"},
    "kind_video": {"fr": "vidéo", "en": "video"},
    "kind_podcast": {"fr": "podcast", "en": "podcast"},
    "kind_template": {
        "fr": "trame (convention, statuts…)",
        "en": "template (agreement, statutes…)",
    },
    "source_line": {"fr": "Source\u202f: {title}", "en": "Source: {title}"},
    "actors": {"fr": "À l'initiative", "en": "Taken up by"},
    "goals": {"fr": "Objectifs", "en": "Goals"},
    "read_more": {"fr": "Lire la fiche\u202f: {command}", "en": "Read the card: {command}"},
    # list
    "col_id": {"fr": "id", "en": "id"},
    "col_title": {"fr": "Outil (id)", "en": "Tool (id)"},
    "col_families": {"fr": "Fam.", "en": "Fam."},
    "col_levels": {"fr": "Niveaux", "en": "Levels"},
    "list_count_one": {"fr": "{count} outil sur {total}", "en": "{count} of {total} tools"},
    "list_count_other": {"fr": "{count} outils sur {total}", "en": "{count} of {total} tools"},
    "list_none": {
        "fr": "Aucun outil ne correspond à ces filtres.",
        "en": "No tool matches these filters.",
    },
    # search
    "col_why": {"fr": "Pourquoi", "en": "Why"},
    "search_none": {
        "fr": "Aucun outil ne correspond à «\u202f{query}\u202f».",
        "en": "No tool matches '{query}'.",
    },
    # a search result found through the other language's words: its extract in that one
    "found_in_fr": {"fr": "en français\u202f:", "en": "in French:"},
    "found_in_en": {"fr": "en anglais\u202f:", "en": "in English:"},
    "search_hint": {
        "fr": "Essayez moins de mots, des mots plus courts ou l'autre langue, "
        "ou voyez toutes les fiches\u202f: toolbox list",
        "en": "Try fewer or shorter words, or the other language, or see every card: toolbox list",
    },
    "search_count_one": {
        "fr": "{count} outil pour «\u202f{query}\u202f»",
        "en": "{count} tool for '{query}'",
    },
    "search_count_other": {
        "fr": "{count} outils pour «\u202f{query}\u202f»",
        "en": "{count} tools for '{query}'",
    },
    # levels
    "scale": {
        "fr": "L'échelle d'intensité du partenariat",
        "en": "The partnership-intensity scale",
    },
    "rule": {"fr": "La règle", "en": "The rule"},
    # recommend: reasons, worded by the renderers from the engine's codes
    "why_goal_you": {"fr": "sert votre objectif\u202f: {goal}", "en": "serves your goal: {goal}"},
    "why_goal_partner": {
        "fr": "sert l'objectif de votre partenaire\u202f: {goal}",
        "en": "serves your partner's goal: {goal}",
    },
    "why_goal_both": {
        "fr": "sert votre objectif commun\u202f: {goal}",
        "en": "serves the goal you share: {goal}",
    },
    "why_goal_level_you": {
        "fr": "utilisé au niveau\u00a0{level}, le niveau qui construit votre "
        "objectif\u202f: {goal}",
        "en": "used at level {level}, the level that builds your goal: {goal}",
    },
    "why_goal_level_partner": {
        "fr": "utilisé au niveau\u00a0{level}, le niveau qui construit l'objectif de votre "
        "partenaire\u202f: {goal}",
        "en": "used at level {level}, the level that builds your partner's goal: {goal}",
    },
    "why_goal_level_both": {
        "fr": "utilisé au niveau\u00a0{level}, le niveau qui construit votre objectif "
        "commun\u202f: {goal}",
        "en": "used at level {level}, the level that builds the goal you share: {goal}",
    },
    "why_initiative_you": {
        "fr": "l'initiative peut venir de vous ({actor})",
        "en": "you can take the initiative ({actor})",
    },
    "why_initiative_partner": {
        "fr": "l'initiative peut venir de votre partenaire ({actor})",
        "en": "your partner can take the initiative ({actor})",
    },
    "why_relay_support": {
        "fr": "une structure relais peut le porter\u202f: utile quand l'ingénierie locale manque",
        "en": "a relay structure can take it up: useful when local staff time is scarce",
    },
    "why_relay_part": {
        "fr": "une structure relais peut y prendre part",
        "en": "a relay structure can take part in it",
    },
    "why_in_house": {
        "fr": "seuls vos propres agents peuvent le porter",
        "en": "only your own staff can carry it",
    },
    "why_next_step": {
        "fr": "utilisé au niveau\u00a0{level}, un cran au-dessus de ce que vous pratiquez",
        "en": "used at level {level}, one step above what you practise",
    },
    "why_next_step_first": {
        "fr": "utilisé au niveau\u00a0{level}, le premier de l'échelle",
        "en": "used at level {level}, the first of the scale",
    },
    "why_practised_level": {
        "fr": "utilisé au niveau\u00a0{level}, l'intensité que vous pratiquez déjà",
        "en": "used at level {level}, the intensity you already practise",
    },
    "why_step_up": {
        "fr": "utilisé au niveau\u00a0{level}, plus haut que ce que vous pratiquez\u202f: les "
        "niveaux d'une fiche sont ce que l'outil peut atteindre, pas des préalables",
        "en": "used at level {level}, higher than you practise: a sheet's levels are what a "
        "tool can reach, not prerequisites",
    },
    "why_already_practised": {
        "fr": "utilisé au niveau\u00a0{level}, en deçà de ce que vous pratiquez\u202f: déjà acquis",
        "en": "used at level {level}, below what you practise: already practised",
    },
    "why_unlocks": {
        "fr": "il donne l'interconnaissance (niveau\u00a0{level}) que les outils retenus pour "
        "plus tard demandent d'abord",
        "en": "it gives the mutual knowledge (level {level}) that the tools held back need first",
    },
    "staff_time_yes": {"fr": "ingénierie disponible", "en": "staff time available"},
    "staff_time_no": {"fr": "peu ou pas d'ingénierie", "en": "little or no staff time"},
    "bad_staff_time": {
        "fr": "{origin}\u202f: attendu oui ou non (yes/no), reçu {value}",
        "en": "{origin}: expected yes or no, got {value}",
    },
    # recommend: the plan
    "your_answers": {"fr": "Vos réponses", "en": "Your answers"},
    "answers_line": {
        "fr": "{actor} · maturité {maturity} · objectifs\u202f: {goals}{staff_time}",
        "en": "{actor} · maturity {maturity} · goals: {goals}{staff_time}",
    },
    "partner_line": {
        "fr": "Partenaire\u202f: {actor}{goals}",
        "en": "Partner: {actor}{goals}",
    },
    "partner_goals": {"fr": " · objectifs\u202f: {goals}", "en": " · goals: {goals}"},
    "plan_glance": {"fr": "Votre plan en bref", "en": "Your plan at a glance"},
    "plan_glance_pair": {"fr": "Votre plan commun en bref", "en": "Your joint plan at a glance"},
    "glance_start": {"fr": "Commencez ici", "en": "Start here"},
    "glance_then": {"fr": "Ensuite", "en": "Then"},
    "glance_later": {"fr": "Plus tard", "en": "Later"},
    "glance_later_line": {
        "fr": "{ids} (une fois que vous vous connaissez)",
        "en": "{ids} (once you know each other)",
    },
    "glance_start_line": {
        "fr": "{ids} (choisissez-en un ou deux)",
        "en": "{ids} (pick one or two)",
    },
    "section_start": {"fr": "Commencez ici", "en": "Start here"},
    "section_then": {"fr": "Ensuite", "en": "Then"},
    "section_later": {
        "fr": "Une fois que vous vous connaissez",
        "en": "Once you know each other",
    },
    "start_one": {
        "fr": "Le meilleur outil pour vos réponses\u202f: commencez par lui.",
        "en": "The best tool for your answers: start with it.",
    },
    "start_other": {
        "fr": "Les {count} meilleurs outils pour vos réponses\u202f: choisissez-en un ou deux, "
        "le premier convient le mieux.",
        "en": "The {count} best tools for your answers: pick one or two; the first fits best.",
    },
    "start_none": {
        "fr": "Aucun outil à prendre vous-même pour commencer\u202f: voyez ceux qui suivent.",
        "en": "No tool to take up yourself to start with: see those that follow.",
    },
    "then_intro": {
        "fr": "Les suivants, du meilleur au moins bon, et pourquoi ils viennent après.",
        "en": "The next best, in order, and why each comes after.",
    },
    "then_proposed": {
        "fr": "Après, car il n'est que proposé\u202f: le dispositif reste à créer.",
        "en": "After, because it is only proposed: the scheme has yet to be created.",
    },
    "then_others_lead": {
        "fr": "Après, car l'initiative ne peut venir de vous\u202f: {actors}, à solliciter.",
        "en": "After, because you cannot take the initiative: {actors} must; ask them.",
    },
    "then_in_house": {
        "fr": "Après, car seuls vos propres agents peuvent le porter et l'ingénierie manque.",
        "en": "After, because only your own staff can carry it and staff time is short.",
    },
    "then_already_practised": {
        "fr": "Après, car il est utilisé en deçà de ce que vous pratiquez (niveau\u00a0{level}).",
        "en": "After, because it is used below what you practise (level {level}).",
    },
    "then_start_full": {
        "fr": "Après, car «\u202fCommencez ici\u202f» garde trois outils\u202f: il vient juste "
        "après eux.",
        "en": "After, because Start here keeps three tools: it ranks just below them.",
    },
    "then_scores_less": {
        "fr": "Après, car il sert moins vos objectifs que les outils pour commencer.",
        "en": "After, because it serves your goals less than the tools to start with.",
    },
    "later_unlocked_by": {
        "fr": "Faites d'abord connaissance avec {ids}, plus haut dans ce plan.",
        "en": "Get to know each other first with {ids}, above in this plan.",
    },
    "later_no_tool": {
        "fr": "Aucun outil de ce catalogue qui vous concerne ne donne le niveau\u00a0{levels}. "
        "Construisez-le d'abord autrement\u202f: rencontres, conférences, visites, pour savoir "
        "qui fait quoi.",
        "en": "No tool in this catalogue that concerns you gives level {levels}. Build it "
        "first by other means: meetings, lectures, visits, to learn who does what.",
    },
    "later_cut_unlockers": {
        "fr": "Les outils qui les débloquent sont au-delà de --limit\u00a0{limit}.",
        "en": "The tools that unlock them are beyond --limit {limit}.",
    },
    "left_out_one": {
        "fr": "--limit\u00a0{limit} laisse de côté {count} outil de plus, qui sert moins vos "
        "objectifs (--limit\u00a0{all} les montre tous).",
        "en": "--limit {limit} leaves out {count} more tool that serves your goals less "
        "(--limit {all} shows them all).",
    },
    "left_out_other": {
        "fr": "--limit\u00a0{limit} laisse de côté {count} outils de plus, qui servent moins "
        "vos objectifs (--limit\u00a0{all} les montre tous).",
        "en": "--limit {limit} leaves out {count} more tools that serve your goals less "
        "(--limit {all} shows them all).",
    },
    "deferred_left_out_one": {
        "fr": "--limit\u00a0{limit} laisse de côté {count} outil de plus pour plus tard.",
        "en": "--limit {limit} leaves out {count} more tool for later.",
    },
    "deferred_left_out_other": {
        "fr": "--limit\u00a0{limit} laisse de côté {count} outils de plus pour plus tard.",
        "en": "--limit {limit} leaves out {count} more tools for later.",
    },
    "proposed_mark": {"fr": "proposé", "en": "proposed"},
    "proposed_note": {
        "fr": "Seulement proposé\u202f: ce dispositif n'existe pas encore, sa fiche le dit.",
        "en": "Only proposed: this scheme does not exist yet, as its sheet says.",
    },
    "lead_others": {
        "fr": "L'initiative ne peut venir de vous\u202f: {actors}, à solliciter.",
        "en": "You cannot take the initiative: {actors} must; ask them.",
    },
    "and": {"fr": "et", "en": "and"},
    "or": {"fr": "ou", "en": "or"},
    "lead": {"fr": "Initiative\u202f: {actors}", "en": "Initiative: {actors}"},
    "lead_you": {"fr": "vous", "en": "you"},
    "lead_partner": {"fr": "votre partenaire", "en": "your partner"},
    "gain_you": {"fr": "Pour vous", "en": "For you"},
    "gain_partner": {"fr": "Pour votre partenaire", "en": "For your partner"},
    "gain_both": {"fr": "Pour vous deux", "en": "For both of you"},
    "gain_of": {"fr": "{who} ({actor})", "en": "{who} ({actor})"},
    "first_step": {"fr": "Pour commencer\u202f:", "en": "To start:"},
    "first_step_actor": {
        "fr": "Pour commencer (pour vous, {actor})\u202f:",
        "en": "To start (for you, {actor}):",
    },
    "first_step_staff_time": {
        "fr": "Pour commencer (avec peu d'ingénierie)\u202f:",
        "en": "To start (with little staff time):",
    },
    "first_step_staff_time_yes": {
        "fr": "Pour commencer (avec de l'ingénierie)\u202f:",
        "en": "To start (with staff time):",
    },
    "first_step_actor_staff_time": {
        "fr": "Pour commencer (pour vous, {actor}, avec peu d'ingénierie)\u202f:",
        "en": "To start (for you, {actor}, with little staff time):",
    },
    "first_step_actor_staff_time_yes": {
        "fr": "Pour commencer (pour vous, {actor}, avec de l'ingénierie)\u202f:",
        "en": "To start (for you, {actor}, with staff time):",
    },
    "coverage_few": {
        "fr": "Seuls {concerned} des {total} outils de la boîte à outils vous concernent "
        "({who})\u202f: elle a été écrite surtout pour les collectivités et la recherche. Le plan "
        "ci-dessous s'en tient à ceux-là.",
        "en": "Only {concerned} of the toolbox's {total} tools concern you ({who}): it was "
        "written mostly for local authorities and research. The plan below keeps to those.",
    },
    "coverage_pair": {"fr": "votre binôme\u202f: {you} et {partner}", "en": "{you} and {partner}"},
    "no_recommendation": {
        "fr": "Aucun outil qui vous concerne ne sert ces objectifs dans ce catalogue.",
        "en": "No tool in this catalogue that concerns you serves these goals.",
    },
    "no_recommendation_goals": {
        "fr": "Ceux qui vous concernent servent ces objectifs\u202f: {goals}.",
        "en": "Those that concern you serve these goals: {goals}.",
    },
    "md_title": {"fr": "Recommandation toolbox", "en": "toolbox recommendation"},
    "md_pair_title": {
        "fr": "Partenariat {you} et {partner}\u202f: un plan commun",
        "en": "A partnership between {you} and {partner}: a joint plan",
    },
    "md_footer": {
        "fr": "_D'après la Boîte à outils pour bâtir les partenariats entre recherche et "
        "territoires (INET)._",
        "en": "_Based on the Toolbox for building partnerships between research and "
        "territories (INET)._",
    },
    # people's HTML (recommend/show --format html, toolbox site)
    "html_title": {"fr": "Votre plan de partenariat", "en": "Your partnership plan"},
    "html_date": {"fr": "Établi le {date}", "en": "Drawn up on {date}"},
    "html_months": {
        "fr": "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,"
        "décembre",
        "en": "January,February,March,April,May,June,July,August,September,October,November,"
        "December",
    },
    "you_are_here": {"fr": "vous êtes ici", "en": "you are here"},
    "you_are_here_zero": {
        "fr": "vous êtes ici\u202f: pas encore de partenariat",
        "en": "you are here: no partnership yet",
    },
    "html_levels": {"fr": "Niveaux {levels} sur 5", "en": "Levels {levels} of 5"},
    "html_ladder": {
        "fr": "L'échelle d'intensité, du niveau 5 au niveau 1",
        "en": "The intensity scale, from level 5 down to level 1",
    },
    "html_credit": {
        "fr": "D'après la {title}. Conseil calculé par toolbox, un outil libre.",
        "en": "Based on the {title}. Advice worked out by toolbox, a free tool.",
    },
    # toolbox site: the static site's pages
    "site_name": {
        "fr": "Partenariats recherche\u2013territoires",
        "en": "Research\u2013territory partnerships",
    },
    "site_nav": {"fr": "Navigation du site", "en": "Site navigation"},
    "site_nav_list": {"fr": "Les outils", "en": "The tools"},
    "site_nav_levels": {"fr": "L'échelle et la règle", "en": "The scale and the rule"},
    "site_nav_recommend": {"fr": "Mon plan", "en": "My plan"},
    "site_lang_name": {"fr": "Français", "en": "English"},
    "site_skip": {"fr": "Aller au contenu", "en": "Skip to content"},
    "site_back": {"fr": "← Tous les outils", "en": "← All the tools"},
    "site_list_title": {
        "fr": "Les outils des partenariats entre recherche et territoires",
        "en": "Tools for partnerships between research and territories",
    },
    "site_count_one": {"fr": "{count} outil.", "en": "{count} tool."},
    "site_count_other": {"fr": "{count} outils.", "en": "{count} tools."},
    "site_filters": {"fr": "Filtrer les outils", "en": "Filter the tools"},
    "site_filter_all": {"fr": "Tous", "en": "All"},
    "site_filter_actor": {"fr": "Initiative", "en": "Initiative"},
    "site_search": {"fr": "Rechercher un outil", "en": "Search for a tool"},
    "site_search_off": {
        "fr": "Sans JavaScript, la recherche de votre navigateur (Ctrl+F) trouve un mot dans "
        "les titres et résumés de cette page.",
        "en": "Without JavaScript, your browser's find (Ctrl+F) looks for a word in the titles "
        "and summaries of this page.",
    },
    "site_none": {"fr": "Aucun outil ne correspond.", "en": "No tool matches."},
    "site_rec_title": {
        "fr": "Par quels outils commencer\u202f?",
        "en": "Which tools to start with?",
    },
    "site_rec_intro": {
        "fr": "Répondez à ces questions\u202f: le plan s'affiche sous le formulaire, et "
        "l'adresse de la page le rouvre tel quel (copiez-la pour le partager).",
        "en": "Answer these questions: the plan is shown below the form, and the page's "
        "address reopens it as it is (copy it to share it).",
    },
    "site_q_actor": {"fr": "Qui êtes-vous\u202f?", "en": "Who are you?"},
    "site_q_maturity": {
        "fr": "Où en est votre partenariat avec l'autre sphère\u202f?",
        "en": "How far has your partnership with the other sphere gone?",
    },
    "site_q_goals": {
        "fr": "Que cherchez-vous\u202f? (un ou plusieurs)",
        "en": "What are you after? (one or more)",
    },
    "site_q_staff_time": {
        "fr": "Votre structure a-t-elle des agents disponibles pour un partenariat\u202f? "
        "(facultatif)",
        "en": "Does your organisation have staff time to give to a partnership? (optional)",
    },
    "site_q_partner": {
        "fr": "Avez-vous un partenaire en vue\u202f? (facultatif)",
        "en": "Do you have a partner in mind? (optional)",
    },
    "site_q_partner_goals": {
        "fr": "Que cherche votre partenaire\u202f? (facultatif)",
        "en": "What is your partner after? (optional)",
    },
    "site_q_skip": {"fr": "Sans réponse", "en": "No answer"},
    "site_rec_submit": {"fr": "Voir mon plan", "en": "Show my plan"},
    "site_rec_js": {
        "fr": "Le plan est calculé dans votre navigateur\u202f: il faut JavaScript.",
        "en": "The plan is worked out in your browser: it needs JavaScript.",
    },
    "site_rec_computing": {
        "fr": "Calcul du plan en cours… (le moteur se charge, quelques secondes)",
        "en": "Computing the plan… (the engine is loading, a few seconds)",
    },
    "site_rec_missing": {"fr": "Réponses manquantes\u202f:", "en": "Answers missing:"},
    "site_rec_failed": {
        "fr": "Le plan n'a pas pu être calculé\u202f:",
        "en": "The plan could not be worked out:",
    },
    "site_rec_no_runtime": {
        "fr": "Ce site a été construit sans le moteur du navigateur\u202f: le plan ne peut pas "
        "être calculé ici. Construisez-le avec «\u202ftoolbox site DOSSIER --pyodide "
        "node_modules/pyodide\u202f» après «\u202fnpm install pyodide@{version}\u202f», "
        "ou lancez «\u202ftoolbox recommend\u202f» dans un terminal.",
        "en": "This site was built without the browser engine: the plan cannot be worked out "
        "here. Build it with “toolbox site DIR --pyodide node_modules/pyodide” after “npm "
        "install pyodide@{version}”, or run “toolbox recommend” in a terminal.",
    },
    "site_written": {
        "fr": "Site écrit dans {path}\u202f: {pages} pages, {files} fichiers.",
        "en": "Site written to {path}: {pages} pages, {files} files.",
    },
    "site_no_runtime": {
        "fr": "Sans --pyodide, le questionnaire ne calcule pas de plan (recommend.html dit "
        "comment l'obtenir).",
        "en": "Without --pyodide, the questionnaire computes no plan (recommend.html says how "
        "to get it).",
    },
    "site_serving": {
        "fr": "Aperçu sur http://127.0.0.1:{port}/ (Ctrl-C pour arrêter)",
        "en": "Preview at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
    },
    "site_stopped": {"fr": "Aperçu arrêté.", "en": "Preview stopped."},
    "site_pyodide_missing": {
        "fr": "{path} n'est pas un paquet npm pyodide (package.json illisible)\u202f; il faut "
        "pyodide {version}\u202f: npm install pyodide@{version}",
        "en": "{path} is not an npm pyodide package (no readable package.json); pyodide "
        "{version} is needed: npm install pyodide@{version}",
    },
    "site_pyodide_version": {
        "fr": "{path} contient pyodide {found}, il faut pyodide {version}\u202f: npm install "
        "pyodide@{version}",
        "en": "{path} holds pyodide {found}, pyodide {version} is needed: npm install "
        "pyodide@{version}",
    },
    "site_pyodide_file": {
        "fr": "{path} n'a pas le fichier {file} du paquet pyodide\u202f: installez-le à nouveau.",
        "en": "{path} lacks the pyodide package's file {file}: install it again.",
    },
    "site_not_written": {
        "fr": "{path} n'a pas de site à servir (pas d'index.html)\u202f: écrivez-le d'abord "
        "avec «\u202ftoolbox site {path}\u202f».",
        "en": "{path} has no site to serve (no index.html): write it first with “toolbox site "
        "{path}”.",
    },
    "site_not_dir": {
        "fr": "{path} existe et n'est pas un dossier.",
        "en": "{path} exists and is not a directory.",
    },
    "site_write_failed": {
        "fr": "Impossible d'écrire le site dans {path}\u202f: {reason}",
        "en": "Cannot write the site to {path}: {reason}",
    },
    # recommend --explain
    "explain_recommended_start": {
        "fr": "Recommandé\u202f: «\u202fCommencez ici\u202f», n°\u00a0{rank} du plan, utilisé "
        "au niveau\u00a0{level}.",
        "en": "Recommended: Start here, number {rank} of the plan, used at level {level}.",
    },
    "explain_recommended_then": {
        "fr": "Recommandé\u202f: «\u202fEnsuite\u202f», n°\u00a0{rank} du plan, utilisé au "
        "niveau\u00a0{level}. {because}",
        "en": "Recommended: Then, number {rank} of the plan, used at level {level}. {because}",
    },
    "explain_deferred": {
        "fr": "Pour plus tard, une fois que vous vous connaissez\u202f: il demande d'abord le "
        "niveau\u00a0{requires}.",
        "en": "For later, once you know each other: it needs level {requires} first.",
    },
    "explain_not_concerned": {
        "fr": "Écarté\u202f: cet outil ne concerne pas ce type d'acteur\u202f: {who} (il "
        "concerne\u202f: {concerns}).",
        "en": "Left out: this tool does not concern {who} (it concerns: {concerns}).",
    },
    "explain_no_goal": {
        "fr": "Écarté\u202f: il ne sert aucun des objectifs demandés (les siens\u202f: {goals}).",
        "en": "Left out: it serves none of the goals asked for (its own: {goals}).",
    },
    "explain_over_limit": {
        "fr": "Écarté par --limit\u00a0{limit}\u202f: il est n°\u00a0{rank} du plan.",
        "en": "Left out by --limit {limit}: it is number {rank} of the plan.",
    },
    "explain_over_limit_deferred": {
        "fr": "Écarté par --limit\u00a0{limit}\u202f: il est n°\u00a0{rank} des outils pour "
        "plus tard.",
        "en": "Left out by --limit {limit}: it is number {rank} of the tools for later.",
    },
    "explain_proposed": {
        "fr": "Seulement proposé\u202f: ce dispositif n'existe pas encore.",
        "en": "Only proposed: this scheme does not exist yet.",
    },
    "explain_concerns": {"fr": "Concerne", "en": "Concerns"},
    "explain_initiative": {"fr": "Initiative", "en": "Initiative"},
    "explain_goals": {"fr": "Objectifs", "en": "Goals"},
    "explain_score": {"fr": "Score\u202f: {score}", "en": "Score: {score}"},
    "explain_criteria": {"fr": "Critères", "en": "Criteria"},
    "explain_no_criteria": {
        "fr": "aucun critère ne compte",
        "en": "no criterion counts",
    },
    "explain_rule": {"fr": "Règle", "en": "Rule"},
    # no past participle: it would have to agree with the card's title ("Les chaires")
    "explain_unlocked_by": {
        "fr": "À débloquer d'abord avec\u202f: {ids}",
        "en": "Unlocked by: {ids}",
    },
    "explain_unknown": {
        "fr": "--explain\u202f: aucun outil «\u202f{name}\u202f» dans ce catalogue.",
        "en": "--explain: no tool '{name}' in this catalogue.",
    },
    "interrupted_eof": {
        "fr": "entrée terminée avant la fin du questionnaire\u202f; rien n'a été écrit.",
        "en": "input ended before the questionnaire was complete; nothing was written.",
    },
    # answers (questionnaire)
    "missing_answers": {
        "fr": "il manque des réponses. Sans terminal, passez {flags} (ou --answers FICHIER).",
        "en": "answers are missing. Without a terminal, pass {flags} (or --answers FILE).",
    },
    "unknown_actor": {
        "fr": "{origin}\u202f: acteur inconnu «\u202f{value}\u202f»{suggest}\u202f; valeurs "
        "possibles\u202f: {known}",
        "en": "{origin}: unknown actor '{value}'{suggest}; expected one of: {known}",
    },
    "unknown_goal": {
        "fr": "{origin}\u202f: objectif inconnu «\u202f{value}\u202f»{suggest}\u202f; valeurs "
        "possibles\u202f: {known}",
        "en": "{origin}: unknown goal '{value}'{suggest}; expected one of: {known}",
    },
    "did_you_mean_inline": {
        "fr": " (vouliez-vous dire {ids}\u202f?)",
        "en": " (did you mean {ids}?)",
    },
    "bad_maturity": {
        "fr": "{origin}\u202f: attendu un nombre entier de {low} à {high}, reçu {value}",
        "en": "{origin}: expected a whole number from {low} to {high}, got {value}",
    },
    "answers_file": {"fr": "{where}: {message}", "en": "{where}: {message}"},
    "answers_unknown_field": {
        "fr": "{where}\u202f: champ inconnu\u202f; champs possibles\u202f: actor, maturity, goals, "
        "staff_time, "
        "partner (actor, goals)",
        "en": "{where}: unknown field; expected actor, maturity, goals, staff_time, "
        "partner (actor, goals)",
    },
    "answers_partner": {
        "fr": "{where}\u202f: attendu une table «\u202factor: …\u202f» et, au choix, «\u202fgoals: "
        "[...]\u202f»",
        "en": "{where}: expected a mapping with 'actor: …' and, optionally, 'goals: [...]'",
    },
    "partner_goals_alone": {
        "fr": "--partner-goal demande --partner\u202f: de quel type est votre partenaire\u202f?",
        "en": "--partner-goal needs --partner: what kind of partner is it?",
    },
    "partner_uncovered": {
        "fr": "aucun outil de ce catalogue ne concerne à la fois {you} et {partner}. "
        "Partenaires couverts pour {you}\u202f: {covered}.",
        "en": "no tool in this catalogue concerns both {you} and {partner}. "
        "Partners covered for {you}: {covered}.",
    },
    "answers_goals": {
        "fr": "{where}\u202f: attendu une liste non vide d'objectifs",
        "en": "{where}: expected a non-empty list of goal ids",
    },
    "answers_text": {
        "fr": "{where}\u202f: attendu du texte, reçu {value}",
        "en": "{where}: expected text, got {value}",
    },
    "answers_quote": {
        "fr": "{where}\u202f: attendu du texte, reçu {value}\u202f: mettez-le entre guillemets",
        "en": "{where}: expected text, got {value}: quote it",
    },
    "save_refused": {"fr": "--save-answers\u202f: {reason}", "en": "--save-answers: {reason}"},
    "answers_saved": {
        "fr": "Réponses enregistrées dans {path}.",
        "en": "Answers written to {path}.",
    },
    "answers_empty_name": {
        "fr": "--answers\u202f: nom de fichier vide",
        "en": "--answers: empty file name",
    },
    # the safe writer (safefile)
    "write_empty_name": {"fr": "nom de fichier vide", "en": "empty file name"},
    "write_failed": {"fr": "{path}\u202f: {reason}", "en": "{path}: {reason}"},
    "write_dangling_link": {
        "fr": "{path} est un lien vers un fichier qui n'existe pas\u202f: rien n'a été écrit",
        "en": "{path} is a link to a file that does not exist: nothing was written",
    },
    "write_not_regular": {
        "fr": "{path} est {kind}, pas un fichier ordinaire\u202f: rien n'a été écrit",
        "en": "{path} is {kind}, not a regular file: nothing was written",
    },
    "write_no_dir": {
        "fr": "dossier introuvable\u202f: {path}",
        "en": "no such directory: {path}",
    },
    "write_dir_not_writable": {
        "fr": "impossible d'écrire dans {path}",
        "en": "cannot write in {path}",
    },
    "write_read_only": {
        "fr": "{path} est en lecture seule\u202f: rien n'a été écrit",
        "en": "{path} is read-only: nothing was written",
    },
    "write_not_ours": {
        "fr": "{path} existe et n'est pas un fichier de réponses\u202f: rien n'a été écrit "
        "(--force pour le remplacer)",
        "en": "{path} exists and is not an answers file: nothing was written "
        "(--force to replace it)",
    },
    "write_changed": {
        "fr": "{path} a changé pendant l'écriture\u202f: rien n'a été écrit",
        "en": "{path} changed while it was being written: nothing was written",
    },
    "output_closed": {
        "fr": "la sortie standard est fermée\u202f: rien n'a été fait",
        "en": "standard output is closed: nothing was done",
    },
    "output_failed": {
        "fr": "impossible d'écrire la sortie\u202f: {reason}",
        "en": "cannot write the output: {reason}",
    },
    # errors
    "bad_lang": {
        "fr": "{origin}\u202f: langue inconnue «\u202f{value}\u202f»\u202f; langues "
        "possibles\u202f: fr, en",
        "en": "{origin}: unknown language '{value}'; expected fr or en",
    },
    "no_partnership": {"fr": "pas encore de partenariat", "en": "no partnership yet"},
    "level_line": {"fr": "niveau\u00a0{level}\u202f: {label}", "en": "level {level}: {label}"},
    "error_line": {"fr": "Erreur\u202f: {line}", "en": "Error: {line}"},
    "not_found": {
        "fr": "Aucune fiche ne s'appelle «\u202f{name}\u202f».",
        "en": "No card is called '{name}'.",
    },
    "ambiguous": {
        "fr": "«\u202f{name}\u202f» désigne plusieurs fiches\u202f:",
        "en": "'{name}' matches several cards:",
    },
    "did_you_mean": {"fr": "Vouliez-vous dire\u202f:", "en": "Did you mean:"},
    "goal_separator": {"fr": "\u202f; ", "en": "; "},  # between goals: their labels have commas
    "suggestion": {"fr": "  {id}", "en": "  {id}"},  # one line of a list of card ids
    "see_list": {
        "fr": "Voir toutes les fiches\u202f: toolbox list",
        "en": "See every card: toolbox list",
    },
    "catalogue_invalid_one": {
        "fr": "Le catalogue contient {count} erreur\u202f:",
        "en": "The catalogue has {count} error:",
    },
    "catalogue_invalid_other": {
        "fr": "Le catalogue contient {count} erreurs\u202f:",
        "en": "The catalogue has {count} errors:",
    },
    "catalogue_hint": {
        "fr": "Corrigez-les puis vérifiez avec\u202f: toolbox validate {path}",
        "en": "Fix them, then check with: toolbox validate {path}",
    },
    "valid_one": {
        "fr": "{count} fiche valide dans {path}",
        "en": "{count} valid card in {path}",
    },
    "valid_other": {
        "fr": "{count} fiches valides dans {path}",
        "en": "{count} valid cards in {path}",
    },
    "bad_value": {
        "fr": "{option}\u202f: valeur inconnue «\u202f{value}\u202f»\u202f; attendu\u202f: "
        "{expected}",
        "en": "{option}: unknown value '{value}'; expected: {expected}",
    },
    # layered catalogues, validate --format github, toolbox new (issue 10)
    "example_catalogue": {"fr": "Catalogue\u202f: {name}", "en": "Catalogue: {name}"},
    "catalogue_shipped": {"fr": "catalogue fourni", "en": "shipped catalogue"},
    "github_title": {"fr": "toolbox validate", "en": "toolbox validate"},
    "new_q_id": {
        "fr": "Identifiant de la fiche (le nom du fichier\u202f: minuscules, chiffres, tirets)",
        "en": "Card id (the file name: lowercase letters, digits, hyphens)",
    },
    "new_q_title_fr": {"fr": "Titre en français", "en": "Title in French"},
    "new_q_title_en": {"fr": "Titre en anglais", "en": "Title in English"},
    "new_q_summary_fr": {"fr": "Résumé en français", "en": "Summary in French"},
    "new_q_summary_en": {"fr": "Résumé en anglais", "en": "Summary in English"},
    "new_q_families": {"fr": "Familles d'outils", "en": "Families of tools"},
    "new_q_levels": {"fr": "Intensités du partenariat", "en": "Partnership intensity levels"},
    "new_q_concerns": {
        "fr": "Qui l'outil concerne (tous ceux qui peuvent y prendre part)",
        "en": "Whom the tool concerns (everyone who can take part in it)",
    },
    "new_q_actors": {
        "fr": "Qui prend l'initiative (parmi ceux qu'il concerne)",
        "en": "Who takes the initiative (among those it concerns)",
    },
    "new_q_goals": {"fr": "Objectifs visés", "en": "Goals"},
    "new_q_source": {"fr": "Document source", "en": "Source document"},
    "new_q_section_fr": {
        "fr": "Partie du document source, en français",
        "en": "Part of the source document, in French",
    },
    "new_q_section_en": {
        "fr": "Partie du document source, en anglais",
        "en": "Part of the source document, in English",
    },
    "new_q_kind": {"fr": "Sorte d'exemple", "en": "Kind of example"},
    "new_q_name_fr": {"fr": "Nom de l'exemple en français", "en": "Example's name in French"},
    "new_q_name_en": {"fr": "Nom de l'exemple en anglais", "en": "Example's name in English"},
    "new_q_description_fr": {
        "fr": "Description en français (facultative)",
        "en": "Description in French (optional)",
    },
    "new_q_description_en": {
        "fr": "Description en anglais (facultative)",
        "en": "Description in English (optional)",
    },
    "new_q_link": {
        "fr": "Lien http:// ou https:// (facultatif)",
        "en": "http:// or https:// link (optional)",
    },
    "new_expected_text": {"fr": "attendu\u202f: un texte", "en": "expected: a text"},
    "new_expected_slug": {
        "fr": "«\u202f{value}\u202f» n'est pas un identifiant\u202f: minuscules ASCII, chiffres et "
        "tirets "
        "simples, par exemple chaire-territoires",
        "en": "'{value}' is not an id: lowercase ASCII letters, digits and single hyphens, "
        "e.g. territorial-chair",
    },
    "new_expected_numbers": {
        "fr": "«\u202f{value}\u202f»\u202f: attendu un ou plusieurs nombres de {expected}",
        "en": "'{value}': expected one or more numbers from {expected}",
    },
    "new_expected_one": {
        "fr": "«\u202f{value}\u202f»\u202f: attendu une valeur parmi\u202f: {expected}",
        "en": "'{value}': expected one of: {expected}",
    },
    "new_expected_term": {
        "fr": "«\u202f{value}\u202f»\u202f: attendu une ou plusieurs valeurs parmi\u202f: "
        "{expected}",
        "en": "'{value}': expected one or more of: {expected}",
    },
    "new_expected_link": {
        "fr": "«\u202f{value}\u202f»\u202f: attendu un lien http:// ou https://",
        "en": "'{value}': expected an http:// or https:// link",
    },
    "new_initiative_not_concerned": {
        "fr": "qui prend l'initiative ({actors}) doit aussi figurer parmi ceux que l'outil "
        "concerne",
        "en": "who takes the initiative ({actors}) must also be among those the tool concerns",
    },
    "new_invalid": {"fr": "{field}\u202f: {reason}", "en": "{field}: {reason}"},
    "new_bad_flag": {"fr": "{flag}\u202f: {reason}", "en": "{flag}: {reason}"},
    "as_said": {"fr": "{reason}", "en": "{reason}"},  # a problem that says itself
    "new_id_file": {
        "fr": "{path} existe déjà\u202f: choisissez un autre id",
        "en": "{path} already exists: choose another id",
    },
    "new_id_taken": {
        "fr": "«\u202f{id}\u202f» est déjà une fiche du catalogue que celui-ci étend\u202f: pour "
        "la remplacer, ajoutez-la à replaces dans catalogue.yaml\u202f; pour lui ajouter un "
        "exemple, toolbox new --extends {id}",
        "en": "'{id}' is already a card of the catalogue this one extends: to replace it, list "
        "it under replaces in catalogue.yaml; to add an example to it, toolbox new --extends "
        "{id}",
    },
    "new_description_both": {
        "fr": "une description s'écrit dans les deux langues, ou pas du tout",
        "en": "a description is written in both languages, or not at all",
    },
    "new_missing": {
        "fr": "il manque des réponses et aucun terminal ne peut les demander\u202f; donnez\u202f: "
        "{flags}",
        "en": "answers are missing and no terminal can ask for them; give: {flags}",
    },
    "new_unknown_card": {
        "fr": "aucune fiche «\u202f{name}\u202f» à étendre dans ce catalogue",
        "en": "no card '{name}' to extend in this catalogue",
    },
    "new_exists": {
        "fr": "{path} existe déjà\u202f: rien n'a été écrit (choisissez un autre identifiant)",
        "en": "{path} already exists: nothing was written (choose another id)",
    },
    "new_refused": {"fr": "écriture refusée\u202f: {reason}", "en": "not written: {reason}"},
    "new_interrupted": {
        "fr": "entrée terminée avant la fin des questions\u202f; rien n'a été écrit.",
        "en": "input ended before every question was answered; nothing was written.",
    },
    "new_written": {"fr": "Fichier écrit\u202f: {path}", "en": "Written: {path}"},
    "new_todo": {
        "fr": "Remplacez chaque texte «\u202fÀ COMPLÉTER\u202f» (objectif, intérêts, processus) "
        "d'après "
        "la source, et citez-la en commentaire au-dessus de concerns.",
        "en": "Replace each 'TO BE COMPLETED' text (objective, interests, process) from the "
        "source, and quote it in the comment above concerns.",
    },
    "new_next": {"fr": "Ensuite\u202f: {command}", "en": "Next: {command}"},
    # the command line's own words (usage.py): help pages and usage errors
    "help_usage": {"fr": "Utilisation\u202f: {usage}", "en": "Usage: {usage}"},
    "help_options_metavar": {"fr": "[OPTIONS]", "en": "[OPTIONS]"},
    "help_command_metavar": {"fr": "COMMANDE [ARGUMENTS]…", "en": "COMMAND [ARGS]…"},
    "help_arguments": {"fr": "Arguments\u202f:", "en": "Arguments:"},
    "help_options": {"fr": "Options\u202f:", "en": "Options:"},
    "help_commands": {"fr": "Commandes\u202f:", "en": "Commands:"},
    "help_default": {"fr": "(par défaut\u202f: {value})", "en": "(default: {value})"},
    "help_more": {
        "fr": "L'aide d'une commande\u202f: {command} COMMANDE --help",
        "en": "Help on one command: {command} COMMAND --help",
    },
    "usage_hint": {
        "fr": "Voir l'aide\u202f: {command} --help",
        "en": "See the help: {command} --help",
    },
    "usage_no_option": {"fr": "option inconnue\u202f: {option}", "en": "no such option: {option}"},
    "usage_no_option_suggest": {
        "fr": "option inconnue\u202f: {option}\u202f; vouliez-vous dire {suggestions}\u202f?",
        "en": "no such option: {option}; did you mean {suggestions}?",
    },
    "usage_no_command": {
        "fr": "commande inconnue «\u202f{name}\u202f»\u202f; commandes possibles\u202f: {known}",
        "en": "no such command '{name}'; expected one of: {known}",
    },
    "usage_no_command_suggest": {
        "fr": "commande inconnue «\u202f{name}\u202f»\u202f; vouliez-vous dire "
        "{suggestions}\u202f?",
        "en": "no such command '{name}'; did you mean {suggestions}?",
    },
    "usage_missing": {"fr": "il manque {name}", "en": "missing {name}"},
    "usage_needs_value": {
        "fr": "{option} demande une valeur",
        "en": "{option} needs a value",
    },
    "usage_extra": {"fr": "argument en trop\u202f: {args}", "en": "unexpected argument: {args}"},
    "usage_bad_param": {"fr": "{option}\u202f: valeur invalide", "en": "{option}: invalid value"},
    "usage_bad_path": {"fr": "{option}\u202f: {problem}", "en": "{option}: {problem}"},
    "usage_cannot_list": {
        "fr": "{path}\u202f: impossible de lister\u202f: {reason}",
        "en": "{path}: cannot list: {reason}",
    },
    "usage_cannot_use": {"fr": "{path}\u202f: {reason}", "en": "{path}: {reason}"},
    "usage_not_dir": {
        "fr": "{path}\u202f: ce n'est pas un dossier",
        "en": "{path}: not a directory",
    },
    "usage_invalid": {
        "fr": "ligne de commande invalide",
        "en": "invalid command line",
    },
    "usage_conflict": {
        "fr": "{first} et {second} s'excluent\u202f: choisissez-en une",
        "en": "{first} and {second} cannot be used together: choose one",
    },
    "bad_number": {
        "fr": "{option}\u202f: attendu un nombre entier de {low} à {high}, reçu "
        "«\u202f{value}\u202f»",
        "en": "{option}: expected a whole number from {low} to {high}, got '{value}'",
    },
    "bad_choice": {
        "fr": "{option}\u202f: valeur inconnue «\u202f{value}\u202f»\u202f; valeurs "
        "possibles\u202f: {known}",
        "en": "{option}: unknown value '{value}'; expected one of: {known}",
    },
    "bad_choice_suggest": {
        "fr": "{option}\u202f: valeur inconnue «\u202f{value}\u202f»\u202f; vouliez-vous dire "
        "{suggestions}\u202f? "
        "Valeurs possibles\u202f: {known}",
        "en": "{option}: unknown value '{value}'; did you mean {suggestions}? "
        "Expected one of: {known}",
    },
}


# --help, in the language picked before the command line is parsed (see usage.help_lang).
HELP: dict[str, dict[Lang, str]] = {
    "app": {
        "fr": "Choisir les bons outils pour bâtir des partenariats entre recherche et "
        "territoires (d'après la Boîte à outils de l'INET).",
        "en": "Choose the right tools to build research-territory partnerships "
        "(from the INET toolbox, 'Boîte à outils pour bâtir les partenariats entre recherche "
        "et territoires').",
    },
    "lang": {
        "fr": "Langue\u202f: fr ou en (par défaut\u202f: $TOOLBOX_LANG, puis la locale).",
        "en": "Language: fr or en (default: $TOOLBOX_LANG, then the locale).",
    },
    "cards_dir": {
        "fr": "Lire les fiches dans DOSSIER au lieu des fiches fournies\u202f; répétable, pour "
        "des couches de catalogues (par défaut\u202f: $TOOLBOX_CARDS_DIR).",
        "en": "Read the cards from DIR instead of the shipped ones; repeatable, for layered "
        "catalogues (default: $TOOLBOX_CARDS_DIR).",
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
        "fr": "Seulement la famille N (1-4)\u202f; répétable.",
        "en": "Only family N (1-4); repeatable.",
    },
    "list_level": {
        "fr": "Seulement les fiches de niveau N (1-5)\u202f; répétable.",
        "en": "Only cards at level N (1-5); repeatable.",
    },
    "list_actor": {
        "fr": "Seulement les fiches que cet acteur peut porter\u202f; répétable.",
        "en": "Only cards this actor takes up; repeatable.",
    },
    "list_goal": {
        "fr": "Seulement les fiches qui servent cet objectif\u202f; répétable.",
        "en": "Only cards serving this goal; repeatable.",
    },
    "cmd_search": {
        "fr": "Chercher un outil par des mots, en français ou en anglais, avec ou sans "
        "accents (ex.\u202f: doctorant, «\u202fmarché public\u202f», living lab).",
        "en": "Find a tool by words, in French or English, with or without accents "
        "(e.g. doctoral, procurement, living lab).",
    },
    "search_query": {
        "fr": "Les mots à chercher (début de mot accepté).",
        "en": "The words to look for (word beginnings match too).",
    },
    "search_limit": {"fr": "Au plus N résultats.", "en": "At most N results."},
    "no_cache": {
        "fr": "Ne pas lire ni écrire l'index\u202f: tout vérifier à nouveau.",
        "en": "Neither read nor write the index: check everything afresh.",
    },
    "cmd_validate": {
        "fr": "Vérifier toutes les fiches d'un dossier\u202f; code 1 et toutes les erreurs s'il y "
        "en a.",
        "en": "Check every card of a directory; exit 1 with every error if any.",
    },
    "validate_dir": {
        "fr": "Dossier de fiches, ou plusieurs pour des couches (par défaut\u202f: --cards-dir, "
        "puis les fiches fournies).",
        "en": "Cards directory, or several for layers (default: --cards-dir, then the "
        "shipped cards).",
    },
    "cmd_schema": {
        "fr": "Écrire un schéma JSON\u202f: 'card' pour les éditeurs des auteurs de fiches, les "
        "autres pour les scripts (ce qu'écrit --json de chaque commande).",
        "en": "Print a JSON Schema: 'card' for card authors' editors, the others for scripts "
        "(what each command's --json writes).",
    },
    "schema_kind": {
        "fr": "Quel document\u202f: card (une fiche à écrire), recommendation, explanation "
        "(recommend --explain), show, list, levels, validate ou search.",
        "en": "Which document: card (a card to write), recommendation, explanation "
        "(recommend --explain), show, list, levels, validate or search.",
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
        "fr": "Qui vous êtes\u202f: local_authority, research, company, intermediary (libellés "
        "français acceptés\u202f: collectivite, recherche, entreprise, intermediaire).",
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
        "fr": "Ce que vous cherchez (répétable)\u202f: outreach, mutual_knowledge, reflexivity, "
        "skills, funding, experimentation, legal_framework, capitalisation.",
        "en": "What you are after (repeatable): outreach, mutual_knowledge, reflexivity, "
        "skills, funding, experimentation, legal_framework, capitalisation.",
    },
    "rec_staff_time": {
        "fr": "Optionnel\u202f: votre structure a-t-elle des agents disponibles pour un "
        "partenariat\u202f? "
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
        "fr": "Écrire les réponses dans FICHIER (YAML, ou JSON si *.json).",
        "en": "Write the answers to FILE (YAML, or JSON if *.json).",
    },
    "rec_force": {
        "fr": "Remplacer le fichier de --save-answers même s'il n'est pas un fichier de réponses.",
        "en": "Replace the --save-answers file even if it is not an answers file.",
    },
    "rec_limit": {"fr": "Au plus N outils recommandés.", "en": "At most N recommended tools."},
    "rec_format": {
        "fr": "text (pour les personnes), markdown, json, ou html (un fichier à joindre à un "
        "courriel et à imprimer).",
        "en": "text (for people), markdown, json, or html (one file to attach to a mail and "
        "print).",
    },
    "cmd_site": {
        "fr": "Écrire un site statique du catalogue (fiches, échelle, liste, questionnaire).",
        "en": "Write a static site of the catalogue (cards, scale, list, questionnaire).",
    },
    "site_out": {"fr": "Le dossier où écrire le site.", "en": "The folder to write the site to."},
    "site_pyodide": {
        "fr": "Le paquet npm pyodide décompressé (pyodide 314.0.8, ex. "
        "node_modules/pyodide)\u202f: le questionnaire calcule alors le plan dans le navigateur.",
        "en": "The unpacked npm pyodide package (pyodide 314.0.8, e.g. "
        "node_modules/pyodide): the questionnaire then computes the plan in the browser.",
    },
    "site_serve": {
        "fr": "Servir le site déjà écrit sur 127.0.0.1 (un port libre\u202f; Ctrl-C arrête).",
        "en": "Serve the site already written on 127.0.0.1 (a free port; Ctrl-C stops).",
    },
    "show_format": {
        "fr": "text (pour les personnes), json, ou html (un fichier à partager et à imprimer).",
        "en": "text (for people), json, or html (one file to share and print).",
    },
    "rec_partner": {
        "fr": "Optionnel\u202f: le type de votre partenaire (mêmes valeurs que --actor). Le plan "
        "ne "
        "retient alors que les outils qui vous concernent tous les deux\u202f; la maturité est "
        "celle du binôme.",
        "en": "Optional: your partner's kind (same values as --actor). The plan then keeps "
        "only the tools that concern you both; the maturity is the pair's.",
    },
    "rec_partner_goal": {
        "fr": "Ce que cherche votre partenaire (répétable\u202f; mêmes valeurs que --goal).",
        "en": "What your partner is after (repeatable; same values as --goal).",
    },
    "rec_explain": {
        "fr": "Expliquer, pour un outil, s'il est recommandé, reporté ou écarté, et pourquoi.",
        "en": "Explain, for one tool, whether it is recommended, deferred or left out, and why.",
    },
    # issue 10
    "cmd_new": {
        "fr": "Écrire une nouvelle fiche valide, ou avec --extends un fichier qui ajoute un "
        "exemple à une fiche\u202f; demande au terminal ce que les options ne donnent pas.",
        "en": "Write a new card that validates, or with --extends a file that adds an example "
        "to a card; asks at a terminal for what the options do not give.",
    },
    "new_dir": {
        "fr": "Dossier où écrire (par défaut\u202f: le dossier courant).",
        "en": "Directory to write into (default: the current directory).",
    },
    "new_extends": {
        "fr": "Ajouter un exemple à cette fiche existante (un fichier extensions/CARD.yaml).",
        "en": "Add an example to this existing card (a file extensions/CARD.yaml).",
    },
    "validate_format": {
        "fr": "Sortie\u202f: text (pour les personnes), json, ou github (annotations GitHub "
        "Actions).",
        "en": "Output: text (for people), json, or github (GitHub Actions annotations).",
    },
    # the command line's own options
    "help": {"fr": "Afficher cette aide.", "en": "Show this help."},
    "install_completion": {
        "fr": "Installer la complétion pour le shell courant.",
        "en": "Install completion for the current shell.",
    },
    "show_completion": {
        "fr": "Afficher le script de complétion du shell courant, pour le copier ou "
        "adapter l'installation.",
        "en": "Show completion for the current shell, to copy it or customise the installation.",
    },
    # placeholders of option values (mv_<parameter name>), words rather than types
    "mv": {"fr": "VALEUR", "en": "VALUE"},
    "mv_lang": {"fr": "fr|en", "en": "fr|en"},
    "mv_cards_dir": {"fr": "DOSSIER", "en": "DIR"},
    "mv_cards_dir_option": {"fr": "DOSSIER", "en": "DIR"},
    "mv_directory": {"fr": "DOSSIER", "en": "DIR"},
    "mv_card": {"fr": "FICHE", "en": "CARD"},
    "mv_explain": {"fr": "FICHE", "en": "CARD"},
    "mv_query": {"fr": "MOTS", "en": "WORDS"},
    "mv_kind": {
        "fr": "card|recommendation|explanation|show|list|levels|validate|search",
        "en": "card|recommendation|explanation|show|list|levels|validate|search",
    },
    "mv_family": {"fr": "1-4", "en": "1-4"},
    "mv_level": {"fr": "1-5", "en": "1-5"},
    "mv_actor": {"fr": "ACTEUR", "en": "ACTOR"},
    "mv_partner": {"fr": "ACTEUR", "en": "ACTOR"},
    "mv_goal": {"fr": "OBJECTIF", "en": "GOAL"},
    "mv_partner_goal": {"fr": "OBJECTIF", "en": "GOAL"},
    "mv_maturity": {"fr": "0-5", "en": "0-5"},
    "mv_staff_time": {"fr": "yes|no", "en": "yes|no"},
    "mv_answers_file": {"fr": "FICHIER", "en": "FILE"},
    "mv_save_answers": {"fr": "FICHIER", "en": "FILE"},
    "mv_limit": {"fr": "N", "en": "N"},
    "mv_output": {"fr": "text|markdown|json|html", "en": "text|markdown|json|html"},
    "mv_show_format": {"fr": "text|json|html", "en": "text|json|html"},
    "mv_out": {"fr": "DOSSIER", "en": "DIR"},
    "mv_pyodide": {"fr": "CHEMIN", "en": "PATH"},
    "mv_validate_format": {"fr": "text|json|github", "en": "text|json|github"},
    "mv_dir": {"fr": "DOSSIER", "en": "DIR"},
    "mv_extends": {"fr": "FICHE", "en": "CARD"},
    "mv_example_kind": {"fr": "SORTE", "en": "KIND"},
    "mv_concerns": {"fr": "ACTEUR", "en": "ACTOR"},
    "mv_initiative": {"fr": "ACTEUR", "en": "ACTOR"},
    "mv_source": {"fr": "SOURCE", "en": "SOURCE"},
    "mv_card_id": {"fr": "IDENTIFIANT", "en": "ID"},
    "mv_title_fr": {"fr": "TEXTE", "en": "TEXT"},
    "mv_title_en": {"fr": "TEXTE", "en": "TEXT"},
    "mv_summary_fr": {"fr": "TEXTE", "en": "TEXT"},
    "mv_summary_en": {"fr": "TEXTE", "en": "TEXT"},
    "mv_section_fr": {"fr": "TEXTE", "en": "TEXT"},
    "mv_section_en": {"fr": "TEXTE", "en": "TEXT"},
    "mv_name_fr": {"fr": "TEXTE", "en": "TEXT"},
    "mv_name_en": {"fr": "TEXTE", "en": "TEXT"},
    "mv_description_fr": {"fr": "TEXTE", "en": "TEXT"},
    "mv_description_en": {"fr": "TEXTE", "en": "TEXT"},
    "mv_link": {"fr": "URL", "en": "URL"},
}


# Problems found in card files and answers files. English wording is also the
# ``message`` of machine-readable output; ``code`` (the key minus "issue_") is stable.
ISSUES: dict[str, dict[Lang, str]] = {
    "yaml_alias": {
        "fr": "les alias (*nom) sont interdits\u202f: écrivez la valeur en entier",
        "en": "aliases (*name) are not allowed: write the value out",
    },
    "yaml_anchor": {
        "fr": "les ancres (&nom) sont interdites\u202f: écrivez la valeur en entier",
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
    "yaml_duplicate_key": {
        "fr": "clé en double «\u202f{key}\u202f»",
        "en": "duplicate key '{key}'",
    },
    "yaml_invalid": {"fr": "YAML invalide\u202f: {problem}", "en": "invalid YAML: {problem}"},
    "yaml_too_deep": {
        "fr": "imbrication trop profonde\u202f: {limit} niveaux au plus",
        "en": "nested too deeply: at most {limit} levels",
    },
    "yaml_several_documents": {
        "fr": "YAML invalide\u202f: un seul document YAML par fichier (supprimez le '---' en trop)",
        "en": "invalid YAML: only one YAML document per file (remove the extra '---')",
    },
    "file_too_big": {
        "fr": "le fichier fait {size} octets\u202f; la limite est {limit} (256 Kio)",
        "en": "file is {size} bytes; the limit is {limit} (256 KiB)",
    },
    "not_utf8": {
        "fr": "texte non UTF-8\u202f: enregistrez le fichier en UTF-8",
        "en": "not UTF-8 text: save the file as UTF-8",
    },
    "empty_file": {
        "fr": "le fichier est vide\u202f: attendu une table de champs (champ: valeur)",
        "en": "the file is empty: expected a mapping of fields (field: value)",
    },
    "not_regular_file": {
        "fr": "ce n'est pas un fichier ordinaire mais {kind}\u202f: refusé sans être lu",
        "en": "not a regular file but {kind}: refused without reading it",
    },
    "outside_dir": {
        "fr": "lien vers un fichier hors du dossier\u202f: refusé sans être lu",
        "en": "a link to a file outside the directory: refused without reading it",
    },
    "bad_scalar": {
        "fr": "«\u202f{value}\u202f» ne peut pas être lu comme {what} ({tag})\u202f: corrigez la "
        "valeur, ou "
        "mettez-la entre guillemets si c'est du texte",
        "en": "'{value}' cannot be read as {what} ({tag}): fix the value, or quote it if it "
        "is text",
    },
    "yaml_too_many": {
        "fr": "trop d'éléments\u202f: {limit} au plus dans une liste ou une table",
        "en": "too many items: at most {limit} in one list or mapping",
    },
    "number_too_big": {
        "fr": "nombre trop long\u202f: {limit} caractères au plus",
        "en": "number too long: at most {limit} characters",
    },
    "invisible_character": {
        "fr": "caractère invisible {char} interdit (deux textes identiques à l'œil en "
        "différeraient)\u202f: supprimez-le",
        "en": "invisible character {char} is not allowed (two texts that look the same would "
        "differ): remove it",
    },
    "control_character": {
        "fr": "caractère de contrôle {char} interdit (il pourrait modifier l'affichage d'un "
        "terminal)\u202f: supprimez-le",
        "en": "control character {char} is not allowed (it could rewrite a terminal's "
        "display): remove it",
    },
    "more_issues": {
        "fr": "erreurs suivantes de ce fichier non affichées\u202f: {count}",
        "en": "further errors in this file not shown: {count}",
    },
    "duplicate_title": {
        "fr": "titre en double «\u202f{title}\u202f»\u202f: aussi dans {other}",
        "en": "duplicate title '{title}': also in {other}",
    },
    "not_mapping": {
        "fr": "attendu une table (champ: valeur) au premier niveau",
        "en": "expected a mapping (field: value) at the top level",
    },
    "cannot_read": {
        "fr": "impossible de lire le fichier\u202f: {reason}",
        "en": "cannot read the file: {reason}",
    },
    "dir_missing": {"fr": "dossier introuvable", "en": "no such directory"},
    "dir_not_dir": {"fr": "ce n'est pas un dossier", "en": "not a directory"},
    "dir_unreadable": {"fr": "impossible de lister\u202f: {reason}", "en": "cannot list: {reason}"},
    "dir_empty": {
        "fr": "aucun fichier de fiche (*.yaml) trouvé",
        "en": "no card files (*.yaml) found",
    },
    "id_mismatch": {
        "fr": "l'id «\u202f{card_id}\u202f» diffère du nom du fichier «\u202f{name}\u202f»\u202f: "
        "ils doivent être "
        "identiques",
        "en": "id '{card_id}' differs from the file name '{name}': they must match",
    },
    "duplicate_id": {
        "fr": "id en double «\u202f{card_id}\u202f»\u202f: aussi dans {other}",
        "en": "duplicate id '{card_id}': also in {other}",
    },
    "bad_file_name": {
        "fr": "le nom du fichier doit être l'id de la fiche\u202f: minuscules, chiffres et tirets, "
        "par exemple «\u202fthese-cifre.yaml\u202f»",
        "en": "the file name must be the card id: a lowercase slug such as 'these-cifre.yaml'",
    },
    "missing": {"fr": "champ obligatoire manquant", "en": "required field is missing"},
    "unknown_field": {
        "fr": "champ inconnu\u202f; champs possibles\u202f: {allowed}",
        "en": "unknown field; expected one of: {allowed}",
    },
    "expected_text": {"fr": "attendu du texte, reçu {kind}", "en": "expected text, got {kind}"},
    "expected_text_quote": {
        "fr": "attendu du texte, reçu {kind}\u202f: mettez-le entre guillemets",
        "en": "expected text, got {kind}: quote it",
    },
    "expected_text_bool": {
        "fr": "attendu du texte, reçu vrai/faux (YAML lit true/false comme vrai/faux)\u202f: "
        'mettez-le entre guillemets, par exemple "false"',
        "en": "expected text, got true/false (YAML reads true/false as true/false): "
        'quote it, e.g. "false"',
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
    "multiline": {"fr": "doit tenir sur une ligne", "en": "must be on one line"},
    "too_long": {
        "fr": "trop long\u202f: {limit} caractères au plus",
        "en": "too long: at most {limit} characters",
    },
    "not_one_of": {
        "fr": "reçu {value}\u202f; attendu\u202f: {expected}",
        "en": "got {value}; expected {expected}",
    },
    "unknown_term": {
        "fr": "{what}\u202f: identifiant inconnu «\u202f{value}\u202f»\u202f; valeurs "
        "possibles\u202f: {known}",
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
    "invalid": {"fr": "valeur invalide\u202f: {detail}", "en": "{detail}"},
    # layered catalogues (catalogue.yaml, extensions/)
    "manifest_misspelled": {
        "fr": "un manifeste de catalogue s'appelle {name}\u202f: renommez ce fichier {name}",
        "en": "a catalogue's manifest is named {name}: rename this file {name}",
    },
    "layer_base_missing": {
        "fr": "le catalogue de base «\u202f{base}\u202f» est introuvable (ni "
        "«\u202fshipped\u202f», ni un dossier)",
        "en": "the base catalogue '{base}' does not exist (neither 'shipped' nor a directory)",
    },
    "layer_cycle": {
        "fr": "les catalogues s'étendent en boucle\u202f: {chain}",
        "en": "the catalogues extend each other in a cycle: {chain}",
    },
    "layer_duplicate_id": {
        "fr": "la fiche «\u202f{card_id}\u202f» est déjà définie dans {other}\u202f: pour la "
        "remplacer, "
        "ajoutez-la à «\u202freplaces\u202f» dans {manifest}",
        "en": "card '{card_id}' is already defined in {other}: to replace it, list it under "
        "'replaces' in {manifest}",
    },
    "layer_replaces_unknown": {
        "fr": "«\u202freplaces\u202f» nomme «\u202f{card_id}\u202f», qu'aucun catalogue en dessous "
        "ne définit",
        "en": "'replaces' names '{card_id}', which no catalogue below defines",
    },
    "layer_replaces_missing": {
        "fr": "«\u202freplaces\u202f» nomme «\u202f{card_id}\u202f», mais ce catalogue n'a pas de "
        "fichier {name}",
        "en": "'replaces' names '{card_id}', but this catalogue has no file {name}",
    },
    "layer_extends_unknown": {
        "fr": "étend la fiche «\u202f{card_id}\u202f», qu'aucun catalogue ne définit",
        "en": "extends card '{card_id}', which no catalogue defines",
    },
    "layer_duplicate_example": {
        "fr": "l'exemple «\u202f{name}\u202f» de la fiche «\u202f{card_id}\u202f» figure déjà dans "
        "{other}",
        "en": "example '{name}' of card '{card_id}' is already in {other}",
    },
    "layer_vocabulary_drops": {
        "fr": "{ids}\u202f: absent(s) du vocabulaire du catalogue, {other}",
        "en": "{ids}: missing from the catalogue's vocabulary, {other}",
    },
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
    "whole_number": {"fr": "un nombre entier", "en": "a whole number"},
    "binary": {"fr": "une donnée binaire", "en": "a binary value"},
    "directory": {"fr": "un dossier", "en": "a directory"},
    "fifo": {"fr": "un tube nommé (FIFO)", "en": "a named pipe (FIFO)"},
    "device": {"fr": "un périphérique", "en": "a device"},
    "socket": {"fr": "une socket", "en": "a socket"},
    "other_file": {"fr": "un fichier spécial", "en": "a special file"},
}
# libyaml's words for the YAML mistakes people make most, kept as they are in English
# and said in French (any other problem keeps libyaml's words)
WORDS.update(
    {
        "did not find expected ',' or ']'": {
            "fr": "il manque une virgule ou un «\u202f]\u202f»",
            "en": "did not find expected ',' or ']'",
        },
        "did not find expected ',' or '}'": {
            "fr": "il manque une virgule ou un «\u202f}\u202f»",
            "en": "did not find expected ',' or '}'",
        },
        "mapping values are not allowed in this context": {
            "fr": "«\u202f:\u202f» n'est pas permis ici (une valeur qui en contient un se met "
            "entre guillemets)",
            "en": "mapping values are not allowed in this context (quote a value that holds ': ')",
        },
        "did not find expected key": {
            "fr": "une clé est attendue ici (voyez l'indentation)",
            "en": "did not find expected key (check the indentation)",
        },
        "did not find expected '-' indicator": {
            "fr": "un «\u202f-\u202f» d'élément de liste est attendu ici (voyez l'indentation)",
            "en": "did not find expected '-' indicator (check the indentation)",
        },
        "found character that cannot start any token": {
            "fr": "un caractère ne peut pas commencer une valeur ici (une tabulation, un "
            "«\u202f@\u202f» ou un «\u202f`\u202f»\u202f?)",
            "en": "found character that cannot start any token (a tab, '@' or '`'?)",
        },
        "found unexpected end of stream": {
            "fr": "le fichier finit trop tôt (un guillemet n'est pas fermé\u202f?)",
            "en": "found unexpected end of stream (a quote left open?)",
        },
        "found unknown escape character": {
            "fr": "une barre oblique inverse entre guillemets doubles commence un échappement "
            "inconnu",
            "en": "found unknown escape character (a backslash between double quotes)",
        },
        "did not find expected <document start>": {
            "fr": "du texte suit la fin du document",
            "en": "did not find expected <document start>",
        },
        "did not find expected node content": {
            "fr": "une valeur est attendue ici",
            "en": "did not find expected node content",
        },
        "could not find expected ':'": {
            "fr": "un «\u202f:\u202f» est attendu ici",
            "en": "could not find expected ':'",
        },
    }
)
WORDED = ("what", "kind", "problem")  # the values of an issue that may be WORDS keys

# An operating-system error's reason, in either language: the ones a file or a folder
# given to the tool commonly meets. Any other keeps the system's own words.
OS_REASONS: dict[str, dict[Lang, str]] = {
    "ENOENT": {"fr": "fichier ou dossier introuvable", "en": "No such file or directory"},
    "EACCES": {"fr": "permission refusée", "en": "Permission denied"},
    "EPERM": {"fr": "opération non permise", "en": "Operation not permitted"},
    "EISDIR": {"fr": "c'est un dossier", "en": "Is a directory"},
    "ENOTDIR": {"fr": "ce n'est pas un dossier", "en": "Not a directory"},
    "ELOOP": {"fr": "trop de liens symboliques", "en": "Too many levels of symbolic links"},
    "ENAMETOOLONG": {"fr": "nom trop long", "en": "File name too long"},
    "ENOSPC": {"fr": "plus de place sur le disque", "en": "No space left on device"},
    "EDQUOT": {"fr": "quota de disque dépassé", "en": "Disk quota exceeded"},
    "EROFS": {"fr": "système de fichiers en lecture seule", "en": "Read-only file system"},
    "EIO": {"fr": "erreur d'entrée-sortie", "en": "Input/output error"},
    "EBUSY": {"fr": "ressource occupée", "en": "Device or resource busy"},
    "EEXIST": {"fr": "le fichier existe déjà", "en": "File exists"},
    "EFBIG": {"fr": "fichier trop gros", "en": "File too large"},
}


def os_reason(error: OSError) -> dict[str, str]:
    """The values that say why ``error`` happened: the system's words, and the error's
    name, by which a message is worded in the user's language when ``OS_REASONS`` has it
    (``t``, ``issue_text``). Both are text: they go into JSON and the index as they are."""
    return {
        "reason": error.strerror or str(error),
        "errno": errno.errorcode.get(error.errno or 0, ""),
    }


def _os_worded(lang: Lang, values: Mapping[str, object]) -> Mapping[str, object]:
    known = OS_REASONS.get(str(values.get("errno", "")))
    return {**values, "reason": known[lang]} if known else values


def t(lang: Lang, key: str, **values: object) -> str:
    """The UI string ``key`` in ``lang``, with ``values`` filled in.

    A value with a ``text(lang)`` method (a problem found in a file) is worded in ``lang``.
    """
    text = UI[key][lang]
    if not values:
        return text
    if "errno" in values:
        values = dict(_os_worded(lang, values))
    worded = {
        # most values are text or numbers: no Protocol check (a slow isinstance) for them
        k: v if type(v) in _SCALARS or not isinstance(v, Worded) else v.text(lang)
        for k, v in values.items()
    }
    return text.format(**worded)


_SCALARS = (str, int, float, bool, type(None))


def tn(lang: Lang, key: str, count: int, **values: object) -> str:
    """``key_one`` or ``key_other`` for ``count`` (French counts 0 and 1 as singular)."""
    one = count in (0, 1) if lang == "fr" else count == 1
    return t(lang, f"{key}_{'one' if one else 'other'}", count=count, **values)


def issue_text(lang: Lang, code: str, values: Mapping[str, object]) -> str:
    """The sentence for the problem ``code`` in ``lang``."""
    values = _os_worded(lang, values)
    worded = {
        key: WORDS[value][lang]
        if key in WORDED and isinstance(value, str) and value in WORDS
        else value
        for key, value in values.items()
    }
    return ISSUES[code][lang].format(**worded)
