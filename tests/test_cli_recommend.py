"""``toolbox recommend`` from the outside: flags, answers files, formats, errors, pipes."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import Result

from toolbox_cli.advisor.engine import recommend
from toolbox_cli.advisor.results import Answers
from toolbox_cli.catalogue.loader import Catalogue
from toolbox_cli.catalogue.validate import load_vocabulary
from toolbox_cli.render.plan_json import recommendation_json
from toolbox_cli.render.plan_json import schema as advice_schema

Run = Callable[..., Result]

PERSONA = ("--actor", "local_authority", "--maturity", "0", "--goal", "experimentation")


def flat(text: str) -> str:
    """``text`` with its line breaks and runs of spaces made single spaces (Rich wraps)."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    return "".join(text.split())


def recommend_json(run: Run, *args: str) -> dict[str, Any]:
    result = run("recommend", *args, "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- the JSON contract ------------------------------------------------------------


def tools(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's tools in rank order: Start here, then Then."""
    return [*data["start"], *data["then"]]


def test_json_contract(run: Run) -> None:
    data = recommend_json(run, *PERSONA)

    assert set(data) == {
        "schema_version",
        "lang",
        "answers",
        "coverage",
        "limit",
        "start_with",
        "start",
        "then",
        "deferred",
        "later",
        "left_out",
        "deferred_left_out",
    }
    assert data["schema_version"] == 3
    assert data["lang"] == "en"
    assert data["answers"] == {
        "actor": "local_authority",
        "maturity": 0,
        "goals": ["experimentation"],
    }
    every_goal = [goal.id for goal in load_vocabulary().goals]
    assert data["coverage"] == {"concerned": 25, "total": 26, "few": False, "goals": every_goal}
    assert data["start_with"] == 2
    assert data["limit"] == 8
    assert data["start"]
    assert [item["rank"] for item in tools(data)] == list(range(1, len(tools(data)) + 1))
    for item in tools(data):
        assert set(item) == {
            "id",
            "title",
            "status",
            "families",
            "levels",
            "score",
            "rank",
            "section",
            "level",
            "lead",
            "you_lead",
            "reasons",
            "gains",
            "first_step",
            "first_step_for",
            "then_because",
            "then_text",
        }
        assert item["level"] in item["levels"]  # the level it is used at now
        assert isinstance(item["title"], str)
        assert item["score"] == sum(reason["points"] for reason in item["reasons"])
        for reason in item["reasons"]:
            assert {"code", "points", "text"} <= set(reason)
        assert [gain["who"] for gain in item["gains"]] == ["you", "partner"]
        assert [gain["side"] for gain in item["gains"]] == ["territory", "research"]
        assert (item["then_because"] is None) == (item["section"] == "start")
        assert (item["then_text"] is None) == (item["then_because"] is None)
    assert {item["section"] for item in data["start"]} == {"start"}
    assert data["deferred"]
    for item in data["deferred"]:
        assert item["requires"] == [1]
        assert item["rules"] == ["interconnaissance_before_experimentation"]
        assert item["unlocked_by"]
        assert set(item["unlocked_by"]) <= {tool["id"] for tool in data["start"]}
        assert "without prior mutual knowledge" in item["reason"]
    deferred = {item["id"] for item in data["deferred"]}
    assert {"commande-publique", "experimentation-resultats-recherche"} <= deferred
    assert data["later"]["rules"] == ["interconnaissance_before_experimentation"]
    assert data["later"]["unlocked_by"]
    assert data["later"]["no_tool"] == []


def test_json_flag_and_json_format_agree(run: Run) -> None:
    by_flag = run("recommend", *PERSONA, "--json")
    by_format = run("recommend", *PERSONA, "--format", "json")
    assert by_flag.exit_code == by_format.exit_code == 0
    assert by_flag.stdout == by_format.stdout
    assert by_flag.stderr == ""


def test_json_is_the_engine_result(run: Run, catalogue: Catalogue) -> None:
    data = recommend_json(run, *PERSONA)
    result = recommend(catalogue, Answers("local_authority", 0, ("experimentation",)))
    assert data == json.loads(json.dumps(recommendation_json(result, catalogue.vocabulary, "en")))
    assert "staff_time" not in data["answers"]


def test_french_texts(run: Run) -> None:
    english = recommend_json(run, *PERSONA)
    french = recommend_json(run, *PERSONA, "--lang", "fr")

    assert french["lang"] == "fr"
    assert [i["id"] for i in tools(french)] == [i["id"] for i in tools(english)]
    titles = {item["id"]: item["title"] for item in french["deferred"]}
    assert titles["commande-publique"] == "Commande publique"
    texts = [r["text"] for i in tools(french) for r in i["reasons"]]
    assert any(text.startswith("sert votre objectif") for text in texts)
    assert "interconnaissance préalable" in french["deferred"][0]["reason"]
    assert "interconnaissance préalable" in french["later"]["text"]


def test_french_labels_as_flags(run: Run) -> None:
    by_id = recommend_json(run, *PERSONA)
    by_label = recommend_json(
        run, "--actor", "Collectivité", "--maturity", "0", "--goal", "Expérimenter"
    )
    assert by_label == by_id


# --- answers files ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("answers.yaml", "actor: local_authority\nmaturity: 0\ngoals:\n  - experimentation\n"),
        (
            "answers.json",
            '{"actor": "local_authority", "maturity": 0, "goals": ["experimentation"]}',
        ),
    ],
)
def test_answers_file_replays(run: Run, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert recommend_json(run, "--answers", str(path)) == recommend_json(run, *PERSONA)


def test_flags_override_the_answers_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("actor: research\nmaturity: 3\ngoals: [funding]\n", encoding="utf-8")

    data = recommend_json(run, "--answers", str(path), "--maturity", "0", "--goal", "outreach")
    assert data["answers"] == {"actor": "research", "maturity": 0, "goals": ["outreach"]}
    assert data["start"][0]["id"] == "vulgarisation-recherche"


@pytest.mark.parametrize("name", ["out.yaml", "out.json"])
def test_saved_answers_replay_to_the_same_result(run: Run, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    first = run("recommend", *PERSONA, "--save-answers", str(path), "--json")
    assert first.exit_code == 0, first.stderr
    assert path.is_file()
    loaded = (
        json.loads(path.read_text()) if name.endswith(".json") else yaml.safe_load(path.read_text())
    )
    assert loaded == {"actor": "local_authority", "maturity": 0, "goals": ["experimentation"]}
    assert recommend_json(run, "--answers", str(path)) == json.loads(first.stdout)
    assert sorted(os.listdir(tmp_path)) == sorted([name, "toolbox-cache"])  # no temp file left


def test_save_answers_into_a_missing_directory(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.yaml"

    result = run("recommend", *PERSONA, "--save-answers", str(target))

    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--save-answers: no such directory:" in flat(result.stderr)
    assert not target.parent.exists()
    assert not list(tmp_path.rglob("out.yaml*"))
    assert not list(tmp_path.rglob(".out.yaml*"))


# --- other formats and options --------------------------------------------------


def test_markdown(run: Run) -> None:
    ids = [item["id"] for item in tools(recommend_json(run, *PERSONA))]
    result = run("recommend", *PERSONA, "--format", "markdown")

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# ")
    data = recommend_json(run, *PERSONA)
    for item in tools(data):  # titles, not ids nor commands (a reader without a terminal)
        assert f"#### {item['rank']}. {item['title']}" in result.stdout
    assert not any(f"`{card_id}`" in result.stdout for card_id in ids)
    assert "toolbox show" not in result.stdout
    assert "*Drawn up on 7\u00a0December 2026*" in result.stdout  # SOURCE_DATE_EPOCH (conftest)
    assert "## Your plan at a glance" in result.stdout
    assert "- ● 0 you are here: no partnership yet" in result.stdout  # the ladder
    assert "## Start here" in result.stdout
    assert "## Once you know each other" in result.stdout
    assert "- **Public procurement**" in result.stdout
    assert "\x1b[" not in result.stdout
    assert not [line for line in lines if line != line.rstrip()], "no trailing spaces"


def test_limit(run: Run) -> None:
    data = recommend_json(run, *PERSONA, "--limit", "2")
    default = recommend_json(run, *PERSONA, "--limit", "100")
    assert tools(data) == tools(default)[:2]
    assert data["left_out"] == len(tools(default)) - 2
    assert len(tools(default)) > 2


@pytest.mark.parametrize("limit", ["0", "-1", "101", "two"])
def test_bad_limit(run: Run, limit: str) -> None:
    result = run("recommend", *PERSONA, "--limit", limit)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--limit" in result.stderr


# --- invalid answers: exit 2, a clear message, nothing on stdout ------------------


def answers_file(tmp_path: Path, content: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("--actor", "nobody", "--maturity", "0", "--goal", "outreach"),
            "--actor: unknown actor 'nobody'; expected one of: local_authority, research, "
            "company, intermediary",
        ),
        (
            ("--actor", "research", "--maturity", "9", "--goal", "outreach"),
            "--maturity: expected a whole number from 0 to 5, got 9",
        ),
        (
            ("--actor", "research", "--maturity", "abc", "--goal", "outreach"),
            "--maturity: expected a whole number from 0 to 5, got abc",
        ),
        (
            ("--actor", "research", "--maturity", "-1", "--goal", "outreach"),
            "--maturity: expected a whole number from 0 to 5, got -1",
        ),
        (
            ("--actor", "research", "--maturity", "1", "--goal", "nope"),
            "--goal: unknown goal 'nope'; expected one of: outreach, mutual_knowledge",
        ),
        (("--lang", "de", *PERSONA), "--lang: unknown language 'de'"),
    ],
)
def test_invalid_flags(run: Run, args: tuple[str, ...], expected: str) -> None:
    result = run("recommend", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    message = flat(result.stderr)
    assert message.startswith("Error: ")
    # Whether the bad value is quoted is a detail: the message must name it.
    assert expected in message.replace("'", "") or expected in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("actor: [research\n", ":2: invalid YAML"),
        ("actor: research\ncolour: blue\n", ":2: colour: unknown field"),
        ("actor: research\nactor: company\n", ":2: duplicate key 'actor'"),
        ("goals:\n  - outreach\n  - nope\n", ":3: goals.1: unknown goal 'nope'"),
    ],
)
def test_invalid_answers_file(run: Run, tmp_path: Path, content: str, expected: str) -> None:
    path = answers_file(tmp_path, content)
    result = run("recommend", "--answers", path, "--maturity", "0")
    assert result.exit_code == 2
    assert result.stdout == ""
    # Rich may fold the long temporary path: compare without any whitespace.
    message = squeezed(result.stderr)
    assert message.startswith("Error:")
    assert squeezed(f"answers.yaml{expected}") in message


def test_missing_answers_file(run: Run, tmp_path: Path) -> None:
    result = run("recommend", "--answers", str(tmp_path / "nowhere.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nowhere.yaml:cannotreadthefile" in squeezed(result.stderr)


@pytest.mark.parametrize(
    ("args", "flags"),
    [
        ((), "--actor, --maturity, --goal"),
        (("--actor", "research"), "--maturity, --goal"),
        (("--maturity", "0", "--goal", "outreach"), "--actor"),
        (("--actor", "research", "--maturity", "2"), "--goal"),
    ],
)
def test_no_terminal_missing_answer_names_the_flags(
    run: Run, args: tuple[str, ...], flags: str
) -> None:
    # CliRunner's stdin is not a terminal; what it holds must not be read as answers.
    result = run("recommend", *args, input="1\n0\n1\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    message = flat(result.stderr)
    assert f"pass {flags} (or --answers FILE)" in message


def test_missing_answer_in_the_file_too(run: Run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "actor: research\ngoals: [outreach]\n")
    result = run("recommend", "--answers", path)
    assert result.exit_code == 2
    assert "--maturity" in flat(result.stderr)


# --- schema ------------------------------------------------------------------------


def check_against(schema: dict[str, Any], node: dict[str, Any], value: Any, where: str) -> None:
    """A small JSON Schema check: refs, types, required, extra keys, items, bounds, const."""
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        check_against(schema, schema["$defs"][name], value, where)
        return
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "boolean": bool,
    }
    if "type" in node:
        assert isinstance(value, kinds[node["type"]]), f"{where}: not {node['type']}"
        if node["type"] == "integer":
            assert not isinstance(value, bool), where
    if "const" in node:
        assert value == node["const"], where
    if "enum" in node:
        assert value in node["enum"], where
    if "minimum" in node:
        assert value >= node["minimum"], where
    if "maximum" in node:
        assert value <= node["maximum"], where
    if "minItems" in node:
        assert len(value) >= node["minItems"], where
    if isinstance(value, dict):
        for key in node.get("required", []):
            assert key in value, f"{where}: missing {key}"
        properties = node.get("properties", {})
        if node.get("additionalProperties") is False:
            assert set(value) <= set(properties), f"{where}: extra {set(value) - set(properties)}"
        for key, item in value.items():
            if key in properties:
                check_against(schema, properties[key], item, f"{where}.{key}")
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            check_against(schema, node["items"], item, f"{where}[{index}]")


def test_schema_is_the_json_shape(run: Run) -> None:
    result = run("schema", "recommendation")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == advice_schema("recommendation")
    assert json.loads(run("schema", "explanation").stdout) == advice_schema("explanation")


@pytest.mark.parametrize(
    "args",
    [
        PERSONA,
        ("--actor", "research", "--maturity", "5", "--goal", "outreach", "--lang", "fr"),
        ("--actor", "company", "--maturity", "3", "--goal", "experimentation", "--goal", "skills"),
        ("--actor", "company", "--maturity", "0", "--goal", "skills", "--staff-time", "no"),
        (
            "--actor",
            "local_authority",
            "--maturity",
            "2",
            "--goal",
            "funding",
            "--partner",
            "research",
            "--partner-goal",
            "skills",
        ),
    ],
)
def test_results_follow_the_schema(run: Run, args: tuple[str, ...]) -> None:
    schema = json.loads(run("schema", "recommendation").stdout)
    data = recommend_json(run, *args)
    jsonschema.validate(data, schema)
    assert set(schema["properties"]) == set(data)
    explanation = recommend_json(run, *args, "--explain", "these-cifre")
    jsonschema.validate(explanation, json.loads(run("schema", "explanation").stdout))


@pytest.mark.parametrize(
    ("lang", "verdict"),
    [
        ("en", "Left out by --limit 2: it is number 3 of the plan."),
        ("fr", "Écarté par --limit\u00a02\u202f: il est n°\u00a03 du plan."),
    ],
)
def test_explain_says_what_the_limit_leaves_out(run: Run, lang: str, verdict: str) -> None:
    plan = recommend_json(run, *PERSONA, "--lang", lang)
    third = tools(plan)[2]["id"]
    data = recommend_json(run, *PERSONA, "--limit", "2", "--explain", third, "--lang", lang)
    jsonschema.validate(data, json.loads(run("schema", "explanation").stdout))
    assert (data["status"], data["left_out"], data["rank"]) == ("left_out", "over_limit", 3)
    assert data["verdict"] == verdict
    shown = run("recommend", *PERSONA, "--limit", "2", "--explain", third, "--lang", lang)
    assert flat(verdict) in flat(shown.stdout)


@pytest.mark.parametrize(
    ("lang", "verdict"),
    [
        (
            "en",
            "Recommended: Then, number {rank} of the plan, used at level 4. After, because you "
            "cannot take the initiative: local authority must; ask them.",
        ),
        (
            "fr",
            "Recommandé\u202f: «\u202fEnsuite\u202f», n°\u00a0{rank} du plan, utilisé au "
            "niveau\u00a04. Après, car l'initiative ne peut venir de vous\u202f: collectivité "
            "territoriale, à solliciter.",
        ),
    ],
)
def test_explain_says_why_a_tool_comes_after(run: Run, lang: str, verdict: str) -> None:
    # a lab wanting a legal framework: public procurement is the local authority's to lead
    args = ("--actor", "research", "--maturity", "3", "--goal", "legal_framework")
    data = recommend_json(run, *args, "--explain", "commande-publique", "--lang", lang)
    assert (data["status"], data["section"], data["then_because"]) == (
        "recommended",
        "then",
        "others_lead",
    )
    assert data["verdict"] == verdict.format(rank=data["rank"])


def test_explain_says_a_tool_only_your_staff_can_carry_comes_after(run: Run) -> None:
    args = ("--actor", "local_authority", "--maturity", "1", "--staff-time", "no")
    args += ("--goal", "funding", "--goal", "legal_framework", "--limit", "20")
    data = recommend_json(run, *args, "--explain", "integration-strategies")
    assert (data["section"], data["then_because"]) == ("then", "in_house")
    assert ("in_house", -2) in [(r["code"], r["points"]) for r in data["reasons"]]
    assert data["verdict"].endswith(
        "After, because only your own staff can carry it and staff time is short."
    )
    jsonschema.validate(data, json.loads(run("schema", "explanation").stdout))


def test_the_schema_refuses_what_it_should(run: Run) -> None:
    schema = json.loads(run("schema", "recommendation").stdout)
    data = recommend_json(run, *PERSONA)
    data["start"][0]["reasons"][0]["code"] = "because"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --- human output ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        PERSONA,
        ("--actor", "research", "--maturity", "0", "--goal", "outreach"),
        ("--actor", "company", "--maturity", "3", "--goal", "experimentation"),
        ("--actor", "intermediary", "--maturity", "0", "--goal", "skills", "--lang", "fr"),
    ],
)
def test_text_output_fits_80_columns(run: Run, args: tuple[str, ...]) -> None:
    ids = [item["id"] for item in tools(recommend_json(run, *args))]
    result = run("recommend", *args, "--format", "text")

    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    too_long = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert too_long == []
    assert "\x1b[" not in result.stdout, "NO_COLOR is set"
    start = "Commencez ici" if "fr" in args else "Start here"
    assert start in result.stdout
    for card_id in ids:
        assert f"toolbox show {card_id}" in result.stdout


def test_text_output_shows_the_deferred_cards(run: Run) -> None:
    result = run("recommend", *PERSONA)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Once you know each other" in text
    later = text[text.index("\nOnce you know each other") :]
    assert "commande-publique" in later
    assert "Get to know each other first with" in flat(later)
    assert flat("It is hard to get involved in experiments (intensity level 4)") in flat(later)
    # said once
    assert flat(text).count("It is hard to get involved in experiments") == 1


def test_card_text_is_not_markup(run: Run, cards_copy: Path) -> None:
    path = cards_copy / "vulgarisation-recherche.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"]["en"] = "Science [bold]cafés[/bold] and [link]"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = run(
        "recommend",
        "--cards-dir",
        str(cards_copy),
        "--actor",
        "research",
        "--maturity",
        "0",
        "--goal",
        "outreach",
    )
    assert result.exit_code == 0, result.stderr
    assert "Science [bold]cafés[/bold] and [link]" in result.stdout


# --- as a real process, in a pipe --------------------------------------------------


def test_json_through_a_pipe(run: Run, tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", "recommend", *PERSONA, "--json"],
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    assert completed.stderr == b""
    data = json.loads(completed.stdout.decode("utf-8"))
    assert data["answers"]["actor"] == "local_authority"
    # The same bytes as in-process: nothing depends on stdout being a terminal or not.
    assert completed.stdout.decode("utf-8") == run("recommend", *PERSONA, "--json").stdout


def test_missing_answer_in_a_pipe_does_not_wait(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "toolbox_cli", "recommend", "--actor", "research"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == b""
    assert "--maturity, --goal" in flat(completed.stderr.decode())


@pytest.fixture
def long_cards(cards_copy: Path) -> Path:
    """Cards with very long titles: ``list`` prints far more than a pipe buffer holds."""
    for path in sorted(cards_copy.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        words = " ".join(f"word{number}" for number in range(2500))[:18_900]
        data["title"]["en"] = f"{path.stem} {words}"  # titles stay unique
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return cards_copy


@pytest.mark.parametrize(
    "command",
    [
        "list",
        "list --json",
        "recommend --actor research --maturity 0 --goal skills --goal funding --limit 100",
    ],
)
def test_closed_pipe_ends_quietly(long_cards: Path, tmp_path: Path, command: str) -> None:
    toolbox = f"{shlex.quote(sys.executable)} -m toolbox_cli"
    full = subprocess.run(
        f"{toolbox} --cards-dir {shlex.quote(str(long_cards))} {command}",
        shell=True,
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert full.returncode == 0, full.stderr.decode()
    assert len(full.stdout) > 200_000, "the output must overflow the pipe's buffer"

    piped = subprocess.run(
        f"{toolbox} --cards-dir {shlex.quote(str(long_cards))} {command} | head -n 1",
        shell=True,
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert piped.returncode == 0
    assert piped.stdout == full.stdout.splitlines(keepends=True)[0]
    errors = piped.stderr.decode()
    assert "Traceback" not in errors
    assert "BrokenPipeError" not in errors
    assert "Exception ignored" not in errors
    assert errors == ""


def test_the_limit_option_defaults_to_the_engine_limit() -> None:
    import typer
    from typer.testing import CliRunner

    from toolbox_cli.advisor.engine import DEFAULT_LIMIT
    from toolbox_cli.cli.commands import app

    group = typer.main.get_command(app)
    command = group.get_command(typer.Context(group), "recommend")  # type: ignore[attr-defined]
    (limit,) = [param for param in command.params if param.name == "limit"]
    assert limit.default is None  # not a copy: the engine's own default applies
    runner = CliRunner()
    args = ["recommend", "--actor", "local_authority", "--maturity", "0", "--goal", "skills"]
    default = runner.invoke(app, [*args, "--json"])
    explicit = runner.invoke(app, [*args, "--json", "--limit", str(DEFAULT_LIMIT)])
    assert default.exit_code == 0
    assert default.stdout == explicit.stdout


def test_staff_time_flag_and_file(run: Run, tmp_path: Path) -> None:
    given = recommend_json(run, *PERSONA, "--staff-time", "non")
    assert given["answers"]["staff_time"] is False
    path = tmp_path / "answers.yaml"
    path.write_text(
        "actor: collectivite\nmaturity: 0\ngoals: [experimentation]\nstaff_time: no\n",
        encoding="utf-8",
    )
    assert recommend_json(run, "--answers", str(path)) == given


def test_a_bad_staff_time_is_refused(run: Run) -> None:
    result = run("recommend", *PERSONA, "--staff-time", "maybe")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--staff-time: expected yes or no, got 'maybe'" in flat(result.stderr)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "To start (for you, company): Internships: the student applies for an internship",
        ),
        ("fr", "Pour commencer (pour vous, entreprise)\u202f: Stages\u202f: sollicitation"),
    ],
)
def test_the_first_step_is_the_readers_own(run: Run, lang: str, said: str) -> None:
    # issue 18: a company was told « La recherche de l'entreprise d'accueil incombe à
    # l'étudiant », the sheet's first paragraph, meant for the student
    args = ("--actor", "company", "--maturity", "1", "--goal", "skills", "--lang", lang)
    text = flat(run("recommend", *args).stdout)
    assert flat(said) in text
    data = recommend_json(run, *args)
    (item,) = [i for i in tools(data) if i["id"] == "apprentissage-stages"]
    assert item["first_step_for"] == "actor"


def test_a_small_commune_without_staff_reads_the_shared_post(run: Run) -> None:
    args = ("--actor", "local_authority", "--maturity", "0", "--goal", "experimentation")
    data = recommend_json(run, *args, "--staff-time", "no")
    first = data["start"][0]
    assert first["id"] == "animateurs-partenariats"
    assert first["first_step_for"] == "actor_staff_time"
    assert "shared post" in first["first_step"]
    staffed = recommend_json(run, *args, "--staff-time", "yes")
    (post,) = [i for i in tools(staffed) if i["id"] == "animateurs-partenariats"] or [None]
    assert post is None or post["first_step_for"] is None


def test_a_proposed_scheme_says_so_in_every_output(run: Run) -> None:
    args = ("--actor", "local_authority", "--maturity", "1", "--goal", "skills", "--limit", "20")
    data = recommend_json(run, *args)
    (scheme,) = [i for i in tools(data) if i["id"] == "dispositif-accompagnement-collectivites"]
    assert (scheme["status"], scheme["section"], scheme["then_because"]) == (
        "proposed",
        "then",
        "proposed",
    )
    text = flat(run("recommend", *args).stdout)
    assert "Support scheme for local authorities (proposed)" in text
    assert "After, because it is only proposed: the scheme has yet to be created." in text
    french = flat(run("recommend", *args, "--lang", "fr", "--format", "markdown").stdout)
    assert "Dispositif d'accompagnement des collectivités (proposé)" in french
    why = recommend_json(run, *args, "--explain", "dispositif-accompagnement-collectivites")
    assert why["card_status"] == "proposed"


def test_the_plan_opens_with_a_summary(run: Run) -> None:
    lines = run("recommend", *PERSONA).stdout.splitlines()
    glance = lines.index("Your plan at a glance")
    start = lines.index("Start here")
    assert glance < start < 20
    summary = flat(" ".join(lines[glance:start]))
    assert "(pick one or two)" in summary
    assert "(once you know each other)" in summary
    assert summary.startswith("Your plan at a glance Start here ")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Those that concern you serve these goals: Make research known (outreach);"),
        (
            "fr",
            "Ceux qui vous concernent servent ces objectifs\u202f: Faire connaître la recherche "
            "(outreach)\u202f;",
        ),
    ],
)
def test_an_empty_plan_says_which_goals_to_ask_for(run: Run, lang: str, said: str) -> None:
    # a company with a relay partner, asking for funding: no tool that concerns both serves it
    args = ("--actor", "company", "--maturity", "0", "--goal", "funding")
    args += ("--partner", "intermediary", "--lang", lang)
    data = recommend_json(run, *args)
    assert (tools(data), data["deferred"]) == ([], [])
    assert data["coverage"]["goals"] == [
        "outreach",  # espaces-ressources: a company among the funders of its example
        "mutual_knowledge",
        "skills",
        "experimentation",
        "legal_framework",
        "capitalisation",
    ]
    for goal in data["coverage"]["goals"]:  # each gives a plan
        other = recommend_json(run, *args[:4], "--goal", goal, *args[6:])
        assert tools(other) or other["deferred"]
    text = run("recommend", *args)
    assert flat(said) in flat(text.stdout)
    markdown = run("recommend", *args, "--format", "markdown")
    assert flat(said) in flat(markdown.stdout)


@pytest.mark.parametrize(
    ("lang", "start", "ending"),
    [("en", "To start:", "2021-2027): …"), ("fr", "Pour commencer :", "2021-2027) : …")],
)
def test_a_first_step_that_announces_more_ends_with_an_ellipsis(
    run: Run, lang: str, start: str, ending: str
) -> None:
    # found in a new-user trial: "To start: … CPER 2021-2027):" ended on its colon, the
    # list it announces being in the card only
    args = ("--actor", "local_authority", "--maturity", "0", "--goal", "funding", "--goal")
    args += ("experimentation", "--staff-time", "no", "--lang", lang, "--limit", "30")
    page = run("recommend", *args).stdout.replace("\u00a0", " ").replace("\u202f", " ")
    said = flat(page.split("show financement-sites-universitaires")[0]).rsplit(start, 1)[1]
    read = "Read the card" if lang == "en" else "Lire la fiche"
    assert said.endswith(f"{ending} {read}: toolbox") or said.endswith(f"{ending} {read} : toolbox")
    data = recommend_json(run, *args)
    (item,) = [i for i in tools(data) if i["id"] == "financement-sites-universitaires"]
    assert item["first_step"].endswith(":")  # JSON keeps the sheet's text
