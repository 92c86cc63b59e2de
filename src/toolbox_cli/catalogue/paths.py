"""Where the shipped data and the cards are. No Pydantic here: every run uses it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

CARD_SUFFIXES = (".yaml", ".yml")
CARDS_DIR_ENV = "TOOLBOX_CARDS_DIR"
MANIFEST_NAME = "catalogue.yaml"  # a layer's manifest: what it extends and replaces
MANIFEST_MISSPELLED = "catalogue.yml"  # named as a wrong spelling of it, never read as a card
EXTENSIONS_DIR = "extensions"  # a layer's files that add examples to cards below it

# Where the cards are: one directory, or several layered (listed from the bottom up).
Where = Path | tuple[Path, ...]


def data_dir() -> Path:
    """The shipped data: inside the installed package, or the repository's ``data/``."""
    # The package is always files on disk (the index and the cards are read as files),
    # so its folder is where it was imported from: no importlib.resources to load.
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "data"


VOCABULARY_NAME = "vocabulary.yaml"


def vocabulary_file() -> Path:
    return data_dir() / VOCABULARY_NAME


def vocabulary_for(cards_dir: Path) -> Path:
    """The vocabulary of the catalogue in ``cards_dir``: its own ``vocabulary.yaml``
    when it has one (a custom catalogue), else the shipped vocabulary."""
    own = cards_dir / VOCABULARY_NAME
    return own if os.path.lexists(own) else vocabulary_file()


def shipped_cards_dir() -> Path:
    return data_dir() / "cards"


def default_cards_dir(environ: Mapping[str, str] = os.environ) -> Where:
    """``$TOOLBOX_CARDS_DIR`` (one directory, or several separated by ``os.pathsep``,
    layered from the first up), else the shipped cards."""
    override = environ.get(CARDS_DIR_ENV)
    if not override:
        return shipped_cards_dir()
    dirs = tuple(Path(part) for part in override.split(os.pathsep) if part)
    return dirs[0] if len(dirs) == 1 else dirs or shipped_cards_dir()


def layer_dirs(where: Where) -> tuple[Path, ...]:
    return (where,) if isinstance(where, Path) else where


def is_layered(where: Where) -> bool:
    """Whether ``where`` is read as layers: several directories, or one with a manifest."""
    dirs = layer_dirs(where)
    return len(dirs) != 1 or any(
        os.path.lexists(dirs[0] / name) for name in (MANIFEST_NAME, MANIFEST_MISSPELLED)
    )


def where_text(where: Where) -> str:
    """The directories, as a command line would name them."""
    from toolbox_cli.safetext import path_text

    return " ".join(path_text(path) for path in layer_dirs(where))


def card_names(cards_dir: Path) -> list[str]:
    """The names of the card files of ``cards_dir``, sorted; hidden files, sub-folders
    the catalogue's own ``vocabulary.yaml`` and its manifest (even misspelled
    ``catalogue.yml``) are not cards."""
    with os.scandir(cards_dir) as entries:  # scandir: no stat call per file
        names = [
            entry.name
            for entry in entries
            if entry.name.endswith(CARD_SUFFIXES)
            and not entry.name.startswith(".")
            and entry.name not in (VOCABULARY_NAME, MANIFEST_NAME, MANIFEST_MISSPELLED)
            and not entry.is_dir()  # a FIFO or a broken link is named as such, not skipped
        ]
    return sorted(names)


def card_files(cards_dir: Path) -> list[Path]:
    """The card files of ``cards_dir``, sorted (see ``card_names``)."""
    return [cards_dir / name for name in card_names(cards_dir)]
