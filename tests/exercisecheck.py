"""What the exercise tests repeat: an exercise's case and files, and the findings the
checker gives a learner's text, as `curriculum check` reads it (the artefact's own
file name, the safe loader, the validator)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.findings import Finding
from curriculum.validation.registry import check_file, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"


def case_of(exercise_id: str) -> Any:
    """The data of the exercise's ``case.yaml``."""
    return load_yaml(text_of(exercise_id, "case.yaml")).data


def text_of(exercise_id: str, name: str) -> str:
    """A file of the exercise's folder (its brief, template, solution...)."""
    return (EXERCISES / exercise_id / name).read_text(encoding="utf-8")


def findings_in(exercise_id: str, tmp_path: Path, text: str) -> list[Finding]:
    """The findings for ``text``, saved under the artefact's own name, as a learner
    would check it; the text must be readable (no ``file.*`` finding)."""
    exercise, problems = read_exercise(EXERCISES / exercise_id)
    assert exercise is not None and problems == [], problems
    target = tmp_path / exercise.meta.artefact
    target.write_text(text, encoding="utf-8")
    found, readable = check_file(exercise, target)
    assert readable
    return found
