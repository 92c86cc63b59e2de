"""Keep the message catalogue: English source, template, translations, compiled catalogues.

    python tools/i18n_convert.py                  # after editing messages.py or a .po
    python tools/i18n_convert.py --branch NAME    # also fold in what branch NAME added or
                                                  # changed in the old {fr, en} dicts
        [--since BASE]                            # ... counted from BASE, not from the
                                                  # commit before the conversion
    python tools/i18n_convert.py OLD.py ...       # also fold in every old-form entry of OLD.py
    python tools/i18n_convert.py --check          # change nothing; exit 1 if a run would

What it reads (``src/toolbox_cli/i18n/``):

- ``messages.py``: every message in English, by key, in tables (``UI``, ``PLURALS``,
  ``HELP``, ``ISSUES``, ``WORDS``, ``OS_REASONS``). A value is the English text, or for a
  ``PLURALS`` entry the pair (singular, plural).
- ``locale/<lang>/LC_MESSAGES/toolbox.po``: one file a language, msgctxt = the key,
  msgid = the English text, msgstr = the translation.
- Entries in the OLD form, ``"key": {"fr": "...", "en": "..."}``, wherever they are: in a
  table of ``messages.py`` or of ``__init__.py`` (as a merge may leave them), in the files
  given, or in a branch's ``i18n`` module (``--branch``; only what that branch added,
  changed or removed since it forked from the last commit before the catalogue was
  converted, or from ``--since``). Their English
  goes to ``messages.py``, their French to ``fr.po`` (its typography's no-break spaces
  taken out: ``typeset`` puts them back at output), ``X_one``/``X_other`` pairs become the
  plural ``X``. An old-form ``{"fr": ..., "en": ...}`` dict thus needs no hand conversion.

What it writes: ``messages.py`` (old-form entries taken out), ``locale/toolbox.pot``, every
``.po`` merged with the template the way ``msgmerge`` does (a new message gets an empty
msgstr, one whose English changed is marked fuzzy, one no longer used is dropped), and
every ``.mo`` beside its ``.po``. Running it twice changes nothing the second time.
Needs Babel (``pip install -e '.[dev]'``), which reads the ``.po`` files; the ``.mo`` are
written here so that their bytes depend only on the ``.po`` (tests compare them).
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import struct
import subprocess
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "toolbox_cli" / "i18n"
MESSAGES = PACKAGE / "messages.py"
LOCALE = PACKAGE / "locale"
DOMAIN = "toolbox"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
SOURCE_LANG = "en"
# Every table of messages.py, in order; PLURALS holds (singular, plural) pairs.
TABLES = ("UI", "PLURALS", "HELP", "ISSUES", "WORDS", "OS_REASONS")
OLD_PATH = "src/toolbox_cli/i18n/__init__.py"  # where the old-form dicts lived
TYPESET_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})

English = str | tuple[str, str]
Translation = str | tuple[str, ...]


@dataclass
class Entry:
    """One message: its key, its English, the comments above it in messages.py."""

    key: str
    english: English
    comments: list[str] = field(default_factory=list)


@dataclass
class OldEntry:
    """An entry of the old form: ``{"fr": ..., "en": ...}`` (empty: a branch removed it)."""

    table: str
    key: str
    texts: dict[str, str]
    comments: list[str] = field(default_factory=list)


Tables = dict[str, dict[str, Entry]]


# --- reading Python sources ------------------------------------------------------------


def _comments(source: str) -> dict[int, str]:
    """Full-line comments by line number."""
    found: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and not token.line[: token.start[1]].strip():
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def _table_dicts(tree: ast.Module) -> list[tuple[str, ast.Dict]]:
    """``(table, dict literal)`` for ``T = {...}``, ``T: ... = {...}``, ``T.update({...})``."""
    found: list[tuple[str, ast.Dict]] = []
    for node in tree.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "update"
            and len(node.value.args) == 1
        ):
            target, value = node.value.func.value, node.value.args[0]
        if isinstance(target, ast.Name) and target.id in TABLES and isinstance(value, ast.Dict):
            found.append((target.id, value))
    return found


def read_source(source: str) -> tuple[Tables, list[OldEntry]]:
    """The new-form entries and the old-form ones of a Python module's tables."""
    tree = ast.parse(source)
    comments = _comments(source)
    tables: Tables = {name: {} for name in TABLES}
    old: list[OldEntry] = []
    for table, literal in _table_dicts(tree):
        previous = literal.lineno
        for key_node, value_node in zip(literal.keys, literal.values, strict=True):
            if key_node is None:
                raise SystemExit(f"{table}: a ** entry cannot be converted")
            key = ast.literal_eval(key_node)
            value = ast.literal_eval(value_node)
            above = [comments[n] for n in range(previous + 1, key_node.lineno) if n in comments]
            previous = value_node.end_lineno or value_node.lineno
            if isinstance(value, dict):
                if not {"fr", "en"} <= set(value):
                    raise SystemExit(f"{table}[{key!r}]: an old-form entry needs fr and en")
                old.append(OldEntry(table, key, dict(value), above))
                if table in tables and "en" in value:  # keeps its place; fold() fills it
                    tables[table][key] = Entry(key, value["en"], above)
            elif isinstance(value, str) or (
                isinstance(value, tuple) and len(value) == 2 and table == "PLURALS"
            ):
                tables[table][key] = Entry(key, value, above)
            else:
                raise SystemExit(f"{table}[{key!r}]: not a message: {value!r}")
    return tables, old


def source_at(revision: str, path: str = OLD_PATH) -> str:
    """``path`` as it is at ``revision`` ('' where it is not there)."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:{path}"], capture_output=True, text=True
    )
    return done.stdout if done.returncode == 0 else ""


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def branch_changes(branch: str, since: str | None = None) -> list[OldEntry]:
    """The old-form entries ``branch`` added or changed since it forked from ``since``,
    by default from the last commit before the catalogue was converted (the parent of
    the commit that added messages.py)."""
    if since is None:
        added = _git(
            "log",
            "--diff-filter=A",
            "--format=%H",
            "HEAD",
            "--",
            "src/toolbox_cli/i18n/messages.py",
        ).splitlines()
        if not added:
            raise SystemExit("messages.py is not in this branch's history: give --since")
        since = f"{added[-1]}^"
    base = _git("merge-base", branch, since)
    _, before = read_source(source_at(base))
    _, after = read_source(source_at(branch))
    known = {(e.table, e.key): e.texts for e in before}
    kept = {(e.table, e.key) for e in after}
    removed = [OldEntry(e.table, e.key, {}) for e in before if (e.table, e.key) not in kept]
    return [e for e in after if known.get((e.table, e.key)) != e.texts] + removed


# --- folding old-form entries in -------------------------------------------------------


def untypeset(text: str) -> str:
    """French as a translator types it: plain spaces (``typeset`` adds the no-break ones)."""
    return text.translate(TYPESET_SPACES)


def _typeset(text: str) -> str:
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    from toolbox_cli.i18n.typography import typeset

    return typeset(text)


def untypeset_checked(key: str, text: str) -> str:
    """``text`` with the no-break spaces ``typeset`` puts back taken out; one it would not
    put back (``n°\u00a0{rank}``) is kept. Says so when ``typeset`` would not give ``text``
    back exactly (it would add a no-break space the entry did not have)."""
    plain = untypeset(text)
    again = _typeset(plain)
    if len(again) == len(text):  # typeset replaced spaces one for one: keep the others
        plain = "".join(
            kept if kept in "\u202f\u00a0" and put == " " else mine
            for mine, kept, put in zip(plain, text, again, strict=True)
        )
        again = _typeset(plain)
    if again != text:
        print(f"{key}: French at output will be {again!r}, the entry had {text!r}")
    return plain


def fold(tables: Tables, old: list[OldEntry], french: dict[str, Translation]) -> None:
    """Put old-form entries into ``tables`` (English) and ``french`` (the fr msgstrs)."""
    by_key = {(e.table, e.key): e for e in old}
    done: set[tuple[str, str]] = set()
    for entry in by_key.values():  # where a key comes twice, the last one wins
        if (entry.table, entry.key) in done:
            continue
        table, key = entry.table, entry.key
        stem, _, form = key.rpartition("_")
        if not entry.texts:  # removed by the branch
            if table == "UI" and form in ("one", "other") and stem in tables["PLURALS"]:
                table, key = "PLURALS", stem
            if tables[table].pop(key, None) is not None:
                print(f"{table}[{key!r}]: removed")
            french.pop(key, None)
            continue
        plural_stem = stem if form in ("one", "other") and table == "UI" else None
        if plural_stem is not None and (
            plural_stem in tables["PLURALS"]
            or (table, f"{plural_stem}_{'other' if form == 'one' else 'one'}") in by_key
        ):
            one = by_key.get((table, f"{plural_stem}_one"))
            other = by_key.get((table, f"{plural_stem}_other"))
            current = tables["PLURALS"].get(plural_stem)
            old_fr = french.get(plural_stem)
            fr_pair = list(old_fr) if isinstance(old_fr, tuple) else ["", ""]
            en_pair = list(current.english) if current else ["", ""]
            for number, part in enumerate((one, other)):
                if part is not None:
                    en_pair[number] = part.texts["en"]
                    fr_pair[number] = untypeset_checked(part.key, part.texts["fr"])
                    done.add((part.table, part.key))
            comments = (one or other or entry).comments or (current.comments if current else [])
            tables["PLURALS"][plural_stem] = Entry(plural_stem, (en_pair[0], en_pair[1]), comments)
            french[plural_stem] = tuple(fr_pair)
            tables["UI"].pop(f"{plural_stem}_one", None)
            tables["UI"].pop(f"{plural_stem}_other", None)
            continue
        current_entry = tables[table].get(key)
        if current_entry is not None and current_entry.english != entry.texts["en"]:
            print(f"{table}[{key!r}]: English changed to {entry.texts['en']!r}")
        comments = entry.comments or (current_entry.comments if current_entry else [])
        tables[table][key] = Entry(key, entry.texts["en"], comments)
        french[key] = untypeset_checked(key, entry.texts["fr"])
        done.add((table, key))


def merge_sources(*tables_list: Tables) -> Tables:
    merged: Tables = {name: {} for name in TABLES}
    for tables in tables_list:
        for name in TABLES:
            merged[name].update(tables[name])
    return merged


def check_keys(tables: Tables) -> None:
    """A key is the msgctxt: it must name one message in all the tables."""
    seen: dict[str, str] = {}
    for name in TABLES:
        for key in tables[name]:
            if key in seen:
                raise SystemExit(f"key {key!r} is in both {seen[key]} and {name}")
            seen[key] = name


# --- writing messages.py ---------------------------------------------------------------


def py_string(text: str) -> str:
    """A Python literal for ``text`` as ruff format writes it."""
    # ruff's rule: double quotes, unless single ones need fewer escapes.
    quote = "'" if text.count('"') > text.count("'") else '"'
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + quote)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif not char.isprintable() or char in "\u202f\u00a0":
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return quote + "".join(out) + quote


def _chunks(text: str, width: int) -> list[str]:
    """``text`` cut after spaces (and after newlines) into pieces of at most ``width``."""
    pieces: list[str] = []
    current = ""
    for word in re.findall(r"[^ \n]*(?: +|\n|$)", text):
        if not word:
            continue
        if current and (len(py_string(current + word)) > width or current.endswith("\n")):
            pieces.append(current)
            current = ""
        current += word
    if current or not pieces:
        pieces.append(current)
    return pieces


def _value_lines(head: str, text: str, indent: str) -> list[str]:
    line = f"{indent}{head}{py_string(text)},"
    if len(line) <= 100 and "\n" not in text.rstrip("\n"):
        return [line]
    inner = indent + "    "
    return [
        f"{indent}{head}(",
        *(f"{inner}{py_string(piece)}" for piece in _chunks(text, 100 - len(inner))),
        f"{indent}),",
    ]


HEADER = '''"""Every message the tool prints, in English, by key: the source of the translations.

The French (and any other language) is in ``locale/<lang>/LC_MESSAGES/toolbox.po``, one
message a key (its msgctxt). After changing this file, run ``python tools/i18n_convert.py``:
it updates ``locale/toolbox.pot``, merges every ``.po`` and compiles the ``.mo`` files
(CONTRIBUTING.md, "Messages and languages"). ``PLURALS`` holds (singular, plural) pairs,
chosen by ``ngettext`` and the language's Plural-Forms. Placeholders are ``str.format``
fields. French typography (no-break spaces) is applied at output: type plain spaces.
"""

from __future__ import annotations
'''

ANNOTATION = {"PLURALS": "dict[str, tuple[str, str]]"}


def write_messages(tables: Tables) -> str:
    lines = [HEADER.rstrip("\n")]
    for name in TABLES:
        lines.append("")
        lines.append(f"{name}: {ANNOTATION.get(name, 'dict[str, str]')} = {{")
        for entry in tables[name].values():
            lines += [f"    # {comment}" if comment else "    #" for comment in entry.comments]
            head = f"{py_string(entry.key)}: "
            if isinstance(entry.english, tuple):
                one, other = entry.english
                pair = f"    {head}({py_string(one)}, {py_string(other)}),"
                if len(pair) <= 100:
                    lines.append(pair)
                else:
                    lines.append(f"    {head}(")
                    lines += _value_lines("", one, "        ")
                    lines += _value_lines("", other, "        ")
                    lines.append("    ),")
            else:
                lines += _value_lines(head, entry.english, "    ")
        lines.append("}")
    return "\n".join(lines) + "\n"


def ruff_format(text: str) -> str:
    """``text`` as ``ruff format`` leaves it (unchanged where ruff is not installed)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(MESSAGES), "-"],
            input=text,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    except OSError:
        return text
    return done.stdout if done.returncode == 0 and done.stdout else text


# --- .pot, .po and .mo -----------------------------------------------------------------


def po_string(text: str) -> str:
    """A PO string: one line, or an empty first line and one line per line of text."""

    def quoted(part: str) -> str:
        escaped = (
            part.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
        )
        return '"' + escaped.replace("\n", "\\n") + '"'

    parts = text.splitlines(keepends=True)
    if len(parts) <= 1:
        return quoted(text)
    return '""\n' + "\n".join(quoted(part) for part in parts)


@dataclass
class Language:
    """A translation read from its .po: header fields and msgstrs by key."""

    code: str
    plural_forms: str
    strings: dict[str, Translation]
    fuzzy: set[str]
    msgids: dict[str, English]
    team: str = ""
    translator: str = ""


def header(code: str | None, plural_forms: str, translator: str = "", team: str = "") -> str:
    fields = [
        f"Project-Id-Version: {DOMAIN}",
        *([f"Last-Translator: {translator}"] if translator else []),
        *([f"Language-Team: {team}"] if team else []),
        *([f"Language: {code}"] if code else []),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {plural_forms}",
    ]
    return "".join(f"{line}\n" for line in fields)


def _brace(english: English) -> bool:
    texts = english if isinstance(english, tuple) else (english,)
    return any(re.search(r"\{[A-Za-z_]", text) for text in texts)


def write_po(tables: Tables, language: Language | None) -> str:
    """The template (``language`` None) or a language's .po, in the tables' order."""
    head_text = (
        header(None, "nplurals=2; plural=(n != 1);")
        if language is None
        else header(language.code, language.plural_forms, language.translator, language.team)
    )
    title = "The messages" if language is None else f"The {language.code} messages"
    out = [
        f"# {title} of toolbox, for Poedit or Weblate. msgctxt: the message's key in",
        "# src/toolbox_cli/i18n/messages.py. After a change: python tools/i18n_convert.py",
        'msgid ""',
        "msgstr " + po_string(head_text),
    ]
    for name in TABLES:
        for entry in tables[name].values():
            out.append("")
            out += [f"#. {comment}".rstrip() for comment in entry.comments]
            flags = []
            translated = language.strings.get(entry.key) if language else None
            if language and (entry.key in language.fuzzy) and translated:
                flags.append("fuzzy")
            if _brace(entry.english):
                flags.append("python-brace-format")
            if flags:
                out.append("#, " + ", ".join(flags))
            out.append(f"msgctxt {po_string(entry.key)}")
            if isinstance(entry.english, tuple):
                out.append(f"msgid {po_string(entry.english[0])}")
                out.append(f"msgid_plural {po_string(entry.english[1])}")
                count = int(re.search(r"nplurals\s*=\s*(\d+)", head_text).group(1))  # type: ignore[union-attr]
                forms = translated if isinstance(translated, tuple) else ()
                for number in range(count):
                    text = forms[number] if number < len(forms) else ""
                    out.append(f"msgstr[{number}] {po_string(text)}")
            else:
                out.append(f"msgid {po_string(entry.english)}")
                text = translated if isinstance(translated, str) else ""
                out.append(f"msgstr {po_string(text)}")
    return "\n".join(out) + "\n"


def read_po(path: Path) -> Language:
    """A .po file, read by Babel."""
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as stream:
        catalog = babel_read_po(stream, abort_invalid=True)
    code = path.parents[1].name
    strings: dict[str, Translation] = {}
    msgids: dict[str, English] = {}
    fuzzy: set[str] = set()
    for message in catalog:
        if not message.id or message.context is None:
            continue
        key = message.context
        if isinstance(message.id, (tuple, list)):
            msgids[key] = (str(message.id[0]), str(message.id[1]))
            strings[key] = tuple(str(s or "") for s in message.string or ())
        else:
            msgids[key] = str(message.id)
            strings[key] = str(message.string or "")
        if message.fuzzy:
            fuzzy.add(key)
    has_plural_header = any(
        line.lower().startswith("plural-forms:") for line in path.read_text("utf-8").splitlines()
    ) or '"Plural-Forms:' in path.read_text("utf-8")
    plural_forms = catalog.plural_forms if has_plural_header else default_plural_forms(code)
    translator = catalog.last_translator or ""
    team = catalog.language_team or ""
    return Language(
        code,
        plural_forms,
        strings,
        fuzzy,
        msgids,
        "" if "EMAIL@ADDRESS" in translator else translator,
        "" if "LL@li.org" in team else team,
    )


def default_plural_forms(code: str) -> str:
    """The Plural-Forms of a language that has none yet (from Babel's CLDR data)."""
    from babel.messages.catalog import Catalog

    try:
        return str(Catalog(locale=code).plural_forms)
    except ValueError:
        return "nplurals=2; plural=(n != 1);"


def merge(tables: Tables, language: Language) -> Language:
    """``language`` with the template's messages: as ``msgmerge`` (English changed: fuzzy)."""
    strings: dict[str, Translation] = {}
    fuzzy: set[str] = set()
    for name in TABLES:
        for key, entry in tables[name].items():
            if key not in language.strings:
                continue
            strings[key] = language.strings[key]
            if key in language.fuzzy or language.msgids.get(key, entry.english) != entry.english:
                fuzzy.add(key)
    return Language(
        language.code,
        language.plural_forms,
        strings,
        fuzzy,
        {},
        language.translator,
        language.team,
    )


def compile_mo(po_path: Path) -> bytes:
    """The GNU .mo of a .po file: its translated, not fuzzy messages, sorted, little-endian.
    The header is rebuilt from the .po's language and Plural-Forms only, so the bytes do not
    depend on the version of Babel that read it."""
    language = read_po(po_path)
    entries: dict[bytes, bytes] = {
        b"": header(language.code, language.plural_forms).encode("utf-8"),
    }
    for key, string in language.strings.items():
        if key in language.fuzzy:
            continue
        msgid = language.msgids[key]
        forms = string if isinstance(string, tuple) else (string,)
        if not all(forms):
            continue
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        entries[f"{key}\x04{ids[0]}".encode() + b"".join(b"\0" + i.encode() for i in ids[1:])] = (
            b"\0".join(form.encode("utf-8") for form in forms)
        )
    keys = sorted(entries)
    ids_blob = b""
    strs_blob = b""
    offsets: list[tuple[int, int, int, int]] = []
    for original in keys:
        value = entries[original]
        offsets.append((len(ids_blob), len(original), len(strs_blob), len(value)))
        ids_blob += original + b"\0"
        strs_blob += value + b"\0"
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids_blob)
    key_table = b"".join(struct.pack("<2I", length, key_start + o) for o, length, _, _ in offsets)
    value_table = b"".join(
        struct.pack("<2I", length, value_start + o) for _, _, o, length in offsets
    )
    head = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return head + key_table + value_table + ids_blob + strs_blob


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


# --- the run ---------------------------------------------------------------------------


def convert(extra_old: list[OldEntry]) -> dict[Path, str | bytes]:
    """Every file the catalogue is made of, as a run leaves it."""
    new_tables, old_in_messages = read_source(
        MESSAGES.read_text("utf-8") if MESSAGES.exists() else ""
    )
    init_tables, old_in_init = read_source((PACKAGE / "__init__.py").read_text("utf-8"))
    tables = merge_sources(new_tables, init_tables)
    languages = {path: read_po(path) for path in po_files()}
    french_path = LOCALE / "fr" / "LC_MESSAGES" / f"{DOMAIN}.po"
    if french_path not in languages:
        languages[french_path] = Language("fr", "nplurals=2; plural=(n > 1);", {}, set(), {})
    french = languages[french_path]
    old = [*old_in_init, *old_in_messages, *extra_old]
    before = dict(french.strings)
    fold(tables, old, french.strings)
    for key, value in french.strings.items():  # a translation just given is not fuzzy
        if before.get(key) != value:
            french.fuzzy.discard(key)
            french.msgids.pop(key, None)
    check_keys(tables)
    files: dict[Path, str | bytes] = {MESSAGES: ruff_format(write_messages(tables))}
    if old_in_init:
        files[PACKAGE / "__init__.py"] = strip_old_tables((PACKAGE / "__init__.py").read_text())
    files[TEMPLATE] = write_po(tables, None)
    for path, language in languages.items():
        files[path] = write_po(tables, merge(tables, language))
    return files


def strip_old_tables(source: str) -> str:
    """``source`` without its top-level table assignments (left there by a merge)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    drop: set[int] = set()
    for node in tree.body:
        names: list[str] = []
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and isinstance(node.value.func.value, ast.Name)
        ):
            names = [node.value.func.value.id]
        if any(name in TABLES for name in names):
            drop.update(range(node.lineno - 1, node.end_lineno or node.lineno))
    return "".join(line for number, line in enumerate(lines) if number not in drop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", nargs="*", type=Path, help="Python files with old-form tables")
    parser.add_argument("--branch", action="append", default=[], help="fold in a branch's dicts")
    parser.add_argument(
        "--since",
        help="with --branch: the commit its changes are counted from (default: "
        "the last one before messages.py was added)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a run would change files")
    args = parser.parse_args(argv)
    extra: list[OldEntry] = []
    for path in args.old:
        extra += read_source(path.read_text("utf-8"))[1]
    for branch in args.branch:
        extra += branch_changes(branch, args.since)
    files = convert(extra)
    # compiled last, from the .po as written
    changed = []
    for path, content in files.items():
        current = path.read_bytes() if path.exists() else None
        data = content.encode("utf-8") if isinstance(content, str) else content
        if current != data:
            changed.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for po in po_files() if not args.check else []:
        mo = po.with_suffix(".mo")
        data = compile_mo(po)
        if not mo.exists() or mo.read_bytes() != data:
            changed.append(mo)
            mo.write_bytes(data)
    if args.check:
        for po in po_files():
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != compile_mo(po):
                changed.append(mo)
    for path in changed:
        print(("would change " if args.check else "wrote ") + str(path.relative_to(ROOT)))
    if old_count := len(extra):
        print(f"folded in {old_count} old-form entries from the files and branches given")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
