"""What keeps toolbox fast, as behaviour: JSON paths load no Rich, a warm index builds
no model, help loads no cards, and checking on several cores gives exactly what
checking on one does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolbox_cli.catalogue import load_catalogue
from toolbox_cli.catalogue import validate as catalogue_module
from toolbox_cli.catalogue.validate import CatalogueError

PROBE = """
import runpy, sys
sys.argv = ["toolbox", *sys.argv[1:]]
try:
    runpy.run_module("toolbox_cli", run_name="__main__")
except SystemExit as end:
    code = end.code
else:
    code = 0
loaded = any(name == "rich" or name.startswith("rich.") for name in sys.modules)
# Pydantic at all, not only our models: a library that imports it (Typer 0.29 does, for
# its adapters) costs a warm run as much as building the models would.
models = "toolbox_cli.catalogue.models" in sys.modules or "pydantic" in sys.modules
shapes = "toolbox_cli.render.contracts" in sys.modules
sys.stderr.write(f"\\nPROBE code={code} rich={loaded} models={models} shapes={shapes}\\n")
"""


def probe_all(*args: str, env: dict[str, str] | None = None) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("PROBE"), done.stderr
    return dict(part.split("=") for part in last.split()[1:])


def probe(*args: str, env: dict[str, str] | None = None) -> tuple[str, bool]:
    fields = probe_all(*args, env=env)
    return fields["code"], fields["rich"] == "True"


@pytest.mark.parametrize(
    "args",
    [
        ["show", "these-cifre", "--json"],
        ["list", "--json"],
        ["levels", "--json"],
        ["validate", "--json"],
        ["recommend", "--actor", "research", "--maturity", "1", "--goal", "skills", "--json"],
        [
            "recommend",
            "--actor",
            "research",
            "--maturity",
            "1",
            "--goal",
            "skills",
            "--format",
            "json",
        ],
    ],
)
def test_json_output_does_not_load_rich(args: list[str]) -> None:
    for env in ({"TOOLBOX_NO_CACHE": "1"}, {}):  # the full path, then the cached one
        code, rich_loaded = probe(*args, env=env)
        assert code == "0"
        assert not rich_loaded


@pytest.mark.parametrize(
    "args",
    [
        ["show", "these-cifre", "--json"],
        ["show", "these-cifre"],
        ["list", "--json"],
        ["list"],
        ["levels", "--json"],
        ["levels"],
        ["search", "doctorant", "--json"],
        ["search", "doctorant"],
        ["validate"],
        ["recommend", "--actor", "company", "--maturity", "1", "--goal", "skills", "--json"],
        ["recommend", "--actor", "collectivite", "--maturity", "0", "--goal", "experimenter"],
        [
            "recommend",
            *("--actor", "research", "--maturity", "2", "--goal", "skills"),
            "--explain",
            "these-cifre",
        ],
    ],
)
def test_a_warm_index_builds_no_model(args: list[str]) -> None:
    probe_all("list", "--json")  # the index is written
    fields = probe_all(*args)
    assert fields["code"] == "0"
    assert fields["models"] == "False"  # validated rows are read, not validated again
    assert fields["shapes"] == "False"  # the JSON shapes are for schema, not for a run


def test_a_warm_layered_catalogue_builds_no_model(tmp_path: Path) -> None:
    import shutil

    community = tmp_path / "community"
    shutil.copytree(Path(__file__).resolve().parents[1] / "examples" / "community", community)
    env = {"TOOLBOX_CARDS_DIR": str(community)}
    probe_all("list", "--json", env=env)  # each layer's index, and its extensions', written
    for args in (["show", "recherche-sur-le-territoire", "--json"], ["list"], ["validate"]):
        fields = probe_all(*args, env=env)
        assert fields["code"] == "0"
        assert fields["models"] == "False"


def test_human_output_does_load_rich() -> None:  # the probe itself can tell
    code, rich_loaded = probe("show", "these-cifre")
    assert code == "0"
    assert rich_loaded


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["recommend", "--help"]])
def test_help_reads_no_cards(args: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-cards"
    done = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TOOLBOX_CARDS_DIR": str(missing)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert "Usage" in done.stdout
    assert not done.stderr


def test_parallel_checking_gives_the_same_results_and_errors(
    cards_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chaires = cards_copy / "chaires.yaml"
    chaires.write_text(
        chaires.read_text(encoding="utf-8").replace("levels: [2, 3, 4, 5]", "levels: [2, 3, 4, 9]"),
        encoding="utf-8",
    )
    (cards_copy / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    results = []
    for threshold in (10_000, 1):  # serial, then every file through worker processes
        monkeypatch.setattr(catalogue_module, "PARALLEL_FROM", threshold)
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(cards_copy, use_cache=False)
        results.append(([str(issue) for issue in raised.value.issues], raised.value.valid))
    assert results[0] == results[1]
    assert len(results[0][0]) == 2
    chaires.write_text(
        chaires.read_text(encoding="utf-8").replace("levels: [2, 3, 4, 9]", "levels: [2, 3, 4, 5]"),
        encoding="utf-8",
    )
    (cards_copy / "broken.yaml").unlink()
    cards = []
    for threshold in (10_000, 1):
        monkeypatch.setattr(catalogue_module, "PARALLEL_FROM", threshold)
        loaded = load_catalogue(cards_copy, use_cache=False)
        cards.append([loaded.card(card_id) for card_id in loaded.ids()])
    assert cards[0] == cards[1]
