"""The helpers of lead-06-risks' rules: ids as a marker reads them, the case's links
between risks, components and controls, and what makes an owner a role."""

from __future__ import annotations

import re

from curriculum.validation.toolkit import names_nobody

from .schema import (
    BANDS,
    COMPONENT_WHAT,
    CONTROLS,
    HAS_WORD,
    INCIDENTS,
    PERSON,
    PLACEHOLDER_OWNERS,
    SUPPLIER_NAMES,
    SUPPLIER_OF,
    Rating,
    Risk,
)

#: words that make an owner a role (so 'Supplier manager for LinkWave' is Brightwater's)
ROLE_WORD = re.compile(
    r"\b(manager|owner|lead|leader|head|director|officer|chief|cio|ciso|analyst|engineer)\b",
    re.IGNORECASE,
)
BAND_RANGES = ", ".join(f"{b} {lo}-{hi}" for b, lo, hi, _days in BANDS)


def key(text: str) -> str:
    """An id as compared: capitals, no spaces or hyphens, no leading zeros (CTL-03 = ctl 3)."""
    return re.sub(r"0+(?=\d)", "", re.sub(r"[\s_-]+", "", text.upper()))


COMPONENT_IDS = {key(c): c for c in SUPPLIER_OF}
CONTROL_IDS = {key(c): c for c in CONTROLS}
INCIDENT_IDS = {key(i): i for i in INCIDENTS}


def components_of(risk: Risk) -> list[str]:
    """The case ids of the risk's components that the case knows, in order."""
    return [COMPONENT_IDS[key(c)] for c in risk.components if key(c) in COMPONENT_IDS]


def controls_of(risk: Risk) -> list[str]:
    """The case ids of the risk's controls that the case knows, in order."""
    return [CONTROL_IDS[key(c)] for c in risk.controls if key(c) in CONTROL_IDS]


def acts_on(control: str, risk: Risk) -> bool:
    return bool(set(CONTROLS[control]["components"]) & set(components_of(risk)))


def in_place(control: str) -> bool:
    return str(CONTROLS[control]["status"]).casefold() == "in place"


def product(rating: Rating) -> int:
    return rating.likelihood * rating.impact


def component_label(component: str) -> str:
    """'C2 (network links to the 38 depots, LinkWave)'."""
    supplier = SUPPLIER_OF[component]
    what = COMPONENT_WHAT[component].split(",")[0].lower()
    return f"{component} ({what}{', ' + supplier if supplier else ''})"


def owner_problem(owner: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) with an owner, or None for a role."""
    if not HAS_WORD.search(owner) or names_nobody(owner, PLACEHOLDER_OWNERS):
        return (
            "names no one who could act",
            "write the role in words, e.g. 'Depot Scanning service owner'",
        )
    supplier = SUPPLIER_NAMES.search(owner)
    if supplier and (not ROLE_WORD.search(owner) or supplier.start() == 0):
        return (
            f"is a supplier ('{supplier.group(0)}'): a supplier runs a part of the service, "
            "but the risk to Brightwater's business is Brightwater's to own",
            "name the Brightwater role, e.g. 'Depot Scanning service owner' or, for work "
            "with the supplier, 'Supplier and SIAM manager'; the supplier's part is a control",
        )
    person = PERSON.search(owner)
    if person:
        named = "" if person.group(0) == owner.strip() else f" ('{person.group(0)}')"
        return (
            f"is a person{named}, not a role",
            "name the role, not the person who holds it today, e.g. 'Depot Scanning service "
            "owner' rather than the name of today's service owner",
        )
    return None
