"""The rules of flo-04-change on each change's window, main risk, rollback and test
evidence, and on the design of peer review and gates. ``validator.py`` registers them
after its own rules, in this order."""

from __future__ import annotations

from curriculum.validation import Check, Rules
from curriculum.validation.toolkit import plural, words

from .analysis import (
    CONFIRM,
    EMPTY_EVIDENCE,
    EXTERNAL_APPROVERS,
    GENERIC_RISK,
    JUDGEMENT,
    _assessed,
    _load_out_clash,
    _phrase,
    _show,
)
from .schema import (
    LOAD_OUT_TEXT,
    MAX_CHECKLIST,
    MAX_GATES,
    MAX_WINDOW_HOURS,
    MIN_CHECKLIST,
    MIN_GATES,
    ChangeRisk,
)

rules: Rules[ChangeRisk] = Rules()


@rules.rule(
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


@rules.rule(
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


@rules.rule(
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


@rules.rule(
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


@rules.rule(
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


@rules.rule(
    "CHANGE-GATES",
    f"The pipeline has {MIN_GATES} to {MAX_GATES} automated gates with different ids, at least "
    "one before deployment (before-deploy) and at least one that watches the service after "
    "deployment (after-deploy).",
)
def gates(doc: ChangeRisk, check: Check) -> None:
    ids = [g.id for g in doc.gates]
    check.unique("gates", ids, what="gate id", hint="give each its own id", field="id")
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


@rules.rule(
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
