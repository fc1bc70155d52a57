"""An exercise's test cases and what the course's policy asks of them.

``cases/fail/<name>.<ext>`` has a sidecar ``<name>.expected``: one finding code a
line, or ``CODE @ PLACE`` where PLACE is a line number or a field as the checker
names it (``CHG-3107.band``). Lint reads the codes declared there; ``curriculum
test`` (:mod:`curriculum.validation.selftest`) passes the codes the cases really
give. Both report the same problems, worded once, here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from curriculum.core.diagnostics import Diagnostic, shown_path
from curriculum.core.settings import TeachingPolicy
from curriculum.validation.registry import METADATA_FILE, ExerciseFolder

WHERE = "course.policy in programme.yaml"
EXPECTED_SUFFIX = ".expected"
CODE = "exercise-cases"


def expected_file(case: Path) -> Path:
    return case.with_suffix(EXPECTED_SUFFIX)


def read_expected(path: Path) -> list[tuple[str, str | None]]:
    """``(CODE, PLACE or None)`` for each line of a ``.expected`` file."""
    out: list[tuple[str, str | None]] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        code, _, where = line.partition("@")
        if code.strip():
            out.append((code.strip(), where.strip() or None))
    return out


def declared_codes(exercise: ExerciseFolder) -> set[str]:
    """Every code the exercise's fail cases declare (files without a sidecar add none)."""
    declared: set[str] = set()
    for case in exercise.cases("fail"):
        sidecar = expected_file(case)
        if sidecar.is_file():
            declared.update(code for code, _ in read_expected(sidecar))
    return declared


def _shown(root: Path, exercise: ExerciseFolder) -> str:
    return shown_path(root, exercise.folder / METADATA_FILE)


def count_problems(
    root: Path, exercise: ExerciseFolder, policy: TeachingPolicy
) -> list[Diagnostic]:
    """Enough pass and fail cases."""
    shown = _shown(root, exercise)
    problems: list[Diagnostic] = []
    for kind, wanted in (("pass", policy.pass_cases), ("fail", policy.fail_cases)):
        found = len(exercise.cases(kind))  # type: ignore[arg-type]
        if found < wanted:
            problems.append(
                Diagnostic(
                    shown,
                    1,
                    CODE,
                    f"cases/{kind}/ holds {found} file{'s' if found != 1 else ''}; "
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
    return problems


def schema_problems(
    root: Path, exercise: ExerciseFolder, policy: TeachingPolicy, codes: Iterable[str]
) -> list[Diagnostic]:
    """A fail case that breaks the schema, when the policy asks for one; ``codes`` are
    the fail cases' codes."""
    if not policy.schema_fail_case or not exercise.cases("fail"):
        return []
    if any(code.startswith("schema.") for code in codes):
        return []
    return [
        Diagnostic(
            _shown(root, exercise),
            1,
            CODE,
            f"no fail case breaks the schema (a schema.* finding); this course asks for "
            f"one ({WHERE})",
            "add a fail case with a missing or mistyped field and its schema.* codes",
        )
    ]


def rule_problems(
    root: Path,
    exercise: ExerciseFolder,
    policy: TeachingPolicy,
    codes: Iterable[str],
    rules: list[str],
) -> list[Diagnostic]:
    """Every rule (``rules``: the validator's codes) among the fail cases' ``codes``,
    when the policy asks for it."""
    if not policy.every_rule_failed or not exercise.cases("fail"):
        return []
    seen = set(codes)
    untested = [code for code in rules if code not in seen]
    if not untested:
        return []
    return [
        Diagnostic(
            _shown(root, exercise),
            1,
            CODE,
            f"no fail case triggers the rule{'s' if len(untested) > 1 else ''} "
            f"{', '.join(untested)} ({WHERE}: every_rule_failed)",
            "add a fail case that breaks each of them and list the code in its .expected file",
        )
    ]
