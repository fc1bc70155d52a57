"""The schema of flo-04-change, and the facts of the Brightwater case it reads.

The catalogue, the key and the ratings the requests' facts fix live in
case.yaml; the validator's rules are in validator.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text, local_datetime, numbered_id
from curriculum.validation.toolkit import load_case

# --- the supplied data: catalogue, batch and key, from case.yaml --------------------------

CASE = load_case()
CATALOGUE: dict[str, str] = CASE["catalogue"]
KEY: dict[str, dict[str, Any]] = CASE["changes"]
#: the template's factors by id: a fact about F3 holds while F3 is still about rollback
FACTOR_NAMES = {fid: f["name"] for fid, f in CASE["model"]["factors"].items()}

Kind = Literal["standard", "normal", "emergency"]
Band = Literal["low", "high"]
Route = Literal["pre-approved", "peer-review", "service-owner", "emergency"]
Stage = Literal["before-deploy", "after-deploy"]

TOTAL_WEIGHT: int = CASE["model"]["total_weight"]
MIN_FACTORS, MAX_FACTORS = 3, 7
MIN_CHECKLIST, MAX_CHECKLIST = 3, 8
MIN_GATES, MAX_GATES = 3, 10
MAX_WINDOW_HOURS = 8
LOAD_OUT = tuple(dt.time.fromisoformat(CASE["load_out"][k]) for k in ("start", "end"))
LOAD_OUT_DAYS = {
    ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun").index(d) for d in CASE["load_out"]["days"]
}
LOAD_OUT_TEXT = f"{CASE['load_out']['start']}-{CASE['load_out']['end']}, Monday to Saturday"

_STAMP_HINT = "write it as YYYY-MM-DD HH:MM in Brightwater's local time, e.g. 2026-02-08 10:00"


def _stamp(value: Any) -> dt.datetime:
    return local_datetime(value, _STAMP_HINT)


Stamp = Annotated[dt.datetime, BeforeValidator(_stamp)]
FactorId = Annotated[StrictStr, AfterValidator(numbered_id("F", "F1"))]
GateId = Annotated[StrictStr, AfterValidator(numbered_id("G", "G1"))]
Rating = Annotated[StrictInt, Field(ge=1, le=3)]


# --- the schema -------------------------------------------------------------------------


class Factor(Artefact):
    id: Annotated[FactorId, Field(description="F and a number, e.g. F1")]
    name: Annotated[Text, Field(description="what the factor asks about the change")]
    weight: Annotated[StrictInt, Field(ge=1, le=5, description="a whole number from 1 to 5")]


class RiskModel(Artefact):
    factors: Annotated[
        list[Factor], Field(min_length=1, max_length=12, description="the factors and weights")
    ]
    high_from: Annotated[
        StrictInt,
        Field(ge=11, le=30, description="scores from this number up are in the high band"),
    ]


class Window(Artefact):
    start: Annotated[Stamp, Field(description="when the change may start: YYYY-MM-DD HH:MM")]
    end: Annotated[Stamp, Field(description="when it must be finished: YYYY-MM-DD HH:MM")]


class Change(Artefact):
    id: Annotated[Text, Field(description="the change request id, e.g. CHG-3101")]
    summary: Annotated[
        StrictStr | None, Field(default=None, description="optional: a few words, for you")
    ]
    type: Annotated[Kind, Field(description="standard, normal or emergency")]
    standard_ref: Annotated[
        StrictStr | None,
        Field(default=None, description="standard changes: the catalogue entry, e.g. SC-01"),
    ]
    incident: Annotated[
        StrictStr | None,
        Field(default=None, description="emergency changes: the incident, e.g. INC-51890"),
    ]
    ratings: Annotated[
        dict[StrictStr, Rating] | None,
        Field(default=None, description="normal and emergency: each factor id rated 1 to 3"),
    ]
    score: Annotated[
        StrictInt | None, Field(default=None, description="the sum of weight x rating")
    ]
    band: Annotated[Band | None, Field(default=None, description="low or high")]
    route: Annotated[
        Route, Field(description="pre-approved, peer-review, service-owner or emergency")
    ]
    window: Annotated[
        Window | None, Field(default=None, description="high band: when it may go ahead")
    ]
    main_risk: Annotated[
        StrictStr | None,
        Field(default=None, description="what could go wrong, and for whom"),
    ]
    rollback: Annotated[
        list[StrictStr],
        Field(default_factory=list, max_length=20, description="the steps to undo it"),
    ]
    test_evidence: Annotated[
        list[StrictStr],
        Field(default_factory=list, max_length=20, description="what was tested and the result"),
    ]


class PeerReview(Artefact):
    reviewer: Annotated[Text, Field(description="who reviews a change, as a role in the team")]
    checklist: Annotated[
        list[StrictStr], Field(max_length=20, description="what the reviewer checks")
    ]


class Gate(Artefact):
    id: Annotated[GateId, Field(description="G and a number, e.g. G1")]
    stage: Annotated[Stage, Field(description="before-deploy or after-deploy")]
    check: Annotated[Text, Field(description="what the pipeline checks automatically")]
    blocks_when: Annotated[
        StrictStr, Field(description="the condition that stops or rolls back the change")
    ]


class ChangeRisk(Artefact):
    model: Annotated[RiskModel, Field(description="the risk model: factors, weights, threshold")]
    changes: Annotated[
        list[Change], Field(max_length=20, description="the seven change requests, routed")
    ]
    peer_review: Annotated[PeerReview, Field(description="how a peer reviews a change")]
    gates: Annotated[
        list[Gate], Field(max_length=20, description="the automated gates of the pipeline")
    ]
