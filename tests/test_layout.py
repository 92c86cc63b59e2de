"""The dependency rule of CONTRIBUTING.md ("The code"): data flows one way, files →
models → catalogue → engine → words → command line, and no module imports one of a
layer above its own (imports inside functions and under TYPE_CHECKING included)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "toolbox_cli"

# Lowest first. A module may import its own layer and those below it, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "i18n", "errors", "lookup", "paths", "safetext", "scales"),  # foundations
    ("yamlfile", "safefile"),  # files
    ("models", "records", "results", "shapes"),  # what is read and what is returned
    ("index", "loader", "layers", "catalogue"),  # the catalogue, in layers
    ("engine",),  # the advisor
    # words, renderers and questions
    (
        "wording",
        "typography",
        "advice_json",
        "export",
        "render",
        "github",
        "questionnaire",
        "authoring",
    ),
    ("usage", "cli", "__main__"),  # the command line
)
LAYER = {module: number for number, modules in enumerate(LAYERS) for module in modules}


def imported(path: Path) -> set[str]:
    """The package's modules that ``path`` imports (``from . import x``, ``from .x import``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    found.discard("__version__")  # ``from . import __version__``: the package itself
    return found | ({"__init__"} if "__version__" in path.read_text(encoding="utf-8") else set())


MODULES = sorted(path.stem for path in PACKAGE.glob("*.py"))


def test_every_module_has_a_layer() -> None:
    unplaced = [module for module in MODULES if module not in LAYER]
    assert unplaced == [], "add the new module to LAYERS here and to CONTRIBUTING.md"


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_one_above_it(module: str) -> None:
    above = sorted(
        name
        for name in imported(PACKAGE / f"{module}.py")
        if name in LAYER and LAYER[name] > LAYER.get(module, len(LAYERS))
    )
    assert above == [], f"{module} imports {above}, above its layer"


def test_the_rule_can_fail() -> None:
    assert LAYER["engine"] < LAYER["render"]
    assert "engine" in imported(PACKAGE / "cli.py")
