"""``toolbox new``: a new card, or an extension file, that validates; through flags and at
a pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
from typer.testing import Result

from toolbox_cli.catalogue import load_catalogue
from toolbox_cli.catalogue.validate import load_vocabulary
from toolbox_cli.i18n import t

Run = Callable[..., Result]


def written(folder: Path) -> list[Path]:
    """What ``new`` wrote in ``folder``: the index's cache (conftest puts it there) aside."""
    return [path for path in folder.iterdir() if path.name != "toolbox-cache"]


SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "community"
TIMEOUT = 10

CARD_FLAGS = (
    "--id", "chaire-territoriale", "--title-fr", "Chaire territoriale : « essai »",
    "--title-en", "no", "--summary-fr", "Un résumé.", "--summary-en", "A summary.",
    "--family", "1", "--level", "2", "--level", "3",
    "--concerns", "research, local_authority", "--initiative", "research",
    "--goal", "reflexivity", "--source", "uga-territoires",
    "--section-fr", "Une partie", "--section-en", "A part",
)  # fmt: skip


def complete(path: Path) -> None:
    """What an author does after ``new``: each placeholder replaced from the source."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("À COMPLÉTER d'après la source.", "Fait.")
    path.write_text(text.replace("TO BE COMPLETED from the source.", "Done."), encoding="utf-8")


def test_new_through_flags_writes_a_card_that_validates(run: Run, tmp_path: Path) -> None:
    result = run("new", "--dir", str(tmp_path), *CARD_FLAGS)
    assert result.exit_code == 0, result.output
    path = tmp_path / "chaire-territoriale.yaml"
    assert f"Written: {path}" in result.stdout
    assert f"Next: toolbox validate {tmp_path}" in result.stdout
    # a folder with no catalogue yet: a manifest over the shipped cards
    assert f"Written: {tmp_path / 'catalogue.yaml'}" in result.stdout
    check = run("validate", str(tmp_path))
    assert check.exit_code == 1  # unfinished: each placeholder is named
    assert check.stdout.count("unfinished text") == 8
    assert "objective.fr" in check.stdout
    assert "process.0.en" in check.stdout
    complete(path)
    check = run("validate", str(tmp_path))
    assert check.exit_code == 0, check.output
    assert "27 of 27 tools" in run("--cards-dir", str(tmp_path), "list").stdout
    card = load_catalogue(tmp_path).card("chaire-territoriale")
    assert card.title.fr == "Chaire territoriale : « essai »"
    assert card.title.en == "no"  # quoted: not read as false
    assert (card.levels, card.concerns, card.actors) == (
        [2, 3],
        ["research", "local_authority"],
        ["research"],
    )
    text = path.read_text(encoding="utf-8")
    assert text.index("# Read from the source") < text.index("\nconcerns:")


def test_new_never_overwrites_a_file(run: Run, tmp_path: Path) -> None:
    # refused at the id, before any other answer is asked for (found in a trial)
    path = tmp_path / "chaire-territoriale.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = run("new", "--dir", str(tmp_path), *CARD_FLAGS)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"--id: {path} already exists: choose another id" in said
    assert path.read_text(encoding="utf-8") == "mine\n"
    french = run("new", "--dir", str(tmp_path), *CARD_FLAGS, "--lang", "fr")
    assert "existe déjà" in french.stderr


def test_the_writer_never_overwrites_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    from toolbox_cli.catalogue import authoring

    path = tmp_path / "late.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(authoring.UnsafeWrite):
        authoring.write_new(path, "id: late\n")
    assert path.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_refuses_the_id_of_a_card_below_that_is_not_replaced(
    run: Run, tmp_path: Path, lang: str
) -> None:
    # found in a trial: it wrote chaires.yaml, which validate then refused
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    flags = list(CARD_FLAGS)
    flags[flags.index("--id") + 1] = "chaires"
    result = run("new", "--dir", str(community), *flags, "--lang", lang)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "toolbox new --extends chaires" in said
    assert "replaces" in said
    assert "catalogue.yaml" in said
    assert not (community / "chaires.yaml").exists()


def test_a_description_in_one_language_only_is_refused(run: Run, tmp_path: Path) -> None:
    # it was copied into the other language (found in a trial)
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    flags = ("--kind", "example", "--name-fr", "Un", "--name-en", "One")
    flags += ("--description-fr", "Seulement en français.", "--source", "boite-a-outils")
    result = run("new", "--dir", str(community), "--extends", "these-cifre", *flags)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "--description-en: a description is written in both languages, or not at all" in said
    assert not (community / "extensions" / "these-cifre.yaml").exists()


def test_new_without_a_terminal_names_the_missing_flags(run: Run, tmp_path: Path) -> None:
    result = run("new", "--dir", str(tmp_path), "--id", "x-y")
    assert result.exit_code == 2
    assert "give: --title-fr, --title-en" in " ".join(result.stderr.split())
    assert not written(tmp_path)


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--id", "Bad Id", "'Bad Id' is not an id"),
        ("--level", "7", "'7': expected one or more numbers from 1-5"),
        ("--goal", "world-peace", "'world-peace': expected one or more of: outreach"),
        ("--initiative", "company", "who takes the initiative (company) must also be among"),
    ],
)
def test_a_wrong_flag_is_a_usage_error(
    run: Run, tmp_path: Path, flag: str, value: str, message: str
) -> None:
    flags = list(CARD_FLAGS)
    flags[flags.index(flag) + 1] = value
    result = run("new", "--dir", str(tmp_path), *flags)
    assert result.exit_code == 2, result.output
    assert f"{flag}: {message}" in " ".join(result.stderr.split())
    assert not written(tmp_path)


def test_new_extends_writes_an_extension_that_validates(run: Run, tmp_path: Path) -> None:
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    flags = (
        "--kind", "podcast", "--name-fr", "Un podcast", "--name-en", "A podcast",
        "--description-fr", "Sur les thèses.", "--description-en", "On theses.",
        "--link", "https://example.org/p",
        "--source", "boite-a-outils",
    )  # fmt: skip
    for _ in range(2):
        result = run("new", "--dir", str(community), "--extends", "these-cifre", *flags[:4])
        assert result.exit_code == 2  # name-en and source missing, no terminal
        result = run("new", "--dir", str(community), "--extends", "these-cifre", *flags)
        assert result.exit_code == 0, result.output
        flags = tuple(f.replace(" podcast", " second") for f in flags)
    assert (community / "extensions" / "these-cifre.yaml").is_file()
    assert (community / "extensions" / "these-cifre-2.yaml").is_file()  # never overwritten
    assert run("validate", str(community)).exit_code == 0
    examples = load_catalogue(community, light=True).card("these-cifre").examples
    added = {e.name.en: e for e in examples[-2:]}  # in the order of the files' names
    assert set(added) == {"A podcast", "A second"}
    assert added["A second"].description.en == "On theses."


def test_new_extends_an_unknown_card(run: Run, tmp_path: Path) -> None:
    result = run("new", "--dir", str(tmp_path), "--extends", "no-such-card", "--lang", "fr")
    assert result.exit_code == 1
    assert t("fr", "new_unknown_card", name="no-such-card") in result.stderr


# --- at a pseudo-terminal ---------------------------------------------------------------


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., pexpect.spawn]]:
    children: list[pexpect.spawn] = []
    env = dict(os.environ)
    env.update({"COLUMNS": "200", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"})

    def start(*args: str) -> pexpect.spawn:
        child = pexpect.spawn(
            sys.executable,
            ["-m", "toolbox_cli", *args],
            env=env,
            cwd=str(tmp_path),
            dimensions=(40, 200),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)
        child.close()


def test_new_asks_every_question_at_a_terminal(
    spawn: Callable[..., pexpect.spawn], tmp_path: Path
) -> None:
    child = spawn("new", "--lang", "fr")
    answers = [
        ("new_q_id", "Pas Bon", "n'est pas un identifiant"),
        ("new_q_id", "chaire-terminal", None),
        ("new_q_title_fr", "Chaire au terminal", None),
        ("new_q_title_en", "Chair at the terminal", None),
        ("new_q_summary_fr", "Résumé.", None),
        ("new_q_summary_en", "Summary.", None),
        ("new_q_families", "9", "attendu un ou plusieurs nombres de 1-4"),
        ("new_q_families", "1 2", None),
        ("new_q_levels", "3", None),
        ("new_q_concerns", "research", None),
        ("new_q_actors", "local_authority", "doit aussi figurer"),
        ("new_q_actors", "research", None),
        ("new_q_goals", "reflexivity, funding", None),
        ("new_q_source", "uga-territoires", None),
        ("new_q_section_fr", "Une partie", None),
        ("new_q_section_en", "A part", None),
    ]
    for key, reply, error in answers:
        child.expect_exact(t("fr", key))
        child.expect_exact(" > ")
        child.sendline(reply)
        if error is not None:
            child.expect_exact(error)
    child.expect_exact(t("fr", "new_written", path="chaire-terminal.yaml"))
    child.expect_exact(t("fr", "new_next", command="toolbox validate ."))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    complete(tmp_path / "chaire-terminal.yaml")
    card = load_catalogue(tmp_path).card("chaire-terminal")
    assert (card.families, card.goals) == ([1, 2], ["reflexivity", "funding"])


def test_new_extends_at_a_terminal_and_end_of_input(
    spawn: Callable[..., pexpect.spawn], tmp_path: Path
) -> None:
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    child = spawn("new", "--dir", "community", "--extends", "chaires")
    for key, reply in (
        ("new_q_kind", ""),  # Enter: an example
        ("new_q_name_fr", "Un exemple"),
        ("new_q_name_en", "An example"),
        ("new_q_description_fr", ""),
        ("new_q_description_en", ""),
        ("new_q_link", ""),
        ("new_q_source", "rameau-catalyseur"),
    ):
        child.expect_exact(t("en", key))
        child.expect_exact(" > ")
        child.sendline(reply)
    child.expect_exact("Written: community/extensions/chaires.yaml")
    child.expect(pexpect.EOF)
    example = load_catalogue(community).card("chaires").examples[-1]
    assert (example.kind, example.name.en, example.description) == ("example", "An example", None)
    vocabulary = load_vocabulary()
    assert example.source in vocabulary.ids["sources"]

    child = spawn("new", "--id", "half-done")
    child.expect_exact(t("en", "new_q_title_fr"))
    child.sendeof()
    child.expect(r"\n\s*Error: input ended")  # on a line of its own, not the prompt's
    child.expect_exact("nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert not (tmp_path / "half-done.yaml").exists()


def test_names_of_several_words_and_kinds_in_french_are_taken(run: Run, tmp_path: Path) -> None:
    # found in a community-workflow trial: "structure relais" was cut at its space, and
    # "vidéo" refused although show prints it
    flags = list(CARD_FLAGS)
    flags[flags.index("--concerns") + 1] = "structure relais, recherche collectivité"
    flags[flags.index("--goal") + 1] = "connaissance mutuelle"
    result = run("new", "--dir", str(tmp_path), *flags)
    assert result.exit_code == 0, result.output
    complete(tmp_path / "chaire-territoriale.yaml")
    card = load_catalogue(tmp_path).card("chaire-territoriale")
    assert card.concerns == ["intermediary", "research", "local_authority"]
    assert card.goals == ["mutual_knowledge"]
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    example = ("--name-fr", "Une vidéo", "--name-en", "A video", "--source", "boite-a-outils")
    extends = ("new", "--dir", str(community), "--extends", "chaires")
    result = run(*extends, "--kind", "vidéo", *example)
    assert result.exit_code == 0, result.output
    assert load_catalogue(community, light=True).card("chaires").examples[-1].kind == "video"
    refused = run(*extends, "--kind", "film", *example)
    assert "'film': expected one of: example, resource" in " ".join(refused.stderr.split())


def test_new_checks_ids_below_by_their_files_even_in_a_broken_catalogue(
    run: Run, tmp_path: Path
) -> None:
    # found in review: a half-written card anywhere made new fail with its errors
    community = tmp_path / "community"
    shutil.copytree(SAMPLE, community)
    (community / "half-written.yaml").write_text("id: half-written\n", encoding="utf-8")
    result = run("new", "--dir", str(community), *CARD_FLAGS)
    assert result.exit_code == 0, result.output
    flags = list(CARD_FLAGS)
    flags[flags.index("--id") + 1] = "chaires"
    assert run("new", "--dir", str(community), *flags).exit_code == 2


# --- checked first, said for its flag (issues 20 and 23) ----------------------------


@pytest.mark.parametrize("broken", ["file", "dangling link"])
def test_an_extensions_folder_that_is_not_one_is_said_before_any_question(
    run: Run, tmp_path: Path, broken: str
) -> None:
    extensions = tmp_path / "extensions"
    if broken == "file":
        extensions.write_text("", encoding="utf-8")
    else:
        extensions.symlink_to(tmp_path / "nowhere")
    result = run("new", "--dir", str(tmp_path), "--extends", "these-cifre")  # nothing else
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    kind = "a file" if broken == "file" else "a link to a file that does not exist"
    assert (
        f"Error: --dir: {extensions} should be the folder of extensions, but it is {kind}" in said
    )
    assert "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_folder_that_cannot_be_written_is_said_before_any_question(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    # read-only or unsearchable: os.access says so (tests may run as root, whom the
    # modes do not stop)
    real = os.access

    def access(path: object, mode: int, **more: bool) -> bool:
        if Path(str(path)) == tmp_path and mode & (os.W_OK | os.X_OK):
            return False  # readable (Click checks that), but not writable or searchable
        return real(str(path), mode, **more)

    monkeypatch.setattr(os, "access", access)
    result = run("--lang", lang, "new", "--dir", str(tmp_path))
    assert result.exit_code == 2
    words = "permission denied" if lang == "en" else "permission refusée"
    assert result.stderr.startswith(("Error: --dir: ", "Erreur\u202f: --dir\u202f: "))
    assert words in result.stderr
    assert str(tmp_path) in result.stderr
    assert not written(tmp_path)


def test_a_path_over_the_systems_limit_is_said_for_dir(run: Run, tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["a" * 200] * 25)
    result = run("new", "--dir", str(deep), *CARD_FLAGS)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --dir: path too long for this system")
    assert "Traceback" not in result.output


def test_a_missing_folder_is_created_in_its_parent_with_a_manifest(
    run: Run, tmp_path: Path
) -> None:
    result = run("new", "--dir", str(tmp_path / "ours"), *CARD_FLAGS)
    assert result.exit_code == 0, result.output
    manifest = (tmp_path / "ours" / "catalogue.yaml").read_text(encoding="utf-8")
    assert "name: ours\nextends: shipped\n" in manifest
    nowhere = run("new", "--dir", str(tmp_path / "no" / "ours"), "--id", "x")
    assert nowhere.exit_code == 2
    assert "--dir: no such folder" in nowhere.stderr
    assert "Missing" not in nowhere.stderr


def test_a_folder_of_cards_without_a_manifest_stays_a_catalogue_of_its_own(
    run: Run, cards_copy: Path
) -> None:
    flags = list(CARD_FLAGS)
    flags[flags.index("--title-en") + 1] = "A territorial chair"
    result = run("new", "--dir", str(cards_copy), *flags)
    assert result.exit_code == 0, result.output
    assert not (cards_copy / "catalogue.yaml").exists()


def test_a_new_community_catalogue_refuses_a_shipped_id_and_title(run: Run, tmp_path: Path) -> None:
    flags = list(CARD_FLAGS)
    flags[flags.index("--id") + 1] = "chaires"
    assert "--id: 'chaires' is already a card" in " ".join(
        run("new", "--dir", str(tmp_path), *flags).stderr.split()
    )
    flags = list(CARD_FLAGS)
    flags[flags.index("--title-en") + 1] = "CHAIRS"  # case aside, as show TITLE reads it
    result = run("new", "--dir", str(tmp_path), *flags)
    assert result.exit_code == 2
    assert "--title-en: the card chaires already has the title 'CHAIRS'" in result.stderr
    assert not written(tmp_path)


@pytest.mark.parametrize(
    ("flag", "lang", "said"),
    [
        ("--title-fr", "en", "--title-fr: control character U+0001 is not allowed"),
        ("--section-en", "fr", "--section-en\u202f: caractère de contrôle U+0001 interdit"),
        ("--summary-en", "en", "--summary-en: invisible character U+200B is not allowed"),
    ],
)
def test_a_refused_text_is_said_in_words_for_its_flag(
    run: Run, tmp_path: Path, flag: str, lang: str, said: str
) -> None:
    flags = list(CARD_FLAGS)
    flags[flags.index(flag) + 1] = (
        "a\x01b" if "control" in said or "contrôle" in said else "a\u200bb"
    )
    result = run("--lang", lang, "new", "--dir", str(tmp_path), *flags)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "control_character" not in result.stderr
    assert "title.fr" not in result.stderr


def test_validate_refuses_a_card_left_unfinished(run: Run, tmp_path: Path) -> None:
    assert run("new", "--dir", str(tmp_path), *CARD_FLAGS).exit_code == 0
    for lang, words in (("en", "unfinished text"), ("fr", "texte à compléter")):
        check = run("--lang", lang, "validate", str(tmp_path))
        assert check.exit_code == 1
        assert check.stdout.count(words) == 8
    shown = run("--cards-dir", str(tmp_path), "show", "chaire-territoriale")
    assert shown.exit_code == 1  # never shown with its placeholders
    assert "TO BE COMPLETED from the source" not in shown.stdout


def test_the_families_question_names_the_families(catalogue: object) -> None:
    from toolbox_cli.catalogue import authoring

    vocabulary = load_vocabulary()
    families = next(q for q in authoring.CARD_QUESTIONS if q.key == "families")
    assert families.hint(vocabulary, "fr").startswith("1 L'université vers les territoires, 2 ")
    assert "4 Bridge tools" in families.hint(vocabulary, "en")


def test_a_community_cites_its_own_source_declared_in_its_vocabulary(
    run: Run, tmp_path: Path
) -> None:
    from toolbox_cli.catalogue.paths import vocabulary_file

    flags = list(CARD_FLAGS)
    flags[flags.index("--source") + 1] = "notre-enquete-2024"
    refused = run("new", "--dir", str(tmp_path), *flags)
    assert refused.exit_code == 2
    assert "declare it in the catalogue's vocabulary.yaml" in " ".join(refused.stderr.split())
    (tmp_path / "catalogue.yaml").write_text("name: ours\nextends: shipped\n", encoding="utf-8")
    own = vocabulary_file().read_text(encoding="utf-8").rstrip("\n") + (
        '\n  - id: notre-enquete-2024\n    document: "101"\n'
        "    title: {fr: Notre enquête 2024, en: Our 2024 survey}\n"
    )
    (tmp_path / "vocabulary.yaml").write_text(own, encoding="utf-8")
    result = run("new", "--dir", str(tmp_path), *flags)
    assert result.exit_code == 0, result.output
    complete(tmp_path / "chaire-territoriale.yaml")
    assert run("validate", str(tmp_path)).exit_code == 0
    shown = run("--cards-dir", str(tmp_path), "show", "chaire-territoriale")
    assert "Source: Our 2024 survey, A part" in shown.stdout
