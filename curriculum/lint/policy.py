"""The course's teaching policy (``course.policy`` in programme.yaml) as lint checks.

Each rule names its number and where it is set, so a contributor sees the rule where
the problem is, not in a failing test. The numbers are the course's own: a new course
starts with lenient defaults (:class:`curriculum.core.settings.TeachingPolicy`).
"""

from __future__ import annotations

import re
from pathlib import Path

from curriculum.core.programme import ModuleRecord, read_text
from curriculum.core.project import Project
from curriculum.core.settings import TeachingPolicy
from curriculum.lint.problems import Problem
from curriculum.lint.readings import blocks, directives
from curriculum.validation.registry import ExerciseFolder, load_validator

WORD = re.compile(r"[\w’'-]+")
WHERE = "course.policy in programme.yaml"


def teaching_words(text: str) -> int:
    """Words a page teaches: its own text, admonitions and tables included; not its
    quizzes, exercise briefs, trainer notes and model answers, code or front matter."""
    return sum(
        len(WORD.findall(block.token.content))
        for block in blocks(text, page=True)
        if block.token.type == "inline" and block.kind == "text" and not block.trainer
    )


def module_problems(root: Path, project: Project, record: ModuleRecord) -> list[Problem]:
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


def case_problems(root: Path, exercise: ExerciseFolder, policy: TeachingPolicy) -> list[Problem]:
    """Enough pass and fail cases, a schema case, and every rule failed by some case."""
    shown = (exercise.folder / "exercise.yaml").relative_to(root).as_posix()
    passes, fails = exercise.cases("pass"), exercise.cases("fail")
    problems: list[Problem] = []
    for kind, found, wanted in (
        ("pass", passes, policy.pass_cases),
        ("fail", fails, policy.fail_cases),
    ):
        if len(found) < wanted:
            problems.append(
                Problem(
                    shown,
                    1,
                    "exercise-cases",
                    f"cases/{kind}/ holds {len(found)} file{'s' if len(found) != 1 else ''}; "
                    f"this course asks for at least {wanted} ({WHERE})",
                    (
                        "add artefacts a learner could write that pass: other services, "
                        "other wordings, keys in another order"
                        if kind == "pass"
                        else "add files that each break one rule, with a .expected file "
                        "naming the findings"
                    ),
                )
            )
    declared: set[str] = set()
    for case in fails:
        expected = case.with_suffix(".expected")
        if expected.is_file():
            for line in expected.read_text(encoding="utf-8").splitlines():
                code = line.partition("@")[0].strip()
                if code:
                    declared.add(code)
    if policy.schema_fail_case and fails and not any(c.startswith("schema.") for c in declared):
        problems.append(
            Problem(
                shown,
                1,
                "exercise-cases",
                f"no fail case breaks the schema (a schema.* finding); this course asks for "
                f"one ({WHERE})",
                "add a fail case with a missing or mistyped field and its schema.* codes",
            )
        )
    if policy.every_rule_failed and fails:
        try:
            rules = [code for code, _ in load_validator(exercise).checks]
        except Exception:  # the validator's own error is reported by exercise-incomplete
            return problems
        untested = [code for code in rules if code not in declared]
        if untested:
            problems.append(
                Problem(
                    shown,
                    1,
                    "exercise-cases",
                    f"no fail case triggers the rule{'s' if len(untested) > 1 else ''} "
                    f"{', '.join(untested)} ({WHERE}: every_rule_failed)",
                    "add a fail case that breaks each of them and list the code in its "
                    ".expected file",
                )
            )
    return problems
