"""Picking the language, and every string the tool prints, in the user's language.

The messages are gettext catalogues: English in ``messages.py`` (by key), every other
language in ``locale/<lang>/LC_MESSAGES/toolbox.po`` (msgctxt = the key), read at run
time from the ``.mo`` compiled beside it (``tools/i18n_convert.py``). A language is
spoken when its catalogue is in ``locale/``; its catalogue is read once, when its first
message is needed, so English and ``--json`` runs never read one. French typography
(no-break spaces) is applied here, by ``typography.typeset``, not typed in the ``.po``.
"""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from toolbox_cli.i18n.messages import HELP, ISSUES, OS_REASONS, PLURALS, UI, WORDS

if TYPE_CHECKING:
    from gettext import GNUTranslations

__all__ = [
    "HELP",
    "ISSUES",
    "LANGS",
    "LANG_ENV",
    "PLURALS",
    "UI",
    "WORDS",
    "Lang",
    "LanguageError",
    "Said",
    "TextLang",
    "Worded",
    "help_text",
    "issue_text",
    "languages",
    "locale_lang",
    "message",
    "os_reason",
    "pick_lang",
    "t",
    "text_lang",
    "tn",
    "word",
]

# A language the tool speaks: English, and every language with a catalogue in locale/.
Lang = str
# The languages cards and the vocabulary are written in; any other reads them in English.
TextLang = Literal["fr", "en"]
LANGS: tuple[TextLang, ...] = ("fr", "en")
SOURCE: Lang = "en"  # the language of the msgids

LANG_ENV = "TOOLBOX_LANG"
DOMAIN = "toolbox"
LOCALE = os.path.join(os.path.dirname(__file__), "locale")


@functools.cache
def languages() -> tuple[Lang, ...]:
    """Every language the tool speaks: fr and en first, then the others found in
    ``locale/`` (a folder holding ``LC_MESSAGES/toolbox.mo``), in alphabetical order."""
    try:
        found = {
            entry.name
            for entry in os.scandir(LOCALE)
            if os.path.isfile(os.path.join(entry.path, "LC_MESSAGES", f"{DOMAIN}.mo"))
        }
    except OSError:
        found = set()
    return (*LANGS, *sorted(found - set(LANGS)))


def text_lang(lang: Lang) -> TextLang:
    """The language to read a card's text in: ``lang`` when cards are written in it,
    else English."""
    return "fr" if lang == "fr" else "en"


@runtime_checkable
class Worded(Protocol):
    """Something that can say itself in any language (a problem found in a file)."""

    def text(self, lang: Lang) -> str: ...


class LanguageError(ValueError):
    """A language asked for that the tool does not speak."""

    def __init__(self, origin: str, value: str) -> None:
        super().__init__(f"{origin}: unknown language {value!r}")
        self.origin = origin
        self.value = value

    def text(self, lang: Lang) -> str:
        return t(lang, "bad_lang", **self.values())

    def values(self) -> dict[str, str]:
        """The values of the ``bad_lang`` message."""
        return {"origin": self.origin, "value": self.value, "languages": ", ".join(languages())}


def locale_lang(environ: Mapping[str, str] = os.environ) -> Lang:
    """The locale's language (``fr_FR.UTF-8`` is ``fr``) when the tool speaks it, else
    English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            code = value.lower().partition(".")[0].partition("@")[0]
            for candidate in (code, code.partition("_")[0]):
                if candidate in languages():
                    return candidate
            return SOURCE
    return SOURCE


def pick_lang(option: str | None, environ: Mapping[str, str] = os.environ) -> Lang:
    """``--lang``, else ``TOOLBOX_LANG``, else the locale (else English)."""
    for origin, value in (("--lang", option), (LANG_ENV, environ.get(LANG_ENV))):
        if value:
            lang = value.strip().lower()
            if lang in languages():
                return lang
            raise LanguageError(origin, value)
    return locale_lang(environ)


# --- the catalogues ----------------------------------------------------------------------


@functools.cache
def _catalogue(lang: Lang) -> GNUTranslations | None:
    """``lang``'s compiled catalogue, read once (None for English or a missing one)."""
    if lang == SOURCE:
        return None
    from gettext import GNUTranslations

    try:
        with open(os.path.join(LOCALE, lang, "LC_MESSAGES", f"{DOMAIN}.mo"), "rb") as stream:
            return GNUTranslations(stream)
    except OSError:
        return None


def _typesetter(lang: Lang) -> Callable[[str], str] | None:
    """The typography a language's messages get at output (French: no-break spaces)."""
    if lang == "fr":
        from toolbox_cli.i18n.typography import typeset

        return typeset
    return None


@functools.cache
def _say(lang: Lang, key: str, english: str) -> str:
    """The message ``key`` (English ``english``) in ``lang``, typeset; English when
    ``lang`` has no translation of it."""
    catalogue = _catalogue(lang)
    if catalogue is None:
        return english
    text = catalogue.pgettext(key, english)
    typeset = _typesetter(lang)
    return typeset(text) if typeset and text is not english else text


@functools.cache
def _say_plural(lang: Lang, key: str, count: int) -> str:
    one, other = PLURALS[key]
    catalogue = _catalogue(lang)
    if catalogue is None:
        return one if count == 1 else other
    text = catalogue.npgettext(key, one, other, count)
    typeset = _typesetter(lang)
    return typeset(text) if typeset else text


def _os_worded(lang: Lang, values: Mapping[str, object]) -> Mapping[str, object]:
    name = str(values.get("errno", ""))
    known = OS_REASONS.get(name)
    return {**values, "reason": _say(lang, name, known)} if known else values


def _fill(lang: Lang, text: str, values: Mapping[str, object]) -> str:
    if not values:
        return text
    if "errno" in values:
        values = _os_worded(lang, values)
    worded = {
        # most values are text or numbers: no Protocol check (a slow isinstance) for them
        k: v if type(v) in _SCALARS or not isinstance(v, Worded) else v.text(lang)
        for k, v in values.items()
    }
    return text.format(**worded)


_SCALARS = (str, int, float, bool, type(None))


def t(lang: Lang, key: str, **values: object) -> str:
    """The UI string ``key`` in ``lang``, with ``values`` filled in.

    A value with a ``text(lang)`` method (a problem found in a file) is worded in ``lang``.
    A ``PLURALS`` key is said for the ``count`` among ``values`` (as ``tn``).
    """
    english = UI.get(key)
    if english is None and key in PLURALS and "count" in values:
        count = values.pop("count")
        if isinstance(count, int):
            return tn(lang, key, count, **values)
    return _fill(lang, _say(lang, key, UI[key] if english is None else english), values)


def tn(lang: Lang, key: str, count: int, **values: object) -> str:
    """The plural message ``key`` for ``count`` (``ngettext``: the language's Plural-Forms
    chooses; French counts 0 and 1 as singular), with ``count`` and ``values`` filled in."""
    return _fill(lang, _say_plural(lang, key, count), {"count": count, **values})


def help_text(lang: Lang, key: str) -> str | None:
    """The help text ``key`` (a ``HELP`` key, else a ``UI`` one) in ``lang``; None when
    neither table has it."""
    english = HELP.get(key) or UI.get(key)
    return None if english is None else _say(lang, key, english)


class Said:
    """A ``UI`` message named by its key, said when called with a language:
    ``Said("ask_actor")("fr")`` is ``t("fr", "ask_actor")``."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __call__(self, lang: Lang) -> str:
        return t(lang, self.key)

    def __repr__(self) -> str:
        return f"Said({self.key!r})"


def message(lang: Lang, key: str) -> str:
    """The message ``key`` of any table but ``PLURALS``, in ``lang``, placeholders unfilled."""
    english = _everything().get(key)
    if english is None:
        raise KeyError(key)
    return _say(lang, key, english)


@functools.cache
def _everything() -> dict[str, str]:
    return {**UI, **HELP, **ISSUES, **WORDS, **OS_REASONS}


def word(lang: Lang, key: str) -> str:
    """A word an issue names (a ``WORDS`` key) in ``lang``; a key it lacks as it is."""
    english = WORDS.get(key)
    return key if english is None else _say(lang, key, english)


WORDED = ("what", "kind", "problem")  # the values of an issue that may be WORDS keys


def os_reason(error: OSError) -> dict[str, str]:
    """The values that say why ``error`` happened: the system's words, and the error's
    name, by which a message is worded in the user's language when ``OS_REASONS`` has it
    (``t``, ``issue_text``). Both are text: they go into JSON and the index as they are."""
    return {
        "reason": error.strerror or str(error),
        "errno": errno.errorcode.get(error.errno or 0, ""),
    }


def issue_text(lang: Lang, code: str, values: Mapping[str, object]) -> str:
    """The sentence for the problem ``code`` in ``lang``."""
    values = _os_worded(lang, values)
    worded = {
        key: word(lang, value) if key in WORDED and isinstance(value, str) else value
        for key, value in values.items()
    }
    return _say(lang, code, ISSUES[code]).format(**worded)
