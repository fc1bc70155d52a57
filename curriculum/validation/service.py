"""One check, as every front end shows it: the command line and the in-page checker.

``check_report`` is the whole of ``curriculum check``: the findings, the verdict,
which rules passed, failed or are waiting for the file to fit its schema, and the
questions a reviewer will still ask. ``curriculum check --format json`` prints it;
the browser runs this same function in Pyodide (:mod:`curriculum.validation.inpage`),
so what a learner sees in the page is what the command line says. No click, no
Sphinx: it must import in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from curriculum.validation.findings import Finding, printable, sort_findings
from curriculum.validation.registry import ExerciseFolder, check_file, load_validator


def waiting_checks(findings: list[Finding], rules: int) -> int:
    """How many rules did not run because the file does not fit the schema yet."""
    return rules if any(f.code.startswith("schema.") for f in findings) else 0


def rule_list(exercise: ExerciseFolder) -> list[tuple[str, str]]:
    """(code, description) of the exercise's rules; none when the validator is broken
    (that is already an ``internal-error`` finding)."""
    try:
        return load_validator(exercise).checks
    except Exception:
        return []


def as_json(
    exercise: str,
    filename: str,
    findings: list[Finding],
    review: list[str] | None = None,
    waiting: int = 0,
    rules: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    failed = {f.code for f in findings if f.severity == "error"}
    # rules that did not run: the file does not fit the schema, or the validator broke
    stopped = waiting > 0 or any(f.code.startswith("internal-") for f in findings)
    return {
        "exercise": exercise,
        "file": filename,
        "passed": not failed,
        "findings": [f.as_dict() for f in sort_findings(findings)],
        "review": list(review or []),
        "checks_waiting": waiting,
        "checks": [
            {
                "code": code,
                "description": description,
                "status": "waiting" if stopped else "failed" if code in failed else "passed",
            }
            for code, description in rules or []
        ],
    }


def check_report(
    exercise: ExerciseFolder,
    path: Path,
    shown: str | None = None,
    phase: Callable[[str], None] | None = None,
) -> tuple[dict[str, Any], list[Finding], bool]:
    """The report of one check (the CLI's JSON), its findings, and whether the file
    could be read."""
    findings, readable = check_file(exercise, path, phase)
    rules = rule_list(exercise) if readable else []
    review = list(exercise.meta.review) if readable else []
    waiting = waiting_checks(findings, len(rules))
    report = as_json(exercise.id, printable(shown or str(path)), findings, review, waiting, rules)
    return report, findings, readable
