"""The schema of a benefits case: costs, benefits, yearly totals and road map (module lead-04)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact

MAX_YEARS = 21  # year 0 and up to 20 more
QUARTER_FORM = re.compile(r"(\d{4})-Q([1-4])")


def _quarter(value: str) -> str:
    if not QUARTER_FORM.fullmatch(value):
        raise PydanticCustomError(
            "string_pattern_mismatch",
            "wrong form",
            {"hint": "write the year, a hyphen, Q and the quarter, e.g. '2026-Q3'"},
        )
    return value


Text = Annotated[StrictStr, Field(min_length=1, max_length=2000)]
Id = Annotated[StrictStr, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$")]
Money = Annotated[StrictFloat, Field(ge=0, le=1e12)]  # whole numbers are accepted too
Signed = Annotated[StrictFloat, Field(ge=-1e13, le=1e13)]
Quarter = Annotated[StrictStr, AfterValidator(_quarter)]


class Cost(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. C1")]
    item: Annotated[Text, Field(description="what the money is spent on")]
    by_year: Annotated[
        list[Money],
        Field(min_length=1, max_length=MAX_YEARS, description="one amount per year, year 0 first"),
    ]


class Benefit(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. B1")]
    benefit: Annotated[Text, Field(description="what gets better, in the words of who gains")]
    beneficiary: Annotated[
        Literal["organisation", "individuals"], Field(description="organisation or individuals")
    ]
    who: Annotated[Text, Field(description="which people or part of the organisation gain")]
    owner: Annotated[Text, Field(description="the role that answers for realising it")]
    measure: Annotated[Text, Field(description="exactly what is counted or measured")]
    unit: Annotated[Text, Field(description="the unit of baseline and target")]
    baseline: Annotated[Signed, Field(description="the value now")]
    target: Annotated[Signed, Field(description="the value the case promises")]
    cash_by_year: Annotated[
        list[Money] | None,
        Field(
            default=None,
            max_length=MAX_YEARS,
            description="organisation benefits only: cash per year, year 0 first",
        ),
    ]
    valuation: Annotated[
        StrictStr | None,
        Field(default=None, max_length=2000, description="how the cash figures were worked out"),
    ]


class YearTotal(Artefact):
    year: Annotated[StrictInt, Field(ge=0, le=MAX_YEARS - 1, description="0, 1, 2, ...")]
    costs: Annotated[Signed, Field(description="sum of the cost lines for the year")]
    benefits: Annotated[Signed, Field(description="sum of the cash benefits for the year")]
    net: Annotated[Signed, Field(description="benefits - costs")]
    cumulative: Annotated[Signed, Field(description="previous cumulative + net")]


class RoadmapItem(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. R1")]
    item: Annotated[Text, Field(description="what will be done")]
    depends_on: Annotated[
        list[Id],
        Field(default_factory=list, max_length=50, description="ids of items that must end first"),
    ]
    start: Annotated[Quarter, Field(description="the quarter it starts, e.g. 2026-Q1")]
    end: Annotated[Quarter, Field(description="the quarter it ends, e.g. 2026-Q2")]
    enables: Annotated[
        list[Id],
        Field(default_factory=list, max_length=50, description="ids of benefits it makes possible"),
    ]


class BenefitsCase(Artefact):
    title: Annotated[Text, Field(description="the improvement the case is for")]
    sponsor: Annotated[Text, Field(description="the role that asks for the money")]
    currency: Annotated[Text, Field(description="e.g. GBP")]
    costs: Annotated[list[Cost], Field(min_length=1, max_length=50, description="cost lines")]
    benefits: Annotated[
        list[Benefit], Field(min_length=1, max_length=50, description="benefits, cash or not")
    ]
    totals: Annotated[
        list[YearTotal],
        Field(min_length=2, max_length=MAX_YEARS, description="one row per year, year 0 first"),
    ]
    payback_years: Annotated[
        StrictFloat | None,
        Field(ge=0, le=100, description="years to payback, interpolated; ~ if none"),
    ]
    roadmap: Annotated[
        list[RoadmapItem], Field(min_length=1, max_length=100, description="the road map")
    ]
