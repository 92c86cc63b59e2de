"""The command line's own words in the user's language: help pages and usage errors.

Typer's help and error boxes are English f-strings, so the app's group and commands
render both themselves from the message catalogue. The language is chosen from the
command line when the app is run (``ToolboxGroup.main``), never when a module is imported.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, ClassVar

import typer
import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup

from toolbox_cli.errors import EXIT_USAGE, ToolboxError, UsageProblem
from toolbox_cli.i18n import (
    HELP,
    Lang,
    LanguageError,
    help_text,
    languages,
    locale_lang,
    os_reason,
    pick_lang,
    t,
)
from toolbox_cli.safetext import one_line

# Typer carries its own Click and re-exports, of its exceptions, only BadParameter:
# the others are found from it (UsageError is its base), never imported from Typer's
# private ``typer._click`` (STYLE 9: only typer.* APIs).
UsageError: Any = typer.BadParameter.__mro__[1]
Context = Any  # Click's context and parameters, as Typer passes them
Parameter = Any


def _click_error(name: str) -> type[Exception]:
    found: list[type[Exception]] = [UsageError]
    while found:
        kind = found.pop()
        if kind.__name__ == name:
            return kind
        found += kind.__subclasses__()
    raise LookupError(name)


NoSuchOption: Any = _click_error("NoSuchOption")
MissingParameter: Any = _click_error("MissingParameter")
BadOptionUsage: Any = _click_error("BadOptionUsage")
NoArgsIsHelpError: Any = _click_error("NoArgsIsHelpError")

MAIN_COMMAND = "recommend"  # listed first: the command most people came for
HELP_OPTIONS = ["-h", "--help"]
_MAX_WIDTH = 100  # longer lines are hard to read, even on a wide terminal
_LEFT_MAX = 26  # an option name longer than this puts its description on the next line
_TEXT_MIN = 30  # a description narrower than this goes under its option's name
_OWN_OPTIONS = ("help", "install_completion", "show_completion")


def help_lang(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> Lang:
    """The language of help and usage errors, fixed before the command line is parsed:
    the last ``--lang`` on it, else ``TOOLBOX_LANG``, else the locale (also when the one
    asked for is unknown: the error that says so must be read)."""
    chosen = None
    for number, arg in enumerate(argv):
        if arg == "--lang" and number + 1 < len(argv):
            chosen = argv[number + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    try:
        return pick_lang(chosen, environ)
    except LanguageError:  # the language asked for is the one we cannot use
        return locale_lang(environ)


def _lang(ctx: Context) -> Lang:
    root = ctx.find_root().command
    lang = getattr(root, "lang", None)
    return lang if lang in languages() else help_lang([])


def _words(key: str | None, lang: Lang) -> str:
    """A help key in ``lang``; text that is not a key is shown as it is."""
    if not key:
        return ""
    text = help_text(lang, key)  # a question of `toolbox new` is its option's help
    return key if text is None else text


def _placeholder(param: Parameter, lang: Lang) -> str:
    return _words(f"mv_{param.name}", lang) if f"mv_{param.name}" in HELP else _words("mv", lang)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        max(width, 20),
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _table(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns, the second wrapped beside the first (or below a long first one)."""
    left = min(max((len(name) for name, _ in rows), default=0), _LEFT_MAX) + 4
    lines: list[str] = []
    if width - left < _TEXT_MIN:  # a narrow terminal: each text under its name
        for name, text in rows:
            lines += [f"  {name}", *(f"      {line}" for line in _wrap(text, width - 6))]
        return lines
    for name, text in rows:
        wrapped = _wrap(text, width - left) or [""]
        if len(name) + 4 > left:
            lines.append(f"  {name}")
        else:
            lines.append(f"  {name.ljust(left - 2)}{wrapped.pop(0)}".rstrip())
        lines += [f"{' ' * left}{line}" for line in wrapped]
    return lines


def _default(param: Parameter, lang: Lang) -> str:
    default = param.default
    if (
        getattr(param, "is_flag", False)
        or param.show_default is False
        or default in (None, (), [])
        or callable(default)
    ):
        return ""
    shown = default.value if isinstance(default, Enum) else default
    return t(lang, "help_default", value=shown)


def _option_row(param: Parameter, ctx: Context, lang: Lang) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=len))
    if not getattr(param, "is_flag", False):
        names += f" {_placeholder(param, lang)}"
    # Click's and Typer's own options carry English help: ours is keyed by their name.
    key = param.name if param.name in _OWN_OPTIONS else getattr(param, "help", None)
    text = " ".join(part for part in (_words(key, lang), _default(param, lang)) if part)
    return names, text


def _usage(ctx: Context, lang: Lang) -> str:
    command = ctx.command
    parts = [ctx.command_path, t(lang, "help_options_metavar")]
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            shown = _placeholder(param, lang)
            parts.append(shown if param.required else f"[{shown}]")
    if isinstance(command, TyperGroup):
        parts.append(t(lang, "help_command_metavar"))
    return " ".join(parts)


def render_help(ctx: Context) -> str:
    """The help page of ``ctx``'s command, in the language of the run, without Rich."""
    lang = _lang(ctx)
    width = min(shutil.get_terminal_size().columns, _MAX_WIDTH) - 1
    command = ctx.command
    usage = _wrap(t(lang, "help_usage", usage=_usage(ctx, lang)), width, indent="  ")
    lines = [*usage, ""]
    if command.help:
        lines += [*(_wrap(_words(command.help, lang), width)), ""]
    params = [param for param in command.get_params(ctx) if not getattr(param, "hidden", False)]
    arguments = [
        (_placeholder(param, lang), _words(getattr(param, "help", None) or param.name, lang))
        for param in params
        if isinstance(param, TyperArgument)
    ]
    if arguments:
        lines += [t(lang, "help_arguments"), *_table(arguments, width), ""]
    options = [
        _option_row(param, ctx, lang) for param in params if not isinstance(param, TyperArgument)
    ]
    if options:
        lines += [t(lang, "help_options"), *_table(options, width), ""]
    if isinstance(command, TyperGroup):
        rows = [
            (name, _words(sub.help, lang))
            for name in command.list_commands(ctx)
            if (sub := command.get_command(ctx, name)) is not None and not sub.hidden
        ]
        lines += [t(lang, "help_commands"), *_table(rows, width), ""]
        lines += _wrap(t(lang, "help_more", command=ctx.command_path), width, indent="  ")
    return "\n".join(lines).rstrip() + "\n"


class ToolboxCommand(TyperCommand):
    """A command whose help is rendered from the message catalogue."""

    def format_help(self, ctx: Context, formatter: Any) -> None:
        formatter.write(render_help(ctx))


def _suggest(value: str, known: Sequence[str]) -> list[str]:
    return difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)


def _commands_with(ctx: Any, option: str) -> list[str]:
    """The subcommands of ``ctx``'s group that take ``option``: none when ``ctx`` is a
    command's own (the option is then unknown where it was given)."""
    group = ctx.command if ctx is not None else None
    if not isinstance(group, TyperGroup):
        return []
    owners = []
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        if sub is not None and not sub.hidden and any(option in p.opts for p in sub.params):
            owners.append(name)
    return owners


def _problem(error: Any, lang: Lang, argv: Sequence[str] = ()) -> UsageProblem:
    """Click's usage error as ours: the same facts, the reason included, in the
    catalogue's words."""
    command = error.ctx.command_path if error.ctx else "toolbox"

    def problem(code: str, **values: object) -> UsageProblem:
        return UsageProblem(code, values, hints=("usage_hint",), command=command)

    if isinstance(error, NoSuchOption):
        owners = _commands_with(error.ctx, error.option_name)
        if owners:  # an option of the commands, given before one: "toolbox --json list"
            named = [word for word in argv if word in owners]
            owners.sort(key=lambda name: name not in named[:1])  # the one typed first
            return problem(
                "usage_option_after_command",
                option=error.option_name,
                commands=", ".join(owners),
                example=f"toolbox {owners[0]} {error.option_name}",
            )
        parent = error.ctx.parent if error.ctx is not None else None
        if parent is not None and any(error.option_name in p.opts for p in parent.command.params):
            # an option of toolbox itself, given after the command: "toolbox show x --no-pager"
            return problem(
                "usage_option_before_command",
                option=error.option_name,
                example=f"toolbox {error.option_name} {error.ctx.info_name}",
            )
        if error.possibilities:
            suggestions = ", ".join(sorted(error.possibilities))
            return problem(
                "usage_no_option_suggest", option=error.option_name, suggestions=suggestions
            )
        return problem("usage_no_option", option=error.option_name)
    if isinstance(error, MissingParameter) and error.param is not None:
        name = error.param.opts[0] if error.param.param_type_name == "option" else None
        return problem("usage_missing", name=name or _placeholder(error.param, lang))
    if isinstance(error, BadOptionUsage):
        return problem("usage_needs_value", option=error.option_name)
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", error.message)
    if extra:
        return problem("usage_extra", args=extra.group(1))
    if isinstance(error, typer.BadParameter) and error.param is not None:
        option = error.param.param_type_name == "option" and error.param.opts
        name = error.param.opts[0] if option else _placeholder(error.param, lang)
        path = _path_problem(error.message)
        if path is not None:
            code, values = path
            return problem("usage_bad_path", option=name, problem=UsageProblem(code, values))
        return problem("usage_bad_param", option=name)
    return problem("usage_invalid")


# Click's checks of a path (click.Path.convert), by the words of its message, and the
# error the system would have given: said as the tool says it when it meets the same
# path itself (TOOLBOX_CARDS_DIR: "cannot list: Permission denied").
_PATH_CHECKS = {
    "is not readable": errno.EACCES,
    "is not writable": errno.EACCES,
    "is not executable": errno.EACCES,
    "does not exist": errno.ENOENT,
    "is a file": errno.ENOTDIR,
    "is a directory": errno.EISDIR,
}
_CLICK_PATH = re.compile(r"^\w+ (?P<path>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") (?P<what>.+?)\.?$")


def _path_problem(message: str) -> tuple[str, dict[str, object]] | None:
    """The code and values of Click's complaint about a path, or ``None``."""
    import ast

    found = _CLICK_PATH.match(message)
    number = _PATH_CHECKS.get(found.group("what")) if found else None
    if found is None or number is None:
        return None
    try:
        path = str(ast.literal_eval(found.group("path")))
    except (ValueError, SyntaxError):
        return None
    reason = os_reason(OSError(number, os.strerror(number)))
    if number == errno.ENOTDIR:
        return "usage_not_dir", {"path": path}
    listing = os.path.isdir(path) and found.group("what") == "is not readable"
    return ("usage_cannot_list" if listing else "usage_cannot_use"), {"path": path, **reason}


def report(error: ToolboxError, lang: Lang) -> None:
    """The one place an error is printed: ``Error: …`` then its hints, on stderr, each
    on one line, every control character escaped, tabs and newlines included (a value
    the user typed comes back in it: it could not fake a line of its own)."""
    lines = [one_line(line) for line in error.lines(lang)]
    typer.echo(t(lang, "error_line", line=lines[0]), err=True)
    for line in lines[1:]:
        typer.echo(line, err=True)


class ToolboxGroup(TyperGroup):
    """The ``toolbox`` group: help in the user's language, ``recommend`` first, and every
    usage error (Typer's included) as one localized line and exit 2."""

    lang: Lang = "en"
    # The subcommands, registered on a Typer of their own and turned into Click
    # commands one at a time, when asked for: a run builds only the command it runs
    # (Typer reads every parameter of every function it builds).
    registry: ClassVar[typer.Typer | None] = None

    def _infos(self) -> dict[str, Any]:
        registry = type(self).registry
        if registry is None:
            return {}
        return {
            info.name or typer.main.get_command_name(info.callback.__name__): info
            for info in registry.registered_commands
            if info.callback is not None
        }

    def list_commands(self, ctx: Context) -> list[str]:
        names = [*super().list_commands(ctx), *self._infos()]
        return sorted(dict.fromkeys(names), key=lambda name: name != MAIN_COMMAND)

    def get_command(self, ctx: Context, cmd_name: str) -> Any | None:
        registry = type(self).registry
        if cmd_name not in self.commands and registry is not None:
            info = self._infos().get(cmd_name)
            if info is not None:
                self.commands[cmd_name] = typer.main.get_command_from_info(
                    info,
                    pretty_exceptions_short=registry.pretty_exceptions_short,
                    rich_markup_mode=registry.rich_markup_mode,
                )
        return super().get_command(ctx, cmd_name)

    def format_help(self, ctx: Context, formatter: Any) -> None:
        formatter.write(render_help(ctx))

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Any | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            found = _suggest(name, known)
            if found:
                raise UsageProblem(
                    "usage_no_command_suggest", name=name, suggestions=", ".join(found)
                )
            raise UsageProblem("usage_no_command", name=name, known=", ".join(known))
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        self.lang = help_lang(argv)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as error:
            typer.echo(error.ctx.get_help())
            code = 0
        except UsageError as error:
            report(_problem(error, self.lang, argv), self.lang)
            code = EXIT_USAGE
        except ToolboxError as error:
            report(error, self.lang)
            code = error.exit_code
        except typer.Abort:
            typer.echo("", err=True)
            code = 130
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code
