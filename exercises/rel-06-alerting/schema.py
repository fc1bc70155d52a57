"""The shape of an alerting and on-call policy (exercise rel-06-alerting).

Windows are durations with their unit ("1 hour", "5 min", "3d"); the schema turns
each into minutes, so the rules compare numbers. A bare number is refused: "60"
could be minutes or hours, and a marker would ask which.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Synonyms
from curriculum.validation.fields import Text, numbered_id

Number = StrictFloat  # whole numbers too, but not text or true/false

#: minutes in one of each unit a learner may write
UNITS: dict[str, float] = {
    "s": 1 / 60,
    "sec": 1 / 60,
    "secs": 1 / 60,
    "second": 1 / 60,
    "seconds": 1 / 60,
    "m": 1,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
    "h": 60,
    "hr": 60,
    "hrs": 60,
    "hour": 60,
    "hours": 60,
    "d": 1440,
    "day": 1440,
    "days": 1440,
    "w": 10080,
    "wk": 10080,
    "week": 10080,
    "weeks": 10080,
}
#: numbers a learner may write in words ("one hour", "an hour")
WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "thirty": 30,
    "half an": 0.5,
    "half a": 0.5,
}
_DURATION = re.compile(
    r"(?P<amount>\d+(?:\.\d+)?|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
    r"\s*(?P<unit>[a-z]+)\.?"
)
DURATION_HINT = "write the length with its unit, e.g. '1 hour', '5 minutes' or '3 days'"


def duration_minutes(value: Any) -> Any:
    """'1 hour', '1h', '90 min', 'three days' -> minutes; anything else is refused."""
    if isinstance(value, bool | int | float):
        raise PydanticCustomError(
            "duration_type", "a window needs its unit", {"hint": DURATION_HINT}
        )
    if not isinstance(value, str):
        return value
    said = " ".join(value.strip().lower().split())
    found = _DURATION.fullmatch(said)
    unit = UNITS.get(found.group("unit")) if found else None
    if found is None or unit is None:
        raise PydanticCustomError(
            "duration_parsing", "not a length of time", {"hint": DURATION_HINT}
        )
    amount = found.group("amount")
    minutes = (WORDS[amount] if amount in WORDS else float(amount)) * unit
    if not math.isfinite(minutes) or minutes <= 0:
        raise PydanticCustomError(
            "duration_parsing", "a window must be longer than nothing", {"hint": DURATION_HINT}
        )
    return minutes


Minutes = Annotated[StrictFloat, BeforeValidator(duration_minutes)]
Response = Annotated[
    Literal["page", "ticket"],
    Synonyms(page=["pager", "paging", "a page"], ticket=["a ticket", "ticket alert"]),
]


class Slo(Artefact):
    service: Annotated[Text, Field(description="the service whose SLO the alerts defend")]
    objective: Annotated[Text, Field(description="the SLO in words: indicator, target, window")]
    target_percent: Annotated[Number, Field(gt=0, lt=100, description="the SLO target, in %")]
    window_days: Annotated[StrictInt, Field(ge=1, le=366, description="the SLO window, days")]


class Alert(Artefact):
    id: Annotated[
        StrictStr,
        AfterValidator(numbered_id("A", "A1")),
        Field(description="A and a number, e.g. A1"),
    ]
    long_window: Annotated[Minutes, Field(description="the window the burn rate is judged over")]
    short_window: Annotated[Minutes, Field(description="the window that stops it firing late")]
    budget_consumed_percent: Annotated[
        Number, Field(gt=0, le=100, description="share of the budget spent when it fires, in %")
    ]
    burn_rate: Annotated[Number, Field(gt=0, description="the burn-rate threshold")]
    error_rate_percent: Annotated[
        Number, Field(gt=0, le=100, description="the share of requests failing, in %")
    ]
    response: Annotated[Response, Field(description="page or ticket")]
    notify: Annotated[Text, Field(description="who is paged, or which queue gets the ticket")]


class OnCall(Artefact):
    rota_size: Annotated[StrictInt, Field(ge=1, le=100, description="engineers on the rota")]
    on_call_at_once: Annotated[
        StrictInt, Field(ge=1, le=5, description="people on call at the same time")
    ]
    on_call_share_percent: Annotated[
        Number, Field(ge=0, le=100, description="the share of each engineer's time on call, in %")
    ]
    shift: Annotated[Text, Field(description="how long a shift is, and when it changes")]
    handover: Annotated[Text, Field(description="when the handover happens, and what it covers")]
    max_incidents_per_12_hours: Annotated[
        StrictInt, Field(ge=1, le=50, description="the pager load limit, per 12 hours on call")
    ]
    over_the_limit: Annotated[Text, Field(description="what happens, and who acts, above it")]


class AlertingPolicy(Artefact):
    slo: Annotated[Slo, Field(description="the SLO the alerts defend")]
    alerts: Annotated[
        list[Alert], Field(min_length=2, max_length=8, description="pages and tickets")
    ]
    on_call: Annotated[OnCall, Field(description="the rota that answers the pages")]
    review_triggers: Annotated[
        list[Text],
        Field(min_length=1, max_length=10, description="which incidents get a review"),
    ]
