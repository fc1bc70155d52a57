"""Checks a service's risk register and its links to incident management (module lead-06).

Each entry states a risk as cause, event and consequence, names the role that owns
it, rates it on this course's 1-5 scales before controls (inherent) and with
today's controls (residual), links the controls that treat it from the case's list,
and says when it is next reviewed. The register then says which of the service's
recent incidents send which risks back to review.

Everything that can be recomputed is recomputed from the learner's own ratings and
the case: scores, bands, review dates, which controls are in place, which supplier
runs which component. Ids are compared as a marker reads them ('ctl-3' is CTL-03).
Whether a rating is sound is for the reviewer (exercise.yaml). The schema and the
case's facts are in ``schema.py``, the helpers in ``analysis.py``.
"""

from __future__ import annotations

import datetime as dt

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import listed

from .analysis import (
    BAND_RANGES,
    COMPONENT_IDS,
    CONTROL_IDS,
    INCIDENT_IDS,
    acts_on,
    component_label,
    components_of,
    controls_of,
    in_place,
    key,
    owner_problem,
    product,
)
from .schema import (
    BANDS,
    BUSINESS_TERMS,
    CONTROLS,
    INCIDENTS,
    REVIEWED_ON,
    SUPPLIER_OF,
    Rating,
    Register,
    Risk,
    band_of,
    long_date,
    review_days,
)

exercise = Exercise(schema=Register)


@exercise.rule("RISK-IDS-UNIQUE", "Each risk id is used once, and each incident is reviewed once.")
def ids_unique(doc: Register, check: Check) -> None:
    check.unique(
        "risks",
        [r.id for r in doc.risks],
        what="the risk id",
        hint="give each risk its own id (R1, R2...), so that an incident review names one risk",
        key=key,
        field="id",
    )
    check.unique(
        "incident_reviews",
        [r.incident for r in doc.incident_reviews],
        what="the incident",
        hint="review each incident once, listing every risk it sends back to review",
        key=key,
        field="incident",
    )


@exercise.rule(
    "RISK-IDS-KNOWN",
    "Every component, control and incident is named by its id from the brief (C1 to C4, "
    "CTL-01 to CTL-13, the five incidents), and every risk an incident review names is one "
    "of the register's.",
)
def ids_known(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        for j, component in enumerate(risk.components):
            if key(component) not in COMPONENT_IDS:
                check.fail(
                    ("risks", i, "components", j),
                    f"'{component}' is not one of {listed(SUPPLIER_OF)}, the components of "
                    "Depot Scanning",
                    "name the part of the service the risk arises from by its id in the "
                    "template, e.g. C1 for the handhelds that ScanTech runs",
                )
        for j, control in enumerate(risk.controls):
            if key(control) not in CONTROL_IDS:
                check.fail(
                    ("risks", i, "controls", j),
                    f"'{control}' is not one of the controls in the brief (CTL-01 to CTL-13)",
                    "link the controls by their ids in the brief; a control the brief does "
                    "not list belongs in the treatment, as what will be done",
                )
    ids = {key(r.id) for r in doc.risks}
    for i, review in enumerate(doc.incident_reviews):
        if key(review.incident) not in INCIDENT_IDS:
            check.fail(
                ("incident_reviews", i, "incident"),
                f"'{review.incident}' is not one of the incidents in the brief "
                f"({listed(INCIDENTS)})",
                "copy the incident's id from the brief, e.g. INC-50712",
            )
        for j, risk_id in enumerate(review.risks):
            if key(risk_id) not in ids:
                check.fail(
                    ("incident_reviews", i, "risks", j),
                    f"'{risk_id}' is not the id of a risk in this register",
                    "name a risk by the id you gave it under risks, e.g. R1",
                )


@exercise.rule(
    "RISK-CONSEQUENCE",
    "Every consequence says what the business would lose, in its own words: depots, "
    "trucks, load-out, parcels, drivers, consumers, customers, personal data, the "
    "regulator or a contract, not only what breaks in IT.",
)
def consequence(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        if not BUSINESS_TERMS.search(risk.consequence):
            check.fail(
                ("risks", i, "consequence"),
                f"the consequence of {risk.id} says what breaks in IT, not what the "
                "business would lose",
                "ask 'so what for the depots?': e.g. 'trucks held past 06:30 at all 38 "
                "depots' or 'the names and addresses of a route's consumers exposed'",
            )


@exercise.rule(
    "RISK-OWNER",
    "Every risk and every treatment is owned by a Brightwater role: not a person's name, "
    "not a placeholder such as 'TBD', 'IT' or 'security', and not a supplier, whose part "
    "is a control, not the ownership of Brightwater's risk.",
)
def owner(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        places: list[tuple[tuple[str | int, ...], str, str]] = [
            (("risks", i, "owner"), "owner", risk.owner)
        ]
        if risk.treatment is not None:
            places.append(
                (("risks", i, "treatment", "owner"), "treatment owner", risk.treatment.owner)
            )
        for path, what, name in places:
            problem = owner_problem(name)
            if problem:
                check.fail(path, f"the {what} of {risk.id}, '{name}', {problem[0]}", problem[1])


@exercise.rule(
    "RISK-SCORE",
    "Each score, inherent and residual, is its likelihood x its impact.",
)
def score(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        for part in ("inherent", "residual"):
            rating: Rating = getattr(risk, part)
            check.close(
                ("risks", i, part, "score"),
                rating.score,
                product(rating),
                how=f"likelihood {rating.likelihood} x impact {rating.impact} (multiplied, "
                "not added)",
            )


@exercise.rule(
    "RISK-BAND",
    f"Each band is the one this course gives the score: {BAND_RANGES}. (A band that "
    "follows from a wrongly computed score is reported once, as the score.)",
)
def band(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        for part in ("inherent", "residual"):
            rating: Rating = getattr(risk, part)
            expected = band_of(product(rating))
            if rating.band == expected:
                continue
            if rating.score != product(rating) and rating.band == band_of(rating.score):
                continue  # follows from the score, which RISK-SCORE reports
            check.fail(
                ("risks", i, part, "band"),
                f"the {part} band of {risk.id} is {rating.band}; a score of "
                f"{number(product(rating))} is {expected}",
                f"this course's bands are {BAND_RANGES}: read the band from the score",
            )


@exercise.rule(
    "RISK-RESIDUAL-HIGHER",
    "The residual likelihood and the residual impact are each no higher than the "
    "inherent ones: controls lower a risk, never raise it.",
)
def residual_higher(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        for scale in ("likelihood", "impact"):
            before, after = getattr(risk.inherent, scale), getattr(risk.residual, scale)
            if after > before:
                check.fail(
                    ("risks", i, "residual", scale),
                    f"the residual {scale} of {risk.id} ({after}) is above its inherent "
                    f"{scale} ({before})",
                    "rate the inherent risk as if no control were in place and the residual "
                    "with today's controls; the residual can equal the inherent, not exceed it",
                )


@exercise.rule(
    "RISK-CONTROL-COMPONENT",
    "Each control a risk links acts on one of the risk's components (the brief says which "
    "components each control acts on).",
)
def control_component(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        if not components_of(risk):
            continue  # its components are unknown: RISK-IDS-KNOWN says so
        for j, control in enumerate(risk.controls):
            found = CONTROL_IDS.get(key(control))
            if found and not acts_on(found, risk):
                covers = listed(CONTROLS[found]["components"])
                check.fail(
                    ("risks", i, "controls", j),
                    f"{found} acts on {covers}, not on {listed(components_of(risk))}, where "
                    f"{risk.id} arises",
                    "link the controls that act on the risk's own components, or add the "
                    "component to the risk if the risk arises there too",
                )


@exercise.rule(
    "RISK-RESIDUAL-CONTROL",
    "A residual score below the inherent one rests on at least one linked control that "
    "is in place on 2 March 2026: a planned control lowers nothing until it is in place.",
)
def residual_control(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        if product(risk.residual) >= product(risk.inherent):
            continue
        linked = [c for c in controls_of(risk) if acts_on(c, risk)]
        if any(in_place(c) for c in linked):
            continue
        starts: dict[str, list[str]] = {}
        for c in linked:
            if CONTROLS[c].get("from"):
                day = long_date(dt.date.fromisoformat(str(CONTROLS[c]["from"])))
                starts.setdefault(day, []).append(c)
        planned = [
            f"{listed(ids)} {'is' if len(ids) == 1 else 'are'} planned from {day}"
            for day, ids in starts.items()
        ]
        why = f" ({listed(planned)})" if planned else ""
        check.fail(
            ("risks", i, "residual"),
            f"the residual score of {risk.id} ({number(product(risk.residual))}) is below its "
            f"inherent score ({number(product(risk.inherent))}), but none of its controls is "
            f"in place on {long_date(REVIEWED_ON)}{why}",
            "rate the residual with the controls in place today; keep a planned control "
            "linked, and put it in the treatment with its date, so the score falls when it "
            "is in place",
        )


@exercise.rule(
    "RISK-SUPPLIER-CONTROL",
    "A risk that arises from a component a supplier runs (C1 ScanTech, C2 LinkWave, C4 "
    "Nimbus Cloud) links at least one control that is a clause in that supplier's "
    "contract, in place or planned.",
)
def supplier_control(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        linked = {CONTROLS[c]["supplier"] for c in controls_of(risk)}
        for component in components_of(risk):
            supplier = SUPPLIER_OF[component]
            if supplier is None or supplier in linked:
                continue
            clauses = [c for c, v in CONTROLS.items() if v["supplier"] == supplier]
            check.fail(
                ("risks", i, "controls"),
                f"{risk.id} arises from {component}, which {supplier} runs, but none of its "
                f"controls is a {supplier} clause ({listed(clauses, 'or')})",
                f"what Brightwater can require of {supplier} is in its contract: link the "
                "clause that treats this risk, or propose one in the treatment",
            )


@exercise.rule(
    "RISK-TREATMENT",
    "A risk whose residual score is high has a treatment: an action, the role that sees it "
    "done and a due date. Every treatment is due after the review on 2 March 2026.",
)
def treatment(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        residual = product(risk.residual)
        if risk.treatment is None:
            if band_of(residual) == BANDS[-1][0]:
                check.fail(
                    ("risks", i, "treatment"),
                    f"the residual score of {risk.id} is {number(residual)}, "
                    f"{BANDS[-1][0]}, but it has no treatment",
                    "a high residual needs an action, the role that sees it done and a due "
                    "date, agreed with the CIO: what will bring the score down, and by when?",
                )
        elif risk.treatment.due <= REVIEWED_ON:
            check.fail(
                ("risks", i, "treatment", "due"),
                f"the treatment of {risk.id} is due on {risk.treatment.due.isoformat()}, not "
                f"after this review on {long_date(REVIEWED_ON)}",
                "give the date by which the action will be done; if it is already done, its "
                "control is in place and the residual can reflect it",
            )


@exercise.rule(
    "RISK-REVIEW-DATE",
    "Each review_by date is after 2 March 2026 and within the days the residual band "
    "allows: high 30, medium 90, low 365.",
)
def review_date(doc: Register, check: Check) -> None:
    for i, risk in enumerate(doc.risks):
        residual = product(risk.residual)
        band = band_of(residual)
        days = review_days(band)
        latest = REVIEWED_ON + dt.timedelta(days=days)
        path = ("risks", i, "review_by")
        if risk.review_by <= REVIEWED_ON:
            check.fail(
                path,
                f"the next review of {risk.id} ({risk.review_by.isoformat()}) is not after "
                f"this review on {long_date(REVIEWED_ON)}",
                f"with a residual score of {number(residual)}, {band}, review it by "
                f"{latest.isoformat()}",
            )
        elif risk.review_by > latest:
            check.fail(
                path,
                f"the residual score of {risk.id} is {number(residual)}, {band}: its next "
                f"review is due within {days} days, by {long_date(latest)}; review_by is "
                f"{risk.review_by.isoformat()}",
                "this course reviews high risks within 30 days, medium within 90 and low "
                "within a year; an incident can bring a review forward, never push it back",
            )


@exercise.rule(
    "RISK-INCIDENT-REVIEW",
    "Every incident in the brief is reviewed and sends at least one risk back to review; "
    "an incident that hit a part of Depot Scanning sends a risk that arises from that part.",
)
def incident_review(doc: Register, check: Check) -> None:
    by_id: dict[str, Risk] = {}
    for risk in doc.risks:
        by_id.setdefault(key(risk.id), risk)
    reviewed = {key(r.incident) for r in doc.incident_reviews}
    for incident, facts in INCIDENTS.items():
        if key(incident) not in reviewed:
            check.fail(
                "incident_reviews",
                f"{incident}, on {long_date(dt.date.fromisoformat(str(facts['date'])))}, is in "
                "no incident review",
                "add an entry for it: which risk does it send back to review, and what does "
                "it show about that risk's likelihood, impact or controls?",
            )
    for i, review in enumerate(doc.incident_reviews):
        known = INCIDENT_IDS.get(key(review.incident))
        if known is None:
            continue  # RISK-IDS-KNOWN says so
        incident = known
        risks = [by_id[key(r)] for r in review.risks if key(r) in by_id]
        hit = INCIDENTS[incident]["component"]
        if not review.risks:
            check.fail(
                ("incident_reviews", i, "risks"),
                f"{incident} sends no risk to review",
                "if no risk on the register matches it, the incident has found a missing "
                "risk: add that risk, then list it here",
            )
        elif risks and hit and not any(hit in components_of(r) for r in risks):
            check.fail(
                ("incident_reviews", i, "risks"),
                f"{incident} hit {component_label(hit)}, but none of the risks it sends to "
                f"review ({listed(r.id for r in risks)}) arises from {hit}",
                "send it to the risk that arises from the part it hit; if there is none, the "
                "incident has found a missing risk: add it to the register",
            )
