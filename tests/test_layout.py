"""The course layout another organisation relies on: conf.py read without running it,
the pages lint reads (the ones Sphinx reads), the course's own rules in programme.yaml,
and syntax from other tools refused instead of passed through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from curriculum.core.confpy import read_conf
from curriculum.core.fences import foreign_div, unparsed_trainer
from curriculum.core.paths import check_paths
from curriculum.core.project import load_project
from curriculum.core.settings import CourseSettings, TeachingPolicy
from curriculum.core.sources import course_pages
from curriculum.lint import lint_course

from .conftest import sphinx_build

TESTS = Path(__file__).parent
REPO = TESTS.parent
ROOT = TESTS / "roots" / "test-course"


def test_conf_py_literals_are_read_and_computed_values_named(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text(
        'import os\nproject = "X"\nexclude_patterns = ["_build", "drafts/**"]\n'
        "course_programme_file = 'vocab/programme.yaml'\nrelease = os.environ['R']\n"
    )
    conf = read_conf(tmp_path)
    assert conf.get("project") == "X"
    assert conf.strings("exclude_patterns", []) == ["_build", "drafts/**"]
    assert conf.programme_file == "vocab/programme.yaml"
    assert conf.computed == {"release": 5} and "release" not in conf.values
    (tmp_path / "conf.py").write_text("project = (\n")
    assert read_conf(tmp_path).problem.startswith("conf.py:")


@pytest.mark.parametrize("root", [REPO, ROOT], ids=["course", "test-course"])
def test_lint_reads_exactly_the_pages_sphinx_reads(root: Path) -> None:
    from sphinx.project import Project

    conf = read_conf(root)
    ours = {p.relative_to(root).with_suffix("").as_posix() for p in course_pages(root)}
    excluded = [*conf.strings("exclude_patterns", []), "_build", ".*", "**/.*"]
    included = conf.strings("include_patterns", ["**"])
    project = Project(str(root), {".md": "markdown"})
    assert ours == set(project.discover(exclude_paths=excluded, include_paths=included))


def test_a_script_in_a_page_outside_modules_is_found_by_lint(course_copy) -> None:
    root = course_copy()
    (root / "guide").mkdir()
    (root / "guide" / "notes.md").write_text("# Notes\n\n<script>alert(1)</script>\n")
    found = {(p.path, p.code) for p in lint_course(root)}
    assert ("guide/notes.md", "script") in found


def test_foreign_blocks_are_recognised() -> None:
    assert foreign_div("instructor") == (
        "instructor",
        "write the note as :::{trainer-note} (shown only in the trainer edition)",
    )
    assert foreign_div(["course-example", "Solution"])[0] == "Solution"
    assert foreign_div("note") is None
    assert unparsed_trainer("::{trainer-note}\nsecret") == "trainer-note"
    assert unparsed_trainer("::: { solution }") == "solution"
    assert unparsed_trainer("a {solution} in a sentence") is None


def test_course_settings_are_validated_with_their_reasons() -> None:
    with pytest.raises(ValidationError, match="not a regular expression"):
        CourseSettings(module_id_pattern="[")
    with pytest.raises(ValidationError, match="below objectives_min"):
        TeachingPolicy(objectives_min=4, objectives_max=2)
    with pytest.raises(ValidationError):
        CourseSettings(policy={"min_word": 10})  # a misspelt rule is refused, not ignored


def _course_with(tmp_path: Path, course_block: str) -> Path:
    root = tmp_path / "course"
    shutil.copytree(ROOT, root)
    vocabulary = root / "programme.yaml"
    text = vocabulary.read_text()
    text = text[: text.index("\n# this test course keeps")] + "\n" + course_block
    vocabulary.write_text(text)
    return root


def test_a_course_sets_its_own_id_forms_and_objective_counts(tmp_path: Path) -> None:
    root = _course_with(
        tmp_path, "course:\n  value_id_pattern: '^W[0-9]+$'\n  policy:\n    objectives_max: 2\n"
    )
    project = load_project(root)
    messages = [str(p) for p in project.problems]
    assert any("value id 'V1' does not match course.value_id_pattern" in m for m in messages)
    root = _course_with(tmp_path / "b", "course:\n  policy:\n    objectives_max: 2\n")
    messages = [str(p) for p in load_project(root).problems]
    assert any("this course asks for 1 to 2 (course.policy" in m for m in messages), messages


def test_lint_names_the_policy_number_where_a_module_falls_short(tmp_path: Path) -> None:
    root = _course_with(
        tmp_path,
        "course:\n  policy:\n    min_words: 100000\n    quiz_questions: 50\n    pass_cases: 9\n",
    )
    problems = lint_course(root)
    words = [p for p in problems if p.code == "module-words"]
    assert words and "at least 100000 (course.policy in programme.yaml)" in words[0].message
    assert any(p.code == "quiz-size" and "at least 50" in p.message for p in problems)
    assert any(p.code == "exercise-cases" and "at least 9" in p.message for p in problems)


def test_a_path_drifting_from_its_declared_minutes_is_a_located_problem() -> None:
    project = load_project(ROOT)
    path = project.programme.paths[0]
    changed = project.programme.model_copy(
        update={"paths": [path.model_copy(update={"minutes": 1}), *project.programme.paths[1:]]}
    )
    problems = check_paths(changed, project.modules)
    assert any(f"path '{path.id}' is meant to last 1 minutes" in p.message for p in problems)


def test_lint_names_the_vocabulary_file_conf_py_names(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(ROOT, root)
    (root / "vocab").mkdir()
    text = (
        (root / "programme.yaml")
        .read_text()
        .replace("    audience: x\n", "    audience: x\n    minutes: 1\n", 1)
    )
    (root / "vocab" / "course.yaml").write_text(text)
    (root / "programme.yaml").unlink()
    with (root / "conf.py").open("a") as conf:
        conf.write('course_programme_file = "vocab/course.yaml"\n')
    drift = [p for p in lint_course(root) if "is meant to last 1 minutes" in p.message]
    assert [p.path for p in drift] == ["vocab/course.yaml"]


MINIMAL_CONF = (
    'project = "Mini"\nextensions = ["myst_parser", "curriculum"]\n'
    'exclude_patterns = ["_build", "exercises"]\nhtml_theme = "course"\n'
)


def test_a_conf_py_without_colon_fence_still_keeps_trainer_text_out(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "conf.py").write_text(MINIMAL_CONF)  # no colon_fence, no title_to_header
    page = src / "modules" / "a-01" / "index.md"
    page.write_text(page.read_text() + "\n:::{trainer-note} Extra\nZQTRAINERZQ\n:::\n")
    result = sphinx_build(src, tmp_path / "out")
    assert result.returncode == 0, result.stderr  # -W: no warning at all
    html = (tmp_path / "out" / "html" / "modules" / "a-01" / "index.html").read_text()
    assert "ZQTRAINERZQ" not in html and "{trainer-note}" not in html
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert b"ZQTRAINERZQ" not in path.read_bytes(), path


def test_carpentries_divs_and_unparsed_trainer_blocks_are_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    page = src / "modules" / "a-01" / "index.md"
    page.write_text(
        page.read_text() + "\n::: instructor\nZQINSTRUCTORZQ\n:::\n\n::{solution}\nZQANSWERZQ\n::\n"
    )
    warnings = sphinx_build(src, tmp_path / "out").stderr
    assert "index.md:" in warnings  # located
    assert "'::: instructor' is a fenced div of another lesson format" in warnings
    assert "'{solution}' is printed as text" in warnings
    html = (tmp_path / "out" / "html" / "modules" / "a-01" / "index.html").read_text()
    assert "ZQINSTRUCTORZQ" not in html and "ZQANSWERZQ" not in html
    assert "This page was withheld" in html
    problems = {p.code for p in lint_course(src)}
    assert {"fenced-div", "trainer-text"} <= problems


def test_a_page_folder_under_modules_is_not_a_module(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "modules" / "guide").mkdir()
    (src / "modules" / "guide" / "index.md").write_text(
        "---\norphan: true\n---\n# Guide\n\nText.\n"
    )
    result = sphinx_build(src, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "html" / "modules" / "guide" / "index.html").is_file()
