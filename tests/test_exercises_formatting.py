"""A good artefact stays good however it is written (issue 14).

For every exercise's model answer and pass cases, hypothesis rewrites the file
as other learners would, without changing what it says: numbers in quotes or
with a percent sign, choices in another letter case, keys in another order,
flow style, comments. Every rewrite must still pass.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from curriculum.validation.loading import load_submission
from curriculum.validation.registry import all_exercises, check_file, load_validator, read_exercise

from .conftest import REPO

CASES = [
    (folder, case)
    for folder in all_exercises(REPO)
    for case in [
        folder / f"solution.{read_exercise(folder)[0].meta.format}",  # type: ignore[union-attr]
        *read_exercise(folder)[0].cases("pass"),  # type: ignore[union-attr]
    ]
]


def _plain(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def rewrite(annotation: Any, value: Any, rng: random.Random) -> Any:
    """``value`` written differently where the schema says what it means."""
    annotation = _plain(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(value, dict):
            return value
        fields = annotation.model_fields
        items = [
            (k, rewrite(fields[k].annotation, v, rng) if k in fields else v)
            for k, v in value.items()
        ]
        rng.shuffle(items)
        return dict(items)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [_plain(m) for m in get_args(annotation) if m is not type(None)]
        if str in members:
            return value
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if len(models) == 1 and isinstance(value, dict):
            return rewrite(models[0], value, rng)
        if all(m in (int, float) for m in members):
            return rewrite(members[0], value, rng)
        return value
    if origin is list and isinstance(value, list):
        return [rewrite(get_args(annotation)[0], v, rng) for v in value]
    if origin is dict and isinstance(value, dict) and len(get_args(annotation)) == 2:
        return {k: rewrite(get_args(annotation)[1], v, rng) for k, v in value.items()}
    if (
        annotation in (int, float)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        return rng.choice([value, str(value), f" {value} "])
    if annotation is bool and isinstance(value, bool):
        return rng.choice([value, "yes" if value else "no", "Yes" if value else "No"])
    if origin is Literal and isinstance(value, str):
        return rng.choice([value, value.upper(), value.capitalize(), f" {value} "])
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def write(data: Any, fmt: str, rng: random.Random) -> str:
    if fmt == "json":
        return json.dumps(data, indent=rng.choice([None, 2]), default=_jsonable)
    text = yaml.safe_dump(
        data, default_flow_style=rng.choice([False, None]), sort_keys=False, allow_unicode=True
    )
    lines = ["# my notes on this artefact"]
    for line in text.splitlines():
        if rng.random() < 0.3 and line and not line.startswith((" ", "-")):
            lines.append("# a comment before a key")
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("folder", "case"),
    CASES,
    ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) and v.suffix else v.name,
)
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_rewriting_a_good_artefact_as_another_learner_would_still_passes(
    folder: Path, case: Path, seed: int, tmp_path: Path
) -> None:
    exercise = read_exercise(folder)[0]
    assert exercise is not None
    validator = load_validator(exercise)
    original = load_submission(case, exercise.meta.format).data
    rng = random.Random(seed)
    rewritten = rewrite(validator.schema, original, rng)
    target = tmp_path / f"rewritten-{seed}.{exercise.meta.format}"
    target.write_text(write(rewritten, exercise.meta.format, rng), encoding="utf-8")
    findings, readable = check_file(exercise, target)
    assert readable
    assert [f.text() for f in findings] == [], target.read_text(encoding="utf-8")[:2000]
