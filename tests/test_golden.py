"""Golden tests of what people read at 80 columns, without colour, in both languages:
``recommend`` for the personas the advice is judged by, ``--help``, ``show``, ``list``
and ``levels``. ``UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` rewrites the files after a deliberate change; read the diff."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

GOLDEN = Path(__file__).parent / "golden"

COMPANY = ("--actor", "company", "--maturity", "0", "--goal", "skills")
SMALL_COMMUNE = (
    "--actor",
    "local_authority",
    "--maturity",
    "0",
    "--goal",
    "experimentation",
    "--staff-time",
    "no",
)
LAB = ("--actor", "research", "--maturity", "0", "--goal", "outreach")
PAIR = (
    "--actor",
    "local_authority",
    "--maturity",
    "0",
    "--goal",
    "experimentation",
    "--partner",
    "research",
    "--partner-goal",
    "skills",
)

# The plans of issue 18's closing note.
MATURE_AUTHORITY = ("--actor", "local_authority", "--maturity", "5", "--goal", "capitalisation")
MATURE_AUTHORITY += ("--staff-time", "yes")
DEPARTMENT_INTERNS = ("--actor", "local_authority", "--maturity", "1", "--goal", "skills")
DEPARTMENT_INTERNS += ("--staff-time", "yes")
LAB_LEGAL = ("--actor", "research", "--maturity", "3", "--goal", "legal_framework")
COMPANY_AND_LAB = ("--actor", "company", "--maturity", "0", "--goal", "experimentation")
COMPANY_AND_LAB += ("--partner", "research", "--partner-goal", "skills")

CASES = (
    {
        f"recommend-{name}-{lang}.{ext}": ("recommend", *args, "--lang", lang, *fmt)
        for name, args in (
            ("company", COMPANY),
            ("small-commune", SMALL_COMMUNE),
            ("lab", LAB),
            ("commune-and-lab", PAIR),
            ("mature-authority", MATURE_AUTHORITY),
            ("department-interns", DEPARTMENT_INTERNS),
            ("lab-legal", LAB_LEGAL),
            ("company-and-lab", COMPANY_AND_LAB),
        )
        for lang in ("fr", "en")
        for ext, fmt in (("txt", ()), ("md", ("--format", "markdown")))
    }
    | {
        f"explain-cifre-company-{lang}.txt": (
            "recommend",
            "--actor",
            "company",
            "--maturity",
            "1",
            "--goal",
            "skills",
            "--explain",
            "these-cifre",
            "--lang",
            lang,
        )
        for lang in ("fr", "en")
    }
    | {
        f"{name}-{lang}{suffix}.txt": (*args, "--lang", lang)
        for name, args in (
            ("help", ("--help",)),
            ("help-recommend", ("recommend", "--help")),
            ("show-these-cifre", ("show", "these-cifre")),
            ("list", ("list",)),
            ("levels", ("levels",)),
        )
        for lang in ("fr", "en")
        for suffix in ("", "-40", "-200")
    }
)

# The width of a page: 80 columns, unless its name ends in -40 or -200; past 100
# columns, prose is no wider (render.READABLE_WIDTH, usage._MAX_WIDTH).
READABLE = 100


def _columns(name: str) -> int:
    stem = name.rsplit(".", 1)[0]
    for columns in (40, 200):
        if stem.endswith(f"-{columns}"):
            return columns
    return 80


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(
    run: Callable[..., Result], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    columns = _columns(name)
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(*CASES[name])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert result.stdout == expected
    lines = result.stdout.splitlines()
    if name.endswith(".txt"):
        fits = min(columns, READABLE)
        # a web address is kept whole, to be copied or clicked (render.Link)
        wide = [line for line in lines if len(line) > fits and "://" not in line]
        assert not wide, f"fits {fits} columns"
        assert all(line == line.rstrip() for line in lines), "no trailing spaces"
    assert "\x1b[" not in result.stdout
