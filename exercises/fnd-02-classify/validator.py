"""Checks a classification of the 15 Brightwater items (module fnd-02).

The key (case.yaml) takes the point of view of Brightwater's business
customers. Items 3 and 5 (the LinkWave link, the Routewise engine) are
components of the business's services but services sold to IT by suppliers:
"service" is accepted for them when the reason says it takes that view.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.toolkit import listed, load_case, names_nobody, normal, plural, words

CASE = load_case()
#: the key: item number -> {item, label, why}
KEY: dict[int, dict[str, str]] = {int(n): entry for n, entry in CASE["items"].items()}
LAST_THING = CASE["things"][1]
THINGS, MEASURES = ("service", "component"), ("outcome", "output")
SUPPLIER_VIEW_ITEMS = set(CASE["supplier_view_items"])
#: words that show a reason takes IT's or a supplier manager's view ("IT" in capitals)
SUPPLIER_VIEW = (
    re.compile(
        r"\b(suppliers?|vendors?|providers?|SIAM|Ben|contracts?|contracted)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bIT\b"),
)
MIN_REASON_WORDS = 5
MIN_REWRITE_WORDS = 2
#: what a rewrite must not count: IT's own activity or a component's health
ACTIVITY = re.compile(
    r"\b(?:tickets?\s+(?:closed|resolved|handled|per\s+analyst)"
    r"|(?:closed|resolved|handled)\s+tickets?|ticket\s+(?:closures?|volumes?|counts?)"
    r"|number\s+of\s+tickets|calls?\s+answered"
    r"|changes?\s+(?:approved|deployed|implemented)"
    r"|(?:approved|deployed|implemented)\s+changes?"
    r"|(?:server|system|database|cluster|network)\s+(?:availability|uptime)"
    r"|availability\s+of\s+the\s+(?:[\w-]+\s+){0,3}(?:server|system|database|cluster)"
    r"|uptime)\b",
    re.IGNORECASE,
)

Label = Literal["service", "component", "outcome", "output"]


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
    return THINGS if number <= LAST_THING else MEASURES


def _in_vocabulary(entry: Item) -> bool:
    return entry.label in _vocabulary(entry.number)


def _takes_supplier_view(reason: str) -> bool:
    return any(pattern.search(reason) for pattern in SUPPLIER_VIEW)


def _rewrite_text(entry: Item) -> str:
    """The rewrite, with placeholders such as 'n/a', 'none' or '-' read as no rewrite."""
    text = (entry.rewrite or "").strip()
    return "" if names_nobody(text, ("-", "--", "null", "nil")) else text


@exercise.rule(
    "CLASSIFY-ITEMS",
    "The file has the 15 items, numbered 1 to 15, each once, and an item's name (if given) "
    "is the one its number has in the template.",
)
def items(doc: Classification, check: Check) -> None:
    by_name = {normal(entry["item"]): n for n, entry in KEY.items()}
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
        named = by_name.get(normal(entry.item or "").rstrip("."))
        if named is not None and named != entry.number:
            check.fail(
                ("items", index, "number"),
                f"this entry is numbered {entry.number}, but '{entry.item}' is item {named}",
                f"keep the number the template gives: set number to {named}, "
                "or check which item you meant to classify",
            )
    missing = [n for n in KEY if n not in first]
    if missing:
        if len(missing) <= 3:
            names = listed(f"{n} ({KEY[n]['item']})" for n in missing)
        else:
            names = listed(str(n) for n in missing)
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
            kind = "a thing IT runs or uses" if entry.number <= LAST_THING else "a measure"
            check.fail(
                ("items", index, "label"),
                f"item {entry.number} is {kind}, so '{entry.label}' does not apply",
                f"label it '{allowed[0]}' or '{allowed[1]}'",
            )


@exercise.rule(
    "CLASSIFY-KEY",
    "Each label matches the key (the business customer's point of view); items 3 and 5 "
    "may be 'service' when the reason takes IT's or a supplier's view (it names IT, the "
    "supplier, a vendor or provider, or the contract).",
)
def key(doc: Classification, check: Check) -> None:
    for index, entry in enumerate(doc.items):
        expected = KEY.get(entry.number)
        if expected is None or not _in_vocabulary(entry) or entry.label == expected["label"]:
            continue  # unknown numbers and wrong vocabulary are reported by other rules
        supplier_item = entry.number in SUPPLIER_VIEW_ITEMS and entry.label == "service"
        if supplier_item and _takes_supplier_view(entry.reason):
            continue
        hint = f"the key takes the business customer's view: {expected['why']}"
        if supplier_item:
            hint += (
                "; if you meant IT's or the supplier manager's point of view, say so in the reason"
            )
        check.fail(
            ("items", index, "label"),
            f"item {entry.number} ({expected['item']}) is labelled {entry.label}; "
            f"the key says {expected['label']}",
            hint,
        )


@exercise.rule(
    "CLASSIFY-REASON",
    f"Every item has a reason of at least {MIN_REASON_WORDS} words, as the brief asks.",
)
def reason(doc: Classification, check: Check) -> None:
    for index, entry in enumerate(doc.items):
        count = len(words(entry.reason))
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
                f"the reason for item {entry.number} has {plural(count, 'word')}; "
                f"it needs at least {MIN_REASON_WORDS}",
                "name the customer and apply the test: would they value it on its own, "
                "or recognise it as the result they want?",
            )


def _rewrite_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with an output's rewrite, as (message, hint), or None."""
    count = len(words(text))
    if not count:
        return (
            "it has no rewrite as an outcome measure",
            "ask 'so that what?' until the customer would recognise the result, "
            "e.g. 'share of depot mornings with every truck out by 06:30'",
        )
    if count < MIN_REWRITE_WORDS:
        return (
            f"its rewrite '{text}' is one word, which does not say what is counted",
            "name the result and what you count, e.g. 'share of depot mornings "
            "with no scanner sync delay'",
        )
    found = ACTIVITY.search(text)
    if found:
        return (
            f"its rewrite still counts IT activity or a component ('{found.group(0)}')",
            "keep asking 'so that what?' until you reach something the depot "
            "manager or the customer would recognise, and count that",
        )
    return None


@exercise.rule(
    "CLASSIFY-REWRITE",
    "Every item labelled output has a rewrite as an outcome measure that does not still "
    "count IT activity or a component (tickets closed, changes approved, server "
    "availability, uptime); other items have no rewrite (null, empty or 'n/a').",
)
def rewrite(doc: Classification, check: Check) -> None:
    for index, entry in enumerate(doc.items):
        if not _in_vocabulary(entry):
            continue  # reported by CLASSIFY-VOCABULARY
        text = _rewrite_text(entry)
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
