"""programme.yaml's reference and the course's own rules, generated from the models
and from the course being built (tests/roots/test-reference sets distinctive rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
from pydantic import BaseModel, Field

from curriculum.core.model import Programme
from curriculum.core.settings import CourseSettings, TeachingPolicy
from curriculum.ext.coursepolicy import course_rules, find_rule, format_value
from curriculum.ext.reference import plain_type, reachable_models

from .conftest import ROOTS
from .sphinxutil import Built, build, warning_lines

ROOT = ROOTS / "test-reference"


# --- the models ------------------------------------------------------------------


def test_every_field_reachable_from_programme_has_a_description() -> None:
    missing = [
        f"{place.where or '(top)'}.{name}"
        for place in reachable_models(Programme)
        for name, info in place.model.model_fields.items()
        if not (info.description or "").strip()
    ]
    assert missing == []


def test_the_walk_reaches_every_block_of_the_file() -> None:
    places = {place.where: place.model.__name__ for place in reachable_models(Programme)}
    assert places == {
        "": "Programme",
        "tracks[]": "Track",
        "audiences[]": "Audience",
        "values[]": "Value",
        "paths[]": "LearningPath",
        "frameworks[]": "Framework",
        "course": "CourseSettings",
        "course.policy": "TeachingPolicy",
    }


class _Leaf(BaseModel):
    name: str = Field(description="a name")


class _Branch(BaseModel):
    by_key: dict[str, _Leaf] = Field(default_factory=dict)
    maybe: _Leaf | None = None
    many: Annotated[list[_Leaf], Field(min_length=2)]
    count: Annotated[int, Field(ge=1, le=5000)] = 1


def test_a_nested_model_is_found_through_lists_mappings_and_optionals() -> None:
    places = [(place.where, place.model) for place in reachable_models(_Branch, "root")]
    # each model once, at the first place it is met
    assert places == [("root", _Branch), ("root.by_key.<key>", _Leaf)]
    where = {model: at for at, model in places}
    fields = _Branch.model_fields
    assert plain_type(fields["many"].annotation, where, fields["many"].metadata) == (
        "list of entries (see root.by_key.<key>), at least 2 entries"
    )
    assert plain_type(fields["count"].annotation, where, fields["count"].metadata) == (
        "whole number, from 1 to 5,000"
    )
    assert plain_type(fields["maybe"].annotation, where) == "mapping (see root.by_key.<key>)"


def test_rules_are_read_from_the_settings_and_formatted_for_prose() -> None:
    course = CourseSettings(policy=TeachingPolicy(min_words=12000, exercise_required=True))
    assert {r.name for r in course_rules(course)} >= set(TeachingPolicy.model_fields)
    for name in ("min_words", "policy.min_words", "course.policy.min_words"):
        rule = find_rule(course, name)
        assert rule is not None and format_value(rule.value) == "12,000"
    assert format_value(True) == "yes" and format_value(False) == "no"
    assert format_value("warning") == "warning"
    assert find_rule(course, "max_words") is None


# --- a course built with them ----------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(ROOT, tmp_path_factory.mktemp("reference"))


def _rows(built: Built, page: str) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for row in built.html(page).select("article table tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
        rows.setdefault(cells[0], cells[1:])
    return rows


def test_the_root_builds_without_warnings(built: Built) -> None:
    assert warning_lines(built) == []


def test_the_reference_lists_every_field_of_every_block(built: Built) -> None:
    page = built.html("reference")
    headings = [h.get_text(strip=True) for h in page.select("article .rubric")]
    assert headings == [place.where or "The top level" for place in reachable_models(Programme)]
    tables = page.select("article table")
    for place, table in zip(reachable_models(Programme), tables, strict=True):
        names = [tr.select_one("td").get_text(strip=True) for tr in table.select("tbody tr")]
        assert names == list(place.model.model_fields), place.where
    rows = _rows(built, "reference")
    # the defaults, not this course's values: the reference describes any course
    assert rows["min_words"][0] == "0"
    assert rows["min_words"][1] == "whole number, from 0 to 100,000"
    assert rows["min_words"][2].startswith("the fewest words a module page must teach")
    assert rows["tracks"][:2] == ["required", "list of entries (see tracks[]), at least one entry"]
    assert rows["timing_plan"][1] == "one of: error, warning, off"


def test_course_policy_shows_this_courses_values(built: Built) -> None:
    rows = _rows(built, "policy")
    assert rows["course.policy.min_words"][0] == "4,321"
    assert rows["course.policy.quiz_questions"][0] == "7"
    assert rows["course.policy.exercise_required"][0] == "yes"
    assert rows["course.policy.schema_fail_case"][0] == "no"
    assert rows["course.policy.timing_plan"][0] == "warning"
    assert rows["course.value_id_pattern"][0] == "^K[0-9]+$"
    # a default the root does not set
    assert rows["course.policy.fail_cases"][0] == "1"
    meaning = TeachingPolicy.model_fields["min_words"].description or ""
    assert rows["course.policy.min_words"][1] == meaning


def test_the_role_quotes_one_value_inline(built: Built) -> None:
    text = " ".join(built.html("policy").select_one("article > section > p").get_text().split())
    assert text == (
        "A module page teaches at least 4,321 words and has a quiz of 7 questions. "
        "Exercise required: yes; schema case: no; timing plans: warning; value ids: ^K[0-9]+$."
    )


def test_an_unknown_rule_is_a_located_warning(course_copy, tmp_path: Path) -> None:
    src = course_copy("reference")
    page = src / "policy.md"
    page.write_text(page.read_text() + "\nAt most {course-policy}`max_words` words.\n")
    lines = warning_lines(build(src, tmp_path / "build"))
    assert len(lines) == 1, lines
    (line,) = lines
    assert line.startswith(f"{page}:12: WARNING: {{course-policy}} names no rule 'max_words'")
    assert "min_words" in line  # the known names
    assert line.endswith("[course.reference]")


def test_the_course_guide_quotes_the_policy_it_builds_with() -> None:
    """The contributor guide's pages use the role, not numbers typed by hand."""
    guide = ROOTS.parent.parent / "modules" / "contributing"
    text = (guide / "add-a-module.md").read_text(encoding="utf-8")
    assert "```{course-policy}" in text
    for name in ("objectives_min", "objectives_max", "min_words", "quiz_questions"):
        assert f"{{course-policy}}`{name}`" in text
    exercises = (guide / "exercises.md").read_text(encoding="utf-8")
    assert "{course-policy}`pass_cases`" in exercises
    assert "{course-policy}`fail_cases`" in exercises
