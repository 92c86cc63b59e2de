"""The catalogue commands as a user runs them: show, list, validate, schema, levels."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from typer.testing import Result

from toolbox_cli.catalogue import load_catalogue
from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.models import Card
from toolbox_cli.catalogue.validate import CatalogueError, data_dir
from toolbox_cli.cli.commands import app
from toolbox_cli.i18n import HELP, t

Run = Callable[..., Result]

CARD = "these-cifre"
SHOW_JSON_KEYS = {
    "id",
    "title",
    "families",
    "levels",
    "summary",
    "objective",
    "interests",
    "process",
    "level_notes",
    "examples",
    "actors",
    "concerns",
    "goals",
    "source",
    "lang",
}
LIST_JSON_KEYS = {"id", "title", "families", "levels", "actors", "concerns", "goals"}


def shipped(card_id: str) -> dict[str, Any]:
    """A shipped card as YAML has it (read with PyYAML, not with the tool)."""
    text = (data_dir() / "cards" / f"{card_id}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def all_shipped() -> list[dict[str, Any]]:
    return [shipped(path.stem) for path in sorted((data_dir() / "cards").glob("*.yaml"))]


def vocabulary() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (data_dir() / "vocabulary.yaml").read_text(encoding="utf-8")
    )
    return data


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space: wrapping does not matter."""
    return " ".join(text.split())


def squash(text: str) -> str:
    """``text`` without any whitespace: even a word cut by wrapping is found whole."""
    return "".join(text.split())


def ok_json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def break_copy(cards_dir: Path) -> None:
    """Three errors in two files."""
    edit(cards_dir / f"{CARD}.yaml", "levels: [3, 4]", "levels: [1, 7]")
    edit(cards_dir / f"{CARD}.yaml", "  document: boite-a-outils", "  document: wikipedia")
    edit(cards_dir / "chaires.yaml", "id: chaires", "id: chaire")


def library_issues(cards_dir: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(cards_dir)
    return [str(issue) for issue in caught.value.issues]


# --- show ---------------------------------------------------------------------


def table_cells(output: str) -> list[str]:
    """The text of each column of the bordered table in ``output``, wrapped lines joined."""
    columns: list[list[str]] = []
    for line in output.splitlines():
        if line.strip().startswith("│"):
            cells = line.strip().strip("│").split("│")
            columns += [[] for _ in range(len(cells) - len(columns))]
            for column, cell in zip(columns, cells, strict=False):
                column.append(cell)
    return [flat(" ".join(column)) for column in columns]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_prints_the_whole_card(run: Run, lang: str) -> None:
    result = run("show", CARD, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    card = shipped(CARD)
    texts = [
        card["title"][lang],
        card["summary"][lang],
        card["objective"][lang],
        *(step[lang] for step in card["process"]),
        *(example["name"][lang] for example in card["examples"]),
    ]
    for text in texts:
        assert flat(text) in out
    assert table_cells(result.stdout) == [
        flat(card["interests"]["territory"][lang]),
        flat(card["interests"]["research"][lang]),
    ]
    ladder = " ".join(str(n) if n in card["levels"] else "-" for n in range(1, 6))  # flat()
    assert ladder in out
    assert result.stderr == ""


def test_show_numbers_the_process_steps(run: Run) -> None:
    card_id = next(c["id"] for c in all_shipped() if len(c["process"]) >= 3)
    out = flat(run("show", card_id).stdout)
    positions = [
        out.index(f"{n}. {flat(step['en'])}")
        for n, step in enumerate(shipped(card_id)["process"], start=1)
    ]
    assert positions == sorted(positions)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_fits_in_80_columns(run: Run, lang: str) -> None:
    result = run("show", CARD, "--lang", lang)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


@pytest.mark.parametrize("columns", ["40", "80"])
def test_french_text_never_starts_a_line_with_its_colon_or_ends_one_with_a_quote(
    run: Run, catalogue: Catalogue, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cards are written with plain spaces, as the documents are: shown in French, a
    line never begins with ':' ';' '?' '!' '»' nor ends with '«' (typography.py)."""
    monkeypatch.setenv("COLUMNS", columns)
    pages = [run("show", card_id, "--lang", "fr").stdout for card_id in catalogue.ids()]
    pages.append(
        run(
            "recommend", "--actor", "research", "--maturity", "0", "--goal", "skills", "--lang",
            "fr", "--partner", "local_authority",
        ).stdout
    )  # fmt: skip
    stranded = [
        line
        for page in pages
        for line in page.splitlines()
        if line.strip()[:1] in (":", ";", "?", "!", "»") or line.rstrip().endswith("«")
    ]
    assert stranded == []
    assert not any(" :" in page or "« " in page for page in pages)  # the marks are held


@pytest.mark.parametrize("columns", ["40", "80"])
def test_every_link_is_printed_whole_on_a_line_of_its_own(
    run: Run, catalogue: Catalogue, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A web address is copied or clicked: never folded at the page's width, in a pipe
    or at a terminal (the terminal wraps it for the eye only)."""
    monkeypatch.setenv("COLUMNS", columns)
    links = 0
    for card_id in catalogue.ids():
        lines = [line.strip() for line in run("show", card_id).stdout.splitlines()]
        for example in catalogue.card(card_id).examples:
            if example.link is not None:
                assert example.link in lines, (card_id, example.link)
                links += 1
    assert links > 20


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_level_or_family_number_stays_with_its_label(
    run: Run, catalogue: Catalogue, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    for card_id in catalogue.ids():
        for line in run("show", card_id, "--lang", lang).stdout.splitlines():
            assert not re.search(r"(^|·) ?[1-5]$", line.strip()), (card_id, line)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_narrow_table_folds_a_long_word_and_never_cuts_it(
    run: Run, catalogue: Catalogue, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")  # "professionnelles" is wider than a column here
    for card_id in catalogue.ids():
        page = run("show", card_id, "--lang", lang).stdout
        assert not re.search(r"… *[│┃]", page), card_id


def test_typeset_holds_french_marks_to_their_words_and_leaves_unspaced_marks() -> None:
    from toolbox_cli.i18n.typography import typeset

    assert typeset("Source : « La co-construction » ; ex : a ? b !") == (
        "Source\u202f: «\u202fLa co-construction\u202f»\u202f; ex\u202f: a\u202f? b\u202f!"
    )
    assert typeset("Step 1: read it; why? now!") == "Step 1: read it; why? now!"
    assert typeset("niveau 4, étape 2") == "niveau\u00a04, étape\u00a02"
    once = typeset("Thèse CIFRE : le doctorant")
    assert typeset(once) == once


def test_show_json_has_the_documented_keys(run: Run) -> None:
    data = ok_json(run("show", CARD, "--json"))
    assert set(data) == SHOW_JSON_KEYS
    assert set(data["interests"]) == {"territory", "research"}
    assert data["id"] == CARD


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_show_json_is_in_the_chosen_language(run: Run, lang: str) -> None:
    data = ok_json(run("show", CARD, "--json", "--lang", lang))
    card = shipped(CARD)
    assert data["lang"] == lang
    assert data["title"] == card["title"][lang]
    assert data["summary"] == card["summary"][lang]
    assert data["objective"] == card["objective"][lang]
    assert data["interests"] == {
        "territory": card["interests"]["territory"][lang],
        "research": card["interests"]["research"][lang],
    }
    assert data["process"] == [step[lang] for step in card["process"]]
    assert [e["name"] for e in data["examples"]] == [e["name"][lang] for e in card["examples"]]
    assert data["source"]["section"] == card["source"]["section"][lang]
    assert (data["families"], data["levels"]) == (card["families"], card["levels"])
    assert (data["actors"], data["goals"]) == (card["actors"], card["goals"])


NOTED = "comites-scientifiques"  # a card whose sheet says what each level means for it


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_prints_the_level_notes_beside_the_ladder(run: Run, lang: str) -> None:
    result = run("show", NOTED, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    notes = shipped(NOTED)["level_notes"]
    heading = {"en": "Level by level", "fr": "Selon le niveau"}[lang]
    start = out.index(heading)
    assert out.index(flat(t(lang, "levels"))) < start < out.index(flat(t(lang, "objective")))
    for level, note in notes.items():
        assert f"{level} {flat(note[lang])}" in out[start:]


def test_show_prints_no_level_notes_heading_for_a_card_without_them(run: Run) -> None:
    assert "level_notes" not in shipped(CARD)
    assert "Level by level" not in run("show", CARD).stdout


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_json_carries_the_level_notes(run: Run, lang: str) -> None:
    notes = shipped(NOTED)["level_notes"]
    data = ok_json(run("show", NOTED, "--json", "--lang", lang))
    assert data["level_notes"] == {level: note[lang] for level, note in notes.items()}
    assert list(data["level_notes"]) == sorted(notes)
    assert ok_json(run("show", CARD, "--json"))["level_notes"] == {}


def test_the_cached_fast_path_carries_the_level_notes_too(tmp_path: Path) -> None:
    env = {**os.environ, "TOOLBOX_CACHE_DIR": str(tmp_path / "cache")}
    outputs = []
    for extra in ({}, {}, {"TOOLBOX_NO_CACHE": "1"}):  # builds the cache, uses it, skips it
        done = subprocess.run(
            [sys.executable, "-m", "toolbox_cli", "show", NOTED, "--json", "--lang", "fr"],
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    notes = shipped(NOTED)["level_notes"]
    assert json.loads(outputs[1])["level_notes"] == {k: v["fr"] for k, v in notes.items()}


@pytest.mark.parametrize("kind", ["link", "reference", "video", "podcast", "template"])
def test_show_labels_each_example_kind(run: Run, cards_copy: Path, kind: str) -> None:
    first = "  - kind: {}\n    name:\n      fr: Thèse"
    edit(cards_copy / f"{CARD}.yaml", first.format("example"), first.format(kind))
    for lang in ("en", "fr"):
        page = run("show", CARD, "--cards-dir", str(cards_copy), "--lang", lang)
        assert page.exit_code == 0, page.stderr
        assert f"({t(lang, 'kind_' + kind)})" in flat(page.stdout)
        data = ok_json(run("show", CARD, "--cards-dir", str(cards_copy), "--json"))
        assert data["examples"][0]["kind"] == kind


def test_show_by_title_and_prefix_prints_the_same_card(run: Run) -> None:
    by_id = ok_json(run("show", CARD, "--json"))
    title = shipped(CARD)["title"]["fr"]
    assert ok_json(run("show", title.upper(), "--json")) == by_id
    assert ok_json(run("show", "these", "--json")) == by_id


# --- language ----------------------------------------------------------------


def shown_lang(result: Result) -> str:
    data = ok_json(result)
    assert data["title"] == shipped(CARD)["title"][data["lang"]]
    lang: str = data["lang"]
    return lang


@pytest.mark.parametrize(
    ("env", "args", "lang"),
    [
        ({}, [], "en"),
        ({"LANG": "fr_FR.UTF-8"}, [], "fr"),
        ({"LC_ALL": "fr_FR.UTF-8"}, [], "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, [], "en"),
        ({"LANG": "fr_FR.UTF-8", "TOOLBOX_LANG": "en"}, [], "en"),
        ({"LANG": "C.UTF-8", "TOOLBOX_LANG": "fr"}, [], "fr"),
        ({"TOOLBOX_LANG": "fr"}, ["--lang", "en"], "en"),
        ({"TOOLBOX_LANG": "en", "LANG": "fr_FR.UTF-8"}, ["--lang", "fr"], "fr"),
        ({"TOOLBOX_LANG": "xx"}, ["--lang", "fr"], "fr"),
        ({}, ["--lang", "FR"], "fr"),
    ],
)
def test_language_is_lang_option_then_toolbox_lang_then_locale(
    run: Run, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], args: list[str], lang: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert shown_lang(run("show", CARD, "--json", *args)) == lang


def test_a_global_lang_option_is_honoured_and_the_command_one_wins(run: Run) -> None:
    assert shown_lang(run("--lang", "fr", "show", CARD, "--json")) == "fr"
    assert shown_lang(run("--lang", "fr", "show", CARD, "--json", "--lang", "en")) == "en"


@pytest.mark.parametrize("command", [["show", CARD], ["list"], ["levels"], ["validate"]])
def test_an_unknown_lang_option_is_a_usage_error(run: Run, command: list[str]) -> None:
    result = run(*command, "--lang", "de")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--lang" in result.stderr
    assert "'de'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_toolbox_lang_is_a_usage_error(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOOLBOX_LANG", "klingon")
    result = run("show", CARD)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "TOOLBOX_LANG" in result.stderr
    assert "'klingon'" in result.stderr


# --- cards that are not there -----------------------------------------------------


@pytest.mark.parametrize(("lang", "phrase"), [("en", "Did you mean"), ("fr", "Vouliez-vous dire")])
def test_an_unknown_card_suggests_the_close_ones(run: Run, lang: str, phrase: str) -> None:
    result = run("show", "commande-publiqe", "--lang", lang)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert phrase in result.stderr
    assert "commande-publique" in result.stderr
    assert "toolbox list" in result.stderr


def test_an_unknown_card_in_json_mode_prints_no_json(run: Run) -> None:
    result = run("show", "zzzz", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "zzzz" in result.stderr


def test_an_ambiguous_prefix_lists_the_candidates(run: Run) -> None:
    result = run("show", "structures")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "structures-chercheurs-collectivites" in result.stderr
    assert "structures-transfert-technologies" in result.stderr
    assert "Did you mean" not in result.stderr


def test_a_path_is_never_read_as_a_card(run: Run, cards_copy: Path) -> None:
    outside = cards_copy.parent / "evil.yaml"
    shutil.copy(cards_copy / f"{CARD}.yaml", outside)
    edit(outside, f"id: {CARD}", "id: evil")
    for name in ["../evil", "../evil.yaml", str(outside), "../../etc/passwd", "/etc/passwd"]:
        result = run("show", name, "--cards-dir", str(cards_copy), "--json")
        assert result.exit_code == 1, name
        assert result.stdout == ""


# --- list ---------------------------------------------------------------------------


def test_list_shows_every_card_and_the_count(run: Run) -> None:
    result = run("list")
    assert result.exit_code == 0, result.stderr
    ids = [card["id"] for card in all_shipped()]
    for card_id in ids:
        assert re.search(rf"^\W*{re.escape(card_id)}\s", result.stdout, flags=re.MULTILINE)
    assert f"{len(ids)} of {len(ids)}" in result.stdout


def test_list_json_is_every_card_in_the_chosen_language(run: Run) -> None:
    for lang in ("en", "fr"):
        data = ok_json(run("list", "--json", "--lang", lang))
        assert len(data) == 26
        assert all(set(item) == LIST_JSON_KEYS for item in data)
        expected = {c["id"]: c for c in all_shipped()}
        assert sorted(item["id"] for item in data) == sorted(expected)
        for item in data:
            card = expected[item["id"]]
            assert item["title"] == card["title"][lang]
            assert item["families"] == sorted(card["families"])
            assert item["levels"] == sorted(card["levels"])
            assert item["actors"] == card["actors"]
            assert item["goals"] == card["goals"]


def test_list_json_writes_one_card_per_line(run: Run) -> None:
    out = run("list", "--json", "--lang", "fr").stdout
    lines = out.splitlines()
    assert (lines[0], lines[-1]) == ("[", "]")
    assert len(lines) == 26 + 2
    each = [json.loads(line.strip().removesuffix(",")) for line in lines[1:-1]]
    assert each == json.loads(out)  # the lines are the array's elements, in order
    assert all(line.startswith("  {") for line in lines[1:-1])
    assert "é" in out  # UTF-8, not escapes
    assert "\\u00e9" not in out


def listed(run: Run, *args: str) -> list[str]:
    return sorted(item["id"] for item in ok_json(run("list", "--json", *args)))


def having(field: str, *values: object) -> list[str]:
    return sorted(c["id"] for c in all_shipped() if any(v in c[field] for v in values))


def test_list_filters_by_family(run: Run) -> None:
    assert listed(run, "--family", "3") == having("families", 3)
    assert listed(run, "--family", "1", "--family", "2") == having("families", 1, 2)


def test_list_filters_by_level(run: Run) -> None:
    assert listed(run, "--level", "4") == having("levels", 4)
    assert listed(run, "--level", "1", "--level", "5") == having("levels", 1, 5)


@pytest.mark.parametrize(
    "name", ["local_authority", "collectivite", "Collectivité territoriale", "LOCAL AUTHORITY"]
)
def test_list_filters_by_actor_id_or_label(run: Run, name: str) -> None:
    assert listed(run, "--actor", name) == having("actors", "local_authority")


@pytest.mark.parametrize("name", ["funding", "financer", "Financer"])
def test_list_filters_by_goal(run: Run, name: str) -> None:
    assert listed(run, "--goal", name) == having("goals", "funding")


def test_list_filters_combine(run: Run) -> None:
    both = sorted(set(having("families", 1)) & set(having("levels", 4)))
    assert both
    assert listed(run, "--family", "1", "--level", "4") == both


def test_list_with_no_match_says_so(run: Run) -> None:
    assert having("families", 3)
    assert having("goals", "funding")
    assert not set(having("families", 3)) & set(having("goals", "funding"))
    as_json = run("list", "--family", "3", "--goal", "funding", "--json")
    assert as_json.exit_code == 1  # nothing found is exit 1, as search
    assert json.loads(as_json.stdout) == []
    result = run("list", "--family", "3", "--goal", "funding")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Error: no tool matches these filters" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [("--family", "9", "1 to 4"), ("--family", "0", "1 to 4"), ("--level", "6", "1 to 5")],
)
def test_list_rejects_a_family_or_level_out_of_range(
    run: Run, option: str, value: str, expected: str
) -> None:
    result = run("list", option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert option in result.stderr
    assert expected in result.stderr


@pytest.mark.parametrize(("option", "kind"), [("--actor", "actors"), ("--goal", "goals")])
def test_list_rejects_an_unknown_actor_or_goal_listing_the_valid_ids(
    run: Run, option: str, kind: str
) -> None:
    result = run("list", option, "mayor")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert option in result.stderr
    assert "'mayor'" in result.stderr
    for term in vocabulary()[kind]:
        assert term["id"] in result.stderr


# --- validate ------------------------------------------------------------------------


def test_validate_the_shipped_cards(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "26" in result.stdout
    assert result.stderr == ""


def test_validate_says_a_long_path_on_one_line(run: Run, cards_copy: Path) -> None:
    deep = cards_copy.parent / ("a-rather-long-folder-name-" * 3) / "cards"
    shutil.copytree(cards_copy, deep)
    result = run("validate", str(deep))
    assert result.exit_code == 0
    assert result.stdout == f"{len(list(deep.glob('*.yaml')))} valid cards in {deep}\n"


def test_validate_the_shipped_cards_as_json(run: Run) -> None:
    result = run("validate", str(data_dir() / "cards"), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"valid": True, "cards": 26, "errors": []}


def test_validate_a_broken_copy_reports_every_error(run: Run, cards_copy: Path) -> None:
    break_copy(cards_copy)
    expected = library_issues(cards_copy)
    assert len(expected) == 3
    result = run("validate", str(cards_copy))
    assert result.exit_code == 1
    for issue in expected:  # the report is validate's result: on stdout (> report.txt)
        assert squash(issue) in squash(result.stdout)
    assert "errors (listed on standard output): 3" in result.stderr


def test_validate_prints_each_error_on_one_line(run: Run, cards_copy: Path) -> None:
    """``file:line: field: message`` stays one line, for editors and CI to read."""
    break_copy(cards_copy)
    result = run("validate", str(cards_copy))
    assert result.exit_code == 1
    lines = [line.strip() for line in result.stdout.splitlines()]
    for issue in library_issues(cards_copy):
        assert issue in lines


def test_validate_json_lists_every_error(run: Run, cards_copy: Path) -> None:
    break_copy(cards_copy)
    result = run("validate", str(cards_copy), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"valid", "cards", "errors"}
    assert data["valid"] is False
    assert isinstance(data["cards"], int)
    assert all(
        set(error) == {"file", "line", "field", "code", "message"} for error in data["errors"]
    )
    assert {error["code"] for error in data["errors"]} == {
        "out_of_bounds",
        "unknown_term",
        "id_mismatch",
    }
    shown = [f"{e['file']}:{e['line']}: {e['field']}: {e['message']}" for e in data["errors"]]
    assert shown == library_issues(cards_copy)
    fields = {(Path(e["file"]).name, e["field"]) for e in data["errors"]}
    assert fields == {
        (f"{CARD}.yaml", "levels.1"),
        (f"{CARD}.yaml", "source.document"),
        ("chaires.yaml", "id"),
    }


def test_validate_a_card_tagged_as_text_fails_without_a_traceback(
    run: Run, cards_copy: Path
) -> None:
    path = cards_copy / f"{CARD}.yaml"
    path.write_text("!!str\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", str(cards_copy))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert f"{CARD}.yaml:1:" in squash(result.stdout)


def test_validate_a_missing_directory_fails(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no such directory" in flat(result.stderr)


def test_validate_uses_toolbox_cards_dir_and_cards_dir(
    run: Run, cards_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_copy(cards_copy)
    assert run("--cards-dir", str(cards_copy), "validate").exit_code == 1
    monkeypatch.setenv("TOOLBOX_CARDS_DIR", str(cards_copy))
    assert run("validate").exit_code == 1
    assert run("validate", str(data_dir() / "cards")).exit_code == 0


# --- another cards directory ---------------------------------------------------------


def retitle(cards_dir: Path) -> str:
    title = "A title only the copy has"
    card = shipped(CARD)["title"]["en"]
    path = cards_dir / f"{CARD}.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^  en: >-\n(?:    .*\n)+", text, flags=re.MULTILINE)
    assert block is not None
    assert flat(block.group().split(">-", 1)[1]) == flat(card)
    path.write_text(text.replace(block.group(), f"  en: {title}\n", 1), encoding="utf-8")
    (cards_dir / "chaires.yaml").unlink()
    return title


@pytest.mark.parametrize("where", ["option", "global-option", "environment"])
def test_show_and_list_read_another_cards_directory(
    run: Run, cards_copy: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    title = retitle(cards_copy)

    def toolbox(*args: str) -> Result:
        if where == "option":
            return run(*args, "--cards-dir", str(cards_copy))
        if where == "global-option":
            return run("--cards-dir", str(cards_copy), *args)
        monkeypatch.setenv("TOOLBOX_CARDS_DIR", str(cards_copy))
        return run(*args)

    assert ok_json(toolbox("show", CARD, "--json", "--lang", "en"))["title"] == title
    assert title in flat(toolbox("show", CARD, "--lang", "en").stdout)
    items = ok_json(toolbox("list", "--json", "--lang", "en"))
    assert len(items) == 25
    assert "chaires" not in {item["id"] for item in items}
    assert title in {item["title"] for item in items}
    assert toolbox("show", "chaires").exit_code == 1


def test_a_broken_catalogue_stops_show_and_list_with_every_issue(
    run: Run, cards_copy: Path
) -> None:
    break_copy(cards_copy)
    expected = library_issues(cards_copy)
    for args in (["show", "commande-publique"], ["show", CARD, "--json"], ["list", "--json"]):
        result = run(*args, "--cards-dir", str(cards_copy))
        assert result.exit_code == 1, args
        assert isinstance(result.exception, SystemExit)
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        for issue in expected:
            assert squash(issue) in squash(result.stderr)


# --- text is printed as written -------------------------------------------------------

MARKUP = "[bold]x[/bold] [/]"


def replace_block(path: Path, key: str, new: str) -> None:
    """Replace a top-level field (its line and the lines indented under it) by ``new``."""
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"^{key}:\n(?:  .*\n)+", text, flags=re.MULTILINE)
    assert block is not None
    path.write_text(text.replace(block.group(), new, 1), encoding="utf-8")


def with_markup(cards_dir: Path) -> None:
    path = cards_dir / f"{CARD}.yaml"
    escaped = '"[bold]x[/bold] [/]"'
    replace_block(path, "summary", f"summary:\n  fr: {escaped}\n  en: {escaped}\n")
    replace_block(path, "title", "title:\n  fr: '[red]T[/red]'\n  en: '[red]T[/red]'\n")
    assert load_catalogue(cards_dir).card(CARD).summary.en == MARKUP


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_card_text_is_printed_literally(run: Run, cards_copy: Path, lang: str) -> None:
    with_markup(cards_copy)
    result = run("show", CARD, "--cards-dir", str(cards_copy), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert "[bold]x[/bold] [/]" in result.stdout


def test_titles_with_brackets_are_listed_literally(run: Run, cards_copy: Path) -> None:
    with_markup(cards_copy)
    result = run("list", "--cards-dir", str(cards_copy), "--lang", "fr")
    assert result.exit_code == 0, result.stderr
    assert "[red]T[/red]" in result.stdout


def test_an_escape_sequence_in_a_card_is_an_error_on_its_line(run: Run, cards_copy: Path) -> None:
    path = cards_copy / f"{CARD}.yaml"
    replace_block(path, "summary", 'summary:\n  fr: "x \\e[31m"\n  en: "x"\n')
    result = run("validate", str(cards_copy), "--json")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["field"], error["code"]) == ("summary.fr", "control_character")
    assert "U+001B" in error["message"]


def test_a_card_name_with_markup_is_echoed_literally(run: Run) -> None:
    result = run("show", "[red]nothing[/red]\x1b[2J")
    assert result.exit_code == 1
    assert "[red]nothing[/red]" in result.stderr
    assert "\x1b" not in result.stderr


# --- schema ---------------------------------------------------------------------------


def check(schema: dict[str, Any], value: Any, defs: dict[str, Any], where: str = "") -> list[str]:
    """The places where ``value`` breaks ``schema``: the subset of JSON Schema Pydantic emits."""
    if "$ref" in schema:
        return check(defs[schema["$ref"].rsplit("/", 1)[1]], value, defs, where)
    if "anyOf" in schema:
        if any(not check(option, value, defs, where) for option in schema["anyOf"]):
            return []
        return [f"{where}: matches no option"]
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "boolean": bool,
        "null": type(None),
    }
    kind = schema.get("type")
    if kind is not None and (
        not isinstance(value, kinds[kind]) or (kind == "integer" and isinstance(value, bool))
    ):
        return [f"{where}: not {kind}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: not in {schema['enum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{where}.{k}: missing" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{where}.{k}: not allowed" for k in value if k not in properties]
        for key, item in value.items():
            if key in properties:
                errors += check(properties[key], item, defs, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{where}: too few items")
        for number, item in enumerate(value):
            errors += check(schema.get("items", {}), item, defs, f"{where}.{number}")
    if isinstance(value, str):
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
            errors.append(f"{where}: bad length")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: does not match {schema['pattern']}")
    if isinstance(value, int) and not (
        schema.get("minimum", value) <= value <= schema.get("maximum", value)
    ):
        errors.append(f"{where}: out of range")
    return errors


def card_schema(run: Run) -> dict[str, Any]:
    schema: dict[str, Any] = ok_json(run("schema", "card"))
    return schema


def test_schema_card_describes_the_card_fields(run: Run) -> None:
    schema = card_schema(run)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(Card.model_fields)
    assert set(schema["required"]) == {
        name for name, info in Card.model_fields.items() if info.is_required()
    }
    assert {"id", "title", "levels", "families", "process", "source"} <= set(schema["required"])
    assert schema["properties"]["levels"]["items"]["minimum"] == 1
    assert schema["properties"]["levels"]["items"]["maximum"] == 5


def test_schema_card_is_a_json_schema(run: Run) -> None:
    schema = card_schema(run)
    if importlib.util.find_spec("jsonschema") is not None:
        import jsonschema

        jsonschema.validators.validator_for(schema).check_schema(schema)
    refs = re.findall(r'"\$ref": "#/\$defs/(\w+)"', json.dumps(schema))
    assert refs
    assert set(refs) <= set(schema["$defs"])


def test_the_shipped_cards_follow_the_schema(run: Run) -> None:
    schema = card_schema(run)
    jsonschema = None
    if importlib.util.find_spec("jsonschema") is not None:
        import jsonschema
    for card in all_shipped():
        assert check(schema, card, schema["$defs"], card["id"]) == []
        if jsonschema is not None:
            jsonschema.validate(card, schema)


def test_the_schema_rejects_what_validate_rejects(run: Run) -> None:
    schema = card_schema(run)
    card = shipped(CARD)
    for broken in (
        {**card, "levels": [1, 7]},
        {**card, "colour": "red"},
        {**card, "title": {"fr": False, "en": "x"}},
        {key: value for key, value in card.items() if key != "objective"},
        {**card, "examples": [{**card["examples"][0], "link": "ftp://x"}]},
    ):
        assert check(schema, broken, schema["$defs"]) != []


def test_schema_recommendation_is_json(run: Run) -> None:
    schema = ok_json(run("schema", "recommendation"))
    assert {"start", "then", "deferred", "later", "answers", "lang"} <= set(schema["properties"])


# --- levels ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_levels_json_has_the_5_levels_and_the_rule(run: Run, lang: str) -> None:
    data = ok_json(run("levels", "--json", "--lang", lang))
    scale = vocabulary()["levels"]
    assert data["lang"] == lang
    assert [level["id"] for level in data["levels"]] == [1, 2, 3, 4, 5]
    assert [level["label"] for level in data["levels"]] == [lv["label"][lang] for lv in scale]
    assert [level["description"] for level in data["levels"]] == [
        lv["description"][lang] for lv in scale
    ]
    rules = [(rule["level"], rule["requires"]) for rule in data["rules"]]
    assert (4, [1]) in rules


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_levels_prints_the_scale_and_the_rule(run: Run, lang: str) -> None:
    result = run("levels", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    words = vocabulary()
    for level in words["levels"]:
        assert flat(level["label"][lang]) in out
        assert flat(level["description"][lang]) in out
    for rule in words["rules"]:
        assert flat(rule["text"][lang]) in out


# --- version and help -----------------------------------------------------------------


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"toolbox {importlib.metadata.version('toolbox-cli')}\n"


GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.list_commands(typer.Context(GROUP)))  # type: ignore[attr-defined]


def command_named(name: str) -> typer.core.TyperCommand:
    command = GROUP.get_command(typer.Context(GROUP), name)  # type: ignore[attr-defined]
    assert command is not None
    return command  # type: ignore[no-any-return]


def test_the_commands_are_found() -> None:
    assert {"show", "list", "validate", "schema", "levels"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"toolbox {command}" in result.stdout
    assert "--help" in result.stdout
    key = command_named(command).help
    described = HELP[key]
    assert flat(described.splitlines()[0])[:30] in flat(result.stdout)


def test_the_main_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert re.search(rf"\b{command}\b", result.stdout)


def test_validate_speaks_the_chosen_language(run: Run, cards_copy: Path) -> None:
    break_copy(cards_copy)
    french = run("validate", str(cards_copy), "--lang", "fr")
    english = run("validate", str(cards_copy), "--lang", "en")
    assert french.exit_code == english.exit_code == 1
    assert "catalogue invalide, erreurs (listées sur la sortie standard)\u202f: 3" in french.stderr
    assert "doit être de 1 à 5, reçu 7" in french.stdout
    assert "source\u202f: identifiant inconnu «\u202fwikipedia\u202f»" in french.stdout
    assert "must be 1 to 5, got 7" in english.stdout
    assert "must be 1 to 5" not in french.stdout
    data = json.loads(run("validate", str(cards_copy), "--json", "--lang", "fr").stdout)
    assert {e["code"] for e in data["errors"]} == {"out_of_bounds", "unknown_term", "id_mismatch"}
    assert any("doit être de 1 à 5" in e["message"] for e in data["errors"])
