"""A layer's vocabulary and manifest, as the second hostile review tried them: one
vocabulary validates and reads every layer; a misspelled manifest is named as such."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from toolbox_cli.catalogue.paths import data_dir

Run = Callable[..., Result]

EXTENSION = """extends: these-cifre
examples:
  - kind: example
    name:
      fr: Un exemple à nous
      en: An example of ours
    source: notre-enquete
"""
OWN_SOURCE = """sources:
  - id: notre-enquete
    document: "900"
    title:
      fr: Notre enquête
      en: Our survey
"""


def layer_with_its_own_source(tmp_path: Path) -> Path:
    """A layer of one extension only, and a vocabulary of its own adding a source."""
    layer = tmp_path / "layer"
    (layer / "extensions").mkdir(parents=True)
    (layer / "catalogue.yaml").write_text("name: Nous\nextends: shipped\n", encoding="utf-8")
    shipped = (data_dir() / "vocabulary.yaml").read_text(encoding="utf-8")
    own = shipped.replace("sources:\n", OWN_SOURCE, 1)
    assert own != shipped
    (layer / "vocabulary.yaml").write_text(own, encoding="utf-8")
    (layer / "extensions" / "these-cifre.yaml").write_text(EXTENSION, encoding="utf-8")
    return layer


def test_a_layer_of_extensions_reads_with_the_vocabulary_it_was_validated_with(
    run: Run, tmp_path: Path
) -> None:
    """It validated, then ``show`` crashed (StopIteration; --json: KeyError): the
    extension was checked against the layer's vocabulary, read with the shipped one."""
    layer = layer_with_its_own_source(tmp_path)
    assert run("validate", str(layer)).exit_code == 0
    shown = run("--cards-dir", str(layer), "show", "these-cifre", "--lang", "en")
    assert shown.exit_code == 0, shown.output
    assert "Source: Our survey" in shown.stdout
    data = run("--cards-dir", str(layer), "show", "these-cifre", "--json", "--lang", "en")
    assert data.exit_code == 0, data.output
    [ours] = [e for e in json.loads(data.stdout)["examples"] if e["source"] == "notre-enquete"]
    assert (ours["name"], ours["source_title"]) == ("An example of ours", "Our survey")


def test_a_layer_vocabulary_without_the_source_an_extension_uses_is_an_issue(
    run: Run, tmp_path: Path
) -> None:
    layer = layer_with_its_own_source(tmp_path)
    (layer / "vocabulary.yaml").write_text(
        (data_dir() / "vocabulary.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run("validate", str(layer))
    assert result.exit_code == 1
    assert "unknown source 'notre-enquete'" in result.stdout  # validate's report: its result
    assert "Traceback" not in result.output


def test_catalogue_yml_is_named_as_the_manifest_misspelled(run: Run, tmp_path: Path) -> None:
    """It was read as a card: 14 "required field" errors, no word of catalogue.yaml."""
    (tmp_path / "catalogue.yml").write_text("name: Nous\nextends: shipped\n", encoding="utf-8")
    for args in (["validate", str(tmp_path)], ["--cards-dir", str(tmp_path), "list"]):
        result = run(*args, "--lang", "en")
        assert result.exit_code == 1
        said = " ".join((result.stdout + result.stderr).split())  # validate's report: stdout
        assert (
            f"{tmp_path}/catalogue.yml: a catalogue's manifest is named catalogue.yaml: "
            "rename this file catalogue.yaml" in said
        )
        assert "required" not in said
    french = run("--lang", "fr", "validate", str(tmp_path))
    assert "un manifeste de catalogue s'appelle catalogue.yaml\u202f: renommez" in french.stdout
