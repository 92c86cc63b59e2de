"""The built wheel, installed in a fresh virtual environment, works from any directory."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from toolbox_cli.catalogue.validate import data_dir

ROOT = Path(__file__).resolve().parents[1]
BIN = "Scripts" if os.name == "nt" else "bin"
SLOW = 900  # seconds: a safety net for a hung pip, not a timing assertion


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path

    @property
    def toolbox(self) -> Path:
        return self.venv / BIN / "toolbox"

    @property
    def python(self) -> Path:
        return self.venv / BIN / "python"


def clean_env(**extra: str) -> dict[str, str]:
    """The current environment minus what would make Python find this checkout."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSAFEPATH"}
        and not name.startswith("TOOLBOX_")
    }
    env.update(extra)
    return env


def call(*args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=SLOW,
        check=False,
    )


def checked(*args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = call(*args, cwd=cwd, **env)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel from the repository and install it in a new venv, once per module."""
    work = tmp_path_factory.mktemp("install")
    dist = work / "dist"
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)]
        if importlib.util.find_spec("hatchling") is not None:
            command.append("--no-isolation")  # the backend is here already: no download
        checked(*command, str(ROOT), cwd=work)
    else:
        checked(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, ROOT, cwd=work)
    wheels = list(dist.glob("toolbox_cli-*.whl"))
    assert len(wheels) == 1, wheels
    venv = work / "venv"
    checked(sys.executable, "-m", "venv", venv, cwd=work)
    result = Installed(wheels[0], venv)
    checked(result.python, "-m", "pip", "install", "--quiet", wheels[0], cwd=work)
    return result


def test_the_wheel_ships_the_cards_and_the_vocabulary(installed: Installed, tmp_path: Path) -> None:
    script = (
        "import toolbox_cli, toolbox_cli.catalogue.paths as p;"
        "print(toolbox_cli.__file__); print(p.data_dir());"
        "print(len(p.card_files(p.data_dir() / 'cards')))"
    )
    module, data, count = checked(installed.python, "-c", script, cwd=tmp_path).stdout.split("\n")[
        :3
    ]
    assert Path(module).resolve().is_relative_to(installed.venv.resolve())
    assert Path(data).resolve().is_relative_to(installed.venv.resolve())
    assert (Path(data) / "vocabulary.yaml").is_file()
    assert int(count) == len(list((data_dir() / "cards").glob("*.yaml")))


def test_show_json_from_another_directory(installed: Installed, tmp_path: Path) -> None:
    done = checked(installed.toolbox, "show", "these-cifre", "--json", cwd=tmp_path)
    data = json.loads(done.stdout)
    assert data["id"] == "these-cifre"
    card = yaml.safe_load((data_dir() / "cards" / "these-cifre.yaml").read_text("utf-8"))
    assert data["title"] == card["title"][data["lang"]]
    french = checked(
        installed.toolbox, "show", "these-cifre", "--json", "--lang", "fr", cwd=tmp_path
    )
    assert json.loads(french.stdout)["title"] == card["title"]["fr"]


def test_list_json_piped_to_another_program(installed: Installed, tmp_path: Path) -> None:
    count = "import json, sys; print(len(json.load(sys.stdin)))"
    with subprocess.Popen(
        [str(installed.toolbox), "list", "--json"],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
    ) as producer:
        reader = subprocess.run(
            [sys.executable, "-c", count],
            stdin=producer.stdout,
            capture_output=True,
            text=True,
            timeout=SLOW,
            check=True,
        )
        assert producer.stdout is not None
        producer.stdout.close()
        assert producer.wait(timeout=SLOW) == 0
    assert int(reader.stdout) == 26


def test_show_json_is_the_same_from_the_cache_and_without_it(
    installed: Installed, tmp_path: Path
) -> None:
    cache = str(tmp_path / "cache")
    args = ("show", "commande-publique", "--json", "--lang", "fr")
    first = checked(installed.toolbox, *args, cwd=tmp_path, XDG_CACHE_HOME=cache)
    second = checked(installed.toolbox, *args, cwd=tmp_path, XDG_CACHE_HOME=cache)
    uncached = checked(installed.toolbox, *args, cwd=tmp_path, TOOLBOX_NO_CACHE="1")
    assert first.stdout == second.stdout == uncached.stdout
    assert json.loads(first.stdout)["id"] == "commande-publique"


def test_errors_go_to_stderr_with_their_exit_codes(installed: Installed, tmp_path: Path) -> None:
    missing = call(installed.toolbox, "show", "commande-publiqe", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (1, "")
    assert "commande-publique" in missing.stderr
    usage = call(installed.toolbox, "list", "--family", "9", cwd=tmp_path)
    assert (usage.returncode, usage.stdout) == (2, "")
    assert "Traceback" not in missing.stderr + usage.stderr


def test_validate_and_version_of_the_installed_tool(installed: Installed, tmp_path: Path) -> None:
    checked(installed.toolbox, "validate", cwd=tmp_path)
    version = installed.wheel.name.split("-")[1]
    shown = checked(installed.python, "-m", "toolbox_cli", "--version", cwd=tmp_path)
    assert shown.stdout == f"toolbox {version}\n"


def lower_bounds() -> dict[str, str]:
    """Each dependency's lower bound in pyproject.toml (runtime and test), by name."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for block in re.findall(r"^(?:dependencies|test) = \[(.*?)^\]", text, re.M | re.S):
        for name, bound in re.findall(r'"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?>=([^,;"]+)', block):
            found[name.lower().replace("_", "-")] = bound
    return found


def test_the_lowest_versions_ci_tries_are_the_bounds_pyproject_allows() -> None:
    pinned: dict[str, str] = {}
    for line in (ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pinned[name.strip().lower().replace("_", "-")] = version.strip()
    from packaging.version import Version  # pytest's own dependency

    bounds = lower_bounds()
    assert {"typer", "pydantic"} <= set(bounds)  # the reader finds what is there
    assert {name: Version(v) for name, v in pinned.items()} == {
        name: Version(v) for name, v in bounds.items()
    }
