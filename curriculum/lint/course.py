"""Checks across a module: metadata, assessment of every objective, exercises, timing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from curriculum.core.diagnostics import Diagnostic
from curriculum.core.layout import MODULES_DIR
from curriculum.core.paths import draft_ids
from curriculum.core.programme import ModuleRecord, read_text
from curriculum.core.project import Project, load_project
from curriculum.core.settings import TeachingPolicy
from curriculum.core.timing import plan_total
from curriculum.lint.policy import case_problems, module_problems
from curriculum.lint.problems import Problem
from curriculum.lint.readings import directives
from curriculum.lint.skeleton import skeleton_problems
from curriculum.validation.registry import all_exercises, find_exercise, read_exercise


def course_problems(root: Path, project: Project | None = None) -> list[Problem]:
    project = load_project(root) if project is None else project
    policy = project.programme.course.policy if project.programme else TeachingPolicy()
    problems = [_from_diagnostic(d) for d in project.problems]
    drafts = draft_ids(project.modules)
    problems += _exercise_folders(root, policy, drafts)
    problems += skeleton_problems(root, project)
    for record in project.modules:
        if policy.unassessed_objectives != "off":
            problems += _levelled(_unassessed(root, project, record), policy.unassessed_objectives)
        if policy.timing_plan != "off":
            problems += _levelled(_timing(root, record), policy.timing_plan)
        problems += module_problems(root, project, record)
    return problems


def _levelled(problems: list[Problem], level: str) -> list[Problem]:
    return [replace(p, level=level) for p in problems]


def _from_diagnostic(diagnostic: Diagnostic) -> Problem:
    if diagnostic.kind == "unmeasurable-objective":
        code = "objective-verb"
    elif diagnostic.code == "quiz":
        code = "quiz"
    else:
        code = "metadata"
    return Problem(diagnostic.path, diagnostic.line or 1, code, diagnostic.message, diagnostic.hint)


def _exercise_folders(root: Path, policy: TeachingPolicy, drafts: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for folder in all_exercises(root):
        shown = f"exercises/{folder.name}/exercise.yaml"
        exercise, found = read_exercise(folder, shown)
        problems += [
            Problem(d.path, d.line or 1, "exercise-incomplete", d.message, d.hint) for d in found
        ]
        if exercise is None:
            continue
        if not exercise.cases("pass") or not exercise.cases("fail"):
            problems.append(
                Problem(
                    shown,
                    1,
                    "exercise-incomplete",
                    "the exercise needs cases/pass/ and cases/fail/ examples",
                    "add at least one file that passes and one that fails",
                )
            )
        problems += case_problems(root, exercise, policy, exercise.meta.module in drafts)
        for case in exercise.cases("fail"):
            if not case.with_suffix(".expected").is_file():
                problems.append(
                    Problem(
                        case.relative_to(root).as_posix(),
                        1,
                        "exercise-incomplete",
                        "this fail case has no .expected file",
                        f"list its finding codes in {case.stem}.expected, one a line",
                    )
                )
    return problems


def _unassessed(root: Path, project: Project, record: ModuleRecord) -> list[Problem]:
    assessed: set[str] = set()
    for exercise_id in record.meta.exercises:
        folder = find_exercise(root, exercise_id)
        exercise = read_exercise(folder)[0] if folder else None
        if exercise is None:
            continue
        assessed.update(exercise.meta.objectives)
    for quiz in project.quizzes.get(record.id, []):
        assessed.update(quiz.objectives)
    return [
        Problem(
            record.path,
            record.line("objectives", index) or 1,
            "objective-unassessed",
            f"objective '{objective.id}' is not assessed by an exercise or a quiz question",
            f"add '{objective.id}' to the exercise's objectives, or give a quiz question "
            f"'objective: {objective.id}'",
        )
        for index, objective in enumerate(record.meta.objectives)
        if objective.id not in assessed
    ]


def _timing(root: Path, record: ModuleRecord) -> list[Problem]:
    plans = []
    for page in sorted((root / MODULES_DIR / record.folder).rglob("*.md")):
        shown = page.relative_to(root).as_posix()
        text, _ = read_text(page, shown, "timing")
        for directive in directives(text or ""):
            if directive.name == "timing-plan":
                plans.append((shown, directive))
    if not plans:
        return [
            Problem(
                record.path,
                1,
                "timing-plan",
                "the module has no timing plan",
                "add a {timing-plan} whose items ('- 10 min: ...') add up to "
                f"{record.meta.duration} minutes",
            )
        ]
    problems = []
    for shown, directive in plans:
        total, offset, message = plan_total(directive.body.splitlines())
        if total is None:
            problems.append(Problem(shown, directive.body_line + offset, "timing-plan", message))
        elif total != record.meta.duration:
            problems.append(
                Problem(
                    shown,
                    directive.line,
                    "timing-plan",
                    f"the timing plan adds up to {total} minutes but the module lasts "
                    f"{record.meta.duration}",
                    "change the minutes of some activities, or the module's duration",
                )
            )
    return problems
