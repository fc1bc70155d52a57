"""The course's teaching policy (``course.policy`` in programme.yaml) as lint checks.

Each rule names its number and where it is set, so a contributor sees the rule where
the problem is, not in a failing test. The numbers are the course's own: a new course
starts with lenient defaults (:class:`curriculum.core.settings.TeachingPolicy`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from curriculum.core.programme import ModuleRecord, read_text
from curriculum.core.project import Project
from curriculum.core.settings import TeachingPolicy
from curriculum.lint.problems import Problem
from curriculum.lint.readings import blocks, directives
from curriculum.validation.cases import (
    WHERE,
    count_problems,
    declared_codes,
    rule_problems,
    schema_problems,
)
from curriculum.validation.registry import ExerciseFolder, load_validator

WORD = re.compile(r"[\w’'-]+")

#: what a size rule adds to its message for a module still being written
DRAFT_NOTE = "; the module is a draft: this becomes an error once 'draft: true' is removed"


def as_draft(problems: list[Problem]) -> list[Problem]:
    """``problems`` of a draft module (or of its exercise): warnings that say so."""
    return [replace(p, message=p.message + DRAFT_NOTE, level="warning") for p in problems]


def teaching_words(text: str) -> int:
    """Words a page teaches: its own text, admonitions and tables included; not its
    quizzes, exercise briefs, trainer notes and model answers, code or front matter."""
    return sum(
        len(WORD.findall(block.token.content))
        for block in blocks(text, page=True)
        if block.token.type == "inline" and block.kind == "text" and not block.trainer
    )


def module_problems(root: Path, project: Project, record: ModuleRecord) -> list[Problem]:
    """The policy's size rules for one module: errors, or warnings while it is a draft."""
    problems = _module_problems(root, project, record)
    return as_draft(problems) if record.meta.draft else problems


def _module_problems(root: Path, project: Project, record: ModuleRecord) -> list[Problem]:
    policy = project.programme.course.policy if project.programme else TeachingPolicy()
    page = root / record.path
    text, _ = read_text(page, record.path, "page")
    text = text or ""
    problems: list[Problem] = []
    if policy.min_words:
        words = teaching_words(text)
        if words < policy.min_words:
            problems.append(
                Problem(
                    record.path,
                    1,
                    "module-words",
                    f"the module page teaches {words} words; this course asks for at least "
                    f"{policy.min_words} ({WHERE})",
                    "explain more: a worked example from the case organisation, what each "
                    "audience sees, common pitfalls",
                )
            )
    if policy.quiz_questions:
        quizzes = project.quizzes.get(record.id, [])
        if not any(q.questions >= policy.quiz_questions for q in quizzes):
            most = max((q.questions for q in quizzes), default=0)
            problems.append(
                Problem(
                    quizzes[0].path if quizzes else record.path,
                    quizzes[0].line if quizzes else 1,
                    "quiz-size",
                    (
                        f"the module's quiz has {most} question{'s' if most != 1 else ''}"
                        if quizzes
                        else "the module has no quiz"
                    )
                    + f"; this course asks for at least {policy.quiz_questions} ({WHERE})",
                    "add questions to its {quiz}, each with feedback on every option",
                )
            )
    if policy.exercise_required and not record.meta.exercises:
        problems.append(
            Problem(
                record.path,
                1,
                "module-exercise",
                f"the module has no exercise; this course asks for one in each module ({WHERE})",
                f"curriculum new exercise {record.id}-<name> --module {record.id}",
            )
        )
    if policy.trainer_material != "off":
        shown = {d.name for d in directives(text)}
        missing = [name for name in ("trainer-note", "solution") if name not in shown]
        if missing:
            problems.append(
                Problem(
                    record.path,
                    1,
                    "trainer-material",
                    "the module page has no "
                    + " and no ".join(f"{{{name}}}" for name in missing)
                    + f" ({WHERE}: trainer_material)",
                    "add a {trainer-note} (prompts, misconceptions) and a {solution} "
                    "(the model answer)",
                    policy.trainer_material,
                )
            )
    return problems


def case_problems(
    root: Path, exercise: ExerciseFolder, policy: TeachingPolicy, draft: bool = False
) -> list[Problem]:
    """Enough pass and fail cases, a schema case, and every rule failed by some case, as
    the fail cases' ``.expected`` files declare (``curriculum test`` checks that they
    give exactly those codes). Warnings when the exercise's module is a ``draft``."""
    declared = declared_codes(exercise)
    found = count_problems(root, exercise, policy)
    found += schema_problems(root, exercise, policy, declared)
    if policy.every_rule_failed and exercise.cases("fail"):
        try:
            rules = [code for code, _ in load_validator(exercise).checks]
        except Exception:  # the validator's own error is reported by exercise-incomplete
            rules = []
        found += rule_problems(root, exercise, policy, declared, rules)
    problems = [Problem(d.path, d.line or 1, d.code, d.message, d.hint) for d in found]
    return as_draft(problems) if draft else problems
