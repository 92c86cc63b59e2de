"""One error type for everything the user can get wrong: a code, its values, an exit code,
and a text in either language. Raised where the problem is found, printed once at the edge
(``usage.ToolboxGroup.main``)."""

from __future__ import annotations

from collections.abc import Mapping

from toolbox_cli.i18n import Lang, t

EXIT_FAIL, EXIT_USAGE = 1, 2

# A line after the error's sentence: a message key (worded with the error's values), or
# a key with values of its own (one line of a list: each suggestion, say).
Hint = str | tuple[str, Mapping[str, object]]


class ToolboxError(Exception):
    """A problem the user can fix: ``code`` is a message key, ``values`` fill it in, and
    ``hints`` are further lines (see ``Hint``), each printed on a line of its own."""

    def __init__(
        self,
        code: str,
        values: Mapping[str, object] | None = None,
        *,
        exit_code: int = EXIT_FAIL,
        hints: tuple[Hint, ...] = (),
        **more: object,
    ) -> None:
        self.values = {**(values or {}), **more}
        super().__init__(t("en", code, **self.values))
        self.code = code
        self.exit_code = exit_code
        self.hints = hints

    def text(self, lang: Lang) -> str:
        """The error's sentence in ``lang``."""
        return t(lang, self.code, **self.values)

    def lines(self, lang: Lang) -> list[str]:
        """The sentence, then its hints, each a line."""
        lines = [self.text(lang)]
        for hint in self.hints:
            key, values = (hint, {}) if isinstance(hint, str) else hint
            lines.append(t(lang, key, **{**self.values, **values}))
        return lines


class UsageProblem(ToolboxError):
    """A command line that cannot be run as given (exit 2)."""

    def __init__(
        self,
        code: str,
        values: Mapping[str, object] | None = None,
        *,
        hints: tuple[Hint, ...] = (),
        **more: object,
    ) -> None:
        super().__init__(code, values, exit_code=EXIT_USAGE, hints=hints, **more)
