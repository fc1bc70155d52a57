"""Checks a classification of the 15 Brightwater items (module fnd-02).

The key takes the point of view of Brightwater's business customers. Items 3
and 5 (the LinkWave link, the Routewise engine) are components of the
business's services but services sold to IT by suppliers: "service" is
accepted for them only when the reason says it takes that view, which is
recognised by simple words such as "supplier", "IT's" or "from IT".
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, NamedTuple

from pydantic import Field, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Label = Literal["service", "component", "outcome", "output"]


class Key(NamedTuple):
    item: str
    label: str
    why: str


#: the key: item number -> the item, the expected label and why
KEY: dict[int, Key] = {
    1: Key(
        "Depot Scanning",
        "service",
        "depot managers value it on its own: it is how every parcel is accounted for "
        "in and out of the depot",
    ),
    2: Key(
        "The ScanTech device-management server",
        "component",
        "nobody at a depot would want the server by itself; it matters only because "
        "Depot Scanning needs it",
    ),
    3: Key(
        "The LinkWave network link to the depots",
        "component",
        "depots value the link only because scanning and other services run over it",
    ),
    4: Key(
        "Parcel Tracking",
        "service",
        "the customer experience director values it on its own: consumers find their "
        "parcel without phoning",
    ),
    5: Key(
        "The Routewise route-optimisation engine",
        "component",
        "the business wants routes, not an engine, and the engine is only a part of Route Planner",
    ),
    6: Key(
        "Route Planner",
        "service",
        "depot managers and drivers value a route for every driver before 06:00 on its own",
    ),
    7: Key(
        "The Business Customer Portal",
        "service",
        "business customers value booking collections, printing labels and seeing "
        "invoices on their own",
    ),
    8: Key(
        "The Nimbus Cloud database cluster behind Parcel Tracking",
        "component",
        "the database only matters through Parcel Tracking",
    ),
    9: Key(
        "Tickets closed per analyst per week",
        "output",
        "it counts IT activity; a depot manager would not recognise it as a result",
    ),
    10: Key(
        "Share of depot mornings on which every truck left by 06:30",
        "outcome",
        "it is the result depot managers are judged on",
    ),
    11: Key(
        "Device-management server availability",
        "output",
        "it describes a component, not what depots experience",
    ),
    12: Key(
        "Parcels delivered at the first attempt",
        "outcome",
        "it is a business result Brightwater's customers feel directly",
    ),
    13: Key(
        "Customer complaints per 10,000 parcels",
        "outcome",
        "it is a business result, normalised by the number of parcels",
    ),
    14: Key(
        "Number of changes approved by the weekly change board",
        "output",
        "it counts IT activity and says nothing about whether the changes helped",
    ),
    15: Key(
        "Share of parcel-status enquiries answered online rather than by phone",
        "outcome",
        "it is what the customer experience director wants from Parcel Tracking: fewer phone calls",
    ),
}
THINGS, MEASURES = ("service", "component"), ("outcome", "output")
#: items where "service" is accepted from IT's or a supplier manager's point of view
SUPPLIER_VIEW_ITEMS = {3, 5}
#: words that show the reason takes IT's or the supplier manager's view ("IT" in capitals)
SUPPLIER_VIEW = (
    re.compile(r"\bsupplier|\bSIAM\b|\bBen\b", re.IGNORECASE),
    re.compile(r"\bIT['’]s\b|\b(from|to) IT\b"),
)
MIN_REASON_WORDS, MAX_REASON_WORDS = 5, 60
MIN_REWRITE_WORDS, MAX_REWRITE_WORDS = 4, 40
#: a rewrite starting like this counts things or IT's tickets rather than stating a result
COUNT_STARTS = ("number of", "count of", "amount of", "tickets")
#: a rewrite naming one of these measures IT activity or a component
ACTIVITY_PHRASES = (
    "tickets closed",
    "tickets resolved",
    "tickets logged",
    "calls answered",
    "changes approved",
    "changes deployed",
    "changes implemented",
    "server availability",
    "uptime",
)

_WORD = re.compile(r"[\w'’-]+")


class Item(Artefact):
    number: Annotated[StrictInt, Field(ge=1, le=15, description="the item's number, 1 to 15")]
    item: Annotated[
        StrictStr | None,
        Field(default=None, description="optional: the item's name, for your reference"),
    ]
    label: Annotated[
        Label,
        Field(description="service or component (items 1-8); outcome or output (items 9-15)"),
    ]
    reason: Annotated[StrictStr, Field(description="one sentence: why this label")]
    rewrite: Annotated[
        StrictStr | None,
        Field(default=None, description="outputs only: the measure rewritten as an outcome"),
    ]


class Classification(Artefact):
    items: Annotated[list[Item], Field(description="the 15 items, each once")]


exercise = Exercise(schema=Classification)


def _vocabulary(number: int) -> tuple[str, str]:
    return THINGS if number <= 8 else MEASURES


def _in_vocabulary(entry: Item) -> bool:
    return entry.label in _vocabulary(entry.number)


def _takes_supplier_view(reason: str) -> bool:
    return any(pattern.search(reason) for pattern in SUPPLIER_VIEW)


@exercise.rule("CLASSIFY-ITEMS", "The file has the 15 items, numbered 1 to 15, each once.")
def items(doc: Classification, check: Check) -> None:
    first: dict[int, int] = {}
    for index, entry in enumerate(doc.items):
        if entry.number in first:
            check.fail(
                ("items", index, "number"),
                f"item {entry.number} appears again; "
                f"it is already at items[{first[entry.number] + 1}]",
                "classify each item once: delete one of the two, or correct its number",
            )
        else:
            first[entry.number] = index
    missing = [n for n in KEY if n not in first]
    if missing:
        if len(missing) <= 3:
            names = "; ".join(f"{n} ({KEY[n].item})" for n in missing)
        else:
            names = ", ".join(str(n) for n in missing)
        check.fail(
            "items",
            f"{'this item is' if len(missing) == 1 else f'{len(missing)} items are'} "
            f"missing: {names}",
            "add one entry per item with number, label and reason; the template lists all 15",
        )


@exercise.rule(
    "CLASSIFY-VOCABULARY",
    "Items 1-8 are labelled service or component; items 9-15 outcome or output.",
)
def vocabulary(doc: Classification, check: Check) -> None:
    for index, entry in enumerate(doc.items):
        if not _in_vocabulary(entry):
            allowed = _vocabulary(entry.number)
            kind = "a thing IT runs or uses" if entry.number <= 8 else "a measure"
            check.fail(
                ("items", index, "label"),
                f"item {entry.number} is {kind}, so '{entry.label}' does not apply",
                f"label it '{allowed[0]}' or '{allowed[1]}'",
            )


@exercise.rule(
    "CLASSIFY-KEY",
    "Each label matches the key (the business customer's point of view); items 3 and 5 "
    "may be 'service' when the reason takes IT's or the supplier manager's view.",
)
def key(doc: Classification, check: Check) -> None:
    for index, entry in enumerate(doc.items):
        expected = KEY.get(entry.number)
        if expected is None or not _in_vocabulary(entry) or entry.label == expected.label:
            continue  # unknown numbers and wrong vocabulary are reported by other rules
        if (
            entry.number in SUPPLIER_VIEW_ITEMS
            and entry.label == "service"
            and _takes_supplier_view(entry.reason)
        ):
            continue
        hint = f"the key takes the business customer's view: {expected.why}"
        if entry.number in SUPPLIER_VIEW_ITEMS and entry.label == "service":
            hint += (
                "; if you meant IT's or the supplier manager's point of view, say so in the reason"
            )
        check.fail(
            ("items", index, "label"),
            f"item {entry.number} ({expected.item}) is labelled {entry.label}; "
            f"the key says {expected.label}",
            hint,
        )


@exercise.rule(
    "CLASSIFY-REASON",
    f"Every item has a reason of {MIN_REASON_WORDS} to {MAX_REASON_WORDS} words.",
)
def reason(doc: Classification, check: Check) -> None:
    for index, entry in enumerate(doc.items):
        count = len(_WORD.findall(entry.reason))
        if count == 0:
            check.fail(
                ("items", index, "reason"),
                f"item {entry.number} has no reason",
                "write one sentence: whose view you take, and whether they would value it "
                "on its own or recognise it as the result they want",
            )
        elif count < MIN_REASON_WORDS:
            check.fail(
                ("items", index, "reason"),
                f"the reason for item {entry.number} has {count} words; "
                f"it needs at least {MIN_REASON_WORDS}",
                "name the customer and apply the test: would they value it on its own, "
                "or recognise it as the result they want?",
            )
        elif count > MAX_REASON_WORDS:
            check.fail(
                ("items", index, "reason"),
                f"the reason for item {entry.number} has {count} words; "
                f"keep it to {MAX_REASON_WORDS}",
                "one sentence is enough: whose view, and what they would value",
            )


def _rewrite_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with an output's rewrite, as (message, hint), or None."""
    words = len(_WORD.findall(text))
    if not words:
        return (
            "it has no rewrite as an outcome measure",
            "ask 'so that what?' until the customer would recognise the result, "
            "e.g. 'share of depot mornings with every truck out by 06:30'",
        )
    if not MIN_REWRITE_WORDS <= words <= MAX_REWRITE_WORDS:
        return (
            f"its rewrite has {words} word{'' if words == 1 else 's'}; "
            f"it needs {MIN_REWRITE_WORDS} to {MAX_REWRITE_WORDS}",
            "name the result and what you count, e.g. 'share of depot mornings "
            "with no scanner sync delay'",
        )
    lowered = " ".join(text.casefold().split())
    for start in COUNT_STARTS:
        if lowered == start or lowered.startswith(start + " "):
            return (
                f"its rewrite starts with '{start}': a count of things, not a result",
                "state the result as a share or a rate the customer would recognise, "
                "e.g. 'share of ...' or '... per 10,000 parcels'",
            )
    for phrase in ACTIVITY_PHRASES:
        if re.search(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", lowered):
            return (
                f"its rewrite still measures IT activity ('{phrase}')",
                "keep asking 'so that what?' until you reach something the depot "
                "manager or the customer would recognise",
            )
    return None


@exercise.rule(
    "CLASSIFY-REWRITE",
    f"Every item labelled output has a rewrite as an outcome measure ({MIN_REWRITE_WORDS} to "
    f"{MAX_REWRITE_WORDS} words, not starting with 'number of', 'count of', 'amount of' or "
    "'tickets', and not naming IT activity such as 'tickets closed', 'changes approved' or "
    "'server availability'); other items have no rewrite (null or empty).",
)
def rewrite(doc: Classification, check: Check) -> None:
    for index, entry in enumerate(doc.items):
        if not _in_vocabulary(entry):
            continue  # reported by CLASSIFY-VOCABULARY
        text = (entry.rewrite or "").strip()
        path = ("items", index, "rewrite")
        if entry.label != "output":
            if text:
                check.fail(
                    path,
                    f"item {entry.number} is labelled {entry.label} but has a rewrite",
                    "only outputs are rewritten: set rewrite to null, or relabel the item "
                    "if you think it is an output",
                )
            continue
        problem = _rewrite_problem(text)
        if problem:
            message, hint = problem
            check.fail(path, f"item {entry.number} is labelled output, but {message}", hint)
