"""Checks a service catalogue entry with outcome measures (module lead-01).

An entry has two faces. The customer-facing part says what the service does
for the business, who it is for, who owns it, how to ask for help and when.
The supporting part links the service to the SLOs that express its
reliability, to the components each SLO depends on, and to the agreements
(OLA with an internal team, UA with an external supplier) behind each
component. Outcome measures sit on top: business results with a baseline, a
target, a unit, a reporting frequency and a data source.

Text checks are whole-word and case-insensitive, so that learners can predict
them from the rule descriptions:

- ``COMPONENT_TERMS``: words that describe technology rather than what the
  business gets; banned in the service name, the description and the outcome
  measures;
- ``SUPPLIERS``: Brightwater's five external suppliers; a component they
  provide is underpinned by a UA, and none of them can own the service.

Hours are windows of days and clock times. A window whose end is at or before
its start runs past midnight into the next day (22:00 to 05:00); 24:00 is
allowed as an end. Every critical period must lie inside both the service
hours and the support hours on each of its days.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.fields import NAMES_NOBODY, numbered_id

# --- the vocabulary the rules use ----------------------------------------------------------

#: technology words that belong in the supporting part of the entry, not in what the
#: business reads or in its outcome measures
COMPONENT_TERMS = (
    "server",
    "servers",
    "uptime",
    "availability",
    "CPU",
    "memory",
    "disk",
    "database",
    "databases",
    "bandwidth",
    "latency",
    "packet loss",
    "circuit",
    "circuits",
    "network link",
    "network links",
    "API",
    "APIs",
    "virtual machine",
    "virtual machines",
    "VM",
    "VMs",
    "cluster",
    "middleware",
    "infrastructure",
    "hosting",
    "device management",
    "device-management",
    "load balancer",
    "health check",
    "health checks",
)
#: Brightwater's external suppliers (whole words, any case)
SUPPLIER_NAMES = ("Nimbus Cloud", "LinkWave", "ScanTech", "FrontLine Support", "Routewise")
#: what the text checks look for: each name, and the short forms people use
SUPPLIERS = (
    "Nimbus Cloud",
    "Nimbus",
    "LinkWave",
    "ScanTech",
    "FrontLine Support",
    "FrontLine",
    "Routewise",
)
#: owners that name nobody in particular
PLACEHOLDER_OWNERS = NAMES_NOBODY | {
    "it",
    "it department",
    "the it department",
    "it team",
    "the it team",
    "it services",
    "owner",
    "service owner",
    "the service owner",
}
DESCRIPTION_WORDS = (20, 80)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(zip(DAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
WEEK = 7 * 1440

_CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d|24:00")
_PERCENT_UNIT = re.compile(r"%|\bper\s*cent\b|\bpercent\b|\bpercentage\b", re.IGNORECASE)


# --- schema helpers ------------------------------------------------------------------------


def _clock(value: str) -> str:
    if not _CLOCK.fullmatch(value):
        raise PydanticCustomError(
            "string_pattern_mismatch",
            "wrong form",
            {
                "hint": "write a 24-hour clock time with two digits each side, e.g. '05:00' or "
                "'22:30'; use '24:00' for the end of the day"
            },
        )
    return value


Text = Annotated[StrictStr, Field(min_length=1)]
Number = StrictInt | StrictFloat
Clock = Annotated[StrictStr, AfterValidator(_clock)]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SloId = Annotated[StrictStr, AfterValidator(numbered_id("SLO", "SLO1"))]
ComponentId = Annotated[StrictStr, AfterValidator(numbered_id("C", "C1"))]


class Channel(Artefact):
    channel: Annotated[Text, Field(description="how to reach the service: phone, portal, form")]
    use_for: Annotated[Text, Field(description="what to use this channel for")]
    open: Annotated[
        StrictStr | None, Field(default=None, description="when the channel is open, in words")
    ]


class Window(Artefact):
    days: Annotated[
        list[Day], Field(min_length=1, max_length=7, description="days it starts on: mon ... sun")
    ]
    start: Annotated[Clock, Field(description="start time, HH:MM")]
    end: Annotated[
        Clock, Field(description="end time, HH:MM; at or before start runs past midnight")
    ]


class CriticalPeriod(Window):
    name: Annotated[Text, Field(description="what happens then, in business words")]


class Hours(Artefact):
    service: Annotated[
        list[Window], Field(max_length=20, description="when the service can be used")
    ]
    support: Annotated[list[Window], Field(max_length=20, description="when help is available")]
    critical: Annotated[
        list[CriticalPeriod],
        Field(max_length=20, description="when the business depends on it most"),
    ]


class Slo(Artefact):
    id: Annotated[SloId, Field(description="SLO and a number, e.g. SLO1")]
    sli: Annotated[Text, Field(description="the indicator: good events out of valid events")]
    target_percent: Annotated[Number, Field(description="the SLO target, a percentage")]
    window_days: Annotated[StrictInt, Field(ge=1, le=366, description="rolling window, in days")]
    depends_on: Annotated[
        list[StrictStr], Field(max_length=30, description="ids of the components it depends on")
    ]


class Component(Artefact):
    id: Annotated[ComponentId, Field(description="C and a number, e.g. C1")]
    name: Annotated[Text, Field(description="the supporting component")]
    provider: Annotated[Text, Field(description="the internal team or supplier that provides it")]
    agreement: Annotated[
        Literal["OLA", "UA", "none"],
        Field(description="OLA (internal team), UA (external supplier) or none"),
    ]


class OutcomeMeasure(Artefact):
    name: Annotated[Text, Field(description="the business result, as the customer would say it")]
    definition: Annotated[Text, Field(description="how it is counted, e.g. 'A / B x 100'")]
    unit: Annotated[StrictStr | None, Field(default=None, description="e.g. %, per 10,000 parcels")]
    baseline: Annotated[Number | None, Field(default=None, description="the value today")]
    target: Annotated[Number | None, Field(default=None, description="the value you aim for")]
    direction: Annotated[
        Literal["up", "down"] | None,
        Field(default=None, description="up if a higher number is better, down if lower"),
    ]
    frequency: Annotated[
        Literal["daily", "weekly", "monthly", "quarterly"] | None,
        Field(default=None, description="how often it is reported"),
    ]
    data_source: Annotated[
        StrictStr | None, Field(default=None, description="where the numbers come from")
    ]


class Entry(Artefact):
    service: Annotated[Text, Field(description="the service, as the business knows it")]
    description: Annotated[Text, Field(description="what it does for the business, 20-80 words")]
    owner: Annotated[Text, Field(description="the person or role accountable end to end")]
    customers: Annotated[
        list[Text], Field(max_length=20, description="who decides what it must achieve")
    ]
    users: Annotated[list[Text], Field(max_length=20, description="who uses it day to day")]
    request_channels: Annotated[
        list[Channel], Field(max_length=20, description="how to ask for help or for something")
    ]
    hours: Annotated[Hours, Field(description="service hours, support hours, critical periods")]
    slos: Annotated[list[Slo], Field(max_length=20, description="the SLOs the entry refers to")]
    outcome_measures: Annotated[
        list[OutcomeMeasure], Field(max_length=20, description="business results it serves")
    ]
    supporting_components: Annotated[
        list[Component], Field(max_length=30, description="what the SLOs depend on")
    ]


exercise = Exercise(schema=Entry)


# --- helpers for the rules ------------------------------------------------------------------


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


def _banned(check: Check, path: str, text: str, why: str, *, where: str) -> None:
    """One finding for each component term in ``text`` (whole words, any case)."""
    for term in COMPONENT_TERMS:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in term.split()) + r"\b"
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            check.fail(
                path,
                f"'{match.group(0)}' is a component term: it describes technology, and "
                f"does not belong in {where}",
                why,
            )


def _is_supplier(text: str) -> str | None:
    for name in SUPPLIERS:
        if re.search(r"\b" + r"\s+".join(map(re.escape, name.split())) + r"\b", text, re.I):
            return name
    return None


# --- the rules ------------------------------------------------------------------------------


@exercise.rule(
    "CATALOGUE-OWNER",
    "The owner is one person or role in Brightwater, accountable for the service end to "
    "end: not a placeholder such as 'TBD', 'IT' or 'the service owner' on its own, and "
    "not one of the suppliers (" + ", ".join(SUPPLIER_NAMES) + "), who can run components "
    "but cannot answer to the business for the whole service.",
)
def owner(entry: Entry, check: Check) -> None:
    if entry.owner.casefold().strip(" .") in PLACEHOLDER_OWNERS:
        check.fail(
            "owner",
            f"'{entry.owner}' does not say who owns {entry.service}",
            "name the person and their role, or the role on its own, e.g. "
            "'Aisha Bello, service owner for Parcel Tracking' or 'Depot Scanning service owner'",
        )
        return
    supplier = _is_supplier(entry.owner)
    if supplier:
        check.fail(
            "owner",
            f"the owner names the supplier {supplier}",
            "a supplier runs components; someone in Brightwater answers to the customers "
            "for the whole service. Name that person or role, and list the supplier's "
            "part under supporting_components",
        )


@exercise.rule(
    "CATALOGUE-AUDIENCE",
    "The entry names at least one customer (who decides what the service must achieve) "
    "and at least one group of users (who use it day to day).",
)
def audience(entry: Entry, check: Check) -> None:
    for field, what, example in (
        ("customers", "customer", "'Depot operations managers'"),
        ("users", "group of users", "'Depot staff and drivers at all 38 depots'"),
    ):
        if not getattr(entry, field):
            check.fail(
                field,
                f"the entry names no {what}",
                f"add at least one, in the business's words, e.g. {example}",
            )


@exercise.rule(
    "CATALOGUE-DESCRIPTION",
    f"The description has {DESCRIPTION_WORDS[0]} to {DESCRIPTION_WORDS[1]} words, and "
    "neither it nor the service name uses a component term: "
    + ", ".join(f"'{t}'" for t in COMPONENT_TERMS)
    + " (whole words, any case).",
)
def description(entry: Entry, check: Check) -> None:
    check.word_count("description", entry.description, *DESCRIPTION_WORDS, what="the description")
    why = (
        "say what the service lets the business do, in the customer's words; the technology "
        "belongs under supporting_components"
    )
    _banned(check, "service", entry.service, why, where="the service name")
    _banned(check, "description", entry.description, why, where="the description")


@exercise.rule(
    "CATALOGUE-CHANNELS",
    "The entry gives at least one request channel, each saying what to use it for.",
)
def channels(entry: Entry, check: Check) -> None:
    if not entry.request_channels:
        check.fail(
            "request_channels",
            "the entry gives no way to ask for help or for anything else",
            "add each channel with what to use it for, e.g. 'Service desk phone line' for "
            "'a scanner that will not sync'",
        )


@exercise.rule(
    "CATALOGUE-HOURS",
    "The hours give at least one window when the service can be used (hours.service), "
    "one when help is available (hours.support) and one critical period when the business "
    "depends on it most (hours.critical). Each window has a length (its end differs from "
    "its start; an end at or before the start runs past midnight, as in 22:00 to 05:00). "
    "Every critical period lies inside both the service hours and the support hours on "
    "each of its days.",
)
def hours(entry: Entry, check: Check) -> None:
    groups = (
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
    for field, what, example in groups:
        windows = getattr(entry.hours, field)
        if not windows:
            check.fail(
                f"hours.{field}",
                f"hours.{field} is empty: the entry does not say {what}",
                f"add at least one window: {example}",
            )
        for index, window in enumerate(windows, 1):
            if not _has_length(window):
                check.fail(
                    f"hours.{field}[{index}]",
                    f"hours.{field}[{index}] starts and ends at {window.start}: it has no length",
                    "for a whole day write start '00:00' and end '24:00'; otherwise correct "
                    "the end time",
                )
    service, support = _covered(entry.hours.service), _covered(entry.hours.support)
    for index, period in enumerate(entry.hours.critical, 1):
        if not _has_length(period):
            continue
        for label, week, field in (
            ("service hours", service, "hours.service"),
            ("support hours", support, "hours.support"),
        ):
            gaps: list[int] = []
            for day in DAYS:
                if day not in period.days:
                    continue
                start, end = _span(day, period)
                gap = next((m for m in range(start, end) if not week[m % WEEK]), None)
                if gap is not None:
                    gaps.append(gap)
            if gaps:
                check.fail(
                    f"hours.critical[{index}]",
                    f"the critical period '{period.name}' is not inside the {label}: "
                    f"nothing covers it from {', '.join(_show_minute(g) for g in gaps)}",
                    f"extend {field} to cover it, or correct the critical period; the business "
                    "needs the service, and help with it, most at exactly this time",
                )


@exercise.rule(
    "CATALOGUE-SLO-REF",
    "The entry refers to at least one SLO, and every SLO target is above 0 % and below 100 %.",
)
def slo_ref(entry: Entry, check: Check) -> None:
    if not entry.slos:
        check.fail(
            "slos",
            "the entry refers to no SLO",
            "add the SLO that says how reliable the service must be for its users, e.g. "
            "load-out scans confirmed within 10 seconds, 99.5 % over 28 days",
        )
    for index, slo in enumerate(entry.slos, 1):
        if not 0 < slo.target_percent < 100:
            check.fail(
                f"slos[{index}].target_percent",
                f"{slo.id} has the target {number(slo.target_percent)} %; it must be above 0 "
                "and below 100",
                "100 % leaves no error budget and no room for change; use the target agreed "
                "in the SLO, e.g. 99.5",
            )


@exercise.rule(
    "CATALOGUE-IDS",
    "Each SLO id and each component id is used only once.",
)
def ids(entry: Entry, check: Check) -> None:
    for field, items in (
        ("slos", entry.slos),
        ("supporting_components", entry.supporting_components),
    ):
        seen: set[str] = set()
        for index, item in enumerate(items, 1):
            if item.id in seen:
                check.fail(
                    f"{field}[{index}].id",
                    f"the id {item.id} is used more than once in {field}",
                    "give each entry its own id (SLO1, SLO2... or C1, C2...)",
                )
            seen.add(item.id)


@exercise.rule(
    "CATALOGUE-SLO-LINKS",
    "Every SLO lists in depends_on at least one supporting component, and every id it "
    "lists is a component in this entry.",
)
def slo_links(entry: Entry, check: Check) -> None:
    known = list(dict.fromkeys(c.id for c in entry.supporting_components))
    listed = ", ".join(known) or "none yet"
    for index, slo in enumerate(entry.slos, 1):
        if not slo.depends_on:
            check.fail(
                f"slos[{index}].depends_on",
                f"{slo.id} does not say which components it depends on",
                f"list the ids of the components that must work for it to be met "
                f"(components in this entry: {listed})",
            )
        for position, component in enumerate(slo.depends_on, 1):
            if component not in known:
                check.fail(
                    f"slos[{index}].depends_on[{position}]",
                    f"{slo.id} depends on '{component}', which is not a supporting component "
                    "in this entry",
                    f"add it under supporting_components, or use an id from there: {listed}",
                )


@exercise.rule(
    "CATALOGUE-AGREEMENTS",
    "A component provided by one of Brightwater's suppliers ("
    + ", ".join(SUPPLIER_NAMES)
    + ") has the agreement UA, an underpinning "
    "agreement with an external supplier. A component provided by an internal team has "
    "OLA, or none where no agreement exists yet.",
)
def agreements(entry: Entry, check: Check) -> None:
    for index, component in enumerate(entry.supporting_components, 1):
        supplier = _is_supplier(component.provider)
        path = f"supporting_components[{index}].agreement"
        if supplier and component.agreement != "UA":
            check.fail(
                path,
                f"{component.id} is provided by {supplier}, an external supplier, but its "
                f"agreement is {component.agreement}",
                "an agreement with an external supplier is a UA; Brightwater has a contract "
                "with each of its suppliers, so write UA",
            )
        elif not supplier and component.agreement == "UA":
            check.fail(
                path,
                f"{component.id} is provided by '{component.provider}', which is not one of "
                "Brightwater's suppliers, but its agreement is UA",
                "between internal teams the agreement is an OLA (or none, if there is none "
                "yet); if the provider is a supplier, give its name",
            )


@exercise.rule(
    "CATALOGUE-OUTCOME-COMPLETE",
    "The entry has at least one outcome measure, and each has a unit, a baseline, a "
    "target, a direction (up or down), a reporting frequency (daily, weekly, monthly or "
    "quarterly) and a data source.",
)
def outcome_complete(entry: Entry, check: Check) -> None:
    if not entry.outcome_measures:
        check.fail(
            "outcome_measures",
            "the entry has no outcome measure",
            "add a business result the service serves, e.g. depot mornings with every "
            "truck out by 06:30",
        )
    for index, measure in enumerate(entry.outcome_measures, 1):
        for field, hint in (
            ("unit", "say what the number counts in, e.g. '%' or 'per 10,000 parcels'"),
            ("baseline", "give the value today, from the data source, so progress can be seen"),
            ("target", "give the value you aim for, agreed with the customer"),
            ("direction", "write up if a higher number is better, down if a lower one is"),
            ("frequency", "write daily, weekly, monthly or quarterly"),
            ("data_source", "name where the numbers come from, e.g. the depot dispatch log"),
        ):
            value = getattr(measure, field)
            if value is None or (isinstance(value, str) and not value.strip()):
                check.fail(
                    f"outcome_measures[{index}].{field}",
                    f"outcome measure {index} ({measure.name}) has no {field.replace('_', ' ')}",
                    hint,
                )


@exercise.rule(
    "CATALOGUE-OUTCOME-TARGET",
    "Each outcome measure's target differs from its baseline in the direction it declares "
    "(above the baseline for up, below it for down), and a measure in per cent has a "
    "baseline and a target between 0 and 100.",
)
def outcome_target(entry: Entry, check: Check) -> None:
    for index, measure in enumerate(entry.outcome_measures, 1):
        path = f"outcome_measures[{index}]"
        if measure.unit and _PERCENT_UNIT.search(measure.unit):
            for field in ("baseline", "target"):
                value = getattr(measure, field)
                if value is not None and not 0 <= value <= 100:
                    check.fail(
                        f"{path}.{field}",
                        f"the {field} of '{measure.name}' is {number(value)} %, outside 0 to 100",
                        "a share in per cent lies between 0 and 100; check the arithmetic or "
                        "the unit",
                    )
        if measure.baseline is None or measure.target is None or measure.direction is None:
            continue  # reported by CATALOGUE-OUTCOME-COMPLETE
        better = (
            measure.target > measure.baseline
            if measure.direction == "up"
            else measure.target < measure.baseline
        )
        if not better:
            side = "above" if measure.direction == "up" else "below"
            check.fail(
                f"{path}.target",
                f"the target of '{measure.name}' ({number(measure.target)}) is not {side} its "
                f"baseline ({number(measure.baseline)}), although its direction is "
                f"{measure.direction}",
                "a target says how much better the result should get: move it in the "
                "direction you declared, or correct the direction",
            )


@exercise.rule(
    "CATALOGUE-OUTCOME-NO-COMPONENTS",
    "No outcome measure's name or definition uses a component term (the same list as for "
    "the description): an outcome measure is a business result, and the health of "
    "components belongs in the SLOs and the supporting part of the entry.",
)
def outcome_no_components(entry: Entry, check: Check) -> None:
    why = (
        "measure the business result the customer cares about, such as trucks out by 06:30; "
        "how components behave belongs in the SLOs and supporting_components"
    )
    for index, measure in enumerate(entry.outcome_measures, 1):
        _banned(
            check,
            f"outcome_measures[{index}].name",
            measure.name,
            why,
            where="an outcome measure",
        )
        _banned(
            check,
            f"outcome_measures[{index}].definition",
            measure.definition,
            why,
            where="an outcome measure",
        )
