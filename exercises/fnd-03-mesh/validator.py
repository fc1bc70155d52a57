"""Checks a practice mesh: six Brightwater situations, each classified by its
Cynefin domain and matched with a practice from a named framework (module fnd-03).

The key below is the course's classification. The response pattern is checked
against the domain the learner chose, so a wrong domain is reported once (by
MESH-DOMAIN), not twice. Licences are the ones the course's sources give; ITIL 4
and VeriSM are commercial publications, Google's SRE books and the KCS v6 guide
are free to read online without an open licence being claimed here.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, NamedTuple

from pydantic import Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Text = Annotated[StrictStr, Field(min_length=1)]
SituationId = Literal["S1", "S2", "S3", "S4", "S5", "S6"]
Domain = Literal["clear", "complicated", "complex", "chaotic"]
Response = Literal[
    "sense-categorise-respond",
    "sense-analyse-respond",
    "probe-sense-respond",
    "act-sense-respond",
]
Framework = Literal["FitSM", "ITIL 4", "VeriSM", "SIAM BoK", "Google SRE", "KCS v6"]
Licence = Literal[
    "CC BY 4.0",
    "CC BY-NC-ND",
    "free to read online",
    "proprietary (commercial publication)",
]


class Key(NamedTuple):
    title: str
    domain: str
    why: str


#: the course's key: situation -> its title, its Cynefin domain and why
KEY: dict[str, Key] = {
    "S1": Key(
        "Route Planner's nightly run is finishing later each week",
        "complicated",
        "run time rises with parcel volume and the logs exist, so experts can analyse the "
        "trend and find the right answer before peak",
    ),
    "S2": Key(
        "Parcel Tracking is down on a December evening",
        "chaotic",
        "the service is down at peak, the signals contradict each other and no pattern is "
        "visible yet: act to stabilise first, then make sense of it",
    ),
    "S3": Key(
        "Handhelds stuck on the sync screen after a battery swap",
        "clear",
        "the cause is obvious and the same fix always works; the need is to recognise the "
        "case and apply the known fix, everywhere and at any hour",
    ),
    "S4": Key(
        "Supplier reviews that turn into arguments about service credits",
        "complex",
        "how each supplier's people respond to a new way of working cannot be predicted; "
        "only small trials show what works",
    ),
    "S5": Key(
        "Invoices a penny out in the Business Customer Portal",
        "complicated",
        "the difference can be reproduced and the release points to a cause, so analysis "
        "by people with the right expertise will find the answer",
    ),
    "S6": Key(
        "Scanners slow to sync at load-out, again",
        "complex",
        "expert fixes helped in some places and not others, people adapted their behaviour "
        "and the experts disagree: cause and effect are only clear in hindsight",
    ),
}

#: the response pattern that belongs to each Cynefin domain
RESPONSE: dict[str, str] = {
    "clear": "sense-categorise-respond",
    "complicated": "sense-analyse-respond",
    "complex": "probe-sense-respond",
    "chaotic": "act-sense-respond",
}

#: the licence (or terms) of each framework's source, as the course's sources give it
LICENCE: dict[str, str] = {
    "FitSM": "CC BY 4.0",
    "ITIL 4": "proprietary (commercial publication)",
    "VeriSM": "proprietary (commercial publication)",
    "SIAM BoK": "CC BY-NC-ND",
    "Google SRE": "free to read online",
    "KCS v6": "free to read online",
}

#: what each framework's terms let Brightwater do, for the hint when a licence is wrong
TERMS: dict[str, str] = {
    "FitSM": "its standard and templates may be shared and adapted, with attribution",
    "ITIL 4": "it is a commercial publication: you buy it, and you may not copy its text",
    "VeriSM": "it is a commercial publication: you buy it, and you may not copy its text",
    "SIAM BoK": "it may be shared unchanged and non-commercially, with attribution, "
    "but not adapted",
    "Google SRE": "the books can be read online without paying; free to read is not an "
    "open licence to copy or adapt",
    "KCS v6": "the guide can be read online without paying; free to read is not an "
    "open licence to copy or adapt",
}

MIN_JUSTIFICATION_WORDS = 25
MIN_FRAMEWORKS = 3
_WORD = re.compile(r"[\w'’-]+")


class Situation(Artefact):
    id: Annotated[SituationId, Field(description="the situation's id, S1 to S6")]
    title: Annotated[
        StrictStr | None,
        Field(default=None, description="optional: the situation's title, for your reference"),
    ]
    domain: Annotated[
        Domain, Field(description="the Cynefin domain: clear, complicated, complex or chaotic")
    ]
    response: Annotated[
        Response, Field(description="the response pattern that belongs to the domain")
    ]
    practice: Annotated[Text, Field(description="the practice you would use, in a sentence")]
    framework: Annotated[Framework, Field(description="the framework the practice comes from")]
    licence: Annotated[Licence, Field(description="the licence or terms of that framework")]
    justification: Annotated[
        StrictStr,
        Field(description=f"why this practice fits, at least {MIN_JUSTIFICATION_WORDS} words"),
    ]


class PracticeMesh(Artefact):
    situations: Annotated[
        list[Situation], Field(description="the six situations, S1 to S6, each once")
    ]


exercise = Exercise(schema=PracticeMesh)


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


@exercise.rule("MESH-SITUATIONS", "The file has the six situations S1 to S6, each once.")
def situations(doc: PracticeMesh, check: Check) -> None:
    first: dict[str, int] = {}
    for index, entry in enumerate(doc.situations):
        if entry.id in first:
            check.fail(
                ("situations", index, "id"),
                f"{entry.id} appears again; it is already at situations[{first[entry.id] + 1}]",
                "answer each situation once: delete one of the two, or correct its id",
            )
        else:
            first[entry.id] = index
    missing = [sid for sid in KEY if sid not in first]
    if missing:
        names = "; ".join(f"{sid} ({KEY[sid].title})" for sid in missing)
        check.fail(
            "situations",
            f"{'this situation has' if len(missing) == 1 else 'these situations have'} "
            f"no entry: {names}",
            "add an entry for each; the template lists all six",
        )


@exercise.rule(
    "MESH-DOMAIN",
    "Each situation's Cynefin domain matches the course's key; every mismatch is explained.",
)
def domain(doc: PracticeMesh, check: Check) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(doc.situations):
        if entry.id in seen:
            continue  # a repeated id is reported by MESH-SITUATIONS
        seen.add(entry.id)
        expected = KEY[entry.id]
        if entry.domain != expected.domain:
            check.fail(
                ("situations", index, "domain"),
                f"{entry.id} ({expected.title}) is classified as {entry.domain}; "
                f"the key says {expected.domain}",
                f"{expected.why}; ask how well cause and effect can be known right now",
            )


@exercise.rule(
    "MESH-RESPONSE",
    "The response pattern belongs to the domain you chose: clear, sense-categorise-respond; "
    "complicated, sense-analyse-respond; complex, probe-sense-respond; chaotic, "
    "act-sense-respond.",
)
def response(doc: PracticeMesh, check: Check) -> None:
    for index, entry in enumerate(doc.situations):
        expected = RESPONSE[entry.domain]
        if entry.response != expected:
            check.fail(
                ("situations", index, "response"),
                f"{entry.id} is classified as {entry.domain}, but its response is {entry.response}",
                f"a {entry.domain} situation calls for {expected}; if you meant "
                f"{entry.response}, check the domain instead",
            )


@exercise.rule(
    "MESH-LICENCE",
    "Each practice's licence is the one that applies to its framework: FitSM, CC BY 4.0; "
    "SIAM BoK, CC BY-NC-ND; Google SRE and KCS v6, free to read online; ITIL 4 and VeriSM, "
    "proprietary (commercial publication).",
)
def licence(doc: PracticeMesh, check: Check) -> None:
    for index, entry in enumerate(doc.situations):
        expected = LICENCE[entry.framework]
        if entry.licence != expected:
            check.fail(
                ("situations", index, "licence"),
                f"{entry.id} names {entry.framework} with the licence '{entry.licence}'; "
                f"{entry.framework} is '{expected}'",
                f"write '{expected}': {TERMS[entry.framework]}",
            )


@exercise.rule(
    "MESH-JUSTIFICATION",
    f"Each justification has at least {MIN_JUSTIFICATION_WORDS} words and is not repeated "
    "from another situation.",
)
def justification(doc: PracticeMesh, check: Check) -> None:
    seen: dict[str, str] = {}
    for index, entry in enumerate(doc.situations):
        path = ("situations", index, "justification")
        count = len(_WORD.findall(entry.justification))
        if count < MIN_JUSTIFICATION_WORDS:
            check.fail(
                path,
                f"the justification for {entry.id} has {count} word{'' if count == 1 else 's'}; "
                f"it needs at least {MIN_JUSTIFICATION_WORDS}",
                "say what the domain asks for, why this practice supports that response, "
                "and whether its licence or cost suits Brightwater",
            )
            continue
        key = _normal(entry.justification)
        if key in seen:
            check.fail(
                path,
                f"the justification for {entry.id} repeats the one for {seen[key]}",
                "each situation needs its own reason, tied to what makes it clear, "
                "complicated, complex or chaotic",
            )
        else:
            seen[key] = entry.id


@exercise.rule(
    "MESH-TOOLKIT",
    f"The practices draw on at least {MIN_FRAMEWORKS} different frameworks: a toolkit, "
    "not one framework for everything.",
)
def toolkit(doc: PracticeMesh, check: Check) -> None:
    used = sorted({entry.framework for entry in doc.situations})
    if doc.situations and len(used) < MIN_FRAMEWORKS:
        check.fail(
            "situations",
            f"all the practices come from {' and '.join(used)}; "
            f"use at least {MIN_FRAMEWORKS} different frameworks",
            "for each situation ask which framework's scope fits it best, e.g. knowledge "
            "reuse (KCS v6), several suppliers (SIAM BoK), reliability targets (Google SRE)",
        )
