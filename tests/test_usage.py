"""The command line's own words: help pages and usage errors, in French and English, in
one style (``Error: …`` on stderr, exit 2), never Typer's boxes or Pydantic's wording."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]
NNBSP = "\u202f"


def test_french_help_is_french_word_by_word(run: Run) -> None:
    result = run("--lang", "fr", "--help")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Utilisation{NNBSP}: toolbox [OPTIONS] COMMANDE [ARGUMENTS]…"
    assert f"Options{NNBSP}:" in lines
    assert f"Commandes{NNBSP}:" in lines
    for english in ("Usage", "Show this message", "Install completion", "Commands", "COMMAND "):
        assert english not in result.stdout
    assert "  -h, --help" in result.stdout
    assert "Afficher cette aide." in result.stdout
    assert "Installer la complétion pour le shell courant." in result.stdout


def test_recommend_is_listed_first(run: Run) -> None:
    lines = run("--help").stdout.splitlines()
    commands = lines[lines.index("Commands:") + 1 :]
    assert commands[0].split()[0] == "recommend"


def test_dash_h_is_help(run: Run) -> None:
    assert run("list", "-h").stdout == run("list", "--help").stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_help_placeholders_are_words_not_types(run: Run, lang: str) -> None:
    text = run("recommend", "--help", "--lang", lang).stdout
    for python in ("<str>", "<int", "<bool>", "list[", "<path>", "{card}", "x<="):
        assert python not in text
    word = {"fr": "--actor ACTEUR", "en": "--actor ACTOR"}[lang]
    assert word in text
    assert "--limit N" in text


def test_help_descriptions_use_the_width(run: Run) -> None:
    text = run("recommend", "--help").stdout
    assert max(len(line) for line in text.splitlines()) > 70
    assert all(len(line) <= 80 for line in text.splitlines())


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (
            ["list", "--limt", "2"],
            f"Erreur{NNBSP}: option inconnue{NNBSP}: --limt\n"
            f"Voir l'aide{NNBSP}: toolbox list --help\n",
        ),
        (
            ["search", "x", "--limit", "0"],
            f"Erreur{NNBSP}: --limit{NNBSP}: attendu un nombre entier de 1 à 1000, "
            f"reçu «{NNBSP}0{NNBSP}»\n",
        ),
        (
            ["recommend", "--format", "xml"],
            f"Erreur{NNBSP}: --format{NNBSP}: valeur inconnue «{NNBSP}xml{NNBSP}»{NNBSP}; "
            f"valeurs possibles{NNBSP}: text, markdown, json, html\n",
        ),
        (
            ["lst"],
            f"Erreur{NNBSP}: commande inconnue «{NNBSP}lst{NNBSP}»{NNBSP}; "
            f"vouliez-vous dire list{NNBSP}?\n",
        ),
        (
            ["recommend", "--format", "markdown", "--json"],
            f"Erreur{NNBSP}: --json et --format markdown s'excluent{NNBSP}: choisissez-en une\n",
        ),
        (
            ["show", "a", "b"],
            f"Erreur{NNBSP}: argument en trop{NNBSP}: b\nVoir l'aide{NNBSP}: toolbox show --help\n",
        ),
        (
            ["list", "--family", "x"],
            f"Erreur{NNBSP}: --family{NNBSP}: attendu un nombre entier de 1 à 4, "
            f"reçu «{NNBSP}x{NNBSP}»\n",
        ),
    ],
)
def test_usage_errors_are_one_french_line_and_exit_2(
    run: Run, args: list[str], french: str
) -> None:
    result = run("--lang", "fr", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == french
    for leak in ("╭", "Usage", "Try '", "Input should", "Value error", "is not one of"):
        assert leak not in result.stderr


def test_a_missing_argument_is_named_in_english(run: Run) -> None:
    result = run("show")
    assert result.exit_code == 2
    assert result.stderr == "Error: missing CARD\nSee the help: toolbox show --help\n"


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        (["list", "--actor", "compnay"], "company"),
        (["list", "--goal", "fundng"], "funding"),
        (["recommend", "--actor", "colectivite", "--maturity", "0", "--goal", "skills"], None),
    ],
)
def test_every_vocabulary_value_gets_a_did_you_mean(
    run: Run, args: list[str], suggested: str | None
) -> None:
    result = run(*args)
    if suggested is None:  # a French label, misspelt: matched by its folded label
        result = run("list", "--actor", "entreprse")
        suggested = "company"
    assert result.exit_code == 2
    assert f"(did you mean {suggested}?)" in result.stderr


def test_possible_values_list_french_labels_in_french(run: Run) -> None:
    result = run("--lang", "fr", "list", "--actor", "xyz")
    assert result.exit_code == 2
    assert "company (Entreprise)" in result.stderr
    assert "local_authority (Collectivité territoriale)" in result.stderr


def test_the_questionnaire_does_not_speak_of_public_action_to_everyone() -> None:
    from toolbox_cli.cli import questionnaire as q

    for text in q.MATURITY:
        assert "publique" not in text("fr")
        assert "public" not in text("en")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_list_is_readable_at_80_columns(run: Run, lang: str) -> None:
    result = run("list", "--lang", lang)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert len(lines) < 26 * 3 + 4  # the id with its facts, the title, maybe a second line
    assert "\u00b7" not in result.stdout  # "·" is a separator elsewhere, never a level
    assert any(line.startswith("animateurs-partenariats ") for line in lines)
    for line in lines:
        if line.endswith(("1\u00a02\u00a03\u00a04\u00a05", "-\u00a0-\u00a03\u00a04\u00a0-")):
            break
    else:
        pytest.fail("no level ladder kept on one line")


@pytest.mark.parametrize("command", [["list"], ["show", "these-cifre"], ["levels"], ["--help"]])
def test_piped_output_has_no_trailing_spaces(run: Run, command: list[str]) -> None:
    result = run(*command)
    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []


def test_validate_says_a_missing_directory_is_missing(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "path" / "to" / "missing"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}/path/to/missing: no such directory\n"


def test_validate_accepts_cards_dir(run: Run, shipped_cards_dir: Path) -> None:
    result = run("validate", "--cards-dir", str(shipped_cards_dir))
    assert result.exit_code == 0
    assert result.stdout.startswith("26 valid cards in ")


def test_a_level_number_stays_with_its_word(run: Run) -> None:
    result = run("levels", "--lang", "fr")
    assert "d'intensité\u00a04)" in result.stdout
    assert not any(line.lstrip().startswith("4)") for line in result.stdout.splitlines())


def test_the_version_is_written_once(run: Run) -> None:
    import importlib.metadata
    import re

    from toolbox_cli import __version__

    project = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert not re.search(r"(?m)^version\s*=", project)
    assert 'dynamic = ["version"]' in project
    assert importlib.metadata.version("toolbox-cli") == __version__
    assert run("--version").stdout == f"toolbox {__version__}\n"
