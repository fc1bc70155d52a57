"""Checks a practice mesh: six Brightwater situations, each classified by its
Cynefin domain and matched with a practice from a named framework (module fnd-03).

The key is the course's classification (case.yaml). The response pattern is
checked against the domain the learner chose, so a wrong domain is reported
once (by MESH-DOMAIN), not twice. Licences are the ones the course's sources
give; ITIL 4 and VeriSM are commercial publications. Google's SRE books and the
KCS v6 guide are free to read, but their licence is CC BY-NC-ND, like the SIAM
BoK's; "free to read online" stays a choice, so that a learner who writes it is
told what the licence actually allows.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import listed, load_case, normal, plural, word_count

CASE = load_case()
KEY: dict[str, dict[str, str]] = CASE["situations"]
RESPONSE: dict[str, str] = CASE["responses"]
FRAMEWORKS: dict[str, dict[str, Any]] = CASE["frameworks"]
MIN_JUSTIFICATION_WORDS: int = CASE["justification_words"]
MIN_FRAMEWORKS: int = CASE["min_frameworks"]


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _aliases(names: dict[str, list[str]]) -> Any:
    """A validator that reads another common spelling as the name the schema lists."""
    table = {_letters(name): name for name in names}
    table.update({alias: name for name, also in names.items() for alias in also})

    def read(value: Any) -> Any:
        return table.get(_letters(value), value) if isinstance(value, str) else value

    return BeforeValidator(read)


FRAMEWORK_NAMES = _aliases({name: f["also"] for name, f in FRAMEWORKS.items()})
LICENCE_NAMES = _aliases(CASE["licences"])

#: an opening that puts diagnosis before stabilising (wrong for act-sense-respond)
DIAGNOSE_FIRST = re.compile(
    r"^\W*(?:start\w*\s+(?:with|by)\s+|first,?\s+|begin\w*\s+(?:with|by)\s+)?(?:an?\s+|the\s+)?"
    r"(?:root[\s-]*cause|problem\s+(?:management|record|investigation)|investigat|"
    r"analy[sz]|diagnos|find\w*\s+(?:out\s+)?(?:the\s+)?cause)",
    re.IGNORECASE,
)
#: a roll-out to everything at once, and words that show a small trial instead
EVERYWHERE = re.compile(
    r"\b(?:all|every|each\s+of\s+the)\s+(?:\d+\s+|three\s+|the\s+|our\s+)*"
    r"(?:depots?|suppliers?|sites?)\b|\bat\s+once\b|\bacross\s+the\s+(?:estate|business|company)\b"
    r"|\bcompany[\s-]wide\b|\bbig[\s-]bang\b",
    re.IGNORECASE,
)
SMALL_STEP = re.compile(
    r"\b(?:trial\w*|pilot\w*|experiment\w*|probes?|small|safe[\s-]to[\s-]fail|tr(?:y|ies|ying)"
    r"|revers\w*|(?:one|two|three|a\s+few|some|\d)\s+(?:\w+\s+)?(?:depots?|suppliers?|sites?))\b",
    re.IGNORECASE,
)

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
    framework: Annotated[
        Framework, FRAMEWORK_NAMES, Field(description="the framework the practice comes from")
    ]
    licence: Annotated[
        Licence, LICENCE_NAMES, Field(description="the licence or terms of that framework")
    ]
    justification: Annotated[
        StrictStr,
        Field(description=f"why this practice fits, at least {MIN_JUSTIFICATION_WORDS} words"),
    ]


class PracticeMesh(Artefact):
    situations: Annotated[
        list[Situation], Field(description="the six situations, S1 to S6, each once")
    ]


exercise = Exercise(schema=PracticeMesh)


@exercise.rule("MESH-SITUATIONS", "The file has the six situations S1 to S6, each once.")
def situations(doc: PracticeMesh, check: Check) -> None:
    ids = [entry.id for entry in doc.situations]
    check.unique(
        "situations",
        ids,
        what="situation",
        hint="answer each situation once: delete one of the two, or correct its id",
        field="id",
    )
    missing = [sid for sid in KEY if sid not in ids]
    if missing:
        names = listed(f"{sid} ({KEY[sid]['title']})" for sid in missing)
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
        if entry.domain != expected["domain"]:
            check.fail(
                ("situations", index, "domain"),
                f"{entry.id} ({expected['title']}) is classified as {entry.domain}; "
                f"the key says {expected['domain']}",
                f"{expected['why']}; ask how well cause and effect can be known right now",
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
    "MESH-PRACTICE-FITS",
    "The practice fits the response: for a chaotic situation it does not open with a "
    "root-cause investigation; for a complex one it is a small trial, not a roll-out to "
    "every depot or supplier at once.",
)
def practice_fits(doc: PracticeMesh, check: Check) -> None:
    for index, entry in enumerate(doc.situations):
        path = ("situations", index, "practice")
        if entry.domain == "chaotic" and DIAGNOSE_FIRST.search(entry.practice):
            check.fail(
                path,
                f"{entry.id} is chaotic, but its practice starts by looking for the cause",
                "act-sense-respond means stabilising first (roll back, fail over, take "
                "command), then making sense of it: put the investigation after that",
            )
        found = EVERYWHERE.search(entry.practice)
        if entry.domain == "complex" and found and not SMALL_STEP.search(entry.practice):
            check.fail(
                path,
                f"{entry.id} is complex, but its practice goes to '{found.group(0)}' in one step",
                "probe-sense-respond needs small, reversible, observable trials: try it "
                "with one or two depots or suppliers first and widen what works",
            )


@exercise.rule(
    "MESH-LICENCE",
    "Each practice's licence is the one that applies to its framework: FitSM, CC BY 4.0; "
    "SIAM BoK, Google SRE and KCS v6, CC BY-NC-ND; ITIL 4 and VeriSM, "
    "proprietary (commercial publication).",
)
def licence(doc: PracticeMesh, check: Check) -> None:
    for index, entry in enumerate(doc.situations):
        framework = FRAMEWORKS[entry.framework]
        if entry.licence != framework["licence"]:
            check.fail(
                ("situations", index, "licence"),
                f"{entry.id} names {entry.framework} with the licence '{entry.licence}'; "
                f"{entry.framework} is '{framework['licence']}'",
                f"write '{framework['licence']}': {framework['terms']}",
            )


@exercise.rule(
    "MESH-JUSTIFICATION",
    f"Each justification has at least {MIN_JUSTIFICATION_WORDS} words, as the brief asks, "
    "and is not repeated from another situation.",
)
def justification(doc: PracticeMesh, check: Check) -> None:
    seen: dict[str, str] = {}
    for index, entry in enumerate(doc.situations):
        path = ("situations", index, "justification")
        count = word_count(entry.justification)
        key = normal(entry.justification).rstrip(". ")
        if count < MIN_JUSTIFICATION_WORDS:
            check.fail(
                path,
                f"the justification for {entry.id} has {plural(count, 'word')}; "
                f"it needs at least {MIN_JUSTIFICATION_WORDS}",
                "say what the domain asks for, why this practice supports that response, "
                "and whether its licence or cost suits Brightwater",
            )
        elif key in seen:
            check.fail(
                path,
                f"the justification for {entry.id} repeats the one for {seen[key]}",
                "each situation needs its own reason, tied to what makes it clear, "
                "complicated, complex or chaotic",
            )
        seen.setdefault(key, entry.id)


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
            f"all the practices come from {listed(used)}; "
            f"use at least {MIN_FRAMEWORKS} different frameworks",
            "for each situation ask which framework's scope fits it best, e.g. knowledge "
            "reuse (KCS v6), several suppliers (SIAM BoK), reliability targets (Google SRE)",
        )
