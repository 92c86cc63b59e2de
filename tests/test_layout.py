"""The shape of the code (STYLE.md and CONTRIBUTING.md, "The code"): data flows one
way, files → catalogue → advisor → renderers → command line, nothing imports in a
circle, and no module imports one of a layer above its own (imports inside functions
and under TYPE_CHECKING included). The graph is built from the source, so a new module
or a new import is held to the rule as soon as it is written."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "toolbox_cli"

# Lowest first: a module may import its own layer and those below it, never one above.
# A package's modules share its layer; a top-level module is named as itself.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("toolbox_cli", "i18n", "text", "safetext", "scales"),  # foundations
    ("errors",),  # the one error type
    ("files",),  # the bounded reader, the safe writer
    ("catalogue",),  # cards validated, one directory, layers, the index, search
    ("advisor",),  # answers, the engine, its result
    ("render",),  # words, people, Markdown, JSON, HTML
    ("site",),  # the static site
    ("cli",),  # the Typer app and its dialogues
    ("__main__",),  # the entry point
)
LAYER = {name: number for number, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    """``toolbox_cli.catalogue.index`` for ``catalogue/index.py``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def group(module: str) -> str:
    """The layer a module belongs to: its package below toolbox_cli, or itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports, relative or absolute."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # ``from pkg import mod`` imports the module ``pkg.mod`` when there is one.
            names = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                for alias in node.names
            ]
        found.update(name for name in names if name in MODULES and name != module)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    unplaced = sorted({group(module) for module in MODULES} - set(LAYER))
    assert unplaced == [], "add the new package or module to LAYERS here and to CONTRIBUTING.md"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_one_above_it(module: str) -> None:
    above = sorted(name for name in GRAPH[module] if LAYER[group(name)] > LAYER[group(module)])
    assert above == [], f"{module} imports {above}, above its layer"


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` (the modules in order), or [] when there is none."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        path.append(node)
        for target in sorted(graph[node]):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(node)
        return []

    for node in sorted(graph):
        found = visit(node)
        if found:
            return found
    return []


def test_nothing_imports_in_a_circle() -> None:
    assert cycle(GRAPH) == []


def test_the_rules_can_fail() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert "toolbox_cli.advisor.engine" in GRAPH["toolbox_cli.cli.commands"]
    assert LAYER[group("toolbox_cli.advisor.engine")] < LAYER[group("toolbox_cli.cli.commands")]
