"""Checks across modules and learning-path planning, without Sphinx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curriculum.core.model import Programme
from curriculum.core.paths import check_paths, plan_path
from curriculum.core.programme import ModuleRecord, check_modules, load_programme, parse_module
from curriculum.core.project import load_project

from .conftest import ROOTS

ROOT = ROOTS / "test-course"


@pytest.fixture(scope="module")
def programme() -> Programme:
    loaded, _ = load_programme(ROOT / "programme.yaml")
    assert loaded is not None
    return loaded


def module(
    programme: Programme,
    module_id: str,
    prerequisites: list[str],
    audiences: str = "[x]",
    folder: str | None = None,
    draft: bool = False,
) -> ModuleRecord:
    folder = folder or module_id
    text = f"""---
id: {module_id}
title: Module {module_id}
track: {module_id.split("-")[0]}
duration: 30
audiences: {audiences}
prerequisites: [{", ".join(prerequisites)}]
values: [V1]
objectives:
  - {{id: o1, text: Explain one thing clearly., bloom: understand}}
  - {{id: o2, text: Apply one thing to a case., bloom: apply}}
  - {{id: o3, text: Design one thing for a team., bloom: create}}
draft: {"true" if draft else "false"}
---
"""
    record, problems = parse_module(
        text, programme, f"modules/{folder}/index", f"modules/{folder}/index.md"
    )
    assert problems == [] and record is not None
    return record


def test_clean_set_has_no_problems(programme: Programme) -> None:
    records = [module(programme, "a-01", []), module(programme, "a-02", ["a-01"])]
    assert check_modules(records) == []


def test_duplicate_id(programme: Programme) -> None:
    copy = module(programme, "a-01", [], folder="a-02")
    first = module(programme, "a-01", [])
    (problem,) = check_modules([copy, first])
    assert str(problem) == (
        "modules/a-02/index.md:2: module id 'a-01' is already used by modules/a-01/index.md "
        "(give this module its own id: 'id: a-02' matches its folder)"
    )


def test_id_and_folder_differ(programme: Programme) -> None:
    (problem,) = check_modules([module(programme, "a-09", [], folder="a-01")])
    assert str(problem) == (
        "modules/a-01/index.md:2: module id 'a-09' does not match its folder 'a-01' "
        "(rename the folder to modules/a-09/ or set 'id: a-01')"
    )


def test_unknown_prerequisite(programme: Programme) -> None:
    (problem,) = check_modules([module(programme, "a-01", ["a-07"])])
    assert problem.line == 7
    assert "prerequisite 'a-07' is not a module of this course" in problem.message
    assert "a-01" in problem.hint


def test_cycle_is_reported_once(programme: Programme) -> None:
    records = [
        module(programme, "a-01", ["a-03"]),
        module(programme, "a-02", ["a-01"]),
        module(programme, "a-03", ["a-02"]),
    ]
    (problem,) = check_modules(records)
    assert problem.code == "cycle"
    assert problem.message == "prerequisites form a cycle: a-01 -> a-03 -> a-02 -> a-01"
    assert problem.path == "modules/a-02/index.md" and problem.line == 7


def test_path_includes_every_prerequisite_first(programme: Programme) -> None:
    records = [
        module(programme, "b-01", ["a-02"], audiences="[y]"),
        module(programme, "a-02", ["a-01"], audiences="[x]"),
        module(programme, "a-01", [], audiences="[x, y]"),
        module(programme, "b-02", [], audiences="[x]"),
    ]
    plan = plan_path(programme, "py", records)
    assert [s.module.id for s in plan.steps] == ["a-01", "a-02", "b-01"]
    assert [s.needed_by for s in plan.steps] == [[], ["b-01"], []]
    assert plan.duration == 90
    analyst = plan_path(programme, "px", records)
    # ties are broken by track order, then id
    assert [s.module.id for s in analyst.steps] == ["a-01", "a-02", "b-02"]


def with_electives(programme: Programme, path_id: str, electives: list[str]) -> Programme:
    data = programme.model_dump()
    for path in data["paths"]:
        if path["id"] == path_id:
            path["electives"] = electives
    changed = Programme.model_validate(data)
    changed._lines = {("paths", 0, "electives", 0): 31, ("paths", 0, "electives", 1): 32}
    return changed


def test_electives_come_after_the_core_with_their_own_prerequisites(
    programme: Programme,
) -> None:
    records = [
        module(programme, "a-01", [], audiences="[x, y]"),
        module(programme, "a-02", ["a-01"], audiences="[x]"),
        module(programme, "b-01", [], audiences="[y]"),
        module(programme, "b-02", ["b-01"], audiences="[x]"),
        module(programme, "c-01", ["a-01"], audiences="[x]"),
    ]
    changed = with_electives(programme, "px", ["b-02"])
    plan = plan_path(changed, "px", records)
    assert [s.module.id for s in plan.steps] == ["a-01", "a-02", "c-01"]
    assert [s.module.id for s in plan.electives] == ["b-01", "b-02"]
    assert [s.needed_by for s in plan.electives] == [["b-02"], []]
    assert (plan.duration, plan.elective_duration) == (90, 60)
    assert check_paths(changed, records) == []


def test_bad_electives_are_reported_at_their_line(programme: Programme) -> None:
    records = [
        module(programme, "a-01", [], audiences="[x, y]"),
        module(programme, "a-02", ["a-01"], audiences="[x]"),
        module(programme, "b-01", [], audiences="[y]"),
    ]
    changed = with_electives(programme, "px", ["a-01", "b-01", "z-09"])
    problems = check_paths(changed, records)
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("programme.yaml", 31, "path"),
        ("programme.yaml", 32, "path"),
        ("programme.yaml", None, "path"),
    ]
    assert problems[0].message == (
        "path 'px': elective 'a-01' is a prerequisite of a-02, which the path needs"
    )
    assert "not a module for audience 'x'" in problems[1].message
    assert "add 'x' to the module's audiences" in problems[1].hint
    assert "'z-09' is not a module of this course" in problems[2].message
    # a module whose metadata is broken was reported already
    assert len(check_paths(changed, records, invalid=["z-09"])) == 2


def with_minutes(programme: Programme, minutes: dict[str, int]) -> Programme:
    data = programme.model_dump()
    for path in data["paths"]:
        path["minutes"] = minutes.get(path["id"])
    return Programme.model_validate(data)


def test_a_draft_is_on_no_path_nor_in_its_minutes(programme: Programme) -> None:
    records = [
        module(programme, "a-01", [], audiences="[x, y]"),
        module(programme, "a-02", ["a-01"], audiences="[x]", draft=True),
        module(programme, "b-01", [], audiences="[x]"),
    ]
    plan = plan_path(programme, "px", records)
    assert [s.module.id for s in plan.steps] == ["a-01", "b-01"]
    assert plan.duration == 60
    # the path's minutes agree with its complete modules: no drift reported for the draft
    assert check_paths(with_minutes(programme, {"px": 60, "py": 30}), records) == []
    (drift,) = check_paths(with_minutes(programme, {"px": 90}), records)
    assert "meant to last 90 minutes but its core now lasts 60: a-01 b-01" in drift.message
    # once complete, the module counts
    done = [records[0], module(programme, "a-02", ["a-01"]), records[2]]
    assert plan_path(programme, "px", done).duration == 90


def test_a_draft_elective_is_left_out_silently(programme: Programme) -> None:
    records = [
        module(programme, "a-01", [], audiences="[x, y]"),
        module(programme, "b-02", [], audiences="[x]", draft=True),
    ]
    changed = with_electives(programme, "px", ["b-02"])
    plan = plan_path(changed, "px", records)
    assert ([s.module.id for s in plan.steps], plan.electives) == (["a-01"], [])
    assert check_paths(changed, records) == []


def test_a_complete_module_needing_a_draft_is_reported(programme: Programme) -> None:
    records = [
        module(programme, "a-01", [], draft=True),
        module(programme, "a-02", ["a-01"]),
    ]
    assert [s.module.id for s in plan_path(programme, "px", records).steps] == ["a-02"]
    (problem,) = check_paths(programme, records)
    assert (problem.path, problem.line, problem.code) == ("modules/a-02/index.md", 7, "path")
    assert "module 'a-02' needs 'a-01', which is a draft" in problem.message
    # a draft may build on another draft
    records[1] = module(programme, "a-02", ["a-01"], draft=True)
    assert check_paths(programme, records) == []


def test_unknown_path() -> None:
    loaded, _ = load_programme(ROOT / "programme.yaml")
    assert loaded is not None
    with pytest.raises(KeyError):
        plan_path(loaded, "nope", [])


def test_load_project_reads_the_test_root() -> None:
    project = load_project(ROOT)
    assert project.problems == []
    assert [r.id for r in project.modules] == ["a-01", "a-02", "b-01"]


def test_load_project_reports_a_bad_module(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(ROOT, root)
    page = root / "modules" / "a-02" / "index.md"
    page.write_text(page.read_text().replace("duration: 45", "duration: forty"))
    project = load_project(root)
    # b-01 depends on a-02, which is now invalid: that is not reported a second time
    assert [str(p) for p in project.problems] == [
        "modules/a-02/index.md:5: 'duration' must be a whole number, not 'forty' "
        "(write digits only, e.g. 60)",
    ]
