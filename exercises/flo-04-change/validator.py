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

The schema and the case's facts are in ``schema.py``, the word lists and pure
helpers in ``analysis.py``; the rules on windows, risks, rollback, evidence and
the design are in ``checks.py``, registered at the end of this file.
"""

from __future__ import annotations

from curriculum.validation import Check, Exercise
from curriculum.validation.toolkit import listed, plural

from . import checks
from .analysis import ROUTES, _assessed, _ref, _weights
from .schema import (
    CATALOGUE,
    FACTOR_NAMES,
    KEY,
    MAX_FACTORS,
    MIN_FACTORS,
    TOTAL_WEIGHT,
    ChangeRisk,
)

exercise = Exercise(schema=ChangeRisk)


# --- the rules: classification ------------------------------------------------------------


@exercise.rule(
    "CHANGE-BATCH",
    "The file routes the seven change requests of the week, CHG-3101 to CHG-3107, each once.",
)
def batch(doc: ChangeRisk, check: Check) -> None:
    ids = [c.id for c in doc.changes]
    check.unique("changes", ids, what="change", hint="route each once", field="id")
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
    check.unique("model.factors", ids, what="factor id", hint="give each its own id", field="id")
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


# the rules on windows, risks, rollback, evidence, peer review and gates, in this order
exercise.include(checks.rules)
