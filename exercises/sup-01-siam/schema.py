"""The schema of a SIAM model (sup-01), and the case's facts and vocabularies.

The structures and road-map stages are the ones in the SIAM Foundation Body of
Knowledge (Scopism, 2017), named here in the course's own words; the case's
facts are in case.yaml.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import load_case

CASE = load_case()
STRUCTURES: list[str] = CASE["structures"]
STAGES: list[str] = CASE["stages"]
LEVELS: list[str] = CASE["levels"]
MIN_REASON_WORDS: int = CASE["words"]["structure_reasons"]
MIN_ALT_WORDS: int = CASE["words"]["why_not"]
OVERNIGHT_DESK = next(n for n, s in CASE["suppliers"].items() if s.get("overnight_desk"))
INTEGRATOR_WORK = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(p.split()) for p in CASE["integrator_processes"]) + r")\b",
    re.IGNORECASE,
)
ACCOUNTABLE = {"A", "A/R"}
RESPONSIBLE = {"R", "A/R"}
TAKES_PART = {"R", "A", "A/R", "C"}
#: words that do not tell one organisation from another
FILLER = {"the", "ltd", "limited", "plc", "inc", "gmbh", "team", "teams", "&", "and"}

Structure = Literal["externally-sourced", "internally-sourced", "hybrid", "lead-supplier"]
Stage = Literal["discovery-and-strategy", "plan-and-build", "implement", "run-and-improve"]
Level = Literal["strategic", "tactical", "operational"]
Role = Literal["R", "A", "A/R", "C", "I"]


class Provider(Artefact):
    name: Annotated[Text, Field(description="the provider: a supplier or an internal team")]
    kind: Annotated[
        Literal["internal", "external"],
        Field(description="internal (a team of the customer) or external (a supplier)"),
    ]
    provides: Annotated[Text, Field(description="what it provides, in a phrase")]


class Integrator(Artefact):
    name: Annotated[Text, Field(description="the service integrator's name in this model")]
    staffed_by: Annotated[
        list[Text],
        Field(min_length=1, max_length=5, description="the organisations that perform the role"),
    ]


class Alternative(Artefact):
    structure: Annotated[Structure, Field(description="a structure you did not choose")]
    why_not: Annotated[Text, Field(description="why it fits this customer less well")]


class Process(Artefact):
    process: Annotated[Text, Field(description="an end-to-end process across providers")]
    raci: Annotated[
        dict[StrictStr, Role],
        Field(min_length=2, max_length=20, description="party name -> R, A, A/R, C or I"),
    ]


class Forum(Artefact):
    level: Annotated[Level, Field(description="strategic, tactical or operational")]
    forum: Annotated[Text, Field(description="the forum's name and purpose")]
    cadence: Annotated[Text, Field(description="how often it meets")]


class Step(Artefact):
    stage: Annotated[Stage, Field(description="the road-map stage")]
    when: Annotated[Text, Field(description="when, e.g. 'January to March 2026'")]
    activities: Annotated[
        list[Text], Field(min_length=1, max_length=12, description="what happens in this stage")
    ]


class SiamModel(Artefact):
    customer: Annotated[Text, Field(description="the customer organisation")]
    retained_capabilities: Annotated[
        list[Text],
        Field(min_length=1, max_length=15, description="what the customer layer keeps"),
    ]
    structure: Annotated[Structure, Field(description="the SIAM structure you select")]
    structure_reasons: Annotated[
        StrictStr, Field(description="why this structure fits the customer")
    ]
    alternatives: Annotated[
        list[Alternative],
        Field(max_length=3, description="the other three structures and why not"),
    ]
    integrator: Annotated[Integrator, Field(description="the service integrator")]
    providers: Annotated[
        list[Provider], Field(min_length=2, max_length=30, description="the service providers")
    ]
    processes: Annotated[
        list[Process],
        Field(min_length=3, max_length=20, description="end-to-end processes with a RACI"),
    ]
    governance: Annotated[
        list[Forum], Field(min_length=1, max_length=20, description="the governance forums")
    ]
    roadmap: Annotated[
        list[Step], Field(min_length=1, max_length=8, description="the road map, stage by stage")
    ]
