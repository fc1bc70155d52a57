"""lead-06-risks: the case agrees with what learners are shown, and the checks judge a
risk register as a marker following marking.md would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.validation.registry import read_exercise

from . import exercisecheck as ec
from .conftest import REPO

NAME = "lead-06-risks"
FOLDER = REPO / "exercises" / NAME


def case() -> Any:
    return ec.case_of(NAME)


def text(file: str) -> str:
    return ec.text_of(NAME, file)


def findings(tmp_path: Path, yaml_text: str) -> list[tuple[str, str, str]]:
    """(code, field, message) of each finding for ``yaml_text``."""
    found = ec.findings_in(NAME, tmp_path, yaml_text)
    return [(f.code, f.location.field, f.message) for f in found]


def flat(value: str) -> str:
    """Text with comment marks and line breaks folded away, for phrase searches."""
    return " ".join(re.sub(r"(?m)^\s*#\s?", " ", value).split())


def codes(tmp_path: Path, yaml_text: str) -> set[str]:
    return {code for code, _field, _message in findings(tmp_path, yaml_text)}


def edit(old: str, new: str, source: str | None = None) -> str:
    """The model answer (or ``source``) with one passage changed; the passage must exist."""
    base = text("solution.yaml") if source is None else source
    assert base.count(old) >= 1, old
    return base.replace(old, new, 1)


R1_RESIDUAL = "    residual: {likelihood: 2, impact: 5, score: 10, band: high}\n    treatment:\n"


# --- the case is what learners are shown --------------------------------------------------


def test_review_questions_give_no_answer_away() -> None:
    exercise = read_exercise(FOLDER)[0]
    assert exercise is not None
    assert 2 <= len(exercise.meta.review) <= 8
    for question in exercise.meta.review:
        assert question.endswith("?"), question
        assert not re.search(r"\bCTL-\d|\bR\d\b|\b\d+ x \d+\b", question), question


def test_brief_lists_every_component_control_and_incident_of_the_case() -> None:
    data, brief = case(), text("brief.md")
    for component, facts in data["components"].items():
        assert f"| {component} | {facts['what']} |" in brief
    for control, facts in data["controls"].items():
        what = " ".join(facts["what"].split())
        row = next(line for line in brief.splitlines() if line.startswith(f"| {control} |"))
        assert what in row, control
        assert ("in place" in row) == (facts["status"] == "in place"), control
        assert (f"| {facts['supplier']} |" in row) == bool(facts["supplier"]), control
    for incident, facts in data["incidents"].items():
        day = dt.date.fromisoformat(facts["date"])
        assert f"| {incident} | {day.day} {day:%B %Y} |" in brief, incident


def test_brief_and_template_state_the_scales_bands_and_review_date() -> None:
    data, brief, template = case(), flat(text("brief.md")), flat(text("template.yaml"))
    reviewed = dt.date.fromisoformat(data["reviewed_on"])
    assert f"{reviewed.day} {reviewed:%B %Y}" in brief
    assert reviewed.isoformat() in template
    for band in data["bands"]:
        shown = f"{band['band']} {band['lowest']}-{band['highest']}"
        assert shown in brief and shown in template, shown
    assert "within 30 days for a high residual, 90 for medium, 365 for low" in template
    for number, name, _meaning in data["likelihood"]:
        assert f"{number} {name.lower()}" in template


def test_every_part_a_supplier_runs_has_a_clause_of_that_supplier() -> None:
    data = case()
    clauses = {c["supplier"] for c in data["controls"].values()}
    for component, facts in data["components"].items():
        if facts["supplier"]:
            assert facts["supplier"] in clauses, component
    for incident in data["incidents"].values():
        assert incident["component"] is None or incident["component"] in data["components"]


# --- what is recomputed ---------------------------------------------------------------------


def test_the_model_answer_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, text("solution.yaml")) == []


def test_a_score_added_instead_of_multiplied_is_refused_with_the_product(tmp_path: Path) -> None:
    added = edit(R1_RESIDUAL, R1_RESIDUAL.replace("score: 10", "score: 7"))
    [(code, field, message)] = findings(tmp_path, added)
    assert (code, field) == ("RISK-SCORE", "R1.residual.score")
    assert "is 7; expected 10" in message


def test_a_band_that_follows_from_a_wrong_score_is_reported_once(tmp_path: Path) -> None:
    wrong = edit(
        R1_RESIDUAL, R1_RESIDUAL.replace("score: 10, band: high", "score: 7, band: medium")
    )
    assert codes(tmp_path, wrong) == {"RISK-SCORE"}


@pytest.mark.parametrize(
    ("score", "band"), [(4, "low"), (5, "medium"), (9, "medium"), (10, "high")]
)
def test_band_edges_are_the_cases(score: int, band: str) -> None:
    bands = case()["bands"]
    found = next(b["band"] for b in bands if b["lowest"] <= score <= b["highest"])
    assert found == band


def test_ten_is_high_so_it_needs_a_treatment(tmp_path: Path) -> None:
    untreated = edit(
        "    treatment:\n      action: Switch the sync service's certificates to automatic "
        "renewal (CTL-10).\n      owner: Platform team lead\n      due: 2026-04-30\n",
        "    treatment: null\n",
    )
    found = findings(tmp_path, untreated)
    assert [(c, f) for c, f, _m in found] == [("RISK-TREATMENT", "R4.treatment")]
    assert "is 10, high" in found[0][2]


@pytest.mark.parametrize(
    ("review_by", "said"),
    [
        ("2026-04-01", None),
        ("2026-03-03", None),
        ("2026-04-02", "within 30 days, by 1 April 2026"),
        ("2026-03-02", "is not after this review on 2 March 2026"),
    ],
)
def test_a_high_risk_is_reviewed_within_30_days(
    tmp_path: Path, review_by: str, said: str | None
) -> None:
    dated = edit("    review_by: 2026-04-01  # high", f"    review_by: {review_by}  # high")
    found = findings(tmp_path, dated)
    if said is None:
        assert found == []
    else:
        [(code, field, message)] = found
        assert (code, field) == ("RISK-REVIEW-DATE", "R1.review_by")
        assert said in message


def test_a_planned_clause_lowers_nothing_until_it_is_in_place(tmp_path: Path) -> None:
    planned_only = edit("controls: [CTL-05, CTL-03, CTL-04]", "controls: [CTL-03, CTL-04]")
    [(code, field, message)] = findings(tmp_path, planned_only)
    assert (code, field) == ("RISK-RESIDUAL-CONTROL", "R1.residual")
    assert "planned from 1 July 2026" in message
    # the same ratings, with the planned clause kept out of the residual, pass
    honest = edit(
        R1_RESIDUAL,
        R1_RESIDUAL.replace(
            "likelihood: 2, impact: 5, score: 10", "likelihood: 3, impact: 5, score: 15"
        ),
        planned_only,
    )
    assert findings(tmp_path, honest) == []


def test_a_supplier_run_part_needs_that_suppliers_clause(tmp_path: Path) -> None:
    # CTL-08 is Brightwater's own fallback: it acts on C2, but LinkWave promises nothing in it
    no_clause = edit("controls: [CTL-06, CTL-08, CTL-07]", "controls: [CTL-08]")
    [(code, field, message)] = findings(tmp_path, no_clause)
    assert (code, field) == ("RISK-SUPPLIER-CONTROL", "R3.controls")
    assert "LinkWave" in message and "CTL-06 or CTL-07" in message


def test_an_incident_goes_to_a_risk_on_the_part_it_hit(tmp_path: Path) -> None:
    wrong_part = edit(
        "  - incident: INC-51975\n    risks: [R3]", "  - incident: INC-51975\n    risks: [R4]"
    )
    assert [(c, f) for c, f, _m in findings(tmp_path, wrong_part)] == [
        ("RISK-INCIDENT-REVIEW", "incident_reviews[4].risks")
    ]
    # INC-51890 was in Route Planner: any risk it points to is the learner's judgement
    elsewhere = edit(
        "  - incident: INC-51890\n    risks: [R4]", "  - incident: INC-51890\n    risks: [R1]"
    )
    assert findings(tmp_path, elsewhere) == []


# --- what a marker accepts --------------------------------------------------------------------


def test_ids_bands_and_numbers_as_learners_write_them(tmp_path: Path) -> None:
    relaxed = edit("controls: [CTL-05, CTL-03, CTL-04]", 'controls: ["ctl 5", ctl-03, CTL-4]')
    relaxed = edit("  - id: R2\n", "  - id: r2\n", relaxed)
    relaxed = edit(
        "    residual: {likelihood: 2, impact: 3, score: 6, band: medium}",
        '    residual: {likelihood: "2", impact: 3, score: "6", band: Amber}',
        relaxed,
    )
    relaxed = edit("  - incident: INC-50712\n", "  - incident: inc 50712\n", relaxed)
    assert findings(tmp_path, relaxed) == []


@pytest.mark.parametrize(
    ("owner", "ok"),
    [
        ("Supplier manager for LinkWave", True),
        ("Dev team lead", True),
        ("Head of depot operations", True),
        ("LinkWave", False),
        ("LinkWave account manager", False),
        ("Aisha Bello", False),
        ("IT", False),
        ("TBD", False),
    ],
)
def test_an_owner_is_a_brightwater_role(tmp_path: Path, owner: str, ok: bool) -> None:
    owned = edit(
        "      Southport on 3 February.\n    owner: Depot Scanning service owner\n",
        f"      Southport on 3 February.\n    owner: {owner}\n",
    )
    found = {(c, f) for c, f, _m in findings(tmp_path, owned)}
    assert found == (set() if ok else {("RISK-OWNER", "R3.owner")})
