"""Output for people, with Rich. Card text is always printed as ``Text``, never as markup."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from toolbox_cli.advisor.results import (
    Answers,
    Explanation,
    Recommendation,
    Recommended,
)
from toolbox_cli.catalogue.index import HIGHLIGHT, Hit
from toolbox_cli.i18n import Lang, t
from toolbox_cli.i18n.typography import typeset
from toolbox_cli.render.plan_json import verdict
from toolbox_cli.render.words import (
    actor_label,
    answers_lines,
    card_reasons,
    coverage_text,
    first_step_label,
    first_step_text,
    gain_rows,
    glance_rows,
    goal_labels,
    ladder_rows,
    later_lines,
    lead_line,
    left_out_lines,
    long_date,
    nothing_lines,
    plan_titles,
    reason_text,
    rules_text,
    start_note,
    text,
    then_line,
    tool_title,
)
from toolbox_cli.safetext import printable
from toolbox_cli.scales import LEVELS

if TYPE_CHECKING:  # no Pydantic at run time: light records render the same
    from datetime import date

    from toolbox_cli.catalogue.models import Card, CardEntry, Vocabulary


def plain(text: str, style: str = "") -> Text:
    """``text`` as it is written: no markup; control characters, bidirectional
    overrides and bytes that were not UTF-8 shown as escapes; French typography's
    no-break spaces (``typography``)."""
    return Text(typeset(printable(text)), style=style)


def ladder(levels: Sequence[int]) -> Text:
    """The 1-5 scale with the card's levels lit: ``1 - 3 4 -``, never split across lines
    (no-break spaces), and with a mark of its own for a missing level."""
    out = Text()
    for level in LEVELS:
        if level > LEVELS[0]:
            out.append("\u00a0")
        if level in levels:
            out.append(str(level), style="bold green")
        else:
            out.append("-", style="dim")
    return out


class Hanging:
    """``renderable`` after ``prefix`` on its first line, its other lines indented as
    far: a list item or a numbered title whose wrapped lines hang under their text
    (what a two-column grid does, without measuring every cell first)."""

    def __init__(self, prefix: Text, renderable: RenderableType) -> None:
        self.prefix = prefix
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = self.prefix.cell_len
        inner = options.update_width(max(1, options.max_width - width))
        lines = console.render_lines(self.renderable, inner, pad=False)
        indent = Segment(" " * width)
        for number, line in enumerate(lines):
            if number:
                yield indent
            else:
                yield from self.prefix.render(console)
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.prefix.cell_len
        inner = Measurement.get(console, options, self.renderable)
        return Measurement(inner.minimum + width, inner.maximum + width)


class Link:
    """A web address on a line of its own, whole: never folded or cut at the page's
    width, so that it can be copied or clicked (a terminal wraps it for the eye only).
    Kept whole inside ``Indented``; elsewhere Rich would fold it like any text."""

    def __init__(self, url: str) -> None:
        self.text = plain(url, "blue underline")

    def segments(self, console: Console) -> list[Segment]:
        return list(self.text.render(console))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.segments(console)
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, self.text.cell_len)


class Indented:
    """``renderables`` one below the other, indented by ``width`` spaces and followed by
    ``bottom`` blank lines (what ``Padding`` does), a ``Link`` among them kept whole."""

    def __init__(self, width: int, *renderables: RenderableType, bottom: int = 0) -> None:
        self.width = width
        self.renderables = renderables
        self.bottom = bottom

    def lines(self, console: Console, options: ConsoleOptions) -> Iterator[list[Segment]]:
        inner = options.update_width(max(1, options.max_width - self.width))
        indent = Segment(" " * self.width)
        for renderable in self.renderables:
            rows: Iterable[list[Segment]]
            if isinstance(renderable, Link):
                rows = [renderable.segments(console)]
            elif isinstance(renderable, Indented):
                rows = renderable.lines(console, inner)
            else:
                rows = console.render_lines(renderable, inner, pad=False)
            for row in rows:
                yield [indent, *row]
        for _ in range(self.bottom):
            yield []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self.lines(console, options):
            yield from row
            yield Segment.line()


class ByWidth:
    """``wide`` where the page has ``columns`` or more, else ``narrow``: a layout of
    columns side by side becomes one of blocks one under the other on a narrow terminal
    (40 columns), where words would break inside table cells."""

    def __init__(self, columns: int, narrow: RenderableType, wide: RenderableType) -> None:
        self.columns = columns
        self.narrow = narrow
        self.wide = wide

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.columns else self.narrow


NARROW = 60  # below it, columns side by side become blocks one under the other


def stacked(rows: Sequence[tuple[Text, RenderableType]]) -> Group:
    """Each label on its line, in bold, its value indented under it."""
    return Group(*(Group(label, Padding(value, (0, 0, 0, 2))) for label, value in rows))


def bullets(lines: Sequence[str]) -> Group:
    """A bulleted list whose wrapped lines hang under their text."""
    return Group(*(Hanging(Text("• "), plain(line)) for line in lines))


def labelled(rows: Sequence[tuple[Text, RenderableType]]) -> Group:
    """Each value after its label, the labels right-padded to one width (a label
    column) and the values' wrapped lines hanging under them."""
    width = max((label.cell_len for label, _ in rows), default=0)
    return Group(
        *(
            Hanging(Text.assemble(label, " " * (width - label.cell_len + 1)), value)
            for label, value in rows
        )
    )


def numbered(items: Sequence[RenderableType], style: str = "") -> Group:
    """``1. …``, ``2. …``: the numbers right-aligned, the wrapped lines hanging."""
    width = len(f"{len(items)}.")
    return Group(
        *(
            Hanging(Text(f"{number}.".rjust(width) + " ", style=style), item)
            for number, item in enumerate(items, start=1)
        )
    )


def heading(text: str) -> Text:
    return plain(text, style="bold cyan")


def _section(title: str, body: RenderableType) -> Group:
    # Measured (expand=False): a table in it is as wide as its text, not the terminal.
    return Group(Text(), heading(title), Padding(body, (0, 0, 0, 2), expand=False))


def card_page(card: Card, vocabulary: Vocabulary, lang: Lang) -> Group:
    """The readable page of one card."""
    parts: list[RenderableType] = [
        plain(card.title(lang), style="bold"),
        plain(card.id, style="dim"),
        Text(),
        plain(card.summary(lang)),
    ]
    rows: list[tuple[Text, RenderableType]] = []
    # a number is held to its label (a no-break space): a line never ends with "· 2"
    families = ", ".join(f"{f}\u00a0{vocabulary.family(f).label(lang)}" for f in card.families)
    rows.append((plain(t(lang, "families")), plain(families)))
    levels = Text.assemble(ladder(card.levels), "  ")
    levels.append_text(
        plain(" · ".join(f"{lv}\u00a0{vocabulary.level(lv).label(lang)}" for lv in card.levels))
    )
    rows.append((plain(t(lang, "levels")), levels))
    if card.level_notes:
        notes = [
            (plain(level, "bold green"), plain(note(lang)))
            for level, note in card.level_notes.items()
        ]
        rows.append((plain(t(lang, "level_notes")), labelled(notes)))
    rows.append(
        (
            plain(t(lang, "actors")),
            plain(", ".join(vocabulary.actor(a).label(lang) for a in card.actors)),
        )
    )
    rows.append((plain(t(lang, "goals")), plain(goal_labels(vocabulary, card.goals, lang))))
    # A grid, not hanging lines: it wraps a long label too; blocks on a narrow page.
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for label, value in rows:
        facts.add_row(label, value)
    bold = [(Text.assemble(label, style="bold"), value) for label, value in rows]
    parts += [Text(), ByWidth(NARROW, stacked(bold), facts)]
    parts.append(_section(t(lang, "objective"), plain(card.objective(lang))))
    interests = (
        (t(lang, "interest_territory"), card.interests.territory(lang)),
        (t(lang, "interest_research"), card.interests.research(lang)),
    )
    parts.append(
        _section(
            t(lang, "interests"),
            ByWidth(
                NARROW,
                stacked([(plain(title, "bold"), plain(text)) for title, text in interests]),
                interests_table(*interests),
            ),
        )
    )
    steps = numbered([plain(step(lang)) for step in card.process], style="bold")
    parts.append(_section(t(lang, "process"), steps))
    if card.examples:
        items: list[RenderableType] = []
        for example in card.examples:
            kind = t(lang, f"kind_{example.kind}")
            line = Text.assemble(
                plain(example.name(lang), style="bold"), plain(f"  ({kind})", "dim")
            )
            items.append(line)
            details: list[RenderableType] = []
            if example.description is not None:
                details.append(plain(example.description(lang)))
            if example.reference is not None:
                details.append(plain(example.reference(lang), style="italic"))
            if example.link is not None:
                details.append(Link(example.link))
            source = vocabulary.source(example.source).title(lang)
            details.append(plain(t(lang, "source_line", title=source), style="dim"))
            layer = getattr(example, "catalogue", None)  # only in a layered catalogue
            if layer is not None:
                shown = t(lang, "catalogue_shipped") if layer == "shipped" else layer
                details.append(plain(t(lang, "example_catalogue", name=shown), style="dim"))
            items.append(Indented(2, *details, bottom=1))
        parts += [Text(), heading(t(lang, "examples")), Indented(2, *items)]
    source = vocabulary.source(card.source.document).title(lang)
    parts += [
        Text(),
        plain(t(lang, "source_line", title=f"{source}, {card.source.section(lang)}"), style="dim"),
    ]
    return Group(*parts)


def interests_table(left: tuple[str, str], right: tuple[str, str]) -> Table:
    """Two partners' interests side by side."""
    return gains_table([left, right])


class CardList:
    """The catalogue as a list sorted by id, the id first (what ``show`` takes, never cut
    or folded), then its families and levels, then its title; the title wraps, under
    its own column when the page is wide enough, else on the lines below the id."""

    def __init__(self, entries: Sequence[CardEntry], lang: Lang) -> None:
        self.entries = sorted(entries, key=lambda entry: entry.id)
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lang = self.lang
        width = options.max_width
        heads = [t(lang, "col_id"), t(lang, "col_families"), t(lang, "col_levels")]
        families = [",".join(str(f) for f in entry.families) for entry in self.entries]
        id_width = max([len(heads[0]), *(len(entry.id) for entry in self.entries)])
        family_width = max([len(heads[1]), *(len(text) for text in families)])
        level_width = max(len(heads[2]), len(LEVELS) * 2 - 1)
        facts_width = id_width + 2 + family_width + 2 + level_width
        columns = width >= facts_width + 2 + LIST_TITLE_MIN  # the title in a column
        stacked = width >= facts_width  # id and facts on one line, the title below
        if stacked:
            head = Text.assemble(
                heads[0].ljust(id_width + 2),
                heads[1].ljust(family_width + 2),
                heads[2].ljust(level_width + (2 if columns else 0)),
                t(lang, "col_title") if columns else "",
                style="bold",
            )
            yield head
        inner = options.update_width(max(1, width - (facts_width + 2 if columns else 2)))
        indent = Segment(" " * (facts_width + 2 if columns else 2))
        for entry, family in zip(self.entries, families, strict=True):
            name = plain(entry.id, "cyan")
            facts = Text.assemble(
                plain(family),
                " " * (family_width + 2 - len(family)),
                ladder(entry.levels),
            )
            if stacked:
                line = Text.assemble(name, " " * (id_width + 2 - len(entry.id)), facts)
            else:  # the id alone on its line, whole even where it is wider than the page
                line = Text.assemble(name)
            title = console.render_lines(plain(entry.title(lang)), inner, pad=False)
            if columns:
                line.append(" " * (level_width - (len(LEVELS) * 2 - 1) + 2))
                yield from line.render(console)
                for number, row in enumerate(title):
                    if number:
                        yield indent
                    yield from row
                    yield Segment.line()
                continue
            yield from line.render(console)
            yield Segment.line()
            if not stacked:
                yield Segment("  ")
                yield from facts.render(console)
                yield Segment.line()
            for row in title:
                yield indent
                yield from row
                yield Segment.line()


LIST_TITLE_MIN = 30  # below this, a title goes on the lines under its id


def card_table(entries: Sequence[CardEntry], vocabulary: Vocabulary, lang: Lang) -> Group:
    """``toolbox list``: the cards (``CardList``), then the families they belong to, by
    name (the list gives their numbers)."""
    shown = sorted({family for entry in entries for family in entry.families})
    legend = [
        Hanging(plain(f"{family}\u00a0", "bold"), plain(vocabulary.family(family).label(lang)))
        for family in shown
    ]
    return Group(CardList(entries, lang), Text(), heading(t(lang, "families")), *legend)


def highlighted(snippet: str) -> Text:
    """A search snippet, the words that matched in bold (as data, never markup)."""
    start, end = HIGHLIGHT
    text = Text()
    for number, part in enumerate(re.split(f"[{start}{end}]", snippet)):
        text.append(part, style="bold" if number % 2 else "")
    return text


def search_table(hits: Sequence[Hit], entries: Mapping[str, CardEntry], lang: Lang) -> Table:
    """Search results, best first: title, id, and the words that made each card match."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column()
    for number, hit in enumerate(hits, start=1):
        found_in = "" if hit.snippet_lang == lang else t(lang, f"found_in_{hit.snippet_lang}") + " "
        body = Text.assemble(
            plain(entries[hit.id].title(lang), "bold"),
            "\n",
            plain(hit.id, "cyan"),
            "\n",
            plain(found_in, "dim"),
            highlighted(hit.snippet),
        )
        table.add_row(f"{number}.", body)
        if number < len(hits):
            table.add_row("", "")
    return table


def levels_page(vocabulary: Vocabulary, lang: Lang) -> Group:
    """The 5-degree scale and the rules between its levels."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold green")
    table.add_column()
    for level in vocabulary.levels:
        table.add_row(
            str(level.id),
            Text.assemble(plain(level.label(lang), "bold"), "\n", plain(level.description(lang))),
        )
    rules = bullets([rule.text(lang) for rule in vocabulary.rules])
    families = Table.grid(padding=(0, 2))
    families.add_column(justify="right", style="bold")
    families.add_column()
    for family in vocabulary.families:
        families.add_row(
            str(family.id),
            Text.assemble(plain(family.label(lang), "bold"), "\n", plain(family.description(lang))),
        )
    return Group(
        heading(t(lang, "scale")),
        Text(),
        table,
        Text(),
        heading(t(lang, "rule")),
        rules,
        Text(),
        heading(t(lang, "families_heading")),
        Text(),
        families,
    )


def _keep_no_break_spaces() -> None:
    """Rich breaks lines at every Unicode space, no-break ones included; French typography
    needs them to hold ("niveau 4", "Source : …"), so its word pattern leaves them inside."""
    from rich import _wrap

    keep = "\u00a0\u202f"
    _wrap.re_word = re.compile(rf"[^\S{keep}]*(?:\S|[{keep}])+[^\S{keep}]*")


_keep_no_break_spaces()


def console(stderr: bool = False) -> Console:
    """A console for results (stdout) or messages (stderr); Rich honours NO_COLOR."""
    # Messages on stderr are not wrapped: one message, one line, for grep and logs.
    # No emoji codes: ":name:" in a card is text (and their table is not even loaded).
    out = Console(stderr=stderr, highlight=False, emoji=False, soft_wrap=stderr, width=_width())
    if out.width > READABLE_WIDTH:  # prose is hard to read past it, on any terminal
        out.width = READABLE_WIDTH
    return out


MAX_WIDTH = 1000
READABLE_WIDTH = 100  # as the help pages (usage.py)


def _width() -> int | None:
    """``COLUMNS`` capped: Rich would fill lines as wide as any number it is given."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > MAX_WIDTH:
        return MAX_WIDTH
    return None


# --- recommendation ------------------------------------------------------------


def gains_table(rows: Sequence[tuple[str, str]]) -> Table:
    """Each partner's gain, side by side."""
    table = Table(expand=True, show_lines=False)
    for title, _ in rows:
        table.add_column(plain(title), ratio=1, overflow="fold")  # a long word is not cut
    table.add_row(*(plain(gain) for _, gain in rows))
    return table


def show_command(card_id: str, flags: Sequence[str] = ()) -> str:
    """The command that shows a card, with the flags that made the page it is hinted
    on (``--lang fr``, ``--cards-dir community``): it shows what the page named."""
    from shlex import quote

    return " ".join(["toolbox", "show", card_id, *(quote(flag) for flag in flags)])


def _tool(
    item: Recommended,
    answers: Answers,
    vocabulary: Vocabulary,
    lang: Lang,
    flags: Sequence[str] = (),
) -> list[RenderableType]:
    """One recommended tool: id and levels, why later (in *Then*), whether it is only
    proposed, its reasons, who leads, each side's gain, and the reader's first step."""
    body: list[RenderableType] = [Text.assemble(plain(item.id, "dim"), "   ", ladder(item.levels))]
    then = then_line(item, vocabulary, lang)
    if then is not None:
        body.append(plain(then, "italic"))
    if item.status == "proposed" and item.then_because != "proposed":  # else said above
        body.append(plain(t(lang, "proposed_note"), "bold yellow"))
    reasons = card_reasons(item, answers, vocabulary, lang)
    if reasons:
        body.append(bullets(reasons))
    lead = lead_line(item, answers, vocabulary, lang)
    if lead is not None:
        body.append(plain(lead, "bold"))
    label = first_step_label(item.first_step_for, answers, vocabulary, lang)
    body += [
        gains_table(gain_rows(item, answers, vocabulary, lang)),
        Text.assemble(plain(label + " ", "bold"), plain(first_step_text(item, lang))),
        plain(t(lang, "read_more", command=show_command(item.id, flags)), "dim"),
    ]
    return [
        Text(),
        Hanging(plain(f"{item.rank}. ", "bold"), plain(tool_title(item, lang), "bold")),
        Padding(Group(*body), (0, 0, 0, 3), expand=False),  # see _section
    ]


def recommendation_page(
    result: Recommendation, vocabulary: Vocabulary, lang: Lang, flags: Sequence[str] = ()
) -> Group:
    """For people: the answers, the plan at a glance, then *Start here*, *Then* and
    *Once you know each other*; ``flags`` are carried into its hints (``show_command``)."""
    answers = result.answers
    pair = answers.partner is not None
    parts: list[RenderableType] = [heading(t(lang, "your_answers"))]
    parts += [plain(line) for line in answers_lines(answers, vocabulary, lang)]
    coverage = coverage_text(result, vocabulary, lang)
    if coverage is not None:
        parts += [Text(), plain(coverage, "yellow")]
    if not result.recommendations and not result.deferred:
        parts += [Text(), *(plain(line) for line in nothing_lines(result, vocabulary, lang))]
        return Group(*parts)
    rows = [(plain(label, "bold"), plain(value)) for label, value in glance_rows(result, lang)]
    parts += [Text(), heading(t(lang, "plan_glance_pair" if pair else "plan_glance"))]
    parts.append(labelled(rows))
    parts += [plain(line, "dim") for line in left_out_lines(result, lang)]
    if result.recommendations:
        parts += [Text(), plain(t(lang, "section_start"), "bold magenta")]
        parts.append(plain(start_note(result, lang), "italic"))
        for item in result.start:
            parts += _tool(item, answers, vocabulary, lang, flags)
    if result.then:
        parts += [Text(), plain(t(lang, "section_then"), "bold magenta")]
        parts.append(plain(t(lang, "then_intro"), "italic"))
        for item in result.then:
            parts += _tool(item, answers, vocabulary, lang, flags)
    if result.deferred:
        parts += [Text(), plain(t(lang, "section_later"), "bold magenta")]
        parts += [plain(line, "italic") for line in later_lines(result, vocabulary, lang)]
        items: list[RenderableType] = []
        for waiting in result.deferred:
            title = Text.assemble(
                plain(tool_title(waiting, lang), "bold"),
                plain(f"  {waiting.id}  ", "dim"),
                ladder(waiting.levels),
            )
            lines = [
                plain(reason, "dim") for reason in card_reasons(waiting, answers, vocabulary, lang)
            ]
            lead = lead_line(waiting, answers, vocabulary, lang)
            if lead is not None:
                lines.append(plain(lead, "dim"))
            items.append(Hanging(Text("• "), Group(title, *lines)))
        parts += [Text(), Padding(Group(*items), (0, 0, 0, 1))]
    return Group(*parts)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _md(text: str) -> str:
    """Text from a card or the vocabulary, inline in Markdown: on one line (a newline could
    start a heading or a list of its own) and its Markdown characters escaped (a link,
    an HTML tag or emphasis is shown as written, never made)."""
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAK.sub(" ", text))


def _md_tool(
    item: Recommended,
    answers: Answers,
    vocabulary: Vocabulary,
    lang: Lang,
) -> list[str]:
    colon = "\u202f:" if lang == "fr" else ":"
    levels = ", ".join(str(level) for level in item.levels)
    lines = [
        f"#### {item.rank}. {_md(tool_title(item, lang))}",
        "",
        f"*{t(lang, 'levels')}{colon} {levels}*",
        "",
    ]
    then = then_line(item, vocabulary, lang)
    if then is not None:
        lines += [f"*{_md(then)}*", ""]
    if item.status == "proposed" and item.then_because != "proposed":
        lines += [f"**{_md(t(lang, 'proposed_note'))}**", ""]
    lines += [f"- {_md(reason)}" for reason in card_reasons(item, answers, vocabulary, lang)]
    lead = lead_line(item, answers, vocabulary, lang)
    if lead is not None:
        lines.append(f"- {_md(lead)}")
    lines += [
        f"- **{_md(who)}**{colon} {_md(gain)}"
        for who, gain in gain_rows(item, answers, vocabulary, lang)
    ]
    label = first_step_label(item.first_step_for, answers, vocabulary, lang)
    lines += [f"- **{_md(label)}** {_md(first_step_text(item, lang))}", ""]
    return lines


def recommendation_markdown(
    result: Recommendation, vocabulary: Vocabulary, lang: Lang, today: date | None = None
) -> str:
    """The same plan as a Markdown note, to paste into an e-mail or send to a partner: tools
    named by their titles (the reader has no terminal), the ladder, and the date."""
    answers = result.answers
    pair = answers.partner is not None
    if answers.partner is not None:
        title = t(
            lang,
            "md_pair_title",
            you=actor_label(vocabulary, answers.actor, lang).lower(),
            partner=actor_label(vocabulary, answers.partner.actor, lang).lower(),
        )
        title = _md(title)
    else:
        title = t(lang, "md_title")
    colon = "\u202f:" if lang == "fr" else ":"
    lines = [f"# {title}", ""]
    if today is not None:
        lines += [f"*{t(lang, 'html_date', date=long_date(today, lang))}*", ""]
    titles = plan_titles(result, lang)
    answer_lines = answers_lines(answers, vocabulary, lang)
    # a line break is a backslash (CommonMark), not trailing spaces that editors strip
    shown = [_md(line) for line in answer_lines]
    shown[0] = f"**{t(lang, 'your_answers')}**{colon} {shown[0]}"
    lines += [line + "\\" for line in shown[:-1]] + shown[-1:]
    lines.append("")
    coverage = coverage_text(result, vocabulary, lang)
    if coverage is not None:
        lines += [f"> {_md(coverage)}", ""]
    if not result.recommendations and not result.deferred:
        lines += [_md(" ".join(nothing_lines(result, vocabulary, lang))), "", t(lang, "md_footer")]
        return "\n".join(lines) + "\n"
    lines += [f"## {t(lang, 'plan_glance_pair' if pair else 'plan_glance')}", ""]
    glance = glance_rows(result, lang, titles)
    lines += [f"- **{_md(label)}**{colon} {_md(value)}" for label, value in glance]
    lines.append("")
    for row in ladder_rows(result, vocabulary, lang):
        said = f" — **{_md(' · '.join(row.notes))}**" if row.notes else ""
        lines.append(f"- {'●' if row.reached else '○'} {row.level} {_md(row.label)}{said}")
    if answers.maturity == 0:
        lines.append(f"- ● 0 {_md(t(lang, 'you_are_here_zero'))}")
    lines.append("")
    left = left_out_lines(result, lang)
    if left:
        lines += [_md(" ".join(left)), ""]
    if result.recommendations:
        lines += [f"## {t(lang, 'section_start')}", "", _md(start_note(result, lang)), ""]
        for item in result.start:
            lines += _md_tool(item, answers, vocabulary, lang)
    if result.then:
        lines += [f"## {t(lang, 'section_then')}", "", _md(t(lang, "then_intro")), ""]
        for item in result.then:
            lines += _md_tool(item, answers, vocabulary, lang)
    if result.deferred:
        lines += [f"## {t(lang, 'section_later')}", ""]
        later = later_lines(result, vocabulary, lang, titles)
        lines += [f"> {_md(later[0])}", ""]
        lines += [_md(line) for line in later[1:]]
        if later[1:]:
            lines.append("")
        for waiting in result.deferred:
            line = f"- **{_md(tool_title(waiting, lang))}**"
            lead = lead_line(waiting, answers, vocabulary, lang)
            if lead is not None:
                line += f"{colon} {_md(lead)}"
            lines.append(line)
        lines.append("")
    lines.append(t(lang, "md_footer"))
    return "\n".join(lines) + "\n"


def explanation_page(explanation: Explanation, vocabulary: Vocabulary, lang: Lang) -> Group:
    """For people: one card's verdict, whom it concerns, and each criterion with its points."""
    item = explanation
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    concerns = ", ".join(actor_label(vocabulary, actor, lang) for actor in item.concerns)
    facts.add_row(plain(t(lang, "explain_concerns")), plain(concerns))
    facts.add_row(
        plain(t(lang, "explain_initiative")),
        plain(", ".join(actor_label(vocabulary, actor, lang) for actor in item.actors)),
    )
    facts.add_row(
        plain(t(lang, "explain_goals")),
        plain(goal_labels(vocabulary, item.goals, lang)),
    )
    criteria = Table.grid(padding=(0, 2))
    criteria.add_column(justify="right", no_wrap=True)
    criteria.add_column()
    for reason in item.reasons:
        criteria.add_row(
            plain(f"{reason.points:+d}"), plain(reason_text(reason, item.answers, vocabulary, lang))
        )
    if not item.reasons:
        criteria.add_row(plain("0"), plain(t(lang, "explain_no_criteria")))
    parts: list[RenderableType] = [
        plain(text(item.title, lang), "bold"),
        Text.assemble(plain(item.id, "dim"), "   ", ladder(item.levels)),
        Text(),
        plain(verdict(item, vocabulary, lang), "bold magenta"),
    ]
    if item.card_status == "proposed":
        parts.append(plain(t(lang, "explain_proposed"), "bold yellow"))
    parts += [
        Text(),
        facts,
        Text(),
        heading(f"{t(lang, 'explain_criteria')} · {t(lang, 'explain_score', score=item.score)}"),
        Padding(criteria, (0, 0, 0, 2)),
    ]
    if item.rules:
        parts += [
            Text(),
            heading(t(lang, "explain_rule")),
            Padding(plain(rules_text(item.rules, vocabulary, lang)), (0, 0, 0, 2)),
        ]
    if item.unlocked_by:
        parts.append(plain(t(lang, "explain_unlocked_by", ids=", ".join(item.unlocked_by))))
    return Group(*parts)


class Option(Protocol):
    """What a question's choice shows: a label and its help (``questionnaire.Choice``)."""

    @property
    def label(self) -> str: ...
    @property
    def help(self) -> str: ...


def choices_table(options: Sequence[Option], zero_based: bool) -> Table:
    """A question's numbered choices, each label in bold with its help below."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for number, option in enumerate(options, start=0 if zero_based else 1):
        table.add_row(
            plain(f"{number}.", "bold"),
            Text.assemble(plain(option.label, "bold"), "\n", plain(option.help, "dim")),
        )
    return table
