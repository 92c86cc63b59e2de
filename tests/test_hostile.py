"""Hostile input at every door (issue 9): nothing leaked, no traceback, no hang.

Each test names the cause it covers. Nothing here touches the real /dev: FIFOs,
links and odd names are made in tmp_path.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.files import reader as yamlfile
from toolbox_cli.files.reader import YamlFileError

Run = Callable[..., Result]
CARD = "these-cifre"
PERSONA = ("--actor", "company", "--maturity", "2", "--goal", "funding", "--lang", "en")
INTERNALS = (
    "NoneType",
    "groupdict",
    "set_int_max_str_digits",
    "datetime.date",
    "KeyError",
    "IndexError",
    "Traceback",
    "<unicode string>",
    "position",
)


def flat(text: str) -> str:
    return " ".join(text.split())


def no_internals(text: str) -> None:
    for word in INTERNALS:
        assert word not in text, word


# --- one YAML construction layer ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("!!bool abc", "true/false (!!bool)"),
        ("!!bool ''", "true/false (!!bool)"),
        ("!!int ''", "a whole number (!!int)"),
        ("!!int '-'", "a whole number (!!int)"),
        ("!!float ''", "a number (!!float)"),
        ("!!timestamp abc", "a date (!!timestamp)"),
    ],
)
def test_a_constructor_failure_is_a_line_and_a_field(value: str, what: str) -> None:
    with pytest.raises(YamlFileError) as raised:
        yamlfile.parse(f"id: x\ntitle:\n  fr: {value}\n")
    error = raised.value
    assert (error.line, error.field, error.code) == (3, "title.fr", "bad_scalar")
    assert what in error.message
    no_internals(error.message)
    no_internals(error.text("fr"))


@pytest.mark.parametrize(
    "number",
    ["1" * 5000, "-" + "9" * 4400, "1" + "0" * 50 + ".5", "1e" + "9" * 50],
    ids=["decimal", "negative", "decimal-point", "exponent"],
)
def test_an_oversized_integer_is_an_error_not_a_crash(number: str) -> None:
    with pytest.raises(YamlFileError) as raised:
        yamlfile.parse(f"id: x\nlevels:\n  - {number}\n")
    assert (raised.value.line, raised.value.field) == (3, "levels.0")
    assert raised.value.code == "number_too_big"
    no_internals(raised.value.message)


@pytest.mark.parametrize(
    ("text", "line", "char"),
    [
        ('id: x\ntitle: "a\\e]0;pwned\\ab"\n', 2, "U+001B"),
        ('id: x\ntitle: "\\u009b31m"\n', 2, "U+009B"),
        ("id: x\ntitle: a\u202eb\n", 2, "U+202E"),
        ("id: x\ntitle: a\u2066b\n", 2, "U+2066"),
        ("id: x\nsummary: |\n  one\n  two \u202e\n", 4, "U+202E"),
        ("id: x\ntitle: a\x00b\n", 2, "U+0000"),
        ("id: x\n\ntitle: a\x1bb\n", 3, "U+001B"),
    ],
    ids=["osc", "c1", "rlo", "isolate", "block", "nul", "raw-esc"],
)
def test_a_control_character_is_an_error_on_its_line(text: str, line: int, char: str) -> None:
    with pytest.raises(YamlFileError) as raised:
        yamlfile.parse(text)
    assert raised.value.line == line
    assert raised.value.code == "control_character"
    assert char in raised.value.message
    no_internals(raised.value.message)


def test_a_control_character_in_a_field_name_is_refused() -> None:
    with pytest.raises(YamlFileError) as raised:
        yamlfile.parse('id: x\n"ti\\etle": a\n')
    assert raised.value.code == "control_character"


@pytest.mark.parametrize("value", ["!!bool abc", "!!int ''", "!!timestamp abc", "1" * 5000])
def test_validate_json_still_prints_json(run: Run, cards_copy: Path, value: str) -> None:
    path = cards_copy / f"{CARD}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("levels:", f"levels: {value}\nold_levels:", 1), encoding="utf-8")
    result = run("validate", str(cards_copy), "--json")
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert errors[0]["field"] == "levels"
    assert errors[0]["line"] is not None
    no_internals(result.stdout)


@pytest.mark.parametrize(
    "value",
    ["!!bool abc", "!!int ''", "!!float ''", "!!timestamp abc", "1" * 5000, '"\\e[2J"'],
)
def test_a_broken_answers_file_is_a_usage_error(run: Run, tmp_path: Path, value: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"actor: company\nmaturity: {value}\n", encoding="utf-8")
    result = run("recommend", "--answers", str(path), "--goal", "funding")
    assert result.exit_code == 2
    assert f"{path}:2: maturity: " in flat(result.stderr)
    assert "\x1b" not in result.stderr
    no_internals(result.stderr)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("actor: company\nmaturity: 2024-01-01\n", "got '2024-01-01'"),
        ("actor: ~\n", "got null"),
    ],
)
def test_answers_messages_name_yaml_values_not_python_ones(
    run: Run, tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("recommend", "--answers", str(path), "--goal", "funding", "--maturity", "1")
    assert result.exit_code == 2
    assert expected in flat(result.stderr)
    assert "None" not in result.stderr
    no_internals(result.stderr)


def test_an_empty_answers_file_does_not_speak_of_cards(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("", encoding="utf-8")
    result = run("recommend", "--answers", str(path), *PERSONA)
    assert result.exit_code == 2
    assert "card" not in result.stderr


# --- reading files: regular files inside the directory, bounded ----------------------


SECRET = "root:*:19000:0:99999:7:::\n"


def test_a_card_linking_out_of_the_cards_directory_is_named_not_read(
    run: Run, cards_copy: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(SECRET, encoding="utf-8")
    (cards_copy / "x.yaml").symlink_to(secret)
    for args in (("validate", str(cards_copy)), ("validate", str(cards_copy), "--json")):
        result = run(*args)
        assert result.exit_code == 1
        assert "root:" not in result.stdout + result.stderr
        assert "x.yaml" in result.stdout + result.stderr
        assert "outside the directory" in flat(result.stdout + result.stderr)


def test_a_card_linking_inside_the_cards_directory_is_read(run: Run, cards_copy: Path) -> None:
    (cards_copy / "alias-card.yaml").symlink_to(cards_copy / f"{CARD}.yaml")
    result = run("validate", str(cards_copy), "--json")
    codes = {error["code"] for error in json.loads(result.stdout)["errors"]}
    assert codes == {"id_mismatch"}  # read: its content is the catalogue's own


# --- duplicate titles, ASCII numbers -------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_duplicate_title_is_an_error_naming_both_files(
    run: Run, cards_copy: Path, lang: str
) -> None:
    text = (cards_copy / f"{CARD}.yaml").read_text(encoding="utf-8")
    other = {"fr": "en", "en": "fr"}[lang]
    # the copy keeps the title in ``lang`` only
    copy = text.replace(f"id: {CARD}", "id: a-copy", 1)
    copy = re.sub(rf"(title:\n(?:  .*\n)*?  {other}: ).*\n", r"\g<1>Something else\n", copy)
    (cards_copy / "a-copy.yaml").write_text(copy, encoding="utf-8")
    result = run("validate", str(cards_copy), "--json")
    assert result.exit_code == 1
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["field"], error["code"]) == ("title", "duplicate_title")
    assert error["file"].endswith(f"{CARD}.yaml")
    assert "a-copy.yaml" in error["message"]
    shown = run("show", "a-copy", "--cards-dir", str(cards_copy))
    assert shown.exit_code == 1
    assert "duplicate title" in shown.stderr


@pytest.mark.parametrize("value", ["0_3", "\u0663", "\uff13", " 3_", "+3", "3.0"])
def test_maturity_takes_ascii_digits_only(run: Run, value: str) -> None:
    result = run("recommend", *PERSONA[:2], "--goal", "funding", "--maturity", value)
    assert result.exit_code == 2
    assert "--maturity: expected a whole number from 0 to 5" in flat(result.stderr)


def test_odd_files_in_the_cards_directory_are_named_not_skipped_nor_opened(
    run: Run, cards_copy: Path
) -> None:
    os.mkfifo(cards_copy / "pipe.yaml")
    (cards_copy / "broken-link.yaml").symlink_to(cards_copy / "nowhere.yaml")
    result = run("validate", str(cards_copy), "--json")
    assert result.exit_code == 1
    codes = {Path(e["file"]).name: e["code"] for e in json.loads(result.stdout)["errors"]}
    assert codes == {"pipe.yaml": "not_regular_file", "broken-link.yaml": "cannot_read"}


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "card.yaml"
    os.mkfifo(fifo)
    with pytest.raises(YamlFileError) as raised:
        yamlfile.read(fifo)
    assert raised.value.code == "not_regular_file"
    assert "named pipe" in raised.value.message


def test_an_answers_fifo_with_no_writer_does_not_hang(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    result = run("recommend", "--answers", str(fifo), *PERSONA)
    assert result.exit_code == 2
    assert "not a regular file but a named pipe (FIFO)" in flat(result.stderr)


def test_a_link_to_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "card.yaml").symlink_to(fifo)
    with pytest.raises(YamlFileError, match="named pipe"):
        yamlfile.read(tmp_path / "card.yaml")


def test_a_file_that_grows_after_stat_is_still_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * (yamlfile.MAX_BYTES + 10))
    real_fstat = os.fstat

    def lying_fstat(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        fields = list(info)
        fields[6] = 10  # st_size: what a file still being written could say
        return os.stat_result(fields)

    monkeypatch.setattr(yamlfile.os, "fstat", lying_fstat)
    monkeypatch.setattr(yamlfile.os, "stat", lambda p: lying_fstat(os.open(p, os.O_RDONLY)))
    with pytest.raises(YamlFileError) as raised:
        yamlfile.read(path)
    assert raised.value.code == "file_too_big"


def test_a_list_of_thousands_of_items_is_one_error(run: Run, cards_copy: Path) -> None:
    path = cards_copy / f"{CARD}.yaml"
    text = path.read_text(encoding="utf-8")
    empty_steps = "process:\n" + "- {}\n" * 40_000
    path.write_text(text.replace("process:", empty_steps + "old_process:", 1), encoding="utf-8")
    result = run("validate", str(cards_copy), "--json")
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["field"], error["code"]) == ("process", "yaml_too_many")


def test_errors_per_file_are_capped(run: Run, cards_copy: Path) -> None:
    path = cards_copy / f"{CARD}.yaml"
    text = path.read_text(encoding="utf-8")
    empty_steps = "process:\n" + "  - {}\n" * 900
    path.write_text(text.replace("process:", empty_steps + "old_process:", 1), encoding="utf-8")
    for lang, more in (
        ("en", r"further errors in this file not shown: \d+"),
        ("fr", r"non affichées\s*: \d+"),
    ):
        result = run("validate", str(cards_copy), "--lang", lang)
        assert result.exit_code == 1
        assert len(result.stdout.splitlines()) < 30  # the report: validate's result
        assert re.search(more, flat(result.stdout))


# --- names that are not UTF-8 ---------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "validate-json", "list", "show", "recommend"])
def test_file_names_that_are_not_utf8_are_shown_escaped(
    run: Run, cards_copy: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")  # the cache is being replaced (index)
    name = os.fsdecode(b"\xff.yaml")
    shutil.copy(cards_copy / f"{CARD}.yaml", cards_copy / name)
    args = {
        "validate": ("validate", str(cards_copy)),
        "validate-json": ("validate", str(cards_copy), "--json"),
        "list": ("list", "--cards-dir", str(cards_copy)),
        "show": ("show", CARD, "--cards-dir", str(cards_copy)),
        "recommend": ("recommend", *PERSONA, "--cards-dir", str(cards_copy)),
    }[command]
    result = run(*args)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "\\xff.yaml" in result.stdout + result.stderr


def test_a_cards_directory_whose_name_is_not_utf8(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(b"cards-\xfe")
    folder.mkdir()
    for args in (("validate", str(folder)), ("list", "--cards-dir", str(folder))):
        result = run(*args)
        assert result.exit_code == 1
        assert isinstance(result.exception, SystemExit)
        assert "cards-\\xfe" in result.stderr


# --- output that cannot be written ----------------------------------------------------


class FullDisk(io.TextIOBase):
    """A stdout on a full disk, as ``> /dev/full`` gives (without touching /dev)."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "args",
    [("list",), ("list", "--json"), ("levels",), ("recommend", *PERSONA, "--format", "markdown")],
)
def test_a_full_disk_ends_with_one_line_and_exit_74(
    args: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from toolbox_cli import __main__ as entry

    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")  # the fast path is not under test
    monkeypatch.setattr(sys, "argv", ["toolbox", *args])
    monkeypatch.setattr(sys, "stdout", FullDisk())
    with pytest.raises(SystemExit) as raised:
        entry.main()
    assert raised.value.code == entry.EXIT_OUTPUT == 74
    err = capsys.readouterr().err
    assert err == "Error: cannot write the output: No space left on device\n"


def test_a_full_disk_is_said_in_the_language_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # --lang fr on the command line, and the system's reason in French too (it was
    # English, as the C library words it; found in a new-user trial)
    from toolbox_cli import __main__ as entry

    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")
    monkeypatch.setattr(sys, "argv", ["toolbox", "list", "--lang", "fr"])
    monkeypatch.setattr(sys, "stdout", FullDisk())
    with pytest.raises(SystemExit):
        entry.main()
    err = capsys.readouterr().err
    assert err == "Erreur\u202f: impossible d'écrire la sortie\u202f: plus de place sur le disque\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "impossible de lire le fichier\u202f: fichier ou dossier introuvable"),
        ("en", "cannot read the file: No such file or directory"),
    ],
)
def test_a_missing_answers_file_is_said_in_the_language_asked(
    run: Run, tmp_path: Path, lang: str, said: str
) -> None:
    result = run("recommend", "--answers", str(tmp_path / "none.yaml"), "--lang", lang)
    assert result.exit_code == 2
    assert said in result.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("actor: [company\nmaturity: 0\n", "il manque une virgule ou un «\u202f]\u202f»"),
        ("actor: a: b\n", "«\u202f:\u202f» n'est pas permis ici"),
        ("actor: 'company\n", "le fichier finit trop tôt"),
    ],
)
def test_a_yaml_mistake_is_said_in_french(run: Run, tmp_path: Path, text: str, said: str) -> None:
    # it was libyaml's English in a French message (found in a new-user trial)
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, encoding="utf-8")
    result = run("recommend", "--answers", str(answers), "--lang", "fr")
    assert result.exit_code == 2
    assert f"YAML invalide\u202f: {said}" in result.stderr


def run_module(shell: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    command = shell.replace("TOOLBOX", f"{shlex.quote(sys.executable)} -m toolbox_cli")
    return subprocess.run(
        command,
        shell=True,
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, **env},
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("args", ["list", "list --json", "levels", "show these-cifre"])
def test_a_closed_stdout_is_said_not_ignored(tmp_path: Path, args: str) -> None:
    done = run_module(f"TOOLBOX {args} >&-", tmp_path)
    assert done.returncode == 74
    assert done.stderr.decode() == "Error: standard output is closed: nothing was done\n"


def test_a_closed_stdout_is_said_in_french(tmp_path: Path) -> None:
    done = run_module("TOOLBOX list >&-", tmp_path, LANG="fr_FR.UTF-8")
    assert done.returncode == 74
    assert "la sortie standard est fermée" in done.stderr.decode()


@pytest.mark.parametrize("columns", ["999999999999", "0", "-5", "abc", "٣"])
@pytest.mark.parametrize("args", ["--help", "list", "recommend --help"])
def test_absurd_terminal_sizes_are_ignored(tmp_path: Path, columns: str, args: str) -> None:
    done = run_module(f"TOOLBOX {args}", tmp_path, COLUMNS=columns, LINES=columns)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert max(len(line) for line in done.stdout.decode().splitlines()) <= 1000


def test_absurd_columns_in_process(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "999999999999")
    result = run("list")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 1000


# --- Ctrl-C while cards are checked by worker processes --------------------------------


def test_workers_leave_ctrl_c_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolbox_cli.catalogue import validate as module

    monkeypatch.setattr(module, "_worker_vocabulary", None)
    previous = signal.getsignal(signal.SIGINT)
    try:
        module._start_worker(module.load_vocabulary().model_dump())
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_ctrl_c_stops_every_worker_without_a_traceback(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import multiprocessing

    from toolbox_cli.catalogue import validate as module

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the slow checker below reaches the workers by fork")
    real_check = module.check_file

    def slow_check(path: Path, vocabulary: object) -> object:
        time.sleep(0.05)
        return real_check(path, vocabulary)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "check_file", slow_check)
    monkeypatch.setattr(module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(module, "PARALLEL_FROM", 2)
    paths = sorted(cards_copy.glob("*.yaml")) * 8  # 208 files: several seconds of work

    def ctrl_c() -> None:  # what a terminal does: SIGINT to the whole process group
        for child in multiprocessing.active_children():
            if child.pid is not None:
                os.kill(child.pid, signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(1.0, ctrl_c)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            module.check_files(paths, module.load_vocabulary())
    finally:
        timer.cancel()
    assert multiprocessing.active_children() == []
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err
    assert "KeyboardInterrupt" not in captured.err


# --- what leaves for people, Markdown and JSON ------------------------------------------

HOSTILE = "a\x1b]0;title\x07b\x1b[2J\u009b31m\u202eevil\u2066x\u2069" + os.fsdecode(b"\xff")


def test_the_sanitizer_escapes_every_control_character() -> None:
    from toolbox_cli.safetext import printable

    shown = printable(HOSTILE + "\ttab\nline")
    assert shown == (
        "a\\x1b]0;title\\x07b\\x1b[2J\\x9b31m\\u202eevil\\u2066x\\u2069\\xff\ttab\nline"
    )
    # invisible ones, that make two ids look alike (found in a new-user trial)
    invisible = "\u200b\u200e\u200f\u2060\u2063\ufeff"
    assert printable(f"these{invisible}-cifre") == (
        "these\\u200b\\u200e\\u200f\\u2060\\u2063\\ufeff-cifre"
    )
    # the zero-width joiners stay: emoji and some scripts are written with them
    scientist = "\U0001f469\u200d\U0001f52c"
    assert printable(scientist) == scientist


def test_a_card_may_hold_an_emoji_but_no_invisible_character(run: Run, cards_copy: Path) -> None:
    path = cards_copy / "chaires.yaml"
    text = path.read_text(encoding="utf-8")
    scientist = "\U0001f469\u200d\U0001f52c"  # a woman scientist: an emoji joined by ZWJ
    path.write_text(text.replace("fr: Les chaires", f"fr: Les chaires {scientist}", 1), "utf-8")
    assert run("validate", str(cards_copy)).exit_code == 0
    path.write_text(text.replace("en: Chairs", "en: Cha\u200birs", 1), encoding="utf-8")
    result = run("validate", str(cards_copy))
    assert result.exit_code == 1
    assert "title.en: invisible character U+200B is not allowed" in " ".join(result.stdout.split())


def test_people_output_escapes_bidi_overrides() -> None:
    from toolbox_cli.render.people import plain

    assert (
        plain(HOSTILE).plain
        == "a\\x1b]0;title\\x07b\\x1b[2J\\x9b31m\\u202eevil\\u2066x\\u2069\\xff"
    )


def test_json_escapes_c1_and_bidi_overrides() -> None:
    from toolbox_cli.render.catalogue_json import dumps

    text = dumps({"title": HOSTILE})
    for raw in ("\x1b", "\u009b", "\u202e", "\u2066", "\u2069"):
        assert raw not in text
    assert "\\u009b" in text
    assert "\\u202e" in text
    assert json.loads(text)["title"] == HOSTILE
    text.encode("utf-8")  # a name that was not UTF-8 no longer breaks the output


def test_markdown_output_escapes_control_characters(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolbox_cli.render import people as render

    real = render.recommendation_markdown

    def hostile_markdown(*args: object) -> str:
        return real(*args) + HOSTILE + "\n"  # type: ignore[arg-type]

    monkeypatch.setattr(render, "recommendation_markdown", hostile_markdown)
    result = run("recommend", *PERSONA, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    for raw in ("\x1b", "\x07", "\u009b", "\u202e", "\u2066"):
        assert raw not in result.stdout
    assert "\\x1b]0;title\\x07" in result.stdout


def test_a_title_or_name_on_two_lines_is_refused(run: Run, cards_copy: Path) -> None:
    # found in a new-user trial: a newline in a title forged a line of its own in list,
    # show and recommend, and a heading in Markdown
    path = cards_copy / "these-cifre.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title:\n  fr: .*?\n  en: .*?\n", "", text, count=1, flags=re.S | re.M)
    forged = 'title:\n  fr: "Thèse\\n## Étape 1"\n  en: "Thesis\\nError: none"\n'
    path.write_text(forged + text, encoding="utf-8")
    named = cards_copy / "chaires.yaml"
    named.write_text(
        named.read_text(encoding="utf-8").replace(
            "  - kind: example\n    name:\n      fr: ",
            "  - kind: example\n    name:\n      fr: |-\n        a\n        ",
            1,
        ),
        encoding="utf-8",
    )
    result = run("validate", str(cards_copy))
    assert result.exit_code == 1
    said = flat(result.stdout)  # the report: validate's result
    assert "these-cifre.yaml:1: title: must be on one line" in said
    assert "chaires.yaml" in said
    assert "name: must be on one line" in said


def test_a_folded_title_is_one_line(run: Run, cards_copy: Path) -> None:
    # "fr: >" ends its text with a newline: the block's, not the title's (found in review)
    path = cards_copy / "chaires.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:\n  fr: Les chaires", "title:\n  fr: >\n    Les chaires"))
    assert run("validate", str(cards_copy)).exit_code == 0
    shown = run("show", "chaires", "--lang", "fr", "--cards-dir", str(cards_copy)).stdout
    assert shown.startswith("Les chaires\nchaires\n")


def test_markdown_shows_card_text_as_written_never_as_markup(run: Run, cards_copy: Path) -> None:
    # found in a new-user trial: a community card's title made a live link, raw HTML and
    # emphasis in the Markdown note meant for an e-mail
    path = cards_copy / "these-cifre.yaml"
    title = "CIFRE [click](https://evil.example) <script>x</script> *now* &amp; ~~gone~~"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(  en: )(CIFRE thesis.*)$", rf"\g<1>{title}", text, count=1, flags=re.M)
    text = re.sub(
        r"^(  en: >-\n    )(CIFRE thesis.*)$", rf"\g<1>{title}", text, count=1, flags=re.M
    )
    path.write_text(text, encoding="utf-8")
    args = ("--actor", "research", "--maturity", "2", "--goal", "skills", "--lang", "en")
    result = run("recommend", *args, "--format", "markdown", "--cards-dir", str(cards_copy))
    assert result.exit_code == 0, result.stderr
    assert (
        "CIFRE \\[click\\](https://evil.example) \\<script\\>x\\</script\\> \\*now\\* "
        "\\&amp; \\~\\~gone\\~\\~" in result.stdout
    )
    assert "<script>" not in result.stdout
    assert "[click](" not in result.stdout


# --- the prompt accepts what the flags accept ------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("question", "reply", "expected"),
    [
        ("actor", "Collectivité", "local_authority"),
        ("actor", "entreprise", "company"),
        ("actor", "Local authority", "local_authority"),
        ("actor", "Collectivité territoriale", "local_authority"),
        ("goals", "expérimenter", ["experimentation"]),
        ("goals", "Expérimenter, innover, transférer", ["experimentation"]),
        ("goals", "Experiment, innovate, transfer results", ["experimentation"]),
        ("goals", "Se connaître, créer un réseau; financer", ["mutual_knowledge", "funding"]),
        ("goals", "2, Expérimenter, innover, transférer, 5", None),
        ("staff_time", "oui", "yes"),
        ("staff_time", "false", "no"),
    ],
)
def test_the_prompt_accepts_every_value_the_flags_accept(
    catalogue: Catalogue, lang: str, question: str, reply: str, expected: object
) -> None:
    from toolbox_cli.cli import questionnaire as q

    options = q.choices(catalogue.vocabulary, question, lang)  # type: ignore[arg-type]
    picked = q.parse_choice(reply, options, many=question == "goals")
    if expected is None:  # numbers and a label with commas, mixed
        goals = [option.value for option in options]
        assert picked == [goals[1], "experimentation", goals[4]]
    else:
        assert picked == (expected if isinstance(expected, list) else [expected])
    if question in ("actor", "goals") and expected is not None:
        flag = q.resolve_actor if question == "actor" else q.resolve_goal
        if question == "actor" or "," not in reply:
            first = expected[0] if isinstance(expected, list) else expected
            assert flag(catalogue.vocabulary, reply.split(";")[0]) == first


# --- a custom catalogue's vocabulary, a cards directory that is a file ----------------


def test_a_custom_catalogue_vocabulary_is_loaded_as_its_vocabulary(
    run: Run, cards_copy: Path
) -> None:
    from toolbox_cli.catalogue.paths import vocabulary_file

    text = vocabulary_file().read_text(encoding="utf-8")
    (cards_copy / "vocabulary.yaml").write_text(
        text.replace("en: Funding", "en: Money from elsewhere", 1), encoding="utf-8"
    )
    result = run("validate", str(cards_copy), "--json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["cards"] == 26
    listed = run("list", "--cards-dir", str(cards_copy), "--goal", "Money from elsewhere")
    assert listed.exit_code == 0, listed.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("levels",),
        ("levels", "--json"),
        ("list",),
        ("show", CARD),
        ("validate",),
        ("recommend", *PERSONA),
    ],
)
def test_a_broken_vocabulary_is_a_clear_error_in_every_command(
    run: Run, cards_copy: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    (cards_copy / "vocabulary.yaml").write_text("levels: [1, 2\n", encoding="utf-8")
    monkeypatch.setenv("TOOLBOX_CARDS_DIR", str(cards_copy))
    result = run(*args)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "vocabulary.yaml:" in result.stdout + result.stderr


@pytest.mark.parametrize("command", [("list",), ("show", CARD), ("recommend", *PERSONA)])
def test_a_cards_dir_that_is_a_file_is_one_message_however_given(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    path = tmp_path / "cards.yaml"
    path.write_text("id: x\n", encoding="utf-8")
    by_option = run("--cards-dir", str(path), *command)
    monkeypatch.setenv("TOOLBOX_CARDS_DIR", str(path))
    by_environment = run(*command)
    assert by_option.exit_code == by_environment.exit_code == 1
    assert by_option.stderr == by_environment.stderr
    assert "not a directory" in by_option.stderr


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "empty file name"), ("fr", "nom de fichier vide")]
)
def test_an_empty_answers_file_name_is_said_as_such(run: Run, lang: str, said: str) -> None:
    result = run("recommend", "--answers", "", *PERSONA[:-2], "--lang", lang)
    assert result.exit_code == 2
    colon = "\u202f:" if lang == "fr" else ":"
    assert f"--answers{colon} {said}" in result.stderr
    assert "directory" not in result.stderr


def test_a_broken_installed_vocabulary_is_a_clear_error_in_levels(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolbox_cli.catalogue import paths

    broken = tmp_path / "vocabulary.yaml"
    broken.write_text("levels: !!int ''\n", encoding="utf-8")
    monkeypatch.setattr(paths, "vocabulary_file", lambda: broken)
    for lang, said in (("en", "cannot be read as a whole number"), ("fr", "nombre entier")):
        result = run("levels", "--lang", lang)
        assert result.exit_code == 1
        assert isinstance(result.exception, SystemExit)
        assert f"{broken}:1: levels: " in flat(result.stderr)
        assert said in result.stderr


def test_a_full_disk_while_saving_answers_keeps_the_old_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolbox_cli.files import writer as safefile

    path = tmp_path / "a.yaml"
    path.write_text("actor: research\n", encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safefile.os, "fsync", full)
    result = run("recommend", *PERSONA, "--save-answers", str(path))
    assert result.exit_code == 1
    assert f"--save-answers: {path}: No space left on device" in flat(result.stderr)
    assert path.read_text(encoding="utf-8") == "actor: research\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_emoji_codes_are_printed_as_written(run: Run, cards_copy: Path) -> None:
    # Rich would turn ":thumbs_up:" in a string into an emoji; a card's title says
    # what its file says.
    path = cards_copy / f"{CARD}.yaml"
    text = path.read_text(encoding="utf-8")
    titled = re.sub(
        r"^title:\n  fr: .*?\n  en:",
        'title:\n  fr: "Outil :thumbs_up:"\n  en:',
        text,
        count=1,
        flags=re.MULTILINE | re.DOTALL,
    )
    assert titled != text
    path.write_text(titled, encoding="utf-8")
    shown = run("show", CARD, "--lang", "fr", "--cards-dir", str(cards_copy))
    assert shown.exit_code == 0, shown.stderr
    assert ":thumbs_up:" in shown.stdout
    from toolbox_cli.render.people import console

    out = console()
    with out.capture() as captured:
        out.print("Note :smile: :thumbs_up:")
    assert captured.get() == "Note :smile: :thumbs_up:\n"


# What a user typed comes back in the error that names it: escaped like card text, so
# a pasted escape sequence cannot retitle, clear or recolour the terminal. (Click strips
# the CSI sequences it knows when stderr is not a terminal, not the others.)
TYPED = "a\x1b]0;title\x07b\u009b31m\u202eevil\u2066x\u2069y\u200bz"
ARGUMENTS = [
    ["show", TYPED],
    ["recommend", "--actor", TYPED, "--maturity", "0", "--goal", "funding"],
    ["recommend", "--actor", "company", "--maturity", TYPED, "--goal", "funding"],
    ["recommend", "--actor", "company", "--maturity", "0", "--goal", TYPED],
    ["recommend", "--actor", "company", "--maturity", "0", "--goal", "funding", "--explain", TYPED],
    ["recommend", "--actor", "company", "--maturity", "0", "--goal", "funding", "--partner", TYPED],
    ["recommend", "--answers", TYPED],
    ["recommend", "--format", TYPED],
    ["list", "--family", TYPED],
    ["list", "--actor", TYPED],
    ["search", TYPED],
    ["search", "doctorant", "--limit", TYPED],
    ["schema", TYPED],
    ["new", "--extends", TYPED],
    ["validate", TYPED],
    ["list", "--cards-dir", TYPED],
    ["list", "--lang", TYPED],
    [TYPED],
    ["list", f"--{TYPED}"],
]


@pytest.mark.parametrize("args", ARGUMENTS, ids=lambda args: " ".join(args[:2]).replace(TYPED, "X"))
def test_a_typed_value_comes_back_escaped_in_its_error(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (1, 2), result.output
    said = result.stdout + result.stderr
    for raw in ("\x1b", "\x07", "\u009b", "\u202e", "\u2066", "\u2069", "\u200b"):
        assert raw not in said, (raw, said)
    no_internals(said)


FAKED = "x\nError: all is well\ty"


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", "--actor", FAKED, "--maturity", "0", "--goal", "funding"],
        ["show", FAKED],
        ["list", "--family", FAKED],
    ],
    ids=["actor", "card", "family"],
)
def test_a_typed_newline_or_tab_cannot_fake_a_line_of_its_own(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (1, 2)
    lines = result.stderr.splitlines()
    assert not any(line.startswith("Error: all is well") for line in lines), result.stderr
    assert "\t" not in result.stderr
    assert "x\\nError: all is well\\ty" in result.stderr  # shown escaped, on its line
