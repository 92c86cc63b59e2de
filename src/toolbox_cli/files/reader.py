"""Read one untrusted YAML file: one mapping, no surprises.

Uses libyaml's C loader when PyYAML has it. Rejects files over the size limit,
bytes that are not UTF-8, several documents, anything but a mapping at the top,
duplicate keys, merge keys, anchors and aliases, and tags YAML's safe schema
does not know. Every rejection is a ``YamlFileError`` with a 1-based line.

Plain values are read as written, by YAML 1.2's core schema with JSON's numbers
(``_CORE``): ``true``/``false``, ``null``/``~``, decimal numbers without leading
zeros; anything else (``0x3``, ``0b11``, ``0_3``, ``010``, ``1:0``, ``yes``,
``2024-01-01``) is text, so a message shows it as the file spells it. PyYAML
alone would resolve them by YAML 1.1 (3, 3, 3, 8, 60, true, a date).
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from toolbox_cli.i18n import Lang, issue_text, os_reason
from toolbox_cli.safetext import invisible, printable, unsafe

MAX_BYTES = 256 * 1024

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULL_TAG = "tag:yaml.org,2002:null"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlFileError(Exception):
    """A file that cannot be read as one plain mapping: where, and a problem ``code``."""

    def __init__(
        self, line: int | None, code: str, *, field: str | None = None, **values: object
    ) -> None:
        self.line = line
        self.code = code
        self.field = field  # the dotted path of the offending value, when known
        self.values = values
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return issue_text("en", self.code, self.values)

    def text(self, lang: Lang) -> str:
        return issue_text(lang, self.code, self.values)


class _StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """The safe loader, building the tree directly (anchors are refused before, see below)."""

    def build(self, node: yaml.Node, loc: tuple[str | int, ...] = ()) -> Any:
        """The value of ``node``: mappings with text keys only, once each; no merge keys.

        Faster than the generic ``construct_document``: with no aliases the nodes form a
        tree, so mappings, lists and text are built here; other scalars (numbers,
        booleans, dates...) and anything with another tag go through the safe
        constructor, which refuses tags it does not know. Every failure, oversized
        number and control character is a ``YamlFileError`` naming the line and field.
        """
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and (
            len(node.value) > MAX_ITEMS
        ):
            raise YamlFileError(_line(node), "yaml_too_many", field=_dotted(loc), limit=MAX_ITEMS)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    raise YamlFileError(_line(key_node), "yaml_merge", field=_dotted(loc))
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                    raise YamlFileError(_line(key_node), "yaml_key_type", field=_dotted(loc))
                key = _text(key_node, loc)
                if key in mapping:
                    raise YamlFileError(
                        _line(key_node), "yaml_duplicate_key", field=_dotted(loc), key=key
                    )
                mapping[key] = self.build(value_node, (*loc, key))
            return mapping
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
            return _text(node, loc)
        too_long = isinstance(node.value, str) and len(node.value) > MAX_DIGITS
        if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS and too_long:
            raise YamlFileError(_line(node), "number_too_big", field=_dotted(loc), limit=MAX_DIGITS)
        try:
            return self.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise  # an unknown tag, a tag that does not fit its node: reported below
        except Exception:
            # The constructors fail in many ways (KeyError for !!bool abc, IndexError for
            # !!int '', AttributeError for !!timestamp abc, ValueError for 2024-02-30);
            # none of their wording is meant for a card author.
            raise YamlFileError(
                _line(node),
                "bad_scalar",
                field=_dotted(loc),
                value=_shown(node),
                what=_TAG_WORDS.get(node.tag, "other"),
                tag=_short_tag(node.tag),
            ) from None


# YAML 1.2 core schema, numbers as JSON writes them (plus .inf and .nan).
_CORE = (
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("tag:yaml.org,2002:null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"-?(?:0|[1-9][0-9]*)", "-0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"<<", "<"),  # not 1.2, but refused by name (see build)
)
_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _CORE:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(f"^(?:{_pattern})$"), list(_first))

MAX_ITEMS = 1000  # items in one list or mapping: a card has a few dozen at most
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
MAX_DIGITS = 40  # far past any number a card holds, far below Python's 4,300-digit limit
_TAG_WORDS = {
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "whole_number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:binary": "binary",
}


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _shown(node: yaml.Node) -> str:
    """A node's raw value, short and printable, for a message."""
    raw = node.value if isinstance(node.value, str) else ""
    return printable(raw[:40] + ("…" if len(raw) > 40 else "")).replace("\n", " ")


def _dotted(loc: tuple[str | int, ...]) -> str | None:
    return ".".join(str(part) for part in loc) or None


def _text(node: yaml.ScalarNode, loc: tuple[str | int, ...]) -> str:
    """A text scalar, refused if it holds a control character (escape sequences, bidi
    overrides...) that could rewrite a terminal or hide what a text says."""
    value: str = node.value
    if node.style == '"' and _SURROGATE.search(value):
        # JSON spells a character past U+FFFF as two escapes ("\\ud83d\\ude00"): one
        # character; a surrogate left alone is still refused below.
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    found = unsafe().search(value)
    if found is not None:
        offset = value[: found.start()].count("\n")  # a literal block: the line inside
        offset += 1 if node.style == "|" else 0
        raise YamlFileError(
            _line(node) + offset,
            "invisible_character" if invisible(found.group()) else "control_character",
            field=_dotted(loc),
            char=f"U+{ord(found.group()):04X}",
        )
    return value


_SURROGATE = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def kind_of(value: object) -> str:
    """What YAML made of a value, as a ``WORDS`` key."""
    if isinstance(value, bool):
        return "bool"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (date, datetime)):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text" if isinstance(value, str) else "other"


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


def _flow_depth(text: str) -> int:
    """The deepest nesting of flow brackets in ``text``, quoted scalars skipped: what
    tells a too-deep file from a malformed one when libyaml stops it first (libyaml
    0.2.6, in PyYAML 6.0.4, refuses flow nesting past 1,000 levels in its scanner,
    before any event reaches :func:`_scan_events`)."""
    depth = deepest = 0
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


_ESCAPED_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _joined_pair(found: re.Match[str]) -> str:
    high, low = int(found.group(2), 16), int(found.group(3), 16)
    return f"{found.group(1)}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


def parse(text: str) -> tuple[dict[str, Any], yaml.Node]:
    """The mapping in ``text`` and its node tree (for line numbers)."""
    try:
        return _parse(text)
    except YamlFileError as error:
        # JSON writes a character past U+FFFF as two escapes ("\\ud83d\\ude00"), which
        # libyaml refuses one by one: as YAML's one escape, the file reads as JSON does.
        if error.code != "yaml_invalid" or "escape" not in str(error.values.get("problem")):
            raise
        joined = _ESCAPED_PAIR.sub(_joined_pair, text)
        if joined == text:
            raise
        return _parse(joined)


def _parse(text: str) -> tuple[dict[str, Any], yaml.Node]:
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
    except yaml.reader.ReaderError as error:
        # A character YAML forbids (NUL, ESC...): its line, not its offset in a string.
        at = text[: error.position].count("\n") + 1
        char = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        raise YamlFileError(at, "control_character", char=char) from None
    except yaml.MarkedYAMLError as error:
        if _may_hide_something(text) and _flow_depth(text) > MAX_DEPTH:
            raise YamlFileError(None, "yaml_too_deep", limit=MAX_DEPTH) from None
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


def read(
    path: Path, within: Path | None = None, raw: bytes | None = None
) -> tuple[dict[str, Any], yaml.Node]:
    """Read and parse ``path``: a regular file (inside ``within`` once links are resolved,
    when given), size-checked before it is read. Nothing else is opened or read: a FIFO,
    a device or a link out of the directory is refused by name, its content never shown,
    and no read can block or grow without bound. ``raw``: the file's bytes, already read
    by ``read_bytes`` (once, so that a digest of them and the content agree)."""
    if raw is None:
        raw = read_bytes(path, within)
    return parse(decode(raw))


def read_bytes(path: Path, within: Path | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (else ``file_too_big``)."""
    try:
        if within is not None and not _inside(path, within):
            raise YamlFileError(None, "outside_dir")
        _check_regular(os.stat(path))  # stat first: opening a FIFO could block
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())  # what was opened, if it changed meanwhile
            _check_regular(info)
            if info.st_size > limit:
                raise YamlFileError(None, "file_too_big", size=info.st_size, limit=limit)
            raw = handle.read(limit + 1)
    except OSError as error:
        raise YamlFileError(None, "cannot_read", **os_reason(error)) from None
    except ValueError:  # a NUL byte in the name
        raise YamlFileError(None, "cannot_read", reason="invalid file name") from None
    if len(raw) > limit:
        raise YamlFileError(None, "file_too_big", size=len(raw), limit=limit)
    return raw


def _inside(path: Path, directory: Path) -> bool:
    """Whether ``path``, links resolved, is in ``directory`` (links resolved too)."""
    real = Path(os.path.realpath(path))
    return real.parent == Path(os.path.realpath(directory))


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, as a ``WORDS`` key."""
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other_file"


def _check_regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise YamlFileError(None, "not_regular_file", kind=file_kind(info.st_mode))


def key_line(path: str | os.PathLike[str], key: str) -> int | None:
    """The line of the top-level ``key:`` of the YAML file at ``path``, if it has one:
    where a problem about the whole file's id or title is (read, not parsed: the file was
    validated already)."""
    where = Path(path)
    try:  # the same reader as ever: a FIFO or a device in its place never blocks
        head = read_bytes(where, within=where.parent).decode("utf-8", "replace")
    except YamlFileError:
        return None
    for number, line in enumerate(head.removeprefix("\ufeff").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


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
