"""Read one untrusted YAML file: one mapping, no surprises.

Uses libyaml's C loader when PyYAML has it. Rejects files over the size limit,
bytes that are not UTF-8, several documents, anything but a mapping at the top,
duplicate keys, merge keys, anchors and aliases, and tags YAML's safe schema
does not know. Every rejection is a ``YamlFileError`` with a 1-based line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 256 * 1024

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULL_TAG = "tag:yaml.org,2002:null"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlFileError(Exception):
    line: int | None
    message: str


class _StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """The safe loader, building the tree directly (anchors are refused before, see below)."""

    def build(self, node: yaml.Node) -> Any:
        """The value of ``node``: mappings with text keys only, once each; no merge keys.

        Faster than the generic ``construct_document``: with no aliases the nodes form a
        tree, so mappings, lists and text are built here; other scalars (numbers,
        booleans, dates...) and anything with another tag go through the safe
        constructor, which refuses tags it does not know.
        """
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    raise YamlFileError(_line(key_node), "merge keys (<<) are not allowed")
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                    raise YamlFileError(_line(key_node), "field names must be plain text")
                key = key_node.value
                if key in mapping:
                    raise YamlFileError(_line(key_node), f"duplicate key {key!r}")
                mapping[key] = self.build(value_node)
            return mapping
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item) for item in node.value]
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
            return node.value
        return self.construct_object(node, deep=True)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def decode(raw: bytes) -> str:
    """UTF-8 text of ``raw``, or a ``YamlFileError`` on the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise YamlFileError(None, f"file is {len(raw)} bytes; the limit is {MAX_BYTES} (256 KiB)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlFileError(line, "not UTF-8 text: save the file as UTF-8") from None
    return text.removeprefix("\ufeff")


def _check_no_anchors(text: str) -> None:
    # Anchors leave no trace in the composed nodes, so look at the events; only
    # files containing '&' pay for it.
    for event in yaml.parse(text, Loader=_Loader):
        if getattr(event, "anchor", None):
            if isinstance(event, yaml.AliasEvent):
                message = "aliases (*name) are not allowed: write the value out"
            else:
                message = "anchors (&name) are not allowed: write the value out"
            mark = event.start_mark
            raise YamlFileError(int(mark.line) + 1 if mark is not None else None, message)


def parse(text: str) -> tuple[dict[str, Any], yaml.Node]:
    """The mapping in ``text`` and its node tree (for line numbers)."""
    loader = _StrictLoader(text)
    try:
        if "&" in text:
            _check_no_anchors(text)
        node = loader.get_single_node()
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG):
            raise YamlFileError(1, "the file is empty: expected a mapping of card fields")
        if not isinstance(node, yaml.MappingNode):
            raise YamlFileError(_line(node), "expected a mapping (field: value) at the top level")
        data = loader.build(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        problem = error.problem or str(error)
        if "expected a single document" in str(error.context or ""):
            problem = "only one YAML document per file (remove the extra '---')"
        elif "undefined alias" in str(problem):
            problem = "aliases (*name) are not allowed: write the value out"
        raise YamlFileError(line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlFileError(None, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    return data, node


def read(path: Path) -> tuple[dict[str, Any], yaml.Node]:
    """Read and parse ``path`` (size-checked before it is read)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlFileError(None, f"file is {size} bytes; the limit is {MAX_BYTES} (256 KiB)")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise YamlFileError(None, f"cannot read the file: {error.strerror}") from None
    return parse(decode(raw))


def line_of(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The line of the value at ``loc`` in ``node``, or of its nearest existing parent."""
    line = _line(node)
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    line = _line(key_node)
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = _line(child)
        if child is None:
            break
        node = child
    return line
