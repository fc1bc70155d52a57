"""Units and their quick checks ({unit-check}), and the two times a module states
(class time and self-study): the pure model, a small course built, and progress in
a real browser ("continue at unit N" after a reload, on the page and the catalogue)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculum.core.project import load_project
from curriculum.core.quizzes import scan_quizzes
from curriculum.core.units import page_units

from .browserutil import serving
from .conftest import ROOTS
from .sphinxutil import Built, build, warning_lines

ROOT = ROOTS / "test-figures"
PAGE = "modules/a-01/index"

CHECK = """::::{{unit-check}} {title}
- id: q1
  question: Which?
  options:
    - text: This one
      correct: true
      feedback: Yes, {words}.
    - text: That one
      feedback: No.
::::
"""


def test_units_run_from_the_top_to_each_check() -> None:
    prose = " ".join(["word"] * 1000)  # five minutes at 200 words a minute
    text = "\n".join(
        [
            "## One",
            prose,
            CHECK.format(title="The first", words="fine"),
            "## Two",
            prose,
            prose,
            CHECK.format(title="The second", words="fine"),
            "## Key points",
            prose,
        ]
    )
    units = page_units(text)
    assert [(u.number, u.title) for u in units] == [(1, "The first"), (2, "The second")]
    assert [u.minutes for u in units] == [5, 10]  # the close after the last check is no unit
    assert units[0].line == 3
    # lint reads the checks as quizzes, numbered like the build's ids
    assert [(q.id, q.unit) for q in scan_quizzes(text)] == [("unit-1", 1), ("unit-2", 2)]


def test_the_project_knows_units_self_study_and_quiz_ids() -> None:
    project = load_project(ROOT)
    record = next(r for r in project.modules if r.id == "a-01")
    assert [u.title for u in record.units] == ["Why it is first", "Practising the sum"]
    assert record.meta.exercise_minutes == 20
    assert record.self_study == record.reading + 20
    ids = [q.id for q in project.quizzes["a-01"]]
    assert ids == ["a-01-u1", "a-01-u2", "a-01-check"]
    # without exercise_minutes, the timing plan's exercise activity stands in
    other = next(r for r in project.modules if r.id == "a-02")
    assert other.meta.exercise_minutes is None and other.self_study == other.reading


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("units") / "course"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("_build"))
    return target


@pytest.fixture(scope="module")
def site(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(course, tmp_path_factory.mktemp("units-site"), "html", "learner")
    assert warning_lines(built) == []
    return built


def test_the_header_lists_the_units_and_both_times(site: Built) -> None:
    header = site.html(PAGE).select_one("section.course-module-header")
    facts = {
        dt.get_text(strip=True).rstrip(":"): dd.get_text(" ", strip=True)
        for dt, dd in zip(header.select("dt"), header.select("dd"), strict=True)
    }
    record = next(r for r in load_project(ROOT).modules if r.id == "a-01")
    assert facts["Class time"] == "30 minutes"
    assert facts["Self-study"] == (
        f"about {record.self_study} minutes ({record.reading} to read, with the quick checks "
        "and quiz; 20 for the exercise)"
    )
    units = header.select("ol.course-units > li")
    assert [li.a["href"] for li in units] == ["#unit-1", "#unit-2"]
    assert units[0].get_text(" ", strip=True).startswith("Why it is first (about 1 minute")
    box = header.select_one("p.course-continue")
    assert box["data-module"] == "a-01" and box["data-units"] == "2" and box.has_attr("hidden")


def test_each_unit_starts_at_a_section_and_ends_with_its_check(site: Built) -> None:
    soup = site.html(PAGE)
    learning, practice = soup.select_one("section#learning"), soup.select_one("section#practice")
    assert learning.find(id="unit-1") is not None and practice.find(id="unit-2") is not None
    checks = soup.select("section.course-unit-check")
    assert [(c["data-quiz"], c["data-unit"], c["data-module"]) for c in checks] == [
        ("a-01-u1", "1", "a-01"),
        ("a-01-u2", "2", "a-01"),
    ]
    assert checks[0].select_one(".course-quiz-title").get_text() == (
        "Quick check, unit 1: Why it is first"
    )
    assert learning.select_one("section.course-unit-check") is checks[0]
    # feedback on every option, as every quiz has
    assert len(checks[0].select(".course-quiz-feedback")) == 2
    # the end-of-module quiz stays
    assert soup.select_one("section.course-quiz[data-quiz='a-01-check']") is not None


def test_the_catalogue_and_paths_give_both_times(site: Built) -> None:
    heads = [th.get_text() for th in site.html("catalogue").select("table.course-catalogue th")]
    assert heads[:3] == ["Module", "In class (min)", "On your own (min)"]
    path = site.html("paths/px")
    assert "On your own (min)" in [th.get_text() for th in path.select("table.course-path th")]
    assert "on your own (reading, quick checks and exercises)" in path.get_text(" ")


def test_print_keeps_the_checks_and_leaves_the_progress_line_out(
    course: Path, tmp_path: Path
) -> None:
    result = build(course, tmp_path, "latex", "learner")
    assert warning_lines(result) == []
    tex = "\n".join(p.read_text() for p in result.outdir.glob("*.tex"))
    assert "\\begin{coursequiz}{Quick check, unit 1: Why it is first}" in tex
    assert "unitquestiontoken" in tex and "unitfeedbacktoken" not in tex  # no answers on paper
    assert "course-continue" not in tex


def test_a_unit_check_outside_a_module_page_is_refused(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns("_build"))
    home = course / "index.md"
    home.write_text(home.read_text() + "\n" + CHECK.format(title="Stray", words="x"))
    [line] = warning_lines(build(course, tmp_path / "out", "html", "learner"))
    assert "index.md" in line and "closes a unit of a module page" in line


# --- in the browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Built) -> Iterator[str]:
    with serving(site.outdir) as address:
        yield address


@pytest.mark.browser
def test_answering_a_check_then_reloading_says_where_to_continue(page, served: str) -> None:
    page.goto(f"{served}/{PAGE}.html")
    box = page.locator("p.course-continue")
    assert box.is_hidden()
    check = page.locator("#quiz-a-01-u1")
    check.get_by_label("It is long").check()  # a wrong answer still finishes the unit
    check.get_by_role("button", name="Check answer").click()
    assert check.get_by_text("No, it is short.").is_visible()
    page.reload()
    assert box.is_visible()
    assert box.inner_text().startswith("Continue at unit 2: Practising the sum")
    assert box.locator("a").get_attribute("href") == "#unit-2"
    # the catalogue says the same, linked to the unit
    page.goto(f"{served}/catalogue.html")
    link = page.locator("tr.course-m-a-01 .course-continue-inline a")
    assert link.inner_text() == "Continue at unit 2: Practising the sum"
    assert link.get_attribute("href") == "modules/a-01/index.html#unit-2"
    link.click()
    page.wait_for_url("**/modules/a-01/index.html#unit-2")
    # the last unit's check: nothing left to continue at
    check = page.locator("#quiz-a-01-u2")
    check.get_by_label("2", exact=True).check()
    check.get_by_role("button", name="Check answer").click()
    page.reload()
    assert box.inner_text().startswith("All 2 units checked in this browser")
    page.goto(f"{served}/catalogue.html")
    assert page.locator("tr.course-m-a-01 .course-continue-inline").count() == 0
    assert page.problems == []


def test_lint_warns_of_a_unit_too_long_to_take_between_tickets() -> None:
    from curriculum.lint.units import unit_problems

    long = " ".join(["word"] * 4000)  # 20 minutes
    text = "---\nid: a-01\ntitle: " + " ".join(["meta"] * 3000) + "\n---\n## One\n" + long
    text += "\n" + CHECK.format(title="Too long", words="x") + "## Two\nshort\n"
    text += CHECK.format(title="Fine", words="x")
    [problem] = unit_problems("modules/a-01/index.md", text)
    assert (problem.code, problem.line) == ("unit-size", 7)
    assert "unit 1 ('Too long') reads in about 20 minutes" in problem.message
