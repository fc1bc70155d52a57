"""A tiny validator for the test course."""

from pydantic import Field, StrictInt

from curriculum.validation import Artefact, Check, Exercise


class Sum(Artefact):
    parts: list[StrictInt] = Field(min_length=1, description="the parts")
    total: StrictInt = Field(description="their sum")


exercise = Exercise(schema=Sum)


@exercise.rule("SUM-TOTAL", "total equals the sum of the parts.")
def total(doc: Sum, check: Check) -> None:
    check.close("total", doc.total, sum(doc.parts), how="the sum of the parts")
