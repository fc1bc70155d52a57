"""Field parsers and word lists that several exercises' schemas share.

Each exercise keeps its own hint (with an example from its own case), so a
learner's message still speaks of their artefact; the parsing lives here once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import Field, StrictStr
from pydantic_core import PydanticCustomError

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")
_ZONE = re.compile(r"\s*(Z|[+-]\d{2}(:?\d{2})?)")

#: a text field that must not be empty (leading and trailing spaces are trimmed)
Text = Annotated[StrictStr, Field(min_length=1)]

#: owners, sponsors and the like that name nobody (compared in lower case); an
#: exercise adds the words its own case invites ("the business", "IT", ...)
NAMES_NOBODY = frozenset(
    {"tbd", "tbc", "n/a", "na", "none", "unknown", "someone", "everyone", "all"}
)


def calendar_date(value: Any, hint: str) -> dt.date:
    """A calendar date such as '2025-12-19' (YAML may already have read it as a date)."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0) or value.tzinfo is not None:
            raise PydanticCustomError("date_type", "a date is needed", {"hint": hint})
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_parsing", "not a real date", {"hint": hint}) from None
    raise PydanticCustomError("date_type", "a date is needed", {"hint": hint})


def local_datetime(value: Any, hint: str) -> dt.datetime:
    """A date and time without a time zone, such as '2025-12-09 05:18' (seconds optional)."""
    found = _STAMP.match(value.strip()) if isinstance(value, str) else None
    if found is not None and _ZONE.fullmatch(found.string[found.end() :]):
        # the YAML loader keeps a stamp with a zone as text
        raise PydanticCustomError(
            "datetime_type",
            "a date and time is needed",
            {"hint": "leave out the time zone: " + hint},
        )
    if isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, str) and _STAMP.fullmatch(value.strip()):
        try:
            stamp = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "datetime_parsing", "not a real date and time", {"hint": hint}
            ) from None
    else:
        raise PydanticCustomError("datetime_type", "a date and time is needed", {"hint": hint})
    if stamp.tzinfo is not None:
        raise PydanticCustomError(
            "datetime_type",
            "a date and time is needed",
            {"hint": "leave out the time zone: " + hint},
        )
    return stamp


def numbered_id(prefix: str, example: str) -> Callable[[str], str]:
    """A validator for ids such as 'A1' or 'R12': ``prefix`` and 1 to 3 digits."""
    pattern = re.compile(prefix + r"[0-9]{1,3}")

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise PydanticCustomError(
                "string_pattern_mismatch",
                "wrong form",
                {"hint": f"write '{prefix}' and a number, e.g. '{example}'"},
            )
        return value

    return check


def finite_number(hint: str) -> Callable[[Any], float]:
    """A validator for a plain number (150 or 99.6): not text, not true or false, not
    infinite. Quoted numbers are read before it runs (tolerant reading)."""

    def check(value: Any) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise PydanticCustomError("float_type", "a number is needed", {"hint": hint})
        return float(value)

    return check
