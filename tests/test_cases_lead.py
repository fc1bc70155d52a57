"""The leadership and supplier exercises' case data: case.yaml, template and brief agree.

Each exercise keeps its scenario's facts in ``case.yaml``; the learner reads them in the
template's comments and in the brief. These tests keep the three from drifting apart,
and check that the validator uses the case's figures as a marker would.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.registry import check_file, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"


def folder(name: str) -> Path:
    return EXERCISES / name


def case(name: str) -> Any:
    return load_yaml((folder(name) / "case.yaml").read_text(encoding="utf-8")).data


def text(name: str, file: str) -> str:
    return (folder(name) / file).read_text(encoding="utf-8")


def flat(value: str) -> str:
    """Text with comment marks and line breaks folded away, for phrase searches."""
    return " ".join(re.sub(r"(?m)^\s*#\s?", " ", value).split())


def codes_at(name: str, tmp_path: Path, yaml_text: str) -> set[tuple[str, str | None]]:
    exercise, problems = read_exercise(folder(name))
    assert exercise is not None, problems
    path = tmp_path / "artefact.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    findings, readable = check_file(exercise, path)
    assert readable
    return {(f.code, f.location.field) for f in findings}


def solution(name: str) -> str:
    return text(name, "solution.yaml")


# --- lead-01: the Depot Scanning catalogue entry ----------------------------------------------


@pytest.mark.parametrize("name", ["lead-01-catalogue"])
def test_lead01_template_gives_the_case_figures(name: str) -> None:
    data, template = case(name), flat(text(name, "template.yaml"))
    assert data["depots"] * data["load_out_mornings"] == data["figures"][1]["out_of"]
    assert f"{data['depots']} depots x {data['load_out_mornings']} load-out mornings" in template
    for figure in data["figures"]:
        assert f"{figure['count']:,}" in template, figure
    missed, on_time = data["figures"]
    assert f"{on_time['count']} of {on_time['out_of']} depot mornings" in template
    assert f"{missed['count']} parcels per {missed['out_of']:,} planned" in template
    load_out = data["load_out"]
    assert f"Load-out: {load_out['start']}-{load_out['end']}, Monday to Saturday" in template
    slo = data["slo"]
    assert f"{slo['target_percent']} % of load-out scans" in template
    assert f"rolling {slo['window_days']} days" in template


@pytest.mark.parametrize("name", ["lead-01-catalogue"])
def test_lead01_every_supplier_in_the_template_is_in_the_case(name: str) -> None:
    data, template = case(name), text(name, "template.yaml")
    for supplier in ("ScanTech", "LinkWave", "Nimbus Cloud", "FrontLine Support"):
        assert supplier in template
        assert supplier in data["suppliers"]
    assert data["service"] in text(name, "brief.md")


@pytest.mark.parametrize("name", ["lead-01-catalogue"])
def test_lead01_baseline_is_checked_against_the_dispatch_log(name: str, tmp_path: Path) -> None:
    good = solution(name)
    assert codes_at(name, tmp_path, good) == set()
    flattering = good.replace("baseline: 91\n", "baseline: 93\n")
    assert flattering != good
    found = codes_at(name, tmp_path, flattering)
    assert ("CATALOGUE-OUTCOME-BASELINE", "outcome_measures[1].baseline") in found
    unrounded = good.replace("baseline: 91\n", "baseline: 90.99\n")
    assert codes_at(name, tmp_path, unrounded) == set()


@pytest.mark.parametrize("name", ["lead-01-catalogue"])
def test_lead01_baseline_of_another_service_is_the_learners_own(name: str, tmp_path: Path) -> None:
    other = solution(name).replace("service: Depot Scanning", "service: Scanning")
    other = other.replace("baseline: 91\n", "baseline: 93\n")
    assert codes_at(name, tmp_path, other) == set()


@pytest.mark.parametrize("said", ["increase", "Higher", "higher is better"])
@pytest.mark.parametrize("name", ["lead-01-catalogue"])
def test_lead01_direction_in_other_words(name: str, tmp_path: Path, said: str) -> None:
    good = solution(name).replace("direction: up", f"direction: {said}")
    assert codes_at(name, tmp_path, good) == set()


# --- lead-02: the stakeholder map --------------------------------------------------------------


@pytest.mark.parametrize("name", ["lead-02-stakeholders"])
def test_lead02_everyone_in_the_case_is_in_the_notes(name: str) -> None:
    data, template = case(name), text(name, "template.yaml")
    for name in data["in_the_notes"]:
        assert f"# - {name}" in template, name
    assert f"{data['sponsor']}, sponsors" in template


@pytest.mark.parametrize("name", ["lead-02-stakeholders"])
def test_lead02_values_are_the_programme_values(name: str) -> None:
    data = case(name)
    template = text(name, "template.yaml")
    assert f"{', '.join(list(data['values'])[:-1])} or {list(data['values'])[-1]}" in template
    fnd01 = (REPO / "modules" / "fnd-01" / "index.md").read_text(encoding="utf-8")
    for value in data["values"].values():
        assert value["statement"] in fnd01
        assert value["short"] in value["statement"].casefold()


@pytest.mark.parametrize("name", ["lead-02-stakeholders"])
def test_lead02_evidence_for_high_power_is_in_the_notes(name: str) -> None:
    data = case(name)
    notes = flat(text(name, "template.yaml"))
    assert "turned down two earlier IT pilots" in notes
    assert "only record of when trucks leave" in notes
    for group in data["high_power"]:
        assert "two earlier IT pilots" in group["evidence"]


@pytest.mark.parametrize("said", ["Partnership", "partnership over contract policing", "v5"])
@pytest.mark.parametrize("name", ["lead-02-stakeholders"])
def test_lead02_value_by_its_name(name: str, tmp_path: Path, said: str) -> None:
    good = solution(name).replace("value: V5", f"value: {said}")
    assert codes_at(name, tmp_path, good) == set()


# --- lead-03: one quarter's OKRs -------------------------------------------------------------


@pytest.mark.parametrize("name", ["lead-03-okrs"])
def test_lead03_parent_objectives_are_the_case(name: str) -> None:
    data = case(name)
    raw = text(name, "template.yaml")
    template = load_yaml(raw).data
    assert template["parent_objectives"] == [
        {"id": p["id"], "objective": p["objective"]} for p in data["parent_objectives"]
    ]
    comments = flat(raw)
    for parent in data["parent_objectives"]:
        kr = parent["key_result"]
        assert f"{parent['id']} key result:" in comments
        assert f"from {kr['baseline']:g}" in comments and f"to {kr['target']:g}" in comments


@pytest.mark.parametrize("name", ["lead-03-okrs"])
def test_lead03_figures_and_quarter_are_the_case(name: str) -> None:
    data = case(name)
    raw = text(name, "template.yaml")
    comments = flat(raw)
    for figure in data["figures"]:
        assert figure["measure"] in comments, figure
        assert f"{figure['value']:g}" in comments, figure
    period = load_yaml(raw).data["period"]
    assert period == {"start": data["quarter"]["start"], "end": data["quarter"]["end"]}
    assert "January to March 2026" in text(name, "brief.md")


@pytest.mark.parametrize(("said", "means"), [("increase", "up"), ("Decrease", "down")])
@pytest.mark.parametrize("name", ["lead-03-okrs"])
def test_lead03_direction_in_other_words(name: str, tmp_path: Path, said: str, means: str) -> None:
    good = solution(name)
    assert f"direction: {means}" in good
    changed = good.replace(f"direction: {means}", f"direction: {said}")
    assert codes_at(name, tmp_path, changed) == set()


# --- sup-02: the service chain ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["sup-02-chain"])
def test_sup02_template_components_are_the_case(name: str) -> None:
    data = case(name)
    template = load_yaml(text(name, "template.yaml")).data
    assert [
        {k: c[k] for k in ("id", "provider", "provider_type", "availability_percent")}
        for c in template["components"]
    ] == data["components"]
    assert template["service"] == data["service"]
    assert template["offered_sla_percent"] == data["sla"]["target_percent"]


@pytest.mark.parametrize("name", ["sup-02-chain"])
def test_sup02_brief_and_template_give_the_sla(name: str) -> None:
    data = case(name)
    sla = data["sla"]
    brief = flat(text(name, "brief.md"))
    comments = flat(text(name, "template.yaml"))
    assert f"{sla['target_percent']:.1f} % of load-out scans" in brief
    assert f"confirmed within {sla['within_seconds']} seconds" in brief
    assert f"{sla['target_percent']:.1f} % of load-out scans" in comments
    assert f"rolling {sla['window_days']} days" in comments
    assert f"load-out runs {data['load_out']['start']}-{data['load_out']['end']}" in comments
    for component in data["components"]:
        if component["provider_type"] == "external":
            assert component["provider"] in data["suppliers"]


@pytest.mark.parametrize("name", ["sup-02-chain"])
def test_sup02_backup_line_is_named_as_a_backup(name: str) -> None:
    data = case(name)
    template = load_yaml(text(name, "template.yaml")).data
    backups = [
        c["id"]
        for c in template["components"]
        if any(w.casefold() in data["backup_words"] for w in re.findall(r"[\w-]+", c["name"]))
    ]
    assert backups == ["C3"]


@pytest.mark.parametrize("name", ["sup-02-chain"])
def test_sup02_action_may_name_the_provider_in_its_own_words(name: str, tmp_path: Path) -> None:
    good = solution(name)
    changed = good.replace("provider: ScanTech", "provider: ScanTech Ltd")
    assert changed != good and "ScanTech Ltd" not in changed.split("weakest_link_action")[1]
    assert codes_at(name, tmp_path, changed) == set()
    nobody = changed.replace("ScanTech", "the supplier").replace("the supplier Ltd", "ScanTech Ltd")
    found = codes_at(name, tmp_path, nobody)
    assert ("CHAIN-ACTION", "weakest_link_action") in found
