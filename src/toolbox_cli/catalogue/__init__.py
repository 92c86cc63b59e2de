"""The catalogue: cards validated, one directory or layers, the index and search.

``load_catalogue`` is the way in: it reads one directory (``loader``) or layers
(``layers``), each from its index when that is current. The modules, lowest first:
``paths`` (where things are), ``models`` and ``records`` (what is read), ``issues``
and ``validate`` (checking files), ``index`` (the SQLite index and search),
``loader`` (one directory), ``layers`` (a community's directory over another),
``authoring`` (writing a card that validates).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from toolbox_cli.catalogue.paths import (
    Where,
    default_cards_dir,
    is_layered,
    layer_dirs,
    vocabulary_for,
)

if TYPE_CHECKING:
    from toolbox_cli.catalogue.loader import Catalogue
    from toolbox_cli.catalogue.models import Vocabulary


def load_catalogue(
    cards_dir: Where | None = None,
    *,
    use_cache: bool | None = None,
    light: bool = False,
) -> Catalogue:
    """The catalogue of ``cards_dir`` (default: ``$TOOLBOX_CARDS_DIR``, else the shipped
    cards): one directory, read alone, or layers (several directories, or one whose
    manifest extends another; see ``layers``).

    Raises ``CatalogueError`` with every issue of the catalogue. ``use_cache`` and
    ``light``: see ``load_directory``.
    """
    where = cards_dir or default_cards_dir()
    if not is_layered(where):
        from toolbox_cli.catalogue.loader import load_directory

        return load_directory(layer_dirs(where)[0], use_cache=use_cache, light=light)
    from toolbox_cli.catalogue.layers import load_layered

    return load_layered(layer_dirs(where), use_cache=use_cache, light=light)


def load_vocabulary_light(where: Where | None = None) -> Vocabulary:
    """The vocabulary as the index of ``where`` holds it (no Pydantic) when that
    index is current, else read and validated from its file."""
    where = where or default_cards_dir()
    if is_layered(where):
        from toolbox_cli.catalogue.layers import vocabulary_dir

        cards_dir = vocabulary_dir(layer_dirs(where))
    else:
        cards_dir = layer_dirs(where)[0]
    from toolbox_cli.catalogue import index, records

    if index.enabled():
        content = index.read_checked(vocabulary_for(cards_dir))
        key = index.index_key(cards_dir, content) if content is not None else ""
        if key:
            found = index.open_index(index.location(cards_dir), key, rows=False)
            if found is not None:
                try:
                    return records.vocabulary_of(json.loads(found.vocabulary))  # type: ignore[return-value]
                except (ValueError, records.RecordError):
                    pass
                finally:
                    found.close()
    from toolbox_cli.catalogue.validate import load_vocabulary

    return load_vocabulary(vocabulary_for(cards_dir))
