"""Checks a service catalogue entry with outcome measures (module lead-01).

An entry has two faces. The customer-facing part says what the service does
for the business, who it is for, who owns it, how to ask for help and when.
The supporting part links the service to the SLOs that express its
reliability, to the components each SLO depends on, and to the agreements
(OLA with an internal team, UA with an external supplier) behind each
component. Outcome measures sit on top: business results with a baseline, a
target, a unit, a reporting frequency and a data source.

Text checks are whole-word and case-insensitive; their word lists, the
suppliers and last month's figures are in ``case.yaml``. A window whose end is
at or before its start runs past midnight (22:00 to 05:00); 24:00 may end one.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.fields import numbered_id
from curriculum.validation.toolkit import listed, load_case, names_nobody, normal

# --- the case and the vocabulary the rules use (case.yaml) ---------------------------------

CASE = load_case()
#: technology words that belong in the supporting part of the entry, not in what the
#: business reads or in its outcome measures
COMPONENT_TERMS: tuple[str, ...] = tuple(CASE["component_terms"])
#: what IT produces rather than what the business gets
OUTPUT_PHRASES: tuple[str, ...] = tuple(CASE["output_phrases"])
#: Brightwater's external suppliers (whole words, any case), and the short forms people use
SUPPLIER_NAMES: tuple[str, ...] = tuple(CASE["suppliers"])
SUPPLIERS = tuple(n for name, short in CASE["suppliers"].items() for n in (name, *short))
#: teams that run one part of the journey
COMPONENT_TEAMS: tuple[str, ...] = tuple(CASE["component_teams"])
#: owners that name nobody in particular, beyond the framework's own list
PLACEHOLDER_OWNERS: tuple[str, ...] = tuple(CASE["placeholder_owners"])
#: words that mark a provider as an internal unit (its agreement is an OLA, not a UA)
INTERNAL = re.compile(r"\b(team|department|dept|in-house|internal|our|brightwater)\b", re.I)
#: how direction and frequency are said, beyond the template's words
DIRECTIONS: dict[str, list[str]] = CASE["said"]["direction"]
FREQUENCIES: dict[str, list[str]] = CASE["said"]["frequency"]
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


def _said(words: dict[str, list[str]]) -> Any:
    """A BeforeValidator that reads a choice said in other words ('increase' for up)."""
    spoken = {normal(w): key for key, said in words.items() for w in (key, *said)}

    def read(value: Any) -> Any:
        return spoken.get(normal(value), value) if isinstance(value, str) else value

    return BeforeValidator(read)


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
        _said(DIRECTIONS),
        Field(default=None, description="up (or increase) if higher is better, down if lower"),
    ]
    frequency: Annotated[
        Literal["daily", "weekly", "fortnightly", "monthly", "quarterly"] | None,
        _said(FREQUENCIES),
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


# --- the rules ------------------------------------------------------------------------------


@exercise.rule(
    "CATALOGUE-OWNER",
    "The owner is one person or role in Brightwater, accountable for the service end to "
    "end: not a placeholder such as 'TBD', 'IT' or 'the service owner' on its own; not one "
    "of the suppliers (" + listed(SUPPLIER_NAMES) + "), who run components but cannot "
    "answer to the business for the whole service; and not a team that runs one part of "
    "the journey (" + listed(COMPONENT_TEAMS, "or") + ") unless it is named as the "
    "service owner.",
)
def owner(entry: Entry, check: Check) -> None:
    if names_nobody(entry.owner, PLACEHOLDER_OWNERS):
        check.fail(
            "owner",
            f"'{entry.owner}' does not say who owns {entry.service}",
            "name the person and their role, or the role on its own, e.g. "
            "'Aisha Bello, service owner for Parcel Tracking' or 'Depot Scanning service owner'",
        )
    elif supplier := _is_supplier(entry.owner):
        check.fail(
            "owner",
            f"the owner names the supplier {supplier}",
            "a supplier runs components; someone in Brightwater answers to the customers "
            "for the whole service. Name that person or role, and list the supplier's "
            "part under supporting_components",
        )
    elif (team := _found(COMPONENT_TEAMS, entry.owner)) and "service owner" not in normal(
        entry.owner
    ):
        check.fail(
            "owner",
            f"the owner is in the {team}, which runs one part of {entry.service}",
            "a team lead answers for their own component; when the suppliers and the team "
            "each say their part is green, who do the customers call? Name the role that "
            "answers for the whole service, e.g. 'Depot Scanning service owner'",
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
    "The entry refers to at least one SLO, and every SLO target is above 0 % and below "
    "100 %. In the Depot Scanning entry, the load-out SLO (an SLI that speaks of "
    f"{CASE['slo']['within']}) keeps the target and window agreed in the reliability track: "
    f"{number(CASE['slo']['target_percent'])} % over {CASE['slo']['window_days']} days.",
)
def slo_ref(entry: Entry, check: Check) -> None:
    if not entry.slos:
        check.fail(
            "slos",
            "the entry refers to no SLO",
            "add the SLO that says how reliable the service must be for its users, e.g. "
            "load-out scans confirmed within 10 seconds, 99.5 % over 28 days",
        )
    agreed = CASE["slo"]
    ours = normal(CASE["service"]) in normal(entry.service)
    for index, slo in enumerate(entry.slos, 1):
        if not 0 < slo.target_percent < 100:
            check.fail(
                f"slos[{index}].target_percent",
                f"{slo.id} has the target {number(slo.target_percent)} %; it must be above 0 "
                "and below 100",
                "100 % leaves no error budget and no room for change; use the target agreed "
                "in the SLO, e.g. 99.5",
            )
        elif (
            ours
            and re.search(agreed["said"], slo.sli, re.I)
            and (
                (slo.target_percent, slo.window_days)
                != (agreed["target_percent"], agreed["window_days"])
            )
        ):
            check.fail(
                f"slos[{index}].target_percent",
                f"{slo.id} is the load-out SLO, agreed at {number(agreed['target_percent'])} % "
                f"over {agreed['window_days']} days, but the entry gives "
                f"{number(slo.target_percent)} % over {slo.window_days} days",
                "the catalogue refers to the SLO as agreed; a new target is agreed with the "
                "depot managers first, then written here",
            )


@exercise.rule(
    "CATALOGUE-IDS",
    "Each SLO id and each component id is used only once.",
)
def ids(entry: Entry, check: Check) -> None:
    for field, ids_used in (
        ("slos", [s.id for s in entry.slos]),
        ("supporting_components", [c.id for c in entry.supporting_components]),
    ):
        for index, item_id in enumerate(ids_used, 1):
            if item_id in ids_used[: index - 1]:
                check.fail(
                    f"{field}[{index}].id",
                    f"the id {item_id} is used more than once in {field}",
                    "give each entry its own id (SLO1, SLO2... or C1, C2...)",
                )


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
    "A component provided by one of Brightwater's suppliers (" + listed(SUPPLIER_NAMES) + ") "
    "has the agreement UA, an underpinning agreement with an external supplier. A component "
    "provided by an internal team or department has OLA, or none where no agreement exists "
    "yet. Other providers (in an entry for your own organisation) may have any agreement.",
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
        elif not supplier and component.agreement == "UA" and INTERNAL.search(component.provider):
            check.fail(
                path,
                f"{component.id} is provided by '{component.provider}', an internal team, "
                "but its agreement is UA",
                "between internal teams the agreement is an OLA (or none, if there is none "
                "yet); if the provider is an outside supplier, give its name",
            )


@exercise.rule(
    "CATALOGUE-OUTCOME-COMPLETE",
    "The entry has at least one outcome measure, and each has a unit, a baseline, a "
    "target, a direction (up or down, or in words such as increase and decrease), a "
    "reporting frequency (daily, weekly, fortnightly, monthly or quarterly, or in words such "
    "as 'every week') and a data source.",
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
            ("frequency", "write daily, weekly, fortnightly, monthly or quarterly"),
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
    "(above the baseline for up, below it for down) and stops short of perfection (not "
    "100 % for up, not 0 for down: a perfect result is a wish, not an agreed target), and "
    "a measure in per cent has a baseline and a target between 0 and 100.",
)
def outcome_target(entry: Entry, check: Check) -> None:
    for index, measure in enumerate(entry.outcome_measures, 1):
        path = f"outcome_measures[{index}]"
        percent = _scale(measure.unit) == 100
        for field in ("baseline", "target"):
            value = getattr(measure, field)
            if percent and value is not None and not 0 <= value <= 100:
                check.fail(
                    f"{path}.{field}",
                    f"the {field} of '{measure.name}' is {number(value)} %, outside 0 to 100",
                    "a share in per cent lies between 0 and 100; check the arithmetic or the unit",
                )
        if measure.baseline is None or measure.target is None or measure.direction is None:
            continue  # reported by CATALOGUE-OUTCOME-COMPLETE
        up = measure.direction == "up"
        if not (measure.target > measure.baseline if up else measure.target < measure.baseline):
            check.fail(
                f"{path}.target",
                f"the target of '{measure.name}' ({number(measure.target)}) is not "
                f"{'above' if up else 'below'} its baseline ({number(measure.baseline)}), "
                f"although its direction is {measure.direction}",
                "a target says how much better the result should get: move it in the "
                "direction you declared, or correct the direction",
            )
        elif (up and percent and measure.target >= 100) or (not up and measure.target <= 0):
            check.fail(
                f"{path}.target",
                f"the target of '{measure.name}' is {number(measure.target)}"
                f"{' %' if percent else ''}: a perfect result, from "
                f"{number(measure.baseline)} today",
                "some causes lie outside IT's control, so perfection is not credible: set a "
                "step the customers agree is realistic for the period, and say why",
            )


@exercise.rule(
    "CATALOGUE-OUTCOME-BASELINE",
    "In the Depot Scanning entry, a measure of a figure the template gives (last month's "
    + listed(f"{f['source']} ({f['count']:,} of {f['out_of']:,})" for f in CASE["figures"])
    + ") has that figure, in its own unit, as its baseline (rounded to at most 0.1).",
)
def outcome_baseline(entry: Entry, check: Check) -> None:
    for index, measure in enumerate(entry.outcome_measures, 1):
        found = _case_figure(entry, measure)
        text = f"{measure.name} {measure.definition}"
        if found is None or measure.baseline is None or _found(COMPONENT_TERMS, text):
            continue  # a component measure is reported by CATALOGUE-OUTCOME-NO-COMPONENTS
        figure, value = found
        if abs(measure.baseline - value) > 0.1 and round(value) != measure.baseline:
            check.fail(
                f"outcome_measures[{index}].baseline",
                f"the baseline of '{measure.name}' is {number(measure.baseline)}, but the "
                f"{figure['source']} gives {figure['count']:,} of {figure['out_of']:,}, which "
                f"is {value:.1f} {measure.unit}",
                "take the baseline from the data, unrounded in the service's favour, or say "
                "which other data it comes from",
            )


@exercise.rule(
    "CATALOGUE-OUTCOME-NO-COMPONENTS",
    "No outcome measure's name or definition uses a component term (the same list as for "
    "the description), and neither its name nor the opening of its definition counts "
    "what IT produces ("
    + listed((f"'{p}'" for p in OUTPUT_PHRASES), "or")
    + "): an outcome measure is a business result the customer recognises; how components "
    "behave belongs in the SLOs and the supporting part of the entry.",
)
def outcome_no_components(entry: Entry, check: Check) -> None:
    why = (
        "measure the business result the customer cares about, such as trucks out by 06:30; "
        "how components behave belongs in the SLOs and supporting_components"
    )
    for index, measure in enumerate(entry.outcome_measures, 1):
        for field in ("name", "definition"):
            path, text = f"outcome_measures[{index}].{field}", getattr(measure, field)
            _banned(check, path, text, why, where="an outcome measure")
            counted = text if field == "name" else " ".join(text.split()[:6])
            if output := _found(OUTPUT_PHRASES, counted):
                check.fail(
                    path,
                    f"'{output}' counts what IT produces, an output, not a result for the business",
                    "ask 'so that what?' and measure that instead, e.g. mornings with every "
                    "truck out by 06:30, or parcels that miss their van",
                )
