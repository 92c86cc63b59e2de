"""The ``toolbox`` command: parse, call one library function, render, exit."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .i18n import HELP, Lang, LanguageError, locale_lang, pick_lang, t
from .safetext import path_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from . import questionnaire
    from .catalogue import Catalogue, CatalogueIssue
    from .models import Vocabulary

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def help_lang(argv: list[str], environ: Mapping[str, str] = os.environ) -> Lang:
    """The language of ``--help``, fixed before the command line is parsed: the last
    ``--lang`` on it, else ``TOOLBOX_LANG``, else the locale (English if unknown)."""
    chosen = None
    for number, arg in enumerate(argv):
        if arg == "--lang" and number + 1 < len(argv):
            chosen = argv[number + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    try:
        return pick_lang(chosen, environ)
    except LanguageError:
        return "en"


HELP_LANG = help_lang(sys.argv[1:])


def h(key: str) -> str:
    return HELP[key][HELP_LANG]


app = typer.Typer(
    name="toolbox",
    help=h("app"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=h("lang"),
        show_default=False,
    ),
]
CardsDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cards-dir",
        help=h("cards_dir"),
        show_default=False,  # a file: the same message as TOOLBOX_CARDS_DIR=FILE
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help=h("json"))]


@dataclass
class Settings:
    lang: str | None = None
    cards_dir: Path | None = None


def _settings(ctx: typer.Context, lang: str | None, cards_dir: Path | None) -> tuple[Lang, Path]:
    """This command's language and cards directory, falling back on the global options."""
    from .paths import default_cards_dir

    parent = ctx.find_object(Settings) or Settings()
    try:
        chosen = pick_lang(lang or parent.lang)
    except LanguageError as error:
        fallback = locale_lang()  # the language asked for is the one we cannot use
        _fail(fallback, [error.text(fallback)], EXIT_USAGE)
    return chosen, cards_dir or parent.cards_dir or default_cards_dir()


def _err(lang: Lang, lines: list[str]) -> None:
    from .render import console, plain

    err = console(stderr=True)
    for number, line in enumerate(lines):
        err.print(plain(t(lang, "error_line", line=line) if number == 0 else line))


def _err_plain(line: str) -> None:
    from .render import console, plain

    console(stderr=True).print(plain(line))


def _fail(lang: Lang, lines: list[str], code: int) -> NoReturn:
    _err(lang, lines)
    raise typer.Exit(code)


def _print(renderable: RenderableType) -> None:
    """Print for people; in a pipe or a file, without the spaces Rich pads lines with."""
    from .render import console

    out = console()
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    sys.stdout.write("".join(f"{line.rstrip()}\n" for line in captured.get().splitlines()))


def _catalogue_issues(lang: Lang, issues: list[CatalogueIssue], cards_dir: Path) -> NoReturn:
    _fail(
        lang,
        [t(lang, "catalogue_invalid", count=len(issues))]
        + [f"  {issue.line_text(lang)}" for issue in issues]
        + [t(lang, "catalogue_hint", path=path_text(cards_dir))],
        EXIT_FAIL,
    )


@contextmanager
def _catalogue_problems(lang: Lang, cards_dir: Path) -> Iterator[None]:
    """Report a broken catalogue (exit 1) wherever it shows: at loading, or when a card
    changed on disk after the catalogue was loaded."""
    from .catalogue import CatalogueError

    try:
        yield
    except CatalogueError as error:
        _catalogue_issues(lang, error.issues, cards_dir)


def _load(lang: Lang, cards_dir: Path) -> Catalogue:
    from .catalogue import CatalogueError, load_catalogue

    try:
        return load_catalogue(cards_dir)
    except CatalogueError as error:
        _catalogue_issues(lang, error.issues, cards_dir)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"toolbox {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=h("version")),
    ] = False,
) -> None:
    """Choose the right tools to build research-territory partnerships."""
    ctx.obj = Settings(lang, cards_dir)


@app.command(help=h("cmd_show"))
def show(
    ctx: typer.Context,
    card: Annotated[str, typer.Argument(help=h("show_card"))],
    json: JsonOption = False,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """Read one tool's card."""
    from .catalogue import CardNotFound, resolve

    chosen, directory = _settings(ctx, lang, cards_dir)
    catalogue = _load(chosen, directory)
    try:
        card_id = resolve(catalogue, card)
    except CardNotFound as error:
        key = "ambiguous" if error.ambiguous else "not_found"
        lines = [t(chosen, key, name=card)]
        if error.suggestions:
            if not error.ambiguous:
                lines.append(t(chosen, "did_you_mean"))
            lines += [f"  {suggestion}" for suggestion in error.suggestions]
        lines.append(t(chosen, "see_list"))
        _fail(chosen, lines, EXIT_FAIL)
    with _catalogue_problems(chosen, directory):
        found = catalogue.card(card_id)
    if json:
        from .export import card_dict, write_json

        write_json(card_dict(found, catalogue.vocabulary, chosen))
    else:
        from .render import card_page

        _print(card_page(found, catalogue.vocabulary, chosen))


@app.command("list", help=h("cmd_list"))
def list_cards(
    ctx: typer.Context,
    family: Annotated[list[int] | None, typer.Option("--family", help=h("list_family"))] = None,
    level: Annotated[list[int] | None, typer.Option("--level", help=h("list_level"))] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option("--actor", help=h("list_actor")),
    ] = None,
    goal: Annotated[list[str] | None, typer.Option("--goal", help=h("list_goal"))] = None,
    json: JsonOption = False,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """List the tools, optionally filtered."""
    from .catalogue import CardFilter, filter_entries
    from .models import FAMILIES, LEVELS

    chosen, directory = _settings(ctx, lang, cards_dir)
    for option, values, scale in (("--family", family, FAMILIES), ("--level", level, LEVELS)):
        for value in values or []:
            if value not in scale:
                expected = f"{scale[0]}-{scale[-1]}"
                _fail(
                    chosen,
                    [t(chosen, "bad_value", option=option, value=value, expected=expected)],
                    EXIT_USAGE,
                )
    catalogue = _load(chosen, directory)
    from .questionnaire import AnswersError, resolve_actor, resolve_goal

    try:
        actors = [resolve_actor(catalogue.vocabulary, value) for value in actor or []]
        goals = [resolve_goal(catalogue.vocabulary, value) for value in goal or []]
    except AnswersError as error:
        _fail(chosen, [error.text(chosen)], EXIT_USAGE)
    entries = filter_entries(
        catalogue.entries, CardFilter(family or [], level or [], actors, goals)
    )
    if json:
        from .export import entry_dict, write_json

        write_json([entry_dict(entry, chosen) for entry in entries])
        return
    from .render import card_table, console, plain

    if not entries:
        console(stderr=True).print(plain(t(chosen, "list_none")))
        return

    out = console()
    out.print(card_table(entries, chosen))
    out.print(
        plain(t(chosen, "list_count", count=len(entries), total=len(catalogue.entries)), "dim")
    )


@app.command(help=h("cmd_validate"))
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help=h("validate_dir"),
            show_default=False,
        ),
    ] = None,
    json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Check every card of a directory; exit 1 with every error if any."""
    from .catalogue import CatalogueError, load_catalogue

    chosen, default_dir = _settings(ctx, lang, None)
    cards_dir = directory or default_dir
    try:
        count = len(load_catalogue(cards_dir).entries)
        issues: list[CatalogueIssue] = []
    except CatalogueError as error:
        count, issues = error.valid, error.issues
    if json:
        from .export import write_json

        errors = [issue.as_dict(chosen) for issue in issues]
        write_json({"valid": not issues, "cards": count, "errors": errors})
        raise typer.Exit(EXIT_FAIL if issues else EXIT_OK)
    if issues:
        _catalogue_issues(chosen, issues, cards_dir)
    from .render import console, plain

    console().print(plain(t(chosen, "valid", count=count, path=path_text(cards_dir))))


class SchemaKind(str, Enum):
    card = "card"
    recommendation = "recommendation"
    explanation = "explanation"


@app.command(help=h("cmd_schema"))
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help=h("schema_kind"))],
) -> None:
    """Print a JSON Schema: 'card' for card authors' editors, 'recommendation' for scripts."""
    from .export import write_json

    if kind is SchemaKind.card:
        from .models import Card

        write_json(Card.model_json_schema())
    else:
        from .advice_json import schema as advice_schema

        write_json(advice_schema(kind.value))


@app.command(help=h("cmd_levels"))
def levels(
    ctx: typer.Context,
    json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Show the partnership-intensity scale and the rule between its levels."""
    from .catalogue import load_vocabulary
    from .paths import vocabulary_for

    chosen, directory = _settings(ctx, lang, None)
    with _catalogue_problems(chosen, directory):
        vocabulary = load_vocabulary(vocabulary_for(directory))
    if json:
        from .export import levels_dict, write_json

        write_json(levels_dict(vocabulary, chosen))
    else:
        from .render import levels_page

        _print(levels_page(vocabulary, chosen))


class OutputFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command(help=h("cmd_recommend"))
def recommend(
    ctx: typer.Context,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help=h("rec_actor"),
            show_default=False,
        ),
    ] = None,
    maturity: Annotated[
        str | None,
        typer.Option(
            "--maturity",
            help=h("rec_maturity"),
            show_default=False,
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            help=h("rec_goal"),
            show_default=False,
        ),
    ] = None,
    staff_time: Annotated[
        str | None,
        typer.Option("--staff-time", help=h("rec_staff_time"), show_default=False),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help=h("rec_partner"), show_default=False),
    ] = None,
    partner_goal: Annotated[
        list[str] | None,
        typer.Option("--partner-goal", help=h("rec_partner_goal"), show_default=False),
    ] = None,
    answers_file: Annotated[
        str | None,  # text, not Path: Path("") would be "."
        typer.Option("--answers", help=h("rec_answers"), show_default=False),
    ] = None,
    save_answers: Annotated[
        str | None,
        typer.Option("--save-answers", help=h("rec_save"), show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=h("rec_force"))] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help=h("rec_limit"))] = 8,
    output: Annotated[
        OutputFormat, typer.Option("--format", help=h("rec_format"))
    ] = OutputFormat.text,
    explain: Annotated[
        str | None,
        typer.Option("--explain", help=h("rec_explain"), metavar="CARD", show_default=False),
    ] = None,
    json: JsonOption = False,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """Answer a short questionnaire and get the tools to use first, and why."""
    from . import questionnaire as q
    from .engine import explain as why
    from .engine import partners_covered
    from .engine import recommend as run

    chosen, directory = _settings(ctx, lang, cards_dir)
    catalogue = _load(chosen, directory)
    vocabulary = catalogue.vocabulary
    target = None
    try:
        if answers_file == "":
            raise q.AnswersError("answers_empty_name")
        if save_answers is not None:
            target = q.check_writable(save_answers, force)
        flags = q.from_flags(
            vocabulary, actor, maturity, goal or [], staff_time, partner, partner_goal or []
        )
        if answers_file:
            partial = q.merge(q.from_file(vocabulary, Path(answers_file)), flags)
        else:
            partial = flags
        if partial.missing():
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                raise q.missing_error(partial.missing())
            partial = _ask(partial, vocabulary, chosen)
        answers = partial.complete()
    except q.AnswersError as error:
        _fail(chosen, [error.text(chosen)], EXIT_USAGE)
    except EOFError:
        _fail(chosen, [t(chosen, "interrupted_eof")], EXIT_FAIL)
    if answers.partner is not None:
        covered = partners_covered(catalogue, answers.actor)
        if answers.partner.actor not in covered:
            from .wording import actor_label

            def name(actor: str) -> str:
                return actor_label(vocabulary, actor, chosen).lower()

            line = t(
                chosen,
                "partner_uncovered",
                you=name(answers.actor),
                partner=name(answers.partner.actor),
                covered=", ".join(f"{name(actor)} ({actor})" for actor in covered) or "—",
            )
            _fail(chosen, [line], EXIT_USAGE)
    card_id = None
    if explain is not None:
        from .catalogue import CardNotFound, resolve

        try:
            card_id = resolve(catalogue, explain)
        except CardNotFound:
            lines = [t(chosen, "explain_unknown", name=explain), t(chosen, "see_list")]
            _fail(chosen, lines, EXIT_FAIL)
    if target is not None:
        from .safefile import UnsafeWrite

        try:
            q.write_answers(answers, target)
        except UnsafeWrite as error:
            _fail(chosen, [t(chosen, "save_refused", reason=error)], EXIT_FAIL)
        _err_plain(t(chosen, "answers_saved", path=path_text(target.shown)))
    as_json = json or output is OutputFormat.json
    with _catalogue_problems(chosen, directory):
        if card_id is not None:
            explanation = why(catalogue, answers, card_id, limit=limit)
        else:
            result = run(catalogue, answers, limit=limit)
    if card_id is not None:
        if as_json:
            from .advice_json import explanation_json
            from .export import write_json

            write_json(explanation_json(explanation, vocabulary, chosen))
        else:
            from .render import explanation_page

            _print(explanation_page(explanation, vocabulary, chosen))
    elif as_json:
        from .advice_json import recommendation_json
        from .export import write_json

        write_json(recommendation_json(result, vocabulary, chosen))
    elif output is OutputFormat.markdown:
        from .export import write_markdown
        from .render import recommendation_markdown

        write_markdown(recommendation_markdown(result, vocabulary, chosen))
    else:
        from .render import recommendation_page

        _print(recommendation_page(result, vocabulary, chosen))


def _ask(
    partial: questionnaire.Partial, vocabulary: Vocabulary, lang: Lang
) -> questionnaire.Partial:
    from rich.padding import Padding

    from .questionnaire import Choice, ask
    from .render import choices_table, console, plain

    out = console()

    def show(title: str, options: list[Choice], zero_based: bool) -> None:
        out.print(plain(title, "bold cyan" if options else "red"))
        if options:
            out.print(Padding(choices_table(options, zero_based), (0, 0, 0, 2), expand=False))

    def prompt(text: str) -> str:
        return out.input(plain(f"{text} > "))

    return ask(partial, vocabulary, lang, prompt, show)
