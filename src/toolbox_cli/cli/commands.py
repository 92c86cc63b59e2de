"""The ``toolbox`` command: parse, call one library function, render, exit.

No ``from __future__ import annotations`` here: Typer reads every command's
annotations on every run, and string annotations cost it an ``eval`` each.
"""

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from toolbox_cli import __version__
from toolbox_cli.cli.usage import HELP_OPTIONS, ToolboxCommand, ToolboxGroup
from toolbox_cli.errors import Hint, ToolboxError, UsageProblem
from toolbox_cli.i18n import Lang, LanguageError, pick_lang, t, text_lang, tn
from toolbox_cli.safetext import path_text

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console, RenderableType

    from toolbox_cli.advisor.results import Answers
    from toolbox_cli.catalogue.loader import Catalogue
    from toolbox_cli.catalogue.models import CardEntry, Vocabulary
    from toolbox_cli.catalogue.paths import Where
    from toolbox_cli.catalogue.validate import CatalogueIssue
    from toolbox_cli.cli import questionnaire

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
SEARCH_LIMIT = 10


def h(key: str) -> str:
    """A help text's key: the help page words it in the language of the run (usage.py)."""
    return key


# The subcommands: Click builds the one it runs, not all of them (usage.ToolboxGroup).
commands = typer.Typer()


class Toolbox(ToolboxGroup):
    registry = commands


app = typer.Typer(
    name="toolbox",
    cls=Toolbox,
    help=h("app"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": HELP_OPTIONS},
)


def _complete_values(
    values: "Callable[[], list[str]] | list[str]",
) -> Callable[[str], list[str]]:
    """Completion of a flag that takes one of a fixed set of values."""

    def complete(incomplete: str) -> list[str]:
        known = values() if callable(values) else values
        return [value for value in known if value.startswith(incomplete)]

    return complete


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=h("lang"),
        show_default=False,
        autocompletion=_complete_values(["fr", "en"]),
    ),
]
CardsDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--cards-dir",
        help=h("cards_dir"),
        show_default=False,  # a file: the same message as TOOLBOX_CARDS_DIR=FILE
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help=h("json"))]


class Settings(NamedTuple):
    lang: str | None = None
    cards_dir: "Where | None" = None


def _where(dirs: list[Path] | None) -> "Where | None":
    """``--cards-dir``, given once (one directory) or more (layers, from the bottom up)."""
    if not dirs:
        return None
    return dirs[0] if len(dirs) == 1 else tuple(dirs)


def _settings(
    ctx: typer.Context, lang: str | None, cards_dir: list[Path] | None
) -> "tuple[Lang, Where]":
    """This command's language and cards directory, falling back on the global options."""
    from toolbox_cli.catalogue.paths import default_cards_dir

    parent = ctx.find_object(Settings) or Settings()
    try:
        chosen = pick_lang(lang or parent.lang)
    except LanguageError as error:  # said in the locale's language (usage.help_lang)
        raise UsageProblem("bad_lang", error.values()) from None
    return chosen, _where(cards_dir) or parent.cards_dir or default_cards_dir()


def _err(lang: Lang, lines: list[str]) -> None:
    from toolbox_cli.render.people import console, plain

    err = console(stderr=True)
    for number, line in enumerate(lines):
        err.print(plain(t(lang, "error_line", line=line) if number == 0 else line))


def _err_plain(line: str) -> None:
    from toolbox_cli.render.people import console, plain

    console(stderr=True).print(plain(line))


PAGER_ENV = "TOOLBOX_PAGER"
# Off for this run (``--no-pager``): set by the global options, once per run.
_no_pager = False


def pager_command(environ: "Mapping[str, str] | None" = None) -> str | None:
    """The pager to page long output with, as git chooses its own: ``TOOLBOX_PAGER``,
    else ``PAGER``, else ``less`` (``more`` on Windows) if it is on the PATH; ``None``
    when set to an empty value or to ``cat``."""
    import os
    import shutil

    environ = os.environ if environ is None else environ
    for name in (PAGER_ENV, "PAGER"):
        if name in environ:
            command = environ[name].strip()
            return None if command in ("", "cat") else command
    fallback = "more" if os.name == "nt" else "less"
    return fallback if shutil.which(fallback) else None


def _page(text: str, command: str) -> bool:
    """``text`` through the pager ``command`` (run by the shell, as git does; ``LESS=FRX``
    unless set: colours kept, the screen left as it is); ``False`` if it cannot start.
    Ctrl-C belongs to the pager while it runs; quitting it early is not an error."""
    import os
    import subprocess

    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        pager.stdin.close()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:
            continue


def _print(renderable: "RenderableType") -> None:
    """Print for people; in a pipe or a file, without the spaces Rich pads lines with;
    at a terminal, through a pager when longer than the screen (never with
    ``--no-pager``, never in a pipe)."""
    from toolbox_cli.render.people import console

    out = console()
    if out.is_terminal:  # not cropped: a web address is printed whole (render.Link)
        command = None if _no_pager or not sys.stdin.isatty() else pager_command()
        if command is not None:
            with out.capture() as captured:
                out.print(renderable, crop=False)
            text = captured.get()
            if text.count("\n") >= out.height and _page(text, command):
                return
            sys.stdout.write(text)
            return
        out.print(renderable, crop=False)
        return
    with out.capture() as captured:
        out.print(renderable, crop=False)
    sys.stdout.write("".join(f"{line.rstrip()}\n" for line in captured.get().splitlines()))


@contextmanager
def _catalogue_problems(lang: Lang, cards_dir: "Where") -> Iterator[None]:
    """A broken catalogue (exit 1), wherever it shows (at loading, or when a card changed
    on disk after the catalogue was loaded), is told where to fix it; the edge prints it."""
    try:
        yield
    except ToolboxError as error:
        from toolbox_cli.catalogue.validate import CatalogueError  # only now: it imports Pydantic

        if isinstance(error, CatalogueError) and error.where is None:
            error.where = cards_dir
        raise


def _load(lang: Lang, cards_dir: "Where") -> "Catalogue":
    from toolbox_cli.catalogue import load_catalogue

    with _catalogue_problems(lang, cards_dir):
        return load_catalogue(cards_dir, light=True)


# --- shell completion: card ids and vocabulary values, read from the index -------


def _completion_dir(ctx: typer.Context) -> "Where":
    from toolbox_cli.catalogue.paths import default_cards_dir

    chosen = _where(ctx.params.get("cards_dir"))
    parent = ctx.find_object(Settings)
    return chosen or (parent and parent.cards_dir) or default_cards_dir()


def _complete_card(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from toolbox_cli.catalogue import load_catalogue

    try:
        catalogue = load_catalogue(_completion_dir(ctx), light=True)
        lang = pick_lang(ctx.params.get("lang"))
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [
        (entry.id, entry.title(lang))
        for entry in catalogue.entries
        if entry.id.startswith(incomplete)
    ]


def _complete_terms(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from toolbox_cli.catalogue import load_vocabulary_light

        try:
            vocabulary = load_vocabulary_light(_completion_dir(ctx))
            lang = pick_lang(ctx.params.get("lang"))
        except Exception:  # completion must never print a traceback into the shell
            return []
        return [
            (str(term.id), (term.title if kind == "sources" else term.label)(lang))
            for term in getattr(vocabulary, kind)
            if str(term.id).startswith(incomplete)
        ]

    return complete


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
    no_pager: Annotated[bool, typer.Option("--no-pager", help=h("no_pager"))] = False,
) -> None:
    """Choose the right tools to build research-territory partnerships."""
    global _no_pager
    _no_pager = no_pager
    ctx.obj = Settings(lang, _where(cards_dir))


SHOW_FORMATS = ["text", "json", "html"]


def _today() -> "date":
    """The date a shared page is drawn up on: today, or ``SOURCE_DATE_EPOCH`` when set
    (reproducible files, tests)."""
    from datetime import date, datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isascii() and epoch.isdigit() and len(epoch) < 12:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


@commands.command(cls=ToolboxCommand, help=h("cmd_show"))
def show(
    ctx: typer.Context,
    card: Annotated[str, typer.Argument(help=h("show_card"), autocompletion=_complete_card)],
    json: JsonOption = False,
    show_format: Annotated[str, typer.Option("--format", help=h("show_format"))] = "text",
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """Read one tool's card."""
    from toolbox_cli.catalogue.loader import resolve
    from toolbox_cli.text import CardNotFound

    chosen, directory = _settings(ctx, lang, cards_dir)
    show_format = _choice("--format", show_format, SHOW_FORMATS)
    if json and show_format not in ("text", "json"):
        raise UsageProblem("usage_conflict", first="--json", second=f"--format {show_format}")
    catalogue = _load(chosen, directory)
    try:
        card_id = resolve(catalogue, card)
    except CardNotFound as error:
        hints: list[Hint] = [("suggestion", {"id": other}) for other in error.suggestions]
        if error.suggestions and not error.ambiguous:
            hints.insert(0, "did_you_mean")
        key = "ambiguous" if error.ambiguous else "not_found"
        raise ToolboxError(key, hints=(*hints, "see_list"), name=card) from None
    with _catalogue_problems(chosen, directory):
        found = catalogue.card(card_id)
    if json or show_format == "json":
        from toolbox_cli.render.catalogue_json import card_dict, write_json

        write_json(card_dict(found, catalogue.vocabulary, text_lang(chosen)))
    elif show_format == "html":
        from toolbox_cli.render.catalogue_json import write_text
        from toolbox_cli.render.html import card_html

        write_text(card_html(found, catalogue.vocabulary, chosen))
    else:
        from toolbox_cli.render.people import card_page

        _print(card_page(found, catalogue.vocabulary, chosen))


def _complete_numbers(scale: range) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [str(number) for number in scale if str(number).startswith(incomplete)]

    return complete


FamilyOption = Annotated[
    list[str] | None,
    typer.Option("--family", help=h("list_family"), autocompletion=_complete_numbers(range(1, 5))),
]
LevelOption = Annotated[
    list[str] | None,
    typer.Option("--level", help=h("list_level"), autocompletion=_complete_numbers(range(1, 6))),
]
ActorOption = Annotated[
    list[str] | None,
    typer.Option("--actor", help=h("list_actor"), autocompletion=_complete_terms("actors")),
]
GoalOption = Annotated[
    list[str] | None,
    typer.Option("--goal", help=h("list_goal"), autocompletion=_complete_terms("goals")),
]


class Filters(NamedTuple):
    family: list[int] | None
    level: list[int] | None
    actor: list[str] | None
    goal: list[str] | None


def _whole(option: str, value: str, scale: range) -> int:
    """``value`` as a whole number of ``scale``, or a usage error naming ``option``."""
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) < 10 and int(text) in scale:
        return int(text)
    raise UsageProblem("bad_number", option=option, value=value, low=scale[0], high=scale[-1])


def _choice(option: str, value: str, known: list[str]) -> str:
    """``value`` if it is one of ``known``, else a usage error with the closest ones."""
    if value in known:
        return value
    from difflib import get_close_matches

    close = get_close_matches(value.lower(), known, n=3, cutoff=0.6)
    if close:
        raise UsageProblem(
            "bad_choice_suggest",
            option=option,
            value=value,
            suggestions=", ".join(close),
            known=", ".join(known),
        )
    raise UsageProblem("bad_choice", option=option, value=value, known=", ".join(known))


def _filters(
    family: list[str] | None,
    level: list[str] | None,
    actor: list[str] | None,
    goal: list[str] | None,
) -> Filters:
    """The filters of the command line; families and levels out of their scales are usage
    errors, found before any card is read."""
    from toolbox_cli.scales import FAMILIES, LEVELS

    return Filters(
        [_whole("--family", value, FAMILIES) for value in family or []],
        [_whole("--level", value, LEVELS) for value in level or []],
        actor,
        goal,
    )


def _filtered(lang: Lang, catalogue: "Catalogue", filters: Filters) -> "list[CardEntry]":
    """The entries that pass ``filters``; an unknown actor or goal is a usage error."""
    from toolbox_cli.catalogue.loader import CardFilter, filter_entries

    if not (filters.family or filters.level or filters.actor or filters.goal):
        return list(catalogue.entries)
    from toolbox_cli.cli.questionnaire import resolve_actor, resolve_goals

    # an unknown value is an AnswersError: a UsageProblem, printed once at the edge
    actors = [resolve_actor(catalogue.vocabulary, value) for value in filters.actor or []]
    goals = resolve_goals(catalogue.vocabulary, filters.goal or [], "--goal")
    wanted = CardFilter(filters.family or [], filters.level or [], actors, goals)
    return filter_entries(catalogue.entries, wanted)


@commands.command("list", cls=ToolboxCommand, help=h("cmd_list"))
def list_cards(
    ctx: typer.Context,
    family: FamilyOption = None,
    level: LevelOption = None,
    actor: ActorOption = None,
    goal: GoalOption = None,
    json: JsonOption = False,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """List the tools, optionally filtered."""
    chosen, directory = _settings(ctx, lang, cards_dir)
    filters = _filters(family, level, actor, goal)
    catalogue = _load(chosen, directory)
    entries = _filtered(chosen, catalogue, filters)
    if json:
        from toolbox_cli.render.catalogue_json import entry_dict, write_json_rows

        write_json_rows([entry_dict(entry, text_lang(chosen)) for entry in entries])
        if not entries:  # nothing found is exit 1, as search (README, "Exit codes")
            raise typer.Exit(EXIT_FAIL)
        return
    from toolbox_cli.render.people import card_table, plain

    if not entries:
        raise ToolboxError("list_none")

    from rich.console import Group

    count = tn(chosen, "list_count", len(entries), total=len(catalogue.entries))
    said = [plain(count, "dim")]
    if filters.actor:  # not "concern you": recommend counts the tools one takes part in
        said.append(plain(t(chosen, "list_actor_initiative"), "dim"))
    _print(Group(card_table(entries, catalogue.vocabulary, chosen), *said))


@commands.command(cls=ToolboxCommand, help=h("cmd_search"))
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help=h("search_query"), show_default=False)],
    limit: Annotated[str, typer.Option("--limit", help=h("search_limit"))] = str(SEARCH_LIMIT),
    family: FamilyOption = None,
    level: LevelOption = None,
    actor: ActorOption = None,
    goal: GoalOption = None,
    json: JsonOption = False,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """Find a tool by words, in French or English; exit 1 when none matches."""
    chosen, directory = _settings(ctx, lang, cards_dir)
    if not query.split():  # nothing to look for: a usage error, not "no tool matches ''"
        raise UsageProblem("search_empty")
    filters = _filters(family, level, actor, goal)
    most = _whole("--limit", limit, range(1, 1001))
    catalogue = _load(chosen, directory)
    entries = {entry.id: entry for entry in _filtered(chosen, catalogue, filters)}
    hits = catalogue.search(query, chosen, keep=entries.__contains__, limit=most)
    if json:
        from toolbox_cli.render.catalogue_json import search_dict, write_json

        write_json(search_dict(query, hits, entries, text_lang(chosen)))
        if not hits:
            raise typer.Exit(EXIT_FAIL)
        return
    if not hits:
        shown = " ".join(query.split())
        shown = shown if len(shown) <= 80 else shown[:79] + "…"
        raise ToolboxError("search_none", hints=("search_hint",), query=shown)
    from rich.console import Group

    from toolbox_cli.render.people import plain, search_table

    count = tn(chosen, "search_count", len(hits), query=query[:80])
    _print(Group(search_table(hits, entries, chosen), plain(count, "dim")))


VALIDATE_FORMATS = ["text", "json", "github"]


@commands.command(cls=ToolboxCommand, help=h("cmd_validate"))
def validate(
    ctx: typer.Context,
    directory: Annotated[
        list[Path] | None,
        typer.Argument(
            help=h("validate_dir"),
            show_default=False,
        ),
    ] = None,
    json: JsonOption = False,
    validate_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=h("validate_format"),
            autocompletion=_complete_values(VALIDATE_FORMATS),
        ),
    ] = "text",
    no_cache: Annotated[bool, typer.Option("--no-cache", help=h("no_cache"))] = False,
    lang: LangOption = None,
    cards_dir_option: Annotated[
        Path | None,
        typer.Option("--cards-dir", help=h("cards_dir"), show_default=False),
    ] = None,
) -> None:
    """Check every card of a directory; exit 1 with every error if any."""
    from toolbox_cli.catalogue import load_catalogue
    from toolbox_cli.catalogue.paths import where_text

    chosen, default_dir = _settings(ctx, lang, [cards_dir_option] if cards_dir_option else None)
    cards_dir = _where(directory) or default_dir
    try:
        use_cache = False if no_cache else None
        count = len(load_catalogue(cards_dir, use_cache=use_cache, light=True).entries)
        issues: list[CatalogueIssue] = []
    except Exception as error:
        from toolbox_cli.catalogue.validate import CatalogueError  # only now: it imports Pydantic

        if not isinstance(error, CatalogueError):
            raise
        count, issues = error.valid, error.issues
    output = _choice("--format", validate_format, VALIDATE_FORMATS)
    if json or output == "json":
        from toolbox_cli.render.catalogue_json import validate_dict, write_json

        write_json(validate_dict(count, issues, text_lang(chosen)))
        raise typer.Exit(EXIT_FAIL if issues else EXIT_OK)
    if output == "github":
        from toolbox_cli.render.github import annotation

        sys.stdout.write("".join(annotation(issue, chosen) + "\n" for issue in issues))
    if issues:
        from toolbox_cli.catalogue.validate import CatalogueError

        if output == "text" and not (len(issues) == 1 and issues[0].code.startswith("dir_")):
            # The report is validate's result: on stdout (``> report.txt``), as --json's
            # and github's; what went wrong in one line on stderr.
            from toolbox_cli.safetext import printable

            sys.stdout.write("".join(f"{printable(i.line_text(chosen))}\n" for i in issues))
            path = where_text(cards_dir)
            raise ToolboxError("validate_failed", count=len(issues), path=path)
        raise CatalogueError(issues, count, where=cards_dir)
    from toolbox_cli.render.people import console, plain

    # one line, whatever the width: a path is not cut (new's messages do the same)
    console().print(plain(tn(chosen, "valid", count, path=where_text(cards_dir))), soft_wrap=True)


SCHEMA_KINDS = [
    "card",
    "recommendation",
    "explanation",
    "show",
    "list",
    "levels",
    "validate",
    "search",
]


@commands.command(cls=ToolboxCommand, help=h("cmd_schema"))
def schema(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            help=h("schema_kind"),
            show_default=False,
            autocompletion=_complete_values(SCHEMA_KINDS),
        ),
    ],
    lang: LangOption = None,
) -> None:
    """Print a JSON Schema: 'card' for card authors' editors, the others (what each
    command's --json writes) for scripts."""
    from toolbox_cli.render.catalogue_json import EXPORT_KINDS, write_json
    from toolbox_cli.render.catalogue_json import schema as export_schema

    _settings(ctx, lang, None)  # a schema is in no language; its errors are
    kind = _choice("toolbox schema", kind, SCHEMA_KINDS)
    export_kind = next((name for name in EXPORT_KINDS if name == kind), None)
    if export_kind is not None:
        write_json(export_schema(export_kind))
    elif kind != "card":
        from toolbox_cli.render.plan_json import schema as advice_schema

        write_json(advice_schema("recommendation" if kind == "recommendation" else "explanation"))
    else:
        from toolbox_cli.catalogue.models import Card

        write_json(Card.model_json_schema())


@commands.command(cls=ToolboxCommand, help=h("cmd_levels"))
def levels(
    ctx: typer.Context,
    json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Show the partnership-intensity scale and the rule between its levels."""
    from toolbox_cli.catalogue import load_vocabulary_light

    chosen, directory = _settings(ctx, lang, None)
    with _catalogue_problems(chosen, directory):
        vocabulary = load_vocabulary_light(directory)
    if json:
        from toolbox_cli.render.catalogue_json import levels_dict, write_json

        write_json(levels_dict(vocabulary, text_lang(chosen)))
    else:
        from toolbox_cli.render.people import levels_page

        _print(levels_page(vocabulary, chosen))


OUTPUT_FORMATS = ["text", "markdown", "json", "html"]


@commands.command(cls=ToolboxCommand, help=h("cmd_recommend"))
def recommend(
    ctx: typer.Context,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help=h("rec_actor"),
            show_default=False,
            autocompletion=_complete_terms("actors"),
        ),
    ] = None,
    maturity: Annotated[
        str | None,
        typer.Option(
            "--maturity",
            help=h("rec_maturity"),
            show_default=False,
            autocompletion=_complete_numbers(range(0, 6)),
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            help=h("rec_goal"),
            show_default=False,
            autocompletion=_complete_terms("goals"),
        ),
    ] = None,
    staff_time: Annotated[
        str | None,
        typer.Option(
            "--staff-time",
            help=h("rec_staff_time"),
            show_default=False,
            autocompletion=_complete_values(["yes", "no"]),
        ),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            help=h("rec_partner"),
            show_default=False,
            autocompletion=_complete_terms("actors"),
        ),
    ] = None,
    partner_goal: Annotated[
        list[str] | None,
        typer.Option(
            "--partner-goal",
            help=h("rec_partner_goal"),
            show_default=False,
            autocompletion=_complete_terms("goals"),
        ),
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
    limit: Annotated[
        str | None, typer.Option("--limit", help=h("rec_limit"), show_default=False)
    ] = None,  # the engine's default
    output: Annotated[
        str,
        typer.Option(
            "--format", help=h("rec_format"), autocompletion=_complete_values(OUTPUT_FORMATS)
        ),
    ] = "text",
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            help=h("rec_explain"),
            metavar="CARD",
            show_default=False,
            autocompletion=_complete_card,
        ),
    ] = None,
    json: JsonOption = False,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """Answer a short questionnaire and get the tools to use first, and why."""
    from toolbox_cli.advisor.engine import explain as why
    from toolbox_cli.advisor.engine import recommend as run
    from toolbox_cli.cli import questionnaire as q

    chosen, directory = _settings(ctx, lang, cards_dir)
    output = _choice("--format", output, OUTPUT_FORMATS)
    if json and output != "text" and output != "json":
        raise UsageProblem("usage_conflict", first="--json", second=f"--format {output}")
    most = {} if limit is None else {"limit": _whole("--limit", limit, range(1, 101))}
    catalogue = _load(chosen, directory)
    vocabulary = catalogue.vocabulary
    target = None
    asked = False
    flags_in_force = _in_force(ctx, lang, cards_dir)
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
            # Questions go to the terminal (stderr), results to stdout, which may be a file.
            if not (sys.stdin.isatty() and sys.stderr.isatty()):
                raise q.missing_error(partial.missing())
            partial = _ask(partial, vocabulary, chosen)
            asked = True
        answers = partial.complete()
        if asked and target is None:
            _offer_save(answers, chosen, flags_in_force)
    except EOFError:
        raise ToolboxError("interrupted_eof") from None
    q.check_partner(catalogue, answers, chosen)
    card_id = None
    if explain is not None:
        from toolbox_cli.catalogue.loader import resolve
        from toolbox_cli.text import CardNotFound

        try:
            card_id = resolve(catalogue, explain)
        except CardNotFound:
            raise ToolboxError("explain_unknown", hints=("see_list",), name=explain) from None
    if target is not None:
        from toolbox_cli.files.writer import UnsafeWrite

        try:
            q.write_answers(answers, target)
        except UnsafeWrite as error:
            raise ToolboxError("save_refused", reason=error) from None
        _err_plain(t(chosen, "answers_saved", path=path_text(target.shown)))
    as_json = json or output == "json"
    with _catalogue_problems(chosen, directory):
        if card_id is not None:
            explanation = why(catalogue, answers, card_id, **most)
        else:
            result = run(catalogue, answers, **most)
    if card_id is not None:
        if as_json:
            from toolbox_cli.render.catalogue_json import write_json
            from toolbox_cli.render.plan_json import explanation_json

            write_json(explanation_json(explanation, vocabulary, text_lang(chosen)))
        else:
            from toolbox_cli.render.people import explanation_page

            _print(explanation_page(explanation, vocabulary, chosen))
    elif as_json:
        from toolbox_cli.render.catalogue_json import write_json
        from toolbox_cli.render.plan_json import recommendation_json

        write_json(recommendation_json(result, vocabulary, text_lang(chosen)))
    elif output == "markdown":
        from toolbox_cli.render.catalogue_json import write_markdown
        from toolbox_cli.render.people import recommendation_markdown

        write_markdown(recommendation_markdown(result, vocabulary, chosen, _today()))
    elif output == "html":
        from toolbox_cli.render.catalogue_json import write_text
        from toolbox_cli.render.html import recommendation_html

        write_text(recommendation_html(result, vocabulary, chosen, _today()))
    else:
        from toolbox_cli.render.people import recommendation_page

        _print(recommendation_page(result, vocabulary, chosen, flags_in_force))


def _in_force(ctx: typer.Context, lang: str | None, cards_dir: list[Path] | None) -> list[str]:
    """The flags of this run that a hint must carry to show what this run showed:
    ``--lang`` and ``--cards-dir`` as given (the environment's are still there)."""
    parent = ctx.find_object(Settings) or Settings()
    flags: list[str] = []
    chosen = lang or parent.lang
    if chosen:
        flags += ["--lang", chosen.strip().lower()]
    where = _where(cards_dir) or parent.cards_dir
    for directory in () if where is None else (where if isinstance(where, tuple) else (where,)):
        flags += ["--cards-dir", str(directory)]
    return flags


def _offer_save(answers: "Answers", lang: Lang, flags: list[str]) -> None:
    """After the questionnaire, on the terminal: the same as a command line, and an
    offer to save the answers."""
    from toolbox_cli.cli.questionnaire import offer_save
    from toolbox_cli.render.people import console, plain

    out = console(stderr=True)

    def refused(error: ToolboxError) -> None:
        _err(lang, [error.text(lang)])

    offer_save(
        answers,
        lang,
        lambda text: _typed(out, text),
        lambda line: out.print(plain(line, "dim")),
        refused,
        flags,
    )


def _ask(
    partial: "questionnaire.Partial", vocabulary: "Vocabulary", lang: Lang
) -> "questionnaire.Partial":
    from rich.padding import Padding

    from toolbox_cli.cli.questionnaire import Choice, ask
    from toolbox_cli.render.people import choices_table, console, plain

    # At the terminal, on stderr: stdout may be a file (``--format markdown > note.md``).
    out = console(stderr=True)
    out.soft_wrap = False

    def show(title: str, options: list[Choice], zero_based: bool) -> None:
        out.print(plain(title, "bold cyan" if options else "red"))
        if options:
            out.print(Padding(choices_table(options, zero_based), (0, 0, 0, 2), expand=False))

    return ask(partial, vocabulary, lang, lambda text: _typed(out, text), show)


def _line_editing() -> bool:
    """Whether replies are read with line editing (arrows, history: GNU readline or
    libedit, where Python has it; not on Windows' Python, whose console edits lines
    itself). Only when both stdin and stdout are the terminal: readline echoes what is
    typed to stdout, which may be a file (``--format markdown > note.md``)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        import readline  # noqa: F401  (importing it is what turns it on for input())
    except ImportError:
        return False
    return True


def _typed(out: "Console", question: str) -> str:
    """One answer typed at the terminal, with line editing where there is readline.
    After Ctrl-C or Ctrl-D, the shell's prompt or the error that follows starts on a
    line of its own, not after the question."""
    from toolbox_cli.render.people import plain

    try:
        if _line_editing():  # readline writes the prompt: it redraws it after an edit
            out.file.flush()
            return input(plain(f"{question} > ").plain)
        return out.input(plain(f"{question} > "))
    except (KeyboardInterrupt, EOFError):
        out.line()
        out.file.flush()
        raise


@commands.command(cls=ToolboxCommand, help=h("cmd_site"))
def site(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help=h("site_out"), show_default=False)],
    pyodide: Annotated[
        Path | None, typer.Option("--pyodide", help=h("site_pyodide"), show_default=False)
    ] = None,
    serve: Annotated[bool, typer.Option("--serve", help=h("site_serve"))] = False,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """Write a static site of the catalogue; --serve previews it."""
    from toolbox_cli.site import serve as preview
    from toolbox_cli.site.writer import check_pyodide, write_site

    chosen, directory = _settings(ctx, lang, cards_dir)
    if serve:
        preview.serve(out, chosen)
        return
    runtime = check_pyodide(pyodide) if pyodide is not None else None
    if out.exists() and not out.is_dir():
        raise ToolboxError("site_not_dir", path=path_text(out))
    catalogue = _load(chosen, directory)
    from toolbox_cli.cli.questionnaire import Choice, choices
    from toolbox_cli.i18n import LANGS

    questions = ("actor", "maturity", "goals", "staff_time", "partner", "partner_goals")
    form: dict[str, dict[str, list[Choice]]] = {
        language: {q: choices(catalogue.vocabulary, q, language) for q in questions}
        for language in LANGS
    }
    try:
        with _catalogue_problems(chosen, directory):
            written = write_site(catalogue, out, form, runtime)
    except OSError as error:
        from toolbox_cli.i18n import os_reason

        raise ToolboxError(
            "site_write_failed", {"path": path_text(out), **os_reason(error)}
        ) from None
    _err_plain(
        t(chosen, "site_written", path=path_text(out), pages=written.pages, files=written.files)
    )
    if not written.live:
        _err_plain(t(chosen, "site_no_runtime"))


TextOption = Annotated[str | None, typer.Option(show_default=False)]


def _example_kinds() -> list[str]:
    from toolbox_cli.catalogue.models import EXAMPLE_KINDS  # only when completing: Pydantic

    return list(EXAMPLE_KINDS)


@commands.command("new", cls=ToolboxCommand, help=h("cmd_new"))
def new(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Option("--dir", help=h("new_dir"), show_default=False)] = Path(
        "."
    ),
    extends: Annotated[
        str | None,
        typer.Option(
            "--extends",
            metavar="CARD",
            help=h("new_extends"),
            show_default=False,
            autocompletion=_complete_card,
        ),
    ] = None,
    card_id: Annotated[str | None, typer.Option("--id", help=h("new_q_id"))] = None,
    title_fr: Annotated[str | None, typer.Option(help=h("new_q_title_fr"))] = None,
    title_en: Annotated[str | None, typer.Option(help=h("new_q_title_en"))] = None,
    summary_fr: Annotated[str | None, typer.Option(help=h("new_q_summary_fr"))] = None,
    summary_en: Annotated[str | None, typer.Option(help=h("new_q_summary_en"))] = None,
    family: Annotated[
        list[str] | None,
        typer.Option(help=h("new_q_families"), autocompletion=_complete_numbers(range(1, 5))),
    ] = None,
    level: Annotated[
        list[str] | None,
        typer.Option(help=h("new_q_levels"), autocompletion=_complete_numbers(range(1, 6))),
    ] = None,
    concerns: Annotated[
        list[str] | None,
        typer.Option(help=h("new_q_concerns"), autocompletion=_complete_terms("actors")),
    ] = None,
    initiative: Annotated[
        list[str] | None,
        typer.Option(help=h("new_q_actors"), autocompletion=_complete_terms("actors")),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(help=h("new_q_goals"), autocompletion=_complete_terms("goals")),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help=h("new_q_source"), autocompletion=_complete_terms("sources")),
    ] = None,
    section_fr: Annotated[str | None, typer.Option(help=h("new_q_section_fr"))] = None,
    section_en: Annotated[str | None, typer.Option(help=h("new_q_section_en"))] = None,
    example_kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help=h("new_q_kind"),
            show_default=False,
            autocompletion=_complete_values(_example_kinds),
        ),
    ] = None,
    name_fr: Annotated[str | None, typer.Option(help=h("new_q_name_fr"))] = None,
    name_en: Annotated[str | None, typer.Option(help=h("new_q_name_en"))] = None,
    description_fr: Annotated[str | None, typer.Option(help=h("new_q_description_fr"))] = None,
    description_en: Annotated[str | None, typer.Option(help=h("new_q_description_en"))] = None,
    link: Annotated[str | None, typer.Option(help=h("new_q_link"))] = None,
    lang: LangOption = None,
    cards_dir: CardsDirOption = None,
) -> None:
    """Write a new card, or an extension file, that validates; never over a file."""
    from toolbox_cli.catalogue import authoring as a
    from toolbox_cli.catalogue.paths import (
        MANIFEST_NAME,
        is_layered,
        shipped_cards_dir,
        vocabulary_for,
        where_text,
    )
    from toolbox_cli.catalogue.validate import load_vocabulary
    from toolbox_cli.files.writer import UnsafeWrite

    chosen, where = _settings(ctx, lang, cards_dir)

    def joined(values: list[str] | None) -> str | None:
        return " ".join(values) if values else None

    given = {
        "id": card_id, "title_fr": title_fr, "title_en": title_en, "summary_fr": summary_fr,
        "summary_en": summary_en, "families": joined(family), "levels": joined(level),
        "concerns": joined(concerns), "actors": joined(initiative), "goals": joined(goal),
        "source": source, "section_fr": section_fr, "section_en": section_en, "kind": example_kind,
        "name_fr": name_fr, "name_en": name_en, "description_fr": description_fr,
        "description_en": description_en, "link": link,
    }  # fmt: skip
    try:  # every file-system step, before anything is asked: nothing typed is lost
        a.check_folder(directory, extension=extends is not None)
    except a.AnswerError as error:
        raise UsageProblem("new_bad_flag", flag="--dir", reason=error) from None
    starting = a.needs_manifest(directory)  # a new community catalogue, over the shipped one
    with _catalogue_problems(chosen, where):
        vocabulary = load_vocabulary(vocabulary_for(directory))
    target_card = None
    if extends is not None:
        from toolbox_cli.catalogue.loader import resolve
        from toolbox_cli.catalogue.validate import CardNotFound

        base = shipped_cards_dir() if starting else where
        catalogue = _load(chosen, directory if is_layered(directory) else base)
        try:
            target_card = resolve(catalogue, extends)
        except CardNotFound:
            raise ToolboxError("new_unknown_card", hints=("see_list",), name=extends) from None
    questions = a.CARD_QUESTIONS if target_card is None else a.EXAMPLE_QUESTIONS
    ask = None
    if sys.stdin.isatty() and sys.stdout.isatty():
        from toolbox_cli.render.people import console, plain

        out = console()

        def ask(question: a.Question) -> str:
            hint = question.hint(vocabulary, chosen)
            return _typed(out, t(chosen, question.prompt) + (f" [{hint}]" if hint else ""))

    def report(error: a.AnswerError) -> None:
        _err(chosen, [error.text(chosen)])

    taken = title = None
    if target_card is None:
        joins = directory if is_layered(directory) or not starting else shipped_cards_dir()
        taken = a.id_taken(directory, over_shipped=starting)
        title = a.title_taken(_titles(chosen, joins))
    try:
        answers = a.gather(questions, given, vocabulary, ask, report, taken, title)
        if target_card is None:
            text = a.card_text(answers, vocabulary)
            path = a.card_path(directory, answers["id"])
        else:
            text = a.extension_text(target_card, answers, vocabulary)
            path = a.extension_path(directory, target_card)
    except a.MissingAnswers as error:
        raise UsageProblem("new_missing", flags=", ".join(error.flags)) from None
    except a.AnswerError as error:
        flag = error.values.get("flag")
        raise UsageProblem("new_bad_flag" if flag else "as_said", flag=flag, reason=error) from None
    except EOFError:
        raise ToolboxError("new_interrupted") from None
    manifest = directory / MANIFEST_NAME
    try:
        a.write_folder(directory)
        if starting:
            a.write_new(manifest, a.manifest_text(directory))
        a.write_new(path, text)
    except UnsafeWrite as error:
        raise ToolboxError("new_refused", reason=error) from None
    from toolbox_cli.render.people import console, plain

    out = console()
    if starting:
        said = t(chosen, "new_manifest_written", path=path_text(manifest))
        out.print(plain(said), soft_wrap=True)
    next_command = f"toolbox validate {where_text(directory)}"
    out.print(plain(t(chosen, "new_written", path=path_text(path))), soft_wrap=True)
    if target_card is None:
        out.print(plain(t(chosen, "new_todo")))
    out.print(plain(t(chosen, "new_next", command=next_command)), soft_wrap=True)


def _titles(lang: Lang, where: "Where") -> dict[str, str]:
    """The titles of the catalogue at ``where`` (French and English, folded) and their
    cards' ids; none when it does not load: ``validate`` says why."""
    from toolbox_cli.text import fold

    try:
        catalogue = _load(lang, where)
    except ToolboxError:
        return {}
    return {
        fold(entry.title(side)): entry.id for entry in catalogue.entries for side in ("fr", "en")
    }
