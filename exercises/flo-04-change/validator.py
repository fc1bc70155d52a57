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

The catalogue, the key and the ratings the requests' facts fix live in
case.yaml. Text checks look for what a marker rejects (a risk that names no one,
a rollback that never checks, a gate left to someone's judgement), not for a
number of words; whether a rating or a design is sound is left to the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import local_datetime, numbered_id
from curriculum.validation.toolkit import duplicates, listed, load_case, plural, words

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

#: approval bodies outside the team: the evidence says they slow changes without making them safer
EXTERNAL_APPROVERS = ("CAB", "change advisory board", "change board", "change manager")
#: words before an approver that say it is *not* the reviewer ("a peer, not the CAB")
NEGATION = re.compile(
    r"\b(not|no|never|instead of|rather than|without|nor|except)\b\W+(\w+\W+){0,5}$", re.I
)
#: phrases that leave a gate's decision to a person's mood or judgement, not a test
JUDGEMENT = (
    *("as needed", "when needed", "if needed", "as appropriate", "where appropriate"),
    *("if necessary", "when necessary", "as required", "if required", "where possible"),
    *("if possible", "at their discretion", "thinks", "feels", "decides", "judges"),
    *("is not happy", "is not comfortable", "is unhappy", "is worried", "looks risky"),
    *("seems risky", "looks wrong", "seems wrong", "approve", "approves", "sign off"),
)
#: a main risk that names no one: it could fail, something breaks
GENERIC_RISK = re.compile(
    r"^(it|the change|this|something|things?)\s+(could|may|might|can|will)?\s*"
    r"(fail|go wrong|break|not work|have (a )?problems?|cause (an )?issues?)\W*$",
    re.I,
)
#: words that confirm a rollback worked: the last safeguard a marker looks for
CONFIRM = re.compile(
    r"\b(check|checks|checked|checking|confirm\w*|verif\w*|ensure\w*|make sure|test\w*|"
    r"watch\w*|monitor\w*|see (if|that|whether)|look (if|that|whether)|validat\w*|"
    r"smoke|synthetic|passes|works? again|is back)\b",
    re.I,
)
#: test evidence that says nothing: one word, or a placeholder
EMPTY_EVIDENCE = {"ok", "tested", "tested ok", "done", "yes", "passed", "fine", "n/a", "tbd"}

_STAMP_HINT = "write it as YYYY-MM-DD HH:MM in Brightwater's local time, e.g. 2026-02-08 10:00"


def _stamp(value: Any) -> dt.datetime:
    return local_datetime(value, _STAMP_HINT)


Text = Annotated[StrictStr, Field(min_length=1)]
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


def _ref(text: str | None, prefix: str) -> str:
    """'sc 1', 'SC01' and 'SC-01' are the same entry; 'inc51890' is INC-51890."""
    found = re.fullmatch(prefix + r"\s*[-_ ]?\s*(\d+)", (text or "").strip(), re.I)
    if not found:
        return (text or "").strip()
    digits = found.group(1)
    return f"{prefix}-{digits.zfill(2) if prefix == 'SC' else digits}"


def _show(stamp: dt.datetime) -> str:
    return stamp.strftime("%a %Y-%m-%d %H:%M")


def _load_out_clash(start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
    """The start of the first morning load-out the window overlaps."""
    day = start.date()
    while day <= end.date():
        begin, finish = (dt.datetime.combine(day, t) for t in LOAD_OUT)
        if day.weekday() in LOAD_OUT_DAYS and start < finish and end > begin:
            return begin
        day += dt.timedelta(days=1)
    return None


def _repeated(check: Check, path: tuple[str, ...], ids: list[str], what: str) -> None:
    """One finding per repeated id, at its second use."""
    for repeated in duplicates(ids):
        index = len(ids) - 1 - ids[::-1].index(repeated)
        check.fail((*path, index, "id"), f"{what} {repeated} is used twice", "give each its own id")


def _phrase(text: str, phrases: tuple[str, ...], negated: bool = False) -> str | None:
    """The first phrase found as whole words; with ``negated``, one not said to be excluded."""
    for phrase in phrases:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if not (negated and NEGATION.search(text[: match.start()])):
                return match.group(0)
    return None


# --- the rules: classification ------------------------------------------------------------


@exercise.rule(
    "CHANGE-BATCH",
    "The file routes the seven change requests of the week, CHG-3101 to CHG-3107, each once.",
)
def batch(doc: ChangeRisk, check: Check) -> None:
    ids = [c.id for c in doc.changes]
    for repeated in duplicates(ids):
        index = len(ids) - 1 - ids[::-1].index(repeated)
        check.fail(("changes", index, "id"), f"{repeated} appears twice", "route each once")
    for index, cid in enumerate(ids):
        if cid not in KEY:
            check.fail(
                ("changes", index, "id"),
                f"'{cid}' is not one of this week's change requests",
                "use the ids from the template: " + listed(KEY),
            )
    missing = [cid for cid in KEY if cid not in ids]
    if missing:
        check.fail(
            "changes",
            f"{'this change is' if len(missing) == 1 else 'these changes are'} missing: "
            + listed(missing),
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
        if key is not None and change.type != key["type"]:
            check.fail(
                ("changes", index, "type"),
                f"{change.id} is classified {change.type}; the key says {key['type']}",
                key["why"],
            )


@exercise.rule(
    "CHANGE-STANDARD-REF",
    "A change classified standard names the catalogue entry it follows (SC-01 to SC-04, in any "
    "letter case), and it is the entry that fits; normal and emergency changes name none.",
)
def standard_ref(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        path, ref = ("changes", index, "standard_ref"), _ref(change.standard_ref, "SC")
        wanted = KEY.get(change.id, {}).get("standard_ref")
        if change.type != "standard":
            if ref:
                check.fail(
                    path,
                    f"{change.id} is classified {change.type} but names catalogue entry '{ref}'",
                    "only standard changes follow a catalogue entry: set standard_ref to null",
                )
        elif ref not in CATALOGUE:
            check.fail(
                path,
                f"{change.id} is classified standard but names "
                + (f"'{ref}', which is not a catalogue entry" if ref else "no catalogue entry"),
                "a standard change is pre-approved because it follows an agreed entry: name "
                "one of " + listed(CATALOGUE, "or"),
            )
        elif wanted and ref != wanted:
            check.fail(
                path,
                f"{change.id} names {ref} ({CATALOGUE[ref]}), which does not fit it",
                f"the entry that fits is {wanted}: {CATALOGUE[wanted]}",
            )


@exercise.rule(
    "CHANGE-INCIDENT",
    "A change classified emergency names the incident it restores service for (in this batch "
    "INC-51890); standard and normal changes name none (incident: null).",
)
def incident(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        path, ref = ("changes", index, "incident"), _ref(change.incident, "INC")
        wanted = KEY.get(change.id, {}).get("incident")
        if change.type != "emergency" and ref:
            check.fail(
                path,
                f"{change.id} is classified {change.type} but names incident '{ref}'",
                "only an emergency change restores service during an incident: set incident "
                "to null, or reclassify the change if that is what it does",
            )
        elif change.type == "emergency" and not ref:
            check.fail(
                path,
                f"{change.id} is classified emergency but names no incident",
                "an emergency change restores a service during an incident: name the "
                "incident, or classify the change as normal",
            )
        elif change.type == "emergency" and wanted and ref != wanted:
            check.fail(
                path,
                f"{change.id} names incident '{ref}'",
                f"the incident in the change request is {wanted}",
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
    ids = [f.id for f in factors]
    _repeated(check, ("model", "factors"), ids, "factor id")
    if not MIN_FACTORS <= len(factors) <= MAX_FACTORS:
        check.fail(
            "model.factors",
            f"the model has {plural(len(factors), 'factor')}; it needs {MIN_FACTORS} to "
            f"{MAX_FACTORS}",
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
        path = ("changes", index, "ratings")
        if change.ratings is None:
            if _assessed(change):
                check.fail(
                    path,
                    f"{change.id} is a {change.type} change but has no ratings",
                    "rate it on every factor: " + ", ".join(f"{f}: 1-3" for f in factors),
                )
            continue
        missing = [f for f in factors if f not in change.ratings]
        if missing:
            check.fail(
                path,
                f"{change.id} has no rating for " + listed(missing),
                "rate every factor of the model from 1 to 3, using the anchors in the template",
            )
        for factor in (f for f in change.ratings if f not in factors):
            check.fail(
                (*path, factor),
                f"{change.id} rates '{factor}', which is not a factor of the model",
                "use the model's factor ids: " + listed(factors),
            )


@exercise.rule(
    "CHANGE-RATING-FACT",
    "A rating does not contradict a fact the change request states plainly, by the anchors: "
    "a 90-minute rollback is over 60 minutes, all 38 depots is all depots, a first time is a "
    "first time. (Ratings that are a matter of judgement are left to the reviewer.)",
)
def rating_fact(doc: ChangeRisk, check: Check) -> None:
    names = {f.id: f.name.casefold() for f in doc.model.factors}
    for index, change in enumerate(doc.changes):
        facts = KEY.get(change.id, {}).get("facts", {})
        if not _assessed(change) or change.ratings is None:
            continue
        for factor, (wanted, fact) in facts.items():
            given = change.ratings.get(factor)
            same_factor = FACTOR_NAMES[factor].casefold() in names.get(factor, "")
            if given is not None and same_factor and given != wanted:
                check.fail(
                    ("changes", index, "ratings", factor),
                    f"{change.id} rates {factor} ({FACTOR_NAMES[factor]}) {given}, but {fact}",
                    f"by the anchors in the template that is a {wanted}; rate it {wanted} and "
                    "recompute the score",
                )


@exercise.rule(
    "CHANGE-SCORE",
    "Each rated change's score equals the sum, over the model's factors, of weight x rating.",
)
def score(doc: ChangeRisk, check: Check) -> None:
    weights = _weights(doc)
    for index, change in enumerate(doc.changes):
        if change.ratings is None or set(change.ratings) != set(weights):
            continue  # missing or unknown factors are reported by CHANGE-RATINGS
        expected = sum(weights[f] * change.ratings[f] for f in weights)
        how = " + ".join(f"{weights[f]} x {change.ratings[f]}" for f in weights)
        if change.score is None:
            check.fail(
                ("changes", index, "score"),
                f"{change.id} is rated but has no score; expected {expected}",
                f"it is computed as {how} (weight x rating for each factor)",
            )
        else:
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
            check.fail(
                path,
                f"{change.id} scores {change.score}, so its band is {expected}, not "
                f"{change.band or 'missing'}",
                f"the model's threshold is high_from: {threshold}; scores of {threshold} or more "
                "are high, lower scores are low",
            )


ROUTES = {
    "standard": ("pre-approved", "standard changes are approved once, in advance"),
    "emergency": (
        "emergency",
        "emergency changes are approved on the spot by the incident commander and the "
        "service owner, and reviewed afterwards",
    ),
    "low": ("peer-review", "low-risk normal changes need a peer and the gates"),
    "high": ("service-owner", "high-risk normal changes need the service owner and a window"),
}


@exercise.rule(
    "CHANGE-ROUTE",
    "Each change's route follows its type and band: standard -> pre-approved; emergency -> "
    "emergency; normal with band low -> peer-review; normal with band high -> service-owner.",
)
def route(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        key = change.band if change.type == "normal" else change.type
        if key not in ROUTES:
            continue  # a normal change without a band: reported by CHANGE-BAND
        expected, reason = ROUTES[key]
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
    f"({LOAD_OUT_TEXT}).",
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
                    f"service's busy hours and clear of {LOAD_OUT_TEXT}",
                )
            continue
        start, end = change.window.start, change.window.end
        hours = (end - start).total_seconds() / 3600
        clash = _load_out_clash(start, end)
        if end <= start:
            check.fail(
                (*path, "end"),
                f"the window of {change.id} ends ({_show(end)}) before it starts ({_show(start)})",
                "put the end after the start",
            )
        elif hours > MAX_WINDOW_HOURS:
            check.fail(
                (*path, "end"),
                f"the window of {change.id} lasts {hours:g} hours; keep it to {MAX_WINDOW_HOURS}",
                "a long window hides a big change: split the change into steps, each with its "
                "own window and rollback",
            )
        if end > start and clash is not None:
            check.fail(
                (*path, "start"),
                f"the window of {change.id} overlaps the load-out of {_show(clash)}",
                f"move it clear of {LOAD_OUT_TEXT}: a failure then holds trucks at every depot",
            )


@exercise.rule(
    "CHANGE-MAIN-RISK",
    "Every normal and emergency change says in main_risk what could go wrong and for whom: "
    "not empty, and not only 'it could fail'.",
)
def main_risk(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        text = (change.main_risk or "").strip()
        if _assessed(change) and (not words(text) or GENERIC_RISK.match(text)):
            check.fail(
                ("changes", index, "main_risk"),
                f"the main risk of {change.id} "
                + (
                    f"('{text}') does not say what fails or who would notice"
                    if text
                    else "is empty"
                ),
                "say what could go wrong and who would notice, e.g. 'scans stop syncing at all "
                "38 depots until the old queue is restored'",
            )


@exercise.rule(
    "CHANGE-ROLLBACK",
    "Every normal and emergency change has rollback steps that undo it and end by checking "
    "that the rollback worked (a step that checks, confirms, verifies or tests the service).",
)
def rollback(doc: ChangeRisk, check: Check) -> None:
    for index, change in enumerate(doc.changes):
        steps = [s for s in change.rollback if s.strip()]
        if not _assessed(change):
            continue
        if not steps:
            check.fail(
                ("changes", index, "rollback"),
                f"{change.id} has no rollback steps",
                "write how to undo it and how you will know it is undone, e.g. 'redeploy "
                "release 2.13 from the pipeline' then 'confirm the synthetic booking check passes'",
            )
        elif not any(CONFIRM.search(step) for step in steps):
            check.fail(
                ("changes", index, "rollback"),
                f"the rollback of {change.id} undoes the change but never checks that it worked",
                "end with a step that confirms the service is back, e.g. 'confirm scans from the "
                "Northgate workshop sync again'",
            )


@exercise.rule(
    "CHANGE-TEST-EVIDENCE",
    "Every normal and emergency change has test evidence from the request: what was tested, "
    "where, and the result; an item such as 'tested' or 'OK' says none of it.",
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
            if item.strip() and (
                len(words(item)) < 2 or " ".join(words(item)).casefold() in EMPTY_EVIDENCE
            ):
                check.fail(
                    ("changes", index, "test_evidence", position),
                    f"test evidence {position + 1} of {change.id} ('{item}') does not say what "
                    "was tested",
                    "say what was tested, where, and the result, as the request tells it",
                )


# --- the rules: the design of peer review and gates ----------------------------------------


@exercise.rule(
    "CHANGE-PEER-REVIEW",
    f"The peer review happens inside the team: the reviewer is not the CAB, a change board or "
    f"the change manager (saying 'not the CAB' is fine), and the checklist has {MIN_CHECKLIST} "
    f"to {MAX_CHECKLIST} items.",
)
def peer_review(doc: ChangeRisk, check: Check) -> None:
    review = doc.peer_review
    found = _phrase(review.reviewer, EXTERNAL_APPROVERS, negated=True)
    if found:
        check.fail(
            "peer_review.reviewer",
            f"the reviewer names '{found}', an approver outside the team",
            "the DORA research found approval from outside the team slows changes without "
            "making them safer; name who does review, e.g. 'another engineer in the "
            "team that owns the service, not the author'",
        )
    items = [c for c in review.checklist if c.strip()]
    if not MIN_CHECKLIST <= len(items) <= MAX_CHECKLIST:
        check.fail(
            "peer_review.checklist",
            f"the checklist has {plural(len(items), 'item')}; it needs {MIN_CHECKLIST} to "
            f"{MAX_CHECKLIST}",
            "list what the reviewer looks at, e.g. the rollback steps, the test evidence and "
            "the timing",
        )


@exercise.rule(
    "CHANGE-GATES",
    f"The pipeline has {MIN_GATES} to {MAX_GATES} automated gates with different ids, at least "
    "one before deployment (before-deploy) and at least one that watches the service after "
    "deployment (after-deploy).",
)
def gates(doc: ChangeRisk, check: Check) -> None:
    ids = [g.id for g in doc.gates]
    _repeated(check, ("gates",), ids, "gate id")
    if not MIN_GATES <= len(doc.gates) <= MAX_GATES:
        check.fail(
            "gates",
            f"the pipeline has {plural(len(doc.gates), 'gate')}; it needs {MIN_GATES} to "
            f"{MAX_GATES}",
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
    "Every gate says when it stops or rolls back the change, in a condition a pipeline can "
    "test (such as 'any test fails' or 'error rate above 2 % for 5 minutes'), not one left to "
    "a person's judgement ('if necessary', 'if the manager thinks it is risky').",
)
def gate_condition(doc: ChangeRisk, check: Check) -> None:
    for index, gate in enumerate(doc.gates):
        path = ("gates", index, "blocks_when")
        found = _phrase(gate.blocks_when, JUDGEMENT)
        if not words(gate.blocks_when):
            check.fail(
                path,
                f"gate {gate.id} has no condition",
                "say exactly what stops the change, e.g. 'any unit or integration test fails'",
            )
        elif found:
            check.fail(
                path,
                f"the condition of gate {gate.id} leaves the decision to a person ('{found}')",
                "a pipeline cannot judge; write a condition it can test, with a threshold where "
                "one applies, e.g. 'any journey test fails' or 'error rate above 2 % for 5 "
                "minutes'",
            )
