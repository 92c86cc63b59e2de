"""One rule for every field printed on one line: a walk of the models finds every text
field, each is either marked one-line (``models.ONE_LINE``) or a paragraph named here,
and every marked field, in real data, refuses a newline with the same issue."""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from toolbox_cli.catalogue import load_catalogue, models
from toolbox_cli.catalogue.paths import data_dir
from toolbox_cli.catalogue.validate import CatalogueError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "community"

# Texts that are paragraphs: printed wrapped, on as many lines as they take.
PARAGRAPHS = {
    "LevelDef.description",
    "Rule.text",
    "FamilyDef.description",
    "Example.description",
    "Example.reference",
    "Interests.territory",
    "Interests.research",
    "Card.summary",
    "Card.objective",
    "Card.process",
    "Card.level_notes",
}

MODELS = [
    model
    for model in vars(models).values()
    if isinstance(model, type)
    and issubclass(model, BaseModel)
    and model.__module__ == models.__name__
    and model not in (models.Strict, models.Text)
]


def _parts(annotation: Any) -> Iterator[Any]:
    """Every type and metadata an annotation is made of."""
    yield annotation
    for arg in get_args(annotation):
        yield from _parts(arg)


def _marked(field: Any) -> bool:
    return models.ONE_LINE in field.metadata or any(
        part is models.ONE_LINE for part in _parts(field.annotation)
    )


def _texts(field: Any) -> bool:
    return any(part is str or part is models.Text for part in _parts(field.annotation))


def text_fields() -> dict[str, bool]:
    """``Model.field`` -> whether it is one-line, for every field holding text."""
    found = {}
    for model in MODELS:
        for name, field in model.model_fields.items():
            owner = next(
                base for base in model.__mro__ if name in vars(base).get("__annotations__", {})
            )
            if _texts(field):
                found[f"{owner.__name__}.{name}"] = _marked(field)
    return found


def test_every_text_field_is_one_line_or_a_paragraph() -> None:
    fields = text_fields()
    ids = {key for key in fields if key.endswith((".id", ".extends", ".link", ".document"))}
    ids |= {"Example.kind", "Example.source", "ActorDef.side", "LevelDef.goals"}
    ids |= {"CardEntry.actors", "CardEntry.concerns", "CardEntry.goals", "WayIn.actors"}
    for key, marked in fields.items():
        if key in ids:  # patterns or literals: no newline can pass them
            assert not marked, key
            continue
        assert marked != (key in PARAGRAPHS), f"{key}: one-line, or a paragraph listed here"
    for one_line in ("CardEntry.title", "CardSource.section", "Example.name", "Term.help"):
        assert fields[one_line], one_line


def _one_line_places(model: type[BaseModel], data: Any, loc: tuple[Any, ...] = ()) -> Iterator:
    """(location, is a Text) of every one-line value ``data`` holds, read as ``model``."""
    for name, field in model.model_fields.items():
        if isinstance(data, dict) and name in data:
            marked = _marked(field)
            yield from _walk(field.annotation, data[name], (*loc, name), marked)


def _walk(annotation: Any, value: Any, loc: tuple[Any, ...], marked: bool) -> Iterator:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        yield from _walk(get_args(annotation)[0], value, loc, marked)
    elif origin is list and isinstance(value, list):
        for number, item in enumerate(value):
            yield from _walk(get_args(annotation)[0], item, (*loc, number), marked)
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(get_args(annotation)[1], item, (*loc, key), marked)
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                yield from _walk(arg, value, loc, marked)
    elif annotation is models.Text or annotation is str:
        if marked and value is not None:
            yield loc, annotation is models.Text
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from _one_line_places(annotation, value, loc)


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


VOCABULARY = _read(data_dir() / "vocabulary.yaml")
SAMPLES = [
    (models.Vocabulary, VOCABULARY),
    (models.Card, _read(data_dir() / "cards" / "commande-publique.yaml")),
    (models.Card, _read(data_dir() / "cards" / "these-cifre.yaml")),
    (models.Extension, _read(EXAMPLES / "extensions" / "recherche-sur-le-territoire.yaml")),
]


def _places() -> list[tuple[type[BaseModel], Any, tuple[Any, ...], bool]]:
    seen, places = set(), []
    for model, data in SAMPLES:
        for loc, is_text in _one_line_places(model, data):
            shape = (model, tuple(0 if isinstance(part, int) else part for part in loc))
            if shape not in seen:
                seen.add(shape)
                places.append((model, data, loc, is_text))
    return places


PLACES = _places()


def test_the_walk_reaches_the_fields_the_review_found() -> None:
    reached = {(model.__name__, ".".join(map(str, loc))) for model, _, loc, _ in PLACES}
    assert ("Card", "source.section") in reached
    assert ("Card", "title") in reached
    assert ("Card", "examples.0.name") in reached
    assert ("Vocabulary", "actors.0.aliases.0") in reached


@pytest.mark.parametrize(
    ("model", "data", "loc", "is_text"),
    PLACES,
    ids=[f"{model.__name__}:{'.'.join(map(str, loc))}" for model, _, loc, _ in PLACES],
)
def test_a_newline_in_a_one_line_field_is_refused(
    model: type[BaseModel], data: Any, loc: tuple[Any, ...], is_text: bool
) -> None:
    broken = copy.deepcopy(data)
    holder = broken
    for part in loc[:-1]:
        holder = holder[part]
    if is_text:
        holder[loc[-1]] = {**holder[loc[-1]], "en": "made\nup line"}
    else:
        holder[loc[-1]] = "made\nup line"
    vocabulary = models.Vocabulary.model_validate(VOCABULARY)
    with pytest.raises(ValidationError) as raised:
        model.model_validate(broken, context={"vocabulary": vocabulary})
    errors = [error for error in raised.value.errors() if error["type"] == "multiline"]
    assert [tuple(error["loc"]) for error in errors] == [loc], raised.value.errors()
    holder[loc[-1]] = {**holder[loc[-1]], "en": "a folded line\n"} if is_text else "a folded line\n"
    model.model_validate(broken, context={"vocabulary": vocabulary})  # a block's own newline


def test_a_manifest_name_follows_the_same_rule(tmp_path: Path) -> None:
    (tmp_path / "catalogue.yaml").write_text(
        'name: "Deux\\nlignes"\nextends: shipped\n', encoding="utf-8"
    )
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(tmp_path)
    [issue] = raised.value.issues
    assert (issue.line, issue.field, issue.code) == (1, "name", "multiline")
    assert issue.message == "must be on one line"
