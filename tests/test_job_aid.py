"""{job-aid}: on the site where it is written and named in the module header; in
learner print the first page of the module's chapter (so of its handout); in the
trainer edition where it is written; one per module page, nowhere else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import ROOTS
from .sphinxutil import build, warning_lines

ROOT = ROOTS / "test-figures"
PAGE = "modules/a-01/index"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("aid") / "course"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("_build"))
    return target


def test_the_site_shows_the_aid_and_the_header_links_to_it(course: Path, tmp_path: Path) -> None:
    result = build(course, tmp_path, "html", "learner")
    assert warning_lines(result) == []
    soup = result.html(PAGE)
    aid = soup.select_one("aside.course-job-aid")
    assert aid["id"] == "job-aid" and aid["aria-labelledby"] == "job-aid-title"
    assert aid.select_one(".course-job-aid-title").get_text(" ", strip=True) == (
        "At your desk Add up in one minute"
    )
    assert "aidlisttoken" in aid.get_text() and aid.select_one("table") is not None
    # the header names it, linked, so it is found from the top of the page
    link = soup.select_one("section.course-module-header a[href='#job-aid']")
    assert link is not None and link.get_text() == "Add up in one minute"


def _tex(result) -> str:
    """The book's LaTeX (each module is also a document of its own)."""
    books = [p.read_text() for p in result.outdir.glob("*.tex")]
    [book] = [t for t in books if "\\chapter{First module}" in t]
    return book


def test_learner_print_opens_the_chapter_with_the_aid(course: Path, tmp_path: Path) -> None:
    result = build(course, tmp_path, "latex", "learner")
    assert warning_lines(result) == []
    tex = _tex(result)
    chapter = tex[tex.index("First module") :]
    aid = chapter.index("\\begin{coursejobaid}{Add up in one minute}{a-01}{1}")
    # before the module overview and the first section: page 1 of the handout
    assert aid < chapter.index("\\begin{coursemodule}") < chapter.index("Learning")
    assert chapter.count("\\begin{coursejobaid}") == 1
    assert "aidlisttoken" in chapter[aid : chapter.index("\\end{coursejobaid}")]


def test_the_trainer_edition_keeps_the_aid_where_it_is_written(
    course: Path, tmp_path: Path
) -> None:
    tex = _tex(build(course, tmp_path, "latex", "trainer"))
    chapter = tex[tex.index("First module") :]
    aid = chapter.index("\\begin{coursejobaid}{Add up in one minute}{a-01}{0}")
    assert chapter.index("\\begin{coursemodule}") < aid
    assert chapter.index("Add up the parts") < aid  # after the exercise, as written


def test_one_aid_per_module_page_and_none_elsewhere(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns("_build"))
    page = course / PAGE.replace("index", "index.md")
    page.write_text(page.read_text() + "\n:::{job-aid} Another\nMore.\n:::\n")
    (course / "index.md").write_text(
        (course / "index.md").read_text() + "\n:::{job-aid} Home\nHome aid.\n:::\n"
    )
    lines = warning_lines(build(course, tmp_path / "out", "html", "learner"))
    assert len(lines) == 2, lines
    assert any(re.search(r"a-01/index.md:\d+: .*this second one is left out", w) for w in lines)
    assert any("index.md" in w and "belongs in a module's index.md" in w for w in lines)
