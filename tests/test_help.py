"""--help in the user's language: chosen before the command line is parsed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from toolbox_cli.cli.usage import help_lang
from toolbox_cli.i18n import HELP, help_text


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["--help"], {"LANG": "C.UTF-8"}, "en"),
        (["--help"], {"LANG": "fr_FR.UTF-8"}, "fr"),
        (["--help"], {"TOOLBOX_LANG": "fr", "LANG": "C"}, "fr"),
        (["show", "--help", "--lang", "fr"], {"LANG": "C"}, "fr"),
        (["--lang=en", "show", "--help"], {"TOOLBOX_LANG": "fr"}, "en"),
        (["--lang", "xx", "--help"], {"LANG": "fr_FR"}, "fr"),  # unknown: the locale's
        (["--lang"], {"LANG": "fr_FR"}, "fr"),
    ],
)
def test_help_language(argv: list[str], environ: dict[str, str], expected: str) -> None:
    assert help_lang(argv, environ) == expected


def test_every_help_text_exists_in_both_languages() -> None:
    for key, english in HELP.items():
        if not key.startswith("mv"):  # placeholders such as N or fr|en are the same
            assert help_text("fr", key) != english, key


@pytest.mark.parametrize(
    ("args", "env", "seen", "unseen"),
    [
        (["--help"], {"LANG": "fr_FR.UTF-8"}, help_text("fr", "app"), HELP["app"]),
        (["recommend", "--help", "--lang", "fr"], {}, "Qui vous êtes", "Who you are"),
        (["recommend", "--help"], {"TOOLBOX_LANG": "en"}, "Who you are", "Qui vous êtes"),
    ],
)
def test_help_is_printed_in_that_language(
    args: list[str], env: dict[str, str], seen: str, unseen: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **env},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    flat = " ".join(done.stdout.replace("│", " ").split())
    assert " ".join(seen.split()) in flat
    assert " ".join(unseen.split()) not in flat


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "fr_FR.UTF-8",
            "--lang\u202f: langue inconnue «\u202fde\u202f»\u202f; langues possibles\u202f: fr, en",
        ),
        ("C.UTF-8", "--lang: unknown language 'de'; expected one of fr, en"),
    ],
)
def test_an_unknown_language_is_refused_in_the_locale_language(
    locale: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from toolbox_cli.cli.commands import app

    monkeypatch.setenv("LANG", locale)
    result = CliRunner().invoke(app, ["list", "--lang", "de"])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stdout == ""
