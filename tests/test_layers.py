"""Layered catalogues: a community directory over the shipped cards (or another one)."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from toolbox_cli.catalogue import load_catalogue
from toolbox_cli.catalogue.validate import CatalogueError, data_dir
from toolbox_cli.i18n import t
from toolbox_cli.render.github import annotation, escape_data, escape_property

Run = Callable[..., Result]

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "community"
SHIPPED_COUNT = 26
EXTENDED = "recherche-sur-le-territoire"
ADDED = "observatoire-indicateurs-territorialises"
REPLACED = "partenariats-financements"


@pytest.fixture
def community(tmp_path: Path) -> Path:
    """A writable copy of the sample community directory."""
    target = tmp_path / "community"
    shutil.copytree(SAMPLE, target)
    return target


def layer(where: Path, manifest: str | None, cards: dict[str, str] | None = None) -> Path:
    """A layer in ``where``: its manifest (if any) and card files copied or written."""
    where.mkdir(parents=True, exist_ok=True)
    if manifest is not None:
        (where / "catalogue.yaml").write_text(manifest, encoding="utf-8")
    for name, text in (cards or {}).items():
        (where / name).write_text(text, encoding="utf-8")
    return where


def shipped(card_id: str) -> str:
    return (data_dir() / "cards" / f"{card_id}.yaml").read_text(encoding="utf-8")


def extension(card_id: str, name: str = "Un exemple", source: str = "uga-territoires") -> str:
    return (
        f"extends: {card_id}\n"
        "examples:\n"
        "  - kind: example\n"
        f"    name: {{fr: {json.dumps(name)}, en: {json.dumps(name)}}}\n"
        f"    source: {source}\n"
    )


def failure(run: Run, *args: str, lang: str = "en") -> str:
    """What a command that must fail with exit 1 says, its lines unwrapped: its error, and
    validate's report of errors, which is its result (on stdout)."""
    result = run(*args, "--lang", lang)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    return " ".join((result.stdout + result.stderr).split())


def errors(run: Run, directory: Path, lang: str = "en") -> list[dict[str, object]]:
    result = run("validate", str(directory), "--json", "--lang", lang)
    assert result.exit_code == 1, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)["errors"]
    return found


# --- the sample directory --------------------------------------------------------------


def test_the_sample_adds_extends_and_replaces_over_the_shipped_cards(run: Run) -> None:
    result = run("--cards-dir", str(SAMPLE), "list", "--json")
    assert result.exit_code == 0, result.output
    ids = [entry["id"] for entry in json.loads(result.stdout)]
    assert len(ids) == SHIPPED_COUNT + 1
    assert ADDED in ids
    assert REPLACED in ids
    assert EXTENDED in ids
    result = run("validate", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert f"{SHIPPED_COUNT + 1} valid cards" in result.stdout


@pytest.mark.parametrize(
    ("lang", "shipped_name"), [("en", "shipped catalogue"), ("fr", "catalogue fourni")]
)
def test_show_says_which_catalogue_each_example_comes_from(
    run: Run, lang: str, shipped_name: str
) -> None:
    result = run("--cards-dir", str(SAMPLE), "show", EXTENDED, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert t(lang, "example_catalogue", name=shipped_name) in result.stdout  # type: ignore[arg-type]
    assert t(lang, "example_catalogue", name="Exemple de communauté") in result.stdout  # type: ignore[arg-type]
    assert result.stdout.index(shipped_name) < result.stdout.index("Nouvelles Mesures")


def test_show_json_carries_each_example_s_catalogue(run: Run) -> None:
    result = run("--cards-dir", str(SAMPLE), "show", EXTENDED, "--json")
    examples = json.loads(result.stdout)["examples"]
    assert {example["catalogue"] for example in examples[:-1]} == {"shipped"}
    assert examples[-1]["catalogue"] == "Exemple de communauté"
    assert examples[-1]["name"].startswith("Nouvelles Mesures")
    replaced = json.loads(run("--cards-dir", str(SAMPLE), "show", REPLACED, "--json").stdout)
    assert {example["catalogue"] for example in replaced["examples"]} == {"Exemple de communauté"}


def test_a_single_directory_without_manifest_is_read_as_before(run: Run) -> None:
    result = run("show", EXTENDED, "--json")
    assert all("catalogue" not in example for example in json.loads(result.stdout)["examples"])
    assert "Catalogue" not in run("show", EXTENDED).stdout


def test_the_library_gets_the_layers_as_models_and_as_records() -> None:
    for light in (False, True):
        catalogue = load_catalogue(SAMPLE, light=light)
        assert [layer.name for layer in catalogue.layers] == ["shipped", "Exemple de communauté"]
        names = [example.name.fr for example in catalogue.card(EXTENDED).examples]
        assert names[-1].startswith("Nouvelles Mesures")


def test_the_engine_works_over_a_layered_catalogue(run: Run) -> None:
    result = run(
        "--cards-dir", str(SAMPLE), "recommend", "--actor", "research", "--maturity", "1",
        "--goal", "reflexivity", "--staff-time", "yes", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


# --- several directories -----------------------------------------------------------------


def test_cards_dir_is_repeatable_and_the_environment_a_path_list(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = layer(tmp_path / "top", "name: Haut\nextends: ../community\n")
    (top / "extensions").mkdir()
    (top / "extensions" / "more.yaml").write_text(extension(ADDED), encoding="utf-8")
    shutil.copytree(SAMPLE, tmp_path / "community")
    result = run("--cards-dir", str(top), "show", ADDED, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["examples"][-1]["catalogue"] == "Haut"
    plain = layer(tmp_path / "plain", None, {"zzz-extra.yaml": shipped(REPLACED)})
    (plain / "zzz-extra.yaml").write_text(
        shipped(REPLACED)
        .replace(f"id: {REPLACED}", "id: zzz-extra")
        .replace("Partenariats", "Autres partenariats")
        .replace("partnerships", "other partnerships")
        .replace("Partnerships", "Other partnerships"),
        encoding="utf-8",
    )
    listed = run("--cards-dir", str(SAMPLE), "--cards-dir", str(plain), "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == SHIPPED_COUNT + 2
    monkeypatch.setenv("TOOLBOX_CARDS_DIR", os.pathsep.join([str(SAMPLE), str(plain)]))
    assert run("list", "--json").stdout == listed.stdout
    assert run("validate").exit_code == 0


def test_a_change_in_any_layer_is_seen(community: Path) -> None:
    first = load_catalogue(community, light=True)
    assert first.card(ADDED).title.en == "Observatory of territorialised indicators"
    card = community / f"{ADDED}.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("Observatory", "Watch"), "utf-8")
    again = load_catalogue(community, light=True)
    assert again.card(ADDED).title.en == "Watch of territorialised indicators"
    assert any(name.endswith(f"{ADDED}.yaml") for name in again.checked)
    ext = community / "extensions" / f"{EXTENDED}.yaml"
    ext.write_text(ext.read_text(encoding="utf-8").replace("Nouvelles", "Autres"), "utf-8")
    names = [e.name.fr for e in load_catalogue(community, light=True).card(EXTENDED).examples]
    assert names[-1].startswith("Autres Mesures")
    warm = load_catalogue(community, light=True)
    assert warm.checked == ()  # every layer's cards came from its index


# --- every conflict: a validation error naming both files, exit 1 --------------------------


def test_an_id_defined_twice_without_replaces(run: Run, community: Path) -> None:
    manifest = community / "catalogue.yaml"
    manifest.write_text("name: C\nextends: shipped\n", encoding="utf-8")
    for lang, words in (("en", "is already defined in"), ("fr", "est déjà définie dans")):
        err = failure(run, "validate", str(community), lang=lang)
        assert words in err
        assert f"{REPLACED}.yaml" in err.replace(str(community), "")
        assert str(data_dir() / "cards" / f"{REPLACED}.yaml") in err
        assert "replaces" in err
    errors = json.loads(run("validate", str(community), "--json").stdout)["errors"]
    assert [error["code"] for error in errors] == ["layer_duplicate_id"]
    card = (community / f"{REPLACED}.yaml").read_text(encoding="utf-8").splitlines()
    assert card[errors[0]["line"] - 1].startswith("id:")  # the line of its id (it had none)


def test_a_title_shared_with_a_card_of_another_layer(run: Run, community: Path) -> None:
    # Each layer's own cards are checked by its index; across layers, show TITLE could
    # only pick one of the two either.
    added = community / "observatoire-indicateurs-territorialises.yaml"
    text = added.read_text(encoding="utf-8")
    chaires = re.search(r"^title:\n  fr: (.*)$", shipped("chaires"), flags=re.MULTILINE)
    assert chaires is not None
    titled = re.sub(
        r"^title:\n  fr: .*?\n  en:",
        f"title:\n  fr: {chaires.group(1)}\n  en:",
        text,
        count=1,
        flags=re.MULTILINE | re.DOTALL,
    )
    assert titled != text
    added.write_text(titled, encoding="utf-8")
    found = errors(run, community)
    assert [(error["code"], error["field"]) for error in found] == [("duplicate_title", "title")]
    assert titled.splitlines()[found[0]["line"] - 1] == "title:"  # it had no line
    files = {str(found[0]["file"]), str(found[0]["message"])}
    assert any(added.name in text for text in files)
    assert any(str(data_dir() / "cards" / "chaires.yaml") in text for text in files)
    err = failure(run, "--cards-dir", str(community), "list")
    assert "duplicate title" in err
    # a card that replaces the one whose title it keeps is no clash
    (community / "chaires.yaml").write_text(shipped("chaires"), encoding="utf-8")
    manifest = community / "catalogue.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("replaces: [", "replaces: [chaires, "),
        encoding="utf-8",
    )
    added.write_text(text, encoding="utf-8")
    listed = run("--cards-dir", str(community), "list", "--json")
    assert listed.exit_code == 0, listed.stderr


def test_an_extension_of_an_unknown_card(run: Run, community: Path) -> None:
    (community / "extensions" / "x.yaml").write_text(extension("no-such-card"), "utf-8")
    err = failure(run, "validate", str(community))
    assert "extends card 'no-such-card', which no catalogue defines" in err
    assert "x.yaml:1: extends" in err
    assert "qu'aucun catalogue ne définit" in failure(
        run, "list", "--cards-dir", str(community), lang="fr"
    )


def test_a_manifest_naming_a_missing_base(run: Run, tmp_path: Path) -> None:
    top = layer(tmp_path / "top", "name: T\nextends: ../nowhere\n")
    err = failure(run, "validate", str(top))
    assert f"{top / 'catalogue.yaml'}:2: extends" in err
    assert "the base catalogue '../nowhere' does not exist" in err
    assert "est introuvable" in failure(run, "validate", str(top), lang="fr")


def test_a_cycle_of_layers(run: Run, tmp_path: Path) -> None:
    a = layer(tmp_path / "a", "name: A\nextends: ../b\n", {REPLACED + ".yaml": shipped(REPLACED)})
    layer(tmp_path / "b", "name: B\nextends: ../a\n")
    err = failure(run, "validate", str(a))
    assert "extend each other in a cycle" in err
    assert "a → " in err
    assert "b" in err
    assert "/../" not in err  # the chain's folders as they are, not as they were reached
    assert re.search(r"catalogue\.yaml:2: extends", err)  # the line of extends
    assert "en boucle" in failure(run, "validate", str(a), lang="fr")


def test_replaces_a_card_that_no_layer_below_defines(run: Run, community: Path) -> None:
    manifest = community / "catalogue.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("[partenariats-financements]", f"[{REPLACED}, {ADDED}]"))
    err = failure(run, "validate", str(community))
    assert f"'replaces' names '{ADDED}', which no catalogue below defines" in err
    assert "catalogue.yaml:8: replaces" in err


def test_replaces_without_a_card_file(run: Run, community: Path) -> None:
    (community / f"{REPLACED}.yaml").unlink()
    err = failure(run, "validate", str(community))
    assert f"this catalogue has no file {REPLACED}.yaml" in err
    assert "ce catalogue n'a pas de fichier" in failure(run, "validate", str(community), lang="fr")


def test_an_example_added_twice(run: Run, community: Path) -> None:
    name = "Nouvelles Mesures (La 27e Région, Ville de Clermont-Ferrand)"
    (community / "extensions" / "zz-again.yaml").write_text(
        extension(EXTENDED, name=name), encoding="utf-8"
    )
    assert "is already in" in failure(run, "validate", str(community))
    (error,) = errors(run, community)
    assert str(error["file"]).endswith("zz-again.yaml")
    assert (error["line"], error["field"]) == (4, "examples.0.name")
    other = community / "extensions" / f"{EXTENDED}.yaml"
    assert error["message"] == f"example '{name}' of card '{EXTENDED}' is already in {other}"
    assert "figure déjà dans" in str(errors(run, community, "fr")[0]["message"])


def test_a_wrong_manifest_and_a_wrong_extension_say_where(run: Run, community: Path) -> None:
    (community / "catalogue.yaml").write_text(
        "name: C\nextends: shipped\nreplace: [x]\nreplaces: [Bad Id]\n", encoding="utf-8"
    )
    err = failure(run, "validate", str(community))
    assert "catalogue.yaml:3: replace: unknown field" in err
    assert "catalogue.yaml:4: replaces.0" in err
    (community / "catalogue.yaml").write_text(
        f"name: C\nextends: shipped\nreplaces: [{REPLACED}]\n", encoding="utf-8"
    )
    (community / "extensions" / "bad.yaml").write_text(
        extension(EXTENDED, source="nowhere"), encoding="utf-8"
    )
    err = failure(run, "validate", str(community))
    assert "bad.yaml:5: examples.0.source: unknown source 'nowhere'" in err


def test_validation_issues_of_a_card_in_a_layer_are_reported(run: Run, community: Path) -> None:
    card = community / f"{ADDED}.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("levels: [2, 5]", "levels: [9]"))
    err = failure(run, "validate", str(community))
    assert f"{ADDED}.yaml:" in err
    assert "levels.0" in err


# --- validate --format github ---------------------------------------------------------------


def test_github_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50%\r\nnext: a, b") == "50%25%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_validate_format_github_prints_one_annotation_per_issue(run: Run, community: Path) -> None:
    (community / "extensions" / "x.yaml").write_text(extension("no-such-card"), "utf-8")
    (community / "catalogue.yaml").write_text("name: C\nextends: shipped\n", encoding="utf-8")
    result = run("validate", str(community), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("::error file=") for line in lines)
    ext = str(community / "extensions" / "x.yaml").replace(":", "%3A").replace(",", "%2C")
    assert f"::error file={ext},line=1,title=toolbox validate::extends: extends card" in lines[1]
    assert result.stderr  # the people's report still goes to stderr
    ok = run("validate", str(SAMPLE), "--format", "github")
    assert ok.exit_code == 0
    assert "::" not in ok.stdout


def test_an_annotation_escapes_what_a_file_holds() -> None:
    from toolbox_cli.catalogue.validate import CatalogueIssue

    issue = CatalogueIssue("a,b:c.yaml", 3, "title", "invalid", {"detail": "100%, a: b"})
    assert annotation(issue, "en") == (
        "::error file=a%2Cb%3Ac.yaml,line=3,title=toolbox validate::title: 100%25, a: b"
    )


def test_the_errors_of_a_layered_catalogue_are_a_catalogue_error(community: Path) -> None:
    (community / "catalogue.yaml").write_text("name: C\nextends: shipped\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(community)
    assert raised.value.issues[0].code == "layer_duplicate_id"


def test_the_pre_commit_hook_runs_toolbox_validate() -> None:
    import yaml

    root = Path(__file__).resolve().parents[1]
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "toolbox-validate"
    assert hook["entry"] == "toolbox validate"
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)
    # without args of its own, it checks the repository's root, never the shipped cards
    # (which always pass: found in a community-workflow trial)
    assert hook["args"] == ["."]
    contributing = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "id: toolbox-validate" in contributing
    assert "--format github" in contributing


def test_the_hook_s_default_folder_fails_where_there_is_no_card(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("validate", ".").exit_code == 1


def test_a_layer_s_vocabulary_must_keep_the_terms_below(run: Run, community: Path) -> None:
    import yaml

    vocabulary = yaml.safe_load((data_dir() / "vocabulary.yaml").read_text(encoding="utf-8"))
    vocabulary["sources"] = [
        source for source in vocabulary["sources"] if source["id"] != "cpit-fondation-territoires"
    ]
    (community / "vocabulary.yaml").write_text(
        yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8"
    )
    err = failure(run, "validate", str(community))
    assert "cpit-fondation-territoires: missing from the catalogue's vocabulary" in err
    assert str(community / "vocabulary.yaml") in err
    assert str(data_dir() / "vocabulary.yaml") in err


def test_the_extensions_index_is_used_warm_and_never_trusted_damaged(community: Path) -> None:
    from toolbox_cli.catalogue import index

    load_catalogue(community, light=True)
    where = index.location(community / "extensions")
    assert where is not None
    assert where.is_file()
    where.write_bytes(b"SQLite format 3\0" + b"\xff" * 200)
    examples = load_catalogue(community, light=True).card(EXTENDED).examples
    assert examples[-1].name.fr.startswith("Nouvelles Mesures")
    assert index.open_index(where, "") is None  # written again, for its real key
    assert where.read_bytes()[:16] == b"SQLite format 3\0"


def test_a_manifest_of_the_wrong_types_says_what_is_expected(run: Run, tmp_path: Path) -> None:
    top = layer(tmp_path / "top", "name: 12\nextends: [a]\nreplaces: x\n")
    found = [(e["line"], e["field"], e["code"]) for e in errors(run, top)]
    assert found == [
        (1, "name", "expected_text_quote"),
        (2, "extends", "expected_text"),
        (3, "replaces", "expected_list"),
    ]
    assert "mettez-le entre guillemets" in failure(run, "validate", str(top), lang="fr")


def test_one_validate_gives_a_card_s_errors_and_the_manifest_s_together(
    run: Run, community: Path
) -> None:
    # found in a community-workflow trial: the manifest's errors came only once the
    # cards' were fixed, one push more in CI
    card = community / "observatoire-indicateurs-territorialises.yaml"
    text = card.read_text(encoding="utf-8").replace("levels: [", "levels: [9, ", 1)
    card.write_text(text, encoding="utf-8")
    manifest = community / "catalogue.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            f"replaces: [{REPLACED}]", f"replaces: [{REPLACED}, these-cifr]"
        ),
        encoding="utf-8",
    )
    codes = {error["code"] for error in errors(run, community)}
    assert {"out_of_bounds", "layer_replaces_missing"} <= codes


def test_a_fifo_named_like_a_card_below_never_blocks(run: Run, community: Path) -> None:
    # found in review: the line of its id was read with a plain open(), which waits
    # for a writer
    os.mkfifo(community / "chaires.yaml")
    done: list[Result] = []
    worker = threading.Thread(target=lambda: done.append(run("validate", str(community))))
    worker.daemon = True
    worker.start()
    worker.join(20)
    assert done, "validate blocked on a FIFO"
    assert done[0].exit_code == 1
    assert "named pipe" in done[0].stdout  # validate's report: its result


def test_an_unlisted_layer_adds_no_false_errors_about_replaces(
    run: Run, community: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolbox_cli.catalogue import layers

    real = layers.card_names

    def refused(directory: Path) -> list[str]:
        if directory == community:
            raise PermissionError(13, "Permission denied")
        return real(directory)

    monkeypatch.setattr(layers, "card_names", refused)
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")
    result = run("validate", str(community), "--json")  # the layer's cards load alone
    codes = {error["code"] for error in json.loads(result.stdout)["errors"]}
    assert not codes & {"layer_replaces_missing", "layer_replaces_unknown"}
