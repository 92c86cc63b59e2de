"""The shapes of every ``--json`` output, for the type checker and for ``toolbox schema``.

TypedDicts (``typing_extensions``'s, which Pydantic needs on Python < 3.12 to derive a
schema). Imported at run time only to print a schema: a ``--json`` command builds plain
dicts and never pays for these classes.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import NotRequired, TypedDict

from toolbox_cli.advisor.results import (
    CardStatus,
    LeftOut,
    ReasonCode,
    Section,
    Side,
    Status,
    ThenBecause,
    WayInFor,
    Who,
)
from toolbox_cli.i18n import TextLang as Lang

# --- show, list, levels, validate, search (export.py) -------------------------------


class EntryJson(TypedDict):
    """A card in short: an item of ``list --json``, the start of the other card outputs."""

    id: str
    title: str
    families: list[int]
    levels: list[int]
    actors: list[str]
    concerns: list[str]
    goals: list[str]


ListItemJson = EntryJson


class InterestsJson(TypedDict):
    territory: str
    research: str


class ExampleJson(TypedDict):
    kind: str
    name: str
    description: str | None
    link: str | None
    reference: str | None
    source: str
    source_title: str
    catalogue: NotRequired[str]  # the catalogue it comes from, in a layered catalogue only


class CardSourceJson(TypedDict):
    document: str
    title: str
    section: str


class CardJson(EntryJson):
    """``toolbox show --json``: the whole card, its texts in one language."""

    summary: str
    objective: str
    interests: InterestsJson
    process: list[str]
    level_notes: dict[str, str]
    examples: list[ExampleJson]
    source: CardSourceJson
    lang: Lang


ShowJson = CardJson


class LevelJson(TypedDict):
    id: int
    label: str
    description: str


class RuleJson(TypedDict):
    id: str
    level: int
    requires: list[int]
    text: str


class LevelsJson(TypedDict):
    """``toolbox levels --json``."""

    levels: list[LevelJson]
    rules: list[RuleJson]
    lang: Lang


class IssueJson(TypedDict):
    file: str
    line: int | None
    field: str | None
    code: str
    message: str


class ValidateJson(TypedDict):
    """``toolbox validate --json``."""

    valid: bool
    cards: int
    errors: list[IssueJson]


class SearchResultJson(EntryJson):
    score: float
    snippet: str
    snippet_lang: Lang  # the other language's, when the card matched in it only


class SearchJson(TypedDict):
    """``toolbox search --json``."""

    schema_version: Literal[1]
    query: str
    lang: Lang
    results: list[SearchResultJson]


# --- recommend and --explain (advice_json.py) ----------------------------------------


class PartnerJson(TypedDict):
    actor: str
    goals: list[str]


class AnswersJson(TypedDict):
    actor: str
    maturity: int
    goals: list[str]
    staff_time: NotRequired[bool]
    partner: NotRequired[PartnerJson]


class ReasonJson(TypedDict):
    code: ReasonCode
    points: int
    text: str
    goal: NotRequired[str]
    level: NotRequired[int]
    who: NotRequired[Who]


class GainJson(TypedDict):
    side: Side
    who: Who
    text: str


class CoverageJson(TypedDict):
    concerned: int
    total: int
    few: bool
    goals: list[str]  # the goals the tools that concern you serve: an empty plan's way out


class RecommendedJson(TypedDict):
    """A tool of the plan: ``rank`` is its place in the whole plan (never depends on
    --limit), ``section`` "start" (Start here) or "then"."""

    id: str
    title: str
    status: CardStatus  # "proposed": only proposed, as its sheet says (never opens a plan)
    families: list[int]
    levels: list[int]
    score: int
    rank: int
    section: Section
    level: int
    lead: list[str]  # who takes the initiative: those of the pair who can, else who must
    you_lead: bool
    reasons: list[ReasonJson]
    gains: list[GainJson]
    first_step: str  # the process step that fits the answers, else the sheet's first
    first_step_for: WayInFor | None  # the case of the sheet it speaks to (None: the first)
    then_because: ThenBecause | None  # in "then": why it is not a tool to start with
    then_text: str | None


class DeferredJson(TypedDict):
    id: str
    title: str
    status: CardStatus
    levels: list[int]
    score: int
    rank: int
    level: int
    requires: list[int]
    rules: list[str]
    unlocked_by: list[str]
    lead: list[str]
    you_lead: bool
    reason: str
    reasons: list[ReasonJson]


class LaterJson(TypedDict):
    """*Once you know each other*, said once: the rules that hold tools back, the levels
    they ask first, the recommended tools that give them, the levels no tool gives."""

    rules: list[str]
    text: str
    requires: list[int]
    unlocked_by: list[str]
    no_tool: list[int]


class RecommendationJson(TypedDict):
    schema_version: Literal[3]
    lang: Lang
    answers: AnswersJson
    coverage: CoverageJson
    limit: int
    start_with: int
    start: list[RecommendedJson]  # Start here: at most 3, best first
    then: list[RecommendedJson]  # the next best
    deferred: list[DeferredJson]  # once you know each other, best first
    later: LaterJson | None  # None when nothing is deferred
    left_out: int  # tools of the plan beyond --limit
    deferred_left_out: int  # deferred tools beyond --limit


class ExplanationJson(TypedDict):
    schema_version: Literal[2]
    lang: Lang
    answers: AnswersJson
    id: str
    title: str
    card_status: CardStatus
    status: Status
    left_out: LeftOut | None
    verdict: str
    level: int | None
    section: Section | None
    rank: int | None  # in the plan (or among the deferred tools), before any --limit
    limit: int
    then_because: ThenBecause | None
    score: int
    levels: list[int]
    concerns: list[str]
    concerned: dict[str, bool]
    actors: list[str]
    goals: list[str]
    reasons: list[ReasonJson]
    requires: list[int]
    rules: list[str]
    unlocked_by: list[str]
