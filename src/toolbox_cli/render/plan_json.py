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
from toolbox_cli.i18n import Lang, t, tn
from toolbox_cli.render.words import actor_label, goal_labels, join, level_label, reason_text, text

if TYPE_CHECKING:
    from toolbox_cli.catalogue.models import Vocabulary
    from toolbox_cli.render.contracts import (
        AnswersJson,
        DeferredJson,
        ExplanationJson,
        ReasonJson,
        RecommendationJson,
        RecommendedJson,
        StepJson,
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
    reasons: tuple[Reason, ...], answers: Answers, vocabulary: Vocabulary, lang: Lang
) -> list[ReasonJson]:
    out: list[ReasonJson] = []
    for reason in reasons:
        item: ReasonJson = {
            "code": reason.code,
            "points": reason.points,
            "text": reason_text(reason, answers, vocabulary, lang),
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
    item: Recommended, answers: Answers, vocabulary: Vocabulary, lang: Lang
) -> RecommendedJson:
    return {
        "id": item.id,
        "title": text(item.title, lang),
        "families": list(item.families),
        "levels": list(item.levels),
        "score": item.score,
        "step": item.step,
        "level": item.level,
        "lead": list(item.lead),
        "reasons": _reasons(item.reasons, answers, vocabulary, lang),
        "gains": [
            {"side": gain.side, "who": gain.who, "text": text(gain.text, lang)}
            for gain in item.gains
        ],
        "first_step": text(item.first_step, lang),
    }


def rules_text(rule_ids: tuple[str, ...], vocabulary: Vocabulary, lang: Lang) -> str:
    """The sentences of the vocabulary's rules ``rule_ids``."""
    return " ".join(text(rule.text, lang) for rule in vocabulary.rules if rule.id in rule_ids)


def _deferred(item: Deferred, answers: Answers, vocabulary: Vocabulary, lang: Lang) -> DeferredJson:
    return {
        "id": item.id,
        "title": text(item.title, lang),
        "levels": list(item.levels),
        "score": item.score,
        "step": item.step,
        "level": item.level,
        "requires": list(item.requires),
        "rules": list(item.rules),
        "unlocked_by": list(item.unlocked_by),
        "reason": rules_text(item.rules, vocabulary, lang),
        "reasons": _reasons(item.reasons, answers, vocabulary, lang),
    }


def recommendation_json(
    result: Recommendation, vocabulary: Vocabulary, lang: Lang
) -> RecommendationJson:
    """``toolbox recommend --json``."""
    answers = result.answers
    steps: list[StepJson] = []
    for step in result.steps:
        item: StepJson = {
            "step": step.number,
            "level": step.level,
            "label": level_label(vocabulary, step.level, lang),
        }
        if step.after is not None:
            item["after"] = step.after
        if step.no_tool:
            item["no_tool"] = True
        if step.nearer:
            item["nearer"] = True
        steps.append(item)
    return {
        "schema_version": 2,
        "lang": lang,
        "answers": answers_json(answers),
        "coverage": {
            "concerned": result.coverage.concerned,
            "total": result.coverage.total,
            "few": result.coverage.few,
            "goals": list(result.coverage.goals),
        },
        "start_with": result.start_with,
        "steps": steps,
        "recommendations": [
            _recommended(item, answers, vocabulary, lang) for item in result.recommendations
        ],
        "deferred": [_deferred(item, answers, vocabulary, lang) for item in result.deferred],
        "alternatives": [
            {
                "id": item.id,
                "title": text(item.title, lang),
                "levels": list(item.levels),
                "level": item.level,
                "step": item.step,
                "score": item.score,
            }
            for item in result.alternatives
        ],
    }


def verdict(explanation: Explanation, vocabulary: Vocabulary, lang: Lang) -> str:
    """One sentence: recommended, deferred or left out, and the reason."""
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
        return t(lang, "explain_over_limit", step=item.step)
    reason = _alternative_reason(item, lang)
    if reason is not None:  # offered as an alternative, if the plan lists that many
        return t(lang, "explain_offered" if item.offered else "explain_unlisted", reason=reason)
    if item.status == "deferred":
        requires = ", ".join(str(level) for level in item.requires)
        return t(lang, "explain_deferred", step=item.step, requires=requires)
    return t(lang, "explain_recommended", step=item.step, level=item.level)


def _alternative_reason(item: Explanation, lang: Lang) -> str | None:
    """Why a tool is an alternative rather than in its step, if it is one."""
    ids = ", ".join(item.ahead)
    if item.left_out == "in_house_last":
        key = "explain_in_house_step_1" if item.step == 1 else "explain_in_house_last"
        return t(lang, key, step=item.step, ids=ids)
    if item.left_out == "unlockers_first":
        unlocks = join([str(level) for level in item.unlocks], lang)
        return tn(
            lang,
            "explain_unlockers_first",
            len(item.unlocks),
            step=item.step,
            level=item.level,
            unlocks=unlocks,
            ids=ids,
        )
    if item.left_out == "step_full":
        return t(lang, "explain_step_full", step=item.step, count=len(item.ahead), ids=ids)
    if item.left_out == "practised":
        return t(lang, "explain_practised", level=item.level)
    return None


def explanation_json(
    explanation: Explanation, vocabulary: Vocabulary, lang: Lang
) -> ExplanationJson:
    """``toolbox recommend --explain CARD --json``."""
    item = explanation
    return {
        "schema_version": 1,
        "lang": lang,
        "answers": answers_json(item.answers),
        "id": item.id,
        "title": text(item.title, lang),
        "status": item.status,
        "left_out": item.left_out,
        "verdict": verdict(item, vocabulary, lang),
        "level": item.level,
        "step": item.step,
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
        "ahead": list(item.ahead),
        "unlocks": list(item.unlocks),
        "offered": item.offered,
    }


def schema(kind: Literal["recommendation", "explanation"]) -> dict[str, Any]:
    """The JSON Schema of ``recommend --json`` or ``recommend --explain --json``."""
    from pydantic import TypeAdapter  # only here: the --json paths load no Pydantic

    from toolbox_cli.render import contracts as shapes

    shape = shapes.RecommendationJson if kind == "recommendation" else shapes.ExplanationJson
    return TypeAdapter(shape).json_schema()
