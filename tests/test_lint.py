"""`curriculum lint` and `curriculum new`: a contributor's first module, and every check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from curriculum.cli.main import cli
from curriculum.lint import CHECKS, lint_course

from .conftest import REPO, sphinx_build

MODULE = "modules/a-03/index.md"


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [*args, "--root", str(root)])


@pytest.fixture
def scaffolded(course_copy) -> Path:
    """The test course plus a scaffolded module and exercise, as a newcomer makes them."""
    root = course_copy()
    made = run(
        root,
        "new",
        "module",
        "a-03",
        "--title",
        "Capacity from the user's side",
        "--track",
        "a",
        "--audiences",
        "x,y",
        "--duration",
        "45",
    )
    assert made.exit_code == 0, made.output
    made = run(root, "new", "exercise", "a-03-capacity", "--module", "a-03")
    assert made.exit_code == 0, made.output
    assert "listed the exercise in the metadata" in made.output
    return root


def problems_in(root: Path, *paths: str) -> list[str]:
    return [str(p) for p in lint_course(root, [root / p for p in paths])]


def errors_in(root: Path, *paths: str) -> list[str]:
    found = lint_course(root, [root / p for p in paths])
    return [str(p) for p in found if p.severity == "error"]


def test_the_course_lints_without_errors() -> None:
    errors = [p for p in lint_course(REPO) if p.severity == "error"]
    assert [str(p) for p in errors] == []


def test_a_scaffolded_module_lints_and_builds_clean(scaffolded: Path, tmp_path: Path) -> None:
    found = lint_course(scaffolded, [scaffolded / "modules/a-03", scaffolded / "exercises"])
    # a draft: no error, and every warning says what is left and that it is a draft
    assert [str(p) for p in found if p.severity == "error"] == []
    assert found and all("the module is a draft" in p.message for p in found)
    assert {p.code for p in found} == {"skeleton-text"}
    result = sphinx_build(scaffolded, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "modules" / "a-03" / "index.html").read_text()
    soup = BeautifulSoup(page, "html.parser")
    text = " ".join(soup.get_text().split())
    assert "Capacity from the user" in text and "curriculum check a-03-capacity" in text
    header = soup.select_one("section.course-module-header")
    assert header is not None
    assert header.select_one(".course-badge-draft").get_text() == "Draft"
    assert "this module is still being written" in header.get_text()
    # the catalogue marks it, and counts only complete modules
    catalogue = (tmp_path / "out" / "html" / "catalogue.html").read_text()
    soup = BeautifulSoup(catalogue, "html.parser")
    (row,) = [tr for tr in soup.select("tr") if "a-03" in tr.get_text()]
    assert row.select_one(".course-badge-draft").get_text() == "Draft"
    summary = soup.select_one("p.course-summary").get_text()
    assert "1 more module is still being written: marked Draft, on no learning path" in summary
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "curriculum.cli.main",
            "check",
            "a-03-capacity",
            str(scaffolded / "exercises/a-03-capacity/solution.yaml"),
            "--root",
            str(scaffolded),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout


# each: what a newcomer adds, the line it lands on, the check that must name it
ADDITIONS = [
    ("<script>alert('hi')</script>\n", "script"),
    ("```{raw} html\n<b>bold</b>\n```\n", "raw-directive"),
    ("![](diagram.png)\n", "image-alt"),
    ("See [the guide](http://example.org/guide).\n", "http-link"),
    ("#### Too deep\n", "heading-skip"),
    ("<div class='box'>boxed</div>\n", "raw-html"),
    ('<p onclick="steal()">x</p>\n', "script"),
    ("```{image} chart.png\n```\n", "image-alt"),
    ("# A second title\n", "heading-top"),
]


@pytest.mark.parametrize(
    ("addition", "code"), ADDITIONS, ids=[a[1] + "-" + str(i) for i, a in enumerate(ADDITIONS)]
)
def test_each_unsafe_or_broken_addition_is_reported(
    scaffolded: Path, addition: str, code: str
) -> None:
    page = scaffolded / MODULE
    text = page.read_text()
    anchor = "## Common pitfalls\n"
    line = text[: text.index(anchor)].count("\n") + 1
    page.write_text(text.replace(anchor, addition + "\n" + anchor, 1))
    result = run(scaffolded, "lint", "modules/a-03")
    assert result.exit_code == 1
    assert f"{MODULE}:{line}: {code} " in result.output, result.output


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        ("track: a ", "track: q ", "metadata", "unknown track 'q'"),
        (
            "text: Explain the main idea",
            "text: Understand the main idea",
            "objective-verb",
            "starts with 'understand'",
        ),
        ("  objective: o2\n", "", "objective-unassessed", "objective 'o2' is not assessed"),
        ("- 15 min: Artefact work", "- 20 min: Artefact work", "timing-plan", "adds up to 50"),
        (
            "      feedback: Replace this with why it is wrong, and what",
            "      correct: true\n      feedback: Why",
            "quiz",
            "has 2 correct options",
        ),
    ],
)
def test_module_level_checks(scaffolded: Path, old: str, new: str, code: str, words: str) -> None:
    page = scaffolded / MODULE
    text = page.read_text()
    assert old in text
    page.write_text(text.replace(old, new, 1))
    found = problems_in(scaffolded, "modules/a-03")
    assert any(f": {code} " in p and words in p for p in found), found


def test_an_incomplete_exercise(scaffolded: Path) -> None:
    (scaffolded / "exercises/a-03-capacity/cases/fail/wrong-total.expected").unlink()
    (scaffolded / "exercises/a-03-capacity/validator.py").unlink()
    found = problems_in(scaffolded, "exercises/a-03-capacity")
    assert any("exercise-incomplete the exercise folder lacks validator.py" in p for p in found)


def test_an_unlinked_glossary_term_is_a_warning_only(course_copy) -> None:
    root = course_copy()
    glossary = root / "modules/programme/glossary.md"
    glossary.parent.mkdir(parents=True)
    glossary.write_text("# Glossary\n\n```{glossary}\nError budget\n  What an SLO allows.\n```\n")
    page = root / "modules/a-02/index.md"
    page.write_text(page.read_text() + "\nThe error budget is spent.\n")
    found = [p for p in lint_course(root, [root / "modules/a-02"]) if p.code == "term-unlinked"]
    assert [p.severity for p in found] == ["warning"]
    assert "write {term}`Error budget` at its first use" in str(found[0])


def test_a_term_in_a_heading_a_definition_or_further_reading_needs_no_link(
    course_copy,
) -> None:
    root = course_copy()
    glossary = root / "modules/programme/glossary.md"
    glossary.parent.mkdir(parents=True)
    glossary.write_text("# Glossary\n\n```{glossary}\nError budget\n  What an SLO allows.\n```\n")
    page = root / "modules/a-02/index.md"
    original = page.read_text()
    page.write_text(
        original + "\n## Error budget policy\n\nError budget\n: the allowance.\n\n"
        "## Further reading\n\n- A book on the error budget.\n"
    )
    assert [
        p for p in lint_course(root, [root / "modules/a-02"]) if p.code == "term-unlinked"
    ] == []
    page.write_text(page.read_text().replace(": the allowance.", ": the error budget, spent."))
    found = [p for p in lint_course(root, [root / "modules/a-02"]) if p.code == "term-unlinked"]
    assert len(found) == 1 and found[0].line == original.count("\n") + 5


def test_the_allow_list_accepts_a_reviewed_case(scaffolded: Path) -> None:
    page = scaffolded / MODULE
    page.write_text(page.read_text() + "\n<div class='reviewed'>x</div>\n")
    assert any(": raw-html " in p for p in problems_in(scaffolded, "modules/a-03"))
    (scaffolded / "lint-allow.yaml").write_text(
        f"- path: {MODULE}\n  code: raw-html\n  reason: reviewed in PR 12\n"
    )
    assert errors_in(scaffolded, "modules/a-03") == []
    assert not any(": raw-html " in p for p in problems_in(scaffolded, "modules/a-03"))


def test_github_annotations(scaffolded: Path) -> None:
    page = scaffolded / MODULE
    page.write_text(page.read_text() + "\n[old](http://example.org)\n")
    result = run(scaffolded, "lint", "--format", "github", "modules/a-03")
    assert result.exit_code == 1
    assert f"::error file={MODULE},line=" in result.output
    assert ",title=http-link::link to http://example.org uses http" in result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["new", "module", "a-01", "--title", "T", "--track", "a"], "already exists"),
        (["new", "module", "alpha", "--title", "T", "--track", "a"], "is not a module id"),
        (["new", "module", "a-04", "--title", "T", "--track", "q"], "unknown track 'q'"),
        (["new", "module", "b-04", "--title", "T", "--track", "a"], "starts with 'a-'"),
        (
            ["new", "module", "a-04", "--title", "T", "--track", "a", "--audiences", "boss"],
            "unknown audience boss",
        ),
        (["new", "exercise", "a-09-x", "--module", "a-09"], "module 'a-09' does not exist"),
        (["new", "exercise", "Bad_Id", "--module", "a-01"], "is not an exercise id"),
        (["new", "exercise", "a-01-sum", "--module", "a-01"], "already exists"),
    ],
)
def test_the_scaffold_refuses(course_copy, args: list[str], words: str) -> None:
    root = course_copy()
    result = run(root, *args)
    assert result.exit_code == 2
    assert words in result.output


def test_every_check_is_documented() -> None:
    for code, (severity, description) in CHECKS.items():
        assert severity in ("error", "warning") and len(description) > 20, code
