"""The installed command (``console``) ends without the interpreter's teardown, and
says exactly what ``python -m toolbox_cli`` says: the same output, the same exit code."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CONSOLE = "import sys; from toolbox_cli.__main__ import console; sys.argv[0] = 'toolbox'; console()"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--version"], 0),
        (["list", "--json"], 0),
        (["show", "these-cifre", "--lang", "fr"], 0),
        (["show", "no-such-card"], 1),
        (["recommend", "--actor", "nobody"], 2),
        (["search", "zzzqqqxxx", "--json"], 1),
    ],
)
def test_the_installed_command_ends_as_python_m_does(args: list[str], code: int) -> None:
    env = {**os.environ, "TOOLBOX_NO_CACHE": "1"}
    ways = ([sys.executable, "-c", CONSOLE], [sys.executable, "-m", "toolbox_cli"])
    done = [
        subprocess.run([*way, *args], capture_output=True, env=env, timeout=120, check=False)
        for way in ways
    ]
    assert done[0].returncode == done[1].returncode == code
    assert done[0].stdout == done[1].stdout
    assert done[0].stderr == done[1].stderr


def test_the_installed_command_flushes_a_large_output_before_it_ends() -> None:
    # many cards' JSON, written to a pipe: every byte arrives before the process ends
    env = {**os.environ, "TOOLBOX_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CONSOLE, "list", "--json", "--lang", "fr"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    same = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", "list", "--json", "--lang", "fr"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == same.returncode
    assert len(done.stdout) > 5_000
    assert done.stdout == same.stdout


def test_main_leaves_the_cycle_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # A test (or a program) that calls main went on without collecting cycles: each
    # SQLite connection left open (one cycle each) kept its file descriptor, past
    # select()'s 1,024 in a long test session (found here: pexpect failed).
    import gc

    from toolbox_cli import __main__ as entry

    monkeypatch.setattr(sys, "argv", ["toolbox", "--version"])
    with pytest.raises(SystemExit):
        entry.main()
    assert gc.isenabled()
