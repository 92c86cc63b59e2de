"""The safe writer behind ``--save-answers``: it never replaces anything but a regular
file, keeps what the user had (mode, links, comments) and says what it wrote.

Never touches the real /dev: FIFOs, links and read-only files are made in tmp_path.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from toolbox_cli.advisor.results import Answers
from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.cli import questionnaire as q
from toolbox_cli.files import writer as safefile

Run = Callable[..., Result]
PERSONA = ("--actor", "company", "--maturity", "2", "--goal", "funding", "--lang", "en")
ANSWERS = Answers(actor="company", maturity=2, goals=("funding",))
OLD = "actor: research\nmaturity: 1\ngoals: [outreach]\n"


def flat(text: str) -> str:
    return " ".join(text.split())


def recommend(run: Run, *args: str) -> Result:
    return run("recommend", *PERSONA, *args)


def test_a_fifo_is_refused_and_stays_a_fifo(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    fifo = folder / "null"
    os.mkfifo(fifo)
    result = recommend(run, "--save-answers", str(fifo))
    assert result.exit_code == 2
    assert "is a named pipe (FIFO), not a regular file: nothing was written" in flat(result.stderr)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(folder) == ["null"]


def test_a_link_to_a_fifo_is_refused(run: Run, tmp_path: Path) -> None:
    """As /dev/stdout is a link to what stdout is: the link and its target stay."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "stdout").symlink_to(fifo)
    result = recommend(run, "--save-answers", str(tmp_path / "stdout"))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert (tmp_path / "stdout").is_symlink()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_directory_is_refused_in_both_languages(run: Run, tmp_path: Path) -> None:
    result = run("recommend", *PERSONA[:-2], "--lang", "fr", "--save-answers", str(tmp_path))
    assert result.exit_code == 2
    assert "est un dossier, pas un fichier ordinaire : rien n'a été écrit" in flat(result.stderr)


def test_a_link_is_written_through_and_stays_a_link(run: Run, tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    result = recommend(run, "--save-answers", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert yaml.safe_load(real.read_text(encoding="utf-8"))["actor"] == "company"


def test_a_dangling_link_is_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / "link.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = recommend(run, "--save-answers", str(tmp_path / "link.yaml"))
    assert result.exit_code == 2
    assert "link to a file that does not exist" in flat(result.stderr)
    assert not (tmp_path / "nowhere.yaml").exists()


def test_a_hard_linked_file_is_replaced_whole_and_its_other_names_keep_the_old(
    run: Run, tmp_path: Path
) -> None:
    """No file system changes a file for all its names at once: the name given gets the
    new answers whole, with its mode; the other names keep the old ones, never a mix."""
    path = tmp_path / "a.yaml"
    path.write_text(OLD, encoding="utf-8")
    path.chmod(0o640)
    other = tmp_path / "b.yaml"
    os.link(path, other)
    result = recommend(run, "--save-answers", str(path))
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["actor"] == "company"
    assert other.read_text(encoding="utf-8") == OLD
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_mode_of_a_replaced_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(OLD, encoding="utf-8")
    path.chmod(0o644)
    q.save(ANSWERS, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        q.save(ANSWERS, tmp_path / "new.yaml")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_a_read_only_file_is_refused_even_as_root(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(OLD, encoding="utf-8")
    path.chmod(0o444)
    result = recommend(run, "--save-answers", str(path), "--force")
    assert result.exit_code == 2
    assert "is read-only: nothing was written" in flat(result.stderr)
    assert path.read_text(encoding="utf-8") == OLD


def test_a_file_that_is_not_an_answers_file_needs_force(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\nmore notes\n", encoding="utf-8")
    result = recommend(run, "--save-answers", str(notes))
    assert result.exit_code == 2
    assert "is not an answers file: nothing was written (--force to replace it)" in flat(
        result.stderr
    )
    assert notes.read_text(encoding="utf-8") == "my notes\nmore notes\n"
    forced = recommend(run, "--save-answers", str(notes), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert yaml.safe_load(notes.read_text(encoding="utf-8"))["actor"] == "company"


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Answers written to "), ("fr", "Réponses enregistrées dans ")]
)
def test_what_was_written_is_said_on_stderr(run: Run, tmp_path: Path, lang: str, said: str) -> None:
    path = tmp_path / "a.yaml"
    result = run("recommend", *PERSONA[:-2], "--lang", lang, "--save-answers", str(path))
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line == f"{said}{path}."
    assert said not in result.stdout


COMMENTED = """\
# answers for the 2025 call
actor: research  # the lab
maturity: 1
# what we want
goals:  # several
  - outreach
  # the second one
  - skills

staff_time: yes
# end of file
"""


def test_comments_are_kept_when_the_answers_file_is_saved_again(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    result = run(
        "recommend",
        *PERSONA,
        "--goal",
        "skills",
        "--answers",
        str(path),
        "--save-answers",
        str(path),
    )
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    for comment in ("# answers for the 2025 call", "# the lab", "# what we want", "# several"):
        assert comment in text
    assert "# the second one" in text
    assert text.endswith("staff_time: yes\n# end of file\n")
    assert yaml.safe_load(text) == {
        "actor": "company",
        "maturity": 2,
        "goals": ["funding", "skills"],
        "staff_time": True,
    }


def test_an_answer_no_longer_given_is_removed_but_its_comments_stay() -> None:
    previous = b"actor: research\nmaturity: 1\ngoals: [outreach]\n# later\nstaff_time: yes\n"
    text = q.answers_yaml(ANSWERS, previous)
    assert "staff_time" not in text
    assert "# later" in text
    assert yaml.safe_load(text) == {"actor": "company", "maturity": 2, "goals": ["funding"]}


def test_an_empty_name_is_refused(run: Run) -> None:
    result = recommend(run, "--save-answers", "")
    assert result.exit_code == 2
    assert "--save-answers: empty file name" in result.stderr


def test_a_file_replaced_by_a_fifo_after_planning_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(OLD, encoding="utf-8")
    target = q.check_writable(path)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(safefile.UnsafeWrite, match="changed while it was being written"):
        q.write_answers(ANSWERS, target)
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_saving_over_a_file_ending_with_document_end_keeps_it_readable(
    run: Run, tmp_path: Path, catalogue: Catalogue
) -> None:
    """``...`` ends a YAML document: answers go before it, never after."""
    path = tmp_path / "a.yaml"
    path.write_text(OLD + "...\n# after the end\n", encoding="utf-8")
    result = recommend(run, "--answers", str(path), "--save-answers", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.endswith("...\n# after the end\n")
    again = run("recommend", "--answers", str(path), "--lang", "en", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert q.from_file(catalogue.vocabulary, path).actor == "company"


def test_a_file_holding_only_comments_is_an_answers_file_and_keeps_them(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("# our answers, to fill in\n", encoding="utf-8")
    result = recommend(run, "--save-answers", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# our answers, to fill in\n")
    assert yaml.safe_load(text)["actor"] == "company"


def test_a_250_character_name_is_written(run: Run, tmp_path: Path) -> None:
    """The longest legal names (255 bytes): the temporary name beside it fits too."""
    tmp_path = tmp_path / "d"  # nothing else in it
    tmp_path.mkdir()
    for name in ("a" * 245 + ".yaml", "é" * 122 + ".yaml"):
        assert len(os.fsencode(name)) > 240
        path = tmp_path / name
        for _ in range(2):  # created, then replaced
            result = recommend(run, "--save-answers", str(path))
            assert result.exit_code == 0, result.stderr
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["actor"] == "company"
    assert len(os.listdir(tmp_path)) == 2
    assert all(
        len(os.fsencode(safefile.temporary_prefix(n))) + 12 <= 255 for n in os.listdir(tmp_path)
    )


STOP_DURING_WRITE = """
import os, signal, sys
from toolbox_cli import __main__
stop, real = getattr(signal, sys.argv[1]), os.fsync
def fsync(fd):
    real(fd)
    if ".a.yaml." in os.readlink(f"/proc/self/fd/{fd}"):  # the answers' temporary file
        signal.raise_signal(stop)
os.fsync = fsync
sys.argv = ["toolbox", *sys.argv[2:]]
__main__.main()
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_termination_signal_during_the_write_leaves_nothing_behind(
    tmp_path: Path, name: str
) -> None:
    """Like Ctrl-C: the temporary file is removed, the old file stays whole, and the
    process ends by that signal (as a shell reports it)."""
    tmp_path = tmp_path / "d"  # nothing else in it
    tmp_path.mkdir()
    import signal
    import subprocess
    import sys

    path = tmp_path / "a.yaml"
    path.write_text(OLD, encoding="utf-8")
    command = [sys.executable, "-c", STOP_DURING_WRITE, name, "recommend", *PERSONA]
    done = subprocess.run(
        [*command, "--save-answers", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == -getattr(signal, name), done.stderr
    assert "Traceback" not in done.stderr
    assert os.listdir(tmp_path) == ["a.yaml"]
    assert path.read_text(encoding="utf-8") == OLD


@pytest.mark.parametrize("step", ["open", "fdopen", "fchmod", "fsync", "lstat", "replace", "link"])
@pytest.mark.parametrize("exists", [True, False], ids=["replaced", "created"])
def test_an_interruption_at_any_step_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, exists: bool
) -> None:
    tmp_path = tmp_path / "d"  # nothing else in it
    tmp_path.mkdir()
    path = tmp_path / "a.yaml"
    if exists:
        path.write_text(OLD, encoding="utf-8")
    target = q.check_writable(path)
    with monkeypatch.context() as patch, contextlib.suppress(KeyboardInterrupt):
        interrupt_at(patch, step)
        q.write_answers(ANSWERS, target)
    names = os.listdir(tmp_path)
    if not exists and names == []:
        return  # interrupted before the file was there: nothing at all
    assert names == ["a.yaml"]
    text = path.read_text(encoding="utf-8")
    assert text in (OLD, q.answers_yaml(ANSWERS, OLD.encode() if exists else None))


def interrupt_at(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """Ctrl-C as the writer reaches ``step``, a call of ``os``."""

    def stop(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, step, stop)
