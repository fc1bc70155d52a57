"""Pure helpers for the lead-01 rules: clock windows over the week, terms, case figures.

Text checks are whole-word and case-insensitive; the word lists and last month's
figures come from ``case.yaml`` through ``schema.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from curriculum.validation import Check
from curriculum.validation.toolkit import normal

from .schema import (
    CASE,
    COMPONENT_TERMS,
    DAY_NAMES,
    DAYS,
    SUPPLIERS,
    WEEK,
    CriticalPeriod,
    Entry,
    Hours,
    OutcomeMeasure,
    Slo,
    Window,
)

_PERCENT_UNIT = re.compile(r"%|\bper\s*cent\b|\bpercent\b|\bpercentage\b", re.IGNORECASE)

#: the three groups of hours: field, what it says, an example for an empty one
HOUR_GROUPS = (
    (
        "service",
        "when the service can be used",
        "days: [mon, ..., sun], start: '00:00', end: '24:00'",
    ),
    ("support", "when users can get help", "one window for each desk or team that helps"),
    (
        "critical",
        "when the business depends on the service most",
        "e.g. the morning load-out, mon to sat, 05:00 to 06:30",
    ),
)
#: what each field of an outcome measure is for, as the hint when it is missing
MEASURE_FIELDS = (
    ("unit", "say what the number counts in, e.g. '%' or 'per 10,000 parcels'"),
    ("baseline", "give the value today, from the data source, so progress can be seen"),
    ("target", "give the value you aim for, agreed with the customer"),
    ("direction", "write up if a higher number is better, down if a lower one is"),
    ("frequency", "write daily, weekly, fortnightly, monthly or quarterly"),
    ("data_source", "name where the numbers come from, e.g. the depot dispatch log"),
)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _span(day: str, window: Window) -> tuple[int, int]:
    """Minutes of the week from the window's start on ``day`` to its end (may pass Sunday)."""
    start = DAYS.index(day) * 1440 + _minutes(window.start)
    end = DAYS.index(day) * 1440 + _minutes(window.end)
    if end <= start:
        end += 1440  # runs past midnight into the next day
    return start, end


def _has_length(window: Window) -> bool:
    return _minutes(window.start) % 1440 != _minutes(window.end) % 1440 or (
        window.start == "00:00" and window.end == "24:00"
    )


def _covered(windows: list[Window]) -> bytearray:
    week = bytearray(WEEK)
    for window in windows:
        if not _has_length(window):
            continue
        for day in set(window.days):
            start, end = _span(day, window)
            for minute in range(start, end):
                week[minute % WEEK] = 1
    return week


def _show_minute(minute: int) -> str:
    minute %= WEEK
    day, rest = divmod(minute, 1440)
    return f"{DAY_NAMES[DAYS[day]]} {rest // 60:02d}:{rest % 60:02d}"


def _found(terms: tuple[str, ...], text: str) -> str | None:
    """The first of ``terms`` in ``text`` (whole words, any case, any spacing), as written."""
    for term in terms:
        pattern = r"\b" + r"[\s-]+".join(re.escape(w) for w in term.split()) + r"\b"
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return match.group(0)
    return None


def _banned(check: Check, path: str, text: str, why: str, *, where: str) -> None:
    """A finding if ``text`` uses a component term."""
    term = _found(COMPONENT_TERMS, text)
    if term:
        check.fail(
            path,
            f"'{term}' is a component term: it describes technology, and does not belong "
            f"in {where}",
            why,
        )


def _is_supplier(text: str) -> str | None:
    return _found(SUPPLIERS, text)


def _scale(unit: str | None) -> float | None:
    """What a share is counted out of: 100 for per cent, 10,000 for 'per 10,000 parcels'."""
    if unit and _PERCENT_UNIT.search(unit):
        return 100.0
    found = re.search(r"\bper\s*([\d,]+)", unit or "")
    return float(found.group(1).replace(",", "")) if found else None


def _case_figure(entry: Entry, measure: OutcomeMeasure) -> tuple[dict[str, Any], float] | None:
    """The case figure a Depot Scanning measure reports, and its value in the measure's unit."""
    if normal(CASE["service"]) not in normal(entry.service):
        return None  # another service: its data is the learner's own
    text = " ".join((measure.name, measure.definition, measure.data_source or ""))
    scale = _scale(measure.unit)
    for figure in CASE["figures"]:
        if scale is None or not _found(tuple(figure["recognised_by"]), text):
            continue
        share = figure["count"] / figure["out_of"]
        if measure.direction not in (None, figure["direction"]):
            share = 1 - share  # counted the other way: late mornings rather than on-time ones
        return figure, share * scale
    return None


def _gaps(period: CriticalPeriod, week: bytearray) -> list[int]:
    """For each of the period's days (Monday first), the first minute ``week`` leaves uncovered."""
    gaps: list[int] = []
    for day in DAYS:
        if day not in period.days:
            continue
        start, end = _span(day, period)
        gap = next((m for m in range(start, end) if not week[m % WEEK]), None)
        if gap is not None:
            gaps.append(gap)
    return gaps


def _uncovered(hours: Hours) -> Iterator[tuple[int, CriticalPeriod, str, str, list[int]]]:
    """Each critical period (counted from one) that the service or support hours leave
    uncovered: the period, which hours, their field, and where each of its days' gaps start."""
    service, support = _covered(hours.service), _covered(hours.support)
    for index, period in enumerate(hours.critical, 1):
        if not _has_length(period):
            continue
        for label, week, field in (
            ("service hours", service, "hours.service"),
            ("support hours", support, "hours.support"),
        ):
            if gaps := _gaps(period, week):
                yield index, period, label, field, gaps


def _load_out_not_as_agreed(entry: Entry, slo: Slo) -> bool:
    """Whether ``slo`` is the Depot Scanning load-out SLO with another target or window."""
    agreed = CASE["slo"]
    return bool(
        normal(CASE["service"]) in normal(entry.service)
        and re.search(agreed["said"], slo.sli, re.I)
        and (
            (slo.target_percent, slo.window_days)
            != (agreed["target_percent"], agreed["window_days"])
        )
    )
