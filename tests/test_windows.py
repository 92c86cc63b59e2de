"""Every command, in a Python whose ``os`` and ``signal`` lack the names Windows does not
have (a simulation of Windows' ``os``): nothing the tool calls is POSIX-only unguarded.

One process runs the commands one after the other through ``__main__.main`` (the real
entry point, with its signal set-up), the tool imported after the names are removed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from toolbox_cli.catalogue.paths import data_dir

# In CPython's os and signal on Linux and macOS, not on Windows (docs: "Availability: Unix").
POSIX_ONLY_OS = (
    "fchmod", "fchown", "chown", "lchown", "lchmod", "getuid", "geteuid", "getgid",
    "getegid", "getgroups", "setuid", "setgid", "fork", "forkpty", "killpg", "getpgid",
    "setsid", "getppid", "mkfifo", "mknod", "major", "minor", "makedev", "pathconf",
    "fpathconf", "statvfs", "fstatvfs", "sync", "pipe2", "getloadavg", "nice", "uname",
    "ttyname", "openpty", "sysconf", "confstr", "pread", "pwrite", "readv", "writev",
    "sendfile", "wait3", "wait4", "posix_spawn", "register_at_fork", "fdatasync",
    "O_NONBLOCK", "O_CLOEXEC", "O_NOCTTY", "O_NOFOLLOW", "O_DIRECTORY", "O_SYNC",
    "O_DSYNC", "O_ASYNC", "O_NDELAY", "O_RSYNC", "O_NOATIME", "O_PATH", "O_TMPFILE",
    "EX_IOERR", "sched_getaffinity",
)  # fmt: skip
POSIX_ONLY_SIGNAL = (
    "SIGHUP", "SIGPIPE", "SIGKILL", "SIGALRM", "SIGCHLD", "SIGUSR1", "SIGUSR2", "SIGQUIT",
    "SIGTSTP", "SIGCONT", "SIGSTOP", "SIGWINCH", "SIGTTIN", "SIGTTOU", "SIGBUS", "SIGIO",
    "pause", "alarm", "setitimer", "getitimer", "siginterrupt", "pthread_kill",
    "pthread_sigmask", "sigwait", "sigpending", "sigtimedwait", "sigwaitinfo",
)  # fmt: skip

# The standard library and the dependencies are imported first: on Windows they are
# built for it (CPython's own subprocess reads os.WNOHANG on POSIX); the tool's own
# modules are imported after the names are gone.
RUN_AS_WINDOWS = """
import json, os, signal, sys
import platformdirs, pydantic, rich, ruamel.yaml, shutil, sqlite3, subprocess, tempfile
import typer, yaml
for module, names in ((os, {os_names}), (signal, {signal_names})):
    for name in names:
        if hasattr(module, name):
            delattr(module, name)
from toolbox_cli import __main__
for args in json.loads(sys.argv[1]):
    sys.argv = ["toolbox", *args]
    print("\\x00run", json.dumps(args), file=sys.stderr, flush=True)
    try:
        __main__.main()
    except SystemExit as done:
        print("\\x00exit", done.code if done.code is not None else 0, file=sys.stderr, flush=True)
"""

CARD = (
    "--id", "chaire-windows", "--title-fr", "Chaire Windows", "--title-en", "Windows chair",
    "--summary-fr", "Un résumé.", "--summary-en", "A summary.", "--family", "1",
    "--level", "2", "--concerns", "research", "--initiative", "research",
    "--goal", "reflexivity", "--source", "uga-territoires",
    "--section-fr", "Une partie", "--section-en", "A part",
)  # fmt: skip
EXAMPLE = ("--kind", "example", "--name-fr", "Un exemple", "--name-en", "An example")
EXAMPLE += ("--source", "uga-territoires")


def test_every_command_runs_without_the_posix_only_names(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    layer = tmp_path / "layer"
    layer.mkdir()
    persona = ("--actor", "company", "--maturity", "2", "--goal", "funding")
    commands: list[list[str]] = [
        ["--version"],
        ["--help"],
        ["recommend", *persona, "--save-answers", str(answers)],
        ["recommend", "--answers", str(answers), "--save-answers", str(answers)],
        ["recommend", "--answers", str(answers), "--format", "json"],
        ["recommend", "--answers", str(answers), "--format", "markdown"],
        ["show", "these-cifre"],
        ["show", "these-cifre", "--json"],
        ["list"],
        ["list", "--json"],
        ["search", "thèse"],
        ["validate", str(data_dir() / "cards")],
        ["schema", "card"],
        ["levels"],
        ["new", "--dir", str(layer), "--extends", "these-cifre", *EXAMPLE],
        ["validate", str(layer)],
        ["--cards-dir", str(layer), "list"],
        ["--cards-dir", str(layer), "show", "these-cifre"],
        # last: a new card holds texts to complete, and its catalogue is not used until then
        ["new", "--dir", str(layer), *CARD],
    ]
    script = RUN_AS_WINDOWS.format(os_names=POSIX_ONLY_OS, signal_names=POSIX_ONLY_SIGNAL)
    env = {**os.environ, "TOOLBOX_CACHE_DIR": str(tmp_path / "cache"), "TOOLBOX_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(commands)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    ran = [part for part in done.stderr.split("\x00") if part]
    codes = {
        tuple(json.loads(run.split(" ", 1)[1].split("\n", 1)[0])): ended
        for run, ended in zip(ran[::2], ran[1::2], strict=True)
    }
    assert len(codes) == len(commands), done.stderr
    for command, ended in codes.items():
        assert ended.startswith("exit 0"), (command, ended, done.stderr)
    assert "actor: company" in answers.read_text(encoding="utf-8")
    assert (layer / "chaire-windows.yaml").is_file()
