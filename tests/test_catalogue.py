"""Reading a catalogue: every broken card is reported as ``file:line: field: message``,
all at once; looking a card up by id, title or prefix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from toolbox_cli.catalogue import load_catalogue
from toolbox_cli.catalogue.loader import CardFilter, Catalogue, filter_entries, in_memory, resolve
from toolbox_cli.catalogue.models import Card, CardEntry, Text
from toolbox_cli.catalogue.validate import CardNotFound, CatalogueError, CatalogueIssue

BASE = "these-cifre"


def issues_of(cards_dir: Path) -> list[CatalogueIssue]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(cards_dir)
    return caught.value.issues


def edit(cards_dir: Path, old: str, new: str, card: str = BASE) -> tuple[str, str]:
    """Replace ``old`` by ``new`` in a card of the copy; its path (as reported) and new text."""
    path = cards_dir / f"{card}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return str(path), text


def replace_block(cards_dir: Path, key: str, new: str, card: str = BASE) -> tuple[str, str]:
    """Replace a top-level field (its line and the indented lines under it) by ``new``."""
    path = cards_dir / f"{card}.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"^{key}:.*\n(?:[ -].*\n)*", text, flags=re.MULTILINE)
    assert block is not None
    return edit(cards_dir, block.group(), new, card)


def line_with(text: str, fragment: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(found) == 1, f"{fragment!r} is on lines {found}"
    return found[0]


def only_issue(cards_dir: Path) -> CatalogueIssue:
    issues = issues_of(cards_dir)
    assert len(issues) == 1, "\n".join(map(str, issues))
    return issues[0]


# --- one broken card ----------------------------------------------------------


def test_the_copy_of_the_shipped_cards_is_valid(cards_copy: Path) -> None:
    assert len(load_catalogue(cards_copy).entries) == len(list(cards_copy.glob("*.yaml")))


@pytest.mark.parametrize(
    ("levels", "field", "bad"),
    [("[1, 7]", "levels.1", "7"), ("[0, 2]", "levels.0", "0"), ("[3, 6, 2]", "levels.1", "6")],
)
def test_a_level_out_of_range_is_reported_on_its_line(
    cards_copy: Path, levels: str, field: str, bad: str
) -> None:
    file, text = edit(cards_copy, "levels: [3, 4]", f"levels: {levels}")
    issue = only_issue(cards_copy)
    assert (issue.file, issue.line, issue.field) == (file, line_with(text, "levels:"), field)
    assert "1 to 5" in issue.message
    assert bad in issue.message


def test_a_level_in_a_block_list_is_reported_on_the_line_of_the_value(cards_copy: Path) -> None:
    file, text = edit(cards_copy, "levels: [3, 4]", "levels:\n  - 3\n  - 9")
    issue = only_issue(cards_copy)
    assert (issue.file, issue.line, issue.field) == (file, line_with(text, "- 9"), "levels.1")
    assert "1 to 5" in issue.message


def test_a_family_out_of_range_says_1_to_4(cards_copy: Path) -> None:
    _, text = edit(cards_copy, "families: [1]", "families: [5]")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, "families:"), "families.0")
    assert "1 to 4" in issue.message


def test_a_level_given_twice_is_reported(cards_copy: Path) -> None:
    _, text = edit(cards_copy, "levels: [3, 4]", "levels: [3, 4, 3]")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, "levels:"), "levels")
    assert "only once" in issue.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("[]", "must not be empty"), ("3", "expected a list"), ("['3']", "whole number")],
)
def test_levels_of_the_wrong_shape_are_explained(
    cards_copy: Path, value: str, expected: str
) -> None:
    _, text = edit(cards_copy, "levels: [3, 4]", f"levels: {value}")
    issue = only_issue(cards_copy)
    assert issue.line == line_with(text, "levels:")
    assert issue.field is not None
    assert issue.field.startswith("levels")
    assert expected in issue.message


@pytest.mark.parametrize("kind", ["no", "exemple", "Example"])
def test_an_example_kind_must_be_one_of_the_kinds(cards_copy: Path, kind: str) -> None:
    _, text = edit(
        cards_copy,
        "  - kind: example\n    name:\n      fr: Thèse",
        f"  - kind: {kind}\n    name:\n      fr: Thèse",
    )
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, f"kind: {kind}"), "examples.0.kind")
    assert "'example'" in issue.message
    assert "'resource'" in issue.message
    assert "'template'" in issue.message


@pytest.mark.parametrize("kind", ["link", "reference", "video", "podcast", "template"])
def test_the_kinds_the_document_wishes_for_are_example_kinds(cards_copy: Path, kind: str) -> None:
    edit(
        cards_copy,
        "  - kind: example\n    name:\n      fr: Thèse",
        f"  - kind: {kind}\n    name:\n      fr: Thèse",
    )
    assert load_catalogue(cards_copy).card(BASE).examples[0].kind == kind


NOTES = "level_notes:\n{notes}examples:\n"


def add_level_notes(cards_dir: Path, *levels: str) -> tuple[str, str]:
    """Give the base card (levels 3 and 4) a note for each of ``levels``."""
    notes = "".join(
        f'  "{level}":\n    fr: Note {level}\n    en: Note {level}\n' for level in levels
    )
    return edit(cards_dir, "\nexamples:\n", "\n" + NOTES.format(notes=notes))


def test_level_notes_are_kept_in_the_order_of_the_scale(cards_copy: Path) -> None:
    add_level_notes(cards_copy, "4", "3")
    card = load_catalogue(cards_copy).card(BASE)
    assert list(card.level_notes) == ["3", "4"]
    assert card.level_notes["4"] == Text(fr="Note 4", en="Note 4")


@pytest.mark.parametrize("level", ["2", "5", "7", "deux"])
def test_a_note_for_a_level_the_card_lacks_is_reported(cards_copy: Path, level: str) -> None:
    file, text = add_level_notes(cards_copy, "3", level)
    issue = only_issue(cards_copy)
    assert (issue.file, issue.field) == (file, "level_notes")
    assert issue.line is not None
    assert line_with(text, "level_notes:") <= issue.line <= line_with(text, f'"{level}":')
    assert issue.message == f"unknown level '{level}'; expected one of: 3, 4"
    nnbsp = "\u202f"
    assert issue.text("fr") == (
        f"niveau{nnbsp}: identifiant inconnu «{nnbsp}{level}{nnbsp}»{nnbsp}; "
        f"valeurs possibles{nnbsp}: 3, 4"
    )


def test_an_unquoted_level_note_key_is_reported(cards_copy: Path) -> None:
    _, text = edit(
        cards_copy, "\nexamples:\n", "\nlevel_notes:\n  3:\n    fr: a\n    en: b\nexamples:\n"
    )
    issue = only_issue(cards_copy)
    assert issue.line == line_with(text, "  3:")
    assert "plain text" in issue.message


def test_an_unknown_field_lists_the_expected_ones(cards_copy: Path) -> None:
    _, text = edit(cards_copy, "families: [1]", "families: [1]\ncolour: red")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, "colour: red"), "colour")
    assert "unknown field" in issue.message
    for name in Card.model_fields:
        assert name in issue.message


def test_an_unknown_field_in_an_example_lists_the_example_fields(cards_copy: Path) -> None:
    _, text = edit(
        cards_copy,
        "    link: https://ile-de-france.ird.fr/",
        "    url: https://ile-de-france.ird.fr/",
    )
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, "url: https"), "examples.1.url")
    listed = issue.message.split("expected one of:")[1]
    assert [name.strip() for name in listed.split(",")] == [
        "kind",
        "name",
        "description",
        "link",
        "reference",
        "source",
    ]


def test_a_third_language_is_an_unknown_field(cards_copy: Path) -> None:
    _, text = replace_block(cards_copy, "title", "title: {fr: Titre, en: Title, de: Titel}\n")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, "title:"), "title.de")
    assert "fr, en" in issue.message


def test_a_missing_required_field_is_named(cards_copy: Path) -> None:
    _, text = replace_block(cards_copy, "objective", "")
    issue = only_issue(cards_copy)
    assert issue.field == "objective"
    assert issue.message == "required field is missing"
    assert issue.line == line_with(text, f"id: {BASE}")  # the top of the card


def test_a_missing_nested_field_points_at_its_parent(cards_copy: Path) -> None:
    path = cards_copy / f"{BASE}.yaml"
    text = path.read_text(encoding="utf-8")
    research = re.search(r"^  research:\n(?:    .*\n)+", text, flags=re.MULTILINE)
    assert research is not None
    _, text = edit(cards_copy, research.group(), "")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, "interests:"), "interests.research")
    assert "missing" in issue.message


def test_a_yaml_boolean_where_text_is_expected_says_quote_it(cards_copy: Path) -> None:
    file, text = replace_block(cards_copy, "title", "title: {fr: false, en: x}\n")
    issue = only_issue(cards_copy)
    assert (issue.file, issue.line, issue.field) == (file, line_with(text, "title:"), "title.fr")
    assert "expected text" in issue.message
    assert "quote it" in issue.message
    assert '"false"' in issue.message


@pytest.mark.parametrize("value", ["null", "1.0", "~"])
def test_other_values_yaml_reads_as_non_text_say_quote_it(cards_copy: Path, value: str) -> None:
    _, text = replace_block(cards_copy, "title", f"title:\n  fr: Titre\n  en: {value}\n")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, f"en: {value}"), "title.en")
    assert "quote it" in issue.message


def test_an_empty_text_is_rejected(cards_copy: Path) -> None:
    _, text = replace_block(cards_copy, "title", "title:\n  fr: ''\n  en: Title\n")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, "fr: ''"), "title.fr")
    assert "empty" in issue.message or "at least 1 character" in issue.message


@pytest.mark.parametrize(
    ("old", "new", "fields", "kind"),
    [
        (
            "goals: [reflexivity, skills, experimentation]",
            "goals: [reflexivity, fame]",
            {"goals", "goals.1"},
            "goal",
        ),
        (
            "actors: [research, local_authority, company]",
            "actors: [research, mayor]",
            {"actors", "actors.1"},
            "actor",
        ),
        ("  document: boite-a-outils", "  document: wikipedia", {"source.document"}, "source"),
        ("    source: uga-territoires", "    source: wikipedia", {"examples.2.source"}, "source"),
    ],
    ids=["goal", "actor", "source", "example-source"],
)
def test_unknown_vocabulary_ids_list_the_known_ones(
    cards_copy: Path, old: str, new: str, fields: set[str], kind: str
) -> None:
    """The field is the list, or better the item in it; the line is the value's."""
    _, text = edit(cards_copy, old, new)
    issue = only_issue(cards_copy)
    assert issue.line == line_with(text, new.strip())
    assert issue.field in fields
    assert f"unknown {kind}" in issue.message


def test_unknown_vocabulary_ids_name_every_valid_id(cards_copy: Path, catalogue: Catalogue) -> None:
    edit(cards_copy, "goals: [reflexivity, skills, experimentation]", "goals: [fame]")
    issue = only_issue(cards_copy)
    assert "'fame'" in issue.message
    for goal in catalogue.vocabulary.goals:
        assert goal.id in issue.message


def test_an_actor_listed_twice_is_reported(cards_copy: Path) -> None:
    edit(cards_copy, "actors: [research, local_authority, company]", "actors: [research, research]")
    issue = only_issue(cards_copy)
    assert (issue.field, issue.message) == ("actors", "each actor may appear only once")


@pytest.mark.parametrize(
    "link", ["ftp://ile-de-france.ird.fr/", "javascript:alert(1)", "ile-de-france.ird.fr"]
)
def test_a_link_must_be_http_or_https(cards_copy: Path, link: str) -> None:
    _, text = edit(cards_copy, "    link: https://ile-de-france.ird.fr/", f"    link: {link}")
    issue = only_issue(cards_copy)
    assert (issue.line, issue.field) == (line_with(text, f"link: {link}"), "examples.1.link")
    assert "http:// or https://" in issue.message


def test_an_id_that_differs_from_the_file_name_is_reported(cards_copy: Path) -> None:
    file, text = edit(cards_copy, f"id: {BASE}", "id: these")
    issue = only_issue(cards_copy)
    assert (issue.file, issue.line, issue.field) == (file, line_with(text, "id: these"), "id")
    assert "'these'" in issue.message
    assert f"'{BASE}.yaml'" in issue.message


def test_a_file_name_that_is_not_a_slug_is_reported(cards_copy: Path) -> None:
    bad = cards_copy / "Bad Name.yaml"
    (cards_copy / f"{BASE}.yaml").rename(bad)
    issues = issues_of(cards_copy)
    assert {issue.file for issue in issues} == {str(bad)}
    naming = [issue for issue in issues if "file name must be the card id" in issue.message]
    assert len(naming) == 1
    assert naming[0].line is None


def test_the_same_id_in_yaml_and_yml_files_is_reported(cards_copy: Path) -> None:
    twin = cards_copy / f"{BASE}.yml"
    shutil.copy(cards_copy / f"{BASE}.yaml", twin)
    issue = only_issue(cards_copy)
    assert (issue.file, issue.field) == (str(twin), "id")
    assert f"duplicate id '{BASE}'" in issue.message
    assert str(cards_copy / f"{BASE}.yaml") in issue.message


def test_a_card_tagged_as_text_is_an_issue_not_a_crash(cards_copy: Path) -> None:
    path = cards_copy / f"{BASE}.yaml"
    path.write_text("!!str\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    issue = only_issue(cards_copy)
    assert issue.file == str(path)
    assert issue.line is not None


def test_a_yaml_error_is_reported_with_the_file_and_line(cards_copy: Path) -> None:
    file, text = edit(cards_copy, "families: [1]", "families: [1]\nfamilies: [2]")
    issue = only_issue(cards_copy)
    assert (issue.file, issue.line, issue.field) == (file, line_with(text, "families: [2]"), None)
    assert issue.message == "duplicate key 'families'"


def test_several_errors_in_one_card_are_all_reported(cards_copy: Path) -> None:
    edit(cards_copy, "levels: [3, 4]", "levels: [1, 7]")
    edit(cards_copy, "goals: [reflexivity, skills, experimentation]", "goals: [fame]")
    edit(cards_copy, "    link: https://ile-de-france.ird.fr/", "    link: ftp://x")
    fields = sorted(issue.field or "" for issue in issues_of(cards_copy))
    assert fields in (
        ["examples.1.link", "goals", "levels.1"],
        ["examples.1.link", "goals.0", "levels.1"],
    )


def test_every_error_of_every_broken_file_is_in_one_catalogue_error(cards_copy: Path) -> None:
    first, _ = edit(cards_copy, "levels: [3, 4]", "levels: [1, 7]")
    second, _ = edit(cards_copy, "id: chaires", "id: chaire", card="chaires")
    third = cards_copy / "zz-broken.yaml"
    third.write_text("id: zz-broken\nid: again\n", encoding="utf-8")
    (cards_copy / "Not A Slug.yaml").write_bytes(b"\xff")
    issues = issues_of(cards_copy)
    assert {issue.file for issue in issues} == {
        first,
        second,
        str(third),
        str(cards_copy / "Not A Slug.yaml"),
    }
    by_file = {issue.file: issue for issue in issues}
    assert by_file[first].field == "levels.1"
    assert by_file[second].field == "id"
    assert by_file[str(third)].message == "duplicate key 'id'"


def test_an_empty_directory_is_reported(tmp_path: Path) -> None:
    issue = only_issue(tmp_path)
    assert (issue.file, issue.line, issue.field) == (str(tmp_path), None, None)
    assert "no card files" in issue.message


def test_a_directory_with_only_other_files_is_empty(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("cards go here\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("id: hidden\n", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()
    assert "no card files" in only_issue(tmp_path).message


def test_a_missing_directory_is_reported(tmp_path: Path) -> None:
    issue = only_issue(tmp_path / "nowhere")
    assert (issue.file, issue.message) == (str(tmp_path / "nowhere"), "no such directory")


def test_a_file_instead_of_a_directory_is_reported(tmp_path: Path) -> None:
    file = tmp_path / "cards.yaml"
    file.write_text("id: x\n", encoding="utf-8")
    assert only_issue(file).message == "not a directory"


@pytest.mark.parametrize(
    ("issue", "english", "french"),
    [
        (
            CatalogueIssue(
                "c/x.yaml", 12, "levels.0", "out_of_bounds", {"low": 1, "high": 5, "value": "7"}
            ),
            "c/x.yaml:12: levels.0: must be 1 to 5, got 7",
            "c/x.yaml:12: levels.0: doit être de 1 à 5, reçu 7",
        ),
        (
            CatalogueIssue("c/x.yaml", 3, None, "yaml_duplicate_key", {"key": "id"}),
            "c/x.yaml:3: duplicate key 'id'",
            "c/x.yaml:3: clé en double «\u202fid\u202f»",
        ),
        (
            CatalogueIssue(
                "c/x.yml", None, "id", "duplicate_id", {"card_id": "x", "other": "c/x.yaml"}
            ),
            "c/x.yml: id: duplicate id 'x': also in c/x.yaml",
            "c/x.yml: id: id en double «\u202fx\u202f»\u202f: aussi dans c/x.yaml",
        ),
        (
            CatalogueIssue(
                "c/x.yaml",
                9,
                "goals.0",
                "unknown_term",
                {"what": "goal", "value": "fame", "known": "outreach, skills"},
            ),
            "c/x.yaml:9: goals.0: unknown goal 'fame'; expected one of: outreach, skills",
            "c/x.yaml:9: goals.0: objectif\u202f: identifiant inconnu «\u202ffame\u202f»\u202f; "
            "valeurs possibles\u202f: outreach, skills",
        ),
        (
            CatalogueIssue("c", None, None, "dir_missing"),
            "c: no such directory",
            "c: dossier introuvable",
        ),
    ],
)
def test_an_issue_reads_file_line_field_message_in_both_languages(
    issue: CatalogueIssue, english: str, french: str
) -> None:
    assert str(issue) == english
    assert issue.line_text("en") == english
    assert issue.line_text("fr") == french
    assert french.endswith(issue.as_dict("fr")["message"])
    assert issue.as_dict("en")["code"] == issue.code


def test_every_issue_code_reads_in_both_languages() -> None:
    from toolbox_cli.i18n import ISSUES, message

    for code, english in ISSUES.items():
        assert message("fr", code) != english or code == "invalid", code


def test_a_catalogue_error_message_has_one_issue_per_line(cards_copy: Path) -> None:
    edit(cards_copy, "levels: [3, 4]", "levels: [1, 7]")
    edit(cards_copy, "id: chaires", "id: chaire", card="chaires")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(cards_copy)
    assert str(caught.value).splitlines() == [str(issue) for issue in caught.value.issues]
    assert [issue.as_dict() for issue in caught.value.issues] == [
        {"file": i.file, "line": i.line, "field": i.field, "code": i.code, "message": i.message}
        for i in caught.value.issues
    ]


# --- resolve -------------------------------------------------------------------


def test_resolve_by_id(catalogue: Catalogue) -> None:
    for card_id in catalogue.ids():
        assert resolve(catalogue, card_id) == card_id


def test_resolve_by_french_and_english_title(catalogue: Catalogue) -> None:
    card = catalogue.card("commande-publique")
    assert resolve(catalogue, card.title.fr) == "commande-publique"
    assert resolve(catalogue, card.title.en) == "commande-publique"


@pytest.mark.parametrize(
    "name",
    [
        "POLES D'EXCELLENCE",
        "poles d\u2019excellence",
        "Pôles d'Excellence",
        "  pôles   d'excellence ",
        "CENTRES OF EXCELLENCE",
    ],
)
def test_resolve_folds_case_accents_spaces_and_apostrophes(catalogue: Catalogue, name: str) -> None:
    assert resolve(catalogue, name) == "poles-excellence"


def test_resolve_a_whole_title_in_capitals_without_accents(catalogue: Catalogue) -> None:
    title = catalogue.card("these-cifre").title.fr
    folded = title.upper().replace("È", "E").replace("É", "E")
    assert folded != title
    assert resolve(catalogue, folded) == "these-cifre"


def test_resolve_an_id_written_with_spaces_or_underscores(catalogue: Catalogue) -> None:
    assert resolve(catalogue, "THESE CIFRE") == "these-cifre"
    assert resolve(catalogue, "commande_publique") == "commande-publique"


def test_resolve_a_unique_prefix(catalogue: Catalogue) -> None:
    assert resolve(catalogue, "commande") == "commande-publique"
    assert resolve(catalogue, "vulgaris") == "vulgarisation-recherche"


def test_an_ambiguous_prefix_lists_the_candidates(catalogue: Catalogue) -> None:
    with pytest.raises(CardNotFound) as caught:
        resolve(catalogue, "structures")
    error = caught.value
    assert error.ambiguous
    assert error.suggestions == [
        "structures-chercheurs-collectivites",
        "structures-transfert-technologies",
    ]


def test_every_candidate_of_an_ambiguous_prefix_starts_with_it(catalogue: Catalogue) -> None:
    with pytest.raises(CardNotFound) as caught:
        resolve(catalogue, "co")
    assert caught.value.ambiguous
    assert len(caught.value.suggestions) >= 2
    for card_id in caught.value.suggestions:
        entry = next(e for e in catalogue.entries if e.id == card_id)
        assert any(
            name.lower().startswith("co") for name in (entry.id, *entry.title.model_dump().values())
        )


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("commande-publiqe", "commande-publique"),
        ("vulgarisaton-recherche", "vulgarisation-recherche"),
    ],
)
def test_a_misspelt_name_suggests_the_card(catalogue: Catalogue, name: str, meant: str) -> None:
    with pytest.raises(CardNotFound) as caught:
        resolve(catalogue, name)
    assert not caught.value.ambiguous
    assert caught.value.suggestions[0] == meant


@pytest.mark.parametrize("name", ["zzzz", "", "   "])
def test_an_unknown_name_is_not_found(catalogue: Catalogue, name: str) -> None:
    with pytest.raises(CardNotFound) as caught:
        resolve(catalogue, name)
    assert not caught.value.ambiguous
    assert caught.value.name == name


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", f"../{BASE}", f"./{BASE}", f"{BASE}.yaml", f"cards/{BASE}"]
)
def test_a_path_is_never_a_card_name(catalogue: Catalogue, name: str) -> None:
    with pytest.raises(CardNotFound):
        resolve(catalogue, name)


def test_resolve_prefers_an_exact_id_to_a_longer_one(catalogue: Catalogue) -> None:
    base = catalogue.card(BASE)
    short = base.model_copy(update={"id": "abc", "title": Text(fr="Un", en="One")})
    long = base.model_copy(update={"id": "abc-def", "title": Text(fr="Deux", en="Two")})
    small = in_memory(catalogue.vocabulary, [short, long])
    assert resolve(small, "abc") == "abc"
    assert resolve(small, "abc-d") == "abc-def"
    with pytest.raises(CardNotFound) as caught:
        resolve(small, "ab")
    assert caught.value.suggestions == ["abc", "abc-def"]


# --- filter_entries ---------------------------------------------------------------


def entry(
    card_id: str, families: list[int], levels: list[int], actors: list[str], goals: list[str]
) -> CardEntry:
    return CardEntry(
        id=card_id,
        title=Text(fr=card_id, en=card_id),
        families=families,
        levels=levels,
        actors=actors,
        concerns=actors,
        goals=goals,
    )


ENTRIES = [
    entry("a", [1], [1], ["research"], ["outreach"]),
    entry("b", [2], [4, 5], ["local_authority"], ["funding"]),
    entry("c", [1, 2], [1, 4], ["research", "company"], ["funding", "skills"]),
    entry("d", [3], [2], ["intermediary"], ["skills"]),
]


@pytest.mark.parametrize(
    ("wanted", "ids"),
    [
        (CardFilter([], [], [], []), ["a", "b", "c", "d"]),
        (CardFilter([1], [], [], []), ["a", "c"]),
        (CardFilter([1, 3], [], [], []), ["a", "c", "d"]),
        (CardFilter([], [4], [], []), ["b", "c"]),
        (CardFilter([], [], ["company"], []), ["c"]),
        (CardFilter([], [], ["research", "intermediary"], []), ["a", "c", "d"]),
        (CardFilter([], [], [], ["funding"]), ["b", "c"]),
        (CardFilter([2], [1], [], []), ["c"]),
        (CardFilter([1], [], [], ["skills"]), ["c"]),
        (CardFilter([3], [], [], ["funding"]), []),
        (CardFilter([4], [], [], []), []),
    ],
)
def test_filter_keeps_cards_with_one_of_the_values_of_every_criterion(
    wanted: CardFilter, ids: list[str]
) -> None:
    assert [e.id for e in filter_entries(ENTRIES, wanted)] == ids


def test_filter_the_shipped_catalogue(catalogue: Catalogue) -> None:
    kept = filter_entries(catalogue.entries, CardFilter([3], [4], [], []))
    assert kept
    for kept_entry in kept:
        assert 3 in kept_entry.families
        assert 4 in kept_entry.levels
    left = set(catalogue.ids()) - {e.id for e in kept}
    for card_id in left:
        card = catalogue.card(card_id)
        assert 3 not in card.families or 4 not in card.levels


def test_who_takes_the_initiative_must_be_concerned(cards_copy: Path) -> None:
    edit(cards_copy, "concerns: [research, local_authority, company]", "concerns: [research]")
    issue = only_issue(cards_copy)
    assert issue.code == "initiative_not_concerned"
    assert issue.text("en") == (
        "who takes the initiative (local_authority, company) must also be in concerns"
    )
    assert issue.text("fr") == (
        "qui prend l'initiative (local_authority, company) doit aussi figurer dans concerns"
    )
