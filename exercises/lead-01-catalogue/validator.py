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

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import listed, names_nobody, normal

from .analysis import (
    HOUR_GROUPS,
    MEASURE_FIELDS,
    _banned,
    _case_figure,
    _found,
    _has_length,
    _is_supplier,
    _load_out_not_as_agreed,
    _scale,
    _show_minute,
    _uncovered,
)
from .schema import (
    CASE,
    COMPONENT_TEAMS,
    COMPONENT_TERMS,
    DESCRIPTION_WORDS,
    INTERNAL,
    OUTPUT_PHRASES,
    PLACEHOLDER_OWNERS,
    SUPPLIER_NAMES,
    Entry,
)

exercise = Exercise(schema=Entry)


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
    for field, what, example in HOUR_GROUPS:
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
    for index, period, label, field, gaps in _uncovered(entry.hours):
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
    for index, slo in enumerate(entry.slos, 1):
        if not 0 < slo.target_percent < 100:
            check.fail(
                f"slos[{index}].target_percent",
                f"{slo.id} has the target {number(slo.target_percent)} %; it must be above 0 "
                "and below 100",
                "100 % leaves no error budget and no room for change; use the target agreed "
                "in the SLO, e.g. 99.5",
            )
        elif _load_out_not_as_agreed(entry, slo):
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
        check.unique(
            field,
            ids_used,
            what=f"the {'SLO' if field == 'slos' else 'component'} id",
            hint="give each entry its own id (SLO1, SLO2... or C1, C2...)",
            field="id",
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
        for field, hint in MEASURE_FIELDS:
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
