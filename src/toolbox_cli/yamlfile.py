"""Read one untrusted YAML file: one mapping, no surprises.

Uses libyaml's C loader when PyYAML has it. Rejects files over the size limit,
bytes that are not UTF-8, several documents, anything but a mapping at the top,
duplicate keys, merge keys, anchors and aliases, and tags YAML's safe schema
does not know. Every rejection is a ``YamlFileError`` with a 1-based line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .i18n import Lang, issue_text

MAX_BYTES = 256 * 1024

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULL_TAG = "tag:yaml.org,2002:null"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlFileError(Exception):
    """A file that cannot be read as one plain mapping: where, and a problem ``code``."""

    def __init__(self, line: int | None, code: str, **values: object) -> None:
        self.line = line
        self.code = code
        self.values = values
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return issue_text("en", self.code, self.values)

    def text(self, lang: Lang) -> str:
        return issue_text(lang, self.code, self.values)


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
                    raise YamlFileError(_line(key_node), "yaml_merge")
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                    raise YamlFileError(_line(key_node), "yaml_key_type")
                key = key_node.value
                if key in mapping:
                    raise YamlFileError(_line(key_node), "yaml_duplicate_key", key=key)
                mapping[key] = self.build(value_node)
            return mapping
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item) for item in node.value]
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
            return node.value
        try:
            return self.construct_object(node, deep=True)
        except (ValueError, TypeError, AttributeError, OverflowError) as error:
            # e.g. 2024-02-30 read as a date, !!int abc: the constructor's own error
            raise YamlFileError(_line(node), "yaml_invalid", problem=str(error)) from None


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def decode(raw: bytes) -> str:
    """UTF-8 text of ``raw``, or a ``YamlFileError`` on the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise YamlFileError(None, "file_too_big", size=len(raw), limit=MAX_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlFileError(line, "not_utf8") from None
    return text.removeprefix("\ufeff")


MAX_DEPTH = 32  # cards nest 4 deep; libyaml's composer recurses and can crash on depth
_DEEP_INDENT = re.compile(r"\n[ \t]{64,}\S")


def _may_hide_something(text: str) -> bool:
    """Whether ``text`` could hold an anchor or nest deeply (cheap, on the raw text)."""
    return (
        "&" in text
        or text.count("[") + text.count("{") > 4 * MAX_DEPTH
        or _DEEP_INDENT.search(text) is not None
    )


def _scan_events(text: str) -> None:
    """Refuse anchors and aliases (they leave no trace in the composed nodes) and
    nesting deeper than ``MAX_DEPTH``, from the parser's events, before composing."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        line = int(mark.line) + 1 if mark is not None else None
        if getattr(event, "anchor", None):
            raise YamlFileError(
                line, "yaml_alias" if isinstance(event, yaml.AliasEvent) else "yaml_anchor"
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlFileError(line, "yaml_too_deep", limit=MAX_DEPTH)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def parse(text: str) -> tuple[dict[str, Any], yaml.Node]:
    """The mapping in ``text`` and its node tree (for line numbers)."""
    loader = _StrictLoader(text)
    try:
        if _may_hide_something(text):
            _scan_events(text)
        node = loader.get_single_node()
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG):
            raise YamlFileError(1, "empty_file")
        if not isinstance(node, yaml.MappingNode):
            raise YamlFileError(_line(node), "not_mapping")
        data = loader.build(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        problem = error.problem or str(error)
        if "expected a single document" in str(error.context or ""):
            raise YamlFileError(line, "yaml_several_documents") from None
        if "undefined alias" in str(problem):
            raise YamlFileError(line, "yaml_alias") from None
        raise YamlFileError(line, "yaml_invalid", problem=problem) from None
    except yaml.YAMLError as error:
        raise YamlFileError(None, "yaml_invalid", problem=str(error)) from None
    except RecursionError:
        raise YamlFileError(None, "yaml_too_deep", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()
    return data, node


def read(path: Path) -> tuple[dict[str, Any], yaml.Node]:
    """Read and parse ``path`` (size-checked before it is read)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlFileError(None, "file_too_big", size=size, limit=MAX_BYTES)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise YamlFileError(None, "cannot_read", reason=error.strerror) from None
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
