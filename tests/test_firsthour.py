"""A newcomer's first hour (issue 23), at a real pseudo-terminal where it matters:
line editing, a typo's suggestion, the offer to save the answers, the pager, and
completion of every value a flag takes."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from typer.testing import CliRunner, Result

from toolbox_cli.cli import questionnaire as q
from toolbox_cli.cli.commands import app, pager_command

TIMEOUT = 10
LEFT, BACKSPACE = "\x1b[D", "\x7f"

Spawn = Callable[..., pexpect.spawn]


def _foreground_signals() -> None:
    for name in ("SIGINT", "SIGQUIT", "SIGTSTP", "SIGTTIN", "SIGTTOU"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """``spawn(*args, **env)``: ``python -m toolbox_cli`` at an 80x40 xterm."""
    children: list[pexpect.spawn] = []

    def start(*args: str, **more: str) -> pexpect.spawn:
        env = dict(os.environ)  # isolated by conftest: no colour, English, private cache
        env.update({"COLUMNS": "80", "LINES": "40", "NO_COLOR": "1", "TERM": "xterm"})
        env.update({"TOOLBOX_PAGER": "", "INPUTRC": os.devnull, **more})
        child = pexpect.spawn(
            sys.executable,
            ["-m", "toolbox_cli", *args],
            env=env,
            cwd=str(tmp_path),
            dimensions=(40, 80),
            encoding="utf-8",
            timeout=TIMEOUT,
            preexec_fn=_foreground_signals,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)
        child.close()


def test_line_editing_a_typo_suggestion_and_the_offer_to_save(spawn: Spawn, tmp_path: Path) -> None:
    child = spawn("recommend", "--lang", "en")
    child.expect_exact(q.PROMPTS["actor"]("en"))
    child.expect_exact("Your choice > ")
    child.sendline("reserch")  # a typo: the closest choice, by number and label
    child.expect_exact("Invalid answer: type 1-4. Did you mean 2 (Higher education or research)?")
    child.expect_exact("Your choice > ")
    # typed "lbo", then two steps left, a backspace and "la": the line reads "labo"
    child.send("lbo" + LEFT + LEFT + BACKSPACE + "la\r")
    child.expect_exact(q.PROMPTS["maturity"]("en"))  # "labo", a synonym, was taken
    child.expect_exact("Your choice > ")
    child.sendline("0")
    child.expect_exact("Your choice > ")
    child.sendline("outreach")
    child.expect_exact(q.PROMPTS["partner"]("en"))
    child.expect_exact("Your choice > ")
    child.sendline("yes")  # yes asks which kind
    child.expect_exact("Which kind is your partner? Type 1-4 (Enter to skip).")
    child.sendline("mairie")
    child.expect_exact("Your choice > ")  # the partner's goals
    child.sendline("")
    child.expect_exact("The same without questions:")
    child.expect_exact(
        "toolbox recommend --lang en --actor research --maturity 0 --goal outreach "
        "--partner local_authority"
    )
    child.expect_exact(f"{q.SAVE_PROMPTS['offer']('en')} > ")
    child.sendline("nowhere/answers.yaml")  # refused, and asked again
    child.expect_exact("Error: --save-answers: ")
    child.expect_exact(f"{q.SAVE_PROMPTS['offer']('en')} > ")
    child.sendline("answers.yaml")
    child.expect_exact("Answers saved in answers.yaml; to replay them:")
    child.expect_exact("toolbox recommend --lang en --answers answers.yaml")
    child.expect_exact("Your answers")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = yaml.safe_load((tmp_path / "answers.yaml").read_text(encoding="utf-8"))
    assert saved["actor"] == "research"
    assert saved["partner"] == {"actor": "local_authority"}


def test_ctrl_c_leaves_the_shell_prompt_on_a_line_of_its_own(spawn: Spawn) -> None:
    child = spawn("recommend", "--lang", "fr")
    child.expect_exact("Votre choix > ")
    child.sendintr()
    child.expect(pexpect.EOF)
    assert child.before.endswith("\n")
    child.close()
    assert child.exitstatus == 130 or child.signalstatus == signal.SIGINT


def test_long_output_at_a_terminal_goes_through_the_pager(spawn: Spawn) -> None:
    child = spawn("list", TOOLBOX_PAGER="sed 's/^/paged: /'")
    child.expect(pexpect.EOF)
    child.close()
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert len(lines) > 40  # longer than the screen
    assert all(line.startswith("paged: ") for line in lines)
    child = spawn("--no-pager", "list", TOOLBOX_PAGER="sed 's/^/paged: /'")
    child.expect(pexpect.EOF)
    assert "paged:" not in child.before
    child = spawn("levels", "--lang", "en", TOOLBOX_PAGER="sed 's/^/paged: /'")
    child.expect(pexpect.EOF)  # one screen: printed as it is
    assert "paged:" not in child.before
    assert "The rule" in child.before


def test_the_pager_is_chosen_as_git_chooses_it() -> None:
    assert pager_command({"TOOLBOX_PAGER": "most", "PAGER": "less"}) == "most"
    assert pager_command({"PAGER": "more -s"}) == "more -s"
    assert pager_command({"TOOLBOX_PAGER": "", "PAGER": "less"}) is None
    assert pager_command({"PAGER": "cat"}) is None


def test_never_paged_in_a_pipe(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLBOX_PAGER", "false")  # would print nothing
    assert "chaires" in run("list").stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("toolbox recommend --actor res", "research"),
        ("toolbox recommend --goal fu", "funding"),
        ("toolbox recommend --partner co", "company"),
        ("toolbox recommend --partner-goal ski", "skills"),
        ("toolbox recommend --maturity ", "5"),
        ("toolbox recommend --staff-time y", "yes"),
        ("toolbox recommend --explain these", "these-cifre"),
        ("toolbox recommend --format m", "markdown"),
        ("toolbox schema rec", "recommendation"),
        ("toolbox list --lang f", "fr"),
        ("toolbox show x --lang e", "en"),
        ("toolbox new --extends chai", "chaires"),
        ("toolbox new --source uga", "uga-territoires"),
        ("toolbox new --kind vi", "video"),
        ("toolbox new --family ", "4"),
        ("toolbox validate --format g", "github"),
    ],
)
def test_every_value_a_flag_takes_is_completed(words: str, expected: str) -> None:
    result = CliRunner().invoke(
        app,
        [],
        prog_name="toolbox",
        env={"_TOOLBOX_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words},
    )
    assert f'"{expected}"' in result.stdout, (words, result.stdout)


# --- one rule for each inconsistency (issue 23, item 9; README "Rules") -----------


def test_nothing_found_is_exit_1_for_list_as_for_search(run: Callable[..., Result]) -> None:
    for args in (("list", "--family", "3", "--goal", "funding"), ("search", "zzzqqqxxx")):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert result.stderr.startswith("Error: no tool matches")


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_is_a_usage_error(run: Callable[..., Result], query: str) -> None:
    result = run("search", query)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: nothing to search for")


def test_goals_apart_by_commas_on_the_command_line(run: Callable[..., Result]) -> None:
    base = ("recommend", "--actor", "company", "--maturity", "0", "--json")
    split = run(*base, "--goal", "skills", "--goal", "funding")
    assert run(*base, "--goal", "skills,funding").stdout == split.stdout
    assert run(*base, "--goal", "skills, financement").stdout == split.stdout
    whole = run(*base, "--lang", "fr", "--goal", "Expérimenter, innover, transférer")
    assert whole.exit_code == 0, whole.stderr  # a label that holds commas is one goal


def test_list_by_actor_says_it_is_the_initiative(run: Callable[..., Result]) -> None:
    result = run("list", "--actor", "company")
    assert "--actor: the tools whose initiative it can take" in " ".join(result.stdout.split())


def test_validates_report_is_its_result_on_stdout(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "broken.yaml" in result.stdout  # > report.txt keeps it
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: invalid catalogue")


def test_an_option_of_the_commands_given_before_one_says_where_it_goes(
    run: Callable[..., Result],
) -> None:
    result = run("--json", "list")
    assert result.exit_code == 2
    assert "--version" not in result.stderr
    assert "give it after the command, for example: toolbox list --json" in result.stderr


@pytest.mark.parametrize("command", [["recommend"], ["show", "these-cifre"], ["list"]])
def test_an_option_of_toolbox_given_after_a_command_says_where_it_goes(
    run: Callable[..., Result], command: list[str]
) -> None:
    result = run(*command, "--no-pager")
    assert result.exit_code == 2
    assert "--partner" not in result.stderr  # not a guess at another option
    assert f"give it before the command, for example: toolbox --no-pager {command[0]}" in (
        result.stderr
    )
    assert run("--no-pager", "list").exit_code == 0  # where it belongs, it is taken


def test_every_error_starts_in_lowercase_and_french_quotes_are_guillemets(
    run: Callable[..., Result],
) -> None:
    cases = [
        ("show", "zzz"),
        ("recommend", "--actor", "company", "--maturity", "7", "--goal", "skills"),
        ("list", "--level", "7"),
        ("search", ""),
        ("list", "--family", "3", "--goal", "funding"),
    ]
    for args in cases:
        for lang in ("en", "fr"):
            result = run("--lang", lang, *args)
            assert result.exit_code != 0, args
            head = "Error: " if lang == "en" else "Erreur\u202f: "
            first = result.stderr.splitlines()[0]
            assert first.startswith(head), first
            words = first.removeprefix(head).lstrip("-")
            rest = words.split(": ", 1)[-1] if words[:1].isalpha() and ": " in words else words
            assert not rest[:1].isupper(), first
            if lang == "fr":
                assert "'" not in first.replace("s'", "").replace("l'", ""), first
