"""Output for people, with Rich. Card text is always printed as ``Text``, never as markup."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .i18n import Lang, t
from .index import HIGHLIGHT, Hit
from .scales import LEVELS

if TYPE_CHECKING:  # no Pydantic at run time: light records render the same
    from .loader import Catalogue
    from .models import Card, CardEntry, Recommendation, Vocabulary
    from .questionnaire import Choice

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str, style: str = "") -> Text:
    """``text`` as it is written: no markup, control characters shown as escapes."""
    shown = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return Text(shown, style=style)


def ladder(levels: Sequence[int]) -> Text:
    """The 1-5 scale with the card's levels lit: ``1 · 3 4 ·``."""
    out = Text()
    for level in LEVELS:
        if level > LEVELS[0]:
            out.append(" ")
        if level in levels:
            out.append(str(level), style="bold green")
        else:
            out.append("·", style="dim")
    return out


def bullets(lines: Sequence[str]) -> Table:
    """A bulleted list whose wrapped lines hang under their text."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for line in lines:
        table.add_row("•", plain(line))
    return table


def heading(text: str) -> Text:
    return plain(text, style="bold cyan")


def _section(title: str, body: RenderableType) -> Group:
    return Group(Text(), heading(title), Padding(body, (0, 0, 0, 2), expand=False))


def card_page(card: Card, vocabulary: Vocabulary, lang: Lang) -> Group:
    """The readable page of one card."""
    parts: list[RenderableType] = [
        plain(card.title(lang), style="bold"),
        plain(card.id, style="dim"),
        Text(),
        plain(card.summary(lang)),
    ]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    families = ", ".join(f"{f} {vocabulary.family(f).label(lang)}" for f in card.families)
    facts.add_row(plain(t(lang, "families")), plain(families))
    levels = Text.assemble(ladder(card.levels), "  ")
    levels.append_text(
        plain(" · ".join(f"{lv} {vocabulary.level(lv).label(lang)}" for lv in card.levels))
    )
    facts.add_row(plain(t(lang, "levels")), levels)
    facts.add_row(
        plain(t(lang, "actors")),
        plain(", ".join(vocabulary.actor(a).label(lang) for a in card.actors)),
    )
    facts.add_row(
        plain(t(lang, "goals")),
        plain(", ".join(vocabulary.goal(g).label(lang) for g in card.goals)),
    )
    parts += [Text(), facts]
    parts.append(_section(t(lang, "objective"), plain(card.objective(lang))))
    parts.append(
        _section(
            t(lang, "interests"),
            interests_table(
                (t(lang, "interest_territory"), card.interests.territory(lang)),
                (t(lang, "interest_research"), card.interests.research(lang)),
            ),
        )
    )
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", style="bold")
    steps.add_column()
    for number, step in enumerate(card.process, start=1):
        steps.add_row(f"{number}.", plain(step(lang)))
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
                details.append(plain(example.link, style="blue underline"))
            source = vocabulary.source(example.source).title(lang)
            details.append(plain(t(lang, "source_line", title=source), style="dim"))
            items.append(Padding(Group(*details), (0, 0, 1, 2), expand=False))
        parts.append(_section(t(lang, "examples"), Group(*items)))
    source = vocabulary.source(card.source.document).title(lang)
    parts += [
        Text(),
        plain(t(lang, "source_line", title=f"{source}, {card.source.section(lang)}"), style="dim"),
    ]
    return Group(*parts)


def interests_table(left: tuple[str, str], right: tuple[str, str]) -> Table:
    """Two partners' interests side by side."""
    table = Table(expand=True, show_lines=False, pad_edge=False)
    table.add_column(plain(left[0]), ratio=1)
    table.add_column(plain(right[0]), ratio=1)
    table.add_row(plain(left[1]), plain(right[1]))
    return table


def card_table(entries: Sequence[CardEntry], lang: Lang) -> Table:
    """The catalogue as a table: id, title, families, levels."""
    table = Table(expand=True, box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column(t(lang, "col_id"), no_wrap=True, style="cyan")
    table.add_column(t(lang, "col_title"), ratio=1)
    table.add_column(t(lang, "col_families"), no_wrap=True)
    table.add_column(t(lang, "col_levels"), no_wrap=True)
    for entry in entries:
        table.add_row(
            plain(entry.id),
            plain(entry.title(lang)),
            plain(",".join(str(f) for f in entry.families)),
            ladder(entry.levels),
        )
    return table


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
        body = Text.assemble(
            plain(entries[hit.id].title(lang), "bold"),
            "\n",
            plain(hit.id, "cyan"),
            "\n",
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
    return Group(heading(t(lang, "scale")), Text(), table, Text(), heading(t(lang, "rule")), rules)


def console(stderr: bool = False) -> Console:
    """A console for results (stdout) or messages (stderr); Rich honours NO_COLOR."""
    # Messages on stderr are not wrapped: one message, one line, for grep and logs.
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)


# --- recommendation ------------------------------------------------------------


def _interest_sides(card: Card, actor: str, lang: Lang) -> tuple[tuple[str, str], tuple[str, str]]:
    """(you, partner) interests: research bodies read the sheet from the other side."""
    territory = card.interests.territory(lang)
    research = card.interests.research(lang)
    if actor == "research":
        return (t(lang, "interest_you"), research), (t(lang, "interest_partner"), territory)
    if actor == "intermediary":
        return (t(lang, "interest_territory"), territory), (t(lang, "interest_research"), research)
    return (t(lang, "interest_you"), territory), (t(lang, "interest_partner"), research)


def answers_line(result: Recommendation, vocabulary: Vocabulary) -> str:
    lang, answers = result.lang, result.answers
    goals = ", ".join(vocabulary.goal(goal).label(lang) for goal in answers.goals)
    staff_time = ""
    if answers.staff_time is not None:
        staff_time = " · " + t(lang, "staff_time_yes" if answers.staff_time else "staff_time_no")
    return t(
        lang,
        "answers_line",
        actor=vocabulary.actor(answers.actor).label(lang),
        maturity=answers.maturity,
        goals=goals,
        staff_time=staff_time,
    )


def pathway_ladder(result: Recommendation, vocabulary: Vocabulary) -> Table:
    """The 5 levels, with where you are, the steps recommended and what is deferred."""
    lang = result.lang
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right")
    table.add_column(no_wrap=True)
    table.add_column()
    maturity = result.answers.maturity
    later = {rule.level for rule in vocabulary.rules if result.deferred}
    for level in reversed(vocabulary.levels):
        notes = []
        if level.id == maturity:
            notes.append(t(lang, "you_are_here"))
        steps = sorted({r.step for r in result.recommendations if r.level == level.id})
        if steps:
            notes.append(t(lang, "steps_here", steps=", ".join(str(s) for s in steps)))
        if level.id in later:
            notes.append(t(lang, "later_here"))
        reached = level.id <= maturity
        table.add_row(
            Text(str(level.id), style="bold green" if notes else "dim"),
            Text("●" if reached else "○", style="green" if reached else "dim"),
            Text.assemble(plain(level.label(lang)), plain("  " + " · ".join(notes), "bold")),
        )
    if maturity == 0:
        table.add_row(Text("0"), Text("●", style="green"), plain(t(lang, "you_are_here_zero")))
    return table


def recommendation_page(result: Recommendation, catalogue: Catalogue) -> Group:
    """For people: the answers, the pathway ladder, each card with its reasons, the deferred."""
    lang, vocabulary = result.lang, catalogue.vocabulary
    parts: list[RenderableType] = [
        heading(t(lang, "your_answers")),
        plain(answers_line(result, vocabulary)),
        Text(),
        heading(t(lang, "your_pathway")),
        pathway_ladder(result, vocabulary),
    ]
    if not result.recommendations:
        parts += [Text(), plain(t(lang, "no_recommendation"))]
    for item in result.recommendations:
        card = catalogue.card(item.id)
        title = Text.assemble(
            plain(t(lang, "step", step=item.step), "bold magenta"),
            "  ",
            plain(item.title, "bold"),
        )
        reasons = bullets([reason.text for reason in item.reasons])
        you, partner = _interest_sides(card, result.answers.actor, lang)
        parts += [
            Text(),
            title,
            Text.assemble(plain(item.id, "dim"), "   ", ladder(item.levels)),
            Padding(reasons, (0, 0, 0, 2), expand=False),
            interests_table(you, partner),
            Text.assemble(plain(t(lang, "first_step") + " ", "bold"), plain(card.process[0](lang))),
            plain(t(lang, "read_more", command=f"toolbox show {item.id}"), "dim"),
        ]
    if result.deferred:
        later = Table.grid(padding=(0, 1))
        later.add_column(no_wrap=True)
        later.add_column()
        for deferred in result.deferred:
            title = Text.assemble(
                plain(deferred.title, "bold"),
                plain(f"  {deferred.id}  ", "dim"),
                ladder(deferred.levels),
            )
            unlock = t(lang, "unlocked_by", ids=", ".join(deferred.unlocked_by) or "—")
            later.add_row("•", Group(title, plain(unlock)))
        parts += [
            Text(),
            heading(t(lang, "deferred")),
            later,
            plain(result.deferred[0].reason, "italic"),
        ]
    return Group(*parts)


def recommendation_markdown(result: Recommendation, catalogue: Catalogue) -> str:
    """The same result as a Markdown note, to paste into an e-mail or a report."""
    lang, vocabulary = result.lang, catalogue.vocabulary
    lines = [
        f"# {t(lang, 'md_title')}",
        "",
        f"**{t(lang, 'your_answers')}**: {answers_line(result, vocabulary)}",
        "",
        f"## {t(lang, 'your_pathway')}",
        "",
    ]
    if not result.recommendations:
        lines += [t(lang, "no_recommendation"), ""]
    for item in result.recommendations:
        card = catalogue.card(item.id)
        you, partner = _interest_sides(card, result.answers.actor, lang)
        levels = ", ".join(str(level) for level in item.levels)
        lines += [
            f"### {t(lang, 'step', step=item.step)} — {item.title}",
            "",
            f"*{t(lang, 'levels')}: {levels}* · `toolbox show {item.id}`",
            "",
            *[f"- {reason.text}" for reason in item.reasons],
            "",
            f"- **{you[0]}**: {you[1]}",
            f"- **{partner[0]}**: {partner[1]}",
            f"- **{t(lang, 'first_step')}** {card.process[0](lang)}",
            "",
        ]
    if result.deferred:
        lines += [f"## {t(lang, 'deferred')}", ""]
        for deferred in result.deferred:
            unlock = ", ".join(f"`{card_id}`" for card_id in deferred.unlocked_by) or "—"
            lines.append(
                f"- **{deferred.title}** (`{deferred.id}`): " + t(lang, "unlocked_by", ids=unlock)
            )
        lines += ["", f"> {result.deferred[0].reason}", ""]
    lines.append(t(lang, "md_footer"))
    return "\n".join(lines) + "\n"


def choices_table(options: Sequence[Choice], zero_based: bool) -> Table:
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
