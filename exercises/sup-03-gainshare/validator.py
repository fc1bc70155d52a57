"""Checks a gain-share design for an outcome-based contract (module sup-03).

The contract names outcome KPIs (what the business wants) and guardrail KPIs
(what must not get worse while the outcome improves), shares the measured gain
on one outcome KPI between the customer and its suppliers, caps each supplier's
payment, gives every service credit an earn-back rule, and lists the side-effects
the incentive could cause.

The arithmetic, in pounds:

- improvement = measured - baseline when higher is better (direction "up"),
  baseline - measured when lower is better ("down");
- gain_gbp = max(0, improvement) x value_per_unit_gbp;
- each supplier's payment_gbp = min(cap_gbp, gain_gbp x share_percent / 100),
  worked out from the gain_gbp you declare, so that one slip is reported once.

The design may be the template's load-out agreement with ScanTech and LinkWave, or
a gain-share with another supplier. When a supplier of the case shares in the
gain, the figures the template gives (``case.yaml``: baselines, Finance's value of
a held truck, the measured quarter, the draft service credits) are checked too.

The schema is in schema.py; the case's figures and what the rules share (the
KPIs of a contract, the words of an IT output) are in analysis.py.
"""

from __future__ import annotations

import math
import re

from curriculum.validation import Check, Exercise
from curriculum.validation.exercise import number
from curriculum.validation.toolkit import listed, names_nobody, normal

from .analysis import (
    CASE,
    MIN_SIDE_EFFECTS,
    MONEY_TOLERANCE,
    OUTPUT_WORDS,
    SHARE_TOLERANCE,
    SUSTAINED,
    about,
    better,
    is_the_case,
    kpis_of,
)
from .schema import Contract

exercise = Exercise(schema=Contract)


@exercise.rule(
    "GAINSHARE-KPI-LINK",
    "KPI ids are used once; gain_share.kpi is the id of a KPI of kind outcome; every "
    "side effect's watched_by is the id of a KPI in this contract.",
)
def kpi_link(contract: Contract, check: Check) -> None:
    check.unique(
        "outcome_kpis",
        [kpi.id for kpi in contract.outcome_kpis],
        what="the KPI id",
        hint="give each KPI its own id",
        field="id",
    )
    kpis = kpis_of(contract)
    listed = ", ".join(kpis)
    target = kpis.get(contract.gain_share.kpi)
    if target is None:
        check.fail(
            "gain_share.kpi",
            f"'{contract.gain_share.kpi}' is not a KPI of this contract",
            f"use the id of an outcome KPI: {listed}",
        )
    elif target.kind != "outcome":
        check.fail(
            "gain_share.kpi",
            f"{target.id} is a guardrail; the gain is shared on an outcome KPI",
            "share the gain on the outcome the business wants, and use guardrails to "
            "make sure it is not bought at the expense of something else",
        )
    for index, effect in enumerate(contract.side_effects, 1):
        if effect.watched_by is not None and effect.watched_by not in kpis:
            check.fail(
                f"side_effects[{index}].watched_by",
                f"'{effect.watched_by}' is not a KPI of this contract",
                f"use a KPI id ({listed}), or leave watched_by out",
            )


@exercise.rule(
    "GAINSHARE-KPI-TARGET",
    "Each outcome KPI's target is better than its baseline in the KPI's direction "
    "(higher for 'up', lower for 'down'); a guardrail's target is no worse than its "
    "baseline.",
)
def kpi_target(contract: Contract, check: Check) -> None:
    for index, kpi in enumerate(contract.outcome_kpis, 1):
        path = f"outcome_kpis[{index}].target"
        word = "higher" if kpi.direction == "up" else "lower"
        if kpi.kind == "outcome" and not better(kpi, kpi.target, kpi.baseline):
            check.fail(
                path,
                f"{kpi.id}'s target ({number(kpi.target)}) is not {word} than its baseline "
                f"({number(kpi.baseline)}), yet the direction is '{kpi.direction}'",
                "set a target that improves on the baseline, or correct the direction",
            )
        elif kpi.kind == "guardrail" and better(kpi, kpi.baseline, kpi.target):
            check.fail(
                path,
                f"guardrail {kpi.id}'s target ({number(kpi.target)}) is worse than its "
                f"baseline ({number(kpi.baseline)})",
                "a guardrail says what must not get worse: set its target at or better "
                "than the baseline",
            )


@exercise.rule(
    "GAINSHARE-KPI-OWNER",
    "Each KPI's data_owner names a role (not 'TBD', 'someone' or the like), and neither "
    "names nor belongs to a supplier that shares in the gain (e.g. 'ScanTech' or "
    "'ScanTech service manager'): the party paid on a figure does not own it. A role of "
    "the customer's may name a supplier it deals with.",
)
def kpi_owner(contract: Contract, check: Check) -> None:
    shares = contract.gain_share.shares
    suppliers = {normal(s.party): s.party for s in shares if s.role == "supplier"}
    customers = [normal(s.party).split()[0] for s in shares if s.role == "customer" and s.party]
    customers.append(normal(CASE["customer"]))
    for index, kpi in enumerate(contract.outcome_kpis, 1):
        owner = normal(kpi.data_owner).strip(" .")
        path = f"outcome_kpis[{index}].data_owner"
        ours = any(re.search(r"\b" + re.escape(c) + r"\b", owner) for c in customers)
        paid = [] if ours else [name for key, name in suppliers.items() if key in owner]
        if names_nobody(owner):
            check.fail(
                path,
                f"'{kpi.data_owner}' does not say who owns {kpi.id}'s figures",
                "name the role that produces and answers for the data, e.g. 'head of "
                "depot operations'",
            )
        elif paid:
            check.fail(
                path,
                f"{kpi.id}'s figures are owned by '{kpi.data_owner}', but {paid[0]} is paid "
                "on them",
                "give the data to a party with no stake in the payment, and let the "
                "supplier see and challenge it",
            )


@exercise.rule(
    "GAINSHARE-KPI-OUTCOME",
    "No outcome KPI's name measures a component or an IT output: none of "
    + ", ".join(f"'{w}'" for w in OUTPUT_WORDS)
    + " (whole words, any case). A server or a circuit may be named as a cause.",
)
def kpi_outcome(contract: Contract, check: Check) -> None:
    for index, kpi in enumerate(contract.outcome_kpis, 1):
        if kpi.kind != "outcome":
            continue
        check.banned_phrases(
            f"outcome_kpis[{index}].name",
            kpi.name,
            OUTPUT_WORDS,
            why="reward what the business gets (trucks out on time, parcels delivered), "
            "not what IT or the supplier produces; keep component measures in the "
            "service levels",
        )


@exercise.rule(
    "GAINSHARE-PARTIES",
    "The shares name exactly one customer and at least one supplier, each party once.",
)
def parties(contract: Contract, check: Check) -> None:
    shares = contract.gain_share.shares
    customers = [s for s in shares if s.role == "customer"]
    if len(customers) != 1:
        check.fail(
            "gain_share.shares",
            f"the shares name {len(customers)} customers; a gain-share has exactly one",
            "give the customer one entry with role 'customer'",
        )
    if not any(s.role == "supplier" for s in shares):
        check.fail(
            "gain_share.shares",
            "no supplier shares in the gain",
            "add each supplier that shares the gain, with role 'supplier'",
        )
    check.unique(
        "gain_share.shares",
        [share.party for share in shares],
        what="the party",
        hint="give each party one entry",
        key=normal,
        field="party",
    )


@exercise.rule(
    "GAINSHARE-SHARES-TOTAL",
    "The shares add up to 100 % (within 0.01).",
)
def shares_total(contract: Contract, check: Check) -> None:
    total = sum(s.share_percent for s in contract.gain_share.shares)
    parts = " + ".join(number(s.share_percent) for s in contract.gain_share.shares)
    if abs(total - 100) > SHARE_TOLERANCE:
        check.fail(
            "gain_share.shares",
            f"the shares add up to {number(round(total, 4))} % ({parts}), not 100 %",
            "every pound of the gain goes to someone: adjust the shares so they total 100",
        )


@exercise.rule(
    "GAINSHARE-CAP",
    "Every supplier's share has a cap_gbp above zero: the most it can earn in a period.",
)
def cap(contract: Contract, check: Check) -> None:
    for index, share in enumerate(contract.gain_share.shares, 1):
        if share.role == "supplier" and not share.cap_gbp:
            check.fail(
                f"gain_share.shares[{index}].cap_gbp",
                f"{share.party}'s share has no cap",
                "set the most the supplier can earn in a period, so that a windfall from "
                "causes it did not control cannot swamp the contract",
            )


@exercise.rule(
    "GAINSHARE-GAIN",
    "gain_gbp equals the improvement on the baseline of the gain-share KPI times "
    "value_per_unit_gbp, and never less than 0: (measured - baseline) when the direction "
    "is 'up', (baseline - measured) when it is 'down'; within £1.",
)
def gain(contract: Contract, check: Check) -> None:
    kpi = kpis_of(contract).get(contract.gain_share.kpi)
    if kpi is None or kpi.kind != "outcome":
        return  # reported by GAINSHARE-KPI-LINK
    share = contract.gain_share
    if kpi.direction == "up":
        improvement = share.measured - kpi.baseline
        how = f"({number(share.measured)} measured - {number(kpi.baseline)} baseline)"
    else:
        improvement = kpi.baseline - share.measured
        how = f"({number(kpi.baseline)} baseline - {number(share.measured)} measured)"
    expected = max(0.0, improvement) * share.value_per_unit_gbp
    check.close(
        "gain_share.gain_gbp",
        share.gain_gbp,
        expected,
        tolerance=MONEY_TOLERANCE,
        how=f"{how} x £{number(share.value_per_unit_gbp)} per unit, and 0 if the KPI got worse",
    )


@exercise.rule(
    "GAINSHARE-PAYMENT",
    "Each supplier's payment_gbp equals min(cap_gbp, gain_gbp x share_percent / 100), "
    "using your gain_gbp, within £1.",
)
def payment(contract: Contract, check: Check) -> None:
    gain_gbp = contract.gain_share.gain_gbp
    for index, share in enumerate(contract.gain_share.shares, 1):
        if share.role != "supplier":
            continue
        path = f"gain_share.shares[{index}].payment_gbp"
        uncapped = gain_gbp * share.share_percent / 100
        expected = uncapped if not share.cap_gbp else min(share.cap_gbp, uncapped)
        how = f"£{number(gain_gbp)} x {number(share.share_percent)} / 100"
        if share.cap_gbp:
            how = f"the smaller of {how} and the cap of £{number(share.cap_gbp)}"
        if share.payment_gbp is None:
            check.fail(
                path,
                f"{share.party}'s payment is missing",
                f"add payment_gbp: it is {how} = £{number(round(expected, 2))}",
            )
            continue
        check.close(path, share.payment_gbp, expected, tolerance=MONEY_TOLERANCE, how=how)


@exercise.rule(
    "GAINSHARE-EARN-BACK",
    "Every service credit has an earn_back rule that asks for recovery the supplier must "
    "show: a period to sustain (e.g. 'the next three months') or a level to meet (e.g. "
    "'99.7 %'). 'At the supplier's request' or 'by agreement' is not earn-back.",
)
def earn_back(contract: Contract, check: Check) -> None:
    for index, credit in enumerate(contract.service_credits, 1):
        path = f"service_credits[{index}].earn_back"
        rule = (credit.earn_back or "").strip()
        if rule and SUSTAINED.search(rule):
            continue
        check.fail(
            path,
            f"the credit for {credit.supplier} ('{credit.trigger}') has no earn-back rule"
            if not rule
            else f"the earn-back rule for {credit.supplier} ('{rule}') asks for no recovery",
            "say what sustained recovery returns the credit, e.g. 'returned if the "
            "next three months each meet the target'",
        )


@exercise.rule(
    "GAINSHARE-SIDE-EFFECTS",
    f"At least {MIN_SIDE_EFFECTS} side effects are listed, each with a mitigation, and at "
    "least one of them is watched by a guardrail KPI.",
)
def side_effects(contract: Contract, check: Check) -> None:
    check.at_least(
        "side_effects",
        len(contract.side_effects),
        MIN_SIDE_EFFECTS,
        what="the number of side effects",
        why="ask how each party could hit the number without the business gaining: "
        "gaming the data, shifting cost or risk, neglecting what is not measured",
    )
    kpis = kpis_of(contract)
    watched = [
        kpis[e.watched_by]
        for e in contract.side_effects
        if e.watched_by is not None and e.watched_by in kpis
    ]
    if contract.side_effects and not any(k.kind == "guardrail" for k in watched):
        check.fail(
            "side_effects",
            "no side effect is watched by a guardrail KPI",
            "add a guardrail KPI (kind: guardrail) that would show the worst side effect, "
            "and name it in that side effect's watched_by",
        )


@exercise.rule(
    "GAINSHARE-CASE-FIGURES",
    "For the load-out agreement with ScanTech and LinkWave: each KPI measured like one of "
    "the template's figures starts from that figure, a held truck is worth Finance's "
    "£150, the quarter measured is the template's, and each supplier keeps its service "
    "credit from the draft terms.",
)
def case_figures(contract: Contract, check: Check) -> None:
    if not is_the_case(contract):
        return
    for index, kpi in enumerate(contract.outcome_kpis, 1):
        for given in CASE["baselines"]:
            if (
                about(kpi.name, given["about"])
                and normal(given["unit"]) in normal(kpi.unit)
                and not math.isclose(kpi.baseline, given["baseline"])
            ):
                check.fail(
                    f"outcome_kpis[{index}].baseline",
                    f"{kpi.id} starts from {number(kpi.baseline)}, but the template gives "
                    f"{given['says']}",
                    f"use {number(given['baseline'])} as the baseline: both sides agreed it",
                )
                break
    share = contract.gain_share
    shared = kpis_of(contract).get(share.kpi)
    trucks = shared is not None and "truck" in normal(shared.unit)
    if trucks and not math.isclose(share.value_per_unit_gbp, CASE["value_per_truck_gbp"]):
        check.fail(
            "gain_share.value_per_unit_gbp",
            f"a held truck is valued at £{number(share.value_per_unit_gbp)}; Finance says "
            f"£{number(CASE['value_per_truck_gbp'])}",
            "use Finance's figure: a value the customer's finance team did not set will be "
            "disputed at the first payment",
        )
    scanning = shared is not None and about(shared.name, CASE["baselines"][0]["about"])
    if trucks and scanning and not math.isclose(share.measured, CASE["measured"]):
        check.fail(
            "gain_share.measured",
            f"{share.period} is measured at {number(share.measured)}; the template "
            f"gives {number(CASE['measured'])} trucks for {CASE['period']}",
            f"use the measured figure, {number(CASE['measured'])}",
        )
    kept = {normal(c.supplier) for c in contract.service_credits}
    dropped = [s for s in CASE["credits"] if normal(s) not in kept]
    if dropped:
        check.fail(
            "service_credits",
            f"the draft terms' service credit for {listed(dropped)} is missing ("
            + "; ".join(f"{s}: {CASE['credits'][s]}" for s in dropped)
            + ")",
            "keep every credit of the draft terms and give it an earn-back rule; deleting "
            "a credit is a change the other side would have to agree to",
        )
