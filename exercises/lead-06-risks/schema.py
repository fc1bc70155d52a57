"""The schema of a service's risk register (lead-06), and the case it is checked against.

The scales, bands, components, controls, incidents and word lists are Brightwater's
facts in ``case.yaml``; the rules in ``validator.py`` read them from here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Synonyms
from curriculum.validation.fields import Text, calendar_date, numbered_id
from curriculum.validation.toolkit import load_case, terms

# --- the case (case.yaml) ------------------------------------------------------------------

CASE = load_case()
#: the date of the review the register is read at; review and due dates count from it
REVIEWED_ON = dt.date.fromisoformat(str(CASE["reviewed_on"]))
#: (band, lowest score, highest score, most days to the next review), lowest band first
BANDS: tuple[tuple[str, int, int, int], ...] = tuple(
    (b["band"], b["lowest"], b["highest"], b["review_days"]) for b in CASE["bands"]
)
#: component id -> its supplier (None: Brightwater runs it)
SUPPLIER_OF: dict[str, str | None] = {k: v["supplier"] for k, v in CASE["components"].items()}
COMPONENT_WHAT: dict[str, str] = {k: v["what"] for k, v in CASE["components"].items()}
CONTROLS: dict[str, dict[str, Any]] = CASE["controls"]
INCIDENTS: dict[str, dict[str, Any]] = CASE["incidents"]
#: the suppliers' names and the short forms people use
SUPPLIER_NAMES = terms(n for name, short in CASE["suppliers"].items() for n in (name, *short))
#: the people of the case: full names, and each part of a name that is no everyday word
_EVERYDAY = {w.casefold() for w in CASE["everyday_words"]}
PERSON = terms(
    [*CASE["people"]]
    + [p for name in CASE["people"] for p in name.split() if p.casefold() not in _EVERYDAY]
)
PLACEHOLDER_OWNERS: tuple[str, ...] = tuple(CASE["placeholder_owners"])
BUSINESS_TERMS = terms(CASE["business_terms"])
#: a role names at least one word of two letters
HAS_WORD = re.compile(r"[^\W\d_]{2,}")


def band_of(score: float) -> str:
    """The band a score falls in (a score between two bands' ranges takes the higher)."""
    for band, _lowest, highest, _days in BANDS:
        if score <= highest:
            return band
    return BANDS[-1][0]


def review_days(band: str) -> int:
    return next(days for name, _lo, _hi, days in BANDS if name == band)


def long_date(day: dt.date) -> str:
    """'2 March 2026'."""
    return f"{day.day} {day.strftime('%B %Y')}"


# --- schema helpers ------------------------------------------------------------------------

_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2026-04-01"


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


Day = Annotated[dt.date, BeforeValidator(_day)]
Number = StrictInt | StrictFloat
_RISK_ID = numbered_id("R", "R1")


def _risk_id(value: str) -> str:
    """'r1' and 'R 1' are R1, as a marker reads them."""
    return _RISK_ID(re.sub(r"\s+", "", value).upper())


RiskId = Annotated[StrictStr, AfterValidator(_risk_id)]


def _scale(value: int) -> int:
    if not 1 <= value <= 5:
        raise PydanticCustomError(
            "greater_than_equal" if value < 1 else "less_than_equal",
            "out of range",
            {
                "hint": "this course's scales run from 1 to 5: likelihood 5 is more than 4 times "
                "a year, impact 5 is load-out stopped at 20 or more depots"
            },
        )
    return value


Scale = Annotated[StrictInt, AfterValidator(_scale)]
Band = Annotated[
    Literal["low", "medium", "high"],
    # the traffic-light names many registers use for the same three bands
    Synonyms(low=["green"], medium=["amber", "med", "moderate"], high=["red"]),
]


class Rating(Artefact):
    likelihood: Annotated[Scale, Field(description="1 (rare) to 5 (almost certain)")]
    impact: Annotated[Scale, Field(description="1 (negligible) to 5 (severe), for the business")]
    score: Annotated[Number, Field(description="likelihood x impact")]
    band: Annotated[Band, Field(description="low (1-4), medium (5-9) or high (10-25)")]


class Treatment(Artefact):
    action: Annotated[Text, Field(description="what will be done to lower the risk")]
    owner: Annotated[Text, Field(description="the role that sees it done")]
    due: Annotated[Day, Field(description="when it is done: YYYY-MM-DD")]


class Risk(Artefact):
    id: Annotated[RiskId, Field(description="R and a number, e.g. R1")]
    title: Annotated[Text, Field(description="a short name for the risk")]
    components: Annotated[
        list[StrictStr], Field(min_length=1, description="ids of the components it arises from")
    ]
    cause: Annotated[Text, Field(description="the condition that makes the event possible")]
    event: Annotated[Text, Field(description="what could happen")]
    consequence: Annotated[Text, Field(description="what the business would lose, in its words")]
    owner: Annotated[Text, Field(description="the role that answers for the risk")]
    inherent: Annotated[Rating, Field(description="the rating with no controls")]
    controls: Annotated[
        list[StrictStr], Field(min_length=1, description="ids of the controls that treat it")
    ]
    residual: Annotated[Rating, Field(description="the rating with the controls in place today")]
    treatment: Annotated[
        Treatment | None, Field(default=None, description="what will lower it further, by when")
    ]
    review_by: Annotated[Day, Field(description="the date of its next review: YYYY-MM-DD")]


class IncidentReview(Artefact):
    incident: Annotated[Text, Field(description="the incident's id, e.g. INC-50712")]
    risks: Annotated[list[StrictStr], Field(description="ids of the risks it sends to review")]
    why: Annotated[Text, Field(description="what the incident shows about those risks")]


class Register(Artefact):
    service: Annotated[Text, Field(description="the service the register is for")]
    risks: Annotated[
        list[Risk], Field(min_length=3, max_length=12, description="the register's entries")
    ]
    incident_reviews: Annotated[
        list[IncidentReview],
        Field(min_length=1, max_length=20, description="which incidents send which risks back"),
    ]
