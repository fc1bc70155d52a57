"""Every exercise folder: metadata, solution, pass and fail cases, rule coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.core.project import load_project
from curriculum.validation.registry import (
    ExerciseFolder,
    all_exercises,
    check_file,
    read_exercise,
)

from .conftest import REPO, ROOTS

FOLDERS = [*all_exercises(REPO), *all_exercises(ROOTS / "test-course")]


def exercise_of(folder: Path) -> ExerciseFolder:
    exercise, problems = read_exercise(folder)
    assert problems == [], [str(p) for p in problems]
    assert exercise is not None
    return exercise


def cases() -> list[tuple[Path, Path, str]]:
    out = []
    for folder in FOLDERS:
        for kind in ("pass", "fail"):
            for case in exercise_of(folder).cases(kind):  # type: ignore[arg-type]
                out.append((folder, case, kind))
    return out


def test_the_course_has_exercises() -> None:
    assert {p.name for p in all_exercises(REPO)} >= {"rel-01-slo"}


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
def test_solution_passes(folder: Path) -> None:
    exercise = exercise_of(folder)
    findings, readable = check_file(exercise, exercise.solution)
    assert readable
    assert findings == []


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_template_is_checked_without_crashing(folder: Path) -> None:
    exercise = exercise_of(folder)
    findings, readable = check_file(exercise, exercise.template)
    assert readable
    assert not [f for f in findings if f.code.startswith("internal-")]


@pytest.mark.parametrize(
    ("folder", "case", "kind"), cases(), ids=lambda v: v.name if isinstance(v, Path) else v
)
def test_case_behaves_as_declared(folder: Path, case: Path, kind: str) -> None:
    exercise = exercise_of(folder)
    findings, _ = check_file(exercise, case)
    codes = sorted({f.code for f in findings})
    if kind == "pass":
        assert codes == []
        return
    expected_file = case.with_suffix(".expected")
    assert expected_file.is_file(), f"{case.name} needs a sidecar {expected_file.name}"
    expected = read_expected(expected_file)
    assert codes == sorted({code for code, _where in expected})
    for code, where in expected:
        if where is None:
            continue
        places = [(f.location.line, f.location.field) for f in findings if f.code == code]
        wanted = int(where) if where.isdigit() else where
        assert any(wanted in place for place in places), (code, where, places)
    for finding in findings:
        assert finding.message and finding.hint, finding


def read_expected(path: Path) -> list[tuple[str, str | None]]:
    """``CODE`` or ``CODE @ PLACE`` lines, PLACE a line number or a field as the checker
    names it (``CHG-3107.band``)."""
    out: list[tuple[str, str | None]] = []
    for line in path.read_text().splitlines():
        code, _, where = line.partition("@")
        if code.strip():
            out.append((code.strip(), where.strip() or None))
    return out


@pytest.mark.parametrize(
    "folder", [f for f in FOLDERS if f.is_relative_to(REPO / "exercises")], ids=lambda p: p.name
)
def test_course_exercise_has_enough_cases_covering_every_rule(folder: Path) -> None:
    """The course's policy (programme.yaml course.policy), checked as lint checks it."""
    from curriculum.lint.policy import case_problems

    exercise = exercise_of(folder)
    policy = load_project(REPO).programme.course.policy
    assert [str(p) for p in case_problems(REPO, exercise, policy)] == []


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
