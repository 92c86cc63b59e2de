"""The advisor's results as JSON for scripts: typed shapes (their JSON Schema is
``toolbox schema recommendation`` / ``explanation``) built from one result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from toolbox_cli.advisor.results import (
    Answers,
    Deferred,
    Explanation,
    Reason,
    Recommendation,
    Recommended,
)
from toolbox_cli.i18n import Lang, TextLang, t
from toolbox_cli.render.words import (
    actor_label,
    goal_labels,
    reason_text,
    rules_text,
    text,
    then_text,
)

if TYPE_CHECKING:
    from toolbox_cli.catalogue.models import Vocabulary
    from toolbox_cli.render.contracts import (
        AnswersJson,
        DeferredJson,
        ExplanationJson,
        LaterJson,
        ReasonJson,
        RecommendationJson,
        RecommendedJson,
    )


def answers_json(answers: Answers) -> AnswersJson:
    out: AnswersJson = {
        "actor": answers.actor,
        "maturity": answers.maturity,
        "goals": list(answers.goals),
    }
    if answers.staff_time is not None:
        out["staff_time"] = answers.staff_time
    if answers.partner is not None:
        out["partner"] = {"actor": answers.partner.actor, "goals": list(answers.partner.goals)}
    return out


def _reasons(
    reasons: tuple[Reason, ...],
    answers: Answers,
    vocabulary: Vocabulary,
    lang: TextLang,
    held_back: bool = False,
) -> list[ReasonJson]:
    out: list[ReasonJson] = []
    for reason in reasons:
        item: ReasonJson = {
            "code": reason.code,
            "points": reason.points,
            "text": reason_text(reason, answers, vocabulary, lang, held_back),
        }
        if reason.goal is not None:
            item["goal"] = reason.goal
        if reason.level is not None:
            item["level"] = reason.level
        if reason.who is not None:
            item["who"] = reason.who
        out.append(item)
    return out


def _recommended(
    item: Recommended, answers: Answers, vocabulary: Vocabulary, lang: TextLang
) -> RecommendedJson:
    out: RecommendedJson = {
        "id": item.id,
        "title": text(item.title, lang),
        "status": item.status,
        "families": list(item.families),
        "levels": list(item.levels),
        "score": item.score,
        "rank": item.rank,
        "section": item.section,
        "level": item.level,
        "lead": list(item.lead),
        "you_lead": item.you_lead,
        "reasons": _reasons(item.reasons, answers, vocabulary, lang),
        "gains": [
            {"side": gain.side, "who": gain.who, "text": text(gain.text, lang)}
            for gain in item.gains
        ],
        "first_step": text(item.first_step, lang),
        "first_step_for": item.first_step_for,
        "then_because": item.then_because,
        "then_text": None,
    }
    if item.then_because is not None:
        out["then_text"] = then_text(item.then_because, item.lead, item.level, vocabulary, lang)
    return out


def _deferred(
    item: Deferred, answers: Answers, vocabulary: Vocabulary, lang: TextLang
) -> DeferredJson:
    return {
        "id": item.id,
        "title": text(item.title, lang),
        "status": item.status,
        "levels": list(item.levels),
        "score": item.score,
        "rank": item.rank,
        "level": item.level,
        "requires": list(item.requires),
        "rules": list(item.rules),
        "unlocked_by": list(item.unlocked_by),
        "lead": list(item.lead),
        "you_lead": item.you_lead,
        "reason": rules_text(item.rules, vocabulary, lang),
        "reasons": _reasons(item.reasons, answers, vocabulary, lang, held_back=True),
    }


def recommendation_json(
    result: Recommendation, vocabulary: Vocabulary, lang: TextLang
) -> RecommendationJson:
    """``toolbox recommend --json``."""
    answers = result.answers
    later: LaterJson | None = None
    if result.later is not None:
        later = {
            "rules": list(result.later.rules),
            "text": rules_text(result.later.rules, vocabulary, lang),
            "requires": list(result.later.requires),
            "unlocked_by": list(result.later.unlocked_by),
            "no_tool": list(result.later.no_tool),
        }
    return {
        "schema_version": 3,
        "lang": lang,
        "answers": answers_json(answers),
        "coverage": {
            "concerned": result.coverage.concerned,
            "total": result.coverage.total,
            "few": result.coverage.few,
            "goals": list(result.coverage.goals),
        },
        "limit": result.limit,
        "start_with": result.start_with,
        "start": [_recommended(item, answers, vocabulary, lang) for item in result.start],
        "then": [_recommended(item, answers, vocabulary, lang) for item in result.then],
        "deferred": [_deferred(item, answers, vocabulary, lang) for item in result.deferred],
        "later": later,
        "left_out": result.left_out,
        "deferred_left_out": result.deferred_left_out,
    }


def verdict(explanation: Explanation, vocabulary: Vocabulary, lang: Lang) -> str:
    """One sentence: recommended (where), deferred or left out, and the reason."""
    item = explanation
    if item.left_out == "not_concerned":
        missing = [actor for actor, yes in item.concerned.items() if not yes]
        who = " / ".join(actor_label(vocabulary, actor, lang).lower() for actor in missing)
        concerns = ", ".join(actor_label(vocabulary, a, lang).lower() for a in item.concerns)
        return t(lang, "explain_not_concerned", who=who, concerns=concerns)
    if item.left_out == "no_goal":
        goals = goal_labels(vocabulary, item.goals, lang).lower()
        return t(lang, "explain_no_goal", goals=goals)
    if item.left_out == "over_limit":
        key = "explain_over_limit" if item.section is not None else "explain_over_limit_deferred"
        return t(lang, key, limit=item.limit, rank=item.rank)
    if item.status == "deferred":
        requires = ", ".join(str(level) for level in item.requires)
        return t(lang, "explain_deferred", requires=requires)
    if item.section == "then" and item.then_because is not None:
        lead = item.actors  # who must lead, alone; in a pair "others" are neither of you
        because = then_text(item.then_because, lead, item.level or 0, vocabulary, lang)
        return t(
            lang, "explain_recommended_then", rank=item.rank, level=item.level, because=because
        )
    return t(lang, "explain_recommended_start", rank=item.rank, level=item.level)


def explanation_json(
    explanation: Explanation, vocabulary: Vocabulary, lang: TextLang
) -> ExplanationJson:
    """``toolbox recommend --explain CARD --json``."""
    item = explanation
    return {
        "schema_version": 2,
        "lang": lang,
        "answers": answers_json(item.answers),
        "id": item.id,
        "title": text(item.title, lang),
        "card_status": item.card_status,
        "status": item.status,
        "left_out": item.left_out,
        "verdict": verdict(item, vocabulary, lang),
        "level": item.level,
        "section": item.section,
        "rank": item.rank,
        "limit": item.limit,
        "then_because": item.then_because,
        "score": item.score,
        "levels": list(item.levels),
        "concerns": list(item.concerns),
        "concerned": dict(item.concerned),
        "actors": list(item.actors),
        "goals": list(item.goals),
        "reasons": _reasons(item.reasons, item.answers, vocabulary, lang),
        "requires": list(item.requires),
        "rules": list(item.rules),
        "unlocked_by": list(item.unlocked_by),
    }


def schema(kind: Literal["recommendation", "explanation"]) -> dict[str, Any]:
    """The JSON Schema of ``recommend --json`` or ``recommend --explain --json``."""
    from pydantic import TypeAdapter  # only here: the --json paths load no Pydantic

    from toolbox_cli.render import contracts as shapes

    shape = shapes.RecommendationJson if kind == "recommendation" else shapes.ExplanationJson
    return TypeAdapter(shape).json_schema()
