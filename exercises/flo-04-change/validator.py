"""Checks a risk-based routing of seven Brightwater change requests (module flo-04).

The learner receives Brightwater's draft risk model, its standard change
catalogue and the seven change requests raised in the week of Monday 26 January
2026 (all in the template's comments). The artefact:

- classifies each change as standard, normal or emergency (checked against a key);
- rates every normal and emergency change on each factor of the model (1 to 3),
  declares the weighted score and the band, and chooses the route the band
  calls for (the score and the band are recomputed from the learner's own
  ratings, weights and threshold, so one wrong rating is reported once);
- gives each normal and emergency change its main risk, rollback steps and test
  evidence, and each high-band change a window clear of the morning load-out;
- designs the peer review and the automated gates that replace approval by the
  weekly change board for everything except high-risk changes.

Text checks are plain, whole-word and case-insensitive, so learners can predict
them from the rule descriptions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BeforeValidator, Field, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import local_datetime

# --- the supplied data: catalogue, batch and key ------------------------------------------

#: Brightwater's standard change catalogue, January 2026
CATALOGUE: dict[str, str] = {
    "SC-01": "add, move or replace a label printer in one depot's configuration "
    "with the scripted procedure",
    "SC-02": "enrol up to 50 new or replacement handhelds in ScanTech device management, "
    "outside 04:30-07:00",
    "SC-03": "renew a web certificate on Nimbus Cloud hosting with the scripted renewal, "
    "outside 04:30-07:00 and 17:00-21:00",
    "SC-04": "set the Parcel Tracking database connection pool to a size from 300 to 900 "
    "connections (the load-tested range), outside 17:00-21:00",
}


class Key(NamedTuple):
    kind: str
    standard_ref: str | None
    incident: str | None
    why: str


#: the seven change requests of the week of 26 January 2026 and how each is classified
KEY: dict[str, Key] = {
    "CHG-3101": Key(
        "standard",
        "SC-01",
        None,
        "replacing a label printer with the scripted procedure is exactly catalogue entry SC-01",
    ),
    "CHG-3102": Key(
        "standard",
        "SC-04",
        None,
        "600 connections is inside the load-tested range of SC-04 (300 to 900), and 14:00 is "
        "outside 17:00-21:00",
    ),
    "CHG-3103": Key(
        "normal",
        None,
        None,
        "a portal release is planned new work with no catalogue entry, and nothing is broken "
        "that it must restore",
    ),
    "CHG-3104": Key(
        "normal",
        None,
        None,
        "a first major upgrade of the message queue has no catalogue entry and no incident "
        "behind it",
    ),
    "CHG-3105": Key(
        "emergency",
        None,
        "INC-51890",
        "no routes are published and drivers need them before 06:00: the change restores "
        "service during incident INC-51890 and cannot wait",
    ),
    "CHG-3106": Key(
        "normal",
        None,
        None,
        "SC-02 covers enrolling handhelds, not pushing new firmware to every handheld; the "
        "request as raised is a normal change (split off the enrolment as SC-02 if you like)",
    ),
    "CHG-3107": Key(
        "normal",
        None,
        None,
        "the sign-in pilot is planned, has no catalogue entry and restores nothing; its small "
        "reach makes it low risk, not standard",
    ),
}

Kind = Literal["standard", "normal", "emergency"]
Band = Literal["low", "high"]
Route = Literal["pre-approved", "peer-review", "service-owner", "emergency"]
Stage = Literal["before-deploy", "after-deploy"]

TOTAL_WEIGHT = 10
MIN_FACTORS, MAX_FACTORS = 3, 7
MIN_ROLLBACK_STEPS, MIN_STEP_WORDS = 2, 4
MIN_EVIDENCE_WORDS = 4
MIN_RISK_WORDS, MAX_RISK_WORDS = 8, 60
MIN_CHECKLIST, MAX_CHECKLIST = 3, 8
MIN_GATES, MAX_GATES = 3, 10
MIN_CONDITION_WORDS, MAX_CONDITION_WORDS = 4, 60
MAX_WINDOW_HOURS = 8
#: the morning load-out, Monday to Saturday
LOAD_OUT = (dt.time(5, 0), dt.time(6, 30))
LOAD_OUT_DAYS = range(0, 6)

#: approval bodies outside the team: the evidence says they slow changes without making them safer
EXTERNAL_APPROVERS = (
    "CAB",
    "change advisory board",
    "change board",
    "advisory board",
    "change manager",
)
#: phrases that leave a gate's decision to mood rather than a condition
VAGUE = (
    "as needed",
    "when needed",
    "if needed",
    "as appropriate",
    "where appropriate",
    "when appropriate",
    "if necessary",
    "when necessary",
    "as required",
    "if required",
    "where possible",
    "if possible",
    "at their discretion",
)

_WORD = re.compile(r"[\w'’%-]+")
_STAMP_HINT = "write it as YYYY-MM-DD HH:MM in Brightwater's local time, e.g. 2026-02-08 10:00"


def _words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def _stamp(value: Any) -> dt.datetime:
    return local_datetime(value, _STAMP_HINT)


def _pattern(regex: str, example: str) -> Any:
    compiled = re.compile(regex)

    def check(value: Any) -> Any:
        if isinstance(value, str) and not compiled.fullmatch(value.strip()):
            raise PydanticCustomError(
                "string_pattern_mismatch", "wrong form", {"hint": f"write it like '{example}'"}
            )
        return value

    return check


Text = Annotated[StrictStr, Field(min_length=1)]
Stamp = Annotated[dt.datetime, BeforeValidator(_stamp)]
FactorId = Annotated[StrictStr, BeforeValidator(_pattern(r"F[0-9]{1,2}", "F1"))]
GateId = Annotated[StrictStr, BeforeValidator(_pattern(r"G[0-9]{1,2}", "G1"))]
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


exercise = Exercise(schema=ChangeRisk)


# --- helpers ----------------------------------------------------------------------------


def _assessed(change: Change) -> bool:
    """Normal and emergency changes are assessed one by one; standard ones were assessed once."""
    return change.type != "standard"


def _weights(doc: ChangeRisk) -> dict[str, int]:
    weights: dict[str, int] = {}
    for factor in doc.model.factors:
        weights.setdefault(factor.id, factor.weight)
    return weights


def _complete_ratings(doc: ChangeRisk, change: Change) -> bool:
    return change.ratings is not None and set(change.ratings) == set(_weights(doc))


def _show(stamp: dt.datetime) -> str:
    return stamp.strftime("%a %Y-%m-%d %H:%M")


def _load_out_clash(start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
    """The start of the first load-out (05:00-06:30, Monday to Saturday) the window overlaps."""
    day = start.date()
    while day <= end.date():
        if day.weekday() in LOAD_OUT_DAYS:
            begin = dt.datetime.combine(day, LOAD_OUT[0])
            finish = dt.datetime.combine(day, LOAD_OUT[1])
            if start < finish and end > begin:
                return begin
        day += dt.timedelta(days=1)
    return None


def _phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    for phrase in phrases:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return match.group(0)
    return None


# --- the rules: classification ------------------------------------------------------------


@exercise.rule(
    "CHANGE-BATCH",
    "The file routes the seven change requests of the week, CHG-3101 to CHG-3107, each once.",
)
def batch(doc: ChangeRisk, check: Check) -> None:
    seen: dict[str, int] = {}
    for index, change in enumerate(doc.changes):
        if change.id in seen:
            check.fail(
                ("changes", index, "id"),
                f"{change.id} appears again; it is already at changes[{seen[change.id] + 1}]",
                "route each change request once",
            )
        elif change.id not in KEY:
            check.fail(
                ("changes", index, "id"),
                f"'{change.id}' is not one of this week's change requests",
                "use the ids from the template: CHG-3101 to CHG-3107",
            )
        seen.setdefault(change.id, index)
    missing = [cid for cid in KEY if cid not in seen]
    if missing:
        check.fail(
            "changes",
            f"{'this change is' if len(missing) == 1 else 'these changes are'} missing: "
            + ", ".join(missing),
            "add an entry for every change request listed in the template",
        )


@exercise.rule(
    "CHANGE-TYPE",
    "Each change's type matches the key. Standard: it fits an entry of the standard change "
    "catalogue in every respect. Emergency: it must happen now to restore a service during an "
    "incident. Everything else is normal, however small or urgent it feels.",
)
def change_type(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        key = KEY.get(change.id)
        if key is None or change.type == key.kind:
            continue
        check.fail(
            ("changes", index, "type"),
            f"{change.id} is classified {change.type}; the key says {key.kind}",
            key.why,
        )


@exercise.rule(
    "CHANGE-STANDARD-REF",
    "A change classified standard names the catalogue entry it follows (SC-01 to SC-04), and "
    "it is the entry that fits; normal and emergency changes name none (standard_ref: null).",
)
def standard_ref(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        path = ("changes", index, "standard_ref")
        ref = (change.standard_ref or "").strip()
        if change.type != "standard":
            if ref:
                check.fail(
                    path,
                    f"{change.id} is classified {change.type} but names catalogue entry '{ref}'",
                    "only standard changes follow a catalogue entry: set standard_ref to null",
                )
            continue
        if not ref:
            check.fail(
                path,
                f"{change.id} is classified standard but names no catalogue entry",
                "a standard change is pre-approved because it follows an agreed entry: name it "
                "(" + ", ".join(CATALOGUE) + ")",
            )
            continue
        if ref not in CATALOGUE:
            check.fail(
                path,
                f"'{ref}' is not an entry of the standard change catalogue",
                "use one of " + ", ".join(CATALOGUE),
            )
            continue
        key = KEY.get(change.id)
        if key is not None and key.kind == "standard" and ref != key.standard_ref:
            check.fail(
                path,
                f"{change.id} names {ref} ({CATALOGUE[ref]}), which does not fit it",
                f"the entry that fits is {key.standard_ref}: {CATALOGUE[key.standard_ref or '']}",
            )


@exercise.rule(
    "CHANGE-INCIDENT",
    "A change classified emergency names the incident it restores service for (in this batch "
    "INC-51890); standard and normal changes name none (incident: null).",
)
def incident(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        path = ("changes", index, "incident")
        ref = (change.incident or "").strip()
        if change.type != "emergency":
            if ref:
                check.fail(
                    path,
                    f"{change.id} is classified {change.type} but names incident '{ref}'",
                    "only an emergency change restores service during an incident: set incident "
                    "to null, or reclassify the change if that is what it does",
                )
            continue
        if not ref:
            check.fail(
                path,
                f"{change.id} is classified emergency but names no incident",
                "an emergency change exists to restore a service during an incident: name the "
                "incident, or classify the change as normal",
            )
            continue
        key = KEY.get(change.id)
        if key is not None and key.incident and ref != key.incident:
            check.fail(
                path,
                f"{change.id} names incident '{ref}'",
                f"the incident in the change request is {key.incident}",
            )


# --- the rules: the risk model and the scores ----------------------------------------------


@exercise.rule(
    "CHANGE-MODEL",
    f"The risk model has {MIN_FACTORS} to {MAX_FACTORS} factors with different ids, and their "
    f"weights (whole numbers from 1 to 5) add up to {TOTAL_WEIGHT}, so that scores run from "
    f"{TOTAL_WEIGHT} to {3 * TOTAL_WEIGHT}.",
)
def model(doc: ChangeRisk, check: Check) -> None:
    factors = doc.model.factors
    seen: set[str] = set()
    for index, factor in enumerate(factors):
        if factor.id in seen:
            check.fail(
                ("model", "factors", index, "id"),
                f"factor id {factor.id} is used twice",
                "give each factor its own id (F1, F2...)",
            )
        seen.add(factor.id)
    if not MIN_FACTORS <= len(factors) <= MAX_FACTORS:
        check.fail(
            "model.factors",
            f"the model has {len(factors)} factor{'' if len(factors) == 1 else 's'}; "
            f"it needs {MIN_FACTORS} to {MAX_FACTORS}",
            "a few factors that people can rate the same way beat many that nobody agrees on",
        )
    total = sum(f.weight for f in factors)
    if total != TOTAL_WEIGHT:
        check.fail(
            "model.factors",
            f"the weights add up to {total}; they must add up to {TOTAL_WEIGHT}",
            "move weight between factors rather than adding it, so that scores stay between "
            f"{TOTAL_WEIGHT} and {3 * TOTAL_WEIGHT} and the threshold keeps its meaning",
        )


@exercise.rule(
    "CHANGE-RATINGS",
    "Every normal and emergency change rates each factor of the model exactly once, from 1 "
    "(low risk) to 3 (high risk). Standard changes need no ratings: they were assessed once, "
    "when their catalogue entry was agreed.",
)
def ratings(doc: ChangeRisk, check: Check) -> None:
    factors = list(_weights(doc))
    for index, change in enumerate(doc.changes):
        if change.ratings is None:
            if _assessed(change):
                check.fail(
                    ("changes", index, "ratings"),
                    f"{change.id} is a {change.type} change but has no ratings",
                    "rate it on every factor: " + ", ".join(f"{f}: 1-3" for f in factors),
                )
            continue
        missing = [f for f in factors if f not in change.ratings]
        extra = [f for f in change.ratings if f not in factors]
        if missing:
            check.fail(
                ("changes", index, "ratings"),
                f"{change.id} has no rating for " + ", ".join(missing),
                "rate every factor of the model from 1 to 3, using the anchors in the template",
            )
        for factor in extra:
            check.fail(
                ("changes", index, "ratings", factor),
                f"{change.id} rates '{factor}', which is not a factor of the model",
                "use the model's factor ids: " + ", ".join(factors),
            )


@exercise.rule(
    "CHANGE-SCORE",
    "Each rated change's score equals the sum, over the model's factors, of weight x rating.",
)
def score(doc: ChangeRisk, check: Check) -> None:
    weights = _weights(doc)
    for index, change in enumerate(doc.changes):
        if not _complete_ratings(doc, change) or change.ratings is None:
            continue  # missing or unknown factors are reported by CHANGE-RATINGS
        expected = sum(weights[f] * change.ratings[f] for f in weights)
        how = " + ".join(f"{weights[f]} x {change.ratings[f]}" for f in weights)
        if change.score is None:
            check.fail(
                ("changes", index, "score"),
                f"{change.id} is rated but has no score; expected {expected}",
                f"it is computed as {how} (weight x rating for each factor)",
            )
            continue
        check.close(
            ("changes", index, "score"),
            change.score,
            expected,
            how=f"{how} (weight x rating for each factor, added up)",
        )


@exercise.rule(
    "CHANGE-BAND",
    "Each scored change's band is 'high' when its score is at least the model's high_from, "
    "and 'low' when it is below. Normal and emergency changes need a band.",
)
def band(doc: ChangeRisk, check: Check) -> None:
    threshold = doc.model.high_from
    for index, change in enumerate(doc.changes):
        path = ("changes", index, "band")
        if change.score is None:
            if _assessed(change) and change.band is None:
                check.fail(
                    path,
                    f"{change.id} is a {change.type} change but has no band",
                    f"score it, then set band: high if the score is {threshold} or more, else low",
                )
            continue
        expected = "high" if change.score >= threshold else "low"
        if change.band != expected:
            shown = change.band or "missing"
            check.fail(
                path,
                f"{change.id} scores {change.score}, so its band is {expected}, not {shown}",
                f"the model's threshold is high_from: {threshold}; scores of {threshold} or more "
                "are high, lower scores are low",
            )


@exercise.rule(
    "CHANGE-ROUTE",
    "Each change's route follows its type and band: standard -> pre-approved; emergency -> "
    "emergency; normal with band low -> peer-review; normal with band high -> service-owner.",
)
def route(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        if change.type == "standard":
            expected, reason = "pre-approved", "standard changes are approved once, in advance"
        elif change.type == "emergency":
            expected, reason = (
                "emergency",
                "emergency changes are approved on the spot by the incident commander and the "
                "service owner, and reviewed afterwards",
            )
        elif change.band == "low":
            expected, reason = "peer-review", "low-risk normal changes need a peer and the gates"
        elif change.band == "high":
            expected, reason = (
                "service-owner",
                "high-risk normal changes need the service owner's approval and a window",
            )
        else:
            continue  # no band: reported by CHANGE-BAND
        if change.route != expected:
            check.fail(
                ("changes", index, "route"),
                f"{change.id} is routed {change.route}; a {change.type} change"
                + (f" in the {change.band} band" if change.type == "normal" else "")
                + f" goes {expected}",
                reason,
            )


@exercise.rule(
    "CHANGE-WINDOW",
    f"A change routed to the service owner has a window. Every window ends after it starts, "
    f"lasts at most {MAX_WINDOW_HOURS} hours and stays clear of the morning load-out "
    "(05:00 to 06:30, Monday to Saturday).",
)
def window(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        path = ("changes", index, "window")
        if change.window is None:
            if change.route == "service-owner":
                check.fail(
                    path,
                    f"{change.id} is routed to the service owner but has no window",
                    "give it a start and an end, agreed with the service owner, outside the "
                    "service's busy hours and clear of 05:00-06:30, Monday to Saturday",
                )
            continue
        start, end = change.window.start, change.window.end
        if end <= start:
            check.fail(
                (*path, "end"),
                f"the window of {change.id} ends ({_show(end)}) before it starts ({_show(start)})",
                "put the end after the start",
            )
            continue
        hours = (end - start).total_seconds() / 3600
        if hours > MAX_WINDOW_HOURS:
            check.fail(
                (*path, "end"),
                f"the window of {change.id} lasts {hours:g} hours; keep it to {MAX_WINDOW_HOURS}",
                "a long window hides a big change: split the change into steps, each with its "
                "own window and rollback",
            )
        clash = _load_out_clash(start, end)
        if clash is not None:
            check.fail(
                (*path, "start"),
                f"the window of {change.id} overlaps the load-out of {_show(clash)}-06:30",
                "move it clear of 05:00-06:30, Monday to Saturday: a failure then holds trucks "
                "at every depot",
            )


@exercise.rule(
    "CHANGE-MAIN-RISK",
    f"Every normal and emergency change says in main_risk what could go wrong and for whom, "
    f"in {MIN_RISK_WORDS} to {MAX_RISK_WORDS} words.",
)
def main_risk(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        if not _assessed(change):
            continue
        count = _words(change.main_risk)
        if not MIN_RISK_WORDS <= count <= MAX_RISK_WORDS:
            check.fail(
                ("changes", index, "main_risk"),
                f"the main risk of {change.id} has {count} words; it needs {MIN_RISK_WORDS} to "
                f"{MAX_RISK_WORDS}",
                "say what could go wrong and who would notice, e.g. 'scans stop syncing at all "
                "38 depots until the old queue is restored'",
            )


@exercise.rule(
    "CHANGE-ROLLBACK",
    f"Every normal and emergency change has at least {MIN_ROLLBACK_STEPS} rollback steps, "
    f"each of at least {MIN_STEP_WORDS} words.",
)
def rollback(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        if not _assessed(change):
            continue
        steps = [s for s in change.rollback if s.strip()]
        if len(steps) < MIN_ROLLBACK_STEPS:
            check.fail(
                ("changes", index, "rollback"),
                f"{change.id} has {len(steps)} rollback step{'' if len(steps) == 1 else 's'}; "
                f"it needs at least {MIN_ROLLBACK_STEPS}",
                "write how to undo it and how you will know it is undone, e.g. 'redeploy "
                "release 2.13 from the pipeline' then 'confirm the synthetic booking check passes'",
            )
        for position, step in enumerate(change.rollback):
            if step.strip() and _words(step) < MIN_STEP_WORDS:
                check.fail(
                    ("changes", index, "rollback", position),
                    f"rollback step {position + 1} of {change.id} ('{step}') is too short to "
                    "follow",
                    f"write at least {MIN_STEP_WORDS} words: what to do, to what, with which tool",
                )


@exercise.rule(
    "CHANGE-TEST-EVIDENCE",
    f"Every normal and emergency change has at least one item of test evidence, each of at "
    f"least {MIN_EVIDENCE_WORDS} words: what was tested, where, and the result.",
)
def test_evidence(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        if not _assessed(change):
            continue
        items = [e for e in change.test_evidence if e.strip()]
        if not items:
            check.fail(
                ("changes", index, "test_evidence"),
                f"{change.id} has no test evidence",
                "say what was tested, where and with what result, e.g. 'upgrade and rollback "
                "rehearsed in the test environment on 22 January: both worked'",
            )
        for position, item in enumerate(change.test_evidence):
            if item.strip() and _words(item) < MIN_EVIDENCE_WORDS:
                check.fail(
                    ("changes", index, "test_evidence", position),
                    f"test evidence {position + 1} of {change.id} ('{item}') does not say what "
                    "was tested",
                    f"write at least {MIN_EVIDENCE_WORDS} words: what, where, and the result",
                )


# --- the rules: the design of peer review and gates ----------------------------------------


@exercise.rule(
    "CHANGE-PEER-REVIEW",
    f"The peer review happens inside the team: the reviewer is not the CAB, a change board or "
    f"the change manager (say who does review, e.g. 'another engineer in the team that owns "
    f"the service'), and the checklist has {MIN_CHECKLIST} to {MAX_CHECKLIST} items.",
)
def peer_review(doc: ChangeRisk, check: Check) -> None:
    review = doc.peer_review
    found = _phrase(review.reviewer, EXTERNAL_APPROVERS)
    if found:
        check.fail(
            "peer_review.reviewer",
            f"the reviewer names '{found}', an approver outside the team",
            "the DORA research found approval from outside the team slows changes without "
            "making them safer; describe only who does review, e.g. 'another engineer in the "
            "team that owns the service, not the author'",
        )
    items = [c for c in review.checklist if c.strip()]
    if not MIN_CHECKLIST <= len(items) <= MAX_CHECKLIST:
        check.fail(
            "peer_review.checklist",
            f"the checklist has {len(items)} item{'' if len(items) == 1 else 's'}; it needs "
            f"{MIN_CHECKLIST} to {MAX_CHECKLIST}",
            "list what the reviewer looks at, e.g. the rollback steps, the test evidence and "
            "the risk ratings",
        )


@exercise.rule(
    "CHANGE-GATES",
    f"The pipeline has {MIN_GATES} to {MAX_GATES} automated gates with different ids, at least "
    "one before deployment (before-deploy) and at least one that watches the service after "
    "deployment (after-deploy).",
)
def gates(doc: ChangeRisk, check: Check) -> None:
    seen: set[str] = set()
    for index, gate in enumerate(doc.gates):
        if gate.id in seen:
            check.fail(
                ("gates", index, "id"),
                f"gate id {gate.id} is used twice",
                "give each gate its own id (G1, G2...)",
            )
        seen.add(gate.id)
    if not MIN_GATES <= len(doc.gates) <= MAX_GATES:
        check.fail(
            "gates",
            f"the pipeline has {len(doc.gates)} gate{'' if len(doc.gates) == 1 else 's'}; it "
            f"needs {MIN_GATES} to {MAX_GATES}",
            "cover tests before deployment, a check of timing or budget, and a check of the "
            "live service afterwards",
        )
    stages = {gate.stage for gate in doc.gates}
    for stage, example in (
        ("before-deploy", "automated tests must pass before the change can be deployed"),
        ("after-deploy", "roll back automatically if the SLI falls below its SLO in 10 minutes"),
    ):
        if doc.gates and stage not in stages:
            check.fail(
                "gates",
                f"no gate is {stage}",
                f"add one, e.g. '{example}': a pipeline must both stop bad changes and catch "
                "the ones that slip through",
            )


@exercise.rule(
    "CHANGE-GATE-CONDITION",
    f"Every gate says when it stops or rolls back the change, in a condition the pipeline can "
    f"check: {MIN_CONDITION_WORDS} to {MAX_CONDITION_WORDS} words and no open phrase such as "
    "'as needed', 'if necessary', 'where possible' or 'as appropriate'.",
)
def gate_condition(doc: ChangeRisk, check: Check) -> None:
    for index, gate in enumerate(doc.gates):
        path = ("gates", index, "blocks_when")
        count = _words(gate.blocks_when)
        if not MIN_CONDITION_WORDS <= count <= MAX_CONDITION_WORDS:
            check.fail(
                path,
                f"the condition of gate {gate.id} has {count} words; it needs "
                f"{MIN_CONDITION_WORDS} to {MAX_CONDITION_WORDS}",
                "say exactly what stops the change, e.g. 'any unit or integration test fails'",
            )
            continue
        found = _phrase(gate.blocks_when, VAGUE)
        if found:
            check.fail(
                path,
                f"the condition of gate {gate.id} leaves the decision open ('{found}')",
                "a pipeline cannot judge; write a condition it can test, with a threshold where "
                "one applies",
            )
