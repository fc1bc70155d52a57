"""The flow exercises (flo-01 to flo-05): each case.yaml agrees with the template
and the brief the learner reads, and the rules catch what marking.md names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.registry import check_file, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"


def case(exercise_id: str) -> dict:
    return load_yaml((EXERCISES / exercise_id / "case.yaml").read_text(encoding="utf-8")).data


def text(exercise_id: str, name: str) -> str:
    return (EXERCISES / exercise_id / name).read_text(encoding="utf-8")


def findings_of(exercise_id: str, tmp_path: Path, body: str, name: str = "artefact.yaml"):
    exercise, problems = read_exercise(EXERCISES / exercise_id)
    assert exercise is not None and problems == []
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    findings, readable = check_file(exercise, path)
    assert readable
    return findings


# --- flo-04-change ----------------------------------------------------------------------

FLO04 = "flo-04-change"
#: puts the exercise id in each test's name, so `-k flo-04` selects it
ON04 = pytest.mark.parametrize("exercise_id", [FLO04])


@ON04
def test_flo04_catalogue_in_the_template_is_the_one_in_case_yaml(exercise_id: str) -> None:
    template = text(FLO04, "template.yaml")
    block = template.split("THE STANDARD CHANGE CATALOGUE")[1].split("THE ROUTES")[0]
    entries = re.findall(r"#\s+(SC-\d\d)\s+(.*?)(?=\n#\s+SC-|\n#\s*\n)", block, re.S)
    shown = {
        ref: " ".join(re.sub(r"\n#\s*", " ", body).split()).rstrip(".") for ref, body in entries
    }
    catalogue = {ref: " ".join(body.split()) for ref, body in case(FLO04)["catalogue"].items()}
    assert {ref: body.casefold() for ref, body in shown.items()} == {
        ref: body.casefold() for ref, body in catalogue.items()
    }


@ON04
def test_flo04_change_ids_of_template_brief_and_case_agree(exercise_id: str) -> None:
    template = load_yaml(text(FLO04, "template.yaml")).data
    ids = [c["id"] for c in template["changes"]]
    assert ids == list(case(FLO04)["changes"])
    assert "seven change requests" in text(FLO04, "brief.md")
    assert len(ids) == 7


@ON04
def test_flo04_model_and_load_out_of_the_template_are_the_case_ones(exercise_id: str) -> None:
    model = case(FLO04)["model"]
    template = load_yaml(text(FLO04, "template.yaml")).data["model"]
    assert template["high_from"] == model["high_from"]
    assert {f["id"]: f["weight"] for f in template["factors"]} == {
        fid: f["weight"] for fid, f in model["factors"].items()
    }
    for fid, factor in model["factors"].items():
        name = next(f["name"] for f in template["factors"] if f["id"] == fid)
        assert name.startswith(factor["name"])
    assert sum(f["weight"] for f in model["factors"].values()) == model["total_weight"]
    load_out = case(FLO04)["load_out"]
    assert f"load-out {load_out['start']}-{load_out['end']}" in text(FLO04, "template.yaml")


@ON04
def test_flo04_incident_and_fixed_facts_are_in_the_requests(exercise_id: str) -> None:
    template = text(FLO04, "template.yaml")
    changes = case(FLO04)["changes"]
    assert changes["CHG-3105"]["incident"] in template
    flat = " ".join(template.split())
    for fact in (
        "26 times",
        "about 90 minutes",
        "all 38 depots",
        "Sunday 8 February",
        "about 3 hours",
        "45 people",
        "first time",
    ):
        assert fact in flat, fact
    solution = load_yaml(text(FLO04, "solution.yaml")).data
    for change in solution["changes"]:
        for factor, (rating, _why) in changes[change["id"]].get("facts", {}).items():
            assert change["ratings"][factor] == rating, (change["id"], factor)


def _flo04_solution_with(old: str, new: str) -> str:
    body = text(FLO04, "solution.yaml")
    assert old in body
    return body.replace(old, new, 1)


@pytest.mark.parametrize(
    "condition", ["Any test fails", "any test fails", "a test fails", "SLI below SLO"]
)
@ON04
def test_flo04_a_short_testable_gate_condition_passes(
    exercise_id: str, tmp_path: Path, condition: str
) -> None:
    body = _flo04_solution_with(
        "blocks_when: Any unit or integration test fails", f"blocks_when: {condition}"
    )
    assert findings_of(FLO04, tmp_path, body) == []


@ON04
def test_flo04_a_gate_left_to_a_person_is_caught(exercise_id: str, tmp_path: Path) -> None:
    body = _flo04_solution_with(
        "blocks_when: Any unit or integration test fails",
        "blocks_when: The tech lead feels the change is not ready",
    )
    found = findings_of(FLO04, tmp_path, body)
    assert [(f.code, f.location.field) for f in found] == [
        ("CHANGE-GATE-CONDITION", "G1.blocks_when")
    ]


@ON04
def test_flo04_a_reviewer_who_is_not_the_cab_passes(exercise_id: str, tmp_path: Path) -> None:
    body = _flo04_solution_with(
        "reviewer: Another engineer in the team that owns the service, who did not write the "
        "change",
        "reviewer: A peer in the owning team, rather than the CAB or the change manager",
    )
    assert findings_of(FLO04, tmp_path, body) == []


@ON04
def test_flo04_catalogue_refs_in_any_form_are_the_entry(exercise_id: str, tmp_path: Path) -> None:
    body = _flo04_solution_with("standard_ref: SC-01", "standard_ref: sc1")
    body = body.replace("incident: INC-51890", "incident: inc 51890")
    assert findings_of(FLO04, tmp_path, body) == []


# --- flo-01-backlog: the learner's own backlog, so no case.yaml ---------------------------

ON01 = pytest.mark.parametrize("exercise_id", ["flo-01-backlog"])


@ON01
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("product_owner: Service desk team lead", "product_owner: The service desk team lead."),
        ("As a depot operations manager, I want a", "As depot operations manager I need a"),
        ("so that I am not asked", "so I am not asked"),
        ("Calls asking where a request has got to fall by half", "Calls fall by half"),
    ],
)
def test_flo01_good_work_in_other_words_passes(
    exercise_id: str, tmp_path: Path, old: str, new: str
) -> None:
    body = text(exercise_id, "solution.yaml")
    assert old in body
    assert findings_of(exercise_id, tmp_path, body.replace(old, new, 1)) == []


@ON01
def test_flo01_a_gain_for_the_process_is_caught_where_it_is(
    exercise_id: str, tmp_path: Path
) -> None:
    body = text(exercise_id, "solution.yaml").replace(
        "so that I stop typing the same details twice", "so that we follow ITIL best practice"
    )
    found = findings_of(exercise_id, tmp_path, body)
    assert [(f.code, f.location.field) for f in found] == [("BACKLOG-STORY-FORM", "B6.story")]


# --- flo-02-board -----------------------------------------------------------------------

ON02 = pytest.mark.parametrize("exercise_id", ["flo-02-board"])


@ON02
def test_flo02_history_of_template_and_brief_is_the_case_one(exercise_id: str) -> None:
    facts = case(exercise_id)
    template_text = text(exercise_id, "template.yaml")
    template = load_yaml(template_text).data
    history = facts["history"]
    assert template["team_size"] == facts["team"]["size"]
    assert template["team"] == facts["team"]["name"]
    assert template["flow"]["period_working_days"] == history["period_working_days"]
    snapshots = ", ".join(str(n) for n in history["wip_snapshots"])
    assert f"#   {snapshots}." in template_text
    assert f"Items finished: {history['items_finished']}." in template_text
    brief = " ".join(text(exercise_id, "brief.md").split())
    assert (
        f"{history['items_finished']} items finished in {history['period_working_days']} "
        "working days" in brief
    )
    solution = load_yaml(text(exercise_id, "solution.yaml")).data["flow"]
    assert solution["wip_snapshots"] == history["wip_snapshots"]


@ON02
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - name: expedite\n", "  - name: Expedited\n"),
        (
            "pull_criteria: The requester confirms it works for them, or monitoring shows it "
            "working for a full day, and the runbook is updated.",
            "pull_criteria: Requester confirms it works",
        ),
    ],
)
def test_flo02_good_work_in_other_words_passes(
    exercise_id: str, tmp_path: Path, old: str, new: str
) -> None:
    body = text(exercise_id, "solution.yaml")
    assert old in body
    assert findings_of(exercise_id, tmp_path, body.replace(old, new, 1)) == []


@ON02
def test_flo02_own_team_keeps_its_own_history(exercise_id: str, tmp_path: Path) -> None:
    body = text(exercise_id, "solution.yaml").replace(
        "team: Platform and operations team", "team: Network operations at a hospital"
    )
    body = body.replace("items_finished: 84", "items_finished: 80")
    found = findings_of(exercise_id, tmp_path, body)
    assert "BOARD-HISTORY" not in {f.code for f in found}
    assert {f.code for f in found} <= {"BOARD-THROUGHPUT", "BOARD-CYCLE-TIME", "BOARD-FORECAST"}


# --- flo-03-vsm -------------------------------------------------------------------------

ON03 = pytest.mark.parametrize("exercise_id", ["flo-03-vsm"])
_HOURS = {
    "half a working day": 4,
    "one working day": 8,
    "a day and a half": 12,
    "two working days": 16,
}


@ON03
def test_flo03_the_notes_of_the_template_give_the_case_figures(exercise_id: str) -> None:
    template = text(exercise_id, "template.yaml")
    stages = re.split(r"\n# (?=\d\. )", template.split("NOTES FROM THE MAPPING WALK")[1])[1:]
    steps = case(exercise_id)["current_steps"]
    assert len(stages) == len(steps) == 9
    for stage, step in zip(stages, steps, strict=True):
        flat = " ".join(re.sub(r"\n#\s*", " ", stage).split())
        assert f"{100 - step['ca']} %" in flat, (step["id"], flat)
        spans = [hours for words_, hours in _HOURS.items() if words_ in flat]
        assert step["lead"] in spans, (step["id"], spans)
    hours = case(exercise_id)["hours_per_day"]
    assert f"{hours} working hours" in template
    assert f"({hours} to a" in text(exercise_id, "brief.md")


@ON03
def test_flo03_the_model_answer_maps_the_case(exercise_id: str) -> None:
    solution = load_yaml(text(exercise_id, "solution.yaml")).data["current_state"]
    figures = [
        (s["process_time_hours"], s["lead_time_hours"], s["complete_accurate_percent"])
        for s in solution["steps"]
    ]
    assert figures == [
        (s["process"], s["lead"], s["ca"]) for s in case(exercise_id)["current_steps"]
    ]


@ON03
def test_flo03_own_request_keeps_its_own_figures(exercise_id: str, tmp_path: Path) -> None:
    body = text(exercise_id, "cases/pass/own-laptop-request.yaml")
    assert findings_of(exercise_id, tmp_path, body) == []
    driver = text(exercise_id, "solution.yaml").replace(
        "      lead_time_hours: 16\n", "      lead_time_hours: 15\n", 1
    )
    found = findings_of(exercise_id, tmp_path, driver)
    assert ("VSM-CASE-FIGURES", "current_state.C2.lead_time_hours") in {
        (f.code, f.location.field) for f in found
    }


# --- flo-05-dora ------------------------------------------------------------------------

ON05 = pytest.mark.parametrize("exercise_id", ["flo-05-dora"])
_DAY = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) Feb (\d\d:\d\d)")


def _brief_rows(exercise_id: str, first: str) -> list[list[str]]:
    rows = []
    for line in text(exercise_id, "brief.md").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0].startswith(first) and cells[0] != first:
            rows.append(cells)
    return rows


def _stamp(cell: str, day: str | None = None) -> str | None:
    found = _DAY.search(cell)
    if found:
        return f"2026-02-{int(found.group(1)):02d} {found.group(2)}"
    if day and re.fullmatch(r"\d\d:\d\d", cell):
        return f"{day[:10]} {cell}"
    return None


@ON05
def test_flo05_the_brief_deployment_log_is_the_case_one(exercise_id: str) -> None:
    rows = _brief_rows(exercise_id, "D-")
    logged = case(exercise_id)["deployments"]
    assert [r[0] for r in rows] == [d["id"] for d in logged]
    for row, deployment in zip(rows, logged, strict=True):
        assert _stamp(row[1]) == deployment["committed"], row
        assert _stamp(row[2]) == deployment["deployed"], row
        assert row[3].startswith("planned") == deployment["planned"], row
        if not deployment["planned"]:
            assert deployment["incident"] in row[3]


@ON05
def test_flo05_the_brief_incident_log_is_the_case_one(exercise_id: str) -> None:
    rows = _brief_rows(exercise_id, "INC-")
    logged = case(exercise_id)["incidents"]
    assert [r[0] for r in rows] == [i["id"] for i in logged]
    for row, incident in zip(rows, logged, strict=True):
        assert _stamp(row[1]) == incident["started"], row
        assert _stamp(row[2], incident["started"]) == incident["restored"], row
        assert (row[3] if row[3].startswith("D-") else None) == incident["cause"], row
    assert "four weeks" in text(exercise_id, "brief.md")
    assert case(exercise_id)["window_days"] == 28


@ON05
def test_flo05_the_figures_from_the_case_are_the_model_answer(exercise_id: str) -> None:
    import json

    solution = json.loads(text(exercise_id, "solution.json"))
    facts = case(exercise_id)
    live = [d for d in facts["deployments"] if d["deployed"]]
    assert solution["deployments"] == len(live)
    assert solution["failed_deployments"] == [i["cause"] for i in facts["incidents"] if i["cause"]]
    assert solution["unplanned_deployments"] == [d["id"] for d in live if not d["planned"]]


@ON05
@pytest.mark.parametrize("ids", [["d-103", "D107", "D 111"], ["D-103", "D-107", "D-111"]])
def test_flo05_deployment_ids_in_any_form_are_read(
    exercise_id: str, tmp_path: Path, ids: list[str]
) -> None:
    import json

    solution = json.loads(text(exercise_id, "solution.json"))
    solution["failed_deployments"] = ids
    body = json.dumps(solution)
    assert findings_of(exercise_id, tmp_path, body, "dora.json") == []
