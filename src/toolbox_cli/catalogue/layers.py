"""Layered catalogues: a community directory over the shipped cards, or over another one.

A directory with a manifest (``catalogue.yaml``) names itself and may say what it
extends and which cards it replaces::

    name: Communauté des tiers-lieux
    extends: shipped          # or a directory, relative to this one
    replaces: [these-cifre]   # cards of the layers below that this one redefines

A layer adds cards (its ``*.yaml`` files, as any catalogue), adds examples or
resources to a card below it with a file of ``extensions/`` that names the card
(``extends: <id>`` and ``examples:``), and replaces a card only when its manifest
says so. Each layer's cards go through its own index (``loader``), so a change in
any layer's file is seen; the layers are then put together here, and every
conflict is an issue naming both files. A directory without a manifest, given
alone, is read as it always was (``loader.load_catalogue`` does not come here).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from toolbox_cli.catalogue import records
from toolbox_cli.catalogue.paths import (
    EXTENSIONS_DIR,
    MANIFEST_MISSPELLED,
    MANIFEST_NAME,
    VOCABULARY_NAME,
    card_names,
    shipped_cards_dir,
)
from toolbox_cli.files import reader as yamlfile
from toolbox_cli.i18n import os_reason
from toolbox_cli.safetext import path_text, single_line
from toolbox_cli.safetext import shown as yaml_shown
from toolbox_cli.text import fold

if TYPE_CHECKING:
    from toolbox_cli.catalogue.loader import Catalogue
    from toolbox_cli.catalogue.validate import CatalogueIssue

SHIPPED = "shipped"  # the manifest's name for the shipped cards, and their catalogue's name
MANIFEST_FIELDS = ("name", "extends", "replaces")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# A problem found while putting the layers together: file, line, field, code, values.
Problem = tuple[str, "int | None", "str | None", str, dict[str, Any]]


@dataclass(frozen=True)
class Layer:
    """One directory of a layered catalogue."""

    path: Path
    name: str  # what ``show`` says an example comes from
    manifest: Path | None = None
    replaces: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # replaces' lines
    extends_line: int | None = None


class LayerError(Exception):
    """Problems in the layers themselves (manifests, missing bases, cycles)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"problems in the catalogue layers: {len(problems)}")
        self.problems = problems


def _issues(problems: list[Problem]) -> list[CatalogueIssue]:
    from toolbox_cli.catalogue.validate import CatalogueIssue

    return [CatalogueIssue(*problem) for problem in problems]


def _same(path: Path) -> str:
    try:
        return os.fspath(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def _default_name(path: Path) -> str:
    return SHIPPED if _same(path) == _same(shipped_cards_dir()) else path_text(path)


def read_manifest(directory: Path) -> tuple[Layer, str | None]:
    """The layer ``directory`` makes and what it extends (``None``: nothing), from its
    manifest when it has one. Raises ``LayerError`` when the manifest is wrong."""
    manifest = directory / MANIFEST_NAME
    if not os.path.lexists(manifest):
        misspelled = directory / MANIFEST_MISSPELLED
        if os.path.lexists(misspelled):
            values = {"name": MANIFEST_NAME}
            raise LayerError([(path_text(misspelled), None, None, "manifest_misspelled", values)])
        return Layer(directory, _default_name(directory)), None
    shown = path_text(manifest)
    try:
        data, node = yamlfile.read(manifest, within=directory)
    except yamlfile.YamlFileError as error:
        raise LayerError([(shown, error.line, error.field, error.code, error.values)]) from None
    problems: list[Problem] = []

    def line(*loc: str | int) -> int | None:
        try:
            return yamlfile.line_of(node, loc)
        except (KeyError, IndexError, TypeError, AttributeError):
            return None

    for key in data:
        if key not in MANIFEST_FIELDS:
            allowed = ", ".join(MANIFEST_FIELDS)
            problems.append((shown, line(key), str(key), "unknown_field", {"allowed": allowed}))
    name = data.get("name", _default_name(directory))
    extends = data.get("extends")
    replaces = data.get("replaces", [])
    for key, value in (("name", name), ("extends", extends)):
        if value is None and key == "extends":
            continue
        if not isinstance(value, str):
            kind = yamlfile.kind_of(value)
            code = (
                "expected_text" if kind in {"list", "mapping", "other"} else "expected_text_quote"
            )
            problems.append((shown, line(key), key, code, {"kind": kind}))
        elif not value.strip():
            problems.append((shown, line(key), key, "blank", {}))
        elif single_line(value) is None:  # the rule of every field printed on one line
            problems.append((shown, line(key), key, "multiline", {}))
        elif len(value) > 200:
            problems.append((shown, line(key), key, "too_long", {"limit": 200}))
    if not isinstance(replaces, list):
        kind = yamlfile.kind_of(replaces)
        problems.append((shown, line("replaces"), "replaces", "expected_list", {"kind": kind}))
        replaces = []
    lines: dict[str, int] = {}
    for number, card_id in enumerate(replaces):
        where = f"replaces.{number}"
        if not isinstance(card_id, str) or not _SLUG.fullmatch(card_id):
            value = yaml_shown(card_id)
            problems.append((shown, line("replaces", number), where, "bad_slug", {"value": value}))
        else:
            lines[card_id] = line("replaces", number) or 0
    if problems:
        raise LayerError(problems)
    layer = Layer(directory, str(name).strip(), manifest, tuple(lines), lines, line("extends"))
    return layer, (str(extends).strip() if extends is not None else None)


def layers_of(dirs: Sequence[Path]) -> list[Layer]:
    """The layers, from the bottom up: each directory after the chain its manifest
    extends, each directory once. Raises ``LayerError`` for a manifest that is wrong,
    names a missing base, or closes a cycle."""
    chain: list[Layer] = []
    seen: set[str] = set()
    problems: list[Problem] = []

    def expand(directory: Path, visiting: list[tuple[str, Layer]]) -> list[Layer]:
        key = _same(directory)
        if any(key == other for other, _ in visiting):
            start = next(n for n, (other, _) in enumerate(visiting) if other == key)
            loop = [*(below.path for _, below in visiting[start:]), directory]
            chain = " → ".join(path_text(os.path.normpath(path)) for path in loop)
            last = visiting[-1][1]  # its manifest's extends closes the cycle
            shown = path_text(os.path.normpath(last.path / MANIFEST_NAME))
            problems.append((shown, last.extends_line, "extends", "layer_cycle", {"chain": chain}))
            return []
        try:
            layer, extends = read_manifest(directory)
        except LayerError as error:
            problems.extend(error.problems)
            return []
        if extends is None:
            return [layer]
        base = shipped_cards_dir() if extends == SHIPPED else directory / extends
        if not base.is_dir():
            line = layer.extends_line
            file = path_text(directory / MANIFEST_NAME)
            problems.append((file, line, "extends", "layer_base_missing", {"base": extends}))
            return []
        return [*expand(base, [*visiting, (key, layer)]), layer]

    for directory in dirs:
        for layer in expand(directory, []):
            key = _same(layer.path)
            if key not in seen:
                seen.add(key)
                chain.append(layer)
    if problems:
        unique = {repr(problem): problem for problem in problems}  # a base met twice
        raise LayerError(list(unique.values()))
    return chain


def vocabulary_dir(dirs: Sequence[Path]) -> Path:
    """The directory whose vocabulary the layered catalogue uses: the topmost layer with
    its own ``vocabulary.yaml``, else the top one (then the shipped vocabulary)."""
    try:
        chain = layers_of(dirs)
    except LayerError:
        return dirs[-1]
    return _vocabulary_layer(chain)


def _vocabulary_layer(chain: Sequence[Layer]) -> Path:
    own = [layer.path for layer in chain if os.path.lexists(layer.path / VOCABULARY_NAME)]
    return own[-1] if own else chain[-1].path


# --- putting the layers together --------------------------------------------------


@dataclass
class _Owner:
    """Where a card comes from: the layer that defines it last, and its file."""

    layer: int
    file: str
    added: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    # the examples extensions add: (layer, extension file, example as JSON data)


def _extension_names(layer: Layer) -> list[str]:
    folder = layer.path / EXTENSIONS_DIR
    if not folder.is_dir():
        return []
    return card_names(folder)


def load_layered(
    dirs: Sequence[Path], *, use_cache: bool | None = None, light: bool = False
) -> Catalogue:
    """The catalogue the layers of ``dirs`` make (see the module's docstring). Raises
    ``CatalogueError`` with every issue of every layer and every conflict between them."""
    from toolbox_cli.catalogue.loader import Catalogue, load_directory

    try:
        chain = layers_of(dirs)
    except LayerError as error:
        from toolbox_cli.catalogue.validate import CatalogueError

        raise CatalogueError(_issues(error.problems)) from None
    loaded: list[Catalogue | None] = []
    failed: set[int] = set()  # layers whose own files have errors, reported as such
    issues: list[CatalogueIssue] = []
    valid = 0
    for number, layer in enumerate(chain):
        if number > 0 and _has_no_cards(layer.path):
            loaded.append(None)  # a layer may only extend cards below it
            continue
        try:
            loaded.append(load_directory(layer.path, use_cache=use_cache, light=light))
        except Exception as error:
            from toolbox_cli.catalogue.validate import CatalogueError

            if not isinstance(error, CatalogueError):
                raise
            issues += error.issues
            valid += error.valid
            loaded.append(None)
            failed.add(number)
    owners: dict[str, _Owner] = {}
    problems: list[Problem] = []
    # Conflicts between layers are told by the cards' file names (a card's id is its
    # file's name, checked with the card): said even when a layer's cards have errors,
    # so that one run of validate gives them all.
    unlisted = False  # a folder that could not be listed: what it holds is unknown
    for number, layer in enumerate(chain):
        unlisted = not _stack(number, layer, owners, problems, unlisted) or unlisted
    vocabulary = _vocabulary(chain, loaded, failed, issues)
    if vocabulary is not None:
        _same_terms(chain, loaded, vocabulary, problems)
    if vocabulary is not None and not issues:
        _extend(chain, loaded, owners, problems, use_cache)
    if not issues and not problems and not failed:
        issues += _title_clashes(chain, loaded, owners)
    if issues or problems:
        from toolbox_cli.catalogue.validate import CatalogueError

        valid += sum(len(found.entries) for found in loaded if found is not None)
        raise CatalogueError(issues + _issues(problems), valid=valid)
    assert vocabulary is not None
    return _assemble(chain, loaded, owners, vocabulary, light, Catalogue)


def _has_no_cards(directory: Path) -> bool:
    try:
        return not card_names(directory)
    except OSError:
        return False  # let the loader say what is wrong with it


def card_files(layer: Layer) -> dict[str, str]:
    """The layer's cards, id -> file name: a card's id is its file's name (checked with
    the card), so a layer's ids are known without reading a card. Raises ``OSError``."""
    return {Path(name).stem: name for name in card_names(layer.path)}


def _stack(
    number: int,
    layer: Layer,
    owners: dict[str, _Owner],
    problems: list[Problem],
    unlisted_below: bool = False,
) -> bool:
    """Put ``layer``'s cards over those below, recording each conflict; ``False`` when
    its folder cannot be listed (the loader says why; what ``replaces`` names there, or
    in a layer above, is then not checked: it could only be told wrongly)."""
    try:
        names = card_files(layer)
    except OSError:
        return False
    manifest = path_text(layer.manifest or layer.path / MANIFEST_NAME)
    for card_id, name in names.items():
        file = path_text(layer.path / name)
        below = owners.get(card_id)
        if below is not None and card_id not in layer.replaces:
            values = {"card_id": card_id, "other": below.file, "manifest": manifest}
            line = yamlfile.key_line(layer.path / name, "id")
            problems.append((file, line, "id", "layer_duplicate_id", values))
            continue
        if below is None and card_id in layer.replaces and not unlisted_below:
            line = layer.lines.get(card_id) or None
            values = {"card_id": card_id}
            problems.append((manifest, line, "replaces", "layer_replaces_unknown", values))
        owners[card_id] = _Owner(number, file)
    for card_id in layer.replaces:
        if card_id not in names:
            line = layer.lines.get(card_id) or None
            values = {"card_id": card_id, "name": f"{card_id}.yaml"}
            problems.append((manifest, line, "replaces", "layer_replaces_missing", values))
    return True


def _vocabulary(
    chain: list[Layer],
    loaded: list[Catalogue | None],
    failed: set[int],
    issues: list[CatalogueIssue],
) -> Any:
    """The one vocabulary of the whole catalogue, which validates every layer's
    extensions and reads every card: that of the topmost layer with its own
    ``vocabulary.yaml`` (even a layer of extensions only, which has no catalogue of its
    own loaded), else the shipped one. ``None`` when it cannot be had (its issues are
    in ``issues``)."""
    from toolbox_cli.catalogue.paths import vocabulary_for

    path = vocabulary_for(_vocabulary_layer(chain))
    for number, (layer, found) in enumerate(zip(chain, loaded, strict=True)):
        if _same(vocabulary_for(layer.path)) != _same(path):
            continue
        if found is not None:
            return found.vocabulary
        if number in failed:
            return None  # its loader said already what is wrong
    from toolbox_cli.catalogue.validate import CatalogueError, load_vocabulary  # Pydantic

    try:
        return load_vocabulary(path)
    except CatalogueError as error:
        issues += error.issues
        return None


def _same_terms(
    chain: list[Layer], loaded: list[Catalogue | None], vocabulary: Any, problems: list[Problem]
) -> None:
    """Every actor, goal and source a layer's cards may use must exist in the vocabulary of
    the whole catalogue (the topmost one of its own), or a renderer could not name it."""
    from toolbox_cli.catalogue.paths import vocabulary_for

    top = vocabulary_for(_vocabulary_layer(chain))
    for layer, found in zip(chain, loaded, strict=True):
        if found is None or found.vocabulary is vocabulary:
            continue
        for kind in ("actors", "goals", "sources"):
            dropped = sorted(found.vocabulary.ids[kind] - vocabulary.ids[kind])
            if dropped:
                values = {"what": kind, "ids": ", ".join(dropped), "other": path_text(top)}
                file = path_text(vocabulary_for(layer.path))
                problems.append((file, None, kind, "layer_vocabulary_drops", values))


class _Checked(NamedTuple):
    """One extension file checked: its data (``extends``, ``examples`` as JSON data) and
    the lines conflicts are reported on, or its problems."""

    name: str
    data: dict[str, Any] | None
    lines: dict[str, Any]
    problems: list[Problem]


def _check_extension(path: Path, vocabulary: Any, raw: bytes | None = None) -> _Checked:
    """Read and validate one extension file (Pydantic: only for files not in the index);
    from ``raw`` when given, the file's bytes already read."""
    from pydantic import ValidationError

    from toolbox_cli.catalogue.models import Extension
    from toolbox_cli.catalogue.validate import validation_issues

    file = path_text(path)
    try:
        data, node = yamlfile.read(path, within=path.parent, raw=raw)
    except yamlfile.YamlFileError as error:
        return _Checked(
            path.name, None, {}, [(file, error.line, error.field, error.code, error.values)]
        )
    try:
        extension = Extension.model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as error:
        issues = validation_issues(error, file, node, Extension)
        return _Checked(
            path.name, None, {}, [(i.file, i.line, i.field, i.code, i.values) for i in issues]
        )
    lines = {
        "extends": yamlfile.line_of(node, ("extends",)),
        "names": [
            yamlfile.line_of(node, ("examples", n, "name")) for n in range(len(extension.examples))
        ],
    }
    return _Checked(path.name, extension.model_dump(mode="json"), lines, [])


def _extensions(folder: Path, vocabulary_path: Path, use_cache: bool | None) -> list[_Checked]:
    """The extension files of ``folder``, checked; those the index of ``folder`` holds
    unchanged (same stamp, or same content) are taken from it without Pydantic."""
    from toolbox_cli.catalogue import index

    names = card_names(folder)
    use_cache = index.enabled() if use_cache is None else use_cache
    vocabulary_bytes = index.read_checked(vocabulary_path)
    key = index.index_key(folder, vocabulary_bytes) if vocabulary_bytes is not None else ""
    where = index.location(folder) if use_cache and key else None
    found = index.open_index(where, key) if where is not None else None
    known = found.rows if found is not None else {}
    results: list[_Checked] = []
    rows: list[index.Row] = []
    vocabulary: Any = None
    changed = found is None or set(known) != set(names)
    for name in names:
        path = folder / name
        # Read once, with the checks a cold run makes (else it is validated, and refused):
        # the digest and what validation gives come from the same bytes.
        content = index.read_checked(path)
        content_digest = index.digest(content) if content is not None else ""
        row = known.get(name)
        cached = _cached(row, found, name) if row and row.digest == content_digest else None
        if cached is not None:
            results.append(cached)
            rows.append(row)  # type: ignore[arg-type]
            continue
        if vocabulary is None:
            from toolbox_cli.catalogue.validate import load_vocabulary

            vocabulary = load_vocabulary(vocabulary_path, vocabulary_bytes)
        checked = _check_extension(path, vocabulary, content)
        results.append(checked)
        changed = True
        if content is not None and not checked.problems:
            stored = json.dumps({"data": checked.data, "lines": checked.lines}, ensure_ascii=False)
            rows.append(index.Row(name, index.NO_STAMP, content_digest, None, None, "[]", stored))
    if found is not None:
        found.close()
    if where is not None and changed:
        index.write(where, key, "{}", rows)
    return results


def _cached(row: Any, found: Any, name: str) -> _Checked | None:
    """The extension as the index holds it, when it has the shape written; else None."""
    try:
        stored = json.loads(found.card_json(name) or "null")
        data, lines = stored["data"], stored["lines"]
        if not (
            isinstance(data, dict)
            and isinstance(data.get("extends"), str)
            and isinstance(data.get("examples"), list)
            and isinstance(lines.get("names"), list)
            and len(lines["names"]) == len(data["examples"])
        ):
            return None
        for example in data["examples"]:
            name_text = example["name"]
            if not all(isinstance(name_text.get(lang), str) for lang in ("fr", "en")):
                return None
        records.build(data)  # the shapes the light records accept
    except (ValueError, TypeError, KeyError, AttributeError, records.RecordError):
        return None
    return _Checked(name, data, lines, [])


def _extend(
    chain: list[Layer],
    loaded: list[Catalogue | None],
    owners: dict[str, _Owner],
    problems: list[Problem],
    use_cache: bool | None,
) -> None:
    """Read every layer's extensions and record the examples they add."""
    from toolbox_cli.catalogue.paths import vocabulary_for

    vocabulary_path = vocabulary_for(_vocabulary_layer(chain))
    for number, layer in enumerate(chain):
        folder = layer.path / EXTENSIONS_DIR
        try:
            if not _extension_names(layer):
                continue
        except OSError as error:
            problems.append((path_text(folder), None, None, "dir_unreadable", os_reason(error)))
            continue
        for checked in _extensions(folder, vocabulary_path, use_cache):
            problems.extend(checked.problems)
            if checked.data is not None:
                _add(number, path_text(folder / checked.name), checked, loaded, owners, problems)


def _add(
    number: int,
    file: str,
    checked: _Checked,
    loaded: list[Catalogue | None],
    owners: dict[str, _Owner],
    problems: list[Problem],
) -> None:
    assert checked.data is not None
    card_id = checked.data["extends"]
    owner = owners.get(card_id)
    if owner is None or owner.layer > number:
        line = checked.lines.get("extends")
        values = {"card_id": card_id}
        problems.append((file, line, "extends", "layer_extends_unknown", values))
        return
    found = loaded[owner.layer]
    assert found is not None
    seen = {
        fold(text): owner.file
        for example in found.card(card_id).examples
        for text in (example.name.fr, example.name.en)
    }
    for _, added_file, added in owner.added:
        seen.update({fold(added["name"][lang]): added_file for lang in ("fr", "en")})
    for position, example in enumerate(checked.data["examples"]):
        name = example["name"]
        other_file = seen.get(fold(name["fr"])) or seen.get(fold(name["en"]))
        if other_file is not None:
            line = checked.lines["names"][position]
            values = {"name": name["fr"], "card_id": card_id, "other": other_file}
            field_name = f"examples.{position}.name"
            problems.append((file, line, field_name, "layer_duplicate_example", values))
            continue
        owner.added.append((number, file, example))
        seen.update({fold(name[lang]): file for lang in ("fr", "en")})


def _title_clashes(
    chain: list[Layer], loaded: list[Catalogue | None], owners: dict[str, _Owner]
) -> list[CatalogueIssue]:
    """A title that two cards of the assembled catalogue share (each layer's index
    already found those within the layer): the same check, over the cards kept."""
    from toolbox_cli.catalogue.loader import duplicate_titles

    titles = []
    for number, found in enumerate(loaded):
        for entry in found.entries if found is not None else ():
            owner = owners.get(entry.id)
            if owner is not None and owner.layer == number:
                titles.append((entry.id, entry.title.fr, entry.title.en))
    titles.sort()

    def card_file(card_id: str) -> str:
        folder = chain[owners[card_id].layer].path
        for name in card_names(folder):
            if name.rsplit(".", 1)[0] == card_id:
                return str(folder / name)
        return str(folder / f"{card_id}.yaml")

    return duplicate_titles(card_file, titles)


def _assemble(
    chain: list[Layer],
    loaded: list[Catalogue | None],
    owners: dict[str, _Owner],
    vocabulary: Any,
    light: bool,
    make: Callable[..., Catalogue],
) -> Catalogue:
    entries = []
    for card_id in sorted(owners):
        found = loaded[owners[card_id].layer]
        assert found is not None
        entries.append(next(entry for entry in found.entries if entry.id == card_id))

    def load_card(card_id: str) -> Any:
        owner = owners[card_id]
        found = loaded[owner.layer]
        assert found is not None
        card = found.card(card_id)
        if isinstance(card, records.Record):
            data = card.model_dump()
        else:
            data = card.model_dump(mode="json")
        name = chain[owner.layer].name
        examples = [{**example, "catalogue": name} for example in data.get("examples", [])]
        examples += [{**added, "catalogue": chain[n].name} for n, _, added in owner.added]
        if light:
            return records.card_of({**data, "examples": examples})
        if not owner.added:
            return card
        from toolbox_cli.catalogue.models import Card

        plain = [{k: v for k, v in example.items() if k != "catalogue"} for example in examples]
        return Card.model_validate({**data, "examples": plain}, context={"vocabulary": vocabulary})

    checked = tuple(
        path_text(layer.path / name)
        for layer, found in zip(chain, loaded, strict=True)
        if found is not None
        for name in found.checked
    )
    return make(vocabulary, tuple(entries), load_card, checked, None, tuple(chain))
