"""``toolbox show NAME --json`` straight from a fresh cache: no Typer, Pydantic or Rich.

Scripts call ``show --json`` in loops; importing the CLI stack costs several
times what reading one cached card does. This path serves only the exact,
simple form of that command, and only when the cache of the catalogue is fresh
and free of errors. In every other case (other options, unknown card, stale or
missing cache, bad language...) it returns ``None`` and the normal CLI runs,
with its messages and exit codes. Both print through ``export.card_view``, so
they write the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import cache
from .export import card_view, write_json
from .i18n import pick_lang
from .lookup import resolve_name
from .paths import card_files, default_cards_dir, vocabulary_file

_VALUED = ("--lang", "--cards-dir")


def parse_show_json(argv: Sequence[str]) -> tuple[str, dict[str, str]] | None:
    """``(name, options)`` for ``[--lang L] [--cards-dir D] show NAME --json [...]``, else None.

    Options given after ``show`` win over the same options given before it, as in the CLI.
    """
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    options = before
    names: list[str] = []
    seen_show = seen_json = False
    args = list(argv)
    while args:
        arg = args.pop(0)
        key, equals, value = arg.partition("=")
        if key in _VALUED:
            if not equals:
                if not args:
                    return None
                value = args.pop(0)
            if key in options:
                return None
            options[key] = value
        elif arg == "--json" and seen_show and not seen_json:
            seen_json = True
        elif arg == "show" and not seen_show:
            seen_show, options = True, after
        elif seen_show and not arg.startswith("-") and not names:
            names.append(arg)
        else:
            return None
    if not (seen_show and seen_json and len(names) == 1):
        return None
    return names[0], {**before, **after}


def run(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> int | None:
    """Serve ``show NAME --json`` from the cache and return 0, or ``None`` to go the long way."""
    parsed = parse_show_json(argv)
    if parsed is None or not cache.enabled(environ):
        return None
    name, options = parsed
    try:
        lang = pick_lang(options.get("--lang"), environ)
        directory = options.get("--cards-dir")
        cards_dir = Path(directory) if directory else default_cards_dir(environ)
        index = cache.read(cards_dir, cache.stamp(vocabulary_file()), environ)
        if index is None:
            return None
        files = {path.name: path for path in card_files(cards_dir)}
        if set(files) != set(index.files) or len({Path(n).stem for n in files}) != len(files):
            return None
        entries = {}
        for file_name, checked in index.files.items():
            if checked.issues or checked.entry is None:
                return None
            if cache.stamp(files[file_name]) != checked.stamp:
                return None
            entries[checked.entry["id"]] = checked
        card_id = resolve_name(
            (
                (i, c.entry["title"]["fr"], c.entry["title"]["en"])
                for i, c in entries.items()
                if c.entry is not None
            ),
            name,
        )
        data = index.card_bytes(entries[card_id])
        if data is None:
            return None
        view = card_view(json.loads(data), index.extra["sources"], lang)
    except Exception:  # only a shortcut: on any surprise the full path decides and reports
        return None
    write_json(view)
    return 0
