"""Tolerant reading (issue 14): values a marker accepts are accepted, once, for every
exercise; a field that fails gets one finding under the file's own name for it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import Field, StrictBool, StrictFloat, StrictInt, StrictStr

from curriculum.validation.exercise import Artefact, Check, Exercise, show_path
from curriculum.validation.loading import Submission
from curriculum.validation.tolerant import tolerate

Number = StrictInt | StrictFloat


class Step(Artefact):
    id: StrictStr
    kind: Literal["incident", "service_request", "problem"]
    minutes: StrictInt
    share: Annotated[Number, Field(ge=0, le=100)] = 0
    urgent: StrictBool = False


class Plan(Artefact):
    target_percent: Number
    label: StrictStr
    steps: list[Step]


def validate(data: dict) -> list:
    submission = Submission(Path("plan.yaml"), data)
    return Exercise(schema=Plan).validate(submission)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("99.5", 99.5),
        (" 99.5 ", 99.5),
        ("99.5%", 99.5),
        ("99.5 %", 99.5),
        ("99", 99),
        ("12,000", 12000),
        ("-3", -3),
    ],
)
def test_numbers_in_quotes_or_with_a_percent_sign_are_numbers(written, read) -> None:
    data = tolerate(Plan, {"target_percent": written, "label": "x", "steps": []})
    assert data["target_percent"] == read and type(data["target_percent"]) is type(read)


@pytest.mark.parametrize("written", ["ninety", "1,5", "99.5.1", "", "1e3x", "12,00"])
def test_unclear_numbers_are_left_for_the_schema_to_explain(written) -> None:
    assert tolerate(Plan, {"target_percent": written})["target_percent"] == written


def test_text_fields_keep_what_was_written() -> None:
    assert tolerate(Plan, {"label": "99"})["label"] == "99"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Incident", "incident"),
        (" PROBLEM ", "problem"),
        ("Service request", "service_request"),
        ("service-request", "service_request"),
        ("Service_Request", "service_request"),
    ],
)
def test_choices_in_any_case_and_spacing(written, read) -> None:
    step = {"id": "S1", "kind": written, "minutes": "15"}
    data = tolerate(Plan, {"steps": [step]})
    assert data["steps"][0]["kind"] == read and data["steps"][0]["minutes"] == 15


@pytest.mark.parametrize(
    ("written", "read"),
    [("yes", True), ("No", False), ("on", True), ("OFF", False), ("true", True), ("y", True)],
)
def test_yes_and_no_for_a_true_or_false_field(written, read) -> None:
    step = {"id": "S1", "kind": "problem", "minutes": 1, "urgent": written}
    assert tolerate(Plan, {"steps": [step]})["steps"][0]["urgent"] is read


def test_a_whole_number_field_refuses_a_fraction_but_takes_15_point_0() -> None:
    steps = [{"id": "S1", "kind": "problem", "minutes": "2.5"}]
    assert tolerate(Plan, {"steps": steps})["steps"][0]["minutes"] == "2.5"
    assert tolerate(Plan, {"steps": [{"minutes": 15.0}]})["steps"][0]["minutes"] == 15


def test_a_file_in_unusual_form_passes_and_a_wrong_value_gets_one_finding() -> None:
    good = {
        "target_percent": "99.5%",
        "label": "Parcel tracking",
        "steps": [{"id": "S1", "kind": "Incident", "minutes": "30", "urgent": "yes"}],
    }
    assert validate(good) == []
    bad = {**good, "target_percent": "ninety nine"}
    findings = validate(bad)
    assert [(f.code, f.location.field) for f in findings] == [("schema.type", "target_percent")]
    assert "must be a number" in findings[0].message


def test_a_place_in_a_list_is_named_by_the_items_id() -> None:
    data = {"steps": [{"id": "S1"}, {"id": "CHG-3107", "minutes": 3}, {"minutes": 2}]}
    assert show_path(("steps", 1, "minutes"), data) == "CHG-3107.minutes"
    assert show_path(("steps", 1), data) == "CHG-3107"
    assert show_path(("steps", 2, "minutes"), data) == "steps[3].minutes"
    assert show_path(("steps", 1, "minutes")) == "steps[2].minutes"
    findings = validate({"target_percent": 1, "label": "x", "steps": [data["steps"][1]]})
    assert {f.location.field for f in findings} == {"CHG-3107.kind"}


def test_toolkit_helpers() -> None:
    from curriculum.validation.toolkit import (
        duplicates,
        in_order,
        listed,
        names_nobody,
        plural,
        word_count,
    )

    assert word_count("Any test fails") == 3 and word_count(None) == 0
    assert plural(1, "change") == "1 change" and plural(3, "change") == "3 changes"
    assert listed(["a", "b", "c"]) == "a, b and c" and listed(["a"]) == "a"
    assert duplicates(["S1", "S2", "s1", "S2"], key=str.lower) == ["S1", "S2"]
    assert in_order([1, 2, 2, 3]) is None and in_order([1, 2, 2], strict=True) == 2
    assert names_nobody(" TBD. ") and names_nobody("the business", ["The Business"])
    assert not names_nobody("Priya Shah, service owner")


def test_synonyms_declared_in_a_schema_are_read_as_the_choice() -> None:
    from curriculum.validation import Synonyms

    class Result(Artefact):
        direction: Annotated[
            Literal["up", "down"], Synonyms(up=["increase", "higher is better"], down=["lower"])
        ]

    for written, read in [("Increase", "up"), ("higher-is-better", "up"), ("LOWER", "down")]:
        assert tolerate(Result, {"direction": written}) == {"direction": read}
    assert tolerate(Result, {"direction": "sideways"}) == {"direction": "sideways"}


def test_terms_and_unique_ids() -> None:
    from curriculum.validation.toolkit import find_terms, terms

    assert find_terms(
        "Tickets closed; the On-Call rota and tickets  closed", ["tickets closed", "on call"]
    ) == ["Tickets closed", "On-Call"]
    assert not terms(["call"]).search("recall a callback")
    data = {"steps": [{"id": "S1"}, {"id": "S2"}, {"id": "S1"}]}
    check = Check(Submission(Path("x.yaml"), data), "PLAN-IDS")
    assert not check.unique(
        "steps", ["S1", "S2", "S1"], what="the id", hint="give each its own", field="id"
    )
    assert [(f.location.field, f.message) for f in check.findings] == [
        ("S1.id", "the id S1 is used again (first at steps[1])")
    ]


def test_a_choice_written_as_a_sentence_with_a_full_stop() -> None:
    step = {"id": "S1", "kind": "Incident.", "minutes": 1}
    assert tolerate(Plan, {"steps": [step]})["steps"][0]["kind"] == "incident"


def test_rules_written_beside_the_validator_are_included_in_order() -> None:
    from curriculum.validation import Rules

    more: Rules[Plan] = Rules()

    @more.rule("PLAN-LATE", "a rule kept in another module")
    def late(plan: Plan, check: Check) -> None:
        check.fail("label", "late rule ran", "hint")

    exercise = Exercise(schema=Plan)

    @exercise.rule("PLAN-FIRST", "the validator's own rule")
    def first(plan: Plan, check: Check) -> None:
        pass

    exercise.include(more)
    assert [code for code, _ in exercise.checks] == ["PLAN-FIRST", "PLAN-LATE"]
    findings = exercise.validate(
        Submission(Path("p.yaml"), {"target_percent": 1, "label": "x", "steps": []})
    )
    assert [f.code for f in findings] == ["PLAN-LATE"]
