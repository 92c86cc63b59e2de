"""What scripts read is described: each command's --json output follows the JSON Schema
``toolbox schema KIND`` prints, key for key, and a broken output does not."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import Result

from toolbox_cli.catalogue.loader import Catalogue

Run = Callable[..., Result]

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "community"
EXPORT_KINDS = ["show", "list", "levels", "validate", "search"]
ALL_KINDS = ["card", "recommendation", "explanation", *EXPORT_KINDS]


def printed(result: Result, code: int = 0) -> Any:
    assert result.exit_code == code, result.stderr
    return json.loads(result.stdout)


def schema_of(run: Run, kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = printed(run("schema", kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def closed(schema: Any) -> Any:
    """The schema with no key allowed beyond those it names, at every depth: the
    output may not carry keys its schema does not describe."""
    if isinstance(schema, dict):
        out = {key: closed(value) for key, value in schema.items()}
        if "properties" in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [closed(value) for value in schema]
    return schema


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(closed(schema))
    return [error.message for error in validator.iter_errors(data)]


def top(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of one object of the output: the array's items for ``list``."""
    if schema.get("type") != "array":
        return schema
    ref: str = schema["items"]["$ref"]
    item: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[-1]]
    return item


def follows(schema: dict[str, Any], data: Any) -> None:
    assert errors(schema, data) == []
    objects = data if isinstance(data, list) else [data]
    for item in objects:
        assert set(top(schema)["properties"]) == set(item)


def break_copy(cards_dir: Path) -> None:
    """Two errors: one with a line and a field, one about a file name."""
    path = cards_dir / "these-cifre.yaml"
    text = path.read_text(encoding="utf-8")
    assert "levels: [3, 4]" in text
    path.write_text(text.replace("levels: [3, 4]", "levels: [1, 7]"), encoding="utf-8")
    path = cards_dir / "chaires.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: chaires", "id: chaire"), encoding="utf-8")


# --- the kinds ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_prints_a_json_schema(run: Run, kind: str) -> None:
    schema = schema_of(run, kind)
    assert schema["type"] in {"object", "array"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_schema_help_names_every_kind(run: Run, lang: str) -> None:
    result = run("--lang", lang, "schema", "--help")
    assert result.exit_code == 0, result.stderr
    for kind in ALL_KINDS:
        assert kind in result.stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unknown_kind_lists_the_kinds(run: Run, lang: str) -> None:
    result = run("--lang", lang, "schema", "cards")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    for kind in ALL_KINDS:
        assert kind in result.stderr


def test_list_is_an_array_of_cards_in_short(run: Run) -> None:
    schema = schema_of(run, "list")
    assert schema["type"] == "array"
    assert set(top(schema)["required"]) == {
        "id",
        "title",
        "families",
        "levels",
        "actors",
        "concerns",
        "goals",
    }


def test_search_schema_pins_its_version(run: Run) -> None:
    schema = schema_of(run, "search")
    assert schema["properties"]["schema_version"]["const"] == 1


# --- the outputs follow them ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_show_follows_its_schema_for_every_card(run: Run, catalogue: Catalogue, lang: str) -> None:
    schema = schema_of(run, "show")
    ids = [entry.id for entry in catalogue.entries]
    assert len(ids) == 26
    for card_id in ids:
        data = printed(run("show", card_id, "--json", "--lang", lang))
        assert data["lang"] == lang
        follows(schema, data)


@pytest.mark.parametrize("card_id", ["recherche-sur-le-territoire", "partenariats-financements"])
def test_show_in_a_layered_catalogue_follows_its_schema(run: Run, card_id: str) -> None:
    """An example's ``catalogue`` key, there in a layered catalogue only, is described."""
    data = printed(run("--cards-dir", str(SAMPLE), "show", card_id, "--json"))
    assert all("catalogue" in example for example in data["examples"])
    assert errors(schema_of(run, "show"), data) == []


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--lang", "fr"],
        ["--family", "1"],
        ["--level", "4", "--actor", "research"],
        ["--goal", "skills", "--lang", "fr"],
        ["--level", "5", "--family", "1", "--actor", "company"],
    ],
)
def test_list_follows_its_schema(run: Run, args: list[str]) -> None:
    schema = schema_of(run, "list")
    result = run("list", "--json", *args)
    data = printed(result, 0 if json.loads(result.stdout) else 1)  # nothing found: exit 1
    assert isinstance(data, list)
    follows(schema, data)


def test_an_empty_list_follows_its_schema(run: Run) -> None:
    schema = schema_of(run, "list")
    args = ["--family", "1", "--level", "1", "--actor", "company", "--goal", "outreach"]
    data = printed(run("list", "--json", *args), 1)  # nothing found: exit 1, as search
    assert data == []
    assert errors(schema, data) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_levels_follows_its_schema(run: Run, lang: str) -> None:
    data = printed(run("levels", "--json", "--lang", lang))
    follows(schema_of(run, "levels"), data)


def test_validate_follows_its_schema_when_valid(run: Run, shipped_cards_dir: Path) -> None:
    data = printed(run("validate", str(shipped_cards_dir), "--json"))
    assert data == {"valid": True, "cards": 26, "errors": []}
    follows(schema_of(run, "validate"), data)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_validate_follows_its_schema_with_errors(run: Run, cards_copy: Path, lang: str) -> None:
    break_copy(cards_copy)
    data = printed(run("validate", str(cards_copy), "--json", "--lang", lang), code=1)
    assert data["valid"] is False
    assert len(data["errors"]) >= 2
    assert any(error["line"] is not None for error in data["errors"])
    follows(schema_of(run, "validate"), data)


def test_validate_format_json_is_the_same_document(run: Run, cards_copy: Path) -> None:
    break_copy(cards_copy)
    by_flag = run("validate", str(cards_copy), "--json")
    by_format = run("validate", str(cards_copy), "--format", "json")
    assert by_flag.exit_code == by_format.exit_code == 1
    assert by_flag.stdout == by_format.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["thèse", "--lang", "fr"], 0),
        (["thesis"], 0),
        (["partnership", "--level", "1", "--limit", "3"], 0),
        (["recherche", "--actor", "company", "--lang", "fr"], 0),
        (["zzzqqq"], 1),
    ],
)
def test_search_follows_its_schema(run: Run, args: list[str], code: int) -> None:
    data = printed(run("search", *args, "--json"), code=code)
    assert (data["results"] == []) == (code == 1)
    follows(schema_of(run, "search"), data)


# --- and a broken output does not ---------------------------------------------------


def broken_versions(kind: str, data: Any) -> list[Any]:
    """Outputs a script could not rely on: a key missing, extra or of the wrong type."""
    if kind == "list":
        item = data[0]
        return [
            {"cards": data},
            [{key: value for key, value in item.items() if key != "id"}],
            [{**item, "levels": ["3"]}],
            [{**item, "colour": "red"}],
        ]
    out = []
    for key in data:
        out.append({name: value for name, value in data.items() if name != key})
    out.append({**data, "unexpected": 1})
    if kind == "show":
        example = data["examples"][0]
        out += [
            {**data, "lang": "de"},
            {**data, "families": "1"},
            {**data, "interests": {"territory": "x"}},
            {**data, "examples": [{k: v for k, v in example.items() if k != "source_title"}]},
            {**data, "examples": [{**example, "link": 3}]},
        ]
    elif kind == "levels":
        rule = data["rules"][0]
        out += [{**data, "rules": [{**rule, "requires": rule["requires"][0]}]}]
    elif kind == "validate":
        out += [
            {**data, "valid": "yes"},
            {**data, "errors": [{"file": "x.yaml", "line": "3", "field": None, "code": "c"}]},
        ]
    elif kind == "search":
        hit = data["results"][0]
        out += [
            {**data, "schema_version": 2},
            {**data, "results": [{**hit, "score": "high"}]},
            {**data, "results": [{k: v for k, v in hit.items() if k != "snippet"}]},
        ]
    return out


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("show", ["show", "these-cifre"]),
        ("list", ["list"]),
        ("levels", ["levels"]),
        ("validate", ["validate"]),
        ("search", ["search", "thèse"]),
    ],
)
def test_a_broken_output_fails_its_schema(run: Run, kind: str, args: list[str]) -> None:
    schema = schema_of(run, kind)
    data = printed(run(*args, "--json"))
    assert errors(schema, data) == []
    for broken in broken_versions(kind, copy.deepcopy(data)):
        assert errors(schema, broken) != [], broken


def test_the_schemas_do_not_change_the_outputs(run: Run) -> None:
    """The keys scripts already read (``list --json | jq length`` and the like)."""
    show = printed(run("show", "these-cifre", "--json"))
    assert list(show) == [
        "id",
        "title",
        "families",
        "levels",
        "actors",
        "concerns",
        "goals",
        "summary",
        "objective",
        "interests",
        "process",
        "level_notes",
        "examples",
        "source",
        "lang",
    ]
    listing = printed(run("list", "--json"))
    assert len(listing) == 26
    assert list(printed(run("levels", "--json"))) == ["levels", "rules", "lang"]
    assert list(printed(run("validate", "--json"))) == ["valid", "cards", "errors"]
    assert list(printed(run("search", "thèse", "--json"))) == [
        "schema_version",
        "query",
        "lang",
        "results",
    ]


def test_schema_takes_lang_like_every_command(run: Run) -> None:
    assert run("schema", "card", "--lang", "fr").stdout == run("schema", "card").stdout
    refused = run("schema", "nope", "--lang", "fr")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("Erreur\u202f: toolbox schema\u202f: valeur inconnue")
    assert run("schema", "card", "--lang", "xx").exit_code == 2
