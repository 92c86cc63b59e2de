"""The message catalogue: English in messages.py, every translation a gettext .po (msgctxt =
the key) with its compiled .mo, French typography applied at output, a language added by
adding its .po (CONTRIBUTING.md, "Messages and languages")."""

from __future__ import annotations

import gettext
import importlib.util
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from string import Formatter
from types import ModuleType

import pytest
from typer.testing import Result

from toolbox_cli import i18n
from toolbox_cli.i18n import messages

ROOT = Path(__file__).parents[1]
LOCALE = ROOT / "src" / "toolbox_cli" / "i18n" / "locale"
FRENCH_PO = LOCALE / "fr" / "LC_MESSAGES" / "toolbox.po"
Run = Callable[..., Result]


def _script() -> ModuleType:
    path = ROOT / "tools" / "i18n_convert.py"
    spec = importlib.util.spec_from_file_location("i18n_convert", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_convert"] = module
    spec.loader.exec_module(module)
    return module


convert = _script()
SINGLE = {
    key: english
    for table in (messages.UI, messages.HELP, messages.ISSUES, messages.WORDS, messages.OS_REASONS)
    for key, english in table.items()
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def english_texts(key: str) -> tuple[str, ...]:
    return messages.PLURALS[key] if key in messages.PLURALS else (SINGLE[key],)


# --- the French catalogue is complete ---------------------------------------------------


def test_every_message_has_a_french_translation_not_fuzzy() -> None:
    french = convert.read_po(FRENCH_PO)
    keys = [*SINGLE, *messages.PLURALS]
    missing = [key for key in keys if key not in french.strings]
    empty = [
        key
        for key, value in french.strings.items()
        if not all(value if isinstance(value, tuple) else (value,))
    ]
    assert missing == [], "translate these in fr.po (Poedit), then run tools/i18n_convert.py"
    assert empty == []
    assert sorted(french.fuzzy) == [], "review these fuzzy entries of fr.po"
    assert set(french.strings) == set(keys), "fr.po has messages messages.py lacks"


def test_the_check_can_fail_on_a_missing_or_fuzzy_translation(tmp_path: Path) -> None:
    po = tmp_path / "fr" / "LC_MESSAGES" / "toolbox.po"
    po.parent.mkdir(parents=True)
    text = FRENCH_PO.read_text(encoding="utf-8")
    text = text.replace('msgstr "Familles"', 'msgstr ""', 1)
    text = text.replace('msgctxt "levels"', '#, fuzzy\nmsgctxt "levels"', 1)
    po.write_text(text, encoding="utf-8")
    french = convert.read_po(po)
    assert french.strings["families"] == ""
    assert french.fuzzy == {"levels"}


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/toolbox.po")), ids=str)
def test_every_translation_has_the_placeholders_of_its_english(po: Path) -> None:
    language = convert.read_po(po)
    for key, value in language.strings.items():
        if key in messages.WORDS:  # words put into messages, not templates
            continue
        for translated in value if isinstance(value, tuple) else (value,):
            if translated:
                wanted = set().union(*(fields(text) for text in english_texts(key)))
                assert fields(translated) <= wanted, f"{po.parent.parent.name} {key}: {translated}"
                if key not in messages.PLURALS:  # a singular may leave out {count}
                    assert fields(translated) == wanted, f"{key}: {translated!r}"


def test_the_french_plural_forms_count_zero_as_one() -> None:
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in FRENCH_PO.read_text(encoding="utf-8")
    assert i18n.tn("fr", "list_count", 0, total=26) == "0 outil sur 26"
    assert i18n.tn("fr", "list_count", 1, total=26) == "1 outil sur 26"
    assert i18n.tn("fr", "list_count", 2, total=26) == "2 outils sur 26"
    assert i18n.tn("en", "search_count", 0, query="x") == "0 tools for 'x'"
    assert i18n.tn("en", "search_count", 1, query="x") == "1 tool for 'x'"


# --- what is shipped is what the .po says ------------------------------------------------


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/toolbox.po")), ids=str)
def test_the_mo_is_the_po_compiled(po: Path) -> None:
    mo = po.with_suffix(".mo")
    assert mo.is_file(), "run python tools/i18n_convert.py"
    assert mo.read_bytes() == convert.compile_mo(po), "run python tools/i18n_convert.py"


def test_gettext_reads_every_french_message_from_the_mo() -> None:
    with (FRENCH_PO.with_suffix(".mo")).open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    french = convert.read_po(FRENCH_PO)
    for key, english in SINGLE.items():
        assert compiled.pgettext(key, english) == french.strings[key], key
    for key, (one, other) in messages.PLURALS.items():
        assert compiled.npgettext(key, one, other, 1) == french.strings[key][0], key
        assert compiled.npgettext(key, one, other, 2) == french.strings[key][1], key


def test_the_template_and_the_po_are_up_to_date_with_messages_py() -> None:
    tables, old = convert.read_source(convert.MESSAGES.read_text(encoding="utf-8"))
    _, old_in_init = convert.read_source((convert.PACKAGE / "__init__.py").read_text("utf-8"))
    assert old == [], "old-form {fr, en} entries: run python tools/i18n_convert.py"
    assert old_in_init == [], "old-form tables in i18n/__init__.py: run tools/i18n_convert.py"
    assert convert.TEMPLATE.read_text(encoding="utf-8") == convert.write_po(tables, None)
    french = convert.read_po(FRENCH_PO)
    assert FRENCH_PO.read_text(encoding="utf-8") == convert.write_po(
        tables, convert.merge(tables, french)
    ), "run python tools/i18n_convert.py"


def test_messages_py_is_as_the_script_writes_it() -> None:
    tables, _ = convert.read_source(convert.MESSAGES.read_text(encoding="utf-8"))
    assert convert.write_messages(tables) == convert.MESSAGES.read_text(encoding="utf-8")


def test_the_wheel_ships_the_compiled_catalogues() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["src/toolbox_cli"]' in pyproject  # every file under it, .mo included
    assert (LOCALE / "fr" / "LC_MESSAGES" / "toolbox.mo").is_file()


# --- the conversion script ---------------------------------------------------------------

OLD_FORM = """
UI: dict[str, dict[Lang, str]] = {
    # a comment for translators
    "families": {"fr": "Familles", "en": "Families"},
    "brand_new": {"fr": "Tout neuf\\u202f: {x}", "en": "Brand new: {x}"},
    "new_count_one": {"fr": "{count} nouvel outil", "en": "{count} new tool"},
    "new_count_other": {"fr": "{count} nouveaux outils", "en": "{count} new tools"},
    "list_count_other": {"fr": "{count} outils (sur {total})", "en": "{count} of {total} tools"},
}
WORDS: dict[str, dict[Lang, str]] = {}
WORDS.update({"found a tab": {"fr": "une tabulation\\u00a0!", "en": "found a tab"}})
"""


def test_the_script_folds_old_form_entries_in() -> None:
    tables, french = convert.read_source(convert.MESSAGES.read_text(encoding="utf-8"))[0], {}
    _, old = convert.read_source(OLD_FORM)
    assert [entry.key for entry in old][:2] == ["families", "brand_new"]
    assert old[0].comments == ["a comment for translators"]
    convert.fold(tables, old, french)
    assert tables["UI"]["brand_new"].english == "Brand new: {x}"
    assert french["brand_new"] == "Tout neuf : {x}"  # typeset puts the no-break space back
    assert tables["PLURALS"]["new_count"].english == ("{count} new tool", "{count} new tools")
    assert french["new_count"] == ("{count} nouvel outil", "{count} nouveaux outils")
    assert "new_count_one" not in tables["UI"]
    # one form of an existing plural: the other form is kept
    assert french["list_count"] == ("", "{count} outils (sur {total})")
    assert tables["PLURALS"]["list_count"].english[1] == "{count} of {total} tools"
    assert tables["WORDS"]["found a tab"].english == "found a tab"
    assert french["found a tab"] == "une tabulation !"


def test_the_script_writes_what_it_reads() -> None:
    text = convert.MESSAGES.read_text(encoding="utf-8")
    tables, _ = convert.read_source(text)
    again, _ = convert.read_source(convert.write_messages(tables))
    assert again == tables


def test_the_script_check_finds_nothing_to_do() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n_convert.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- typography at output -----------------------------------------------------------------


def test_no_translation_types_a_no_break_space_typeset_adds() -> None:
    from toolbox_cli.i18n.typography import typeset

    for po in LOCALE.glob("*/LC_MESSAGES/toolbox.po"):
        text = po.read_text(encoding="utf-8")
        assert "\u202f" not in text, f"{po}: type a plain space, typeset adds the narrow one"
        assert "\\u202f" not in text, po
    for key, value in convert.read_po(FRENCH_PO).strings.items():
        for translated in value if isinstance(value, tuple) else (value,):
            for at, char in enumerate(translated):
                if char == "\u00a0":  # one typeset would not add, as in "n°\u00a0{rank}"
                    spaced = typeset(f"{translated[:at]} {translated[at + 1 :]}")
                    assert spaced[at] != "\u00a0", f"{key}: type a plain space there"
    assert "\\u202f" not in convert.MESSAGES.read_text(encoding="utf-8")


def test_the_script_keeps_only_the_no_break_spaces_typeset_does_not_add() -> None:
    entry = "Écarté par --limit\u00a0{limit}\u202f: il est n°\u00a0{rank} (étape\u00a0{step})."
    plain = convert.untypeset_checked("explain_over_limit", entry)
    assert plain == "Écarté par --limit\u00a0{limit} : il est n°\u00a0{rank} (étape {step})."


def _french_texts() -> Iterator[str]:
    for key in SINGLE:
        yield i18n.message("fr", key)
    for key in messages.PLURALS:
        names = fields(messages.PLURALS[key][0]) | fields(messages.PLURALS[key][1])
        values = {name: "{x}" for name in names - {"count"}}
        yield i18n.tn("fr", key, 1, **values)
        yield i18n.tn("fr", key, 2, **values)


def test_french_messages_follow_french_typography_at_output() -> None:
    for text in _french_texts():
        for mark in (" :", " ;", " ?", " !", " »"):
            assert mark not in text, f"{text!r}: typeset must hold {mark[1]} to its word"
        assert "« " not in text, text
        for word in ("niveau", "niveaux", "étape", "Étape"):
            assert f"{word} {{" not in text, text
    assert i18n.t("fr", "source_line", title="T") == "Source\u202f: T"
    assert i18n.t("en", "source_line", title="T") == "Source: T"


def test_no_message_says_s_in_brackets() -> None:
    for key in (*messages.UI, *messages.HELP):
        for lang in ("fr", "en"):
            assert "(s)" not in i18n.message(lang, key), key


# --- loading: lazily, once ------------------------------------------------------------------


def test_english_reads_no_catalogue_and_french_reads_its_own_once() -> None:
    code = (
        "import sys; from toolbox_cli import i18n; i18n.t('en', 'families'); "
        "print('gettext' in sys.modules); i18n.t('fr', 'families'); i18n.t('fr', 'levels'); "
        "i18n.tn('fr', 'list_count', 2, total=3); print(i18n._catalogue.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "2"]  # English's None, French's catalogue


# --- a third language: one .po file ---------------------------------------------------------


@pytest.fixture
def klingon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A locale folder with fr and a new language, tlh, that translates three messages."""
    locale = tmp_path / "locale"
    for lang in ("fr",):
        target = locale / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        for name in ("toolbox.po", "toolbox.mo"):
            (target / name).write_bytes((LOCALE / lang / "LC_MESSAGES" / name).read_bytes())
    po = locale / "tlh" / "LC_MESSAGES" / "toolbox.po"
    po.parent.mkdir(parents=True)
    template = (LOCALE / "toolbox.pot").read_text(encoding="utf-8")
    template = template.replace('"Plural-Forms:', '"Language: tlh\\n"\n"Plural-Forms:', 1)
    for key, translated in (
        ("col_families", "tuqmey"),
        ("col_levels", "patlh"),
        ("bad_lang", "{origin}: Hol Sovbe'lu' '{value}'; {languages}"),
    ):
        start = template.index(f'msgctxt "{key}"\n')
        end = template.index('msgstr ""', start)
        template = template[:end] + f'msgstr "{translated}"' + template[end + 9 :]
    po.write_text(template, encoding="utf-8")
    po.with_suffix(".mo").write_bytes(convert.compile_mo(po))
    monkeypatch.setattr(i18n, "LOCALE", str(locale))
    for cached in (i18n.languages, i18n._catalogue, i18n._say, i18n._say_plural):
        cached.cache_clear()
    yield po
    for cached in (i18n.languages, i18n._catalogue, i18n._say, i18n._say_plural):
        cached.cache_clear()


def test_a_new_po_file_is_a_new_language(klingon: Path, run: Run) -> None:
    assert i18n.languages() == ("fr", "en", "tlh")
    assert i18n.locale_lang({"LANG": "tlh_XX.UTF-8"}) == "tlh"
    assert i18n.pick_lang("TLH") == "tlh"
    result = run("list", "--lang", "tlh")
    assert result.exit_code == 0, result.output
    assert "tuqmey" in result.stdout  # its own words
    assert "patlh" in result.stdout
    assert "Chairs" in result.stdout or "chair" in result.stdout.lower()  # cards in English
    shown = run("show", "these-cifre", "--lang", "tlh")
    assert shown.exit_code == 0, shown.output
    assert "Process" in shown.stdout  # an untranslated message falls back to English
    assert run("list", "--lang", "tlh", "--json").exit_code == 0
    assert run("search", "thesis", "--lang", "tlh").exit_code == 0
    wrong = run("list", "--lang", "xx")
    assert wrong.exit_code == 2
    assert "fr, en, tlh" in wrong.stderr
