"""The questionnaire at a real pseudo-terminal (pexpect): what a person sees and types."""

from __future__ import annotations

import os
import re
import shlex
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
import yaml

from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.models import Lang
from toolbox_cli.cli import questionnaire as q

TIMEOUT = 10

Spawn = Callable[..., pexpect.spawn]


def _foreground_signals() -> None:
    for name in ("SIGINT", "SIGQUIT", "SIGTSTP", "SIGTTIN", "SIGTTOU"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """``spawn("recommend", ...)``: ``python -m toolbox_cli`` at a 100x40 terminal."""
    children: list[pexpect.spawn] = []
    env = dict(os.environ)  # already isolated by conftest: no colour, English, private cache
    env.update({"COLUMNS": "100", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"})
    env["TOOLBOX_PAGER"] = ""  # the plan printed, not paged (test_firsthour pages it)

    def start(*args: str, shell_out: str | None = None) -> pexpect.spawn:
        command, argv = sys.executable, ["-m", "toolbox_cli", *args]
        if shell_out is not None:  # stdout to a file, stdin and stderr at the terminal
            line = " ".join(shlex.quote(part) for part in (command, *argv))
            command, argv = "/bin/sh", ["-c", f"exec {line} > {shlex.quote(shell_out)}"]
        child = pexpect.spawn(
            command,
            argv,
            env=env,
            cwd=str(tmp_path),
            dimensions=(40, 100),
            encoding="utf-8",
            timeout=TIMEOUT,
            # A job started in the background (``pytest &``) ignores SIGINT, and so would
            # its children: the child gets the terminal's default, as a foreground one has.
            preexec_fn=_foreground_signals,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)
        child.close()


def words(text: str) -> str:
    """A pattern for ``text`` that tolerates the terminal wrapping it."""
    return r"\s+".join(re.escape(word) for word in text.split())


def expect_question(child: pexpect.spawn, catalogue: Catalogue, question: str, lang: Lang) -> None:
    """The question's title, then each numbered choice in order, then the prompt."""
    child.expect_exact(q.PROMPTS[question](lang))
    zero_based = question == "maturity"
    options = q.choices(catalogue.vocabulary, question, lang)
    for number, option in enumerate(options, start=0 if zero_based else 1):
        child.expect(rf"{number}\.\s+{words(option.label)}")
    child.expect_exact(f"{q.PROMPTS['choice'](lang)} > ")


def skip_save(child: pexpect.spawn, lang: Lang = "en") -> None:
    """After the questionnaire: the same as a command line, then the offer to save the
    answers, declined with Enter."""
    child.expect_exact(q.SAVE_PROMPTS["same"](lang).split("\n")[0])
    child.expect_exact("toolbox recommend ")
    child.expect_exact(f"{q.SAVE_PROMPTS['offer'](lang)} > ")
    child.sendline("")


def finish(child: pexpect.spawn) -> str:
    """Everything printed until the program ends; the child is then closed."""
    child.expect(pexpect.EOF)
    rest: str = child.before
    child.close()
    return rest


def test_questionnaire_with_numbers(spawn: Spawn, catalogue: Catalogue, tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    child = spawn("recommend", "--lang", "en", "--save-answers", str(saved))

    expect_question(child, catalogue, "actor", "en")
    child.sendline("9")
    child.expect_exact("Invalid answer: type 1-4.")
    child.expect_exact("Your choice > ")
    child.sendline("2")
    expect_question(child, catalogue, "maturity", "en")
    child.sendline("0")
    expect_question(child, catalogue, "goals", "en")
    child.sendline("1")
    expect_question(child, catalogue, "partner", "en")
    child.sendline("")  # optional: Enter skips it
    child.expect_exact("Your answers")
    child.expect_exact("Start here")
    output = finish(child)

    assert child.exitstatus == 0
    assert "vulgarisation-recherche" in output
    assert "Traceback" not in output
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "actor": "research",
        "maturity": 0,
        "goals": ["outreach"],
    }


def test_several_goals_and_invalid_goal_reply(spawn: Spawn, catalogue: Catalogue) -> None:
    child = spawn("recommend", "--lang", "en", "--actor", "company", "--maturity", "3")

    expect_question(child, catalogue, "goals", "en")
    child.sendline("6, 99")
    child.expect_exact("Invalid answer: type 1-8.")
    child.expect_exact("Your choice > ")
    child.sendline("6, 4")
    expect_question(child, catalogue, "partner", "en")
    child.sendline("")
    skip_save(child)
    child.expect_exact("Start here")
    output = finish(child)

    assert child.exitstatus == 0
    assert "contrats-de-recherche" in output


def test_only_the_missing_questions_are_asked(spawn: Spawn, catalogue: Catalogue) -> None:
    child = spawn("recommend", "--lang", "en", "--actor", "research", "--goal", "outreach")

    expect_question(child, catalogue, "maturity", "en")
    assert q.PROMPTS["actor"]("en") not in child.before
    child.sendline("1")
    expect_question(child, catalogue, "partner", "en")
    child.sendline("")
    skip_save(child)
    child.expect_exact("Start here")
    output = finish(child)

    assert child.exitstatus == 0
    assert q.PROMPTS["actor"]("en") not in output
    assert q.PROMPTS["goals"]("en") not in output
    assert "Your choice" not in output, "no further question after the partner"


def test_answers_file_fills_the_rest(spawn: Spawn, catalogue: Catalogue, tmp_path: Path) -> None:
    answers = tmp_path / "partial.yaml"
    answers.write_text("actor: local_authority\nmaturity: 0\n", encoding="utf-8")
    child = spawn("recommend", "--lang", "en", "--answers", str(answers))

    expect_question(child, catalogue, "goals", "en")
    child.sendline("experimentation")
    expect_question(child, catalogue, "staff_time", "en")  # a local authority is asked
    child.sendline("2")
    expect_question(child, catalogue, "partner", "en")
    child.sendline("")
    skip_save(child)
    child.expect(words("little or no staff time"))  # the answer is recalled
    child.expect_exact("Start here")
    output = finish(child)

    assert child.exitstatus == 0
    assert "commande-publique" in output


def test_questionnaire_in_french(spawn: Spawn, catalogue: Catalogue) -> None:
    child = spawn("recommend", "--lang", "fr")

    expect_question(child, catalogue, "actor", "fr")
    assert "Qui êtes-vous\u202f?" in q.PROMPTS["actor"]("fr")
    child.sendline("0")
    child.expect_exact("Réponse invalide\u202f: tapez 1-4.")
    child.expect_exact("Votre choix > ")
    child.sendline("1")
    expect_question(child, catalogue, "maturity", "fr")
    child.sendline("0")
    expect_question(child, catalogue, "goals", "fr")
    child.sendline("6")
    expect_question(child, catalogue, "staff_time", "fr")
    child.sendline("oui")
    expect_question(child, catalogue, "partner", "fr")
    child.sendline("")
    skip_save(child, "fr")
    child.expect_exact("Commencez ici")
    output = finish(child)

    assert child.exitstatus == 0
    assert "Start here" not in output


def test_questionnaire_with_a_partner(spawn: Spawn, catalogue: Catalogue, tmp_path: Path) -> None:
    saved = tmp_path / "pair.yaml"
    child = spawn("recommend", "--lang", "en", "--save-answers", str(saved))
    expect_question(child, catalogue, "actor", "en")
    child.sendline("1")
    expect_question(child, catalogue, "maturity", "en")
    child.sendline("2")
    expect_question(child, catalogue, "goals", "en")
    child.sendline("6")
    expect_question(child, catalogue, "staff_time", "en")
    child.sendline("yes")
    expect_question(child, catalogue, "partner", "en")
    child.sendline("2")
    expect_question(child, catalogue, "partner_goals", "en")
    child.sendline("4")
    child.expect(words("Partner: Higher education or research · goals: Train, host"))
    child.expect_exact("Your joint plan")
    output = finish(child)

    assert child.exitstatus == 0
    assert "Traceback" not in output
    assert "Initiative: you (local authority)" in " ".join(output.split())
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "actor": "local_authority",
        "maturity": 2,
        "goals": ["experimentation"],
        "staff_time": True,
        "partner": {"actor": "research", "goals": ["skills"]},
    }


@pytest.mark.parametrize("question", ["actor", "maturity", "goals"])
def test_ctrl_c_at_a_prompt(
    spawn: Spawn, catalogue: Catalogue, tmp_path: Path, question: str
) -> None:
    saved = tmp_path / "answers.yaml"
    child = spawn("recommend", "--lang", "en", "--save-answers", str(saved))
    seen = ""
    for reply, current in (("1", "actor"), ("0", "maturity"), ("1", "goals")):
        expect_question(child, catalogue, current, "en")
        seen += child.before
        if current == question:
            break
        child.sendline(reply)
    child.sendintr()
    output = finish(child)

    assert child.exitstatus == 130
    assert output.endswith("\n"), "the shell's prompt must not be glued to the question"
    assert "Traceback" not in seen + output
    assert "Aborted" not in output
    assert not saved.exists()
    assert not any(name.startswith((".answers", "answers")) for name in os.listdir(tmp_path))


def test_end_of_input_mid_questionnaire(spawn: Spawn, catalogue: Catalogue, tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    child = spawn("recommend", "--lang", "en", "--save-answers", str(saved))

    expect_question(child, catalogue, "actor", "en")
    child.sendline("3")
    expect_question(child, catalogue, "maturity", "en")
    child.sendeof()
    child.expect(r"\n\s*Error: ")  # on a line of its own, not after the question
    output = finish(child)

    assert child.exitstatus not in (None, 0)
    assert child.exitstatus == 1
    assert "input ended before the questionnaire was complete" in " ".join(output.split())
    assert "Traceback" not in output
    assert "Start here" not in output
    assert not saved.exists()
    assert not any(name.startswith(".answers") for name in os.listdir(tmp_path))


def test_questions_at_the_terminal_while_the_result_goes_to_a_file(
    spawn: Spawn, catalogue: Catalogue, tmp_path: Path
) -> None:
    note = tmp_path / "note.md"
    child = spawn("recommend", "--lang", "en", "--format", "markdown", shell_out=str(note))
    expect_question(child, catalogue, "actor", "en")
    child.sendline("2")
    expect_question(child, catalogue, "maturity", "en")
    child.sendline("0")
    expect_question(child, catalogue, "goals", "en")
    child.sendline("4")
    expect_question(child, catalogue, "partner", "en")
    child.sendline("")
    skip_save(child)
    finish(child)

    assert child.exitstatus == 0
    text = note.read_text(encoding="utf-8")
    assert text.startswith("# toolbox recommendation")
    assert q.PROMPTS["actor"]("en") not in text
