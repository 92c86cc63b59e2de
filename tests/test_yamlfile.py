"""The strict YAML reader: every rejection names the right 1-based line and says why."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolbox_cli.files import reader as yamlfile
from toolbox_cli.files.reader import MAX_BYTES, YamlFileError


def rejection(text: str) -> YamlFileError:
    with pytest.raises(YamlFileError) as caught:
        yamlfile.parse(text)
    return caught.value


def test_a_plain_mapping_is_read() -> None:
    data, node = yamlfile.parse("id: x\nlevels: [1, 2]\ntitle:\n  fr: a\n  en: b\n")
    assert data == {"id": "x", "levels": [1, 2], "title": {"fr": "a", "en": "b"}}
    assert isinstance(node, yaml.MappingNode)


def test_the_c_loader_is_used_when_pyyaml_has_it() -> None:
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert yamlfile._Loader is expected


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\ntitle: a\nid: y\n", 3),
        ("id: x\ntitle:\n  fr: a\n  en: b\n  fr: c\n", 5),
        ("id: x\ntitle: {fr: a, en: b, 'fr': c}\n", 2),
    ],
    ids=["top-level", "nested", "quoted-twin"],
)
def test_duplicate_keys_are_rejected_on_the_second_occurrence(text: str, line: int) -> None:
    error = rejection(text)
    assert error.line == line
    assert "duplicate key" in error.message
    assert "'fr'" in error.message or "'id'" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\ntitle: &t\n  fr: a\n  en: b\n", 2),
        ("id: x\nlevels: [1]\nfamilies: &f [1]\n", 3),
        ("id: x\ntitle: &t {fr: a, en: b}\nsummary: *t\n", 2),
    ],
    ids=["mapping", "sequence", "anchor-then-alias"],
)
def test_anchors_are_rejected_on_their_line(text: str, line: int) -> None:
    error = rejection(text)
    assert error.line == line
    assert "anchors (&name) are not allowed" in error.message


def test_an_alias_without_anchor_is_rejected_on_its_line() -> None:
    error = rejection("id: x\ntitle: a\nsummary: *t\n")
    assert error.line == 3
    assert "alias" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "id: x\ntitle:\n  <<: {fr: a}\n  en: b\n",
        "id: x\ntitle:\n  en: b\n  << : {fr: a}\n",
    ],
)
def test_merge_keys_are_rejected(text: str) -> None:
    error = rejection(text)
    assert error.line == next(n for n, line in enumerate(text.splitlines(), 1) if "<<" in line)
    assert "merge keys (<<) are not allowed" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [("id: x\n---\nid: y\n", 2), ("---\nid: x\ntitle: a\n---\nid: y\n", 4)],
)
def test_several_documents_are_rejected_at_the_second(text: str, line: int) -> None:
    error = rejection(text)
    assert error.line == line
    assert "only one YAML document per file" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [("- id: x\n- id: y\n", 1), ("# a card\n\njust text\n", 3), ("42\n", 1)],
    ids=["list", "text", "number"],
)
def test_anything_but_a_mapping_at_the_top_is_rejected(text: str, line: int) -> None:
    error = rejection(text)
    assert error.line == line
    assert "expected a mapping (field: value) at the top level" in error.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n# and another\n"])
def test_an_empty_file_is_rejected_on_line_1(text: str) -> None:
    error = rejection(text)
    assert error.line == 1
    assert "empty" in error.message


@pytest.mark.parametrize(
    "tagged",
    ["!!python/object:os.system x", "!!python/object/apply:os.system ['ls']", "!foo bar"],
)
def test_unknown_tags_are_rejected_on_their_line(tagged: str) -> None:
    error = rejection(f"id: x\ntitle: a\nsummary: {tagged}\n")
    assert error.line == 3
    assert error.message.startswith("invalid YAML")
    assert "tag" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("!!str\nid: x\ntitle: a\n", 1),
        ("id: x\ntitle: !!str {fr: a, en: b}\n", 2),
        ("id: x\ntitle: a\nlevels: !!str [1, 2]\n", 3),
        ("id: x\nlevels: !!int [1, 2]\n", 2),
        ("id: x\ntitle: !!seq {fr: a}\n", 2),
    ],
    ids=["str-card", "str-mapping", "str-list", "int-list", "seq-mapping"],
)
def test_a_tag_that_does_not_fit_its_value_is_rejected(text: str, line: int) -> None:
    """``!!str`` on a mapping or a list is no text: it must not slip through as YAML nodes."""
    error = rejection(text)
    assert error.line == line
    assert error.message.startswith("invalid YAML")


@pytest.mark.parametrize("key", ["2", "true", "~", "1.5", "[a, b]", "{a: b}"])
def test_field_names_must_be_text(key: str) -> None:
    text = f"id: x\n{key}: value\n" if not key.startswith(("[", "{")) else f"id: x\n? {key}\n: v\n"
    error = rejection(text)
    assert error.line == 2
    assert error.message == "field names must be plain text"


def test_quoted_field_names_that_look_like_numbers_are_text() -> None:
    data, _ = yamlfile.parse("'2': a\n\"yes\": b\n")
    assert data == {"2": "a", "yes": "b"}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\nlevels: [1, 2\nfamilies: [1]\n", 3),
        ("id: x\n title: a\n", 2),
        ("id: x\ntitle:\n\tfr: a\n", 3),
        ("id: x\ntitle: a: b\n", 2),
        ("id: x\nsummary: 'unclosed\n", 3),
    ],
    ids=["unclosed-list", "bad-indent", "tab", "colon-in-value", "unclosed-quote"],
)
def test_invalid_syntax_is_reported_with_its_line(text: str, line: int) -> None:
    error = rejection(text)
    assert error.line == line
    assert error.message.startswith("invalid YAML: ")
    assert len(error.message) > len("invalid YAML: ")


@pytest.mark.parametrize(
    "text",
    [
        "title: Recherche & Développement\n",
        "title: R&D\nsummary: a & b & c\n",
        "title: 'quoted &x'\n",
        'title: "&x and *y"\n',
        "title: 5 * 3\n",
    ],
)
def test_ampersands_and_stars_inside_text_are_fine(text: str) -> None:
    data, _ = yamlfile.parse(text)
    assert all("&" in value or "*" in value for value in data.values())


# --- bytes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"\xffid: x\n", 1),
        (b"id: x\ntitle: a\nsummary: caf\xe9\nobjective: \xff\n", 3),
        (b"id: x\r\ntitle: a\r\nsummary: \xc3\r\n", 3),
        ("id: x\ntitle: café\n".encode("latin-1"), 2),
        ("id: x\n".encode("utf-16"), 1),
    ],
    ids=["first-byte", "first-of-two", "crlf", "latin-1", "utf-16"],
)
def test_bytes_that_are_not_utf8_are_reported_on_the_line_of_the_first_bad_byte(
    raw: bytes, line: int
) -> None:
    with pytest.raises(YamlFileError) as caught:
        yamlfile.decode(raw)
    assert caught.value.line == line
    assert "not UTF-8" in caught.value.message


def test_a_utf8_bom_is_accepted_and_dropped(tmp_path: Path) -> None:
    raw = "\ufeffid: x\ntitle: é\n".encode()
    assert yamlfile.decode(raw) == "id: x\ntitle: é\n"
    path = tmp_path / "bom.yaml"
    path.write_bytes(raw)
    data, _ = yamlfile.read(path)
    assert data == {"id": "x", "title": "é"}


def test_a_bom_does_not_shift_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffid: x\ntitle: a\nid: y\n".encode())
    with pytest.raises(YamlFileError) as caught:
        yamlfile.read(path)
    assert caught.value.line == 3


def test_decode_rejects_more_than_256_kib() -> None:
    with pytest.raises(YamlFileError) as caught:
        yamlfile.decode(b"#" * (MAX_BYTES + 1))
    assert caught.value.line is None
    assert "256 KiB" in caught.value.message
    assert str(MAX_BYTES + 1) in caught.value.message


def test_read_rejects_a_big_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(10 * MAX_BYTES)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(YamlFileError) as caught:
        yamlfile.read(path)
    assert caught.value.line is None
    assert "256 KiB" in caught.value.message


def test_a_file_of_exactly_256_kib_is_read(tmp_path: Path) -> None:
    head = b"title: "
    path = tmp_path / "full.yaml"
    path.write_bytes(head + b"x" * (MAX_BYTES - len(head) - 1) + b"\n")
    assert path.stat().st_size == MAX_BYTES
    data, _ = yamlfile.read(path)
    assert len(data["title"]) == MAX_BYTES - len(head) - 1


def test_a_missing_file_is_a_yaml_file_error(tmp_path: Path) -> None:
    with pytest.raises(YamlFileError) as caught:
        yamlfile.read(tmp_path / "nowhere.yaml")
    assert caught.value.line is None
    assert "cannot read the file" in caught.value.message


def test_read_reports_the_same_lines_as_parse(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("id: x\ntitle: a\nsummary: b\ntitle: c\n", encoding="utf-8")
    with pytest.raises(YamlFileError) as caught:
        yamlfile.read(path)
    assert (caught.value.line, caught.value.message) == (4, "duplicate key 'title'")


# --- line_of ---------------------------------------------------------------

CARD = """\
# a comment first
id: x
title:
  fr: Titre
  en: Title
levels:
  - 1
  - 7
examples:
  - kind: example
    name: {fr: a, en: b}
  - kind: resource
    name:
      fr: c
      en: d
    source: nowhere
"""


@pytest.mark.parametrize(
    ("loc", "fragment"),
    [
        (("id",), "id: x"),
        (("title", "en"), "en: Title"),
        (("levels", 1), "- 7"),
        (("levels", 0), "- 1"),
        (("examples", 1, "source"), "source: nowhere"),
        (("examples", 1, "name", "en"), "en: d"),
        (("examples", 0, "name", "fr"), "name: {fr: a, en: b}"),
    ],
)
def test_line_of_points_at_the_value(loc: tuple[int | str, ...], fragment: str) -> None:
    _, node = yamlfile.parse(CARD)
    lines = CARD.splitlines()
    assert lines[yamlfile.line_of(node, loc) - 1].strip() == fragment


@pytest.mark.parametrize(
    ("loc", "fragment"),
    [
        (("summary",), "id: x"),
        (("title", "de"), "title:"),
        (("levels", 5), "levels:"),
        (("examples", 0, "source"), "- kind: example"),
    ],
)
def test_line_of_a_missing_value_is_its_nearest_parent(
    loc: tuple[int | str, ...], fragment: str
) -> None:
    _, node = yamlfile.parse(CARD)
    lines = CARD.splitlines()
    assert lines[yamlfile.line_of(node, loc) - 1].strip() == fragment


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\nlevels: !!int abc\n", 2),
        ("id: x\nlevels: !!float abc\n", 2),
        ("id: x\nwhen: !!timestamp foo\n", 2),
    ],
)
def test_a_value_its_type_cannot_hold_is_an_error_on_its_line(text: str, line: int) -> None:
    with pytest.raises(yamlfile.YamlFileError) as raised:
        yamlfile.parse(text)
    assert raised.value.line == line
    assert raised.value.code == "bad_scalar"


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 900 + "]" * 900 + "\n",
        "a: " + "[" * 30_000 + "]" * 30_000 + "\n",  # used to crash libyaml's composer
        "a: " + "{b: " * 200 + "1" + "}" * 200 + "\n",
        "".join(" " * depth + "k:\n" for depth in range(300)) + " " * 300 + "v\n",
    ],
)
def test_deep_nesting_is_refused_not_a_crash(text: str) -> None:
    with pytest.raises(yamlfile.YamlFileError) as raised:
        yamlfile.parse(text)
    assert raised.value.code == "yaml_too_deep"
    assert str(yamlfile.MAX_DEPTH) in raised.value.message


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = yamlfile.MAX_DEPTH - 1  # plus the top-level mapping
    data, _ = yamlfile.parse("a: " + "[" * depth + "1" + "]" * depth + "\n")
    expected: object = 1
    for _ in range(depth):
        expected = [expected]
    assert data == {"a": expected}


@pytest.mark.parametrize(
    "written",
    ["0x3", "0b11", "0o3", "0_3", "010", "1:0", "+3", "yes", "no", "on", "2024-02-30"],
)
def test_a_value_is_read_as_written_not_by_yaml_1_1(written: str) -> None:
    """YAML 1.2's core schema with JSON's numbers: what 1.1 would turn into 3, 8, 60, a
    boolean or a date is the text the file spells (and a message shows it so)."""
    data, _ = yamlfile.parse(f"id: x\nvalue: {written}\n")
    assert data["value"] == written


@pytest.mark.parametrize(
    ("written", "value"),
    [("3", 3), ("-1", -1), ("0", 0), ("1.5", 1.5), ("1e3", 1000.0), ("true", True), ("~", None)],
)
def test_numbers_booleans_and_null_are_read_as_yaml_1_2_writes_them(
    written: str, value: object
) -> None:
    data, _ = yamlfile.parse(f"id: x\nvalue: {written}\n")
    assert data["value"] == value
    assert type(data["value"]) is type(value)


def test_a_json_surrogate_pair_is_one_character_and_a_lone_half_is_refused() -> None:
    data, _ = yamlfile.parse('{"actor": "company", "note": "\\ud83d\\ude00 \\\\ud83d"}')
    assert data["note"] == "\U0001f600 \\ud83d"
    with pytest.raises(YamlFileError):
        yamlfile.parse('{"note": "\\ud83d"}')
