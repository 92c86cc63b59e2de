"""Two partners, one plan: pair personas, each expectation next to the sheet sentence
(quoted from the cards' files, which quote document 000) that justifies it; flags,
answers files and replays agree; every gain on the right side."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from toolbox_cli.advisor.engine import recommend
from toolbox_cli.advisor.results import Answers, Partner, Recommendation
from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.validate import data_dir

Run = Callable[..., Result]
CARDS = data_dir() / "cards"

# The sheets' sentences the expectations rest on (verbatim, checked below).
MEETING_SPACES = (
    "connaissance-mutuelle",
    "Il s'agit de mettre en place des espaces (physiques ou non) et des moments qui "
    "permettent l'échange et l'interconnaissance entre universités (chercheurs) et "
    "collectivités territoriales.",
)
RESEARCH_CONTRACTS = (
    "contrats-de-recherche",
    "Les contrats de recherche permettent de faire travailler les laboratoires au service "
    "d'une question posée par une entreprise",
)
CIFRE = ("these-cifre", "une thèse sur un sujet intéressant une entreprise")
SHARED_POST = (
    "animateurs-partenariats",
    "Dans les territoires plus ruraux on pourrait imaginer qu'il s'agisse d'un poste mutualisé",
)
LEGAL_IN_AUTHORITIES = (
    "cadres-juridiques",
    "Sécuriser les collectivités territoriales pour favoriser la mobiliser de la "
    "recherche en leur sein",
)
QUOTES = [MEETING_SPACES, RESEARCH_CONTRACTS, CIFRE, SHARED_POST, LEGAL_IN_AUTHORITIES]


def squeeze(text: str) -> str:
    return " ".join(text.replace("#", " ").split())


@pytest.mark.parametrize(("card", "quote"), QUOTES)
def test_the_quotes_are_in_the_cards(card: str, quote: str) -> None:
    assert squeeze(quote) in squeeze((CARDS / f"{card}.yaml").read_text(encoding="utf-8"))


def pair(actor: str, partner: str, maturity: int, goals: tuple[str, ...], theirs: tuple[str, ...]):
    return Answers(actor, maturity, goals, partner=Partner(partner, theirs))


def named(result: Recommendation) -> set[str]:
    ids = {item.id for item in (*result.recommendations, *result.deferred)}
    return ids | {card for item in result.deferred for card in item.unlocked_by}


PAIRS = [
    # (asker, partner, maturity, asker's goals, partner's goals)
    ("local_authority", "research", 0, ("experimentation",), ("skills",)),
    ("local_authority", "research", 2, ("reflexivity",), ("funding",)),
    ("company", "research", 0, ("experimentation",), ("skills",)),
    ("company", "research", 2, ("experimentation",), ("skills",)),
    ("research", "intermediary", 0, ("outreach",), ("mutual_knowledge",)),
    ("research", "intermediary", 2, ("experimentation",), ()),
    ("research", "local_authority", 0, ("mutual_knowledge",), ("reflexivity",)),
]


@pytest.mark.parametrize(("actor", "partner", "maturity", "goals", "theirs"), PAIRS)
def test_only_tools_that_concern_both_and_gains_on_the_right_side(
    catalogue: Catalogue,
    actor: str,
    partner: str,
    maturity: int,
    goals: tuple[str, ...],
    theirs: tuple[str, ...],
) -> None:
    answers = pair(actor, partner, maturity, goals, theirs)
    result = recommend(catalogue, answers)
    entries = {entry.id: entry for entry in catalogue.entries}
    for card_id in named(result):
        assert {actor, partner} <= set(entries[card_id].concerns), card_id
    both = [e for e in catalogue.entries if {actor, partner} <= set(e.concerns)]
    assert result.coverage.concerned == len(both)
    sides = {"research": "research", "local_authority": "territory", "company": "territory"}
    for item in result.recommendations:
        card = catalogue.card(item.id)
        texts = {"territory": card.interests.territory, "research": card.interests.research}
        mine = sides.get(actor, "research" if partner != "research" else "territory")
        yours = sides.get(partner, "research" if actor != "research" else "territory")
        assert [(gain.who, gain.side) for gain in item.gains] == [
            ("you", mine),
            ("partner", yours),
        ]
        assert [gain.text for gain in item.gains] == [texts[mine], texts[yours]]
        # Who takes the initiative in this pair, from the card's initiative data.
        in_pair = [kind for kind in (actor, partner) if kind in entries[item.id].actors]
        assert item.lead == tuple(in_pair or entries[item.id].actors)
        whose = {reason.who for reason in item.reasons if reason.code in ("goal", "goal_level")}
        assert whose <= {"you", "partner", "both"}


def test_commune_and_lab_start_by_meeting(catalogue: Catalogue) -> None:
    # MEETING_SPACES: a tool for universities and local authorities to get to know each
    # other; the commune wants to experiment, which needs that first.
    result = recommend(catalogue, pair("local_authority", "research", 0, ("experimentation",), ()))
    step_1 = [i.id for i in result.start]
    assert step_1
    assert all(1 in i.levels for i in result.start)
    assert "commande-publique" in {d.id for d in result.deferred}
    assert all(d.unlocked_by for d in result.deferred)
    mutual = recommend(catalogue, pair("local_authority", "research", 0, ("mutual_knowledge",), ()))
    assert "connaissance-mutuelle" in [i.id for i in mutual.start]


def test_company_and_lab_get_the_tools_for_a_company(catalogue: Catalogue) -> None:
    # RESEARCH_CONTRACTS, CIFRE: the sheets that name a company with a lab.
    result = recommend(catalogue, pair("company", "research", 2, ("experimentation",), ()))
    shown = [i.id for i in result.recommendations]
    assert "contrats-de-recherche" in shown
    skills = recommend(catalogue, pair("company", "research", 2, ("skills",), ("skills",)))
    assert "these-cifre" in [i.id for i in skills.recommendations]
    assert all(
        reason.who == "both"
        for item in skills.recommendations
        for reason in item.reasons
        if reason.code == "goal"
    )
    # LEGAL_IN_AUTHORITIES: a tool inside local authorities is never named for this pair.
    assert "cadres-juridiques" not in named(result) | named(skills)


def test_lab_and_relay_structure(catalogue: Catalogue) -> None:
    # SHARED_POST: a relay structure can carry the partnership facilitator's post.
    result = recommend(
        catalogue, pair("research", "intermediary", 0, ("mutual_knowledge",), ("outreach",))
    )
    step_1 = list(result.start)
    assert "animateurs-partenariats" in [i.id for i in step_1]
    (post,) = [i for i in step_1 if i.id == "animateurs-partenariats"]
    assert post.lead == ("research", "intermediary")
    assert "cadres-juridiques" not in named(result)


def test_a_pair_with_no_tool_in_common_is_refused(run: Run, cards_copy: Path) -> None:
    for path in cards_copy.glob("*.yaml"):
        concerns = re.search(r"^concerns: (.*)$", path.read_text(encoding="utf-8"), re.M)
        assert concerns is not None
        if "company" in concerns.group(1):
            path.unlink()
    result = run(
        "recommend",
        "--cards-dir",
        str(cards_copy),
        *("--actor", "local_authority", "--maturity", "1", "--goal", "skills"),
        *("--partner", "company"),
    )
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "no tool in this catalogue concerns both local authority and company" in message
    assert "Partners covered for local authority: local authority (local_authority)" in message
    assert "higher education or research (research)" in message
    french = run(
        "recommend",
        "--cards-dir",
        str(cards_copy),
        *("--actor", "local_authority", "--maturity", "1", "--goal", "skills"),
        *("--partner", "entreprise", "--lang", "fr"),
    )
    assert french.exit_code == 2
    assert "aucun outil de ce catalogue ne concerne à la fois" in " ".join(french.stderr.split())


# --- the same answers, however they are given ----------------------------------------

FLAGS = (
    *("--actor", "local_authority", "--maturity", "2", "--goal", "experimentation"),
    *("--partner", "research", "--partner-goal", "skills", "--partner-goal", "funding"),
)


def as_json(run: Run, *args: str) -> dict[str, Any]:
    result = run("recommend", *args, "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("name", ["pair.yaml", "pair.json"])
def test_flags_file_and_replay_agree(run: Run, tmp_path: Path, name: str) -> None:
    by_flags = as_json(run, *FLAGS)
    assert by_flags["answers"]["partner"] == {"actor": "research", "goals": ["skills", "funding"]}
    written = tmp_path / "written.yaml"
    written.write_text(
        "actor: collectivité\nmaturity: 2\ngoals: [expérimenter]\n"
        "partner:\n  actor: recherche\n  goals: [skills, financer]\n",
        encoding="utf-8",
    )
    assert as_json(run, "--answers", str(written)) == by_flags
    saved = tmp_path / name
    assert run("recommend", *FLAGS, "--save-answers", str(saved)).exit_code == 0
    assert as_json(run, "--answers", str(saved)) == by_flags
    # a flag overrides the file's partner
    other = as_json(run, "--answers", str(saved), "--partner", "intermediary")
    assert other["answers"]["partner"] == {"actor": "intermediary", "goals": ["skills", "funding"]}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("partner: research\n", "partner: expected a mapping with 'actor: …'"),
        ("partner:\n  goals: [skills]\n", "partner: expected a mapping with 'actor: …'"),
        ("partner:\n  actor: mayor\n", "partner.actor: unknown actor 'mayor'"),
        ("partner:\n  actor: research\n  colour: red\n", "partner.colour: unknown field"),
        ("partner:\n  actor: research\n  goals: [fame]\n", "unknown goal 'fame'"),
    ],
)
def test_a_bad_partner_in_a_file(run: Run, tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("actor: research\nmaturity: 1\ngoals: [skills]\n" + content, "utf-8")
    result = run("recommend", "--answers", str(path))
    assert result.exit_code == 2
    assert expected in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_partner_goals_need_a_partner(run: Run) -> None:
    result = run(
        "recommend",
        "--actor",
        "research",
        "--maturity",
        "1",
        "--goal",
        "skills",
        "--partner-goal",
        "funding",
    )
    assert result.exit_code == 2
    assert "--partner-goal needs --partner" in result.stderr


def test_without_a_partner_nothing_of_the_pair_shows(run: Run) -> None:
    args = ("--actor", "local_authority", "--maturity", "0", "--goal", "experimentation")
    data = as_json(run, *args)
    assert "partner" not in data["answers"]
    text = run("recommend", *args).stdout
    assert "Initiative:" not in text
    assert "Partner:" not in text
    assert "Your plan" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pair_note_is_addressed_to_both(run: Run, lang: str) -> None:
    result = run("recommend", *FLAGS, "--format", "markdown", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    if lang == "fr":
        assert first == (
            "# Partenariat collectivité territoriale et enseignement supérieur ou recherche"
            "\u202f: un plan commun"
        )
        assert "**Pour vous (Collectivité territoriale)**" in result.stdout
        assert "**Pour votre partenaire (Enseignement supérieur ou recherche)**" in result.stdout
    else:
        assert first == (
            "# A partnership between local authority and higher education or research: a joint plan"
        )
        assert "**For your partner (Higher education or research)**" in result.stdout
    assert "Initiative" in result.stdout


def test_explain_covers_the_pair(run: Run) -> None:
    data = as_json(run, *FLAGS, "--explain", "cadres-juridiques")
    assert data["concerned"] == {"local_authority": True, "research": True}
    company = as_json(
        run,
        *("--actor", "company", "--maturity", "1", "--goal", "skills"),
        *("--partner", "research", "--explain", "cadres-juridiques"),
    )
    assert company["status"] == "left_out"
    assert company["left_out"] == "not_concerned"
    assert company["concerned"] == {"company": False, "research": True}
    assert "does not concern company" in company["verdict"]


def test_saving_over_the_answers_file_keeps_comments_and_writes_the_partner(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "pair.yaml"
    path.write_text(
        "# our commune and the lab\nactor: local_authority\nmaturity: 1  # we met twice\n"
        "goals: [reflexivity]\npartner:\n  # the lab of Ms X\n  actor: research\n",
        encoding="utf-8",
    )
    result = run(
        "recommend",
        *("--answers", str(path), "--save-answers", str(path)),
        *("--partner-goal", "skills", "--json"),
    )
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "# our commune and the lab" in text
    assert "# we met twice" in text
    assert "# the lab of Ms X" in text
    assert as_json(run, "--answers", str(path))["answers"]["partner"] == {
        "actor": "research",
        "goals": ["skills"],
    }
