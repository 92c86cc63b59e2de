"""The advisor's codes put into words: one place for people, Markdown and JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from toolbox_cli.advisor.results import (
    Answers,
    Bilingual,
    Deferred,
    Reason,
    Recommendation,
    Recommended,
    ThenBecause,
    WayInFor,
    Who,
)
from toolbox_cli.i18n import Lang, t, tn

if TYPE_CHECKING:
    from toolbox_cli.catalogue.models import Vocabulary


def text(value: Bilingual, lang: Lang) -> str:
    """A bilingual text in ``lang``."""
    return value.fr if lang == "fr" else value.en


def join(items: Sequence[str], lang: Lang) -> str:
    """``a, b and c`` (``a, b et c``)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t(lang, 'and')} {items[-1]}"


def actor_label(vocabulary: Vocabulary, actor: str, lang: Lang) -> str:
    return text(vocabulary.actor(actor).label, lang)


def goal_label(vocabulary: Vocabulary, goal: str, lang: Lang) -> str:
    return text(vocabulary.goal(goal).label, lang)


def goal_labels(
    vocabulary: Vocabulary, goals: Sequence[str], lang: Lang, with_ids: bool = False
) -> str:
    """Goals one after the other, apart by a semicolon: a goal's own label has commas
    ("Train, host, exchange skills"); ``with_ids``: each with its id, as ``--goal``
    takes it ("Train, host, exchange skills (skills)")."""
    labels = (goal_label(vocabulary, goal, lang) for goal in goals)
    if with_ids:
        labels = (f"{label} ({goal})" for label, goal in zip(labels, goals, strict=True))
    return t(lang, "goal_separator").join(labels)


def level_label(vocabulary: Vocabulary, level: int, lang: Lang) -> str:
    return text(vocabulary.level(level).label, lang)


def _initiator(answers: Answers, who: Who | None) -> str:
    if who == "partner" and answers.partner is not None:
        return answers.partner.actor
    return answers.actor


def reason_text(
    reason: Reason,
    answers: Answers,
    vocabulary: Vocabulary,
    lang: Lang,
    held_back: bool = False,
) -> str:
    """One reason of the engine, as a sentence; ``held_back`` for a tool the rule keeps
    for once you know each other (its level is then said as when it will be used, not
    as a level a tool can reach without prerequisites)."""
    code, who = reason.code, reason.who or "you"
    if code == "step_up" and held_back:
        return t(lang, "why_step_up_later", level=reason.level)
    if code in ("goal", "goal_level"):
        goal = goal_label(vocabulary, reason.goal or "", lang).lower()
        return t(lang, f"why_{code}_{who}", goal=goal, level=reason.level)
    if code == "initiative":
        actor = actor_label(vocabulary, _initiator(answers, reason.who), lang).lower()
        return t(lang, f"why_initiative_{'partner' if who == 'partner' else 'you'}", actor=actor)
    if code == "next_step" and answers.maturity == 0:
        return t(lang, "why_next_step_first", level=reason.level)
    return t(lang, f"why_{code}", level=reason.level)


def actors_text(actors: Sequence[str], vocabulary: Vocabulary, lang: Lang) -> str:
    """Kinds of actor, one or another: "a local authority or a research body"."""
    labels = [actor_label(vocabulary, actor, lang).lower() for actor in actors]
    if len(labels) < 2:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} {t(lang, 'or')} {labels[-1]}"


def lead_others_text(lead: Sequence[str], vocabulary: Vocabulary, lang: Lang) -> str:
    """A tool you cannot take the initiative with: who must."""
    return t(lang, "lead_others", actors=actors_text(lead, vocabulary, lang))


def then_text(
    because: ThenBecause,
    lead: Sequence[str],
    level: int,
    vocabulary: Vocabulary,
    lang: Lang,
) -> str:
    """Why a tool of *Then* is not one to start with."""
    if because == "others_lead":
        return t(lang, "then_others_lead", actors=actors_text(lead, vocabulary, lang))
    return t(lang, f"then_{because}", level=level)


def first_step_label(
    case: WayInFor | None, answers: Answers, vocabulary: Vocabulary, lang: Lang
) -> str:
    """ "To start:", or the case of the sheet the step speaks to: "To start (for you,
    company):", "To start (with little staff time):"."""
    if case is None:
        return t(lang, "first_step")
    key = f"first_step_{case}"
    if case != "actor" and answers.staff_time:
        key += "_yes"
    actor = actor_label(vocabulary, answers.actor, lang).lower()
    return t(lang, key, actor=actor)


def lead_text(lead: tuple[str, ...], answers: Answers, vocabulary: Vocabulary, lang: Lang) -> str:
    """Who takes the initiative: you / your partner, else the kinds of actor named."""
    names = []
    for actor in lead:
        label = actor_label(vocabulary, actor, lang)
        if actor == answers.actor:
            names.append(f"{t(lang, 'lead_you')} ({label.lower()})")
        elif answers.partner is not None and actor == answers.partner.actor:
            names.append(f"{t(lang, 'lead_partner')} ({label.lower()})")
        else:
            names.append(label)
    return t(lang, "lead", actors=", ".join(names))


def gain_title(who: Who, answers: Answers, vocabulary: Vocabulary, lang: Lang) -> str:
    """ "For you (Local authority)", "For your partner (Higher education or research)"."""
    label = t(lang, f"gain_{who}")
    if answers.partner is None:
        return label
    if who == "both":
        return label
    actor = answers.actor if who == "you" else answers.partner.actor
    return t(lang, "gain_of", who=label, actor=actor_label(vocabulary, actor, lang))


def answers_lines(answers: Answers, vocabulary: Vocabulary, lang: Lang) -> list[str]:
    """The answers in one line, and the partner in a second when there is one."""
    goals = goal_labels(vocabulary, answers.goals, lang)
    staff_time = ""
    if answers.staff_time is not None:
        staff_time = " · " + t(lang, "staff_time_yes" if answers.staff_time else "staff_time_no")
    lines = [
        t(
            lang,
            "answers_line",
            actor=actor_label(vocabulary, answers.actor, lang),
            maturity=answers.maturity,
            goals=goals,
            staff_time=staff_time,
        )
    ]
    if answers.partner is not None:
        partner_goals = goal_labels(vocabulary, answers.partner.goals, lang)
        lines.append(
            t(
                lang,
                "partner_line",
                actor=actor_label(vocabulary, answers.partner.actor, lang),
                goals=t(lang, "partner_goals", goals=partner_goals) if partner_goals else "",
            )
        )
    return lines


def rules_text(rule_ids: tuple[str, ...], vocabulary: Vocabulary, lang: Lang) -> str:
    """The sentences of the vocabulary's rules ``rule_ids``."""
    return " ".join(text(rule.text, lang) for rule in vocabulary.rules if rule.id in rule_ids)


# --- a plan's words, shared by every renderer of it (people, Markdown, HTML) -----


def card_reasons(
    item: Recommended | Deferred, answers: Answers, vocabulary: Vocabulary, lang: Lang
) -> list[str]:
    """A card's reasons in words; in a pair, who takes the initiative is said on its own
    line instead."""
    said = ("initiative",) if answers.partner is not None else ()
    held_back = isinstance(item, Deferred)
    return [
        reason_text(reason, answers, vocabulary, lang, held_back)
        for reason in item.reasons
        if reason.code not in said
    ]


def tool_title(item: Recommended | Deferred, lang: Lang) -> str:
    """A tool's title, with "(proposed)" beside a scheme that is only proposed."""
    title = text(item.title, lang)
    if item.status == "proposed":
        return f"{title} ({t(lang, 'proposed_mark')})"
    return title


def lead_line(
    item: Recommended | Deferred, answers: Answers, vocabulary: Vocabulary, lang: Lang
) -> str | None:
    """Who takes the initiative: in a pair, always; alone, when it is not you (and its
    place in *Then* does not say so already)."""
    if answers.partner is not None:
        return lead_text(item.lead, answers, vocabulary, lang)
    if isinstance(item, Recommended) and item.then_because == "others_lead":
        return None
    if not item.you_lead:
        return lead_others_text(item.lead, vocabulary, lang)
    return None


def then_line(item: Recommended, vocabulary: Vocabulary, lang: Lang) -> str | None:
    if item.then_because is None:
        return None
    return then_text(item.then_because, item.lead, item.level, vocabulary, lang)


def later_lines(
    result: Recommendation,
    vocabulary: Vocabulary,
    lang: Lang,
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """Said once for the deferred tools: the rule, and what unlocks them (by id, as
    ``show`` takes it, or by ``names``: the titles, for readers without a terminal)."""
    later = result.later
    if later is None:
        return []
    lines = [rules_text(later.rules, vocabulary, lang)]
    if later.unlocked_by:
        named = [names.get(i, i) if names else i for i in later.unlocked_by]
        separator = t(lang, "goal_separator") if names else ", "
        unlockers = separator.join(named) if names else join(named, lang)
        lines.append(t(lang, "later_unlocked_by", ids=unlockers))
    if later.no_tool:
        levels = join([str(level) for level in later.no_tool], lang)
        lines.append(t(lang, "later_no_tool", levels=levels))
    elif not later.unlocked_by:
        lines.append(t(lang, "later_cut_unlockers", limit=result.limit))
    return lines


def left_out_lines(result: Recommendation, lang: Lang) -> list[str]:
    lines = []
    if result.left_out:
        every = result.limit + max(result.left_out, result.deferred_left_out)
        lines.append(tn(lang, "left_out", result.left_out, limit=result.limit, all=every))
    if result.deferred_left_out:
        lines.append(tn(lang, "deferred_left_out", result.deferred_left_out, limit=result.limit))
    return lines


def start_note(result: Recommendation, lang: Lang) -> str:
    count = len(result.start)
    if not count:
        return t(lang, "start_none")
    return tn(lang, "start", count)


def glance_rows(
    result: Recommendation, lang: Lang, names: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """The plan on one screen: where to start, then, later (ids, as ``show`` takes them,
    or ``names``: the titles, for readers without a terminal)."""
    separator = t(lang, "goal_separator") if names else ", "

    def listed(items: Sequence[Recommended | Deferred]) -> str:
        return separator.join(names.get(i.id, i.id) if names else i.id for i in items)

    rows = []
    if result.start:
        ids = listed(result.start)
        # "pick one or two" only when there is a choice: one tool is the one to start with.
        line = t(lang, "glance_start_line", ids=ids) if len(result.start) > 1 else ids
        rows.append((t(lang, "glance_start"), line))
    if result.then:
        rows.append((t(lang, "glance_then"), listed(result.then)))
    if result.deferred:
        ids = listed(result.deferred)
        rows.append((t(lang, "glance_later"), t(lang, "glance_later_line", ids=ids)))
    return rows


def gain_rows(
    item: Recommended, answers: Answers, vocabulary: Vocabulary, lang: Lang
) -> list[tuple[str, str]]:
    return [
        (gain_title(gain.who, answers, vocabulary, lang), text(gain.text, lang))
        for gain in item.gains
    ]


def coverage_text(result: Recommendation, vocabulary: Vocabulary, lang: Lang) -> str | None:
    if not result.coverage.few:
        return None
    answers = result.answers
    who = actor_label(vocabulary, answers.actor, lang).lower()
    if answers.partner is not None:
        partner = actor_label(vocabulary, answers.partner.actor, lang).lower()
        who = t(lang, "coverage_pair", you=who, partner=partner)
    return t(
        lang,
        "coverage_few",
        concerned=result.coverage.concerned,
        total=result.coverage.total,
        who=who,
    )


def nothing_lines(result: Recommendation, vocabulary: Vocabulary, lang: Lang) -> list[str]:
    """An empty plan: why, and the goals to ask for instead (each with its id, for
    ``--goal``), when the tools that concern you serve any."""
    lines = [t(lang, "no_recommendation")]
    if result.coverage.goals:
        goals = goal_labels(vocabulary, result.coverage.goals, lang, with_ids=True)
        lines.append(t(lang, "no_recommendation_goals", goals=goals))
    return lines


def first_step_text(item: Recommended, lang: Lang) -> str:
    """The step of the sheet that fits the answers; one that announces what follows (it
    ends with a colon: the rest is in the card) says so with an ellipsis."""
    first = text(item.first_step, lang).rstrip()
    return f"{first}\u00a0…" if first.endswith(":") else first


def long_date(day: date, lang: Lang) -> str:
    """``7 décembre 2026`` / ``7 December 2026``: the date a shared plan is drawn up on."""
    month = t(lang, "html_months").split(",")[day.month - 1]
    return f"{day.day}\u00a0{month} {day.year}"


class LadderRow(NamedTuple):
    level: int
    label: str
    reached: bool  # practised already (at or below the maturity)
    notes: list[str]  # you are here; the part of the plan whose tools are used at it


def ladder_rows(result: Recommendation, vocabulary: Vocabulary, lang: Lang) -> list[LadderRow]:
    """The 5 levels, top down: where you are, and at which levels the tools of *Start
    here*, *Then* and *Once you know each other* would be used."""
    maturity = result.answers.maturity
    parts = (
        ("section_start", {item.level for item in result.start}),
        ("section_then", {item.level for item in result.then}),
        ("section_later", {item.level for item in result.deferred}),
    )
    rows = []
    for level in reversed(vocabulary.levels):
        notes = [t(lang, "you_are_here")] if level.id == maturity else []
        notes += [t(lang, key) for key, levels in parts if level.id in levels]
        rows.append(LadderRow(level.id, text(level.label, lang), level.id <= maturity, notes))
    return rows


def plan_titles(result: Recommendation, lang: Lang) -> dict[str, str]:
    """Every tool the plan names, by id: its title (unlockers are named by title)."""
    found: list[Recommended | Deferred] = [*result.recommendations, *result.deferred]
    return {item.id: text(item.title, lang) for item in found}
