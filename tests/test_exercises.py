"""Every exercise folder: metadata, solution, pass and fail cases, rule coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.core.project import load_project
from curriculum.validation.registry import (
    ExerciseFolder,
    all_exercises,
    check_file,
    load_validator,
    read_exercise,
)
from curriculum.validation.selftest import Case

from .conftest import REPO, ROOTS

FOLDERS = [*all_exercises(REPO), *all_exercises(ROOTS / "test-course")]


def exercise_of(folder: Path) -> ExerciseFolder:
    exercise, problems = read_exercise(folder)
    assert problems == [], [str(p) for p in problems]
    assert exercise is not None
    return exercise


def test_the_course_has_exercises() -> None:
    assert {p.name for p in all_exercises(REPO)} >= {"rel-01-slo"}


def test_each_exercise_has_a_code_prefix_of_its_own() -> None:
    """A finding's code names its exercise: a trainer reading a cohort's report, or a
    learner searching a code, is never sent to another exercise's rule."""
    prefixes: dict[str, list[str]] = {}
    for folder in all_exercises(REPO):
        codes = [code for code, _ in load_validator(exercise_of(folder)).checks]
        own = {code.split("-", 1)[0] for code in codes}
        assert len(own) == 1, (folder.name, sorted(own))
        prefixes.setdefault(own.pop(), []).append(folder.name)
    assert {p: names for p, names in prefixes.items() if len(names) > 1} == {}


@pytest.mark.parametrize("folder", list(all_exercises(REPO)), ids=lambda p: p.name)
def test_every_exercise_says_what_a_reviewer_still_judges(folder: Path) -> None:
    exercise = exercise_of(folder)
    assert 2 <= len(exercise.meta.review) <= 8
    solution = exercise.solution.read_text(encoding="utf-8")
    # a question shown to learners must not carry the model answer's own words
    for question in exercise.meta.review:
        assert "?" in question, question
        long_lines = [line.strip() for line in solution.splitlines() if len(line.strip()) > 40]
        assert not [line for line in long_lines if line in question], question


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_template_is_checked_without_crashing(folder: Path) -> None:
    exercise = exercise_of(folder)
    findings, readable = check_file(exercise, exercise.template)
    assert readable
    assert not [f for f in findings if f.code.startswith("internal-")]


@pytest.mark.curriculum_courses(REPO, ROOTS / "test-course")
def test_exercise_cases(exercise_case: Case) -> None:
    """The model answer, every pass and fail case as declared (``.expected``), every
    rule failed by some case and the case counts of each course's policy, one test
    each (the plugin ``curriculum.cli.pytest_plugin``, as ``curriculum test``)."""
    exercise_case.check()


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_exercise_belongs_to_its_module_and_objectives(folder: Path) -> None:
    exercise = exercise_of(folder)
    root = folder.parent.parent
    project = load_project(root)
    module = next((m for m in project.modules if m.id == exercise.meta.module), None)
    assert module is not None, f"module {exercise.meta.module} does not exist"
    assert exercise.id in module.meta.exercises, "list the exercise in the module's metadata"
    objectives = {o.id for o in module.meta.objectives}
    assert set(exercise.meta.objectives) <= objectives


def test_every_case_file_is_for_a_known_format() -> None:
    for folder in FOLDERS:
        exercise = exercise_of(folder)
        for kind in ("pass", "fail"):
            stray = [
                p.name
                for p in (folder / "cases" / kind).glob("*")
                if p.suffix not in (f".{exercise.meta.format}", ".expected")
            ]
            assert stray == [], f"{folder.name}/cases/{kind}: unexpected files {stray}"
